#!/usr/bin/env python3
"""DeepSpeed's pipeline TrainSchedule replayed as a discrete-event timeline, against Megatron-LM's 1F1B closed form.

The instruction stream per stage follows DeepSpeed's deepspeed/runtime/pipe/schedule.py (TrainSchedule, 2021:
2 (m + p - 1) steps, a stage forwards on the steps of its own parity and backwards on the others; a forward step
receives the activation and then sends the previous backward's gradient, a backward step sends the previous
forward's activation and then receives the gradient). Its p2p.py sends and receives blocking (dist.send/recv, or a
broadcast in a two-rank group before torch 1.8), so every send meets its receive: both ranks start the transfer
when the later one arrives and are busy for the transfer time. Compute is in units of one forward pass; the
backward with full recomputation takes 3 units.

    python3 benchmarks/pipeline-schedule/deepspeed_schedule.py [--stages 35] [--micro-batches 240,192,160]
        [--transfer 0,0.07,0.3]

Prints the iteration time in forward units, DeepSpeed's over 1F1B's (m + p - 1)(f + b), and the per-DP-doubling
throughput drop over the micro-batch series (the global batch is fixed, so micro-batches per replica = batch / DP).
It then fits MT-NLG 530B's published step times (126, 121, 113 TFLOP/s per GPU at 2,240, 2,800, 3,360 GPUs, 1,920
sequences, PP 35) to slot x (m + p - 1) + fixed.
"""
import argparse
import math


def program(stage, stages, micro, forward, backward):
    """Ops of one stage: ('compute', units) or ('transfer', peer, kind), in execution order."""
    def step_to_micro_batch(step):
        if step % 2 == 0 and stage % 2 == 0:
            return step // 2 - stage // 2, True
        if step % 2 == 1 and stage % 2 == 1:
            return (step - 1) // 2 - stage // 2, True
        if step % 2 == 0:
            return step // 2 - stages + (stage + 1) // 2, False
        return (step - 1) // 2 - stages + 1 + stage // 2, False

    def valid(i):
        return 0 <= i < micro

    ops, previous = [], -1
    for step in range(2 * (micro + stages - 1)):
        current, is_forward = step_to_micro_batch(step)
        if is_forward and stage > 0:
            if valid(current):
                ops.append(("transfer", stage - 1, "activation"))
            if valid(previous):
                ops.append(("transfer", stage - 1, "gradient"))
        if not is_forward and stage < stages - 1:
            if valid(previous):
                ops.append(("transfer", stage + 1, "activation"))
            if valid(current):
                ops.append(("transfer", stage + 1, "gradient"))
        if valid(current):
            ops.append(("compute", forward if is_forward else backward))
        previous = current
    return ops


def iteration(stages, micro, forward, backward, transfer):
    programs = [program(s, stages, micro, forward, backward) for s in range(stages)]
    position, clock = [0] * stages, [0.0] * stages
    while any(position[s] < len(programs[s]) for s in range(stages)):
        moved = False
        for s in range(stages):
            while position[s] < len(programs[s]):
                op = programs[s][position[s]]
                if op[0] == "compute":
                    clock[s] += op[1]
                    position[s] += 1
                    moved = True
                    continue
                peer = op[1]
                peer_op = programs[peer][position[peer]] if position[peer] < len(programs[peer]) else None
                if peer_op != ("transfer", s, op[2]):
                    break  # blocked until the peer reaches the matching call
                clock[s] = clock[peer] = max(clock[s], clock[peer]) + transfer
                position[s] += 1
                position[peer] += 1
                moved = True
        if not moved:
            raise SystemExit("deadlock: the instruction streams do not match")
    return max(clock)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stages", type=int, default=35)
    parser.add_argument("--micro-batches", default="240,192,160")
    parser.add_argument("--transfer", default="0,0.07,0.3", help="blocking transfer time per message, forward units")
    args = parser.parse_args()
    micro = [int(v) for v in args.micro_batches.split(",")]
    f, b = 1.0, 3.0
    doublings = math.log2(micro[0] / micro[-1])
    print("| transfer (forward units) | " + " | ".join(f"m = {m}: DeepSpeed / 1F1B" for m in micro)
          + " | drop per DP doubling, DeepSpeed | 1F1B |")
    print("|---" * (len(micro) + 3) + "|")
    for transfer in [float(v) for v in args.transfer.split(",")]:
        ds = [iteration(args.stages, m, f, b, transfer) for m in micro]
        mg = [(m + args.stages - 1) * (f + b) for m in micro]
        drop = lambda times: 100 * (1 - ((micro[-1] / times[-1]) / (micro[0] / times[0])) ** (1 / doublings))
        print(f"| {transfer:g} | " + " | ".join(f"{d:.0f} / {g:.0f} = {d / g:.3f}" for d, g in zip(ds, mg))
              + f" | {drop(ds):.1f} | {drop(mg):.1f} |")
    # MT-NLG 530B: step time from TFLOP/s per GPU (the 2,240-GPU step is 60.1 s: PaLM Appendix B)
    gpus, tflops, m = [2240, 2800, 3360], [126.0, 121.0, 113.0], [240, 192, 160]
    seconds = [60.1 * tflops[0] * gpus[0] / (t * g) for t, g in zip(tflops, gpus)]
    slots = [mi + 35 - 1 for mi in m]
    n = len(slots)
    mean_x, mean_y = sum(slots) / n, sum(seconds) / n
    slot = sum((x - mean_x) * (y - mean_y) for x, y in zip(slots, seconds)) / sum((x - mean_x) ** 2 for x in slots)
    fixed = mean_y - slot * mean_x
    print(f"\nMT-NLG step times {', '.join(f'{s:.2f}' for s in seconds)} s = {slot:.4f} s x (m + p - 1) + {fixed:.2f} s"
          f" (fit: {', '.join(f'{slot * x + fixed:.2f}' for x in slots)})")


if __name__ == "__main__":
    main()
