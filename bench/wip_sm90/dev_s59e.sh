#!/bin/bash
# Session 59, void (RESULTS 3.3t): meant as an A/B of v_aw (-DSM90_PROD_ALLWAIT_D128=2) against
# the library on pools with pages 8 tokens apart (pa-bench --page-gap 8, pages 16 / 32 / 64 / 128,
# d128, causal both, never copying, 8 ncu passes), after tests of v_aw there (forced sm90 d128,
# 30 cases, seed 59150; racecheck at pages 16 / 64, 3 cases, seed 59151). But rebuilding
# v_aw/pa-bench for --page-gap had also rebuilt v_aw's library without its flags, so the call
# timed the library against itself (an A/A run: every row within 0.3%; logs in
# bench/runs/2026-12-05_1851_h100_s59e/). Its loop, with the builds set right, is dev_s59f.sh's;
# run that instead.
exec bash "$(dirname "$0")/dev_s59f.sh" "$@"
