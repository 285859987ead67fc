/*
 * Contexts used from several threads at once, as a serving engine does (one context per worker
 * thread or stream). Each case is first run alone and checked against the double reference
 * (th_run_case); then NT threads, each with its own context (CPU: its own worker threads; CUDA:
 * its own stream), run all the cases at once in different orders and must reproduce the lone
 * runs' output and lse bit for bit. Each thread also makes bad calls on its own context: its
 * error must name the field, and no other context's last error may change. The CPU suite always
 * runs; the CUDA suite where a GPU is present (bf16 / f16 cases that reach the decode, Hopper and
 * copy paths). make test runs the CPU suite again under ThreadSanitizer where the toolchain has
 * one (build/tsan). A failure prints its seed (PA_TEST_SEED).
 */
#include "harness.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { NT = 4, NCASE = 12 };

typedef struct suite {
    pa_backend backend;
    const char *name;
    th_case cases[NCASE];
    int skip[NCASE];    /* CUDA: a case no kernel of this device runs (PA_ERR_UNSUPPORTED) */
    void *want_o[NCASE];
    float *want_lse[NCASE];
    size_t o_bytes[NCASE], lse_bytes[NCASE];
} suite;

typedef struct worker {
    suite *su;
    int id, passed, failed;
    int cold;           /* the first calls of the process, all at once: only their status */
    pa_context *ctx;
    void *stream;       /* CUDA: this thread's stream */
    char last[256];     /* this context's last error when the thread finished */
} worker;

static pa_context *make_ctx(const suite *su, void **stream, int workers)
{
    pa_context *ctx = NULL;
    *stream = NULL;
    if (pa_context_create(&ctx, su->backend, 0) != PA_OK) {
        printf("%s: cannot create a context: %s\n", su->name, ctx ? pa_context_last_error(ctx) : "");
        pa_context_destroy(ctx);
        return NULL;
    }
    if (su->backend == PA_BACKEND_CPU) {
        pa_context_set_num_threads(ctx, workers);
        ctx->cpu_thread_flops = 0;   /* every worker, however small the case: the pools must run */
    }
    else if (dev_stream_create(stream) != 0 || pa_context_set_stream(ctx, *stream) != PA_OK) {
        printf("%s: cannot give the context a stream\n", su->name);
        dev_stream_destroy(*stream);
        pa_context_destroy(ctx);
        return NULL;
    }
    return ctx;
}

/* Case i on ctx; the lone run (w NULL) keeps its bits, a thread's run compares with them. */
static int run_once(suite *su, pa_context *ctx, void *stream, int i, const worker *w)
{
    const int on_dev = su->backend == PA_BACKEND_CUDA, id = w ? w->id : -1;
    th_inst in;
    size_t ws = 0;
    void *wsp = NULL;
    int ok = 0;
    pa_status s;
    if (th_inst_build(&in, &su->cases[i], on_dev) != 0 || th_inst_poison(&in) != 0) {
        printf("%s thread %d case %d: cannot build the case\n", su->name, id, i);
        th_inst_free(&in);
        return 0;
    }
    s = pa_workspace_size(ctx, &in.query, &in.kv, &in.params, &ws);
    if (s == PA_OK && ws > 0 && (on_dev ? dev_alloc(&wsp, ws) : (wsp = malloc(ws)) == NULL)) {
        printf("%s thread %d case %d: no workspace of %zu bytes\n", su->name, id, i, ws);
        th_inst_free(&in);
        return 0;
    }
    if (s == PA_OK) s = pa_attention(ctx, &in.query, &in.kv, &in.params, &in.out, wsp, ws);
    if (s == PA_OK && on_dev && (dev_stream_sync(stream) != 0 || th_inst_fetch(&in) != 0)) s = PA_ERR_CUDA;
    if (s == PA_ERR_UNSUPPORTED && on_dev && w && w->cold) {
        ok = 1;   /* the cold calls only test that first calls do not race; the lone runs tell */
    } else if (s != PA_OK) {
        printf("%s thread %d case %d: %s: %s\n", su->name, id, i, pa_status_string(s), pa_context_last_error(ctx));
    } else if (w && w->cold) {
        ok = 1;
    } else if (!w) {
        su->o_bytes[i] = in.o_bytes;
        su->lse_bytes[i] = in.lse_bytes;
        su->want_o[i] = malloc(in.o_bytes ? in.o_bytes : 1);
        su->want_lse[i] = malloc(in.lse_bytes ? in.lse_bytes : 1);
        if (su->want_o[i] && su->want_lse[i]) {
            memcpy(su->want_o[i], in.o, in.o_bytes);
            if (in.lse_bytes) memcpy(su->want_lse[i], in.lse, in.lse_bytes);
            ok = 1;
        }
    } else if (in.o_bytes != su->o_bytes[i] || memcmp(in.o, su->want_o[i], in.o_bytes) != 0 ||
               in.lse_bytes != su->lse_bytes[i] ||
               (in.lse_bytes && memcmp(in.lse, su->want_lse[i], in.lse_bytes) != 0)) {
        char desc[512];
        th_case_str(&su->cases[i], desc, sizeof desc);
        printf("%s thread %d case %d: output differs from the lone run (%s)\n", su->name, id, i, desc);
    } else {
        ok = 1;
    }
    if (on_dev) dev_free(wsp);
    else free(wsp);
    th_inst_free(&in);
    return ok;
}

/* A call that must fail with PA_ERR_INVALID_ARG naming `field`; page_size < 0 when bad_page. */
static int bad_call(worker *w, int i, int bad_page, const char *field)
{
    th_inst in;
    int ok = 0;
    if (th_inst_build(&in, &w->su->cases[i], w->su->backend == PA_BACKEND_CUDA) != 0) {
        th_inst_free(&in);
        return 0;
    }
    pa_query q = in.query;
    pa_kv_cache kv = in.kv;
    if (bad_page) kv.page_size = -w->id - 1;
    else q.head_dim = 0;
    pa_status s = pa_attention(w->ctx, &q, &kv, &in.params, &in.out, NULL, 0);
    ok = s == PA_ERR_INVALID_ARG && strstr(pa_context_last_error(w->ctx), field) != NULL;
    if (!ok)
        printf("%s thread %d: a bad %s gave %s: %s\n", w->su->name, w->id, field, pa_status_string(s),
               pa_context_last_error(w->ctx));
    th_inst_free(&in);
    return ok;
}

static void *cold_work(void *arg)
{
    worker *w = arg;
    if (run_once(w->su, w->ctx, w->stream, w->id % NCASE, w)) w->passed++;
    else w->failed++;
    return NULL;
}

static size_t small_stack_bytes(void)
{
    long least = sysconf(_SC_THREAD_STACK_MIN);
    return least > 64 * 1024 ? (size_t)least : 64 * 1024;
}

static void *small_stack_work(void *arg)
{
    worker *w = arg;
    int i;
    for (i = 0; i < NCASE; i++)
        if (run_once(w->su, w->ctx, w->stream, i, w)) w->passed++;
        else w->failed++;
    return NULL;
}

static void *work(void *arg)
{
    worker *w = arg;
    int r, k;
    for (r = 0; r < 2; r++)
        for (k = 0; k < NCASE; k++) {
            /* thread t walks the cases from offset 3t, odd threads backwards */
            int i = (w->id & 1) ? (NCASE - 1 - (k + 3 * w->id) % NCASE) : (k + 3 * w->id) % NCASE;
            if (w->su->skip[i]) continue;
            if (run_once(w->su, w->ctx, w->stream, i, w)) w->passed++;
            else w->failed++;
            if (k == NCASE / 2) {   /* a bad call on this context only */
                if (bad_call(w, i, 0, "head_dim")) w->passed++;
                else w->failed++;
            }
        }
    /* even threads end on a bad call, odd ones on a good one */
    if (w->id % 2 == 0) (void)bad_call(w, 0, 1, "page_size");
    snprintf(w->last, sizeof w->last, "%s", pa_context_last_error(w->ctx));
    return NULL;
}

static void run_suite(suite *su, const th_limits *lim, uint64_t base, int *passed, int *failed)
{
    pthread_t th[NT];
    worker w[NT];
    void *solo_stream;
    pa_context *solo = make_ctx(su, &solo_stream, 1);
    int i, r, t, started[NT];

    if (!solo) { (*failed)++; return; }
    for (i = 0; i < NCASE; i++) {
        th_case_random(&su->cases[i], th_case_seed(base, i), lim);
        su->cases[i].decode = i % 3 == 0;
        if (su->cases[i].decode) su->cases[i].max_q = 1;
        if (i % 2) { su->cases[i].max_keys = lim->max_keys / 4 + lim->max_keys / 16 * i; su->cases[i].full_len = 1; }
        th_case_fit(&su->cases[i], lim->max_work);
    }
    /* the process's first calls (for the CPU suite) from NT threads at once: the library's
     * one-time setup (the kernel table) must not race */
    for (t = 0; t < NT; t++) {
        memset(&w[t], 0, sizeof w[t]);
        w[t].su = su;
        w[t].id = t;
        w[t].cold = 1;
        w[t].ctx = make_ctx(su, &w[t].stream, 1);
        started[t] = w[t].ctx && pthread_create(&th[t], NULL, cold_work, &w[t]) == 0;
    }
    for (t = 0; t < NT; t++) {
        if (started[t]) pthread_join(th[t], NULL);
        else (*failed)++;
        *passed += w[t].passed;
        *failed += w[t].failed;
        pa_context_destroy(w[t].ctx);
        dev_stream_destroy(w[t].stream);
    }
    for (i = 0; i < NCASE; i++) {
        char tag[128];
        snprintf(tag, sizeof tag, "[test_threads %s lone case %d] (PA_TEST_SEED=%llu)", su->name, i,
                 (unsigned long long)base);
        r = th_run_case(solo, &su->cases[i], tag);   /* against the reference */
        if (r == TH_SKIP && su->backend == PA_BACKEND_CUDA) {
            su->skip[i] = 1;   /* (the CPU backend runs every case: a skip fails there) */
            printf("%s case %d: not supported on this device, left out\n", su->name, i);
            continue;
        }
        if (r == TH_PASS) (*passed)++;
        else (*failed)++;
        if (run_once(su, solo, solo_stream, i, NULL)) (*passed)++;
        else (*failed)++;
    }
    pa_context_destroy(solo);
    dev_stream_destroy(solo_stream);

    for (t = 0; t < NT; t++) {
        memset(&w[t], 0, sizeof w[t]);
        w[t].su = su;
        w[t].id = t;
        w[t].ctx = make_ctx(su, &w[t].stream, 2);
        started[t] = w[t].ctx && pthread_create(&th[t], NULL, work, &w[t]) == 0;
        if (!started[t]) printf("%s: thread %d not started\n", su->name, t);
    }
    for (t = 0; t < NT; t++) {
        char want[32];
        int ok;
        if (!started[t]) { (*failed)++; pa_context_destroy(w[t].ctx); dev_stream_destroy(w[t].stream); continue; }
        pthread_join(th[t], NULL);
        *passed += w[t].passed;
        *failed += w[t].failed;
        /* each context kept its own last error: page_size -t-1 on even threads, none on odd */
        snprintf(want, sizeof want, "page_size = %d", -t - 1);
        ok = t % 2 == 0 ? strstr(w[t].last, want) != NULL && strcmp(w[t].last, pa_context_last_error(w[t].ctx)) == 0
                        : w[t].last[0] == 0 && pa_context_last_error(w[t].ctx)[0] == 0;
        if (ok) (*passed)++;
        else {
            (*failed)++;
            printf("%s: context %d's last error: \"%s\" (wanted %s)\n", su->name, t, w[t].last,
                   t % 2 == 0 ? want : "none");
        }
        pa_context_destroy(w[t].ctx);
        dev_stream_destroy(w[t].stream);
    }
    if (su->backend == PA_BACKEND_CPU) {
        /* a caller on a small stack (64 KiB, half musl's default for threads, or the platform's
         * least where that is more: 128 KiB on aarch64 glibc): the header promises that the
         * calling thread's scratch is the context's, not on its stack */
        pthread_attr_t attr;
        worker sw;
        memset(&sw, 0, sizeof sw);
        sw.su = su;
        sw.id = NT;
        sw.ctx = make_ctx(su, &sw.stream, 2);
        if (sw.ctx && pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, small_stack_bytes()) == 0 &&
            pthread_create(&th[0], &attr, small_stack_work, &sw) == 0) {
            pthread_join(th[0], NULL);
            *passed += sw.passed;
            *failed += sw.failed;
            pthread_attr_destroy(&attr);
        } else {
            printf("%s: the small-stack thread did not start\n", su->name);
            (*failed)++;
        }
        pa_context_destroy(sw.ctx);
    }
    for (i = 0; i < NCASE; i++) { free(su->want_o[i]); free(su->want_lse[i]); }
}

int main(void)
{
    const uint64_t base = th_env_seed();
    static suite cpu = { .backend = PA_BACKEND_CPU, .name = "cpu" }, cuda = { .backend = PA_BACKEND_CUDA, .name = "cuda" };
    static const pa_dtype cpu_dtypes[] = { PA_DTYPE_F32, PA_DTYPE_BF16 };
    static const pa_dtype gpu_dtypes[] = { PA_DTYPE_BF16, PA_DTYPE_F16 };
    static const int cpu_dims[] = { 32, 64, 128 }, gpu_dims[] = { 64, 128, 256 };
    static const int pages[] = { 1, 3, 8, 16, 17, 100 };
    th_limits lim;
    int passed = 0, failed = 0;

    memset(&lim, 0, sizeof lim);
    lim.dtypes = cpu_dtypes; lim.n_dtypes = 2;
    lim.head_dims = cpu_dims; lim.n_head_dims = 3;
    lim.page_sizes = pages; lim.n_page_sizes = 6;
    lim.max_batch = 3; lim.max_heads = 4; lim.max_group = 4;
    lim.max_q = 64; lim.max_keys = 1600;
    lim.max_work = 2e7;
    run_suite(&cpu, &lim, base, &passed, &failed);

    if (dev_count() > 0) {
        lim.dtypes = gpu_dtypes;
        lim.head_dims = gpu_dims;
        lim.max_batch = 4; lim.max_heads = 16; lim.max_group = 8;
        lim.max_q = 512; lim.max_keys = 4096;
        lim.max_work = 6e7;
        run_suite(&cuda, &lim, base + 1, &passed, &failed);
    } else {
        printf("no CUDA device: the CUDA suite is not run\n");
    }
    return th_finish(passed, failed);
}
