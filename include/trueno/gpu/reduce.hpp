// trueno — reductions of GPU-resident tensors: sum, max, mean over the whole tensor (a rank-0 device tensor)
// or along the last axis (optionally keeping it with extent 1, `trueno::keepdims`), and softmax along the
// last axis. Results stay on the device; errors are worded as the CPU reductions'.
#pragma once

#include <algorithm>
#include <array>
#include <limits>
#include <string>

#include "../tensor/reduce.hpp"
#include "../tensor/softmax.hpp"
#include "ops.hpp"
#include "spirv/reduce_f32.hpp"
#include "spirv/softmax_f32.hpp"

TRUENO_BEGIN_NAMESPACE
namespace gpu::detail {

/// The reduction shader's operations (its specialisation constant OP); mean is a sum scaled by 1 / count.
enum class ReduceOp : std::uint32_t { sum = 0, max = 1, mean = 2 };

/// The reduction shader's push constants (shaders/reduce_f32.comp).
struct ReducePush {
  std::uint32_t rows, cols, n;
  float scale;
};
/// The softmax shader's push constants (shaders/softmax_f32.comp).
struct SoftmaxPush {
  std::uint32_t rows, cols;
};

inline void record_reduce(ReduceOp op, const Buffer& in, const Buffer& out, ReducePush push) {
  Context& ctx = context();
  const std::array<std::uint32_t, 1> spec{op == ReduceOp::max ? 1U : 0U};
  const std::array<const Buffer*, 2> buffers{&in, &out};
  const std::uint32_t groups = std::min(push.rows, ctx.max_groups()[0]);
  ctx.dispatch(spirv::reduce_f32, spec, buffers, bytes_of(push), {groups, 1, 1});
}

/// value_error for an empty max, as the CPU's.
inline void check_nonempty(ReduceOp op, std::size_t n) {
  if (op == ReduceOp::max) ::trueno::detail::check_reduce_nonempty<float>(n, "maximum");
}

/// The reduction of all of `a` into a rank-0 device tensor: passes over chunks, then over the partials.
template <std::size_t N>
DeviceTensor<float, 0> reduce_all(ReduceOp op, const DeviceTensor<float, N>& a) {
  const std::size_t n = a.size();
  check_nonempty(op, n);
  auto out = empty_device_tensor<float>(Shape<0>{});
  if (n == 0) {  // sum: 0; mean: NaN, as NumPy
    auto h = ::trueno::detail::empty_tensor<float>(Shape<0>{});
    h.data()[0] = op == ReduceOp::sum ? 0.0F : std::numeric_limits<float>::quiet_NaN();
    context().upload(out.buffer(), h.data(), sizeof(float));
    return out;
  }
  const float scale = op == ReduceOp::mean ? 1.0F / static_cast<float>(n) : 1.0F;
  const std::uint32_t chunk = std::max(context().reduce_chunk, 2U);
  std::uint32_t count = index32(n);
  DeviceTensor<float, 1> current{nullptr, Shape<1>{0}};
  const Buffer* in = &a.buffer();
  for (;;) {
    const std::uint32_t rows = (count + chunk - 1) / chunk;
    if (rows == 1) {
      record_reduce(op, *in, out.buffer(), {1, chunk, count, scale});
      return out;
    }
    auto partial = empty_device_tensor<float>(Shape<1>{rows});
    record_reduce(op, *in, partial.buffer(), {rows, chunk, count, 1.0F});
    current = partial;  // keeps the partials alive for the next pass
    in = &current.buffer();
    count = rows;
  }
}

/// The reduction along the last axis of `a` into a device tensor of `shape` (a's shape without, or with
/// extent 1 at, the last axis).
template <std::size_t R, std::size_t N>
DeviceTensor<float, R> reduce_last(ReduceOp op, const DeviceTensor<float, N>& a, std::ptrdiff_t axis,
                                   const Shape<R>& shape) {
  const std::size_t ax = ::trueno::detail::normalize_axis(axis, N);
  if (ax != N - 1) {
    throw gpu_error("GPU reductions run along the last axis only; got axis " + std::to_string(axis) +
                    " of a tensor of shape " + ::trueno::detail::format_shape(a.shape()));
  }
  const std::size_t cols = a.shape()[N - 1];
  auto out = empty_device_tensor<float>(shape);
  const std::size_t rows = out.size();
  if (rows == 0) return out;
  check_nonempty(op, cols);
  // cols = 0: the sum is 0 and the mean 0 * inf = NaN, as NumPy.
  const float scale = op == ReduceOp::mean ? 1.0F / static_cast<float>(cols) : 1.0F;
  record_reduce(op, a.buffer(), out.buffer(), {index32(rows), index32(cols), index32(a.size()), scale});
  return out;
}

template <std::size_t N>
Shape<N - 1> without_last(const Shape<N>& s) {
  Shape<N - 1> out{};
  for (std::size_t i = 0; i + 1 < N; ++i) out[i] = s[i];
  return out;
}
template <std::size_t N>
Shape<N> last_kept(Shape<N> s) {
  s[N - 1] = 1;
  return s;
}

}  // namespace gpu::detail

#define TRUENO_GPU_REDUCTION(name)                                                                           \
  template <std::size_t N>                                                                                   \
  [[nodiscard]] gpu::DeviceTensor<float, 0> name(const gpu::DeviceTensor<float, N>& a) {                     \
    return gpu::detail::reduce_all(gpu::detail::ReduceOp::name, a);                                          \
  }                                                                                                          \
  template <std::size_t N>                                                                                   \
  requires(N >= 1) [[nodiscard]] gpu::DeviceTensor<float, N - 1> name(const gpu::DeviceTensor<float, N>& a,  \
                                                                      std::ptrdiff_t axis) {                 \
    return gpu::detail::reduce_last(gpu::detail::ReduceOp::name, a, axis,                                    \
                                    gpu::detail::without_last(a.shape()));                                   \
  }                                                                                                          \
  template <std::size_t N>                                                                                   \
  requires(N >= 1) [[nodiscard]] gpu::DeviceTensor<float, N> name(const gpu::DeviceTensor<float, N>& a,      \
                                                                  std::ptrdiff_t axis, keepdims_t /*tag*/) { \
    return gpu::detail::reduce_last(gpu::detail::ReduceOp::name, a, axis,                                    \
                                    gpu::detail::last_kept(a.shape()));                                      \
  }
/// Sum on the GPU: of every element (a rank-0 device tensor), or along the last axis.
TRUENO_GPU_REDUCTION(sum)
/// Largest element on the GPU (NaN if any is NaN; value_error over nothing), whole or along the last axis.
TRUENO_GPU_REDUCTION(max)
/// Arithmetic mean on the GPU (NaN over nothing), whole or along the last axis.
TRUENO_GPU_REDUCTION(mean)
#undef TRUENO_GPU_REDUCTION

/// exp(x - max) / sum(exp(x - max)) along the last axis on the GPU (as the CPU softmax; other axes throw
/// gpu_error, out-of-range ones index_error).
template <std::size_t N>
requires(N >= 1) [[nodiscard]] gpu::DeviceTensor<float, N> softmax(const gpu::DeviceTensor<float, N>& t,
                                                                   std::ptrdiff_t axis = -1) {
  const std::size_t ax = detail::normalize_axis(axis, N);
  if (ax != N - 1) {
    throw gpu_error("GPU softmax runs along the last axis only; got axis " + std::to_string(axis) +
                    " of a tensor of shape " + detail::format_shape(t.shape()));
  }
  auto out = gpu::detail::empty_device_tensor<float>(t.shape());
  const std::size_t cols = t.shape()[N - 1];
  if (out.empty()) return out;
  gpu::detail::Context& ctx = gpu::detail::context();
  const gpu::detail::SoftmaxPush push{gpu::detail::index32(t.size() / cols), gpu::detail::index32(cols)};
  const std::array<const gpu::detail::Buffer*, 2> buffers{&t.buffer(), &out.buffer()};
  const std::uint32_t groups = std::min(push.rows, ctx.max_groups()[0]);
  ctx.dispatch(gpu::spirv::softmax_f32, std::span<const std::uint32_t>{}, buffers,
               gpu::detail::bytes_of(push), {groups, 1, 1});
  return out;
}

TRUENO_END_NAMESPACE
