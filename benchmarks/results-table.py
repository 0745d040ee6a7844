#!/usr/bin/env python3
"""Markdown table of a benchmark directory's results.csv: one row per instance x solver over its seeds.
Usage: benchmarks/results-table.py benchmarks/results/bundled/results.csv"""
import csv
import statistics
import sys
from collections import OrderedDict

rows = list(csv.DictReader(open(sys.argv[1])))
cells = OrderedDict()
for row in rows:
    cells.setdefault((row["instance"], row["solver"]), []).append(row)


def num(value):
    return float(value) if value not in ("", "NaN", None) else None


def pct(value):
    if value is None:
        return "n/a"
    return "0" if value < 1e-9 else f"{value * 100:.2g} %" if value < 1e-3 else f"{value * 100:.2f} %"


print("| instance | solver | status (seeds) | objective kg (best seed) | max gapToBest | max gapToBound | median solve s (min-max) | median first plan s |")
print("|---|---|---|---|---|---|---|---|")
for (instance, solver), group in cells.items():
    statuses = sorted({r["status"] for r in group})
    objectives = [num(r["objectiveKg"]) for r in group if num(r["objectiveKg"]) is not None]
    to_best = [num(r["gapToBest"]) for r in group if num(r["gapToBest"]) is not None]
    to_bound = [num(r["gapToBound"]) for r in group if num(r["gapToBound"]) is not None]
    seconds = [num(r["solveSeconds"]) for r in group if num(r["solveSeconds"]) is not None]
    first = [num(r["firstFeasibleSeconds"]) for r in group if num(r["firstFeasibleSeconds"]) is not None]
    print(f"| {instance} | {solver} | {'/'.join(statuses)} ({len(group)}) | "
          f"{min(objectives):.3f} | {pct(max(to_best)) if to_best else 'n/a'} | {pct(max(to_bound)) if to_bound else 'n/a'} | "
          f"{statistics.median(seconds):.2f} ({min(seconds):.2f}-{max(seconds):.2f}) | "
          f"{statistics.median(first):.3f} |" if first else " n/a |")
