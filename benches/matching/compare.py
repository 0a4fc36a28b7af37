#!/usr/bin/env python3
"""passend-match against OR-Tools, side by side in one run.

usage: compare.py [--passend CMD] [--python PY] [--runs N] INSTANCE_DIR...

For every instance, alternately runs `CMD INSTANCE_DIR --json` (default CMD:
`target/release/passend bench matching --flow-only`, from the repository
root) and
`PY bench.py INSTANCE_DIR ortools_mcf_loc` (PY: a Python with numpy and
ortools, e.g. a venv), N times each (default 5), and prints a table of the
medians: build_s, solve_s, total (build + solve, file parsing excluded on both
sides), the ratio passend / OR-Tools of the median totals, and both costs.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--passend", default="target/release/passend bench matching --flow-only")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("instances", nargs="+")
    a = ap.parse_args()
    rows = []
    for inst in a.instances:
        ours, theirs = [], []
        for _ in range(a.runs):
            ours.append(run_json(shlex.split(a.passend) + [inst, "--json"]))
            theirs.append(run_json([a.python, os.path.join(HERE, "bench.py"), inst, "ortools_mcf_loc"]))
        for name, runs in (("passend-match", ours), ("ortools_mcf_loc", theirs)):
            build = statistics.median(r["build_s"] for r in runs)
            solve = statistics.median(r["solve_s"] for r in runs)
            total = statistics.median(r["build_s"] + r["solve_s"] for r in runs)
            costs = sorted({r["cost"] for r in runs})
            rows.append((os.path.basename(os.path.normpath(inst)), name, build, solve, total, costs))
    print(f"runs per side: {a.runs} (medians)")
    print("| instance | solver | build s | solve s | total s | ratio | cost |")
    print("|---|---|---|---|---|---|---|")
    for i in range(0, len(rows), 2):
        ours, theirs = rows[i], rows[i + 1]
        ratio = ours[4] / theirs[4] if theirs[4] > 0 else float("nan")
        for row, r in ((ours, f"{ratio:.2f}x"), (theirs, "1")):
            cost = ",".join(f"{c:,}" for c in row[5])
            print(f"| {row[0]} | {row[1]} | {row[2]:.4f} | {row[3]:.4f} | {row[4]:.4f} | {r} | {cost} |")
        same = ours[5] == theirs[5]
        print(f"<!-- {ours[0]}: costs {'identical' if same else 'DIFFER'} -->")


if __name__ == "__main__":
    main()
