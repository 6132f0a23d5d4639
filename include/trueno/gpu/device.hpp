// trueno — the GPU as a place for tensors: gpu::available(), gpu::device() (a transfer target for
// `t.to(...)`), trueno::cpu (the way back), gpu::info(), gpu::stats(), gpu::synchronize().
//
// The GPU is brought up on the first call that needs it (thread-safe, once per process). No Vulkan loader, no
// driver or no suitable device means available() == false, silently; moving a tensor there then throws
// gpu_error. TRUENO_GPU=off|auto|force (read once) switches the GPU off, allows GPUs only (the default), or
// also CPU-type devices such as Mesa's lavapipe; TRUENO_VULKAN_LIBRARY names the loader to dlopen.
#pragma once

#include <type_traits>

#include "../tensor/tensor.hpp"
#include "detail/context.hpp"

TRUENO_BEGIN_NAMESPACE

namespace gpu {

template <class T, std::size_t N>
class DeviceTensor;

/// True when a Vulkan device is usable (see above). value_error for an invalid TRUENO_GPU.
[[nodiscard]] inline bool available() { return detail::runtime().context != nullptr; }

/// The device the context runs on; gpu_error when !available().
[[nodiscard]] inline const DeviceInfo& info() { return detail::context().info; }

/// Transfer and submission counters (all zero when !available()).
[[nodiscard]] inline Stats stats() { return available() ? detail::context().stats_snapshot() : Stats{}; }

/// Sets the counters to zero.
inline void reset_stats() {
  if (available()) detail::context().reset_stats();
}

/// Submits the recorded GPU work and waits for it (downloads do this by themselves).
inline void synchronize() {
  if (available()) detail::context().synchronize();
}

/// The GPU as a transfer target: `auto g = t.to(trueno::gpu::device());`.
class Device {
 public:
  /// Copies a host tensor (any strides) into a new contiguous device tensor; gpu_error when !available().
  template <class T, std::size_t N>
  [[nodiscard]] DeviceTensor<std::remove_const_t<T>, N> transfer(const Tensor<T, N>& t) const;
};

/// The GPU chosen at start-up (discrete > integrated > virtual > CPU-type when forced).
[[nodiscard]] inline Device device() noexcept { return {}; }

}  // namespace gpu

/// The host as a transfer target: `g.to(trueno::cpu)` downloads a GPU tensor; `t.to(trueno::cpu)` of a host
/// tensor is the tensor itself.
struct cpu_t {
  template <class T, std::size_t N>
  [[nodiscard]] Tensor<T, N> transfer(const Tensor<T, N>& t) const {
    return t;
  }
};
inline constexpr cpu_t cpu{};

TRUENO_END_NAMESPACE
