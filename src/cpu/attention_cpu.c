/*
 * The CPU backend: attention over a paged cache, and pa_kv_append.
 *
 * A work item is (sequence, kv head, chunk of its query heads, block of query rows), or for
 * decode-like calls over NHD caches (sequence, several kv heads with all their query heads, block
 * of query rows), so that a tile reads each token's rows of those heads in sequence; with
 * split-KV, also a part of the keys (the parts' partial results combined in a second pass). Its rows
 * (every query head of the item at every position of the block) share each tile of keys, so a
 * tile is gathered from its pages and converted to fp32 once per item, the next tile's rows
 * prefetched meanwhile. Per tile and row: scores as dot products in 8 fixed lanes, four keys at a
 * time, each summed by a fixed tree (vectorized without reassociation), then an online softmax
 * (e^x by a polynomial that vectorizes) and P.V in fp32, four keys a step with 32 output columns
 * held in registers. Keys outside a row's causal / window range are skipped by bounds: no score
 * matrix is ever full. Every build (SSE2, AVX2, with or without FMA hardware, x86-64 or aarch64,
 * glibc or musl; the Makefile compiles this file with -ffp-contract=off, and no libm function is
 * called) computes the same bits: tests/bits_check.sh.
 * Threads take items from an atomic counter; an item's arithmetic does not depend on which
 * thread runs it or how many there are, so results are bit-identical for any thread count.
 * A worker's scratch (about 275 KiB) is the context's for the calling thread (allocated by
 * pa_context_create) and on their 2 MiB stacks for the context's kept threads; pa_attention
 * allocates nothing.
 */
#include "internal.h"
#include <math.h>
#include <stdatomic.h>
#include <unistd.h>

/* Tile sizes (floats), chosen on the development VM (RESULTS 1, session 48): larger K / V tiles
 * slowed prefill down (its items reuse a tile over up to 64 rows; 16 KiB tiles stay nearer L1),
 * while decode-like items, whose tiles hold every kv head of a few tokens, gained from tiles of
 * 8 keys instead of 4 (fewer passes over O per key). */
#ifndef ROW_FLOATS
#define ROW_FLOATS   16384  /* each of the Q and O tiles: 64 rows up to head_dim 256 */
#endif
#ifndef KV_FLOATS
#define KV_FLOATS    8192   /* each of the K and V tiles, decode-like items (kv_per_item > 1) */
#endif
#ifndef KV_PREFILL_FLOATS
#define KV_PREFILL_FLOATS 4096   /* the K and V tiles used by the other items */
#endif
#ifndef KV_MIN_KEYS
#define KV_MIN_KEYS  4      /* decode-like items: keys a tile at least */
#endif
#ifndef MAX_ROWS
#define MAX_ROWS     64     /* query rows of one item */
#endif
#define MAX_KEYS     64     /* keys of one tile */
#define S_FLOATS     (MAX_ROWS * MAX_KEYS)   /* scores: an item's heads of one kv head x a tile's keys */
#define MAX_THREADS  256
#define LANES        8      /* partial sums of a dot product */
/* Split-KV (several items over one row block's keys, partial results combined in a second pass,
 * in the workspace): decode-like calls with fewer than SPLIT_TARGET items of their own split their
 * keys into up to SPLIT_TARGET / items parts of at least SPLIT_MIN_KEYS keys, so that a batch of
 * one long sequence keeps many threads busy. The count depends on the shapes alone (never on
 * the threads), so the bits do not depend on the threads either. */
#define SPLIT_TARGET   32
#ifndef SPLIT_MIN_KEYS
#define SPLIT_MIN_KEYS 1024
#endif
#define MAX_SPLITS     256  /* an explicit num_splits is capped here and at one tile a split */
/* The running outputs and sums of a tile walk are folded into a second accumulator every
 * FOLD_KEYS keys (fold_rows): a row's sum of n keys is then n / FOLD_KEYS additions deep instead
 * of n / 4 (or n / tile), whose rounding, all one way when the increments are alike, had grown
 * with n: f32 at 131072 keys without splits 2.5e-4 of max|v| before, ~1e-5 with it. */
#ifndef FOLD_KEYS
#define FOLD_KEYS      1024
#endif

/* x86-64: the item loop is compiled twice (below, run_item_avx2 / run_item_base) */
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && !defined(PA_NO_CLONES)
#  define PA__AVX2_LOOP 1
#  include <cpuid.h>
#endif

typedef struct plan {
    const pa__problem *pb;
    int32_t      block_n;          /* keys per tile */
    int32_t      kv_per_item;      /* kv heads that one item takes (consecutive) */
    int32_t      heads_per_item;   /* query heads of each of those kv heads that one item takes */
    int32_t      q_per_item;       /* query positions of one item */
    int32_t      kv_blocks;        /* num_kv_heads / kv_per_item */
    int32_t      chunks, qblocks;  /* head chunks per kv head, query blocks per sequence */
    int32_t      rows_max;         /* the longest sequence's query rows (<= max_seqlen_q) */
    int32_t      splits;           /* items over the keys of one row block (1: no split) */
    int64_t      split_keys;       /* keys of one split (a multiple of block_n) */
    int64_t      items;
    int          avx2;             /* x86-64: run the AVX2 (and F16C) item loop */
    float       *part_o, *part_ml; /* splits: [split][b][i][head] rows of D unnormalized outputs,
                                    * and of (running max, sum) */
    atomic_llong next;
} plan;

typedef struct scratch {
    float q[ROW_FLOATS], o[ROW_FLOATS];     /* [row][d]: scaled queries, unnormalized outputs */
    float k[KV_FLOATS], v[KV_FLOATS];       /* [key][d] */
    float s[S_FLOATS];                      /* [head][key]: scores, then probabilities */
    float m[MAX_ROWS], l[MAX_ROWS];         /* running max and sum */
    float oa[ROW_FLOATS], la[MAX_ROWS], ma[MAX_ROWS];   /* o and l folded so far, at max ma */
} scratch;

int pa__cpu_online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

int pa__cpu_supports(const pa_context *ctx, const pa__problem *pb, char *why, size_t n)
{
    (void)ctx; (void)pb; (void)why; (void)n;
    return 1; /* every dtype, head_dim 1..512, every feature */
}

static void plan_init(plan *pl, const pa__problem *pb, int threads, int32_t rows_max);
static int64_t part_rows(const pa__problem *pb);

/* Split-KV's partials (64 bytes more, to align them whatever the caller's pointer); 0 without. */
size_t pa__cpu_workspace(const pa_context *ctx, const pa__problem *pb)
{
    plan pl;
    (void)ctx;
    plan_init(&pl, pb, 1, pb->max_seqlen_q);
    if (pl.splits == 1) return 0;
    /* (SIZE_MAX where it does not fit: api.c refuses the call) */
    return pa__size_add(pa__size_mul(pa__size_mul((size_t)pl.splits, (size_t)part_rows(pb)),
                                     ((size_t)pb->head_dim + 2) * sizeof(float)), 64);
}

/* Decode-like calls (at most 4 query rows a sequence) over a cache whose kv heads lie side by
 * side within a token (NHD) take several kv heads an item, all their query heads: a tile then
 * reads each token's rows of those heads as one run of memory instead of one head's row every
 * token stride (a 2-core VM read 2.6 GB/s that way against 21 GB/s in sequence). kv_per_item is
 * the largest divisor of num_kv_heads whose rows of a token fit a tile four times and whose query
 * heads fit an item; 1 otherwise (prefill, HND caches: there each item already reuses its keys
 * over many rows, or reads them in sequence). */
static int32_t kv_per_item(const pa__problem *pb, int32_t row_cap)
{
    const int32_t D = pb->head_dim, hk = pb->num_kv_heads;
    int32_t ng;
    if (hk < 2 || pb->max_seqlen_q > 4) return 1;
    if (!(pb->k_stride_head == D && pb->v_stride_head == D)) return 1;   /* rows not side by side */
#ifndef PA_CPU_MAX_NG   /* (measurement: a cap on kv_per_item, RESULTS 1) */
#define PA_CPU_MAX_NG 64
#endif
    for (ng = hk < PA_CPU_MAX_NG ? hk : PA_CPU_MAX_NG; ng > 1; ng--)   /* tiles of 4+ keys, all query heads in one item, scores fit */
        if (hk % ng == 0 && (int64_t)ng * D * KV_MIN_KEYS <= KV_FLOATS && (int64_t)ng * pb->group <= row_cap)
            return ng;
    return 1;
}

/* threads: the workers the call will run. With several kv heads an item, an item count below it
 * takes fewer kv heads an item (a divisor of the widest), each row's arithmetic unchanged: the
 * tile size and the query blocks stay the widest choice's, so the bits do not depend on threads.
 * rows_max: the longest sequence's query rows, from cu_seqlens (max_seqlen_q is only a bound
 * there): the items cover those; the splits (and the workspace) follow max_seqlen_q alone. */
static void plan_init(plan *pl, const pa__problem *pb, int threads, int32_t rows_max)
{
    int32_t rows = ROW_FLOATS / pb->head_dim, hc, ng;
    if (rows > MAX_ROWS) rows = MAX_ROWS;
    pl->pb = pb;
    ng = kv_per_item(pb, rows);
    pl->block_n = (ng > 1 ? KV_FLOATS : KV_PREFILL_FLOATS) / (ng * pb->head_dim);
    if (pl->block_n > MAX_KEYS) pl->block_n = MAX_KEYS;
    if (ng > 1) {
        hc = pb->group;                                /* every query head of the ng kv heads */
        pl->q_per_item = rows / (ng * hc);
    } else {
        hc = pb->group < rows ? pb->group : rows;
        pl->q_per_item = rows / hc;
    }
    pl->heads_per_item = hc;
    pl->chunks = (int32_t)(((int64_t)pb->group + hc - 1) / hc);   /* group may be near 2^31 */
    {   /* splits, from the widest choice's item count over max_seqlen_q (as the workspace) */
        const int64_t qblocks_all = ((int64_t)pb->max_seqlen_q + pl->q_per_item - 1) / pl->q_per_item;
        const int64_t own = (int64_t)pb->batch * (pb->num_kv_heads / ng) * pl->chunks * qblocks_all;
        const int64_t tiles = ((int64_t)pb->max_seq_len + pl->block_n - 1) / pl->block_n;
        int64_t n = 1;
        if (pb->num_splits > 1)
            n = pb->num_splits;
        else if (pb->num_splits == 0 && pb->max_seqlen_q <= 4 && own < SPLIT_TARGET) {
            n = (SPLIT_TARGET + own - 1) / own;
            if (n > pb->max_seq_len / SPLIT_MIN_KEYS) n = pb->max_seq_len / SPLIT_MIN_KEYS;
        }
        if (n > MAX_SPLITS) n = MAX_SPLITS;
        if (n > tiles) n = tiles;
        if (n < 1) n = 1;
        pl->split_keys = (tiles + n - 1) / n * pl->block_n;
        pl->splits = (int32_t)n;
    }
    pl->rows_max = rows_max;
    pl->qblocks = (int32_t)(((int64_t)rows_max + pl->q_per_item - 1) / pl->q_per_item);   /* rows_max may be near 2^31 */
    pl->part_o = pl->part_ml = NULL;
    while (ng > 1 && (int64_t)pb->batch * (pb->num_kv_heads / ng) * pl->chunks * pl->qblocks * pl->splits < threads) {
        int32_t d = ng - 1;
        while (ng % d) d--;                            /* the next divisor down */
        ng = d;
    }
    pl->kv_per_item = ng;
    pl->kv_blocks = pb->num_kv_heads / ng;
    pl->items = (int64_t)pb->batch * pl->kv_blocks * pl->chunks * pl->qblocks * pl->splits;
    atomic_init(&pl->next, 0);
}

/* The rows of the split partials: every (sequence, query position up to max_seqlen_q, head). */
static int64_t part_rows(const pa__problem *pb)
{
    return (int64_t)pb->batch * pb->max_seqlen_q * pb->num_heads;
}

/* Element offsets of key j of sequence b (kv head kvh) in the k and v arrays. */
static inline void key_offsets(const pa__problem *pb, int32_t b, int32_t j, int32_t kvh,
                               int64_t *ko, int64_t *vo)
{
    int64_t page = pa__page_of(pb, b, j), slot = j % pb->page_size;
    *ko = page * pb->k_stride_page + slot * pb->k_stride_token + kvh * pb->k_stride_head;
    *vo = page * pb->v_stride_page + slot * pb->v_stride_token + kvh * pb->v_stride_head;
}

/* Asks for the next tile's key and value rows (n keys from j, kv heads kvh .. kvh + ng - 1)
 * while this one computes: a tile's rows are a few hundred bytes from each of its pages, which
 * the hardware prefetchers do not foresee. Into L2 (locality 2, prefetcht1 on x86): the K and V
 * tiles together fill L1, and L2 takes more requests in flight (decode at page 1: 9.0 -> 7.9 ms,
 * RESULTS 1, session 48). */
static void prefetch_tile(const pa__problem *pb, int32_t b, int32_t kvh, int32_t ng, int64_t j,
                          int32_t n)
{
#if defined(__GNUC__)
    /* ng > 1 only where the heads' rows lie side by side (kv_per_item): one span a token */
    const int64_t es = (int64_t)pa__dtype_size(pb->dtype), span = (int64_t)ng * pb->head_dim * es;
    int32_t i;
    int64_t c;
    for (i = 0; i < n; i++) {
        int64_t ko, vo;
        key_offsets(pb, b, (int32_t)(j + i), kvh, &ko, &vo);
        for (c = 0; c < span; c += 64) {
            __builtin_prefetch((const char *)pb->k + ko * es + c, 0, 2);
            __builtin_prefetch((const char *)pb->v + vo * es + c, 0, 2);
        }
    }
#else
    (void)pb; (void)b; (void)kvh; (void)ng; (void)j; (void)n;
#endif
}

/* pa__f16_to_f32 written with selects only, so a loop of it vectorizes. Subnormals go through
 * an exact int -> float conversion (no denormal operand, so FTZ/DAZ modes cannot change it). */
static inline float f16_to_f32(uint16_t h)
{
    union { uint32_t u; float f; } n, sub;
    uint32_t e = (h >> 10) & 0x1fu, m = h & 0x3ffu, sign = (uint32_t)(h & 0x8000u) << 16;
    sub.f = (float)(int32_t)m * (1.0f / 16777216.0f);
    uint32_t is_sub = 0u - (uint32_t)(e == 0), is_big = 0u - (uint32_t)(e == 31);
    uint32_t quiet = 0u - (uint32_t)(m != 0);   /* a NaN comes out quiet, as F16C makes it */
    n.u = ((((e + 112u) << 23) | (m << 13)) & ~(is_sub | is_big)) | (sub.u & is_sub) |
          ((0x7f800000u | (m << 13) | (0x00400000u & quiet)) & is_big) | sign;
    return n.f;
}

#if defined(PA__AVX2_LOOP)
#include <immintrin.h>
/* f16 rows by the F16C instruction (the AVX2 item loop's CPUs): the same values as f16_to_f32 for
 * all 65536 inputs (test_cpu checks every one), 8 at a time */
__attribute__((target("avx2,f16c")))
static inline void load_f16c(const uint16_t *x, int32_t n, float *dst)
{
    int32_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(x + i))));
    for (; i < n; i++) dst[i] = f16_to_f32(x[i]);
}
#endif

/* An output row: x[i] * inv as type t at p + off; the bf16 rounding written with selects, so the
 * loop vectorizes (pa__f32_to_bf16's bits) */
static void store_row(pa_dtype t, void *p, int64_t off, const float *x, float inv, int32_t n)
{
    int32_t i;
    if (t == PA_DTYPE_F32) {
        float *y = (float *)p + off;
        for (i = 0; i < n; i++) y[i] = x[i] * inv;
    } else if (t == PA_DTYPE_BF16) {
        uint16_t *y = (uint16_t *)p + off;
        for (i = 0; i < n; i++) {
            union { float f; uint32_t u; } v;
            uint32_t nan, r;
            v.f = x[i] * inv;
            nan = 0u - (uint32_t)((v.u & 0x7fffffffu) > 0x7f800000u);
            r = (v.u + 0x7fffu + ((v.u >> 16) & 1u)) >> 16;
            y[i] = (uint16_t)((((v.u >> 16) | 0x40u) & nan) | (r & ~nan));
        }
    } else {
        uint16_t *y = (uint16_t *)p + off;
        for (i = 0; i < n; i++) y[i] = pa__f32_to_f16(x[i] * inv);
    }
}

/* n elements of type t at p + off, as fp32 (f16c: the AVX2 loop, where F16C converts f16). */
static void load_row(pa_dtype t, const void *p, int64_t off, int32_t n, float *dst, int f16c)
{
    int32_t i;
    if (t == PA_DTYPE_F32) {
        const float *x = (const float *)p + off;
        for (i = 0; i < n; i++) dst[i] = x[i];
    } else if (t == PA_DTYPE_BF16) {
        const uint16_t *x = (const uint16_t *)p + off;
        for (i = 0; i < n; i++) dst[i] = pa__bf16_to_f32(x[i]);
    } else {
        const uint16_t *x = (const uint16_t *)p + off;
#if defined(PA__AVX2_LOOP)
        if (f16c) {
            load_f16c(x, n, dst);
            return;
        }
#endif
        for (i = 0; i < n; i++) dst[i] = f16_to_f32(x[i]);
    }
    (void)f16c;
}

/* The 8 lanes of a dot product summed as a fixed tree, three dependent adds instead of eight:
 * lanes l and l + 4 first, then l and l + 2, then the last two (the order dot4's vector form
 * takes for four dot products at once). */
static inline float lanes_sum(const float *a)
{
    return ((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7]));
}

/* Dot products in LANES independent lanes: lane l sums q[d] k[d] over d = l mod 8 in order of d,
 * then lanes_sum. With GNU C, the lanes are one 8-wide vector in the AVX2 item loop (wide) and two
 * 4-wide ones in the other (SSE2, NEON: a 32-byte vector there lives in memory, every add a store
 * and a load, which made that loop 7x slower); the same element-wise multiplies and adds, so the
 * same bits, in both item loops and on every compiler path. */
#if defined(__GNUC__)
typedef float pa__v8 __attribute__((vector_size(32)));
typedef float pa__v4 __attribute__((vector_size(16)));
/* (a macro: a function returning a 32-byte vector has another ABI without AVX, which GCC warns of) */
#define V8_LOAD(v, p) memcpy(&(v), (p), sizeof(pa__v8))
#define V4_LOAD(v, p) memcpy(&(v), (p), sizeof(pa__v4))
#  if defined(__has_builtin) && !defined(PA_NO_SHUFFLE)   /* (PA_NO_SHUFFLE: the scalar sums) */
#    if __has_builtin(__builtin_shufflevector)
#      define PA__SHUFFLE 1   /* GCC 12+, clang */
#    endif
#  endif
#endif

#if defined(PA__SHUFFLE)
/* lanes_sum's tree for four lane vectors at once (8 + 4 lanes, then 4 + 2, then 2 + 1) into
 * out[0..4); a macro: a function taking 32-byte vectors has another ABI without AVX */
#define SUM4_TREE(out, a0, a1, a2, a3) do {                                                  \
        const pa__v8 t01_ = __builtin_shufflevector(a0, a1, 0, 1, 2, 3, 8, 9, 10, 11) +         \
                            __builtin_shufflevector(a0, a1, 4, 5, 6, 7, 12, 13, 14, 15);        \
        const pa__v8 t23_ = __builtin_shufflevector(a2, a3, 0, 1, 2, 3, 8, 9, 10, 11) +         \
                            __builtin_shufflevector(a2, a3, 4, 5, 6, 7, 12, 13, 14, 15);        \
        const pa__v8 w_ = __builtin_shufflevector(t01_, t23_, 0, 1, 8, 9, 4, 5, 12, 13) +       \
                          __builtin_shufflevector(t01_, t23_, 2, 3, 10, 11, 6, 7, 14, 15);      \
        const pa__v4 o4_ = __builtin_shufflevector(w_, w_, 0, 4, 2, 6) +                        \
                           __builtin_shufflevector(w_, w_, 1, 5, 3, 7);                         \
        memcpy((out), &o4_, sizeof o4_);                                                     \
    } while (0)
/* the same tree from lane halves (lo: lanes 0..3, hi: 4..7): t = lo + hi is the first step */
#define SUM4_TREE_HALVES(out, a0l, a0h, a1l, a1h, a2l, a2h, a3l, a3h) do {                   \
        const pa__v4 t0_ = a0l + a0h, t1_ = a1l + a1h, t2_ = a2l + a2h, t3_ = a3l + a3h;     \
        const pa__v4 w01_ = __builtin_shufflevector(t0_, t1_, 0, 1, 4, 5) +                   \
                            __builtin_shufflevector(t0_, t1_, 2, 3, 6, 7);                    \
        const pa__v4 w23_ = __builtin_shufflevector(t2_, t3_, 0, 1, 4, 5) +                   \
                            __builtin_shufflevector(t2_, t3_, 2, 3, 6, 7);                    \
        const pa__v4 o4_ = __builtin_shufflevector(w01_, w23_, 0, 2, 4, 6) +                  \
                           __builtin_shufflevector(w01_, w23_, 1, 3, 5, 7);                   \
        memcpy((out), &o4_, sizeof o4_);                                                     \
    } while (0)
#endif

/* dot4: q against four keys k, k + ks, k + 2 ks, k + 3 ks (q loaded once for the four, and the
 * four lane sums overlap); out[r] is the same as dot(q, k + r ks). */
static inline void dot4(const float *q, const float *k, int32_t D, int64_t ks, float *out, int wide)
{
    float acc[4][LANES];
    int32_t d = 0, l, r;
#if defined(__GNUC__)
    if (wide) {
        pa__v8 a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 }, x, y0, y1, y2, y3;
        for (; d + LANES <= D; d += LANES) {
            V8_LOAD(x, q + d);
            V8_LOAD(y0, k + d);
            V8_LOAD(y1, k + ks + d);
            V8_LOAD(y2, k + 2 * ks + d);
            V8_LOAD(y3, k + 3 * ks + d);
            a0 += x * y0;
            a1 += x * y1;
            a2 += x * y2;
            a3 += x * y3;
        }
#if defined(PA__SHUFFLE)
        if (d == D) {
            SUM4_TREE(out, a0, a1, a2, a3);
            return;
        }
#endif
        memcpy(acc[0], &a0, sizeof a0);
        memcpy(acc[1], &a1, sizeof a1);
        memcpy(acc[2], &a2, sizeof a2);
        memcpy(acc[3], &a3, sizeof a3);
    } else {
        pa__v4 a0l = { 0 }, a0h = { 0 }, a1l = { 0 }, a1h = { 0 }, a2l = { 0 }, a2h = { 0 };
        pa__v4 a3l = { 0 }, a3h = { 0 }, xl, xh, yl, yh;
        for (; d + LANES <= D; d += LANES) {
            V4_LOAD(xl, q + d);
            V4_LOAD(xh, q + d + 4);
            V4_LOAD(yl, k + d); V4_LOAD(yh, k + d + 4);
            a0l += xl * yl; a0h += xh * yh;
            V4_LOAD(yl, k + ks + d); V4_LOAD(yh, k + ks + d + 4);
            a1l += xl * yl; a1h += xh * yh;
            V4_LOAD(yl, k + 2 * ks + d); V4_LOAD(yh, k + 2 * ks + d + 4);
            a2l += xl * yl; a2h += xh * yh;
            V4_LOAD(yl, k + 3 * ks + d); V4_LOAD(yh, k + 3 * ks + d + 4);
            a3l += xl * yl; a3h += xh * yh;
        }
#if defined(PA__SHUFFLE)
        if (d == D) {
            SUM4_TREE_HALVES(out, a0l, a0h, a1l, a1h, a2l, a2h, a3l, a3h);
            return;
        }
#endif
        memcpy(acc[0], &a0l, sizeof a0l); memcpy(acc[0] + 4, &a0h, sizeof a0h);
        memcpy(acc[1], &a1l, sizeof a1l); memcpy(acc[1] + 4, &a1h, sizeof a1h);
        memcpy(acc[2], &a2l, sizeof a2l); memcpy(acc[2] + 4, &a2h, sizeof a2h);
        memcpy(acc[3], &a3l, sizeof a3l); memcpy(acc[3] + 4, &a3h, sizeof a3h);
    }
#else
    (void)wide;
    memset(acc, 0, sizeof acc);
    for (; d + LANES <= D; d += LANES)
        for (r = 0; r < 4; r++)
            for (l = 0; l < LANES; l++) acc[r][l] += q[d + l] * k[r * ks + d + l];
#endif
    for (; d < D; d++)
        for (r = 0; r < 4; r++) acc[r][d % LANES] += q[d] * k[r * ks + d];
    for (r = 0; r < 4; r++) out[r] = lanes_sum(acc[r]);
    (void)l;
}

#if defined(PA__SHUFFLE)
/* dot4 for two query rows, q and q + D, against the same four keys (D a multiple of LANES): 8
 * products an 8-wide step from 6 loads instead of 10, 8 independent sums; each score's
 * arithmetic is dot4's. */
static inline void dot4x2(const float *q, const float *k, int32_t D, int64_t ks, float *out0, float *out1)
{
    pa__v8 a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 }, b0 = { 0 }, b1 = { 0 }, b2 = { 0 }, b3 = { 0 };
    pa__v8 x, z, y0, y1, y2, y3;
    int32_t d;
    for (d = 0; d < D; d += LANES) {
        V8_LOAD(x, q + d);
        V8_LOAD(z, q + D + d);
        V8_LOAD(y0, k + d);
        V8_LOAD(y1, k + ks + d);
        V8_LOAD(y2, k + 2 * ks + d);
        V8_LOAD(y3, k + 3 * ks + d);
        a0 += x * y0; a1 += x * y1; a2 += x * y2; a3 += x * y3;
        b0 += z * y0; b1 += z * y1; b2 += z * y2; b3 += z * y3;
    }
    SUM4_TREE(out0, a0, a1, a2, a3);
    SUM4_TREE(out1, b0, b1, b2, b3);
}
#endif

static inline float dot(const float *q, const float *k, int32_t D, int wide)
{
    float acc[LANES];
    int32_t d = 0, l;
#if defined(__GNUC__)
    if (wide) {
        pa__v8 a = { 0 }, x, y;
        for (; d + LANES <= D; d += LANES) {
            V8_LOAD(x, q + d);
            V8_LOAD(y, k + d);
            a += x * y;
        }
        memcpy(acc, &a, sizeof a);
    } else {
        pa__v4 al = { 0 }, ah = { 0 }, xl, xh, yl, yh;
        for (; d + LANES <= D; d += LANES) {
            V4_LOAD(xl, q + d); V4_LOAD(xh, q + d + 4);
            V4_LOAD(yl, k + d); V4_LOAD(yh, k + d + 4);
            al += xl * yl;
            ah += xh * yh;
        }
        memcpy(acc, &al, sizeof al);
        memcpy(acc + 4, &ah, sizeof ah);
    }
#else
    (void)wide;
    for (l = 0; l < LANES; l++) acc[l] = 0.0f;
    for (; d + LANES <= D; d += LANES)
        for (l = 0; l < LANES; l++) acc[l] += q[d + l] * k[d + l];
#endif
    for (; d < D; d++) acc[d % LANES] += q[d] * k[d];
    (void)l;
    return lanes_sum(acc);
}

/* Scores of rows q[0..nh) (consecutive, D apart) against keys [a, e) of a tile whose key j is
 * at k + j ks: s[row * bn + key]. */
static void scores(const float *q, int32_t nh, int32_t D, const float *k, int64_t ks, int32_t bn,
                   float *s, int32_t a, int32_t e, int wide)
{
    int32_t h = 0, j;
#if defined(PA__SHUFFLE)
    if (wide && D % LANES == 0)   /* two rows at a time */
        for (; h + 2 <= nh; h += 2) {
            const float *qh = q + (int64_t)h * D;
            for (j = a; j + 4 <= e; j += 4) dot4x2(qh, k + j * ks, D, ks, s + h * bn + j, s + (h + 1) * bn + j);
            for (; j < e; j++) {
                s[h * bn + j] = dot(qh, k + j * ks, D, wide);
                s[(h + 1) * bn + j] = dot(qh + D, k + j * ks, D, wide);
            }
        }
#endif
    for (; h < nh; h++) {
        const float *qh = q + (int64_t)h * D;
        for (j = a; j + 4 <= e; j += 4) dot4(qh, k + j * ks, D, ks, s + h * bn + j, wide);
        for (; j < e; j++) s[h * bn + j] = dot(qh, k + j * ks, D, wide);
    }
}

/* e^x for the softmax's x = s - max <= 0, NaN staying NaN: 2^n e^r with n = round(x / ln 2) and
 * r = x - n ln 2 in [-0.35, 0.35] (ln 2 in two parts, so n ln 2 is exact), e^r by its Taylor
 * series to degree 7 (truncation under 6e-9 relative, a few float roundings in all), and exactly
 * 0 below -87 where 2^n would leave the normal floats. Arithmetic and selects only, no integer
 * conversion of a float: a loop of it vectorizes, and every build computes the same bits. */
static inline float exp_parts(float x, float *two_n_out);
static inline float exp_neg(float x)
{
    float two_n;
    const float q = exp_parts(x, &two_n);
    return x < -87.0f ? 0.0f : (1.0f + q) * two_n;
}

/* e^x - 1 for the softcap's x <= 0, NaN staying NaN: 2^n (1 + q) - 1 = q 2^n + (2^n - 1) (near 0,
 * n = 0 and the result is q itself: no cancellation); -1 below -87. */
static inline float expm1_neg(float x)
{
    float two_n;
    const float q = exp_parts(x, &two_n);
    return x < -87.0f ? -1.0f : q * two_n + (two_n - 1.0f);
}

/* Their common part: q = e^r - 1 by the series (1 + q is e^r) and *two_n_out = 2^n. */
static inline float exp_parts(float x, float *two_n_out)
{
    const float round = 12582912.0f;   /* 1.5 * 2^23: t = y + round holds round(y) in its low bits */
    union { float f; uint32_t u; } t, two_n;
    const float xc = x < -87.0f ? -87.0f : x;
    float n, r;
    t.f = xc * 1.44269504f + round;
    n = t.f - round;
    r = (xc - n * 0.693359375f) - n * -2.12194440e-4f;
    two_n.u = (t.u - 0x4b400000u + 127u) << 23;   /* n + 127 in the exponent field */
    *two_n_out = two_n.f;
    return r * (1.0f + r * (0.5f + r * (1.0f / 6 + r * (1.0f / 24 + r * (1.0f / 120 +
           r * (1.0f / 720 + r * (1.0f / 5040)))))));
}

/* tanh for the softcap: tanh |x| = -t / (2 + t) with t = e^(-2|x|) - 1, within 2.6 ulp of the
 * exact value (every 37th float below 60 checked; glibc's tanhf: 2.1). Basic operations only:
 * libm's tanhf gave other bits on aarch64 than on x86-64 (RESULTS 1, session 48). */
static inline float tanh_of(float x)
{
    const float y = x < 0 ? -x : x, t = expm1_neg(-2.0f * y), th = -t / (2.0f + t);
    return x < 0 ? -th : th;
}

/* The natural log of a softmax sum x >= 1 (any positive normal float; NaN stays NaN): x = 2^e m
 * with m in (0.707, 1.414], log m = 2 atanh((m - 1) / (m + 1)) by its series, plus e ln 2 in two
 * parts; within 2 ulp of the exact value (every 37th float from 1 checked), and not libm's logf
 * for the same reason as tanh_of. */
static inline float log_of(float x)
{
    union { float f; uint32_t u; } v;
    int32_t e;
    float m, s, z, s2, lm;
    v.f = x;
    e = (int32_t)((v.u >> 23) & 0xffu) - 127;
    v.u = (v.u & 0x007fffffu) | 0x3f800000u;   /* m in [1, 2) */
    m = v.f;
    if (m > 1.41421356f) { m *= 0.5f; e++; }
    s = (m - 1.0f) / (m + 1.0f);
    z = s * s;
    s2 = s + s;
    lm = s2 + s2 * (z * (1.0f / 3 + z * (1.0f / 5 + z * (1.0f / 7 + z * (1.0f / 9 + z * (1.0f / 11))))));
    return x == x ? (float)e * 0.693359375f + (lm + (float)e * -2.12194440e-4f) : x;
}

/* o[0..D) += s[j] v[j] over keys [a, e): four keys a step, o[d] += (p0 v0[d] + p1 v1[d]) +
 * (p2 v2[d] + p3 v3[d]), then the rest one at a time. With GNU C, 32 columns of o (16 when not
 * wide) stay in registers through all the keys instead of a load and a store of o every four
 * keys; each element's arithmetic, and so its bits, are the plain loop's. */
static void pv(float *o, const float *v, int64_t ks, const float *s, int32_t D, int32_t a, int32_t e,
               int wide)
{
    int32_t d = 0, j;
#if defined(__GNUC__)
/* the loops for vectors of type VT, W floats each (loaded by VLOAD): four vectors of o columns in
 * registers through all the keys, then one */
#define PV_COLS(VLOAD, acc, c)                                                              \
    VLOAD(w0, v0 + (c)); VLOAD(w1, v0 + ks + (c));                                          \
    VLOAD(w2, v0 + 2 * ks + (c)); VLOAD(w3, v0 + 3 * ks + (c));                             \
    acc += (p0 * w0 + p1 * w1) + (p2 * w2 + p3 * w3)
#define PV_LOOPS(VT, VLOAD, W) do {                                                         \
        VT o0, o1, o2, o3, w0, w1, w2, w3;                                                  \
        for (; d + 4 * (W) <= D; d += 4 * (W)) {                                            \
            VLOAD(o0, o + d); VLOAD(o1, o + d + (W));                                       \
            VLOAD(o2, o + d + 2 * (W)); VLOAD(o3, o + d + 3 * (W));                         \
            for (j = a; j + 4 <= e; j += 4) {                                               \
                const float p0 = s[j], p1 = s[j + 1], p2 = s[j + 2], p3 = s[j + 3];         \
                const float *v0 = v + j * ks + d;                                           \
                PV_COLS(VLOAD, o0, 0); PV_COLS(VLOAD, o1, (W));                             \
                PV_COLS(VLOAD, o2, 2 * (W)); PV_COLS(VLOAD, o3, 3 * (W));                   \
            }                                                                               \
            for (; j < e; j++) {                                                            \
                const float p = s[j], *vj = v + j * ks + d;                                 \
                VLOAD(w0, vj); VLOAD(w1, vj + (W)); VLOAD(w2, vj + 2 * (W));                \
                VLOAD(w3, vj + 3 * (W));                                                    \
                o0 += p * w0; o1 += p * w1; o2 += p * w2; o3 += p * w3;                     \
            }                                                                               \
            memcpy(o + d, &o0, sizeof o0); memcpy(o + d + (W), &o1, sizeof o1);             \
            memcpy(o + d + 2 * (W), &o2, sizeof o2); memcpy(o + d + 3 * (W), &o3, sizeof o3); \
        }                                                                                   \
        for (; d + (W) <= D; d += (W)) {                                                    \
            VLOAD(o0, o + d);                                                               \
            for (j = a; j + 4 <= e; j += 4) {                                               \
                const float p0 = s[j], p1 = s[j + 1], p2 = s[j + 2], p3 = s[j + 3];         \
                const float *v0 = v + j * ks + d;                                           \
                PV_COLS(VLOAD, o0, 0);                                                      \
            }                                                                               \
            for (; j < e; j++) {                                                            \
                VLOAD(w0, v + j * ks + d);                                                  \
                o0 += s[j] * w0;                                                            \
            }                                                                               \
            memcpy(o + d, &o0, sizeof o0);                                                  \
        }                                                                                   \
    } while (0)
    if (wide) PV_LOOPS(pa__v8, V8_LOAD, 8);   /* 32 columns in registers */
    else PV_LOOPS(pa__v4, V4_LOAD, 4);        /* 16 */
#undef PV_LOOPS
#undef PV_COLS
#else
    (void)wide;
#endif
    for (; d < D; d++) {
        float x = o[d];
        for (j = a; j + 4 <= e; j += 4) {
            const float *v0 = v + j * ks + d;
            x += (s[j] * v0[0] + s[j + 1] * v0[ks]) + (s[j + 2] * v0[2 * ks] + s[j + 3] * v0[3 * ks]);
        }
        for (; j < e; j++) x += s[j] * v[j * ks + d];
        o[d] = x;
    }
}

/* The largest of s[a, e) (NaNs passed over; -inf for none) and the sum of s[a, e), each over 8
 * lanes (element j in lane (j - a) mod 8) combined in lanes_sum's tree: no chain of e - a
 * dependent operations, and a fixed order whatever the vector width. */
static inline float max2(float x, float y) { return y > x ? y : x; }
static inline float max_of(const float *s, int32_t a, int32_t e)
{
    float m[LANES];
    int32_t j = a, l;
    for (l = 0; l < LANES; l++) m[l] = -INFINITY;
    for (; j + LANES <= e; j += LANES)
        for (l = 0; l < LANES; l++) m[l] = max2(m[l], s[j + l]);
    for (l = 0; j < e; j++, l++) m[l] = max2(m[l], s[j]);
    return max2(max2(max2(m[0], m[4]), max2(m[2], m[6])), max2(max2(m[1], m[5]), max2(m[3], m[7])));
}
static inline float sum_of(const float *s, int32_t a, int32_t e)
{
    float acc[LANES] = { 0 };
    int32_t j = a, l;
    for (; j + LANES <= e; j += LANES)
        for (l = 0; l < LANES; l++) acc[l] += s[j + l];
    for (l = 0; j < e; j++, l++) acc[l] += s[j];
    return lanes_sum(acc);
}

/* The current tile for nh rows (o D apart, their scores s bn apart) over keys [a, e): softcap,
 * online softmax, P.V (value j at v + j ks). Each row's arithmetic is its own; over a whole tile
 * e^x runs through the rows' block of scores at once (decode's tiles hold a few keys, too few
 * for one row's loop to fill a vector). */
static void rows_update(const pa__problem *pb, int32_t D, float *o, const float *v, int64_t ks,
                        float *s, int32_t bn, int32_t nh, float *m, float *l, int32_t a, int32_t e,
                        int wide)
{
    float mnew[MAX_ROWS], corr[MAX_ROWS];
    int32_t h, j, d;
    for (h = 0; h < nh; h++) {
        float *sh = s + h * bn, mx;
        if (pb->softcap > 0) {
            const float cap = pb->softcap, inv = 1.0f / pb->softcap;
            for (j = a; j < e; j++) sh[j] = cap * tanh_of(sh[j] * inv);
        }
        mx = max_of(sh, a, e);
        mnew[h] = m[h] > mx ? m[h] : mx;
        corr[h] = exp_neg(m[h] - mnew[h]);          /* 0 on the first tile (m = -inf) */
        for (j = a; j < e; j++) sh[j] -= mnew[h];
    }
    if (a == 0 && e == bn)
        for (j = 0; j < nh * bn; j++) s[j] = exp_neg(s[j]);
    else
        for (h = 0; h < nh; h++)
            for (j = a; j < e; j++) s[h * bn + j] = exp_neg(s[h * bn + j]);
    for (h = 0; h < nh; h++) {
        float *oh = o + (int64_t)h * D;
        l[h] = l[h] * corr[h] + sum_of(s + h * bn, a, e);
        m[h] = mnew[h];
        if (corr[h] != 1.0f)
            for (d = 0; d < D; d++) oh[d] *= corr[h];
        pv(oh, v, ks, s + h * bn, D, a, e, wide);
    }
}

/* oa = oa e^(ma - m) + o and la likewise (first: oa = o, la = l), for rows [0, rows); o and l
 * start again from zero (relative to the same running max m, which rows_update keeps). */
static void fold_rows(scratch *sc, int32_t rows, int32_t D, int first)
{
    int32_t r, d;
    if (first) {
        memcpy(sc->oa, sc->o, sizeof(float) * (size_t)rows * (size_t)D);
        memcpy(sc->la, sc->l, sizeof(float) * (size_t)rows);
        memcpy(sc->ma, sc->m, sizeof(float) * (size_t)rows);
        memset(sc->o, 0, sizeof(float) * (size_t)rows * (size_t)D);
        memset(sc->l, 0, sizeof(float) * (size_t)rows);
        return;
    }
    for (r = 0; r < rows; r++) {
        float *oa = sc->oa + (int64_t)r * D, *o = sc->o + (int64_t)r * D;
        const float c = sc->ma[r] == sc->m[r] ? 1.0f : exp_neg(sc->ma[r] - sc->m[r]);
        if (c != 1.0f)
            for (d = 0; d < D; d++) oa[d] *= c;
        for (d = 0; d < D; d++) {
            oa[d] += o[d];
            o[d] = 0.0f;
        }
        sc->la[r] = sc->la[r] * c + sc->l[r];
        sc->l[r] = 0.0f;
        sc->ma[r] = sc->m[r];
    }
}

/* x86-64: the item loop is compiled twice, for AVX2 + F16C and for the baseline (SSE2), and each
 * call takes the AVX2 one where the CPU has both (about 1.9x on the CPU figures of
 * bench/RESULTS.md, session 48). AVX2 alone adds no FMA contraction, the lane order is fixed in the source and
 * F16C's conversion is exact (NaNs quieted, as f16_to_f32 does), so both compute the same bits.
 * Chosen at run time (cpu_avx2_f16c, asked once a process) rather than by an ifunc
 * (target_clones): musl's loader rejects ifunc relocations, and ThreadSanitizer's runtime is not
 * up yet when they resolve. */

/* (always_inline: compiled on its own first, as a plain function inlined later, the AVX2 loop ran
 * decode 6..8% slower than with the attributes on the function itself) */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline void run_item(const plan *pl, int64_t it, scratch *sc, int wide)
{
    const pa__problem *pb = pl->pb;
    const int32_t D = pb->head_dim, bn = pl->block_n, ng = pl->kv_per_item;
    const int64_t ks = (int64_t)ng * D;            /* key j, kv head g of a tile: k + j ks + g D */
    const int32_t sp = (int32_t)(it % pl->splits);   /* the item's part of the keys */
    int32_t qb, c, kvh, b, sq, sk, i0, i1, nq, nh, rows;
    int32_t qi, g, hh, r, d, nrun;
    int64_t t0, off, kbeg, kend, j0, folded;
    int nf = 0;                                    /* folds so far (none: o, l, m are the result) */
    const float *ro, *rl, *rm;
    it /= pl->splits;
    qb = (int32_t)(it % pl->qblocks);
    it /= pl->qblocks;
    c = (int32_t)(it % pl->chunks);
    it /= pl->chunks;
    kvh = (int32_t)(it % pl->kv_blocks) * ng;      /* the item's first kv head */
    b = (int32_t)(it / pl->kv_blocks);

    sq = pa__q_len(pb, b);
    i0 = qb * pl->q_per_item;
    if (i0 >= sq) return;
    i1 = (int64_t)i0 + pl->q_per_item < sq ? i0 + pl->q_per_item : sq;
    nq = i1 - i0;
    nh = pb->group - c * pl->heads_per_item;
    if (nh > pl->heads_per_item) nh = pl->heads_per_item;
    rows = nq * ng * nh;                           /* row (qi, g, hh) = (qi ng + g) nh + hh */
    sk = pb->seq_lens[b];
    t0 = pa__q_start(pb, b);
    off = (int64_t)sk - sq;                      /* bottom-right alignment */
#define HEAD(g, hh) ((kvh + (g)) * pb->group + c * pl->heads_per_item + (hh))

    for (qi = 0; qi < nq; qi++)
        for (g = 0; g < ng; g++)
            for (hh = 0; hh < nh; hh++) {
                float *q = sc->q + (int64_t)((qi * ng + g) * nh + hh) * D;
                load_row(pb->dtype, pb->q, (t0 + i0 + qi) * pb->q_stride_token +
                         (int64_t)HEAD(g, hh) * pb->q_stride_head, D, q, pl->avx2);
                for (d = 0; d < D; d++) q[d] *= pb->scale;
            }
    for (r = 0; r < rows; r++) {
        sc->m[r] = -INFINITY;
        sc->l[r] = 0.0f;
    }
    for (d = 0; d < rows * D; d++) sc->o[d] = 0.0f;

    /* query i sees keys [lo(i), hi(i)); both bounds grow with i */
#define LO(i) (pb->window_left >= 0 ? ((i) + off - pb->window_left > 0 ? (i) + off - pb->window_left : 0) : 0)
#define HI(i) (pb->causal ? ((i) + off + 1 < sk ? ((i) + off + 1 > 0 ? (i) + off + 1 : 0) : sk) : sk)
    kbeg = LO((int64_t)i0);
    kend = HI((int64_t)i1 - 1);
    if (pl->splits > 1) {   /* this split's keys: [sp split_keys, (sp + 1) split_keys) */
        const int64_t s0 = (int64_t)sp * pl->split_keys;
        if (kbeg < s0) kbeg = s0;
        if (kend > s0 + pl->split_keys) kend = s0 + pl->split_keys;
    }
    folded = kbeg;
    for (j0 = kbeg; j0 < kend; j0 += bn) {
        int32_t jn = (int32_t)(kend - j0 < bn ? kend - j0 : bn), jj;
        if (j0 - folded >= FOLD_KEYS) {
            fold_rows(sc, rows, D, nf++ == 0);
            folded = j0;
        }
        for (jj = 0; jj < jn; jj++) {   /* ng > 1: the heads' rows lie side by side (kv_per_item) */
            int64_t ko, vo;
            key_offsets(pb, b, (int32_t)(j0 + jj), kvh, &ko, &vo);
            load_row(pb->dtype, pb->k, ko, (int32_t)ks, sc->k + jj * ks, pl->avx2);
            load_row(pb->dtype, pb->v, vo, (int32_t)ks, sc->v + jj * ks, pl->avx2);
        }
        prefetch_tile(pb, b, kvh, ng, j0 + jn, kend - j0 - jn < bn ? (int32_t)(kend - j0 - jn) : bn);
        for (qi = 0; qi < nq; qi += nrun) {
            int64_t i = i0 + qi, lo = LO(i), hi = HI(i);
            int32_t a = (int32_t)((lo > j0 ? lo : j0) - j0);
            int32_t e = (int32_t)((hi < j0 + jn ? hi : j0 + jn) - j0);
            nrun = 1;
            if (ng == 1)   /* the next positions with the same key range, whose rows follow these */
                while (qi + nrun < nq) {
                    const int64_t i2 = i + nrun, lo2 = LO(i2), hi2 = HI(i2);
                    if ((int32_t)((lo2 > j0 ? lo2 : j0) - j0) != a ||
                        (int32_t)((hi2 < j0 + jn ? hi2 : j0 + jn) - j0) != e)
                        break;
                    nrun++;
                }
            if (a >= e) continue;
            for (g = 0; g < ng; g++) {
                /* the heads of one query position and kv head share the key range (ng = 1: the
                 * heads of nrun positions, one block of rows) */
                const int32_t r0 = (qi * ng + g) * nh;
                scores(sc->q + (int64_t)r0 * D, nh * nrun, D, sc->k + (int64_t)g * D, ks, bn, sc->s, a,
                       e, wide);
                rows_update(pb, D, sc->o + (int64_t)r0 * D, sc->v + (int64_t)g * D, ks, sc->s, bn,
                            nh * nrun, &sc->m[r0], &sc->l[r0], a, e, wide);
            }
        }
    }
#undef LO
#undef HI
    if (nf) fold_rows(sc, rows, D, 0);   /* the result: oa, la, ma after a fold, else o, l, m */
    ro = nf ? sc->oa : sc->o;
    rl = nf ? sc->la : sc->l;
    rm = nf ? sc->ma : sc->m;

    if (pl->splits > 1) {   /* the partials, combined by combine_rows once every split is done */
        for (qi = 0; qi < nq; qi++)
            for (g = 0; g < ng; g++)
                for (hh = 0; hh < nh; hh++) {
                    const int32_t rr = (qi * ng + g) * nh + hh;
                    const int64_t pr = (((int64_t)sp * pb->batch + b) * pb->max_seqlen_q + i0 + qi) *
                                       pb->num_heads + HEAD(g, hh);
                    memcpy(pl->part_o + pr * D, ro + (int64_t)rr * D, sizeof(float) * (size_t)D);
                    pl->part_ml[2 * pr] = rm[rr];
                    pl->part_ml[2 * pr + 1] = rl[rr];
                }
        return;
    }
    for (qi = 0; qi < nq; qi++)
        for (g = 0; g < ng; g++)
            for (hh = 0; hh < nh; hh++) {
                const int32_t rr = (qi * ng + g) * nh + hh;
                int64_t t = t0 + i0 + qi, h = HEAD(g, hh);
                int64_t dst = t * pb->o_stride_token + h * pb->o_stride_head;
                const float *o = ro + (int64_t)rr * D;
                float lv = rl[rr];
                float inv = lv > 0 ? 1.0f / lv : 0.0f;   /* no key: zeros */
                store_row(pb->dtype, pb->out, dst, o, inv, D);
                if (pb->lse)
                    pb->lse[t * pb->num_heads + h] = lv > 0 ? rm[rr] + log_of(lv) : lv == 0 ? -INFINITY : NAN;   /* NaN: a score past FLT_MAX */
            }
#undef HEAD
}

size_t pa__cpu_scratch_bytes(void)
{
    return sizeof(scratch);
}

/* run_item twice, everything it calls inlined (flatten): for the baseline with 4-wide vectors and
 * for AVX2 with 8-wide ones (wide, a constant once inlined) */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, flatten))
#endif
static void run_item_base(const plan *pl, int64_t it, scratch *sc)
{
#if defined(__AVX__)   /* (the whole file built for AVX: 8-wide vectors are registers there too) */
    run_item(pl, it, sc, 1);
#else
    run_item(pl, it, sc, 0);
#endif
}
#if defined(PA__AVX2_LOOP)
__attribute__((noinline, target("avx2,f16c"), flatten))
static void run_item_avx2(const plan *pl, int64_t it, scratch *sc)
{
    run_item(pl, it, sc, 1);
}
#endif

/* the items from the shared counter, last blocks first (under causal they cost most) */
static void work(plan *pl, scratch *sc)
{
    for (;;) {
        long long n = atomic_fetch_add(&pl->next, 1);
        if (n >= pl->items) break;
#if defined(PA__AVX2_LOOP)
        if (pl->avx2) {
            run_item_avx2(pl, pl->items - 1 - n, sc);
            continue;
        }
#endif
        run_item_base(pl, pl->items - 1 - n, sc);
    }
}

/* (not inlined: only the kept threads, on their 2 MiB stacks, have this frame) */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void work_on_stack(plan *pl)
{
    scratch sc;
    work(pl, &sc);
}

/* mem: the context's scratch for the calling thread, NULL on a kept thread */
static void worker(void *arg, void *mem)
{
    if (mem) work((plan *)arg, (scratch *)mem);
    else work_on_stack((plan *)arg);
}

/* Split-KV's second pass: row (b, i) of every head from its splits' partials, in split order
 * (so in the same order whatever the threads): m = the largest running max, weights e^(m_s - m),
 * out = sum w_s o_s / sum w_s l_s, lse = m + log(sum w_s l_s). */
static void combine_row(const plan *pl, int64_t bi)
{
    const pa__problem *pb = pl->pb;
    const int32_t D = pb->head_dim, b = (int32_t)(bi / pb->max_seqlen_q), i = (int32_t)(bi % pb->max_seqlen_q);
    const int64_t stride = (int64_t)pb->batch * pb->max_seqlen_q * pb->num_heads;   /* one split */
    int32_t h, sp, d;
    float acc[512];                                  /* head_dim <= 512 (api.c) */
    if (i >= pa__q_len(pb, b)) return;
    for (h = 0; h < pb->num_heads; h++) {
        const int64_t r0 = bi * pb->num_heads + h;
        const int64_t t = pa__q_start(pb, b) + i, dst = t * pb->o_stride_token + h * pb->o_stride_head;
        float m = -INFINITY, l = 0.0f, inv;
        for (sp = 0; sp < pl->splits; sp++) {
            const float ms = pl->part_ml[2 * (r0 + sp * stride)];
            m = ms > m ? ms : m;
        }
        for (d = 0; d < D; d++) acc[d] = 0.0f;
        for (sp = 0; sp < pl->splits; sp++) {
            const int64_t pr = r0 + sp * stride;
            const float ls = pl->part_ml[2 * pr + 1], *os = pl->part_o + pr * D;
            float w;
            if (ls == 0) continue;                  /* a split without keys for this row (NaN goes on: the row is NaN) */
            w = exp_neg(pl->part_ml[2 * pr] - m);
            l += ls * w;
            for (d = 0; d < D; d++) acc[d] += os[d] * w;
        }
        inv = l > 0 ? 1.0f / l : 0.0f;              /* no key: zeros */
        store_row(pb->dtype, pb->out, dst, acc, inv, D);
        if (pb->lse) pb->lse[t * pb->num_heads + h] = l > 0 ? m + log_of(l) : l == 0 ? -INFINITY : NAN;
    }
}

static void combine_worker(void *arg, void *mem)
{
    plan *pl = (plan *)arg;
    const int64_t n = (int64_t)pl->pb->batch * pl->rows_max;
    (void)mem;
    for (;;) {
        long long r = atomic_fetch_add(&pl->next, 1);
        if (r >= n) break;
        /* row (b, i) of the first rows_max of each sequence; combine_row counts max_seqlen_q */
        combine_row(pl, r / pl->rows_max * pl->pb->max_seqlen_q + r % pl->rows_max);
    }
}

#if defined(PA__AVX2_LOOP)
/* AVX2 and F16C (every AVX2 CPU so far has F16C; cpuid for it, as clang's __builtin_cpu_supports
 * has no "f16c"). Asked once a process: cpuid traps to the hypervisor in a VM (7 us on the
 * development VM, as long as a whole tiny call). Two threads asking at once both store the same
 * answer. */
static int cpu_avx2_f16c(void)
{
    static atomic_int known = -1;
    int v = atomic_load_explicit(&known, memory_order_relaxed);
    if (v < 0) {
        unsigned a, b, c, d;
        __builtin_cpu_init();   /* (needed only before constructors have run) */
        v = __builtin_cpu_supports("avx2") && __get_cpuid(1, &a, &b, &c, &d) ? (int)((c >> 29) & 1u) : 0;
        atomic_store_explicit(&known, v, memory_order_relaxed);
    }
    return v;
}
#endif

/* Tests: store_row's bf16 rounding against pa__f32_to_bf16 on every 61st float (every exponent,
 * NaNs and infinities among them) scaled by 1: the number that differ. */
int pa__cpu_store_mismatches(void)
{
    float a[64];
    uint16_t g[64];
    uint64_t u;
    int bad = 0, i;
    for (u = 0; u < ((uint64_t)1 << 32); u += 64 * 61) {
        for (i = 0; i < 64; i++) {
            const uint32_t w = (uint32_t)(u + (uint64_t)i * 61);
            memcpy(&a[i], &w, sizeof w);
        }
        store_row(PA_DTYPE_BF16, g, 0, a, 1.0f, 64);
        for (i = 0; i < 64; i++) bad += g[i] != pa__f32_to_bf16(a[i] * 1.0f);
    }
    return bad;
}

/* Tests: the F16C conversion against f16_to_f32 over all 65536 halves, bit for bit: the number
 * that differ, or -1 where this build or CPU has no F16C loop. */
int pa__cpu_f16c_mismatches(void)
{
#if defined(PA__AVX2_LOOP)
    uint16_t h[64];
    float a[64], b[64];
    uint32_t base;
    int bad = 0, i;
    if (!cpu_avx2_f16c()) return -1;
    for (base = 0; base < 65536; base += 64) {
        for (i = 0; i < 64; i++) h[i] = (uint16_t)(base + (uint32_t)i);
        load_f16c(h, 64, a);   /* all by the instruction (the tail is f16_to_f32 itself) */
        for (i = 0; i < 64; i++) b[i] = f16_to_f32(h[i]);
        for (i = 0; i < 64; i++) bad += memcmp(&a[i], &b[i], sizeof(float)) != 0;
    }
    return bad;
#else
    return -1;
#endif
}

pa_status pa__cpu_attention(pa_context *ctx, const pa__problem *pb, void *ws, size_t ws_bytes)
{
    plan pl;
    int64_t n, threads;
    int32_t rows_max = pb->max_seqlen_q, b;
    (void)ws_bytes;   /* (api.c checked it against pa__cpu_workspace) */
    if (pb->cu_seqlens_q) {   /* (host memory, checked by api.c: 0 <= each length <= max_seqlen_q) */
        rows_max = 0;
        for (b = 0; b < pb->batch; b++)
            if (pb->cu_seqlens_q[b + 1] - pb->cu_seqlens_q[b] > rows_max)
                rows_max = pb->cu_seqlens_q[b + 1] - pb->cu_seqlens_q[b];
    }
    threads = ctx->num_threads < MAX_THREADS ? ctx->num_threads : MAX_THREADS;
    if (ctx->cpu_thread_flops > 0) {   /* no more threads than the work pays for (internal.h; an
                                         * upper bound from the maxima; the bits do not depend on it) */
        const double flops = 4.0 * pb->batch * pb->num_heads * rows_max *
                             ((double)pb->max_seq_len + 1) * pb->head_dim;
        const double cap = flops / ctx->cpu_thread_flops + 1;
        if (cap < (double)threads) threads = (int64_t)cap;
    }
    plan_init(&pl, pb, (int)threads, rows_max);
#if defined(PA__AVX2_LOOP)
    pl.avx2 = cpu_avx2_f16c();
#endif
    if (pl.splits > 1) {
        float *base = (float *)(((uintptr_t)ws + 63) & ~(uintptr_t)63);
        pl.part_o = base;
        pl.part_ml = base + (size_t)pl.splits * (size_t)part_rows(pb) * (size_t)pb->head_dim;
    }
    n = threads < pl.items ? threads : pl.items;
    /* the caller and n - 1 of the context's kept threads; one that cannot start is not needed */
    pa__pool_run(ctx->pool, (int)n, worker, &pl);
    if (pl.splits > 1) {
        const int64_t r = (int64_t)pb->batch * rows_max;
        atomic_store(&pl.next, 0);
        pa__pool_run(ctx->pool, (int)(threads < r ? threads : r), combine_worker, &pl);
    }
    return PA_OK;
}

pa_status pa__cpu_kv_append(pa_context *ctx, const pa_kv_cache *kv, const void *k_new,
                            const void *v_new, int64_t new_stride_token, int64_t new_stride_head,
                            const int64_t *slot_mapping, int32_t num_tokens)
{
    const size_t es = pa__dtype_size(kv->dtype), row = (size_t)kv->head_dim * es;
    int32_t t, h;
    (void)ctx;
    for (t = 0; t < num_tokens; t++) {
        int64_t slot = slot_mapping[t], page, pos;
        if (slot < 0) continue;
        page = slot / kv->page_size;
        pos = slot % kv->page_size;
        for (h = 0; h < kv->num_kv_heads; h++) {
            int64_t src = (int64_t)t * new_stride_token + (int64_t)h * new_stride_head;
            int64_t kd = page * kv->k_stride_page + pos * kv->k_stride_token + h * kv->k_stride_head;
            int64_t vd = page * kv->v_stride_page + pos * kv->v_stride_token + h * kv->v_stride_head;
            memcpy((char *)kv->k + kd * (int64_t)es, (const char *)k_new + src * (int64_t)es, row);
            memcpy((char *)kv->v + vd * (int64_t)es, (const char *)v_new + src * (int64_t)es, row);
        }
    }
    return PA_OK;
}
