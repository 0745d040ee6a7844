#!/usr/bin/env bash
# Multi-site benchmark: the curtailment study's trace (reactive, each site alone, the real run replayed, exact plans
# at several deadlines, each modelled effect switched off) and a CISO + DE + AU-NSW week. Writes results/<cell>.json
# (ordinary solution files) and results/<cell>.log; rerunning skips cells whose solution exists.
# RUN_PREFIX wraps each group of cells (e.g. RUN_PREFIX="flock /tmp/planner-cpu.lock"; a group holds it for at most
# a few minutes: the small study cells share one hold, the week cells are grouped by size); summarise.py reads results/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/results"
mkdir -p "$out"
planner="$root/planner/bin/planner"
prefix=(${RUN_PREFIX:-})
if [ "${1:-}" != "--group" ]; then
  [ -f "$root/planner/target/planner.jar" ] || ${prefix[@]+"${prefix[@]}"} "$planner" build
  for group in study-reactive study week-deadlines week-baselines week-k1 week-k4 week-k12; do
    ${prefix[@]+"${prefix[@]}"} "$0" --group "$group"
  done
  exit 0
fi
group="$2"

# cell NAME INSTANCE SOLVER TIME_LIMIT [--param K=V ...]
# CELL_PREFIX wraps each cell (e.g. CELL_PREFIX="flock /tmp/planner-cpu.lock" with RUN_PREFIX unset: the lock per cell).
# The log ends with the exit code and the load average at the start; a cell without a solution file whose log has an
# exit line is not rerun (a refusal or a time-limit result is its outcome).
cell_prefix=(${CELL_PREFIX:-})
cell() {
  local name="$1" instance="$2" solver="$3" limit="$4"; shift 4
  [ -f "$out/$name.json" ] && return 0
  [ -f "$out/$name.log" ] && grep -q '^exit ' "$out/$name.log" && return 0
  echo "cell $name" >&2
  local load code=0
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  ${cell_prefix[@]+"${cell_prefix[@]}"} "$planner" plan "$instance" --solver "$solver" --time-limit "$limit" --workers 1 \
    --out "$out/$name.json" "$@" > "$out/$name.log" 2>&1 || code=$?
  echo "exit $code load $load" >> "$out/$name.log"
  [ "$code" = 0 ] || echo "  exit $code (see $out/$name.log)" >&2
}

study="$root/instances/curtail-study.json"
inst="$here/instances"
if [ "$group" = study-reactive ]; then
  cell study-reactive "$study" reactive 60
  finish=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['finishHours'])" "$out/study-reactive.json")
  python3 "$here/make_instances.py" "$finish" > "$out/deadlines.txt"
  exit 0
fi
deadlines=$(cat "$out/deadlines.txt")
if [ "$group" = study ]; then

for site in CAISO_NORTH SPP_TX NEM_SA; do
  cell "study-alone-$site" "$study" site-alone 60 --param "site=$site"
done
cell study-alone-DE "$inst/study-de-alone.json" site-alone 60
cell study-fixed-fastest "$study" fixed-fastest 60
for effect in nosync eff0.9 eff0.8 noprov; do
  cell "study-reactive-$effect" "$inst/study-d18-$effect.json" reactive 60
done
for d in $deadlines; do
  for solver in cpsat mip label; do
    cell "$d-$solver" "$inst/$d.json" "$solver" 120
  done
  for variant in nosync eff0.9 eff0.8 noprov windows; do
    cell "$d-$variant-cpsat" "$inst/$d-$variant.json" cpsat 120
  done
done

# The events log of the real run as a plan, scored by the validator.
if [ ! -f "$out/study-replay.validate.txt" ]; then
  python3 "$here/replay_events.py" "$root/instances/traces/curtail-llm/events_exp1.csv" "$study" "$out/study-replay.json" \
    > "$out/study-replay.accounting.txt"
  "$planner" validate "$study" "$out/study-replay.json" > "$out/study-replay.validate.txt" 2>&1 || true
fi

fi

# The week: deadlines vs the reactive policy at several thresholds (average CI is never near the MOER's 100).
if [ "$group" = week-deadlines ]; then
for d in 72 82 96 120 126 144 168; do
  cell "week-d$d-cpsat" "$inst/week-d$d.json" cpsat 60
done
fi
if [ "$group" = week-baselines ]; then
cell week-alone "$inst/week-d168.json" site-alone 60
cell week-fixed-fastest "$inst/week-d168.json" fixed-fastest 60
for g in 100 150 200 300; do
  cell "week-reactive-g$g" "$inst/week-d168.json" reactive 60 --param "threshold=$g"
done
fi
# How far the exact solvers go: options per site x sites at once, 168 epochs, 120-hour deadline.
for k in 1 4 12; do
  [ "$group" = "week-k$k" ] || continue
  for a in 2 3; do
    for solver in cpsat mip label; do
      cell "week-k$k-a$a-$solver" "$inst/week-k$k-a$a.json" "$solver" 45
    done
  done
done
# Medians of 3: runs 2 and 3 of the scaling cells above (run 1 is the cell without a suffix). The 2,196-state cells
# end at the time limit, so one run each; and one with a 1 GiB heap, which the memory estimate refuses up front.
for k in 1 4 12; do
  [ "$group" = "week-k$k" ] || continue
  for a in 2 3; do
    [ "$k-$a" = 12-3 ] && continue
    for solver in cpsat mip label; do
      for r in 2 3; do
        cell "week-k$k-a$a-$solver-r$r" "$inst/week-k$k-a$a.json" "$solver" 45
      done
    done
  done
  if [ "$k" = 12 ]; then
    JAVA_TOOL_OPTIONS=-Xmx1g cell week-k12-a3-cpsat-xmx1g "$inst/week-k12-a3.json" cpsat 45
  fi
done
echo "group $group done" >&2
