/*
 * pa-bench: the seed's paged-KV table (../shared/TARGETS.md), on the CPU or a CUDA device.
 *
 * For every head dim and causal mode: a contiguous baseline (page_table NULL), then each page
 * size with a contiguous table (page i of sequence b is b*pages_per_seq + i) and a fragmented
 * one (a pool three times larger, pages drawn from a random permutation). Every row is checked
 * first (sampled query rows against a double-precision reference on the host), then timed:
 * warm-up, then the median of --iters runs, each after an L2 flush (GPU). Each paged row is timed
 * interleaved with the contiguous baseline (call by call; --paired 0 turns it off), and its
 * overhead is against that paired baseline, so clock drift between rows cancels. Decode rows report the
 * bandwidth of the K and V bytes read, and the device-copy bandwidth measured in the same run.
 *
 * Without a GPU (or with --backend cpu) it runs the CPU backend on a small shape and says so.
 */
#include "internal.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef PA_HAVE_CUDA
#include <cuda_runtime_api.h>
#endif

#define MAX_LIST 256   /* entries of --dims / --pages (more: an error, not a silent cut as with 32 before) */
#define CHECK_ROWS 48

typedef struct opts {
    int  backend;              /* -1: auto */
    int  batch, heads, kv_heads, sq, sk;
    int  dims[MAX_LIST], ndims;
    int  pages[MAX_LIST], npages;
    int  causal_mode;          /* 0, 1, 2 = both */
    int  table_mode;           /* 0 contiguous, 1 fragmented, 2 both */
    int  iters, warmup;
    int  paired;               /* time each paged row interleaved with the contiguous baseline */
    int  csv, prefill, decode, check;
    int  splits;               /* num_splits for every call (0 = the library's choice) */
    int  decode_batch;         /* only the decode shapes of this batch (0 = all) */
    pa_dtype dtype;
    pa__kernel kernel;
    int  threads;
    unsigned long long seed;
    unsigned long long copy_limit;   /* --kv-copy-limit */
    int  have_copy_limit;
} opts;

/* ---- memory on either side ---------------------------------------------------------------- */
static int g_gpu;

static void die(const char *msg) { fprintf(stderr, "pa-bench: %s\n", msg); exit(1); }

static void *xalloc(size_t n)
{
    void *p = NULL;
#ifdef PA_HAVE_CUDA
    if (g_gpu) {
        if (cudaMalloc(&p, n ? n : 16) != cudaSuccess) die("cudaMalloc failed");
        return p;
    }
#endif
    p = malloc(n ? n : 16);
    if (!p) die("out of host memory");
    return p;
}
static void xfree(void *p)
{
#ifdef PA_HAVE_CUDA
    if (g_gpu) { cudaFree(p); return; }
#endif
    free(p);
}
static void to_dev(void *d, const void *h, size_t n)
{
#ifdef PA_HAVE_CUDA
    if (g_gpu) { if (cudaMemcpy(d, h, n, cudaMemcpyHostToDevice) != cudaSuccess) die("copy"); return; }
#endif
    memcpy(d, h, n);
}
static void to_host(void *h, const void *d, size_t n)
{
#ifdef PA_HAVE_CUDA
    if (g_gpu) { if (cudaMemcpy(h, d, n, cudaMemcpyDeviceToHost) != cudaSuccess) die("copy"); return; }
#endif
    memcpy(h, d, n);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

/* ---- random numbers ----------------------------------------------------------------------- */
static unsigned long long g_rng = 88172645463325252ull;
static int64_t g_page_gap;          /* --page-gap G: G token strides between pages in the pool */
static int64_t g_pool_scale = 1;    /* with a gap, the pool grows so that it still holds 3x the live pages at the smallest page */
static int g_hnd;                   /* --layout hnd: pages [kv head][slot][dim] instead of [slot][kv head][dim] */
static int g_kv_pairs;              /* --kv-pairs: page stride twice the page (one tensor of K and V pages in turn) */
static unsigned long long rnd(void)
{
    g_rng ^= g_rng << 13; g_rng ^= g_rng >> 7; g_rng ^= g_rng << 17;
    return g_rng;
}
/* n elements of dtype t, uniform in [-1, 1) */
static void fill_random(pa_dtype t, void *p, size_t n)
{
    size_t i;
    if (t == PA_DTYPE_BF16) { /* fast path for the big pools: 4 values per draw, |x| in [1/128, 1) */
        uint16_t *h = p;
        for (i = 0; i + 4 <= n; i += 4) {
            unsigned long long r = rnd();
            int k;
            for (k = 0; k < 4; k++, r >>= 16) {
                unsigned bits = (unsigned)(r & 0xffff);
                h[i + k] = (uint16_t)((bits & 0x8000u) | ((120u + ((bits >> 7) & 7u) % 7u) << 7) | (bits & 0x7fu));
            }
        }
        for (; i < n; i++) h[i] = pa__f32_to_bf16(0.5f);
        return;
    }
    for (i = 0; i < n; i++) {
        float f = (float)((rnd() >> 40) * (1.0 / 16777216.0)) * 2.0f - 1.0f;
        pa__store(t, p, (int64_t)i, f);
    }
}

/* ---- the timed call ----------------------------------------------------------------------- */
typedef struct job {
    pa_context  *ctx;
    pa_query     q;
    pa_kv_cache  kv;
    pa_attn_params p;
    pa_output    o;
    void        *ws;
    size_t       ws_bytes;
} job;

static void *g_flush; static size_t g_flush_bytes;
static int g_flush_on = 1;   /* --flush 0: no L2 flush before each timed call (measurement: what the cold L2 costs) */
#ifdef PA_HAVE_CUDA
void pa_bench_l2_flush(const void *buf, size_t bytes, void *sink, cudaStream_t st); /* l2flush.cu */
#endif
static void *g_ws; static size_t g_ws_cap;
static double g_copy_gbps;     /* device copy bandwidth of this run, GB/s */

static pa_status run_once(job *j)
{
    return pa_attention(j->ctx, &j->q, &j->kv, &j->p, &j->o, j->ws, j->ws_bytes);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int job_ws(job *j)
{
    pa_status s;
    size_t need = 0;
    if ((s = pa_workspace_size(j->ctx, &j->q, &j->kv, &j->p, &need)) != PA_OK) {
        fprintf(stderr, "pa_workspace_size: %s\n", pa_context_last_error(j->ctx));
        return -1;
    }
    if (need > g_ws_cap) { if (g_ws) xfree(g_ws); g_ws = xalloc(need); g_ws_cap = need; }
    return 0;
}

extern int pa__sm90_ft __attribute__((weak));   /* prefill_sm90.cu M109 (SM90_FT builds): the copy on first read; its calls */
extern long pa__sm90_ft_calls __attribute__((weak));
static int g_ft_warm = -1;   /* --ft-warm M: pa__sm90_ft is M for the warm-up calls, then --ft's value (M109's timing
                              * modes that read the copy: mode 2 fills it with the real keys and values first) */
/* --ce-copy 1 (measurement, session 80): before every timed call (paged and contiguous alike) a
 * side stream copies the row's live pages of K and V into a scratch buffer with one
 * cudaMemcpyBatchAsync (cudaMemcpyFlagPreferOverlapWithCompute: the copy engines), started after
 * the L2 flush and not waited for by the call; so the call's time is what it costs beside such a
 * copy. g_ce_n > 0: the batch of the current paged row (built by ce_build), its copies' times in
 * g_ce_ms. */
static int g_ce;
static size_t g_ce_n;
#ifdef PA_HAVE_CUDA
static double g_ce_ms[2048]; static int g_ce_cnt;
static void **g_ce_dst; static const void **g_ce_src; static size_t *g_ce_size;
static cudaStream_t g_ce_stream;
static void *g_ce_buf; static size_t g_ce_cap;
static void ce_start(cudaStream_t st);
static void ce_finish(void);
#endif
/* Times `nj` jobs round-robin (job 0, 1, .., 0, 1, ..): after the warm-up, `iters` rounds, each
 * call after an L2 flush (GPU). ms[k] gets job k's median. Interleaving a paged job with the
 * contiguous one puts both under the same clocks, so their ratio does not drift with the GPU's
 * temperature. Returns 0, or -1 on error (message printed). */
static int time_jobs(job *js, int nj, const opts *o, double *ms_out)
{
    static double ts[2][1024];
    int i, k, n = o->iters < 1024 ? o->iters : 1024;
    pa_status s = PA_OK;
    for (k = 0; k < nj; k++)
        if (job_ws(&js[k])) return -1;
    for (k = 0; k < nj; k++) { js[k].ws = g_ws; js[k].ws_bytes = g_ws_cap; }
    {
        const int ft_timed = &pa__sm90_ft ? pa__sm90_ft : 0;
        if (g_ft_warm >= 0 && &pa__sm90_ft) pa__sm90_ft = g_ft_warm;
        for (i = 0; i < o->warmup; i++)
            for (k = 0; k < nj; k++)
                if ((s = run_once(&js[k])) != PA_OK) {
                    fprintf(stderr, "pa_attention: %s\n", pa_context_last_error(js[k].ctx));
                    return -1;
                }
        if (&pa__sm90_ft) pa__sm90_ft = ft_timed;
    }
    for (i = 0; i < n && s == PA_OK; i++)
        for (k = 0; k < nj && s == PA_OK; k++) {
#ifdef PA_HAVE_CUDA
            if (g_gpu) {
                cudaEvent_t a, b;
                cudaStream_t st = NULL;
                float ms = 0;
                cudaEventCreate(&a); cudaEventCreate(&b);
                if (g_flush_on) pa_bench_l2_flush(g_flush, g_flush_bytes, g_flush, st); /* evict K/V from L2, leave it clean */
                if (g_ce && g_ce_n) ce_start(st);
                cudaEventRecord(a, st);
                s = run_once(&js[k]);
                cudaEventRecord(b, st);
                cudaEventSynchronize(b);
                if (g_ce && g_ce_n) ce_finish();
                cudaEventElapsedTime(&ms, a, b);
                cudaEventDestroy(a); cudaEventDestroy(b);
                ts[k][i] = ms;
                continue;
            }
#endif
            {
                double t0 = now_ms();
                s = run_once(&js[k]);
                ts[k][i] = now_ms() - t0;
            }
        }
#ifdef PA_HAVE_CUDA
    if (g_gpu && cudaDeviceSynchronize() != cudaSuccess) die("a kernel failed");
#endif
    if (s != PA_OK) { fprintf(stderr, "pa_attention: %s\n", pa_context_last_error(js[0].ctx)); return -1; }
    for (k = 0; k < nj; k++) {
        qsort(ts[k], (size_t)n, sizeof ts[k][0], cmp_double);
        ms_out[k] = ts[k][n / 2];
    }
    return 0;
}

/* ---- a problem instance: one pool of K/V tokens reinterpreted per page size --------------- */
typedef struct inst {
    int B, H, Hk, d, sq, maxk;
    pa_dtype t;
    size_t esz;
    int64_t pool_tokens;                  /* tokens in the pool (3x the live tokens) */
    void *hq, *hk, *hv;                   /* host copies (for the check) */
    void *dq, *dk, *dv, *dout;            /* backend memory */
    int32_t *seq_lens_h, *dseq_lens;
    int32_t *table_h, *dtable;            /* current table */
    int64_t table_cap;
    int page, pps;                        /* current page size and pages per sequence; page 0: contiguous */
} inst;

static void inst_init(inst *in, int B, int H, int Hk, int d, int sq, int maxk, const int32_t *lens,
                      pa_dtype t)
{
    size_t qn, kvn;
    memset(in, 0, sizeof *in);
    in->B = B; in->H = H; in->Hk = Hk; in->d = d; in->sq = sq; in->maxk = maxk; in->t = t;
    in->esz = pa__dtype_size(t);
    in->pool_tokens = (int64_t)3 * B * maxk * g_pool_scale;
    qn = (size_t)B * sq * H * d;
    kvn = (size_t)in->pool_tokens * Hk * d;
    in->hq = malloc(qn * in->esz); in->hk = malloc(kvn * in->esz); in->hv = malloc(kvn * in->esz);
    if (!in->hq || !in->hk || !in->hv) die("out of host memory");
    fill_random(t, in->hq, qn); fill_random(t, in->hk, kvn); fill_random(t, in->hv, kvn);
    in->dq = xalloc(qn * in->esz); in->dk = xalloc(kvn * in->esz); in->dv = xalloc(kvn * in->esz);
    in->dout = xalloc(qn * in->esz);
    to_dev(in->dq, in->hq, qn * in->esz);
    to_dev(in->dk, in->hk, kvn * in->esz);
    to_dev(in->dv, in->hv, kvn * in->esz);
    in->seq_lens_h = malloc(sizeof(int32_t) * B);
    memcpy(in->seq_lens_h, lens, sizeof(int32_t) * B);
    in->dseq_lens = xalloc(sizeof(int32_t) * B);
    to_dev(in->dseq_lens, in->seq_lens_h, sizeof(int32_t) * B);
}

static void inst_free(inst *in)
{
    free(in->hq); free(in->hk); free(in->hv); free(in->seq_lens_h); free(in->table_h);
    xfree(in->dq); xfree(in->dk); xfree(in->dv); xfree(in->dout); xfree(in->dseq_lens);
    if (in->dtable) xfree(in->dtable);
}

static int64_t g_frag_block;   /* --frag-block */
static const char *g_dump_tables;   /* --dump-tables PREFIX: each fragmented table as text (layout studies) */
/* src/cuda/prefill_sm90.cu: non-zero sends every paged sm90 call through the cp.async gather
 * (--force-gather, for choosing between the gather and the TMA regimes by measurement) */
extern int pa__sm90_force_gather __attribute__((weak));
extern int pa__sm90_copy_mode __attribute__((weak));   /* prefill_sm90.cu M80: 1 copies every gather call's cache first */
extern int pa__sm90_copy_ctas __attribute__((weak));   /* prefill_sm90.cu M82: n blocks copy beside the attention, -1 never */
extern int pa__sm90_copy_split __attribute__((weak));   /* prefill_sm90.cu M117: a copy over the limit as groups of kv heads */
/* prefill_sm90.cu M107 / M108 (SM90_STRADDLE=1 builds): 1 / 2 takes that copy where it can; its calls */
extern int pa__sm90_straddle_mode __attribute__((weak));
extern long pa__sm90_straddle_calls __attribute__((weak));
extern int pa__sm90_copy_nowait __attribute__((weak));   /* prefill_sm90.cu: the attention beside a copy waits for nothing */
/* prefill_sm90.cu M94: 0 plans the last wave as if no copy ran beside it; units / splits forced */
extern int pa__sm90_tail_beside __attribute__((weak));
extern int pa__sm90_tail_force_units __attribute__((weak));
extern int pa__sm90_tail_force_splits __attribute__((weak));

/* Elements from the start of one page of p tokens to the next: the dense page, a paged pool's gap
 * of g_page_gap token strides (NHD: kv heads x head_dim elements, HND: head_dim), twice that with
 * --kv-pairs. (The contiguous cache, a page per sequence, is dense.) */
static int64_t page_stride(const inst *in, int p, int paged)
{
    int64_t st = (int64_t)p * in->Hk * in->d;
    if (!paged) return st;
    st += g_page_gap * (g_hnd ? (int64_t)in->d : (int64_t)in->Hk * in->d);
    return g_kv_pairs ? 2 * st : st;
}
/* pages of the current size the pool holds */
static int64_t pool_pages(const inst *in)
{
    return in->page ? in->pool_tokens * in->Hk * in->d / page_stride(in, in->page, 1) : in->pool_tokens / in->maxk;
}

/* page 0: the contiguous cache (page_table NULL, one page per sequence). */
static void inst_set_pages(inst *in, int page, int fragmented)
{
    in->page = page;
    if (page == 0) return;
    {
        int64_t num_pages = pool_pages(in), i;
        int pps = (in->maxk + page - 1) / page;
        int64_t need = (int64_t)in->B * pps;
        int32_t *perm;
        if (need > num_pages) die("pool too small for this page size");
        in->pps = pps;
        if (need > in->table_cap) {
            free(in->table_h); if (in->dtable) xfree(in->dtable);
            in->table_h = malloc(sizeof(int32_t) * need);
            in->dtable = xalloc(sizeof(int32_t) * need);
            in->table_cap = need;
        }
        perm = malloc(sizeof(int32_t) * num_pages);
        for (i = 0; i < num_pages; i++) perm[i] = (int32_t)i;
        if (fragmented) {
            /* g_frag_block > 0: pages shuffled only inside consecutive blocks of that many pages
             * (locality studies); 0: the whole pool */
            const int64_t blk = g_frag_block > 0 ? g_frag_block : num_pages;
            int64_t b0;
            for (b0 = 0; b0 < num_pages; b0 += blk) {
                const int64_t n = num_pages - b0 < blk ? num_pages - b0 : blk;
                for (i = n - 1; i > 0; i--) {
                    int64_t r = (int64_t)(rnd() % (unsigned long long)(i + 1));
                    int32_t x = perm[b0 + i]; perm[b0 + i] = perm[b0 + r]; perm[b0 + r] = x;
                }
            }
        }
        for (i = 0; i < need; i++) in->table_h[i] = perm[i];
        free(perm);
        to_dev(in->dtable, in->table_h, sizeof(int32_t) * need);
    }
}

static void inst_job(inst *in, job *j, pa_context *ctx, int causal)
{
    int64_t tok = (int64_t)in->Hk * in->d;
    memset(j, 0, sizeof *j);
    j->ctx = ctx;
    j->q = (pa_query){ in->t, in->B, in->H, in->d, in->dq, (int64_t)in->H * in->d, in->d, NULL, in->sq };
    j->kv.dtype = in->t; j->kv.num_kv_heads = in->Hk; j->kv.head_dim = in->d;
    j->kv.k = in->dk; j->kv.v = in->dv;
    j->kv.seq_lens = in->dseq_lens; j->kv.max_seq_len = in->maxk;
    if (in->page == 0) {
        j->kv.page_size = in->maxk;
        j->kv.page_table = NULL; j->kv.page_table_stride = 0;
    } else {
        j->kv.page_size = in->page;
        j->kv.page_table = in->dtable; j->kv.page_table_stride = in->pps;
    }
    j->kv.num_pages = (int32_t)pool_pages(in);
    j->kv.k_stride_token = j->kv.v_stride_token = g_hnd ? in->d : tok;
    j->kv.k_stride_head = j->kv.v_stride_head = g_hnd ? (int64_t)j->kv.page_size * in->d : in->d;
    j->kv.k_stride_page = j->kv.v_stride_page = page_stride(in, j->kv.page_size, in->page != 0);
    pa_attn_params_init(&j->p, in->d);
    j->p.causal = causal;
    j->o = (pa_output){ in->dout, (int64_t)in->H * in->d, in->d, NULL };
}

/* Element offset of logical key j of sequence b, kv head h, in the pool (K's and V's alike). */
static int64_t key_at(const inst *in, int b, int j, int h)
{
    const int p = in->page ? in->page : in->maxk, slot = j % p;
    const int64_t pg = in->page ? in->table_h[(int64_t)b * in->pps + j / in->page] : b;
    return pg * page_stride(in, p, in->page != 0)
           + (g_hnd ? ((int64_t)h * p + slot) * in->d : ((int64_t)slot * in->Hk + h) * in->d);
}

/* Largest relative error of CHECK_ROWS sampled (b, h, i) rows against a double reference. */
static double inst_check(inst *in, const job *j)
{
    size_t on = (size_t)in->B * in->sq * in->H * in->d;
    void *ho = malloc(on * in->esz);
    double worst = 0, *s = malloc(sizeof(double) * (in->maxk > 0 ? in->maxk : 1));
    double *acc = malloc(sizeof(double) * in->d);
    int r;
    to_host(ho, in->dout, on * in->esz);
    for (r = 0; r < CHECK_ROWS; r++) {
        int b = (int)(rnd() % in->B), h = (int)(rnd() % in->H), i = (int)(rnd() % in->sq);
        int kh = h / (in->H / in->Hk), sk = in->seq_lens_h[b], jj, dd, hi = sk - 1;
        int64_t qrow = ((int64_t)b * in->sq + i) * in->H + h;
        double m = -INFINITY, l = 0, num = 0, den = 0;
        if (j->p.causal) hi = i + sk - in->sq < hi ? i + sk - in->sq : hi;
        for (dd = 0; dd < in->d; dd++) acc[dd] = 0;
        for (jj = 0; jj <= hi; jj++) {
            int64_t kr = key_at(in, b, jj, kh);
            double x = 0;
            for (dd = 0; dd < in->d; dd++)
                x += (double)pa__load(in->t, in->hq, qrow * in->d + dd) * pa__load(in->t, in->hk, kr + dd);
            s[jj] = x * j->p.softmax_scale;
            if (s[jj] > m) m = s[jj];
        }
        for (jj = 0; jj <= hi; jj++) {
            int64_t vr = key_at(in, b, jj, kh);
            double w = exp(s[jj] - m);
            l += w;
            for (dd = 0; dd < in->d; dd++) acc[dd] += w * pa__load(in->t, in->hv, vr + dd);
        }
        for (dd = 0; dd < in->d; dd++) {
            double ref = hi >= 0 ? acc[dd] / l : 0.0;
            double got = pa__load(in->t, ho, qrow * in->d + dd);
            if (got != got) { num = INFINITY; break; }
            num += (got - ref) * (got - ref); den += ref * ref;
        }
        {
            double e = den > 0 ? sqrt(num / den) : sqrt(num);
            if (!(e <= worst)) worst = e;   /* NaN-safe */
        }
    }
    free(ho); free(s); free(acc);
    return worst;
}

/* ---- output ------------------------------------------------------------------------------- */
static void print_header(const opts *o)
{
    if (o->csv)
        printf("kind,backend,dtype,d,batch,heads,kv_heads,sq,sk,causal,table,page,ms,tflops,gbps,overhead_pct,check_err,pct_of_copy\n");
    else
        printf("%-7s %4s %3s %4s %3s %6s %6s %6s %-6s %5s %9s %8s %8s %9s %8s %6s\n", "kind", "d", "B",
               "H", "Hk", "sq", "sk", "causal", "table", "page", "ms", "TFLOPS", "GB/s",
               "overhead", "err", "%copy");
}

static void print_row(const opts *o, const char *kind, const inst *in, int causal, const char *table,
                      int page, double ms, double flops, double bytes, double base_ms, double err)
{
    double tf = ms > 0 ? flops / ms / 1e9 : 0, gb = ms > 0 ? bytes / ms / 1e6 : 0;
    double ov = base_ms > 0 && ms > 0 ? (ms / base_ms - 1) * 100 : 0;
    const char *dt = in->t == PA_DTYPE_BF16 ? "bf16" : in->t == PA_DTYPE_F16 ? "f16" : "f32";
    double pc = g_copy_gbps > 0 && !strcmp(kind, "decode") ? gb / g_copy_gbps * 100 : 0;
    if (o->csv)
        printf("%s,%s,%s,%d,%d,%d,%d,%d,%d,%d,%s,%d,%.4f,%.2f,%.1f,%.2f,%.2e,%.1f\n", kind,
               g_gpu ? "cuda" : "cpu", dt, in->d, in->B, in->H, in->Hk, in->sq, in->maxk, causal,
               table, page, ms, tf, gb, ov, err, pc);
    else {
        char pg[16];
        if (page) snprintf(pg, sizeof pg, "%d", page); else snprintf(pg, sizeof pg, "-");
        char pcs[16] = "-";
        if (pc > 0) snprintf(pcs, sizeof pcs, "%.1f%%", pc);
        printf("%-7s %4d %3d %4d %3d %6d %6d %6d %-6s %5s %9.3f %8.*f %8.0f %8.1f%% %8.1e %6s%s\n",
               kind, in->d, in->B, in->H, in->Hk, in->sq, in->maxk, causal, table, pg, ms,
               tf < 10 ? 3 : 1, tf,
               gb, ov, err, pcs, err > 2e-2 || err != err ? "  CHECK FAILED" : "");
    }
    fflush(stdout);
}

static double attn_flops(const inst *in, int causal)
{
    double f = 0;
    int b;
    for (b = 0; b < in->B; b++) {
        double sk = in->seq_lens_h[b], sq = in->sq;
        double avg = causal ? ((sk - sq > 0 ? sk - sq : 0) + sk) / 2 : sk;
        f += 4.0 * in->H * sq * avg * in->d;
    }
    return f;
}

static double kv_bytes(const inst *in)
{
    double t = 0;
    int b;
    for (b = 0; b < in->B; b++) t += in->seq_lens_h[b];
    return t * in->Hk * in->d * in->esz * 2;
}

static int g_failed;

#ifdef PA_HAVE_CUDA
/* ce_start: the batch on the side stream once the work queued on st (the flush) is done;
 * ce_finish (after the timed call): wait for it and keep its time */
static cudaEvent_t g_ce_e0, g_ce_c0, g_ce_c1;
static void ce_start(cudaStream_t st)
{
    struct cudaMemcpyAttributes at;
    size_t idx = 0;
    memset(&at, 0, sizeof at);
    at.srcAccessOrder = cudaMemcpySrcAccessOrderStream;
    at.flags = cudaMemcpyFlagPreferOverlapWithCompute;
    at.srcLocHint.type = at.dstLocHint.type = cudaMemLocationTypeDevice;
    if (!g_ce_stream) {
        cudaStreamCreateWithFlags(&g_ce_stream, cudaStreamNonBlocking);
        cudaEventCreate(&g_ce_e0); cudaEventCreate(&g_ce_c0); cudaEventCreate(&g_ce_c1);
    }
    cudaEventRecord(g_ce_e0, st);
    cudaStreamWaitEvent(g_ce_stream, g_ce_e0, 0);
    cudaEventRecord(g_ce_c0, g_ce_stream);
    if (cudaMemcpyBatchAsync(g_ce_dst, g_ce_src, g_ce_size, g_ce_n, &at, &idx, 1, g_ce_stream) != cudaSuccess)
        die("cudaMemcpyBatchAsync failed");
    cudaEventRecord(g_ce_c1, g_ce_stream);
}
static void ce_finish(void)
{
    float ms = 0;
    cudaEventSynchronize(g_ce_c1);
    cudaEventElapsedTime(&ms, g_ce_c0, g_ce_c1);
    if (g_ce_cnt < 2048) g_ce_ms[g_ce_cnt++] = ms;
}
/* the batch of the paged row in: every live page of K and V, sequence by sequence, into the
 * scratch buffer as a contiguous NHD cache (dense NHD pools only) */
static void ce_build(const inst *in, const job *j)
{
    const int64_t tok = (int64_t)in->Hk * in->d, pbytes = (int64_t)in->page * tok * (int64_t)in->esz;
    const size_t need = (size_t)2 * in->B * in->pps * pbytes;
    size_t n = 0;
    int b, i, t;
    g_ce_n = 0;
    if (!g_ce || g_hnd || j->kv.k_stride_page != (int64_t)in->page * tok) return;
    if (need > g_ce_cap) {
        if (g_ce_buf) cudaFree(g_ce_buf);
        if (cudaMalloc(&g_ce_buf, need) != cudaSuccess) die("out of device memory (--ce-copy)");
        g_ce_cap = need;
    }
    free(g_ce_dst); free(g_ce_src); free(g_ce_size);
    g_ce_dst = malloc(sizeof(void *) * 2 * in->B * in->pps);
    g_ce_src = malloc(sizeof(void *) * 2 * in->B * in->pps);
    g_ce_size = malloc(sizeof(size_t) * 2 * in->B * in->pps);
    for (t = 0; t < 2; t++)
        for (b = 0; b < in->B; b++) {
            const int np = (in->seq_lens_h[b] + in->page - 1) / in->page;
            for (i = 0; i < np; i++) {
                const int64_t pg = in->table_h[(int64_t)b * in->pps + i];
                g_ce_src[n] = (const char *)(t ? in->dv : in->dk) + pg * pbytes;
                g_ce_dst[n] = (char *)g_ce_buf + ((int64_t)(t * in->B + b) * in->pps + i) * pbytes;
                g_ce_size[n] = (size_t)pbytes;
                n++;
            }
        }
    g_ce_n = n;
    g_ce_cnt = 0;
}
#endif

/* One row: set pages, check, time. Returns the median ms (or -1). */
static double bench_row(const opts *o, pa_context *ctx, inst *in, const char *kind, int causal,
                        int page, int frag, double base_ms)
{
    job j;
    double ms, err = 0;
    inst_set_pages(in, page, frag);
    if (g_dump_tables && page > 0 && frag) {
        char name[1024];
        FILE *f;
        snprintf(name, sizeof name, "%s_d%d_c%d_p%d.txt", g_dump_tables, in->d, causal, page);
        if ((f = fopen(name, "w")) != NULL) {
            int64_t i, n = (int64_t)in->B * in->pps;
            fprintf(f, "# pa-bench table: batch %d, %d pages per sequence, page %d, pool %lld tokens\n",
                    in->B, in->pps, page, (long long)in->pool_tokens);
            for (i = 0; i < n; i++) fprintf(f, "%d%c", (int)in->table_h[i], (i + 1) % in->pps ? ' ' : '\n');
            fclose(f);
        }
    }
    inst_job(in, &j, ctx, causal);
    j.p.num_splits = o->splits;
    if (o->check) {
        if (job_ws(&j)) { g_failed++; return -1; }
        j.ws = g_ws; j.ws_bytes = g_ws_cap;
        if (run_once(&j) != PA_OK) {
            printf("%-7s d=%d page=%d %s: %s\n", kind, in->d, page, frag ? "frag" : "contig",
                   pa_context_last_error(ctx));
            g_failed++;
            return -1;
        }
        err = inst_check(in, &j);
        if (!(err <= 2e-2)) g_failed++;
    }
    if (page == 0 || !o->paired) {
        if (time_jobs(&j, 1, o, &ms)) ms = -1;
    } else {
        /* paged and contiguous interleaved: the overhead is against this row's own baseline */
        job js[2];
        double m2[2];
        const int saved = in->page;
        js[0] = j;
        in->page = 0;
        inst_job(in, &js[1], ctx, causal);
        in->page = saved;
        js[1].p.num_splits = o->splits;
#ifdef PA_HAVE_CUDA
        if (g_ce && g_gpu) ce_build(in, &js[0]);
#endif
        if (time_jobs(js, 2, o, m2)) ms = -1;
        else { ms = m2[0]; base_ms = m2[1]; }
#ifdef PA_HAVE_CUDA
        if (g_ce && g_ce_n && g_ce_cnt > 0) {   /* (--ce-copy: the side copies' median, and their size) */
            qsort(g_ce_ms, (size_t)g_ce_cnt, sizeof g_ce_ms[0], cmp_double);
            fprintf(stderr, "pa-bench: page %d: %zu page copies of %.1f MB beside each call, median %.3f ms\n", page, g_ce_n,
                    (double)g_ce_n * g_ce_size[0] / 1e6, g_ce_ms[g_ce_cnt / 2]);
        }
#endif
        g_ce_n = 0;
    }
    print_row(o, kind, in, causal, page == 0 ? "none" : frag ? "frag" : "contig", page, ms,
              attn_flops(in, causal), kv_bytes(in), base_ms, err);
    return ms;
}

static void bench_shape(const opts *o, pa_context *ctx, const char *kind, int B, int H, int Hk,
                        int d, int sq, int maxk, const int32_t *lens, int causal)
{
    inst in;
    int pi, f;
    double base;
    inst_init(&in, B, H, Hk, d, sq, maxk, lens, o->dtype);
    base = bench_row(o, ctx, &in, kind, causal, 0, 0, 0);
    for (pi = 0; pi < o->npages; pi++)
        for (f = 0; f < 2; f++) {
            if ((o->table_mode == 0 && f) || (o->table_mode == 1 && !f)) continue;
            if (o->pages[pi] > maxk) continue;
            bench_row(o, ctx, &in, kind, causal, o->pages[pi], f, base);
        }
    inst_free(&in);
}

/* ---- command line ------------------------------------------------------------------------- */
/* a comma list into out[MAX_LIST]; -1 when it has more entries */
static int parse_list(const char *s, int *out)
{
    int n = 0;
    while (*s) {
        if (n == MAX_LIST) return -1;
        out[n++] = atoi(s);
        while (*s && *s != ',') s++;
        if (*s == ',') s++;
    }
    return n;
}

static void usage(void)
{
    printf("usage: pa-bench [options]\n"
           "  --backend cpu|cuda     default: cuda when a device is present, else cpu\n"
           "  --batch N --heads N --kv-heads N --seqlen N (sq = sk) --sq N --sk N\n"
           "  --dims 64,128,256      head dims\n"
           "  --pages 1,3,4,...      page sizes (the contiguous baseline always runs)\n"
           "  --causal 0|1|both      --table contig|frag|both\n"
           "  --frag-block N         fragmented tables shuffle pages only inside blocks of N pages\n"
           "  --dump-tables PREFIX   write each fragmented table to PREFIX_dD_cC_pP.txt\n"
           "  --page-gap G           G token strides between pages in the pool (the pool grows to hold 3x\n"
           "                         the live pages at the smallest page)\n"
           "  --kv-pairs             page stride twice the page: one tensor of K and V pages in turn\n"
           "  --layout nhd|hnd       pages [slot][kv head][dim] (default) or [kv head][slot][dim]\n"
           "  --force-gather         sm90: the cp.async gather for every paged call (measurement)\n"
           "  --kv-copy-limit BYTES  pa_context_set_kv_copy_limit (0: sm90 never copies a paged cache)\n"
           "  --force-copy           sm90: copy every paged call's cache first, within the limit (measurement)\n"
           "  --copy-ctas N          sm90: a copy runs beside the attention on N blocks (-1: never, 0: the estimate)\n"
           "  --copy-split 0|1       sm90: a copy over the --kv-copy-limit runs as calls over groups of kv heads (M117, default 1)\n"
           "  --straddle 1|2         sm90 d256, pages 9+ not multiples of 8: copy only the 8-key groups across a page\n"
           "                         boundary, read the rest in place (1, M107); non-causal: copy only each page's rows\n"
           "                         past its 8-row groups, read the groups in place (2, M108) (measurement, default off)\n"
           "  --ft 1                 sm90 (SM90_FT builds): page runs read through the copy on first read (M109)\n"
           "  --ce-copy 1            beside each timed paged-row call, the copy engines copy the row's pages (measurement)\n"
           "  --copy-nowait 0|1      sm90: the attention beside a copy waits for no counter (measurement only: wrong\n"
           "                         results unless the workspace already holds the copy; use with --no-check)\n"
           "  --tail-beside 0|1|2    sm90: 0 plans the last wave as if no copy ran beside the attention (M39 alone), 2 for the copy at every head_dim\n"
           "  --tail-units N --tail-splits S  sm90: beside a copy, split N last-wave units S ways\n"
           "  --dtype bf16|f16|f32   --kernel auto|cpu|sm80|sm90|decode\n"
           "  --iters N --warmup N   --threads N (CPU)   --seed N\n"
           "  --paired 0|1           paged rows timed interleaved with the contiguous baseline (1)\n"
           "  --flush 0|1            an L2 flush before each timed call (GPU; default 1)\n"
           "  --prefill-only | --decode-only   --no-check   --csv\n"
           "  --splits N (num_splits, 0 = auto)   --decode-batch B (decode shapes of batch B only)\n");
}

int main(int argc, char **argv)
{
    opts o;
    pa_context *ctx = NULL;
    int i, c, have_sq = 0, have_dims = 0, have_pages = 0, have_shape = 0;
    memset(&o, 0, sizeof o);
    o.backend = -1; o.batch = 4; o.heads = 16; o.kv_heads = 0; o.sq = o.sk = 8192;
    o.causal_mode = 2; o.table_mode = 2; o.iters = 20; o.warmup = 3; o.paired = 1; o.prefill = o.decode = 1;
    o.check = 1; o.dtype = PA_DTYPE_BF16; o.seed = 1;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : "";
#define ARG(name) (!strcmp(a, name) && (i++, 1))
        if (ARG("--backend")) o.backend = !strcmp(v, "cuda") ? 1 : 0;
        else if (ARG("--batch")) { o.batch = atoi(v); have_shape = 1; }
        else if (ARG("--heads")) { o.heads = atoi(v); have_shape = 1; }
        else if (ARG("--kv-heads")) o.kv_heads = atoi(v);
        else if (ARG("--seqlen")) { o.sq = o.sk = atoi(v); have_sq = 1; }
        else if (ARG("--sq")) { o.sq = atoi(v); have_sq = 1; }
        else if (ARG("--sk")) { o.sk = atoi(v); have_sq = 1; }
        else if (ARG("--dims") || ARG("--pages")) {
            const int dims = !strcmp(a, "--dims"), n = parse_list(v, dims ? o.dims : o.pages);
            if (n < 0) { fprintf(stderr, "pa-bench: %s: more than %d entries\n", a, MAX_LIST); return 2; }
            if (dims) { o.ndims = n; have_dims = 1; } else { o.npages = n; have_pages = 1; }
        }
        else if (ARG("--causal")) o.causal_mode = !strcmp(v, "both") ? 2 : atoi(v);
        else if (ARG("--frag-block")) g_frag_block = atoll(v);
        else if (ARG("--dump-tables")) g_dump_tables = v;
        else if (ARG("--flush")) g_flush_on = atoi(v);
        else if (ARG("--page-gap")) {
            if ((g_page_gap = atoll(v)) < 0) { fprintf(stderr, "pa-bench: --page-gap %s: must be >= 0\n", v); return 2; }
        }
        else if (!strcmp(a, "--kv-pairs")) g_kv_pairs = 1;
        else if (ARG("--layout")) {
            if (strcmp(v, "nhd") && strcmp(v, "hnd")) { fprintf(stderr, "pa-bench: --layout %s: nhd or hnd\n", v); return 2; }
            g_hnd = !strcmp(v, "hnd");
        }
        else if (!strcmp(a, "--force-gather")) { if (&pa__sm90_force_gather) pa__sm90_force_gather = 1; }
        else if (!strcmp(a, "--force-copy")) { if (&pa__sm90_copy_mode) pa__sm90_copy_mode = 1; }
        else if (ARG("--copy-ctas")) { if (&pa__sm90_copy_ctas) pa__sm90_copy_ctas = atoi(v); }
        else if (ARG("--copy-split")) { if (&pa__sm90_copy_split) pa__sm90_copy_split = atoi(v); }
        else if (ARG("--straddle")) { if (&pa__sm90_straddle_mode) pa__sm90_straddle_mode = atoi(v); }
        else if (ARG("--ce-copy")) g_ce = atoi(v);
        else if (ARG("--ft-warm")) g_ft_warm = atoi(v);
        else if (ARG("--ft")) { if (&pa__sm90_ft) pa__sm90_ft = atoi(v); }
        else if (ARG("--copy-nowait")) { if (&pa__sm90_copy_nowait) pa__sm90_copy_nowait = atoi(v); }
        else if (ARG("--tail-beside")) { if (&pa__sm90_tail_beside) pa__sm90_tail_beside = atoi(v); }
        else if (ARG("--tail-units")) { if (&pa__sm90_tail_force_units) pa__sm90_tail_force_units = atoi(v); }
        else if (ARG("--tail-splits")) { if (&pa__sm90_tail_force_splits) pa__sm90_tail_force_splits = atoi(v); }
        else if (ARG("--kv-copy-limit")) { o.copy_limit = strtoull(v, NULL, 10); o.have_copy_limit = 1; }
        else if (ARG("--table")) o.table_mode = !strcmp(v, "contig") ? 0 : !strcmp(v, "frag") ? 1 : 2;
        else if (ARG("--dtype")) o.dtype = !strcmp(v, "f16") ? PA_DTYPE_F16 : !strcmp(v, "f32") ? PA_DTYPE_F32 : PA_DTYPE_BF16;
        else if (ARG("--kernel")) o.kernel = !strcmp(v, "cpu") ? PA__KERNEL_CPU : !strcmp(v, "sm80") ? PA__KERNEL_SM80_PREFILL
                                          : !strcmp(v, "sm90") ? PA__KERNEL_SM90_PREFILL : !strcmp(v, "decode") ? PA__KERNEL_DECODE : PA__KERNEL_AUTO;
        else if (ARG("--iters")) o.iters = atoi(v);
        else if (ARG("--splits")) o.splits = atoi(v);
        else if (ARG("--decode-batch")) o.decode_batch = atoi(v);
        else if (ARG("--warmup")) o.warmup = atoi(v);
        else if (ARG("--paired")) o.paired = atoi(v);
        else if (ARG("--threads")) o.threads = atoi(v);
        else if (ARG("--seed")) o.seed = strtoull(v, NULL, 10);
        else if (!strcmp(a, "--prefill-only")) o.decode = 0;
        else if (!strcmp(a, "--decode-only")) o.prefill = 0;
        else if (!strcmp(a, "--no-check")) o.check = 0;
        else if (!strcmp(a, "--csv")) o.csv = 1;
        else if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage(); return 0; }
        else { fprintf(stderr, "pa-bench: unknown option %s\n", a); usage(); return 2; }
#undef ARG
    }
    g_rng ^= o.seed * 0x9E3779B97F4A7C15ull;
    if (o.backend != 0) {
        pa_status s = pa_context_create(&ctx, PA_BACKEND_CUDA, 0);
        if (s == PA_OK) {
            g_gpu = 1;
            if (o.have_copy_limit) pa_context_set_kv_copy_limit(ctx, (size_t)o.copy_limit);
        } else {
            if (o.backend == 1) { fprintf(stderr, "pa-bench: no CUDA backend: %s\n", ctx ? pa_context_last_error(ctx) : ""); return 1; }
            fprintf(stderr, "# no CUDA device (%s): running the CPU backend on a small shape\n",
                    ctx ? pa_context_last_error(ctx) : "no context");
            pa_context_destroy(ctx); ctx = NULL;
        }
    }
    if (!g_gpu) {
        if (pa_context_create(&ctx, PA_BACKEND_CPU, 0) != PA_OK) die("cannot create a CPU context");
        if (o.threads) pa_context_set_num_threads(ctx, o.threads);
        if (!have_shape) { o.batch = 2; o.heads = 4; }
        if (!have_sq) o.sq = o.sk = 512;
        if (!have_dims) { o.dims[0] = 64; o.ndims = 1; }
        if (!have_pages) o.npages = parse_list("1,3,16,64,100", o.pages);
        if (o.iters == 20) o.iters = 5;
        fprintf(stderr, "# CPU backend, small default shape (the seed's full shape needs a GPU)\n");
    } else {
        if (!have_dims) o.ndims = parse_list("128", o.dims);
        if (!have_pages) o.npages = parse_list("1,3,4,8,16,32,48,64,100,128,256", o.pages);
        g_flush_bytes = (size_t)256 << 20;
        g_flush = xalloc(g_flush_bytes);
#ifdef PA_HAVE_CUDA
        cudaMemset(g_flush, 0, g_flush_bytes);
#endif
    }
    if (g_page_gap > 0 || g_kv_pairs) {   /* pages of p tokens (p + gap) x (1 or 2) token strides apart (at most), at the smallest p */
        int minp = 0;
        for (i = 0; i < o.npages; i++)
            if (o.pages[i] > 0 && (!minp || o.pages[i] < minp)) minp = o.pages[i];
        if (minp) g_pool_scale = ((minp + g_page_gap) * (g_kv_pairs ? 2 : 1) + minp - 1) / minp;
    }
    if (o.kernel) pa__context_force_kernel(ctx, o.kernel);
    print_header(&o);
    if (o.prefill)
        for (i = 0; i < o.ndims; i++) {
            int d = o.dims[i], H = o.heads, Hk = o.kv_heads ? o.kv_heads : H;
            int32_t *lens = malloc(sizeof(int32_t) * o.batch);
            for (c = 0; c < o.batch; c++) lens[c] = o.sk;
            if (d == 64 && !have_shape && g_gpu) {   /* the seed table: 32 heads at d=64 */
                H = 32;
                Hk = o.kv_heads ? o.kv_heads : H;   /* (--kv-heads was ignored here before session 44) */
            }
            for (c = 0; c < 2; c++) {
                if (o.causal_mode != 2 && o.causal_mode != c) continue;
                bench_shape(&o, ctx, "prefill", o.batch, H, Hk, d, o.sq, o.sk, lens, c);
            }
            free(lens);
        }
    if (o.decode) {
        /* TARGETS.md decode shapes: GQA 32/8, d 128; on the CPU a small stand-in. */
        struct { int B, sq, sk, causal, lo; } shp_gpu[] = {
            { 4, 1, 65536, 0, 0 }, { 64, 1, 8192, 0, 0 }, { 128, 1, 4096, 0, 512 },
            { 1, 1, 131072, 0, 0 }, { 64, 4, 8192, 1, 0 },
        }, shp_cpu[] = { { 2, 1, 4096, 0, 0 }, { 4, 4, 1024, 1, 0 } };
        int ns = g_gpu ? 5 : 2, s;
#ifdef PA_HAVE_CUDA
        if (g_gpu) { /* device copy bandwidth, read + write, measured here */
            size_t n = (size_t)1 << 30;
            void *a = xalloc(n), *b = xalloc(n);
            cudaEvent_t e0, e1;
            float ms = 0, best = 1e30f;
            cudaEventCreate(&e0); cudaEventCreate(&e1);
            for (c = 0; c < 10; c++) {
                cudaEventRecord(e0, NULL);
                cudaMemcpyAsync(b, a, n, cudaMemcpyDeviceToDevice, NULL);
                cudaEventRecord(e1, NULL); cudaEventSynchronize(e1);
                cudaEventElapsedTime(&ms, e0, e1);
                if (c >= 2 && ms < best) best = ms;
            }
            g_copy_gbps = 2.0 * n / best / 1e6;
            xfree(a); xfree(b); cudaEventDestroy(e0); cudaEventDestroy(e1);
            if (o.csv) printf("copy,cuda,,,,,,,,,,,%.4f,,%.1f,,,\n", best, g_copy_gbps);
            else printf("# device copy bandwidth (read + write): %.0f GB/s\n", g_copy_gbps);
        }
#endif
        for (s = 0; s < ns; s++) {
            int B = g_gpu ? shp_gpu[s].B : shp_cpu[s].B, sq = g_gpu ? shp_gpu[s].sq : shp_cpu[s].sq;
            int sk = g_gpu ? shp_gpu[s].sk : shp_cpu[s].sk, causal = g_gpu ? shp_gpu[s].causal : shp_cpu[s].causal;
            int lo = g_gpu ? shp_gpu[s].lo : shp_cpu[s].lo;
            int32_t *lens;
            if (o.decode_batch && B != o.decode_batch) continue;
            lens = malloc(sizeof(int32_t) * B);
            for (c = 0; c < B; c++) lens[c] = lo ? lo + (int)(rnd() % (unsigned)(sk - lo + 1)) : sk;
            bench_shape(&o, ctx, "decode", B, 32, 8, 128, sq, sk, lens, causal);
            free(lens);
        }
    }
    if (g_failed) fprintf(stderr, "pa-bench: %d rows failed their check\n", g_failed);
    if (&pa__sm90_straddle_calls && pa__sm90_straddle_calls > 0)   /* (M107 / M108 forced: how many calls took it) */
        fprintf(stderr, "pa-bench: %ld calls took the straddle-only copy (sm90, mode %d)\n", pa__sm90_straddle_calls, pa__sm90_straddle_mode);
    if (&pa__sm90_ft_calls && pa__sm90_ft_calls > 0)   /* (M109 forced: how many calls took it) */
        fprintf(stderr, "pa-bench: %ld calls took the copy on first read (sm90)\n", pa__sm90_ft_calls);
    pa_context_destroy(ctx);
    return g_failed ? 1 : 0;
}
