/*
 * Hopper (sm_90a) prefill: warp-specialized wgmma + TMA over a paged KV cache.
 *
 * Algorithm: FlashAttention-style online softmax. One CTA = 128 query rows of one (sequence,
 * head), 3 warpgroups (d64: 192 rows, 4 warpgroups, M41, its gather too since M45; d128
 * non-causal: 176-key tiles, M38). Warpgroup 0 produces (setmaxnreg 40): warps 0/1 load each K tile (one
 * 64-column panel each, or half the boxes in the PAIR layout and in d64's page runs, M111), warps 2/3 V, by TMA into a
 * 2-stage ring of BLOCK_N = 128 keys
 * guarded by full/empty mbarriers. Warpgroups 1 and 2 consume (64 query rows each, setmaxnreg
 * 232): S = Q K^T by wgmma m64n128k16 with both operands in 128B-swizzled shared memory, online
 * softmax in registers, O += P V by wgmma with P from registers and V read MN-major. Per tile a
 * consumer issues S(j) and O += P(j-1) V(j-1) together, softmaxes S(j) while P V runs
 * (intra-warpgroup overlap), and the two consumers take turns issuing (ping-pong on named
 * barriers) so one's softmax runs under the other's wgmma. Q is loaded by the consumers with
 * 16-byte loads (predicated on the varlen row count); O is stored from registers.
 * Mapping: grid (m blocks, heads, batch), m blocks reversed so the longest causal rows start
 * first; keys walked from the last tile down so the masked tiles (and the sequence end) come first.
 * Paging, four regimes and a copy (pa_sm90_regime and the box plans in sm90_plan.h, checked on the CPU by
 * tests/test_sm90_plan.c). Boxes past the sequence end and bad page ids get fully out-of-range
 * coordinates, which TMA zero-fills without reading; keys of bad pages are masked (per-key mask
 * words per stage). Stale V rows past the end inside a loaded page are zeroed in shared memory
 * before any P V.
 *  (1) PAIR: K/V tiles in shared memory as 8-row groups of 2 KB, [group][panel][8 rows][128 B]
 *      (wgmma descriptors: K stride 2048 between groups; V leading 1024, stride 2048). One 5-D
 *      box moves g rows of both panels, g the largest power of two dividing the page size and
 *      128 (contiguous cache: 128). Used when g >= 8, the page size is a multiple of 8 and the
 *      pool is dense: page stride = page size x token stride (NHD pools, contiguous caches: the
 *      8-row groups of the whole pool form one dimension), or = kv heads x head stride (HND:
 *      pages and heads form one dimension); page 8 also with any strides (page, head dims).
 *      Contiguous, 128, 256: one box per tile; 64: 2; 48: 8; 8: 16 (8 per issuing warp). Where a
 *      tile is one box, only warps 0 (K) and 2 (V) run, and the full barriers count one arrival
 *      (M53).
 *  (2) BOXES, where no PAIR map fits (padded strides) for contiguous caches, multiples of 128
 *      and pages under 43 with g >= 8: the same cuts as PAIR but one 4-D box per 64-column
 *      panel, tiles in the plain layout [panel][128 rows][128 B], one lane per box.
 *  (3) RUNS, the other page sizes from 43 up (100, 51, and padded pools' 48, 672 ...): a tile's keys lie in at
 *      most 4 page runs; each run is cut into power-of-two boxes (100 = 64 + 32 + 4), one tensor
 *      map per box height, lane 8 run + bit issues the box of one bit of the run's length (d256:
 *      at most two boxes a run, overlapping, M51). The
 *      box destination is only 128-byte aligned: 128B swizzling follows the shared-memory
 *      address bits, so a box landing at row r gets row r's pattern.
 *  (4) GATHER instantiation, the rest (pages 1..7, 12, 20 ...; until session 70 also d64's odd
 *      pages 43..63, pa_sm90_runs_lose, which the run table (M101) made faster as runs, RESULTS
 *      3.4r): the producer warps copy rows
 *      with 16-byte cp.async (see the producer's comment) and complete the stage's mbarrier with
 *      cp.async.mbarrier.arrive.noinc (d64), or wait for their copies, fence the generic-to-async
 *      proxy and arrive (d128, d256); at d64 the consumers fence before their wgmma reads.
 *  (5) COPY (M80, M81, M82), instead of (1)..(4) for a paged cache when the host estimate says it
 *      is faster and the context's pa_context_set_kv_copy_limit allows the bytes: kv_copy.cu copies
 *      the pages into the workspace as a contiguous NHD cache, then the contiguous instance (1)
 *      runs on it (pages the gather would serve at most sizes; the TMA pages mostly under GQA);
 *      either first, on every SM, or (M82) beside the attention on a few SMs, each CTA's producers
 *      waiting for its (sequence, kv head) to be copied.
 *  The box table (M99..M101): for (3) at d64 / d128 and for d128's (1) with 8 boxes a tile or more
 *      (their own PT instances, so that contiguous calls keep theirs), sm90_run_plan writes each
 *      tile's per-lane box records and key-mask words into the workspace before the attention, and
 *      the producers load them instead of planning and looking up pages per tile.
 * Head dims 64, 128, 256 (d256: 64-key tiles); bf16/f16; 16-byte aligned pointers and strides.
 * At d64 and d128 the consumers keep Q's first k16-steps in registers as wgmma A fragments
 * (SM90_QREG_STEPS). Split-KV only for the last wave (M39): a dense non-causal call at d128 / d256
 * whose CTAs leave a partial last wave replaces those CTAs by pieces over their key tiles (the
 * TAIL instances, launched after the main grid by programmatic dependent launch) and merges the
 * pieces' fp32 rows (sm90_tail_combine); workspace from pa_sm90_tail_plan; num_splits = 1 turns it off.
 *
 * Milestones (H100 80GB HBM3, bf16 d128 B4 H16 sq = sk = 8192, median of 21 x 5 back-to-back
 * calls, bench/wip_sm90/drv.cu, 2026-11-25; run-to-run spread about +-2%):
 *   M4  TMA + 2-stage mbarrier ring, 1 producer warp + 2 consumer warpgroups, setmaxnreg 24/240,
 *       no overlap inside a warpgroup (M2/M3 skipped: the TMA ring was no harder than cp.async).
 *       Predicted 450-550 non-causal. Measured 553 non-causal / 533 causal: the two consumers
 *       already overlap one's softmax with the other's wgmma by themselves.
 *   M6  ping-pong (named barriers 4/5) + S(j) issued with P(j-1)V(j-1), softmax under P V.
 *       Predicted ~620. Measured 610-617 non-causal / 552-566 causal. Short of FA3's ~650: N=128
 *       tiles (FA3 uses 176 non-causal), O stored from registers, no persistent scheduler.
 *       But page 8/16/32 fell to 383/506/574 (+60/+21/+7%): one producer warp issued all
 *       2 x 2 x 128/page boxes of a tile serially and could no longer keep up.
 *   M6b producer K/V x panel split over four warps (full barriers count 2, 16 KB each).
 *       Predicted page 16 back to ~+3%. Measured non-causal contiguous 608; pages
 *       8/16/32/64/128/256: 591/591/588/595/595/591 (+2.1..+3.3%); causal 548 contiguous,
 *       528/544/542/536/538/570 (-3.9..+3.9%, i.e. within noise of each other).
 *       setmaxnreg 32/240 hangs (the pool is the launch allocation, 168 x 384): 32/232 it is.
 *   M7  cp.async gather for the page sizes TMA cannot cut (1..7, 100), gcd boxes for 48/672.
 *       Predicted: the 4 producer warps move 64 KB per tile at about TMA's rate, +5%. Measured
 *       (bf16 d128 B4 H16 8k, fragmented; bench/wip_sm90/dev_variants.sh): 40 producer
 *       registers +40..54% (ptxas serialized every shuffle -> copy chain); 32-bit offsets +35%;
 *       56 registers +21%; lookups a tile ahead and 16 shuffles in flight: pages 1/3/4/100
 *       +15..18% non-causal, +13..14% causal; 3 stages no better. The producer warps' issue
 *       latency, not bandwidth, is the limit (about FlashAttention's reported +10..15%).
 *       672 (32-row boxes) +2.6%, 48 (16-row boxes) +2..8% over runs.
 *   M8  page runs as power-of-two TMA boxes (regime 3) instead of the gather for page 100:
 *       predicted about page 48's cost (5.3 boxes per panel and tile, like 48's 8). Measured
 *       (pa-bench, overhead against an interleaved contiguous baseline): 100 +2.7..4.5%
 *       (gather: +15..24%), 51 +3.5%.
 *   M9  PAIR layout (regime 1), first for page 8 only: predicted half the boxes, page 8 like
 *       page 16 (+3.5%). Measured page 8 from +5.7..8.1% to +2.8..3.0%; with PAIR everywhere
 *       every dense page size >= 8 sits at +1.6..3.0% and the contiguous kernel itself gained
 *       about 1% non-causal (alternated runs 657/619/657 vs 638/605/654 TFLOPS). Of that
 *       +2..3% floor about 1 point is the page-table lookup (a measurement-only build that
 *       computes the page ids instead: +1.0..1.9%), most likely at each CTA's start where the
 *       first TMA waits for its lookup.
 *   M10 head_dim 64 and 256 as template instances (d256 with 64-key tiles), M11 a gather of 2
 *       instructions a copy (bench/RESULTS.md 2.7, 3.1c): d64 460 / 422, d256 629..678 TFLOPS;
 *       gather pages 1..4 d128 +7..8.6%, d64 +9..10.5%, d256 +3..5%.
 *   M12 Q in registers (RESULTS 3.1d, 2.9): predicted from ncu (d64: tensor pipe 48%, SFU 49%,
 *       K and Q both read from shared memory by every S wgmma) a few percent at d64. Measured
 *       alternated: d64 +2..3% contiguous (469 / 433 TFLOPS), +3..4% paged; d128 within noise;
 *       d256 (6 of 16 steps) 1.3..3.5% slower, so none there.
 *   M13 3 stages for the d64 gather kernel only: its producer is the slowest relative to its
 *       consumers (half the bytes per tile of d128, the same lookups). Measured alternated: pages
 *       1/3/4 +9.5..9.8% against +10.8..11.7% with 2 (d128 with 3: TMA contiguous -1%, gather same).
 *   H200 (RESULTS 2b, 2026-12-01): contiguous d128 670-673 / 615-616 TFLOPS (1.05-1.08x cuDNN in
 *       the same calls), d64 471-477, d256 598-662 (0.94-1.02x cuDNN: not reliably above it).
 *       Those are cool first rows. Under sustained work both kernels run at the 700 W power cap
 *       (about 1.65 GHz); timed fairly (interleaved, or each alone for 2 s) this kernel is
 *       0.91-0.98x cuDNN after M21/M23 (RESULTS 2.19, 2.20, 3.1l), 0.96-0.99x after M26 (2.21). At ncu's locked clocks cuDNN
 *       (persistent, 132 CTAs) takes 0.065 ms per call at zero keys against our 0.22: most of the
 *       gap is per work unit (CTA start, Q load, first tile, ping-pong fill and drain).
 *   M14 (rejected) the V warps look up K and V rows 3 tiles ahead and publish their offsets in a
 *       shared-memory ring, so the K warps only copy. Predicted: fewer K-warp instructions, K
 *       earlier. Measured (RESULTS 2.11): slower at every head_dim (d128 +13% vs +10% at pages
 *       1/3/4): the K warps then wait on the V warps, which do twice the lookups. A build that
 *       copies half the rows (3.1e) cut d128's +10% to +6.5%: the copies themselves, not lookups
 *       or shuffles, are most of the gather's cost, and a third stage does not help.
 *   M15 runs or gather by box count (sm90_plan.h pa_sm90_runs_lose): at d64 a tile is half d128's
 *       work, so page runs needing 10+ boxes per warp and tile (odd pages 43..63) cost +12..16%
 *       against the gather's +9.4%; at d256 the gather costs only +4%. Measured after the switch:
 *       d64 43/51/63 +7.3..9.1%, d256 43..127 +3.0..4.4% (were +4.4..10%). After M21 made the
 *       d256 consumers faster, the d256 gather fell behind (+8.8..9.6% at pages 51..127 at ncu's
 *       clocks) and its page runs did not (+2.5..4.2%): d256 takes runs again (RESULTS 3.1n).
 *       Session 70: with M101's run table, d64's odd pages 43..63 are faster as runs too (ncu,
 *       -0.8..-3.4% against the gather, RESULTS 3.4r): the rule sends nothing to the gather now.
 *   M16 (rejected) the gather in 2-CTA clusters: two query blocks share each tile, each CTA
 *       copying half of its rows and pushing them to the peer with a shared::cluster bulk copy
 *       (remote empty arrivals, union of the two tile ranges). Predicted: the half-copy build's
 *       +6.5%. Measured (RESULTS 3.1f): correct (every forced test passed) but +45..60% at every
 *       head_dim. Not profiled; the likely cause is the pushes' volume (32 KB per tile and CTA,
 *       about 8.6 GB per d128 call, through distributed shared memory rather than from L2). The
 *       patch is bench/wip_sm90/cluster_gather.patch.
 *       The d64 gather moved to 40/232 registers instead (-1.3 points, ~+8% at pages 1..4).
 *   M17 (rejected) page runs for pages 9..42 (up to 16 runs a tile, passes of 4; RESULTS 3.1g,
 *       bench/wip_sm90/runs_passes.patch). Predicted: +5..7% at d128 where boxes per warp stay
 *       near page 43's 13. Measured: +18..85% at d128 against the gather's +8..10%, and the
 *       restructured producer doubled page 100's overhead too (+7..8.5%). The runs producer is
 *       on the critical path: its instructions per box matter as much as its boxes.
 *   M18 (rejected) page-table entries read one tile ahead in the TMA producer (RESULTS 3.1h).
 *       Predicted: about a point off the +2..3% floor. Measured: 1..3 points worse at every TMA
 *       page size (d64 page 8 +6..6.8%).
 *   M19 (rejected) a quarter or an eighth of the softmax's exponentials on the FMA pipe (degree-3
 *       polynomial; RESULTS 3.1j, bench/wip_sm90/fma_exp2.patch). Predicted: relief for the MIO
 *       queue the gather's copies share with MUFU, and d64 (SFU 49% busy) faster. Measured: the
 *       contiguous kernel 5..15% slower at every head_dim. The consumers are issue-bound.
 *   M20 fewer producer instructions a tile (RESULTS 3.1k). Branch-free gather lookups (page index
 *       clamped to the last page, one select instead of two branches). Predicted: about a point,
 *       because the producer's instruction count is the gather's cost. Measured: d128 gather 1.1..1.3
 *       points better in three calls; d64 4 points worse at 40/232, since ptxas rescheduled that
 *       kernel; d64 0.3..0.4 points better at 56/224 (adopted); d256 no gain (not adopted). The mask
 *       words cleared without ballots when no page is bad: d64 PAIR pages 0.3..0.4 points worse,
 *       page runs up to 3 (rescheduling again). Reverted.
 *   M21 lazy rescaling of O (SM90_LAZY): the running max moves only when a tile raises it past a
 *       factor 2^8 in P; a warp vote skips O's rescale. Predicted: fewer FMULs per tile (d256: 128
 *       per 64-key tile), +a few % where the rescale is a large share. Measured sustained (3.1l):
 *       d256 +5% (ncu 8.34 -> 7.93 ms), d128 -1%, d64 -4% (the split softmax schedules worse):
 *       d256 only. The d256 paged kernels gained less (their producers set the pace), so their
 *       overhead over the faster baseline rose (pages 1-4 and 100: +7..9.6%, RESULTS 2.20).
 *   M22 (rejected) persistent grid for non-causal TMA work (bench/wip_sm90/persistent.patch):
 *       predicted most of the 0.15 ms intercept gap back. Measured: intercept 0.22 -> 0.17 ms but
 *       per-tile cost +1.6% (rescheduled), so d128 8k 4.25 -> 4.26 ms, d64/d256 slightly slower.
 *   M23 wgmma descriptors by offset in the TMA kernels (SM90_DA): 107 -> 82 uniform instructions
 *       a d128 tile. Predicted about 1%. Measured at ncu's clocks (3.1m): -0.8..-1.7% at every
 *       head_dim, causal too. The gather kernels keep per-step descriptors (their SASS as tuned).
 *   M24 (rejected) page runs as two overlapping boxes (the highest power of two from the run's start,
 *       the smallest covering the rest from its end; bench/wip_sm90/runs_overlap.patch). Predicted:
 *       page 100 nearer page 48 with 4.1 boxes per warp and tile instead of 5.3. Measured (3.1o):
 *       d128 pages 43..127 +5.5..5.9% either way, d64 worse: the box count is not page runs' cost.
 *   M25 (rejected) the flat persistent grid (persistent_flat.patch): slower at every shape (d128 8k
 *       4.42 against 4.19 ms at ncu's clocks) and no lower intercept.
 *   M26 Q's loads all before their stores, O through shared memory as 16-byte row stores
 *       (SM90_STAGED_IO). Found with per-CTA clock64 stamps (SM90_TRACE, bench/wip_sm90/trace.py):
 *       d256 Q took ~14k cycles a CTA, its loads one memory latency apart; the 4-byte O stores
 *       ~3k (d128) to ~7k (d256) cycles. Predicted: d256 a few %, d128 about 1%. Measured at ncu's
 *       clocks (3.1o): d128 -1.2%, d256 -3.9%, causal d128/d64/d256 -2.6/-1.5/-6.5%; d64 contiguous
 *       unchanged and its page 8 worse (producer rescheduled), so not in the d64 TMA kernels.
 *       Sustained against cuDNN (2.21): d128 0.976..0.978x, d256 0.970..0.986x, d64 0.96x.
 *   M27 (rejected) Q's loads and the tensor-map prefetches started before the barrier set-up: Q
 *       750 cycles earlier, but the set-up and the first TMA later; d128 unchanged, d64 +1.8%.
 *   M28 the P V wait below the exponentials (SM90_PV_LATE). The SASS (session 12) shows why ptxas
 *       puts every tile's P V(j-1) wait above the MUFUs (seen in 3.1d): it interleaves the packing of
 *       P(j) (into the registers P V(j-1) reads) with them; a never-taken branch on the row sums
 *       ends the exponentials' basic block and keeps the wait below (3.1d had tried the placement
 *       at d128/d64 only, with a predicated wgmma.fence: slower). Predicted: the exponentials
 *       under the warpgroup's own P V, most where P V is long (d256: 64 x 256 x 64 a warpgroup).
 *       Measured at ncu's clocks (RESULTS 3.1p): d256 7.59 -> 7.19 ms non-causal (-5.3%), causal
 *       3.98 -> 3.68 (-7.5%); d128 +1.2%, d64 +7% (slower: with N = 128 / 64 the register-sourced
 *       P V reads its A fragments 2x / 4x as often per cycle as at d256, and the softmax's
 *       register traffic then competes with it, a guess). Adopted for d256 only. The d256 paged
 *       kernels gained less (their producers set the pace): page 1 -1.5%, page 100 -1.3%, page 16 -6%.
 *   M29 racecheck-clean mask words (RESULTS 3.1q). racecheck reported the consumers' reads of a
 *       stage's key-mask words against the producer's next write (and, in the gather, the first-tile
 *       V zeroing against its cp.async): it does not follow "every lane, __syncwarp, lane 0 arrives".
 *       Now either every consumer thread arrives on K's empty barrier or lane 0, the arriving lane,
 *       reads the words alone and shuffles them; the gather, which zero-fills rows past the end,
 *       does not zero them again. Predicted: no cost. Measured at ncu's clocks: each form costs
 *       0..5.6% in some instances and gains up to 1.6% in others (ptxas reschedules), so each
 *       instance takes its fastest (SM90_MASK_SYNC_<T|G><D>); against before: d64 contiguous
 *       -0.4/-1.6% (causal), d64 gather equal non-causal, +0.8..1.3% causal, d128 within 0.8%;
 *       d64 page 8 (not in the A/B) +2 points in 2.23. With it, Q's first 4 k16-steps in
 *       registers at d256 (SM90_QREG_D256=4): causal -1.8%. Rejected the same session: P V from
 *       shared memory (stmatrix + SS wgmma; d128 +7%, d64 +16%, worse with the late wait), so
 *       3.1p's guess about the register file is not supported.
 *   M30 the gather's consumers made cheaper (RESULTS 3.1r), after 3.1q's source-level profile put
 *       page 1's cost in their loop (621 instructions a warp and tile against the contiguous 550).
 *       (a) wgmma descriptors by offset (M23) in the gather too: predicted 3..4 points at pages
 *       1..4, measured at ncu's clocks d64 -0.8..-1.2%, d128 -0.9..-1.2%, d256 -1.7..-2.2% (the
 *       descriptor arithmetic ran on the uniform datapath, partly under the other warpgroup's
 *       work, so removing it gave back less than its instruction count). (b) the proxy fence
 *       (MEMBAR.ALL.CTA + FENCE.VIEW.ASYNC.S, once a tile in each consumer warp, just before the
 *       S wgmma) moved to the copying threads, which wait for their own copies, fence and arrive:
 *       d128 -0.9..-1.3%, d256 -0.7..-2.6%; d64 +0.7..+1.1% (kept there). Together, pages 1..4
 *       over contiguous (2.24, against 2.23): d128 +8.3..8.4% (+10.2..10.7%), d64 +7.0..7.5%
 *       (+8.3..8.6%), d256 +8.8..9.0% non-causal (+13.4..14.6%), +15.1..15.2% causal (..19.5%).
 *       Rejected the same session: the d64 TMA kernels' mask words read by lane 0 (mode 4 / 3):
 *       contiguous +4.7%, page 8 +2.7 / +4.6%; the gather's mask modes drawn again after (a) and
 *       (b) (each other mode within 0.2% or 0.3..5.6% slower); all in 3.1r.
 *   M31 (rejected) a third K stage beside two V stages at d128 and d256 (224 KB at d256;
 *       bench/wip_sm90/kstages.patch). The source-level profile of d256 causal page 1 (3.1r) has
 *       its consumers waiting on K's full barrier for 8.5% of their samples (contiguous 2.1%),
 *       their producer waiting on empty barriers and on its own copies. Predicted: a deeper K
 *       ring hides the gather's latency. Measured at ncu's clocks: -0.3..+1.5% everywhere (gather,
 *       runs, contiguous), so the gather is short of copy throughput, not of ring depth.
 *   M32 the d256 gather at 56/224 registers with Q's first 2 k16-steps in registers (the other
 *       gather splits and Q steps drawn again after M30; RESULTS 3.1r): d256 pages 1 and 4
 *       -0.8..-1.0% at ncu's clocks (racecheck 0 hazards, 198 tests); at d128 both were slower.
 *       Expected from the TMA kernel's Q registers at d256 (M29: causal -1.8%, non-causal
 *       unchanged): up to 2 points; measured 0.8..1.0%, causal and non-causal alike.
 *   M33 (session 15, RESULTS 3.1s) two gather changes. (a) d128: the next tile's page-table
 *       lookups issued after this tile's copies (SM90_GATHER_LATE_LOOKUP_D128), their latency
 *       under the copies' cp.async.wait_all instead of ahead of the empty wait. Predicted from a
 *       d256 profile whose producer stalled on the lookups (ISETP on the loaded id, long
 *       scoreboard) about a point. Measured: d128 pages 1/4 -1.1..-1.2% non-causal, -1.1..-2.1%
 *       causal; d256 unchanged (+0.0..0.3%), also with branch-free lookups (+0.8..1.1%), so d256
 *       keeps both off. (b) the d256 gather with 4 Q k16-steps in registers (SM90_QREG_G256;
 *       no spills at 56/224 now): pages 1/4 -1.1% non-causal, causal -1.0% at page 4, +0.1% at
 *       page 1. Rejected the same session: KV4, all four producer warps copying K then V
 *       (bench/wip_sm90/kv4.patch): +4.2..5.9% at d64/d128, +6.4..16% at d256; it serializes
 *       K's and V's copies in each warp, where two warps each had run one stream.
 *       Integrated run (RESULTS 2.25): pages 1-4 d128 +6.9..7.3%, d256 non-causal +6.9..7.4%
 *       (within the 8% bar, as d64), d256 causal +12.9..13.1% (2.24: +8.3..8.4, +8.8..9.0,
 *       +15.1..15.2).
 *   M34 (session 15, after 2.25; RESULTS 3.1s) the gather's arrivals deferred by one tile
 *       (SM90_GATHER_DEFER_D<D>, with the fence in the copying threads): a thread issues tile
 *       j's copies, waits for tile j-1's (cp.async.wait_group 1), fences and arrives for j-1.
 *       Predicted from the per-tile traces (the gather's extra is per tile, in the steady state)
 *       and from M31 (a deeper ring did not help while every warp waited for its own copies
 *       before the next tile): a few points at d128/d256. Measured: d64 (3 stages) -0.4..-0.6%
 *       at pages 1/4, adopted (racecheck 0 hazards, memcheck 0 errors, 404 forced-gather
 *       tests); d128 +12..14%, d256 +30..32% with their 2 stages, where tile j+1's stage is
 *       released about when the consumers need tile j, so every arrival waits for the next
 *       tile's copies to be issued. Not yet in an integrated run. Prepared, not run: K's ring 3
 *       stages deep in the d128 / d256 gather (SM90_KSTAGES_G<D>; 192 / 224 KB) with K's warps
 *       deferring, and d128 with 3 stages for both (bench/wip_sm90/mkvariants_s16.sh,
 *       dev_next_s16.sh).
 *   M35 (session 16, rejected; RESULTS 3.1t) (a) K's ring 3 stages deep with deferred arrivals in
 *       the d128 / d256 gather, and d128 with 3 stages for K and V: predicted a few points at pages
 *       1-4 (no arrival waits for the next tile's copies). Measured +1.9..2.8% at d128, +2.1..2.3%
 *       at d256 (+34..36% with V's warps deferring too): the gather is not short of ring depth.
 *       (b) row sums by the tensor core (P x ones beside each P V k-step, d128; rowsum.patch): +5.7%,
 *       and the sums of bf16-rounded P miss the lse bound in 25 of 687 cases. (c) L2 prefetch of
 *       tile it + 1 / it + 2 ahead of the TMA loads or of the gather's next-tile rows
 *       (bench/wip_sm90/l2pf.patch): d64 contiguous +5%, gather page 1 +3..21%, d256 contiguous
 *       -1.4% in one pass and +2.1% in the other.
 *       Diagnosis the same session: d256 causal's gather overhead (+13% against +7% non-causal)
 *       is not the gather's: the contiguous non-causal d256 consumers wait on K's full barrier for
 *       9.5% of their samples against 5.4% causal (sq 2048 sk 8192 profiles), so its baseline is
 *       the slow one.
 *   M36 rotated key walks at d256 (SM90_ROTATE_T256, SM90_ROTATE_G256; RESULTS 3.1t): non-causal
 *       CTAs of a head walked the same keys in step from the last tile down and waited on memory
 *       together; each now starts at tile offset m_block x tiles / m_blocks and wraps (non-causal,
 *       no window, key count a multiple of the tile). Predicted: d256 contiguous non-causal up to
 *       its causal efficiency, ~4%. Measured at ncu's clocks: contiguous -6.9%, TMA pages 8 / 16
 *       -5.8 / -5.1%, gather pages 1 / 4 -2.0 / -2.1%; causal (not rotated, rescheduled code)
 *       -1.0..-1.4%; interleaved against cuDNN 1.064..1.075x (1.011..1.014x before). d128 +0.4%,
 *       d64 +0.9% (contiguous; d64 0.952x cuDNN against 0.961..0.967x): not taken there. With
 *       paged calls rotated too, the d256 paged overheads read pages 1-4 +12.1..12.3%, 8..256
 *       +3.1..4.1%, 100 +10.5% non-causal, every non-causal paged row faster than before. The
 *       random tests never rotate (key counts rarely multiples of 64 with several query blocks),
 *       so test_gpu gained fixed tile-multiple cases; through the rotated TMA, gather and automatic
 *       paths they passed on the H200 (session 17, RESULTS 3.1u: 527 cases, racecheck of the rotated
 *       gather 0 hazards), and paged calls rotate too since then (SM90_ROTATE_PAGED, SM90_ROTATE_G256;
 *       d256 non-causal pages 1 / 8 / 16 / 100 -2.0 / -3.9 / -2.8 / -2.3% against the unrotated
 *       paged walks). Integrated run (RESULTS 2.27): d256 contiguous non-causal 1.065x cuDNN
 *       interleaved, 1.018..1.034x sustained; every d256 paged row faster than in 2.26 (-0.5..-5.4%)
 *       but its overheads higher against the faster baseline (pages 1-4 +12.1..13.1%, 8..672
 *       +2.8..3.8%, 100 +10.5..10.6%).
 *   M37 (session 17, rejected; RESULTS 3.1u; both knobs now bench/wip_sm90/rotmod_waithint.patch)
 *       (a) partial rotations at d128 / d64 (SM90_ROTATE_MOD:
 *       (m_block % N) x tiles / N, N = 2, 4, 8), to keep neighbouring CTAs' L2 reuse while the
 *       groups spread: +0.0..0.6%; the rotated d128 gather +0.8% at page 1. A profile of d128 page 8
 *       (non-causal against causal) shows its non-causal consumers waiting on K no more than causal
 *       ones: nothing there for rotation to recover. (b) suspend-time hints on the mbarrier waits
 *       (SM90_PWAIT_NS / SM90_CWAIT_NS, TRYWAIT + NANOSLEEP.SYNCS): predicted issue slots for the
 *       consumers from fewer producer polls; measured within -0.7..+0.5% at every head_dim.
 *   M38 (session 17, measured, off: SM90_N176) 176-key tiles for d128 contiguous non-causal calls
 *       (FA3's non-causal shape; wgmma m64n176k16, 88 S accumulators, Q's k-steps from shared
 *       memory, one 176-row PAIR box a tile, 208 KB). Predicted a few percent from the per-tile fixed
 *       work spread over 37% more keys. Measured (RESULTS 3.1u): contiguous -1.6% at ncu's clocks,
 *       interleaved 0.978x cuDNN against 0.970x in the same call; tests, racecheck and memcheck pass.
 *       Off because paged calls keep 128-key tiles (their overheads would read 1.6 points higher,
 *       and the paged path is to keep the contiguous tile shape): the paged plans need 176 first.
 *       SM90_N192_D64: the same at d64 with 192-key tiles; SM90_WIDE_PAGED: paged PAIR calls on the
 *       wide tiles too (boxes of up to 16 / 64 rows, 6 mask words; plan checked on the CPU by
 *       test_sm90_plan.c). Both compile-checked, not yet run (bench/wip_sm90/dev_next_s18.sh).
 *   M39 (session 18, RESULTS 3.1v, 2.29) the last wave split over the keys (SM90_TAIL_ON, pa_sm90_tail_plan):
 *       the benchmark's 4096 CTAs fill 31 waves of 132 SMs and leave 4 for a 32nd, a whole CTA time
 *       (1/32 of the call) with 128 SMs idle. Those CTAs leave at once; a TAIL instance runs them as
 *       4 x 32 pieces of 2 key tiles (programmatic dependent launch: they start when every main CTA
 *       has issued launch_dependents and take the SMs the last wave frees), each writing fp32 rows
 *       normalized over its keys and their lse; sm90_tail_combine merges them. Non-causal dense
 *       calls only (causal grids end with their shortest CTAs). Predicted ~3% at every head_dim.
 *       Measured at ncu's clocks (pieces serialized there): d128 -2.0% contiguous, -1.6..-1.8% paged,
 *       d256 -1.0% / -0.4..-1.8%; interleaved against cuDNN d128 non-causal 0.964 -> 0.991x (2.29:
 *       0.992x), d256 1.051 -> 1.068x. d64 is left out (SM90_TAIL_D64=0): with the split its TMA
 *       kernel's loop was the same SASS shifted by ten instructions and ran 2.9% slower, causal
 *       too, for reasons not found. Register pressure shaped the code: the pieces' coordinates in
 *       a runtime branch (or a separate early return for the replaced CTAs) made ptxas keep every
 *       CTA's coordinates in vector registers and the d256 gather spilled, hence the TAIL template
 *       instances (48/224 registers for their TMA producers) and the replaced CTAs leaving through
 *       the past-the-rows return. d256 causal +0.9% (its kernels rescheduled by ptxas).
 *   M38 adopted (session 19, RESULTS 3.1w, 2.30) with SM90_WIDE_ALL: d128 non-causal calls without
 *       a window run on 176-key tiles in every regime but the gather (PAIR boxes of 8 / 16 rows, per-
 *       panel boxes, page runs from page 59, the last wave's pieces); a call whose 176-key plan is
 *       the gather stays on 128-key tiles throughout (the 176-key gather, SM90_WIDE_GATHER: +17%
 *       over its contiguous launch, its producer too slow for 176 rows). Measured at ncu's clocks
 *       against 128-key tiles: contiguous -0.1%, pages 8..672 -0.2..-3.7% (page 100 -3.7%);
 *       interleaved d128 non-causal 0.983x -> 0.996x cuDNN in that call, 0.991..0.994x in 2.30.
 *   M40 (session 19, 3.1w) the merge of the last-wave pieces with the lse reduced over the lanes
 *       and 8 pieces' loads in flight: 23 us -> 10..11 us at d128, 18 us at d256 under ncu.
 *   M41 (session 19, 3.1w, 2.30) d64 TMA kernels with 3 consumer warpgroups (SM90_D64_WG3): 192
 *       query rows a CTA, 512 threads, setmaxnreg 32/160, Q's k-steps from shared memory, the
 *       ping-pong cycling 0 -> 1 -> 2 -> 0 (named barriers 5..7; the Q barriers 2..4). Predicted
 *       from d64's consumers at ~50% of the issue slots with the tensor cores waiting on two
 *       warpgroups' exponentials. Measured: contiguous -6.7% non-causal, -1.3% causal, page 16
 *       -7.3% / -2.1%; d64 non-causal 0.958x -> 1.030x cuDNN interleaved (1.022..1.041x
 *       sustained). The d64 gather keeps 2 warpgroups: with 3 (56/152) it spilled 48 bytes and ran
 *       +36%; so d64 pages 1-4 now read +14% over the faster contiguous launch (same microseconds).
 *   M42 (session 20, rejected as built, RESULTS 3.1x) the d64 gather on 3 warpgroups with a
 *       32-register producer (SM90_D64_WG3_GATHER=1, SM90_WG3_GPREGS=32: consumers 160 as the TMA
 *       kernels; 106 local loads/stores). Predicted: the contiguous launch's -6.7%, pages 1-4 back
 *       near +8%. Measured (ncu, pages 1/3/4): -1.1..-1.6% non-causal, +4.6..4.8% causal. A
 *       profile then showed why: the spills' reloads sit where the masked and unmasked softmax
 *       paths join, so they ran at every tile (M45).
 *   M43 (session 20, rejected, 3.1x) per-panel TMA boxes of 4 rows (SM90_BOX_MIN=4: pages 4, 12,
 *       20, 28, 36 as 32 boxes a 128-key tile, 16 a d256 tile) instead of the gather. Predicted:
 *       between page 8's PAIR boxes (+3%) and the gather (+8..14%). Measured (ncu, pages 4 / 12):
 *       +26..40% against the gather (d64 +45% over contiguous, d128 +36%, d256 +55%): one warp
 *       issuing 32 boxes a tile (d64 has one panel; 3.1i found +20% for 16 boxes from one warp)
 *       is far slower than 64 LDGSTS. Tests at pages 4/12/20/28, racecheck, memcheck passed.
 *   M44 (session 20, rejected, 3.1x) lazy rescaling of O at d128 on 176-key tiles (SM90_LAZY_RESCALE=8;
 *       3.1l: -1% on 128-key tiles). Predicted: fewer instructions under the power cap. Measured:
 *       ncu +2.4% non-causal, +2.9% causal; interleaved 0.962..0.972x cuDNN against 0.992..0.994x.
 *   M45 (session 20, 3.1x, 2.32) the d64 gather on 3 consumer warpgroups, spill-free: M42 with
 *       the mask words read by every consumer thread (SM90_MASK_SYNC_G64=1, the d64 TMA kernels'
 *       form; lane 0's read-and-share form kept 4 more registers live across the softmax) and the
 *       next tile's page-table lookups after the copies (SM90_GATHER_LATE_LOOKUP_D64, M33's d128
 *       form). No local memory in any sm90 function. Predicted: M41's -6.7% for the gather, pages
 *       1-4 near +7%. Measured (ncu, pages 1/3/4): -5.9..-6.1% non-causal, -1.4..-1.8% causal;
 *       +7.2..7.6% / +6.6..7.0% over the contiguous launch (the 8% bar met at d64), and the gather
 *       now keeps the TMA kernels' 192-row tile.
 *   Session 21 (3.1y, rejected): the d128 gather with every consumer thread reading the mask
 *       words (M45's d64 move: +6..8 points at d128); the 176-key d128 gather again (+15..16% over
 *       its contiguous launch, against +7..8% for the 128-key gather);
 *   M46 (rejected, 3.1y) two producer warpgroups for the d128 / d256 gather (512 threads, 8
 *       copying warps with half the panels each, 32/224 registers, d256's P V as two n128
 *       wgmmas). Predicted: the copy issue spread over twice the warps, d256 pages 1-4 towards
 *       8%. Measured: +9..16 points at every gather row (pwg2.patch);
 *   M47 (rejected, 3.1y) the gather's full-barrier arrival once per warp, and its row offsets
 *       through shared memory (116 -> 20 SHFL): d128 +3.3..4.7%, d256 -0.2..+2.4%
 *       (gather_wa_lo.patch). The gather's instruction stream sits at a local optimum.
 *   2.33 (session 21): FlashInfer's fa3 backend (FlashAttention 3) measured side by side: its
 *       contiguous d128 kernel is 1.09..1.17x cuDNN and ours, 9..11% less time at ncu's clocks
 *       with 22..27% fewer instructions for the same HGMMA count; its paged path costs +26..51%.
 *       Prepared, compile-checked (no local memory): SM90_RESCALE_EARLY_D<D> (O's rescale between
 *       Q K^T's and P V's issue) and SM90_VWAIT_LATE; SM90_WIDE_N=192 (FlashInfer's FA3 build
 *       runs d128 non-causal on 128 x 192 tiles at 24/240 registers, its SASS compiled here from
 *       its JIT templates: its loop issues ~7.5 instructions a score against our 4.5, so its
 *       lead is not in the softmax's instruction count; at 192 our consumers are spill-free at
 *       240, the TMA producers at 24 spill 4..40 bytes); SM90_TMA_TWO_WARPS (FA3 keeps one
 *       producer warp and lets the other three exit: here one K and one V warp issue both
 *       panels). bench/wip_sm90/mkvariants_s22.sh, dev_next_s22.sh.
 *   Session 22 (3.1z): those measured and rejected (RE / RE2 / REV: +0.5..4.6% except d128
 *       non-causal, -1.5..+0.6%; the knobs left the source, bench/wip_sm90/rescale_early.patch;
 *       N192: -0.8..-1.1% at d128 non-causal, inside the noise; the two-warp producer +3..10% on
 *       TMA page-8 rows). ncu's executed-instruction counts of FA3
 *       and ours (PC sampling, dev_fi.sh NCU=2): the same floating-point work, FA3 667 consumer
 *       instructions a warp and 192-key tile against our 726 a 176-key tile; the difference is
 *       integer / uniform bookkeeping, and our consumers wait 2.1% on instruction fetch (FA3 0.9%).
 *   M48 (3.1z) that bookkeeping trimmed (SM90_DIET_*, below): d64 -0.5..-2.4%, d256 -1.3..-1.9%
 *       on its TMA rows, d128 within a point.
 *   M49 (3.1z) the warpgroup index made warp-uniform (SM90_WG_SHFL, at the consumers' start): the
 *       128-key d128 kernels -1.3..-2.2% causal, d256 TMA -1.5..-1.8%; 2.34 has both against
 *       FlashInfer and cuDNN again (d128 non-causal contiguous still 0.99x cuDNN, 0.92x FA3).
 *       Prepared for session 23 (compile-checked, spill-free, only the 176-key functions differ):
 *       SM90_WIDE_NOPOS (their loop tests the mask words alone: they never run causal or windowed,
 *       and past the first tile none holds the sequence end; 456 fewer static instructions) and
 *       SM90_DIET_ANY_W (lane 0's OR of the mask words there, which fits in 224 registers once the
 *       position terms are gone); SM90_WG_SHFL_GATHER (M49 in the d128 / d256 gathers, whose
 *       loop stays spill-free: one value goes to local memory before the loop and comes back
 *       after it): mkvariants_s22e.sh / dev_next_s22e.sh (~3 min of device time).
 *   M50 (3.2a) SM90_WIDE_NOPOS on (the 176-key kernels' loop tests only the mask words: d128
 *       non-causal contiguous / page 8 -0.4..-0.5 / -0.5..-1.2% in two calls) and M49 in the d256
 *       gathers (pages 1 / 3 -1.4..-2.4% in two calls; d128's gather +0.8..1.4%, left out), whose
 *       spilled value (one of Q's staging addresses kept across the loop) is gone: the staged
 *       epilogue takes the thread index through an opaque move and recomputes its addresses.
 *       Predicted from the instruction counts ~1%; measured about that. DIET_ANY_W: no better.
 *   M51 (3.2a) page runs in at most two TMA boxes a run (sm90_plan.h): a run that is not a power
 *       of two in box rows takes its top bit's box from its start and the rest rounded up to a
 *       power of two ending at its end; overlapping rows get the same key twice, the mbarrier
 *       expects the boxes' sum (a warp reduction). Predicted from the box counts (d256 page 100:
 *       2.92 -> 2.45 boxes a panel and tile, page 51 6.41 -> 4.23): d256 51 / 100 -3.7 / -1.8%
 *       non-causal, 100 causal -1.4%; d64 100 +2.2%, d128 +0.3..+1.6% (the extra bytes cost
 *       more than the boxes saved where a tile's compute time is shorter): d256 only.
 *       Rejected: SM90_MASK_SKIP (contiguous caches skip the mask words: 0..+0.7%, d64 spilled);
 *       M49 in the 176-key kernels after M50 (spills 20 bytes).
 *   M52 (3.2b) the d256 TMA producers form the key-mask words, the PAIR boxes' coordinates and
 *       share and the run boxes' byte count before a stage's empty wait (SM90_TMA_PRE): from the
 *       wait to the box, 30 instructions instead of about 100. Predicted: a small gain where the
 *       consumers wait on K (2.5% of their samples contiguous, 3.8% at page 256, where the table
 *       lookup sits before the wait). Measured: d256 paged -1.1..-2.7%, contiguous -0.4%; d128 /
 *       d64 (all but the 128-key d128 PAIR kernels, which spill) within noise, so d256 only.
 *   M53 (3.2b) where a tile is one PAIR box, only panel warps 0 (K) and 2 (V) run; 1 and 3 exit
 *       (SM90_PAIR_ONE_WARP; the full barriers count one arrival). Predicted: nothing contiguous
 *       (session 21's two-warp producer was within a point there), a little on the one-box
 *       pages, whose idle warps also looked up pages. Measured: d128 causal pages 128 / 256
 *       -1.7 / -2.2%, d256 pages 64..256 -0.3..-0.9%, contiguous and d64 -0.4..+0.1%, page 8
 *       (several boxes, same code) -0.3..+0.6%.
 *   M54 (3.2c) the same for the 128-key d128 PAIR tiles of up to 4 boxes (pages 32, 64, 96: warp 0
 *       or 2 issues them all; SM90_PAIR_ONE_WARP_MAX_D<D>). Measured in three calls: d128 causal
 *       pages 32 / 64 / 96 -0.9..-1.8%; d256 and d64 inside the noise (there 1, as M53).
 *   Session 25 (3.2c): what the gather's overhead is made of. A build whose gather copies nothing
 *       (SM90_GATHER_DIAG=1; lookups, ballots, waits, fences and arrivals as usual) runs +1.8..2.5%
 *       over contiguous at every head_dim; the copies cost the rest in proportion to their number
 *       (half of them: 55..60% of it): 6.3..6.9 points at d64 / d128, 12.5..12.8 at d256, where a
 *       tile moves the same bytes with the same 32 copies a thread. A full profile: the d256
 *       contiguous kernel keeps its tensor pipe busy 89% of the time (d128 causal 70%), so the
 *       copying warps' issue slots come out of the consumers' (warpgroup-arrive stalls 4.4x);
 *       shared memory (65%) and L2 (52%) are not the limit, and Q read from shared memory at
 *       every k-step costs the gather only 0..1%.
 *   M55 (3.2c, rejected, gather_pair.patch) the d128 / d256 gathers writing the PAIR layout (the
 *       TMA kernels on the plain layout, SM90_PAIRS_ON=0, are 1.9..2.3% slower at d256 and d128
 *       causal): d256 1..1.6% slower, d128 unchanged. The plain layout's cost is its boxes.
 *       Rejected again the same session: K's ring 3 deep in the d256 gather (+1.0..2.0%; M31).
 *   M56 (3.2c, 2.39) the d64 gather's ring 4 stages deep instead of 3 (152 KB): -0.6..-0.9% at
 *       pages 1 / 3 / 4 in two calls (5 stages: between). Its producer defers each arrival by a
 *       tile (M34), so a deeper ring keeps more tiles' copies in flight. Integrated (2.39): d64
 *       pages 1-4 +6.8..8.3% (2.38: +7.5..9.1%).
 *   M57 (session 26, 3.2d, rejected, bench/wip_sm90/ccopy.patch) the d256 gather's copies issued
 *       by the consumer warpgroups right after their wgmmas (warpgroup 0 K of the next tile, 1 V
 *       of this one; one producer warp looks rows up into a 4-deep ring of offsets), so that the
 *       copies load the four sub-partitions alike and run in the consumers' own wgmma wait.
 *       Predicted: most of the copies' 12.5 points back. Measured: +17..19% against the producer's
 *       copies. A warp that issues 16 cp.async in a row waits for the load/store unit to take
 *       them; in a consumer that wait delays its softmax, in the producer it costs nothing.
 *   M58 (3.2d) the d256 gather's copying warps sleep 32 ns after each 4-row copy group
 *       (SM90_GATHER_PACE_D256; 64 ns after each 8-row group since M69 / M70), spreading a
 *       tile's 32 copies a warp over the tile instead of one burst. Predicted from M57's
 *       reading: the burst, not only the count, holds up the consumer warps of the copying
 *       warp's sub-partition. Measured: 16..48 ns -1.5..-2.4% at pages 1 / 4
 *       in two calls and 1.9..3.2% against not pacing in a third (96 ns +1.4..3.8%, 200 ns +42%;
 *       V's warps alone slower than none); d128's gather +5.3..5.8% with 32 ns (its producer sets
 *       the pace), d64 unchanged, so d256 only. Integrated (2.40): d256 pages 1-4 +12.3..13.1%
 *       (2.39: +14.4..14.9%).
 *   M59 (3.2d) the d256 gather's lookups branch-free as d64's / d128's (SM90_GATHER_BRANCHFREE_D256,
 *       +0.8..1.1% when M33 measured it): on top of M58 -0.8..-2.3% and -0.2..-1.5% at pages 1 / 3 / 4
 *       in two calls (with the copies paced, the lookups' branches are what the warp waits on).
 *       The fence moved back to the consumers (PFENCE 0: -0.7..+0.6%) and the lookups after the
 *       copies (+0.2..2.3%) were measured in the same call and left as they were. Integrated
 *       (2.41, session 27): d256 pages 1-4 +10.6..11.8% (2.40: +12.3..13.1%).
 *   M60 (session 27, 3.2e, rejected, bench/wip_sm90/pace_last.patch) no pause after a tile's last
 *       copy group in the d256 gather: that pause only delays the warp's wait for its copies and
 *       its full-barrier arrival. Predicted: a fraction of a point if that path made K late.
 *       Measured: -0.6..+0.7% at 16 / 32 / 48 ns, inside the call's noise: it is not that path.
 *   M61 (session 27, 3.2e, rejected, bench/wip_sm90/kv4b.patch) the d256 gather's four producer
 *       warps each copy a quarter of K's and of V's rows, K(j + 1) before V(j) (the two stages the
 *       consumers release together; session 15's KV4 had V(j) first), one lookup for both, copies
 *       completing on the barriers (noinc) with the consumers fencing. Predicted from session 25's
 *       reading (a copying warp delays the consumer warps of its own sub-partition): with every
 *       sub-partition carrying a quarter of each stream, the warpgroup-arrive stalls would fall.
 *       Measured: correct (tests, racecheck, memcheck) but +7.8..8.8% non-causal, +6.0..6.7%
 *       causal at pages 1 / 3 / 4. Spreading the copies over all four sub-partitions costs more
 *       than the two-warp streams' imbalance, as KV4 did before M58. The opposite (K and V both
 *       by warps 0 and 1, SM90_GATHER_KV4_WARPS=2 in the patch): +21..30%, producer-bound.
 *   M62 (session 28, 3.2f, rejected, bench/wip_sm90/pruns.patch) page runs in the PAIR layout for
 *       page sizes 4 mod 8 (100, 44, 132 ...): a run's whole 8-row groups as PAIR boxes of 2^k groups
 *       through a 5-D map whose 16-row row dimension overlaps the groups (an 8-row window may start
 *       at a row 4 mod 8), a group split by a boundary as two 4-row halves, one box a panel; own
 *       instances (a 7th template argument). Predicted from 3.2c's P0 (one box a panel costs
 *       1.9..2.3% at d256 and d128 causal): page 100 two points lower. Measured (ncu): d256 page 100
 *       -0.1 / -0.2%, page 44 -2.9 / -2.8%, d128 causal +0.8..1.1% (tests, racecheck and memcheck
 *       passed). Three box plans for page 100's runs now run at the same speed: its cost is not
 *       the boxes or the layout. Every run page costs alike (d256 +6.6..12.4%, d128 causal
 *       +5.9..7.4%; PAIR pages 48..120 +1.6..4.2%); neither the per-tile plan arithmetic
 *       (runs_hoist.patch) nor the consumers' SASS (M62 inside the PAIR instances,
 *       pruns_inline.patch) is it. Open: boxes landing off the 8-row swizzle atom.
 *   M63 / M64 (session 29, 3.2g, rejected; runs_1w.patch, runs_share.patch). First what the run
 *       pages' cost is not: run boxes moved onto the 8-row swizzle atom (srow8.patch) and PAIR
 *       boxes through 8 copies of their map (maps8.patch) cost nothing (+-0.7%). What it is: full
 *       profiles of page 100 against 96 / contiguous show the same consumer instructions, fewer
 *       consumer waits on K, more dispatch / not_selected / math stalls, and producers executing
 *       ~226 instructions a warp and tile besides their wait loop (contiguous ~119; 4 warps against
 *       2); 64 IMADs a tile more in each PAIR issuing warp cost +1..4% whether chained or not
 *       (pbusy.patch): producer instructions take the consumers' issue slots. M63, runs issued by
 *       warp 0 alone (one plan, K then V): predicted fewer producer instructions; measured
 *       +19..66% (one warp's serial waits and issues fall behind). M64, warp 0's plan shared with
 *       warps 1..3 through shared-memory records: predicted 2..4 points off the run pages;
 *       measured d128 causal 100 / 127 -1.6 / -1.9%, d256 +0.9..8.4% (warps 1..3 wait for warp
 *       0's lookup), racecheck flags the lane-0 handoff. Next: M64 at d128 only, every lane waiting.
 *   M64 at d128 / M65 (session 30, 3.2h; SM90_RUNS_SHARE=1, SM90_PROD_ALLWAIT_D64). M64 again,
 *       in the d128 plain instances only, every lane of warps 1..3 waiting on the record's
 *       barrier: racecheck 0 hazards; ncu d128 causal pages 44 / 100 / 127 -1.0 / -1.1 / -1.4%,
 *       51 -0.4%, non-causal 44 -2.2% (100 / 101 / 127 take the 176-key kernel): adopted. M65,
 *       the TMA producers without divergent barrier code (every lane waits on the empty barrier,
 *       lane 0's mask stores and expect_tx as predicated PTX): predicted a point at d256;
 *       measured d64 -0.4..-1.1% on every page and contiguous, d128 -1.4..+1.1%, d256
 *       -1.1..+1.0% (d256's PAIR pages slower, its contiguous and run rows faster): adopted
 *       at d64 (RESULTS 2.42: d128 causal page 100 +6.0 -> +4.7 at ncu's clocks; the d64 gather
 *       rows rose a point, their contiguous baseline 1% faster, the gather unchanged).
 *   M66 / M67 (session 30, 3.2h). M66 (runs_share_vonly.patch, rejected): the V warps alone read
 *       warp 0's records, K's warps 0 and 1 each form the plan: d256 pages 44 / 51 +5%, 100
 *       +1.2..1.6%, d128 -0.6..+0.9%; racecheck 4 hazards (not analysed). M67
 *       (SM90_GATHER_ALLWAIT): M65's form in the gather producers, the wait loop's exit a warp
 *       vote (mbar_wait_warp; a per-lane exit made ptxas compile the rest of the loop as
 *       WARPSYNC.COLLECTIVE blocks, +880 instructions at d128): d256 gather -0.9..-1.5% (one row
 *       +0.3), d64 / d128 +0.5..2.1%: d256 only. With it, M65 in d256's plain-layout instances
 *       (SM90_PROD_ALLWAIT_D256=2): runs pages 44 / 100 -1.0..-3.4%, contiguous 0.0. RESULTS
 *       2.43: the d256 gather +10.2..11.5% (2.42 +11.4..11.8), page 100 at ncu's clocks +6.6 /
 *       +5.5 (+6.9 / +7.5).
 *   M68 (session 31, 3.2i; SM90_PROD_WAITWARP_D256) M65's every-lane wait with M67's warp-vote
 *       exit in the TMA producers. Predicted: fewer branches after the wait, a fraction of a
 *       point. Measured with M65 at every head_dim: d256 page 100 -1.8 / -1.9%, contiguous -0.3 /
 *       -0.4, PAIR pages +0.1..0.6; d64 +0.0..0.4; d128 -1.4..+1.3 in one call, -2.7..+3.2 in a
 *       second (pages 8 / 44 gain, 32..128 lose). Adopted in d256's plain-layout instances only.
 *   M69 (session 31, 3.2i; SM90_GATHER_LPR_D<D>) fewer lanes a 128-byte row in the gather's
 *       copies: 4 instead of 8, each lane copying chunks c and c + 4 of its row (and panel), so one
 *       shuffle and one address IMAD serve twice the copies, a copy instruction covering 8 rows'
 *       half lines instead of 4 whole lines. Predicted from 3.2c / 3.2g (the copying warps' issue
 *       slots are the consumers'): d64's 16 shuffles + 16 IMADs a tile and warp down to 8 + 8, a
 *       point or two. Measured (ncu): d64 pages 1 / 3 / 4 -2.1..-2.7%, d256 -2.4..-3.3% (causal
 *       page 4 -0.2), d128 +3.9..5.8% (its shuffles already serve two panels; its 64-register
 *       producer sets the gather's pace); 2 lanes a row +15..110% (d64 +0..2.3, spilling).
 *       Adopted at d64 and d256. RESULTS 2.45: the d64 gather +4.0..6.2% (ncu +5.8..6.3; 2.43
 *       +8.0..9.3), the d256 gather +6.6..8.6% (ncu +7.3..9.1; 2.43 +10.2..11.5), d256 page 100
 *       +3.5 / +3.7% (ncu +3.7 / +2.2).
 *   M70 (session 32, 3.2j; SM90_GATHER_PACE_D256) M58's d256 pause re-tuned after M69: 64 ns
 *       after each 8-row copy group (16 a tile and warp), the same pause a tile as M58's 32 ns
 *       after each of 32 4-row groups. Predicted: M58's optimum was a pause a tile, not a group.
 *       Measured (ncu, two calls): 64 ns -0.1..-2.1% at pages 1 / 3 / 4 against 32 ns (12 of 12
 *       rows lower; contiguous -0.5..+0.1), 0 ns +2.8..5.6%, 80 / 96 ns as 64, 128 ns +2.9..48%
 *       (page 1 +38 / +49%: a cliff, so 64 and not 96). M69 off with 16 ns a 4-row group (the
 *       library's pause a tile then): +0.0..2.4%, so M69's d256 gain is its shuffles, not the
 *       halved pausing. d128's producer at 72 registers (consumers keep 216) +0.0..0.2%, with 4
 *       lanes a row +4.1..5.4%: M69's d128 loss is not a register limit. Also tried on the d128
 *       gather (3.2j), all slower: the lookups before the copies (M33 undone) +0.3..1.0%, M21's
 *       lazy rescaling +2.1..2.4%, 4 lanes a row in V's or K's warps alone +2.4..3.3 / +3.4..3.8%.
 *       RESULTS 2.46: the d256 gather +7.3..7.6% in pa-bench (ncu +6.7..8.6).
 *   M71 (session 33, 3.2k; SM90_QDESC_SHFL_G128) Q's descriptor made warp-uniform in the d128
 *       gather (the warpgroup index shuffled from lane 0 for it alone; M49 as a whole stays off
 *       there: +0.1..0.2% again). Found by profiling the gather against the contiguous kernel on
 *       its own 128-key tiles (SM90_WIDE_ALL=0), which the 176-key tile beats by only 0.7%: the
 *       gather costs +8.8% at the same shape, and its consumers run 5% more instructions, led by
 *       two R2UR a k-step for Q's vector-register descriptors. Predicted ~1%. Measured (ncu,
 *       pages 1 / 3 / 4): -0.2..-0.7%, 6 of 6 rows; 40 -> 9 R2UR in the function. Also measured:
 *       pauses of 128..256 ns a tile in the d128 gather +0.7..7.0% (d128's copying warps set its
 *       pace), 56/224 with 4 Q k-steps in registers +0.2..2.7% (spills 8 bytes outside the
 *       loop), with 2 k-steps -0.6..+0.6%, the 176-key gather again +8.7..8.9% over this one.
 *       The same session (3.2k): every lane arriving on M64's plan-record
 *       barriers (racecheck: 8 hazards with one lane's arrival after __syncwarp, 0 with it; timing
 *       -0.7..+0.5%); rejected: M71 in the 176-key kernels +1.2..2.2% paged, page runs in
 *       overlapping boxes at d128 +0.0..1.7%, M65 / M68 in d128's plain-layout instances (pages 44 /
 *       127 -1.2..-1.6%, but page 100 +0.0..0.9%).
 *   Session 34 (3.2l, rejected) the d128 gather's rings 3 deep with arrivals not deferred
 *       (SM90_VSTAGES_G128, now vstages_g128.patch, / SM90_KSTAGES_G128 = 3: K 2 / V 3, K 3 / V 2, both 3). Predicted little
 *       (M31 / M35); K 3 tested whether the consumers' K-full retries (3.2k) are a shortage of
 *       depth. Measured: +0.8..1.8% at every gather row, all three. Per-tile traces of the same
 *       call: in the median tile neither copy stream is late (K's and V's full waits 100..180
 *       cycles, as in the TMA kernel); the gather's extra ~200 cycles a tile are spread over the
 *       softmax, the wgmma issue, the P V wait and the rescale. RESULTS 2.48 (integrated run of
 *       the committed library): d128 gather +7.0..8.4% (ncu +8.3..9.3).
 *   Session 35 (3.2m, rejected) the d64 TMA ring 4 deep (SM90_STAGES_D64=4): within 0.5% at d64
 *       pages 8 / 16 / 100 and contiguous. racecheck stalls about half of the d64 TMA runs of
 *       make test-sanitize (never without it; memcheck / synccheck pass): the consumers' waits
 *       are per-lane retry loops that nothing reconverges before the zero-fill's bar.sync and the
 *       HGMMAs after them. Session 36 (3.2n, rejected, racecheck_knobs.patch): a __syncwarp after
 *       the consumers' waits (SM90_WAIT_CONVERGE) or non-aligned named barriers
 *       (SM90_BAR_NONALIGNED) stall as often, so that is not the cause. Session 37 (3.2o): racecheck
 *       on the sm90 kernels alone stalls 7 of 14 runs, on every other kernel 0 of 14; at d64 panel
 *       warps 1 / 3 kept (SM90_PAIR_ONE_WARP_MAX_D64=0), two consumer warpgroups (SM90_D64_WG3=0)
 *       and the warp-vote producer wait (SM90_PROD_WAITWARP_D64=1) stall too; lane-0 producer
 *       waits (SM90_PROD_ALLWAIT_D64=0) 2 of 14; session 24's library (1a6bcaa) 1 of 8. Session 38
 *       (3.2p) placed it: a standalone kernel with contiguous case 0's protocol
 *       (bench/wip_sm90/rc_repro.cu) stalls under racecheck too (20 of 32), never without
 *       setmaxnreg (0 of 13), without the consumers' inc (0 of 8) or with the inc after a named
 *       barrier the producers arrive on after their dec (0 of 8); this library with
 *       -DSM90_NO_SETMAXNREG 0 of 12 against 5 of 12. Racecheck hangs when a consumer's register
 *       allocation (USETMAXREG.TRY_ALLOC, retried by the hardware) comes before the producers'
 *       release. Session 39 (3.2q, adopted): SM90_INC_AFTER, the producers arrive on named barrier
 *       15 after their dec and the consumers wait on it before their inc. Predicted: no stalls,
 *       < 0.1% for one barrier a CTA. Measured: d64 TMA racecheck runs 0 of 12 stalled against 4
 *       of 12; ncu A/B -0.8..+1.3% (median 0.0..+0.1%), within ncu's spread. RESULTS 2.49
 *       (integrated run): the whole make test-sanitize script 22 of 22, contiguous and paged
 *       rows as in 2.48 within the run-to-run spread.
 *   M72 (session 39, 3.2r, rejected, bench/wip_sm90/pair_uniform.patch) the PAIR boxes issued by a
 *       warp loop in uniform control flow (warp index by shuffle, each box's page coordinate
 *       reduced into a uniform register by redux, elect.sync) instead of each lane issuing its own
 *       box, which ptxas wraps in a loop over the active lanes with six R2UR a box. Predicted: fewer
 *       producer issue slots at pages 8..64 (64 instructions a tile cost 1..4%, 3.2g). The SASS
 *       had about as many instructions a box (redux, elect, votes, three UMOVs for the zero
 *       coordinates) and the 128-key d128 producer spilled 4 bytes (left out). Measured (ncu,
 *       pages 8 / 16 / 48 / 64 and contiguous): d64 -0.4..+0.8%, d128 176-key -0.4..+0.1%, d256
 *       +1.8..2.7% on every row, contiguous too.
 *   M73 (session 40, 3.2s, rejected, bench/wip_sm90/mcast.patch) TMA multicast over 2-CTA clusters
 *       along the query blocks (d128 TMA kernels, non-causal): each box issued by one CTA into
 *       both, every empty barrier counting both CTAs' consumers. Predicted: the paged rows' extra
 *       (11..22 boxes a tile against 1) about halved if it is TMA issue or L2 traffic. Measured
 *       (ncu): first +18..21%, from the remote arrivals' .release.cluster, which ptxas fences with
 *       MEMBAR.ALL.GPU; with the default semantics +0.0..1.5% (coupling alone +0.4..0.8%, the
 *       cluster launch alone -0.2..+0.4%), and the paged overheads unchanged with K / V split
 *       between the ranks or each tensor's boxes split. So the TMA regimes' +3..4% is neither box
 *       issue nor L2 traffic.
 *   M74 (session 40, 3.2u, adopted; SM90_PAIR_SHARE) in the 176-key PAIR instances with a page
 *       table, producer warp 0 alone looks up the tile's box pages and hands {slot, page} a lane to
 *       warps 1..3 through M64's records (every warp looked up all of them before). Predicted from
 *       3.2t's diagnostics (table loads ~1 point at d128 pages 8..64; a contiguous call cut into
 *       page 8's 22 boxes +0.2%): up to a point. Measured (ncu): 176-key pages 8..256 -0.4..-1.6%;
 *       the 128-key instances +0.6..1.2% at pages 32..256 (one warp a tensor issues there, and warp
 *       2 then waits for warp 0's lookup): not taken there. RESULTS 2.50: d128 non-causal page 8
 *       +2.6% (2.49: +2.9).
 *   M75 (session 41, 3.2v, adopted; SM90_PAIR_SHARE_D256) M74 in the d256 PAIR instances (and,
 *       rejected, in the d64 ones). Predicted: about a point off d64 page 8 and d256 pages 8..64,
 *       unless warp 1's wait for the record costs more than the lookup (M64 at d256). Measured
 *       (ncu): d256 non-causal pages 8 / 16 -2.2 / -1.6%, causal 16 / 32 -0.8 / -1.1%, the other rows
 *       -0.5..+0.1%; d64 +0.3..0.9% on every row, its contiguous one too (code placement). RESULTS
 *       2.51: d256 ncu page 8 +3.6..3.9% (2.50: +3.2..5.0), within the rows' spread between runs.
 *   M76 (session 41, 3.2w, rejected, bench/wip_sm90/pw_shfl.patch) the producers' warp index shared
 *       from lane 0, so that ptxas takes the map, barrier and buffer it picks as warp-uniform (and,
 *       2, the barrier shared and c4 = kvh in the global PAIR layout): the per-lane box loop 11 -> 8
 *       instructions a box (PAIR), 12 -> 10..11 (plain). Predicted: a few tenths of a point at pages
 *       8..16. Measured (ncu): d64 +0.5..2.1% and d128 causal +0.7..2.2% on every row, contiguous
 *       included; a producer change moves the consumers by a point or two whatever its count.
 *   M77 (session 41, 3.2z, adopted in the 128-key d128 instances; SM90_PT_SMEM) the CTA's page-table
 *       entries (up to 2048) staged in shared memory by the producers once, each tile's lookups by
 *       LDS. Predicted from 3.2y (diag mode 1: without the loads pages 8 / 64 / 100 -0.6..-2.0% at
 *       d128 / d256): about a point. Measured (ncu): 128-key (causal) pages 8..100 -1.0..-1.4%,
 *       contiguous -0.5%; 176-key +0.5..1.6% (contiguous +0.9%): left out; d64 / d256 spill with it.
 *       RESULTS 2.52: d128 causal page 8 +2.5..3.1% (ncu +3.0; 2.51: +3.3 / +4.2).
 *   M78 (session 42, 3.3a, adopted; SM90_PT_SMEM=3) M77 in the d256 TMA instances, whose producers
 *       take 48 registers against the consumers' 224 (the TAIL split; at 40 the PAIR producers spilled
 *       12 accesses). Predicted from 3.2y (d256 without the loads -0.8..-2.0%): about a point.
 *       Measured (ncu): pages 8 / 16 / 32 -0.6..-1.6%, 64 / 128 -0.1..-0.7%, page 100 +0.1 / +0.5%
 *       (its run boxes dominate), contiguous +0.1 / +0.2% (noise level).
 *   M79 (session 42, 3.3b, rejected, bench/wip_sm90/pt_loop2.patch) the TMA producer's tile loop
 *       twice where M77 / M78 stage the entries: one copy with LDS lookups alone, one with the global
 *       loads, instead of a branch a lookup. Predicted: a few tenths at most. Measured (ncu): d128
 *       causal +0.8..1.5% (contiguous +0.8%), d256 -0.5..+0.5%; at d64 (the same with M77 there) the
 *       32-register producer still spilled (176 bytes).
 *   M80 (session 43, 3.3d, adopted; pa_context_set_kv_copy_limit, sm90_copy below, kv_copy.cu) the
 *       copy regime: a call the gather would serve copies its keys and values into the workspace as
 *       a contiguous NHD cache (a flat grid-stride kernel over 16-byte chunks) and runs the
 *       contiguous kernel on it, when a host estimate says the copy (every key read and written
 *       once) costs less than the gather adds. Predicted from the bytes: d128 B4 H16 8k ~130 us,
 *       i.e. +3.3% non-causal / +6..7% causal against the gather's +8..10%; d256 causal's copy (+8%)
 *       loses to its gather (+7%). Measured (ncu, s43b): pages 1 / 3 / 4, d128 +3.4..3.8% / causal
 *       +6.0..6.3% (gather +7.4..8.3 / +8.9..9.7), d64 +2.5% / +4.2..4.3% (gather +5.6..7.3 /
 *       +5.2..6.7), d256 non-causal +4.5..5.1% (gather +6.2..8.2); d256 causal forced +7.7..8.4%
 *       against its gather's +6.7..7.4%, which the estimate keeps. The copy runs at ~3.8 TB/s of
 *       DRAM traffic (137..141 us at d128), whatever its instruction form (s43e: cache hints, 8
 *       chunks a step, a block per 8 rows with a barrier, all within -0.7..+2%). RESULTS 2.55: the
 *       8% bar met on every page 1..4 row (pa-bench +3.0..7.9, ncu +2.0..7.1); d128 causal sits at
 *       it at unlocked clocks (+7.6..8.0), the copy's time being fixed while the attention gets
 *       faster. Bad page ids (validation off) read as zero keys and values there, not masked keys.
 *   M81 (session 44, 3.3e, adopted) the copy for the TMA page regimes too: the estimate weighs the
 *       copy against each regime's measured extra (RUNS d64 / d128 / d256 2.8 / 3.5 / 3.8%, PAIR
 *       8-row boxes 3.5 / 2.8 / 2.7%, 16..32-row boxes 2 / 1.5 / 1.5%, less a fifth); PAIR / BOXES
 *       with boxes of 64+ rows never copy. Predicted: with the benchmark's MHA rows only d64
 *       non-causal page 8 switches; with GQA (8 query heads a kv head) the copy's bytes are an
 *       eighth and every TMA page switches, to ~0.5% non-causal / ~1.1% causal. Measured (ncu,
 *       s44c, one binary each): GQA d128 H16 / 2 kv heads, pages 8 / 16 / 100: +1.7..4.2% ->
 *       +0.4..1.5%; pages 64 / 256 (1..2 boxes a tile) +0.6..1.6% either way, hence the exclusion;
 *       MHA d64 non-causal page 8 +3.5 -> +2.6%, the other MHA rows within noise (-1.2..+1.2%).
 *       RESULTS 2.56: d64 non-causal page 8 +3.0 (pa-bench) / +2.6 (ncu). The estimate across GQA
 *       ratios (s44e / s44f, never-copy against the default, d64 32 / 16 and 32 / 4, d128 16 / 8,
 *       4 and 1, d256 16 / 4): where it copies, faster by up to 3.1% or tied; where it keeps the
 *       boxes, the same within noise.
 *   M82 (session 45, 3.3f, adopted) the copy beside the attention: M80's copy on a few resident
 *       blocks (kv_copy.cu's ordered kernel, 16 at least) while the attention, launched after it by
 *       programmatic dependent launch, runs on the other SMs; the copy raises a counter per
 *       (sequence, kv head) in the attention grid's order and the producers wait for theirs before
 *       the first load (p.kv_ready). Predicted from the bytes at ~90 GB/s an SM: d128 causal pages
 *       1..4 ~+1.5%. Measured: the copy kernel reads only ~30 GB/s an SM (8..32 blocks, 1024 or
 *       768 threads alike; bulk copies of 256-byte rows 5x slower, copy_bulk.patch), so it holds
 *       ~68 us of the GPU at d128 MHA 8k; pa-bench pages 1..4 (s45e): d128 causal +7.4 -> +4.6,
 *       d64 causal +5.4 -> +3.2, d256 causal (was the gather) +7.1 -> +5.1, non-causal 0.5..1
 *       point lower; GQA 16 / 2 0.2..0.8 points slower than the copy first (the estimate keeps
 *       that there); the TMA pages no better (kept). ncu cannot time it (pa_ncu.py charges the
 *       copy its SM share).
 *   M83 (session 46, 3.3g, rejected: copy_tma_m83.patch) the copy beside by TMA boxes: where the
 *       page size has a divisor of 8+ rows, each copy warp a stream whose lane 0 moves one head's
 *       rows of a page (K and V, up to 32 KB) by a 4-D TMA load into a ring of shared-memory
 *       stages and a 4-D TMA store into the copy. Predicted: the bytes in flight bounded by shared
 *       memory, not by the L1's misses, so ~2x the register copy at page 100. Measured (ncu, 16
 *       blocks, d128 8k): 606 us at page 100 against the register copy's 542, 842 at page 8,
 *       d64 page 8 1690 against 618; correct (tests, memcheck, racecheck) but the stage reuse
 *       waits on the stores' reads, and ~30 GB/s an SM each way bounds every copy kernel tried
 *       (registers, loads alone 38; bulk rows; L2 prefetch ahead 24..25: copy_pf_nostore.patch).
 *   M84 (session 54, 3.3j, rejected; SM90_RUNS_2W left the source: runs_2w_m84.patch) fewer warps issuing the boxes:
 *       SM90_RUNS_2W=3 (page runs loaded by warps 0 (K) and 2 (V) alone, every panel each) at d128
 *       / d256 pages 44 / 100 +0.7..15.1% under ncu against the library; SM90_PAIR_ONE_WARP_MAX_D64
 *       =16 (d64 PAIR tiles of up to 16 boxes from one warp a tensor) +9.5..9.8% at page 8,
 *       +0.5..0.9 at 16. The box issue spread over four warps stays.
 *   M85 (session 55, 3.3k / 3.3l / 3.3m, rejected; SM90_PT_ASYNC left the source: pt_async_m85.patch) M77's page-table
 *       entries copied by cp.async from the kernel's entry, before the barrier set-up, so that
 *       their latency overlaps it. The per-CTA trace (3.3k) had d128 causal page 100's first K TMA
 *       1422 cycles after contiguous's, 602..721 of them in M77's staging (a global round trip per
 *       128 entries, then a named barrier): ~1.4% of a causal CTA. Predicted: -0.5..0.7% there.
 *       Measured (ncu, 4 passes, SM90_PT_ASYNC=1): d128 causal page 100 +0.9% by the minimum,
 *       -0.3% by the medians (the library's samples spread 2094..2138 us, the variant's
 *       2114..2118); d256 causal page 100 +0.1 / -0.4%; the contiguous calls, whose PAIR instances
 *       do not run the new code, +0.4..0.5% (code placement). SM90_PT_ASYNC=2 keeps the PAIR
 *       instances' SASS (checked per function) and gives the plain ones v_pta's. Its A/B (session
 *       56, ncu, 4 passes, min): d128 causal page 100 -0.1%, d256 +0.2%, contiguous +0.0 / +0.1%.
 *       The trace moved K's first TMA 356 cycles earlier and the CTA span 0.7% shorter at d128
 *       causal page 100, but the time between CTAs grew 300 cycles: no gain in the kernel's time.
 *   M86 (session 57, 3.3p, adopted at d256; SM90_PW_SHFL_D<D>, SM90_MASK_NOBAD_D<D>) cheaper box
 *       issue: the producers' warp index through a shuffle, so ptxas keeps each box's map, barrier
 *       and column in uniform registers (d64 PAIR: 11 -> 8 instructions a box, d128 runs 12 -> 11, d256 runs two of 7 R2UR -> UMOV),
 *       and no mask-word ballots in tiles without bad page ids. Predicted: a fraction of a point
 *       where boxes are many. Measured (ncu, 6 passes, min, every head_dim at once): d256 causal
 *       pages 8 / 100 -0.5 / -0.7%, contiguous 0.0; d128 contiguous +1.6%, page 100 +0.4%; d64
 *       contiguous +1.7% (code placement, as 3.1v), page 8 +0.4%. At d256 alone against the
 *       library (8 passes): causal pages 8 / 48 / 100 -0.8 / -0.8 / -1.2%, non-causal 16 -1.3%,
 *       the other rows -0.4..+0.1%; the median paged/contiguous ratio at causal page 100 +3.4 ->
 *       +2.9, non-causal 100 +2.75 -> +2.15. d256 takes both; d64 / d128 keep their SASS.
 *   M87 (session 57, dropped from the SASS, NOTES) d256's two panels a box from one asm statement:
 *       still two ELECT / R2UR loops; a hand-made loop over the lanes costs 45 instructions a box
 *       pair against 24. Probe (3.3r, timing only): page runs issuing half their boxes take 0.3%
 *       off d128 causal page 100 and 0.0 off d256: page 100's cost is not the box issue or the
 *       TMA traffic, so a multicast cluster pair could not gain more.
 *   M88 (session 58, 3.3s, adopted at d64; SM90_MASK_SKIP_D<D>) the key-mask words zeroed once per
 *       CTA; a tile without bad page ids forms and stores none unless its stage's words are nonzero
 *       (read back after the empty wait, one word a lane). Why: two same-binary probes (runtime
 *       switches, RESULTS 3.3s) put page 100's per-tile cost in the producers' instructions: 128
 *       dummy IMADs a live producer warp and tile slow contiguous d128 / d256 causal by 2.0 / 4.2%
 *       (256: 8.5 / 10.5%), and reusing tile 0's run plan for every tile takes 1.4 / 1.7% off
 *       page 100 (against the probe binary's own unswitched rows). Measured (ncu, 8 passes, min,
 *       against the library): d64 -0.4..-0.7% on contiguous and pages 8 / 100 (causal 100 +0.3),
 *       consumers' SASS unchanged; d128's plain-layout instances -0.2..-0.3% at page 100, but a
 *       loop-carried dirty bit spilled its 40-register producer, lane 0 reading back alone spilled
 *       12 bytes, and the other lanes' read-back after lane 0's wait + __syncwarp is flagged by
 *       racecheck: d128 and d256 (no gain, +0.1..0.2%) keep their SASS. At d64 a __syncwarp
 *       before and after lane 0's stores (the rare store branch) keeps racecheck clean; final A/B
 *       (8 passes): d64 -0.2..-0.6% by the minimum, -0.0..-0.4% by the median.
 *   M89 (session 59, 3.3t, adopted as SM90_PROD_ALLWAIT_D128=3) M65's all-lane empty wait in d128's
 *       plain-layout instances of 128-key tiles (page runs, per-page boxes when the pool rules out
 *       the PAIR maps; causal and the non-176-key non-causal calls). Why: M88 at d128 needed it for
 *       racecheck (v_aw2 = it + SM90_MASK_SKIP_D128=2); measured, the wait alone (v_aw, value 2:
 *       every plain instance) was the gain and M88 added nothing clear. ncu, never copying, medians
 *       over 6..8 alternating passes against the library: causal page runs 44 / 51 / 60 / 77 / 100
 *       / 101 / 127 -0.6..-1.4% (page 100: paired +4.2..4.3 -> +3.5..3.6), causal per-page boxes
 *       (pool pages 8 tokens apart, pa-bench --page-gap) 16 / 32 / 64 / 128 -0.5..-1.4%; the 176-key
 *       non-causal plain instance gained at pages 16..77 (-0.4..-1.6%) but lost at 64 / 100 / 128
 *       (+0.6..1.1%), so value 3 leaves it, and every PAIR instance, at the library's SASS (each
 *       instance of the value-3 build is byte-identical to one measured: to v_aw or to e10f04e2).
 *       0 spills; racecheck 0 hazards (pages 16 / 44 / 51 / 64 / 100 / 101 / 127); forced d128
 *       tests 0 failed. pa-bench's table seed and --frag-block 1 (pool order) leave d128 page 100
 *       as it is (causal +3.8..4.2, 10 seeds x 2): its cost is the tile's page boundaries, not
 *       where the pages lie.
 *   M90 (session 59, measured and adopted in session 60: SM90_PAIR_STRIDED in sm90_plan.h, 1)
 *       the PAIR layout's GLOBAL map for pools whose pages lie apart: a page stride of G whole
 *       8-token groups (the same G for K and V; e.g. one tensor of K and V pages in turn, NHD:
 *       G = 2 x page / 8, HND: 2 x kv heads x page / 8) puts page p's groups at p x G
 *       (p.page_groups = G, the map's group extent up to the last page's end). Host code only:
 *       SASS unchanged (ed9512af). Such pools took the plain instances and read +2.3..4.0% over
 *       the contiguous kernel at pages 16..128 (d64 / d128 / d256, pa-bench --page-gap 8); with
 *       M90 +0.9..2.6% (paired ncu medians, RESULTS 3.3u, H200): -0.5..-2.2% of paged time, d64
 *       page 64 within noise. HND K/V-pair pools likewise (+3.9 / +3.0 -> +1.4 / +1.4 non-causal).
 *       Tests with the knob on (v_ps): forced sm90 on gapped and K/V-pair pools at every
 *       head_dim, automatic, memcheck and racecheck on gapped pools: 0 failed, 0 hazards.
 *   M91 (session 62, CPU only, dropped; NOTES) the producer loop as a __noinline__ callee, to keep
 *       producer changes from re-scheduling the consumers: a change inside the callee alone still
 *       moved 7.7% of the caller's consumer opcodes (ptxas compiles the two together), and -rdc
 *       makes ptxas ignore setmaxnreg and serialize wgmma.
 *   M92 (session 62, adopted unmeasured as a build: SM90_COPY_OV_SCALE_D128 = 1.5, host code only,
 *       SASS ed9512af) the copy beside's modelled cost at d128 times 1.5. Prediction: d128 MHA
 *       non-causal page-run calls read their pages in place, +3.3 instead of the copy's +3.7 at
 *       page 100 (both paths measured side by side in RESULTS 3.3v, where the copy beside cost the
 *       d128 MHA attention +3.6..3.9% against the model's 2.5%). The build itself was not run on a
 *       GPU in sessions 62 / 63 (no device time left). Timed in session 64 (RESULTS 3.3w, H100):
 *       page 100 +3.3 against the copy beside's +3.7, GQA 16 / 2 (moved by the scale to the copy
 *       before) +0.8 against +1.3; the gather pages still copy beside; but d128 page 51 read +5.0
 *       in place against +3.5 beside, which M93 corrects.
 *   M93 (session 64, host code only, SASS ed9512af) sm90_runs_extra: the in-place cost of page
 *       runs at d128 / d256 grows with the boxes a tile issues (the line through 3.3w's pairs:
 *       d128 +3.3% at 4.9 boxes per 128 keys, +5.05% at 11.5; d256 +1.9% at 4.9, +3.4% at 8.5),
 *       where it was flat; the copy beside at d256 modelled x1.25 (3.3w: median +3.5 against 2.8%).
 *       Timed against M92 on the H200 (3.3x, 3.3y): 0.3..1.1 points better at d128 pages 51 / 77 /
 *       127 and d256 pages 77 / 100 / 127; the same path at d128 page 100 (+3.3) and, with the
 *       d256 line raised (3.3y), at d256 page 51 (the copy beside, +3.4).
 *   M94 (session 65, host code only, SASS ed9512af) the last wave planned for the copy beside
 *       (pa_sm90_tail_plan_beside): the copy's blocks hold k SMs for ~73 CTA times in all at d128
 *       MHA 8k (16 SMs x 4.6 CTA times), so those SMs run their CTAs out of step with the others
 *       and the grid's ragged end is ~(4096 + 73) % 132 = 77 CTAs, not M39's 4: the in-step SMs run
 *       a 32nd wave of 64 CTAs while the rest idle. A greedy model of the schedule (equal CTAs,
 *       3 tile times of fixed cost, pa_sm90_tail_model) ends M39's plan at 32.0 CTA times and
 *       the contiguous call at 31.1: the ragged end alone is ~3%, most of what the copy beside
 *       costs beyond its SM time (3.3v: +3.6..3.9% measured, 2.5% modelled). M94 cuts the whole
 *       CTAs where the model ends first (68..104 units in 3 pieces tie there at 31.76). Prediction:
 *       the copy beside ~0.7 points cheaper at d128 / d256 MHA non-causal, GQA 16 / 2 ~0.4.
 *       Measured (RESULTS 3.3z, H100, pa-bench, 16 blocks): d128 pages 51 / 100 +3.7 -> +3.0..3.1
 *       (68 x 3, medians of 5), +2.8 with 84 x 3, worse with 68 x 5 (+3.6) or 100 x 3 (+3.8): a
 *       piece costs more than the model's 3 tile times; d256 page 51 slower under every split
 *       tried (+3.1..6.2 against M39's +1.6..3.7), not understood, so d128 only. The cut is the
 *       upper middle of the model's tied cuts (84 x 3 at that shape), and SM90_COPY_OV_SCALE_D128
 *       1.5 -> 1.2: the d128 page-run pages 51 / 77 / 100 / 127 copy beside at +3.0..3.1 (68 x 3;
 *       in place +3.3 at page 100). SASS unchanged. The 84 x 3 default timed (3.4a): +2.9 / +2.8
 *       at pages 51 / 100 against 68 x 3's +3.1 / +3.0 (medians of 3); integrated +3.0 (2.63).
 *   M95 (session 66, rejected; bench/wip_sm90/m95_causal_order.patch) causal grids launched heads
 *       fastest, query blocks next, so each sequence's heads start their longest CTAs first. A
 *       greedy schedule (block bx of 64 takes 64 - bx tiles + 3) ends the launch order 2.7% after
 *       the spread work at d128 B4 H16 8k (the last head's longest CTA starts near the end), and
 *       0.2..0.6% with sections of 2..16 pairs run longest first. Sections by a runtime remap of
 *       the CTA index spilled the d64 / d256 consumers (the coordinates stop being CTAID reads
 *       ptxas re-issues at will); a swap of x and y left 4 bytes in the d128 PAIR producers.
 *       Measured with the swap (3.4a, pa-bench, one binary): contiguous causal d128 +0.1%, d64
 *       -0.7%, d256 +6.5% (a sequence's 16 heads of d256 K / V no longer fit the L2 together).
 *       The model's tail is not the GPU's at d128.
 *   M96 (session 67, rejected; bench/wip_sm90/m96_cluster_pair.patch, RESULTS 3.4e) two CTAs
 *       (adjacent query blocks) as a cluster sharing their key tiles: each producer issues every
 *       other PAIR box multicast to both, stages on a virtual iteration so a shared tile lands in
 *       the same stage, empty barriers counting both CTAs' consumers (remote arrivals). Bound
 *       first: half the boxes (timing only) take d64 / d128 causal page 8 from +3.3 / +3.2 to
 *       +2.2 / +2.15; a cluster launch alone costs d64 0.0, d128 causal +1.3%, so d64 only.
 *       Correct at once (forced and automatic tests, memcheck, racecheck) but d64 page 8 / 16
 *       +9..11%: ~5 points uncoupled (~1 the per-CTA cluster barrier, ~4 the code), ~4 from coupling the two
 *       pipelines (a 4-stage ring no better), -1.1..-1.4 from the multicast.
 *   M97 (session 68, adopted at d64; SM90_PAIR_UISSUE_D<D>, RESULTS 3.4g, 2.64) M86's uniform warp
 *       index confined to the PAIR box issue: the tensor index shuffled from lane 0 there alone, so
 *       ptxas keeps map, barrier and buffer in uniform registers (a box 11 -> 8 instructions).
 *       Predicted from M86's d64 numbers (page 8 relative to contiguous -1.2 points, masked by
 *       the consumers' new schedule): most of a point. Measured (ncu, 4 passes, the same builds
 *       at four code shifts, SM90_PAD_D64, to separate the issue from code placement): d64
 *       causal page 8 +3.3 -> +2.6..2.7% at every shift, contiguous +0.1% unshifted; d64
 *       non-causal contiguous +0.1%. At d128 the same change slowed the shared PAIR instance's
 *       consumers at every shift (contiguous +1.2..1.5%), so not there; the plain-layout form
 *       saved one R2UR a box and nothing measurable (uissue_s68.patch). Integrated (2.64): every
 *       d64 row under 3%.
 *   M98 (session 68, rejected; bench/wip_sm90/mask_w1_m98.patch, RESULTS 3.4h) the d128 page-run
 *       instances' key-mask words formed by producer warp 1, off warp 0's sub-partition (warp 0
 *       plans the runs and looks up the pages). Same-binary probe: page 51 -1.8%, page 100 +0.4%;
 *       as a build: pages 44 / 51 -0.5 / -1.3%, 100 / 127 +0.6 / +0.7%: page 100 is a row over the
 *       bar, so not adopted. Also session 68 (3.4i, pair_forms_s68h.patch): six d128 PAIR producer
 *       forms (M97's issue three ways, one 16-byte store of a clean tile's mask words) drew five
 *       other consumer schedules, all slower than this one (contiguous +0.3..1.2%, page 8 +1.0..1.7%).
 *   M99 (session 69, adopted; SM90_RUN_TABLE, RESULTS 3.4l) the d128 page-run instances read each
 *       tile's box records from a run table in the workspace, written by sm90_run_plan (one warp a
 *       sequence and tile) before the attention: per lane the {slot, page, issue | map | row} M64's
 *       warp 0 formed and handed over, lanes 0..3 the key-mask words. Each producer warp loads
 *       its own record; no plan arithmetic, lookups, hand-over barriers or mask ballots remain in
 *       the loop (producer part 816 -> 679 instructions, 0 spills; the d64 / d256 and PAIR
 *       instances' SASS unchanged). ncu (4 passes, the table kernel's time counted): d128 causal
 *       pages 44 / 51 / 100 / 127 -1.0..-1.4% against SM90_RUN_TABLE=0 (the library's SASS); the
 *       paired ratios +2.0..2.9 where they were +3.3..5.1 (page 100: +2.1 against +3.3..4.6).
 *   M100 (session 69, adopted; SM90_PAIR_TABLE, RESULTS 3.4m) the same table for paged d128 PAIR
 *       calls of 128-key tiles in 8 boxes or more (pages 8, 16, 24, 40, 48, ..: SM90_PAIR_TABLE_BOXES):
 *       lane i box i's {slot, page}, lanes 0..3 the mask words (lane 0 stores all four after its
 *       wait). In their own instances (the 7th template argument, PT): compiled into the shared
 *       PAIR instance it redrew the consumers, contiguous causal +1.1% (ncu, 4 passes); as PT
 *       instances the contiguous calls keep the library's SASS. ncu paired ratios, d128 causal
 *       (3 passes): page 8 +2.0..2.4 (M99 alone +2.9..3.2), 16 +1.2..1.3 (+2.5..4.0), 48 +1.1..1.2
 *       (+2.2..2.3); every paged call at 32 / 64 / 672 (4 or fewer boxes) as good or equal either way.
 *   M101 (session 69, adopted; SM90_RUN_TABLE_D64, RESULTS 3.4n) M99 in the d64 plain-layout
 *       instances (page runs): ncu paired ratios pages 44 / 100 +3.7 / +2.8 -> +2.2 / +1.2 causal,
 *       100 non-causal +2.8 -> +1.0. Rejected in the same run: M100 at d64 (SM90_PAIR_TABLE_D64, page
 *       8 +0.1..0.2 worse) and M99 at d256 (SM90_RUN_TABLE_D256: consumers redrawn, page 100 worse).
 *   M102 (session 69, adopted in session 70; SM90_PAIR_TABLE_W) M100 for the 176-key d128
 *       PAIR instances (d128 non-causal paged calls of 8 boxes a tile or more): RESULTS 3.4q has d128
 *       non-causal page 24 at +3.4..3.5. M103 (the same session, adopted with it;
 *       SM90_RUN_TABLE_W) M99 for the 176-key d128 plain instances (non-causal page runs:
 *       3.4q has page 77 at +4.5..4.8); producer 641 -> 570 instructions, 0 spills.
 *       Measured together (session 70, dev_s70a.sh, ncu 3 passes, RESULTS 3.4r): d128 non-causal
 *       pages 8 / 24 / 48 / 77 / 100 / 127 -1.3 / -2.2 / -1.9 / -3.7 / -2.3 / -3.7% against the
 *       library; paired ratios 24 +1.2..1.4 (was +2.5..3.1), 77 +1.3..2.2 (+4.2..4.5), 127
 *       +1.8 (+4.0..4.5). Contiguous calls keep their SASS (own instances).
 *   M104 (session 70, host plan and sm90_run_plan only; the attention kernels' SASS unchanged):
 *       the table's page runs at d64 / d128 (sm90_plan.h pa_sm90_table_lane) are any runs up to
 *       32 boxes a tile, and a whole page is one box of a map as tall as the page (the page map,
 *       after the power-of-two maps). Prediction: page 47 (5 boxes a whole page before) and the
 *       other odd run pages lose 1..3 points; pages 9..42 that are not multiples of 8 (10..24 boxes
 *       a warp and tile) leave the gather (+7..9%) for runs at page-8 PAIR's cost or a little more.
 *       Measured (RESULTS 3.4s, ncu, paired): d128 pages 12..36 +8..10% -> +0.9..2.7, page 9
 *       +8.4..9.7 -> +3.3..4.6; d64 12..36 +6..8 -> +1.0..3.4 (one cell +4.8, +2.7 in the other
 *       pass), 47 +5 -> +1.5..1.8; 44..100 as before or a little better. As predicted, except
 *       that d64 page 9 (17 boxes a tile) is slower as runs (+6.9..7.8) than on the gather: d64
 *       takes the runs from 13 boxes a tile or fewer (pages 12 up). 3.4t: every size 8..128,
 *       d64 / d128 under 3% from 12 up but for single cells at +3.1..3.5. M104 at d256 rides on
 *       the d256 table (SM90_RUN_TABLE_D256=1; partial runs in M51's overlapping pairs, the
 *       producer counting the page map's box as a page): written, not timed (dev_s70e.sh).
 *       Timed in session 71 (RESULTS 3.4u): slower at pages 9 / 12 / 33 (+9..21%, against the
 *       gather's +7..9), faster only at 20, and 77..150 1..2 points slower (consumer redraw): off.
 *   M105 (sessions 71..72; removed, bench/wip_sm90/m105_bulk_copy.patch): the copy beside the
 *       attention (M82) by bulk copies. Where the gather misses (d64 9..11, d256 9..42) the
 *       library copies beside, at +3.3..5.8 (RESULTS 3.4v / 3.4w). copyrate (3.4x) found per-thread
 *       loops at ~20..30 GB/s an SM and 16 KB bulk loads (cp.async.bulk of a page of every kv head,
 *       one span in a dense NHD pool) at ~48; the prediction was the copy's SM time -40% and d256
 *       causal +5.6 -> ~+3.8. Measured (RESULTS 3.4y / 3.4z; every test, memcheck and racecheck
 *       passed with it): as written it lost (d256 causal +11.6..12.9: a span holds every kv head,
 *       so a sequence's heads came ready together and the first wave waited for a quarter of the
 *       copy); with the first sequence copied head by head by the old loop's in-flight loads it tied
 *       the old loop within 0.3 points. The bulk copy of the other sequences saves nothing
 *       measurable beside the attention: the copy beside does not cost the SM time of its loop.
 *   M106 (session 74, RESULTS 3.5d, host only) M94's last-wave plan at d256 where the copy beside
 *       is short (SM90_TAIL_BESIDE_D256_LATE: its lost SM time at most 4 CTA times a copy block,
 *       i.e. GQA): predicted from 3.5c's +2.5..2.7 at 4 kv heads (a ragged last wave, not bytes);
 *       measured with --tail-beside 2, d256 non-causal pages 9 / 17 / 33: 8 / 4 kv heads
 *       +3.0..3.2 -> +0.9..2.6, MHA (5.4 CTA times) +0.2..1.1 worse, hence the limit. As the
 *       default (session 75, RESULTS 3.5e, 2.68's machine): 8 / 4 kv heads +2.5..2.6 / +1.1..1.4
 *       against M39's +2.9..3.5 (--tail-beside 0), the forced-beside d256 tests passing (231).
 *   What the copy beside costs (session 74, RESULTS 3.5a..3.5c; measurements only, no kernel
 *       change): at d256 causal page 9 a global-timer trace splits its +5.3% into the copy's
 *       blocks 3.6, the attention 0.7 (2.5..3.1% slower a tile during the copy, at a 1.8% lower
 *       SM clock), the waits 0.5, the rest 0.5. With no waits (--copy-nowait) the loop and M105's
 *       bulk copy cost the same (+5.0), and the cost follows the bytes: +4.9 / +2.0 / +1.3 at 16 /
 *       8 / 4 kv heads (537 / 268 / 134 MB), the gather in place +6.6..7.3 at each. ncu finds no
 *       attention kernel L2-bound (d256 62..66% of peak). So no form of the copy brings d256 MHA
 *       causal pages 9..42 under ~+4.8, the gather is at its floor (its copies' instructions), and
 *       those pages miss 3% in this design; L2 evict_first hints on the copy changed nothing
 *       measurable (removed: bench/wip_sm90/copy_hint.patch).
 *   M107 (session 76; measured in session 79, RESULTS 3.5h: rejected; built only with SM90_STRADDLE=1) the straddle-only
 *       copy for d256 pages that are not multiples of 8: the copy beside writes just the 8-key
 *       groups that cross a page boundary (pages 9 / 33 / 100: ~78 / 21 / 4% of the keys), and the
 *       PT PAIR instances read each group as one 8-row box of all panels, from its page (a map of
 *       page rows) or from the copy (sm90_plan.h PA_SM90_PAIR_STRADDLE). Predicted from 3.5c's
 *       bytes model: page 33 causal ~+2.6..4.5, page 50 ~+1.9..3.7. Measured (d256 MHA 8k, every
 *       forced test passing, 3.5f's rows void: sm90_straddle_ok refused the very pages it is for
 *       until session 78): non-causal +7.8..11.1 at pages 9..50, causal +8.6..9.7 at 17..50, where
 *       the library costs +2.4..3.8 / +3.9..5.6; with the copy first +8.4..14.9 (3.5h).
 *   M108 (session 77; measured in session 79, RESULTS 3.5h: rejected; built only with
 *       SM90_STRADDLE=1, mode 2)
 *       page-local groups for non-causal d256 pages P > 8 that are not multiples of 8: with no
 *       causal mask or window the keys' order inside the tiles is free, so slot s holds
 *       pa_sm90_local_key(s): every page's whole 8-row groups first (a PAIR box of the page map at
 *       a row that is a multiple of 8), then the pages' remainder rows (R = P % 8 a page), which
 *       the copy beside writes packed and the same instances read as groups of 8 from the copy's
 *       map. The copy moves R / P of the keys (page 9 / 17 / 33 / 50: 11 / 6 / 3 / 4%) where M107's
 *       moved 78 / 41 / 21 / 12%. Prediction: about the d256 PAIR pages that are multiples of 8
 *       (page 8 / 40: +2.1..2.6 non-causal, RESULTS 3.4w) plus a small copy's cost, which M107 at
 *       page 50 puts near a point: pages 9..55 from +3.1..3.9 to ~+2.5..3.5. Causal calls keep the
 *       library's paths (a per-slot causal mask would widen the diagonal band by 8 P / R keys).
 *       Measured (tests pass): +8.3..13.6 at pages 9..50 (library +2.4..3.8), the same with the
 *       copy first or with no waits, so the cost is the PT PAIR instance's attention: ncu puts it
 *       at +5.8..7.8% cycles over the contiguous kernel and a 5% lower clock (all four producer
 *       warps stay resident). Its best case (pages 8 / 40's 8-row boxes, +2.5..2.9, plus the copy)
 *       is the library's figure within the spread, so it was not chased further.
 *   M109 (session 80; SM90_FT=1 builds, pa__sm90_ft / pa-bench --ft / PA_TEST_SM90_FT) the copy on
 *       first read, in the run table's d128 / d256 instances (d256 with SM90_RUN_TABLE_D256=1): the
 *       workspace holds a contiguous copy of the cache and a flag per (sequence, kv head, tile,
 *       panel warp), cleared before the call. Per tile a panel warp reads its flag (ld.acquire by
 *       lane 0): set, it loads its panels from the copy in one box each; clear, it loads the page
 *       runs as before and, once they have landed, writes the panels to the copy with a TMA store
 *       and sets the flag when the store has written (bulk async-groups; a tile ending past the
 *       sequence is never stored). The key-mask words stay the table's, so bad page ids mask the
 *       same keys whichever way the tile came. Why: every query block (and GQA head) of a
 *       (sequence, kv head) reads the same tiles, so a tile's pages need gathering about once, and
 *       unlike the copy beside (its bytes at ~30 GB/s an SM, RESULTS 3.4x) no SM is held: the
 *       store is the TMA unit's. Causal CTAs start at their own diagonal tile, so most first reads
 *       are a CTA's own first tiles and the rest hits; non-causal CTAs of a head walk in step
 *       unless rotated (d256 is; d128 is not, so d128 non-causal mostly misses). Prediction: the
 *       in-place cost (d128 pages 9..15 +3.3..4.6, d256 runs +3.1..4.8) times the share of tiles
 *       read in place (~2..3 a CTA, causal d128 ~32 tiles a CTA: ~10%) plus the flag reads: d128
 *       causal 9..15 and d256 causal 9..99 to about +1..2%. The d128 producers take 48 registers
 *       (40 spilled 44 bytes), so the consumers 224 (4 bytes spilled); d64 not built (its
 *       32-register producer spilled 88 bytes). Measured (RESULTS 3.5j; tests, memcheck and
 *       pa-bench's checks pass): rejected. d128 causal 9..15 +6.7..8.4 (the same build without it
 *       +2.3..3.9), d128 non-causal up to +55, d256 +20..23. Its measurement modes (p.ft_mode) split
 *       it: every tile read from the copy costs nothing at d128 (-2.1..+1.9), but every tile stored
 *       costs +70..120% (the TMA store moves about 50 GB/s an SM, like every copy so far), and one
 *       ld.acquire a tile in the producers +12..24 points at d128 causal 9..15. Storing each tile of
 *       the cache once (a claim, not built) would still be ~1 store a CTA at MHA: ~+2..3%. Modes 6 /
 *       7 (3.5l) read one tensor from the copy and the other from its pages: either tensor in place
 *       costs as much as both (d128 causal 9..15 +2.5..9.1 against +2.4..3.6), so a copy of K or V
 *       alone would save nothing.
 *   Session 80 also measured K's ring 3 stages deep in the 128-key d128 TMA instances
 *       (SM90_KSTAGES_T128=3, a measurement knob; 3.5j): d128 causal 9..16 / 100 no better than the
 *       library (+3.2..4.5 against +1.2..4.5), the contiguous call +1.1% (its PAIR instance spills 8
 *       bytes). The page-run producers are not short of ring depth (M31's finding, again).
 *   Session 81 (RESULTS 3.5m) split d128 causal page 9's cost: pa-bench's L2 flush changes nothing
 *       (with / without: +4.6 / +4.3), the library with trace.py's inputs reads +3.6 (the trace
 *       build's +1.8 in 3.5a was that build: its contiguous instance spills 24 bytes), and the per-tile
 *       trace against page 16 shows the consumers' own steps longer (softmax +28..45 cycles, a tile
 *       +1.6%) with their full waits no longer: the producers' box issue shares the sub-partitions'
 *       issue slots (M88's probe), not the loads arriving late. ncu: 8.64 M UTMALDG at page 9, 2.13 M
 *       at page 16, 0.27 M contiguous, the same bytes.
 *   M110 (session 81, RESULTS 3.5n, rejected; bench/wip_sm90/m110_pmap_issue.patch) a whole page's box
 *       (the page map's, slot 0) issued apart from the partial runs' boxes, with the map, column,
 *       barrier and buffer made warp-uniform by shuffles, so that ptxas moves fewer operands into
 *       uniform registers a box. SASS: 12 -> 10 instructions a whole-page box (the barrier and the
 *       kv head still move inside ptxas's per-lane loop), the d128 / d64 run instances' consumers
 *       register-renamed, no spills. Predicted ~0.3 points at pages 9..15. Measured (tests, memcheck
 *       pass; ncu 2 passes): d128 causal 9 / 12 / 13 +0.8 / +1.2 / +1.4% slower, 11 / 100 / contiguous
 *       equal, d64 -1.1..+0.2; pa-bench paired d128 causal 9..15 +3.5 / 3.7 / 3.8 / 2.6 / 3.3 / 2.6 /
 *       2.8 (library) against +5.3 / 4.7 / 4.6 / 3.7 / 5.0 / 3.5 / 4.0. The consumers' new schedule
 *       costs more than the saved issue.
 *   M111 (session 81, RESULTS 3.5o, adopted; sm90_plan.h SM90_RUNS_SPLIT_D64) the d64 page runs'
 *       boxes split between each tensor's two panel warps (at d64 a tile is one panel, so warps 1 and
 *       3 had none and warps 0 / 2 issued every box of a tile on their sub-partitions). Predicted from
 *       3.5l / 3.5m (the busiest sub-partition sets the pace): a point at d64 pages 9..15. Measured
 *       (pa-bench paired, 2 rounds, in place): causal 12..15 +2.5..3.2 -> +1.8..2.1; pages 9..11 as
 *       page runs (32 boxes a tile allowed at d64 now) +2.3..2.6 causal, where the gather read +6.0
 *       and the copy beside +3.1..3.5; non-causal 10..15 in place +1.4..2.0 against the copy beside's
 *       +2.2..3.1. ncu: causal / non-causal 13 / 15 -0.5..-1.0%, 44 / 100 unchanged. Adopted with the
 *       plan (SM90_TABLE_RUNS_D64_BOXES 32) and the copy estimate's d64 in-place figure (0.016).
 *   M112 (session 82, RESULTS 3.5r, rejected; bench/wip_sm90/m112_slack.patch, SM90_SLACK=1) whole-page
 *       boxes with slack in the d128 run-table instances: 16 rows of slack around every K / V panel,
 *       so that a tile with pages of 8..17 rows loads each page it touches as one page-map box at row
 *       0 (the rows outside the tile land in the slack), issued by one elected lane with warp-uniform
 *       operands: 8 instructions a box against 12, a partial run one box instead of up to two, +7%
 *       bytes at page 9. Predicted from M88's probe: ~0.9 point at page 9. Measured (tests, memcheck
 *       and racecheck pass; ncu 2 passes): pages 9 / 12 / 15 -0.1 / +0.2 / -0.3%, page 100 +1.1%
 *       (consumers redrawn), pa-bench within its spread. The producers' instructions are not the
 *       lever at pages 9..15; the box count is (a contiguous page table costs the same as a
 *       fragmented one there). Its same-binary probe (RESULTS 3.5s): the whole-page path is 1.2%
 *       slower at page 9 than the old path in the same binary (ncu), the 7% more bytes costing more
 *       than the saved instructions; but that binary's old path (warp index shuffled from lane 0,
 *       slack layout, other consumer schedule) read pages 9..11 about a point under the library,
 *       which SM90_PW_SHFL_D128=2 isolates (M114, adopted in session 83).
 *   M113 (session 82, RESULTS 3.5s / 3.5t; adopted in session 86, RESULTS 3.5z; SM90_PLAN_PDL, default 1)
 *       the attention launched by programmatic dependent launch after the run table's kernel, its
 *       producers waiting for the table (griddepcontrol.wait) before their first record. Predicted:
 *       the table kernel and the kernel boundary hidden, 0.2..0.5 point. Measured at 8192 (3 rounds,
 *       pa-bench): d128 causal page 9 +4.4 -> +3.6 in session 82, +4.4 every round in session 83,
 *       the other cells within their spread: not adopted then. At 2048 (session 86, RESULTS 3.5z,
 *       where a causal call is ~0.17 ms and the hidden ~4..6 us weigh 4x more): d128 pages 8 / 16 /
 *       48 / 100 causal +4.0 / +3.9 / +3.7 / +3.2 -> +2.6 / +2.4 / +2.2 / +1.2, non-causal +2.7..3.3
 *       -> +1.7..2.0, lower in each of three rounds; pages 1..4 (the copy, no table) unchanged.
 *   M114 (session 83, RESULTS 3.5t / 2.70; SM90_PW_SHFL_D128=2, the default) M86's warp index
 *       shuffled from lane 0 in the d128 plain-layout 128-key instances alone (causal / windowed
 *       page runs), isolated from M112's probe binary: ptxas keeps each box's map, barrier and
 *       column in uniform registers (10 instructions a box against 12) and redraws those
 *       instances' consumers; the PAIR and 176-key instances (contiguous, non-causal) keep their
 *       SASS. Predicted from 3.5s: about a point at pages 9..11. Measured (H100, 3 rounds paired
 *       against the library in one call): d128 causal pages 8..17 / 100 at most +2.8 in every round,
 *       means over 9..15 +1.8..2.8 (the library's +2.8..3.9, page 14 aside: one round read -4.2,
 *       rounds up to +4.6 at 9 / 10); ncu -0.7 / -0.2 / -0.6 / -0.7% at pages 9 / 12 / 15 / 100.
 *       Tests, memcheck and racecheck pass. Session 84 (RESULTS 3.5u): every d128 causal page
 *       size 8..128 / 144 / 160 / 200 / 256 / 672 against the library before it, 2 rounds: no cell
 *       over 3% (before: 9 cells, 9 / 10 / 11 / 13 and single rounds at 63 / 85 / 92 / 111 / 122),
 *       mean -0.57 point over the 126 sizes.
 *   M115 (session 84, RESULTS 3.5u / 2.71; SM90_PW_SHFL_D128=3, the default) M114's shuffle in the
 *       176-key plain instances too (d128 non-causal page runs): 6 R2UR in the box loop against 7,
 *       those two instances' consumers redrawn, every other instance's SASS unchanged. Predicted:
 *       a fraction of M114's point, non-causal tiles being longer (176 keys). Measured (H100, two
 *       calls, 2..3 rounds paired against M114): pages 11..15 -0.3..0.4 point in every round (MHA
 *       9 / 10 copied beside in both builds until M116), mean over 126 sizes -0.06, no cell over
 *       3%; ncu against M114 at 9 / 12 / 15 / 17 / 100: +0.0 / +0.7 / +0.7 / +0.3 / -0.1% with
 *       the two builds' identical contiguous kernels 0.9% apart in the same pass, i.e. within
 *       ncu's spread. Adopted on the
 *       rule set before the call (no cell over 3%, mean not worse); tests, racecheck pass.
 *   M116 (session 84, RESULTS 3.5w; host only, SASS unchanged) the copy estimate charges d128 page
 *       runs with more than 13 boxes per 128 keys (pages 9..11) the flat in-place figure (0.8 x
 *       2.8%) instead of 4%, their cost before M114 / M115. Measured at ncu (MHA non-causal 9 / 10,
 *       where the old figure chose the copy beside): copy +3.4..3.8 in five passes, in place
 *       +2.4..3.4 and 0.7..1.0% faster in absolute time; with M116 MHA 9..11 run in place at both
 *       masks and GQA 32 / 8 still copies (the faster path there, RESULTS 3.5v). Measured on the
 *       GPU in session 85 (RESULTS 3.5x): MHA non-causal 9 / 10 +2.1 / +2.5 against +2.7 / +2.8.
 *   M117 (session 85, adopted in session 86, RESULTS 3.5z; host only: pa__sm90_copy_split, default 1)
 *       a call whose copy of K and V is over kv_copy_limit runs as calls over groups of its kv
 *       heads, each group's copy within the limit, one workspace (sm90_copy_split_heads below).
 *       Why: RESULTS 3.5y (H200) measured d128 65536 causal pages 1..4 at +8.3..8.6, over the 8%
 *       bar: their copy (2.1 GB) is over the default 1 GiB, so they read by the gather, where
 *       8192's pages 1..4 copy. Predicted: those rows at about +1..2. Measured (H100, 3.5z, one
 *       round of 3 iterations): d128 pages 1 / 4 non-causal +7.9 / +7.8 -> -0.7 / -0.8, causal
 *       +8.2 / +9.7 -> +0.6 / +0.6 (the whole copy under an 8 GiB limit: -2.6..+0.8), d256 causal
 *       page 1 +12.0 -> +1.5 (8 GiB: +3.2). With lse since session 86 (lse_stride_token: a group
 *       writes its heads' columns), so that pa_workspace_size, which sees no lse, sizes what the
 *       call takes; on the GPU in session 87 (RESULTS 3.5za): forced split tests with lse at a
 *       1 MB copy limit, every head_dim and beside, 0 failed (60 calls split).
 *   M118 (session 86; measured and rejected in session 87, RESULTS 3.5za; the code was removed,
 *       it is at 55108df: SM90_QPF) the next wave's Q rows into L2 by the idle producer warp 1 of
 *       the d128 / d256 contiguous PAIR instances (cp.async.bulk.prefetch.L2), so that a CTA's Q
 *       loads hit L2. Predicted 2048 contiguous ~-2%, 8192 ~-0.6% (RESULTS 3.5z's trace: Q in
 *       shared memory ~2000 cycles after a CTA's entry); measured d128 non-causal 2048 -0.8%, every
 *       other cell 0.2..2.5% slower (d256 2048 +1.4..1.8%).
 *   M119a (session 88; written, not yet run on a GPU: SM90_EARLY, 0 = not built) thread 0 issues Q
 *       (a 3-D map, 64 x 64 boxes) and K tile 0 right after the barriers' init in the contiguous
 *       calls of the d128 / d256 PAIR instances (batch-mode Q, no copy flags), instead of the
 *       consumers' LDG / STS after setmaxnreg (Q in shared memory ~2080 cycles after entry at 2048,
 *       RESULTS 3.5z) and the K warp's first issue (~1250). M118 moved Q alone and gained nothing:
 *       K was as late. Predicted: S(0) ~1000 cycles sooner, ~3% of a 2048 CTA, ~1% at 8192. Its
 *       build redraws those six instances' consumers (no spills); PA_SM90_EARLY=0 in the same
 *       binary measures the redraw alone (bench/wip_sm90/dev_s88b.sh). The consumers' Q code is
 *       what ptxas redraws them for; K tile 0 alone (SM90_EARLY_Q=0) leaves them nearly as they
 *       are. SM90_EARLY_Q=2 (session 89): thread 0 prefetches Q's boxes into L2 by the same map
 *       (cp.async.bulk.prefetch.tensor) and the consumers load Q as the library does; it leaves
 *       the d128 consumers nearly as they are (81 / 169 opcode changes), d256 1559. Not measured:
 *       every start after session 88's first call was refused, and session 89 got none.
 *   Tried and reverted (RESULTS 3.1d): the P V wait pinned below the softmax at d128/d64 by a
 *   wgmma.fence predicated on the row sums (2% / 7% slower, as M28 found again), a persistent
 *   static round-robin grid (causal -8%: imbalance and L2 drift).
 *   ptxas: 168 registers at entry (setmaxnreg 40/232; gather 56/224 at d256, 64/216 at d128; the
 *   TAIL TMA instances and the 176-key TMA kernels 48/224), d64 TMA and gather 128 at entry (512
 *   threads, 32/160), 0 spills, 0 stack in all 42 prefill instances (session 70, with M102's two) and sm90_run_plan; SASS: HGMMA.64x{64,128,256}x16, UTMALDG.4D/5D,
 *   LDGSTS (gather), USETMAXREG. Tested: tests/test_gpu.c forced to sm90 at each head_dim (296
 *   cases each: pages 1..672, NHD/HND, padded strides, varlen, causal, windows, softcap, NaN-
 *   poisoned pages and outputs, 64-bit gather offsets), compute-sanitizer memcheck forced sm90 and
 *   forced gather; racecheck forced sm90 and forced gather at every head_dim: 0 hazards; make
 *   test-sanitize (memcheck and racecheck, automatic and forced TMA / gather at each head_dim,
 *   the last-wave split): 16 passed, 0 failed (2.31; M45's d64 gather: racecheck and memcheck
 *   forced in 3.1x, memcheck in 2.32, where the script's slot cut its racecheck runs); in
 *   sessions 34 and 35 its racecheck half stalled in the d64 TMA runs (3.2m), every run that
 *   finished reporting 0 hazards; session 38 (3.2p), d64 TMA racecheck runs on the
 *   -DSM90_NO_SETMAXNREG build: racecheck 10 of 11 (the d256 page-run run stalled at the same
 *   case), memcheck 11 of 11; session 39 (2.49), with the inc after the dec and every run on the
 *   library's build: 22 passed, 0 failed (memcheck 11, 0 errors; racecheck 11, 0 hazards).
 */
#include "internal.h"
#include <cuda_runtime.h>
#include <stdio.h>
#include <stdlib.h>
#include <cudaTypedefs.h>
#include <type_traits>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include "sm90_ptx.cuh"
#include "common.cuh"
#include "sm90_plan.h"

using namespace pa_sm90;

/* ---- tile shape ------------------------------------------------------------------------- */
#define SM90_BLOCK_M     128                 /* query rows per CTA: 2 consumer warpgroups x 64 */
/* SM90_D64_WG3 (M41, session 19, on: -6.7% at d64 non-causal): d64 with 3 consumer warpgroups, 192 query rows a CTA
 * (512 threads; setmaxnreg 32/160; Q's k-steps from shared memory). d64's
 * softmax is the same per tile as d128's over half the wgmma work, and its consumers sit at 49..55%
 * of the issue slots while each warp waits on its own chain (RESULTS 3.1j, 3.1o): a third warpgroup
 * gives the tensor cores a third turn in the ping-pong. The ping-pong cycles 0 -> 1 -> 2 -> 0.
 * The tail split stays off at d64 (its pieces assume 128-row blocks). The d64 gather runs on 3
 * warpgroups too (SM90_D64_WG3_GATHER, M45): producer 32 registers (SM90_WG3_GPREGS), consumers
 * 160, every consumer thread reading the mask words (SM90_MASK_SYNC_G64=1: with lane 0 reading
 * and sharing them, the consumers spilled at every tile), the next tile's lookups after the
 * copies (SM90_GATHER_LATE_LOOKUP_D64); at 56/152 its consumers had spilled and it ran +36%. */
#ifndef SM90_D64_WG3
#define SM90_D64_WG3 1
#endif
#ifndef SM90_D64_WG3_GATHER
#define SM90_D64_WG3_GATHER 1
#endif
#define SM90_NWG(D, G)      ((D) == 64 && SM90_D64_WG3 && (!(G) || SM90_D64_WG3_GATHER) ? 3 : 2)
#define SM90_BM(D, G)       (64 * SM90_NWG(D, G))            /* query rows per CTA */
#define SM90_NTHREADS(D, G) (128 * (SM90_NWG(D, G) + 1))
#ifndef SM90_WG3_PREGS
#define SM90_WG3_PREGS 32
#endif
#ifndef SM90_WG3_GPREGS
#define SM90_WG3_GPREGS 32
#endif
#define SM90_WG3_CREGS_FOR(P) ((65536 - (P) * 128) / 384 / 8 * 8)   /* the most 128 x 512 leaves, in 8s */
#ifndef SM90_WG3_KQ
#define SM90_WG3_KQ 0
#endif
/* K/V ring stages per head_dim and load path (d256 fits only 2 in 227 KB). 3 for the d64 gather:
 * -1.4..-1.9 points of overhead at pages 1/4 in the alternated A/B of RESULTS 3.1d; 4 since M56
 * (session 25, 3.2c: -0.6..-0.8% at pages 1 / 4 against 3, ncu A/B); 2 elsewhere
 * (d128's TMA kernel lost 0.4..1.3% with 3). SM90_STAGES overrides all. */
#ifndef SM90_STAGES_D64
#define SM90_STAGES_D64  2
#endif
#ifndef SM90_STAGES_D64_GATHER
#define SM90_STAGES_D64_GATHER 4
#endif
#ifndef SM90_STAGES_D128
#define SM90_STAGES_D128 2
#endif
/* a per-head_dim setting: a at 64, b at 128, c at 256 */
#define SM90_BY_D(D, a, b, c) ((D) == 64 ? (a) : (D) == 128 ? (b) : (c))
#ifdef SM90_STAGES
#define SM90_STAGES_FOR(D, G) SM90_STAGES
#else
#define SM90_STAGES_FOR(D, G) SM90_BY_D(D, (G) ? SM90_STAGES_D64_GATHER : SM90_STAGES_D64, SM90_STAGES_D128, 2)
#endif
/* K's ring in the d128 / d256 gather kernels may be deeper than V's (experiment, session 15:
 * with the deferred arrivals of SM90_GATHER_DEFER, K's stage must be released a tile ahead;
 * Q + 3 K + 2 V stages = 224 KB at d256, 192 KB at d128). Knobs SM90_KSTAGES_G128 / _G256. */
#ifndef SM90_KSTAGES_G128
#define SM90_KSTAGES_G128 SM90_STAGES_FOR(128, 1)
#endif
#ifndef SM90_KSTAGES_G256
#define SM90_KSTAGES_G256 SM90_STAGES_FOR(256, 1)
#endif
/* K's ring in the 128-key d128 TMA instances (session 80, measurement: 3 tests whether the page
 * runs of pages 9..15, ~17 boxes a panel and tile, are short of ring depth; 192 KB with Q, 203 KB in all) */
#ifndef SM90_KSTAGES_T128
#define SM90_KSTAGES_T128 SM90_STAGES_FOR(128, 0)
#endif
#define SM90_KSTAGES_FOR(D, G) ((G) && (D) != 64 ? SM90_BY_D(D, 0, SM90_KSTAGES_G128, SM90_KSTAGES_G256) : SM90_STAGES_FOR(D, G))
/* A third stage in the d128 gather's rings, arrivals not deferred (session 34, RESULTS 3.2l): 3 V
 * stages +0.8..1.8%, 3 K stages +1.3..1.6%, both +1.0..1.2%. V's deeper ring (SM90_VSTAGES_G128)
 * is in bench/wip_sm90/vstages_g128.patch. */
/* wgmma descriptors by offset from ones built once, instead of rebuilt per k-step (107 -> 82
 * uniform-datapath instructions a tile in the d128 loop): in the TMA kernels, whose time it cut
 * by 0.8..1.7% at ncu's locked clocks (4 shapes, RESULTS 3.1m), and since session 14 in the
 * gather kernels too (pages 1 and 4 at ncu's clocks, alternated twice: d64 -0.8..-1.2%, d128
 * -0.9..-1.2%, d256 -1.7..-2.2%; RESULTS 3.1r; 3.1m had judged them by pa-bench's noisy rows).
 * SM90_DESC_ADD=0 (build knob) turns it off in every instance. */
/* Q's loads all issued before its shared stores, and O out through shared memory as 16-byte row
 * stores (the Q block's and the epilogue's comments), except in the d64 TMA kernels: their
 * contiguous time did not move (6.11 -> 6.13 ms at ncu's clocks) and ptxas's new producer schedule
 * cost page 8 1.5 points (RESULTS 3.1o), so they keep their code (SASS as before). */
#define SM90_STAGED_IO(D, G) ((D) != 64 || (G))
/* The last-wave split (M39) per head_dim: 0 leaves the instance's code as before it (no replaced-CTA
 * exit, no launch_dependents) and plans no pieces for it. */
#ifndef SM90_TAIL_D64
#define SM90_TAIL_D64 0
#endif
#define SM90_TAIL_ON(D) ((D) != 64 || SM90_TAIL_D64)
#if SM90_TAIL_D64 && SM90_D64_WG3
#error "the last-wave pieces assume 128-row blocks: SM90_TAIL_D64 and SM90_D64_WG3 exclude each other"
#endif
#ifndef SM90_PAD_D64        /* measurement builds: see its use */
#define SM90_PAD_D64 0
#endif
#ifndef SM90_PAD_D128       /* the same for the d128 kernels (session 68) */
#define SM90_PAD_D128 0
#endif
/* Where the P V(j-1) wait sits (M28). ptxas packs P(j) into the registers the in-flight P V(j-1)
 * reads, interleaved with the exponentials, so it puts the wait above them: a warpgroup's
 * exponentials never overlap its own P V. 1: a never-taken branch on the row sums ends the
 * exponentials' basic block, and the wait (with the packing) stays below them. Measured at ncu's
 * clocks (RESULTS 3.1p): d256 -5.5% non-causal, -7.8% causal; d128 +1.2%, d64 +7% (slower), so
 * d256 only. */
/* How the consumers' reads of a stage's mask words are ordered before the producer rewrites them
 * (RESULTS 3.1q). One lane arriving on K's empty barrier after __syncwarp() orders them under the
 * PTX memory model, but compute-sanitizer's racecheck does not follow that chain and reported
 * hazards; so either 1: every consumer thread arrives on K's empty barrier (count 256), or 2 / 3:
 * lane 0 alone reads the words (right after K's full wait / after S's wgmma wait) and shares them
 * by shuffle, lane 0 being the thread that arrives. The same order either way; ptxas schedules each
 * instance differently, so each takes the fastest at ncu's clocks (3.1q). Knob SM90_MASK_SYNC_<T|G><D>
 * (T: the TMA kernels, G: the gather); 0 gives the one-lane form (measurement only). */
#ifndef SM90_MASK_SYNC_T64
#define SM90_MASK_SYNC_T64 1
#endif
#ifndef SM90_MASK_SYNC_G64
#define SM90_MASK_SYNC_G64 1
#endif
#ifndef SM90_MASK_SYNC_T128
#define SM90_MASK_SYNC_T128 3
#endif
#ifndef SM90_MASK_SYNC_G128
#define SM90_MASK_SYNC_G128 3
#endif
#ifndef SM90_MASK_SYNC_T256
#define SM90_MASK_SYNC_T256 1
#endif
#ifndef SM90_MASK_SYNC_G256
#define SM90_MASK_SYNC_G256 1
#endif
#define SM90_MASK_SYNC(D, G) ((G) ? SM90_BY_D(D, SM90_MASK_SYNC_G64, SM90_MASK_SYNC_G128, SM90_MASK_SYNC_G256) \
                                  : SM90_BY_D(D, SM90_MASK_SYNC_T64, SM90_MASK_SYNC_T128, SM90_MASK_SYNC_T256))
#ifndef SM90_PV_LATE_D64
#define SM90_PV_LATE_D64 0
#endif
#ifndef SM90_PV_LATE_D128
#define SM90_PV_LATE_D128 0
#endif
#ifndef SM90_PV_LATE_D256
#define SM90_PV_LATE_D256 1
#endif
#define SM90_PV_LATE(D) SM90_BY_D(D, SM90_PV_LATE_D64, SM90_PV_LATE_D128, SM90_PV_LATE_D256)
#ifndef SM90_DESC_ADD
#define SM90_DESC_ADD 1
#endif
/* M48 (session 22) the consumers' per-tile bookkeeping, from ncu's executed-instruction counts
 * against FlashAttention 3 (RESULTS 3.1z: our d128 consumers ran 726 instructions a warp and
 * 176-key tile, FA3's 667 a 192-key tile; the floating-point work is the same, the difference is
 * integer and uniform work):
 *   DESC (always): a descriptor's stage offset added once a tile (lo + stage * TILE / 16), each
 *                    k-step adding its constant (was: (stage * TILE + c) >> 4 every k-step);
 *   STAGE (always): stage and phase from the unsigned iteration count;
 *   SM90_DIET_RANGE_D<D>: the iterations that need no position mask (end of sequence, causal
 *                    diagonal, window) computed once a work unit, a compare pair a tile (never in
 *                    the 176-key kernels: at 224 consumer registers they spill with it);
 *   SM90_DIET_ANY:   (lane-0 mask forms, MS 2..4) lane 0 ORs the stage's mask words and shares that
 *                    one word; the words themselves are shared only in the masked path (not in
 *                    the 176-key kernels, which spill with it there: SM90_DIET_ANY_W below).
 * Measured at ncu's clocks, alternated twice (3.1z): DESC + STAGE d64 -0.5..-2.4%, d128 -0.0..-0.7%,
 * d256 -0.4..+0.4%; RANGE on top: d256 -1.3..-1.9% (TMA rows; page 1 +0.3..0.5), d128 page 1 +2.1
 * .. +2.4% (the gather rescheduled), d64 +1.0..+2.6% against DESC + STAGE; ANY: d128 within 1%.
 * So DESC and STAGE everywhere, RANGE at d256. */
#ifndef SM90_DIET_RANGE_D64
#define SM90_DIET_RANGE_D64 0
#endif
#ifndef SM90_DIET_RANGE_D128
#define SM90_DIET_RANGE_D128 0
#endif
#ifndef SM90_DIET_RANGE_D256
#define SM90_DIET_RANGE_D256 1
#endif
#define SM90_DIET_RANGE(D) SM90_BY_D(D, SM90_DIET_RANGE_D64, SM90_DIET_RANGE_D128, SM90_DIET_RANGE_D256)
#ifndef SM90_DIET_ANY
#define SM90_DIET_ANY 0
#endif
#ifndef SM90_WG_SHFL
#define SM90_WG_SHFL 1
#endif
/* SM90_WIDE_NOPOS (session 22, measurement): the 176-key kernels run only without causal mask and
 * window (sm90_wide_all), so past the first tile no tile of theirs needs a position mask (tile it
 * starts at (n_hi - 1 - it) * BN, below the sequence end for it >= 1; rotated walks need
 * sk % BN == 0): their loop tests the mask words alone, and their mask drops the causal and
 * window terms. */
#ifndef SM90_WIDE_NOPOS
#define SM90_WIDE_NOPOS 1
#endif
/* SM90_WG_SHFL_GATHER_D<D>: M49 in the gathers too (session 23, ncu A/B: d256 pages 1 / 3
 * -2.0..-2.4%, d128 +0.8..+1.4%); the staged epilogue then reads the thread index through an
 * opaque move, or ptxas keeps one of Q's staging addresses alive across the loop and spills it */
#ifndef SM90_WG_SHFL_GATHER_D128
#define SM90_WG_SHFL_GATHER_D128 0
#endif
#ifndef SM90_WG_SHFL_GATHER_D256
#define SM90_WG_SHFL_GATHER_D256 1
#endif
#ifdef SM90_WG_SHFL_GATHER   /* (measurement) both head_dims at once */
#undef SM90_WG_SHFL_GATHER_D128
#undef SM90_WG_SHFL_GATHER_D256
#define SM90_WG_SHFL_GATHER_D128 SM90_WG_SHFL_GATHER
#define SM90_WG_SHFL_GATHER_D256 SM90_WG_SHFL_GATHER
#endif
/* M71 (session 33, RESULTS 3.2k) Q's descriptor alone made warp-uniform in the d128 gather (see
 * its use): ncu -0.2..-0.7% at pages 1 / 3 / 4, causal and not. (The same in the 176-key kernels:
 * +1.2..2.2% on paged rows; bench/wip_sm90/qdesc_w.patch.) */
#ifndef SM90_QDESC_SHFL_G128
#define SM90_QDESC_SHFL_G128 1
#endif
#define SM90_WG_SHFL_GATHER_FOR(D) SM90_BY_D(D, 0, SM90_WG_SHFL_GATHER_D128, SM90_WG_SHFL_GATHER_D256)
/* SM90_RUNS_OVERLAP_D<D>: page runs in at most two TMA boxes a run, overlapping (sm90_plan.h,
 * M51). ncu A/B (RESULTS 3.2a): d256 pages 51 / 100 -3.7 / -1.8% non-causal, 100 causal -1.4%;
 * d64 page 100 +2.2%, d128 +0.3..+1.6% (their boxes were fewer a tile's compute time and the
 * extra bytes cost more): d256 only. SM90_RUNS_OVERLAP=0/1 sets every head_dim (measurement). */
#ifndef SM90_RUNS_OVERLAP_D64
#define SM90_RUNS_OVERLAP_D64 0
#endif
#ifndef SM90_RUNS_OVERLAP_D128
#define SM90_RUNS_OVERLAP_D128 0
#endif
#ifndef SM90_RUNS_OVERLAP_D256
#define SM90_RUNS_OVERLAP_D256 1
#endif
#ifdef SM90_RUNS_OVERLAP
#undef SM90_RUNS_OVERLAP_D64
#undef SM90_RUNS_OVERLAP_D128
#undef SM90_RUNS_OVERLAP_D256
#define SM90_RUNS_OVERLAP_D64 SM90_RUNS_OVERLAP
#define SM90_RUNS_OVERLAP_D128 SM90_RUNS_OVERLAP
#define SM90_RUNS_OVERLAP_D256 SM90_RUNS_OVERLAP
#endif
#define SM90_RUNS_OVERLAP_FOR(D) SM90_BY_D(D, SM90_RUNS_OVERLAP_D64, SM90_RUNS_OVERLAP_D128, SM90_RUNS_OVERLAP_D256)
#ifndef SM90_DIET_ANY_W   /* (measurement) SM90_DIET_ANY in the 176-key kernels alone (fits with SM90_WIDE_NOPOS) */
#define SM90_DIET_ANY_W 0
#endif
#define SM90_DA(G) (SM90_DESC_ADD != 0)
/* Who orders the gather's cp.async writes before the consumers' wgmma reads (async proxy), per
 * head_dim. 0: the copies complete on the stage's mbarrier (cp.async.mbarrier.arrive.noinc) and
 * every consumer warp fences (fence.proxy.async: MEMBAR.ALL.CTA + FENCE.VIEW.ASYNC.S) after its
 * wait, once a tile, on its critical path. 1: each copying thread waits for its own copies
 * (cp.async.wait_all), fences and arrives; the consumers' loop has no fence. Measured at ncu's
 * clocks, pages 1, 4 and 12 alternated twice (RESULTS 3.1r): d128 -0.9..-1.3%, d256 -0.7..-2.6%,
 * d64 +0.7..+1.1% (its 3-stage ring) until M34 made it defer each arrival by a tile (below), which
 * gave d64 -0.4..-0.6%. Knob SM90_GATHER_PFENCE_D<D>. */
#ifndef SM90_GATHER_PFENCE_D64
#define SM90_GATHER_PFENCE_D64 1
#endif
#ifndef SM90_GATHER_PFENCE_D128
#define SM90_GATHER_PFENCE_D128 1
#endif
#ifndef SM90_GATHER_PFENCE_D256
#define SM90_GATHER_PFENCE_D256 1
#endif
#define SM90_GATHER_PFENCE(D) SM90_BY_D(D, SM90_GATHER_PFENCE_D64, SM90_GATHER_PFENCE_D128, SM90_GATHER_PFENCE_D256)
/* SM90_GATHER_DIAG (session 25, measurement only, wrong results): 1 = the gather copies nothing
 * (the producers still look up, wait, fence and arrive), 2 = it copies every other 4-row group,
 * so that its cost splits into what scales with the copies and what does not. */
#ifndef SM90_GATHER_DIAG
#define SM90_GATHER_DIAG 0
#endif
/* With the fence in the copying threads, where the next tile's page-table lookups go: 0 at the
 * top of the loop (ahead of the empty wait), 1 after this tile's copies are issued, so their
 * latency runs under the copies' own (cp.async.wait_all) rather than ahead of the next copies
 * (M33: d128 pages 1/4 -1.1..2.1%; d256 unchanged, so off). Knob SM90_GATHER_LATE_LOOKUP_D<D>;
 * needs SM90_GATHER_PFENCE. */
#ifndef SM90_GATHER_LATE_LOOKUP_D64
#define SM90_GATHER_LATE_LOOKUP_D64 1
#endif
#ifndef SM90_GATHER_LATE_LOOKUP_D128
#define SM90_GATHER_LATE_LOOKUP_D128 1
#endif
#ifndef SM90_GATHER_LATE_LOOKUP_D256
#define SM90_GATHER_LATE_LOOKUP_D256 0
#endif
/* With the fence in the copying threads: each thread waits for the previous tile's copies
 * (cp.async.wait_group 1) after issuing this tile's, then fences and arrives for the previous
 * tile, so two tiles' copies are in flight per warp instead of one (M34; with cp.async.wait_all
 * every warp's tile period holds its copies' full latency). d64 (3 stages): -0.4..-0.6%. d128 and
 * d256 (2 stages): +12..14% and +30..32%: there the next stage is released only as the
 * consumers need the previous tile, so each arrival waits for the next tile's copies to be
 * issued. Knob SM90_GATHER_DEFER_D<D>: bit 0 for K's warps, bit 1 for V's (3 both); needs
 * SM90_GATHER_PFENCE. */
#ifndef SM90_GATHER_DEFER_D64
#define SM90_GATHER_DEFER_D64 3
#endif
#ifndef SM90_GATHER_DEFER_D128
#define SM90_GATHER_DEFER_D128 0
#endif
#ifndef SM90_GATHER_DEFER_D256
#define SM90_GATHER_DEFER_D256 0
#endif
#define SM90_GATHER_DEFER(D) (SM90_GATHER_PFENCE(D) ? SM90_BY_D(D, SM90_GATHER_DEFER_D64, SM90_GATHER_DEFER_D128, SM90_GATHER_DEFER_D256) : 0)
/* M58 (session 26, RESULTS 3.2d): the d256 gather's copying warps sleep (nanosleep)
 * SM90_GATHER_PACE_D256 ns after each 4-row copy group (4 cp.async), so that a tile's 32 copies a
 * warp reach their sub-partition's load/store queue in spaced groups instead of one burst that
 * holds up the consumer warps there: 16..48 ns took 1.5..2.4% off pages 1 / 4 in two calls, 96 ns
 * +1.4..3.8%, 200 ns +42%, V's warps alone slower than none. d128 is slower with any (32 ns
 * +5.3..5.8%: its producer sets the pace) and d64 unchanged (-0.2..+0.6% with a pause every 4 or 8
 * groups; after every group its 32-register producer spilled). Those measurement knobs (per
 * head_dim, per K / V warps, every n groups) are in bench/wip_sm90/pace_knobs.patch; 0 = off
 * (d128's per-head_dim and every-n knobs are back in the source below, session 32).
 * Since M69 (SM90_GATHER_LPR_D256=4) a copy group is 8 rows (8 cp.async a lane), so a tile's pauses
 * are half as many (16 NANOSLEEP in the SASS instead of 32): M70 (session 32, 3.2j) doubled the pause
 * to 64 ns, the same pause a tile as before (-0.1..-2.1% at pages 1 / 3 / 4 against 32 ns; 128 ns
 * +38..49% at page 1, so no further). */
#ifndef SM90_GATHER_PACE_D256
#define SM90_GATHER_PACE_D256 64
#endif
/* (The same pause in the d128 gather, any length or spacing, is slower: sessions 26 and 33,
 * RESULTS 3.2d / 3.2k; bench/wip_sm90/pace_d128.patch restores the knob.) */
/* SM90_GATHER_LPR_D<D> (M69, session 31): lanes a 128-byte panel row in the gather's copies, 8
 * (one 16-byte chunk a lane and panel), 4 or 2: each lane then copies 8 / LPR chunks of its row
 * and panel (chunks c, c + LPR, ...; the source +16 LPR B each, the destination the row's swizzled
 * chunk), so one shuffle and one address serve 8 / LPR times the copies, and a copy instruction
 * covers 32 / LPR rows (parts of as many lines). A tile's copies a warp stay the same, its shuffles
 * and address IMADs fall by LPR / 8. Measured (RESULTS 3.2i, ncu): d64 at 4 -2.1..-2.7% at gather
 * pages 1 / 3 / 4. d128 stays at 8: 4 +3.9..5.8% (its consumers then wait longer on K's full barrier,
 * RESULTS 3.2j's profile), 4 in V's warps alone +2.4..3.3%, in K's alone +3.4..3.8% (3.2j;
 * bench/wip_sm90/lprv.patch), with a 72-register producer +4.1..5.4%. */
#ifndef SM90_GATHER_LPR_D64
#define SM90_GATHER_LPR_D64 4
#endif
#ifndef SM90_GATHER_LPR_D128
#define SM90_GATHER_LPR_D128 8
#endif
#ifndef SM90_GATHER_LPR_D256
#define SM90_GATHER_LPR_D256 4
#endif
#define SM90_GATHER_LPR(D) SM90_BY_D(D, SM90_GATHER_LPR_D64, SM90_GATHER_LPR_D128, SM90_GATHER_LPR_D256)
#define SM90_LPR_OK(n) ((n) == 8 || (n) == 4 || (n) == 2)
static_assert(SM90_LPR_OK(SM90_GATHER_LPR(64)) && SM90_LPR_OK(SM90_GATHER_LPR(128)) && SM90_LPR_OK(SM90_GATHER_LPR(256)),
              "SM90_GATHER_LPR_D<D>: 8, 4 or 2");
#ifndef SM90_GATHER_BRANCHFREE_D256   /* 1: d256's lookups branch-free as d64 / d128's (M33: +0.8..1.1%; after M58: M59) */
#define SM90_GATHER_BRANCHFREE_D256 1
#endif
/* Rotated key walks (M36): non-causal calls without a window whose key count is a multiple of
 * the tile start each CTA's key walk at a tile offset proportional to its query block (m_block x
 * tiles / m_blocks) and wrap around, so the CTAs of a head do not all read the same tile at the
 * same time (walking in step, they waited on K's full barrier twice as often as causal CTAs;
 * RESULTS 3.1t). SM90_ROTATE_T<D>: the TMA kernels; SM90_ROTATE_G<D>: the gather. Measured at
 * ncu's clocks: d256 contiguous -6.9%, TMA pages 8 / 16 -5.8 / -5.1%, gather pages 1 / 4 -2.0%;
 * d128 +0.4%, d64 +0.9% (so off there); partial staggers at d128 / d64 ((m_block % N) x tiles / N,
 * N = 2, 4, 8; bench/wip_sm90/rotmod_waithint.patch) +0.0..0.6%, the rotated d128 gather +0.8%
 * (session 17, 3.1u). */
#ifndef SM90_ROTATE_T64
#define SM90_ROTATE_T64 0
#endif
#ifndef SM90_ROTATE_T128
#define SM90_ROTATE_T128 0
#endif
#ifndef SM90_ROTATE_T256
#define SM90_ROTATE_T256 1
#endif
#define SM90_ROTATE_T(D) SM90_BY_D(D, SM90_ROTATE_T64, SM90_ROTATE_T128, SM90_ROTATE_T256)
#ifndef SM90_ROTATE_G128   /* the same in the gather kernels */
#define SM90_ROTATE_G128 0
#endif
#ifndef SM90_ROTATE_G256
#define SM90_ROTATE_G256 1
#endif
#define SM90_ROTATE(D, G) ((G) ? SM90_BY_D(D, 0, SM90_ROTATE_G128, SM90_ROTATE_G256) : SM90_ROTATE_T(D))
/* 1: paged calls rotate too (session 17: test_gpu's tile-multiple cases through the rotated d256
 * TMA, gather and automatic paths, 527 passed, racecheck of the rotated gather 0 hazards; d256
 * non-causal pages 1 / 8 / 16 / 100 -2.0 / -3.9 / -2.8 / -2.3% at ncu's clocks, RESULTS 3.1u). */
#ifndef SM90_ROTATE_PAGED
#define SM90_ROTATE_PAGED 1
#endif

#define SM90_GATHER_LATE_LOOKUP(D) (SM90_GATHER_PFENCE(D) && SM90_BY_D(D, SM90_GATHER_LATE_LOOKUP_D64, SM90_GATHER_LATE_LOOKUP_D128, SM90_GATHER_LATE_LOOKUP_D256))
/* SM90_WIDE_ALL (M38; built in session 18, on since session 19: RESULTS 3.1w, 2.30): key tiles of
 * 176 (FlashAttention 3's non-causal d128 shape: the per-tile fixed work, barriers, row maxima and
 * their shuffles, O's rescale, the ping-pong hand-over, spread over 37% more keys; S takes 88
 * accumulators, so Q's k16-steps stay in shared memory) for every d128
 * non-causal call without a window, in every load regime (PAIR, per-panel boxes,
 * page runs from page 59: sm90_plan.h's _t forms, checked on the CPU by test_sm90_plan.c), with
 * the TMA producers at 48 registers, the last wave's pieces on the wide tiles too (TAIL x W
 * instances). Calls whose 176-key plan is the gather keep 128-key tiles unless SM90_WIDE_GATHER
 * (measured +17% over its contiguous launch). 0: 128-key tiles everywhere. (The session-17/18
 * steps towards it, SM90_N176 / SM90_WIDE_PAGED / SM90_W_PREGS8, and the rejected 192-key d64
 * tile SM90_N192_D64, RESULTS 3.1u/3.1v, are folded in or gone.) */
#ifndef SM90_WIDE_ALL
#define SM90_WIDE_ALL 1
#endif
/* SM90_WIDE_N: the wide tile's keys, 176 or 192 (FlashInfer's FA3 build runs d128 non-causal on
 * 128 x 192 tiles with 24/240 registers: at 192 the consumers need 240, so the producer gets 24,
 * and ours spills 4..40 bytes there). Measured (3.1z): 192 -0.8..-1.1% at d128 non-causal, inside
 * the ~1% noise of that A/B; 176 kept. */
#ifndef SM90_WIDE_N
#define SM90_WIDE_N 176
#endif
#if SM90_WIDE_N != 176 && SM90_WIDE_N != 192
#error "SM90_WIDE_N is 176 or 192"
#endif
#ifndef SM90_W_PREGS   /* the wide TMA kernels' split (build knobs) */
#define SM90_W_PREGS (SM90_WIDE_N == 192 ? 24 : SM90_PRODUCER_REGS + 8)
#endif
#ifndef SM90_W_CREGS
#define SM90_W_CREGS (SM90_WIDE_N == 192 ? 240 : SM90_CONSUMER_REGS - 8)
#endif
/* SM90_TMA_TWO_WARPS=1 (session 21; rejected in 3.1z): the TMA kernels' producer runs one warp
 * for K and one for V (each issuing both panels' boxes), the other two exit, as FA3's single
 * producer warp leaves its sub-partitions to the consumers. Contiguous within a point, TMA page-8
 * rows +3..10% (each warp then issues twice the boxes in turn). */
/* SM90_EARLY (M119a, session 88; measurement build, 0 = not built): in the contiguous calls of the
 * PAIR instances (no page table, no copy flags, no varlen queries), thread 0 issues Q (a 3-D map,
 * one box of 64 rows a panel and warpgroup, on barriers of its own) and K tile 0 right after the
 * barriers' init, instead of the consumers' LDG / STS of Q after their setmaxnreg and the K warps'
 * first issue ~1250 cycles after entry (3.5z's trace: S(0) done at 3040). p.early: bit 0 Q, bit 1 K
 * tile 0 (host: PA_SM90_EARLY, default 3, in this build alone). */
#ifndef SM90_EARLY
#define SM90_EARLY 0
#endif
#ifndef SM90_EARLY_Q   /* (0: the Q part not built, for SASS comparisons: the consumers keep their code;
                        * 2: thread 0 prefetches Q's boxes into L2 and the consumers load it as the library does) */
#define SM90_EARLY_Q 1
#endif
#ifndef SM90_TMA_TWO_WARPS
#define SM90_TMA_TWO_WARPS 0
#endif
/* SM90_TMA_PRE (M52): the TMA producers form the mask words, the PAIR boxes' coordinates and
 * shares and the expected bytes before the empty wait (they depend on the lookup alone), so that a
 * stage's release is followed by the stores, the arrival and the boxes only. 1: d256 (adopted,
 * RESULTS 3.2b); 2: every TMA kernel but the 128-key d128 PAIR ones (measured, no gain); 0: off. */
#ifndef SM90_TMA_PRE
#define SM90_TMA_PRE 1
#endif
/* SM90_PAIR_ONE_WARP (M53): where a tile is one PAIR box (contiguous caches, pages that hold a
 * whole tile), panel warps 1 and 3 exit instead of looking up pages, polling the empty barriers
 * and arriving with no bytes; the full barriers then count one arrival. ncu A/B (RESULTS 3.2b):
 * d128 causal pages 128 / 256 -1.7 / -2.2%, d256 pages 64..256 -0.3..-0.9%, contiguous and d64
 * within 0.4%. 0 turns it off. */
#ifndef SM90_PAIR_ONE_WARP
#define SM90_PAIR_ONE_WARP 1
#endif
/* SM90_PAIR_ONE_WARP_MAX_D<D>=n (M54): the same for tiles of up to n PAIR boxes (warp 0 / 2 then
 * issues them all, one lane a box; n = 1 is M53). d128 takes 4: its causal 128-key tiles at pages
 * 32 / 64 (4 / 2 boxes) -1.0..-2.8% in three calls (RESULTS 3.2b, 3.2c); d256 and d64 within
 * the noise (-1.5..+0.8%), so 1 there, and in the 176-key kernels (W), whose PAIR pages are 11+
 * boxes a tile. */
#ifndef SM90_PAIR_ONE_WARP_MAX_D64
#define SM90_PAIR_ONE_WARP_MAX_D64 1
#endif
#ifndef SM90_PAIR_ONE_WARP_MAX_D128
#define SM90_PAIR_ONE_WARP_MAX_D128 4
#endif
#ifndef SM90_PAIR_ONE_WARP_MAX_D256
#define SM90_PAIR_ONE_WARP_MAX_D256 1
#endif
#define SM90_ONE_WARP_BOXES (!SM90_PAIR_ONE_WARP ? 0 : W ? 1 : SM90_BY_D(D, SM90_PAIR_ONE_WARP_MAX_D64, SM90_PAIR_ONE_WARP_MAX_D128, SM90_PAIR_ONE_WARP_MAX_D256))
/* SM90_RUNS_SHARE (M64, session 29): in the plain-layout run instances, producer warp 0 alone forms
 * a tile's run plan and looks up its pages, and hands each lane's box (slot, page, row, map) to
 * warps 1..3 through a ring of SM90_PLAN_RING records in shared memory (a full and an empty
 * mbarrier a record). Session 29 measured the consumers losing issue slots to the producers'
 * instructions (RESULTS 3.2g: 64 more a tile in each issuing warp, +1..4%), and the run pages'
 * producers executing ~225 besides their wait loop a warp and tile, four warps alike; warps 1..3
 * now execute a record's read instead of the plan. Every lane of a reading warp waits on the
 * record's barrier (racecheck took lane 0's wait + __syncwarp as a hazard). Measured at ncu's
 * clocks (RESULTS 3.2g, 3.2h): d128 causal pages 44 / 100 / 127 -0.4..-1.9%, page 51 -0.4..+1.2%
 * (odd pages: 1-row boxes), non-causal 44 -1.5..-2.2%; d256 +0.9..8.4% (warp 1 then waits for
 * warp 0's lookup before its boxes): d128 only (1). */
#ifndef SM90_RUNS_SHARE
#define SM90_RUNS_SHARE 1
#endif
#ifndef SM90_PLAN_RING
#define SM90_PLAN_RING 4
#endif
#define SM90_RUNS_SHARE_T (S::PLAN_RUNS && !PAIR)   /* the plain-layout run instances of sm90_shape::PLAN */
/* SM90_RUN_TABLE (M99, session 69): the d128 page-run instances read each tile's box records from a
 * table in the workspace, which a small kernel (sm90_run_plan) writes before the attention: per
 * lane the record M64's warp 0 forms and hands over ({slot, page, issue << 31 | map << 24 | row}),
 * and in lanes 0..3 the tile's key-mask words. Every producer warp loads its own record (one 16-byte
 * load a lane, issued before the empty wait), so the per-tile plan arithmetic, the page lookups,
 * the hand-over's barriers and the mask ballots leave the producers. Why: the producers' per-tile
 * instructions are what page 100 pays for (RESULTS 3.3s: planning once took 1.4% off). The table
 * costs batch x ceil(max_seq_len / 128) x 512 bytes of workspace, which pa_workspace_size counts
 * and the call requires (those instances' page runs have no other plan; 0 builds the old one). */
#ifndef SM90_RUN_TABLE
#define SM90_RUN_TABLE 1
#endif
/* SM90_RUN_TABLE_D64 (M101, session 69, adopted) / SM90_PAIR_TABLE_D64 (rejected): M99 / M100 in
 * the d64 instances too (their producers plan per warp, no M64 records; every lane waits on the
 * empty barrier). RESULTS 3.4n, ncu paired ratios: the d64 page runs 44 / 100 +3.7 / +2.8 ->
 * +2.2 / +1.2 (causal), 100 non-causal +2.8 -> +1.0; the d64 PAIR table +0.1..0.2 at page 8. */
#ifndef SM90_RUN_TABLE_D64
#define SM90_RUN_TABLE_D64 1
#endif
#ifndef SM90_PAIR_TABLE_D64
#define SM90_PAIR_TABLE_D64 0
#endif
/* SM90_RUN_TABLE_D256 (rejected, RESULTS 3.4n): M99 in the d256 plain-layout instances (64-key
 * tiles, mask words formed before the empty wait: SM90_TMA_PRE). Their consumers were redrawn:
 * page 44 +3.9..4.9 -> +2.7..3.2, but page 100 +2.5..3.1 -> +3.1..3.7 (causal), +1.6..2.4 -> +3.1
 * (non-causal). */
#ifndef SM90_RUN_TABLE_D256
#define SM90_RUN_TABLE_D256 0
#endif
/* SM90_RUN_TABLE_W (M103, session 69, adopted session 70, RESULTS 3.4r; 0 builds the old SASS): M99 in the 176-key
 * d128 plain-layout instances (non-causal page runs: pages 77 / 100 / 127 ..; 6 mask words, lane 0
 * stores them, as those instances' lane 0 alone waits) */
#ifndef SM90_RUN_TABLE_W
#define SM90_RUN_TABLE_W 1
#endif
/* SM90_PLAN_PDL (M113, session 82): the attention launched by programmatic dependent launch after
 * the run table's kernel (sm90_run_plan triggers it at once), its producers waiting for the table
 * (griddepcontrol.wait) before their first record, so that the CTAs' set-up (barriers, Q's loads)
 * overlaps the table's kernel and the kernel boundary. 0: the library before. */
#ifndef SM90_PLAN_PDL
#define SM90_PLAN_PDL 1
#endif
#define SM90_RUN_TABLE_T (SM90_RUN_TABLE && (SM90_RUNS_SHARE_T || (((D == 64 && SM90_RUN_TABLE_D64) || (D == 256 && SM90_RUN_TABLE_D256) \
                          || (D == 128 && W && SM90_RUN_TABLE_W)) && !PAIR && !GATHER)))
/* M111 (sm90_plan.h SM90_RUNS_SPLIT_D64): the d64 page runs' boxes split between the two panel warps */
#define SM90_RUNS_SPLIT_T (SM90_RUNS_SPLIT_D64 && D == 64 && SM90_RUN_TABLE_T && !SM90_TMA_TWO_WARPS)
/* SM90_FT (M109, session 80; 0: not built, the library's SASS): the copy on first read. In the run
 * table's instances a call with p.ft reads a whole tile (inside the sequence) from a contiguous copy
 * in the workspace when the copy already holds it, else from its pages as before, and then writes
 * what it loaded there with a TMA store, flagging the tile per panel warp (p.ft). A (sequence, kv
 * head)'s tiles are read by every query block (and GQA head), so the pages are gathered about once
 * a tile instead of once a CTA and tile, with no copy kernel holding SMs (the copy beside costs its
 * bytes at ~30 GB/s an SM, RESULTS 3.4x). pa__sm90_ft (host) asks for it. */
#ifndef SM90_FT
#define SM90_FT 0
#endif
#define SM90_FT_T (SM90_FT && SM90_RUN_TABLE_T && D != 64)   /* (d64: its 32-register producer spilled 88 bytes with it) */
/* its d128 producer spilled 44 bytes at 40 registers; 1: 48 / 224 (the consumers then spill 4 bytes) */
#ifndef SM90_FT_MOREREGS
#define SM90_FT_MOREREGS 1
#endif
/* SM90_PAIR_TABLE (M100, session 69): the same table for the 128-key d128 PAIR calls with a page
 * table (lane i: box i's {slot, page}; lanes 0..3 the mask words, which lane 0 gathers and stores):
 * no per-warp page lookups or mask ballots. Their own instances (PT), so that the contiguous calls
 * keep theirs: compiled into the shared instance, the change redrew its consumers, contiguous
 * causal +1.1% (RESULTS 3.4m). Not the last wave's pieces (TAIL). */
#ifndef SM90_PAIR_TABLE
#define SM90_PAIR_TABLE 1
#endif
/* SM90_PAIR_TABLE_W (M102, written in session 69, measured and adopted in session 70, RESULTS
 * 3.4r; 0 builds every instance's SASS as it was): M100 in the 176-key d128 PAIR instances (non-causal
 * paged calls of 8 boxes a tile or more: pages 8, 16, 24, 40, 48 ..; 6 mask words, which lane 0
 * stores; M74's records off where the table is on). With 1 the new PT instances' producer part is
 * 529 instructions against the shared 176-key PAIR instance's 701, 0 spills.
 * bench/wip_sm90/dev_s70a.sh tested and timed it with M103 (v_w1): d128 non-causal ncu, against
 * the library, pages 8 / 24 / 48 / 77 / 100 / 127 -1.3 / -2.2 / -1.9 / -3.7 / -2.3 / -3.7%. */
#ifndef SM90_PAIR_TABLE_W
#define SM90_PAIR_TABLE_W 1
#endif
#define SM90_PAIR_TABLE_T (SM90_PAIR_TABLE && PT && (D == 128 || (D == 64 && SM90_PAIR_TABLE_D64)) && PAIR && (!W || SM90_PAIR_TABLE_W) && !GATHER && !TAIL)
/* SM90_STRADDLE (M107 / M108, sm90_plan.h): the d256 PAIR instances with PT (main grid and pieces)
 * serve the straddle-only copy and the page-local groups (the host's sm90_straddle_ok; p.pair_mode
 * PA_SM90_PAIR_STRADDLE / LOCAL): each 8-key group one box, from the page map or from the copy's map
 * (maps [0] and [1]) */
#define SM90_STRADDLE_T (SM90_STRADDLE && PT && D == 256 && PAIR && !GATHER && !W)
/* M119a (SM90_EARLY): the instances that take p.early (the contiguous calls' PAIR instances) */
#define SM90_EARLY_T (SM90_EARLY && PAIR && !GATHER && !TAIL && !PT && D != 64)   /* (d64: its consumers spilled 88 bytes) */
/* SM90_PAIR_SHARE (M74, session 40): the same records in the 176-key PAIR instances (d128
 * non-causal) with a page table: every producer warp looked up the same boxes' pages (lane i box
 * i); warp 0 alone does now, and warps 1..3 read its {slot, page}. RESULTS 3.2t: the table loads
 * cost ~1 point at pages 8..64, the producers' per-tile work slowing the consumers. Measured
 * (3.2u, ncu): 176-key pages 8..256 -0.4..-1.6%; in the 128-key PAIR instances (d128 causal, 2:
 * both) +0.6..1.2% at pages 32..256, where one warp a tensor issues and warp 2 then waits for warp
 * 0's lookup. Not the TAIL instances. */
#ifndef SM90_PAIR_SHARE
#define SM90_PAIR_SHARE 1
#endif
/* the same in the d64 / d256 PAIR instances (session 41, RESULTS 3.2v, ncu): d256 (M75, adopted)
 * pages 8 / 16 non-causal -2.2 / -1.6%, causal 16 / 32 -0.8 / -1.1%, the other rows -0.5..+0.1%;
 * d64 (rejected) +0.3..0.9% on every row, its contiguous one too (the changed code alone) */
#ifndef SM90_PAIR_SHARE_D64
#define SM90_PAIR_SHARE_D64 0
#endif
/* SM90_PT_SMEM (M77, session 41): the TMA producers stage the CTA's page-table entries (its key
 * range's pages, at most SM90_PT_CAP of them: 8 KB of shared memory) once, then look pages up by
 * LDS instead of a global load a tile (RESULTS 3.2y: the loads cost about a point at pages 8 / 64
 * / 100 however few warps issue them). Longer ranges keep the global loads. Measured (3.2z, ncu):
 * the 128-key d128 instances (causal) pages 8..100 -1.0..-1.4%, contiguous -0.5%; the 176-key ones
 * (non-causal) +0.5..1.6%, contiguous +0.9%. 1: the 128-key d128 instances (adopted); 2: every d128
 * instance; 3: 1 and d256 (adopted in session 42, M78: its producer then takes 48 registers,
 * SM90_PT_MORE_REGS; ncu d256 pages 8..32 -0.6..-1.6%); 4: every instance (the d64 producers, 32
 * registers, spill with it). */
#ifndef SM90_PT_SMEM
#define SM90_PT_SMEM 3
#endif
#ifndef SM90_PT_CAP
#define SM90_PT_CAP 2048
#endif
/* M78: M77 at d256. Its 40-register producer spilled 12 accesses in the PAIR instances with M77, so
 * those take the TAIL instances' split (48 / 224), which d256's consumers fit */
#define SM90_PT_MORE_REGS (S::PT_CAP > 0 && D == 256 && NWG == 2)
#define SM90_BAR_PT 13   /* named barrier: the staged entries written (the 128 producer threads) */
#ifndef SM90_PAIR_SHARE_D256
#define SM90_PAIR_SHARE_D256 1
#endif
#define SM90_PAIR_SHARE_ON(D, W) (SM90_PAIR_SHARE && ((D) == 128 ? (W) || SM90_PAIR_SHARE > 1 : (D) == 64 ? SM90_PAIR_SHARE_D64 : SM90_PAIR_SHARE_D256))
#define SM90_PAIR_SHARE_T (S::PLAN && PAIR && !GATHER && !TAIL && SM90_PAIR_SHARE_ON(D, W))
/* SM90_PW_SHFL_D<D> (M86, session 57): the TMA producers' warp index shared from lane 0, which
 * ptxas then treats as warp-uniform (M49's trick), so each box's map, barrier and column stay in
 * uniform registers instead of moving by R2UR at every box; SM90_MASK_NOBAD_D<D>: a tile without
 * bad page ids stores zero mask words without the ballots (M77 / M86). Measured together at ncu's
 * clocks (RESULTS 3.3p): d256 causal pages 8 / 100 -0.5 / -0.7%, contiguous 0.0; d128 contiguous
 * +1.6%, page 100 +0.4%; d64 contiguous +1.7% (code placement): d256 alone. Value 2 (M114,
 * session 83, d128's default): the plain-layout instances of 128-key tiles alone (d128 causal /
 * windowed page runs: 10 instructions a box against 12), the PAIR and 176-key ones (contiguous,
 * non-causal) as with 0. Measured (RESULTS 3.5t): d128 causal pages 8..17 / 100 at most +2.8 in
 * every round (the library's means +2.8..3.9), ncu -0.7 / -0.2 / -0.6 / -0.7% at pages 9 / 12 /
 * 15 / 100.
 * Value 3 (M115, session 84, d128's default now): the 176-key plain instances too (d128
 * non-causal page runs: 6 R2UR in the box loop against 7), the PAIR ones (contiguous, pages in
 * 8-row boxes) still as with 0. Measured (RESULTS 3.5u / 2.71): d128 non-causal pages 8..672, no
 * cell over 3%, mean -0.06 point against value 2 over 126 sizes (pages 11..15 -0.3..0.4 in both
 * calls), ncu within its spread. */
#ifndef SM90_PW_SHFL_D64
#define SM90_PW_SHFL_D64 0
#endif
#ifndef SM90_PW_SHFL_D128
#define SM90_PW_SHFL_D128 3
#endif
#ifndef SM90_PW_SHFL_D256
#define SM90_PW_SHFL_D256 1
#endif
#define SM90_PW_SHFL_FOR(D) SM90_BY_D(D, SM90_PW_SHFL_D64, SM90_PW_SHFL_D128, SM90_PW_SHFL_D256)
#define SM90_PW_SHFL_T (SM90_PW_SHFL_FOR(D) == 1 || (SM90_PW_SHFL_FOR(D) >= 2 && !PAIR && (!W || SM90_PW_SHFL_FOR(D) == 3)))
#ifndef SM90_MASK_NOBAD_D64
#define SM90_MASK_NOBAD_D64 0
#endif
#ifndef SM90_MASK_NOBAD_D128
#define SM90_MASK_NOBAD_D128 0
#endif
#ifndef SM90_MASK_NOBAD_D256
#define SM90_MASK_NOBAD_D256 1
#endif
#define SM90_MASK_NOBAD_FOR(D) SM90_BY_D(D, SM90_MASK_NOBAD_D64, SM90_MASK_NOBAD_D128, SM90_MASK_NOBAD_D256)
/* SM90_MASK_SKIP_D<D> (M88, session 58): the TMA kernels' key-mask words are zeroed once before
 * the producers start, and a tile whose lookups found no bad page id neither forms nor stores them
 * unless its stage's words are nonzero (an earlier tile's bad page): warp 0 reads them back, one
 * word a lane, after the empty wait. (A dirty bit a stage, or a bool, in a register spilled 4
 * bytes in the 40-register d128 producer.)
 * 1: every TMA instance; 2: the plain-layout ones (page runs, whole-page boxes) alone. Only where
 * every producer lane waits on the empty barrier (SM90_PROD_ALLWAIT: d64): after lane 0's wait +
 * __syncwarp (d128) racecheck flags the other lanes' read-back (session 58, RESULTS 3.3s); a
 * __syncwarp on each side of the (rare) stores orders them against the read-back. Measured
 * (ncu, 8 passes): d64 -0.4..-0.7% on contiguous and page 8 / 100; d128 plain-layout instances
 * (SM90_MASK_SKIP_D128=2 with SM90_PROD_ALLWAIT_D128=0, racecheck's warnings aside) -0.2..-0.3% at
 * page 100, within the spread. */
#ifndef SM90_MASK_SKIP_D64
#define SM90_MASK_SKIP_D64 1
#endif
#ifndef SM90_MASK_SKIP_D128
#define SM90_MASK_SKIP_D128 0
#endif
#ifndef SM90_MASK_SKIP_D256
#define SM90_MASK_SKIP_D256 0
#endif
#define SM90_MASK_SKIP_FOR(D) SM90_BY_D(D, SM90_MASK_SKIP_D64, SM90_MASK_SKIP_D128, SM90_MASK_SKIP_D256)
#define SM90_MASK_SKIP_ON(D, PAIR) (SM90_MASK_SKIP_FOR(D) == 1 || (SM90_MASK_SKIP_FOR(D) == 2 && !(PAIR)))
/* SM90_PROD_ALLWAIT_D<D> (M65, session 30): the TMA producer warps without divergent branches
 * around their barrier operations: every lane waits on the stage's empty barrier (one warp
 * instruction, as for lane 0 alone), lane 0's mask stores and expect_tx are predicated PTX instead
 * of `if (lane == 0)` + __syncwarp, which ptxas compiles to BRA.DIV and a WARPSYNC.COLLECTIVE
 * fallback (~20 instructions a warp and tile, long branch_resolving stalls in 3.2g's profiles).
 * Measured at ncu's clocks (RESULTS 3.2h): d64 -0.4..-1.1% on every page (contiguous, PAIR, runs),
 * d128 -1.4..+1.1%, d256 -1.1..+1.0% (PAIR pages slower): d64, and d256's plain-layout instances
 * (2: contiguous, boxes, runs; -1.0..-3.4% on run pages). 1: every instance of the head_dim.
 * d128 (M89, session 59, RESULTS 3.3t): 3, the plain-layout instances of 128-key tiles alone
 * (-0.5..-1.4% on causal run and box pages; the 176-key plain instance lost at pages 64..128). */
#ifndef SM90_PROD_ALLWAIT_D64
#define SM90_PROD_ALLWAIT_D64 1
#endif
#ifndef SM90_PROD_ALLWAIT_D128   /* 3: the plain-layout instances of 128-key tiles (M89, session 59) */
#define SM90_PROD_ALLWAIT_D128 3
#endif
#ifndef SM90_PROD_ALLWAIT_D256   /* 2: the plain-layout instances (contiguous, runs) alone (3.2h call 4) */
#define SM90_PROD_ALLWAIT_D256 2
#endif
#define SM90_PROD_ALLWAIT_FOR(D) SM90_BY_D(D, SM90_PROD_ALLWAIT_D64, SM90_PROD_ALLWAIT_D128, SM90_PROD_ALLWAIT_D256)
/* SM90_GATHER_ALLWAIT (M67, session 30): M65's form in the gather producers (every lane waits on
 * the empty barrier, the loop's exit a warp vote; K's mask words and its arrival as lane 0's
 * predicated PTX), whose issue rate bounds the gather (RESULTS 3.1). Bits: 1 d64, 2 d128, 4 d256
 * (176-key tiles: never). Measured (3.2h): d256 -0.9..-1.5%, d64 / d128 +0.5..2.1%: 4. */
#ifndef SM90_GATHER_ALLWAIT
#define SM90_GATHER_ALLWAIT 4
#endif
/* SM90_PROD_WAITWARP_D<D> (M68, session 31): M65's every-lane wait with M67's warp-vote exit, so
 * that ptxas knows the warp converged after it (where M65 applies). Measured at ncu's clocks with
 * M65 in every TMA instance (RESULTS 3.2i): d256 page 100 -1.8 / -1.9%, contiguous -0.3 / -0.4%,
 * PAIR pages +0.1..0.6% (not M65's there anyway); d64 +0.0..0.4%; d128 -1.4..+1.3%. 1 at d256.
 * SM90_PROD_WAITWARP=1 (measurement) sets it at every head_dim. */
#ifdef SM90_PROD_WAITWARP
#define SM90_PROD_WAITWARP_FOR(D) SM90_PROD_WAITWARP
#else
#ifndef SM90_PROD_WAITWARP_D64
#define SM90_PROD_WAITWARP_D64 0
#endif
#ifndef SM90_PROD_WAITWARP_D128
#define SM90_PROD_WAITWARP_D128 0
#endif
#ifndef SM90_PROD_WAITWARP_D256
#define SM90_PROD_WAITWARP_D256 1
#endif
#define SM90_PROD_WAITWARP_FOR(D) SM90_BY_D(D, SM90_PROD_WAITWARP_D64, SM90_PROD_WAITWARP_D128, SM90_PROD_WAITWARP_D256)
#endif
/* a tile of `boxes` PAIR boxes is one warp's (== where the bound is 1: M53's SASS unchanged) */
#define SM90_ONE_WARP_TILE(boxes) (SM90_ONE_WARP_BOXES > 1 ? (boxes) <= SM90_ONE_WARP_BOXES : (boxes) == SM90_ONE_WARP_BOXES)
/* SM90_PAIR_UISSUE_D<D> (M97, session 68): the PAIR box issue with the tensor index made
 * warp-uniform by a shuffle (M86's idea confined to the issue): ptxas keeps the map, the barrier
 * and the buffer in uniform registers, a box 11 -> 8 instructions. Measured (ncu, RESULTS 3.4g):
 * d64 causal page 8 +3.3 -> +2.7% over contiguous at four code shifts (SM90_PAD_D64), contiguous
 * +0.1%; d128 (1: every shift) contiguous +1.2..1.5% and page 8 +1.8..2.0% slower, so 0 there;
 * the plain-layout issue in the same form (uissue_s68.patch) left d128 page 100 unchanged */
#ifndef SM90_PAIR_UISSUE_D64
#define SM90_PAIR_UISSUE_D64 1
#endif
#ifndef SM90_PAIR_UISSUE_D128
#define SM90_PAIR_UISSUE_D128 0
#endif
#ifndef SM90_PAIR_UISSUE_D256
#define SM90_PAIR_UISSUE_D256 0
#endif
#define SM90_PAIR_UISSUE_ON(D) (SM90_BY_D(D, SM90_PAIR_UISSUE_D64, SM90_PAIR_UISSUE_D128, SM90_PAIR_UISSUE_D256) != 0)
#ifndef SM90_WIDE_GATHER     /* the d128 gather on 176-key tiles too (56/224 registers; measured +17%, off) */
#define SM90_WIDE_GATHER 0
#endif
#ifndef SM90_W_GATHER_PREGS  /* its producer's registers (the consumers get the rest, in 8s) */
#define SM90_W_GATHER_PREGS 56
#endif
#define SM90_THREADS     384                 /* producer warpgroup + 2 consumer warpgroups */
#define SM90_PANEL_COLS  64                  /* one 128-byte swizzle atom row of bf16 */


/* Shapes per head_dim D: a K/V tile is BN keys x NP panels of 64 columns (128 B rows, 128B
 * swizzle); Q is 128 rows x NP panels. D 64: 16 KB tiles, 80 KB in all; D 128: 32 KB tiles,
 * 160 KB; D 256: 64-key tiles of 32 KB, 192 KB. */
template <int D, bool G = false, bool W = false> struct sm90_shape {   /* G: the gather kernel; W: 176-key tiles (SM90_WIDE_ALL) */
    static constexpr int STAGES = SM90_STAGES_FOR(D, G);    /* V ring stages (and K's but below) */
    /* K ring stages (>= STAGES); the 176-key gather twin keeps STAGES (3 would not fit) */
    static constexpr int KSTAGES = G && W ? STAGES : !G && !W && D == 128 ? SM90_KSTAGES_T128 : SM90_KSTAGES_FOR(D, G);
    static constexpr int NP = D / 64;                       /* 64-column panels */
    static constexpr int BN = W ? SM90_WIDE_N : D == 256 ? 64 : 128;   /* keys per K/V tile (pa_sm90_tile_n) */
    static constexpr int PANEL = BN * 128;                  /* one panel of a K/V tile */
    static constexpr int TILE = NP * PANEL;                 /* a K/V tile (one stage) */
    static constexpr int QPANEL = SM90_BM(D, G) * 128;      /* one panel of Q */
    static constexpr int GROUP = NP * 1024;                 /* PAIR layout: an 8-row group */
    static constexpr int OFF_K = NP * QPANEL;
    static constexpr int OFF_V = OFF_K + KSTAGES * TILE;
    static constexpr int OFF_BAR = OFF_V + STAGES * TILE;
    static constexpr int OFF_PLAN = OFF_BAR + 256;          /* SM90_RUNS_SHARE's plan records */
    static constexpr int PLAN_BAR = 192;                    /* their barriers' offset from OFF_BAR, past the stages' and masks' */
    /* M64's instances (1: d128, 3.2g: d256 lost; 2: d64 / d128 / d256; never the gathers or 176-key tiles) */
    static constexpr bool PLAN_RUNS = SM90_RUNS_SHARE && !G && !W && (SM90_RUNS_SHARE > 1 || D == 128);
    static constexpr bool PLAN = PLAN_RUNS || (!G && SM90_PAIR_SHARE_ON(D, W));   /* records in shared memory (M64, M74) */
    static constexpr int OFF_PT = OFF_PLAN + (PLAN ? SM90_PLAN_RING * 512 : 0);   /* M77's staged page-table entries */
    static constexpr int PT_CAP = SM90_PT_SMEM && !G && ((D == 128 && (!W || SM90_PT_SMEM == 2 || SM90_PT_SMEM == 4))
                                  || (D == 256 && SM90_PT_SMEM >= 3) || (D == 64 && SM90_PT_SMEM == 4)) ? SM90_PT_CAP : 0;
    static constexpr int SMEM = OFF_PT + PT_CAP * 4 + 1024;   /* + barriers, masks, alignment slack */
    /* bad-page mask words per stage and the words a stage takes in shared memory */
    static constexpr int MASK_WORDS = (BN + 31) / 32;
    static constexpr int MASK_STRIDE = MASK_WORDS > 4 ? 8 : 4;
    static_assert(SMEM <= 227 * 1024, "shared memory over the sm_90 per-block limit");
    static_assert(KSTAGES >= STAGES, "K's ring shallower than V's");
    static_assert(!W || D == 128, "wide tiles are d128's");
};
static int sm90_smem_bytes(int d, int gather, int wide)
{
    if (wide) return gather ? sm90_shape<128, true, true>::SMEM : sm90_shape<128, false, true>::SMEM;
    if (gather) return d == 64 ? sm90_shape<64, true>::SMEM : d == 256 ? sm90_shape<256, true>::SMEM : sm90_shape<128, true>::SMEM;
    return d == 64 ? sm90_shape<64>::SMEM : d == 256 ? sm90_shape<256>::SMEM : sm90_shape<128>::SMEM;
}
/* TMA kernel: the producer only issues boxes (40 registers); the gather kernel's producer keeps
 * up to 16 shuffled offsets in flight (measured at page 1: 40 gave +40% with the first gather,
 * 56 +15..20%; with 2 instructions a copy 64/216 is about a point better than 56/224). */
#define SM90_PRODUCER_REGS 40
#define SM90_CONSUMER_REGS 232
/* Gather split per head_dim (variant runs, pages 1 and 4; H200 alternated runs, RESULTS 3.1f):
 * d64 takes 56/224 with the branch-free lookups (0.3..0.4 points better than 40/232 with the
 * branchy ones, RESULTS 3.1k; with branchy lookups 40/232 had been 1.3 better than 56/224); d128
 * keeps 64/216 (56/224 with 2 Q k-steps in registers the same, 40/232 and 48/224 with 0..4 steps
 * 1..3 points worse; after M30 at ncu's clocks 56/224 +1.4..1.7%, with 2 Q steps +0.4..1.2%, 3.1r);
 * d256 kept 64/216 (40/232, 48/224 with 4 offsets in flight 2..3 points worse) until M32: after
 * M30, 56/224 with Q's first 2 k16-steps in registers is 0.8..1.0% faster at pages 1 and 4 (56/224
 * alone +0.1..0.2%; 3.1r). SM90_GATHER_PREGS_D128 / _D256 pick the producer's share (the
 * consumers get the rest, in 8s); SM90_GATHER_PRODUCER_REGS / SM90_GATHER_CONSUMER_REGS (build
 * knobs for variant builds, bench/wip_sm90/dev_variants.sh) override all. */
#ifdef SM90_GATHER_PRODUCER_REGS
#define SM90_GATHER_PREGS(D) SM90_GATHER_PRODUCER_REGS
#define SM90_GATHER_CREGS(D) SM90_GATHER_CONSUMER_REGS
#else
#ifndef SM90_GATHER_PREGS_D128
#define SM90_GATHER_PREGS_D128 64
#endif
#ifndef SM90_GATHER_PREGS_D256
#define SM90_GATHER_PREGS_D256 56   /* with Q k-steps in registers (M32: 2, M33: 4) */
#endif
#define SM90_GATHER_PREGS(D) SM90_BY_D(D, 56, SM90_GATHER_PREGS_D128, SM90_GATHER_PREGS_D256)
#define SM90_GATHER_CREGS_FOR(P) ((252 - (P) / 2) / 8 * 8)   /* the most the launch's 168 x 384 leaves, in 8s */
#define SM90_GATHER_CREGS(D) ((D) == 64 ? 224 : SM90_GATHER_CREGS_FOR(SM90_GATHER_PREGS(D)))
#endif
/* setmaxnreg only moves registers inside the CTA's launch allocation (168 per thread at 384
 * threads): 32/240 needs more than the producer frees and setmaxnreg.inc waits forever. */
static_assert(SM90_GATHER_PREGS(64) * 128 + SM90_GATHER_CREGS(64) * 256 <= 168 * SM90_THREADS &&
              SM90_GATHER_PREGS(128) * 128 + SM90_GATHER_CREGS(128) * 256 <= 168 * SM90_THREADS &&
              SM90_GATHER_PREGS(256) * 128 + SM90_GATHER_CREGS(256) * 256 <= 168 * SM90_THREADS,
              "setmaxnreg split exceeds the launch register allocation");
static_assert(SM90_W_PREGS * 128 + SM90_W_CREGS * 256 <= 168 * SM90_THREADS, "the wide split exceeds the launch allocation");
static_assert(SM90_PRODUCER_REGS * 128 + SM90_CONSUMER_REGS * 256 <= 168 * SM90_THREADS,
              "setmaxnreg split exceeds the launch register allocation");
/* k16-steps of Q kept in registers as wgmma A fragments (the rest read from shared memory by
 * each S = Q K^T, whose shared-memory reads are then K's alone). Alternated A/B (RESULTS 3.1d):
 * d64 with all 4 steps +2..3% contiguous, +3..4% paged; d128 with 4 of 8 (the most without
 * spills; none in the gather kernels, whose consumers have 216 registers) within noise, +1%
 * causal; d256 with 6 of 16 -1.3..3.5% before M28, with 4 of 16 after it causal -1.8% and
 * non-causal unchanged (3.1q; 8 spill), so 4; the gather kernels: none at d128 (2 steps
 * +0.4..1.2% at 56/224, 4 spill), 2 at d256 with 56/224 (M32, 3.1r), 4 since M33 (-1.1%, 3.1s). SM90_QREG=0 (build knob) keeps Q in
 * shared memory only; SM90_QREG_D128 / SM90_QREG_D256 override. */
#ifndef SM90_QREG_D128
#define SM90_QREG_D128 4
#endif
#ifndef SM90_QREG_D256
#define SM90_QREG_D256 4
#endif
#ifndef SM90_QREG_G128
#define SM90_QREG_G128 0
#endif
#ifndef SM90_QREG_G256
#define SM90_QREG_G256 4
#endif
#if defined(SM90_QREG) && SM90_QREG == 0
#define SM90_QREG_STEPS(D, G) 0
#else
#define SM90_QREG_STEPS(D, G) SM90_BY_D(D, 4, (G) ? SM90_QREG_G128 : SM90_QREG_D128, (G) ? SM90_QREG_G256 : SM90_QREG_D256)
#endif
/* Lazy rescaling of O (the softmax lambda): a row's running maximum, and with it O and the row
 * sum, moves only when a tile raises it by more than SM90_LAZY powers of two, so unnormalized P
 * stays below 2^SM90_LAZY (exact in fp32 and bf16/f16 alike; the epilogue divides by the row
 * sum). A warp votes, and skips O's rescale (128 FMULs per thread and 64-key tile at d256) when
 * none of its rows moved. Measured sustained (bench/power.py, RESULTS 2.20): d256 +5%, d128 -1%,
 * d64 -4% (ptxas schedules the split softmax worse), so d256 only. SM90_LAZY_RESCALE=n (build
 * knob) sets the threshold at every head_dim, 0 turns it off. */
/* SM90_LAZY_G128: the same in the d128 gather alone (measurement knob, session 32: its 128-key tiles
 * rescale O 37% more often than the 176-key contiguous kernel; at 8, +2.1..2.4% at pages 1 / 3 / 4,
 * RESULTS 3.2j) */
#ifndef SM90_LAZY_G128
#define SM90_LAZY_G128 0
#endif
#ifdef SM90_LAZY_RESCALE
#define SM90_LAZY(D, G) SM90_LAZY_RESCALE
#else
#define SM90_LAZY(D, G) ((D) == 256 ? 8 : (D) == 128 && (G) ? SM90_LAZY_G128 : 0)
#endif
#define SM90_BAR_ZERO    1                   /* named barriers; 2, 3: Q loaded per warpgroup */
#define SM90_BAR_SCHED   4                   /* 4, 5: ping-pong turn of warpgroup 0, 1 (2 + NWG in general) */
/* SM90_INC_AFTER (default 1 since session 39): the consumers' setmaxnreg.inc waits on named barrier 15
 * for the producers' setmaxnreg.dec. compute-sanitizer's racecheck stalled some launches when a
 * consumer's allocation was tried before the producers gave their registers back (RESULTS 3.2p); with
 * this order it stalled 0 of 12 d64 runs against 4 of 12, and ncu timed it flat (3.2q). 0 restores
 * the old order for an A/B. */
#ifndef SM90_INC_AFTER
#define SM90_INC_AFTER 1
#endif
#define SM90_BAR_REGS    15

struct sm90_params {
    const uint16_t *q;
    int64_t q_st, q_sh;
    const int32_t *cu_q;
    int32_t max_sq;
    uint16_t *o;
    int64_t o_st, o_sh;
    float *lse;
    int64_t lse_st;                          /* lse's row stride (floats): heads, or the whole call's in M117's groups */
    const int32_t *page_table;
    int64_t pt_stride;
    const int32_t *seq_lens;
    int32_t max_sk;
    int32_t page_size, num_pages;
    int32_t box_rows, boxes, box_shift;      /* rows per TMA box, boxes per tile, log2(box_rows) */
    int32_t runs, run_shift, n_maps;         /* page runs cut into boxes of 2^k << run_shift rows */
    int32_t pair_mode, page_groups, group_hk; /* PAIR layout: PA_SM90_PAIR_* map kind, the GLOBAL map's groups a page (pa_sm90_pair_page_groups), kv heads */
    int32_t heads, group, m_blocks;
    float scale, softcap, sl2;               /* sl2: log2(e) times the scale of what is kept */
    int32_t causal, window_left;
    /* cp.async gather (page sizes TMA cannot tile): K/V in bytes, strides in elements */
    int32_t wide;                             /* 64-bit row offsets (pool of 64 GiB or more) */
    const char *k, *v;
    int64_t k_sp, k_st, k_sh, v_sp, v_st, v_sh;
    pa_fastdiv pdiv;
    /* the last wave split over the keys (pa_sm90_tail_plan, M39): CTAs from linear index tail_first
     * on are replaced by tail_units x tail_splits pieces (the TAIL instance's grid), whose normalized
     * fp32 O rows and lse go to ws_o / ws_lse, [unit x splits + piece][128 rows]; 1 split: none */
    int32_t tail_first, tail_units, tail_splits;
    pa_fastdiv div_splits, div_mblocks, div_heads;
    float *ws_o, *ws_lse;
    /* M82, the copy beside the attention: the producers wait for kv_ready[b x kv heads + kvh] to
     * reach kv_ready_need before their first load (NULL: the cache is ready) */
    const uint32_t *kv_ready;
    uint32_t kv_ready_need;
    /* M99, the run table (SM90_RUN_TABLE): tile t of sequence b's 32 box records at plan[(b x
     * plan_tiles + t) x 32], written by sm90_run_plan before the attention (NULL: none) */
    int32_t plan_tiles;
    const uint4 *plan;
#if SM90_EARLY
    int32_t early;   /* M119a: bit 0 Q by TMA, bit 1 K tile 0 by thread 0 (0: neither) */
#endif
#if SM90_FT
    /* M109, the copy on first read (SM90_FT; only with the run table): flag (((b x kv heads + kvh)
     * x plan_tiles + tile) x 4 + panel warp) is 1 once that warp's panels of the tile are in the
     * workspace copy (maps ftk / ftv); NULL: off */
    uint32_t *ft;
    int32_t ft_mode;   /* measurements (pa__sm90_ft): 1 as above; 2 no flag read, every whole tile from the pages and
                        * stored; 3 no flag read, every whole tile from the copy (wrong results); 4 flags read (acquire)
                        * and ignored, nothing stored; 5 flags read relaxed, no proxy fence before the copy's boxes;
                        * 6 / 7 K / V from the copy (wrong results), the other tensor from its pages, nothing stored */
#endif
};

/* K and V tensor maps: [0] for one box height; with p.runs, [k] has boxes of 2^k << run_shift rows */
#define SM90_MAX_MAPS 8
struct sm90_maps {
    CUtensorMap k[SM90_MAX_MAPS], v[SM90_MAX_MAPS];
#if SM90_FT
    CUtensorMap ftk, ftv;   /* M109: the workspace copy, 4-D (cols, max_seq_len rows, kv heads, sequences), boxes of a tile */
#endif
#if SM90_EARLY
    CUtensorMap q;          /* M119a: Q, 3-D (cols, batch x max_seqlen_q rows, heads), boxes of 64 x 64 */
#endif
};

/* The PAIR boxes' outer coordinates (c3, c4) for row slot `slot` of page `page` (negative: a bad
 * page, out of range) in the map kinds other than the straddle copy's (PA_SM90_PAIR_*) */
static __device__ __forceinline__ void sm90_pair_c34(const sm90_params &p, int page, int slot, int kvh, int &c3, int &c4)
{
    if (p.pair_mode == PA_SM90_PAIR_GLOBAL) { c3 = page >= 0 ? page * p.page_groups + (slot >> 3) : -64; c4 = kvh; }
    else if (p.pair_mode == PA_SM90_PAIR_HEADS) { c3 = slot >> 3; c4 = page >= 0 ? page * p.group_hk + kvh : -1; }
    else { c3 = kvh; c4 = page; }
}

template <bool BF16> struct sm90_ops;
template <> struct sm90_ops<true> {
    template <int TB, int N> static __device__ __forceinline__ void ss(float (&d)[N], uint64_t a, uint64_t b, int acc)
    { wgmma_ss_bf16<TB>(d, a, b, acc); }
    template <int TB, int N> static __device__ __forceinline__ void rs(float (&d)[N], const uint32_t (&a)[4], uint64_t b, int acc = 1)
    { wgmma_rs_bf16<TB>(d, a, b, acc); }
    static __device__ __forceinline__ uint32_t pack(float lo, float hi)
    { __nv_bfloat162 v = __floats2bfloat162_rn(lo, hi); return *reinterpret_cast<uint32_t *>(&v); }
};
template <> struct sm90_ops<false> {
    template <int TB, int N> static __device__ __forceinline__ void ss(float (&d)[N], uint64_t a, uint64_t b, int acc)
    { wgmma_ss_f16<TB>(d, a, b, acc); }
    template <int TB, int N> static __device__ __forceinline__ void rs(float (&d)[N], const uint32_t (&a)[4], uint64_t b, int acc = 1)
    { wgmma_rs_f16<TB>(d, a, b, acc); }
    static __device__ __forceinline__ uint32_t pack(float lo, float hi)
    { __half2 v = __floats2half2_rn(lo, hi); return *reinterpret_cast<uint32_t *>(&v); }
};

#ifdef SM90_TRACE
/* diagnostic builds only (bench/wip_sm90/trace.py): per-CTA clock64 stamps, dumped by the host */
__device__ unsigned long long sm90_trace_buf[1 << 16][24];
#define SM90_CTA_ID (blockIdx.x + gridDim.x * (blockIdx.y + gridDim.y * blockIdx.z))
#ifdef SM90_TRACE_GT   /* stamps from the global timer (ns, one clock for every SM: timelines across SMs) */
#define sm90_clk() pa_globaltimer()
#else
#define sm90_clk() clock64()
#endif
#define SM90_TR(slot) (sm90_trace_buf[SM90_CTA_ID & 0xffff][slot] = sm90_clk())
/* a consumer warpgroup's stamp k (3 Q in smem, 4 S(0) done, 5 last P V done, 6 O stored): slots
 * 3..6 and 8..11 for warpgroups 0 / 1, 20..23 for d64's third (slots 13..16 are the producer's) */
#define SM90_WG_SLOT(k, wg) ((wg) < 2 ? (k) + 5 * (wg) : (k) + 17)
/* per tile, for 64 CTAs from SM90_TT_BASE on (default the first 64) and their tiles 1..31: 8 stamps
 * per warpgroup and tile */
#ifndef SM90_TT_BASE
#define SM90_TT_BASE 0
#endif
__device__ unsigned long long sm90_tile_trace[64][2][32][8];
#define SM90_TT(wg, it, slot) do { \
    if ((threadIdx.x & 127) == 0 && (wg) < 2 && SM90_CTA_ID - SM90_TT_BASE < 64u && (it) < 32) \
        sm90_tile_trace[SM90_CTA_ID - SM90_TT_BASE][wg][it][slot] = sm90_clk(); } while (0)
#else
#define SM90_TR(slot) ((void)0)
#define SM90_TT(wg, it, slot) ((void)0)
#endif
#ifndef SM90_TT_KV   /* (trace builds) SM90_TT's stamp 2 after K's full wait, before V's (trace.py: TT_KV=1) */
#define SM90_TT_KV 0
#endif
template <int D, bool BF16, bool GATHER, bool PAIR, bool W = false, bool TAIL = false, bool PT = false>
__global__ void __launch_bounds__(SM90_NTHREADS(D, GATHER), 1)
sm90_prefill_kernel(const __grid_constant__ sm90_maps maps, const sm90_params p)
{
    typedef sm90_ops<BF16> ops;
    typedef sm90_shape<D, GATHER, W> S;
    constexpr int BN = S::BN, NP = S::NP, SN = BN / 2, ON = D / 2;   /* S and O floats per thread */
    constexpr int NWG = SM90_NWG(D, GATHER), BM = SM90_BM(D, GATHER);   /* consumer warpgroups, query rows */
    constexpr int BSCHED = 2 + NWG;   /* named barriers: 1 zero-fill, 2.. Q per warpgroup, then the ping-pong turns */
    static_assert(NWG == 2 || !TAIL || SM90_TAIL_D64 == 0, "tail pieces with 3 warpgroups");
#define SM90_NEXT_WG(wg) (NWG == 2 ? 1 - (wg) : (wg) == NWG - 1 ? 0 : (wg) + 1)   /* the ping-pong's next turn */
    extern __shared__ uint8_t smem_raw[];
    const uint32_t base = (smem_u32(smem_raw) + 1023u) & ~1023u;
    uint8_t *base_ptr = smem_raw + (base - smem_u32(smem_raw));
    const uint32_t sQ = base, sK = base + S::OFF_K, sV = base + S::OFF_V;
    const uint32_t bar_k_full = base + S::OFF_BAR, bar_k_empty = bar_k_full + 8 * S::KSTAGES;
    const uint32_t bar_v_full = bar_k_empty + 8 * S::KSTAGES, bar_v_empty = bar_v_full + 8 * S::STAGES;
    /* per stage, 4 words (BN / 32 used): bit r of word w set = key 32w + r of the tile has a bad page id */
    [[maybe_unused]] const uint32_t s_bad_masks = base + S::OFF_BAR + 16 * (S::KSTAGES + S::STAGES);   /* the same words' shared address (M65) */
    volatile uint32_t *bad_masks = (volatile uint32_t *)(base_ptr + S::OFF_BAR + 16 * (S::KSTAGES + S::STAGES));
#if SM90_EARLY
    [[maybe_unused]] const uint32_t bar_q = bar_k_full + S::PLAN_BAR;   /* M119a: Q's barrier a warpgroup, in the plan barriers' place */
#endif

    /* TAIL: the instance that runs the last wave's pieces (pa_sm90_tail_plan, M39), a 1-D grid of
     * units x splits CTAs, unit-major; its coordinates come from the unit's linear index. (A
     * runtime branch to the same in one kernel made ptxas keep every CTA's coordinates in vector
     * registers: the d256 gather then spilled.) The other instance leaves the replaced CTAs at once
     * and lets the pieces' launch start (programmatic dependent launch) when its last wave has. */
    int bx, by, bz, piece = 0;
    if constexpr (TAIL) {
        const int u = (int)blockIdx.x;
        const int q = (int)pa_fastdiv_q(p.div_splits, (uint32_t)u);
        piece = u - q * p.tail_splits;
        const int v = p.tail_first + q;
        const int t1 = (int)pa_fastdiv_q(p.div_mblocks, (uint32_t)v);
        bx = v - t1 * p.m_blocks;
        bz = (int)pa_fastdiv_q(p.div_heads, (uint32_t)t1);
        by = t1 - bz * p.heads;
    } else {
        bx = (int)blockIdx.x; by = (int)blockIdx.y; bz = (int)blockIdx.z;
    }
    const int b = bz, h = by;
    const int m_block = p.m_blocks - 1 - bx;
    int q_start, sq;
    if (p.cu_q) { q_start = p.cu_q[b]; sq = p.cu_q[b + 1] - q_start; }
    else { q_start = b * p.max_sq; sq = p.max_sq; }
    const int m0 = m_block * BM;
    if (m0 >= sq || (SM90_TAIL_ON(D) && !TAIL && p.tail_splits > 1 && bx + p.m_blocks * (by + p.heads * bz) >= p.tail_first)) return;
    /* clamped: with validation off a bad length must not walk past the page table */
    const int sk = p.seq_lens ? min(max(p.seq_lens[b], 0), p.max_sk) : p.max_sk;
    const int kvh = h / p.group;
    const int m_last = min(m0 + BM, sq) - 1;
    const int diag = sk - sq;              /* bottom-right alignment: row i sees keys <= i + diag */
    int n_end = sk;
    if (p.causal) n_end = min(n_end, m_last + diag + 1);
    int n_begin = 0;
    if (p.window_left >= 0) n_begin = max(0, m0 + diag - p.window_left);
    int n_hi = n_end > 0 ? (n_end + BN - 1) / BN : 0;
    int n_lo = n_begin / BN;
    if constexpr (TAIL) {   /* a tail piece: its share of the tiles */
        int lo, hi;
        pa_sm90_tail_range(max(0, n_hi - n_lo), piece, p.tail_splits, &lo, &hi);
        n_hi = n_lo + hi;
        n_lo += lo;
    }
    const int n_tiles = max(0, n_hi - n_lo);
    /* the key tile of iteration it: n_hi - 1 - it, or rotated (SM90_ROTATE_T) */
    [[maybe_unused]] const int rot = SM90_ROTATE(D, GATHER) && !p.causal && p.window_left < 0 && n_tiles > 1 && sk % BN == 0
                                     && (SM90_ROTATE_PAGED || !p.page_table) && !TAIL
                                     ? (int)((int64_t)m_block * n_tiles / p.m_blocks) : 0;
    /* SM90_DIET_RANGE: iterations [clean_lo, clean_hi) need no position mask. Unrotated, tile it
     * starts at n0 = (n_hi - 1 - it) * BN: the end of the sequence and the causal diagonal mask
     * while n0 > x (x below), the window while n0 < y. A rotated order only runs when neither
     * applies (sk % BN == 0, no causal, no window). */
    [[maybe_unused]] int clean_lo = 0, clean_hi = n_tiles;
    constexpr bool DRANGE = SM90_DIET_RANGE(D) != 0 && !W;
    if constexpr (DRANGE) {
        auto floordiv = [](int a, int bb) -> int { return a >= 0 ? a / bb : -((bb - 1 - a) / bb); };
        if (rot == 0) {
            int x = sk - BN;
            if (p.causal) x = min(x, m0 + diag - BN + 1);
            clean_lo = min(max(n_hi - 1 - floordiv(x, BN), 0), n_tiles);
            if (p.window_left >= 0) {
                const int y = m_last + diag - p.window_left;   /* clean while n0 >= y */
                clean_hi = min(max(n_hi + floordiv(-y, BN), 0), n_tiles);
            }
        }
    }
    auto tile_n0 = [&](int it) -> int {
        if constexpr (SM90_ROTATE(D, GATHER) != 0) {
            int k = it + rot;
            if (k >= n_tiles) k -= n_tiles;
            return (n_hi - 1 - k) * BN;
        } else {
            return (n_hi - 1 - it) * BN;
        }
    };

#ifdef SM90_TRACE
    if (threadIdx.x == 0) {
        unsigned smid;
        asm volatile("mov.u32 %0, %%smid;" : "=r"(smid));
        SM90_TR(1);
        sm90_trace_buf[SM90_CTA_ID & 0xffff][0] = smid;
#ifdef SM90_TRACE_GT   /* the SM's clock too (slot 14; 20 / 21 at the warpgroups' ends, not d64): its rate */
        sm90_trace_buf[SM90_CTA_ID & 0xffff][14] = clock64();
#endif
    }
#endif
    if (threadIdx.x == 0) {
        if (SM90_TAIL_ON(D) && !TAIL && p.tail_splits > 1) asm volatile("griddepcontrol.launch_dependents;\n" ::: "memory");
#if SM90_PAD_D64 > 0
        /* measurement builds: shift the d64 kernels' code by SM90_PAD_D64 instructions (3.1v: the
         * split's ten prologue instructions cost d64 2.9% with the same loop SASS) */
        if constexpr (D == 64 && !TAIL) {
#pragma unroll
            for (int i = 0; i < SM90_PAD_D64; i++) asm volatile("nanosleep.u32 0;\n" ::: "memory");
        }
#endif
#if SM90_PAD_D128 > 0
        if constexpr (D == 128 && !TAIL) {
#pragma unroll
            for (int i = 0; i < SM90_PAD_D128; i++) asm volatile("nanosleep.u32 0;\n" ::: "memory");
        }
#endif
        for (int s = 0; s < S::STAGES; s++) {
            /* TMA: one producer warp per 64-column panel (M53 / M54: one, warp 0 or 2, where a tile
             * is at most SM90_ONE_WARP_BOXES PAIR boxes). Gather: the 64 copying threads (cp.async.mbarrier.arrive.noinc), plus
             * for K the two mask-writing lanes. */
            mbar_init(bar_k_full + 8 * s, GATHER ? 66 : PAIR && SM90_ONE_WARP_TILE(p.boxes) ? 1 : 2);
            mbar_init(bar_v_full + 8 * s, GATHER ? 64 : PAIR && SM90_ONE_WARP_TILE(p.boxes) ? 1 : 2);
            mbar_init(bar_k_empty + 8 * s, SM90_MASK_SYNC(D, GATHER) == 1 ? 128 * NWG : 4 * NWG);   /* one arrival per consumer thread or warp */
            mbar_init(bar_v_empty + 8 * s, 4 * NWG);
        }
        if ((SM90_RUNS_SHARE_T && p.runs) || (SM90_PAIR_SHARE_T && p.page_table)) {   /* M64 / M74: the plan records' barriers, after the stages' and masks' */
            static_assert(!S::PLAN || 16 * (S::KSTAGES + S::STAGES) + 4 * S::MASK_STRIDE * S::KSTAGES <= S::PLAN_BAR, "plan barriers overlap the masks");
            static_assert(!S::PLAN || S::PLAN_BAR + 16 * SM90_PLAN_RING <= S::OFF_PLAN - S::OFF_BAR, "plan barriers overlap the records");
            for (int r = 0; r < SM90_PLAN_RING; r++) {
                /* every lane that writes (warp 0) or reads (warps 1..3) a record arrives itself:
                 * lane 0's arrival after __syncwarp orders the same under the PTX memory model,
                 * but racecheck does not follow it (session 33: 8 hazards with it, 0 without,
                 * at d128 pages 44 / 100 / 101; timing -0.7..+0.5%, RESULTS 3.2k) */
                mbar_init(bar_k_full + S::PLAN_BAR + 8 * r, 32);
                mbar_init(bar_k_full + S::PLAN_BAR + 8 * (SM90_PLAN_RING + r),
                          SM90_PAIR_SHARE_T && !p.runs && SM90_ONE_WARP_TILE(p.boxes) ? 32 : 96);   /* M74: warp 2 alone reads where warps 1 / 3 leave */
            }
        }
        for (int s = S::STAGES; s < S::KSTAGES; s++) {   /* K's deeper ring (SM90_KSTAGES_G<D>) */
            mbar_init(bar_k_full + 8 * s, GATHER ? 66 : PAIR && SM90_ONE_WARP_TILE(p.boxes) ? 1 : 2);
            mbar_init(bar_k_empty + 8 * s, SM90_MASK_SYNC(D, GATHER) == 1 ? 128 * NWG : 4 * NWG);
        }
        if (SM90_MASK_SKIP_ON(D, PAIR) && !GATHER) {   /* M88: every stage's mask words start clean */
            for (int w = 0; w < S::MASK_STRIDE * S::KSTAGES; w++) bad_masks[w] = 0u;
        }
#if SM90_EARLY
        /* M119a: Q's barriers (a contiguous call has no plan records); tile 0's mask words zero (a
         * contiguous call has no bad page) */
        static_assert(!SM90_EARLY_T || (16 * (S::KSTAGES + S::STAGES) + 4 * S::MASK_STRIDE * S::KSTAGES <= S::PLAN_BAR
                                        && S::PLAN_BAR + 8 * NWG <= S::OFF_PLAN - S::OFF_BAR), "M119a's Q barriers overlap");
        if (SM90_EARLY_T && SM90_EARLY_Q == 1 && (p.early & 1)) {
            for (int w = 0; w < NWG; w++) mbar_init(bar_q + 8 * w, 1);
        }
        if (SM90_EARLY_T && (p.early & 2) && n_tiles > 0) {
            for (int w = 0; w < S::MASK_STRIDE; w++) bad_masks[w] = 0u;
        }
#endif
        fence_mbar_init();
#if SM90_EARLY
        if (SM90_EARLY_T && SM90_EARLY_Q && (p.early & 1)) {
            /* Q: 64 rows x NP panels a warpgroup (rows past the end: zero), into shared memory on
             * bar_q (SM90_EARLY_Q 1) or into L2 alone, where the consumers' loads then hit it (2) */
            for (int w = 0; w < NWG; w++) {
                const uint32_t bq = bar_q + 8 * w;
                if (SM90_EARLY_Q == 1) mbar_arrive_expect_tx(bq, NP * 64 * 128);
                for (int pn = 0; pn < NP; pn++) {
                    if (SM90_EARLY_Q == 1)
                        tma_load_3d(sQ + pn * S::QPANEL + w * 64 * 128, &maps.q, bq, pn * SM90_PANEL_COLS, q_start + m0 + w * 64, h);
                    else
                        tma_prefetch_3d(&maps.q, pn * SM90_PANEL_COLS, q_start + m0 + w * 64, h);
                }
            }
        }
        if (SM90_EARLY_T && (p.early & 2) && n_tiles > 0) {
            /* K tile 0 into stage 0: the boxes the K warps' first iteration would issue (page b, row
             * slot n0 + i x box rows of the contiguous cache), with both warps' arrivals */
            const int n0 = tile_n0(0);
            const uint32_t bytes = (uint32_t)(p.boxes * pa_sm90_pair_box_rows(p.pair_mode, p.box_rows) * NP * 128);
            mbar_arrive_expect_tx(bar_k_full, bytes);
            for (int i = 0; i < p.boxes; i++) {
                int c3, c4;
                sm90_pair_c34(p, b, n0 + i * p.box_rows, kvh, c3, c4);
                tma_load_5d(sK + i * p.box_rows * NP * 128, maps.k, bar_k_full, 0, 0, 0, c3, c4);
            }
            if (!(PAIR && SM90_ONE_WARP_TILE(p.boxes))) mbar_arrive(bar_k_full);   /* (the barrier counts 2 warps) */
            SM90_TR(2);
        }
#endif
#ifdef SM90_WATCHDOG
        if (SM90_WD_ON) { sm90_wd_done[SM90_WD_SLOT] = 0; sm90_wd_fired[SM90_WD_SLOT] = 0; }
#endif
    }
    __syncthreads();
    if (threadIdx.x == 0) SM90_TR(15);

    if (threadIdx.x < 128) {
        /* ---- producer warpgroup: warps 0, 1 load K panels 0, 1; warps 2, 3 V panels 0, 1.
         * Each warp waits on its ring and issues its own boxes (one lane per box), so the
         * serial issue of many small boxes (small pages) is spread over four warps. ---- */
        /* TAIL (TMA): 8 more for the producer, which holds the pieces' coordinates in vector registers */
        setmaxnreg_dec<NWG == 3 ? (GATHER ? SM90_WG3_GPREGS : SM90_WG3_PREGS)
                       : GATHER ? (W ? SM90_W_GATHER_PREGS : SM90_GATHER_PREGS(D)) : W ? SM90_W_PREGS : TAIL || SM90_PT_MORE_REGS || (SM90_FT_T && SM90_FT_MOREREGS) ? SM90_PRODUCER_REGS + 8 : SM90_PRODUCER_REGS>();
        if (SM90_INC_AFTER) named_bar_arrive(SM90_BAR_REGS, 128 * (NWG + 1));
        if (!GATHER && p.kv_ready) {   /* M82: this (sequence, kv head) copied yet? (the consumers load Q meanwhile; a copy runs the TMA instances) */
            const uint32_t *f = p.kv_ready + (int64_t)b * p.group_hk + kvh;
            for (;;) {
                uint32_t x;
                asm volatile("ld.acquire.gpu.global.u32 %0, [%1];\n" : "=r"(x) : "l"(f) : "memory");
                if (x >= p.kv_ready_need) break;
                __nanosleep(256);
            }
            asm volatile("fence.proxy.async.global;\n" ::: "memory");   /* the copy's stores, then the TMA's reads */
        }
        if (threadIdx.x == 0) SM90_TR(7);
        /* M86: the warp index through a shuffle (SM90_PW_SHFL_D<D>) */
        const int pw = SM90_PW_SHFL_T && !GATHER ? __shfl_sync(0xffffffffu, (int)(threadIdx.x >> 5), 0) : (int)(threadIdx.x >> 5);
        const int lane = threadIdx.x & 31;
        const int is_v = pw >= 2, pnl = pw & 1;
        if constexpr (GATHER) {
            /* cp.async gather: warp pnl of K (V) copies tile rows RW pnl .. RW pnl + RW - 1 (RW =
             * BN / 2). Lane l looks up rows RW pnl + l (and + 32 when RW = 64; page id by
             * multiply-shift division; one tile ahead, so the page-table latency hides under the
             * current tile's copies) and forms their offsets. A row group is 4 rows, 8 lanes per
             * row; each lane gets its row's offset by one shuffle and copies 16 bytes of each of
             * the row's NP = D / 64 panels (one copy instruction moves one 128-byte line of each
             * of 4 rows; source +128 B and destination +PANEL per panel are immediates; at d64 /
             * d256 since M69 a row group is 8 rows, 4 lanes per row, each lane copying 16 bytes at
             * +0 and +64 B of each panel row: half lines, one shuffle for twice the copies). Up to 16
             * shuffles are in flight before their copies: this warp's instruction latency, not
             * bandwidth, limits the gather, so the fewer instructions per copy the better
             * (RESULTS 3.1c: 4 a copy at first, now 2 at d128 when every row is present). Rows past the end or with a bad
             * page id are zero-filled and never read; K's rows are also flagged in the stage's mask
             * words. The full barrier completes when every copy has landed. Offsets are 32-bit in
             * 16-byte units (pools under 64 GiB), else 64-bit (p.wide). */
            /* LPR lanes per 128-byte panel row (M69: fewer, each copying CPL chunks of it), RPI rows a copy */
            constexpr int LPR = W ? 8 : SM90_GATHER_LPR(D), CPL = 8 / LPR, RPI = 32 / LPR, RW = BN / 2, NU = (RW + 31) / 32;
            /* W (176 keys, SM90_WIDE_GATHER): 88 rows a warp, a third unit of 24 rows (6 copies) */
            constexpr int LAST = RW - 32 * (NU - 1), LAST_IPU = LAST / RPI;
            static_assert(!W || RW == 88, "the wide gather's mask words assume 88 rows a warp");
            constexpr int IPU = 32 / RPI;               /* row groups (of RPI rows) per 32 rows */
            constexpr int PER = RPI >= 8 ? 1 : 8 / RPI; /* the destination swizzle repeats every PER groups */
            const int64_t sp = (is_v ? p.v_sp : p.k_sp) * 2, st = (is_v ? p.v_st : p.k_st) * 2;
            const char *gbase = (is_v ? p.v : p.k) + (int64_t)kvh * (is_v ? p.v_sh : p.k_sh) * 2;
            const int32_t *pt = p.page_table + (int64_t)b * p.pt_stride;
            const uint32_t sbuf0 = is_v ? sV : sK;
            const uint32_t full0 = is_v ? bar_v_full : bar_k_full, empty0 = is_v ? bar_v_empty : bar_k_empty;
            const int c = lane % LPR, hi = lane / LPR;
            /* this warp's ring depth (a constant unless K's ring is deeper) */
            const int ns_warp = is_v ? S::STAGES : S::KSTAGES;
#define SM90_NS (S::KSTAGES == S::STAGES ? S::STAGES : ns_warp)
            const bool defer = (SM90_GATHER_DEFER(D) & (is_v ? 2 : 1)) != 0;   /* bit 0 K's warps, bit 1 V's */
            uint64_t gc = (uint64_t)(gbase + c * 16);
            asm volatile("" : "+l"(gc));   /* one 64-bit base: a copy's address is one IMAD.WIDE */
            uint64_t ptb = (uint64_t)pt;
            asm volatile("" : "+l"(ptb));  /* kept, not recomputed per lookup: a lookup's address is one IMAD.WIDE */
            /* The loop, once with 32-bit row offsets in 16-byte units (~0 = no row; pools under
             * 64 GiB: two 32-bit multiplies per lookup) and once with 64-bit byte offsets (-1). */
            auto gather_loop = [&](auto wide_tag) {
                constexpr bool WIDE = decltype(wide_tag)::value;
                typedef typename std::conditional<WIDE, long long, uint32_t>::type off_t;
                const off_t none = WIDE ? (off_t)-1 : (off_t)~0u;
                const uint32_t sp16 = (uint32_t)(sp >> 4), st16 = (uint32_t)(st >> 4);
                /* d64, d128: branch-free, the page index clamped to the sequence's last page (rows
                 * past the end read a valid table entry and are then dropped): about 10 straight
                 * instructions a lookup; d128 1..1.3 points off the gather's overhead, d64 0.3..0.4
                 * with its split moved from 40/232 to 56/224 (at 40/232 ptxas rescheduled the
                 * kernel and lost 4 points; RESULTS 3.1k). d256 too since M59 (session 26; before M58 it had been slower). */
                [[maybe_unused]] const uint32_t pi_last = pa_fastdiv_q(p.pdiv, (uint32_t)max(sk - 1, 0));
                [[maybe_unused]] const uint32_t ps_u = (uint32_t)p.page_size, np_u = (uint32_t)p.num_pages;
                auto row_off = [&](int j) -> off_t {
                    if constexpr (D != 256 || SM90_GATHER_BRANCHFREE_D256) {
                        const uint32_t pi = min(pa_fastdiv_q(p.pdiv, (uint32_t)j), pi_last);
                        const int pid = __ldg((const int32_t *)(ptb + (uint64_t)pi * 4u));
                        const uint32_t slot = (uint32_t)j - pi * ps_u;
                        const bool ok = j < sk && (uint32_t)pid < np_u;
                        off_t v;
                        if (WIDE) v = (off_t)((int64_t)pid * sp + (int64_t)slot * st);
                        else v = (off_t)((uint32_t)pid * sp16 + slot * st16);
                        return ok ? v : none;
                    } else {
                        if (j >= sk) return none;
                        const uint32_t pi = pa_fastdiv_q(p.pdiv, (uint32_t)j);
                        const int pid = __ldg((const int32_t *)(ptb + (uint64_t)pi * 4u));
                        if ((unsigned)pid >= (unsigned)p.num_pages) return none;
                        const uint32_t slot = (uint32_t)j - pi * (uint32_t)p.page_size;
                        if (WIDE) return (off_t)((int64_t)pid * sp + (int64_t)slot * st);
                        return (off_t)((uint32_t)pid * sp16 + slot * st16);
                    }
                };
                off_t o0 = none, o1 = none;
                [[maybe_unused]] off_t o2 = none;
                if (n_tiles > 0) {
                    o0 = row_off(tile_n0(0) + pnl * RW + lane);
                    if (NU > 1) o1 = row_off(tile_n0(0) + pnl * RW + 32 + lane);
                    if constexpr (NU > 2) o2 = lane < LAST ? row_off(tile_n0(0) + pnl * RW + 64 + lane) : none;
                }
                for (int it = 0; it < n_tiles; it++) {
                    const int stage = it % SM90_NS;
                    const uint32_t parity = (uint32_t)(it / SM90_NS) & 1u;
                    off_t q0 = none, q1 = none;   /* next tile's rows */
                    [[maybe_unused]] off_t q2 = none;
                    if (!SM90_GATHER_LATE_LOOKUP(D) && it + 1 < n_tiles) {
                        const int n1 = tile_n0(it + 1) + pnl * RW + lane;
                        q0 = row_off(n1);
                        if (NU > 1) q1 = row_off(n1 + 32);
                        if constexpr (NU > 2) q2 = lane < LAST ? row_off(n1 + 64) : none;
                    }
                    const uint32_t w0 = __ballot_sync(0xffffffffu, o0 == none), w1 = __ballot_sync(0xffffffffu, o1 == none);
                    [[maybe_unused]] uint32_t w2 = 0u;
                    if constexpr (NU > 2) w2 = __ballot_sync(0xffffffffu, o2 == none) & ((1u << LAST) - 1u);
                    constexpr bool GAW = (SM90_GATHER_ALLWAIT >> (D == 64 ? 0 : D == 128 ? 1 : 2)) & 1 && NU <= 2;   /* M67 */
                    if constexpr (GAW) {
                        mbar_wait_warp(empty0 + 8 * stage, parity ^ 1u);
                        if (!is_v) {
                            const uint32_t m = s_bad_masks + 4 * (S::MASK_STRIDE * stage + NU * pnl);
                            st_shared_if(lane == 0, m, w0);
                            if (NU > 1) st_shared_if(lane == 0, m + 4, w1);
                            mbar_arrive_if(lane == 0, full0 + 8 * stage);
                        }
                    } else {
                        if (lane == 0) mbar_wait(empty0 + 8 * stage, parity ^ 1u);
                        __syncwarp();
                        if (!is_v && lane == 0) {
                            if constexpr (NU > 2) {
                                /* rows 0..87 (warp 0): words 0, 1 and word 2's low 24 bits; rows 88..175
                                 * (warp 1): word 2's high 8 bits go to word 6 (the consumers OR it in, so
                                 * the two warps never write one word), words 3, 4 and 5's low 16 bits */
                                volatile uint32_t *m = bad_masks + S::MASK_STRIDE * stage;
                                if (pnl == 0) { m[0] = w0; m[1] = w1; m[2] = w2; }
                                else { m[6] = w0 << 24; m[3] = (w0 >> 8) | (w1 << 24); m[4] = (w1 >> 8) | (w2 << 24); m[5] = w2 >> 8; }
                            } else {
                                bad_masks[S::MASK_STRIDE * stage + NU * pnl] = w0;
                                if (NU > 1) bad_masks[S::MASK_STRIDE * stage + NU * pnl + 1] = w1;
                            }
                            mbar_arrive(full0 + 8 * stage);
                        }
                    }
                    /* copy i moves warp row RPI i + hi: its swizzle (chunk ^ (row & 7)) repeats every
                     * PER copies, so PER base addresses plus an immediate offset give every destination */
                    uint32_t d[PER];
                    [[maybe_unused]] uint32_t dx[CPL > 1 ? CPL - 1 : 1];   /* M69: chunk c + LPR j's destination (j >= 1) */
                    {
                        uint32_t st_base = sbuf0 + stage * S::TILE + (pnl * RW + hi) * 128;
                        asm volatile("" : "+r"(st_base));
#pragma unroll
                        for (int k = 0; k < PER; k++) d[k] = st_base + (((c & 7) ^ ((RPI * k + hi) & 7)) << 4);
#pragma unroll
                        for (int j = 1; j < CPL; j++) dx[j - 1] = st_base + ((((c + LPR * j) & 7) ^ (hi & 7)) << 4);
                    }
                    /* CH row offsets shuffled ahead of their copies; a tile whose rows are all
                     * present (w0 = w1 = 0, the common case) copies without the zero-fill test */
                    auto copies = [&](auto fill_tag) {
                        constexpr bool FILL = decltype(fill_tag)::value;
                        constexpr int CH = IPU < (WIDE ? 8 : 16) ? IPU : (WIDE ? 8 : 16);
#pragma unroll
                        for (int u = 0; u < NU; u++) {
                            const off_t uu = u == 0 ? o0 : NU > 2 && u == 2 ? o2 : o1;
                            const int ipu = u == NU - 1 ? LAST_IPU : IPU;   /* copies of this unit */
#pragma unroll
                            for (int g = 0; g < IPU; g += CH) {
                                off_t off[CH];
#pragma unroll
                                for (int k = 0; k < CH; k++)
                                    if (g + k < ipu) off[k] = __shfl_sync(0xffffffffu, uu, (RPI * (g + k) + hi) & 31);
#pragma unroll
                                for (int k = 0; k < CH; k++) {
                                    if (g + k >= ipu) continue;
                                    if (SM90_GATHER_DIAG == 1 || (SM90_GATHER_DIAG == 2 && (k & 1))) continue;
                                    const int i = u * IPU + g + k;
                                    const bool ok = off[k] != none;
                                    const uint64_t src = WIDE ? gc + (uint64_t)(ok || !FILL ? off[k] : 0) : gc + (uint64_t)off[k] * 16u;
#pragma unroll
                                    for (int j = 0; j < CPL; j++) {   /* chunk c + LPR j of the row (M69: CPL > 1) */
                                        const uint32_t dst = (j == 0 ? d[i % PER] : dx[j - 1]) + RPI * i * 128;
#pragma unroll
                                        for (int q = 0; q < NP; q++) {   /* panel q: +128 B in the row, +PANEL in shared memory */
                                            const uint64_t sq = src + q * 128 + 16 * LPR * j;
                                            if (FILL) pa_cp_async_16_zfill(dst + q * S::PANEL, (const void *)sq, ok ? 16u : 0u);
                                            else pa_cp_async_16(dst + q * S::PANEL, (const void *)sq);
                                        }
                                    }
                                    if (D == 256 && SM90_GATHER_PACE_D256 > 0)   /* M58 */
                                        asm volatile("nanosleep.u32 %0;\n" :: "n"(SM90_GATHER_PACE_D256) : "memory");
                                }
                            }
                        }
                    };
                    if ((w0 | w1 | w2) == 0) copies(std::false_type());
                    else copies(std::true_type());
                    if (SM90_GATHER_LATE_LOOKUP(D) && it + 1 < n_tiles) {   /* the same lookups, after the copies */
                        const int n1 = tile_n0(it + 1) + pnl * RW + lane;
                        q0 = row_off(n1);
                        if (NU > 1) q1 = row_off(n1 + 32);
                        if constexpr (NU > 2) q2 = lane < LAST ? row_off(n1 + 64) : none;
                    }
                    if (defer) {
                        /* this tile's copies stay in flight while the previous tile's land */
                        asm volatile("cp.async.commit_group;\n" ::: "memory");
                        if (it > 0) {
                            asm volatile("cp.async.wait_group 1;\n" ::: "memory");
                            fence_proxy_async();
                            mbar_arrive(full0 + 8 * ((it - 1) % SM90_NS));
                        }
                    } else if (SM90_GATHER_PFENCE(D)) {
                        asm volatile("cp.async.wait_all;\n" ::: "memory");
                        fence_proxy_async();
                        mbar_arrive(full0 + 8 * stage);
                    } else {
                        asm volatile("cp.async.mbarrier.arrive.noinc.shared::cta.b64 [%0];\n" :: "r"(full0 + 8 * stage) : "memory");
                    }
                    o0 = q0; o1 = q1;
                    if constexpr (NU > 2) o2 = q2;
                }
                if (defer && n_tiles > 0) {   /* the last tile's deferred arrival */
                    asm volatile("cp.async.wait_group 0;\n" ::: "memory");
                    fence_proxy_async();
                    mbar_arrive(full0 + 8 * ((n_tiles - 1) % SM90_NS));
                }
            };
            if (p.wide) gather_loop(std::true_type());
            else gather_loop(std::false_type());
#undef SM90_NS
            return;
        }
#if SM90_PT_SMEM
        /* M77: the pages of keys [n_lo BN, min(n_hi BN, sk)) staged once by the 128 producer threads;
         * pt_s: the staged entries' shared address less 4 x the first page index (0: not staged) */
        uint32_t pt_s = 0;
        if (S::PT_CAP > 0 && p.page_table && n_tiles > 0 && !(SM90_RUN_TABLE_T && p.runs) && !SM90_PAIR_TABLE_T) {   /* (M99: the table holds the pages) */
            /* (M108: any slot may hold a key of any page, so all of them) */
            const bool all_ = SM90_STRADDLE_T && p.pair_mode == PA_SM90_PAIR_LOCAL;
            const int pt_lo = all_ ? 0 : (int)pa_fastdiv_q(p.pdiv, (uint32_t)(n_lo * BN));
            const int pt_n = (int)pa_fastdiv_q(p.pdiv, (uint32_t)((all_ ? sk : min(n_hi * BN, sk)) - 1)) + 1 - pt_lo;
            if (pt_n <= S::PT_CAP) {
                const int32_t *row = p.page_table + (int64_t)b * p.pt_stride + pt_lo;
                for (int i = threadIdx.x; i < pt_n; i += 128)
                    asm volatile("st.shared.b32 [%0], %1;\n" :: "r"(base + S::OFF_PT + 4 * i), "r"(__ldg(row + i)) : "memory");
                named_bar_sync(SM90_BAR_PT, 128);
                pt_s = base + S::OFF_PT - 4u * (uint32_t)pt_lo;
            }
        }
        auto pt_at = [&](const int32_t *t, int i) -> int {
            return pt_s ? (int)ld_shared_u32(pt_s + 4u * (uint32_t)i) : t[i];
        };
#define SM90_PT_AT(t, i) (S::PT_CAP > 0 ? pt_at(t, i) : (t)[i])
#else
#define SM90_PT_AT(t, i) (t)[i]
#endif
        if (SM90_TMA_TWO_WARPS && pnl == 1) return;   /* warps 0 (K) and 2 (V) issue both panels */
#ifdef SM90_WATCHDOG
        if (PAIR && !TAIL && SM90_ONE_WARP_TILE(p.boxes) && pw == 3) { wd_watch(128 * NWG); return; }   /* (TAIL consumers leave before the count) */
#endif
        if (PAIR && SM90_ONE_WARP_TILE(p.boxes) && pnl == 1) return;   /* a tile in one box (d128: up to 4, M54): warps 1 and 3 have nothing to load */
        const CUtensorMap *map0 = is_v ? maps.v : maps.k;
        const uint32_t full = is_v ? bar_v_full : bar_k_full, empty = is_v ? bar_v_empty : bar_k_empty;
        const uint32_t sbuf0 = (is_v ? sV : sK) + pnl * S::PANEL;
        /* M111 (SM90_RUNS_SPLIT_T): the page map's index, once (-1: none) */
        [[maybe_unused]] const int pmap_s = SM90_RUNS_SPLIT_T && p.runs ? pa_sm90_page_map(p.page_size, p.run_shift, BN) : -1;
        const int32_t *pt = p.page_table ? p.page_table + (int64_t)b * p.pt_stride : 0;
        if (lane < p.n_maps) tma_prefetch_desc(map0 + lane);
        if (threadIdx.x == 0) SM90_TR(16);
        /* M64 / M74: tile it's plan record (ring slot it % SM90_PLAN_RING): the phase parity, its
         * full and empty barriers and this lane's 16-byte record (a macro: the same statements in
         * both places keep the instances' SASS as it was) */
#define SM90_PLAN_REC(it)                                                              \
        const int ps = (it) % SM90_PLAN_RING;                                          \
        const uint32_t par = (uint32_t)((it) / SM90_PLAN_RING) & 1u;                   \
        const uint32_t plan_full = bar_k_full + S::PLAN_BAR + 8 * ps;                  \
        const uint32_t plan_empty = plan_full + 8 * SM90_PLAN_RING;                    \
        const uint32_t rec = base + S::OFF_PLAN + ps * 512 + lane * 16
        /* M99 / M100: this lane's 16-byte record of the tile at key n0 in the run table */
        [[maybe_unused]] auto plan_record = [&](int n0_) -> uint4 {
            uint4 r;
            asm volatile("ld.global.nc.v4.u32 {%0, %1, %2, %3}, [%4];\n"
                         : "=r"(r.x), "=r"(r.y), "=r"(r.z), "=r"(r.w)
                         : "l"(p.plan + ((int64_t)b * p.plan_tiles + (BN == 64 ? n0_ >> 6 : BN == 128 ? n0_ >> 7 : n0_ / BN)) * 32 + lane));
            return r;
        };
        /* this warp's ring depth (K's may be deeper: SM90_KSTAGES_T128) */
        const int ns_ = S::KSTAGES == S::STAGES || is_v ? S::STAGES : S::KSTAGES;
        /* M109 (SM90_FT_T; kept in few registers: the producer has 40): this warp's first flag's
         * index (-1: off); the key of the tile it loaded from its pages last iteration, which it
         * stores to the copy at the end of this one (-1: none); the key of the store before that,
         * whose flag is set once it is written (lane 0's bulk groups; -1: none) */
        [[maybe_unused]] int ft_base = -1, ft_pend = -1, ft_rel = -1;
#if SM90_FT
        if (SM90_FT_T && p.runs && p.ft && pa_sm90_warp_panels(NP, pnl) > 0)
            ft_base = (int)(((int64_t)b * p.group_hk + kvh) * p.plan_tiles * 4) + pw;
        auto ft_flag = [&](int key) -> uint32_t * { return p.ft + ft_base + (key / BN) * 4; };
        auto ft_release = [&](int key) {   /* (lane 0, after its bulk_wait) */
            asm volatile("fence.proxy.async.global;\n" ::: "memory");
            asm volatile("st.release.gpu.global.u32 [%0], %1;\n" :: "l"(ft_flag(key)), "r"(1u) : "memory");
        };
        auto ft_store = [&](int it_) {   /* (lane 0) iteration it_'s tile (key ft_pend), once landed, to the copy */
            const int st_ = it_ % ns_;
            mbar_wait(full + 8 * st_, (uint32_t)(it_ / ns_) & 1u);
            fence_proxy_async();
#pragma unroll
            for (int q = 0; q < (NP + 1) / 2; q++)
                if (q < pa_sm90_warp_panels(NP, pnl))
                    tma_store_4d(is_v ? &maps.ftv : &maps.ftk, sbuf0 + 2 * q * S::PANEL + st_ * S::TILE,
                                 (pnl + 2 * q) * SM90_PANEL_COLS, ft_pend, kvh, b);
            bulk_commit();
        };
#endif
#if SM90_PLAN_PDL
        /* M113: the run table's kernel launches this grid early (programmatic dependent launch);
         * its records are read from here on */
        if constexpr ((SM90_RUN_TABLE_T || SM90_PAIR_TABLE_T) && !TAIL) {   /* (TAIL: the main grid ran first) */
            if (p.plan) asm volatile("griddepcontrol.wait;\n" ::: "memory");   /* (a no-op without the launch attribute) */
        }
#endif
        for (int it = 0; it < n_tiles; it++) {
            const int n0 = tile_n0(it);
            const int stage = it % ns_;
            const uint32_t parity = (uint32_t)(it / ns_) & 1u;
#if SM90_EARLY
            if (SM90_EARLY_T && (p.early & 2) && !is_v && it == 0) continue;   /* M119a: thread 0 issued it */
#endif
            /* M109: whether the copy holds this tile (fth), else whether to store it (fts: whole tiles) */
            [[maybe_unused]] bool fth = false, fts = false;
#if SM90_FT
            if (SM90_FT_T && ft_base >= 0 && n0 + BN <= sk) {
                uint32_t x = 0;
                const int md = p.ft_mode;
                if (md == 2 || md == 3 || md >= 6) {
                    x = md == 3;
                } else if (md == 5) {
                    if (lane == 0) asm volatile("ld.relaxed.gpu.global.u32 %0, [%1];\n" : "=r"(x) : "l"(ft_flag(n0)) : "memory");
                } else {
                    if (lane == 0) asm volatile("ld.acquire.gpu.global.u32 %0, [%1];\n" : "=r"(x) : "l"(ft_flag(n0)) : "memory");
                }
                fth = __shfl_sync(0xffffffffu, x, 0) != 0u;
                fts = !fth;
                if (md == 4) fth = fts = false;
                if (md == 6 || md == 7) { fth = (md == 6) == !is_v; fts = false; }   /* K (6) or V (7) from the copy, the other in place */
            }
#endif
            int page = -1, slot = 0, bad = 0, srow = 0, mi = 0;
            bool issue;
            uint32_t pi0 = 0;
            int L0 = 0;
            [[maybe_unused]] uint32_t tword = 0;   /* M99: the table's mask word w (lane w < MASK_WORDS) */
            if (SM90_RUN_TABLE_T && p.runs) {
                /* M99 (these instances' page runs always have the table): this lane's record of tile n0 / BN from the run table */
                const uint4 r = plan_record(n0);
                slot = (int)r.x;
                page = (int)r.y;
                issue = (int)(r.z >> 31);
                mi = (int)((r.z >> 24) & 127u);
                srow = (int)(r.z & 0xffffffu);
                tword = r.w;
            } else if (p.runs) {
                /* the tile's keys lie in at most 4 page runs (pa_sm90_runs_lane); every lane of a
                 * run looks up its page, lane 8 run carries its bad bit. Runs past the end use
                 * page -1 (zero-fill). */
              if (!SM90_RUNS_SHARE_T || pw == 0) {   /* M64: warp 0's alone */
                pi0 = pa_fastdiv_q(p.pdiv, (uint32_t)n0);
                const int r0 = n0 - (int)(pi0 * (uint32_t)p.page_size);
                const pa_sm90_run_box x = pa_sm90_runs_lane(p.page_size, p.run_shift, r0, lane, BN, SM90_RUNS_OVERLAP_FOR(D));
                L0 = pa_sm90_runs_first_len(p.page_size, r0, BN);
                issue = x.issue;
                srow = x.srow;
                slot = x.slot;
                mi = x.map;
                if (x.inrun && n0 + x.js < sk) {
                    const int pid = SM90_PT_AT(pt, pi0 + x.run);
                    if (pid < 0 || pid >= p.num_pages) bad = 1; /* never dereferenced: OOB box */
                    page = bad ? -1 : pid;
                }
              }
                if constexpr (SM90_RUNS_SHARE_T) {
                    /* M64: record it % SM90_PLAN_RING holds lane l's box as {slot, page, issue << 31 |
                     * map << 24 | row}; warp 0 writes it once warps 1..3 have read the record's last use */
                    SM90_PLAN_REC(it);
                    if (pw == 0) {
                        mbar_wait(plan_empty, par ^ 1u);   /* every lane (3.2g: racecheck did not take lane 0's wait + __syncwarp) */
                        asm volatile("st.shared.v4.b32 [%0], {%1, %2, %3, %4};\n"
                                     :: "r"(rec), "r"(slot), "r"(page), "r"((issue ? 0x80000000u : 0u) | ((uint32_t)mi << 24) | (uint32_t)srow), "r"(0)
                                     : "memory");
                        mbar_arrive(plan_full);   /* every lane, after its own store */
                    } else {
                        mbar_wait(plan_full, par);
                        uint32_t w2, w3;
                        asm volatile("ld.shared.v4.b32 {%0, %1, %2, %3}, [%4];\n"
                                     : "=r"(slot), "=r"(page), "=r"(w2), "=r"(w3) : "r"(rec) : "memory");
                        issue = (int)(w2 >> 31);
                        mi = (int)((w2 >> 24) & 127u);
                        srow = (int)(w2 & 0xffffffu);
                        mbar_arrive(plan_empty);   /* every lane, after its own load */
                    }
                }
            } else {
                /* lane i looks up the page of box i */
                issue = lane < p.boxes;
                srow = lane * p.box_rows;
                const bool share = SM90_PAIR_SHARE_T && !SM90_PAIR_TABLE_T && pt != 0;   /* M74 (not with M102's table) */
                if (SM90_PAIR_TABLE_T && pt) {
                    /* M100 (these instances' paged calls always have the table): box lane's record */
                    const uint4 r = plan_record(n0);
                    slot = (int)r.x;
                    page = (int)r.y;
                    tword = r.w;
                } else if (issue && (!share || pw == 0)) {
                    const int j = n0 + srow;
                    if (!pt) { page = b; slot = j; }
                    else if (SM90_STRADDLE_T && p.pair_mode == PA_SM90_PAIR_LOCAL && j < sk) {
                        /* M108: slot group j / 8 is page group j / 8 (page gi / F, row 8 (gi % F)), or
                         * past the page groups the copy's packed remainder rows j - 8 fg (page -2 - b,
                         * map 1); bad set there so that the mask words look at each key's page */
                        const int f = p.page_size >> 3, gi = j >> 3;
                        const int nf = (int)pa_fastdiv_q(p.pdiv, (uint32_t)sk);
                        const int fg = nf * f + ((sk - nf * p.page_size) >> 3);
                        if (gi < fg) {
                            const int pi = gi / f;
                            const int pid = SM90_PT_AT(pt, pi);
                            slot = (gi - pi * f) << 3;
                            if (pid < 0 || pid >= p.num_pages) bad = 1;
                            page = bad ? -1 : pid;
                        } else {
                            page = -2 - b;
                            slot = j - 8 * fg;
                            bad = 1;
                        }
                    } else if (!SM90_PAIR_TABLE_T && j < sk) {
                        const uint32_t pi = pa_fastdiv_q(p.pdiv, (uint32_t)j);
                        const int pid = SM90_PT_AT(pt, pi);
                        slot = j - (int)(pi * (uint32_t)p.page_size);
                        if (pid < 0 || pid >= p.num_pages) bad = 1; /* never dereferenced: OOB box */
                        page = bad ? -1 : pid;
                        if constexpr (SM90_STRADDLE_T) {
                            /* M107: a group across a page boundary inside the sequence comes from the
                             * copy (pa_sm90_straddle_copied): page -2 - b (map 1), row j of sequence b;
                             * bad if either page is (the copy wrote its keys as zeros) */
                            if (pa_sm90_straddle_copied(p.page_size, sk, j, slot)) {
                                const int pid2 = SM90_PT_AT(pt, pi + 1);
                                if (pid2 < 0 || pid2 >= p.num_pages) bad = 1;
                                page = -2 - b;
                                slot = j;
                            }
                        }
                    }
                }
                if constexpr (SM90_PAIR_SHARE_T) {
                    if (share) {   /* M74: warp 0's {slot, page} a lane to warps 1..3 (M64's records) */
                        SM90_PLAN_REC(it);
                        if (pw == 0) {
                            mbar_wait(plan_empty, par ^ 1u);
                            asm volatile("st.shared.v2.b32 [%0], {%1, %2};\n" :: "r"(rec), "r"(slot), "r"(page) : "memory");
                            mbar_arrive(plan_full);
                        } else {
                            mbar_wait(plan_full, par);
                            asm volatile("ld.shared.v2.b32 {%0, %1}, [%2];\n" : "=r"(slot), "=r"(page) : "r"(rec) : "memory");
                            mbar_arrive(plan_empty);
                        }
                    }
                }
            }
            const uint32_t bad_mask = __ballot_sync(0xffffffffu, bad);
            /* the mask words, the PAIR boxes' coordinates and this warp's share, and the bytes of
             * overlapping run boxes, formed before the empty wait (they depend on the lookup alone);
             * 1: d256; 2: every kernel but the 128-key d128 PAIR ones (whose 40-register producer
             * spilled 4 bytes with it) */
            constexpr bool PRE = SM90_TMA_PRE != 0 && (D == 256 || (SM90_TMA_PRE > 1 && !(D == 128 && PAIR && !W)));
            uint32_t mbits[S::MASK_WORDS];
            int pre_first = 0, pre_mine = 0, pre_c3 = 0, pre_c4 = 0, pre_bytes = S::PANEL;
            constexpr bool MSKIP = SM90_MASK_SKIP_ON(D, PAIR);
            static_assert(!MSKIP || !PRE, "M88 is written for the mask words formed after the empty wait");
            if (SM90_RUN_TABLE_T && PRE && p.runs && pw == 0) {   /* M99 at d256: the table's words */
#pragma unroll
                for (int w = 0; w < S::MASK_WORDS; w++) mbits[w] = __shfl_sync(0xffffffffu, tword, w);
            } else if (SM90_STRADDLE_T && PRE && pw == 0) {
                /* M107: a group may hold keys of two pages, so a bad page masks its own keys alone */
#pragma unroll
                for (int w = 0; w < S::MASK_WORDS; w++) {
                    int j = n0 + 32 * w + lane;
                    bool kb = false;
                    if (bad_mask && j < sk) {   /* (bad_mask: warp-uniform) */
                        if (p.pair_mode == PA_SM90_PAIR_LOCAL) j = pa_sm90_local_key(p.page_size, sk, j);   /* M108: slot j's key */
                        const int pid = SM90_PT_AT(pt, pa_fastdiv_q(p.pdiv, (uint32_t)j));
                        kb = pid < 0 || pid >= p.num_pages;
                    }
                    mbits[w] = bad_mask ? __ballot_sync(0xffffffffu, kb) : 0u;
                }
            } else if (PRE && pw == 0) {
#pragma unroll
                for (int w = 0; w < S::MASK_WORDS; w++) {
                    const int key = 32 * w + lane;
                    int unit;
                    if (p.runs) unit = bad_mask ? 8 * (key < L0 ? 0 : 1 + (int)pa_fastdiv_q(p.pdiv, (uint32_t)(key - L0))) : 0;
                    else unit = key >> p.box_shift;
                    mbits[w] = SM90_MASK_NOBAD_FOR(D) && !bad_mask ? 0u : __ballot_sync(0xffffffffu, (bad_mask >> unit) & 1u);   /* (bad_mask: warp-uniform) */
                }
            }
            static_assert(!SM90_TMA_PRE || !SM90_TMA_TWO_WARPS, "SM90_TMA_PRE assumes one panel per warp");
            /* panel warp pn_'s share of the tile's PAIR boxes (first, mine), the boxes' outer
             * coordinates (c3, c4) and the bytes they bring: before the empty wait (PRE) or after */
            auto pair_plan = [&](int pn_, int &first, int &mine, int &c3, int &c4, int &bytes) {
                if (SM90_ONE_WARP_BOXES > 1 && SM90_ONE_WARP_TILE(p.boxes)) { first = 0; mine = p.boxes; }
                else if constexpr (W) pa_sm90_pair_share_any(p.boxes, pn_, &first, &mine);   /* 11 x 16 */
                else pa_sm90_pair_share(p.boxes, pn_, &first, &mine);
                if (SM90_STRADDLE_T) { c3 = kvh; c4 = page >= -1 ? page : -2 - page; }   /* (M107: row slot, map page < -1) */
                else sm90_pair_c34(p, page, slot, kvh, c3, c4);
                bytes = mine * pa_sm90_pair_box_rows(p.pair_mode, p.box_rows) * NP * 128;
            };
            if constexpr (PRE && PAIR) {
                pair_plan(pnl, pre_first, pre_mine, pre_c3, pre_c4, pre_bytes);
            } else if (PRE && SM90_RUNS_OVERLAP_FOR(D) && p.runs && !SM90_RUN_TABLE_T) {
                pre_bytes = (int)__reduce_add_sync(0xffffffffu, issue ? (unsigned)((1 << mi) << p.run_shift) : 0u) * 128;
            } else if (PRE && SM90_RUN_TABLE_T && PA_SM90_TABLE_OVERLAP(D) && p.runs) {
                /* M104 at d256: the table's boxes overlap (M51) and a whole page is the page map's box */
                const int rows = pa_sm90_map_rows(mi, pa_sm90_page_map(p.page_size, p.run_shift, BN), p.page_size, p.run_shift);
                pre_bytes = (int)__reduce_add_sync(0xffffffffu, issue ? (unsigned)rows : 0u) * 128;
            }
            if (threadIdx.x == 0 && it == 0) SM90_TR(19);
            constexpr bool AW = SM90_PROD_ALLWAIT_FOR(D) == 1 || (SM90_PROD_ALLWAIT_FOR(D) == 2 && !PAIR)
                                || (SM90_PROD_ALLWAIT_FOR(D) == 3 && !PAIR && !W);   /* M65 (2: the plain-layout instances alone; 3: those of 128-key tiles, M89) */
            if constexpr (AW) {
                if (SM90_PROD_WAITWARP_FOR(D)) mbar_wait_warp(empty + 8 * stage, parity ^ 1u);   /* M68: M67's exit */
                else mbar_wait(empty + 8 * stage, parity ^ 1u);
            } else {
                if (lane == 0) mbar_wait(empty + 8 * stage, parity ^ 1u);
                __syncwarp();
            }
            if (threadIdx.x == 0 && it == 0) SM90_TR(17);
#if SM90_FT
            if (SM90_FT_T && ft_base >= 0) {   /* M109: the store of this stage's last tile has read it */
                if (lane == 0) bulk_wait_read<0>();
                __syncwarp();
            }
#endif
            if (AW && PRE && pw == 0) {
#pragma unroll
                for (int w = 0; w < S::MASK_WORDS; w++) st_shared_if(lane == 0, s_bad_masks + 4 * (S::MASK_STRIDE * stage + w), mbits[w]);
            }
            if (!AW && PRE && pw == 0 && lane == 0) {
#pragma unroll
                for (int w = 0; w < S::MASK_WORDS; w++) bad_masks[S::MASK_STRIDE * stage + w] = mbits[w];
            }
            /* M88: after the empty wait, whether this stage's words must be (re)written: a bad page id
             * in the tile, or words left nonzero by an earlier tile (lane w < MASK_WORDS reads word w;
             * lane 0 wrote it before its full arrival, which the consumers' empty arrival follows) */
            auto mask_dirty = [&]() -> bool {
                return __any_sync(0xffffffffu, lane < S::MASK_WORDS && ld_shared_u32(s_bad_masks + 4 * (S::MASK_STRIDE * stage + lane)) != 0u);
            };
            if (SM90_RUN_TABLE_T && p.runs) {
                static_assert(!SM90_RUN_TABLE_T || (AW && S::MASK_WORDS <= 4) || (!AW && !PRE), "M99: every lane waited, or M103's lane 0");
                if constexpr (AW) {
                    if (!PRE && pw == 0) st_shared_if(lane < S::MASK_WORDS, s_bad_masks + 4 * (S::MASK_STRIDE * stage + lane), tword);   /* (PRE: stored above) */
                } else if (pw == 0) {   /* M103: lane 0 waited; it stores the words */
#pragma unroll
                    for (int w = 0; w < S::MASK_WORDS; w++) {
                        const uint32_t v = w == 0 ? tword : __shfl_sync(0xffffffffu, tword, w);
                        if (lane == 0) bad_masks[S::MASK_STRIDE * stage + w] = v;
                    }
                }
            } else if (SM90_PAIR_TABLE_T && AW) {   /* (d64: every lane waited) */
                static_assert(!SM90_PAIR_TABLE_T || !AW || (!PRE && S::MASK_WORDS == 4 && BN == 128), "M100: 4 words a tile");
                if (pw == 0) st_shared_if(lane < S::MASK_WORDS, s_bad_masks + 4 * (S::MASK_STRIDE * stage + lane), tword);
            } else if (SM90_PAIR_TABLE_T) {
                /* M100: lane 0 stores the table's words (zero for a contiguous call), after its wait */
                if (pw == 0 && S::MASK_WORDS > 4) {   /* M102: 176-key tiles, 6 words */
#pragma unroll
                    for (int w = 0; w < S::MASK_WORDS; w++) {
                        const uint32_t v = w == 0 ? tword : __shfl_sync(0xffffffffu, tword, w);
                        if (lane == 0) bad_masks[S::MASK_STRIDE * stage + w] = v;
                    }
                } else if (pw == 0) {
                    const uint32_t w1 = __shfl_sync(0xffffffffu, tword, 1), w2 = __shfl_sync(0xffffffffu, tword, 2),
                                   w3 = __shfl_sync(0xffffffffu, tword, 3);
                    if (lane == 0) {
                        bad_masks[S::MASK_STRIDE * stage + 0] = tword;
                        bad_masks[S::MASK_STRIDE * stage + 1] = w1;
                        bad_masks[S::MASK_STRIDE * stage + 2] = w2;
                        bad_masks[S::MASK_STRIDE * stage + 3] = w3;
                    }
                }
            } else if (!PRE && pw == 0 && (!MSKIP || bad_mask || mask_dirty())) {   /* box (run) mask -> key mask words */
                if (MSKIP) __syncwarp();   /* M88: the read-back before lane 0's stores (racecheck does not take the vote) */
#pragma unroll
                for (int w = 0; w < S::MASK_WORDS; w++) {
                    const int key = 32 * w + lane;
                    int unit;
                    if (p.runs) unit = bad_mask ? 8 * (key < L0 ? 0 : 1 + (int)pa_fastdiv_q(p.pdiv, (uint32_t)(key - L0))) : 0;
                    else unit = key >> p.box_shift;
                    const uint32_t bits = (SM90_MASK_NOBAD_FOR(D) || MSKIP) && !bad_mask ? 0u : __ballot_sync(0xffffffffu, (bad_mask >> unit) & 1u);
                    if (AW) st_shared_if(lane == 0, s_bad_masks + 4 * (S::MASK_STRIDE * stage + w), bits);
                    else if (lane == 0) bad_masks[S::MASK_STRIDE * stage + w] = bits;
                }
                if (MSKIP) __syncwarp();   /* M88: lane 0's stores before a later tile's read-back */
            }
            /* this warp's arrival on the stage's full barrier with the bytes its boxes bring (AW: every
             * lane waited above; else lane 0 alone, then the warp reconverges) */
            auto arrive_full = [&](int bytes_) {
                if constexpr (AW) {
                    mbar_arrive_expect_tx_if(lane == 0, full + 8 * stage, bytes_);
                } else {
                    if (lane == 0) mbar_arrive_expect_tx(full + 8 * stage, bytes_);
                    __syncwarp();
                }
            };
#pragma unroll
            for (int pw2 = 0; pw2 < (SM90_TMA_TWO_WARPS ? 2 : 1); pw2++) {   /* the panel warp this warp acts as */
                const int pn = SM90_TMA_TWO_WARPS ? pw2 : pnl;
                const uint32_t sbuf = SM90_TMA_TWO_WARPS ? (is_v ? sV : sK) + pn * S::PANEL : sbuf0;
                if (PAIR) {
                    /* a box holds both panels of g = box_rows rows; the tile's boxes are split
                     * between the panel warps (a single box goes to warp 0, warp 1 arrives with 0
                     * bytes). Bad pages and boxes past the end get fully out-of-range coordinates. */
                    int first, mine, c3, c4, bytes;
                    if constexpr (PRE) { first = pre_first; mine = pre_mine; c3 = pre_c3; c4 = pre_c4; bytes = pre_bytes; }
                    else pair_plan(pn, first, mine, c3, c4, bytes);
                    arrive_full(bytes);
                    if (threadIdx.x == 0 && it == 0) SM90_TR(18);
                    if constexpr (SM90_PAIR_UISSUE_ON(D)) {
                        /* M97: the tensor (K or V) made warp-uniform for the box issue alone, so that
                         * ptxas keeps the map, the barrier and the buffer in uniform registers */
                        const int vu = __shfl_sync(0xffffffffu, is_v, 0);
                        if (issue && lane >= first && lane < first + mine) {
                            tma_load_5d((vu ? sV : sK) + stage * S::TILE + srow * NP * 128, vu ? maps.v : maps.k,
                                        (vu ? bar_v_full : bar_k_full) + 8 * stage, 0, 0, 0, c3, c4);
                        }
                    } else if (SM90_STRADDLE_T) {
                        if (issue && lane >= first && lane < first + mine)   /* M107: the page map or the copy's, at row slot */
                            tma_load_5d((is_v ? sV : sK) + stage * S::TILE + srow * NP * 128, map0 + (page < -1 ? 1 : 0),
                                        full + 8 * stage, 0, slot, 0, c3, c4);
                    } else if (issue && lane >= first && lane < first + mine) {
                        tma_load_5d((is_v ? sV : sK) + stage * S::TILE + srow * NP * 128, map0,
                                    full + 8 * stage, 0, 0, 0, c3, c4);
                    }
                    if (lane == 0 && pw == 0 && it == 0) SM90_TR(2);
                    if (lane == 0 && pw == 2 && it == 0) SM90_TR(13);
                    continue;   /* the next panel warp's share, or the next tile */
                }
                /* panel warp pn loads panels pn, pn + 2, ... (none for warp 1 at head_dim 64) */
                const int mine = pa_sm90_warp_panels(NP, pn);
#if SM90_FT
                if (SM90_FT_T && fth) {   /* M109: the tile from the copy, one box a panel */
                    arrive_full(mine * S::PANEL);
                    if (lane == 0) {
                        if (p.ft_mode != 5) asm volatile("fence.proxy.async.global;\n" ::: "memory");   /* the flag's acquire, then the TMA's reads */
#pragma unroll
                        for (int q = 0; q < (NP + 1) / 2; q++)
                            if (q < mine)
                                tma_load_4d(sbuf + 2 * q * S::PANEL + stage * S::TILE, is_v ? &maps.ftv : &maps.ftk, full + 8 * stage,
                                            (pn + 2 * q) * SM90_PANEL_COLS, n0, kvh, b);
                    }
                    continue;
                }
#endif
                if (SM90_RUNS_SPLIT_T && p.runs) {
                    /* M111: the tensor's one panel, its boxes split between the two panel warps
                     * (pa_sm90_split_warp); each arrives with its own boxes' bytes */
                    const bool my_box = issue && pa_sm90_split_warp(lane) == pn;
                    const int rows = pa_sm90_map_rows(mi, pmap_s, p.page_size, p.run_shift);
                    const int bytes = (int)__reduce_add_sync(0xffffffffu, my_box ? (unsigned)rows : 0u) * 128;
                    arrive_full(bytes);
                    if (my_box)
                        tma_load_4d((is_v ? sV : sK) + stage * S::TILE + srow * 128, map0 + mi, full + 8 * stage, 0, slot, kvh, page);
                    continue;
                }
                int panel_bytes = PRE ? pre_bytes : S::PANEL;
                if (!PRE && SM90_RUNS_OVERLAP_FOR(D) && p.runs)   /* overlapping boxes bring more than a tile */
                    panel_bytes = (int)__reduce_add_sync(0xffffffffu, issue ? (unsigned)((1 << mi) << p.run_shift) : 0u) * 128;
                arrive_full(mine * panel_bytes);
                if (threadIdx.x == 0 && it == 0) SM90_TR(18);
                if (issue) {
#pragma unroll
                    for (int q = 0; q < (NP + 1) / 2; q++)
                        if (q < mine)
                            tma_load_4d(sbuf + 2 * q * S::PANEL + stage * S::TILE + srow * 128, map0 + mi, full + 8 * stage,
                                        (pn + 2 * q) * SM90_PANEL_COLS, slot, kvh, page);
                }
                if (lane == 0 && pw == 0 && it == 0) SM90_TR(2);
                if (lane == 0 && pw == 2 && it == 0) SM90_TR(13);
            }
#if SM90_FT
            if (SM90_FT_T && ft_base >= 0) {
                /* M109: last iteration's tile from its pages to the copy (its data has landed by the
                 * time this stage's next empty wait would pass anyway), then the flag of the store
                 * before it, whose writes are done once at most the newest group is pending */
                if (lane == 0 && ft_pend >= 0) {
                    ft_store(it - 1);
                    if (ft_rel >= 0) { bulk_wait<1>(); ft_release(ft_rel); }
                    ft_rel = ft_pend;
                }
                ft_pend = fts ? n0 : -1;
                __syncwarp();
            }
#endif
        }
#if SM90_FT
        if (SM90_FT_T && ft_base >= 0 && lane == 0) {   /* M109: the last store, every store written, their flags */
            if (ft_pend >= 0) ft_store(n_tiles - 1);
            bulk_wait<0>();
            if (ft_rel >= 0) ft_release(ft_rel);
            if (ft_pend >= 0) ft_release(ft_pend);
        }
#endif
#undef SM90_PLAN_REC
#undef SM90_PT_AT
        return;
    }

    /* ---- consumer warpgroups ---- */
#ifdef SM90_WATCHDOG
    wd_mark(5u << 28);
#endif
    if (SM90_INC_AFTER) named_bar_sync(SM90_BAR_REGS, 128 * (NWG + 1));
    setmaxnreg_inc<NWG == 3 ? SM90_WG3_CREGS_FOR(GATHER ? SM90_WG3_GPREGS : SM90_WG3_PREGS)
                   : GATHER ? (W ? (252 - SM90_W_GATHER_PREGS / 2) / 8 * 8 : SM90_GATHER_CREGS(D)) : W ? SM90_W_CREGS : TAIL || SM90_PT_MORE_REGS || (SM90_FT_T && SM90_FT_MOREREGS) ? SM90_CONSUMER_REGS - 8 : SM90_CONSUMER_REGS>();
    /* M49 (SM90_WG_SHFL) the warpgroup index shared from lane 0, which ptxas then treats as
     * warp-uniform: Q's descriptors become uniform-register arithmetic instead of per-thread values
     * moved by R2UR at every k-step. The d64 kernels spill with it and the gather kernels a little;
     * measured at ncu's clocks (RESULTS 3.1z) the 128-key d128 TMA kernels -1.3..-2.2% (causal), d256
     * TMA -1.5..-1.7%, the 176-key d128 kernel +1.4..+2.7% (slower): the 128-key d128 and the d256
     * TMA kernels take it. */
    constexpr bool WGS = SM90_WG_SHFL && (!GATHER || SM90_WG_SHFL_GATHER_FOR(D)) && D != 64 && !W;
#ifdef SM90_WATCHDOG
    wd_mark(5u << 28 | 1u << 26);
#endif
    const int wg = WGS ? __shfl_sync(0xffffffffu, (int)(threadIdx.x >> 7) - 1, 0) : (int)(threadIdx.x >> 7) - 1;
    const int t = threadIdx.x & 127;
    const int warp = t >> 5, lane = t & 31;
    const int qrow_base = m0 + wg * 64;
    if (t == 0 && wg == 0) SM90_TR(12);
    /* 16-byte chunk c (of D / 8) of row `row` of Q's 128B-swizzled panels (also O's staging) */
    auto q_chunk = [&](int row, int c) -> uint32_t {
        return sQ + (c >> 3) * S::QPANEL + row * 128 + (((c & 7) ^ (row & 7)) << 4);
    };

    /* Q: 64 rows x 2D bytes for this warpgroup, D / 8 threads per row, into the swizzled panels.
     * SM90_STAGED_IO: every load issued before the first store, one memory latency rather than NQ
     * in a row (each store's asm otherwise keeps the next load behind it: d256 took ~13k cycles a
     * CTA for Q, RESULTS 3.1o); else each row step loads and stores in turn. */
#if SM90_EARLY
    if (SM90_EARLY_T && SM90_EARLY_Q == 1 && (p.early & 1)) {   /* M119a: thread 0's boxes */
        mbar_wait(bar_q + 8 * wg, 0);
        if (t == 0) SM90_TR(SM90_WG_SLOT(3, wg));
    } else
#endif
    {
        constexpr bool BATCH = SM90_STAGED_IO(D, GATHER);
        const uint16_t *qh = p.q + (int64_t)q_start * p.q_st + (int64_t)h * p.q_sh;
        constexpr int CR = D / 8, RPI = 128 / CR, NQ = 64 / RPI;   /* 16-byte chunks per row, rows per step */
        /* (ptxas is sensitive here: this form keeps the d64 TMA kernels' SASS as it was) */
        uint4 qv[BATCH ? NQ : 1];
#pragma unroll
        for (int i = 0; i < NQ; i++) {
            const int r = i * RPI + t / CR, c = t % CR;
            uint4 &val = qv[BATCH ? i : 0];
            val = make_uint4(0, 0, 0, 0);
            if (qrow_base + r < sq) val = *(const uint4 *)(qh + (int64_t)(qrow_base + r) * p.q_st + c * 8);
            if (BATCH) continue;
            const int row = wg * 64 + r;   /* q_chunk(row, c), written out: the d64 TMA kernels' SASS */
            const uint32_t addr = sQ + (c >> 3) * S::QPANEL + row * 128 + (((c & 7) ^ (row & 7)) << 4);
            asm volatile("st.shared.v4.b32 [%0], {%1, %2, %3, %4};\n"
                         :: "r"(addr), "r"(val.x), "r"(val.y), "r"(val.z), "r"(val.w) : "memory");
        }
#pragma unroll
        for (int i = 0; i < (BATCH ? NQ : 0); i++) {   /* BATCH: the stores after all loads */
            const int r = i * RPI + t / CR, c = t % CR;
            const int row = wg * 64 + r;
            const uint32_t addr = q_chunk(row, c);
            asm volatile("st.shared.v4.b32 [%0], {%1, %2, %3, %4};\n"
                         :: "r"(addr), "r"(qv[i].x), "r"(qv[i].y), "r"(qv[i].z), "r"(qv[i].w) : "memory");
        }
        fence_proxy_async();
        named_bar_sync(2 + wg, 128);
        if (t == 0) SM90_TR(SM90_WG_SLOT(3, wg));
    }

    /* the first KQ k16-steps of Q as wgmma A fragments in registers (ldmatrix from the swizzled
     * panels): S = Q K^T then reads only K from shared memory in those steps */
    constexpr int KQ = W || TAIL ? 0 : NWG == 3 ? SM90_WG3_KQ : SM90_QREG_STEPS(D, GATHER);   /* TAIL: the pieces' own coordinates need the registers */
    uint32_t qa[KQ > 0 ? KQ : 1][4];
#pragma unroll
    for (int kk = 0; kk < KQ; kk++) {
        const int mtx = lane >> 3, row = wg * 64 + warp * 16 + (mtx & 1) * 8 + (lane & 7);
        const int chunk = 2 * (kk & 3) + (mtx >> 1);
        pa_ldmatrix_x4(sQ + (kk >> 2) * S::QPANEL + row * 128 + ((chunk ^ (row & 7)) << 4),
                       qa[kk][0], qa[kk][1], qa[kk][2], qa[kk][3]);
    }
    float o[ON], s[SN];
    uint32_t pa[BN / 16][4];
#pragma unroll
    for (int i = 0; i < ON; i++) o[i] = 0.f;
    float row_max[2] = { -INFINITY, -INFINITY }, row_sum[2] = { 0.f, 0.f };
    const int row0 = qrow_base + warp * 16 + (lane >> 2);
    const int col0 = 2 * (lane & 3);
    const float sl2 = p.sl2;

    if (n_tiles > 0) {
        if (!GATHER && (n_hi - 1) * BN + BN > sk) {
            /* the first tile holds the sequence end: rows past it inside a loaded page may hold
             * NaN (0 * NaN = NaN in P V), so both warpgroups zero them before any P V (the
             * gather zero-fills those rows itself) */
            mbar_wait(bar_v_full, 0);
            const int r0 = max(0, sk - (n_hi - 1) * BN);
            const int chunks = (BN - r0) * NP * 8;
            for (int idx = threadIdx.x - 128; idx < chunks; idx += 128 * NWG) {
                const int row = r0 + idx / (NP * 8), pc = idx % (NP * 8);
                const uint32_t addr = sV + (PAIR ? (row >> 3) * S::GROUP + (pc >> 3) * 1024 + (row & 7) * 128
                                                 : (pc >> 3) * S::PANEL + row * 128) + ((pc & 7) << 4);
                asm volatile("st.shared.v4.b32 [%0], {%1, %1, %1, %1};\n" :: "r"(addr), "r"(0) : "memory");
            }
            fence_proxy_async();
            named_bar_sync(SM90_BAR_ZERO, 128 * NWG);
        }
        if (wg == NWG - 1) named_bar_arrive(BSCHED, 256);   /* warpgroup 0 issues first */
    }

    constexpr int MS = SM90_MASK_SYNC(D, GATHER);
    constexpr int NB = S::MASK_WORDS > 4 ? S::MASK_WORDS : 4;   /* mask words a consumer holds */
    /* SM90_DIET_ANY (lane-0 forms): bad[] keeps lane 0's words (zero elsewhere), anyb their OR shared */
    constexpr bool DANY = (W ? SM90_DIET_ANY_W != 0 : SM90_DIET_ANY != 0) && MS >= 2 && !(W && GATHER && SM90_WIDE_GATHER);
    auto read_bad = [&](int stage, uint32_t (&bad)[NB], uint32_t &anyb) {
        if constexpr (MS >= 2) {   /* lane 0 reads, the warp shares */
            uint32_t v[NB];
#pragma unroll
            for (int w = 0; w < NB; w++) v[w] = 0u;
            if constexpr (MS == 4 && S::MASK_WORDS == 4) {   /* one 16-byte load */
                if (lane == 0) asm volatile("ld.shared.v4.b32 {%0, %1, %2, %3}, [%4];\n"
                                            : "=r"(v[0]), "=r"(v[1]), "=r"(v[2]), "=r"(v[3])
                                            : "r"(smem_u32((const void *)(bad_masks + 4 * stage))) : "memory");
            } else {
#pragma unroll
                for (int w = 0; w < NB; w++) v[w] = w < S::MASK_WORDS && lane == 0 ? bad_masks[S::MASK_STRIDE * stage + w] : 0u;
            }
            if constexpr (DANY) {
                uint32_t a = 0u;
#pragma unroll
                for (int w = 0; w < NB; w++) { bad[w] = w < S::MASK_WORDS ? v[w] : 0u; a |= bad[w]; }
                anyb = __shfl_sync(0xffffffffu, a, 0);
                return;
            }
#pragma unroll
            for (int w = 0; w < NB; w++) bad[w] = w < S::MASK_WORDS ? __shfl_sync(0xffffffffu, v[w], 0) : 0u;
        } else {
#pragma unroll
            for (int w = 0; w < NB; w++) bad[w] = w < S::MASK_WORDS ? bad_masks[S::MASK_STRIDE * stage + w] : 0u;
        }
        if constexpr (W && GATHER && SM90_WIDE_GATHER) {   /* word 2's high bits, written by the other K warp */
            const uint32_t x = MS >= 2 ? __shfl_sync(0xffffffffu, lane == 0 ? bad_masks[S::MASK_STRIDE * stage + 6] : 0u, 0)
                                       : bad_masks[S::MASK_STRIDE * stage + 6];
            bad[2] |= x;
        }
    };
    /* S = Q K^T for the tile in this stage (issue only) */
    constexpr bool DA = SM90_DA(GATHER);
    /* descriptors built once; a k-step's or stage's descriptor adds its byte offset / 16 to the
     * start-address field (bits 0-13; shared-memory offsets stay under 2^18 bytes, so no carry) */
    const uint64_t dk0 = PAIR ? make_desc_sw128(sK, 16, S::GROUP) : make_desc_sw128(sK, 16, 1024);
    const uint64_t dv0 = PAIR ? make_desc_sw128(sV, 1024, S::GROUP) : make_desc_sw128(sV, S::PANEL, 1024);
    /* M71 (SM90_QDESC_SHFL_G128): M49's shuffle for Q's descriptor alone in the d128 gather, whose
     * Q k-steps all read shared memory (SM90_QREG_G128 = 0). With a per-thread wg, ptxas builds each
     * k-step's Q descriptor in vector registers and moves it by two R2UR (session 33's profile: +16
     * R2UR, +11 LOP3, +9 IMAD a warp and tile against the 128-key TMA kernel). */
    const int wgq = GATHER && D == 128 && SM90_QDESC_SHFL_G128 && !WGS ? __shfl_sync(0xffffffffu, wg, 0) : wg;
    const uint64_t dq0 = make_desc_sw128(sQ + wgq * 64 * 128, 16, 1024);
    /* the stage's part (st16 = stage * TILE / 16) apart from the k-step's constant (M48) */
    auto desc_at = [](uint64_t d0, uint32_t st16, uint32_t bytes) -> uint64_t {
        return ((d0 >> 32) << 32) | (uint32_t)((uint32_t)d0 + st16 + (bytes >> 4));
    };
    auto issue_qk = [&](int stage) {
        [[maybe_unused]] const uint32_t st16 = (uint32_t)stage * (S::TILE >> 4);
#pragma unroll
        for (int kk = 0; kk < D / 16; kk++) {
            const uint32_t koff = (kk & 3) * 32;
            /* PAIR layout: 8-row groups of NP KB, panel p at +p KB inside a group */
            const uint64_t db = DA ? desc_at(dk0, st16, (PAIR ? (kk >> 2) * 1024 : (kk >> 2) * S::PANEL) + koff)
                              : PAIR ? make_desc_sw128(sK + stage * S::TILE + (kk >> 2) * 1024 + koff, 16, S::GROUP)
                                     : make_desc_sw128(sK + stage * S::TILE + (kk >> 2) * S::PANEL + koff, 16, 1024);
            if (kk < KQ) {
                ops::template rs<0>(s, qa[kk < KQ ? kk : 0], db, kk > 0);
            } else {
                const uint64_t da = DA ? desc_at(dq0, 0, (kk >> 2) * S::QPANEL + koff)
                                       : make_desc_sw128(sQ + (kk >> 2) * S::QPANEL + wg * 64 * 128 + koff, 16, 1024);
                ops::template ss<0>(s, da, db, kk > 0);
            }
        }
        wgmma_commit();
    };
    /* O += P V for the tile in this stage (issue only) */
    auto issue_pv = [&](int stage) {
        [[maybe_unused]] const uint32_t st16 = (uint32_t)stage * (S::TILE >> 4);
#pragma unroll
        for (int kk = 0; kk < BN / 16; kk++) {
            const uint64_t db = DA ? desc_at(dv0, st16, PAIR ? kk * 2 * S::GROUP : kk * 16 * 128)
                              : PAIR ? make_desc_sw128(sV + stage * S::TILE + kk * 2 * S::GROUP, 1024, S::GROUP)
                                     : make_desc_sw128(sV + stage * S::TILE + kk * 16 * 128, S::PANEL, 1024);
            ops::template rs<1>(o, pa[kk], db);
        }
        wgmma_commit();
    };
    /* scores of tile n0 in s: softcap, mask, online softmax; P (fp32) left in s */
    auto any_bad = [](const uint32_t (&bad)[NB]) -> uint32_t {
        uint32_t a = bad[0] | bad[1] | bad[2] | bad[3];
#pragma unroll
        for (int w = 4; w < NB; w++) a |= bad[w];
        return a;
    };
    auto softmax = [&](int n0, [[maybe_unused]] int it, const uint32_t (&bad)[NB], [[maybe_unused]] uint32_t anyb,
                       float (&corr)[2], bool first) -> bool {
        if (p.softcap > 0.f) {
            const float k = p.scale / p.softcap;
#pragma unroll
            for (int i = 0; i < SN; i++) s[i] = p.softcap * tanhf(s[i] * k);
        }
        constexpr bool WNP = SM90_WIDE_NOPOS && W;
        /* (the mask-word test stays written out in each arm: hoisted into one variable, ptxas
         * rescheduled the d64 kernels and spilled 96 bytes in six of them) */
        const bool need_mask = WNP && !first ? (DANY ? anyb : any_bad(bad)) : DRANGE ? (it < clean_lo || it >= clean_hi || (DANY ? anyb : any_bad(bad))) :
                               (n0 + BN > sk) ||
                               (p.causal && n0 + BN - 1 > m0 + diag) ||
                               (p.window_left >= 0 && n0 < m_last + diag - p.window_left) ||
                               (DANY ? anyb : any_bad(bad));
        if (need_mask) {
            [[maybe_unused]] uint32_t bw[NB];   /* DANY: lane 0's words shared only here */
#pragma unroll
            for (int w = 0; w < NB; w++) bw[w] = DANY ? __shfl_sync(0xffffffffu, bad[w], 0) : bad[w];
#pragma unroll
            for (int i = 0; i < 2; i++) {
                const int row = row0 + 8 * i;
                int hi = sk - 1;
                if (!WNP && p.causal) hi = min(hi, row + diag);
                const int lo = !WNP && p.window_left >= 0 ? row + diag - p.window_left : -2147483647;
#pragma unroll
                for (int j = 0; j < BN / 8; j++)
#pragma unroll
                    for (int c = 0; c < 2; c++) {
                        const int cl = 8 * j + col0 + c, col = n0 + cl;
                        const bool keep = col <= hi && col >= lo && !((bw[j >> 2] >> (cl & 31)) & 1u);
                        s[4 * j + 2 * i + c] = keep ? s[4 * j + 2 * i + c] : -INFINITY;
                    }
            }
        }
        /* row i's running maximum over this tile too (the 4 lanes of a row reduced) */
        auto tile_max = [&](int i) -> float {
            float m = row_max[i];
#pragma unroll
            for (int j = 0; j < BN / 8; j++) m = fmaxf(m, fmaxf(s[4 * j + 2 * i], s[4 * j + 2 * i + 1]));
            m = fmaxf(m, __shfl_xor_sync(0xffffffffu, m, 1));
            return fmaxf(m, __shfl_xor_sync(0xffffffffu, m, 2));
        };
        /* row i's scores -> exp2(s sl2 - ms) in place; returns their sum */
        auto exp_row = [&](int i, float ms) -> float {
            float sum = 0.f;
#pragma unroll
            for (int j = 0; j < BN / 8; j++)
#pragma unroll
                for (int c = 0; c < 2; c++) {
                    const float e = ex2(fmaf(s[4 * j + 2 * i + c], sl2, -ms));
                    s[4 * j + 2 * i + c] = e;
                    sum += e;
                }
            return sum;
        };
        /* two forms: the lazy one needs both rows' maxima before its vote; the plain one keeps
         * the per-row order that d64/d128 are tuned with (their SASS is unchanged by M21) */
        if constexpr (SM90_LAZY(D, GATHER) > 0) {
            /* lazy rescaling (SM90_LAZY): a row's running maximum moves only when the tile's
             * maximum exceeds it by more than a factor 2^SM90_LAZY(D, G) in P (P then stays below
             * that bound; the epilogue divides it out exactly), decided per warp so that O's
             * rescale is skipped as a whole. (m - (-inf)) * sl2 = +inf (sl2 > 0:
             * pa__sm90_supports), so a row's first keys always move it. */
            constexpr float LAZY = (float)SM90_LAZY(D, GATHER);
            const float mx[2] = { tile_max(0), tile_max(1) };
            const bool upd = first ||
                             __any_sync(0xffffffffu, (mx[0] - row_max[0]) * sl2 > LAZY || (mx[1] - row_max[1]) * sl2 > LAZY);
#pragma unroll
            for (int i = 0; i < 2; i++) {
                if (upd) {
                    const float m_use = mx[i] == -INFINITY ? 0.f : mx[i];
                    corr[i] = ex2((row_max[i] - m_use) * sl2);
                    row_max[i] = mx[i];
                } else {
                    corr[i] = 1.f;
                }
                const float ms = (row_max[i] == -INFINITY ? 0.f : row_max[i]) * sl2;
                const float sum = exp_row(i, ms);
                row_sum[i] = upd ? row_sum[i] * corr[i] + sum : row_sum[i] + sum;
            }
            return upd;
        } else {
#pragma unroll
            for (int i = 0; i < 2; i++) {
                const float mx = tile_max(i);
                const float m_use = mx == -INFINITY ? 0.f : mx;   /* (-inf) - (-inf) must not be NaN */
                corr[i] = ex2((row_max[i] - m_use) * sl2);
                row_max[i] = mx;
                const float ms = m_use * sl2;
                const float sum = exp_row(i, ms);
                row_sum[i] = row_sum[i] * corr[i] + sum;
            }
            return true;
        }
    };
    auto pack_p = [&]() {
#pragma unroll
        for (int kk = 0; kk < BN / 16; kk++) {
            pa[kk][0] = ops::pack(s[8 * kk + 0], s[8 * kk + 1]);
            pa[kk][1] = ops::pack(s[8 * kk + 2], s[8 * kk + 3]);
            pa[kk][2] = ops::pack(s[8 * kk + 4], s[8 * kk + 5]);
            pa[kk][3] = ops::pack(s[8 * kk + 6], s[8 * kk + 7]);
        }
    };

    auto rescale_o = [&](const float (&c)[2]) {
#pragma unroll
        for (int j = 0; j < D / 8; j++) {
            o[4 * j + 0] *= c[0]; o[4 * j + 1] *= c[0];
            o[4 * j + 2] *= c[1]; o[4 * j + 3] *= c[1];
        }
    };
    if (n_tiles > 0) {
        /* first tile: S only (O is still zero) */
        float corr[2];
        named_bar_sync(BSCHED + wg, 256);
        mbar_wait(bar_k_full, 0);
        uint32_t bad[NB], anyb = 0u;
        if (MS == 2 || MS == 4) read_bad(0, bad, anyb);
        if (GATHER && !SM90_GATHER_PFENCE(D)) fence_proxy_async();   /* cp.async wrote generic-proxy data */
        wgmma_fence();
        issue_qk(0);
        if (!(wg == NWG - 1 && n_tiles == 1)) named_bar_arrive(BSCHED + SM90_NEXT_WG(wg), 256);
        wgmma_wait<0>();
        fence_regs(s);
        if (t == 0) SM90_TR(SM90_WG_SLOT(4, wg));
        if (MS != 2 && MS != 4) read_bad(0, bad, anyb);
        __syncwarp();
        if (MS == 1 || lane == 0) mbar_arrive(bar_k_empty);
        softmax(tile_n0(0), 0, bad, anyb, corr, true);
        pack_p();
    }
    for (int it = 1; it < n_tiles; it++) {
        const int n0 = tile_n0(it);
        const unsigned uit = (unsigned)it;   /* unsigned (it >= 1): no sign fix-ups (M48) */
        const int stage = (int)(uit % S::KSTAGES);
        const uint32_t parity = (uit / S::KSTAGES) & 1u;
        const int pstage = (int)((uit - 1) % S::STAGES);
        const uint32_t pparity = ((uit - 1) / S::STAGES) & 1u;

        /* ping-pong: this warpgroup's S = Q K^T(it) and O += P V(it-1) are issued while the
         * other warpgroup runs its softmax */
        SM90_TT(wg, it, 0);
        named_bar_sync(BSCHED + wg, 256);
        SM90_TT(wg, it, 1);
        mbar_wait(bar_k_full + 8 * stage, parity);
#if SM90_TT_KV
        SM90_TT(wg, it, 2);   /* trace builds (measurement): stamp 2 between K's and V's waits */
#endif
        mbar_wait(bar_v_full + 8 * pstage, pparity);
        uint32_t bad[NB], anyb = 0u;
        if (MS == 2 || MS == 4) read_bad(stage, bad, anyb);
#if !SM90_TT_KV
        SM90_TT(wg, it, 2);
#endif
        if (GATHER && !SM90_GATHER_PFENCE(D)) fence_proxy_async();
        wgmma_fence();
        issue_qk(stage);
        issue_pv(pstage);
        if (!(wg == NWG - 1 && it == n_tiles - 1)) named_bar_arrive(BSCHED + SM90_NEXT_WG(wg), 256);
        SM90_TT(wg, it, 3);
        wgmma_wait<1>();
        fence_regs(s);
        SM90_TT(wg, it, 4);
        if (MS != 2 && MS != 4) read_bad(stage, bad, anyb);
        __syncwarp();
        if (MS == 1 || lane == 0) mbar_arrive(bar_k_empty + 8 * stage);

        float corr[2];
        const bool upd = softmax(n0, it, bad, anyb, corr, false);   /* under the other warpgroup's wgmma (see below) */
        SM90_TT(wg, it, 5);
        /* Left plain, ptxas puts this wait above the exponentials (SASS: DEPBAR.LE gsb0, 0x0 before
         * the first MUFU.EX2): it packs P into pa, which the in-flight P V reads, interleaved with
         * the MUFUs. The softmax then overlaps the other warpgroup's wgmma only. SM90_PV_LATE (d256)
         * keeps it below them. (RESULTS 3.1d pinned it with a wgmma.fence predicated on the row
         * sums: d128/d64 2%/7% slower then, as with the branch now; d256 had not been tried.) */
        if constexpr (SM90_PV_LATE(D)) {
            /* (never taken: sums of exponentials are not negative, and NaN compares false) */
            if (row_sum[0] < 0.f || row_sum[1] < 0.f) asm volatile("nanosleep.u32 0;" ::: "memory");
        }
        wgmma_wait<0>();
        fence_regs(o);
        SM90_TT(wg, it, 6);
        __syncwarp();
        if (lane == 0) mbar_arrive(bar_v_empty + 8 * pstage);
        if (upd) rescale_o(corr);
        pack_p();
        SM90_TT(wg, it, 7);
    }
    if (n_tiles > 0) {
        /* O += P V of the last tile */
        const int stage = (n_tiles - 1) % S::STAGES;
        const uint32_t parity = (uint32_t)((n_tiles - 1) / S::STAGES) & 1u;
        mbar_wait(bar_v_full + 8 * stage, parity);
        if (GATHER && !SM90_GATHER_PFENCE(D)) fence_proxy_async();
        wgmma_fence();
        issue_pv(stage);
        wgmma_wait<0>();
        fence_regs(o);
        __syncwarp();
        if (lane == 0) mbar_arrive(bar_v_empty + 8 * stage);
        if (t == 0) SM90_TR(SM90_WG_SLOT(5, wg));
    }

    /* row i's softmax denominator (the 4 lanes of a row summed), and its lse where asked */
    auto row_l = [&](int i) -> float {
        float l = row_sum[i];
        l += __shfl_xor_sync(0xffffffffu, l, 1);
        return l + __shfl_xor_sync(0xffffffffu, l, 2);
    };
    auto row_lse = [&](int i, float l) -> float {   /* natural log; -inf for a row that saw no key */
        return l > 0.f ? row_max[i] * (sl2 * 0.69314718055994531f) + logf(l) : -INFINITY;
    };
    auto store_lse = [&](int i, float l) {
        const int row = row0 + 8 * i;
        if (row < sq && p.lse && (lane & 3) == 0)
            p.lse[(int64_t)(q_start + row) * p.lse_st + h] = row_lse(i, l);
    };
    if constexpr (TAIL) {
        const int64_t piece_slot = (int64_t)blockIdx.x * SM90_BLOCK_M;
        /* a tail piece: its rows normalized over its keys, fp32, and their lse (natural log; -inf and
         * zeros where it saw no key) to the workspace; sm90_tail_combine merges the pieces */
#pragma unroll
        for (int i = 0; i < 2; i++) {
            const float l = row_l(i), inv = l > 0.f ? 1.f / l : 0.f;
            const int row = row0 + 8 * i;
            if (row < sq) {
                const int64_t slot = piece_slot + wg * 64 + warp * 16 + (lane >> 2) + 8 * i;
                float *orow = p.ws_o + slot * D;
#pragma unroll
                for (int j = 0; j < D / 8; j++)
                    *(float2 *)(orow + 8 * j + col0) = make_float2(o[4 * j + 2 * i] * inv, o[4 * j + 2 * i + 1] * inv);
                if ((lane & 3) == 0)
                    p.ws_lse[slot] = row_lse(i, l);
            }
        }
        /* the pieces' grid ends after the prefill grid: the combine waits for the pieces only,
         * and work queued after the call must see every output row */
        asm volatile("griddepcontrol.wait;\n" ::: "memory");
        return;
    }
    if constexpr (SM90_STAGED_IO(D, GATHER)) {
        /* epilogue: normalize O (zeros for rows that saw no key) into this warpgroup's 64 rows of Q in
         * shared memory (its last S wgmma has completed; Q's swizzle, so the 4-byte stores of a warp
         * hit 32 banks), then the rows go out as 16-byte stores, a row's D / 8 chunks on consecutive
         * threads (the 4-byte stores straight from the accumulators took ~6k cycles a CTA at d256);
         * lse from the registers. The barrier first: every warp of the warpgroup is past its reads of
         * Q (ldmatrix, wgmma), which racecheck cannot see through the wgmma and ping-pong syncs. */
        named_bar_sync(2 + wg, 128);
#pragma unroll
        for (int i = 0; i < 2; i++) {
            const float l = row_l(i), inv = l > 0.f ? 1.f / l : 0.f;
            const int srow = wg * 64 + warp * 16 + (lane >> 2) + 8 * i;
#pragma unroll
            for (int j = 0; j < D / 8; j++) {
                const uint32_t addr = q_chunk(srow, j) + (lane & 3) * 4;
                asm volatile("st.shared.b32 [%0], %1;\n" :: "r"(addr), "r"(ops::pack(o[4 * j + 2 * i] * inv, o[4 * j + 2 * i + 1] * inv))
                             : "memory");
            }
            store_lse(i, l);
        }
        named_bar_sync(2 + wg, 128);
        {
            constexpr int CR = D / 8, RPI = 128 / CR, NQ = 64 / RPI;
            /* the thread index through an opaque move in the gathers with M49, so that ptxas
             * recomputes these addresses here instead of keeping Q's staging ones across the loop */
            int te = t;
            if (GATHER && WGS) asm volatile("mov.b32 %0, %0;" : "+r"(te));
            uint16_t *ob = p.o + (int64_t)q_start * p.o_st + (int64_t)h * p.o_sh;
            uint4 ov[NQ];
#pragma unroll
            for (int i = 0; i < NQ; i++) {
                const int r = i * RPI + te / CR, c = te % CR, row = wg * 64 + r;
                const uint32_t addr = q_chunk(row, c);
                asm volatile("ld.shared.v4.b32 {%0, %1, %2, %3}, [%4];\n"
                             : "=r"(ov[i].x), "=r"(ov[i].y), "=r"(ov[i].z), "=r"(ov[i].w) : "r"(addr) : "memory");
            }
#pragma unroll
            for (int i = 0; i < NQ; i++) {
                const int r = i * RPI + te / CR, c = te % CR;
                if (qrow_base + r < sq)
                    asm volatile("st.global.v4.b32 [%0], {%1, %2, %3, %4};\n"
                                 :: "l"(ob + (int64_t)(qrow_base + r) * p.o_st + c * 8), "r"(ov[i].x), "r"(ov[i].y), "r"(ov[i].z), "r"(ov[i].w)
                                 : "memory");
            }
        }
    } else {
        /* the d64 TMA kernels: straight from the accumulators, 4-byte stores (RESULTS 3.1o) */
        /* epilogue: normalize, store O (zeros for rows that saw no key) and lse */
#pragma unroll
        for (int i = 0; i < 2; i++) {
            const float l = row_l(i), inv = l > 0.f ? 1.f / l : 0.f;
            const int row = row0 + 8 * i;
            if (row < sq) {
                uint16_t *orow = p.o + (int64_t)(q_start + row) * p.o_st + (int64_t)h * p.o_sh;
#pragma unroll
                for (int j = 0; j < D / 8; j++)
                    *(uint32_t *)(orow + 8 * j + col0) = ops::pack(o[4 * j + 2 * i] * inv, o[4 * j + 2 * i + 1] * inv);
                store_lse(i, l);
            }
        }
    }
#ifdef SM90_WATCHDOG
    wd_mark(4u << 28);
    if (SM90_WD_ON) atomicAdd(&sm90_wd_done[SM90_WD_SLOT], 1u);
#endif
    if (t == 0) SM90_TR(SM90_WG_SLOT(6, wg));
#if defined(SM90_TRACE) && defined(SM90_TRACE_GT)
    if (t == 0 && D != 64 && wg < 2) sm90_trace_buf[SM90_CTA_ID & 0xffff][20 + wg] = clock64();
#endif
#undef SM90_NEXT_WG
}

/* M99: the run table of a d128 page-run call, one warp per (sequence, 128-key tile): lane l's
 * record is what the producers' warp 0 would form for the tile (pa_sm90_runs_lane, the page
 * lookup, a bad page id as page -1 with its keys' mask bits set), and lanes 0..3 carry the tile's
 * key-mask words. Tiles past a sequence's end get records too (runs past the end: page -1). */
template <int D, int BN = D == 256 ? 64 : 128>
__global__ void __launch_bounds__(128) sm90_run_plan(const sm90_params p)
{
    const int lane = threadIdx.x & 31, t = (int)blockIdx.x * 4 + (int)(threadIdx.x >> 5), b = (int)blockIdx.y;
#if SM90_PLAN_PDL
    asm volatile("griddepcontrol.launch_dependents;\n" ::: "memory");   /* M113: the attention may start now */
#endif
    if (t >= p.plan_tiles) return;   /* (the whole warp) */
    const int sk = p.seq_lens ? min(max(p.seq_lens[b], 0), p.max_sk) : p.max_sk;
    const int n0 = t * BN;
    const int32_t *pt = p.page_table + (int64_t)b * p.pt_stride;
    int page = -1, bad = 0, L0 = 0;
    uint4 r = make_uint4(0, 0, 0, 0);
    uint32_t bad_runs = 0;   /* M104: bit j, run j's page is bad */
    if (p.runs && PA_SM90_TABLE_RUNS(D)) {
        /* M104: any runs, up to 32 boxes, a whole page in one box of the page map */
        const uint32_t pi0 = pa_fastdiv_q(p.pdiv, (uint32_t)n0);
        const int r0 = n0 - (int)(pi0 * (uint32_t)p.page_size);
        const pa_sm90_run_box x = pa_sm90_table_lane(p.page_size, p.run_shift, r0, lane, BN, pa_sm90_page_map(p.page_size, p.run_shift, BN),
                                                     PA_SM90_TABLE_OVERLAP(D));
        L0 = pa_sm90_runs_first_len(p.page_size, r0, BN);
        if (x.inrun && n0 + x.js < sk) {
            const int pid = pt[pi0 + x.run];
            page = pid < 0 || pid >= p.num_pages ? -1 : pid;
        }
        {   /* lane j: run j's page (runs from row L0 + (j - 1) x page_size) */
            const int js = lane == 0 ? 0 : L0 + (lane - 1) * p.page_size;
            int rb = 0;
            if (js < BN && n0 + js < sk) {
                const int pid = pt[pi0 + lane];
                rb = pid < 0 || pid >= p.num_pages;
            }
            bad_runs = __ballot_sync(0xffffffffu, rb);
        }
        r.x = (uint32_t)x.slot;
        r.z = (x.issue ? 0x80000000u : 0u) | ((uint32_t)x.map << 24) | (uint32_t)x.srow;
    } else if (p.runs) {
        const uint32_t pi0 = pa_fastdiv_q(p.pdiv, (uint32_t)n0);
        const int r0 = n0 - (int)(pi0 * (uint32_t)p.page_size);
        const pa_sm90_run_box x = pa_sm90_runs_lane(p.page_size, p.run_shift, r0, lane, BN, SM90_RUNS_OVERLAP_FOR(D));
        L0 = pa_sm90_runs_first_len(p.page_size, r0, BN);
        if (x.inrun && n0 + x.js < sk) {
            const int pid = pt[pi0 + x.run];
            bad = pid < 0 || pid >= p.num_pages;
            page = bad ? -1 : pid;
        }
        r.x = (uint32_t)x.slot;
        r.z = (x.issue ? 0x80000000u : 0u) | ((uint32_t)x.map << 24) | (uint32_t)x.srow;
    } else {   /* M100, PAIR boxes: lane i looks up box i's page */
        const int j = n0 + lane * p.box_rows;
        if (lane < p.boxes && j < sk) {
            const uint32_t pi = pa_fastdiv_q(p.pdiv, (uint32_t)j);
            const int pid = pt[pi];
            r.x = (uint32_t)(j - (int)(pi * (uint32_t)p.page_size));
            bad = pid < 0 || pid >= p.num_pages;
            page = bad ? -1 : pid;
        }
    }
    const uint32_t bad_mask = p.runs && PA_SM90_TABLE_RUNS(D) ? bad_runs : __ballot_sync(0xffffffffu, bad);
    uint32_t word = 0;
#pragma unroll
    for (int w = 0; w < (BN + 31) / 32; w++) {   /* key 32 w + lane's run (its bad bit: bit run, M104, or lane 8 run) or box */
        const int key = 32 * w + lane;
        const int run = key < L0 ? 0 : 1 + (int)pa_fastdiv_q(p.pdiv, (uint32_t)(key - L0));
        const int unit = p.runs ? (PA_SM90_TABLE_RUNS(D) ? run : 8 * run) : key >> p.box_shift;
        const uint32_t bits = __ballot_sync(0xffffffffu, unit < 32 && ((bad_mask >> unit) & 1u));
        if (lane == w) word = bits;
    }
    r.y = (uint32_t)page;
    r.w = word;
    uint4 *dst = (uint4 *)p.plan + ((int64_t)b * p.plan_tiles + t) * 32 + lane;
    *dst = r;
}

/* Merges the tail pieces (pa_sm90_tail_plan): one warp per query row of a unit, a lane D / 32
 * columns; weights exp(lse_k - lse) in piece order (bit-identical run to run), a piece that saw
 * no key weighs 0, a row no piece saw gets zeros and lse -inf. Launched with programmatic
 * dependent launch: it waits (griddepcontrol.wait) for the prefill grid to finish and flush.
 * The pieces' lse are reduced over the lanes and their rows read 8 at a time (M40: 23 us -> 10..18
 * us at d128 under ncu against one piece after the other). */
template <int D, bool BF16>
__global__ void __launch_bounds__(256, 2)   /* (with a bound of 1 block, ptxas gave the d128 form 32 registers and spilled) */
sm90_tail_combine(const sm90_params p)
{
    typedef sm90_ops<BF16> ops;
    asm volatile("griddepcontrol.wait;\n" ::: "memory");
    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
    const int64_t r_all = (int64_t)blockIdx.x * 8 + warp;
    if (r_all >= (int64_t)p.tail_units * SM90_BLOCK_M) return;
    const int unit_i = (int)(r_all / SM90_BLOCK_M), r = (int)(r_all % SM90_BLOCK_M);
    const int64_t unit = p.tail_first + unit_i;
    const int bx = (int)(unit % p.m_blocks), h = (int)(unit / p.m_blocks % p.heads);
    const int b = (int)(unit / ((int64_t)p.m_blocks * p.heads));
    int q_start, sq;
    if (p.cu_q) { q_start = p.cu_q[b]; sq = p.cu_q[b + 1] - q_start; }
    else { q_start = b * p.max_sq; sq = p.max_sq; }
    const int row = (p.m_blocks - 1 - bx) * SM90_BLOCK_M + r;
    if (row >= sq) return;
    const int n = p.tail_splits;
    const int64_t slot0 = (int64_t)unit_i * n * SM90_BLOCK_M + r;
    constexpr int C = D / 32;
    float acc[C];
    auto add_row = [&](float w, const float *src) {   /* acc += w x this lane's C columns of a piece's row */
#pragma unroll
        for (int c = 0; c < C; c += 2) {
            const float2 v = __ldcg((const float2 *)(src + c));
            acc[c] += w * v.x;
            acc[c + 1] += w * v.y;
        }
    };
#pragma unroll
    for (int c = 0; c < C; c++) acc[c] = 0.f;
    /* the pieces' lse spread over the lanes (max and sum by shuffles), then the rows 8 pieces at a
     * time, each lane's weight for piece k0 + lane shuffled to the others: loads in flight instead
     * of one memory latency per piece (the first form took ~23 us at d128 under ncu, 3.1v) */
    float mx = -INFINITY;
    for (int k = lane; k < n; k += 32) mx = fmaxf(mx, __ldcg(p.ws_lse + slot0 + (int64_t)k * SM90_BLOCK_M));
#pragma unroll
    for (int x = 16; x > 0; x >>= 1) mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, x));
    float sum = 0.f;
    if (mx != -INFINITY)
        for (int k = lane; k < n; k += 32) sum += expf(__ldcg(p.ws_lse + slot0 + (int64_t)k * SM90_BLOCK_M) - mx);
#pragma unroll
    for (int x = 16; x > 0; x >>= 1) sum += __shfl_xor_sync(0xffffffffu, sum, x);
    const float lse = mx != -INFINITY ? mx + logf(sum) : -INFINITY;
    if (mx != -INFINITY)
        for (int k0 = 0; k0 < n; k0 += 32) {
            const float wl = k0 + lane < n ? expf(__ldcg(p.ws_lse + slot0 + (int64_t)(k0 + lane) * SM90_BLOCK_M) - lse) : 0.f;
            const int kn = min(32, n - k0);
#pragma unroll 8
            for (int kk = 0; kk < kn; kk++) {
                const float w = __shfl_sync(0xffffffffu, wl, kk);
                const float *src = p.ws_o + (slot0 + (int64_t)(k0 + kk) * SM90_BLOCK_M) * D + lane * C;
                add_row(w, src);
            }
        }
    uint32_t packed[C / 2];
#pragma unroll
    for (int c = 0; c < C / 2; c++) packed[c] = ops::pack(acc[2 * c], acc[2 * c + 1]);
    uint16_t *dst = p.o + (int64_t)(q_start + row) * p.o_st + (int64_t)h * p.o_sh + lane * C;
    if constexpr (C == 2) *(uint32_t *)dst = packed[0];
    else if constexpr (C == 4) *(uint2 *)dst = make_uint2(packed[0], packed[1]);
    else *(uint4 *)dst = make_uint4(packed[0], packed[1], packed[2], packed[3]);
    if (p.lse && lane == 0) p.lse[(int64_t)(q_start + row) * p.lse_st + h] = lse;
}

/* ---- host side -------------------------------------------------------------------------- */

static PFN_cuTensorMapEncodeTiled_v12000 sm90_encode_query(void)
{
    void *ptr = 0;
    cudaDriverEntryPointQueryResult q;
    if (cudaGetDriverEntryPointByVersion("cuTensorMapEncodeTiled", &ptr, 12000, cudaEnableDefault, &q) ==
            cudaSuccess && q == cudaDriverEntryPointSuccess)
        return (PFN_cuTensorMapEncodeTiled_v12000)ptr;
    (void)cudaGetLastError();
    return 0;
}

/* Tests without a GPU (tests/test_sm90_ws.c) set this to an encoder of their own, which checks
 * what the driver's checks, so that the host plan (the copy, M117's groups, the workspace) runs
 * without a driver; NULL (always, in the library's use) asks the driver. */
extern "C" void *pa__sm90_encode_stub;
void *pa__sm90_encode_stub = NULL;
/* The driver's tensor-map encoder, asked once (a function-local static: its initialization is
 * thread-safe, where the earlier check-then-store raced between threads' first calls). */
static PFN_cuTensorMapEncodeTiled_v12000 sm90_encode_fn(void)
{
    if (pa__sm90_encode_stub) return (PFN_cuTensorMapEncodeTiled_v12000)pa__sm90_encode_stub;
    static const PFN_cuTensorMapEncodeTiled_v12000 fn = sm90_encode_query();
    return fn;
}

static int aligned16(const void *ptr) { return ((uintptr_t)ptr & 15u) == 0; }

/* Pools at least 2^this bytes long take the gather's 64-bit offsets (a test lowers it to 0). */
extern "C" int pa__sm90_wide_log2;
int pa__sm90_wide_log2 = 36;

/* Bytes from a K or V base to the end of its last row: bounds the gather's row offsets. */
static int64_t sm90_span(const pa__problem *pb, int64_t sp, int64_t st, int64_t sh)
{
    return ((int64_t)(pb->num_pages - 1) * sp + (int64_t)(pb->page_size - 1) * st +
            (int64_t)(pb->num_kv_heads - 1) * sh + pb->head_dim) * 2;
}
static int64_t sm90_pool_bytes(const pa__problem *pb)
{
    const int64_t pk = sm90_span(pb, pb->k_stride_page, pb->k_stride_token, pb->k_stride_head);
    const int64_t pv = sm90_span(pb, pb->v_stride_page, pb->v_stride_token, pb->v_stride_head);
    return pk > pv ? pk : pv;
}

static_assert(SM90_RUNS_MIN >= 43, "a tile must span at most 4 page runs");
static_assert(sm90_shape<128>::BN == PA_SM90_TILE && sm90_shape<64>::BN == PA_SM90_TILE &&
              sm90_shape<256>::BN == 64 && PA_SM90_MAX_MAPS == SM90_MAX_MAPS, "sm90_plan.h and this file disagree");
/* Non-zero: every paged call takes the cp.async gather, whatever its page size (a test sets it,
 * so that the gather is checked at every page size; tests/test_gpu.c PA_TEST_SM90_GATHER=1). */
extern "C" int pa__sm90_force_gather;
int pa__sm90_force_gather = 0;
static int sm90_regime_t(const pa__problem *pb, int tile)
{
    if (pa__sm90_force_gather && pb->page_table) return PA_SM90_GATHER;
    return pa_sm90_regime_t(pb, tile);
}
/* SM90_WIDE_ALL: this call runs on 176-key tiles (host fields only) */
static int sm90_wide_all(const pa__problem *pb)
{
    return SM90_WIDE_ALL && pb->head_dim == 128 && !pb->causal && pb->window_left < 0 &&
           (SM90_WIDE_GATHER || sm90_regime_t(pb, SM90_WIDE_N) != PA_SM90_GATHER);
}
/* the call's key tile and load regime: what supports() probes is what the call runs */
static int sm90_tile(const pa__problem *pb) { return sm90_wide_all(pb) ? SM90_WIDE_N : pa_sm90_tile_n(pb->head_dim); }

/* SM90_L2_PROMO: the K / V maps' L2 promotion (session 42, measured in 3.3c: 256 B, the default, against none and 128 B) */
#ifndef SM90_L2_PROMO
#define SM90_L2_PROMO CU_TENSOR_MAP_L2_PROMOTION_L2_256B
#endif
/* a rank-R map (R <= 5) of the call's dtype over ptr, 128B-swizzled, element strides 1 */
static CUresult sm90_encode_nd(CUtensorMap *map, const pa__problem *pb, cuuint32_t rank, const void *ptr,
                               const cuuint64_t *dims, const cuuint64_t *strides, const cuuint32_t *box)
{
    const cuuint32_t estr[5] = { 1, 1, 1, 1, 1 };
    return sm90_encode_fn()(map, pb->dtype == PA_DTYPE_BF16 ? CU_TENSOR_MAP_DATA_TYPE_BFLOAT16
                                                            : CU_TENSOR_MAP_DATA_TYPE_FLOAT16,
                            rank, (void *)ptr, dims, strides, box, estr, CU_TENSOR_MAP_INTERLEAVE_NONE,
                            CU_TENSOR_MAP_SWIZZLE_128B, SM90_L2_PROMO,
                            CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE);
}

static CUresult sm90_kv_map(CUtensorMap *map, const pa__problem *pb, const void *ptr,
                            int64_t st_tok, int64_t st_head, int64_t st_page, int box_rows)
{
    const cuuint64_t dims[4] = { (cuuint64_t)pb->head_dim, (cuuint64_t)pb->page_size,
                                 (cuuint64_t)pb->num_kv_heads, (cuuint64_t)pb->num_pages };
    /* a stride of an extent-1 dimension is never used: any legal value will do */
    const cuuint64_t strides[3] = { (cuuint64_t)st_tok * 2,
                                    (cuuint64_t)(pb->num_kv_heads > 1 ? st_head : 8) * 2,
                                    (cuuint64_t)(pb->num_pages > 1 ? st_page : 8) * 2 };
    const cuuint32_t box[4] = { SM90_PANEL_COLS, (cuuint32_t)box_rows, 1, 1 };
    return sm90_encode_nd(map, pb, 4, ptr, dims, strides, box);
}

/* The PAIR layout's 5-D map (PA_SM90_PAIR_* in sm90_plan.h): a box is g rows of all head_dim / 64
 * panels and lands as [8-row group][panel][8 rows][128 B]. */
static CUresult sm90_pair_map(CUtensorMap *map, const pa__problem *pb, const void *ptr,
                              int64_t st_tok, int64_t st_head, int64_t st_page, int rows)
{
    const int mode = pa_sm90_pair_mode(pb);
    const cuuint64_t hk = (cuuint64_t)pb->num_kv_heads, np = (cuuint64_t)pb->num_pages;
    const cuuint64_t groups = (cuuint64_t)pb->page_size / 8;
    cuuint64_t d3, d4, s3, s4;
    /* a stride of an extent-1 dimension is never used: any legal value will do */
    if (mode == PA_SM90_PAIR_GLOBAL) {   /* (pages apart with SM90_PAIR_STRIDED: page p's groups from p x page_groups) */
        d3 = (cuuint64_t)pa_sm90_pair_global_groups(pb, pa_sm90_pair_page_groups(pb));
        s3 = 8 * st_tok; d4 = hk; s4 = hk > 1 ? st_head : 8;
    }
    else if (mode == PA_SM90_PAIR_HEADS) { d3 = groups; s3 = 8 * st_tok; d4 = np * hk; s4 = np * hk > 1 ? st_head : 8; }
    else { d3 = hk; s3 = hk > 1 ? st_head : 8; d4 = np; s4 = np > 1 ? st_page : 8; }
    const cuuint32_t np_ = (cuuint32_t)pa_sm90_panels(pb->head_dim);
    const cuuint64_t dims[5] = { SM90_PANEL_COLS, 8, np_, d3, d4 };
    const cuuint64_t strides[4] = { (cuuint64_t)st_tok * 2, SM90_PANEL_COLS * 2, s3 * 2, s4 * 2 };
    const cuuint32_t box[5] = { SM90_PANEL_COLS, 8, np_, (cuuint32_t)(rows / 8), 1 };
    return sm90_encode_nd(map, pb, 5, ptr, dims, strides, box);
}

/* Encodes the K and V maps the regime needs (none for the gather) for tiles of `tile` keys; fills
 * *n_maps. */
static CUresult sm90_build_maps(sm90_maps *m, const pa__problem *pb, int *n_maps, int tile)
{
    const int regime = sm90_regime_t(pb, tile), g = pa_sm90_box_rows_t(pb, tile);
    int n = 0;
    if (regime == PA_SM90_PAIRS) {
        const int rows = pa_sm90_pair_box_rows(pa_sm90_pair_mode_t(pb, tile), g);
        *n_maps = 1;
        CUresult r = sm90_pair_map(&m->k[0], pb, pb->k, pb->k_stride_token, pb->k_stride_head, pb->k_stride_page, rows);
        if (r == CUDA_SUCCESS)
            r = sm90_pair_map(&m->v[0], pb, pb->v, pb->v_stride_token, pb->v_stride_head, pb->v_stride_page, rows);
        return r;
    }
    if (regime == PA_SM90_BOXES) n = 1;
    else if (regime == PA_SM90_RUNS) {
        n = pa_sm90_run_maps_t(pb, tile);
    }
    *n_maps = n;
    const int pmap = regime == PA_SM90_RUNS ? pa_sm90_call_page_map(pb, tile) : -1;   /* M104 */
    for (int i = 0; i < n; i++) {
        const int rows = regime == PA_SM90_BOXES ? g : i == pmap ? pb->page_size : g << i;
        CUresult r = sm90_kv_map(&m->k[i], pb, pb->k, pb->k_stride_token, pb->k_stride_head, pb->k_stride_page, rows);
        if (r == CUDA_SUCCESS)
            r = sm90_kv_map(&m->v[i], pb, pb->v, pb->v_stride_token, pb->v_stride_head, pb->v_stride_page, rows);
        if (r != CUDA_SUCCESS) return r;
    }
    return CUDA_SUCCESS;
}

/* M107: the straddle-only copy's two 5-D maps a tensor (sm90_plan.h PA_SM90_PAIR_STRADDLE), boxes
 * of 8 rows of every panel landing as one PAIR group: [0] the pool's pages (64 cols, page rows,
 * panels, kv head, page), [1] the copy at dk / dv (64 cols, max_seq_len rows, panels, kv head,
 * sequence; NULL: an aligned stand-in, for the probe) */
static CUresult sm90_straddle_map(CUtensorMap *map, const pa__problem *pb, const void *ptr, int64_t st_tok,
                                  int64_t st_head, int64_t st_page, int64_t rows, int64_t pages)
{
    const cuuint64_t hk = (cuuint64_t)pb->num_kv_heads;
    const cuuint32_t np_ = (cuuint32_t)pa_sm90_panels(pb->head_dim);
    const cuuint64_t dims[5] = { SM90_PANEL_COLS, (cuuint64_t)rows, np_, hk, (cuuint64_t)pages };
    /* (a stride of an extent-1 dimension is never used: any legal value will do) */
    const cuuint64_t strides[4] = { (cuuint64_t)st_tok * 2, SM90_PANEL_COLS * 2, (cuuint64_t)(hk > 1 ? st_head : 8) * 2,
                                    (cuuint64_t)(pages > 1 ? st_page : 8) * 2 };
    const cuuint32_t box[5] = { SM90_PANEL_COLS, 8, np_, 1, 1 };
    return sm90_encode_nd(map, pb, 5, ptr, dims, strides, box);
}
static CUresult sm90_straddle_maps(sm90_maps *m, const pa__problem *pb, const void *dk, const void *dv)
{
    const int64_t row = (int64_t)pb->num_kv_heads * pb->head_dim, seq = row * pb->max_seq_len;
    const void *sk = dk ? dk : (const void *)(uintptr_t)256, *sv = dv ? dv : (const void *)(uintptr_t)256;
    CUresult r = sm90_straddle_map(&m->k[0], pb, pb->k, pb->k_stride_token, pb->k_stride_head, pb->k_stride_page, pb->page_size, pb->num_pages);
    if (r == CUDA_SUCCESS) r = sm90_straddle_map(&m->v[0], pb, pb->v, pb->v_stride_token, pb->v_stride_head, pb->v_stride_page, pb->page_size, pb->num_pages);
    if (r == CUDA_SUCCESS) r = sm90_straddle_map(&m->k[1], pb, sk, row, pb->head_dim, seq, pb->max_seq_len, pb->batch);
    if (r == CUDA_SUCCESS) r = sm90_straddle_map(&m->v[1], pb, sv, row, pb->head_dim, seq, pb->max_seq_len, pb->batch);
    return r;
}

extern "C" int pa__sm90_supports(const pa_context *ctx, const pa__problem *pb, char *why, size_t n)
{
#define SM90_NO(...) do { if (why && n) snprintf(why, n, __VA_ARGS__); return 0; } while (0)
    if (ctx->cc_major != 9) SM90_NO("needs compute capability 9.x (sm_90a), device is %d.%d", ctx->cc_major, ctx->cc_minor);
    if (pb->dtype != PA_DTYPE_BF16 && pb->dtype != PA_DTYPE_F16) SM90_NO("dtype must be bf16 or f16");
    if (!(pb->softcap > 0.f) && !(pb->scale > 0.f))
        SM90_NO("softmax_scale %g: the sm90 kernel needs a positive scale (or a softcap)", (double)pb->scale);
    if (pb->head_dim != 64 && pb->head_dim != 128 && pb->head_dim != 256)
        SM90_NO("head_dim %d not implemented (64, 128, 256)", pb->head_dim);
    const int tile = sm90_tile(pb), regime = sm90_regime_t(pb, tile);
    const int smem = sm90_smem_bytes(pb->head_dim, regime == PA_SM90_GATHER, tile == SM90_WIDE_N);
    if (ctx->smem_optin < (size_t)smem) SM90_NO("needs %d bytes of shared memory per block", smem);
    if (!aligned16(pb->q) || !aligned16(pb->k) || !aligned16(pb->v) || !aligned16(pb->out))
        SM90_NO("q, k, v and out must be 16-byte aligned");
    if ((pb->q_stride_token | pb->q_stride_head | pb->o_stride_token | pb->o_stride_head) & 7)
        SM90_NO("q and out strides must be multiples of 8 elements");
    if ((pb->k_stride_token | pb->k_stride_head | pb->k_stride_page |
         pb->v_stride_token | pb->v_stride_head | pb->v_stride_page) & 7)
        SM90_NO("k and v strides must be multiples of 8 elements (TMA needs 16-byte strides)");
    const int64_t lim = (int64_t)1 << 38;    /* TMA strides < 2^40 bytes */
    if (pb->k_stride_token <= 0 || pb->v_stride_token <= 0 || pb->k_stride_page >= lim || pb->v_stride_page >= lim ||
        pb->k_stride_head >= lim || pb->v_stride_head >= lim || pb->k_stride_page < 0 || pb->v_stride_page < 0 ||
        pb->k_stride_head < 0 || pb->v_stride_head < 0)
        SM90_NO("k/v strides out of the TMA range");
    if (pb->batch > 65535 || pb->num_heads > 65535) SM90_NO("batch and heads must be <= 65535");
    if (((int64_t)pb->max_seqlen_q + SM90_BLOCK_M - 1) / SM90_BLOCK_M * pb->num_heads * pb->batch >= ((int64_t)1 << 31) - 65536)
        SM90_NO("query blocks x heads x batch must stay under 2^31 CTAs");
    if (regime == PA_SM90_GATHER) return 1;   /* cp.async gather: no tensor map */
    if (!sm90_encode_fn()) SM90_NO("cuTensorMapEncodeTiled is not available from the driver");
    sm90_maps probe; /* host only: the same maps run() will build must encode */
    int n_maps;
    if (sm90_build_maps(&probe, pb, &n_maps, tile) != CUDA_SUCCESS)
        SM90_NO("cuTensorMapEncodeTiled refuses this K/V layout");
    return 1;
#undef SM90_NO
}

/* The SM count the tail plan assumes (0: the device's; a test sets a small one, so that random
 * shapes take tail pieces: tests/test_gpu.c PA_TEST_SM90_TAIL). */
extern "C" int pa__sm90_tail_sms;
int pa__sm90_tail_sms = 0;
extern "C" long pa__sm90_tail_calls;   /* calls that took the split (tests/test_gpu.c checks it) */
long pa__sm90_tail_calls = 0;
/* M94, measurements: 0 plans the last wave of a call whose copy runs beside it as if the copy were
 * not there (M39 alone), 1 plans it for the copy at d128 and at d256 where the copy is short
 * (M106: SM90_TAIL_BESIDE_D256_LATE), 2 at every head_dim; with
 * tail_force_units > 0 and tail_force_splits in 2 .. tiles / 2, such a call splits that many units
 * that many ways instead of M94's plan */
extern "C" int pa__sm90_tail_beside, pa__sm90_tail_force_units, pa__sm90_tail_force_splits;
int pa__sm90_tail_beside = 1, pa__sm90_tail_force_units = 0, pa__sm90_tail_force_splits = 0;
/* M106 (the header; RESULTS 3.5d / 3.5e): d256 plans for the copy while it loses at most this many
 * CTA times a copy block (GQA 2.7 / 1.3 at 8 / 4 kv heads, M94 faster; MHA 5.4, M94 slower) */
#ifndef SM90_TAIL_BESIDE_D256_LATE
#define SM90_TAIL_BESIDE_D256_LATE 4.0
#endif
static double sm90_copy_lost(const pa__problem *pb);
/* The last-wave split of a call (pa_sm90_tail_plan): dense non-causal calls without a window
 * (their CTAs do equal work), unless num_splits = 1; ov_blocks > 0: a copy of the cache runs
 * beside it on that many blocks (M94), a copy of `share` of the keys (M107's straddling groups;
 * 1: the whole cache). Host fields only. */
static pa_sm90_tail sm90_tail(const pa_context *ctx, const pa__problem *pb, int ov_blocks = 0, double share = 1.0)
{
    pa_sm90_tail none;
    none.first = 0; none.units = 0; none.splits = 1;
    if (pb->num_splits == 1 || !SM90_TAIL_ON(pb->head_dim) || pb->causal || pb->window_left >= 0 || pb->cu_seqlens_q || pb->batch <= 0 ||
        pb->max_seqlen_q <= 0 || pb->num_heads <= 0 || pb->max_seq_len <= 0)
        return none;
    const int64_t m_blocks = ((int64_t)pb->max_seqlen_q + SM90_BLOCK_M - 1) / SM90_BLOCK_M;
    const int tn = sm90_tile(pb);
    const int64_t tiles = ((int64_t)pb->max_seq_len + tn - 1) / tn;
    const int sms = pa__sm90_tail_sms > 0 ? pa__sm90_tail_sms : ctx->num_sms;
    const int64_t ctas = m_blocks * pb->num_heads * pb->batch;
    const int nt = tiles > 0x40000000 ? 0x40000000 : (int)tiles;
    pa_sm90_tail t = pa_sm90_tail_plan(ctas, sms, nt);
    /* M94: the copy beside holds ov_blocks SMs for a while (d128; d256 only for a short copy, M106:
     * with a long one its plan measured slower than M39's, RESULTS 3.3z / 3.5d; tail_beside 2 plans
     * every head_dim, for tests) */
    const double lost = ov_blocks > 0 ? sm90_copy_lost(pb) * share : 0.0;   /* (share: M107 copies a share of the keys) */
    if (pa_sm90_tail_beside_on(pa__sm90_tail_beside, pb->head_dim, lost, ov_blocks, SM90_TAIL_BESIDE_D256_LATE)) {
        /* (the memo is the context's own: a context serves one thread at a time) */
        auto *m = &((pa_context *)ctx)->sm90_beside_memo;
        if (m->ctas == ctas && m->sms == sms && m->tiles == nt && m->k == ov_blocks && m->lost == lost) {
            t.first = m->first; t.units = m->units; t.splits = m->splits;
        } else {
            t = pa_sm90_tail_plan_beside(ctas, sms, nt, lost, ov_blocks);
            m->ctas = ctas; m->sms = sms; m->tiles = nt; m->k = ov_blocks; m->lost = lost;
            m->first = t.first; m->units = t.units; m->splits = t.splits;
        }
        if (pa__sm90_tail_force_units > 0 && pa__sm90_tail_force_splits >= 2 && pa__sm90_tail_force_splits <= nt / 2) {
            t.units = (int)(pa__sm90_tail_force_units < ctas ? pa__sm90_tail_force_units : ctas);
            t.first = ctas - t.units; t.splits = pa__sm90_tail_force_splits;
        }
    }
    if (t.splits < 2) return none;
    return t;   /* (grids of 2^31 CTAs or more never get here: pa__sm90_supports refuses them) */
}
static size_t sm90_tail_o_bytes(const pa__problem *pb, const pa_sm90_tail &t)
{
    return t.splits < 2 ? 0 : (((size_t)t.units * t.splits * SM90_BLOCK_M * pb->head_dim * 4 + 255) & ~(size_t)255);
}
static size_t sm90_tail_bytes(const pa__problem *pb, const pa_sm90_tail &t)
{
    return t.splits < 2 ? 0 : sm90_tail_o_bytes(pb, t) + (((size_t)t.units * t.splits * SM90_BLOCK_M * 4 + 255) & ~(size_t)255);
}

/* M80, the copy regime (session 43): a paged call may instead copy its keys and values into the
 * workspace as a contiguous NHD cache (kv_copy.cu: 2 x batch x max_seq_len x kv heads x head_dim
 * elements) and run the contiguous kernel on that. The copy moves every key twice through DRAM (read, write) where the
 * gather spends the consumers' issue slots (+6..10% at pages 1..4, RESULTS 2.53 / 2.54), so it
 * wins when the call's attention time per key is long: many query rows, few kv heads. M81
 * (session 44): the TMA page regimes too, whose per-tile boxes cost +1..4%; with few kv heads
 * (GQA) the copy's bytes shrink while the attention's time does not. Taken when the estimate
 * below says it is faster and pa_context_set_kv_copy_limit allows its bytes. Host fields only
 * (pa_workspace_size must give the same answer as the call). */
extern "C" int pa__sm90_copy_mode;   /* tests: 0 the estimate decides, 1 copy whenever the limit allows, -1 never */
int pa__sm90_copy_mode = 0;
extern "C" long pa__sm90_copy_calls;   /* calls that took the copy (tests/test_gpu.c prints it) */
long pa__sm90_copy_calls = 0;
/* M82, tests and measurements: the copy's blocks beside the attention; 0 the estimate decides,
 * n > 0 n blocks whenever a call copies, -1 never beside (M80's copy first, on every SM) */
extern "C" int pa__sm90_copy_ctas;
int pa__sm90_copy_ctas = 0;
extern "C" long pa__sm90_copy_overlap_calls;   /* calls that copied beside the attention */
long pa__sm90_copy_overlap_calls = 0;
/* Measurement only (pa-bench --copy-nowait; NOTES session 72): 1 makes the attention beside a copy
 * wait for no counter, so that a timing holds the copy's SMs and memory traffic but none of the
 * attention's waits. The attention then reads whatever the workspace held (the previous call's
 * copy when a benchmark repeats one call: the same bytes), so results are wrong on a first call. */
extern "C" int pa__sm90_copy_nowait;
int pa__sm90_copy_nowait = 0;
/* M82's per-SM rate (bytes of K and V read, and as many written, per second and SM): the copy
 * kernel alone at 8 / 16 / 32 blocks, d128 B4 H16 8k, ncu (s45c): 32 / 31 / 27 GB/s */
#define SM90_COPY_OV_RATE 30e9
/* The copy beside's cost as sm90_copy_blocks models it, times this at d128 (M92, session 62, RESULTS
 * 3.3v: beside the d128 MHA 8k non-causal attention the copy on 8 / 16 blocks cost +3.6..3.9%,
 * the model 2.5%). Timed in 3.3w: with sm90_runs_extra (M93) the d128 MHA non-causal calls read
 * page 100 in place (+3.3 against the copy beside's +3.7) and copy beside at page 51 (+3.5 against
 * +5.0 in place); GQA 16 / 2 takes the copy before (the scale moves the copy beside past it: +0.8
 * against +1.3); the gather pages (1..7: the copy beside ~3.8% against an in-place ~8.5%) still
 * copy beside. 1.0: the model as it was. M94 (session 65, RESULTS 3.3z): with the last wave planned
 * for the copy the copy beside costs d128 MHA 8k +3.0% (median of 5 at page 100, +3.1 at 51; M39's
 * plan +3.7), so 1.2 (page 100 then copies beside: 114 us against the in-place 125; GQA 16 / 2
 * still copies before, 32 against 28 us). */
#ifndef SM90_COPY_OV_SCALE_D128
#define SM90_COPY_OV_SCALE_D128 1.2
#endif
/* the same at d256 (M93, session 64, RESULTS 3.3w: beside the d256 MHA 8k non-causal attention the
 * copy cost +2.5..4.1%, median 3.5, where the model says 2.8%) */
#ifndef SM90_COPY_OV_SCALE_D256
#define SM90_COPY_OV_SCALE_D256 1.25
#endif
static size_t sm90_copy_tensor_bytes(const pa__problem *pb)
{
    return ((size_t)pb->batch * (size_t)pb->max_seq_len * (size_t)pb->num_kv_heads * (size_t)pb->head_dim * 2 + 255) & ~(size_t)255;
}
/* pb with its cache replaced by the copy at dk / dv (NULL: host fields only) */
static pa__problem sm90_copied(const pa__problem *pb, void *dk, void *dv)
{
    pa__problem c = *pb;
    const int64_t row = (int64_t)pb->num_kv_heads * pb->head_dim;
    c.k = dk ? dk : (const void *)(uintptr_t)256;   /* (an aligned stand-in for supports()' probe) */
    c.v = dv ? dv : (const void *)(uintptr_t)256;
    c.k_stride_token = c.v_stride_token = row;
    c.k_stride_head = c.v_stride_head = pb->head_dim;
    c.k_stride_page = c.v_stride_page = row * pb->max_seq_len;
    c.page_size = pb->max_seq_len > 0 ? pb->max_seq_len : 1;
    c.num_pages = pb->batch > 0 ? pb->batch : 1;
    c.page_table = NULL;
    c.page_table_stride = 0;
    return c;
}
/* The contiguous kernel's rate on one SM, FLOP/s (H200, RESULTS 2.53 / 2.54: d64 ~430, d128 ~580,
 * d256 ~680 TFLOPS on 132 SMs): the host estimates' attention time */
static double sm90_sm_rate(int head_dim)
{
    return head_dim == 64 ? 430e12 / 132 : head_dim == 128 ? 580e12 / 132 : 680e12 / 132;
}
/* M94: the SM time of the copy beside the attention (its bytes at SM90_COPY_OV_RATE), counted in
 * the copied call's CTA times (128 query rows over every key): what its blocks take from the grid,
 * for the last wave's plan (pa_sm90_tail_plan_beside; it runs only for dense non-causal calls) */
static double sm90_copy_lost(const pa__problem *pb)
{
    const double bytes = 2.0 * (double)sm90_copy_tensor_bytes(pb);
    const double cta = 4.0 * SM90_BLOCK_M * (double)pb->max_seq_len * pb->head_dim / sm90_sm_rate(pb->head_dim);
    return cta > 0 ? bytes / SM90_COPY_OV_RATE / cta : 0.0;
}

/* M93 (session 64, RESULTS 3.3w..3.3y): what reading page runs in place adds to a d128 / d256
 * call, as a share of its attention time. It grows with the TMA boxes a tile's panel warp issues
 * (the plan's own count, per 128 keys). pa-bench's paired rows (B4 H16 8k, non-causal): d128 read
 * +3.3% at page 100 (4.9 boxes per 128 keys on 176-key tiles) and +5.05% at page 51 (11.5 boxes)
 * on the H100, +4.3..4.5 at pages 77 / 127 (7.9 / 7.0) on the H200; d256 +1.9 / +2.6% at page 100
 * (4.9; H100 / H200), +2.9 at 77 (6.7), +3.4 / +3.9 at 51 (8.5), where the copy beside costs
 * +3.3..3.5: the d128 line through the H100 pair, the d256 line so that page 51 copies and 77 reads
 * in place (3.3y: page 51 then +3.4 beside against +4.1 in place). (d64 keeps the flat ncu figure
 * below: no pa-bench pair measured.) */
static double sm90_runs_extra(const pa__problem *pb, int tile)
{
    const int d = pb->head_dim;
    const double b = pa_sm90_runs_issues64_ov(pb, tile, SM90_RUNS_OVERLAP_FOR(d)) / (64.0 * pa_sm90_warp_panels(pa_sm90_panels(d), 0)) * 128.0 / tile;
    const double e = d == 128 ? 0.033 + 0.00265 * (b - 4.875) : 0.022 + 0.0041 * (b - 4.906);
    return e > 0.01 ? e : 0.01;
}

/* query blocks per (sequence, head): the grid's x dimension */
static int sm90_m_blocks(const pa__problem *pb, int gather)
{
    const int bm = 64 * SM90_NWG(pb->head_dim, gather);
    return (int)(((int64_t)pb->max_seqlen_q + bm - 1) / bm);
}

/* M82: the blocks of the copy beside the attention for a call whose attention takes t_attn
 * seconds on the whole GPU: enough that the copy ends within 40% of it (the attention catches up
 * with the copy only if its item rate outruns the copy's), at least 16 (the first items' wait), at
 * most a quarter of the SMs (0: none fits, copy first on every SM). *cost: its estimated time. */
static int sm90_copy_blocks(const pa_context *ctx, const pa__problem *pb, double bytes, double t_attn, double *cost)
{
    const int sms = ctx->num_sms > 0 ? ctx->num_sms : 132;
    const double sm_time = bytes / SM90_COPY_OV_RATE;   /* one SM's seconds for the whole copy */
    *cost = 1e30;
    if (!(t_attn > 0)) return 0;
    int k = (int)ceil(sm_time / (0.4 * t_attn));
    if (k < 16) k = 16;
    if (pa__sm90_copy_ctas > 0) k = pa__sm90_copy_ctas;
    else if (k > sms / 4) return 0;
    /* the SMs it holds, as a share of the whole GPU's time, plus the first items' wait (the CTAs
     * of the first wave cover its first few (sequence, kv head) items) and 10 us for the counters'
     * memset, the extra launch and the waits (s45e: with GQA 16 / 2 the copy beside cost 0.2..0.8
     * points more than the copy first, which a 3 us term had called a tie) */
    const double per_item = (double)sm90_m_blocks(pb, 0) * pb->group;   /* CTAs a (sequence, kv head) */
    const double items = (double)pb->batch * pb->num_kv_heads;
    double first = ceil((sms - k) / per_item);
    if (first > items) first = items;
    *cost = sm_time / sms + first * (bytes / items) / (k * SM90_COPY_OV_RATE) + 10e-6;
    if (pb->head_dim == 128) *cost *= SM90_COPY_OV_SCALE_D128;
    else if (pb->head_dim == 256) *cost *= SM90_COPY_OV_SCALE_D256;
    return k;
}

/* M107 (session 76), the straddle-only copy: for d256 pages P > 8 that are not multiples of 8, the
 * copy (beside the attention, or first) writes only the 8-key groups that cross a page boundary
 * (P = 9: ~78% of the keys, 17: ~41%, 33: ~21%, 100: ~4%; pa_sm90_straddle_share) and the PAIR
 * instances with PT read every other group from its page (SM90_STRADDLE_T). Session 74 measured the
 * copy beside costing its bytes (RESULTS 3.5c); the groups in place cost about the d256 PAIR pages
 * that are multiples of 8. Built only with SM90_STRADDLE=1 (sm90_plan.h's knob): measured slower
 * than the library everywhere (RESULTS 3.5h, see M107 / M108 in the header). pa__sm90_straddle_mode, tests
 * and measurements: 1 takes it for every call that can (in such a build), 2 takes M108 instead (the
 * page-local groups, non-causal calls; sm90_plan.h pa_sm90_local_*), 0 (default) and -1 never. */
extern "C" int pa__sm90_straddle_mode;
int pa__sm90_straddle_mode = 0;
extern "C" long pa__sm90_straddle_calls;   /* calls that took it (tests/test_gpu.c prints it) */
long pa__sm90_straddle_calls = 0;
static int sm90_straddle_ok(const pa_context *ctx, const pa__problem *pb, int mode)
{
    if (!SM90_STRADDLE || pb->head_dim != 256 || !pb->page_table || !pa_sm90_straddle_pages(pb->page_size) ||
        pb->max_seq_len <= pb->page_size)
        return 0;
    if (mode == 2 && (pb->causal || pb->window_left >= 0)) return 0;   /* M108: the keys' order is free only there */
    if (pb->dtype != PA_DTYPE_BF16 && pb->dtype != PA_DTYPE_F16) return 0;
    if (!sm90_encode_fn()) return 0;
    sm90_maps probe;   /* host only: the maps the call will build must encode */
    if (sm90_straddle_maps(&probe, pb, NULL, NULL) != CUDA_SUCCESS) return 0;
    /* and the rest of what the kernel needs (alignment, strides, grid): the regime's own probe */
    const pa__problem c = sm90_copied(pb, NULL, NULL);
    return pa__sm90_supports(ctx, &c, NULL, 0);
}

/* the share of the keys a call's copy writes: all, M107's straddling groups, or M108's remainder rows */
static double sm90_copy_share(const pa__problem *pb, int straddle)
{
    return straddle == 2 ? pa_sm90_local_share(pb->page_size, pb->max_seq_len)
         : straddle ? pa_sm90_straddle_share(pb->page_size, pb->max_seq_len) : 1.0;
}

/* (straddle: the M107 / M108 mode taken (1 / 2), the copy then writes that share of the keys alone) */
static int sm90_copy(const pa_context *ctx, const pa__problem *pb, int *ov_blocks = NULL, int *straddle = NULL)
{
    if (ov_blocks) *ov_blocks = 0;
    if (straddle) *straddle = 0;
    if (!pb->page_table || pa__sm90_force_gather || pa__sm90_copy_mode < 0) return 0;
    if (pb->batch <= 0 || pb->max_seq_len <= 0 || pb->max_seqlen_q <= 0 || pb->num_heads <= 0) return 0;
    const int tile = sm90_tile(pb), regime = sm90_regime_t(pb, tile);
    const double bytes = 2.0 * (double)sm90_copy_tensor_bytes(pb);   /* K and V */
    if (bytes > (double)ctx->kv_copy_limit) return 0;
    if ((double)pb->batch * pb->max_seq_len * pb->num_kv_heads * (pb->head_dim / 8) >= (double)(1 << 30)) return 0;   /* kv_copy.cu's 32-bit chunk index */
    /* M107 / M108 (forced): their share of the bytes; no estimate (their probes are sm90_straddle_ok's) */
    const int str = pa__sm90_straddle_mode > 0 && sm90_straddle_ok(ctx, pb, pa__sm90_straddle_mode) ? pa__sm90_straddle_mode : 0;
    const double cbytes = bytes * sm90_copy_share(pb, str);
    /* the attention's time at the contiguous kernel's rate (sm90_sm_rate) against the copy's
     * (read and write at 85% of the peak DRAM bandwidth); the copy must beat what the gather adds
     * to the attention (RESULTS 2.53 / 2.54 at ncu: d64 +6, d128 +8.5 / +9.5 causal, d256 +7.5 / +7). */
    const double sq = pb->max_seqlen_q, sk = pb->max_seq_len;
    double keys = pb->causal ? ((sk > sq ? sk - sq : 0.0) + sk) / 2 : sk;
    if (pb->window_left >= 0 && keys > pb->window_left + 1.0) keys = pb->window_left + 1.0;
    const double flops = 4.0 * pb->batch * pb->num_heads * sq * keys * pb->head_dim;
    const double t_attn = flops / (sm90_sm_rate(pb->head_dim) * (ctx->num_sms > 0 ? ctx->num_sms : 132));
    const double t_copy = 4e-6 + 2.0 * cbytes / (0.85 * (ctx->mem_bw > 0 ? ctx->mem_bw : 3.35e12));   /* + its launch */
    double t_ov = 1e30;
    const int k = pa__sm90_copy_ctas >= 0 ? sm90_copy_blocks(ctx, pb, cbytes, t_attn, &t_ov) : 0;
    const int beside = k > 0 && (t_ov < t_copy || pa__sm90_copy_ctas > 0);   /* M82 */
    const double t_best = beside ? t_ov : t_copy;
    if (!str && pa__sm90_copy_mode <= 0) {
        const int d = pb->head_dim;
        double extra = d == 64 ? 0.06 : d == 128 ? (pb->causal ? 0.095 : 0.085) : (pb->causal ? 0.07 : 0.075);
        if (regime != PA_SM90_GATHER) {   /* M81: what the TMA regimes add (RESULTS 2.53..2.55, ncu), less a fifth for margin */
            const int g = pa_sm90_box_rows_t(pb, tile);
            if (regime != PA_SM90_RUNS && g >= 64) return 0;   /* 1..2 boxes a tile: +0.6..1.6%, the copy no better (s44c) */
            /* M93: pa-bench's own figures, no margin; the table's runs (M104, d64 / d128, RESULTS 3.4s /
             * 3.4t: +0.8..2.7% in place at ncu, pages 12..100) take the flat figure. d128 pages 9..11
             * (more than 13 boxes per 128 keys) took 0.04 (+3.3..4.6 in place) until M116: since
             * M114 / M115 they read +2.1..2.8 in place at ncu (RESULTS 3.5w), so the flat figure too */
            if (regime == PA_SM90_RUNS && PA_SM90_TABLE_RUNS(d))   /* (M111, RESULTS 3.5o: d64's split boxes, pages 9..16 +1.4..2.6 in place) */
                extra = d == 64 && SM90_RUNS_SPLIT_D64 ? 0.8 * 0.02 : 0.8 * 0.028;
            else if (regime == PA_SM90_RUNS) extra = sm90_runs_extra(pb, tile);
            else extra = 0.8 * (g <= 8 ? (d == 64 ? 0.035 : d == 128 ? 0.028 : 0.027) : (d == 64 ? 0.02 : 0.015));
        }
        if (!(t_best < extra * t_attn)) return 0;
    }
    /* the contiguous kernel must run the copy (asked last: the probe encodes tensor maps, host
     * work every call would otherwise pay, copy or not; M107 / M108 asked it in sm90_straddle_ok) */
    if (!str) {
        const pa__problem c = sm90_copied(pb, NULL, NULL);
        if (!pa__sm90_supports(ctx, &c, NULL, 0)) return 0;
    }
    if (straddle) *straddle = str;
    if (ov_blocks && beside) *ov_blocks = k;
    return 1;
}

/* the workspace of a call that copies: K and V's copies, then the copied problem's tail pieces */
static size_t sm90_copy_ready_bytes(const pa__problem *pb)   /* M82's counters, one a (sequence, kv head) */
{
    return ((size_t)pb->batch * (size_t)pb->num_kv_heads * 4 + 255) & ~(size_t)255;
}
/* (ov_blocks: the copy's blocks beside the attention, 0 the copy first) */
static size_t sm90_copy_workspace(const pa_context *ctx, const pa__problem *pb, int ov_blocks, double share = 1.0)
{
    const pa__problem c = sm90_copied(pb, NULL, NULL);
    return 2 * sm90_copy_tensor_bytes(pb) + sm90_copy_ready_bytes(pb) + sm90_tail_bytes(&c, sm90_tail(ctx, &c, ov_blocks, share));
}
/* M117 (session 85; measured and adopted in session 86, RESULTS 3.5z): a call whose copy is over
 * kv_copy_limit runs as calls over groups of its kv heads (and their query heads), each group's
 * copy within the limit, one after the other on the call's stream, all in one workspace (stream
 * order keeps a group's copy behind the previous group's attention). Why: at 65536 keys the copy of
 * K and V (d128 B4 H16: 2.1 GB) is over the default 1 GiB, so pages 1..4 read by the gather, +7.8..9.7
 * where 8192's copy costs +4..5 (RESULTS 3.5y, 3.5z, 2.72). Taken only where the estimate would
 * copy the first group. With lse, a group writes its heads' columns of the whole call's
 * [total_q][num_heads] rows (lse_stride_token). pa__sm90_copy_split: 1 on (default), 0 off. */
extern "C" int pa__sm90_copy_split;
int pa__sm90_copy_split = 1;
extern "C" long pa__sm90_split_calls;   /* calls that ran as groups (tests/test_gpu.c prints it) */
long pa__sm90_split_calls = 0;
#if SM90_EARLY
extern "C" long pa__sm90_early_calls;   /* M119a: calls that took p.early (tests/test_gpu.c prints it) */
long pa__sm90_early_calls = 0;
#endif
/* lse's row stride in floats: the call's own heads, or the whole call's in one of M117's groups */
static int64_t sm90_lse_stride(const pa__problem *pb)
{
    return pb->lse_stride_token ? pb->lse_stride_token : pb->num_heads;
}
/* the call over kv heads [h0, h0 + n) and their query heads (pa__sm90_supports asks for 16-byte
 * aligned pointers and strides of 8 elements, so every group's pointers stay aligned) */
static pa__problem sm90_head_group(const pa__problem *pb, int h0, int n)
{
    pa__problem g = *pb;
    const int64_t e = 2;   /* bf16 / f16 */
    g.q = (const char *)pb->q + (int64_t)h0 * pb->group * pb->q_stride_head * e;
    g.k = (const char *)pb->k + (int64_t)h0 * pb->k_stride_head * e;
    g.v = (const char *)pb->v + (int64_t)h0 * pb->v_stride_head * e;
    g.out = (char *)pb->out + (int64_t)h0 * pb->group * pb->o_stride_head * e;
    if (pb->lse) g.lse = pb->lse + (int64_t)h0 * pb->group;   /* (its rows keep the whole call's stride) */
    g.lse_stride_token = sm90_lse_stride(pb);
    g.num_kv_heads = n;
    g.num_heads = n * pb->group;
    return g;
}
/* kv heads a group takes (pa_sm90_split_heads), 0: the call runs whole */
static int sm90_copy_split_heads(const pa_context *ctx, const pa__problem *pb)
{
    /* (sm90_copy on the first group asks the rest: forced gather, copy mode, empty calls) */
    if (!pa__sm90_copy_split || !pb->page_table) return 0;
    if (pb->dtype != PA_DTYPE_BF16 && pb->dtype != PA_DTYPE_F16) return 0;   /* (sm90_head_group's 2 bytes) */
    const int64_t head_bytes = (int64_t)pb->batch * pb->max_seq_len * pb->head_dim * 2;
    const int n = pa_sm90_split_heads(head_bytes, pb->num_kv_heads, (double)ctx->kv_copy_limit);
    if (n <= 0) return 0;
    const pa__problem g0 = sm90_head_group(pb, 0, n);
    return sm90_copy(ctx, &g0) ? n : 0;   /* (its bytes fit: the estimate alone decides) */
}
/* the workspace of a split call: the larger of its two group sizes' (n a group, the last one
 * fewer), each what pa__sm90_attention will ask of that group (a group fits: it never splits) */
static size_t sm90_split_workspace(const pa_context *ctx, const pa__problem *pb, int n)
{
    const int last = pb->num_kv_heads - (pb->num_kv_heads - 1) / n * n;
    const pa__problem g = sm90_head_group(pb, 0, n), gl = sm90_head_group(pb, 0, last);
    const size_t w = pa__sm90_workspace(ctx, &g), wl = pa__sm90_workspace(ctx, &gl);
    return w > wl ? w : wl;
}

/* M100: a paged PAIR call of 128-key d128 tiles in at least SM90_PAIR_TABLE_BOXES boxes a tile
 * takes the PT instances and the table */
#ifndef SM90_PAIR_TABLE_BOXES
#define SM90_PAIR_TABLE_BOXES 8
#endif
static int sm90_pair_table_on(const pa__problem *pb, int tile)
{
    return SM90_PAIR_TABLE && (pb->head_dim == 128 || (pb->head_dim == 64 && SM90_PAIR_TABLE_D64)) && pb->page_table &&
           (tile == PA_SM90_TILE || (SM90_PAIR_TABLE_W && tile == SM90_WIDE_N)) &&
           tile / pa_sm90_tile_box_rows(tile, pb->page_size, 1) >= SM90_PAIR_TABLE_BOXES;
}
/* the run table's bytes (M99): page runs (the SM90_RUN_TABLE_T instances) and M100's PAIR calls,
 * for the call's tile and regime */
static size_t sm90_table_bytes_t(const pa__problem *pb, int tile, int regime)
{
    if (!SM90_RUN_TABLE || !pb->page_table || pb->max_seq_len <= 0) return 0;
    const int d = pb->head_dim;
    const int runs = regime == PA_SM90_RUNS && (tile == SM90_WIDE_N ? d == 128 && SM90_RUN_TABLE_W   /* (M103) */
                                                : d == 128 || (d == 64 && SM90_RUN_TABLE_D64) || (d == 256 && SM90_RUN_TABLE_D256));
    if (!runs && !(regime == PA_SM90_PAIRS && sm90_pair_table_on(pb, tile))) return 0;
    return (size_t)pb->batch * (size_t)((pb->max_seq_len + tile - 1) / tile) * 512;
}
static size_t sm90_table_bytes(const pa__problem *pb)
{
    const int tile = sm90_tile(pb);
    return sm90_table_bytes_t(pb, tile, sm90_regime_t(pb, tile));
}
/* M109 (SM90_FT builds; measurements and tests): pa__sm90_ft 1 makes every paged call that the run
 * table's instances serve read its pages with the copy on first read (pa-bench --ft, PA_TEST_SM90_FT),
 * where pa_context_set_kv_copy_limit allows the copy's bytes; 0 (default) never. Its calls: */
extern "C" int pa__sm90_ft;
int pa__sm90_ft = 0;
extern "C" long pa__sm90_ft_calls;
long pa__sm90_ft_calls = 0;
static size_t sm90_ft_flag_bytes(const pa__problem *pb, int tile)
{
    return ((size_t)pb->batch * pb->num_kv_heads * (size_t)((pb->max_seq_len + tile - 1) / tile) * 16 + 255) & ~(size_t)255;
}
/* the workspace M109 adds: the copy (K, V) and the flags */
static size_t sm90_ft_bytes(const pa__problem *pb)
{
    return 2 * sm90_copy_tensor_bytes(pb) + sm90_ft_flag_bytes(pb, sm90_tile(pb));
}
static int sm90_ft_on(const pa_context *ctx, const pa__problem *pb)
{
    if (!SM90_FT || pa__sm90_ft <= 0 || !pb->page_table || pa__sm90_force_gather) return 0;
    if (pb->batch <= 0 || pb->max_seq_len <= 0 || pb->max_seqlen_q <= 0 || pb->num_heads <= 0) return 0;
    const int tile = sm90_tile(pb), regime = sm90_regime_t(pb, tile);
    if (regime != PA_SM90_RUNS || sm90_table_bytes_t(pb, tile, regime) == 0) return 0;
    if (2.0 * (double)sm90_copy_tensor_bytes(pb) > (double)ctx->kv_copy_limit) return 0;
    if (!sm90_encode_fn()) return 0;
    const pa__problem c = sm90_copied(pb, NULL, NULL);   /* the copy's map must encode */
    CUtensorMap m;
    return sm90_kv_map(&m, &c, c.k, c.k_stride_token, c.k_stride_head, c.k_stride_page, tile) == CUDA_SUCCESS;
}

/* The least workspace a call accepts: without the copy (a workspace too small for it reads the
 * pages in place; the copy is only ever a speed-up): the last wave's pieces, then the run table */
extern "C" size_t pa__sm90_workspace_min(const pa_context *ctx, const pa__problem *pb)
{
    return sm90_tail_bytes(pb, sm90_tail(ctx, pb)) + sm90_table_bytes(pb);
}
extern "C" size_t pa__sm90_workspace(const pa_context *ctx, const pa__problem *pb)
{
    int blocks = 0, straddle = 0, sn;
    const size_t least = pa__sm90_workspace_min(ctx, pb);
    if (sm90_ft_on(ctx, pb)) return least + sm90_ft_bytes(pb);   /* M109 */
    if (sm90_copy(ctx, pb, &blocks, &straddle)) {
        const size_t c = sm90_copy_workspace(ctx, pb, blocks, sm90_copy_share(pb, straddle));
        return c > least ? c : least;
    }
    if ((sn = sm90_copy_split_heads(ctx, pb)) > 0) {   /* M117 */
        const size_t c = sm90_split_workspace(ctx, pb, sn);
        return c > least ? c : least;
    }
    return least;
}

static pa_status sm90_attention(pa_context *ctx, const pa__problem *pb, void *ws, size_t ws_bytes,
                                const uint32_t *kv_ready = NULL, uint32_t kv_ready_need = 0, int ov_blocks = 0,
                                const void *sdk = NULL, const void *sdv = NULL, int smode = 0, int ft = 0);
extern "C" pa_status pa__sm90_attention(pa_context *ctx, const pa__problem *pb, void *ws, size_t ws_bytes)
{
    int blocks = 0, straddle = 0;
    if (ws && sm90_ft_on(ctx, pb) && ws_bytes >= pa__sm90_workspace_min(ctx, pb) + sm90_ft_bytes(pb))   /* M109 */
        return sm90_attention(ctx, pb, ws, ws_bytes, NULL, 0, 0, NULL, NULL, 0, 1);
    const int copy = ws ? sm90_copy(ctx, pb, &blocks, &straddle) : 0;
    if (ws && !copy) {   /* M117: groups of kv heads */
        const int sn = sm90_copy_split_heads(ctx, pb);
        if (sn > 0 && ws_bytes >= sm90_split_workspace(ctx, pb, sn)) {
            __atomic_add_fetch(&pa__sm90_split_calls, 1, __ATOMIC_RELAXED);
            for (int h0 = 0; h0 < pb->num_kv_heads; h0 += sn) {
                const pa__problem g = sm90_head_group(pb, h0, pb->num_kv_heads - h0 < sn ? pb->num_kv_heads - h0 : sn);
                const pa_status s = pa__sm90_attention(ctx, &g, ws, ws_bytes);   /* (within the limit: no split) */
                if (s != PA_OK) return s;
            }
            return PA_OK;
        }
    }
    if (!copy || ws_bytes < sm90_copy_workspace(ctx, pb, blocks, sm90_copy_share(pb, straddle)))
        return sm90_attention(ctx, pb, ws, ws_bytes);   /* (a workspace too small for the copy: the pages in place) */
    const size_t half = sm90_copy_tensor_bytes(pb), rb = sm90_copy_ready_bytes(pb);
    char *dk = (char *)ws, *dv = dk + half;
    uint32_t *ready = (uint32_t *)(dk + 2 * half), need = 0;
    const pa_status s = blocks > 0 ? pa__cuda_kv_copy_overlap(ctx, pb, dk, dv, ready, blocks, &need, straddle)
                                   : pa__cuda_kv_copy(ctx, pb, dk, dv, straddle);
    if (s != PA_OK) return s;
    /* (need 0: no copy kernel was queued, so the attention is no one's dependent and waits for nothing) */
    const bool beside = blocks > 0 && need > 0;   /* a copy kernel was queued; the attention is its dependent */
    if (beside && pa__sm90_copy_nowait) need = 0;   /* (measurement: a counter of 0 passes at once) */
    void *rest = dk + 2 * half + rb;
    if (straddle) {   /* M107 / M108: the pages in place, the copied groups from the copy */
        __atomic_add_fetch(&pa__sm90_straddle_calls, 1, __ATOMIC_RELAXED);
        return sm90_attention(ctx, pb, rest, ws_bytes - 2 * half - rb, beside ? ready : NULL, need, blocks, dk, dv, straddle);
    }
    const pa__problem c = sm90_copied(pb, dk, dv);
    __atomic_add_fetch(&pa__sm90_copy_calls, 1, __ATOMIC_RELAXED);
    if (blocks > 0) __atomic_add_fetch(&pa__sm90_copy_overlap_calls, 1, __ATOMIC_RELAXED);
    return sm90_attention(ctx, &c, rest, ws_bytes - 2 * half - rb, beside ? ready : NULL, need, blocks);
}

/* (sdk / sdv: M107's copy of the straddling groups or (smode 2) M108's remainder rows, the call
 * then takes SM90_STRADDLE_T) */
static pa_status sm90_attention(pa_context *ctx, const pa__problem *pb, void *ws, size_t ws_bytes,
                                const uint32_t *kv_ready, uint32_t kv_ready_need, int ov_blocks,
                                const void *sdk, const void *sdv, int smode, int ft)
{
    if (pb->batch <= 0 || pb->max_seqlen_q <= 0 || pb->num_heads <= 0) return PA_OK;
    const int straddle = SM90_STRADDLE && sdk ? smode : 0;
    const int tile = sm90_tile(pb), wide = tile == SM90_WIDE_N, regime = straddle ? PA_SM90_PAIRS : sm90_regime_t(pb, tile);
    const int gather = regime == PA_SM90_GATHER;
    const int box_rows = straddle ? 8 : regime == PA_SM90_BOXES || regime == PA_SM90_PAIRS
                       ? pa_sm90_tile_box_rows(tile, pb->page_size, pb->page_table != NULL) : tile;
    sm90_maps maps;
    memset(&maps, 0, sizeof maps);
    int n_maps = 0;
    if (!gather) {   /* the gather path never touches the maps */
        if (!sm90_encode_fn()) return pa__fail(ctx, PA_ERR_CUDA, "sm90: cuTensorMapEncodeTiled unavailable");
        CUresult r;
        if (straddle) { r = sm90_straddle_maps(&maps, pb, sdk, sdv); n_maps = 2; }
        else r = sm90_build_maps(&maps, pb, &n_maps, tile);
        if (r != CUDA_SUCCESS)
            return pa__fail(ctx, PA_ERR_CUDA, "sm90: cuTensorMapEncodeTiled failed (CUresult %d)", (int)r);
    }

    sm90_params p;
    memset(&p, 0, sizeof p);
    p.q = (const uint16_t *)pb->q; p.q_st = pb->q_stride_token; p.q_sh = pb->q_stride_head;
    p.cu_q = pb->cu_seqlens_q; p.max_sq = pb->max_seqlen_q;
    p.o = (uint16_t *)pb->out; p.o_st = pb->o_stride_token; p.o_sh = pb->o_stride_head;
    p.lse = pb->lse; p.lse_st = sm90_lse_stride(pb);
    p.page_table = pb->page_table; p.pt_stride = pb->page_table_stride;
    p.seq_lens = pb->seq_lens; p.max_sk = pb->max_seq_len;
    p.page_size = pb->page_size; p.num_pages = pb->num_pages;
    p.box_rows = box_rows; p.boxes = tile / box_rows;
    p.box_shift = 0;
    while ((1 << p.box_shift) < box_rows) p.box_shift++;
    p.heads = pb->num_heads; p.group = pb->group;
    const int nwg = SM90_NWG(pb->head_dim, gather);   /* consumer warpgroups */
    p.m_blocks = sm90_m_blocks(pb, gather);
    p.scale = pb->scale; p.softcap = pb->softcap;
    p.sl2 = (pb->softcap > 0.f ? 1.f : pb->scale) * 1.4426950408889634f;
    p.causal = pb->causal; p.window_left = pb->window_left;
    p.runs = regime == PA_SM90_RUNS;
    p.pair_mode = straddle == 2 ? PA_SM90_PAIR_LOCAL : straddle ? PA_SM90_PAIR_STRADDLE : regime == PA_SM90_PAIRS ? pa_sm90_pair_mode_t(pb, tile) : 0;
    p.page_groups = (int32_t)pa_sm90_pair_page_groups(pb);
    p.group_hk = pb->num_kv_heads;
    p.n_maps = n_maps;
    p.run_shift = 0;
    while ((1 << p.run_shift) < pa_sm90_box_rows_t(pb, tile)) p.run_shift++;
    p.wide = sm90_pool_bytes(pb) >= ((int64_t)1 << pa__sm90_wide_log2);
    p.k = (const char *)pb->k; p.v = (const char *)pb->v;
    p.k_sp = pb->k_stride_page; p.k_st = pb->k_stride_token; p.k_sh = pb->k_stride_head;
    p.v_sp = pb->v_stride_page; p.v_st = pb->v_stride_token; p.v_sh = pb->v_stride_head;
    p.pdiv = pa_fastdiv_init((uint32_t)(pb->page_size > 0 ? pb->page_size : 1));
    pa_sm90_tail tail = sm90_tail(ctx, pb, ov_blocks, sm90_copy_share(pb, straddle));
    p.tail_first = (int32_t)tail.first; p.tail_units = tail.units; p.tail_splits = tail.splits;
    p.div_splits = pa_fastdiv_init((uint32_t)tail.splits);
    p.div_mblocks = pa_fastdiv_init((uint32_t)p.m_blocks);
    p.div_heads = pa_fastdiv_init((uint32_t)pb->num_heads);
    p.kv_ready = kv_ready; p.kv_ready_need = kv_ready_need;
#if SM90_EARLY
    /* M119a (measurement build): Q's map for the contiguous PAIR calls; PA_SM90_EARLY picks the bits */
    if (regime == PA_SM90_PAIRS && !straddle && !pb->page_table && !pb->cu_seqlens_q && !kv_ready && !ft) {
        const char *e = getenv("PA_SM90_EARLY");
        const int bits = e ? atoi(e) : 3;
        const cuuint64_t dims[3] = { (cuuint64_t)pb->head_dim, (cuuint64_t)pb->batch * (cuuint64_t)pb->max_seqlen_q,
                                     (cuuint64_t)pb->num_heads };
        const cuuint64_t strides[2] = { (cuuint64_t)pb->q_stride_token * 2, (cuuint64_t)(pb->num_heads > 1 ? pb->q_stride_head : 8) * 2 };
        const cuuint32_t box[3] = { SM90_PANEL_COLS, 64, 1 };
        if (bits && sm90_encode_nd(&maps.q, pb, 3, pb->q, dims, strides, box) == CUDA_SUCCESS) p.early = bits;
        if (p.early) __atomic_add_fetch(&pa__sm90_early_calls, 1, __ATOMIC_RELAXED);
    }
#endif
    const size_t tail_need = sm90_tail_bytes(pb, tail), table_need = straddle ? 0 : sm90_table_bytes_t(pb, tile, regime);
    if (tail.splits > 1) {
        PA_RETURN_IF(ws_bytes < tail_need || !ws, ctx, PA_ERR_WORKSPACE_TOO_SMALL,
                     "sm90 needs %zu workspace bytes for its last wave, got %zu", tail_need, ws_bytes);
        p.ws_o = (float *)ws;
        p.ws_lse = (float *)((char *)ws + sm90_tail_o_bytes(pb, tail));
    }
    if (table_need > 0) {   /* M99: the run table after the pieces' part (a multiple of 256 bytes) */
        PA_RETURN_IF(ws_bytes < tail_need + table_need || !ws, ctx, PA_ERR_WORKSPACE_TOO_SMALL,
                     "sm90 needs %zu workspace bytes for its run table, got %zu", tail_need + table_need, ws_bytes);
        p.plan = (const uint4 *)((char *)ws + tail_need);
        p.plan_tiles = (pb->max_seq_len + tile - 1) / tile;
    }
#if SM90_FT
    uint32_t *ft_flags = NULL;
    if (ft && table_need > 0 && p.runs) {   /* M109: the copy and its flags after the table */
        const size_t half = sm90_copy_tensor_bytes(pb);
        PA_RETURN_IF(ws_bytes < tail_need + table_need + sm90_ft_bytes(pb), ctx, PA_ERR_WORKSPACE_TOO_SMALL,
                     "sm90 needs %zu workspace bytes for the copy on first read, got %zu", tail_need + table_need + sm90_ft_bytes(pb), ws_bytes);
        char *dk = (char *)ws + tail_need + table_need, *dv = dk + half;
        const pa__problem c = sm90_copied(pb, dk, dv);
        CUresult r = sm90_kv_map(&maps.ftk, &c, dk, c.k_stride_token, c.k_stride_head, c.k_stride_page, tile);
        if (r == CUDA_SUCCESS) r = sm90_kv_map(&maps.ftv, &c, dv, c.v_stride_token, c.v_stride_head, c.v_stride_page, tile);
        if (r != CUDA_SUCCESS) return pa__fail(ctx, PA_ERR_CUDA, "sm90: cuTensorMapEncodeTiled failed for the copy (CUresult %d)", (int)r);
        ft_flags = (uint32_t *)(dv + half);
        p.ft = ft_flags;
        p.ft_mode = pa__sm90_ft;
    }
#else
    (void)ft;
#endif

    const int bf16 = pb->dtype == PA_DTYPE_BF16, pair = regime == PA_SM90_PAIRS;
    const int smem = sm90_smem_bytes(pb->head_dim, gather, wide);
    void (*kern)(const sm90_maps, const sm90_params);
    void (*kern_tail)(const sm90_maps, const sm90_params);
    /* the TMA kernels (PAIR or plain layout) and the gather, for tile shape W and the pieces (T) */
#define SM90_PICK_TMA(D, W, T) (pair ? (bf16 ? sm90_prefill_kernel<D, true, false, true, W, T> : sm90_prefill_kernel<D, false, false, true, W, T>) \
                                     : (bf16 ? sm90_prefill_kernel<D, true, false, false, W, T> : sm90_prefill_kernel<D, false, false, false, W, T>))
#define SM90_PICK_G(D, W, T) (bf16 ? sm90_prefill_kernel<D, true, true, false, W, T> : sm90_prefill_kernel<D, false, true, false, W, T>)
#define SM90_PICK(D, T) (gather ? SM90_PICK_G(D, false, T) : SM90_PICK_TMA(D, false, T))
#if SM90_TAIL_D64
    if (pb->head_dim == 64) { kern = SM90_PICK(64, false); kern_tail = SM90_PICK(64, true); }
#else   /* (no d64 pieces: their instances are not built) */
    if (pb->head_dim == 64) { kern = SM90_PICK(64, false); kern_tail = kern; }
#endif
    else if (pb->head_dim == 256) { kern = SM90_PICK(256, false); kern_tail = SM90_PICK(256, true); }
    else { kern = SM90_PICK(128, false); kern_tail = SM90_PICK(128, true); }
#if SM90_WIDE_ALL
    if (wide) {   /* 176-key tiles, the last wave's pieces too (a wide call is the gather only with SM90_WIDE_GATHER) */
#if SM90_WIDE_GATHER
        if (gather) { kern = SM90_PICK_G(128, true, false); kern_tail = SM90_PICK_G(128, true, true); }
        else
#endif
        { kern = SM90_PICK_TMA(128, true, false); kern_tail = SM90_PICK_TMA(128, true, true); }
    }
#endif
#if SM90_PAIR_TABLE
    if (pair && sm90_pair_table_on(pb, tile)) {   /* M100: the paged PAIR calls' own instances */
#if SM90_PAIR_TABLE_D64
        if (pb->head_dim == 64)
            kern = bf16 ? sm90_prefill_kernel<64, true, false, true, false, false, true> : sm90_prefill_kernel<64, false, false, true, false, false, true>;
        else
#endif
#if SM90_PAIR_TABLE_W
        if (wide)   /* M102 */
            kern = bf16 ? sm90_prefill_kernel<128, true, false, true, true, false, true> : sm90_prefill_kernel<128, false, false, true, true, false, true>;
        else
#endif
            kern = bf16 ? sm90_prefill_kernel<128, true, false, true, false, false, true> : sm90_prefill_kernel<128, false, false, true, false, false, true>;
    }
#endif
#if SM90_STRADDLE
    if (straddle) {   /* M107: the d256 PAIR instances with PT */
        kern = bf16 ? sm90_prefill_kernel<256, true, false, true, false, false, true> : sm90_prefill_kernel<256, false, false, true, false, false, true>;
        kern_tail = bf16 ? sm90_prefill_kernel<256, true, false, true, false, true, true> : sm90_prefill_kernel<256, false, false, true, false, true, true>;
    }
#endif
#undef SM90_PICK
#undef SM90_PICK_G
#undef SM90_PICK_TMA
    cudaError_t e = cudaFuncSetAttribute(kern, cudaFuncAttributeMaxDynamicSharedMemorySize, smem);
    if (e == cudaSuccess && tail.splits > 1)
        e = cudaFuncSetAttribute(kern_tail, cudaFuncAttributeMaxDynamicSharedMemorySize, smem);
    if (e != cudaSuccess) {
        (void)cudaGetLastError();
        return pa__fail(ctx, PA_ERR_CUDA, "sm90: cudaFuncSetAttribute: %s", cudaGetErrorString(e));
    }
    const cudaStream_t stream = (cudaStream_t)ctx->stream;
    dim3 grid((unsigned)p.m_blocks, (unsigned)pb->num_heads, (unsigned)pb->batch);
    /* programmatic dependent launch (PDL) where asked: the main grid after M82's copy (its CTAs
     * start beside the copy's blocks, which trigger it at once, and wait per (sequence, kv head) on
     * kv_ready), the last wave's pieces and their merge (below) */
    cudaLaunchAttribute pdl[1];
    pdl[0].id = cudaLaunchAttributeProgrammaticStreamSerialization;
    pdl[0].val.programmaticStreamSerializationAllowed = 1;
    cudaLaunchConfig_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.gridDim = grid;
    cfg.blockDim = dim3(128 * (nwg + 1));
    cfg.dynamicSmemBytes = (size_t)smem;
    cfg.stream = stream;
    cfg.attrs = pdl;
    cfg.numAttrs = kv_ready || (SM90_PLAN_PDL && p.plan && tail.splits < 2) ? 1 : 0;   /* (M113: after the run table's kernel; not with
                                                                                       * the last wave's pieces, which the main grid releases early) */
#if SM90_FT
    if (ft_flags) {   /* M109: every flag clear before the attention */
        e = cudaMemsetAsync(ft_flags, 0, sm90_ft_flag_bytes(pb, tile), stream);
        if (e != cudaSuccess) return pa__fail(ctx, PA_ERR_CUDA, "sm90 copy flags: %s", cudaGetErrorString(e));
        __atomic_add_fetch(&pa__sm90_ft_calls, 1, __ATOMIC_RELAXED);
    }
#endif
    if (p.plan) {   /* M99: the run table, in stream order before the attention */
        const dim3 pg((unsigned)((p.plan_tiles + 3) / 4), (unsigned)pb->batch);
        if (pb->head_dim == 64) sm90_run_plan<64><<<pg, 128, 0, stream>>>(p);
#if SM90_RUN_TABLE_D256
        else if (pb->head_dim == 256) sm90_run_plan<256><<<pg, 128, 0, stream>>>(p);
#endif
#if SM90_PAIR_TABLE_W || SM90_RUN_TABLE_W
        else if (tile == SM90_WIDE_N) sm90_run_plan<128, SM90_WIDE_N><<<pg, 128, 0, stream>>>(p);
#endif
        else sm90_run_plan<128><<<pg, 128, 0, stream>>>(p);
        e = cudaGetLastError();
        if (e != cudaSuccess) return pa__fail(ctx, PA_ERR_CUDA, "sm90 run table launch: %s", cudaGetErrorString(e));
    }
    if (tail.splits < 2 || tail.first > 0) {   /* the main grid, unless every CTA is a tail unit */
        e = cudaLaunchKernelEx(&cfg, kern, maps, p);
        if (e != cudaSuccess) {
            (void)cudaGetLastError();
            return pa__fail(ctx, PA_ERR_CUDA, "sm90 prefill launch: %s", cudaGetErrorString(e));
        }
    }
    if (tail.splits > 1) {
        /* the pieces, then their merge, each by programmatic dependent launch: the pieces start
         * when the prefill grid's last CTAs have (they call griddepcontrol.launch_dependents) and
         * take the SMs its last wave leaves; the merge waits for the pieces (griddepcontrol.wait) */
        cfg.gridDim = dim3((unsigned)(tail.units * tail.splits));
        cfg.blockDim = dim3(SM90_THREADS);
        cfg.numAttrs = tail.first > 0 ? 1 : 0;   /* alone, the pieces wait for the work before them */
        e = cudaLaunchKernelEx(&cfg, kern_tail, maps, p);   /* (e was cudaSuccess: no foreign error polled) */
        void (*comb)(const sm90_params) = pb->head_dim == 64 ? (bf16 ? sm90_tail_combine<64, true> : sm90_tail_combine<64, false>)
                                        : pb->head_dim == 256 ? (bf16 ? sm90_tail_combine<256, true> : sm90_tail_combine<256, false>)
                                        : (bf16 ? sm90_tail_combine<128, true> : sm90_tail_combine<128, false>);
        cfg.gridDim = dim3((unsigned)(((int64_t)tail.units * SM90_BLOCK_M + 7) / 8));
        cfg.blockDim = dim3(256);
        cfg.dynamicSmemBytes = 0;
        cfg.numAttrs = 1;
        if (e == cudaSuccess) e = cudaLaunchKernelEx(&cfg, comb, p);
        if (e != cudaSuccess) {
            (void)cudaGetLastError();
            return pa__fail(ctx, PA_ERR_CUDA, "sm90 prefill (last wave) launch: %s", cudaGetErrorString(e));
        }
        __atomic_add_fetch(&pa__sm90_tail_calls, 1, __ATOMIC_RELAXED);
    }
#ifdef SM90_TRACE
    {   /* diagnostic builds: the last call's stamps to $PA_SM90_TRACE_OUT (grid dims, then 24 x u64 per CTA) */
        const char *path = getenv("PA_SM90_TRACE_OUT");
        const size_t n = (size_t)grid.x * grid.y * grid.z;
        const char *tpath = getenv("PA_SM90_TILE_TRACE_OUT");   /* the per-tile stamps (SM90_TT) */
        if (path || tpath) cudaDeviceSynchronize();
        if (path && n <= (1u << 16)) {
            static unsigned long long buf[1 << 16][24];
            cudaMemcpyFromSymbol(buf, sm90_trace_buf, n * sizeof buf[0]);
            FILE *f = fopen(path, "wb");
            if (f) {
                unsigned dims[3] = { grid.x, grid.y, grid.z };
                fwrite(dims, sizeof dims, 1, f);
                fwrite(buf, sizeof buf[0], n, f);
                fclose(f);
            }
        }
        /* the copy beside's per-block stamps (kv_copy.cu, trace builds) */
        extern void pa__kv_copy_trace_dump(const char *path);
        const char *cpath = getenv("PA_COPY_TRACE_OUT");
        if (cpath) { cudaDeviceSynchronize(); pa__kv_copy_trace_dump(cpath); }
        if (tpath) {
            static unsigned long long tb[64][2][32][8];
            cudaMemcpyFromSymbol(tb, sm90_tile_trace, sizeof tb);
            FILE *f = fopen(tpath, "wb");
            if (f) { fwrite(tb, sizeof tb, 1, f); fclose(f); }
        }
    }
#endif
    e = cudaGetLastError();
    if (e != cudaSuccess) return pa__fail(ctx, PA_ERR_CUDA, "sm90 prefill launch: %s", cudaGetErrorString(e));
    return PA_OK;
}
