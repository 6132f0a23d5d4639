// Helpers of the GPU tests: the forced lavapipe setup and random host tensors.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "trueno/trueno.hpp"

namespace trueno_test {

/// True when a Vulkan device is up. TRUENO_GPU defaults to force here (lavapipe counts), unless set already;
/// it is read once, at the first GPU call of the process. Host matmul and conv2d stay on the CPU (they are
/// the references), except in the routing tests, which set thresholds of their own.
inline bool gpu_ready() {
  setenv("TRUENO_GPU", "force", 0);
  trueno::gpu::set_routing_thresholds({});
  return trueno::gpu::available();
}

#define TRUENO_REQUIRE_GPU()                                                                               \
  do {                                                                                                     \
    if (!trueno_test::gpu_ready()) {                                                                       \
      FAIL() << "no Vulkan device: install mesa-vulkan-drivers (lavapipe) and run with TRUENO_GPU=force (" \
             << trueno::gpu::detail::runtime().why << ")";                                                 \
    }                                                                                                      \
  } while (false)

/// Sets one of the device's tile shapes (`&Context::matmul_tiles`, `&Context::conv_tiles`) for its lifetime.
class TilesGuard {
 public:
  using Tiles = trueno::gpu::detail::MatmulTiles;
  TilesGuard(Tiles trueno::gpu::detail::Context::*member, Tiles t)
      : member_(member), saved_(trueno::gpu::detail::context().*member) {
    trueno::gpu::detail::context().*member_ = t;
  }
  TilesGuard(const TilesGuard&) = delete;
  TilesGuard& operator=(const TilesGuard&) = delete;
  TilesGuard(TilesGuard&&) = delete;
  TilesGuard& operator=(TilesGuard&&) = delete;
  ~TilesGuard() { trueno::gpu::detail::context().*member_ = saved_; }

 private:
  Tiles trueno::gpu::detail::Context::*member_;
  Tiles saved_;
};

/// A host tensor of `shape` with uniform values in [-1, 1).
template <std::size_t N>
trueno::Tensor<float, N> random_tensor(const trueno::Shape<N>& shape, std::mt19937& rng) {
  auto t = trueno::detail::empty_tensor<float>(shape);
  std::uniform_real_distribution<float> dist(-1.0F, 1.0F);
  for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = dist(rng);
  return t;
}

/// Largest |a - b| over two tensors of one shape (both contiguous).
template <std::size_t N>
float max_abs_diff(const trueno::Tensor<float, N>& a, const trueno::Tensor<float, N>& b) {
  float d = 0;
  for (std::size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(a.data()[i] - b.data()[i]));
  return d;
}

}  // namespace trueno_test
