#!/bin/bash
# FlashInfer 0.5.3's fa3 (FlashAttention 3) d128 ragged prefill kernels, compiled here for their SASS
# (no GPU, no torch): renders its JIT templates with its fa3 defaults and builds the non-causal and
# causal instances with nvcc for sm_90a. Needs .carry/fi.tar.xz (bench/fetch_others.sh FI=only).
# Output: /tmp/fa3/r0.o (non-causal), r1.o (causal); cuobjdump -sass them.
set -e
W=/tmp/fa3; mkdir -p $W /tmp/fi
[ -d /tmp/fi/fi ] || tar xJf .carry/fi.tar.xz -C /tmp/fi
F=/tmp/fi/fi/flashinfer/data
python3 - <<'PYEOF'
import jinja2
D = '/tmp/fi/fi/flashinfer/data/csrc/'
tn = ["maybe_prefix_len_ptr", "maybe_token_pos_in_items_ptr", "maybe_max_item_len_ptr"]
td = ["uint32_t", "uint16_t", "uint16_t"]
sn = ["logits_soft_cap", "sm_scale", "token_pos_in_items_len"]
sd = ["double", "double", "int64_t"]
decl = "".join(f"{t}* {v};\n" for t, v in zip(td, tn)) + "".join(f"{t} {v};\n" for t, v in zip(sd, sn))
kw = dict(variant_decl="#include<flashinfer/attention/hopper/variants.cuh>", variant_name="DefaultAttention<false>",
          dtype_q="nv_bfloat16", dtype_kv="nv_bfloat16", dtype_o="nv_bfloat16", idtype="int32_t",
          head_dim_qk=128, head_dim_vo=128, pos_encoding_mode="PosEncodingMode::kNone",
          use_sliding_window="false", use_logits_soft_cap="false", use_fp16_qk_reduction="false",
          additional_params_decl=decl, additional_func_params="", additional_params_setter="")
open('/tmp/fa3/batch_prefill_sm90_config.inc', 'w').write(
    jinja2.Template(open(D + 'batch_prefill_sm90_customize_config.jinja').read()).render(**kw))
t = jinja2.Template(open(D + 'batch_prefill_ragged_sm90_kernel_inst.jinja').read())
for m, lit in ((0, "MaskMode::kNone"), (1, "MaskMode::kCausal")):
    open(f'/tmp/fa3/ragged_mask_{m}.cu', 'w').write(t.render(mask_mode=lit, **kw))
PYEOF
for m in 0 1; do
  nvcc -std=c++17 -gencode=arch=compute_90a,code=sm_90a -DFLASHINFER_ENABLE_FP8_E8M0 -DFLASHINFER_ENABLE_FP4_E2M1 \
    --expt-relaxed-constexpr -static-global-template-stub=false -Xptxas -v -I$W -isystem $F/include -isystem $F/csrc \
    -isystem $F/cutlass/include -isystem $F/cutlass/tools/util/include -isystem $F/spdlog/include \
    -isystem /usr/local/cuda/include/cccl -c $W/ragged_mask_$m.cu -o $W/r$m.o 2> $W/r$m.log &
done
wait
grep -h "Compiling entry\|spill\|Used" $W/r0.log $W/r1.log | sed 's/.*AttentionKernelTraits/Traits/' | cut -c1-160
