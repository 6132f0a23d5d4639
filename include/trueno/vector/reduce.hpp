// trueno — reductions over Vector<T>: sums, extrema, norms, moments. Sums are pairwise (error at most about
// (log2 n + 2) * eps * sum|x|); integer sums and products accumulate in int64 for int32, like NumPy.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "checks.hpp"

TRUENO_BEGIN_NAMESPACE

/// Delta degrees of freedom for var/std/cov: the divisor is n - ddof. `trueno::var(a, trueno::ddof(1))`.
struct ddof {
  constexpr explicit ddof(std::size_t k) noexcept : value(k) {}
  std::size_t value;
};

/// The type a statistic of T comes out in: T for floating point, double for integers (NumPy's mean of ints).
template <class T>
using stat_t = std::conditional_t<std::is_floating_point_v<T>, T, double>;

/// Sum of the elements; 0 for an empty vector. int32 sums to int64.
template <VectorElement T>
[[nodiscard]] detail::accumulator_t<T> sum(const Vector<T>& a) {
  return detail::kernels<T>().sum(a.data(), a.size());
}

/// Product of the elements; 1 for an empty vector. int32 multiplies in int64.
template <VectorElement T>
[[nodiscard]] detail::accumulator_t<T> prod(const Vector<T>& a) {
  return detail::kernels<T>().prod(a.data(), a.size());
}

/// Largest element; NaN if any element is NaN. Throws value_error for an empty vector.
template <VectorElement T>
[[nodiscard]] T max(const Vector<T>& a) {
  detail::check_nonempty(a.size(), "maximum");
  return detail::kernels<T>().max(a.data(), a.size());
}
/// Smallest element; NaN if any element is NaN. Throws value_error for an empty vector.
template <VectorElement T>
[[nodiscard]] T min(const Vector<T>& a) {
  detail::check_nonempty(a.size(), "minimum");
  return detail::kernels<T>().min(a.data(), a.size());
}
/// Index of the first largest element, or of the first NaN. Throws value_error for an empty vector.
template <VectorElement T>
[[nodiscard]] std::size_t argmax(const Vector<T>& a) {
  detail::check_nonempty(a.size(), "argmax");
  return detail::kernels<T>().argmax(a.data(), a.size());
}
/// Index of the first smallest element, or of the first NaN. Throws value_error for an empty vector.
template <VectorElement T>
[[nodiscard]] std::size_t argmin(const Vector<T>& a) {
  detail::check_nonempty(a.size(), "argmin");
  return detail::kernels<T>().argmin(a.data(), a.size());
}

/// Sum of a[i] * b[i] (fused multiply-adds, pairwise); integers wrap around in T like NumPy.
template <VectorElement T>
[[nodiscard]] T dot(const Vector<T>& a, const Vector<T>& b) {
  detail::check_same_size(a.size(), b.size());
  return detail::kernels<T>().dot(a.data(), b.data(), a.size());
}

/// Sum of |a[i]|.
template <FloatElement T>
[[nodiscard]] T norm_l1(const Vector<T>& a) {
  return detail::kernels<T>().sum_abs(a.data(), a.size());
}
/// Largest |a[i]|; 0 for an empty vector; NaN if any element is NaN.
template <FloatElement T>
[[nodiscard]] T norm_linf(const Vector<T>& a) {
  return a.empty() ? T(0) : detail::kernels<T>().max_abs(a.data(), a.size());
}
/// Euclidean norm without overflow or underflow for large or tiny finite values: one pass normally; a second,
/// rescaled pass only when the plain sum of squares overflows or loses precision to underflow.
template <FloatElement T>
[[nodiscard]] T norm_l2(const Vector<T>& a) {
  const auto& k = detail::kernels<T>();
  const T s = k.dot(a.data(), a.data(), a.size());
  constexpr T kTiny = std::numeric_limits<T>::min() / std::numeric_limits<T>::epsilon();
  if (std::isnan(s)) return s;
  if (std::isfinite(s) && s > kTiny) return std::sqrt(s);
  if (a.empty()) return T(0);  // max_abs needs n >= 1
  const T m = k.max_abs(a.data(), a.size());
  if (m == T(0) || std::isinf(m)) return m;
  return m * std::sqrt(k.scaled_sum_squares(a.data(), a.size(), m));
}

/// True when every element is finite (no NaN, no +-inf).
template <VectorElement T>
[[nodiscard]] bool all_finite(const Vector<T>& a) {
  if constexpr (std::is_floating_point_v<T>) {
    return detail::kernels<T>().all_finite(a.data(), a.size());
  } else {
    return true;
  }
}

namespace detail {
// Integer statistics are computed on a float64 copy, as NumPy converts them.
template <class T>
decltype(auto) as_stat_vector(const Vector<T>& a) {
  if constexpr (std::is_floating_point_v<T>) {
    return (a);
  } else {
    return Vector<double>(a.begin(), a.end());
  }
}
}  // namespace detail

/// Arithmetic mean (float64 for integers). Throws value_error for an empty vector.
template <VectorElement T>
[[nodiscard]] stat_t<T> mean(const Vector<T>& a) {
  detail::check_nonempty(a.size(), "mean");
  if constexpr (std::is_floating_point_v<T>) {
    return sum(a) / static_cast<T>(a.size());
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    return static_cast<double>(sum(a)) / static_cast<double>(a.size());  // the int64 sum is exact
  } else {
    return mean(detail::as_stat_vector(a));  // an int64 sum could wrap: NumPy sums in float64
  }
}

/// Variance with divisor n - ddof (two passes: mean, then squared deviations). NaN when ddof >= n, like
/// NumPy.
template <VectorElement T>
[[nodiscard]] stat_t<T> var(const Vector<T>& a, ddof d = ddof(0)) {
  using S = stat_t<T>;
  if (d.value >= a.size()) return std::numeric_limits<S>::quiet_NaN();
  const auto& x = detail::as_stat_vector(a);
  const S m = mean(x);
  const S ss = detail::kernels<S>().centered_dot(x.data(), x.data(), x.size(), m, m);
  return ss / static_cast<S>(a.size() - d.value);
}

/// Standard deviation: sqrt(var(a, ddof)).
template <VectorElement T>
[[nodiscard]] stat_t<T> std(const Vector<T>& a, ddof d = ddof(0)) {
  return std::sqrt(var(a, d));
}

/// Running sum: out[i] = a[0] + ... + a[i], in the accumulator type (int64 for int32), NumPy's order.
template <VectorElement T>
void cumsum(const Vector<T>& a, Vector<detail::accumulator_t<T>>& out) {
  detail::check_out_size(out.size(), a.size());
  detail::kernels<T>().cumsum(a.data(), out.data(), a.size());
}
template <VectorElement T>
[[nodiscard]] Vector<detail::accumulator_t<T>> cumsum(const Vector<T>& a) {
  Vector<detail::accumulator_t<T>> out(detail::uninitialized, a.size());
  detail::kernels<T>().cumsum(a.data(), out.data(), a.size());
  return out;
}

TRUENO_END_NAMESPACE
