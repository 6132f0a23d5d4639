// Shared plumbing of the Tensor differential tests against NumPy (Debian's python3-numpy), which exchange
// .npy files through trueno::io: each test queues many NumPy operations, runs them in one python process
// (tests/differential/tensor_ref.py), then checks trueno's results under every backend this CPU supports.
// The suite is split over several translation units (tensor_numpy_*_test.cpp) so that none of them needs more
// than a few minutes and a few GB to compile:
//   broadcasting: shape pairs up to rank 4 with extents in {0, 1, 2, 3, 5}, operands contiguous, transposed,
//                 flipped (negative strides), strided and broadcast (zero strides); arithmetic,
//                 minimum/maximum, comparisons and logical ops, and the out-parameter form into transposed
//                 and flipped outputs;
//   reductions:   every axis subset of ranks 1 to 4, with and without keepdims, NaN inputs and empty axes;
//   views:        slicing with random ranges, steps (negative too), integers, newaxis and out-of-range
//                 indices; reshape view-or-copy against np.shares_memory; printing against str() and repr().
// Exact ops must match bit for bit (any NaN matches any NaN); reductions of float inputs within a few ulps.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <trueno/trueno.hpp>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/backends.hpp"
#include "common/temp_dir.hpp"

namespace tensor_numpy {

namespace fs = std::filesystem;
using trueno::Tensor;
using DynShape = std::vector<std::size_t>;
using Checks = std::vector<std::function<void()>>;

// --- running NumPy
// ------------------------------------------------------------------------------------------

// A batch of NumPy operations: inputs saved with trueno::io::save_npy, results loaded with load_npy (whose
// dtype and rank checks also verify NumPy's result type).
class TensorBatch {
 public:
  template <class T, std::size_t N>
  std::string input(const Tensor<T, N>& t) {
    const fs::path p = dir_ / ("in" + std::to_string(files_++) + ".npy");
    trueno::io::save_npy(p, t);
    return p.string();
  }

  // Queues `op` on inputs and "@key=value" parameters; returns the path NumPy's result will have.
  std::string call(std::string_view op, std::initializer_list<std::string> args) {
    return call(op, std::vector<std::string>(args));
  }
  std::string call(std::string_view op, const std::vector<std::string>& args) {
    std::string out = (dir_ / ("out" + std::to_string(files_++))).string();
    manifest_ += std::string(op) + '\t' + out;
    for (const auto& a : args) manifest_ += '\t' + a;
    manifest_ += '\n';
    return out;
  }

  // Runs every queued op in one python process.
  ::testing::AssertionResult run() {
    const fs::path manifest = dir_ / "manifest.tsv", log = dir_ / "numpy.log";
    std::ofstream(manifest) << manifest_;
    const std::string cmd = std::string("\"") + TRUENO_PYTHON + "\" \"" + TRUENO_TEST_DIR +
                            "/differential/tensor_ref.py\" --batch \"" + manifest.string() + "\" > \"" +
                            log.string() + "\" 2>&1";
    if (std::system(cmd.c_str()) != 0) {
      std::ifstream f(log);
      std::ostringstream text;
      text << f.rdbuf();
      return ::testing::AssertionFailure() << cmd << " failed:\n" << text.str();
    }
    return ::testing::AssertionSuccess();
  }

  // NumPy raised for this op: its "TypeName: message"; empty when it succeeded.
  static std::string refusal(const std::string& out) {
    return fs::exists(out + ".err") ? text(out + ".err") : std::string();
  }
  static std::string text(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
  }

 private:
  trueno_test::TempDir dir_{"trueno_tensor_numpy"};
  std::string manifest_;
  int files_ = 0;
};

// Runs every check once per backend, naming the backend in failures.
inline void check_on_every_backend(const Checks& checks) {
  for (trueno::Backend b : trueno_test::available_backends()) {
    trueno_test::BackendScope scope(b);
    SCOPED_TRACE("backend " + std::string(trueno::to_string(b)));
    for (const auto& check : checks) check();
  }
}

// The message part of NumPy's "TypeName: message".
inline std::string numpy_message(const std::string& refusal) {
  const auto colon = refusal.find(": ");
  return colon == std::string::npos ? refusal : refusal.substr(colon + 2);
}

// --- shapes and operands
// ----------------------------------------------------------------------------------------

inline std::string shape_text(const DynShape& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) out += (i > 0 ? "x" : "") + std::to_string(s[i]);
  return out;
}
template <std::size_t N>
std::string shape_text(const std::array<std::size_t, N>& s) {
  return shape_text(DynShape(s.begin(), s.end()));
}

template <std::size_t N>
trueno::Shape<N> fixed(const DynShape& s) {
  trueno::Shape<N> r{};
  for (std::size_t i = 0; i < N; ++i) r[i] = s[i];
  return r;
}

// Calls f(std::integral_constant<std::size_t, r>) for a runtime rank r in [0, 4].
template <class F>
void with_rank(std::size_t r, F&& f) {
  switch (r) {
    case 0:
      f(std::integral_constant<std::size_t, 0>{});
      break;
    case 1:
      f(std::integral_constant<std::size_t, 1>{});
      break;
    case 2:
      f(std::integral_constant<std::size_t, 2>{});
      break;
    case 3:
      f(std::integral_constant<std::size_t, 3>{});
      break;
    default:
      f(std::integral_constant<std::size_t, 4>{});
      break;
  }
}

// How an operand's elements are laid out in memory.
enum class Layout { contiguous, transposed, flipped, strided, broadcast };
inline constexpr std::array<Layout, 5> kLayouts{Layout::contiguous, Layout::transposed, Layout::flipped,
                                                Layout::strided, Layout::broadcast};

inline const char* layout_name(Layout l) {
  switch (l) {
    case Layout::contiguous:
      return "contiguous";
    case Layout::transposed:
      return "transposed";
    case Layout::flipped:
      return "flipped";
    case Layout::strided:
      return "strided";
    default:
      return "broadcast";
  }
}

// A view of t with axis `axis` stepped by `step` (NumPy's t[..., ::step, ...]).
template <class T, std::size_t N>
Tensor<T, N> step_axis(const Tensor<T, N>& t, std::size_t axis, std::ptrdiff_t step) {
  const auto ax = static_cast<std::ptrdiff_t>(axis);
  return t.transpose(0, ax).slice(trueno::range(trueno::none, trueno::none, step)).transpose(0, ax);
}

// A tensor of `shape` laid out as `layout`, its elements drawn from gen(rng).
template <class T, std::size_t N, class Gen>
Tensor<T, N> make_operand(const trueno::Shape<N>& shape, Layout layout, std::mt19937_64& rng, Gen gen) {
  auto fill = [&](const Tensor<T, N>& t) {
    for_each_element(t, [&](T& x) { x = gen(rng); });
    return t;
  };
  auto fresh = [&](const trueno::Shape<N>& s) { return fill(trueno::detail::empty_tensor<T>(s)); };
  switch (layout) {
    case Layout::contiguous:
      return fresh(shape);
    case Layout::transposed: {
      trueno::Shape<N> rev = shape;
      std::reverse(rev.begin(), rev.end());
      return fresh(rev).transpose();
    }
    case Layout::flipped:
      return trueno::flip(fresh(shape));
    case Layout::strided: {
      trueno::Shape<N> wide = shape;
      for (auto& d : wide) d *= 2;
      Tensor<T, N> v = fresh(wide);
      if constexpr (N > 0) {
        for (std::size_t i = 0; i < N; ++i) v = step_axis(v, i, i % 2 == 0 ? 2 : -2);
      }
      return v;
    }
    default: {
      trueno::Shape<N> narrow = shape;
      for (auto& d : narrow) {
        if ((rng() & 1) != 0) d = 1;
      }
      return fresh(narrow).broadcast_to_shape(shape);
    }
  }
}

// --- comparing
// ----------------------------------------------------------------------------------------------

template <class T>
bool same_value(T got, T want, double rtol) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(got) || std::isnan(want)) return std::isnan(got) && std::isnan(want);
    if (std::isinf(got) || std::isinf(want)) return got == want;
    return std::abs(static_cast<double>(got) - static_cast<double>(want)) <=
           rtol * std::max(1.0, std::abs(static_cast<double>(want)));
  } else {
    return got == want;
  }
}

template <class T>
std::string text_of(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    std::ostringstream s;
    s.precision(std::numeric_limits<T>::max_digits10);
    s << v;
    return s.str();
  } else {
    return std::to_string(v);
  }
}

// got and want have the same shape and elements (within rtol for floats; rtol 0: exactly, NaN matching NaN).
template <class T, class U, std::size_t N>
void expect_tensor_eq(const Tensor<T, N>& got, const Tensor<U, N>& want, const std::string& what,
                      double rtol = 0) {
  static_assert(std::is_same_v<std::remove_const_t<T>, std::remove_const_t<U>>,
                "result dtype differs from NumPy's");
  ASSERT_EQ(shape_text(got.shape()), shape_text(want.shape())) << what;
  std::vector<std::remove_const_t<T>> g, w;
  for_each_element(got, [&](const T& x) { g.push_back(x); });
  for_each_element(want, [&](const U& x) { w.push_back(x); });
  int reported = 0;
  for (std::size_t i = 0; i < g.size() && reported < 3; ++i) {
    if (!same_value<std::remove_const_t<T>>(g[i], w[i], rtol)) {
      ADD_FAILURE() << what << ": element " << i << " of " << g.size() << ": trueno " << text_of(g[i])
                    << ", numpy " << text_of(w[i]);
      ++reported;
    }
  }
}

// f() throws a trueno error, as NumPy refused with `refusal`; the messages match.
template <class E, class F>
void expect_refused(F&& f, const std::string& refusal, const std::string& what) {
  try {
    f();
    ADD_FAILURE() << what << ": NumPy refused (" << refusal << ") but trueno did not throw";
  } catch (const E& e) {
    EXPECT_EQ(std::string(e.what()), numpy_message(refusal)) << what;
  }
}

// The check of one queued result against NumPy's `out` (its result file, or its refusal: then compute() must
// throw E with the same message). Compiled once per result type, not once per op and operand shapes: the
// harness's code size, and so the suite's build time, grows with the op count only through `compute`.
// `nanarg`: NumPy's nanargmax/nanargmin of an empty result refuse as argmax does, of a non-empty one with
// empty slices as "All-NaN slice encountered"; trueno always says the latter: only the type is checked there.
template <class E, class Got>
std::function<void()> result_check(std::string out, std::string label, std::function<Got()> compute,
                                   double rtol, bool nanarg) {
  return [out = std::move(out), label = std::move(label), compute = std::move(compute), rtol, nanarg] {
    const std::string refusal = TensorBatch::refusal(out);
    if (!refusal.empty()) {
      if (nanarg && numpy_message(refusal).rfind("attempt to get", 0) == 0) {
        EXPECT_THROW((void)compute(), trueno::value_error) << label;
        return;
      }
      expect_refused<E>([&] { (void)compute(); }, refusal, label);
      return;
    }
    const Got got = compute();
    if constexpr (trueno::is_tensor_v<Got>) {
      expect_tensor_eq(got, trueno::io::load_npy<typename Got::value_type, Got::rank>(out + ".npy"), label,
                       rtol);
    } else {
      const auto want = trueno::io::load_npy<Got, 0>(out + ".npy").item();
      EXPECT_TRUE(same_value<Got>(got, want, rtol))
          << label << ": trueno " << text_of(got) << ", numpy " << text_of(want);
    }
  };
}

// --- value generators
// -------------------------------------------------------------------------------------------

// Small values with many ties, now and then a NaN or an infinity: exact arithmetic, interesting comparisons.
template <class T>
T arithmetic_value(std::mt19937_64& rng) {
  if constexpr (std::is_floating_point_v<T>) {
    const unsigned r = static_cast<unsigned>(rng() % 100);
    if (r < 2) return std::numeric_limits<T>::quiet_NaN();
    if (r < 3)
      return (rng() & 1) != 0 ? std::numeric_limits<T>::infinity() : -std::numeric_limits<T>::infinity();
    constexpr std::array<double, 11> pool{-3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 2, 2.5, 4};
    return static_cast<T>(pool[rng() % pool.size()]);
  } else if constexpr (std::is_same_v<T, bool>) {
    return (rng() & 1) != 0;
  } else {
    return static_cast<T>(static_cast<int>(rng() % 41) - 20);
  }
}

// Sums and products of these are exact (multiples of 1/4 and powers of two), so orders of summation agree.
template <class T>
T reduction_value(std::mt19937_64& rng, int nan_percent) {
  if constexpr (std::is_floating_point_v<T>) {
    if (static_cast<int>(rng() % 100) < nan_percent) return std::numeric_limits<T>::quiet_NaN();
    constexpr std::array<double, 9> pool{-2, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 2};
    return static_cast<T>(pool[rng() % pool.size()]);
  } else if constexpr (std::is_same_v<T, bool>) {
    return rng() % 8 != 0;
  } else {
    return static_cast<T>(static_cast<int>(rng() % 7) - 3);
  }
}

// --- broadcasting
// -------------------------------------------------------------------------------------------

inline constexpr std::array<std::size_t, 5> kExtents{0, 1, 2, 3, 5};

inline std::size_t draw_extent(std::mt19937_64& rng) {
  // Zero-size axes in about one shape in four of rank 3.
  return rng() % 12 == 0 ? 0 : kExtents[1 + rng() % 4];
}

// A pair of operand shapes of ranks ra and rb: compatible (each extent equal to the broadcast one or 1,
// trailing axes aligned), or, when `compatible` is false, with one trailing-aligned axis that differs.
inline std::pair<DynShape, DynShape> shape_pair(std::size_t ra, std::size_t rb, bool compatible,
                                                std::mt19937_64& rng) {
  const std::size_t r = std::max(ra, rb);
  DynShape target(r);
  for (auto& d : target) d = draw_extent(rng);
  auto operand = [&](std::size_t rank) {
    DynShape s(target.end() - static_cast<std::ptrdiff_t>(rank), target.end());
    for (auto& d : s) {
      if (rng() % 3 == 0) d = 1;
    }
    return s;
  };
  DynShape a = operand(ra), b = operand(rb);
  if (!compatible && !a.empty() && !b.empty()) {
    const std::size_t k = rng() % std::min(a.size(), b.size());
    std::size_t& da = a[a.size() - 1 - k];
    std::size_t& db = b[b.size() - 1 - k];
    if (da == 1) da = 2;
    db = da == 3 ? 5 : 3;
    if (rng() % 4 == 0) std::swap(da, db);
    if (rng() % 5 == 0) da = 0;  // 0 against 3 or 5 is incompatible too
  }
  return {a, b};
}

// Queues op(a, b) on NumPy and the check of trueno's result (or of its refusal, for incompatible shapes).
template <class A, class B, class Op>
void queue_binary(TensorBatch& batch, Checks& checks, const std::string& name, const A& a, const B& b,
                  const std::string& ia, const std::string& ib, const std::string& what, Op op) {
  using Got = std::remove_cvref_t<decltype(op(a, b))>;
  checks.push_back(result_check<trueno::shape_error, Got>(
      batch.call(name, {ia, ib}), what + " " + name, [a, b, op] { return op(a, b); }, 0.0, false));
}

// Queues every binary op of element type T on one pair of shapes.
template <class T, std::size_t RA, std::size_t RB>
void queue_pair(TensorBatch& batch, Checks& checks, const DynShape& sa, const DynShape& sb,
                std::mt19937_64& rng) {
  const Layout la = kLayouts[rng() % kLayouts.size()], lb = kLayouts[rng() % kLayouts.size()];
  const auto a = make_operand<T, RA>(fixed<RA>(sa), la, rng, arithmetic_value<T>);
  const auto b = make_operand<T, RB>(fixed<RB>(sb), lb, rng, arithmetic_value<T>);
  const std::string ia = batch.input(a), ib = batch.input(b);
  const std::string what = "(" + shape_text(sa) + " " + layout_name(la) + ") with (" + shape_text(sb) + " " +
                           layout_name(lb) + ")";
  auto q = [&](const std::string& name, auto op) {
    queue_binary(batch, checks, name, a, b, ia, ib, what, op);
  };
  q("add", [](const auto& x, const auto& y) { return trueno::add(x, y); });
  q("sub", [](const auto& x, const auto& y) { return x - y; });
  q("mul", [](const auto& x, const auto& y) { return x * y; });
  q("div", [](const auto& x, const auto& y) { return trueno::div(x, y); });
  q("minimum", [](const auto& x, const auto& y) { return trueno::minimum(x, y); });
  q("maximum", [](const auto& x, const auto& y) { return trueno::maximum(x, y); });
  // The out-parameter form, into a transposed and into a flipped output.
  q("add", [](const auto& x, const auto& y) {
    const auto shape = trueno::add(x, y).shape();
    auto rev = shape;
    std::reverse(rev.begin(), rev.end());
    using V = typename std::remove_cvref_t<decltype(x)>::value_type;
    const auto out = trueno::detail::empty_tensor<V>(rev);
    out.fill(V{7});
    trueno::add(x, y, out.transpose());
    return out.transpose();
  });
  q("maximum", [](const auto& x, const auto& y) {
    using V = typename std::remove_cvref_t<decltype(x)>::value_type;
    const auto out = trueno::flip(trueno::full_like(trueno::maximum(x, y), V{7}));
    trueno::maximum(x, y, out);
    return out;
  });
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, std::int32_t>) {
    q("equal", [](const auto& x, const auto& y) { return x == y; });
    q("not_equal", [](const auto& x, const auto& y) { return x != y; });
    q("less", [](const auto& x, const auto& y) { return x < y; });
    q("less_equal", [](const auto& x, const auto& y) { return x <= y; });
    q("greater", [](const auto& x, const auto& y) { return x > y; });
    q("greater_equal", [](const auto& x, const auto& y) { return x >= y; });
    q("logical_and", [](const auto& x, const auto& y) { return trueno::logical_and(x, y); });
    q("logical_or", [](const auto& x, const auto& y) { return x || y; });
  }
}

// `pairs_per_rank_pair` compatible shape pairs (and one incompatible) for every pair of ranks in [0, 4].
template <class T>
void queue_broadcasting(TensorBatch& batch, Checks& checks, int pairs_per_rank_pair, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  for (std::size_t ra = 0; ra <= 4; ++ra) {
    for (std::size_t rb = 0; rb <= 4; ++rb) {
      for (int k = 0; k <= pairs_per_rank_pair; ++k) {
        const bool compatible = k < pairs_per_rank_pair;
        if (!compatible && (ra == 0 || rb == 0)) continue;
        // Not a structured binding: Clang 14 cannot capture one in the lambdas below.
        const auto shapes = shape_pair(ra, rb, compatible, rng);
        const DynShape& sa = shapes.first;
        const DynShape& sb = shapes.second;
        with_rank(ra, [&](auto A) {
          with_rank(rb, [&](auto B) {
            queue_pair<T, decltype(A)::value, decltype(B)::value>(batch, checks, sa, sb, rng);
          });
        });
      }
    }
  }
}

// --- reductions
// ---------------------------------------------------------------------------------------------

template <class T>
constexpr double reduction_rtol() {
  if constexpr (std::is_same_v<T, float>) return 1e-5;
  if constexpr (std::is_same_v<T, double>) return 1e-13;
  return 0;
}

// Queues np.<name>(in, axis=axes, keepdims=...) and the check of op(t).
template <class T, std::size_t N, class Op>
void queue_reduction(TensorBatch& batch, Checks& checks, const Tensor<T, N>& t, const std::string& in,
                     const std::string& name, const std::string& axes, bool keepdims, const std::string& what,
                     Op op, const std::string& extra = "") {
  std::vector<std::string> args{in, "@op=" + name, "@axes=" + axes,
                                std::string("@keepdims=") + (keepdims ? "1" : "0")};
  if (!extra.empty()) args.push_back(extra);
  const std::string out = batch.call("reduce", args);
  const std::string label = what + " " + name + " axes=" + axes + (keepdims ? " keepdims" : "") + " " + extra;
  using Got = std::remove_cvref_t<decltype(op(t))>;
  double rtol = 0;
  if constexpr (trueno::is_tensor_v<Got>) {
    rtol = reduction_rtol<typename Got::value_type>();
  } else {
    rtol = reduction_rtol<Got>();
  }
  checks.push_back(result_check<trueno::error, Got>(
      out, label, [t, op] { return op(t); }, rtol, name.rfind("nanarg", 0) == 0));
}

// Every reduction over the M axes in `axes` (and keepdims), plus the single-axis-only ones when M is 1.
template <class T, std::size_t N, std::size_t M>
void queue_axis_subset(TensorBatch& batch, Checks& checks, const Tensor<T, N>& t, const std::string& in,
                       const std::array<int, M>& picked, const std::string& what) {
  std::string axes;
  for (std::size_t i = 0; i < M; ++i) axes += (i > 0 ? "," : "") + std::to_string(picked[i]);
  auto q = [&](const std::string& name, bool keepdims, auto op) {
    queue_reduction(batch, checks, t, in, name, axes, keepdims, what, op);
  };
  // The axes as the `const int (&)[M]` parameter, some of them negative.
  auto ax = [picked](auto&& f) {
    int arr[M];  // NOLINT(*-avoid-c-arrays): the API's `{0, 2}` parameter type
    for (std::size_t i = 0; i < M; ++i) arr[i] = picked[i] - (i % 2 == 1 ? static_cast<int>(N) : 0);
    return f(arr);
  };
  constexpr bool is_bool = std::is_same_v<T, bool>;
  constexpr bool is_float = std::is_floating_point_v<T>;
#define TRUENO_QUEUE_AXES(fn)                                                                         \
  q(#fn, false, [ax](const auto& x) { return ax([&](const auto& a) { return trueno::fn(x, a); }); }); \
  q(#fn, true,                                                                                        \
    [ax](const auto& x) { return ax([&](const auto& a) { return trueno::fn(x, a, trueno::keepdims); }); })
  if constexpr (!is_bool) {
    TRUENO_QUEUE_AXES(sum);
    TRUENO_QUEUE_AXES(prod);
    TRUENO_QUEUE_AXES(mean);
    TRUENO_QUEUE_AXES(min);
    TRUENO_QUEUE_AXES(max);
  }
  TRUENO_QUEUE_AXES(any);
  if constexpr (is_float) {
    TRUENO_QUEUE_AXES(nansum);
    TRUENO_QUEUE_AXES(nanmean);
    TRUENO_QUEUE_AXES(nanmax);
    TRUENO_QUEUE_AXES(nanmin);
  }
#undef TRUENO_QUEUE_AXES
  if constexpr (M == 1) {
    const std::ptrdiff_t axis =
        picked[0] - static_cast<std::ptrdiff_t>(N);  // negative: normalised like NumPy
    q("all", false, [axis](const auto& x) { return trueno::all(x, axis); });
    q("all", true, [axis](const auto& x) { return trueno::all(x, axis, trueno::keepdims); });
    if constexpr (!is_bool) {
      q("sum", false, [axis](const auto& x) { return trueno::sum(x, axis); });
      q("max", true, [axis](const auto& x) { return trueno::max(x, axis, trueno::keepdims); });
      q("argmax", false, [axis](const auto& x) { return trueno::argmax(x, axis); });
      q("argmin", false, [axis](const auto& x) { return trueno::argmin(x, axis); });
      q("argmax", true, [axis](const auto& x) { return trueno::argmax(x, axis, trueno::keepdims); });
      q("var", false, [axis](const auto& x) { return trueno::var(x, axis); });
      q("std", false, [axis](const auto& x) { return trueno::std(x, axis); });
      queue_reduction(
          batch, checks, t, in, "var", axes, false, what,
          [axis](const auto& x) { return trueno::var(x, axis, trueno::ddof(1)); }, "@ddof=1");
    }
    if constexpr (is_float) {
      q("nanargmax", false, [axis](const auto& x) { return trueno::nanargmax(x, axis); });
      q("nanargmin", false, [axis](const auto& x) { return trueno::nanargmin(x, axis); });
    }
  }
}

// Every reduction of t over all axes, and over every non-empty subset of its axes.
template <class T, std::size_t N>
void queue_all_reductions(TensorBatch& batch, Checks& checks, const Tensor<T, N>& t,
                          const std::string& what) {
  const std::string in = batch.input(t);
  auto q = [&](const std::string& name, auto op) {
    queue_reduction(batch, checks, t, in, name, "none", false, what, op);
  };
  if constexpr (!std::is_same_v<T, bool>) {
    q("sum", [](const auto& x) { return trueno::sum(x); });
    q("prod", [](const auto& x) { return trueno::prod(x); });
    q("mean", [](const auto& x) { return trueno::mean(x); });
    q("min", [](const auto& x) { return trueno::min(x); });
    q("max", [](const auto& x) { return trueno::max(x); });
    q("argmin", [](const auto& x) { return trueno::argmin(x); });
    q("argmax", [](const auto& x) { return trueno::argmax(x); });
    q("var", [](const auto& x) { return trueno::var(x); });
    q("std", [](const auto& x) { return trueno::std(x); });
  }
  q("any", [](const auto& x) { return trueno::any(x); });
  q("all", [](const auto& x) { return trueno::all(x); });
  if constexpr (std::is_floating_point_v<T>) {
    q("nansum", [](const auto& x) { return trueno::nansum(x); });
    q("nanmean", [](const auto& x) { return trueno::nanmean(x); });
    q("nanmax", [](const auto& x) { return trueno::nanmax(x); });
    q("nanmin", [](const auto& x) { return trueno::nanmin(x); });
  }
  for (unsigned mask = 1; mask < (1U << N); ++mask) {
    std::vector<int> picked;
    for (std::size_t i = 0; i < N; ++i) {
      if ((mask >> i & 1U) != 0) picked.push_back(static_cast<int>(i));
    }
    with_rank(picked.size(), [&](auto MC) {
      constexpr std::size_t M = decltype(MC)::value;
      if constexpr (M >= 1 && M <= N) {
        std::array<int, M> arr{};
        std::copy(picked.begin(), picked.end(), arr.begin());
        queue_axis_subset<T, N, M>(batch, checks, t, in, arr, what);
      }
    });
  }
}

template <class T>
void queue_reductions_of_type(TensorBatch& batch, Checks& checks, std::uint64_t seed, int shapes_per_rank,
                              int nan_percent) {
  std::mt19937_64 rng(seed);
  for (std::size_t rank = 1; rank <= 4; ++rank) {
    for (int k = 0; k < shapes_per_rank; ++k) {
      DynShape s(rank);
      for (auto& d : s) d = rank == 4 ? kExtents[1 + rng() % 4] : draw_extent(rng);
      if (k == 0 && rank >= 2) s[rng() % rank] = 0;  // one empty shape per rank
      const Layout layout = kLayouts[rng() % kLayouts.size()];
      with_rank(rank, [&](auto RC) {
        constexpr std::size_t R = decltype(RC)::value;
        if constexpr (R >= 1) {
          const auto t = make_operand<T, R>(fixed<R>(s), layout, rng, [nan_percent](std::mt19937_64& g) {
            return reduction_value<T>(g, nan_percent);
          });
          queue_all_reductions(batch, checks, t, "(" + shape_text(s) + " " + layout_name(layout) + ")");
        }
      });
    }
  }
}

}  // namespace tensor_numpy
