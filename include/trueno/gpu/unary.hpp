// trueno — element-wise unary ops on GPU-resident tensors: neg, abs, exp, log, sqrt, relu, sigmoid, tanh (and
// unary minus). Each records one dispatch (shaders/unary_f32.comp) and returns a device tensor of the same
// shape, so chains stay on the device.
#pragma once

#include <algorithm>
#include <array>

#include "ops.hpp"
#include "spirv/unary_f32.hpp"

TRUENO_BEGIN_NAMESPACE
namespace gpu::detail {

/// The unary shader's operations (its specialisation constant OP).
enum class UnaryOp : std::uint32_t {
  neg = 0,
  abs = 1,
  exp = 2,
  log = 3,
  sqrt = 4,
  relu = 5,
  sigmoid = 6,
  tanh = 7
};

template <std::size_t N>
DeviceTensor<float, N> unary(UnaryOp op, const DeviceTensor<float, N>& a) {
  auto out = empty_device_tensor<float>(a.shape());
  const std::size_t n = out.size();
  if (n == 0) return out;
  const std::uint32_t push = index32(n);
  Context& ctx = context();
  const std::array<std::uint32_t, 1> spec{static_cast<std::uint32_t>(op)};
  const std::array<const Buffer*, 2> buffers{&a.buffer(), &out.buffer()};
  const auto groups = static_cast<std::uint32_t>(std::min<std::size_t>((n + 255) / 256, ctx.max_groups()[0]));
  ctx.dispatch(spirv::unary_f32, spec, buffers, bytes_of(push), {groups, 1, 1});
  return out;
}

}  // namespace gpu::detail

#define TRUENO_GPU_UNARY_OP(name)                                                        \
  template <std::size_t N>                                                               \
  [[nodiscard]] gpu::DeviceTensor<float, N> name(const gpu::DeviceTensor<float, N>& a) { \
    return gpu::detail::unary(gpu::detail::UnaryOp::name, a);                            \
  }
/// -a on the GPU.
TRUENO_GPU_UNARY_OP(neg)
/// |a| on the GPU.
TRUENO_GPU_UNARY_OP(abs)
/// e^a on the GPU.
TRUENO_GPU_UNARY_OP(exp)
/// Natural logarithm on the GPU (NaN below 0, -inf at 0).
TRUENO_GPU_UNARY_OP(log)
/// Square root on the GPU (NaN below 0).
TRUENO_GPU_UNARY_OP(sqrt)
/// max(a, 0) on the GPU (NaN stays NaN).
TRUENO_GPU_UNARY_OP(relu)
/// 1 / (1 + e^-a) on the GPU.
TRUENO_GPU_UNARY_OP(sigmoid)
/// Hyperbolic tangent on the GPU.
TRUENO_GPU_UNARY_OP(tanh)
#undef TRUENO_GPU_UNARY_OP

namespace gpu {
/// Unary minus, found by argument-dependent lookup.
template <std::size_t N>
[[nodiscard]] DeviceTensor<float, N> operator-(const DeviceTensor<float, N>& a) {
  return ::trueno::neg(a);
}
}  // namespace gpu

TRUENO_END_NAMESPACE
