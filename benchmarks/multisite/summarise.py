#!/usr/bin/env python3
"""Summarises benchmarks/multisite/results/ into results/summary.md (the README's tables) and timeline.svg; with
--decompose only the decompose runs of run_decompose.sh into results/decompose.csv and decompose.md.
Every number comes from the solution files (the validator's recomputation) or the validate output."""
import csv
import glob
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, "results")
SITES = ["CAISO_NORTH", "SPP_TX", "NEM_SA"]
COLOURS = {"CAISO_NORTH": "#1f77b4", "SPP_TX": "#2ca02c", "NEM_SA": "#d62728", "DE": "#7f7f7f"}


def load(name):
    path = os.path.join(RES, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def epochs_csv(name):
    path = os.path.join(RES, name + ".epochs.csv")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return list(csv.DictReader(f))


def inside_share(name, threshold=100):
    """Share of the energy drawn in epochs whose site CI is below the threshold (the study's window test)."""
    rows = epochs_csv(name)
    total = sum(float(r["energyKwh"]) for r in rows)
    inside = sum(float(r["energyKwh"]) for r in rows if float(r["carbonIntensity"]) < threshold)
    return inside / total if total else float("nan")


def kg(d):
    return d["objective"]["totalKg"] if d and d.get("objective") else None


def fmt(x, digits=3):
    return "—" if x is None else ("%.*f" % (digits, x))


def status(d):
    if d is None:
        return "not run"
    return d["status"]


def study_rows():
    out = []
    alone = {}
    for site in SITES + ["DE"]:
        d = load("study-alone-" + site)
        alone[site] = kg(d)
    reactive = load("study-reactive")
    deadlines = sorted({m.group(1) for f in glob.glob(os.path.join(RES, "study-d*-cpsat.json"))
                        for m in [re.match(r"study-d([0-9p]+)-cpsat\.json", os.path.basename(f))] if m},
                       key=lambda s: float(s.replace("p", ".")))
    out.append("| plan | kg CO2 | finish h | energy kWh | in windows | " + " | ".join("vs %s alone" % s for s in SITES + ["DE"]) + " |")
    out.append("|---|---|---|---|---|" + "---|" * 4)

    def row(label, d, name):
        k = kg(d)
        ratios = " | ".join(fmt(100 * k / alone[s], 1) + " %" if k is not None and alone[s] else "—" for s in SITES + ["DE"])
        out.append("| %s | %s | %s | %s | %s | %s |" % (label, fmt(k), fmt(d and d.get("finishHours"), 2),
                                                    fmt(d and d.get("energyKwh"), 1),
                                                    fmt(100 * inside_share(name), 1) + " %" if d else "—", ratios))

    for site in SITES + ["DE"]:
        row("%s alone, continuously (`site-alone`)" % site, load("study-alone-" + site), "study-alone-" + site)
    row("time-optimal (`fixed-fastest`: two sites federated from the start)", load("study-fixed-fastest"), "study-fixed-fastest")
    row("reactive policy (`reactive`, ours)", reactive, "study-reactive")
    replay = replay_numbers()
    if replay:
        k = replay["kg"]
        ratios = " | ".join(fmt(100 * k / alone[s], 1) + " %" if alone[s] else "—" for s in SITES + ["DE"])
        out.append("| the real run's event log replayed (validator) | %s | %s (workload) / %s (log end) | %s | — | %s |"
                   % (fmt(k), fmt(replay["finish"], 2), fmt(replay["end"], 2), fmt(replay["energy"], 1), ratios))
        out.append("| the real run, the study's accounting on the log (60-s grid) | %s | %s | %s | %s %% | %s |"
                   % (fmt(replay["study_kg"]), fmt(replay["end"], 2), fmt(replay["study_energy"], 1),
                      fmt(100 * replay["study_inside"], 1),
                      " | ".join(fmt(100 * replay["study_kg"] / alone[s], 1) + " %" if alone[s] else "—" for s in SITES + ["DE"])))
    for dl in deadlines:
        row("exact (`cpsat`), deadline %s h" % dl.replace("p", "."), load("study-d%s-cpsat" % dl), "study-d%s-cpsat" % dl)
    out.append("| the study (reported) | 1.38 | 14.6 | — | > 97 % | 5–12 % of the single-site baselines (11–27 kg) | | | |")
    return out, deadlines


def replay_numbers():
    v = os.path.join(RES, "study-replay.validate.txt")
    a = os.path.join(RES, "study-replay.accounting.txt")
    if not (os.path.exists(v) and os.path.exists(a)):
        return None
    text = open(v).read()
    acc = open(a).read()
    m = re.search(r"totalKg=([0-9.]+).*energyKwh=([0-9.]+).*finishHours=([0-9.]+)", text)
    s = re.search(r"runHours=([0-9.]+) energyKwh=([0-9.]+) kg=([0-9.]+) insideWindowsShare=([0-9.]+)", acc)
    return {"kg": float(m.group(1)), "energy": float(m.group(2)), "finish": float(m.group(3)), "valid": "VALID" in text,
            "end": float(s.group(1)), "study_energy": float(s.group(2)), "study_kg": float(s.group(3)), "study_inside": float(s.group(4))}


def effect_rows(deadlines):
    out = ["| deadline h | exact kg (all effects) | no sync overhead (factor 1) | token efficiency 0.9 | token efficiency 0.8 | no provisioning | only inside curtailment windows |",
           "|---|---|---|---|---|---|---|"]
    for dl in deadlines:
        base = kg(load("study-d%s-cpsat" % dl))
        cells = []
        for v in ["nosync", "eff0.9", "eff0.8", "noprov", "windows"]:
            d = load("study-d%s-%s-cpsat" % (dl, v))
            k = kg(d)
            if k is None:
                cells.append(status(d))
            else:
                cells.append("%s (%+.3f)" % (fmt(k), k - base) if base is not None else fmt(k))
        out.append("| %s | %s | %s |" % (dl.replace("p", "."), fmt(base), " | ".join(cells)))
    base = load("study-reactive")
    cells = []
    for v in ["nosync", "eff0.9", "eff0.8", "noprov"]:
        d = load("study-reactive-" + v)
        k = kg(d)
        cells.append("%s (%+.3f), %s h" % (fmt(k), k - kg(base), fmt(d.get("finishHours"), 2)) if k is not None else status(d))
    out.append("| reactive (no deadline; finish %s h) | %s | %s | — |" % (fmt(base and base.get("finishHours"), 2), fmt(kg(base)), " | ".join(cells)))
    return out


def agreement_rows(deadlines):
    out = ["| deadline h | cpsat kg (status, s) | mip kg (status, s) | label kg (status, s) |", "|---|---|---|---|"]
    for dl in deadlines:
        cells = []
        for solver in ["cpsat", "mip", "label"]:
            d = load("study-d%s-%s" % (dl, solver))
            cells.append("%s (%s, %.2f)" % (fmt(kg(d), 4), status(d), d["solveSeconds"]) if d else "not run")
        out.append("| %s | %s |" % (dl.replace("p", "."), " | ".join(cells)))
    return out


def week_rows():
    out = ["| plan | status | kg CO2 | finish h | federated epochs | energy by site (kWh) |", "|---|---|---|---|---|---|"]

    def row(label, d, name=None):
        if d is None:
            log = os.path.join(RES, (name or "") + ".log")
            if name and os.path.exists(log):
                text = open(log).read().strip().splitlines()[-1]
                m = re.search(r"status (\w+)\): (.*?)(\. Maybe|$)", text)
                out.append("| %s | %s | — | — | — | %s |" % (label, m.group(1) if m else "failed", (m.group(2) if m else text).replace("|", "/")))
            else:
                out.append("| %s | not run | | | | |" % label)
            return
        sites = ", ".join("%s %.0f" % (s["site"], s["energyKwh"]) for s in d.get("sites", []))
        out.append("| %s | %s | %s | %s | %s | %s |" % (label, d["status"], fmt(kg(d), 1), fmt(d.get("finishHours"), 1),
                                                        d.get("federatedEpochs", "—"), sites or d.get("message", "")))

    alone = load("week-alone")
    if alone:
        kgs = alone["statistics"].get("kgBySite", {})
        out.append("| each site alone (`site-alone`): %s | | | | | |" % ", ".join("%s %s kg" % (s, fmt(v, 1)) for s, v in kgs.items()))
    row("time-optimal (`fixed-fastest`)", load("week-fixed-fastest"))
    for g in [100, 150, 200, 300]:
        row("reactive, threshold %d g/kWh" % g, load("week-reactive-g%d" % g), "week-reactive-g%d" % g)
    for dl in [72, 82, 96, 120, 126, 144, 168]:
        row("exact (`cpsat`), deadline %d h" % dl, load("week-d%d-cpsat" % dl))
    return out


def states(k, a):
    if a == 2:
        return 3 * k + 3 * k * k
    return (k + 1) ** 3 - 1


def cell_log(name):
    """The cell's log: the planner's messages, then "exit CODE load L1 L5 L15" (run.sh)."""
    path = os.path.join(RES, name + ".log")
    return open(path).read() if os.path.exists(path) else ""


def cell_load(name):
    m = re.search(r"^exit \d+ load ([0-9.]+)", cell_log(name), re.M)
    return float(m.group(1)) if m else None


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def outcome(name):
    """What a cell without a solution ended with: the planner's own line (refusal, no plan in time, out of heap)."""
    text = cell_log(name)
    if "OutOfMemoryError" in text:
        return "OutOfMemoryError (default JVM heap) before a plan"
    lines = [l for l in text.strip().splitlines() if l.startswith("planner:")]
    code = re.search(r"^exit (\d+)", text, re.M)
    if not lines:
        return "not run"
    # The instance path as the repository names it, not the absolute path of the clone that ran it.
    line = re.sub(r"\S*/(benchmarks/multisite/)", r"\1", lines[-1][len("planner: "):])
    return "%s (exit %s)" % (line, code.group(1) if code else "?")


def scaling_rows():
    """Medians of the cell and its repeats (-r2, -r3); kg, bound and status must agree across the repeats."""
    out = ["| options per site | sites at once | combinations | solver | status | kg | bound kg | solve s, median (min–max) | runs | load (1-min) | graph arcs before presolve |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for k in [1, 4, 12]:
        for a in [2, 3]:
            for solver in ["cpsat", "mip", "label"]:
                name = "week-k%d-a%d-%s" % (k, a, solver)
                names = [n for n in [name, name + "-r2", name + "-r3"] if load(n) is not None or cell_log(n)]
                runs = [load(n) for n in names if load(n) is not None]
                loads = [x for x in (cell_load(n) for n in names) if x is not None]
                load_text = ("%.1f–%.1f" % (min(loads), max(loads)) if len(loads) > 1 else "%.1f" % loads[0]) if loads else ""
                if not runs:
                    msg = outcome(name)
                    out.append("| %d | %d | %d | %s | %s | | | | %d | %s | |" % (k, a, states(k, a), solver, msg.replace("|", "/"), len(names), load_text))
                    continue
                d = runs[0]
                agree = all(r["status"] == d["status"] and abs((kg(r) or 0) - (kg(d) or 0)) <= 1e-6 * abs(kg(d) or 1) for r in runs)
                secs = [r["solveSeconds"] for r in runs]
                out.append("| %d | %d | %d | %s | %s | %s | %s | %.1f (%.1f–%.1f) | %d | %s | %s |" % (
                    k, a, states(k, a), solver, d["status"] if agree else "differ across runs", fmt(kg(d), 1),
                    fmt(d.get("bestBoundKg"), 1), median(secs), min(secs), max(secs), len(runs), load_text,
                    d.get("statistics", {}).get("arcsBefore", "")))
    if cell_log("week-k12-a3-cpsat-xmx1g"):
        out.append("| 12 | 3 | 2196 | cpsat, `JAVA_TOOL_OPTIONS=-Xmx1g` | %s | | | | 1 | %s | |" % (
            outcome("week-k12-a3-cpsat-xmx1g").replace("|", "/"), fmt(cell_load("week-k12-a3-cpsat-xmx1g"), 1)))
    return out


DECOMPOSE_CELLS = [("week-k%d-a%d" % (k, a), k, a, "default") for k in [1, 4, 12] for a in [2, 3]] + [
    ("week-k12-a3-opt12", 12, 3, "optionsPerSite=12"), ("week-gen-a3", 32, 3, "default"),
    ("week-gen-a3-opt12", 32, 3, "optionsPerSite=12")]


def median(values):
    values = sorted(values)
    n = len(values)
    return None if n == 0 else (values[n // 2] if n % 2 else 0.5 * (values[n // 2 - 1] + values[n // 2]))


def decompose_runs():
    """One row per decompose run (results/decompose/<cell>-r<run>.json and .load)."""
    rows = []
    for name, k, a, params in DECOMPOSE_CELLS:
        for path in sorted(glob.glob(os.path.join(RES, "decompose", name + "-r[0-9].json"))):
            with open(path) as f:
                d = json.load(f)
            load_path = path[:-5] + ".load"
            load = open(load_path).read().split()[0] if os.path.exists(load_path) else ""
            stats = d.get("statistics", {})
            rows.append({"cell": name, "run": path[-6], "options": k, "active": a, "params": params, "status": d["status"],
                         "kg": kg(d), "boundKg": d.get("bestBoundKg"), "lagrangianBoundKg": stats.get("lagrangianBoundKg"),
                         "solveSeconds": d["solveSeconds"], "boundSeconds": stats.get("boundSeconds"),
                         "iterations": stats.get("iterations"), "restrictedStates": stats.get("restrictedStates"),
                         "restrictedOptions": "/".join(str(v) for v in stats.get("restrictedOptionsBySite", {}).values()),
                         "load1": load})
    return rows


def decompose_rows(runs):
    out = ["| options per site | sites at once | combinations | decompose | runs | status | kg | bound kg | gap | Lagrangian bound kg | "
           "solve s (median, min–max) | restricted options per site | restricted states | load (1-min) |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, k, a, params in DECOMPOSE_CELLS:
        cell = [r for r in runs if r["cell"] == name]
        if not cell:
            out.append("| %d | %d | %d | %s | 0 | not run | | | | | | | | |" % (k, a, states(k, a), params))
            continue
        seconds = [r["solveSeconds"] for r in cell]
        mid = sorted(cell, key=lambda r: r["solveSeconds"])[len(cell) // 2]
        statuses = sorted(set(r["status"] for r in cell))
        gap = (mid["kg"] - mid["boundKg"]) / abs(mid["boundKg"]) if mid["kg"] is not None and mid["boundKg"] else None
        loads = [float(r["load1"]) for r in cell if r["load1"]]
        out.append("| %d | %d | %d | %s | %d | %s | %s | %s | %s | %s | %.1f (%.1f–%.1f) | %s | %s | %s |" % (
            k, a, states(k, a), params, len(cell), ", ".join(statuses), fmt(mid["kg"], 1), fmt(mid["boundKg"], 1),
            "—" if gap is None else "%.2f %%" % (100 * gap), fmt(mid["lagrangianBoundKg"], 1), median(seconds), min(seconds),
            max(seconds), mid["restrictedOptions"], mid["restrictedStates"],
            "%.1f–%.1f" % (min(loads), max(loads)) if loads else ""))
    return out


def decompose_main():
    """results/decompose.csv (every run) and results/decompose.md (the README's decompose table; the run whose
    solve time is the median gives kg, bound and restricted sizes)."""
    runs = decompose_runs()
    with open(os.path.join(RES, "decompose.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(runs[0].keys()) if runs else ["cell"])
        w.writeheader()
        w.writerows(runs)
    lines = ["## decompose on the state-count series (the week's first 120 hourly epochs: 120-hour deadline; 45-s limit, 1 worker, 3 runs a cell)", ""]
    lines += decompose_rows(runs)
    with open(os.path.join(RES, "decompose.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


def timeline_svg(rows_spec, path):
    """Per-site timeline: one band per plan, one lane per site; MOER of each site above."""
    trace = os.path.join(HERE, "..", "..", "instances", "traces", "curtail-llm", "mci_2026-01-11_5min.csv")
    with open(trace) as f:
        mci = list(csv.DictReader(f))
    width, left, hours = 900, 230, 18.0
    x = lambda h: left + (width - left - 20) * h / hours
    parts = []
    y = 20
    # MOER panel, clipped at 700 g/kWh
    ph = 120
    parts.append('<text x="10" y="%d" font-size="12">MOER g/kWh (clipped at 700)</text>' % (y + 12))
    for s in SITES:
        pts = " ".join("%.1f,%.1f" % (x(i * 5 / 60), y + ph - ph * min(700, float(r[s])) / 700) for i, r in enumerate(mci))
        parts.append('<polyline fill="none" stroke="%s" stroke-width="1.2" points="%s"/>' % (COLOURS[s], pts))
    ty = y + ph - ph * 100 / 700
    parts.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#333" stroke-dasharray="4,3"/>' % (left, width - 20, ty, ty))
    parts.append('<text x="%d" y="%.1f" font-size="10">100</text>' % (left - 22, ty + 3))
    y += ph + 20
    for label, name in rows_spec:
        rows = epochs_csv(name) if name != "replay" else replay_rows()
        if not rows:
            continue
        parts.append('<text x="10" y="%d" font-size="12">%s</text>' % (y + 22, label))
        for lane, s in enumerate(SITES):
            ly = y + lane * 12
            parts.append('<rect x="%d" y="%d" width="%d" height="10" fill="#f3f3f3"/>' % (left, ly, width - left - 20))
            for r in rows:
                if r["site"] == s and r["option"] not in ("off", None, ""):
                    h0 = int(r["index"]) * 10 / 60
                    parts.append('<rect x="%.1f" y="%d" width="%.1f" height="10" fill="%s"/>' % (x(h0), ly, x(h0 + 1 / 6) - x(h0), COLOURS[s]))
        y += 3 * 12 + 14
    for h in range(0, 19, 2):
        parts.append('<text x="%.1f" y="%d" font-size="10" text-anchor="middle">%d h</text>' % (x(h), y + 10, h))
    legend = " ".join('<tspan fill="%s">■ %s</tspan>' % (COLOURS[s], s) for s in SITES)
    parts.append('<text x="%d" y="%d" font-size="11">%s (lanes top to bottom; 0 h = 2026-01-11 17:00 UTC)</text>' % (left, y + 28, legend))
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif">%s</svg>\n' % (width, y + 40, "".join(parts))
    with open(path, "w") as f:
        f.write(svg)


def replay_rows():
    path = os.path.join(RES, "study-replay.json")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        d = json.load(f)
    return [{"index": e["index"], "site": s["site"], "option": "on" if s["option"] else "off"} for e in d["epochs"] for s in e["sites"]]


def cells_csv():
    """One row per solution file: what the tables are built from, kept in git (the solution files are not)."""
    rows = []
    for path in sorted(glob.glob(os.path.join(RES, "*.json"))):
        name = os.path.basename(path)[:-5]
        with open(path) as f:
            d = json.load(f)
        rows.append([name, d.get("solver"), d.get("status"), kg(d), d.get("finishHours"), d.get("energyKwh"),
                     d.get("federatedEpochs"), d.get("solveSeconds"), inside_share(name) if d.get("epochs") else None])
    with open(os.path.join(RES, "cells.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["cell", "solver", "status", "totalKg", "finishHours", "energyKwh", "federatedEpochs", "solveSeconds", "energyShareBelow100"])
        w.writerows(rows)


def main():
    cells_csv()
    lines = ["## The study's trace", ""]
    rows, deadlines = study_rows()
    lines += rows + ["", "## Cost of each modelled effect (exact plan; in brackets the change against all effects on)", ""]
    lines += effect_rows(deadlines) + ["", "## Exact solvers agree", ""] + agreement_rows(deadlines)
    lines += ["", "## CISO + DE + AU-NSW week (hourly average CI)", ""] + week_rows()
    lines += ["", "## How far the exact solvers go (the week's first 120 hourly epochs: 120-hour deadline; 45-s limit, 1 worker)", ""] + scaling_rows()
    with open(os.path.join(RES, "summary.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    spec = [("reactive (ours)", "study-reactive"), ("the real run (event log)", "replay")]
    spec += [("exact, deadline %s h" % dl.replace("p", "."), "study-d%s-cpsat" % dl) for dl in deadlines]
    timeline_svg(spec, os.path.join(HERE, "timeline.svg"))
    print("\n".join(lines))


if __name__ == "__main__":
    import sys
    decompose_main() if sys.argv[1:] == ["--decompose"] else main()
