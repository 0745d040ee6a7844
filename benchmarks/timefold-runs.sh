#!/usr/bin/env bash
# Measures --solver timefold against the CP-SAT optimum on the bundled week-long instances.
#   benchmarks/timefold-runs.sh OUT_DIR [TIME_LIMIT_SECONDS] [SEEDS]
# Writes OUT_DIR/runs.csv (one row per instance, warm start and seed; totalKg re-scored by the validator) and
# the solution files; benchmarks/timefold-summary.py OUT_DIR/runs.csv prints the gap table of benchmarks/timefold.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: timefold-runs.sh OUT_DIR [TIME_LIMIT_SECONDS] [SEEDS]}"
limit="${2:-30}"
seeds="${3:-1 2 3}"
mkdir -p "$out"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
echo "instance,solver,warmStart,seed,timeLimitSeconds,status,totalKg,solveSeconds,reconfigurations,loadAverage1m" > "$out/runs.csv"
for instance in de-week ciso-week gb-week; do
  line=$("$root/planner/bin/planner" plan "$root/instances/$instance.json" --solver cpsat --workers 2 --time-limit 300 \
    --out "$out/$instance-cpsat.json" 2>/dev/null | grep '^instance=')
  echo "$instance,cpsat,,,300,$(echo "$line" | field status),$(echo "$line" | field totalKg),$(echo "$line" | field solveSeconds),$(echo "$line" | field reconfigurations),$(cut -d' ' -f1 /proc/loadavg)" >> "$out/runs.csv"
  for warm in lagrangian none; do
    for seed in $seeds; do
      line=$("$root/planner/bin/planner" plan "$root/instances/$instance.json" --solver timefold --time-limit "$limit" \
        --seed "$seed" --param "warmStart=$warm" --out "$out/$instance-timefold-$warm-$seed.json" 2>/dev/null | grep '^instance=')
      echo "$instance,timefold,$warm,$seed,$limit,$(echo "$line" | field status),$(echo "$line" | field totalKg),$(echo "$line" | field solveSeconds),$(echo "$line" | field reconfigurations),$(cut -d' ' -f1 /proc/loadavg)" >> "$out/runs.csv"
    done
  done
done
cat "$out/runs.csv"
