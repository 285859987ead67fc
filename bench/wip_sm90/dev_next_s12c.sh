#!/bin/bash
# Prepared in session 11, not run: where a steady tile's time goes, per warpgroup (SM90_TT stamps in
# the main loop of an SM90_TRACE build; trace.py prints the per-step medians). The question
# (NOTES, session 11): at d64 a tile takes ~2050 cycles where MUFU (1056) and the tensor cores
# (1024) could overlap to ~1.1k; at d128 2700 against 2048 of tensor work.
# Build here:  rm -rf build_T && cp -r build build_T && rm -f build_T/src/cuda/prefill_sm90.o \
#   build_T/libpagedattn.so build_T/libpagedattn.a build_T/pagedattn_all.o && \
#   make -j2 BUILD=build_T NVEXTRA="-DSM90_TRACE" build_T/libpagedattn.so && tar cJf .carry/bins.tar.xz build_T/libpagedattn.so
O=${OUT:-/tmp/out}; mkdir -p "$O"
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
PAGEDATTN_LIBRARY=$PWD/build_T/libpagedattn.so PYTHONPATH=$PWD/python timeout 200 python3 bench/wip_sm90/trace.py \
  64:8192:8192 128:8192:8192 256:8192:8192 128:8192:8192:0:16 2>&1 | grep -v Warn | tee "$O/trace.txt"
