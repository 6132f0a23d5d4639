// Algebraic properties of Tensor<T, N> views and ops, checked on random shapes and values with RapidCheck:
// reshape and transpose round trips, permute followed by its inverse, broadcasting commutativity, the sum
// over all axes against the flattened sum, and slices of slices against the composed slice.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <vector>

namespace {

using trueno::Tensor;

template <class T, std::size_t N>
std::vector<std::remove_const_t<T>> values(const Tensor<T, N>& t) {
  std::vector<std::remove_const_t<T>> out;
  for_each_element(t, [&](const T& x) { out.push_back(x); });
  return out;
}

// Element-wise equality where any NaN matches any NaN.
template <class T>
bool same_values(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(a[i]) && std::isnan(b[i])) continue;
    }
    if (!(a[i] == b[i])) return false;
  }
  return true;
}

// A random shape of rank N with extents in [0, max_extent].
template <std::size_t N>
trueno::Shape<N> any_shape(std::size_t max_extent = 5) {
  trueno::Shape<N> s{};
  for (auto& d : s) d = *rc::gen::inRange<std::size_t>(0, max_extent + 1);
  return s;
}

// A contiguous tensor of `shape` holding random values: integers over their whole range, or finite floats
// k / 64 with |k| < 2^16 (no overflow in the sums below).
template <class T, std::size_t N>
Tensor<T, N> any_tensor(const trueno::Shape<N>& shape) {
  auto t = trueno::detail::empty_tensor<T>(shape);
  for_each_element(t, [](T& x) {
    if constexpr (std::is_floating_point_v<T>) {
      x = static_cast<T>(*rc::gen::inRange<int>(-(1 << 16) + 1, 1 << 16)) / T(64);
    } else {
      x = *rc::gen::arbitrary<T>();
    }
  });
  return t;
}

// One of: the tensor itself, its transpose's transpose of a reversed-shape tensor, a flip, or a strided view
// (every other element of a twice-as-long axis 0): the properties hold for any strides.
template <class T, std::size_t N>
Tensor<T, N> any_layout(const trueno::Shape<N>& shape) {
  if constexpr (N == 0) {
    return any_tensor<T, N>(shape);
  } else {
    switch (*rc::gen::inRange(0, 4)) {
      case 0:
        return any_tensor<T, N>(shape);
      case 1: {
        auto rev = shape;
        std::reverse(rev.begin(), rev.end());
        return any_tensor<T, N>(rev).transpose();
      }
      case 2:
        return trueno::flip(any_tensor<T, N>(shape), 0);
      default: {
        auto wide = shape;
        wide[0] *= 2;
        return any_tensor<T, N>(wide).slice(trueno::range(trueno::none, trueno::none, -2));
      }
    }
  }
}

// A shape of rank M with the same element count as `shape` (its extents regrouped at random).
template <std::size_t M, std::size_t N>
trueno::Shape<M> regrouped(const trueno::Shape<N>& shape) {
  trueno::Shape<M> out{};
  out.fill(1);
  for (auto d : shape) out[*rc::gen::inRange<std::size_t>(0, M)] *= d;
  return out;
}

RC_GTEST_PROP(TensorProperties, ReshapeRoundTripRestoresShapeAndValues, ()) {
  const auto shape = any_shape<3>();
  const auto t = any_layout<std::int32_t, 3>(shape);
  const auto r = t.reshape_to(regrouped<2>(shape));
  RC_ASSERT(r.size() == t.size());
  RC_ASSERT(values(r) == values(t));  // row-major order is kept
  const auto back = r.reshape_to(shape);
  RC_ASSERT(back.shape() == t.shape());
  RC_ASSERT(values(back) == values(t));
  const auto flat = t.ravel();
  RC_ASSERT(values(flat.reshape_to(shape)) == values(t));
}

RC_GTEST_PROP(TensorProperties, ReshapeIsAViewExactlyWhenItSharesStorage, ()) {
  const auto shape = any_shape<3>();
  const auto t = any_layout<float, 3>(shape);
  const auto r = t.reshape_to(regrouped<4>(shape));
  // A view shares t's memory, a copy none of it: writing into t shows in r exactly when r is a view. (The
  // random values never reach -12345.) A contiguous t always reshapes to a view.
  if (t.size() > 0) {
    const bool view = r.extent().overlaps(t.extent());
    if (t.is_contiguous()) RC_ASSERT(view);
    t.fill(-12345.0F);
    RC_ASSERT((r.data()[0] == -12345.0F) == view);
  }
}

RC_GTEST_PROP(TensorProperties, TransposeTwiceIsTheIdentity, ()) {
  const auto t = any_layout<double, 4>(any_shape<4>());
  const auto tt = t.transpose().transpose();
  RC_ASSERT(tt.shape() == t.shape());
  RC_ASSERT(tt.strides() == t.strides());
  RC_ASSERT(tt.data() == t.data());
  const auto swapped = t.transpose(1, 3);
  RC_ASSERT(swapped.transpose(3, 1).strides() == t.strides());
  // The transpose reads the same elements at reversed indices.
  if (t.size() > 0) {
    const auto i = *rc::gen::inRange<std::size_t>(0, t.shape()[0]);
    const auto j = *rc::gen::inRange<std::size_t>(0, t.shape()[3]);
    RC_ASSERT(t.transpose()(j, 0, 0, i) == t(i, 0, 0, j));
  }
}

RC_GTEST_PROP(TensorProperties, PermuteThenItsInverseIsTheIdentity, ()) {
  const auto t = any_layout<std::int64_t, 4>(any_shape<4>());
  std::array<std::ptrdiff_t, 4> order{0, 1, 2, 3};
  const auto shuffled =
      *rc::gen::unique<std::vector<std::ptrdiff_t>>(4, rc::gen::inRange<std::ptrdiff_t>(0, 4));
  std::copy(shuffled.begin(), shuffled.end(), order.begin());
  std::ptrdiff_t fwd[4];  // NOLINT(*-avoid-c-arrays): permute's parameter type
  std::ptrdiff_t inv[4];  // NOLINT(*-avoid-c-arrays)
  for (std::size_t k = 0; k < 4; ++k) {
    fwd[k] = order[k];
    inv[order[k]] = static_cast<std::ptrdiff_t>(k);
  }
  const auto p = t.permute(fwd);
  for (std::size_t k = 0; k < 4; ++k)
    RC_ASSERT(p.shape()[k] == t.shape()[static_cast<std::size_t>(order[k])]);
  const auto back = p.permute(inv);
  RC_ASSERT(back.shape() == t.shape());
  RC_ASSERT(back.strides() == t.strides());
  RC_ASSERT(back.data() == t.data());
  RC_ASSERT(values(back) == values(t));
}

// A pair of broadcast-compatible shapes of ranks A and B.
template <std::size_t A, std::size_t B>
std::pair<trueno::Shape<A>, trueno::Shape<B>> compatible_shapes() {
  constexpr std::size_t R = std::max(A, B);
  const auto target = any_shape<R>(4);
  trueno::Shape<A> a{};
  trueno::Shape<B> b{};
  for (std::size_t i = 0; i < A; ++i) a[i] = *rc::gen::inRange(0, 3) == 0 ? 1 : target[R - A + i];
  for (std::size_t i = 0; i < B; ++i) b[i] = *rc::gen::inRange(0, 3) == 0 ? 1 : target[R - B + i];
  return {a, b};
}

template <class T, std::size_t A, std::size_t B>
void check_commutative() {
  const auto [sa, sb] = compatible_shapes<A, B>();
  const auto a = any_layout<T, A>(sa);
  const auto b = any_layout<T, B>(sb);
  const auto ab = a + b, ba = b + a;
  RC_ASSERT(ab.shape() == ba.shape());
  RC_ASSERT(same_values(values(ab), values(ba)));
  RC_ASSERT(same_values(values(a * b), values(b * a)));
  RC_ASSERT(same_values(values(trueno::maximum(a, b)), values(trueno::maximum(b, a))));
  RC_ASSERT(values(a == b) == values(b == a));
  RC_ASSERT(values(a < b) == values(b > a));
}

RC_GTEST_PROP(TensorProperties, BroadcastingIsCommutative, ()) {
  switch (*rc::gen::inRange(0, 4)) {
    case 0:
      check_commutative<float, 3, 1>();
      break;
    case 1:
      check_commutative<std::int32_t, 2, 3>();
      break;
    case 2:
      check_commutative<double, 0, 2>();
      break;
    default:
      check_commutative<std::int64_t, 3, 3>();
      break;
  }
}

RC_GTEST_PROP(TensorProperties, SumOverAllAxesEqualsTheFlattenedSum, ()) {
  const auto shape = any_shape<3>(12);
  const auto i = any_layout<std::int32_t, 3>(shape);
  const std::int64_t flat = trueno::sum(i.flatten());
  RC_ASSERT(trueno::sum(i) == flat);
  RC_ASSERT(trueno::sum(i, {0, 1, 2}).item() == flat);
  RC_ASSERT(trueno::sum(trueno::sum(i, 2), {1, 0}).item() == flat);
  const auto xs = values(i);
  const std::int64_t by_hand = std::accumulate(xs.begin(), xs.end(), std::int64_t{0},
                                               [](std::int64_t s, std::int32_t x) { return s + x; });
  RC_ASSERT(flat == by_hand);

  const auto f = any_layout<float, 3>(shape);
  const float ff = trueno::sum(f.flatten());
  double abs_sum = 0;
  for (float x : values(f)) abs_sum += std::abs(static_cast<double>(x));
  const double tol = 2.0 * static_cast<double>(f.size()) * std::numeric_limits<float>::epsilon() * abs_sum;
  RC_ASSERT(std::abs(static_cast<double>(trueno::sum(f)) - ff) <= tol);
  RC_ASSERT(std::abs(static_cast<double>(trueno::sum(f, {2, 0, 1}).item()) - ff) <= tol);
  RC_ASSERT(std::abs(static_cast<double>(trueno::sum(trueno::sum(f, 0), {0, 1}).item()) - ff) <= tol);
}

// A random Python slice of an axis of `n` elements: bounds in [-n-2, n+2] or omitted, steps in +-[1, 3].
trueno::range any_range(std::size_t n) {
  const auto lim = static_cast<std::int64_t>(n) + 2;
  auto bound = [&]() -> trueno::SliceBound {
    if (*rc::gen::inRange(0, 4) == 0) return trueno::none;
    return *rc::gen::inRange<std::int64_t>(-lim, lim + 1);
  };
  const trueno::SliceBound start = bound(), stop = bound();
  std::int64_t step = *rc::gen::inRange<std::int64_t>(1, 4);
  if (*rc::gen::arbitrary<bool>()) step = -step;
  return {start, stop, step};
}

RC_GTEST_PROP(TensorProperties, SlicingComposes, ()) {
  const std::size_t n = *rc::gen::inRange<std::size_t>(0, 30);
  const auto t = any_layout<std::int32_t, 2>({n, 2});
  const trueno::range r1 = any_range(n);
  const auto s1 = t.slice(r1);
  const trueno::range r2 = any_range(s1.shape()[0]);
  const auto s2 = s1.slice(r2);
  // The composed slice, from Python's slice.indices of both ranges.
  const auto a = trueno::detail::resolve_range(r1, n);
  const auto b = trueno::detail::resolve_range(r2, a.count);
  const auto first = static_cast<std::int64_t>(a.first) + static_cast<std::int64_t>(b.first) * a.step;
  const std::int64_t step = a.step * b.step;
  const std::int64_t last = first + static_cast<std::int64_t>(b.count) * step;  // one past the end
  const trueno::range composed = b.count == 0 ? trueno::range(0, 0)
                                 : last < 0   ? trueno::range(first, trueno::none, step)
                                              : trueno::range(first, last, step);
  const auto c = t.slice(composed);
  RC_ASSERT(s2.shape() == c.shape());
  RC_ASSERT(values(s2) == values(c));
  if (c.size() > 0) {
    RC_ASSERT(s2.data() == c.data());
    RC_ASSERT(s2.strides() == c.strides());
  }
  // Element k of the composed slice is element first + k * step of t.
  for (std::size_t k = 0; k < c.shape()[0]; ++k) {
    RC_ASSERT(c(k, 1) == t(static_cast<std::size_t>(first + static_cast<std::int64_t>(k) * step), 1));
  }
}

}  // namespace
