#!/bin/bash
# Session 33, call 6's builds: the library with SM90_PLAN_ALLARRIVE=1 (every lane arrives on the
# page-run plan records' barriers; racecheck found 6 hazards with one lane's arrival in call 5) and
# build_PA0 = the one-lane form (the library before), for the A/B.
. "$(dirname "$0")/mkvariant_lib.sh"
git diff --quiet src || { echo "src has changes: run on a clean tree"; exit 1; }
mk_two "build_PA0 -DSM90_PLAN_ALLARRIVE=0"
