#!/bin/sh
# Builds the stand-alone sm80 driver into build/wip_sm80/drv (run from the repo root).
set -e
KSRC=${KSRC:-src/cuda/prefill_sm80.cu}
mkdir -p build/wip_sm80
nvcc -O3 -std=c++17 -DPA_HAVE_CUDA -Iinclude -Isrc -Isrc/cuda -Xptxas=-v,--warn-on-spills -lineinfo -Xcompiler -fopenmp \
  -gencode=arch=compute_90a,code=sm_90a -gencode=arch=compute_80,code=sm_80 $NVX \
  bench/wip_sm80/drv.cu $KSRC -o build/wip_sm80/${OUTNAME:-drv} 2> build/wip_sm80/ptxas.log || { cat build/wip_sm80/ptxas.log; exit 1; }
grep -E "error|spill|Used" build/wip_sm80/ptxas.log | grep -v "0 bytes spill" | head -40 || true
