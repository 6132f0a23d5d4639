// Every SIMD backend's math kernels against the scalar backend: lengths 0..130 and 10003, unaligned starts,
// NaN/inf/denormals/-0 in the first and last 16 positions. The SIMD results are not bit-identical to the C
// library's, so values must agree within both sides' documented error (twice the bound, in ULP), and NaN,
// infinities (with their sign) and zeros (with their sign) must be classified identically.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <ostream>
#include <random>
#include <string>
#include <trueno/trueno.hpp>
#include <vector>

#include "common/backends.hpp"

namespace {

using trueno::Backend;
using trueno::detail::KernelTable;

template <class T>
double ulp_distance(T a, T b) {
  const T m = std::max(std::fabs(a), std::fabs(b));
  const T ulp = std::max(m * std::numeric_limits<T>::epsilon(), std::numeric_limits<T>::denorm_min());
  return static_cast<double>(std::fabs(a - b) / ulp);
}

// Equal classification, then closeness; returns a description of the first difference, or "".
template <class T>
std::string compare(T got, T want, double max_ulp) {
  const bool same_class =
      std::isnan(got) == std::isnan(want) && std::isinf(got) == std::isinf(want) &&
      (got == T(0)) == (want == T(0)) &&
      (std::isnan(want) || (!std::isinf(want) && want != T(0)) || std::signbit(got) == std::signbit(want));
  if (!same_class) return "classified differently";
  if (std::isnan(want) || std::isinf(want) || want == T(0)) return "";
  const double d = ulp_distance(got, want);
  return d <= max_ulp ? "" : std::to_string(d) + " ULP apart";
}

template <class T>
std::vector<T> specials() {
  using L = std::numeric_limits<T>;
  return {L::quiet_NaN(),   L::infinity(), -L::infinity(), L::denorm_min(),
          -L::denorm_min(), T(-0.0),       T(0),           L::min(),
          L::max(),         L::lowest(),   T(1),           T(-1),
          T(1e30),          T(-1e30),      T(-100),        T(30)};
}

// n values starting at offset `off` of a buffer: magnitudes 2^-30 .. 2^7 of both signs, with the specials in
// the first and last 16 positions.
template <class T>
std::vector<T> make_input(std::size_t n, std::size_t off, std::mt19937& rng) {
  std::uniform_real_distribution<double> mag(-30.0, 7.0);
  std::bernoulli_distribution neg(0.4);
  std::vector<T> buf(n + off);
  for (auto& x : buf) x = static_cast<T>((neg(rng) ? -1.0 : 1.0) * std::exp2(mag(rng)));
  const auto sp = specials<T>();
  for (std::size_t i = 0; i < sp.size() && i < n; ++i) {
    buf[off + i] = sp[i];
    buf[off + n - 1 - i] = sp[(i + 7) % sp.size()];
  }
  return buf;
}

std::vector<std::size_t> lengths() {
  std::vector<std::size_t> v;
  for (std::size_t n = 0; n <= 130; ++n) v.push_back(n);
  v.push_back(10003);
  return v;
}

struct UnaryCase {
  const char* name;
  KernelTable<float>::UnaryFn KernelTable<float>::*fn_f;
  KernelTable<double>::UnaryFn KernelTable<double>::*fn_d;
  double float_bound, double_bound;
};

void PrintTo(const UnaryCase& c, std::ostream* os) { *os << c.name; }

using K = KernelTable<float>;
using KD = KernelTable<double>;
const UnaryCase kUnary[] = {
    {"exp", &K::exp, &KD::exp, 2, 2},
    {"exp2", &K::exp2, &KD::exp2, 2, 2},
    {"expm1", &K::expm1, &KD::expm1, 2, 2},
    {"log", &K::log, &KD::log, 2, 2},
    {"log2", &K::log2, &KD::log2, 2, 2},
    {"log10", &K::log10, &KD::log10, 2, 2},
    {"log1p", &K::log1p, &KD::log1p, 2, 2},
    {"tanh", &K::tanh, &KD::tanh, 2, 2},
    {"sigmoid", &K::sigmoid, &KD::sigmoid, 3, 2},
    {"silu", &K::silu, &KD::silu, 3, 2},
    {"softplus", &K::softplus, &KD::softplus, 3, 2},
    {"rsqrt", &K::rsqrt, &KD::rsqrt, 2, 2},
    {"cbrt", &K::cbrt, &KD::cbrt, 2, 2},
    {"sin", &K::sin, &KD::sin, 2, 2},
    {"cos", &K::cos, &KD::cos, 2, 2},
    {"tan", &K::tan, &KD::tan, 2, 2},
    {"asin", &K::asin, &KD::asin, 4, 2},
    {"acos", &K::acos, &KD::acos, 4, 2},
    {"atan", &K::atan, &KD::atan, 4, 2},
    {"sinh", &K::sinh, &KD::sinh, 2, 2},
    {"cosh", &K::cosh, &KD::cosh, 2, 2},
    {"asinh", &K::asinh, &KD::asinh, 4, 2},
    {"acosh", &K::acosh, &KD::acosh, 4, 2},
    {"atanh", &K::atanh, &KD::atanh, 4, 2},
};

template <class T>
void check_unary(const UnaryCase& c) {
  std::mt19937 rng(12345);
  const auto& scalar = trueno::detail::kernels_for<T>(Backend::scalar);
  auto fn = [&c](const KernelTable<T>& t) {
    if constexpr (std::is_same_v<T, float>) {
      return t.*c.fn_f;
    } else {
      return t.*c.fn_d;
    }
  };
  const double tol = 2 * (std::is_same_v<T, float> ? c.float_bound : c.double_bound);
  for (auto b : trueno_test::available_backends()) {
    if (b == Backend::scalar) continue;
    const auto& table = trueno::detail::kernels_for<T>(b);
    for (std::size_t n : lengths()) {
      for (std::size_t off : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
        const auto in = make_input<T>(n, off, rng);
        std::vector<T> want(n + off), got(n + off, T(-7));
        fn(scalar)(in.data() + off, want.data() + off, n);
        fn(table)(in.data() + off, got.data() + off, n);
        for (std::size_t i = 0; i < n; ++i) {
          const auto diff = compare(got[off + i], want[off + i], tol);
          ASSERT_EQ(diff, "") << c.name << " on " << trueno::to_string(b) << ", n = " << n << ", offset "
                              << off << ", x[" << i << "] = " << in[off + i] << ": got " << got[off + i]
                              << ", scalar " << want[off + i];
        }
        for (std::size_t i = 0; i < off; ++i) ASSERT_EQ(got[i], T(-7)) << "wrote before the output";
        // In place (out aliases the input exactly).
        auto inplace = in;
        fn(table)(inplace.data() + off, inplace.data() + off, n);
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_TRUE(inplace[off + i] == got[off + i] ||
                      (std::isnan(got[off + i]) && std::isnan(inplace[off + i])))
              << c.name << " in place differs at " << i;
        }
      }
    }
  }
}

class MathEquivalence : public ::testing::TestWithParam<UnaryCase> {};
TEST_P(MathEquivalence, FloatMatchesScalarBackend) { check_unary<float>(GetParam()); }
TEST_P(MathEquivalence, DoubleMatchesScalarBackend) { check_unary<double>(GetParam()); }
INSTANTIATE_TEST_SUITE_P(Functions, MathEquivalence, ::testing::ValuesIn(kUnary),
                         [](const ::testing::TestParamInfo<UnaryCase>& info) {
                           return std::string(info.param.name);
                         });

// hypot: both operands from the same generator (so specials meet specials, NaN meets inf), every length.
template <class T>
void check_hypot() {
  std::mt19937 rng(99);
  const auto& scalar = trueno::detail::kernels_for<T>(Backend::scalar);
  for (auto b : trueno_test::available_backends()) {
    if (b == Backend::scalar) continue;
    const auto& table = trueno::detail::kernels_for<T>(b);
    for (std::size_t n : lengths()) {
      const auto x = make_input<T>(n, 1, rng);
      auto y = make_input<T>(n, 1, rng);
      std::reverse(y.begin() + 1, y.end());
      std::vector<T> want(n), got(n);
      scalar.hypot(x.data() + 1, y.data() + 1, want.data(), n);
      table.hypot(x.data() + 1, y.data() + 1, got.data(), n);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(compare(got[i], want[i], 4.0), "")
            << "hypot on " << trueno::to_string(b) << ", n = " << n << ", (" << x[i + 1] << ", " << y[i + 1]
            << "): got " << got[i] << ", scalar " << want[i];
      }
    }
  }
}

TEST(MathEquivalence, HypotFloatMatchesScalarBackend) { check_hypot<float>(); }
TEST(MathEquivalence, HypotDoubleMatchesScalarBackend) { check_hypot<double>(); }

// atan2 and pow: pairs as for hypot, plus (for pow) bases near 1 and negative bases with integer exponents,
// and the scalar-exponent and scalar-base forms; tolerance twice the documented bound (4 and 8 ULP).
template <class T>
void check_binary_math(const char* name, typename KernelTable<T>::BinaryFn KernelTable<T>::*fn, double tol) {
  std::mt19937 rng(4242);
  const auto& scalar = trueno::detail::kernels_for<T>(Backend::scalar);
  for (auto b : trueno_test::available_backends()) {
    if (b == Backend::scalar) continue;
    const auto& table = trueno::detail::kernels_for<T>(b);
    for (std::size_t n : lengths()) {
      auto x = make_input<T>(n, 1, rng);
      auto y = make_input<T>(n, 1, rng);
      std::reverse(y.begin() + 1, y.end());
      for (std::size_t i = 1; i + 3 < x.size(); i += 5) {  // some pow-friendly pairs among the random ones
        x[i] = std::fabs(x[i]) < T(0.01) ? T(1.0001) : x[i];
        y[i] = std::round(y[i]);
        y[i + 1] = std::fmod(y[i + 1], T(30));
      }
      std::vector<T> want(n), got(n, T(-7));
      (scalar.*fn)(x.data() + 1, y.data() + 1, want.data(), n);
      (table.*fn)(x.data() + 1, y.data() + 1, got.data(), n);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(compare(got[i], want[i], tol), "")
            << name << " on " << trueno::to_string(b) << ", n = " << n << ", (" << x[i + 1] << ", "
            << y[i + 1] << "): got " << got[i] << ", scalar " << want[i];
      }
    }
  }
}

TEST(MathEquivalence, Atan2FloatMatchesScalarBackend) {
  check_binary_math<float>("atan2", &KernelTable<float>::atan2, 8);
}
TEST(MathEquivalence, Atan2DoubleMatchesScalarBackend) {
  check_binary_math<double>("atan2", &KernelTable<double>::atan2, 4);
}
TEST(MathEquivalence, PowFloatMatchesScalarBackend) {
  check_binary_math<float>("pow", &KernelTable<float>::pow, 8);
}
TEST(MathEquivalence, PowDoubleMatchesScalarBackend) {
  check_binary_math<double>("pow", &KernelTable<double>::pow, 8);
}

template <class T>
void check_pow_scalar_forms() {
  std::mt19937 rng(77);
  const auto& scalar = trueno::detail::kernels_for<T>(Backend::scalar);
  const T params[] = {T(2),
                      T(0.5),
                      T(-1),
                      T(1),
                      T(0),
                      T(3),
                      T(-2.5),
                      T(10),
                      T(-0.0),
                      std::numeric_limits<T>::infinity(),
                      std::numeric_limits<T>::quiet_NaN()};
  for (auto b : trueno_test::available_backends()) {
    if (b == Backend::scalar) continue;
    const auto& table = trueno::detail::kernels_for<T>(b);
    for (std::size_t n :
         {std::size_t{0}, std::size_t{1}, std::size_t{17}, std::size_t{130}, std::size_t{10003}}) {
      const auto x = make_input<T>(n, 1, rng);
      for (T s : params) {
        std::vector<T> want(n), got(n);
        scalar.pow_scalar(x.data() + 1, want.data(), n, s);
        table.pow_scalar(x.data() + 1, got.data(), n, s);
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_EQ(compare(got[i], want[i], 8.0), "") << "pow(x, " << s << ") on " << trueno::to_string(b)
                                                       << ", x = " << x[i + 1] << ": got " << got[i];
        }
        scalar.scalar_pow(x.data() + 1, want.data(), n, s);
        table.scalar_pow(x.data() + 1, got.data(), n, s);
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_EQ(compare(got[i], want[i], 8.0), "") << "pow(" << s << ", y) on " << trueno::to_string(b)
                                                       << ", y = " << x[i + 1] << ": got " << got[i];
        }
      }
    }
  }
}

TEST(MathEquivalence, PowScalarFormsFloatMatchScalarBackend) { check_pow_scalar_forms<float>(); }
TEST(MathEquivalence, PowScalarFormsDoubleMatchScalarBackend) { check_pow_scalar_forms<double>(); }

// softmax, log_softmax, logsumexp on finite random rows (the specials would make whole rows NaN) and on rows
// with -inf entries, every length; relative agreement with the scalar backend.
template <class T>
void check_softmax_family() {
  constexpr T kTol = std::is_same_v<T, float> ? T(2e-6) : T(1e-14);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> val(-20.0, 20.0);
  const auto& scalar = trueno::detail::kernels_for<T>(Backend::scalar);
  for (auto b : trueno_test::available_backends()) {
    if (b == Backend::scalar) continue;
    const auto& table = trueno::detail::kernels_for<T>(b);
    for (std::size_t n : lengths()) {
      for (std::size_t off : {std::size_t{0}, std::size_t{1}}) {
        std::vector<T> in(n + off);
        for (auto& x : in) x = static_cast<T>(val(rng));
        if (n > 2) in[off] = in[off + n - 1] = -std::numeric_limits<T>::infinity();
        const T* x = in.data() + off;
        std::vector<T> s1(n), s2(n), l1(n), l2(n);
        scalar.softmax(x, s1.data(), n);
        table.softmax(x, s2.data(), n);
        scalar.log_softmax(x, l1.data(), n);
        table.log_softmax(x, l2.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_NEAR(s2[i], s1[i], kTol * std::max(T(1e-30), s1[i]) + T(1e-37))
              << "softmax on " << trueno::to_string(b) << ", n = " << n << ", i = " << i;
          if (std::isinf(l1[i])) {
            ASSERT_EQ(l2[i], l1[i]);
          } else {
            ASSERT_NEAR(l2[i], l1[i], kTol * std::max(T(1), std::fabs(l1[i])))
                << "log_softmax on " << trueno::to_string(b) << ", n = " << n << ", i = " << i;
          }
        }
        const T want = scalar.logsumexp(x, n), got = table.logsumexp(x, n);
        if (std::isinf(want)) {
          ASSERT_EQ(got, want);
        } else {
          ASSERT_NEAR(got, want, kTol * std::max(T(1), std::fabs(want))) << "logsumexp, n = " << n;
        }
      }
    }
  }
}

TEST(MathEquivalence, SoftmaxFamilyFloatMatchesScalarBackend) { check_softmax_family<float>(); }
TEST(MathEquivalence, SoftmaxFamilyDoubleMatchesScalarBackend) { check_softmax_family<double>(); }

}  // namespace
