// trueno — element types as NumPy sees them: their names, NumPy's type promotion (`result_type_t<A, B>`,
// known at compile time) and NumPy's casting rules (`can_cast<From, To>(Casting)`).
//
// The 13 dtypes are bool, int8..int64, uint8..uint64, float16, bfloat16, float (float32) and double
// (float64). Any other integer type counts as the dtype of its signedness and width (long long is int64, char
// is int8 or uint8). Promotion is NumPy's table for two arrays; bfloat16, which NumPy does not have, promotes
// like float16 does (bool, int8 and uint8 fit in it; wider integers go to float32 or float64) and float16
// with bfloat16 gives float32, as ml_dtypes does.
#pragma once

#include <concepts>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "../version.hpp"
#include "half.hpp"

TRUENO_BEGIN_NAMESPACE

/// How far a conversion may go, as NumPy's `casting=` argument.
enum class Casting {
  no,         ///< only the same dtype
  equiv,      ///< the same dtype (byte order aside; trueno has one byte order)
  safe,       ///< every value of From is exactly a value of To (NumPy counts int64 -> float64 as safe)
  same_kind,  ///< safe, or within a kind or towards a higher one (bool < unsigned < signed < floating)
  unsafe,     ///< anything
};

/// The element types trueno computes with: bool, integers, float, double, float16, bfloat16.
template <class T>
concept Element =
    (std::is_arithmetic_v<T> && !std::is_same_v<std::remove_cv_t<T>, long double>) || is_float16_like_v<T>;

namespace detail {

enum class DtypeKind : int { boolean = 0, unsigned_int = 1, signed_int = 2, floating = 3 };

// The dtype of T as data: kind, width in bytes, and for 2-byte floats which one.
struct DtypeInfo {
  DtypeKind kind;
  int size;
  bool brain;  // bfloat16

  friend constexpr bool operator==(DtypeInfo, DtypeInfo) = default;
};

template <Element T>
constexpr DtypeInfo dtype_info() noexcept {
  using U = std::remove_cv_t<T>;
  if constexpr (std::is_same_v<U, bool>) {
    return {DtypeKind::boolean, 1, false};
  } else if constexpr (std::is_integral_v<U>) {
    return {std::is_signed_v<U> ? DtypeKind::signed_int : DtypeKind::unsigned_int,
            static_cast<int>(sizeof(U)), false};
  } else {
    return {DtypeKind::floating, static_cast<int>(sizeof(U)), std::is_same_v<U, bfloat16>};
  }
}

constexpr bool can_cast_info(DtypeInfo from, DtypeInfo to, Casting casting) noexcept {
  if (from == to || casting == Casting::unsafe) return true;
  if (casting == Casting::no || casting == Casting::equiv) return false;
  bool safe = false;
  switch (from.kind) {
    case DtypeKind::boolean:
      safe = true;
      break;
    case DtypeKind::unsigned_int:
    case DtypeKind::signed_int: {
      const bool from_signed = from.kind == DtypeKind::signed_int;
      if (to.kind == DtypeKind::unsigned_int) {
        safe = !from_signed && from.size <= to.size;
      } else if (to.kind == DtypeKind::signed_int) {
        safe = from_signed ? from.size <= to.size : from.size < to.size;
      } else if (to.kind == DtypeKind::floating) {
        // The narrowest float holding every value: 8-bit integers fit a 16-bit float, 16-bit ones float32;
        // wider ones count as safe in float64 (NumPy's rule, although 64-bit values round there).
        safe = from.size == 1 || (from.size == 2 ? to.size >= 4 : to.size == 8);
      }
      break;
    }
    case DtypeKind::floating:
      safe = to.kind == DtypeKind::floating && to.size > from.size;
      break;
  }
  if (safe || casting == Casting::safe) return safe;
  return static_cast<int>(from.kind) <= static_cast<int>(to.kind);  // same_kind
}

template <class A, class B>
struct PromoteFloat {
  using type = std::conditional_t<(sizeof(A) > sizeof(B)), A, B>;
};
template <>
struct PromoteFloat<float16, bfloat16> {
  using type = float;
};
template <>
struct PromoteFloat<bfloat16, float16> {
  using type = float;
};

template <int Bytes>
using signed_of_size = std::conditional_t<
    Bytes == 1, std::int8_t,
    std::conditional_t<Bytes == 2, std::int16_t, std::conditional_t<Bytes == 4, std::int32_t, std::int64_t>>>;

// The float an integer of `Bytes` bytes promotes to next to the float F (NumPy: int8 with float16 stays
// float16).
template <int Bytes, class F>
using float_for_integer = typename PromoteFloat<
    F, std::conditional_t<Bytes == 1, F, std::conditional_t<Bytes == 2, float, double>>>::type;

template <class A, class B>
struct ResultType;

template <class A, class B>
requires std::is_same_v<A, B>
struct ResultType<A, B> {
  using type = A;
};

template <class A, class B>
requires(!std::is_same_v<A, B>) struct ResultType<A, B> {
  static constexpr DtypeInfo a = dtype_info<A>(), b = dtype_info<B>();
  static auto pick() {
    if constexpr (a == b || b.kind == DtypeKind::boolean) {
      return A{};  // one dtype under two spellings (long and long long), or B is bool
    } else if constexpr (a.kind == DtypeKind::boolean) {
      return B{};
    } else if constexpr (a.kind == DtypeKind::floating && b.kind == DtypeKind::floating) {
      return typename PromoteFloat<A, B>::type{};
    } else if constexpr (a.kind == DtypeKind::floating) {
      return float_for_integer<b.size, A>{};
    } else if constexpr (b.kind == DtypeKind::floating) {
      return float_for_integer<a.size, B>{};
    } else if constexpr (a.kind == b.kind) {
      if constexpr (a.size >= b.size) {
        return A{};
      } else {
        return B{};
      }
    } else {
      // One signed, one unsigned: the signed type when it is wider, else a signed type twice as wide as the
      // unsigned one, and float64 past 64 bits.
      constexpr int signed_size = a.kind == DtypeKind::signed_int ? a.size : b.size;
      constexpr int unsigned_size = a.kind == DtypeKind::signed_int ? b.size : a.size;
      if constexpr (signed_size > unsigned_size) {
        return std::conditional_t<a.kind == DtypeKind::signed_int, A, B>{};
      } else if constexpr (unsigned_size < 8) {
        return signed_of_size<2 * unsigned_size>{};
      } else {
        return double{};
      }
    }
  }
  using type = decltype(pick());
};

}  // namespace detail

/// NumPy's name of T's dtype: "bool", "int8", ..., "uint64", "float16", "bfloat16", "float32", "float64".
template <Element T>
[[nodiscard]] constexpr std::string_view dtype_name() noexcept {
  constexpr detail::DtypeInfo info = detail::dtype_info<T>();
  if constexpr (info.kind == detail::DtypeKind::boolean) {
    return "bool";
  } else if constexpr (info.kind == detail::DtypeKind::floating) {
    if constexpr (info.brain) return "bfloat16";
    if constexpr (info.size == 2) return "float16";
    if constexpr (info.size == 4) return "float32";
    return "float64";
  } else {
    constexpr bool is_signed = info.kind == detail::DtypeKind::signed_int;
    if constexpr (info.size == 1) return is_signed ? "int8" : "uint8";
    if constexpr (info.size == 2) return is_signed ? "int16" : "uint16";
    if constexpr (info.size == 4) return is_signed ? "int32" : "uint32";
    return is_signed ? "int64" : "uint64";
  }
}

/// The type NumPy gives an operation on arrays of A and B (numpy.result_type), e.g. int8 and uint8 -> int16,
/// int64 and uint64 -> double, int16 and float16 -> float.
template <Element A, Element B>
struct result_type : detail::ResultType<std::remove_cv_t<A>, std::remove_cv_t<B>> {};

template <Element A, Element B>
using result_type_t = typename result_type<A, B>::type;

/// numpy.can_cast(From, To, casting) for the dtypes of From and To.
template <Element From, Element To>
[[nodiscard]] constexpr bool can_cast(Casting casting = Casting::safe) noexcept {
  return detail::can_cast_info(detail::dtype_info<From>(), detail::dtype_info<To>(), casting);
}

static_assert(std::is_same_v<result_type_t<std::int8_t, std::uint8_t>, std::int16_t>);
static_assert(std::is_same_v<result_type_t<std::int64_t, std::uint64_t>, double>);
static_assert(std::is_same_v<result_type_t<std::int16_t, float16>, float>);
static_assert(std::is_same_v<result_type_t<float16, bfloat16>, float>);
static_assert(can_cast<std::int64_t, double>() && !can_cast<std::int8_t, std::uint64_t>(Casting::same_kind));

TRUENO_END_NAMESPACE
