#!/usr/bin/env bash
# Headline experiment with GPU power caps: the same sweep (regions x start dates x deadline slacks) on four option
# tables of one job, so that the saving against fixed-fastest splits into its levers:
#   <instance>                 DP, TP/PP and pausing (uncapped table) — every baseline and cpsat
#   <instance>-caps            the same plus power caps (cap grid)    — fixed-fastest-cap and cpsat
#   ...-caps-pause             the fastest option only: pausing        — cpsat
#   ...-caps-pause-caps        the fastest layout at every cap         — cpsat
# then summarise-caps.py writes the table. Resumable (every sweep skips finished cells).
#
#   benchmarks/headline/run-caps.sh [INSTANCE]        default instances/llama70b-h100-1024.json
#
# Environment (defaults in brackets): OUT [benchmarks/headline/results/caps]  REGIONS [DE GB US-CAL-CISO AU-NSW CA-ON ZA]
#   FIRST_START [2023-01-01T00:00:00Z]  START_EVERY [1460]  COUNT [6]  SLACK [0.05,0.1,0.25]  TIME_LIMIT [30]
#   JOBS [2] (cells at once, one solver thread each)  SHARDS [1] (run each sweep as this many shard invocations)
#   RUN_PREFIX [] (a command put before every planner run, e.g. a lock: "flock /tmp/lock")
# The cap table must exist as <instance without .json>-caps.json; decomposition.py derives the two restricted tables.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
instance="${1:-instances/llama70b-h100-1024.json}"
capped="${instance%.json}-caps.json"
name="$(basename "${capped%.json}")"
out="${OUT:-benchmarks/headline/results/caps}"
regions="${REGIONS:-DE GB US-CAL-CISO AU-NSW CA-ON ZA}"
shards="${SHARDS:-1}"
prefix=(${RUN_PREFIX:-})
[ -f "$capped" ] || { echo "run-caps: no cap table $capped. Maybe add \"powerCapFractions\" to a copy of $instance?" >&2; exit 2; }
[ -f planner/target/planner.jar ] || planner/bin/planner build
python3 benchmarks/headline/decomposition.py "$capped"

traces=()
for region in $regions; do traces+=("instances/traces/${region}_2023_hourly.csv"); done
common=(--first-start "${FIRST_START:-2023-01-01T00:00:00Z}" --start-every "${START_EVERY:-1460}" --count "${COUNT:-6}"
        --slack "${SLACK:-0.05,0.1,0.25}" --time-limit "${TIME_LIMIT:-30}" --workers 1 --jobs "${JOBS:-2}" --trace "${traces[@]}")

sweep() { # INSTANCE SOLVERS DIR
  for i in $(seq 1 "$shards"); do
    "${prefix[@]}" planner/bin/planner sweep "$1" --solvers "$2" "${common[@]}" --out "$3" --shard "$i/$shards"
  done
}
sweep "$instance" fixed-fastest,dp-only,threshold,shift,carbonscaler,double-threshold,cpsat "$out/uncapped"
sweep "$capped" fixed-fastest-cap,cpsat "$out/capped"
sweep "benchmarks/headline/instances/$name-pause.json" cpsat "$out/pause"
sweep "benchmarks/headline/instances/$name-pause-caps.json" cpsat "$out/pause-caps"
python3 benchmarks/headline/summarise-caps.py "$out" > "$out/table.md"
echo "run-caps: wrote $out/table.md" >&2
