#!/usr/bin/env python3
"""The DP asymmetry of seed 000 for one model: tokens/s and watts against the data-parallel degree at a fixed TP/PP.

Calls `planner/bin/planner estimate --format json` (the analytic model) for DP = 1, 2, 4, ... and writes
asymmetry.csv and asymmetry.svg (self-contained, stdlib only) next to this script.

    python3 benchmarks/headline/asymmetry.py [--model llama3-70b] [--gpu H100-80GB] [--tp 4] [--pp 4] [--zero 1]
        [--recompute none] [--recompute-layers fewest] [--global-batch 512] [--max-dp 128] [--cluster-gpus 1024]
        [--power-caps 595,490,385]

Defaults: Llama 3 70B on H100-80GB, TP 4 x PP 4 with ZeRO-1 and no recomputation (the layout of the fastest option
of instances/llama70b-h100-1024.json; --zero 3 --pp 1 --recompute full gives the ZeRO-3 layout), global batch 512 x 8192 tokens, sequence parallelism,
micro-batch and interleave chosen by the model (fastest fitting). Tokens per joule are also drawn at each power cap
of --power-caps (per-GPU watts; empty for none). DP values above --cluster-gpus / (TP x PP) are drawn grey: they are
outside the 1,024-GPU cluster and shown only to see where the curve bends.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def estimate(args, dp, cap=None):
    cmd = [os.path.join(ROOT, "planner", "bin", "planner"), "estimate", "--model", args.model, "--gpu", args.gpu,
           "--tp", str(args.tp), "--pp", str(args.pp), "--dp", str(dp), "--global-batch", str(args.global_batch),
           "--precision", "bf16", "--zero", str(args.zero), "--sequence-parallel", "--recompute", args.recompute, "--format", "json"]
    if args.recompute == "full" and args.recompute_layers:
        cmd += ["--recompute-layers", args.recompute_layers]
    if cap is not None:
        cmd += ["--power-cap", str(cap)]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode not in (0, 1):  # 1 = does not fit; the estimate is still printed
        sys.exit(f"asymmetry: {' '.join(cmd)} failed ({run.returncode}): {run.stderr.strip()}")
    return json.loads(run.stdout)


def rows_for(args):
    rows = []
    capped = {}
    dp = 1
    while dp <= args.max_dp:
        if (args.zero == 0 or dp > 1) and args.global_batch % dp == 0:
            e = estimate(args, dp)
            rows.append(e)
            capped[dp] = {cap: estimate(args, dp, cap) for cap in args.power_caps}
        dp *= 2
    base = rows[0]  # the smallest DP computed stands in for DP 1 when ZeRO-3 needs DP > 1
    out = []
    prev = None
    for e in rows:
        tps, watts, dp = e["tokensPerSecond"], e["watts"], e["dp"]
        row = {
            "dp": dp, "tp": e["tp"], "pp": e["pp"], "gpus": e["gpus"], "fits": e["fits"],
            "inCluster": e["gpus"] <= args.cluster_gpus, "id": e["id"],
            "tokensPerSecond": round(tps, 1), "watts": round(watts, 1), "wattsPerGpu": round(e["wattsPerGpu"], 1),
            "tokensPerJoule": round(tps / watts, 4),
            "tokensPerGpuSecond": round(tps / e["gpus"], 1),
            # Relative to linear scaling from the smallest DP computed.
            "throughputScaling": round(tps / (dp / base["dp"] * base["tokensPerSecond"]), 4),
            "powerScaling": round(watts / (dp / base["dp"] * base["watts"]), 4),
            # Tokens/s gained per extra watt when doubling DP from the previous point.
            "marginalTokensPerJoule": "" if prev is None
            else round((tps - prev["tokensPerSecond"]) / (watts - prev["watts"]), 4),
            "microBatches": e["microBatches"], "microBatch": e["microBatch"], "interleave": e["interleave"],
            "iterationSeconds": round(e["iterationSeconds"], 3), "bubbleSeconds": round(e["bubbleSeconds"], 3),
            "dpCommSeconds": round(e["dpCommSeconds"], 3), "zeroCommSeconds": round(e["zeroCommSeconds"], 3),
            "gpuActivity": round(e["gpuActivity"], 3),
        }
        for cap, c in capped[dp].items():
            row[f"tokensPerJoule_cap{cap}"] = round(c["tokensPerSecond"] / c["watts"], 4)
            row[f"tokensPerSecond_cap{cap}"] = round(c["tokensPerSecond"], 1)
        out.append(row)
        prev = e
    return out


def svg(rows, args):
    width, height = 980, 440
    panel_w, panel_h, top, left1, left2 = 380, 300, 60, 70, 570
    xs = [r["dp"] for r in rows]
    n = len(xs)

    def x_at(i, left):
        return left + panel_w * i / (n - 1)

    def y_at(value, low, high):
        return top + panel_h * (1 - (value - low) / (high - low))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15">{args.model} on {args.gpu}, '
             f'TP {args.tp} x PP {args.pp}, global batch {args.global_batch} sequences: scaling DP</text>']

    def panel(left, title, series, low, high, ticks, fmt):
        parts.append(f'<text x="{left + panel_w / 2}" y="{top - 12}" text-anchor="middle">{title}</text>')
        parts.append(f'<rect x="{left}" y="{top}" width="{panel_w}" height="{panel_h}" fill="none" stroke="#888"/>')
        for t in ticks:
            y = y_at(t, low, high)
            parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + panel_w}" y2="{y:.1f}" stroke="#eee"/>')
            parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{fmt(t)}</text>')
        for i, r in enumerate(rows):
            x = x_at(i, left)
            colour = "#000" if r["inCluster"] else "#999"
            parts.append(f'<text x="{x:.1f}" y="{top + panel_h + 16}" text-anchor="middle" fill="{colour}">{r["dp"]}</text>')
        parts.append(f'<text x="{left + panel_w / 2}" y="{top + panel_h + 34}" text-anchor="middle">'
                     f'DP (GPUs = DP x {args.tp * args.pp}; grey/dashed: beyond {args.cluster_gpus} GPUs;</text>')
        parts.append(f'<text x="{left + panel_w / 2}" y="{top + panel_h + 50}" text-anchor="middle">'
                     f'hollow: does not fit in GPU memory at this layout)</text>')
        for k, (key, label, colour) in enumerate(series):
            points = [(x_at(i, left), y_at(r[key], low, high), r) for i, r in enumerate(rows) if r[key] != ""]
            inside = [f"{x:.1f},{y:.1f}" for x, y, r in points if r["inCluster"]]
            outside = [f"{x:.1f},{y:.1f}" for x, y, r in points if not r["inCluster"]]
            if inside and outside:
                outside.insert(0, inside[-1])
            parts.append(f'<polyline points="{" ".join(inside)}" fill="none" stroke="{colour}" stroke-width="2"/>')
            if len(outside) > 1:
                parts.append(f'<polyline points="{" ".join(outside)}" fill="none" stroke="{colour}" stroke-width="2" '
                             f'stroke-dasharray="5,4"/>')
            for x, y, r in points:
                fill = colour if r["fits"] else "white"
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{fill}" stroke="{colour}"/>')
            ly = top + panel_h - 10 - 16 * (len(series) - 1 - k)
            parts.append(f'<line x1="{left + 10}" y1="{ly - 4}" x2="{left + 30}" y2="{ly - 4}" stroke="{colour}" stroke-width="2"/>')
            parts.append(f'<text x="{left + 36}" y="{ly}">{label}</text>')

    low1 = min(min(r["throughputScaling"], r["powerScaling"]) for r in rows)
    low1 = min(0.8, int(low1 * 10) / 10)
    first = rows[0]["dp"]
    panel(left1, f"tokens/s and watts relative to linear scaling from DP {first}",
          [("powerScaling", f"watts / (DP/{first} x watts at DP {first})", "#d62728"),
           ("throughputScaling", f"tokens/s / (DP/{first} x tokens/s at DP {first})", "#1f77b4")],
          low1, 1.02, [v / 10 for v in range(int(low1 * 10), 11)], lambda t: f"{t:.1f}")
    cap_keys = [f"tokensPerJoule_cap{cap}" for cap in args.power_caps]
    values = [r[k] for r in rows for k in ["tokensPerJoule", "marginalTokensPerJoule"] + cap_keys if r[k] != ""]
    step = 0.2 if max(values) - min(values) > 0.6 else 0.05
    low2 = math.floor(min(values) / step - 1) * step
    high2 = math.ceil(max(values) / step) * step
    ticks = [low2 + step * i for i in range(round((high2 - low2) / step) + 1)]
    colours = ["#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
    panel(left2, "tokens per joule (IT power)",
          [("tokensPerJoule", "average at the default limit", "#2ca02c"),
           ("marginalTokensPerJoule", "marginal: extra tokens/s per extra watt vs previous DP", "#9467bd")]
          + [(key, f"average at a {cap} W cap", colours[i % len(colours)]) for i, (key, cap) in enumerate(zip(cap_keys, args.power_caps))],
          low2, high2, ticks, lambda t: f"{t:.2f}")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="llama3-70b")
    parser.add_argument("--gpu", default="H100-80GB")
    parser.add_argument("--tp", type=int, default=4)
    parser.add_argument("--pp", type=int, default=4)
    parser.add_argument("--zero", type=int, default=1)
    parser.add_argument("--recompute", default="none")
    parser.add_argument("--recompute-layers", default="fewest")
    parser.add_argument("--power-caps", default="595,490,385",
                        type=lambda text: [int(v) for v in text.split(",") if v.strip()])
    parser.add_argument("--global-batch", type=int, default=512)
    parser.add_argument("--max-dp", type=int, default=128)
    parser.add_argument("--cluster-gpus", type=int, default=1024)
    parser.add_argument("--out", default=HERE)
    args = parser.parse_args()
    rows = rows_for(args)
    csv_path = os.path.join(args.out, "asymmetry.csv")
    with open(csv_path + ".tmp", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(csv_path + ".tmp", csv_path)
    svg_path = os.path.join(args.out, "asymmetry.svg")
    with open(svg_path + ".tmp", "w") as f:
        f.write(svg(rows, args))
    os.replace(svg_path + ".tmp", svg_path)
    print(f"asymmetry: wrote {csv_path} and {svg_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
