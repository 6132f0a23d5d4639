// trueno — erf, erfc, the rounding family and the activations on Vector<float> and Vector<double> (each a
// value form and an out-parameter form), and layer_norm / rms_norm over a whole vector. Rounding ops are
// exactly rounded (bit-identical on every backend); activations follow PyTorch's definitions, defaults and
// NaN propagation. Accuracy and special values: docs/reference.md.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include "../core/dtype.hpp"
#include "elementwise.hpp"
#include "math.hpp"

TRUENO_BEGIN_NAMESPACE

/// gelu's form: the exact erf form (PyTorch's approximate='none') or the tanh approximation ('tanh').
enum class Approximate { none, tanh };

namespace detail {

/// An optional array argument of an options struct, type-erased so that the struct is not a template
/// (`LayerNormOptions{.gamma = g}` needs no template arguments): a non-owning view of a contiguous array
/// (pointer, size, element type), or nothing. The array must outlive the call it is passed to.
class OptionalArg {
 public:
  OptionalArg() = default;
  template <VectorElement T>
  OptionalArg(const Vector<T>& v)  // NOLINT(google-explicit-constructor): implicit by design
      : data_(v.data()), size_(v.size()), dtype_(dtype_name<T>()) {}

  [[nodiscard]] bool has_value() const { return !dtype_.empty(); }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::string_view dtype() const { return dtype_; }

  /// The elements as T (null when absent), after checking that they are T (value_error) and that there are
  /// n of them (shape_error); `op` and `what` name the call and the argument in the messages.
  template <class T>
  [[nodiscard]] const T* get(std::string_view op, std::string_view what, std::size_t n) const {
    if (!has_value()) return nullptr;
    if (dtype_ != dtype_name<T>()) {
      throw value_error(std::string(op) + ": " + std::string(what) + " has dtype " + std::string(dtype_) +
                        " but the input has dtype " + std::string(dtype_name<T>()));
    }
    if (size_ != n) {
      throw shape_error(std::string(op) + ": " + std::string(what) + " has shape " + shape_string(size_) +
                        " but the input has shape " + shape_string(n));
    }
    return static_cast<const T*>(data_);
  }

 private:
  const void* data_ = nullptr;
  std::size_t size_ = 0;
  std::string_view dtype_;  // empty: no value
};

}  // namespace detail

/// layer_norm's optional affine parameters, each the size of the normalised vector (absent: 1 and 0).
// (Default member initializers: GCC 12's -Wmissing-field-initializers stays quiet for `{.gamma = g}`.)
struct LayerNormOptions {
  detail::OptionalArg gamma = {};
  detail::OptionalArg beta = {};
};

/// rms_norm's optional scale, the size of the normalised vector (absent: 1).
struct RmsNormOptions {
  detail::OptionalArg gamma = {};
};

#define TRUENO_VECTOR_ACT_OP(name, field)                          \
  template <FloatElement T>                                        \
  void name(const Vector<T>& a, Vector<T>& out) {                  \
    detail::apply_unary(a, out, &detail::KernelTable<T>::field);   \
  }                                                                \
  template <FloatElement T>                                        \
  [[nodiscard]] Vector<T> name(const Vector<T>& a) {               \
    return detail::apply_unary(a, &detail::KernelTable<T>::field); \
  }

/// The error function, 2/sqrt(pi) * integral of e^(-t^2) from 0 to x.
TRUENO_VECTOR_ACT_OP(erf, erf)
/// 1 - erf(x), accurate in the tail down to the underflow (erfc(27.3) for double, erfc(10.05) for float).
TRUENO_VECTOR_ACT_OP(erfc, erfc)
/// Largest integer <= x (exact; -0, infinities and NaN are returned as they are).
TRUENO_VECTOR_ACT_OP(floor, floor)
/// Smallest integer >= x; ceil(-0.5) is -0.
TRUENO_VECTOR_ACT_OP(ceil, ceil)
/// Nearest integer, halfway cases away from zero (std::round): round(2.5) = 3, round(-0.5) = -1.
TRUENO_VECTOR_ACT_OP(round, round)
/// Nearest integer, halfway cases to even (numpy.round, std::nearbyint): rint(2.5) = 2.
TRUENO_VECTOR_ACT_OP(rint, rint)
/// x rounded toward zero.
TRUENO_VECTOR_ACT_OP(trunc, trunc)
/// x - trunc(x): the fractional part with x's sign; NaN at +-inf (PyTorch's frac).
TRUENO_VECTOR_ACT_OP(fract, fract)
/// NumPy's sign: -1, 0 or 1; +0 for either zero; NaN for NaN.
TRUENO_VECTOR_ACT_OP(sign, sign)
/// max(x, 0); NaN stays NaN and relu(-0) is -0 (PyTorch).
TRUENO_VECTOR_ACT_OP(relu, relu)
/// min(max(x, 0), 6).
TRUENO_VECTOR_ACT_OP(relu6, relu6)
/// scale * (x > 0 ? x : alpha * (e^x - 1)) with PyTorch's alpha = 1.6732632423543772, scale
/// = 1.0507009873554805.
TRUENO_VECTOR_ACT_OP(selu, selu)
/// min(max(x + 3, 0), 6) / 6 (PyTorch's hardsigmoid, bit for bit).
TRUENO_VECTOR_ACT_OP(hard_sigmoid, hard_sigmoid)
/// x * min(max(x + 3, 0), 6) / 6 (PyTorch's hardswish, bit for bit); -0 at -inf (the limit; PyTorch: NaN).
TRUENO_VECTOR_ACT_OP(hardswish, hardswish)
/// x * tanh(softplus(x)); -0 at -inf (the limit; PyTorch: NaN).
TRUENO_VECTOR_ACT_OP(mish, mish)
/// x / (1 + |x|); +-1 at +-inf (the limit; PyTorch: NaN).
TRUENO_VECTOR_ACT_OP(softsign, softsign)
/// x - tanh(x), accurate near 0 (no cancellation).
TRUENO_VECTOR_ACT_OP(tanhshrink, tanhshrink)
/// log(sigmoid(x)) = -softplus(-x), without overflow or cancellation.
TRUENO_VECTOR_ACT_OP(log_sigmoid, log_sigmoid)

#undef TRUENO_VECTOR_ACT_OP

/// |a| with the sign bit of b, element-wise (NaN's sign bits too).
template <FloatElement T>
void copysign(const Vector<T>& a, const Vector<T>& b, Vector<T>& out) {
  detail::apply_binary(a, b, out, &detail::KernelTable<T>::copysign);
}
template <FloatElement T>
[[nodiscard]] Vector<T> copysign(const Vector<T>& a, const Vector<T>& b) {
  return detail::apply_binary(a, b, &detail::KernelTable<T>::copysign);
}

namespace detail {

template <class T>
void apply_param(const Vector<T>& a, Vector<T>& out, typename KernelTable<T>::ScalarFn KernelTable<T>::*fn,
                 T p) {
  check_out_size(out.size(), a.size());
  (kernels<T>().*fn)(a.data(), out.data(), a.size(), p);
}
template <class T>
Vector<T> apply_param(const Vector<T>& a, typename KernelTable<T>::ScalarFn KernelTable<T>::*fn, T p) {
  Vector<T> out(uninitialized, a.size());
  (kernels<T>().*fn)(a.data(), out.data(), a.size(), p);
  return out;
}

}  // namespace detail

// The one-parameter activations: f(a, p, out), f(a, out) with the default p, f(a, p = default).
#define TRUENO_VECTOR_ACT_PARAM_OP(name, default_value)                                                \
  template <FloatElement T>                                                                            \
  void name(const Vector<T>& a, std::type_identity_t<T> alpha, Vector<T>& out) {                       \
    detail::apply_param(a, out, &detail::KernelTable<T>::name, alpha);                                 \
  }                                                                                                    \
  template <FloatElement T>                                                                            \
  void name(const Vector<T>& a, Vector<T>& out) {                                                      \
    detail::apply_param(a, out, &detail::KernelTable<T>::name, T(default_value));                      \
  }                                                                                                    \
  template <FloatElement T>                                                                            \
  [[nodiscard]] Vector<T> name(const Vector<T>& a, std::type_identity_t<T> alpha = T(default_value)) { \
    return detail::apply_param(a, &detail::KernelTable<T>::name, alpha);                               \
  }

/// x for x > 0, alpha * x otherwise (default alpha 0.01, PyTorch's negative_slope).
TRUENO_VECTOR_ACT_PARAM_OP(leaky_relu, 0.01)
/// x for x > 0, alpha * (e^x - 1) otherwise (default alpha 1); +0 at -0, as PyTorch.
TRUENO_VECTOR_ACT_PARAM_OP(elu, 1)
/// max(0, x) + min(0, alpha * (e^(x/alpha) - 1)) (default alpha 1).
TRUENO_VECTOR_ACT_PARAM_OP(celu, 1)

#undef TRUENO_VECTOR_ACT_PARAM_OP

/// PyTorch's softplus with parameters: log(1 + e^(beta x)) / beta, and x itself where beta x > threshold.
/// softplus(a) (math.hpp) is beta = 1, threshold = 20 and gives the same bits.
template <FloatElement T>
void softplus(const Vector<T>& a, std::type_identity_t<T> beta, std::type_identity_t<T> threshold,
              Vector<T>& out) {
  detail::check_out_size(out.size(), a.size());
  detail::kernels<T>().softplus_param(a.data(), out.data(), a.size(), beta, threshold);
}
template <FloatElement T>
[[nodiscard]] Vector<T> softplus(const Vector<T>& a, std::type_identity_t<T> beta,
                                 std::type_identity_t<T> threshold = T(20)) {
  Vector<T> out(detail::uninitialized, a.size());
  detail::kernels<T>().softplus_param(a.data(), out.data(), a.size(), beta, threshold);
  return out;
}

/// GELU: x/2 * erfc(-x/sqrt(2)) (exact, the default), or x/2 * (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
/// with Approximate::tanh, as PyTorch's approximate='tanh'. -0 at -inf (the limit; PyTorch: NaN).
template <FloatElement T>
void gelu(const Vector<T>& a, Approximate approximate, Vector<T>& out) {
  detail::apply_unary(
      a, out,
      approximate == Approximate::tanh ? &detail::KernelTable<T>::gelu_tanh : &detail::KernelTable<T>::gelu);
}
template <FloatElement T>
void gelu(const Vector<T>& a, Vector<T>& out) {
  gelu(a, Approximate::none, out);
}
template <FloatElement T>
[[nodiscard]] Vector<T> gelu(const Vector<T>& a, Approximate approximate = Approximate::none) {
  return detail::apply_unary(a, approximate == Approximate::tanh ? &detail::KernelTable<T>::gelu_tanh
                                                                 : &detail::KernelTable<T>::gelu);
}

/// PyTorch's layer_norm over the whole vector: (x - mean) / sqrt(var + eps) * gamma + beta with the biased
/// variance (two pairwise passes for the statistics, one for the output). gamma and beta, when given, must be
/// Vectors of the same element type (value_error) and size (shape_error). An empty vector gives an empty one.
template <FloatElement T>
void layer_norm(const Vector<T>& x, std::type_identity_t<T> eps, const LayerNormOptions& options,
                Vector<T>& out) {
  const T* gamma = options.gamma.get<T>("layer_norm", "gamma", x.size());
  const T* beta = options.beta.get<T>("layer_norm", "beta", x.size());
  detail::check_out_size(out.size(), x.size());
  if (x.empty()) return;
  detail::kernels<T>().layer_norm(x.data(), gamma, beta, out.data(), x.size(), eps);
}
template <FloatElement T>
[[nodiscard]] Vector<T> layer_norm(const Vector<T>& x, std::type_identity_t<T> eps = T(1e-5),
                                   const LayerNormOptions& options = {}) {
  Vector<T> out(detail::uninitialized, x.size());
  layer_norm(x, eps, options, out);
  return out;
}

/// RMSNorm over the whole vector: x / sqrt(mean(x^2) + eps) * gamma. The default eps is the element type's
/// machine epsilon, as PyTorch's rms_norm with eps=None. gamma is checked like layer_norm's.
template <FloatElement T>
void rms_norm(const Vector<T>& x, std::type_identity_t<T> eps, const RmsNormOptions& options,
              Vector<T>& out) {
  const T* gamma = options.gamma.get<T>("rms_norm", "gamma", x.size());
  detail::check_out_size(out.size(), x.size());
  if (x.empty()) return;
  detail::kernels<T>().rms_norm(x.data(), gamma, out.data(), x.size(), eps);
}
template <FloatElement T>
[[nodiscard]] Vector<T> rms_norm(const Vector<T>& x,
                                 std::type_identity_t<T> eps = std::numeric_limits<T>::epsilon(),
                                 const RmsNormOptions& options = {}) {
  Vector<T> out(detail::uninitialized, x.size());
  rms_norm(x, eps, options, out);
  return out;
}

TRUENO_END_NAMESPACE
