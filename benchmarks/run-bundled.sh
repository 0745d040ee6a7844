#!/usr/bin/env bash
# Runs every registered solver on the bundled instances (benchmarks/suites/bundled.json) and writes
# benchmarks/results/bundled/{results.csv,report.html}. Rerunning resumes: finished cells are skipped.
# Extra arguments go to 'planner bench', e.g. --solvers cpsat,mip or --shard 1/4.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -f planner/target/planner.jar ] || planner/bin/planner build
exec planner/bin/planner bench --suite benchmarks/suites/bundled.json "$@"
