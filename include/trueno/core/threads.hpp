// trueno — the library's thread count: set_num_threads / num_threads and TRUENO_NUM_THREADS.
#pragma once

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>

#include "error.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

[[nodiscard]] inline int hardware_threads() noexcept {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

// TRUENO_NUM_THREADS, read once: unset, empty or 0 means every hardware thread; anything else must be a
// non-negative integer.
[[nodiscard]] inline int env_num_threads() {
  static const int value = [] {
    const char* env =
        std::getenv("TRUENO_NUM_THREADS");  // NOLINT(concurrency-mt-unsafe): once, under the guard
    if (env == nullptr || *env == '\0') return hardware_threads();
    const std::string_view s(env);
    int n = -1;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size() || n < 0) {
      throw value_error("TRUENO_NUM_THREADS=" + std::string(s) + " is not a non-negative integer");
    }
    return n == 0 ? hardware_threads() : n;
  }();
  return value;
}

inline std::atomic<int>& num_threads_override() {
  static std::atomic<int> value{0};
  return value;
}

}  // namespace detail

/// Threads trueno's parallel kernels may use; 0 restores the default (TRUENO_NUM_THREADS, else all).
inline void set_num_threads(int n) {
  if (n < 0) throw value_error("set_num_threads: the thread count must be >= 0, got " + std::to_string(n));
  detail::num_threads_override().store(n, std::memory_order_relaxed);
}

/// The thread count in effect.
[[nodiscard]] inline int num_threads() {
  const int n = detail::num_threads_override().load(std::memory_order_relaxed);
  return n > 0 ? n : detail::env_num_threads();
}

TRUENO_END_NAMESPACE
