// trueno — the math and activation functions of vector/math.hpp and vector/activation.hpp applied
// element-wise to tensors of float and double (any strides; the same SIMD kernels and accuracy), of float16
// and bfloat16 (the float kernels on tiles, rounded once) and of integers and bool (computed in NumPy's float
// for them: unary_float_t), and the binary ones (pow, atan2, hypot, copysign) with NumPy broadcasting and
// type promotion. Each has a value form and an out-parameter form.
#pragma once

#include "../vector/activation.hpp"
#include "elementwise.hpp"

TRUENO_BEGIN_NAMESPACE

// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name kernel-table members
#define TRUENO_TENSOR_MATH_OP(name)                                                           \
  template <AnyTensor A>                                                                      \
  requires detail::FloatElement<detail::elem_t<A>>                                            \
  void name(const A& a, const Tensor<detail::elem_t<A>, detail::rank_v<A>>& out) {            \
    using T = detail::elem_t<A>;                                                              \
    detail::unary_into(out, a, detail::table_unary<T>([](const auto& k) { return k.name; })); \
  }                                                                                           \
  template <AnyTensor A>                                                                      \
  requires detail::FloatElement<detail::elem_t<A>>                                            \
  [[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> name(const A& a) {               \
    using T = detail::elem_t<A>;                                                              \
    auto out = detail::empty_tensor<T>(a.shape());                                            \
    detail::map_unary(out, a, detail::table_unary<T>([](const auto& k) { return k.name; }));  \
    return out;                                                                               \
  }                                                                                           \
  template <AnyTensor A>                                                                      \
  requires detail::IntegralElement<detail::elem_t<A>>                                         \
  [[nodiscard]] auto name(const A& a) {                                                       \
    return name(a.template astype<detail::unary_float_t<detail::elem_t<A>>>());               \
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
requires requires(const A& a) { silu(a); }
[[nodiscard]] auto swish(const A& a) { return silu(a); }

/// GELU: 0.5 * x * erfc(-x / sqrt(2)) (exact, the default) or PyTorch's tanh approximation.
template <AnyTensor A>
requires detail::FloatElement<detail::elem_t<A>>
void gelu(const A& a, Approximate approximate, const Tensor<detail::elem_t<A>, detail::rank_v<A>>& out) {
  using T = detail::elem_t<A>;
  detail::unary_into(out, a, detail::table_unary<T>([approximate](const auto& k) {
                       return approximate == Approximate::tanh ? k.gelu_tanh : k.gelu;
                     }));
}
template <AnyTensor A>
requires detail::FloatElement<detail::elem_t<A>>
[[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> gelu(const A& a,
                                                                Approximate approximate = Approximate::none) {
  auto out = detail::empty_tensor<detail::elem_t<A>>(a.shape());
  gelu(a, approximate, out);
  return out;
}

namespace detail {
/// out = fn(x, params...) row by row: fn from T's table, or the float table's on tiles for 16-bit floats.
template <class T, class In, class Fn, class... P>
void param_into(const Tensor<T, rank_v<In>>& out, const In& a, Fn fn, P... p) {
  if constexpr (HalfElement<T>) {
    unary_into(out, a, [fn, p...](const T* x, T* o, std::size_t n) {
      half_tiles(x, o, n, [fn, p...](float* f, std::size_t m) { fn(f, f, m, p...); });
    });
  } else {
    unary_into(out, a, [fn, p...](const T* x, T* o, std::size_t n) { fn(x, o, n, p...); });
  }
}
}  // namespace detail

// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name kernel-table members
#define TRUENO_TENSOR_PARAM_OP(name, dflt)                                                           \
  template <AnyTensor A>                                                                             \
  requires detail::FloatElement<detail::elem_t<A>>                                                   \
  void name(const A& a, double alpha, const Tensor<detail::elem_t<A>, detail::rank_v<A>>& out) {     \
    using K = detail::RowKernels<detail::elem_t<A>>;                                                 \
    detail::param_into(out, a, K::table().name, static_cast<typename K::Value>(alpha));              \
  }                                                                                                  \
  template <AnyTensor A>                                                                             \
  requires detail::FloatElement<detail::elem_t<A>>                                                   \
  [[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> name(const A& a, double alpha = dflt) { \
    auto out = detail::empty_tensor<detail::elem_t<A>>(a.shape());                                   \
    name(a, alpha, out);                                                                             \
    return out;                                                                                      \
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
requires detail::FloatElement<detail::elem_t<A>>
[[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> softplus(const A& a, double beta,
                                                                    double threshold) {
  using K = detail::RowKernels<detail::elem_t<A>>;
  using F = typename K::Value;
  auto out = detail::empty_tensor<detail::elem_t<A>>(a.shape());
  detail::param_into(out, a, K::table().softplus_param, static_cast<F>(beta), static_cast<F>(threshold));
  return out;
}

// ---- binary math with broadcasting ----

// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name kernel-table members
#define TRUENO_TENSOR_BINARY_MATH_OP(name, scalar_fn, swapped_fn, ints)                                      \
  template <AnyTensor A, AnyTensor B>                                                                        \
  requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>> &&                                             \
           detail::FloatElement<detail::elem_t<A>>) void                                                     \
  name(const A& a, const B& b, const Tensor<detail::elem_t<A>, detail::max_rank_v<A, B>>& out) {             \
    using K = detail::RowKernels<detail::elem_t<A>>;                                                         \
    [[maybe_unused]] const auto& k = K::table();                                                             \
    detail::binary_into(out, a, b, typename K::Binary{k.name}, scalar_fn, swapped_fn);                       \
  }                                                                                                          \
  template <AnyTensor A, AnyTensor B>                                                                        \
  requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>> && detail::FloatElement<detail::elem_t<A>>)    \
      [[nodiscard]] Tensor<detail::elem_t<A>, detail::max_rank_v<A, B>>                                      \
      name(const A& a, const B& b) {                                                                         \
    constexpr std::size_t R = detail::max_rank_v<A, B>;                                                      \
    auto out = detail::empty_tensor<detail::elem_t<A>>(detail::broadcast_shapes<R>(a.shape(), b.shape()));   \
    name(a, b, out);                                                                                         \
    return out;                                                                                              \
  }                                                                                                          \
  /* Other dtypes: NumPy's promotion, integers and bool computed in their float (unary_float_t) where        \
     `ints` allows. */                                                                                       \
  template <AnyTensor A, AnyTensor B>                                                                        \
  requires(                                                                                                  \
      (!std::same_as<detail::elem_t<A>, detail::elem_t<B>> || detail::IntegralElement<detail::elem_t<A>>)&&( \
          ints || !detail::IntegralElement<result_type_t<detail::elem_t<A>, detail::elem_t<B>>>))            \
      [[nodiscard]] auto                                                                                     \
      name(const A& a, const B& b) {                                                                         \
    using R0 = result_type_t<detail::elem_t<A>, detail::elem_t<B>>;                                          \
    using R = std::conditional_t<detail::IntegralElement<R0>, detail::unary_float_t<R0>, R0>;                \
    return name(detail::as_dtype<R>(a), detail::as_dtype<R>(b));                                             \
  }                                                                                                          \
  template <AnyTensor A, detail::ScalarOperand S>                                                            \
  [[nodiscard]] auto name(const A& a, S s) {                                                                 \
    using R = detail::weak_result_t<detail::elem_t<A>, S>;                                                   \
    return name(a, detail::scalar_tensor(detail::weak_scalar<R>(s)));                                        \
  }                                                                                                          \
  template <detail::ScalarOperand S, AnyTensor B>                                                            \
  [[nodiscard]] auto name(S s, const B& b) {                                                                 \
    using R = detail::weak_result_t<detail::elem_t<B>, S>;                                                   \
    return name(detail::scalar_tensor(detail::weak_scalar<R>(s)), b);                                        \
  }
// NOLINTEND(bugprone-macro-parentheses)

/// atan2(y, x) element-wise (C99's special values).
TRUENO_TENSOR_BINARY_MATH_OP(atan2, nullptr, nullptr, true)
/// sqrt(a^2 + b^2) without intermediate overflow or underflow.
TRUENO_TENSOR_BINARY_MATH_OP(hypot, nullptr, nullptr, true)
/// |a| with the sign of b.
TRUENO_TENSOR_BINARY_MATH_OP(copysign, nullptr, nullptr, true)
/// a^b element-wise (C99/NumPy special cases); either side may be a scalar. Integers: below.
TRUENO_TENSOR_BINARY_MATH_OP(pow, typename K::Scalar{k.pow_scalar}, typename K::Swapped{k.scalar_pow}, false)

#undef TRUENO_TENSOR_BINARY_MATH_OP

namespace detail {
/// base^exp for exp >= 0 in T's wrap-around arithmetic (NumPy's integer power): square and multiply in the
/// unsigned type, at least unsigned int wide so that no operand promotes to a signed int.
template <class T>
T int_pow(T base, T exp) {
  using U = std::make_unsigned_t<T>;
  using W = std::conditional_t<(sizeof(U) < sizeof(unsigned)), unsigned, U>;
  W result = 1;
  W b = static_cast<U>(base);
  auto e = static_cast<U>(exp);
  while (e != 0) {
    if ((e & 1U) != 0) result = static_cast<U>(result * b);
    b = static_cast<U>(b * b);
    e = static_cast<U>(e >> 1U);
  }
  return static_cast<T>(static_cast<U>(result));
}
/// NumPy's integer power of bool operands runs in int8.
template <class T>
using int_pow_t = std::conditional_t<std::is_same_v<T, bool>, std::int8_t, T>;
}  // namespace detail

/// Integer power (both operands integers or bool, NumPy's promotion; bool ** bool gives int8): wraps around
/// like NumPy's; 0^0 is 1; a negative exponent throws value_error before anything is written (NumPy's
/// "Integers to negative integer powers are not allowed.").
template <AnyTensor A, AnyTensor B>
requires(detail::IntegralElement<result_type_t<detail::elem_t<A>, detail::elem_t<B>>>)
    [[nodiscard]] auto pow(const A& a, const B& b) {
  using T = detail::int_pow_t<result_type_t<detail::elem_t<A>, detail::elem_t<B>>>;
  constexpr std::size_t R = detail::max_rank_v<A, B>;
  const auto x = detail::as_dtype<T>(a);
  const auto y = detail::as_dtype<T>(b);
  if constexpr (std::is_signed_v<T>) {
    if (detail::any_element(y, [](T v) { return v < 0; })) {
      throw value_error(
          "pow: integers to negative integer powers are not allowed (the exponent holds a "
          "negative value)");
    }
  }
  auto out = detail::empty_tensor<T>(detail::broadcast_shapes<R>(a.shape(), b.shape()));
  detail::binary_into(
      out, x, y,
      [](const T* p, const T* q, T* o, std::size_t n) {
        for (std::size_t j = 0; j < n; ++j) o[j] = detail::int_pow(p[j], q[j]);
      },
      nullptr, nullptr);
  return out;
}
template <AnyTensor A, detail::ScalarOperand S>
requires(detail::IntegralElement<detail::weak_result_t<detail::elem_t<A>, S>>)
    [[nodiscard]] auto pow(const A& a, S s) {
  using R = detail::weak_result_t<detail::elem_t<A>, S>;
  return pow(a, detail::scalar_tensor(detail::weak_scalar<R>(s)));
}
template <detail::ScalarOperand S, AnyTensor B>
requires(detail::IntegralElement<detail::weak_result_t<detail::elem_t<B>, S>>)
    [[nodiscard]] auto pow(S s, const B& b) {
  using R = detail::weak_result_t<detail::elem_t<B>, S>;
  return pow(detail::scalar_tensor(detail::weak_scalar<R>(s)), b);
}

TRUENO_END_NAMESPACE
