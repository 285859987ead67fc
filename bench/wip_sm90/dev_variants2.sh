#!/bin/bash
# sm90 gather variants, round 2: register split (producer/consumer) x 32-bit offsets.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
timeout 200 make -j16 all > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
for v in o32:-DSM90_OFF32 r56o32:"-DSM90_OFF32 -DSM90_PRODUCER_REGS=56 -DSM90_CONSUMER_REGS=224" r56:"-DSM90_PRODUCER_REGS=56 -DSM90_CONSUMER_REGS=224"; do
  n=${v%%:*}; f=${v#*:}
  ( rm -rf build_$n; cp -r build build_$n; rm -f build_$n/src/cuda/prefill_sm90.o build_$n/pa-bench
    make BUILD=build_$n NVEXTRA="$f" build_$n/pa-bench > "$O/build_$n.log" 2>&1 ) &
done
wait; echo "variants built $(( $(date +%s) - t0 ))s"
for n in build build_o32 build_r56o32 build_r56; do
  echo "== $n"
  timeout 60 $n/pa-bench --prefill-only --dims 128 --pages ${PAGES:-1,4,8,100} --table frag --iters 10 2>&1 | awk 'NR>1{print $8, $10, $11, $12}' | tr '\n' ';'; echo
done
echo "total $(( $(date +%s) - t0 ))s"
