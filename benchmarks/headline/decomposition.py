#!/usr/bin/env python3
"""Writes the option tables that split the headline's saving into its levers, from the model-generated cap table.

From `planner options INSTANCE --format json` of a cap-grid instance (default instances/llama70b-h100-1024-caps.json)
it writes, into benchmarks/headline/instances/, hand-written instances with the same workload, deadline, carbon
accounting and reconfiguration costs and one restricted option table each:

  <name>-pause.json       the fastest option only: the planner can only pause (time shifting)
  <name>-pause-caps.json  the fastest option's layout at every cap: pausing and caps, no DP or TP/PP change

The full uncapped table (DP and TP/PP changes and pausing) and the full cap table are the generated instances
themselves. Run from the repository root; needs planner/target/planner.jar (planner/bin/planner build).
"""
import json
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
source = sys.argv[1] if len(sys.argv) > 1 else "instances/llama70b-h100-1024-caps.json"
out_dir = os.path.join(root, "benchmarks", "headline", "instances")

table = json.loads(subprocess.run([os.path.join(root, "planner", "bin", "planner"), "options", source, "--format", "json"],
                                  check=True, capture_output=True, text=True, cwd=root).stdout)
instance = json.load(open(os.path.join(root, source)))
options = table["options"]
fastest = max(options, key=lambda o: (o["tokensPerSecond"], -o["watts"], -o["gpus"]))
layout = lambda o: (o["dp"], o["tp"], o["pp"], o["gpus"], o["microBatch"], o["interleave"], o["zeroStage"], o["recompute"],
                    o["recomputeLayers"], o["sequenceParallel"], o["ep"])
embodied = fastest["embodiedGramsPerHour"] / fastest["gpus"]


def hand_written(option):
    row = {"id": option["id"], "dp": option["dp"], "tp": option["tp"], "pp": option["pp"], "gpus": option["gpus"],
           "tokensPerSecond": option["tokensPerSecond"], "watts": option["watts"]}
    if option["powerCapWatts"] is not None:
        row["powerCapWatts"] = option["powerCapWatts"]
    return row


def write(suffix, chosen, about):
    name = instance["name"] + "-" + suffix
    trace = os.path.relpath(os.path.join(root, os.path.dirname(source), instance["carbonIntensity"]["file"]), out_dir)
    document = {"name": name, "start": instance["start"], "epochMinutes": instance["epochMinutes"],
                "deadlineHours": instance["deadlineHours"], "workload": instance["workload"],
                "pue": instance["cluster"].get("pue", instance.get("pue", 1.0)), "embodiedGramsPerGpuHour": embodied,
                "idleWatts": instance.get("idleWatts", 0), "reconfiguration": instance.get("reconfiguration", {}),
                "carbonIntensity": dict(instance["carbonIntensity"], file=trace),
                "options": [hand_written(o) for o in chosen]}
    path = os.path.join(out_dir, name + ".json")
    with open(path, "w") as f:
        json.dump(document, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"{os.path.relpath(path, root)}: {len(chosen)} options ({about})", file=sys.stderr)


os.makedirs(out_dir, exist_ok=True)
write("pause", [o for o in options if o["id"] == fastest["id"]], "the fastest option")
write("pause-caps", [o for o in options if layout(o) == layout(fastest)], "the fastest layout at every cap")
