/*
 * The test harness every backend uses: seeded random cases, data built on the host (and moved
 * to the device for a CUDA context), outputs poisoned before each run, a comparison with
 * pa__reference_attention by dtype-aware tolerances, and a one-line description of every
 * failing case with its seed. Linked into every test binary and into pa-bench: no main() here.
 */
#ifndef PA_TEST_HARNESS_H
#define PA_TEST_HARNESS_H

#include "internal.h"
#include <stdint.h>
#include <stdio.h>

/* ---- device memory (devmem.c): 0 on success; without PA_HAVE_CUDA every call fails ---- */
int  dev_count(void);                                    /* CUDA devices, 0 if none */
int  dev_alloc(void **p, size_t bytes);                  /* bytes may be 0 */
void dev_free(void *p);
int  to_dev(void *dst, const void *src, size_t bytes);
int  to_host(void *dst, const void *src, size_t bytes);
int  dev_sync(void);
/* A stream of its own for a thread (blocking: it orders with the legacy stream that the copies
 * above use), and waiting for it. */
int  dev_stream_create(void **stream);
void dev_stream_destroy(void *stream);
int  dev_stream_sync(void *stream);

/* ---- seeds and environment ---- */
uint64_t th_next(uint64_t *state);                       /* splitmix64 */
int      th_int(uint64_t *state, int lo, int hi);        /* uniform in [lo, hi] */
double   th_unit(uint64_t *state);                       /* uniform in [0, 1) */
uint64_t th_case_seed(uint64_t base, int index);
/* PA_TEST_SEED (default 1), PA_TEST_CASES (default def; def_long with PA_TEST_LONG=1; def/4
 * with PA_TEST_QUICK=1, which run.sh sets for sanitizer builds), PA_TEST_ONLY (one case index,
 * -1: all), PA_TEST_VERBOSE=1 (print every case). */
uint64_t th_env_seed(void);
int      th_env_cases(int def, int def_long);
int      th_env_only(void);
int      th_env_long(void);

/* ---- cases ---- */
/* What the generator may pick. Lists may be NULL (then a built-in default). */
typedef struct th_limits {
    const pa_dtype *dtypes;     int n_dtypes;
    const int      *head_dims;  int n_head_dims;
    const int      *page_sizes; int n_page_sizes;
    int    max_batch, max_heads, max_group;   /* group = num_heads / num_kv_heads, <= 8 */
    int    max_q, max_keys;
    double max_work;            /* cap on sum(sq * sk) * heads * head_dim (reference time) */
} th_limits;

typedef struct th_case {
    uint64_t seed;              /* lengths and data come from it */
    pa_dtype dtype;
    int   batch, num_heads, num_kv_heads, head_dim, page_size;
    int   max_q, max_keys;      /* query rows / keys of a sequence are at most these */
    int   decode;               /* every sequence has one query row (max_q = 1) */
    int   varlen;               /* cu_seqlens given (query lengths vary) */
    int   q_bound;              /* varlen: q.max_seqlen passed as this upper bound (0: max_q) */
    int   hnd;                  /* cache [page][head][slot][dim] instead of [page][slot][head][dim] */
    int   no_table;             /* page_table NULL: sequence b is page b */
    int   pad;                  /* padded strides everywhere */
    int   page_gap;             /* pages apart in the pool: > 0, that many token strides between
                                 * pages; -1, a page stride twice the dense page's (one tensor of
                                 * K and V pages in turn, NHD or HND) */
    int   empty_pct;            /* chance (percent) that a sequence has no keys */
    int   full_len;             /* every sequence has exactly max_keys keys */
    int   bad_pct;              /* chance (percent) that a page-table entry some key reads holds a
                                 * bad page id (-1, num_pages, INT32_MAX or INT32_MIN): with
                                 * validation off its keys are masked; the reference skips them */
    int   causal, window_left, with_lse, num_splits;
    float softcap, scale_mul;   /* softmax_scale = scale_mul / sqrt(head_dim) */
} th_case;

void th_case_random(th_case *c, uint64_t seed, const th_limits *lim);
/* Case i of a set with key counts that are multiples of 128, non-causal, several query blocks. */
void th_case_tile_multiple(th_case *c, uint64_t seed, const th_limits *lim, int i);
void th_case_contiguous(th_case *c, uint64_t seed, const th_limits *lim, int i);
/* Shrinks max_q / max_keys until the case fits lim->max_work (after a test overrode fields). */
void th_case_fit(th_case *c, double max_work);
int  th_case_str(const th_case *c, char *buf, size_t n);   /* one line */

/* One built case: host buffers, device copies when on_dev, and the structs to pass. */
typedef struct th_inst {
    th_case   c;
    int       on_dev, total_q;
    int32_t  *qlen, *klen;            /* per sequence */
    void     *q, *k, *v, *o;          /* host */
    float    *lse;
    int32_t  *pt, *sl, *cu, *cu_ref;  /* cu_ref: always present, for the reference */
    size_t    q_bytes, kv_bytes, v_bytes, o_bytes, lse_bytes, pt_bytes, sl_bytes, cu_bytes;   /* kv_bytes: k's */
    void     *dq, *dk, *dv, *dout;    /* device (or the host ones) */
    float    *dlse;
    int32_t  *dpt, *dsl, *dcu;
    pa_query       query;             /* point at the device buffers when on_dev */
    pa_kv_cache    kv;
    pa_attn_params params;
    pa_output      out;
} th_inst;

int  th_inst_build(th_inst *in, const th_case *c, int on_dev);   /* 0 on success */
void th_inst_free(th_inst *in);
int  th_inst_poison(th_inst *in);                                 /* output and lse := 0xff */
int  th_inst_fetch(th_inst *in);                                  /* device output -> host */
int  th_inst_upload_tables(th_inst *in);                          /* host tables -> device */
/* The reference on the host copies (threads over sequences). out: [total_q][heads][dim]. */
int th_reference(const th_inst *in, double *out, double *lse);   /* 0, or -1: out of memory */

/* Result of one case. */
enum { TH_PASS = 0, TH_FAIL = 1, TH_SKIP = 2 };

/* Runs one case on ctx: workspace query, too-small workspace refused, poisoned outputs, the
 * reference comparison, untouched padding, a bit-identical repeat (on the CPU with another
 * thread count), and, where the call would copy the cache (Hopper), the least workspace (the
 * pages read in place) against the reference too. Prints one line per failure, with the seed and shape, prefixed by tag. */
int th_run_case(pa_context *ctx, const th_case *c, const char *tag);
/* pa_kv_append against a host model: written slots exact, everything else untouched. */
int th_run_kv_append(pa_context *ctx, uint64_t seed, pa_dtype dt, const char *tag);
/* Every bad input of issue 2 on ctx: PA_ERR_INVALID_ARG, a message naming the field, and
 * untouched outputs. Table checks only where the backend makes them (CPU, or validation on). */
void th_run_bad_inputs(pa_context *ctx, pa_dtype dt, int head_dim, int *passed, int *failed);

/* The closing line every test binary prints; returns the exit status. */
/* prints, per dtype compared so far, the largest output error and its fraction of a bound
 * derived from rounding alone (information, not a check) */
void th_worst_report(const char *tag);
int th_finish(int passed, int failed);

#endif /* PA_TEST_HARNESS_H */
