/*
 * rc_repro.cu: a standalone kernel with the protocol of the library's d64 "contiguous case 0"
 * launch (session 37 prepared it; racecheck stalls about half of the d64 TMA runs at that case,
 * RESULTS 3.2m..3.2o), to show whether compute-sanitizer's racecheck stalls on the protocol itself,
 * outside the library. Not part of the library or its tests; measurement only.
 *
 * What it keeps of the sm90 kernel (head_dim 64, bf16, non-paged cache):
 *   - 128 * (NWG + 1) threads: warpgroup 0 produces (setmaxnreg dec), NWG consumer warpgroups of
 *     64 query rows each (setmaxnreg inc); NWG = 3 (512 threads, 32 / 160) or 2 (384, 40 / 232);
 *   - Q by one TMA box (BM rows) on its own mbarrier; K and V tiles of BN = 128 keys by one TMA box
 *     each into a 2-stage ring, full barriers counting one arrival (expect_tx), empty barriers one
 *     arrival per consumer warp; producer warps 1 and 3 exit at once (M53's one-box tiles), warp 0
 *     issues K, warp 2 V; every producer lane waits on the empty barrier (M65) unless LANE0_WAIT;
 *   - tiles visited last first, so that the first holds the sequence end: before any P V the
 *     consumers zero V's rows past it (the cache holds NaN there), fence.proxy.async, bar.sync 1;
 *   - ping-pong between the consumer warpgroups on named barriers (count 256), S = Q K^T by wgmma
 *     m64n128k16 from shared memory, P = bf16(S / 8) with keys past the end masked to 0, O += P V
 *     by wgmma m64n64k16 with P from registers and V transposed from shared memory.
 * No softmax (not needed for the protocol); the host checks O against a double reference.
 *
 * Build (sm_90a): nvcc -O3 -std=c++17 -gencode=arch=compute_90a,code=sm_90a -Isrc -o rc_repro \
 *                 bench/wip_sm90/rc_repro.cu
 * Run: rc_repro [NWG (2|3)] [ROUNDS] [LANE0_WAIT (0|1)] [FLAGS (REPRO_*, to strip features)]: each round launches a 640-key case (4 CTAs
 * over 2 sequences, 5 tiles), the 1-key case (1 CTA, 64 query rows) and a 100-key case, checks
 * each, names each launch before it (flushed), and ends with "N passed, M failed".
 */
#include <cuda.h>
#include <cuda_runtime.h>
#include <cuda_bf16.h>
#include <cudaTypedefs.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cuda/sm90_ptx.cuh"
using namespace pa_sm90;

#define D 64
#define BN 128
#define STAGES 2
#define TILE_BYTES (BN * 128)
#define BAR_ZERO 1
#define BSCHED 2   /* 2 .. 1 + NWG: the ping-pong barriers */
#define BAR_REGS 6 /* REPRO_INC_AFTER */

struct repro_maps { CUtensorMap q, k, v; };
struct repro_params {
    float *o;            /* [batch][q_stride][D] */
    int sq, sk;          /* query rows, keys of each sequence */
    int q_stride;        /* Q rows a sequence in the Q tensor */
    int kv_stride;       /* K / V rows a sequence in the cache (> sk: the rest NaN) */
    int lane0_wait;      /* producers: lane 0 waits, then __syncwarp (else every lane waits) */
    int flags;           /* REPRO_*: features to strip once the full protocol stalls */
};
#define REPRO_NO_ZERO 1   /* no zero-fill / bar.sync 1 (the host writes zeros, not NaN, past the end of V) */
#define REPRO_NO_PING 2   /* no ping-pong named barriers */
#define REPRO_KEEP    4   /* producer warps 1 and 3 stay until the last tile's V is released */
#ifdef REPRO_NO_SETMAXNREG   /* build flag: no register split (ptxas: 122 registers, no spills, either NWG) */
#define REPRO_DEC(n)
#define REPRO_INC(n)
#elif defined(REPRO_NO_INC)  /* build flag: the producers give registers back, the consumers take none */
#define REPRO_DEC(n) setmaxnreg_dec<n>()
#define REPRO_INC(n)
#elif defined(REPRO_SLACK)   /* build flag: the consumers take 8 registers a thread fewer than the producers free */
#define REPRO_DEC(n) setmaxnreg_dec<n>()
#define REPRO_INC(n) setmaxnreg_inc<(n) - 8>()
#else
#define REPRO_DEC(n) setmaxnreg_dec<n>()
#define REPRO_INC(n) setmaxnreg_inc<n>()
#endif

template <int NWG>
__global__ void __launch_bounds__(128 * (NWG + 1), 1)
repro_kernel(const __grid_constant__ repro_maps maps, const repro_params p)
{
    constexpr int BM = 64 * NWG;
    extern __shared__ __align__(1024) uint8_t smem_raw[];
    const uint32_t base = (smem_u32(smem_raw) + 1023u) & ~1023u;
    const uint32_t sQ = base, sK = sQ + BM * 128, sV = sK + STAGES * TILE_BYTES, bars = sV + STAGES * TILE_BYTES;
    const uint32_t bar_q = bars, k_full = bars + 8, v_full = k_full + 8 * STAGES, k_empty = v_full + 8 * STAGES,
                   v_empty = k_empty + 8 * STAGES;
    const int b = blockIdx.y, m0 = blockIdx.x * BM;
    const int n_tiles = (p.sk + BN - 1) / BN;
    if (threadIdx.x == 0) {
        mbar_init(bar_q, 1);
        for (int s = 0; s < STAGES; s++) {
            mbar_init(k_full + 8 * s, 1);
            mbar_init(v_full + 8 * s, 1);
            mbar_init(k_empty + 8 * s, 4 * NWG);
            mbar_init(v_empty + 8 * s, 4 * NWG);
        }
        fence_mbar_init();
    }
    __syncthreads();

    if (threadIdx.x < 128) {
        REPRO_DEC(NWG == 3 ? 32 : 40);
#ifdef REPRO_INC_AFTER   /* build flag: the consumers take their registers only once the producers gave theirs back */
        named_bar_arrive(BAR_REGS, 128 * (NWG + 1));
#endif
        const int w = threadIdx.x >> 5, lane = threadIdx.x & 31;
        if (w == 1 || w == 3) {   /* one box a tile: nothing to load */
            if ((p.flags & REPRO_KEEP) && n_tiles > 0)   /* (an earlier phase of the same parity may end it early) */
                mbar_wait(v_empty + 8 * ((n_tiles - 1) % STAGES), (uint32_t)((n_tiles - 1) / STAGES) & 1u);
            return;
        }
        const bool is_v = w == 2;
        const CUtensorMap *map = is_v ? &maps.v : &maps.k;
        const uint32_t full = is_v ? v_full : k_full, empty = is_v ? v_empty : k_empty, buf = is_v ? sV : sK;
        if (!is_v && lane == 0) {
            mbar_arrive_expect_tx(bar_q, BM * 128);
            tma_load_4d(sQ, &maps.q, bar_q, 0, b * p.q_stride + m0, 0, 0);
        }
        for (int it = 0; it < n_tiles; it++) {
            const int stage = it % STAGES;
            const uint32_t parity = (uint32_t)(it / STAGES) & 1u;
            const int tile = n_tiles - 1 - it;   /* last first */
            if (p.lane0_wait) {
                if (lane == 0) mbar_wait(empty + 8 * stage, parity ^ 1u);
                __syncwarp();
            } else {
                mbar_wait(empty + 8 * stage, parity ^ 1u);
            }
            mbar_arrive_expect_tx_if(lane == 0, full + 8 * stage, TILE_BYTES);
            if (lane == 0) tma_load_4d(buf + stage * TILE_BYTES, map, full + 8 * stage, 0, b * p.kv_stride + tile * BN, 0, 0);
        }
        return;
    }

#ifdef REPRO_INC_AFTER
    named_bar_sync(BAR_REGS, 128 * (NWG + 1));
#endif
    REPRO_INC(NWG == 3 ? 160 : 232);
    const int wg = (threadIdx.x >> 7) - 1, t = threadIdx.x & 127, warp = t >> 5, lane = t & 31;
    float o[32];
#pragma unroll
    for (int i = 0; i < 32; i++) o[i] = 0.f;
    mbar_wait(bar_q, 0);
    if (n_tiles > 0) {
        if (p.sk % BN && !(p.flags & REPRO_NO_ZERO)) {   /* the first tile (the last one) holds the end: zero V's rows past it */
            mbar_wait(v_full, 0);
            const int r0 = p.sk % BN, chunks = (BN - r0) * 8;
            for (int idx = threadIdx.x - 128; idx < chunks; idx += 128 * NWG) {
                const uint32_t addr = sV + (r0 + idx / 8) * 128 + ((idx % 8) << 4);
                asm volatile("st.shared.v4.b32 [%0], {%1, %1, %1, %1};\n" :: "r"(addr), "r"(0) : "memory");
            }
            fence_proxy_async();
            named_bar_sync(BAR_ZERO, 128 * NWG);
        }
        if (wg == NWG - 1 && !(p.flags & REPRO_NO_PING)) named_bar_arrive(BSCHED, 256);   /* warpgroup 0 first */
    }
    const int next = wg == NWG - 1 ? 0 : wg + 1;
    for (int it = 0; it < n_tiles; it++) {
        const int stage = it % STAGES;
        const uint32_t parity = (uint32_t)(it / STAGES) & 1u;
        const int tile = n_tiles - 1 - it;
        float s[64];
        if (!(p.flags & REPRO_NO_PING)) named_bar_sync(BSCHED + wg, 256);
        mbar_wait(k_full + 8 * stage, parity);
        wgmma_fence();
#pragma unroll
        for (int kk = 0; kk < D / 16; kk++)
            wgmma_ss_bf16<0>(s, make_desc_sw128(sQ + wg * 64 * 128 + kk * 32, 16, 1024),
                             make_desc_sw128(sK + stage * TILE_BYTES + kk * 32, 16, 1024), kk > 0);
        wgmma_commit();
        if (!(wg == NWG - 1 && it == n_tiles - 1) && !(p.flags & REPRO_NO_PING)) named_bar_arrive(BSCHED + next, 256);
        wgmma_wait<0>();
        fence_regs(s);
        if (lane == 0) mbar_arrive(k_empty + 8 * stage);
        /* P = bf16(S / 8), keys past the end 0 (their K rows are NaN); column of s[4j + e]:
         * 8j + 2 (lane & 3) + (e & 1) */
        uint32_t pa[BN / 16][4];
#pragma unroll
        for (int kk = 0; kk < BN / 16; kk++)
#pragma unroll
            for (int r = 0; r < 4; r++) {
                const int j = 2 * kk + (r >> 1), e = 2 * (r & 1);
                const int c = tile * BN + 8 * j + 2 * (lane & 3);
                const float x0 = c < p.sk ? s[4 * j + e] * 0.125f : 0.f;
                const float x1 = c + 1 < p.sk ? s[4 * j + e + 1] * 0.125f : 0.f;
                __nv_bfloat162 h = __floats2bfloat162_rn(x0, x1);
                pa[kk][r] = *(uint32_t *)&h;
            }
        mbar_wait(v_full + 8 * stage, parity);
        wgmma_fence();
#pragma unroll
        for (int kk = 0; kk < BN / 16; kk++)
            wgmma_rs_bf16<1>(o, pa[kk], make_desc_sw128(sV + stage * TILE_BYTES + kk * 16 * 128, TILE_BYTES, 1024));
        wgmma_commit();
        wgmma_wait<0>();
        fence_regs(o);
        if (lane == 0) mbar_arrive(v_empty + 8 * stage);
    }
    const int row = m0 + wg * 64 + warp * 16 + (lane >> 2);
#pragma unroll
    for (int j = 0; j < 8; j++)
#pragma unroll
        for (int e = 0; e < 4; e++) {
            const int r = row + (e >> 1) * 8, c = 8 * j + 2 * (lane & 3) + (e & 1);
            if (r < p.sq) p.o[((int64_t)b * p.q_stride + r) * D + c] = o[4 * j + e];
        }
}

/* ---- host ------------------------------------------------------------------------------- */

#define CK(x) do { cudaError_t e_ = (x); if (e_ != cudaSuccess) { \
    printf("CUDA error %s at %s:%d\n", cudaGetErrorString(e_), __FILE__, __LINE__); exit(1); } } while (0)

static PFN_cuTensorMapEncodeTiled_v12000 encode_fn(void)   /* looked up once */
{
    static PFN_cuTensorMapEncodeTiled_v12000 fn = 0;
    void *ptr = 0;
    cudaDriverEntryPointQueryResult q;
    if (fn) return fn;
    if (cudaGetDriverEntryPointByVersion("cuTensorMapEncodeTiled", &ptr, 12000, cudaEnableDefault, &q) != cudaSuccess ||
        q != cudaDriverEntryPointSuccess) { printf("no cuTensorMapEncodeTiled\n"); exit(1); }
    return fn = (PFN_cuTensorMapEncodeTiled_v12000)ptr;
}

/* a [rows][64] bf16 tensor as a 4-D map (64, rows, 1, 1), box (64, box_rows, 1, 1), 128B swizzle */
static CUtensorMap make_map(const void *ptr, int rows, int box_rows)
{
    CUtensorMap m;
    cuuint64_t dims[4] = { D, (cuuint64_t)rows, 1, 1 };
    cuuint64_t strides[3] = { D * 2, (cuuint64_t)rows * D * 2, (cuuint64_t)rows * D * 2 };
    cuuint32_t box[4] = { D, (cuuint32_t)box_rows, 1, 1 }, es[4] = { 1, 1, 1, 1 };
    CUresult r = encode_fn()(&m, CU_TENSOR_MAP_DATA_TYPE_BFLOAT16, 4, (void *)ptr, dims, strides, box, es,
                             CU_TENSOR_MAP_INTERLEAVE_NONE, CU_TENSOR_MAP_SWIZZLE_128B,
                             CU_TENSOR_MAP_L2_PROMOTION_NONE, CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE);
    if (r != CUDA_SUCCESS) { printf("cuTensorMapEncodeTiled failed (%d)\n", (int)r); exit(1); }
    return m;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static float frand(void)
{
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return (float)((rng >> 40) & 0xffffff) / 16777216.f * 2.f - 1.f;
}
static float bf(float x) { return __bfloat162float(__float2bfloat16(x)); }

/* one launch: batch sequences of sq query rows over sk keys; returns 1 when O matches */
template <int NWG>
static int run_case(const char *name, int batch, int sq, int sk, int lane0_wait, int flags)
{
    const int BM = 64 * NWG, mblocks = (sq + BM - 1) / BM, q_stride = mblocks * BM;
    const int kv_stride = ((sk + BN - 1) / BN) * BN + BN;   /* NaN rows past sk, and room for the box */
    const size_t nq = (size_t)batch * q_stride * D, nkv = (size_t)batch * kv_stride * D;
    __nv_bfloat16 *hq = (__nv_bfloat16 *)malloc(nq * 2), *hk = (__nv_bfloat16 *)malloc(nkv * 2),
                  *hv = (__nv_bfloat16 *)malloc(nkv * 2);
    float *ho = (float *)malloc(nq * 4);
    for (size_t i = 0; i < nq; i++) hq[i] = __float2bfloat16(frand());
    for (size_t i = 0; i < nkv; i++) {
        const int r = (int)((i / D) % kv_stride);
        hk[i] = __float2bfloat16(r < sk ? frand() : NAN);
        hv[i] = __float2bfloat16(r < sk ? frand() : (flags & REPRO_NO_ZERO) ? 0.f : NAN);
    }
    __nv_bfloat16 *dq, *dk, *dv;
    float *dout;
    CK(cudaMalloc(&dq, nq * 2)); CK(cudaMalloc(&dk, nkv * 2)); CK(cudaMalloc(&dv, nkv * 2)); CK(cudaMalloc(&dout, nq * 4));
    CK(cudaMemcpy(dq, hq, nq * 2, cudaMemcpyHostToDevice));
    CK(cudaMemcpy(dk, hk, nkv * 2, cudaMemcpyHostToDevice));
    CK(cudaMemcpy(dv, hv, nkv * 2, cudaMemcpyHostToDevice));
    CK(cudaMemset(dout, 0xff, nq * 4));   /* NaN */
    repro_maps maps;
    maps.q = make_map(dq, batch * q_stride, BM);
    maps.k = make_map(dk, batch * kv_stride, BN);
    maps.v = make_map(dv, batch * kv_stride, BN);
    repro_params p = { dout, sq, sk, q_stride, kv_stride, lane0_wait, flags };
    const int smem = 1024 + BM * 128 + 2 * STAGES * TILE_BYTES + 64;
    CK(cudaFuncSetAttribute(repro_kernel<NWG>, cudaFuncAttributeMaxDynamicSharedMemorySize, smem));
    printf("[rc_repro] %s: NWG %d, flags %d, batch %d, %d query rows, %d keys, grid %dx%d\n", name, NWG, flags, batch, sq, sk,
           mblocks, batch);
    fflush(stdout);
    repro_kernel<NWG><<<dim3(mblocks, batch), 128 * (NWG + 1), smem>>>(maps, p);
    CK(cudaGetLastError());
    CK(cudaDeviceSynchronize());
    CK(cudaMemcpy(ho, dout, nq * 4, cudaMemcpyDeviceToHost));
    int bad = 0;
    for (int bb = 0; bb < batch && bad < 5; bb++)
        for (int r = 0; r < sq && bad < 5; r++) {
            const __nv_bfloat16 *q = hq + ((size_t)bb * q_stride + r) * D;
            double ref[D] = { 0 }, mag[D] = { 0 };
            for (int j = 0; j < sk; j++) {
                const __nv_bfloat16 *k = hk + ((size_t)bb * kv_stride + j) * D, *v = hv + ((size_t)bb * kv_stride + j) * D;
                double s = 0;
                for (int c = 0; c < D; c++) s += (double)__bfloat162float(q[c]) * __bfloat162float(k[c]);
                const double pj = bf((float)(s * 0.125));
                for (int c = 0; c < D; c++) { ref[c] += pj * __bfloat162float(v[c]); mag[c] += fabs(pj * __bfloat162float(v[c])); }
            }
            for (int c = 0; c < D; c++) {
                const double got = ho[((size_t)bb * q_stride + r) * D + c];
                if (!(fabs(got - ref[c]) <= 2e-2 * mag[c] + 1e-3)) {
                    if (bad++ < 5) printf("[rc_repro] %s FAIL b %d row %d col %d: got %g, want %g\n", name, bb, r, c, got, ref[c]);
                    break;
                }
            }
        }
    cudaFree(dq); cudaFree(dk); cudaFree(dv); cudaFree(dout);
    free(hq); free(hk); free(hv); free(ho);
    return bad == 0;
}

template <int NWG>
static void rounds(int n, int lane0_wait, int flags, int *passed, int *failed)
{
    for (int i = 0; i < n; i++) {
        char name[64];
        snprintf(name, sizeof name, "round %d, 640 keys", i);
        if (run_case<NWG>(name, 2, 256, 640, lane0_wait, flags)) ++*passed; else ++*failed;
        snprintf(name, sizeof name, "round %d, 1 key", i);
        if (run_case<NWG>(name, 1, 64, 1, lane0_wait, flags)) ++*passed; else ++*failed;
        snprintf(name, sizeof name, "round %d, 100 keys", i);
        if (run_case<NWG>(name, 2, 160, 100, lane0_wait, flags)) ++*passed; else ++*failed;
    }
}

int main(int argc, char **argv)
{
    const int nwg = argc > 1 ? atoi(argv[1]) : 3, n = argc > 2 ? atoi(argv[2]) : 3, l0 = argc > 3 ? atoi(argv[3]) : 0,
              flags = argc > 4 ? atoi(argv[4]) : 0;
    int passed = 0, failed = 0;
    if (nwg == 2) rounds<2>(n, l0, flags, &passed, &failed);
    else rounds<3>(n, l0, flags, &passed, &failed);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
