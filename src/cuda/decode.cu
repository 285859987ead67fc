/*
 * Decode attention (few query rows per sequence) over a paged KV cache: split-KV, GQA packed.
 * Grid (host fields only, so a captured graph stays valid when tables and lengths change): one
 * CTA per (sequence, kv head, split, block of 16 packed rows r = query_index*group +
 * head_in_group), so each K/V byte is read once per step; each CTA reads the real lengths on the
 * device. 4 warps per CTA, each walks its own 16-key tiles (w, w+4, ...) through a private
 * cp.async ring (16-byte copies; rows past the end and bad page ids zero-filled, never read;
 * page ids prefetched a tile ahead), mma.sync m16n8k16 for QK^T and PV, online softmax in
 * registers, warps merged in shared memory. num_splits > 1: fp32 partials + lse in the
 * workspace, merged by combine_kernel (programmatic dependent launch on sm_90).
 * Limits: bf16/f16, head_dim 64/128/256, 16-byte aligned K/V rows, max_seqlen_q <= 16 and
 * max_seqlen_q*group <= 128. Measured 2026-11-25, H100 80GB HBM3, bf16 d128 GQA 32/8,
 * fragmented tables, copy 3.0 TB/s: see bench/wip_decode/NOTES.md for the per-page-size table.
 */
#include "internal.h"
#include <cuda_runtime.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <stdint.h>
#include <stdio.h>

namespace {

constexpr int WARPS = 4;          /* warps per CTA; each owns a cp.async ring */
constexpr int THREADS = WARPS * 32;
constexpr int BLOCK_N = 16;       /* keys per warp tile */
constexpr int BLOCK_M = 16;       /* packed query rows per CTA (one mma M) */
constexpr int MAX_SQ = 16;        /* decode rule: max_seqlen_q <= MAX_SQ ... */
constexpr int MAX_ROWS = 128;     /* ... and max_seqlen_q*group <= MAX_ROWS */
template <int D> struct Cfg {
    static constexpr int STAGES = D == 64 ? 4 : (D == 128 ? 3 : 2);   /* d256 x3: 1 CTA/SM */
    static constexpr int CPR = D / 8;                  /* 16-byte chunks per row */
    static constexpr int RPI = 32 / CPR >= 1 ? 32 / CPR : 1;   /* rows per warp copy */
    static constexpr int TILE_BYTES = BLOCK_N * D * 2;           /* one of K or V */
    static constexpr int WARP_BYTES = STAGES * 2 * TILE_BYTES;
    static constexpr int PIPE_BYTES = WARPS * WARP_BYTES;
    static constexpr int MERGE_BYTES = WARPS * BLOCK_M * D * 4 + 2 * WARPS * BLOCK_M * 4;
    static constexpr int SMEM = (PIPE_BYTES > MERGE_BYTES ? PIPE_BYTES : MERGE_BYTES)
                                + WARPS * STAGES * 4;  /* + per-stage key masks */
};

struct Params {
    const void *q; int64_t q_st, q_sh;
    const int32_t *cu_q; int32_t max_sq;
    const char *k, *v;                         /* addressed in bytes */
    int64_t k_sp, k_st, k_sh, v_sp, v_st, v_sh;  /* elements */
    int32_t page_size, num_pages; uint32_t div_mul, div_shift;
    const int32_t *table; int64_t table_stride;
    const int32_t *seq_lens; int32_t max_seq_len;
    float scale, scale_log2, softcap; int32_t causal, window_left;
    int32_t batch, heads, kv_heads, group, row_blocks, splits;
    void *out; int64_t o_st, o_sh; float *lse;
    float *ws_o, *ws_lse;
};

/* ---- small PTX wrappers ---- */
__device__ __forceinline__ uint32_t smem_u32(const void *p)
{ return (uint32_t)__cvta_generic_to_shared(p); }
/* cp.async.cg.shared.global with src-size: 0 zero-fills the 16 bytes and reads nothing */
__device__ __forceinline__ void cp_async16(uint32_t dst, const void *src, int src_bytes)
{ asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" :: "r"(dst), "l"(src), "r"(src_bytes)); }
__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::); }
template <int N> __device__ __forceinline__ void cp_async_wait()
{ asm volatile("cp.async.wait_group %0;\n" :: "n"(N)); }
/* ldmatrix.sync.aligned.m8n8.x4(.trans).shared.b16 */
__device__ __forceinline__ void ldsm_x4(uint32_t a, uint32_t &r0, uint32_t &r1, uint32_t &r2, uint32_t &r3)
{ asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0,%1,%2,%3}, [%4];\n"
               : "=r"(r0), "=r"(r1), "=r"(r2), "=r"(r3) : "r"(a)); }
__device__ __forceinline__ void ldsm_x4_t(uint32_t a, uint32_t &r0, uint32_t &r1, uint32_t &r2, uint32_t &r3)
{ asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0,%1,%2,%3}, [%4];\n"
               : "=r"(r0), "=r"(r1), "=r"(r2), "=r"(r3) : "r"(a)); }
/* mma.sync.aligned.m16n8k16.row.col.f32.{bf16,f16}: c += a * b */
template <typename T> __device__ __forceinline__ void mma16816(float *c, const uint32_t *a, uint32_t b0, uint32_t b1);
template <> __device__ __forceinline__ void mma16816<__nv_bfloat16>(float *c, const uint32_t *a, uint32_t b0, uint32_t b1)
{
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};\n"
                 : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}
template <> __device__ __forceinline__ void mma16816<__half>(float *c, const uint32_t *a, uint32_t b0, uint32_t b1)
{
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};\n"
                 : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}
/* ex2.approx.ftz.f32: 2^x, 2^-inf = 0 */
__device__ __forceinline__ float ex2(float x)
{ float y; asm("ex2.approx.ftz.f32 %0, %1;\n" : "=f"(y) : "f"(x)); return y; }

template <typename T> __device__ __forceinline__ uint32_t pack2(float lo, float hi);
template <> __device__ __forceinline__ uint32_t pack2<__nv_bfloat16>(float lo, float hi)
{ __nv_bfloat162 h = __floats2bfloat162_rn(lo, hi); return *reinterpret_cast<uint32_t *>(&h); }
template <> __device__ __forceinline__ uint32_t pack2<__half>(float lo, float hi)
{ __half2 h = __floats2half2_rn(lo, hi); return *reinterpret_cast<uint32_t *>(&h); }
template <typename T> __device__ __forceinline__ T from_f(float x);
template <> __device__ __forceinline__ __nv_bfloat16 from_f<__nv_bfloat16>(float x) { return __float2bfloat16_rn(x); }
template <> __device__ __forceinline__ __half from_f<__half>(float x) { return __float2half_rn(x); }

/* q = n / page_size for n < 2^31 (Granlund-Montgomery round-up multiply-shift) */
__device__ __forceinline__ uint32_t fast_div(uint32_t n, uint32_t mul, uint32_t shift)
{ return (__umulhi(n, mul) + n) >> shift; }

/* The real lengths of one (sequence, row block), read on the device. */
struct Work {
    int b, kvh, rblk, split;
    int len, sq, q_start, diag;      /* query qi sees keys j <= qi + diag (causal) */
    int rows;                        /* valid packed rows in this block (<= 16) */
    int kv_lo, kv_hi;                /* union of the rows' visible keys */
};

__device__ __forceinline__ void resolve(const Params &p, Work &w)
{
    int bid = blockIdx.x;
    /* row blocks of one split are neighbours: they run together and share K/V through L2 */
    w.rblk = bid % p.row_blocks; bid /= p.row_blocks;
    w.split = bid % p.splits; bid /= p.splits;
    w.kvh = bid % p.kv_heads; w.b = bid / p.kv_heads;
    int len = __ldg(p.seq_lens + w.b);
    len = len < 0 ? 0 : (len > p.max_seq_len ? p.max_seq_len : len);
    w.len = len;
    if (p.cu_q) { w.q_start = __ldg(p.cu_q + w.b); w.sq = __ldg(p.cu_q + w.b + 1) - w.q_start; }
    else { w.q_start = w.b * p.max_sq; w.sq = p.max_sq; }
    if (w.sq > p.max_sq) w.sq = p.max_sq;     /* never index past the workspace rows */
    if (w.sq < 0) w.sq = 0;
    w.diag = len - w.sq;
    int p0 = w.rblk * BLOCK_M;
    w.rows = min(BLOCK_M, w.sq * p.group - p0);
    w.kv_lo = 0; w.kv_hi = len;
    if (w.rows > 0) {
        int qi_min = p0 / p.group, qi_max = (p0 + w.rows - 1) / p.group;
        if (p.causal) w.kv_hi = min(len, qi_max + w.diag + 1);
        if (p.window_left >= 0) w.kv_lo = max(0, qi_min + w.diag - p.window_left);
    }
}

/* Where one tile row comes from: filled by prefetch() one tile ahead of issue(). */
struct Pref { int page, slot, inr; };

template <typename T, int D>
__global__ void __launch_bounds__(THREADS, D <= 128 ? 2 : 1)
decode_kernel(const Params p)
{
    using C = Cfg<D>;
    extern __shared__ __align__(128) unsigned char smem[];
    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.launch_dependents;\n" ::);  /* the combine may start waiting */
#endif
    Work w;
    resolve(p, w);
    if (w.rows <= 0) return;          /* rows past this sequence's queries: nothing to write */

    /* split s covers tiles [t0, t1) of the aligned union range */
    const int t_lo = w.kv_lo / BLOCK_N;
    const int t_hi = w.kv_hi > w.kv_lo ? (w.kv_hi + BLOCK_N - 1) / BLOCK_N : t_lo;
    const int per = (t_hi - t_lo + p.splits - 1) / p.splits;
    const int t0 = t_lo + w.split * per;
    const int t1 = min(t_hi, t0 + per);
    const int n_w = t1 - t0 - warp > 0 ? (t1 - t0 - warp + WARPS - 1) / WARPS : 0;

    /* this thread's two packed rows (g, g+8) in the mma fragments */
    const int g = lane >> 2, qd = lane & 3;
    int lim_lo[2], lim_hi[2];
    uint32_t qa[D / 16][4];
#pragma unroll
    for (int h = 0; h < 2; h++) {
        int pr = w.rblk * BLOCK_M + g + 8 * h;
        int qi = pr / p.group, hh = pr - qi * p.group;
        bool ok = g + 8 * h < w.rows;
        lim_hi[h] = p.causal ? min(w.len - 1, qi + w.diag) : w.len - 1;
        lim_lo[h] = p.window_left >= 0 ? qi + w.diag - p.window_left : 0;
        const unsigned short *qp = (const unsigned short *)p.q
            + (int64_t)(w.q_start + (ok ? qi : 0)) * p.q_st + (int64_t)(w.kvh * p.group + (ok ? hh : 0)) * p.q_sh;
#pragma unroll
        for (int ks = 0; ks < D / 16; ks++) {
#pragma unroll
            for (int half = 0; half < 2; half++) {
                int c = ks * 16 + half * 8 + qd * 2;
                uint32_t lo = ok ? __ldg(qp + c) : 0u, hi = ok ? __ldg(qp + c + 1) : 0u;
                qa[ks][h + 2 * half] = lo | (hi << 16);
            }
        }
    }

    unsigned char *wsm = smem + warp * C::WARP_BYTES;
    uint32_t *smask = (uint32_t *)(smem + (C::PIPE_BYTES > C::MERGE_BYTES ? C::PIPE_BYTES : C::MERGE_BYTES))
                      + warp * C::STAGES;
    const uint32_t wsm_u = smem_u32(wsm);
    const int my_row = lane & 15;      /* lanes 0-15: K offsets of rows 0-15, lanes 16-31: V */
    const bool is_v = lane >= 16;
    const int64_t sp = is_v ? p.v_sp : p.k_sp, st = is_v ? p.v_st : p.k_st;
    const int64_t head_off = (int64_t)w.kvh * (is_v ? p.v_sh : p.k_sh);
    const int32_t *trow = p.table ? p.table + (int64_t)w.b * p.table_stride : nullptr;

    auto prefetch = [&](int i) -> Pref {
        Pref f; f.page = 0; f.slot = 0; f.inr = 0;
        if (i < n_w) {
            int j = (t0 + warp + i * WARPS) * BLOCK_N + my_row;
            if (j >= w.kv_lo && j < w.kv_hi) {
                f.inr = 1;
                if (trow) {
                    uint32_t pi = fast_div((uint32_t)j, p.div_mul, p.div_shift);
                    f.slot = j - (int)pi * p.page_size;
                    f.page = __ldg(trow + pi);
                } else { f.page = w.b; f.slot = j; }
            }
        }
        return f;
    };
    auto issue = [&](int i, const Pref &f) {
        if (i >= n_w) return;
        int stage = i % C::STAGES;
        bool valid = f.inr && f.page >= 0 && f.page < p.num_pages;
        int64_t off = valid ? ((int64_t)f.page * sp + (int64_t)f.slot * st + head_off) * 2 : 0;
        uint32_t mask = __ballot_sync(0xffffffffu, valid) & 0xffffu;
        if (lane == 0) smask[stage] = mask;
        uint32_t sk = wsm_u + stage * 2 * C::TILE_BYTES, sv = sk + C::TILE_BYTES;
#pragma unroll
        for (int it = 0; it < BLOCK_N / C::RPI; it++) {
            int row = it * C::RPI + lane / C::CPR, ch = lane % C::CPR;
            int64_t ko = __shfl_sync(0xffffffffu, off, row);
            int64_t vo = __shfl_sync(0xffffffffu, off, row + 16);
            int nb = (mask >> row) & 1 ? 16 : 0;
            uint32_t d = row * (D * 2) + ((ch ^ (row & 7)) * 16);
            cp_async16(sk + d, p.k + ko + ch * 16, nb);
            cp_async16(sv + d, p.v + vo + ch * 16, nb);
        }
    };

    float o[D / 8][4];
#pragma unroll
    for (int n = 0; n < D / 8; n++) o[n][0] = o[n][1] = o[n][2] = o[n][3] = 0.f;
    float m_run[2] = { -INFINITY, -INFINITY }, l_run[2] = { 0.f, 0.f };

    {   /* prologue: page ids of the first STAGES tiles in one go, then STAGES-1 tiles issued */
        Pref pro[C::STAGES];
#pragma unroll
        for (int s = 0; s < C::STAGES; s++) pro[s] = prefetch(s);
#pragma unroll
        for (int s = 0; s < C::STAGES - 1; s++) { issue(s, pro[s]); cp_async_commit(); }
        Pref pf = pro[C::STAGES - 1];

        for (int i = 0; i < n_w; i++) {
            issue(i + C::STAGES - 1, pf);
            cp_async_commit();
            pf = prefetch(i + C::STAGES);
            cp_async_wait<C::STAGES - 1>();
            __syncwarp();

            const int stage = i % C::STAGES;
            const uint32_t sk = wsm_u + stage * 2 * C::TILE_BYTES, sv = sk + C::TILE_BYTES;
            const uint32_t mask = smask[stage];
            const int kbase = (t0 + warp + i * WARPS) * BLOCK_N;

            /* S = Q K^T: 16 rows x 16 keys */
            float s[2][4] = { { 0.f, 0.f, 0.f, 0.f }, { 0.f, 0.f, 0.f, 0.f } };
            {
                const int krow = (lane & 7) + ((lane >> 4) << 3), kch = (lane >> 3) & 1;
#pragma unroll
                for (int ks = 0; ks < D / 16; ks++) {
                    uint32_t b0, b1, b2, b3;
                    int ch = ks * 2 + kch;
                    ldsm_x4(sk + krow * (D * 2) + ((ch ^ (krow & 7)) * 16), b0, b1, b2, b3);
                    mma16816<T>(s[0], qa[ks], b0, b1);
                    mma16816<T>(s[1], qa[ks], b2, b3);
                }
            }
            /* scale, softcap, mask, online softmax (log2 domain) */
            float mx[2] = { -INFINITY, -INFINITY };
#pragma unroll
            for (int nb = 0; nb < 2; nb++)
#pragma unroll
                for (int e = 0; e < 4; e++) {
                    int col = nb * 8 + qd * 2 + (e & 1), h = e >> 1, j = kbase + col;
                    float x = s[nb][e];
                    if (p.softcap > 0.f) x = p.softcap * tanhf(x * p.scale / p.softcap) * 1.4426950408889634f;
                    else x *= p.scale_log2;
                    bool ok = ((mask >> col) & 1) && j <= lim_hi[h] && j >= lim_lo[h];
                    x = ok ? x : -INFINITY;
                    s[nb][e] = x;
                    mx[h] = fmaxf(mx[h], x);
                }
            float alpha[2], mu[2];
#pragma unroll
            for (int h = 0; h < 2; h++) {
                mx[h] = fmaxf(mx[h], __shfl_xor_sync(0xffffffffu, mx[h], 1));
                mx[h] = fmaxf(mx[h], __shfl_xor_sync(0xffffffffu, mx[h], 2));
                float mn = fmaxf(m_run[h], mx[h]);
                mu[h] = mn == -INFINITY ? 0.f : mn;
                alpha[h] = ex2(m_run[h] - mu[h]);
                m_run[h] = mn;
            }
            float rs[2] = { 0.f, 0.f };
#pragma unroll
            for (int nb = 0; nb < 2; nb++)
#pragma unroll
                for (int e = 0; e < 4; e++) {
                    float pv = ex2(s[nb][e] - mu[e >> 1]);
                    s[nb][e] = pv;
                    rs[e >> 1] += pv;
                }
            l_run[0] = l_run[0] * alpha[0] + rs[0];
            l_run[1] = l_run[1] * alpha[1] + rs[1];
#pragma unroll
            for (int n = 0; n < D / 8; n++) {
                o[n][0] *= alpha[0]; o[n][1] *= alpha[0];
                o[n][2] *= alpha[1]; o[n][3] *= alpha[1];
            }
            uint32_t pa[4];
            pa[0] = pack2<T>(s[0][0], s[0][1]); pa[1] = pack2<T>(s[0][2], s[0][3]);
            pa[2] = pack2<T>(s[1][0], s[1][1]); pa[3] = pack2<T>(s[1][2], s[1][3]);
            /* O += P V */
            {
                const int vrow = (lane & 7) + (((lane >> 3) & 1) << 3), vch = lane >> 4;
#pragma unroll
                for (int jn = 0; jn < D / 16; jn++) {
                    uint32_t b0, b1, b2, b3;
                    int ch = jn * 2 + vch;
                    ldsm_x4_t(sv + vrow * (D * 2) + ((ch ^ (vrow & 7)) * 16), b0, b1, b2, b3);
                    mma16816<T>(o[2 * jn], pa, b0, b1);
                    mma16816<T>(o[2 * jn + 1], pa, b2, b3);
                }
            }
            __syncwarp();
        }
    }
    cp_async_wait<0>();

    /* merge the warps: rows' (m, l) then O scaled to the common max, summed in warp order */
#pragma unroll
    for (int h = 0; h < 2; h++) {
        l_run[h] += __shfl_xor_sync(0xffffffffu, l_run[h], 1);
        l_run[h] += __shfl_xor_sync(0xffffffffu, l_run[h], 2);
    }
    __syncthreads();                   /* every warp is done with its ring */
    float *mo = (float *)smem;                         /* [WARPS][BLOCK_M][D] */
    float *mm = mo + WARPS * BLOCK_M * D;              /* [WARPS][BLOCK_M] */
    float *ml = mm + WARPS * BLOCK_M;
    if (qd == 0) {
        mm[warp * BLOCK_M + g] = m_run[0]; mm[warp * BLOCK_M + g + 8] = m_run[1];
        ml[warp * BLOCK_M + g] = l_run[0]; ml[warp * BLOCK_M + g + 8] = l_run[1];
    }
    __syncthreads();
#pragma unroll
    for (int h = 0; h < 2; h++) {
        int r = g + 8 * h;
        float M = -INFINITY;
#pragma unroll
        for (int x = 0; x < WARPS; x++) M = fmaxf(M, mm[x * BLOCK_M + r]);
        float L = 0.f;
        if (M != -INFINITY)
#pragma unroll
            for (int x = 0; x < WARPS; x++) L += ml[x * BLOCK_M + r] * ex2(mm[x * BLOCK_M + r] - M);
        float f = (L > 0.f && m_run[h] != -INFINITY) ? ex2(m_run[h] - M) / L : 0.f;
#pragma unroll
        for (int n = 0; n < D / 8; n++) {
            int c = n * 8 + qd * 2;
            float2 v2 = make_float2(o[n][2 * h] * f, o[n][2 * h + 1] * f);
            *(float2 *)&mo[(warp * BLOCK_M + r) * D + c] = v2;
        }
    }
    __syncthreads();
    /* each thread: rows and 4-column chunks, summed over warps in order */
    for (int idx = threadIdx.x; idx < BLOCK_M * D / 4; idx += THREADS) {
        int r = idx / (D / 4), c = (idx % (D / 4)) * 4;
        if (r >= w.rows) continue;
        float M = -INFINITY, L = 0.f;
#pragma unroll
        for (int x = 0; x < WARPS; x++) M = fmaxf(M, mm[x * BLOCK_M + r]);
        if (M != -INFINITY)
#pragma unroll
            for (int x = 0; x < WARPS; x++) L += ml[x * BLOCK_M + r] * ex2(mm[x * BLOCK_M + r] - M);
        float4 acc = make_float4(0.f, 0.f, 0.f, 0.f);
        if (L > 0.f) {
#pragma unroll
            for (int x = 0; x < WARPS; x++) {
                float4 t = *(const float4 *)&mo[(x * BLOCK_M + r) * D + c];
                acc.x += t.x; acc.y += t.y; acc.z += t.z; acc.w += t.w;
            }
        }
        float lse = L > 0.f ? (M + __log2f(L)) * 0.6931471805599453f : -INFINITY;
        int pr = w.rblk * BLOCK_M + r, qi = pr / p.group, head = w.kvh * p.group + (pr - qi * p.group);
        if (p.splits == 1) {
            int64_t tok = w.q_start + qi;
            T *op = (T *)p.out + tok * p.o_st + (int64_t)head * p.o_sh + c;
            op[0] = from_f<T>(acc.x); op[1] = from_f<T>(acc.y);
            op[2] = from_f<T>(acc.z); op[3] = from_f<T>(acc.w);
            if (p.lse && c == 0) p.lse[tok * p.heads + head] = lse;
        } else {
            int64_t slot = ((int64_t)w.split * p.batch + w.b) * p.max_sq + qi;
            *(float4 *)&p.ws_o[(slot * p.heads + head) * D + c] = acc;
            if (c == 0) p.ws_lse[slot * p.heads + head] = lse;
        }
    }
}

/* Merge the splits of one (sequence, query row, head): weights exp(lse_s - lse), empty splits
 * (lse_s = -inf, partial O = 0) weigh 0. COMBINE_GROUPS thread groups each sum every
 * COMBINE_GROUPS-th split, then the groups add up in a fixed order: bit-identical run to run.
 * Launched with programmatic dependent launch on sm_90: it waits (griddepcontrol.wait) for the
 * decode grid to finish and flush, so its launch overlaps the decode kernel's tail. */
constexpr int COMBINE_GROUPS = 4;
template <typename T, int D>
__global__ void __launch_bounds__(D / 4 * COMBINE_GROUPS)
combine_kernel(const Params p)
{
    extern __shared__ float4 csm[];
    float *red = (float *)csm;                            /* [groups][D], then lse [splits] */
    float *slse = red + COMBINE_GROUPS * D;
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.wait;\n" ::: "memory");
#endif
    const int b = blockIdx.x / p.max_sq, qi = blockIdx.x % p.max_sq, head = blockIdx.y;
    int q_start, sq;
    if (p.cu_q) { q_start = __ldg(p.cu_q + b); sq = __ldg(p.cu_q + b + 1) - q_start; }
    else { q_start = b * p.max_sq; sq = p.max_sq; }
    if (qi >= sq) return;
    const int64_t stride_s = (int64_t)p.batch * p.max_sq;
    const int64_t slot0 = (int64_t)b * p.max_sq + qi;
    for (int s = threadIdx.x; s < p.splits; s += blockDim.x)
        slse[s] = __ldcg(&p.ws_lse[((int64_t)s * stride_s + slot0) * p.heads + head]);
    __syncthreads();
    float M = -INFINITY;
    for (int s = 0; s < p.splits; s++) M = fmaxf(M, slse[s]);
    float L = 0.f;
    if (M != -INFINITY)
        for (int s = 0; s < p.splits; s++) L += __expf(slse[s] - M);
    const float lse = M != -INFINITY ? M + __logf(L) : -INFINITY;
    const int grp = threadIdx.x / (D / 4), c = (threadIdx.x % (D / 4)) * 4;
    float4 acc = make_float4(0.f, 0.f, 0.f, 0.f);
    if (M != -INFINITY) {
#pragma unroll 4
        for (int s = grp; s < p.splits; s += COMBINE_GROUPS) {
            float wgt = __expf(slse[s] - lse);        /* -inf: 0 */
            float4 t = __ldcg((const float4 *)&p.ws_o[((s * stride_s + slot0) * p.heads + head) * D + c]);
            acc.x += wgt * t.x; acc.y += wgt * t.y; acc.z += wgt * t.z; acc.w += wgt * t.w;
        }
    }
    *(float4 *)&red[grp * D + c] = acc;
    __syncthreads();
    if (grp != 0) return;
#pragma unroll
    for (int x = 1; x < COMBINE_GROUPS; x++) {
        float4 t = *(const float4 *)&red[x * D + c];
        acc.x += t.x; acc.y += t.y; acc.z += t.z; acc.w += t.w;
    }
    const int64_t tok = q_start + qi;
    T *op = (T *)p.out + tok * p.o_st + (int64_t)head * p.o_sh + c;
    op[0] = from_f<T>(acc.x); op[1] = from_f<T>(acc.y);
    op[2] = from_f<T>(acc.z); op[3] = from_f<T>(acc.w);
    if (p.lse && c == 0) p.lse[tok * p.heads + head] = lse;
}

/* ---- host side ---- */

int rows_per_seq(const pa__problem *pb) { return pb->max_seqlen_q * pb->group; }
int row_blocks(const pa__problem *pb) { return (rows_per_seq(pb) + BLOCK_M - 1) / BLOCK_M; }

template <typename T, int D> int ctas_per_sm(const pa_context *ctx)
{
    int n = 0;
    if (cudaFuncSetAttribute(decode_kernel<T, D>, cudaFuncAttributeMaxDynamicSharedMemorySize, Cfg<D>::SMEM) != cudaSuccess
        || cudaOccupancyMaxActiveBlocksPerMultiprocessor(&n, decode_kernel<T, D>, THREADS, Cfg<D>::SMEM) != cudaSuccess) {
        (void)cudaGetLastError();   /* not left for the next launch's check */
        n = 1;
    }
    return n < 1 ? 1 : n;
}
int slots_per_sm(const pa_context *ctx, const pa__problem *pb)
{
    bool bf = pb->dtype == PA_DTYPE_BF16;
    switch (pb->head_dim) {
    case 64:  return bf ? ctas_per_sm<__nv_bfloat16, 64>(ctx) : ctas_per_sm<__half, 64>(ctx);
    case 128: return bf ? ctas_per_sm<__nv_bfloat16, 128>(ctx) : ctas_per_sm<__half, 128>(ctx);
    default:  return bf ? ctas_per_sm<__nv_bfloat16, 256>(ctx) : ctas_per_sm<__half, 256>(ctx);
    }
}

/* Splits from host fields only (deterministic): num_splits if given; else, when
 * batch*kv_heads*row_blocks CTAs cannot give every SM one, enough splits to fill one wave of
 * resident CTAs (2 per SM at d128), never splits under MIN_SPLIT_KEYS keys. Measured 2026-11-25,
 * H100, B1 sk131072 (8 kv heads), % of copy at contiguous / page 16 / 64 / 256: 8 splits
 * 78/76/77/77, 17 splits 85/92/86/85, 33 (one wave) 96/92/95/96, 66 90/89/90/88, 132 87/87/86/86.
 * (An earlier rule of 8k-key splits came from runs whose L2 flush left dirty lines behind.) */
constexpr int MIN_SPLIT_KEYS = 256;
constexpr int MAX_AUTO_SPLITS = 128;
int resolve_splits(const pa_context *ctx, const pa__problem *pb)
{
    if (pb->num_splits > 0) return pb->num_splits;
    const int64_t base = (int64_t)pb->batch * pb->num_kv_heads * row_blocks(pb);
    const int64_t sms = ctx->num_sms > 0 ? ctx->num_sms : 1;
    if (base >= sms) return 1;
    const int64_t wave = sms * slots_per_sm(ctx, pb) / base;
    int64_t n = wave;
    if (n > pb->max_seq_len / MIN_SPLIT_KEYS) n = pb->max_seq_len / MIN_SPLIT_KEYS;
    if (n > MAX_AUTO_SPLITS) n = MAX_AUTO_SPLITS;
    return n < 1 ? 1 : (int)n;
}

/* (SIZE_MAX where a size does not fit: api.c refuses the call) */
size_t align256(size_t x) { return x > SIZE_MAX - 255 ? SIZE_MAX : (x + 255) & ~(size_t)255; }
size_t ws_rows(const pa__problem *pb, int splits)
{ return pa__size_mul(pa__size_mul((size_t)splits, (size_t)pb->batch), (size_t)pb->max_seqlen_q * pb->num_heads); }
size_t ws_o_bytes(const pa__problem *pb, int splits)
{ return align256(pa__size_mul(ws_rows(pb, splits), (size_t)pb->head_dim * 4)); }
size_t ws_lse_bytes(const pa__problem *pb, int splits)
{ return align256(pa__size_mul(ws_rows(pb, splits), 4)); }

template <typename T, int D>
pa_status launch(pa_context *ctx, const Params &prm, int64_t grid)
{
    cudaStream_t stream = (cudaStream_t)ctx->stream;
    cudaError_t e = cudaFuncSetAttribute(decode_kernel<T, D>, cudaFuncAttributeMaxDynamicSharedMemorySize, Cfg<D>::SMEM);
    if (e == cudaSuccess) {
        decode_kernel<T, D><<<(unsigned)grid, THREADS, Cfg<D>::SMEM, stream>>>(prm);
        e = cudaGetLastError();
    }
    if (e == cudaSuccess && prm.splits > 1) {
        cudaLaunchConfig_t cfg;
        memset(&cfg, 0, sizeof cfg);
        cfg.gridDim = dim3((unsigned)(prm.batch * prm.max_sq), (unsigned)prm.heads);
        cfg.blockDim = dim3(D / 4 * COMBINE_GROUPS);
        cfg.dynamicSmemBytes = (prm.splits + COMBINE_GROUPS * D) * sizeof(float);
        cfg.stream = stream;
        cudaLaunchAttribute attr[1];
        attr[0].id = cudaLaunchAttributeProgrammaticStreamSerialization;
        attr[0].val.programmaticStreamSerializationAllowed = 1;
        cfg.attrs = attr;
        cfg.numAttrs = ctx->cc_major >= 9 ? 1 : 0;
        if (cfg.dynamicSmemBytes > 48 * 1024)
            e = cudaFuncSetAttribute(combine_kernel<T, D>, cudaFuncAttributeMaxDynamicSharedMemorySize,
                                     (int)cfg.dynamicSmemBytes);
        if (e == cudaSuccess) e = cudaLaunchKernelEx(&cfg, combine_kernel<T, D>, prm);
    }
    if (e != cudaSuccess) {
        (void)cudaGetLastError();
        return pa__fail(ctx, PA_ERR_CUDA, "decode kernel launch failed: %s", cudaGetErrorString(e));
    }
    return PA_OK;
}

} // namespace

extern "C" int pa__decode_supports(const pa_context *ctx, const pa__problem *pb, char *why, size_t n)
{
#define PA__NO(...) do { if (why && n) snprintf(why, n, __VA_ARGS__); return 0; } while (0)
    if (pb->dtype != PA_DTYPE_BF16 && pb->dtype != PA_DTYPE_F16)
        PA__NO("dtype %s: decode runs bf16 and f16 only", pb->dtype == PA_DTYPE_F32 ? "F32" : "?");
    if (pb->head_dim != 64 && pb->head_dim != 128 && pb->head_dim != 256)
        PA__NO("head_dim %d: decode runs 64, 128 and 256", (int)pb->head_dim);
    if (pb->max_seqlen_q > MAX_SQ || (int64_t)pb->max_seqlen_q * pb->group > MAX_ROWS)
        PA__NO("max_seqlen_q %d x group %d: not a decode shape (max_seqlen_q <= %d and rows <= %d)",
               (int)pb->max_seqlen_q, (int)pb->group, MAX_SQ, MAX_ROWS);
    if (ctx->cc_major < 8) PA__NO("compute capability %d.%d: decode needs sm_80 or later", ctx->cc_major, ctx->cc_minor);
    if (((uintptr_t)pb->k | (uintptr_t)pb->v) & 15
        || (pb->k_stride_page | pb->k_stride_token | pb->k_stride_head
            | pb->v_stride_page | pb->v_stride_token | pb->v_stride_head) & 7)
        PA__NO("K/V rows are not 16-byte aligned (pointers and strides): decode copies 16 bytes");
    if (pb->page_size <= 0) PA__NO("page_size %d", (int)pb->page_size);
    {
        const int smem = pb->head_dim == 64 ? Cfg<64>::SMEM : pb->head_dim == 128 ? Cfg<128>::SMEM : Cfg<256>::SMEM;
        if ((size_t)smem > ctx->smem_optin)
            PA__NO("head_dim %d: decode needs %d bytes of shared memory per block, the device allows %zu",
                   (int)pb->head_dim, smem, ctx->smem_optin);
    }
    /* the launch limits, here so that the chooser sees them (run() checks them again) */
    if (pb->num_heads > 65535 || (int64_t)pb->batch * pb->max_seqlen_q > 0x7fffffff)
        PA__NO("combine grid: heads %d (at most 65535), batch %d x max_seqlen_q %d (at most 2^31 - 1)",
               (int)pb->num_heads, (int)pb->batch, (int)pb->max_seqlen_q);
    if (pb->num_splits > 0 && (int64_t)(pb->num_splits + COMBINE_GROUPS * pb->head_dim) * 4 > (int64_t)ctx->smem_optin)
        PA__NO("num_splits %d: the merge's shared memory passes the device's %zu bytes", (int)pb->num_splits,
               ctx->smem_optin);
    {   /* (automatic splits only where batch x kv heads x row blocks is under the SM count, at most
         * MAX_AUTO_SPLITS: the grid's bound without resolve_splits' occupancy query) */
        const int64_t grid = (int64_t)pb->batch * pb->num_kv_heads * row_blocks(pb) * (pb->num_splits > 0 ? pb->num_splits : 1);
        if (grid > 0x7fffffff)
            PA__NO("decode grid of %lld CTAs (batch x kv heads x row blocks x splits)", (long long)grid);
    }
    return 1;
#undef PA__NO
}

extern "C" size_t pa__decode_workspace(const pa_context *ctx, const pa__problem *pb)
{
    int s = resolve_splits(ctx, pb);
    return s > 1 ? pa__size_add(ws_o_bytes(pb, s), ws_lse_bytes(pb, s)) : 0;
}

extern "C" pa_status pa__decode_attention(pa_context *ctx, const pa__problem *pb, void *ws, size_t ws_bytes)
{
    const int splits = resolve_splits(ctx, pb);
    const size_t need = splits > 1 ? pa__size_add(ws_o_bytes(pb, splits), ws_lse_bytes(pb, splits)) : 0;
    PA_RETURN_IF(ws_bytes < need || (need && !ws), ctx, PA_ERR_WORKSPACE_TOO_SMALL,
                 "decode needs %zu workspace bytes for %d splits, got %zu", need, splits, ws_bytes);
    Params prm;
    memset(&prm, 0, sizeof prm);
    prm.q = pb->q; prm.q_st = pb->q_stride_token; prm.q_sh = pb->q_stride_head;
    prm.cu_q = pb->cu_seqlens_q; prm.max_sq = pb->max_seqlen_q;
    prm.k = (const char *)pb->k; prm.v = (const char *)pb->v;
    prm.k_sp = pb->k_stride_page; prm.k_st = pb->k_stride_token; prm.k_sh = pb->k_stride_head;
    prm.v_sp = pb->v_stride_page; prm.v_st = pb->v_stride_token; prm.v_sh = pb->v_stride_head;
    prm.page_size = pb->page_size; prm.num_pages = pb->num_pages;
    {   /* n / d = (umulhi(n, mul) + n) >> l, l = ceil(log2 d), for n < 2^31 */
        uint32_t d = (uint32_t)pb->page_size, l = 0;
        while ((1ull << l) < d) l++;
        prm.div_mul = (uint32_t)(((1ull << 32) * ((1ull << l) - d)) / d + 1);
        prm.div_shift = l;
    }
    prm.table = pb->page_table; prm.table_stride = pb->page_table_stride;
    prm.seq_lens = pb->seq_lens; prm.max_seq_len = pb->max_seq_len;
    prm.scale = pb->scale; prm.scale_log2 = pb->scale * 1.4426950408889634f; prm.softcap = pb->softcap;
    prm.causal = pb->causal; prm.window_left = pb->window_left;
    prm.batch = pb->batch; prm.heads = pb->num_heads; prm.kv_heads = pb->num_kv_heads;
    prm.group = pb->group; prm.row_blocks = row_blocks(pb); prm.splits = splits;
    prm.out = pb->out; prm.o_st = pb->o_stride_token; prm.o_sh = pb->o_stride_head; prm.lse = pb->lse;
    if (splits > 1) {
        prm.ws_o = (float *)ws;
        prm.ws_lse = (float *)((char *)ws + ws_o_bytes(pb, splits));
    }
    const int64_t grid = (int64_t)pb->batch * pb->num_kv_heads * prm.row_blocks * splits;
    PA_RETURN_IF(grid <= 0 || grid > 0x7fffffff, ctx, PA_ERR_UNSUPPORTED,
                 "decode grid of %lld CTAs (batch %d x kv heads %d x row blocks %d x splits %d)",
                 (long long)grid, (int)pb->batch, (int)pb->num_kv_heads, prm.row_blocks, splits);
    PA_RETURN_IF((int64_t)pb->batch * pb->max_seqlen_q > 0x7fffffff || pb->num_heads > 65535, ctx,
                 PA_ERR_UNSUPPORTED, "decode combine grid too large");
    const bool bf = pb->dtype == PA_DTYPE_BF16;
    switch (pb->head_dim) {
    case 64:  return bf ? launch<__nv_bfloat16, 64>(ctx, prm, grid) : launch<__half, 64>(ctx, prm, grid);
    case 128: return bf ? launch<__nv_bfloat16, 128>(ctx, prm, grid) : launch<__half, 128>(ctx, prm, grid);
    case 256: return bf ? launch<__nv_bfloat16, 256>(ctx, prm, grid) : launch<__half, 256>(ctx, prm, grid);
    default:  return pa__fail(ctx, PA_ERR_UNSUPPORTED, "head_dim %d", (int)pb->head_dim);
    }
}
