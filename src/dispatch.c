/*
 * The variant table and the chooser: read this first.
 *
 * Each row is one kernel family. pa__choose walks the rows of the context's backend in order
 * and takes the first whose supports() says yes, so "can it run", "how much workspace" and
 * "what runs" are answered by the same row and cannot disagree. Order = preference: the most
 * specialized kernel first. A forced kernel (tests, benchmarks) skips the others.
 *
 * CUDA kernel families are referenced weakly so a build with only some of them still links;
 * a family whose functions are absent is skipped like one that says no.
 */
#include "internal.h"
#include <pthread.h>
#include <stdio.h>

#ifdef PA_HAVE_CUDA
#  if defined(__GNUC__)
#    pragma weak pa__sm90_supports
#    pragma weak pa__sm90_workspace
#    pragma weak pa__sm90_workspace_min
#    pragma weak pa__sm90_attention
#    pragma weak pa__decode_supports
#    pragma weak pa__decode_workspace
#    pragma weak pa__decode_attention
#    pragma weak pa__sm80_supports
#    pragma weak pa__sm80_workspace
#    pragma weak pa__sm80_attention
#  endif
#endif

#ifdef PA_HAVE_CUDA
#  define PA__NV 4
#else
#  define PA__NV 1
#endif
static pa__variant table[PA__NV] = {
#ifdef PA_HAVE_CUDA
    { "cuda_decode",       PA_BACKEND_CUDA, PA__KERNEL_DECODE,       0, 0, 0, 0 },
    { "cuda_sm90_prefill", PA_BACKEND_CUDA, PA__KERNEL_SM90_PREFILL, 0, 0, 0, 0 },
    { "cuda_sm80_prefill", PA_BACKEND_CUDA, PA__KERNEL_SM80_PREFILL, 0, 0, 0, 0 },
#endif
    { "cpu",               PA_BACKEND_CPU,  PA__KERNEL_CPU,          0, 0, 0, 0 },
};
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* Function addresses of weak symbols are not constant expressions: the table's functions are
 * filled in once, by the first call of any thread (pthread_once; the others wait for it). */
static void fill_table(void)
{
    size_t i = 0;
#ifdef PA_HAVE_CUDA
    table[i].supports = pa__decode_supports; table[i].workspace = pa__decode_workspace;
    table[i].run = pa__decode_attention; i++;
    table[i].supports = pa__sm90_supports; table[i].workspace = pa__sm90_workspace;
    table[i].run = pa__sm90_attention; table[i].min_workspace = pa__sm90_workspace_min; i++;
    table[i].supports = pa__sm80_supports; table[i].workspace = pa__sm80_workspace;
    table[i].run = pa__sm80_attention; i++;
#endif
    table[i].supports = pa__cpu_supports; table[i].workspace = pa__cpu_workspace;
    table[i].run = pa__cpu_attention;
}

static const pa__variant *variants(size_t *n)
{
    (void)pthread_once(&table_once, fill_table);
    *n = PA__NV;
    return table;
}

const pa__variant *pa__choose(pa_context *ctx, const pa__problem *pb)
{
    size_t n, i, used = 0;
    const pa__variant *t = variants(&n);
    char why[PA__ERR_LEN] = "";
    for (i = 0; i < n; i++) {
        const pa__variant *v = &t[i];
        char one[256] = "";
        if (v->backend != ctx->backend || !v->supports || !v->workspace || !v->run) continue;
        if (ctx->force_kernel != PA__KERNEL_AUTO && ctx->force_kernel != v->kernel) continue;
        if (v->supports(ctx, pb, one, sizeof one)) return v;
        if (used < sizeof why - 1) {
            int w = snprintf(why + used, sizeof why - used, "%s%s: %s", used ? "; " : "",
                             v->name, one[0] ? one : "not supported");
            if (w > 0) used += (size_t)w;
        }
    }
    pa__fail(ctx, PA_ERR_UNSUPPORTED, "no kernel for this call (%s)",
             used ? why : "no kernel of this backend is built or the forced one is absent");
    return NULL;
}
