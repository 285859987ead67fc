/*
 * pa_kv_append on CUDA: token t's K and V rows (every kv head) go to physical slot
 * slot_mapping[t] = page*page_size + offset. One thread per 16-byte chunk (or per element when
 * a pointer or stride is not 16-byte aligned); grid-stride over tokens x kv heads x chunks.
 * A negative slot, or one at or past num_pages*page_size, is skipped: nothing is written.
 * bf16, f16 and f32. Bandwidth-trivial next to attention; not separately timed.
 */
#include "internal.h"
#include <cuda_runtime.h>
#include <stdint.h>

namespace {

constexpr int APPEND_THREADS = 256;

template <typename V>
__global__ void __launch_bounds__(APPEND_THREADS)
append_kernel(char *k, char *v, const char *kn, const char *vn, const int64_t *slots,
              int64_t ntok, int heads, int vecs_per_row, int64_t page_size, int64_t nslots,
              int64_t k_sp, int64_t k_st, int64_t k_sh, int64_t v_sp, int64_t v_st, int64_t v_sh,
              int64_t n_st, int64_t n_sh, int esize)
{
    /* strides in elements; esize bytes per element; V is the vector type (16 B or one element) */
    const int64_t total = ntok * heads * vecs_per_row;
    for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < total;
         i += (int64_t)gridDim.x * blockDim.x) {
        int64_t c = i % vecs_per_row, r = i / vecs_per_row;
        int64_t h = r % heads, t = r / heads;
        int64_t s = slots[t];
        if (s < 0 || s >= nslots) continue;
        int64_t page = s / page_size, off = s - page * page_size;
        int64_t src = (t * n_st + h * n_sh) * esize + c * (int64_t)sizeof(V);
        int64_t kd = (page * k_sp + off * k_st + h * k_sh) * esize + c * (int64_t)sizeof(V);
        int64_t vd = (page * v_sp + off * v_st + h * v_sh) * esize + c * (int64_t)sizeof(V);
        *(V *)(k + kd) = *(const V *)(kn + src);
        *(V *)(v + vd) = *(const V *)(vn + src);
    }
}

} // namespace

extern "C" pa_status pa__cuda_kv_append(pa_context *ctx, const pa_kv_cache *kv, const void *k_new,
                                        const void *v_new, int64_t new_stride_token,
                                        int64_t new_stride_head, const int64_t *slot_mapping,
                                        int32_t num_tokens)
{
    if (num_tokens <= 0) return PA_OK;
    const int esize = (int)pa__dtype_size(kv->dtype);
    const int64_t row_bytes = (int64_t)kv->head_dim * esize;
    const int64_t el16 = 16 / esize;   /* elements per 16 bytes */
    const bool vec = row_bytes % 16 == 0
        && !(((uintptr_t)kv->k | (uintptr_t)kv->v | (uintptr_t)k_new | (uintptr_t)v_new) & 15)
        && (kv->k_stride_page | kv->k_stride_token | kv->k_stride_head | kv->v_stride_page
            | kv->v_stride_token | kv->v_stride_head | new_stride_token | new_stride_head) % el16 == 0;
    const int vecs = vec ? (int)(row_bytes / 16) : kv->head_dim;
    const int64_t total = (int64_t)num_tokens * kv->num_kv_heads * vecs;
    int64_t blocks = (total + APPEND_THREADS - 1) / APPEND_THREADS;
    if (blocks > 65536) blocks = 65536;
    const int64_t nslots = (int64_t)kv->num_pages * kv->page_size;
    cudaStream_t st = (cudaStream_t)ctx->stream;
#define PA__APPEND(V) append_kernel<V><<<(unsigned)blocks, APPEND_THREADS, 0, st>>>( \
        (char *)kv->k, (char *)kv->v, (const char *)k_new, (const char *)v_new, slot_mapping, \
        num_tokens, kv->num_kv_heads, vecs, kv->page_size, nslots, kv->k_stride_page, \
        kv->k_stride_token, kv->k_stride_head, kv->v_stride_page, kv->v_stride_token, \
        kv->v_stride_head, new_stride_token, new_stride_head, esize)
    if (vec) PA__APPEND(uint4);
    else if (esize == 4) PA__APPEND(uint32_t);
    else PA__APPEND(uint16_t);
#undef PA__APPEND
    cudaError_t e = cudaGetLastError();
    PA_RETURN_IF(e != cudaSuccess, ctx, PA_ERR_CUDA, "kv_append kernel launch failed: %s",
                 cudaGetErrorString(e));
    return PA_OK;
}
