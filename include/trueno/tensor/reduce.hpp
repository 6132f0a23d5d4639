// trueno — reductions of tensors over all axes, one axis or several (`{0, 2}`), with `trueno::keepdims`:
// sum prod mean var std min max argmin argmax all any, and the NaN-ignoring nansum nanmean nanmax nanmin.
// Semantics follow NumPy and the Vector reductions: int32 sums in int64, max/min propagate NaN, argmax/argmin
// return the first NaN's index, reductions without an identity over nothing throw value_error.
// Paths: a reduced block that is contiguous goes to the dispatched kernel per output element; a reduction
// over leading axes of a row-major tensor (sum along axis 0) combines whole rows with the element-wise
// kernels (pairwise over rows for sums); anything else gathers each reduced block into a contiguous buffer.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include "../vector/reduce.hpp"
#include "elementwise.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

template <class T>
concept NumericElement = KernelElement<T>;
template <class T>
concept AnyElement = TensorElement<T>;
template <class T>
concept BoolElement = std::same_as<T, bool>;
template <class T>
using sum_t = accumulator_t<T>;
/// mean, var and std: float64 for integers and bool, the type itself for the floating types (float16 and
/// bfloat16 computed in float, rounded once).
template <class T>
using mean_t = std::conditional_t<HalfElement<T>, T, stat_t<T>>;
/// The elements of mean, var and std.
template <class T>
concept StatElement = KernelElement<T> || HalfElement<T> || std::same_as<T, bool>;
/// The elements of the NaN-ignoring reductions: the floating types, and the integers (which hold no NaN:
/// nansum is sum, nanmax is max, as NumPy).
template <class T>
concept NanElement = FloatElement<T> || IntegerElement<T>;
/// nansum's result: the integers' sum type, the type itself for the floating types.
template <class T>
using nansum_t = std::conditional_t<IntegerElement<T>, accumulator_t<T>, T>;
template <class T>
using same_t = T;
template <class T>
using index_t = std::int64_t;
template <class T>
using bool_t = bool;

template <std::size_t N>
using AxisMask = std::array<bool, N>;

template <std::size_t N>
AxisMask<N> axis_mask(std::ptrdiff_t axis) {
  AxisMask<N> m{};
  m[normalize_axis(axis, N)] = true;
  return m;
}
template <std::size_t N, std::size_t M>
AxisMask<N> axis_mask(const int (&axes)[M]) {
  AxisMask<N> m{};
  for (int a : axes) {
    const std::size_t ax = normalize_axis(a, N);
    if (m[ax]) throw value_error("duplicate value in 'axis'");
    m[ax] = true;
  }
  return m;
}

/// Shapes of a reduction: kept extents (keepdims: reduced axes become 1) and the reduced count.
template <std::size_t N>
Shape<N> keepdims_shape(const Shape<N>& s, const AxisMask<N>& m) {
  Shape<N> r = s;
  for (std::size_t i = 0; i < N; ++i) {
    if (m[i]) r[i] = 1;
  }
  return r;
}
template <std::size_t M, std::size_t N>
Shape<M> dropped_shape(const Shape<N>& s, const AxisMask<N>& m) {
  Shape<M> r{};
  for (std::size_t i = 0, k = 0; i < N; ++i) {
    if (!m[i]) r[k++] = s[i];
  }
  return r;
}

/// Coalesced (extent, stride) pairs of the axes selected by `sel`, outermost first.
template <std::size_t N>
struct AxisSet {
  std::size_t n = 0;
  std::array<std::size_t, N == 0 ? 1 : N> extent{};
  std::array<std::ptrdiff_t, N == 0 ? 1 : N> stride{};
  std::size_t count = 1;

  [[nodiscard]] std::ptrdiff_t offset(std::size_t linear) const {  // element offset of the linear-th index
    std::ptrdiff_t off = 0;
    for (std::size_t i = n; i-- > 0;) {
      off += static_cast<std::ptrdiff_t>(linear % extent[i]) * stride[i];
      linear /= extent[i];
    }
    return off;
  }
  [[nodiscard]] bool unit() const { return n == 0 || (n == 1 && stride[0] == 1); }
};
template <std::size_t N>
AxisSet<N> axis_set(const Shape<N>& shape, const Strides<N>& strides, const AxisMask<N>& sel, bool want) {
  AxisSet<N> s;
  for (std::size_t i = 0; i < N; ++i) {
    if (sel[i] != want) continue;
    s.count *= shape[i];
    if (shape[i] == 1) continue;
    if (s.n > 0 && s.stride[s.n - 1] == strides[i] * static_cast<std::ptrdiff_t>(shape[i])) {
      s.extent[s.n - 1] *= shape[i];
      s.stride[s.n - 1] = strides[i];
    } else {
      s.extent[s.n] = shape[i];
      s.stride[s.n++] = strides[i];
    }
  }
  return s;
}

/// Runs `block(ptr_to_contiguous_block, count)` for every kept index (row-major order of the kept axes) and
/// stores its result in out[k]. Reduced blocks that are not unit-stride are gathered into a buffer first.
template <class T, std::size_t N, class Out, class Block>
void reduce_blocks(const Tensor<T, N>& t, const AxisMask<N>& m, Out* out, Block block) {
  using V = std::remove_const_t<T>;
  const auto kept = axis_set(t.shape(), t.strides(), m, false);
  const auto red = axis_set(t.shape(), t.strides(), m, true);
  const T* data = t.data();
  // Nothing to reduce and nothing to write: a reduction without identity still refuses, as NumPy does.
  if (kept.count == 0 && red.count == 0) (void)block(static_cast<const V*>(nullptr), 0);
  // Tasks of whole output elements, about kParallelTaskElements input elements each.
  const std::size_t per_task =
      std::max<std::size_t>(1, kParallelTaskElements / std::max<std::size_t>(1, red.count));
  const std::size_t tasks = (kept.count + per_task - 1) / per_task;
  auto task = [&](std::size_t ti) {
    // Not std::vector: vector<bool> has no data() (any/all of bool tensors gather too).
    const std::unique_ptr<V[]> buf(red.unit() ? nullptr : new V[red.count]);
    const std::size_t k1 = std::min(kept.count, (ti + 1) * per_task);
    for (std::size_t k = ti * per_task; k < k1; ++k) {
      const T* base = offset_ptr(data, kept.offset(k));
      if (red.unit()) {
        out[k] = block(base, red.count);
      } else {
        for (std::size_t r = 0; r < red.count; ++r) buf[r] = base[red.offset(r)];
        out[k] = block(buf.get(), red.count);
      }
    }
  };
  if (kept.count * red.count < kParallelMinElements || tasks < 2) {
    for (std::size_t i = 0; i < tasks; ++i) task(i);
  } else {
    parallel_for(tasks, task);
  }
}

/// True when the kept axes form one unit-stride run and the reduced axes lie outside it: whole rows can be
/// combined with element-wise kernels (sum along axis 0 of a row-major matrix).
template <class T, std::size_t N>
bool rows_combinable(const Tensor<T, N>& t, const AxisMask<N>& m) {
  const auto kept = axis_set(t.shape(), t.strides(), m, false);
  const auto red = axis_set(t.shape(), t.strides(), m, true);
  return kept.n == 1 && kept.stride[0] == 1 && red.count > 1 && kept.count >= 16;
}

/// out[0..K) = op-combination over the reduced rows, in column chunks that stay in L1. `fold(rows, k, acc,
/// dst, n)` is a fold-rows kernel (dst = acc op (rows[0] op ... op rows[k - 1]), k <= 8, one pass). Sums fold
/// pairwise for accuracy (halves down to at most 8 rows, those in order; a right half of at most 8 rows is
/// added onto the left one's result in the same pass that sums it); max/min fold 8 rows at a time onto dst.
template <class T, std::size_t N, class Fold>
void combine_rows(const Tensor<T, N>& t, const AxisMask<N>& m, std::remove_const_t<T>* out, Fold fold,
                  bool pairwise) {
  using V = std::remove_const_t<T>;
  const auto kept = axis_set(t.shape(), t.strides(), m, false);
  const auto red = axis_set(t.shape(), t.strides(), m, true);
  // Column chunks of up to 16 KiB: whole rows of a 4096-float matrix, which are then read as one sequential
  // stream (narrower chunks read each row in pieces, one jump per piece). With several threads, narrower
  // chunks so that each thread gets at least two. Every column is folded by the same tree whatever the
  // chunking, so the result does not depend on the thread count.
  const bool parallel = kept.count * red.count >= kParallelMinElements && num_threads() > 1;
  std::size_t chunk = std::max<std::size_t>(64, std::size_t{16384} / sizeof(V));
  if (parallel) {
    const std::size_t want = 2 * static_cast<std::size_t>(num_threads());
    const std::size_t per = ((kept.count + want - 1) / want + 63) / 64 * 64;
    chunk = std::clamp<std::size_t>(per, 256, chunk);
  }
  const std::size_t chunks = (kept.count + chunk - 1) / chunk;
  auto task = [&](std::size_t ci) {
    std::unique_ptr<V[]> scratch;  // depth-indexed rows of the pairwise recursion, allocated on first use
    std::size_t scratch_rows = 0;
    const std::size_t c0 = ci * chunk;
    const std::size_t w = std::min(chunk, kept.count - c0);
    const T* base = offset_ptr(t.data(), static_cast<std::ptrdiff_t>(c0));
    // dst = acc op (rows [r0, r0 + k) folded in order), k <= 8; acc may be null or dst.
    auto fold_block = [&](std::size_t r0, std::size_t k, const V* acc, V* dst) {
      const V* rows[kFoldRows];
      for (std::size_t r = 0; r < k; ++r) rows[r] = base + red.offset(r0 + r);
      fold(rows, k, acc, dst, w);
    };
    if (!pairwise) {
      fold_block(0, std::min(kFoldRows, red.count), nullptr, out + c0);
      for (std::size_t r = kFoldRows; r < red.count; r += kFoldRows)
        fold_block(r, std::min(kFoldRows, red.count - r), out + c0, out + c0);
      return;
    }
    // Folds rows [r0, r1) into dst; depth indexes the scratch rows of the pairwise recursion.
    auto pair_fold = [&](auto&& self, std::size_t r0, std::size_t r1, V* dst, std::size_t depth) -> void {
      if (r1 - r0 <= kFoldRows) {
        fold_block(r0, r1 - r0, nullptr, dst);
        return;
      }
      const std::size_t mid = r0 + (r1 - r0) / 2;
      self(self, r0, mid, dst, depth + 1);
      if (r1 - mid <= kFoldRows) {  // dst = dst + (the right half summed in order), in one pass
        fold_block(mid, r1 - mid, dst, dst);
        return;
      }
      if (scratch_rows == 0) {  // one row per level of the recursion (halving down to 8 rows)
        for (std::size_t c = red.count; c > kFoldRows; c = (c + 1) / 2) ++scratch_rows;
        scratch = std::make_unique_for_overwrite<V[]>(scratch_rows * chunk);
      }
      V* tmp = scratch.get() + depth * chunk;
      self(self, mid, r1, tmp, depth + 1);
      const V* one[1] = {tmp};
      fold(one, 1, dst, dst, w);
    };
    pair_fold(pair_fold, 0, red.count, out + c0, 0);
  };
  if (!parallel || chunks < 2) {
    for (std::size_t i = 0; i < chunks; ++i) task(i);
  } else {
    parallel_for(chunks, task);
  }
}

/// Elements per block when a whole-array reduction is split over the thread pool (fixed: the same blocks and
/// the same pairwise combination for any thread count).
inline constexpr std::size_t kReduceBlock = std::size_t{1} << 20;

/// f over fixed blocks of [p, p + n) in parallel, the partial results combined pairwise; f(p, n) for small n.
template <class R, class V, class F, class C>
R split_reduce(const V* p, std::size_t n, F f, C combine) {
  if (n < 2 * kReduceBlock) return f(p, n);
  const std::size_t blocks = (n + kReduceBlock - 1) / kReduceBlock;
  std::vector<R> part(blocks);
  parallel_for(blocks, [&](std::size_t b) {
    const std::size_t o = b * kReduceBlock;
    part[b] = f(p + o, std::min(kReduceBlock, n - o));
  });
  for (std::size_t w = 1; w < blocks; w *= 2) {
    for (std::size_t i = 0; i + w < blocks; i += 2 * w) part[i] = combine(part[i], part[i + w]);
  }
  return part[0];
}
/// NaN-propagating maximum and minimum of two partial results (the first on ties, as the kernels).
template <class V>
V max_of(V a, V b) {
  if (a != a) return a;
  if (b != b) return b;
  return b > a ? b : a;
}
template <class V>
V min_of(V a, V b) {
  if (a != a) return a;
  if (b != b) return b;
  return b < a ? b : a;
}

template <class R, class T, std::size_t N, class Fn>
R reduce_all(const Tensor<T, N>& t, Fn fn) {
  if (t.is_contiguous()) return fn(t.data(), t.size());
  const auto c = t.clone();
  return fn(c.data(), c.size());
}

/// One reduction over the axes in m: `block(contiguous_ptr, count)` per kept element; the result keeps the
/// reduced axes as extent 1 (callers reshape them away).
template <class Out, std::size_t N, class T, class Block>
Tensor<Out, N> reduce_axes(const Tensor<T, N>& t, const AxisMask<N>& m, Block block) {
  auto out = empty_tensor<Out>(keepdims_shape(t.shape(), m));
  reduce_blocks(t, m, out.data(), block);
  return out;
}

/// NaN-ignoring folds (nansum, nanmean, nanmax, nanmin, nanargmax, nanargmin).
enum class NanMode { sum, max, min, argmax, argmin };
template <class V>
struct NanFold {
  V sum = 0;
  std::size_t count = 0;
  V best = std::numeric_limits<V>::quiet_NaN();
  std::int64_t arg = -1;
  [[nodiscard]] V mean() const {
    return count == 0 ? std::numeric_limits<V>::quiet_NaN() : sum / static_cast<V>(count);
  }
};
template <class V>
NanFold<V> nan_fold(const V* p, std::size_t n, NanMode mode) {
  NanFold<V> f;
  if (mode == NanMode::sum) {
    constexpr std::size_t kChunk = 1024;
    V tile[kChunk];
    const auto sum = kernels<V>().sum;
    for (std::size_t i = 0; i < n; i += kChunk) {
      const std::size_t m = std::min(kChunk, n - i);
      for (std::size_t j = 0; j < m; ++j) {
        const V x = p[i + j];
        const bool nan = x != x;
        tile[j] = nan ? V{0} : x;
        f.count += nan ? 0 : 1;
      }
      f.sum += sum(tile, m);
    }
    return f;
  }
  if (n == 0) {  // NumPy: an empty slice is an all-NaN slice for nanargmax/nanargmin
    if (mode == NanMode::argmax || mode == NanMode::argmin) throw value_error("All-NaN slice encountered");
    throw value_error(std::string("zero-size array to reduction operation ") +
                      (mode == NanMode::max ? "fmax" : "fmin") + " which has no identity");
  }
  for (std::size_t i = 0; i < n; ++i) {
    const V x = p[i];
    if (x != x) continue;
    const bool better = (mode == NanMode::max || mode == NanMode::argmax) ? x > f.best : x < f.best;
    if (f.arg < 0 || better) {
      f.best = x;
      f.arg = static_cast<std::int64_t>(i);
    }
  }
  if (f.arg < 0 && (mode == NanMode::argmax || mode == NanMode::argmin)) {
    throw value_error("All-NaN slice encountered");
  }
  return f;
}

/// The type the statistics of V (var, std, norm) compute in: float for the 16-bit floats, double for integers
/// and bool, the type itself otherwise.
template <class V>
using compute_t = std::conditional_t<HalfElement<V>, float, stat_t<V>>;
/// p[0..n) as compute_t<V>: p itself, or a converted copy held in conv (exact for the 16-bit floats).
template <class V>
const compute_t<V>* compute_block(const V* p, std::size_t n, std::vector<compute_t<V>>& conv) {
  if constexpr (std::same_as<compute_t<V>, V>) {
    return p;
  } else {
    conv.resize(n);
    if constexpr (HalfElement<V>) {
      if (n > 0) widen_half(p, conv.data(), n);
    } else {
      std::copy(p, p + n, conv.begin());
    }
    return conv.data();
  }
}

/// Two-pass variance of a contiguous block with divisor n - ddof; NaN when ddof >= n.
template <class V>
mean_t<V> var_of_block(const V* p, std::size_t n, std::size_t dd) {
  using S = compute_t<V>;
  if (dd >= n) return static_cast<mean_t<V>>(std::numeric_limits<S>::quiet_NaN());
  std::vector<S> conv;
  const S* x = compute_block(p, n, conv);
  const auto& k = kernels<S>();
  const S m = k.sum(x, n) / static_cast<S>(n);
  return static_cast<mean_t<V>>(k.centered_dot(x, x, n, m, m) / static_cast<S>(n - dd));
}

/// The NaN-ignoring reductions of every NanElement: floats fold directly, 16-bit floats fold in float (a
/// widened copy of the block), integers hold no NaN and take the plain reductions.
template <class H>
NanFold<float> half_nan_fold(const H* p, std::size_t n, NanMode mode) {
  std::vector<float> conv;
  return nan_fold<float>(compute_block(p, n, conv), n, mode);
}
template <class V>
nansum_t<V> nan_sum(const V* p, std::size_t n) {
  if constexpr (IntegerElement<V>) {
    return kernels<V>().sum(p, n);
  } else if constexpr (HalfElement<V>) {
    return V(half_nan_fold(p, n, NanMode::sum).sum);
  } else {
    return nan_fold<V>(p, n, NanMode::sum).sum;
  }
}
template <class V>
V nan_extremum(const V* p, std::size_t n, NanMode mode) {
  if constexpr (IntegerElement<V>) {
    if (n == 0) {
      throw value_error(std::string("zero-size array to reduction operation ") +
                        (mode == NanMode::max ? "fmax" : "fmin") + " which has no identity");
    }
    return mode == NanMode::max ? kernels<V>().max(p, n) : kernels<V>().min(p, n);
  } else if constexpr (HalfElement<V>) {
    return V(half_nan_fold(p, n, mode).best);
  } else {
    return nan_fold<V>(p, n, mode).best;
  }
}
template <class V>
std::int64_t nan_arg(const V* p, std::size_t n, NanMode mode) {
  if constexpr (IntegerElement<V>) {
    const bool is_max = mode == NanMode::argmax;
    if (n == 0)
      throw value_error(std::string("attempt to get ") + (is_max ? "argmax" : "argmin") +
                        " of an empty sequence");
    return static_cast<std::int64_t>(is_max ? kernels<V>().argmax(p, n) : kernels<V>().argmin(p, n));
  } else if constexpr (HalfElement<V>) {
    return half_nan_fold(p, n, mode).arg;
  } else {
    return nan_fold<V>(p, n, mode).arg;
  }
}

template <class T>
void check_reduce_nonempty(std::size_t n, const char* op) {
  if (n == 0) {
    const std::string name = op;
    if (name.rfind("arg", 0) == 0)
      throw value_error("attempt to get " + name + " of an empty sequence");  // NumPy's
    throw value_error("zero-size array to reduction operation " + name + " which has no identity");
  }
}

}  // namespace detail

// Each reduction `op` comes in five forms:
//   op(t)                      all axes -> a value
//   op(t, axis)                -> Tensor<., N-1>
//   op(t, axis, keepdims)      -> Tensor<., N>
//   op(t, {a0, a1})            -> Tensor<., N-M>
//   op(t, {a0, a1}, keepdims)  -> Tensor<., N>
// NOLINTBEGIN(bugprone-macro-parentheses): the arguments name types and functions
#define TRUENO_TENSOR_REDUCTION(name, Req, OutT, ALL_EXPR, BLOCK_EXPR, FAST_PATH)                           \
  template <class T, std::size_t N>                                                                         \
  requires Req<std::remove_const_t<T>>                                                                      \
  [[nodiscard]] OutT<std::remove_const_t<T>> name(const Tensor<T, N>& t) {                                  \
    using V = std::remove_const_t<T>;                                                                       \
    return detail::reduce_all<OutT<std::remove_const_t<T>>>(                                                \
        t, [](const V* p, std::size_t n) -> OutT<std::remove_const_t<T>> { return ALL_EXPR; });             \
  }                                                                                                         \
  template <class T, std::size_t N>                                                                         \
  requires Req<std::remove_const_t<T>>                                                                      \
  [[nodiscard]] Tensor<OutT<std::remove_const_t<T>>, N> name##_impl(const Tensor<T, N>& t,                  \
                                                                    const detail::AxisMask<N>& m) {         \
    using V = std::remove_const_t<T>;                                                                       \
    FAST_PATH                                                                                               \
    return detail::reduce_axes<OutT<std::remove_const_t<T>>, N>(                                            \
        t, m, [](const V* p, std::size_t n) -> OutT<std::remove_const_t<T>> { return BLOCK_EXPR; });        \
  }                                                                                                         \
  template <class T, std::size_t N>                                                                         \
  requires(Req<std::remove_const_t<T>> && N >= 1) [[nodiscard]] Tensor<OutT<std::remove_const_t<T>>, N - 1> \
  name(const Tensor<T, N>& t, std::ptrdiff_t axis) {                                                        \
    const auto m = detail::axis_mask<N>(axis);                                                              \
    return name##_impl(t, m).template reshape_to<N - 1>(detail::dropped_shape<N - 1>(t.shape(), m));        \
  }                                                                                                         \
  template <class T, std::size_t N>                                                                         \
  requires Req<std::remove_const_t<T>>                                                                      \
  [[nodiscard]] Tensor<OutT<std::remove_const_t<T>>, N> name(const Tensor<T, N>& t, std::ptrdiff_t axis,    \
                                                             keepdims_t /*tag*/) {                          \
    return name##_impl(t, detail::axis_mask<N>(axis));                                                      \
  }                                                                                                         \
  template <class T, std::size_t N, std::size_t M>                                                          \
  requires(Req<std::remove_const_t<T>> && M <= N) [[nodiscard]] Tensor<OutT<std::remove_const_t<T>>, N - M> \
  name(const Tensor<T, N>& t, const int(&axes)[M]) {                                                        \
    const auto m = detail::axis_mask<N>(axes);                                                              \
    return name##_impl(t, m).template reshape_to<N - M>(detail::dropped_shape<N - M>(t.shape(), m));        \
  }                                                                                                         \
  template <class T, std::size_t N, std::size_t M>                                                          \
  requires(Req<std::remove_const_t<T>> && M <= N) [[nodiscard]] Tensor<OutT<std::remove_const_t<T>>, N>     \
  name(const Tensor<T, N>& t, const int(&axes)[M], keepdims_t /*tag*/) {                                    \
    return name##_impl(t, detail::axis_mask<N>(axes));                                                      \
  }
// NOLINTEND(bugprone-macro-parentheses)

namespace detail {
// float16 and bfloat16 reduce in float, as NumPy's half loops: sums pairwise in float lanes (the sum_f16 /
// sum_bf16 kernels), the other reductions on blocks widened exactly into a float buffer.
inline constexpr std::size_t kWidenBlock = 2048;
/// f(buf, m, i) for the blocks [i, i + m) of p[0..n), each converted into a stack buffer of W first (the
/// 16-bit floats exactly into float, 64-bit integers into double).
template <class W, class V, class F>
void for_widened_blocks(const V* p, std::size_t n, F f) {
  alignas(64) W buf[kWidenBlock];
  for (std::size_t i = 0; i < n; i += kWidenBlock) {
    const std::size_t m = std::min(kWidenBlock, n - i);
    if constexpr (HalfElement<V>) {
      widen_half(p + i, buf, m);
    } else {
      std::transform(p + i, p + i + m, buf, [](V x) { return static_cast<W>(x); });
    }
    f(static_cast<const W*>(buf), m, i);
  }
}
template <class H, class F>
void for_half_blocks(const H* p, std::size_t n, F f) {
  for_widened_blocks<float>(p, n, f);
}
/// The pairwise float sum of the kernels (sum_f16 / sum_bf16), as NumPy's half sums.
template <class H>
float half_sum_float(const H* p, std::size_t n) {
  const auto* bits = reinterpret_cast<const std::uint16_t*>(p);
  const auto& k = kernels<float>();
  return std::is_same_v<H, float16> ? k.sum_f16(bits, n) : k.sum_bf16(bits, n);
}
/// Mean of n elements in mean_t: 64-bit integers are summed in double, as NumPy (an int64 sum would wrap);
/// narrower ones exactly in their 64-bit accumulator.
template <class V>
mean_t<V> mean_of(const V* p, std::size_t n) {
  if constexpr (IntegerElement<V> && sizeof(V) == 8) {
    double total = 0;
    for_widened_blocks<double>(
        p, n, [&](const double* b, std::size_t m, std::size_t) { total += kernels<double>().sum(b, m); });
    return total / static_cast<double>(n);
  } else {
    return static_cast<mean_t<V>>(kernels<V>().sum(p, n)) / static_cast<mean_t<V>>(n);
  }
}
template <class V>
mean_t<V> nan_mean(const V* p, std::size_t n) {
  if constexpr (IntegerElement<V>) {
    return mean_of(p, n);
  } else if constexpr (HalfElement<V>) {
    return V(half_nan_fold(p, n, NanMode::sum).mean());
  } else {
    return nan_fold<V>(p, n, NanMode::sum).mean();
  }
}
/// Bool reductions (NumPy's): max is any, min is all, argmax the first true (0 if none), argmin the first
/// false, prod 1 or 0 as int64, mean the fraction of trues as float64.
inline std::int64_t bool_arg(const bool* p, std::size_t n, bool value, const char* op) {
  check_reduce_nonempty<bool>(n, op);
  const bool* it = std::find(p, p + n, value);
  return it == p + n ? 0 : static_cast<std::int64_t>(it - p);
}
inline bool bool_extremum(const bool* p, std::size_t n, bool is_max) {
  check_reduce_nonempty<bool>(n, is_max ? "maximum" : "minimum");
  return is_max ? std::find(p, p + n, true) != p + n : std::find(p, p + n, false) == p + n;
}
template <class H>
H half_sum(const H* p, std::size_t n) {
  return H(half_sum_float(p, n));
}
template <class H>
H half_mean(const H* p, std::size_t n) {
  return H(static_cast<double>(half_sum_float(p, n)) / static_cast<double>(n));  // 0 / 0: NaN, as NumPy
}
template <class H>
H half_prod(const H* p, std::size_t n) {
  float total = 1;
  for_half_blocks(p, n,
                  [&](const float* f, std::size_t m, std::size_t) { total *= kernels<float>().prod(f, m); });
  return H(total);
}
template <class H, bool kMax>
H half_extremum(const H* p, std::size_t n) {
  float best = 0;
  for_half_blocks(p, n, [&](const float* f, std::size_t m, std::size_t i) {
    const float v = kMax ? kernels<float>().max(f, m) : kernels<float>().min(f, m);
    best = i == 0 ? v : (kMax ? max_of(best, v) : min_of(best, v));
  });
  return H(best);  // exact: a value of H
}
template <class H, bool kMax>
std::int64_t half_arg_extremum(const H* p, std::size_t n) {
  float best = 0;
  std::size_t best_index = 0;
  bool nan = false;
  for_half_blocks(p, n, [&](const float* f, std::size_t m, std::size_t i) {
    if (nan) return;
    const std::size_t k = kMax ? kernels<float>().argmax(f, m) : kernels<float>().argmin(f, m);
    const float v = f[k];
    if (v != v || i == 0 || (kMax ? v > best : v < best)) {
      best = v;
      best_index = i + k;
      nan = v != v;
    }
  });
  return static_cast<std::int64_t>(best_index);
}
}  // namespace detail

/// float16 / bfloat16 reductions, computed in float (NumPy's half loops) and returned in the same dtype;
/// argmax/argmin as for the other types.
TRUENO_TENSOR_REDUCTION(sum, detail::HalfElement, detail::same_t, detail::half_sum(p, n),
                        detail::half_sum(p, n), )
TRUENO_TENSOR_REDUCTION(mean, detail::HalfElement, detail::same_t, detail::half_mean(p, n),
                        detail::half_mean(p, n), )
TRUENO_TENSOR_REDUCTION(prod, detail::HalfElement, detail::same_t, detail::half_prod(p, n),
                        detail::half_prod(p, n), )
TRUENO_TENSOR_REDUCTION(max, detail::HalfElement, detail::same_t,
                        (detail::check_reduce_nonempty<V>(n, "maximum"),
                         detail::half_extremum<V, true>(p, n)),
                        (detail::check_reduce_nonempty<V>(n, "maximum"),
                         detail::half_extremum<V, true>(p, n)), )
TRUENO_TENSOR_REDUCTION(min, detail::HalfElement, detail::same_t,
                        (detail::check_reduce_nonempty<V>(n, "minimum"),
                         detail::half_extremum<V, false>(p, n)),
                        (detail::check_reduce_nonempty<V>(n, "minimum"),
                         detail::half_extremum<V, false>(p, n)), )
TRUENO_TENSOR_REDUCTION(argmax, detail::HalfElement, detail::index_t,
                        (detail::check_reduce_nonempty<V>(n, "argmax"),
                         detail::half_arg_extremum<V, true>(p, n)),
                        (detail::check_reduce_nonempty<V>(n, "argmax"),
                         detail::half_arg_extremum<V, true>(p, n)), )
TRUENO_TENSOR_REDUCTION(argmin, detail::HalfElement, detail::index_t,
                        (detail::check_reduce_nonempty<V>(n, "argmin"),
                         detail::half_arg_extremum<V, false>(p, n)),
                        (detail::check_reduce_nonempty<V>(n, "argmin"),
                         detail::half_arg_extremum<V, false>(p, n)), )

// Row-combining fast path for sums: axis-0-like reductions of row-major data.
#define TRUENO_SUM_FAST_PATH                                                       \
  if constexpr (std::same_as<detail::sum_t<V>, V>) {                               \
    if (detail::rows_combinable(t, m)) {                                           \
      auto out = detail::empty_tensor<V>(detail::keepdims_shape(t.shape(), m));    \
      detail::combine_rows(t, m, out.data(), detail::kernels<V>().sum_rows, true); \
      return out;                                                                  \
    }                                                                              \
  }
#define TRUENO_EXTREMUM_FAST_PATH(kernel)                                       \
  if (detail::rows_combinable(t, m)) {                                          \
    auto out = detail::empty_tensor<V>(detail::keepdims_shape(t.shape(), m));   \
    detail::combine_rows(t, m, out.data(), detail::kernels<V>().kernel, false); \
    return out;                                                                 \
  }

/// Sum of the elements (the integers narrower than 64 bits accumulate in and return int64, or uint64 when
/// unsigned, as NumPy); pairwise, as the Vector sum.
TRUENO_TENSOR_REDUCTION(sum, detail::NumericElement, detail::sum_t,
                        detail::split_reduce<detail::sum_t<V>>(
                            p, n, [](const V* q, std::size_t m) { return detail::kernels<V>().sum(q, m); },
                            [](detail::sum_t<V> x, detail::sum_t<V> y) { return x + y; }),
                        detail::kernels<V>().sum(p, n), TRUENO_SUM_FAST_PATH)
/// Sum of a bool tensor: the number of true elements, as int64 (NumPy's sum of a mask).
TRUENO_TENSOR_REDUCTION(sum, detail::BoolElement, detail::index_t,
                        static_cast<std::int64_t>(std::count(p, p + n, true)),
                        static_cast<std::int64_t>(std::count(p, p + n, true)), )
/// Product of the elements (the narrower integers in int64 or uint64).
TRUENO_TENSOR_REDUCTION(prod, detail::NumericElement, detail::sum_t, detail::kernels<V>().prod(p, n),
                        detail::kernels<V>().prod(p, n), )
/// Largest element; NaN if any is NaN; value_error over nothing.
TRUENO_TENSOR_REDUCTION(max, detail::NumericElement, detail::same_t,
                        (detail::check_reduce_nonempty<V>(n, "maximum"),
                         detail::split_reduce<V>(
                             p, n, [](const V* q, std::size_t m) { return detail::kernels<V>().max(q, m); },
                             detail::max_of<V>)),
                        (detail::check_reduce_nonempty<V>(n, "maximum"), detail::kernels<V>().max(p, n)),
                        TRUENO_EXTREMUM_FAST_PATH(max_rows))
/// Smallest element; NaN if any is NaN; value_error over nothing.
TRUENO_TENSOR_REDUCTION(min, detail::NumericElement, detail::same_t,
                        (detail::check_reduce_nonempty<V>(n, "minimum"),
                         detail::split_reduce<V>(
                             p, n, [](const V* q, std::size_t m) { return detail::kernels<V>().min(q, m); },
                             detail::min_of<V>)),
                        (detail::check_reduce_nonempty<V>(n, "minimum"), detail::kernels<V>().min(p, n)),
                        TRUENO_EXTREMUM_FAST_PATH(min_rows))
/// Index of the largest element along the reduced axes (flattened, row-major), the first NaN's if any.
TRUENO_TENSOR_REDUCTION(argmax, detail::NumericElement, detail::index_t,
                        (detail::check_reduce_nonempty<V>(n, "argmax"),
                         static_cast<std::int64_t>(detail::kernels<V>().argmax(p, n))),
                        (detail::check_reduce_nonempty<V>(n, "argmax"),
                         static_cast<std::int64_t>(detail::kernels<V>().argmax(p, n))), )
/// Index of the smallest element along the reduced axes, the first NaN's if any.
TRUENO_TENSOR_REDUCTION(argmin, detail::NumericElement, detail::index_t,
                        (detail::check_reduce_nonempty<V>(n, "argmin"),
                         static_cast<std::int64_t>(detail::kernels<V>().argmin(p, n))),
                        (detail::check_reduce_nonempty<V>(n, "argmin"),
                         static_cast<std::int64_t>(detail::kernels<V>().argmin(p, n))), )
/// True when any element is non-zero (false over nothing).
TRUENO_TENSOR_REDUCTION(any, detail::AnyElement, detail::bool_t,
                        std::any_of(p, p + n, [](V x) { return x != V{}; }),
                        std::any_of(p, p + n, [](V x) { return x != V{}; }), )
/// Arithmetic mean (integers: float64); NaN over nothing, as NumPy (with its warning left out).
TRUENO_TENSOR_REDUCTION(mean, detail::NumericElement, detail::mean_t, detail::mean_of(p, n),
                        detail::mean_of(p, n), )
/// Sum treating NaN as zero (integers: sum).
TRUENO_TENSOR_REDUCTION(nansum, detail::NanElement, detail::nansum_t, detail::nan_sum(p, n),
                        detail::nan_sum(p, n), )
/// Mean of the non-NaN elements (NaN when there are none; integers: mean).
TRUENO_TENSOR_REDUCTION(nanmean, detail::NanElement, detail::mean_t, detail::nan_mean(p, n),
                        detail::nan_mean(p, n), )
/// Largest non-NaN element (NaN when all are NaN); value_error over nothing.
TRUENO_TENSOR_REDUCTION(nanmax, detail::NanElement, detail::same_t,
                        detail::nan_extremum(p, n, detail::NanMode::max),
                        detail::nan_extremum(p, n, detail::NanMode::max), )
/// Smallest non-NaN element (NaN when all are NaN); value_error over nothing.
TRUENO_TENSOR_REDUCTION(nanmin, detail::NanElement, detail::same_t,
                        detail::nan_extremum(p, n, detail::NanMode::min),
                        detail::nan_extremum(p, n, detail::NanMode::min), )
/// Index of the largest non-NaN element; value_error when all are NaN (NumPy's "All-NaN slice encountered").
TRUENO_TENSOR_REDUCTION(nanargmax, detail::NanElement, detail::index_t,
                        detail::nan_arg(p, n, detail::NanMode::argmax),
                        detail::nan_arg(p, n, detail::NanMode::argmax), )
/// Index of the smallest non-NaN element; value_error when all are NaN.
TRUENO_TENSOR_REDUCTION(nanargmin, detail::NanElement, detail::index_t,
                        detail::nan_arg(p, n, detail::NanMode::argmin),
                        detail::nan_arg(p, n, detail::NanMode::argmin), )

/// Bool reductions: max (any), min (all), argmax (first true), argmin (first false), prod (int64), mean
/// (float64).
TRUENO_TENSOR_REDUCTION(max, detail::BoolElement, detail::same_t, detail::bool_extremum(p, n, true),
                        detail::bool_extremum(p, n, true), )
TRUENO_TENSOR_REDUCTION(min, detail::BoolElement, detail::same_t, detail::bool_extremum(p, n, false),
                        detail::bool_extremum(p, n, false), )
TRUENO_TENSOR_REDUCTION(argmax, detail::BoolElement, detail::index_t, detail::bool_arg(p, n, true, "argmax"),
                        detail::bool_arg(p, n, true, "argmax"), )
TRUENO_TENSOR_REDUCTION(argmin, detail::BoolElement, detail::index_t, detail::bool_arg(p, n, false, "argmin"),
                        detail::bool_arg(p, n, false, "argmin"), )
TRUENO_TENSOR_REDUCTION(prod, detail::BoolElement, detail::index_t,
                        static_cast<std::int64_t>(std::find(p, p + n, false) == p + n),
                        static_cast<std::int64_t>(std::find(p, p + n, false) == p + n), )
TRUENO_TENSOR_REDUCTION(mean, detail::BoolElement, detail::mean_t,
                        static_cast<double>(std::count(p, p + n, true)) / static_cast<double>(n),
                        static_cast<double>(std::count(p, p + n, true)) / static_cast<double>(n), )

#undef TRUENO_SUM_FAST_PATH
#undef TRUENO_EXTREMUM_FAST_PATH
#undef TRUENO_TENSOR_REDUCTION

/// Variance with divisor n - ddof over all elements (NumPy's var; integers and bool give float64, float16 and
/// bfloat16 are computed in float and rounded once).
template <class T, std::size_t N>
requires detail::StatElement<std::remove_const_t<T>>
[[nodiscard]] detail::mean_t<std::remove_const_t<T>> var(const Tensor<T, N>& t, ddof d = ddof(0)) {
  using V = std::remove_const_t<T>;
  return detail::reduce_all<detail::mean_t<V>>(
      t, [d](const V* p, std::size_t n) { return detail::var_of_block<V>(p, n, d.value); });
}
namespace detail {
template <class T, std::size_t N>
Tensor<mean_t<std::remove_const_t<T>>, N> var_impl(const Tensor<T, N>& t, const AxisMask<N>& m,
                                                   std::size_t dd) {
  using V = std::remove_const_t<T>;
  using S = mean_t<V>;
  return reduce_axes<S, N>(t, m, [dd](const V* p, std::size_t n) -> S { return var_of_block<V>(p, n, dd); });
}
}  // namespace detail

/// Variance along one axis, several axes ({0, 2}), with or without keepdims, like the other reductions.
template <class T, std::size_t N>
requires(detail::StatElement<std::remove_const_t<T>>&& N >= 1)
    [[nodiscard]] Tensor<detail::mean_t<std::remove_const_t<T>>, N - 1> var(const Tensor<T, N>& t,
                                                                            std::ptrdiff_t axis,
                                                                            ddof d = ddof(0)) {
  const auto m = detail::axis_mask<N>(axis);
  return detail::var_impl(t, m, d.value)
      .template reshape_to<N - 1>(detail::dropped_shape<N - 1>(t.shape(), m));
}
template <class T, std::size_t N>
requires detail::StatElement<std::remove_const_t<T>>
[[nodiscard]] Tensor<detail::mean_t<std::remove_const_t<T>>, N> var(const Tensor<T, N>& t,
                                                                    std::ptrdiff_t axis, keepdims_t /*tag*/,
                                                                    ddof d = ddof(0)) {
  return detail::var_impl(t, detail::axis_mask<N>(axis), d.value);
}
template <class T, std::size_t N, std::size_t M>
requires(detail::StatElement<std::remove_const_t<T>>&& M <= N)
    [[nodiscard]] Tensor<detail::mean_t<std::remove_const_t<T>>, N - M> var(const Tensor<T, N>& t,
                                                                            const int (&axes)[M],
                                                                            ddof d = ddof(0)) {
  const auto m = detail::axis_mask<N>(axes);
  return detail::var_impl(t, m, d.value)
      .template reshape_to<N - M>(detail::dropped_shape<N - M>(t.shape(), m));
}
template <class T, std::size_t N, std::size_t M>
requires(detail::StatElement<std::remove_const_t<T>>&& M <= N)
    [[nodiscard]] Tensor<detail::mean_t<std::remove_const_t<T>>, N> var(const Tensor<T, N>& t,
                                                                        const int (&axes)[M],
                                                                        keepdims_t /*tag*/,
                                                                        ddof d = ddof(0)) {
  return detail::var_impl(t, detail::axis_mask<N>(axes), d.value);
}

/// Standard deviation: sqrt(var), in every form var has.
template <class T, std::size_t N>
requires detail::StatElement<std::remove_const_t<T>>
[[nodiscard]] detail::mean_t<std::remove_const_t<T>> std(const Tensor<T, N>& t, ddof d = ddof(0)) {
  return static_cast<detail::mean_t<std::remove_const_t<T>>>(std::sqrt(var(t, d)));
}
template <class T, std::size_t N>
requires(detail::StatElement<std::remove_const_t<T>>&& N >= 1)
    [[nodiscard]] Tensor<detail::mean_t<std::remove_const_t<T>>, N - 1> std(const Tensor<T, N>& t,
                                                                            std::ptrdiff_t axis,
                                                                            ddof d = ddof(0)) {
  return sqrt(var(t, axis, d));
}
template <class T, std::size_t N>
requires detail::StatElement<std::remove_const_t<T>>
[[nodiscard]] Tensor<detail::mean_t<std::remove_const_t<T>>, N> std(const Tensor<T, N>& t,
                                                                    std::ptrdiff_t axis, keepdims_t tag,
                                                                    ddof d = ddof(0)) {
  return sqrt(var(t, axis, tag, d));
}
template <class T, std::size_t N, std::size_t M>
requires(detail::StatElement<std::remove_const_t<T>>&& M <= N)
    [[nodiscard]] Tensor<detail::mean_t<std::remove_const_t<T>>, N - M> std(const Tensor<T, N>& t,
                                                                            const int (&axes)[M],
                                                                            ddof d = ddof(0)) {
  return sqrt(var(t, axes, d));
}
template <class T, std::size_t N, std::size_t M>
requires(detail::StatElement<std::remove_const_t<T>>&& M <= N)
    [[nodiscard]] Tensor<detail::mean_t<std::remove_const_t<T>>, N> std(const Tensor<T, N>& t,
                                                                        const int (&axes)[M], keepdims_t tag,
                                                                        ddof d = ddof(0)) {
  return sqrt(var(t, axes, tag, d));
}

template <class T, std::size_t N>
bool all_t::operator()(const Tensor<T, N>& t) const {
  using V = std::remove_const_t<T>;
  return detail::reduce_all<bool>(
      t, [](const V* p, std::size_t n) { return std::all_of(p, p + n, [](V x) { return x != V{}; }); });
}
template <class T, std::size_t N>
requires(N >= 1) Tensor<bool, N - 1> all_t::operator()(const Tensor<T, N>& t, std::ptrdiff_t axis) const {
  const auto m = detail::axis_mask<N>(axis);
  return (*this)(t, axis, keepdims).template reshape_to<N - 1>(detail::dropped_shape<N - 1>(t.shape(), m));
}
namespace detail {
template <class T, std::size_t N>
Tensor<bool, N> all_impl(const Tensor<T, N>& t, const AxisMask<N>& m) {
  using V = std::remove_const_t<T>;
  return reduce_axes<bool, N>(
      t, m, [](const V* p, std::size_t n) { return std::all_of(p, p + n, [](V x) { return x != V{}; }); });
}
}  // namespace detail
template <class T, std::size_t N>
Tensor<bool, N> all_t::operator()(const Tensor<T, N>& t, std::ptrdiff_t axis, keepdims_t /*tag*/) const {
  return detail::all_impl(t, detail::axis_mask<N>(axis));
}
template <class T, std::size_t N, std::size_t M>
requires(M <= N) Tensor<bool, N - M> all_t::operator()(const Tensor<T, N>& t, const int (&axes)[M]) const {
  const auto m = detail::axis_mask<N>(axes);
  return detail::all_impl(t, m).template reshape_to<N - M>(detail::dropped_shape<N - M>(t.shape(), m));
}
template <class T, std::size_t N, std::size_t M>
requires(M <= N) Tensor<bool, N> all_t::operator()(const Tensor<T, N>& t, const int (&axes)[M],
                                                   keepdims_t /*tag*/) const {
  return detail::all_impl(t, detail::axis_mask<N>(axes));
}

TRUENO_END_NAMESPACE
