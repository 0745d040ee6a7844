#!/usr/bin/env python3
"""Writes the variant instances of the multi-site benchmark into instances/ (beside this script).

Study variants start from ../../instances/curtail-study.json: deadlines (the reactive run's makespan here rounded
up to an epoch, +1 h, +2.5 h, the bundled 18 h), each modelled effect switched off, curtailment windows as
availability, DE as a one-site baseline. Week variants: CISO + DE + AU-NSW 2023-05-08, hourly average CI.
Usage: make_instances.py REACTIVE_FINISH_HOURS
"""
import copy
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(HERE, "instances")
TRACES = os.path.relpath(os.path.join(ROOT, "instances", "traces"), OUT)


def write(name, instance):
    instance["name"] = name
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(instance, f, indent=1)
        f.write("\n")


def study():
    with open(os.path.join(ROOT, "instances", "curtail-study.json")) as f:
        base = json.load(f)
    for site in base["sites"]:
        site["carbonIntensity"]["file"] = os.path.join(TRACES, "curtail-llm", "mci_2026-01-11_5min.csv")
    return base


def deadline_label(hours):
    return ("%.2f" % hours).rstrip("0").rstrip(".").replace(".", "p")


def main():
    os.makedirs(OUT, exist_ok=True)
    reactive_hours = float(sys.argv[1])
    base = study()
    epoch_hours = base["epochMinutes"] / 60
    makespan = math.ceil(reactive_hours / epoch_hours - 1e-9) * epoch_hours
    deadlines = [makespan, makespan + 1, makespan + 2.5, 18.0]
    names = []
    for hours in deadlines:
        hours = min(18.0, math.ceil(hours / epoch_hours - 1e-9) * epoch_hours)
        variant = copy.deepcopy(base)
        variant["deadlineHours"] = hours
        write("study-d" + deadline_label(hours), variant)
        names.append("study-d" + deadline_label(hours))
        for effect in ["nosync", "eff0.9", "eff0.8", "noprov"]:
            v = copy.deepcopy(variant)
            if effect == "nosync":
                v["federation"]["throughputFactor"] = 1.0
            elif effect.startswith("eff"):
                v["federation"]["tokenEfficiency"] = float(effect[3:])
            elif effect == "noprov":
                for site in v["sites"]:
                    site["provisionMinutes"] = 0
            write("study-d%s-%s" % (deadline_label(hours), effect), v)
        windows = copy.deepcopy(variant)
        for site in windows["sites"]:
            site["availability"] = {"thresholdGramsPerKwh": 100, "hysteresisMinutes": 10}
        write("study-d%s-windows" % deadline_label(hours), windows)
    # DE, the study's fourth single-site baseline, as a one-site instance of the same job.
    de = copy.deepcopy(base)
    site = copy.deepcopy(de["sites"][0])
    site["name"] = "DE"
    site["carbonIntensity"]["column"] = "DE"
    de["sites"] = [site]
    de["maxActiveSites"] = 1
    write("study-de-alone", de)

    # The week: three grids, hourly average CI, the week job's tp4·pp2 family (dp 4–32) at each site.
    with open(os.path.join(ROOT, "instances", "de-week.json")) as f:
        week = json.load(f)
    family = [o for o in week["options"] if o["tp"] == 4 and o["pp"] == 2]
    two_families = [o for o in week["options"] if o["pp"] >= 1]
    column = "Carbon Intensity gCO₂eq/kWh (direct)"

    def week_instance(deadline, options, active):
        sites = []
        for zone in ["US-CAL-CISO", "DE", "AU-NSW"]:
            sites.append({"name": zone,
                          "carbonIntensity": {"file": os.path.join(TRACES, zone + "_2023_hourly.csv"), "column": column},
                          "maxGpus": 256, "pue": week["pue"], "embodiedGramsPerGpuHour": week["embodiedGramsPerGpuHour"],
                          "idleWatts": 0, "reconfiguration": week["reconfiguration"], "options": options})
        return {"start": week["start"], "epochMinutes": 60, "deadlineHours": deadline,
                "workload": week["workload"], "maxActiveSites": active,
                # A 70B model in bf16 (1.4e11 bytes) up and down over 10 Gbit/s once per hour.
                "federation": {"modelBytes": 1.4e11, "wanGbps": 10, "roundMinutes": 60},
                "sites": sites}

    for deadline in [72, 82, 96, 120, 126, 144, 168]:
        write("week-d%d" % deadline, week_instance(deadline, family, 2))
    # State counts: options per site x sites at once, at the 120-hour deadline.
    for k, options in [(1, family[-1:]), (4, family), (12, two_families)]:
        for active in [2, 3]:
            write("week-k%d-a%d" % (k, active), week_instance(120, options, active))
    # Beyond the exact solvers: every site generates its options for Llama 3 70B on up to 256 H100s (32 options a
    # site, 35,936 combinations with three at once), the job of ../../instances/llama70b-h100-de-week.json.
    with open(os.path.join(ROOT, "instances", "llama70b-h100-de-week.json")) as f:
        llama = json.load(f)
    generated = week_instance(120, [], 3)
    generated["workload"] = {"tokens": 3 * llama["workload"]["tokens"]}
    generated["model"] = llama["model"]
    generated["training"] = llama["training"]
    for site in generated["sites"]:
        del site["options"]
        del site["maxGpus"]
        del site["pue"]
        site["cluster"] = llama["cluster"]
    write("week-gen-a3", generated)
    print("\n".join(names))


if __name__ == "__main__":
    main()
