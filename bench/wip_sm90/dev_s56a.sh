#!/bin/bash
# Session 56: the 13th racecheck run (the copy beside forced, pages 1 / 8 / 100, 3 random cases,
# without the long-range cases) on its own, which session 55's dev_s55a left incomplete (its limit
# fell inside long-range case 4) and dev_s55c had no time for. DEADLINE (default 330) bounds it.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t56a build/test_gpu
rc_beside "${DEADLINE:-330}"
dev_end logs_s56a
