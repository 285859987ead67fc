#!/bin/bash
# Session 27, call 3 (carry .carry/bins.tar.xz from mkvariants_s27c.sh): build_KV4 (the d256
# gather's four producer warps copy a quarter of K's and V's rows each, K(j+1) before V(j)):
# forced-gather tests at d256 (all pages; pages 1..100; last-wave pieces), racecheck, memcheck;
# then, only if they all passed, the ncu A/B against build at d256 pages 1 / 3 / 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t27c build_KV4/pa-bench
d256_checks KV4 build_KV4 7300
wait
test_summary
ok=1
for f in $T/KV4_g256.log $T/KV4_gpages.log $T/KV4_gtail.log; do grep -q " 0 failed" $f || ok=0; done
if [ $ok = 1 ]; then
  ncu_ab "build build_KV4" --dims 256 --pages 1,3,4 --causal both
else
  echo "KV4 tests failed or hung: no A/B" | tee -a $O/summary.txt
fi
dev_end logs_s27c
