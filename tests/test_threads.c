/*
 * Contexts used from several threads at once, as a serving engine does (one context per worker
 * thread or stream). Each case is first run alone and checked against the double reference
 * (th_run_case); then NT threads, each with its own CPU context and its own worker threads, run
 * all the cases at once in different orders and must reproduce the lone runs' output and lse bit
 * for bit. Each thread also makes bad calls on its own context: its error must name the field,
 * and no other context's last error may change. make test runs it again under ThreadSanitizer
 * where the toolchain has one (build/tsan). A failure prints its seed (PA_TEST_SEED).
 */
#include "harness.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { NT = 4, NCASE = 12 };

static th_case cases[NCASE];
static void *want_o[NCASE];
static float *want_lse[NCASE];
static size_t o_bytes[NCASE], lse_bytes[NCASE];

typedef struct worker {
    int id, passed, failed;
    pa_context *ctx;
    char last[256];     /* this context's last error when the thread finished */
} worker;

static int run_once(pa_context *ctx, int i, worker *w)
{
    th_inst in;
    int ok = 0;
    if (th_inst_build(&in, &cases[i], 0) != 0) {
        printf("thread %d case %d: cannot build the case\n", w ? w->id : -1, i);
        return 0;
    }
    th_inst_poison(&in);
    pa_status s = pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, NULL, 0);
    if (s != PA_OK) {
        printf("thread %d case %d: %s: %s\n", w ? w->id : -1, i, pa_status_string(s), pa_context_last_error(ctx));
    } else if (!w) {   /* the lone run: keep its bits */
        o_bytes[i] = in.o_bytes;
        lse_bytes[i] = in.lse_bytes;
        want_o[i] = malloc(in.o_bytes ? in.o_bytes : 1);
        want_lse[i] = malloc(in.lse_bytes ? in.lse_bytes : 1);
        if (want_o[i] && want_lse[i]) {
            memcpy(want_o[i], in.o, in.o_bytes);
            if (in.lse_bytes) memcpy(want_lse[i], in.lse, in.lse_bytes);
            ok = 1;
        }
    } else if (in.o_bytes != o_bytes[i] || memcmp(in.o, want_o[i], in.o_bytes) != 0 ||
               in.lse_bytes != lse_bytes[i] || (in.lse_bytes && memcmp(in.lse, want_lse[i], in.lse_bytes) != 0)) {
        char desc[512];
        th_case_str(&cases[i], desc, sizeof desc);
        printf("thread %d case %d: output differs from the lone run (%s)\n", w->id, i, desc);
    } else {
        ok = 1;
    }
    th_inst_free(&in);
    return ok;
}

static void *work(void *arg)
{
    worker *w = arg;
    int r, k;
    for (r = 0; r < 2; r++)
        for (k = 0; k < NCASE; k++) {
            /* thread t walks the cases from offset 3t, odd threads backwards */
            int i = (w->id & 1) ? (NCASE - 1 - (k + 3 * w->id) % NCASE) : (k + 3 * w->id) % NCASE;
            if (run_once(w->ctx, i, w)) w->passed++;
            else w->failed++;
            if (k == NCASE / 2) {
                /* a bad call on this context only: head_dim 0 names the field */
                th_inst in;
                if (th_inst_build(&in, &cases[i], 0) == 0) {
                    pa_query q = in.query;
                    q.head_dim = 0;
                    pa_status s = pa_attention(w->ctx, &q, &in.kv, &in.params, &in.out, NULL, 0);
                    if (s == PA_ERR_INVALID_ARG && strstr(pa_context_last_error(w->ctx), "head_dim")) w->passed++;
                    else {
                        w->failed++;
                        printf("thread %d: bad head_dim gave %s: %s\n", w->id, pa_status_string(s),
                               pa_context_last_error(w->ctx));
                    }
                    th_inst_free(&in);
                }
            }
        }
    /* even threads end on a bad call, odd ones on a good one */
    if (w->id % 2 == 0) {
        th_inst in;
        if (th_inst_build(&in, &cases[0], 0) == 0) {
            pa_kv_cache kv = in.kv;
            kv.page_size = -w->id - 1;
            (void)pa_attention(w->ctx, &in.query, &kv, &in.params, &in.out, NULL, 0);
            th_inst_free(&in);
        }
    }
    snprintf(w->last, sizeof w->last, "%s", pa_context_last_error(w->ctx));
    return NULL;
}

int main(void)
{
    const uint64_t base = th_env_seed();
    static const pa_dtype dtypes[] = { PA_DTYPE_F32, PA_DTYPE_BF16 };
    static const int dims[] = { 32, 64, 128 };
    static const int pages[] = { 1, 3, 16, 17, 100 };
    th_limits lim;
    pa_context *solo = NULL;
    pthread_t th[NT];
    worker w[NT];
    int passed = 0, failed = 0, i, t;

    memset(&lim, 0, sizeof lim);
    lim.dtypes = dtypes; lim.n_dtypes = 2;
    lim.head_dims = dims; lim.n_head_dims = 3;
    lim.page_sizes = pages; lim.n_page_sizes = 5;
    lim.max_batch = 3; lim.max_heads = 4; lim.max_group = 4;
    lim.max_q = 64; lim.max_keys = 1500;
    lim.max_work = 2e7;

    if (pa_context_create(&solo, PA_BACKEND_CPU, 0) != PA_OK) {
        printf("cannot create a CPU context\n");
        return th_finish(0, 1);
    }
    pa_context_set_num_threads(solo, 1);
    for (i = 0; i < NCASE; i++) {
        char tag[128];
        th_case_random(&cases[i], th_case_seed(base, i), &lim);
        cases[i].decode = i % 3 == 0;
        if (cases[i].decode) cases[i].max_q = 1;
        if (i % 2) { cases[i].max_keys = 300 + 100 * i; cases[i].full_len = 1; }   /* long enough to overlap */
        th_case_fit(&cases[i], lim.max_work);
        snprintf(tag, sizeof tag, "[test_threads lone case %d] (PA_TEST_SEED=%llu)", i, (unsigned long long)base);
        if (th_run_case(solo, &cases[i], tag) == TH_PASS) passed++;   /* against the reference */
        else failed++;
        if (run_once(solo, i, NULL)) passed++;
        else failed++;
    }
    pa_context_destroy(solo);

    for (t = 0; t < NT; t++) {
        memset(&w[t], 0, sizeof w[t]);
        w[t].id = t;
        if (pa_context_create(&w[t].ctx, PA_BACKEND_CPU, 0) != PA_OK) {
            printf("cannot create context %d\n", t);
            return th_finish(passed, failed + 1);
        }
        pa_context_set_num_threads(w[t].ctx, 2);
    }
    for (t = 0; t < NT; t++)
        if (pthread_create(&th[t], NULL, work, &w[t]) != 0) {
            printf("pthread_create %d failed\n", t);
            w[t].failed++;
            th[t] = 0;
        }
    for (t = 0; t < NT; t++) {
        if (th[t]) pthread_join(th[t], NULL);
        passed += w[t].passed;
        failed += w[t].failed;
        /* each context kept its own last error: page_size -t-1 on even threads, none on odd */
        char want[32];
        snprintf(want, sizeof want, "page_size = %d", -t - 1);
        int ok = t % 2 == 0 ? strstr(w[t].last, want) != NULL && strcmp(w[t].last, pa_context_last_error(w[t].ctx)) == 0
                            : w[t].last[0] == 0 && pa_context_last_error(w[t].ctx)[0] == 0;
        if (ok) passed++;
        else {
            failed++;
            printf("context %d's last error: \"%s\" (wanted %s)\n", t, w[t].last, t % 2 == 0 ? want : "none");
        }
        pa_context_destroy(w[t].ctx);
    }
    for (i = 0; i < NCASE; i++) { free(want_o[i]); free(want_lse[i]); }
    return th_finish(passed, failed);
}
