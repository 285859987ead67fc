/*
 * Stand-alone driver for the sm80 prefill kernel (until tests/harness.c can force it):
 *   drv check [ncases] [seed]   random cases vs a double CPU reference, NaN-poisoned outputs,
 *                               NaN in unused pages / slots past the end, bad page ids
 *   drv bench [reps]            seed shape (bf16 d128 B4 H16 8k): contiguous vs fragmented pages
 * Calls pa__sm80_attention directly with a hand-made context (no api.c needed).
 */
#include "internal.h"
#include <cuda_runtime.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <vector>
#include <algorithm>
#include <string>

extern "C" pa_status pa__fail(pa_context *ctx, pa_status s, const char *fmt, ...)
{
    if (ctx) { va_list ap; va_start(ap, fmt); vsnprintf(ctx->err, sizeof ctx->err, fmt, ap); va_end(ap); }
    return s;
}

#define CK(x) do { cudaError_t e_ = (x); if (e_ != cudaSuccess) { printf("CUDA %s at %s:%d: %s\n", #x, __FILE__, __LINE__, cudaGetErrorString(e_)); exit(2); } } while (0)

static uint64_t rs;
static uint64_t rnd() { rs += 0x9E3779B97F4A7C15ull; uint64_t z = rs; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull; z = (z ^ (z >> 27)) * 0x94D049BB133111EBull; return z ^ (z >> 31); }
static int ri(int lo, int hi) { return lo + (int)(rnd() % (uint64_t)(hi - lo + 1)); }
static double ru() { return (rnd() >> 11) * (1.0 / 9007199254740992.0); }

static uint16_t f2h(pa_dtype t, float f) { if (t == PA_DTYPE_BF16) return pa__f32_to_bf16(f); __half h = __float2half_rn(f); return *(uint16_t *)&h; }
static float h2f(pa_dtype t, uint16_t u) { if (t == PA_DTYPE_BF16) return pa__bf16_to_f32(u); __half h; *(uint16_t *)&h = u; return __half2float(h); }

static pa_context g_ctx;

static void init_ctx(cudaStream_t st)
{
    memset(&g_ctx, 0, sizeof g_ctx);
    g_ctx.backend = PA_BACKEND_CUDA; g_ctx.usable = 1; g_ctx.stream = st; g_ctx.device = 0;
    cudaDeviceProp p; CK(cudaGetDeviceProperties(&p, 0));
    g_ctx.cc_major = p.major; g_ctx.cc_minor = p.minor; g_ctx.num_sms = p.multiProcessorCount;
    g_ctx.smem_optin = p.sharedMemPerBlockOptin;
    printf("device: %s, cc %d.%d, %d SMs, smem optin %zu\n", p.name, p.major, p.minor, p.multiProcessorCount, g_ctx.smem_optin);
}

/* ---------------------------------------------------------------------------------- check */
struct Case {
    pa_dtype dt; int d, B, H, Hkv, ps, contiguous, causal, wl, hnd, pad, varlen, lse, bad, misalign;
    float softcap, scale_mul;
    int maxq, maxk;
};

static std::string case_str(const Case &c)
{
    char b[512];
    snprintf(b, sizeof b, "%s d%d B%d H%d/%d ps%d%s causal%d wl%d softcap%.1f scale*%.1f %s pad%d varlen%d lse%d bad%d mis%d maxq%d maxk%d",
             c.dt == PA_DTYPE_BF16 ? "bf16" : "f16", c.d, c.B, c.H, c.Hkv, c.ps, c.contiguous ? "(contig)" : "", c.causal, c.wl,
             c.softcap, c.scale_mul, c.hnd ? "HND" : "NHD", c.pad, c.varlen, c.lse, c.bad, c.misalign, c.maxq, c.maxk);
    return b;
}

static int run_case(const Case &c, int idx, double *worst)
{
    const pa_dtype dt = c.dt;
    const int d = c.d, B = c.B, H = c.H, Hkv = c.Hkv, G = H / Hkv;
    std::vector<int> ql(B), kl(B), cu(B + 1, 0);
    int maxq = 0, maxk = 0;
    for (int b = 0; b < B; b++) {
        ql[b] = c.varlen ? ri(0, c.maxq) : c.maxq;
        kl[b] = ri(0, 10) == 0 ? 0 : ri(std::max(1, c.maxk / 3), c.maxk);
        if (ri(0, 3) == 0) kl[b] = c.maxk;
        cu[b + 1] = cu[b] + ql[b];
        maxq = std::max(maxq, ql[b]); maxk = std::max(maxk, kl[b]);
    }
    if (!c.varlen) maxq = c.maxq;
    const int total_q = c.varlen ? cu[B] : B * maxq;
    const int dpad = d + (c.misalign ? 1 : c.pad ? 8 : 0);
    /* q / out: NHD rows [t][h][dpad] or HND [h][t][dpad] */
    const int64_t q_st = c.hnd ? dpad : (int64_t)H * dpad, q_sh = c.hnd ? (int64_t)total_q * dpad : dpad;
    const size_t q_elems = (size_t)total_q * H * dpad + 8;
    /* cache */
    int ps, num_pages; std::vector<int32_t> pt; int pt_stride = 0;
    if (c.contiguous) { ps = std::max(maxk, 1) + ri(0, 5); num_pages = B; }
    else {
        ps = c.ps;
        int maxpages = (maxk + ps - 1) / ps; pt_stride = maxpages + ri(0, 2);
        int need = 0; for (int b = 0; b < B; b++) need += (kl[b] + ps - 1) / ps;
        num_pages = need * 2 + 3;
        std::vector<int> perm(num_pages); for (int i = 0; i < num_pages; i++) perm[i] = i;
        for (int i = num_pages - 1; i > 0; i--) std::swap(perm[i], perm[ri(0, i)]);
        pt.assign((size_t)B * std::max(pt_stride, 1), -777777);
        int k = 0;
        for (int b = 0; b < B; b++) for (int i = 0; i < (kl[b] + ps - 1) / ps; i++) pt[(size_t)b * pt_stride + i] = perm[k++];
    }
    const int64_t k_sh = c.hnd ? (int64_t)ps * dpad : dpad, k_st = c.hnd ? dpad : (int64_t)Hkv * dpad, k_sp = (int64_t)ps * Hkv * dpad;
    const size_t kv_elems = (size_t)num_pages * k_sp + 8;
    const int off_el = c.misalign ? 1 : 0; /* misaligned base pointers too */
    std::vector<uint16_t> hq(q_elems), hk(kv_elems), hv(kv_elems);
    const uint16_t NaNh = dt == PA_DTYPE_BF16 ? 0x7fc0 : 0x7e00;
    std::fill(hq.begin(), hq.end(), NaNh); std::fill(hk.begin(), hk.end(), NaNh); std::fill(hv.begin(), hv.end(), NaNh);
    std::vector<float> Q((size_t)total_q * H * d), K, V; /* logical: K[b][j][hkv][d] */
    std::vector<size_t> koff_b(B + 1, 0);
    for (int b = 0; b < B; b++) koff_b[b + 1] = koff_b[b] + kl[b];
    K.resize(koff_b[B] * Hkv * d); V.resize(koff_b[B] * Hkv * d);
    for (int t = 0; t < total_q; t++) for (int h = 0; h < H; h++) for (int e = 0; e < d; e++) {
        uint16_t u = f2h(dt, (float)(ru() * 2 - 1)); Q[((size_t)t * H + h) * d + e] = h2f(dt, u);
        hq[off_el + t * q_st + h * q_sh + e] = u;
    }
    /* bad page ids: replace a few table entries with out-of-range ids; their keys are masked */
    std::vector<std::vector<char>> keymask(B);
    for (int b = 0; b < B; b++) {
        keymask[b].assign(kl[b], 1);
        if (!c.contiguous && c.bad)
            for (int i = 0; i < (kl[b] + ps - 1) / ps; i++)
                if (ri(0, 4) == 0) {
                    pt[(size_t)b * pt_stride + i] = ri(0, 1) ? num_pages + ri(0, 100) : -ri(1, 100);
                    for (int j = i * ps; j < std::min(kl[b], (i + 1) * ps); j++) keymask[b][j] = 0;
                }
    }
    for (int b = 0; b < B; b++) for (int j = 0; j < kl[b]; j++) {
        int page, slot;
        if (c.contiguous) { page = b; slot = j; } else { page = pt[(size_t)b * pt_stride + j / ps]; slot = j % ps; }
        bool inb = page >= 0 && page < num_pages;
        for (int h = 0; h < Hkv; h++) for (int e = 0; e < d; e++) {
            uint16_t uk = f2h(dt, (float)(ru() * 2 - 1)), uv = f2h(dt, (float)(ru() * 2 - 1));
            size_t li = ((koff_b[b] + j) * Hkv + h) * d + e;
            K[li] = h2f(dt, uk); V[li] = h2f(dt, uv);
            if (inb) { size_t pi = off_el + page * k_sp + slot * k_st + h * k_sh + e; hk[pi] = uk; hv[pi] = uv; }
        }
    }
    /* device */
    void *dq, *dk, *dv, *dout; float *dlse = nullptr; int32_t *dpt = nullptr, *dsl, *dcu = nullptr;
    CK(cudaMalloc(&dq, q_elems * 2)); CK(cudaMalloc(&dk, kv_elems * 2)); CK(cudaMalloc(&dv, kv_elems * 2)); CK(cudaMalloc(&dout, q_elems * 2));
    CK(cudaMemcpy(dq, hq.data(), q_elems * 2, cudaMemcpyHostToDevice));
    CK(cudaMemcpy(dk, hk.data(), kv_elems * 2, cudaMemcpyHostToDevice));
    CK(cudaMemcpy(dv, hv.data(), kv_elems * 2, cudaMemcpyHostToDevice));
    CK(cudaMemset(dout, 0xff, q_elems * 2)); /* NaN poison */
    if (c.lse) { CK(cudaMalloc(&dlse, (size_t)total_q * H * 4)); CK(cudaMemset(dlse, 0xff, (size_t)total_q * H * 4)); }
    if (!c.contiguous) { CK(cudaMalloc(&dpt, pt.size() * 4)); CK(cudaMemcpy(dpt, pt.data(), pt.size() * 4, cudaMemcpyHostToDevice)); }
    CK(cudaMalloc(&dsl, B * 4)); CK(cudaMemcpy(dsl, kl.data(), B * 4, cudaMemcpyHostToDevice));
    if (c.varlen) { CK(cudaMalloc(&dcu, (B + 1) * 4)); CK(cudaMemcpy(dcu, cu.data(), (B + 1) * 4, cudaMemcpyHostToDevice)); }

    pa__problem pb; memset(&pb, 0, sizeof pb);
    pb.dtype = dt; pb.batch = B; pb.num_heads = H; pb.num_kv_heads = Hkv; pb.head_dim = d; pb.group = G;
    pb.q = (uint16_t *)dq + off_el; pb.q_stride_token = q_st; pb.q_stride_head = q_sh; pb.cu_seqlens_q = dcu; pb.max_seqlen_q = maxq;
    pb.k = (uint16_t *)dk + off_el; pb.v = (uint16_t *)dv + off_el;
    pb.k_stride_page = k_sp; pb.k_stride_token = k_st; pb.k_stride_head = k_sh;
    pb.v_stride_page = k_sp; pb.v_stride_token = k_st; pb.v_stride_head = k_sh;
    pb.page_size = ps; pb.num_pages = num_pages; pb.page_table = dpt; pb.page_table_stride = pt_stride;
    pb.seq_lens = dsl; pb.max_seq_len = std::max(maxk, 0);
    pb.scale = c.scale_mul / sqrtf((float)d); pb.softcap = c.softcap; pb.causal = c.causal; pb.window_left = c.wl; pb.num_splits = 0;
    pb.out = (uint16_t *)dout + off_el; pb.o_stride_token = q_st; pb.o_stride_head = q_sh; pb.lse = dlse;
    char why[256] = "";
    if (!pa__sm80_supports(&g_ctx, &pb, why, sizeof why)) { printf("case %d unsupported: %s\n", idx, why); return 1; }
    pa_status s = pa__sm80_attention(&g_ctx, &pb, nullptr, 0);
    if (s != PA_OK) { printf("case %d: status %d %s\n", idx, (int)s, g_ctx.err); return 1; }
    CK(cudaStreamSynchronize((cudaStream_t)g_ctx.stream));
    CK(cudaGetLastError());
    std::vector<uint16_t> ho(q_elems), ho2(q_elems); std::vector<float> hl(c.lse ? (size_t)total_q * H : 0), hl2(hl.size());
    CK(cudaMemcpy(ho.data(), dout, q_elems * 2, cudaMemcpyDeviceToHost));
    if (c.lse) CK(cudaMemcpy(hl.data(), dlse, hl.size() * 4, cudaMemcpyDeviceToHost));
    /* determinism: run again into a re-poisoned buffer, must be bit-identical */
    CK(cudaMemset(dout, 0xff, q_elems * 2));
    s = pa__sm80_attention(&g_ctx, &pb, nullptr, 0);
    CK(cudaStreamSynchronize((cudaStream_t)g_ctx.stream));
    CK(cudaMemcpy(ho2.data(), dout, q_elems * 2, cudaMemcpyDeviceToHost));
    if (c.lse) CK(cudaMemcpy(hl2.data(), dlse, hl.size() * 4, cudaMemcpyDeviceToHost));
    bool det = memcmp(ho.data(), ho2.data(), q_elems * 2) == 0 && (!c.lse || memcmp(hl.data(), hl2.data(), hl.size() * 4) == 0);

    /* reference */
    const double scale = pb.scale;
    double maxerr = 0, maxlse = 0; long bad = 0; long firstbad = -1;
    for (int b = 0; b < B; b++) {
        const int sq = ql[b], sk = kl[b], q0 = c.varlen ? cu[b] : b * maxq;
#pragma omp parallel for schedule(dynamic) reduction(max : maxerr, maxlse) reduction(+ : bad)
        for (int ih = 0; ih < sq * H; ih++) {
            const int i = ih / H, h = ih % H;
            std::vector<double> sc, acc(d);
            const int hk_ = h / G;
            sc.assign(sk, -INFINITY);
            double mx = -INFINITY;
            for (int j = 0; j < sk; j++) {
                if (!keymask[b][j]) continue;
                if (c.causal && j > i + sk - sq) continue;
                if (c.wl >= 0 && j < i + sk - sq - c.wl) continue;
                double dot = 0;
                const float *qp = &Q[((size_t)(q0 + i) * H + h) * d], *kp = &K[((koff_b[b] + j) * Hkv + hk_) * d];
                for (int e = 0; e < d; e++) dot += (double)qp[e] * kp[e];
                dot *= scale;
                if (c.softcap > 0) dot = c.softcap * tanh(dot / c.softcap);
                sc[j] = dot; mx = std::max(mx, dot);
            }
            std::fill(acc.begin(), acc.end(), 0.0);
            double sum = 0;
            if (mx > -INFINITY)
                for (int j = 0; j < sk; j++) {
                    if (sc[j] == -INFINITY) continue;
                    double pj = exp(sc[j] - mx); sum += pj;
                    const float *vp = &V[((koff_b[b] + j) * Hkv + hk_) * d];
                    for (int e = 0; e < d; e++) acc[e] += pj * vp[e];
                }
            const size_t ob = off_el + (size_t)(q0 + i) * q_st + (size_t)h * q_sh;
            for (int e = 0; e < d; e++) {
                double ref = sum > 0 ? acc[e] / sum : 0.0;
                float got = h2f(dt, ho[ob + e]);
                double err = fabs(got - ref);
                if (!(err <= maxerr)) maxerr = std::isnan(err) ? INFINITY : std::max(maxerr, err);
                double tol = dt == PA_DTYPE_BF16 ? 1.6e-2 : 4e-3;
                if (!(err <= tol)) { if (firstbad < 0) firstbad = (long)((b * 100000 + i) * 1000 + h); bad++; }
            }
            if (c.lse) {
                double lref = sum > 0 ? mx + log(sum) : -INFINITY;
                float got = hl[(size_t)(q0 + i) * H + h];
                double err = (lref == -INFINITY) ? (got == -INFINITY ? 0 : INFINITY) : fabs(got - lref);
                if (!(err <= maxlse)) maxlse = std::isnan(err) ? INFINITY : std::max(maxlse, err);
                if (!(err <= 2e-3 * std::max(1.0, fabs(lref)))) bad++;
            }
        }
    }
    /* padding between rows (pad/misalign) must be untouched: check padded columns still poisoned */
    long touched = 0;
    if (dpad > d)
        for (int t = 0; t < total_q; t++) for (int h = 0; h < H; h++)
            for (int e = d; e < dpad && off_el + t * q_st + h * q_sh + e < (int64_t)q_elems; e++)
                if (ho[off_el + t * q_st + h * q_sh + e] != 0xffff) touched++;
    worst[0] = std::max(worst[0], maxerr);
    bool ok = bad == 0 && det && touched == 0;
    printf("%s case %3d: %s | maxerr %.3g lse %.3g%s%s\n", ok ? "ok  " : "FAIL", idx, case_str(c).c_str(), maxerr, maxlse,
           det ? "" : " NONDETERMINISTIC", touched ? " PADDING-WRITTEN" : "");
    if (bad) printf("     %ld bad elements (first b/i/h code %ld)\n", bad, firstbad);
    cudaFree(dq); cudaFree(dk); cudaFree(dv); cudaFree(dout); cudaFree(dlse); cudaFree(dpt); cudaFree(dsl); cudaFree(dcu);
    return ok ? 0 : 1;
}

static int check(int n, uint64_t seed)
{
    rs = seed;
    const int pss[] = {1, 3, 4, 8, 16, 32, 48, 64, 100, 128, 256, 672};
    int fails = 0; double worst = 0;
    for (int i = 0; i < n; i++) {
        Case c; memset(&c, 0, sizeof c);
        c.dt = ri(0, 1) ? PA_DTYPE_BF16 : PA_DTYPE_F16;
        const int ds[] = {64, 128, 256}; c.d = ds[ri(0, 2)];
        c.B = ri(1, 3);
        const int gs[] = {1, 1, 2, 4, 8}; int g = gs[ri(0, 4)];
        c.Hkv = ri(1, 2); c.H = c.Hkv * g;
        if (ri(0, 5) == 0) { c.Hkv = 1; c.H = ri(2, 6); } /* MQA */
        c.contiguous = ri(0, 5) == 0;
        c.ps = pss[ri(0, 11)];
        c.causal = ri(0, 1); c.wl = ri(0, 3) == 0 ? ri(0, 300) : -1;
        c.softcap = ri(0, 4) == 0 ? 5.0f + ri(0, 30) : 0.f;
        c.scale_mul = ri(0, 3) == 0 ? 4.0f : 1.0f;
        if (ri(0, 9) == 0) c.scale_mul = 16.0f;
        if (ri(0, 9) == 0) c.scale_mul = -c.scale_mul;
        c.hnd = ri(0, 1); c.pad = ri(0, 2) == 0; c.varlen = ri(0, 1); c.lse = ri(0, 3) != 0;
        c.bad = ri(0, 6) == 0; c.misalign = ri(0, 9) == 0;
        int big = ri(0, 4) == 0;
        c.maxq = big ? ri(1, 700) : ri(1, 300);
        c.maxk = big ? ri(1, 2500) : ri(1, 600);
        if (ri(0, 5) == 0) c.maxq = c.maxk; /* square */
        if (c.d == 256) { c.maxq = std::min(c.maxq, 400); c.maxk = std::min(c.maxk, 1200); }
        while ((double)c.B * c.maxq * c.maxk * c.H * c.d > 1.5e9 && c.maxk > 64) c.maxk /= 2;
        fails += run_case(c, i, &worst);
        fflush(stdout);
    }
    printf("check: %d cases, %d failed, worst abs err %.3g\n", n, fails, worst);
    return fails;
}

/* ---------------------------------------------------------------------------------- bench */
__global__ void fill_rand(uint16_t *p, size_t n, uint64_t seed)
{
    for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) {
        uint64_t z = (i + seed) * 0x9E3779B97F4A7C15ull; z ^= z >> 31; z *= 0xBF58476D1CE4E5B9ull; z ^= z >> 29;
        float f = ((z >> 40) * (1.0f / 16777216.0f)) * 2.f - 1.f;
        __nv_bfloat16 h = __float2bfloat16(f); p[i] = *(uint16_t *)&h;
    }
}
/* paged[page(b,j)][slot][h][d] = contig[b][j][h][d] */
__global__ void scatter_pages(const uint4 *src, uint4 *dst, const int32_t *pt, int pps, int ps, int S, int row_vec)
{
    const int b = blockIdx.y;
    for (int j = blockIdx.x; j < S; j += gridDim.x) {
        const int page = pt[b * pps + j / ps], slot = j % ps;
        const uint4 *s = src + ((size_t)b * S + j) * row_vec;
        uint4 *dd = dst + ((size_t)page * ps + slot) * row_vec;
        for (int e = threadIdx.x; e < row_vec; e += blockDim.x) dd[e] = s[e];
    }
}

static int bench(int reps)
{
    const int B = 4, H = 16, d = 128, S = 8192;
    const size_t row = (size_t)H * d; /* elements per token */
    const size_t n_q = (size_t)B * S * row;
    uint16_t *dq, *dout, *dout_ref, *dk, *dv; void *flush;
    CK(cudaMalloc(&dq, n_q * 2)); CK(cudaMalloc(&dout, n_q * 2)); CK(cudaMalloc(&dout_ref, n_q * 2));
    CK(cudaMalloc(&dk, n_q * 2)); CK(cudaMalloc(&dv, n_q * 2)); CK(cudaMalloc(&flush, 256 << 20));
    fill_rand<<<1024, 256>>>(dq, n_q, 1); fill_rand<<<1024, 256>>>(dk, n_q, 2); fill_rand<<<1024, 256>>>(dv, n_q, 3);
    int32_t *dsl; std::vector<int32_t> sl(B, S);
    CK(cudaMalloc(&dsl, B * 4)); CK(cudaMemcpy(dsl, sl.data(), B * 4, cudaMemcpyHostToDevice));
    cudaStream_t st = (cudaStream_t)g_ctx.stream;
    cudaEvent_t e0, e1; CK(cudaEventCreate(&e0)); CK(cudaEventCreate(&e1));

    pa__problem pb; memset(&pb, 0, sizeof pb);
    pb.dtype = PA_DTYPE_BF16; pb.batch = B; pb.num_heads = H; pb.num_kv_heads = H; pb.head_dim = d; pb.group = 1;
    pb.q = dq; pb.q_stride_token = row; pb.q_stride_head = d; pb.max_seqlen_q = S;
    pb.seq_lens = dsl; pb.max_seq_len = S; pb.scale = 1.f / sqrtf((float)d); pb.window_left = -1;
    pb.o_stride_token = row; pb.o_stride_head = d;

    auto time_it = [&](pa__problem &p) -> double {
        std::vector<float> ts;
        for (int r = 0; r < reps + 3; r++) {
            CK(cudaMemsetAsync(flush, r, 256 << 20, st));
            CK(cudaEventRecord(e0, st));
            pa_status s = pa__sm80_attention(&g_ctx, &p, nullptr, 0);
            CK(cudaEventRecord(e1, st));
            if (s != PA_OK) { printf("bench: %s\n", g_ctx.err); exit(3); }
            CK(cudaEventSynchronize(e1));
            float ms; CK(cudaEventElapsedTime(&ms, e0, e1));
            if (r >= 3) ts.push_back(ms);
        }
        std::sort(ts.begin(), ts.end());
        return ts[ts.size() / 2];
    };
    const int page_sizes[] = {1, 3, 4, 8, 16, 32, 48, 64, 100, 128, 256};
    printf("\n%-8s %-7s %10s %9s %9s %s\n", "causal", "page", "ms", "TFLOPS", "overhead", "bit-identical");
    std::vector<std::string> lines;
    for (int causal = 0; causal < 2; causal++) {
        const double flops = 4.0 * B * H * (double)S * (causal ? S / 2.0 : (double)S) * d;
        /* contiguous baseline: sequence b is page b */
        pb.causal = causal; pb.k = dk; pb.v = dv; pb.page_table = nullptr; pb.page_size = S; pb.num_pages = B;
        pb.k_stride_page = (int64_t)S * row; pb.k_stride_token = row; pb.k_stride_head = d;
        pb.v_stride_page = pb.k_stride_page; pb.v_stride_token = row; pb.v_stride_head = d;
        pb.out = dout_ref;
        double base = time_it(pb);
        char ln[256];
        snprintf(ln, sizeof ln, "%-8d %-7s %10.3f %9.1f %9s %s", causal, "contig", base, flops / base * 1e-9, "-", "-");
        puts(ln); lines.push_back(ln);
        std::vector<uint16_t> ref(n_q), got(n_q);
        CK(cudaMemcpy(ref.data(), dout_ref, n_q * 2, cudaMemcpyDeviceToHost));
        for (int ps : page_sizes) {
            const int pps = (S + ps - 1) / ps, pool = 3 * B * pps;
            std::vector<int> perm(pool); for (int i = 0; i < pool; i++) perm[i] = i;
            rs = 1234 + ps; for (int i = pool - 1; i > 0; i--) std::swap(perm[i], perm[ri(0, i)]);
            std::vector<int32_t> pt((size_t)B * pps); for (size_t i = 0; i < pt.size(); i++) pt[i] = perm[i];
            int32_t *dpt; uint16_t *pk, *pv; const size_t pool_el = (size_t)pool * ps * row;
            CK(cudaMalloc(&dpt, pt.size() * 4)); CK(cudaMemcpy(dpt, pt.data(), pt.size() * 4, cudaMemcpyHostToDevice));
            CK(cudaMalloc(&pk, pool_el * 2)); CK(cudaMalloc(&pv, pool_el * 2));
            fill_rand<<<1024, 256>>>(pk, pool_el, 7); fill_rand<<<1024, 256>>>(pv, pool_el, 8);
            scatter_pages<<<dim3(1024, B), 256>>>((const uint4 *)dk, (uint4 *)pk, dpt, pps, ps, S, (int)(row / 8));
            scatter_pages<<<dim3(1024, B), 256>>>((const uint4 *)dv, (uint4 *)pv, dpt, pps, ps, S, (int)(row / 8));
            CK(cudaGetLastError());
            pa__problem pp = pb;
            pp.k = pk; pp.v = pv; pp.page_table = dpt; pp.page_table_stride = pps; pp.page_size = ps; pp.num_pages = pool;
            pp.k_stride_page = (int64_t)ps * row; pp.v_stride_page = pp.k_stride_page; pp.out = dout;
            CK(cudaMemset(dout, 0xff, n_q * 2));
            double t = time_it(pp);
            CK(cudaMemcpy(got.data(), dout, n_q * 2, cudaMemcpyDeviceToHost));
            bool same = memcmp(got.data(), ref.data(), n_q * 2) == 0;
            char pl[16]; snprintf(pl, sizeof pl, "%d", ps);
            snprintf(ln, sizeof ln, "%-8d %-7s %10.3f %9.1f %+8.1f%% %s", causal, pl, t, flops / t * 1e-9, (t / base - 1) * 100, same ? "yes" : "NO");
            puts(ln); lines.push_back(ln);
            cudaFree(dpt); cudaFree(pk); cudaFree(pv);
        }
        pb.out = dout_ref;
        double base2 = time_it(pb);
        snprintf(ln, sizeof ln, "%-8d %-7s %10.3f %9.1f %9s %s", causal, "contig2", base2, flops / base2 * 1e-9, "-", "(again, after)");
        puts(ln); lines.push_back(ln);
    }
    printf("\n== summary (bf16 d128 B4 H16 8k, fragmented tables, median of %d) ==\n", reps);
    printf("%-8s %-7s %10s %9s %9s %s\n", "causal", "page", "ms", "TFLOPS", "overhead", "bit-identical");
    for (auto &l : lines) puts(l.c_str());
    return 0;
}

int main(int argc, char **argv)
{
    cudaStream_t st; CK(cudaStreamCreateWithFlags(&st, cudaStreamNonBlocking));
    init_ctx(st);
    if (argc > 1 && !strcmp(argv[1], "check")) return check(argc > 2 ? atoi(argv[2]) : 100, argc > 3 ? strtoull(argv[3], 0, 10) : 1) ? 1 : 0;
    if (argc > 1 && !strcmp(argv[1], "bench")) return bench(argc > 2 ? atoi(argv[2]) : 10);
    printf("usage: drv check [n] [seed] | drv bench [reps]\n");
    return 2;
}
