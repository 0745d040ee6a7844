#!/usr/bin/env bash
# Times the generation of the option table of a 1T-parameter model on up to 16,384 A100s:
# every (dp, tp, pp, micro-batch, interleave, ZeRO stage, recompute) candidate is evaluated, then Pareto-pruned.
# Runs `planner options` REPEATS times (default 5) and reports the median of
#   - the in-process time of reading the instance and generating the table (printed by the command on stderr), and
#   - the wall time of the whole command (JVM start included).
# Usage: benchmarks/model-enumeration/run.sh [INSTANCE] [REPEATS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
instance="${1:-$root/benchmarks/model-enumeration/megatron-1t-16384.json}"
repeats="${2:-5}"
planner="$root/planner/bin/planner"
[ -f "$root/planner/target/planner.jar" ] || "$planner" build >&2
inner=()
wall=()
for i in $(seq 1 "$repeats"); do
  start=$(date +%s.%N)
  message=$("$planner" options "$instance" 2>&1 >/dev/null)
  end=$(date +%s.%N)
  inner+=("$(sed -n 's/.* in \([0-9.]*\) s$/\1/p' <<<"$message")")
  wall+=("$(echo "$end - $start" | bc -l)")
  echo "run $i: $message; wall $(printf '%.3f' "${wall[-1]}") s" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "instance=$(basename "$instance") repeats=$repeats medianGenerateSeconds=$(median "${inner[@]}") medianWallSeconds=$(printf '%.3f' "$(median "${wall[@]}")") cores=$(nproc)"
