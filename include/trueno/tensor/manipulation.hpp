// trueno — joining, splitting and rearranging tensors, NumPy's way: concatenate stack hstack vstack, split
// array_split (views), tile repeat roll pad (copies), sort argsort unique. Several tensors are passed as
// `{a, b}`, a std::span or a std::vector. Errors are worded as NumPy's: shape mismatches throw shape_error,
// bad axes index_error, bad counts value_error.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "reduce.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

/// A view of t with axis `ax` restricted to [start, start + len).
template <class T, std::size_t N>
Tensor<T, N> narrow(const Tensor<T, N>& t, std::size_t ax, std::size_t start, std::size_t len) {
  Shape<N> s = t.shape();
  s[ax] = len;
  const std::ptrdiff_t off = len > 0 ? static_cast<std::ptrdiff_t>(start) * t.strides()[ax] : 0;
  return {view_parts, std::shared_ptr<T>(t.storage(), offset_ptr(t.data(), off)), s, t.strides()};
}

/// A view of index i along axis ax (the axis dropped).
template <class T, std::size_t N>
Tensor<T, N - 1> select(const Tensor<T, N>& t, std::size_t ax, std::size_t i) {
  Shape<N - 1> s{};
  Strides<N - 1> st{};
  for (std::size_t d = 0, k = 0; d < N; ++d) {
    if (d == ax) continue;
    s[k] = t.shape()[d];
    st[k++] = t.strides()[d];
  }
  const std::ptrdiff_t off = static_cast<std::ptrdiff_t>(i) * t.strides()[ax];
  return {view_parts, std::shared_ptr<T>(t.storage(), offset_ptr(t.data(), off)), s, st};
}

/// Calls fn(in_lane, in_step, out_lane, out_step, n) for every 1-D lane along axis ax of two tensors of the
/// same shape, in row-major order of the other axes.
template <class T, class U, std::size_t N, class Fn>
void for_each_lane(const Tensor<T, N>& in, const Tensor<U, N>& out, std::size_t ax, Fn fn) {
  if (in.size() == 0) return;
  AxisMask<N> m{};
  m[ax] = true;
  const auto ki = axis_set(in.shape(), in.strides(), m, false);
  const auto ko = axis_set(out.shape(), out.strides(), m, false);
  for (std::size_t k = 0; k < ki.count; ++k) {
    fn(in.data() + ki.offset(k), in.strides()[ax], out.data() + ko.offset(k), out.strides()[ax],
       in.shape()[ax]);
  }
}

/// NumPy's sort order: ascending, NaN after everything else.
template <class V>
bool less_nan_last(V a, V b) {
  if constexpr (std::is_floating_point_v<V> || is_float16_like_v<V>) {
    return a < b || (b != b && a == a);
  } else {
    return a < b;
  }
}

template <class T, std::size_t N>
void check_stack_sequence(std::span<const Tensor<T, N>> ts, const char* what) {
  if (ts.empty()) throw value_error(std::string("need at least one array to ") + what);
}

template <class T, std::size_t N>
Tensor<std::remove_const_t<T>, N> concatenate_span(std::span<const Tensor<T, N>> ts, std::ptrdiff_t axis) {
  check_stack_sequence(ts, "concatenate");
  const std::size_t ax = normalize_axis(axis, N);
  Shape<N> shape = ts[0].shape();
  std::size_t total = 0;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    for (std::size_t d = 0; d < N; ++d) {
      if (d != ax && ts[i].shape()[d] != shape[d]) {
        throw shape_error(
            "all the input array dimensions except for the concatenation axis must match exactly, but along "
            "dimension " +
            std::to_string(d) + ", the array at index 0 has size " + std::to_string(shape[d]) +
            " and the array at index " + std::to_string(i) + " has size " + std::to_string(ts[i].shape()[d]));
      }
    }
    total += ts[i].shape()[ax];
  }
  shape[ax] = total;
  auto out = empty_tensor<std::remove_const_t<T>>(shape);
  std::size_t pos = 0;
  for (const auto& t : ts) {
    narrow(out, ax, pos, t.shape()[ax]).assign(t);
    pos += t.shape()[ax];
  }
  return out;
}

template <class T, std::size_t N>
Tensor<std::remove_const_t<T>, N + 1> stack_span(std::span<const Tensor<T, N>> ts, std::ptrdiff_t axis) {
  check_stack_sequence(ts, "stack");
  const std::size_t ax = normalize_axis(axis, N + 1);
  for (const auto& t : ts) {
    if (t.shape() != ts[0].shape()) throw shape_error("all input arrays must have the same shape");
  }
  Shape<N + 1> shape{};
  for (std::size_t d = 0, k = 0; d <= N; ++d) shape[d] = d == ax ? ts.size() : ts[0].shape()[k++];
  auto out = empty_tensor<std::remove_const_t<T>>(shape);
  for (std::size_t i = 0; i < ts.size(); ++i) select(out, ax, i).assign(ts[i]);
  return out;
}

template <class T, std::size_t N>
auto vstack_span(std::span<const Tensor<T, N>> ts) {
  if constexpr (N == 1) {  // 1-D inputs become rows (np.atleast_2d)
    std::vector<Tensor<T, 2>> rows;
    rows.reserve(ts.size());
    for (const auto& t : ts) rows.push_back(t.unsqueeze(0));
    return concatenate_span(std::span<const Tensor<T, 2>>(rows), 0);
  } else {
    return concatenate_span(ts, 0);
  }
}

/// The views of t between consecutive division points along ax (Python slice rules for each piece).
template <class T, std::size_t N>
std::vector<Tensor<T, N>> split_at(const Tensor<T, N>& t, std::size_t ax,
                                   std::span<const std::int64_t> points) {
  std::vector<Tensor<T, N>> parts;
  parts.reserve(points.size() + 1);
  const std::size_t n = t.shape()[ax];
  for (std::size_t i = 0; i <= points.size(); ++i) {
    const SliceBound start = i == 0 ? SliceBound(0) : SliceBound(points[i - 1]);
    const SliceBound stop = i == points.size() ? SliceBound(none) : SliceBound(points[i]);
    const auto r = resolve_range(range(start, stop), n);
    parts.push_back(narrow(t, ax, r.first, r.count));
  }
  return parts;
}

template <class T, std::size_t N>
std::vector<Tensor<T, N>> split_sections(const Tensor<T, N>& t, std::int64_t sections, std::ptrdiff_t axis,
                                         bool equal) {
  const std::size_t ax = normalize_axis(axis, N);
  if (sections <= 0) throw value_error("number sections must be larger than 0.");
  const std::size_t n = t.shape()[ax], s = static_cast<std::size_t>(sections);
  if (equal && n % s != 0) throw value_error("array split does not result in an equal division");
  std::vector<Tensor<T, N>> parts;
  parts.reserve(s);
  const std::size_t each = n / s, extra = n % s;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < s; ++i) {
    const std::size_t len = each + (i < extra ? 1 : 0);
    parts.push_back(narrow(t, ax, pos, len));
    pos += len;
  }
  return parts;
}

inline void check_repeat_count(std::int64_t r) {
  if (r < 0) throw value_error("negative dimensions are not allowed");
}

/// Copies `in` into `out` (same shape) rolled by shifts[d] (already in [0, n)) along every axis from ax on.
template <class T, class U, std::size_t N>
void roll_into(const Tensor<U, N>& out, const Tensor<T, N>& in, const std::array<std::size_t, N>& shifts,
               std::size_t ax) {
  if (ax == N) {
    out.assign(in);
    return;
  }
  const std::size_t n = in.shape()[ax], s = shifts[ax];
  if (s == 0) {
    roll_into(out, in, shifts, ax + 1);
    return;
  }
  roll_into(narrow(out, ax, s, n - s), narrow(in, ax, 0, n - s), shifts, ax + 1);
  roll_into(narrow(out, ax, 0, s), narrow(in, ax, n - s, s), shifts, ax + 1);
}

inline std::size_t wrap_shift(std::int64_t shift, std::size_t n) {
  if (n == 0) return 0;
  const auto m = static_cast<std::int64_t>(n);
  return static_cast<std::size_t>(((shift % m) + m) % m);
}

template <class T, std::size_t N, std::size_t M>
Tensor<std::remove_const_t<T>, N> roll_axes(const Tensor<T, N>& t, const std::int64_t (&shifts)[M],
                                            const int (&axes)[M]) {
  std::array<std::int64_t, N> total{};
  for (std::size_t i = 0; i < M; ++i) total[normalize_axis(axes[i], N)] += shifts[i];
  std::array<std::size_t, N> s{};
  for (std::size_t d = 0; d < N; ++d) s[d] = wrap_shift(total[d], t.shape()[d]);
  auto out = empty_tensor<std::remove_const_t<T>>(t.shape());
  roll_into(out, t, s, 0);
  return out;
}

}  // namespace detail

// ---- joining ----

/// Joins tensors along an existing axis (np.concatenate). shape_error when the other extents differ,
/// value_error for an empty sequence, index_error for a bad axis.
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] Tensor<std::remove_const_t<T>, N> concatenate(std::span<const Tensor<T, N>> ts,
                                                                             std::ptrdiff_t axis = 0) {
  return detail::concatenate_span(ts, axis);
}
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N> concatenate(std::initializer_list<Tensor<T, N>> ts,
                                                                std::ptrdiff_t axis = 0) {
  return detail::concatenate_span(std::span<const Tensor<T, N>>(ts.begin(), ts.size()), axis);
}
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N> concatenate(const std::vector<Tensor<T, N>>& ts,
                                                                std::ptrdiff_t axis = 0) {
  return detail::concatenate_span(std::span<const Tensor<T, N>>(ts), axis);
}

/// Joins tensors of one shape along a new axis (np.stack): rank N + 1. shape_error when shapes differ.
template <class T, std::size_t N>
[[nodiscard]] Tensor<std::remove_const_t<T>, N + 1> stack(std::span<const Tensor<T, N>> ts,
                                                          std::ptrdiff_t axis = 0) {
  return detail::stack_span(ts, axis);
}
template <class T, std::size_t N>
[[nodiscard]] Tensor<std::remove_const_t<T>, N + 1> stack(std::initializer_list<Tensor<T, N>> ts,
                                                          std::ptrdiff_t axis = 0) {
  return detail::stack_span(std::span<const Tensor<T, N>>(ts.begin(), ts.size()), axis);
}
template <class T, std::size_t N>
[[nodiscard]] Tensor<std::remove_const_t<T>, N + 1> stack(const std::vector<Tensor<T, N>>& ts,
                                                          std::ptrdiff_t axis = 0) {
  return detail::stack_span(std::span<const Tensor<T, N>>(ts), axis);
}

/// Joins column-wise (np.hstack): along axis 0 for 1-D tensors, axis 1 otherwise.
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] Tensor<std::remove_const_t<T>, N> hstack(std::span<const Tensor<T, N>> ts) {
  return detail::concatenate_span(ts, N == 1 ? 0 : 1);
}
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N> hstack(std::initializer_list<Tensor<T, N>> ts) {
  return hstack(std::span<const Tensor<T, N>>(ts.begin(), ts.size()));
}
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] Tensor<std::remove_const_t<T>, N> hstack(const std::vector<Tensor<T, N>>& ts) {
  return hstack(std::span<const Tensor<T, N>>(ts));
}

/// Joins row-wise (np.vstack): along axis 0, 1-D tensors first becoming rows (so 1-D inputs give rank 2).
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, (N == 1 ? 2 : N)> vstack(std::span<const Tensor<T, N>> ts) {
  return detail::vstack_span(ts);
}
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] Tensor<std::remove_const_t<T>, (N == 1 ? 2 : N)> vstack(
    std::initializer_list<Tensor<T, N>> ts) {
  return detail::vstack_span(std::span<const Tensor<T, N>>(ts.begin(), ts.size()));
}
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] Tensor<std::remove_const_t<T>, (N == 1 ? 2 : N)> vstack(
    const std::vector<Tensor<T, N>>& ts) {
  return detail::vstack_span(std::span<const Tensor<T, N>>(ts));
}

// ---- splitting (views sharing t's storage) ----

/// `sections` equal views along axis (np.split); value_error when the extent does not divide.
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] std::vector<Tensor<T, N>> split(const Tensor<T, N>& t, std::int64_t sections,
                                                               std::ptrdiff_t axis = 0) {
  return detail::split_sections(t, sections, axis, true);
}
/// Views between the given indices along axis: `split(t, {2, 5})` gives [:2], [2:5], [5:] (Python slicing).
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] std::vector<Tensor<T, N>> split(const Tensor<T, N>& t,
                                                               std::span<const std::int64_t> indices,
                                                               std::ptrdiff_t axis = 0) {
  return detail::split_at(t, detail::normalize_axis(axis, N), indices);
}
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] std::vector<Tensor<T, N>> split(const Tensor<T, N>& t,
                                                               std::initializer_list<std::int64_t> indices,
                                                               std::ptrdiff_t axis = 0) {
  return split(t, std::span<const std::int64_t>(indices.begin(), indices.size()), axis);
}
/// Like split, but the extent need not divide: the first (n % sections) views get one element more.
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] std::vector<Tensor<T, N>> array_split(const Tensor<T, N>& t, std::int64_t sections,
                                                        std::ptrdiff_t axis = 0) {
  return detail::split_sections(t, sections, axis, false);
}
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] std::vector<Tensor<T, N>> array_split(const Tensor<T, N>& t,
                                                                     std::span<const std::int64_t> indices,
                                                                     std::ptrdiff_t axis = 0) {
  return split(t, indices, axis);
}
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] std::vector<Tensor<T, N>> array_split(const Tensor<T, N>& t,
                                                        std::initializer_list<std::int64_t> indices,
                                                        std::ptrdiff_t axis = 0) {
  return split(t, indices, axis);
}

// ---- repeating ----

/// t repeated reps[i] times along each axis (np.tile); the rank is max(N, M): shorter reps are padded with
/// leading 1s, a shorter t gains leading axes. value_error for a negative count.
template <class T, std::size_t N, std::size_t M>
[[nodiscard]] Tensor<std::remove_const_t<T>, std::max(N, M)> tile(const Tensor<T, N>& t,
                                                                  const Dim (&reps)[M]) {
  constexpr std::size_t R = std::max(N, M);
  const Shape<M> r = detail::to_shape(reps);
  Shape<R> in_shape{}, out_shape{};
  Strides<R> in_strides{};
  std::array<std::size_t, R> count{};
  for (std::size_t d = 0; d < R; ++d) {
    in_shape[d] = d < R - N ? 1 : t.shape()[d - (R - N)];
    in_strides[d] = d < R - N ? 0 : t.strides()[d - (R - N)];
    count[d] = d < R - M ? 1 : r[d - (R - M)];
    out_shape[d] = in_shape[d] * count[d];
  }
  auto out = detail::empty_tensor<std::remove_const_t<T>>(out_shape);
  if (out.size() == 0) return out;
  // The output seen as (count0, in0, count1, in1, ...): the input broadcast along every count axis.
  const auto os = out.strides();
  Shape<2 * R> ts{};
  Strides<2 * R> ost{}, ist{};
  for (std::size_t d = 0; d < R; ++d) {
    ts[2 * d] = count[d];
    ts[2 * d + 1] = in_shape[d];
    ost[2 * d] = os[d] * static_cast<std::ptrdiff_t>(in_shape[d]);
    ost[2 * d + 1] = os[d];
    ist[2 * d] = 0;
    ist[2 * d + 1] = in_strides[d];
  }
  Tensor<std::remove_const_t<T>, 2 * R>{detail::view_parts, out.storage(), ts, ost}.assign(
      Tensor<T, 2 * R>{detail::view_parts, t.storage(), ts, ist});
  return out;
}
/// np.tile with one count: repeats along the last axis (a rank-0 t becomes 1-D). A template, so that a braced
/// `{2}` picks the array form.
template <class T, std::size_t N, std::integral I>
[[nodiscard]] Tensor<std::remove_const_t<T>, (N > 1 ? N : 1)> tile(const Tensor<T, N>& t, I reps) {
  return tile(t, {Dim(reps)});
}

/// Each element repeated `repeats` times along axis (np.repeat); value_error for a negative count.
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N> repeat(const Tensor<T, N>& t, std::int64_t repeats,
                                                           std::ptrdiff_t axis) {
  const std::size_t ax = detail::normalize_axis(axis, N);
  detail::check_repeat_count(repeats);
  const auto r = static_cast<std::size_t>(repeats);
  Shape<N> shape = t.shape();
  shape[ax] *= r;
  auto out = detail::empty_tensor<std::remove_const_t<T>>(shape);
  if (out.size() == 0) return out;
  // The output seen with axis ax split into (n, r); the input gains a broadcast axis of r after ax.
  Shape<N + 1> s{};
  Strides<N + 1> ost{}, ist{};
  for (std::size_t d = 0, k = 0; d <= N; ++d) {
    if (d == ax + 1) {
      s[d] = r;
      ost[d] = out.strides()[ax];
      ist[d] = 0;
    } else {
      s[d] = t.shape()[k];
      ost[d] = out.strides()[k] * (k == ax ? static_cast<std::ptrdiff_t>(r) : 1);
      ist[d] = t.strides()[k];
      ++k;
    }
  }
  Tensor<std::remove_const_t<T>, N + 1>{detail::view_parts, out.storage(), s, ost}.assign(
      Tensor<T, N + 1>{detail::view_parts, t.storage(), s, ist});
  return out;
}
/// Element i along axis repeated repeats[i] times; shape_error unless there is one count per element (or one
/// for all), value_error for a negative count.
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] Tensor<std::remove_const_t<T>, N> repeat(const Tensor<T, N>& t,
                                                                        std::span<const std::int64_t> repeats,
                                                                        std::ptrdiff_t axis) {
  const std::size_t ax = detail::normalize_axis(axis, N);
  if (repeats.size() == 1) return repeat(t, repeats[0], axis);
  const std::size_t n = t.shape()[ax];
  if (repeats.size() != n) {
    throw shape_error("operands could not be broadcast together with shape (" + std::to_string(n) + ",) (" +
                      std::to_string(repeats.size()) + ",)");
  }
  Shape<N> shape = t.shape();
  shape[ax] = 0;
  for (auto r : repeats) {
    if (r < 0) throw value_error("repeats may not contain negative values.");
    shape[ax] += static_cast<std::size_t>(r);
  }
  auto out = detail::empty_tensor<std::remove_const_t<T>>(shape);
  std::size_t pos = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto r = static_cast<std::size_t>(repeats[i]);
    detail::narrow(out, ax, pos, r).assign(detail::narrow(t, ax, i, 1));
    pos += r;
  }
  return out;
}
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N> repeat(const Tensor<T, N>& t,
                                                           std::initializer_list<std::int64_t> repeats,
                                                           std::ptrdiff_t axis) {
  return repeat(t, std::span<const std::int64_t>(repeats.begin(), repeats.size()), axis);
}
/// Without an axis: the flattened elements, each repeated (np.repeat with axis=None).
template <class T, std::size_t N>
[[nodiscard]] Tensor<std::remove_const_t<T>, 1> repeat(const Tensor<T, N>& t, std::int64_t repeats) {
  return repeat(t.ravel(), repeats, 0);
}
template <class T, std::size_t N>
[[nodiscard]] Tensor<std::remove_const_t<T>, 1> repeat(const Tensor<T, N>& t,
                                                       std::span<const std::int64_t> repeats) {
  return repeat(t.ravel(), repeats, 0);
}
template <class T, std::size_t N>
[[nodiscard]] Tensor<std::remove_const_t<T>, 1> repeat(const Tensor<T, N>& t,
                                                       std::initializer_list<std::int64_t> repeats) {
  return repeat(t.ravel(), std::span<const std::int64_t>(repeats.begin(), repeats.size()), 0);
}

// ---- rolling ----

/// Elements shifted by `shift` along axis, those pushed off the end coming back at the start (np.roll).
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N> roll(const Tensor<T, N>& t, std::int64_t shift,
                                                         std::ptrdiff_t axis) {
  return detail::roll_axes(t, {shift}, {static_cast<int>(detail::normalize_axis(axis, N))});
}
/// Several axes at once: shift[i] along axes[i] (an axis named twice rolls by the sum).
template <class T, std::size_t N, std::size_t M>
requires(N >= 1) [[nodiscard]] Tensor<std::remove_const_t<T>, N> roll(const Tensor<T, N>& t,
                                                                      const std::int64_t (&shifts)[M],
                                                                      const int (&axes)[M]) {
  return detail::roll_axes(t, shifts, axes);
}
/// Without an axis: rolls the flattened elements and restores the shape (np.roll with axis=None).
template <class T, std::size_t N>
[[nodiscard]] Tensor<std::remove_const_t<T>, N> roll(const Tensor<T, N>& t, std::int64_t shift) {
  auto flat = t.ravel();
  auto rolled = detail::roll_axes(flat, {shift}, {0});
  return rolled.reshape_to(t.shape());
}

// ---- padding ----

/// np.pad's modes: a constant, the edge value repeated, reflection without / with the edge value repeated,
/// and wrapping around. Widths past one period continue the pattern periodically (NumPy 2's wrap; NumPy 1.x
/// re-wraps already padded values there, numpy/numpy#22575).
enum class PadMode { constant, edge, reflect, symmetric, wrap };

namespace detail {

/// For each output index along an axis of n elements padded by (before, after): the source index, or -1 for
/// the constant.
inline std::vector<std::ptrdiff_t> pad_index_map(std::size_t n, std::size_t before, std::size_t after,
                                                 PadMode mode, std::size_t axis) {
  const auto sn = static_cast<std::ptrdiff_t>(n);
  std::vector<std::ptrdiff_t> map(n + before + after);
  if (n == 0 && mode != PadMode::constant && before + after > 0) {
    throw value_error("can't extend empty axis " + std::to_string(axis) +
                      " using modes other than 'constant' or 'empty'");
  }
  for (std::size_t o = 0; o < map.size(); ++o) {
    const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(o) - static_cast<std::ptrdiff_t>(before);
    if (j >= 0 && j < sn) {
      map[o] = j;
      continue;
    }
    auto mod = [](std::ptrdiff_t a, std::ptrdiff_t m) { return ((a % m) + m) % m; };
    switch (mode) {
      case PadMode::constant:
        map[o] = -1;
        break;
      case PadMode::edge:
        map[o] = j < 0 ? 0 : sn - 1;
        break;
      case PadMode::wrap:
        map[o] = mod(j, sn);
        break;
      case PadMode::reflect: {
        if (sn == 1) {
          map[o] = 0;
          break;
        }
        const std::ptrdiff_t m = mod(j, 2 * (sn - 1));
        map[o] = m < sn ? m : 2 * (sn - 1) - m;
        break;
      }
      case PadMode::symmetric: {
        const std::ptrdiff_t m = mod(j, 2 * sn);
        map[o] = m < sn ? m : 2 * sn - 1 - m;
        break;
      }
    }
  }
  return map;
}

template <class T, std::size_t N, std::size_t M>
Tensor<std::remove_const_t<T>, N> pad_impl(const Tensor<T, N>& t, const Dim (&width)[M][2], PadMode mode,
                                           std::remove_const_t<T> value) {
  static_assert(M == N || M == 1, "pad: give one (before, after) pair per axis, or one for every axis");
  using V = std::remove_const_t<T>;
  std::array<std::vector<std::ptrdiff_t>, N> maps;
  Shape<N> shape{};
  for (std::size_t d = 0; d < N; ++d) {
    const Dim* w = width[M == 1 ? 0 : d];
    if (w[0].value < 0 || w[1].value < 0) throw value_error("index can't contain negative values");
    maps[d] = pad_index_map(t.shape()[d], static_cast<std::size_t>(w[0].value),
                            static_cast<std::size_t>(w[1].value), mode, d);
    shape[d] = maps[d].size();
  }
  auto out = empty_tensor<V>(shape);
  if (out.size() == 0) return out;
  // Row-major walk of the output; each element reads its mapped source element or takes the constant.
  std::array<std::size_t, N> idx{};
  V* o = out.data();
  const std::size_t inner = shape[N - 1];
  const std::ptrdiff_t inner_stride = t.strides()[N - 1];
  while (true) {
    std::ptrdiff_t off = 0;
    bool constant_row = false;
    for (std::size_t d = 0; d + 1 < N; ++d) {
      const std::ptrdiff_t s = maps[d][idx[d]];
      if (s < 0) constant_row = true;
      off += s * t.strides()[d];
    }
    const T* src = t.data() + (constant_row ? 0 : off);
    for (std::size_t j = 0; j < inner; ++j) {
      const std::ptrdiff_t s = maps[N - 1][j];
      *o++ = (constant_row || s < 0) ? value : src[s * inner_stride];
    }
    std::size_t ax = N - 1;
    while (true) {
      if (ax == 0) return out;
      --ax;
      if (++idx[ax] < shape[ax]) break;
      idx[ax] = 0;
    }
  }
}

}  // namespace detail

/// t padded by width[d] = {before, after} elements along each axis d (one pair applies to every axis), filled
/// with `value` (np.pad's constant mode). value_error for a negative width.
template <class T, std::size_t N, std::size_t M>
requires(N >= 1) [[nodiscard]] Tensor<std::remove_const_t<T>, N> pad(
    const Tensor<T, N>& t, const Dim (&width)[M][2],
    std::type_identity_t<std::remove_const_t<T>> value = {}) {
  return detail::pad_impl(t, width, PadMode::constant, value);
}
/// The same in another mode (edge, reflect, symmetric, wrap); value_error when an empty axis is to be
/// extended.
template <class T, std::size_t N, std::size_t M>
requires(N >= 1) [[nodiscard]] Tensor<std::remove_const_t<T>, N> pad(const Tensor<T, N>& t,
                                                                     const Dim (&width)[M][2], PadMode mode) {
  return detail::pad_impl(t, width, mode, std::remove_const_t<T>{});
}
/// `width` elements on both sides of every axis.
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] Tensor<std::remove_const_t<T>, N> pad(
    const Tensor<T, N>& t, std::int64_t width, std::type_identity_t<std::remove_const_t<T>> value = {}) {
  return detail::pad_impl(t, {{width, width}}, PadMode::constant, value);
}
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] Tensor<std::remove_const_t<T>, N> pad(const Tensor<T, N>& t,
                                                                     std::int64_t width, PadMode mode) {
  return detail::pad_impl(t, {{width, width}}, mode, std::remove_const_t<T>{});
}

// ---- sorting ----

/// A sorted copy along axis (default the last), NaN last, as np.sort.
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N> sort(const Tensor<T, N>& t, std::ptrdiff_t axis = -1) {
  using V = std::remove_const_t<T>;
  const std::size_t ax = detail::normalize_axis(axis, N);
  auto out = t.clone();
  std::vector<V> buf;
  detail::for_each_lane(out, out, ax, [&](V* p, std::ptrdiff_t step, V*, std::ptrdiff_t, std::size_t n) {
    if (step == 1) {
      std::stable_sort(p, p + n, detail::less_nan_last<V>);
      return;
    }
    buf.resize(n);
    for (std::size_t i = 0; i < n; ++i) buf[i] = p[static_cast<std::ptrdiff_t>(i) * step];
    std::stable_sort(buf.begin(), buf.end(), detail::less_nan_last<V>);
    for (std::size_t i = 0; i < n; ++i) p[static_cast<std::ptrdiff_t>(i) * step] = buf[i];
  });
  return out;
}

/// Indices that sort t along axis (default the last): stable (np.argsort with kind='stable'), NaN last.
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] Tensor<std::int64_t, N> argsort(const Tensor<T, N>& t, std::ptrdiff_t axis = -1) {
  using V = std::remove_const_t<T>;
  const std::size_t ax = detail::normalize_axis(axis, N);
  auto out = detail::empty_tensor<std::int64_t>(t.shape());
  std::vector<V> vals;
  std::vector<std::int64_t> idx;
  detail::for_each_lane(
      t, out, ax, [&](const T* p, std::ptrdiff_t sp, std::int64_t* q, std::ptrdiff_t sq, std::size_t n) {
        vals.resize(n);
        idx.resize(n);
        for (std::size_t i = 0; i < n; ++i) vals[i] = p[static_cast<std::ptrdiff_t>(i) * sp];
        std::iota(idx.begin(), idx.end(), std::int64_t{0});
        std::stable_sort(idx.begin(), idx.end(), [&](std::int64_t a, std::int64_t b) {
          return detail::less_nan_last(vals[static_cast<std::size_t>(a)], vals[static_cast<std::size_t>(b)]);
        });
        for (std::size_t i = 0; i < n; ++i) q[static_cast<std::ptrdiff_t>(i) * sq] = idx[i];
      });
  return out;
}

/// The sorted distinct elements of t, flattened (np.unique; NaNs collapse into one, last).
template <class T, std::size_t N>
[[nodiscard]] Tensor<std::remove_const_t<T>, 1> unique(const Tensor<T, N>& t) {
  using V = std::remove_const_t<T>;
  auto flat = t.flatten();
  V* p = flat.data();
  std::sort(p, p + flat.size(), detail::less_nan_last<V>);
  const V* end = std::unique(p, p + flat.size(), [](V a, V b) { return a == b || (a != a && b != b); });
  const auto n = static_cast<std::size_t>(end - p);
  auto out = detail::empty_tensor<V>(Shape<1>{n});
  std::copy(p, p + n, out.data());
  return out;
}

TRUENO_END_NAMESPACE
