#!/bin/bash
# Session 19, for session 20: the d64 gather on 3 consumer warpgroups with the producer at 32
# registers (consumers 160, as the TMA kernels; at 56/152 the consumers spilled inside the loop and
# the gather ran +36%, RESULTS 3.1w). build_WG3G32's loop is spill-free; its out-of-line masked
# softmax and epilogue keep some spills (hence ALLOW_SPILLS). The TMA functions' SASS is build's.
# Then: bash bench/wip_sm90/dev_next_s20.sh with carry .carry/bins.tar.xz.
. "$(dirname "$0")/mkvariant_lib.sh"
ALLOW_SPILLS=1 mk build_WG3G32 -DSM90_D64_WG3_GATHER=1 -DSM90_WG3_GPREGS=32
python3 bench/wip_sm90/sasscmp.py build/src/cuda/prefill_sm90.o build_WG3G32/src/cuda/prefill_sm90.o
pack build_WG3G32
