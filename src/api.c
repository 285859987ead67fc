/*
 * The public API: contexts, status strings and argument checks.
 *
 * pa_attention checks every host field, fills one pa__problem, checks the tables (always on
 * the CPU, on host copies when CUDA validation is on), asks the chooser in dispatch.c for a
 * variant, checks the workspace and runs it. Every check runs before anything is written, and
 * every failure names the field and its value.
 */
#include "internal.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef PA_HAVE_CUDA
#  if defined(__GNUC__)
#    pragma weak pa__cuda_context_init
#    pragma weak pa__cuda_copy_to_host
#    pragma weak pa__cuda_kv_append
#    pragma weak pa__cuda_device_enter
#    pragma weak pa__cuda_device_leave
#  endif
#endif

#define PA__MAX_HEAD_DIM 512
#define PA__MAX_KEYS (INT32_MAX - 65535)   /* keys a sequence: key indices + a tile stay in int32 */

/* ---- version and status ------------------------------------------------------------------ */

unsigned pa_version(void) { return PA_VERSION_NUMBER; }

/* One list gives the strings and pins every value to the public enum. */
#define PA__STATUS_LIST(X)                                                  \
    X(PA_OK,                      0, "success")                             \
    X(PA_ERR_INVALID_ARG,         1, "invalid argument")                    \
    X(PA_ERR_UNSUPPORTED,         2, "not supported by this backend, build or device") \
    X(PA_ERR_WORKSPACE_TOO_SMALL, 3, "workspace too small")                 \
    X(PA_ERR_OUT_OF_MEMORY,       4, "out of memory")                       \
    X(PA_ERR_CUDA,                5, "CUDA runtime error")

#define PA__STATUS_ASSERT(name, value, text) \
    _Static_assert(name == value, #name " must be " #value);
PA__STATUS_LIST(PA__STATUS_ASSERT)
#undef PA__STATUS_ASSERT

const char *pa_status_string(pa_status s)
{
    switch (s) {
#define PA__STATUS_CASE(name, value, text) case name: return #name ": " text;
    PA__STATUS_LIST(PA__STATUS_CASE)
#undef PA__STATUS_CASE
    }
    return "PA_ERR_UNKNOWN: unknown status code";
}

/* ---- errors ------------------------------------------------------------------------------ */

pa_status pa__fail(pa_context *ctx, pa_status s, const char *fmt, ...)
{
    if (ctx) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ctx->err, sizeof ctx->err, fmt, ap);
        va_end(ap);
    }
    return s;
}

/* A context whose creation failed keeps its creation message and refuses every call. */
#define PA__CHECK_CTX(ctx)                                     \
    do {                                                       \
        if (!(ctx)) return PA_ERR_INVALID_ARG;                 \
        if (!(ctx)->usable) return PA_ERR_UNSUPPORTED;         \
        (ctx)->err[0] = '\0';                                  \
    } while (0)

/* ---- contexts ---------------------------------------------------------------------------- */

pa_status pa_context_create(pa_context **out, pa_backend backend, int device)
{
    pa_context *ctx;
    if (!out) return PA_ERR_INVALID_ARG;
    *out = NULL;
    ctx = (pa_context *)calloc(1, sizeof *ctx);
    if (!ctx) return PA_ERR_OUT_OF_MEMORY;
    *out = ctx;
    ctx->backend = backend;
    ctx->device = device;
    ctx->num_threads = 1;
    ctx->force_kernel = PA__KERNEL_AUTO;
    ctx->kv_copy_limit = PA_KV_COPY_LIMIT_DEFAULT;
    if (backend == PA_BACKEND_CPU) {
        ctx->num_threads = pa__cpu_online_cores();
        ctx->cpu_thread_flops = PA__CPU_THREAD_FLOPS;
        ctx->pool = pa__pool_create(pa__cpu_scratch_bytes());
        if (!ctx->pool) {
            free(ctx);
            *out = NULL;
            return PA_ERR_OUT_OF_MEMORY;
        }
        ctx->usable = 1;
        return PA_OK;
    }
    if (backend != PA_BACKEND_CUDA)
        return pa__fail(ctx, PA_ERR_INVALID_ARG, "backend = %d is neither PA_BACKEND_CPU (0) nor "
                        "PA_BACKEND_CUDA (1)", (int)backend);
#ifdef PA_HAVE_CUDA
    if (pa__cuda_context_init) {
        pa_status s;
        if (device < 0)
            return pa__fail(ctx, PA_ERR_INVALID_ARG, "device = %d is negative", device);
        s = pa__cuda_context_init(ctx);
        ctx->usable = s == PA_OK;
        return s;
    }
#endif
    return pa__fail(ctx, PA_ERR_UNSUPPORTED, "this build has no CUDA backend");
}

void pa_context_destroy(pa_context *ctx)
{
    if (!ctx) return;
    pa__pool_destroy(ctx->pool);   /* joins the CPU worker threads */
    free(ctx);
}

pa_status pa_context_set_stream(pa_context *ctx, void *cuda_stream)
{
    PA__CHECK_CTX(ctx);
    ctx->stream = cuda_stream;
    return PA_OK;
}

pa_status pa_context_set_num_threads(pa_context *ctx, int n)
{
    PA__CHECK_CTX(ctx);
    ctx->num_threads = n > 0 ? n : pa__cpu_online_cores();
    return PA_OK;
}

pa_status pa_context_set_validation(pa_context *ctx, int on)
{
    PA__CHECK_CTX(ctx);
    ctx->validation = on != 0;
    return PA_OK;
}

pa_status pa_context_set_kv_copy_limit(pa_context *ctx, size_t bytes)
{
    PA__CHECK_CTX(ctx);
    ctx->kv_copy_limit = bytes;
    return PA_OK;
}

const char *pa_context_last_error(const pa_context *ctx)
{
    return ctx ? ctx->err : "ctx is NULL";
}

pa_status pa__context_force_kernel(pa_context *ctx, pa__kernel k)
{
    PA__CHECK_CTX(ctx);
    PA_RETURN_IF(k < PA__KERNEL_AUTO || k > PA__KERNEL_DECODE, ctx, PA_ERR_INVALID_ARG,
                 "kernel = %d is not a pa__kernel", (int)k);
    ctx->force_kernel = k;
    return PA_OK;
}

void pa_attn_params_init(pa_attn_params *p, int32_t head_dim)
{
    if (!p) return;
    p->softmax_scale = head_dim > 0 ? (float)(1.0 / sqrt((double)head_dim)) : 1.0f;
    p->causal = 0;
    p->window_left = -1;
    p->softcap = 0.0f;
    p->num_splits = 0;
}

/* ---- argument checks --------------------------------------------------------------------- */

static int valid_dtype(pa_dtype t)
{
    return t == PA_DTYPE_F32 || t == PA_DTYPE_F16 || t == PA_DTYPE_BF16;
}

static const char *dtype_name(pa_dtype t)
{
    return t == PA_DTYPE_F32 ? "F32" : t == PA_DTYPE_F16 ? "F16" : t == PA_DTYPE_BF16 ? "BF16" : "?";
}

/* One dimension of a tensor: n indices (the name says what they count) at stride elements. */
typedef struct span_dim { int64_t n; const char *n_name; int64_t stride; const char *s_name; } span_dim;

/* The largest element offset a tensor's dimensions can form, sum (n - 1) |stride| + row, in
 * bytes of esize must fit a pointer difference: a larger stride would wrap the 64-bit offsets and
 * land on another part of the buffer (PA_ERR_INVALID_ARG naming the stride). */
static pa_status check_span(pa_context *ctx, const char *tensor, const span_dim *d, int nd,
                            int64_t row, size_t esize)
{
    const uint64_t lim = (uint64_t)PTRDIFF_MAX / (uint64_t)esize;
    uint64_t sum = (uint64_t)row;
    int i;
    for (i = 0; i < nd; i++) {
        const uint64_t a = d[i].stride < 0 ? 0 - (uint64_t)d[i].stride : (uint64_t)d[i].stride;
        const uint64_t steps = d[i].n > 1 ? (uint64_t)(d[i].n - 1) : 0;
        PA_RETURN_IF(steps && a > (lim - sum) / steps, ctx, PA_ERR_INVALID_ARG,
                     "%s = %lld with %s = %lld: %s's largest element offset does not fit in "
                     "a pointer difference", d[i].s_name, (long long)d[i].stride, d[i].n_name,
                     (long long)d[i].n, tensor);
        sum += steps * a;
    }
    return PA_OK;
}

/* The cache's k and v: every page, slot and kv head of the pool. */
static pa_status check_kv_spans(pa_context *ctx, const pa_kv_cache *kv)
{
    const span_dim dk[3] = { { kv->num_pages, "kv.num_pages", kv->k_stride_page, "kv.k_stride_page" },
                             { kv->page_size, "kv.page_size", kv->k_stride_token, "kv.k_stride_token" },
                             { kv->num_kv_heads, "kv.num_kv_heads", kv->k_stride_head, "kv.k_stride_head" } };
    const span_dim dv[3] = { { kv->num_pages, "kv.num_pages", kv->v_stride_page, "kv.v_stride_page" },
                             { kv->page_size, "kv.page_size", kv->v_stride_token, "kv.v_stride_token" },
                             { kv->num_kv_heads, "kv.num_kv_heads", kv->v_stride_head, "kv.v_stride_head" } };
    pa_status s = check_span(ctx, "k", dk, 3, kv->head_dim, pa__dtype_size(kv->dtype));
    return s != PA_OK ? s : check_span(ctx, "v", dv, 3, kv->head_dim, pa__dtype_size(kv->dtype));
}

/* q's and out's rows 0 .. rows - 1, every head (out: has_out) */
static pa_status check_row_spans(pa_context *ctx, pa_dtype t, int32_t heads, int32_t head_dim,
                                 int64_t rows, int64_t q_st, int64_t q_sh, int has_out,
                                 int64_t o_st, int64_t o_sh)
{
    const span_dim dq[2] = { { rows, "query rows", q_st, "q.stride_token" },
                             { heads, "q.num_heads", q_sh, "q.stride_head" } };
    const span_dim dout[2] = { { rows, "query rows", o_st, "out.stride_token" },
                               { heads, "q.num_heads", o_sh, "out.stride_head" } };
    pa_status s = check_span(ctx, "q", dq, 2, head_dim, pa__dtype_size(t));
    return s != PA_OK || !has_out ? s : check_span(ctx, "out", dout, 2, head_dim, pa__dtype_size(t));
}

/* The host fields of one call. with_data = 0 (pa_workspace_size): data pointers are not read. */
static pa_status check_fields(pa_context *ctx, const pa_query *q, const pa_kv_cache *kv,
                              const pa_attn_params *p, const pa_output *out, int with_data,
                              pa__problem *pb)
{
    int64_t need_row = 0;
    PA_RETURN_IF(!q, ctx, PA_ERR_INVALID_ARG, "q is NULL");
    PA_RETURN_IF(!kv, ctx, PA_ERR_INVALID_ARG, "kv is NULL");
    PA_RETURN_IF(!p, ctx, PA_ERR_INVALID_ARG, "p (attention params) is NULL");
    PA_RETURN_IF(with_data && !out, ctx, PA_ERR_INVALID_ARG, "out is NULL");

    PA_RETURN_IF(!valid_dtype(q->dtype), ctx, PA_ERR_INVALID_ARG, "q.dtype = %d is not a pa_dtype",
                 (int)q->dtype);
    PA_RETURN_IF(kv->dtype != q->dtype, ctx, PA_ERR_INVALID_ARG,
                 "kv.dtype = %d (%s) differs from q.dtype = %d (%s)", (int)kv->dtype,
                 dtype_name(kv->dtype), (int)q->dtype, dtype_name(q->dtype));
    PA_RETURN_IF(q->batch < 0, ctx, PA_ERR_INVALID_ARG, "q.batch = %d is negative", q->batch);
    PA_RETURN_IF(q->num_heads < 1, ctx, PA_ERR_INVALID_ARG, "q.num_heads = %d is not positive",
                 q->num_heads);
    PA_RETURN_IF(q->head_dim < 1 || q->head_dim > PA__MAX_HEAD_DIM, ctx, PA_ERR_INVALID_ARG,
                 "q.head_dim = %d is outside [1, %d]", q->head_dim, PA__MAX_HEAD_DIM);
    PA_RETURN_IF(q->max_seqlen < 0, ctx, PA_ERR_INVALID_ARG, "q.max_seqlen = %d is negative",
                 q->max_seqlen);
    /* query rows are int32 (as q.cu_seqlens' entries), and rows x heads stay far from 2^63 */
    PA_RETURN_IF(!q->cu_seqlens && (int64_t)q->batch * q->max_seqlen > INT32_MAX, ctx,
                 PA_ERR_INVALID_ARG, "q.cu_seqlens is NULL and q.batch = %d x q.max_seqlen = %d "
                 "is %lld query rows, past 2^31 - 1", q->batch, q->max_seqlen,
                 (long long)q->batch * q->max_seqlen);
    PA_RETURN_IF((int64_t)q->batch * q->max_seqlen > 0 &&
                 q->num_heads > ((int64_t)1 << 48) / ((int64_t)q->batch * q->max_seqlen), ctx,
                 PA_ERR_INVALID_ARG, "q.batch = %d x q.max_seqlen = %d x q.num_heads = %d is past "
                 "2^48 query rows and heads", q->batch, q->max_seqlen, q->num_heads);
    PA_RETURN_IF(kv->num_kv_heads < 1, ctx, PA_ERR_INVALID_ARG,
                 "kv.num_kv_heads = %d is not positive", kv->num_kv_heads);
    PA_RETURN_IF(kv->head_dim != q->head_dim, ctx, PA_ERR_INVALID_ARG,
                 "kv.head_dim = %d differs from q.head_dim = %d", kv->head_dim, q->head_dim);
    PA_RETURN_IF(q->num_heads % kv->num_kv_heads != 0, ctx, PA_ERR_INVALID_ARG,
                 "q.num_heads = %d is not a multiple of kv.num_kv_heads = %d", q->num_heads,
                 kv->num_kv_heads);
    PA_RETURN_IF(kv->page_size < 1, ctx, PA_ERR_INVALID_ARG, "kv.page_size = %d is less than 1",
                 kv->page_size);
    PA_RETURN_IF(kv->num_pages < 1, ctx, PA_ERR_INVALID_ARG, "kv.num_pages = %d is not positive",
                 kv->num_pages);
    PA_RETURN_IF(kv->max_seq_len < 0 || kv->max_seq_len > PA__MAX_KEYS, ctx, PA_ERR_INVALID_ARG,
                 "kv.max_seq_len = %d is outside [0, %d]", kv->max_seq_len, PA__MAX_KEYS);
    if (kv->page_table) {
        PA_RETURN_IF(kv->page_table_stride < 0, ctx, PA_ERR_INVALID_ARG,
                     "kv.page_table_stride = %lld is negative", (long long)kv->page_table_stride);
        need_row = ((int64_t)kv->max_seq_len + kv->page_size - 1) / kv->page_size;
        PA_RETURN_IF(kv->page_table_stride < need_row, ctx, PA_ERR_INVALID_ARG,
                     "kv.page_table_stride = %lld times kv.page_size = %d is less than "
                     "kv.max_seq_len = %d", (long long)kv->page_table_stride, kv->page_size,
                     kv->max_seq_len);
    } else {
        PA_RETURN_IF(kv->page_size < kv->max_seq_len, ctx, PA_ERR_INVALID_ARG,
                     "kv.page_table is NULL (contiguous cache) but kv.page_size = %d is less than "
                     "kv.max_seq_len = %d", kv->page_size, kv->max_seq_len);
        PA_RETURN_IF(kv->num_pages < q->batch, ctx, PA_ERR_INVALID_ARG,
                     "kv.page_table is NULL (contiguous cache) but kv.num_pages = %d is less than "
                     "q.batch = %d", kv->num_pages, q->batch);
    }
    PA_RETURN_IF(!isfinite(p->softmax_scale), ctx, PA_ERR_INVALID_ARG,
                 "p.softmax_scale = %g is not finite", (double)p->softmax_scale);
    PA_RETURN_IF(!isfinite(p->softcap) || p->softcap < 0, ctx, PA_ERR_INVALID_ARG,
                 "p.softcap = %g is negative or not finite", (double)p->softcap);
    PA_RETURN_IF(p->softcap > 0 && !isfinite(1.0f / p->softcap), ctx, PA_ERR_INVALID_ARG,
                 "p.softcap = %g is too small: 1 / p.softcap is not finite", (double)p->softcap);
    PA_RETURN_IF(p->window_left < -1, ctx, PA_ERR_INVALID_ARG,
                 "p.window_left = %d is less than -1", p->window_left);
    PA_RETURN_IF(p->num_splits < 0, ctx, PA_ERR_INVALID_ARG, "p.num_splits = %d is negative",
                 p->num_splits);
    {   /* strides: q and out over the query rows batch x max_seqlen implies (with cu_seqlens,
         * pa__check_tables checks them again up to cu_seqlens[batch], where rows may start past 0),
         * k and v over the pool, the page table over every sequence's row */
        const int64_t rows = (int64_t)q->batch * q->max_seqlen < INT32_MAX ?
                             (int64_t)q->batch * q->max_seqlen : INT32_MAX;
        pa_status s = check_row_spans(ctx, q->dtype, q->num_heads, q->head_dim, rows, q->stride_token,
                                      q->stride_head, out != NULL, out ? out->stride_token : 0,
                                      out ? out->stride_head : 0);
        if (s == PA_OK) s = check_kv_spans(ctx, kv);
        if (s == PA_OK && kv->page_table) {
            const span_dim dpt[1] = { { q->batch, "q.batch", kv->page_table_stride, "kv.page_table_stride" } };
            s = check_span(ctx, "kv.page_table", dpt, 1, need_row, sizeof(int32_t));
        }
        if (s != PA_OK) return s;
    }
    if (with_data && q->batch > 0) {
        PA_RETURN_IF(!q->data, ctx, PA_ERR_INVALID_ARG, "q.data is NULL");
        PA_RETURN_IF(!kv->k, ctx, PA_ERR_INVALID_ARG, "kv.k is NULL");
        PA_RETURN_IF(!kv->v, ctx, PA_ERR_INVALID_ARG, "kv.v is NULL");
        PA_RETURN_IF(!kv->seq_lens, ctx, PA_ERR_INVALID_ARG, "kv.seq_lens is NULL");
        PA_RETURN_IF(!out->data, ctx, PA_ERR_INVALID_ARG, "out.data is NULL");
    }

    memset(pb, 0, sizeof *pb);
    pb->dtype = q->dtype;
    pb->batch = q->batch;
    pb->num_heads = q->num_heads;
    pb->num_kv_heads = kv->num_kv_heads;
    pb->head_dim = q->head_dim;
    pb->group = q->num_heads / kv->num_kv_heads;
    pb->q = q->data;
    pb->q_stride_token = q->stride_token;
    pb->q_stride_head = q->stride_head;
    pb->cu_seqlens_q = q->cu_seqlens;
    pb->max_seqlen_q = q->max_seqlen;
    pb->k = kv->k;
    pb->v = kv->v;
    pb->k_stride_page = kv->k_stride_page;
    pb->k_stride_token = kv->k_stride_token;
    pb->k_stride_head = kv->k_stride_head;
    pb->v_stride_page = kv->v_stride_page;
    pb->v_stride_token = kv->v_stride_token;
    pb->v_stride_head = kv->v_stride_head;
    pb->page_size = kv->page_size;
    pb->num_pages = kv->num_pages;
    pb->page_table = kv->page_table;
    pb->page_table_stride = kv->page_table_stride;
    pb->seq_lens = kv->seq_lens;
    pb->max_seq_len = kv->max_seq_len;
    pb->scale = p->softmax_scale;
    pb->softcap = p->softcap;
    pb->causal = p->causal != 0;
    pb->window_left = p->window_left;
    pb->num_splits = p->num_splits;
    if (out) {
        pb->out = out->data;
        pb->o_stride_token = out->stride_token;
        pb->o_stride_head = out->stride_head;
        pb->lse = out->lse;
    }
    return PA_OK;
}

pa_status pa__check_tables(pa_context *ctx, const pa__problem *pb, const int32_t *page_table,
                           const int32_t *seq_lens, const int32_t *cu_seqlens)
{
    int32_t b;
    if (cu_seqlens) {
        PA_RETURN_IF(cu_seqlens[0] < 0, ctx, PA_ERR_INVALID_ARG,
                     "q.cu_seqlens[0] = %d is negative", cu_seqlens[0]);
        for (b = 0; b < pb->batch; b++) {
            int64_t len = (int64_t)cu_seqlens[b + 1] - cu_seqlens[b];
            PA_RETURN_IF(len < 0, ctx, PA_ERR_INVALID_ARG,
                         "q.cu_seqlens[%d] = %d is less than q.cu_seqlens[%d] = %d (must not "
                         "decrease)", b + 1, cu_seqlens[b + 1], b, cu_seqlens[b]);
            PA_RETURN_IF(len > pb->max_seqlen_q, ctx, PA_ERR_INVALID_ARG,
                         "q.cu_seqlens[%d] - q.cu_seqlens[%d] = %lld is past q.max_seqlen = %d",
                         b + 1, b, (long long)len, pb->max_seqlen_q);
        }
        if (cu_seqlens[pb->batch] > cu_seqlens[0] &&
            (int64_t)cu_seqlens[pb->batch] > (int64_t)pb->batch * pb->max_seqlen_q) {
            /* rows start at cu_seqlens[0]: check_fields' spans counted them from 0 */
            pa_status s = check_row_spans(ctx, pb->dtype, pb->num_heads, pb->head_dim,
                                          cu_seqlens[pb->batch], pb->q_stride_token,
                                          pb->q_stride_head, pb->out != NULL, pb->o_stride_token,
                                          pb->o_stride_head);
            if (s != PA_OK) return s;
        }
    }
    for (b = 0; b < pb->batch; b++)
        PA_RETURN_IF(seq_lens[b] < 0 || seq_lens[b] > pb->max_seq_len, ctx, PA_ERR_INVALID_ARG,
                     "kv.seq_lens[%d] = %d is outside [0, kv.max_seq_len = %d]", b, seq_lens[b],
                     pb->max_seq_len);
    if (page_table) {
        for (b = 0; b < pb->batch; b++) {
            int32_t n = (int32_t)(((int64_t)seq_lens[b] + pb->page_size - 1) / pb->page_size), i;
            const int32_t *row = page_table + (int64_t)b * pb->page_table_stride;
            for (i = 0; i < n; i++)
                PA_RETURN_IF(row[i] < 0 || row[i] >= pb->num_pages, ctx, PA_ERR_INVALID_ARG,
                             "kv.page_table[%d][%d] = %d is outside [0, %d)", b, i, row[i],
                             pb->num_pages);
        }
    }
    return PA_OK;
}

#ifdef PA_HAVE_CUDA
/* Validation mode: copies the device tables to one host buffer and checks them there. This is
 * the only allocation on the pa_attention path, and it happens only in this debugging mode. */
static pa_status check_device_tables(pa_context *ctx, const pa__problem *pb)
{
    size_t n_cu = pb->cu_seqlens_q ? (size_t)pb->batch + 1 : 0, n_sl = (size_t)pb->batch;
    size_t n_pt = 0, total;
    int32_t *buf, *cu, *sl, *pt = NULL;
    pa_status s;
    int32_t b;
    PA_RETURN_IF(!pa__cuda_copy_to_host, ctx, PA_ERR_UNSUPPORTED,
                 "this build has no CUDA runtime glue (pa__cuda_copy_to_host)");
    buf = (int32_t *)malloc((n_cu + n_sl) * sizeof(int32_t));
    PA_RETURN_IF(!buf, ctx, PA_ERR_OUT_OF_MEMORY, "validation: cannot allocate %zu bytes",
                 (n_cu + n_sl) * sizeof(int32_t));
    cu = n_cu ? buf : NULL;
    sl = buf + n_cu;
    s = pa__cuda_copy_to_host(ctx, sl, pb->seq_lens, n_sl * sizeof(int32_t));
    if (s == PA_OK && cu)
        s = pa__cuda_copy_to_host(ctx, cu, pb->cu_seqlens_q, n_cu * sizeof(int32_t));
    if (s == PA_OK) s = pa__check_tables(ctx, pb, NULL, sl, cu);
    if (s == PA_OK && pb->page_table) {
        /* the table up to the end of the last entry that is read: one allocation of the caller */
        for (b = 0; b < pb->batch; b++) {
            size_t used = (size_t)((sl[b] + (int64_t)pb->page_size - 1) / pb->page_size);
            if (used) {
                size_t end = (size_t)b * (size_t)pb->page_table_stride + used;
                if (end > n_pt) n_pt = end;
            }
        }
        total = n_cu + n_sl + n_pt;
        if (n_pt) {
            int32_t *grown = (int32_t *)realloc(buf, total * sizeof(int32_t));
            if (!grown) {
                free(buf);
                return pa__fail(ctx, PA_ERR_OUT_OF_MEMORY, "validation: cannot allocate %zu bytes",
                                total * sizeof(int32_t));
            }
            buf = grown;
            sl = buf + n_cu;
            pt = sl + n_sl;
            s = pa__cuda_copy_to_host(ctx, pt, pb->page_table, n_pt * sizeof(int32_t));
            if (s == PA_OK) s = pa__check_tables(ctx, pb, pt, sl, NULL);
        }
    }
    free(buf);
    return s;
}
#endif

/* The tables of a call, where this backend can read them. */
static pa_status check_tables(pa_context *ctx, const pa__problem *pb)
{
    if (pb->batch == 0) return PA_OK;
    if (ctx->backend == PA_BACKEND_CPU)
        return pa__check_tables(ctx, pb, pb->page_table, pb->seq_lens, pb->cu_seqlens_q);
#ifdef PA_HAVE_CUDA
    if (ctx->validation) return check_device_tables(ctx, pb);
#endif
    return PA_OK;
}

/* ---- the work ---------------------------------------------------------------------------- */

/* A variant's workspace answer of SIZE_MAX: it would not fit in size_t */
static pa_status workspace_unrepresentable(pa_context *ctx, const pa__variant *v, const pa__problem *pb)
{
    return pa__fail(ctx, PA_ERR_UNSUPPORTED, "%s's workspace for q.batch = %d x q.max_seqlen = %d x "
                    "q.num_heads = %d with p.num_splits = %d does not fit in size_t", v->name,
                    pb->batch, pb->max_seqlen_q, pb->num_heads, pb->num_splits);
}

pa_status pa_workspace_size(pa_context *ctx, const pa_query *q, const pa_kv_cache *kv,
                            const pa_attn_params *p, size_t *bytes)
{
    pa__problem pb;
    const pa__variant *v;
    pa_status s;
    PA__CHECK_CTX(ctx);
    PA_RETURN_IF(!bytes, ctx, PA_ERR_INVALID_ARG, "bytes is NULL");
    *bytes = 0;
    s = check_fields(ctx, q, kv, p, NULL, 0, &pb);
    if (s != PA_OK) return s;
    if (pb.batch == 0 || pb.max_seqlen_q == 0) return PA_OK;
    v = pa__choose(ctx, &pb);
    if (!v) return PA_ERR_UNSUPPORTED;
    *bytes = v->workspace(ctx, &pb);
    if (*bytes == SIZE_MAX) {
        *bytes = 0;
        return workspace_unrepresentable(ctx, v, &pb);
    }
    return PA_OK;
}

static pa_status attention(pa_context *ctx, const pa_query *q, const pa_kv_cache *kv,
                           const pa_attn_params *p, const pa_output *out,
                           void *workspace, size_t workspace_bytes);

pa_status pa_attention(pa_context *ctx, const pa_query *q, const pa_kv_cache *kv,
                       const pa_attn_params *p, const pa_output *out,
                       void *workspace, size_t workspace_bytes)
{
#ifdef PA_HAVE_CUDA
    pa_status s;
    int prev;
    if (ctx && ctx->usable && ctx->backend == PA_BACKEND_CUDA && pa__cuda_device_enter) {
        if ((s = pa__cuda_device_enter(ctx, &prev)) != PA_OK) return s;
        s = attention(ctx, q, kv, p, out, workspace, workspace_bytes);
        pa__cuda_device_leave(ctx, prev);
        return s;
    }
#endif
    return attention(ctx, q, kv, p, out, workspace, workspace_bytes);
}

static pa_status attention(pa_context *ctx, const pa_query *q, const pa_kv_cache *kv,
                           const pa_attn_params *p, const pa_output *out,
                           void *workspace, size_t workspace_bytes)
{
    pa__problem pb;
    const pa__variant *v;
    size_t need, least;
    pa_status s;
    PA__CHECK_CTX(ctx);
    s = check_fields(ctx, q, kv, p, out, 1, &pb);
    if (s != PA_OK) return s;
    s = check_tables(ctx, &pb);
    if (s != PA_OK) return s;
    if (pb.batch == 0 || pb.max_seqlen_q == 0) return PA_OK; /* no query rows */
    v = pa__choose(ctx, &pb);
    if (!v) return PA_ERR_UNSUPPORTED;
    need = v->workspace(ctx, &pb);
    if (need == SIZE_MAX) return workspace_unrepresentable(ctx, v, &pb);
    least = v->min_workspace ? v->min_workspace(ctx, &pb) : need;   /* sm90: without its copy */
    if (least > need) least = need;
    PA_RETURN_IF(workspace_bytes < least, ctx, PA_ERR_WORKSPACE_TOO_SMALL,
                 "workspace_bytes = %zu is less than the %zu bytes that %s needs "
                 "(see pa_workspace_size)", workspace_bytes, least, v->name);
    PA_RETURN_IF(least > 0 && !workspace, ctx, PA_ERR_INVALID_ARG,
                 "workspace is NULL but %s needs %zu bytes", v->name, least);
    PA_RETURN_IF(ctx->backend == PA_BACKEND_CUDA && need > 0 && ((uintptr_t)workspace & 15), ctx,
                 PA_ERR_INVALID_ARG, "workspace = %p is not 16-byte aligned (%s stores 16-byte "
                 "vectors there)", workspace, v->name);
    return v->run(ctx, &pb, workspace, workspace_bytes);
}

static pa_status check_slots(pa_context *ctx, const pa_kv_cache *kv, const int64_t *slots,
                             int32_t n)
{
    int64_t limit = (int64_t)kv->num_pages * kv->page_size;
    int32_t t;
    for (t = 0; t < n; t++)
        PA_RETURN_IF(slots[t] >= limit, ctx, PA_ERR_INVALID_ARG,
                     "slot_mapping[%d] = %lld is at or past kv.num_pages * kv.page_size = %lld", t,
                     (long long)slots[t], (long long)limit);
    return PA_OK;
}

pa_status pa_kv_append(pa_context *ctx, const pa_kv_cache *kv, const void *k_new,
                       const void *v_new, int64_t new_stride_token, int64_t new_stride_head,
                       const int64_t *slot_mapping, int32_t num_tokens)
{
    PA__CHECK_CTX(ctx);
    PA_RETURN_IF(!kv, ctx, PA_ERR_INVALID_ARG, "kv is NULL");
    PA_RETURN_IF(!valid_dtype(kv->dtype), ctx, PA_ERR_INVALID_ARG,
                 "kv.dtype = %d is not a pa_dtype", (int)kv->dtype);
    PA_RETURN_IF(kv->num_kv_heads < 1, ctx, PA_ERR_INVALID_ARG,
                 "kv.num_kv_heads = %d is not positive", kv->num_kv_heads);
    PA_RETURN_IF(kv->head_dim < 1 || kv->head_dim > PA__MAX_HEAD_DIM, ctx, PA_ERR_INVALID_ARG,
                 "kv.head_dim = %d is outside [1, %d]", kv->head_dim, PA__MAX_HEAD_DIM);
    PA_RETURN_IF(kv->page_size < 1, ctx, PA_ERR_INVALID_ARG, "kv.page_size = %d is less than 1",
                 kv->page_size);
    PA_RETURN_IF(kv->num_pages < 1, ctx, PA_ERR_INVALID_ARG, "kv.num_pages = %d is not positive",
                 kv->num_pages);
    PA_RETURN_IF(num_tokens < 0, ctx, PA_ERR_INVALID_ARG, "num_tokens = %d is negative",
                 num_tokens);
    if (num_tokens == 0) return PA_OK;
    PA_RETURN_IF(!kv->k, ctx, PA_ERR_INVALID_ARG, "kv.k is NULL");
    PA_RETURN_IF(!kv->v, ctx, PA_ERR_INVALID_ARG, "kv.v is NULL");
    PA_RETURN_IF(!k_new, ctx, PA_ERR_INVALID_ARG, "k_new is NULL");
    PA_RETURN_IF(!v_new, ctx, PA_ERR_INVALID_ARG, "v_new is NULL");
    PA_RETURN_IF(!slot_mapping, ctx, PA_ERR_INVALID_ARG, "slot_mapping is NULL");
    {
        const span_dim dn[2] = { { num_tokens, "num_tokens", new_stride_token, "new_stride_token" },
                                 { kv->num_kv_heads, "kv.num_kv_heads", new_stride_head, "new_stride_head" } };
        pa_status s = check_kv_spans(ctx, kv);
        if (s == PA_OK) s = check_span(ctx, "k_new and v_new", dn, 2, kv->head_dim, pa__dtype_size(kv->dtype));
        if (s != PA_OK) return s;
    }
    if (ctx->backend == PA_BACKEND_CPU) {
        pa_status s = check_slots(ctx, kv, slot_mapping, num_tokens);
        if (s != PA_OK) return s;
        return pa__cpu_kv_append(ctx, kv, k_new, v_new, new_stride_token, new_stride_head,
                                 slot_mapping, num_tokens);
    }
#ifdef PA_HAVE_CUDA
    PA_RETURN_IF(!pa__cuda_kv_append, ctx, PA_ERR_UNSUPPORTED,
                 "this build has no CUDA kv_append kernel");
    {
        int prev;
        pa_status s;
        if (pa__cuda_device_enter && (s = pa__cuda_device_enter(ctx, &prev)) != PA_OK) return s;
        s = PA_OK;
        if (ctx->validation) {
            size_t bytes = (size_t)num_tokens * sizeof(int64_t);
            int64_t *host = pa__cuda_copy_to_host ? (int64_t *)malloc(bytes) : NULL;
            if (!pa__cuda_copy_to_host)
                s = pa__fail(ctx, PA_ERR_UNSUPPORTED,
                             "this build has no CUDA runtime glue (pa__cuda_copy_to_host)");
            else if (!host)
                s = pa__fail(ctx, PA_ERR_OUT_OF_MEMORY, "validation: cannot allocate %zu bytes",
                             bytes);
            else if ((s = pa__cuda_copy_to_host(ctx, host, slot_mapping, bytes)) == PA_OK)
                s = check_slots(ctx, kv, host, num_tokens);
            free(host);
        }
        if (s == PA_OK)
            s = pa__cuda_kv_append(ctx, kv, k_new, v_new, new_stride_token, new_stride_head,
                                   slot_mapping, num_tokens);
        if (pa__cuda_device_enter) pa__cuda_device_leave(ctx, prev);
        return s;
    }
#else
    return pa__fail(ctx, PA_ERR_UNSUPPORTED, "this build has no CUDA backend");
#endif
}
