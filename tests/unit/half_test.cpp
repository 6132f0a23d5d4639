// trueno::float16 and trueno::bfloat16: representation, rounding (against an independent nearest-value
// reference), special values, integer conversions, limits, arithmetic, comparisons and printing. NumPy and
// PyTorch are the references in tests/differential/dtype_numpy_test.cpp.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <trueno/core/half.hpp>
#include <type_traits>

namespace {

using trueno::bfloat16;
using trueno::float16;

// --- an independent reference: the representable value nearest to x, ties to the even bit pattern, found by
// comparing exact distances in long double (every float16/bfloat16/float value and their differences are
// exact there) between the two neighbours that bracket x.
template <class T>
long double value_of(std::uint16_t bits) {
  return static_cast<long double>(static_cast<float>(T::from_bits(bits)));
}

template <class T>
std::uint16_t reference_bits(long double x) {
  const bool negative = std::signbit(x);
  const long double ax = std::fabs(x);
  const std::uint16_t inf = std::numeric_limits<T>::infinity().bits();
  const std::uint16_t max_finite = std::numeric_limits<T>::max().bits();
  const auto sign = static_cast<std::uint16_t>(negative ? 0x8000U : 0U);
  // Largest non-negative pattern with value <= |x| (patterns of one sign are ordered like their values).
  std::uint16_t lo = 0;
  for (std::uint16_t step = 0x4000; step != 0; step = static_cast<std::uint16_t>(step >> 1U)) {
    const auto probe = static_cast<std::uint16_t>(lo | step);
    if (probe <= max_finite && value_of<T>(probe) <= ax) lo = probe;
  }
  long double hi_value = 0;
  if (lo == max_finite) {
    // Beyond the largest finite value: IEEE rounds to infinity from max + half an ulp on.
    const long double ulp = value_of<T>(max_finite) - value_of<T>(static_cast<std::uint16_t>(max_finite - 1));
    hi_value = value_of<T>(max_finite) + ulp;
  } else {
    hi_value = value_of<T>(static_cast<std::uint16_t>(lo + 1));
  }
  const long double dlo = ax - value_of<T>(lo), dhi = hi_value - ax;
  std::uint16_t pick = lo;
  if (dhi < dlo || (dhi == dlo && (lo & 1U) != 0)) pick = static_cast<std::uint16_t>(lo + 1);
  if (pick > max_finite) pick = inf;
  return static_cast<std::uint16_t>(sign | pick);
}

TEST(Half, SizeLayoutAndBits) {
  static_assert(sizeof(float16) == 2 && sizeof(bfloat16) == 2);
  static_assert(std::is_trivially_copyable_v<float16> && std::is_standard_layout_v<float16>);
  static_assert(float16::from_bits(0x3C00).bits() == 0x3C00);
  static_assert(float16(1.0F).bits() == 0x3C00 && bfloat16(1.0F).bits() == 0x3F80);
  static_assert(float16().bits() == 0 && bfloat16().bits() == 0);
  // Only float converts implicitly.
  static_assert(std::is_convertible_v<float16, float> && std::is_convertible_v<bfloat16, float>);
  static_assert(!std::is_convertible_v<float, float16> && !std::is_convertible_v<int, bfloat16>);
  static_assert(!std::is_convertible_v<float16, bfloat16> && !std::is_convertible_v<bfloat16, float16>);
  for (std::uint32_t b = 0; b < 65536; ++b) {
    const auto bits = static_cast<std::uint16_t>(b);
    ASSERT_EQ(float16::from_bits(bits).bits(), bits);
    ASSERT_EQ(bfloat16::from_bits(bits).bits(), bits);
  }
}

TEST(Half, EveryPatternRoundTripsThroughFloat) {
  for (std::uint32_t b = 0; b < 65536; ++b) {
    const auto bits = static_cast<std::uint16_t>(b);
    const float16 h = float16::from_bits(bits);
    const bfloat16 g = bfloat16::from_bits(bits);
    if (trueno::isnan(h)) {
      ASSERT_TRUE(std::isnan(float(h)));
      // Quiet NaNs come back unchanged; signalling ones come back quiet, payload kept.
      ASSERT_EQ(float16(float(h)).bits(), bits | 0x0200U) << std::hex << b;
    } else {
      ASSERT_EQ(float16(float(h)).bits(), bits) << std::hex << b;
      ASSERT_EQ(float16(double(float(h))).bits(), bits) << std::hex << b;
    }
    // bfloat16 -> float is the 16-bit shift, NaN payloads included.
    ASSERT_EQ(std::bit_cast<std::uint32_t>(float(g)), b << 16U);
    if (!trueno::isnan(g)) {
      ASSERT_EQ(bfloat16(float(g)).bits(), bits) << std::hex << b;
    } else {
      ASSERT_EQ(bfloat16(float(g)).bits(), bits | 0x0040U) << std::hex << b;
    }
  }
}

TEST(Half, Float16DecodesKnownValues) {
  EXPECT_EQ(float(float16::from_bits(0x7BFF)), 65504.0F);
  EXPECT_EQ(float(float16::from_bits(0x0400)), std::ldexp(1.0F, -14));
  EXPECT_EQ(float(float16::from_bits(0x0001)), std::ldexp(1.0F, -24));
  EXPECT_EQ(float(float16::from_bits(0x03FF)), std::ldexp(1023.0F, -24));
  EXPECT_EQ(float(float16::from_bits(0x3555)), 0.333251953125F);
  EXPECT_EQ(float(float16::from_bits(0xC000)), -2.0F);
  EXPECT_EQ(float(float16::from_bits(0x7C00)), std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::signbit(float(float16::from_bits(0x8000))));
  EXPECT_EQ(float(bfloat16::from_bits(0x7F7F)), std::ldexp(255.0F, 120));
  EXPECT_EQ(float(bfloat16::from_bits(0x0001)), std::ldexp(1.0F, -133));
}

// Every float pattern on a stride (and a band around every float16 and bfloat16 boundary) against the
// nearest-value reference.
TEST(Half, FloatToHalfIsNearestTiesToEven) {
  auto check = [](std::uint32_t fbits) {
    const float f = std::bit_cast<float>(fbits);
    if (std::isnan(f)) return;
    const auto want16 = reference_bits<float16>(f);
    const auto want_b = reference_bits<bfloat16>(f);
    ASSERT_EQ(float16(f).bits(), want16) << std::hex << fbits;
    ASSERT_EQ(bfloat16(f).bits(), want_b) << std::hex << fbits;
    ASSERT_EQ(float16(double(f)).bits(), want16) << std::hex << fbits;
    ASSERT_EQ(bfloat16(double(f)).bits(), want_b) << std::hex << fbits;
  };
  for (std::uint64_t b = 0; b < (std::uint64_t{1} << 32U); b += 65521) check(static_cast<std::uint32_t>(b));
  // Ties and their neighbours at every exponent: half-way points of both formats (bit 12 and bit 15 of the
  // float mantissa), one below and one above, with odd and even last kept bits.
  for (std::uint32_t sign = 0; sign < 2; ++sign) {
    for (std::uint32_t e = 0; e < 255; ++e) {
      for (std::uint32_t m :
           {0x000000U, 0x001000U, 0x003000U, 0x000FFFU, 0x001001U, 0x002FFFU, 0x008000U, 0x018000U, 0x007FFFU,
            0x008001U, 0x7FFFFFU, 0x7FE000U, 0x7FF000U, 0x7F8000U, 0x000001U, 0x400000U}) {
        check((sign << 31U) | (e << 23U) | m);
      }
    }
  }
}

TEST(Half, DoubleRoundsOnceNotThroughFloat) {
  // 1 + 2^-11 + 2^-40: through float it would become the tie 1 + 2^-11 and round to even (1.0); rounded once
  // it is above the tie.
  const double x = 1.0 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40);
  EXPECT_EQ(float16(x).bits(), 0x3C01);
  EXPECT_EQ(float16(static_cast<float>(x)).bits(), 0x3C00);
  const double y = 1.0 + std::ldexp(1.0, -8) + std::ldexp(1.0, -40);
  EXPECT_EQ(bfloat16(y).bits(), 0x3F81);
  EXPECT_EQ(bfloat16(static_cast<float>(y)).bits(), 0x3F80);
  for (int e = -30; e <= 20; ++e) {
    for (int k = -600; k <= 600; ++k) {
      const double d = std::ldexp(1.0 + k / 1024.0 + std::ldexp(1.0, -30) * (k % 3 - 1), e);
      ASSERT_EQ(float16(d).bits(), reference_bits<float16>(d)) << d;
      ASSERT_EQ(bfloat16(d).bits(), reference_bits<bfloat16>(d)) << d;
    }
  }
}

TEST(Half, OverflowUnderflowAndSignedZero) {
  EXPECT_EQ(float16(65519.0F).bits(), 0x7BFF);  // below max + half an ulp (65520)
  EXPECT_EQ(float16(65520.0F).bits(), 0x7C00);  // the tie goes to "even": infinity
  EXPECT_EQ(float16(-1e10).bits(), 0xFC00);
  EXPECT_EQ(float16(std::ldexp(1.0F, -25)).bits(), 0x0000);  // half the smallest denormal: tie to even, zero
  EXPECT_EQ(float16(std::ldexp(1.5F, -25)).bits(), 0x0001);
  EXPECT_EQ(float16(-std::ldexp(1.0F, -26)).bits(), 0x8000);
  EXPECT_EQ(float16(std::ldexp(1023.5F, -24)).bits(), 0x0400);  // rounds up into the smallest normal
  EXPECT_EQ(float16(-0.0F).bits(), 0x8000);
  EXPECT_EQ(bfloat16(-0.0).bits(), 0x8000);
  EXPECT_EQ(bfloat16(std::numeric_limits<float>::max()).bits(), 0x7F80);
  EXPECT_EQ(bfloat16(std::numeric_limits<double>::max()).bits(), 0x7F80);
  EXPECT_EQ(bfloat16(std::numeric_limits<float>::denorm_min()).bits(), 0x0000);
  EXPECT_EQ(bfloat16(1e-300).bits(), 0x0000);
  EXPECT_EQ(bfloat16(-1e-300).bits(), 0x8000);
  EXPECT_EQ(float16(std::numeric_limits<double>::denorm_min()).bits(), 0x0000);
}

TEST(Half, NaNKeepsSignAndTopPayloadAndIsQuiet) {
  const float snan = std::bit_cast<float>(0x7F800001U);  // payload lost below float16's 10 bits
  EXPECT_EQ(float16(snan).bits(), 0x7E00);
  EXPECT_EQ(float16(std::bit_cast<float>(0xFF802000U)).bits(), 0xFE01);
  EXPECT_EQ(float16(std::bit_cast<float>(0x7FC00000U)).bits(), 0x7E00);
  EXPECT_EQ(bfloat16(std::bit_cast<float>(0x7F800001U)).bits(), 0x7FC0);
  EXPECT_EQ(bfloat16(std::bit_cast<float>(0xFFA10000U)).bits(), 0xFFE1);
  EXPECT_EQ(float16(std::bit_cast<double>(0x7FF8000000000000ULL)).bits(), 0x7E00);
  EXPECT_EQ(std::bit_cast<std::uint32_t>(float(float16::from_bits(0x7C01))), 0x7FC02000U);
  EXPECT_EQ(std::bit_cast<std::uint32_t>(float(float16::from_bits(0xFE00))), 0xFFC00000U);
}

TEST(Half, IntegersRoundOnceIncludingSixtyFourBits) {
  EXPECT_EQ(float16(2049).bits(), 0x6800);  // tie between 2048 and 2050: even
  EXPECT_EQ(float16(2051).bits(), 0x6802);  // tie between 2050 and 2052: even is 2052
  EXPECT_EQ(float(float16(2051)), 2052.0F);
  EXPECT_EQ(float16(65504).bits(), 0x7BFF);
  EXPECT_EQ(float16(65520).bits(), 0x7C00);
  EXPECT_EQ(float16(std::numeric_limits<std::int64_t>::min()).bits(), 0xFC00);
  EXPECT_EQ(float16(std::int8_t{-128}).bits(), 0xD800);
  EXPECT_EQ(float16(true).bits(), 0x3C00);
  EXPECT_EQ(float16(false).bits(), 0x0000);
  EXPECT_EQ(float16(0).bits(), 0x0000);
  EXPECT_EQ(bfloat16(std::numeric_limits<std::int64_t>::min()).bits(), 0xDF00);   // -2^63
  EXPECT_EQ(bfloat16(std::numeric_limits<std::uint64_t>::max()).bits(), 0x5F80);  // rounds up to 2^64
  // 2^60 + 2^52 + 1: through double it becomes the tie 2^60 + 2^52 and rounds down to 2^60; once, it rounds
  // up.
  const std::uint64_t v = (std::uint64_t{1} << 60U) + (std::uint64_t{1} << 52U) + 1U;
  EXPECT_EQ(float(bfloat16(v)), std::ldexp(1.0F, 60) + std::ldexp(1.0F, 53));
  EXPECT_EQ(float(bfloat16(static_cast<double>(v))), std::ldexp(1.0F, 60));
  for (int i = -70000; i <= 70000; i += 7) {
    ASSERT_EQ(float16(i).bits(), reference_bits<float16>(i)) << i;
    ASSERT_EQ(bfloat16(i).bits(), reference_bits<bfloat16>(i)) << i;
    ASSERT_EQ(float16(static_cast<std::int64_t>(i) * 4099).bits(), reference_bits<float16>(i * 4099.0L)) << i;
  }
}

TEST(Half, ConversionBetweenTheTwo) {
  EXPECT_EQ(float16(bfloat16(1.5F)).bits(), 0x3E00);
  EXPECT_EQ(bfloat16(float16(1.5F)).bits(), 0x3FC0);
  EXPECT_EQ(float16(bfloat16(1e10F)).bits(), 0x7C00);
  EXPECT_EQ(bfloat16(float16::from_bits(0x0001)).bits(), 0x3380);  // 2^-24 is exact in bfloat16
}

TEST(Half, NumericLimitsDescribeTheFormats) {
  using L = std::numeric_limits<float16>;
  using B = std::numeric_limits<bfloat16>;
  static_assert(L::is_specialized && L::is_iec559 && L::has_infinity && L::digits == 11);
  static_assert(B::is_specialized && !B::is_integer && B::digits == 8);
  EXPECT_EQ(float(L::max()), 65504.0F);
  EXPECT_EQ(float(L::lowest()), -65504.0F);
  EXPECT_EQ(float(L::min()), std::ldexp(1.0F, L::min_exponent - 1));
  EXPECT_EQ(float(L::epsilon()), std::ldexp(1.0F, 1 - L::digits));
  EXPECT_EQ(float(L::denorm_min()), std::ldexp(1.0F, L::min_exponent - L::digits));
  EXPECT_EQ(float(L::max()), std::ldexp(2.0F - float(L::epsilon()), L::max_exponent - 1));
  EXPECT_TRUE(std::isinf(float(L::infinity())));
  EXPECT_TRUE(trueno::isnan(L::quiet_NaN()) && trueno::isnan(L::signaling_NaN()));
  EXPECT_EQ(float(L::round_error()), 0.5F);
  EXPECT_EQ(float(B::max()), std::ldexp(2.0F - float(B::epsilon()), B::max_exponent - 1));
  EXPECT_EQ(float(B::min()), std::numeric_limits<float>::min());
  EXPECT_EQ(float(B::epsilon()), std::ldexp(1.0F, 1 - B::digits));
  EXPECT_EQ(float(B::denorm_min()), std::ldexp(1.0F, B::min_exponent - B::digits));
  EXPECT_TRUE(trueno::isnan(B::quiet_NaN()) && trueno::isnan(B::signaling_NaN()));
  // digits10: every decimal of that many digits survives a round trip; max_digits10 digits are enough to
  // tell every two values apart.
  EXPECT_LE(std::pow(10.0, L::digits10), std::pow(2.0, L::digits - 1));
  EXPECT_LE(std::pow(10.0, B::digits10), std::pow(2.0, B::digits - 1));
  EXPECT_EQ(L::max_exponent10, 4);
  EXPECT_EQ(B::max_exponent10, 38);
}

TEST(Half, ArithmeticIsCorrectlyRoundedThroughFloat) {
  const float16 a(1.0F), tiny = float16::from_bits(0x0001);
  static_assert(std::is_same_v<decltype(a + a), float16>);
  static_assert(std::is_same_v<decltype(a + 1.0F), float>);
  static_assert(std::is_same_v<decltype(a * 2.0), double>);
  static_assert(std::is_same_v<decltype(a + bfloat16(1.0F)), float>);
  EXPECT_EQ((a + float16(2048.0F)).bits(), float16(2049.0F).bits());  // 2049 is not representable: 2048
  EXPECT_EQ(float(float16(2048.0F) + a), 2048.0F);
  EXPECT_EQ(float(float16(0.1F) * float16(3.0F)), float(float16(float(float16(0.1F)) * 3.0F)));
  EXPECT_EQ((tiny / float16(2.0F)).bits(), 0x0000);
  EXPECT_EQ((-a).bits(), 0xBC00);
  EXPECT_EQ((-float16()).bits(), 0x8000);
  float16 c(3.0F);
  c += a;
  c *= float16(2.0F);
  c -= float16(0.5F);
  c /= float16(2.0F);
  EXPECT_EQ(float(c), 3.75F);
  bfloat16 d(1.0F);
  d += bfloat16(std::ldexp(1.0F, -8));  // half an ulp of 1: ties to even stays 1
  EXPECT_EQ(float(d), 1.0F);
  EXPECT_EQ(float(bfloat16(3.0F) / bfloat16(4.0F)), 0.75F);
  EXPECT_TRUE(trueno::isinf(float16(60000.0F) + float16(60000.0F)));
}

TEST(Half, ComparisonsFollowIeee) {
  const float16 nan = std::numeric_limits<float16>::quiet_NaN();
  EXPECT_FALSE(nan == nan);
  EXPECT_TRUE(nan != nan);
  EXPECT_FALSE(nan < float16(1.0F) || nan > float16(1.0F) || nan <= nan);
  EXPECT_TRUE(float16(0.0F) == float16(-0.0F));
  EXPECT_TRUE(float16(1.0F) < float16(2.0F));
  EXPECT_TRUE(bfloat16(-1.0F) <= bfloat16(-1.0F));
  EXPECT_EQ(float16(1.0F) <=> float16(2.0F), std::partial_ordering::less);
  EXPECT_EQ(nan <=> nan, std::partial_ordering::unordered);
  EXPECT_TRUE(float16(1.0F) == 1.0F);  // through the conversion to float
  EXPECT_EQ(std::hash<float16>{}(float16(0.0F)), std::hash<float16>{}(float16(-0.0F)));
  EXPECT_NE(std::hash<bfloat16>{}(bfloat16(1.0F)), std::hash<bfloat16>{}(bfloat16(2.0F)));
}

TEST(Half, Classification) {
  EXPECT_TRUE(trueno::isinf(float16::from_bits(0xFC00)));
  EXPECT_FALSE(trueno::isinf(float16::from_bits(0x7C01)));
  EXPECT_TRUE(trueno::isnan(float16::from_bits(0x7C01)));
  EXPECT_TRUE(trueno::isfinite(float16::from_bits(0x7BFF)));
  EXPECT_FALSE(trueno::isfinite(bfloat16::from_bits(0x7F80)));
  EXPECT_TRUE(trueno::signbit(bfloat16::from_bits(0x8000)));
  EXPECT_FALSE(trueno::signbit(float16(1.0F)));
  for (std::uint32_t b = 0; b < 65536; ++b) {
    const auto h = float16::from_bits(static_cast<std::uint16_t>(b));
    const auto g = bfloat16::from_bits(static_cast<std::uint16_t>(b));
    ASSERT_EQ(trueno::isnan(h), std::isnan(float(h)));
    ASSERT_EQ(trueno::isinf(h), std::isinf(float(h)));
    ASSERT_EQ(trueno::isfinite(g), std::isfinite(float(g)));
    ASSERT_EQ(trueno::signbit(g), std::signbit(float(g)));
  }
}

TEST(Half, PrintsTheShortestTextThatReadsBack) {
  auto text = [](auto v) {
    std::ostringstream os;
    os << v;
    return os.str();
  };
  EXPECT_EQ(text(float16(0.1F)), "0.1");
  EXPECT_EQ(text(float16(1.0F)), "1");
  EXPECT_EQ(text(float16(-2.5F)), "-2.5");
  EXPECT_EQ(text(std::numeric_limits<float16>::infinity()), "inf");
  EXPECT_EQ(text(-std::numeric_limits<bfloat16>::infinity()), "-inf");
  EXPECT_EQ(text(std::numeric_limits<float16>::quiet_NaN()), "nan");
  EXPECT_EQ(text(bfloat16(3.14159F)), "3.14");
  EXPECT_EQ(trueno::to_string(float16(0.333333F)), "0.3333");
  for (std::uint32_t b = 0; b < 65536; b += 3) {
    const auto h = float16::from_bits(static_cast<std::uint16_t>(b));
    const auto g = bfloat16::from_bits(static_cast<std::uint16_t>(b));
    if (trueno::isnan(h) || trueno::isnan(g)) continue;
    ASSERT_EQ(float16(std::stod(trueno::to_string(h))).bits(), h.bits()) << trueno::to_string(h);
    ASSERT_EQ(bfloat16(std::stod(trueno::to_string(g))).bits(), g.bits()) << trueno::to_string(g);
  }
}

}  // namespace
