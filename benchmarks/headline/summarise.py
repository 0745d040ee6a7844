#!/usr/bin/env python3
"""Per region x slack table of a headline sweep's results.csv (or an older sweep.csv; stdlib only), as Markdown on stdout.

Columns: mean CO2 reduction vs fixed-fastest of every solver (switching costs on), cpsat's mean and max slowdown,
tokens per kgCO2 of cpsat and fixed-fastest, the retuning gain (cpsat minus dp-only reduction, percentage points),
the switching-cost effect (cpsat reduction with switching costs set to 0 minus with them, percentage points), and
how many start dates reach >= 20 % reduction at < 10 % slowdown with cpsat.
"""
import csv
import sys
from collections import defaultdict

SOLVERS = ["cpsat", "dp-only", "carbonscaler", "double-threshold", "threshold", "shift"]


def number(text):
    return float(text) if text not in ("", None) else None


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def pct(value):
    return "n/a" if value is None else f"{100 * value:.1f}"


def main(path):
    cells = defaultdict(dict)  # (trace, slack, switchCosts) -> {(solver, start): row}
    for row in csv.DictReader(open(path, newline="")):
        cells[(row["trace"], row["slack"], row["switchCosts"])][(row["solver"], row["start"])] = row
    keys = sorted({(t, s) for (t, s, _) in cells}, key=lambda k: (k[0], float(k[1] or -1)))
    print("| region | slack | starts | " + " | ".join(f"{s} red. %" for s in SOLVERS)
          + " | cpsat slowdown % (mean/max) | tokens/kg cpsat / fixed (M) | retuning gain pp | switch-cost effect pp"
          + " | starts with >=20 % at <10 % slowdown |")
    print("|" + "---|" * (len(SOLVERS) + 8))
    for trace, slack in keys:
        on = cells.get((trace, slack, "true"), {})
        off = cells.get((trace, slack, "false"), {})
        starts = sorted({start for (_, start) in on})
        red = {s: [number(on.get((s, st), {}).get("reductionVsFixedFastest")) for st in starts] for s in SOLVERS}
        slow = [number(on.get(("cpsat", st), {}).get("slowdown")) for st in starts]
        slow_known = [v for v in slow if v is not None]
        tpk_cp = mean([number(on.get(("cpsat", st), {}).get("tokensPerKg")) for st in starts])
        tpk_ff = mean([number(on.get(("fixed-fastest", st), {}).get("tokensPerKg")) for st in starts])
        retune = mean([a - b for a, b in zip(red["cpsat"], red["dp-only"]) if a is not None and b is not None])
        # Both runs against the same reference (fixed-fastest with switching costs), in kg, so that a difference in
        # the no-switch-cost run's own reference cannot leak into the effect.
        kg = lambda cell, solver, st: number(cell.get((solver, st), {}).get("objectiveKg"))
        switch = mean([(kg(on, "cpsat", st) - kg(off, "cpsat", st)) / kg(on, "fixed-fastest", st) for st in starts
                       if None not in (kg(on, "cpsat", st), kg(off, "cpsat", st), kg(on, "fixed-fastest", st))])
        hits = sum(1 for r, s in zip(red["cpsat"], slow) if r is not None and s is not None and r >= 0.2 and s < 0.1)
        print(f"| {trace.replace('_2023_hourly', '')} | {slack} | {len(starts)} | "
              + " | ".join(pct(mean(red[s])) for s in SOLVERS)
              + f" | {pct(mean(slow_known))} / {pct(max(slow_known) if slow_known else None)}"
              + f" | {'n/a' if tpk_cp is None else f'{tpk_cp / 1e6:.1f}'} / {'n/a' if tpk_ff is None else f'{tpk_ff / 1e6:.1f}'}"
              + f" | {pct(retune)} | {pct(switch) if off else 'not run'} | {hits}/{len(starts)} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: summarise.py OUT/results.csv")
    main(sys.argv[1])
