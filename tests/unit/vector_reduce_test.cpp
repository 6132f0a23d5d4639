// Reductions over Vector<T>: sum (with its error bound), prod, mean, var/std, extrema and their indices, dot,
// norms, all_finite and cumsum.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <vector>

#include "common/backends.hpp"

namespace {

using trueno::Vector;

template <class T>
constexpr T kNaN = std::numeric_limits<T>::quiet_NaN();
template <class T>
constexpr T kInf = std::numeric_limits<T>::infinity();

constexpr std::int32_t kI32Max = std::numeric_limits<std::int32_t>::max();
constexpr std::int32_t kI32Min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kI64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kI64Min = std::numeric_limits<std::int64_t>::min();

using trueno_test::expect_error;

using trueno_test::for_each_backend;

// An accurate reference: Neumaier's compensated sum in long double.
struct Reference {
  long double sum = 0;
  long double abs_sum = 0;
};
template <class Range>
Reference reference_sum(const Range& values) {
  long double s = 0, c = 0, abs_sum = 0;
  for (auto x : values) {
    const long double v = x;
    const long double t = s + v;
    c += std::fabs(s) >= std::fabs(v) ? (s - t) + v : (v - t) + s;
    s = t;
    abs_sum += std::fabs(v);
  }
  return {s + c, abs_sum};
}

std::size_t ceil_log2(std::size_t n) {
  std::size_t k = 0;
  while ((std::size_t{1} << k) < n) ++k;
  return k;
}

template <class T>
class VectorReduce : public ::testing::Test {};
using ElementTypes = ::testing::Types<float, double, std::int32_t, std::int64_t>;
TYPED_TEST_SUITE(VectorReduce, ElementTypes);

template <class T>
class VectorReduceFloat : public ::testing::Test {};
using FloatTypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(VectorReduceFloat, FloatTypes);

// --- sum
// -------------------------------------------------------------------------------------------------------

TYPED_TEST(VectorReduce, SumHandValues) {
  using T = TypeParam;
  EXPECT_EQ(trueno::sum(Vector<T>{1, 2, 3, 4}), 10);
  EXPECT_EQ(trueno::sum(Vector<T>{-5}), -5);
  EXPECT_EQ(trueno::sum(Vector<T>(100, T(3))), 300);
  EXPECT_EQ(trueno::sum(Vector<T>(1001, T(1))), 1001);
}

TYPED_TEST(VectorReduce, SumOfEmptyIsZero) {
  using T = TypeParam;
  EXPECT_EQ(trueno::sum(Vector<T>()), 0);
}

TEST(VectorReduce, SumOfInt32IsInt64AndDoesNotOverflow) {
  static_assert(std::is_same_v<decltype(trueno::sum(Vector<std::int32_t>())), std::int64_t>);
  static_assert(std::is_same_v<decltype(trueno::sum(Vector<std::int64_t>())), std::int64_t>);
  static_assert(std::is_same_v<decltype(trueno::sum(Vector<float>())), float>);
  for (std::size_t n : {2U, 15U, 17U, 100U, 1000U, 100003U}) {
    const auto count = static_cast<std::int64_t>(n);
    EXPECT_EQ(trueno::sum(Vector<std::int32_t>(n, kI32Max)), count * kI32Max) << "n = " << n;
    EXPECT_EQ(trueno::sum(Vector<std::int32_t>(n, kI32Min)), count * kI32Min) << "n = " << n;
  }
}

TEST(VectorReduce, SumOfRandomInt32MatchesAnInt64Reference) {
  std::mt19937 rng(3);
  for (std::size_t n : {1U, 7U, 16U, 33U, 255U, 4097U, 65537U}) {
    Vector<std::int32_t> v(n);
    std::int64_t expected = 0;
    for (auto& x : v) {
      x = std::uniform_int_distribution<std::int32_t>(kI32Min, kI32Max)(rng);
      expected += x;
    }
    EXPECT_EQ(trueno::sum(v), expected) << "n = " << n;
  }
}

TEST(VectorReduce, SumOfInt64WrapsAroundLikeNumPy) {
  EXPECT_EQ(trueno::sum(Vector<std::int64_t>{kI64Max, 1}), kI64Min);
  Vector<std::int64_t> v(40, kI64Max);  // 40 * (2^63 - 1) == -40 (mod 2^64)
  EXPECT_EQ(trueno::sum(v), -40);
}

// The documented bound: |sum - exact| <= 2 * ceil(log2 n) * eps * sum|x| (so one element is summed exactly).
template <class T>
void expect_sum_within_bound(const Vector<T>& v, const char* data_name) {
  const Reference ref = reference_sum(v);
  const long double err = std::fabs(static_cast<long double>(trueno::sum(v)) - ref.sum);
  const long double bound = 2.0L * static_cast<long double>(ceil_log2(v.size())) *
                            static_cast<long double>(std::numeric_limits<T>::epsilon()) * ref.abs_sum;
  EXPECT_LE(err, bound) << data_name << ", n = " << v.size();
}

TYPED_TEST(VectorReduceFloat, SumMeetsItsErrorBoundOnRandomAndAdversarialData) {
  using T = TypeParam;
  const std::vector<std::size_t> sizes = {1,   2,   3,   15,  16,   17,   31,   32,   33,    127,    128,
                                          129, 511, 512, 513, 1000, 4095, 4096, 4097, 65537, 1000000};
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (std::size_t n : sizes) {
    Vector<T> v(n);
    for (auto& x : v) x = static_cast<T>(2.0 * unit(rng) - 1.0);
    expect_sum_within_bound(v, "uniform in [-1, 1]");
    for (auto& x : v) x = static_cast<T>(unit(rng));
    expect_sum_within_bound(v, "uniform in [0, 1]");
    trueno::fill(v, T(0.1));
    expect_sum_within_bound(v, "constant 0.1");
    trueno::fill(v, std::numeric_limits<T>::epsilon() / 4);  // each term is lost when added to 1 alone
    v[0] = T(1);
    expect_sum_within_bound(v, "one then many tiny");
    for (std::size_t i = 0; i < n; ++i) {
      const double mag = std::pow(10.0, std::floor(unit(rng) * 16.0) - 8.0);
      v[i] = static_cast<T>((i % 2 == 0 ? 1.0 : -1.0) * mag * (1.0 + unit(rng)));
    }
    expect_sum_within_bound(v, "alternating signs over 16 decades");
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<T>(n - i);
    expect_sum_within_bound(v, "decreasing integers");
    for (std::size_t i = 0; i < n; ++i)
      v[i] = static_cast<T>(i % 2 == 0 ? 1e7 : -1e7) + static_cast<T>(unit(rng));
    expect_sum_within_bound(v, "cancelling large values plus noise");
  }
}

TYPED_TEST(VectorReduceFloat, SumPropagatesNaNAndInfinity) {
  using T = TypeParam;
  Vector<T> v(1000, T(1));
  v[999] = kNaN<T>;
  EXPECT_TRUE(std::isnan(trueno::sum(v)));
  v[999] = kInf<T>;
  EXPECT_EQ(trueno::sum(v), kInf<T>);
  v[0] = -kInf<T>;
  EXPECT_TRUE(std::isnan(trueno::sum(v)));
}

// --- prod
// ------------------------------------------------------------------------------------------------------

TYPED_TEST(VectorReduce, ProdHandValues) {
  using T = TypeParam;
  EXPECT_EQ(trueno::prod(Vector<T>{1, 2, 3, 4}), 24);
  EXPECT_EQ(trueno::prod(Vector<T>{-2, 3}), -6);
  EXPECT_EQ(trueno::prod(Vector<T>{5, 0, 7}), 0);
  Vector<T> v(37, T(1));
  v[36] = T(3);  // in the tail
  v[0] = T(2);
  EXPECT_EQ(trueno::prod(v), 6);
}

TYPED_TEST(VectorReduce, ProdOfEmptyIsOne) {
  using T = TypeParam;
  EXPECT_EQ(trueno::prod(Vector<T>()), 1);
}

TEST(VectorReduce, ProdOfInt32IsInt64) {
  static_assert(std::is_same_v<decltype(trueno::prod(Vector<std::int32_t>())), std::int64_t>);
  EXPECT_EQ(trueno::prod(Vector<std::int32_t>{65536, 65536}), std::int64_t{1} << 32);
  EXPECT_EQ(trueno::prod(Vector<std::int32_t>(40, 2)), std::int64_t{1} << 40);
  EXPECT_EQ(trueno::prod(Vector<std::int32_t>{kI32Min, -1}), std::int64_t{1} << 31);
}

TEST(VectorReduce, ProdOfInt64WrapsAround) {
  EXPECT_EQ(trueno::prod(Vector<std::int64_t>{kI64Max, 2}), -2);
  EXPECT_EQ(trueno::prod(Vector<std::int64_t>(64, 2)), 0);
}

TYPED_TEST(VectorReduceFloat, ProdOfPowersOfTwoIsExactAtEveryLength) {
  using T = TypeParam;
  for (int n = 1; n <= 100; ++n) {
    EXPECT_EQ(trueno::prod(Vector<T>(static_cast<std::size_t>(n), T(2))), std::ldexp(T(1), n)) << "n = " << n;
  }
  Vector<T> half(99, T(0.5));
  for (std::size_t i = 0; i < half.size(); i += 2) half[i] = T(2);
  EXPECT_EQ(trueno::prod(half), T(2));
}

TYPED_TEST(VectorReduceFloat, ProdPropagatesNaN) {
  using T = TypeParam;
  EXPECT_TRUE(std::isnan(trueno::prod(Vector<T>{1, kNaN<T>, 2})));
  EXPECT_TRUE(std::isnan(trueno::prod(Vector<T>{0, kInf<T>})));
}

// --- mean, var, std
// --------------------------------------------------------------------------------------------

TYPED_TEST(VectorReduce, MeanHandValues) {
  using T = TypeParam;
  EXPECT_EQ(trueno::mean(Vector<T>{1, 2, 3, 4}), 2.5);
  EXPECT_EQ(trueno::mean(Vector<T>{-7}), -7);
  EXPECT_EQ(trueno::mean(Vector<T>(33, T(6))), 6);
}

TYPED_TEST(VectorReduce, MeanOfEmptyThrowsValueError) {
  using T = TypeParam;
  EXPECT_THROW((void)trueno::mean(Vector<T>()), trueno::value_error);
}

TEST(VectorReduce, StatisticsOfIntegersAreFloat64) {
  static_assert(std::is_same_v<decltype(trueno::mean(Vector<std::int32_t>())), double>);
  static_assert(std::is_same_v<decltype(trueno::mean(Vector<std::int64_t>())), double>);
  static_assert(std::is_same_v<decltype(trueno::var(Vector<std::int32_t>())), double>);
  static_assert(std::is_same_v<decltype(trueno::std(Vector<std::int64_t>())), double>);
  static_assert(std::is_same_v<decltype(trueno::mean(Vector<float>())), float>);
  static_assert(std::is_same_v<decltype(trueno::var(Vector<float>())), float>);
  EXPECT_EQ(trueno::mean(Vector<std::int32_t>{1, 2}), 1.5);
  EXPECT_EQ(trueno::mean(Vector<std::int32_t>(1000, kI32Max)), static_cast<double>(kI32Max));
  EXPECT_EQ(trueno::var(Vector<std::int32_t>{1, 2, 3, 4}), 1.25);
  EXPECT_EQ(trueno::var(Vector<std::int64_t>{kI64Max, kI64Max}), 0.0);
}

TEST(VectorReduce, MeanOfInt64DoesNotWrapAround) {
  // NumPy converts int64 to float64 before summing: numpy.mean([2**63 - 1] * 4) == 9.223372036854776e+18.
  EXPECT_EQ(trueno::mean(Vector<std::int64_t>(4, kI64Max)), 9223372036854775808.0);
  EXPECT_EQ(trueno::mean(Vector<std::int64_t>(2, kI64Min)), -9223372036854775808.0);
  EXPECT_EQ(trueno::mean(Vector<std::int64_t>{kI64Max, 1}), 4611686018427387904.0);
  // numpy.var([2**63 - 1, -2**63]) == 8.507059173023462e+37
  EXPECT_DOUBLE_EQ(trueno::var(Vector<std::int64_t>{kI64Max, kI64Min}), 8.507059173023462e+37);
}

TYPED_TEST(VectorReduce, VarAndStdHandValues) {
  using T = TypeParam;
  const Vector<T> v{1, 2, 3, 4};
  EXPECT_EQ(trueno::var(v), 1.25);
  EXPECT_NEAR(trueno::var(v, trueno::ddof(1)), 5.0 / 3.0, 1e-6);
  EXPECT_NEAR(trueno::std(v), std::sqrt(1.25), 1e-6);
  EXPECT_NEAR(trueno::std(v, trueno::ddof(1)), std::sqrt(5.0 / 3.0), 1e-6);
  EXPECT_EQ(trueno::var(Vector<T>{5}), 0);
  EXPECT_EQ(trueno::var(Vector<T>(100, T(7))), 0);
}

TYPED_TEST(VectorReduce, DdofAtLeastTheSizeGivesNaN) {
  using T = TypeParam;
  const Vector<T> v{1, 2};
  EXPECT_TRUE(std::isnan(trueno::var(v, trueno::ddof(2))));
  EXPECT_TRUE(std::isnan(trueno::var(v, trueno::ddof(3))));
  EXPECT_TRUE(std::isnan(trueno::std(v, trueno::ddof(2))));
  EXPECT_TRUE(std::isnan(trueno::var(Vector<T>())));
  EXPECT_FALSE(std::isnan(trueno::var(v, trueno::ddof(1))));
}

TEST(VectorReduce, VarIsTwoPassAndSurvivesALargeOffset) {
  // E[x^2] - E[x]^2 would lose every digit here.
  const double offset = 1e9;
  const Vector<double> v{offset + 1, offset + 2, offset + 3, offset + 4};
  EXPECT_EQ(trueno::var(v), 1.25);
  const Vector<float> f{10001.0F, 10002.0F, 10003.0F, 10004.0F};
  EXPECT_EQ(trueno::var(f), 1.25F);
}

TEST(VectorReduce, VarOfALongVectorMatchesAReference) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> normal(3.0, 2.0);
  Vector<double> v(100000);
  for (auto& x : v) x = normal(rng);
  const long double m = reference_sum(v).sum / static_cast<long double>(v.size());
  long double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  const auto expected = static_cast<double>(ss / static_cast<long double>(v.size() - 1));
  EXPECT_NEAR(trueno::var(v, trueno::ddof(1)), expected, 1e-12 * expected);
}

TEST(VectorReduce, DdofIsExplicit) {
  static_assert(!std::is_convertible_v<std::size_t, trueno::ddof>);
  static_assert(trueno::ddof(3).value == 3);
  EXPECT_EQ(trueno::ddof(1).value, 1U);
}

// --- min, max, argmin, argmax
// ----------------------------------------------------------------------------------

TYPED_TEST(VectorReduce, ExtremaHandValues) {
  using T = TypeParam;
  const Vector<T> v{3, -1, 7, 7, -1};
  EXPECT_EQ(trueno::max(v), 7);
  EXPECT_EQ(trueno::min(v), -1);
  EXPECT_EQ(trueno::argmax(v), 2U);
  EXPECT_EQ(trueno::argmin(v), 1U);
  static_assert(std::is_same_v<decltype(trueno::argmax(v)), std::size_t>);
  static_assert(std::is_same_v<decltype(trueno::max(v)), T>);
  EXPECT_EQ(trueno::max(Vector<T>{-4}), -4);
  EXPECT_EQ(trueno::argmin(Vector<T>{-4}), 0U);
}

TYPED_TEST(VectorReduce, ExtremaOfEmptyThrowWithNumPyMessage) {
  using T = TypeParam;
  const Vector<T> e;
  expect_error<trueno::value_error>([&] { (void)trueno::max(e); },
                                    "zero-size array to reduction operation maximum which has no identity");
  expect_error<trueno::value_error>([&] { (void)trueno::min(e); },
                                    "zero-size array to reduction operation minimum which has no identity");
  EXPECT_THROW((void)trueno::argmax(e), trueno::value_error);
  EXPECT_THROW((void)trueno::argmin(e), trueno::value_error);
}

TYPED_TEST(VectorReduce, ExtremaOfIntegerLimits) {
  using T = TypeParam;
  const T lo = std::numeric_limits<T>::lowest(), hi = std::numeric_limits<T>::max();
  Vector<T> v(50, T(0));
  v[17] = lo;
  v[49] = hi;
  EXPECT_EQ(trueno::min(v), lo);
  EXPECT_EQ(trueno::max(v), hi);
  EXPECT_EQ(trueno::argmin(v), 17U);
  EXPECT_EQ(trueno::argmax(v), 49U);
}

TYPED_TEST(VectorReduce, ExtremaFindTheValueWhereverItIs) {
  using T = TypeParam;
  for (std::size_t n : {1U, 5U, 16U, 31U, 64U, 100U, 2047U, 2048U, 2049U, 5000U}) {
    for (std::size_t pos : {std::size_t{0}, n / 3, n - 1}) {
      Vector<T> v(n);
      for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<T>(i % 50);
      v[pos] = T(100);
      EXPECT_EQ(trueno::max(v), T(100));
      EXPECT_EQ(trueno::argmax(v), pos) << "n = " << n;
      v[pos] = T(-100);
      EXPECT_EQ(trueno::min(v), T(-100));
      EXPECT_EQ(trueno::argmin(v), pos) << "n = " << n;
    }
  }
}

TYPED_TEST(VectorReduceFloat, MinAndMaxPropagateNaN) {
  using T = TypeParam;
  for_each_backend([] {
    for (std::size_t n : {1U, 3U, 16U, 17U, 100U, 1000U, 3000U}) {
      for (std::size_t pos : {std::size_t{0}, n / 2, n - 1}) {
        Vector<T> v(n, T(1));
        v[pos] = kNaN<T>;
        EXPECT_TRUE(std::isnan(trueno::max(v))) << "n = " << n << ", NaN at " << pos;
        EXPECT_TRUE(std::isnan(trueno::min(v))) << "n = " << n << ", NaN at " << pos;
      }
    }
  });
}

TYPED_TEST(VectorReduceFloat, ArgmaxReturnsFirstNaNIndex) {
  using T = TypeParam;
  for_each_backend([] {
    EXPECT_EQ(trueno::argmax(Vector<T>{1, kNaN<T>, 3, kNaN<T>}), 1U);
    EXPECT_EQ(trueno::argmin(Vector<T>{1, kNaN<T>, -3, kNaN<T>}), 1U);
    EXPECT_EQ(trueno::argmax(Vector<T>{kNaN<T>, kInf<T>}), 0U);
    EXPECT_EQ(trueno::argmin(Vector<T>{kNaN<T>, -kInf<T>}), 0U);
    EXPECT_EQ(trueno::argmax(Vector<T>{kInf<T>, kNaN<T>}), 1U);
  });
}

TYPED_TEST(VectorReduceFloat, ArgmaxReturnsFirstNaNIndexInLongVectors) {
  using T = TypeParam;
  for_each_backend([] {
    // The kernel works in blocks of 2048 elements: put the extreme values and the NaNs in different blocks.
    const std::size_t n = 10000;
    Vector<T> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<T>(i % 97);
    v[100] = T(1e30);
    v[150] = T(-1e30);
    v[3000] = kNaN<T>;
    v[7000] = kNaN<T>;
    EXPECT_EQ(trueno::argmax(v), 3000U);
    EXPECT_EQ(trueno::argmin(v), 3000U);
    v[2047] = kNaN<T>;  // the last element of the first block
    EXPECT_EQ(trueno::argmax(v), 2047U);
    EXPECT_EQ(trueno::argmin(v), 2047U);
    v[101] = kNaN<T>;  // same block as the maximum, just after it
    EXPECT_EQ(trueno::argmax(v), 101U);
    EXPECT_EQ(trueno::argmin(v), 101U);
    v[9999] = kNaN<T>;
    v[0] = kNaN<T>;
    EXPECT_EQ(trueno::argmax(v), 0U);
  });
}

TYPED_TEST(VectorReduce, ArgmaxReturnsTheFirstOfEqualExtrema) {
  using T = TypeParam;
  for_each_backend([] {
    EXPECT_EQ(trueno::argmax(Vector<T>{3, 1, 3, 3}), 0U);
    EXPECT_EQ(trueno::argmin(Vector<T>{2, 1, 1, 5, 1}), 1U);
    EXPECT_EQ(trueno::argmax(Vector<T>(40, T(9))), 0U);
    EXPECT_EQ(trueno::argmin(Vector<T>(40, T(9))), 0U);
  });
}

TYPED_TEST(VectorReduce, ArgmaxReturnsTheFirstOfEqualExtremaInLongVectors) {
  using T = TypeParam;
  for_each_backend([] {
    const std::size_t n = 10000;
    Vector<T> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<T>(i % 89);
    const std::vector<std::vector<std::size_t>> placements = {
        {2100, 4500, 9999},  // all in later blocks
        {10, 2100},          // first block and a later one
        {2047, 2048},        // either side of a block boundary
        {2049, 2050},        // neighbours inside one vector of a later block
        {9998, 9999},        // in the tail
    };
    for (const auto& at : placements) {
      Vector<T> hi = v, lo = v;
      for (std::size_t i : at) {
        hi[i] = T(1000);
        lo[i] = T(-1000);
      }
      EXPECT_EQ(trueno::argmax(hi), at.front());
      EXPECT_EQ(trueno::argmin(lo), at.front());
    }
  });
}

TYPED_TEST(VectorReduceFloat, ArgmaxOfSignedZerosIsTheFirst) {
  using T = TypeParam;
  EXPECT_EQ(trueno::argmax(Vector<T>{-0.0, 0.0}), 0U);
  EXPECT_EQ(trueno::argmin(Vector<T>{0.0, -0.0}), 0U);
}

TYPED_TEST(VectorReduceFloat, ExtremaOfSignedZerosFollowIEEE) {
  using T = TypeParam;
  // IEEE 754-2019 maximum/minimum order -0 below +0, whatever the position and the backend's lane count.
  for_each_backend([] {
    for (std::size_t n : {2U, 17U, 100U}) {
      for (std::size_t pos : {std::size_t{0}, n - 1}) {
        Vector<T> v(n, -T(0));
        v[pos] = T(0);
        EXPECT_FALSE(std::signbit(trueno::max(v))) << "n = " << n << ", +0 at " << pos;
        EXPECT_TRUE(std::signbit(trueno::min(v))) << "n = " << n << ", +0 at " << pos;
        Vector<T> w(n, T(0));
        w[pos] = -T(0);
        EXPECT_FALSE(std::signbit(trueno::max(w))) << "n = " << n << ", -0 at " << pos;
        EXPECT_TRUE(std::signbit(trueno::min(w))) << "n = " << n << ", -0 at " << pos;
      }
    }
    EXPECT_TRUE(std::signbit(trueno::max(Vector<T>(40, -T(0)))));
    EXPECT_FALSE(std::signbit(trueno::min(Vector<T>(40, T(0)))));
  });
}

TYPED_TEST(VectorReduceFloat, ExtremaWithInfinities) {
  using T = TypeParam;
  const Vector<T> v{1, -kInf<T>, 5, kInf<T>, 2};
  EXPECT_EQ(trueno::max(v), kInf<T>);
  EXPECT_EQ(trueno::min(v), -kInf<T>);
  EXPECT_EQ(trueno::argmax(v), 3U);
  EXPECT_EQ(trueno::argmin(v), 1U);
  EXPECT_EQ(trueno::argmax(Vector<T>(20, -kInf<T>)), 0U);
}

// --- dot
// -------------------------------------------------------------------------------------------------------

TYPED_TEST(VectorReduce, DotHandValues) {
  using T = TypeParam;
  EXPECT_EQ(trueno::dot(Vector<T>{1, 2, 3}, Vector<T>{4, 5, 6}), 32);
  EXPECT_EQ(trueno::dot(Vector<T>{1, -1}, Vector<T>{1, 1}), 0);
  EXPECT_EQ(trueno::dot(Vector<T>(100, T(2)), Vector<T>(100, T(3))), 600);
  EXPECT_EQ(trueno::dot(Vector<T>(), Vector<T>()), 0);
}

TYPED_TEST(VectorReduce, DotRejectsDifferentSizes) {
  using T = TypeParam;
  expect_error<trueno::shape_error>([] { (void)trueno::dot(Vector<T>(3), Vector<T>(4)); },
                                    "operands could not be broadcast together with shapes (3,) (4,)");
}

TEST(VectorReduce, DotOfIntegersWrapsInTheElementType) {
  static_assert(
      std::is_same_v<decltype(trueno::dot(Vector<std::int32_t>(), Vector<std::int32_t>())), std::int32_t>);
  EXPECT_EQ(trueno::dot(Vector<std::int32_t>{65536}, Vector<std::int32_t>{65536}), 0);
  EXPECT_EQ(trueno::dot(Vector<std::int32_t>(20, kI32Max), Vector<std::int32_t>(20, 1)), -20);
}

TYPED_TEST(VectorReduceFloat, DotMatchesALongDoubleReference) {
  using T = TypeParam;
  std::mt19937_64 rng(21);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  for (std::size_t n : {1U, 7U, 16U, 100U, 513U, 4097U, 100000U}) {
    Vector<T> a(n), b(n);
    std::vector<long double> products(n);
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = static_cast<T>(dist(rng));
      b[i] = static_cast<T>(dist(rng));
      products[i] = static_cast<long double>(a[i]) * static_cast<long double>(b[i]);
    }
    const Reference ref = reference_sum(products);
    const long double bound = (2.0L * static_cast<long double>(ceil_log2(n)) + 1.0L) *
                              static_cast<long double>(std::numeric_limits<T>::epsilon()) * ref.abs_sum;
    EXPECT_LE(std::fabs(static_cast<long double>(trueno::dot(a, b)) - ref.sum), bound) << "n = " << n;
  }
}

// --- norms
// -----------------------------------------------------------------------------------------------------

TYPED_TEST(VectorReduceFloat, NormHandValues) {
  using T = TypeParam;
  const Vector<T> v{3, -4};
  EXPECT_EQ(trueno::norm_l1(v), 7);
  EXPECT_EQ(trueno::norm_l2(v), 5);
  EXPECT_EQ(trueno::norm_linf(v), 4);
  EXPECT_EQ(trueno::norm_l2(Vector<T>(100, T(-2))), 20);
  EXPECT_EQ(trueno::norm_l1(Vector<T>(100, T(-2))), 200);
  Vector<T> w(77, T(1));
  w[76] = T(-9);
  EXPECT_EQ(trueno::norm_linf(w), 9);
}

TYPED_TEST(VectorReduceFloat, NormsOfEmptyAreZero) {
  using T = TypeParam;
  EXPECT_EQ(trueno::norm_l1(Vector<T>()), 0);
  EXPECT_EQ(trueno::norm_l2(Vector<T>()), 0);
  EXPECT_EQ(trueno::norm_linf(Vector<T>()), 0);
  EXPECT_EQ(trueno::norm_l2(Vector<T>(5, T(0))), 0);
}

TEST(VectorReduce, NormL2DoesNotOverflowForLargeValues) {
  EXPECT_FLOAT_EQ(trueno::norm_l2(Vector<float>{3e30F, 4e30F}), 5e30F);
  EXPECT_FLOAT_EQ(trueno::norm_l2(Vector<float>{1e30F, 1e30F}), 1e30F * std::sqrt(2.0F));
  EXPECT_DOUBLE_EQ(trueno::norm_l2(Vector<double>{3e200, 4e200}), 5e200);
  EXPECT_DOUBLE_EQ(trueno::norm_l2(Vector<double>(1000, 1e200)), 1e200 * std::sqrt(1000.0));
  EXPECT_FLOAT_EQ(trueno::norm_l2(Vector<float>(1000, -1e36F)), 1e36F * std::sqrt(1000.0F));
  EXPECT_EQ(trueno::norm_l2(Vector<float>{std::numeric_limits<float>::max()}),
            std::numeric_limits<float>::max());
  EXPECT_EQ(trueno::norm_l2(Vector<double>{-std::numeric_limits<double>::max(), 0.0}),
            std::numeric_limits<double>::max());
  EXPECT_FLOAT_EQ(trueno::norm_l2(Vector<float>{1e30F, 1.0F, 1e-30F}), 1e30F);
}

TEST(VectorReduce, NormL2DoesNotUnderflowForTinyValues) {
  EXPECT_FLOAT_EQ(trueno::norm_l2(Vector<float>{3e-30F, 4e-30F}), 5e-30F);
  EXPECT_FLOAT_EQ(trueno::norm_l2(Vector<float>{1e-20F, 1e-20F}),
                  1e-20F * std::sqrt(2.0F));  // squares subnormal
  EXPECT_DOUBLE_EQ(trueno::norm_l2(Vector<double>{3e-200, 4e-200}), 5e-200);
  EXPECT_DOUBLE_EQ(trueno::norm_l2(Vector<double>(1000, -1e-200)), 1e-200 * std::sqrt(1000.0));
  EXPECT_EQ(trueno::norm_l2(Vector<float>{1e-40F}), 1e-40F);  // subnormal itself
  EXPECT_EQ(trueno::norm_l2(Vector<double>{std::numeric_limits<double>::denorm_min()}),
            std::numeric_limits<double>::denorm_min());
}

TYPED_TEST(VectorReduceFloat, NormL2PropagatesNaNAndGivesInfForInf) {
  using T = TypeParam;
  EXPECT_TRUE(std::isnan(trueno::norm_l2(Vector<T>{1, kNaN<T>, 3})));
  EXPECT_TRUE(std::isnan(trueno::norm_l2(Vector<T>{T(1e30), kNaN<T>})));
  EXPECT_TRUE(std::isnan(trueno::norm_l2(Vector<T>{kInf<T>, kNaN<T>})));
  EXPECT_TRUE(std::isnan(trueno::norm_l2(Vector<T>{T(1e-30), kNaN<T>})));
  EXPECT_EQ(trueno::norm_l2(Vector<T>{1, kInf<T>}), kInf<T>);
  EXPECT_EQ(trueno::norm_l2(Vector<T>{-kInf<T>, 2}), kInf<T>);
  EXPECT_EQ(trueno::norm_l2(Vector<T>{T(1e30), kInf<T>}), kInf<T>);
  EXPECT_EQ(trueno::norm_l2(Vector<T>{T(1e-30), -kInf<T>}), kInf<T>);
}

TYPED_TEST(VectorReduceFloat, NormL1AndLinfPropagateNaNAndInf) {
  using T = TypeParam;
  EXPECT_TRUE(std::isnan(trueno::norm_l1(Vector<T>{1, kNaN<T>})));
  EXPECT_TRUE(std::isnan(trueno::norm_linf(Vector<T>{1, kNaN<T>})));
  EXPECT_TRUE(std::isnan(trueno::norm_linf(Vector<T>{kNaN<T>, kInf<T>})));
  EXPECT_EQ(trueno::norm_l1(Vector<T>{1, -kInf<T>}), kInf<T>);
  EXPECT_EQ(trueno::norm_linf(Vector<T>{1, -kInf<T>}), kInf<T>);
}

// --- all_finite
// ------------------------------------------------------------------------------------------------

TYPED_TEST(VectorReduceFloat, AllFiniteDetectsNaNAndInfAnywhere) {
  using T = TypeParam;
  EXPECT_TRUE(trueno::all_finite(Vector<T>()));
  EXPECT_TRUE(
      trueno::all_finite(Vector<T>{1, -2, std::numeric_limits<T>::max(), std::numeric_limits<T>::lowest(),
                                   std::numeric_limits<T>::denorm_min()}));
  const std::size_t n = 5000;
  for (std::size_t pos : {std::size_t{0}, std::size_t{15}, std::size_t{1023}, std::size_t{1024},
                          std::size_t{2047}, std::size_t{4999}}) {
    for (T bad : {kNaN<T>, kInf<T>, -kInf<T>}) {
      Vector<T> v(n, T(1));
      v[pos] = bad;
      EXPECT_FALSE(trueno::all_finite(v)) << bad << " at " << pos;
    }
  }
  EXPECT_TRUE(trueno::all_finite(Vector<T>(n, T(1))));
}

TEST(VectorReduce, IntegersAreAlwaysFinite) {
  EXPECT_TRUE(trueno::all_finite(Vector<std::int32_t>{kI32Min, kI32Max}));
  EXPECT_TRUE(trueno::all_finite(Vector<std::int64_t>{kI64Min, kI64Max}));
}

// --- cumsum
// ----------------------------------------------------------------------------------------------------

TYPED_TEST(VectorReduce, CumsumHandValues) {
  using T = TypeParam;
  using Acc = std::conditional_t<std::is_same_v<T, std::int32_t>, std::int64_t, T>;
  static_assert(std::is_same_v<decltype(trueno::cumsum(Vector<T>())), Vector<Acc>>);
  EXPECT_EQ(trueno::cumsum(Vector<T>{1, 2, 3, -4}), (Vector<Acc>{1, 3, 6, 2}));
  EXPECT_TRUE(trueno::cumsum(Vector<T>()).empty());
  Vector<Acc> out(4);
  trueno::cumsum(Vector<T>{5, 5, 5, 5}, out);
  EXPECT_EQ(out, (Vector<Acc>{5, 10, 15, 20}));
}

TEST(VectorReduce, CumsumOfInt32IsInt64AndDoesNotOverflow) {
  const Vector<std::int64_t> c = trueno::cumsum(Vector<std::int32_t>{kI32Max, kI32Max, kI32Max, kI32Min});
  EXPECT_EQ(c, (Vector<std::int64_t>{kI32Max, 2LL * kI32Max, 3LL * kI32Max, 3LL * kI32Max + kI32Min}));
}

TEST(VectorReduce, CumsumAddsInNumPysSequentialOrder) {
  std::mt19937 rng(8);
  std::uniform_real_distribution<float> dist(-1.0F, 1.0F);
  Vector<float> v(1000);
  for (auto& x : v) x = dist(rng);
  const Vector<float> c = trueno::cumsum(v);
  float s = 0.0F;
  for (std::size_t i = 0; i < v.size(); ++i) {
    s += v[i];
    ASSERT_EQ(c[i], s) << "at " << i;
  }
}

TEST(VectorReduce, CumsumRejectsAWrongOutSize) {
  Vector<std::int64_t> out(2);
  expect_error<trueno::shape_error>(
      [&] {
        trueno::cumsum(Vector<std::int32_t>{1, 2, 3}, out);
      },
      "non-broadcastable output operand with shape (2,) doesn't match the broadcast shape (3,)");
}

TEST(VectorReduce, CumsumOutMayAliasTheInputForFloats) {
  Vector<double> v{1.0, 2.0, 3.0};
  trueno::cumsum(v, v);
  EXPECT_EQ(v, (Vector<double>{1.0, 3.0, 6.0}));
}

}  // namespace
