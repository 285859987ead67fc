#!/bin/sh
# The CPU backend computes the same bits on every build: the CPU library is built several ways
# (GCC as shipped, with its AVX2 item loop; SSE2 only; -march=native; AVX2 + FMA hardware; the scalar
# lane sums; clang with and without FMA, where clang is; musl, where musl-gcc is; aarch64 under
# qemu, where a cross compiler and qemu are), tests/bits/cpu_bits.c is linked against each, and every build's hash
# over the same 200 cases must be the first one's. cpu_bits itself
# checks 1 against 3 threads on each case.
# usage: sh tests/bits_check.sh BUILD_DIR [cases]     last line: "N passed, N failed"
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "${1:-build}/bits" || exit 1
out=$(cd "${1:-build}/bits" && pwd)
cases=${2:-200}
passed=0
failed=0
cc=${CC:-cc}
first=""
x86=0
case "$(uname -m)" in x86_64|amd64) x86=1 ;; esac
has() { grep -qw "$1" /proc/cpuinfo 2>/dev/null; }

# variant NAME COMPILER CFLAGS [RUNNER]: the CPU-only library built that way, cpu_bits compiled by
# the same compiler (without contraction, so its inputs are the same everywhere), linked and run
# (through RUNNER, e.g. qemu, for another architecture)
variant() {
    name=$1 comp=$2 flags=$3 runner=$4
    command -v "$comp" >/dev/null 2>&1 || { echo "$name: no $comp, skipped"; return; }
    if ! make -s -C "$root" CUDA=0 CC="$comp" BUILD="$out/$name" CFLAGS="-O3 $flags" "$out/$name/libpagedattn.a" \
            >"$out/$name.log" 2>&1; then
        cat "$out/$name.log"; echo "FAIL $name: the library did not build"; failed=$((failed + 1)); return
    fi
    if ! $comp -std=c11 -O2 -ffp-contract=off -I"$root/include" -o "$out/$name/cpu_bits" \
            "$root/tests/bits/cpu_bits.c" "$out/$name/libpagedattn.a" -lm -lpthread; then
        echo "FAIL $name: cpu_bits did not link"; failed=$((failed + 1)); return
    fi
    line=$($runner "$out/$name/cpu_bits" "$cases")
    rc=$?
    h=$(echo "$line" | sed -n 's/^hash \([0-9a-f]*\) .*/\1/p')
    if [ "$rc" -ne 0 ] || [ -z "$h" ]; then echo "$line"; echo "FAIL $name"; failed=$((failed + 1)); return; fi
    if [ -z "$first" ]; then first=$h; fi
    if [ "$h" = "$first" ]; then echo "$name ($comp $flags): $h"; passed=$((passed + 1))
    else echo "FAIL $name ($comp $flags): $h, not $first"; failed=$((failed + 1)); fi
}

variant gcc "$cc" ""
variant scalar_sums "$cc" "-DPA_NO_SHUFFLE"
if [ "$x86" = 1 ]; then
    variant sse2 "$cc" "-DPA_NO_CLONES"
    if has avx2 && has fma; then variant avx2_fma "$cc" "-DPA_NO_CLONES -mavx2 -mfma"; fi
fi
variant native "$cc" "-march=native"
variant clang clang ""
if [ "$x86" = 1 ] && has avx2 && has fma; then variant clang_fma clang "-mavx2 -mfma"; fi
# musl (Alpine's C library: no ifunc, its own libm), where musl-gcc is
variant musl musl-gcc ""
# aarch64 (NEON) through qemu-user, where a cross compiler and qemu are (CI installs neither;
# Debian: gcc-aarch64-linux-gnu qemu-user)
if [ "$x86" = 1 ] && command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 && command -v qemu-aarch64 >/dev/null 2>&1 &&
        [ -d /usr/aarch64-linux-gnu ]; then
    variant aarch64 aarch64-linux-gnu-gcc "" "qemu-aarch64 -L /usr/aarch64-linux-gnu"
else
    echo "aarch64: no aarch64-linux-gnu-gcc and qemu-aarch64, skipped"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
