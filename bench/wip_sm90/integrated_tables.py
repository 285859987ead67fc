#!/usr/bin/env python3
"""The paged-overhead tables of an integrated run (dev_s14f.sh's final.tgz, or the folder it was
unpacked into), in bench/RESULTS.md's layout: pa-bench's paired rows (pa_bench.csv, prefill rows
with table=frag) and the same run's rows at ncu's locked clocks (compare.log's PAGED OVERHEAD
block); then the interleaved contiguous-against-cuDNN lines and power.py's sustained "final" lines.

    python3 bench/wip_sm90/integrated_tables.py bench/runs/.../final.tgz
"""
import collections
import csv
import io
import re
import sys
import tarfile

PAGES = [1, 3, 4, 8, 16, 32, 48, 64, 100, 128, 256, 672]


def files(path):
    """{name: text} of final.tgz's members, or of the files in a folder."""
    out = {}
    if path.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path) as t:
            for m in t.getmembers():
                if m.isfile():
                    out[m.name.split("/")[-1]] = t.extractfile(m).read().decode("utf-8", "replace")
    else:
        import os
        for n in os.listdir(path):
            p = os.path.join(path, n)
            if os.path.isfile(p):
                out[n] = open(p, errors="replace").read()
    return out


def row(label, d):
    return "| %s | " % label + " | ".join(("%+.1f" % d[p]) if p in d else "-" for p in PAGES) + " |"


def main():
    f = files(sys.argv[1])
    pa = collections.defaultdict(dict)
    for r in csv.DictReader(io.StringIO(f.get("pa_bench.csv", ""))):
        if r["kind"] == "prefill" and r["table"] == "frag":
            pa[(int(r["d"]), int(r["causal"]))][int(r["page"])] = float(r["overhead_pct"])
    log = f.get("compare.log", "")
    i = log.find("PAGED OVERHEAD")
    ncu = collections.defaultdict(dict)
    if i >= 0:
        for m in re.finditer(r"^\s*(\d+)\s+([01])\s+(\d+)\s+\S+\s+\S+\s+([+-][\d.]+)%", log[i:], re.M):
            ncu[(int(m.group(1)), int(m.group(2)))][int(m.group(3))] = float(m.group(4))
    print("| d c | " + " | ".join(str(p) for p in PAGES) + " |")
    print("|---" * (len(PAGES) + 1) + "|")
    for src, pre in ((pa, ""), (ncu, "ncu ")):
        for d in (128, 64, 256):
            for c in (0, 1):
                if src[(d, c)]:
                    print(row("%s%d %s" % (pre, d, "c" if c else "nc"), src[(d, c)]))
    print()
    for line in log.splitlines():
        if line.startswith("stream randn"):
            print(line)
    for line in f.get("run.log", "").splitlines():
        if line.startswith("final "):
            print(re.sub(r"\s+", " ", line))


if __name__ == "__main__":
    main()
