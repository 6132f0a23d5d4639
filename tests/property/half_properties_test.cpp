// Properties of trueno::float16 and trueno::bfloat16 over arbitrary bit patterns (RapidCheck): rounding picks
// a nearest neighbour, is monotonic and sign-symmetric, double and float sources agree when the double is a
// float, arithmetic is the correctly rounded exact result, and the printed text reads back.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <trueno/core/half.hpp>

namespace {

using trueno::bfloat16;
using trueno::float16;

rc::Gen<float> any_float_bits() {
  return rc::gen::map(rc::gen::arbitrary<std::uint32_t>(),
                      [](std::uint32_t b) { return std::bit_cast<float>(b); });
}

// x rounds to h: no representable neighbour of h is strictly closer to x, and at equal distance h is even.
template <class T>
void check_nearest(double x) {
  const T h(x);
  if (std::isnan(x)) {
    RC_ASSERT(trueno::isnan(h));
    return;
  }
  RC_ASSERT(trueno::signbit(h) == std::signbit(x));
  const double got = float(h);
  const double max = float(std::numeric_limits<T>::max());
  if (std::isinf(got)) {
    // Only from beyond max + half an ulp of max.
    const double ulp =
        max - float(T::from_bits(static_cast<std::uint16_t>(std::numeric_limits<T>::max().bits() - 1)));
    RC_ASSERT(std::fabs(x) >= max + ulp / 2);
    return;
  }
  const auto bits = static_cast<std::uint16_t>(h.bits() & 0x7FFFU);
  const double err = std::fabs(std::fabs(x) - std::fabs(got));
  for (int d : {-1, 1}) {
    if (bits == 0 && d < 0) continue;
    const T neighbour = T::from_bits(static_cast<std::uint16_t>(bits + d));
    if (!trueno::isfinite(neighbour)) continue;
    const double other = std::fabs(std::fabs(x) - float(neighbour));
    RC_ASSERT(err <= other);
    if (err == other) RC_ASSERT((bits & 1U) == 0U);
  }
}

RC_GTEST_PROP(HalfProperties, FloatRoundsToANearestValue, ()) {
  const float f = *any_float_bits();
  check_nearest<float16>(f);
  check_nearest<bfloat16>(f);
}

RC_GTEST_PROP(HalfProperties, DoubleRoundsToANearestValue, ()) {
  const auto b = *rc::gen::arbitrary<std::uint64_t>();
  const int e = *rc::gen::inRange(-30, 20);
  const double near_range = std::ldexp(1.0 + static_cast<double>(b >> 12U) * 0x1p-52, e);
  check_nearest<float16>(near_range);
  check_nearest<bfloat16>(near_range);
  check_nearest<float16>(std::bit_cast<double>(b));
  check_nearest<bfloat16>(std::bit_cast<double>(b));
}

RC_GTEST_PROP(HalfProperties, RoundingIsMonotonicAndSignSymmetric, ()) {
  const float a = *any_float_bits(), b = *any_float_bits();
  RC_PRE(!std::isnan(a) && !std::isnan(b));
  if (a <= b) {
    RC_ASSERT(float16(a) <= float16(b));
    RC_ASSERT(bfloat16(a) <= bfloat16(b));
  }
  RC_ASSERT(float16(-a).bits() == (float16(a).bits() ^ 0x8000U));
  RC_ASSERT(bfloat16(-a).bits() == (bfloat16(a).bits() ^ 0x8000U));
  RC_ASSERT(float16(static_cast<double>(a)).bits() == float16(a).bits());
  RC_ASSERT(bfloat16(static_cast<double>(a)).bits() == bfloat16(a).bits());
}

template <class T>
void check_arithmetic(T x, T y) {
  // The exact result in double (exact for + - * of two 16-bit floats), rounded once.
  const double a = float(x), b = float(y);
  auto same = [](T got, T want) {
    return got.bits() == want.bits() || (trueno::isnan(got) && trueno::isnan(want));
  };
  RC_ASSERT(same(x + y, T(a + b)));
  RC_ASSERT(same(x - y, T(a - b)));
  RC_ASSERT(same(x * y, T(a * b)));
  if (b != 0) {
    // a / b is not exact in double, but double's 53 bits leave it correctly rounded to 11 or 8 bits unless it
    // lies within 2^-53 relative of a tie, which a quotient of two short significands cannot do.
    RC_ASSERT(same(x / y, T(a / b)));
  }
}

RC_GTEST_PROP(HalfProperties, ArithmeticIsTheExactResultRoundedOnce, ()) {
  const auto p = *rc::gen::arbitrary<std::uint16_t>(), q = *rc::gen::arbitrary<std::uint16_t>();
  check_arithmetic(float16::from_bits(p), float16::from_bits(q));
  check_arithmetic(bfloat16::from_bits(p), bfloat16::from_bits(q));
}

RC_GTEST_PROP(HalfProperties, TextReadsBack, ()) {
  const auto p = *rc::gen::arbitrary<std::uint16_t>();
  const float16 h = float16::from_bits(p);
  const bfloat16 g = bfloat16::from_bits(p);
  if (!trueno::isnan(h)) RC_ASSERT(float16(std::stod(trueno::to_string(h))).bits() == p);
  if (!trueno::isnan(g)) RC_ASSERT(bfloat16(std::stod(trueno::to_string(g))).bits() == p);
}

}  // namespace
