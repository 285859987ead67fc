/*
 * The copy of a paged cache into a contiguous one (prefill_sm90.cu's M80): keys [0, seq_lens[b])
 * of sequence b go to rows [b * max_seq_len, b * max_seq_len + seq_lens[b]) of dst_k / dst_v,
 * laid out [batch][max_seq_len][num_kv_heads][head_dim] (NHD). Rows past a sequence's length
 * are not written (the contiguous kernels never use them). A key whose page id is outside
 * [0, num_pages) is written as zeros: nothing outside the caller's buffers is read.
 *
 * The copy is a flat walk over 16-byte chunks: chunk i of the destination (i * 16 bytes in) is
 * row i / chunks_row, chunk i % chunks_row of that row. One resident wave of blocks strides over
 * them, each thread taking PA_COPY_UNROLL chunks a step (a warp's 32 chunks share a row when the
 * row has a multiple of 32, so their page lookup is one broadcast load), all loads before the
 * stores; no shared memory and no barrier, so every warp keeps its own loads in flight.
 * 2-byte dtypes with 16-byte aligned rows only (what the Hopper kernel's supports() asks).
 */
#include "internal.h"
#include "common.cuh"
#include <string.h>

#define PA_COPY_THREADS 256
#define PA_COPY_UNROLL  4

typedef struct pa_copy_params {
    const char    *k, *v;           /* the paged cache */
    int64_t        k_sp, k_st, k_sh, v_sp, v_st, v_sh;   /* its strides, bytes */
    char          *dk, *dv;         /* the contiguous copy */
    const int32_t *page_table;
    int64_t        pt_stride;
    const int32_t *seq_lens;
    int32_t        num_pages, max_seq_len;
    int32_t        total;           /* chunks: batch x max_seq_len x chunks_row (< 2^31) */
    pa_fastdiv     div_row;         /* by chunks_row: the 16-byte chunks of a key's row (every head) */
    pa_fastdiv     div_head;        /* by chunks_head = head_dim / 8 */
    pa_fastdiv     div_seq;         /* by max_seq_len */
    pa_fastdiv     div_page;        /* by page_size */
} pa_copy_params;

__global__ void __launch_bounds__(PA_COPY_THREADS)
pa_kv_copy_kernel(const pa_copy_params p)
{
    const int32_t step = (int32_t)(gridDim.x * PA_COPY_THREADS * PA_COPY_UNROLL);
    for (int32_t base = (int32_t)(blockIdx.x * PA_COPY_THREADS * PA_COPY_UNROLL + threadIdx.x); base < p.total;
         base += step) {
        uint4 xk[PA_COPY_UNROLL], xv[PA_COPY_UNROLL];
        bool keep[PA_COPY_UNROLL];
#pragma unroll
        for (int u = 0; u < PA_COPY_UNROLL; u++) {
            const int32_t i = base + u * PA_COPY_THREADS;
            xk[u] = make_uint4(0, 0, 0, 0);
            xv[u] = make_uint4(0, 0, 0, 0);
            keep[u] = false;
            if (i < p.total) {
                const uint32_t row = pa_fastdiv_q(p.div_row, (uint32_t)i);
                const uint32_t c = (uint32_t)i - row * p.div_row.div;
                const uint32_t b = pa_fastdiv_q(p.div_seq, row);
                const uint32_t j = row - b * p.div_seq.div;
                int len = p.seq_lens[b];
                if ((int)j < len) {
                    keep[u] = true;
                    const uint32_t pi = pa_fastdiv_q(p.div_page, j);
                    const int page = p.page_table[(int64_t)b * p.pt_stride + pi];
                    if (page >= 0 && page < p.num_pages) {
                        const int64_t slot = (int64_t)(j - pi * p.div_page.div);
                        const uint32_t h = pa_fastdiv_q(p.div_head, c);
                        const int64_t e = (int64_t)(c - h * p.div_head.div) * 16;
                        xk[u] = __ldg((const uint4 *)(p.k + page * p.k_sp + slot * p.k_st + h * p.k_sh + e));
                        xv[u] = __ldg((const uint4 *)(p.v + page * p.v_sp + slot * p.v_st + h * p.v_sh + e));
                    }
                }
            }
        }
#pragma unroll
        for (int u = 0; u < PA_COPY_UNROLL; u++) {
            if (keep[u]) {
                const int64_t off = (int64_t)(base + u * PA_COPY_THREADS) * 16;
                *(uint4 *)(p.dk + off) = xk[u];
                *(uint4 *)(p.dv + off) = xv[u];
            }
        }
    }
}

/* Queues the copy of pb's paged K / V into dk / dv (each batch x max_seq_len x num_kv_heads x
 * head_dim elements of 2 bytes) on the context's stream. */
extern "C" pa_status pa__cuda_kv_copy(pa_context *ctx, const pa__problem *pb, void *dk, void *dv)
{
    if (pb->batch <= 0 || pb->max_seq_len <= 0) return PA_OK;
    const int64_t chunks_row = (int64_t)pb->num_kv_heads * (pb->head_dim / 8);
    const int64_t total = (int64_t)pb->batch * pb->max_seq_len * chunks_row;
    if (total >= ((int64_t)1 << 31) - (int64_t)PA_COPY_THREADS * PA_COPY_UNROLL * 65536)
        return pa__fail(ctx, PA_ERR_UNSUPPORTED, "kv copy: %lld chunks of 16 bytes", (long long)total);
    pa_copy_params p;
    memset(&p, 0, sizeof p);
    p.k = (const char *)pb->k; p.v = (const char *)pb->v;
    p.k_sp = pb->k_stride_page * 2; p.k_st = pb->k_stride_token * 2; p.k_sh = pb->k_stride_head * 2;
    p.v_sp = pb->v_stride_page * 2; p.v_st = pb->v_stride_token * 2; p.v_sh = pb->v_stride_head * 2;
    p.dk = (char *)dk; p.dv = (char *)dv;
    p.page_table = pb->page_table; p.pt_stride = pb->page_table_stride;
    p.seq_lens = pb->seq_lens;
    p.num_pages = pb->num_pages; p.max_seq_len = pb->max_seq_len;
    p.total = (int32_t)total;
    p.div_row = pa_fastdiv_init((uint32_t)chunks_row);
    p.div_head = pa_fastdiv_init((uint32_t)(pb->head_dim / 8));
    p.div_seq = pa_fastdiv_init((uint32_t)pb->max_seq_len);
    p.div_page = pa_fastdiv_init((uint32_t)pb->page_size);
    /* resident blocks per SM, asked once (thread-safe: a function-local static; sm_90a code only,
     * so the same on every device it runs on) */
    static const int per_sm = [] {
        int n = 0;
        if (cudaOccupancyMaxActiveBlocksPerMultiprocessor(&n, pa_kv_copy_kernel, PA_COPY_THREADS, 0) != cudaSuccess || n < 1) {
            (void)cudaGetLastError();
            n = 1;
        }
        return n;
    }();
    const int64_t per_block = (int64_t)PA_COPY_THREADS * PA_COPY_UNROLL;
    const int64_t need = (total + per_block - 1) / per_block;
    const int64_t full = (int64_t)per_sm * (ctx->num_sms > 0 ? ctx->num_sms : 1);
    const unsigned grid = (unsigned)(need < full ? need : full);
    pa_kv_copy_kernel<<<grid, PA_COPY_THREADS, 0, (cudaStream_t)ctx->stream>>>(p);
    const cudaError_t e = cudaGetLastError();
    if (e != cudaSuccess) return pa__fail(ctx, PA_ERR_CUDA, "kv copy launch: %s", cudaGetErrorString(e));
    return PA_OK;
}
