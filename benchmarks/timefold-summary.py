"""Summarises benchmarks/timefold-runs.sh output: gap of each Timefold run to the CP-SAT optimum, median over seeds.

Usage: python3 benchmarks/timefold-summary.py OUT_DIR/runs.csv"""
import csv,statistics,sys
rows=list(csv.DictReader(open(sys.argv[1])))
opt={r['instance']:float(r['totalKg']) for r in rows if r['solver']=='cpsat'}
cp={r['instance']:r for r in rows if r['solver']=='cpsat'}
print("| instance | CP-SAT optimum kg (s) | warm start | kg per seed 1/2/3 | gap per seed | median gap | median s | reconfigurations (CP-SAT) |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for inst in opt:
  for w in ['lagrangian','none']:
    rs=[r for r in rows if r['instance']==inst and r['warmStart']==w]
    if not rs: continue
    kg=[float(r['totalKg']) for r in rs]; gaps=[(k/opt[inst]-1)*100 for k in kg]
    print(f"| {inst} | {opt[inst]:.3f} ({float(cp[inst]['solveSeconds']):.1f}) | {w} | {' / '.join(f'{k:.3f}' for k in kg)} | {' / '.join(f'{g:.3f} %' for g in gaps)} | **{statistics.median(gaps):.3f} %** | {statistics.median(float(r['solveSeconds']) for r in rs):.1f} | {'/'.join(r['reconfigurations'] for r in rs)} ({cp[inst]['reconfigurations']}) |")
loads=[float(r['loadAverage1m']) for r in rows]
print(f"\n1-minute load average during the runs: {min(loads)} to {max(loads)}")
