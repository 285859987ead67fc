#!/usr/bin/env python3
"""Per-function SASS comparison of two objects (cuobjdump -sass): addresses and immediates masked,
function names normalized for the kernel's optional 5th, 6th and 7th template arguments (W, TAIL, PR = false),
so a build with the same code under the longer names compares equal.

    python3 bench/wip_sm90/sasscmp.py A.o B.o
    python3 bench/wip_sm90/sasscmp.py A.o B.o --ops FUNCTION
        per-opcode counts of one function where they differ, largest growth first (session 30:
        the WARPSYNC / ENDCOLLECTIVE blocks a per-lane wait loop brought into the gather)
"""
import collections
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
if len(sys.argv) > 4 and sys.argv[3] == "--ops":
    def ops(lines):
        return collections.Counter(t[1] if t[0].startswith("@") else t[0] for t in (l.split() for l in lines))
    ca, cb = ops(a.get(sys.argv[4], [])), ops(b.get(sys.argv[4], []))
    for op in sorted(set(ca) | set(cb), key=lambda o: ca[o] - cb[o]):
        if ca[op] != cb[op]:
            print(op, ca[op], cb[op])
    sys.exit(0)
same = 0
for k in sorted(set(a) | set(b)):
    if a.get(k) == b.get(k):
        same += 1
    else:
        print("DIFF", k, len(a.get(k, [])), len(b.get(k, [])))
print("same", same, "of", len(set(a) | set(b)))
