#!/usr/bin/env bash
# Submits a benchmark suite to Slurm as a job array of N shards and a merge job that runs when all of them ended.
#
#   benchmarks/slurm/submit.sh SUITE OUT N [sbatch options...]
#
# SUITE: a suite file (benchmarks/README.md); OUT: a directory on a file system every node sees; N: shards (array
# tasks). Further arguments go to both sbatch calls (e.g. --partition=cpu --time=02:00:00 --cpus-per-task=4).
# BENCH_ARGS, if set, is added to every shard's planner bench command (e.g. "--workers 4").
# Prints "ARRAY_JOB_ID MERGE_JOB_ID" on stdout. Results: OUT/merged/results.csv; logs: OUT/logs/.
set -euo pipefail
if [ "$#" -lt 3 ]; then
  echo "usage: submit.sh SUITE OUT N [sbatch options...]" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
suite="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
shards="$3"
shift 3
[ -f "$suite" ] || { echo "submit: $suite: no such suite file." >&2; exit 2; }
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "submit: N must be a whole number >= 1, got '$shards'." >&2; exit 2; }
command -v sbatch >/dev/null || { echo "submit: sbatch not found. Maybe load the Slurm module or run this on a login node?" >&2; exit 2; }
# Build once here: array tasks starting at the same time must not build into one target directory together.
[ -f "$root/planner/target/planner.jar" ] || "$root/planner/bin/planner" build
mkdir -p "$out/logs"
export PLANNER_ROOT="$root" SUITE="$suite" OUT="$out" SHARDS="$shards" BENCH_ARGS="${BENCH_ARGS:-}"
array="$(sbatch --parsable --array="1-$shards" --export=ALL --output="$out/logs/%x-%A_%a.out" "$@" \
  "$root/benchmarks/slurm/bench-array.sbatch")"
array="${array%%;*}"
merge="$(sbatch --parsable --dependency="afterany:$array" --export=ALL --output="$out/logs/%x-%j.out" "$@" \
  "$root/benchmarks/slurm/bench-merge.sbatch")"
merge="${merge%%;*}"
echo "$array $merge"
