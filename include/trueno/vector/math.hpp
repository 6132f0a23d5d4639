// trueno — math and activations on Vector<float> and Vector<double>: exponentials, logarithms, sigmoid, tanh,
// silu, softplus (each a value form and an out-parameter form), and softmax, log_softmax, logsumexp over the
// whole vector. Accuracy: at most 2 ULP for the elementary functions, 3 ULP for sigmoid, silu and softplus,
// measured on every backend (docs/reference.md); special values as C and NumPy.
#pragma once

#include <limits>

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
