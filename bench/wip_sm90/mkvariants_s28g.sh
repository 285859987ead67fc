#!/bin/bash
# Session 28, call 7's builds (after `git apply bench/wip_sm90/pruns.patch` and then
# `bench/wip_sm90/pruns_inline.patch`, the SM90_PRUNS_INLINE lines on top of it):
# build = M62 in instances of its own; build_PI = M62 as a runtime
# branch of the PAIR instances (SM90_PRUNS_INLINE=1: their consumers rescheduled by ptxas);
# build_R0 (mkvariants_s28a.sh) = the library's SASS.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_PI -DSM90_PRUNS_INLINE=1
pack build_R0 build_PI
