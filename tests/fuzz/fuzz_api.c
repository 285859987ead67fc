/*
 * libFuzzer harness for pagedattn's public API on the CPU backend (make fuzz).
 *
 * The input is decoded into one pa_attention call (pa_query / pa_kv_cache / pa_attn_params /
 * pa_output, the tables, a workspace) or one pa_kv_append call. Every buffer gets exactly the
 * extent the documented layout implies, in its own malloc (negative strides: the base pointer is
 * placed so the span is covered), so ASan sees any access outside it. Elements a call may not
 * read (padding, slots past seq_lens, pages outside the table) hold NaN; the output holds a
 * sentinel. An independent oracle, written from include/pagedattn.h, says whether the call is
 * VALID (must succeed and be right), INVALID (must fail, INVALID_ARG, naming a field, writing
 * nothing) or GREY (either; where it succeeds, it must be right).
 *
 * Invariants (abort() on violation):
 *  1. no ASan / UBSan report;
 *  2. a failed call left out, lse, the workspace, the inputs (and the cache for kv_append)
 *     unchanged, and last_error is non-empty and names a field;
 *  3. pa_workspace_size and pa_attention agree: exactly the answer is accepted, one byte less is
 *     PA_ERR_WORKSPACE_TOO_SMALL;
 *  4. PA_OK: every output row against pa__reference_attention (double) within a tolerance for the
 *     dtype; rows that see no key are zeros with lse -inf; elements outside every row untouched;
 *     inputs untouched;
 *  5. bit-identical results on a context with several threads (cpu_thread_flops 0: all of them).
 *
 * Build and run: make fuzz (FUZZ_TIME=seconds). FUZZ_VERBOSE=1 prints each decoded call.
 */
#include "internal.h"
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CAP_BYTES ((size_t)16 << 20)
#define CAP_WORK  4.0e5            /* multiply-adds of one run of the library */
#define MAX_KEYS_DOC (INT32_MAX - 65535)

typedef __int128 i128;

static pa_context *ctx1, *ctxN;
static int verbose = -1;
static char g_desc[4096];
static size_t g_total;             /* bytes allocated for this input */

#define FAIL(...)                                                              \
    do {                                                                       \
        fprintf(stderr, "\n==== INVARIANT VIOLATED: ");                        \
        fprintf(stderr, __VA_ARGS__);                                          \
        fprintf(stderr, "\n==== call: %s\n", g_desc);                          \
        abort();                                                               \
    } while (0)

static void desc_add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void desc_add(const char *fmt, ...)
{
    size_t n = strlen(g_desc);
    va_list ap;
    if (n >= sizeof g_desc - 1) return;
    va_start(ap, fmt);
    vsnprintf(g_desc + n, sizeof g_desc - n, fmt, ap);
    va_end(ap);
}

/* ---- input reader ------------------------------------------------------------------------ */

typedef struct rd { const uint8_t *p; size_t n, i; } rd;
static unsigned u8(rd *r) { return r->i < r->n ? r->p[r->i++] : 0; }

/* a value in [lo, hi] (bytes 0x00..0xef), or one of the specials (0xf0..0xff) */
static int64_t pickv(rd *r, int64_t lo, int64_t hi, const int64_t *sp, int nsp)
{
    unsigned b = u8(r);
    uint64_t range, x;
    if (nsp && b >= 0xf0) return sp[(b - 0xf0) % (unsigned)nsp];
    range = (uint64_t)(hi - lo) + 1;
    x = b;
    if (range > 0xf0) x = (uint64_t)b | ((uint64_t)u8(r) << 8) | ((uint64_t)u8(r) << 16);
    return lo + (int64_t)(x % range);
}
#define PICK(r, lo, hi, ...) \
    pickv((r), (lo), (hi), (const int64_t[]){ __VA_ARGS__ }, \
          (int)(sizeof((const int64_t[]){ __VA_ARGS__ }) / sizeof(int64_t)))

static uint64_t rng_state;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
static float rndf(float mag) { return (float)((double)(rnd() >> 11) / 9007199254740992.0 * 2 - 1) * mag; }

static int32_t clamp32(int64_t v)
{
    return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int32_t)v;
}

/* ---- buffers ----------------------------------------------------------------------------- */

/* A tensor's element span [lo, hi] (offsets from its documented base), its malloc, and the base
 * pointer handed to the library (mem - lo elements). */
typedef struct tbuf {
    i128   lo, hi;
    int    empty;        /* no element is addressed */
    int    huge;         /* too large to allocate: a small dummy instead */
    size_t es, n;        /* element size, elements allocated */
    unsigned char *mem;
    char  *base;
    unsigned char *snap; /* copy for "unchanged" checks */
} tbuf;

/* dims i: index range [a_i, b_i] at stride s_i, plus a row of D elements */
static void span_of(tbuf *t, int nd, const i128 *a, const i128 *b, const int64_t *s, int64_t D,
                    size_t es)
{
    int i;
    memset(t, 0, sizeof *t);
    t->es = es;
    t->lo = 0;
    t->hi = D - 1;
    if (D < 1) t->empty = 1;
    for (i = 0; i < nd; i++) {
        i128 x, y;
        if (a[i] > b[i]) { t->empty = 1; continue; }
        x = a[i] * (i128)s[i];
        y = b[i] * (i128)s[i];
        t->lo += x < y ? x : y;
        t->hi += x < y ? y : x;
    }
}

static i128 absmax(const tbuf *t)
{
    i128 a = t->lo < 0 ? -t->lo : t->lo, b = t->hi < 0 ? -t->hi : t->hi;
    return a > b ? a : b;
}

/* allocate (exactly, or a 64-byte dummy where huge / empty-but-must-be-non-NULL) */
static int tb_alloc(tbuf *t, int allow_huge)
{
    i128 n = t->empty ? 0 : t->hi - t->lo + 1;
    /* (a base pointer far from the allocation cannot be formed: treated as too large) */
    const i128 far = (i128)1 << 40;
    if (!t->empty && (t->lo * (i128)t->es < -far || t->lo * (i128)t->es > far ||
                      t->hi * (i128)t->es > far || n * (i128)t->es > (i128)CAP_BYTES || (size_t)(n * (i128)t->es) + g_total > 4 * CAP_BYTES)) {
        if (!allow_huge) return -1;
        t->huge = 1;
        t->n = 64 / t->es;
        t->mem = (unsigned char *)malloc(64);
        memset(t->mem, 0x5a, 64);
        t->base = (char *)t->mem;
        return 0;
    }
    t->n = (size_t)n;
    g_total += t->n * t->es;
    t->mem = (unsigned char *)malloc(t->n * t->es);   /* 0 bytes: a unique pointer, nothing addressable */
    t->base = (char *)t->mem - (t->empty ? 0 : (ptrdiff_t)(t->lo * (i128)t->es));
    return 0;
}

static void tb_snap(tbuf *t)
{
    free(t->snap);
    t->snap = (unsigned char *)malloc(t->n * t->es + 1);
    if (t->n) memcpy(t->snap, t->mem, t->n * t->es);
}
static int tb_same(const tbuf *t) { return t->n == 0 || memcmp(t->snap, t->mem, t->n * t->es) == 0; }
static void tb_free(tbuf *t) { free(t->mem); free(t->snap); t->mem = t->snap = NULL; }

/* the element index (relative to mem) of an offset relative to base */
static size_t tb_idx(const tbuf *t, i128 off) { return (size_t)(off - t->lo); }

/* 1 when every (page, slot, head, d) of a cache reaches its own element of t */
static int slots_distinct(const tbuf *t, int64_t np, int64_t ps, int64_t hk, int64_t D, int64_t sp,
                          int64_t st, int64_t sh)
{
    unsigned char *mark = (unsigned char *)calloc(t->n + 1, 1);
    int64_t p, s, h, d;
    int ok = mark != NULL;
    for (p = 0; p < np && ok; p++)
        for (s = 0; s < ps && ok; s++)
            for (h = 0; h < hk && ok; h++)
                for (d = 0; d < D && ok; d++) {
                    size_t i = tb_idx(t, (i128)p * sp + (i128)s * st + (i128)h * sh + d);
                    if (mark[i]) ok = 0;
                    mark[i] = 1;
                }
    free(mark);
    return ok;
}

static void fill_nan(pa_dtype dt, tbuf *t)
{
    size_t i;
    for (i = 0; i < t->n; i++) {
        if (dt == PA_DTYPE_F32) { uint32_t v = 0x7fc00000u; memcpy(t->mem + 4 * i, &v, 4); }
        else { uint16_t v = dt == PA_DTYPE_BF16 ? 0x7fc0 : 0x7e00; memcpy(t->mem + 2 * i, &v, 2); }
    }
}

static int valid_dt(int64_t d) { return d == 0 || d == 1 || d == 2; }

/* the library's check_span formula: sum (n-1)|s| + row <= PTRDIFF_MAX / es */
static int lib_span_ok(int nd, const int64_t *n, const int64_t *s, int64_t row, size_t es)
{
    i128 sum = row, lim = (i128)(PTRDIFF_MAX / (int64_t)es);
    int i;
    for (i = 0; i < nd; i++) {
        i128 a = s[i] < 0 ? -(i128)s[i] : (i128)s[i];
        if (n[i] > 1) sum += (i128)(n[i] - 1) * a;
    }
    return sum <= lim;
}

/* the documented limit: the largest |element offset| of the tensor, in bytes, fits ptrdiff_t */
static int doc_span_ok(const tbuf *t)
{
    if (t->empty) return 1;
    return (absmax(t) + 1) * (i128)t->es <= (i128)PTRDIFF_MAX;
}

static void check_msg(pa_context *ctx, const char *what, pa_status st)
{
    static const char *names[] = { "q.", "kv.", "p.", "out", "workspace", "q is", "kv is", "p (",
                                   "slot_mapping", "num_tokens", "k_new", "v_new", "new_stride",
                                   "bytes", "query rows" };
    const char *m = pa_context_last_error(ctx);
    size_t i;
    int named = 0;
    if (!m || !m[0]) FAIL("%s failed with %s but last_error is empty", what, pa_status_string(st));
    for (i = 0; i < sizeof names / sizeof names[0]; i++) named |= strstr(m, names[i]) != NULL;
    if (!named || !(strchr(m, '=') || strstr(m, "NULL")))
        FAIL("%s failed with %s: message names no field / value: \"%s\"", what, pa_status_string(st), m);
}

/* ---- layouts ------------------------------------------------------------------------------ */

static const int64_t HUGE_STRIDES[] = { (int64_t)1 << 31, (int64_t)1 << 33, (int64_t)1 << 40,
                                        (int64_t)1 << 61, (int64_t)1 << 62, INT64_MAX, INT64_MIN,
                                        -((int64_t)1 << 62), ((int64_t)1 << 60) + 1, -((int64_t)1 << 33) };

/* q / out strides: rows R (for HND), heads H, head_dim D */
static void pick_q_strides(rd *r, int64_t R, int64_t H, int64_t D, int64_t *st, int64_t *sh, const char *nm)
{
    unsigned mode = u8(r) % 12;
    int64_t pt = u8(r) % 9, ph = u8(r) % 5;
    if (R < 1) R = 1;
    switch (mode) {
    default:
    case 0: *sh = D; *st = H * D; break;                                 /* NHD */
    case 1: *st = D; *sh = R * D; break;                                 /* HND */
    case 2: *sh = D + ph; *st = H * (D + ph) + pt; break;                /* padded NHD */
    case 3: *st = D + pt; *sh = R * (D + pt) + ph; break;                /* padded HND */
    case 4: *sh = D + ph; *st = -(H * (D + ph) + pt); break;             /* rows reversed */
    case 5: *sh = -(D + ph); *st = H * (D + ph) + pt; break;             /* heads reversed */
    case 6: *sh = -(D + ph); *st = -(H * (D + ph) + pt); break;
    case 7: *sh = D; *st = 0; break;                                     /* every row the same */
    case 8: *sh = 0; *st = D; break;                                     /* every head the same */
    case 9: *sh = D; *st = HUGE_STRIDES[u8(r) % 10]; break;
    case 10: *st = H * D; *sh = HUGE_STRIDES[u8(r) % 10]; break;
    case 11: *st = -D - pt; *sh = -(R * (D + pt)) - ph; break;           /* HND, both reversed */
    }
    desc_add(" %s strides(token %lld, head %lld)", nm, (long long)*st, (long long)*sh);
}

/* k / v strides over the pool [np][ps][hk][D] (products saturate at 2^62: such strides are refused) */
static int64_t sat(i128 v)
{
    const i128 m = (i128)1 << 62;
    return (int64_t)(v > m ? m : v < -m ? -m : v);
}

static void pick_kv_strides(rd *r, int64_t ps, int64_t hk, int64_t D, int64_t *sp,
                            int64_t *st, int64_t *sh, const char *nm)
{
    unsigned mode = u8(r) % 12;
    int64_t p1 = u8(r) % 9, p2 = u8(r) % 5, p3 = u8(r) % 3;
    switch (mode) {
    default:
    case 0: *sh = D; *st = sat((i128)hk * D); *sp = sat((i128)ps * hk * D); break;               /* NHD */
    case 1: *st = D; *sh = sat((i128)ps * D); *sp = sat((i128)hk * ps * D); break;               /* HND */
    case 2: *sh = D + p2; *st = sat((i128)hk * *sh + p1); *sp = sat((i128)ps * *st + p3); break; /* padded NHD */
    case 3: *st = D + p2; *sh = sat((i128)ps * *st + p1); *sp = sat((i128)hk * *sh + p3); break; /* padded HND */
    case 4: *sh = D; *st = sat((i128)hk * D); *sp = sat(-((i128)ps * hk * D) - p3); break;       /* pages reversed */
    case 5: *sh = D; *st = sat(-((i128)hk * D) - p1); *sp = sat((i128)ps * (hk * D + p1)); break; /* slots reversed */
    case 6: *sh = -D - p2; *st = sat((i128)hk * (D + p2)); *sp = sat((i128)ps * *st); break;     /* heads reversed */
    case 7: *sh = D; *st = sat((i128)hk * D); *sp = 0; break;                                    /* one page for all */
    case 8: *sh = D; *st = 0; *sp = sat((i128)hk * D); break;                                    /* one slot a page */
    case 9: *sh = D; *st = sat((i128)hk * D); *sp = HUGE_STRIDES[u8(r) % 10]; break;
    case 10: *sh = D; *sp = sat((i128)ps * hk * D); *st = HUGE_STRIDES[u8(r) % 10]; break;
    case 11: *st = -D; *sh = sat(-((i128)ps * D)); *sp = sat(-((i128)hk * ps * D) - p3); break;   /* HND, all reversed */
    }
    desc_add(" %s strides(page %lld, token %lld, head %lld)", nm, (long long)*sp, (long long)*st,
             (long long)*sh);
}

/* ---- pa_attention ------------------------------------------------------------------------- */

enum { VALID = 0, GREY = 1, INVALID = 2 };

static double maxabs_tensor(pa_dtype dt, const tbuf *t, int skip_nan)
{
    double m = 0;
    size_t i;
    for (i = 0; i < t->n; i++) {
        double v = pa__load(dt, t->mem, (int64_t)i);
        if (isnan(v)) { if (!skip_nan) return NAN; continue; }
        if (fabs(v) > m) m = fabs(v);
    }
    return m;
}

static void run_attention(rd *r)
{
    /* -- decode ------------------------------------------------------------------------------ */
    unsigned sel = u8(r) % 16;
    int64_t dtq = sel < 14 ? (int64_t)(sel % 3) : sel == 14 ? 3 : -1, dtk;
    int64_t B, hk, grp, H, D, Dk, ps, msl, msq, np, pts = 0;
    int use_cu, use_pt, with_lse, ws_mode, nthreads, null_mask, kvmode;
    int64_t cu0, q_st, q_sh, o_st, o_sh, k_sp, k_st, k_sh, v_sp, v_st, v_sh;
    float scale, softcap;
    int32_t causal, wl, nsplit;
    float qmag, kmag, vmag;
    int exp_field = VALID, exp_all;       /* field-level (pa_workspace_size), whole call */
    int tables_ok = 1, grey = 0;
    const char *why = "";
    int64_t *qlen = NULL, *cu64 = NULL;
    int32_t *cu = NULL, *sl = NULL, *pt = NULL;
    size_t n_pt = 0;
    int64_t b;

    sel = u8(r) % 16;
    dtk = sel == 15 ? (dtq + 1) % 3 : sel == 14 ? 7 : dtq;
    B = PICK(r, 0, 6, -1, INT32_MIN, 64, 300, 1 << 16, 1 << 30, INT32_MAX, 1, 2, 3);
    hk = PICK(r, 1, 8, 0, -1, 16, 64, 1 << 20, INT32_MAX, 1, 2);
    grp = PICK(r, 1, 8, 16, 64, 1 << 16, 3, 1, 2);
    H = hk * grp;
    sel = u8(r) % 32;
    if (sel == 31) H += 1;                /* not a multiple */
    else if (sel == 30) H = 0;
    else if (sel == 29) H = -hk;
    else if (sel == 28) H = INT32_MAX;
    if (H > INT32_MAX || H < INT32_MIN) H = INT32_MAX;
    {
        static const int64_t Ds[] = { 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 63, 64,
                                      65, 96, 127, 128, 129, 192, 255, 256, 257, 384, 511, 512 };
        sel = u8(r);
        D = sel < 240 ? Ds[sel % 30] : (int64_t[]){ 0, -1, 513, INT32_MAX, INT32_MIN, 1024 }[sel % 6];
    }
    sel = u8(r) % 32;
    Dk = sel == 31 ? D + 1 : sel == 30 ? D / 2 : D;
    ps = PICK(r, 1, 40, 0, -1, INT32_MAX, 1 << 16, 4096, MAX_KEYS_DOC, 1, 3, 16, 17, 64, 100, 1 << 20);
    sel = u8(r) % 8;
    msl = sel < 5 ? PICK(r, 0, 70, -1, MAX_KEYS_DOC, MAX_KEYS_DOC + 1, INT32_MAX, 1 << 20, 0, 1, 2, 64, 65, 1024, 1025)
                  : PICK(r, 0, 2200, 4095, 4096, 4097, 8192, 2048, 2049, 1023);
    sel = u8(r) % 8;
    msq = sel < 6 ? PICK(r, 0, 9, -1, INT32_MAX, INT32_MAX - 62, 1 << 30, 1 << 16, 0, 1, 4, 5, 64, 65)
                  : PICK(r, 0, 130, 256, 1000);
    use_cu = u8(r) % 2;
    cu0 = PICK(r, 0, 5, -1, 1 << 20, 1 << 30, INT32_MAX - 200, INT32_MAX, 1 << 24, 0, 1);
    use_pt = u8(r) % 4 != 0;
    scale = (float)(u8(r) % 26);
    {
        static const float sc[] = { 0, 1, -1, 1e-3f, 30, 1e30f, NAN, INFINITY, -INFINITY, FLT_MAX,
                                    0.5f, 2, 0.01f, 1e-30f, 100 };
        int k = (int)scale - 11;
        scale = k < 0 ? (D > 0 ? (float)(1.0 / sqrt((double)D)) : 1.0f) : sc[k];
    }
    causal = (int32_t)PICK(r, 0, 1, 2, -1, INT32_MIN);
    wl = (int32_t)PICK(r, -1, 8, -1, -1, -1, 0, 100, INT32_MAX, -2, INT32_MIN, 1000, 63, 64);
    {
        static const float cp[] = { 0, 0, 0, 0, 0, 1, 30, 0.01f, 1e-38f, 1e-39f, -1, NAN, INFINITY,
                                    FLT_MAX, FLT_MIN, 3e-39f, 5 };
        softcap = cp[u8(r) % 17];
    }
    nsplit = (int32_t)PICK(r, 0, 8, 16, 256, 257, 1000, INT32_MAX, -1, 0, 1, 64, 255);
    with_lse = u8(r) % 4 != 0;
    ws_mode = u8(r) % 16;      /* 0..11 exact, 12 one less, 13 NULL, 14 more, 15 exact with NULL when 0 */
    nthreads = (int)(u8(r) % 6) + 2;
    null_mask = u8(r);         /* rare NULLs */
    null_mask = null_mask >= 0xe0 ? 1 << (null_mask & 15) : 0;
    kvmode = u8(r);
    {
        static const float mags[] = { 1, 1, 1.0f / 64, 8, 100 };
        qmag = mags[u8(r) % 5]; kmag = mags[u8(r) % 5]; vmag = mags[u8(r) % 5];
    }
    rng_state = (uint64_t)u8(r) | (uint64_t)u8(r) << 8 | (uint64_t)u8(r) << 16;

    snprintf(g_desc, sizeof g_desc,
             "ATTN dtype q %lld kv %lld, batch %lld, heads %lld / kv %lld, head_dim %lld (kv %lld), "
             "page_size %lld, kv.max_seq_len %lld, q.max_seqlen %lld, cu %d (cu0 %lld), page_table %d, "
             "scale %g causal %d window %d softcap %g splits %d lse %d ws_mode %d threads %d null %#x",
             (long long)dtq, (long long)dtk, (long long)B, (long long)H, (long long)hk, (long long)D,
             (long long)Dk, (long long)ps, (long long)msl, (long long)msq, use_cu, (long long)cu0,
             use_pt, (double)scale, causal, wl, (double)softcap, nsplit, with_lse, ws_mode, nthreads,
             null_mask);

    /* -- field-level oracle (from the header) ----------------------------------------------- */
#define BAD(cond, w) do { if (exp_field == VALID && (cond)) { exp_field = INVALID; why = (w); } } while (0)
    BAD(!valid_dt(dtq), "q.dtype");
    BAD(dtk != dtq, "kv.dtype");
    BAD(B < 0, "batch");
    BAD(H < 1, "heads");
    BAD(D < 1 || D > 512, "head_dim");
    BAD(msq < 0, "max_seqlen");
    BAD(!use_cu && B * msq > INT32_MAX, "rows");
    BAD(B * msq > 0 && (i128)B * msq * H > ((i128)1 << 48), "rows x heads");
    BAD(hk < 1, "kv heads");
    BAD(Dk != D, "kv.head_dim");
    BAD(hk >= 1 && H % hk != 0, "heads % kv heads");
    BAD(ps < 1, "page_size");
    BAD(msl < 0 || msl > MAX_KEYS_DOC, "max_seq_len");
    BAD(!isfinite(scale), "scale");
    BAD(!isfinite(softcap) || softcap < 0, "softcap");
    BAD(softcap > 0 && !isfinite(1.0f / softcap), "softcap tiny");
    BAD(wl < -1, "window");
    BAD(nsplit < 0, "splits");

    /* sizes of the tables we can build at all */
    if (B > (1 << 16)) {
        if (exp_field != INVALID) return;   /* too many sequences for this harness */
    }
    {
        int64_t Bt = B < 0 ? 0 : B > (1 << 16) ? 1 : B;   /* (B huge and invalid: tables of 1) */
        int64_t msl_c = msl < 0 ? 0 : msl > 1 << 20 ? 1 << 20 : msl;
        int64_t msq_c = msq < 0 ? 0 : msq;
        int64_t need_row = ps >= 1 ? (msl + ps - 1) / ps : 1;
        int64_t tab_np;
        qlen = (int64_t *)calloc((size_t)Bt + 1, sizeof(int64_t));
        cu64 = (int64_t *)calloc((size_t)Bt + 1, sizeof(int64_t));
        cu = (int32_t *)malloc(((size_t)Bt + 1) * sizeof(int32_t));
        sl = (int32_t *)malloc((size_t)Bt * sizeof(int32_t));
        cu64[0] = cu0;
        for (b = 0; b < Bt; b++) {
            unsigned m = u8(r) % 32;
            int64_t lim = msq_c < 200 ? msq_c : 200;
            qlen[b] = use_cu ? (m == 31 ? msq_c + 1 : m == 30 ? -1 : m < 8 ? lim : (int64_t)(u8(r) % (lim + 1)))
                             : msq_c;
            cu64[b + 1] = cu64[b] + qlen[b];
            m = u8(r) % 32;
            sl[b] = m == 31 ? clamp32(msl + 1) : m == 30 ? -1 : m == 29 ? INT32_MAX : m == 28 ? 0
                  : m < 12 ? clamp32(msl_c) : (int32_t)((uint64_t)(u8(r) | u8(r) << 8) % (uint64_t)(msl_c + 1));
        }
        for (b = 0; b <= Bt; b++) cu[b] = (int32_t)(uint32_t)(uint64_t)cu64[b];   /* (wraps: a decrease) */
        if (use_cu) {
            desc_add(" cu_seqlens {");
            for (b = 0; b <= Bt && b < 12; b++) desc_add("%s%d", b ? "," : "", cu[b]);
            desc_add("%s}", Bt > 11 ? ",..." : "");
        }
        desc_add(" seq_lens {");
        for (b = 0; b < Bt && b < 12; b++) desc_add("%s%d", b ? "," : "", sl[b]);
        desc_add("%s}", Bt > 11 ? ",..." : "");

        /* page table */
        if (use_pt) {
            int64_t extra = PICK(r, 0, 3, -1, -2, 0, 1, (int64_t)1 << 40, (int64_t)1 << 62, INT64_MAX,
                                 INT64_MIN, (int64_t)1 << 33, (int64_t)1 << 61);
            pts = extra == -1 ? need_row - 1 : extra == -2 ? -1 : extra > 3 || extra < 0 ? extra : need_row + extra;
            if (extra == 0 && (u8(r) & 1)) pts = need_row;
            BAD(pts < 0, "pts negative");
            BAD(pts >= 0 && pts < need_row, "pts < need_row");
            /* the table's rows of every sequence fit a pointer difference (header's limits) */
            BAD(pts >= 0 && B >= 2 && (i128)(B - 1) * pts + need_row > (i128)(PTRDIFF_MAX / 4),
                "page table span");
        } else {
            BAD(ps < msl, "contiguous page_size < max_seq_len");
        }
        /* pages: enough for every sequence's pages, or a chosen count */
        tab_np = 0;
        for (b = 0; b < Bt; b++) {
            int64_t s = sl[b] < 0 ? 0 : sl[b] > msl_c ? msl_c : sl[b];
            if (ps >= 1) tab_np += (s + ps - 1) / ps;
        }
        if (!use_pt) tab_np = Bt;
        if (tab_np < 1) tab_np = 1;
        sel = u8(r) % 16;
        np = sel < 10 ? tab_np : sel < 14 ? tab_np + (int64_t)(u8(r) % 9) :
             (int64_t[]){ 0, -1, 1, INT32_MAX, 1 << 20, 2 }[u8(r) % 6];
        if (np > INT32_MAX) np = INT32_MAX;
        BAD(np < 1, "num_pages");
        BAD(!use_pt && np < B, "contiguous num_pages < batch");
        desc_add(" num_pages %lld page_table_stride %lld", (long long)np, (long long)pts);

        /* tables-level oracle (batch > 0) */
        if (B > 0 && exp_field != INVALID) {
            if (use_cu) {
                if (cu[0] < 0) tables_ok = 0;
                for (b = 0; b < B; b++) {
                    int64_t len = (int64_t)cu[b + 1] - cu[b];
                    if (len < 0 || len > msq) tables_ok = 0;
                }
            }
            for (b = 0; b < B; b++)
                if (sl[b] < 0 || sl[b] > msl) tables_ok = 0;
        }
        /* page table entries: exactly the entries read */
        if (use_pt && B > 0 && exp_field != INVALID) {
            i128 end = 0;
            for (b = 0; b < B; b++) {
                int64_t s = sl[b] < 0 ? 0 : sl[b] > msl ? msl : sl[b], n = (s + ps - 1) / ps;
                if (n > 0 && (i128)b * pts + n > end) end = (i128)b * pts + n;
            }
            if (end > (1 << 22)) {   /* a table we cannot allocate */
                free(qlen); free(cu64); free(cu); free(sl);
                return;
            }
            n_pt = (size_t)end;
            pt = (int32_t *)malloc(n_pt * sizeof(int32_t) + 0);
            {
                size_t i;   /* entries no row reads: garbage */
                for (i = 0; i < n_pt; i++) pt[i] = (int32_t)(rnd() % 3 == 0 ? -1 : (int64_t)(rnd() % 1000000) - 1000);
            }
            {
                int64_t next = 0;
                unsigned pmode = u8(r) % 8;
                for (b = 0; b < B; b++) {
                    int64_t s = sl[b] < 0 ? 0 : sl[b] > msl ? msl : sl[b], n = (s + ps - 1) / ps, i;
                    for (i = 0; i < n; i++) {
                        int64_t pg;
                        if (pmode < 5) pg = next++ % np;                /* distinct while they last */
                        else if (pmode < 7) pg = (int64_t)(rnd() % (uint64_t)np);   /* shared */
                        else pg = np - 1 - (next++ % np);
                        pt[b * pts + i] = (int32_t)pg;
                    }
                }
                sel = u8(r) % 16;   /* one bad entry among those read */
                if (sel >= 12 && n_pt) {
                    int64_t bb = (int64_t)(u8(r) % (unsigned)B), s, n;
                    s = sl[bb] < 0 ? 0 : sl[bb] > msl ? msl : sl[bb];
                    n = (s + ps - 1) / ps;
                    if (n > 0) {
                        int32_t badv = (int32_t)(int64_t[]){ -1, np, INT32_MAX, INT32_MIN }[sel - 12];
                        pt[bb * pts + (int64_t)(u8(r) % (unsigned)n)] = badv;
                    }
                }
            }
            if (tables_ok)
                for (b = 0; b < B; b++) {
                    int64_t s = sl[b], n = (s + ps - 1) / ps, i;
                    for (i = 0; i < n; i++)
                        if (pt[b * pts + i] < 0 || pt[b * pts + i] >= np) tables_ok = 0;
                }
        }
    }

    /* -- rows, extents --------------------------------------------------------------------- */
    {
        const size_t es = valid_dt(dtq) ? pa__dtype_size((pa_dtype)dtq) : 4;
        const int64_t Bv = B > 0 && B <= (1 << 16) ? B : 0;
        i128 t_lo = 0, t_hi = -1, rows_lib;
        tbuf tq, to, tk, tv, tl, tw, to2, tl2, tw2;
        pa_query q;
        pa_kv_cache kv;
        pa_attn_params p;
        pa_output out, out2;
        pa__problem pb;
        size_t ws = 0, ws2 = 0;
        pa_status st, st2;
        double work = 0;
        int ok_sizes = exp_field != INVALID;
        unsigned char *omark = NULL;
        int overlap = 0, nofill = 0;

        memset(&tq, 0, sizeof tq); memset(&to, 0, sizeof to); memset(&tk, 0, sizeof tk);
        memset(&tv, 0, sizeof tv); memset(&tl, 0, sizeof tl); memset(&tw, 0, sizeof tw);
        memset(&to2, 0, sizeof to2); memset(&tl2, 0, sizeof tl2); memset(&tw2, 0, sizeof tw2);

        if (Bv > 0 && tables_ok) {
            t_lo = use_cu ? cu[0] : 0;
            t_hi = use_cu ? (i128)cu[Bv] - 1 : (i128)Bv * msq - 1;
        }
        rows_lib = (i128)B * msq < INT32_MAX ? (i128)B * msq : INT32_MAX;
        if (rows_lib < 0) rows_lib = 0;

        pick_q_strides(r, (int64_t)(t_hi + 1 > 0 && t_hi < INT32_MAX ? t_hi + 1 : 1), H > 0 ? H : 1, D > 0 ? D : 1, &q_st, &q_sh, "q");
        sel = u8(r) % 4;
        if (sel == 0) { o_st = q_st; o_sh = q_sh; desc_add(" out strides = q's"); }
        else pick_q_strides(r, (int64_t)(t_hi + 1 > 0 && t_hi < INT32_MAX ? t_hi + 1 : 1), H > 0 ? H : 1, D > 0 ? D : 1, &o_st, &o_sh, "out");
        pick_kv_strides(r, ps, hk, D > 0 ? D : 1, &k_sp, &k_st, &k_sh, "k");
        if (kvmode & 1) pick_kv_strides(r, ps, hk, D > 0 ? D : 1, &v_sp, &v_st, &v_sh, "v");
        else { v_sp = k_sp; v_st = k_st; v_sh = k_sh; }

        {   /* spans */
            const int64_t Hc = H > 0 ? H : 1, Dc = D > 0 ? D : 1;
            i128 a2[2] = { t_lo, 0 }, b2[2] = { t_hi, Hc - 1 };
            i128 a3[3] = { 0, 0, 0 }, b3[3] = { np - 1, ps - 1, hk - 1 };
            int64_t s2[2], s3[3];
            s2[0] = q_st; s2[1] = q_sh;
            span_of(&tq, 2, a2, b2, s2, Dc, es);
            s2[0] = o_st; s2[1] = o_sh;
            span_of(&to, 2, a2, b2, s2, Dc, es);
            s3[0] = k_sp; s3[1] = k_st; s3[2] = k_sh;
            span_of(&tk, 3, a3, b3, s3, Dc, es);
            s3[0] = v_sp; s3[1] = v_st; s3[2] = v_sh;
            span_of(&tv, 3, a3, b3, s3, Dc, es);
            memset(&tl, 0, sizeof tl);
            tl.es = 4;
            tl.lo = t_lo * Hc; tl.hi = t_hi * Hc + Hc - 1;
            tl.empty = t_hi < t_lo;
            /* the library's stride checks (conservative rows for q / out) */
            if (exp_field != INVALID) {
                int64_t nq[2] = { (int64_t)rows_lib, H }, sq[2] = { q_st, q_sh }, so[2] = { o_st, o_sh };
                int64_t nk[3] = { np, ps, hk }, sk3[3] = { k_sp, k_st, k_sh }, sv3[3] = { v_sp, v_st, v_sh };
                int lib_ok = lib_span_ok(2, nq, sq, D, es) && lib_span_ok(2, nq, so, D, es) &&
                             lib_span_ok(3, nk, sk3, D, es) && lib_span_ok(3, nk, sv3, D, es);
                BAD(!doc_span_ok(&tk) || !doc_span_ok(&tv), "k/v span");
                if (exp_field != INVALID && !lib_ok) grey = 1;
            }
        }
        exp_all = exp_field;
        if (exp_all != INVALID && B > 0) {
            if (!tables_ok) { exp_all = INVALID; why = "tables"; }
            else if (!doc_span_ok(&tq) || !doc_span_ok(&to)) {
                exp_all = INVALID; why = "q/out span (actual rows)";
            }
        }
        if (exp_all == VALID && grey) exp_all = GREY;
        /* NULL pointers */
        if (exp_all != INVALID && B > 0 && (null_mask & 0x1f)) { exp_all = INVALID; why = "NULL data"; }
        if (null_mask & 0x3c0) { exp_all = INVALID; why = "NULL struct"; if (null_mask & 0x100) exp_field = INVALID; }
        if (exp_field == INVALID) exp_all = INVALID;

        /* work and sizes */
        if (exp_all != INVALID) {
            for (b = 0; b < Bv; b++) {
                double sq = (double)(use_cu ? (int64_t)cu[b + 1] - cu[b] : msq);
                work += sq * (double)H * ((double)sl[b] + 1) * (double)D;
            }
            if (work > CAP_WORK) goto skip;
            /* items: B x kv heads x ceil(max_seqlen / rows an item) whatever the rows (see report) */
            if ((double)Bv * (double)(msq > 0 ? msq : 0) * (double)H > 1e6) goto skip;
            if ((double)(t_hi - t_lo + 1) * (double)H * (double)D > 5e5) goto skip;
            if (Bv > 4096) goto skip;
        }
        g_total = 0;
        {   /* loops of the fill (aliasing strides make small buffers of many rows) */
            double nfill = (double)(t_hi - t_lo + 1) * (double)(H > 0 ? H : 1) * (double)(D > 0 ? D : 1), nkv = 0;
            for (b = 0; b < Bv; b++) nkv += (double)(sl[b] > 0 ? sl[b] : 0) * (double)(hk > 0 ? hk : 1) * (double)(D > 0 ? D : 1);
            if (nfill > 5e5 || nkv > 2e6) {
                if (exp_all != INVALID) goto skip;
                nofill = 1;
            }
        }
        if (tb_alloc(&tq, exp_all == INVALID) || tb_alloc(&to, exp_all == INVALID) ||
            tb_alloc(&tk, exp_all == INVALID) || tb_alloc(&tv, exp_all == INVALID) ||
            (with_lse && tb_alloc(&tl, exp_all == INVALID)))
            goto skip;
        if (exp_all != INVALID && (tq.huge || to.huge || tk.huge || tv.huge || tl.huge)) goto skip;
        (void)ok_sizes;

        /* out elements must be distinct (documented: the library does not check) */
        if (!to.huge && !to.empty && exp_all != INVALID) {
            int64_t t, h;
            omark = (unsigned char *)calloc(to.n ? to.n : 1, 1);
            for (t = (int64_t)t_lo; t <= (int64_t)t_hi && !overlap; t++)
                for (h = 0; h < H && !overlap; h++) {
                    i128 off = (i128)t * o_st + (i128)h * o_sh;
                    size_t i0 = tb_idx(&to, off), d;
                    for (d = 0; d < (size_t)D; d++) {
                        if (omark[i0 + d]) { overlap = 1; break; }
                        omark[i0 + d] = 1;
                    }
                }
            if (overlap) goto skip;
        }

        desc_add(" => expect %s%s%s (bytes: q %zu out %zu k %zu v %zu lse %zu)",
                 exp_all == VALID ? "VALID" : exp_all == GREY ? "GREY" : "INVALID",
                 exp_all == INVALID ? ": " : "", exp_all == INVALID ? why : "",
                 tq.n * tq.es, to.n * to.es, tk.n * tk.es, tv.n * tv.es, tl.n * 4);
        if (verbose) fprintf(stderr, "%s\n", g_desc);

        /* fill */
        if (valid_dt(dtq)) {
            const pa_dtype dt = (pa_dtype)dtq;
            int64_t t, h, d;
            fill_nan(dt, &tq); fill_nan(dt, &tk); fill_nan(dt, &tv);
            if (!tq.huge && !nofill)
                for (t = (int64_t)t_lo; t <= (int64_t)t_hi; t++)
                    for (h = 0; h < H; h++)
                        for (d = 0; d < D; d++)
                            pa__store(dt, tq.mem, (int64_t)tb_idx(&tq, (i128)t * q_st + (i128)h * q_sh + d), rndf(qmag));
            if (!tk.huge && !tv.huge && tables_ok && exp_all != INVALID && !nofill)
                for (b = 0; b < Bv; b++) {
                    int64_t j;
                    for (j = 0; j < sl[b]; j++) {
                        int64_t pg = use_pt ? pt[b * pts + j / ps] : b, s = j % ps;
                        for (h = 0; h < hk; h++)
                            for (d = 0; d < D; d++) {
                                pa__store(dt, tk.mem, (int64_t)tb_idx(&tk, (i128)pg * k_sp + (i128)s * k_st + (i128)h * k_sh + d), rndf(kmag));
                                pa__store(dt, tv.mem, (int64_t)tb_idx(&tv, (i128)pg * v_sp + (i128)s * v_st + (i128)h * v_sh + d), rndf(vmag));
                            }
                    }
                }
        }
        if (to.n) memset(to.mem, 0x7b, to.n * to.es);
        if (tl.n) memset(tl.mem, 0x7b, tl.n * 4);
        tb_snap(&tq); tb_snap(&tk); tb_snap(&tv); tb_snap(&to); tb_snap(&tl);

        memset(&q, 0, sizeof q); memset(&kv, 0, sizeof kv); memset(&out, 0, sizeof out);
        q.dtype = (pa_dtype)dtq; q.batch = clamp32(B); q.num_heads = clamp32(H); q.head_dim = clamp32(D);
        q.data = tq.base; q.stride_token = q_st; q.stride_head = q_sh;
        q.cu_seqlens = use_cu ? cu : NULL; q.max_seqlen = clamp32(msq);
        kv.dtype = (pa_dtype)dtk; kv.num_kv_heads = clamp32(hk); kv.head_dim = clamp32(Dk);
        kv.page_size = clamp32(ps); kv.num_pages = clamp32(np); kv.k = tk.base; kv.v = tv.base;
        kv.k_stride_page = k_sp; kv.k_stride_token = k_st; kv.k_stride_head = k_sh;
        kv.v_stride_page = v_sp; kv.v_stride_token = v_st; kv.v_stride_head = v_sh;
        kv.page_table = use_pt ? (pt ? pt : (const int32_t *)cu) : NULL;  /* (B 0: any pointer) */
        kv.page_table_stride = pts; kv.seq_lens = sl; kv.max_seq_len = clamp32(msl);
        p.softmax_scale = scale; p.causal = causal; p.window_left = wl; p.softcap = softcap;
        p.num_splits = nsplit;
        out.data = to.base; out.stride_token = o_st; out.stride_head = o_sh;
        out.lse = with_lse ? (float *)tl.base : NULL;
        if (null_mask & 0x01) q.data = NULL;
        if (null_mask & 0x02) kv.k = NULL;
        if (null_mask & 0x04) kv.v = NULL;
        if (null_mask & 0x08) kv.seq_lens = NULL;
        if (null_mask & 0x10) out.data = NULL;
        if (null_mask & 0x20) out.lse = NULL;   /* optional: still valid */

        {   /* -- pa_workspace_size ---------------------------------------------------------- */
            const pa_query *Q = (null_mask & 0x40) ? NULL : &q;
            const pa_kv_cache *KV = (null_mask & 0x80) ? NULL : &kv;
            const pa_attn_params *P = (null_mask & 0x100) ? NULL : &p;
            const pa_output *O = (null_mask & 0x200) ? NULL : &out;
            pa_status sw = pa_workspace_size(ctx1, Q, KV, P, &ws);
            int wsvalid;
            if (exp_field == INVALID || (null_mask & 0x1c0)) {
                if (sw == PA_OK) FAIL("pa_workspace_size accepted a call with a bad field (%s)", why);
                if (sw != PA_ERR_INVALID_ARG) FAIL("pa_workspace_size on a bad field (%s) gave %s", why, pa_status_string(sw));
                check_msg(ctx1, "pa_workspace_size", sw);
            } else if (sw == PA_ERR_UNSUPPORTED && strstr(pa_context_last_error(ctx1), "does not fit in size_t") &&
                       (i128)256 * B * (msq > 0 ? msq : 1) * H * (D + 2) * 4 > (i128)SIZE_MAX) {
                goto skip;   /* documented: a workspace past size_t */
            } else if (exp_field == VALID && !grey && sw != PA_OK) {
                FAIL("pa_workspace_size of valid fields gave %s \"%s\"", pa_status_string(sw), pa_context_last_error(ctx1));
            }
            if (sw == PA_OK && pa_context_last_error(ctx1)[0])
                FAIL("pa_workspace_size succeeded with a message \"%s\"", pa_context_last_error(ctx1));
            wsvalid = sw == PA_OK;
            if (wsvalid) {
                pa_status s2 = pa_workspace_size(ctxN, Q, KV, P, &ws2);
                if (s2 != PA_OK || ws2 != ws) FAIL("pa_workspace_size depends on the context: %zu vs %zu (%s)", ws, ws2, pa_status_string(s2));
                if (ws > CAP_BYTES) goto skip;
            } else ws = 64;
            desc_add(" ws %zu", ws);

            /* -- workspace buffer ---------------------------------------------------------- */
            {
                size_t give = ws;
                void *wptr;
                int expect_small = 0, expect_null = 0;
                if (wsvalid && ws_mode == 12 && ws > 0) { give = ws - 1; expect_small = 1; }
                if (wsvalid && ws_mode == 14) give = ws + 1 + (size_t)(u8(r) % 64);
                tw.es = 1; tw.n = give; tw.mem = (unsigned char *)malloc(give); tw.base = (char *)tw.mem;
                if (give) memset(tw.mem, 0xff, give);
                tb_snap(&tw);
                wptr = tw.mem;
                if (wsvalid && ws_mode == 13 && ws > 0) { wptr = NULL; expect_null = 1; }
                if (wsvalid && ws_mode == 15 && ws == 0) wptr = NULL;
                desc_add(" ws given %zu%s", give, wptr ? "" : " (NULL)");

                st = pa_attention(ctx1, Q, KV, P, O, wptr, give);
                if (verbose) fprintf(stderr, "  -> %s \"%s\"\n", pa_status_string(st), pa_context_last_error(ctx1));

                /* inputs never change */
                if (!tb_same(&tq) || !tb_same(&tk) || !tb_same(&tv))
                    FAIL("pa_attention (%s) wrote its inputs q / k / v", pa_status_string(st));

                if (st != PA_OK) {
                    if (exp_all == VALID && !expect_small && !expect_null)
                        FAIL("a valid call failed: %s \"%s\"", pa_status_string(st), pa_context_last_error(ctx1));
                    if (expect_small && exp_all == VALID && st != PA_ERR_WORKSPACE_TOO_SMALL)
                        FAIL("workspace one byte short gave %s \"%s\"", pa_status_string(st), pa_context_last_error(ctx1));
                    if (expect_null && exp_all == VALID && st != PA_ERR_INVALID_ARG)
                        FAIL("NULL workspace gave %s \"%s\"", pa_status_string(st), pa_context_last_error(ctx1));
                    if (st == PA_ERR_WORKSPACE_TOO_SMALL && !expect_small)
                        FAIL("exactly pa_workspace_size's answer (%zu, given %zu) was too small: \"%s\"", ws, give, pa_context_last_error(ctx1));
                    if (st != PA_ERR_INVALID_ARG && st != PA_ERR_WORKSPACE_TOO_SMALL && !(exp_all == GREY && st == PA_ERR_UNSUPPORTED))
                        FAIL("pa_attention gave %s \"%s\"", pa_status_string(st), pa_context_last_error(ctx1));
                    check_msg(ctx1, "pa_attention", st);
                    if (!tb_same(&to)) FAIL("a failed call (%s \"%s\") wrote out", pa_status_string(st), pa_context_last_error(ctx1));
                    if (!tb_same(&tl)) FAIL("a failed call (%s \"%s\") wrote lse", pa_status_string(st), pa_context_last_error(ctx1));
                    if (!tb_same(&tw)) FAIL("a failed call (%s \"%s\") wrote the workspace", pa_status_string(st), pa_context_last_error(ctx1));
                    goto skip;
                }
                /* PA_OK */
                if (exp_all == INVALID) FAIL("an invalid call (%s) returned PA_OK", why);
                if (expect_small) FAIL("a workspace one byte short of pa_workspace_size's %zu returned PA_OK", ws);
                if (expect_null) FAIL("a NULL workspace (need %zu) returned PA_OK", ws);
                if (pa_context_last_error(ctx1)[0]) FAIL("PA_OK with a message \"%s\"", pa_context_last_error(ctx1));
            }
        }

        /* -- PA_OK: elements outside every row, the reference ------------------------------ */
        if (Bv > 0 && msq > 0 && !(null_mask & 0x1f)) {
            const pa_dtype dt = (pa_dtype)dtq;
            const int64_t R = (int64_t)(t_hi - t_lo + 1);
            double *ref = NULL, *rlse = NULL;
            double vmax = maxabs_tensor(dt, &tv, 1), qmax = maxabs_tensor(dt, &tq, 1), kmax = maxabs_tensor(dt, &tk, 1);
            double S = fabs((double)scale) * (double)D * qmax * kmax, escore, tol32, u;
            int32_t *cu_shift = NULL;
            size_t i;
            int64_t t, h, d;
            /* untouched */
            if (omark)
                for (i = 0; i < to.n; i++)
                    if (!omark[i] && memcmp(to.mem + i * to.es, to.snap + i * to.es, to.es))
                        FAIL("out element %zu (offset %lld from the base) outside every row was written", i,
                             (long long)(to.lo + (i128)i));
            /* reference over rows t - t_lo */
            if (R > 0) {
                memset(&pb, 0, sizeof pb);
                pb.dtype = dt; pb.batch = (int32_t)B; pb.num_heads = (int32_t)H; pb.num_kv_heads = (int32_t)hk;
                pb.head_dim = (int32_t)D; pb.group = (int32_t)(H / hk);
                pb.q = (const char *)tq.base + (ptrdiff_t)(t_lo * (i128)q_st * (i128)es);
                pb.q_stride_token = q_st; pb.q_stride_head = q_sh;
                if (use_cu) {
                    cu_shift = (int32_t *)malloc(((size_t)B + 1) * sizeof(int32_t));
                    for (b = 0; b <= B; b++) cu_shift[b] = cu[b] - cu[0];
                }
                pb.cu_seqlens_q = cu_shift; pb.max_seqlen_q = (int32_t)msq;
                pb.k = tk.base; pb.v = tv.base;
                pb.k_stride_page = k_sp; pb.k_stride_token = k_st; pb.k_stride_head = k_sh;
                pb.v_stride_page = v_sp; pb.v_stride_token = v_st; pb.v_stride_head = v_sh;
                pb.page_size = (int32_t)ps; pb.num_pages = (int32_t)np;
                pb.page_table = use_pt ? pt : NULL; pb.page_table_stride = pts;
                pb.seq_lens = sl; pb.max_seq_len = (int32_t)msl;
                pb.scale = scale; pb.softcap = softcap; pb.causal = causal != 0; pb.window_left = wl;
                ref = (double *)malloc(sizeof(double) * (size_t)R * (size_t)H * (size_t)D);
                rlse = (double *)malloc(sizeof(double) * (size_t)R * (size_t)H);
                /* (out of memory for the reference: the compare is skipped, not failed) */
                const int ref_ok = ref && rlse && pa__reference_attention(&pb, ref, rlse) == 0;
                escore = 2.0 * ((double)D + 8) * 6e-8 * S + (softcap > 0 ? 1e-6 * softcap : 0);
                tol32 = vmax * (1e-4 + 4 * escore) + 1e-30;
                u = dt == PA_DTYPE_F32 ? 0 : dt == PA_DTYPE_BF16 ? 1.0 / 256 : 1.0 / 2048;
                if (ref_ok && S < 1e30 && isfinite(vmax))
                    for (t = 0; t < R; t++)
                        for (h = 0; h < H; h++) {
                            const double wl_ = rlse[t * H + h];
                            i128 off = (i128)(t + t_lo) * o_st + (i128)h * o_sh;
                            for (d = 0; d < D; d++) {
                                double got = pa__load(dt, to.mem, (int64_t)tb_idx(&to, off + d));
                                double want = ref[(t * H + h) * D + d];
                                double lim = tol32 + u * (fabs(want) + tol32) + (dt == PA_DTYPE_F16 ? 6e-8 : 0);
                                if (isinf(wl_) && wl_ < 0) {
                                    if (got != 0) FAIL("row %lld head %lld sees no key but out[%lld] = %g", (long long)(t + t_lo), (long long)h, (long long)d, got);
                                } else if (!(fabs(got - want) <= lim))
                                    FAIL("out row %lld head %lld d %lld = %.9g, reference %.9g (|err| %.3g > tol %.3g; max|v| %g, S %g)",
                                         (long long)(t + t_lo), (long long)h, (long long)d, got, want, fabs(got - want), lim, vmax, S);
                            }
                            if (with_lse && !(null_mask & 0x20)) {
                                double got = ((const float *)tl.mem)[(size_t)(t * H + h)];
                                if (isinf(wl_) && wl_ < 0) {
                                    if (!(isinf(got) && got < 0)) FAIL("row %lld head %lld sees no key but lse = %g", (long long)(t + t_lo), (long long)h, got);
                                } else if (!(fabs(got - wl_) <= 2e-4 * (1 + fabs(wl_)) + 2 * escore))
                                    FAIL("lse row %lld head %lld = %.9g, reference %.9g", (long long)(t + t_lo), (long long)h, got, wl_);
                            }
                        }
                free(ref); free(rlse); free(cu_shift);
            }

            /* -- threads: the same bits ----------------------------------------------------- */
            {
                to2 = to; to2.mem = (unsigned char *)malloc(to.n * to.es + 1); to2.snap = NULL;
                if (to.n) memcpy(to2.mem, to.snap, to.n * to.es);
                to2.base = (char *)to2.mem + ((char *)to.base - (char *)to.mem);
                tl2 = tl; tl2.snap = NULL; tl2.mem = NULL;
                if (with_lse) {
                    tl2.mem = (unsigned char *)malloc(tl.n * 4 + 1);
                    if (tl.n) memcpy(tl2.mem, tl.snap, tl.n * 4);
                    tl2.base = (char *)tl2.mem + ((char *)tl.base - (char *)tl.mem);
                }
                tw2.mem = (unsigned char *)malloc(ws ? ws : 1);
                if (ws) memset(tw2.mem, 0x00, ws);
                out2 = out;
                out2.data = to2.base;
                out2.lse = with_lse && !(null_mask & 0x20) ? (float *)tl2.base : NULL;
                pa_context_set_num_threads(ctxN, nthreads);
                st2 = pa_attention(ctxN, &q, &kv, &p, &out2, tw2.mem, ws);
                if (st2 != PA_OK) FAIL("%d threads: %s \"%s\" where 1 thread succeeded", nthreads, pa_status_string(st2), pa_context_last_error(ctxN));
                if (to.n && memcmp(to2.mem, to.mem, to.n * to.es))
                    FAIL("out differs between 1 and %d threads", nthreads);
                if (with_lse && tl.n && memcmp(tl2.mem, tl.mem, tl.n * 4))
                    FAIL("lse differs between 1 and %d threads", nthreads);
                free(to2.mem); free(tl2.mem); free(tw2.mem);
                if (!tb_same(&tq) || !tb_same(&tk) || !tb_same(&tv))
                    FAIL("pa_attention (%d threads) wrote its inputs q / k / v", nthreads);
            }
        }
skip:
        free(omark);
        tb_free(&tq); tb_free(&to); tb_free(&tk); tb_free(&tv); tb_free(&tl); tb_free(&tw);
    }
    free(qlen); free(cu64); free(cu); free(sl); free(pt);
#undef BAD
}

/* ---- pa_kv_append ------------------------------------------------------------------------- */

static void run_append(rd *r)
{
    unsigned sel = u8(r) % 16;
    int64_t dt = sel < 14 ? (int64_t)(sel % 3) : sel == 14 ? 3 : -1;
    int64_t hk = PICK(r, 1, 8, 0, -1, 64, INT32_MAX, 1, 2);
    int64_t D, ps, np, n, k_sp, k_st, k_sh, v_sp, v_st, v_sh, n_st, n_sh;
    int null_mask, expv = VALID, t;
    const char *why = "";
    size_t es;
    tbuf tk, tv, tkn, tvn;
    int64_t *slots = NULL;
    pa_kv_cache kv;
    pa_status st;
    {
        static const int64_t Ds[] = { 1, 2, 3, 4, 7, 8, 9, 16, 17, 32, 63, 64, 65, 128, 256, 512 };
        sel = u8(r);
        D = sel < 240 ? Ds[sel % 16] : (int64_t[]){ 0, -1, 513, INT32_MAX, INT32_MIN }[sel % 5];
    }
    ps = PICK(r, 1, 20, 0, -1, INT32_MAX, 1 << 16, 1, 3, 16, 17);
    np = PICK(r, 1, 12, 0, -1, INT32_MAX, 1 << 20, 1, 2, 3);
    n = PICK(r, 0, 12, -1, INT32_MIN, 300, 1 << 20, INT32_MAX, 0, 1);
    null_mask = u8(r);
    null_mask = null_mask >= 0xe0 ? 1 << (null_mask % 6) : 0;
    rng_state = (uint64_t)u8(r) | (uint64_t)u8(r) << 8;
    snprintf(g_desc, sizeof g_desc, "APPEND dtype %lld kv heads %lld head_dim %lld page_size %lld num_pages %lld "
             "num_tokens %lld null %#x", (long long)dt, (long long)hk, (long long)D, (long long)ps,
             (long long)np, (long long)n, null_mask);
#define BAD(cond, w) do { if (expv == VALID && (cond)) { expv = INVALID; why = (w); } } while (0)
    if (null_mask & 0x01) { expv = INVALID; why = "kv NULL"; }
    BAD(!valid_dt(dt), "dtype");
    BAD(hk < 1, "kv heads");
    BAD(D < 1 || D > 512, "head_dim");
    BAD(ps < 1, "page_size");
    BAD(np < 1, "num_pages");
    BAD(n < 0, "num_tokens");
    es = valid_dt(dt) ? pa__dtype_size((pa_dtype)dt) : 2;
    {
        const int64_t Dc = D > 0 ? D : 1, hkc = hk > 0 ? hk : 1;
        i128 a3[3] = { 0, 0, 0 }, b3[3] = { np - 1, ps - 1, hkc - 1 }, a2[2] = { 0, 0 }, b2[2] = { n - 1, hkc - 1 };
        int64_t s3[3], s2[2], nk[3] = { np, ps, hk }, nn[2] = { n, hk };
        pick_kv_strides(r, ps, hkc, Dc, &k_sp, &k_st, &k_sh, "k");
        if (u8(r) & 1) pick_kv_strides(r, ps, hkc, Dc, &v_sp, &v_st, &v_sh, "v");
        else { v_sp = k_sp; v_st = k_st; v_sh = k_sh; }
        pick_q_strides(r, n > 0 ? n : 1, hkc, Dc, &n_st, &n_sh, "new");
        s3[0] = k_sp; s3[1] = k_st; s3[2] = k_sh; span_of(&tk, 3, a3, b3, s3, Dc, es);
        s3[0] = v_sp; s3[1] = v_st; s3[2] = v_sh; span_of(&tv, 3, a3, b3, s3, Dc, es);
        s2[0] = n_st; s2[1] = n_sh;
        span_of(&tkn, 2, a2, b2, s2, Dc, es);
        span_of(&tvn, 2, a2, b2, s2, Dc, es);
        if (expv != INVALID && n > 0) {
            int lib_ok;
            if (null_mask & 0x3e) { expv = INVALID; why = "NULL pointer"; }
            BAD(!doc_span_ok(&tk) || !doc_span_ok(&tv), "cache span");
            BAD(!doc_span_ok(&tkn), "new span");
            s3[0] = k_sp; s3[1] = k_st; s3[2] = k_sh;
            lib_ok = lib_span_ok(3, nk, s3, D, es);
            s3[0] = v_sp; s3[1] = v_st; s3[2] = v_sh;
            lib_ok = lib_ok && lib_span_ok(3, nk, s3, D, es) && lib_span_ok(2, nn, s2, D, es);
            if (!lib_ok && expv == VALID) expv = GREY;
        }
    }
    if (n > 4096 && expv != INVALID) return;
    if (expv != INVALID && n > 0) {   /* slot mapping */
        const int64_t lim = np * ps;
        slots = (int64_t *)malloc((size_t)n * sizeof(int64_t));
        for (t = 0; t < n; t++) {
            unsigned m = u8(r) % 32;
            slots[t] = m < 20 ? (int64_t)(rnd() % (uint64_t)lim) : m < 24 && t > 0 ? slots[t - 1] :
                       m < 27 ? -1 : m == 27 ? INT64_MIN : m == 28 ? lim - 1 : m == 29 ? lim :
                       m == 30 ? INT64_MAX : lim + (int64_t)(rnd() % 1000);
            if (slots[t] >= lim) { if (expv == VALID || expv == GREY) { expv = INVALID; why = "slot"; } }
        }
        desc_add(" slots {");
        for (t = 0; t < n && t < 16; t++) desc_add("%s%lld", t ? "," : "", (long long)slots[t]);
        desc_add("%s}", n > 16 ? ",..." : "");
    } else if (n > 0) {
        int64_t m = n <= 4096 ? n : 8;
        slots = (int64_t *)malloc((size_t)m * sizeof(int64_t));
        for (t = 0; t < m; t++) slots[t] = INT64_MAX;   /* past the end */
    }
    g_total = 0;
    if (tb_alloc(&tk, expv == INVALID) || tb_alloc(&tv, expv == INVALID) || tb_alloc(&tkn, expv == INVALID) ||
        tb_alloc(&tvn, expv == INVALID))
        goto out;
    if (expv != INVALID && (tk.huge || tv.huge || tkn.huge || tvn.huge)) goto out;
    /* the cache's slots must be distinct elements (documented, not checked) */
    if (expv != INVALID && n > 0 && !tk.huge) {
        if (!slots_distinct(&tk, np, ps, hk, D, k_sp, k_st, k_sh) ||
            !slots_distinct(&tv, np, ps, hk, D, v_sp, v_st, v_sh))
            goto out;
    }
    desc_add(" => expect %s%s%s", expv == VALID ? "VALID" : expv == GREY ? "GREY" : "INVALID",
             expv == INVALID ? ": " : "", why);
    if (verbose) fprintf(stderr, "%s\n", g_desc);
    {
        size_t i;
        for (i = 0; i < tk.n * tk.es; i++) tk.mem[i] = (unsigned char)rnd();
        for (i = 0; i < tv.n * tv.es; i++) tv.mem[i] = (unsigned char)rnd();
        for (i = 0; i < tkn.n * tkn.es; i++) tkn.mem[i] = (unsigned char)rnd();
        for (i = 0; i < tvn.n * tvn.es; i++) tvn.mem[i] = (unsigned char)rnd();
    }
    tb_snap(&tk); tb_snap(&tv); tb_snap(&tkn); tb_snap(&tvn);
    memset(&kv, 0, sizeof kv);
    kv.dtype = (pa_dtype)dt; kv.num_kv_heads = clamp32(hk); kv.head_dim = clamp32(D); kv.page_size = clamp32(ps);
    kv.num_pages = clamp32(np); kv.k = tk.base; kv.v = tv.base;
    kv.k_stride_page = k_sp; kv.k_stride_token = k_st; kv.k_stride_head = k_sh;
    kv.v_stride_page = v_sp; kv.v_stride_token = v_st; kv.v_stride_head = v_sh;
    /* fields kv_append does not read: garbage (a bad pointer would fault) */
    kv.page_table = (const int32_t *)(uintptr_t)16; kv.seq_lens = (const int32_t *)(uintptr_t)32;
    kv.page_table_stride = -5; kv.max_seq_len = -7;
    if (null_mask & 0x02) kv.k = NULL;
    if (null_mask & 0x04) kv.v = NULL;
    st = pa_kv_append(ctx1, (null_mask & 0x01) ? NULL : &kv,
                      (null_mask & 0x08) ? NULL : tkn.base, (null_mask & 0x10) ? NULL : tvn.base,
                      n_st, n_sh, (null_mask & 0x20) ? NULL : slots, clamp32(n));
    if (verbose) fprintf(stderr, "  -> %s \"%s\"\n", pa_status_string(st), pa_context_last_error(ctx1));
    if (!tb_same(&tkn) || !tb_same(&tvn)) FAIL("pa_kv_append wrote k_new / v_new");
    if (st != PA_OK) {
        if (expv == VALID) FAIL("a valid kv_append failed: %s \"%s\"", pa_status_string(st), pa_context_last_error(ctx1));
        if (st != PA_ERR_INVALID_ARG) FAIL("kv_append gave %s", pa_status_string(st));
        check_msg(ctx1, "pa_kv_append", st);
        if (!tb_same(&tk) || !tb_same(&tv)) FAIL("a failed kv_append (%s \"%s\") wrote the cache", pa_status_string(st), pa_context_last_error(ctx1));
        goto out;
    }
    if (expv == INVALID) FAIL("an invalid kv_append (%s) returned PA_OK", why);
    if (pa_context_last_error(ctx1)[0]) FAIL("kv_append PA_OK with a message");
    if (n > 0) {   /* the expected cache: the snapshot with every token's rows, in token order */
        int64_t h;
        for (t = 0; t < n; t++) {
            int64_t s = slots[t], pg, pos;
            if (s < 0) continue;
            pg = s / ps; pos = s % ps;
            for (h = 0; h < hk; h++) {
                i128 src = (i128)t * n_st + (i128)h * n_sh;
                memcpy(tk.snap + tb_idx(&tk, (i128)pg * k_sp + (i128)pos * k_st + (i128)h * k_sh) * es,
                       tkn.snap + tb_idx(&tkn, src) * es, (size_t)D * es);
                memcpy(tv.snap + tb_idx(&tv, (i128)pg * v_sp + (i128)pos * v_st + (i128)h * v_sh) * es,
                       tvn.snap + tb_idx(&tvn, src) * es, (size_t)D * es);
            }
        }
    }
    if (!tb_same(&tk)) FAIL("kv_append: k cache differs from the expected one");
    if (!tb_same(&tv)) FAIL("kv_append: v cache differs from the expected one");
out:
#undef BAD
    free(slots);
    tb_free(&tk); tb_free(&tv); tb_free(&tkn); tb_free(&tvn);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    if (pa_context_create(&ctx1, PA_BACKEND_CPU, 0) != PA_OK) abort();
    if (pa_context_create(&ctxN, PA_BACKEND_CPU, 0) != PA_OK) abort();
    pa_context_set_num_threads(ctx1, 1);
    pa_context_set_num_threads(ctxN, 3);
    ctxN->cpu_thread_flops = 0;   /* every thread, however small the call */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rd r = { data, size, 0 };
    if (verbose < 0) {
        verbose = getenv("FUZZ_VERBOSE") != NULL;
    }
    g_desc[0] = 0;
    if (size < 2) return 0;
    {
        struct timespec t0, t1;
        static int slow = -1;
        if (slow < 0) slow = getenv("FUZZ_SLOW") ? atoi(getenv("FUZZ_SLOW")) : 0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (u8(&r) % 8 == 7) run_append(&r);
        else run_attention(&r);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (slow && (t1.tv_sec - t0.tv_sec) * 1000.0 + (t1.tv_nsec - t0.tv_nsec) / 1e6 > slow)
            fprintf(stderr, "SLOW %.1f ms: %s\n", (t1.tv_sec - t0.tv_sec) * 1000.0 + (t1.tv_nsec - t0.tv_nsec) / 1e6, g_desc);
    }
    return 0;
}
