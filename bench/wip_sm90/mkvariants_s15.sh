#!/bin/bash
# Prepared in session 14 for the next device call (compile-checked, not run): build_KV4, all four
# producer warps copy K and then V in the gather (SM90_GATHER_KV4_D<D>=1 at every head_dim),
# against the committed build/. Then run bench/wip_sm90/dev_next_s15.sh with carry .carry/bins.tar.xz.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_KV4 -DSM90_GATHER_KV4_D64=1 -DSM90_GATHER_KV4_D128=1 -DSM90_GATHER_KV4_D256=1
pack build_KV4
