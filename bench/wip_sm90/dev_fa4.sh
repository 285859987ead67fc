#!/bin/bash
# flash-attn-4 (FlashAttention's CuTe-DSL kernel) on the device machine, whose wheels are larger
# than one call's carry limit (64 MiB): its 227 MB of libraries as .carry/fa4_libs.tar.xz (61 MiB,
# xz -9) in one call, the rest (.carry/fa4_rest.tar.xz: flash-attn-4, nvidia-cutlass-dsl base and
# core, quack-kernels, cuda-bindings, tvm-ffi, ...) in the next, both unpacked into /tmp/fa4site,
# which lives as long as the machine stays warm (30 s between calls).
#   STAGE=1: unpack the libraries, then build and profile (ncu, NCU_DIMS) while we are there.
#   STAGE=2: unpack the rest, then compare.py: d128 anchors, flash-attn-4 rows, pa-bench.
#   STAGE=3: FlashInfer on top of stages 1-2: not run; superseded by bench/wip_sm90/dev_fi.sh (FlashInfer alone).
# bench/fetch_others.sh builds the three tarballs (they are not in git: .carry/ is ignored).
export PYTHONUNBUFFERED=1
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
S=/tmp/fa4site; mkdir -p $S
if [ "${STAGE:-1}" = 1 ]; then
  ( mkdir -p /tmp/fa4x && tar xJf .carry/fa4_libs.tar.xz -C /tmp/fa4x && cp -a /tmp/fa4x/libs/. $S/ && rm -rf /tmp/fa4x
    echo "libs unpacked rc=$? $(du -sh $S | cut -f1) $(( $(date +%s) - t0 ))s" ) &
  if [ -n "$FINAL" ]; then   # the final side-by-side call (bench/device_final.sh) while we are there
    bash bench/device_final.sh; wait; exit 0
  fi
  wait
  timeout 240 make -j16 all > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
  for d in ${NCU_DIMS:-64 128 256}; do
    timeout 150 ncu --set full --page raw -k regex:sm90_prefill -c 1 build/pa-bench --prefill-only --dims $d \
      --causal 0 --pages 128 --iters 1 --no-check > /tmp/ncu_raw_d$d.txt 2>&1
    echo "ncu d$d rc=$? $(( $(date +%s) - t0 ))s"
    grep -E "gpu__time_duration.sum|sm__pipe_(tensor|fma|alu|fmaheavy|fp16|shared|xu)[a-z_]*cycles_active.avg.pct_of_peak_sustained_active|sm__inst_executed_pipe_(xu|alu|fma|fmaheavy|fmalite|lsu|uniform|adu|cbu)\.avg\.pct_of_peak_sustained_active|smsp__issue_active.avg.pct|l1tex__data_pipe_lsu_wavefronts_mem_shared.avg.pct|smsp__average_warps_issue_stalled_[a-z_]+_per_issue_active.ratio|sm__warps_active.avg.pct|launch__registers" /tmp/ncu_raw_d$d.txt \
      | awk '{print $1, $(NF)}' > "$O/ncu_d$d.txt"
    cat "$O/ncu_d$d.txt" | awk '$2+0 > 0.05 || /time|pipe|issue_active/' | tr '\n' ';'; echo
  done
else
  if [ "$STAGE" = 3 ]; then   # FlashInfer (bench/fetch_others.sh FI=1), on stages 1-2's site: NOT YET RUN
    who=flashinfer; mkdir -p /tmp/fisite && tar xJf .carry/fi.tar.xz -C /tmp && cp -a /tmp/fi/. /tmp/fisite/ && rm -rf /tmp/fi
    export PYTHONPATH=/tmp/fisite:$S:$S/nvidia_cutlass_dsl/dsl_packages FLASHINFER_CUDA_ARCH_LIST=9.0a MAX_JOBS=16
    python3 -c "import flashinfer; print('flashinfer', flashinfer.__version__)" 2>&1 | tail -3
  else
    who=fa4; tar xJf .carry/fa4_rest.tar.xz -C /tmp && cp -a /tmp/fa4rest/. $S/ && rm -rf /tmp/fa4rest
    ls $S/nvidia_cutlass_dsl/cu13/lib >/dev/null 2>&1 || echo "the libraries of stage 1 are gone (machine released)"
    export PYTHONPATH=$S:$S/nvidia_cutlass_dsl/dsl_packages
    python3 -c "from flash_attn.cute import flash_attn_varlen_func; print('fa4 importable')" 2>&1 | tail -3
  fi
  [ -x build/pa-bench ] || { timeout 240 make -j16 all > "$O/build.log" 2>&1; echo "build rc=$?"; }
  timeout ${COMPARE_S:-420} python3 bench/compare.py --quick --anchor-dims 128 --no-decode-anchors --anchors-after \
    --other-systems $who --other-pages ${OTHER_PAGES:-0,1,16,64,128} --others-budget-s ${OTHERS_S:-240} --out "$O" \
    --pa-args "--dims 128 --pages ${PAGES:-1,16,64,128} --table frag --iters 10 --prefill-only" > "$O/compare.log" 2>&1
  echo "compare rc=$? $(( $(date +%s) - t0 ))s"
  grep -E "$who|first_call" "$O/compare.log" | head -24
  sed -n '/SUMMARY/,$p' "$O/compare.log" | head -40
fi
echo "total $(( $(date +%s) - t0 ))s"
