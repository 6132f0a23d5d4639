// Every SIMD backend's erf/erfc, activation and norm kernels against the scalar backend: lengths 0..130 and
// 10003, unaligned starts, NaN/inf/denormals/-0 in the first and last 16 positions, and in place. Results are
// not bit-identical (different evaluation orders), so values must agree within both sides' documented error
// (twice the bound, in ULP) and be classified identically (NaN, infinities and zeros with their signs). The
// exactly rounded ones (rounding, relu, hardswish...) are rows of op_table.cpp instead.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <ostream>
#include <random>
#include <string>
#include <trueno/trueno.hpp>
#include <type_traits>
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

// Magnitudes 2^-30 .. 2^7 of both signs, with the specials in the first and last 16 positions.
template <class T>
std::vector<T> make_input(std::size_t n, std::size_t off, std::mt19937& rng) {
  std::uniform_real_distribution<double> mag(-30.0, 7.0);
  std::bernoulli_distribution neg(0.5);
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

template <class T>
using Runner = void (*)(const KernelTable<T>&, const T*, T*, std::size_t);

struct ActCase {
  const char* name;
  Runner<float> run_f;
  Runner<double> run_d;
  double float_bound, double_bound;  // per backend, in ULP
};

void PrintTo(const ActCase& c, std::ostream* os) { *os << c.name; }

#define UNARY(field) [](const auto& t, const auto* a, auto* o, std::size_t n) { t.field(a, o, n); }
#define PARAM1(field, p) [](const auto& t, const auto* a, auto* o, std::size_t n) { t.field(a, o, n, p); }
#define PARAM2(field, p, q) \
  [](const auto& t, const auto* a, auto* o, std::size_t n) { t.field(a, o, n, p, q); }

const ActCase kCases[] = {
    {"erf", UNARY(erf), UNARY(erf), 2, 2},
    {"erfc", UNARY(erfc), UNARY(erfc), 2, 3},
    {"gelu", UNARY(gelu), UNARY(gelu), 3, 4},
    {"gelu_tanh", UNARY(gelu_tanh), UNARY(gelu_tanh), 3, 2},
    {"mish", UNARY(mish), UNARY(mish), 3, 2},
    {"tanhshrink", UNARY(tanhshrink), UNARY(tanhshrink), 3, 2},
    {"log_sigmoid", UNARY(log_sigmoid), UNARY(log_sigmoid), 3, 2},
    {"selu", UNARY(selu), UNARY(selu), 3, 2},
    {"elu", PARAM1(elu, 1), PARAM1(elu, 1), 3, 2},
    {"elu_alpha2", PARAM1(elu, 2), PARAM1(elu, 2), 3, 2},
    {"celu_alpha0_5", PARAM1(celu, 0.5), PARAM1(celu, 0.5), 3, 2},
    {"softplus_beta2", PARAM2(softplus_param, 2, 20), PARAM2(softplus_param, 2, 20), 3, 2},
    {"softplus_beta0_5_threshold10", PARAM2(softplus_param, 0.5, 10), PARAM2(softplus_param, 0.5, 10), 3, 2},
};

#undef UNARY
#undef PARAM1
#undef PARAM2

template <class T>
void check(const ActCase& c) {
  std::mt19937 rng(4242);
  const auto& scalar = trueno::detail::kernels_for<T>(Backend::scalar);
  auto run = [&c](const KernelTable<T>& t, const T* a, T* o, std::size_t n) {
    if constexpr (std::is_same_v<T, float>) {
      c.run_f(t, a, o, n);
    } else {
      c.run_d(t, a, o, n);
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
        run(scalar, in.data() + off, want.data() + off, n);
        run(table, in.data() + off, got.data() + off, n);
        for (std::size_t i = 0; i < n; ++i) {
          const auto diff = compare(got[off + i], want[off + i], tol);
          ASSERT_EQ(diff, "") << c.name << " on " << trueno::to_string(b) << ", n = " << n << ", offset "
                              << off << ", x[" << i << "] = " << in[off + i] << ": got " << got[off + i]
                              << ", scalar " << want[off + i];
        }
        for (std::size_t i = 0; i < off; ++i) ASSERT_EQ(got[i], T(-7)) << "wrote before the output";
        auto inplace = in;
        run(table, inplace.data() + off, inplace.data() + off, n);
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_TRUE(inplace[off + i] == got[off + i] ||
                      (std::isnan(got[off + i]) && std::isnan(inplace[off + i])))
              << c.name << " in place differs at " << i;
        }
      }
    }
  }
}

class ActivationEquivalence : public ::testing::TestWithParam<ActCase> {};
TEST_P(ActivationEquivalence, FloatMatchesScalarBackend) { check<float>(GetParam()); }
TEST_P(ActivationEquivalence, DoubleMatchesScalarBackend) { check<double>(GetParam()); }
INSTANTIATE_TEST_SUITE_P(Functions, ActivationEquivalence, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<ActCase>& info) {
                           return std::string(info.param.name);
                         });

// layer_norm and rms_norm (pairwise statistics in a different order per backend): relative agreement with the
// scalar backend on random rows of every length, with and without gamma/beta, at unaligned starts.
template <class T>
void check_norms() {
  constexpr T kTol = std::is_same_v<T, float> ? T(1e-5) : T(1e-13);
  std::mt19937 rng(11);
  std::normal_distribution<double> val(3.0, 5.0);
  const auto& scalar = trueno::detail::kernels_for<T>(Backend::scalar);
  for (auto b : trueno_test::available_backends()) {
    if (b == Backend::scalar) continue;
    const auto& table = trueno::detail::kernels_for<T>(b);
    for (std::size_t n : lengths()) {
      if (n == 0) continue;  // the public functions return before calling the kernels
      std::vector<T> x(n + 1), g(n + 1), be(n + 1);
      for (auto& v : x) v = static_cast<T>(val(rng));
      for (auto& v : g) v = static_cast<T>(val(rng));
      for (auto& v : be) v = static_cast<T>(val(rng));
      for (int variant = 0; variant < 4; ++variant) {
        const T* gp = (variant & 1) != 0 ? g.data() + 1 : nullptr;
        const T* bp = (variant & 2) != 0 ? be.data() + 1 : nullptr;
        std::vector<T> want(n), got(n), rwant(n), rgot(n);
        scalar.layer_norm(x.data() + 1, gp, bp, want.data(), n, T(1e-5));
        table.layer_norm(x.data() + 1, gp, bp, got.data(), n, T(1e-5));
        scalar.rms_norm(x.data() + 1, gp, rwant.data(), n, T(1e-6));
        table.rms_norm(x.data() + 1, gp, rgot.data(), n, T(1e-6));
        T scale = 1;  // |gamma| * |normalised x| + |beta| bounds the terms
        for (std::size_t i = 0; i < n; ++i) scale = std::max(scale, std::fabs(want[i]));
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_NEAR(got[i], want[i], kTol * scale)
              << "layer_norm on " << trueno::to_string(b) << ", n = " << n << ", variant " << variant
              << ", i = " << i;
          ASSERT_NEAR(rgot[i], rwant[i], kTol * std::max(T(1), std::fabs(rwant[i])))
              << "rms_norm on " << trueno::to_string(b) << ", n = " << n << ", variant " << variant
              << ", i = " << i;
        }
      }
    }
  }
}

TEST(NormEquivalence, FloatMatchesScalarBackend) { check_norms<float>(); }
TEST(NormEquivalence, DoubleMatchesScalarBackend) { check_norms<double>(); }

}  // namespace
