// trueno — conv2d on GPU-resident tensors: trueno::conv2d(gx, gw, {.bias = b, .stride = 2, .padding = 1})
// with the CPU conv2d's options and shape errors. An implicit GEMM (shaders/conv2d_f32.comp): the receptive
// fields are gathered on the fly, never stored. groups = 1 only (gpu_error otherwise).
#pragma once

#include <algorithm>
#include <array>
#include <string>

#include "../linalg/conv.hpp"
#include "ops.hpp"
#include "spirv/conv2d_f32.hpp"

TRUENO_BEGIN_NAMESPACE
namespace gpu::detail {

/// The conv2d shader's push constants (shaders/conv2d_f32.comp).
struct Conv2dPush {
  std::uint32_t m, p, k, c, h, w, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw;
};

/// Records conv2d of contiguous x (batch, c_in, h, w) with weight (c_out, c_in, kh, kw) into out (batch,
/// c_out, oh, ow); `bias` is null or c_out values.
inline void record_conv2d(const Buffer& x, const Buffer& weight, const Buffer* bias, const Buffer& out,
                          const ::trueno::detail::ConvGeometry& g) {
  Context& ctx = context();
  const MatmulTiles t = ctx.conv_tiles;
  check_matmul_tiles(t, ctx);
  Conv2dPush push{};
  push.m = index32(g.c_out);
  push.p = index32(g.batch * g.oh * g.ow);
  push.k = index32(g.c_in * g.kh * g.kw);
  check_k_steps(push.k, t, ctx, "conv2d");
  push.c = index32(g.c_in);
  push.h = index32(g.h);
  push.w = index32(g.w);
  push.oh = index32(g.oh);
  push.ow = index32(g.ow);
  push.kh = index32(g.kh);
  push.kw = index32(g.kw);
  push.sh = index32(g.sh);
  push.sw = index32(g.sw);
  push.ph = index32(static_cast<std::size_t>(g.pad_h));
  push.pw = index32(static_cast<std::size_t>(g.pad_w));
  push.dh = index32(g.dh);
  push.dw = index32(g.dw);
  index32(g.batch * g.c_in * g.h * g.w);
  index32(g.batch * g.c_out * g.oh * g.ow);
  const bool vec4 = push.k % 4 == 0, vec4_out = (push.oh * push.ow) % 4 == 0;
  const std::array<std::uint32_t, 10> spec{t.bm,
                                           t.bn,
                                           t.bk,
                                           t.tm,
                                           t.tn,
                                           t.invocations(),
                                           vec4 ? 1U : 0U,
                                           t.stages,
                                           bias != nullptr ? 1U : 0U,
                                           vec4_out ? 1U : 0U};
  // Without a bias, binding 3 repeats the weight (never read).
  const std::array<const Buffer*, 4> buffers{&weight, &x, &out, bias != nullptr ? bias : &weight};
  // Column blocks past the grid's width continue along z (the shader skips the surplus).
  const std::uint32_t blocks = (push.p + t.bn - 1) / t.bn, gy = (push.m + t.bm - 1) / t.bm;
  const std::uint32_t gx = std::min(blocks, ctx.max_groups()[0]), gz = (blocks + gx - 1) / gx;
  if (gy > ctx.max_groups()[1] || gz > ctx.max_groups()[2]) {
    throw gpu_error("conv2d: " + std::to_string(push.m) + " output channels and " + std::to_string(push.p) +
                    " output pixels need more workgroups than the device's grid allows");
  }
  ctx.dispatch(spirv::conv2d_f32, spec, buffers, bytes_of(push), {gx, gy, gz});
}

}  // namespace gpu::detail

/// torch.nn.functional.conv2d on GPU tensors: input (N, C_in, H, W) or unbatched (C_in, H, W), weight (C_out,
/// C_in, kH, kW), the CPU conv2d's options (a bias is a host tensor, uploaded) and its shape and value
/// errors; the result stays on the device. gpu_error for groups > 1.
template <std::size_t R>
requires(R == 3 || R == 4)
    [[nodiscard]] gpu::DeviceTensor<float, R> conv2d(const gpu::DeviceTensor<float, R>& input,
                                                     const gpu::DeviceTensor<float, 4>& weight,
                                                     const Conv2dOptions& options = {}) {
  const Tensor<const float, 1> bias = options.bias.template get<float>("conv2d");
  Shape<4> in{};
  if constexpr (R == 4) {
    in = input.shape();
  } else {
    in = {1, input.shape()[0], input.shape()[1], input.shape()[2]};
  }
  const auto g =
      detail::conv_geometry<2>(in, input.shape(), weight.shape(),
                               options.bias.has_value() ? bias.shape()[0] : static_cast<std::size_t>(-1),
                               options.stride, options.padding, options.dilation, options.groups);
  if (g.groups != 1) {
    throw gpu_error("conv2d on the GPU supports groups=1 only, got groups=" + std::to_string(g.groups) +
                    " (move the tensors to the CPU for grouped convolutions)");
  }
  Shape<R> shape{};
  if constexpr (R == 4) {
    shape = {g.batch, g.c_out, g.oh, g.ow};
  } else {
    shape = {g.c_out, g.oh, g.ow};
  }
  auto out = gpu::detail::empty_device_tensor<float>(shape);
  if (out.empty()) return out;
  if (options.bias.has_value()) {
    const auto gb = gpu::device().transfer(bias);
    gpu::detail::record_conv2d(input.buffer(), weight.buffer(), &gb.buffer(), out.buffer(), g);
  } else {
    gpu::detail::record_conv2d(input.buffer(), weight.buffer(), nullptr, out.buffer(), g);
  }
  return out;
}

TRUENO_END_NAMESPACE
