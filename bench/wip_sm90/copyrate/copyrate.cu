/* Session 71: how fast can a few SMs copy a paged cache into a contiguous one? (the copy beside the
 * attention, M82, runs at ~30 GB/s an SM, RESULTS 3.3f, and its cost to the call is about the SM
 * time it holds). Standalone: a random NHD pool, its table, the contiguous NHD copy; kernels on k
 * persistent blocks walking the (sequence, kv head) items in order, each block a share of each item.
 *   reg    the library's shape: 768 threads, 4 chunks of K and V a thread a step in registers, the
 *          next step's page ids loaded ahead; FENCE=1 adds the library's per-item fence.proxy.async
 *          + red.release per warp
 *   lds    cp.async (LDGSTS) into a per-thread shared-memory ring STAGES steps deep, then ld.shared +
 *          st.global: the bytes in flight bounded by shared memory instead of registers
 *   tma    one thread drives a ring of tensor-map boxes (a page of one kv head a box)
 *   bulk2  1-D bulk copies of whole pages (every kv head: one span), no division in the loop;
 *          stores by bulk copies or by MW warps from shared memory (M105's scheme)
 * (The runs of RESULTS 3.4x also timed bulk / bulkld / bulkmw, bulk2's predecessors with
 * divisions in the loop, and more lds / reg shapes: in this file's history.)
 * Prints GB/s an SM (bytes of K and V read / time / blocks) and checks the copy. */
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <vector>
#include <algorithm>
#include <random>
#include <cuda_runtime.h>
#include <cuda.h>
#include <cudaTypedefs.h>

#define CK(x) do { cudaError_t e_ = (x); if (e_ != cudaSuccess) { printf("CUDA %s at %d\n", cudaGetErrorString(e_), __LINE__); exit(1); } } while (0)

struct P {
    const char *k, *v; char *dk, *dv;
    const int *table; int pt_stride, ps, S, Hk, cph, items;
    long long k_sp, k_st;          /* bytes: page stride, token stride (NHD: Hk*d*2) */
    unsigned *ready;
};

template <int FENCE>
__global__ void __launch_bounds__(768, 1) k_reg(P p)
{
    const int t = threadIdx.x, lane = t & 31;
    const int n = p.S * p.cph;                         /* chunks of one item (K) */
    for (int item = 0; item < p.items; item++) {
        const int b = item / p.Hk, h = item - b * p.Hk;
        const int lo = (int)((long long)n * blockIdx.x / gridDim.x), hi = (int)((long long)n * (blockIdx.x + 1) / gridDim.x);
        const int *pt = p.table + (long long)b * p.pt_stride;
        const long long db = ((long long)b * p.S * p.Hk + h) * p.cph * 16, drow = (long long)p.Hk * p.cph * 16;
        int pg[4];
        for (int base = lo; base < hi; base += 768 * 4) {
#pragma unroll
            for (int u = 0; u < 4; u++) { const int i = base + t + 768 * u; pg[u] = i < hi ? pt[(i / p.cph) / p.ps] : 0; }
            uint4 xk[4], xv[4];
#pragma unroll
            for (int u = 0; u < 4; u++) {
                const int i = base + t + 768 * u;
                if (i < hi) {
                    const int j = i / p.cph, c = i - j * p.cph, slot = j % p.ps;
                    const long long s = pg[u] * p.k_sp + slot * p.k_st + (long long)h * p.cph * 16 + c * 16;
                    xk[u] = __ldg((const uint4 *)(p.k + s)); xv[u] = __ldg((const uint4 *)(p.v + s));
                }
            }
#pragma unroll
            for (int u = 0; u < 4; u++) {
                const int i = base + t + 768 * u;
                if (i < hi) {
                    const int j = i / p.cph, c = i - j * p.cph;
                    const long long o = db + j * drow + c * 16;
                    *(uint4 *)(p.dk + o) = xk[u]; *(uint4 *)(p.dv + o) = xv[u];
                }
            }
        }
        if (FENCE) {
            asm volatile("fence.proxy.async.global;\n" ::: "memory");
            __syncwarp();
            if (lane == 0) asm volatile("red.release.gpu.global.add.u32 [%0], 1;\n" :: "l"(p.ready + item) : "memory");
        }
    }
}

/* per-thread ring: STAGES steps of U chunks of K and V */
template <int THREADS, int U, int STAGES>
__global__ void __launch_bounds__(THREADS, 1) k_lds(P p)
{
    extern __shared__ uint4 ring[];   /* [STAGES][U][2][THREADS] */
    const int t = threadIdx.x;
    const int n = p.S * p.cph;
    const long long drow = (long long)p.Hk * p.cph * 16;
    /* a flat walk over (item, step): step s of item covers chunks lo + s*THREADS*U ... */
    int lo = 0, hi = 0, steps = 0;
    auto share = [&](int item, int &l, int &hh) {
        l = (int)((long long)n * blockIdx.x / gridDim.x); hh = (int)((long long)n * (blockIdx.x + 1) / gridDim.x);
    };
    share(0, lo, hi);
    steps = (hi - lo + THREADS * U - 1) / (THREADS * U);
    const long long total = (long long)steps * p.items;   /* every item has the same share size here */
    const unsigned sbase = (unsigned)__cvta_generic_to_shared(ring);
    for (long long g = 0; g < total + STAGES - 1; g++) {
        if (g < total) {   /* issue step g */
            const int item = (int)(g / steps), s = (int)(g - (long long)item * steps);
            const int b = item / p.Hk, h = item - b * p.Hk;
            const int *pt = p.table + (long long)b * p.pt_stride;
            const int st = (int)(g % STAGES);
#pragma unroll
            for (int u = 0; u < U; u++) {
                const int i = lo + s * THREADS * U + u * THREADS + t;
                if (i < hi) {
                    const int j = i / p.cph, c = i - j * p.cph;
                    const int pg = pt[j / p.ps], slot = j % p.ps;
                    const long long sr = pg * p.k_sp + slot * p.k_st + (long long)h * p.cph * 16 + c * 16;
                    const unsigned dk = sbase + (unsigned)((((st * U + u) * 2 + 0) * THREADS + t) * 16);
                    const unsigned dv = sbase + (unsigned)((((st * U + u) * 2 + 1) * THREADS + t) * 16);
                    asm volatile("cp.async.cg.shared.global [%0], [%1], 16;\n" :: "r"(dk), "l"(p.k + sr) : "memory");
                    asm volatile("cp.async.cg.shared.global [%0], [%1], 16;\n" :: "r"(dv), "l"(p.v + sr) : "memory");
                }
            }
        }
        asm volatile("cp.async.commit_group;\n" ::: "memory");
        const long long r = g - (STAGES - 1);
        if (r >= 0) {   /* retire step r */
            asm volatile("cp.async.wait_group %0;\n" :: "n"(STAGES - 1) : "memory");
            const int item = (int)(r / steps), s = (int)(r - (long long)item * steps);
            const int b = item / p.Hk, h = item - b * p.Hk;
            const long long db = ((long long)b * p.S * p.Hk + h) * p.cph * 16;
            const int st = (int)(r % STAGES);
#pragma unroll
            for (int u = 0; u < U; u++) {
                const int i = lo + s * THREADS * U + u * THREADS + t;
                if (i < hi) {
                    const int j = i / p.cph, c = i - j * p.cph;
                    const long long o = db + j * drow + c * 16;
                    *(uint4 *)(p.dk + o) = ring[((st * U + u) * 2 + 0) * THREADS + t];
                    *(uint4 *)(p.dv + o) = ring[((st * U + u) * 2 + 1) * THREADS + t];
                }
            }
        }
    }
}


/* tma: one thread drives a ring of STAGES (K, V) box pairs, a box being one page of one kv head
 * (4-D maps over the pool and the copy, no swizzle); TMA loads complete on the stage's mbarrier,
 * TMA stores (one bulk group a pair) drain it, L = STAGES / 2 pairs ahead (session 71: the first version, one thread loading each page id in turn, took ~500 ns a pair at every size: the lookup's latency; the warp now loads 32 ids ahead). SIG=1: at the end of each
 * item's share the block waits for its stores to complete and releases a counter (the attention's
 * signal), SIG=0 not. */
struct TP { int items, Hk, ppseq, ps; const int *table; int pt_stride; unsigned *ready; };
template <int STAGES, int SIG>
__global__ void __launch_bounds__(32, 1) k_tma(const __grid_constant__ CUtensorMap mk, const __grid_constant__ CUtensorMap mv,
                                                 const __grid_constant__ CUtensorMap dk, const __grid_constant__ CUtensorMap dv,
                                                 const TP p, int box_bytes)
{
    extern __shared__ __align__(1024) unsigned char sm[];
    const int lane = threadIdx.x;   /* one warp: the lanes load the page ids 32 boxes at a time, lane 0 issues */
    const unsigned base = (unsigned)__cvta_generic_to_shared(sm);
    const unsigned bars = base + 2u * STAGES * box_bytes;
    if (lane == 0) {
        for (int s = 0; s < STAGES; s++) asm volatile("mbarrier.init.shared::cta.b64 [%0], 1;\n" :: "r"(bars + 8 * s) : "memory");
        asm volatile("fence.mbarrier_init.release.cluster;\n" ::: "memory");
    }
    __syncwarp();
    const int lo = (int)((long long)p.ppseq * blockIdx.x / gridDim.x), hi = (int)((long long)p.ppseq * (blockIdx.x + 1) / gridDim.x);
    const int nb = hi - lo;
    if (nb <= 0) return;
    const long long N = (long long)nb * p.items;
    constexpr int L = STAGES / 2;   /* loads ahead; STAGES - L - 1 stores may still be reading the ring */
    auto page_of = [&](long long n) {   /* box n's page id (-1 past the end) */
        if (n >= N) return -1;
        const int item = (int)(n / nb), q = lo + (int)(n - (long long)item * nb);
        const int b = item / p.Hk;
        return p.table[(long long)b * p.pt_stride + q];
    };
    int pg_cur = page_of(lane), pg_next = page_of(32 + lane);   /* boxes [n0, n0 + 32) and the next 32 */
    for (long long n = 0; n < N + L; n++) {
        if (n < N) {
            if ((n & 31) == 0 && n > 0) { pg_cur = pg_next; pg_next = page_of(n + 32 + lane); }
            const int page = __shfl_sync(0xffffffffu, pg_cur, (int)(n & 31));
            const int s = (int)(n % STAGES);
            const int item = (int)(n / nb);
            const int b = item / p.Hk, h = item - b * p.Hk;
            (void)b;
            const unsigned bar = bars + 8 * s, sk = base + (unsigned)(2 * s) * box_bytes, sv = sk + box_bytes;
            if (lane == 0) {
                if (n >= STAGES) asm volatile("cp.async.bulk.wait_group.read %0;\n" :: "n"(STAGES - L - 1) : "memory");
                asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;\n" :: "r"(bar), "r"(2 * box_bytes) : "memory");
                asm volatile("cp.async.bulk.tensor.4d.shared::cluster.global.tile.mbarrier::complete_tx::bytes [%0], [%1, {%2, %3, %4, %5}], [%6];\n"
                             :: "r"(sk), "l"(&mk), "r"(0), "r"(h), "r"(0), "r"(page), "r"(bar) : "memory");
                asm volatile("cp.async.bulk.tensor.4d.shared::cluster.global.tile.mbarrier::complete_tx::bytes [%0], [%1, {%2, %3, %4, %5}], [%6];\n"
                             :: "r"(sv), "l"(&mv), "r"(0), "r"(h), "r"(0), "r"(page), "r"(bar) : "memory");
            }
        }
        if (n >= L && lane == 0) {
            const long long m = n - L;
            const int s = (int)(m % STAGES);
            const unsigned bar = bars + 8 * s, sk = base + (unsigned)(2 * s) * box_bytes, sv = sk + box_bytes;
            const unsigned par = (unsigned)((m / STAGES) & 1);
            asm volatile("{\n.reg .pred p;\nW: mbarrier.try_wait.parity.shared::cta.b64 p, [%0], %1;\n@!p bra W;\n}\n" :: "r"(bar), "r"(par) : "memory");
            const int item = (int)(m / nb), q = lo + (int)(m - (long long)item * nb);
            const int b = item / p.Hk, h = item - b * p.Hk;
            asm volatile("cp.async.bulk.tensor.4d.global.shared::cta.tile.bulk_group [%0, {%1, %2, %3, %4}], [%5];\n"
                         :: "l"(&dk), "r"(0), "r"(h), "r"(q * p.ps), "r"(b), "r"(sk) : "memory");
            asm volatile("cp.async.bulk.tensor.4d.global.shared::cta.tile.bulk_group [%0, {%1, %2, %3, %4}], [%5];\n"
                         :: "l"(&dv), "r"(0), "r"(h), "r"(q * p.ps), "r"(b), "r"(sv) : "memory");
            asm volatile("cp.async.bulk.commit_group;\n" ::: "memory");
            if (SIG && q == hi - 1) {
                asm volatile("cp.async.bulk.wait_group 0;\n" ::: "memory");
                asm volatile("fence.proxy.async.global;\n" ::: "memory");
                asm volatile("red.release.gpu.global.add.u32 [%0], 1;\n" :: "l"(p.ready + item) : "memory");
            }
        }
    }
    if (lane != 0) return;
    asm volatile("cp.async.bulk.wait_group 0;\n" ::: "memory");
}

static PFN_cuTensorMapEncodeTiled_v12000 encode_fn()
{
    void *ptr = nullptr; cudaDriverEntryPointQueryResult q;
    CK(cudaGetDriverEntryPointByVersion("cuTensorMapEncodeTiled", &ptr, 12000, cudaEnableDefault, &q));
    return (PFN_cuTensorMapEncodeTiled_v12000)ptr;
}
static CUtensorMap map4(void *g, int d, int Hk, long long rows, long long outer, long long s_row, long long s_outer, int box_rows)
{
    CUtensorMap m;
    cuuint64_t dims[4] = { (cuuint64_t)d, (cuuint64_t)Hk, (cuuint64_t)rows, (cuuint64_t)outer };
    cuuint64_t str[3] = { (cuuint64_t)d * 2, (cuuint64_t)s_row, (cuuint64_t)s_outer };
    cuuint32_t box[4] = { (cuuint32_t)d, 1, (cuuint32_t)box_rows, 1 }, es[4] = { 1, 1, 1, 1 };
    CUresult r = encode_fn()(&m, CU_TENSOR_MAP_DATA_TYPE_BFLOAT16, 4, g, dims, str, box, es, CU_TENSOR_MAP_INTERLEAVE_NONE,
                             CU_TENSOR_MAP_SWIZZLE_NONE, CU_TENSOR_MAP_L2_PROMOTION_L2_256B, CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE);
    if (r != CUDA_SUCCESS) { printf("encode failed %d\n", (int)r); exit(1); }
    return m;
}

/* bulk: 1-D bulk copies (cp.async.bulk, no tensor map) of contiguous spans: in an NHD pool a page of
 * every kv head is one span (ps x Hk x d x 2 bytes), and so are its rows in the NHD copy. Items are
 * sequences; a block takes a share of each sequence's pages, each page in chunks of at most CH
 * bytes; one warp (lane 0 issues, the lanes load page ids 32 chunks ahead); the ring holds STAGES
 * (K, V) chunk pairs, L = STAGES / 2 ahead. */
struct BP { int B, S, ppseq, ps; long long row, k_sp; const int *table; const char *k, *v; char *dk, *dv; };
/* bulk2: k_bulk without a division in the loop (session 71: bulk's rate grew with the chunk, a
 * fixed ~700 ns a chunk pair at 4..16 KB: its 64-bit divisions, twice a chunk, in lane 0's loop).
 * Counters (sequence, page, chunk) step for the loads and for the stores; the lanes find the page
 * ids of the next 32 chunks once every 32. MW > 0: the stores by MW warps from shared memory
 * (k_bulkmw's scheme), else TMA stores by lane 0. */
struct Ctr { int b, q, c; };
template <int STAGES, int CH, int MW>
__global__ void __launch_bounds__(32 * (MW + 1), 1) k_bulk2(const BP p)
{
    extern __shared__ __align__(1024) unsigned char sm[];
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const unsigned base = (unsigned)__cvta_generic_to_shared(sm);
    const unsigned full = base + 2u * STAGES * CH, empty = full + 8 * STAGES;
    if (threadIdx.x == 0) {
        for (int s = 0; s < STAGES; s++) {
            asm volatile("mbarrier.init.shared::cta.b64 [%0], 1;\n" :: "r"(full + 8 * s) : "memory");
            asm volatile("mbarrier.init.shared::cta.b64 [%0], %1;\n" :: "r"(empty + 8 * s), "r"(MW > 0 ? MW : 1) : "memory");
        }
        asm volatile("fence.mbarrier_init.release.cluster;\n" ::: "memory");
    }
    __syncthreads();
    const int pbytes = p.ps * (int)p.row;
    const int nc = (pbytes + CH - 1) / CH;
    const int lo = (int)((long long)p.ppseq * blockIdx.x / gridDim.x), hi = (int)((long long)p.ppseq * (blockIdx.x + 1) / gridDim.x);
    const int nb = (hi - lo) * nc;
    if (nb <= 0) return;
    const int N = nb * p.B;
    auto step = [&](Ctr &x) { if (++x.c == nc) { x.c = 0; if (++x.q == hi) { x.q = lo; x.b++; } } };
    auto bytes_of = [&](const Ctr &x) {
        const int valid = min(p.ps, p.S - x.q * p.ps) * (int)p.row, left = valid - x.c * CH;
        return left <= 0 ? 0 : (left < CH ? left : CH);
    };
    auto dst_of = [&](const Ctr &x) { return ((long long)x.b * p.S + (long long)x.q * p.ps) * p.row + (long long)x.c * CH; };
    constexpr int L = MW > 0 ? STAGES : STAGES / 2;
    if (warp == 0) {
        auto page_of = [&](int n) {
            if (n >= N) return -1;
            const int b = n / nb, q = lo + (n - b * nb) / nc;
            return p.table[(long long)b * p.ppseq + q];
        };
        int pg_cur = page_of(lane), pg_next = page_of(32 + lane);
        Ctr li = { 0, lo, 0 }, si = { 0, lo, 0 };
        unsigned phase = 0;   /* the full barriers' parity for the stores (MW == 0) */
        for (int n = 0; n < N + (MW > 0 ? 0 : L); n++) {
            if (n < N) {
                if ((n & 31) == 0 && n > 0) { pg_cur = pg_next; pg_next = page_of(n + 32 + lane); }
                const int page = __shfl_sync(0xffffffffu, pg_cur, n & 31);
                if (lane == 0) {
                    const int s = n % STAGES, bytes = bytes_of(li);
                    const unsigned fb = full + 8 * s, sk = base + (unsigned)(2 * s) * CH, sv = sk + CH;
                    if (MW > 0 && n >= STAGES)
                        asm volatile("{\n.reg .pred p;\nW: mbarrier.try_wait.parity.shared::cta.b64 p, [%0], %1;\n@!p bra W;\n}\n"
                                     :: "r"(empty + 8 * s), "r"((unsigned)(((n / STAGES) - 1) & 1)) : "memory");
                    if (MW == 0 && n >= STAGES) asm volatile("cp.async.bulk.wait_group.read %0;\n" :: "n"(STAGES - L - 1) : "memory");
                    const long long off = (long long)li.c * CH;
                    asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;\n" :: "r"(fb), "r"(2 * bytes) : "memory");
                    if (bytes > 0) {
                        asm volatile("cp.async.bulk.shared::cluster.global.mbarrier::complete_tx::bytes [%0], [%1], %2, [%3];\n"
                                     :: "r"(sk), "l"(p.k + page * p.k_sp + off), "r"(bytes), "r"(fb) : "memory");
                        asm volatile("cp.async.bulk.shared::cluster.global.mbarrier::complete_tx::bytes [%0], [%1], %2, [%3];\n"
                                     :: "r"(sv), "l"(p.v + page * p.k_sp + off), "r"(bytes), "r"(fb) : "memory");
                    }
                    step(li);
                }
            }
            if (MW == 0 && n >= L && lane == 0) {
                const int m = n - L, s = m % STAGES, bytes = bytes_of(si);
                const unsigned fb = full + 8 * s, sk = base + (unsigned)(2 * s) * CH, sv = sk + CH;
                asm volatile("{\n.reg .pred p;\nW: mbarrier.try_wait.parity.shared::cta.b64 p, [%0], %1;\n@!p bra W;\n}\n"
                             :: "r"(fb), "r"(phase) : "memory");
                if (s == STAGES - 1) phase ^= 1;
                const long long d = dst_of(si);
                if (bytes > 0) {
                    asm volatile("cp.async.bulk.global.shared::cta.bulk_group [%0], [%1], %2;\n" :: "l"(p.dk + d), "r"(sk), "r"(bytes) : "memory");
                    asm volatile("cp.async.bulk.global.shared::cta.bulk_group [%0], [%1], %2;\n" :: "l"(p.dv + d), "r"(sv), "r"(bytes) : "memory");
                }
                asm volatile("cp.async.bulk.commit_group;\n" ::: "memory");
                step(si);
            }
        }
        if (MW == 0 && lane == 0) asm volatile("cp.async.bulk.wait_group 0;\n" ::: "memory");
        return;
    }
    const int t = threadIdx.x - 32;
    Ctr si = { 0, lo, 0 };
    unsigned phase = 0;
    for (int m = 0; m < N; m++) {
        const int s = m % STAGES, bytes = bytes_of(si);
        const unsigned sk = base + (unsigned)(2 * s) * CH, sv = sk + CH;
        asm volatile("{\n.reg .pred p;\nW: mbarrier.try_wait.parity.shared::cta.b64 p, [%0], %1;\n@!p bra W;\n}\n"
                     :: "r"(full + 8 * s), "r"(phase) : "memory");
        if (s == STAGES - 1) phase ^= 1;
        const long long d = dst_of(si);
#pragma unroll 4
        for (int o = t * 16; o < bytes; o += 512 * (MW > 0 ? MW : 1)) {
            uint4 xk, xv;
            asm volatile("ld.shared.v4.u32 {%0, %1, %2, %3}, [%4];\n" : "=r"(xk.x), "=r"(xk.y), "=r"(xk.z), "=r"(xk.w) : "r"(sk + o) : "memory");
            asm volatile("ld.shared.v4.u32 {%0, %1, %2, %3}, [%4];\n" : "=r"(xv.x), "=r"(xv.y), "=r"(xv.z), "=r"(xv.w) : "r"(sv + o) : "memory");
            *(uint4 *)(p.dk + d + o) = xk;
            *(uint4 *)(p.dv + d + o) = xv;
        }
        asm volatile("fence.proxy.async.shared::cta;\n" ::: "memory");
        __syncwarp();
        if (lane == 0) asm volatile("mbarrier.arrive.shared::cta.b64 _, [%0];\n" :: "r"(empty + 8 * s) : "memory");
        step(si);
    }
}

int main(int argc, char **argv)
{
    const int B = 4, S = 8192, Hk = 16;
    const int d = argc > 1 ? atoi(argv[1]) : 128, ps = argc > 2 ? atoi(argv[2]) : 16;
    const int cph = d / 8, per_seq = (S + ps - 1) / ps, pages = B * per_seq * 3;
    const long long row = (long long)Hk * d * 2, pool = (long long)pages * ps * row, out = (long long)B * S * row;
    char *k, *v, *dk, *dv; int *table; unsigned *ready;
    CK(cudaMalloc(&k, pool)); CK(cudaMalloc(&v, pool)); CK(cudaMalloc(&dk, out)); CK(cudaMalloc(&dv, out));
    CK(cudaMalloc(&ready, B * Hk * 4));
    CK(cudaMemset(dk, 0, out)); CK(cudaMemset(dv, 0, out));
    std::vector<int> perm(pages); for (int i = 0; i < pages; i++) perm[i] = i;
    std::mt19937 rng(71); std::shuffle(perm.begin(), perm.end(), rng);
    std::vector<int> tab(B * per_seq); for (int i = 0; i < B * per_seq; i++) tab[i] = perm[i];
    CK(cudaMalloc(&table, tab.size() * 4)); CK(cudaMemcpy(table, tab.data(), tab.size() * 4, cudaMemcpyHostToDevice));
    {   /* pool: byte pattern from the offset */
        std::vector<uint32_t> h(pool / 4); for (long long i = 0; i < pool / 4; i++) h[i] = (uint32_t)(i * 2654435761u);
        CK(cudaMemcpy(k, h.data(), pool, cudaMemcpyHostToDevice));
        for (auto &x : h) x ^= 0x5a5a5a5au;
        CK(cudaMemcpy(v, h.data(), pool, cudaMemcpyHostToDevice));
    }
    P p = { k, v, dk, dv, table, per_seq, ps, S, Hk, cph, B * Hk, (long long)ps * row, row, ready };
    const double bytes = 2.0 * out;   /* K and V read (as many written) */
    auto check = [&](const char *name) {
        std::vector<uint32_t> got(out / 4), src(pool / 4);
        CK(cudaMemcpy(got.data(), dk, out, cudaMemcpyDeviceToHost));
        CK(cudaMemcpy(src.data(), k, pool, cudaMemcpyDeviceToHost));
        long long bad = 0;
        for (int b = 0; b < B; b++) for (int j = 0; j < S; j += 37) for (int w = 0; w < row / 4; w += 5) {
            const long long o = ((long long)b * S + j) * row / 4 + w;
            const long long s = ((long long)tab[b * per_seq + j / ps] * ps + j % ps) * row / 4 + w;
            bad += got[o] != src[s];
        }
        if (bad) printf("%s: %lld bad words\n", name, bad);
        CK(cudaMemset(dk, 0, out)); CK(cudaMemset(dv, 0, out));
        return bad == 0;
    };
    cudaEvent_t e0, e1; CK(cudaEventCreate(&e0)); CK(cudaEventCreate(&e1));
    auto time = [&](const char *name, int blocks, auto launch) {
        launch(blocks); CK(cudaDeviceSynchronize());
        const bool ok = blocks != 16 || check(name);
        float best = 1e30f;
        for (int r = 0; r < 5; r++) {
            CK(cudaMemset(ready, 0, B * Hk * 4));
            CK(cudaEventRecord(e0)); launch(blocks); CK(cudaEventRecord(e1)); CK(cudaEventSynchronize(e1));
            float ms; CK(cudaEventElapsedTime(&ms, e0, e1)); best = std::min(best, ms);
        }
        printf("d%d ps%d %-14s blocks %3d: %8.3f ms  %6.1f GB/s an SM  %7.1f GB/s%s\n", d, ps, name, blocks, best,
               bytes / (best * 1e-3) / blocks / 1e9, bytes / (best * 1e-3) / 1e9, ok ? "" : "  WRONG");
    };
    const int lds_smem = 6 * 4 * 2 * 256 * 16;
    CK(cudaFuncSetAttribute(k_lds<256, 4, 6>, cudaFuncAttributeMaxDynamicSharedMemorySize, lds_smem));
    const int lds2_smem = 3 * 4 * 2 * 512 * 16;
    CK(cudaFuncSetAttribute(k_lds<512, 4, 3>, cudaFuncAttributeMaxDynamicSharedMemorySize, lds2_smem));
    const int lds3_smem = 12 * 2 * 2 * 256 * 16;
    CK(cudaFuncSetAttribute(k_lds<256, 2, 12>, cudaFuncAttributeMaxDynamicSharedMemorySize, lds3_smem));
    const CUtensorMap mk = map4(k, d, Hk, ps, pages, row, (long long)ps * row, ps), mv = map4(v, d, Hk, ps, pages, row, (long long)ps * row, ps);
    const CUtensorMap mdk = map4(dk, d, Hk, S, B, row, (long long)S * row, ps), mdv = map4(dv, d, Hk, S, B, row, (long long)S * row, ps);
    const TP tp = { B * Hk, Hk, per_seq, ps, table, per_seq, ready };
    const int box = ps * d * 2;
    auto tma_smem = [&](int st) { return 2 * st * box + 8 * st + 1024; };
#define TMA_CFG(ST, SIG) \
    CK(cudaFuncSetAttribute(k_tma<ST, SIG>, cudaFuncAttributeMaxDynamicSharedMemorySize, std::min(tma_smem(ST), 227 * 1024)));
    TMA_CFG(8, 0) TMA_CFG(16, 0) TMA_CFG(32, 0) TMA_CFG(16, 1) TMA_CFG(32, 1)
    const BP bp = { B, S, per_seq, ps, row, (long long)ps * row, table, k, v, dk, dv };
#define B2_CFG(ST, CHB, W) CK(cudaFuncSetAttribute(k_bulk2<ST, CHB, W>, cudaFuncAttributeMaxDynamicSharedMemorySize, 2 * ST * CHB + 16 * ST + 1024));
    B2_CFG(8, 8192, 0) B2_CFG(16, 4096, 0) B2_CFG(6, 16384, 0) B2_CFG(12, 8192, 8) B2_CFG(6, 16384, 8)
    for (int blocks : {8, 16, 32}) {
        time("b2_8x8k", blocks, [&](int g) { k_bulk2<8, 8192, 0><<<g, 32, 2 * 8 * 8192 + 16 * 8 + 1024>>>(bp); });
        time("b2_16x4k", blocks, [&](int g) { k_bulk2<16, 4096, 0><<<g, 32, 2 * 16 * 4096 + 16 * 16 + 1024>>>(bp); });
        time("b2_6x16k", blocks, [&](int g) { k_bulk2<6, 16384, 0><<<g, 32, 2 * 6 * 16384 + 16 * 6 + 1024>>>(bp); });
        time("b2mw8_12x8k", blocks, [&](int g) { k_bulk2<12, 8192, 8><<<g, 288, 2 * 12 * 8192 + 16 * 12 + 1024>>>(bp); });
        time("b2mw8_6x16k", blocks, [&](int g) { k_bulk2<6, 16384, 8><<<g, 288, 2 * 6 * 16384 + 16 * 6 + 1024>>>(bp); });
        if (tma_smem(8) <= 227 * 1024) time("tma8", blocks, [&](int g) { k_tma<8, 0><<<g, 32, tma_smem(8)>>>(mk, mv, mdk, mdv, tp, box); });
        if (tma_smem(16) <= 227 * 1024) time("tma16", blocks, [&](int g) { k_tma<16, 0><<<g, 32, tma_smem(16)>>>(mk, mv, mdk, mdv, tp, box); });
        if (tma_smem(16) <= 227 * 1024) time("tma16+sig", blocks, [&](int g) { k_tma<16, 1><<<g, 32, tma_smem(16)>>>(mk, mv, mdk, mdv, tp, box); });
        time("reg", blocks, [&](int g) { k_reg<0><<<g, 768>>>(p); });
        time("lds512x4x3", blocks, [&](int g) { k_lds<512, 4, 3><<<g, 512, lds2_smem>>>(p); });
    }
    CK(cudaGetLastError());
    return 0;
}
