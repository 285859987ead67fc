#!/bin/bash
# Session 62: the rows over 3% in RESULTS 2.61 under each load path, pa-bench's paired rows
# (fragmented tables, the library of 2.61: SASS ed9512af), ROUNDS rounds (default 4) of:
#   def   the default choice (the estimate may copy the cache, before or beside the attention)
#   nocp  --kv-copy-limit 0 (the pages read in place)
#   cp0   --force-copy --copy-ctas -1 (the copy before the attention)
#   cp8 / cp16  --force-copy --copy-ctas 8 / 16 (the copy beside, on 8 / 16 blocks)
# Rows: d128 non-causal pages 64 / 100 / 128, d128 causal page 8, d64 causal page 8, d256
# non-causal page 100. Which path each row's minimum-median overhead comes from says whether the
# estimate (sm90_copy) picks the best one there. About 200 s; carry .carry (bins.tar.xz of build/).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t62a build/pa-bench
run_cfg() {   # NAME ARGS...: the six rows under one path
    local n=$1; shift
    { build/pa-bench --prefill-only --dims 128 --pages 64,100,128 --causal 0 --table frag "$@"
      build/pa-bench --prefill-only --dims 128,64 --pages 8 --causal 1 --table frag "$@"
      build/pa-bench --prefill-only --dims 256 --pages 100 --causal 0 --table frag "$@"; } 2>&1 \
        | grep -E "^ *prefill .* frag " | sed "s/^/$n /" | tee -a "$O/summary.txt"
}
for r in $(seq 1 "${ROUNDS:-4}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    run_cfg def
    run_cfg nocp --kv-copy-limit 0
    run_cfg cp0 --force-copy --copy-ctas -1
    run_cfg cp8 --force-copy --copy-ctas 8
    run_cfg cp16 --force-copy --copy-ctas 16
done
echo "done $(el)" | tee -a "$O/summary.txt"
