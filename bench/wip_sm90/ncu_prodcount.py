#!/usr/bin/env python3
"""Instructions executed by the sm90 prefill kernel's producer warps against its consumers, from
`ncu --section SourceCounters ... ; ncu -i REP --page source --csv --print-source sass` exports
(plain or gzipped; RESULTS 3.3o). Regions as ncu_stalls.regions; the producer's mbarrier spin
loops are its YIELD / TRYWAIT / BRA triples.
    python3 bench/wip_sm90/ncu_prodcount.py c_src.csv.gz p_src.csv.gz"""
import sys

from ncu_stalls import regions, sections   # (same folder)


def main():
    for path in sys.argv[1:]:
        for name, rows in sections(path, False):
            total, prod = 0, []
            for region, ix, src, r in regions(rows[0], rows[1:]):
                e = int(r[ix["Instructions Executed"]] or 0)
                total += e
                if region == "prod":
                    prod.append((int(r[ix["Address"]], 16), src, e, int(r[ix["Warp Stall Sampling (All Samples)"]] or 0)))
            spin = set()
            for i in range(1, len(prod) - 1):
                if "TRYWAIT" in prod[i][1] and "YIELD" in prod[i - 1][1]:
                    spin.update(prod[j][0] for j in (i - 1, i, i + 1))
            p_all = sum(x[2] for x in prod)
            p_spin = sum(x[2] for x in prod if x[0] in spin)
            boxes = sum(x[2] for x in prod if "UTMALDG" in x[1])
            print(f"{path}: {name.split(',', 1)[1].strip(chr(34) + ',')[:70]}")
            print(f"  total {total}, consumers and set-up {total - p_all}, producers {p_all} (spin loops {p_spin}, "
                  f"the rest {p_all - p_spin}), UTMALDG executed {boxes}; producers' stall samples spin "
                  f"{sum(x[3] for x in prod if x[0] in spin)} / rest {sum(x[3] for x in prod if x[0] not in spin)}")
            base = prod[0][0] if prod else 0
            for a, s, e, st in sorted(sorted(prod, key=lambda x: -x[2])[:20]):
                print(f"   {a - base:6x} {e:10d} {s[:70]}")


if __name__ == "__main__":
    main()
