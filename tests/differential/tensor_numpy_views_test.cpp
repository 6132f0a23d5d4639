// Tensor vs NumPy: slicing, reshape view-or-copy, printing (see tensor_numpy.hpp).
#include <gtest/gtest.h>

#include <cstdint>

#include "differential/tensor_numpy.hpp"

namespace {

using namespace tensor_numpy;  // NOLINT(google-build-using-namespace): the shared plumbing of these tests

// --- slicing
// ------------------------------------------------------------------------------------------------

enum class Kind { range, index, newaxis };

struct SliceArg {
  Kind kind = Kind::range;
  trueno::range r{0, 0};
  std::int64_t index = 0;
};

std::string bound_text(const trueno::SliceBound& b) { return b.value() ? std::to_string(*b.value()) : ""; }

// The argument in Python's subscript syntax: "1:4:2", "-1", "None".
std::string python_text(const SliceArg& a) {
  switch (a.kind) {
    case Kind::range:
      return bound_text(a.r.start) + ":" + bound_text(a.r.stop) + ":" + bound_text(a.r.step);
    case Kind::index:
      return std::to_string(a.index);
    default:
      return "None";
  }
}

template <Kind K>
auto to_trueno(const SliceArg& a) {
  if constexpr (K == Kind::range) {
    return a.r;
  } else if constexpr (K == Kind::index) {
    return a.index;
  } else {
    return trueno::newaxis;
  }
}

// A random argument for an axis of n elements: bounds in [-n-2, n+2] or omitted, steps +-1..3 or omitted;
// indices in range but now and then out of it.
SliceArg random_arg(Kind kind, std::size_t n, std::mt19937_64& rng) {
  SliceArg a;
  a.kind = kind;
  const auto lim = static_cast<std::int64_t>(n) + 2;
  auto bound = [&]() -> trueno::SliceBound {
    if (rng() % 10 < 3) return trueno::none;
    return static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(2 * lim + 1)) - lim;
  };
  if (kind == Kind::range) {
    const trueno::SliceBound start = bound(), stop = bound();
    trueno::SliceBound step = trueno::none;
    if (rng() % 4 != 0) {
      const auto mag = static_cast<std::int64_t>(1 + rng() % 3);
      step = (rng() & 1) != 0 ? -mag : mag;
    }
    a.r = trueno::range(start, stop, step);
  } else if (kind == Kind::index) {
    const auto sn = static_cast<std::int64_t>(n);
    if (n > 0 && rng() % 8 != 0) {
      a.index = static_cast<std::int64_t>(rng() % (2 * n)) - sn;
    } else {
      a.index = (rng() & 1) != 0 ? sn + static_cast<std::int64_t>(rng() % 3)
                                 : -sn - 1 - static_cast<std::int64_t>(rng() % 3);
    }
  }
  return a;
}

template <class T, std::size_t N, Kind... K, std::size_t... I>
auto apply_slice(const Tensor<T, N>& t, const std::array<SliceArg, sizeof...(K)>& args,
                 std::index_sequence<I...> /*unused*/) {
  return t.slice(to_trueno<K>(args[I])...);
}

// `cases` random slices of pattern K... (one kind per argument) of rank-N tensors, against NumPy's a[...].
template <std::size_t N, Kind... K>
void queue_slice_pattern(TensorBatch& batch, Checks& checks, std::mt19937_64& rng, int cases) {
  constexpr std::array<Kind, sizeof...(K)> kinds{K...};
  for (int c = 0; c < cases; ++c) {
    DynShape s(N);
    for (auto& d : s) d = rng() % 7;
    const Layout layout = kLayouts[rng() % 4];  // not broadcast: NumPy would see a contiguous copy
    const auto t = make_operand<std::int32_t, N>(fixed<N>(s), layout, rng, arithmetic_value<std::int32_t>);
    std::array<SliceArg, sizeof...(K)> args{};
    std::string spec;
    std::size_t axis = 0;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      const std::size_t n = kinds[i] == Kind::newaxis ? 0 : s[axis];
      if (kinds[i] != Kind::newaxis) ++axis;
      args[i] = random_arg(kinds[i], n, rng);
      spec += (i > 0 ? "," : "") + python_text(args[i]);
    }
    const std::string out = batch.call("slice", {batch.input(t), "@spec=" + spec});
    const std::string what = "(" + shape_text(s) + " " + layout_name(layout) + ")[" + spec + "]";
    checks.emplace_back([=] {
      auto view = [&] {
        return apply_slice<std::int32_t, N, K...>(t, args, std::make_index_sequence<sizeof...(K)>());
      };
      const std::string refusal = TensorBatch::refusal(out);
      if (!refusal.empty()) {
        expect_refused<trueno::index_error>([&] { (void)view(); }, refusal, what);
        return;
      }
      const auto got = view();
      using Got = std::remove_cvref_t<decltype(got)>;
      expect_tensor_eq(got, trueno::io::load_npy<std::int32_t, Got::rank>(out + ".npy"), what);
      if (got.size() > 0) {  // a view: inside the sliced tensor's memory
        EXPECT_TRUE(got.extent().lo >= t.extent().lo && got.extent().hi <= t.extent().hi) << what;
      }
    });
  }
}

TEST(TensorNumpy, SlicingWithRandomRangesStepsIndicesAndNewaxis) {
  TensorBatch batch;
  Checks checks;
  std::mt19937_64 rng(21);
  constexpr Kind R = Kind::range, I = Kind::index, X = Kind::newaxis;
  queue_slice_pattern<1, R>(batch, checks, rng, 60);
  queue_slice_pattern<1, I>(batch, checks, rng, 20);
  queue_slice_pattern<2, R, R>(batch, checks, rng, 60);
  queue_slice_pattern<2, I, R>(batch, checks, rng, 30);
  queue_slice_pattern<2, R, I>(batch, checks, rng, 30);
  queue_slice_pattern<2, X, R, R>(batch, checks, rng, 20);
  queue_slice_pattern<2, I, I>(batch, checks, rng, 20);
  queue_slice_pattern<3, R, R, R>(batch, checks, rng, 60);
  queue_slice_pattern<3, R, I, R>(batch, checks, rng, 30);
  queue_slice_pattern<3, R, X, R>(batch, checks, rng, 30);
  queue_slice_pattern<3, I, R, X, I>(batch, checks, rng, 30);
  ASSERT_TRUE(batch.run());
  for (const auto& check : checks) check();
}

// --- reshape: view or copy
// -------------------------------------------------------------------------------------

// Every ordered factorisation of n into M factors (1 allowed), at most `limit` of them, spread over the list.
template <std::size_t M>
std::vector<trueno::Shape<M>> factorisations(std::size_t n, std::size_t limit) {
  std::vector<trueno::Shape<M>> all;
  trueno::Shape<M> cur{};
  auto rec = [&](auto&& self, std::size_t i, std::size_t rest) -> void {
    if (i + 1 == M) {
      cur[i] = rest;
      all.push_back(cur);
      return;
    }
    for (std::size_t d = 1; d <= rest; ++d) {
      if (rest % d == 0) {
        cur[i] = d;
        self(self, i + 1, rest / d);
      }
    }
  };
  rec(rec, 0, n);
  if (all.size() <= limit) return all;
  std::vector<trueno::Shape<M>> some;
  for (std::size_t k = 0; k < limit; ++k) some.push_back(all[k * all.size() / limit]);
  return some;
}

// Reshapes view(a) to every target of ranks 1 to 4; NumPy's np.shares_memory(result, a) must agree with
// whether trueno's result lies in a's memory, and the values must agree.
template <std::size_t N, class View>
void queue_reshapes(TensorBatch& batch, Checks& checks, const Tensor<float, N>& a, const std::string& in,
                    const std::string& expr, View view) {
  const auto v = view(a);
  auto queue_target = [&](auto target) {
    const std::string reshape = "@reshape=" + shape_text(target);
    const std::string values_out = batch.call("view", {in, "@expr=" + expr, reshape});
    const std::string shares_out = batch.call("shares", {in, "@expr=" + expr, reshape});
    const std::string what = expr + ".reshape(" + shape_text(target) + ")";
    checks.emplace_back([=] {
      const auto r = v.reshape_to(target);
      expect_tensor_eq(
          r, trueno::io::load_npy<float, std::tuple_size_v<decltype(target)>>(values_out + ".npy"), what);
      const bool numpy_view = trueno::io::load_npy<bool, 1>(shares_out + ".npy")(0);
      const bool trueno_view = r.size() > 0 && r.extent().overlaps(a.extent());
      EXPECT_EQ(trueno_view, numpy_view)
          << what << (numpy_view ? ": NumPy returns a view" : ": NumPy copies");
    });
  };
  for (const auto& t : factorisations<1>(v.size(), 1)) queue_target(t);
  for (const auto& t : factorisations<2>(v.size(), 8)) queue_target(t);
  for (const auto& t : factorisations<3>(v.size(), 12)) queue_target(t);
  for (const auto& t : factorisations<4>(v.size(), 12)) queue_target(t);
  // ravel's values are NumPy's; its view-or-copy choice is reshape(-1)'s (above), see the note below.
  const std::string ravel_out = batch.call("view", {in, "@expr=" + expr, "@reshape=ravel"});
  checks.emplace_back([=] {
    expect_tensor_eq(v.ravel(), trueno::io::load_npy<float, 1>(ravel_out + ".npy"), expr + ".ravel()");
  });
}

// NumPy's ravel copies every array that is not C-contiguous (a 1-D strided array too), while trueno's ravel
// is a view whenever reshape(-1) would be one (API.md: "ravel and reshape return views when the strides
// allow").
TEST(TensorNumpy, ReshapeIsAViewExactlyWhenNumpysIs) {
  TensorBatch batch;
  Checks checks;
  using trueno::all;
  using trueno::none;
  using trueno::range;
  const auto a = trueno::arange<float>(24).reshape({4, 6});
  const std::string ia = batch.input(a);
  using T2 = Tensor<float, 2>;
  queue_reshapes(batch, checks, a, ia, "a", [](const T2& x) { return x; });
  queue_reshapes(batch, checks, a, ia, "a.T", [](const T2& x) { return x.transpose(); });
  queue_reshapes(batch, checks, a, ia, "a[::2]", [](const T2& x) { return x.slice(range(none, none, 2)); });
  queue_reshapes(batch, checks, a, ia, "a[:, ::2]",
                 [](const T2& x) { return x.slice(all, range(none, none, 2)); });
  queue_reshapes(batch, checks, a, ia, "a[:, 1:4]", [](const T2& x) { return x.slice(all, range(1, 4)); });
  queue_reshapes(batch, checks, a, ia, "a[1:3]", [](const T2& x) { return x.slice(range(1, 3)); });
  queue_reshapes(batch, checks, a, ia, "a[::-1]", [](const T2& x) { return trueno::flip(x, 0); });
  queue_reshapes(batch, checks, a, ia, "a[:, ::-1]", [](const T2& x) { return trueno::flip(x, 1); });
  queue_reshapes(batch, checks, a, ia, "a[:, :1]", [](const T2& x) { return x.slice(all, range(0, 1)); });
  queue_reshapes(batch, checks, a, ia, "a[:1]", [](const T2& x) { return x.slice(range(0, 1)); });
  queue_reshapes(batch, checks, a, ia, "a[::3, ::-2]",
                 [](const T2& x) { return x.slice(range(none, none, 3), range(none, none, -2)); });
  queue_reshapes(batch, checks, a, ia, "a.T[::2]",
                 [](const T2& x) { return x.transpose().slice(range(none, none, 2)); });
  queue_reshapes(batch, checks, a, ia, "a[:0]", [](const T2& x) { return x.slice(range(0, 0)); });

  const auto b = trueno::arange<float>(24).reshape({2, 3, 4});
  const std::string ib = batch.input(b);
  using T3 = Tensor<float, 3>;
  queue_reshapes(batch, checks, b, ib, "a", [](const T3& x) { return x; });
  queue_reshapes(batch, checks, b, ib, "a.T", [](const T3& x) { return x.transpose(); });
  queue_reshapes(batch, checks, b, ib, "a.transpose(1, 0, 2)", [](const T3& x) {
    return x.permute({1, 0, 2});
  });
  queue_reshapes(batch, checks, b, ib, "a.transpose(0, 2, 1)", [](const T3& x) {
    return x.permute({0, 2, 1});
  });
  queue_reshapes(batch, checks, b, ib, "a[:, ::2]",
                 [](const T3& x) { return x.slice(all, range(none, none, 2)); });
  queue_reshapes(batch, checks, b, ib, "a[:, :, ::2]",
                 [](const T3& x) { return x.slice(all, all, range(none, none, 2)); });
  queue_reshapes(batch, checks, b, ib, "a[:, 1:]", [](const T3& x) { return x.slice(all, range(1, none)); });
  queue_reshapes(batch, checks, b, ib, "a[:, :1, :]", [](const T3& x) { return x.slice(all, range(0, 1)); });
  queue_reshapes(batch, checks, b, ib, "a[::-1, :, 1:3]",
                 [](const T3& x) { return trueno::flip(x, 0).slice(all, all, range(1, 3)); });
  queue_reshapes(batch, checks, b, ib, "a[:, :, :1]",
                 [](const T3& x) { return x.slice(all, all, range(0, 1)); });
  ASSERT_TRUE(batch.run());
  for (const auto& check : checks) check();
}

// --- printing
// ---------------------------------------------------------------------------------------------------

// Values in one of several styles: small integers, eighths, random fractions, magnitudes over 16 decades,
// NaN and infinities among integers, large integers, zeros.
template <class T>
T print_value(int style, std::mt19937_64& rng) {
  if constexpr (std::is_same_v<T, bool>) {
    return (rng() & 1) != 0;
  } else if constexpr (std::is_floating_point_v<T>) {
    std::uniform_real_distribution<double> unit(0, 1);
    const double sign = (rng() & 1) != 0 ? -1 : 1;
    switch (style) {
      case 0:
        return static_cast<T>(static_cast<int>(rng() % 19) - 9);
      case 1:
        return static_cast<T>(static_cast<int>(rng() % 65) - 32) / T(8);
      case 2:
        return static_cast<T>(unit(rng));
      case 3:
        return static_cast<T>(sign * std::pow(10.0, -7 + 16 * unit(rng)));
      case 4: {
        const auto r = rng() % 10;
        if (r == 0) return std::numeric_limits<T>::quiet_NaN();
        if (r == 1) return static_cast<T>(sign) * std::numeric_limits<T>::infinity();
        return static_cast<T>(static_cast<int>(rng() % 200) - 100) / T(4);
      }
      case 5:
        return static_cast<T>(std::floor(1e6 + 1e9 * unit(rng)));
      default:
        return T(0);
    }
  } else {
    switch (style) {
      case 0:
        return static_cast<T>(static_cast<int>(rng() % 19) - 9);
      case 1:
        return static_cast<T>(rng());  // the whole range
      default:
        return T(42);
    }
  }
}

template <class T>
constexpr int print_styles() {
  if constexpr (std::is_same_v<T, bool>) return 1;
  if constexpr (std::is_floating_point_v<T>) return 7;
  return 3;
}

template <class T, std::size_t N>
void queue_prints(TensorBatch& batch, Checks& checks, const std::vector<DynShape>& shapes,
                  std::mt19937_64& rng) {
  for (const auto& s : shapes) {
    if (s.size() != N) continue;
    for (int style = 0; style < print_styles<T>(); ++style) {
      const Layout layout = kLayouts[rng() % 4];
      const auto t = make_operand<T, N>(fixed<N>(s), layout, rng,
                                        [style](std::mt19937_64& g) { return print_value<T>(style, g); });
      const std::string in = batch.input(t);
      const std::string str_out = batch.call("str", {in}), repr_out = batch.call("repr", {in});
      const std::string what = std::string(trueno::detail::numpy_dtype_name<T>()) + " (" + shape_text(s) +
                               " " + layout_name(layout) + ") style " + std::to_string(style);
      checks.emplace_back([=] {
        std::ostringstream os;
        os << t;
        EXPECT_EQ(os.str(), TensorBatch::text(str_out)) << what << ": str";
        EXPECT_EQ(trueno::repr(t), TensorBatch::text(repr_out)) << what << ": repr";
      });
    }
  }
}

template <class T>
void queue_prints_of_type(TensorBatch& batch, Checks& checks, std::mt19937_64& rng) {
  const std::vector<DynShape> shapes{{},           {5},       {0},       {1},       {30},   {2000},
                                     {3, 4},       {2, 0},    {8, 12},   {40, 30},  {1, 1}, {2, 3, 4},
                                     {11, 11, 11}, {2, 1, 3}, {0, 2, 2}, {3, 2, 13}};
  queue_prints<T, 0>(batch, checks, shapes, rng);
  queue_prints<T, 1>(batch, checks, shapes, rng);
  queue_prints<T, 2>(batch, checks, shapes, rng);
  queue_prints<T, 3>(batch, checks, shapes, rng);
}

TEST(TensorNumpy, PrintingMatchesStrAndRepr) {
  TensorBatch batch;
  Checks checks;
  std::mt19937_64 rng(31);
  queue_prints_of_type<float>(batch, checks, rng);
  queue_prints_of_type<double>(batch, checks, rng);
  queue_prints_of_type<std::int32_t>(batch, checks, rng);
  queue_prints_of_type<std::int64_t>(batch, checks, rng);
  queue_prints_of_type<bool>(batch, checks, rng);
  ASSERT_TRUE(batch.run());
  for (const auto& check : checks) check();
}

}  // namespace
