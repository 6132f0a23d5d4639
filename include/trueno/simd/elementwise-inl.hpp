// trueno — element-wise kernels, written once over Vec<T> and re-included per target (no include guard).
// Every kernel reads its inputs with unaligned loads and handles the tail with a masked load/store, so any
// start address and length works; `out` may alias an input exactly (each lane is read before it is written).
// NOLINTBEGIN(readability-identifier-naming)

// Outputs of at least kStreamBytes (core/stream_hint.hpp) are written with non-temporal (streaming) stores;
// values are identical either way. A parallel loop over a large output sets stream_outputs_hint() around its
// smaller tasks, so that they stream too.
inline constexpr std::size_t kNoStream = ~std::size_t{0};

// How many leading elements to write before `out` is aligned for streaming stores, or kNoStream for ordinary
// stores (small outputs, one-lane vectors).
template <class V, class T>
inline std::size_t stream_head(const T* out, std::size_t n) {
  constexpr std::size_t kAlign = sizeof(typename V::Reg);
  if (V::lanes == 1 || (n * sizeof(T) < kStreamBytes && !stream_outputs_hint())) return kNoStream;
  const std::size_t misalign = reinterpret_cast<std::uintptr_t>(out) % kAlign;
  return misalign == 0 ? 0 : (kAlign - misalign) / sizeof(T);
}

template <class V, bool kStream>
struct Stores {
  template <class T>
  static void put(T* p, typename V::Reg v) {
    if constexpr (kStream) {
      V::stream(p, v);
    } else {
      V::store(p, v);
    }
  }
};

// The element-wise loops over [i, n): four vectors per iteration, then single vectors, then a masked tail.
template <bool kStream, class T, class Op>
inline void unary_loop(const T* a, T* out, std::size_t i, std::size_t n, const Op& op) {
  using V = Vec<T>;
  using S = Stores<V, kStream>;
  constexpr std::size_t L = V::lanes;
  for (; i + 4 * L <= n; i += 4 * L) {
    const auto x0 = V::load(a + i), x1 = V::load(a + i + L), x2 = V::load(a + i + 2 * L),
               x3 = V::load(a + i + 3 * L);
    S::put(out + i, op.apply(x0));
    S::put(out + i + L, op.apply(x1));
    S::put(out + i + 2 * L, op.apply(x2));
    S::put(out + i + 3 * L, op.apply(x3));
  }
  for (; i + L <= n; i += L) S::put(out + i, op.apply(V::load(a + i)));
  if (i < n) V::store_n(out + i, n - i, op.apply(V::load_n(a + i, n - i)));
}
template <bool kStream, class T, class Op>
inline void binary_loop(const T* a, const T* b, T* out, std::size_t i, std::size_t n, const Op& op) {
  using V = Vec<T>;
  using S = Stores<V, kStream>;
  constexpr std::size_t L = V::lanes;
  for (; i + 4 * L <= n; i += 4 * L) {
    const auto x0 = V::load(a + i), x1 = V::load(a + i + L), x2 = V::load(a + i + 2 * L),
               x3 = V::load(a + i + 3 * L);
    const auto y0 = V::load(b + i), y1 = V::load(b + i + L), y2 = V::load(b + i + 2 * L),
               y3 = V::load(b + i + 3 * L);
    S::put(out + i, op.apply(x0, y0));
    S::put(out + i + L, op.apply(x1, y1));
    S::put(out + i + 2 * L, op.apply(x2, y2));
    S::put(out + i + 3 * L, op.apply(x3, y3));
  }
  for (; i + L <= n; i += L) S::put(out + i, op.apply(V::load(a + i), V::load(b + i)));
  if (i < n) V::store_n(out + i, n - i, op.apply(V::load_n(a + i, n - i), V::load_n(b + i, n - i)));
}
template <bool kStream, class T, class Op>
inline void ternary_loop(const T* a, const T* b, const T* c, T* out, std::size_t i, std::size_t n,
                         const Op& op) {
  using V = Vec<T>;
  using S = Stores<V, kStream>;
  constexpr std::size_t L = V::lanes;
  for (; i + 2 * L <= n; i += 2 * L) {
    const auto r0 = op.apply(V::load(a + i), V::load(b + i), V::load(c + i));
    const auto r1 = op.apply(V::load(a + i + L), V::load(b + i + L), V::load(c + i + L));
    S::put(out + i, r0);
    S::put(out + i + L, r1);
  }
  for (; i + L <= n; i += L) S::put(out + i, op.apply(V::load(a + i), V::load(b + i), V::load(c + i)));
  if (i < n) {
    const std::size_t k = n - i;
    V::store_n(out + i, k, op.apply(V::load_n(a + i, k), V::load_n(b + i, k), V::load_n(c + i, k)));
  }
}

// Applies op.apply(x) lane-wise.
template <class T, class Op>
inline void unary_kernel(const T* a, T* out, std::size_t n, const Op& op) {
  const std::size_t head = stream_head<Vec<T>>(out, n);
  if (head == kNoStream) {
    unary_loop<false>(a, out, 0, n, op);
    return;
  }
  unary_loop<false>(a, out, 0, head, op);
  unary_loop<true>(a, out, head, n, op);
  Vec<T>::stream_fence();
}

// Applies op.apply(x, y) lane-wise.
template <class T, class Op>
inline void binary_kernel(const T* a, const T* b, T* out, std::size_t n, const Op& op) {
  const std::size_t head = stream_head<Vec<T>>(out, n);
  if (head == kNoStream) {
    binary_loop<false>(a, b, out, 0, n, op);
    return;
  }
  binary_loop<false>(a, b, out, 0, head, op);
  binary_loop<true>(a, b, out, head, n, op);
  Vec<T>::stream_fence();
}

// Applies op.apply(x, y, z) lane-wise.
template <class T, class Op>
inline void ternary_kernel(const T* a, const T* b, const T* c, T* out, std::size_t n, const Op& op) {
  const std::size_t head = stream_head<Vec<T>>(out, n);
  if (head == kNoStream) {
    ternary_loop<false>(a, b, c, out, 0, n, op);
    return;
  }
  ternary_loop<false>(a, b, c, out, 0, head, op);
  ternary_loop<true>(a, b, c, out, head, n, op);
  Vec<T>::stream_fence();
}

template <class T>
struct AddOp {
  using V = Vec<T>;
  typename V::Reg apply(typename V::Reg x, typename V::Reg y) const { return V::add(x, y); }
};
template <class T>
struct SubOp {
  using V = Vec<T>;
  typename V::Reg apply(typename V::Reg x, typename V::Reg y) const { return V::sub(x, y); }
};
template <class T>
struct MulOp {
  using V = Vec<T>;
  typename V::Reg apply(typename V::Reg x, typename V::Reg y) const { return V::mul(x, y); }
};
template <class T>
struct DivOp {
  using V = Vec<T>;
  typename V::Reg apply(typename V::Reg x, typename V::Reg y) const { return V::div(x, y); }
};
// NumPy maximum/minimum: NaN in either operand propagates; on ties (+0 vs -0) the first operand wins.
template <class T>
struct MaximumOp {
  using V = Vec<T>;
  typename V::Reg apply(typename V::Reg x, typename V::Reg y) const {
    return V::select(V::isnan(y), y, V::max(x, y));
  }
};
template <class T>
struct MinimumOp {
  using V = Vec<T>;
  typename V::Reg apply(typename V::Reg x, typename V::Reg y) const {
    return V::select(V::isnan(y), y, V::min(x, y));
  }
};
template <class T>
struct NegOp {
  using V = Vec<T>;
  typename V::Reg apply(typename V::Reg x) const { return V::neg(x); }
};
template <class T>
struct AbsOp {
  using V = Vec<T>;
  typename V::Reg apply(typename V::Reg x) const { return V::abs(x); }
};
template <class T>
struct SqrtOp {
  using V = Vec<T>;
  typename V::Reg apply(typename V::Reg x) const { return V::sqrt(x); }
};
template <class T>
struct ReciprocalOp {  // an exact division, not an rcp approximation
  using V = Vec<T>;
  typename V::Reg one = V::set1(T(1));
  typename V::Reg apply(typename V::Reg x) const { return V::div(one, x); }
};
template <class T>
struct SquareOp {
  using V = Vec<T>;
  typename V::Reg apply(typename V::Reg x) const { return V::mul(x, x); }
};
template <class T>
struct ScaleOp {
  using V = Vec<T>;
  typename V::Reg s;
  typename V::Reg apply(typename V::Reg x) const { return V::mul(x, s); }
};
template <class T>
struct DivScalarOp {
  using V = Vec<T>;
  typename V::Reg s;
  typename V::Reg apply(typename V::Reg x) const { return V::div(x, s); }
};
template <class T>
struct AddScalarOp {
  using V = Vec<T>;
  typename V::Reg s;
  typename V::Reg apply(typename V::Reg x) const { return V::add(x, s); }
};
// clamp(x, lo, hi) = minimum(maximum(x, lo), hi); lo and hi are never NaN (checked by the caller).
template <class T>
struct ClampOp {
  using V = Vec<T>;
  typename V::Reg lo, hi;
  typename V::Reg apply(typename V::Reg x) const { return V::min(V::max(x, lo), hi); }
};
// PyTorch's lerp: a + t*(b-a) when |t| < 0.5, else b - (b-a)*(1-t); t is a scalar so the branch is uniform.
// Both branches are explicit multiply-adds (ATen's fmadd/fnmadd): written as sub(b, mul(d, 1-t)), GCC (C++
// default -ffp-contract=fast) fuses it in the FMA targets only, and AVX2 would differ from scalar. The second
// is fma(d, -(1-t), b), the scalar negated once (not t-1: that is +0 at t == 1), rather than fma(-d, 1-t, b),
// whose negation of a NaN lane compilers may or may not fold into vfnmadd.
template <class T>
struct LerpOp {
  using V = Vec<T>;
  typename V::Reg t, neg_one_minus_t;
  bool small;
  typename V::Reg apply(typename V::Reg a, typename V::Reg b) const {
    const auto d = V::sub(b, a);
    return small ? V::fma(t, d, a) : V::fma(d, neg_one_minus_t, b);
  }
};
template <class T>
struct FmaOp {
  using V = Vec<T>;
  typename V::Reg apply(typename V::Reg a, typename V::Reg b, typename V::Reg c) const {
    return V::fma(a, b, c);
  }
};

// out[j] = acc[j] op f(j), f(j) = op(...op(op(rows[0][j], rows[1][j]), rows[2][j])..., rows[k - 1][j]), for
// 1 <= k <= kFoldRows; without acc (null), out[j] = f(j). The same values as copying rows[0], applying the
// binary kernel once per further row and then once more onto acc, in one pass: each output vector is
// written once instead of k + 1 times. out may alias acc exactly. Used by the tensor reductions along
// leading axes and pooling (kFoldRows: core/dispatch.hpp).
// The vector loop of fold_rows_kernel for a fixed row count K (unrolled) or, with K == 0, any count k.
template <std::size_t K, class T, class Op>
inline std::size_t fold_rows_loop(const T* const* rows, std::size_t k, const T* acc, T* out, std::size_t n,
                                  const Op& op) {
  using V = Vec<T>;
  constexpr std::size_t L = V::lanes;
  std::size_t i = 0;
  for (; i + L <= n; i += L) {
    auto s = V::load(rows[0] + i);
    if constexpr (K != 0) {
      for (std::size_t r = 1; r < K; ++r) s = op.apply(s, V::load(rows[r] + i));
    } else {
      for (std::size_t r = 1; r < k; ++r) s = op.apply(s, V::load(rows[r] + i));
    }
    V::store(out + i, acc == nullptr ? s : op.apply(V::load(acc + i), s));
  }
  return i;
}
template <class T, class Op>
inline void fold_rows_kernel(const T* const* rows, std::size_t k, const T* acc, T* out, std::size_t n,
                             const Op& op) {
  using V = Vec<T>;
  std::size_t i = 0;
  switch (k) {  // the common counts unrolled: 8 (tensor reductions), 2 to 4 (pooling windows)
    case 2:
      i = fold_rows_loop<2>(rows, k, acc, out, n, op);
      break;
    case 3:
      i = fold_rows_loop<3>(rows, k, acc, out, n, op);
      break;
    case 4:
      i = fold_rows_loop<4>(rows, k, acc, out, n, op);
      break;
    case kFoldRows:
      i = fold_rows_loop<kFoldRows>(rows, k, acc, out, n, op);
      break;
    default:
      i = fold_rows_loop<0>(rows, k, acc, out, n, op);
  }
  if (i < n) {
    const std::size_t m = n - i;
    auto s = V::load_n(rows[0] + i, m);
    for (std::size_t r = 1; r < k; ++r) s = op.apply(s, V::load_n(rows[r] + i, m));
    V::store_n(out + i, m, acc == nullptr ? s : op.apply(V::load_n(acc + i, m), s));
  }
}
// out[j] = coef[0] * rows[0][j] + coef[1] * rows[1][j] + ... + coef[k - 1] * rows[k - 1][j] (k >= 1): the
// first term a plain product, then one fused multiply-add per row, in that order (SSE2 rounds the products
// separately). The rows of a depthwise convolution (linalg/conv.hpp).
template <class T>
void weighted_sum_rows(const T* const* rows, const T* coef, std::size_t k, T* out, std::size_t n) {
  using V = Vec<T>;
  constexpr std::size_t L = V::lanes;
  std::size_t i = 0;
  for (; i + 2 * L <= n; i += 2 * L) {  // two vectors per pass over the rows
    const auto c0 = V::set1(coef[0]);
    auto s0 = V::mul(c0, V::load(rows[0] + i)), s1 = V::mul(c0, V::load(rows[0] + i + L));
    for (std::size_t r = 1; r < k; ++r) {
      const auto c = V::set1(coef[r]);
      s0 = V::fma(c, V::load(rows[r] + i), s0);
      s1 = V::fma(c, V::load(rows[r] + i + L), s1);
    }
    V::store(out + i, s0);
    V::store(out + i + L, s1);
  }
  for (; i + L <= n; i += L) {
    auto s = V::mul(V::set1(coef[0]), V::load(rows[0] + i));
    for (std::size_t r = 1; r < k; ++r) s = V::fma(V::set1(coef[r]), V::load(rows[r] + i), s);
    V::store(out + i, s);
  }
  if (i < n) {  // load_n/store_n take fewer than L elements
    const std::size_t m = n - i;
    auto s = V::mul(V::set1(coef[0]), V::load_n(rows[0] + i, m));
    for (std::size_t r = 1; r < k; ++r) s = V::fma(V::set1(coef[r]), V::load_n(rows[r] + i, m), s);
    V::store_n(out + i, m, s);
  }
}
template <class T>
void sum_rows(const T* const* rows, std::size_t k, const T* acc, T* out, std::size_t n) {
  fold_rows_kernel(rows, k, acc, out, n, AddOp<T>{});
}
template <class T>
void max_rows(const T* const* rows, std::size_t k, const T* acc, T* out, std::size_t n) {
  fold_rows_kernel(rows, k, acc, out, n, MaximumOp<T>{});
}
template <class T>
void min_rows(const T* const* rows, std::size_t k, const T* acc, T* out, std::size_t n) {
  fold_rows_kernel(rows, k, acc, out, n, MinimumOp<T>{});
}

template <class T>
void add(const T* a, const T* b, T* out, std::size_t n) {
  binary_kernel(a, b, out, n, AddOp<T>{});
}
template <class T>
void sub(const T* a, const T* b, T* out, std::size_t n) {
  binary_kernel(a, b, out, n, SubOp<T>{});
}
template <class T>
void mul(const T* a, const T* b, T* out, std::size_t n) {
  binary_kernel(a, b, out, n, MulOp<T>{});
}
template <class T>
void div(const T* a, const T* b, T* out, std::size_t n) {
  binary_kernel(a, b, out, n, DivOp<T>{});
}
template <class T>
void maximum(const T* a, const T* b, T* out, std::size_t n) {
  binary_kernel(a, b, out, n, MaximumOp<T>{});
}
template <class T>
void minimum(const T* a, const T* b, T* out, std::size_t n) {
  binary_kernel(a, b, out, n, MinimumOp<T>{});
}
template <class T>
void neg(const T* a, T* out, std::size_t n) {
  unary_kernel(a, out, n, NegOp<T>{});
}
template <class T>
void abs(const T* a, T* out, std::size_t n) {
  unary_kernel(a, out, n, AbsOp<T>{});
}
template <class T>
void sqrt(const T* a, T* out, std::size_t n) {
  unary_kernel(a, out, n, SqrtOp<T>{});
}
template <class T>
void reciprocal(const T* a, T* out, std::size_t n) {
  unary_kernel(a, out, n, ReciprocalOp<T>{});
}
template <class T>
void square(const T* a, T* out, std::size_t n) {
  unary_kernel(a, out, n, SquareOp<T>{});
}
template <class T>
void scale(const T* a, T* out, std::size_t n, T s) {
  unary_kernel(a, out, n, ScaleOp<T>{Vec<T>::set1(s)});
}
template <class T>
void add_scalar(const T* a, T* out, std::size_t n, T s) {
  unary_kernel(a, out, n, AddScalarOp<T>{Vec<T>::set1(s)});
}
template <class T>
void div_scalar(const T* a, T* out, std::size_t n, T s) {
  unary_kernel(a, out, n, DivScalarOp<T>{Vec<T>::set1(s)});
}
template <class T>
void clamp(const T* a, T* out, std::size_t n, T lo, T hi) {
  unary_kernel(a, out, n, ClampOp<T>{Vec<T>::set1(lo), Vec<T>::set1(hi)});
}
template <class T>
void lerp(const T* a, const T* b, T* out, std::size_t n, T t) {
  const bool small = std::fabs(t) < T(0.5);
  binary_kernel(a, b, out, n, LerpOp<T>{Vec<T>::set1(t), Vec<T>::set1(-(T(1) - t)), small});
}
template <class T>
void fma(const T* a, const T* b, const T* c, T* out, std::size_t n) {
  ternary_kernel(a, b, c, out, n, FmaOp<T>{});
}
// Inclusive running sum in the accumulator type (a sequential dependency: NumPy's order, so results match
// it).
template <class T, class Acc>
void cumsum(const T* a, Acc* out, std::size_t n) {
  Acc s = Acc(0);
  for (std::size_t i = 0; i < n; ++i) {
    s = Vec1<Acc>::add(s, static_cast<Acc>(a[i]));
    out[i] = s;
  }
}

// NOLINTEND(readability-identifier-naming)
