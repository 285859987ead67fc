/*
 * The reference: naive, double precision, obviously correct. Tests compare every backend with
 * it. One query row at a time: the scores of every key it sees, their softmax, the weighted sum
 * of the values. Rows are gathered into doubles first only so the loops stay readable. Never
 * optimize this file beyond that.
 */
#include "internal.h"
#include <math.h>
#include <stdlib.h>

/* Row d = 0..D-1 of a tensor element range, as doubles. */
static void gather(pa_dtype t, const void *base, int64_t off, int32_t D, double *dst)
{
    int32_t d;
    for (d = 0; d < D; d++) dst[d] = pa__load(t, base, off + d);
}

/* Element offset of key (or value) j of sequence b, kv head kvh. */
static int64_t kv_offset(const pa__problem *pb, int64_t sp, int64_t st, int64_t sh, int32_t b,
                         int32_t j, int32_t kvh)
{
    return pa__page_of(pb, b, j) * sp + (int64_t)(j % pb->page_size) * st + kvh * sh;
}

/* Whether key j of sequence b names a page of the pool: keys of a bad page id (a table a call
 * with validation off did not check) are masked, as the CUDA kernels treat them. */
static int key_ok(const pa__problem *pb, int32_t b, int32_t j)
{
    const int64_t page = pa__page_of(pb, b, j);
    return !pb->page_table || (page >= 0 && page < pb->num_pages);
}

int pa__reference_attention(const pa__problem *pb, double *out, double *lse)
{
    const int32_t D = pb->head_dim, H = pb->num_heads;
    double *q = (double *)malloc(sizeof(double) * (size_t)D * 2), *x;
    int32_t b, h, i, j, d;
    if (!q) return -1;
    x = q + D;
    for (b = 0; b < pb->batch; b++) {
        int32_t sq = pa__q_len(pb, b), sk = pb->seq_lens[b];
        const int64_t t0 = pa__q_start(pb, b);
        double *p = (double *)malloc(sizeof(double) * (sk > 0 ? (size_t)sk : 1));
        if (!p) { free(q); return -1; }
        for (h = 0; h < H; h++) {
            int32_t kvh = h / pb->group;
            for (i = 0; i < sq; i++) {
                int64_t t = (int64_t)t0 + i;
                /* query i sees keys [lo, hi): bottom-right causal, then the left window */
                int64_t hi = pb->causal ? (int64_t)i + sk - sq + 1 : sk;
                int64_t lo = pb->window_left >= 0 ? (int64_t)i + sk - sq - pb->window_left : 0;
                double m = -INFINITY, l = 0.0;
                if (hi > sk) hi = sk;
                if (lo < 0) lo = 0;
                gather(pb->dtype, pb->q, t * pb->q_stride_token + h * pb->q_stride_head, D, q);
                for (j = (int32_t)lo; j < hi; j++) {
                    double dot = 0.0;
                    if (!key_ok(pb, b, j)) continue;
                    gather(pb->dtype, pb->k, kv_offset(pb, pb->k_stride_page, pb->k_stride_token,
                                                       pb->k_stride_head, b, j, kvh), D, x);
                    for (d = 0; d < D; d++) dot += q[d] * x[d];
                    dot *= (double)pb->scale;
                    if (pb->softcap > 0) dot = pb->softcap * tanh(dot / pb->softcap);
                    p[j] = dot;
                    if (dot > m) m = dot;
                }
                for (j = (int32_t)lo; j < hi; j++) {
                    if (!key_ok(pb, b, j)) continue;
                    p[j] = exp(p[j] - m);           /* unnormalized probability */
                    l += p[j];
                }
                if (out) {
                    double *o = out + (t * H + h) * D;
                    for (d = 0; d < D; d++) o[d] = 0.0;
                    for (j = (int32_t)lo; j < hi; j++) {
                        if (!key_ok(pb, b, j)) continue;
                        gather(pb->dtype, pb->v, kv_offset(pb, pb->v_stride_page,
                                                           pb->v_stride_token, pb->v_stride_head,
                                                           b, j, kvh), D, x);
                        for (d = 0; d < D; d++) o[d] += p[j] * x[d];
                    }
                    for (d = 0; d < D; d++) o[d] = l > 0 ? o[d] / l : 0.0;
                }
                if (lse) lse[t * H + h] = l > 0 ? m + log(l) : -INFINITY;
            }
        }
        free(p);
    }
    free(q);
    return 0;
}
