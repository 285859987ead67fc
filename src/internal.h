/*
 * Internal declarations shared by the API layer, the dispatcher and the backends.
 * Public names are pa_*, internal non-static names pa__*.
 *
 * How a call travels: pa_attention (api.c) checks every host field and, for the CPU backend or
 * with validation on, the tables too; it fills one pa__problem, asks the chooser (dispatch.c)
 * for a variant, checks the workspace, and calls variant->run. Nothing is written before that.
 */
#ifndef PA_INTERNAL_H
#define PA_INTERNAL_H

#include "../include/pagedattn.h"
#include <stdarg.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PA__ERR_LEN 512

/* Kernel a test or benchmark may force (pa__context_force_kernel); AUTO lets the chooser pick. */
typedef enum pa__kernel {
    PA__KERNEL_AUTO = 0,
    PA__KERNEL_CPU = 1,
    PA__KERNEL_SM80_PREFILL = 2,   /* mma.sync + cp.async gather, sm_80 and later */
    PA__KERNEL_SM90_PREFILL = 3,   /* wgmma + TMA, warp specialized, sm_90a */
    PA__KERNEL_DECODE = 4,         /* split-KV, GQA packed, few query rows */
} pa__kernel;

/* A CPU call uses no more threads than (4 flops a query row, key and dim) / this + 1: waking a
 * kept thread costs ~15 us on the development VM, about what 1e6 of that work takes one thread. */
#define PA__CPU_THREAD_FLOPS 1e6

/* The CPU backend's worker threads, kept by a CPU context (src/cpu/pool.c). */
typedef struct pa__pool pa__pool;
/* caller_bytes: scratch the pool holds for the calling thread's share of every job (64-byte
 * aligned), so that the caller's own stack is not where it lives. NULL: out of memory. */
pa__pool *pa__pool_create(size_t caller_bytes);
void      pa__pool_destroy(pa__pool *p);      /* joins its threads; NULL is fine */
/* fn(arg, mem) on the caller (mem: the pool's caller scratch) and on up to n - 1 kept threads at
 * once (started on first need, with 2 MiB stacks; mem NULL); returns once every one of them has
 * returned. */
void      pa__pool_run(pa__pool *p, int n, void (*fn)(void *arg, void *mem), void *arg);

struct pa_context {
    pa_backend backend;
    int        device;
    int        usable;            /* 0: creation failed (e.g. no CUDA); calls give UNSUPPORTED */
    void      *stream;            /* cudaStream_t */
    int        num_threads;       /* CPU: resolved, >= 1 */
    double     cpu_thread_flops;  /* CPU: the work that pays for one more thread (0: tests, every
                                   * thread whatever the work) */
    pa__pool  *pool;              /* CPU: the kept worker threads */
    int        validation;
    pa__kernel force_kernel;
    /* CUDA device facts, read once at creation */
    int        cc_major, cc_minor, num_sms;
    size_t     smem_optin;        /* max dynamic shared memory per block after opt-in */
    double     mem_bw;            /* peak DRAM bytes per second (0: unknown) */
    size_t     kv_copy_limit;     /* pa_context_set_kv_copy_limit */
    /* prefill_sm90.cu (M94): the last plan of the last wave beside a copy, by its inputs; a call
     * asks for it up to three times (workspace query, workspace check, launch) and a model of
     * one layer's shape asks again each layer, at 5..30 us a search */
    struct { int64_t ctas; int sms, tiles, k; double lost; int64_t first; int units, splits; } sm90_beside_memo;
    char       err[PA__ERR_LEN];
};

/* Records a printf-style message in ctx->err (when ctx is not NULL) and returns s. */
pa_status pa__fail(pa_context *ctx, pa_status s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
#define PA_RETURN_IF(cond, ctx, status, ...) \
    do { if (cond) return pa__fail((ctx), (status), __VA_ARGS__); } while (0)

/* Tests and benchmarks: force one kernel (PA_ERR_UNSUPPORTED later if it cannot run a call). */
pa_status pa__context_force_kernel(pa_context *ctx, pa__kernel k);

/* One attention call with every field resolved. Pointers are host memory for the CPU backend
 * and device memory for CUDA. cu_seqlens_q NULL: sequence b has max_seqlen_q rows starting at
 * row b*max_seqlen_q. page_table NULL: sequence b is page b. */
typedef struct pa__problem {
    pa_dtype       dtype;
    int32_t        batch, num_heads, num_kv_heads, head_dim, group; /* group = heads / kv heads */
    const void    *q;
    int64_t        q_stride_token, q_stride_head;
    const int32_t *cu_seqlens_q;
    int32_t        max_seqlen_q;
    const void    *k, *v;
    int64_t        k_stride_page, k_stride_token, k_stride_head;
    int64_t        v_stride_page, v_stride_token, v_stride_head;
    int32_t        page_size, num_pages;
    const int32_t *page_table;
    int64_t        page_table_stride;
    const int32_t *seq_lens;
    int32_t        max_seq_len;
    float          scale, softcap;
    int32_t        causal, window_left, num_splits;
    void          *out;
    int64_t        o_stride_token, o_stride_head;
    float         *lse;
    int64_t        lse_stride_token; /* lse's row stride in floats; 0: num_heads (sm90's head groups set it) */
} pa__problem;

/* Query rows of sequence b and where they start (host tables only: CPU and reference). */
static inline int64_t pa__q_start(const pa__problem *pb, int32_t b)
{ return pb->cu_seqlens_q ? pb->cu_seqlens_q[b] : (int64_t)b * pb->max_seqlen_q; }
static inline int32_t pa__q_len(const pa__problem *pb, int32_t b)
{ return pb->cu_seqlens_q ? pb->cu_seqlens_q[b + 1] - pb->cu_seqlens_q[b] : pb->max_seqlen_q; }
/* Physical page of logical key j of sequence b (host tables only). */
static inline int64_t pa__page_of(const pa__problem *pb, int32_t b, int32_t j)
{ return pb->page_table ? pb->page_table[(int64_t)b * pb->page_table_stride + j / pb->page_size] : b; }

/* a * b, or SIZE_MAX where the product does not fit (workspace sizes: api.c refuses SIZE_MAX) */
static inline size_t pa__size_mul(size_t a, size_t b)
{ return a && b > SIZE_MAX / a ? SIZE_MAX : a * b; }
static inline size_t pa__size_add(size_t a, size_t b)
{ return b > SIZE_MAX - a ? SIZE_MAX : a + b; }

/* A kernel variant: one row of the table in dispatch.c. supports() answers "can it run this"
 * (and writes why not), workspace() "how much memory", run() "do it"; min_workspace(), where set,
 * the least memory run() accepts (it then takes a slower path: sm90 without its copy of the cache),
 * NULL meaning workspace(). */
typedef struct pa__variant {
    const char *name;
    pa_backend  backend;
    pa__kernel  kernel;
    int       (*supports)(const pa_context *ctx, const pa__problem *pb, char *why, size_t why_len);
    size_t    (*workspace)(const pa_context *ctx, const pa__problem *pb);
    pa_status (*run)(pa_context *ctx, const pa__problem *pb, void *ws, size_t ws_bytes);
    size_t    (*min_workspace)(const pa_context *ctx, const pa__problem *pb);
} pa__variant;

/* The variant for this call, or NULL with the reason in ctx->err. */
const pa__variant *pa__choose(pa_context *ctx, const pa__problem *pb);

/* Host-side checks of the tables (host copies): page ids, seq_lens, cu_seqlens. */
pa_status pa__check_tables(pa_context *ctx, const pa__problem *pb, const int32_t *page_table,
                           const int32_t *seq_lens, const int32_t *cu_seqlens);

/* ---- CPU backend (src/cpu) ---- */
int       pa__cpu_supports(const pa_context *ctx, const pa__problem *pb, char *why, size_t n);
size_t    pa__cpu_workspace(const pa_context *ctx, const pa__problem *pb);
pa_status pa__cpu_attention(pa_context *ctx, const pa__problem *pb, void *ws, size_t ws_bytes);
pa_status pa__cpu_kv_append(pa_context *ctx, const pa_kv_cache *kv, const void *k_new,
                            const void *v_new, int64_t new_stride_token, int64_t new_stride_head,
                            const int64_t *slot_mapping, int32_t num_tokens);
int       pa__cpu_online_cores(void);
size_t    pa__cpu_scratch_bytes(void);   /* one worker's scratch (pa__pool_create's caller_bytes) */
int       pa__cpu_f16c_mismatches(void); /* tests: F16C against the portable f16 conversion */
int       pa__cpu_store_mismatches(void); /* tests: the output rows' bf16 rounding */

/* Naive double-precision reference (src/cpu/reference.c), for tests. out: [total_q][heads][d],
 * lse: [total_q][heads] (either may be NULL); rows are numbered as the query's rows. 0, or -1
 * when its scratch cannot be allocated (out and lse then hold a part of the rows). */
int pa__reference_attention(const pa__problem *pb, double *out, double *lse);

/* ---- element conversions (round to nearest even) ---- */
static inline float pa__bf16_to_f32(uint16_t h)
{ union { uint32_t u; float f; } x; x.u = (uint32_t)h << 16; return x.f; }
static inline uint16_t pa__f32_to_bf16(float f)
{
    union { uint32_t u; float f; } x; x.f = f;
    if ((x.u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((x.u >> 16) | 0x40); /* NaN */
    return (uint16_t)((x.u + 0x7fffu + ((x.u >> 16) & 1u)) >> 16);
}
float    pa__f16_to_f32(uint16_t h);
uint16_t pa__f32_to_f16(float f);
static inline size_t pa__dtype_size(pa_dtype t) { return t == PA_DTYPE_F32 ? 4 : 2; }
/* Element i of a tensor of dtype t, as float. */
static inline float pa__load(pa_dtype t, const void *p, int64_t i)
{
    if (t == PA_DTYPE_F32) return ((const float *)p)[i];
    if (t == PA_DTYPE_BF16) return pa__bf16_to_f32(((const uint16_t *)p)[i]);
    return pa__f16_to_f32(((const uint16_t *)p)[i]);
}
static inline void pa__store(pa_dtype t, void *p, int64_t i, float v)
{
    if (t == PA_DTYPE_F32) ((float *)p)[i] = v;
    else if (t == PA_DTYPE_BF16) ((uint16_t *)p)[i] = pa__f32_to_bf16(v);
    else ((uint16_t *)p)[i] = pa__f32_to_f16(v);
}

/* ---- CUDA backend (src/cuda), present when built with PA_HAVE_CUDA ---- */
#ifdef PA_HAVE_CUDA
/* runtime.cu: device facts, stream, host copies for validation */
pa_status pa__cuda_context_init(pa_context *ctx);
pa_status pa__cuda_copy_to_host(pa_context *ctx, void *dst, const void *src, size_t bytes);
pa_status pa__cuda_device_enter(pa_context *ctx, int *prev);   /* make ctx->device current */
void      pa__cuda_device_leave(pa_context *ctx, int prev);    /* give the caller's device back */
pa_status pa__cuda_kv_append(pa_context *ctx, const pa_kv_cache *kv, const void *k_new,
                             const void *v_new, int64_t new_stride_token, int64_t new_stride_head,
                             const int64_t *slot_mapping, int32_t num_tokens);
/* kv_copy.cu: a paged K / V into a contiguous NHD copy (prefill_sm90.cu's M80); straddle != 0:
 * only the rows of the 8-key groups that cross a page boundary (M107) */
pa_status pa__cuda_kv_copy(pa_context *ctx, const pa__problem *pb, void *dk, void *dv, int straddle);
/* the same beside the attention (M82): `blocks` blocks, counters ready[batch x kv heads] zeroed and
 * raised to *need as each (sequence, kv head) is copied */
pa_status pa__cuda_kv_copy_overlap(pa_context *ctx, const pa__problem *pb, void *dk, void *dv,
                                   uint32_t *ready, int blocks, uint32_t *need, int straddle);
/* prefill_sm80.cu */
int       pa__sm80_supports(const pa_context *ctx, const pa__problem *pb, char *why, size_t n);
size_t    pa__sm80_workspace(const pa_context *ctx, const pa__problem *pb);
pa_status pa__sm80_attention(pa_context *ctx, const pa__problem *pb, void *ws, size_t ws_bytes);
/* prefill_sm90.cu */
int       pa__sm90_supports(const pa_context *ctx, const pa__problem *pb, char *why, size_t n);
size_t    pa__sm90_workspace(const pa_context *ctx, const pa__problem *pb);
size_t    pa__sm90_workspace_min(const pa_context *ctx, const pa__problem *pb);
pa_status pa__sm90_attention(pa_context *ctx, const pa__problem *pb, void *ws, size_t ws_bytes);
/* decode.cu (+ combine) */
int       pa__decode_supports(const pa_context *ctx, const pa__problem *pb, char *why, size_t n);
size_t    pa__decode_workspace(const pa_context *ctx, const pa__problem *pb);
pa_status pa__decode_attention(pa_context *ctx, const pa__problem *pb, void *ws, size_t ws_bytes);
#endif

#ifdef __cplusplus
}
#endif
#endif /* PA_INTERNAL_H */
