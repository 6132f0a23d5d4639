// trueno — creating tensors: zeros ones full empty (from a shape), *_like, arange linspace logspace eye
// identity, array<T> from nested braces or a span (copies, like np.array), and from_blob views over user
// memory.
#pragma once

#include <cmath>
#include <initializer_list>
#include <span>

#include "../vector.hpp"
#include "elementwise.hpp"

TRUENO_BEGIN_NAMESPACE

/// Rank-0 shape argument: `trueno::zeros<float>({})`.
using Scalar0 = std::array<std::size_t, 0>;

/// A tensor of the given shape with uninitialised elements.
template <TensorElement T, std::size_t N>
[[nodiscard]] Tensor<T, N> empty(const Dim (&shape)[N]) {
  return detail::empty_tensor<T>(detail::to_shape(shape));
}
template <TensorElement T>
[[nodiscard]] Tensor<T, 0> empty(Scalar0 /*shape*/) {
  return detail::empty_tensor<T>(Shape<0>{});
}
/// Every element `value`.
template <TensorElement T, std::size_t N>
[[nodiscard]] Tensor<T, N> full(const Dim (&shape)[N], std::type_identity_t<T> value) {
  auto t = empty<T>(shape);
  std::fill_n(t.data(), t.size(), value);
  return t;
}
template <TensorElement T>
[[nodiscard]] Tensor<T, 0> full(Scalar0 shape, std::type_identity_t<T> value) {
  auto t = empty<T>(shape);
  *t.data() = value;
  return t;
}
/// Every element 0.
template <TensorElement T, std::size_t N>
[[nodiscard]] Tensor<T, N> zeros(const Dim (&shape)[N]) {
  return full<T>(shape, T{});
}
template <TensorElement T>
[[nodiscard]] Tensor<T, 0> zeros(Scalar0 shape) {
  return full<T>(shape, T{});
}
/// Every element 1.
template <TensorElement T, std::size_t N>
[[nodiscard]] Tensor<T, N> ones(const Dim (&shape)[N]) {
  return full<T>(shape, T{1});
}
template <TensorElement T>
[[nodiscard]] Tensor<T, 0> ones(Scalar0 shape) {
  return full<T>(shape, T{1});
}

/// A new tensor of t's shape: uninitialised, zeros, ones, or `value`.
template <AnyTensor A>
[[nodiscard]] auto empty_like(const A& t) {
  return detail::empty_tensor<detail::elem_t<A>>(t.shape());
}
template <AnyTensor A>
[[nodiscard]] auto full_like(const A& t, std::type_identity_t<detail::elem_t<A>> value) {
  auto r = empty_like(t);
  std::fill_n(r.data(), r.size(), value);
  return r;
}
template <AnyTensor A>
[[nodiscard]] auto zeros_like(const A& t) {
  return full_like(t, detail::elem_t<A>{});
}
template <AnyTensor A>
[[nodiscard]] auto ones_like(const A& t) {
  return full_like(t, detail::elem_t<A>{1});
}

/// Values start, start + step, ... below stop (above it for a negative step), as np.arange: the count is
/// ceil((stop - start) / step) and element i is start + i * step.
template <detail::KernelElement T>
[[nodiscard]] Tensor<T, 1> arange(std::type_identity_t<T> start, std::type_identity_t<T> stop,
                                  std::type_identity_t<T> step = T{1}) {
  if (step == T{0}) throw value_error("arange: step must not be zero");
  double count =
      std::ceil((static_cast<double>(stop) - static_cast<double>(start)) / static_cast<double>(step));
  if (!(count > 0)) count = 0;
  if (count > 1e15) throw value_error("arange: too many elements");
  auto t = detail::empty_tensor<T>(Shape<1>{static_cast<std::size_t>(count)});
  for (std::size_t i = 0; i < t.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      t.data()[i] = start + static_cast<T>(i) * step;
    } else {
      t.data()[i] = static_cast<T>(start + static_cast<T>(i) * step);
    }
  }
  return t;
}
/// 0, 1, ..., stop - 1.
template <detail::KernelElement T>
[[nodiscard]] Tensor<T, 1> arange(std::type_identity_t<T> stop) {
  return arange<T>(T{0}, stop, T{1});
}

/// `num` evenly spaced values from start to stop (stop included unless endpoint is false), as np.linspace.
template <std::floating_point T>
[[nodiscard]] Tensor<T, 1> linspace(std::type_identity_t<T> start, std::type_identity_t<T> stop,
                                    std::size_t num = 50, bool endpoint = true) {
  auto t = detail::empty_tensor<T>(Shape<1>{num});
  const std::size_t div = endpoint ? (num > 0 ? num - 1 : 0) : num;
  const T delta = stop - start;
  for (std::size_t i = 0; i < num; ++i) {
    t.data()[i] = div > 0 ? start + static_cast<T>(i) * (delta / static_cast<T>(div)) : start;
  }
  if (endpoint && num > 1) t.data()[num - 1] = stop;
  return t;
}
/// base ** linspace(start, stop, num, endpoint), as np.logspace.
template <std::floating_point T>
[[nodiscard]] Tensor<T, 1> logspace(std::type_identity_t<T> start, std::type_identity_t<T> stop,
                                    std::size_t num = 50, bool endpoint = true,
                                    std::type_identity_t<T> base = T{10}) {
  auto t = linspace<T>(start, stop, num, endpoint);
  for (std::size_t i = 0; i < num; ++i) t.data()[i] = std::pow(base, t.data()[i]);
  return t;
}

/// An n x m matrix with ones on diagonal k (k > 0 above the main one), zeros elsewhere (np.eye).
template <TensorElement T>
[[nodiscard]] Tensor<T, 2> eye(std::size_t n, std::size_t m, std::ptrdiff_t k = 0) {
  auto t = zeros<T>({n, m});
  auto d = t.diagonal(k);
  d.fill(T{1});
  return t;
}
template <TensorElement T>
[[nodiscard]] Tensor<T, 2> eye(std::size_t n) {
  return eye<T>(n, n, 0);
}
/// The n x n identity matrix.
template <TensorElement T>
[[nodiscard]] Tensor<T, 2> identity(std::size_t n) {
  return eye<T>(n, n, 0);
}

namespace detail {
template <class T, std::size_t N>
struct Nested {
  using type = std::initializer_list<typename Nested<T, N - 1>::type>;
};
// The leaves of a nested list: the element type itself, or float for the 16-bit floats (whose constructors
// are explicit), so that `array<float16>({0.5, 2})` reads like `array<float>({0.5, 2})`.
template <class T>
using nested_leaf_t = std::conditional_t<is_float16_like_v<T>, float, T>;
template <class T>
struct Nested<T, 1> {
  using type = std::initializer_list<nested_leaf_t<T>>;
};

template <class T, std::size_t N, class L>
void nested_shape(const L& list, Shape<N>& shape, std::size_t depth) {
  shape[depth] = list.size();
  if constexpr (!std::is_same_v<L, std::initializer_list<nested_leaf_t<T>>>) {
    if (list.size() > 0) nested_shape<T, N>(*list.begin(), shape, depth + 1);
  }
}
template <class T, std::size_t N, class L>
void nested_fill(const L& list, const Shape<N>& shape, std::size_t depth, T*& out) {
  if (list.size() != shape[depth]) {
    throw shape_error(
        "setting an array element with a sequence. The requested array has an inhomogeneous "
        "shape after " +
        std::to_string(depth) + " dimensions. The detected shape was " +
        format_shape(std::span<const std::size_t>(shape.data(), depth)) + " + inhomogeneous part.");
  }
  if constexpr (std::is_same_v<L, std::initializer_list<nested_leaf_t<T>>>) {
    for (const auto& v : list) *out++ = T(v);
  } else {
    for (const auto& sub : list) nested_fill<T, N>(sub, shape, depth + 1, out);
  }
}
template <class T, std::size_t N>
Tensor<T, N> from_nested(const typename Nested<T, N>::type& list) {
  Shape<N> shape{};
  nested_shape<T, N>(list, shape, 0);
  auto t = empty_tensor<T>(shape);
  T* p = t.data();
  nested_fill<T, N>(list, shape, 0, p);
  return t;
}
}  // namespace detail

/// A tensor holding the given values; the rank is the nesting depth: `array<float>({{1, 2}, {3, 4}})`.
/// Ragged lists throw shape_error worded as NumPy's.
template <TensorElement T>
[[nodiscard]] Tensor<T, 1> array(typename detail::Nested<T, 1>::type values) {
  return detail::from_nested<T, 1>(values);
}
template <TensorElement T>
[[nodiscard]] Tensor<T, 2> array(typename detail::Nested<T, 2>::type values) {
  return detail::from_nested<T, 2>(values);
}
template <TensorElement T>
[[nodiscard]] Tensor<T, 3> array(typename detail::Nested<T, 3>::type values) {
  return detail::from_nested<T, 3>(values);
}
template <TensorElement T>
[[nodiscard]] Tensor<T, 4> array(typename detail::Nested<T, 4>::type values) {
  return detail::from_nested<T, 4>(values);
}
/// A 1-D copy of the span's elements (np.array of a buffer).
template <class T>
requires TensorElement<std::remove_const_t<T>>
[[nodiscard]] Tensor<std::remove_const_t<T>, 1> array(std::span<T> values) {
  auto t = detail::empty_tensor<std::remove_const_t<T>>(Shape<1>{values.size()});
  std::copy(values.begin(), values.end(), t.data());
  return t;
}

/// A non-owning C-contiguous view of `p` with the given shape: the memory must outlive every view of it.
/// `const T*` gives a read-only Tensor<const T, N>.
template <class T, std::size_t N>
requires TensorElement<std::remove_const_t<T>>
[[nodiscard]] Tensor<T, N> from_blob(T* p, const Dim (&shape)[N]) {
  const auto s = detail::to_shape(shape);
  if (p == nullptr && detail::shape_size(s) > 0)
    throw value_error("from_blob: null pointer for a non-empty shape");
  return {detail::view_parts, std::shared_ptr<T>(std::shared_ptr<void>(), p), s};
}
/// The same with explicit strides in elements.
template <class T, std::size_t N>
requires TensorElement<std::remove_const_t<T>>
[[nodiscard]] Tensor<T, N> from_blob(T* p, const Dim (&shape)[N], const std::ptrdiff_t (&strides)[N]) {
  Strides<N> st{};
  for (std::size_t i = 0; i < N; ++i) st[i] = strides[i];
  return {detail::view_parts, std::shared_ptr<T>(std::shared_ptr<void>(), p), detail::to_shape(shape), st};
}

template <VectorElement T>
Tensor<T, 1> Vector<T>::view() {
  return {detail::view_parts, std::shared_ptr<T>(std::shared_ptr<void>(), data()), Shape<1>{size()}};
}
template <VectorElement T>
Tensor<const T, 1> Vector<T>::view() const {
  return {detail::view_parts, std::shared_ptr<const T>(std::shared_ptr<void>(), data()), Shape<1>{size()}};
}
template <VectorElement T>
Tensor<T, 1> Vector<T>::to_tensor() && {
  const std::size_t n = size();
  auto buf = std::make_shared<detail::AlignedBuffer<T>>(std::move(buf_));
  T* p = buf->data();
  return {detail::view_parts, std::shared_ptr<T>(std::move(buf), p), Shape<1>{n}};
}

/// A view with axis `axis` reversed (negative stride), as np.flip.
template <class T, std::size_t N>
[[nodiscard]] Tensor<T, N> flip(const Tensor<T, N>& t, std::ptrdiff_t axis) {
  return t.flip_axis(detail::normalize_axis(axis, N));
}
/// A view with every axis reversed.
template <class T, std::size_t N>
[[nodiscard]] Tensor<T, N> flip(const Tensor<T, N>& t) {
  Tensor<T, N> r = t;
  for (std::size_t i = 0; i < N; ++i) r = r.flip_axis(i);
  return r;
}

TRUENO_END_NAMESPACE
