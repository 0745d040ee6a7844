#!/usr/bin/env python3
"""The curtailment study's real run (its event log) as a plan of instances/curtail-study.json, and the run's
emissions in the study's own accounting.

The event log's clock starts at the trace's 2026-01-11 17:00 (the prototype replays the trace from there), so
an event at elapsed_s happens at 17:00 + elapsed_s. A client holds a slot from PROVISION_START to DEPROVISION
(or the end of the run); client_0, 1, 2 are CAISO_NORTH, SPP_TX, NEM_SA. The plan runs a site in every epoch of
which it held its slot for more than half.

Writes SOLUTION (an ordinary solution file: per epoch and site, the option or null; `planner validate` re-scores
it) and prints one line of the study's accounting on the same log: training power from CLIENT_CONNECTED + 95 s
(the first training step of client_0 in the run came 95 s after it connected) to DEPROVISION, idle power from
PROVISION_COMPLETE until then, MOER linearly interpolated on a 60-s grid, as the study's analysis does.
Usage: replay_events.py EVENTS_CSV INSTANCE_JSON SOLUTION_JSON
"""
import csv
import datetime as dt
import json
import os
import sys

CLIENTS = {"client_0": "CAISO_NORTH", "client_1": "SPP_TX", "client_2": "NEM_SA"}
TRAIN_KW, IDLE_KW, FIRST_STEP_S = 2.024, 0.468, 95.0


def intervals(events, end):
    slots, training, idle = {c: [] for c in CLIENTS}, {c: [] for c in CLIENTS}, {c: [] for c in CLIENTS}
    start, complete, connected = {}, {}, {}
    for e in events:
        c, kind, t = e["client"], e["event_type"], float(e["elapsed_s"])
        if kind == "PROVISION_START":
            start[c] = t
        elif kind == "PROVISION_COMPLETE":
            complete[c] = t
        elif kind == "CLIENT_CONNECTED":
            connected[c] = t
        elif kind == "DEPROVISION" and c in start:
            close(c, t, start, complete, connected, slots, training, idle)
    for c in list(start):
        close(c, end, start, complete, connected, slots, training, idle)
    return slots, training, idle


def close(c, t, start, complete, connected, slots, training, idle):
    slots[c].append((start.pop(c), t))
    ready = complete.pop(c, t)
    first = min(t, connected.pop(c, ready) + FIRST_STEP_S)
    idle[c].append((ready, first))
    training[c].append((first, t))


def main():
    events_file, instance_file, solution_file = sys.argv[1:4]
    with open(events_file) as f:
        events = list(csv.DictReader(f))
    end = max(float(e["elapsed_s"]) for e in events)
    with open(instance_file) as f:
        instance = json.load(f)
    slots, training, idle = intervals(events, end)
    epoch_s = instance["epochMinutes"] * 60
    epochs = int(round(instance["deadlineHours"] * 3600 / epoch_s))
    option = instance["sites"][0]["options"][0]
    plan = []
    for k in range(epochs):
        a, b = k * epoch_s, (k + 1) * epoch_s
        sites = []
        for c, name in CLIENTS.items():
            held = sum(max(0.0, min(b, y) - max(a, x)) for x, y in slots[c])
            sites.append({"site": name, "option": {"dp": option["dp"], "tp": option["tp"], "pp": option["pp"]}
                          if held > epoch_s / 2 else None})
        plan.append({"index": k, "sites": sites})
    solution = {"instance": instance["name"], "solver": "replay-events", "status": "FEASIBLE", "epochs": plan}
    tmp = solution_file + ".tmp"
    with open(tmp, "w") as f:
        json.dump(solution, f, indent=1)
    os.replace(tmp, solution_file)

    # The study's accounting on the log.
    trace_file = os.path.join(os.path.dirname(instance_file), instance["sites"][0]["carbonIntensity"]["file"])
    with open(trace_file) as f:
        rows = list(csv.DictReader(f))
    t0 = dt.datetime.fromisoformat(instance["start"].replace("Z", "+00:00"))
    times = [(dt.datetime.fromisoformat(r["point_time"]) - t0).total_seconds() for r in rows]

    def moer(name, t):
        for i in range(len(times) - 1):
            if times[i] <= t <= times[i + 1]:
                x0, x1 = float(rows[i][name]), float(rows[i + 1][name])
                return x0 + (x1 - x0) * (t - times[i]) / (times[i + 1] - times[i])
        return float(rows[-1][name]) if t > times[-1] else float(rows[0][name])

    grams, energy, inside = 0.0, 0.0, 0.0
    for g in range(0, int(end) + 60, 60):
        for c, name in CLIENTS.items():
            kw = TRAIN_KW if any(x <= g <= y for x, y in training[c]) else IDLE_KW if any(x <= g <= y for x, y in idle[c]) else 0.0
            if kw:
                m = moer(name, g)
                grams += kw * m * 60 / 3600
                energy += kw * 60 / 3600
                inside += kw * 60 / 3600 if m < 100 else 0.0
    print("study-accounting: runHours=%.3f energyKwh=%.2f kg=%.4f insideWindowsShare=%.4f" % (end / 3600, energy, grams / 1000, inside / energy))


if __name__ == "__main__":
    main()
