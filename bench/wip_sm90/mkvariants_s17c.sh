#!/bin/bash
# (SM90_PWAIT_NS is no longer in the kernel: patch -p1 < bench/wip_sm90/rotmod_waithint.patch first.)
# Prepared in session 16 (compile-checked, not run): suspend-time hints on the mbarrier waits.
# Session 16's profiles (RESULTS 3.1t, bench/wip_sm90/ncu_regions.py on call 3's CSVs) count per
# d256 tile ~1600 producer instructions in the TMA kernel, mostly its empty-wait loop (BRA 477,
# SYNCS 420, YIELD 412: the default try_wait loop is YIELD / TRYWAIT / BRA), against ~3400 for the
# consumers, which are issue-bound (M19). With a hint, ptxas emits TRYWAIT then NANOSLEEP.SYNCS
# <ns> and a re-check: fewer polls, perhaps more issue slots for the consumers. Whether
# NANOSLEEP.SYNCS wakes on the barrier's completion or sleeps out its time is what the A/B shows
# (a full sleep would cost microseconds a tile: the hints stay short).
#   build_PW200 / build_PW2000: the producers' empty waits with 200 / 2000 ns hints
#   build_CW200: the consumers' full waits with 200 ns
#   build_PCW: both at 200 ns
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_PW200 -DSM90_PWAIT_NS=200
mk build_PW2000 -DSM90_PWAIT_NS=2000
mk build_CW200 -DSM90_CWAIT_NS=200
mk build_PCW -DSM90_PWAIT_NS=200 -DSM90_CWAIT_NS=200
# with mkvariants_s17.sh's trees too where they exist, so one carry serves dev_next_s17*.sh
extra=""; for v in build_RP build_R128M2 build_R128M4 build_R128M8 build_R64M2 build_R64M4 build_RG128; do [ -x $v/pa-bench ] && extra="$extra $v"; done
pack build_PW200 build_PW2000 build_CW200 build_PCW $extra
