#!/bin/bash
# Session 68: dev_s67f.sh's four pa-bench rounds of the causal rows again, on M97's build
# (RESULTS 3.4g; logs_s68e.tgz).
TAG=68e exec bash "$(dirname "$0")/dev_s67f.sh"
