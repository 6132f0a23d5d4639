// Accuracy of the math kernels on every backend: a sweep of the whole floating-point range (every 2^12-th
// float bit pattern, NaNs, infinities and denormals included) plus a dense grid on each function's
// interesting interval and the special values, against a long double reference; the worst error in ULP must
// stay within the documented bound. Sanitizer builds sweep fewer points.
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
constexpr std::size_t kFloatPoints = std::size_t{1} << 14;
constexpr std::size_t kDoublePoints = std::size_t{1} << 12;
#else
// TRUENO_ACCURACY_POINTS caps the sweeps (the aarch64 CI stage under QEMU; common/accuracy_points.hpp).
const std::size_t kFloatPoints = trueno_test::accuracy_points(std::size_t{1} << 20);
const std::size_t kDoublePoints = trueno_test::accuracy_points(std::size_t{1} << 18);
#endif

// ref rounded to T, inf beyond the overflow threshold (a plain conversion of an out-of-range value is
// undefined).
template <class T, class W>
T round_to(W ref) {
  constexpr W kMax = std::numeric_limits<T>::max();
  const W threshold =
      kMax + std::ldexp(W(1), std::numeric_limits<T>::max_exponent - std::numeric_limits<T>::digits - 1);
  if (std::fabs(ref) >= threshold)
    return std::copysign(std::numeric_limits<T>::infinity(), static_cast<T>(ref > 0 ? 1 : -1));
  return static_cast<T>(std::fabs(ref) > kMax ? std::copysign(kMax, ref) : ref);
}

// Error of `got` against the exact value `ref`, in units of the last place of T at |ref| (the denormal
// spacing below the normal range). A NaN must match a NaN, an infinity an infinity of the same sign, where
// the rounded reference is one.
template <class T>
double ulp_error(T got, long double ref) {
  constexpr double kFail = std::numeric_limits<double>::infinity();
  if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0.0 : kFail;
  const T rounded = round_to<T>(ref);
  if (std::isinf(got) || std::isinf(rounded)) return got == rounded ? 0.0 : kFail;
  constexpr int kDigits = std::numeric_limits<T>::digits;
  constexpr int kMinExp = std::numeric_limits<T>::min_exponent;
  int e = kMinExp;
  if (ref != 0.0L) static_cast<void>(std::frexp(ref, &e));
  const long double ulp = std::ldexp(1.0L, std::max(e, kMinExp) - kDigits);
  return static_cast<double>(std::fabs(static_cast<long double>(got) - ref) / ulp);
}

struct MathCase {
  const char* name;
  KernelTable<float>::UnaryFn KernelTable<float>::*fn_f;
  KernelTable<double>::UnaryFn KernelTable<double>::*fn_d;
  long double (*ref)(long double);
  double float_bound, double_bound;
  double grid_lo_f, grid_hi_f, grid_lo_d, grid_hi_d;
};

// Test names and failure messages show the function's name, not the struct's bytes.
void PrintTo(const MathCase& c, std::ostream* os) { *os << c.name; }

long double sigmoid_ref(long double x) { return 1.0L / (1.0L + std::exp(-x)); }
long double silu_ref(long double x) { return std::isinf(x) && x < 0 ? -0.0L : x / (1.0L + std::exp(-x)); }
long double softplus_ref(long double x) { return x > 20.0L ? x : std::log1p(std::exp(x)); }
long double exp_ref(long double x) { return std::exp(x); }
long double exp2_ref(long double x) { return std::exp2(x); }
long double expm1_ref(long double x) { return std::expm1(x); }
long double log_ref(long double x) { return std::log(x); }
long double log2_ref(long double x) { return std::log2(x); }
long double log10_ref(long double x) { return std::log10(x); }
long double log1p_ref(long double x) { return std::log1p(x); }
long double tanh_ref(long double x) { return std::tanh(x); }
long double rsqrt_ref(long double x) { return 1.0L / std::sqrt(x); }
long double cbrt_ref(long double x) { return std::cbrt(x); }
long double sin_ref(long double x) { return std::sin(x); }
long double cos_ref(long double x) { return std::cos(x); }

using K = KernelTable<float>;
using KD = KernelTable<double>;
const MathCase kCases[] = {
    {"exp", &K::exp, &KD::exp, exp_ref, 2, 2, -104, 89, -746, 710},
    {"exp2", &K::exp2, &KD::exp2, exp2_ref, 2, 2, -151, 129, -1076, 1025},
    {"expm1", &K::expm1, &KD::expm1, expm1_ref, 2, 2, -20, 89, -40, 710},
    {"log", &K::log, &KD::log, log_ref, 2, 2, 0, 4, 0, 4},
    {"log2", &K::log2, &KD::log2, log2_ref, 2, 2, 0, 4, 0, 4},
    {"log10", &K::log10, &KD::log10, log10_ref, 2, 2, 0, 4, 0, 4},
    {"log1p", &K::log1p, &KD::log1p, log1p_ref, 2, 2, -1, 3, -1, 3},
    {"tanh", &K::tanh, &KD::tanh, tanh_ref, 2, 2, -10, 10, -20, 20},
    {"sigmoid", &K::sigmoid, &KD::sigmoid, sigmoid_ref, 3, 2, -110, 30, -750, 40},
    {"silu", &K::silu, &KD::silu, silu_ref, 3, 2, -115, 30, -750, 40},
    {"softplus", &K::softplus, &KD::softplus, softplus_ref, 3, 2, -110, 30, -750, 40},
    {"rsqrt", &K::rsqrt, &KD::rsqrt, rsqrt_ref, 2, 2, 0, 4, 0, 4},
    {"cbrt", &K::cbrt, &KD::cbrt, cbrt_ref, 2, 2, -10, 10, -10, 10},
    {"sin", &K::sin, &KD::sin, sin_ref, 2, 2, -1e5, 1e5, -1e5, 1e5},
    {"cos", &K::cos, &KD::cos, cos_ref, 2, 2, -1e5, 1e5, -1e5, 1e5},
};

template <class T>
std::vector<T> special_values() {
  using L = std::numeric_limits<T>;
  std::vector<T> v = {T(0),
                      T(-0.0),
                      T(1),
                      T(-1),
                      T(0.5),
                      T(2),
                      T(-100),
                      T(100),
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
                      T(20),
                      T(-20),
                      T(88.72283935546875),
                      T(88.72283172607421875),
                      T(709.782712893384),
                      T(-745.1332191019411),
                      T(-87.3365478515625)};
  for (int e = -30; e <= 30; ++e) v.push_back(std::ldexp(T(1), e));
  return v;
}

// The sweep: n/2 bit patterns spread evenly over the whole range, n/2 points on [lo, hi], then the specials.
template <class T>
std::vector<T> sweep_inputs(std::size_t n, double lo, double hi) {
  using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  std::vector<T> v;
  v.reserve(n + 128);
  const std::size_t half = n / 2;
  const Bits stride = static_cast<Bits>(std::numeric_limits<Bits>::max() / half);
  for (std::size_t i = 0; i < half; ++i) {
    const Bits b = static_cast<Bits>(i * stride + (i * 2654435761U) % stride);  // jittered within the stride
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
void check_accuracy(const MathCase& c) {
  constexpr bool kFloat = std::is_same_v<T, float>;
  const auto inputs = sweep_inputs<T>(kFloat ? kFloatPoints : kDoublePoints,
                                      kFloat ? c.grid_lo_f : c.grid_lo_d, kFloat ? c.grid_hi_f : c.grid_hi_d);
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
    double worst = 0;
    std::size_t worst_i = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const double e = ulp_error(out[i], ref[i]);
      if (!(e <= worst)) {
        worst = e;
        worst_i = i;
      }
    }
    std::cout << "[ accuracy ] " << c.name << '<' << (kFloat ? "float" : "double") << "> "
              << trueno::to_string(b) << ": max " << worst << " ULP\n";
    EXPECT_LE(worst, bound) << c.name << " on " << trueno::to_string(b) << " at x = " << inputs[worst_i]
                            << ": got " << out[worst_i] << ", expected " << static_cast<double>(ref[worst_i]);
  }
}

class MathAccuracy : public ::testing::TestWithParam<MathCase> {};

TEST_P(MathAccuracy, FloatWithinBoundOnEveryBackend) { check_accuracy<float>(GetParam()); }
TEST_P(MathAccuracy, DoubleWithinBoundOnEveryBackend) { check_accuracy<double>(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Functions, MathAccuracy, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<MathCase>& info) {
                           return std::string(info.param.name);
                         });

// hypot(a, b) over pairs: a from the whole-range sweep, b the same values in a scrambled order (so the ratio
// a/b covers every magnitude), plus a dense grid of both in [-4, 4] and the special pairs.
template <class T>
void check_hypot_accuracy() {
  constexpr bool kFloat = std::is_same_v<T, float>;
  const auto a = sweep_inputs<T>(kFloat ? kFloatPoints : kDoublePoints, -4, 4);
  std::vector<T> b(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) b[i] = a[(i * 7919 + 13) % a.size()];
  std::vector<long double> ref(a.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    ref[i] = std::hypot(static_cast<long double>(a[i]), static_cast<long double>(b[i]));
  std::vector<T> out(a.size());
  for (auto be : trueno_test::available_backends()) {
    trueno::detail::kernels_for<T>(be).hypot(a.data(), b.data(), out.data(), a.size());
    double worst = 0;
    std::size_t worst_i = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const double e = ulp_error(out[i], ref[i]);
      if (!(e <= worst)) {
        worst = e;
        worst_i = i;
      }
    }
    std::cout << "[ accuracy ] hypot<" << (kFloat ? "float" : "double") << "> " << trueno::to_string(be)
              << ": max " << worst << " ULP\n";
    EXPECT_LE(worst, 2.0) << "hypot on " << trueno::to_string(be) << " at (" << a[worst_i] << ", "
                          << b[worst_i] << "): got " << out[worst_i] << ", expected "
                          << static_cast<double>(ref[worst_i]);
  }
}

TEST(MathAccuracyHypot, FloatWithinBoundOnEveryBackend) { check_hypot_accuracy<float>(); }
TEST(MathAccuracyHypot, DoubleWithinBoundOnEveryBackend) { check_hypot_accuracy<double>(); }

}  // namespace
