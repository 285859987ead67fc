/*
 * The public API's contracts: status strings, version, contexts, and every bad input of issue 2
 * (PA_ERR_INVALID_ARG, a message naming the field and value, untouched output and lse).
 */
#include "harness.h"
#include <stdlib.h>

static int passed, failed;

#define CHECK(cond, ...)                                             \
    do {                                                             \
        if (cond) passed++;                                          \
        else { failed++; printf("[test_api] FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); } \
    } while (0)

int main(void)
{
    pa_context *ctx = NULL, *cu = NULL;
    pa_status st;
    pa_attn_params p;
    int s;

    /* version and status strings */
    CHECK(pa_version() == PA_VERSION_NUMBER, "pa_version() = %u", pa_version());
    CHECK(PA_VERSION_NUMBER == ((0 << 16) | (1 << 8) | 0), "PA_VERSION_NUMBER");
    {
        static const char *names[] = { "PA_OK", "PA_ERR_INVALID_ARG", "PA_ERR_UNSUPPORTED",
                                       "PA_ERR_WORKSPACE_TOO_SMALL", "PA_ERR_OUT_OF_MEMORY",
                                       "PA_ERR_CUDA" };
        for (s = 0; s < 6; s++) {
            const char *str = pa_status_string((pa_status)s);
            CHECK(str && strncmp(str, names[s], strlen(names[s])) == 0 &&
                  str[strlen(names[s])] == ':', "pa_status_string(%d) = \"%s\"", s, str);
        }
        CHECK(pa_status_string((pa_status)99) != NULL, "unknown status gives NULL");
        CHECK(pa_status_string((pa_status)-1) != NULL, "negative status gives NULL");
    }

    /* CPU contexts */
    CHECK(pa_context_create(NULL, PA_BACKEND_CPU, 0) == PA_ERR_INVALID_ARG, "out NULL");
    pa_context_destroy(NULL);
    st = pa_context_create(&ctx, (pa_backend)7, 0);
    CHECK(st == PA_ERR_INVALID_ARG && strstr(pa_context_last_error(ctx), "backend = 7"),
          "backend 7 gave %s \"%s\"", pa_status_string(st), pa_context_last_error(ctx));
    CHECK(pa_context_set_num_threads(ctx, 2) == PA_ERR_UNSUPPORTED, "a failed context refuses calls");
    pa_context_destroy(ctx);
    ctx = NULL;
    st = pa_context_create(&ctx, PA_BACKEND_CPU, 0);
    CHECK(st == PA_OK && ctx, "CPU context: %s", pa_status_string(st));
    if (!ctx) return th_finish(passed, failed);
    CHECK(strcmp(pa_context_last_error(ctx), "") == 0, "fresh context has a message");
    CHECK(ctx->num_threads == pa__cpu_online_cores() && ctx->num_threads >= 1,
          "default threads %d", ctx->num_threads);
    CHECK(pa_context_set_num_threads(ctx, 3) == PA_OK && ctx->num_threads == 3, "set threads");
    CHECK(pa_context_set_num_threads(ctx, 0) == PA_OK && ctx->num_threads == pa__cpu_online_cores(),
          "threads 0 means online cores");
    CHECK(pa_context_set_validation(ctx, 1) == PA_OK, "validation on a CPU context");
    CHECK(pa_context_set_stream(ctx, NULL) == PA_OK, "stream on a CPU context");
    CHECK(ctx->kv_copy_limit == PA_KV_COPY_LIMIT_DEFAULT, "default kv copy limit %zu", ctx->kv_copy_limit);
    CHECK(pa_context_set_kv_copy_limit(ctx, 12345) == PA_OK && ctx->kv_copy_limit == 12345, "set kv copy limit");
    CHECK(pa_context_set_kv_copy_limit(ctx, PA_KV_COPY_LIMIT_DEFAULT) == PA_OK, "kv copy limit back");
    CHECK(pa_context_set_kv_copy_limit(NULL, 0) == PA_ERR_INVALID_ARG, "kv copy limit, NULL ctx");
    CHECK(pa_context_set_num_threads(NULL, 1) == PA_ERR_INVALID_ARG, "NULL ctx");
    CHECK(pa_context_last_error(NULL) != NULL, "last_error(NULL)");
    CHECK(pa__context_force_kernel(ctx, (pa__kernel)42) == PA_ERR_INVALID_ARG, "kernel 42");
    CHECK(pa__context_force_kernel(ctx, PA__KERNEL_SM80_PREFILL) == PA_OK, "force sm80");
    {   /* a CPU context forced onto a CUDA kernel has no kernel for a call */
        th_case c;
        th_inst in;
        memset(&c, 0, sizeof c);
        c.seed = 5; c.dtype = PA_DTYPE_F32; c.batch = 1; c.num_heads = 1; c.num_kv_heads = 1;
        c.head_dim = 16; c.page_size = 4; c.max_q = 2; c.max_keys = 9; c.window_left = -1;
        c.scale_mul = 1;
        th_inst_build(&in, &c, 0);
        st = pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, NULL, 0);
        CHECK(st == PA_ERR_UNSUPPORTED && strstr(pa_context_last_error(ctx), "no kernel"),
              "forced CUDA kernel on a CPU context gave %s", pa_status_string(st));
        pa__context_force_kernel(ctx, PA__KERNEL_AUTO);
        st = pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, NULL, 0);
        CHECK(st == PA_OK, "auto again: %s", pa_status_string(st));
        th_inst_free(&in);
    }

    /* attention params defaults */
    pa_attn_params_init(&p, 64);
    CHECK(p.softmax_scale == 0.125f && p.causal == 0 && p.window_left == -1 && p.softcap == 0 &&
          p.num_splits == 0, "pa_attn_params_init(64)");
    pa_attn_params_init(NULL, 64);

    /* a CUDA context: works with a GPU, else PA_ERR_UNSUPPORTED with a message */
    st = pa_context_create(&cu, PA_BACKEND_CUDA, 0);
    if (st == PA_OK) {
        printf("[test_api] a CUDA device is present: CUDA bad inputs run in test_gpu\n");
        passed++;
    } else {
        CHECK(st == PA_ERR_UNSUPPORTED && cu && pa_context_last_error(cu)[0],
              "CUDA context without a GPU gave %s \"%s\"", pa_status_string(st),
              cu ? pa_context_last_error(cu) : "");
        CHECK(pa_context_set_stream(cu, NULL) == PA_ERR_UNSUPPORTED, "unusable CUDA context");
        {
            size_t ws = 0;
            pa_query q; pa_kv_cache kv; pa_output o;
            memset(&q, 0, sizeof q); memset(&kv, 0, sizeof kv); memset(&o, 0, sizeof o);
            CHECK(pa_workspace_size(cu, &q, &kv, &p, &ws) == PA_ERR_UNSUPPORTED, "ws on unusable");
            CHECK(pa_attention(cu, &q, &kv, &p, &o, NULL, 0) == PA_ERR_UNSUPPORTED, "attn on unusable");
            CHECK(pa_kv_append(cu, &kv, NULL, NULL, 0, 0, NULL, 0) == PA_ERR_UNSUPPORTED, "append on unusable");
        }
#ifndef PA_HAVE_CUDA
        CHECK(strstr(pa_context_last_error(cu), "this build has no CUDA backend") != NULL,
              "message \"%s\"", pa_context_last_error(cu));
#endif
    }
    pa_context_destroy(cu);

    /* a split-KV workspace past size_t: PA_ERR_UNSUPPORTED from both calls, nothing written
     * (2^16 sequences of up to 2^16 rows, 2^16 heads, head_dim 512, 256 splits: ~2^67 bytes) */
    {
        static float one[512 + 2];
        const int32_t B = 1 << 16;
        int32_t *sl = (int32_t *)calloc((size_t)B, sizeof(int32_t));
        int32_t *cu = (int32_t *)calloc((size_t)B + 1, sizeof(int32_t));   /* every sequence empty */
        pa_query q; pa_kv_cache kv; pa_output o; pa_attn_params pp;
        size_t ws = 1;
        memset(&q, 0, sizeof q); memset(&kv, 0, sizeof kv); memset(&o, 0, sizeof o);
        q.dtype = kv.dtype = PA_DTYPE_F32;
        q.batch = B; q.num_heads = 1 << 16; q.head_dim = kv.head_dim = 512; q.max_seqlen = 1 << 16;
        q.data = one;                                  /* strides 0: every row reads one row */
        q.cu_seqlens = cu;
        kv.num_kv_heads = 1; kv.page_size = 2048; kv.num_pages = B; kv.k = kv.v = one;
        kv.seq_lens = sl; kv.max_seq_len = 2048;       /* page_table NULL: sequence b is page b */
        one[0] = 7.0f;
        o.data = one;
        pa_attn_params_init(&pp, 512);
        pp.num_splits = 256;
        st = pa_workspace_size(ctx, &q, &kv, &pp, &ws);
        CHECK(st == PA_ERR_UNSUPPORTED && ws == 0 && strstr(pa_context_last_error(ctx), "does not fit in size_t"),
              "workspace past size_t: %s %zu \"%s\"", pa_status_string(st), ws, pa_context_last_error(ctx));
        st = pa_attention(ctx, &q, &kv, &pp, &o, one, sizeof one);
        CHECK(st == PA_ERR_UNSUPPORTED && strstr(pa_context_last_error(ctx), "does not fit in size_t") &&
              one[0] == 7.0f, "attention with a workspace past size_t: %s \"%s\"", pa_status_string(st),
              pa_context_last_error(ctx));
        pp.num_splits = 1;                             /* without splits it needs none */
        st = pa_workspace_size(ctx, &q, &kv, &pp, &ws);
        CHECK(st == PA_OK && ws == 0, "the same shapes without splits: %s %zu", pa_status_string(st), ws);
        free(sl);
        free(cu);
    }

    /* every bad input, on several dtypes and head dims */
    th_run_bad_inputs(ctx, PA_DTYPE_F16, 64, &passed, &failed);
    th_run_bad_inputs(ctx, PA_DTYPE_BF16, 128, &passed, &failed);
    th_run_bad_inputs(ctx, PA_DTYPE_F32, 8, &passed, &failed);
    pa_context_destroy(ctx);
    return th_finish(passed, failed);
}
