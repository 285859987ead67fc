/*
 * The CPU backend's worker threads, kept by their context from one call to the next: starting
 * threads for every call cost about 16 us a thread on the development VM (a decode step runs a
 * call per layer), waking kept ones costs a futex wake.
 *
 * A job is fn(arg, mem) run at once by the caller and by `participants` kept threads; fn takes its
 * work from a shared counter, so who runs how much does not change the results. The caller's
 * share gets the scratch the pool allocated when it was created (mem), so a caller needs little
 * stack; the kept threads get 2 MiB stacks and keep their scratch there (mem NULL). Threads start
 * on the first call that wants them (one that fails to start is simply not used), wait on a
 * condition variable between jobs, and are joined by pa__pool_destroy. A context serves one
 * thread at a time, so one job at a time reaches a pool. A process forked from one whose pool
 * had threads has none of them: the pool notices by the process id and starts over.
 */
#include "internal.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define POOL_MAX 256   /* threads besides the caller */

typedef struct worker_arg {
    pa__pool     *pool;
    int           index;
    unsigned long start_gen;   /* the job generation when it was started: it joins later ones */
} worker_arg;

struct pa__pool {
    pthread_mutex_t mu;
    pthread_cond_t  wake, done;
    unsigned long   gen;            /* incremented by every job */
    int             participants;   /* threads 0 .. participants-1 take part in the current job */
    int             busy;           /* of those, still running it */
    int             stop;
    int             n;              /* threads started */
    pid_t           pid;            /* the process that started them */
    int             broken;         /* re-initializing after a fork failed: no threads */
    void          (*fn)(void *, void *);
    void           *arg;
    void           *caller_mem;     /* the caller's scratch (kept over a fork's reset) */
    pthread_t       th[POOL_MAX];
    worker_arg      args[POOL_MAX];
};

static void *pool_thread(void *p_)
{
    worker_arg *wa = (worker_arg *)p_;
    pa__pool *p = wa->pool;
    unsigned long seen = wa->start_gen;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->gen == seen) pthread_cond_wait(&p->wake, &p->mu);
        if (p->stop) break;
        seen = p->gen;
        if (wa->index < p->participants) {
            void (*fn)(void *, void *) = p->fn;
            void *arg = p->arg;
            pthread_mutex_unlock(&p->mu);
            fn(arg, NULL);
            pthread_mutex_lock(&p->mu);
            if (--p->busy == 0) pthread_cond_signal(&p->done);
        }
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static int pool_init(pa__pool *p)
{
    if (pthread_mutex_init(&p->mu, NULL) != 0) return -1;
    if (pthread_cond_init(&p->wake, NULL) != 0) {
        pthread_mutex_destroy(&p->mu);
        return -1;
    }
    if (pthread_cond_init(&p->done, NULL) != 0) {
        pthread_cond_destroy(&p->wake);
        pthread_mutex_destroy(&p->mu);
        return -1;
    }
    return 0;
}

/* In a forked child the threads are gone (and a worker may have held the mutex at the fork):
 * forget them and start from a fresh state. 0 when the pool is usable. */
static int pool_after_fork(pa__pool *p)
{
    if (p->broken) return -1;
    void *mem = p->caller_mem;
    if (p->n == 0 || p->pid == getpid()) return 0;
    memset(p, 0, sizeof *p);
    p->caller_mem = mem;
    if (pool_init(p) == 0) return 0;
    p->broken = 1;   /* the calls run on their caller alone from then on */
    return -1;
}

pa__pool *pa__pool_create(size_t caller_bytes)
{
    pa__pool *p = (pa__pool *)calloc(1, sizeof *p);
    if (!p) return NULL;
    size_t bytes = caller_bytes ? (caller_bytes + 63) / 64 * 64 : 64;   /* a multiple of the alignment */
    p->caller_mem = aligned_alloc(64, bytes);
    if (!p->caller_mem || pool_init(p) != 0) {
        free(p->caller_mem);
        free(p);
        return NULL;
    }
    return p;
}

void pa__pool_destroy(pa__pool *p)
{
    int i;
    if (!p) return;
    if (p->broken || (p->n > 0 && p->pid != getpid())) {   /* forked: no threads to join, no state to trust */
        free(p->caller_mem);
        free(p);
        return;
    }
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->mu);
    for (i = 0; i < p->n; i++) pthread_join(p->th[i], NULL);
    pthread_cond_destroy(&p->done);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->mu);
    free(p->caller_mem);
    free(p);
}

void pa__pool_run(pa__pool *p, int n, void (*fn)(void *, void *), void *arg)
{
    int want = n - 1;
    if (!p) {
        fn(arg, NULL);
        return;
    }
    if (want <= 0 || pool_after_fork(p) != 0) {
        fn(arg, p->caller_mem);
        return;
    }
    if (want > POOL_MAX) want = POOL_MAX;
    pthread_mutex_lock(&p->mu);
    if (p->n == 0) p->pid = getpid();
    if (p->n < want) {   /* start the missing threads; they wait for the next generation */
        /* 2 MiB stacks: a worker's scratch is about 275 KiB of its stack, more than some C
         * libraries' default thread stack leaves free (musl: 128 KiB), and ThreadSanitizer's
         * runtime takes ~768 KiB of a thread's stack before its function runs (1 MiB overflowed
         * there once the scratch grew past ~250 KiB); no thread starts without that size set */
        pthread_attr_t attr;
        if (pthread_attr_init(&attr) == 0) {
            if (pthread_attr_setstacksize(&attr, (size_t)2 << 20) == 0)
                while (p->n < want) {
                    worker_arg *wa = &p->args[p->n];
                    wa->pool = p;
                    wa->index = p->n;
                    wa->start_gen = p->gen;
                    if (pthread_create(&p->th[p->n], &attr, pool_thread, wa) != 0) break;
                    p->n++;
                }
            pthread_attr_destroy(&attr);
        }
    }
    p->participants = want < p->n ? want : p->n;
    p->busy = p->participants;
    p->fn = fn;
    p->arg = arg;
    p->gen++;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->mu);

    fn(arg, p->caller_mem);

    pthread_mutex_lock(&p->mu);
    while (p->busy > 0) pthread_cond_wait(&p->done, &p->mu);
    pthread_mutex_unlock(&p->mu);
}
