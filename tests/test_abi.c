/*
 * The binary interface of pagedattn 0.x, frozen: the layout of every public struct and the
 * values of every public enum, as a program built against include/pagedattn.h alone sees them.
 * A change here breaks every binding that mirrors the header (python/pagedattn/_lib.py, a Rust
 * or Go FFI block, a C++ engine built against an older header), so a failure means: either put
 * the field back where it was, or bump PA_VERSION_MAJOR and update the tables below and the
 * bindings in the same commit.
 *
 * The offsets are those of LP64 targets (Linux and macOS on x86-64 and arm64); on other data
 * models only the enums and the version are checked.
 *
 *   build/test_abi            the checks; ends with "N passed, N failed"
 *   build/test_abi --layout   prints "struct.field offset size" and "struct sizeof N" lines,
 *                             which python/tests/test_abi.py compares with its ctypes mirror
 */
#include "pagedattn.h"
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct field {
    const char *name;
    size_t offset, size;            /* as compiled */
    size_t want_offset, want_size;  /* frozen (LP64) */
} field;

#define FIELD(type, member, off, sz) \
    { #type "." #member, offsetof(type, member), sizeof(((type *)0)->member), off, sz }

static const field fields[] = {
    FIELD(pa_query, dtype, 0, 4),
    FIELD(pa_query, batch, 4, 4),
    FIELD(pa_query, num_heads, 8, 4),
    FIELD(pa_query, head_dim, 12, 4),
    FIELD(pa_query, data, 16, 8),
    FIELD(pa_query, stride_token, 24, 8),
    FIELD(pa_query, stride_head, 32, 8),
    FIELD(pa_query, cu_seqlens, 40, 8),
    FIELD(pa_query, max_seqlen, 48, 4),

    FIELD(pa_kv_cache, dtype, 0, 4),
    FIELD(pa_kv_cache, num_kv_heads, 4, 4),
    FIELD(pa_kv_cache, head_dim, 8, 4),
    FIELD(pa_kv_cache, page_size, 12, 4),
    FIELD(pa_kv_cache, num_pages, 16, 4),
    FIELD(pa_kv_cache, k, 24, 8),
    FIELD(pa_kv_cache, v, 32, 8),
    FIELD(pa_kv_cache, k_stride_page, 40, 8),
    FIELD(pa_kv_cache, k_stride_token, 48, 8),
    FIELD(pa_kv_cache, k_stride_head, 56, 8),
    FIELD(pa_kv_cache, v_stride_page, 64, 8),
    FIELD(pa_kv_cache, v_stride_token, 72, 8),
    FIELD(pa_kv_cache, v_stride_head, 80, 8),
    FIELD(pa_kv_cache, page_table, 88, 8),
    FIELD(pa_kv_cache, page_table_stride, 96, 8),
    FIELD(pa_kv_cache, seq_lens, 104, 8),
    FIELD(pa_kv_cache, max_seq_len, 112, 4),

    FIELD(pa_attn_params, softmax_scale, 0, 4),
    FIELD(pa_attn_params, causal, 4, 4),
    FIELD(pa_attn_params, window_left, 8, 4),
    FIELD(pa_attn_params, softcap, 12, 4),
    FIELD(pa_attn_params, num_splits, 16, 4),

    FIELD(pa_output, data, 0, 8),
    FIELD(pa_output, stride_token, 8, 8),
    FIELD(pa_output, stride_head, 16, 8),
    FIELD(pa_output, lse, 24, 8),
};

typedef struct whole {
    const char *name;
    size_t size, want_size;
} whole;

static const whole structs[] = {
    { "pa_query", sizeof(pa_query), 56 },
    { "pa_kv_cache", sizeof(pa_kv_cache), 120 },
    { "pa_attn_params", sizeof(pa_attn_params), 20 },
    { "pa_output", sizeof(pa_output), 32 },
};

typedef struct constant {
    const char *name;
    long value, want;
} constant;

#define CONST(c, v) { #c, (long)(c), v }

static const constant constants[] = {
    CONST(PA_OK, 0),
    CONST(PA_ERR_INVALID_ARG, 1),
    CONST(PA_ERR_UNSUPPORTED, 2),
    CONST(PA_ERR_WORKSPACE_TOO_SMALL, 3),
    CONST(PA_ERR_OUT_OF_MEMORY, 4),
    CONST(PA_ERR_CUDA, 5),
    CONST(PA_BACKEND_CPU, 0),
    CONST(PA_BACKEND_CUDA, 1),
    CONST(PA_DTYPE_F32, 0),
    CONST(PA_DTYPE_F16, 1),
    CONST(PA_DTYPE_BF16, 2),
    CONST(sizeof(pa_status), 4),
    CONST(sizeof(pa_backend), 4),
    CONST(sizeof(pa_dtype), 4),
    CONST(PA_VERSION_MAJOR, 0),
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    int lp64 = sizeof(void *) == 8 && sizeof(long) == 8;
    size_t i;

    if (argc > 1 && strcmp(argv[1], "--layout") == 0) {
        for (i = 0; i < COUNT(fields); i++)
            printf("%s %zu %zu\n", fields[i].name, fields[i].offset, fields[i].size);
        for (i = 0; i < COUNT(structs); i++)
            printf("%s sizeof %zu\n", structs[i].name, structs[i].size);
        return 0;
    }

    for (i = 0; i < COUNT(constants); i++) {
        if (constants[i].value == constants[i].want) passed++;
        else {
            failed++;
            printf("FAIL %s = %ld, frozen at %ld\n", constants[i].name, constants[i].value,
                   constants[i].want);
        }
    }
    /* the library linked is the one this header describes */
    if (pa_version() == (unsigned)PA_VERSION_NUMBER) passed++;
    else {
        failed++;
        printf("FAIL pa_version() = 0x%06x, header PA_VERSION_NUMBER 0x%06x\n", pa_version(),
               (unsigned)PA_VERSION_NUMBER);
    }

    if (!lp64) {
        printf("not an LP64 target: struct layouts not checked\n");
    } else {
        for (i = 0; i < COUNT(fields); i++) {
            const field *f = &fields[i];
            if (f->offset == f->want_offset && f->size == f->want_size) passed++;
            else {
                failed++;
                printf("FAIL %s at offset %zu size %zu, frozen at offset %zu size %zu\n", f->name,
                       f->offset, f->size, f->want_offset, f->want_size);
            }
        }
        for (i = 0; i < COUNT(structs); i++) {
            if (structs[i].size == structs[i].want_size) passed++;
            else {
                failed++;
                printf("FAIL sizeof(%s) = %zu, frozen at %zu\n", structs[i].name, structs[i].size,
                       structs[i].want_size);
            }
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
