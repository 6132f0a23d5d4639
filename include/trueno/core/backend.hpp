// trueno — the SIMD backend: which one the CPU supports, which one is active, and the override.
#pragma once

#include <atomic>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cpu_features.hpp"
#include "error.hpp"

TRUENO_BEGIN_NAMESPACE

/// The kernel families trueno can dispatch to.
enum class Backend { scalar, sse2, avx2, avx512, neon };

/// The lower-case name used by TRUENO_BACKEND ("scalar", "sse2", "avx2", "avx512", "neon").
[[nodiscard]] constexpr std::string_view to_string(Backend b) noexcept {
  switch (b) {
    case Backend::scalar:
      return "scalar";
    case Backend::sse2:
      return "sse2";
    case Backend::avx2:
      return "avx2";
    case Backend::avx512:
      return "avx512";
    case Backend::neon:
      return "neon";
  }
  return "unknown";
}

namespace detail {

inline constexpr int kBackendCount = 5;

// Whether this build compiled kernels for `b` (TRUENO_DISABLE_SIMD leaves only scalar).
[[nodiscard]] constexpr bool backend_compiled(Backend b) noexcept {
#if defined(TRUENO_DISABLE_SIMD)
  return b == Backend::scalar;
#elif defined(TRUENO_ARCH_X86) && (defined(__GNUC__) || defined(__clang__))
  return b != Backend::neon;
#elif defined(TRUENO_ARCH_ARM64) && (defined(__GNUC__) || defined(__clang__))
  return b == Backend::scalar || b == Backend::neon;
#else
  return b == Backend::scalar;
#endif
}

// The CPU features `b` needs that this CPU lacks, comma separated; empty when `b` can run.
[[nodiscard]] inline std::string missing_features(Backend b, const CpuFeatures& f) {
  std::string missing;
  auto need = [&missing](bool have, std::string_view name) {
    if (!have) {
      if (!missing.empty()) missing += ", ";
      missing += name;
    }
  };
  switch (b) {
    case Backend::scalar:
      break;
    case Backend::sse2:
      need(f.sse2, "sse2");
      break;
    case Backend::avx2:
      need(f.avx2, "avx2");
      need(f.fma, "fma");
      break;
    case Backend::avx512:
      need(f.avx512f, "avx512f");
      need(f.avx512bw, "avx512bw");
      need(f.avx512dq, "avx512dq");
      need(f.avx512vl, "avx512vl");
      break;
    case Backend::neon:
      need(f.neon, "neon");
      break;
  }
  return missing;
}

[[nodiscard]] inline bool backend_supported(Backend b) {
  return backend_compiled(b) && missing_features(b, cpu_features()).empty();
}

// The fastest backend this CPU and build support.
[[nodiscard]] inline Backend best_backend() {
  for (Backend b : {Backend::avx512, Backend::avx2, Backend::sse2, Backend::neon}) {
    if (backend_supported(b)) return b;
  }
  return Backend::scalar;
}

inline void require_backend(Backend b) {
  if (!backend_compiled(b)) {
    throw backend_error("backend " + std::string(to_string(b)) + " is not compiled into this build");
  }
  const std::string missing = missing_features(b, cpu_features());
  if (!missing.empty()) {
    throw backend_error("backend " + std::string(to_string(b)) +
                        " needs CPU features this CPU lacks: " + missing);
  }
}

[[nodiscard]] inline Backend parse_backend_env(const char* value) {
  const std::string_view v(value);
  for (Backend b : {Backend::scalar, Backend::sse2, Backend::avx2, Backend::avx512, Backend::neon}) {
    if (v == to_string(b)) {
      require_backend(b);
      return b;
    }
  }
  throw value_error("TRUENO_BACKEND=" + std::string(v) +
                    " is not a backend; expected one of scalar, sse2, avx2, avx512, neon");
}

// The choice made at first use: TRUENO_BACKEND if set (validated), else the best the CPU has.
[[nodiscard]] inline Backend initial_backend() {
  static const Backend chosen = [] {
    const char* env =
        std::getenv("TRUENO_BACKEND");  // NOLINT(concurrency-mt-unsafe): read once, under the static guard
    return (env != nullptr && *env != '\0') ? parse_backend_env(env) : best_backend();
  }();
  return chosen;
}

// -1 until set_backend() is called; then the overriding backend.
inline std::atomic<int>& backend_override() {
  static std::atomic<int> value{-1};
  return value;
}

}  // namespace detail

/// The backend every op dispatches to. Throws value_error on an invalid TRUENO_BACKEND (at first use).
[[nodiscard]] inline Backend active_backend() {
  const int o = detail::backend_override().load(std::memory_order_relaxed);
  return o >= 0 ? static_cast<Backend>(o) : detail::initial_backend();
}

/// Forces a backend for the whole process; throws backend_error naming the missing CPU features.
inline void set_backend(Backend b) {
  detail::require_backend(b);
  detail::backend_override().store(static_cast<int>(b), std::memory_order_relaxed);
}

TRUENO_END_NAMESPACE
