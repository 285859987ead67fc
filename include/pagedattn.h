/*
 * pagedattn: attention over a paged KV cache, behind a plain C ABI.
 *
 * One header, layered from simple to advanced:
 *   1. version and status codes
 *   2. contexts (a backend, a device, a stream, an error message)
 *   3. the tensors: pa_query, pa_kv_cache, pa_output, pa_attn_params
 *   4. the work: pa_workspace_size, pa_attention, pa_kv_append
 *
 * Every function returns a pa_status (or a plain value that cannot fail). The library never
 * aborts, prints or exits; on failure pa_context_last_error() says what was wrong and names
 * the field and value. pa_attention allocates no memory of the caller's (a CPU context starts
 * its worker threads on first use; CUDA validation mode copies the tables to the host) and, on
 * CUDA with validation off, never synchronizes the device: the caller owns every buffer,
 * including the workspace, so a call can be captured in a CUDA graph.
 */
#ifndef PAGEDATTN_H
#define PAGEDATTN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(PA_BUILD_SHARED)
#  define PA_API __declspec(dllexport)
#elif defined(__GNUC__)
#  define PA_API __attribute__((visibility("default")))
#else
#  define PA_API
#endif

/* ---- 1. version and status ------------------------------------------------------------- */

#define PA_VERSION_MAJOR 0
#define PA_VERSION_MINOR 1
#define PA_VERSION_PATCH 0
#define PA_VERSION_NUMBER ((PA_VERSION_MAJOR << 16) | (PA_VERSION_MINOR << 8) | PA_VERSION_PATCH)

/* The version of the library actually linked: (major << 16) | (minor << 8) | patch. */
PA_API unsigned pa_version(void);

/* Status codes are numbered explicitly and never reused. */
typedef enum pa_status {
    PA_OK = 0,
    PA_ERR_INVALID_ARG = 1,         /* a field is wrong; nothing was written */
    PA_ERR_UNSUPPORTED = 2,         /* valid, but this backend / build / device cannot run it */
    PA_ERR_WORKSPACE_TOO_SMALL = 3, /* see pa_workspace_size */
    PA_ERR_OUT_OF_MEMORY = 4,       /* pa_context_create, CUDA validation mode's host copy */
    PA_ERR_CUDA = 5,                /* the CUDA runtime failed; the message has its text */
} pa_status;

/* A static string naming the status ("PA_ERR_INVALID_ARG: invalid argument"); never NULL. */
PA_API const char *pa_status_string(pa_status s);

typedef enum pa_backend { PA_BACKEND_CPU = 0, PA_BACKEND_CUDA = 1 } pa_backend;
typedef enum pa_dtype   { PA_DTYPE_F32 = 0, PA_DTYPE_F16 = 1, PA_DTYPE_BF16 = 2 } pa_dtype;

/* ---- 2. contexts ----------------------------------------------------------------------- */

/* A context is used by one thread at a time (it holds the last error message); different
 * contexts may be used from different threads at once, on the CPU each with its own workers. */
typedef struct pa_context pa_context;

/* Creates a context for one backend. device: the CUDA device ordinal (ignored for the CPU).
 * A CUDA context on a build or a machine without CUDA gives PA_ERR_UNSUPPORTED; *out is then
 * still a valid context (of no use but for pa_context_last_error) unless it is NULL on
 * PA_ERR_OUT_OF_MEMORY. Destroy it with pa_context_destroy either way. */
PA_API pa_status   pa_context_create(pa_context **out, pa_backend backend, int device);
PA_API void        pa_context_destroy(pa_context *ctx);                  /* NULL is fine */
/* CUDA: the stream every later call is queued on (a cudaStream_t; NULL: the legacy stream). */
PA_API pa_status   pa_context_set_stream(pa_context *ctx, void *cuda_stream);
/* CPU: worker threads for pa_attention; n <= 0 means the online cores. The calling thread is
 * one of them (its scratch, about 275 KiB, is allocated by pa_context_create, so a small stack
 * will do: 64 KiB is tested, or the platform's least where larger); the others start on the
 * first call that uses them, with 2 MiB stacks, and are kept, waiting, until
 * pa_context_destroy joins them. */
PA_API pa_status   pa_context_set_num_threads(pa_context *ctx, int n);
/* CUDA: on = 1 copies the page table, seq_lens and cu_seqlens to the host and checks them
 * before the kernel runs (this synchronizes the stream: a debugging aid, not for graphs).
 * With validation off, a bad page id still never makes a kernel touch memory outside the
 * caller's buffers: the keys it names are treated as masked (by the copy of
 * pa_context_set_kv_copy_limit: as keys and values of zeros). */
PA_API pa_status   pa_context_set_validation(pa_context *ctx, int on);
/* CUDA on Hopper: a paged cache can instead be copied into the workspace as a contiguous cache,
 * 2 x batch x kv.max_seq_len x num_kv_heads x head_dim elements, which the contiguous kernel then
 * reads; the call takes the copy when it estimates it faster than reading the pages in place
 * (pages too small for TMA tiles, 1..7 and the others the Hopper kernel gathers row by row, for
 * long prefills; most page sizes when the kv heads are few, as with GQA). The copy runs either
 * before the attention or beside it on a few SMs (then with 4 bytes of counters per sequence and
 * kv head). This caps the bytes the copy may add to pa_workspace_size (default
 * PA_KV_COPY_LIMIT_DEFAULT, 1 GiB); 0 turns it off. */
#define PA_KV_COPY_LIMIT_DEFAULT ((size_t)1 << 30)
PA_API pa_status   pa_context_set_kv_copy_limit(pa_context *ctx, size_t bytes);
/* The message of the last call on this context: what failed, "" after a call that succeeded;
 * valid until the next call. */
PA_API const char *pa_context_last_error(const pa_context *ctx);

/* ---- 3. tensors ------------------------------------------------------------------------ */

/* Row t of the batch, head h, at data + t*stride_token + h*stride_head (elements). Sequence b
 * owns rows [cu_seqlens[b], cu_seqlens[b+1]); cu_seqlens NULL: every sequence has max_seqlen
 * rows and sequence b starts at row b*max_seqlen. Limits: at most 2^31 - 1 rows (batch *
 * max_seqlen without cu_seqlens), batch * max_seqlen * num_heads at most 2^48, and strides whose
 * largest offset (of q, out, k, v, k_new, v_new and the page table) fits a pointer difference in
 * bytes; q's and out's rows are counted up to batch * max_seqlen, and with cu_seqlens also up to
 * cu_seqlens[batch] where the tables are checked (CPU, or CUDA validation). With cu_seqlens,
 * max_seqlen may be a loose bound; the CPU's work follows the longest sequence's rows (the
 * workspace follows max_seqlen). */
typedef struct pa_query {
    pa_dtype       dtype;
    int32_t        batch, num_heads, head_dim;
    const void    *data;
    int64_t        stride_token, stride_head;
    const int32_t *cu_seqlens;
    int32_t        max_seqlen;
} pa_query;

/* Key (page p, slot s, kv head h, dim d) at k + p*k_stride_page + s*k_stride_token
 * + h*k_stride_head + d (elements); v likewise. Logical key j of sequence b lives in physical
 * page page_table[b*page_table_stride + j/page_size], slot j%page_size. page_table NULL:
 * contiguous cache, sequence b is page b (page_size >= max_seq_len). Query head h reads kv head
 * h / (num_heads/num_kv_heads). Only the first ceil(seq_lens[b]/page_size) entries of row b are
 * read; slots past seq_lens[b] and pages outside the table may hold anything, NaN included.
 * max_seq_len is at most 2^31 - 2^16. */
typedef struct pa_kv_cache {
    pa_dtype       dtype;
    int32_t        num_kv_heads, head_dim, page_size, num_pages;
    void          *k, *v;
    int64_t        k_stride_page, k_stride_token, k_stride_head;
    int64_t        v_stride_page, v_stride_token, v_stride_head;
    const int32_t *page_table;
    int64_t        page_table_stride;
    const int32_t *seq_lens;          /* [batch]: keys of each sequence */
    int32_t        max_seq_len;
} pa_kv_cache;

/* score(i,j) = softmax_scale * q_i.k_j, then softcap*tanh(score/softcap) when softcap > 0.
 * Causal is bottom-right aligned: with sq queries and sk keys, query i sees keys
 * j <= i + sk - sq; window_left >= 0 also hides keys j < i + sk - sq - window_left. */
typedef struct pa_attn_params {
    float   softmax_scale;
    int32_t causal;
    int32_t window_left;              /* -1: unlimited */
    float   softcap;                  /* 0: off */
    int32_t num_splits;               /* 0: library chooses; 1: no split-KV; n: up to n splits
                                       * (the CPU: at most 256, and one key tile a split) */
} pa_attn_params;

/* softmax_scale = 1/sqrt(head_dim), causal 0, window_left -1, softcap 0, num_splits 0. */
PA_API void pa_attn_params_init(pa_attn_params *p, int32_t head_dim);

/* A query row that sees no key gets zeros and lse = -inf. Scores (softmax_scale q.k) must stay
 * finite in fp32 (on the CPU, which scales q first, a row where one does not comes out NaN, its
 * lse too). */
typedef struct pa_output {
    void    *data;                    /* dtype and layout rules of the query */
    int64_t  stride_token, stride_head;
    float   *lse;                     /* optional: [total_q][num_heads], natural log */
} pa_output;

/* ---- 4. work --------------------------------------------------------------------------- */

/* The workspace bytes pa_attention needs for these shapes (0 is common; split-KV needs some: the
 * CPU's and CUDA's decode over long sequences with few sequences and kv heads, a call on the CPU
 * with num_splits > 1 and more than one key tile, and the Hopper prefill's split of a partial last
 * wave over the keys; Hopper's prefill at head_dim 128 needs a table of its TMA boxes for most
 * paged calls with pages of 8..127 tokens and some larger ones (e.g. 8, 16, 48, 100, 200), and at
 * head_dim 64 for pages it reads in page runs (e.g. 44, 100), 512 bytes per sequence and 128 keys
 * of max_seq_len;
 * num_splits = 1 turns all of them off; Hopper's copy of the cache needs up to
 * pa_context_set_kv_copy_limit bytes, and a workspace too small for the copy but at least this
 * answer with the limit at 0 is accepted: the call then reads the pages in place).
 * The answer depends on host fields only (shapes, maxima, num_splits, the cache's strides) and
 * the context, so it can be computed once per shape bucket and cache layout. PA_ERR_UNSUPPORTED
 * where it would not fit in size_t. A CUDA context's workspace must be 16-byte aligned
 * (cudaMalloc's memory is); the CPU backend takes any. */
PA_API pa_status pa_workspace_size(pa_context *ctx, const pa_query *q, const pa_kv_cache *kv,
                                   const pa_attn_params *p, size_t *bytes);

/* out = softmax(score(q, K)) V over each sequence's paged keys. Checks every argument before it
 * writes anything. Same inputs and parameters give bit-identical outputs. out and lse must not
 * overlap themselves (two rows or heads on one element), each other, the inputs or the
 * workspace: the library cannot tell such layouts from padded ones and does not check (the
 * Python binding refuses an out whose elements may overlap). */
PA_API pa_status pa_attention(pa_context *ctx, const pa_query *q, const pa_kv_cache *kv,
                              const pa_attn_params *p, const pa_output *out,
                              void *workspace, size_t workspace_bytes);

/* Token t's key and value go to physical slot slot_mapping[t] = page*page_size + offset;
 * a negative slot skips the token. Reads only the cache's storage fields (dtype, sizes, k, v
 * and their strides); page_table and seq_lens may be NULL. k_new/v_new row t, head h at
 * + t*new_stride_token + h*new_stride_head, in the cache's dtype. The cache's slots must be
 * distinct elements (not checked). Tokens that share a slot leave the last one's values there
 * on the CPU, and on CUDA each element holding one of theirs. */
PA_API pa_status pa_kv_append(pa_context *ctx, const pa_kv_cache *kv,
                              const void *k_new, const void *v_new,
                              int64_t new_stride_token, int64_t new_stride_head,
                              const int64_t *slot_mapping, int32_t num_tokens);

#ifdef __cplusplus
}
#endif
#endif /* PAGEDATTN_H */
