/*
 * The CUDA backend against the reference: the sweep of test_cpu at GPU sizes (keys up to 16k+,
 * head_dim 64/128/256, f16 and bf16), bad inputs with validation on, pa_kv_append and
 * bit-identical repeats. PA_TEST_KERNEL=sm80|sm90|decode|auto forces one kernel; a case the
 * forced kernel cannot run counts as skipped, not failed. PA_TEST_SM90_WIDE=1 makes the sm90
 * gather use its 64-bit offsets for every pool; PA_TEST_SM90_GATHER=1 sends every paged sm90 call
 * through the cp.async gather (normally pages 1..7 and a few others), so that it is checked at
 * every page size of the sweep; PA_TEST_HEAD_DIM=128 draws only that head_dim; PA_TEST_SM90_TAIL=3
 * makes the sm90 kernel plan its last-wave split for 3 SMs, so that small shapes take it;
 * PA_TEST_SM90_COPY=1 sends every paged sm90 call (gather and TMA pages alike) through the copy
 * into the workspace and the contiguous kernel instead (M80, M81; =-1 never copies, unset lets the
 * estimate decide); PA_TEST_SM90_COPY_CTAS=n copies beside the attention with n blocks whenever a
 * call copies (M82; =-1 never beside); PA_TEST_PAGES=4,12 draws only those page sizes; PA_TEST_LONG_RANGE=0 leaves out the five
 * long-range cases; PA_TEST_CONTIGUOUS=i runs contiguous case i alone
 * (no other case, no bad inputs), PA_TEST_REPEAT=k that many times (a stall hunt under a sanitizer);
 * PA_TEST_PAGE_GAP=g gives every random case g token strides between pages (-1: a page stride
 * twice the dense page's, one tensor of K and V pages in turn; unset: the generator's own, about
 * one case in four).
 * Without a CUDA device it prints "skipped: no CUDA device" and counts nothing.
 */
#include "harness.h"
#include <stdlib.h>

static int pages[32] = { 1, 3, 8, 16, 48, 51, 64, 100, 128, 200, 256, 672 };
static int npages = 12;   /* PA_TEST_PAGES=4,12 replaces the list (a regime's page sizes) */
static const int dims[] = { 64, 128, 256 };
static const pa_dtype dtypes[] = { PA_DTYPE_F16, PA_DTYPE_BF16 };

static int passed, failed, skipped;

static void count(int r)
{
    if (r == TH_PASS) passed++;
    else if (r == TH_SKIP) skipped++;
    else failed++;
}

/* prefill_sm90.cu: pools of at least 2^this bytes use the gather's 64-bit offsets */
extern int pa__sm90_wide_log2 __attribute__((weak));
/* prefill_sm90.cu: non-zero sends every paged call through the gather */
extern int pa__sm90_force_gather __attribute__((weak));
/* prefill_sm90.cu: the SM count its last-wave split assumes (0: the device's), and how many calls
 * took the split */
extern int pa__sm90_tail_sms __attribute__((weak));
extern long pa__sm90_tail_calls __attribute__((weak));
/* prefill_sm90.cu: 1 copies every paged call's cache into the workspace, -1 never (M80), and how
 * many calls took the copy */
extern int pa__sm90_copy_mode __attribute__((weak));
extern long pa__sm90_copy_calls __attribute__((weak));
/* prefill_sm90.cu (M82): n > 0 copies beside the attention with n blocks, -1 never beside; and
 * how many calls did */
extern int pa__sm90_copy_ctas __attribute__((weak));
extern long pa__sm90_copy_overlap_calls __attribute__((weak));
/* prefill_sm90.cu (M94): a call copying beside its attention splits this many last-wave units
 * this many ways (0: its own plan) */
extern int pa__sm90_tail_beside __attribute__((weak));   /* 0 M39 alone, 1 d128, 2 every head_dim */
extern int pa__sm90_tail_force_units __attribute__((weak));
extern int pa__sm90_tail_force_splits __attribute__((weak));
/* prefill_sm90.cu (M107): 1 sends every d256 call whose page size is not a multiple of 8 (9 and
 * up) through the straddle-only copy, and how many calls took it */
/* prefill_sm90.cu (M117): 1 runs a call whose copy is over the context's kv_copy_limit as calls
 * over groups of kv heads, and how many calls did (PA_TEST_KV_COPY_LIMIT sets the limit) */
extern int pa__sm90_copy_split __attribute__((weak));
extern long pa__sm90_split_calls __attribute__((weak));
extern long pa__sm90_early_calls __attribute__((weak));   /* SM90_EARLY builds (M119a): calls that took it */
extern int pa__sm90_straddle_mode __attribute__((weak));
extern long pa__sm90_straddle_calls __attribute__((weak));
/* prefill_sm90.cu (M109, SM90_FT builds): 1 sends every call that reads page runs through the run
 * table through the copy on first read, and how many calls took it */
extern int pa__sm90_ft __attribute__((weak));
extern long pa__sm90_ft_calls __attribute__((weak));

int main(void)
{
    const uint64_t base = th_env_seed();
    const int n = th_env_cases(300, 1500), only = th_env_only();
    const char *kname = getenv("PA_TEST_KERNEL");
    pa__kernel kernel = PA__KERNEL_AUTO;
    pa_context *ctx = NULL;
    th_limits lim;
    int head_dim;
    th_case c;
    pa_status st;
    int i;

    if (kname && *kname) {
        if (!strcmp(kname, "sm80")) kernel = PA__KERNEL_SM80_PREFILL;
        else if (!strcmp(kname, "sm90")) kernel = PA__KERNEL_SM90_PREFILL;
        else if (!strcmp(kname, "decode")) kernel = PA__KERNEL_DECODE;
        else if (strcmp(kname, "auto")) {
            printf("PA_TEST_KERNEL=%s is not sm80, sm90, decode or auto\n", kname);
            return th_finish(0, 1);
        }
    }
    if (getenv("PA_TEST_SM90_WIDE") && &pa__sm90_wide_log2) pa__sm90_wide_log2 = 0;
    if (getenv("PA_TEST_SM90_GATHER") && &pa__sm90_force_gather) pa__sm90_force_gather = 1;
    if (getenv("PA_TEST_SM90_COPY") && &pa__sm90_copy_mode) pa__sm90_copy_mode = atoi(getenv("PA_TEST_SM90_COPY"));
    if (getenv("PA_TEST_SM90_COPY_CTAS") && &pa__sm90_copy_ctas) pa__sm90_copy_ctas = atoi(getenv("PA_TEST_SM90_COPY_CTAS"));
    if (getenv("PA_TEST_SM90_STRADDLE") && &pa__sm90_straddle_mode) pa__sm90_straddle_mode = atoi(getenv("PA_TEST_SM90_STRADDLE"));
    if (getenv("PA_TEST_SM90_FT") && &pa__sm90_ft) pa__sm90_ft = atoi(getenv("PA_TEST_SM90_FT"));
    if (getenv("PA_TEST_SM90_SPLIT") && &pa__sm90_copy_split) pa__sm90_copy_split = atoi(getenv("PA_TEST_SM90_SPLIT"));
    if (getenv("PA_TEST_PAGES")) {
        const char *s = getenv("PA_TEST_PAGES");
        char *end;
        npages = 0;
        while (*s && npages < 32) {
            const long v = strtol(s, &end, 10);
            if (end == s || v < 1) {
                printf("PA_TEST_PAGES=%s: expected page sizes like 4,12\n", getenv("PA_TEST_PAGES"));
                return th_finish(0, 1);
            }
            pages[npages++] = (int)v;
            s = *end == ',' ? end + 1 : end;
        }
    }
    if (getenv("PA_TEST_SM90_TAIL") && &pa__sm90_tail_sms) pa__sm90_tail_sms = atoi(getenv("PA_TEST_SM90_TAIL"));
    if (getenv("PA_TEST_SM90_TAIL_BESIDE") && &pa__sm90_tail_beside) pa__sm90_tail_beside = atoi(getenv("PA_TEST_SM90_TAIL_BESIDE"));
    if (getenv("PA_TEST_SM90_TAIL_UNITS") && &pa__sm90_tail_force_units) pa__sm90_tail_force_units = atoi(getenv("PA_TEST_SM90_TAIL_UNITS"));
    if (getenv("PA_TEST_SM90_TAIL_SPLITS") && &pa__sm90_tail_force_splits) pa__sm90_tail_force_splits = atoi(getenv("PA_TEST_SM90_TAIL_SPLITS"));
    if (dev_count() < 1) {
        printf("skipped: no CUDA device\n");
        return th_finish(0, 0);
    }
    st = pa_context_create(&ctx, PA_BACKEND_CUDA, 0);
    if (st != PA_OK) {
        printf("skipped: no CUDA device (%s: %s)\n", pa_status_string(st), pa_context_last_error(ctx));
        pa_context_destroy(ctx);
        return th_finish(0, 0);
    }
    if (getenv("PA_TEST_KV_COPY_LIMIT"))   /* the random cases' limit (M117's groups: a small one) */
        pa_context_set_kv_copy_limit(ctx, (size_t)strtoull(getenv("PA_TEST_KV_COPY_LIMIT"), NULL, 10));
    printf("[test_gpu] device cc %d.%d, %d SMs, kernel %s, %d cases, seed %llu\n", ctx->cc_major,
           ctx->cc_minor, ctx->num_sms, kname && *kname ? kname : "auto", n,
           (unsigned long long)base);
    if (pa__context_force_kernel(ctx, kernel) != PA_OK) {
        printf("cannot force kernel %s: %s\n", kname, pa_context_last_error(ctx));
        return th_finish(0, 1);
    }

    memset(&lim, 0, sizeof lim);
    lim.dtypes = dtypes; lim.n_dtypes = 2;
    lim.head_dims = dims; lim.n_head_dims = 3;
    if (getenv("PA_TEST_HEAD_DIM")) {   /* one head_dim only, e.g. 128 for a forced sm90 run */
        head_dim = atoi(getenv("PA_TEST_HEAD_DIM"));
        lim.head_dims = &head_dim; lim.n_head_dims = 1;
    }
    lim.page_sizes = pages; lim.n_page_sizes = npages;
    lim.max_batch = 8; lim.max_heads = 32; lim.max_group = 8;
    lim.max_q = 512; lim.max_keys = 17000;
    lim.max_work = th_env_long() ? 3e8 : 8e7;

    if (getenv("PA_TEST_CONTIGUOUS")) {   /* one contiguous case, repeated */
        const int ci = atoi(getenv("PA_TEST_CONTIGUOUS"));
        const long reps = getenv("PA_TEST_REPEAT") ? atol(getenv("PA_TEST_REPEAT")) : 1;
        char tag[160];
        long r;
        th_case_contiguous(&c, th_case_seed(base, 30000 + ci), &lim, ci);
        for (r = 0; r < reps; r++) {
            snprintf(tag, sizeof tag, "[test_gpu contiguous case %d, run %ld] (PA_TEST_SEED=%llu)", ci, r,
                     (unsigned long long)base);
            count(th_run_case(ctx, &c, tag));
        }
        goto out;
    }
    for (i = 0; i < n; i++) {
        char tag[160];
        if (only >= 0 && i != only) continue;
        th_case_random(&c, th_case_seed(base, i), &lim);
        c.page_size = pages[i % npages];
        c.dtype = dtypes[(i / npages) % 2];
        if (getenv("PA_TEST_PAGE_GAP")) c.page_gap = atoi(getenv("PA_TEST_PAGE_GAP"));
        if (kernel == PA__KERNEL_DECODE) { c.decode = 1; c.max_q = 1; }
        if (i % 10 == 9) { /* a long sequence: 16k keys and more, few heads to keep it quick */
            int group = c.num_heads / c.num_kv_heads;
            c.max_keys = 16384 + (int)(th_case_seed(base, i) % 1024);
            c.full_len = 1; c.batch = 1 + i % 2; c.empty_pct = 0;
            c.num_kv_heads = 1 + (i / 10) % 2; c.num_heads = c.num_kv_heads * group;
            if (!c.decode) c.max_q = 8;
            th_case_fit(&c, 4e8);
        } else {
            th_case_fit(&c, lim.max_work);
        }
        snprintf(tag, sizeof tag, "[test_gpu case %d] (PA_TEST_SEED=%llu PA_TEST_ONLY=%d)", i,
                 (unsigned long long)base, i);
        count(th_run_case(ctx, &c, tag));
    }
    if (only >= 0) goto out;

    /* key counts that are multiples of the tile, non-causal, several query blocks: the key walks
     * the Hopper kernel rotates (M36), on each load path */
    for (i = 0; i < (kernel == PA__KERNEL_DECODE ? 0 : n < 12 ? n : 12); i++) {   /* as many as the random cases, up to 12 */
        char tag[160];
        th_case_tile_multiple(&c, th_case_seed(base, 20000 + i), &lim, i);
        snprintf(tag, sizeof tag, "[test_gpu tile-multiple case %d] (PA_TEST_SEED=%llu)", i, (unsigned long long)base);
        count(th_run_case(ctx, &c, tag));
    }

    /* contiguous caches, non-causal, key counts on and off the tiles */
    for (i = 0; i < (kernel == PA__KERNEL_DECODE ? 0 : n < 8 ? n : 8); i++) {
        char tag[160];
        th_case_contiguous(&c, th_case_seed(base, 30000 + i), &lim, i);
        snprintf(tag, sizeof tag, "[test_gpu contiguous case %d] (PA_TEST_SEED=%llu)", i, (unsigned long long)base);
        count(th_run_case(ctx, &c, tag));
    }

    /* one CTA's key range over more than 2048 pages (SM90_PT_CAP: the sm90 TMA producers stage at
     * most that many page-table entries in shared memory, M77 / M78, and longer ranges keep the
     * per-tile global lookups): one query block, causal or unsplit, 16k+ keys at page 8 and 32k+
     * at page 16, a fragmented table (d128 / d256 / d64 / d128 / d256 when every head_dim runs).
     * PA_TEST_LONG_RANGE=0 leaves them out (tests/sanitize.sh's racecheck runs of the forced gather,
     * which has no such fallback: there the d256 ones took most of a run's 120 s, session 43). */
    for (i = 0; i < (kernel == PA__KERNEL_DECODE || (getenv("PA_TEST_LONG_RANGE") && !atoi(getenv("PA_TEST_LONG_RANGE"))) ? 0 : 5); i++) {
        char tag[160];
        th_case_random(&c, th_case_seed(base, 40000 + i), &lim);
        c.head_dim = lim.head_dims[(i + 1) % lim.n_head_dims];
        c.page_size = i == 1 ? 16 : 8;
        c.max_keys = 2048 * c.page_size + 1 + (int)(th_case_seed(base, 40100 + i) % 300);
        c.max_q = i == 2 ? 40 : 8;
        c.batch = 1; c.num_kv_heads = 1; c.num_heads = 1 + i % 2;
        c.decode = 0; c.varlen = i & 1; c.no_table = 0; c.full_len = 1; c.empty_pct = 0;
        c.causal = i != 3; c.window_left = -1; c.num_splits = i == 3;
        c.softcap = 0.0f; c.scale_mul = 1.0f;
        snprintf(tag, sizeof tag, "[test_gpu long-range case %d] (PA_TEST_SEED=%llu)", i, (unsigned long long)base);
        count(th_run_case(ctx, &c, tag));
    }

    /* bad page ids in the table with validation off: their keys are masked (the reference skips
     * them), among runs of good pages (session 58: the sm90 producers write a tile's key-mask
     * words only when they changed, M88). The copy of the cache would read them as zeros
     * instead, so the copy is off for these (PA_TEST_BAD_KEEP_COPY=1 keeps it: with
     * PA_TEST_SM90_COPY=1 these cases must then fail, which shows that they can). */
    pa_context_set_validation(ctx, 0);
    if (!getenv("PA_TEST_BAD_KEEP_COPY")) pa_context_set_kv_copy_limit(ctx, 0);
    for (i = 0; i < (n < 12 ? n : 12); i++) {
        char tag[160];
        th_case_random(&c, th_case_seed(base, 50000 + i), &lim);
        c.page_size = pages[i % npages];
        c.no_table = 0;
        c.bad_pct = i % 3 == 0 ? 40 : i % 3 == 1 ? 10 : 3;
        if (kernel == PA__KERNEL_DECODE) { c.decode = 1; c.max_q = 1; }
        snprintf(tag, sizeof tag, "[test_gpu bad-page case %d] (PA_TEST_SEED=%llu)", i, (unsigned long long)base);
        count(th_run_case(ctx, &c, tag));
    }
    pa_context_set_kv_copy_limit(ctx, PA_KV_COPY_LIMIT_DEFAULT);

    /* bad inputs: host fields always, device tables with validation on */
    th_run_bad_inputs(ctx, PA_DTYPE_F16, 128, &passed, &failed);
    pa_context_set_validation(ctx, 1);
    th_run_bad_inputs(ctx, PA_DTYPE_BF16, 64, &passed, &failed);
    for (i = 0; i < 40; i++) {
        char tag[80];
        pa_context_set_validation(ctx, i & 1);
        snprintf(tag, sizeof tag, "[test_gpu kv_append %d]", i);
        count(th_run_kv_append(ctx, th_case_seed(base, 10000 + i), dtypes[i % 2], tag));
    }
    pa_context_set_validation(ctx, 0);
    if (&pa__sm90_tail_calls) {
        printf("[test_gpu] %ld calls split their last wave (sm90)\n", pa__sm90_tail_calls);
        /* a forced small SM count must have sent some non-causal calls through the pieces */
        if (getenv("PA_TEST_SM90_TAIL") && kernel == PA__KERNEL_SM90_PREFILL && n >= 20 && pa__sm90_tail_calls == 0) {
            printf("[test_gpu] FAIL: PA_TEST_SM90_TAIL=%s but no call split its last wave\n", getenv("PA_TEST_SM90_TAIL"));
            failed++;
        }
    }
    if (&pa__sm90_copy_calls) {
        printf("[test_gpu] %ld calls copied their cache first (sm90)\n", pa__sm90_copy_calls);
        /* a forced copy must have taken some calls (every paged sm90 call may copy) */
        if (getenv("PA_TEST_SM90_COPY") && atoi(getenv("PA_TEST_SM90_COPY")) > 0 && n >= 20 && pa__sm90_copy_calls == 0) {
            printf("[test_gpu] FAIL: PA_TEST_SM90_COPY=%s but no call copied its cache\n", getenv("PA_TEST_SM90_COPY"));
            failed++;
        }
    }
    if (&pa__sm90_straddle_calls) {
        printf("[test_gpu] %ld calls took the straddle-only copy (sm90)\n", pa__sm90_straddle_calls);
        /* forced, with d256 pages that are not multiples of 8 among the page sizes: some call must take it */
        const char *hd = getenv("PA_TEST_HEAD_DIM");
        if (getenv("PA_TEST_SM90_STRADDLE") && atoi(getenv("PA_TEST_SM90_STRADDLE")) > 0 && hd && atoi(hd) == 256 &&
            kernel == PA__KERNEL_SM90_PREFILL && n >= 20 && pa__sm90_straddle_calls == 0) {
            printf("[test_gpu] FAIL: PA_TEST_SM90_STRADDLE=%s but no call took the straddle-only copy\n", getenv("PA_TEST_SM90_STRADDLE"));
            failed++;
        }
    }
    if (&pa__sm90_early_calls) printf("[test_gpu] %ld calls took M119a's early Q / K (sm90)\n", pa__sm90_early_calls);
    if (&pa__sm90_split_calls) {
        printf("[test_gpu] %ld calls ran as groups of kv heads (sm90)\n", pa__sm90_split_calls);
        /* on, with a limit set and the copy forced: some call over the limit must have split */
        if (getenv("PA_TEST_SM90_SPLIT") && atoi(getenv("PA_TEST_SM90_SPLIT")) > 0 && getenv("PA_TEST_KV_COPY_LIMIT") &&
            getenv("PA_TEST_SM90_COPY") && atoi(getenv("PA_TEST_SM90_COPY")) > 0 && kernel == PA__KERNEL_SM90_PREFILL &&
            n >= 20 && pa__sm90_split_calls == 0) {
            printf("[test_gpu] FAIL: PA_TEST_SM90_SPLIT=%s but no call ran as groups\n", getenv("PA_TEST_SM90_SPLIT"));
            failed++;
        }
    }
    if (&pa__sm90_ft_calls) {
        printf("[test_gpu] %ld calls took the copy on first read (sm90)\n", pa__sm90_ft_calls);
        /* forced with sm90 and 20+ cases: some call must have read page runs through the table */
        if (getenv("PA_TEST_SM90_FT") && atoi(getenv("PA_TEST_SM90_FT")) > 0 && kernel == PA__KERNEL_SM90_PREFILL &&
            n >= 20 && pa__sm90_ft_calls == 0) {
            printf("[test_gpu] FAIL: PA_TEST_SM90_FT=%s but no call took the copy on first read\n", getenv("PA_TEST_SM90_FT"));
            failed++;
        }
    }
    if (&pa__sm90_copy_overlap_calls) {
        printf("[test_gpu] %ld calls copied beside the attention (sm90)\n", pa__sm90_copy_overlap_calls);
        const char *cc = getenv("PA_TEST_SM90_COPY_CTAS");
        if (cc && atoi(cc) > 0 && pa__sm90_copy_calls > 0 && pa__sm90_copy_overlap_calls != pa__sm90_copy_calls) {
            printf("[test_gpu] FAIL: PA_TEST_SM90_COPY_CTAS=%s but %ld of %ld copies were not beside the attention\n",
                   cc, pa__sm90_copy_calls - pa__sm90_copy_overlap_calls, pa__sm90_copy_calls);
            failed++;
        }
        if (cc && atoi(cc) < 0 && pa__sm90_copy_overlap_calls != 0) {
            printf("[test_gpu] FAIL: PA_TEST_SM90_COPY_CTAS=%s but %ld copies were beside the attention\n", cc, pa__sm90_copy_overlap_calls);
            failed++;
        }
    }
    th_worst_report("[test_gpu]");
out:
    if (skipped) printf("[test_gpu] %d cases skipped: the %s kernel does not run them\n", skipped,
                        kname && *kname ? kname : "auto");
    if (skipped && (!kname || !*kname || !strcmp(kname, "auto")) && ctx->cc_major == 9) {
        /* on Hopper some kernel runs every f16 / bf16 case at head_dim 64 / 128 / 256 */
        printf("[test_gpu] FAIL: %d cases skipped under the automatic choice on compute capability 9.x\n", skipped);
        failed += skipped;
    }
    pa_context_destroy(ctx);
    return th_finish(passed, failed);
}
