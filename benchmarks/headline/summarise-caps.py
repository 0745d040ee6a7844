#!/usr/bin/env python3
"""Table of the headline experiment with power caps (run-caps.sh), from the four sweeps' results.csv (stdlib only).

Per region x slack, means over the start dates of the CO2 reduction against fixed-fastest (the uncapped table's,
the same option in every table) of:
  pause       cpsat on the fastest option alone (time shifting only)
  pause+caps  cpsat on the fastest layout at every cap
  dp+pause    cpsat on the uncapped table (DP and TP/PP changes and pausing; the earlier headline planner)
  all         cpsat on the cap table (DP, TP/PP, caps and pausing)
  and the baselines fixed-fastest-cap, dp-only, carbonscaler, threshold;
then the split of `all` into pausing, + DP/TP/PP, + caps (percentage points), cpsat's slowdown (mean/max), and the
starts reaching >= 20 % at < 10 % slowdown. A last section counts the cells cpsat proved optimal.

    python3 benchmarks/headline/summarise-caps.py DIR        DIR holds uncapped/, capped/, pause/, pause-caps/
"""
import csv
import os
import sys
from collections import defaultdict

TABLES = ["uncapped", "capped", "pause", "pause-caps"]


def number(text):
    return float(text) if text not in ("", None) else None


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def pct(value):
    return "n/a" if value is None else f"{100 * value:.1f}"


def main(directory):
    rows = {}  # (table, trace, slack, start, solver) -> row
    for table in TABLES:
        path = os.path.join(directory, table, "results.csv")
        for row in csv.DictReader(open(path, newline="")):
            if row["switchCosts"] == "true":
                rows[(table, row["trace"], row["slack"], row["start"], row["solver"])] = row
    scenarios = sorted({(k[1], k[2]) for k in rows}, key=lambda k: (k[0], float(k[1])))
    columns = [("pause", "pause", "cpsat"), ("pause+caps", "pause-caps", "cpsat"), ("dp+pause", "uncapped", "cpsat"),
               ("all", "capped", "cpsat"), ("fixed-fastest-cap", "capped", "fixed-fastest-cap"), ("dp-only", "uncapped", "dp-only"),
               ("carbonscaler", "uncapped", "carbonscaler"), ("threshold", "uncapped", "threshold")]
    print("| region | slack | starts | " + " | ".join(f"{c[0]} red. %" for c in columns)
          + " | split: pause / + DP,TP/PP / + caps (pp) | all: slowdown % (mean/max) | starts >= 20 % at < 10 % slowdown |")
    print("|" + "---|" * (len(columns) + 6))
    optimal = defaultdict(lambda: [0, 0])
    for trace, slack in scenarios:
        starts = sorted({k[3] for k in rows if k[1] == trace and k[2] == slack})
        reductions = defaultdict(list)
        slowdowns = []
        hits = 0
        for start in starts:
            reference = rows.get(("uncapped", trace, slack, start, "fixed-fastest"))
            if reference is None:
                continue
            ff_kg = number(reference["objectiveKg"])
            ff_hours = number(reference["finishHours"])
            for label, table, solver in columns:
                row = rows.get((table, trace, slack, start, solver))
                kg = number(row["objectiveKg"]) if row else None
                reductions[label].append(None if kg is None else 1 - kg / ff_kg)
            best = rows.get(("capped", trace, slack, start, "cpsat"))
            if best and number(best["objectiveKg"]) is not None:
                slowdown = number(best["finishHours"]) / ff_hours - 1
                slowdowns.append(slowdown)
                if 1 - number(best["objectiveKg"]) / ff_kg >= 0.20 and slowdown < 0.10:
                    hits += 1
        for table in TABLES:
            for start in starts:
                row = rows.get((table, trace, slack, start, "cpsat"))
                if row:
                    optimal[table][1] += 1
                    optimal[table][0] += row["status"] == "OPTIMAL"
        m = {label: mean(values) for label, values in reductions.items()}
        split = "n/a"
        if None not in (m.get("pause"), m.get("dp+pause"), m.get("all")):
            split = f"{pct(m['pause'])} / {pct(m['dp+pause'] - m['pause'])} / {pct(m['all'] - m['dp+pause'])}"
        slow = f"{pct(mean(slowdowns))} / {pct(max(slowdowns))}" if slowdowns else "n/a"
        print(f"| {trace.replace('_2023_hourly', '')} | {slack} | {len(starts)} | " + " | ".join(pct(m.get(c[0])) for c in columns)
              + f" | {split} | {slow} | {hits}/{len(starts)} |")
    print()
    print("cpsat cells proven optimal: " + ", ".join(f"{table} {o}/{n}" for table, (o, n) in optimal.items()))


if __name__ == "__main__":
    main(sys.argv[1])
