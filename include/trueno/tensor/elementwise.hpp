// trueno — element-wise ops on tensors with NumPy broadcasting fused into the loop: arithmetic, minimum and
// maximum, every unary kernel of the math families, comparisons and logical ops (to Tensor<bool, R>), where,
// clamp, and the operators. Each op has a value form and an out-parameter form (`add(a, b, out)`, out may be
// a view). Inputs of ranks A and B give rank max(A, B) at compile time.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "../core/dispatch.hpp"
#include "../vector/elementwise.hpp"
#include "iterate.hpp"

TRUENO_BEGIN_NAMESPACE

template <class X>
inline constexpr bool is_tensor_v = false;
template <class T, std::size_t N>
inline constexpr bool is_tensor_v<Tensor<T, N>> = true;

/// Any Tensor<T, N> or Tensor<const T, N>.
template <class X>
concept AnyTensor = is_tensor_v<std::remove_cvref_t<X>>;

namespace detail {

// Element type and rank of a tensor type; void and 0 for anything else, so that signatures naming them stay
// well-formed while overload resolution tries a scalar argument (Clang checks them before the constraints).
template <class X>
struct tensor_traits {
  using value_type = void;
  static constexpr std::size_t rank = 0;
};
template <class T, std::size_t N>
struct tensor_traits<Tensor<T, N>> {
  using value_type = std::remove_const_t<T>;
  static constexpr std::size_t rank = N;
};
template <class X>
using elem_t = typename tensor_traits<std::remove_cvref_t<X>>::value_type;
template <class X>
inline constexpr std::size_t rank_v = tensor_traits<std::remove_cvref_t<X>>::rank;
template <class A, class B>
inline constexpr std::size_t max_rank_v = rank_v<A> > rank_v<B> ? rank_v<A> : rank_v<B>;

template <class T, class... Ts>
inline constexpr bool is_one_of_v = (std::is_same_v<T, Ts> || ...);
/// The eight integer dtypes.
template <class T>
concept IntegerElement = is_one_of_v<T, std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
                                     std::uint16_t, std::uint32_t, std::uint64_t>;
/// Numeric tensor elements with dispatched kernels (not bool, not the 16-bit floats).
template <class T>
concept KernelElement = std::same_as<T, float> || std::same_as<T, double> || IntegerElement<T>;
/// Integers and bool: the elements of the bitwise ops and shifts (bool: and, or, xor, not only), and what a
/// floating-point op first converts (unary_float_t).
template <class T>
concept IntegralElement = IntegerElement<T> || std::same_as<T, bool>;

/// The 16-bit floats: their element-wise ops run the float kernels on float tiles (HalfBinary and friends).
template <class T>
concept HalfElement = is_float16_like_v<T>;
/// Elements of the arithmetic ops (add sub mul minimum maximum neg abs square).
template <class T>
concept ArithmeticElement = KernelElement<T> || HalfElement<T>;
/// Elements of the floating-point ops (div, sqrt, exp, ...).
template <class T>
concept FloatElement = std::floating_point<T> || HalfElement<T>;
/// floor_divide and mod: integers and every floating type.
template <class T>
concept DivmodElement = KernelElement<T> || HalfElement<T>;
/// True division: floating types, and integers and bool (float64 results, as NumPy's int / int).
template <class T>
concept TrueDivElement = FloatElement<T> || IntegralElement<T>;

/// The float a floating-point op computes an integer or bool tensor in (NumPy: 8-bit integers and bool give
/// float16, 16-bit ones float32, wider ones float64).
template <class T>
using unary_float_t = result_type_t<T, float16>;

/// The element type of op(a, b) for tensor elements T: T itself, or float64 for true division of integers.
template <class T>
using div_result_t = std::conditional_t<IntegralElement<T>, double, T>;

/// Scalars taking part in tensor ops: the built-in arithmetic types and the 16-bit floats.
template <class S>
concept ScalarOperand = std::is_arithmetic_v<S> || HalfElement<S>;

// NumPy 2's weak scalars (NEP 50): a built-in number next to a tensor of T takes T's dtype when its kind
// allows (an integer with an integer tensor, any number with a floating tensor), else the default dtype of
// its kind (int64 for an integer next to bool, float64 for a floating number next to integers or bool). A
// 16-bit float scalar is a typed (strong) operand: NumPy's promotion table.
template <class T, class S>
struct WeakResult {
  using type = result_type_t<T, S>;
};
template <class T, class S>
requires std::is_arithmetic_v<S>
struct WeakResult<T, S> {
  using type = std::conditional_t<
      std::is_same_v<S, bool> || std::is_same_v<S, T>, T,
      std::conditional_t<std::is_integral_v<S>, std::conditional_t<std::is_same_v<T, bool>, std::int64_t, T>,
                         std::conditional_t<IntegralElement<T>, double, T>>>;
};
template <class T, class S>
using weak_result_t = typename WeakResult<T, S>::type;

/// True when the integer s has a value of type R.
template <class R, class S>
constexpr bool integer_fits(S s) {
  if constexpr (std::is_same_v<S, bool> || std::is_same_v<R, bool>) {
    return true;
  } else {
    return std::in_range<R>(s);
  }
}

/// The scalar s as a value of R (its weak result type); an integer outside R's range throws value_error with
/// NumPy's message.
template <class R, class S>
R weak_scalar(S s) {
  if constexpr (std::is_integral_v<R> && std::is_integral_v<S>) {
    if (!integer_fits<R>(s)) {
      throw value_error("Python integer " + std::to_string(s) + " out of bounds for " +
                        std::string(dtype_name<R>()));
    }
  }
  return static_cast<R>(s);
}

/// a as a tensor of R: a itself (a handle to the same storage) or a converted copy.
template <class R, class A>
auto as_dtype(const A& a) {
  if constexpr (std::is_same_v<elem_t<A>, R>) {
    return a;
  } else {
    return a.template astype<R>();
  }
}

template <class T, std::size_t N>
Tensor<T, N> empty_tensor(const Shape<N>& shape) {
  return {view_parts, allocate_storage<T>(shape_size(shape)), shape};
}

/// The written-to tensor must not reach one memory location twice, nor partly overlap an input (PyTorch's
/// rule); an input that is exactly the output (same start, shape and strides) is fine.
template <class O, class I>
void check_no_partial_overlap(const O& out, const I& in) {
  if (!out.extent().overlaps(in.extent())) return;
  if (static_cast<const void*>(out.data()) == static_cast<const void*>(in.data()) &&
      out.strides() == in.strides()) {
    return;
  }
  throw value_error(
      "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single "
      "memory location; clone() the input first");
}
template <class O>
void check_writable_output(const O& out) {
  if (out.has_internal_overlap()) {
    throw value_error(
        "unsupported operation: more than one element of the written-to tensor refers to a single memory "
        "location (a broadcast or expanded view); clone() it first");
  }
}
template <std::size_t R, std::size_t M>
void check_out_shape(const Shape<M>& out, const Shape<R>& expected) {
  if constexpr (M != R) {
    static_assert(M == R, "out-parameter: the output rank must equal the broadcast rank");
  } else if (out != expected) {
    throw shape_error("non-broadcastable output operand with shape " + format_shape(out) +
                      " doesn't match the broadcast shape " + format_shape(expected));
  }
}

template <class T>
const T* gather(const T* src, std::ptrdiff_t step, std::size_t n, T* tile) {
  if (step == 1) return src;
  for (std::size_t j = 0; j < n; ++j) tile[j] = src[static_cast<std::ptrdiff_t>(j) * step];
  return tile;
}
template <class T>
void scatter(const T* tile, T* dst, std::ptrdiff_t step, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) dst[static_cast<std::ptrdiff_t>(j) * step] = tile[j];
}

/// out = f(in) row by row: f(const T*, U*, n) works on contiguous arrays; strided rows go through tiles.
template <class U, std::size_t R, class In, class F>
void map_unary(const Tensor<U, R>& out, const In& in, F f) {
  using T = elem_t<In>;
  elementwise_loop(
      out,
      [&](const std::array<char*, 2>& p, std::size_t n, const std::array<std::ptrdiff_t, 2>& st) {
        U* o = reinterpret_cast<U*>(p[0]);
        const T* a = reinterpret_cast<const T*>(p[1]);
        if (st[0] == 1 && st[1] == 1) {
          f(a, o, n);
          return;
        }
        alignas(64) T ta[kTile];
        alignas(64) U to[kTile];
        for (std::size_t j = 0; j < n; j += kTile) {
          const std::size_t m = std::min(kTile, n - j);
          const auto sj = static_cast<std::ptrdiff_t>(j);
          const T* x = gather(a + sj * st[1], st[1], m, ta);
          U* y = st[0] == 1 ? o + sj : to;
          f(x, y, m);
          if (st[0] != 1) scatter(to, o + sj * st[0], st[0], m);
        }
      },
      in);
}

/// out = f(a, b) row by row. f(const T*, const T*, U*, n) on contiguous arrays; fr(const T*, T s, U*, n) and
/// fl(T s, const T*, U*, n) (may be null functors: std::nullptr_t) serve rows where one side is one value.
template <class U, std::size_t R, class A, class B, class F, class FR, class FL>
void map_binary(const Tensor<U, R>& out, const A& a, const B& b, F f, FR fr, FL fl) {
  using T = elem_t<A>;
  elementwise_loop(
      out,
      [&](const std::array<char*, 3>& p, std::size_t n, const std::array<std::ptrdiff_t, 3>& st) {
        U* o = reinterpret_cast<U*>(p[0]);
        const T* x = reinterpret_cast<const T*>(p[1]);
        const T* y = reinterpret_cast<const T*>(p[2]);
        if (st[0] == 1) {
          if (st[1] == 1 && st[2] == 1) {
            f(x, y, o, n);
            return;
          }
          if constexpr (!std::is_null_pointer_v<FR>) {
            if (st[1] == 1 && st[2] == 0) {
              fr(x, *y, o, n);
              return;
            }
          }
          if constexpr (!std::is_null_pointer_v<FL>) {
            if (st[1] == 0 && st[2] == 1) {
              fl(*x, y, o, n);
              return;
            }
          }
        }
        alignas(64) T tx[kTile];
        alignas(64) T ty[kTile];
        alignas(64) U to[kTile];
        for (std::size_t j = 0; j < n; j += kTile) {
          const std::size_t m = std::min(kTile, n - j);
          const auto sj = static_cast<std::ptrdiff_t>(j);
          const T* xx = gather(x + sj * st[1], st[1], m, tx);
          const T* yy = gather(y + sj * st[2], st[2], m, ty);
          U* oo = st[0] == 1 ? o + sj : to;
          f(xx, yy, oo, m);
          if (st[0] != 1) scatter(to, o + sj * st[0], st[0], m);
        }
      },
      a, b);
}

/// Validates and runs a broadcasting binary op into `out`.
template <class U, std::size_t R, class A, class B, class F, class FR, class FL>
void binary_into(const Tensor<U, R>& out, const A& a, const B& b, F f, FR fr, FL fl) {
  const auto shape = broadcast_shapes<max_rank_v<A, B>>(a.shape(), b.shape());
  check_out_shape(out.shape(), shape);
  check_writable_output(out);
  const auto ab = a.broadcast_to_shape(out.shape());
  const auto bb = b.broadcast_to_shape(out.shape());
  check_no_partial_overlap(out, ab);
  check_no_partial_overlap(out, bb);
  map_binary(out, ab, bb, f, fr, fl);
}
template <class U, std::size_t R, class In, class F>
void unary_into(const Tensor<U, R>& out, const In& in, F f) {
  static_assert(rank_v<In> <= R, "out-parameter: the output rank must be at least the input's");
  check_out_shape(out.shape(), broadcast_shapes<R>(out.shape(), in.shape()));
  check_writable_output(out);
  const auto ib = in.broadcast_to_shape(out.shape());
  check_no_partial_overlap(out, ib);
  map_unary(out, ib, f);
}

// Kernel adaptors: one dispatched whole-row call each.
template <class T>
struct TableBinary {
  typename KernelTable<T>::BinaryFn fn;
  void operator()(const T* a, const T* b, T* o, std::size_t n) const { fn(a, b, o, n); }
};
template <class T>
struct TableUnary {
  typename KernelTable<T>::UnaryFn fn;
  void operator()(const T* a, T* o, std::size_t n) const { fn(a, o, n); }
};
template <class T>
struct TableScalar {  // o = op(a, s) through a ScalarFn, with s transformed first (e.g. negated for sub)
  typename KernelTable<T>::ScalarFn fn;
  bool negate = false;
  void operator()(const T* a, T s, T* o, std::size_t n) const {
    if (negate) {
      if constexpr (std::is_integral_v<T>) {
        s = static_cast<T>(-static_cast<std::make_unsigned_t<T>>(s));  // wraps for the most negative integer
      } else {
        s = -s;  // a + (-s) is a - s exactly
      }
    }
    fn(a, o, n, s);
  }
};
template <class T>
struct TableScalarSwapped {  // o = op(s, b) for a commutative op
  typename KernelTable<T>::ScalarFn fn;
  void operator()(T s, const T* b, T* o, std::size_t n) const { fn(b, o, n, s); }
};

// 16-bit floats: tiles of kTile elements widened to float (exactly), the float kernel, then rounded back
// once. For + - * / that is the correctly rounded result (float has more than twice the bits plus two), which
// is NumPy's float16 arithmetic; min, max, neg and abs are exact.
template <class H>
void widen_half(const H* in, float* out, std::size_t n) {
  const auto& k = kernels<float>();
  const auto* bits = reinterpret_cast<const std::uint16_t*>(in);
  if constexpr (std::is_same_v<H, float16>) {
    k.from_f16(bits, out, n);
  } else {
    k.from_bf16(bits, out, n);
  }
}
template <class H>
void narrow_half(const float* in, H* out, std::size_t n) {
  const auto& k = kernels<float>();
  auto* bits = reinterpret_cast<std::uint16_t*>(out);
  if constexpr (std::is_same_v<H, float16>) {
    k.to_f16(in, bits, n);
  } else {
    k.to_bf16(in, bits, n);
  }
}
template <class H>
struct HalfBinary {
  KernelTable<float>::BinaryFn fn;
  void operator()(const H* a, const H* b, H* o, std::size_t n) const {
    alignas(64) float fa[kTile];
    alignas(64) float fb[kTile];
    for (std::size_t j = 0; j < n; j += kTile) {
      const std::size_t m = std::min(kTile, n - j);
      widen_half(a + j, fa, m);
      widen_half(b + j, fb, m);
      fn(fa, fb, fa, m);
      narrow_half(fa, o + j, m);
    }
  }
};
/// o[0..n) = f applied in place to the float tiles of a[0..n), rounded back once: f(float* tile, m).
template <class H, class F>
void half_tiles(const H* a, H* o, std::size_t n, F f) {
  alignas(64) float fa[kTile];
  for (std::size_t j = 0; j < n; j += kTile) {
    const std::size_t m = std::min(kTile, n - j);
    widen_half(a + j, fa, m);
    f(static_cast<float*>(fa), m);
    narrow_half(fa, o + j, m);
  }
}
template <class H>
struct HalfUnary {
  KernelTable<float>::UnaryFn fn;
  void operator()(const H* a, H* o, std::size_t n) const {
    half_tiles(a, o, n, [this](float* f, std::size_t m) { fn(f, f, m); });
  }
};
template <class H>
struct HalfScalar {  // o = op(a, s); s negated first for sub (exact)
  KernelTable<float>::ScalarFn fn;
  bool negate = false;
  void operator()(const H* a, H s, H* o, std::size_t n) const {
    const float fs = negate ? -static_cast<float>(s) : static_cast<float>(s);
    half_tiles(a, o, n, [this, fs](float* f, std::size_t m) { fn(f, f, m, fs); });
  }
};
template <class H>
struct HalfScalarSwapped {  // o = op(s, b) for a commutative op
  KernelTable<float>::ScalarFn fn;
  void operator()(H s, const H* b, H* o, std::size_t n) const { HalfScalar<H>{fn}(b, s, o, n); }
};

/// The whole-row unary kernel `pick(table)` for T: the table's own, or the float one on tiles for 16-bit
/// floats.
template <class T, class Pick>
auto table_unary(Pick pick) {
  if constexpr (HalfElement<T>) {
    return HalfUnary<T>{pick(kernels<float>())};
  } else {
    return TableUnary<T>{pick(kernels<T>())};
  }
}

enum class BinaryOp {
  add,
  sub,
  mul,
  div,
  minimum,
  maximum,
  floor_divide,
  mod,
  bitwise_and,
  bitwise_or,
  bitwise_xor,
  left_shift,
  right_shift
};

/// The kernel table and the row adaptors of element type T: its own table, or for the 16-bit floats the float
/// table on tiles.
template <class T>
struct RowKernels {
  using Value = T;  // the element type of the kernels
  static const KernelTable<T>& table() { return kernels<T>(); }
  using Binary = TableBinary<T>;
  using Scalar = TableScalar<T>;
  using Swapped = TableScalarSwapped<T>;
};
template <HalfElement H>
struct RowKernels<H> {
  using Value = float;
  static const KernelTable<float>& table() { return kernels<float>(); }
  using Binary = HalfBinary<H>;
  using Scalar = HalfScalar<H>;
  using Swapped = HalfScalarSwapped<H>;
};

/// The whole-row kernel of op in table k (the ops without a one-scalar form).
template <class K>
typename K::BinaryFn binary_fn(BinaryOp op, const K& k) {
  switch (op) {
    case BinaryOp::minimum:
      return k.minimum;
    case BinaryOp::maximum:
      return k.maximum;
    case BinaryOp::floor_divide:
      return k.floor_divide;
    case BinaryOp::mod:
      return k.mod;
    case BinaryOp::bitwise_and:
      return k.bit_and;
    case BinaryOp::bitwise_or:
      return k.bit_or;
    case BinaryOp::bitwise_xor:
      return k.bit_xor;
    case BinaryOp::left_shift:
      return k.shift_left;
    case BinaryOp::right_shift:
      return k.shift_right;
    default:
      return nullptr;  // add sub mul div: run_binary's own cases
  }
}

/// Bool and, or, xor: the uint8 kernels over the same bytes (0 and 1 stay 0 and 1).
struct BoolBinary {
  KernelTable<std::uint8_t>::BinaryFn fn;
  void operator()(const bool* a, const bool* b, bool* o, std::size_t n) const {
    fn(reinterpret_cast<const std::uint8_t*>(a), reinterpret_cast<const std::uint8_t*>(b),
       reinterpret_cast<std::uint8_t*>(o), n);
  }
};

template <class T, class A, class B, class U, std::size_t R>
void run_binary(BinaryOp op, const Tensor<U, R>& out, const A& a, const B& b) {
  if constexpr (std::is_same_v<T, bool>) {
    binary_into(out, a, b, BoolBinary{binary_fn(op, kernels<std::uint8_t>())}, nullptr, nullptr);
  } else {
    using K = RowKernels<T>;
    using Binary = typename K::Binary;
    using Scalar = typename K::Scalar;
    using Swapped = typename K::Swapped;
    const auto& k = K::table();
    switch (op) {
      case BinaryOp::add:
        return binary_into(out, a, b, Binary{k.add}, Scalar{k.add_scalar}, Swapped{k.add_scalar});
      case BinaryOp::sub:
        return binary_into(out, a, b, Binary{k.sub}, Scalar{k.add_scalar, true}, nullptr);
      case BinaryOp::mul:
        return binary_into(out, a, b, Binary{k.mul}, Scalar{k.scale}, Swapped{k.scale});
      case BinaryOp::div:
        return binary_into(out, a, b, Binary{k.div}, Scalar{k.div_scalar}, nullptr);
      default:
        return binary_into(out, a, b, Binary{binary_fn(op, k)}, nullptr, nullptr);
    }
  }
}

/// True when pred holds for some element of t, read in place through its strides (no copy), row-major.
template <AnyTensor A, class Pred>
bool any_element(const A& t, Pred pred) {
  using T = elem_t<A>;
  constexpr std::size_t R = rank_v<A>;
  const T* p = t.data();
  if (t.is_contiguous()) return std::any_of(p, p + t.size(), pred);
  std::array<std::size_t, R == 0 ? 1 : R> index{};
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (pred(*p)) return true;
    for (std::size_t d = R; d-- > 0;) {  // odometer: the last axis moves fastest
      p = offset_ptr(p, t.strides()[d]);
      if (++index[d] < t.shape()[d]) break;
      p = offset_ptr(p, -t.strides()[d] * static_cast<std::ptrdiff_t>(t.shape()[d]));
      index[d] = 0;
    }
  }
  return false;
}

/// Integer floor_divide and mod: a zero divisor throws value_error before anything is written (NumPy
/// returns 0 with a warning; trueno refuses).
template <class B>
void check_integer_divisor(const B& b, const char* op) {
  using T = elem_t<B>;
  if constexpr (IntegerElement<T>) {
    if (any_element(b, [](T x) { return x == T(0); })) {
      throw value_error(std::string(op) + ": integer division by zero (the divisor holds 0)");
    }
  }
}

/// A rank-0 tensor holding one value, for the scalar forms of binary ops.
template <class T>
Tensor<T, 0> scalar_tensor(T v) {
  auto t = empty_tensor<T>(Shape<0>{});
  *t.data() = v;
  return t;
}

}  // namespace detail

// ---- arithmetic with broadcasting ----

// Each binary op: op(a, b) -> a new tensor of the broadcast shape; op(a, b, out) writes into out (any view of
// the broadcast shape, same dtype). Operands of two dtypes promote by NumPy's table (result_type_t), a plain
// number next to a tensor by NumPy 2's weak-scalar rules (weak_result_t: `t * 2.0` keeps t's dtype; an
// integer out of an integer tensor's range throws value_error). True division of integers gives float64.
// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name types and functions
#define TRUENO_TENSOR_BINARY_OP(name, requirement, result, check)                                  \
  template <AnyTensor A, AnyTensor B>                                                              \
  requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>> && requirement<detail::elem_t<A>> && \
           std::same_as<result<detail::elem_t<A>>, detail::elem_t<A>>) void                        \
  name(const A& a, const B& b, const Tensor<detail::elem_t<A>, detail::max_rank_v<A, B>>& out) {   \
    check;                                                                                         \
    detail::run_binary<detail::elem_t<A>>(detail::BinaryOp::name, out, a, b);                      \
  }                                                                                                \
  template <AnyTensor A, AnyTensor B>                                                              \
  requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>> && requirement<detail::elem_t<A>>)   \
      [[nodiscard]] Tensor<result<detail::elem_t<A>>, detail::max_rank_v<A, B>>                    \
      name(const A& a, const B& b) {                                                               \
    using T = detail::elem_t<A>;                                                                   \
    using R = result<T>;                                                                           \
    if constexpr (!std::same_as<R, T>) {                                                           \
      return name(detail::as_dtype<R>(a), detail::as_dtype<R>(b));                                 \
    } else {                                                                                       \
      check;                                                                                       \
      constexpr std::size_t N = detail::max_rank_v<A, B>;                                          \
      auto out = detail::empty_tensor<T>(detail::broadcast_shapes<N>(a.shape(), b.shape()));       \
      detail::run_binary<T>(detail::BinaryOp::name, out, a, b);                                    \
      return out;                                                                                  \
    }                                                                                              \
  }                                                                                                \
  template <AnyTensor A, AnyTensor B>                                                              \
  requires(!std::same_as<detail::elem_t<A>, detail::elem_t<B>> &&                                  \
           requirement<result_type_t<detail::elem_t<A>, detail::elem_t<B>>>) [[nodiscard]] auto    \
  name(const A& a, const B& b) {                                                                   \
    using R = result_type_t<detail::elem_t<A>, detail::elem_t<B>>;                                 \
    return name(detail::as_dtype<R>(a), detail::as_dtype<R>(b));                                   \
  }                                                                                                \
  template <AnyTensor A, detail::ScalarOperand S>                                                  \
  requires requirement<detail::weak_result_t<detail::elem_t<A>, S>>                                \
  [[nodiscard]] auto name(const A& a, S s) {                                                       \
    using R = detail::weak_result_t<detail::elem_t<A>, S>;                                         \
    return name(detail::as_dtype<R>(a), detail::scalar_tensor(detail::weak_scalar<R>(s)));         \
  }                                                                                                \
  template <detail::ScalarOperand S, AnyTensor B>                                                  \
  requires requirement<detail::weak_result_t<detail::elem_t<B>, S>>                                \
  [[nodiscard]] auto name(S s, const B& b) {                                                       \
    using R = detail::weak_result_t<detail::elem_t<B>, S>;                                         \
    return name(detail::scalar_tensor(detail::weak_scalar<R>(s)), detail::as_dtype<R>(b));         \
  }
// NOLINTEND(bugprone-macro-parentheses)

namespace detail {
template <class T>
using same_dtype_t = T;
}  // namespace detail

TRUENO_TENSOR_BINARY_OP(add, detail::ArithmeticElement, detail::same_dtype_t, )
TRUENO_TENSOR_BINARY_OP(sub, detail::ArithmeticElement, detail::same_dtype_t, )
TRUENO_TENSOR_BINARY_OP(mul, detail::ArithmeticElement, detail::same_dtype_t, )
TRUENO_TENSOR_BINARY_OP(div, detail::TrueDivElement, detail::div_result_t, )
TRUENO_TENSOR_BINARY_OP(minimum, detail::ArithmeticElement, detail::same_dtype_t, )
TRUENO_TENSOR_BINARY_OP(maximum, detail::ArithmeticElement, detail::same_dtype_t, )
/// Python's floor division (rounds toward -inf); integers: a zero divisor throws value_error.
TRUENO_TENSOR_BINARY_OP(floor_divide, detail::DivmodElement, detail::same_dtype_t,
                        detail::check_integer_divisor(b, "floor_divide"))
/// Python's modulo (the remainder takes the divisor's sign); integers: a zero divisor throws value_error.
TRUENO_TENSOR_BINARY_OP(mod, detail::DivmodElement, detail::same_dtype_t,
                        detail::check_integer_divisor(b, "mod"))
TRUENO_TENSOR_BINARY_OP(bitwise_and, detail::IntegralElement, detail::same_dtype_t, )
TRUENO_TENSOR_BINARY_OP(bitwise_or, detail::IntegralElement, detail::same_dtype_t, )
TRUENO_TENSOR_BINARY_OP(bitwise_xor, detail::IntegralElement, detail::same_dtype_t, )
/// a << b; counts outside [0, bits) give 0 (NumPy's result, no UB).
TRUENO_TENSOR_BINARY_OP(left_shift, detail::IntegerElement, detail::same_dtype_t, )
/// a >> b (arithmetic for signed types); counts outside [0, bits) give 0, or -1 for negative a (NumPy's).
TRUENO_TENSOR_BINARY_OP(right_shift, detail::IntegerElement, detail::same_dtype_t, )

#undef TRUENO_TENSOR_BINARY_OP

/// NumPy's name for mod.
template <class A, class B>
requires requires(const A& a, const B& b) { mod(a, b); }
[[nodiscard]] auto remainder(const A& a, const B& b) { return mod(a, b); }

/// `trueno::max(a, b)` on two tensors is deleted: use `maximum` (NumPy's naming; `max` reduces).
template <AnyTensor A, AnyTensor B>
void max(const A&, const B&) = delete;
/// `trueno::min(a, b)` on two tensors is deleted: use `minimum`.
template <AnyTensor A, AnyTensor B>
void min(const A&, const B&) = delete;

// ---- unary kernels ----

// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name types and functions
#define TRUENO_TENSOR_UNARY_OP(name, requirement)                                             \
  template <AnyTensor A>                                                                      \
  requires requirement<detail::elem_t<A>>                                                     \
  void name(const A& a, const Tensor<detail::elem_t<A>, detail::rank_v<A>>& out) {            \
    using T = detail::elem_t<A>;                                                              \
    detail::unary_into(out, a, detail::table_unary<T>([](const auto& k) { return k.name; })); \
  }                                                                                           \
  template <AnyTensor A>                                                                      \
  requires requirement<detail::elem_t<A>>                                                     \
  [[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> name(const A& a) {               \
    using T = detail::elem_t<A>;                                                              \
    auto out = detail::empty_tensor<T>(a.shape());                                            \
    detail::map_unary(out, a, detail::table_unary<T>([](const auto& k) { return k.name; }));  \
    return out;                                                                               \
  }                                                                                           \
  /* Integers and bool, for a floating-point op: computed in unary_float_t (NumPy's loop). */ \
  template <AnyTensor A>                                                                      \
  requires(!requirement<detail::elem_t<A>> && detail::IntegralElement<detail::elem_t<A>> &&   \
           requirement<detail::unary_float_t<detail::elem_t<A>>>) [[nodiscard]] auto          \
  name(const A& a) {                                                                          \
    return name(a.template astype<detail::unary_float_t<detail::elem_t<A>>>());               \
  }
// NOLINTEND(bugprone-macro-parentheses)

TRUENO_TENSOR_UNARY_OP(neg, detail::ArithmeticElement)
TRUENO_TENSOR_UNARY_OP(abs, detail::ArithmeticElement)
TRUENO_TENSOR_UNARY_OP(square, detail::ArithmeticElement)
TRUENO_TENSOR_UNARY_OP(sqrt, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(reciprocal, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(exp, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(exp2, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(expm1, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(log, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(log2, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(log10, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(log1p, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(rsqrt, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(cbrt, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(sin, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(cos, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(sigmoid, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(tanh, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(silu, detail::FloatElement)
TRUENO_TENSOR_UNARY_OP(softplus, detail::FloatElement)

#undef TRUENO_TENSOR_UNARY_OP

/// Bitwise NOT of integers (~x); of bool, logical NOT.
template <AnyTensor A>
requires detail::IntegralElement<detail::elem_t<A>>
void bitwise_not(const A& a, const Tensor<detail::elem_t<A>, detail::rank_v<A>>& out) {
  using T = detail::elem_t<A>;
  if constexpr (std::is_same_v<T, bool>) {
    detail::unary_into(out, a, [](const bool* x, bool* o, std::size_t n) {
      for (std::size_t j = 0; j < n; ++j) o[j] = !x[j];
    });
  } else {
    detail::unary_into(out, a, detail::TableUnary<T>{detail::kernels<T>().bit_not});
  }
}
template <AnyTensor A>
requires detail::IntegralElement<detail::elem_t<A>>
[[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> bitwise_not(const A& a) {
  auto out = detail::empty_tensor<detail::elem_t<A>>(a.shape());
  bitwise_not(a, out);
  return out;
}
/// NumPy's other name for bitwise_not.
template <AnyTensor A>
requires detail::IntegralElement<detail::elem_t<A>>
[[nodiscard]] auto invert(const A& a) { return bitwise_not(a); }

/// clamp(t, lo, hi) = minimum(maximum(t, lo), hi); lo > hi or a NaN bound throws value_error, and so does an
/// integer bound outside an integer tensor's range.
template <AnyTensor A, detail::ScalarOperand S1, detail::ScalarOperand S2>
requires detail::ArithmeticElement<detail::elem_t<A>>
void clamp(const A& a, S1 lo_value, S2 hi_value, const Tensor<detail::elem_t<A>, detail::rank_v<A>>& out) {
  using T = detail::elem_t<A>;
  static_assert(!std::is_integral_v<T> || (!std::is_floating_point_v<S1> && !std::is_floating_point_v<S2>),
                "clamp: floating-point bounds on an integer tensor (astype the tensor first)");
  const T lo = detail::weak_scalar<T>(lo_value);
  const T hi = detail::weak_scalar<T>(hi_value);
  if constexpr (detail::HalfElement<T>) {
    // The float kernel on float tiles: the bounds are values of T, so every result rounds back exactly.
    const float flo = lo, fhi = hi;
    detail::check_clamp_bounds(flo, fhi);
    const auto fn = detail::kernels<float>().clamp;
    detail::unary_into(out, a, [fn, flo, fhi](const T* x, T* o, std::size_t n) {
      detail::half_tiles(x, o, n, [fn, flo, fhi](float* f, std::size_t m) { fn(f, f, m, flo, fhi); });
    });
  } else {
    detail::check_clamp_bounds(lo, hi);
    const auto fn = detail::kernels<T>().clamp;
    detail::unary_into(out, a, [fn, lo, hi](const T* x, T* o, std::size_t n) { fn(x, o, n, lo, hi); });
  }
}
template <AnyTensor A, detail::ScalarOperand S1, detail::ScalarOperand S2>
requires detail::ArithmeticElement<detail::elem_t<A>>
[[nodiscard]] Tensor<detail::elem_t<A>, detail::rank_v<A>> clamp(const A& a, S1 lo, S2 hi) {
  auto out = detail::empty_tensor<detail::elem_t<A>>(a.shape());
  clamp(a, lo, hi, out);
  return out;
}

// ---- comparisons and logical ops: Tensor<bool, R> ----

namespace detail {
/// A comparison of every element of a tensor of T with an integer s outside T's range (NumPy 2 compares by
/// value): s lies above (below) every element, so each result is that of 0 against 1 (1 against 0), the
/// operands swapped when the scalar comes first. cmp(x, y) compares x[0] with y[0].
template <class T, class S, std::size_t R, class Cmp>
Tensor<bool, R> beyond_range_compare(const Shape<R>& shape, S s, bool tensor_first, Cmp cmp) {
  const T lo[1] = {T(0)};
  const T hi[1] = {T(1)};
  const bool value = tensor_first == (s > S(0)) ? cmp(lo, hi) : cmp(hi, lo);
  auto out = empty_tensor<bool>(shape);
  std::fill(out.data(), out.data() + out.size(), value);
  return out;
}
}  // namespace detail

// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name types and functions
#define TRUENO_TENSOR_COMPARE_OP(name, expr, logical)                                            \
  template <AnyTensor A, AnyTensor B>                                                            \
  requires std::same_as<detail::elem_t<A>, detail::elem_t<B>>                                    \
  void name(const A& a, const B& b, const Tensor<bool, detail::max_rank_v<A, B>>& out) {         \
    using T = detail::elem_t<A>;                                                                 \
    detail::binary_into(                                                                         \
        out, a, b,                                                                               \
        [](const T* x, const T* y, bool* o, std::size_t n) {                                     \
          for (std::size_t j = 0; j < n; ++j) o[j] = (expr);                                     \
        },                                                                                       \
        nullptr, nullptr);                                                                       \
  }                                                                                              \
  template <AnyTensor A, AnyTensor B>                                                            \
  requires std::same_as<detail::elem_t<A>, detail::elem_t<B>>                                    \
  [[nodiscard]] Tensor<bool, detail::max_rank_v<A, B>> name(const A& a, const B& b) {            \
    constexpr std::size_t R = detail::max_rank_v<A, B>;                                          \
    auto out = detail::empty_tensor<bool>(detail::broadcast_shapes<R>(a.shape(), b.shape()));    \
    name(a, b, out);                                                                             \
    return out;                                                                                  \
  }                                                                                              \
  /* Two dtypes: both promoted by NumPy's table. */                                              \
  template <AnyTensor A, AnyTensor B>                                                            \
  requires(!std::same_as<detail::elem_t<A>, detail::elem_t<B>>)                                  \
      [[nodiscard]] Tensor<bool, detail::max_rank_v<A, B>>                                       \
      name(const A& a, const B& b) {                                                             \
    using R = result_type_t<detail::elem_t<A>, detail::elem_t<B>>;                               \
    return name(detail::as_dtype<R>(a), detail::as_dtype<R>(b));                                 \
  }                                                                                              \
  /* A number: NEP 50 (an integer outside an integer tensor's range compares by value, as in     \
     NumPy 2). */                                                                                \
  template <AnyTensor A, detail::ScalarOperand S>                                                \
  [[nodiscard]] Tensor<bool, detail::rank_v<A>> name(const A& a, S s) {                          \
    using T = detail::elem_t<A>;                                                                 \
    using R = detail::weak_result_t<T, S>;                                                       \
    if constexpr (logical) {                                                                     \
      return name(a, detail::scalar_tensor(T(static_cast<bool>(s))));                            \
    } else if constexpr (std::is_integral_v<S> && detail::IntegerElement<T>) {                   \
      if (!detail::integer_fits<T>(s)) {                                                         \
        return detail::beyond_range_compare<T>(a.shape(), s, true, [](const T* x, const T* y) {  \
          constexpr std::size_t j = 0;                                                           \
          return static_cast<bool>(expr);                                                        \
        });                                                                                      \
      }                                                                                          \
    }                                                                                            \
    return name(detail::as_dtype<R>(a), detail::scalar_tensor(detail::weak_scalar<R>(s)));       \
  }                                                                                              \
  template <AnyTensor B, detail::ScalarOperand S>                                                \
  [[nodiscard]] Tensor<bool, detail::rank_v<B>> name(S s, const B& b) {                          \
    using T = detail::elem_t<B>;                                                                 \
    using R = detail::weak_result_t<T, S>;                                                       \
    if constexpr (logical) {                                                                     \
      return name(detail::scalar_tensor(T(static_cast<bool>(s))), b);                            \
    } else if constexpr (std::is_integral_v<S> && detail::IntegerElement<T>) {                   \
      if (!detail::integer_fits<T>(s)) {                                                         \
        return detail::beyond_range_compare<T>(b.shape(), s, false, [](const T* x, const T* y) { \
          constexpr std::size_t j = 0;                                                           \
          return static_cast<bool>(expr);                                                        \
        });                                                                                      \
      }                                                                                          \
    }                                                                                            \
    return name(detail::scalar_tensor(detail::weak_scalar<R>(s)), detail::as_dtype<R>(b));       \
  }
// NOLINTEND(bugprone-macro-parentheses)

TRUENO_TENSOR_COMPARE_OP(equal, x[j] == y[j], false)
TRUENO_TENSOR_COMPARE_OP(not_equal, x[j] != y[j], false)
TRUENO_TENSOR_COMPARE_OP(less, x[j] < y[j], false)
TRUENO_TENSOR_COMPARE_OP(less_equal, x[j] <= y[j], false)
TRUENO_TENSOR_COMPARE_OP(greater, x[j] > y[j], false)
TRUENO_TENSOR_COMPARE_OP(greater_equal, x[j] >= y[j], false)
TRUENO_TENSOR_COMPARE_OP(logical_and, static_cast<bool>(x[j]) && static_cast<bool>(y[j]), true)
TRUENO_TENSOR_COMPARE_OP(logical_or, static_cast<bool>(x[j]) || static_cast<bool>(y[j]), true)
TRUENO_TENSOR_COMPARE_OP(logical_xor, static_cast<bool>(x[j]) != static_cast<bool>(y[j]), true)

#undef TRUENO_TENSOR_COMPARE_OP

// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name types and functions
#define TRUENO_TENSOR_PREDICATE(name, expr)                            \
  template <AnyTensor A>                                               \
  [[nodiscard]] Tensor<bool, detail::rank_v<A>> name(const A& a) {     \
    using T = detail::elem_t<A>;                                       \
    auto out = detail::empty_tensor<bool>(a.shape());                  \
    detail::map_unary(out, a, [](const T* x, bool* o, std::size_t n) { \
      for (std::size_t j = 0; j < n; ++j) o[j] = (expr);               \
    });                                                                \
    return out;                                                        \
  }
// NOLINTEND(bugprone-macro-parentheses)

/// Element-wise NOT of the truth value.
TRUENO_TENSOR_PREDICATE(logical_not, !static_cast<bool>(x[j]))
/// NaN test (false for integers and bool).
TRUENO_TENSOR_PREDICATE(isnan, [](T v) {
  if constexpr (detail::FloatElement<T>)
    return std::isnan(static_cast<typename detail::RowKernels<T>::Value>(v));
  return false;
}(x[j]))
/// Infinity test (false for integers and bool).
TRUENO_TENSOR_PREDICATE(isinf, [](T v) {
  if constexpr (detail::FloatElement<T>)
    return std::isinf(static_cast<typename detail::RowKernels<T>::Value>(v));
  return false;
}(x[j]))
/// Neither NaN nor infinite (true for integers and bool).
TRUENO_TENSOR_PREDICATE(isfinite, [](T v) {
  if constexpr (detail::FloatElement<T>)
    return std::isfinite(static_cast<typename detail::RowKernels<T>::Value>(v));
  return true;
}(x[j]))

#undef TRUENO_TENSOR_PREDICATE

/// where(cond, a, b): a where cond is true, else b, all three broadcast together.
template <AnyTensor C, AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<C>, bool>&& std::same_as<detail::elem_t<A>, detail::elem_t<B>>)
    [[nodiscard]] auto where(const C& cond, const A& a, const B& b) {
  using T = detail::elem_t<A>;
  constexpr std::size_t R1 = detail::max_rank_v<A, B>;
  constexpr std::size_t R = detail::rank_v < C >> R1 ? detail::rank_v<C> : R1;
  const auto ab = detail::broadcast_shapes<R1>(a.shape(), b.shape());
  auto out = detail::empty_tensor<T>(detail::broadcast_shapes<R>(cond.shape(), ab));
  const auto cb = cond.broadcast_to_shape(out.shape());
  const auto xb = a.broadcast_to_shape(out.shape());
  const auto yb = b.broadcast_to_shape(out.shape());
  detail::elementwise_loop(
      out,
      [](const std::array<char*, 4>& p, std::size_t n, const std::array<std::ptrdiff_t, 4>& st) {
        T* o = reinterpret_cast<T*>(p[0]);
        const bool* c = reinterpret_cast<const bool*>(p[1]);
        const T* x = reinterpret_cast<const T*>(p[2]);
        const T* y = reinterpret_cast<const T*>(p[3]);
        for (std::size_t j = 0; j < n; ++j) {
          const auto sj = static_cast<std::ptrdiff_t>(j);
          o[sj * st[0]] = c[sj * st[1]] ? x[sj * st[2]] : y[sj * st[3]];
        }
      },
      cb, xb, yb);
  return out;
}
template <AnyTensor C, AnyTensor A>
requires std::same_as < detail::elem_t<C>,
bool > [[nodiscard]] auto where(const C& cond, const A& a, std::type_identity_t<detail::elem_t<A>> s) {
  return where(cond, a, detail::scalar_tensor(s));
}
template <AnyTensor C, AnyTensor B>
requires std::same_as < detail::elem_t<C>,
bool > [[nodiscard]] auto where(const C& cond, std::type_identity_t<detail::elem_t<B>> s, const B& b) {
  return where(cond, detail::scalar_tensor(s), b);
}

// ---- operators (eager, returning Tensor) ----

template <AnyTensor A, class B>
requires requires(const A& a, const B& b) { add(a, b); }
[[nodiscard]] auto operator+(const A& a, const B& b) { return add(a, b); }
template <class A, AnyTensor B>
requires(!AnyTensor<A> && requires(const A& a, const B& b) { add(a, b); }) [[nodiscard]] auto operator+(
    const A& a, const B& b) {
  return add(a, b);
}
template <AnyTensor A, class B>
requires requires(const A& a, const B& b) { sub(a, b); }
[[nodiscard]] auto operator-(const A& a, const B& b) { return sub(a, b); }
template <class A, AnyTensor B>
requires(!AnyTensor<A> && requires(const A& a, const B& b) { sub(a, b); }) [[nodiscard]] auto operator-(
    const A& a, const B& b) {
  return sub(a, b);
}
template <AnyTensor A, class B>
requires requires(const A& a, const B& b) { mul(a, b); }
[[nodiscard]] auto operator*(const A& a, const B& b) { return mul(a, b); }
template <class A, AnyTensor B>
requires(!AnyTensor<A> && requires(const A& a, const B& b) { mul(a, b); }) [[nodiscard]] auto operator*(
    const A& a, const B& b) {
  return mul(a, b);
}
template <AnyTensor A, class B>
requires requires(const A& a, const B& b) { div(a, b); }
[[nodiscard]] auto operator/(const A& a, const B& b) { return div(a, b); }
template <class A, AnyTensor B>
requires(!AnyTensor<A> && requires(const A& a, const B& b) { div(a, b); }) [[nodiscard]] auto operator/(
    const A& a, const B& b) {
  return div(a, b);
}
template <AnyTensor A, class B>
requires requires(const A& a, const B& b) { mod(a, b); }
[[nodiscard]] auto operator%(const A& a, const B& b) { return mod(a, b); }
template <class A, AnyTensor B>
requires(!AnyTensor<A> && requires(const A& a, const B& b) { mod(a, b); }) [[nodiscard]] auto operator%(
    const A& a, const B& b) {
  return mod(a, b);
}
template <AnyTensor A>
requires detail::ArithmeticElement<detail::elem_t<A>>
[[nodiscard]] auto operator-(const A& a) { return neg(a); }
template <AnyTensor A>
requires detail::IntegralElement<detail::elem_t<A>>
[[nodiscard]] auto operator~(const A& a) { return bitwise_not(a); }

// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name types and functions
#define TRUENO_TENSOR_COMPARE_OPERATOR(op, name)                                                 \
  template <AnyTensor A, class B>                                                                \
  requires requires(const A& a, const B& b) { name(a, b); }                                      \
  [[nodiscard]] auto operator op(const A& a, const B& b) { return name(a, b); }                  \
  template <class A, AnyTensor B>                                                                \
  requires(!AnyTensor<A> && requires(const A& a, const B& b) { name(a, b); }) [[nodiscard]] auto \
  operator op(const A& a, const B& b) {                                                          \
    return name(a, b);                                                                           \
  }
// NOLINTEND(bugprone-macro-parentheses)

TRUENO_TENSOR_COMPARE_OPERATOR(==, equal)
TRUENO_TENSOR_COMPARE_OPERATOR(!=, not_equal)
TRUENO_TENSOR_COMPARE_OPERATOR(<, less)
TRUENO_TENSOR_COMPARE_OPERATOR(<=, less_equal)
TRUENO_TENSOR_COMPARE_OPERATOR(>, greater)
TRUENO_TENSOR_COMPARE_OPERATOR(>=, greater_equal)
TRUENO_TENSOR_COMPARE_OPERATOR(&&, logical_and)
TRUENO_TENSOR_COMPARE_OPERATOR(||, logical_or)
TRUENO_TENSOR_COMPARE_OPERATOR(&, bitwise_and)
TRUENO_TENSOR_COMPARE_OPERATOR(|, bitwise_or)
TRUENO_TENSOR_COMPARE_OPERATOR(^, bitwise_xor)
TRUENO_TENSOR_COMPARE_OPERATOR(<<, left_shift)
TRUENO_TENSOR_COMPARE_OPERATOR(>>, right_shift)

#undef TRUENO_TENSOR_COMPARE_OPERATOR

template <AnyTensor A>
[[nodiscard]] auto operator!(const A& a) {
  return logical_not(a);
}

// Compound assignment writes into the left tensor (any mutable view) and keeps its dtype; the right side
// broadcasts to it. A tensor of another dtype is converted first when NumPy's same_kind casting allows it
// (int8 += int32 does, int32 += float64 does not compile); a plain number follows the weak-scalar rules (an
// integer outside an integer tensor's range throws value_error; a floating number on an integer tensor does
// not compile).
// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name types and functions
#define TRUENO_TENSOR_COMPOUND(op, name)                                                   \
  template <class T, std::size_t N, class B>                                               \
  requires(!std::is_const_v<T> &&                                                          \
           ((AnyTensor<B> && can_cast<detail::elem_t<B>, T>(Casting::same_kind)) ||        \
            (detail::ScalarOperand<B> && std::same_as<detail::weak_result_t<T, B>, T>)) && \
           requires(const Tensor<T, N>& x) { name(x, x, x); }) const Tensor<T, N>&         \
  operator op(const Tensor<T, N>& a, const B& b) {                                         \
    if constexpr (AnyTensor<B>) {                                                          \
      name(a, detail::as_dtype<T>(b), a);                                                  \
    } else {                                                                               \
      name(a, detail::scalar_tensor(detail::weak_scalar<T>(b)), a);                        \
    }                                                                                      \
    return a;                                                                              \
  }
// NOLINTEND(bugprone-macro-parentheses)

TRUENO_TENSOR_COMPOUND(+=, add)
TRUENO_TENSOR_COMPOUND(-=, sub)
TRUENO_TENSOR_COMPOUND(*=, mul)
TRUENO_TENSOR_COMPOUND(/=, div)
TRUENO_TENSOR_COMPOUND(%=, mod)
TRUENO_TENSOR_COMPOUND(&=, bitwise_and)
TRUENO_TENSOR_COMPOUND(|=, bitwise_or)
TRUENO_TENSOR_COMPOUND(^=, bitwise_xor)
TRUENO_TENSOR_COMPOUND(<<=, left_shift)
TRUENO_TENSOR_COMPOUND(>>=, right_shift)

#undef TRUENO_TENSOR_COMPOUND

TRUENO_END_NAMESPACE
