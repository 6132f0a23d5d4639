// trueno — convolution and pooling on float and double tensors, with torch.nn.functional's semantics:
// conv1d, conv2d, conv_transpose2d, max_pool2d (and max_pool2d_with_indices), avg_pool2d,
// adaptive_avg_pool2d; and NumPy's 1-D convolve and correlate. Batched (N, C, ...) inputs, or unbatched
// (C, ...) ones as PyTorch accepts them.
// How: conv2d copies each image's receptive fields into one im2col buffer (allocated once per call) and runs
// the dispatched GEMM on it, weight (C_out/g x C_in/g*kH*kW) @ columns (C_in/g*kH*kW x OH*OW), per group; a
// 1x1 stride-1 convolution reads the input in place. Several images or groups split over the threads (one
// buffer per thread, each GEMM on one thread), a single one runs its im2col rows and GEMM on all threads.
// Depthwise convolutions (one input channel per group) run a direct loop per plane. conv_transpose2d is the
// adjoint: one GEMM to columns, then col2im. Results do not depend on the thread count.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../tensor/elementwise.hpp"
#include "../vector/activation.hpp"

TRUENO_BEGIN_NAMESPACE

/// A size per spatial dimension, given as one integer for all (`2`) or one each (`{2, 1}`), as PyTorch's
/// int-or-tuple arguments; a default-constructed one means "not given" (pooling's stride then defaults to
/// the kernel size).
template <std::size_t D>
class ExpandingArray {
 public:
  constexpr ExpandingArray() noexcept = default;
  template <std::integral I>
  constexpr ExpandingArray(I v) noexcept : given_(true) {  // NOLINT(google-explicit-constructor)
    values_.fill(static_cast<std::int64_t>(v));
  }
  template <std::integral... I>
  requires(sizeof...(I) == D && D > 1) constexpr ExpandingArray(I... v) noexcept
      : values_{static_cast<std::int64_t>(v)...}, given_(true) {}
  [[nodiscard]] constexpr bool given() const noexcept { return given_; }
  [[nodiscard]] constexpr std::int64_t operator[](std::size_t i) const noexcept { return values_[i]; }
  [[nodiscard]] constexpr const std::array<std::int64_t, D>& values() const noexcept { return values_; }

 private:
  std::array<std::int64_t, D> values_{};
  bool given_ = false;
};

/// Convolution padding: numbers (`1`, `{1, 2}`) or PyTorch's strings "valid" (none) and "same" (the output
/// as large as the input; stride 1 only; an odd total goes one more to the bottom/right).
template <std::size_t D>
class ConvPadding : public ExpandingArray<D> {
 public:
  enum class Mode { explicit_values, valid, same };
  using ExpandingArray<D>::ExpandingArray;
  constexpr ConvPadding() noexcept : ExpandingArray<D>(0) {}
  ConvPadding(const char* mode)
      : ConvPadding(std::string_view(mode)) {}                 // NOLINT(google-explicit-constructor)
  ConvPadding(std::string_view mode) : ExpandingArray<D>(0) {  // NOLINT(google-explicit-constructor)
    if (mode == "same") {
      mode_ = Mode::same;
    } else if (mode == "valid") {
      mode_ = Mode::valid;
    } else {
      std::string msg = "Invalid padding string: '";
      msg += mode;
      msg += '\'';
      throw value_error(msg);
    }
  }
  [[nodiscard]] constexpr Mode mode() const noexcept { return mode_; }

 private:
  Mode mode_ = Mode::explicit_values;
};

namespace detail {
/// An optional rank-1 tensor in an options struct (a convolution's bias): float or double, any stride, kept
/// alive by sharing its storage, so an options struct may outlive the tensor it was given.
class OptionalTensor {
 public:
  OptionalTensor() = default;
  template <class T>
  requires std::floating_point<std::remove_const_t<T>> OptionalTensor(
      const Tensor<T, 1>& t)  // NOLINT(google-explicit-constructor): `.bias = b` by design
      : owner_(t.storage()),
        data_(t.data()),
        size_(t.shape()[0]),
        stride_(t.strides()[0]),
        dtype_(dtype_name<std::remove_const_t<T>>()) {}

  [[nodiscard]] bool has_value() const noexcept { return !dtype_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  /// The elements as a contiguous tensor of T (empty when absent), after checking that they are T:
  /// value_error naming `op` otherwise.
  template <class T>
  [[nodiscard]] Tensor<const T, 1> get(std::string_view op) const {
    if (!has_value()) return {};
    if (dtype_ != dtype_name<T>()) {
      std::string msg(op);
      msg += ": bias has dtype ";
      msg += dtype_;
      msg += " but the input has dtype ";
      msg += dtype_name<T>();
      throw value_error(msg);
    }
    const auto* p = static_cast<const T*>(data_);
    auto out = empty_tensor<T>(Shape<1>{size_});
    for (std::size_t i = 0; i < size_; ++i) out.data()[i] = p[static_cast<std::ptrdiff_t>(i) * stride_];
    return out;
  }

 private:
  std::shared_ptr<const void> owner_;
  const void* data_ = nullptr;
  std::size_t size_ = 0;
  std::ptrdiff_t stride_ = 1;
  std::string_view dtype_;  // empty: no value
};
}  // namespace detail

/// conv2d's options (torch.nn.functional.conv2d's keywords).
struct Conv2dOptions {
  detail::OptionalTensor bias = {};  // (C_out), optional
  ExpandingArray<2> stride = 1;
  ConvPadding<2> padding = 0;
  ExpandingArray<2> dilation = 1;
  std::int64_t groups = 1;
};
/// conv1d's options.
struct Conv1dOptions {
  detail::OptionalTensor bias = {};  // (C_out), optional
  ExpandingArray<1> stride = 1;
  ConvPadding<1> padding = 0;
  ExpandingArray<1> dilation = 1;
  std::int64_t groups = 1;
};
/// conv_transpose2d's options; the output grows by output_padding at the bottom/right (each below stride or
/// dilation).
struct ConvTranspose2dOptions {
  detail::OptionalTensor bias = {};  // (C_out), optional
  ExpandingArray<2> stride = 1;
  ExpandingArray<2> padding = 0;
  ExpandingArray<2> output_padding = 0;
  std::int64_t groups = 1;
  ExpandingArray<2> dilation = 1;
};
/// max_pool2d's options besides the kernel size; stride defaults to the kernel size.
struct MaxPool2dOptions {
  ExpandingArray<2> stride = {};
  ExpandingArray<2> padding = 0;
  ExpandingArray<2> dilation = 1;
  bool ceil_mode = false;
};
/// avg_pool2d's options besides the kernel size; stride defaults to the kernel size; divisor_override 0:
/// none.
struct AvgPool2dOptions {
  ExpandingArray<2> stride = {};
  ExpandingArray<2> padding = 0;
  bool ceil_mode = false;
  bool count_include_pad = true;
  std::int64_t divisor_override = 0;
};
/// max_pool2d_with_indices' result: the maxima and, for each, its flat index h * W + w within its plane.
template <class T, std::size_t N>
struct MaxPool2dResult {
  Tensor<T, N> values;
  Tensor<std::int64_t, N> indices;
};

namespace detail {

/// "(8, 4, 56, 56)": shapes as conv and pooling messages print them.
inline std::string conv_shape(std::span<const std::size_t> s) {
  std::string out = "(";
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0) out += ", ";
    out += std::to_string(s[i]);
  }
  out += ')';
  return out;
}
inline std::string conv_pair(std::span<const std::int64_t> v, std::string_view sep) {
  std::string out = "(";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += sep;
    out += std::to_string(v[i]);
  }
  out += ')';
  return out;
}

// One 2-D convolution problem (conv1d is the case h = kh = 1): input (batch, c_in, h, w), weight (c_out,
// c_in / groups, kh, kw) or, transposed, (c_in, c_out / groups, kh, kw); output (batch, c_out, oh, ow).
// pad_h, pad_w: rows/columns of zeros before the input (after it: whatever the output size implies).
struct ConvGeometry {
  std::size_t batch, c_in, h, w, c_out, kh, kw, groups, oh, ow;
  std::size_t sh, sw, dh, dw;
  std::ptrdiff_t pad_h, pad_w;
};

template <std::size_t D>
void check_conv_arguments(const ExpandingArray<D>& stride, const ExpandingArray<D>& padding,
                          const ExpandingArray<D>& dilation, std::int64_t groups) {
  for (std::size_t i = 0; i < D; ++i) {
    if (stride[i] <= 0) throw value_error("non-positive stride is not supported");
    if (padding[i] < 0) throw value_error("negative padding is not supported");
    if (dilation[i] <= 0) {
      throw value_error("dilation should be greater than zero, but got " +
                        conv_pair(dilation.values(), ", "));
    }
  }
  if (groups <= 0) throw value_error("non-positive groups is not supported");
}

// Checks a convolution's operands (PyTorch's messages) and returns its geometry. in: (N, C, spatial...),
// wt: (C_out, C_in / groups, kernel...), bias: C_out values (npos: none). shown: the input shape the user
// gave.
template <std::size_t D>
ConvGeometry conv_geometry(std::span<const std::size_t> in, std::span<const std::size_t> shown,
                           std::span<const std::size_t> wt, std::size_t bias, const ExpandingArray<D>& stride,
                           const ConvPadding<D>& padding, const ExpandingArray<D>& dilation,
                           std::int64_t groups) {
  check_conv_arguments<D>(stride, padding, dilation, groups);
  const auto g = static_cast<std::size_t>(groups);
  if (wt[0] % g != 0) {
    throw value_error("Given groups=" + std::to_string(g) + ", expected weight to be divisible by " +
                      std::to_string(g) + " at dimension 0, but got weight of size " + conv_shape(wt) +
                      " instead");
  }
  if (in[1] != wt[1] * g) {
    throw shape_error("Given groups=" + std::to_string(g) + ", weight of size " + conv_shape(wt) +
                      ", expected input" + conv_shape(shown) + " to have " + std::to_string(wt[1] * g) +
                      " channels, but got " + std::to_string(in[1]) + " channels instead");
  }
  if (bias != static_cast<std::size_t>(-1) && bias != wt[0]) {
    throw shape_error("Given weight of size " + conv_shape(wt) + ", expected bias to be 1-dimensional with " +
                      std::to_string(wt[0]) + " elements, but got bias of size (" + std::to_string(bias) +
                      ") instead");
  }
  if (padding.mode() == ConvPadding<D>::Mode::same) {
    for (std::size_t i = 0; i < D; ++i) {
      if (stride[i] != 1) throw value_error("padding='same' is not supported for strided convolutions");
    }
  }
  std::array<std::int64_t, D> padded{}, kernel{}, pad_lo{}, out{};
  bool too_small = false;
  for (std::size_t i = 0; i < D; ++i) {
    kernel[i] = dilation[i] * (static_cast<std::int64_t>(wt[2 + i]) - 1) + 1;
    std::int64_t total = 2 * padding[i];
    pad_lo[i] = padding[i];
    if (padding.mode() == ConvPadding<D>::Mode::same) {
      total = kernel[i] - 1;
      pad_lo[i] = total / 2;
    }
    padded[i] = static_cast<std::int64_t>(in[2 + i]) + total;
    too_small = too_small || padded[i] < kernel[i];
    out[i] = (padded[i] - kernel[i]) / stride[i] + 1;
  }
  if (too_small) {
    throw shape_error("Calculated padded input size per channel: " + conv_pair(padded, " x ") +
                      ". Kernel size: " + conv_pair(kernel, " x ") +
                      ". Kernel size can't be greater than actual input size");
  }
  constexpr std::size_t o = 2 - D;  // conv1d: the width is the one spatial axis
  ConvGeometry geo{};
  geo.batch = in[0];
  geo.c_in = in[1];
  geo.h = D == 2 ? in[2] : 1;
  geo.w = in[3 - o];
  geo.c_out = wt[0];
  geo.kh = D == 2 ? wt[2] : 1;
  geo.kw = wt[3 - o];
  geo.groups = g;
  geo.oh = D == 2 ? static_cast<std::size_t>(out[0]) : 1;
  geo.ow = static_cast<std::size_t>(out[1 - o]);
  geo.sh = D == 2 ? static_cast<std::size_t>(stride[0]) : 1;
  geo.sw = static_cast<std::size_t>(stride[1 - o]);
  geo.dh = D == 2 ? static_cast<std::size_t>(dilation[0]) : 1;
  geo.dw = static_cast<std::size_t>(dilation[1 - o]);
  geo.pad_h = D == 2 ? static_cast<std::ptrdiff_t>(pad_lo[0]) : 0;
  geo.pad_w = static_cast<std::ptrdiff_t>(pad_lo[1 - o]);
  return geo;
}

// The range [lo, hi) of outputs o (of n) whose input index o * step + off lies in [0, size).
inline std::pair<std::size_t, std::size_t> valid_outputs(std::ptrdiff_t off, std::size_t step,
                                                         std::size_t size, std::size_t n) {
  const auto s = static_cast<std::ptrdiff_t>(step);
  const std::ptrdiff_t lo = off >= 0 ? 0 : (-off + s - 1) / s;
  const std::ptrdiff_t last = static_cast<std::ptrdiff_t>(size) - 1 - off;
  const std::ptrdiff_t hi = last < 0 ? 0 : last / s + 1;
  const auto h = std::min<std::size_t>(static_cast<std::size_t>(hi), n);
  return {std::min<std::size_t>(static_cast<std::size_t>(lo), h), h};
}

// For each of k kernel columns j: the input offset j * dilation - pad and the valid_outputs range of outputs.
struct TapColumns {
  std::ptrdiff_t off;
  std::size_t lo, hi;
};
inline std::vector<TapColumns> tap_columns(std::size_t k, std::size_t dilation, std::ptrdiff_t pad,
                                           std::size_t step, std::size_t size, std::size_t n) {
  std::vector<TapColumns> cols(k);
  for (std::size_t j = 0; j < k; ++j) {
    cols[j].off = static_cast<std::ptrdiff_t>(j * dilation) - pad;
    std::tie(cols[j].lo, cols[j].hi) = valid_outputs(cols[j].off, step, size, n);
  }
  return cols;
}

// Row (c, i, j) of the column matrix of one image and group: for each output position, the input value under
// kernel tap (i, j) of channel c, or 0 in the padding.
template <class T>
void im2col_row(const T* plane, const ConvGeometry& g, std::size_t i, std::size_t j, T* dst) {
  const auto off_w = static_cast<std::ptrdiff_t>(j * g.dw) - g.pad_w;
  const auto [lo, hi] = valid_outputs(off_w, g.sw, g.w, g.ow);
  for (std::size_t oh = 0; oh < g.oh; ++oh, dst += g.ow) {
    const auto ih = static_cast<std::ptrdiff_t>(oh * g.sh + i * g.dh) - g.pad_h;
    if (ih < 0 || ih >= static_cast<std::ptrdiff_t>(g.h)) {
      std::fill(dst, dst + g.ow, T(0));
      continue;
    }
    const T* src = plane + ih * static_cast<std::ptrdiff_t>(g.w);  // input column o * sw + off_w
    std::fill(dst, dst + lo, T(0));
    if (g.sw == 1) {
      std::copy(src + (static_cast<std::ptrdiff_t>(lo) + off_w),
                src + (static_cast<std::ptrdiff_t>(hi) + off_w), dst + lo);
    } else {
      for (std::size_t o = lo; o < hi; ++o) dst[o] = src[static_cast<std::ptrdiff_t>(o * g.sw) + off_w];
    }
    std::fill(dst + hi, dst + g.ow, T(0));
  }
}

// Below this many elements (or multiply-adds) of work a loop stays on the calling thread.
inline constexpr std::size_t kConvParallelElements = std::size_t(1) << 15;

// Runs fn(item, scratch) for every item, contiguous chunks of items split over the pool's threads, each chunk
// with its own `per`-element scratch; a single item runs on the caller (its GEMM then uses the threads).
template <class T, class F>
void conv_over_images(std::size_t items, std::size_t per, F fn) {
  const std::size_t threads = static_cast<std::size_t>(num_threads());
  const std::size_t chunks = std::max<std::size_t>(1, std::min(items, threads));
  AlignedBuffer<T> scratch(chunks * per);
  if (chunks == 1) {
    for (std::size_t n = 0; n < items; ++n) fn(n, scratch.data());
    return;
  }
  parallel_for(chunks, [&](std::size_t c) {
    for (std::size_t n = c * items / chunks; n < (c + 1) * items / chunks; ++n)
      fn(n, scratch.data() + c * per);
  });
}

// Fills every output plane with its channel's bias (or zeros).
template <class T>
void fill_bias(T* out, const T* bias, std::size_t batch, std::size_t channels, std::size_t plane) {
  for (std::size_t n = 0; n < batch; ++n) {
    for (std::size_t c = 0; c < channels; ++c, out += plane)
      std::fill(out, out + plane, bias ? bias[c] : T(0));
  }
}

// dst[o] = src[o * step] for o < n: a copy for step 1, SSE2 shuffles for step 2 (x86-64's baseline), else a
// plain loop.
template <class T>
void keep_every(const T* src, std::size_t step, T* dst, std::size_t n) {
  if (step == 1) {
    std::copy_n(src, n, dst);
    return;
  }
  std::size_t o = 0;
#if defined(__SSE2__)
  if (step == 2) {
    if constexpr (std::is_same_v<T, float>) {
      for (; o + 4 <= n; o += 4) {  // evens of src[2o .. 2o + 8), the last one read only when needed
        const __m128 a = _mm_loadu_ps(src + 2 * o);
        const __m128 b =
            o + 4 < n ? _mm_loadu_ps(src + 2 * o + 4) : _mm_set_ps(0, src[2 * o + 6], 0, src[2 * o + 4]);
        _mm_storeu_ps(dst + o, _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)));
      }
    } else if constexpr (std::is_same_v<T, double>) {
      for (; o + 2 <= n; o += 2) _mm_storeu_pd(dst + o, _mm_set_pd(src[2 * o + 2], src[2 * o]));
    }
  }
#endif
  for (; o < n; ++o) dst[o] = src[o * step];
}

// Depthwise (one input channel per group): per output row, the window's taps as shifted views of a
// zero-padded copy of the input plane, weighted and summed in one pass of the weighted_sum_rows kernel (the
// bias first, then the taps row by row); at every column for a stride above 1, every sw-th kept.
template <class T>
void conv2d_depthwise(const T* x, const T* w, const T* bias, T* out, const ConvGeometry& g) {
  const std::size_t plane = g.oh * g.ow, mult = g.c_out / g.c_in;
  const auto& kern = kernels<T>();
  const auto pw = static_cast<std::size_t>(g.pad_w);
  const std::size_t spots = (g.ow - 1) * g.sw + 1;  // output columns at every input column
  const std::size_t wp = std::max(g.w + 2 * pw, spots + (g.kw - 1) * g.dw);
  auto one_plane = [&](std::size_t t) {
    const std::size_t n = t / g.c_out, co = t % g.c_out;
    const T* xp = x + (n * g.c_in + co / mult) * g.h * g.w;
    const T* wk = w + co * g.kh * g.kw;
    T* op = out + t * plane;
    std::vector<T> padded(g.h * wp, T(0));
    for (std::size_t ih = 0; ih < g.h; ++ih) std::copy_n(xp + ih * g.w, g.w, padded.data() + ih * wp + pw);
    const std::vector<T> bias_row(bias != nullptr ? spots : 0, bias != nullptr ? bias[co] : T(0));
    std::vector<T> wide(g.sw > 1 ? spots : 0);
    std::vector<const T*> rows(1 + g.kh * g.kw);
    std::vector<T> coef(1 + g.kh * g.kw);
    for (std::size_t oh = 0; oh < g.oh; ++oh) {
      std::size_t k = 0;
      if (bias != nullptr) {
        rows[k] = bias_row.data();
        coef[k++] = T(1);
      }
      for (std::size_t i = 0; i < g.kh; ++i) {
        const auto ih = static_cast<std::ptrdiff_t>(oh * g.sh + i * g.dh) - g.pad_h;
        if (ih < 0 || ih >= static_cast<std::ptrdiff_t>(g.h)) continue;
        for (std::size_t j = 0; j < g.kw; ++j) {
          rows[k] = padded.data() + static_cast<std::size_t>(ih) * wp + j * g.dw;
          coef[k++] = wk[i * g.kw + j];
        }
      }
      T* dst = g.sw == 1 ? op + oh * g.ow : wide.data();
      if (k == 0) {
        std::fill(dst, dst + spots, T(0));
      } else {
        kern.weighted_sum_rows(rows.data(), coef.data(), k, dst, spots);
      }
      if (g.sw > 1) keep_every(wide.data(), g.sw, op + oh * g.ow, g.ow);
    }
  };
  const std::size_t planes = g.batch * g.c_out;
  if (planes * plane * g.kh * g.kw >= kConvParallelElements) {
    parallel_for(planes, one_plane);
  } else {
    for (std::size_t t = 0; t < planes; ++t) one_plane(t);
  }
}

// conv2d on contiguous x (batch, c_in, h, w), w (c_out, c_in/groups, kh, kw), into contiguous out.
template <class T>
void conv2d_forward(const T* x, const T* w, const T* bias, T* out, const ConvGeometry& g) {
  const std::size_t cg = g.c_in / g.groups, og = g.c_out / g.groups, k = cg * g.kh * g.kw;
  const std::size_t plane = g.oh * g.ow, hw = g.h * g.w;
  if (g.batch == 0 || g.c_out == 0 || plane == 0) return;
  if (cg == 1 && g.groups > 1) return conv2d_depthwise(x, w, bias, out, g);
  if (bias != nullptr) fill_bias(out, bias, g.batch, g.c_out, plane);
  const bool in_place = g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.pad_h == 0 && g.pad_w == 0;
  const auto& kern = kernels<T>();
  // One task per image and group.
  conv_over_images<T>(g.batch * g.groups, in_place ? 0 : k * plane, [&](std::size_t item, T* cols) {
    const std::size_t n = item / g.groups, gi = item % g.groups;
    const T* xs = x + (n * g.c_in + gi * cg) * hw;
    if (!in_place) {
      auto row = [&](std::size_t r) {
        im2col_row(xs + (r / (g.kh * g.kw)) * hw, g, r / g.kw % g.kh, r % g.kw, cols + r * plane);
      };
      if (k * plane >= kConvParallelElements) {
        parallel_for(k, row);
      } else {
        for (std::size_t r = 0; r < k; ++r) row(r);
      }
    }
    const T* b = in_place ? xs : cols;
    const auto ld = static_cast<std::ptrdiff_t>(plane);
    const GemmArgs<T> args{og,
                           plane,
                           k,
                           T(1),
                           w + gi * og * k,
                           static_cast<std::ptrdiff_t>(k),
                           1,
                           b,
                           ld,
                           1,
                           bias != nullptr ? T(1) : T(0),
                           out + (n * g.c_out + gi * og) * plane,
                           ld,
                           1};
    kern.gemm(args);
  });
}

// conv_transpose2d on contiguous x (batch, c_in, h, w), w (c_in, c_out/groups, kh, kw): per image and group,
// columns (c_out/groups*kh*kw x h*w) = w_g^T @ x_g, then each column scattered onto the output (col2im).
template <class T>
void conv_transpose2d_forward(const T* x, const T* w, const T* bias, T* out, const ConvGeometry& g) {
  const std::size_t cg = g.c_in / g.groups, og = g.c_out / g.groups, taps = g.kh * g.kw, rows = og * taps;
  const std::size_t plane = g.oh * g.ow, hw = g.h * g.w;
  if (g.batch == 0 || g.c_out == 0 || plane == 0) return;
  fill_bias(out, bias, g.batch, g.c_out, plane);
  const auto& kern = kernels<T>();
  conv_over_images<T>(g.batch, rows * hw, [&](std::size_t n, T* cols) {
    for (std::size_t gi = 0; gi < g.groups; ++gi) {
      const GemmArgs<T> args{rows,
                             hw,
                             cg,
                             T(1),
                             w + gi * cg * rows,
                             1,
                             static_cast<std::ptrdiff_t>(rows),
                             x + (n * g.c_in + gi * cg) * hw,
                             static_cast<std::ptrdiff_t>(hw),
                             1,
                             T(0),
                             cols,
                             static_cast<std::ptrdiff_t>(hw),
                             1};
      kern.gemm(args);
      // col2im, one task per output channel (its taps write the same plane).
      auto channel = [&](std::size_t c) {
        T* op = out + (n * g.c_out + gi * og + c) * plane;
        for (std::size_t t = 0; t < taps; ++t) {
          const std::size_t i = t / g.kw, j = t % g.kw;
          const T* src = cols + (c * taps + t) * hw;
          // Input column iw lands on output column iw * sw + off_w.
          const auto off_w = static_cast<std::ptrdiff_t>(j * g.dw) - g.pad_w;
          const auto [lo, hi] = valid_outputs(off_w, g.sw, g.ow, g.w);
          for (std::size_t ih = 0; ih < g.h; ++ih) {
            const auto oh = static_cast<std::ptrdiff_t>(ih * g.sh + i * g.dh) - g.pad_h;
            if (oh < 0 || oh >= static_cast<std::ptrdiff_t>(g.oh)) continue;
            T* orow = op + oh * static_cast<std::ptrdiff_t>(g.ow);
            const T* srow = src + ih * g.w;
            for (std::size_t iw = lo; iw < hi; ++iw)
              orow[static_cast<std::ptrdiff_t>(iw * g.sw) + off_w] += srow[iw];
          }
        }
      };
      if (rows * hw >= kConvParallelElements) {
        parallel_for(og, channel);
      } else {
        for (std::size_t c = 0; c < og; ++c) channel(c);
      }
    }
  });
}

template <class I, std::size_t... Ranks>
inline constexpr bool rank_in_v = ((rank_v<I> == Ranks) || ...);

// Input and weight of a convolution with D spatial axes: input (N, C, ...) or (C, ...), weight (C_out, C,
// ...).
template <class I, class W, std::size_t D>
concept ConvOperands = AnyTensor<I> && AnyTensor<W> && std::same_as<elem_t<I>, elem_t<W>> &&
    std::floating_point<elem_t<I>> && rank_in_v<I, D + 1, D + 2> && rank_in_v<W, D + 2>;

// The input as (N, C, ...) contiguous: an unbatched input gets a unit batch axis.
template <std::size_t R, class I>
Tensor<const elem_t<I>, R> batched(const I& input) {
  Tensor<const elem_t<I>, rank_v<I>> c = Tensor<const elem_t<I>, rank_v<I>>(input).contiguous();
  if constexpr (rank_v<I> == R) {
    return c;
  } else {
    return c.unsqueeze(0);
  }
}
template <std::size_t R, class T>
Tensor<T, R> unbatched(const Tensor<T, R + 1>& out) {
  return out.squeeze(0);
}

/// Set by the GPU layer (trueno/gpu/routing.hpp) where it is included: offers a float conv2d of contiguous
/// operands (as conv2d_forward's) to the GPU; true when it wrote `out` there, false to compute it here.
using GpuConv2dRoute = bool (*)(const float* x, const float* w, const float* bias, float* out,
                                const ConvGeometry& g);
inline GpuConv2dRoute gpu_conv2d_route = nullptr;

// conv1d and conv2d: D spatial dimensions, input of rank D + 2 (or D + 1, unbatched).
template <std::size_t D, class I, class W, class Opt>
auto conv_nd(const I& input, const W& weight, const Opt& opt) {
  using T = elem_t<I>;
  constexpr std::size_t R = D + 2;
  const bool has_bias = opt.bias.has_value();
  const Tensor<const T, 1> bc = opt.bias.template get<T>(D == 2 ? "conv2d" : "conv1d");
  const auto x = batched<R>(input);
  const Tensor<const T, R> wc = Tensor<const T, R>(weight).contiguous();
  const auto geo = conv_geometry<D>(x.shape(), input.shape(), weight.shape(),
                                    has_bias ? bc.shape()[0] : static_cast<std::size_t>(-1), opt.stride,
                                    opt.padding, opt.dilation, opt.groups);
  Shape<R> os = x.shape();
  os[1] = geo.c_out;
  os[R - 1] = geo.ow;
  if constexpr (D == 2) os[2] = geo.oh;
  auto out = empty_tensor<T>(os);
  bool done = false;
  if constexpr (std::same_as<T, float> && D == 2) {
    done = gpu_conv2d_route != nullptr &&
           gpu_conv2d_route(x.data(), wc.data(), has_bias ? bc.data() : nullptr, out.data(), geo);
  }
  if (!done) conv2d_forward<T>(x.data(), wc.data(), has_bias ? bc.data() : nullptr, out.data(), geo);
  if constexpr (rank_v<I> == R) {
    return out;
  } else {
    return unbatched<R - 1>(out);
  }
}

template <class I, class W>
auto conv_transpose2d_impl(const I& input, const W& weight, const ConvTranspose2dOptions& opt) {
  using T = elem_t<I>;
  const bool has_bias = opt.bias.has_value();
  const Tensor<const T, 1> bc = opt.bias.template get<T>("conv_transpose2d");
  const auto x = batched<4>(input);
  const Tensor<const T, 4> wc = Tensor<const T, 4>(weight).contiguous();
  check_conv_arguments<2>(opt.stride, opt.padding, opt.dilation, opt.groups);
  const auto& ws = weight.shape();
  const auto g = static_cast<std::size_t>(opt.groups);
  for (std::size_t i = 0; i < 2; ++i) {
    if (opt.output_padding[i] < 0) throw value_error("negative output_padding is not supported");
    if (opt.output_padding[i] >= opt.stride[i] && opt.output_padding[i] >= opt.dilation[i]) {
      throw value_error(
          "output padding must be smaller than either stride or dilation, but got output_padding_height: " +
          std::to_string(opt.output_padding[0]) + " output_padding_width: " +
          std::to_string(opt.output_padding[1]) + " stride_height: " + std::to_string(opt.stride[0]) +
          " stride_width: " + std::to_string(opt.stride[1]) + " dilation_height: " +
          std::to_string(opt.dilation[0]) + " dilation_width: " + std::to_string(opt.dilation[1]));
    }
  }
  if (ws[0] % g != 0) {
    throw value_error("Given groups=" + std::to_string(g) + ", expected weight to be divisible by " +
                      std::to_string(g) + " at dimension 0, but got weight of size " + conv_shape(ws) +
                      " instead");
  }
  if (x.shape()[1] != ws[0]) {
    throw shape_error("Given transposed=1, weight of size " + conv_shape(ws) + ", expected input" +
                      conv_shape(input.shape()) + " to have " + std::to_string(ws[0]) +
                      " channels, but got " + std::to_string(x.shape()[1]) + " channels instead");
  }
  if (has_bias && bc.shape()[0] != ws[1] * g) {
    throw shape_error("Given transposed=1, weight of size " + conv_shape(ws) +
                      ", expected bias to be 1-dimensional with " + std::to_string(ws[1] * g) +
                      " elements, but got bias of size (" + std::to_string(bc.shape()[0]) + ") instead");
  }
  std::array<std::int64_t, 2> out{};
  for (std::size_t i = 0; i < 2; ++i) {
    out[i] = (static_cast<std::int64_t>(x.shape()[2 + i]) - 1) * opt.stride[i] - 2 * opt.padding[i] +
             opt.dilation[i] * (static_cast<std::int64_t>(ws[2 + i]) - 1) + opt.output_padding[i] + 1;
  }
  if (out[0] <= 0 || out[1] <= 0) {
    throw shape_error("Given input size per channel: " +
                      conv_pair(std::array<std::int64_t, 2>{static_cast<std::int64_t>(x.shape()[2]),
                                                            static_cast<std::int64_t>(x.shape()[3])},
                                " x ") +
                      ". Calculated output size per channel: " + conv_pair(out, " x ") +
                      ". Output size is too small");
  }
  ConvGeometry geo{x.shape()[0],
                   x.shape()[1],
                   x.shape()[2],
                   x.shape()[3],
                   ws[1] * g,
                   ws[2],
                   ws[3],
                   g,
                   static_cast<std::size_t>(out[0]),
                   static_cast<std::size_t>(out[1]),
                   static_cast<std::size_t>(opt.stride[0]),
                   static_cast<std::size_t>(opt.stride[1]),
                   static_cast<std::size_t>(opt.dilation[0]),
                   static_cast<std::size_t>(opt.dilation[1]),
                   static_cast<std::ptrdiff_t>(opt.padding[0]),
                   static_cast<std::ptrdiff_t>(opt.padding[1])};
  auto o = empty_tensor<T>(Shape<4>{geo.batch, geo.c_out, geo.oh, geo.ow});
  conv_transpose2d_forward<T>(x.data(), wc.data(), has_bias ? bc.data() : nullptr, o.data(), geo);
  if constexpr (rank_v<I> == 4) {
    return o;
  } else {
    return unbatched<3>(o);
  }
}

// --- pooling
// ---------------------------------------------------------------------------------------------------

struct PoolGeometry {
  std::size_t planes, h, w, oh, ow, kh, kw, sh, sw, dh, dw;
  std::ptrdiff_t ph, pw;
};

// PyTorch's pooling_output_shape: floor or ceil division, and in ceil mode the last window must start inside
// the input or its left padding.
inline std::int64_t pool_output_size(std::int64_t in, std::int64_t k, std::int64_t pad, std::int64_t stride,
                                     std::int64_t dilation, bool ceil_mode) {
  const std::int64_t num = in + 2 * pad - dilation * (k - 1) - 1 + (ceil_mode ? stride - 1 : 0);
  std::int64_t out = (num >= 0 ? num / stride : -((-num + stride - 1) / stride)) + 1;
  if (ceil_mode && (out - 1) * stride >= in + pad) --out;
  return out;
}

// Checks a pooling call (PyTorch's messages) and returns its geometry; in: (N, C, H, W) or (C, H, W).
template <std::size_t R>
PoolGeometry pool_geometry(const Shape<R>& in, const ExpandingArray<2>& kernel,
                           const ExpandingArray<2>& stride_in, const ExpandingArray<2>& padding,
                           const ExpandingArray<2>& dilation, bool ceil_mode) {
  const ExpandingArray<2> stride = stride_in.given() ? stride_in : kernel;
  if (stride[0] == 0 || stride[1] == 0) throw value_error("stride should not be zero");
  if (kernel[0] <= 0 || kernel[1] <= 0) {
    throw value_error("kernel size should be greater than zero, but got kH: " + std::to_string(kernel[0]) +
                      " kW: " + std::to_string(kernel[1]));
  }
  if (stride[0] < 0 || stride[1] < 0) {
    throw value_error("stride should be greater than zero, but got dH: " + std::to_string(stride[0]) +
                      " dW: " + std::to_string(stride[1]));
  }
  if (dilation[0] <= 0 || dilation[1] <= 0) {
    throw value_error("dilation should be greater than zero, but got dilationH: " +
                      std::to_string(dilation[0]) + " dilationW: " + std::to_string(dilation[1]));
  }
  for (std::size_t i = 0; i < 2; ++i) {
    if (padding[i] < 0)
      throw value_error("pad must be non-negative, but got pad: " + std::to_string(padding[i]));
    if (padding[i] > kernel[i] / 2) {
      throw value_error("pad should be at most half of kernel size, but got pad=" +
                        std::to_string(padding[i]) + " and kernel_size=" + std::to_string(kernel[i]));
    }
  }
  for (std::size_t i = R == 4 ? 1 : 0; i < R; ++i) {
    if (in[i] == 0) {
      throw shape_error(
          "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got: " +
          conv_shape(in));
    }
  }
  const auto h = static_cast<std::int64_t>(in[R - 2]), w = static_cast<std::int64_t>(in[R - 1]);
  const std::int64_t oh = pool_output_size(h, kernel[0], padding[0], stride[0], dilation[0], ceil_mode);
  const std::int64_t ow = pool_output_size(w, kernel[1], padding[1], stride[1], dilation[1], ceil_mode);
  if (oh < 1 || ow < 1) {
    const std::string c = std::to_string(in[R - 3]);
    throw shape_error("Given input size: (" + c + "x" + std::to_string(h) + "x" + std::to_string(w) +
                      "). Calculated output size: (" + c + "x" + std::to_string(oh) + "x" +
                      std::to_string(ow) + "). Output size is too small");
  }
  std::size_t planes = 1;
  for (std::size_t i = 0; i + 2 < R; ++i) planes *= in[i];
  return {planes,
          in[R - 2],
          in[R - 1],
          static_cast<std::size_t>(oh),
          static_cast<std::size_t>(ow),
          static_cast<std::size_t>(kernel[0]),
          static_cast<std::size_t>(kernel[1]),
          static_cast<std::size_t>(stride[0]),
          static_cast<std::size_t>(stride[1]),
          static_cast<std::size_t>(dilation[0]),
          static_cast<std::size_t>(dilation[1]),
          static_cast<std::ptrdiff_t>(padding[0]),
          static_cast<std::ptrdiff_t>(padding[1])};
}

// Runs fn(plane) over the planes, on the pool's threads when the work is large enough.
template <class F>
void for_each_plane(std::size_t planes, std::size_t work_per_plane, F fn) {
  if (planes * work_per_plane >= kConvParallelElements) {
    parallel_for(planes, fn);
  } else {
    for (std::size_t p = 0; p < planes; ++p) fn(p);
  }
}

// max_pool2d without indices and without dilation, in two passes of the dispatched max_rows kernel (NaN
// propagates, the later NaN and the earlier of equal values win, as in PyTorch's `v > max || isnan(v)`
// scan): per output row, the window's input rows (clipped to the input) are folded into one row padded with
// -inf, then kw shifted views of that row are folded into the window maximum at every column, of which every
// sw-th is kept. Only the order in which equal values (+0 and -0) and several NaNs meet differs from
// PyTorch's row-by-row scan, so the values are PyTorch's.
template <class T>
void max_pool2d_rows(const T* x, T* out, const PoolGeometry& g) {
  const auto& kern = kernels<T>();
  const auto pw = static_cast<std::size_t>(g.pw);
  // Padded row: [0, pw) and [pw + w, wp) are -inf; window o covers [o * sw, o * sw + kw).
  const std::size_t spots = (g.ow - 1) * g.sw + 1;  // window starts, every column
  const std::size_t wp = std::max(g.w + 2 * pw, spots + g.kw - 1);
  auto fold = [&](const T* const* rows, std::size_t n, T* dst, std::size_t width) {
    kern.max_rows(rows, std::min(kFoldRows, n), nullptr, dst, width);
    for (std::size_t i = kFoldRows; i < n; i += kFoldRows)
      kern.max_rows(rows + i, std::min(kFoldRows, n - i), dst, dst, width);
  };
  for_each_plane(g.planes, g.oh * g.ow * g.kh * g.kw, [&](std::size_t p) {
    const T* xp = x + p * g.h * g.w;
    std::vector<T> vrow(wp, -std::numeric_limits<T>::infinity());
    std::vector<T> hrow(spots);
    std::vector<const T*> rows(std::max(g.kh, g.kw));
    const auto h = static_cast<std::ptrdiff_t>(g.h);
    for (std::size_t oh = 0; oh < g.oh; ++oh) {
      const std::ptrdiff_t top = static_cast<std::ptrdiff_t>(oh * g.sh) - g.ph;
      const std::ptrdiff_t h0 = std::max<std::ptrdiff_t>(top, 0);
      const std::ptrdiff_t h1 = std::min(top + static_cast<std::ptrdiff_t>(g.kh), h);
      std::size_t n = 0;
      for (std::ptrdiff_t ih = h0; ih < h1; ++ih) rows[n++] = xp + ih * static_cast<std::ptrdiff_t>(g.w);
#if defined(__GNUC__)
      // The rows that the output row 4 rows down adds: runs of a few lines each, which the hardware
      // prefetchers do not pick up in time (8x64x112x112, 3x3 stride 2: 2.4 ms without, 1.9-2.1 ms with).
      const auto ahead = static_cast<std::ptrdiff_t>(4 * g.sh);
      const std::ptrdiff_t next_end = std::min(h1 + ahead, h);
      for (std::ptrdiff_t ih = std::min(h1 + ahead - static_cast<std::ptrdiff_t>(g.sh), h); ih < next_end;
           ++ih) {
        const char* r = reinterpret_cast<const char*>(xp + ih * static_cast<std::ptrdiff_t>(g.w));
        for (std::size_t b = 0; b < g.w * sizeof(T); b += 64) __builtin_prefetch(r + b);
      }
#endif
      fold(rows.data(), n, vrow.data() + pw, g.w);
      for (std::size_t j = 0; j < g.kw; ++j) rows[j] = vrow.data() + j;
      fold(rows.data(), g.kw, hrow.data(), spots);
      keep_every(hrow.data(), g.sw, out + (p * g.oh + oh) * g.ow, g.ow);
    }
  });
}

// PyTorch's CPU kernel's results: the window clipped to the input, scanned row by row, maximum by
// `v > max || isnan(v)` (so NaN wins, and the last NaN's index), and the index of the window's first element
// when nothing exceeds -inf. Computed a row of outputs at a time, one kernel tap after another, so that the
// loops over outputs vectorise.
template <class T>
void max_pool2d_forward(const T* x, T* out, std::int64_t* idx, const PoolGeometry& g) {
  if (idx == nullptr && g.dh == 1 && g.dw == 1) {
    max_pool2d_rows(x, out, g);
    return;
  }
  const auto taps = tap_columns(g.kw, g.dw, g.pw, g.sw, g.w, g.ow);
  for_each_plane(g.planes, g.oh * g.ow * g.kh * g.kw, [&](std::size_t p) {
    const T* xp = x + p * g.h * g.w;
    const auto h = static_cast<std::ptrdiff_t>(g.h), w = static_cast<std::ptrdiff_t>(g.w);
    const auto dh = static_cast<std::ptrdiff_t>(g.dh), dw = static_cast<std::ptrdiff_t>(g.dw);
    for (std::size_t oh = 0; oh < g.oh; ++oh) {
      std::ptrdiff_t h0 = static_cast<std::ptrdiff_t>(oh * g.sh) - g.ph;
      const std::ptrdiff_t h1 = std::min(h0 + static_cast<std::ptrdiff_t>(g.kh - 1) * dh + 1, h);
      while (h0 < 0) h0 += dh;
      T* orow = out + (p * g.oh + oh) * g.ow;
      std::int64_t* irow = idx != nullptr ? idx + (p * g.oh + oh) * g.ow : nullptr;
      std::fill(orow, orow + g.ow, -std::numeric_limits<T>::infinity());
      if (irow != nullptr) {
        for (std::size_t o = 0; o < g.ow; ++o) {
          std::ptrdiff_t w0 = static_cast<std::ptrdiff_t>(o * g.sw) - g.pw;
          while (w0 < 0) w0 += dw;
          irow[o] = h0 * w + w0;
        }
      }
      for (std::ptrdiff_t ih = h0; ih < h1; ih += dh) {
        const T* row = xp + ih * w;
        for (std::size_t j = 0; j < g.kw; ++j) {
          const auto [off, lo, hi] = taps[j];
          if (irow != nullptr) {
            for (std::size_t o = lo; o < hi; ++o) {
              const std::ptrdiff_t at = static_cast<std::ptrdiff_t>(o * g.sw) + off;
              const T v = row[at];
              if (v > orow[o] || std::isnan(v)) {
                orow[o] = v;
                irow[o] = ih * w + at;
              }
            }
          } else {
            for (std::size_t o = lo; o < hi; ++o) {
              const T v = row[static_cast<std::ptrdiff_t>(o * g.sw) + off];
              orow[o] = v > orow[o] || std::isnan(v) ? v : orow[o];
            }
          }
        }
      }
    }
  });
}

template <class T>
void avg_pool2d_forward(const T* x, T* out, const PoolGeometry& g, bool count_include_pad,
                        std::int64_t divisor_override) {
  for_each_plane(g.planes, g.oh * g.ow * g.kh * g.kw, [&](std::size_t p) {
    const T* xp = x + p * g.h * g.w;
    const auto h = static_cast<std::ptrdiff_t>(g.h), w = static_cast<std::ptrdiff_t>(g.w);
    for (std::size_t oh = 0; oh < g.oh; ++oh) {
      std::ptrdiff_t h0 = static_cast<std::ptrdiff_t>(oh * g.sh) - g.ph;
      std::ptrdiff_t h1 = std::min(h0 + static_cast<std::ptrdiff_t>(g.kh), h + g.ph);
      const std::ptrdiff_t rows = h1 - h0;
      h0 = std::max<std::ptrdiff_t>(h0, 0);
      h1 = std::min(h1, h);
      for (std::size_t ow = 0; ow < g.ow; ++ow) {
        std::ptrdiff_t w0 = static_cast<std::ptrdiff_t>(ow * g.sw) - g.pw;
        std::ptrdiff_t w1 = std::min(w0 + static_cast<std::ptrdiff_t>(g.kw), w + g.pw);
        const std::ptrdiff_t pool = rows * (w1 - w0);
        w0 = std::max<std::ptrdiff_t>(w0, 0);
        w1 = std::min(w1, w);
        T& o = out[(p * g.oh + oh) * g.ow + ow];
        if (h0 >= h1 || w0 >= w1) {
          o = T(0);
          continue;
        }
        T sum = 0;
        for (std::ptrdiff_t ih = h0; ih < h1; ++ih) {
          for (std::ptrdiff_t iw = w0; iw < w1; ++iw) sum += xp[ih * w + iw];
        }
        const std::ptrdiff_t div = divisor_override != 0 ? static_cast<std::ptrdiff_t>(divisor_override)
                                   : count_include_pad   ? pool
                                                         : (h1 - h0) * (w1 - w0);
        o = sum / static_cast<T>(div);
      }
    }
  });
}

template <class I>
concept PoolInput = AnyTensor<I> && std::floating_point<elem_t<I>> && rank_in_v<I, 3, 4>;

template <std::size_t R>
Shape<R> pool_shape(const Shape<R>& in, std::size_t oh, std::size_t ow) {
  Shape<R> s = in;
  s[R - 2] = oh;
  s[R - 1] = ow;
  return s;
}

// --- NumPy's 1-D correlate
// ------------------------------------------------------------------------------------

enum class CorrelateMode { valid, same, full };

inline CorrelateMode correlate_mode(std::string_view mode) {
  if (mode == "valid") return CorrelateMode::valid;
  if (mode == "same") return CorrelateMode::same;
  if (mode == "full") return CorrelateMode::full;
  std::string msg = "mode must be one of 'valid', 'same', or 'full' (got '";
  msg += mode;
  msg += "')";
  throw value_error(msg);
}

// NumPy's _pyarray_correlate: out[k] = sum_j a[k - left + j] * v[j] with len(a) >= len(v) (the caller swaps
// and reverses otherwise), left = 0, len(v) / 2 or len(v) - 1 for valid, same and full.
template <class T>
Tensor<T, 1> correlate_sorted(const T* a, std::size_t n1, const T* v, std::size_t n2, CorrelateMode mode,
                              bool reverse) {
  std::size_t left = 0, len = n1 - n2 + 1;
  if (mode == CorrelateMode::same) {
    left = n2 / 2;
    len = n1;
  } else if (mode == CorrelateMode::full) {
    left = n2 - 1;
    len = n1 + n2 - 1;
  }
  auto out = empty_tensor<T>(Shape<1>{len});
  const auto dot = kernels<T>().dot;
  for (std::size_t k = 0; k < len; ++k) {
    // Taps j with 0 <= k - left + j < n1.
    const std::size_t j0 = k < left ? left - k : 0;
    const std::size_t j1 = std::min(n2, n1 + left - k);
    const T s = j1 > j0 ? dot(a + (k + j0 - left), v + j0, j1 - j0) : T(0);
    out.data()[reverse ? len - 1 - k : k] = s;
  }
  return out;
}

template <class A, class V>
concept Correlatable = AnyTensor<A> && AnyTensor<V> && std::same_as<elem_t<A>, elem_t<V>> &&
    std::floating_point<elem_t<A>> && rank_in_v<A, 1> && rank_in_v<V, 1>;

}  // namespace detail

/// torch.nn.functional.conv2d: input (N, C_in, H, W) or unbatched (C_in, H, W), weight (C_out, C_in / groups,
/// kH, kW), optional bias (C_out) in the options (`{.bias = b, .padding = 1}`); the result has the input's
/// rank. shape_error when the channels, the bias or the (padded) input size do not fit the weight;
/// value_error for a bad stride, padding, dilation or groups, or a bias of another dtype.
template <class I, class W>
requires detail::ConvOperands<I, W, 2>
[[nodiscard]] auto conv2d(const I& input, const W& weight, const Conv2dOptions& options = {}) {
  return detail::conv_nd<2>(input, weight, options);
}

/// torch.nn.functional.conv1d: input (N, C_in, L) or (C_in, L), weight (C_out, C_in / groups, k), optional
/// bias (C_out) in the options. Errors as conv2d.
template <class I, class W>
requires detail::ConvOperands<I, W, 1>
[[nodiscard]] auto conv1d(const I& input, const W& weight, const Conv1dOptions& options = {}) {
  return detail::conv_nd<1>(input, weight, options);
}

/// torch.nn.functional.conv_transpose2d: input (N, C_in, H, W) or (C_in, H, W), weight (C_in, C_out / groups,
/// kH, kW), optional bias (C_out) in the options; output size (H - 1) * stride - 2 * padding + dilation *
/// (kH - 1) + output_padding + 1 per axis.
template <class I, class W>
requires detail::ConvOperands<I, W, 2>
[[nodiscard]] auto conv_transpose2d(const I& input, const W& weight,
                                    const ConvTranspose2dOptions& options = {}) {
  return detail::conv_transpose2d_impl(input, weight, options);
}

/// torch.nn.functional.max_pool2d with return_indices=True: the maxima over kernel_size windows of (N, C, H,
/// W) or (C, H, W), and each one's flat index h * W + w in its input plane. NaN wins any window it is in.
template <detail::PoolInput I>
[[nodiscard]] MaxPool2dResult<detail::elem_t<I>, detail::rank_v<I>> max_pool2d_with_indices(
    const I& input, const ExpandingArray<2>& kernel_size, const MaxPool2dOptions& options = {}) {
  using T = detail::elem_t<I>;
  constexpr std::size_t R = detail::rank_v<I>;
  const auto g = detail::pool_geometry(input.shape(), kernel_size, options.stride, options.padding,
                                       options.dilation, options.ceil_mode);
  const Tensor<const T, R> x = Tensor<const T, R>(input).contiguous();
  const auto shape = detail::pool_shape(input.shape(), g.oh, g.ow);
  MaxPool2dResult<T, R> r{detail::empty_tensor<T>(shape), detail::empty_tensor<std::int64_t>(shape)};
  detail::max_pool2d_forward(x.data(), r.values.data(), r.indices.data(), g);
  return r;
}
/// torch.nn.functional.max_pool2d (stride defaults to kernel_size); see max_pool2d_with_indices.
template <detail::PoolInput I>
[[nodiscard]] Tensor<detail::elem_t<I>, detail::rank_v<I>> max_pool2d(const I& input,
                                                                      const ExpandingArray<2>& kernel_size,
                                                                      const MaxPool2dOptions& options = {}) {
  using T = detail::elem_t<I>;
  constexpr std::size_t R = detail::rank_v<I>;
  const auto g = detail::pool_geometry(input.shape(), kernel_size, options.stride, options.padding,
                                       options.dilation, options.ceil_mode);
  const Tensor<const T, R> x = Tensor<const T, R>(input).contiguous();
  auto out = detail::empty_tensor<T>(detail::pool_shape(input.shape(), g.oh, g.ow));
  detail::max_pool2d_forward<T>(x.data(), out.data(), nullptr, g);
  return out;
}

/// torch.nn.functional.avg_pool2d: window means; count_include_pad counts the zero padding in the divisor
/// (windows that ceil_mode adds past the padding never do); divisor_override != 0 replaces the divisor.
template <detail::PoolInput I>
[[nodiscard]] Tensor<detail::elem_t<I>, detail::rank_v<I>> avg_pool2d(const I& input,
                                                                      const ExpandingArray<2>& kernel_size,
                                                                      const AvgPool2dOptions& options = {}) {
  using T = detail::elem_t<I>;
  constexpr std::size_t R = detail::rank_v<I>;
  const auto g = detail::pool_geometry(input.shape(), kernel_size, options.stride, options.padding, 1,
                                       options.ceil_mode);
  const Tensor<const T, R> x = Tensor<const T, R>(input).contiguous();
  auto out = detail::empty_tensor<T>(detail::pool_shape(input.shape(), g.oh, g.ow));
  detail::avg_pool2d_forward<T>(x.data(), out.data(), g, options.count_include_pad, options.divisor_override);
  return out;
}

/// torch.nn.functional.adaptive_avg_pool2d: output (.., oH, oW); output cell i averages input rows
/// [floor(i * H / oH), ceil((i + 1) * H / oH)), and likewise for columns.
template <detail::PoolInput I>
[[nodiscard]] Tensor<detail::elem_t<I>, detail::rank_v<I>> adaptive_avg_pool2d(
    const I& input, const ExpandingArray<2>& output_size) {
  using T = detail::elem_t<I>;
  constexpr std::size_t R = detail::rank_v<I>;
  const auto& in = input.shape();
  if (output_size[0] < 0 || output_size[1] < 0) {
    throw value_error(
        "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but "
        "received " +
        detail::conv_pair(output_size.values(), ", "));
  }
  for (std::size_t i = R == 4 ? 1 : 0; i < R; ++i) {
    if (in[i] == 0) {
      throw shape_error(
          "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, "
          "but input has sizes " +
          detail::conv_shape(in) + " with dimension " + std::to_string(i) + " being empty");
    }
  }
  const Tensor<const T, R> x = Tensor<const T, R>(input).contiguous();
  const auto oh = static_cast<std::size_t>(output_size[0]), ow = static_cast<std::size_t>(output_size[1]);
  auto out = detail::empty_tensor<T>(detail::pool_shape(in, oh, ow));
  const std::size_t h = in[R - 2], w = in[R - 1], planes = x.size() / (h * w);
  detail::for_each_plane(planes, h * w, [&](std::size_t p) {
    const T* xp = x.data() + p * h * w;
    for (std::size_t i = 0; i < oh; ++i) {
      const std::size_t h0 = i * h / oh, h1 = ((i + 1) * h + oh - 1) / oh;
      for (std::size_t j = 0; j < ow; ++j) {
        const std::size_t w0 = j * w / ow, w1 = ((j + 1) * w + ow - 1) / ow;
        T sum = 0;
        for (std::size_t r = h0; r < h1; ++r) {
          for (std::size_t c = w0; c < w1; ++c) sum += xp[r * w + c];
        }
        out.data()[(p * oh + i) * ow + j] = sum / static_cast<T>((h1 - h0) * (w1 - w0));
      }
    }
  });
  return out;
}

/// numpy.correlate of 1-D tensors: out[k] = sum_n a[n + k] * v[n] over the overlap; mode "valid" (default,
/// len max - min + 1), "same" (len max(M, N)) or "full" (M + N - 1). As NumPy, when v is longer than a the
/// two are swapped and the result reversed. value_error on an empty operand or an unknown mode.
template <class A, class V>
requires detail::Correlatable<A, V>
[[nodiscard]] Tensor<detail::elem_t<A>, 1> correlate(const A& a, const V& v,
                                                     std::string_view mode = "valid") {
  using T = detail::elem_t<A>;
  const auto m = detail::correlate_mode(mode);
  if (a.size() == 0) throw value_error("first array argument cannot be empty");
  if (v.size() == 0) throw value_error("second array argument cannot be empty");
  const auto ac = Tensor<const T, 1>(a).contiguous(), vc = Tensor<const T, 1>(v).contiguous();
  if (ac.size() < vc.size())
    return detail::correlate_sorted(vc.data(), vc.size(), ac.data(), ac.size(), m, true);
  return detail::correlate_sorted(ac.data(), ac.size(), vc.data(), vc.size(), m, false);
}

/// numpy.convolve of 1-D tensors: out[k] = sum_n a[n] * v[k - n]; mode "full" (default), "same" or "valid"
/// as correlate (the longer operand is the signal). value_error on an empty operand or an unknown mode.
template <class A, class V>
requires detail::Correlatable<A, V>
[[nodiscard]] Tensor<detail::elem_t<A>, 1> convolve(const A& a, const V& v, std::string_view mode = "full") {
  using T = detail::elem_t<A>;
  const auto m = detail::correlate_mode(mode);
  const bool swap = v.size() > a.size();
  const auto ac = Tensor<const T, 1>(swap ? Tensor<const T, 1>(v) : Tensor<const T, 1>(a)).contiguous();
  const auto vr = flip(swap ? Tensor<const T, 1>(a) : Tensor<const T, 1>(v), 0).contiguous();
  if (ac.size() == 0) throw value_error("a cannot be empty");
  if (vr.size() == 0) throw value_error("v cannot be empty");
  return detail::correlate_sorted(ac.data(), ac.size(), vr.data(), vr.size(), m, false);
}

TRUENO_END_NAMESPACE
