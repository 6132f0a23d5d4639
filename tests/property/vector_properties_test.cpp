// Algebraic properties of the Vector<T> ops, checked on random inputs with RapidCheck.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <trueno/trueno.hpp>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using trueno::Vector;

// Lengths up to 700 reach every kernel path, including the pairwise tree above one 512-element leaf.
constexpr std::size_t kMaxLength = 700;

// Element generators draw from their whole range at every case (rapidcheck's size would otherwise bias early
// cases towards the low end of inRange) and shrink towards zero.
template <class T>
rc::Gen<T> uniform_in(T min, T max_exclusive) {
  return rc::gen::resize(100, rc::gen::inRange<T>(min, max_exclusive));
}

// Finite values k / 1024 with |k| <= 2^20: moderate magnitudes, sums of up to 700 of them exact in double.
template <class T>
rc::Gen<T> moderate() {
  return rc::gen::map(rc::gen::pair(uniform_in<std::int64_t>(0, (1 << 20) + 1), rc::gen::arbitrary<bool>()),
                      [](std::pair<std::int64_t, bool> k) {
                        const T magnitude = static_cast<T>(k.first) / T(1024);
                        return k.second ? -magnitude : magnitude;
                      });
}

// Finite values of either sign over many binades (up to 2^62 in magnitude, down to 2^-84): no overflow in
// sums or squares.
template <class T>
rc::Gen<T> wide() {
  return rc::gen::map(rc::gen::tuple(uniform_in<std::int32_t>(0, (1 << 22) + 1), uniform_in<int>(0, 125),
                                     rc::gen::arbitrary<bool>()),
                      [](std::tuple<std::int32_t, int, bool> mes) {
                        const T magnitude =
                            std::ldexp(static_cast<T>(std::get<0>(mes)), std::get<1>(mes) - 84);
                        return std::get<2>(mes) ? -magnitude : magnitude;
                      });
}

// Moderate values, signed zeros and now and then a NaN or an infinity.
template <class T>
rc::Gen<T> with_specials() {
  constexpr T nan = std::numeric_limits<T>::quiet_NaN(), inf = std::numeric_limits<T>::infinity();
  return rc::gen::weightedOneOf<T>(
      {{20, moderate<T>()}, {2, rc::gen::element(T(0), -T(0))}, {1, rc::gen::element(nan, inf, -inf)}});
}

// Integers over their whole range, the extremes included.
template <class T>
rc::Gen<T> any_integer() {
  constexpr T lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
  return rc::gen::weightedOneOf<T>(
      {{20, rc::gen::resize(100, rc::gen::arbitrary<T>())}, {1, rc::gen::element(lo, hi, T(0), T(-1))}});
}

template <class T>
Vector<T> vector_of(const rc::Gen<T>& element, std::size_t n) {
  const std::vector<T> xs = *rc::gen::container<std::vector<T>>(n, element);
  return Vector<T>(std::span<const T>(xs));
}
std::size_t any_length(std::size_t min = 0) { return *rc::gen::inRange<std::size_t>(min, kMaxLength + 1); }

template <class T>
bool bitwise_equal(const Vector<T>& a, const Vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

std::size_t ceil_log2(std::size_t n) {
  std::size_t k = 0;
  while ((std::size_t{1} << k) < n) ++k;
  return k;
}

// Neumaier's compensated sum in long double, and sum |x|.
template <class T>
std::pair<long double, long double> reference_sum(const Vector<T>& v) {
  long double s = 0, c = 0, abs_sum = 0;
  for (T x : v) {
    const long double t = s + x;
    c += std::fabs(s) >= std::fabs(static_cast<long double>(x)) ? (s - t) + x : (x - t) + s;
    s = t;
    abs_sum += std::fabs(static_cast<long double>(x));
  }
  return {s + c, abs_sum};
}

template <class T>
long double eps() {
  return static_cast<long double>(std::numeric_limits<T>::epsilon());
}

// --- commutativity
// ---------------------------------------------------------------------------------------------

template <class T>
void check_add_mul_commute(const rc::Gen<T>& element) {
  const std::size_t n = any_length();
  const Vector<T> a = vector_of(element, n), b = vector_of(element, n);
  RC_ASSERT(bitwise_equal(trueno::add(a, b), trueno::add(b, a)));
  RC_ASSERT(bitwise_equal(trueno::mul(a, b), trueno::mul(b, a)));
}

RC_GTEST_PROP(VectorProperties, AddAndMulCommuteBitwise, ()) {
  check_add_mul_commute(wide<float>());
  check_add_mul_commute(wide<double>());
  check_add_mul_commute(any_integer<std::int32_t>());
  check_add_mul_commute(any_integer<std::int64_t>());
}

template <class T>
void check_maximum_minimum(const rc::Gen<T>& element) {
  const std::size_t n = any_length();
  const Vector<T> a = vector_of(element, n), b = vector_of(element, n);
  const Vector<T> mx = trueno::maximum(a, b), mn = trueno::minimum(a, b);
  // Commutative up to the sign of a zero result (ties return the first operand), with NaN in NaN out.
  const Vector<T> mx2 = trueno::maximum(b, a), mn2 = trueno::minimum(b, a);
  for (std::size_t i = 0; i < n; ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(a[i]) || std::isnan(b[i])) {
        RC_ASSERT(std::isnan(mx[i]) && std::isnan(mn[i]) && std::isnan(mx2[i]) && std::isnan(mn2[i]));
        continue;
      }
    }
    RC_ASSERT(mx[i] == mx2[i]);
    RC_ASSERT(mn[i] == mn2[i]);
    RC_ASSERT(mx[i] >= a[i] && mx[i] >= b[i] && (mx[i] == a[i] || mx[i] == b[i]));
    RC_ASSERT(mn[i] <= a[i] && mn[i] <= b[i] && (mn[i] == a[i] || mn[i] == b[i]));
  }
}

RC_GTEST_PROP(VectorProperties, MaximumAndMinimumCommuteAndPickAnOperand, ()) {
  check_maximum_minimum(with_specials<float>());
  check_maximum_minimum(with_specials<double>());
  check_maximum_minimum(any_integer<std::int32_t>());
  check_maximum_minimum(any_integer<std::int64_t>());
}

// --- involutions and signs
// -------------------------------------------------------------------------------------

template <class T>
void check_neg_involution(const rc::Gen<T>& element) {
  const Vector<T> a = vector_of(element, any_length());
  RC_ASSERT(bitwise_equal(trueno::neg(trueno::neg(a)), a));
  RC_ASSERT(bitwise_equal(-(-a), a));
}

RC_GTEST_PROP(VectorProperties, NegOfNegIsIdentityBitwise, ()) {
  check_neg_involution(with_specials<float>());
  check_neg_involution(with_specials<double>());
  check_neg_involution(any_integer<std::int32_t>());
  check_neg_involution(any_integer<std::int64_t>());
}

template <class T>
void check_sub_is_add_neg(const rc::Gen<T>& element) {
  const std::size_t n = any_length();
  const Vector<T> a = vector_of(element, n), b = vector_of(element, n);
  RC_ASSERT(bitwise_equal(trueno::sub(a, b), trueno::add(a, trueno::neg(b))));
}

RC_GTEST_PROP(VectorProperties, SubIsAddOfNegBitwise, ()) {
  check_sub_is_add_neg(wide<float>());
  check_sub_is_add_neg(wide<double>());
  check_sub_is_add_neg(any_integer<std::int32_t>());
  check_sub_is_add_neg(any_integer<std::int64_t>());
}

template <class T>
void check_abs_nonnegative(const rc::Gen<T>& element) {
  const Vector<T> a = vector_of(element, any_length());
  const Vector<T> m = trueno::abs(a);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      RC_ASSERT(!std::signbit(m[i]));
      if (!std::isnan(a[i])) RC_ASSERT(m[i] >= T(0) && (m[i] == a[i] || m[i] == -a[i]));
    } else {
      RC_ASSERT(m[i] >= T(0) || a[i] == std::numeric_limits<T>::min());  // abs(INT_MIN) wraps, as NumPy
    }
  }
}

RC_GTEST_PROP(VectorProperties, AbsIsNonNegative, ()) {
  check_abs_nonnegative(with_specials<float>());
  check_abs_nonnegative(with_specials<double>());
  check_abs_nonnegative(any_integer<std::int32_t>());
  check_abs_nonnegative(any_integer<std::int64_t>());
}

// --- clamp
// -----------------------------------------------------------------------------------------------------

template <class T>
void check_clamp(const rc::Gen<T>& element, const rc::Gen<T>& bound) {
  const Vector<T> a = vector_of(element, any_length());
  T lo = *bound, hi = *bound;
  if (hi < lo) std::swap(lo, hi);
  const Vector<T> c = trueno::clamp(a, lo, hi);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(a[i])) {
        RC_ASSERT(std::isnan(c[i]));
        continue;
      }
    }
    RC_ASSERT(lo <= c[i] && c[i] <= hi);
    if (lo <= a[i] && a[i] <= hi) RC_ASSERT(c[i] == a[i]);
  }
}

RC_GTEST_PROP(VectorProperties, ClampStaysWithinTheBounds, ()) {
  check_clamp(with_specials<float>(), moderate<float>());
  check_clamp(with_specials<double>(), moderate<double>());
  check_clamp(any_integer<std::int32_t>(), any_integer<std::int32_t>());
  check_clamp(any_integer<std::int64_t>(), any_integer<std::int64_t>());
}

// --- reductions
// ------------------------------------------------------------------------------------------------

template <class T>
void check_dot_is_squared_norm(const rc::Gen<T>& element) {
  const Vector<T> a = vector_of(element, any_length());
  const auto d = static_cast<long double>(trueno::dot(a, a));
  const auto n = static_cast<long double>(trueno::norm_l2(a));
  RC_ASSERT(std::fabs(d - n * n) <= 4 * eps<T>() * d);
}

RC_GTEST_PROP(VectorProperties, DotWithItselfIsTheSquaredNorm, ()) {
  check_dot_is_squared_norm(moderate<float>());
  check_dot_is_squared_norm(moderate<double>());
}

template <class T>
void check_sum_linear(const rc::Gen<T>& element) {
  const std::size_t n = any_length();
  const Vector<T> a = vector_of(element, n), b = vector_of(element, n);
  const auto [ra, abs_a] = reference_sum(a);
  const auto [rb, abs_b] = reference_sum(b);
  // Each sum is within 2 ceil(log2 n) eps sum|x|; the element-wise add rounds once more.
  const long double tol = (4 * static_cast<long double>(ceil_log2(n)) + 2) * eps<T>() * (abs_a + abs_b);
  const long double lhs = trueno::sum(trueno::add(a, b));
  const long double rhs = static_cast<long double>(trueno::sum(a)) + trueno::sum(b);
  RC_ASSERT(std::fabs(lhs - rhs) <= tol);

  const T s = *moderate<T>();
  const long double scaled = trueno::sum(trueno::scale(a, s));
  const long double tol_s =
      (4 * static_cast<long double>(ceil_log2(n)) + 2) * eps<T>() * std::fabs(s) * abs_a;
  RC_ASSERT(std::fabs(scaled - s * static_cast<long double>(trueno::sum(a))) <= tol_s);
}

RC_GTEST_PROP(VectorProperties, SumIsLinear, ()) {
  check_sum_linear(wide<float>());
  check_sum_linear(wide<double>());
}

RC_GTEST_PROP(VectorProperties, IntegerSumIsExactlyLinear, ()) {
  const std::size_t n = any_length();
  // int32 values of 30 bits: a + b cannot wrap, and int32 sums are exact in int64.
  const auto half = uniform_in<std::int32_t>(-(1 << 30), 1 << 30);
  const Vector<std::int32_t> a = vector_of(half, n), b = vector_of(half, n);
  RC_ASSERT(trueno::sum(trueno::add(a, b)) == trueno::sum(a) + trueno::sum(b));
  // int64 wraps in both the element-wise add and the sum, so linearity holds modulo 2^64.
  const Vector<std::int64_t> c = vector_of(any_integer<std::int64_t>(), n),
                             d = vector_of(any_integer<std::int64_t>(), n);
  const auto wrapped = static_cast<std::int64_t>(static_cast<std::uint64_t>(trueno::sum(c)) +
                                                 static_cast<std::uint64_t>(trueno::sum(d)));
  RC_ASSERT(trueno::sum(trueno::add(c, d)) == wrapped);
}

template <class T>
void check_sum_error_bound(const rc::Gen<T>& element) {
  const Vector<T> a = vector_of(element, any_length());
  const auto [exact, abs_sum] = reference_sum(a);
  const long double err = std::fabs(static_cast<long double>(trueno::sum(a)) - exact);
  RC_ASSERT(err <= 2 * static_cast<long double>(ceil_log2(a.size())) * eps<T>() * abs_sum);
}

RC_GTEST_PROP(VectorProperties, SumMeetsItsErrorBound, ()) {
  check_sum_error_bound(wide<float>());
  check_sum_error_bound(wide<double>());
  check_sum_error_bound(moderate<float>());
}

template <class T>
void check_arg_extrema(const rc::Gen<T>& element) {
  const Vector<T> a = vector_of(element, any_length(1));
  const std::size_t imax = trueno::argmax(a), imin = trueno::argmin(a);
  RC_ASSERT(imax < a.size() && imin < a.size());
  const T mx = trueno::max(a), mn = trueno::min(a);
  if constexpr (std::is_floating_point_v<T>) {
    const auto first_nan = std::find_if(a.begin(), a.end(), [](T x) { return std::isnan(x); });
    if (first_nan != a.end()) {
      const auto at = static_cast<std::size_t>(first_nan - a.begin());
      RC_ASSERT(imax == at && imin == at && std::isnan(mx) && std::isnan(mn));
      return;
    }
  }
  RC_ASSERT(a[imax] == mx);
  RC_ASSERT(a[imin] == mn);
  for (std::size_t i = 0; i < a.size(); ++i) {
    RC_ASSERT(mn <= a[i] && a[i] <= mx);
    if (i < imax) RC_ASSERT(a[i] < mx);  // the first of equal maxima
    if (i < imin) RC_ASSERT(a[i] > mn);
  }
}

RC_GTEST_PROP(VectorProperties, ArgmaxPointsAtTheFirstMaximum, ()) {
  check_arg_extrema(with_specials<float>());
  check_arg_extrema(with_specials<double>());
  check_arg_extrema(any_integer<std::int32_t>());
  check_arg_extrema(any_integer<std::int64_t>());
  // Few distinct values: many ties.
  check_arg_extrema(uniform_in<std::int32_t>(-3, 4));
  check_arg_extrema(rc::gen::map(uniform_in(-3, 4), [](int k) { return static_cast<float>(k); }));
}

template <class T, class G>
void check_mean_between_extrema(const G& element) {
  const Vector<T> a = vector_of(element, any_length(1));
  const auto m = trueno::mean(a);
  RC_ASSERT(static_cast<double>(trueno::min(a)) <= m && m <= static_cast<double>(trueno::max(a)));
}

RC_GTEST_PROP(VectorProperties, MeanLiesBetweenMinAndMax, ()) {
  // Sums of these doubles are exact, so the only rounding is the final division: monotonic.
  check_mean_between_extrema<double>(moderate<double>());
  check_mean_between_extrema<std::int32_t>(any_integer<std::int32_t>());
  check_mean_between_extrema<std::int64_t>(
      uniform_in<std::int64_t>(-(std::int64_t{1} << 40), std::int64_t{1} << 40));
}

template <class T, class G>
void check_var_nonnegative(const G& element) {
  const Vector<T> a = vector_of(element, any_length());
  const auto v = trueno::var(a), s = trueno::std(a);
  if (a.empty()) {
    RC_ASSERT(std::isnan(v));
    return;
  }
  RC_ASSERT(v >= 0);
  RC_ASSERT(s >= 0);
  if (a.size() >= 2) RC_ASSERT(trueno::var(a, trueno::ddof(1)) >= v);
}

RC_GTEST_PROP(VectorProperties, VarianceIsNonNegative, ()) {
  check_var_nonnegative<float>(wide<float>());
  check_var_nonnegative<double>(wide<double>());
  check_var_nonnegative<float>(moderate<float>());
  check_var_nonnegative<std::int32_t>(any_integer<std::int32_t>());
  check_var_nonnegative<std::int64_t>(any_integer<std::int64_t>());
}

RC_GTEST_PROP(VectorProperties, CumsumEndsAtTheSumForIntegers, ()) {
  const Vector<std::int32_t> a = vector_of(any_integer<std::int32_t>(), any_length(1));
  const Vector<std::int64_t> c = trueno::cumsum(a);
  RC_ASSERT(c.size() == a.size());
  RC_ASSERT(c[c.size() - 1] == trueno::sum(a));
  for (std::size_t i = 1; i < a.size(); ++i) RC_ASSERT(c[i] - c[i - 1] == a[i]);
  const Vector<std::int64_t> b = vector_of(any_integer<std::int64_t>(), any_length(1));
  RC_ASSERT(trueno::cumsum(b)[b.size() - 1] == trueno::sum(b));  // both wrap the same way
}

// --- statistics
// ------------------------------------------------------------------------------------------------

template <class T>
void check_normalize_unit(const rc::Gen<T>& element) {
  const Vector<T> a = vector_of(element, any_length(1));
  RC_PRE(trueno::norm_l2(a) > T(0));
  const Vector<T> u = trueno::normalize(a);
  const long double tol = static_cast<long double>(ceil_log2(a.size()) + 4) * eps<T>();
  RC_ASSERT(std::fabs(static_cast<long double>(trueno::norm_l2(u)) - 1) <= tol);
}

RC_GTEST_PROP(VectorProperties, NormalizeGivesUnitNorm, ()) {
  check_normalize_unit(wide<float>());
  check_normalize_unit(wide<double>());
}

template <class T>
void check_minmax_normalize(const rc::Gen<T>& element) {
  const Vector<T> a = vector_of(element, any_length(2));
  RC_PRE(trueno::max(a) > trueno::min(a));
  const Vector<T> y = trueno::minmax_normalize(a);
  for (T v : y) RC_ASSERT(T(0) <= v && v <= T(1));
  RC_ASSERT(y[trueno::argmin(a)] == T(0));
}

RC_GTEST_PROP(VectorProperties, MinmaxNormalizeMapsIntoZeroOne, ()) {
  check_minmax_normalize(wide<float>());
  check_minmax_normalize(wide<double>());
  check_minmax_normalize(moderate<float>());
}

template <class T>
void check_corrcoef_bounded(const rc::Gen<T>& element) {
  const std::size_t n = any_length(2);
  const Vector<T> a = vector_of(element, n), b = vector_of(element, n);
  const T r = trueno::corrcoef(a, b);
  RC_ASSERT(std::isnan(r) || (T(-1) <= r && r <= T(1)));
  const T self = trueno::corrcoef(a, a);
  RC_ASSERT(std::isnan(self) || (self <= T(1) && self > T(0.999)));
}

RC_GTEST_PROP(VectorProperties, CorrcoefStaysWithinMinusOneOne, ()) {
  check_corrcoef_bounded(moderate<float>());
  check_corrcoef_bounded(moderate<double>());
}

}  // namespace
