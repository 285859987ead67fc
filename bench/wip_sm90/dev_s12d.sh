#!/bin/bash
# Session 12: variants of the late P V wait (M28). ncu, alternated twice, 6 contiguous shapes:
#   build    committed (late wait at d256 only)
#   build_Va late wait at d128 with Q in shared memory (SM90_QREG_D128=0): less register traffic
#   build_Vb late wait at d64 with Q in shared memory (SM90_QREG=0; d128 also without Q registers)
#   build_Vc d256 without lazy rescaling (SM90_LAZY_RESCALE=0), late wait kept
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for pass in 1 2; do
for v in build build_Va build_Vb build_Vc; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 ncu --metrics gpu__time_duration.sum \
    -k "regex:sm90_prefill" python3 bench/wip_sm90/ncu_sweep.py 128:8192:8192 64:8192:8192 256:8192:8192 128:8192:8192:1 64:8192:8192:1 256:8192:8192:1 > $T/ncu_${v}_$pass.txt 2>&1
  echo "$v $(awk '/gpu__time_duration.sum/{printf "%s ", $NF}' $T/ncu_${v}_$pass.txt)" | tee -a "$T/ab.txt"
done; done
( cd $T && tar czf "$O/logs.tgz" * )
echo "ncu ms: d128 d64 d256 d128c d64c d256c"; cat $T/ab.txt
echo "total $(el)"
