/*
 * CUDA runtime glue: device facts read once per context, and the host copies that validation
 * mode needs. No kernels here. Every runtime error becomes PA_ERR_CUDA with the runtime's text.
 */
#include "internal.h"
#include <cuda_runtime.h>

#define PA_CUDA_CHECK(ctx, call)                                                         \
    do {                                                                                 \
        cudaError_t e_ = (call);                                                         \
        if (e_ != cudaSuccess) {                                                         \
            (void)cudaGetLastError(); /* clear a non-sticky error */                     \
            return pa__fail((ctx), PA_ERR_CUDA, "%s: %s", #call, cudaGetErrorString(e_)); \
        }                                                                                \
    } while (0)

extern "C" pa_status pa__cuda_context_init(pa_context *ctx)
{
    int n = 0, prev = 0;
    cudaError_t e = cudaGetDeviceCount(&n);
    if (e != cudaSuccess || n == 0) {
        (void)cudaGetLastError();
        return pa__fail(ctx, PA_ERR_UNSUPPORTED, "no CUDA device is available (%s)",
                        e != cudaSuccess ? cudaGetErrorString(e) : "device count is 0");
    }
    if (ctx->device < 0 || ctx->device >= n)
        return pa__fail(ctx, PA_ERR_INVALID_ARG, "device = %d is outside [0, %d)", ctx->device, n);
    PA_CUDA_CHECK(ctx, cudaGetDevice(&prev));
    cudaDeviceProp p;
    PA_CUDA_CHECK(ctx, cudaGetDeviceProperties(&p, ctx->device));
    ctx->cc_major = p.major;
    ctx->cc_minor = p.minor;
    ctx->num_sms = p.multiProcessorCount;
    ctx->smem_optin = p.sharedMemPerBlockOptin;
    {   /* peak DRAM bandwidth: two transfers a memory clock over the bus (the sm90 copy regime's estimate) */
        int khz = 0, bits = 0;
        if (cudaDeviceGetAttribute(&khz, cudaDevAttrMemoryClockRate, ctx->device) != cudaSuccess ||
            cudaDeviceGetAttribute(&bits, cudaDevAttrGlobalMemoryBusWidth, ctx->device) != cudaSuccess) {
            (void)cudaGetLastError();
            khz = bits = 0;
        }
        ctx->mem_bw = 2.0 * khz * 1e3 * (bits / 8);
    }
    if (p.major < 8)
        return pa__fail(ctx, PA_ERR_UNSUPPORTED,
                        "device %d (%s) has compute capability %d.%d; pagedattn needs 8.0 or newer",
                        ctx->device, p.name, p.major, p.minor);
    return PA_OK;
}

/* Validation mode only: a synchronous copy on the context's stream. */
extern "C" pa_status pa__cuda_copy_to_host(pa_context *ctx, void *dst, const void *src, size_t bytes)
{
    if (bytes == 0) return PA_OK;
    cudaStream_t s = (cudaStream_t)ctx->stream;
    PA_CUDA_CHECK(ctx, cudaMemcpyAsync(dst, src, bytes, cudaMemcpyDeviceToHost, s));
    PA_CUDA_CHECK(ctx, cudaStreamSynchronize(s));
    return PA_OK;
}

/* Makes the context's device current for the duration of a call and gives the caller's device
 * back afterwards (a host-side switch only: nothing is synchronized, graph capture is unaffected).
 * No call at all when the device is already current, the common single-GPU case. */
extern "C" pa_status pa__cuda_device_enter(pa_context *ctx, int *prev)
{
    *prev = ctx->device;
    PA_CUDA_CHECK(ctx, cudaGetDevice(prev));
    if (*prev != ctx->device) PA_CUDA_CHECK(ctx, cudaSetDevice(ctx->device));
    return PA_OK;
}

extern "C" void pa__cuda_device_leave(pa_context *ctx, int prev)
{
    if (prev != ctx->device) (void)cudaSetDevice(prev);
}
