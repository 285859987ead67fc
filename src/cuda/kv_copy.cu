/*
 * The copy of a paged cache into a contiguous one (prefill_sm90.cu's M80): keys [0, seq_lens[b])
 * of sequence b go to rows [b * max_seq_len, b * max_seq_len + seq_lens[b]) of dst_k / dst_v,
 * laid out [batch][max_seq_len][num_kv_heads][head_dim] (NHD). Rows past a sequence's length
 * are not written (the contiguous kernels never use them). A key whose page id is outside
 * [0, num_pages) is written as zeros: nothing outside the caller's buffers is read.
 *
 * A block copies PA_COPY_ROWS rows of one sequence at a time (one resident wave of blocks walks
 * every sequence's row groups): its first threads look up the rows' pages once, then every
 * thread moves 16-byte chunks, all of its loads before its stores.
 * 2-byte dtypes with 16-byte aligned rows only (what the Hopper kernel's supports() asks).
 */
#include "internal.h"
#include "common.cuh"
#include <string.h>

#define PA_COPY_ROWS    8
#define PA_COPY_THREADS 256

typedef struct pa_copy_params {
    const char    *k, *v;           /* the paged cache */
    int64_t        k_sp, k_st, k_sh, v_sp, v_st, v_sh;   /* its strides, bytes */
    char          *dk, *dv;         /* the contiguous copy */
    const int32_t *page_table;
    int64_t        pt_stride;
    const int32_t *seq_lens;
    int32_t        page_size, num_pages, max_seq_len;
    int32_t        chunks_head;     /* 16-byte chunks in a head's row (head_dim / 8) */
    int32_t        chunks_row;      /* ... in a key's row of every head */
    int32_t        groups, items;   /* groups of PA_COPY_ROWS rows a sequence; batch x groups */
} pa_copy_params;

__global__ void __launch_bounds__(PA_COPY_THREADS)
pa_kv_copy_kernel(const pa_copy_params p)
{
    __shared__ int64_t src_k[PA_COPY_ROWS], src_v[PA_COPY_ROWS];   /* byte offsets, -1: zeros */
    const int64_t row_bytes = (int64_t)p.chunks_row * 16;
    for (int item = blockIdx.x; item < p.items; item += gridDim.x) {   /* (grid-stride: no last partial wave) */
        const int b = item / p.groups, j0 = (item - b * p.groups) * PA_COPY_ROWS;
        int len = p.seq_lens[b];
        len = len < 0 ? 0 : len > p.max_seq_len ? p.max_seq_len : len;
        if (j0 >= len) continue;   /* (uniform in the block) */
        const int rows = len - j0 < PA_COPY_ROWS ? len - j0 : PA_COPY_ROWS;
        if (threadIdx.x < rows) {
            const int j = j0 + threadIdx.x;
            const int page = p.page_table[(int64_t)b * p.pt_stride + j / p.page_size];
            const int slot = j % p.page_size;
            const bool ok = page >= 0 && page < p.num_pages;
            src_k[threadIdx.x] = ok ? page * p.k_sp + slot * p.k_st : -1;
            src_v[threadIdx.x] = ok ? page * p.v_sp + slot * p.v_st : -1;
        }
        __syncthreads();
        char *dk = p.dk + ((int64_t)b * p.max_seq_len + j0) * row_bytes;
        char *dv = p.dv + ((int64_t)b * p.max_seq_len + j0) * row_bytes;
        for (int c = threadIdx.x; c < p.chunks_row; c += PA_COPY_THREADS) {
            const int h = c / p.chunks_head, e = (c - h * p.chunks_head) * 16;
            const int64_t ok_ = p.k_sh * h + e, ov_ = p.v_sh * h + e;
            uint4 xk[PA_COPY_ROWS], xv[PA_COPY_ROWS];
#pragma unroll
            for (int r = 0; r < PA_COPY_ROWS; r++) {
                xk[r] = make_uint4(0, 0, 0, 0);
                xv[r] = make_uint4(0, 0, 0, 0);
                if (r < rows) {
                    if (src_k[r] >= 0) xk[r] = __ldg((const uint4 *)(p.k + src_k[r] + ok_));
                    if (src_v[r] >= 0) xv[r] = __ldg((const uint4 *)(p.v + src_v[r] + ov_));
                }
            }
#pragma unroll
            for (int r = 0; r < PA_COPY_ROWS; r++) {
                if (r < rows) {
                    *(uint4 *)(dk + r * row_bytes + c * 16) = xk[r];
                    *(uint4 *)(dv + r * row_bytes + c * 16) = xv[r];
                }
            }
        }
        __syncthreads();   /* src_k / src_v are rewritten by the next item */
    }
}

/* Queues the copy of pb's paged K / V into dk / dv (each batch x max_seq_len x num_kv_heads x
 * head_dim elements of 2 bytes) on the context's stream. */
extern "C" pa_status pa__cuda_kv_copy(pa_context *ctx, const pa__problem *pb, void *dk, void *dv)
{
    if (pb->batch <= 0 || pb->max_seq_len <= 0) return PA_OK;
    pa_copy_params p;
    memset(&p, 0, sizeof p);
    p.k = (const char *)pb->k; p.v = (const char *)pb->v;
    p.k_sp = pb->k_stride_page * 2; p.k_st = pb->k_stride_token * 2; p.k_sh = pb->k_stride_head * 2;
    p.v_sp = pb->v_stride_page * 2; p.v_st = pb->v_stride_token * 2; p.v_sh = pb->v_stride_head * 2;
    p.dk = (char *)dk; p.dv = (char *)dv;
    p.page_table = pb->page_table; p.pt_stride = pb->page_table_stride;
    p.seq_lens = pb->seq_lens;
    p.page_size = pb->page_size; p.num_pages = pb->num_pages; p.max_seq_len = pb->max_seq_len;
    p.chunks_head = pb->head_dim / 8;
    p.chunks_row = pb->num_kv_heads * p.chunks_head;
    p.groups = (pb->max_seq_len + PA_COPY_ROWS - 1) / PA_COPY_ROWS;
    const int64_t items = (int64_t)pb->batch * p.groups;
    if (items >= ((int64_t)1 << 31)) return pa__fail(ctx, PA_ERR_UNSUPPORTED, "kv copy: %lld row groups", (long long)items);
    p.items = (int32_t)items;
    static int per_sm = 0;   /* resident blocks per SM (the same for every device of a process: one binary) */
    if (!per_sm) {
        int n = 0;
        if (cudaOccupancyMaxActiveBlocksPerMultiprocessor(&n, pa_kv_copy_kernel, PA_COPY_THREADS, 0) != cudaSuccess || n < 1) {
            (void)cudaGetLastError();
            n = 1;
        }
        per_sm = n;
    }
    const int64_t full = (int64_t)per_sm * (ctx->num_sms > 0 ? ctx->num_sms : 1);
    const unsigned grid = (unsigned)(items < full ? items : full);
    pa_kv_copy_kernel<<<grid, PA_COPY_THREADS, 0, (cudaStream_t)ctx->stream>>>(p);
    const cudaError_t e = cudaGetLastError();
    if (e != cudaSuccess) return pa__fail(ctx, PA_ERR_CUDA, "kv copy launch: %s", cudaGetErrorString(e));
    return PA_OK;
}
