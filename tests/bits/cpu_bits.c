/*
 * The CPU backend's promise that every build computes the same bits: this program runs a fixed
 * list of pseudo-random cases (inputs from a seeded generator, the same on every build) through
 * pa_attention on the CPU and prints one FNV-1a hash of every output and log-sum-exp bit.
 * tests/bits_check.sh links it against libraries built several ways (SSE2 only, AVX2 + FMA,
 * the scalar lane sums, clang with and without FMA) and compares the hashes. Each case also runs
 * at 1 and 3 threads; a difference there is reported at once.
 * usage: cpu_bits [cases [-v]]   prints "hash <16 hex digits> cases <n>" (-v: a line a case first);
 *        exit 1 on an error
 */
#include <pagedattn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;
static int verbose;   /* -v: a line a case (to find the cases two builds disagree on) */
static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng_state >> 33);
}
static int pick(int n) { return (int)(rnd() % (uint32_t)n); }
static float unif(void) { return (float)(rnd() >> 8) * (1.0f / 8388608.0f) * 2.0f - 1.0f; }

/* the bits of x as dtype t (round to nearest even; inputs are finite) */
static void put(pa_dtype t, void *p, size_t i, float x)
{
    union { float f; uint32_t u; } v;
    v.f = x;
    if (t == PA_DTYPE_F32) { ((float *)p)[i] = x; return; }
    if (t == PA_DTYPE_BF16) {
        ((uint16_t *)p)[i] = (uint16_t)((v.u + 0x7fffu + ((v.u >> 16) & 1u)) >> 16);
        return;
    }
    {   /* f16 from |x| < 2: normal or subnormal by a scaled integer */
        uint32_t sign = (v.u >> 16) & 0x8000u;
        float a = fabsf(x);
        uint16_t h;
        if (a < 6.103515625e-05f) h = (uint16_t)lrintf(a * 16777216.0f);
        else {
            int e;
            float m = frexpf(a, &e);                       /* a = m 2^e, m in [0.5, 1) */
            long q = lrintf(m * 2048.0f);                  /* 11 bits, rounded */
            if (q == 2048) { q = 1024; e++; }
            h = (uint16_t)(((uint32_t)(e + 14) << 10) | (uint32_t)(q - 1024));
        }
        ((uint16_t *)p)[i] = (uint16_t)(sign | h);
    }
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = (const unsigned char *)p;
    size_t i;
    for (i = 0; i < n; i++) h = (h ^ c[i]) * 1099511628211ull;
    return h;
}

/* One case from seed: its outputs at one thread folded into *h; 0, or -1 on a failure. */
static int run_case(pa_context *c1, pa_context *c3, unsigned seed, uint64_t *h)
{
    static const int dims[] = { 1, 3, 8, 17, 32, 64, 80, 128, 256, 512 };
    static const int pages[] = { 1, 3, 16, 17, 100 };
    const pa_dtype dt = (pa_dtype)(seed % 3);
    const size_t es = dt == PA_DTYPE_F32 ? 4 : 2;
    int D, B, Hk, G, H, P, sq, maxk, hnd, decode, b, i, npages, per, rc = 0;
    int32_t *cu, *lens, *table;
    void *q, *k, *v, *o1, *o3, *ws = NULL;
    size_t wsb = 0;
    float *l1, *l3;
    size_t qn, kn;
    pa_query qq;
    pa_kv_cache kv;
    pa_attn_params ap;
    pa_output out;

    rng_state = 0x9e3779b97f4a7c15ull ^ seed;
    D = dims[pick(10)];
    if (D == 512 && pick(2)) D = 256;
    decode = pick(2);
    B = 1 + pick(3);
    Hk = 1 + pick(4);
    G = 1 << pick(3);
    H = Hk * G;
    P = pages[pick(5)];
    hnd = pick(4) == 0;
    sq = decode ? 1 + pick(4) : 1 + pick(D >= 256 ? 40 : 90);
    maxk = sq + pick(decode ? (D <= 128 && pick(3) == 0 ? 3000 : 300) : 120);   /* long: split-KV */
    ap.softmax_scale = 1.0f / sqrtf((float)D);
    ap.causal = pick(2);
    ap.window_left = pick(4) == 0 ? pick(60) : -1;
    ap.softcap = pick(4) == 0 ? 5.0f + (float)pick(40) : 0.0f;
    ap.num_splits = pick(4) == 0 ? 1 + pick(4) : 0;   /* split-KV now and then */

    cu = (int32_t *)malloc(sizeof(int32_t) * (size_t)(B + 1));
    lens = (int32_t *)malloc(sizeof(int32_t) * (size_t)B);
    per = (maxk + P - 1) / P;
    npages = B * per + 3;
    table = (int32_t *)malloc(sizeof(int32_t) * (size_t)(B * per));
    cu[0] = 0;
    for (b = 0; b < B; b++) {
        int n = b == 0 ? sq : 1 + pick(sq);                  /* varlen rows, row 0 the longest */
        cu[b + 1] = cu[b] + n;
        lens[b] = b == 0 ? maxk : pick(maxk + 1);            /* an empty sequence now and then */
    }
    for (i = 0; i < B * per; i++) table[i] = i + 3;          /* then a shuffle: fragmented */
    for (i = B * per - 1; i > 0; i--) { int j = pick(i + 1), t = table[i]; table[i] = table[j]; table[j] = t; }
    qn = (size_t)cu[B] * (size_t)H * (size_t)D;
    kn = (size_t)npages * (size_t)P * (size_t)Hk * (size_t)D;
    q = malloc(qn * es); k = malloc(kn * es); v = malloc(kn * es);
    o1 = malloc(qn * es); o3 = malloc(qn * es);
    l1 = (float *)malloc(sizeof(float) * (size_t)cu[B] * (size_t)H);
    l3 = (float *)malloc(sizeof(float) * (size_t)cu[B] * (size_t)H);
    if (!cu || !lens || !table || !q || !k || !v || !o1 || !o3 || !l1 || !l3) { rc = -1; goto done; }
    for (i = 0; i < (int)qn; i++) put(dt, q, (size_t)i, unif());
    for (i = 0; i < (int)kn; i++) { put(dt, k, (size_t)i, unif()); put(dt, v, (size_t)i, unif()); }

    memset(&qq, 0, sizeof qq);
    qq.dtype = dt; qq.batch = B; qq.num_heads = H; qq.head_dim = D; qq.data = q;
    qq.stride_token = (int64_t)H * D; qq.stride_head = D; qq.cu_seqlens = cu; qq.max_seqlen = sq;
    memset(&kv, 0, sizeof kv);
    kv.dtype = dt; kv.num_kv_heads = Hk; kv.head_dim = D; kv.page_size = P; kv.num_pages = npages;
    kv.k = k; kv.v = v;
    if (hnd) {   /* [page][head][slot][d] */
        kv.k_stride_page = kv.v_stride_page = (int64_t)Hk * P * D;
        kv.k_stride_head = kv.v_stride_head = (int64_t)P * D;
        kv.k_stride_token = kv.v_stride_token = D;
    } else {     /* [page][slot][head][d] */
        kv.k_stride_page = kv.v_stride_page = (int64_t)P * Hk * D;
        kv.k_stride_token = kv.v_stride_token = (int64_t)Hk * D;
        kv.k_stride_head = kv.v_stride_head = D;
    }
    kv.page_table = table; kv.page_table_stride = per; kv.seq_lens = lens; kv.max_seq_len = maxk;
    out.stride_token = (int64_t)H * D; out.stride_head = D;
    out.data = o1; out.lse = l1;
    if (pa_workspace_size(c1, &qq, &kv, &ap, &wsb) != PA_OK || (wsb && !(ws = malloc(wsb)))) {
        printf("case %u: workspace: %s\n", seed, pa_context_last_error(c1));
        rc = -1; goto done;
    }
    if (pa_attention(c1, &qq, &kv, &ap, &out, ws, wsb) != PA_OK) {
        printf("case %u: %s\n", seed, pa_context_last_error(c1));
        rc = -1; goto done;
    }
    out.data = o3; out.lse = l3;
    if (pa_attention(c3, &qq, &kv, &ap, &out, ws, wsb) != PA_OK) {
        printf("case %u: %s\n", seed, pa_context_last_error(c3));
        rc = -1; goto done;
    }
    if (memcmp(o1, o3, qn * es) || memcmp(l1, l3, sizeof(float) * (size_t)cu[B] * (size_t)H)) {
        printf("case %u: 1 and 3 threads differ (D %d, dtype %d, page %d)\n", seed, D, (int)dt, P);
        rc = -1; goto done;
    }
    *h = fnv(*h, o1, qn * es);
    *h = fnv(*h, l1, sizeof(float) * (size_t)cu[B] * (size_t)H);
    if (verbose)
        printf("case %u: D %d dtype %d page %d B %d H %d/%d sq %d sk %d causal %d window %d softcap %g%s: "
               "out %016llx lse %016llx\n", seed, D, (int)dt, P, B, H, Hk, sq, maxk, ap.causal,
               ap.window_left, ap.softcap, hnd ? " HND" : "",
               (unsigned long long)fnv(14695981039346656037ull, o1, qn * es),
               (unsigned long long)fnv(14695981039346656037ull, l1, sizeof(float) * (size_t)cu[B] * (size_t)H));
done:
    free(cu); free(lens); free(table); free(q); free(k); free(v); free(o1); free(o3); free(l1); free(l3);
    free(ws);
    return rc;
}

int main(int argc, char **argv)
{
    const unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : 200;
    verbose = argc > 2 && !strcmp(argv[2], "-v");
    pa_context *c1 = NULL, *c3 = NULL;
    uint64_t h = 14695981039346656037ull;
    unsigned s;
    if (pa_context_create(&c1, PA_BACKEND_CPU, 0) != PA_OK || pa_context_create(&c3, PA_BACKEND_CPU, 0) != PA_OK ||
        pa_context_set_num_threads(c1, 1) != PA_OK || pa_context_set_num_threads(c3, 3) != PA_OK) {
        printf("no CPU context\n");
        return 1;
    }
    for (s = 0; s < n; s++)
        if (run_case(c1, c3, s, &h) != 0) return 1;
    printf("hash %016llx cases %u\n", (unsigned long long)h, n);
    pa_context_destroy(c1);
    pa_context_destroy(c3);
    return 0;
}
