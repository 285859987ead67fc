/*
 * M105's bulk-copy walk on the CPU (src/cuda/kv_copy_plan.h, the functions the copy kernel calls):
 * for random batches (lengths 0..max_seq_len, some sequences without query rows), page sizes
 * (1, 3, 9, 16, 17, 100, 672 and random), rows of 16..4096 bytes, chunks of 16 KB and of a few
 * rows, and 1..40 blocks, the load warp's walk and the store warps' walk list the same chunks in
 * the same order (the ring's n-th chunk is one chunk for both; a mismatch hangs the kernel), every
 * chunk lies inside one page's keys and has 1 .. chunk bytes, a multiple of 16, the blocks
 * together write each 16-byte unit of each waited sequence's keys exactly once and nothing of an
 * unwaited one, and each block counts each waited sequence once (the attention waits for the
 * block count) and no other. Needs no GPU.
 */
#include "harness.h"
#include "cuda/kv_copy_plan.h"
#include <stdlib.h>
#include <string.h>

#define MAXC 200000   /* chunks a block, at most, in these cases */

typedef struct { int32_t b, q, c, bytes; } chunk;

/* the load warp's walk (kv_copy.cu: an empty share moves on at the loop's head) */
static int walk_loads(const pa_kvc_walk *w, chunk *out)
{
    pa_kvc_pos x;
    int n = 0;
    pa_kvc_seq(w, 0, &x);
    while (x.b < w->batch) {
        if (x.q >= x.hi) { pa_kvc_seq(w, x.b + 1, &x); continue; }
        if (n < MAXC) { out[n].b = x.b; out[n].q = x.q; out[n].c = x.c; out[n].bytes = pa_kvc_bytes(w, &x); }
        n++;
        pa_kvc_step(w, &x);
    }
    return n;
}
/* the store warps' walk, with the sequences they count (signals[b]++) */
static int walk_stores(const pa_kvc_walk *w, chunk *out, int *signals)
{
    pa_kvc_pos x;
    int n = 0;
    pa_kvc_seq(w, 0, &x);
    while (x.b < w->batch) {
        const int b = x.b;
        if (x.q < x.hi) {
            if (n < MAXC) { out[n].b = x.b; out[n].q = x.q; out[n].c = x.c; out[n].bytes = pa_kvc_bytes(w, &x); }
            n++;
            pa_kvc_step(w, &x);
        } else {
            pa_kvc_seq(w, x.b + 1, &x);
        }
        if (x.b != b) signals[b]++;
    }
    return n;
}

static int run_case(uint64_t seed)
{
    static chunk ld[MAXC], st[MAXC];
    static const int sizes[] = { 1, 3, 9, 16, 17, 100, 672 };
    uint64_t r = seed;
    pa_kvc_walk w;
    int32_t lens[12], cu[13];
    int waited[12], b, blk, i, ok = 1;
    memset(&w, 0, sizeof w);
    w.batch = th_int(&r, 1, 12);
    w.page_size = th_int(&r, 0, 3) ? sizes[th_int(&r, 0, 6)] : th_int(&r, 1, 300);
    w.max_seq_len = th_int(&r, 1, 3000);
    w.row = 16 * (int64_t)th_int(&r, 1, 256);
    w.chunk = th_int(&r, 0, 1) ? 16384 : 16 * th_int(&r, 1, 64);
    if ((int64_t)w.max_seq_len * w.row * 12 / w.chunk >= MAXC) w.chunk = 16384;   /* (small chunks on small caches: MAXC a block) */
    w.nblk = th_int(&r, 1, 40);
    cu[0] = 0;
    for (b = 0; b < w.batch; b++) {
        const int z = th_int(&r, 0, 7);
        lens[b] = z == 0 ? 0 : z == 1 ? w.max_seq_len : z == 2 ? w.max_seq_len + 5 : th_int(&r, 0, w.max_seq_len);
        cu[b + 1] = cu[b] + (th_int(&r, 0, 5) == 0 ? 0 : th_int(&r, 1, 9));
    }
    w.seq_lens = lens;
    w.cu_q = th_int(&r, 0, 1) ? cu : NULL;
    for (b = 0; b < w.batch; b++) waited[b] = !w.cu_q || cu[b + 1] > cu[b];
    {
        /* coverage: 16-byte units of each sequence's max_seq_len keys */
        const int64_t units_seq = (int64_t)w.max_seq_len * w.row / 16;
        unsigned char *cov = calloc((size_t)(units_seq * w.batch), 1);
        int *sig = calloc((size_t)w.batch * w.nblk, sizeof(int));
        if (!cov || !sig) { free(cov); free(sig); printf("FAIL [test_kv_copy_plan] out of memory\n"); return 0; }
        for (blk = 0; blk < w.nblk && ok; blk++) {
            int nl, ns;
            w.blk = blk;
            nl = walk_loads(&w, ld);
            ns = walk_stores(&w, st, sig + (size_t)blk * w.batch);
            if (nl != ns || nl > MAXC) {
                printf("FAIL [test_kv_copy_plan] seed=%llu block %d: %d chunks loaded, %d stored\n", (unsigned long long)seed, blk, nl, ns);
                ok = 0; break;
            }
            for (i = 0; i < nl && ok; i++) {
                const chunk *c = &ld[i];
                const int len = lens[c->b] < 0 ? 0 : lens[c->b] > w.max_seq_len ? w.max_seq_len : lens[c->b];
                const int64_t rows = (int64_t)len - (int64_t)c->q * w.page_size < w.page_size ? (int64_t)len - (int64_t)c->q * w.page_size : w.page_size;
                const int64_t off = (int64_t)c->c * w.chunk;
                int64_t u;
                if (memcmp(c, &st[i], sizeof *c)) {
                    printf("FAIL [test_kv_copy_plan] seed=%llu block %d chunk %d: loads (%d, %d, %d) stores (%d, %d, %d)\n",
                           (unsigned long long)seed, blk, i, c->b, c->q, c->c, st[i].b, st[i].q, st[i].c);
                    ok = 0; break;
                }
                if (!waited[c->b] || rows <= 0 || c->bytes <= 0 || c->bytes > w.chunk || c->bytes % 16 || off + c->bytes > rows * w.row) {
                    printf("FAIL [test_kv_copy_plan] seed=%llu block %d: chunk (b %d, page %d, chunk %d) of %d bytes, %lld keys in the page, waited %d\n",
                           (unsigned long long)seed, blk, c->b, c->q, c->c, c->bytes, (long long)rows, waited[c->b]);
                    ok = 0; break;
                }
                for (u = ((int64_t)c->q * w.page_size * w.row + off) / 16; u < ((int64_t)c->q * w.page_size * w.row + off + c->bytes) / 16; u++)
                    cov[c->b * units_seq + u]++;
            }
        }
        for (b = 0; b < w.batch && ok; b++) {
            const int len = lens[b] > w.max_seq_len ? w.max_seq_len : lens[b];
            int64_t u;
            for (u = 0; u < units_seq; u++) {
                const int want = waited[b] && u < (int64_t)len * w.row / 16;
                if (cov[b * units_seq + u] != want) {
                    printf("FAIL [test_kv_copy_plan] seed=%llu sequence %d (%d keys, waited %d): byte %lld written %d times\n",
                           (unsigned long long)seed, b, len, waited[b], (long long)u * 16, cov[b * units_seq + u]);
                    ok = 0; break;
                }
            }
            for (blk = 0; blk < w.nblk && ok; blk++)
                if (sig[(size_t)blk * w.batch + b] != waited[b]) {
                    printf("FAIL [test_kv_copy_plan] seed=%llu sequence %d (waited %d): block %d of %d counts it %d times\n",
                           (unsigned long long)seed, b, waited[b], blk, w.nblk, sig[(size_t)blk * w.batch + b]);
                    ok = 0;
                }
        }
        free(cov); free(sig);
    }
    return ok;
}

int main(void)
{
    const uint64_t base = th_env_seed();
    const int cases = th_env_cases(400, 4000);
    int passed = 0, failed = 0, i;
    for (i = 0; i < cases; i++) {
        if (run_case(th_case_seed(base, i))) passed++;
        else failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
