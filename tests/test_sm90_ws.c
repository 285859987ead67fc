/*
 * The sm90 prefill path's workspace answers on the CPU (no GPU needed; CUDA builds only, else it
 * reports nothing to check): a context with an H100's facts is filled in by hand and
 * pa__sm90_workspace asked about random paged calls.
 *  - The answer must not depend on what pa_workspace_size cannot see: the data pointers and lse
 *    (pa_workspace_size has no output struct, so no lse). Session 86 found M117's split sized by
 *    the query and then declined by the call with lse (RESULTS 3.5z); the API's alignment check
 *    then let a misaligned workspace through.
 *  - The least workspace (without the copy) is at most the answer.
 *  - M117 (pa__sm90_copy_split): d128 B4 H16 at 65536 keys, pages 1, whose copy (2 GiB) is over
 *    the default 1 GiB limit, asks for one group's copy (under the limit) when on, and only the
 *    least when off.
 * A failure prints its seed (PA_TEST_SEED reruns it).
 */
#include "harness.h"
#include <string.h>
#ifdef PA_HAVE_CUDA
#include <cuda.h>
#endif

extern void *pa__sm90_encode_stub __attribute__((weak));
extern size_t pa__sm90_workspace(const pa_context *ctx, const pa__problem *pb) __attribute__((weak));
extern size_t pa__sm90_workspace_min(const pa_context *ctx, const pa__problem *pb) __attribute__((weak));
extern int pa__sm90_copy_split __attribute__((weak));

#ifdef PA_HAVE_CUDA
/* cuTensorMapEncodeTiled's documented argument checks (CUDA driver API), in place of the driver:
 * rank 1..5, a 16-byte aligned address, dims 1..2^32, strides multiples of 16 bytes under 2^40,
 * boxes 1..256 elements whose inner extent is a multiple of 16 bytes and within the swizzle span,
 * element strides 1..8. A map it accepts is zero bytes: nothing here runs a kernel. */
static int stub_calls, stub_refusals;
static CUresult stub_encode(CUtensorMap *map, CUtensorMapDataType type, cuuint32_t rank, void *addr,
                            const cuuint64_t *dims, const cuuint64_t *strides, const cuuint32_t *box,
                            const cuuint32_t *estrides, CUtensorMapInterleave il, CUtensorMapSwizzle sw,
                            CUtensorMapL2promotion l2, CUtensorMapFloatOOBfill oob)
{
    const unsigned esize = type == CU_TENSOR_MAP_DATA_TYPE_BFLOAT16 || type == CU_TENSOR_MAP_DATA_TYPE_FLOAT16 ? 2 : 4;
    const unsigned span = sw == CU_TENSOR_MAP_SWIZZLE_128B ? 128 : sw == CU_TENSOR_MAP_SWIZZLE_64B ? 64
                        : sw == CU_TENSOR_MAP_SWIZZLE_32B ? 32 : 0;
    cuuint32_t i;
    (void)l2; (void)oob;
    stub_calls++;
    memset(map, 0, sizeof *map);
    if (rank < 1 || rank > 5 || ((uintptr_t)addr & 15) || il != CU_TENSOR_MAP_INTERLEAVE_NONE) goto refuse;
    for (i = 0; i < rank; i++) {
        if (dims[i] == 0 || dims[i] > ((cuuint64_t)1 << 32) || box[i] == 0 || box[i] > 256 ||
            estrides[i] == 0 || estrides[i] > 8)
            goto refuse;
        if (i + 1 < rank && (strides[i] % 16 || strides[i] >= ((cuuint64_t)1 << 40))) goto refuse;
    }
    if ((box[0] * esize) % 16 || (span && box[0] * esize > span)) goto refuse;
    return CUDA_SUCCESS;
refuse:
    stub_refusals++;
    return CUDA_ERROR_INVALID_VALUE;
}
#endif

/* uniform in [0, n) from the harness's generator */
static int rng_pick(uint64_t *s, int n) { return th_int(s, 0, n - 1); }

/* An H100's facts, as pa_context_create reads them */
static void h100_ctx(pa_context *ctx, size_t limit)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->backend = PA_BACKEND_CUDA;
    ctx->usable = 1;
    ctx->cc_major = 9; ctx->cc_minor = 0; ctx->num_sms = 132;
    ctx->smem_optin = 232448;
    ctx->mem_bw = 3.35e12;
    ctx->kv_copy_limit = limit;
}

/* A paged NHD call (bf16), its data pointers NULL and no lse, as pa_workspace_size sees it */
static void paged_call(pa__problem *pb, int d, int batch, int hk, int group, int sq, int sk, int page, int causal)
{
    const int per = (sk + page - 1) / page;
    memset(pb, 0, sizeof *pb);
    pb->dtype = PA_DTYPE_BF16;
    pb->batch = batch; pb->num_kv_heads = hk; pb->group = group; pb->num_heads = hk * group; pb->head_dim = d;
    pb->q_stride_token = (int64_t)hk * group * d; pb->q_stride_head = d;
    pb->max_seqlen_q = sq;
    pb->k_stride_page = pb->v_stride_page = (int64_t)page * hk * d;
    pb->k_stride_token = pb->v_stride_token = (int64_t)hk * d;
    pb->k_stride_head = pb->v_stride_head = d;
    pb->page_size = page; pb->num_pages = 3 * batch * per;
    pb->page_table = (const int32_t *)(uintptr_t)0x7f0000000000ull;   /* (never read on the host) */
    pb->page_table_stride = per;
    pb->max_seq_len = sk;
    pb->scale = 0.125f;
    pb->causal = causal; pb->window_left = -1;
    pb->o_stride_token = (int64_t)hk * group * d; pb->o_stride_head = d;
}

/* the same call as the call itself sees it: aligned data pointers and lse */
static pa__problem with_data(const pa__problem *pb)
{
    pa__problem c = *pb;
    c.q = (const void *)(uintptr_t)0x7f1000000000ull;
    c.k = (const void *)(uintptr_t)0x7f2000000000ull;
    c.v = (const void *)(uintptr_t)0x7f3000000000ull;
    c.out = (void *)(uintptr_t)0x7f4000000000ull;
    c.lse = (float *)(uintptr_t)0x7f5000000000ull;
    c.seq_lens = (const int32_t *)(uintptr_t)0x7f6000000000ull;
    return c;
}

int main(void)
{
    const uint64_t base = th_env_seed();
    const int n = th_env_cases(4000, 40000);
    static const int dims[] = { 64, 128, 256 };
    static const int pages[] = { 1, 3, 4, 8, 9, 16, 17, 48, 64, 100, 128, 672 };
    static const size_t limits[] = { 0, (size_t)1 << 20, (size_t)4 << 20, (size_t)64 << 20, PA_KV_COPY_LIMIT_DEFAULT };
    int passed = 0, failed = 0, i, split, copies[2] = { 0, 0 }, groups = 0;
    pa_context ctx;
    pa__problem pb, c;

#ifdef PA_HAVE_CUDA
    if (&pa__sm90_encode_stub) pa__sm90_encode_stub = (void *)stub_encode;
#endif
    if (!&pa__sm90_workspace || !&pa__sm90_workspace_min || !&pa__sm90_copy_split || !&pa__sm90_encode_stub) {
        printf("[test_sm90_ws] skipped: the library has no sm90 path (built without nvcc)\n");
        printf("0 passed, 0 failed\n");
        return 0;
    }
    const int split0 = pa__sm90_copy_split;
    printf("[test_sm90_ws] %d random calls a setting of M117, seed %llu\n", n, (unsigned long long)base);
    for (split = 0; split <= 1; split++) {
        pa__sm90_copy_split = split;
        for (i = 0; i < n; i++) {
            uint64_t s = th_case_seed(base, split * 1000000 + i);
            const uint64_t seed = s;
            const int d = dims[rng_pick(&s, 3)], page = pages[rng_pick(&s, 12)];
            const int batch = 1 + rng_pick(&s, 8), hk = 1 + rng_pick(&s, 32), group = 1 << rng_pick(&s, 3);
            const int sk = rng_pick(&s, 4) == 0 ? 1 + rng_pick(&s, 65536) : 1 + rng_pick(&s, 4096);
            const int sq = rng_pick(&s, 3) == 0 ? sk : 1 + rng_pick(&s, sk);
            h100_ctx(&ctx, limits[rng_pick(&s, 5)]);
            paged_call(&pb, d, batch, hk, group, sq, sk, page, rng_pick(&s, 2));
            c = with_data(&pb);
            const size_t w = pa__sm90_workspace(&ctx, &pb), wd = pa__sm90_workspace(&ctx, &c);
            const size_t wmin = pa__sm90_workspace_min(&ctx, &pb);
            if (w != wd || wmin > w) {
                if (failed < 10)
                    printf("[test_sm90_ws] FAIL seed=0x%llx (PA_TEST_SEED=%llu) split=%d d=%d batch=%d heads=%d/%d sq=%d sk=%d page=%d "
                           "causal=%d limit=%zu: workspace %zu without data / lse, %zu with, least %zu\n",
                           (unsigned long long)seed, (unsigned long long)base, split, d, batch, hk * group, hk, sq, sk, page,
                           pb.causal, ctx.kv_copy_limit, w, wd, wmin);
                failed++;
            } else {
                passed++;
            }
            if (w > wmin) {   /* the copy (or, with the whole copy over the limit, M117's groups) */
                copies[split]++;
                if (2.0 * batch * sk * hk * d * 2 > (double)ctx.kv_copy_limit) groups++;
            }
        }
    }
    /* the random calls must reach the copy, and with M117 on its groups (else the check above
     * compared nothing that depends on them) */
    printf("[test_sm90_ws] calls that copy: %d with M117 off, %d on, %d of them as groups\n", copies[0], copies[1], groups);
    if (copies[0] == 0 || groups == 0) {
        printf("[test_sm90_ws] FAIL: no random call copied (%d) or ran as groups (%d)\n", copies[0], groups);
        failed++;
    } else {
        passed++;
    }
    /* M117 on the shape it was written for (RESULTS 3.5y / 3.5z) */
    for (split = 0; split <= 1; split++) {
        pa__sm90_copy_split = split;
        h100_ctx(&ctx, PA_KV_COPY_LIMIT_DEFAULT);
        paged_call(&pb, 128, 4, 16, 1, 65536, 65536, 1, 1);
        const size_t w = pa__sm90_workspace(&ctx, &pb), wmin = pa__sm90_workspace_min(&ctx, &pb);
        const size_t copy = (size_t)2 * 4 * 65536 * 16 * 128 * 2;   /* K and V, bf16: 2 GiB */
        const int ok = split ? w > wmin + copy / 4 && w <= PA_KV_COPY_LIMIT_DEFAULT + wmin + ((size_t)64 << 20) : w == wmin;
        if (!ok) {
            printf("[test_sm90_ws] FAIL d128 B4 H16 65536 page 1 causal, split=%d: workspace %zu, least %zu (a group's copy "
                   "of at most %zu bytes expected when on, the least when off)\n", split, w, wmin, (size_t)PA_KV_COPY_LIMIT_DEFAULT);
            failed++;
        } else {
            passed++;
        }
    }
    pa__sm90_copy_split = split0;
#ifdef PA_HAVE_CUDA
    printf("[test_sm90_ws] the stand-in encoder: %d maps, %d refused\n", stub_calls, stub_refusals);
    pa__sm90_encode_stub = NULL;
#endif
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
