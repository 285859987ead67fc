/*
 * The sm90 prefill kernel's load plan on the CPU (src/cuda/sm90_plan.h, the functions the kernel
 * itself calls): for every page size 1..1100 (and a few larger), NHD-dense, HND-dense and padded
 * pools and pools whose pages lie apart (NHD: 8 slots between pages; NHD and HND: K and V pages in
 * turn), with a page table and as a contiguous cache, and every tile start of a page-size period:
 * each regime's TMA boxes cover every row of the 128-key tile exactly once (page runs cut into
 * overlapping boxes: once or twice, from the same key, at most 4/3 of a tile's bytes), a box never leaves
 * its page, its rows are the keys it claims (page and slot), it uses a tensor map that exists,
 * and the bytes each producer warp announces to the stage's mbarrier equal the bytes its boxes
 * bring (a mismatch hangs the kernel on the GPU rather than failing a test); the PAIR layout's
 * GLOBAL map addresses each box's key, also for pages apart (built a second time as
 * test_sm90_plan_unstrided with the SM90_PAIR_STRIDED knob off). Needs no GPU.
 */
#include "harness.h"
#include "cuda/sm90_plan.h"
#include <string.h>
#include <math.h>

static int failed_prints;
/* page runs cut into overlapping boxes (prefill_sm90.cu SM90_RUNS_OVERLAP_D<D>): main checks both cuts */
static int g_overlap;

#define CHECK(cond, ...) do { if (!(cond)) { \
        if (failed_prints++ < 12) { printf("FAIL [test_sm90_plan] d=%d page=%d %s %s%s: ", d, ps, lname, table ? "table" : "contiguous", g_overlap ? " overlap" : ""); \
                                    printf(__VA_ARGS__); printf("\n"); } \
        return 0; } } while (0)

/* One pool layout and page size for a tile of TILE keys (the head_dim's, or the wide tiles' 176 at
 * d128: prefill_sm90.cu SM90_WIDE_ALL); returns 1 if every tile start passes. */
static int check_plan_t(int d, int TILE, int ps, int layout, int table)
{
    static const char *names[] = { "NHD", "HND", "padded", "gap8", "kvpair", "HND-kvpair" };
    const char *lname = names[layout];
    const int32_t dummy_table[1] = { 0 };
    const int hk = 2, pad = layout == 2 ? 8 : 0;
    const int NP = pa_sm90_panels(d), PANEL = TILE * 128, wide = TILE != pa_sm90_tile_n(d);
    pa__problem pb;
    int tiles, t;
    memset(&pb, 0, sizeof pb);
    pb.dtype = PA_DTYPE_BF16; pb.head_dim = d; pb.num_kv_heads = hk;
    pb.page_size = ps; pb.num_pages = table ? 6 : 3;
    pb.page_table = table ? dummy_table : NULL;
    if (layout == 1 || layout == 5) {   /* HND: [page][head][slot][d]; HND-kvpair: K and V pages in turn */
        pb.k_stride_token = d + pad; pb.k_stride_head = (int64_t)ps * pb.k_stride_token + pad;
        pb.k_stride_page = (layout == 5 ? 2 : 1) * hk * pb.k_stride_head + pad;
    } else {                 /* NHD: [page][slot][head][d]; gap8: 8 slots between pages; kvpair: a
                              * page of K then one of V (the page stride twice the page) */
        pb.k_stride_head = d + pad; pb.k_stride_token = hk * pb.k_stride_head + pad;
        pb.k_stride_page = (int64_t)(layout == 3 ? ps + 8 : layout == 4 ? 2 * ps : ps) * pb.k_stride_token + pad;
    }
    pb.v_stride_token = pb.k_stride_token; pb.v_stride_head = pb.k_stride_head; pb.v_stride_page = pb.k_stride_page;

    const int regime = pa_sm90_regime_t(&pb, TILE), g = pa_sm90_box_rows_t(&pb, TILE), mode = pa_sm90_pair_mode_t(&pb, TILE);
    const int runs_min = pa_sm90_runs_min(TILE);
    CHECK(g >= 1 && g <= TILE && TILE % g == 0 && (!table || ps % g == 0), "box rows %d", g);
    if (table && ps >= runs_min && ps % TILE) {
        /* the box count is the plan's own: issuing lanes over 64 tiles (the runs-or-gather rule
         * counts the exact cuts, overlap 0) */
        long issued = 0;
        int lane;
        for (t = 0; t < 64; t++)
            for (lane = 0; lane < 32; lane++)
                issued += pa_sm90_runs_lane(ps, __builtin_ctz((unsigned)g), (int)((long)t * TILE % ps), lane, TILE, g_overlap).issue;
        issued *= pa_sm90_warp_panels(NP, 0);
        CHECK(issued == pa_sm90_runs_issues64_ov(&pb, TILE, g_overlap), "runs: %ld boxes over 64 tiles, the count says %d",
              issued, pa_sm90_runs_issues64_ov(&pb, TILE, g_overlap));
        CHECK(pa_sm90_runs_issues64_ov(&pb, TILE, 1) <= pa_sm90_runs_issues64_t(&pb, TILE), "runs: overlap issues more boxes");
    }
    if (regime == PA_SM90_GATHER) {
        CHECK(table && (((g < SM90_BOX_MIN || TILE / g > 32) && ps < runs_min && !pa_sm90_table_runs_ok(&pb, TILE)) ||
                        (ps >= runs_min && pa_sm90_runs_lose(&pb))),
              "gather chosen for g=%d", g);
        /* M104: the table's runs take every page size from SM90_TABLE_RUNS_MIN up at d128, from 12 up
         * at d64 (SM90_TABLE_RUNS_D64_BOXES) */
        CHECK(!PA_SM90_TABLE_RUNS(d) || ps < (d == 64 && SM90_TABLE_RUNS_D64_BOXES == 13 ? 12 : SM90_TABLE_RUNS_MIN),
              "gather chosen at a table head_dim");
        return 1;
    }
    if (regime == PA_SM90_PAIRS) CHECK(mode && g >= 8 && ps % 8 == 0, "PAIR with g=%d mode=%d", g, mode);
    if (!table) CHECK(regime == PA_SM90_PAIRS || regime == PA_SM90_BOXES, "contiguous cache in regime %d", regime);
    if (layout == 2 && ps != 8) CHECK(regime != PA_SM90_PAIRS, "padded pool in the PAIR layout");
    if (layout >= 3) {       /* pages apart: the GLOBAL map with SM90_PAIR_STRIDED, else no PAIR (page 8: PAGE8) */
        const int pairs = ps % 8 == 0 && g >= 8 && (SM90_PAIR_STRIDED || (ps == 8 && table));
        CHECK((regime == PA_SM90_PAIRS) == pairs, "pages apart: regime %d (SM90_PAIR_STRIDED %d, g=%d)", regime, SM90_PAIR_STRIDED, g);
        if (pairs) CHECK(mode == (ps == 8 && table ? PA_SM90_PAIR_PAGE8 : PA_SM90_PAIR_GLOBAL), "pages apart: map kind %d", mode);
    }
    if (mode == PA_SM90_PAIR_GLOBAL)   /* the map's group extent ends with the last page */
        CHECK(pa_sm90_pair_global_groups(&pb, pa_sm90_pair_page_groups(&pb)) * 8 * pb.k_stride_token ==
              (pb.num_pages - 1) * pb.k_stride_page + (int64_t)ps * pb.k_stride_token, "the map's groups end off the last page");

    if (regime == PA_SM90_BOXES || regime == PA_SM90_RUNS) {   /* panel warps pnl, pnl + 2, .. */
        int seen[4] = { 0, 0, 0, 0 }, w, q;
        for (w = 0; w < 2; w++)
            for (q = 0; q < pa_sm90_warp_panels(NP, w); q++) {
                CHECK(w + 2 * q < NP, "warp %d loads panel %d of %d", w, w + 2 * q, NP);
                seen[w + 2 * q]++;
            }
        for (q = 0; q < NP; q++) CHECK(seen[q] == 1, "panel %d loaded %d times", q, seen[q]);
    }
    /* the plan repeats every ps / gcd(ps, 128) tiles; a contiguous cache has one page per sequence */
    tiles = table ? ps / (ps % TILE == 0 ? TILE : ps & -ps) : 2;
    if (tiles > 400) tiles = 400;
    for (t = 0; t < tiles; t++) {
        const int n0 = t * TILE;
        int cover[256], lane, row, pnl;
        memset(cover, 0, sizeof cover);
        if (regime == PA_SM90_RUNS) {
            const int r0 = n0 % ps, pi0 = n0 / ps, shift = __builtin_ctz((unsigned)g);
            const int n_maps = pa_sm90_run_maps_t(&pb, TILE), first = pa_sm90_runs_first_len(ps, r0, TILE);
            /* M104: the table's plan (d64 / d128; d256 with its table knob), with the page map */
            const int tab = PA_SM90_TABLE_RUNS(d), pmap = tab ? pa_sm90_page_map(ps, shift, TILE) : -1;
            long bytes = 0, split_bytes[2] = { 0, 0 };
            int split_boxes[2] = { 0, 0 };
            CHECK(table && (ps >= runs_min || (tab && ps >= SM90_TABLE_RUNS_MIN)) && n_maps >= 1 && n_maps <= PA_SM90_MAX_MAPS,
                  "runs: %d maps", n_maps);
            CHECK(pmap < 0 || (pmap == n_maps - 1 && ps < TILE), "runs: page map %d of %d", pmap, n_maps);
            /* (the table's plan is checked both ways, as the d256 table instances overlap) */
            for (lane = 0; lane < 32; lane++) {
                const pa_sm90_run_box x = tab ? pa_sm90_table_lane(ps, shift, r0, lane, TILE, pmap, g_overlap)
                                              : pa_sm90_runs_lane(ps, shift, r0, lane, TILE, g_overlap);
                if (x.inrun) CHECK((n0 + x.js) / ps == pi0 + x.run && ((n0 + x.js) % ps == 0 || x.run == 0),
                                   "tile %d lane %d: run %d starts at row %d", t, lane, x.run, x.js);
                if (!x.issue) continue;
                const int h = x.map == pmap ? ps : (1 << x.map) << shift;
                CHECK(x.inrun && x.map < n_maps, "tile %d lane %d: map %d of %d", t, lane, x.map, n_maps);
                CHECK(x.slot + h <= ps, "tile %d lane %d: box of %d rows from slot %d leaves the page", t, lane, h, x.slot);
                for (row = x.srow; row < x.srow + h; row++) {
                    CHECK(row < TILE, "tile %d lane %d: row %d past the tile", t, lane, row);
                    CHECK((n0 + row) / ps == pi0 + x.run && (n0 + row) % ps == x.slot + row - x.srow,
                          "tile %d lane %d: row %d is not key %d's slot", t, lane, row, n0 + row);
                    cover[row]++;
                }
                bytes += (long)h * 128;
                if (d == 64 && tab && SM90_RUNS_SPLIT_D64 && !g_overlap) {   /* (d64 tables never overlap) */
                    const int w = pa_sm90_split_warp(lane);
                    split_bytes[w] += (long)h * 128;
                    split_boxes[w]++;
                }
            }
            /* M111: at d64 the two panel warps of a tensor share the boxes; each announces its own
             * boxes' bytes, which add up to the tile (and both issue once a tile has two boxes) */
            if (d == 64 && tab && SM90_RUNS_SPLIT_D64 && !g_overlap)
                CHECK(split_bytes[0] + split_bytes[1] == PANEL && (split_boxes[0] + split_boxes[1] < 2 || (split_boxes[0] > 0 && split_boxes[1] > 0)),
                      "tile %d: the split warps bring %ld + %ld bytes in %d + %d boxes, the tile %d", t, split_bytes[0], split_bytes[1],
                      split_boxes[0], split_boxes[1], PANEL);
            /* the kernel announces one tile per panel, or with overlap the issuing lanes' box
             * rows (the sum `bytes` is), which stays within 4/3 of a tile */
            CHECK(g_overlap || bytes == PANEL, "tile %d: boxes bring %ld bytes per panel", t, bytes);
            CHECK(bytes >= PANEL && 3 * bytes <= 4L * PANEL, "tile %d: %ld bytes per panel for a tile of %d", t, bytes, PANEL);
            for (row = 0; row < TILE; row++)   /* an overlapped row: copied twice, from the same key */
                if (g_overlap && cover[row] == 2) cover[row] = 1;
            /* the kernel's key -> run map for the bad-page mask words */
            for (row = 0; row < TILE; row++)
                CHECK((row < first ? 0 : 1 + (row - first) / ps) == (n0 + row) / ps - pi0, "tile %d: mask run of row %d", t, row);
        } else if (regime == PA_SM90_BOXES) {
            const int boxes = TILE / g;
            CHECK(boxes <= 32, "tile %d: %d boxes for the 32 lanes that look them up", t, boxes);
            for (lane = 0; lane < boxes; lane++) {
                const int j = n0 + lane * g;
                if (table) CHECK(j % ps + g <= ps, "tile %d box %d leaves its page", t, lane);
                for (row = lane * g; row < lane * g + g; row++) cover[row]++;
            }
            CHECK((long)boxes * g * 128 == PANEL, "boxes bring %ld bytes", (long)boxes * g * 128);
        } else {   /* PAIRS: one box holds all NP panels; the two K (or V) warps share the boxes */
            const int boxes = TILE / g, rows = pa_sm90_pair_box_rows(mode, g);
            int owner[256];
            CHECK(boxes <= 32, "tile %d: %d PAIR boxes for the 32 lanes that look them up", t, boxes);
            long total = 0;
            CHECK(rows == g, "a PAIR box of %d rows for %d-row cuts", rows, g);
            for (lane = 0; lane < boxes; lane++) owner[lane] = 0;
            for (pnl = 0; pnl < 2; pnl++) {
                int first, mine;
                long issued = 0;
                if (wide) pa_sm90_pair_share_any(boxes, pnl, &first, &mine);
                else pa_sm90_pair_share(boxes, pnl, &first, &mine);
                for (lane = first; lane < first + mine; lane++) {
                    CHECK(lane >= 0 && lane < boxes, "warp %d issues box %d of %d", pnl, lane, boxes);
                    owner[lane]++;
                    issued += (long)rows * NP * 128;
                }
                total += issued;
                CHECK(issued == (long)mine * rows * NP * 128, "warp %d announces %ld bytes, issues %ld",
                      pnl, (long)mine * rows * NP * 128, issued);
            }
            CHECK(total == (long)NP * PANEL, "tile %d: the stage expects %ld bytes of %d", t, total, NP * PANEL);
            for (lane = 0; lane < boxes; lane++) {
                const int j = n0 + lane * g;
                CHECK(owner[lane] == 1, "tile %d: box %d issued %d times", t, lane, owner[lane]);
                if (table) CHECK(j % ps + rows <= ps && j % ps % 8 == 0, "tile %d box %d: slot %d", t, lane, j % ps);
                if (mode == PA_SM90_PAIR_GLOBAL) {   /* the kernel's group coordinate (page p x page_groups + slot / 8) is the key's address */
                    const int64_t G = pa_sm90_pair_page_groups(&pb), p = table ? 5 : 2, slot = table ? j % ps : j;
                    CHECK(G > 0 && (p * G + slot / 8) * 8 * pb.k_stride_token == p * pb.k_stride_page + slot * pb.k_stride_token &&
                          (p * G + slot / 8) * 8 * pb.v_stride_token == p * pb.v_stride_page + slot * pb.v_stride_token,
                          "tile %d box %d: group %lld of page %lld does not address slot %lld", t, lane,
                          (long long)(p * G + slot / 8), (long long)p, (long long)slot);
                }
                for (row = lane * g; row < lane * g + rows; row++) cover[row]++;
            }
        }
        for (row = 0; row < TILE; row++)
            CHECK(cover[row] == 1, "tile %d (regime %d): row %d covered %d times", t, regime, row, cover[row]);
    }
    return 1;
}

static int check_plan(int d, int ps, int layout, int table)
{
    return check_plan_t(d, pa_sm90_tile_n(d), ps, layout, table);
}

/* The runs-or-gather choice at the page sizes measured side by side (bench/RESULTS.md 2.13; d256
 * measured again at 51/77/100/127 in 3.1n, where runs now win; d64 43/47/51/57/63 again in 3.4r,
 * session 70, where runs with M101's table beat the gather by 0.8..3.4%; M104's pages in 3.4s;
 * M111's d64 pages 9..11 in 3.5o; with the d256 table knob on, d256 has no measured choice yet). */
static int check_measured(void)
{
    static const struct { int d, ps, gather; } m[] = {
        { 64, 43, 0 }, { 64, 47, 0 }, { 64, 51, 0 }, { 64, 57, 0 }, { 64, 63, 0 }, { 64, 77, 0 }, { 64, 100, 0 }, { 64, 127, 0 },
        { 128, 43, 0 }, { 128, 51, 0 }, { 128, 63, 0 }, { 128, 77, 0 }, { 128, 100, 0 }, { 128, 127, 0 },
        { 256, 51, 0 }, { 256, 77, 0 }, { 256, 100, 0 }, { 256, 127, 0 },
        /* M104 (RESULTS 3.4s): the table's runs against the gather below 43; d64 page 9 with M111's
         * split (RESULTS 3.5o: runs +2.6 causal in place, the gather +6.0) */
        { 64, 9, !SM90_RUNS_SPLIT_D64 }, { 64, 12, 0 }, { 64, 17, 0 }, { 64, 20, 0 }, { 64, 33, 0 }, { 64, 36, 0 },
        { 128, 9, 0 }, { 128, 12, 0 }, { 128, 17, 0 }, { 128, 20, 0 }, { 128, 33, 0 }, { 128, 36, 0 },
    };
    const int32_t table[1] = { 0 };
    int i, bad = 0;
    for (i = 0; i < (int)(sizeof m / sizeof *m); i++) {
        pa__problem pb;
        memset(&pb, 0, sizeof pb);
        pb.dtype = PA_DTYPE_BF16; pb.head_dim = m[i].d; pb.num_kv_heads = 8; pb.page_size = m[i].ps;
        pb.num_pages = 1000; pb.page_table = table;
        pb.k_stride_head = pb.v_stride_head = m[i].d;                  /* an NHD pool */
        pb.k_stride_token = pb.v_stride_token = 8 * (int64_t)m[i].d;
        pb.k_stride_page = pb.v_stride_page = m[i].ps * pb.k_stride_token;
        const int want = m[i].gather ? PA_SM90_GATHER : PA_SM90_RUNS, got = pa_sm90_regime(&pb);
        if (got != want) {
            printf("FAIL [test_sm90_plan] d=%d page=%d: regime %d, measured best %d\n", m[i].d, m[i].ps, got, want);
            bad++;
        }
    }
    return bad == 0;
}

/* The wide key tiles' PAIR plan (176 keys at d128, SM90_WIDE_ALL in prefill_sm90.cu; 192 with
 * SM90_WIDE_N=192): for every
 * page size that is a multiple of 8 (the PAIR layout's condition) and every tile start of a period, the boxes (pa_sm90_tile_box_rows) fit the 32 lanes
 * that look them up, stay inside their page on 8-row slots, are issued once between the two warps
 * (pa_sm90_pair_share_any, odd counts too) and bring the bytes the stage expects. */
static int check_wide(int d, int tile, int ps, int table)
{
    const char *lname = "wide";
    const int NP = pa_sm90_panels(d), g = pa_sm90_tile_box_rows(tile, ps, table);
    const int boxes = tile / g;
    int t, lane, pnl, row;
    CHECK(g >= 8 && tile % g == 0 && (!table || ps % g == 0), "tile %d: box rows %d", tile, g);
    CHECK(boxes <= 32, "tile %d: %d boxes for 32 lanes", tile, boxes);
    for (t = 0; t < (table ? ps / 8 + 1 : 4); t++) {
        const int n0 = t * tile;
        int owner[32] = { 0 }, cover[256] = { 0 };
        long total = 0;
        for (pnl = 0; pnl < 2; pnl++) {
            int first, mine;
            pa_sm90_pair_share_any(boxes, pnl, &first, &mine);
            CHECK(first >= 0 && mine >= 0 && first + mine <= boxes, "warp %d: boxes %d..%d of %d", pnl, first, first + mine, boxes);
            for (lane = first; lane < first + mine; lane++) owner[lane]++;
            total += (long)mine * g * NP * 128;
        }
        CHECK(total == (long)tile * NP * 128, "tile %d: the stage expects %ld bytes of %d", t, total, tile * NP * 128);
        for (lane = 0; lane < boxes; lane++) {
            const int j = n0 + lane * g;
            CHECK(owner[lane] == 1, "tile %d: box %d issued %d times", t, lane, owner[lane]);
            if (table) CHECK(j % ps + g <= ps && j % ps % 8 == 0, "tile %d box %d: slot %d", t, lane, j % ps);
            for (row = lane * g; row < lane * g + g; row++) cover[row]++;
        }
        for (row = 0; row < tile; row++) CHECK(cover[row] == 1, "tile %d: row %d covered %d times", t, row, cover[row]);
    }
    return 1;
}

/* The last-wave split (pa_sm90_tail_plan): its fields agree with each other, its pieces fit one
 * wave, cover each tile of a unit once, and its modelled time (one CTA per SM, a CTA's time = its
 * tiles + 3 tiles of fixed cost, pieces after the full waves) is never worse than no split. */
static int check_tail(int64_t ctas, int sms, int tiles)
{
    const pa_sm90_tail t = pa_sm90_tail_plan(ctas, sms, tiles);
    const int64_t rem = sms > 0 ? ctas % sms : 0;
    int nt, k, lo, hi, next;
    if (t.splits == 1) {
        if (t.units != 0 || t.first != ctas) goto bad;
        if (ctas > 0 && sms >= 2 && tiles >= 4 && rem > 0 && sms / rem >= 2 && tiles / 2 >= 2) goto bad;
        return 1;
    }
    if (t.splits < 2 || t.units != rem || t.first + t.units != ctas || (int64_t)t.units * t.splits > sms ||
        t.splits > tiles / 2)
        goto bad;
    {
        const int64_t waves = (ctas + sms - 1) / sms, full = (ctas - rem) / sms;
        const int64_t before = waves * (tiles + 3), after = full * (tiles + 3) + (tiles + t.splits - 1) / t.splits + 3;
        if (after > before) goto bad;
    }
    for (nt = 0; nt <= tiles; nt++) {
        next = 0;
        for (k = 0; k < t.splits; k++) {
            pa_sm90_tail_range(nt, k, t.splits, &lo, &hi);
            if (lo != next || hi < lo) goto bad;
            next = hi;
        }
        if (next != nt) goto bad;
    }
    return 1;
bad:
    printf("FAIL tail plan ctas %lld sms %d tiles %d: first %lld units %d splits %d\n", (long long)ctas, sms,
           tiles, (long long)t.first, t.units, t.splits);
    return 0;
}

/* The greedy schedule pa_sm90_tail_model describes, CTA by CTA: each CTA (then each piece) on the SM
 * that frees first; the first `first` whole, the pieces no earlier than the last whole one starts */
static double sim_tail(int64_t first, int64_t units, int splits, int sms, int tiles, double late, int k)
{
    static double at[1024];
    double last = 0.0, end = 0.0;
    int64_t c;
    int i, j;
    for (i = 0; i < sms; i++) at[i] = i < sms - k ? 0.0 : late;
    for (c = 0; c < first; c++) {
        for (j = 0, i = 1; i < sms; i++) if (at[i] < at[j]) j = i;
        if (at[j] > last) last = at[j];
        at[j] += 1.0;
        if (at[j] > end) end = at[j];
    }
    if (units > 0 && splits >= 2) {
        const double pt = (double)((tiles + splits - 1) / splits + 3) / (tiles + 3);
        for (i = 0; i < sms; i++) if (at[i] < last) at[i] = last;
        for (c = 0; c < units * splits; c++) {
            for (j = 0, i = 1; i < sms; i++) if (at[i] < at[j]) j = i;
            at[j] += pt;
            if (at[j] > end) end = at[j];
        }
    }
    return end;
}

/* M94's plan beside a copy: consistent fields, pieces of 2 tiles or more, its model the greedy
 * schedule's (for it and for M39's plan), and by that model never later than M39's plan */
static int check_tail_beside(int64_t ctas, int sms, int tiles, double lost, int k)
{
    const pa_sm90_tail t = pa_sm90_tail_plan_beside(ctas, sms, tiles, lost, k);
    const pa_sm90_tail m = pa_sm90_tail_plan(ctas, sms, tiles);
    const double late = k > 0 ? lost / k : 0.0;
    double e_t, e_m, s_t, s_m;
    if (t.first + t.units != ctas || t.units < 0 || t.splits < 1 || (t.splits == 1 && t.units != 0) ||
        (t.splits > 1 && (t.units < 1 || t.splits > tiles / 2)))
        goto bad;
    if (!(lost > 0) || k < 1 || k >= sms) {
        if (t.first != m.first || t.units != m.units || t.splits != m.splits) goto bad;
        return 1;
    }
    e_t = pa_sm90_tail_model(t.first, t.units, t.splits, sms, tiles, late, k);
    e_m = pa_sm90_tail_model(m.first, m.units, m.splits, sms, tiles, late, k);
    s_t = e_t; s_m = e_m;   /* (the greedy walk on the smaller grids: its time grows as ctas x sms) */
    if (ctas * sms <= 140000) {
        s_t = sim_tail(t.first, t.units, t.splits, sms, tiles, late, k);
        s_m = sim_tail(m.first, m.units, m.splits, sms, tiles, late, k);
    }
    if (fabs(e_t - s_t) > 1e-6 || fabs(e_m - s_m) > 1e-6 || e_t > e_m + 1e-9) {
        printf("FAIL tail model: plan %.6f (greedy %.6f), M39 %.6f (greedy %.6f)\n", e_t, s_t, e_m, s_m);
        goto bad;
    }
    return 1;
bad:
    printf("FAIL tail plan beside: ctas %lld sms %d tiles %d lost %.2f k %d: first %lld units %d splits %d\n",
           (long long)ctas, sms, tiles, lost, k, (long long)t.first, t.units, t.splits);
    return 0;
}

/* M107, the straddle-only copy at d256 (sm90_plan.h pa_sm90_straddle_*), for a page size and a
 * sequence of sk keys: the groups the copy enumerates (copied group s: boundary s + s / (m - 1) + 1)
 * are exactly the groups the attention reads from the copy, in order; every 64-key tile's 8
 * groups are either a copied group or a page-map box whose rows inside the sequence lie in the
 * group's first page; a copied group holds a page boundary inside the sequence; the two panel
 * warps' boxes bring the tile's bytes (64 keys x 512 B); the share counts the copied keys. */
static int check_straddle(int ps, int sk)
{
    const int m = pa_sm90_straddle_m(ps), n = pa_sm90_straddle_groups(ps, sk);
    int s = 0, j, key;
    if (m != 8 / (ps % 8 == 0 ? 8 : ps % 8 == 4 ? 4 : ps % 2 == 0 ? 2 : 1)) {
        printf("FAIL [test_sm90_plan straddle] page %d: m %d\n", ps, m);
        return 0;
    }
    for (j = 0; j < sk; j += 8) {
        const int copied = pa_sm90_straddle_copied(ps, sk, j, j % ps);
        const int page = j / ps;
        /* brute force: a key of the group inside the sequence on another page than key j */
        int other = 0;
        for (key = j; key < j + 8 && key < sk; key++) other |= key / ps != page;
        if (copied != other) {
            printf("FAIL [test_sm90_plan straddle] page %d sk %d: group %d copied %d, crosses %d\n", ps, sk, j, copied, other);
            return 0;
        }
        if (!copied) {   /* a page-map box: rows j % ps .. + 7, those past the page past the sequence */
            for (key = j; key < j + 8; key++)
                if (key / ps != page && key < sk) {
                    printf("FAIL [test_sm90_plan straddle] page %d sk %d: box at %d reads key %d of the next page\n", ps, sk, j, key);
                    return 0;
                }
            continue;
        }
        if (s >= n || pa_sm90_straddle_row(ps, s, m > 1 ? s / (m - 1) : 0) != j) {
            printf("FAIL [test_sm90_plan straddle] page %d sk %d: copied group %d of %d is at %d, want %d\n", ps, sk, s, n,
                   s < n ? pa_sm90_straddle_row(ps, s, m > 1 ? s / (m - 1) : 0) : -1, j);
            return 0;
        }
        s++;
    }
    if (s != n) {
        printf("FAIL [test_sm90_plan straddle] page %d sk %d: the copy enumerates %d groups, the attention reads %d\n", ps, sk, n, s);
        return 0;
    }
    {   /* the stage's bytes: the tile's 8 boxes split between the two panel warps */
        int f0, m0, f1, m1;
        pa_sm90_pair_share(8, 0, &f0, &m0);
        pa_sm90_pair_share(8, 1, &f1, &m1);
        const int rows = pa_sm90_pair_box_rows(PA_SM90_PAIR_STRADDLE, 8);
        if (f0 != 0 || f1 != m0 || m0 + m1 != 8 || (m0 + m1) * rows * pa_sm90_panels(256) * 128 != pa_sm90_tile_n(256) * 512) {
            printf("FAIL [test_sm90_plan straddle] boxes %d + %d of %d rows\n", m0, m1, rows);
            return 0;
        }
    }
    if (fabs(pa_sm90_straddle_share(ps, sk) - (sk > 0 ? 8.0 * n / sk : 0.0)) > 1e-12) return 0;
    return 1;
}

/* M108, page-local groups (sm90_plan.h pa_sm90_local_*), for a page size and a sequence of sk keys:
 * slots 0 .. sk - 1 hold every key once (a brute-force count); each page group (8 slots) is 8 keys
 * of one page from a row that is a multiple of 8, all inside the page and the sequence, so one box
 * of the page map; the rest are the copy's rows 0, 1, .. in slot order (the copy writes remainder row
 * q with key pa_sm90_local_rest_key(q), the attention reads slot s from copy row s - 8 x groups), each
 * a key no page group holds, in key order; the share counts them. */
static int check_local(int ps, int sk)
{
    static unsigned char seen[16384];
    const int fg = pa_sm90_local_groups(ps, sk), rest = pa_sm90_local_rest(ps, sk);
    int s, prev = -1;
    if (sk > (int)sizeof seen || 8 * fg + rest != sk) {
        printf("FAIL [test_sm90_plan local] page %d sk %d: %d groups + %d rows\n", ps, sk, fg, rest);
        return 0;
    }
    memset(seen, 0, (size_t)sk);
    for (s = 0; s < sk; s++) {
        const int key = pa_sm90_local_key(ps, sk, s);
        if (key < 0 || key >= sk || seen[key]) {
            printf("FAIL [test_sm90_plan local] page %d sk %d: slot %d holds key %d (%s)\n", ps, sk, s, key,
                   key < 0 || key >= sk ? "outside" : "twice");
            return 0;
        }
        seen[key] = 1;
        if ((s >> 3) < fg) {   /* a page group: one page-map box at row (key of slot s & ~7) % ps */
            const int k0 = pa_sm90_local_key(ps, sk, s & ~7);
            if (k0 % ps % 8 != 0 || k0 % ps + 8 > ps || key != k0 + (s & 7) || k0 + 8 > sk) {
                printf("FAIL [test_sm90_plan local] page %d sk %d: slot %d key %d, group from key %d\n", ps, sk, s, key, k0);
                return 0;
            }
        } else {   /* the copy's row s - 8 fg, a key past its page's groups, in key order */
            const int q = s - 8 * fg;
            const int row = key % ps, last = key / ps == sk / ps;
            if (pa_sm90_local_rest_key(ps, sk, q) != key || key <= prev ||
                (!last && row < (ps & ~7)) || (last && row < ((sk % ps) & ~7))) {
                printf("FAIL [test_sm90_plan local] page %d sk %d: copy row %d holds key %d (row %d of its page)\n", ps, sk, q, key, row);
                return 0;
            }
            prev = key;
        }
    }
    if (fabs(pa_sm90_local_share(ps, sk) - (sk > 0 ? (double)rest / sk : 0.0)) > 1e-12) return 0;
    return 1;
}

/* M117: the kv heads a group of a split call takes, against a brute-force search */
static int check_split(int64_t head_bytes, int kv_heads, double limit)
{
    const int n = pa_sm90_split_heads(head_bytes, kv_heads, limit);
    int best = 0, m;   /* the fewest groups whose largest group fits */
    for (m = kv_heads; m >= 1; m--)
        if (pa_sm90_split_bytes(head_bytes, m) <= limit) { best = (kv_heads + m - 1) / m; break; }
    if (kv_heads < 2 || pa_sm90_split_bytes(head_bytes, kv_heads) <= limit || best == 0) {
        if (n == 0) return 1;
        printf("FAIL [test_sm90_plan split] head %lld bytes, %d kv heads, limit %.0f: %d a group, want none\n",
               (long long)head_bytes, kv_heads, limit, n);
        return 0;
    }
    if (n < 1 || n >= kv_heads || pa_sm90_split_bytes(head_bytes, n) > limit ||
        (kv_heads + n - 1) / n != best || n * (best - 1) >= kv_heads || (kv_heads + best - 1) / best != n) {
        printf("FAIL [test_sm90_plan split] head %lld bytes, %d kv heads, limit %.0f: %d a group (%d groups wanted)\n",
               (long long)head_bytes, kv_heads, limit, n, best);
        return 0;
    }
    return 1;
}

int main(void)
{
    static const int big[] = { 1536, 2048, 2816, 4096, 8192, 12345 };
    static const int dims[] = { 64, 128, 256 };
    int passed = 0, failed = 0, ps, layout, table, i, k;
    for (k = 0; k < 3; k++)
        for (layout = 0; layout < 6; layout++)
            for (table = 0; table < 2; table++) {
                for (ps = 1; ps <= 1100; ps++) {
                    if (check_plan(dims[k], ps, layout, table)) passed++; else failed++;
                }
                for (i = 0; i < (int)(sizeof big / sizeof *big); i++) {
                    if (check_plan(dims[k], big[i], layout, table)) passed++; else failed++;
                }
            }
    if (check_measured()) passed++; else failed++;
    /* the whole plan on d128's wide 176-key tiles (SM90_WIDE_ALL): runs from page 59, boxes, PAIR;
     * and on 192-key tiles (SM90_WIDE_N=192, a measurement build) */
    for (layout = 0; layout < 6; layout++)
        for (table = 0; table < 2; table++) {
            for (ps = 1; ps <= 1100; ps++) {
                if (check_plan_t(128, 176, ps, layout, table)) passed++; else failed++;
                if (check_plan_t(128, 192, ps, layout, table)) passed++; else failed++;
            }
            g_overlap = 1;   /* page runs with overlapping boxes (the exact cuts: the loops above) */
            for (ps = 43; ps <= 1100; ps++) {
                if (check_plan_t(128, 176, ps, layout, table)) passed++; else failed++;
                for (k = 0; k < 3; k++)
                    if (check_plan(dims[k], ps, layout, table)) passed++; else failed++;
            }
            g_overlap = 0;
            for (i = 0; i < (int)(sizeof big / sizeof *big); i++) {
                if (check_plan_t(128, 176, big[i], layout, table)) passed++; else failed++;
                if (check_plan_t(128, 192, big[i], layout, table)) passed++; else failed++;
            }
        }
    for (ps = 8; ps <= 1100; ps += 8)
        for (table = 0; table < 2; table++) {
            if (check_wide(128, 176, ps, table)) passed++; else failed++;
            if (check_wide(128, 192, ps, table)) passed++; else failed++;
        }
    {   /* the benchmark's shape: 64 query blocks x 16 heads x 4 on 132 SMs, 64 key tiles */
        static const int sms_list[] = { 1, 2, 7, 66, 114, 132 };
        const pa_sm90_tail t = pa_sm90_tail_plan(4096, 132, 64);
        if (t.first == 4092 && t.units == 4 && t.splits == 32) passed++;
        else { failed++; printf("FAIL tail plan 4096/132/64: first %lld units %d splits %d\n", (long long)t.first, t.units, t.splits); }
        for (i = 0; i < (int)(sizeof sms_list / sizeof *sms_list); i++)
            for (k = 0; k <= 700; k += 3)
                for (ps = 0; ps <= 130; ps += 13) {
                    if (check_tail(k, sms_list[i], ps)) passed++; else failed++;
                }
    }
    {   /* M94: beside a copy. The benchmark's d128 MHA shape (4096 CTAs of 47 176-key tiles, the
         * copy ~73 CTA times on 16 SMs): the model's end moves from ~32 CTA times to under 31.8 */
        static const int64_t ctas_list[] = { 1, 100, 500, 1000, 2048, 4096 };
        static const int sms_list[] = { 66, 114, 132 }, tiles_list[] = { 4, 16, 47, 64 }, k_list[] = { 1, 8, 16, 33 };
        static const double lost_list[] = { 0.0, 0.4, 5.0, 9.2, 30.0, 73.4, 110.0, 400.0 };
        const pa_sm90_tail t = pa_sm90_tail_plan_beside(4096, 132, 47, 73.4, 16);
        const double e = pa_sm90_tail_model(t.first, t.units, t.splits, 132, 47, 73.4 / 16, 16);
        const double e39 = pa_sm90_tail_model(4092, 4, 23, 132, 47, 73.4 / 16, 16);
        if (t.units > 4 && e < 31.8 && e39 > 31.95 && fabs(e39 - sim_tail(4092, 4, 23, 132, 47, 73.4 / 16, 16)) < 1e-6 &&
            fabs(e - sim_tail(t.first, t.units, t.splits, 132, 47, 73.4 / 16, 16)) < 1e-6) passed++;
        else { failed++; printf("FAIL tail plan beside 4096/132/47: units %d splits %d, end %.3f (M39 %.3f)\n", t.units, t.splits, e, e39); }
        int a, b, c2, d2;
        for (a = 0; a < 6; a++)
            for (b = 0; b < 3; b++)
                for (c2 = 0; c2 < 4; c2++)
                    for (d2 = 0; d2 < 8; d2++)
                        for (k = 0; k < 4; k++) {
                            if (k_list[k] >= sms_list[b] / 2) continue;
                            if (check_tail_beside(ctas_list[a], sms_list[b], tiles_list[c2], lost_list[d2], k_list[k])) passed++;
                            else failed++;
                        }
    }
    {   /* M106: which calls beside a copy plan their last wave for it. d256 B4 8k non-causal on 16
         * copy blocks loses, by prefill_sm90.cu's sm90_copy_lost, 85.9 / 42.9 / 21.5 CTA times at
         * 16 / 8 / 4 kv heads: M39's plan for the first (measured faster there), M94's for the
         * others (RESULTS 3.5d); the limit, 4 CTA times a block, included; d128 always, d64 never */
        static const struct { int mode, d; double lost; int k, on; } c[] = {
            { 1, 256, 85.9, 16, 0 }, { 1, 256, 42.9, 16, 1 }, { 1, 256, 21.5, 16, 1 }, { 1, 256, 64.0, 16, 1 },
            { 1, 256, 64.01, 16, 0 }, { 1, 256, 21.5, 8, 1 }, { 1, 256, 42.9, 8, 0 }, { 1, 128, 400.0, 16, 1 },
            { 1, 64, 1.0, 16, 0 }, { 0, 128, 10.0, 16, 0 }, { 0, 256, 10.0, 16, 0 }, { 2, 64, 400.0, 16, 1 },
            { 2, 256, 400.0, 16, 1 }, { 1, 256, 10.0, 0, 0 }, { 2, 128, 10.0, 0, 0 },
        };
        for (i = 0; i < (int)(sizeof c / sizeof *c); i++) {
            if (pa_sm90_tail_beside_on(c[i].mode, c[i].d, c[i].lost, c[i].k, 4.0) == c[i].on) passed++;
            else { failed++; printf("FAIL tail beside on: mode %d d %d lost %.2f blocks %d: want %d\n", c[i].mode, c[i].d, c[i].lost, c[i].k, c[i].on); }
        }
    }
    for (ps = 1; ps <= 700; ps++) {   /* M107 / M108 take exactly the pages past 8 where their copy writes rows */
        const int writes = pa_sm90_straddle_groups(ps, 4 * ps) > 0 && pa_sm90_local_rest(ps, 4 * ps) > 0;
        if (pa_sm90_straddle_pages(ps) == (ps > 8 && writes)) passed++;
        else { failed++; printf("FAIL [test_sm90_plan straddle pages] page %d: taken %d, copy writes %d\n", ps, pa_sm90_straddle_pages(ps), writes); }
    }
    for (ps = 9; ps <= 700; ps++) {   /* M107 / M108: every page size that is not a multiple of 8 */
        static const int sks[] = { 1, 7, 8, 9, 63, 64, 65, 100, 511, 777, 2048, 8192 };
        if (ps % 8 == 0) continue;
        for (i = 0; i < (int)(sizeof sks / sizeof *sks); i++) {
            if (check_straddle(ps, sks[i])) passed++; else failed++;
            if (check_straddle(ps, sks[i] + ps)) passed++; else failed++;   /* (ends just past a page) */
            if (check_local(ps, sks[i])) passed++; else failed++;      /* M108 */
            if (check_local(ps, sks[i] + ps)) passed++; else failed++;
        }
    }
    {   /* the shares NOTES session 75 counted: page 9 ~78%, 17 ~41%, 33 ~21%, 100 ~4% of 8k keys */
        static const struct { int ps; double lo, hi; } sh[] = { { 9, 0.76, 0.80 }, { 17, 0.39, 0.43 }, { 33, 0.19, 0.23 }, { 100, 0.03, 0.05 } };
        for (i = 0; i < 4; i++) {
            const double x = pa_sm90_straddle_share(sh[i].ps, 8192);
            if (x >= sh[i].lo && x <= sh[i].hi) passed++;
            else { failed++; printf("FAIL [test_sm90_plan straddle] page %d share %.3f\n", sh[i].ps, x); }
        }
    }
    {   /* M117: RESULTS 3.5y's call, d128 B4 65536 over 16 kv heads (K and V 2.1 GB) against the
         * default 1 GiB, takes 2 groups of 8 (exactly 1 GiB each); then sizes around every boundary */
        static const int64_t hb[] = { 1, 255, 256, 257, 1000, 4096, 65536, (int64_t)4 * 65536 * 128 * 2 };
        static const double lims[] = { 0, 511, 512, 513, 2048, 1e4, 1e6, 1 << 30, 1e12 };
        const int n = pa_sm90_split_heads((int64_t)4 * 65536 * 128 * 2, 16, (double)(1 << 30));
        if (n == 8) passed++;
        else { failed++; printf("FAIL [test_sm90_plan split] d128 B4 65536 H16: %d kv heads a group, want 8\n", n); }
        int a, b, h;
        for (a = 0; a < (int)(sizeof hb / sizeof *hb); a++)
            for (b = 0; b < (int)(sizeof lims / sizeof *lims); b++)
                for (h = 1; h <= 40; h++) {
                    if (check_split(hb[a], h, lims[b])) passed++; else failed++;
                    if (check_split(hb[a], h, lims[b] > 0 ? pa_sm90_split_bytes(hb[a], h / 2 + 1) : 0)) passed++; else failed++;
                    if (check_split(hb[a], h, pa_sm90_split_bytes(hb[a], h / 3 + 1) - 1)) passed++; else failed++;
                }
    }
    return th_finish(passed, failed);
}
