#!/usr/bin/env bash
# The larger fuzz run: CliFuzzProperty#largerRun over RUNS mutated instances and traces (in-process `plan` with a
# random solver, then `validate`); fails on the first run that exits outside 0/1/2/3, prints more than one stderr
# line or a stack trace on failure, leaves a file behind, or writes a non-finite number. Counts go to OUT.
#   benchmarks/fuzz/run.sh            (takes the shared CPU lock itself; a few CPU-minutes at the default RUNS)
# Environment: RUNS [600]  SEED [12]  OUT [benchmarks/fuzz/counts.txt]  RUN_PREFIX [flock /tmp/planner-cpu.lock]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs="${RUNS:-600}"
seed="${SEED:-12}"
out="${OUT:-benchmarks/fuzz/counts.txt}"
prefix="${RUN_PREFIX-flock /tmp/planner-cpu.lock}"
case "$out" in /*) ;; *) out="$root/$out" ;; esac
# The property's own 30 tries run too; -am builds core and formulations first, their tests skipped by the filter.
$prefix planner/bin/planner test -q -pl planner/cli -am -Dtest=CliFuzzProperty -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.runs="$runs" -Dfuzz.seed="$seed" -Dfuzz.report="$out"
echo "fuzz: $(head -1 "$out"); counts in $out"
