#!/bin/sh
# Python binding tests: the numpy path always; the torch ones skip without torch (or CUDA).
#   sh python/tests/run.sh [BUILD_DIR]     (BUILD_DIR holds libpagedattn.so; default: build)
# Installs numpy and pytest with pip when they are missing. Exits 0 when every test passes;
# the last line is pytest's summary ("N passed, M skipped in Xs").
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
case "$build" in /*) ;; *) build=$(pwd)/$build ;; esac
lib=$build/libpagedattn.so
py=${PYTHON:-python3}

if [ ! -f "$lib" ]; then
    echo "python tests: $lib not found; build it first (make, or make CUDA=0 lib)"
    exit 1
fi
if ! "$py" -c "import numpy, pytest" 2>/dev/null; then
    echo "python tests: installing numpy and pytest with pip"
    "$py" -m pip install -q numpy pytest 2>/dev/null ||
        "$py" -m pip install -q --user numpy pytest ||
        { echo "python tests: could not install numpy and pytest"; exit 1; }
fi
cd "$here/.." && PAGEDATTN_LIBRARY=$lib exec "$py" -m pytest -q -rs -p no:cacheprovider tests
