#!/bin/bash
# Sourced by the mkvariants_*.sh scripts (development machine): mk NAME FLAGS... builds a variant
# tree NAME from the committed build/ (only the sm90 object and what links it are rebuilt, with
# NVEXTRA="FLAGS"), prints ptxas's warnings, and stops when the SASS has local loads or stores
# (spills); pack NAME... writes .carry/bins.tar.xz with build/ and the named trees' binaries.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
make -j2 all build/test_gpu build/pa-bench > /dev/null || exit 1
mk() {
    local v=$1; shift
    rm -rf "$v" && cp -r build "$v" && rm -f "$v"/src/cuda/prefill_sm90.o "$v"/pa-bench "$v"/libpagedattn.a \
        "$v"/libpagedattn.so "$v"/pagedattn_all.o "$v"/test_gpu
    make -j2 BUILD="$v" NVEXTRA="$*" "$v"/pa-bench "$v"/test_gpu "$v"/libpagedattn.so 2>&1 | { grep -E "warning|error" || true; }
    local n; n=$(cuobjdump -sass "$v"/src/cuda/prefill_sm90.o | grep -c "STL\|LDL" || true)
    echo "$v: $* (local loads/stores in the SASS: $n)"
    [ "$n" = 0 ] || [ -n "$ALLOW_SPILLS" ] || { echo "$v spills"; exit 1; }   # ALLOW_SPILLS=1: experiments only
}
pack() {
    local files="build/test_gpu build/test_threads build/pa-bench build/libpagedattn.so" v
    for v in "$@"; do files="$files $v/test_gpu $v/pa-bench"; done
    # (one pack at a time: two at once wrote a corrupt tarball in session 28, hence the check)
    mkdir -p .carry && tar cJf .carry/bins.tar.xz $files && xz -t .carry/bins.tar.xz && ls -la .carry/bins.tar.xz
}
# mk_two "NAME FLAGS..." ...: mk for each argument, two at a time (this machine has 2 cores), then
# pack them all (session 26's variant scripts)
mk_two() {
    local spec names="" n=0
    for spec in "$@"; do
        mk $spec &
        names="$names ${spec%% *}"; n=$((n + 1))
        [ $((n % 2)) = 0 ] && wait
    done
    wait
    pack $names
}

