// Accuracy of tan, the inverse trigonometric, the hyperbolic and inverse hyperbolic functions, atan2 and pow
// on every backend: for each function 2^20 points (half of them bit patterns spread evenly over the whole
// floating-point range, NaNs, infinities and denormals included; half a dense grid over the function's
// domain) plus the special values, against a long double reference; the worst error in ULP must stay within
// the documented bound. The special values must also match C99 Annex F exactly (a NaN for a NaN, an
// infinity or a zero with the right sign). Sanitizer builds sweep fewer points.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <limits>
#include <ostream>
#include <string>
#include <trueno/trueno.hpp>
#include <vector>

#include "common/accuracy_points.hpp"
#include "common/backends.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TRUENO_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define TRUENO_TEST_SANITIZED 1
#endif
#endif

namespace {

using trueno::detail::KernelTable;

#if defined(TRUENO_TEST_SANITIZED)
constexpr std::size_t kPoints = std::size_t{1} << 13;
constexpr std::size_t kGridSide = 64;  // the (x, y) grid of the binary functions
#else
// TRUENO_ACCURACY_POINTS caps the sweeps (the aarch64 CI stage under QEMU; common/accuracy_points.hpp).
const std::size_t kPoints = trueno_test::accuracy_points(std::size_t{1} << 20);
const std::size_t kGridSide = trueno_test::accuracy_grid_side(512);
#endif

// ref rounded to T, +-inf beyond the overflow threshold.
template <class T>
T round_to(long double ref) {
  constexpr long double kMax = std::numeric_limits<T>::max();
  const long double threshold =
      kMax + std::ldexp(1.0L, std::numeric_limits<T>::max_exponent - std::numeric_limits<T>::digits - 1);
  if (std::fabs(ref) >= threshold)
    return ref > 0 ? std::numeric_limits<T>::infinity() : -std::numeric_limits<T>::infinity();
  return static_cast<T>(ref);
}

// Error of `got` against the exact `ref` in units of the last place of T at |ref| (the denormal spacing below
// the normal range). NaN must match NaN; where the rounded reference is an infinity or a zero, `got` must be
// that same value with the same sign.
template <class T>
double ulp_error(T got, long double ref) {
  constexpr double kFail = std::numeric_limits<double>::infinity();
  if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0.0 : kFail;
  const T rounded = round_to<T>(ref);
  if (std::isinf(got) || std::isinf(rounded)) return got == rounded ? 0.0 : kFail;
  if (ref == 0.0L) return got == T(0) && std::signbit(got) == std::signbit(ref) ? 0.0 : kFail;
  constexpr int kDigits = std::numeric_limits<T>::digits;
  constexpr int kMinExp = std::numeric_limits<T>::min_exponent;
  int e = 0;
  static_cast<void>(std::frexp(ref, &e));
  const long double ulp = std::ldexp(1.0L, std::max(e, kMinExp) - kDigits);
  return static_cast<double>(std::fabs(static_cast<long double>(got) - ref) / ulp);
}

template <class T>
std::vector<T> special_values() {
  using L = std::numeric_limits<T>;
  std::vector<T> v = {T(0),
                      T(-0.0),
                      T(1),
                      T(-1),
                      T(0.5),
                      T(-0.5),
                      T(2),
                      T(-2),
                      T(3),
                      T(-3),
                      T(0.975),
                      T(-0.975),
                      T(100),
                      T(-100),
                      T(1e30),
                      T(-1e30),
                      L::infinity(),
                      -L::infinity(),
                      L::quiet_NaN(),
                      L::max(),
                      L::lowest(),
                      L::min(),
                      -L::min(),
                      L::denorm_min(),
                      -L::denorm_min(),
                      L::epsilon(),
                      T(1) + L::epsilon(),
                      T(1) - L::epsilon() / 2,
                      T(-1) + L::epsilon() / 2,
                      T(88.7),
                      T(89.4),
                      T(-89.4),
                      T(710.4),
                      T(-710.4),
                      T(710.5),
                      T(0.6744),
                      T(0.4375),
                      T(0.6875),
                      T(1.1875),
                      T(2.4375),
                      T(1.5707963267948966),
                      T(3.141592653589793),
                      T(1e5),
                      T(-1e5),
                      T(1647099.0),
                      T(1e22)};
  for (int e = -40; e <= 40; ++e) {
    v.push_back(std::ldexp(T(1), e));
    v.push_back(-std::ldexp(T(1), e));
  }
  return v;
}

// n/2 bit patterns spread evenly over the whole range, n/2 points on [lo, hi], then the specials.
template <class T>
std::vector<T> sweep_inputs(std::size_t n, double lo, double hi) {
  using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  std::vector<T> v;
  v.reserve(n + 256);
  const std::size_t half = n / 2;
  const Bits stride = static_cast<Bits>(std::numeric_limits<Bits>::max() / half);
  for (std::size_t i = 0; i < half; ++i) {
    const Bits b = static_cast<Bits>(i * stride + (i * 2654435761U) % stride);
    T x;
    std::memcpy(&x, &b, sizeof x);
    v.push_back(x);
  }
  for (std::size_t i = 0; i < half; ++i)
    v.push_back(static_cast<T>(lo + (hi - lo) * double(i) / double(half)));
  for (T s : special_values<T>()) v.push_back(s);
  return v;
}

template <class T>
struct Worst {
  double ulp = 0;
  std::size_t at = 0;
};

template <class T>
Worst<T> worst_of(const std::vector<T>& got, const std::vector<long double>& ref) {
  Worst<T> w;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const double e = ulp_error(got[i], ref[i]);
    if (!(e <= w.ulp)) {
      w.ulp = e;
      w.at = i;
    }
  }
  return w;
}

struct UnaryCase {
  const char* name;
  KernelTable<float>::UnaryFn KernelTable<float>::*fn_f;
  KernelTable<double>::UnaryFn KernelTable<double>::*fn_d;
  long double (*ref)(long double);
  double float_bound, double_bound;
  double grid_lo_f, grid_hi_f, grid_lo_d, grid_hi_d;
};

void PrintTo(const UnaryCase& c, std::ostream* os) { *os << c.name; }

long double tan_ref(long double x) { return std::tan(x); }
long double asin_ref(long double x) { return std::asin(x); }
long double acos_ref(long double x) { return std::acos(x); }
long double atan_ref(long double x) { return std::atan(x); }
long double sinh_ref(long double x) { return std::sinh(x); }
long double cosh_ref(long double x) { return std::cosh(x); }
long double asinh_ref(long double x) { return std::asinh(x); }
long double acosh_ref(long double x) { return std::acosh(x); }
long double atanh_ref(long double x) { return std::atanh(x); }

using K = KernelTable<float>;
using KD = KernelTable<double>;
const UnaryCase kUnary[] = {
    {"tan", &K::tan, &KD::tan, tan_ref, 2, 2, -1e5, 1e5, -1e5, 1e5},
    {"asin", &K::asin, &KD::asin, asin_ref, 4, 2, -1, 1, -1, 1},
    {"acos", &K::acos, &KD::acos, acos_ref, 4, 2, -1, 1, -1, 1},
    {"atan", &K::atan, &KD::atan, atan_ref, 4, 2, -10, 10, -10, 10},
    {"sinh", &K::sinh, &KD::sinh, sinh_ref, 2, 2, -90, 90, -711, 711},
    {"cosh", &K::cosh, &KD::cosh, cosh_ref, 2, 2, -90, 90, -711, 711},
    {"asinh", &K::asinh, &KD::asinh, asinh_ref, 4, 2, -10, 10, -10, 10},
    {"acosh", &K::acosh, &KD::acosh, acosh_ref, 4, 2, 1, 10, 1, 10},
    {"atanh", &K::atanh, &KD::atanh, atanh_ref, 4, 2, -1, 1, -1, 1},
};

template <class T>
void check_unary(const UnaryCase& c) {
  constexpr bool kFloat = std::is_same_v<T, float>;
  const auto inputs =
      sweep_inputs<T>(kPoints, kFloat ? c.grid_lo_f : c.grid_lo_d, kFloat ? c.grid_hi_f : c.grid_hi_d);
  std::vector<long double> ref(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) ref[i] = c.ref(static_cast<long double>(inputs[i]));
  const double bound = kFloat ? c.float_bound : c.double_bound;
  std::vector<T> out(inputs.size());
  for (auto b : trueno_test::available_backends()) {
    const auto& table = trueno::detail::kernels_for<T>(b);
    if constexpr (kFloat) {
      (table.*c.fn_f)(inputs.data(), out.data(), inputs.size());
    } else {
      (table.*c.fn_d)(inputs.data(), out.data(), inputs.size());
    }
    const auto w = worst_of(out, ref);
    std::cout << "[ accuracy ] " << c.name << '<' << (kFloat ? "float" : "double") << "> "
              << trueno::to_string(b) << ": max " << w.ulp << " ULP\n";
    EXPECT_LE(w.ulp, bound) << c.name << " on " << trueno::to_string(b) << " at x = " << inputs[w.at]
                            << ": got " << out[w.at] << ", expected " << static_cast<double>(ref[w.at]);
  }
}

class MathAccuracyTrig : public ::testing::TestWithParam<UnaryCase> {};

TEST_P(MathAccuracyTrig, FloatWithinBoundOnEveryBackend) { check_unary<float>(GetParam()); }
TEST_P(MathAccuracyTrig, DoubleWithinBoundOnEveryBackend) { check_unary<double>(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Functions, MathAccuracyTrig, ::testing::ValuesIn(kUnary),
                         [](const ::testing::TestParamInfo<UnaryCase>& info) {
                           return std::string(info.param.name);
                         });

// Pairs for the binary functions: the whole-range sweep against itself scrambled (every ratio of
// magnitudes), a dense grid of (x, y) over [x_lo, x_hi] x [y_lo, y_hi], and every pair of special values.
template <class T>
void make_pairs(std::vector<T>& x, std::vector<T>& y, double x_lo, double x_hi, double y_lo, double y_hi) {
  const auto a = sweep_inputs<T>(kPoints / 2, x_lo, x_hi);
  for (std::size_t i = 0; i < a.size(); ++i) {
    x.push_back(a[i]);
    y.push_back(a[(i * 7919 + 13) % a.size()]);
  }
  const std::size_t side = kGridSide;
  for (std::size_t i = 0; i < side; ++i) {
    for (std::size_t j = 0; j < side; ++j) {
      // Irrational-ish steps, so the grid does not sit on integers only.
      x.push_back(static_cast<T>(x_lo + (x_hi - x_lo) * (double(i) + 0.318) / double(side)));
      y.push_back(static_cast<T>(y_lo + (y_hi - y_lo) * (double(j) + 0.271) / double(side)));
    }
  }
  const auto sp = special_values<T>();
  for (T s : sp) {
    for (T t : sp) {
      x.push_back(s);
      y.push_back(t);
    }
  }
}

template <class T>
void check_binary(const char* name, typename KernelTable<T>::BinaryFn KernelTable<T>::*fn,
                  long double (*ref_fn)(long double, long double), double bound, const std::vector<T>& x,
                  const std::vector<T>& y) {
  constexpr bool kFloat = std::is_same_v<T, float>;
  std::vector<long double> ref(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    ref[i] = ref_fn(static_cast<long double>(x[i]), static_cast<long double>(y[i]));
  std::vector<T> out(x.size());
  for (auto b : trueno_test::available_backends()) {
    (trueno::detail::kernels_for<T>(b).*fn)(x.data(), y.data(), out.data(), x.size());
    const auto w = worst_of(out, ref);
    std::cout << "[ accuracy ] " << name << '<' << (kFloat ? "float" : "double") << "> "
              << trueno::to_string(b) << ": max " << w.ulp << " ULP\n";
    EXPECT_LE(w.ulp, bound) << name << " on " << trueno::to_string(b) << " at (" << x[w.at] << ", " << y[w.at]
                            << "): got " << out[w.at] << ", expected " << static_cast<double>(ref[w.at]);
  }
}

long double atan2_ref(long double y, long double x) { return std::atan2(y, x); }
long double pow_ref(long double x, long double y) { return std::pow(x, y); }

template <class T>
void check_atan2() {
  std::vector<T> y, x;
  make_pairs<T>(y, x, -4, 4, -4, 4);
  check_binary<T>("atan2", &KernelTable<T>::atan2, atan2_ref, std::is_same_v<T, float> ? 4 : 2, y, x);
}

// pow: besides the generic pairs, bases in (0, 4] with exponents in [-60, 60] (results over most of the
// range), bases near 1 with huge exponents, and negative bases with integer exponents.
template <class T>
void check_pow() {
  std::vector<T> x, y;
  make_pairs<T>(x, y, 0, 4, -60, 60);
  const bool is_float = std::is_same_v<T, float>;
  const int m = static_cast<int>(kGridSide * 128);
  for (int i = 0; i < m; ++i) {
    const double u = (i + 0.5) / m;
    x.push_back(static_cast<T>(1.0 + (u - 0.5) * 1e-3));
    y.push_back(static_cast<T>((i % 2 ? 1 : -1) * (is_float ? 8e4 : 6e5) * u));
    x.push_back(static_cast<T>(-(0.25 + 3.0 * u)));
    y.push_back(static_cast<T>((i % 121) - 60));
    x.push_back(static_cast<T>(std::ldexp(1.0 + u, (i % 200) - 100)));
    y.push_back(static_cast<T>(is_float ? (u - 0.5) * 8 : (u - 0.5) * 60));
  }
  check_binary<T>("pow", &KernelTable<T>::pow, pow_ref, 4, x, y);
}

TEST(MathAccuracyTrigBinary, Atan2FloatWithinBoundOnEveryBackend) { check_atan2<float>(); }
TEST(MathAccuracyTrigBinary, Atan2DoubleWithinBoundOnEveryBackend) { check_atan2<double>(); }
TEST(MathAccuracyTrigBinary, PowFloatWithinBoundOnEveryBackend) { check_pow<float>(); }
TEST(MathAccuracyTrigBinary, PowDoubleWithinBoundOnEveryBackend) { check_pow<double>(); }

// pow with a scalar exponent (the shortcuts 2, 0.5, -1, 1, 0 and the general kernel) and with a scalar base.
template <class T>
void check_pow_scalar() {
  const auto x = sweep_inputs<T>(std::size_t{1} << 14, -4, 4);
  const T exps[] = {T(2), T(0.5), T(-1), T(1), T(0), T(3), T(-2), T(1) / T(3), T(-0.5), T(2.5)};
  const T bases[] = {T(2),
                     T(10),
                     T(0.5),
                     T(-2),
                     T(1),
                     T(0),
                     T(-0.0),
                     std::numeric_limits<T>::infinity(),
                     T(2.718281828459045)};
  for (auto b : trueno_test::available_backends()) {
    const auto& table = trueno::detail::kernels_for<T>(b);
    std::vector<T> out(x.size());
    std::vector<long double> ref(x.size());
    for (T s : exps) {
      table.pow_scalar(x.data(), out.data(), x.size(), s);
      for (std::size_t i = 0; i < x.size(); ++i)
        ref[i] = std::pow(static_cast<long double>(x[i]), static_cast<long double>(s));
      const auto w = worst_of(out, ref);
      EXPECT_LE(w.ulp, 4.0) << "pow(x, " << s << ") on " << trueno::to_string(b) << " at x = " << x[w.at]
                            << ": got " << out[w.at] << ", expected " << static_cast<double>(ref[w.at]);
    }
    for (T s : bases) {
      table.scalar_pow(x.data(), out.data(), x.size(), s);
      for (std::size_t i = 0; i < x.size(); ++i)
        ref[i] = std::pow(static_cast<long double>(s), static_cast<long double>(x[i]));
      const auto w = worst_of(out, ref);
      EXPECT_LE(w.ulp, 4.0) << "pow(" << s << ", y) on " << trueno::to_string(b) << " at y = " << x[w.at]
                            << ": got " << out[w.at] << ", expected " << static_cast<double>(ref[w.at]);
    }
  }
}

TEST(MathAccuracyTrigBinary, PowScalarFloat) { check_pow_scalar<float>(); }
TEST(MathAccuracyTrigBinary, PowScalarDouble) { check_pow_scalar<double>(); }

// C99 Annex F's special values, exactly, through the public functions on every backend.
template <class T>
void check_specials() {
  using trueno::Vector;
  constexpr T kInf = std::numeric_limits<T>::infinity();
  constexpr T kNaN = std::numeric_limits<T>::quiet_NaN();
  const T pi = T(3.141592653589793), pio2 = T(1.5707963267948966), pio4 = T(0.7853981633974483);
  auto same = [](T got, T want) {
    return (std::isnan(got) && std::isnan(want)) || (got == want && std::signbit(got) == std::signbit(want));
  };
  struct Pair {
    T a, b, want;
  };
  const Pair atan2_cases[] = {{T(0), T(0), T(0)},      {T(-0.0), T(0), T(-0.0)},  {T(0), T(-0.0), pi},
                              {T(-0.0), T(-0.0), -pi}, {T(0), T(-1), pi},         {T(-0.0), T(-1), -pi},
                              {T(0), T(1), T(0)},      {T(-0.0), T(1), T(-0.0)},  {T(1), T(0), pio2},
                              {T(-1), T(-0.0), -pio2}, {kInf, kInf, pio4},        {-kInf, kInf, -pio4},
                              {kInf, -kInf, 3 * pio4}, {-kInf, -kInf, -3 * pio4}, {kInf, T(1), pio2},
                              {T(1), kInf, T(0)},      {T(-1), kInf, T(-0.0)},    {T(1), -kInf, pi},
                              {T(-1), -kInf, -pi},     {kNaN, T(1), kNaN},        {T(1), kNaN, kNaN}};
  const Pair pow_cases[] = {{kNaN, T(0), T(1)},
                            {kNaN, T(-0.0), T(1)},
                            {T(1), kNaN, T(1)},
                            {T(1), kInf, T(1)},
                            {T(-1), kInf, T(1)},
                            {T(-1), -kInf, T(1)},
                            {T(-2), T(0.5), kNaN},
                            {T(-2), T(3), T(-8)},
                            {T(-2), T(2), T(4)},
                            {T(0), T(-3), kInf},
                            {T(-0.0), T(-3), -kInf},
                            {T(-0.0), T(-2), kInf},
                            {T(-0.0), T(-0.5), kInf},
                            {T(0), -kInf, kInf},
                            {T(-0.0), T(3), T(-0.0)},
                            {T(-0.0), T(2), T(0)},
                            {T(0), T(0.5), T(0)},
                            {T(0.5), -kInf, kInf},
                            {T(2), -kInf, T(0)},
                            {T(0.5), kInf, T(0)},
                            {T(2), kInf, kInf},
                            {-kInf, T(-3), T(-0.0)},
                            {-kInf, T(-2), T(0)},
                            {-kInf, T(3), -kInf},
                            {-kInf, T(2), kInf},
                            {-kInf, T(0.5), kInf},
                            {kInf, T(-1), T(0)},
                            {kInf, T(0.5), kInf},
                            {kNaN, T(1), kNaN},
                            {T(2), kNaN, kNaN},
                            {T(-1), T(0.5), kNaN},
                            {T(10), T(400), kInf},
                            {T(10), T(-400), T(0)},
                            {T(-10), T(401), -kInf},
                            {T(2), T(-1074), std::pow(T(2), T(-1074))},
                            {T(-1), T(1e30), T(1)},
                            {std::numeric_limits<T>::max(), T(2), kInf}};
  const Vector<T> tiny{std::numeric_limits<T>::denorm_min()};
  for (auto be : trueno_test::available_backends()) {
    const trueno_test::BackendScope scope(be);
    for (const auto& c : atan2_cases) {
      const T got = trueno::atan2(Vector<T>{c.a}, Vector<T>{c.b})[0];
      EXPECT_TRUE(same(got, c.want)) << "atan2(" << c.a << ", " << c.b << ") = " << got << ", want " << c.want
                                     << " on " << trueno::to_string(be);
    }
    for (const auto& c : pow_cases) {
      const T got = trueno::pow(Vector<T>{c.a}, Vector<T>{c.b})[0];
      EXPECT_TRUE(same(got, c.want)) << "pow(" << c.a << ", " << c.b << ") = " << got << ", want " << c.want
                                     << " on " << trueno::to_string(be);
      const T got_s = trueno::pow(Vector<T>{c.a}, c.b)[0];
      EXPECT_TRUE(same(got_s, c.want)) << "pow(vector " << c.a << ", scalar " << c.b << ") = " << got_s;
      const T got_b = trueno::pow(c.a, Vector<T>{c.b})[0];
      EXPECT_TRUE(same(got_b, c.want)) << "pow(scalar " << c.a << ", vector " << c.b << ") = " << got_b;
    }
    const Vector<T> x{T(0), T(-0.0), kInf, -kInf, kNaN, T(1), T(-1), T(2), T(-2)};
    const auto acosh = trueno::acosh(x), atanh = trueno::atanh(x), asin = trueno::asin(x);
    const auto sinh = trueno::sinh(x), cosh = trueno::cosh(x), atan = trueno::atan(x), tan = trueno::tan(x);
    const auto asinh = trueno::asinh(x), acos = trueno::acos(x);
    const T want_acosh[] = {kNaN, kNaN, kInf, kNaN, kNaN, T(0), kNaN, T(1.3169578969248166), kNaN};
    const T want_atanh[] = {T(0), T(-0.0), kNaN, kNaN, kNaN, kInf, -kInf, kNaN, kNaN};
    const T want_asin[] = {T(0), T(-0.0), kNaN, kNaN, kNaN, pio2, -pio2, kNaN, kNaN};
    const T want_acos[] = {pio2, pio2, kNaN, kNaN, kNaN, T(0), pi, kNaN, kNaN};
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (i != 7) {
        EXPECT_TRUE(same(acosh[i], want_acosh[i])) << "acosh(" << x[i] << ") = " << acosh[i];
      }
      EXPECT_TRUE(same(atanh[i], want_atanh[i])) << "atanh(" << x[i] << ") = " << atanh[i];
      EXPECT_TRUE(same(asin[i], want_asin[i])) << "asin(" << x[i] << ") = " << asin[i];
      EXPECT_TRUE(same(acos[i], want_acos[i])) << "acos(" << x[i] << ") = " << acos[i];
      if (i == 7) {
        EXPECT_NEAR(acosh[i], want_acosh[i], 4 * std::numeric_limits<T>::epsilon());
      }
      if (i < 5) {  // 0, -0, inf, -inf, NaN keep themselves (cosh: 1, inf, inf, NaN)
        EXPECT_TRUE(same(sinh[i], x[i])) << "sinh(" << x[i] << ") = " << sinh[i];
        EXPECT_TRUE(same(asinh[i], x[i])) << "asinh(" << x[i] << ") = " << asinh[i];
        EXPECT_TRUE(same(cosh[i], i < 2 ? T(1) : std::fabs(x[i]))) << "cosh(" << x[i] << ") = " << cosh[i];
      }
    }
    EXPECT_TRUE(same(tan[0], T(0)) && same(tan[1], T(-0.0)) && std::isnan(tan[2]) && std::isnan(tan[3]) &&
                std::isnan(tan[4]));
    EXPECT_TRUE(same(atan[2], pio2) && same(atan[3], -pio2) && same(atan[1], T(-0.0)));
    // Overflow gives inf, never NaN.
    const Vector<T> big{T(1e4), T(-1e4), std::numeric_limits<T>::max()};
    EXPECT_TRUE(same(trueno::sinh(big)[0], kInf) && same(trueno::sinh(big)[1], -kInf));
    EXPECT_TRUE(same(trueno::cosh(big)[1], kInf) && same(trueno::cosh(big)[2], kInf));
    EXPECT_TRUE(same(trueno::tan(tiny)[0], tiny[0]) && same(trueno::asinh(tiny)[0], tiny[0]) &&
                same(trueno::atanh(tiny)[0], tiny[0]) && same(trueno::sinh(tiny)[0], tiny[0]));
  }
}

TEST(MathTrigSpecialValues, FloatAsC99) { check_specials<float>(); }
TEST(MathTrigSpecialValues, DoubleAsC99) { check_specials<double>(); }

// The out-parameter forms write the same values as the value forms, also in place.
TEST(MathTrigApi, OutParameterFormsMatchValueForms) {
  using trueno::Vector;
  Vector<float> x(1000);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = -0.999F + 1.998F * static_cast<float>(i) / 1000.0F;
  Vector<float> out(x.size());
  using Fn = Vector<float> (*)(const Vector<float>&);
  using OutFn = void (*)(const Vector<float>&, Vector<float>&);
  const std::pair<Fn, OutFn> fns[] = {
      {trueno::tan<float>, trueno::tan<float>},     {trueno::asin<float>, trueno::asin<float>},
      {trueno::acos<float>, trueno::acos<float>},   {trueno::atan<float>, trueno::atan<float>},
      {trueno::sinh<float>, trueno::sinh<float>},   {trueno::cosh<float>, trueno::cosh<float>},
      {trueno::asinh<float>, trueno::asinh<float>}, {trueno::atanh<float>, trueno::atanh<float>}};
  for (const auto& [value, outp] : fns) {
    const auto want = value(x);
    outp(x, out);
    for (std::size_t i = 0; i < x.size(); ++i) ASSERT_EQ(out[i], want[i]);
    auto inplace = x;
    outp(inplace, inplace);
    for (std::size_t i = 0; i < x.size(); ++i) ASSERT_EQ(inplace[i], want[i]);
  }
  const auto p = trueno::pow(x, x);
  trueno::pow(x, x, out);
  for (std::size_t i = 0; i < x.size(); ++i)
    ASSERT_TRUE(out[i] == p[i] || (std::isnan(out[i]) && std::isnan(p[i])));
  trueno::pow(x, 3.0F, out);
  EXPECT_FLOAT_EQ(out[0], trueno::pow(x, 3.0F)[0]);
  trueno::pow(2.0F, x, out);
  EXPECT_FLOAT_EQ(out[999], trueno::pow(2.0F, x)[999]);
  trueno::atan2(x, x, out);
  EXPECT_FLOAT_EQ(out[999], 0.78539816F);
  Vector<float> wrong(3);
  EXPECT_THROW(trueno::pow(x, x, wrong), trueno::shape_error);
  EXPECT_THROW(trueno::pow(x, 2.0F, wrong), trueno::shape_error);
  EXPECT_THROW(trueno::atan2(x, wrong, out), trueno::shape_error);
}

}  // namespace
