#!/usr/bin/env python3
"""Instructions executed by the sm90 prefill kernel's producer warps against its consumers, from
`ncu --section SourceCounters ... ; ncu -i REP --page source --csv --print-source sass` exports
(gzipped; RESULTS 3.3o). The producer's code is everything from its USETMAXREG.DEALLOC on; its
mbarrier spin loops are the YIELD / TRYWAIT / BRA triples there.
    python3 bench/wip_sm90/ncu_prodcount.py c_src.csv.gz p_src.csv.gz"""
import csv, gzip, sys


def load(path):
    """[(offset, sass, instructions executed, stall samples)] in address order"""
    rows = list(csv.reader(gzip.open(path, "rt")))
    h = rows[1]
    ia, isr = h.index("Address"), h.index("Source")
    ie, iss = h.index("Instructions Executed"), h.index("Warp Stall Sampling (All Samples)")
    out, base = [], None
    for r in rows[2:]:
        if len(r) <= ie:
            continue
        a = int(r[ia], 16)
        base = a if base is None else base
        out.append((a - base, r[isr].strip(), int(r[ie].replace(",", "")), int(r[iss].replace(",", ""))))
    return out


def main():
    for path in sys.argv[1:]:
        d = load(path)
        start = next(o for o, s, e, st in d if "USETMAXREG.DEALLOC" in s) - 16
        prod = [x for x in d if x[0] >= start]
        spin = set()
        for i, (o, s, e, st) in enumerate(prod):
            if "TRYWAIT" in s and 0 < i < len(prod) - 1 and "YIELD" in prod[i - 1][1]:
                spin.update(prod[j][0] for j in (i - 1, i, i + 1))
        total = sum(x[2] for x in d)
        p_all = sum(x[2] for x in prod)
        p_spin = sum(x[2] for x in prod if x[0] in spin)
        boxes = sum(x[2] for x in prod if "UTMALDG" in x[1])
        print(f"{path}: total {total}, consumers {total - p_all}, producers {p_all} (spin loops {p_spin}, "
              f"the rest {p_all - p_spin}), UTMALDG executed {boxes}; stall samples producers "
              f"spin {sum(x[3] for x in prod if x[0] in spin)} / rest {sum(x[3] for x in prod if x[0] not in spin)}")
        for o, s, e, st in sorted(sorted(prod, key=lambda x: -x[2])[:20]):
            print(f"   {o:6x} {e:10d} {s[:70]}")


if __name__ == "__main__":
    main()
