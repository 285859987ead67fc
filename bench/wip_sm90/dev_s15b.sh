#!/bin/bash
# Session 15, call 2: per-CTA timelines (SM90_TRACE build, bench/wip_sm90/trace.py) of the d256
# gather against the contiguous kernel, causal and non-causal, and d128 beside them. 2.24's
# numbers fit "extra = per CTA + per tile" with d256 ~14 us a CTA and d128 ~0.8: is it the
# start of a gather CTA (first lookups and copies), its end, or per tile after all?
O=${OUT:-/tmp/out}; mkdir -p "$O"
tar xJf .carry/trace.tar.xz || exit 1
export PYTHONPATH=$PWD/python PAGEDATTN_LIBRARY=$PWD/build_T/libpagedattn.so
timeout 300 python3 bench/wip_sm90/trace.py 256:8192:8192:1 256:8192:8192:1:1 256:8192:8192:0 256:8192:8192:0:1 \
  128:8192:8192:1 128:8192:8192:1:1 2>&1 | grep -v "NumPy\|_conversion" | tee $O/trace.txt
