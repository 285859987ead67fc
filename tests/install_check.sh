#!/bin/sh
# make install into a scratch prefix, then what a user does with it: build the README's decode
# step against the installed header and library through pkg-config, shared (it must run from the
# prefix and ask for the soname libpagedattn.so.MAJOR) and static; then make uninstall.
# usage: sh tests/install_check.sh BUILD_DIR      last line: "N passed, N failed"
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-build}" && pwd)
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
cc=${CC:-cc}

if ! make -s -C "$root" BUILD="$build" PREFIX="$prefix" install >"$prefix/log" 2>&1; then
    cat "$prefix/log"
    echo "FAIL make install"
    echo "0 passed, 1 failed"
    exit 1
fi
major=$(sed -n 's/^#define PA_VERSION_MAJOR \([0-9]*\).*/\1/p' "$root/include/pagedattn.h")
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
if command -v pkg-config >/dev/null 2>&1; then
    cflags=$(pkg-config --cflags pagedattn) && libs=$(pkg-config --libs pagedattn) &&
        slibs=$(pkg-config --static --libs pagedattn | sed 's/-lpagedattn//') && ok ||
        { bad "pkg-config pagedattn"; cflags="-I$prefix/include"; libs="-L$prefix/lib -lpagedattn"; slibs=""; }
else
    echo "pkg-config not found: the flags by hand"
    cflags="-I$prefix/include"; libs="-L$prefix/lib -lpagedattn"
    slibs=$(sed -n 's/^Libs.private: //p' "$prefix/lib/pkgconfig/pagedattn.pc")
fi

# shared: linked by soname, run from the prefix alone
if $cc -std=c11 $cflags "$root/examples/decode_step.c" -o "$prefix/step_shared" $libs -lm; then
    if LD_LIBRARY_PATH="$prefix/lib" "$prefix/step_shared"; then ok; else bad "decode step (shared) did not pass"; fi
    if command -v readelf >/dev/null 2>&1; then
        if readelf -d "$prefix/step_shared" | grep -q "NEEDED.*\[libpagedattn\.so\.$major\]"; then ok
        else bad "decode step (shared) does not need libpagedattn.so.$major"; readelf -d "$prefix/step_shared" | grep NEEDED; fi
    fi
else bad "decode step (shared) did not build"; fi

# static: the archive and its private libraries, no libpagedattn.so at run time
if $cc -std=c11 $cflags "$root/examples/decode_step.c" -o "$prefix/step_static" "$prefix/lib/libpagedattn.a" $slibs -lm; then
    if "$prefix/step_static"; then ok; else bad "decode step (static) did not pass"; fi
else bad "decode step (static) did not build"; fi

if make -s -C "$root" BUILD="$build" PREFIX="$prefix" uninstall >"$prefix/log" 2>&1 &&
    [ -z "$(find "$prefix/include" "$prefix/lib" -type f -o -type l)" ]; then ok
else bad "make uninstall left: $(find "$prefix/include" "$prefix/lib" -type f -o -type l | tr '\n' ' ')"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
