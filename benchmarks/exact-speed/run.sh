#!/usr/bin/env bash
# Speed of the exact planner: proven-optimal time on the bundled week-long hourly instances (12 options, switching
# costs) and the gap reached on four weeks of 15-minute epochs with 40 options. Each cell runs REPEATS times in a
# fresh JVM; the table reports the median solveSeconds (the solver's own wall clock, JVM start excluded) and the
# status/gap of the median run. Usage: benchmarks/exact-speed/run.sh [REPEATS] > benchmarks/exact-speed/results.md
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
repeats="${1:-5}"
planner=planner/bin/planner
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }

cell() { # instance solver time-limit extra-args...
  local instance=$1 solver=$2 limit=$3; shift 3
  local times=() line status gap kg
  for ((r = 1; r <= repeats; r++)); do
    line=$($planner plan "$instance" --solver "$solver" --workers 2 --time-limit "$limit" --seed "$r" \
      --out "$out/s.json" "$@" 2>/dev/null || true)
    times+=("$(echo "$line" | field solveSeconds) $(echo "$line" | field status) $(echo "$line" | field gap) $(echo "$line" | field totalKg)")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (repeats + 1) / 2 ))p")
  read -r seconds status gap kg <<<"$median"
  local all
  all=$(printf '%s\n' "${times[@]}" | awk '{printf "%s%.2f", (NR>1?", ":""), $1}')
  echo "| $(basename "$instance" .json) | $solver ${*:-} | $status | $kg | $gap | $seconds | $all |"
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr); $(date -u +%Y-%m-%d)"
echo
echo "| instance | solver | status | totalKg | gap | median solveSeconds | all runs (s) |"
echo "|---|---|---|---|---|---|---|"
for instance in instances/de-week.json instances/ciso-week.json instances/gb-week.json; do
  cell "$instance" cpsat 60
  cell "$instance" mip 60
  cell "$instance" label 60
done
cell benchmarks/instances/de-4weeks-15min-40opt.json cpsat 60
cell benchmarks/instances/de-4weeks-15min-40opt.json label 60
repeats=1 cell instances/de-week.json cpsat 120 --param presolve=none
repeats=1 cell instances/de-week.json mip 120 --param presolve=none
