// trueno — ops on GPU-resident tensors: matmul (NumPy semantics, batched with broadcast batch axes) and the
// element-wise add, sub, mul, div (NumPy broadcasting up to rank 4), with the operators. Each records one or
// more dispatches into the open command batch and returns a device tensor: nothing is submitted or copied
// back until a result is downloaded (cpu()) or gpu::synchronize() is called.
#pragma once

#include <algorithm>
#include <array>
#include <cstring>
#include <span>
#include <string>

#include "../linalg/matmul.hpp"
#include "spirv/binary_f32.hpp"
#include "spirv/matmul_f32.hpp"
#include "tensor.hpp"

TRUENO_BEGIN_NAMESPACE
namespace gpu::detail {

/// The matmul shader's push constants (shaders/matmul_f32.comp).
struct MatmulPush {
  std::uint32_t m, n, k, lda, ldb, ldc, stride_a, stride_b, stride_c, offset_a, offset_b, offset_c;
};
/// The element-wise shader's push constants (shaders/binary_f32.comp, std430: the vectors start at 16).
struct BinaryPush {
  std::uint32_t n, pad[3];
  std::uint32_t shape[4], stride_a[4], stride_b[4];
};
/// The binary shader's operations; `first` copies a (b unused): the strided gather behind permuted_copy.
enum class BinaryOp : std::uint32_t { add = 0, sub = 1, mul = 2, div = 3, first = 4 };

template <class P>
std::span<const std::byte> bytes_of(const P& p) noexcept {
  return {reinterpret_cast<const std::byte*>(&p), sizeof(P)};
}

/// Shader indices are 32-bit: gpu_error for larger tensors.
inline std::uint32_t index32(std::size_t n) {
  if (n > 0xFFFFFFFFU) throw gpu_error("tensor too large for the GPU kernels (more than 2^32 - 1 elements)");
  return static_cast<std::uint32_t>(n);
}

/// value_error unless `t` is a tile shape the matmul shader supports on this device.
inline void check_matmul_tiles(const MatmulTiles& t, const Context& ctx) {
  const bool shape_ok = t.tm > 0 && t.tn > 0 && t.tn % 4 == 0 && t.bk > 0 && t.bk % 4 == 0 &&
                        t.bm % t.tm == 0 && t.bn % t.tn == 0 && t.bm > 0 && t.bn > 0 &&
                        (t.stages == 1 || t.stages == 2);
  if (!shape_ok || t.invocations() > ctx.max_invocations() || t.shared_bytes() > ctx.max_shared_bytes()) {
    throw value_error("matmul tiles " + std::to_string(t.bm) + "x" + std::to_string(t.bn) + "x" +
                      std::to_string(t.bk) + "/" + std::to_string(t.tm) + "x" + std::to_string(t.tn) + " (" +
                      std::to_string(t.stages) +
                      " stages): tn and bk must be multiples of 4, tm | bm, tn | bn, stages 1 or 2, within "
                      "the device's invocations and shared memory per workgroup");
  }
}

/// gpu_error where the GEMM core's K loop (K / BK steps per invocation) would pass the device's loop bound
/// (lavapipe: Context::max_loop_iterations), instead of a silently truncated sum. Routed host ops then run
/// on the CPU.
inline void check_k_steps(std::size_t k, const MatmulTiles& t, const Context& ctx, const char* op) {
  const std::uint64_t steps = (k + t.bk - 1) / t.bk;
  if (steps > ctx.max_loop_iterations()) {
    throw gpu_error(std::string(op) + ": K = " + std::to_string(k) + " takes " + std::to_string(steps) +
                    " steps of " + std::to_string(t.bk) + ", more than the " +
                    std::to_string(ctx.max_loop_iterations()) + " loop iterations " + ctx.info.name +
                    " runs in one invocation");
  }
}

/// Records the matmul shader over `batch` matrix products; the workgroup grid is split along z where it
/// exceeds the device's limit.
inline void record_matmul(const Buffer& a, const Buffer& b, const Buffer& c, MatmulPush push,
                          std::size_t batch) {
  Context& ctx = context();
  const MatmulTiles t = ctx.matmul_tiles;
  check_matmul_tiles(t, ctx);
  check_k_steps(push.k, t, ctx, "matmul");
  // vec4 global loads and stores when every row and matrix starts on a multiple of 4 elements.
  const bool vec4 = push.k % 4 == 0 && push.n % 4 == 0;
  const std::array<std::uint32_t, 8> spec{t.bm,           t.bn,    t.bk, t.tm, t.tn, t.invocations(),
                                          vec4 ? 1U : 0U, t.stages};
  const std::array<const Buffer*, 3> buffers{&a, &b, &c};
  const std::uint32_t gx = (push.n + t.bn - 1) / t.bn, gy = (push.m + t.bm - 1) / t.bm;
  const std::uint32_t max_z = ctx.max_groups()[2];
  for (std::size_t z0 = 0; z0 < batch; z0 += max_z) {
    const auto gz = static_cast<std::uint32_t>(std::min<std::size_t>(max_z, batch - z0));
    ctx.dispatch(spirv::matmul_f32, spec, buffers, bytes_of(push), {gx, gy, gz});
    push.offset_a += gz * push.stride_a;
    push.offset_b += gz * push.stride_b;
    push.offset_c += gz * push.stride_c;
  }
}

template <std::size_t R, std::size_t A, std::size_t B>
DeviceTensor<float, R> binary(BinaryOp op, const DeviceTensor<float, A>& a, const DeviceTensor<float, B>& b) {
  const Shape<R> shape = ::trueno::detail::broadcast_shapes<R>(a.shape(), b.shape());
  auto out = empty_device_tensor<float>(shape);
  const std::size_t n = out.size();
  if (n == 0) return out;
  BinaryPush push{};
  push.n = index32(n);
  bool broadcast = false;
  if constexpr (A == B)
    broadcast = a.shape() != b.shape();
  else
    broadcast = true;
  if (broadcast) {
    if constexpr (R > 4) {
      throw gpu_error("GPU element-wise ops broadcast up to rank 4; got shapes " +
                      ::trueno::detail::format_shape(a.shape()) + " " +
                      ::trueno::detail::format_shape(b.shape()));
    } else {
      // Left-pad to rank 4; a stride is 0 along an axis the operand broadcasts.
      const auto fill = [&](const auto& s, std::uint32_t* strides) {
        constexpr std::size_t M = std::tuple_size_v<std::remove_cvref_t<decltype(s)>>;
        std::uint32_t step = 1;
        for (std::size_t i = M; i-- > 0;) {
          strides[4 - M + i] = s[i] == 1 ? 0 : step;
          step *= index32(s[i]);
        }
      };
      for (std::size_t i = 0; i < 4; ++i) push.shape[i] = 1;
      for (std::size_t i = 0; i < R; ++i) push.shape[4 - R + i] = index32(shape[i]);
      fill(a.shape(), push.stride_a);
      fill(b.shape(), push.stride_b);
    }
  }
  Context& ctx = context();
  const std::array<std::uint32_t, 2> spec{static_cast<std::uint32_t>(op), broadcast ? 1U : 0U};
  const std::array<const Buffer*, 3> buffers{&a.buffer(), &b.buffer(), &out.buffer()};
  const auto groups = static_cast<std::uint32_t>(std::min<std::size_t>((n + 255) / 256, ctx.max_groups()[0]));
  ctx.dispatch(spirv::binary_f32, spec, buffers, bytes_of(push), {groups, 1, 1});
  return out;
}

template <std::size_t N>
DeviceTensor<float, N> permuted_copy(const DeviceTensor<float, N>& t,
                                     const std::array<std::size_t, N>& order) {
  Shape<N> shape{};
  for (std::size_t k = 0; k < N; ++k) shape[k] = t.shape()[order[k]];
  auto out = empty_device_tensor<float>(shape);
  const std::size_t n = out.size();
  if (n == 0) return out;
  if constexpr (N > 4) {
    throw gpu_error("GPU axis reorders run up to rank 4; got a tensor of shape " +
                    ::trueno::detail::format_shape(t.shape()));
  } else {
    // Result axis k reads t's axis order[k] with t's (contiguous) stride there; left-padded to rank 4.
    std::array<std::uint32_t, N> strides{};
    std::uint32_t step = 1;
    for (std::size_t i = N; i-- > 0;) {
      strides[i] = step;
      step *= index32(t.shape()[i]);
    }
    BinaryPush push{};
    push.n = index32(n);
    for (std::size_t i = 0; i < 4; ++i) push.shape[i] = 1;
    for (std::size_t k = 0; k < N; ++k) {
      push.shape[4 - N + k] = index32(shape[k]);
      push.stride_a[4 - N + k] = strides[order[k]];
    }
    Context& ctx = context();
    const std::array<std::uint32_t, 2> spec{static_cast<std::uint32_t>(BinaryOp::first), 1U};
    const std::array<const Buffer*, 3> buffers{&t.buffer(), &t.buffer(), &out.buffer()};
    const auto groups =
        static_cast<std::uint32_t>(std::min<std::size_t>((n + 255) / 256, ctx.max_groups()[0]));
    ctx.dispatch(spirv::binary_f32, spec, buffers, bytes_of(push), {groups, 1, 1});
  }
  return out;
}

}  // namespace gpu::detail

/// NumPy's matmul on GPU tensors: 1-D operands are promoted (and the added axis removed), N-d operands are
/// stacks of matrices with broadcast batch axes; shape_error worded as NumPy's. The product is recorded on
/// the device; the result stays there.
template <std::size_t A, std::size_t B>
requires(A >= 1 && B >= 1) [[nodiscard]] gpu::DeviceTensor<float, detail::matmul_rank_v<A, B>> matmul(
    const gpu::DeviceTensor<float, A>& a, const gpu::DeviceTensor<float, B>& b) {
  constexpr std::size_t R = detail::matmul_rank_v<A, B>;
  const Shape<R> shape = detail::matmul_shape(a.shape(), b.shape());
  auto out = gpu::detail::empty_device_tensor<float>(shape);
  if (out.empty()) return out;
  // Batch axes of each operand (none for 1-D and 2-D), broadcast together.
  constexpr std::size_t BA = A > 2 ? A - 2 : 0, BB = B > 2 ? B - 2 : 0, RB = BA > BB ? BA : BB;
  Shape<BA> batch_a{};
  Shape<BB> batch_b{};
  for (std::size_t i = 0; i < BA; ++i) batch_a[i] = a.shape()[i];
  for (std::size_t i = 0; i < BB; ++i) batch_b[i] = b.shape()[i];
  const Shape<RB> batch = detail::broadcast_shapes<RB>(batch_a, batch_b);
  const std::size_t count = detail::shape_size(batch), count_a = detail::shape_size(batch_a),
                    count_b = detail::shape_size(batch_b);
  const std::size_t m = A == 1 ? 1 : a.shape()[A - 2], k = a.shape()[A - 1],
                    n = B == 1 ? 1 : b.shape()[B - 1];
  gpu::detail::MatmulPush push{};
  push.m = gpu::detail::index32(m);
  push.n = gpu::detail::index32(n);
  push.k = gpu::detail::index32(k);
  push.lda = push.k;
  push.ldb = push.n;
  push.ldc = push.n;
  gpu::detail::index32(std::max({a.size(), b.size(), out.size()}));
  if ((count_a == count || count_a == 1) && (count_b == count || count_b == 1)) {
    // One dispatch: each operand is either a full stack or a single matrix (stride 0).
    push.stride_a = count_a == 1 ? 0 : push.m * push.k;
    push.stride_b = count_b == 1 ? 0 : push.k * push.n;
    push.stride_c = push.m * push.n;
    gpu::detail::record_matmul(a.buffer(), b.buffer(), out.buffer(), push, count);
  } else {
    // Partly broadcast batch axes, e.g. (2, 1, m, k) @ (3, k, n): one dispatch per product.
    for (std::size_t t = 0; t < count; ++t) {
      std::size_t rest = t, ia = 0, ib = 0, sa = 1, sb = 1;
      for (std::size_t i = RB; i-- > 0;) {
        const std::size_t idx = rest % batch[i];
        rest /= batch[i];
        if (i + BA >= RB) {
          const std::size_t ax = i + BA - RB;
          ia += (batch_a[ax] == 1 ? 0 : idx) * sa;
          sa *= batch_a[ax];
        }
        if (i + BB >= RB) {
          const std::size_t ax = i + BB - RB;
          ib += (batch_b[ax] == 1 ? 0 : idx) * sb;
          sb *= batch_b[ax];
        }
      }
      push.offset_a = gpu::detail::index32(ia * m * k);
      push.offset_b = gpu::detail::index32(ib * k * n);
      push.offset_c = gpu::detail::index32(t * m * n);
      gpu::detail::record_matmul(a.buffer(), b.buffer(), out.buffer(), push, 1);
    }
  }
  return out;
}

// Element-wise ops on GPU tensors, NumPy broadcasting (up to rank 4 when the shapes differ).
#define TRUENO_GPU_BINARY_OP(name, op_name)                                                           \
  template <std::size_t A, std::size_t B>                                                             \
  [[nodiscard]] gpu::DeviceTensor<float, std::max(A, B)> name(const gpu::DeviceTensor<float, A>& a,   \
                                                              const gpu::DeviceTensor<float, B>& b) { \
    return gpu::detail::binary<std::max(A, B)>(gpu::detail::BinaryOp::op_name, a, b);                 \
  }
/// a + b on the GPU.
TRUENO_GPU_BINARY_OP(add, add)
/// a - b on the GPU.
TRUENO_GPU_BINARY_OP(sub, sub)
/// a * b on the GPU.
TRUENO_GPU_BINARY_OP(mul, mul)
/// a / b on the GPU.
TRUENO_GPU_BINARY_OP(div, div)
#undef TRUENO_GPU_BINARY_OP

namespace gpu {
// Operators, found by argument-dependent lookup.
template <std::size_t A, std::size_t B>
[[nodiscard]] auto operator+(const DeviceTensor<float, A>& a, const DeviceTensor<float, B>& b) {
  return ::trueno::add(a, b);
}
template <std::size_t A, std::size_t B>
[[nodiscard]] auto operator-(const DeviceTensor<float, A>& a, const DeviceTensor<float, B>& b) {
  return ::trueno::sub(a, b);
}
template <std::size_t A, std::size_t B>
[[nodiscard]] auto operator*(const DeviceTensor<float, A>& a, const DeviceTensor<float, B>& b) {
  return ::trueno::mul(a, b);
}
template <std::size_t A, std::size_t B>
[[nodiscard]] auto operator/(const DeviceTensor<float, A>& a, const DeviceTensor<float, B>& b) {
  return ::trueno::div(a, b);
}
}  // namespace gpu

TRUENO_END_NAMESPACE
