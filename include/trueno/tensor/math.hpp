// trueno — the math and activation functions of vector/math.hpp and vector/activation.hpp applied
// element-wise to tensors of float and double (any strides; the same SIMD kernels and accuracy), and the
// binary ones (pow, atan2, hypot, copysign) with NumPy broadcasting. Each has a value form and an
// out-parameter form.
#pragma once

#include "../vector/activation.hpp"
#include "elementwise.hpp"

TRUENO_BEGIN_NAMESPACE

// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name kernel-table members
#define TRUENO_TENSOR_MATH_OP(name)                                                \
  template <AnyTensor A>                                                           \
  requires std::floating_point<detail::elem_t<A>>                                  \
  void name(const A& a, const Tensor<detail::elem_t<A>, detail::rank_v<A>>& out) { \
    using T = detail::elem_t<A>;                                                   \
    detail::unary_into(out, a, detail::TableUnary<T>{detail::kernels<T>().name});  \
  }                                                                                \
  template <AnyTensor A>                                                           \
  requires std::floating_point<detail::elem_t<A>>                                  \
  [[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> name(const A& a) {    \
    using T = detail::elem_t<A>;                                                   \
    auto out = detail::empty_tensor<T>(a.shape());                                 \
    detail::map_unary(out, a, detail::TableUnary<T>{detail::kernels<T>().name});   \
    return out;                                                                    \
  }
// NOLINTEND(bugprone-macro-parentheses)

TRUENO_TENSOR_MATH_OP(tan)
TRUENO_TENSOR_MATH_OP(asin)
TRUENO_TENSOR_MATH_OP(acos)
TRUENO_TENSOR_MATH_OP(atan)
TRUENO_TENSOR_MATH_OP(sinh)
TRUENO_TENSOR_MATH_OP(cosh)
TRUENO_TENSOR_MATH_OP(asinh)
TRUENO_TENSOR_MATH_OP(acosh)
TRUENO_TENSOR_MATH_OP(atanh)
TRUENO_TENSOR_MATH_OP(erf)
TRUENO_TENSOR_MATH_OP(erfc)
TRUENO_TENSOR_MATH_OP(floor)
TRUENO_TENSOR_MATH_OP(ceil)
TRUENO_TENSOR_MATH_OP(round)
TRUENO_TENSOR_MATH_OP(rint)
TRUENO_TENSOR_MATH_OP(trunc)
TRUENO_TENSOR_MATH_OP(fract)
TRUENO_TENSOR_MATH_OP(sign)
TRUENO_TENSOR_MATH_OP(relu)
TRUENO_TENSOR_MATH_OP(relu6)
TRUENO_TENSOR_MATH_OP(selu)
TRUENO_TENSOR_MATH_OP(hard_sigmoid)
TRUENO_TENSOR_MATH_OP(hardswish)
TRUENO_TENSOR_MATH_OP(mish)
TRUENO_TENSOR_MATH_OP(softsign)
TRUENO_TENSOR_MATH_OP(tanhshrink)
TRUENO_TENSOR_MATH_OP(log_sigmoid)

#undef TRUENO_TENSOR_MATH_OP

/// SiLU under its other name.
template <AnyTensor A>
requires std::floating_point<detail::elem_t<A>>
[[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> swish(const A& a) { return silu(a); }

/// GELU: 0.5 * x * erfc(-x / sqrt(2)) (exact, the default) or PyTorch's tanh approximation.
template <AnyTensor A>
requires std::floating_point<detail::elem_t<A>>
void gelu(const A& a, Approximate approximate, const Tensor<detail::elem_t<A>, detail::rank_v<A>>& out) {
  using T = detail::elem_t<A>;
  const auto& k = detail::kernels<T>();
  detail::unary_into(out, a, detail::TableUnary<T>{approximate == Approximate::tanh ? k.gelu_tanh : k.gelu});
}
template <AnyTensor A>
requires std::floating_point<detail::elem_t<A>>
[[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> gelu(const A& a,
                                                                Approximate approximate = Approximate::none) {
  auto out = detail::empty_tensor<detail::elem_t<A>>(a.shape());
  gelu(a, approximate, out);
  return out;
}

namespace detail {
template <class T, class In>
void param_into(const Tensor<T, rank_v<In>>& out, const In& a, typename KernelTable<T>::ScalarFn fn, T p) {
  unary_into(out, a, [fn, p](const T* x, T* o, std::size_t n) { fn(x, o, n, p); });
}
}  // namespace detail

// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name kernel-table members
#define TRUENO_TENSOR_PARAM_OP(name, dflt)                                                   \
  template <AnyTensor A>                                                                     \
  requires std::floating_point<detail::elem_t<A>>                                            \
  void name(const A& a, std::type_identity_t<detail::elem_t<A>> alpha,                       \
            const Tensor<detail::elem_t<A>, detail::rank_v<A>>& out) {                       \
    using T = detail::elem_t<A>;                                                             \
    detail::param_into<T>(out, a, detail::kernels<T>().name, alpha);                         \
  }                                                                                          \
  template <AnyTensor A>                                                                     \
  requires std::floating_point<detail::elem_t<A>>                                            \
  [[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> name(                           \
      const A& a, std::type_identity_t<detail::elem_t<A>> alpha = detail::elem_t<A>(dflt)) { \
    auto out = detail::empty_tensor<detail::elem_t<A>>(a.shape());                           \
    name(a, alpha, out);                                                                     \
    return out;                                                                              \
  }
// NOLINTEND(bugprone-macro-parentheses)

/// x for x > 0, alpha * x otherwise (PyTorch's default alpha 0.01).
TRUENO_TENSOR_PARAM_OP(leaky_relu, 0.01)
/// x for x > 0, alpha * (e^x - 1) otherwise.
TRUENO_TENSOR_PARAM_OP(elu, 1.0)
/// max(0, x) + min(0, alpha * (e^(x / alpha) - 1)).
TRUENO_TENSOR_PARAM_OP(celu, 1.0)

#undef TRUENO_TENSOR_PARAM_OP

/// log(1 + e^(beta x)) / beta, and x itself where beta * x > threshold (PyTorch's softplus).
template <AnyTensor A>
requires std::floating_point<detail::elem_t<A>>
[[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> softplus(
    const A& a, std::type_identity_t<detail::elem_t<A>> beta,
    std::type_identity_t<detail::elem_t<A>> threshold) {
  using T = detail::elem_t<A>;
  auto out = detail::empty_tensor<T>(a.shape());
  const auto fn = detail::kernels<T>().softplus_param;
  detail::unary_into(
      out, a, [fn, beta, threshold](const T* x, T* o, std::size_t n) { fn(x, o, n, beta, threshold); });
  return out;
}

// ---- binary math with broadcasting ----

namespace detail {
template <class T, class A, class B, class U, std::size_t R>
void run_binary_math(typename KernelTable<T>::BinaryFn fn, const Tensor<U, R>& out, const A& a, const B& b) {
  binary_into(out, a, b, TableBinary<T>{fn}, nullptr, nullptr);
}
}  // namespace detail

// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name kernel-table members
#define TRUENO_TENSOR_BINARY_MATH_OP(name)                                                                 \
  template <AnyTensor A, AnyTensor B>                                                                      \
  requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>> &&                                           \
           std::floating_point<detail::elem_t<A>>) void                                                    \
  name(const A& a, const B& b, const Tensor<detail::elem_t<A>, detail::max_rank_v<A, B>>& out) {           \
    using T = detail::elem_t<A>;                                                                           \
    detail::run_binary_math<T>(detail::kernels<T>().name, out, a, b);                                      \
  }                                                                                                        \
  template <AnyTensor A, AnyTensor B>                                                                      \
  requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>> && std::floating_point<detail::elem_t<A>>)   \
      [[nodiscard]] Tensor<detail::elem_t<A>, detail::max_rank_v<A, B>>                                    \
      name(const A& a, const B& b) {                                                                       \
    constexpr std::size_t R = detail::max_rank_v<A, B>;                                                    \
    auto out = detail::empty_tensor<detail::elem_t<A>>(detail::broadcast_shapes<R>(a.shape(), b.shape())); \
    name(a, b, out);                                                                                       \
    return out;                                                                                            \
  }
// NOLINTEND(bugprone-macro-parentheses)

/// atan2(y, x) element-wise (C99's special values).
TRUENO_TENSOR_BINARY_MATH_OP(atan2)
/// sqrt(a^2 + b^2) without intermediate overflow or underflow.
TRUENO_TENSOR_BINARY_MATH_OP(hypot)
/// |a| with the sign of b.
TRUENO_TENSOR_BINARY_MATH_OP(copysign)

#undef TRUENO_TENSOR_BINARY_MATH_OP

/// a^b element-wise with broadcasting (C99/NumPy special cases); either side may be a scalar.
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>&& std::floating_point<
         detail::elem_t<A>>) void pow(const A& a, const B& b,
                                      const Tensor<detail::elem_t<A>, detail::max_rank_v<A, B>>& out) {
  using T = detail::elem_t<A>;
  const auto& k = detail::kernels<T>();
  detail::binary_into(out, a, b, detail::TableBinary<T>{k.pow}, detail::TableScalar<T>{k.pow_scalar},
                      detail::TableScalarSwapped<T>{k.scalar_pow});
}
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>&& std::floating_point<detail::elem_t<A>>)
    [[nodiscard]] Tensor<detail::elem_t<A>, detail::max_rank_v<A, B>> pow(const A& a, const B& b) {
  constexpr std::size_t R = detail::max_rank_v<A, B>;
  auto out = detail::empty_tensor<detail::elem_t<A>>(detail::broadcast_shapes<R>(a.shape(), b.shape()));
  pow(a, b, out);
  return out;
}
template <AnyTensor A>
requires std::floating_point<detail::elem_t<A>>
[[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> pow(const A& a,
                                                               std::type_identity_t<detail::elem_t<A>> s) {
  return pow(a, detail::scalar_tensor(s));
}
template <AnyTensor B>
requires std::floating_point<detail::elem_t<B>>
[[nodiscard]] Tensor<detail::elem_t<B>, detail::rank_v<B>> pow(std::type_identity_t<detail::elem_t<B>> s,
                                                               const B& b) {
  return pow(detail::scalar_tensor(s), b);
}

TRUENO_END_NAMESPACE
