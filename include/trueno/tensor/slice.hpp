// trueno — the markers of Tensor::slice: `trueno::all` (a whole axis), `trueno::range(start, stop, step)`
// with `trueno::none` for an omitted bound (NumPy's slice rules, negative steps too), an integer (drops the
// axis) and `trueno::newaxis` (inserts an axis of extent 1).
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "shape.hpp"

TRUENO_BEGIN_NAMESPACE

/// An omitted slice bound: `trueno::range(trueno::none, 3)` is NumPy's `[:3]`.
struct none_t {
  explicit constexpr none_t(int /*unused*/) {}
};
inline constexpr none_t none{0};

/// Inserts an axis of extent 1 in `slice`, as NumPy's `np.newaxis`.
struct newaxis_t {
  explicit constexpr newaxis_t(int /*unused*/) {}
};
inline constexpr newaxis_t newaxis{0};

template <class T, std::size_t N>
class Tensor;

/// `trueno::all` is one object with two uses: the whole-axis marker of `slice` (NumPy's `:`) and the
/// reduction `trueno::all(t)` / `trueno::all(t, axis)` (every element true; defined in tensor/reduce.hpp).
struct all_t {
  explicit constexpr all_t(int /*unused*/) {}
  template <class T, std::size_t N>
  [[nodiscard]] bool operator()(const Tensor<T, N>& t) const;
  template <class T, std::size_t N>
  requires(N >= 1) [[nodiscard]] Tensor<bool, N - 1> operator()(const Tensor<T, N>& t,
                                                                std::ptrdiff_t axis) const;
  template <class T, std::size_t N>
  [[nodiscard]] Tensor<bool, N> operator()(const Tensor<T, N>& t, std::ptrdiff_t axis,
                                           keepdims_t /*tag*/) const;
  template <class T, std::size_t N, std::size_t M>
  requires(M <= N) [[nodiscard]] Tensor<bool, N - M> operator()(const Tensor<T, N>& t,
                                                                const int (&axes)[M]) const;
  template <class T, std::size_t N, std::size_t M>
  requires(M <= N) [[nodiscard]] Tensor<bool, N> operator()(const Tensor<T, N>& t, const int (&axes)[M],
                                                            keepdims_t /*tag*/) const;
};
inline constexpr all_t all{0};

/// One bound of a range: an integer (negative counts from the end) or `trueno::none`.
class SliceBound {
 public:
  constexpr SliceBound(none_t /*unused*/) noexcept {}  // NOLINT(google-explicit-constructor)
  template <std::integral I>
  constexpr SliceBound(I v) noexcept  // NOLINT(google-explicit-constructor)
      : value_(static_cast<std::int64_t>(v)) {}
  [[nodiscard]] constexpr const std::optional<std::int64_t>& value() const noexcept { return value_; }

 private:
  std::optional<std::int64_t> value_;
};

/// NumPy's `start:stop:step`; the step may be negative, never zero.
struct range {
  SliceBound start, stop, step;
  constexpr range(SliceBound start_, SliceBound stop_, SliceBound step_ = 1) noexcept
      : start(start_), stop(stop_), step(step_) {}
};

namespace detail {

/// The extent, first index and step of `r` applied to an axis of `size` elements (Python's slice.indices).
struct ResolvedRange {
  std::size_t first;
  std::size_t count;
  std::ptrdiff_t step;
};

inline ResolvedRange resolve_range(const range& r, std::size_t size) {
  const std::int64_t step = r.step.value().value_or(1);
  if (step == 0) throw value_error("slice step cannot be zero");
  const auto n = static_cast<std::int64_t>(size);
  auto clip = [&](const std::optional<std::int64_t>& b, std::int64_t dflt) {
    if (!b) return dflt;
    std::int64_t v = *b;
    if (v < 0) v += n;
    if (step > 0) return v < 0 ? std::int64_t{0} : (v > n ? n : v);
    return v < 0 ? std::int64_t{-1} : (v >= n ? n - 1 : v);
  };
  const std::int64_t start = clip(r.start.value(), step > 0 ? 0 : n - 1);
  const std::int64_t stop = clip(r.stop.value(), step > 0 ? n : -1);
  std::int64_t count = 0;
  if (step > 0 && stop > start) count = (stop - start + step - 1) / step;
  if (step < 0 && stop < start) count = (start - stop + (-step) - 1) / (-step);
  return {count > 0 ? static_cast<std::size_t>(start) : 0, static_cast<std::size_t>(count),
          static_cast<std::ptrdiff_t>(step)};
}

template <class A>
inline constexpr bool is_index_arg_v = std::integral<A>;
template <class A>
inline constexpr bool is_newaxis_arg_v = std::same_as<A, newaxis_t>;
template <class A>
inline constexpr bool is_slice_arg_v =
    std::integral<A> || std::same_as<A, newaxis_t> || std::same_as<A, range> || std::same_as<A, all_t>;

/// Rank of `t.slice(args...)` on a rank-N tensor: integers drop an axis, newaxis adds one.
template <std::size_t N, class... A>
inline constexpr std::size_t slice_rank_v = N - (std::size_t{0} + ... + (is_index_arg_v<A> ? 1 : 0)) +
                                            (std::size_t{0} + ... + (is_newaxis_arg_v<A> ? 1 : 0));

}  // namespace detail
TRUENO_END_NAMESPACE
