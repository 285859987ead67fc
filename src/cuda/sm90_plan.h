/*
 * The sm90 prefill kernel's load plan (prefill_sm90.cu): which regime a call takes, and which TMA
 * boxes fill a 128-key tile. Plain C shared by the kernel (host and device) and by
 * tests/test_sm90_plan.c, which checks on the CPU, for every page size, that each regime's boxes
 * cover every row of a tile once (overlapping run boxes: at least once, a row's copies from the
 * same key), stay inside one page, and add up to the bytes the stage's
 * mbarrier expects (a mismatch hangs the kernel instead of failing).
 */
#ifndef PA_SM90_PLAN_H
#define PA_SM90_PLAN_H

#include "internal.h"
#include <math.h>

#ifdef __CUDACC__
#define PA_SM90_FN static __host__ __device__ __forceinline__
#else
#define PA_SM90_FN static inline
#endif

#define PA_SM90_TILE        128                  /* keys per K/V tile at head_dim 64 and 128 */
#define PA_SM90_MAX_MAPS    8                    /* tensor maps per tensor (page runs) */

/* Keys per K/V tile: 128, or 64 at head_dim 256 (a 64-key tile of 512-byte rows keeps two
 * stages of K and V plus Q inside shared memory). A tile's row is head_dim / 64 panels of 128 B. */
PA_SM90_FN int pa_sm90_tile_n(int head_dim) { return head_dim == 256 ? 64 : PA_SM90_TILE; }
PA_SM90_FN int pa_sm90_panels(int head_dim) { return head_dim / 64; }

#ifndef SM90_RUNS_MIN        /* build knob (dev_variants.sh): a huge value turns page runs off */
#define SM90_RUNS_MIN 43     /* from 43 keys up a tile spans at most 4 page runs */
#endif
/* build knob: the fewest rows a per-panel TMA box may have (fewer: the gather). 4 measured +26..40%
 * against the gather at pages 4 / 12 (prefill_sm90.cu M43, bench/RESULTS.md 3.1x). */
#ifndef SM90_BOX_MIN
#define SM90_BOX_MIN 8
#endif
#ifndef SM90_PAIRS_ON        /* build knob: 0 turns the PAIR layout off (one box per panel) */
#define SM90_PAIRS_ON 1
#endif
/* build knob (M90, measured in session 60, RESULTS 3.3u): 1 lets the GLOBAL map serve
 * pools whose pages lie apart, when the page stride is a whole number of 8-token groups, the same
 * for K and V (e.g. one tensor whose pages hold K then V: a stride of twice the page, NHD or HND;
 * in HND the groups of one head and the next overlap in the map, which TMA allows). */
#ifndef SM90_PAIR_STRIDED
#define SM90_PAIR_STRIDED 1
#endif

/* Regimes (prefill_sm90.cu's header): PAIR layout boxes, per-panel boxes, page runs, gather. */
enum { PA_SM90_BOXES, PA_SM90_RUNS, PA_SM90_PAIRS, PA_SM90_GATHER };
/* PAIR layout map kinds (5-D maps; a box is g rows of both 64-column panels, landing as 8-row
 * groups of 2 KB):
 * GLOBAL: (64 cols, 8 rows, 2 panels, 8-row group of the whole pool, kv head): pages dense in
 *         rows (page stride = page size x token stride: NHD pools, contiguous caches); with
 *         SM90_PAIR_STRIDED, any page stride of G whole 8-token groups (page p's first group is
 *         p x G: pa_sm90_pair_page_groups);
 * HEADS:  (64 cols, 8 rows, 2 panels, 8-row group of the page, page x kv heads): pages dense in
 *         heads (page stride = kv heads x head stride: HND pools);
 * PAGE8:  (64 cols, 8 rows, 2 panels, kv head, page): page size 8 with a table, any strides;
 * STRADDLE (M107, d256 pages that are not multiples of 8, below): two maps of 8-row boxes, the
 *         page map (64 cols, page rows, panels, kv head, page) and the straddle copy's
 *         (64 cols, max_seq_len rows, panels, kv head, sequence); a box starts at any row.
 * LOCAL (M108, the same maps, non-causal d256 pages that are not multiples of 8): the tile's
 *         slots hold the keys in another order (pa_sm90_local_*, below). */
enum { PA_SM90_PAIR_GLOBAL = 1, PA_SM90_PAIR_HEADS, PA_SM90_PAIR_PAGE8, PA_SM90_PAIR_STRADDLE, PA_SM90_PAIR_LOCAL };

/* Rows per box for a tile of `tile` keys: the largest power of two dividing both the page size
 * and the tile, so a box never crosses a page (tiles start at multiples of the tile; page 48: 16,
 * 672: 32, 8: 8; the wide tiles of SM90_N176 / N192_D64, 176 and 192, too); without a page table
 * the whole tile. */
PA_SM90_FN int pa_sm90_tile_box_rows(int tile, int page_size, int has_table)
{
    int g = 1;
    if (!has_table) return tile;
    while (tile % (2 * g) == 0 && page_size % (2 * g) == 0) g *= 2;
    return g;
}

/* The plan functions below come in two forms: for the head_dim's tile (pa_sm90_tile_n) and, with
 * _t, for a given tile (the wide tiles' 176 keys at d128, SM90_WIDE_ALL in prefill_sm90.cu). */
static inline int pa_sm90_box_rows_t(const pa__problem *pb, int tile)
{
    return pa_sm90_tile_box_rows(tile, pb->page_size, pb->page_table != NULL);
}
static inline int pa_sm90_box_rows(const pa__problem *pb)
{
    return pa_sm90_box_rows_t(pb, pa_sm90_tile_n(pb->head_dim));
}

/* The smallest page size whose runs a tile of `tile` keys spans at most 4 of (a first partial run,
 * then whole pages): 43 at 128 keys, 59 at 176. */
static inline int pa_sm90_runs_min(int tile)
{
    return (tile + 1) / 3 > SM90_RUNS_MIN ? (tile + 1) / 3 : SM90_RUNS_MIN;
}

/* The GLOBAL map's 8-token groups from one page's start to the next (the kernel's p.page_groups):
 * page_size / 8 for pages dense in rows (and only for them); with SM90_PAIR_STRIDED, a page stride
 * of a whole number (at least page_size / 8) of 8-token groups, the same for K and V; else 0. */
static inline int64_t pa_sm90_pair_page_groups(const pa__problem *pb)
{
    const int64_t ps = pb->page_size, gk = 8 * pb->k_stride_token, gv = 8 * pb->v_stride_token;
    if (pb->num_pages == 1 || (pb->k_stride_page == ps * pb->k_stride_token && pb->v_stride_page == ps * pb->v_stride_token))
        return ps / 8;
    if (!SM90_PAIR_STRIDED || gk <= 0 || gv <= 0 || pb->k_stride_page % gk || pb->v_stride_page % gv) return 0;
    if (pb->k_stride_page / gk != pb->v_stride_page / gv || pb->k_stride_page / gk < ps / 8) return 0;
    return pb->k_stride_page / gk;
}
/* the GLOBAL map's group extent: up to the last page's last group */
static inline int64_t pa_sm90_pair_global_groups(const pa__problem *pb, int64_t page_groups)
{
    return (pb->num_pages - 1) * page_groups + pb->page_size / 8;
}
/* The PAIR layout's map kind, or 0: it needs boxes of 8+ rows inside a page, whole 8-row groups
 * and a pool whose pages a 5-D map can address; per-page boxes only with a table (a contiguous
 * cache of capacity 8 takes whole-tile boxes). */
static inline int pa_sm90_pair_mode_t(const pa__problem *pb, int tile)
{
    const int64_t hk = pb->num_kv_heads, np = pb->num_pages, ps = pb->page_size;
    if (!SM90_PAIRS_ON || pa_sm90_box_rows_t(pb, tile) < 8 || ps % 8) return 0;
    const int64_t pg = pa_sm90_pair_page_groups(pb);
    const int fits = pg && pa_sm90_pair_global_groups(pb, pg) < ((int64_t)1 << 31);
    if (fits && pg == ps / 8) return PA_SM90_PAIR_GLOBAL;   /* pages dense in rows */
    if ((np == 1 || (pb->k_stride_page == hk * pb->k_stride_head && pb->v_stride_page == hk * pb->v_stride_head)) &&
        np * hk < ((int64_t)1 << 31))
        return PA_SM90_PAIR_HEADS;
    if (ps == 8 && pb->page_table) return PA_SM90_PAIR_PAGE8;
    /* pages apart (after the dense forms: a dense HND pool keeps HEADS, page 8 keeps PAGE8) */
    return fits ? PA_SM90_PAIR_GLOBAL : 0;
}
static inline int pa_sm90_pair_mode(const pa__problem *pb)
{
    return pa_sm90_pair_mode_t(pb, pa_sm90_tile_n(pb->head_dim));
}

/* Plain layout (BOXES, RUNS): panel warp pnl (0, 1) loads panels pnl, pnl + 2, ..: this many
 * (head_dim 64 has one panel, so warp 1 loads none and arrives with no bytes). */
PA_SM90_FN int pa_sm90_warp_panels(int panels, int pnl) { return (panels - pnl + 1) / 2; }
/* M111 (session 81, RESULTS 3.5o): at d64 a tile is one 64-column panel, so panel warp 1 (and 3)
 * had no boxes and warp 0 (2) issued every page-run box of a tile on its own sub-partition. The run
 * table's d64 instances split each tensor's boxes between its two panel warps: the box of table
 * lane `lane` goes to warp pa_sm90_split_warp(lane), and each warp announces its own boxes' bytes.
 * Why: a warpgroup's wgmma waits for its slowest warp, so the sub-partition with the most producer
 * instructions sets the pace (RESULTS 3.5l / 3.5m). 0 builds the old SASS. */
#ifndef SM90_RUNS_SPLIT_D64
#define SM90_RUNS_SPLIT_D64 1
#endif
PA_SM90_FN int pa_sm90_split_warp(int lane) { return lane & 1; }

/* Page runs, overlapping boxes (prefill_sm90.cu's SM90_RUNS_OVERLAP_D<D>, session 23): a run
 * whose length in box-row units is not a power of two takes two boxes, the top bit's height from the run's first row and
 * the rest's height rounded up to a power of two ending at its last row; the two overlap when the
 * rest is not a power of two, and then copy the same keys into the same rows, so the stage holds
 * the same bytes and its mbarrier expects the boxes' sum. At most two boxes a run (the exact cut
 * takes one per set bit), for at most 4/3 of its bytes. */
PA_SM90_FN int pa_sm90_popc(unsigned u) { int n = 0; while (u) { n += (int)(u & 1u); u >>= 1; } return n; }
PA_SM90_FN int pa_sm90_top_bit(unsigned u) { int k = -1; while (u) { k++; u >>= 1; } return k; }
/* boxes for a run of `units` box-row units */
PA_SM90_FN int pa_sm90_run_boxes(unsigned units, int overlap)
{
    const int n = pa_sm90_popc(units);
    return overlap && n > 2 ? 2 : n;
}

/* Page runs: the TMA boxes one panel warp issues over 64 consecutive tiles (a run of len keys
 * takes one box per set bit of len / box rows; a warp loads (panels + 1) / 2 panels). The
 * runs-or-gather rule below counts the exact cuts (overlap 0), as measured in RESULTS 2.13. */
static inline int pa_sm90_runs_issues64_ov(const pa__problem *pb, int tile, int overlap)
{
    const int ps = pb->page_size, g = pa_sm90_box_rows_t(pb, tile);
    int total = 0, t;
    for (t = 0; t < 64; t++) {
        const int r0 = (int)(((int64_t)t * tile) % ps);
        int s = 0;
        while (s < tile) {
            const int avail = s == 0 ? ps - r0 : ps, len = avail < tile - s ? avail : tile - s;
            total += pa_sm90_run_boxes((unsigned)(len / g), overlap);
            s += len;
        }
    }
    return total * pa_sm90_warp_panels(pa_sm90_panels(pb->head_dim), 0);
}
static inline int pa_sm90_runs_issues64_t(const pa__problem *pb, int tile)
{
    return pa_sm90_runs_issues64_ov(pb, tile, 0);
}
static inline int pa_sm90_runs_issues64(const pa__problem *pb)
{
    return pa_sm90_runs_issues64_t(pb, pa_sm90_tile_n(pb->head_dim));
}

/* Page runs or the gather, for the page sizes both can serve: measured side by side on the H200
 * (bench/RESULTS.md 2.13, pages 43..127, fragmented tables). A warp's box issue time grows with
 * its boxes per tile and shrinks with the tile's compute time: at head_dim 64 runs cost +12..16%
 * at 10+ boxes per tile (43, 51, 63) against the gather's +9.4%, and +4..6% at 5..9 (77, 100,
 * 127); at 128 runs (+4..5.6%) always beat the gather (+9.5%). At 256 the gather won in 2.13
 * (+4% against +4.4..10%), but since the d256 consumers got faster (lazy rescaling, session 10)
 * the gather's producer sets the pace: at ncu's locked clocks, pages 51/77/100/127, runs cost
 * +2.5..4.2% and the gather +8.8..9.6% (RESULTS 3.1n), so d256 takes runs. */
static inline int pa_sm90_runs_lose(const pa__problem *pb)
{
    /* Session 70 (RESULTS 3.4r, ncu, H100): since M101 the d64 page runs read their plan from the
     * run table, and runs now beat the gather at every d64 odd page 43..63 measured (43 / 47 / 51 /
     * 57 / 63, both masks: -0.8..-3.4%), so no call takes the gather for this reason any more.
     * PA_SM90_RUNS_GATHER_D64 builds the old rule back for measurements. */
#ifdef PA_SM90_RUNS_GATHER_D64
    if (pb->head_dim == 64) return pa_sm90_runs_issues64(pb) >= 64 * 10;
#endif
    (void)pb;
    return 0;
}

typedef struct pa_sm90_run_box {
    int inrun;        /* the lane's run lies in the tile (it looks up the run's page) */
    int issue;        /* the lane issues a box */
    int js;           /* the run's first row in the tile */
    int srow, slot;   /* the box's first row in the tile and in its page */
    int map, run;     /* its map (height 2^map << run_shift, or M104's page map) and run (page pi0 + run) */
} pa_sm90_run_box;

PA_SM90_FN int pa_sm90_runs_first_len(int page_size, int r0, int tile)
{
    return page_size - r0 < tile ? page_size - r0 : tile;
}

/* M104 (session 70): page runs planned by the run table (sm90_run_plan; the d64 and d128
 * instances, PA_SM90_TABLE_RUNS) are not bound to M15's 4 runs of 8 boxes a tile: the table's 32
 * records are any 32 boxes. Each run in turn (the tile's first, partial one, whole pages, the last
 * cut by the tile's end) takes one box per set bit of its length in 2^run_shift-row units, highest
 * first, except that a whole page takes one box of the page map: a tensor map as tall as the
 * page, after the power-of-two ones (pa_sm90_page_map; none at d256, whose instances plan their
 * own runs). Page 100 then loads a whole page in one box instead of three (64 + 32 + 4), page 47 in
 * one instead of five, and page sizes from 9 up that are not multiples of 8 (page 12: ten pages
 * and two partial runs a 128-key tile) take page runs instead of the cp.async gather. */
#ifndef SM90_RUN_TABLE_D256      /* (prefill_sm90.cu: the d256 instances' table, M99 at d256; off) */
#define SM90_RUN_TABLE_D256 0
#endif
#define PA_SM90_TABLE_RUNS(d) ((d) == 64 || (d) == 128 || ((d) == 256 && SM90_RUN_TABLE_D256))
/* the table's runs cut a partial run of 3+ set bits into two overlapping boxes (M51) at d256, whose
 * producers count the boxes' bytes; d64 / d128 expect one tile a panel (exact cuts) */
#define PA_SM90_TABLE_OVERLAP(d) ((d) == 256)
#ifndef SM90_TABLE_RUNS_MIN      /* build knob: a huge value keeps pages under pa_sm90_runs_min on the gather */
#define SM90_TABLE_RUNS_MIN 9
#endif
#ifndef SM90_PAGE_MAP            /* build knob: 0 cuts whole pages into power-of-two boxes as M15 did */
#define SM90_PAGE_MAP 1
#endif
/* the page map's index for runs of 2^run_shift-row units on tiles of `tile` keys, or -1: none when
 * the page is a power-of-two map's height already, does not fit in a tile, or the maps are taken */
PA_SM90_FN int pa_sm90_page_map(int page_size, int run_shift, int tile)
{
    const int longest = page_size < tile ? page_size : tile, units = page_size >> run_shift;
    int n = 0;
    while (n < PA_SM90_MAX_MAPS && ((1 << run_shift) << n) <= longest) n++;
    if (!SM90_PAGE_MAP || page_size >= tile || n >= PA_SM90_MAX_MAPS || (units & (units - 1)) == 0) return -1;
    return n;
}
/* rows of a box of run map `map` (pmap: the page map's index, whose boxes are a whole page; the
 * others 2^map << run_shift rows) */
PA_SM90_FN int pa_sm90_map_rows(int map, int pmap, int page_size, int run_shift)
{
    return map == pmap ? page_size : (1 << map) << run_shift;
}
/* the table's box `lane` (M104) of the tile whose first key is row r0 of its page (pmap: the page
 * map's index or -1; overlap: PA_SM90_TABLE_OVERLAP); x.issue 0 past the tile's boxes */
PA_SM90_FN pa_sm90_run_box pa_sm90_table_lane(int page_size, int run_shift, int r0, int lane, int tile, int pmap, int overlap)
{
    pa_sm90_run_box x = { 0, 0, 0, 0, 0, 0, 0 };
    int js = 0, run = 0, n = 0;
    while (js < tile) {
        const int len = run == 0 ? pa_sm90_runs_first_len(page_size, r0, tile) : (page_size < tile - js ? page_size : tile - js);
        const int units = len >> run_shift, whole = pmap >= 0 && len == page_size;
        const int nb = whole ? 1 : pa_sm90_run_boxes((unsigned)units, overlap);
        if (lane < n + nb) {
            int k = pa_sm90_top_bit((unsigned)units), i = lane - n, off = 0;
            x.inrun = 1; x.issue = 1; x.js = js; x.run = run;
            if (whole) { x.map = pmap; x.srow = js; x.slot = 0; return x; }
            if (overlap && nb == 2 && pa_sm90_popc((unsigned)units) > 2) {
                /* M51's pair: 2^k units from the run's start, then the rest's box rounded up to a
                 * power of two, ending at the run's end (the two overlap) */
                if (i == 1) {
                    k = pa_sm90_top_bit((unsigned)(units - (1 << k) - 1)) + 1;
                    off = units - (1 << k);
                }
            } else {
                for (;; k--) {   /* the i-th set bit from the top; off: the higher bits' units */
                    if (!((units >> k) & 1)) continue;
                    if (i-- == 0) break;
                    off += 1 << k;
                }
            }
            x.map = k;
            x.srow = js + (off << run_shift);
            x.slot = (run == 0 ? r0 : 0) + (off << run_shift);
            return x;
        }
        n += nb; js += len; run++;
    }
    return x;
}
/* boxes of the table's plan for the tile whose first key is row r0 of its page */
static inline int pa_sm90_table_boxes(int page_size, int run_shift, int r0, int tile, int pmap, int overlap)
{
    int js = 0, run = 0, n = 0;
    while (js < tile) {
        const int len = run == 0 ? pa_sm90_runs_first_len(page_size, r0, tile) : (page_size < tile - js ? page_size : tile - js);
        n += pmap >= 0 && len == page_size ? 1 : pa_sm90_run_boxes((unsigned)(len >> run_shift), overlap);
        js += len; run++;
    }
    return n;
}
/* at most over the tile starts (r0 = t x tile mod page_size) */
static inline int pa_sm90_table_boxes_max(int page_size, int run_shift, int tile, int pmap, int overlap)
{
    int worst = 0, t;
    for (t = 0; t < page_size; t++) {
        const int n = pa_sm90_table_boxes(page_size, run_shift, (int)((int64_t)t * tile % page_size), tile, pmap, overlap);
        if (n > worst) worst = n;
    }
    return worst;
}
/* M104's page runs for a page size under pa_sm90_runs_min: table instances, at most 32 boxes a
 * tile, and at d64 (half d128's work a tile) at most SM90_TABLE_RUNS_D64_BOXES: RESULTS 3.4s, ncu,
 * d64 page 9 (17 boxes) +6.9..7.8% against the gather's +6.2..6.8, page 12 (12) +2.4..4.8 against
 * +6.1..8.4; d128 page 9 (17 / 24 on 176-key tiles) +3.3..4.6 against +8.4..9.7. With M111's split
 * the d64 page runs take pages 9..11 too (RESULTS 3.5o: causal +2.3..2.6 in place, where the gather
 * read +6.0 and the copy beside +3.3): 32 boxes, as d128. */
#ifndef SM90_TABLE_RUNS_D64_BOXES
#define SM90_TABLE_RUNS_D64_BOXES (SM90_RUNS_SPLIT_D64 ? 32 : 13)
#endif
/* a call's page map (-1 where its head_dim's instances plan their own runs) and the most boxes a
 * tile of its table's plan takes */
static inline int pa_sm90_call_page_map(const pa__problem *pb, int tile)
{
    if (!PA_SM90_TABLE_RUNS(pb->head_dim)) return -1;
    return pa_sm90_page_map(pb->page_size, pa_sm90_top_bit((unsigned)pa_sm90_box_rows_t(pb, tile)), tile);
}
static inline int pa_sm90_call_table_boxes(const pa__problem *pb, int tile)
{
    return pa_sm90_table_boxes_max(pb->page_size, pa_sm90_top_bit((unsigned)pa_sm90_box_rows_t(pb, tile)), tile,
                                   pa_sm90_call_page_map(pb, tile), PA_SM90_TABLE_OVERLAP(pb->head_dim));
}
static inline int pa_sm90_table_runs_ok(const pa__problem *pb, int tile)
{
    if (!PA_SM90_TABLE_RUNS(pb->head_dim) || !pb->page_table || pb->page_size < SM90_TABLE_RUNS_MIN) return 0;
    return pa_sm90_call_table_boxes(pb, tile) <= (pb->head_dim == 64 ? SM90_TABLE_RUNS_D64_BOXES : 32);
}

static inline int pa_sm90_regime_t(const pa__problem *pb, int tile)
{
    if (pa_sm90_pair_mode_t(pb, tile)) return PA_SM90_PAIRS;
    if (!pb->page_table || pb->page_size % tile == 0) return PA_SM90_BOXES;
    if (pb->page_size >= pa_sm90_runs_min(tile)) return pa_sm90_runs_lose(pb) ? PA_SM90_GATHER : PA_SM90_RUNS;
    {   /* one lane looks up each box: at most 32 boxes a tile */
        const int g = pa_sm90_box_rows_t(pb, tile);
        if (g >= SM90_BOX_MIN && tile / g <= 32) return PA_SM90_BOXES;
        return pa_sm90_table_runs_ok(pb, tile) ? PA_SM90_RUNS : PA_SM90_GATHER;
    }
}
static inline int pa_sm90_regime(const pa__problem *pb)
{
    return pa_sm90_regime_t(pb, pa_sm90_tile_n(pb->head_dim));
}

/* Tensor maps per tensor for page runs: box heights g, 2g, .. up to the longest run. */
static inline int pa_sm90_run_maps_t(const pa__problem *pb, int tile)
{
    const int g = pa_sm90_box_rows_t(pb, tile), pmap = pa_sm90_call_page_map(pb, tile);
    const int longest = pb->page_size < tile ? pb->page_size : tile;
    int n = 0;
    if (pmap >= 0) return pmap + 1;   /* M104: the page map after the power-of-two ones */
    while (n < PA_SM90_MAX_MAPS && (g << n) <= longest) n++;
    return n;
}
static inline int pa_sm90_run_maps(const pa__problem *pb)
{
    return pa_sm90_run_maps_t(pb, pa_sm90_tile_n(pb->head_dim));
}

/* Rows one PAIR box carries (its map's box): a page for PAGE8, else g. */
PA_SM90_FN int pa_sm90_pair_box_rows(int mode, int g) { return mode == PA_SM90_PAIR_PAGE8 ? 8 : g; }

/* SM90_STRADDLE (M107, session 76; M108, session 77; both rejected in session 79, RESULTS 3.5h):
 * build knob; 1 builds the straddle-only copy below and M108's page-local groups (prefill_sm90.cu's d256 PT PAIR
 * instances, kv_copy.cu's STR copies) for measurements, where pa__sm90_straddle_mode = 1 / 2
 * (pa-bench --straddle 1 / 2, PA_TEST_SM90_STRADDLE=1 / 2) takes M107 / M108; 0: not built (the
 * library's SASS as before M107). The plan functions exist either way. */
#ifndef SM90_STRADDLE
#define SM90_STRADDLE 0
#endif
/* M107, the straddle-only copy (d256, page sizes P > 8 that are not multiples of 8): a 64-key tile
 * is 8 groups of 8 keys, each one PAIR box of all panels. A group inside one page is a box of the
 * page map at its row of the page; a group that crosses a page boundary inside the sequence (P - r
 * < 8 for its first key's row r, and the next page's first key j + P - r < sk) is a box of the
 * workspace, where the copy (kv_copy.cu) wrote those groups' rows, and only those. A group that
 * crosses into no page of the sequence stays a page-map box: its rows past the page are past the
 * sequence's end, and TMA zero-fills them. */
PA_SM90_FN int pa_sm90_straddle_copied(int page_size, int sk, int j, int r)   /* group at key j (a multiple of 8), r = j % P */
{
    return page_size - r < 8 && j + page_size - r < sk;
}
/* The copy's side. Boundary k (key k P, k >= 1) falls inside a group unless k P is a multiple of
 * 8, which happens for k a multiple of m = 8 / gcd(P, 8) (pa_sm90_straddle_m); so the groups to
 * copy for a sequence of sk keys are those of the boundaries k = 1 .. (sk - 1) / P that are not
 * multiples of m, in order, and copied group s is boundary k = s + s / (m - 1) + 1. */
PA_SM90_FN int pa_sm90_straddle_m(int page_size)
{
    return (page_size & 1) ? 8 : (page_size & 2) ? 4 : (page_size & 4) ? 2 : 1;
}
PA_SM90_FN int pa_sm90_straddle_groups(int page_size, int sk)   /* copied groups of a sequence */
{
    const int m = pa_sm90_straddle_m(page_size);
    const int k = sk > 0 ? (sk - 1) / page_size : 0;
    return m > 1 ? k - k / m : 0;
}
/* the first key of copied group s, given q = s / (m - 1) (the device divides its own way) */
PA_SM90_FN int pa_sm90_straddle_row(int page_size, int s, int q)
{
    return (int)(((int64_t)(s + q + 1) * page_size) & ~(int64_t)7);
}
/* the share of a sequence's keys the copy writes (host estimates) */
static inline double pa_sm90_straddle_share(int page_size, int sk)
{
    return sk > 0 ? 8.0 * pa_sm90_straddle_groups(page_size, sk) / sk : 0.0;
}

/* M108 (session 77), page-local groups: for a non-causal call (no window) the order of the keys in
 * the tiles does not matter, only that every key is in one slot and the slots past the sequence
 * end are masked. So at d256 with pages P > 8 that are not multiples of 8, slot s holds another key
 * than s: first every page's whole 8-row groups (rows 0..8F-1 of each page, F = P / 8, page by
 * page, then the last page's), each one PAIR box of the page map at a row that is a multiple of 8
 * inside its page; then the rest, R = P % 8 rows a page (the last page's rows past its groups),
 * which the copy beside writes packed (remainder row q at row q of the sequence's copy) and the
 * attention reads as groups of 8 from the copy's map. The copy then moves R / P of the keys (page
 * 33: 3%, 17: 6%, 9: 11%, 15: 47%) where M107's moved the groups across a boundary (21 / 41 / 78 /
 * 47%). Slots 0 .. sk - 1 hold the sk keys, so the kernel's own end mask (slots past sk) and the
 * zeroing of V rows past the end are right as they are; the slots' count, 8 ceil(sk / 8), gives
 * the same tiles. */
PA_SM90_FN int pa_sm90_local_groups(int page_size, int sk)   /* the page groups of a sequence */
{
    return sk / page_size * (page_size >> 3) + ((sk % page_size) >> 3);
}
PA_SM90_FN int pa_sm90_local_rest(int page_size, int sk)     /* its remainder rows (the copy's) */
{
    return sk / page_size * (page_size & 7) + ((sk % page_size) & 7);
}
/* the key of remainder row q (q < pa_sm90_local_rest) */
PA_SM90_FN int pa_sm90_local_rest_key(int page_size, int sk, int q)
{
    const int r = page_size & 7, nf = sk / page_size;
    if (q < nf * r) return q / r * page_size + (page_size & ~7) + q % r;
    return nf * page_size + (((sk % page_size) >> 3) << 3) + (q - nf * r);
}
/* the key in slot s (s < sk): a page group's row, or a remainder row */
PA_SM90_FN int pa_sm90_local_key(int page_size, int sk, int s)
{
    const int f = page_size >> 3, gi = s >> 3, fg = pa_sm90_local_groups(page_size, sk);
    if (gi < fg) return gi / f * page_size + ((gi % f) << 3) + (s & 7);
    return pa_sm90_local_rest_key(page_size, sk, s - 8 * fg);
}
/* the pages M107 and M108 are for: P > 8 (page 8 and below take their own PAIR / gather paths)
 * and not a multiple of 8 (there every 8-key group lies in one page and the copy has nothing to
 * write); prefill_sm90.cu's sm90_straddle_ok asks it (sessions 76 / 77 inverted the second test
 * by hand, so neither ever ran where it copies anything) */
PA_SM90_FN int pa_sm90_straddle_pages(int page_size)
{
    return page_size > 8 && (page_size & 7) != 0;
}
/* the share of a sequence's keys the copy writes (host estimates) */
static inline double pa_sm90_local_share(int page_size, int sk)
{
    return sk > 0 ? (double)pa_sm90_local_rest(page_size, sk) / sk : 0.0;
}

/* PAIR: panel warp pnl issues boxes [*first, *first + *mine) of the tile's `boxes`; a single box
 * goes to warp 0 and warp 1 arrives with no bytes. */
PA_SM90_FN void pa_sm90_pair_share(int boxes, int pnl, int *first, int *mine)
{
    const int half = boxes >> 1;
    *mine = half ? half : 1 - pnl;
    *first = pnl * half;
}

/* The same for any count (the wide tiles' 11 boxes of 16 rows): warp 0 takes the odd one. Kept
 * apart from pa_sm90_pair_share, whose form the tuned kernels' SASS depends on (this form in
 * their place reschedules 6 of the 18 instances). */
PA_SM90_FN void pa_sm90_pair_share_any(int boxes, int pnl, int *first, int *mine)
{
    const int half = boxes >> 1;
    *first = pnl ? boxes - half : 0;
    *mine = pnl ? half : boxes - half;
}

/* Page runs: a tile (of `tile` keys) whose first key sits at slot r0 of its page lies in at most
 * 4 runs (page sizes from SM90_RUNS_MIN = 43 up), the first
 * from r0 (first_len keys), the others from slot 0 of the next pages. Lane 8 run + k takes bit k
 * of its run's length in units of 2^run_shift rows (higher bits first), from map k; with
 * `overlap`, the two boxes of pa_sm90_run_boxes above. */
PA_SM90_FN pa_sm90_run_box pa_sm90_runs_lane(int page_size, int run_shift, int r0, int lane, int tile, int overlap)
{
    pa_sm90_run_box x = { 0, 0, 0, 0, 0, 0, 0 };
    const int pc = lane >> 3, k = lane & 7, first = pa_sm90_runs_first_len(page_size, r0, tile);
    x.run = pc;
    x.map = k;
    x.js = pc == 0 ? 0 : first + (pc - 1) * page_size;
    x.inrun = x.js < tile;
    if (x.inrun) {
        const int left = tile - x.js;
        const int units = (pc == 0 ? first : (page_size < left ? page_size : left)) >> run_shift;
        int off = ((units >> (k + 1)) << (k + 1)) << run_shift;
        x.issue = (units >> k) & 1;
        if (overlap && (units & (units - 1))) {
            /* lane top: 2^top units from the start; the rest's box (2^top2 >= rest units, ending at
             * the run's end) by lane top2, or top - 1 when top2 = top */
            const int top = pa_sm90_top_bit((unsigned)units), rest = units - (1 << top);
            const int top2 = pa_sm90_top_bit((unsigned)(rest - 1)) + 1;
            const int kb = top2 == top ? top - 1 : top2;
            x.issue = k == top || k == kb;
            x.map = k == top ? top : top2;
            off = k == top ? 0 : (units - (1 << top2)) << run_shift;
        }
        x.srow = x.js + off;
        x.slot = (pc == 0 ? r0 : 0) + off;
    }
    return x;
}

/* The last wave split over the keys (prefill_sm90.cu, M39). One CTA per SM; a dense non-causal
 * call's CTAs (query blocks x heads x batch) all do about the same work, so with `ctas` of them on
 * `sms` SMs the last ctas % sms run as a final wave of their own while the other SMs idle (the
 * benchmark's 4096 CTAs on 132 SMs: 31 full waves and one of 4 CTAs, 1/32 of the call). Those
 * `units` CTAs (from linear index `first` on) are replaced by units x splits pieces, each over
 * its share of the unit's key tiles, whose fp32 partial outputs a small kernel merges. splits =
 * sms / units, at most tiles / 2 (pieces of 2 tiles or more); 1 (no tail) when that is under 2.
 * A call of fewer CTAs than SMs is all tail. Host fields only: the workspace size depends on it. */
typedef struct pa_sm90_tail {
    int64_t first;    /* linear index (query block fastest, then head, batch) of the first unit */
    int units;        /* CTAs replaced by pieces */
    int splits;       /* pieces a unit; 1: no tail split */
} pa_sm90_tail;

PA_SM90_FN pa_sm90_tail pa_sm90_tail_plan(int64_t ctas, int sms, int tiles)
{
    pa_sm90_tail t;
    t.first = ctas; t.units = 0; t.splits = 1;
    if (ctas <= 0 || sms < 2 || tiles < 4) return t;
    const int64_t rem = ctas % sms;
    if (rem == 0) return t;
    int64_t s = sms / rem;
    if (s > tiles / 2) s = tiles / 2;
    if (s < 2) return t;
    t.first = ctas - rem; t.units = (int)rem; t.splits = (int)s;
    return t;
}

/* The end of a call under a plan, in CTA times, by the model pa_sm90_tail_plan_beside uses: every
 * CTA takes one CTA time (`tiles` + 3 tile times, a fixed cost), a piece of s (ceil(tiles / s) + 3)
 * tile times; sms - k SMs start at 0 and k at `late` (the copy's blocks); each SM takes the next
 * CTA when it frees, the first `first` CTAs whole, then the pieces (`units` x `splits`), which
 * start no earlier than the last whole CTA. With equal lengths the greedy order is a merge of
 * arithmetic sequences, so this walks slot times rather than CTAs: O(waves + rounds) steps. */
PA_SM90_FN double pa_sm90_tail_model(int64_t first, int64_t units, int splits, int sms, int tiles, double late, int k)
{
    /* main CTAs: slot times 0, 1, 2 ... (sms - k SMs each) and late, late + 1 ... (k each) */
    const int64_t n0 = sms - k;
    double t0 = 0.0, t1 = late, last = 0.0, end = 0.0;
    int64_t left = first;
    /* per group: SMs whose last whole CTA started at the group's last slot time (g_hi of them),
     * the others one slot earlier (or none yet) */
    double g_last[2] = { -1.0, -1.0 };
    int64_t g_hi[2] = { 0, 0 }, g_n[2] = { n0, k };
    while (left > 0) {
        /* whole unit times at once while both groups fill every slot (left stays >= sms, so
         * each group takes a full slot again after the jump and sets g_last / g_hi) */
        if (left >= 2 * (int64_t)sms && (k == 0 || t1 <= t0 + 1.0)) {
            const int64_t j = left / sms - 1;
            t0 += (double)j; t1 += (double)j; left -= j * (int64_t)sms;
            continue;
        }
        if (k > 0 && t0 + 1.0 < t1 && left >= 2 * n0 && n0 > 0) {   /* before the late SMs start */
            int64_t j = (int64_t)(t1 - t0) - 1, c = left / n0 - 1;
            if (j > c) j = c;
            if (j >= 1) { t0 += (double)j; left -= j * n0; continue; }
        }
        const int g = (k > 0 && t1 < t0) ? 1 : 0;
        const double t = g ? t1 : t0;
        if (g_n[g] <= 0) { if (g) t1 += 1.0; else t0 += 1.0; continue; }
        const int64_t take = left < g_n[g] ? left : g_n[g];
        left -= take;
        g_last[g] = t; g_hi[g] = take;
        last = t;
        if (g) t1 += 1.0; else t0 += 1.0;
    }
    for (int g = 0; g < 2; g++)
        if (g_last[g] >= 0.0 && g_last[g] + 1.0 > end) end = g_last[g] + 1.0;
    if (units <= 0 || splits < 2) return end;
    /* the SMs' free times: up to four groups (at the last slot + 1, or the one before + 1, or
     * their start if they never ran a whole CTA), none before `last` */
    double at[4];
    int64_t cnt[4];
    int ng = 0;
    for (int g = 0; g < 2; g++) {
        if (g_n[g] <= 0) continue;
        const double start = g ? late : 0.0;
        if (g_last[g] < 0.0) { at[ng] = start; cnt[ng++] = g_n[g]; continue; }
        at[ng] = g_last[g] + 1.0; cnt[ng++] = g_hi[g];
        if (g_hi[g] < g_n[g]) { at[ng] = g_last[g] - 1.0 >= start - 1e-9 ? g_last[g] : start; cnt[ng++] = g_n[g] - g_hi[g]; }
    }
    for (int g = 0; g < ng; g++) if (at[g] < last) at[g] = last;
    const double pt = (double)((tiles + splits - 1) / splits + 3) / (tiles + 3);
    int64_t pieces = units * splits;
    double done = 0.0;
    while (pieces > 0) {   /* the earliest group takes one piece on each of its SMs */
        int g = 0;
        for (int i = 1; i < ng; i++) if (at[i] < at[g]) g = i;
        const int64_t take = pieces < cnt[g] ? pieces : cnt[g];
        pieces -= take;
        at[g] += pt;
        if (at[g] > done) done = at[g];
    }
    return done > end ? done : end;
}

/* M106 (session 74, RESULTS 3.5d): whether a call whose copy runs beside it on ov_blocks blocks
 * plans its last wave for the copy (M94's pa_sm90_tail_plan_beside) rather than as if no copy ran
 * (M39). mode (pa__sm90_tail_beside): 0 never, 2 at every head_dim (tests, measurements), 1 at d128
 * and at d256 while the copy's lost SM time (in CTA times) is at most late_d256 a block: with a
 * longer copy (MHA) M94's plan measured slower at d256, with a short one (GQA) 0.6..2.1 points
 * faster. */
PA_SM90_FN int pa_sm90_tail_beside_on(int mode, int head_dim, double lost, int ov_blocks, double late_d256)
{
    if (ov_blocks <= 0 || mode <= 0) return 0;
    if (mode > 1) return 1;
    return head_dim == 128 || (head_dim == 256 && lost <= late_d256 * ov_blocks);
}

/* The same split when a copy runs beside the attention (prefill_sm90.cu, M94): the copy's `k`
 * blocks hold k SMs for `lost` CTA times in all (lost / k each), so those SMs start their first
 * CTA late and out of step with the others, and the grid's ragged end is no longer ctas % sms.
 * Candidates: M39's plan and each cut where the whole CTAs end at a slot time near the
 * perfectly spread end (ctas + lost) / sms, its units in 2 .. min(tiles / 2, 64) pieces; the
 * middle of the cuts pa_sm90_tail_model ends first, M39's unless they beat it by more than 0.3%
 * (the model is rough: equal CTAs, a guessed fixed cost). Without a copy (lost <= 0 or k < 1):
 * M39's plan. */
PA_SM90_FN pa_sm90_tail pa_sm90_tail_plan_beside(int64_t ctas, int sms, int tiles, double lost, int k)
{
    const pa_sm90_tail m39 = pa_sm90_tail_plan(ctas, sms, tiles);
    if (!(lost > 0) || k < 1 || k >= sms || ctas <= 0 || sms < 2 || tiles < 4 || ctas > 0x40000000) return m39;
    const double late = lost / k, spread = ((double)ctas + lost) / sms;
    const double base = pa_sm90_tail_model(m39.first, m39.units, m39.splits, sms, tiles, late, k);
    const int smax = tiles / 2 < 64 ? tiles / 2 : 64;
    /* cuts: the whole CTAs are those starting before e, for e each slot time in
     * [spread - 2, spread + 1] of either group (the count of slots before e, closed form); for
     * each, its best splits. The model is flat over a range of cuts (the pieces absorb the
     * difference); the middle one of those tied for the best is taken, as the cut least
     * sensitive to the copy's real speed (3.3z: 84 units read 0.2 points better than 68, 100
     * worse, at d128 MHA 8k, where the model ties 68 .. 104). */
    int64_t cut_units[16];
    int cut_s[16], nc = 0;
    double cut_end[16], best_end = base * (1.0 - 0.003);
    for (int g = 0; g < 2; g++) {
        const double off = g ? late - (double)(int64_t)late : 0.0;
        for (int64_t i = (int64_t)(spread - 2.0) - 1; i <= (int64_t)(spread + 1.0) + 1 && nc < 16; i++) {
            const double e = (double)i + off;
            if (e <= 0.0) continue;
            int64_t whole = (int64_t)(sms - k) * (int64_t)ceil(e);
            if (e > late) whole += (int64_t)k * (int64_t)ceil(e - late);
            if (whole > ctas) whole = ctas;
            const int64_t units = ctas - whole;
            if (units < 1 || units > sms) continue;
            int j, bs = 0;
            double be = 0.0;
            for (j = 0; j < nc; j++) if (cut_units[j] == units) break;
            if (j < nc) continue;   /* (the two groups' slot times can give the same cut) */
            for (int s = 2; s <= smax; s++) {
                const double end = pa_sm90_tail_model(whole, units, s, sms, tiles, late, k);
                if (bs == 0 || end < be) { be = end; bs = s; }
            }
            if (bs == 0) continue;
            cut_units[nc] = units; cut_s[nc] = bs; cut_end[nc++] = be;
            if (be < best_end) best_end = be;
        }
    }
    /* the tied cuts (within 1e-9 of the best), by units; the middle one (of two, the larger) */
    int tied[16], nt = 0;
    for (int j = 0; j < nc; j++) {
        if (!(cut_end[j] <= best_end + 1e-9 && cut_end[j] < base * (1.0 - 0.003))) continue;
        int at = nt++;
        while (at > 0 && cut_units[tied[at - 1]] > cut_units[j]) { tied[at] = tied[at - 1]; at--; }
        tied[at] = j;
    }
    if (nt == 0) return m39;
    const int m = tied[nt / 2];
    pa_sm90_tail t;
    t.first = ctas - cut_units[m]; t.units = (int)cut_units[m]; t.splits = cut_s[m];
    return t;
}

/* M117 (session 85; prefill_sm90.cu's sm90_copy_split_heads): the kv heads each group of a split
 * call takes so that a group's copy of K and V (two tensors of n x head_bytes, each rounded up to
 * 256 bytes) fits `limit`: the fewest groups, balanced (ceil(kv_heads / groups) each, the last
 * group fewer). 0: no split (one group holds them all, or one head's copy alone does not fit). */
static inline double pa_sm90_split_bytes(int64_t head_bytes, int n)
{
    return 2.0 * (double)(((int64_t)n * head_bytes + 255) & ~(int64_t)255);
}
static inline int pa_sm90_split_heads(int64_t head_bytes, int kv_heads, double limit)
{
    if (kv_heads < 2 || head_bytes <= 0 || pa_sm90_split_bytes(head_bytes, kv_heads) <= limit ||
        pa_sm90_split_bytes(head_bytes, 1) > limit)
        return 0;
    int nmax = kv_heads - 1;
    while (nmax > 1 && pa_sm90_split_bytes(head_bytes, nmax) > limit) nmax--;
    const int groups = (kv_heads + nmax - 1) / nmax;
    return (kv_heads + groups - 1) / groups;
}

/* Piece `piece` of `splits` takes tiles [*lo, *hi) of a unit's nt (offsets from its first tile). */
PA_SM90_FN void pa_sm90_tail_range(int nt, int piece, int splits, int *lo, int *hi)
{
    *lo = (int)((int64_t)piece * nt / splits);
    *hi = (int)((int64_t)(piece + 1) * nt / splits);
}

#endif
