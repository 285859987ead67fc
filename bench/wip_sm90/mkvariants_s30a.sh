#!/bin/bash
# Prepared in session 29 for the next (after `git apply bench/wip_sm90/prod_allwait.patch`):
# build_AW = SM90_PROD_ALLWAIT=1 (the TMA producers' waits, mask stores and expect_tx without
# divergent branches). Its d128 / d256 / d64 TMA instances change (contiguous included).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_AW -DSM90_PROD_ALLWAIT=1
pack build_AW
