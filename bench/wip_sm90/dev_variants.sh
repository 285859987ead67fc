#!/bin/bash
# sm90 gather variants: 2/3 stages x 64-bit pointers / 32-bit offsets, built side by side.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
timeout 200 make -j16 all > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
for v in off32:-DSM90_OFF32 st3:-DSM90_STAGES=3 st3off32:"-DSM90_STAGES=3 -DSM90_OFF32"; do
  n=${v%%:*}; f=${v#*:}
  ( rm -rf build_$n; cp -r build build_$n; rm -f build_$n/src/cuda/prefill_sm90.o build_$n/pa-bench
    make BUILD=build_$n NVEXTRA="$f" build_$n/pa-bench > "$O/build_$n.log" 2>&1 ) &
done
wait; echo "variants built $(( $(date +%s) - t0 ))s"
for n in build build_off32 build_st3 build_st3off32; do
  echo "== $n"
  timeout 60 $n/pa-bench --prefill-only --causal 0 --dims 128 --pages ${PAGES:-1,4,8,48,100,672} --table frag --iters 10 2>&1 | awk 'NR>1{print $10, $11, $12, $13, $15}' | tr '\n' ';'; echo
done
echo "total $(( $(date +%s) - t0 ))s"
