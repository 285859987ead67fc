#!/bin/bash
# Session 26 (development machine): the d64 gather paced after every SM90_GATHER_PACE_EVERY_D64
# copy groups (a pause after every group spilled its 32-register producer): build_E8 (32 ns every
# 8 groups = once a 32-row unit), build_E4 (32 ns every 4), build_E8L (64 ns every 8).
# (Its knobs are in bench/wip_sm90/pace_knobs.patch since the review of session 26.)
. "$(dirname "$0")/mkvariant_lib.sh"
mk_two "build_E8 -DSM90_GATHER_PACE_D64=32 -DSM90_GATHER_PACE_EVERY_D64=8" \
       "build_E4 -DSM90_GATHER_PACE_D64=32 -DSM90_GATHER_PACE_EVERY_D64=4" \
       "build_E8L -DSM90_GATHER_PACE_D64=64 -DSM90_GATHER_PACE_EVERY_D64=8"
