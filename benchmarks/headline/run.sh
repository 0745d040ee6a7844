#!/usr/bin/env bash
# Headline experiment: every baseline and the exact planner (cpsat) on one instance, re-run over real 2023 grid
# traces (regions), start dates across the year and deadline slacks; then cpsat again with switching costs set to
# zero; then the per region x slack table. Resumable: rerunning skips finished cells (see `planner sweep`).
#
#   benchmarks/headline/run.sh [INSTANCE]            default instance: instances/de-week.json
#
# Environment overrides (defaults in brackets):
#   OUT [benchmarks/headline/out]  REGIONS [DE GB US-CAL-CISO AU-NSW CA-ON BR-CS ZA IN-WE]
#   FIRST_START [2023-01-01T00:00:00Z]  START_EVERY [730]  COUNT [12]  SLACK [0.05,0.1,0.25]
#   TIME_LIMIT [60] (seconds per cell)  WORKERS [0 = all cores, solver threads per cell]
# The instance's own trace is replaced by instances/traces/<REGION>_2023_hourly.csv; its option table, workload and
# carbon accounting are kept, so a model-generated instance (for example a 70B job) is run by naming its file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
instance="${1:-instances/de-week.json}"
out="${OUT:-benchmarks/headline/out}"
regions="${REGIONS:-DE GB US-CAL-CISO AU-NSW CA-ON BR-CS ZA IN-WE}"
first_start="${FIRST_START:-2023-01-01T00:00:00Z}"
start_every="${START_EVERY:-730}"
count="${COUNT:-12}"
slack="${SLACK:-0.05,0.1,0.25}"
time_limit="${TIME_LIMIT:-60}"
workers="${WORKERS:-0}"

traces=()
for region in $regions; do
  trace="instances/traces/${region}_2023_hourly.csv"
  [ -f "$trace" ] || { echo "headline: no trace $trace. Maybe copy it into instances/traces/ (and credit it in SOURCES.md)?" >&2; exit 2; }
  traces+=("$trace")
done

[ -f planner/target/planner.jar ] || planner/bin/planner build
common=(--first-start "$first_start" --start-every "$start_every" --count "$count" --slack "$slack"
        --time-limit "$time_limit" --workers "$workers" --trace "${traces[@]}" --out "$out")
planner/bin/planner sweep "$instance" --solvers fixed-fastest,dp-only,threshold,shift,carbonscaler,double-threshold,cpsat "${common[@]}"
planner/bin/planner sweep "$instance" --solvers cpsat --no-switch-costs "${common[@]}"
python3 benchmarks/headline/summarise.py "$out/results.csv" > "$out/table.md"
echo "headline: wrote $out/results.csv, $out/summary.csv and $out/table.md" >&2
