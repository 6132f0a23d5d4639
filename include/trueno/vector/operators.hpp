// trueno — arithmetic operators on Vector<T>: eager, each forwarding to the named op.
#pragma once

#include "elementwise.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {
// -s with NumPy's wrap-around for integers (no signed-overflow UB for the minimum value).
template <class T>
constexpr T wrapping_neg(T s) noexcept {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(U(0) - static_cast<U>(s));
  } else {
    return -s;
  }
}
}  // namespace detail

template <VectorElement T>
[[nodiscard]] Vector<T> operator+(const Vector<T>& a, const Vector<T>& b) {
  return add(a, b);
}
template <VectorElement T>
[[nodiscard]] Vector<T> operator-(const Vector<T>& a, const Vector<T>& b) {
  return sub(a, b);
}
template <VectorElement T>
[[nodiscard]] Vector<T> operator*(const Vector<T>& a, const Vector<T>& b) {
  return mul(a, b);
}
/// a / b: float64 for integer vectors, like NumPy.
template <VectorElement T>
[[nodiscard]] auto operator/(const Vector<T>& a, const Vector<T>& b) {
  return div(a, b);
}
template <VectorElement T>
[[nodiscard]] Vector<T> operator-(const Vector<T>& a) {
  return neg(a);
}
template <VectorElement T>
[[nodiscard]] Vector<T> operator+(const Vector<T>& a, std::type_identity_t<T> s) {
  return add_scalar(a, s);
}
template <VectorElement T>
[[nodiscard]] Vector<T> operator+(std::type_identity_t<T> s, const Vector<T>& a) {
  return add_scalar(a, s);
}
template <VectorElement T>
[[nodiscard]] Vector<T> operator-(const Vector<T>& a, std::type_identity_t<T> s) {
  return add_scalar(a, detail::wrapping_neg<T>(s));  // x + (-s) == x - s exactly in IEEE; integers wrap
}
template <VectorElement T>
[[nodiscard]] Vector<T> operator-(std::type_identity_t<T> s, const Vector<T>& a) {
  Vector<T> out = neg(a);
  add_scalar(out, s, out);
  return out;
}
template <VectorElement T>
[[nodiscard]] Vector<T> operator*(const Vector<T>& a, std::type_identity_t<T> s) {
  return scale(a, s);
}
template <VectorElement T>
[[nodiscard]] Vector<T> operator*(std::type_identity_t<T> s, const Vector<T>& a) {
  return scale(a, s);
}
/// a / s is an exact division for each element (not a multiplication by 1/s).
template <FloatElement T>
[[nodiscard]] Vector<T> operator/(const Vector<T>& a, std::type_identity_t<T> s) {
  Vector<T> out(detail::uninitialized, a.size());
  detail::kernels<T>().div_scalar(a.data(), out.data(), a.size(), s);
  return out;
}

template <VectorElement T>
Vector<T>& operator+=(Vector<T>& a, const Vector<T>& b) {
  add(a, b, a);
  return a;
}
template <VectorElement T>
Vector<T>& operator-=(Vector<T>& a, const Vector<T>& b) {
  sub(a, b, a);
  return a;
}
template <VectorElement T>
Vector<T>& operator*=(Vector<T>& a, const Vector<T>& b) {
  mul(a, b, a);
  return a;
}
template <FloatElement T>
Vector<T>& operator/=(Vector<T>& a, const Vector<T>& b) {
  div(a, b, a);
  return a;
}
template <VectorElement T>
Vector<T>& operator+=(Vector<T>& a, std::type_identity_t<T> s) {
  add_scalar(a, s, a);
  return a;
}
template <VectorElement T>
Vector<T>& operator-=(Vector<T>& a, std::type_identity_t<T> s) {
  add_scalar(a, detail::wrapping_neg<T>(s), a);
  return a;
}
template <VectorElement T>
Vector<T>& operator*=(Vector<T>& a, std::type_identity_t<T> s) {
  scale(a, s, a);
  return a;
}
template <FloatElement T>
Vector<T>& operator/=(Vector<T>& a, std::type_identity_t<T> s) {
  detail::kernels<T>().div_scalar(a.data(), a.data(), a.size(), s);
  return a;
}

TRUENO_END_NAMESPACE
