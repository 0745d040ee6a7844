#!/usr/bin/env python3
"""Summarises the forecast benchmark from its cell files (runs/cells/*.summary.json and *.replans.csv), without
solving anything: writes results.csv (one row per cell), summary.md (the tables of README.md) and
regret-vs-replan.svg.

    benchmarks/forecast/summarise.py [RUNS_DIR]        default: benchmarks/forecast/runs
"""
import csv
import glob
import json
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = re.compile(r"^(?P<region>.+)-(?P<start>\d{4}-\d{2}-\d{2})-s(?P<slack>\d+)-(?P<solver>[a-z-]+)-(?P<replan>\d+)h$")
COLUMNS = ["region", "signal", "forecast", "start", "slack", "solver", "replanEveryHours", "replans", "rollingKg", "oracleKg",
           "planOnceKg", "fixedFastestKg", "oracleSaving", "rollingSaving", "regretShare", "planOnceRegretShare",
           "minSlackHours", "medianReplanSeconds", "maxReplanSeconds", "keptPreviousPlans", "rollingReconfigurations",
           "oracleReconfigurations", "forecastMeanAbsoluteError"]


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
        rows.append({
            "region": match["region"].upper(), "signal": summary["signal"], "forecast": summary["forecastType"],
            "start": match["start"], "slack": int(match["slack"]) / 100, "solver": match["solver"],
            "replanEveryHours": int(match["replan"]), "replans": summary["replans"], "rollingKg": rolling,
            "oracleKg": oracle, "planOnceKg": summary["planOnceKg"], "fixedFastestKg": ff,
            "oracleSaving": 1 - oracle / ff, "rollingSaving": 1 - rolling / ff,
            "regretShare": summary["regretShareOfSaving"], "planOnceRegretShare": summary["planOnceRegretShareOfSaving"],
            "minSlackHours": summary["minSlackHours"], "medianReplanSeconds": statistics.median(seconds),
            "maxReplanSeconds": max(seconds), "keptPreviousPlans": summary["keptPreviousPlans"],
            "rollingReconfigurations": summary["rollingReconfigurations"],
            "oracleReconfigurations": summary["oracleReconfigurations"],
            "forecastMeanAbsoluteError": summary["forecastMeanAbsoluteError"]})
    return rows


def number(value, digits=4):
    if value is None:
        return ""
    if isinstance(value, float):
        return "%.*g" % (digits + 2, value)
    return str(value)


def pct(value):
    return "—" if value is None else "%.1f %%" % (100 * value)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def mean(values):
    values = [v for v in values if v is not None]
    return statistics.fmean(values) if values else None


def group(rows, *keys):
    groups = {}
    for row in rows:
        groups.setdefault(tuple(row[k] for k in keys), []).append(row)
    return groups


def tables(rows):
    out = []
    signals = sorted({r["signal"] for r in rows})
    for signal in signals:
        part = [r for r in rows if r["signal"] == signal]
        source = "DACF day-ahead column, 6 regions x 6 starts" if signal == "average" else "WattTime CAISO_NORTH MOER vintages, 6 starts"
        out.append("### %s signal (%s)\n" % (signal, source))
        out.append("| solver | slack | re-plan | cells | oracle saving vs fixed-fastest (median) | rolling saving (median) "
                   "| regret share, median | mean | worst | plan-once regret share, median | median s per re-plan |")
        out.append("|---|---|---|---|---|---|---|---|---|---|---|")
        for (solver, slack, replan), members in sorted(group(part, "solver", "slack", "replanEveryHours").items(),
                                                       key=lambda kv: (kv[0][0] != "cpsat", kv[0][0], kv[0][1], kv[0][2])):
            regrets = [m["regretShare"] for m in members]
            out.append("| %s | %d %% | %d h | %d | %s | %s | %s | %s | %s | %s | %.3f |" % (
                solver, round(slack * 100), replan, len(members), pct(median([m["oracleSaving"] for m in members])),
                pct(median([m["rollingSaving"] for m in members])), pct(median(regrets)), pct(mean(regrets)),
                pct(max(v for v in regrets if v is not None) if any(v is not None for v in regrets) else None),
                pct(median([m["planOnceRegretShare"] for m in members])),
                median([m["medianReplanSeconds"] for m in members])))
        out.append("")
    dacf = [r for r in rows if r["signal"] == "average" and r["solver"] == "cpsat"]
    if dacf:
        out.append("### cpsat regret share by region (median over starts and slacks)\n")
        replans = sorted({r["replanEveryHours"] for r in dacf})
        out.append("| region | day-ahead MAE g/kWh | oracle saving | " + " | ".join("%d h" % h for h in replans) + " | plan once |")
        out.append("|---|---|---|" + "---|" * len(replans) + "---|")
        for region, members in sorted(group(dacf, "region").items()):
            by = group(members, "replanEveryHours")
            out.append("| %s | %.1f | %s | %s | %s |" % (region[0], median([m["forecastMeanAbsoluteError"] for m in members]),
                pct(median([m["oracleSaving"] for m in members])),
                " | ".join(pct(median([m["regretShare"] for m in by.get((h,), [])])) for h in replans),
                pct(median([m["planOnceRegretShare"] for m in members]))))
        out.append("")
    return "\n".join(out)


def chart(rows, path):
    """Median regret share against the re-plan interval (log scale; 'once' = no re-plan), one line per solver and slack."""
    width, height, left, right, top, bottom = 720, 420, 70, 190, 30, 50
    xs = [1, 6, 24, 10 ** 9]
    labels = ["1 h", "6 h", "24 h", "once"]
    xpos = {x: left + i * (width - left - right) / (len(xs) - 1) for i, x in enumerate(xs)}
    series = []
    colours = {("cpsat", 0.1): "#1f77b4", ("cpsat", 0.25): "#6baed6", ("threshold", 0.1): "#d62728", ("threshold", 0.25): "#fc9272"}
    for (solver, slack), members in sorted(group([r for r in rows if r["signal"] == "average"], "solver", "slack").items()):
        points = []
        for x in xs[:-1]:
            value = median([m["regretShare"] for m in members if m["replanEveryHours"] == x])
            if value is not None:
                points.append((x, value))
        once = median([m["planOnceRegretShare"] for m in members])
        if once is not None:
            points.append((xs[-1], once))
        series.append(("DACF %s, slack %d %%" % (solver, round(slack * 100)), colours.get((solver, slack), "#555"), points, False))
    for (solver, slack), members in sorted(group([r for r in rows if r["signal"] == "marginal"], "solver", "slack").items()):
        points = [(1, median([m["regretShare"] for m in members]))]
        once = median([m["planOnceRegretShare"] for m in members])
        if once is not None:
            points.append((xs[-1], once))
        series.append(("MOER %s, slack %d %%" % (solver, round(slack * 100)), colours.get((solver, slack), "#555"), points, True))
    top_value = max([p[1] for s in series for p in s[2] if p[1] is not None] + [0.1])
    top_value = min(1.5, max(0.1, top_value * 1.1))

    def y(v):
        return top + (height - top - bottom) * (1 - v / top_value)

    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (width, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="18" font-size="14">Regret (rolling − oracle) / oracle saving over fixed-fastest, median</text>' % left]
    ticks = 5
    for i in range(ticks + 1):
        v = top_value * i / ticks
        svg.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/>' % (left, width - right, y(v), y(v)))
        svg.append('<text x="%d" y="%.1f" text-anchor="end">%.0f %%</text>' % (left - 6, y(v) + 4, 100 * v))
    for x, label in zip(xs, labels):
        svg.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (xpos[x], height - bottom + 18, label))
    svg.append('<text x="%d" y="%d" text-anchor="middle">re-plan interval</text>' % ((left + width - right) / 2, height - 12))
    for index, (label, colour, points, dashed) in enumerate(series):
        coords = " ".join("%.1f,%.1f" % (xpos[x], y(v)) for x, v in points if v is not None)
        svg.append('<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>' % (
            colour, ' stroke-dasharray="5,4"' if dashed else "", coords))
        for x, v in points:
            if v is not None:
                svg.append('<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"/>' % (xpos[x], y(v), colour))
        ly = top + 16 * index + 8
        svg.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="%s" stroke-width="2"%s/>' % (
            width - right + 12, width - right + 34, ly, ly, colour, ' stroke-dasharray="5,4"' if dashed else ""))
        svg.append('<text x="%d" y="%d">%s</text>' % (width - right + 40, ly + 4, label))
    svg.append("</svg>")
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(svg) + "\n")
    os.replace(path + ".tmp", path)


def main():
    runs = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(HERE, "runs")
    rows = cells(runs)
    if not rows:
        sys.exit("summarise: no cells in %s/cells" % runs)
    with open(os.path.join(HERE, "results.csv.tmp"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in sorted(rows, key=lambda r: (r["signal"], r["region"], r["start"], r["slack"], r["solver"], r["replanEveryHours"])):
            writer.writerow([number(row[c]) for c in COLUMNS])
    os.replace(os.path.join(HERE, "results.csv.tmp"), os.path.join(HERE, "results.csv"))
    with open(os.path.join(HERE, "summary.md.tmp"), "w") as f:
        f.write(tables(rows) + "\n")
    os.replace(os.path.join(HERE, "summary.md.tmp"), os.path.join(HERE, "summary.md"))
    chart(rows, os.path.join(HERE, "regret-vs-replan.svg"))
    print("summarise: %d cells -> results.csv, summary.md, regret-vs-replan.svg" % len(rows), file=sys.stderr)


if __name__ == "__main__":
    main()
