#!/bin/bash
# Packs flash-attn-4 (and FlashInfer) for the device machine, which has no internet and takes at
# most 64 MiB of carried files per call (bench/wip_sm90/dev_fa4.sh unpacks them):
#   .carry/fa4_libs.tar.xz  nvidia-cutlass-dsl-libs-cu13 installed (227 MB, 61 MiB with xz -9)
#   .carry/fa4_rest.tar.xz  flash-attn-4, nvidia-cutlass-dsl (+ libs-base, libs-core), quack-kernels,
#                           cuda-bindings, cuda-pathfinder, apache-tvm-ffi, torch-c-dlpack-ext, einops
#   .carry/fi.tar.xz        (FI=1) flashinfer-python and the imports it names (not yet tried there)
# Python 3.12 / manylinux x86_64 wheels, as the device machine's torch 2.11 venv needs.
set -e
W=${WHEELS:-/tmp/pa_wheels}; C=$(pwd)/.carry
mkdir -p "$W" "$C"
PLAT="--python-version 3.12 --only-binary=:all: --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64
      --platform manylinux_2_24_x86_64 --platform manylinux2014_x86_64 --platform any"
dl() { pip download -q --no-deps $PLAT -d "$W" "$@"; }
inst() { local dst=$1; shift; rm -rf "$dst"; pip install -q --no-deps --target "$dst" $PLAT "$@"; }
dl flash-attn-4==4.0.0b36 nvidia-cutlass-dsl==4.8.1 nvidia-cutlass-dsl-libs-base==4.8.1 \
   nvidia-cutlass-dsl-libs-core==4.8.1 nvidia-cutlass-dsl-libs-cu13==4.8.1 quack-kernels==0.6.5 \
   "cuda-bindings>=13,<14" cuda-pathfinder apache-tvm-ffi==0.1.15.post2 torch-c-dlpack-ext einops
T=$(mktemp -d)
inst "$T/libs" "$W"/nvidia_cutlass_dsl_libs_cu13-4.8.1-*.whl
tar cf - -C "$T" libs | xz -9 -T0 > "$C/fa4_libs.tar.xz"
# one pip call for everything else: a second --target install into the same folder would skip
# the nvidia_cutlass_dsl directory that libs-core adds to
inst "$T/fa4rest" "$W"/flash_attn_4-*.whl "$W"/nvidia_cutlass_dsl-4.8.1-*.whl "$W"/nvidia_cutlass_dsl_libs_base-*.whl \
     "$W"/nvidia_cutlass_dsl_libs_core-*.whl "$W"/quack_kernels-*.whl "$W"/cuda_bindings-*.whl \
     "$W"/cuda_pathfinder-*.whl "$W"/apache_tvm_ffi-*.whl "$W"/torch_c_dlpack_ext-*.whl "$W"/einops-*.whl
tar cf - -C "$T" fa4rest | xz -6 -T0 > "$C/fa4_rest.tar.xz"
if [ -n "$FI" ]; then
  dl flashinfer-python==0.7.2.post1 cuda-tile nccl4py nccl-extensions nvidia-cudnn-frontend cuda-python \
     nvidia-ml-py tabulate
  inst "$T/fi" "$W"/flashinfer_python-*.whl "$W"/cuda_tile-*.whl "$W"/nccl4py-*.whl "$W"/nccl_extensions-*.whl \
       "$W"/nvidia_cudnn_frontend-*.whl "$W"/cuda_python-*.whl "$W"/nvidia_ml_py-*.whl "$W"/tabulate-*.whl
  tar cf - -C "$T" fi | xz -6 -T0 > "$C/fi.tar.xz"
fi
rm -rf "$T"
ls -la "$C"
