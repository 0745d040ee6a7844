#!/usr/bin/env python3
"""Summarises the forecast benchmark without solving anything: reads the cell files (runs/cells/*.summary.json and
*.replans.csv) into results.csv (one row per cell), then writes summary.md (the tables of README.md) and
regret-vs-replan.svg from those rows.

    benchmarks/forecast/summarise.py [RUNS_DIR]          default: benchmarks/forecast/runs
    benchmarks/forecast/summarise.py --from-csv [CSV]    re-runs the analysis from a results.csv alone
                                                         (default: the committed benchmarks/forecast/results.csv)

Medians are taken over the start dates of a region (per slack, solver and re-plan interval); the median of the
regret shares is not the regret share of the median kg, so both are shown.
"""
import csv
import glob
import json
import math
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = re.compile(r"^(?P<region>.+)-(?P<start>\d{4}-\d{2}-\d{2})-s(?P<slack>\d+)-(?P<solver>[a-z-]+)-(?P<replan>\d+)h$")
COLUMNS = ["region", "signal", "forecast", "start", "slack", "solver", "replanEveryHours", "replans", "rollingKg", "oracleKg",
           "planOnceKg", "fixedFastestKg", "oracleSaving", "rollingSaving", "regretShare", "planOnceRegretShare",
           "minSlackHours", "firstReplanSeconds", "medianReplanSeconds", "maxReplanSeconds", "rollingSolveSeconds",
           "keptPreviousPlans", "rollingReconfigurations", "oracleReconfigurations", "forecastMeanAbsoluteError", "validated"]
TEXT = {"region", "signal", "forecast", "start", "solver", "validated"}
INTEGER = {"replanEveryHours", "replans", "keptPreviousPlans", "rollingReconfigurations", "oracleReconfigurations"}
ONCE = 10 ** 9  # the x position of plan-once (never re-planned) in the chart


def finite(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def cells(runs):
    rows = []
    for path in sorted(glob.glob(os.path.join(runs, "cells", "*.summary.json"))):
        name = os.path.basename(path)[:-len(".summary.json")]
        match = NAME.match(name)
        if not match:
            continue
        with open(path) as f:
            summary = json.load(f)
        seconds = []
        with open(os.path.join(runs, "cells", name + ".replans.csv")) as f:
            for row in csv.DictReader(f):
                seconds.append(float(row["solveSeconds"]))
        ff, oracle, rolling = summary["fixedFastestKg"], summary["oracleKg"], summary["rollingKg"]
        validate = os.path.join(runs, "cells", name + ".validate")
        validated = os.path.exists(validate) and "result: VALID" in open(validate).read()
        rows.append({"validated": "yes" if validated else "no",
            "region": match["region"].upper(), "signal": summary["signal"], "forecast": summary["forecastType"],
            "start": match["start"], "slack": int(match["slack"]) / 100, "solver": match["solver"],
            "replanEveryHours": int(match["replan"]), "replans": summary["replans"], "rollingKg": rolling,
            "oracleKg": oracle, "planOnceKg": summary["planOnceKg"], "fixedFastestKg": ff,
            "oracleSaving": 1 - oracle / ff, "rollingSaving": 1 - rolling / ff,
            "regretShare": finite(summary["regretShareOfSaving"]),
            "planOnceRegretShare": finite(summary["planOnceRegretShareOfSaving"]),
            "minSlackHours": summary["minSlackHours"], "firstReplanSeconds": seconds[0],
            "medianReplanSeconds": statistics.median(seconds), "maxReplanSeconds": max(seconds),
            "rollingSolveSeconds": summary["rollingSolveSeconds"], "keptPreviousPlans": summary["keptPreviousPlans"],
            "rollingReconfigurations": summary["rollingReconfigurations"],
            "oracleReconfigurations": summary["oracleReconfigurations"],
            "forecastMeanAbsoluteError": summary["forecastMeanAbsoluteError"]})
    return rows


def read_csv(path):
    rows = []
    with open(path) as f:
        for raw in csv.DictReader(f):
            row = {}
            for key in COLUMNS:
                value = raw[key]
                if key in TEXT:
                    row[key] = value
                elif value in ("", "nan"):
                    row[key] = None
                else:
                    row[key] = int(value) if key in INTEGER else float(value)
            rows.append(row)
    return rows


def number(value, digits=7):
    if value is None:
        return ""
    if isinstance(value, float):
        return "%.*g" % (digits + 2, value)
    return str(value)


def pct(value):
    return "—" if value is None else "%.1f %%" % (100 * value)


def kg(value):
    return "—" if value is None else "%.0f" % value


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def mean(values):
    values = [v for v in values if v is not None]
    return statistics.fmean(values) if values else None


def worst(values):
    values = [v for v in values if v is not None]
    return max(values) if values else None


def group(rows, *keys):
    groups = {}
    for row in rows:
        groups.setdefault(tuple(row[k] for k in keys), []).append(row)
    return groups


def source(rows):
    """A line naming the cells of one signal: regions, starts, slacks, intervals, solvers, with their counts."""
    regions = sorted({r["region"] for r in rows})
    starts = sorted({r["start"] for r in rows})
    return "%d region(s) (%s), %d start(s) (%s), %d cells, %d of them accepted by `planner validate`" % (
        len(regions), ", ".join(regions), len(starts), ", ".join(starts), len(rows), sum(1 for r in rows if r["validated"] == "yes"))


def region_table(part, solver):
    """Medians over starts, per region and slack: the four kg figures and the regret shares of every interval."""
    rows = [r for r in part if r["solver"] == solver]
    replans = sorted({r["replanEveryHours"] for r in rows})
    out = ["#### %s: medians over starts (kg CO2eq; regret = (rolling − oracle) / (fixed-fastest − oracle))\n" % solver,
           "| region | slack | starts | fixed-fastest kg | oracle kg | oracle saving | plan-once kg | "
           + " | ".join("rolling %d h kg" % h for h in replans) + " | plan-once regret | "
           + " | ".join("regret %d h" % h for h in replans) + " |",
           "|---|---|---|---|---|---|---|" + "---|" * len(replans) + "---|" + "---|" * len(replans)]
    for (region, slack), members in sorted(group(rows, "region", "slack").items()):
        by = group(members, "replanEveryHours")
        # Oracle, fixed-fastest and plan-once do not depend on the interval: one value per start.
        per_start = {m["start"]: m for m in members}.values()
        starts = len(per_start)
        out.append("| %s | %d %% | %d | %s | %s | %s | %s | %s | %s | %s |" % (
            region, round(slack * 100), starts, kg(median([m["fixedFastestKg"] for m in per_start])),
            kg(median([m["oracleKg"] for m in per_start])), pct(median([m["oracleSaving"] for m in per_start])),
            kg(median([m["planOnceKg"] for m in per_start])),
            " | ".join(kg(median([m["rollingKg"] for m in by.get((h,), [])])) + count_note(by.get((h,), []), starts)
                       for h in replans),
            pct(median([m["planOnceRegretShare"] for m in per_start])),
            " | ".join(pct(median([m["regretShare"] for m in by.get((h,), [])])) for h in replans)))
    out.append("")
    return out


def count_note(members, starts):
    """Marks a median over fewer starts than the row's (a cell not run)."""
    return "" if not members or len(members) == starts else " (%d)" % len(members)


def tables(rows):
    out = []
    for signal in sorted({r["signal"] for r in rows}):
        part = [r for r in rows if r["signal"] == signal]
        label = "DACF day-ahead forecast column" if signal == "average" else "WattTime CAISO_NORTH MOER vintages"
        out.append("### %s signal: %s; %s\n" % (signal, label, source(part)))
        out.append("#### per solver, slack and re-plan interval (all regions and starts pooled)\n")
        out.append("| solver | slack | re-plan | cells | oracle saving vs fixed-fastest (median) | rolling saving (median) "
                   "| regret share, median | mean | worst | plan-once regret share, median | cells rolling < plan-once "
                   "| cells rolling > fixed-fastest | reconfigurations rolling / oracle (median) | forecast MAE g/kWh (median) "
                   "| least slack at a re-plan, h |")
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for (solver, slack, replan), members in sorted(group(part, "solver", "slack", "replanEveryHours").items(),
                                                       key=lambda kv: (kv[0][0] != "cpsat", kv[0][0], kv[0][1], kv[0][2])):
            regrets = [m["regretShare"] for m in members]
            out.append("| %s | %d %% | %d h | %d | %s | %s | %s | %s | %s | %s | %d | %d | %g / %g | %.1f | %.2f |" % (
                solver, round(slack * 100), replan, len(members), pct(median([m["oracleSaving"] for m in members])),
                pct(median([m["rollingSaving"] for m in members])), pct(median(regrets)), pct(mean(regrets)),
                pct(worst(regrets)), pct(median([m["planOnceRegretShare"] for m in members])),
                sum(1 for m in members if m["rollingKg"] < m["planOnceKg"] - 1e-9 * m["planOnceKg"]),
                sum(1 for m in members if m["rollingKg"] > m["fixedFastestKg"] * (1 + 1e-9)),
                median([m["rollingReconfigurations"] for m in members]), median([m["oracleReconfigurations"] for m in members]),
                median([m["forecastMeanAbsoluteError"] for m in members]), min(m["minSlackHours"] for m in members)))
        out.append("")
        for solver in sorted({r["solver"] for r in part}, key=lambda s: (s != "cpsat", s)):
            out.extend(region_table(part, solver))
    out.append("### re-plan solve times (seconds, one solver thread)\n")
    out.append("| signal | solver | re-plan | cells | re-plans per cell (median) | first re-plan, median | "
               "re-plan, median of cell medians | slowest re-plan | all re-plans of a cell, median | kept previous plan |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    for (signal, solver, replan), members in sorted(group(rows, "signal", "solver", "replanEveryHours").items(),
                                                    key=lambda kv: (kv[0][0], kv[0][1] != "cpsat", kv[0][1], kv[0][2])):
        out.append("| %s | %s | %d h | %d | %d | %.3f | %.3f | %.3f | %.1f | %d |" % (
            signal, solver, replan, len(members), median([m["replans"] for m in members]),
            median([m["firstReplanSeconds"] for m in members]), median([m["medianReplanSeconds"] for m in members]),
            max(m["maxReplanSeconds"] for m in members), median([m["rollingSolveSeconds"] for m in members]),
            sum(m["keptPreviousPlans"] for m in members)))
    out.append("")
    return "\n".join(out)


def series_of(members):
    """
    Median regret share per re-plan interval (and plan-once). An interval run on fewer (region, start) pairs than the
    others would mix cell sets along one line, so such a series is split: the intervals run on every pair, and the
    pairs run at every interval (matched).
    """
    pairs = group(members, "replanEveryHours")
    coverage = {h: {(m["region"], m["start"]) for m in ms} for (h,), ms in pairs.items()}
    everything = set().union(*coverage.values())
    full = [h for h in sorted(coverage) if coverage[h] == everything]
    matched = set.intersection(*coverage.values())
    result = []

    def points(intervals, keep):
        chosen = [m for m in members if (m["region"], m["start"]) in keep]
        line = [(h, median([m["regretShare"] for m in chosen if m["replanEveryHours"] == h])) for h in intervals]
        once = {(m["region"], m["start"]): m["planOnceRegretShare"] for m in chosen}
        line.append((ONCE, median(list(once.values()))))
        return [(x, v) for x, v in line if v is not None], len({r for r, _ in keep}), len({s for _, s in keep})

    if full:
        result.append((False,) + points(full, everything))
    if matched and matched != everything:
        result.append((True,) + points(sorted(coverage), matched))
    return result


def chart(rows, path):
    """Median regret share against the re-plan interval ('once' = plan-once), one line per solver, slack and cell set."""
    width, height, left, right, top, bottom = 860, 440, 70, 330, 40, 50
    xs = [1, 6, 24, ONCE]
    labels = ["1 h", "6 h", "24 h", "once"]
    xpos = {x: left + i * (width - left - right) / (len(xs) - 1) for i, x in enumerate(xs)}
    colours = {("cpsat", 0.1): "#1f77b4", ("cpsat", 0.25): "#6baed6", ("threshold", 0.1): "#d62728",
               ("threshold", 0.25): "#fc9272"}
    series = []
    for signal, name in (("average", "DACF"), ("marginal", "MOER")):
        for (solver, slack), members in sorted(group([r for r in rows if r["signal"] == signal], "solver", "slack").items()):
            for matched, points, regions, starts in series_of(members):
                label = "%s %s, slack %d %%, %d reg. x %d start%s" % (name, solver, round(slack * 100), regions, starts,
                                                                    "" if starts == 1 else "s")
                series.append((label, colours.get((solver, slack), "#555"), points,
                               "2,3" if matched else ("6,4" if signal == "marginal" else None)))
    top_value = max([v for s in series for _, v in s[2]] + [0.1])
    top_value = min(2.0, max(0.1, top_value * 1.1))
    bottom_value = min([v for s in series for _, v in s[2]] + [0])

    def y(v):
        return top + (height - top - bottom) * (top_value - v) / (top_value - bottom_value)

    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (width, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="18" font-size="14">Regret (rolling − oracle) as a share of the oracle\'s saving over fixed-fastest, median</text>' % left,
           '<text x="%d" y="33" fill="#555">0 %% = perfect foresight, 100 %% = no better than fixed-fastest; dotted: the cells run at every interval</text>' % left]
    ticks = 5
    for i in range(ticks + 1):
        v = bottom_value + (top_value - bottom_value) * i / ticks
        svg.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/>' % (left, width - right, y(v), y(v)))
        svg.append('<text x="%d" y="%.1f" text-anchor="end">%.0f %%</text>' % (left - 6, y(v) + 4, 100 * v))
    for x, label in zip(xs, labels):
        svg.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (xpos[x], height - bottom + 18, label))
    svg.append('<text x="%d" y="%d" text-anchor="middle">re-plan interval</text>' % ((left + width - right) / 2, height - 12))
    for index, (label, colour, points, dash) in enumerate(series):
        style = ' stroke-dasharray="%s"' % dash if dash else ""
        coords = " ".join("%.1f,%.1f" % (xpos[x], y(v)) for x, v in points)
        svg.append('<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>' % (colour, style, coords))
        for x, v in points:
            svg.append('<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"/>' % (xpos[x], y(v), colour))
        ly = top + 16 * index + 8
        svg.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="%s" stroke-width="2"%s/>' % (
            width - right + 12, width - right + 34, ly, ly, colour, style))
        svg.append('<text x="%d" y="%d">%s</text>' % (width - right + 40, ly + 4, label))
    svg.append("</svg>")
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(svg) + "\n")
    os.replace(path + ".tmp", path)


def write_csv(rows, path):
    with open(path + ".tmp", "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in sorted(rows, key=lambda r: (r["signal"], r["region"], r["start"], r["slack"], r["solver"], r["replanEveryHours"])):
            writer.writerow([number(row[c]) for c in COLUMNS])
    os.replace(path + ".tmp", path)


def main():
    args = sys.argv[1:]
    if args and args[0] == "--from-csv":
        path = os.path.abspath(args[1]) if len(args) > 1 else os.path.join(HERE, "results.csv")
        rows = read_csv(path)
        if not rows:
            sys.exit("summarise: no cells in %s" % path)
    else:
        runs = os.path.abspath(args[0]) if args else os.path.join(HERE, "runs")
        rows = cells(runs)
        if not rows:
            sys.exit("summarise: no cells in %s/cells. Maybe run benchmarks/forecast/run.sh first, or --from-csv?" % runs)
        write_csv(rows, os.path.join(HERE, "results.csv"))
    with open(os.path.join(HERE, "summary.md.tmp"), "w") as f:
        f.write(tables(rows) + "\n")
    os.replace(os.path.join(HERE, "summary.md.tmp"), os.path.join(HERE, "summary.md"))
    chart(rows, os.path.join(HERE, "regret-vs-replan.svg"))
    print("summarise: %d cells -> %ssummary.md, regret-vs-replan.svg" % (len(rows), "" if args[:1] == ["--from-csv"] else "results.csv, "),
          file=sys.stderr)


if __name__ == "__main__":
    main()
