#!/usr/bin/env bash
# Time-limit honesty: for every solver on the largest bundled instances and a few limits, the whole-process wall
# time of `planner plan` and the solve time it reports (solveSeconds), median of REPEATS fresh JVMs.
#   flock /tmp/planner-cpu.lock benchmarks/time-limits/run.sh        (one timed series: nothing else should run)
# Environment: LIMITS [2 10]  REPEATS [3]  WORKERS [2]  OUT [benchmarks/time-limits/runs.csv]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
limits="${LIMITS:-2 10}"
repeats="${REPEATS:-3}"
workers="${WORKERS:-2}"
out="${OUT:-benchmarks/time-limits/runs.csv}"
instances=(benchmarks/instances/de-4weeks-15min-40opt.json instances/llama70b-h100-1024.json instances/de-week.json)
[ -f planner/target/planner.jar ] || planner/bin/planner build
solvers=$(planner/bin/planner solvers | sed -n 's/^\([a-z-]*\) (.*/\1/p')
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
echo "instance,solver,limitSeconds,repeat,exitCode,wallSeconds,solveSeconds,status,totalKg" > "$out"
for limit in $limits; do
  for instance in "${instances[@]}"; do
    for solver in $solvers; do
      for repeat in $(seq 1 "$repeats"); do
        solution="$scratch/s.json"
        rm -f "$solution"
        start=$(date +%s.%N)
        code=0
        planner/bin/planner plan "$instance" --solver "$solver" --time-limit "$limit" --workers "$workers" \
          --out "$solution" >/dev/null 2>"$scratch/err" || code=$?
        end=$(date +%s.%N)
        fields=$(python3 - "$solution" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    print("%s,%s,%s" % (d["solveSeconds"], d["status"], d["objective"].get("totalKg", "")))
except (OSError, ValueError):
    print(",,")
PY
)
        echo "$(basename "$instance" .json),$solver,$limit,$repeat,$code,$(echo "$end - $start" | bc),$fields" >> "$out"
      done
    done
  done
done
python3 benchmarks/time-limits/summarise.py "$out"
