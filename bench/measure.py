#!/usr/bin/env python3
"""Runs a command RUNS times (output to OUT) and prints its median wall time in seconds and median peak memory in
KB, each run measured alone (os.wait4 gives the child's own maximum resident set size).
Usage: measure.py RUNS OUT command [args...]"""
import os
import statistics
import sys
import time

runs, out, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times, peaks = [], []
for _ in range(runs):
    with open(out, "wb") as sink:
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.dup2(sink.fileno(), 1)
            os.execvp(command[0], command)
        _, status, usage = os.wait4(pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss)
print(f"{statistics.median(times):.6f} {statistics.median(peaks):.0f}")
