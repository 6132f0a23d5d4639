// trueno — math and activations on Vector<float> and Vector<double>: exponentials, logarithms, trigonometric
// and hyperbolic functions and their inverses, atan2, pow, sigmoid, tanh, silu, softplus (each a value form
// and an out-parameter form), and softmax, log_softmax, logsumexp over the whole vector. Accuracy: at most 2
// ULP for the elementary functions, 3 ULP for sigmoid, silu and softplus, 4 for pow (and in float for atan2
// and the inverse trigonometric and hyperbolic functions), measured on every backend (docs/reference.md);
// special values as C and NumPy.
#pragma once

#include <limits>
#include <type_traits>

#include "elementwise.hpp"

TRUENO_BEGIN_NAMESPACE

// f(a, out) writes f of every element into out (same size; may be a itself); f(a) returns a new vector.
#define TRUENO_VECTOR_MATH_OP(name)                               \
  template <FloatElement T>                                       \
  void name(const Vector<T>& a, Vector<T>& out) {                 \
    detail::apply_unary(a, out, &detail::KernelTable<T>::name);   \
  }                                                               \
  template <FloatElement T>                                       \
  [[nodiscard]] Vector<T> name(const Vector<T>& a) {              \
    return detail::apply_unary(a, &detail::KernelTable<T>::name); \
  }

/// e^x; overflow gives inf, underflow is gradual (exp(-100.f) is a denormal).
TRUENO_VECTOR_MATH_OP(exp)
/// 2^x.
TRUENO_VECTOR_MATH_OP(exp2)
/// e^x - 1, accurate near 0.
TRUENO_VECTOR_MATH_OP(expm1)
/// Natural logarithm: log(0) = -inf, log(x < 0) = NaN, log(inf) = inf.
TRUENO_VECTOR_MATH_OP(log)
/// Base-2 logarithm (exact at powers of two).
TRUENO_VECTOR_MATH_OP(log2)
/// Base-10 logarithm.
TRUENO_VECTOR_MATH_OP(log10)
/// log(1 + x), accurate near 0: log1p(-1) = -inf, log1p(x < -1) = NaN.
TRUENO_VECTOR_MATH_OP(log1p)
/// 1 / sqrt(x), exactly 1 / (correctly rounded sqrt): rsqrt(+-0) = +-inf, rsqrt(x < 0) = NaN.
TRUENO_VECTOR_MATH_OP(rsqrt)
/// Cube root, odd: cbrt(-8) = -2.
TRUENO_VECTOR_MATH_OP(cbrt)
/// Sine (radians); arguments up to 2^20 * pi/2 are reduced in SIMD, larger ones by the C library.
TRUENO_VECTOR_MATH_OP(sin)
/// Cosine (radians); as sin.
TRUENO_VECTOR_MATH_OP(cos)
/// Tangent (radians); arguments up to 2^20 * pi/2 are reduced in SIMD, larger ones by the C library.
TRUENO_VECTOR_MATH_OP(tan)
/// Arc sine in [-pi/2, pi/2]: asin(|x| > 1) = NaN, asin(-0) = -0.
TRUENO_VECTOR_MATH_OP(asin)
/// Arc cosine in [0, pi]: acos(|x| > 1) = NaN.
TRUENO_VECTOR_MATH_OP(acos)
/// Arc tangent in [-pi/2, pi/2]: atan(+-inf) = +-pi/2.
TRUENO_VECTOR_MATH_OP(atan)
/// Hyperbolic sine; overflow gives +-inf (beyond |x| = 89.4 in float, 710.5 in double).
TRUENO_VECTOR_MATH_OP(sinh)
/// Hyperbolic cosine; overflow gives inf.
TRUENO_VECTOR_MATH_OP(cosh)
/// Inverse hyperbolic sine, odd.
TRUENO_VECTOR_MATH_OP(asinh)
/// Inverse hyperbolic cosine: acosh(1) = 0, acosh(x < 1) = NaN.
TRUENO_VECTOR_MATH_OP(acosh)
/// Inverse hyperbolic tangent: atanh(+-1) = +-inf, atanh(|x| > 1) = NaN.
TRUENO_VECTOR_MATH_OP(atanh)
/// 1 / (1 + e^-x), saturating cleanly to 0 and 1.
TRUENO_VECTOR_MATH_OP(sigmoid)
/// Hyperbolic tangent.
TRUENO_VECTOR_MATH_OP(tanh)
/// x * sigmoid(x) (PyTorch's SiLU); the limit -0 at -inf.
TRUENO_VECTOR_MATH_OP(silu)
/// log(1 + e^x), and x itself above 20 (PyTorch's softplus with beta = 1, threshold = 20).
TRUENO_VECTOR_MATH_OP(softplus)
/// exp(x - max) / sum(exp(x - max)) over the whole vector. A NaN, a +inf element or an all -inf input gives
/// all NaN (as PyTorch); an empty vector gives an empty one.
TRUENO_VECTOR_MATH_OP(softmax)
/// (x - max) - log(sum(exp(x - max))): log(softmax(x)) without its rounding and underflow.
TRUENO_VECTOR_MATH_OP(log_softmax)

#undef TRUENO_VECTOR_MATH_OP

/// sqrt(a^2 + b^2) element-wise without intermediate overflow or underflow; an infinity gives inf, even with
/// a NaN (C99).
template <FloatElement T>
void hypot(const Vector<T>& a, const Vector<T>& b, Vector<T>& out) {
  detail::apply_binary(a, b, out, &detail::KernelTable<T>::hypot);
}
template <FloatElement T>
[[nodiscard]] Vector<T> hypot(const Vector<T>& a, const Vector<T>& b) {
  return detail::apply_binary(a, b, &detail::KernelTable<T>::hypot);
}

/// atan(a / b) in the quadrant of (b, a), in [-pi, pi]; signed zeros and infinities as C99 (atan2(+-0, -0) =
/// +-pi, atan2(+-inf, -inf) = +-3pi/4).
template <FloatElement T>
void atan2(const Vector<T>& a, const Vector<T>& b, Vector<T>& out) {
  detail::apply_binary(a, b, out, &detail::KernelTable<T>::atan2);
}
template <FloatElement T>
[[nodiscard]] Vector<T> atan2(const Vector<T>& a, const Vector<T>& b) {
  return detail::apply_binary(a, b, &detail::KernelTable<T>::atan2);
}

/// a^b element-wise, with C99's (and NumPy's) special values: pow(x, +-0) = 1 and pow(1, y) = 1 even for NaN,
/// a negative base with a non-integer exponent gives NaN, with an odd integer exponent keeps its sign,
/// pow(+-0, negative odd) = +-inf; overflow gives inf, underflow is gradual.
template <FloatElement T>
void pow(const Vector<T>& a, const Vector<T>& b, Vector<T>& out) {
  detail::apply_binary(a, b, out, &detail::KernelTable<T>::pow);
}
template <FloatElement T>
[[nodiscard]] Vector<T> pow(const Vector<T>& a, const Vector<T>& b) {
  return detail::apply_binary(a, b, &detail::KernelTable<T>::pow);
}
/// a^s for a scalar exponent s (2, 0.5, -1, 1 and 0 take exact shortcuts with the same special values).
template <FloatElement T>
void pow(const Vector<T>& a, std::type_identity_t<T> s, Vector<T>& out) {
  detail::check_out_size(out.size(), a.size());
  detail::kernels<T>().pow_scalar(a.data(), out.data(), a.size(), s);
}
template <FloatElement T>
[[nodiscard]] Vector<T> pow(const Vector<T>& a, std::type_identity_t<T> s) {
  Vector<T> out(detail::uninitialized, a.size());
  detail::kernels<T>().pow_scalar(a.data(), out.data(), a.size(), s);
  return out;
}
/// s^b for a scalar base s.
template <FloatElement T>
void pow(std::type_identity_t<T> s, const Vector<T>& b, Vector<T>& out) {
  detail::check_out_size(out.size(), b.size());
  detail::kernels<T>().scalar_pow(b.data(), out.data(), b.size(), s);
}
template <FloatElement T>
[[nodiscard]] Vector<T> pow(std::type_identity_t<T> s, const Vector<T>& b) {
  Vector<T> out(detail::uninitialized, b.size());
  detail::kernels<T>().scalar_pow(b.data(), out.data(), b.size(), s);
  return out;
}

/// SiLU under its other name.
template <FloatElement T>
void swish(const Vector<T>& a, Vector<T>& out) {
  silu(a, out);
}
template <FloatElement T>
[[nodiscard]] Vector<T> swish(const Vector<T>& a) {
  return silu(a);
}

/// log(sum(exp(x))) without overflow: -inf for an empty or all -inf input, inf with a +inf element, NaN with
/// a NaN (PyTorch's rules).
template <FloatElement T>
[[nodiscard]] T logsumexp(const Vector<T>& a) {
  return detail::kernels<T>().logsumexp(a.data(), a.size());
}

TRUENO_END_NAMESPACE
