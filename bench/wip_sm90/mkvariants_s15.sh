#!/bin/bash
# Prepared in session 14 for the next device call (compile-checked, not run): the gather with all
# four producer warps copying K and then V (bench/wip_sm90/kv4.patch, knob SM90_GATHER_KV4_D<D>
# at every head_dim): build_KV4 (mode 1: mbarrier-tracked copies, the consumers fence) and
# build_KV4P (mode 2: the copying threads wait, fence and arrive), against the committed build/.
# The patch is applied for the two variant builds only and taken back after. Then run
# bench/wip_sm90/dev_next_s15.sh with carry .carry/bins.tar.xz.
. "$(dirname "$0")/mkvariant_lib.sh"
git apply bench/wip_sm90/kv4.patch || exit 1
trap 'git apply -R bench/wip_sm90/kv4.patch' EXIT
mk build_KV4  -DSM90_GATHER_KV4_D64=1 -DSM90_GATHER_KV4_D128=1 -DSM90_GATHER_KV4_D256=1
mk build_KV4P -DSM90_GATHER_KV4_D64=2 -DSM90_GATHER_KV4_D128=2 -DSM90_GATHER_KV4_D256=2
pack build_KV4 build_KV4P
