// trueno — running sums and products along an axis (cumsum, cumprod) and the Euclidean norm of a tensor or
// along axes (norm). As NumPy: int32 and bool accumulate in int64, floats in their own type, in order;
// without an axis the flattened elements are used.
#pragma once

#include <cmath>
#include <vector>

#include "manipulation.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

/// NumPy's accumulator of cumsum/cumprod: int64 for bool and int32, the type itself otherwise.
template <class T>
using cumulative_t = std::conditional_t<std::is_same_v<T, bool>, std::int64_t, accumulator_t<T>>;

enum class CumulativeOp { sum, prod };

/// The type integer accumulations run in so that overflow wraps (unsigned), the type itself for floats.
template <class A>
struct wrapping {
  using type = A;
};
template <std::integral A>
struct wrapping<A> {
  using type = std::make_unsigned_t<A>;
};

template <class T, std::size_t N>
Tensor<cumulative_t<std::remove_const_t<T>>, N> cumulate(const Tensor<T, N>& t, std::ptrdiff_t axis,
                                                         CumulativeOp op) {
  using V = std::remove_const_t<T>;
  using A = cumulative_t<V>;
  const std::size_t ax = normalize_axis(axis, N);
  auto out = empty_tensor<A>(t.shape());
  for_each_lane(t, out, ax, [op](const T* p, std::ptrdiff_t sp, A* q, std::ptrdiff_t sq, std::size_t n) {
    if constexpr (KernelElement<V>) {
      if (op == CumulativeOp::sum && sp == 1 && sq == 1) {
        kernels<V>().cumsum(p, q, n);  // NumPy's sequential order
        return;
      }
    }
    // Integers wrap around (NumPy's behaviour), computed in the unsigned type to stay defined.
    using W = typename wrapping<A>::type;
    W acc = op == CumulativeOp::sum ? W{0} : W{1};
    for (std::size_t i = 0; i < n; ++i) {
      const auto x = static_cast<W>(static_cast<A>(p[static_cast<std::ptrdiff_t>(i) * sp]));
      acc = op == CumulativeOp::sum ? static_cast<W>(acc + x) : static_cast<W>(acc * x);
      q[static_cast<std::ptrdiff_t>(i) * sq] = static_cast<A>(acc);
    }
  });
  return out;
}

/// The norm of n floats or doubles: one dot product, and a scaled second pass only when that over- or
/// underflows.
template <class S>
S norm_of_float_block(const S* x, std::size_t n) {
  const auto& k = kernels<S>();
  const S s = k.dot(x, x, n);
  constexpr S kTiny = std::numeric_limits<S>::min() / std::numeric_limits<S>::epsilon();
  if (std::isnan(s)) return s;
  if (std::isfinite(s) && s > kTiny) return std::sqrt(s);
  if (n == 0) return S(0);
  const S m = k.max_abs(x, n);
  if (m == S(0) || std::isinf(m)) return m;
  return m * std::sqrt(k.scaled_sum_squares(x, n, m));
}

/// Euclidean norm of a contiguous block without overflow or underflow for large or tiny finite values (the
/// Vector norm_l2's algorithm); integers in float64, float16 and bfloat16 in float (rounded once).
template <class V>
mean_t<V> norm_of_block(const V* p, std::size_t n) {
  std::vector<compute_t<V>> conv;
  return static_cast<mean_t<V>>(norm_of_float_block(compute_block(p, n, conv), n));
}

}  // namespace detail

/// Running sum along axis: out[..., i, ...] = t[..., 0, ...] + ... + t[..., i, ...] (np.cumsum).
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] Tensor<detail::cumulative_t<std::remove_const_t<T>>, N> cumsum(const Tensor<T, N>& t,
                                                                                 std::ptrdiff_t axis) {
  return detail::cumulate(t, axis, detail::CumulativeOp::sum);
}
/// Running sum of the flattened elements (np.cumsum with axis=None): a 1-D tensor.
template <class T, std::size_t N>
[[nodiscard]] Tensor<detail::cumulative_t<std::remove_const_t<T>>, 1> cumsum(const Tensor<T, N>& t) {
  return detail::cumulate(t.ravel(), 0, detail::CumulativeOp::sum);
}
/// Running product along axis (np.cumprod); integers wrap around in the accumulator type.
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] Tensor<detail::cumulative_t<std::remove_const_t<T>>, N> cumprod(const Tensor<T, N>& t,
                                                                                  std::ptrdiff_t axis) {
  return detail::cumulate(t, axis, detail::CumulativeOp::prod);
}
/// Running product of the flattened elements: a 1-D tensor.
template <class T, std::size_t N>
[[nodiscard]] Tensor<detail::cumulative_t<std::remove_const_t<T>>, 1> cumprod(const Tensor<T, N>& t) {
  return detail::cumulate(t.ravel(), 0, detail::CumulativeOp::prod);
}

/// Euclidean (Frobenius) norm of all elements: sqrt of the sum of squares, without spurious overflow;
/// integers and bool give float64, float16 and bfloat16 their own type (np.linalg.norm(t)). 0 for an empty
/// tensor.
template <class T, std::size_t N>
requires detail::StatElement<std::remove_const_t<T>>
[[nodiscard]] detail::mean_t<std::remove_const_t<T>> norm(const Tensor<T, N>& t) {
  using V = std::remove_const_t<T>;
  return detail::reduce_all<detail::mean_t<V>>(
      t, [](const V* p, std::size_t n) { return detail::norm_of_block(p, n); });
}
/// 2-norm along one axis (np.linalg.norm(t, axis=axis)); the keepdims form keeps the axis with extent 1.
template <class T, std::size_t N>
requires(detail::StatElement<std::remove_const_t<T>>&& N >= 1)
    [[nodiscard]] Tensor<detail::mean_t<std::remove_const_t<T>>, N> norm(const Tensor<T, N>& t,
                                                                         std::ptrdiff_t axis,
                                                                         keepdims_t /*tag*/) {
  using V = std::remove_const_t<T>;
  return detail::reduce_axes<detail::mean_t<V>, N>(
      t, detail::axis_mask<N>(axis), [](const V* p, std::size_t n) { return detail::norm_of_block(p, n); });
}
template <class T, std::size_t N>
requires(detail::StatElement<std::remove_const_t<T>>&& N >= 1)
    [[nodiscard]] Tensor<detail::mean_t<std::remove_const_t<T>>, N - 1> norm(const Tensor<T, N>& t,
                                                                             std::ptrdiff_t axis) {
  const auto m = detail::axis_mask<N>(axis);
  return norm(t, axis, keepdims).template reshape_to<N - 1>(detail::dropped_shape<N - 1>(t.shape(), m));
}

TRUENO_END_NAMESPACE
