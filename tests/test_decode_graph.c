/*
 * The decode step inside a CUDA graph: pa_attention is captured on a stream, the graph is
 * replayed, then the page tables, seq_lens (and cu_seqlens) are changed in place with the same
 * shapes and maxima and the graph is replayed again; each replay is compared against a double
 * reference on the host. Also: num_splits 1, 2, 7 and 0 give correct results, repeats and
 * replays are bit-identical. Each step is pa_kv_append (the newest key of every sequence, plus
 * two tokens that must be skipped) followed by pa_attention, both inside the graph.
 * Self-contained (own reference); without a GPU it skips.
 * Reproduce one failure: every message names the config, split count and round.
 */
#include "pagedattn.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int g_pass, g_fail;

#ifdef PA_HAVE_CUDA
#include <cuda_runtime_api.h>

#define CK(x) do { cudaError_t e_ = (x); if (e_ != cudaSuccess) { \
    printf("FAIL: %s: %s (line %d)\n", #x, cudaGetErrorString(e_), __LINE__); g_fail++; return; } } while (0)

static uint64_t g_rng = 88172645463325252ull;
static uint32_t rnd(void) { g_rng ^= g_rng << 13; g_rng ^= g_rng >> 7; g_rng ^= g_rng << 17; return (uint32_t)(g_rng >> 11); }
static float urand(void) { return (float)(rnd() & 0xffffff) / 16777216.f * 2.f - 1.f; }
static float bf2f(uint16_t h) { union { uint32_t u; float f; } x; x.u = (uint32_t)h << 16; return x.f; }
static uint16_t f2bf(float f)
{
    union { uint32_t u; float f; } x; x.f = f;
    if ((x.u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((x.u >> 16) | 0x40);
    return (uint16_t)((x.u + 0x7fffu + ((x.u >> 16) & 1u)) >> 16);
}

/* One decode configuration: bf16, NHD cache with padded head stride. */
typedef struct cfg {
    const char *name;
    int batch, heads, kv_heads, d, sq, page_size, max_len, causal, varlen, window_left;
} cfg;

typedef struct state {
    const cfg *c;
    int pages_per_seq, num_pages, tstride, total_q;
    int64_t k_sh, k_st, k_sp;
    uint16_t *hk, *hv, *hq;                  /* host copies */
    int32_t *htab, *hlens, *hcu;
    void *dk, *dv, *dq, *dout, *dws;
    int32_t *dtab, *dlens, *dcu;
    float *dlse;
    size_t ws_bytes;
    /* the step's new tokens: the last key of each sequence arrives through pa_kv_append */
    int ntok;
    uint16_t *hknew, *hvnew;
    int64_t *hslot;
    void *dknew, *dvnew;
    int64_t *dslot;
} state;

/* New lengths, table and (varlen) query rows: same maxima, drawn afresh. Slots past the end and
 * unused pages hold NaN, so a stray read shows. */
static void draw_tables(state *s)
{
    const cfg *c = s->c;
    int b, i, j, h, x;
    int32_t *perm = (int32_t *)malloc(sizeof(int32_t) * s->num_pages);
    for (i = 0; i < s->num_pages; i++) perm[i] = i;
    for (i = s->num_pages - 1; i > 0; i--) { j = (int)(rnd() % (uint32_t)(i + 1)); int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
    s->hcu[0] = 0;
    for (b = 0; b < c->batch; b++) {
        s->hlens[b] = b == 0 ? c->max_len : (int)(rnd() % (uint32_t)(c->max_len + 1));
        int q = c->varlen ? (int)(rnd() % (uint32_t)(c->sq + 1)) : c->sq;
        if (c->varlen && b == 0) q = c->sq;
        s->hcu[b + 1] = s->hcu[b] + q;
        for (i = 0; i < s->tstride; i++) s->htab[b * s->tstride + i] = i < s->pages_per_seq ? perm[b * s->pages_per_seq + i] : -1;
    }
    /* fresh K/V values everywhere, NaN where nothing may be read */
    size_t n = (size_t)s->k_sp * s->num_pages, e;
    for (e = 0; e < n; e++) { s->hk[e] = 0x7fc0; s->hv[e] = 0x7fc0; }
    for (b = 0; b < c->batch; b++)
        for (j = 0; j < s->hlens[b]; j++) {
            int page = s->htab[b * s->tstride + j / c->page_size], slot = j % c->page_size;
            for (h = 0; h < c->kv_heads; h++)
                for (x = 0; x < c->d; x++) {
                    size_t o = (size_t)page * s->k_sp + (size_t)slot * s->k_st + (size_t)h * s->k_sh + x;
                    s->hk[o] = f2bf(urand()); s->hv[o] = f2bf(urand());
                }
        }
    free(perm);
}

static void reference(const state *s, double *out, double *lse)
{
    const cfg *c = s->c;
    int group = c->heads / c->kv_heads, b, qi, h, j, x;
    double scale = 1.0 / sqrt((double)c->d);
    double *sc = (double *)malloc(sizeof(double) * (c->max_len + 1));
    for (b = 0; b < c->batch; b++) {
        int sq = s->hcu[b + 1] - s->hcu[b], len = s->hlens[b];
        for (qi = 0; qi < sq; qi++)
            for (h = 0; h < c->heads; h++) {
                int tok = s->hcu[b] + qi, kh = h / group;
                double mx = -INFINITY, sum = 0;
                double *o = out + ((size_t)tok * c->heads + h) * c->d;
                for (x = 0; x < c->d; x++) o[x] = 0;
                for (j = 0; j < len; j++) {
                    sc[j] = -INFINITY;
                    if (c->causal && j > qi + len - sq) continue;
                    if (c->window_left >= 0 && j < qi + len - sq - c->window_left) continue;
                    int page = s->htab[b * s->tstride + j / c->page_size], slot = j % c->page_size;
                    const uint16_t *kr = s->hk + (size_t)page * s->k_sp + (size_t)slot * s->k_st + (size_t)kh * s->k_sh;
                    const uint16_t *qr = s->hq + ((size_t)tok * c->heads + h) * c->d;
                    double acc = 0;
                    for (x = 0; x < c->d; x++) acc += (double)bf2f(qr[x]) * bf2f(kr[x]);
                    sc[j] = acc * scale;
                    if (sc[j] > mx) mx = sc[j];
                }
                lse[(size_t)tok * c->heads + h] = -INFINITY;
                if (mx == -INFINITY) continue;
                for (j = 0; j < len; j++) if (sc[j] != -INFINITY) sum += exp(sc[j] - mx);
                for (j = 0; j < len; j++) {
                    if (sc[j] == -INFINITY) continue;
                    double p = exp(sc[j] - mx) / sum;
                    int page = s->htab[b * s->tstride + j / c->page_size], slot = j % c->page_size;
                    const uint16_t *vr = s->hv + (size_t)page * s->k_sp + (size_t)slot * s->k_st + (size_t)kh * s->k_sh;
                    for (x = 0; x < c->d; x++) o[x] += p * bf2f(vr[x]);
                }
                lse[(size_t)tok * c->heads + h] = mx + log(sum);
            }
    }
    free(sc);
}

/* Compares the device output with the reference; a = previous output for the bit-identity check. */
static int check(const state *s, const char *what, uint16_t *got, float *glse, const uint16_t *prev,
                 const float *prevlse)
{
    const cfg *c = s->c;
    size_t no = (size_t)s->total_q * c->heads * c->d, nl = (size_t)s->total_q * c->heads, i;
    double *ro = (double *)malloc(sizeof(double) * no), *rl = (double *)malloc(sizeof(double) * nl);
    int bad = 0;
    if (cudaMemcpy(got, s->dout, no * 2, cudaMemcpyDeviceToHost) != cudaSuccess
        || cudaMemcpy(glse, s->dlse, nl * 4, cudaMemcpyDeviceToHost) != cudaSuccess) {
        printf("FAIL %s %s: copy back failed\n", c->name, what); free(ro); free(rl); return 1;
    }
    reference(s, ro, rl);
    int rows = s->hcu[c->batch];
    double maxe = 0;
    for (i = 0; i < (size_t)rows * c->heads * c->d; i++) {
        double e = fabs((double)bf2f(got[i]) - ro[i]);
        if (!(e <= 1.5e-2)) { if (bad++ < 3) printf("FAIL %s %s: out[%zu] = %g, reference %g\n", c->name, what, i, bf2f(got[i]), ro[i]); }
        else if (e > maxe) maxe = e;
        if (prev && got[i] != prev[i]) { if (bad++ < 3) printf("FAIL %s %s: out[%zu] not bit-identical\n", c->name, what, i); }
    }
    for (i = 0; i < (size_t)rows * c->heads; i++) {
        double r = rl[i], g = glse[i];
        int ok = isinf(r) ? (isinf(g) && g < 0) : fabs(g - r) <= 2e-3 * (fabs(r) > 1 ? fabs(r) : 1);
        if (!ok) { if (bad++ < 3) printf("FAIL %s %s: lse[%zu] = %g, reference %g\n", c->name, what, i, g, r); }
        if (prevlse && memcmp(&glse[i], &prevlse[i], 4)) { if (bad++ < 3) printf("FAIL %s %s: lse[%zu] not bit-identical\n", c->name, what, i); }
    }
    if (bad) g_fail++; else { g_pass++; printf("ok   %s %s (max error %.1e)\n", c->name, what, maxe); }
    free(ro); free(rl);
    return bad;
}

/* The last key of each sequence is the step's new token: taken out of the host cache copy into
 * k_new/v_new, NaN in its device slot until pa_kv_append writes it. Two extra tokens test the
 * skips: slot -1 and a slot at num_pages*page_size (both must leave the cache untouched). */
static int upload_new_tokens(state *s)
{
    const cfg *c = s->c;
    size_t row = (size_t)c->kv_heads * c->d;
    int b, h, x, t = 0;
    uint16_t *nanrow = (uint16_t *)malloc(c->d * 2);
    for (x = 0; x < c->d; x++) nanrow[x] = 0x7fc0;
    for (b = 0; b < c->batch; b++) {
        int j = s->hlens[b] - 1;
        if (j < 0) continue;
        int page = s->htab[b * s->tstride + j / c->page_size], slot = j % c->page_size;
        s->hslot[t] = (int64_t)page * c->page_size + slot;
        for (h = 0; h < c->kv_heads; h++) {
            size_t o = (size_t)page * s->k_sp + (size_t)slot * s->k_st + (size_t)h * s->k_sh;
            memcpy(s->hknew + t * row + (size_t)h * c->d, s->hk + o, c->d * 2);
            memcpy(s->hvnew + t * row + (size_t)h * c->d, s->hv + o, c->d * 2);
            if (cudaMemcpy((uint16_t *)s->dk + o, nanrow, c->d * 2, cudaMemcpyHostToDevice) != cudaSuccess
                || cudaMemcpy((uint16_t *)s->dv + o, nanrow, c->d * 2, cudaMemcpyHostToDevice) != cudaSuccess) {
                free(nanrow); return 1;
            }
        }
        t++;
    }
    s->hslot[t] = -1; memset(s->hknew + t * row, 0x7f, row * 2); memset(s->hvnew + t * row, 0x7f, row * 2); t++;
    s->hslot[t] = (int64_t)s->num_pages * c->page_size;
    memset(s->hknew + t * row, 0x7f, row * 2); memset(s->hvnew + t * row, 0x7f, row * 2); t++;
    s->ntok = t;
    free(nanrow);
    return cudaMemcpy(s->dknew, s->hknew, t * row * 2, cudaMemcpyHostToDevice) != cudaSuccess
        || cudaMemcpy(s->dvnew, s->hvnew, t * row * 2, cudaMemcpyHostToDevice) != cudaSuccess
        || cudaMemcpy(s->dslot, s->hslot, t * sizeof(int64_t), cudaMemcpyHostToDevice) != cudaSuccess;
}

static int upload_tables(state *s)
{
    const cfg *c = s->c;
    size_t n = (size_t)s->k_sp * s->num_pages;
    return cudaMemcpy(s->dk, s->hk, n * 2, cudaMemcpyHostToDevice) != cudaSuccess
        || cudaMemcpy(s->dv, s->hv, n * 2, cudaMemcpyHostToDevice) != cudaSuccess
        || cudaMemcpy(s->dtab, s->htab, sizeof(int32_t) * c->batch * s->tstride, cudaMemcpyHostToDevice) != cudaSuccess
        || cudaMemcpy(s->dlens, s->hlens, sizeof(int32_t) * c->batch, cudaMemcpyHostToDevice) != cudaSuccess
        || cudaMemcpy(s->dcu, s->hcu, sizeof(int32_t) * (c->batch + 1), cudaMemcpyHostToDevice) != cudaSuccess
        || upload_new_tokens(s);
}

/* One decode step: append the new tokens, then attend. num_tokens is the host maximum; the
 * slots that are not used this round are -1 (a real engine pads the same way). */
static pa_status step(pa_context *ctx, state *s, const pa_query *q, const pa_kv_cache *kv,
                      const pa_attn_params *p, const pa_output *out, size_t ws)
{
    const cfg *c = s->c;
    pa_status st = pa_kv_append(ctx, kv, s->dknew, s->dvnew, (int64_t)c->kv_heads * c->d, c->d,
                                s->dslot, c->batch + 2);
    return st != PA_OK ? st : pa_attention(ctx, q, kv, p, out, s->dws, ws);
}

static void run_config(pa_context *ctx, const cfg *c)
{
    static const int splits[] = { 1, 2, 7, 0 };
    state s;
    memset(&s, 0, sizeof s);
    s.c = c;
    s.pages_per_seq = (c->max_len + c->page_size - 1) / c->page_size;
    s.num_pages = 3 * c->batch * s.pages_per_seq;
    s.tstride = s.pages_per_seq + 1;
    s.total_q = c->batch * c->sq;
    s.k_sh = c->d + 8; s.k_st = s.k_sh * c->kv_heads; s.k_sp = s.k_st * c->page_size;
    size_t nkv = (size_t)s.k_sp * s.num_pages, nq = (size_t)s.total_q * c->heads * c->d;
    size_t nl = (size_t)s.total_q * c->heads;
    s.hk = (uint16_t *)malloc(nkv * 2); s.hv = (uint16_t *)malloc(nkv * 2); s.hq = (uint16_t *)malloc(nq * 2);
    s.htab = (int32_t *)malloc(sizeof(int32_t) * c->batch * s.tstride);
    s.hlens = (int32_t *)malloc(sizeof(int32_t) * c->batch);
    s.hcu = (int32_t *)malloc(sizeof(int32_t) * (c->batch + 1));
    uint16_t *o1 = (uint16_t *)malloc(nq * 2), *o2 = (uint16_t *)malloc(nq * 2);
    float *l1 = (float *)malloc(nl * 4), *l2 = (float *)malloc(nl * 4);
    size_t i;
    for (i = 0; i < nq; i++) s.hq[i] = f2bf(urand());
    CK(cudaMalloc(&s.dk, nkv * 2)); CK(cudaMalloc(&s.dv, nkv * 2)); CK(cudaMalloc(&s.dq, nq * 2));
    CK(cudaMalloc(&s.dout, nq * 2)); CK(cudaMalloc((void **)&s.dlse, nl * 4));
    CK(cudaMalloc((void **)&s.dtab, sizeof(int32_t) * c->batch * s.tstride));
    CK(cudaMalloc((void **)&s.dlens, sizeof(int32_t) * c->batch));
    CK(cudaMalloc((void **)&s.dcu, sizeof(int32_t) * (c->batch + 1)));
    CK(cudaMemcpy(s.dq, s.hq, nq * 2, cudaMemcpyHostToDevice));
    size_t nrow = (size_t)(c->batch + 2) * c->kv_heads * c->d;
    s.hknew = (uint16_t *)malloc(nrow * 2); s.hvnew = (uint16_t *)malloc(nrow * 2);
    s.hslot = (int64_t *)malloc(sizeof(int64_t) * (c->batch + 2));
    CK(cudaMalloc(&s.dknew, nrow * 2)); CK(cudaMalloc(&s.dvnew, nrow * 2));
    CK(cudaMalloc((void **)&s.dslot, sizeof(int64_t) * (c->batch + 2)));

    pa_query q = { PA_DTYPE_BF16, c->batch, c->heads, c->d, s.dq, (int64_t)c->heads * c->d, c->d,
                   c->varlen ? s.dcu : NULL, c->sq };
    pa_kv_cache kv = { PA_DTYPE_BF16, c->kv_heads, c->d, c->page_size, s.num_pages, s.dk, s.dv,
                       s.k_sp, s.k_st, s.k_sh, s.k_sp, s.k_st, s.k_sh, s.dtab, s.tstride, s.dlens, c->max_len };
    pa_output out = { s.dout, (int64_t)c->heads * c->d, c->d, s.dlse };
    pa_attn_params p;
    pa_attn_params_init(&p, c->d);
    p.causal = c->causal;
    p.window_left = c->window_left;

    cudaStream_t stream;
    CK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
    for (size_t si = 0; si < sizeof splits / sizeof splits[0]; si++) {
        char what[96];
        p.num_splits = splits[si];
        size_t ws = 0;
        pa_status st = pa_workspace_size(ctx, &q, &kv, &p, &ws);
        if (st != PA_OK) { printf("FAIL %s splits %d: pa_workspace_size: %s\n", c->name, p.num_splits, pa_context_last_error(ctx)); g_fail++; continue; }
        s.dws = NULL;
        if (ws) CK(cudaMalloc(&s.dws, ws));

        /* a plain call, then a repeat: correct and bit-identical */
        draw_tables(&s);
        if (upload_tables(&s)) { printf("FAIL %s: upload\n", c->name); g_fail++; return; }
        pa_context_set_stream(ctx, stream);
        CK(cudaMemsetAsync(s.dout, 0xff, nq * 2, stream));
        st = step(ctx, &s, &q, &kv, &p, &out, ws);
        if (st != PA_OK) { printf("FAIL %s splits %d: pa_kv_append + pa_attention: %s\n", c->name, p.num_splits, pa_context_last_error(ctx)); g_fail++; cudaFree(s.dws); continue; }
        CK(cudaStreamSynchronize(stream));
        snprintf(what, sizeof what, "splits %d direct", p.num_splits);
        check(&s, what, o1, l1, NULL, NULL);
        CK(cudaMemsetAsync(s.dout, 0xff, nq * 2, stream));
        step(ctx, &s, &q, &kv, &p, &out, ws);
        CK(cudaStreamSynchronize(stream));
        snprintf(what, sizeof what, "splits %d repeat", p.num_splits);
        check(&s, what, o2, l2, o1, l1);

        /* capture one step (poison + append + attention) and replay it; the cache is re-uploaded
         * first so the appended slots hold NaN again */
        if (upload_tables(&s)) { printf("FAIL %s: upload\n", c->name); g_fail++; return; }
        cudaGraph_t graph;
        cudaGraphExec_t exec;
        CK(cudaStreamBeginCapture(stream, cudaStreamCaptureModeGlobal));
        cudaMemsetAsync(s.dout, 0xff, nq * 2, stream);
        st = step(ctx, &s, &q, &kv, &p, &out, ws);
        cudaError_t ce = cudaStreamEndCapture(stream, &graph);
        if (st != PA_OK || ce != cudaSuccess) {
            printf("FAIL %s splits %d: capture: %s / %s\n", c->name, p.num_splits, pa_context_last_error(ctx), cudaGetErrorString(ce));
            g_fail++; cudaGetLastError(); cudaFree(s.dws); continue;
        }
        CK(cudaGraphInstantiate(&exec, graph, 0));
        CK(cudaGraphLaunch(exec, stream));
        CK(cudaStreamSynchronize(stream));
        snprintf(what, sizeof what, "splits %d graph replay", p.num_splits);
        check(&s, what, o2, l2, o1, l1);          /* same inputs: same bits as the direct call */
        int round;
        for (round = 1; round <= 2; round++) {
            draw_tables(&s);                       /* tables and lengths change in place */
            if (upload_tables(&s)) { printf("FAIL %s: upload\n", c->name); g_fail++; break; }
            CK(cudaGraphLaunch(exec, stream));
            CK(cudaStreamSynchronize(stream));
            snprintf(what, sizeof what, "splits %d graph replay after change %d", p.num_splits, round);
            check(&s, what, o1, l1, NULL, NULL);
            CK(cudaGraphLaunch(exec, stream));
            CK(cudaStreamSynchronize(stream));
            snprintf(what, sizeof what, "splits %d graph replay after change %d, again", p.num_splits, round);
            check(&s, what, o2, l2, o1, l1);
        }
        cudaGraphExecDestroy(exec);
        cudaGraphDestroy(graph);
        if (s.dws) cudaFree(s.dws);
    }
    pa_context_set_stream(ctx, NULL);
    cudaStreamDestroy(stream);
    cudaFree(s.dk); cudaFree(s.dv); cudaFree(s.dq); cudaFree(s.dout); cudaFree(s.dlse);
    cudaFree(s.dtab); cudaFree(s.dlens); cudaFree(s.dcu);
    cudaFree(s.dknew); cudaFree(s.dvnew); cudaFree(s.dslot); free(s.hknew); free(s.hvnew); free(s.hslot);
    free(s.hk); free(s.hv); free(s.hq); free(s.htab); free(s.hlens); free(s.hcu);
    free(o1); free(o2); free(l1); free(l2);
}
#endif

int main(void)
{
#ifdef PA_HAVE_CUDA
    pa_context *ctx = NULL;
    if (pa_context_create(&ctx, PA_BACKEND_CUDA, 0) != PA_OK) {
        printf("skipped: no CUDA device (%s)\n", ctx ? pa_context_last_error(ctx) : "no context");
        pa_context_destroy(ctx);
        printf("0 passed, 0 failed\n");
        return 0;
    }
    static const cfg cfgs[] = {
        /* name                       B  H  KVH  d  sq ps  max_len causal varlen window */
        { "sq1 gqa4 ps16",           3, 16, 4, 128, 1, 16, 1500, 0, 0, -1 },
        { "sq4 causal ps3 varlen",   2, 8, 2, 128, 4, 3, 700, 1, 1, -1 },
        { "sq1 mha d64 ps1 window",  2, 4, 4, 64, 1, 1, 900, 0, 0, 200 },
    };
    for (size_t i = 0; i < sizeof cfgs / sizeof cfgs[0]; i++) run_config(ctx, &cfgs[i]);
    pa_context_destroy(ctx);
#else
    printf("skipped: no CUDA device (built without CUDA)\n");
#endif
    printf("%d passed, %d failed\n", g_pass, g_fail);
    return g_fail ? 1 : 0;
}
