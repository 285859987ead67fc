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

/* 16-byte load with an L2 prefetch of the 256-byte sector group (HINT) or plain __ldg */
template <bool HINT>
__device__ __forceinline__ uint4 copy_ld(const char *p)
{
    if (!HINT) return __ldg((const uint4 *)p);
    uint4 x;
    asm volatile("ld.global.nc.L1::no_allocate.L2::256B.v4.u32 {%0, %1, %2, %3}, [%4];\n"
                 : "=r"(x.x), "=r"(x.y), "=r"(x.z), "=r"(x.w) : "l"(p));
    return x;
}
/* 16-byte store, streaming (.cs: evict first) when HINT */
template <bool HINT>
__device__ __forceinline__ void copy_st(char *p, uint4 x)
{
    if (!HINT) { *(uint4 *)p = x; return; }
    asm volatile("st.global.cs.v4.u32 [%0], {%1, %2, %3, %4};\n" :: "l"(p), "r"(x.x), "r"(x.y), "r"(x.z), "r"(x.w) : "memory");
}

template <int U, bool HINT>
__global__ void __launch_bounds__(PA_COPY_THREADS)
pa_kv_copy_kernel(const pa_copy_params p)
{
    const int32_t step = (int32_t)(gridDim.x * PA_COPY_THREADS * U);
    for (int32_t base = (int32_t)(blockIdx.x * PA_COPY_THREADS * U + threadIdx.x); base < p.total;
         base += step) {
        uint4 xk[U], xv[U];
        bool keep[U];
#pragma unroll
        for (int u = 0; u < U; u++) {
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
                        xk[u] = copy_ld<HINT>(p.k + page * p.k_sp + slot * p.k_st + h * p.k_sh + e);
                        xv[u] = copy_ld<HINT>(p.v + page * p.v_sp + slot * p.v_st + h * p.v_sh + e);
                    }
                }
            }
        }
#pragma unroll
        for (int u = 0; u < U; u++) {
            if (keep[u]) {
                const int64_t off = (int64_t)(base + u * PA_COPY_THREADS) * 16;
                copy_st<HINT>(p.dk + off, xk[u]);
                copy_st<HINT>(p.dv + off, xv[u]);
            }
        }
    }
}

/* Measurement knob (session 43's A/B, set by pa-bench --copy-variant): 0 the kernel below, 1 its
 * L2 / streaming hints, 2 eight chunks a thread a step, 3 both. */
extern "C" int pa__kv_copy_variant;
int pa__kv_copy_variant = 0;

/* Queues the copy of pb's paged K / V into dk / dv (each batch x max_seq_len x num_kv_heads x
 * head_dim elements of 2 bytes) on the context's stream. */
extern "C" pa_status pa__cuda_kv_copy(pa_context *ctx, const pa__problem *pb, void *dk, void *dv)
{
    if (pb->batch <= 0 || pb->max_seq_len <= 0) return PA_OK;
    const int64_t chunks_row = (int64_t)pb->num_kv_heads * (pb->head_dim / 8);
    const int64_t total = (int64_t)pb->batch * pb->max_seq_len * chunks_row;
    if (total >= ((int64_t)1 << 31) - (int64_t)PA_COPY_THREADS * 2 * PA_COPY_UNROLL * 65536)
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
    const int var = pa__kv_copy_variant & 3;
    void (*kern)(const pa_copy_params) = var == 1 ? pa_kv_copy_kernel<PA_COPY_UNROLL, true>
                                       : var == 2 ? pa_kv_copy_kernel<2 * PA_COPY_UNROLL, false>
                                       : var == 3 ? pa_kv_copy_kernel<2 * PA_COPY_UNROLL, true>
                                       : pa_kv_copy_kernel<PA_COPY_UNROLL, false>;
    const int unroll = var >= 2 ? 2 * PA_COPY_UNROLL : PA_COPY_UNROLL;
    static int per_sm[4];   /* resident blocks per SM (sm_90a code only: the same on every device it runs on) */
    if (!per_sm[var]) {
        int n = 0;
        if (cudaOccupancyMaxActiveBlocksPerMultiprocessor(&n, kern, PA_COPY_THREADS, 0) != cudaSuccess || n < 1) {
            (void)cudaGetLastError();
            n = 1;
        }
        per_sm[var] = n;
    }
    const int64_t per_block = (int64_t)PA_COPY_THREADS * unroll;
    const int64_t need = (total + per_block - 1) / per_block;
    const int64_t full = (int64_t)per_sm[var] * (ctx->num_sms > 0 ? ctx->num_sms : 1);
    const unsigned grid = (unsigned)(need < full ? need : full);
    kern<<<grid, PA_COPY_THREADS, 0, (cudaStream_t)ctx->stream>>>(p);
    const cudaError_t e = cudaGetLastError();
    if (e != cudaSuccess) return pa__fail(ctx, PA_ERR_CUDA, "kv copy launch: %s", cudaGetErrorString(e));
    return PA_OK;
}
