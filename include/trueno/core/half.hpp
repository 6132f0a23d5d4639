// trueno — the two 16-bit floating-point value types: `float16` (IEEE-754 binary16, NumPy's float16) and
// `bfloat16` (the top half of a binary32, PyTorch's bfloat16).
//
// Both store their 16 bits and nothing else (trivially copyable, 2 bytes, usable in .npy files and SIMD
// kernels). `from_bits(std::uint16_t)` and `.bits()` give the representation; the one implicit conversion is
// to `float`, which is exact. Everything else that produces a 16-bit value is explicit and rounds once, to
// nearest with ties to even, directly from the source's exact value: from float, from double (no double
// rounding through float), from any integer (64-bit ones included). Overflow gives an infinity of the right
// sign, underflow a denormal or a signed zero.
//
// NaNs: a NaN keeps its sign and the top bits of its payload and comes out quiet (quiet bit set) in both
// directions of float16 <-> float and on float -> bfloat16, which is what the F16C, AVX-512 BF16 and NEON
// conversion instructions do. NumPy's software float16 conversion keeps a signalling NaN signalling; for
// quiet NaNs (every NaN arithmetic produces) the two agree bit for bit. bfloat16 -> float is the exact 16-bit
// shift.
//
// Arithmetic between two values of one type is done in float and rounded back: for + - * / that is correctly
// rounded (float carries more than twice the bits plus two). Mixed with any other arithmetic type, the
// implicit conversion to float applies and the result is that of the built-in operator.
#pragma once

#include <bit>
#include <charconv>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <ostream>
#include <string>
#include <system_error>
#include <type_traits>

#include "../version.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

// IEEE-754 binary format parameters: explicit mantissa bits and exponent bits.
template <int Mant, int Exp>
struct IeeeFormat {
  static constexpr int mant = Mant;
  static constexpr int exp = Exp;
  static constexpr int bias = (1 << (Exp - 1)) - 1;
  static constexpr std::uint64_t mant_mask = (std::uint64_t{1} << Mant) - 1;
  static constexpr std::uint64_t exp_max = (std::uint64_t{1} << Exp) - 1;
  static constexpr std::uint64_t inf_bits = exp_max << Mant;
  static constexpr std::uint64_t quiet_bit = std::uint64_t{1} << (Mant - 1);
  static constexpr int sign_shift = Mant + Exp;
};
using Binary16 = IeeeFormat<10, 5>;
using BFloat16Format = IeeeFormat<7, 8>;
using Binary32 = IeeeFormat<23, 8>;
using Binary64 = IeeeFormat<52, 11>;

// Rounds the value sign * sig * 2^e (sig > 0, at most 63 bits) to the narrower format Out, ties to even.
template <class Out>
constexpr std::uint64_t round_to_format(std::uint64_t sign, std::uint64_t sig, int e) noexcept {
  const std::uint64_t out_sign = sign << Out::sign_shift;
  const int top = static_cast<int>(std::bit_width(sig)) - 1;  // value = 1.xxx * 2^(e + top)
  const int exponent = e + top;
  constexpr int kMinNormal = 1 - Out::bias;
  // Bits of sig below the result's last place: normal results keep Out::mant bits after the leading one,
  // denormal ones are quantised at 2^(kMinNormal - Out::mant).
  const int drop = exponent >= kMinNormal ? top - Out::mant : (kMinNormal - Out::mant) - e;
  std::uint64_t q = 0;
  if (drop <= 0) {
    q = sig << -drop;
  } else if (drop <= top + 1) {
    q = sig >> drop;
    const std::uint64_t rem = sig & ((std::uint64_t{1} << drop) - 1);
    const std::uint64_t half = std::uint64_t{1} << (drop - 1);
    if (rem > half || (rem == half && (q & 1U) != 0)) ++q;
  }                                                // else: below half the smallest denormal, q = 0
  if (exponent < kMinNormal) return out_sign | q;  // a carry into bit Out::mant makes it the smallest normal
  int biased = exponent + Out::bias;
  if ((q >> (Out::mant + 1)) != 0) {  // rounding carried out of the mantissa: 2^(mant+1), halve it exactly
    q >>= 1;
    ++biased;
  }
  if (biased >= static_cast<int>(Out::exp_max)) return out_sign | Out::inf_bits;
  return out_sign | (static_cast<std::uint64_t>(biased) << Out::mant) | (q & Out::mant_mask);
}

// The bits of In-format value `bits` rounded to format Out (narrower in both fields), NaNs quieted.
template <class In, class Out>
constexpr std::uint64_t narrow_bits(std::uint64_t bits) noexcept {
  const std::uint64_t sign = (bits >> In::sign_shift) & 1U;
  const std::uint64_t exp = (bits >> In::mant) & In::exp_max;
  const std::uint64_t mant = bits & In::mant_mask;
  if (exp == In::exp_max) {
    const std::uint64_t payload = mant == 0 ? 0 : (Out::quiet_bit | (mant >> (In::mant - Out::mant)));
    return (sign << Out::sign_shift) | Out::inf_bits | payload;
  }
  if (exp == 0 && mant == 0) return sign << Out::sign_shift;
  const std::uint64_t sig = exp == 0 ? mant : (mant | (std::uint64_t{1} << In::mant));
  const int e = (exp == 0 ? 1 : static_cast<int>(exp)) - In::bias - In::mant;
  return round_to_format<Out>(sign, sig, e);
}

template <class Out>
constexpr std::uint64_t from_integer_bits(std::uint64_t magnitude, bool negative) noexcept {
  if (magnitude == 0) return 0;  // +0, like NumPy's int -> float casts
  return round_to_format<Out>(negative ? 1U : 0U, magnitude, 0);
}

template <class Out, class I>
constexpr std::uint64_t integer_to_bits(I v) noexcept {
  if constexpr (std::is_signed_v<I>) {
    using U = std::make_unsigned_t<I>;
    const bool negative = v < 0;
    // Two's-complement magnitude without overflow (INT_MIN included).
    const U magnitude = negative ? static_cast<U>(U{0} - static_cast<U>(v)) : static_cast<U>(v);
    return from_integer_bits<Out>(magnitude, negative);
  } else {
    return from_integer_bits<Out>(static_cast<std::uint64_t>(v), false);
  }
}

// binary16 bits -> binary32 bits: exact; NaNs quieted (payload kept).
constexpr std::uint32_t half_to_float_bits(std::uint16_t h) noexcept {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000U) << 16;
  const std::uint32_t exp = (h >> 10) & 0x1FU;
  std::uint32_t mant = h & 0x3FFU;
  if (exp == 0x1FU) return sign | 0x7F800000U | (mant == 0 ? 0 : (0x400000U | (mant << 13)));
  if (exp == 0) {
    if (mant == 0) return sign;
    // Denormal: mant * 2^-24. Normalise so the leading one sits at bit 10.
    int shift = 0;
    while ((mant & 0x400U) == 0) {
      mant <<= 1;
      ++shift;
    }
    return sign | (static_cast<std::uint32_t>(127 - 15 + 1 - shift) << 23) | ((mant & 0x3FFU) << 13);
  }
  return sign | ((exp + (127 - 15)) << 23) | (mant << 13);
}

template <class Out, class T>
constexpr std::uint16_t to_bits16(T v) noexcept {
  if constexpr (std::is_same_v<T, float>) {
    return static_cast<std::uint16_t>(narrow_bits<Binary32, Out>(std::bit_cast<std::uint32_t>(v)));
  } else if constexpr (std::is_same_v<T, double>) {
    return static_cast<std::uint16_t>(narrow_bits<Binary64, Out>(std::bit_cast<std::uint64_t>(v)));
  } else if constexpr (std::is_same_v<T, bool>) {
    return static_cast<std::uint16_t>(v ? integer_to_bits<Out>(1U) : 0U);
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<std::uint16_t>(integer_to_bits<Out>(v));
  } else {  // long double: through double (documented: may round twice)
    return static_cast<std::uint16_t>(
        narrow_bits<Binary64, Out>(std::bit_cast<std::uint64_t>(static_cast<double>(v))));
  }
}

struct FromBitsTag {};

// The shared implementation of the two types: storage, conversions, operators. Derived is float16 or
// bfloat16.
template <class Derived, class Format>
class Float16Base {
 public:
  using format = Format;

  [[nodiscard]] static constexpr Derived from_bits(std::uint16_t bits) noexcept {
    return Derived(FromBitsTag{}, bits);
  }
  [[nodiscard]] constexpr std::uint16_t bits() const noexcept { return bits_; }

  // NOLINTNEXTLINE(google-explicit-constructor,hicpp-explicit-conversions): the one implicit conversion
  constexpr operator float() const noexcept { return std::bit_cast<float>(Derived::to_float_bits(bits_)); }

  friend constexpr Derived operator+(Derived a) noexcept { return a; }
  friend constexpr Derived operator-(Derived a) noexcept {
    return Derived::from_bits(static_cast<std::uint16_t>(a.bits() ^ 0x8000U));
  }
  friend constexpr Derived operator+(Derived a, Derived b) noexcept { return Derived(float(a) + float(b)); }
  friend constexpr Derived operator-(Derived a, Derived b) noexcept { return Derived(float(a) - float(b)); }
  friend constexpr Derived operator*(Derived a, Derived b) noexcept { return Derived(float(a) * float(b)); }
  friend constexpr Derived operator/(Derived a, Derived b) noexcept { return Derived(float(a) / float(b)); }
  friend constexpr Derived& operator+=(Derived& a, Derived b) noexcept { return a = a + b; }
  friend constexpr Derived& operator-=(Derived& a, Derived b) noexcept { return a = a - b; }
  friend constexpr Derived& operator*=(Derived& a, Derived b) noexcept { return a = a * b; }
  friend constexpr Derived& operator/=(Derived& a, Derived b) noexcept { return a = a / b; }
  // IEEE comparisons: NaN is unordered, -0 == +0.
  friend constexpr bool operator==(Derived a, Derived b) noexcept { return float(a) == float(b); }
  friend constexpr std::partial_ordering operator<=>(Derived a, Derived b) noexcept {
    return float(a) <=> float(b);
  }

 protected:
  constexpr Float16Base() noexcept = default;
  constexpr explicit Float16Base(std::uint16_t bits) noexcept : bits_(bits) {}

 private:
  std::uint16_t bits_ = 0;
};

}  // namespace detail

class bfloat16;

/// IEEE-754 binary16 (NumPy's float16): 1 sign, 5 exponent, 10 mantissa bits; largest finite 65504.
class float16 : public detail::Float16Base<float16, detail::Binary16> {
  using Base = detail::Float16Base<float16, detail::Binary16>;
  friend Base;

 public:
  constexpr float16() noexcept = default;  ///< +0
  /// Rounds `v` (any arithmetic type, or bfloat16) to the nearest float16, ties to even.
  template <class T>
  requires std::is_arithmetic_v<T>
  constexpr explicit float16(T v) noexcept : Base(detail::to_bits16<detail::Binary16>(v)) {}
  template <class T>
  requires std::is_same_v<T, bfloat16>
  constexpr explicit float16(T v) noexcept : float16(static_cast<float>(v)) {}

 private:
  constexpr float16(detail::FromBitsTag /*tag*/, std::uint16_t bits) noexcept : Base(bits) {}
  static constexpr std::uint32_t to_float_bits(std::uint16_t bits) noexcept {
    return detail::half_to_float_bits(bits);
  }
};

/// bfloat16: the top 16 bits of a binary32 (1 sign, 8 exponent, 7 mantissa bits), float's range.
class bfloat16 : public detail::Float16Base<bfloat16, detail::BFloat16Format> {
  using Base = detail::Float16Base<bfloat16, detail::BFloat16Format>;
  friend Base;

 public:
  constexpr bfloat16() noexcept = default;  ///< +0
  /// Rounds `v` (any arithmetic type, or float16) to the nearest bfloat16, ties to even.
  template <class T>
  requires std::is_arithmetic_v<T>
  constexpr explicit bfloat16(T v) noexcept : Base(detail::to_bits16<detail::BFloat16Format>(v)) {}
  constexpr explicit bfloat16(float16 v) noexcept : bfloat16(static_cast<float>(v)) {}

 private:
  constexpr bfloat16(detail::FromBitsTag /*tag*/, std::uint16_t bits) noexcept : Base(bits) {}
  static constexpr std::uint32_t to_float_bits(std::uint16_t bits) noexcept {
    return static_cast<std::uint32_t>(bits) << 16;
  }
};

static_assert(sizeof(float16) == 2 && std::is_trivially_copyable_v<float16>);
static_assert(sizeof(bfloat16) == 2 && std::is_trivially_copyable_v<bfloat16>);

/// True for trueno::float16 and trueno::bfloat16.
template <class T>
inline constexpr bool is_float16_like_v =
    std::is_same_v<std::remove_cv_t<T>, float16> || std::is_same_v<std::remove_cv_t<T>, bfloat16>;

// Classification, found by argument-dependent lookup: isnan(h), isinf(h), isfinite(h), signbit(h).
template <class T>
requires is_float16_like_v<T>
[[nodiscard]] constexpr bool isnan(T v) noexcept {
  using F = typename T::format;
  return (v.bits() & 0x7FFFU) > F::inf_bits;
}
template <class T>
requires is_float16_like_v<T>
[[nodiscard]] constexpr bool isinf(T v) noexcept {
  using F = typename T::format;
  return (v.bits() & 0x7FFFU) == F::inf_bits;
}
template <class T>
requires is_float16_like_v<T>
[[nodiscard]] constexpr bool isfinite(T v) noexcept {
  using F = typename T::format;
  return (v.bits() & 0x7FFFU) < F::inf_bits;
}
template <class T>
requires is_float16_like_v<T>
[[nodiscard]] constexpr bool signbit(T v) noexcept { return (v.bits() & 0x8000U) != 0; }

namespace detail {
// The shortest decimal text that reads back (rounded to T) as the same value, in std::to_chars' general form:
// "0.1", "65500", "1e-07", "nan", "-inf".
template <class T>
std::string shortest_text(T v) {
  const float f = static_cast<float>(v);
  char buf[64];
  for (int precision = 1; precision < std::numeric_limits<T>::max_digits10; ++precision) {
    const auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::general, precision);
    double back = 0.0;
    const auto parsed = std::from_chars(buf, res.ptr, back);
    if (parsed.ec == std::errc{} && T(back).bits() == v.bits()) return std::string(buf, res.ptr);
  }
  const auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::general,
                                 std::numeric_limits<T>::max_digits10);
  return std::string(buf, res.ptr);
}

// The double nearest to the shortest decimal of v: formatting it as a double prints v's own shortest digits.
template <class T>
double decimal_value(T v) {
  if (!isfinite(v)) return static_cast<double>(static_cast<float>(v));
  const std::string text = shortest_text(v);
  double d = 0.0;
  std::from_chars(text.data(), text.data() + text.size(), d);
  return d;
}
}  // namespace detail

/// Shortest round-trip text of a 16-bit float ("0.1", "65500", "-inf", "nan").
template <class T>
requires is_float16_like_v<T>
[[nodiscard]] std::string to_string(T v) {
  if (isnan(v)) return "nan";
  return detail::shortest_text(v);
}

inline std::ostream& operator<<(std::ostream& os, float16 v) { return os << to_string(v); }
inline std::ostream& operator<<(std::ostream& os, bfloat16 v) { return os << to_string(v); }

TRUENO_END_NAMESPACE

namespace trueno::detail {
// What std::numeric_limits says alike of the two 16-bit floats.
struct Float16LimitsBase {
  static constexpr bool is_specialized = true;
  static constexpr bool is_signed = true;
  static constexpr bool is_integer = false;
  static constexpr bool is_exact = false;
  static constexpr bool has_infinity = true;
  static constexpr bool has_quiet_NaN = true;
  static constexpr bool has_signaling_NaN = true;
  static constexpr std::float_denorm_style has_denorm = std::denorm_present;
  static constexpr bool has_denorm_loss = false;
  static constexpr std::float_round_style round_style = std::round_to_nearest;
  static constexpr bool is_bounded = true;
  static constexpr bool is_modulo = false;
  static constexpr int radix = 2;
  static constexpr bool traps = false;
  static constexpr bool tinyness_before = false;
};
}  // namespace trueno::detail

namespace std {

template <>
class numeric_limits<trueno::float16> : public trueno::detail::Float16LimitsBase {
  using T = trueno::float16;

 public:
  static constexpr bool is_iec559 = true;
  static constexpr int digits = 11;
  static constexpr int digits10 = 3;
  static constexpr int max_digits10 = 5;
  static constexpr int min_exponent = -13;
  static constexpr int min_exponent10 = -4;
  static constexpr int max_exponent = 16;
  static constexpr int max_exponent10 = 4;
  static constexpr T min() noexcept { return T::from_bits(0x0400); }
  static constexpr T lowest() noexcept { return T::from_bits(0xFBFF); }
  static constexpr T max() noexcept { return T::from_bits(0x7BFF); }
  static constexpr T epsilon() noexcept { return T::from_bits(0x1400); }
  static constexpr T round_error() noexcept { return T::from_bits(0x3800); }
  static constexpr T infinity() noexcept { return T::from_bits(0x7C00); }
  static constexpr T quiet_NaN() noexcept { return T::from_bits(0x7E00); }
  static constexpr T signaling_NaN() noexcept { return T::from_bits(0x7D00); }
  static constexpr T denorm_min() noexcept { return T::from_bits(0x0001); }
};

template <>
class numeric_limits<trueno::bfloat16> : public trueno::detail::Float16LimitsBase {
  using T = trueno::bfloat16;

 public:
  static constexpr bool is_iec559 = false;  // not an IEEE-754 interchange format
  static constexpr int digits = 8;
  static constexpr int digits10 = 2;
  static constexpr int max_digits10 = 4;
  static constexpr int min_exponent = -125;
  static constexpr int min_exponent10 = -37;
  static constexpr int max_exponent = 128;
  static constexpr int max_exponent10 = 38;
  static constexpr T min() noexcept { return T::from_bits(0x0080); }
  static constexpr T lowest() noexcept { return T::from_bits(0xFF7F); }
  static constexpr T max() noexcept { return T::from_bits(0x7F7F); }
  static constexpr T epsilon() noexcept { return T::from_bits(0x3C00); }
  static constexpr T round_error() noexcept { return T::from_bits(0x3F00); }
  static constexpr T infinity() noexcept { return T::from_bits(0x7F80); }
  static constexpr T quiet_NaN() noexcept { return T::from_bits(0x7FC0); }
  static constexpr T signaling_NaN() noexcept { return T::from_bits(0x7FA0); }
  static constexpr T denorm_min() noexcept { return T::from_bits(0x0001); }
};

template <>
struct hash<trueno::float16> {
  // Equal values hash equally: +0 and -0 compare equal.
  std::size_t operator()(trueno::float16 v) const noexcept {
    return std::hash<std::uint16_t>{}((v.bits() & 0x7FFFU) == 0 ? std::uint16_t{0} : v.bits());
  }
};
template <>
struct hash<trueno::bfloat16> {
  std::size_t operator()(trueno::bfloat16 v) const noexcept {
    return std::hash<std::uint16_t>{}((v.bits() & 0x7FFFU) == 0 ? std::uint16_t{0} : v.bits());
  }
};

}  // namespace std
