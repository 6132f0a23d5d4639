// trueno — the kernel table: one struct of function pointers per element type and backend, built once, and
// the lookup every public op makes (once per whole-array operation).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "aligned_buffer.hpp"
#include "backend.hpp"
#include "thread_pool.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

// The accumulator NumPy uses for sums and products: int64 for the narrower signed integers, uint64 for the
// narrower unsigned ones, the type itself otherwise.
template <class T>
using accumulator_t =
    std::conditional_t<std::is_integral_v<T> && !std::is_same_v<T, bool> && (sizeof(T) < 8),
                       std::conditional_t<std::is_signed_v<T>, std::int64_t, std::uint64_t>, T>;

/// One GEMM problem: C[m x n] = alpha * A[m x k] * B[k x n] + beta * C, strides in elements (any sign).
template <class T>
struct GemmArgs {
  std::size_t m, n, k;
  T alpha;
  const T* a;
  std::ptrdiff_t rsa, csa;
  const T* b;
  std::ptrdiff_t rsb, csb;
  T beta;
  T* c;
  std::ptrdiff_t rsc, csc;
};

/// The most rows one call of a fold-rows kernel (sum_rows, max_rows, min_rows) takes.
inline constexpr std::size_t kFoldRows = 8;

/// Every dispatched kernel for element type T. Entries that make no sense for T (sqrt of int32) are null.
template <class T>
struct KernelTable {
  using Acc = accumulator_t<T>;
  using BinaryFn = void (*)(const T*, const T*, T*, std::size_t);
  using UnaryFn = void (*)(const T*, T*, std::size_t);
  using ScalarFn = void (*)(const T*, T*, std::size_t, T);

  BinaryFn add, sub, mul, div, minimum, maximum;
  // out = acc op (rows[0] op rows[1] op ... op rows[k - 1]) (1 <= k <= kFoldRows, left to right; without
  // acc when it is null), n elements each: fold_rows(rows, k, acc, out, n).
  using FoldRowsFn = void (*)(const T* const*, std::size_t, const T*, T*, std::size_t);
  FoldRowsFn sum_rows, max_rows, min_rows;
  UnaryFn neg, abs, sqrt, reciprocal, square;
  ScalarFn scale, add_scalar, div_scalar;
  void (*clamp)(const T*, T*, std::size_t, T, T);
  void (*lerp)(const T*, const T*, T*, std::size_t, T);
  void (*fma)(const T*, const T*, const T*, T*, std::size_t);
  // out = coef[0] * rows[0] + ... + coef[k - 1] * rows[k - 1] (fused, in order), n elements: (rows, coef, k,
  // out, n). Float types.
  void (*weighted_sum_rows)(const T* const*, const T*, std::size_t, T*, std::size_t);
  void (*cumsum)(const T*, Acc*, std::size_t);
  Acc (*sum)(const T*, std::size_t);
  Acc (*prod)(const T*, std::size_t);
  T (*min)(const T*, std::size_t);
  T (*max)(const T*, std::size_t);
  T (*max_abs)(const T*, std::size_t);
  std::size_t (*argmin)(const T*, std::size_t);
  std::size_t (*argmax)(const T*, std::size_t);
  T (*dot)(const T*, const T*, std::size_t);
  T (*sum_abs)(const T*, std::size_t);
  T (*centered_dot)(const T*, const T*, std::size_t, T, T);
  T (*scaled_sum_squares)(const T*, std::size_t, T);
  bool (*all_finite)(const T*, std::size_t);
  // Math and activations (float types; simd/math-inl.hpp).
  UnaryFn exp, exp2, expm1, log, log2, log10, log1p, sigmoid, tanh, silu, softplus, softmax, log_softmax;
  UnaryFn rsqrt, cbrt, sin, cos;
  BinaryFn hypot;
  // simd/math_trig-inl.hpp and simd/math_pow-inl.hpp. pow_scalar(a, out, n, s) = a^s, scalar_pow(b, out, n,
  // s) = s^b.
  UnaryFn tan, asin, acos, atan, sinh, cosh, asinh, acosh, atanh;
  BinaryFn atan2, pow;
  ScalarFn pow_scalar, scalar_pow;
  T (*logsumexp)(const T*, std::size_t);
  // Linear algebra (float types; simd/gemm-inl.hpp).
  void (*gemm)(const GemmArgs<T>&);
  // erf, rounding, activations and norms (float types; simd/activation-inl.hpp).
  UnaryFn erf, erfc, floor, ceil, round, rint, trunc, fract, sign;
  BinaryFn copysign;
  UnaryFn relu, relu6, selu, gelu, gelu_tanh, hard_sigmoid, hardswish, mish, softsign, tanhshrink,
      log_sigmoid;
  ScalarFn leaky_relu, elu, celu;
  void (*softplus_param)(const T*, T*, std::size_t, T, T);  // beta, threshold
  void (*layer_norm)(const T*, const T*, const T*, T*, std::size_t,
                     T);                                     // x, gamma, beta (or null), out, n, eps
  void (*rms_norm)(const T*, const T*, T*, std::size_t, T);  // x, gamma (or null), out, n, eps
  // Integers (simd/integer-inl.hpp): bitwise ops and shifts; floor_divide and mod (Python's sign rules;
  // integer divisors must be non-zero: the caller checks) for integers and floating types.
  BinaryFn bit_and, bit_or, bit_xor, shift_left, shift_right, floor_divide, mod;
  UnaryFn bit_not;
  // float <-> float16 / bfloat16 bit patterns (float only; simd/convert-inl.hpp).
  void (*to_f16)(const T*, std::uint16_t*, std::size_t);
  void (*from_f16)(const std::uint16_t*, T*, std::size_t);
  void (*to_bf16)(const T*, std::uint16_t*, std::size_t);
  void (*from_bf16)(const std::uint16_t*, T*, std::size_t);
  T (*sum_f16)(const std::uint16_t*, std::size_t);  // pairwise, in float (simd/reduce-inl.hpp)
  T (*sum_bf16)(const std::uint16_t*, std::size_t);
};

}  // namespace detail
TRUENO_END_NAMESPACE

#include "../simd/kernels.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

template <class T>
std::array<KernelTable<T>, kBackendCount> build_kernel_tables() {
  std::array<KernelTable<T>, kBackendCount> tables{};
  tables.fill(TRUENO_SCALAR_NS::make_table<T>());
#if defined(TRUENO_HAVE_X86_SIMD)
  tables[static_cast<int>(Backend::sse2)] = sse2::make_table<T>();
  tables[static_cast<int>(Backend::avx2)] = avx2::make_table<T>();
  tables[static_cast<int>(Backend::avx512)] = avx512::make_table<T>();
#endif
#if defined(TRUENO_HAVE_NEON)
  tables[static_cast<int>(Backend::neon)] = neon::make_table<T>();
#endif
  return tables;
}

// Build-time option ({fmt}'s "compiled" mode): with TRUENO_SEPARATE_KERNELS defined, translation units only
// declare the kernel tables, and exactly one translation unit defines TRUENO_INSTANTIATE_KERNELS to compile
// every kernel once. Without either macro, every translation unit compiles them (plain header-only use).
#if defined(TRUENO_SEPARATE_KERNELS) && !defined(TRUENO_INSTANTIATE_KERNELS)
extern template std::array<KernelTable<float>, kBackendCount> build_kernel_tables<float>();
extern template std::array<KernelTable<double>, kBackendCount> build_kernel_tables<double>();
extern template std::array<KernelTable<std::int8_t>, kBackendCount> build_kernel_tables<std::int8_t>();
extern template std::array<KernelTable<std::int16_t>, kBackendCount> build_kernel_tables<std::int16_t>();
extern template std::array<KernelTable<std::int32_t>, kBackendCount> build_kernel_tables<std::int32_t>();
extern template std::array<KernelTable<std::int64_t>, kBackendCount> build_kernel_tables<std::int64_t>();
extern template std::array<KernelTable<std::uint8_t>, kBackendCount> build_kernel_tables<std::uint8_t>();
extern template std::array<KernelTable<std::uint16_t>, kBackendCount> build_kernel_tables<std::uint16_t>();
extern template std::array<KernelTable<std::uint32_t>, kBackendCount> build_kernel_tables<std::uint32_t>();
extern template std::array<KernelTable<std::uint64_t>, kBackendCount> build_kernel_tables<std::uint64_t>();
#elif defined(TRUENO_INSTANTIATE_KERNELS)
template std::array<KernelTable<float>, kBackendCount> build_kernel_tables<float>();
template std::array<KernelTable<double>, kBackendCount> build_kernel_tables<double>();
template std::array<KernelTable<std::int8_t>, kBackendCount> build_kernel_tables<std::int8_t>();
template std::array<KernelTable<std::int16_t>, kBackendCount> build_kernel_tables<std::int16_t>();
template std::array<KernelTable<std::int32_t>, kBackendCount> build_kernel_tables<std::int32_t>();
template std::array<KernelTable<std::int64_t>, kBackendCount> build_kernel_tables<std::int64_t>();
template std::array<KernelTable<std::uint8_t>, kBackendCount> build_kernel_tables<std::uint8_t>();
template std::array<KernelTable<std::uint16_t>, kBackendCount> build_kernel_tables<std::uint16_t>();
template std::array<KernelTable<std::uint32_t>, kBackendCount> build_kernel_tables<std::uint32_t>();
template std::array<KernelTable<std::uint64_t>, kBackendCount> build_kernel_tables<std::uint64_t>();
#endif

/// The kernel table of backend `b` (which must be compiled in; a backend not compiled gets the scalar
/// kernels).
template <class T>
const KernelTable<T>& kernels_for(Backend b) {
  static const std::array<KernelTable<T>, kBackendCount> tables = build_kernel_tables<T>();
  return tables[static_cast<std::size_t>(b)];
}

/// The kernel table of the active backend.
template <class T>
const KernelTable<T>& kernels() {
  return kernels_for<T>(active_backend());
}

}  // namespace detail
TRUENO_END_NAMESPACE
