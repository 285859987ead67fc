#!/bin/bash
# Session 19 (prepared in session 18): is d64's 2.9% loss with the last-wave split (3.1v) the code's
# alignment? The d64 TMA kernel's first HGMMA sits at 0x1940 in the committed build, 0x19f0 with
# the split (same loop SASS). Builds: P8 / P12 / P16 = the committed kernels with 8 / 12 / 16
# NANOSLEEPs in thread 0's prologue (SM90_PAD_D64; HGMMA at 0x19b0 / 0x19f0 / 0x1a30: P12 is the
# split build's layout without its code), T0 = the split at d64 (3.1v's build), T6 = the split
# plus 6 (HGMMA at 0x1a40: the committed alignment modulo 256 B). Run after mkvariants_s19.sh
# (it appends to .carry/bins.tar.xz's list).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_P8 -DSM90_PAD_D64=8
mk build_P12 -DSM90_PAD_D64=12
mk build_P16 -DSM90_PAD_D64=16
mk build_T0 -DSM90_TAIL_D64=1
mk build_T6 -DSM90_TAIL_D64=1 -DSM90_PAD_D64=6
for v in build_P12 build_T0 build_T6; do
  cuobjdump -sass -fun '_Z19sm90_prefill_kernelILi64ELb1ELb0ELb1ELb0ELb0EEv9sm90_maps11sm90_params' $v/src/cuda/prefill_sm90.o \
    | grep -m1 HGMMA | sed "s/^/$v first HGMMA: /" | cut -c1-60
done
mkdir -p .carry && tar cJf .carry/bins.tar.xz build/test_gpu build/pa-bench build/libpagedattn.so \
    $( [ -d build_CV2 ] && echo build_CV2/test_gpu build_CV2/pa-bench build_CV2/libpagedattn.so ) \
    build_P8/pa-bench build_P12/pa-bench build_P16/pa-bench build_T0/pa-bench \
    build_T6/pa-bench build_T6/test_gpu build_T6/libpagedattn.so && ls -la .carry/bins.tar.xz
