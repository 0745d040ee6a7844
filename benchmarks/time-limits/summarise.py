"""Median wall and solve seconds per (instance, solver, limit) from runs.csv, as a Markdown table on stdout."""
import csv
import statistics
import sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
cells = defaultdict(list)
for row in rows:
    cells[(row["instance"], row["solver"], float(row["limitSeconds"]))].append(row)
print("| instance | solver | limit s | exit | median wall s | median solve s | max solve − limit s | status |")
print("|---|---|---|---|---|---|---|---|")
worst = 0.0
for (instance, solver, limit), runs in cells.items():
    walls = [float(r["wallSeconds"]) for r in runs]
    solves = [float(r["solveSeconds"]) for r in runs if r["solveSeconds"]]
    over = max(solves) - limit if solves else float("nan")
    worst = max(worst, over) if solves else worst
    print("| %s | %s | %g | %s | %.2f | %s | %s | %s |" % (
        instance, solver, limit, "/".join(sorted({r["exitCode"] for r in runs})), statistics.median(walls),
        "%.2f" % statistics.median(solves) if solves else "", "%+.2f" % over if solves else "",
        "/".join(sorted({r["status"] for r in runs if r["status"]}))))
print()
print("largest solve time over the limit: %+.2f s" % worst)
