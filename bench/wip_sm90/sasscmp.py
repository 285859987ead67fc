#!/usr/bin/env python3
"""Per-function SASS comparison of two objects (cuobjdump -sass): addresses and immediates masked,
function names normalized for the kernel's optional 5th, 6th and 7th template arguments (W, TAIL, PR = false),
so a build with the same code under the longer names compares equal.

    python3 bench/wip_sm90/sasscmp.py A.o B.o
"""
import re
import subprocess
import sys


def funcs(path):
    out = subprocess.run(["cuobjdump", "-sass", path], capture_output=True, text=True).stdout
    res, cur = {}, None
    for line in out.split("\n"):
        m = re.search(r"Function : (\S+)", line)
        if m:
            cur = re.sub(r"(ILi\d+(?:ELb[01]){5})ELb0(EEv9sm90)", r"\1\2", m.group(1))   # PR = false (7th)
            cur = re.sub(r"(ILi\d+ELb[01]ELb[01]ELb[01]E)Lb0E(Lb0E)?", r"\1", cur)
            res[cur] = []
            continue
        if cur is None:
            continue
        m = re.search(r"/\*[0-9a-f]{4,}\*/\s+(.*?);", line)
        if m:
            res[cur].append(re.sub(r"0x[0-9a-f]+", "X", m.group(1)))
    return res


a, b = funcs(sys.argv[1]), funcs(sys.argv[2])
same = 0
for k in sorted(set(a) | set(b)):
    if a.get(k) == b.get(k):
        same += 1
    else:
        print("DIFF", k, len(a.get(k, [])), len(b.get(k, [])))
print("same", same, "of", len(set(a) | set(b)))
