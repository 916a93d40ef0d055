#!/usr/bin/env python3
"""Per-operator self time of a PyTorch profiler trace (the JSON GanProfileProbe writes), per batch.

usage: bench/profile-ops.py trace.json BATCHES [TOP]
Self time = an event's duration minus that of the events nested in it on the same thread; the sum over all
operators is the profiled time. With --shapes, the convolution and matrix-product calls are split by input shapes.
"""
import collections
import json
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path, batches = args[0], int(args[1])
    top = int(args[2]) if len(args) > 2 else 15
    events = [e for e in json.load(open(path)) if e.get("ph") == "X"]
    by_thread = collections.defaultdict(list)
    for e in events:
        by_thread[e.get("tid")].append(e)
    self_us = collections.Counter()
    for thread in by_thread.values():
        thread.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []
        for e in thread:
            while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
                stack.pop()
            if stack:
                self_us[stack[-1]["name"]] -= e["dur"]
            self_us[e["name"]] += e["dur"]
            stack.append(e)
    print(f"profiled: {sum(self_us.values()) / 1000 / batches:.1f} ms per batch")
    for name, us in self_us.most_common(top):
        print(f"  {us / 1000 / batches:7.2f} ms  {name}")
    if "--shapes" in sys.argv:
        heavy = ("aten::convolution_backward", "aten::mkldnn_convolution", "aten::mm", "aten::addmm", "aten::bmm")
        split = collections.Counter()
        for e in events:
            if e["name"] in heavy:
                split[(e["name"], str(e.get("shape"))[:110])] += e["dur"]
        print("by input shapes:")
        for (name, shape), us in split.most_common(top):
            print(f"  {us / 1000 / batches:7.2f} ms  {name} {shape}")


if __name__ == "__main__":
    main()
