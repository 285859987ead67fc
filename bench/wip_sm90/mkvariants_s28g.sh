#!/bin/bash
# Session 28, call 7's builds (after `git apply bench/wip_sm90/pruns_inline.patch`: pruns.patch plus the SM90_PRUNS_INLINE
# lines): build = M62 in instances of its own; build_PI = M62 as a runtime
# branch of the PAIR instances (SM90_PRUNS_INLINE=1: their consumers rescheduled by ptxas);
# build_R0 (mkvariants_s28a.sh) = the library's SASS.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_PI -DSM90_PRUNS_INLINE=1
tar cJf .carry/bins.tar.xz build/test_gpu build/pa-bench build/libpagedattn.so build_R0/pa-bench build_PI/test_gpu build_PI/pa-bench
xz -t .carry/bins.tar.xz && ls -la .carry/bins.tar.xz
