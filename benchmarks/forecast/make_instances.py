#!/usr/bin/env python3
"""Writes the forecast benchmark's instances: the 12-option week job of instances/de-week.json on a DACF region
(actual + day-ahead forecast column) or on the WattTime CAISO_NORTH MOER trace (actual + forecast vintages), for a
start time and a deadline slack.

    make_instances.py OUT_DIR REGION START SLACK [NAME]   e.g. make_instances.py /tmp/x CISO 2021-07-15T00:00:00Z 0.25

The deadline is (1 + slack) x the fastest option's hours for the workload (including one resume), rounded up to a
whole epoch, as in `planner sweep --slack`.
"""
import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRACES = os.path.join(ROOT, "instances", "traces")


def deadline_hours(template, slack):
    fastest = max(template["options"], key=lambda o: (o["tokensPerSecond"], -o["watts"]))
    hours = template["workload"]["tokens"] / (fastest["tokensPerSecond"] * 3600) \
        + template["reconfiguration"]["resumeMinutes"] / 60
    epoch_hours = template["epochMinutes"] / 60
    return math.ceil((1 + slack) * hours / epoch_hours - 1e-9) * epoch_hours


def instance(out_dir, region, start, slack, name=None):
    with open(os.path.join(ROOT, "instances", "de-week.json")) as f:
        template = json.load(f)
    tag = start[:10]
    slack_tag = "%02d" % round(slack * 100)
    if region == "CAISO_NORTH":
        trace = os.path.join(TRACES, "watttime", "caiso-north_2023-06_moer_actual.csv")
        vintages = os.path.join(TRACES, "watttime", "caiso-north_2023-06_moer_forecast.csv")
        ci = {"carbonIntensity": {"file": os.path.relpath(trace, out_dir), "column": "Caiso_North"},
              "signal": "marginal",
              "forecast": {"type": "vintages", "file": os.path.relpath(vintages, out_dir), "column": "Caiso_North"}}
        name = name or "moer-caiso-north-%s-s%s" % (tag, slack_tag)
    else:
        trace = os.path.join(TRACES, "dacf_%s_2021H2_forecast.csv" % region)
        ci = {"carbonIntensity": {"file": os.path.relpath(trace, out_dir), "column": "carbon_intensity"},
              "signal": "average",
              "forecast": {"type": "column", "column": "carbon_from_src_forecasts", "issueHourUtc": 0, "horizonHours": 24}}
        name = name or "dacf-%s-%s-s%s" % (region.lower(), tag, slack_tag)
    document = {"name": name, "start": start, "epochMinutes": template["epochMinutes"],
                "deadlineHours": deadline_hours(template, slack), "workload": template["workload"],
                "maxGpus": template["maxGpus"], "pue": template["pue"],
                "embodiedGramsPerGpuHour": template["embodiedGramsPerGpuHour"], "idleWatts": template["idleWatts"],
                "reconfiguration": template["reconfiguration"]}
    document.update(ci)
    document["options"] = template["options"]
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, name + ".json")
    # Two cells of one instance (another solver) may write it at once: each through its own temporary file.
    temporary = "%s.%d.tmp" % (path, os.getpid())
    with open(temporary, "w") as f:
        json.dump(document, f, indent=2)
        f.write("\n")
    os.replace(temporary, path)
    return path


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    print(instance(os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4]),
                   sys.argv[5] if len(sys.argv) == 6 else None))
