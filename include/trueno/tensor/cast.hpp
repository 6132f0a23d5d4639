// trueno — converting elements between dtypes: Tensor::astype<U>() and the value conversions behind it, with
// NumPy's semantics (casting='unsafe') and no undefined behaviour anywhere:
//   - to bool: x != 0 (NaN is true);
//   - from bool: 0 or 1;
//   - integer to integer: modulo 2^bits (two's complement), as NumPy's C casts;
//   - to float16 / bfloat16: rounded once to nearest, ties to even (core/half.hpp);
//   - to float / double from integers or wider floats: the hardware's round to nearest;
//   - float to integer: truncation toward zero; a NaN, an infinity or a value out of range gives exactly what
//     NumPy gives on x86-64, which is what its cvttsd2si-based casts produce: int32 and int64 get their most
//     negative value; int8, int16, uint8 and uint16 get the low bits of the int32 result (so 300.0 -> int8
//     is 44 and 1e10 -> int8 is 0); uint32 and uint64 subtract 2^31 or 2^63 from values at or above it first
//     (so -1.0 -> uint32 is 4294967295 and NaN -> uint64 is 2^63). From float16 and bfloat16, uint32 gets the
//     low 32 bits of the int64 result (NumPy converts those through a scalar float -> int64 path: NaN and the
//     infinities give 0). NumPy itself gives the low bits of the int64 result for the last few elements of a
//     float32/float64 array (its loop's scalar tail) when they are out of uint32's range; trueno does not.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

#include "../core/dispatch.hpp"
#include "../core/dtype.hpp"
#include "elementwise.hpp"
#include "tensor.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

// x86-64's truncating conversion of a double to a signed integer of I's width (cvttsd2si): out of range and
// NaN give the "integer indefinite" value, the most negative one.
template <class I>
constexpr I x86_truncate(double x) noexcept {
  constexpr double kLimit = static_cast<double>(std::numeric_limits<I>::max()) + 1.0;  // 2^31 or 2^63
  // Every double in (-2^31 - 1, 2^31) truncates into int32. For int64 the lower bound -2^63 - 1 rounds to
  // -2^63, which is then excluded although in range: its result is the same most negative value.
  if (!(x > -kLimit - 1.0 && x < kLimit)) return std::numeric_limits<I>::min();
  return static_cast<I>(x);
}

template <class To>
constexpr To float_to_integer(double x) noexcept {
  if constexpr (std::is_same_v<To, std::int64_t>) {
    return x86_truncate<std::int64_t>(x);
  } else if constexpr (std::is_same_v<To, std::uint64_t>) {
    constexpr double kHalf = 9223372036854775808.0;  // 2^63
    if (x >= kHalf) {
      return static_cast<std::uint64_t>(x86_truncate<std::int64_t>(x - kHalf)) ^ (std::uint64_t{1} << 63U);
    }
    return static_cast<std::uint64_t>(x86_truncate<std::int64_t>(x));
  } else if constexpr (std::is_same_v<To, std::uint32_t>) {
    constexpr double kHalf = 2147483648.0;  // 2^31
    if (x >= kHalf) {
      return static_cast<std::uint32_t>(x86_truncate<std::int32_t>(x - kHalf)) ^ (std::uint32_t{1} << 31U);
    }
    return static_cast<std::uint32_t>(x86_truncate<std::int32_t>(x));
  } else {  // int8, int16, int32, uint8, uint16: the low bits of the int32 conversion
    return static_cast<To>(x86_truncate<std::int32_t>(x));
  }
}

/// One element converted from From to To with NumPy's astype semantics (see the top of this file).
template <class To, class From>
constexpr To cast_value(From v) noexcept {
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (std::is_same_v<To, bool>) {
    if constexpr (is_float16_like_v<From>) {
      return (v.bits() & 0x7FFFU) != 0;
    } else {
      return v != From{0};
    }
  } else if constexpr (std::is_same_v<From, bool>) {
    return To(v ? 1 : 0);
  } else if constexpr (is_float16_like_v<To>) {
    if constexpr (is_float16_like_v<From>) {
      return To(static_cast<float>(v));
    } else {
      return To(v);
    }
  } else if constexpr (std::is_floating_point_v<To>) {
    if constexpr (is_float16_like_v<From>) {
      return static_cast<To>(static_cast<float>(v));
    } else {
      return static_cast<To>(v);
    }
  } else if constexpr (std::is_integral_v<From>) {
    return static_cast<To>(v);  // modulo 2^bits (C++20)
  } else if constexpr (is_float16_like_v<From>) {
    const double x = static_cast<float>(v);
    if constexpr (std::is_same_v<To, std::uint32_t>) {
      return static_cast<std::uint32_t>(static_cast<std::uint64_t>(x86_truncate<std::int64_t>(x)));
    } else {
      return float_to_integer<To>(x);
    }
  } else {
    return float_to_integer<To>(static_cast<double>(v));
  }
}

/// n elements converted, contiguous in and out; float <-> float16 / bfloat16 through the dispatched SIMD
/// kernels (simd/convert-inl.hpp), which give the same bits as cast_value.
template <class From, class To>
void cast_n(const From* in, To* out, std::size_t n) {
  if constexpr (std::is_same_v<From, To>) {
    if (n != 0) std::memcpy(out, in, n * sizeof(To));
  } else if constexpr (std::is_same_v<From, float> && std::is_same_v<To, float16>) {
    kernels<float>().to_f16(in, reinterpret_cast<std::uint16_t*>(out), n);
  } else if constexpr (std::is_same_v<From, float16> && std::is_same_v<To, float>) {
    kernels<float>().from_f16(reinterpret_cast<const std::uint16_t*>(in), out, n);
  } else if constexpr (std::is_same_v<From, float> && std::is_same_v<To, bfloat16>) {
    kernels<float>().to_bf16(in, reinterpret_cast<std::uint16_t*>(out), n);
  } else if constexpr (std::is_same_v<From, bfloat16> && std::is_same_v<To, float>) {
    kernels<float>().from_bf16(reinterpret_cast<const std::uint16_t*>(in), out, n);
  } else {
    for (std::size_t i = 0; i < n; ++i) out[i] = cast_value<To>(in[i]);
  }
}

}  // namespace detail

/// NumPy's spelling of a casting rule: "no", "equiv", "safe", "same_kind", "unsafe".
[[nodiscard]] constexpr std::string_view to_string(Casting c) noexcept {
  switch (c) {
    case Casting::no:
      return "no";
    case Casting::equiv:
      return "equiv";
    case Casting::safe:
      return "safe";
    case Casting::same_kind:
      return "same_kind";
    case Casting::unsafe:
      break;
  }
  return "unsafe";
}

/// np.copyto(dst, src, casting=...): src broadcast to dst's shape and converted to dst's dtype, element by
/// element, into dst's storage (any view). Throws value_error naming both dtypes when `casting` does not
/// allow the conversion, and shape_error when src does not broadcast to dst: in both cases before writing
/// anything.
template <class T, std::size_t N, class U, std::size_t M>
requires(!std::is_const_v<T>) void copyto(const Tensor<T, N>& dst, const Tensor<U, M>& src,
                                          Casting casting = Casting::same_kind) {
  using S = std::remove_const_t<U>;
  if (!can_cast<S, T>(casting)) {
    std::string msg = "Cannot cast array data from dtype('";
    msg += dtype_name<S>();
    msg += "') to dtype('";
    msg += dtype_name<T>();
    msg += "') according to the rule '";
    msg += to_string(casting);
    msg += "'";
    throw value_error(msg);
  }
  if constexpr (std::is_same_v<S, T>) {
    dst.assign(src);
  } else {
    const auto b = src.broadcast_to_shape(dst.shape());
    detail::map_unary(dst, b, [](const S* a, T* o, std::size_t n) { detail::cast_n(a, o, n); });
  }
}

template <class T, std::size_t N>
template <TensorElement U>
Tensor<U, N> Tensor<T, N>::astype() const {
  auto out = detail::empty_tensor<U>(shape_);
  detail::map_unary(out, *this, [](const value_type* a, U* o, std::size_t n) { detail::cast_n(a, o, n); });
  return out;
}

TRUENO_END_NAMESPACE
