#!/bin/bash
# Variant builds measured alternately: V_<name>="nvcc flags" for each name in NAMES, each with
# its own pa-bench arguments R_<name> (prefill rows; the overhead column is against an
# interleaved contiguous run of the same build). U_<name>=<other name>: reuse that build.
# ROUNDS rounds, separate processes; one log per name.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
timeout 240 make -j16 all > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
for n in $NAMES; do
  u="U_$n"; [ -n "${!u}" ] && continue
  fl="V_$n"; ( rm -rf build_$n; cp -r build build_$n; rm -f build_$n/src/cuda/prefill_sm90.o build_$n/pa-bench
  make BUILD=build_$n NVEXTRA="${!fl}" build_$n/pa-bench > "$O/build_$n.log" 2>&1; echo "build $n rc=$?" ) &
done
wait; echo "builds $(( $(date +%s) - t0 ))s"
for r in $(seq ${ROUNDS:-2}); do
  for n in $NAMES; do
    ar="R_$n"; u="U_$n"; bn=${!u:-$n}
    timeout 150 build_$bn/pa-bench --prefill-only ${!ar} --iters ${ITERS:-8} > "$O/cur.log" 2>&1
    cat "$O/cur.log" >> "$O/d_$n.log"
    echo "$n r$r: $(awk 'NR>1{printf "d%s c%s %s p%s %s %s; ", $2, $8, $9, $10, $12, $14}' "$O/cur.log")"
  done
done
rm -f $O/build_*.log $O/cur.log
echo "total $(( $(date +%s) - t0 ))s"
