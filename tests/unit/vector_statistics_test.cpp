// Statistics over Vector<T>: cov, corrcoef, zscore, normalize, minmax_normalize.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <trueno/trueno.hpp>
#include <type_traits>

namespace {

using trueno::Vector;

template <class T>
constexpr T kNaN = std::numeric_limits<T>::quiet_NaN();

template <class T>
class VectorStatistics : public ::testing::Test {};
using ElementTypes = ::testing::Types<float, double, std::int32_t, std::int64_t>;
TYPED_TEST_SUITE(VectorStatistics, ElementTypes);

template <class T>
class VectorStatisticsFloat : public ::testing::Test {};
using FloatTypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(VectorStatisticsFloat, FloatTypes);

template <class T>
constexpr double tolerance() {
  return std::is_same_v<T, float> ? 1e-6 : 1e-14;
}

template <class T>
Vector<T> random_vector(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> dist(-10.0, 10.0);
  Vector<T> v(n);
  for (auto& x : v) x = static_cast<T>(dist(rng));
  return v;
}

// --- cov
// -------------------------------------------------------------------------------------------------------

TYPED_TEST(VectorStatistics, CovHandValuesWithNumPysDefaultDdof) {
  using T = TypeParam;
  const Vector<T> a{1, 2, 3, 4};
  const Vector<T> b{2, 4, 6, 8};
  // numpy.cov([1, 2, 3, 4], [2, 4, 6, 8])[0, 1] == 3.3333333333333335
  EXPECT_NEAR(trueno::cov(a, b), 10.0 / 3.0, 1e-6);
  EXPECT_EQ(trueno::cov(a, b, trueno::ddof(0)), 2.5);
  EXPECT_EQ(trueno::cov(a, Vector<T>{4, 3, 2, 1}, trueno::ddof(0)), -1.25);
  EXPECT_EQ(trueno::cov(a, Vector<T>(4, T(7))), 0);
}

TYPED_TEST(VectorStatistics, CovOfAVectorWithItselfIsItsVariance) {
  using T = TypeParam;
  const Vector<T> a{3, -1, 4, 1, -5, 9, 2, -6};
  EXPECT_NEAR(trueno::cov(a, a), trueno::var(a, trueno::ddof(1)), 1e-5);
  EXPECT_NEAR(trueno::cov(a, a, trueno::ddof(0)), trueno::var(a), 1e-5);
}

TYPED_TEST(VectorStatistics, CovWithDdofAtLeastTheSizeIsNaN) {
  using T = TypeParam;
  EXPECT_TRUE(std::isnan(trueno::cov(Vector<T>{1}, Vector<T>{2})));
  EXPECT_TRUE(std::isnan(trueno::cov(Vector<T>{1, 2}, Vector<T>{2, 1}, trueno::ddof(2))));
  EXPECT_TRUE(std::isnan(trueno::cov(Vector<T>(), Vector<T>())));
}

TYPED_TEST(VectorStatistics, CovRejectsDifferentSizes) {
  using T = TypeParam;
  try {
    (void)trueno::cov(Vector<T>(3), Vector<T>(4));
    ADD_FAILURE() << "expected shape_error";
  } catch (const trueno::shape_error& e) {
    EXPECT_STREQ(e.what(), "operands could not be broadcast together with shapes (3,) (4,)");
  }
  EXPECT_THROW((void)trueno::corrcoef(Vector<T>(3), Vector<T>(4)), trueno::shape_error);
}

TEST(VectorStatistics, CovOfIntegersIsFloat64AndDoesNotOverflow) {
  static_assert(
      std::is_same_v<decltype(trueno::cov(Vector<std::int32_t>(), Vector<std::int32_t>())), double>);
  static_assert(std::is_same_v<decltype(trueno::cov(Vector<float>(), Vector<float>())), float>);
  const std::int32_t big = std::numeric_limits<std::int32_t>::max();
  const Vector<std::int32_t> a{big, -big, big, -big};
  // mean 0; sum of squares 4 * big^2 would overflow int32 and int64 products would be fine, double is
  // exact-ish
  EXPECT_DOUBLE_EQ(trueno::cov(a, a, trueno::ddof(0)), static_cast<double>(big) * big);
}

TEST(VectorStatistics, CovMatchesALongReference) {
  const Vector<double> a = random_vector<double>(5000, 1);
  const Vector<double> b = random_vector<double>(5000, 2);
  long double ma = 0, mb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ma += a[i];
    mb += b[i];
  }
  ma /= 5000;
  mb /= 5000;
  long double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += (a[i] - ma) * (b[i] - mb);
  EXPECT_NEAR(trueno::cov(a, b), static_cast<double>(s / 4999), 1e-12);
}

// --- corrcoef
// --------------------------------------------------------------------------------------------------

TYPED_TEST(VectorStatistics, CorrcoefHandValues) {
  using T = TypeParam;
  // numpy.corrcoef([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])[0, 1] == 0.8
  EXPECT_NEAR(trueno::corrcoef(Vector<T>{1, 2, 3, 4, 5}, Vector<T>{2, 1, 4, 3, 5}), 0.8, 1e-6);
  EXPECT_NEAR(trueno::corrcoef(Vector<T>{1, 2, 3}, Vector<T>{1, 3, 2}), 0.5, 1e-6);
  EXPECT_EQ(trueno::corrcoef(Vector<T>{1, 2, 3}, Vector<T>{2, 4, 6}), 1);
  EXPECT_EQ(trueno::corrcoef(Vector<T>{1, 2, 3}, Vector<T>{6, 4, 2}), -1);
  EXPECT_NEAR(trueno::corrcoef(Vector<T>{1, 2, 1, 2}, Vector<T>{5, 5, 7, 7}), 0, 1e-12);
}

TYPED_TEST(VectorStatistics, CorrcoefOfAConstantIsNaN) {
  using T = TypeParam;
  EXPECT_TRUE(std::isnan(trueno::corrcoef(Vector<T>(10, T(3)), Vector<T>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})));
  EXPECT_TRUE(std::isnan(trueno::corrcoef(Vector<T>{1, 2, 3}, Vector<T>{4, 4, 4})));
  EXPECT_TRUE(std::isnan(trueno::corrcoef(Vector<T>{1}, Vector<T>{2})));
  EXPECT_TRUE(std::isnan(trueno::corrcoef(Vector<T>(), Vector<T>())));
}

TYPED_TEST(VectorStatisticsFloat, CorrcoefIsClippedToMinusOneOne) {
  using T = TypeParam;
  // Exactly proportional data: rounding could push the quotient past 1; it is clipped.
  for (unsigned seed = 0; seed < 50; ++seed) {
    const Vector<T> x = random_vector<T>(3 + seed * 7, seed);
    const T c = T(0.1) + T(seed);
    const Vector<T> y = trueno::scale(x, c);
    const T r = trueno::corrcoef(x, y);
    const T s = trueno::corrcoef(x, trueno::neg(y));
    EXPECT_LE(r, T(1));
    EXPECT_GE(s, T(-1));
    EXPECT_NEAR(r, T(1), 1e-5);
    EXPECT_NEAR(s, T(-1), 1e-5);
  }
}

TYPED_TEST(VectorStatisticsFloat, CorrcoefPropagatesNaN) {
  using T = TypeParam;
  EXPECT_TRUE(std::isnan(trueno::corrcoef(Vector<T>{1, kNaN<T>, 3}, Vector<T>{1, 2, 3})));
}

TEST(VectorStatistics, CorrcoefIsInvariantUnderAffineMaps) {
  const Vector<double> x = random_vector<double>(300, 7);
  const Vector<double> y = random_vector<double>(300, 8);
  const double r = trueno::corrcoef(x, y);
  EXPECT_NEAR(trueno::corrcoef(trueno::add_scalar(trueno::scale(x, 3.0), 100.0), y), r, 1e-12);
  EXPECT_NEAR(trueno::corrcoef(trueno::scale(x, -2.0), y), -r, 1e-12);
  EXPECT_NEAR(trueno::corrcoef(y, x), r, 1e-15);
}

// --- zscore
// ----------------------------------------------------------------------------------------------------

TYPED_TEST(VectorStatisticsFloat, ZscoreHandValues) {
  using T = TypeParam;
  // scipy.stats.zscore([1, 2, 3, 4, 5]) == [-1.41421356, -0.70710678, 0., 0.70710678, 1.41421356]
  const Vector<T> z = trueno::zscore(Vector<T>{1, 2, 3, 4, 5});
  const double s = std::sqrt(2.0);
  const double expected[] = {-2 / s, -1 / s, 0, 1 / s, 2 / s};
  for (std::size_t i = 0; i < 5; ++i) EXPECT_NEAR(z[i], expected[i], 4 * tolerance<T>()) << i;
  // ddof = 1 divides by the sample standard deviation sqrt(2.5)
  const Vector<T> z1 = trueno::zscore(Vector<T>{1, 2, 3, 4, 5}, trueno::ddof(1));
  for (std::size_t i = 0; i < 5; ++i)
    EXPECT_NEAR(z1[i], (static_cast<double>(i) - 2.0) / std::sqrt(2.5), 4 * tolerance<T>());
}

TYPED_TEST(VectorStatisticsFloat, ZscoreHasZeroMeanAndUnitStd) {
  using T = TypeParam;
  const Vector<T> x = trueno::add_scalar(random_vector<T>(1001, 3), T(50));
  const Vector<T> z = trueno::zscore(x);
  EXPECT_NEAR(trueno::mean(z), 0, 100 * tolerance<T>());
  EXPECT_NEAR(trueno::std(z), 1, 100 * tolerance<T>());
  Vector<T> out(x.size());
  trueno::zscore(x, out);
  EXPECT_EQ(out, z);
  Vector<T> in_place = x;
  trueno::zscore(in_place, in_place);
  EXPECT_EQ(in_place, z);
}

TYPED_TEST(VectorStatisticsFloat, ZscoreOfAConstantIsNaN) {
  using T = TypeParam;
  for (T v : trueno::zscore(Vector<T>(4, T(2)))) EXPECT_TRUE(std::isnan(v));
}

TYPED_TEST(VectorStatisticsFloat, ZscoreOfEmptyIsEmptyAndWrongOutThrows) {
  using T = TypeParam;
  EXPECT_TRUE(trueno::zscore(Vector<T>()).empty());
  Vector<T> out(2);
  EXPECT_THROW(trueno::zscore(Vector<T>{1, 2, 3}, out), trueno::shape_error);
}

// --- normalize
// -------------------------------------------------------------------------------------------------

TYPED_TEST(VectorStatisticsFloat, NormalizeHandValues) {
  using T = TypeParam;
  const Vector<T> u = trueno::normalize(Vector<T>{3, -4});
  EXPECT_NEAR(u[0], 0.6, tolerance<T>());
  EXPECT_NEAR(u[1], -0.8, tolerance<T>());
  EXPECT_EQ(trueno::normalize(Vector<T>{0, 5, 0}), (Vector<T>{0, 1, 0}));
}

TYPED_TEST(VectorStatisticsFloat, NormalizeGivesAUnitVector) {
  using T = TypeParam;
  for (std::size_t n : {1U, 17U, 100U, 4097U}) {
    const Vector<T> u = trueno::normalize(random_vector<T>(n, static_cast<unsigned>(n)));
    EXPECT_NEAR(trueno::norm_l2(u), 1, 4 * tolerance<T>()) << "n = " << n;
  }
}

TYPED_TEST(VectorStatisticsFloat, NormalizeWorksForHugeAndTinyValues) {
  using T = TypeParam;
  const T big = std::numeric_limits<T>::max() / 4, tiny = std::numeric_limits<T>::min() * 4;
  for (T s : {big, tiny}) {
    const Vector<T> u = trueno::normalize(Vector<T>{s, s});
    EXPECT_NEAR(u[0], std::sqrt(0.5), 4 * tolerance<T>());
    EXPECT_NEAR(u[1], std::sqrt(0.5), 4 * tolerance<T>());
  }
}

TYPED_TEST(VectorStatisticsFloat, NormalizeOfAZeroVectorThrowsValueError) {
  using T = TypeParam;
  EXPECT_THROW((void)trueno::normalize(Vector<T>(5, T(0))), trueno::value_error);
  EXPECT_THROW((void)trueno::normalize(Vector<T>()), trueno::value_error);
  Vector<T> out(3, T(9));
  EXPECT_THROW(trueno::normalize(Vector<T>(3, T(0)), out), trueno::value_error);
  EXPECT_EQ(out, (Vector<T>(3, T(9)))) << "a failed call leaves out untouched";
  Vector<T> small(2);
  EXPECT_THROW(trueno::normalize(Vector<T>{1, 2, 3}, small), trueno::shape_error);
}

TYPED_TEST(VectorStatisticsFloat, NormalizeOutFormAndAliasing) {
  using T = TypeParam;
  Vector<T> v{0, 3, 4};
  Vector<T> out(3);
  trueno::normalize(v, out);
  trueno::normalize(v, v);
  EXPECT_EQ(v, out);
  EXPECT_NEAR(v[1], 0.6, tolerance<T>());
}

// --- minmax_normalize
// ------------------------------------------------------------------------------------------

TYPED_TEST(VectorStatisticsFloat, MinmaxNormalizeHandValues) {
  using T = TypeParam;
  EXPECT_EQ(trueno::minmax_normalize(Vector<T>{2, 4, 6}), (Vector<T>{0, 0.5, 1}));
  EXPECT_EQ(trueno::minmax_normalize(Vector<T>{-1, 3, 1, 0}), (Vector<T>{0, 1, 0.5, 0.25}));
}

TYPED_TEST(VectorStatisticsFloat, MinmaxNormalizeMapsOntoZeroOne) {
  using T = TypeParam;
  for (std::size_t n : {2U, 33U, 1000U}) {
    const Vector<T> x = random_vector<T>(n, 40 + static_cast<unsigned>(n));
    const Vector<T> y = trueno::minmax_normalize(x);
    EXPECT_EQ(trueno::min(y), T(0));
    EXPECT_NEAR(trueno::max(y), 1, 4 * tolerance<T>());
    for (T v : y) {
      EXPECT_GE(v, T(0));
      EXPECT_LE(v, T(1) + 4 * std::numeric_limits<T>::epsilon());
    }
    EXPECT_EQ(y[trueno::argmin(x)], T(0));
    Vector<T> in_place = x;
    trueno::minmax_normalize(in_place, in_place);
    EXPECT_EQ(in_place, y);
  }
}

TYPED_TEST(VectorStatisticsFloat, MinmaxNormalizeOfAConstantThrowsValueError) {
  using T = TypeParam;
  EXPECT_THROW((void)trueno::minmax_normalize(Vector<T>(4, T(3))), trueno::value_error);
  EXPECT_THROW((void)trueno::minmax_normalize(Vector<T>{7}), trueno::value_error);
  EXPECT_THROW((void)trueno::minmax_normalize(Vector<T>()), trueno::value_error);
  Vector<T> out(2);
  EXPECT_THROW(trueno::minmax_normalize(Vector<T>{1, 2, 3}, out), trueno::shape_error);
}

}  // namespace
