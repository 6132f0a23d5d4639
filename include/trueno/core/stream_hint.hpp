// trueno — the streaming-store hint. The element-wise kernels write an output of at least kStreamBytes
// (simd/elementwise-inl.hpp) with non-temporal stores. A parallel loop cuts such an output into tasks smaller
// than that, so it sets this thread-local hint around its tasks and they stream too (the values are the same
// either way; only the stores differ).
#pragma once

#include <cstddef>

#include "../version.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

/// Outputs of at least this many bytes are written with non-temporal (streaming) stores: an array that large
/// does not stay in the core's caches anyway, and streaming skips the read-for-ownership of every output line
/// (about 1.6x the bandwidth of ordinary stores at 10M floats here; docs/performance.md).
inline constexpr std::size_t kStreamBytes = std::size_t{16} << 20;

/// True while the calling thread runs a task of an output large enough to be written with streaming stores.
[[nodiscard]] inline bool& stream_outputs_hint() noexcept {
  thread_local bool hint = false;
  return hint;
}

/// Sets the hint for the calling thread for its lifetime (restoring the previous value after).
class StreamOutputsScope {
 public:
  explicit StreamOutputsScope(bool on) noexcept : saved_(stream_outputs_hint()) {
    stream_outputs_hint() = on;
  }
  ~StreamOutputsScope() { stream_outputs_hint() = saved_; }
  StreamOutputsScope(const StreamOutputsScope&) = delete;
  StreamOutputsScope& operator=(const StreamOutputsScope&) = delete;
  StreamOutputsScope(StreamOutputsScope&&) = delete;
  StreamOutputsScope& operator=(StreamOutputsScope&&) = delete;

 private:
  bool saved_;
};

}  // namespace detail
TRUENO_END_NAMESPACE
