# trueno developer entry points (GNU make). `make help` lists the targets; docs/building.md explains them.
# Build directories and flags come from CMakePresets.json (default -> build/, clang -> build-clang/,
# asan -> build-asan/, coverage -> build-cov/), so the Makefile and IDEs configure identically.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Debian packages the targets need. `make deps` checks every one of them on every run and installs only the
# missing ones. Append here (or with `DEB_PACKAGES += ...` in an included makefile) when a new tool is needed.
DEB_PACKAGES := g++ clang clang-14 libclang-rt-14-dev clang-tidy clang-format cmake ninja-build \
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev libeigen3-dev python3-numpy python3-torch \
  python3-threadpoolctl \
  gcovr \
  glslang-tools libvulkan-dev mesa-vulkan-drivers vulkan-validationlayers

# NumPy lives in Debian's interpreter, not in whatever `python3` comes first on PATH.
PYTHON := /usr/bin/python3
JOBS ?= 2
# tier1: a gtest filter, e.g. `make tier1 FILTER='Broadcast.*'`.
FILTER ?= *
# Extra arguments for every CMake configure step, e.g. EXTRA_CMAKE_ARGS='-DTRUENO_WERROR=OFF'.
EXTRA_CMAKE_ARGS ?=
COVERAGE_MIN ?= 90
# bench: extra arguments for benchmarks/run_bench.py, e.g. BENCH_ARGS='--groups math --rounds 15'.
BENCH_ARGS ?=

BUILD_DIR := build
CLANG_BUILD_DIR := build-clang
ASAN_BUILD_DIR := build-asan
COV_BUILD_DIR := build-cov

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
CPU_TEST_LABELS := unit|property|backend
# Sources clang-format owns; generated SPIR-V headers are left as the generator writes them.
FORMAT_SOURCES = $(shell find include tests benchmarks examples -type f \
  \( -name '*.hpp' -o -name '*.h' -o -name '*.cpp' \) -not -path 'include/trueno/gpu/spirv/*' 2>/dev/null | sort)
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1

.PHONY: help deps demo test test-clang test-gpu spirv spirv-check sanitize tier1 tier2 format format-check tidy coverage bench accuracy-full clean \
  configure configure-clang configure-asan configure-cov \
  deps-aarch64 configure-aarch64 configure-nosimd test-aarch64 test-aarch64-full bench-aarch64-count test-nosimd

help:
	@echo "trueno make targets:"
	@echo "  deps          install the Debian packages that are missing (apt-get)"
	@echo "  demo          Release build with GCC, run examples/demo.cpp"
	@echo "  test          Release build with GCC in $(BUILD_DIR)/, all tests (ctest -j$(JOBS))"
	@echo "  test-clang    the same with Clang in $(CLANG_BUILD_DIR)/"
	@echo "  test-gpu      the GPU (Vulkan) tests on Mesa's lavapipe (TRUENO_GPU=force), label gpu, in $(BUILD_DIR)/"
	@echo "  spirv         recompile shaders/*.comp into include/trueno/gpu/spirv/*.hpp (commit the result)"
	@echo "  spirv-check   fail when a generated SPIR-V header differs from what its shader compiles to"
	@echo "  sanitize      Clang ASan+UBSan build in $(ASAN_BUILD_DIR)/, unit/property/backend tests"
	@echo "  tier1         fast loop: build and run trueno_unit (FILTER='Suite.*' selects tests)"
	@echo "  tier2         format-check, tidy, test, test-clang, sanitize, coverage, test-nosimd, test-aarch64-full,"
	@echo "                bench-aarch64-count"
	@echo "  format        clang-format -i over include/ tests/ benchmarks/ examples/"
	@echo "  format-check  clang-format --dry-run --Werror over the same files"
	@echo "  tidy          clang-tidy over the test sources (uses $(BUILD_DIR)/compile_commands.json)"
	@echo "  coverage      GCC --coverage build in $(COV_BUILD_DIR)/ (CPU and GPU tests), line coverage of include/ >= $(COVERAGE_MIN)%"
	@echo "  bench         Release benchmarks, then benchmarks/run_bench.py (BENCH_ARGS='--groups math' selects)"
	@echo "  accuracy-full every float through every math function on every backend (about 2-3 hours; not in CI;"
	@echo "                ACCURACY_STEP=4096 for a quick sample); writes $(BUILD_DIR)/accuracy/accuracy.md"
	@echo "  test-aarch64  cross-compile for aarch64 in $(AARCH64_BUILD_DIR)/, CI-sized tests under qemu-aarch64 (NEON)"
	@echo "  test-aarch64-full  the whole CPU test suite under qemu-aarch64 (accuracy sweeps at 16384 points; tier2)"
	@echo "  bench-aarch64-count  instructions per element of the NEON add, sum, dot, exp (qemu -singlestep)"
	@echo "  test-nosimd   -DTRUENO_SIMD=OFF build in $(NOSIMD_BUILD_DIR)/ (scalar backend only), CPU tests"
	@echo "  clean         remove the build directories"

# Adds $$pkg to $$missing unless it is installed. A bare name means the native architecture (or `all`), pkg:arch
# that one: once arm64 packages are co-installed (deps-aarch64), `dpkg -s libgtest-dev` is ambiguous and fails.
DEB_INSTALLED_CHECK = arch=$${pkg\#*:}; [ "$$arch" != "$$pkg" ] || arch="$$(dpkg --print-architecture)|all"; \
  dpkg-query -W -f='$${Architecture} $${db:Status-Status}\n' "$$pkg" 2>/dev/null | grep -qE "^($$arch) installed$$" \
  || missing="$$missing $$pkg";

deps:
	@missing=""; \
	for pkg in $(DEB_PACKAGES); do \
	  $(DEB_INSTALLED_CHECK) \
	done; \
	if [ -z "$$missing" ]; then \
	  echo "deps: all $(words $(DEB_PACKAGES)) packages are installed"; \
	else \
	  echo "deps: installing$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

# --- configure steps (flags and directories live in CMakePresets.json) -----------------------------------------
configure: deps
	CXX=g++ cmake --preset default $(EXTRA_CMAKE_ARGS)

configure-clang: deps
	CXX=clang++ cmake --preset clang $(EXTRA_CMAKE_ARGS)

configure-asan: deps
	CXX=clang++ cmake --preset asan $(EXTRA_CMAKE_ARGS)

configure-cov: deps
	CXX=g++ cmake --preset coverage $(EXTRA_CMAKE_ARGS)

# --- everyday targets ----------------------------------------------------------------------------------------------
demo: configure
	@test -f examples/demo.cpp || { echo "demo: examples/demo.cpp does not exist yet" >&2; exit 1; }
	cmake --build $(BUILD_DIR) --target trueno_demo -j $(JOBS)
	./$(BUILD_DIR)/examples/trueno_demo

test: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

test-clang: configure-clang
	cmake --build $(CLANG_BUILD_DIR) -j $(JOBS)
	ctest --test-dir $(CLANG_BUILD_DIR) --output-on-failure -j $(JOBS)

# The Vulkan path on lavapipe: the GPU tests and the SPIR-V freshness check (ctest label gpu).
test-gpu: configure
	cmake --build $(BUILD_DIR) --target trueno_gpu -j $(JOBS)
	TRUENO_GPU=force ctest --test-dir $(BUILD_DIR) -L gpu --output-on-failure -j $(JOBS)

# Generated SPIR-V headers (cmake/EmbedSpirv.cmake): regenerate, or check that they are current.
SPIRV_ARGS = -DGLSLANG=glslangValidator -DSHADER_DIR=shaders -DOUT_DIR=include/trueno/gpu/spirv \
  -DWORK_DIR=$(BUILD_DIR)/spirv -P cmake/EmbedSpirv.cmake
spirv: deps
	cmake -DMODE=write $(SPIRV_ARGS)

spirv-check: deps
	cmake -DMODE=check $(SPIRV_ARGS)

sanitize: configure-asan
	cmake --build $(ASAN_BUILD_DIR) --target trueno_tests_cpu -j $(JOBS)
	$(SANITIZER_ENV) ctest --test-dir $(ASAN_BUILD_DIR) -L '$(CPU_TEST_LABELS)' --output-on-failure -j $(JOBS)

tier1: configure
	cmake --build $(BUILD_DIR) --target trueno_unit -j $(JOBS)
	./$(BUILD_DIR)/tests/trueno_unit --gtest_filter='$(FILTER)'

# Sequential on purpose: each stage uses both cores.
tier2:
	@set -e; for stage in format-check tidy test test-clang sanitize coverage test-nosimd test-aarch64-full \
	  bench-aarch64-count; do \
	  start=$$(date +%s); $(MAKE) --no-print-directory $$stage; \
	  echo "tier2: $$stage passed in $$(( ($$(date +%s) - start + 30) / 60 )) min"; \
	done

# --- formatting and static analysis ---------------------------------------------------------------------------------
format:
	clang-format -i $(FORMAT_SOURCES)

format-check:
	clang-format --dry-run --Werror $(FORMAT_SOURCES)

# clang-tidy reads GCC's compile commands; -Wno-unknown-warning-option keeps GCC-only flags from tripping it.
# Checks and the header filter live in .clang-tidy; any finding fails the target (WarningsAsErrors).
tidy: configure
	run-clang-tidy -p $(BUILD_DIR) -j $(JOBS) -quiet -extra-arg=-Wno-unknown-warning-option \
	  '$(CURDIR)/tests/(unit|property|backend|differential|dispatch|common|gpu)/'

# --- coverage --------------------------------------------------------------------------------------------------------
# The CPU tests and the GPU tests (Vulkan on lavapipe, TRUENO_GPU=force) both count: include/trueno/gpu/ is
# exercised only by the latter.
coverage: configure-cov
	cmake --build $(COV_BUILD_DIR) --target trueno_tests_cpu trueno_gpu -j $(JOBS)
	find $(COV_BUILD_DIR) -name '*.gcda' -delete
	ctest --test-dir $(COV_BUILD_DIR) -L '$(CPU_TEST_LABELS)' --output-on-failure -j $(JOBS)
	TRUENO_GPU=force ctest --test-dir $(COV_BUILD_DIR) -L gpu --output-on-failure -j $(JOBS)
	mkdir -p $(COV_BUILD_DIR)/coverage
# The preset counts with -fprofile-update=atomic: the thread pool's workers race on plain counters, gcov then prints
# negative branch counts, and gcovr 5.2 with -j waits forever after that parse error (hence the timeout too).
	timeout 1800 gcovr --root . --object-directory $(COV_BUILD_DIR) --exclude-directories '$(COV_BUILD_DIR)/CMakeFiles' \
	  --filter 'include/' -j $(JOBS) \
	  --print-summary --txt $(COV_BUILD_DIR)/coverage/coverage.txt \
	  --html-details $(COV_BUILD_DIR)/coverage/index.html \
	  --fail-under-line $(COVERAGE_MIN)
	@cat $(COV_BUILD_DIR)/coverage/coverage.txt
	@echo "coverage: HTML report in $(COV_BUILD_DIR)/coverage/index.html"

# --- benchmarks -------------------------------------------------------------------------------------------------------
bench: configure
	cmake --build $(BUILD_DIR) --target trueno_benchmarks -j $(JOBS)
	$(PYTHON) benchmarks/run_bench.py $(BUILD_DIR) $(BENCH_ARGS)
	$(PYTHON) benchmarks/run_tensor_bench.py $(BUILD_DIR)
	$(PYTHON) benchmarks/run_gemm_bench.py $(BUILD_DIR)
	$(PYTHON) benchmarks/run_dtype_bench.py $(BUILD_DIR)

# The exhaustive float sweep of issue 3 (tests/accuracy/accuracy_full.cpp); environment: ACCURACY_STEP,
# ACCURACY_PAIRS, ACCURACY_THREADS, ACCURACY_FUNCS, ACCURACY_BACKENDS (docs/accuracy.md).
accuracy-full: configure
	cmake --build $(BUILD_DIR) --target trueno_accuracy_full -j $(JOBS)
	./$(BUILD_DIR)/tests/trueno_accuracy_full $(BUILD_DIR)/accuracy/accuracy.md

# --- aarch64 (NEON) under QEMU, and the scalar-only build ------------------------------------------------------------
# The cross toolchain, user-mode QEMU and the arm64 GoogleTest/RapidCheck (Debian multiarch: they co-install with the
# amd64 ones). Checked on every run like DEB_PACKAGES; deps-aarch64 enables the arm64 architecture when needed.
AARCH64_DEB_PACKAGES := g++-aarch64-linux-gnu qemu-user libgtest-dev:arm64 libgmock-dev:arm64 librapidcheck-dev:arm64
AARCH64_BUILD_DIR ?= build-aarch64
NOSIMD_BUILD_DIR ?= build-nosimd
QEMU_AARCH64 := qemu-aarch64 -L /usr/aarch64-linux-gnu
# test-aarch64 (CI-sized): backend equivalence, properties, .npy, dispatch, and every accuracy sweep at 2^12 points.
AARCH64_CI_FILTER := Backend.*:CpuFeatures.*:NeonDispatch.*:Npy*:*MathAccuracy*:*MathTrig*:Rounding.*:Erf.*:Activation.*
AARCH64_ACCURACY_POINTS ?= 4096
AARCH64_FULL_ACCURACY_POINTS ?= 16384

deps-aarch64:
	@missing=""; \
	for pkg in $(AARCH64_DEB_PACKAGES); do \
	  $(DEB_INSTALLED_CHECK) \
	done; \
	if [ -z "$$missing" ]; then \
	  echo "deps-aarch64: all $(words $(AARCH64_DEB_PACKAGES)) packages are installed"; \
	else \
	  echo "deps-aarch64: installing$$missing"; \
	  dpkg --print-foreign-architectures | grep -qx arm64 || $(SUDO) dpkg --add-architecture arm64; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

configure-aarch64: deps deps-aarch64
	cmake --preset aarch64 -B $(AARCH64_BUILD_DIR) $(EXTRA_CMAKE_ARGS)

configure-nosimd: deps
	CXX=g++ cmake --preset nosimd -B $(NOSIMD_BUILD_DIR) $(EXTRA_CMAKE_ARGS)

# CI-sized: what .ci/run runs. The accuracy sweeps take 2^12 points (TRUENO_ACCURACY_POINTS); the dispatch tests
# run again with TRUENO_BACKEND=scalar.
test-aarch64: configure-aarch64
	cmake --build $(AARCH64_BUILD_DIR) --target trueno_backend trueno_property trueno_unit \
	  trueno_dispatch_default_flags -j $(JOBS)
	$(QEMU_AARCH64) $(AARCH64_BUILD_DIR)/tests/trueno_dispatch_default_flags
	$(QEMU_AARCH64) $(AARCH64_BUILD_DIR)/tests/trueno_backend --gtest_brief=1
	$(QEMU_AARCH64) $(AARCH64_BUILD_DIR)/tests/trueno_property --gtest_brief=1
	TRUENO_ACCURACY_POINTS=$(AARCH64_ACCURACY_POINTS) $(QEMU_AARCH64) $(AARCH64_BUILD_DIR)/tests/trueno_unit \
	  --gtest_brief=1 --gtest_filter='$(AARCH64_CI_FILTER)'
	TRUENO_BACKEND=scalar $(QEMU_AARCH64) $(AARCH64_BUILD_DIR)/tests/trueno_unit --gtest_filter='NeonDispatch.*:Backend.*'

# The whole CPU suite (unit, property, backend) under QEMU through ctest, full-size accuracy sweeps included.
# Every CPU test under qemu-aarch64, the accuracy sweeps at AARCH64_FULL_ACCURACY_POINTS points (4x the CI
# stage's). Uncapped, the double sweeps alone run for hours there (long double is software quad precision
# under QEMU); the full-density sweeps run natively in `make test`.
test-aarch64-full: configure-aarch64
	cmake --build $(AARCH64_BUILD_DIR) --target trueno_tests_cpu -j $(JOBS)
	TRUENO_ACCURACY_POINTS=$(AARCH64_FULL_ACCURACY_POINTS) \
	  ctest --test-dir $(AARCH64_BUILD_DIR) -L '$(CPU_TEST_LABELS)' --output-on-failure -j $(JOBS) --timeout 3600

# Instructions per element of the NEON kernels on 4096 floats, counted under qemu-aarch64 -singlestep.
bench-aarch64-count: deps-aarch64
	mkdir -p $(AARCH64_BUILD_DIR)/count
	aarch64-linux-gnu-g++ -std=c++20 -O3 -DNDEBUG -Wall -Wextra -Wpedantic -Werror -pthread -Iinclude \
	  benchmarks/aarch64/count_kernel.cpp -o $(AARCH64_BUILD_DIR)/count/count_kernel
	$(PYTHON) benchmarks/aarch64/count_insns.py $(AARCH64_BUILD_DIR)/count/count_kernel

# The library with the SIMD backends switched off (-DTRUENO_SIMD=OFF): only scalar, every CPU test.
test-nosimd: configure-nosimd
	cmake --build $(NOSIMD_BUILD_DIR) --target trueno_tests_cpu -j $(JOBS)
	ctest --test-dir $(NOSIMD_BUILD_DIR) -L '$(CPU_TEST_LABELS)' --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR) $(CLANG_BUILD_DIR) $(ASAN_BUILD_DIR) $(COV_BUILD_DIR) $(AARCH64_BUILD_DIR) $(NOSIMD_BUILD_DIR)
