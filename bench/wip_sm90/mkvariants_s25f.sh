#!/bin/bash
# Session 25, call 5: build = M54 + M56 (the d64 gather's ring 4 stages deep); build_S3 = 3 stages
# (before), build_S5 = 5 (184 KB).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_S3 -DSM90_STAGES_D64_GATHER=3
mk build_S5 -DSM90_STAGES_D64_GATHER=5
pack build_S3 build_S5
