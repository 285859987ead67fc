"""Bundles the shared library into the package: `make` at the repository root, then
`pip install ./python`. The library is taken from $PAGEDATTN_LIBRARY if set, else
../build/libpagedattn.so; without one the package installs alone and finds the library at run
time (PAGEDATTN_LIBRARY, or the system loader)."""
import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = os.path.dirname(os.path.abspath(__file__))
LIB = "libpagedattn.so"


def built_library():
    for path in (os.environ.get("PAGEDATTN_LIBRARY"),
                 os.path.join(HERE, "..", "build", LIB)):
        if path and os.path.isfile(path):
            return os.path.abspath(path)
    return None


class BuildPyWithLibrary(build_py):
    def run(self):
        super().run()
        lib = built_library()
        if lib is None:
            print("pagedattn: no %s found (run `make` in the repository root first, or set "
                  "PAGEDATTN_LIBRARY); installing without a bundled library" % LIB)
            return
        dest = os.path.join(self.build_lib, "pagedattn", LIB)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(lib, dest)
        print("pagedattn: bundled %s" % lib)


class LibraryDistribution(Distribution):
    # a bundled .so makes the wheel platform-specific, though it holds no Python extension
    def has_ext_modules(self):
        return built_library() is not None


setup(cmdclass={"build_py": BuildPyWithLibrary}, distclass=LibraryDistribution)
