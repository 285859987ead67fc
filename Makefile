# pagedattn build.  make | make test | make test-long | make bench | make CUDA=0
#                   make install PREFIX=/usr/local [DESTDIR=...] | make uninstall
#
# With nvcc on the PATH the CUDA backend is compiled in (sm_80 for the portable kernels,
# sm_90a for the Hopper ones, compute_90 PTX for later GPUs) and linked against the static CUDA
# runtime, so the library needs the driver (and libstdc++ / libgcc_s) at run time, no CUDA toolkit. Without nvcc, or with CUDA=0, the library is CPU-only.

CC      ?= cc
NVCC    ?= $(shell command -v nvcc 2>/dev/null)
CUDA    ?= $(if $(NVCC),1,0)
CUDA_HOME ?= $(if $(NVCC),$(realpath $(dir $(NVCC))/..),/usr/local/cuda)
BUILD   ?= build

CFLAGS  ?= -O3
override CFLAGS += -std=c11 -fPIC -Wall -Wextra -Wno-unused-parameter -pthread -fvisibility=hidden \
           -D_GNU_SOURCE -Iinclude -Isrc
LDLIBS  = -lm -lpthread

LIB_C   = src/api.c src/dispatch.c $(wildcard src/cpu/*.c)
LIB_CU  = $(wildcard src/cuda/*.cu)
CU_HDRS = $(wildcard src/cuda/*.cuh src/cuda/*.h)
CU_SM90 = $(filter %_sm90.cu,$(LIB_CU))
CU_PORT = $(filter-out %_sm90.cu,$(LIB_CU))

ifeq ($(CUDA),1)
override CFLAGS += -DPA_HAVE_CUDA -I$(CUDA_HOME)/include
NVFLAGS   ?= -O3
NVFLAGS   += $(NVEXTRA) -std=c++17 -Xcompiler -fPIC,-fvisibility=hidden -DPA_HAVE_CUDA -Iinclude -Isrc \
             -Xptxas=--warn-on-spills -lineinfo -Wno-deprecated-gpu-targets
GENCODE_PORT ?= -gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_90a,code=sm_90a \
                -gencode=arch=compute_90,code=compute_90
# (compute_90 PTX: later GPUs, 10.x and 12.x, JIT the portable kernels (decode, sm80 prefill,
# kv_append, kv_copy) with griddepcontrol, which decode's combine launch relies on from 9.0 up)
GENCODE_SM90 ?= -gencode=arch=compute_90a,code=sm_90a
CUDA_LIBS  = -L$(CUDA_HOME)/lib64 -lcudart_static -lrt -ldl -lstdc++
LIB_OBJS   = $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CU:%.cu=$(BUILD)/%.o)
else
CUDA_LIBS  =
LIB_OBJS   = $(LIB_C:%.c=$(BUILD)/%.o)
endif

TEST_COMMON = $(filter-out tests/test_%.c,$(wildcard tests/*.c))
TEST_MAINS  = $(wildcard tests/test_*.c)
TEST_BINS   = $(TEST_MAINS:tests/%.c=$(BUILD)/%)
# tests/test_public.c again, compiled as C++ (a C++ engine including the header), where a C++
# compiler is present.
CXX_FOUND   = $(shell command -v $(CXX) 2>/dev/null)
TEST_CXX    = $(if $(CXX_FOUND),$(BUILD)/test_public_cxx)
# tests/test_sm90_plan.c again with the other setting of the SM90_PAIR_STRIDED build knob (0: pages
# apart take the plain instances)
TEST_PLAN2  = $(BUILD)/test_sm90_plan_unstrided
# and with the d256 run table on (SM90_RUN_TABLE_D256=1: M104's plan at d256, overlapping boxes; a
# knob under measurement, off in the library)
TEST_PLAN3  = $(BUILD)/test_sm90_plan_d256table

.PHONY: fuzz all lib test test-long test-cpu test-asan test-sanitize bench clean install uninstall asan tsan
all: $(BUILD)/libpagedattn.so $(BUILD)/libpagedattn.a $(BUILD)/pa-bench
lib: $(BUILD)/libpagedattn.so $(BUILD)/libpagedattn.a

$(BUILD)/%.o: %.c include/pagedattn.h src/internal.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The CPU item loop's compares (exp's range, selects) may be if-converted and vectorized: no code
# here reads floating-point exception flags, and no value changes; no multiply-add contraction on
# any compiler (clang contracts by default where FMA exists), so every build gives the same bits.
$(BUILD)/src/cpu/attention_cpu.o: override CFLAGS += -fno-trapping-math -ffp-contract=off

$(BUILD)/%_sm90.o: %_sm90.cu include/pagedattn.h src/internal.h $(CU_HDRS)
	@mkdir -p $(dir $@)
	$(NVCC) $(NVFLAGS) $(GENCODE_SM90) -c $< -o $@

$(BUILD)/%.o: %.cu include/pagedattn.h src/internal.h $(CU_HDRS)
	@mkdir -p $(dir $@)
	$(NVCC) $(NVFLAGS) $(GENCODE_PORT) -c $< -o $@

# One relocatable object in the archive: the weak references of api.c / dispatch.c to the CUDA
# files are resolved inside it (a linker never pulls an archive member for a weak reference).
$(BUILD)/libpagedattn.a: $(LIB_OBJS)
	@rm -f $@
	$(CC) -r -nostdlib -o $(BUILD)/pagedattn_all.o $^
	$(AR) rcs $@ $(BUILD)/pagedattn_all.o

$(BUILD)/libpagedattn.so: $(LIB_OBJS)
	$(CC) -shared -o $@ $^ $(CUDA_LIBS) $(LDLIBS) -Wl,-soname,libpagedattn.so

BENCH_CU = $(if $(filter 1,$(CUDA)),$(BUILD)/bench/l2flush.o)
$(BUILD)/bench/l2flush.o: bench/l2flush.cu
	@mkdir -p $(dir $@)
	$(NVCC) $(NVFLAGS) $(GENCODE_PORT) -c $< -o $@

$(BUILD)/pa-bench: bench/pa_bench.c $(BUILD)/libpagedattn.a $(BENCH_CU)
	$(CC) $(CFLAGS) -o $@ bench/pa_bench.c $(BENCH_CU) $(BUILD)/libpagedattn.a $(CUDA_LIBS) $(LDLIBS)

$(BUILD)/test_%: tests/test_%.c $(TEST_COMMON) $(wildcard tests/*.h) $(BUILD)/libpagedattn.a
	$(CC) $(CFLAGS) -Itests -o $@ $< $(TEST_COMMON) $(BUILD)/libpagedattn.a $(CUDA_LIBS) $(LDLIBS)

$(TEST_PLAN2): tests/test_sm90_plan.c $(TEST_COMMON) $(wildcard tests/*.h) $(BUILD)/libpagedattn.a
	$(CC) $(CFLAGS) -DSM90_PAIR_STRIDED=0 -Itests -o $@ $< $(TEST_COMMON) $(BUILD)/libpagedattn.a $(CUDA_LIBS) $(LDLIBS)

$(TEST_PLAN3): tests/test_sm90_plan.c $(TEST_COMMON) $(wildcard tests/*.h) $(BUILD)/libpagedattn.a
	$(CC) $(CFLAGS) -DSM90_RUN_TABLE_D256=1 -Itests -o $@ $< $(TEST_COMMON) $(BUILD)/libpagedattn.a $(CUDA_LIBS) $(LDLIBS)

# The README's decode step, built the way a user builds against the library: public header only.
$(BUILD)/decode_step: examples/decode_step.c include/pagedattn.h $(BUILD)/libpagedattn.so
	$(CC) -std=c11 -Wall -Wextra -Iinclude -o $@ examples/decode_step.c -L$(BUILD) -lpagedattn \
	  -Wl,-rpath,$(abspath $(BUILD)) -lm

$(BUILD)/test_public_cxx: tests/test_public.c include/pagedattn.h $(BUILD)/libpagedattn.so
	$(CXX) -x c++ -std=c++11 -Wall -Wextra -pedantic -Werror -Iinclude -o $@ tests/test_public.c \
	  -x none -L$(BUILD) -lpagedattn -Wl,-rpath,$(abspath $(BUILD)) -lm

# The CPU tests again under AddressSanitizer and UBSan (CPU-only build of the same sources).
ASAN_DIR = $(BUILD)/asan
asan:
	$(MAKE) --no-print-directory CUDA=0 BUILD=$(ASAN_DIR) \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  LDLIBS="-lm -lpthread -fsanitize=address,undefined" $(TEST_MAINS:tests/%.c=$(ASAN_DIR)/%)

# tests/test_threads.c again under ThreadSanitizer (CPU-only build), where a probe shows that the
# compiler has it and that its runtime starts here (on some kernels' mmap randomization it does
# not); otherwise tests/run.sh runs test_threads without it only.
TSAN_DIR = $(BUILD)/tsan
TSAN_PROBE = '\#include <pthread.h>\nstatic void *f(void *a) { return a; }\nint main(void) { pthread_t t; return pthread_create(&t, 0, f, 0) || pthread_join(t, 0); }\n'
tsan:
	@mkdir -p $(TSAN_DIR) && printf $(TSAN_PROBE) > $(TSAN_DIR)/probe.c
	@if $(CC) -fsanitize=thread -pthread -o $(TSAN_DIR)/probe $(TSAN_DIR)/probe.c 2>/dev/null && \
	    timeout 60 $(TSAN_DIR)/probe >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory CUDA=0 BUILD=$(TSAN_DIR) CFLAGS="-O1 -g -fsanitize=thread" \
	    LDLIBS="-lm -lpthread -fsanitize=thread" $(TSAN_DIR)/test_threads; \
	else \
	  echo "tsan: no ThreadSanitizer that starts here; test_threads runs without it only"; \
	  rm -f $(TSAN_DIR)/test_threads; fi

# make test: every test binary (GPU cases run where a GPU is present), then the CPU tests
# under the sanitizers; tests/run.sh prints the closing "N passed, N failed" line.
test: all $(TEST_BINS) $(TEST_CXX) $(TEST_PLAN2) $(TEST_PLAN3) $(BUILD)/decode_step asan tsan
	@PA_TEST_EXTRAS=1 sh tests/run.sh $(BUILD) $(ASAN_DIR)

test-long: all $(TEST_BINS) $(TEST_CXX)
	@PA_TEST_LONG=1 sh tests/run.sh $(BUILD)

# compute-sanitizer memcheck and racecheck on a small GPU subset (device machine only).
test-sanitize: all $(TEST_BINS)
	@sh tests/sanitize.sh $(BUILD)

# make fuzz: libFuzzer over the public API on the CPU backend (tests/fuzz/fuzz_api.c: every
# buffer at exactly its documented extent under ASan / UBSan, an oracle from the header, the
# double reference, 1 against 3 threads). Needs clang with libFuzzer; not part of make test.
# FUZZ_TIME seconds (default 300) from the seed corpus; inputs that fail are written to $(FUZZ_DIR).
FUZZ_DIR = $(BUILD)/fuzz
FUZZ_TIME = 300
fuzz:
	$(MAKE) --no-print-directory CUDA=0 CC=clang BUILD=$(FUZZ_DIR) \
	  CFLAGS="-O1 -g -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
	  $(FUZZ_DIR)/libpagedattn.a
	clang -std=gnu11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  -fno-omit-frame-pointer -D_GNU_SOURCE -Iinclude -Isrc tests/fuzz/fuzz_api.c \
	  $(FUZZ_DIR)/libpagedattn.a -lm -lpthread -o $(FUZZ_DIR)/fuzz_api
	python3 tests/fuzz/make_seeds.py $(FUZZ_DIR)/seeds
	@mkdir -p $(FUZZ_DIR)/corpus
	cd $(FUZZ_DIR) && ./fuzz_api -max_total_time=$(FUZZ_TIME) -timeout=60 -rss_limit_mb=4096 corpus seeds

bench: $(BUILD)/pa-bench
	$(BUILD)/pa-bench

# make install: the header, the static library, the shared library as libpagedattn.so.X.Y.Z with
# soname libpagedattn.so.X (X = PA_VERSION_MAJOR: the ABI that tests/test_abi.c freezes) and its
# two links, and a pkg-config file (static linking: pkg-config --static). The shared library is
# linked again from the same objects for the soname; build/libpagedattn.so itself (the tests', the
# Python package's) is left as it is.
PREFIX  ?= /usr/local
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include
PA_VER   = $(shell sed -n 's/^\#define PA_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\).*/\2/p' include/pagedattn.h | paste -sd. -)
PA_MAJOR = $(firstword $(subst ., ,$(PA_VER)))
$(BUILD)/install/libpagedattn.so.$(PA_VER): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) -shared -o $@ $^ $(CUDA_LIBS) $(LDLIBS) -Wl,-soname,libpagedattn.so.$(PA_MAJOR)

install: $(BUILD)/install/libpagedattn.so.$(PA_VER) $(BUILD)/libpagedattn.a
	install -d $(DESTDIR)$(INCDIR) $(DESTDIR)$(LIBDIR)/pkgconfig
	install -m 644 include/pagedattn.h $(DESTDIR)$(INCDIR)/
	install -m 644 $(BUILD)/libpagedattn.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(BUILD)/install/libpagedattn.so.$(PA_VER) $(DESTDIR)$(LIBDIR)/
	ln -sf libpagedattn.so.$(PA_VER) $(DESTDIR)$(LIBDIR)/libpagedattn.so.$(PA_MAJOR)
	ln -sf libpagedattn.so.$(PA_MAJOR) $(DESTDIR)$(LIBDIR)/libpagedattn.so
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCDIR)' '' \
	  'Name: pagedattn' 'Description: Attention over a paged KV cache, behind a plain C ABI' \
	  'Version: $(PA_VER)' 'Cflags: -I$${includedir}' 'Libs: -L$${libdir} -lpagedattn' \
	  'Libs.private: $(strip $(CUDA_LIBS) $(LDLIBS))' > $(DESTDIR)$(LIBDIR)/pkgconfig/pagedattn.pc

uninstall:
	rm -f $(DESTDIR)$(INCDIR)/pagedattn.h $(DESTDIR)$(LIBDIR)/libpagedattn.a \
	  $(DESTDIR)$(LIBDIR)/libpagedattn.so $(DESTDIR)$(LIBDIR)/libpagedattn.so.$(PA_MAJOR) \
	  $(DESTDIR)$(LIBDIR)/libpagedattn.so.$(PA_VER) $(DESTDIR)$(LIBDIR)/pkgconfig/pagedattn.pc

clean:
	rm -rf $(BUILD)
