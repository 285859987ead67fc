#!/usr/bin/env python3
"""Per-function SASS of an object, split where the producers give their registers back
(USETMAXREG.DEALLOC): prints, per sm90_prefill_kernel instance, a hash of the consumer part
(everything before the first DEALLOC) and of the producer part, with addresses, encodings and
branch targets stripped. Two objects: prints which parts differ and how many lines (either part:
DIFF, so that `grep -c DIFF` counts every instance that changed).
Usage: sass_split.py A.o [B.o] [name-filter]"""
import sys, subprocess, hashlib, re, difflib

def parts(obj):
    out = subprocess.run(["cuobjdump", "-sass", obj], capture_output=True, text=True).stdout
    funcs, cur = {}, None
    for line in out.splitlines():
        m = re.match(r"\s*Function : (\S+)", line)
        if m:
            # (session 69: the kernel's 7th template argument, PT, defaults to false; its instances
            # are named as before it existed, so that objects from both sides compare)
            cur = re.sub(r"^(_Z19sm90_prefill_kernelILi\d+(?:ELb[01]){5})ELb0EEv", r"\1EEv", m.group(1))
            funcs[cur] = []; continue
        if not cur or not line.strip() or "/*" not in line:
            continue
        s = re.sub(r"/\*[0-9a-f]{4,}\*/", "", line)
        s = re.sub(r"/\* 0x[0-9a-f]+ \*/", "", s)
        s = re.sub(r"0x[0-9a-f]{4,}", "T", s)   # branch targets and large immediates
        s = " ".join(s.split())
        if s: funcs[cur].append(s)
    res = {}
    for f, ins in funcs.items():
        k = next((i for i, s in enumerate(ins) if "USETMAXREG.DEALLOC" in s), len(ins))
        res[f] = (ins[:k], ins[k:])
    return res

def h(lines):
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:8]

args = [a for a in sys.argv[1:] if a.endswith(".o")]
filt = ([a for a in sys.argv[1:] if not a.endswith(".o")] + [""])[0]
A = parts(args[0])
B = parts(args[1]) if len(args) > 1 else None
for f in sorted(A):
    if "prefill_kernel" not in f or filt not in f:
        continue
    c, p = A[f]
    if B is None:
        print(h(c), len(c), h(p), len(p), f)
        continue
    c2, p2 = B.get(f, ([], []))
    def nd(x, y):
        return sum(1 for op in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes() if op[0] != "equal")
    print("cons %s %4d->%4d (%d blocks differ)  prod %s %4d->%4d (%d)  %s" % (
        "same" if c == c2 else "DIFF", len(c), len(c2), nd(c, c2) if c != c2 else 0,
        "same" if p == p2 else "DIFF", len(p), len(p2), nd(p, p2) if p != p2 else 0, f))
