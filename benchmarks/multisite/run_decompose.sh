#!/usr/bin/env bash
# decompose on the state-count series of the week (options per site x sites at once, the first 120 of 168 hourly epochs: 120-hour
# deadline, 45-s limit, 1 worker) and on the week with generated options, three runs a cell in fresh JVMs.
# Writes results/decompose/<cell>-r<run>.json (solution files), .log and .load (/proc/loadavg inside the lock);
# rerunning skips runs whose solution exists. RUN_PREFIX wraps each run (e.g. RUN_PREFIX="flock /tmp/planner-cpu.lock":
# the lock is held for one run, at most the time limit plus the JVM start). summarise.py --decompose reads them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/results/decompose"
inst="$here/instances"
mkdir -p "$out"
planner="$root/planner/bin/planner"
prefix=(${RUN_PREFIX:-})
[ -f "$root/planner/target/planner.jar" ] || ${prefix[@]+"${prefix[@]}"} "$planner" build
[ -f "$inst/week-gen-a3.json" ] || { echo "run make_instances.py first (run.sh does)" >&2; exit 2; }

# cell NAME INSTANCE [--param K=V ...]
cell() {
  local name="$1" instance="$2"; shift 2
  for run in 1 2 3; do
    local base="$out/$name-r$run"
    [ -f "$base.json" ] && continue
    echo "cell $name run $run" >&2
    ${prefix[@]+"${prefix[@]}"} bash -c 'cut -d" " -f1-3 /proc/loadavg > "$0.load"; exec "$@"' "$base" \
      "$planner" plan "$instance" --solver decompose --time-limit 45 --workers 1 --out "$base.json" "$@" \
      > "$base.log" 2>&1 || echo "  exit $? (see $base.log)" >&2
  done
}

for k in 1 4 12; do
  for a in 2 3; do
    cell "week-k$k-a$a" "$inst/week-k$k-a$a.json"
  done
done
cell week-k12-a3-opt12 "$inst/week-k12-a3.json" --param optionsPerSite=12
cell week-gen-a3 "$inst/week-gen-a3.json"
cell week-gen-a3-opt12 "$inst/week-gen-a3.json" --param optionsPerSite=12
