// trueno — shapes and strides: the Dim parameter type, shape formatting "(2,3)", NumPy broadcasting of two
// shapes, axis normalisation with NumPy's messages, row-major strides and element counts.
#pragma once

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "../core/error.hpp"

TRUENO_BEGIN_NAMESPACE

/// One extent in a shape argument: any integer type converts (`zeros<float>({n, 3})` with n a size_t or an
/// int). Negative values are rejected where a shape is built (-1 is allowed in `reshape` only).
struct Dim {
  std::int64_t value;
  template <std::integral I>
  constexpr Dim(I v) noexcept  // NOLINT(google-explicit-constructor): shape literals are brace lists
      : value(std::is_unsigned_v<I> &&
                      static_cast<std::uint64_t>(v) > std::numeric_limits<std::int64_t>::max()
                  ? -1
                  : static_cast<std::int64_t>(v)) {}
};

template <std::size_t N>
using Shape = std::array<std::size_t, N>;
template <std::size_t N>
using Strides = std::array<std::ptrdiff_t, N>;

/// The `keepdims` tag of axis reductions: `trueno::sum(t, 0, trueno::keepdims)`.
struct keepdims_t {
  explicit keepdims_t() = default;
};
inline constexpr keepdims_t keepdims{};

namespace detail {

/// "(2,3)", "(4,)", "()" as NumPy prints shapes in its messages.
template <class Range>
std::string format_shape(const Range& shape) {
  std::string s = "(";
  std::size_t k = 0;
  for (auto d : shape) {
    if (k++ > 0) s += ',';
    s += std::to_string(d);
  }
  if (k == 1) s += ',';
  return s + ")";
}

/// Product of the extents; throws value_error when it does not fit in an address space.
template <std::size_t N>
std::size_t shape_size(const Shape<N>& shape) {
  std::size_t n = 1;
  for (auto d : shape) {
    if (d != 0 && n > (std::numeric_limits<std::size_t>::max() >> 4) / d) {
      throw value_error("array is too big; the shape " + format_shape(shape) + " has too many elements");
    }
    n *= d;
  }
  for (auto d : shape) {
    if (d == 0) return 0;
  }
  return n;
}

template <std::size_t N>
Shape<N> to_shape(const Dim (&dims)[N]) {
  Shape<N> s{};
  for (std::size_t i = 0; i < N; ++i) {
    if (dims[i].value < 0) throw value_error("negative dimensions are not allowed");
    s[i] = static_cast<std::size_t>(dims[i].value);
  }
  shape_size(s);
  return s;
}

/// C-order (row-major) strides, in elements.
template <std::size_t N>
Strides<N> contiguous_strides(const Shape<N>& shape) {
  Strides<N> st{};
  std::ptrdiff_t s = 1;
  for (std::size_t i = N; i-- > 0;) {
    st[i] = s;
    s *= static_cast<std::ptrdiff_t>(shape[i] == 0 ? 1 : shape[i]);
  }
  return st;
}

/// Normalises a possibly negative axis of an array of `rank` dimensions, or throws index_error worded as
/// NumPy.
inline std::size_t normalize_axis(std::ptrdiff_t axis, std::size_t rank) {
  const auto r = static_cast<std::ptrdiff_t>(rank);
  if (axis < -r || axis >= r) {
    throw index_error("axis " + std::to_string(axis) + " is out of bounds for array of dimension " +
                      std::to_string(rank));
  }
  return static_cast<std::size_t>(axis < 0 ? axis + r : axis);
}

/// Normalises an index along an axis (negative counts from the end), or throws index_error worded as NumPy.
inline std::size_t normalize_index(std::int64_t index, std::size_t axis, std::size_t size) {
  const auto n = static_cast<std::int64_t>(size);
  if (index < -n || index >= n) {
    throw index_error("index " + std::to_string(index) + " is out of bounds for axis " +
                      std::to_string(axis) + " with size " + std::to_string(size));
  }
  return static_cast<std::size_t>(index < 0 ? index + n : index);
}

/// The broadcast shape of two shapes (NumPy's rules: align trailing axes; extents equal or one of them 1).
template <std::size_t R, std::size_t A, std::size_t B>
Shape<R> broadcast_shapes(const Shape<A>& a, const Shape<B>& b) {
  static_assert(R == std::max(A, B));
  Shape<R> out{};
  for (std::size_t i = 0; i < R; ++i) {
    const std::size_t da = i < R - A ? 1 : a[i - (R - A)];
    const std::size_t db = i < R - B ? 1 : b[i - (R - B)];
    if (da != db && da != 1 && db != 1) {
      throw shape_error("operands could not be broadcast together with shapes " + format_shape(a) + " " +
                        format_shape(b));
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

/// Strides that read an operand of shape `shape` (rank M <= R) as if it had the broadcast shape `target`:
/// 0 along new or stretched axes. The caller has checked compatibility.
template <std::size_t R, std::size_t M>
Strides<R> broadcast_strides(const Shape<M>& shape, const Strides<M>& strides, const Shape<R>& target) {
  Strides<R> out{};
  for (std::size_t i = 0; i < R; ++i) {
    if (i < R - M) {
      out[i] = 0;
    } else {
      const std::size_t j = i - (R - M);
      out[i] = (shape[j] == 1 && target[i] != 1) ? 0 : strides[j];
    }
  }
  return out;
}

/// p + off for element pointers into tensor storage. An empty tensor's storage is a null pointer, and
/// offsetting a null pointer is undefined even by a view of nothing, so null stays null.
template <class T>
constexpr T* offset_ptr(T* p, std::ptrdiff_t off) noexcept {
  return p == nullptr ? p : p + off;
}

}  // namespace detail
TRUENO_END_NAMESPACE
