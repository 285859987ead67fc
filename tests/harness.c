/*
 * The test harness (see harness.h). Cases are pure functions of their seed: the generator picks
 * the shape, th_inst_build the lengths and the data. Unused cache pages, slots past a
 * sequence's length, stride padding and unused query rows hold NaN; outputs are poisoned with
 * 0xff bytes (NaN in every dtype) before each run, so a stray read or an unwritten row fails.
 */
#include "harness.h"
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- seeds and environment ---------------------------------------------------------------- */

uint64_t th_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

int th_int(uint64_t *s, int lo, int hi)
{
    if (hi <= lo) return lo;
    return lo + (int)(th_next(s) % (uint64_t)(hi - lo + 1));
}

double th_unit(uint64_t *s) { return (double)(th_next(s) >> 11) * (1.0 / 9007199254740992.0); }

uint64_t th_case_seed(uint64_t base, int index)
{
    uint64_t s = base * 0x100000001b3ull + (uint64_t)index;
    return th_next(&s);
}

static long env_long(const char *name, long def)
{
    const char *v = getenv(name);
    char *end;
    long x;
    if (!v || !*v) return def;
    x = strtol(v, &end, 0);
    return *end ? def : x;
}

uint64_t th_env_seed(void)
{
    const char *v = getenv("PA_TEST_SEED");
    return v && *v ? strtoull(v, NULL, 0) : 1;
}

int th_env_long(void) { return env_long("PA_TEST_LONG", 0) != 0; }

int th_env_cases(int def, int def_long)
{
    long n = env_long("PA_TEST_CASES", -1);
    if (n >= 0) return (int)n;
    if (th_env_long()) return def_long;
    if (env_long("PA_TEST_QUICK", 0)) return def / 4 > 1 ? def / 4 : 1;
    return def;
}

int th_env_only(void) { return (int)env_long("PA_TEST_ONLY", -1); }

int th_finish(int passed, int failed)
{
    printf("%d passed, %d failed\n", passed, failed);
    fflush(stdout);
    return failed ? 1 : 0;
}

/* ---- cases -------------------------------------------------------------------------------- */

static const pa_dtype def_dtypes[] = { PA_DTYPE_F32, PA_DTYPE_F16, PA_DTYPE_BF16 };
static const int def_dims[] = { 16, 32, 64, 80, 96, 128, 256 };
static const int def_pages[] = { 1, 2, 3, 5, 16, 17, 64, 100, 128, 256, 672 };

static const char *dtype_str(pa_dtype t)
{
    return t == PA_DTYPE_F32 ? "f32" : t == PA_DTYPE_F16 ? "f16" : "bf16";
}

void th_case_fit(th_case *c, double max_work)
{
    if (c->decode) c->max_q = 1;
    for (;;) {
        double work = (double)c->batch * c->max_q * c->max_keys * c->num_heads * c->head_dim;
        if (max_work <= 0 || work <= max_work) break;
        if (c->max_keys > 1 && c->max_keys >= c->max_q) c->max_keys = c->max_keys * 3 / 4;
        else if (c->max_q > 1) c->max_q = c->max_q * 3 / 4;
        else if (c->batch > 1) c->batch--;
        else if (c->num_kv_heads > 1) { c->num_heads -= c->num_heads / c->num_kv_heads; c->num_kv_heads--; }
        else break;
        if (c->max_keys < 1) c->max_keys = 1;
        if (c->max_q < 1) c->max_q = 1;
    }
}

/* Case i of the tile-multiple set: non-causal, no window, key counts that are multiples of 128
 * (so of the Hopper kernel's 64- and 128-key tiles), 2-3 query blocks of 128 rows, each load path
 * (pages 1, 3, 16, 64, 100, no table): the calls whose key walks the Hopper kernel rotates (M36).
 * The rest (dtype, head_dim, layout, padding, softcap, lse) as th_case_random draws it. */
void th_case_tile_multiple(th_case *c, uint64_t seed, const th_limits *lim, int i)
{
    static const int keys[] = { 128, 256, 640, 1024 };
    static const int pages[] = { 1, 3, 16, 64, 100 };
    th_case_random(c, seed, lim);
    c->decode = 0; c->causal = 0; c->window_left = -1; c->empty_pct = 0;
    c->max_keys = keys[i % 4];
    c->full_len = i % 4 != 3;               /* else random lengths: rotated and plain walks mixed */
    c->varlen = i & 1;
    c->max_q = 256 + 128 * (i % 2);
    c->page_size = pages[i % 5];
    c->no_table = i % 6 == 5;
    c->batch = 1 + i % 2;
    c->num_kv_heads = 1;
    c->num_heads = 1 + (c->num_heads > 1);
}

/* Case i of the contiguous set: no page table, dense NHD or HND caches, non-causal, no window,
 * key counts that are and are not multiples of the tiles (64, 128, 176), varlen, GQA: the calls
 * the Hopper kernel serves with one box a tile (and the SM90_N176 experiment with 176-key tiles).
 * The rest as th_case_random draws it. max_keys caps the key count (the CPU tests' smaller shapes). */
void th_case_contiguous(th_case *c, uint64_t seed, const th_limits *lim, int i)
{
    static const int keys[] = { 1, 100, 177, 352, 1000, 2048, 4097, 8200 };
    th_case_random(c, seed, lim);
    c->decode = 0; c->causal = 0; c->window_left = -1; c->no_table = 1; c->pad = 0; c->page_gap = 0;
    c->max_keys = keys[i % 8];
    if (lim && lim->max_keys > 0 && c->max_keys > lim->max_keys) c->max_keys = lim->max_keys;
    c->hnd = i & 1;
    c->varlen = (i >> 1) & 1;
    c->full_len = i % 3 != 0;
    c->empty_pct = i % 5 == 4 ? 30 : 0;
    c->batch = 1 + i % 2;
    c->num_kv_heads = 1 + (i >> 2) % 2;
    c->num_heads = c->num_kv_heads * (1 + i % 4);
    c->max_q = 64 + 96 * (i % 4);
    if (lim && lim->max_work > 0) {   /* fit by fewer query rows: the key count is the point */
        const double per_q = (double)c->batch * c->max_keys * c->num_heads * c->head_dim;
        while (c->max_q > 1 && per_q * c->max_q > lim->max_work) c->max_q = c->max_q * 3 / 4;
    }
    th_case_fit(c, lim ? lim->max_work : 0);
}

void th_case_random(th_case *c, uint64_t seed, const th_limits *lim)
{
    uint64_t s = seed;
    const pa_dtype *dts = lim && lim->dtypes ? lim->dtypes : def_dtypes;
    int ndt = lim && lim->dtypes ? lim->n_dtypes : 3;
    const int *dims = lim && lim->head_dims ? lim->head_dims : def_dims;
    int ndims = lim && lim->head_dims ? lim->n_head_dims : (int)(sizeof def_dims / sizeof *def_dims);
    const int *pages = lim && lim->page_sizes ? lim->page_sizes : def_pages;
    int npages = lim && lim->page_sizes ? lim->n_page_sizes : (int)(sizeof def_pages / sizeof *def_pages);
    int max_batch = lim && lim->max_batch > 0 ? lim->max_batch : 4;
    int max_heads = lim && lim->max_heads > 0 ? lim->max_heads : 8;
    int max_group = lim && lim->max_group > 0 ? lim->max_group : 8;
    int max_q = lim && lim->max_q > 0 ? lim->max_q : 64;
    int max_keys = lim && lim->max_keys > 0 ? lim->max_keys : 700;
    static const int groups[] = { 1, 1, 2, 3, 4, 5, 6, 7, 8, 8 };
    int g;

    memset(c, 0, sizeof *c);
    c->seed = seed;
    c->dtype = dts[th_int(&s, 0, ndt - 1)];
    do g = groups[th_int(&s, 0, 9)]; while (g > max_group);
    c->num_kv_heads = th_int(&s, 1, max_heads / g > 1 ? max_heads / g : 1);
    c->num_heads = c->num_kv_heads * g;
    c->head_dim = dims[th_int(&s, 0, ndims - 1)];
    c->page_size = pages[th_int(&s, 0, npages - 1)];
    c->batch = th_int(&s, 1, max_batch);
    c->decode = th_int(&s, 0, 3) == 0;
    c->max_q = c->decode ? 1 : th_int(&s, 1, max_q);
    /* log-uniform key counts: short and long sequences both common */
    c->max_keys = (int)floor(exp(th_unit(&s) * log((double)max_keys + 1)));
    if (c->max_keys < 1) c->max_keys = 1;
    if (c->max_keys > max_keys) c->max_keys = max_keys;
    c->varlen = th_int(&s, 0, 1);
    c->hnd = th_int(&s, 0, 1);
    c->no_table = th_int(&s, 0, 7) == 0;
    c->pad = th_int(&s, 0, 1);
    c->empty_pct = th_int(&s, 0, 3) == 0 ? 30 : 0;
    c->full_len = th_int(&s, 0, 2) == 0;
    c->causal = th_int(&s, 0, 1);
    c->window_left = th_int(&s, 0, 3) == 0 ? th_int(&s, 0, c->max_keys) : -1;
    c->with_lse = th_int(&s, 0, 3) != 0;
    c->num_splits = th_int(&s, 0, 3) == 0 ? th_int(&s, 1, 8) : 0;
    c->softcap = th_int(&s, 0, 3) == 0 ? (float)(1.0 + 30.0 * th_unit(&s)) : 0.0f;
    /* a larger scale (sharper softmax, more running-max moves), now and then a negative one (the
     * sm90 kernel declines it: the automatic choice must fall back) */
    const int sc = th_int(&s, 0, 11);
    c->scale_mul = sc < 3 ? (float)(2.0 + 8.0 * th_unit(&s)) : sc == 3 ? (float)(-0.5 - 2.0 * th_unit(&s)) : 1.0f;
    {   /* (drawn last: the fields above are what they were before gaps existed) */
        const int gs = th_int(&s, 0, 7);
        c->page_gap = gs > 1 ? 0 : gs == 0 ? 8 * th_int(&s, 1, 3) : -1;
    }
    if (env_long("PA_TEST_NONCAUSAL", 0)) {   /* (after every draw: the other fields as drawn) */
        c->causal = 0;
        c->window_left = -1;
    }
    th_case_fit(c, lim ? lim->max_work : 0);
}

int th_case_str(const th_case *c, char *buf, size_t n)
{
    return snprintf(buf, n,
                    "seed=0x%016llx %s batch=%d heads=%d/%d d=%d page=%d%s max_q=%d%s%s "
                    "max_keys=%d%s %s%s causal=%d window=%d softcap=%g scale*=%g lse=%d "
                    "splits=%d empty%%=%d q_bound=%d bad%%=%d gap=%d",
                    (unsigned long long)c->seed, dtype_str(c->dtype), c->batch, c->num_heads,
                    c->num_kv_heads, c->head_dim, c->page_size, c->no_table ? "(no table)" : "",
                    c->max_q, c->decode ? " decode" : "", c->varlen ? " varlen" : "",
                    c->max_keys, c->full_len ? " full" : "", c->hnd ? "HND" : "NHD",
                    c->pad ? " padded" : "", c->causal, c->window_left, (double)c->softcap,
                    (double)c->scale_mul, c->with_lse, c->num_splits, c->empty_pct, c->q_bound, c->bad_pct, c->page_gap);
}

/* stdout line by line: a binary that crashes keeps the FAIL lines and seeds printed before it */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((constructor)) static void th_line_buffered(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
}
#endif

/* ---- instances ---------------------------------------------------------------------------- */

static void *xalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "harness: out of host memory (%zu bytes)\n", n);
        abort();
    }
    return p;
}

/* Random value in [-1, 1], stored in dtype t at element i. */
static void put_random(uint64_t *s, pa_dtype t, void *p, int64_t i)
{
    pa__store(t, p, i, (float)(2.0 * th_unit(s) - 1.0));
}

static int upload(int on_dev, void **dst, void *src, size_t bytes)
{
    if (!on_dev) { *dst = src; return 0; }
    if (dev_alloc(dst, bytes)) return -1;
    return to_dev(*dst, src, bytes);
}

int th_inst_build(th_inst *in, const th_case *c, int on_dev)
{
    uint64_t s = c->seed ^ 0x5bd1e9955bd1e995ull;
    const int B = c->batch, H = c->num_heads, Hkv = c->num_kv_heads, D = c->head_dim;
    const size_t es = pa__dtype_size(c->dtype);
    const int padu = c->pad ? 8 : 0;   /* multiples of 8 elements keep 16-byte alignment */
    int32_t *perm, ps, prow, num_pages, total_pages = 0, next = 0;
    int64_t qsh, qst, osh, ost, ksp, kst, ksh, vsp, vst, vsh;
    int b, i, h, d, j, err = 0;

    memset(in, 0, sizeof *in);
    in->c = *c;
    in->on_dev = on_dev;
    in->qlen = (int32_t *)xalloc(sizeof(int32_t) * (size_t)B);
    in->klen = (int32_t *)xalloc(sizeof(int32_t) * (size_t)B);
    in->cu_ref = (int32_t *)xalloc(sizeof(int32_t) * (size_t)(B + 1));
    in->cu_ref[0] = c->varlen && c->pad ? 2 : 0;     /* leading rows no sequence owns */
    for (b = 0; b < B; b++) {
        in->qlen[b] = c->decode ? 1 : c->varlen ? th_int(&s, 0, c->max_q) : c->max_q;
        in->klen[b] = c->full_len ? c->max_keys : th_int(&s, 0, c->max_keys);
        if (c->empty_pct && th_int(&s, 0, 99) < c->empty_pct) in->klen[b] = 0;
        in->cu_ref[b + 1] = in->cu_ref[b] + in->qlen[b];
    }
    in->total_q = in->cu_ref[B] + (c->pad ? 1 : 0);

    /* query and output rows */
    qsh = D + padu; qst = H * qsh + padu;
    osh = D + (c->pad ? 16 : 0); ost = H * osh + padu;
    in->q_bytes = (size_t)(in->total_q * qst) * es;
    in->o_bytes = (size_t)(in->total_q * ost) * es;
    in->lse_bytes = sizeof(float) * (size_t)in->total_q * (size_t)H;
    in->q = xalloc(in->q_bytes);
    memset(in->q, 0xff, in->q_bytes);
    for (b = 0; b < B; b++)
        for (i = 0; i < in->qlen[b]; i++)
            for (h = 0; h < H; h++)
                for (d = 0; d < D; d++)
                    put_random(&s, c->dtype, in->q, (in->cu_ref[b] + i) * qst + h * qsh + d);
    in->o = xalloc(in->o_bytes);
    in->lse = (float *)xalloc(in->lse_bytes);

    /* the cache: a shuffled pool with spare pages; everything unread is NaN */
    if (c->no_table) {
        ps = c->max_keys + (c->pad ? 3 : 0);
        prow = 1;
        num_pages = B + (c->pad ? 1 : 0);
    } else {
        ps = c->page_size;
        prow = (c->max_keys + ps - 1) / ps + (c->pad ? 2 : 0);
        if (prow < 1) prow = 1;
        for (b = 0; b < B; b++) total_pages += (in->klen[b] + ps - 1) / ps;
        num_pages = total_pages + th_int(&s, 0, total_pages / 2 + 1);
        if (num_pages < 1) num_pages = 1;
    }
    if (c->hnd) { kst = D + padu; ksh = ps * kst + padu; ksp = Hkv * ksh + padu; }
    else        { ksh = D + padu; kst = Hkv * ksh + padu; ksp = ps * kst + padu; }
    /* padded: V's strides differ from K's (twice the padding), so a backend that reads V with
     * K's strides fails */
    if (c->hnd) { vst = D + 2 * padu; vsh = ps * vst + 2 * padu; vsp = Hkv * vsh + 2 * padu; }
    else        { vsh = D + 2 * padu; vst = Hkv * vsh + 2 * padu; vsp = ps * vst + 2 * padu; }
    /* pages apart: a gap of token strides after each page, or K and V pages in turn */
    if (c->page_gap > 0) { ksp += (int64_t)c->page_gap * kst; vsp += (int64_t)c->page_gap * vst; }
    else if (c->page_gap < 0) { ksp *= 2; vsp *= 2; }
    in->kv_bytes = (size_t)num_pages * (size_t)ksp * es;
    in->v_bytes = (size_t)num_pages * (size_t)vsp * es;
    in->k = xalloc(in->kv_bytes);
    in->v = xalloc(in->v_bytes);
    memset(in->k, 0xff, in->kv_bytes);
    memset(in->v, 0xff, in->v_bytes);
    in->pt_bytes = c->no_table ? 0 : sizeof(int32_t) * (size_t)B * (size_t)prow;
    in->pt = (int32_t *)xalloc(in->pt_bytes);
    perm = (int32_t *)xalloc(sizeof(int32_t) * (size_t)num_pages);
    for (i = 0; i < num_pages; i++) perm[i] = i;
    for (i = num_pages - 1; i > 0; i--) {
        int r = th_int(&s, 0, i), tmp = perm[i];
        perm[i] = perm[r];
        perm[r] = tmp;
    }
    if (!c->no_table) /* entries that are never read hold garbage */
        for (i = 0; i < B * prow; i++) in->pt[i] = (i & 1) ? -1 : 0x7fffffff;
    for (b = 0; b < B; b++) {
        for (j = 0; j < in->klen[b]; j++) {
            int64_t page;
            if (c->no_table) page = b;
            else {
                if (j % ps == 0) in->pt[b * prow + j / ps] = perm[next++];
                page = in->pt[b * prow + j / ps];
            }
            for (h = 0; h < Hkv; h++) {
                int64_t base = page * ksp + (int64_t)(j % ps) * kst + h * ksh;
                int64_t vbase = page * vsp + (int64_t)(j % ps) * vst + h * vsh;
                for (d = 0; d < D; d++) {
                    put_random(&s, c->dtype, in->k, base + d);
                    put_random(&s, c->dtype, in->v, vbase + d);
                }
            }
        }
    }
    free(perm);
    if (c->bad_pct && !c->no_table)   /* bad ids among the entries the keys read */
        for (b = 0; b < B; b++)
            for (j = 0; j < (in->klen[b] + ps - 1) / ps; j++)
                if (th_int(&s, 0, 99) < c->bad_pct) {
                    const int32_t bad[4] = { -1, num_pages, INT32_MAX, INT32_MIN };
                    in->pt[b * prow + j] = bad[th_int(&s, 0, 3)];
                }
    in->sl_bytes = sizeof(int32_t) * (size_t)B;
    in->sl = (int32_t *)xalloc(in->sl_bytes);
    memcpy(in->sl, in->klen, in->sl_bytes);
    in->cu_bytes = c->varlen ? sizeof(int32_t) * (size_t)(B + 1) : 0;
    in->cu = (int32_t *)xalloc(in->cu_bytes);
    if (c->varlen) memcpy(in->cu, in->cu_ref, in->cu_bytes);

    err |= upload(on_dev, &in->dq, in->q, in->q_bytes);
    err |= upload(on_dev, &in->dk, in->k, in->kv_bytes);
    err |= upload(on_dev, &in->dv, in->v, in->v_bytes);
    err |= upload(on_dev, (void **)&in->dpt, in->pt, in->pt_bytes);
    err |= upload(on_dev, (void **)&in->dsl, in->sl, in->sl_bytes);
    err |= upload(on_dev, (void **)&in->dcu, in->cu, in->cu_bytes);
    if (on_dev) {
        err |= dev_alloc(&in->dout, in->o_bytes);
        err |= dev_alloc((void **)&in->dlse, in->lse_bytes);
    } else {
        in->dout = in->o;
        in->dlse = in->lse;
    }

    in->query.dtype = c->dtype;
    in->query.batch = B;
    in->query.num_heads = H;
    in->query.head_dim = D;
    in->query.data = in->dq;
    in->query.stride_token = qst;
    in->query.stride_head = qsh;
    in->query.cu_seqlens = c->varlen ? in->dcu : NULL;
    in->query.max_seqlen = c->decode ? 1 : c->max_q;
    if (c->varlen && c->q_bound > in->query.max_seqlen) in->query.max_seqlen = c->q_bound;
    in->kv.dtype = c->dtype;
    in->kv.num_kv_heads = Hkv;
    in->kv.head_dim = D;
    in->kv.page_size = ps;
    in->kv.num_pages = num_pages;
    in->kv.k = in->dk;
    in->kv.v = in->dv;
    in->kv.k_stride_page = ksp; in->kv.v_stride_page = vsp;
    in->kv.k_stride_token = kst; in->kv.v_stride_token = vst;
    in->kv.k_stride_head = ksh; in->kv.v_stride_head = vsh;
    in->kv.page_table = c->no_table ? NULL : in->dpt;
    in->kv.page_table_stride = c->no_table ? 0 : prow;
    in->kv.seq_lens = in->dsl;
    in->kv.max_seq_len = c->max_keys;
    pa_attn_params_init(&in->params, D);
    in->params.softmax_scale *= c->scale_mul;
    in->params.causal = c->causal;
    in->params.window_left = c->window_left;
    in->params.softcap = c->softcap;
    in->params.num_splits = c->num_splits;
    in->out.data = in->dout;
    in->out.stride_token = ost;
    in->out.stride_head = osh;
    in->out.lse = c->with_lse ? in->dlse : NULL;
    return err ? -1 : th_inst_poison(in);
}

void th_inst_free(th_inst *in)
{
    if (in->on_dev) {
        dev_free(in->dq); dev_free(in->dk); dev_free(in->dv); dev_free(in->dpt);
        dev_free(in->dsl); dev_free(in->dcu); dev_free(in->dout); dev_free(in->dlse);
    }
    free(in->qlen); free(in->klen); free(in->cu_ref); free(in->q); free(in->k); free(in->v);
    free(in->o); free(in->lse); free(in->pt); free(in->sl); free(in->cu);
    memset(in, 0, sizeof *in);
}

int th_inst_poison(th_inst *in)
{
    memset(in->o, 0xff, in->o_bytes);
    memset(in->lse, 0xff, in->lse_bytes);
    if (!in->on_dev) return 0;
    return to_dev(in->dout, in->o, in->o_bytes) || to_dev(in->dlse, in->lse, in->lse_bytes) ? -1 : 0;
}

int th_inst_fetch(th_inst *in)
{
    if (!in->on_dev) return 0;
    return to_host(in->o, in->dout, in->o_bytes) || to_host(in->lse, in->dlse, in->lse_bytes) ? -1 : 0;
}

int th_inst_upload_tables(th_inst *in)
{
    if (!in->on_dev) return 0;
    return to_dev(in->dpt, in->pt, in->pt_bytes) || to_dev(in->dsl, in->sl, in->sl_bytes) ||
           to_dev(in->dcu, in->cu, in->cu_bytes) ? -1 : 0;
}

/* ---- the reference, threaded over sequences ------------------------------------------------ */

typedef struct ref_job {
    const th_inst *in;
    double *out, *lse;
    int first, step;
    int failed;                 /* the reference's scratch could not be allocated */
} ref_job;

static void *ref_worker(void *arg)
{
    ref_job *job = (ref_job *)arg;
    const th_inst *in = job->in;
    const size_t es = pa__dtype_size(in->c.dtype);
    int b;
    for (b = job->first; b < in->c.batch; b += job->step) {
        pa__problem pb;
        memset(&pb, 0, sizeof pb);
        pb.dtype = in->c.dtype;
        pb.batch = 1;
        pb.num_heads = in->c.num_heads;
        pb.num_kv_heads = in->c.num_kv_heads;
        pb.head_dim = in->c.head_dim;
        pb.group = pb.num_heads / pb.num_kv_heads;
        pb.q = in->q;
        pb.q_stride_token = in->query.stride_token;
        pb.q_stride_head = in->query.stride_head;
        pb.cu_seqlens_q = in->cu_ref + b;          /* rows keep their absolute numbers */
        pb.max_seqlen_q = in->query.max_seqlen;
        pb.k = in->k;
        pb.v = in->v;
        if (!in->kv.page_table) {                  /* sequence b is page b */
            pb.k = (const char *)in->k + (size_t)b * (size_t)in->kv.k_stride_page * es;
            pb.v = (const char *)in->v + (size_t)b * (size_t)in->kv.v_stride_page * es;
        }
        pb.k_stride_page = in->kv.k_stride_page;
        pb.k_stride_token = in->kv.k_stride_token;
        pb.k_stride_head = in->kv.k_stride_head;
        pb.v_stride_page = in->kv.v_stride_page;
        pb.v_stride_token = in->kv.v_stride_token;
        pb.v_stride_head = in->kv.v_stride_head;
        pb.page_size = in->kv.page_size;
        pb.num_pages = in->kv.num_pages;
        pb.page_table = in->kv.page_table ? in->pt + (int64_t)b * in->kv.page_table_stride : NULL;
        pb.page_table_stride = in->kv.page_table_stride;
        pb.seq_lens = in->sl + b;
        pb.max_seq_len = in->kv.max_seq_len;
        pb.scale = in->params.softmax_scale;
        pb.softcap = in->params.softcap;
        pb.causal = in->params.causal;
        pb.window_left = in->params.window_left;
        if (pa__reference_attention(&pb, job->out, job->lse)) job->failed = 1;
    }
    return NULL;
}

int th_reference(const th_inst *in, double *out, double *lse)
{
    enum { MAXT = 64 };
    pthread_t th[MAXT];
    int started[MAXT];
    ref_job jobs[MAXT];
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int n = (int)(cores < 1 ? 1 : cores > MAXT ? MAXT : cores), i;
    if (n > in->c.batch) n = in->c.batch;
    for (i = 0; i < n; i++) {
        jobs[i].in = in; jobs[i].out = out; jobs[i].lse = lse;
        jobs[i].first = i; jobs[i].step = n; jobs[i].failed = 0;
        started[i] = i > 0 && pthread_create(&th[i], NULL, ref_worker, &jobs[i]) == 0;
        if (i > 0 && !started[i]) ref_worker(&jobs[i]);
    }
    if (n > 0) ref_worker(&jobs[0]);
    for (i = 1; i < n; i++)
        if (started[i]) pthread_join(th[i], NULL);
    for (i = 0; i < n; i++)
        if (jobs[i].failed) return -1;
    return 0;
}

/* ---- one case ------------------------------------------------------------------------------ */

/* u of a 16-bit output in t: bf16's unit roundoff 2^-8 (8 significant bits, no margin), twice
 * f16's 2^-11 */
static double round_unit(pa_dtype t)
{
    return t == PA_DTYPE_F16 ? 1.0 / 1024 : 1.0 / 256;
}

/* The tolerance of one output element whose reference value is want. The CPU backend computes in
 * f32 from the inputs as given and rounds only its output: 2e-5 + u |want|. The GPU kernels also
 * round P to 16 bits before P V (l sums the unrounded p; split partials stay f32), which moves the
 * output by at most the unit roundoff times sum p |v| / l <= max|v| = 1 (inputs lie in [-1, 1]):
 * 2e-5 + u (|want| + 1), u = round_unit, so for bf16 the worst case of the two roundings with only
 * the 2e-5 for the f32 arithmetic, for f16 twice it (the sm80, sm90 and decode kernels alike).
 * f32 outputs: a flat 1e-4. Until session 54 the GPU's 16-bit outputs had a flat 2e-3 (f16) /
 * 1.6e-2 (bf16); the session's H100 run (sm90 forced and automatic, the copy beside forced, 1371
 * cases) measured at most 0.31 (f16) / 0.65 (bf16) of the derived one; session 55's first run
 * under it (every GPU kernel forced at every head_dim, 3700 cases, RESULTS 3.3k) 0.32 / 0.74. */
static double out_lim(pa_dtype t, int on_dev, double want)
{
    if (t == PA_DTYPE_F32) return 1e-4;
    return 2e-5 + round_unit(t) * (fabs(want) + (on_dev ? 1.0 : 0.0));
}

/* The largest output error seen per dtype (f32, f16, bf16) over every compare of this process,
 * as |err| and as a fraction of the GPU's 16-bit tolerance 2e-5 + u (|out| + 1) (out_lim with
 * on_dev; for the CPU, whose tolerance is tighter, it shows how far below the GPU's it stays). */
static double worst_err[3], worst_frac[3];
static char worst_desc[3][600];

static int dtype_slot(pa_dtype t)
{
    return t == PA_DTYPE_F32 ? 0 : t == PA_DTYPE_F16 ? 1 : 2;
}

void th_worst_report(const char *tag)
{
    static const char *names[3] = { "f32", "f16", "bf16" };
    int k;
    for (k = 0; k < 3; k++)
        if (worst_desc[k][0])
            printf("%s worst %s output error %.3g, %.3g of the rounding bound, at %s\n",
                   tag, names[k], worst_err[k], worst_frac[k], worst_desc[k]);
}

static int all_ff(const void *p, size_t n)
{
    const unsigned char *c = (const unsigned char *)p;
    size_t i;
    for (i = 0; i < n; i++)
        if (c[i] != 0xff) return 0;
    return 1;
}

/* Output and lse against the reference; bytes no row owns must still be poison. */
static int compare(const th_inst *in, const double *ref, const double *rlse, const char *tag,
                   const char *desc)
{
    const th_case *c = &in->c;
    const int H = c->num_heads, D = c->head_dim;
    const size_t es = pa__dtype_size(c->dtype);
    unsigned char *wo = (unsigned char *)calloc(in->o_bytes ? in->o_bytes : 1, 1);
    unsigned char *wl = (unsigned char *)calloc(in->lse_bytes ? in->lse_bytes : 1, 1);
    /* (a flat tolerance let near-zero rows of long sequences pass with any output, e.g. the mean
     * of V: out_lim is relative) */
    double worst = 0, lworst = 0, wlim = 1;
    int b, i, h, d, bad = 0, wb = 0, wi = 0, wh = 0, wd = 0, lb = 0, li = 0, lh = 0;
    double wgot = 0, wwant = 0, lgot = 0, lwant = 0;
    size_t k;
    for (b = 0; b < c->batch; b++)
        for (i = 0; i < in->qlen[b]; i++)
            for (h = 0; h < H; h++) {
                int64_t t = in->cu_ref[b] + i;
                for (d = 0; d < D; d++) {
                    int64_t idx = t * in->out.stride_token + h * in->out.stride_head + d;
                    double got = pa__load(c->dtype, in->o, idx), want = ref[(t * H + h) * D + d];
                    double e = fabs(got - want), lim = out_lim(c->dtype, in->on_dev, want);
                    memset(wo + idx * (int64_t)es, 1, es);
                    if (!isnan(e)) {
                        const int k = dtype_slot(c->dtype);
                        const double f = e / out_lim(c->dtype, 1, want);
                        if (e > worst_err[k]) worst_err[k] = e;
                        if (f > worst_frac[k] || !worst_desc[k][0]) {
                            worst_frac[k] = f;
                            snprintf(worst_desc[k], sizeof worst_desc[k], "%s", desc);
                        }
                    }
                    if (!(e / lim <= worst / wlim)) { /* NaN lands here too */
                        worst = isnan(e) ? INFINITY : e;
                        wlim = lim;
                        wb = b; wi = i; wh = h; wd = d; wgot = got; wwant = want;
                    }
                }
                if (c->with_lse) {
                    double got = in->lse[t * H + h], want = rlse[t * H + h], e;
                    memset(wl + (t * H + h) * (int64_t)sizeof(float), 1, sizeof(float));
                    if (isinf(want)) e = got == want ? 0 : INFINITY;
                    else e = fabs(got - want) / (1.0 + fabs(want));
                    if (!(e <= lworst)) {
                        lworst = isnan(e) ? INFINITY : e;
                        lb = b; li = i; lh = h; lgot = got; lwant = want;
                    }
                }
            }
    if (!(worst <= wlim)) {
        printf("%s FAIL %s: out[b=%d i=%d h=%d d=%d] = %.6g, want %.6g (|err| %.3g > tol %.3g)\n",
               tag, desc, wb, wi, wh, wd, wgot, wwant, worst, wlim);
        bad = 1;
    }
    if (!(lworst <= 2e-4)) {
        printf("%s FAIL %s: lse[b=%d i=%d h=%d] = %.8g, want %.8g (err %.3g > 2e-4 * (1 + |want|))\n", tag,
               desc, lb, li, lh, lgot, lwant, lworst);
        bad = 1;
    }
    for (k = 0; k < in->o_bytes; k++)
        if (!wo[k] && ((const unsigned char *)in->o)[k] != 0xff) {
            printf("%s FAIL %s: output byte %zu (element %zu) outside every row was written\n",
                   tag, desc, k, k / es);
            bad = 1;
            break;
        }
    for (k = 0; k < in->lse_bytes; k++)
        if (!wl[k] && ((const unsigned char *)in->lse)[k] != 0xff) {
            printf("%s FAIL %s: lse element %zu that no row owns was written\n", tag, desc,
                   k / sizeof(float));
            bad = 1;
            break;
        }
    free(wo);
    free(wl);
    return bad;
}

/* The workspace, filled with 0xff bytes (NaN) so that a partial the call reads before it wrote
 * fails rather than reading zeros or stale values */
static int ws_alloc(int on_dev, void **p, size_t n)
{
    if (on_dev) {
        void *h;
        int err;
        if (dev_alloc(p, n)) return -1;
        if (!n) return 0;
        if (!(h = malloc(n))) return -1;
        memset(h, 0xff, n);
        err = to_dev(*p, h, n);
        free(h);
        return err;
    }
    *p = malloc(n ? n : 1);
    if (*p) memset(*p, 0xff, n ? n : 1);
    return *p ? 0 : -1;
}

static void ws_free(int on_dev, void *p)
{
    if (on_dev) dev_free(p);
    else free(p);
}

int th_run_case(pa_context *ctx, const th_case *c, const char *tag)
{
    th_inst in;
    char desc[600];
    const int on_dev = ctx->backend == PA_BACKEND_CUDA;
    size_t ws = 0, ws_min = 0, limit;
    void *w = NULL;
    double *ref = NULL, *rlse = NULL;
    void *o1 = NULL, *l1 = NULL;
    pa_status st;
    int result = TH_FAIL;
    th_case_str(c, desc, sizeof desc);
    if (getenv("PA_TEST_VERBOSE") && *getenv("PA_TEST_VERBOSE") != '0') {
        printf("%s %s\n", tag, desc);
        fflush(stdout);   /* a run that stalls still names its case when stdout is a file */
    }
    const double thread_flops = ctx->cpu_thread_flops;
    if (th_inst_build(&in, c, on_dev)) {
        printf("%s FAIL %s: could not build the case (device memory?)\n", tag, desc);
        th_inst_free(&in);
        return TH_FAIL;
    }
    /* every thread the context has, whatever the work: the repeated call below compares thread
     * counts, which the library would otherwise cap to one for the small cases */
    ctx->cpu_thread_flops = 0;
    st = pa_workspace_size(ctx, &in.query, &in.kv, &in.params, &ws);
    if (st == PA_ERR_UNSUPPORTED) { result = TH_SKIP; goto done; }
    if (st != PA_OK) {
        printf("%s FAIL %s: pa_workspace_size: %s (%s)\n", tag, desc, pa_status_string(st),
               pa_context_last_error(ctx));
        goto done;
    }
    /* the least workspace: without the Hopper copy of the cache (pa_context_set_kv_copy_limit 0);
     * a workspace between the two reads the pages in place */
    limit = ctx->kv_copy_limit;
    ctx->kv_copy_limit = 0;
    st = pa_workspace_size(ctx, &in.query, &in.kv, &in.params, &ws_min);
    ctx->kv_copy_limit = limit;
    if (st != PA_OK || ws_min > ws) {
        printf("%s FAIL %s: pa_workspace_size without the copy: %s, %zu bytes against %zu\n", tag,
               desc, pa_status_string(st), ws_min, ws);
        goto done;
    }
    if (ws_alloc(on_dev, &w, ws)) {
        printf("%s FAIL %s: cannot allocate a workspace of %zu bytes\n", tag, desc, ws);
        goto done;
    }
    if (on_dev && ws > 0) { /* a CUDA workspace not 16-byte aligned is refused, nothing written */
        st = pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, (char *)w + 8, ws);
        if (st != PA_ERR_INVALID_ARG || !strstr(pa_context_last_error(ctx), "16-byte aligned") ||
            th_inst_fetch(&in) || !all_ff(in.o, in.o_bytes) || !all_ff(in.lse, in.lse_bytes)) {
            printf("%s FAIL %s: a workspace at 8 bytes past alignment gave %s \"%s\" or wrote the "
                   "output\n", tag, desc, pa_status_string(st), pa_context_last_error(ctx));
            goto done;
        }
    }
    if (ws_min > 0) { /* one byte short of the least is refused and writes nothing */
        st = pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, w, ws_min - 1);
        if (st != PA_ERR_WORKSPACE_TOO_SMALL || th_inst_fetch(&in) ||
            !all_ff(in.o, in.o_bytes) || !all_ff(in.lse, in.lse_bytes)) {
            printf("%s FAIL %s: workspace of %zu - 1 bytes gave %s or wrote the output\n", tag,
                   desc, ws_min, pa_status_string(st));
            goto done;
        }
    }
    st = pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, w, ws);
    if (st == PA_ERR_UNSUPPORTED) { result = TH_SKIP; goto done; }
    if (st != PA_OK) {
        printf("%s FAIL %s: pa_attention: %s (%s)\n", tag, desc, pa_status_string(st),
               pa_context_last_error(ctx));
        goto done;
    }
    if (on_dev && dev_sync()) {
        printf("%s FAIL %s: the kernel failed (see above)\n", tag, desc);
        goto done;
    }
    if (th_inst_fetch(&in)) {
        printf("%s FAIL %s: cannot copy the output back\n", tag, desc);
        goto done;
    }
    ref = (double *)xalloc(sizeof(double) * (size_t)in.total_q * (size_t)c->num_heads * (size_t)c->head_dim);
    rlse = (double *)xalloc(sizeof(double) * (size_t)in.total_q * (size_t)c->num_heads);
    if (th_reference(&in, ref, rlse)) {
        printf("%s FAIL %s: the reference could not allocate its scratch\n", tag, desc);
        goto done;
    }
    if (compare(&in, ref, rlse, tag, desc)) goto done;

    /* the same call again (on the CPU with another thread count): the same bits */
    o1 = xalloc(in.o_bytes);
    l1 = xalloc(in.lse_bytes);
    memcpy(o1, in.o, in.o_bytes);
    memcpy(l1, in.lse, in.lse_bytes);
    {
        int threads = ctx->num_threads;
        if (!on_dev) ctx->num_threads = threads == 1 ? 3 : 1;
        if (th_inst_poison(&in) == 0)
            st = pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, w, ws);
        ctx->num_threads = threads;
    }
    if (st != PA_OK || (on_dev && dev_sync()) || th_inst_fetch(&in) ||
        memcmp(o1, in.o, in.o_bytes) || memcmp(l1, in.lse, in.lse_bytes)) {
        printf("%s FAIL %s: a repeated call gave different bits (%s)\n", tag, desc,
               pa_status_string(st));
        goto done;
    }
    if (ws_min < ws) { /* the least workspace: the call without its copy, against the reference */
        if (th_inst_poison(&in)) {
            printf("%s FAIL %s: cannot poison the output again\n", tag, desc);
            goto done;
        }
        st = pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, w, ws_min);
        if (st != PA_OK || (on_dev && dev_sync()) || th_inst_fetch(&in)) {
            printf("%s FAIL %s: the least workspace (%zu of %zu bytes) gave %s (%s)\n", tag, desc,
                   ws_min, ws, pa_status_string(st), pa_context_last_error(ctx));
            goto done;
        }
        if (compare(&in, ref, rlse, tag, desc)) goto done;
    }
    result = TH_PASS;
done:
    ctx->cpu_thread_flops = thread_flops;
    free(ref); free(rlse); free(o1); free(l1);
    if (w) ws_free(on_dev, w);
    th_inst_free(&in);
    return result;
}

/* ---- kv_append ----------------------------------------------------------------------------- */

int th_run_kv_append(pa_context *ctx, uint64_t seed, pa_dtype dt, const char *tag)
{
    static const int dims[] = { 8, 16, 64, 128, 256, 3, 100 };
    static const int pages[] = { 1, 3, 16, 17, 48, 100, 672 };
    const int on_dev = ctx->backend == PA_BACKEND_CUDA;
    const int checks_slots = !on_dev || ctx->validation;
    uint64_t s = seed;
    const size_t es = pa__dtype_size(dt);
    int Hkv = th_int(&s, 1, 4), D = dims[th_int(&s, 0, on_dev ? 4 : 6)];
    int ps = pages[th_int(&s, 0, 6)], num_pages = th_int(&s, 1, ps >= 100 ? 3 : 12);
    int hnd = th_int(&s, 0, 1), pad = th_int(&s, 0, 1) ? 8 : 0;
    int64_t total = (int64_t)num_pages * ps, ksp, kst, ksh, vsp, vst, vsh, nsh, nst;
    int n = th_int(&s, 0, (int)(total < 3 * ps + 5 ? total : 3 * ps + 5)), t, h, d, i;
    size_t cache_bytes, new_bytes;
    unsigned char *k0, *v0, *ke, *ve, *kg, *vg, *kn, *vn;
    int64_t *slots, *perm;
    void *dk = NULL, *dv = NULL, *dkn = NULL, *dvn = NULL, *dslots = NULL;
    pa_kv_cache kv;
    pa_status st;
    int bad = 0;
    char desc[200];
    snprintf(desc, sizeof desc, "kv_append seed=0x%016llx %s kv_heads=%d d=%d page=%d pages=%d "
             "%s%s tokens=%d", (unsigned long long)seed, dtype_str(dt), Hkv, D, ps, num_pages,
             hnd ? "HND" : "NHD", pad ? " padded" : "", n);
    if (hnd) { kst = D + pad; ksh = ps * kst + pad; ksp = Hkv * ksh + pad; }
    else     { ksh = D + pad; kst = Hkv * ksh + pad; ksp = ps * kst + pad; }
    /* V in the other layout (strides of its own: a backend that writes V with K's fails) */
    if (!hnd) { vst = D + pad; vsh = ps * vst + pad; vsp = Hkv * vsh + pad; }
    else      { vsh = D + pad; vst = Hkv * vsh + pad; vsp = ps * vst + pad; }
    nsh = D + pad;
    nst = Hkv * nsh + pad;
    cache_bytes = (size_t)(num_pages * (ksp > vsp ? ksp : vsp)) * es;
    new_bytes = (size_t)((n > 0 ? n : 1) * nst) * es;
    k0 = (unsigned char *)xalloc(cache_bytes); v0 = (unsigned char *)xalloc(cache_bytes);
    ke = (unsigned char *)xalloc(cache_bytes); ve = (unsigned char *)xalloc(cache_bytes);
    kg = (unsigned char *)xalloc(cache_bytes); vg = (unsigned char *)xalloc(cache_bytes);
    kn = (unsigned char *)xalloc(new_bytes); vn = (unsigned char *)xalloc(new_bytes);
    slots = (int64_t *)xalloc(sizeof(int64_t) * (size_t)(n > 0 ? n : 1));
    perm = (int64_t *)xalloc(sizeof(int64_t) * (size_t)total);
    for (i = 0; i < (int)cache_bytes; i++) { k0[i] = (unsigned char)th_next(&s); v0[i] = (unsigned char)th_next(&s); }
    for (i = 0; i < (int)(new_bytes / es); i++) {
        pa__store(dt, kn, i, (float)(2 * th_unit(&s) - 1));
        pa__store(dt, vn, i, (float)(2 * th_unit(&s) - 1));
    }
    for (i = 0; i < total; i++) perm[i] = i;
    for (t = 0; t < n; t++) { /* distinct slots, some tokens skipped */
        int r = th_int(&s, t, (int)total - 1);
        int64_t tmp = perm[t];
        perm[t] = perm[r];
        perm[r] = tmp;
        slots[t] = th_int(&s, 0, 9) == 0 ? -1 : perm[t];
    }
    memcpy(ke, k0, cache_bytes);
    memcpy(ve, v0, cache_bytes);
    for (t = 0; t < n; t++) {
        if (slots[t] < 0) continue;
        for (h = 0; h < Hkv; h++)
            for (d = 0; d < D; d++) {
                int64_t dst = (slots[t] / ps) * ksp + (slots[t] % ps) * kst + h * ksh + d;
                int64_t vdst = (slots[t] / ps) * vsp + (slots[t] % ps) * vst + h * vsh + d;
                int64_t src = t * nst + h * nsh + d;
                memcpy(ke + dst * (int64_t)es, kn + src * (int64_t)es, es);
                memcpy(ve + vdst * (int64_t)es, vn + src * (int64_t)es, es);
            }
    }
    memset(&kv, 0, sizeof kv);
    kv.dtype = dt; kv.num_kv_heads = Hkv; kv.head_dim = D; kv.page_size = ps;
    kv.num_pages = num_pages;
    kv.k_stride_page = ksp; kv.v_stride_page = vsp;
    kv.k_stride_token = kst; kv.v_stride_token = vst;
    kv.k_stride_head = ksh; kv.v_stride_head = vsh;
    if (on_dev) {
        if (upload(1, &dk, k0, cache_bytes) || upload(1, &dv, v0, cache_bytes) ||
            upload(1, &dkn, kn, new_bytes) || upload(1, &dvn, vn, new_bytes) ||
            upload(1, &dslots, slots, sizeof(int64_t) * (size_t)(n > 0 ? n : 1))) {
            printf("%s FAIL %s: device memory\n", tag, desc);
            bad = 1;
            goto done;
        }
        kv.k = dk; kv.v = dv;
    } else {
        memcpy(kg, k0, cache_bytes);
        memcpy(vg, v0, cache_bytes);
        kv.k = kg; kv.v = vg; dkn = kn; dvn = vn; dslots = slots;
    }
    if (checks_slots && n > 0) { /* one slot past the pool: refused, nothing written */
        int64_t keep = slots[n - 1];
        slots[n - 1] = total;
        if (on_dev) to_dev(dslots, slots, sizeof(int64_t) * (size_t)n);
        st = pa_kv_append(ctx, &kv, dkn, dvn, nst, nsh, (const int64_t *)dslots, n);
        slots[n - 1] = keep;
        if (on_dev) { to_dev(dslots, slots, sizeof(int64_t) * (size_t)n); to_host(kg, dk, cache_bytes); to_host(vg, dv, cache_bytes); }
        if (st != PA_ERR_INVALID_ARG || !strstr(pa_context_last_error(ctx), "slot_mapping[") ||
            memcmp(kg, k0, cache_bytes) || memcmp(vg, v0, cache_bytes)) {
            printf("%s FAIL %s: slot %lld past the pool gave %s \"%s\" or wrote the cache\n", tag,
                   desc, (long long)total, pa_status_string(st), pa_context_last_error(ctx));
            bad = 1;
            goto done;
        }
    }
    st = pa_kv_append(ctx, &kv, dkn, dvn, nst, nsh, (const int64_t *)dslots, n);
    if (st == PA_OK && on_dev && (dev_sync() || to_host(kg, dk, cache_bytes) || to_host(vg, dv, cache_bytes)))
        st = PA_ERR_CUDA;
    if (st != PA_OK) {
        printf("%s FAIL %s: pa_kv_append: %s (%s)\n", tag, desc, pa_status_string(st),
               pa_context_last_error(ctx));
        bad = 1;
    } else if (memcmp(kg, ke, cache_bytes) || memcmp(vg, ve, cache_bytes)) {
        size_t at = 0;
        while (at < cache_bytes && kg[at] == ke[at] && vg[at] == ve[at]) at++;
        printf("%s FAIL %s: cache differs from the model at byte %zu (element %zu)\n", tag, desc,
               at, at / es);
        bad = 1;
    }
done:
    if (on_dev) { dev_free(dk); dev_free(dv); dev_free(dkn); dev_free(dvn); dev_free(dslots); }
    free(k0); free(v0); free(ke); free(ve); free(kg); free(vg); free(kn); free(vn);
    free(slots); free(perm);
    return bad ? TH_FAIL : TH_PASS;
}

/* ---- bad inputs ---------------------------------------------------------------------------- */

static void expect_invalid(pa_context *ctx, th_inst *in, const pa_query *q, const pa_kv_cache *kv,
                           const pa_attn_params *p, const pa_output *o, const char *want,
                           int *passed, int *failed)
{
    pa_status st;
    const char *msg;
    int untouched;
    th_inst_poison(in);
    st = pa_attention(ctx, q, kv, p, o, NULL, 0);
    msg = ctx ? pa_context_last_error(ctx) : "";
    untouched = th_inst_fetch(in) == 0 && all_ff(in->o, in->o_bytes) &&
                all_ff(in->lse, in->lse_bytes);
    if (st == PA_ERR_INVALID_ARG && (!want[0] || strstr(msg, want)) && untouched) {
        (*passed)++;
        return;
    }
    (*failed)++;
    printf("bad-input FAIL: wanted PA_ERR_INVALID_ARG with \"%s\"; got %s \"%s\"%s\n", want,
           pa_status_string(st), msg, untouched ? "" : "; the output was written");
}

void th_run_bad_inputs(pa_context *ctx, pa_dtype dt, int head_dim, int *passed, int *failed)
{
    th_case c;
    th_inst in;
    char want[300];
    const int on_dev = ctx->backend == PA_BACKEND_CUDA;
    const int tables = !on_dev || ctx->validation;
    pa_status st;
    size_t ws = 0;
    void *w = NULL;
    memset(&c, 0, sizeof c);
    c.seed = 0xbad;
    c.dtype = dt;
    c.batch = 3; c.num_heads = 4; c.num_kv_heads = 2; c.head_dim = head_dim; c.page_size = 16;
    c.max_q = 5; c.max_keys = 70; c.varlen = 1; c.full_len = 1; c.with_lse = 1;
    c.window_left = -1; c.scale_mul = 1;
    if (th_inst_build(&in, &c, on_dev)) {
        printf("bad-input FAIL: could not build the base case\n");
        (*failed)++;
        th_inst_free(&in);
        return;
    }
    /* the unmodified call works */
    st = pa_workspace_size(ctx, &in.query, &in.kv, &in.params, &ws);
    if (st == PA_OK && ws_alloc(on_dev, &w, ws) == 0)
        st = pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, w, ws);
    if (w) ws_free(on_dev, w);
    if (st == PA_OK && (!on_dev || dev_sync() == 0)) (*passed)++;
    else if (st == PA_ERR_UNSUPPORTED) /* no kernel of this build runs it: the checks still do */
        printf("bad-input note: the valid base call is not supported here (%s)\n",
               pa_context_last_error(ctx));
    else {
        (*failed)++;
        printf("bad-input FAIL: the valid base call gave %s \"%s\"\n", pa_status_string(st),
               pa_context_last_error(ctx));
    }

#define BAD(change, ...)                                                                   \
    do {                                                                                   \
        pa_query q_ = in.query; pa_kv_cache kv_ = in.kv;                                   \
        pa_attn_params p_ = in.params; pa_output o_ = in.out;                              \
        const pa_query *Q = &q_; const pa_kv_cache *KV = &kv_;                             \
        const pa_attn_params *P = &p_; const pa_output *O = &o_;                           \
        change;                                                                            \
        (void)Q; (void)KV; (void)P; (void)O;                                               \
        snprintf(want, sizeof want, __VA_ARGS__);                                          \
        expect_invalid(ctx, &in, Q, KV, P, O, want, passed, failed);                       \
    } while (0)

    BAD(Q = NULL, "q is NULL");
    BAD(KV = NULL, "kv is NULL");
    BAD(P = NULL, "p (attention params) is NULL");
    BAD(O = NULL, "out is NULL");
    BAD(q_.data = NULL, "q.data is NULL");
    BAD(kv_.k = NULL, "kv.k is NULL");
    BAD(kv_.v = NULL, "kv.v is NULL");
    BAD(kv_.seq_lens = NULL, "kv.seq_lens is NULL");
    BAD(o_.data = NULL, "out.data is NULL");
    BAD(q_.batch = -1, "q.batch = -1 is negative");
    BAD(q_.num_heads = 0, "q.num_heads = 0 is not positive");
    BAD(q_.num_heads = -4, "q.num_heads = -4 is not positive");
    BAD(q_.head_dim = 0, "q.head_dim = 0 is outside [1, 512]");
    BAD((q_.head_dim = 600, kv_.head_dim = 600), "q.head_dim = 600 is outside [1, 512]");
    BAD(kv_.head_dim = head_dim / 2, "kv.head_dim = %d differs from q.head_dim = %d",
        head_dim / 2, head_dim);
    BAD(kv_.num_kv_heads = 0, "kv.num_kv_heads = 0 is not positive");
    BAD(kv_.num_kv_heads = 3, "q.num_heads = 4 is not a multiple of kv.num_kv_heads = 3");
    BAD(kv_.page_size = 0, "kv.page_size = 0 is less than 1");
    BAD(kv_.page_size = -16, "kv.page_size = -16 is less than 1");
    BAD(kv_.num_pages = 0, "kv.num_pages = 0 is not positive");
    BAD(q_.max_seqlen = -1, "q.max_seqlen = -1 is negative");
    BAD(kv_.max_seq_len = -1, "kv.max_seq_len = -1 is outside [0, 2147418112]");
    BAD(kv_.max_seq_len = INT32_MAX, "kv.max_seq_len = 2147483647 is outside [0, 2147418112]");
    BAD(kv_.page_table_stride = 4, "kv.page_table_stride = 4 times kv.page_size = 16 is less "
        "than kv.max_seq_len = 70");
    BAD(kv_.page_table_stride = -1, "kv.page_table_stride = -1 is negative");
    BAD(kv_.page_table = NULL, "kv.page_table is NULL (contiguous cache) but kv.page_size = 16 "
        "is less than kv.max_seq_len = 70");
    BAD((kv_.page_table = NULL, kv_.page_size = 70, kv_.num_pages = 2),
        "kv.num_pages = 2 is less than q.batch = 3");
    BAD(p_.softmax_scale = NAN, "p.softmax_scale = nan is not finite");
    BAD(p_.softmax_scale = INFINITY, "p.softmax_scale = inf is not finite");
    BAD(p_.softcap = -1.0f, "p.softcap = -1 is negative or not finite");
    BAD(p_.softcap = NAN, "p.softcap = nan is negative or not finite");
    BAD(p_.softcap = 1e-39f, "is too small: 1 / p.softcap is not finite");
    BAD((q_.cu_seqlens = NULL, q_.max_seqlen = 1 << 30), "q.cu_seqlens is NULL and q.batch = 3 x "
        "q.max_seqlen = 1073741824 is 3221225472 query rows, past 2^31 - 1");
    BAD((q_.num_heads = 1 << 20, q_.max_seqlen = 0x7fffffff), "q.batch = 3 x q.max_seqlen = "
        "2147483647 x q.num_heads = 1048576 is past 2^48 query rows and heads");
    /* strides whose largest offset wraps 64 bits (it would land on another part of the buffer) */
    BAD(kv_.k_stride_page = (int64_t)1 << 62, "kv.k_stride_page = 4611686018427387904 with "
        "kv.num_pages = %d: k's largest element offset does not fit", in.kv.num_pages);
    BAD(kv_.v_stride_token = INT64_MIN, "kv.v_stride_token = -9223372036854775808 with kv.page_size = 16");
    BAD(kv_.v_stride_head = -((int64_t)1 << 62), "kv.v_stride_head = -4611686018427387904 with "
        "kv.num_kv_heads = 2: v's");
    BAD(q_.stride_token = (int64_t)1 << 61, "q.stride_token = 2305843009213693952 with query rows = 15");
    BAD(o_.stride_head = INT64_MAX / 2, "out.stride_head = 4611686018427387903 with q.num_heads = 4: out's");
    /* (the page table's rows of sequences without keys are never read, but their addresses were
     * formed: pointer arithmetic past the address space) */
    BAD(kv_.page_table_stride = (int64_t)1 << 61, "kv.page_table_stride = 2305843009213693952 with "
        "q.batch = 3: kv.page_table's largest element offset does not fit");
    BAD(p_.window_left = -2, "p.window_left = -2 is less than -1");
    BAD(p_.num_splits = -1, "p.num_splits = -1 is negative");
    BAD(kv_.dtype = dt == PA_DTYPE_BF16 ? PA_DTYPE_F16 : PA_DTYPE_BF16, "kv.dtype = %d",
        dt == PA_DTYPE_BF16 ? 1 : 2);
    BAD((q_.dtype = (pa_dtype)7, kv_.dtype = (pa_dtype)7), "q.dtype = 7 is not a pa_dtype");
    if (tables) {
        int32_t keep;
        keep = in.sl[1];
        in.sl[1] = 71; th_inst_upload_tables(&in);
        BAD((void)0, "kv.seq_lens[1] = 71 is outside [0, kv.max_seq_len = 70]");
        in.sl[1] = -3; th_inst_upload_tables(&in);
        BAD((void)0, "kv.seq_lens[1] = -3 is outside [0, kv.max_seq_len = 70]");
        in.sl[1] = keep; th_inst_upload_tables(&in);

        keep = in.pt[2 * in.kv.page_table_stride + 4];  /* last page of sequence 2 (70 keys) */
        in.pt[2 * in.kv.page_table_stride + 4] = in.kv.num_pages; th_inst_upload_tables(&in);
        BAD((void)0, "kv.page_table[2][4] = %d is outside [0, %d)", in.kv.num_pages,
            in.kv.num_pages);
        in.pt[2 * in.kv.page_table_stride + 4] = -1; th_inst_upload_tables(&in);
        BAD((void)0, "kv.page_table[2][4] = -1 is outside [0, %d)", in.kv.num_pages);
        in.pt[2 * in.kv.page_table_stride + 4] = keep; th_inst_upload_tables(&in);

        keep = in.cu[2];
        in.cu[2] = in.cu[1] - 1; th_inst_upload_tables(&in);
        BAD((void)0, "q.cu_seqlens[2] = %d is less than q.cu_seqlens[1] = %d", in.cu[2], in.cu[1]);
        in.cu[2] = in.cu[1] + 6; in.cu[3] = in.cu[2] + in.qlen[2]; th_inst_upload_tables(&in);
        BAD((void)0, "q.cu_seqlens[2] - q.cu_seqlens[1] = 6 is past q.max_seqlen = 5");
        in.cu[2] = keep; in.cu[3] = in.cu_ref[3];
        keep = in.cu[0];
        in.cu[0] = -1; th_inst_upload_tables(&in);
        BAD((void)0, "q.cu_seqlens[0] = -1 is negative");
        in.cu[0] = keep; th_inst_upload_tables(&in);
        /* rows from cu_seqlens[0] = 100 on: out's offsets checked up to cu_seqlens[3] (the
         * fields alone bound them by batch x max_seqlen = 15 rows, which 2^57 passes) */
        for (keep = 0; keep <= 3; keep++) in.cu[keep] += 100;
        th_inst_upload_tables(&in);
        BAD(o_.stride_token = (int64_t)1 << 57, "out.stride_token = 144115188075855872 with query "
            "rows = %d: out's largest element offset does not fit", in.cu[3]);
        for (keep = 0; keep <= 3; keep++) in.cu[keep] -= 100;
        th_inst_upload_tables(&in);
    }
#undef BAD
    /* no context at all */
    th_inst_poison(&in);
    st = pa_attention(NULL, &in.query, &in.kv, &in.params, &in.out, NULL, 0);
    if (st == PA_ERR_INVALID_ARG && th_inst_fetch(&in) == 0 && all_ff(in.o, in.o_bytes)) (*passed)++;
    else { (*failed)++; printf("bad-input FAIL: ctx NULL gave %s\n", pa_status_string(st)); }
    st = pa_workspace_size(ctx, &in.query, &in.kv, &in.params, NULL);
    if (st == PA_ERR_INVALID_ARG && strstr(pa_context_last_error(ctx), "bytes is NULL")) (*passed)++;
    else { (*failed)++; printf("bad-input FAIL: pa_workspace_size(bytes NULL) gave %s\n", pa_status_string(st)); }
    {
        pa_query q2 = in.query;
        q2.head_dim = 0;
        st = pa_workspace_size(ctx, &q2, &in.kv, &in.params, &ws);
        if (st == PA_ERR_INVALID_ARG && strstr(pa_context_last_error(ctx), "q.head_dim = 0")) (*passed)++;
        else { (*failed)++; printf("bad-input FAIL: pa_workspace_size(head_dim 0) gave %s\n", pa_status_string(st)); }
    }
    /* pa_kv_append */
    {
        static const int64_t slot0[1] = { 0 };
        pa_kv_cache kv = in.kv;
        const void *kn = in.dk, *vn = in.dv;
        const int64_t *sm = on_dev ? (const int64_t *)in.dsl : slot0; /* any readable bytes */
        struct { const char *want; int which; } cases[] = {
            { "kv is NULL", 0 }, { "num_tokens = -1 is negative", 1 }, { "k_new is NULL", 2 },
            { "v_new is NULL", 3 }, { "slot_mapping is NULL", 4 }, { "kv.page_size = 0", 5 },
            { "kv.head_dim = 0", 6 }, { "kv.num_kv_heads = 0", 7 }, { "kv.k is NULL", 8 },
            { "kv.num_pages = 0", 9 }, { "kv.dtype = 9", 10 },
            { "kv.k_stride_page = 4611686018427387904 with kv.num_pages", 11 },
            { "new_stride_token = 4611686018427387904 with num_tokens = 2: k_new and v_new's", 12 },
            { "new_stride_head = -4611686018427387904 with kv.num_kv_heads = 2", 13 },
        };
        size_t i;
        for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            pa_kv_cache k2 = kv;
            const pa_kv_cache *kp = &k2;
            const void *a = kn, *b = vn;
            const int64_t *m = sm;
            int32_t n = 1;
            int64_t nst = 0, nsh = 0;
            switch (cases[i].which) {
            case 0: kp = NULL; break;
            case 1: n = -1; break;
            case 2: a = NULL; break;
            case 3: b = NULL; break;
            case 4: m = NULL; break;
            case 5: k2.page_size = 0; break;
            case 6: k2.head_dim = 0; break;
            case 7: k2.num_kv_heads = 0; break;
            case 8: k2.k = NULL; break;
            case 9: k2.num_pages = 0; break;
            case 10: k2.dtype = (pa_dtype)9; break;
            case 11: k2.k_stride_page = (int64_t)1 << 62; break;
            case 12: n = 2; nst = (int64_t)1 << 62; break;
            case 13: nsh = -((int64_t)1 << 62); break;
            }
            st = pa_kv_append(ctx, kp, a, b, nst, nsh, m, n);
            if (st == PA_ERR_INVALID_ARG && strstr(pa_context_last_error(ctx), cases[i].want)) (*passed)++;
            else {
                (*failed)++;
                printf("bad-input FAIL: pa_kv_append wanted \"%s\", got %s \"%s\"\n",
                       cases[i].want, pa_status_string(st), pa_context_last_error(ctx));
            }
        }
    }
    th_inst_free(&in);
}
