// Scratch driver for the decode kernel: random correctness sweep vs a double reference, then
// bandwidth on the issue-5 shapes. Standalone: links decode.cu + kv_append.cu only.
// nvcc -O3 -std=c++17 -DPA_HAVE_CUDA -Iinclude -Isrc -gencode=arch=compute_90a,code=sm_90a
//      bench/wip_decode/driver.cu src/cuda/decode.cu src/cuda/kv_append.cu -o /tmp/drv
#include "internal.h"
#include <cuda_runtime.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cmath>
#include <vector>
#include <algorithm>
#include <random>
#include <string>

extern "C" pa_status pa__fail(pa_context *ctx, pa_status s, const char *fmt, ...)
{
    va_list ap; va_start(ap, fmt);
    if (ctx) vsnprintf(ctx->err, sizeof ctx->err, fmt, ap);
    va_end(ap);
    return s;
}

#define CK(x) do { cudaError_t e_ = (x); if (e_ != cudaSuccess) { printf("CUDA %s at %d: %s\n", #x, __LINE__, cudaGetErrorString(e_)); exit(1); } } while (0)

static float h2f(pa_dtype t, uint16_t h) { return t == PA_DTYPE_BF16 ? pa__bf16_to_f32(h) : __half2float(*(__half *)&h); }
static uint16_t f2h(pa_dtype t, float f) { if (t == PA_DTYPE_BF16) return pa__f32_to_bf16(f); __half h = __float2half_rn(f); return *(uint16_t *)&h; }

__global__ void fill_rand(uint16_t *p, size_t n, uint32_t seed, int bf)
{
    for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) {
        uint32_t x = (uint32_t)i * 2654435761u ^ seed; x ^= x >> 13; x *= 0x5bd1e995u; x ^= x >> 15;
        float f = ((x & 0xffff) / 65536.f) * 2.f - 1.f;
        p[i] = bf ? __bfloat16_as_ushort(__float2bfloat16(f)) : __half_as_ushort(__float2half(f));
    }
}

struct Case {
    pa_dtype dt; int d, batch, heads, kvh, sq, ps, causal, wl, hnd, varlen, splits, lse, nulltab, badpage;
    float softcap; std::vector<int> lens;
};

// reference in double on host copies
static void reference(const Case &c, const std::vector<uint16_t> &q, const std::vector<uint16_t> &k,
                      const std::vector<uint16_t> &v, const std::vector<int> &table, int tstride,
                      const std::vector<int> &cuq, int num_pages,
                      int64_t q_st, int64_t q_sh, int64_t ksp, int64_t kst, int64_t ksh,
                      std::vector<double> &out, std::vector<double> &lse)
{
    int group = c.heads / c.kvh; double scale = 1.0 / sqrt((double)c.d);
    int total = cuq[c.batch];
    out.assign((size_t)total * c.heads * c.d, 0.0); lse.assign((size_t)total * c.heads, -INFINITY);
    for (int b = 0; b < c.batch; b++) {
        int sq = cuq[b + 1] - cuq[b], len = c.lens[b];
        for (int qi = 0; qi < sq; qi++) for (int h = 0; h < c.heads; h++) {
            int kh = h / group; int64_t tok = cuq[b] + qi;
            std::vector<double> s(len, -INFINITY); double mx = -INFINITY;
            for (int j = 0; j < len; j++) {
                if (c.causal && j > qi + len - sq) continue;
                if (c.wl >= 0 && j < qi + len - sq - c.wl) continue;
                int page = c.nulltab ? b : table[(size_t)b * tstride + j / c.ps];
                if (page < 0 || page >= num_pages) continue;
                int slot = c.nulltab ? j : j % c.ps;
                double acc = 0;
                for (int x = 0; x < c.d; x++)
                    acc += (double)h2f(c.dt, q[tok * q_st + h * q_sh + x]) * h2f(c.dt, k[page * ksp + slot * kst + kh * ksh + x]);
                acc *= scale;
                if (c.softcap > 0) acc = c.softcap * tanh(acc / c.softcap);
                s[j] = acc; mx = std::max(mx, acc);
            }
            if (mx == -INFINITY) continue;
            double sum = 0; for (int j = 0; j < len; j++) if (s[j] != -INFINITY) { s[j] = exp(s[j] - mx); sum += s[j]; } else s[j] = 0;
            double *o = &out[(tok * c.heads + h) * c.d];
            for (int j = 0; j < len; j++) if (s[j] != 0) {
                int page = c.nulltab ? b : table[(size_t)b * tstride + j / c.ps];
                int slot = c.nulltab ? j : j % c.ps;
                for (int x = 0; x < c.d; x++) o[x] += s[j] / sum * h2f(c.dt, v[page * ksp + slot * kst + kh * ksh + x]);
            }
            lse[tok * c.heads + h] = mx + log(sum);
        }
    }
}

static pa_context g_ctx;

static int run_case(const Case &c, int seed, bool verbose)
{
    std::mt19937 rng(seed);
    int group = c.heads / c.kvh;
    int max_len = *std::max_element(c.lens.begin(), c.lens.end());
    int max_sq = c.sq;
    std::vector<int> cuq(c.batch + 1, 0);
    for (int b = 0; b < c.batch; b++) cuq[b + 1] = cuq[b] + (c.varlen ? (int)(rng() % (max_sq + 1)) : max_sq);
    int total = cuq[c.batch];
    if (total == 0) { cuq[c.batch] = 1; total = 1; }  // keep one row
    // cache: pool of pages, 2x what is needed + garbage
    int ps = c.nulltab ? std::max(max_len, 1) : c.ps;
    int pages_per_seq = (max_len + ps - 1) / ps + 1;
    int num_pages = c.nulltab ? c.batch : c.batch * pages_per_seq * 2 + 3;
    int64_t ksh, kst, ksp;
    int pad = 8; // padded head stride
    if (!c.hnd) { ksh = c.d + pad; kst = ksh * c.kvh; ksp = kst * ps; }
    else { kst = c.d + pad; ksh = kst * ps; ksp = ksh * c.kvh; }
    size_t kn = (size_t)ksp * num_pages;
    std::vector<uint16_t> k(kn), v(kn);
    std::uniform_real_distribution<float> U(-1.f, 1.f);
    for (size_t i = 0; i < kn; i++) { k[i] = f2h(c.dt, U(rng)); v[i] = f2h(c.dt, U(rng)); }
    // NaN in every slot past each sequence's end and in unused pages: set after table is built
    std::vector<int> perm(num_pages); for (int i = 0; i < num_pages; i++) perm[i] = i;
    std::shuffle(perm.begin(), perm.end(), rng);
    int tstride = pages_per_seq + 2;
    std::vector<int> table((size_t)c.batch * tstride, -7);
    std::vector<char> used(num_pages, 0);
    for (int b = 0; b < c.batch; b++) for (int i = 0; i < pages_per_seq; i++) {
        int pg = perm[b * pages_per_seq + i]; table[(size_t)b * tstride + i] = pg;
    }
    if (c.badpage && !c.nulltab) { // a few out-of-range ids inside the used range
        for (int t = 0; t < 3; t++) { int b = rng() % c.batch; int n = (c.lens[b] + ps - 1) / ps; if (n) table[(size_t)b * tstride + rng() % n] = (t & 1) ? num_pages + 5 : -3; }
    }
    uint16_t nan = 0x7fff;  // NaN in both bf16 and f16
    for (int p = 0; p < num_pages; p++) used[p] = 0;
    for (int b = 0; b < c.batch; b++) {
        int n = (c.lens[b] + ps - 1) / ps;
        for (int i = 0; i < n; i++) {
            int pg = c.nulltab ? b : table[(size_t)b * tstride + i];
            if (pg < 0 || pg >= num_pages) continue;
            used[pg] = 1;
            for (int s = 0; s < ps; s++) {
                int j = i * ps + s; if (j < c.lens[b]) continue;
                for (int h = 0; h < c.kvh; h++) for (int x = 0; x < c.d; x++) { k[pg * ksp + s * kst + h * ksh + x] = nan; v[pg * ksp + s * kst + h * ksh + x] = nan; }
            }
        }
    }
    for (int p = 0; p < num_pages; p++) if (!used[p]) for (int64_t i = 0; i < ksp; i++) { k[p * ksp + i] = nan; v[p * ksp + i] = nan; }
    // q: [total][heads][d] with padding
    int64_t q_sh = c.d + 4, q_st = q_sh * c.heads;
    std::vector<uint16_t> q((size_t)q_st * total);
    for (auto &x : q) x = f2h(c.dt, U(rng));
    int64_t o_sh = c.d + 8, o_st = o_sh * c.heads;
    size_t on = (size_t)o_st * total;

    uint16_t *dq, *dk, *dv, *dout; int *dtab, *dlens, *dcu; float *dlse; void *dws = nullptr;
    CK(cudaMalloc(&dq, q.size() * 2)); CK(cudaMalloc(&dk, kn * 2)); CK(cudaMalloc(&dv, kn * 2));
    CK(cudaMalloc(&dout, on * 2)); CK(cudaMalloc(&dtab, table.size() * 4)); CK(cudaMalloc(&dlens, c.batch * 4));
    CK(cudaMalloc(&dcu, (c.batch + 1) * 4)); CK(cudaMalloc(&dlse, (size_t)total * c.heads * 4));
    CK(cudaMemcpy(dq, q.data(), q.size() * 2, cudaMemcpyHostToDevice));
    CK(cudaMemcpy(dk, k.data(), kn * 2, cudaMemcpyHostToDevice));
    CK(cudaMemcpy(dv, v.data(), kn * 2, cudaMemcpyHostToDevice));
    CK(cudaMemcpy(dtab, table.data(), table.size() * 4, cudaMemcpyHostToDevice));
    CK(cudaMemcpy(dlens, c.lens.data(), c.batch * 4, cudaMemcpyHostToDevice));
    CK(cudaMemcpy(dcu, cuq.data(), (c.batch + 1) * 4, cudaMemcpyHostToDevice));

    pa__problem pb; memset(&pb, 0, sizeof pb);
    pb.dtype = c.dt; pb.batch = c.batch; pb.num_heads = c.heads; pb.num_kv_heads = c.kvh; pb.head_dim = c.d; pb.group = group;
    pb.q = dq; pb.q_stride_token = q_st; pb.q_stride_head = q_sh; pb.cu_seqlens_q = c.varlen ? dcu : nullptr; pb.max_seqlen_q = max_sq;
    pb.k = dk; pb.v = dv; pb.k_stride_page = ksp; pb.k_stride_token = kst; pb.k_stride_head = ksh;
    pb.v_stride_page = ksp; pb.v_stride_token = kst; pb.v_stride_head = ksh;
    pb.page_size = ps; pb.num_pages = num_pages; pb.page_table = c.nulltab ? nullptr : dtab; pb.page_table_stride = tstride;
    pb.seq_lens = dlens; pb.max_seq_len = max_len; pb.scale = 1.f / sqrtf((float)c.d); pb.softcap = c.softcap;
    pb.causal = c.causal; pb.window_left = c.wl; pb.num_splits = c.splits;
    pb.out = dout; pb.o_stride_token = o_st; pb.o_stride_head = o_sh; pb.lse = c.lse ? dlse : nullptr;
    if (!c.varlen) { cuq.resize(c.batch + 1); for (int b = 0; b <= c.batch; b++) cuq[b] = b * max_sq; total = cuq[c.batch]; }
    char why[256] = "";
    if (!pa__decode_supports(&g_ctx, &pb, why, sizeof why)) { printf("unsupported: %s\n", why); return 1; }
    size_t wsb = pa__decode_workspace(&g_ctx, &pb);
    if (wsb) CK(cudaMalloc(&dws, wsb));
    std::vector<uint16_t> o1(on), o2(on); std::vector<float> l1((size_t)total * c.heads), l2(l1.size());
    int fails = 0;
    for (int rep = 0; rep < 2; rep++) {
        CK(cudaMemset(dout, 0xff, on * 2)); CK(cudaMemset(dlse, 0xff, l1.size() * 4));
        if (wsb) CK(cudaMemset(dws, 0xff, wsb));
        pa_status st = pa__decode_attention(&g_ctx, &pb, dws, wsb);
        if (st != PA_OK) { printf("status %d: %s\n", st, g_ctx.err); return 1; }
        CK(cudaDeviceSynchronize());
        CK(cudaMemcpy(rep ? o2.data() : o1.data(), dout, on * 2, cudaMemcpyDeviceToHost));
        CK(cudaMemcpy(rep ? l2.data() : l1.data(), dlse, l1.size() * 4, cudaMemcpyDeviceToHost));
    }
    std::vector<double> ro, rl;
    reference(c, q, k, v, table, tstride, cuq, num_pages, q_st, q_sh, ksp, kst, ksh, ro, rl);
    double tol = c.dt == PA_DTYPE_BF16 ? 1.2e-2 : 3e-3, maxe = 0, maxl = 0;
    for (int t = 0; t < total; t++) for (int h = 0; h < c.heads; h++) {
        for (int x = 0; x < c.d; x++) {
            size_t i = (size_t)t * o_st + h * o_sh + x;
            if (o1[i] != o2[i]) { if (fails++ < 3) printf("  not bit-identical at t%d h%d x%d\n", t, h, x); }
            double e = fabs((double)h2f(c.dt, o1[i]) - ro[((size_t)t * c.heads + h) * c.d + x]);
            if (!(e <= tol)) { if (fails++ < 3) printf("  out t%d h%d x%d got %g ref %g\n", t, h, x, h2f(c.dt, o1[i]), ro[((size_t)t * c.heads + h) * c.d + x]); }
            maxe = std::max(maxe, std::isnan(e) ? 1e9 : e);
        }
        if (c.lse) {
            float g = l1[(size_t)t * c.heads + h]; double r = rl[(size_t)t * c.heads + h];
            if (memcmp(&l1[(size_t)t * c.heads + h], &l2[(size_t)t * c.heads + h], 4)) fails++;
            bool ok = (std::isinf(r) && std::isinf(g) && g < 0) || fabs(g - r) <= 2e-3 * std::max(1.0, fabs(r));
            if (!ok) { if (fails++ < 3) printf("  lse t%d h%d got %g ref %g\n", t, h, g, r); }
            if (!std::isinf(r)) maxl = std::max(maxl, fabs(g - r));
        }
    }
    if (fails || verbose)
        printf("%s seed %d: %s d%d B%d H%d/%d sq%d%s ps%d%s causal%d wl%d cap%.0f %s splits%d lse%d bad%d maxlen %d | err %.2e lse %.2e ws %zu\n",
               fails ? "FAIL" : "ok", seed, c.dt == PA_DTYPE_BF16 ? "bf16" : "f16", c.d, c.batch, c.heads, c.kvh, c.sq,
               c.varlen ? "v" : "", c.ps, c.nulltab ? "(null)" : "", c.causal, c.wl, c.softcap, c.hnd ? "HND" : "NHD",
               c.splits, c.lse, c.badpage, max_len, maxe, maxl, wsb);
    cudaFree(dq); cudaFree(dk); cudaFree(dv); cudaFree(dout); cudaFree(dtab); cudaFree(dlens); cudaFree(dcu); cudaFree(dlse);
    if (dws) cudaFree(dws);
    return fails ? 1 : 0;
}

// ---- bandwidth ----
struct Bench { const char *name; int batch, len_lo, len_hi, sq, causal; };

static double time_copy(size_t bytes)
{
    void *a, *b; CK(cudaMalloc(&a, bytes)); CK(cudaMalloc(&b, bytes));
    CK(cudaMemset(a, 1, bytes));
    cudaEvent_t e0, e1; cudaEventCreate(&e0); cudaEventCreate(&e1);
    std::vector<float> ts;
    for (int i = 0; i < 12; i++) {
        cudaEventRecord(e0); CK(cudaMemcpyAsync(b, a, bytes, cudaMemcpyDeviceToDevice)); cudaEventRecord(e1);
        cudaEventSynchronize(e1); float ms; cudaEventElapsedTime(&ms, e0, e1); if (i >= 2) ts.push_back(ms);
    }
    std::sort(ts.begin(), ts.end());
    cudaFree(a); cudaFree(b);
    return 2.0 * bytes / (ts[ts.size() / 2] * 1e-3);
}

static void bench(const Bench &bc, int ps, double copy_bw, int splits_override, FILE *csv)
{
    const int d = 128, heads = 32, kvh = 8, group = 4;
    std::mt19937 rng(1234);
    std::vector<int> lens(bc.batch);
    for (auto &l : lens) l = bc.len_lo == bc.len_hi ? bc.len_lo : bc.len_lo + (int)(rng() % (bc.len_hi - bc.len_lo + 1));
    int max_len = bc.len_hi;
    int pps = (max_len + ps - 1) / ps;
    int64_t needed = (int64_t)bc.batch * pps;
    bool contig = getenv("BCONTIG") && atoi(getenv("BCONTIG"));
    int64_t pool = contig ? needed : needed * 3;      // fragmented: 3x pool, random permutation
    int64_t ksh = d, kst = (int64_t)d * kvh, ksp = kst * ps;
    if (getenv("BHND") && atoi(getenv("BHND"))) { kst = d; ksh = (int64_t)d * ps; ksp = ksh * kvh; }
    size_t kn = (size_t)ksp * pool;
    uint16_t *dk, *dv; CK(cudaMalloc(&dk, kn * 2)); CK(cudaMalloc(&dv, kn * 2));
    fill_rand<<<4096, 256>>>(dk, kn, 17, 1); fill_rand<<<4096, 256>>>(dv, kn, 91, 1);
    std::vector<int> perm(pool); for (int64_t i = 0; i < pool; i++) perm[i] = (int)i;
    if (!contig) std::shuffle(perm.begin(), perm.end(), rng);
    std::vector<int> table(needed); for (int64_t i = 0; i < needed; i++) table[i] = perm[i];
    int total = bc.batch * bc.sq;
    uint16_t *dq, *dout; int *dtab, *dlens; float *dlse;
    CK(cudaMalloc(&dq, (size_t)total * heads * d * 2)); CK(cudaMalloc(&dout, (size_t)total * heads * d * 2));
    fill_rand<<<256, 256>>>(dq, (size_t)total * heads * d, 5, 1);
    CK(cudaMalloc(&dtab, needed * 4)); CK(cudaMalloc(&dlens, bc.batch * 4)); CK(cudaMalloc(&dlse, (size_t)total * heads * 4));
    CK(cudaMemcpy(dtab, table.data(), needed * 4, cudaMemcpyHostToDevice));
    CK(cudaMemcpy(dlens, lens.data(), bc.batch * 4, cudaMemcpyHostToDevice));
    pa__problem pb; memset(&pb, 0, sizeof pb);
    pb.dtype = PA_DTYPE_BF16; pb.batch = bc.batch; pb.num_heads = heads; pb.num_kv_heads = kvh; pb.head_dim = d; pb.group = group;
    pb.q = dq; pb.q_stride_token = heads * d; pb.q_stride_head = d; pb.max_seqlen_q = bc.sq;
    pb.k = dk; pb.v = dv; pb.k_stride_page = ksp; pb.k_stride_token = kst; pb.k_stride_head = ksh;
    pb.v_stride_page = ksp; pb.v_stride_token = kst; pb.v_stride_head = ksh;
    pb.page_size = ps; pb.num_pages = (int)pool; pb.page_table = dtab; pb.page_table_stride = pps;
    pb.seq_lens = dlens; pb.max_seq_len = max_len; pb.scale = 1.f / sqrtf(128.f); pb.causal = bc.causal; pb.window_left = -1;
    pb.num_splits = splits_override;
    pb.out = dout; pb.o_stride_token = heads * d; pb.o_stride_head = d; pb.lse = dlse;
    size_t wsb = pa__decode_workspace(&g_ctx, &pb); void *dws = nullptr;
    if (wsb) CK(cudaMalloc(&dws, wsb));
    double bytes = 0; for (int l : lens) bytes += (double)l * kvh * d * 2 * 2;
    cudaEvent_t e0, e1; cudaEventCreate(&e0); cudaEventCreate(&e1);
    std::vector<float> ts;
    for (int i = 0; i < 25; i++) {
        cudaEventRecord(e0);
        pa_status st = pa__decode_attention(&g_ctx, &pb, dws, wsb);
        cudaEventRecord(e1);
        if (st != PA_OK) { printf("bench status %d %s\n", st, g_ctx.err); exit(1); }
        CK(cudaEventSynchronize(e1)); float ms; cudaEventElapsedTime(&ms, e0, e1); if (i >= 5) ts.push_back(ms);
    }
    CK(cudaGetLastError());
    std::sort(ts.begin(), ts.end());
    double t = ts[ts.size() / 2] * 1e-3, bw = bytes / t;
    int splits = splits_override;
    if (!splits) { /* report the chosen count via the workspace size */ splits = wsb ? (int)(wsb / ((size_t)total * heads * (d + 1) * 4)) : 1; }
    printf("%-16s ps %4d splits %3d | %8.1f us  %5.3f TB/s  %5.1f%% of copy  (KV %.0f MB)\n", bc.name, ps, splits, t * 1e6, bw / 1e12, 100 * bw / copy_bw, bytes / 1e6);
    if (csv) fprintf(csv, "%s,%d,%d,%.3f,%.4f,%.2f\n", bc.name, ps, splits, t * 1e6, bw / 1e12, 100 * bw / copy_bw);
    fflush(stdout);
    cudaFree(dk); cudaFree(dv); cudaFree(dq); cudaFree(dout); cudaFree(dtab); cudaFree(dlens); cudaFree(dlse); if (dws) cudaFree(dws);
}

int main(int argc, char **argv)
{
    int mode = argc > 1 ? atoi(argv[1]) : 3;   // 1: correctness, 2: bench, 3: both
    int ncases = argc > 2 ? atoi(argv[2]) : 300;
    memset(&g_ctx, 0, sizeof g_ctx);
    g_ctx.backend = PA_BACKEND_CUDA; g_ctx.usable = 1;
    cudaDeviceProp p; CK(cudaGetDeviceProperties(&p, 0));
    g_ctx.cc_major = p.major; g_ctx.cc_minor = p.minor; g_ctx.num_sms = p.multiProcessorCount; g_ctx.smem_optin = p.sharedMemPerBlockOptin;
    printf("%s, %d SMs\n", p.name, p.multiProcessorCount);
    int fails = 0, passes = 0;
    if (mode & 1) {
        std::mt19937 rng(42);
        const int pss[] = { 1, 3, 8, 16, 48, 64, 100, 256, 2, 5, 32 };
        const int splitsv[] = { 1, 2, 7, 0 };
        for (int i = 0; i < ncases; i++) {
            Case c;
            c.dt = rng() % 3 == 0 ? PA_DTYPE_F16 : PA_DTYPE_BF16;
            int dsel = rng() % 6; c.d = dsel < 3 ? 128 : (dsel < 5 ? 64 : 256);
            c.batch = 1 + rng() % 4;
            int hk = rng() % 4; c.kvh = hk == 0 ? 1 : (hk == 1 ? 2 : 4);
            int gs = rng() % 4; int group = gs == 0 ? 1 : (gs == 1 ? 4 : (gs == 2 ? 8 : 3));
            c.heads = c.kvh * group;
            int sqs = rng() % 4; c.sq = sqs == 0 ? 1 + rng() % 16 : (sqs == 1 ? 4 : 1);
            if (c.sq * group > 128) c.sq = 128 / group;
            c.ps = pss[rng() % 11];
            c.causal = rng() % 2; c.wl = rng() % 5 == 0 ? (int)(rng() % 300) : -1;
            c.softcap = rng() % 6 == 0 ? 20.f : 0.f;
            c.hnd = rng() % 3 == 0; c.varlen = rng() % 4 == 0; c.splits = splitsv[i % 4];
            c.lse = rng() % 2; c.nulltab = rng() % 10 == 0; c.badpage = rng() % 8 == 0;
            int maxlen = rng() % 3 == 0 ? 1 + rng() % 40 : 1 + rng() % 3000;
            c.lens.resize(c.batch);
            for (auto &l : c.lens) l = rng() % 5 == 0 ? 0 : 1 + rng() % maxlen;
            c.lens[0] = maxlen;
            if (run_case(c, i, i < 4)) fails++; else passes++;
        }
        printf("correctness: %d passed, %d failed\n", passes, fails);
    }
    if (mode & 2) {
        double copy_bw = time_copy((size_t)2 << 30);
        printf("device copy: %.3f TB/s (read + write)\n", copy_bw / 1e12);
        FILE *csv = fopen(getenv("OUT") ? (std::string(getenv("OUT")) + "/bench.csv").c_str() : "/tmp/bench.csv", "w");
        const Bench shapes[] = {
            { "B4 sk65536", 4, 65536, 65536, 1, 0 },
            { "B64 sk8192", 64, 8192, 8192, 1, 0 },
            { "B128 sk512-4k", 128, 512, 4096, 1, 0 },
            { "B1 sk131072", 1, 131072, 131072, 1, 0 },
            { "B64 8k sq4 cau", 64, 8192, 8192, 4, 1 },
        };
        auto parse = [](const char *env, const char *def) { std::vector<int> v; std::string x = getenv(env) ? getenv(env) : def;
            size_t i = 0; while (i < x.size()) { v.push_back(atoi(x.c_str() + i)); size_t j = x.find(',', i); if (j == std::string::npos) break; i = j + 1; } return v; };
        std::vector<int> pss = parse("BPS", "1,3,8,16,48,64,256"), spl = parse("BSPLITS", "0"), shp = parse("BSHAPES", "0,1,2,3,4");
        for (int si : shp) for (int ps : pss) for (int sp : spl) bench(shapes[si], ps, copy_bw, sp, csv);
        if (csv) fclose(csv);
    }
    return fails ? 1 : 0;
}
