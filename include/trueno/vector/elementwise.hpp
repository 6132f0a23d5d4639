// trueno — element-wise ops on Vector<T>, each as a value form and an out-parameter form that allocates
// nothing. The out-parameter may be one of the inputs (exact aliasing is fine); its size must match.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>

#include "checks.hpp"

TRUENO_BEGIN_NAMESPACE

/// Floating-point element types (ops such as sqrt and div are defined on these).
template <class T>
concept FloatElement = VectorElement<T> && std::floating_point<T>;

namespace detail {

template <class T, class Fn>
void apply_unary(const Vector<T>& a, Vector<T>& out, Fn KernelTable<T>::*fn) {
  check_out_size(out.size(), a.size());
  (kernels<T>().*fn)(a.data(), out.data(), a.size());
}
template <class T, class Fn>
Vector<T> apply_unary(const Vector<T>& a, Fn KernelTable<T>::*fn) {
  Vector<T> out(uninitialized, a.size());
  (kernels<T>().*fn)(a.data(), out.data(), a.size());
  return out;
}
template <class T, class Fn>
void apply_binary(const Vector<T>& a, const Vector<T>& b, Vector<T>& out, Fn KernelTable<T>::*fn) {
  check_same_size(a.size(), b.size());
  check_out_size(out.size(), a.size());
  (kernels<T>().*fn)(a.data(), b.data(), out.data(), a.size());
}
template <class T, class Fn>
Vector<T> apply_binary(const Vector<T>& a, const Vector<T>& b, Fn KernelTable<T>::*fn) {
  check_same_size(a.size(), b.size());
  Vector<T> out(uninitialized, a.size());
  (kernels<T>().*fn)(a.data(), b.data(), out.data(), a.size());
  return out;
}

template <class T>
void check_clamp_bounds(T lo, T hi) {
  check_not_nan(lo, "clamp: lo");
  check_not_nan(hi, "clamp: hi");
  if (lo > hi) {
    throw value_error("clamp: lo (" + std::to_string(lo) + ") must not be greater than hi (" +
                      std::to_string(hi) + ")");
  }
}

// Integer true division: converts blocks to double and divides, as NumPy's int / int -> float64.
template <class T>
void int_true_divide(const T* a, const T* b, double* out, std::size_t n) {
  constexpr std::size_t kChunk = 1024;
  double da[kChunk], db[kChunk];
  const auto& k = kernels<double>();
  for (std::size_t start = 0; start < n; start += kChunk) {
    const std::size_t len = std::min(kChunk, n - start);
    for (std::size_t i = 0; i < len; ++i) {
      da[i] = static_cast<double>(a[start + i]);
      db[i] = static_cast<double>(b[start + i]);
    }
    k.div(da, db, out + start, len);
  }
}

}  // namespace detail

// The binary ops: a (op) b element-wise; sizes must match.
#define TRUENO_VECTOR_BINARY_OP(name, constraint)                        \
  template <constraint T>                                                \
  void name(const Vector<T>& a, const Vector<T>& b, Vector<T>& out) {    \
    detail::apply_binary(a, b, out, &detail::KernelTable<T>::name);      \
  }                                                                      \
  template <constraint T>                                                \
  [[nodiscard]] Vector<T> name(const Vector<T>& a, const Vector<T>& b) { \
    return detail::apply_binary(a, b, &detail::KernelTable<T>::name);    \
  }

/// a + b (integers wrap around, like NumPy).
TRUENO_VECTOR_BINARY_OP(add, VectorElement)
/// a - b.
TRUENO_VECTOR_BINARY_OP(sub, VectorElement)
/// a * b.
TRUENO_VECTOR_BINARY_OP(mul, VectorElement)
/// Element-wise maximum; NaN propagates, ties return a's element (so max(+0, -0) is +0).
TRUENO_VECTOR_BINARY_OP(maximum, VectorElement)
/// Element-wise minimum; NaN propagates, ties return a's element.
TRUENO_VECTOR_BINARY_OP(minimum, VectorElement)

#undef TRUENO_VECTOR_BINARY_OP

/// a / b, IEEE division (x/0 is +-inf or NaN).
template <FloatElement T>
void div(const Vector<T>& a, const Vector<T>& b, Vector<T>& out) {
  detail::apply_binary(a, b, out, &detail::KernelTable<T>::div);
}
template <FloatElement T>
[[nodiscard]] Vector<T> div(const Vector<T>& a, const Vector<T>& b) {
  return detail::apply_binary(a, b, &detail::KernelTable<T>::div);
}
/// Integer true division returns float64, like NumPy (`int / int`); x/0 follows IEEE (inf or NaN).
template <VectorElement T>
requires std::integral<T>
void div(const Vector<T>& a, const Vector<T>& b, Vector<double>& out) {
  detail::check_same_size(a.size(), b.size());
  detail::check_out_size(out.size(), a.size());
  detail::int_true_divide(a.data(), b.data(), out.data(), a.size());
}
template <VectorElement T>
requires std::integral<T>
[[nodiscard]] Vector<double> div(const Vector<T>& a, const Vector<T>& b) {
  detail::check_same_size(a.size(), b.size());
  Vector<double> out(detail::uninitialized, a.size());
  detail::int_true_divide(a.data(), b.data(), out.data(), a.size());
  return out;
}

// The unary ops.
#define TRUENO_VECTOR_UNARY_OP(name, constraint)                  \
  template <constraint T>                                         \
  void name(const Vector<T>& a, Vector<T>& out) {                 \
    detail::apply_unary(a, out, &detail::KernelTable<T>::name);   \
  }                                                               \
  template <constraint T>                                         \
  [[nodiscard]] Vector<T> name(const Vector<T>& a) {              \
    return detail::apply_unary(a, &detail::KernelTable<T>::name); \
  }

/// -a (integers wrap: -INT_MIN == INT_MIN).
TRUENO_VECTOR_UNARY_OP(neg, VectorElement)
/// |a| (abs(INT_MIN) == INT_MIN, as NumPy).
TRUENO_VECTOR_UNARY_OP(abs, VectorElement)
/// a * a.
TRUENO_VECTOR_UNARY_OP(square, VectorElement)
/// Correctly rounded square root (NaN for negative inputs, -0 for -0).
TRUENO_VECTOR_UNARY_OP(sqrt, FloatElement)
/// 1 / a, an exact division (not a reciprocal estimate).
TRUENO_VECTOR_UNARY_OP(reciprocal, FloatElement)

#undef TRUENO_VECTOR_UNARY_OP

/// a * s.
template <VectorElement T>
void scale(const Vector<T>& a, std::type_identity_t<T> s, Vector<T>& out) {
  detail::check_out_size(out.size(), a.size());
  detail::kernels<T>().scale(a.data(), out.data(), a.size(), s);
}
template <VectorElement T>
[[nodiscard]] Vector<T> scale(const Vector<T>& a, std::type_identity_t<T> s) {
  Vector<T> out(detail::uninitialized, a.size());
  detail::kernels<T>().scale(a.data(), out.data(), a.size(), s);
  return out;
}

/// a + s.
template <VectorElement T>
void add_scalar(const Vector<T>& a, std::type_identity_t<T> s, Vector<T>& out) {
  detail::check_out_size(out.size(), a.size());
  detail::kernels<T>().add_scalar(a.data(), out.data(), a.size(), s);
}
template <VectorElement T>
[[nodiscard]] Vector<T> add_scalar(const Vector<T>& a, std::type_identity_t<T> s) {
  Vector<T> out(detail::uninitialized, a.size());
  detail::kernels<T>().add_scalar(a.data(), out.data(), a.size(), s);
  return out;
}

/// minimum(maximum(a, lo), hi); NaN elements stay NaN. Throws value_error if lo > hi or a bound is NaN.
template <VectorElement T>
void clamp(const Vector<T>& a, std::type_identity_t<T> lo, std::type_identity_t<T> hi, Vector<T>& out) {
  detail::check_clamp_bounds<T>(lo, hi);
  detail::check_out_size(out.size(), a.size());
  detail::kernels<T>().clamp(a.data(), out.data(), a.size(), lo, hi);
}
template <VectorElement T>
[[nodiscard]] Vector<T> clamp(const Vector<T>& a, std::type_identity_t<T> lo, std::type_identity_t<T> hi) {
  detail::check_clamp_bounds<T>(lo, hi);
  Vector<T> out(detail::uninitialized, a.size());
  detail::kernels<T>().clamp(a.data(), out.data(), a.size(), lo, hi);
  return out;
}

/// a + t * (b - a), with PyTorch's formula (b - (b - a) * (1 - t) for |t| >= 0.5, exact at t == 1).
template <FloatElement T>
void lerp(const Vector<T>& a, const Vector<T>& b, std::type_identity_t<T> t, Vector<T>& out) {
  detail::check_same_size(a.size(), b.size());
  detail::check_out_size(out.size(), a.size());
  detail::kernels<T>().lerp(a.data(), b.data(), out.data(), a.size(), t);
}
template <FloatElement T>
[[nodiscard]] Vector<T> lerp(const Vector<T>& a, const Vector<T>& b, std::type_identity_t<T> t) {
  detail::check_same_size(a.size(), b.size());
  Vector<T> out(detail::uninitialized, a.size());
  detail::kernels<T>().lerp(a.data(), b.data(), out.data(), a.size(), t);
  return out;
}

/// a * b + c, fused (one rounding) on every backend with FMA; the SSE2 backend rounds twice.
template <FloatElement T>
void fma(const Vector<T>& a, const Vector<T>& b, const Vector<T>& c, Vector<T>& out) {
  detail::check_same_size(a.size(), b.size());
  detail::check_same_size(a.size(), c.size());
  detail::check_out_size(out.size(), a.size());
  detail::kernels<T>().fma(a.data(), b.data(), c.data(), out.data(), a.size());
}
template <FloatElement T>
[[nodiscard]] Vector<T> fma(const Vector<T>& a, const Vector<T>& b, const Vector<T>& c) {
  detail::check_same_size(a.size(), b.size());
  detail::check_same_size(a.size(), c.size());
  Vector<T> out(detail::uninitialized, a.size());
  detail::kernels<T>().fma(a.data(), b.data(), c.data(), out.data(), a.size());
  return out;
}

/// Sets every element to value.
template <VectorElement T>
void fill(Vector<T>& v, std::type_identity_t<T> value) {
  std::fill(v.begin(), v.end(), value);
}

/// Copies src into dst (sizes must match).
template <VectorElement T>
void copy(const Vector<T>& src, Vector<T>& dst) {
  detail::check_out_size(dst.size(), src.size());
  if (!src.empty() && src.data() != dst.data()) std::memcpy(dst.data(), src.data(), src.size() * sizeof(T));
}

TRUENO_END_NAMESPACE
