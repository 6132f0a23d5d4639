// trueno — advanced indexing: boolean masks (`t[mask]`, `t.masked_fill(mask, v)`), integer-array gather
// (`take`, `take_along_axis`) and scatter (`put`, `index_add`), `argwhere`, `nonzero`, and whole-array
// comparisons
// (`isclose`, `allclose`, `array_equal`). Out-of-range indices throw index_error worded as NumPy's.
#pragma once

#include <cmath>
#include <vector>

#include "elementwise.hpp"
#include "reduce.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

/// Row-major positions of every element of a (any strides), in order: calls fn(linear_index, element).
template <class T, std::size_t N, class Fn>
void for_each_indexed(const Tensor<T, N>& t, Fn&& fn) {
  std::size_t k = 0;
  for_each_element(t, [&](T& x) { fn(k++, x); });
}

template <class I>
std::size_t checked_index(I raw, std::size_t axis, std::size_t size) {
  return normalize_index(static_cast<std::int64_t>(raw), axis, size);
}

}  // namespace detail

template <class T, std::size_t N>
template <std::size_t M>
requires(M >= 1 && M <= N) Tensor<typename Tensor<T, N>::value_type, N - M + 1> Tensor<T, N>::operator[](
    const Tensor<const bool, M>& mask) const {
  for (std::size_t i = 0; i < M; ++i) {
    if (mask.shape()[i] != shape_[i]) {
      throw index_error("boolean index did not match indexed array along axis " + std::to_string(i) +
                        "; size of axis is " + std::to_string(shape_[i]) +
                        " but size of corresponding boolean axis is " + std::to_string(mask.shape()[i]));
    }
  }
  // Count the selected positions, then copy each selected sub-array (the trailing N - M axes).
  std::vector<std::size_t> picked;
  detail::for_each_indexed(mask, [&](std::size_t k, const bool& b) {
    if (b) picked.push_back(k);
  });
  Shape<N - M + 1> s{};
  s[0] = picked.size();
  for (std::size_t i = M; i < N; ++i) s[i - M + 1] = shape_[i];
  auto out = detail::empty_tensor<value_type>(s);
  std::size_t inner = 1;
  for (std::size_t i = M; i < N; ++i) inner *= shape_[i];
  value_type* o = out.data();
  for (std::size_t k : picked) {
    // Offset of the k-th position of the first M axes.
    std::ptrdiff_t off = 0;
    std::size_t rest = k;
    for (std::size_t i = M; i-- > 0;) {
      off += static_cast<std::ptrdiff_t>(rest % shape_[i]) * strides_[i];
      rest /= shape_[i];
    }
    if constexpr (N == M) {
      *o++ = owner_.get()[off];
    } else {
      Shape<N - M> ss{};
      Strides<N - M> st{};
      for (std::size_t i = M; i < N; ++i) {
        ss[i - M] = shape_[i];
        st[i - M] = strides_[i];
      }
      Tensor<T, N - M> sub{detail::view_parts,
                           std::shared_ptr<T>(owner_, detail::offset_ptr(owner_.get(), off)), ss, st};
      Tensor<value_type, N - M> dst{detail::view_parts, std::shared_ptr<value_type>(out.storage(), o), ss};
      dst.assign(sub);
      o += inner;
    }
  }
  return out;
}

template <class T, std::size_t N>
template <class B, std::size_t M>
requires std::same_as < std::remove_const_t<B>,
bool > Tensor<typename Tensor<T, N>::value_type, N> Tensor<T, N>::masked_fill(const Tensor<B, M>& mask,
                                                                              value_type value) const {
  static_assert(M <= N, "masked_fill: the mask rank must not exceed the tensor's");
  const auto mb = mask.broadcast_to_shape(detail::broadcast_shapes<N>(shape_, mask.shape()));
  if (mb.shape() != shape_) {
    throw shape_error("masked_fill: the mask of shape " + detail::format_shape(mask.shape()) +
                      " does not broadcast to the tensor's shape " + detail::format_shape(shape_));
  }
  auto out = clone();
  detail::elementwise_loop(
      out,
      [value](const std::array<char*, 2>& p, std::size_t n, const std::array<std::ptrdiff_t, 2>& st) {
        auto* o = reinterpret_cast<value_type*>(p[0]);
        const auto* m = reinterpret_cast<const bool*>(p[1]);
        for (std::size_t j = 0; j < n; ++j) {
          const auto sj = static_cast<std::ptrdiff_t>(j);
          if (m[sj * st[1]]) o[sj * st[0]] = value;
        }
      },
      mb);
  return out;
}

/// Elements at the given flat (row-major) indices of t (np.take without an axis): the result has the indices'
/// shape. Negative indices count from the end.
template <AnyTensor A, class I, std::size_t K>
requires std::integral<std::remove_const_t<I>>
[[nodiscard]] Tensor<detail::elem_t<A>, K> take(const A& t, const Tensor<I, K>& indices) {
  const auto flat = t.ravel();
  auto out = detail::empty_tensor<detail::elem_t<A>>(indices.shape());
  auto* o = out.data();
  detail::for_each_indexed(indices, [&](std::size_t k, const I& raw) {
    o[k] = flat.data()[static_cast<std::ptrdiff_t>(detail::checked_index(raw, 0, flat.size())) *
                       flat.strides()[0]];
  });
  return out;
}

/// np.take(t, indices, axis): the result's shape is t.shape[:axis] + indices.shape + t.shape[axis+1:].
template <class T, std::size_t N, class I, std::size_t K>
requires(std::integral<std::remove_const_t<I>>&& N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N - 1 + K> take(const Tensor<T, N>& t,
                                                                 const Tensor<I, K>& indices,
                                                                 std::ptrdiff_t axis) {
  using V = std::remove_const_t<T>;
  const std::size_t ax = detail::normalize_axis(axis, N);
  Shape<N - 1 + K> s{};
  for (std::size_t i = 0; i < ax; ++i) s[i] = t.shape()[i];
  for (std::size_t i = 0; i < K; ++i) s[ax + i] = indices.shape()[i];
  for (std::size_t i = ax + 1; i < N; ++i) s[i - 1 + K] = t.shape()[i];
  auto out = detail::empty_tensor<V>(s);
  const auto idx = indices.clone();
  std::vector<std::size_t> pos(idx.size());
  for (std::size_t k = 0; k < idx.size(); ++k)
    pos[k] = detail::checked_index(idx.data()[k], ax, t.shape()[ax]);
  // Row-major walk of out: (outer, k, inner) with outer over axes < ax and inner over axes > ax.
  std::size_t outer = 1, inner = 1;
  for (std::size_t i = 0; i < ax; ++i) outer *= t.shape()[i];
  for (std::size_t i = ax + 1; i < N; ++i) inner *= t.shape()[i];
  const auto src = t.contiguous();
  const V* sp = src.data();
  V* o = out.data();
  const std::size_t n_ax = t.shape()[ax];
  for (std::size_t a = 0; a < outer; ++a) {
    for (std::size_t k = 0; k < pos.size(); ++k) {
      const V* row = sp + (a * n_ax + pos[k]) * inner;
      std::copy_n(row, inner, o);
      o += inner;
    }
  }
  return out;
}

/// np.take_along_axis: out[..., j, ...] = t[..., indices[..., j, ...], ...] along `axis`; indices broadcast
/// against t on the other axes.
template <class T, std::size_t N, class I>
requires(std::integral<std::remove_const_t<I>>&& N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N> take_along_axis(const Tensor<T, N>& t,
                                                                    const Tensor<I, N>& indices,
                                                                    std::ptrdiff_t axis) {
  using V = std::remove_const_t<T>;
  const std::size_t ax = detail::normalize_axis(axis, N);
  // Broadcast every axis but `ax`.
  Shape<N> ts = t.shape(), is = indices.shape();
  ts[ax] = 1;
  is[ax] = 1;
  Shape<N> bs = detail::broadcast_shapes<N>(ts, is);
  Shape<N> out_shape = bs;
  out_shape[ax] = indices.shape()[ax];
  Shape<N> t_target = bs;
  t_target[ax] = t.shape()[ax];
  const auto tb = t.broadcast_to_shape(t_target);
  const auto ib = indices.broadcast_to_shape(out_shape);
  auto out = detail::empty_tensor<V>(out_shape);
  // Walk out and ib together; the source element shares every index but `ax`.
  std::array<std::size_t, N> idx{};
  const std::size_t total = out.size();
  for (std::size_t k = 0; k < total; ++k) {
    std::ptrdiff_t ioff = 0, toff = 0;
    for (std::size_t i = 0; i < N; ++i) ioff += static_cast<std::ptrdiff_t>(idx[i]) * ib.strides()[i];
    const std::size_t j = detail::checked_index(ib.data()[ioff], ax, t.shape()[ax]);
    for (std::size_t i = 0; i < N; ++i) {
      toff += static_cast<std::ptrdiff_t>(i == ax ? j : idx[i]) * tb.strides()[i];
    }
    out.data()[k] = tb.data()[toff];
    for (std::size_t i = N; i-- > 0;) {
      if (++idx[i] < out_shape[i]) break;
      idx[i] = 0;
    }
  }
  return out;
}

/// np.put: t.flat[indices] = values (values cycled when shorter), in place; negative indices count from the
/// end.
template <class T, std::size_t N, class I, std::size_t K, class U, std::size_t L>
requires(!std::is_const_v<T> && std::integral<std::remove_const_t<I>> &&
         std::same_as<std::remove_const_t<U>, T>) void put(const Tensor<T, N>& t, const Tensor<I, K>& indices,
                                                           const Tensor<U, L>& values) {
  if (values.size() == 0 && indices.size() > 0)
    throw value_error("put: cannot put values from an empty array");
  const auto vals = values.clone();
  const auto idx = indices.clone();
  // Validate every index before writing anything: no half-written output.
  std::vector<std::size_t> pos(idx.size());
  for (std::size_t k = 0; k < idx.size(); ++k) pos[k] = detail::checked_index(idx.data()[k], 0, t.size());
  const auto sh = t.shape();
  for (std::size_t k = 0; k < pos.size(); ++k) {
    std::ptrdiff_t off = 0;
    std::size_t rest = pos[k];
    for (std::size_t i = N; i-- > 0;) {
      off += static_cast<std::ptrdiff_t>(rest % sh[i]) * t.strides()[i];
      rest /= sh[i];
    }
    t.data()[off] = vals.data()[k % vals.size()];
  }
}

/// PyTorch's index_add: a copy of t with source's slices added along `axis` at the given indices
/// (repeated indices accumulate). source's shape is t's with axis `axis` replaced by the index count.
template <class T, std::size_t N, class I, class U>
requires(std::integral<std::remove_const_t<I>>&&
             std::same_as<std::remove_const_t<U>, std::remove_const_t<T>>&& N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N> index_add(const Tensor<T, N>& t, std::ptrdiff_t axis,
                                                              const Tensor<I, 1>& index,
                                                              const Tensor<U, N>& source) {
  const std::size_t ax = detail::normalize_axis(axis, N);
  Shape<N> expect = t.shape();
  expect[ax] = index.shape()[0];
  if (source.shape() != expect) {
    throw shape_error("index_add: source of shape " + detail::format_shape(source.shape()) +
                      " must have shape " + detail::format_shape(expect) + " for " +
                      std::to_string(index.shape()[0]) + " indices along axis " + std::to_string(ax));
  }
  std::vector<std::size_t> pos(index.shape()[0]);
  for (std::size_t k = 0; k < pos.size(); ++k) {
    pos[k] = detail::checked_index(index.data()[static_cast<std::ptrdiff_t>(k) * index.strides()[0]], ax,
                                   t.shape()[ax]);
  }
  auto out = t.clone();
  for (std::size_t k = 0; k < pos.size(); ++k) {
    auto dst = out.transpose(0, static_cast<std::ptrdiff_t>(ax)).slice(pos[k]);
    auto src = source.transpose(0, static_cast<std::ptrdiff_t>(ax)).slice(k);
    if constexpr (std::is_same_v<std::remove_const_t<T>, bool>) {
      throw value_error("index_add: bool tensors are not supported");
    } else {
      add(dst, src, dst);
    }
  }
  return out;
}

/// Indices of the non-zero elements, one row per element (np.argwhere): shape (count, N), int64.
template <class T, std::size_t N>
[[nodiscard]] Tensor<std::int64_t, 2> argwhere(const Tensor<T, N>& t) {
  using V = std::remove_const_t<T>;
  std::vector<std::int64_t> rows;
  std::array<std::int64_t, N == 0 ? 1 : N> idx{};
  std::size_t count = 0;
  for_each_element(t, [&](T& x) {
    if (x != V{}) {
      ++count;
      for (std::size_t i = 0; i < N; ++i) rows.push_back(idx[i]);
    }
    for (std::size_t i = N; i-- > 0;) {
      if (++idx[i] < static_cast<std::int64_t>(t.shape()[i])) break;
      idx[i] = 0;
    }
  });
  auto out = detail::empty_tensor<std::int64_t>(Shape<2>{count, N});
  std::copy(rows.begin(), rows.end(), out.data());
  return out;
}

/// Indices of the non-zero elements per axis (np.nonzero): N arrays of the same length.
template <class T, std::size_t N>
requires(N >= 1) [[nodiscard]] std::array<Tensor<std::int64_t, 1>, N> nonzero(const Tensor<T, N>& t) {
  const auto w = argwhere(t);
  std::array<Tensor<std::int64_t, 1>, N> out;
  for (std::size_t i = 0; i < N; ++i) out[i] = w.slice(all, static_cast<std::ptrdiff_t>(i)).clone();
  return out;
}

/// |a - b| <= atol + rtol * |b| element-wise (np.isclose), computed in double for every numeric dtype; NaNs
/// compare equal only with equal_nan.
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>&& detail::ArithmeticElement<detail::elem_t<A>>)
    [[nodiscard]] Tensor<bool, detail::max_rank_v<A, B>> isclose(const A& a, const B& b, double rtol = 1e-5,
                                                                 double atol = 1e-8, bool equal_nan = false) {
  using T = detail::elem_t<A>;
  constexpr std::size_t R = detail::max_rank_v<A, B>;
  auto out = detail::empty_tensor<bool>(detail::broadcast_shapes<R>(a.shape(), b.shape()));
  detail::binary_into(
      out, a, b,
      [rtol, atol, equal_nan](const T* x, const T* y, bool* o, std::size_t n) {
        for (std::size_t j = 0; j < n; ++j) {
          const double u = static_cast<double>(x[j]), v = static_cast<double>(y[j]);
          if (std::isnan(u) || std::isnan(v)) {
            o[j] = equal_nan && std::isnan(u) && std::isnan(v);
          } else if (std::isinf(u) || std::isinf(v)) {
            o[j] = u == v;
          } else {
            o[j] = std::fabs(u - v) <= atol + rtol * std::fabs(v);
          }
        }
      },
      nullptr, nullptr);
  return out;
}
/// True when every pair isclose (np.allclose); shapes must broadcast.
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>&& detail::ArithmeticElement<detail::elem_t<A>>)
    [[nodiscard]] bool allclose(const A& a, const B& b, double rtol = 1e-5, double atol = 1e-8,
                                bool equal_nan = false) {
  return all(isclose(a, b, rtol, atol, equal_nan));
}
/// True when the shapes are equal and every element is equal (np.array_equal; NaN != NaN).
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>)
    [[nodiscard]] bool array_equal(const A& a, const B& b) {
  if constexpr (detail::rank_v<A> != detail::rank_v<B>) {
    return false;
  } else {
    if (a.shape() != b.shape()) return false;
    return all(equal(a, b));
  }
}

TRUENO_END_NAMESPACE
