#!/usr/bin/env python3
"""Summarises benchmarks/jar-ab/runs.csv: per cell the median solve and wall seconds of each jar (min-max, load),
after/before on the medians, and whether every run of both jars gave the same status, kg, bound and viterbiPasses.
   python3 benchmarks/jar-ab/summarise.py [runs.csv]   (Markdown table on stdout)"""
import csv
import os
import statistics
import sys

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.csv")
rows = list(csv.DictReader(open(path)))
cells = []
for r in rows:
    key = (r["instance"], r["solver"])
    if key not in cells:
        cells.append(key)


def spread(values):
    return "%.2f (%.2f–%.2f)" % (statistics.median(values), min(values), max(values))


print("| instance | solver | runs | before: solve s, median (min–max) | after: solve s | after / before (solve) "
      "| after / before (wall) | 1-min load | identical results | status | kg | bound kg | viterbiPasses |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for instance, solver in cells:
    mine = [r for r in rows if (r["instance"], r["solver"]) == (instance, solver) and r["exitCode"] == "0"]
    by = {j: [r for r in mine if r["jar"] == j] for j in ("before", "after")}
    if not by["before"] or not by["after"]:
        continue
    solve = {j: [float(r["solveSeconds"]) for r in by[j]] for j in by}
    wall = {j: [float(r["wallSeconds"]) for r in by[j]] for j in by}
    loads = [float(r["load1"]) for r in mine]
    results = {(r["status"], r["totalKg"], r["bestBoundKg"], r["viterbiPasses"]) for r in mine}
    first = mine[0]
    print("| %s | %s | %d + %d | %s | %s | %.3f | %.3f | %.1f–%.1f | %s | %s | %.4f | %.4f | %s |" % (
        instance, solver, len(by["before"]), len(by["after"]), spread(solve["before"]), spread(solve["after"]),
        statistics.median(solve["after"]) / statistics.median(solve["before"]),
        statistics.median(wall["after"]) / statistics.median(wall["before"]), min(loads), max(loads),
        "yes" if len(results) == 1 else "NO (%d distinct)" % len(results), first["status"],
        float(first["totalKg"]), float(first["bestBoundKg"]), first["viterbiPasses"]))
