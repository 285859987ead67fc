#!/bin/bash
# FlashInfer's paged prefill on the device machine (no internet): .carry/fi.tar.xz (bench/fetch_others.sh
# FI=only, ~5 MiB) is flashinfer-python 0.5.3, which JIT-compiles its kernels from the sources it ships
# (FA3 backend on sm_90a: one module of 10 .cu files for paged + ragged, all masks; plus the small
# 'page' module), with apache-tvm-ffi, the ninja binary and small pure-python imports. No
# nvidia-cutlass-dsl and no cudnn-frontend: neither is needed by `import flashinfer` nor by the
# prefill wrappers. Uses the machine's venv (torch 2.11+cu130) and nvcc 13.0 in /usr/local/cuda.
#   1. unpack to /tmp/fisite, set PYTHONPATH / PATH / the JIT variables, print the version;
#   2. warm-up (timeout JIT_S, default 360 s): a small ragged and paged plan+run, causal and not, checked
#      against torch SDPA; this JIT-compiles everything compare.py needs (cache in /tmp/fiws);
#   3. bench/compare.py --others-only --other-systems flashinfer at pages OTHER_PAGES (seed shape:
#      bf16 d128 B4 H16 8k), in the time left, so that the script ends within ~540 s.
# Logs: $OUT/fi_warmup.log, $OUT/compare.log, $OUT/compare.json. SAVE_JIT=1 also writes the built
# JIT cache to $OUT/fi_jit.tar.xz (copy it to .carry/ to skip the compile on a later machine: best effort).
#   bash bench/wip_sm90/dev_fi.sh
export PYTHONUNBUFFERED=1
O=${OUT:-/tmp/out}; mkdir -p "$O"
PY=${PY:-python3}
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
S=/tmp/fisite
rm -rf /tmp/fi $S && tar xJf .carry/fi.tar.xz -C /tmp && mv /tmp/fi $S || { echo "unpack failed"; exit 1; }
echo "unpacked $(du -sh $S | cut -f1) to $S: $(cat $S/README.fi) ($(el))"
export PYTHONPATH=$S${PYTHONPATH:+:$PYTHONPATH}
export CUDA_HOME=/usr/local/cuda PATH=$S/bin:/usr/local/cuda/bin:$PATH
export FLASHINFER_WORKSPACE_BASE=/tmp/fiws TVM_FFI_CACHE_DIR=/tmp/fiws/tvm-ffi FLASHINFER_CUDA_ARCH_LIST=9.0a
export MAX_JOBS=${MAX_JOBS:-16}   # ninja -j of FlashInfer's JIT
mkdir -p /tmp/fiws
if [ ! -e $CUDA_HOME/lib64/stubs/libcuda.so ]; then   # the JIT links -lcuda from lib64/stubs
  l=$(ldconfig -p | awk '/libcuda\.so\.1 /{print $NF; exit}'); mkdir -p /tmp/fiws/lib && ln -sf "$l" /tmp/fiws/lib/libcuda.so
  export FLASHINFER_EXTRA_LDFLAGS="-L/tmp/fiws/lib"; echo "no $CUDA_HOME/lib64/stubs/libcuda.so: -lcuda is $l"
fi
if [ -f .carry/fi_jit.tar.xz ]; then tar xJf .carry/fi_jit.tar.xz -C /tmp/fiws && echo "JIT cache unpacked ($(el))"; fi
echo "ninja $(ninja --version); $(nvcc --version | tail -1); $($PY --version)"
timeout 60 $PY -c "import flashinfer; print('flashinfer', flashinfer.__version__)" 2>&1 | grep -v "Failed to initialize NumPy\|_conversion_method_template" | tail -5
echo "import done ($(el))"

jit_s=$(( ${TOTAL_S:-530} - 90 - $(date +%s) + t0 )); [ $jit_s -gt ${JIT_S:-360} ] && jit_s=${JIT_S:-360}
timeout $jit_s $PY - > "$O/fi_warmup.log" 2>&1 <<'EOF'
import time, torch, flashinfer
import torch.nn.functional as F
t = time.time(); dev = "cuda"; bf = torch.bfloat16
torch.manual_seed(0)
B, H, S, d, page = 2, 4, 512, 128, 16
q = torch.randn(B * S, H, d, device=dev, dtype=bf); k = torch.randn_like(q); v = torch.randn_like(q)
ws = torch.empty(128 << 20, dtype=torch.uint8, device=dev)
ar = torch.arange(B + 1, device=dev, dtype=torch.int32)
npg = S // page
perm = torch.randperm(B * npg, device=dev)          # chunk i of the batch lives in page perm[i]
kc = torch.empty(B * npg, page, H, d, device=dev, dtype=bf); vc = torch.empty_like(kc)
kc[perm] = k.view(B * npg, page, H, d); vc[perm] = v.view(B * npg, page, H, d)
last = torch.full((B,), page, device=dev, dtype=torch.int32)
def ref(causal):
    t_ = lambda x: x.view(B, S, H, d).transpose(1, 2)
    return F.scaled_dot_product_attention(t_(q), t_(k), t_(v), is_causal=causal).transpose(1, 2).reshape(B * S, H, d)
bad = 0
for causal in (False, True):
    for kind in ("ragged", "paged"):
        if kind == "ragged":
            w = flashinfer.BatchPrefillWithRaggedKVCacheWrapper(ws, kv_layout="NHD")
            w.plan(ar * S, ar * S, H, H, d, causal=causal, q_data_type=bf, kv_data_type=bf)
            o = w.run(q, k, v)
        else:
            w = flashinfer.BatchPrefillWithPagedKVCacheWrapper(ws, kv_layout="NHD")
            w.plan(ar * S, ar * npg, perm.to(torch.int32), last, H, H, d, page, causal=causal,
                   q_data_type=bf, kv_data_type=bf)
            o = w.run(q, (kc, vc))
        torch.cuda.synchronize()
        err = (o.float() - ref(causal).float()).abs().max().item()
        bad += err > 3e-2
        print(f"{kind} causal={int(causal)} backend={getattr(w, '_backend', '?')} max|err| vs SDPA {err:.2e}"
              f" ({time.time() - t:.0f} s)", flush=True)
print("WARMUP", "OK" if not bad else f"{bad} MISMATCHES", flush=True)
EOF
echo "warm-up (JIT) rc=$? (limit ${jit_s}s; $(el))"; grep -v "NumPy\|_conversion_method" "$O/fi_warmup.log" | tail -12
find /tmp/fiws -name "*.so" -newer $S/README.fi -printf "  built %p %s B\n" 2>/dev/null | sed 's|/tmp/fiws/.cache/flashinfer/||' | cut -c1-150

left=$(( ${TOTAL_S:-530} - $(date +%s) + t0 ))
[ $left -lt 45 ] && left=45
if [ "$NCU" = 2 ]; then   # NCU=2 (prepared in session 21): PC sampling of FlashInfer's fa3 kernel and ours,
  # contiguous d128 non-causal and causal (ncu_vs_fi.py's four calls): per-instruction stall reasons
  tar xJf .carry/bins.tar.xz build/libpagedattn.so || { echo "no .carry/bins.tar.xz"; exit 1; }
  PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so PYTHONPATH=$PWD/python:$PWD/bench:$PYTHONPATH timeout $left \
    ncu --profile-from-start off --section SourceCounters --section WarpStateStats --section SpeedOfLight \
    -k regex:"PrefillWithKVCacheKernel|sm90_prefill_kernel" -o /tmp/fa3prof $PY bench/wip_sm90/ncu_vs_fi.py > "$O/ncu2_run.log" 2>&1
  echo "ncu rc=$? ($(el))"
  ncu -i /tmp/fa3prof.ncu-rep --page source --csv --print-source sass > /tmp/fa3prof_source.csv 2> "$O/ncu2_source.err"
  ncu -i /tmp/fa3prof.ncu-rep --page details > "$O/ncu2_details.txt" 2>&1
  python3 bench/wip_sm90/ncu_stalls.py /tmp/fa3prof_source.csv --top 25 --all > "$O/ncu2_stalls.txt" 2>&1
  xz -T8 -c /tmp/fa3prof_source.csv > "$O/ncu2_source.csv.xz"
  grep -E "Kernel|Duration|Issue Slots Busy|No Eligible|Active Warps" "$O/ncu2_details.txt" | head -40
  head -60 "$O/ncu2_stalls.txt"
  exit 0
fi
if [ -n "$NCU" ]; then   # NCU=1 (session 21): ncu's per-kernel counts, FlashInfer's contiguous d128 against ours
  tar xJf .carry/bins.tar.xz build/libpagedattn.so || { echo "no .carry/bins.tar.xz"; exit 1; }
  M=gpu__time_duration.sum,smsp__inst_executed.sum,launch__grid_size,launch__block_size,launch__registers_per_thread
  M=$M,launch__shared_mem_per_block_dynamic,sm__cycles_elapsed.avg,sm__inst_executed_pipe_tensor_op_hmma.sum
  M=$M,smsp__average_warps_issue_stalled_barrier_per_issue_active.ratio,dram__bytes_read.sum,lts__t_bytes.sum
  PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so PYTHONPATH=$PWD/python:$PWD/bench:$PYTHONPATH timeout $left \
    ncu --profile-from-start off --metrics $M --csv $PY bench/wip_sm90/ncu_vs_fi.py > "$O/ncu_vs_fi.csv" 2> "$O/ncu_vs_fi.err"
  echo "ncu rc=$? ($(el))"
  $PY - "$O/ncu_vs_fi.csv" <<'PYEOF'
import csv, sys
rows = [r for r in csv.reader(l for l in open(sys.argv[1]) if not l.startswith("==")) if len(r) > 5]
hdr = rows[0]; ki, mi, vi, ii = hdr.index("Kernel Name"), hdr.index("Metric Name"), hdr.index("Metric Value"), hdr.index("ID")
last = None
for r in rows[1:]:
    if r[ii] != last:
        last = r[ii]; print("#%s %s" % (r[ii], r[ki][:90]))
    print("    %-70s %s" % (r[mi], r[vi]))
PYEOF
  tail -3 "$O/ncu_vs_fi.err"
  exit 0
fi
if [ -n "$VS" ]; then   # VS=1 (session 21): bench/vs_flashinfer.py, interleaved against ours (build/ from .carry/bins.tar.xz)
  tar xJf .carry/bins.tar.xz build/libpagedattn.so build/pa-bench || { echo "no .carry/bins.tar.xz"; exit 1; }
  # VS_RUNS: argument sets for vs_flashinfer.py separated by '|', run one after the other
  IFS='|' read -ra runs <<< "${VS_RUNS:---pages 0,1,3,4,8,16,32,48,64,100,128,256}"
  for args in "${runs[@]}"; do
    left=$(( ${TOTAL_S:-530} - $(date +%s) + t0 )); [ $left -lt 30 ] && { echo "no time left for: $args"; continue; }
    PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so PYTHONPATH=$PWD/python:$PWD/bench:$PYTHONPATH timeout $left \
      $PY bench/vs_flashinfer.py $args --out "$O" >> "$O/vs_flashinfer.log" 2>&1
    echo "vs_flashinfer $args: rc=$? (limit ${left}s; $(el))"
  done
  grep -v "NumPy\|_conversion_method" "$O/vs_flashinfer.log" | cut -c1-300
  exit 0
fi
timeout $left $PY bench/compare.py --others-only --other-systems flashinfer \
  --other-pages ${OTHER_PAGES:-0,1,16,64,128} --others-budget-s $(( left - 30 )) --out "$O" > "$O/compare.log" 2>&1
echo "compare rc=$? (limit ${left}s; $(el))"
grep -E "flashinfer" "$O/compare.log" | grep -v "^{'gpu'" | cut -c1-260 | head -30
if [ -n "$SAVE_JIT" ]; then
  tar cf - -C /tmp/fiws .cache | xz -6 -T0 > "$O/fi_jit.tar.xz"; echo "JIT cache saved $(du -h "$O/fi_jit.tar.xz" | cut -f1)"
fi
echo "total $(el)"
# ours at the same pages in the same call (binaries carried in .carry/bins.tar.xz), for side-by-side ratios
if [ -f .carry/bins.tar.xz ]; then
  tar xJf .carry/bins.tar.xz && timeout 60 build/pa-bench --prefill-only --dims 128 --causal both --pages ${OUR_PAGES:-1,16,64,128} \
    --table frag --iters 10 > "$O/pa_bench_ours.log" 2>&1
  echo "ours rc=$? ($(el))"; cat "$O/pa_bench_ours.log"
fi
