// Differential tests: trueno's Vector ops against NumPy (Debian's python3-numpy), exchanging .npy files
// through trueno::io. Each test queues many NumPy operations, runs them in one python process
// (tests/differential/ numpy_ref.py), then checks trueno's results under every backend this CPU supports.
//   exact ops:  bit-identical (any NaN matches any NaN);
//   reductions: within the sum of trueno's documented error bound and NumPy's, derived per op below;
//   integers:   exact (wrap-around, int32 sums in int64, true division in float64).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <vector>

#include "common/backends.hpp"
#include "common/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using trueno::Vector;

constexpr std::size_t kSizes[] = {0, 1, 7, 100, 1000, 10003};

// --- running NumPy
// ------------------------------------------------------------------------------------------------

// A batch of NumPy operations: inputs are saved with trueno::io::save_npy, results loaded with load_npy
// (whose dtype check also verifies NumPy's result type).
class NumpyBatch {
 public:
  template <class T>
  std::string input(const Vector<T>& v) {
    const fs::path p = dir_ / ("in" + std::to_string(files_++) + ".npy");
    trueno::io::save_npy(p, v);
    return p.string();
  }

  // Queues `op` on inputs and "@key=value" parameters; returns the path NumPy's result will have.
  std::string call(std::string_view op, std::initializer_list<std::string> args) {
    std::string out = (dir_ / ("out" + std::to_string(files_++) + ".npy")).string();
    manifest_ += std::string(op) + '\t' + out;
    for (const auto& a : args) manifest_ += '\t' + a;
    manifest_ += '\n';
    return out;
  }

  // Runs every queued op in one python process.
  ::testing::AssertionResult run() {
    const fs::path manifest = dir_ / "manifest.tsv", log = dir_ / "numpy.log";
    std::ofstream(manifest) << manifest_;
    const std::string cmd = std::string("\"") + TRUENO_PYTHON + "\" \"" + TRUENO_TEST_DIR +
                            "/differential/numpy_ref.py\" --batch \"" + manifest.string() + "\" > \"" +
                            log.string() + "\" 2>&1";
    if (std::system(cmd.c_str()) != 0) {
      std::ifstream f(log);
      return ::testing::AssertionFailure() << cmd << " failed:\n" << f.rdbuf();
    }
    return ::testing::AssertionSuccess();
  }

  template <class T>
  Vector<T> array(const std::string& out) const {
    return trueno::io::load_npy<T>(out);
  }
  template <class T>
  T scalar(const std::string& out) const {
    const Vector<T> v = trueno::io::load_npy<T>(out);
    EXPECT_EQ(v.size(), 1U) << out;
    return v.empty() ? T{} : v[0];
  }

 private:
  trueno_test::TempDir dir_{"trueno_numpy"};
  std::string manifest_;
  int files_ = 0;
};

// Runs every check once per backend, naming the backend in failures.
void check_on_every_backend(const std::vector<std::function<void()>>& checks) {
  for (trueno::Backend b : trueno_test::available_backends()) {
    trueno_test::BackendScope scope(b);
    SCOPED_TRACE("backend " + std::string(trueno::to_string(b)));
    for (const auto& check : checks) check();
  }
}

// C's %a: the exact text of a float for numpy_ref.py's float.fromhex.
template <class T>
std::string hex(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%a", static_cast<double>(v));
    return buf;
  } else {
    return std::to_string(v);
  }
}

// --- inputs
// -------------------------------------------------------------------------------------------------------

// Values over many binades, both signs: sign * m * 2^e, m in [1, 2), e in [-30, 30].
template <class T>
Vector<T> wide_floats(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<T> mant(1, 2);
  std::uniform_int_distribution<int> exp(-30, 30);
  Vector<T> v(n);
  for (auto& x : v) x = std::ldexp(mant(rng), exp(rng)) * ((rng() & 1) != 0 ? T(-1) : T(1));
  return v;
}

template <class T>
Vector<T> uniform(std::size_t n, std::uint64_t seed, T lo, T hi) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<T> dist(lo, hi);
  Vector<T> v(n);
  for (auto& x : v) x = dist(rng);
  return v;
}

// Zeros of both signs, subnormals, extremes, infinities and NaN.
template <class T>
std::vector<T> special_floats() {
  using L = std::numeric_limits<T>;
  return {T(0),        -T(0),        T(1),          T(-1),           T(0.5),           T(-3),
          T(1) / T(3), L::min(),     -L::min(),     L::denorm_min(), -L::denorm_min(), L::max(),
          L::lowest(), L::epsilon(), L::infinity(), -L::infinity(),  L::quiet_NaN(),   T(1e-30),
          T(7e5)};
}

// Every (a, b) pair of the special values, as two vectors.
template <class T>
std::pair<Vector<T>, Vector<T>> special_pairs() {
  const auto s = special_floats<T>();
  Vector<T> a(s.size() * s.size()), b(s.size() * s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    for (std::size_t j = 0; j < s.size(); ++j) {
      a[i * s.size() + j] = s[i];
      b[i * s.size() + j] = s[j];
    }
  }
  return {std::move(a), std::move(b)};
}

template <class T>
Vector<T> random_ints(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Vector<T> v(n);
  for (auto& x : v) x = static_cast<T>(rng());
  if (n >= 4) {  // the wrap-around corners
    v[0] = std::numeric_limits<T>::min();
    v[1] = std::numeric_limits<T>::max();
    v[2] = -1;
    v[3] = 0;
  }
  return v;
}

// --- comparisons
// --------------------------------------------------------------------------------------------------

template <class T>
bool identical(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    return std::bit_cast<Bits>(a) == std::bit_cast<Bits>(b);
  } else {
    return a == b;
  }
}

template <class T>
void expect_identical(const Vector<T>& got, const Vector<T>& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  int reported = 0;
  for (std::size_t i = 0; i < got.size() && reported < 5; ++i) {
    if (!identical(got[i], want[i])) {
      ADD_FAILURE() << what << ": element " << i << " of " << got.size() << ": trueno " << hex(got[i])
                    << ", numpy " << hex(want[i]);
      ++reported;
    }
  }
}

// Equal non-finite classes, else |got - want| <= tol.
template <class G, class W>
void expect_within(G got, W want, long double tol, const std::string& what) {
  const auto g = static_cast<long double>(got), w = static_cast<long double>(want);
  if (std::isnan(w) || std::isinf(w)) {
    EXPECT_TRUE(std::isnan(w) ? std::isnan(g) : g == w)
        << what << ": trueno " << hex(got) << ", numpy " << hex(want);
    return;
  }
  const long double diff = std::fabs(g - w);
  EXPECT_LE(diff, tol) << what << ": trueno " << hex(got) << ", numpy " << hex(want) << ", |difference| "
                       << static_cast<double>(diff) << " > tolerance " << static_cast<double>(tol);
}

std::string label(std::string_view op, std::size_t n, std::string_view data = "") {
  return std::string(op) + " n=" + std::to_string(n) + (data.empty() ? "" : " " + std::string(data));
}

// --- error bounds
// ------------------------------------------------------------------------------------------------- |computed
// - exact| for a sum is at most k * u * sum|x| to first order, where u is the unit roundoff and k the number
// of roundings on the longest path from an input to the result.

template <class T>
constexpr long double kUnit = std::numeric_limits<T>::epsilon() / 2;
// The type numpy_ref.py's @precise=1 computes in.
template <class T>
using wide_t = std::conditional_t<std::is_same_v<T, float>, double, long double>;

long double log2_ceil(std::size_t n) {
  return n <= 1 ? 0 : std::ceil(std::log2(static_cast<long double>(n)));
}

// trueno's documented bound for its pairwise sums, dots and norms (vector/reduce.hpp): (log2 n + 2) eps = 2
// u.
template <class T>
long double trueno_sum_error(std::size_t n) {
  return (log2_ceil(n) + 2) * std::numeric_limits<T>::epsilon();
}
// NumPy's pairwise_sum: below 8 elements a plain loop (n - 1 roundings); up to 128, eight accumulators of at
// most 16 elements, combined in 3 steps, plus up to 7 left-over additions; above, halves recursively (one
// rounding per level). At most min(n, 26) + log2 n roundings.
template <class T>
long double numpy_sum_error(std::size_t n) {
  return (std::min<long double>(static_cast<long double>(n), 26) + log2_ceil(n)) * kUnit<T>;
}
// BLAS dot products (numpy.dot, numpy.linalg.norm) accumulate serially: n roundings.
template <class T>
long double blas_dot_error(std::size_t n) {
  return static_cast<long double>(n + 1) * kUnit<T>;
}

template <class T>
long double sum_abs(const Vector<T>& a) {
  long double s = 0;
  for (T x : a) s += std::fabs(static_cast<long double>(x));
  return s;
}
template <class T>
long double exact_mean(const Vector<T>& a) {
  long double s = 0;
  for (T x : a) s += static_cast<long double>(x);
  return s / static_cast<long double>(a.size());
}
// sum |x - mean x| * |y - mean y|
template <class T>
long double centered_abs_dot(const Vector<T>& x, const Vector<T>& y) {
  const long double mx = exact_mean(x), my = exact_mean(y);
  long double s = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    s += std::fabs((static_cast<long double>(x[i]) - mx) * (static_cast<long double>(y[i]) - my));
  }
  return s;
}

// Variance (or covariance) bound, both implementations two-pass: the mean's error d (<= the sum bound / n)
// adds n d^2 (first-order terms cancel because sum(x - mean) = 0); subtracting and multiplying round 3 times
// per term, then the sum of the products adds its own k. u_ref/k_ref: NumPy's type and summation; trueno's in
// eps.
template <class T>
long double moment_tolerance(long double centered, std::size_t n, std::size_t divisor, long double k_numpy,
                             long double sum_abs_x, long double sum_abs_y) {
  const long double k_trueno = trueno_sum_error<T>(n) + 3 * std::numeric_limits<T>::epsilon();
  const long double dx = (trueno_sum_error<T>(n) + numpy_sum_error<T>(n)) * sum_abs_x / n;
  const long double dy = (trueno_sum_error<T>(n) + numpy_sum_error<T>(n)) * sum_abs_y / n;
  return ((k_trueno + k_numpy) * centered + 2 * n * dx * dy) / static_cast<long double>(divisor);
}

// =================================================================================================================
// Exact element-wise ops on float32 and float64
// =================================================================================================================

template <class T>
class FloatVsNumpy : public ::testing::Test {};
using FloatTypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(FloatVsNumpy, FloatTypes);

// Where NumPy and trueno differ by design: with a tie between zeros of opposite sign, NumPy's maximum/minimum
// return the second operand and np.clip returns the bound; trueno returns the first operand (DESIGN.md,
// section 3: clamp(x, lo, hi) = minimum(maximum(x, lo), hi)). The expected result takes trueno's rule at
// exactly those elements; everywhere else it is NumPy's.
template <class T>
Vector<T> with_first_operand_on_zero_ties(Vector<T> numpy, const Vector<T>& a, const Vector<T>& b) {
  for (std::size_t i = 0; i < numpy.size(); ++i) {
    if (a[i] == 0 && b[i] == 0) numpy[i] = a[i];
  }
  return numpy;
}
// clamp with a zero bound: the sign of a zero result depends on which operand wins a tie at either step, so
// there only the value is compared with NumPy; the sign is checked against clamp = minimum(maximum(x, lo),
// hi) computed with trueno's own minimum and maximum (compared with NumPy above).
template <class T>
Vector<T> with_trueno_zero_sign(Vector<T> numpy, const Vector<T>& trueno_result, T lo, T hi) {
  if (lo != 0 && hi != 0) return numpy;
  for (std::size_t i = 0; i < numpy.size(); ++i) {
    if (numpy[i] == 0 && trueno_result[i] == 0) numpy[i] = trueno_result[i];
  }
  return numpy;
}

TYPED_TEST(FloatVsNumpy, ElementwiseOpsAreBitIdentical) {
  using T = TypeParam;
  NumpyBatch np;
  std::vector<std::function<void()>> checks;
  std::vector<std::pair<Vector<T>, Vector<T>>> cases;
  for (std::size_t n : kSizes) cases.emplace_back(wide_floats<T>(n, n), wide_floats<T>(n, n + 1000));
  cases.push_back(special_pairs<T>());
  cases.emplace_back(uniform<T>(1000, 7, -2, 2), uniform<T>(1000, 8, -2, 2));

  using Binary = Vector<T> (*)(const Vector<T>&, const Vector<T>&);
  using Unary = Vector<T> (*)(const Vector<T>&);
  const std::pair<const char*, Binary> binary[] = {
      {"add", trueno::add<T>}, {"sub", trueno::sub<T>},         {"mul", trueno::mul<T>},
      {"div", trueno::div<T>}, {"minimum", trueno::minimum<T>}, {"maximum", trueno::maximum<T>}};
  const std::pair<const char*, Unary> unary[] = {{"neg", trueno::neg<T>},
                                                 {"abs", trueno::abs<T>},
                                                 {"sqrt", trueno::sqrt<T>},
                                                 {"square", trueno::square<T>},
                                                 {"reciprocal", trueno::reciprocal<T>}};
  const std::pair<T, T> bounds[] = {{T(-0.5), T(0.5)},
                                    {T(0), T(0)},
                                    {-T(0), T(0)},
                                    {T(1e-3), T(1e3)},
                                    {-std::numeric_limits<T>::infinity(), T(-1)}};

  for (std::size_t c = 0; c < cases.size(); ++c) {
    const Vector<T>& a = cases[c].first;
    const Vector<T>& b = cases[c].second;
    const std::string pa = np.input(a), pb = np.input(b);
    const std::string data = c + 2 == cases.size() ? "specials" : "";
    for (const auto& [name, fn] : binary) {
      const std::string out = np.call(name, {pa, pb});
      const bool tie_rule = std::string_view(name) == "minimum" || std::string_view(name) == "maximum";
      checks.push_back([&, out, fn = fn, tie_rule, what = label(name, a.size(), data)] {
        Vector<T> want = np.array<T>(out);
        if (tie_rule) want = with_first_operand_on_zero_ties(std::move(want), a, b);
        expect_identical(fn(a, b), want, what);
      });
    }
    for (const auto& [name, fn] : unary) {
      const std::string out = np.call(name, {pa});
      checks.push_back([&, out, fn = fn, what = label(name, a.size(), data)] {
        expect_identical(fn(a), np.array<T>(out), what);
      });
    }
    for (const auto& [lo, hi] : bounds) {
      const std::string out = np.call("clamp", {pa, "@lo=" + hex(lo), "@hi=" + hex(hi)});
      checks.push_back([&, out, lo = lo, hi = hi,
                        what = label("clamp", a.size(), data) + " " + hex(lo) + " " + hex(hi)] {
        const Vector<T> got = trueno::clamp(a, lo, hi);
        expect_identical(got, with_trueno_zero_sign(np.array<T>(out), got, lo, hi), what);
        const Vector<T> lo_v(a.size(), lo), hi_v(a.size(), hi);
        expect_identical(got, trueno::minimum(trueno::maximum(a, lo_v), hi_v), what + " = minimum(maximum)");
      });
    }
  }
  ASSERT_TRUE(np.run());
  check_on_every_backend(checks);
}

// The out-parameter forms compute the same bits as the value forms NumPy was compared with.
TYPED_TEST(FloatVsNumpy, OutParameterFormsMatchNumpy) {
  using T = TypeParam;
  NumpyBatch np;
  const Vector<T> a = wide_floats<T>(1000, 3), b = wide_floats<T>(1000, 4);
  const std::string pa = np.input(a), pb = np.input(b);
  const std::string add = np.call("add", {pa, pb}), sqrt = np.call("sqrt", {pa});
  ASSERT_TRUE(np.run());
  Vector<T> out(a.size());
  trueno::add(a, b, out);
  expect_identical(out, np.array<T>(add), "add(a, b, out)");
  trueno::sqrt(a, out);
  expect_identical(out, np.array<T>(sqrt), "sqrt(a, out)");
}

// =================================================================================================================
// Reductions on float32 and float64
// =================================================================================================================

TYPED_TEST(FloatVsNumpy, ReductionsAgreeWithinErrorBounds) {
  using T = TypeParam;
  constexpr long double u = kUnit<T>;
  NumpyBatch np;
  std::vector<std::function<void()>> checks;

  struct Case {
    Vector<T> a, b;
    std::string data;
  };
  std::vector<Case> cases;
  for (std::size_t n : kSizes) {
    cases.push_back({uniform<T>(n, 10 + n, -1, 1), uniform<T>(n, 20 + n, -1, 1), "uniform(-1,1)"});
    cases.push_back({uniform<T>(n, 30 + n, 1, 3), uniform<T>(n, 40 + n, -5, 100), "offset"});
  }
  const T nan = std::numeric_limits<T>::quiet_NaN(), inf = std::numeric_limits<T>::infinity();
  cases.push_back({Vector<T>{1, nan, 3, nan}, Vector<T>{1, 2, 3, 4}, "NaN"});
  cases.push_back({Vector<T>{inf, 1, -2}, Vector<T>{1, 1, 1}, "+inf"});
  cases.push_back({Vector<T>{inf, -inf, 0}, Vector<T>{1, 1, 1}, "+-inf"});
  cases.push_back({Vector<T>{-inf, 5, -inf}, Vector<T>{2, 0, 1}, "-inf"});
  cases.push_back({Vector<T>{2, 7, 7, -1, -1, 2}, Vector<T>{1, 0, 1, 0, 1, 0}, "ties"});

  for (const Case& cs : cases) {
    const Vector<T>&a = cs.a, &b = cs.b;
    const std::size_t n = a.size();
    const std::string pa = np.input(a), pb = np.input(b);
    const long double abs_a = sum_abs(a);
    auto what = [&](std::string_view op) { return label(op, n, cs.data); };

    // Sums: each side within its own bound of the exact sum.
    const std::string sum = np.call("sum", {pa}), sum_wide = np.call("sum", {pa, "@precise=1"});
    checks.push_back([&, n, sum, sum_wide, abs_a, w = what("sum")] {
      const T got = trueno::sum(a);
      expect_within(got, np.scalar<T>(sum), (trueno_sum_error<T>(n) + numpy_sum_error<T>(n)) * abs_a, w);
      // against NumPy in a wider type: trueno's bound, plus the reference's own and its rounding to float64
      expect_within(got, np.scalar<double>(sum_wide),
                    (trueno_sum_error<T>(n) + numpy_sum_error<wide_t<T>>(n) + kUnit<double>)*abs_a,
                    w + " (wide)");
    });
    const std::string norm_l1 = np.call("norm_l1", {pa});
    checks.push_back([&, n, norm_l1, abs_a, w = what("norm_l1")] {
      expect_within(trueno::norm_l1(a), np.scalar<T>(norm_l1),
                    (trueno_sum_error<T>(n) + numpy_sum_error<T>(n)) * abs_a, w);
    });
    const std::string cumsum = np.call("cumsum", {pa});
    checks.push_back([&, cumsum, w = what("cumsum")] {  // NumPy's order: sequential, so identical
      expect_identical(trueno::cumsum(a), np.array<T>(cumsum), w);
    });

    // dot and the L2 norm (BLAS accumulates serially).
    long double abs_ab = 0, sq = 0;
    for (std::size_t i = 0; i < n; ++i) {
      abs_ab += std::fabs(static_cast<long double>(a[i]) * b[i]);
      sq += static_cast<long double>(a[i]) * a[i];
    }
    const std::string dot = np.call("dot", {pa, pb}), dot_wide = np.call("dot", {pa, pb, "@precise=1"});
    checks.push_back([&, n, dot, dot_wide, abs_ab, w = what("dot")] {
      const T got = trueno::dot(a, b);
      expect_within(got, np.scalar<T>(dot), (trueno_sum_error<T>(n) + blas_dot_error<T>(n)) * abs_ab, w);
      const long double ref_error = blas_dot_error<wide_t<T>>(n) + kUnit<double>;
      expect_within(got, np.scalar<double>(dot_wide), (trueno_sum_error<T>(n) + ref_error) * abs_ab,
                    w + " (wide)");
    });
    const std::string norm_l2 = np.call("norm_l2", {pa});
    checks.push_back([&, n, norm_l2, sq, w = what("norm_l2")] {
      const long double norm = std::sqrt(sq);
      // sqrt halves a relative error of the sum of squares; each sqrt rounds once.
      const long double tol =
          norm == 0 ? 0 : (trueno_sum_error<T>(n) + blas_dot_error<T>(n)) * sq / (2 * norm) + 2 * u * norm;
      expect_within(trueno::norm_l2(a), np.scalar<T>(norm_l2), tol, w);
    });

    // Products of values near 1 (the partial products stay normal): any order rounds n - 1 times.
    Vector<T> near_one = uniform<T>(n, 50 + n, T(0.9), T(1.1));  // not const: the lambda moves its copy
    const std::string prod = np.call("prod", {np.input(near_one)});
    checks.push_back([&, n, near_one, prod, w = what("prod")] {
      const T want = np.scalar<T>(prod);
      expect_within(trueno::prod(near_one), want, 2 * static_cast<long double>(n + 1) * u * std::fabs(want),
                    w);
    });

    if (n == 0) continue;  // below: no identity (trueno throws; NumPy warns and returns NaN or raises)

    // Exact: extrema and their indices, the infinity norm.
    const std::string min = np.call("min", {pa}), max = np.call("max", {pa}),
                      argmin = np.call("argmin", {pa}), argmax = np.call("argmax", {pa}),
                      norm_linf = np.call("norm_linf", {pa});
    checks.push_back([&, min, max, argmin, argmax, norm_linf, w = what("")] {
      EXPECT_TRUE(identical(trueno::min(a), np.scalar<T>(min))) << "min " << w;
      EXPECT_TRUE(identical(trueno::max(a), np.scalar<T>(max))) << "max " << w;
      EXPECT_EQ(trueno::argmin(a), static_cast<std::size_t>(np.scalar<std::int64_t>(argmin)))
          << "argmin " << w;
      EXPECT_EQ(trueno::argmax(a), static_cast<std::size_t>(np.scalar<std::int64_t>(argmax)))
          << "argmax " << w;
      EXPECT_TRUE(identical(trueno::norm_linf(a), np.scalar<T>(norm_linf))) << "norm_linf " << w;
    });

    // Mean: the sum's bound divided by n, and the division's rounding on each side.
    const std::string mean = np.call("mean", {pa});
    checks.push_back([&, n, mean, abs_a, w = what("mean")] {
      const T want = np.scalar<T>(mean);
      expect_within(trueno::mean(a), want,
                    (trueno_sum_error<T>(n) + numpy_sum_error<T>(n)) * abs_a / n + 2 * u * std::fabs(want),
                    w);
    });

    // var / std with ddof 0 and 1.
    const long double centered_a = centered_abs_dot(a, a), abs_b = sum_abs(b);
    for (std::size_t ddof : {0, 1}) {
      if (ddof >= n) continue;
      const std::string d = "@ddof=" + std::to_string(ddof);
      const std::string var = np.call("var", {pa, d}), std_out = np.call("std", {pa, d});
      const long double var_tol =
          moment_tolerance<T>(centered_a, n, n - ddof, numpy_sum_error<T>(n) + 3 * u, abs_a, abs_a);
      checks.push_back([&, var, std_out, ddof, var_tol, w = what("var/std ddof=" + std::to_string(ddof))] {
        const T want_var = np.scalar<T>(var);
        expect_within(trueno::var(a, trueno::ddof(ddof)), want_var, var_tol + 2 * u * std::fabs(want_var), w);
        const T want_std = np.scalar<T>(std_out);
        const long double std_tol =
            want_std > 0 ? var_tol / (2 * want_std) + 2 * u * want_std : std::sqrt(var_tol);
        expect_within(trueno::std(a, trueno::ddof(ddof)), want_std, std_tol, w);
      });
      // numpy.cov computes in float64 with a BLAS product: n roundings of float64.
      const std::string cov = np.call("cov", {pa, pb, d});
      const long double cov_tol = moment_tolerance<T>(
          centered_abs_dot(a, b), n, n - ddof, blas_dot_error<double>(n) + 3 * kUnit<double>, abs_a, abs_b);
      checks.push_back([&, cov, ddof, cov_tol, w = what("cov ddof=" + std::to_string(ddof))] {
        const double want = np.scalar<double>(cov);
        expect_within(trueno::cov(a, b, trueno::ddof(ddof)), want, cov_tol + 2 * u * std::fabs(want), w);
      });
    }
    if (n >= 2) {
      // r = c / sqrt(vx vy): the covariance's absolute error over sx sy, plus half the relative error of each
      // variance, plus three roundings.
      const std::string corr = np.call("corrcoef", {pa, pb});
      const long double k = blas_dot_error<double>(n) + 3 * kUnit<double>;
      const long double err_c = moment_tolerance<T>(centered_abs_dot(a, b), n, n, k, abs_a, abs_b);
      const long double err_va = moment_tolerance<T>(centered_a, n, n, k, abs_a, abs_a);
      const long double err_vb = moment_tolerance<T>(centered_abs_dot(b, b), n, n, k, abs_b, abs_b);
      const long double va = centered_a / n, vb = centered_abs_dot(b, b) / n;
      checks.push_back([&, corr, err_c, err_va, err_vb, va, vb, w = what("corrcoef")] {
        const double want = np.scalar<double>(corr);
        const long double tol = va > 0 && vb > 0
                                    ? err_c / std::sqrt(va * vb) +
                                          std::fabs(want) * (err_va / (2 * va) + err_vb / (2 * vb) + 6 * u)
                                    : 0;
        expect_within(trueno::corrcoef(a, b), want, tol, w);
      });
    }
  }
  ASSERT_TRUE(np.run());
  check_on_every_backend(checks);
}

// =================================================================================================================
// int32 and int64
// =================================================================================================================

template <class T>
class IntVsNumpy : public ::testing::Test {};
using IntTypes = ::testing::Types<std::int32_t, std::int64_t>;
TYPED_TEST_SUITE(IntVsNumpy, IntTypes);

TYPED_TEST(IntVsNumpy, OpsAreExactIncludingWrapAround) {
  using T = TypeParam;
  using Acc = std::conditional_t<std::is_same_v<T, std::int32_t>, std::int64_t, T>;
  NumpyBatch np;
  std::vector<std::function<void()>> checks;
  std::vector<std::pair<Vector<T>, Vector<T>>> cases;
  for (std::size_t n : kSizes) cases.emplace_back(random_ints<T>(n, n), random_ints<T>(n, n + 99));
  // small values (divisors include 0: x / 0 is +-inf or NaN in float64)
  Vector<T> small_a(200), small_b(200);
  for (std::size_t i = 0; i < 200; ++i) {
    small_a[i] = static_cast<T>(static_cast<int>(i % 23) - 11);
    small_b[i] = static_cast<T>(static_cast<int>(i % 7) - 3);
  }
  cases.emplace_back(small_a, small_b);

  using Binary = Vector<T> (*)(const Vector<T>&, const Vector<T>&);
  using Unary = Vector<T> (*)(const Vector<T>&);
  const std::pair<const char*, Binary> binary[] = {{"add", trueno::add<T>},
                                                   {"sub", trueno::sub<T>},
                                                   {"mul", trueno::mul<T>},
                                                   {"minimum", trueno::minimum<T>},
                                                   {"maximum", trueno::maximum<T>}};
  const std::pair<const char*, Unary> unary[] = {
      {"neg", trueno::neg<T>}, {"abs", trueno::abs<T>}, {"square", trueno::square<T>}};

  for (const auto& ab : cases) {
    const Vector<T>& a = ab.first;
    const Vector<T>& b = ab.second;
    const std::size_t n = a.size();
    const std::string pa = np.input(a), pb = np.input(b);
    for (const auto& [name, fn] : binary) {
      const std::string out = np.call(name, {pa, pb});
      checks.push_back(
          [&, out, fn = fn, w = label(name, n)] { expect_identical(fn(a, b), np.array<T>(out), w); });
    }
    for (const auto& [name, fn] : unary) {
      const std::string out = np.call(name, {pa});
      checks.push_back(
          [&, out, fn = fn, w = label(name, n)] { expect_identical(fn(a), np.array<T>(out), w); });
    }
    const std::string div = np.call("div", {pa, pb}), clamp = np.call("clamp", {pa, "@lo=-1000", "@hi=5"});
    const std::string sum = np.call("sum", {pa}), prod = np.call("prod", {pa}),
                      dot = np.call("dot", {pa, pb}), cumsum = np.call("cumsum", {pa});
    checks.push_back([&, div, clamp, sum, prod, dot, cumsum, n] {
      expect_identical(trueno::div(a, b), np.array<double>(div), label("div -> float64", n));
      expect_identical(trueno::clamp(a, -1000, 5), np.array<T>(clamp), label("clamp", n));
      EXPECT_EQ(trueno::sum(a), np.scalar<Acc>(sum)) << label("sum", n);  // int32 sums to int64
      EXPECT_EQ(trueno::prod(a), np.scalar<Acc>(prod)) << label("prod", n);
      EXPECT_EQ(trueno::dot(a, b), np.scalar<T>(dot)) << label("dot", n);  // wraps in T, like NumPy
      expect_identical(trueno::cumsum(a), np.array<Acc>(cumsum), label("cumsum", n));
    });
    if (n == 0) continue;
    const std::string min = np.call("min", {pa}), max = np.call("max", {pa}),
                      argmin = np.call("argmin", {pa}), argmax = np.call("argmax", {pa});
    checks.push_back([&, min, max, argmin, argmax, n] {
      EXPECT_EQ(trueno::min(a), np.scalar<T>(min)) << label("min", n);
      EXPECT_EQ(trueno::max(a), np.scalar<T>(max)) << label("max", n);
      EXPECT_EQ(trueno::argmin(a), static_cast<std::size_t>(np.scalar<std::int64_t>(argmin)))
          << label("argmin", n);
      EXPECT_EQ(trueno::argmax(a), static_cast<std::size_t>(np.scalar<std::int64_t>(argmax)))
          << label("argmax", n);
    });
  }
  ASSERT_TRUE(np.run());
  check_on_every_backend(checks);
}

// Statistics of integers are float64, as in NumPy.
TYPED_TEST(IntVsNumpy, StatisticsAreFloat64) {
  using T = TypeParam;
  constexpr long double u = kUnit<double>;
  NumpyBatch np;
  std::vector<std::function<void()>> checks;
  for (std::size_t n : kSizes) {
    if (n == 0) continue;
    // int32: any values (NumPy's float64 partial sums stay below 2^53, so its mean is exact, as trueno's);
    // int64: |x| < 2^39, whose float64 conversions and partial sums (< 2^53) are exact too.
    Vector<T> a = random_ints<T>(n, 7 * n);
    if constexpr (std::is_same_v<T, std::int64_t>) {
      for (auto& x : a) x >>= 24;
    }
    const std::string pa = np.input(a);
    const std::string mean = np.call("mean", {pa});
    checks.push_back([&, a, mean, n] {
      EXPECT_TRUE(identical(trueno::mean(a), np.scalar<double>(mean))) << label("mean", n);
    });
    Vector<double> ad(a.begin(), a.end());
    const long double centered = centered_abs_dot(ad, ad), abs_a = sum_abs(ad);
    for (std::size_t ddof : {0, 1}) {
      if (ddof >= n) continue;
      const std::string d = "@ddof=" + std::to_string(ddof);
      const std::string var = np.call("var", {pa, d}), std_out = np.call("std", {pa, d});
      const long double var_tol =
          moment_tolerance<double>(centered, n, n - ddof, numpy_sum_error<double>(n) + 3 * u, abs_a, abs_a);
      checks.push_back([&, a, var, std_out, ddof, var_tol, n] {
        const double want_var = np.scalar<double>(var), want_std = np.scalar<double>(std_out);
        expect_within(trueno::var(a, trueno::ddof(ddof)), want_var, var_tol + 2 * u * want_var,
                      label("var", n));
        const long double std_tol =
            want_std > 0 ? var_tol / (2 * want_std) + 2 * u * want_std : std::sqrt(var_tol);
        expect_within(trueno::std(a, trueno::ddof(ddof)), want_std, std_tol, label("std", n));
      });
    }
  }
  ASSERT_TRUE(np.run());
  check_on_every_backend(checks);
}

// =================================================================================================================
// .npy interoperability
// =================================================================================================================

template <class T>
class NpyInterop : public ::testing::Test {};
using AllTypes = ::testing::Types<float, double, std::int32_t, std::int64_t>;
TYPED_TEST_SUITE(NpyInterop, AllTypes);

std::string file_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// NumPy loads what trueno writes, and writes the same bytes back: trueno's files are exactly numpy.save's.
TYPED_TEST(NpyInterop, NumpyReadsTruenoFilesAndWritesTheSameBytes) {
  using T = TypeParam;
  NumpyBatch np;
  std::vector<std::pair<std::string, std::string>> files;
  std::vector<Vector<T>> inputs;
  for (std::size_t n : {0, 1, 7, 1000}) {
    if constexpr (std::is_floating_point_v<T>) {
      inputs.push_back(wide_floats<T>(n, n));
    } else {
      inputs.push_back(random_ints<T>(n, n));
    }
  }
  for (const auto& v : inputs) {
    const std::string in = np.input(v);
    files.emplace_back(in, np.call("resave", {in}));
  }
  ASSERT_TRUE(np.run());
  for (std::size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(file_bytes(files[i].first), file_bytes(files[i].second)) << "n = " << inputs[i].size();
    expect_identical(np.array<T>(files[i].second), inputs[i],
                     "resaved n=" + std::to_string(inputs[i].size()));
  }
}

// trueno loads what NumPy writes: both byte orders, format versions 1.0, 2.0 and 3.0, C and Fortran order.
TYPED_TEST(NpyInterop, TruenoReadsNumpyFilesOfEveryVariant) {
  using T = TypeParam;
  NumpyBatch np;
  Vector<T> values(60);  // exactly representable in every type
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = T(3) * static_cast<T>(static_cast<int>(i) - 30);
  const std::string in = np.input(values);
  const char kind = std::is_floating_point_v<T> ? 'f' : 'i';
  struct File {
    std::string path, descr, version;
    bool fortran;
    std::string shape;
  };
  std::vector<File> files;
  for (const char* order : {"<", ">"}) {
    const std::string descr = std::string(order) + kind + std::to_string(sizeof(T));
    for (const char* version : {"1.0", "2.0", "3.0"}) {
      for (bool fortran : {false, true}) {
        for (const char* shape : {"", "3x4x5"}) {
          std::initializer_list<std::string> args = {in, "@dtype=" + descr,
                                                     std::string("@version=") + version,
                                                     std::string("@fortran=") + (fortran ? "1" : "0"),
                                                     std::string("@shape=") + (*shape ? shape : "60")};
          files.push_back({np.call("write", args), descr, version, fortran, shape});
        }
      }
    }
  }
  ASSERT_TRUE(np.run());
  for (const File& f : files) {
    SCOPED_TRACE(f.descr + " version " + f.version + (f.fortran ? " fortran" : "") + " shape " + f.shape);
    const auto h = trueno::io::npy_header(f.path);
    EXPECT_EQ(h.descr, f.descr);
    EXPECT_EQ(h.fortran_order, f.fortran);
    EXPECT_EQ(std::to_string(h.major_version) + "." + std::to_string(h.minor_version), f.version);
    if (f.shape.empty()) {
      expect_identical(trueno::io::load_npy<T>(f.path), values, "load_npy");
    } else {
      // N-d files: the raw layer (Tensor's) returns C order whatever the file's order.
      EXPECT_EQ(h.shape, (std::vector<std::size_t>{3, 4, 5}));
      const auto raw = trueno::detail::read_npy_raw<T>(f.path);
      expect_identical(Vector<T>(std::span<const T>(raw.data.data(), raw.data.size())), values,
                       "read_npy_raw");
      EXPECT_THROW((void)trueno::io::load_npy<T>(f.path), trueno::io_error);
    }
  }
}

}  // namespace
