/*
 * FA2-style prefill over a paged KV cache: mma.sync m16n8k16 (fp32 acc), ldmatrix from XOR-swizzled
 * smem (chunk c of row r at c ^ (r&7)), 2-stage cp.async ring for K and V, online softmax with lazy
 * rescale. CTA = 128 query rows of one (sequence, head): 4 warps x 32 rows (d64/128), 8 x 16 (d256);
 * 64-key tiles walked last-to-first (masked tiles first), causal blocks longest-first. Paging: one
 * lane per tile row reads its page id (a tile ahead; multiply-shift division), forms the 64-bit K/V
 * row addresses and __shfl_syncs them to the lanes copying the row; rows past the end or with a bad
 * page id are zero-filled (cp.async src-size 0) and masked. Limits: bf16/f16, d 64/128/256.
 * 2026-11-25, H100 SXM, bf16 d128 B4 H16 8k, contiguous: 342 TFLOPS non-causal, 321 causal.
 */
#include "internal.h"
#include "common.cuh"
#include <math.h>
#include <stdio.h>
#include <type_traits>

namespace {

/* ---- tile shapes, one block per head_dim ----------------------------------------------------- */
template <int D> struct Tile;
template <> struct Tile<64>  { enum { WARPS = 4, MT = 2, BLOCK_N = 64, MIN_BLOCKS = 2 }; };
template <> struct Tile<128> { enum { WARPS = 4, MT = 2, BLOCK_N = 64, MIN_BLOCKS = 2 }; };
template <> struct Tile<256> { enum { WARPS = 8, MT = 1, BLOCK_N = 64, MIN_BLOCKS = 1 }; };

template <int D> struct Cfg {
    static constexpr int WARPS = Tile<D>::WARPS, MT = Tile<D>::MT, BLOCK_N = Tile<D>::BLOCK_N;
    static constexpr int THREADS = WARPS * 32;
    static constexpr int BLOCK_M = WARPS * 16 * MT;
    static constexpr int STAGES = 2;
    static constexpr int CPR = D / 8;                 /* 16-byte chunks per row */
    static constexpr int ROW_BYTES = D * 2;
    static constexpr int Q_BYTES = BLOCK_M * ROW_BYTES;
    static constexpr int KV_BYTES = BLOCK_N * ROW_BYTES;
    static constexpr int RW = BLOCK_N / WARPS;        /* K/V rows each warp addresses and copies */
    static constexpr int ROWS_PER_COPY = 32 / CPR;    /* rows one warp-wide copy covers */
    static constexpr int COPY_ITERS = RW / ROWS_PER_COPY;
    static constexpr int K_OFF = Q_BYTES;
    static constexpr int V_OFF = Q_BYTES + STAGES * KV_BYTES;
    static constexpr int MASK_OFF = Q_BYTES + 2 * STAGES * KV_BYTES;
    static constexpr int SMEM = MASK_OFF + STAGES * 8;
    static constexpr float RESCALE_LOG2 = 8.f; /* lazy rescale threshold (log2 units) */
    static_assert(BLOCK_N <= 64 && RW <= 32 && RW % ROWS_PER_COPY == 0, "tile shape");
    static_assert(CPR >= 8 && CPR <= 32, "head_dim");
};

struct Params {
    const void *q, *k, *v;
    void *o;
    float *lse;
    int64_t q_st, q_sh, k_sp, k_st, k_sh, v_sp, v_st, v_sh, o_st, o_sh;
    const int32_t *cu_q, *seq_lens, *pt;
    int64_t pt_stride;
    int32_t max_sq, max_sk, group, num_pages, page_size, causal, window_left, softcap_on;
    pa_fastdiv pdiv, gdiv; /* key index / page_size, query head / group */
    float sl2;            /* multiplier to log2 units: scale*log2(e), or 1 with softcap */
    float sc_in, sc_out;  /* softcap: s2 = sc_out * tanh(sc_in * s) */
};

__device__ __forceinline__ const char *shfl_ptr(const char *p, int src)
{
    uint64_t u = (uint64_t)p;
    uint32_t lo = __shfl_sync(0xffffffffu, (uint32_t)u, src);
    uint32_t hi = __shfl_sync(0xffffffffu, (uint32_t)(u >> 32), src);
    return (const char *)(((uint64_t)hi << 32) | lo);
}

/* One 16-byte chunk global -> shared. VEC: cp.async with zero-fill; else (unaligned strides)
 * element loads and an ordinary 16-byte shared store. Bit 0 of src set = invalid row. */
template <bool VEC>
__device__ __forceinline__ void copy_chunk(uint32_t dst, const char *src_tagged)
{
    uint64_t u = (uint64_t)src_tagged;
    const char *src = (const char *)(u & ~(uint64_t)1);
    if (VEC) {
        pa_cp_async_16_zfill(dst, src, (u & 1) ? 0u : 16u);
    } else {
        uint32_t w[4] = {0, 0, 0, 0};
        if (!(u & 1)) {
            const uint16_t *s = (const uint16_t *)src;
#pragma unroll
            for (int i = 0; i < 4; i++) w[i] = (uint32_t)s[2 * i] | ((uint32_t)s[2 * i + 1] << 16);
        }
        asm volatile("st.shared.v4.b32 [%0], {%1, %2, %3, %4};\n" ::"r"(dst), "r"(w[0]), "r"(w[1]), "r"(w[2]),
                     "r"(w[3])
                     : "memory");
    }
}

template <typename T, int D, bool VEC>
__global__ void __launch_bounds__(Cfg<D>::THREADS, Tile<D>::MIN_BLOCKS) sm80_prefill_kernel(const Params p)
{
    using C = Cfg<D>;
    constexpr int BM = C::BLOCK_M, BN = C::BLOCK_N, MT = C::MT, RB = C::ROW_BYTES;
    extern __shared__ __align__(1024) uint8_t smem[];
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    const int qb = gridDim.x - 1 - blockIdx.x; /* longest (causal) first */
    const int h = blockIdx.y, b = blockIdx.z;

    int qs, sq;
    if (p.cu_q) { qs = p.cu_q[b]; sq = p.cu_q[b + 1] - qs; }
    else        { qs = b * p.max_sq; sq = p.max_sq; }
    const int q0 = qb * BM;
    if (q0 >= sq) return;
    /* clamped to max_seq_len: with validation off a bad seq_lens must not read past the table */
    const int sk = p.seq_lens ? min(max(p.seq_lens[b], 0), p.max_sk) : p.max_sk;
    const int off = sk - sq;
    const int qhi = min(q0 + BM, sq) - 1;
    const int key_hi = p.causal ? min(sk, qhi + off + 1) : sk;
    const int key_lo = p.window_left >= 0 ? max(0, q0 + off - p.window_left) : 0;

    const uint32_t s_base = pa_smem_u32(smem);
    const uint32_t sQ = s_base, sK = s_base + C::K_OFF, sV = s_base + C::V_OFF;
    uint64_t *s_mask = reinterpret_cast<uint64_t *>(smem + C::MASK_OFF);
    T *out = (T *)p.o + ((int64_t)qs * p.o_st + (int64_t)h * p.o_sh);

    if (key_hi <= key_lo) { /* every row of this block sees no key: zeros, lse = -inf */
        for (int idx = tid; idx < BM * C::CPR; idx += C::THREADS) {
            int r = idx / C::CPR, c = idx % C::CPR;
            if (q0 + r >= sq) continue;
            T *dst = out + (int64_t)(q0 + r) * p.o_st + c * 8;
            if (VEC) *reinterpret_cast<uint4 *>(dst) = make_uint4(0, 0, 0, 0);
            else for (int e = 0; e < 8; e++) reinterpret_cast<uint16_t *>(dst)[e] = 0;
        }
        if (p.lse)
            for (int r = tid; r < BM && q0 + r < sq; r += C::THREADS)
                p.lse[(int64_t)(qs + q0 + r) * gridDim.y + h] = -INFINITY;
        return;
    }

    /* ---- Q tile: rows past sq zero-filled ---- */
    {
        const char *qg = (const char *)p.q + ((int64_t)qs * p.q_st + (int64_t)h * p.q_sh) * 2;
#pragma unroll
        for (int i = 0; i < BM * C::CPR / C::THREADS; i++) {
            int idx = i * C::THREADS + tid;
            int r = idx / C::CPR, c = idx % C::CPR;
            bool ok = q0 + r < sq;
            const char *src = qg + (ok ? ((int64_t)(q0 + r) * p.q_st + c * 8) * 2 : 0);
            copy_chunk<VEC>(sQ + r * RB + ((c ^ (r & 7)) << 4), (const char *)((uint64_t)src | (ok ? 0 : 1)));
        }
    }

    /* ---- K/V row addresses: lane l < RW of warp w owns row w*RW + l of a tile ---- */
    /* Lane l < RW of warp w owns row w*RW + l of a tile: it reads the row's page id once (one
     * tile ahead: only that int is carried across the loop) and forms the row's 64-bit K and V
     * addresses. Tagged pointers: bit 0 set = row invalid (past the end, or page id out of range). */
    auto page_of = [&](int tile) -> int {
        const int j = tile * BN + warp * C::RW + lane;
        int page = -1;
        if (lane < C::RW && j < sk) {
            const uint32_t pi = pa_fastdiv_q(p.pdiv, (uint32_t)j);
            page = p.pt ? __ldg(p.pt + (int64_t)b * p.pt_stride + pi) : (pi == 0 ? b : -1);
            if ((unsigned)page >= (unsigned)p.num_pages) page = -1;
        }
        return page;
    };
    auto row_ptr = [&](int tile, int page, const void *base, int64_t sp, int64_t st, int64_t sh) -> const char * {
        const char *bp = (const char *)base + (int64_t)pa_fastdiv_q(p.gdiv, (uint32_t)h) * sh * 2;
        if (page < 0) return (const char *)((uint64_t)bp | 1);
        const int j = tile * BN + warp * C::RW + lane;
        const int slot = j - (int)(pa_fastdiv_q(p.pdiv, (uint32_t)j) * (uint32_t)p.page_size);
        return bp + ((int64_t)page * sp + (int64_t)slot * st) * 2;
    };
    auto k_ptr = [&](int tile, int page) { return row_ptr(tile, page, p.k, p.k_sp, p.k_st, p.k_sh); };
    auto v_ptr = [&](int tile, int page) { return row_ptr(tile, page, p.v, p.v_sp, p.v_st, p.v_sh); };
    auto issue_rows = [&](uint32_t dst_tile, const char *rp) {
#pragma unroll
        for (int i = 0; i < C::COPY_ITERS; i++) {
            int rl = i * C::ROWS_PER_COPY + lane / C::CPR;
            int c = lane % C::CPR;
            const char *src = shfl_ptr(rp, rl);
            int r = warp * C::RW + rl;
            copy_chunk<VEC>(dst_tile + r * RB + ((c ^ (r & 7)) << 4), src + c * 16);
        }
    };
    auto write_mask = [&](int stage, int page) {
        unsigned bits = __ballot_sync(0xffffffffu, page >= 0);
        if (lane == 0) {
            if (C::RW == 32)      reinterpret_cast<uint32_t *>(s_mask + stage)[warp] = bits;
            else if (C::RW == 16) reinterpret_cast<uint16_t *>(s_mask + stage)[warp] = (uint16_t)bits;
            else                  reinterpret_cast<uint8_t *>(s_mask + stage)[warp] = (uint8_t)bits;
        }
    };

    const int t_first = key_lo / BN, t_last = (key_hi - 1) / BN;
    const int ntiles = t_last - t_first + 1;
    int pg = page_of(t_last);
    issue_rows(sK, k_ptr(t_last, pg));
    write_mask(0, pg);
    pa_cp_async_commit(); /* group: Q + K[0] */
    issue_rows(sV, v_ptr(t_last, pg));
    pa_cp_async_commit(); /* group: V[0] */
    if (ntiles > 1) pg = page_of(t_last - 1);

    /* ---- per-lane ldmatrix offsets (swizzle: chunk c of row r at c ^ (r & 7)) ---- */
    const int wr0 = warp * 16 * MT;
    const int x7 = lane & 7;
    const uint32_t q_off = (wr0 + (lane & 15)) * RB;
    const int q_ch = (lane >> 4) ^ x7;
    const uint32_t k_off = (((lane >> 4) << 3) + x7) * RB;
    const int k_ch = ((lane >> 3) & 1) ^ x7;
    const uint32_t v_off = ((((lane >> 3) & 1) << 3) + x7) * RB;
    const int v_ch = (lane >> 4) ^ x7;

    float o[MT][D / 8][4];
#pragma unroll
    for (int mt = 0; mt < MT; mt++)
#pragma unroll
        for (int j = 0; j < D / 8; j++)
#pragma unroll
            for (int e = 0; e < 4; e++) o[mt][j][e] = 0.f;
    float row_m[MT][2], row_l[MT][2];
#pragma unroll
    for (int mt = 0; mt < MT; mt++)
#pragma unroll
        for (int hf = 0; hf < 2; hf++) { row_m[mt][hf] = -INFINITY; row_l[mt][hf] = 0.f; }

    const uint64_t FULL = BN == 64 ? ~0ull : ((1ull << BN) - 1);
    const float sl2 = p.sl2;
    constexpr float RESCALE_LOG2 = C::RESCALE_LOG2;

    /* The tile loop is unrolled by the two stages so every shared-memory offset is an immediate
     * (a run-time stage index made ptxas keep one address register per stage: spills). */
    auto step = [&](auto stage_c, const int it) {
        constexpr int stage = decltype(stage_c)::value;
        const int tile = t_last - it;
        const int n0 = tile * BN;
        pa_cp_async_wait<1>();
        __syncthreads();
        if (it + 1 < ntiles) {
            issue_rows(sK + (stage ^ 1) * C::KV_BYTES, k_ptr(tile - 1, pg));
            write_mask(stage ^ 1, pg);
        }
        pa_cp_async_commit();

        /* S = Q K^T */
        float s[MT][BN / 8][4];
#pragma unroll
        for (int mt = 0; mt < MT; mt++)
#pragma unroll
            for (int j = 0; j < BN / 8; j++)
#pragma unroll
                for (int e = 0; e < 4; e++) s[mt][j][e] = 0.f;
        const uint32_t kt = sK + stage * C::KV_BYTES;
#pragma unroll
        for (int kk = 0; kk < D / 16; kk++) {
            uint32_t a[MT][4];
#pragma unroll
            for (int mt = 0; mt < MT; mt++)
                pa_ldmatrix_x4(sQ + q_off + mt * 16 * RB + (((2 * kk) ^ q_ch) << 4), a[mt][0], a[mt][1], a[mt][2],
                               a[mt][3]);
#pragma unroll
            for (int np = 0; np < BN / 16; np++) {
                uint32_t b0, b1, b2, b3;
                pa_ldmatrix_x4(kt + k_off + np * 16 * RB + (((2 * kk) ^ k_ch) << 4), b0, b1, b2, b3);
#pragma unroll
                for (int mt = 0; mt < MT; mt++) {
                    pa_mma_16816<T>(s[mt][2 * np], a[mt], b0, b1);
                    pa_mma_16816<T>(s[mt][2 * np + 1], a[mt], b2, b3);
                }
            }
        }

        if (p.softcap_on) { /* 1: softcap; 2: negative scale, applied here so the max stays a max */
#pragma unroll
            for (int mt = 0; mt < MT; mt++)
#pragma unroll
                for (int j = 0; j < BN / 8; j++)
#pragma unroll
                    for (int e = 0; e < 4; e++)
                        s[mt][j][e] = p.softcap_on == 1 ? p.sc_out * pa_tanh(p.sc_in * s[mt][j][e])
                                                        : p.sc_out * s[mt][j][e];
        }

        /* masking: keys past the end / bad pages (bitmask), causal diagonal, window edge */
        const uint64_t vm = s_mask[stage];
        const bool need = vm != FULL || (p.causal && n0 + BN - 1 > q0 + off) ||
                          (p.window_left >= 0 && n0 < qhi + off - p.window_left);
        if (need) {
#pragma unroll
            for (int mt = 0; mt < MT; mt++)
#pragma unroll
                for (int hf = 0; hf < 2; hf++) {
                    const int i = q0 + wr0 + mt * 16 + hf * 8 + (lane >> 2);
                    const int hi = p.causal ? i + off : INT32_MAX;
                    const int lo = p.window_left >= 0 ? i + off - p.window_left : INT32_MIN;
#pragma unroll
                    for (int j = 0; j < BN / 8; j++)
#pragma unroll
                        for (int e = 0; e < 2; e++) {
                            const int c = j * 8 + 2 * (lane & 3) + e;
                            const int key = n0 + c;
                            if (!((vm >> c) & 1) || key > hi || key < lo) s[mt][j][2 * hf + e] = -INFINITY;
                        }
                }
        }

        /* Online softmax (a row lives on the 4 lanes of a quad). Lazy rescale: the reference max
         * moves only when a row's max grows by more than RESCALE_LOG2 (P then stays <= 2^8), and O
         * is rescaled only when some row of the warp moved; after the first tiles that is rare. */
        float alpha[MT][2];
        bool moved = false;
#pragma unroll
        for (int mt = 0; mt < MT; mt++)
#pragma unroll
            for (int hf = 0; hf < 2; hf++) {
                float mx = s[mt][0][2 * hf];
#pragma unroll
                for (int j = 0; j < BN / 8; j++) mx = fmaxf(mx, fmaxf(s[mt][j][2 * hf], s[mt][j][2 * hf + 1]));
                mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
                mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
                const float m_old = row_m[mt][hf];
                const bool up = mx > m_old && (m_old == -INFINITY || (mx - m_old) * sl2 > RESCALE_LOG2);
                alpha[mt][hf] = 1.f;
                if (up) {
                    alpha[mt][hf] = pa_exp2((m_old - mx) * sl2); /* m_old = -inf: 0 */
                    row_m[mt][hf] = mx;
                    moved = true;
                }
                const float m_use = row_m[mt][hf];
                const float ref = m_use == -INFINITY ? 0.f : m_use * sl2;
                float sum = 0.f;
#pragma unroll
                for (int j = 0; j < BN / 8; j++)
#pragma unroll
                    for (int e = 0; e < 2; e++) {
                        float pv = pa_exp2(fmaf(s[mt][j][2 * hf + e], sl2, -ref));
                        s[mt][j][2 * hf + e] = pv;
                        sum += pv;
                    }
                row_l[mt][hf] = row_l[mt][hf] * alpha[mt][hf] + sum;
            }
        if (__any_sync(0xffffffffu, moved)) {
#pragma unroll
            for (int mt = 0; mt < MT; mt++)
#pragma unroll
                for (int j = 0; j < D / 8; j++) {
                    o[mt][j][0] *= alpha[mt][0];
                    o[mt][j][1] *= alpha[mt][0];
                    o[mt][j][2] *= alpha[mt][1];
                    o[mt][j][3] *= alpha[mt][1];
                }
        }

        pa_cp_async_wait<1>();
        __syncthreads();
        if (it + 1 < ntiles) {
            issue_rows(sV + (stage ^ 1) * C::KV_BYTES, v_ptr(tile - 1, pg));
            if (it + 2 < ntiles) pg = page_of(tile - 2); /* page ids one tile ahead */
        }
        pa_cp_async_commit();

        /* O += P V */
        const uint32_t vt = sV + stage * C::KV_BYTES;
#pragma unroll
        for (int kk = 0; kk < BN / 16; kk++) {
            uint32_t a[MT][4];
#pragma unroll
            for (int mt = 0; mt < MT; mt++) {
                a[mt][0] = pa_pack2<T>(s[mt][2 * kk][0], s[mt][2 * kk][1]);
                a[mt][1] = pa_pack2<T>(s[mt][2 * kk][2], s[mt][2 * kk][3]);
                a[mt][2] = pa_pack2<T>(s[mt][2 * kk + 1][0], s[mt][2 * kk + 1][1]);
                a[mt][3] = pa_pack2<T>(s[mt][2 * kk + 1][2], s[mt][2 * kk + 1][3]);
            }
#pragma unroll
            for (int dp = 0; dp < D / 16; dp++) {
                uint32_t b0, b1, b2, b3;
                pa_ldmatrix_x4_trans(vt + v_off + kk * 16 * RB + (((2 * dp) ^ v_ch) << 4), b0, b1, b2, b3);
#pragma unroll
                for (int mt = 0; mt < MT; mt++) {
                    pa_mma_16816<T>(o[mt][2 * dp], a[mt], b0, b1);
                    pa_mma_16816<T>(o[mt][2 * dp + 1], a[mt], b2, b3);
                }
            }
        }
    };
    for (int it = 0; it < ntiles; it += 2) {
        step(std::integral_constant<int, 0>(), it);
        if (it + 1 < ntiles) step(std::integral_constant<int, 1>(), it + 1);
    }
    pa_cp_async_wait<0>();
    /* Re-derived after the loop (volatile load) so they are not held in registers across it. */
    const int qs_e = p.cu_q ? *(volatile const int32_t *)(p.cu_q + blockIdx.z) : (int)blockIdx.z * p.max_sq;
    T *out_e = (T *)p.o + ((int64_t)qs_e * p.o_st + (int64_t)blockIdx.y * p.o_sh);

    /* ---- epilogue: normalize, stage this warp's rows in its own Q rows, write 16-byte rows ---- */
#pragma unroll
    for (int mt = 0; mt < MT; mt++)
#pragma unroll
        for (int hf = 0; hf < 2; hf++) {
            float l = row_l[mt][hf];
            l += __shfl_xor_sync(0xffffffffu, l, 1);
            l += __shfl_xor_sync(0xffffffffu, l, 2);
            const float inv = l > 0.f ? 1.f / l : 0.f;
            const int r = wr0 + mt * 16 + hf * 8 + (lane >> 2);
#pragma unroll
            for (int j = 0; j < D / 8; j++) {
                uint32_t v = pa_pack2<T>(o[mt][j][2 * hf] * inv, o[mt][j][2 * hf + 1] * inv);
                uint32_t a = sQ + r * RB + ((j ^ (r & 7)) << 4) + (lane & 3) * 4;
                asm volatile("st.shared.b32 [%0], %1;\n" ::"r"(a), "r"(v) : "memory");
            }
            if (p.lse && (lane & 3) == 0 && q0 + r < sq)
                p.lse[(int64_t)(qs_e + q0 + r) * gridDim.y + blockIdx.y] =
                    l > 0.f ? (row_m[mt][hf] * sl2 + __log2f(l)) * 0.69314718055994531f : -INFINITY;
        }
    __syncwarp();
    constexpr int ROWS_W = 16 * MT;
#pragma unroll
    for (int i = 0; i < ROWS_W * C::CPR / 32; i++) {
        const int idx = i * 32 + lane;
        const int r = wr0 + idx / C::CPR, c = idx % C::CPR;
        if (q0 + r >= sq) continue;
        uint32_t w0, w1, w2, w3;
        asm volatile("ld.shared.v4.b32 {%0, %1, %2, %3}, [%4];\n"
                     : "=r"(w0), "=r"(w1), "=r"(w2), "=r"(w3)
                     : "r"(sQ + r * RB + ((c ^ (r & 7)) << 4)));
        T *dst = out_e + (int64_t)(q0 + r) * p.o_st + c * 8;
        if (VEC) {
            *reinterpret_cast<uint4 *>(dst) = make_uint4(w0, w1, w2, w3);
        } else {
            uint32_t w[4] = {w0, w1, w2, w3};
            uint16_t *d16 = reinterpret_cast<uint16_t *>(dst);
#pragma unroll
            for (int e = 0; e < 4; e++) { d16[2 * e] = (uint16_t)w[e]; d16[2 * e + 1] = (uint16_t)(w[e] >> 16); }
        }
    }
}

/* ---- host side ---------------------------------------------------------------------------- */
int smem_bytes(int d)
{
    return d == 64 ? Cfg<64>::SMEM : d == 128 ? Cfg<128>::SMEM : d == 256 ? Cfg<256>::SMEM : 0;
}
bool aligned16(const void *ptr) { return ((uintptr_t)ptr & 15) == 0; }

bool vec_ok(const pa__problem *pb)
{
    return aligned16(pb->q) && aligned16(pb->k) && aligned16(pb->v) && aligned16(pb->out) &&
           (pb->q_stride_token | pb->q_stride_head | pb->k_stride_page | pb->k_stride_token | pb->k_stride_head |
            pb->v_stride_page | pb->v_stride_token | pb->v_stride_head | pb->o_stride_token | pb->o_stride_head) %
                   8 == 0;
}

template <typename T, int D, bool VEC>
pa_status launch(pa_context *ctx, const pa__problem *pb, const Params &prm)
{
    using C = Cfg<D>;
    auto kern = sm80_prefill_kernel<T, D, VEC>;
    /* the attribute is per device; setting it again is harmless, so threads racing to set it are
     * fine (the flags are atomic: no data race) */
    static int attr_done[64];
    int dev = ctx->device;
    if (dev < 0 || dev >= 64 || !__atomic_load_n(&attr_done[dev], __ATOMIC_ACQUIRE)) {
        cudaError_t e = cudaFuncSetAttribute(kern, cudaFuncAttributeMaxDynamicSharedMemorySize, C::SMEM);
        if (e != cudaSuccess) {
            (void)cudaGetLastError();
            return pa__fail(ctx, PA_ERR_CUDA, "sm80 prefill: cudaFuncSetAttribute: %s", cudaGetErrorString(e));
        }
        if (dev >= 0 && dev < 64) __atomic_store_n(&attr_done[dev], 1, __ATOMIC_RELEASE);
    }
    dim3 grid((unsigned)(((int64_t)pb->max_seqlen_q + C::BLOCK_M - 1) / C::BLOCK_M), (unsigned)pb->num_heads,
              (unsigned)pb->batch);
    kern<<<grid, C::THREADS, C::SMEM, (cudaStream_t)ctx->stream>>>(prm);
    cudaError_t e = cudaGetLastError();
    if (e != cudaSuccess)
        return pa__fail(ctx, PA_ERR_CUDA, "sm80 prefill launch (grid %u x %u x %u): %s", grid.x, grid.y, grid.z,
                        cudaGetErrorString(e));
    return PA_OK;
}

template <typename T>
pa_status launch_d(pa_context *ctx, const pa__problem *pb, const Params &prm, bool vec)
{
    switch (pb->head_dim) {
    case 64:  return vec ? launch<T, 64, true>(ctx, pb, prm) : launch<T, 64, false>(ctx, pb, prm);
    case 128: return vec ? launch<T, 128, true>(ctx, pb, prm) : launch<T, 128, false>(ctx, pb, prm);
    default:  return vec ? launch<T, 256, true>(ctx, pb, prm) : launch<T, 256, false>(ctx, pb, prm);
    }
}

} // namespace

extern "C" int pa__sm80_supports(const pa_context *ctx, const pa__problem *pb, char *why, size_t n)
{
    if (pb->dtype != PA_DTYPE_BF16 && pb->dtype != PA_DTYPE_F16) {
        snprintf(why, n, "dtype %d: only bf16 and f16 (f32 has no tensor-core path here)", (int)pb->dtype);
        return 0;
    }
    if (pb->head_dim != 64 && pb->head_dim != 128 && pb->head_dim != 256) {
        snprintf(why, n, "head_dim %d: only 64, 128 and 256", pb->head_dim);
        return 0;
    }
    if (ctx->cc_major < 8) {
        snprintf(why, n, "compute capability %d.%d: needs 8.0 or newer", ctx->cc_major, ctx->cc_minor);
        return 0;
    }
    if ((size_t)smem_bytes(pb->head_dim) > ctx->smem_optin) {
        snprintf(why, n, "needs %d bytes of shared memory per block, the device allows %zu",
                 smem_bytes(pb->head_dim), ctx->smem_optin);
        return 0;
    }
    if (pb->num_heads > 65535 || pb->batch > 65535 || pb->batch < 1 || pb->num_heads < 1 || pb->max_seqlen_q < 0) {
        snprintf(why, n, "grid: heads %d and batch %d must be in 1..65535", pb->num_heads, pb->batch);
        return 0;
    }
    if (pb->page_size < 1) {
        snprintf(why, n, "page_size %d < 1", pb->page_size);
        return 0;
    }
    return 1;
}

extern "C" size_t pa__sm80_workspace(const pa_context *ctx, const pa__problem *pb) { return 0; }

extern "C" pa_status pa__sm80_attention(pa_context *ctx, const pa__problem *pb, void *ws, size_t ws_bytes)
{
    char why[256] = "";
    if (!pa__sm80_supports(ctx, pb, why, sizeof why))
        return pa__fail(ctx, PA_ERR_UNSUPPORTED, "sm80 prefill: %s", why);
    if (pb->max_seqlen_q == 0 || pb->batch == 0) return PA_OK;
    Params prm;
    memset(&prm, 0, sizeof prm);
    prm.q = pb->q; prm.k = pb->k; prm.v = pb->v; prm.o = pb->out; prm.lse = pb->lse;
    prm.q_st = pb->q_stride_token; prm.q_sh = pb->q_stride_head;
    prm.k_sp = pb->k_stride_page; prm.k_st = pb->k_stride_token; prm.k_sh = pb->k_stride_head;
    prm.v_sp = pb->v_stride_page; prm.v_st = pb->v_stride_token; prm.v_sh = pb->v_stride_head;
    prm.o_st = pb->o_stride_token; prm.o_sh = pb->o_stride_head;
    prm.cu_q = pb->cu_seqlens_q; prm.seq_lens = pb->seq_lens; prm.pt = pb->page_table;
    prm.pt_stride = pb->page_table_stride;
    prm.max_sq = pb->max_seqlen_q; prm.max_sk = pb->max_seq_len;
    prm.group = pb->group > 0 ? pb->group : 1;
    prm.num_pages = pb->num_pages; prm.page_size = pb->page_size;
    prm.causal = pb->causal != 0; prm.window_left = pb->window_left < 0 ? -1 : pb->window_left;
    prm.pdiv = pa_fastdiv_init((uint32_t)pb->page_size);
    prm.gdiv = pa_fastdiv_init((uint32_t)prm.group);
    const float log2e = 1.4426950408889634f;
    if (pb->softcap > 0.f) {
        prm.softcap_on = 1; prm.sl2 = 1.f;
        prm.sc_in = pb->scale / pb->softcap; prm.sc_out = pb->softcap * log2e;
    } else {
        prm.softcap_on = 0; prm.sl2 = pb->scale * log2e;
        if (pb->scale < 0.f) { prm.softcap_on = 2; prm.sl2 = 1.f; prm.sc_out = pb->scale * log2e; }
    }
    const bool vec = vec_ok(pb);
    return pb->dtype == PA_DTYPE_BF16 ? launch_d<__nv_bfloat16>(ctx, pb, prm, vec)
                                      : launch_d<__half>(ctx, pb, prm, vec);
}
