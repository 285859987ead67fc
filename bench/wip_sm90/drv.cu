/*
 * Driver for the sm90 prefill kernel alone: correctness against a double-precision CPU reference
 * (subset of rows on big shapes), NaN-poisoned outputs and unused cache slots/pages, bit-identical
 * repeat, then CUDA-event timing (warm-up, median of 20) at the seed shape.
 * Build: nvcc -std=c++17 -O3 -Iinclude -Isrc -DPA_HAVE_CUDA -gencode=arch=compute_90a,code=sm_90a
 *        bench/wip_sm90/drv.cu src/cuda/prefill_sm90.cu -o drv
 */
#include "internal.h"
#include <cuda_runtime.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <vector>
#include <algorithm>
#include <string>

extern "C" pa_status pa__fail(pa_context *ctx, pa_status s, const char *fmt, ...)
{
    if (ctx) { va_list ap; va_start(ap, fmt); vsnprintf(ctx->err, PA__ERR_LEN, fmt, ap); va_end(ap); }
    return s;
}

#define CK(x) do { cudaError_t e_ = (x); if (e_ != cudaSuccess) { printf("CUDA %s: %s (line %d)\n", #x, cudaGetErrorString(e_), __LINE__); exit(1); } } while (0)

static uint64_t rng_state = 1;
static inline uint32_t rnd() { rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17; return (uint32_t)(rng_state >> 11); }
static inline float urand() { return (rnd() & 0xffffff) / 8388608.f - 1.f; }

static inline uint16_t to_h(float f, int bf16)
{
    if (bf16) { __nv_bfloat16 b = __float2bfloat16_rn(f); return *(uint16_t *)&b; }
    __half h = __float2half_rn(f); return *(uint16_t *)&h;
}
static inline float from_h(uint16_t u, int bf16)
{
    if (bf16) { __nv_bfloat16 b; *(uint16_t *)&b = u; return __bfloat162float(b); }
    __half h; *(uint16_t *)&h = u; return __half2float(h);
}

struct Case {
    std::string name;
    int B, H, Hkv;
    std::vector<int> sq, sk;   /* per sequence */
    int varlen;                /* cu_seqlens given */
    int causal, wl;
    float softcap;
    int ps;                    /* 0: contiguous cache */
    int hnd, bf16, lse, bad_page;
    int full_check;            /* 1: every row; 0: a sample */
    int time;
};

static double g_worst_rel = 0;

static int run_case(const Case &c, cudaDeviceProp &prop, FILE *csv)
{
    const int d = 128, B = c.B, H = c.H, Hkv = c.Hkv, group = H / Hkv, bf = c.bf16;
    int max_sq = 0, max_sk = 0;
    for (int b = 0; b < B; b++) { max_sq = std::max(max_sq, c.sq[b]); max_sk = std::max(max_sk, c.sk[b]); }
    std::vector<int> cu(B + 1, 0);
    for (int b = 0; b < B; b++) cu[b + 1] = cu[b] + (c.varlen ? c.sq[b] : max_sq);
    const int total_q = cu[B];
    /* query / output: NHD with padded token stride */
    const int64_t q_sh = d, q_st = (int64_t)H * d + (c.hnd ? 8 : 0);
    std::vector<uint16_t> hq((size_t)total_q * q_st);
    for (auto &x : hq) x = to_h(urand(), bf);
    /* cache */
    int ps, num_pages, pt_stride = 0;
    std::vector<int32_t> pt;
    if (c.ps == 0) { ps = max_sk < 1 ? 1 : max_sk; num_pages = B; }
    else {
        ps = c.ps;
        int maxp = 0, tot = 0;
        for (int b = 0; b < B; b++) { int np = (c.sk[b] + ps - 1) / ps; maxp = std::max(maxp, np); tot += np; }
        num_pages = std::max(1, 3 * tot);
        pt_stride = maxp + 2;
        std::vector<int> perm(num_pages);
        for (int i = 0; i < num_pages; i++) perm[i] = i;
        for (int i = num_pages - 1; i > 0; i--) std::swap(perm[i], perm[rnd() % (i + 1)]);
        pt.assign((size_t)B * pt_stride, 0x7fffffff);
        int k = 0;
        for (int b = 0; b < B; b++) { int np = (c.sk[b] + ps - 1) / ps; for (int i = 0; i < np; i++) pt[(size_t)b * pt_stride + i] = perm[k++]; }
        if (c.bad_page) { /* one bad id in the middle of sequence 0, one negative in the last */
            int np0 = (c.sk[0] + ps - 1) / ps; if (np0 > 1) pt[np0 / 2] = num_pages + 5;
            int npl = (c.sk[B - 1] + ps - 1) / ps; if (npl > 0) pt[(size_t)(B - 1) * pt_stride + npl - 1] = -3;
        }
    }
    int64_t st_tok, st_head, st_page;
    if (!c.hnd) { st_head = d; st_tok = (int64_t)Hkv * d; st_page = (int64_t)ps * Hkv * d; }
    else { st_tok = d; st_head = (int64_t)ps * d; st_page = (int64_t)Hkv * ps * d; }
    const size_t cache_elems = (size_t)num_pages * st_page;
    std::vector<uint16_t> hk(cache_elems, 0xffff), hv(cache_elems, 0xffff); /* NaN everywhere */
    for (int b = 0; b < B; b++)
        for (int j = 0; j < c.sk[b]; j++) {
            int64_t page = c.ps ? pt[(size_t)b * pt_stride + j / ps] : b;
            if (page < 0 || page >= num_pages) continue;
            for (int hh = 0; hh < Hkv; hh++) {
                size_t off = page * st_page + (int64_t)(j % ps) * st_tok + hh * st_head;
                for (int x = 0; x < d; x++) { hk[off + x] = to_h(urand(), bf); hv[off + x] = to_h(urand(), bf); }
            }
        }
    std::vector<int32_t> hsk(c.sk.begin(), c.sk.end());
    /* device */
    uint16_t *dq, *dk, *dv, *dout; float *dlse = 0; int32_t *dcu = 0, *dsk, *dpt = 0;
    CK(cudaMalloc(&dq, hq.size() * 2)); CK(cudaMemcpy(dq, hq.data(), hq.size() * 2, cudaMemcpyHostToDevice));
    CK(cudaMalloc(&dk, cache_elems * 2)); CK(cudaMemcpy(dk, hk.data(), cache_elems * 2, cudaMemcpyHostToDevice));
    CK(cudaMalloc(&dv, cache_elems * 2)); CK(cudaMemcpy(dv, hv.data(), cache_elems * 2, cudaMemcpyHostToDevice));
    const size_t out_elems = (size_t)total_q * q_st;
    CK(cudaMalloc(&dout, out_elems * 2));
    if (c.lse) CK(cudaMalloc(&dlse, (size_t)total_q * H * 4));
    CK(cudaMalloc(&dsk, B * 4)); CK(cudaMemcpy(dsk, hsk.data(), B * 4, cudaMemcpyHostToDevice));
    if (c.varlen) { CK(cudaMalloc(&dcu, (B + 1) * 4)); CK(cudaMemcpy(dcu, cu.data(), (B + 1) * 4, cudaMemcpyHostToDevice)); }
    if (c.ps) { CK(cudaMalloc(&dpt, pt.size() * 4)); CK(cudaMemcpy(dpt, pt.data(), pt.size() * 4, cudaMemcpyHostToDevice)); }

    pa_context ctx; memset(&ctx, 0, sizeof ctx);
    ctx.backend = PA_BACKEND_CUDA; ctx.usable = 1; ctx.cc_major = prop.major; ctx.cc_minor = prop.minor;
    ctx.num_sms = prop.multiProcessorCount; ctx.smem_optin = prop.sharedMemPerBlockOptin; ctx.stream = 0;
    pa__problem pb; memset(&pb, 0, sizeof pb);
    pb.dtype = bf ? PA_DTYPE_BF16 : PA_DTYPE_F16;
    pb.batch = B; pb.num_heads = H; pb.num_kv_heads = Hkv; pb.head_dim = d; pb.group = group;
    pb.q = dq; pb.q_stride_token = q_st; pb.q_stride_head = q_sh; pb.cu_seqlens_q = dcu; pb.max_seqlen_q = max_sq;
    pb.k = dk; pb.v = dv; pb.k_stride_page = pb.v_stride_page = st_page;
    pb.k_stride_token = pb.v_stride_token = st_tok; pb.k_stride_head = pb.v_stride_head = st_head;
    pb.page_size = ps; pb.num_pages = num_pages; pb.page_table = dpt; pb.page_table_stride = pt_stride;
    pb.seq_lens = dsk; pb.max_seq_len = max_sk;
    pb.scale = 1.f / sqrtf((float)d); pb.softcap = c.softcap; pb.causal = c.causal; pb.window_left = c.wl;
    pb.num_splits = 0; pb.out = dout; pb.o_stride_token = q_st; pb.o_stride_head = q_sh; pb.lse = dlse;

    char why[256] = "";
    if (!pa__sm90_supports(&ctx, &pb, why, sizeof why)) { printf("%-34s UNSUPPORTED: %s\n", c.name.c_str(), why); return 1; }
    CK(cudaMemset(dout, 0xff, out_elems * 2));
    if (dlse) CK(cudaMemset(dlse, 0xff, (size_t)total_q * H * 4));
    pa_status st = pa__sm90_attention(&ctx, &pb, 0, 0);
    if (st != PA_OK) { printf("%-34s FAIL status %d: %s\n", c.name.c_str(), st, ctx.err); return 1; }
    CK(cudaDeviceSynchronize());
    std::vector<uint16_t> ho(out_elems), ho2(out_elems);
    std::vector<float> hl(dlse ? (size_t)total_q * H : 0);
    CK(cudaMemcpy(ho.data(), dout, out_elems * 2, cudaMemcpyDeviceToHost));
    if (dlse) CK(cudaMemcpy(hl.data(), dlse, hl.size() * 4, cudaMemcpyDeviceToHost));
    /* repeat: bit-identical */
    CK(cudaMemset(dout, 0xff, out_elems * 2));
    if (pa__sm90_attention(&ctx, &pb, 0, 0) != PA_OK) { printf("second call failed\n"); return 1; }
    CK(cudaDeviceSynchronize());
    CK(cudaMemcpy(ho2.data(), dout, out_elems * 2, cudaMemcpyDeviceToHost));
    int fails = 0;
    size_t nan_rows = 0, mism = 0;
    for (int b = 0; b < B; b++)
        for (int i = 0; i < c.sq[b]; i++)
            for (int hh = 0; hh < H; hh++) {
                size_t off = (size_t)(cu[b] + i) * q_st + hh * q_sh;
                bool bad = false;
                for (int x = 0; x < d; x++) { float v = from_h(ho[off + x], bf); if (!(v == v)) bad = true; }
                if (bad) nan_rows++;
                if (memcmp(&ho[off], &ho2[off], d * 2)) mism++;
            }
    /* reference on rows */
    double max_err = 0, num = 0, den = 0, max_lse_err = 0; int empty_bad = 0; size_t rows_checked = 0;
    const float scale = pb.scale;
    std::vector<double> sc, acc(d);
    for (int b = 0; b < B; b++) {
        std::vector<int> rows;
        if (c.full_check) for (int i = 0; i < c.sq[b]; i++) rows.push_back(i);
        else {
            int cand[] = { 0, 1, 63, 64, 127, 128, c.sq[b] / 2, c.sq[b] - 129, c.sq[b] - 65, c.sq[b] - 1 };
            for (int x : cand) if (x >= 0 && x < c.sq[b]) rows.push_back(x);
            for (int r = 0; r < 3; r++) rows.push_back(rnd() % c.sq[b]);
        }
        std::vector<int> heads;
        if (c.full_check) for (int hh = 0; hh < H; hh++) heads.push_back(hh); else { heads.push_back(0); heads.push_back(H - 1); }
        const int sq = c.sq[b], sk = c.sk[b], diag = sk - sq;
        for (int hh : heads) {
            const int kvh = hh / group;
            for (int i : rows) {
                const uint16_t *qr = &hq[(size_t)(cu[b] + i) * q_st + hh * q_sh];
                double m = -INFINITY; sc.assign(sk, -INFINITY);
                for (int j = 0; j < sk; j++) {
                    if (c.causal && j > i + diag) continue;
                    if (c.wl >= 0 && j < i + diag - c.wl) continue;
                    int64_t page = c.ps ? pt[(size_t)b * pt_stride + j / ps] : b;
                    if (page < 0 || page >= num_pages) continue;
                    const uint16_t *kr = &hk[page * st_page + (int64_t)(j % ps) * st_tok + kvh * st_head];
                    double s = 0; for (int x = 0; x < d; x++) s += (double)from_h(qr[x], bf) * from_h(kr[x], bf);
                    s *= scale;
                    if (c.softcap > 0) s = c.softcap * tanh(s / c.softcap);
                    sc[j] = s; m = std::max(m, s);
                }
                double l = 0; std::fill(acc.begin(), acc.end(), 0.0);
                if (m > -INFINITY)
                    for (int j = 0; j < sk; j++) {
                        if (sc[j] == -INFINITY) continue;
                        double pj = exp(sc[j] - m); l += pj;
                        int64_t page = c.ps ? pt[(size_t)b * pt_stride + j / ps] : b;
                        const uint16_t *vr = &hv[page * st_page + (int64_t)(j % ps) * st_tok + kvh * st_head];
                        for (int x = 0; x < d; x++) acc[x] += pj * from_h(vr[x], bf);
                    }
                const size_t off = (size_t)(cu[b] + i) * q_st + hh * q_sh;
                rows_checked++;
                for (int x = 0; x < d; x++) {
                    double ref = l > 0 ? acc[x] / l : 0.0, got = from_h(ho[off + x], bf);
                    double e = fabs(got - ref);
                    if (!(e == e)) e = 1e30;
                    max_err = std::max(max_err, e / (0.01 + 0.02 * fabs(ref)));
                    num += (got - ref) * (got - ref); den += ref * ref;
                    if (l == 0 && got != 0.0) empty_bad++;
                }
                if (dlse) {
                    float gl = hl[(size_t)(cu[b] + i) * H + hh];
                    if (l == 0) { if (!(gl == -INFINITY)) empty_bad++; }
                    else { double e = fabs(gl - (m + log(l))); if (!(e == e)) e = 1e30; max_lse_err = std::max(max_lse_err, e); }
                }
            }
        }
    }
    double rel = den > 0 ? sqrt(num / den) : sqrt(num);
    g_worst_rel = std::max(g_worst_rel, rel);
    bool ok = nan_rows == 0 && mism == 0 && max_err <= 1.0 && rel < 1e-2 && max_lse_err < 2e-3 && empty_bad == 0;
    if (!ok) fails++;
    printf("%-34s %s rows=%zu relL2=%.2e maxerr/tol=%.3f lse=%.1e nanrows=%zu nonrepeat=%zu emptybad=%d\n",
           c.name.c_str(), ok ? "PASS" : "FAIL", rows_checked, rel, max_err, max_lse_err, nan_rows, mism, empty_bad);
    if (c.time && ok) {
        cudaEvent_t e0, e1; CK(cudaEventCreate(&e0)); CK(cudaEventCreate(&e1));
        for (int w = 0; w < 3; w++) pa__sm90_attention(&ctx, &pb, 0, 0);
        std::vector<float> ts;
        for (int r = 0; r < 21; r++) { /* 5 back-to-back calls per sample: no launch gaps */
            CK(cudaEventRecord(e0));
            for (int x = 0; x < 5; x++) pa__sm90_attention(&ctx, &pb, 0, 0);
            CK(cudaEventRecord(e1));
            CK(cudaEventSynchronize(e1)); float ms; CK(cudaEventElapsedTime(&ms, e0, e1)); ts.push_back(ms / 5);
        }
        std::sort(ts.begin(), ts.end());
        double flops = 0;
        for (int b = 0; b < B; b++) {
            double sq = c.sq[b], sk = c.sk[b];
            double avg = c.causal ? (std::max(0.0, sk - sq) + sk) / 2 : sk;
            flops += 4.0 * H * sq * avg * d;
        }
        double tf = flops / (ts[10] * 1e-3) / 1e12;
        printf("TIME %-34s median %.3f ms  min %.3f  %.1f TFLOPS\n", c.name.c_str(), ts[10], ts[0], tf);
        if (csv) fprintf(csv, "%s,%d,%d,%.4f,%.1f\n", c.name.c_str(), c.ps, c.causal, ts[10], tf);
    }
    cudaFree(dq); cudaFree(dk); cudaFree(dv); cudaFree(dout); cudaFree(dlse); cudaFree(dcu); cudaFree(dsk); cudaFree(dpt);
    CK(cudaGetLastError());
    return fails;
}

int main(int argc, char **argv)
{
    cudaDeviceProp prop; CK(cudaGetDeviceProperties(&prop, 0));
    printf("device %s cc %d.%d sms %d smem_optin %zu\n", prop.name, prop.major, prop.minor, prop.multiProcessorCount, prop.sharedMemPerBlockOptin);
    const char *mode = argc > 1 ? argv[1] : "all";
    FILE *csv = argc > 2 ? fopen(argv[2], "w") : 0;
    std::vector<Case> cs;
    auto V = [](std::initializer_list<int> l) { return std::vector<int>(l); };
    auto rep = [](int n, int v) { return std::vector<int>(n, v); };
    if (!strcmp(mode, "all") || !strcmp(mode, "check")) {
        /* name B H Hkv sq sk varlen causal wl softcap ps hnd bf16 lse bad full time */
        cs.push_back({"small noncausal contig gqa", 2, 4, 2, rep(2, 300), rep(2, 300), 0, 0, -1, 0, 0, 0, 1, 1, 0, 1, 0});
        cs.push_back({"small causal contig", 2, 4, 2, rep(2, 300), rep(2, 300), 0, 1, -1, 0, 0, 0, 1, 1, 0, 1, 0});
        cs.push_back({"varlen causal page16 lse", 3, 4, 1, V({1, 129, 257}), V({5, 200, 700}), 1, 1, -1, 0, 16, 0, 1, 1, 0, 1, 0});
        cs.push_back({"varlen noncausal page8", 3, 4, 4, V({70, 129, 257}), V({1, 1000, 333}), 1, 0, -1, 0, 8, 0, 1, 1, 0, 1, 0});
        cs.push_back({"window causal page64 softcap", 2, 4, 2, V({300, 513}), V({700, 513}), 1, 1, 37, 30.f, 64, 0, 1, 1, 0, 1, 0});
        cs.push_back({"window noncausal page256", 2, 2, 1, V({200, 300}), V({900, 300}), 1, 0, 100, 0, 256, 0, 1, 1, 0, 1, 0});
        cs.push_back({"hnd f16 page128 noncausal", 2, 4, 2, rep(2, 260), V({500, 129}), 0, 0, -1, 0, 128, 1, 0, 1, 0, 1, 0});
        cs.push_back({"hnd f16 contig causal", 2, 4, 4, rep(2, 256), V({256, 1024}), 0, 1, -1, 0, 0, 1, 0, 1, 0, 1, 0});
        cs.push_back({"bad pages page32", 2, 2, 1, rep(2, 200), V({600, 400}), 0, 0, -1, 0, 32, 0, 1, 1, 1, 1, 0});
        cs.push_back({"sk<sq causal (empty rows)", 2, 2, 2, rep(2, 300), V({100, 0}), 0, 1, -1, 0, 16, 0, 1, 1, 0, 1, 0});
        cs.push_back({"contig short causal", 2, 4, 2, rep(2, 40), V({50, 33}), 0, 1, -1, 0, 0, 0, 1, 1, 0, 1, 0});
        cs.push_back({"varlen page32 causal gqa", 3, 8, 2, V({300, 17, 600}), V({300, 1000, 650}), 1, 1, -1, 0, 32, 0, 1, 1, 0, 1, 0});
        cs.push_back({"mqa page512 causal", 1, 8, 1, V({1000}), V({1500}), 0, 1, -1, 0, 512, 0, 1, 1, 0, 1, 0});
    }
    if (!strcmp(mode, "all") || !strcmp(mode, "time")) {
        const int B = 4, H = 16, S = 8192;
        for (int causal = 0; causal < 2; causal++) {
            const char *cn = causal ? "causal" : "noncausal";
            int sizes[] = { 0, 8, 16, 32, 64, 128, 256 };
            for (int ps : sizes) {
                char name[64]; snprintf(name, sizeof name, "seed %s %s%d", cn, ps ? "page" : "contig", ps);
                cs.push_back({name, B, H, H, rep(B, S), rep(B, S), 0, causal, -1, 0, ps, 0, 1, 0, 0, 0, 1});
            }
        }
    }
    int fails = 0;
    for (auto &c : cs) fails += run_case(c, prop, csv);
    if (csv) fclose(csv);
    printf("%s: %d failing cases, worst relL2 %.2e\n", fails ? "FAILED" : "ALL PASSED", fails, g_worst_rel);
    return fails != 0;
}
