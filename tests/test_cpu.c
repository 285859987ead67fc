/*
 * The CPU backend against the reference: a seeded random sweep over every page size of issue 2,
 * every dtype, GQA 1..8, head dims 16..256 and every feature, then named edge cases and
 * pa_kv_append. Every failure prints its seed and shape; rerun one sweep case with
 * PA_TEST_SEED=<seed> PA_TEST_ONLY=<index>.
 */
#include "harness.h"
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static const int pages[] = { 1, 2, 3, 5, 16, 17, 64, 100, 128, 256, 672 };
static const int dims[] = { 16, 24, 32, 40, 64, 80, 96, 128, 160, 192, 256 };
static const pa_dtype dtypes[] = { PA_DTYPE_F32, PA_DTYPE_F16, PA_DTYPE_BF16 };
#define NPAGES ((int)(sizeof pages / sizeof *pages))

static int passed, failed;

static void count(int r)
{
    if (r == TH_PASS) passed++;
    else failed++;   /* the CPU backend runs every case: a skip is a failure here */
}

/* A named edge case: a random case of this seed with fields overridden by the caller. */
static void edge(pa_context *ctx, const char *name, th_case *c)
{
    char tag[160];
    snprintf(tag, sizeof tag, "[test_cpu edge: %s]", name);
    count(th_run_case(ctx, c, tag));
}

/* A process forked after a context's worker threads started (multiprocessing, prefork servers)
 * has none of them; its calls must still finish, and give the parent's bits. */
static void fork_check(uint64_t base)
{
    pa_context *ctx = NULL;
    th_limits lim;
    th_case c;
    th_inst in;
    int st = 0;
    pid_t pid;
    memset(&lim, 0, sizeof lim);
    lim.max_batch = 3; lim.max_heads = 8; lim.max_group = 4; lim.max_q = 32; lim.max_keys = 500;
    lim.max_work = 4e6;
    th_case_random(&c, th_case_seed(base, 12000), &lim);
    c.batch = 3;   /* items for more than one thread */
    if (pa_context_create(&ctx, PA_BACKEND_CPU, 0) != PA_OK || th_inst_build(&in, &c, 0) != 0) {
        printf("[test_cpu] FAIL fork check: setup\n");
        failed++;
        pa_context_destroy(ctx);
        return;
    }
    pa_context_set_num_threads(ctx, 3);
    ctx->cpu_thread_flops = 0;   /* all 3 threads, however small the case: the parent's must start */
    if (pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, NULL, 0) != PA_OK) st = 1;
    void *want = malloc(in.o_bytes ? in.o_bytes : 1);
    if (want) memcpy(want, in.o, in.o_bytes);
    fflush(stdout);
    pid = st || !want ? -1 : fork();
    if (pid == 0) {   /* the child: the same call on the inherited context, 20 s at most */
        alarm(20);
        th_inst_poison(&in);
        int ok = pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, NULL, 0) == PA_OK &&
                 memcmp(in.o, want, in.o_bytes) == 0;
        pa_context_destroy(ctx);
        _exit(ok ? 0 : 3);
    }
    if (pid < 0) {
        printf("[test_cpu] FAIL fork check: %s\n", st ? "the parent's call failed" : "fork failed");
        failed++;
    } else if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        printf("[test_cpu] FAIL fork check: the child %s\n",
               WIFSIGNALED(st) ? "was killed (stalled?)" : "computed other bits or failed");
        failed++;
    } else {
        passed++;
    }
    free(want);
    th_inst_free(&in);
    pa_context_destroy(ctx);
}

/* One f32 row over n keys without split-KV (num_splits 1), every score 0: the exact output is
 * the mean of the values, which sit at 1 + 1e-3 u (a common offset, like an outlier channel),
 * and lse is log n. A running sum of n / 4 steps had rounded all one way (2.5e-4 of max|v| at
 * 131072 keys); the folded sums keep it near 1e-6. Both an NHD decode-like layout (two kv heads
 * an item, 64-key tiles) and HND. Returns 0 when within 2e-5 of max|v|. */
static int long_sum_check(pa_context *ctx, uint64_t seed, int hnd)
{
    enum { N = 131072, HK = 2, D = 16 };
    float *k = (float *)calloc((size_t)N * HK * D, sizeof(float));
    float *v = (float *)malloc(sizeof(float) * (size_t)N * HK * D);
    float q[HK][D], out[HK][D], lse[HK];
    double mean[HK][D], worst = 0, lworst = 0;
    int32_t sl = N, h, d;
    int64_t j;
    uint64_t st = seed;
    pa_query qq; pa_kv_cache kv; pa_output o; pa_attn_params p;
    pa_status s;
    if (!k || !v) { free(k); free(v); return 1; }
    memset(mean, 0, sizeof mean);
    memset(q, 0, sizeof q);
    for (j = 0; j < N; j++)
        for (h = 0; h < HK; h++)
            for (d = 0; d < D; d++) {
                const float x = 1.0f + 1e-3f * (float)th_unit(&st);
                v[hnd ? ((int64_t)h * N + j) * D + d : (j * HK + h) * D + d] = x;
                mean[h][d] += x;
            }
    memset(&qq, 0, sizeof qq); memset(&kv, 0, sizeof kv); memset(&o, 0, sizeof o);
    qq.dtype = kv.dtype = PA_DTYPE_F32; qq.batch = 1; qq.num_heads = HK; qq.head_dim = kv.head_dim = D;
    qq.data = q; qq.stride_token = HK * D; qq.stride_head = D; qq.max_seqlen = 1;
    kv.num_kv_heads = HK; kv.page_size = N; kv.num_pages = 1; kv.k = k; kv.v = v;
    kv.k_stride_page = kv.v_stride_page = (int64_t)N * HK * D;
    kv.k_stride_token = kv.v_stride_token = hnd ? D : HK * D;
    kv.k_stride_head = kv.v_stride_head = hnd ? (int64_t)N * D : D;
    kv.seq_lens = &sl; kv.max_seq_len = N;
    o.data = out; o.stride_token = HK * D; o.stride_head = D; o.lse = lse;
    pa_attn_params_init(&p, D);
    p.num_splits = 1;
    s = pa_attention(ctx, &qq, &kv, &p, &o, NULL, 0);
    for (h = 0; h < HK && s == PA_OK; h++) {
        for (d = 0; d < D; d++) {
            const double e = fabs(out[h][d] - mean[h][d] / N) / 1.001;
            if (e > worst || e != e) worst = e;
            if (worst != worst) break;   /* NaN: kept */
        }
        if (fabs(lse[h] - log((double)N)) > lworst || lse[h] != lse[h]) lworst = fabs(lse[h] - log((double)N));
    }
    free(k); free(v);
    if (s == PA_OK && worst <= 2e-5 && lworst <= 2e-5) return 0;
    printf("[test_cpu] FAIL long f32 sum (%s, seed %llu): %s, out error %.3g of max|v|, lse error %.3g\n",
           hnd ? "HND" : "NHD", (unsigned long long)seed, pa_status_string(s), worst, lworst);
    return 1;
}

/* num_heads 2^31 - 1 over one kv head (a group near 2^31): the head chunks of a kv head were
 * counted in int32, wrapped negative, and the call returned PA_OK having written nothing. head_dim
 * 1, one key with q = k = v = 1: every head's output is 1. out is one float for every head
 * (stride_head 0, one thread: the same value written 2^31 - 1 times). About 2 minutes: long mode. */
static int huge_group_check(void)
{
    float q = 1.0f, k = 1.0f, v = 1.0f, out = -1.0f;
    int32_t sl = 1;
    pa_context *ctx = NULL;
    pa_query qq; pa_kv_cache kv; pa_output o; pa_attn_params p;
    pa_status s;
    if (pa_context_create(&ctx, PA_BACKEND_CPU, 0) != PA_OK || pa_context_set_num_threads(ctx, 1) != PA_OK) {
        pa_context_destroy(ctx);
        printf("[test_cpu] FAIL huge group: no context\n");
        return 1;
    }
    memset(&qq, 0, sizeof qq); memset(&kv, 0, sizeof kv); memset(&o, 0, sizeof o);
    qq.dtype = kv.dtype = PA_DTYPE_F32; qq.batch = 1; qq.num_heads = INT32_MAX; qq.head_dim = 1;
    qq.data = &q; qq.max_seqlen = 1;
    kv.num_kv_heads = 1; kv.head_dim = 1; kv.page_size = 1; kv.num_pages = 1; kv.k = &k; kv.v = &v;
    kv.k_stride_page = kv.v_stride_page = kv.k_stride_token = kv.v_stride_token = 1;
    kv.k_stride_head = kv.v_stride_head = 1; kv.seq_lens = &sl; kv.max_seq_len = 1;
    o.data = &out;
    pa_attn_params_init(&p, 1);
    s = pa_attention(ctx, &qq, &kv, &p, &o, NULL, 0);
    pa_context_destroy(ctx);
    if (s == PA_OK && out == 1.0f) return 0;
    printf("[test_cpu] FAIL huge group (num_heads 2^31 - 1 over 1 kv head): %s, out %g (want 1)\n",
           pa_status_string(s), out);
    return 1;
}

int main(void)
{
    const uint64_t base = th_env_seed();
    const int n = th_env_cases(400, 4000), only = th_env_only();
    pa_context *ctx = NULL;
    th_limits lim;
    th_case c;
    int i;

    if (pa_context_create(&ctx, PA_BACKEND_CPU, 0) != PA_OK) {
        printf("cannot create a CPU context: %s\n", pa_context_last_error(ctx));
        return th_finish(0, 1);
    }
    pa_context_set_num_threads(ctx, 2);
    memset(&lim, 0, sizeof lim);
    lim.dtypes = dtypes; lim.n_dtypes = 3;
    lim.head_dims = dims; lim.n_head_dims = (int)(sizeof dims / sizeof *dims);
    lim.page_sizes = pages; lim.n_page_sizes = NPAGES;
    lim.max_batch = 4; lim.max_heads = 8; lim.max_group = 8;
    lim.max_q = 64; lim.max_keys = th_env_long() ? 4000 : 2000;
    lim.max_work = th_env_long() ? 1e8 : 2.5e7;

    for (i = 0; i < n; i++) {
        char tag[160];
        if (only >= 0 && i != only) continue;
        th_case_random(&c, th_case_seed(base, i), &lim);
        c.page_size = pages[i % NPAGES];             /* every page size with every dtype */
        c.dtype = dtypes[(i / NPAGES) % 3];
        snprintf(tag, sizeof tag, "[test_cpu case %d] (PA_TEST_SEED=%llu PA_TEST_ONLY=%d)", i,
                 (unsigned long long)base, i);
        count(th_run_case(ctx, &c, tag));
    }
    if (only >= 0) goto out;

    /* the tile-multiple set (key counts that are multiples of 128, non-causal, several query
     * blocks): the shapes whose key walks the Hopper kernel rotates, here against the reference */
    for (i = 0; i < 6; i++) {
        char tag[160];
        th_case_tile_multiple(&c, th_case_seed(base, 7000 + i), &lim, i);
        snprintf(tag, sizeof tag, "[test_cpu tile-multiple case %d] (PA_TEST_SEED=%llu)", i, (unsigned long long)base);
        count(th_run_case(ctx, &c, tag));
    }

    /* contiguous caches, non-causal, key counts on and off the GPU kernels' tiles (capped at 1000) */
    for (i = 0; i < 6; i++) {
        char tag[160];
        th_limits cl = lim;
        cl.max_keys = 1000;
        th_case_contiguous(&c, th_case_seed(base, 8000 + i), &cl, i);
        snprintf(tag, sizeof tag, "[test_cpu contiguous case %d] (PA_TEST_SEED=%llu)", i, (unsigned long long)base);
        count(th_run_case(ctx, &c, tag));
    }

    /* head dims at the limits, every dtype */
    {
        static const int odd[] = { 1, 3, 7, 33, 300, 512 };
        int k, t;
        for (k = 0; k < 6; k++)
            for (t = 0; t < 3; t++) {
                th_case_random(&c, th_case_seed(base, 1000 + k * 3 + t), &lim);
                c.head_dim = odd[k]; c.dtype = dtypes[t];
                th_case_fit(&c, lim.max_work);
                edge(ctx, "head_dim", &c);
            }
    }
    for (i = 0; i < 6; i++) { /* causal with more queries than keys: early rows see nothing */
        th_case_random(&c, th_case_seed(base, 2000 + i), &lim);
        c.causal = 1; c.decode = 0; c.max_q = 40; c.max_keys = 1 + i * 7; c.full_len = 1;
        c.varlen = i & 1; c.window_left = i >= 3 ? 2 : -1; c.batch = 2; c.with_lse = 1;
        edge(ctx, "sq > sk causal", &c);
    }
    for (i = 0; i < 4; i++) { /* every sequence empty */
        th_case_random(&c, th_case_seed(base, 3000 + i), &lim);
        c.empty_pct = 100; c.with_lse = 1;
        edge(ctx, "all sequences empty", &c);
    }
    for (i = 0; i < 6; i++) { /* window 0: each row sees one key (with causal) */
        th_case_random(&c, th_case_seed(base, 4000 + i), &lim);
        c.window_left = 0; c.causal = i & 1; c.with_lse = 1;
        edge(ctx, "window 0", &c);
    }
    for (i = 0; i < 6; i++) { /* contiguous cache */
        th_case_random(&c, th_case_seed(base, 5000 + i), &lim);
        c.no_table = 1;
        edge(ctx, "page_table NULL", &c);
    }
    for (i = 0; i < 6; i++) { /* long decode over big pages, GQA 8 */
        th_case_random(&c, th_case_seed(base, 6000 + i), &lim);
        c.decode = 1; c.max_keys = 4000 + 700 * i; c.full_len = i & 1; c.page_size = i < 3 ? 672 : 1;
        c.num_kv_heads = 1; c.num_heads = 8; c.head_dim = 64; c.batch = 2;
        edge(ctx, "long decode", &c);
    }
    for (i = 0; i < 12; i++) { /* split-KV: batch 1..2 decode-like calls over long sequences */
        th_case_random(&c, th_case_seed(base, 6300 + i), &lim);
        c.decode = (i % 3) == 0; c.max_q = c.decode ? 1 : 1 + i % 4; c.batch = 1 + (i & 1);
        c.num_kv_heads = 1 + i % 4; c.num_heads = c.num_kv_heads * (1 + (i / 4) % 3) * 2;
        c.head_dim = i % 3 == 2 ? 128 : 64; c.max_keys = 600 + 500 * i; c.full_len = i & 1;
        c.causal = (i / 2) & 1; c.window_left = i % 5 == 3 ? 900 : -1; c.with_lse = 1;
        c.num_splits = i % 6 == 5 ? 3 : 0; c.empty_pct = i == 4 ? 50 : 0;
        th_case_fit(&c, lim.max_work);
        edge(ctx, "split-KV", &c);
    }
    for (i = 0; i < 24; i++) { /* decode-like NHD calls, whose items take several kv heads */
        static const int kvh[] = { 2, 3, 4, 8 }, grp[] = { 1, 2, 4, 8 }, hd[] = { 16, 64, 128, 96 };
        th_case_random(&c, th_case_seed(base, 6500 + i), &lim);
        c.decode = (i % 4) == 0; c.max_q = c.decode ? 1 : 1 + i % 4; c.pad = 0; c.hnd = 0;
        c.num_kv_heads = kvh[i % 4]; c.num_heads = c.num_kv_heads * grp[(i / 4) % 4];
        c.head_dim = hd[(i / 2) % 4]; c.causal = (i / 3) & 1; c.window_left = i % 5 == 4 ? 7 : -1;
        c.max_keys = 50 + 97 * i; c.with_lse = 1;
        th_case_fit(&c, lim.max_work);
        edge(ctx, "decode-like, kv heads an item", &c);
    }
    for (i = 0; i < 6; i++) { /* softcap with peaky scores */
        th_case_random(&c, th_case_seed(base, 7000 + i), &lim);
        c.softcap = 5.0f + i; c.scale_mul = 8.0f; c.with_lse = 1;
        edge(ctx, "softcap", &c);
    }
    {   /* q.max_seqlen a loose bound at 2^31 - 1 (varlen): query blocks counted in 64 bits */
        th_case_random(&c, th_case_seed(base, 7100), &lim);
        c.varlen = 1; c.decode = 0; c.batch = 1; c.num_heads = c.num_kv_heads = 1; c.max_q = 9;
        c.max_keys = 40; c.with_lse = 1; c.q_bound = 0x7fffffff;
        th_case_fit(&c, lim.max_work);
        edge(ctx, "loose q.max_seqlen", &c);
        /* and with split-KV: the items and the combine cover the longest sequence's rows, the
         * partials keep max_seqlen's layout */
        th_case_random(&c, th_case_seed(base, 7101), &lim);
        c.varlen = 1; c.decode = 0; c.batch = 3; c.max_q = 9; c.max_keys = 300; c.with_lse = 1;
        c.q_bound = 5000; c.num_splits = 3;
        th_case_fit(&c, lim.max_work);
        edge(ctx, "loose q.max_seqlen, 3 splits", &c);
    }
    count(long_sum_check(ctx, th_case_seed(base, 7200), 0) ? TH_FAIL : TH_PASS);
    count(long_sum_check(ctx, th_case_seed(base, 7201), 1) ? TH_FAIL : TH_PASS);
    if (th_env_long()) count(huge_group_check() ? TH_FAIL : TH_PASS);
    /* nothing to do: batch 0, no query rows */
    {
        th_inst in;
        pa_query q;
        th_case_random(&c, th_case_seed(base, 8000), &lim);
        if (th_inst_build(&in, &c, 0) == 0) {
            q = in.query; q.batch = 0;
            if (pa_attention(ctx, &q, &in.kv, &in.params, &in.out, NULL, 0) == PA_OK) passed++;
            else { failed++; printf("[test_cpu] FAIL batch 0: %s\n", pa_context_last_error(ctx)); }
            q = in.query; q.max_seqlen = 0; q.cu_seqlens = NULL;
            if (pa_attention(ctx, &q, &in.kv, &in.params, &in.out, NULL, 0) == PA_OK) passed++;
            else { failed++; printf("[test_cpu] FAIL max_seqlen 0: %s\n", pa_context_last_error(ctx)); }
        } else failed++;
        th_inst_free(&in);
    }
    /* thread counts from 1 to 7 give the same bits (th_run_case also compares 1 with 2) */
    for (i = 1; i <= 7; i += 3) {
        pa_context_set_num_threads(ctx, i);
        th_case_random(&c, th_case_seed(base, 9000 + i), &lim);
        edge(ctx, "thread count", &c);
    }
    pa_context_set_num_threads(ctx, 2);
    /* small calls take fewer threads than the context has (ctx->cpu_thread_flops): the same bits
     * as with every thread */
    for (i = 0; i < 6; i++) {
        th_inst in;
        th_case_random(&c, th_case_seed(base, 9500 + i), &lim);
        c.max_keys = 20 + 300 * i; c.batch = 1 + i % 3; c.with_lse = 1; c.num_splits = 1;
        th_case_fit(&c, lim.max_work);
        if (th_inst_build(&in, &c, 0) == 0) {
            void *o = malloc(in.o_bytes ? in.o_bytes : 1), *l = malloc(in.lse_bytes ? in.lse_bytes : 1);
            const double keep = ctx->cpu_thread_flops;
            int ok = o && l;
            pa_context_set_num_threads(ctx, 5);
            ok = ok && pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, NULL, 0) == PA_OK;
            if (ok) { memcpy(o, in.o, in.o_bytes); memcpy(l, in.lse, in.lse_bytes); }
            ctx->cpu_thread_flops = 0;
            ok = ok && th_inst_poison(&in) == 0 &&
                 pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, NULL, 0) == PA_OK &&
                 !memcmp(o, in.o, in.o_bytes) && !memcmp(l, in.lse, in.lse_bytes);
            ctx->cpu_thread_flops = keep;
            pa_context_set_num_threads(ctx, 2);
            if (ok) passed++;
            else { failed++; printf("[test_cpu] FAIL thread cap %d: other bits with every thread (PA_TEST_SEED=%llu)\n", i, (unsigned long long)base); }
            free(o); free(l);
        } else failed++;
        th_inst_free(&in);
    }
    /* element conversions: every f16 round-trips; ties go to even; overflow and underflow */
    {
        static const struct { float f; uint16_t h, b; } conv[] = {
            { 1.0f, 0x3c00, 0x3f80 },           { 1.0f + 0x1p-11f, 0x3c00, 0x3f80 },
            { 1.0f + 3 * 0x1p-11f, 0x3c02, 0x3f80 }, { 1.0f + 0x1p-8f, 0x3c04, 0x3f80 },
            { 1.0f + 3 * 0x1p-8f, 0x3c0c, 0x3f82 }, { 65504.0f, 0x7bff, 0x4780 },
            { 65519.0f, 0x7bff, 0x4780 },       { 65520.0f, 0x7c00, 0x4780 },
            { 0x1p-24f, 0x0001, 0x3380 },       { 0x1p-25f, 0x0000, 0x3300 },
            { 0x1.0002p-25f, 0x0001, 0x3300 },  { -0x1p-14f, 0x8400, 0xb880 },
            { -2.5f, 0xc100, 0xc020 },          { INFINITY, 0x7c00, 0x7f80 },
        };
        uint32_t h;
        int bad = 0;
        size_t k;
        for (h = 0; h < 65536; h++) {
            float f = pa__f16_to_f32((uint16_t)h);
            if (!isnan(f) && pa__f32_to_f16(f) != h) bad++;
            if (!!isnan(f) != (((h & 0x7c00) == 0x7c00) && (h & 0x3ff))) bad++;
        }
        for (k = 0; k < sizeof conv / sizeof conv[0]; k++)
            if (pa__f32_to_f16(conv[k].f) != conv[k].h || pa__f32_to_bf16(conv[k].f) != conv[k].b) {
                printf("[test_cpu] FAIL conversion of %a: f16 0x%04x (want 0x%04x), bf16 0x%04x "
                       "(want 0x%04x)\n", (double)conv[k].f, pa__f32_to_f16(conv[k].f), conv[k].h,
                       pa__f32_to_bf16(conv[k].f), conv[k].b);
                bad++;
            }
        if (bad) printf("[test_cpu] FAIL %d element conversions are wrong\n", bad);
        count(bad ? TH_FAIL : TH_PASS);
    }
    {   /* output rows rounded to bf16 by a vectorizable loop: pa__f32_to_bf16's bits */
        const int bad = pa__cpu_store_mismatches();
        if (bad) printf("[test_cpu] FAIL the output rows' bf16 rounding differs for %d floats\n", bad);
        count(bad ? TH_FAIL : TH_PASS);
    }
    {   /* the AVX2 loop's f16 rows by F16C: every half the same bits as the portable conversion */
        const int bad = pa__cpu_f16c_mismatches();
        if (bad < 0) printf("[test_cpu] (no F16C item loop in this build or on this CPU: not compared)\n");
        else if (bad) printf("[test_cpu] FAIL F16C gives other bits than f16_to_f32 for %d halves\n", bad);
        if (bad >= 0) count(bad ? TH_FAIL : TH_PASS);
    }
    for (i = 0; i < 60; i++) {
        char tag[80];
        snprintf(tag, sizeof tag, "[test_cpu kv_append %d]", i);
        count(th_run_kv_append(ctx, th_case_seed(base, 10000 + i), dtypes[i % 3], tag));
    }
    fork_check(base);
out:
    pa_context_destroy(ctx);
    th_worst_report("[test_cpu]");
    return th_finish(passed, failed);
}
