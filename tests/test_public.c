/*
 * A program written against include/pagedattn.h alone (no internal header): one decode step of
 * two sequences over a fragmented page table, the cache filled with pa_kv_append, checked
 * against a direct computation. It ends with "N passed, N failed" like every test. make test also
 * builds it as C++11 (build/test_public_cxx), as a C++ engine including the header would.
 */
#include "pagedattn.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

enum { HEADS = 4, KV_HEADS = 2, DIM = 16, PAGE = 4, PAGES = 8, BATCH = 2 };

int main(void)
{
    static float k[PAGES][PAGE][KV_HEADS][DIM], v[PAGES][PAGE][KV_HEADS][DIM];
    static float knew[16][KV_HEADS][DIM], vnew[16][KV_HEADS][DIM];
    float q[BATCH][HEADS][DIM], out[BATCH][HEADS][DIM], lse[BATCH][HEADS];
    const int32_t table[BATCH][3] = { { 5, 2, 7 }, { 0, 6, -1 } }, seq_lens[BATCH] = { 10, 6 };
    int64_t slots[16];
    int passed = 0, failed = 0, b, h, d, j, t, n = 0;
    pa_context *ctx = NULL;
    pa_kv_cache kv;
    pa_query qq;
    pa_output o;
    pa_attn_params p;
    size_t ws = 1;

    memset(k, 0, sizeof k);
    memset(v, 0, sizeof v);
    for (b = 0; b < BATCH; b++)          /* token t of sequence b goes to its logical slot t */
        for (t = 0; t < seq_lens[b]; t++, n++) {
            slots[n] = (int64_t)table[b][t / PAGE] * PAGE + t % PAGE;
            for (h = 0; h < KV_HEADS; h++)
                for (d = 0; d < DIM; d++) {
                    knew[n][h][d] = sinf((float)(n * 31 + h * 7 + d));
                    vnew[n][h][d] = cosf((float)(n * 17 + h * 5 + d));
                }
        }
    for (b = 0; b < BATCH; b++)
        for (h = 0; h < HEADS; h++)
            for (d = 0; d < DIM; d++) q[b][h][d] = sinf((float)(b * 13 + h * 3 + d * 11));

    if (pa_context_create(&ctx, PA_BACKEND_CPU, 0) != PA_OK) { printf("context failed\n"); return 1; }
    memset(&kv, 0, sizeof kv);
    kv.dtype = PA_DTYPE_F32; kv.num_kv_heads = KV_HEADS; kv.head_dim = DIM; kv.page_size = PAGE;
    kv.num_pages = PAGES; kv.k = k; kv.v = v;
    kv.k_stride_page = kv.v_stride_page = PAGE * KV_HEADS * DIM;
    kv.k_stride_token = kv.v_stride_token = KV_HEADS * DIM;
    kv.k_stride_head = kv.v_stride_head = DIM;
    if (pa_kv_append(ctx, &kv, knew, vnew, KV_HEADS * DIM, DIM, slots, n) == PA_OK) passed++;
    else { failed++; printf("pa_kv_append: %s\n", pa_context_last_error(ctx)); }
    kv.page_table = &table[0][0]; kv.page_table_stride = 3; kv.seq_lens = seq_lens; kv.max_seq_len = 12;

    qq.dtype = PA_DTYPE_F32; qq.batch = BATCH; qq.num_heads = HEADS; qq.head_dim = DIM; qq.data = q;
    qq.stride_token = HEADS * DIM; qq.stride_head = DIM; qq.cu_seqlens = NULL; qq.max_seqlen = 1;
    o.data = out; o.stride_token = HEADS * DIM; o.stride_head = DIM; o.lse = &lse[0][0];
    pa_attn_params_init(&p, DIM);
    if (pa_workspace_size(ctx, &qq, &kv, &p, &ws) == PA_OK && ws == 0) passed++;
    else { failed++; printf("pa_workspace_size: %zu (%s)\n", ws, pa_context_last_error(ctx)); }
    if (pa_attention(ctx, &qq, &kv, &p, &o, NULL, 0) == PA_OK) passed++;
    else { failed++; printf("pa_attention: %s\n", pa_context_last_error(ctx)); }

    n = 0;
    for (b = 0; b < BATCH; b++) {
        for (h = 0; h < HEADS; h++) {
            int kvh = h / (HEADS / KV_HEADS);
            double s[12], m = -1e300, l = 0, err = 0;
            for (j = 0; j < seq_lens[b]; j++) {
                double dot = 0;
                for (d = 0; d < DIM; d++) dot += (double)q[b][h][d] * knew[n + j][kvh][d];
                s[j] = dot / sqrt((double)DIM);
                if (s[j] > m) m = s[j];
            }
            for (j = 0; j < seq_lens[b]; j++) l += exp(s[j] - m);
            for (d = 0; d < DIM; d++) {
                double acc = 0;
                for (j = 0; j < seq_lens[b]; j++) acc += exp(s[j] - m) / l * vnew[n + j][kvh][d];
                if (fabs(acc - out[b][h][d]) > err || out[b][h][d] != out[b][h][d]) err = fabs(acc - out[b][h][d]);   /* NaN sticks */
            }
            if (err < 1e-5 && fabs(m + log(l) - lse[b][h]) < 1e-5) passed++;   /* (false for NaN) */
            else { failed++; printf("sequence %d head %d: error %g\n", b, h, err); }
        }
        n += seq_lens[b];
    }
    pa_context_destroy(ctx);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
