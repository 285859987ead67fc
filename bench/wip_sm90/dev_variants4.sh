#!/bin/bash
# sm90 gather round 4: 3 stages once the producer issues fast; register splits.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
timeout 200 make -j16 build/pa-bench > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
for v in r72:"-DSM90_PRODUCER_REGS=72 -DSM90_CONSUMER_REGS=216" r72st3:"-DSM90_PRODUCER_REGS=72 -DSM90_CONSUMER_REGS=216 -DSM90_STAGES=3" st3:"-DSM90_STAGES=3"; do
  n=${v%%:*}; f=${v#*:}
  ( rm -rf build_$n; cp -r build build_$n; rm -f build_$n/src/cuda/prefill_sm90.o build_$n/pa-bench
    make BUILD=build_$n NVEXTRA="$f" build_$n/pa-bench > "$O/build_$n.log" 2>&1 ) &
done
wait; echo "variants built $(( $(date +%s) - t0 ))s"
for n in build build_r72 build_r72st3 build_st3; do
  echo "== $n"
  timeout 60 $n/pa-bench --prefill-only --dims 128 --pages ${PAGES:-1,4,8,100} --table frag --iters 10 2>&1 | awk 'NR>1{print $8, $10, $11, $12}' | tr '\n' ';'; echo
done
echo "total $(( $(date +%s) - t0 ))s"
