#!/bin/bash
# Session 24, call 4 (carry .carry/bins.tar.xz = build alone, the kernels of M52 + M53, and
# .carry/fi.tar.xz): the record run of M52 + M53, session 23's script (tests, sanitizer, vs
# FlashInfer + cuDNN) with this session's folder, seeds and log name.
REC_DIR=/tmp/t24d REC_SEED=4400 REC_LOGS=logs_s24d exec bash "$(dirname "$0")/dev_next_s23e.sh"
