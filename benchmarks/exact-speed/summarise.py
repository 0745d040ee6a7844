#!/usr/bin/env python3
"""Tables and chart of the exact-speed benchmark, from the runs run.sh appended to runs.csv.

Usage: python3 benchmarks/exact-speed/summarise.py [runs.csv]
Prints the goal table and the scaling table (markdown) to stdout and writes scaling.svg beside runs.csv.
Each cell is summarised by its median run (the middle run by solveSeconds); peak RSS is the largest of the cell's
runs. The growth exponent is the least-squares slope of ln(solveSeconds) against ln(epochs) per option table,
over the sizes the label setting proved optimal (a run stopped by its time limit measures the limit, not the
growth).
"""
import csv
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
INSTANCE_DIRS = [os.path.join(ROOT, "benchmarks", "instances"), os.path.join(ROOT, "benchmarks", "instances", "scaling")]

# cell: (goal text, limit seconds, test of the median run and the cell's peak RSS)
GOALS = {
    "goal-2w-12opt": ("2 weeks hourly × 12 options: proven optimal ≤ 5 s",
                      lambda r, rss: r["status"] == "OPTIMAL" and r["solveSeconds"] <= 5),
    "goal-4w15-40opt": ("4 weeks × 15-min × 40 options: proven optimal ≤ 60 s",
                        lambda r, rss: r["status"] == "OPTIMAL" and r["solveSeconds"] <= 60),
    "goal-8w-40opt": ("8 weeks hourly × 40 options: ≤ 0.05 % gap in 60 s",
                      lambda r, rss: r["gap"] is not None and r["gap"] <= 0.0005),
    "goal-1y-40opt": ("1 year hourly × 40 options: ≤ 0.5 % gap in 2 min, ≤ 2 GB RSS",
                      lambda r, rss: r["gap"] is not None and r["gap"] <= 0.005 and rss <= 2048),
}


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def read_runs(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        for key in ("solveSeconds", "wallSeconds", "maxRssMb", "gap", "totalKg", "bestBoundKg", "load1Before",
                    "load1After", "solutionJsonBytes", "solutionCsvBytes"):
            row[key] = number(row[key])
    return rows


def size(instance):
    for folder in INSTANCE_DIRS:
        path = os.path.join(folder, instance + ".json")
        if os.path.exists(path):
            with open(path) as f:
                data = json.load(f)
            return int(round(data["deadlineHours"] * 60 / data["epochMinutes"])), len(data["options"])
    raise SystemExit("summarise.py: instance %s not found under benchmarks/instances. Maybe run make-instances.py?" % instance)


def cells(rows):
    grouped = {}
    for row in rows:
        grouped.setdefault((row["cell"], row["instance"], row["solver"], row["args"]), []).append(row)
    return grouped


def median_run(runs):
    ordered = sorted(runs, key=lambda r: r["solveSeconds"] if r["solveSeconds"] is not None else math.inf)
    return ordered[(len(ordered) - 1) // 2]


def pct(gap):
    return "—" if gap is None else "%.4f %%" % (100 * gap)


def seconds(value):
    return "—" if value is None else ("%.2f" % value if value < 100 else "%.0f" % value)


def loads(runs):
    values = [v for r in runs for v in (r["load1Before"], r["load1After"]) if v is not None]
    return "%.1f–%.1f" % (min(values), max(values)) if values else "?"


def goal_table(grouped):
    out = ["| goal | instance (epochs × options) | label: status, median s (all runs) | gap of the median run (worst) "
           "| peak RSS | JSON / CSV size | HiGHS, plain flow model | ratio | load (1 min) | met? |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for cell, (text, test) in GOALS.items():
        label = next((runs for key, runs in grouped.items() if key[0] == cell and key[2] == "label"), None)
        highs = next((runs for key, runs in grouped.items() if key[0] == cell and key[2] == "mip"), None)
        if label is None:
            out.append("| %s | not measured | | | | | | | | no |" % text)
            continue
        m = median_run(label)
        epochs, options = size(m["instance"])
        rss = max(r["maxRssMb"] or 0 for r in label)
        gaps = [r["gap"] for r in label if r["gap"] is not None]
        all_s = ", ".join(seconds(r["solveSeconds"]) for r in label)
        statuses = sorted({r["status"] for r in label})
        if highs:
            h = median_run(highs)
            highs_text = "%s, %s s, gap %s (%d run%s)" % (h["status"] or "no plan", seconds(h["solveSeconds"]),
                                                       pct(h["gap"]), len(highs), "" if len(highs) == 1 else "s")
            if h["exitCode"] in ("124", "137", "143"):
                rss_text = "%d MB" % h["maxRssMb"] if (h["maxRssMb"] or 0) > 10 else "peak RSS not recorded"
                highs_text = "no answer: stopped after %s s wall (limit %s s), %s" % (seconds(h["wallSeconds"]),
                                                                                   h["limitSeconds"], rss_text)
            if h["exitCode"] in ("124", "137", "143"):
                ratio = "HiGHS: no answer"
            elif h["status"] == "OPTIMAL" and m["status"] == "OPTIMAL":
                ratio = "%.0f× faster" % (h["solveSeconds"] / m["solveSeconds"])
            elif m["status"] == "OPTIMAL":
                ratio = "HiGHS: no proof in %s s" % seconds(h["solveSeconds"])
            else:
                ratio = "neither proves"
        else:
            highs_text, ratio = "not run", "—"
        out.append("| %s | `%s` (%d × %d) | %s, %s s (%s) | %s (%s) | %d MB | %s / %s | %s | %s | %s | %s |" % (
            text, m["instance"], epochs, options, "/".join(statuses), seconds(m["solveSeconds"]), all_s, pct(m["gap"]),
            pct(max(gaps)) if gaps else "—", rss, kb(m["solutionJsonBytes"]), kb(m["solutionCsvBytes"]), highs_text,
            ratio, loads(label + (highs or [])), "**yes**" if test(m, rss) else "**no**"))
    return "\n".join(out)


def kb(value):
    if not value:
        return "—"
    return "%.0f kB" % (value / 1000) if value < 1e6 else "%.1f MB" % (value / 1e6)


def scaling_points(grouped):
    points = []
    for (cell, instance, solver, _), runs in grouped.items():
        if cell != "scaling":
            continue
        m = median_run(runs)
        epochs, options = size(instance)
        points.append({"instance": instance, "epochs": epochs, "options": options, "run": m,
                       "rss": max(r["maxRssMb"] or 0 for r in runs), "runs": runs})
    return sorted(points, key=lambda p: (p["options"], p["epochs"]))


def fit(points, value=lambda p: p["run"]["solveSeconds"], proven_only=True):
    """Slope and intercept of ln(value) on ln(epochs), by default over the proven sizes (at least two)."""
    chosen = [p for p in points if (p["run"]["status"] == "OPTIMAL" or not proven_only) and value(p)]
    xs = [math.log(p["epochs"]) for p in chosen]
    ys = [math.log(value(p)) for p in chosen]
    if len(xs) < 2:
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    return slope, my - slope * mx, len(xs)


def scaling_table(points):
    out = ["| instance | epochs × options | status | solveSeconds | gap | peak RSS | load (1 min) |", "|---|---|---|---|---|---|---|"]
    for p in points:
        r = p["run"]
        out.append("| `%s` | %d × %d | %s | %s | %s | %d MB | %s |" % (p["instance"], p["epochs"], p["options"], r["status"],
                                                                   seconds(r["solveSeconds"]), pct(r["gap"]), p["rss"], loads(p["runs"])))
    lines = ["\n".join(out), ""]
    for options in sorted({p["options"] for p in points}):
        f = fit([p for p in points if p["options"] == options])
        if f:
            lines.append("- %d options: solveSeconds ≈ %.3g · epochs^%.2f (least squares over the %d proven sizes)"
                         % (options, math.exp(f[1]), f[0], f[2]))
        else:
            lines.append("- %d options: fewer than two proven sizes, no exponent fitted" % options)
        r = fit([p for p in points if p["options"] == options], value=lambda p: p["rss"], proven_only=False)
        if r:
            lines.append("- %d options: peak RSS ≈ %.3g MB · epochs^%.2f (every size, JVM included)" % (options, math.exp(r[1]), r[0]))
    return "\n".join(lines)


def svg(points, path):
    width, height, left, right, top, panel, gap_between = 760, 520, 70, 170, 40, 180, 70
    plot_w = width - left - right
    epochs = [p["epochs"] for p in points]
    x_lo, x_hi = math.log10(min(epochs) / 1.3), math.log10(max(epochs) * 1.3)
    times = [p["run"]["solveSeconds"] for p in points if p["run"]["solveSeconds"]]
    t_lo, t_hi = math.floor(math.log10(min(times))), math.ceil(math.log10(max(times)))
    gaps = [100 * (p["run"]["gap"] or 0) for p in points]
    g_hi = max(max(gaps) * 1.15, 0.01)
    colours = {12: "#1f77b4", 40: "#d62728"}

    def x(e):
        return left + (math.log10(e) - x_lo) / (x_hi - x_lo) * plot_w

    def y_time(t):
        return top + panel - (math.log10(t) - t_lo) / max(1, t_hi - t_lo) * panel

    def y_gap(g):
        return top + 2 * panel + gap_between - g / g_hi * panel

    s = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (width, height),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="%d" y="20" font-size="14">Exact planner (--solver label): solve time and gap against the horizon</text>' % left]
    for panel_top, title in ((top, "solveSeconds (log)"), (top + panel + gap_between, "gap to the proven bound (%)")):
        s.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#888"/>' % (left, panel_top, plot_w, panel))
        s.append('<text x="%d" y="%d">%s</text>' % (left, panel_top - 6, title))
    for k in range(t_lo, t_hi + 1):
        yy = y_time(10 ** k)
        s.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#eee"/>' % (left, left + plot_w, yy, yy))
        s.append('<text x="%d" y="%.1f" text-anchor="end">%g</text>' % (left - 5, yy + 4, 10 ** k))
    for k in range(5):
        g = g_hi * k / 4
        yy = y_gap(g)
        s.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#eee"/>' % (left, left + plot_w, yy, yy))
        s.append('<text x="%d" y="%.1f" text-anchor="end">%.3g</text>' % (left - 5, yy + 4, g))
    for e in sorted(set(epochs)):
        for base in (top + panel, top + 2 * panel + gap_between):
            s.append('<text x="%.1f" y="%d" text-anchor="middle">%d</text>' % (x(e), base + 15, e))
    s.append('<text x="%d" y="%d" text-anchor="middle">epochs (hourly, log scale)</text>' % (left + plot_w / 2, height - 10))
    legend_y = top + 10
    for options in sorted({p["options"] for p in points}):
        series = [p for p in points if p["options"] == options]
        colour = colours.get(options, "#2ca02c")
        pts = [(x(p["epochs"]), y_time(p["run"]["solveSeconds"]), p) for p in series if p["run"]["solveSeconds"]]
        s.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (colour, " ".join("%.1f,%.1f" % (a, b) for a, b, _ in pts)))
        for a, b, p in pts:
            proven = p["run"]["status"] == "OPTIMAL"
            s.append('<circle cx="%.1f" cy="%.1f" r="4" fill="%s" stroke="%s"/>' % (a, b, colour if proven else "white", colour))
        gp = [(x(p["epochs"]), y_gap(100 * (p["run"]["gap"] or 0))) for p in series]
        s.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (colour, " ".join("%.1f,%.1f" % q for q in gp)))
        f = fit(series)
        label = "%d options" % options + (": t ∝ epochs^%.2f" % f[0] if f else "")
        s.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="%s" stroke-width="2"/>' % (left + plot_w + 10, left + plot_w + 30, legend_y, legend_y, colour))
        s.append('<text x="%d" y="%d">%s</text>' % (left + plot_w + 35, legend_y + 4, label))
        legend_y += 18
    s.append('<circle cx="%d" cy="%d" r="4" fill="#555"/><text x="%d" y="%d">proven optimal</text>' % (left + plot_w + 20, legend_y, left + plot_w + 35, legend_y + 4))
    s.append('<circle cx="%d" cy="%d" r="4" fill="white" stroke="#555"/><text x="%d" y="%d">stopped at the limit</text>' % (left + plot_w + 20, legend_y + 18, left + plot_w + 35, legend_y + 22))
    s.append("</svg>")
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(s) + "\n")
    os.replace(path + ".tmp", path)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "runs.csv")
    if not os.path.exists(path):
        raise SystemExit("summarise.py: %s: no such file. Maybe run benchmarks/exact-speed/run.sh first?" % path)
    rows = read_runs(path)
    grouped = cells(rows)
    print(goal_table(grouped))
    points = scaling_points(grouped)
    if points:
        print()
        print(scaling_table(points))
        svg(points, os.path.join(os.path.dirname(os.path.abspath(path)), "scaling.svg"))


if __name__ == "__main__":
    main()
