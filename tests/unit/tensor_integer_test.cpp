// Integer and mixed-dtype tensor arithmetic: NumPy's integer semantics (wrap-around, floor_divide and mod
// with Python's signs, INT_MIN // -1, shifts by any count, abs(INT_MIN)), trueno's refusal of integer
// division by zero (value_error, nothing written), result dtypes known at compile time (promotion table, weak
// scalars, float64 true division, NumPy's float for sqrt of integers, 64-bit sums), NumPy 2's comparisons
// with out-of-range integers, bool bitwise ops, compound assignment, and float16/bfloat16 reductions in
// float.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <vector>

#include "common/backends.hpp"

namespace {

using trueno::array;
using trueno::bfloat16;
using trueno::float16;
using trueno::Tensor;

template <class T>
std::vector<T> values(const Tensor<T, 1>& t) {
  return std::vector<T>(t.data(), t.data() + t.size());
}
template <class T>
std::vector<T> vec(std::initializer_list<T> v) {
  return v;
}

// ---- result dtypes ----
using I8 = Tensor<std::int8_t, 1>;
using U8 = Tensor<std::uint8_t, 1>;
using I32 = Tensor<std::int32_t, 1>;
using U16 = Tensor<std::uint16_t, 1>;
using B1 = Tensor<bool, 1>;
using H1 = Tensor<float16, 1>;
template <class X>
using elem = typename X::value_type;

static_assert(std::is_same_v<elem<decltype(std::declval<I8>() + std::declval<U8>())>, std::int16_t>);
static_assert(std::is_same_v<elem<decltype(std::declval<I8>() + std::declval<H1>())>, float16>);
static_assert(std::is_same_v<elem<decltype(std::declval<I32>() + std::declval<H1>())>, double>);
static_assert(std::is_same_v<elem<decltype(std::declval<I8>() + 1)>, std::int8_t>);  // weak int
static_assert(std::is_same_v<elem<decltype(std::declval<I8>() * 2.5)>, double>);     // weak float
static_assert(std::is_same_v<elem<decltype(std::declval<H1>() * 2.5)>, float16>);
static_assert(std::is_same_v<elem<decltype(std::declval<B1>() + 1)>, std::int64_t>);
static_assert(std::is_same_v<elem<decltype(std::declval<I8>() / std::declval<U8>())>, double>);
static_assert(std::is_same_v<elem<decltype(trueno::sqrt(std::declval<I8>()))>, float16>);
static_assert(std::is_same_v<elem<decltype(trueno::sqrt(std::declval<U16>()))>, float>);
static_assert(std::is_same_v<elem<decltype(trueno::exp(std::declval<I32>()))>, double>);
static_assert(std::is_same_v<decltype(trueno::sum(std::declval<I8>())), std::int64_t>);
static_assert(std::is_same_v<decltype(trueno::sum(std::declval<U16>())), std::uint64_t>);
static_assert(std::is_same_v<decltype(trueno::mean(std::declval<I8>())), double>);
static_assert(std::is_same_v<decltype(trueno::sum(std::declval<H1>())), float16>);
template <class A, class B>
concept DivAssignable = requires(A a, B b) {
  a /= b;
};
template <class A, class B>
concept AddAssignable = requires(A a, B b) {
  a += b;
};
template <class A>
concept HasPow = requires(A a) {
  trueno::pow(a, a);
};
// int32 /= int32 is not NumPy's same_kind (float64 results), nor int32 += 2.5; float += int32 is.
static_assert(!DivAssignable<I32, I32>);
static_assert(!AddAssignable<I32, double>);
static_assert(AddAssignable<Tensor<float, 1>, I32>);
static_assert(AddAssignable<I8, int>);
// NumPy's integer power (tests/unit/tensor_dtype_ops_test.cpp).
static_assert(HasPow<Tensor<std::int64_t, 1>>);
static_assert(HasPow<Tensor<float16, 1>>);

TEST(TensorInteger, AddSubMulWrapAround) {
  const auto a = array<std::int8_t>({127, -128, 100, -1});
  const auto b = array<std::int8_t>({1, -1, 100, -1});
  EXPECT_EQ(values<std::int8_t>(a + b), vec<std::int8_t>({-128, 127, -56, -2}));
  EXPECT_EQ(values<std::int8_t>(a - b), vec<std::int8_t>({126, -127, 0, 0}));
  EXPECT_EQ(values<std::int8_t>(a * b), vec<std::int8_t>({127, -128, 16, 1}));
  const auto u = array<std::uint8_t>({255, 0, 200});
  EXPECT_EQ(values<std::uint8_t>(u + array<std::uint8_t>({1, 0, 100})), vec<std::uint8_t>({0, 0, 44}));
  EXPECT_EQ(values<std::uint8_t>(-u), vec<std::uint8_t>({1, 0, 56}));
  const auto big = array<std::int64_t>({std::numeric_limits<std::int64_t>::max()});
  EXPECT_EQ((big + std::int64_t{1}).item(), std::numeric_limits<std::int64_t>::min());
}

TEST(TensorInteger, AbsAndNegOfTheMostNegativeValueWrap) {
  constexpr auto kMin = std::numeric_limits<std::int32_t>::min();
  const auto a = array<std::int32_t>({kMin, -5, 5});
  EXPECT_EQ(values<std::int32_t>(trueno::abs(a)), vec<std::int32_t>({kMin, 5, 5}));
  EXPECT_EQ(values<std::int32_t>(-a), vec<std::int32_t>({kMin, 5, -5}));
}

TEST(TensorInteger, FloorDivideAndModFollowPythonSigns) {
  trueno_test::for_each_backend([] {
    const auto a = array<std::int16_t>({7, -7, 7, -7, 0, -32768, -32768, 5});
    const auto b = array<std::int16_t>({2, 2, -2, -2, 3, -1, 1, -1});
    EXPECT_EQ(values<std::int16_t>(trueno::floor_divide(a, b)),
              vec<std::int16_t>({3, -4, -4, 3, 0, -32768, -32768, -5}));
    EXPECT_EQ(values<std::int16_t>(a % b), vec<std::int16_t>({1, 1, -1, -1, 0, 0, 0, 0}));
    EXPECT_EQ(values<std::int16_t>(trueno::remainder(a, b)), values<std::int16_t>(trueno::mod(a, b)));
    const auto u = array<std::uint32_t>({7, 4000000000U});
    EXPECT_EQ(values<std::uint32_t>(trueno::floor_divide(u, 3U)), vec<std::uint32_t>({2, 1333333333U}));
    EXPECT_EQ(values<std::uint32_t>(u % 3U), vec<std::uint32_t>({1, 1}));
  });
}

TEST(TensorInteger, FloorDivideAndModOfFloatsFollowNumPy) {
  const auto a = array<double>({-3.5, 3.5, -0.0, -1.0, 1.0});
  const auto b = array<double>({2.0, -2.0, 2.0, std::numeric_limits<double>::infinity(), 0.0});
  const auto q = trueno::floor_divide(a, b);
  const auto r = trueno::mod(a, b);
  EXPECT_EQ(q(0), -2.0);
  EXPECT_EQ(q(1), -2.0);
  EXPECT_TRUE(q(2) == 0.0 && std::signbit(q(2)));
  EXPECT_EQ(q(3), -1.0);  // NumPy: -1 // inf == -1, -1 % inf == inf
  EXPECT_EQ(r(3), std::numeric_limits<double>::infinity());
  EXPECT_EQ(q(4), std::numeric_limits<double>::infinity());  // x // 0 is x / 0
  EXPECT_TRUE(std::isnan(r(4)));                             // x % 0 is NaN
  EXPECT_EQ(r(0), 0.5);
  EXPECT_EQ(r(1), -0.5);
  const auto h = array<float16>({-3.5F, 7.0F});
  EXPECT_EQ(static_cast<float>(trueno::floor_divide(h, 2.0)(0)), -2.0F);
  EXPECT_EQ(static_cast<float>(trueno::mod(h, 4)(1)), 3.0F);
}

TEST(TensorInteger, DivisionByZeroThrowsAndWritesNothing) {
  const auto a = array<std::int32_t>({1, 2, 3});
  const auto zero = array<std::int32_t>({1, 0, 1});
  trueno_test::expect_error<trueno::value_error>(
      [&] { (void)trueno::floor_divide(a, zero); },
      "floor_divide: integer division by zero (the divisor holds 0)");
  trueno_test::expect_error<trueno::value_error>([&] { (void)(a % 0); },
                                                 "mod: integer division by zero (the divisor holds 0)");
  auto out = array<std::int32_t>({9, 9, 9});
  EXPECT_THROW(trueno::floor_divide(a, zero, out), trueno::value_error);
  EXPECT_EQ(values<std::int32_t>(out), vec<std::int32_t>({9, 9, 9}));
  // A zero in a strided (non-contiguous) divisor is found too.
  const auto m = array<std::int32_t>({{1, 0}, {2, 3}});
  EXPECT_THROW((void)trueno::mod(array<std::int32_t>({5, 5}), m.transpose().slice(1)), trueno::value_error);
  // True division of integers by zero is float64's: inf and NaN, as NumPy.
  const auto q = array<std::int32_t>({1, 0}) / array<std::int32_t>({0, 0});
  EXPECT_EQ(q(0), std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(q(1)));
}

TEST(TensorInteger, ShiftsByAnyCountGiveNumPyResults) {
  trueno_test::for_each_backend([] {
    const auto a = array<std::int8_t>({1, -128, -7, 7, 1, -1, 64});
    const auto s = array<std::int8_t>({7, 1, 1, 8, -1, 100, 1});
    EXPECT_EQ(values<std::int8_t>(a << s), vec<std::int8_t>({-128, 0, -14, 0, 0, 0, -128}));
    EXPECT_EQ(values<std::int8_t>(a >> s), vec<std::int8_t>({0, -64, -4, 0, 0, -1, 32}));
    const auto u = array<std::uint64_t>({1, 1, ~std::uint64_t{0}});
    const auto c = array<std::uint64_t>({63, 64, 65});
    EXPECT_EQ(values<std::uint64_t>(u << c), vec<std::uint64_t>({std::uint64_t{1} << 63U, 0, 0}));
    EXPECT_EQ(values<std::uint64_t>(u >> c), vec<std::uint64_t>({0, 0, 0}));
  });
}

TEST(TensorInteger, BitwiseOpsOnIntegersAndBool) {
  const auto a = array<std::uint16_t>({0xF0F0, 0x1234});
  const auto b = array<std::uint16_t>({0xFF00, 0x00FF});
  EXPECT_EQ(values<std::uint16_t>(a & b), vec<std::uint16_t>({0xF000, 0x0034}));
  EXPECT_EQ(values<std::uint16_t>(a | b), vec<std::uint16_t>({0xFFF0, 0x12FF}));
  EXPECT_EQ(values<std::uint16_t>(a ^ b), vec<std::uint16_t>({0x0FF0, 0x12CB}));
  EXPECT_EQ(values<std::uint16_t>(~a), vec<std::uint16_t>({0x0F0F, 0xEDCB}));
  const auto p = array<bool>({true, true, false, false});
  const auto q = array<bool>({true, false, true, false});
  EXPECT_EQ(values<bool>(p & q), vec<bool>({true, false, false, false}));
  EXPECT_EQ(values<bool>(p | q), vec<bool>({true, true, true, false}));
  EXPECT_EQ(values<bool>(p ^ q), vec<bool>({false, true, true, false}));
  EXPECT_EQ(values<bool>(~p), vec<bool>({false, false, true, true}));
  EXPECT_EQ(values<bool>(trueno::invert(q)), vec<bool>({false, true, false, true}));
}

TEST(TensorInteger, WeakScalarsOutOfRangeThrowNumPysError) {
  const auto a = array<std::int8_t>({1, 2});
  trueno_test::expect_error<trueno::value_error>([&] { (void)(a + 1000); },
                                                 "Python integer 1000 out of bounds for int8");
  trueno_test::expect_error<trueno::value_error>([&] { (void)(array<std::uint8_t>({1}) * -1); },
                                                 "Python integer -1 out of bounds for uint8");
  auto c = a.clone();
  EXPECT_THROW(c += 300, trueno::value_error);
  EXPECT_EQ(values<std::int8_t>(c), vec<std::int8_t>({1, 2}));
  EXPECT_EQ(values<std::int8_t>(a + 127), vec<std::int8_t>({-128, -127}));
  EXPECT_EQ(values<std::int8_t>(-128 + a), vec<std::int8_t>({-127, -126}));
  EXPECT_THROW((void)trueno::clamp(a, 0, 1000), trueno::value_error);
}

// NumPy 2 compares a tensor with an out-of-range integer by value (NumPy 1.24's weak mode raised instead).
TEST(TensorInteger, ComparisonsWithOutOfRangeIntegersCompareByValue) {
  const auto a = array<std::uint8_t>({0, 255});
  EXPECT_EQ(values<bool>(a == -1), vec<bool>({false, false}));
  EXPECT_EQ(values<bool>(a != -1), vec<bool>({true, true}));
  EXPECT_EQ(values<bool>(a > -1), vec<bool>({true, true}));
  EXPECT_EQ(values<bool>(a < 256), vec<bool>({true, true}));
  EXPECT_EQ(values<bool>(a >= 1000), vec<bool>({false, false}));
  EXPECT_EQ(values<bool>(-5 < a), vec<bool>({true, true}));
  EXPECT_EQ(values<bool>(300 <= a), vec<bool>({false, false}));
  EXPECT_EQ(values<bool>(a == 255), vec<bool>({false, true}));
  EXPECT_EQ(values<bool>(trueno::logical_and(a, 1000)), vec<bool>({false, true}));
  // Mixed dtypes compare in the promoted type: uint8 255 and int8 -1 differ.
  EXPECT_EQ(values<bool>(a == array<std::int8_t>({0, -1})), vec<bool>({true, false}));
}

TEST(TensorInteger, MixedDtypeArithmeticPromotes) {
  const auto a = array<std::int8_t>({-100, 100});
  const auto b = array<std::uint8_t>({200, 200});
  const auto s = a + b;
  EXPECT_EQ(values<std::int16_t>(s), vec<std::int16_t>({100, 300}));
  const auto f = a * array<float>({0.5F, 0.25F});
  EXPECT_EQ(values<float>(f), vec<float>({-50.0F, 25.0F}));
  const auto d = array<std::int64_t>({1, 3}) / array<std::uint8_t>({2, 4});
  EXPECT_EQ(values<double>(d), vec<double>({0.5, 0.75}));
  auto x = array<float>({1.0F, 2.0F});
  x += array<std::int32_t>({1, 2});
  EXPECT_EQ(values<float>(x), vec<float>({2.0F, 4.0F}));
  auto y = array<std::int32_t>({1, 2});
  y *= array<std::int8_t>({-3, 3});
  EXPECT_EQ(values<std::int32_t>(y), vec<std::int32_t>({-3, 6}));
}

TEST(TensorInteger, ReductionsAccumulateInSixtyFourBits) {
  trueno_test::for_each_backend([] {
    auto a = trueno::full<std::int8_t>({100000}, std::int8_t{127});
    EXPECT_EQ(trueno::sum(a), std::int64_t{12700000});
    EXPECT_DOUBLE_EQ(trueno::mean(a), 127.0);
    auto u = trueno::full<std::uint16_t>({3, 70000}, std::uint16_t{65535});
    EXPECT_EQ(trueno::sum(u), std::uint64_t{65535} * 210000U);
    const auto rows = trueno::sum(u, 1);
    EXPECT_EQ(rows(2), std::uint64_t{65535} * 70000U);
    EXPECT_EQ(trueno::prod(array<std::int8_t>({100, 100, 100})), std::int64_t{1000000});
    EXPECT_EQ(trueno::max(array<std::uint32_t>({5, 4000000000U, 7})), 4000000000U);
    EXPECT_EQ(trueno::argmin(array<std::int16_t>({5, -300, -300, 7})), 1);
    // int64 means are computed in double (an int64 sum would wrap).
    const auto big = trueno::full<std::int64_t>({4}, std::numeric_limits<std::int64_t>::max());
    EXPECT_DOUBLE_EQ(trueno::mean(big), 9.223372036854775807e18);
  });
}

TEST(TensorInteger, FloatingOpsOnIntegersUseNumPysFloat) {
  const auto a = array<std::int8_t>({4, -1});
  const auto r = trueno::sqrt(a);
  EXPECT_EQ(static_cast<float>(r(0)), 2.0F);
  EXPECT_TRUE(trueno::isnan(r(1)));
  const auto e = trueno::exp(array<std::int32_t>({0, 1}));
  EXPECT_EQ(e(0), 1.0);
  EXPECT_NEAR(e(1), 2.718281828459045, 1e-15);
  EXPECT_EQ(static_cast<float>(trueno::hypot(array<std::uint8_t>({3}), 4)(0)), 5.0F);
}

TEST(TensorInteger, HalfReductionsAccumulateInFloat) {
  // 10000 x 0.1 in float16: a float16 running sum would stall at 256; NumPy's float accumulation gives 1000.
  const auto h = trueno::full<float16>({10000}, float16(0.1F));
  const double want = 10000.0 * static_cast<double>(static_cast<float>(float16(0.1F)));
  EXPECT_EQ(trueno::sum(h).bits(), float16(want).bits());
  EXPECT_EQ(trueno::mean(h).bits(), float16(0.1F).bits());
  const auto g = array<bfloat16>({1.0F, -3.0F, 2.0F, std::numeric_limits<float>::quiet_NaN(), 5.0F});
  EXPECT_TRUE(trueno::isnan(trueno::max(g)));
  EXPECT_EQ(trueno::argmax(g), 3);
  const auto k = array<bfloat16>({1.0F, -3.0F, 2.0F, -3.0F});
  EXPECT_EQ(static_cast<float>(trueno::min(k)), -3.0F);
  EXPECT_EQ(trueno::argmin(k), 1);
  EXPECT_EQ(static_cast<float>(trueno::prod(k)), 18.0F);
  EXPECT_THROW((void)trueno::max(trueno::empty<float16>({0})), trueno::value_error);
  const auto m = array<float16>({{1.0F, 2.0F}, {3.0F, 4.0F}});
  EXPECT_EQ(static_cast<float>(trueno::sum(m, 0)(1)), 6.0F);
  EXPECT_EQ(static_cast<float>(trueno::max(m, 1)(0)), 2.0F);
}

}  // namespace
