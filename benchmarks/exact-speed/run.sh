#!/usr/bin/env bash
# Speed of the exact planner against the goals in results.md, and the scaling series behind scaling.svg.
# Every run is a fresh JVM (`planner plan`, --workers 2) under /usr/bin/time -v (wall clock and peak RSS); the
# load average is read just before and after each run. One line per run goes to runs.csv; summarise.py turns it
# into the tables of results.md and scaling.svg (median of the repeats of each cell). Resumable: runs already in
# runs.csv are not repeated.
#   RUN_PREFIX="flock /tmp/planner-cpu.lock" benchmarks/exact-speed/run.sh [goals|scaling|all]
# Environment: REPEATS [3] runs per goal cell; SCALING_REPEATS [1] runs per scaling cell; RUN_PREFIX [none] wraps
# each cell (its runs back to back, at most about 6 minutes), e.g. a lock so no run shares the CPU with another
# benchmark;
# SCALING_WEEKS [1,2,4 8 16 52] (groups of sizes in weeks, one RUN_PREFIX each); OUT [benchmarks/exact-speed/runs.csv] (appended to; delete it to start over).
# HiGHS on the plain flow model (`--solver mip --param presolve=none`) runs in the same series as the reference.
# A reference run that hits its time limit without a proof is not repeated: the limit is its time either way. A
# run still going at twice its limit plus a minute is stopped (exit code 124 or 143, no solution).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
what="${1:-all}"
repeats="${REPEATS:-3}"
scaling_repeats="${SCALING_REPEATS:-1}"
out="${OUT:-benchmarks/exact-speed/runs.csv}"
read -r -a prefix <<<"${RUN_PREFIX:-}"
command -v /usr/bin/time >/dev/null || { echo "run.sh: /usr/bin/time is missing (peak RSS). Maybe apt-get install time?" >&2; exit 2; }
[ -f planner/target/planner.jar ] || planner/bin/planner build
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
[ -s "$out" ] || echo "cell,instance,solver,args,limitSeconds,repeat,exitCode,load1Before,load1After,wallSeconds,maxRssMb,solveSeconds,status,totalKg,bestBoundKg,gap,solutionJsonBytes,solutionCsvBytes" > "$out"

# One cell: its runs back to back, executed inside RUN_PREFIX so the load is read while the cell holds the CPU lock.
if [ "${1:-}" = "--cell" ]; then
  shift
  cell=$1 n=$2 instance=$3 solver=$4 limit=$5; shift 5
  name="$cell,$(basename "$instance" .json),$solver,${*:-}"
  for ((repeat = 1; repeat <= n; repeat++)); do
    # Resumable: runs already in OUT are kept (delete OUT to measure again).
    done_runs=$(grep -c "^$name,$limit,$repeat," "$out" || true)
    if [ "$done_runs" = 0 ]; then
      solution="$scratch/s.json"
      rm -f "$solution" "${solution%.json}.epochs.csv"
      before=$(cut -d' ' -f1 /proc/loadavg)
      code=0
      # Watchdog: a solve that overruns its limit by far (the plain flow model of millions of arcs) is killed.
      /usr/bin/time -v -o "$scratch/time" timeout --kill-after=10 $((2 * limit + 60)) planner/bin/planner plan "$instance" --solver "$solver" --workers 2 \
        --time-limit "$limit" --seed "$repeat" --out "$solution" "$@" >/dev/null 2>"$scratch/err" || code=$?
      after=$(cut -d' ' -f1 /proc/loadavg)
      wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$scratch/time" \
        | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
      rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$scratch/time" | awk '{ printf "%.0f", $1 / 1024 }')
      fields=$(python3 - "$solution" <<'PY'
import json, os, sys
path = sys.argv[1]
try:
    d = json.load(open(path))
    csv = path[:-len(".json")] + ".epochs.csv"
    print("%s,%s,%s,%s,%s,%d,%d" % (d["solveSeconds"], d["status"], d["objective"].get("totalKg", ""),
          d.get("bestBoundKg", ""), d.get("gap", ""), os.path.getsize(path),
          os.path.getsize(csv) if os.path.exists(csv) else 0))
except (OSError, ValueError, KeyError):
    print(",,,,,0,0")
PY
)
      [ "$code" = 0 ] || echo "run.sh: $cell run $repeat exited $code: $(tail -1 "$scratch/err")" >&2
      echo "$name,$limit,$repeat,$code,$before,$after,$wall,$rss,$fields" >> "$out"
      echo "$cell $solver r$repeat: load $before, wall ${wall}s, ${rss} MB, $fields" >&2
    fi
    # A reference that ran out of time without a proof would only repeat its limit.
    if [ "$solver" = mip ] && [ "$(grep "^$name,$limit,$repeat," "$out" | tail -1 | cut -d, -f13)" != OPTIMAL ]; then break; fi
  done
  exit 0
fi

cell() { # cell-name repeats instance solver limit extra-args...
  ${prefix[@]+"${prefix[@]}"} "$0" --cell "$@"
}

if [ "$what" = goals ] || [ "$what" = all ]; then
  cell goal-2w-12opt "$repeats" benchmarks/instances/de-2weeks-12opt.json label 60
  cell goal-2w-12opt "$repeats" benchmarks/instances/de-2weeks-12opt.json mip 60 --param presolve=none
  cell goal-4w15-40opt "$repeats" benchmarks/instances/de-4weeks-15min-40opt.json label 60
  cell goal-4w15-40opt "$repeats" benchmarks/instances/de-4weeks-15min-40opt.json mip 60 --param presolve=none
  cell goal-8w-40opt "$repeats" benchmarks/instances/de-8weeks-40opt.json label 60
  cell goal-8w-40opt "$repeats" benchmarks/instances/de-8weeks-40opt.json mip 60 --param presolve=none
  cell goal-1y-40opt "$repeats" benchmarks/instances/de-year-40opt.json label 120
  # The year with HiGHS after the presolve (the label setting alone stops at its label budget; the presolve's
  # reduced-cost fixing leaves a small model).
  cell presolve-1y-40opt "$repeats" benchmarks/instances/de-year-40opt.json mip 120
  # No HiGHS reference on the year: its plain flow model has 14.7 million arcs, and HiGHS on the 4.5 million of the
  # four-week instance already overran its limit by minutes at over 3 GB (results.md).
fi
# The scaling series in groups of sizes (one RUN_PREFIX each: the small sizes together take under a minute).
if [ "${1:-}" = "--scaling" ]; then
  for weeks in ${2//,/ }; do
    for table in 12 40; do
      "$0" --cell scaling "$scaling_repeats" "benchmarks/instances/scaling/de-${weeks}w-${table}opt.json" label 60
    done
  done
  exit 0
fi
if [ "$what" = scaling ] || [ "$what" = all ]; then
  for group in ${SCALING_WEEKS:-1,2,4 8 16 52}; do
    ${prefix[@]+"${prefix[@]}"} "$0" --scaling "$group"
  done
fi
