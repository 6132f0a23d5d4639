// trueno — softmax, log_softmax and logsumexp of a tensor along one axis (numerically stable, PyTorch's
// special-value rules: see vector/math.hpp; float16 and bfloat16 computed in float and rounded once). Rows
// along a contiguous last axis go straight to the kernels; any other axis is moved last through one
// contiguous copy.
#pragma once

#include <vector>

#include "elementwise.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

// Applies row_fn(const T*, T*, n) to every 1-D lane of t along `axis`, writing a new tensor of t's shape.
template <class T, std::size_t N, class RowFn>
Tensor<std::remove_const_t<T>, N> map_lanes(const Tensor<T, N>& t, std::ptrdiff_t axis, RowFn row_fn) {
  using V = std::remove_const_t<T>;
  const std::size_t ax = normalize_axis(axis, N);
  // Move `axis` last (a view), make it contiguous, process rows, then view the result back in t's order.
  auto moved = t.transpose(static_cast<std::ptrdiff_t>(ax), static_cast<std::ptrdiff_t>(N - 1));
  const auto src = moved.contiguous();
  auto out = empty_tensor<V>(src.shape());
  const std::size_t n = src.shape()[N - 1];
  const std::size_t rows = n == 0 ? 0 : src.size() / n;
  for (std::size_t r = 0; r < rows; ++r) row_fn(src.data() + r * n, out.data() + r * n, n);
  if (ax == N - 1) return out;
  return out.transpose(static_cast<std::ptrdiff_t>(ax), static_cast<std::ptrdiff_t>(N - 1)).contiguous();
}

/// A row function over V from the row kernel of V's kernel table: float16 and bfloat16 rows are widened into
/// float (one buffer for all the rows of a call), run through the float kernel and rounded once.
template <class V, class Pick>
auto softmax_row(Pick pick) {
  if constexpr (HalfElement<V>) {
    return [fn = pick(kernels<float>()), f = std::vector<float>()](const V* a, V* o, std::size_t n) mutable {
      f.resize(n);
      widen_half(a, f.data(), n);
      fn(f.data(), f.data(), n);
      narrow_half(f.data(), o, n);
    };
  } else {
    return [fn = pick(kernels<V>())](const V* a, V* o, std::size_t n) { fn(a, o, n); };
  }
}

}  // namespace detail

/// exp(x - max) / sum(exp(x - max)) along `axis` (default: the last), as torch.softmax(t, dim).
template <class T, std::size_t N>
requires(detail::FloatElement<std::remove_const_t<T>>&& N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N> softmax(const Tensor<T, N>& t, std::ptrdiff_t axis = -1) {
  using V = std::remove_const_t<T>;
  return detail::map_lanes(t, axis, detail::softmax_row<V>([](const auto& k) { return k.softmax; }));
}
/// log(softmax(t)) along `axis` without its rounding and underflow, as torch.log_softmax.
template <class T, std::size_t N>
requires(detail::FloatElement<std::remove_const_t<T>>&& N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N> log_softmax(const Tensor<T, N>& t,
                                                                std::ptrdiff_t axis = -1) {
  using V = std::remove_const_t<T>;
  return detail::map_lanes(t, axis, detail::softmax_row<V>([](const auto& k) { return k.log_softmax; }));
}
/// log(sum(exp(t))) along `axis`, as torch.logsumexp(t, dim): rank N - 1.
template <class T, std::size_t N>
requires(detail::FloatElement<std::remove_const_t<T>>&& N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N - 1> logsumexp(const Tensor<T, N>& t,
                                                                  std::ptrdiff_t axis) {
  using V = std::remove_const_t<T>;
  const std::size_t ax = detail::normalize_axis(axis, N);
  const auto moved =
      t.transpose(static_cast<std::ptrdiff_t>(ax), static_cast<std::ptrdiff_t>(N - 1)).contiguous();
  Shape<N - 1> s{};
  for (std::size_t i = 0; i + 1 < N; ++i) s[i] = moved.shape()[i];
  auto out = detail::empty_tensor<V>(s);
  const std::size_t n = moved.shape()[N - 1];
  if constexpr (detail::HalfElement<V>) {
    std::vector<float> f(n);
    for (std::size_t r = 0; r < out.size(); ++r) {
      detail::widen_half(moved.data() + r * n, f.data(), n);
      out.data()[r] = V(detail::kernels<float>().logsumexp(f.data(), n));
    }
  } else {
    const auto fn = detail::kernels<V>().logsumexp;
    for (std::size_t r = 0; r < out.size(); ++r) out.data()[r] = fn(moved.data() + r * n, n);
  }
  if constexpr (N >= 3) {
    // The lanes' order follows `moved` (axis ax swapped with the last); swap back among the kept axes.
    if (ax != N - 1) {
      // moved's kept axes are t's axes with N-1 in ax's place: move that one back to the end.
      std::array<std::ptrdiff_t, N - 1> order{};
      for (std::size_t i = 0, k = 0; i < N - 1; ++i) {
        if (i != ax) order[k++] = static_cast<std::ptrdiff_t>(i);
      }
      order[N - 2] = static_cast<std::ptrdiff_t>(ax);
      Shape<N - 1> ps{};
      Strides<N - 1> pst{};
      for (std::size_t i = 0; i < N - 1; ++i) {
        ps[i] = out.shape()[static_cast<std::size_t>(order[i])];
        pst[i] = out.strides()[static_cast<std::size_t>(order[i])];
      }
      return Tensor<V, N - 1>{detail::view_parts, out.storage(), ps, pst}.contiguous();
    }
  }
  return out;
}

TRUENO_END_NAMESPACE
