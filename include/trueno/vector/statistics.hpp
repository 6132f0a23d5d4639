// trueno — statistics over Vector<T>: covariance, correlation and the common normalisations.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

#include "elementwise.hpp"
#include "reduce.hpp"

TRUENO_BEGIN_NAMESPACE

/// Sample covariance of a and b with divisor n - ddof (default 1, numpy.cov's); NaN when ddof >= n.
template <VectorElement T>
[[nodiscard]] stat_t<T> cov(const Vector<T>& a, const Vector<T>& b, ddof d = ddof(1)) {
  using S = stat_t<T>;
  detail::check_same_size(a.size(), b.size());
  if (d.value >= a.size()) return std::numeric_limits<S>::quiet_NaN();
  const auto& x = detail::as_stat_vector(a);
  const auto& y = detail::as_stat_vector(b);
  const S s = detail::kernels<S>().centered_dot(x.data(), y.data(), x.size(), mean(x), mean(y));
  return s / static_cast<S>(a.size() - d.value);
}

/// Pearson correlation coefficient of a and b (numpy.corrcoef(a, b)[0, 1]), clipped to [-1, 1]; NaN when
/// either vector is constant or has fewer than two elements.
template <VectorElement T>
[[nodiscard]] stat_t<T> corrcoef(const Vector<T>& a, const Vector<T>& b) {
  using S = stat_t<T>;
  detail::check_same_size(a.size(), b.size());
  if (a.size() < 2) return std::numeric_limits<S>::quiet_NaN();
  const S c = cov(a, b, ddof(0));
  const S r = c / std::sqrt(var(a) * var(b));
  return std::isnan(r) ? r : std::clamp(r, S(-1), S(1));
}

/// (a - mean(a)) / std(a, ddof) (scipy.stats.zscore); a constant vector gives NaN, as scipy does.
template <FloatElement T>
void zscore(const Vector<T>& a, Vector<T>& out, ddof d = ddof(0)) {
  detail::check_out_size(out.size(), a.size());
  if (a.empty()) return;
  const T m = mean(a);
  const T s = std(a, d);
  const auto& k = detail::kernels<T>();
  k.add_scalar(a.data(), out.data(), a.size(), -m);
  k.scale(out.data(), out.data(), a.size(), T(1) / s);
}
template <FloatElement T>
[[nodiscard]] Vector<T> zscore(const Vector<T>& a, ddof d = ddof(0)) {
  Vector<T> out(detail::uninitialized, a.size());
  zscore(a, out, d);
  return out;
}

/// a / norm_l2(a), the unit vector along a. Throws value_error for a zero (or empty) vector.
template <FloatElement T>
void normalize(const Vector<T>& a, Vector<T>& out) {
  detail::check_out_size(out.size(), a.size());
  const T n = norm_l2(a);
  if (n == T(0)) throw value_error("normalize: cannot normalize a vector whose L2 norm is 0");
  detail::kernels<T>().scale(a.data(), out.data(), a.size(), T(1) / n);
}
template <FloatElement T>
[[nodiscard]] Vector<T> normalize(const Vector<T>& a) {
  Vector<T> out(detail::uninitialized, a.size());
  normalize(a, out);
  return out;
}

/// (a - min) / (max - min), mapping a onto [0, 1]. Throws value_error for an empty or constant vector.
template <FloatElement T>
void minmax_normalize(const Vector<T>& a, Vector<T>& out) {
  detail::check_out_size(out.size(), a.size());
  const T lo = min(a), hi = max(a);
  if (!(hi > lo)) {
    throw value_error("minmax_normalize: the range max - min is " + std::to_string(hi - lo) +
                      "; it must be positive");
  }
  const auto& k = detail::kernels<T>();
  k.add_scalar(a.data(), out.data(), a.size(), -lo);
  k.scale(out.data(), out.data(), a.size(), T(1) / (hi - lo));
}
template <FloatElement T>
[[nodiscard]] Vector<T> minmax_normalize(const Vector<T>& a) {
  Vector<T> out(detail::uninitialized, a.size());
  minmax_normalize(a, out);
  return out;
}

TRUENO_END_NAMESPACE
