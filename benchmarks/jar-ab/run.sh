#!/usr/bin/env bash
# Before/after speed of two planner jars on the same cells: REPEATS [5] fresh JVMs per cell and jar, interleaved
# (odd repeats run the "before" jar first, even ones the "after" jar, so a drift in the machine's load hits both).
# Each run is `java -jar JAR plan INSTANCE --solver S --time-limit L --workers 1 [--param K=V ...]`; one line per run goes to
# OUT [benchmarks/jar-ab/runs.csv]: the 1-minute load read inside RUN_PREFIX just before the run, wall seconds,
# solveSeconds, status, kg, bound and viterbiPasses from the solution file. summarise.py prints the medians and
# checks that both jars give the same results. Resumable: runs already in OUT are not repeated.
#   RUN_PREFIX="flock /tmp/planner-cpu.lock" benchmarks/jar-ab/run.sh BEFORE.jar AFTER.jar
# RUN_PREFIX wraps each run (one solve, at most the time limit plus the JVM start).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
if [ "${1:-}" = "--run" ]; then
  # One run inside RUN_PREFIX: the load is read while the run holds the lock.
  shift
  jar=$1 instance=$2 solver=$3 limit=$4 solution=$5; shift 5
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  code=0
  "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -jar "$jar" \
    plan "$instance" --solver "$solver" --time-limit "$limit" --workers 1 --out "$solution" "$@" >/dev/null 2>"$solution.err" || code=$?
  end=$(date +%s.%N)
  echo "$load,$code,$(echo "$end - $start" | bc)"
  exit 0
fi
[ $# = 2 ] || { echo "usage: run.sh BEFORE.jar AFTER.jar (RUN_PREFIX, REPEATS, OUT, CELLS from the environment)" >&2; exit 2; }
before=$1 after=$2
repeats="${REPEATS:-5}"
out="${OUT:-benchmarks/jar-ab/runs.csv}"
read -r -a prefix <<<"${RUN_PREFIX:-}"
# A JDK >= 24 (the jars are built for 21+; the flags below need 24+): JAVA_HOME, else the newest under /usr/lib/jvm.
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(ls -d /usr/lib/jvm/temurin-2[4-9]* /usr/lib/jvm/*-2[4-9]* 2>/dev/null | sort -V | tail -1)"
fi
[ -x "${JAVA_HOME:-}/bin/java" ] || { echo "run.sh: no JDK >= 24 found. Maybe set JAVA_HOME?" >&2; exit 2; }
export JAVA_HOME
[ -f benchmarks/multisite/instances/week-k12-a2.json ] || python3 benchmarks/multisite/make_instances.py
# CELLS: "instance:solver:limitSeconds[:key=value,...]", space separated. The results must not depend on the clock,
# so every cell ends before its limit: decompose's dual ascent is given a fixed number of steps (iterations) and a
# limit far above what it takes (its first ascent otherwise stops at 30 % of the limit, wherever it has got to).
cells="${CELLS:-instances/curtail-study.json:label:45 instances/de-week.json:label:45
  benchmarks/multisite/instances/week-k4-a3.json:label:45 benchmarks/multisite/instances/week-k12-a2.json:label:45
  instances/curtail-study.json:decompose:300 instances/de-week.json:decompose:300
  benchmarks/multisite/instances/week-k4-a3.json:decompose:300
  benchmarks/multisite/instances/week-k12-a2.json:decompose:300:iterations=60
  benchmarks/multisite/instances/week-k12-a3.json:decompose:300:iterations=60}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
[ -s "$out" ] || echo "instance,solver,jar,repeat,load1,exitCode,wallSeconds,solveSeconds,status,totalKg,bestBoundKg,viterbiPasses" > "$out"
for ((repeat = 1; repeat <= repeats; repeat++)); do
  order="before after"
  [ $((repeat % 2)) = 0 ] && order="after before"
  for cell in $cells; do
    IFS=: read -r instance solver limit params <<<"$cell"
    args=()
    for kv in ${params//,/ }; do args+=(--param "$kv"); done
    for which in $order; do
      name="$(basename "$instance" .json),$solver${params:+ $params},$which,$repeat,"
      grep -q "^$name" "$out" && continue
      jar=$before
      [ "$which" = after ] && jar=$after
      solution="$scratch/s.json"
      rm -f "$solution" "${solution%.json}.epochs.csv"
      measured=$(${prefix[@]+"${prefix[@]}"} "$0" --run "$jar" "$instance" "$solver" "$limit" "$solution" ${args[@]+"${args[@]}"})
      fields=$(python3 - "$solution" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    print("%s,%s,%s,%s,%s" % (d["solveSeconds"], d["status"], d["objective"].get("totalKg", ""),
          d.get("bestBoundKg", ""), d.get("statistics", {}).get("viterbiPasses", "")))
except (OSError, ValueError, KeyError):
    print(",,,,")
PY
)
      echo "$name$measured,$fields" >> "$out"
      echo "$name$measured,$fields" >&2
    done
  done
done
