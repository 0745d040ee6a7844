#!/usr/bin/env python3
"""Prints the numbers README.md sets against the paper's statements, from the committed study CSVs (stdlib only)."""
import csv
import os
import sys

base = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def load(run):
    with open(os.path.join(base, run, "scaling.csv")) as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    table = {}
    for r in rows:
        table[(r["variant"], int(r["dModel"]))] = r
    return table


def kg(table, variant, d):
    r = table.get((variant, d))
    return float(r["totalKg"]) if r and r["totalKg"] else None


def t(x):
    return "infeasible" if x is None else ("%.3g" % (x / 1000))


def geo(pairs):
    """Geometric mean change of new/old over the sizes where both are feasible."""
    import math
    ratios = [n / o for n, o in pairs if n is not None and o is not None]
    if not ratios:
        return "n/a"
    return "%+.0f %% (%d sizes)" % (100 * (math.exp(sum(math.log(r) for r in ratios) / len(ratios)) - 1), len(ratios))


def pct(new, old):
    return "n/a" if new is None or old is None else "%+.0f %%" % (100 * (new / old - 1))


ci323, ci273, agg = load("ci323"), load("ci2.73"), load("aggressive")
ci679 = load("ci679")
sizes = sorted({d for (_, d) in ci323})
params = {d: float(ci323[("B100", d)]["params"]) for d in sizes}
gpus = ["V100-32GB", "A100-80GB", "H100-80GB", "B100", "TPUv4", "TPUv5p"]


def size_label(d):
    return "%d (%.3gB)" % (d, params[d] / 1e9)


print("### Total carbon (t CO2e) by device, CI 323 g/kWh\n")
print("| d_model (params) | loss | " + " | ".join(gpus) + " | newer GPU always lower? | TPUs between A100 and H100? |")
print("|---|---|" + "---|" * len(gpus) + "---|---|")
for d in sizes:
    v = {g: kg(ci323, g, d) for g in gpus}
    chain = [v[g] for g in gpus[:4] if v[g] is not None]
    newer = "n/a" if len(chain) < 2 else ("yes" if all(a > b for a, b in zip(chain, chain[1:])) else "no")
    lo, hi = v["H100-80GB"], v["A100-80GB"]
    tpu = []
    for g in ("TPUv4", "TPUv5p"):
        if v[g] is None or lo is None or hi is None:
            tpu.append("n/a")
        else:
            tpu.append("yes" if lo <= v[g] <= hi else ("below H100" if v[g] < lo else "above A100"))
    print("| %s | %.3f | %s | %s | v4 %s, v5p %s |" % (size_label(d), float(ci323[("B100", d)]["loss"]),
          " | ".join(t(v[g]) for g in gpus), newer, tpu[0], tpu[1]))

print("\n### Grid carbon intensity on B100 (t CO2e; embodied share)\n")
print("| d_model (params) | 2.73 g/kWh | 323 g/kWh | 679 g/kWh | 2.73 vs 323 | embodied share at 2.73 | at 323 |")
print("|---|---|---|---|---|---|---|")
for d in sizes:
    lo, mid, hi = kg(ci273, "B100", d), kg(ci323, "B100", d), kg(ci679, "B100", d)
    share = lambda tab: "n/a" if not tab[("B100", d)]["embodiedShare"] else "%.1f %%" % (100 * float(tab[("B100", d)]["embodiedShare"]))
    print("| %s | %s | %s | %s | %s | %s | %s |" % (size_label(d), t(lo), t(mid), t(hi), pct(lo, mid), share(ci273), share(ci323)))

print("| geometric mean | | | | %s | | |" % geo([(kg(ci273, "B100", d), kg(ci323, "B100", d)) for d in sizes]))

print("\n### QAT (8-bit) and aggressive batch scaling, relative to the same device at CI 323 with the standard rule\n")
print("| d_model (params) | B100 QAT | H100 QAT | B100 aggressive | H100 aggressive | A100 aggressive | B100 batch std / aggr (sequences) |")
print("|---|---|---|---|---|---|---|")
for d in sizes:
    b = ci323[("B100", d)]["batchSequences"], agg[("B100", d)]["batchSequences"]
    print("| %s | %s | %s | %s | %s | %s | %s / %s |" % (size_label(d),
          pct(kg(ci323, "B100+QAT", d), kg(ci323, "B100", d)), pct(kg(ci323, "H100-80GB+QAT", d), kg(ci323, "H100-80GB", d)),
          pct(kg(agg, "B100", d), kg(ci323, "B100", d)), pct(kg(agg, "H100-80GB", d), kg(ci323, "H100-80GB", d)),
          pct(kg(agg, "A100-80GB", d), kg(ci323, "A100-80GB", d)), b[0], b[1]))

print("| geometric mean | %s | %s | %s | %s | %s | |" % tuple(geo([(kg(tab, v, d), kg(ci323, ref, d)) for d in sizes]) for tab, v, ref in (
    (ci323, "B100+QAT", "B100"), (ci323, "H100-80GB+QAT", "H100-80GB"), (agg, "B100", "B100"), (agg, "H100-80GB", "H100-80GB"),
    (agg, "A100-80GB", "A100-80GB"))))

print("\n### Future B100 (Table 2 rates), relative to B100 at CI 323\n")
print("| d_model (params) | B100 (t) | +5y | +5y-EUV | +10y | +10y-EUV |")
print("|---|---|---|---|---|---|")
for d in sizes:
    ref = kg(ci323, "B100", d)
    cells = [pct(kg(ci323, v, d), ref) for v in ("B100+5y", "B100+5y-EUV", "B100+10y", "B100+10y-EUV")]
    print("| %s | %s | %s |" % (size_label(d), t(ref), " | ".join(cells)))

print("| geometric mean | | %s |" % " | ".join(geo([(kg(ci323, v, d), kg(ci323, "B100", d)) for d in sizes])
      for v in ("B100+5y", "B100+5y-EUV", "B100+10y", "B100+10y-EUV")))

print("\n### Power-law fits loss = k * CO2^-alpha (CO2 in kg), CI 323\n")
with open(os.path.join(base, "ci323", "fits.csv")) as f:
    fits = list(csv.DictReader(line for line in f if not line.startswith("#")))
print("| variant | curve | k | alpha | R^2 | points |")
print("|---|---|---|---|---|---|")
for r in fits:
    if r["variant"] in gpus + ["B100+QAT", "B100+5y", "B100+10y"]:
        print("| %s | %s | %.4g | %.4g | %.3f | %s |" % (r["variant"], r["curve"], float(r["k"]), float(r["alpha"]),
              float(r["rSquared"]), r["points"]))

print("\n### Practical vs ideal on B100, CI 323 (ratios of carbon at the same size)\n")
print("| d_model (params) | devices | days | MFU | total / ideal | no-embodied / ideal | embodied share |")
print("|---|---|---|---|---|---|---|")
for d in sizes:
    r = ci323[("B100", d)]
    if not r["totalKg"]:
        print("| %s | infeasible | | | | | |" % size_label(d))
        continue
    ideal = float(r["idealKg"])
    print("| %s | %s | %.1f | %.2f | %.1f | %.1f | %.1f %% |" % (size_label(d), r["devices"], float(r["days"]),
          float(r["utilisation"]), float(r["totalKg"]) / ideal, float(r["operationalKg"]) / ideal, 100 * float(r["embodiedShare"])))

print("\n### Embodied carbon the paper's two grid statements imply (B100, d_model 12288, our operational carbon)\n")
r = ci323[("B100", 12288)]
op323 = float(r["operationalKg"])
op273 = op323 * 2.73 / 323
emb = float(r["embodiedKg"])
implied = 0.97 / 0.03 * op273
print("- ours: operational %.3g t at 323 g/kWh, %.3g t at 2.73 g/kWh; embodied %.3g t" % (op323 / 1000, op273 / 1000, emb / 1000))
print("- a 97 %% embodied share at 2.73 g/kWh needs embodied = 0.97/0.03 x %.3g t = %.3g t (%.1f x ours)" % (op273 / 1000, implied / 1000, implied / emb))
print("- with that embodied figure, 2.73 instead of 323 g/kWh would cut total carbon by %.0f %%" % (100 * (1 - (implied + op273) / (implied + op323))))
