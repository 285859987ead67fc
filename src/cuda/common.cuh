/*
 * Small named wrappers shared by the CUDA kernels: each wraps one PTX instruction (named in its
 * comment) or one tiny idiom. sm_80 and later. No state, no host code beyond pa_fastdiv_init.
 */
#ifndef PA_CUDA_COMMON_CUH
#define PA_CUDA_COMMON_CUH

#include <cuda_runtime.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <stdint.h>

/* %globaltimer: ns, one clock for every SM (trace builds' timelines, the watchdog) */
__device__ __forceinline__ unsigned long long pa_globaltimer()
{ unsigned long long t; asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t)); return t; }

/* ---- fast division by a run-time constant: n / d = (umulhi(n, mul) + n) >> shift ----------
 * Round-up method (Granlund-Montgomery): shift = ceil(log2 d), mul = floor(2^32 (2^shift - d) / d)
 * + 1. Exact for every 0 <= n < 2^31 and 1 <= d < 2^31; powers of two get mul = 1 (the umulhi
 * term is then 0). */
typedef struct pa_fastdiv {
    uint32_t div, mul, shift;
} pa_fastdiv;

static inline pa_fastdiv pa_fastdiv_init(uint32_t d)
{
    pa_fastdiv f;
    uint32_t s = 0;
    while (s < 31 && (1u << s) < d) s++;
    f.div = d;
    f.shift = s;
    f.mul = (uint32_t)((((uint64_t)1 << 32) * (((uint64_t)1 << s) - d)) / d + 1);
    return f;
}

__device__ __forceinline__ uint32_t pa_fastdiv_q(const pa_fastdiv &f, uint32_t n)
{
    return (__umulhi(n, f.mul) + n) >> f.shift;
}

/* ---- shared memory addresses --------------------------------------------------------------- */
__device__ __forceinline__ uint32_t pa_smem_u32(const void *p)
{
    return (uint32_t)__cvta_generic_to_shared(p);
}

/* ---- cp.async (LDGSTS) ---------------------------------------------------------------------- */
/* cp.async.cg.shared.global [dst], [src], 16: copies 16 bytes, bypassing L1 (.cg). */
__device__ __forceinline__ void pa_cp_async_16(uint32_t dst, const void *src)
{
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16;\n" ::"r"(dst), "l"(src) : "memory");
}
/* cp.async.cg.shared.global [dst], [src], 16, src_bytes: copies src_bytes (0..16) and zero-fills
 * the rest of the 16 bytes; src_bytes = 0 reads nothing. */
__device__ __forceinline__ void pa_cp_async_16_zfill(uint32_t dst, const void *src, uint32_t src_bytes)
{
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(dst), "l"(src), "r"(src_bytes)
                 : "memory");
}
/* cp.async.commit_group */
__device__ __forceinline__ void pa_cp_async_commit()
{
    asm volatile("cp.async.commit_group;\n" ::: "memory");
}
/* cp.async.wait_group N: all but the newest N groups of this thread have landed. */
template <int N>
__device__ __forceinline__ void pa_cp_async_wait()
{
    asm volatile("cp.async.wait_group %0;\n" ::"n"(N) : "memory");
}

/* ---- ldmatrix ------------------------------------------------------------------------------- */
/* ldmatrix.sync.aligned.m8n8.x4.shared.b16: lanes 8i..8i+7 give the row addresses of matrix i. */
__device__ __forceinline__ void pa_ldmatrix_x4(uint32_t addr, uint32_t &r0, uint32_t &r1, uint32_t &r2,
                                               uint32_t &r3)
{
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];\n"
                 : "=r"(r0), "=r"(r1), "=r"(r2), "=r"(r3)
                 : "r"(addr));
}
/* ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16: the same, each 8x8 matrix transposed. */
__device__ __forceinline__ void pa_ldmatrix_x4_trans(uint32_t addr, uint32_t &r0, uint32_t &r1, uint32_t &r2,
                                                     uint32_t &r3)
{
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];\n"
                 : "=r"(r0), "=r"(r1), "=r"(r2), "=r"(r3)
                 : "r"(addr));
}

/* ---- mma.sync m16n8k16, fp32 accumulators ---------------------------------------------------
 * mma.sync.aligned.m16n8k16.row.col.f32.{bf16,f16}.{bf16,f16}.f32: d += a * b. */
template <typename T>
__device__ __forceinline__ void pa_mma_16816(float (&d)[4], const uint32_t (&a)[4], uint32_t b0, uint32_t b1);

template <>
__device__ __forceinline__ void pa_mma_16816<__nv_bfloat16>(float (&d)[4], const uint32_t (&a)[4], uint32_t b0,
                                                            uint32_t b1)
{
    asm("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
        "{%0, %1, %2, %3};\n"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}
template <>
__device__ __forceinline__ void pa_mma_16816<__half>(float (&d)[4], const uint32_t (&a)[4], uint32_t b0,
                                                     uint32_t b1)
{
    asm("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
        "{%0, %1, %2, %3};\n"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}

/* Two floats to one register of two 16-bit values, lo in the low half (round to nearest). */
template <typename T>
__device__ __forceinline__ uint32_t pa_pack2(float lo, float hi);
template <>
__device__ __forceinline__ uint32_t pa_pack2<__nv_bfloat16>(float lo, float hi)
{
    __nv_bfloat162 v = __floats2bfloat162_rn(lo, hi);
    return *reinterpret_cast<uint32_t *>(&v);
}
template <>
__device__ __forceinline__ uint32_t pa_pack2<__half>(float lo, float hi)
{
    __half2 v = __floats2half2_rn(lo, hi);
    return *reinterpret_cast<uint32_t *>(&v);
}

/* ---- special functions ---------------------------------------------------------------------- */
/* ex2.approx.ftz.f32: 2^x on the SFU; ex2(-inf) = 0. */
__device__ __forceinline__ float pa_exp2(float x)
{
    float y;
    asm("ex2.approx.ftz.f32 %0, %1;\n" : "=f"(y) : "f"(x));
    return y;
}
/* tanh.approx.f32 (sm_75+): about 2^-11 relative error, enough for bf16/f16 softcap. */
__device__ __forceinline__ float pa_tanh(float x)
{
    float y;
    asm("tanh.approx.f32 %0, %1;\n" : "=f"(y) : "f"(x));
    return y;
}

#endif /* PA_CUDA_COMMON_CUH */
