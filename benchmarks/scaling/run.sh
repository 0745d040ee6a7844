#!/usr/bin/env bash
# Reproduces the CarbonScaling study runs committed under benchmarks/scaling/ and prints the side-by-side numbers of
# README.md. Usage: benchmarks/scaling/run.sh   (about 10 s after the jar is built)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
planner=planner/bin/planner
dir=benchmarks/scaling
# Paper defaults (CI 323 g/kWh, 90 days, 2K sequences, 6-year lifetime), six devices, B100 projections, QAT.
$planner scaling --projection 5y,10y --qat --out "$dir/ci323" > /dev/null
# Grid sensitivity (section 5.5): europe-north2 and asia-south1.
$planner scaling --ci 2.73 --out "$dir/ci2.73" > /dev/null
$planner scaling --ci 679 --gpus B100 --out "$dir/ci679" > /dev/null
# Critical batch size rule (aggressive: C^0.3271).
$planner scaling --batch-scaling aggressive --qat --out "$dir/aggressive" > /dev/null
python3 "$dir/compare.py" "$dir"
