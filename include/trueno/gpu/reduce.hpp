// trueno — reductions of GPU-resident tensors: sum, max, min, mean over the whole tensor (a rank-0 device
// tensor) or along any one axis (optionally keeping it with extent 1, `trueno::keepdims`), and softmax /
// log_softmax along any one axis. Results stay on the device; errors are worded as the CPU reductions'.
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
#include "unary.hpp"

TRUENO_BEGIN_NAMESPACE
namespace gpu::detail {

/// The reductions; mean is a sum scaled by 1 / count.
enum class ReduceOp : std::uint32_t { sum, max, min, mean };

/// The reduction shader's push constants (shaders/reduce_f32.comp). inner == 0: one workgroup per row of
/// `cols` contiguous elements; inner >= 1: one invocation per output of x read as (outer, cols, inner), the
/// axis cut into parts of `chunk` elements.
struct ReducePush {
  std::uint32_t rows, cols, n;
  float scale;
  std::uint32_t inner, chunk;
};
/// The softmax shader's push constants (shaders/softmax_f32.comp); inner as for ReducePush.
struct SoftmaxPush {
  std::uint32_t rows, cols, inner;
};

/// Rows of kWorkgroupRowMin..kWorkgroupRowMax elements take a workgroup of 256 invocations each; shorter
/// ones and other axes one invocation per output, reading at most kLaneMax elements (longer axes are cut
/// into parts). The bounds on each invocation's loop also keep Mesa's lavapipe, which ends a shader's loops
/// after 65535 iterations, exact.
inline constexpr std::size_t kWorkgroupRowMin = 64;
inline constexpr std::size_t kWorkgroupRowMax = std::size_t{1} << 22;
inline constexpr std::size_t kLaneMax = 4096;
/// With fewer outputs than this, a long axis is cut into parts for parallelism.
inline constexpr std::size_t kWantedOutputs = std::size_t{1} << 17;

/// Workgroups for `push`: one per row, or one per 256 outputs; at most the device's grid.
inline std::uint32_t reduce_groups(std::uint32_t rows, std::uint32_t inner) {
  const std::uint32_t wanted = inner == 0 ? rows : (rows + 255) / 256;
  return std::min(wanted, context().max_groups()[0]);
}

inline void record_reduce(ReduceOp op, const Buffer& in, const Buffer& out, ReducePush push) {
  const std::array<std::uint32_t, 1> spec{op == ReduceOp::max ? 1U : op == ReduceOp::min ? 2U : 0U};
  const std::array<const Buffer*, 2> buffers{&in, &out};
  context().dispatch(spirv::reduce_f32, spec, buffers, bytes_of(push),
                     {reduce_groups(push.rows, push.inner), 1, 1});
}

/// value_error for an empty max or min, as the CPU's.
inline void check_nonempty(ReduceOp op, std::size_t n) {
  if (op == ReduceOp::max) ::trueno::detail::check_reduce_nonempty<float>(n, "maximum");
  if (op == ReduceOp::min) ::trueno::detail::check_reduce_nonempty<float>(n, "minimum");
}

/// A tensor's shape as (outer, extent of `axis`, inner).
struct AxisSplit {
  std::size_t outer = 1, len = 1, inner = 1;
};
template <std::size_t N>
AxisSplit split_at(const Shape<N>& s, std::size_t axis) {
  AxisSplit r;
  for (std::size_t i = 0; i < N; ++i) {  // one loop over s: GCC 12 -O3 then sees no index past N
    if (i < axis) {
      r.outer *= s[i];
    } else if (i == axis) {
      r.len = s[i];
    } else {
      r.inner *= s[i];
    }
  }
  return r;
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
      record_reduce(op, *in, out.buffer(), {1, chunk, count, scale, 0, 0});
      return out;
    }
    auto partial = empty_device_tensor<float>(Shape<1>{rows});
    record_reduce(op, *in, partial.buffer(), {rows, chunk, count, 1.0F, 0, 0});
    current = partial;  // keeps the partials alive for the next pass
    in = &current.buffer();
    count = rows;
  }
}

/// Records the reduction of `x` read as (outer, len, inner) along len into `out` (outer * inner values,
/// sums scaled by `scale`). An axis cut into parts is reduced into partial results first, then those
/// (recursively, so that no invocation reads more than kLaneMax elements or a row above kWorkgroupRowMax).
inline void reduce_lanes(ReduceOp op, const Buffer& x, const AxisSplit& d, const Buffer& out, float scale) {
  const std::uint32_t outputs = index32(d.outer * d.inner), n = index32(d.outer * d.len * d.inner);
  const std::uint32_t len = index32(d.len), inner = index32(d.inner);
  if (d.len == 0 || (d.inner == 1 && d.len >= kWorkgroupRowMin && d.len <= kWorkgroupRowMax)) {
    record_reduce(op, x, out, {outputs, len, n, scale, 0, 0});  // len = 0: sum 0, mean 0 * inf = NaN
    return;
  }
  std::size_t chunk = d.len;
  if (d.len >= 256 && (outputs < kWantedOutputs || d.len > kLaneMax)) {
    const std::size_t parts = std::max(std::min((kWantedOutputs + outputs - 1) / outputs, d.len / 64),
                                       (d.len + kLaneMax - 1) / kLaneMax);
    chunk = (d.len + parts - 1) / parts;
  }
  if (chunk == d.len) {
    record_reduce(op, x, out, {outputs, len, n, scale, inner, len});
    return;
  }
  const AxisSplit parts{d.outer, (d.len + chunk - 1) / chunk, d.inner};
  auto partial = empty_device_tensor<float>(Shape<1>{parts.outer * parts.len * parts.inner});
  record_reduce(op, x, partial.buffer(), {index32(partial.size()), len, n, 1.0F, inner, index32(chunk)});
  reduce_lanes(op, partial.buffer(), parts, out, scale);
}

/// The reduction along `axis` of `a` into a device tensor of `shape` (a's shape without, or with extent 1 at,
/// that axis).
template <std::size_t R, std::size_t N>
DeviceTensor<float, R> reduce_axis(ReduceOp op, const DeviceTensor<float, N>& a, std::ptrdiff_t axis,
                                   const Shape<R>& shape) {
  const AxisSplit d = split_at(a.shape(), ::trueno::detail::normalize_axis(axis, N));
  auto out = empty_device_tensor<float>(shape);
  if (out.empty()) return out;
  check_nonempty(op, d.len);
  const float scale = op == ReduceOp::mean ? 1.0F / static_cast<float>(d.len) : 1.0F;
  reduce_lanes(op, a.buffer(), d, out.buffer(), scale);
  return out;
}

template <std::size_t N>
Shape<N - 1> without_axis(const Shape<N>& s, std::ptrdiff_t axis) {
  const std::size_t ax = ::trueno::detail::normalize_axis(axis, N);
  Shape<N - 1> out{};
  for (std::size_t i = 0; i + 1 < N; ++i) out[i] = s[i < ax ? i : i + 1];  // indices GCC 12 -O3 can bound
  return out;
}
template <std::size_t N>
Shape<N> axis_kept(Shape<N> s, std::ptrdiff_t axis) {
  const std::size_t ax = ::trueno::detail::normalize_axis(axis, N);
  for (std::size_t i = 0; i < N; ++i) {
    if (i == ax) s[i] = 1;
  }
  return s;
}

/// softmax (log = false) or log_softmax along `axis` on the device: fused in one dispatch for long rows of
/// the last axis and for many short lanes; otherwise composed of reductions (an axis cut into parts) and
/// broadcast element-wise ops: m = max, e = exp(x - m), s = sum(e), then e / s or (x - m) - log(s).
template <std::size_t N>
DeviceTensor<float, N> softmax_axis(const DeviceTensor<float, N>& t, std::ptrdiff_t axis, bool log) {
  const AxisSplit d = split_at(t.shape(), ::trueno::detail::normalize_axis(axis, N));
  if (t.empty()) return empty_device_tensor<float>(t.shape());
  const std::size_t lanes = d.outer * d.inner;
  const bool rows = d.inner == 1 && d.len >= kWorkgroupRowMin && d.len <= kWorkgroupRowMax / 4;
  const bool per_lane = d.len <= kLaneMax / 4 && (lanes >= kWantedOutputs / 8 || d.len < kWorkgroupRowMin);
  if (rows || per_lane) {
    auto out = empty_device_tensor<float>(t.shape());
    const SoftmaxPush push{index32(lanes), index32(d.len), rows ? 0U : index32(d.inner)};
    const std::array<std::uint32_t, 1> spec{log ? 1U : 0U};
    const std::array<const Buffer*, 2> buffers{&t.buffer(), &out.buffer()};
    context().dispatch(spirv::softmax_f32, spec, buffers, bytes_of(push),
                       {reduce_groups(push.rows, push.inner), 1, 1});
    return out;
  }
  const Shape<3> whole{d.outer, d.len, d.inner}, kept{d.outer, 1, d.inner};
  const auto x = t.reshape_to(whole);
  auto m = empty_device_tensor<float>(kept);
  reduce_lanes(ReduceOp::max, x.buffer(), d, m.buffer(), 1.0F);
  const auto shifted = binary<3>(BinaryOp::sub, x, m);
  const auto e = ::trueno::exp(shifted);
  auto s = empty_device_tensor<float>(kept);
  reduce_lanes(ReduceOp::sum, e.buffer(), d, s.buffer(), 1.0F);
  const auto y = log ? binary<3>(BinaryOp::sub, shifted, ::trueno::log(s)) : binary<3>(BinaryOp::div, e, s);
  return y.reshape_to(t.shape());
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
    return gpu::detail::reduce_axis(gpu::detail::ReduceOp::name, a, axis,                                    \
                                    gpu::detail::without_axis(a.shape(), axis));                             \
  }                                                                                                          \
  template <std::size_t N>                                                                                   \
  requires(N >= 1) [[nodiscard]] gpu::DeviceTensor<float, N> name(const gpu::DeviceTensor<float, N>& a,      \
                                                                  std::ptrdiff_t axis, keepdims_t /*tag*/) { \
    return gpu::detail::reduce_axis(gpu::detail::ReduceOp::name, a, axis,                                    \
                                    gpu::detail::axis_kept(a.shape(), axis));                                \
  }
/// Sum on the GPU: of every element (a rank-0 device tensor), or along one axis.
TRUENO_GPU_REDUCTION(sum)
/// Largest element on the GPU (NaN if any is NaN; value_error over nothing), whole or along one axis.
TRUENO_GPU_REDUCTION(max)
/// Smallest element on the GPU (NaN if any is NaN; value_error over nothing), whole or along one axis.
TRUENO_GPU_REDUCTION(min)
/// Arithmetic mean on the GPU (NaN over nothing), whole or along one axis.
TRUENO_GPU_REDUCTION(mean)
#undef TRUENO_GPU_REDUCTION

/// exp(x - max) / sum(exp(x - max)) along `axis` (default: the last) on the GPU, as the CPU softmax
/// (out-of-range axes throw index_error).
template <std::size_t N>
requires(N >= 1) [[nodiscard]] gpu::DeviceTensor<float, N> softmax(const gpu::DeviceTensor<float, N>& t,
                                                                   std::ptrdiff_t axis = -1) {
  return gpu::detail::softmax_axis(t, axis, false);
}
/// x - max - log(sum(exp(x - max))) along `axis` (default: the last) on the GPU, as the CPU log_softmax.
template <std::size_t N>
requires(N >= 1) [[nodiscard]] gpu::DeviceTensor<float, N> log_softmax(const gpu::DeviceTensor<float, N>& t,
                                                                       std::ptrdiff_t axis = -1) {
  return gpu::detail::softmax_axis(t, axis, true);
}

TRUENO_END_NAMESPACE
