/*
 * Device memory for the tests and pa-bench, through the CUDA runtime C API. Without
 * PA_HAVE_CUDA every call fails (returns -1) and dev_count() is 0.
 */
#include "harness.h"

#ifdef PA_HAVE_CUDA
#include <cuda_runtime_api.h>

int dev_count(void)
{
    int n = 0;
    if (cudaGetDeviceCount(&n) != cudaSuccess) {
        (void)cudaGetLastError();
        return 0;
    }
    return n;
}

int dev_alloc(void **p, size_t bytes)
{
    *p = NULL;
    if (cudaMalloc(p, bytes ? bytes : 1) != cudaSuccess) {
        (void)cudaGetLastError();
        *p = NULL;
        return -1;
    }
    return 0;
}

void dev_free(void *p)
{
    if (p) cudaFree(p);
}

int to_dev(void *dst, const void *src, size_t bytes)
{
    if (!bytes) return 0;
    return cudaMemcpy(dst, src, bytes, cudaMemcpyHostToDevice) == cudaSuccess ? 0 : -1;
}

int to_host(void *dst, const void *src, size_t bytes)
{
    if (!bytes) return 0;
    return cudaMemcpy(dst, src, bytes, cudaMemcpyDeviceToHost) == cudaSuccess ? 0 : -1;
}

int dev_sync(void)
{
    cudaError_t e = cudaDeviceSynchronize();
    if (e != cudaSuccess) {
        fprintf(stderr, "cudaDeviceSynchronize: %s\n", cudaGetErrorString(e));
        return -1;
    }
    return 0;
}

int dev_stream_create(void **stream)
{
    cudaStream_t s = NULL;
    *stream = NULL;
    if (cudaStreamCreate(&s) != cudaSuccess) {
        (void)cudaGetLastError();
        return -1;
    }
    *stream = (void *)s;
    return 0;
}

void dev_stream_destroy(void *stream)
{
    if (stream) cudaStreamDestroy((cudaStream_t)stream);
}

int dev_stream_sync(void *stream)
{
    cudaError_t e = cudaStreamSynchronize((cudaStream_t)stream);
    if (e != cudaSuccess) {
        fprintf(stderr, "cudaStreamSynchronize: %s\n", cudaGetErrorString(e));
        return -1;
    }
    return 0;
}

#else

int  dev_count(void) { return 0; }
int  dev_alloc(void **p, size_t bytes) { (void)bytes; *p = NULL; return -1; }
void dev_free(void *p) { (void)p; }
int  to_dev(void *dst, const void *src, size_t bytes) { (void)dst; (void)src; (void)bytes; return -1; }
int  to_host(void *dst, const void *src, size_t bytes) { (void)dst; (void)src; (void)bytes; return -1; }
int  dev_sync(void) { return -1; }
int  dev_stream_create(void **stream) { *stream = NULL; return -1; }
void dev_stream_destroy(void *stream) { (void)stream; }
int  dev_stream_sync(void *stream) { (void)stream; return -1; }

#endif
