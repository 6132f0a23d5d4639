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
  gcovr

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

.PHONY: help deps demo test test-clang sanitize tier1 tier2 format format-check tidy coverage bench accuracy-full clean \
  configure configure-clang configure-asan configure-cov

help:
	@echo "trueno make targets:"
	@echo "  deps          install the Debian packages that are missing (apt-get)"
	@echo "  demo          Release build with GCC, run examples/demo.cpp"
	@echo "  test          Release build with GCC in $(BUILD_DIR)/, all tests (ctest -j$(JOBS))"
	@echo "  test-clang    the same with Clang in $(CLANG_BUILD_DIR)/"
	@echo "  sanitize      Clang ASan+UBSan build in $(ASAN_BUILD_DIR)/, unit/property/backend tests"
	@echo "  tier1         fast loop: build and run trueno_unit (FILTER='Suite.*' selects tests)"
	@echo "  tier2         format-check, tidy, test, test-clang, sanitize, coverage"
	@echo "  format        clang-format -i over include/ tests/ benchmarks/ examples/"
	@echo "  format-check  clang-format --dry-run --Werror over the same files"
	@echo "  tidy          clang-tidy over the test sources (uses $(BUILD_DIR)/compile_commands.json)"
	@echo "  coverage      GCC --coverage build in $(COV_BUILD_DIR)/, line coverage of include/ >= $(COVERAGE_MIN)%"
	@echo "  bench         Release benchmarks, then benchmarks/run_bench.py (BENCH_ARGS='--groups math' selects)"
	@echo "  accuracy-full every float through every math function on every backend (about 2-3 hours; not in CI;"
	@echo "                ACCURACY_STEP=4096 for a quick sample); writes $(BUILD_DIR)/accuracy/accuracy.md"
	@echo "  clean         remove the build directories"

deps:
	@missing=""; \
	for pkg in $(DEB_PACKAGES); do \
	  if ! dpkg -s "$$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then missing="$$missing $$pkg"; fi; \
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

sanitize: configure-asan
	cmake --build $(ASAN_BUILD_DIR) --target trueno_tests_cpu -j $(JOBS)
	$(SANITIZER_ENV) ctest --test-dir $(ASAN_BUILD_DIR) -L '$(CPU_TEST_LABELS)' --output-on-failure -j $(JOBS)

tier1: configure
	cmake --build $(BUILD_DIR) --target trueno_unit -j $(JOBS)
	./$(BUILD_DIR)/tests/trueno_unit --gtest_filter='$(FILTER)'

# Sequential on purpose: each stage uses both cores.
tier2:
	$(MAKE) --no-print-directory format-check
	$(MAKE) --no-print-directory tidy
	$(MAKE) --no-print-directory test
	$(MAKE) --no-print-directory test-clang
	$(MAKE) --no-print-directory sanitize
	$(MAKE) --no-print-directory coverage

# --- formatting and static analysis ---------------------------------------------------------------------------------
format:
	clang-format -i $(FORMAT_SOURCES)

format-check:
	clang-format --dry-run --Werror $(FORMAT_SOURCES)

# clang-tidy reads GCC's compile commands; -Wno-unknown-warning-option keeps GCC-only flags from tripping it.
# Checks and the header filter live in .clang-tidy; any finding fails the target (WarningsAsErrors).
tidy: configure
	run-clang-tidy -p $(BUILD_DIR) -j $(JOBS) -quiet -extra-arg=-Wno-unknown-warning-option \
	  '$(CURDIR)/tests/(unit|property|backend|differential|dispatch|common)/'

# --- coverage --------------------------------------------------------------------------------------------------------
coverage: configure-cov
	cmake --build $(COV_BUILD_DIR) --target trueno_tests_cpu -j $(JOBS)
	find $(COV_BUILD_DIR) -name '*.gcda' -delete
	ctest --test-dir $(COV_BUILD_DIR) -L '$(CPU_TEST_LABELS)' --output-on-failure -j $(JOBS)
	mkdir -p $(COV_BUILD_DIR)/coverage
	gcovr --root . --object-directory $(COV_BUILD_DIR) --exclude-directories '$(COV_BUILD_DIR)/CMakeFiles' \
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

# The exhaustive float sweep of issue 3 (tests/accuracy/accuracy_full.cpp); environment: ACCURACY_STEP,
# ACCURACY_PAIRS, ACCURACY_THREADS, ACCURACY_FUNCS, ACCURACY_BACKENDS (docs/accuracy.md).
accuracy-full: configure
	cmake --build $(BUILD_DIR) --target trueno_accuracy_full -j $(JOBS)
	./$(BUILD_DIR)/tests/trueno_accuracy_full $(BUILD_DIR)/accuracy/accuracy.md

clean:
	rm -rf $(BUILD_DIR) $(CLANG_BUILD_DIR) $(ASAN_BUILD_DIR) $(COV_BUILD_DIR)
