#!/usr/bin/env python3
"""Writes the benchmark instances of benchmarks/exact-speed/ from the bundled real traces and option tables.

Two option tables: the 12-option table of instances/de-week.json and the 40-option table of
de-4weeks-15min-40opt.json (five tp/pp families x eight DP degrees, up to 512 GPUs). Every instance keeps the
slack of its table's instance: the workload is the same fraction of what the fastest option trains over the horizon
(de-week: 71.4 %, de-4weeks-15min-40opt: 70.0 %).
Usage: python3 benchmarks/instances/make-instances.py   (rewrites the files; deterministic)
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TRACES = "../../instances/traces/"
DIRECT = "Carbon Intensity gCO₂eq/kWh (direct)"


def load(path):
    with open(os.path.join(ROOT, path)) as f:
        return json.load(f)


WEEK = load("instances/de-week.json")
FORTY = load("benchmarks/instances/de-4weeks-15min-40opt.json")


def instance(name, start, hours, epoch_minutes, trace, table, folder=HERE):
    base = WEEK if table == 12 else FORTY
    options = base["options"]
    fastest = max(o["tokensPerSecond"] for o in options if o["gpus"] <= base["maxGpus"])
    fraction = base["workload"]["tokens"] / (fastest * 3600 * base["deadlineHours"])
    workload = float("%.4g" % (fraction * fastest * 3600 * hours))
    data = {
        "name": name,
        "start": start,
        "epochMinutes": epoch_minutes,
        "deadlineHours": hours,
        "workload": {"tokens": workload},
        "maxGpus": base["maxGpus"],
        "pue": base["pue"],
        "embodiedGramsPerGpuHour": base["embodiedGramsPerGpuHour"],
        "idleWatts": base["idleWatts"],
        "reconfiguration": base["reconfiguration"],
        "carbonIntensity": {"file": ("../" if folder != HERE else "") + TRACES + trace, "column": DIRECT},
        "options": options,
    }
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name + ".json"), "w") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")


# The goal instances.
instance("de-2weeks-12opt", "2023-05-08T00:00:00Z", 336, 60, "DE_2023_hourly.csv", 12)
instance("de-8weeks-40opt", "2023-03-06T00:00:00Z", 1344, 60, "DE_2023_hourly.csv", 40)
instance("de-year-40opt", "2023-01-01T00:00:00Z", 8760, 60, "DE_2023_hourly.csv", 40)
instance("miso-week-40opt", "2023-05-08T00:00:00Z", 168, 60, "US-MIDW-MISO_2023_hourly.csv", 40)

# The scaling series: DE 2023 hourly from the first Monday, 1 to 52 weeks, both tables.
for weeks in (1, 2, 4, 8, 16, 52):
    for table in (12, 40):
        instance("de-%dw-%dopt" % (weeks, table), "2023-01-02T00:00:00Z", min(168 * weeks, 8736), 60,
                 "DE_2023_hourly.csv", table, os.path.join(HERE, "scaling"))
