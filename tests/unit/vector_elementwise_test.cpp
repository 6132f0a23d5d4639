// Element-wise ops on Vector<T>: values, NaN and signed-zero rules, integer wrap-around, out-parameters and
// their aliasing, NumPy-worded shape errors, and the arithmetic operators.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
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

// Lengths that reach every kernel path: empty, tail only, one vector, the unrolled body plus a tail.
const std::vector<std::size_t> kLengths = {0, 1, 3, 7, 8, 15, 16, 17, 31, 33, 63, 64, 65, 100, 257, 1000};

// Same value: both NaN, or equal with the same sign (so -0 differs from +0).
template <class T>
bool same_value(T x, T y) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
    return x == y && std::signbit(x) == std::signbit(y);
  } else {
    return x == y;
  }
}

template <class T>
::testing::AssertionResult same_elements(const Vector<T>& actual, const std::vector<T>& expected) {
  if (actual.size() != expected.size()) {
    return ::testing::AssertionFailure() << "size " << actual.size() << ", expected " << expected.size();
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (!same_value(actual[i], expected[i])) {
      return ::testing::AssertionFailure() << "element " << i << " is " << actual[i] << ", expected "
                                           << expected[i] << " (n = " << expected.size() << ")";
    }
  }
  return ::testing::AssertionSuccess();
}
template <class T>
::testing::AssertionResult same_elements(const Vector<T>& actual, const Vector<T>& expected) {
  return same_elements(actual, std::vector<T>(expected.begin(), expected.end()));
}

// Deterministic data: floats in [lo, hi]; integers anywhere in their range (wrap-around included).
template <class T>
Vector<T> random_vector(std::size_t n, unsigned seed, double lo = -100.0, double hi = 100.0) {
  std::mt19937_64 rng(seed);
  Vector<T> v(n);
  for (auto& x : v) {
    if constexpr (std::is_floating_point_v<T>) {
      x = static_cast<T>(std::uniform_real_distribution<double>(lo, hi)(rng));
    } else {
      x = std::uniform_int_distribution<T>(std::numeric_limits<T>::min(), std::numeric_limits<T>::max())(rng);
    }
  }
  return v;
}

// Integer + - * in two's complement, without signed overflow.
template <class T>
T wrap_add(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(static_cast<U>(x) + static_cast<U>(y)));
}
template <class T>
T wrap_sub(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(static_cast<U>(x) - static_cast<U>(y)));
}
template <class T>
T wrap_mul(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(static_cast<U>(x) * static_cast<U>(y)));
}

template <class T>
T ref_add(T x, T y) {
  if constexpr (std::is_integral_v<T>) return wrap_add(x, y);
  return x + y;
}
template <class T>
T ref_sub(T x, T y) {
  if constexpr (std::is_integral_v<T>) return wrap_sub(x, y);
  return x - y;
}
template <class T>
T ref_mul(T x, T y) {
  if constexpr (std::is_integral_v<T>) return wrap_mul(x, y);
  return x * y;
}
// NumPy's maximum/minimum: NaN in either operand propagates; ties keep the first operand.
template <class T>
T ref_maximum(T x, T y) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(x)) return x;
    if (std::isnan(y)) return y;
  }
  return y > x ? y : x;
}
template <class T>
T ref_minimum(T x, T y) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(x)) return x;
    if (std::isnan(y)) return y;
  }
  return y < x ? y : x;
}

using trueno_test::expect_error;

using trueno_test::for_each_backend;

const std::string kBroadcast3x4 = "operands could not be broadcast together with shapes (3,) (4,)";
const std::string kOut2vs3 =
    "non-broadcastable output operand with shape (2,) doesn't match the broadcast shape (3,)";

// Checks a binary op's value form, out form and both exact aliasings against a scalar reference.
template <class T, class ValueFn, class OutFn, class RefFn>
void check_binary(ValueFn value, OutFn out_form, RefFn ref, unsigned seed) {
  for (std::size_t n : kLengths) {
    const Vector<T> a = random_vector<T>(n, seed + 2 * static_cast<unsigned>(n));
    const Vector<T> b = random_vector<T>(n, seed + 2 * static_cast<unsigned>(n) + 1);
    std::vector<T> expected(n);
    for (std::size_t i = 0; i < n; ++i) expected[i] = ref(a[i], b[i]);

    EXPECT_TRUE(same_elements(value(a, b), expected)) << "value form";
    Vector<T> out(n);
    out_form(a, b, out);
    EXPECT_TRUE(same_elements(out, expected)) << "out form";
    Vector<T> a2 = a;
    out_form(a2, b, a2);
    EXPECT_TRUE(same_elements(a2, expected)) << "out aliases the first operand";
    Vector<T> b2 = b;
    out_form(a, b2, b2);
    EXPECT_TRUE(same_elements(b2, expected)) << "out aliases the second operand";
  }
}

template <class T, class ValueFn, class OutFn, class RefFn>
void check_unary(ValueFn value, OutFn out_form, RefFn ref, unsigned seed, double lo = -100.0,
                 double hi = 100.0) {
  for (std::size_t n : kLengths) {
    const Vector<T> a = random_vector<T>(n, seed + static_cast<unsigned>(n), lo, hi);
    std::vector<T> expected(n);
    for (std::size_t i = 0; i < n; ++i) expected[i] = ref(a[i]);

    EXPECT_TRUE(same_elements(value(a), expected)) << "value form";
    Vector<T> out(n);
    out_form(a, out);
    EXPECT_TRUE(same_elements(out, expected)) << "out form";
    Vector<T> a2 = a;
    out_form(a2, a2);
    EXPECT_TRUE(same_elements(a2, expected)) << "out aliases the input";
  }
}

template <class T>
class VectorElementwise : public ::testing::Test {};
using ElementTypes = ::testing::Types<float, double, std::int32_t, std::int64_t>;
TYPED_TEST_SUITE(VectorElementwise, ElementTypes);

template <class T>
class VectorElementwiseFloat : public ::testing::Test {};
using FloatTypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(VectorElementwiseFloat, FloatTypes);

// --- hand-checked values
// --------------------------------------------------------------------------------------

TYPED_TEST(VectorElementwise, AddSubMulHandValues) {
  using T = TypeParam;
  const Vector<T> a{1, -2, 3, 40};
  const Vector<T> b{4, 5, -6, 2};
  EXPECT_EQ(trueno::add(a, b), (Vector<T>{5, 3, -3, 42}));
  EXPECT_EQ(trueno::sub(a, b), (Vector<T>{-3, -7, 9, 38}));
  EXPECT_EQ(trueno::mul(a, b), (Vector<T>{4, -10, -18, 80}));
}

TYPED_TEST(VectorElementwise, MaximumMinimumHandValues) {
  using T = TypeParam;
  const Vector<T> a{1, -2, 3, 7};
  const Vector<T> b{4, -5, 3, -7};
  EXPECT_EQ(trueno::maximum(a, b), (Vector<T>{4, -2, 3, 7}));
  EXPECT_EQ(trueno::minimum(a, b), (Vector<T>{1, -5, 3, -7}));
}

TYPED_TEST(VectorElementwise, UnaryHandValues) {
  using T = TypeParam;
  const Vector<T> a{-3, 0, 2, 5};
  EXPECT_EQ(trueno::neg(a), (Vector<T>{3, 0, -2, -5}));
  EXPECT_EQ(trueno::abs(a), (Vector<T>{3, 0, 2, 5}));
  EXPECT_EQ(trueno::square(a), (Vector<T>{9, 0, 4, 25}));
}

TYPED_TEST(VectorElementwise, ScalarOpsHandValues) {
  using T = TypeParam;
  const Vector<T> a{-3, 0, 2, 5};
  EXPECT_EQ(trueno::scale(a, 3), (Vector<T>{-9, 0, 6, 15}));
  EXPECT_EQ(trueno::add_scalar(a, -2), (Vector<T>{-5, -2, 0, 3}));
  EXPECT_EQ(trueno::clamp(a, -1, 3), (Vector<T>{-1, 0, 2, 3}));
}

TYPED_TEST(VectorElementwise, EmptyInputsGiveEmptyOutputs) {
  using T = TypeParam;
  const Vector<T> e;
  EXPECT_TRUE(trueno::add(e, e).empty());
  EXPECT_TRUE(trueno::neg(e).empty());
  EXPECT_TRUE(trueno::scale(e, 2).empty());
  EXPECT_TRUE(trueno::clamp(e, 0, 1).empty());
}

TEST(VectorElementwise, FloatingPointHandValues) {
  const Vector<double> a{1.0, -2.0, 9.0, 0.25};
  const Vector<double> b{4.0, 8.0, -3.0, 0.5};
  EXPECT_EQ(trueno::div(a, b), (Vector<double>{0.25, -0.25, -3.0, 0.5}));
  EXPECT_EQ(trueno::sqrt(Vector<double>{4.0, 9.0, 0.25, 0.0}), (Vector<double>{2.0, 3.0, 0.5, 0.0}));
  EXPECT_EQ(trueno::reciprocal(Vector<float>{2.0F, -4.0F, 0.5F}), (Vector<float>{0.5F, -0.25F, 2.0F}));
  EXPECT_EQ(trueno::fma(a, b, Vector<double>{1.0, 1.0, 1.0, 1.0}),
            (Vector<double>{5.0, -15.0, -26.0, 1.125}));
  EXPECT_EQ(trueno::lerp(Vector<float>{0.0F, 10.0F}, Vector<float>{4.0F, 20.0F}, 0.25F),
            (Vector<float>{1.0F, 12.5F}));
}

// --- every op against a scalar reference, on every kernel path
// ------------------------------------------------

TYPED_TEST(VectorElementwise, BinaryOpsMatchTheScalarReferenceAtEveryLength) {
  using T = TypeParam;
  using V = Vector<T>;
  check_binary<T>([](const V& a, const V& b) { return trueno::add(a, b); },
                  [](const V& a, const V& b, V& o) { trueno::add(a, b, o); }, ref_add<T>, 100);
  check_binary<T>([](const V& a, const V& b) { return trueno::sub(a, b); },
                  [](const V& a, const V& b, V& o) { trueno::sub(a, b, o); }, ref_sub<T>, 200);
  check_binary<T>([](const V& a, const V& b) { return trueno::mul(a, b); },
                  [](const V& a, const V& b, V& o) { trueno::mul(a, b, o); }, ref_mul<T>, 300);
  check_binary<T>([](const V& a, const V& b) { return trueno::maximum(a, b); },
                  [](const V& a, const V& b, V& o) { trueno::maximum(a, b, o); }, ref_maximum<T>, 400);
  check_binary<T>([](const V& a, const V& b) { return trueno::minimum(a, b); },
                  [](const V& a, const V& b, V& o) { trueno::minimum(a, b, o); }, ref_minimum<T>, 500);
}

TYPED_TEST(VectorElementwise, UnaryOpsMatchTheScalarReferenceAtEveryLength) {
  using T = TypeParam;
  using V = Vector<T>;
  check_unary<T>([](const V& a) { return trueno::neg(a); }, [](const V& a, V& o) { trueno::neg(a, o); },
                 [](T x) { return ref_sub<T>(T(0), x); }, 600);
  check_unary<T>([](const V& a) { return trueno::abs(a); }, [](const V& a, V& o) { trueno::abs(a, o); },
                 [](T x) { return x < T(0) ? ref_sub<T>(T(0), x) : (x == T(0) ? T(0) : x); }, 700);
  check_unary<T>([](const V& a) { return trueno::square(a); }, [](const V& a, V& o) { trueno::square(a, o); },
                 [](T x) { return ref_mul<T>(x, x); }, 800);
  check_unary<T>([](const V& a) { return trueno::scale(a, T(3)); },
                 [](const V& a, V& o) { trueno::scale(a, T(3), o); }, [](T x) { return ref_mul<T>(x, T(3)); },
                 900);
  check_unary<T>([](const V& a) { return trueno::add_scalar(a, T(-7)); },
                 [](const V& a, V& o) { trueno::add_scalar(a, T(-7), o); },
                 [](T x) { return ref_add<T>(x, T(-7)); }, 1000);
  const T lo = T(-20), hi = T(50);
  check_unary<T>([=](const V& a) { return trueno::clamp(a, lo, hi); },
                 [=](const V& a, V& o) { trueno::clamp(a, lo, hi, o); },
                 [=](T x) { return x < lo ? lo : (x > hi ? hi : x); }, 1100);
}

TYPED_TEST(VectorElementwiseFloat, DivSqrtReciprocalAreCorrectlyRoundedAtEveryLength) {
  using T = TypeParam;
  using V = Vector<T>;
  check_binary<T>([](const V& a, const V& b) { return trueno::div(a, b); },
                  [](const V& a, const V& b, V& o) { trueno::div(a, b, o); }, [](T x, T y) { return x / y; },
                  1200);
  check_unary<T>([](const V& a) { return trueno::sqrt(a); }, [](const V& a, V& o) { trueno::sqrt(a, o); },
                 [](T x) { return std::sqrt(x); }, 1300, 0.0, 1e6);
  check_unary<T>([](const V& a) { return trueno::reciprocal(a); },
                 [](const V& a, V& o) { trueno::reciprocal(a, o); }, [](T x) { return T(1) / x; }, 1400);
}

TYPED_TEST(VectorElementwiseFloat, FmaRoundsOnceAtEveryLength) {
  using T = TypeParam;
  if (trueno::active_backend() == trueno::Backend::sse2) GTEST_SKIP() << "SSE2 has no fused multiply-add";
  for (std::size_t n : kLengths) {
    const Vector<T> a = random_vector<T>(n, 1500 + 3 * static_cast<unsigned>(n));
    const Vector<T> b = random_vector<T>(n, 1501 + 3 * static_cast<unsigned>(n));
    const Vector<T> c = random_vector<T>(n, 1502 + 3 * static_cast<unsigned>(n));
    std::vector<T> expected(n);
    for (std::size_t i = 0; i < n; ++i) expected[i] = std::fma(a[i], b[i], c[i]);
    EXPECT_TRUE(same_elements(trueno::fma(a, b, c), expected));
    Vector<T> out(n);
    trueno::fma(a, b, c, out);
    EXPECT_TRUE(same_elements(out, expected));
    Vector<T> c2 = c;
    trueno::fma(a, b, c2, c2);
    EXPECT_TRUE(same_elements(c2, expected)) << "out aliases the addend";
  }
}

TEST(VectorElementwise, FmaIsFusedNotMultiplyThenAdd) {
  if (trueno::active_backend() == trueno::Backend::sse2) GTEST_SKIP() << "SSE2 has no fused multiply-add";
  // (1 + 2^-27)^2 - (1 + 2^-26) == 2^-54 exactly; rounding the product first gives 0.
  const double x = 1.0 + std::ldexp(1.0, -27);
  const Vector<double> r = trueno::fma(Vector<double>(20, x), Vector<double>(20, x),
                                       Vector<double>(20, -(1.0 + std::ldexp(1.0, -26))));
  for (double v : r) EXPECT_EQ(v, std::ldexp(1.0, -54));
  const float y = 1.0F + std::ldexp(1.0F, -12);
  const Vector<float> s = trueno::fma(Vector<float>(20, y), Vector<float>(20, y),
                                      Vector<float>(20, -(1.0F + std::ldexp(1.0F, -11))));
  for (float v : s) EXPECT_EQ(v, std::ldexp(1.0F, -24));
}

// --- IEEE special values
// ---------------------------------------------------------------------------------------

TEST(VectorElementwise, DivisionByZeroFollowsIEEE) {
  const Vector<double> r =
      trueno::div(Vector<double>{1.0, -1.0, 0.0, 1.0}, Vector<double>{0.0, 0.0, 0.0, -0.0});
  EXPECT_EQ(r[0], kInf<double>);
  EXPECT_EQ(r[1], -kInf<double>);
  EXPECT_TRUE(std::isnan(r[2]));
  EXPECT_EQ(r[3], -kInf<double>);
}

TEST(VectorElementwise, SqrtOfNegativeIsNaNAndOfMinusZeroIsMinusZero) {
  const Vector<float> r = trueno::sqrt(Vector<float>{-1.0F, -0.0F, kInf<float>, kNaN<float>});
  EXPECT_TRUE(std::isnan(r[0]));
  EXPECT_EQ(r[1], 0.0F);
  EXPECT_TRUE(std::signbit(r[1]));
  EXPECT_EQ(r[2], kInf<float>);
  EXPECT_TRUE(std::isnan(r[3]));
}

TEST(VectorElementwise, ReciprocalIsAnExactDivision) {
  // An rcp14/rcp estimate would miss 1/3 in the last bits.
  const Vector<float> r = trueno::reciprocal(Vector<float>(40, 3.0F));
  for (float v : r) EXPECT_EQ(v, 1.0F / 3.0F);
  const Vector<double> z = trueno::reciprocal(Vector<double>{0.0, -0.0, kInf<double>});
  EXPECT_EQ(z[0], kInf<double>);
  EXPECT_EQ(z[1], -kInf<double>);
  EXPECT_EQ(z[2], 0.0);
}

TEST(VectorElementwise, NegAndAbsFlipOnlyTheSignBit) {
  for_each_backend([] {
    const Vector<double> a{0.0, -0.0, -kInf<double>, 1.5};
    const Vector<double> n = trueno::neg(a);
    EXPECT_TRUE(std::signbit(n[0]));
    EXPECT_FALSE(std::signbit(n[1]));
    EXPECT_EQ(n[2], kInf<double>);
    EXPECT_EQ(n[3], -1.5);
    const Vector<double> m = trueno::abs(a);
    EXPECT_FALSE(std::signbit(m[1]));
    EXPECT_EQ(m[2], kInf<double>);
    const Vector<float> nan_abs = trueno::abs(Vector<float>{-kNaN<float>});
    EXPECT_TRUE(std::isnan(nan_abs[0]));
    EXPECT_FALSE(std::signbit(nan_abs[0]));
    const Vector<float> nan_neg = trueno::neg(Vector<float>(20, kNaN<float>));
    for (float x : nan_neg)
      EXPECT_TRUE(std::isnan(x) && std::signbit(x)) << "-nan keeps NaN and flips the sign";
  });
}

// --- maximum / minimum
// ------------------------------------------------------------------------------------------

TYPED_TEST(VectorElementwiseFloat, MaximumAndMinimumPropagateNaNFromEitherOperand) {
  using T = TypeParam;
  for_each_backend([] {
    for (std::size_t n : {1U, 5U, 40U, 100U}) {
      Vector<T> a(n, T(1)), b(n, T(2));
      a[n / 2] = kNaN<T>;
      b[n - 1] = kNaN<T>;
      const Vector<T> mx = trueno::maximum(a, b), mn = trueno::minimum(a, b);
      const Vector<T> mx_swapped = trueno::maximum(b, a), mn_swapped = trueno::minimum(b, a);
      for (std::size_t i = 0; i < n; ++i) {
        const bool nan_here = i == n / 2 || i == n - 1;
        EXPECT_EQ(std::isnan(mx[i]), nan_here) << "maximum at " << i << " of " << n;
        EXPECT_EQ(std::isnan(mn[i]), nan_here) << "minimum at " << i << " of " << n;
        EXPECT_EQ(std::isnan(mx_swapped[i]), nan_here) << "maximum(b, a) at " << i << " of " << n;
        EXPECT_EQ(std::isnan(mn_swapped[i]), nan_here) << "minimum(b, a) at " << i << " of " << n;
        if (!nan_here) {
          EXPECT_EQ(mx[i], T(2));
          EXPECT_EQ(mn[i], T(1));
        }
      }
    }
  });
}

TYPED_TEST(VectorElementwiseFloat, MaximumAndMinimumTiesReturnTheFirstOperand) {
  using T = TypeParam;
  for_each_backend([] {
    for (std::size_t n : {1U, 19U, 64U}) {
      const Vector<T> pos(n, T(0)), neg(n, -T(0));
      const Vector<T> max_pos_neg = trueno::maximum(pos, neg);
      const Vector<T> max_neg_pos = trueno::maximum(neg, pos);
      const Vector<T> min_neg_pos = trueno::minimum(neg, pos);
      const Vector<T> min_pos_neg = trueno::minimum(pos, neg);
      for (std::size_t i = 0; i < n; ++i) {
        EXPECT_FALSE(std::signbit(max_pos_neg[i])) << "maximum(+0, -0) is +0";
        EXPECT_TRUE(std::signbit(max_neg_pos[i])) << "maximum(-0, +0) is -0";
        EXPECT_TRUE(std::signbit(min_neg_pos[i])) << "minimum(-0, +0) is -0";
        EXPECT_FALSE(std::signbit(min_pos_neg[i])) << "minimum(+0, -0) is +0";
      }
    }
  });
}

TYPED_TEST(VectorElementwiseFloat, MaximumAndMinimumHandleInfinities) {
  using T = TypeParam;
  const Vector<T> a{-kInf<T>, kInf<T>, 1};
  const Vector<T> b{0, 0, -kInf<T>};
  EXPECT_EQ(trueno::maximum(a, b), (Vector<T>{0, kInf<T>, 1}));
  EXPECT_EQ(trueno::minimum(a, b), (Vector<T>{-kInf<T>, 0, -kInf<T>}));
}

// --- clamp
// -----------------------------------------------------------------------------------------------------

TYPED_TEST(VectorElementwise, ClampRejectsLoGreaterThanHi) {
  using T = TypeParam;
  const Vector<T> a{1, 2, 3};
  Vector<T> out(3, T(9));
  try {
    (void)trueno::clamp(a, 2, 1);
    ADD_FAILURE() << "expected value_error";
  } catch (const trueno::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("clamp"), std::string::npos) << e.what();
  }
  EXPECT_THROW(trueno::clamp(a, 2, 1, out), trueno::value_error);
  EXPECT_EQ(out, (Vector<T>(3, T(9)))) << "a failed call leaves out untouched";
}

TYPED_TEST(VectorElementwise, ClampWithEqualBoundsGivesThatBound) {
  using T = TypeParam;
  EXPECT_EQ(trueno::clamp(Vector<T>{-5, 0, 5, 100}, 2, 2), (Vector<T>(4, T(2))));
}

TYPED_TEST(VectorElementwiseFloat, ClampRejectsNaNBounds) {
  using T = TypeParam;
  const Vector<T> a{1, 2, 3};
  EXPECT_THROW((void)trueno::clamp(a, kNaN<T>, T(1)), trueno::value_error);
  EXPECT_THROW((void)trueno::clamp(a, T(0), kNaN<T>), trueno::value_error);
  Vector<T> out(3);
  EXPECT_THROW(trueno::clamp(a, kNaN<T>, kNaN<T>, out), trueno::value_error);
}

TYPED_TEST(VectorElementwiseFloat, ClampKeepsNaNElements) {
  using T = TypeParam;
  for_each_backend([] {
    for (std::size_t n : {1U, 18U, 70U}) {
      Vector<T> a(n, T(5));
      a[0] = kNaN<T>;
      a[n - 1] = kNaN<T>;
      const Vector<T> r = trueno::clamp(a, T(-1), T(1));
      EXPECT_TRUE(std::isnan(r[0]));
      EXPECT_TRUE(std::isnan(r[n - 1]));
      for (std::size_t i = 1; i + 1 < n; ++i) EXPECT_EQ(r[i], T(1));
    }
  });
}

TYPED_TEST(VectorElementwiseFloat, ClampAcceptsInfiniteBounds) {
  using T = TypeParam;
  const Vector<T> a{-kInf<T>, -1e30F, 0, 1e30F, kInf<T>};
  EXPECT_EQ(trueno::clamp(a, -kInf<T>, kInf<T>), a);
  EXPECT_EQ(trueno::clamp(a, T(0), kInf<T>), (Vector<T>{0, 0, 0, 1e30F, kInf<T>}));
}

TEST(VectorElementwise, ClampTakesScalarsOfAnyArithmeticType) {
  // The scalar parameters are std::type_identity_t<T>: double literals clamp a float vector.
  const Vector<float> v{-2.0F, 0.25F, 2.0F};
  EXPECT_EQ(trueno::clamp(v, -0.5, 0.5), (Vector<float>{-0.5F, 0.25F, 0.5F}));
}

TEST(VectorElementwise, ClampIntegerExtremes) {
  const Vector<std::int32_t> a{kI32Min, -1, 0, kI32Max};
  EXPECT_EQ(trueno::clamp(a, kI32Min, kI32Max), a);
  EXPECT_EQ(trueno::clamp(a, -1, 1), (Vector<std::int32_t>{-1, -1, 0, 1}));
  const Vector<std::int64_t> b{kI64Min, kI64Max};
  EXPECT_EQ(trueno::clamp(b, kI64Min + 1, kI64Max - 1), (Vector<std::int64_t>{kI64Min + 1, kI64Max - 1}));
}

// --- lerp
// ------------------------------------------------------------------------------------------------------

TYPED_TEST(VectorElementwiseFloat, LerpHandValues) {
  using T = TypeParam;
  const Vector<T> a{1, -2, 0};
  const Vector<T> b{3, 2, 8};
  EXPECT_EQ(trueno::lerp(a, b, T(0)), a);
  EXPECT_EQ(trueno::lerp(a, b, T(0.25)), (Vector<T>{1.5, -1, 2}));
  EXPECT_EQ(trueno::lerp(a, b, T(0.5)), (Vector<T>{2, 0, 4}));
  EXPECT_EQ(trueno::lerp(a, b, T(0.75)), (Vector<T>{2.5, 1, 6}));
  EXPECT_EQ(trueno::lerp(a, b, T(1)), b);
  EXPECT_EQ(trueno::lerp(a, b, T(2)), (Vector<T>{5, 6, 16}));     // extrapolation
  EXPECT_EQ(trueno::lerp(a, b, T(-1)), (Vector<T>{-1, -6, -8}));  // extrapolation below a
}

TYPED_TEST(VectorElementwiseFloat, LerpIsExactlyTheEndPointAtTOne) {
  using T = TypeParam;
  // a + 1 * (b - a) would give 0 here: b - a rounds to -a.
  const Vector<T> a(33, T(1e20));
  const Vector<T> b(33, T(1));
  EXPECT_EQ(trueno::lerp(a, b, T(1)), b);
  EXPECT_EQ(trueno::lerp(b, a, T(0)), b);
}

TYPED_TEST(VectorElementwiseFloat, LerpMatchesPyTorchsFormula) {
  using T = TypeParam;
  // PyTorch: |t| < 0.5 ? a + t * (b - a) : b - (b - a) * (1 - t). At these t the products are exact, so the
  // reference does not depend on whether a multiply-add is fused.
  for (const T t : {T(0), T(0.25), T(0.5), T(1)}) {
    for (std::size_t n : kLengths) {
      const Vector<T> a = random_vector<T>(n, 1600 + static_cast<unsigned>(n));
      const Vector<T> b = random_vector<T>(n, 1700 + static_cast<unsigned>(n));
      std::vector<T> expected(n);
      for (std::size_t i = 0; i < n; ++i) {
        const T d = b[i] - a[i];
        expected[i] = std::fabs(t) < T(0.5) ? a[i] + t * d : b[i] - d * (T(1) - t);
      }
      EXPECT_TRUE(same_elements(trueno::lerp(a, b, t), expected)) << "t = " << t;
      Vector<T> out(n);
      trueno::lerp(a, b, t, out);
      EXPECT_TRUE(same_elements(out, expected)) << "t = " << t;
      Vector<T> b2 = b;
      trueno::lerp(a, b2, t, b2);
      EXPECT_TRUE(same_elements(b2, expected)) << "out aliases b, t = " << t;
    }
  }
}

// --- integer semantics
// -----------------------------------------------------------------------------------------

TEST(VectorIntegerSemantics, AddSubMulWrapAroundLikeNumPy) {
  for_each_backend([] {
    for (std::size_t n : {1U, 37U, 100U}) {
      using V32 = Vector<std::int32_t>;
      using V64 = Vector<std::int64_t>;
      EXPECT_EQ(trueno::add(V32(n, kI32Max), V32(n, 1)), V32(n, kI32Min));
      EXPECT_EQ(trueno::sub(V32(n, kI32Min), V32(n, 1)), V32(n, kI32Max));
      EXPECT_EQ(trueno::mul(V32(n, kI32Max), V32(n, 2)), V32(n, -2));
      EXPECT_EQ(trueno::mul(V32(n, 65536), V32(n, 65536)), V32(n, 0));
      EXPECT_EQ(trueno::add(V64(n, kI64Max), V64(n, 1)), V64(n, kI64Min));
      EXPECT_EQ(trueno::sub(V64(n, kI64Min), V64(n, 1)), V64(n, kI64Max));
      EXPECT_EQ(trueno::mul(V64(n, kI64Max), V64(n, 2)), V64(n, -2));
      EXPECT_EQ(trueno::mul(V64(n, std::int64_t{1} << 32), V64(n, std::int64_t{1} << 32)), V64(n, 0));
      EXPECT_EQ(trueno::mul(V64(n, 3037000500), V64(n, 3037000500)),
                V64(n, wrap_mul<std::int64_t>(3037000500, 3037000500)));
    }
  });
}

TEST(VectorIntegerSemantics, AbsAndNegOfTheMinimumAreTheMinimum) {
  for_each_backend([] {
    for (std::size_t n : {1U, 37U, 100U}) {
      EXPECT_EQ(trueno::abs(Vector<std::int32_t>(n, kI32Min)), Vector<std::int32_t>(n, kI32Min));
      EXPECT_EQ(trueno::neg(Vector<std::int32_t>(n, kI32Min)), Vector<std::int32_t>(n, kI32Min));
      EXPECT_EQ(-Vector<std::int32_t>(n, kI32Min), Vector<std::int32_t>(n, kI32Min));
      EXPECT_EQ(trueno::abs(Vector<std::int64_t>(n, kI64Min)), Vector<std::int64_t>(n, kI64Min));
      EXPECT_EQ(trueno::neg(Vector<std::int64_t>(n, kI64Min)), Vector<std::int64_t>(n, kI64Min));
      EXPECT_EQ(-Vector<std::int64_t>(n, kI64Min), Vector<std::int64_t>(n, kI64Min));
    }
    EXPECT_EQ(trueno::abs(Vector<std::int32_t>{kI32Min + 1, -1}), (Vector<std::int32_t>{kI32Max, 1}));
  });
}

TEST(VectorIntegerSemantics, ScalarOpsWrapAround) {
  EXPECT_EQ(trueno::scale(Vector<std::int32_t>{kI32Max}, 3), (Vector<std::int32_t>{2147483645}));
  EXPECT_EQ(trueno::add_scalar(Vector<std::int32_t>(20, kI32Max), 2),
            (Vector<std::int32_t>(20, kI32Min + 1)));
  EXPECT_EQ(trueno::square(Vector<std::int32_t>{46341}), (Vector<std::int32_t>{-2147479015}));
  EXPECT_EQ(trueno::square(Vector<std::int64_t>{std::int64_t{1} << 32}), (Vector<std::int64_t>{0}));
  EXPECT_EQ(Vector<std::int32_t>({0, -1}) - kI32Min, (Vector<std::int32_t>{kI32Min, kI32Max}));
  EXPECT_EQ(5 - Vector<std::int32_t>{kI32Min}, (Vector<std::int32_t>{-2147483643}));
  Vector<std::int64_t> v{0};
  v -= kI64Min;
  EXPECT_EQ(v, (Vector<std::int64_t>{kI64Min}));
}

TEST(VectorIntegerSemantics, IntegerDivisionReturnsFloat64) {
  const Vector<std::int32_t> a{7, -7, 1, 0, -1, 6};
  const Vector<std::int32_t> b{2, 2, 0, 0, 0, -3};
  static_assert(std::is_same_v<decltype(trueno::div(a, b)), Vector<double>>);
  static_assert(std::is_same_v<decltype(a / b), Vector<double>>);
  const Vector<double> q = trueno::div(a, b);
  EXPECT_EQ(q[0], 3.5);
  EXPECT_EQ(q[1], -3.5);
  EXPECT_EQ(q[2], kInf<double>);
  EXPECT_TRUE(std::isnan(q[3]));
  EXPECT_EQ(q[4], -kInf<double>);
  EXPECT_EQ(q[5], -2.0);
  EXPECT_TRUE(same_elements(a / b, q));
  const Vector<std::int64_t> big{kI64Max, kI64Min};
  EXPECT_EQ(trueno::div(big, Vector<std::int64_t>{1, -1}),
            (Vector<double>{9223372036854775807.0, 9223372036854775808.0}));
}

TEST(VectorIntegerSemantics, IntegerDivisionAcrossChunks) {
  // The conversion works in chunks of 1024: check lengths around the boundaries.
  for (std::size_t n : {1023U, 1024U, 1025U, 2500U}) {
    const Vector<std::int64_t> a = random_vector<std::int64_t>(n, 1800 + static_cast<unsigned>(n));
    Vector<std::int64_t> b = random_vector<std::int64_t>(n, 1900 + static_cast<unsigned>(n));
    b[n / 2] = 0;
    std::vector<double> expected(n);
    for (std::size_t i = 0; i < n; ++i) expected[i] = static_cast<double>(a[i]) / static_cast<double>(b[i]);
    EXPECT_TRUE(same_elements(trueno::div(a, b), expected));
    Vector<double> out(n);
    trueno::div(a, b, out);
    EXPECT_TRUE(same_elements(out, expected));
  }
}

TEST(VectorIntegerSemantics, IntegerDivisionChecksShapes) {
  const Vector<std::int32_t> a(3), b(4);
  expect_error<trueno::shape_error>([&] { (void)trueno::div(a, b); }, kBroadcast3x4);
  Vector<double> out(2);
  expect_error<trueno::shape_error>([&] { trueno::div(a, a, out); }, kOut2vs3);
}

template <class T>
concept HasSqrt = requires(const Vector<T>& v) {
  trueno::sqrt(v);
};
template <class T>
concept HasReciprocal = requires(const Vector<T>& v) {
  trueno::reciprocal(v);
};
template <class T>
concept HasLerp = requires(const Vector<T>& v) {
  trueno::lerp(v, v, 0);
};
template <class T>
concept HasDivideAssign = requires(Vector<T>& a, const Vector<T>& b) {
  a /= b;
};

TEST(VectorIntegerSemantics, FloatOnlyOpsDoNotCompileForIntegers) {
  static_assert(HasSqrt<float> && HasSqrt<double>);
  static_assert(!HasSqrt<std::int32_t> && !HasSqrt<std::int64_t>);
  static_assert(HasReciprocal<double> && !HasReciprocal<std::int64_t>);
  static_assert(HasLerp<float> && !HasLerp<std::int32_t>);
  static_assert(HasDivideAssign<double> && !HasDivideAssign<std::int32_t>);  // int / int is float64
  SUCCEED();
}

// --- shape errors
// ----------------------------------------------------------------------------------------------

TYPED_TEST(VectorElementwise, SizeMismatchIsAShapeErrorWordedLikeNumPy) {
  using T = TypeParam;
  const Vector<T> a(3), b(4);
  Vector<T> out(3);
  expect_error<trueno::shape_error>([&] { (void)trueno::add(a, b); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { (void)trueno::sub(a, b); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { (void)trueno::mul(a, b); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { (void)trueno::maximum(a, b); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { (void)trueno::minimum(a, b); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { trueno::add(a, b, out); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { (void)(a + b); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { (void)(a - b); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { (void)(a * b); }, kBroadcast3x4);
  Vector<T> c = a;
  expect_error<trueno::shape_error>([&] { c += b; }, kBroadcast3x4);
  EXPECT_THROW(c -= b, trueno::shape_error);
  EXPECT_THROW(c *= b, trueno::shape_error);
  EXPECT_THROW((void)trueno::add(b, a), trueno::error);
}

TYPED_TEST(VectorElementwise, WrongOutSizeIsAShapeErrorWordedLikeNumPy) {
  using T = TypeParam;
  const Vector<T> a{1, 2, 3};
  Vector<T> out(2, T(7));
  expect_error<trueno::shape_error>([&] { trueno::add(a, a, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::sub(a, a, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::mul(a, a, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::maximum(a, a, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::minimum(a, a, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::neg(a, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::abs(a, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::square(a, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::scale(a, 2, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::add_scalar(a, 2, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::clamp(a, 0, 1, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::copy(a, out); }, kOut2vs3);
  EXPECT_EQ(out, (Vector<T>(2, T(7)))) << "a failed call leaves out untouched";
}

TYPED_TEST(VectorElementwiseFloat, FloatOpsCheckShapes) {
  using T = TypeParam;
  const Vector<T> a{1, 2, 3}, b(4);
  Vector<T> out(2);
  expect_error<trueno::shape_error>([&] { (void)trueno::div(a, b); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { (void)(a / b); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { (void)trueno::lerp(a, b, T(0.5)); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { (void)trueno::fma(a, a, b); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { (void)trueno::fma(a, b, a); }, kBroadcast3x4);
  expect_error<trueno::shape_error>([&] { trueno::div(a, a, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::sqrt(a, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::reciprocal(a, out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::lerp(a, a, T(0.5), out); }, kOut2vs3);
  expect_error<trueno::shape_error>([&] { trueno::fma(a, a, a, out); }, kOut2vs3);
}

TEST(VectorElementwise, BroadcastErrorTakesPrecedenceOverOutError) {
  const Vector<float> a(3), b(4);
  Vector<float> out(2);
  expect_error<trueno::shape_error>([&] { trueno::add(a, b, out); }, kBroadcast3x4);
}

// --- out-parameter aliasing
// ------------------------------------------------------------------------------------

TEST(VectorElementwise, OutMayBeBothInputsAtOnce) {
  Vector<double> a{1.0, 2.0, 3.0};
  trueno::add(a, a, a);
  EXPECT_EQ(a, (Vector<double>{2.0, 4.0, 6.0}));
  trueno::mul(a, a, a);
  EXPECT_EQ(a, (Vector<double>{4.0, 16.0, 36.0}));
  trueno::sub(a, a, a);
  EXPECT_EQ(a, (Vector<double>(3, 0.0)));
}

TEST(VectorElementwise, OutFormWritesIntoTheGivenStorage) {
  const Vector<float> a{1.0F, 2.0F};
  Vector<float> out(2);
  const float* p = out.data();
  trueno::add(a, a, out);
  EXPECT_EQ(out.data(), p);
  EXPECT_EQ(out, (Vector<float>{2.0F, 4.0F}));
}

// --- operators
// -------------------------------------------------------------------------------------------------

TYPED_TEST(VectorElementwise, OperatorsForwardToTheNamedOps) {
  using T = TypeParam;
  const Vector<T> a{6, -4, 2};
  const Vector<T> b{3, 2, -1};
  EXPECT_EQ(a + b, (Vector<T>{9, -2, 1}));
  EXPECT_EQ(a - b, (Vector<T>{3, -6, 3}));
  EXPECT_EQ(a * b, (Vector<T>{18, -8, -2}));
  EXPECT_EQ(-a, (Vector<T>{-6, 4, -2}));
  EXPECT_EQ(a + 1, (Vector<T>{7, -3, 3}));
  EXPECT_EQ(1 + a, (Vector<T>{7, -3, 3}));
  EXPECT_EQ(a - 1, (Vector<T>{5, -5, 1}));
  EXPECT_EQ(1 - a, (Vector<T>{-5, 5, -1}));
  EXPECT_EQ(a * 2, (Vector<T>{12, -8, 4}));
  EXPECT_EQ(2 * a, (Vector<T>{12, -8, 4}));
}

TYPED_TEST(VectorElementwise, CompoundAssignmentUpdatesInPlace) {
  using T = TypeParam;
  Vector<T> a{6, -4, 2};
  const T* p = a.data();
  const Vector<T> b{3, 2, -1};
  EXPECT_EQ(&(a += b), &a);
  EXPECT_EQ(a, (Vector<T>{9, -2, 1}));
  EXPECT_EQ(&(a -= b), &a);
  EXPECT_EQ(a, (Vector<T>{6, -4, 2}));
  EXPECT_EQ(&(a *= b), &a);
  EXPECT_EQ(a, (Vector<T>{18, -8, -2}));
  EXPECT_EQ(&(a += 2), &a);
  EXPECT_EQ(a, (Vector<T>{20, -6, 0}));
  EXPECT_EQ(&(a -= 1), &a);
  EXPECT_EQ(a, (Vector<T>{19, -7, -1}));
  EXPECT_EQ(&(a *= 3), &a);
  EXPECT_EQ(a, (Vector<T>{57, -21, -3}));
  EXPECT_EQ(a.data(), p) << "compound assignment does not reallocate";
}

TYPED_TEST(VectorElementwiseFloat, DivisionOperators) {
  using T = TypeParam;
  Vector<T> a{6, -4, 1};
  const Vector<T> b{3, 2, -4};
  EXPECT_EQ(a / b, (Vector<T>{2, -2, -0.25}));
  EXPECT_EQ(a / T(2), (Vector<T>{3, -2, 0.5}));
  EXPECT_EQ(&(a /= b), &a);
  EXPECT_EQ(a, (Vector<T>{2, -2, -0.25}));
  EXPECT_EQ(&(a /= T(-0.5)), &a);
  EXPECT_EQ(a, (Vector<T>{-4, 4, 0.5}));
}

TYPED_TEST(VectorElementwiseFloat, DivisionByAScalarIsExactNotAReciprocalMultiply) {
  using T = TypeParam;
  const Vector<T> a = random_vector<T>(257, 2000);
  const T s = T(3);
  std::vector<T> expected(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) expected[i] = a[i] / s;
  EXPECT_TRUE(same_elements(a / s, expected));
  Vector<T> c = a;
  c /= s;
  EXPECT_TRUE(same_elements(c, expected));
}

TYPED_TEST(VectorElementwiseFloat, ScalarSubtractionIsExact) {
  using T = TypeParam;
  const Vector<T> a = random_vector<T>(100, 2100);
  const T s = T(0.1);
  std::vector<T> minus(a.size()), from(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    minus[i] = a[i] - s;
    from[i] = s - a[i];
  }
  EXPECT_TRUE(same_elements(a - s, minus));
  EXPECT_TRUE(same_elements(s - a, from));
  Vector<T> c = a;
  c -= s;
  EXPECT_TRUE(same_elements(c, minus));
}

TEST(VectorElementwise, OperatorsComposeEagerly) {
  const Vector<float> a{1.0F, 2.0F};
  const Vector<float> b{3.0F, 4.0F};
  EXPECT_EQ(a + b * 2.0F, (Vector<float>{7.0F, 10.0F}));
  EXPECT_EQ(-(a - b) / 2.0F, (Vector<float>{1.0F, 1.0F}));
  EXPECT_EQ(a * 2, (Vector<float>{2.0F, 4.0F}));  // an int scalar converts to the element type
}

// --- fill and copy
// ---------------------------------------------------------------------------------------------

TYPED_TEST(VectorElementwise, FillSetsEveryElement) {
  using T = TypeParam;
  Vector<T> v(37);
  trueno::fill(v, 5);
  EXPECT_EQ(v, (Vector<T>(37, T(5))));
  Vector<T> e;
  trueno::fill(e, 1);
  EXPECT_TRUE(e.empty());
}

TYPED_TEST(VectorElementwise, CopyCopiesIntoTheDestination) {
  using T = TypeParam;
  const Vector<T> src{1, 2, 3};
  Vector<T> dst(3);
  const T* p = dst.data();
  trueno::copy(src, dst);
  EXPECT_EQ(dst, src);
  EXPECT_EQ(dst.data(), p);
  trueno::copy(dst, dst);  // copying onto itself is a no-op
  EXPECT_EQ(dst, src);
  Vector<T> e;
  EXPECT_NO_THROW(trueno::copy(Vector<T>(), e));
}

TEST(VectorElementwise, CopyPreservesNaNPayloadsAndSignedZeros) {
  const Vector<double> src{-0.0, kNaN<double>};
  Vector<double> dst(2);
  trueno::copy(src, dst);
  for (std::size_t i = 0; i < src.size(); ++i) {
    EXPECT_EQ(std::bit_cast<std::uint64_t>(src[i]), std::bit_cast<std::uint64_t>(dst[i]));
  }
}

}  // namespace
