// Accuracy of erf, erfc and the activations on every backend, against a long double reference: a sweep of
// the whole floating-point range (evenly spread bit patterns, NaNs, infinities and denormals included), a
// dense grid on each function's interesting interval and the special values; the worst error in ULP must stay
// within the documented bound. The rounding family is checked bit for bit against the C library instead.
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
#include <type_traits>
#include <vector>

#include "common/accuracy_points.hpp"
#include "common/activation_refs.hpp"
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
using LD = long double;
using namespace trueno_test::act_ref;  // NOLINT(google-build-using-namespace): the reference functions

#if defined(TRUENO_TEST_SANITIZED)
constexpr std::size_t kFloatPoints = std::size_t{1} << 14;
constexpr std::size_t kDoublePoints = std::size_t{1} << 12;
#else
// TRUENO_ACCURACY_POINTS caps the sweeps (the aarch64 CI stage under QEMU; common/accuracy_points.hpp).
const std::size_t kFloatPoints = trueno_test::accuracy_points(std::size_t{1} << 20);
const std::size_t kDoublePoints = trueno_test::accuracy_points(std::size_t{1} << 18);
#endif

// ref rounded to T, inf beyond the overflow threshold.
template <class T>
T round_to(LD ref) {
  constexpr LD kMax = std::numeric_limits<T>::max();
  const LD threshold =
      kMax + std::ldexp(LD(1), std::numeric_limits<T>::max_exponent - std::numeric_limits<T>::digits - 1);
  if (std::fabs(ref) >= threshold)
    return std::copysign(std::numeric_limits<T>::infinity(), static_cast<T>(ref > 0 ? 1 : -1));
  return static_cast<T>(std::fabs(ref) > kMax ? std::copysign(kMax, ref) : ref);
}

// |got - ref| in units of the last place of T at |ref| (denormal spacing below the normal range); NaN must
// meet NaN and an infinity the same infinity.
template <class T>
double ulp_error(T got, LD ref) {
  constexpr double kFail = std::numeric_limits<double>::infinity();
  if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0.0 : kFail;
  const T rounded = round_to<T>(ref);
  if (std::isinf(got) || std::isinf(rounded)) return got == rounded ? 0.0 : kFail;
  constexpr int kDigits = std::numeric_limits<T>::digits;
  constexpr int kMinExp = std::numeric_limits<T>::min_exponent;
  int e = kMinExp;
  if (ref != 0.0L) static_cast<void>(std::frexp(ref, &e));
  const LD ulp = std::ldexp(1.0L, std::max(e, kMinExp) - kDigits);
  return static_cast<double>(std::fabs(static_cast<LD>(got) - ref) / ulp);
}

// One function: its kernel call on a table (with its parameters bound), its reference, bound and grid.
template <class T>
using Runner = void (*)(const KernelTable<T>&, const T*, T*, std::size_t);

struct ActCase {
  const char* name;
  Runner<float> run_f;
  Runner<double> run_d;
  LD (*ref)(LD);
  double float_bound, double_bound;
  double grid_lo, grid_hi;
};

void PrintTo(const ActCase& c, std::ostream* os) { *os << c.name; }

#define UNARY(field) [](const auto& t, const auto* a, auto* o, std::size_t n) { t.field(a, o, n); }
#define PARAM1(field, p) [](const auto& t, const auto* a, auto* o, std::size_t n) { t.field(a, o, n, p); }
#define PARAM2(field, p, q) \
  [](const auto& t, const auto* a, auto* o, std::size_t n) { t.field(a, o, n, p, q); }

const ActCase kCases[] = {
    {"erf", UNARY(erf), UNARY(erf), erf_ref, 2, 2, -6, 6},
    {"erfc", UNARY(erfc), UNARY(erfc), erfc_ref, 2, 2, -6, 28},
    {"gelu", UNARY(gelu), UNARY(gelu), gelu_ref, 3, 2, -40, 10},
    {"gelu_tanh", UNARY(gelu_tanh), UNARY(gelu_tanh), gelu_tanh_ref, 3, 2, -12, 10},
    {"mish", UNARY(mish), UNARY(mish), mish_ref, 3, 2, -110, 30},
    {"tanhshrink", UNARY(tanhshrink), UNARY(tanhshrink), tanhshrink_ref, 3, 2, -4, 4},
    {"log_sigmoid", UNARY(log_sigmoid), UNARY(log_sigmoid), log_sigmoid_ref, 3, 2, -30, 110},
    {"softsign", UNARY(softsign), UNARY(softsign), softsign_ref, 2, 2, -100, 100},
    {"selu", UNARY(selu), UNARY(selu), selu_ref, 3, 2, -20, 10},
    {"elu", PARAM1(elu, 1), PARAM1(elu, 1), [](LD x) { return elu_ref(x, 1); }, 3, 2, -20, 10},
    {"elu_alpha2", PARAM1(elu, 2), PARAM1(elu, 2), [](LD x) { return elu_ref(x, 2); }, 3, 2, -20, 10},
    {"celu", PARAM1(celu, 1), PARAM1(celu, 1), [](LD x) { return celu_ref(x, 1); }, 3, 2, -20, 10},
    {"celu_alpha0.5", PARAM1(celu, 0.5), PARAM1(celu, 0.5), [](LD x) { return celu_ref(x, 0.5L); }, 3, 2, -20,
     10},
    {"softplus_beta2", PARAM2(softplus_param, 2, 20), PARAM2(softplus_param, 2, 20),
     [](LD x) { return softplus_ref(x, 2, 20); }, 3, 2, -60, 20},
    {"softplus_beta0.5_threshold10", PARAM2(softplus_param, 0.5, 10), PARAM2(softplus_param, 0.5, 10),
     [](LD x) { return softplus_ref(x, 0.5L, 10); }, 3, 2, -200, 40},
    {"hard_sigmoid", UNARY(hard_sigmoid), UNARY(hard_sigmoid), hard_sigmoid_ref, 2, 2, -5, 5},
    {"hardswish", UNARY(hardswish), UNARY(hardswish), hardswish_ref, 2, 2, -5, 5},
};

#undef UNARY
#undef PARAM1
#undef PARAM2

template <class T>
std::vector<T> special_values() {
  using L = std::numeric_limits<T>;
  std::vector<T> v = {T(0),
                      T(-0.0),
                      T(1),
                      T(-1),
                      T(0.5),
                      T(-0.5),
                      T(2.5),
                      T(-2.5),
                      T(3),
                      T(-3),
                      T(6),
                      T(-6),
                      T(20),
                      T(-20),
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
                      T(0.84375),
                      T(-0.84375),
                      T(10.0546875),
                      T(27.3),
                      T(-27.3),
                      T(0.25),
                      T(-0.25)};
  for (int e = -30; e <= 30; ++e) {
    v.push_back(std::ldexp(T(1), e));
    v.push_back(-std::ldexp(T(1), e));
  }
  return v;
}

// n/2 bit patterns spread over the whole range, n/2 points on [lo, hi], then the specials.
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
void check_accuracy(const ActCase& c) {
  constexpr bool kFloat = std::is_same_v<T, float>;
  const auto inputs = sweep_inputs<T>(kFloat ? kFloatPoints : kDoublePoints, c.grid_lo, c.grid_hi);
  std::vector<LD> ref(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) ref[i] = c.ref(static_cast<LD>(inputs[i]));
  const double bound = kFloat ? c.float_bound : c.double_bound;
  std::vector<T> out(inputs.size());
  for (auto b : trueno_test::available_backends()) {
    const auto& table = trueno::detail::kernels_for<T>(b);
    if constexpr (kFloat) {
      c.run_f(table, inputs.data(), out.data(), inputs.size());
    } else {
      c.run_d(table, inputs.data(), out.data(), inputs.size());
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
              << trueno::to_string(b) << ": max " << worst << " ULP at x = " << inputs[worst_i] << "\n";
    EXPECT_LE(worst, bound) << c.name << " on " << trueno::to_string(b) << " at x = " << inputs[worst_i]
                            << ": got " << out[worst_i] << ", expected " << static_cast<double>(ref[worst_i]);
  }
}

class ActivationAccuracy : public ::testing::TestWithParam<ActCase> {};

TEST_P(ActivationAccuracy, FloatWithinBoundOnEveryBackend) { check_accuracy<float>(GetParam()); }
TEST_P(ActivationAccuracy, DoubleWithinBoundOnEveryBackend) { check_accuracy<double>(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Functions, ActivationAccuracy, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<ActCase>& info) {
                           std::string s = info.param.name;
                           std::replace(s.begin(), s.end(), '.', '_');
                           return s;
                         });

// ---- the rounding family: bit for bit against the C library (signed zeros and NaN included) ------------

template <class T>
using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;

template <class T>
Bits<T> bits_of(T x) {
  Bits<T> b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

struct RoundCase {
  const char* name;
  Runner<float> run_f;
  Runner<double> run_d;
  float (*ref_f)(float);
  double (*ref_d)(double);
};

void PrintTo(const RoundCase& c, std::ostream* os) { *os << c.name; }

template <class T>
T fract_ref(T x) {
  return x - std::trunc(x);
}
// NumPy's sign.
template <class T>
T sign_ref(T x) {
  if (std::isnan(x)) return x;
  return x > 0 ? T(1) : x < 0 ? T(-1) : T(0);
}

#define CASE(name, c_fn)                                                                            \
  RoundCase {                                                                                       \
#name, [](const auto& t, const auto* a, auto* o, std::size_t n) { t.name(a, o, n); },             \
        [](const auto& t, const auto* a, auto* o, std::size_t n) { t.name(a, o, n); },                \
        [](float x) { return c_fn(x); }, [](double x) { return c_fn(x); } \
  }

const RoundCase kRoundCases[] = {
    CASE(floor, std::floor), CASE(ceil, std::ceil),  CASE(round, std::round), CASE(rint, std::nearbyint),
    CASE(trunc, std::trunc), CASE(fract, fract_ref), CASE(sign, sign_ref),
};

#undef CASE

template <class T>
void check_rounding(const RoundCase& c) {
  constexpr bool kFloat = std::is_same_v<T, float>;
  // A dense grid around small integers and halves, where the rounding decisions are made.
  auto inputs = sweep_inputs<T>(kFloat ? kFloatPoints : kDoublePoints, -8.5, 8.5);
  for (T x : {T(0.49999997), T(-0.49999997), T(0.5000001), T(4503599627370495.5), T(-4503599627370495.5),
              T(8388607.5), T(-8388607.5), T(8388608), T(16777215), T(-16777217)})
    inputs.push_back(x);
  std::vector<T> out(inputs.size());
  for (auto b : trueno_test::available_backends()) {
    const auto& table = trueno::detail::kernels_for<T>(b);
    if constexpr (kFloat) {
      c.run_f(table, inputs.data(), out.data(), inputs.size());
    } else {
      c.run_d(table, inputs.data(), out.data(), inputs.size());
    }
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      T want;
      if constexpr (kFloat) {
        want = c.ref_f(inputs[i]);
      } else {
        want = c.ref_d(inputs[i]);
      }
      const bool same = std::isnan(want) ? std::isnan(out[i]) : bits_of(out[i]) == bits_of(want);
      if (!same && mismatches++ < 5) {
        ADD_FAILURE() << c.name << " on " << trueno::to_string(b) << " at x = " << inputs[i] << ": got "
                      << out[i] << ", C library " << want;
      }
    }
    EXPECT_EQ(mismatches, 0U) << c.name << " on " << trueno::to_string(b);
  }
}

class RoundingExactness : public ::testing::TestWithParam<RoundCase> {};

TEST_P(RoundingExactness, FloatMatchesCLibraryBitForBit) { check_rounding<float>(GetParam()); }
TEST_P(RoundingExactness, DoubleMatchesCLibraryBitForBit) { check_rounding<double>(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Functions, RoundingExactness, ::testing::ValuesIn(kRoundCases),
                         [](const ::testing::TestParamInfo<RoundCase>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
