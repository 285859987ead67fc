/*
 * One decode step against the public API alone (the README's example, filled in and checked):
 * append this step's keys and values to a paged cache, then attend with one query row per
 * sequence, and compare with a naive computation in double. Build:
 *   cc -Iinclude examples/decode_step.c -Lbuild -lpagedattn -Wl,-rpath,$PWD/build -lm
 */
#include <pagedattn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* 2 sequences, 4 query heads over 2 KV heads, head_dim 64, pages of 16 tokens. */
enum { B = 2, H = 4, HK = 2, D = 64, PAGE = 16, PAGES = 8, MAXP = 4 };

static float k[PAGES][PAGE][HK][D], v[PAGES][PAGE][HK][D];  /* the cache: NHD layout */
static float q[B][H][D], out[B][H][D], k_new[B][HK][D], v_new[B][HK][D];

static float rnd(void)
{
    static unsigned s = 12345u;
    s = s * 1664525u + 1013904223u;
    return (float)(s >> 8) / 8388608.0f - 1.0f;
}

int main(void)
{
    int32_t page_table[B][MAXP] = { { 5, 2, -1, -1 }, { 7, 0, 3, -1 } };
    int32_t seq_lens[B] = { 20, 40 };                  /* keys after this step's append */
    int64_t slots[B] = { 2 * PAGE + 3, 3 * PAGE + 7 }; /* token 19 of seq 0, token 39 of seq 1 */
    float *all[4] = { &k[0][0][0][0], &v[0][0][0][0], &k_new[0][0][0], &v_new[0][0][0] };
    size_t sizes[4] = { sizeof k / 4, sizeof v / 4, sizeof k_new / 4, sizeof v_new / 4 }, i;
    int b, h, j, d;
    double worst = 0;

    for (i = 0; i < 4; i++) for (size_t e = 0; e < sizes[i]; e++) all[i][e] = rnd();
    for (b = 0; b < B; b++) for (h = 0; h < H; h++) for (d = 0; d < D; d++) q[b][h][d] = rnd();

    pa_context *ctx;
    if (pa_context_create(&ctx, PA_BACKEND_CPU, 0) != PA_OK) return 1;
    pa_kv_cache kv = {
        .dtype = PA_DTYPE_F32, .num_kv_heads = HK, .head_dim = D, .page_size = PAGE,
        .num_pages = PAGES, .k = k, .v = v,
        .k_stride_page = PAGE * HK * D, .k_stride_token = HK * D, .k_stride_head = D,
        .v_stride_page = PAGE * HK * D, .v_stride_token = HK * D, .v_stride_head = D,
        .page_table = &page_table[0][0], .page_table_stride = MAXP,
        .seq_lens = seq_lens, .max_seq_len = MAXP * PAGE,
    };
    pa_status s = pa_kv_append(ctx, &kv, k_new, v_new, HK * D, D, slots, B);
    pa_query qq = { PA_DTYPE_F32, B, H, D, q, H * D, D, NULL, 1 };
    pa_output o = { out, H * D, D, NULL };
    pa_attn_params p;
    pa_attn_params_init(&p, D);
    size_t ws = 0;
    void *wsp = NULL;
    if (s == PA_OK) s = pa_workspace_size(ctx, &qq, &kv, &p, &ws);   /* 0 here: short sequences */
    if (s == PA_OK && ws > 0 && !(wsp = malloc(ws))) s = PA_ERR_OUT_OF_MEMORY;
    if (s == PA_OK) s = pa_attention(ctx, &qq, &kv, &p, &o, wsp, ws);
    free(wsp);
    if (s != PA_OK) {
        fprintf(stderr, "%s: %s\n", pa_status_string(s), pa_context_last_error(ctx));
        pa_context_destroy(ctx);
        return 1;
    }
    pa_context_destroy(ctx);

    /* naive check: the appended rows must be where the slots say, and attention must match */
    for (b = 0; b < B; b++) {
        int pg = (int)(slots[b] / PAGE), off = (int)(slots[b] % PAGE);
        for (h = 0; h < HK; h++) for (d = 0; d < D; d++)
            if (k[pg][off][h][d] != k_new[b][h][d] || v[pg][off][h][d] != v_new[b][h][d]) {
                fprintf(stderr, "decode_step: kv_append put token %d in the wrong place\n", b);
                return 1;
            }
        for (h = 0; h < H; h++) {
            int kh = h / (H / HK);
            double sc[MAXP * PAGE], m = -INFINITY, l = 0, acc[D] = { 0 };
            for (j = 0; j < seq_lens[b]; j++) {
                const float *kr = k[page_table[b][j / PAGE]][j % PAGE][kh];
                double x = 0;
                for (d = 0; d < D; d++) x += (double)q[b][h][d] * kr[d];
                sc[j] = x / sqrt((double)D);
                if (sc[j] > m) m = sc[j];
            }
            for (j = 0; j < seq_lens[b]; j++) {
                const float *vr = v[page_table[b][j / PAGE]][j % PAGE][kh];
                double w = exp(sc[j] - m);
                l += w;
                for (d = 0; d < D; d++) acc[d] += w * vr[d];
            }
            for (d = 0; d < D; d++) {
                double e = fabs(acc[d] / l - out[b][h][d]);
                if (!(e <= worst)) worst = e;
            }
        }
    }
    printf("decode_step: out[0][0][0..3] = %.5f %.5f %.5f %.5f, max abs error %.2e\n",
           out[0][0][0], out[0][0][1], out[0][0][2], out[0][0][3], worst);
    return worst < 1e-5 ? 0 : 1;
}
