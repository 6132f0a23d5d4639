// The ops that every dtype reaches beyond the element-wise kernels: integer power (NumPy's wrap-around,
// negative exponents refused), clamp, var/std, softmax and the NaN-ignoring reductions of float16 and
// bfloat16 and their norm (computed in float, rounded once), nansum/nanmax/... of integers (the plain
// reductions), the bool reductions (max, min, argmax, argmin, prod, mean, var), isclose of integers and
// 16-bit floats, and the strided zero-divisor check.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <vector>

#include "common/backends.hpp"

namespace {

using trueno::array;
using trueno::bfloat16;
using trueno::float16;
using trueno::Tensor;

template <class T, std::size_t N>
std::vector<T> values(const Tensor<T, N>& t) {
  const auto c = t.contiguous();
  return std::vector<T>(c.data(), c.data() + c.size());
}
template <class T>
std::vector<T> vec(std::initializer_list<T> v) {
  return v;
}
template <class H>
std::vector<float> floats(const Tensor<H, 1>& t) {
  std::vector<float> f;
  for (std::size_t i = 0; i < t.size(); ++i) f.push_back(static_cast<float>(t(i)));
  return f;
}

// ---- integer power ----

TEST(DtypeOps, IntegerPowerWrapsAsNumPy) {
  const auto a = array<std::int8_t>({2, -3, 0, 0, 7, -128, 3});
  const auto e = array<std::int8_t>({7, 3, 0, 5, 0, 1, 5});
  const auto p = trueno::pow(a, e);
  static_assert(std::is_same_v<decltype(p)::value_type, std::int8_t>);
  // 2^7 = 128 wraps to -128; 3^5 = 243 wraps to -13; 0^0 = 1.
  EXPECT_EQ(values(p), vec<std::int8_t>({-128, -27, 1, 0, 1, -128, -13}));
  const auto u = trueno::pow(array<std::uint16_t>({65535, 256, 3}), 2);
  static_assert(std::is_same_v<decltype(u)::value_type, std::uint16_t>);
  EXPECT_EQ(values(u), vec<std::uint16_t>({1, 0, 9}));  // 65535^2 mod 2^16 = 1 (no int overflow: UBSan)
  const auto big = trueno::pow(array<std::int64_t>({3, -2}), array<std::int64_t>({40, 63}));
  EXPECT_EQ(values(big), vec<std::int64_t>({static_cast<std::int64_t>(12157665459056928801ULL),
                                            std::numeric_limits<std::int64_t>::min()}));
  const auto s = trueno::pow(2, array<std::uint32_t>({0, 31, 32}));
  static_assert(std::is_same_v<decltype(s)::value_type, std::uint32_t>);
  EXPECT_EQ(values(s), vec<std::uint32_t>({1, 2147483648U, 0}));
}

TEST(DtypeOps, IntegerPowerPromotesAsNumPy) {
  const auto b = trueno::pow(array<bool>({true, false, false}), array<bool>({true, true, false}));
  static_assert(std::is_same_v<decltype(b)::value_type, std::int8_t>, "NumPy: bool ** bool is int8");
  EXPECT_EQ(values(b), vec<std::int8_t>({1, 0, 1}));
  const auto m = trueno::pow(array<std::int8_t>({-2}), array<std::uint8_t>({9}));
  static_assert(std::is_same_v<decltype(m)::value_type, std::int16_t>);
  EXPECT_EQ(m(0), -512);
  const auto f = trueno::pow(array<std::int32_t>({4}), 0.5);  // a float scalar: float64
  static_assert(std::is_same_v<decltype(f)::value_type, double>);
  EXPECT_EQ(f(0), 2.0);
  const auto h = trueno::pow(array<std::int8_t>({3}), array<float16>({float16(2.0F)}));
  static_assert(std::is_same_v<decltype(h)::value_type, float16>);
  EXPECT_EQ(static_cast<float>(h(0)), 9.0F);
  const auto col = trueno::pow(array<std::int32_t>({2, 3}).reshape({2, 1}), array<std::int32_t>({0, 1, 2}));
  EXPECT_EQ(values(col), vec<std::int32_t>({1, 2, 4, 1, 3, 9}));
}

TEST(DtypeOps, NegativeIntegerExponentThrows) {
  trueno_test::expect_error<trueno::value_error>(
      [] {
        (void)trueno::pow(array<std::int32_t>({2, 2}), array<std::int32_t>({1, -1}));
      },
      "pow: integers to negative integer powers are not allowed (the exponent holds a negative value)");
  EXPECT_THROW((void)trueno::pow(array<std::int64_t>({2}), -1), trueno::value_error);
  // Found in a strided exponent too (the second column of a transposed matrix).
  const auto e = array<std::int16_t>({{1, 2}, {3, -4}});
  EXPECT_THROW((void)trueno::pow(array<std::int16_t>({5, 5}), e.transpose().slice(1)), trueno::value_error);
  EXPECT_EQ(values(trueno::pow(array<std::int16_t>({5, 5}), e.transpose().slice(0))),
            vec<std::int16_t>({5, 125}));
}

// ---- 16-bit floats: clamp, var/std, softmax, NaN-ignoring reductions ----

template <class H>
class HalfOps : public ::testing::Test {};
using HalfTypes = ::testing::Types<float16, bfloat16>;
TYPED_TEST_SUITE(HalfOps, HalfTypes);

TYPED_TEST(HalfOps, ClampKeepsNaNAndRoundsBoundsToTheDtype) {
  using H = TypeParam;
  const H nan = std::numeric_limits<H>::quiet_NaN();
  const auto t = array<H>({H(-5.0F), H(0.25F), nan, H(9.0F)});
  const auto c = trueno::clamp(t, -1, 2.5);
  static_assert(std::is_same_v<typename decltype(c)::value_type, H>);
  const auto f = floats(c);
  EXPECT_EQ(f[0], -1.0F);
  EXPECT_EQ(f[1], 0.25F);
  EXPECT_TRUE(std::isnan(f[2]));
  EXPECT_EQ(f[3], 2.5F);
  // 0.1 is not a value of H: the bound is H(0.1), as NumPy casts a weak scalar to the array's dtype.
  EXPECT_EQ(static_cast<float>(trueno::clamp(t, 0.1, 1)(0)), static_cast<float>(H(0.1F)));
  EXPECT_THROW((void)trueno::clamp(t, 3, 1), trueno::value_error);
  EXPECT_THROW((void)trueno::clamp(t, std::nan(""), 1), trueno::value_error);
}

TYPED_TEST(HalfOps, VarAndStdComputeInFloatAndKeepTheDtype) {
  using H = TypeParam;
  const auto t = array<H>({{H(1.0F), H(2.0F), H(3.0F), H(4.0F)}, {H(2.0F), H(2.0F), H(2.0F), H(2.0F)}});
  const H v = trueno::var(t);
  EXPECT_EQ(static_cast<float>(v), 0.6875F);  // mean 2.25: 5.5 / 8
  EXPECT_EQ(static_cast<float>(trueno::std(t, trueno::ddof(1))), static_cast<float>(H(std::sqrt(5.5F / 7))));
  const auto rows = trueno::var(t, 1);
  static_assert(std::is_same_v<typename decltype(rows)::value_type, H>);
  EXPECT_EQ(floats(rows), (std::vector<float>{1.25F, 0.0F}));
  const auto cols = trueno::std(t, 0, trueno::keepdims);
  EXPECT_EQ(cols.shape(), (trueno::Shape<2>{1, 4}));
  EXPECT_EQ(static_cast<float>(cols(0, 3)), 1.0F);
  EXPECT_TRUE(std::isnan(static_cast<float>(trueno::var(t, trueno::ddof(8)))));
}

TYPED_TEST(HalfOps, NormComputesInFloat) {
  using H = TypeParam;
  // 300^2 + 400^2 overflows float16 but not float: 500, exactly.
  const auto t = array<H>({{H(300.0F), H(400.0F)}, {H(0.0F), H(-2.0F)}});
  const H n = trueno::norm(t.slice(0));
  EXPECT_EQ(static_cast<float>(n), 500.0F);
  const auto rows = trueno::norm(t, 1);
  static_assert(std::is_same_v<typename decltype(rows)::value_type, H>);
  EXPECT_EQ(floats(rows), (std::vector<float>{500.0F, 2.0F}));
  static_assert(std::is_same_v<decltype(trueno::norm(array<bool>({true}))), double>);
  EXPECT_EQ(trueno::norm(array<bool>({true, true, false, true, true})), 2.0);
}

TYPED_TEST(HalfOps, NanReductionsSkipNaN) {
  using H = TypeParam;
  const H nan = std::numeric_limits<H>::quiet_NaN();
  const auto t = array<H>({{nan, H(3.0F), H(-1.0F)}, {nan, nan, nan}});
  EXPECT_EQ(static_cast<float>(trueno::nansum(t)), 2.0F);
  EXPECT_EQ(static_cast<float>(trueno::nanmean(t)), 1.0F);
  EXPECT_EQ(static_cast<float>(trueno::nanmax(t)), 3.0F);
  EXPECT_EQ(static_cast<float>(trueno::nanmin(t)), -1.0F);
  EXPECT_EQ(trueno::nanargmax(t), 1);
  EXPECT_EQ(trueno::nanargmin(t), 2);
  const auto rows = trueno::nansum(t, 1);
  static_assert(std::is_same_v<typename decltype(rows)::value_type, H>);
  EXPECT_EQ(floats(rows), (std::vector<float>{2.0F, 0.0F}));
  EXPECT_TRUE(std::isnan(static_cast<float>(trueno::nanmean(t, 1)(1))));
  EXPECT_TRUE(std::isnan(static_cast<float>(trueno::nanmax(t, 1)(1))));
  trueno_test::expect_error<trueno::value_error>([&] { (void)trueno::nanargmax(t, 1); },
                                                 "All-NaN slice encountered");
}

TYPED_TEST(HalfOps, SoftmaxRunsInFloat) {
  using H = TypeParam;
  const auto t = array<H>({{H(0.0F), H(1.0F), H(2.0F)}, {H(-50.0F), H(0.0F), H(50.0F)}});
  const auto s = trueno::softmax(t);
  static_assert(std::is_same_v<typename decltype(s)::value_type, H>);
  const float e1 = std::exp(1.0F), e2 = std::exp(2.0F), z = 1 + e1 + e2;
  EXPECT_EQ(static_cast<float>(s(0, 2)), static_cast<float>(H(e2 / z)));
  EXPECT_EQ(static_cast<float>(s(1, 2)), 1.0F);
  const auto l = trueno::log_softmax(t, 0);
  EXPECT_NEAR(static_cast<float>(l(1, 2)), 0.0F, 1e-6F);  // -log1p(e^-48), 0 in float
  EXPECT_EQ(static_cast<float>(l(0, 2)), static_cast<float>(H(-48.0F)));
  const auto lse = trueno::logsumexp(t, 1);
  EXPECT_EQ(static_cast<float>(lse(0)), static_cast<float>(H(std::log(z))));
  EXPECT_EQ(static_cast<float>(lse(1)), 50.0F);
}

TYPED_TEST(HalfOps, PredicatesAndSortSeeNaNAndInfinity) {
  using H = TypeParam;
  const H nan = std::numeric_limits<H>::quiet_NaN();
  const H inf = std::numeric_limits<H>::infinity();
  const auto t = array<H>({H(2.0F), nan, -inf, H(-1.0F), inf, nan});
  EXPECT_EQ(values(trueno::isnan(t)), vec<bool>({false, true, false, false, false, true}));
  EXPECT_EQ(values(trueno::isinf(t)), vec<bool>({false, false, true, false, true, false}));
  EXPECT_EQ(values(trueno::isfinite(t)), vec<bool>({true, false, false, true, false, false}));
  const auto sorted = floats(trueno::sort(t));  // NumPy's order: NaN last
  EXPECT_EQ(sorted[0], -std::numeric_limits<float>::infinity());
  EXPECT_EQ(sorted[3], std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(sorted[4]) && std::isnan(sorted[5]));
  EXPECT_EQ(values(trueno::argsort(t)), vec<std::int64_t>({2, 3, 0, 4, 1, 5}));
  EXPECT_EQ(trueno::unique(t).size(), 5U);  // the NaNs collapse into one
  EXPECT_EQ(values(trueno::isnan(array<std::int32_t>({1}))), vec<bool>({false}));
}

TYPED_TEST(HalfOps, IsClose) {
  using H = TypeParam;
  const auto a = array<H>({H(1.0F), H(100.0F), std::numeric_limits<H>::quiet_NaN()});
  const auto b = array<H>({H(1.0078125F), H(101.0F), std::numeric_limits<H>::quiet_NaN()});
  EXPECT_EQ(values(trueno::isclose(a, b, 0.01)), vec<bool>({true, true, false}));
  EXPECT_EQ(values(trueno::isclose(a, b, 1e-3)), vec<bool>({false, false, false}));
  EXPECT_TRUE(trueno::allclose(a, b, 0.01, 0.0, true));
}

// ---- integers: the NaN-ignoring reductions are the plain ones; isclose ----

TEST(DtypeOps, IntegerNanReductionsAreThePlainOnes) {
  const auto t = array<std::int8_t>({{100, -7, 100}, {-128, 5, 127}});
  static_assert(std::is_same_v<decltype(trueno::nansum(t)), std::int64_t>, "NumPy: nansum of int8 is int64");
  EXPECT_EQ(trueno::nansum(t), trueno::sum(t));
  EXPECT_EQ(trueno::nansum(t), 197);
  static_assert(std::is_same_v<decltype(trueno::nanmean(t)), double>);
  EXPECT_DOUBLE_EQ(trueno::nanmean(t), 197.0 / 6);
  EXPECT_EQ(trueno::nanmax(t), 127);
  EXPECT_EQ(trueno::nanmin(t), -128);
  EXPECT_EQ(trueno::nanargmax(t), 5);
  EXPECT_EQ(values(trueno::nanargmin(t, 1)), vec<std::int64_t>({1, 0}));
  EXPECT_EQ(values(trueno::nansum(array<std::uint32_t>({4000000000U, 4000000000U}), 0, trueno::keepdims)),
            vec<std::uint64_t>({8000000000ULL}));
  const auto empty = trueno::empty<std::int32_t>({0});
  trueno_test::expect_error<trueno::value_error>(
      [&] { (void)trueno::nanmax(empty); },
      "zero-size array to reduction operation fmax which has no identity");
  trueno_test::expect_error<trueno::value_error>([&] { (void)trueno::nanargmin(empty); },
                                                 "attempt to get argmin of an empty sequence");
}

TEST(DtypeOps, IntegerIsClose) {
  const auto a = array<std::int64_t>({100, 1000000, std::numeric_limits<std::int64_t>::max()});
  const auto b = array<std::int64_t>({101, 1000009, std::numeric_limits<std::int64_t>::max()});
  EXPECT_EQ(values(trueno::isclose(a, b)), vec<bool>({false, true, true}));
  EXPECT_EQ(values(trueno::isclose(a, b, 0.0, 1.0)), vec<bool>({true, false, true}));
}

// ---- bool reductions ----

TEST(DtypeOps, BoolReductionsAsNumPy) {
  const auto t = array<bool>({{false, true, true}, {false, false, false}});
  EXPECT_TRUE(trueno::max(t));
  EXPECT_FALSE(trueno::min(t));
  EXPECT_EQ(values(trueno::max(t, 1)), vec<bool>({true, false}));
  EXPECT_EQ(values(trueno::min(t, 0)), vec<bool>({false, false, false}));
  EXPECT_EQ(trueno::argmax(t), 1);
  EXPECT_EQ(trueno::argmin(t), 0);
  EXPECT_EQ(values(trueno::argmax(t, 1)), vec<std::int64_t>({1, 0}));  // no true: 0, as NumPy
  EXPECT_EQ(values(trueno::argmin(t, 1)), vec<std::int64_t>({0, 0}));
  static_assert(std::is_same_v<decltype(trueno::prod(t)), std::int64_t>);
  EXPECT_EQ(trueno::prod(t), 0);
  EXPECT_EQ(values(trueno::prod(array<bool>({{true, true}, {true, false}}), 1)), vec<std::int64_t>({1, 0}));
  static_assert(std::is_same_v<decltype(trueno::mean(t)), double>);
  EXPECT_DOUBLE_EQ(trueno::mean(t), 2.0 / 6);
  EXPECT_EQ(values(trueno::mean(t, 0)), vec<double>({0.0, 0.5, 0.5}));
  EXPECT_DOUBLE_EQ(trueno::var(t), 2.0 / 6 * (4.0 / 6));
  EXPECT_DOUBLE_EQ(trueno::std(array<bool>({true, false})), 0.5);
  const auto empty = trueno::empty<bool>({0});
  trueno_test::expect_error<trueno::value_error>(
      [&] { (void)trueno::max(empty); },
      "zero-size array to reduction operation maximum which has no identity");
  trueno_test::expect_error<trueno::value_error>([&] { (void)trueno::argmin(empty); },
                                                 "attempt to get argmin of an empty sequence");
  EXPECT_EQ(trueno::prod(empty), 1);
}

}  // namespace
