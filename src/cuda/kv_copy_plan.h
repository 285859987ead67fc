/*
 * The walk of M105's bulk copy (kv_copy.cu, the copy beside the attention by bulk copies): which
 * chunks of which pages a block copies, in which order, and when it counts a sequence as copied.
 * Plain C shared by the kernel (its load warp and its store warps walk it alike, so that the
 * ring's n-th chunk is the same for both) and by tests/test_kv_copy_plan.c, which checks on the
 * CPU that the blocks together write every byte of every waited sequence's keys once, nothing
 * else, from inside one page, and count each waited sequence once per block.
 */
#ifndef PA_KV_COPY_PLAN_H
#define PA_KV_COPY_PLAN_H

#include <stdint.h>

#ifdef __CUDACC__
#define PA_KVC_FN static __host__ __device__ __forceinline__
#else
#define PA_KVC_FN static inline
#endif

typedef struct pa_kvc_walk {
    const int32_t *seq_lens;        /* keys per sequence (clamped to [0, max_seq_len]) */
    const int32_t *cu_q;            /* the call's cu_seqlens (NULL: every sequence has query rows) */
    int32_t        batch, page_size, max_seq_len;
    int64_t        row;             /* bytes of one key of every kv head (a multiple of 16) */
    int32_t        chunk;           /* bytes a chunk, at most (a multiple of 16) */
    int32_t        blk, nblk;       /* this block and the copy's blocks */
} pa_kvc_walk;

/* the walk's position: sequence b (this block's share of its pages: [lo, hi); len keys), page q,
 * chunk c of the page; b == batch: the end */
typedef struct pa_kvc_pos { int32_t b, lo, hi, len, q, c; } pa_kvc_pos;

/* the first sequence from b on whose attention CTAs wait (its share here may be empty): sequences
 * without query rows are neither copied nor counted (no CTA waits for them) */
PA_KVC_FN void pa_kvc_seq(const pa_kvc_walk *w, int32_t b, pa_kvc_pos *x)
{
    int64_t pages;
    for (; b < w->batch; b++)
        if (!w->cu_q || w->cu_q[b + 1] > w->cu_q[b]) break;
    x->b = b; x->c = 0;
    if (b >= w->batch) { x->lo = x->hi = x->q = x->len = 0; return; }
    x->len = w->seq_lens[b] < 0 ? 0 : w->seq_lens[b] > w->max_seq_len ? w->max_seq_len : w->seq_lens[b];
    pages = ((int64_t)x->len + w->page_size - 1) / w->page_size;
    x->lo = (int32_t)(pages * w->blk / w->nblk);
    x->hi = (int32_t)(pages * (w->blk + 1) / w->nblk);
    x->q = x->lo;
}
/* the rows of page x->q that hold keys (the sequence's last page ends at its length) */
PA_KVC_FN int64_t pa_kvc_rows(const pa_kvc_walk *w, const pa_kvc_pos *x)
{
    const int64_t left = (int64_t)x->len - (int64_t)x->q * w->page_size;
    return left < w->page_size ? left : w->page_size;
}
/* bytes of chunk x (> 0 for every chunk of a share) */
PA_KVC_FN int32_t pa_kvc_bytes(const pa_kvc_walk *w, const pa_kvc_pos *x)
{
    const int64_t left = pa_kvc_rows(w, x) * w->row - (int64_t)x->c * w->chunk;
    return left <= 0 ? 0 : (int32_t)(left < w->chunk ? left : w->chunk);
}
/* the next chunk: within the page, the share's next page, or the next waited sequence's first */
PA_KVC_FN void pa_kvc_step(const pa_kvc_walk *w, pa_kvc_pos *x)
{
    if ((int64_t)(x->c + 1) * w->chunk < pa_kvc_rows(w, x) * w->row) { x->c++; return; }
    x->c = 0;
    if (++x->q < x->hi) return;
    pa_kvc_seq(w, x->b + 1, x);
}

#endif
