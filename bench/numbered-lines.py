#!/usr/bin/env python3
"""Writes a merge of the benchmark's shape, generated independently of MergeInputs.cs: unique numbered lines;
on each side, a share RATE of lines is deleted, edited, or followed by an inserted line (a third each); 1 line in
10,000 is edited by both sides. Usage: numbered-lines.py FOLDER NAME LINES RATE SEED"""
import os
import random
import sys

folder, name, lines, rate, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
rng = random.Random(seed)
base = [f"line {i}\n" for i in range(lines)]
both = {i for i in range(lines) if rng.random() < 1 / 10000}


def edit(side):
    out = []
    for i, line in enumerate(base):
        if i in both:
            out.append(f"line {i} edited by {side}\n")
            continue
        r = rng.random()
        if r >= rate:
            out.append(line)
        elif r < rate / 3:
            pass  # deleted
        elif r < 2 * rate / 3:
            out.append(f"line {i} edited by {side} {rng.randrange(10**9)}\n")
        else:
            out.append(line)
            out.append(f"inserted by {side} {rng.randrange(10**9)}\n")
    return out


os.makedirs(folder, exist_ok=True)
for suffix, text in (("base", base), ("ours", edit("ours")), ("theirs", edit("theirs"))):
    with open(os.path.join(folder, f"{name}-{suffix}"), "w") as f:
        f.writelines(text)
