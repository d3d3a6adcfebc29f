#!/usr/bin/env python3
"""Times yaml.load(open(FILE), Loader=yaml.CSafeLoader) inside the interpreter (PyYAML's
libyaml-based loader), ROUNDS times: prints "load median_ms min_ms" like config-load-swift."""
import statistics
import sys
import time

import yaml

path, rounds = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(rounds):
    start = time.perf_counter()
    with open(path) as f:
        data = yaml.load(f, Loader=yaml.CSafeLoader)
    times.append((time.perf_counter() - start) * 1000)
print("hosts %d" % len(data["hosts"]))
print("load %.2f %.2f" % (statistics.median(times), min(times)))
