#!/bin/bash
# Prepared in session 29 for the next (after `git apply bench/wip_sm90/runs_share_d128.patch`, which
# is runs_share.patch with every lane waiting on the plan records' barriers and SM90_RUNS_SHARE=1
# limited to d128): build_PS1 = M64 at d128 only.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_PS1 -DSM90_RUNS_SHARE=1
pack build_PS1
