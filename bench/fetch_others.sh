#!/bin/bash
# Packs flash-attn-4 (and FlashInfer) for the device machine, which has no internet and takes at
# most 64 MiB of carried files per call (bench/wip_sm90/dev_fa4.sh unpacks them):
#   .carry/fa4_libs.tar.xz  nvidia-cutlass-dsl-libs-cu13 installed (227 MB, 61 MiB with xz -9)
#   .carry/fa4_rest.tar.xz  flash-attn-4, nvidia-cutlass-dsl (+ libs-base, libs-core), quack-kernels,
#                           cuda-bindings, cuda-pathfinder, apache-tvm-ffi, torch-c-dlpack-ext, einops
#   .carry/fi.tar.xz        (FI=1, or FI=only for this one alone) flashinfer-python 0.5.3 (JIT from
#                           sources: ~6 MiB) with apache-tvm-ffi, ninja (its binary in bin/) and the
#                           small pure-python modules its `import flashinfer` reaches (packaging,
#                           pynvml, requests & co.); bench/wip_sm90/dev_fi.sh unpacks it to /tmp/fisite.
#                           Left out on purpose: nvidia-cutlass-dsl (227 MB; only flashinfer.cute_dsl,
#                           never imported by `import flashinfer` nor by the prefill wrappers) and
#                           nvidia-cudnn-frontend (imported in try/except; only backend="cudnn").
#                           No stubs. (0.7.4's wheel alone is 101 MB: too big.)
# Python 3.12 / manylinux x86_64 wheels, as the device machine's torch 2.11 venv needs.
set -e
W=${WHEELS:-/tmp/pa_wheels}; C=$(pwd)/.carry
mkdir -p "$W" "$C"
PLAT="--python-version 3.12 --only-binary=:all: --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64
      --platform manylinux_2_24_x86_64 --platform manylinux2014_x86_64 --platform any"
dl() { pip download -q --no-deps $PLAT -d "$W" "$@"; }
inst() { local dst=$1; shift; rm -rf "$dst"; pip install -q --no-deps --target "$dst" $PLAT "$@"; }
T=$(mktemp -d)
if [ "$FI" != only ]; then
dl flash-attn-4==4.0.0b36 nvidia-cutlass-dsl==4.8.1 nvidia-cutlass-dsl-libs-base==4.8.1 \
   nvidia-cutlass-dsl-libs-core==4.8.1 nvidia-cutlass-dsl-libs-cu13==4.8.1 quack-kernels==0.6.5 \
   "cuda-bindings>=13,<14" cuda-pathfinder apache-tvm-ffi==0.1.15.post2 torch-c-dlpack-ext einops
inst "$T/libs" "$W"/nvidia_cutlass_dsl_libs_cu13-4.8.1-*.whl
tar cf - -C "$T" libs | xz -9 -T0 > "$C/fa4_libs.tar.xz"
# one pip call for everything else: a second --target install into the same folder would skip
# the nvidia_cutlass_dsl directory that libs-core adds to
inst "$T/fa4rest" "$W"/flash_attn_4-*.whl "$W"/nvidia_cutlass_dsl-4.8.1-*.whl "$W"/nvidia_cutlass_dsl_libs_base-*.whl \
     "$W"/nvidia_cutlass_dsl_libs_core-*.whl "$W"/quack_kernels-*.whl "$W"/cuda_bindings-*.whl \
     "$W"/cuda_pathfinder-*.whl "$W"/apache_tvm_ffi-*.whl "$W"/torch_c_dlpack_ext-*.whl "$W"/einops-*.whl
tar cf - -C "$T" fa4rest | xz -6 -T0 > "$C/fa4_rest.tar.xz"
fi
if [ -n "$FI" ]; then
  dl flashinfer-python==0.5.3 apache-tvm-ffi==0.1.15.post2 ninja==1.13.2 nvidia-ml-py==13.615.71 packaging==26.4 \
     requests==2.34.2 urllib3==2.8.0 idna==3.20 certifi==2026.10.19.post1 charset-normalizer==3.5.3 \
     tqdm==4.70.1 einops==0.8.2 tabulate==0.10.0 click==8.5.1
  inst "$T/fi" "$W"/flashinfer_python-0.5.3-*.whl "$W"/apache_tvm_ffi-0.1.15.post2-*.whl "$W"/ninja-1.13.2-*.whl \
       "$W"/nvidia_ml_py-13.615.71-*.whl "$W"/packaging-26.4-*.whl "$W"/requests-2.34.2-*.whl "$W"/urllib3-2.8.0-*.whl \
       "$W"/idna-3.20-*.whl "$W"/certifi-2026.10.19.post1-*.whl "$W"/charset_normalizer-3.5.3-*.whl \
       "$W"/tqdm-4.70.1-*.whl "$W"/einops-0.8.2-*.whl "$W"/tabulate-0.10.0-*.whl "$W"/click-8.5.1-*.whl
  # the JIT needs data/{include,csrc,spdlog} and CUTLASS's include + tools/util/include only
  rm -rf "$T"/fi/flashinfer/data/cutlass/{examples,python,test} "$T"/fi/bin/{flashinfer,tvm-ffi-config,tvm-ffi-stubgen}
  find "$T/fi" -name __pycache__ -prune -exec rm -rf {} +
  echo "flashinfer 0.5.3 + tvm-ffi + ninja, JIT from sources; no cutlass-dsl, no cudnn-frontend, no stubs" > "$T/fi/README.fi"
  tar cf - -C "$T" fi | xz -9 -T0 > "$C/fi.tar.xz"
fi
rm -rf "$T"
ls -la "$C"
