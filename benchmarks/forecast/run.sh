#!/usr/bin/env bash
# The forecast benchmark: rolling horizons on the DACF day-ahead forecasts (6 regions x 3 starts, July, September and
# November 2021) and on the WattTime CAISO_NORTH MOER vintages (3 starts, June 2023), slack 10 % and 25 %, re-planned every
# 1, 6 and 24 h (the MOER vintages reach 65 minutes ahead, so only every 1 h), with cpsat and the threshold policy.
# Each cell is one `planner simulate` into runs/cells/; a cell whose summary exists is skipped (rerun to resume).
# Two cells run at a time (one solver thread each) under the shared CPU lock. The lock is taken for one pair, and
# kept for further pairs while less than HOLD_SECONDS (default 0: one pair per acquisition) have passed since it was
# taken; HOLD_SECONDS=120 keeps each hold to a few minutes and waits for the lock less often.
#   benchmarks/forecast/run.sh [--set full|reduced] [FILTER]
#     --set full      every cell above (default; 228 cells, about 3 CPU-hours on a 2.8 GHz Xeon core, mostly the
#                     cpsat cells re-planned every 1 h at about 105 CPU-s each)
#     --set reduced   the cells of README.md: every DACF cell re-planned every 6 and 24 h, the DACF cells re-planned
#                     every 1 h only for the July start at slack 25 %, and every MOER cell (168 cells, ~50 CPU-min)
#     FILTER          a substring of the cell names to run, e.g. "ciso" or "-1h"
# Then: benchmarks/forecast/summarise.py
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="$here/runs"
planner="$root/planner/bin/planner"
lock="${PLANNER_CPU_LOCK:-/tmp/planner-cpu.lock}"
set_name=full
if [ "${1:-}" = "--set" ]; then set_name="${2:-}"; shift 2; fi
case "$set_name" in
  full|reduced) ;;
  *) echo "run.sh: --set: unknown set \"$set_name\". Maybe full or reduced?" >&2; exit 2 ;;
esac
filter="${1:-}"
mkdir -p "$runs/instances" "$runs/cells"
[ -f "$root/planner/target/planner.jar" ] || flock "$lock" "$planner" build

cells=()
add() { # region start slack replan solver
  local slack_tag; slack_tag=$(awk -v s="$3" 'BEGIN { printf "%02d", s * 100 + 0.5 }')
  local region_tag; region_tag=$(echo "$1" | tr 'A-Z_' 'a-z-')
  local name="$region_tag-${2:0:10}-s$slack_tag-$5-$4h"
  [[ -z "$filter" || "$name" == *"$filter"* ]] || return 0
  # The reduced set re-plans the DACF cells every 1 h only for one start and slack: those cells cost ~8x the 6 h ones.
  if [[ "$set_name" == reduced && "$4" == 1 && "$1" != CAISO_NORTH && ( "${2:5:2}" != 07 || "$3" != 0.25 ) ]]; then return 0; fi
  [ -f "$runs/cells/$name.summary.json" ] && return 0
  cells+=("$1|$2|$3|$4|$5|$name")
}
for region in CISO DE ERCO ISNE PJM SE; do
  for month in 07 09 11; do
    for slack in 0.10 0.25; do
      for replan in 1 6 24; do
        for solver in cpsat threshold; do add "$region" "2021-$month-15T00:00:00Z" "$slack" "$replan" "$solver"; done
      done
    done
  done
done
for day in 09 17 25; do
  for slack in 0.10 0.25; do
    for solver in cpsat threshold; do add CAISO_NORTH "2023-06-${day}T00:00:00Z" "$slack" 1 "$solver"; done
  done
done
echo "forecast benchmark: ${#cells[@]} cell(s) to run" >&2

run_cell() { # region|start|slack|replan|solver|name
  IFS='|' read -r region start slack replan solver name <<<"$1"
  local instance; instance=$(python3 "$here/make_instances.py" "$runs/instances" "$region" "$start" "$slack")
  local out="$runs/cells/$name.json"
  if "$planner" simulate "$instance" --replan-every "$replan" --solver "$solver" --oracle-solver cpsat \
      --time-limit 10 --workers 1 --out "$out" >"$runs/cells/$name.out" 2>"$runs/cells/$name.err"; then
    "$planner" validate "$instance" "$out" >"$runs/cells/$name.validate" 2>&1 \
      || echo "forecast benchmark: $name: validate rejected the executed plan" >&2
    echo "forecast benchmark: $name: $(cat "$runs/cells/$name.out")" >&2
  else
    echo "forecast benchmark: $name failed: $(tail -1 "$runs/cells/$name.err")" >&2
  fi
}
export -f run_cell
export here runs planner

queue=$(mktemp "$runs/queue.XXXXXX")
trap 'rm -f "$queue"' EXIT
[ ${#cells[@]} -eq 0 ] || printf '%s\n' "${cells[@]}" >"$queue"
export queue hold="${HOLD_SECONDS:-0}"
while [ -s "$queue" ]; do
  flock "$lock" bash -c '
    taken=$SECONDS
    while [ -s "$queue" ]; do
      mapfile -t pair < <(head -n 2 "$queue"); sed -i 1,2d "$queue"
      uptime >&2
      for c in "${pair[@]}"; do run_cell "$c" & done
      wait
      (( SECONDS - taken < hold )) || break
    done'
done
