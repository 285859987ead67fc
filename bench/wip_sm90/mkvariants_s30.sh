#!/bin/bash
# Session 30's builds in one go (on a clean tree): build_AW (prod_allwait.patch, SM90_PROD_ALLWAIT=1)
# and build_PS1 (runs_share.patch + runs_share_d128.patch on top, SM90_RUNS_SHARE=1), each patch
# applied for its build only, then one pack of both (carry .carry/bins.tar.xz for dev_next_s30a.sh
# and dev_next_s30b.sh).
# (Both patches were adopted in session 30 and are in the source now: they no longer apply to it.)
. "$(dirname "$0")/mkvariant_lib.sh"
git diff --quiet src || { echo "src has changes: run on a clean tree"; exit 1; }
git apply bench/wip_sm90/prod_allwait.patch && mk build_AW -DSM90_PROD_ALLWAIT=1; git checkout src
git apply bench/wip_sm90/runs_share.patch && git apply bench/wip_sm90/runs_share_d128.patch && mk build_PS1 -DSM90_RUNS_SHARE=1; git checkout src
pack build_AW build_PS1
