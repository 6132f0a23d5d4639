// Differential tests: trueno's tensor manipulation routines (concatenate stack hstack vstack split
// array_split tile repeat roll pad sort argsort unique cumsum cumprod norm) against NumPy on random shapes
// with extents in {0, 1, 2, 3, 5} and random layouts (contiguous, transposed, flipped, stepped, broadcast),
// exchanging .npy files. All queued NumPy calls run in one python process
// (tests/differential/tensor_manip_ref.py); loading a result with the element type trueno returns also checks
// NumPy's result dtype. Every routine here is exact (values are small multiples of 1/4, sums and products are
// sequential as in NumPy), except norm: within a few ulps.
// GCC 12 at -O3 reports false -Wrestrict errors inside libstdc++'s string concatenation here (GCC PR 105329).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/backends.hpp"
#include "common/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using trueno::Tensor;

// ---- running NumPy ----

class NumpyBatch {
 public:
  template <class T, std::size_t N>
  std::string input(const Tensor<T, N>& t) {
    const fs::path p = dir_ / ("in" + std::to_string(files_++) + ".npy");
    trueno::io::save_npy(p, t);
    return p.string();
  }

  // Queues `op` on input paths and "@key=value" parameters; returns the path of NumPy's result.
  std::string call(const std::string& op, const std::vector<std::string>& args) {
    std::string out = (dir_ / ("out" + std::to_string(files_++) + ".npy")).string();
    manifest_ += op + '\t' + out;
    for (const auto& a : args) manifest_ += '\t' + a;
    manifest_ += '\n';
    return out;
  }

  ::testing::AssertionResult run() {
    const fs::path manifest = dir_ / "manifest.tsv", log = dir_ / "numpy.log";
    std::ofstream(manifest) << manifest_;
    const std::string cmd = std::string("\"") + TRUENO_PYTHON + "\" \"" + TRUENO_TEST_DIR +
                            "/differential/tensor_manip_ref.py\" --batch \"" + manifest.string() + "\" > \"" +
                            log.string() + "\" 2>&1";
    if (std::system(cmd.c_str()) != 0) {
      std::ifstream f(log);
      return ::testing::AssertionFailure() << cmd << " failed:\n" << f.rdbuf();
    }
    return ::testing::AssertionSuccess();
  }

 private:
  trueno_test::TempDir dir_{"trueno_manip"};
  std::string manifest_;
  int files_ = 0;
};

// ---- inputs ----

template <class T>
T random_value(std::mt19937_64& rng, bool nans) {
  if constexpr (std::is_same_v<T, bool>) {
    return (rng() & 1U) != 0;
  } else if constexpr (std::is_floating_point_v<T>) {
    if (nans && rng() % 12 == 0) return std::numeric_limits<T>::quiet_NaN();
    return static_cast<T>(static_cast<int>(rng() % 33) - 16) / T(4);
  } else {
    return static_cast<T>(static_cast<int>(rng() % 9) - 4);
  }
}

enum class Layout { contiguous, transposed, flipped, stepped, broadcast };
constexpr int kLayouts = 5;

const char* to_string(Layout l) {
  switch (l) {
    case Layout::contiguous:
      return "contiguous";
    case Layout::transposed:
      return "transposed";
    case Layout::flipped:
      return "flipped";
    case Layout::stepped:
      return "stepped";
    case Layout::broadcast:
      return "broadcast";
  }
  return "?";
}

template <class T, std::size_t N>
Tensor<T, N> filled(const trueno::Shape<N>& shape, std::mt19937_64& rng, bool nans) {
  auto t = trueno::zeros<T>({1}).broadcast_to_shape(shape).clone();
  for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = random_value<T>(rng, nans);
  return t;
}

// A tensor of the given shape with random values, laid out as `layout` says (a view into a larger or permuted
// base where the layout needs one).
template <class T, std::size_t N>
Tensor<T, N> random_tensor(trueno::Shape<N> shape, std::mt19937_64& rng, Layout layout, bool nans = false) {
  switch (layout) {
    case Layout::contiguous:
      break;
    case Layout::transposed: {
      trueno::Shape<N> rev = shape;
      std::reverse(rev.begin(), rev.end());
      return filled<T>(rev, rng, nans).transpose();
    }
    case Layout::flipped:
      return trueno::flip(filled<T>(shape, rng, nans));
    case Layout::stepped: {
      trueno::Shape<N> twice = shape;
      twice[0] *= 2;
      return filled<T>(twice, rng, nans).slice(trueno::range(trueno::none, trueno::none, 2));
    }
    case Layout::broadcast: {
      const std::size_t ax = rng() % N;
      if (shape[ax] == 0) break;
      trueno::Shape<N> one = shape;
      one[ax] = 1;
      return filled<T>(one, rng, nans).broadcast_to_shape(shape);
    }
  }
  return filled<T>(shape, rng, nans);
}

constexpr std::size_t kExtents[] = {0, 1, 2, 3, 5};

template <std::size_t N>
trueno::Shape<N> random_shape(std::mt19937_64& rng, bool nonzero = false) {
  trueno::Shape<N> s{};
  for (auto& d : s) d = nonzero ? kExtents[1 + rng() % 4] : kExtents[rng() % 5];
  return s;
}

std::string join(const std::vector<std::int64_t>& v, char sep = ',') {
  std::string s;
  for (std::size_t i = 0; i < v.size();
       ++i) {  // appended piece by piece: GCC 12 -O3 false -Wrestrict otherwise
    if (i > 0) s += sep;
    s += std::to_string(v[i]);
  }
  return s;
}
std::string hex(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", v);
  return buf;
}

// ---- comparing ----

template <class T>
bool same_value(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  }
  return a == b;
}

// Expects `got` to equal NumPy's result in `path` (exactly, or within rel_tol for floats).
template <class T, std::size_t N>
void expect_matches(const Tensor<T, N>& got, const std::string& path, const std::string& what,
                    double rel_tol = 0) {
  Tensor<T, N> want;
  try {
    want = trueno::io::load_npy<T, N>(path);
  } catch (const trueno::error& e) {
    ADD_FAILURE() << what << ": " << e.what();
    return;
  }
  ASSERT_EQ(got.shape(), want.shape()) << what;
  const auto g = got.contiguous();
  for (std::size_t i = 0; i < want.size(); ++i) {
    const T a = g.data()[i], b = want.data()[i];
    if constexpr (std::is_floating_point_v<T>) {
      if (rel_tol > 0 && std::isfinite(b)) {
        ASSERT_NEAR(a, b, rel_tol * std::abs(b) + std::numeric_limits<T>::min()) << what << " at " << i;
        continue;
      }
    }
    ASSERT_TRUE(same_value(a, b)) << what << " at " << i << ": trueno " << +a << ", NumPy " << +b;
  }
}

// ---- the cases ----

using Checks = std::vector<std::function<void()>>;

template <std::size_t N>
std::string describe(const std::string& op, const trueno::Shape<N>& s, Layout l,
                     const std::string& extra = "") {
  return op + " of " + trueno::detail::format_shape(s) + " " + to_string(l) +
         (extra.empty() ? "" : " " + extra);
}

Layout random_layout(std::mt19937_64& rng) { return static_cast<Layout>(rng() % kLayouts); }

template <class T, std::size_t N>
void joining_cases(NumpyBatch& np, std::mt19937_64& rng, Checks& checks) {
  // concatenate along a random axis, 1 to 3 inputs differing along it.
  for (int rep = 0; rep < 6; ++rep) {
    const auto axis = static_cast<std::ptrdiff_t>(rng() % (2 * N)) - static_cast<std::ptrdiff_t>(N);
    const std::size_t ax = static_cast<std::size_t>(axis < 0 ? axis + static_cast<std::ptrdiff_t>(N) : axis);
    auto shape = random_shape<N>(rng);
    std::vector<Tensor<T, N>> ins;
    std::vector<std::string> args;
    const std::size_t count = 1 + rng() % 3;
    for (std::size_t k = 0; k < count; ++k) {
      shape[ax] = kExtents[rng() % 5];
      ins.push_back(random_tensor<T>(shape, rng, random_layout(rng)));
      args.push_back(np.input(ins.back()));
    }
    args.push_back("@axis=" + std::to_string(axis));
    const auto out = np.call("concatenate", args);
    checks.push_back([=] {
      expect_matches(trueno::concatenate(ins, axis), out,
                     describe("concatenate", shape, Layout::contiguous, "axis " + std::to_string(axis)));
    });
  }
  // stack / hstack / vstack of two inputs of one shape (hstack and vstack also along differing extents).
  for (int rep = 0; rep < 4; ++rep) {
    const auto shape = random_shape<N>(rng);
    const auto l0 = random_layout(rng), l1 = random_layout(rng);
    const auto a = random_tensor<T>(shape, rng, l0), b = random_tensor<T>(shape, rng, l1);
    const auto axis = static_cast<std::ptrdiff_t>(rng() % (2 * N + 2)) - static_cast<std::ptrdiff_t>(N + 1);
    const auto ia = np.input(a), ib = np.input(b);
    const auto s = np.call("stack", {ia, ib, "@axis=" + std::to_string(axis)});
    const auto h = np.call("hstack", {ia, ib});
    const auto v = np.call("vstack", {ia, ib});
    const std::string what = describe("stack", shape, l0, to_string(l1));
    checks.push_back([=] {
      expect_matches(trueno::stack({a, b}, axis), s, what + " axis " + std::to_string(axis));
      expect_matches(trueno::hstack({a, b}), h, "h" + what);
      expect_matches(trueno::vstack({a, b}), v, "v" + what);
    });
  }
}

template <class T, std::size_t N>
void splitting_cases(NumpyBatch& np, std::mt19937_64& rng, Checks& checks) {
  auto expect_pieces = [](const std::vector<Tensor<T, N>>& got, const std::string& out,
                          const std::string& what) {
    for (std::size_t i = 0; i < got.size(); ++i) {
      expect_matches(got[i], out + "." + std::to_string(i) + ".npy", what + " piece " + std::to_string(i));
    }
    EXPECT_FALSE(fs::exists(out + "." + std::to_string(got.size()) + ".npy"))
        << what << ": NumPy gave more pieces";
  };
  for (int rep = 0; rep < 6; ++rep) {
    const auto shape = random_shape<N>(rng);
    const auto layout = random_layout(rng);
    const auto t = random_tensor<T>(shape, rng, layout);
    const auto in = np.input(t);
    const auto axis = static_cast<std::ptrdiff_t>(rng() % N);
    const std::size_t n = shape[static_cast<std::size_t>(axis)];
    std::vector<std::int64_t> divisors;
    for (std::int64_t s = 1; s <= 6; ++s) {
      if (n % static_cast<std::size_t>(s) == 0) divisors.push_back(s);
    }
    const std::int64_t sections = divisors[rng() % divisors.size()];
    const std::int64_t loose = 1 + static_cast<std::int64_t>(rng() % 4);
    std::vector<std::int64_t> indices(rng() % 4);
    for (auto& i : indices)
      i = static_cast<std::int64_t>(rng() % (2 * n + 5)) - static_cast<std::int64_t>(n) - 2;
    const std::string ax = "@axis=" + std::to_string(axis);
    const auto o1 = np.call("split", {in, "@sections=" + std::to_string(sections), ax});
    const auto o2 = np.call("array_split", {in, "@sections=" + std::to_string(loose), ax});
    const auto o3 = np.call("split", {in, "@indices=" + join(indices), ax});
    const std::string what = describe("split", shape, layout, "axis " + std::to_string(axis));
    checks.push_back([=] {
      expect_pieces(trueno::split(t, sections, axis), o1, what + " sections " + std::to_string(sections));
      expect_pieces(trueno::array_split(t, loose, axis), o2, what + " array_split " + std::to_string(loose));
      expect_pieces(trueno::split(t, std::span<const std::int64_t>(indices), axis), o3,
                    what + " indices " + join(indices));
    });
  }
}

template <class T, std::size_t N, std::size_t... I>
auto tile_by(const Tensor<T, N>& t, const std::vector<std::int64_t>& r,
             std::index_sequence<I...> /*unused*/) {
  return trueno::tile(t, {trueno::Dim(r[I])...});
}

template <class T, std::size_t N, std::size_t M>
void tile_case(NumpyBatch& np, std::mt19937_64& rng, Checks& checks) {
  const auto shape = random_shape<N>(rng);
  const auto layout = random_layout(rng);
  const auto t = random_tensor<T>(shape, rng, layout);
  std::vector<std::int64_t> r(M);
  for (auto& x : r) x = static_cast<std::int64_t>(rng() % 4);
  const auto out = np.call("tile", {np.input(t), "@reps=" + join(r)});
  checks.push_back([=] {
    expect_matches(tile_by(t, r, std::make_index_sequence<M>()), out,
                   describe("tile", shape, layout, "reps " + join(r)));
  });
}

template <class T, std::size_t N>
void repeating_cases(NumpyBatch& np, std::mt19937_64& rng, Checks& checks) {
  for (int rep = 0; rep < 3; ++rep) {
    tile_case<T, N, 1>(np, rng, checks);
    tile_case<T, N, N>(np, rng, checks);
    tile_case<T, N, N + 1>(np, rng, checks);
  }
  for (int rep = 0; rep < 5; ++rep) {
    const auto shape = random_shape<N>(rng);
    const auto layout = random_layout(rng);
    const auto t = random_tensor<T>(shape, rng, layout);
    const auto in = np.input(t);
    const auto axis = static_cast<std::ptrdiff_t>(rng() % (2 * N)) - static_cast<std::ptrdiff_t>(N);
    const std::size_t n =
        shape[static_cast<std::size_t>(axis < 0 ? axis + static_cast<std::ptrdiff_t>(N) : axis)];
    const auto r = static_cast<std::int64_t>(rng() % 4);
    std::vector<std::int64_t> each(n);
    for (auto& e : each) e = static_cast<std::int64_t>(rng() % 4);
    const std::string ax = "@axis=" + std::to_string(axis);
    const auto o1 = np.call("repeat", {in, "@repeats=" + std::to_string(r), "@scalar=1", ax});
    const auto o2 = np.call("repeat", {in, "@repeats=" + join(each), ax});
    const auto o3 = np.call("repeat", {in, "@repeats=" + std::to_string(r), "@scalar=1"});
    const std::string what = describe("repeat", shape, layout, "axis " + std::to_string(axis));
    checks.push_back([=] {
      expect_matches(trueno::repeat(t, r, axis), o1, what + " count " + std::to_string(r));
      expect_matches(trueno::repeat(t, std::span<const std::int64_t>(each), axis), o2,
                     what + " counts " + join(each));
      expect_matches(trueno::repeat(t, r), o3, what + " flattened");
    });
  }
}

template <class T, std::size_t N>
void rolling_cases(NumpyBatch& np, std::mt19937_64& rng, Checks& checks) {
  for (int rep = 0; rep < 5; ++rep) {
    const auto shape = random_shape<N>(rng);
    const auto layout = random_layout(rng);
    const auto t = random_tensor<T>(shape, rng, layout);
    const auto in = np.input(t);
    const auto axis = static_cast<std::ptrdiff_t>(rng() % (2 * N)) - static_cast<std::ptrdiff_t>(N);
    const auto s1 = static_cast<std::int64_t>(rng() % 23) - 11,
               s2 = static_cast<std::int64_t>(rng() % 23) - 11;
    const int a1 = static_cast<int>(rng() % N), a2 = static_cast<int>(rng() % N);
    const auto o1 = np.call("roll", {in, "@shift=" + std::to_string(s1), "@axis=" + std::to_string(axis)});
    const auto o2 = np.call("roll", {in, "@shift=" + std::to_string(s1)});
    const auto o3 = np.call("roll", {in, "@shift=" + join({s1, s2}), "@axis=" + join({a1, a2})});
    const std::string what = describe("roll", shape, layout, "shift " + std::to_string(s1));
    checks.push_back([=] {
      expect_matches(trueno::roll(t, s1, axis), o1, what + " axis " + std::to_string(axis));
      expect_matches(trueno::roll(t, s1), o2, what + " flattened");
      expect_matches(trueno::roll(t, {s1, s2}, {a1, a2}), o3, what + " axes " + join({a1, a2}));
    });
  }
}

template <class T, std::size_t N, std::size_t... I>
auto pad_by(const Tensor<T, N>& t, const std::vector<std::int64_t>& w, trueno::PadMode mode, T value,
            std::index_sequence<I...> /*unused*/) {
  if (mode == trueno::PadMode::constant)
    return trueno::pad(t, {{trueno::Dim(w[2 * I]), trueno::Dim(w[2 * I + 1])}...}, value);
  return trueno::pad(t, {{trueno::Dim(w[2 * I]), trueno::Dim(w[2 * I + 1])}...}, mode);
}

template <class T, std::size_t N>
void padding_cases(NumpyBatch& np, std::mt19937_64& rng, Checks& checks) {
  const char* modes[] = {"constant", "edge", "reflect", "symmetric", "wrap"};
  for (int rep = 0; rep < 10; ++rep) {
    const std::size_t m = rng() % 5;
    const auto mode = static_cast<trueno::PadMode>(m);
    const auto shape = random_shape<N>(rng, /*nonzero=*/m != 0);
    const auto layout = random_layout(rng);
    const auto t = random_tensor<T>(shape, rng, layout);
    std::vector<std::int64_t> w(2 * N);
    std::string width;
    // NumPy before 2.0 wraps wrongly past one period (numpy/numpy#22575): wrap widths stay within the extent.
    const auto widest = [&](std::size_t d) { return m == 4 ? shape[d] + 1 : std::size_t{8}; };
    for (std::size_t d = 0; d < N; ++d) {
      w[2 * d] = static_cast<std::int64_t>(rng() % widest(d));
      w[2 * d + 1] = static_cast<std::int64_t>(rng() % widest(d));
      width += (d > 0 ? ";" : "") + std::to_string(w[2 * d]) + "," + std::to_string(w[2 * d + 1]);
    }
    const T value = random_value<T>(rng, false);
    std::vector<std::string> args{np.input(t), "@width=" + width, std::string("@mode=") + modes[m]};
    if (m == 0) args.push_back("@value=" + hex(static_cast<double>(value)));
    const auto out = np.call("pad", args);
    checks.push_back([=] {
      const auto got = pad_by(t, w, mode, value, std::make_index_sequence<N>());
      expect_matches(got, out, describe("pad", shape, layout, std::string(modes[m]) + " width " + width));
    });
  }
}

template <class T, std::size_t N>
void sorting_cases(NumpyBatch& np, std::mt19937_64& rng, Checks& checks) {
  for (int rep = 0; rep < 6; ++rep) {
    const auto shape = random_shape<N>(rng);
    const auto layout = random_layout(rng);
    const auto t = random_tensor<T>(shape, rng, layout, /*nans=*/true);
    const auto in = np.input(t);
    const auto axis = static_cast<std::ptrdiff_t>(rng() % (2 * N)) - static_cast<std::ptrdiff_t>(N);
    const std::string ax = "@axis=" + std::to_string(axis);
    const auto o1 = np.call("sort", {in, ax});
    const auto o2 = np.call("argsort", {in, ax});
    const auto o3 = np.call("unique", {in});
    const std::string what = describe("sort", shape, layout, "axis " + std::to_string(axis));
    checks.push_back([=] {
      expect_matches(trueno::sort(t, axis), o1, what);
      expect_matches(trueno::argsort(t, axis), o2, "arg" + what);
      expect_matches(trueno::unique(t), o3, "unique of " + what);
    });
  }
}

// cumsum/cumprod/norm go through dispatched kernels: checked under every backend.
template <class T, std::size_t N>
void cumulative_cases(NumpyBatch& np, std::mt19937_64& rng, Checks& checks) {
  for (int rep = 0; rep < 5; ++rep) {
    const auto shape = random_shape<N>(rng);
    const auto layout = random_layout(rng);
    const auto t = random_tensor<T>(shape, rng, layout);
    const auto in = np.input(t);
    const auto axis = static_cast<std::ptrdiff_t>(rng() % (2 * N)) - static_cast<std::ptrdiff_t>(N);
    const std::string ax = "@axis=" + std::to_string(axis);
    const auto o1 = np.call("cumsum", {in, ax});
    const auto o2 = np.call("cumsum", {in});
    const auto o3 = np.call("cumprod", {in, ax});
    const auto o4 = np.call("cumprod", {in});
    std::string o5, o6;
    if constexpr (!std::is_same_v<T, bool>) {
      o5 = np.call("norm", {in, ax});
      o6 = np.call("norm", {in});
    }
    const std::string what = describe("cumulative", shape, layout, "axis " + std::to_string(axis));
    checks.push_back([=] {
      trueno_test::for_each_backend([&] {
        expect_matches(trueno::cumsum(t, axis), o1, "cumsum " + what);
        expect_matches(trueno::cumsum(t), o2, "flat cumsum " + what);
        expect_matches(trueno::cumprod(t, axis), o3, "cumprod " + what);
        expect_matches(trueno::cumprod(t), o4, "flat cumprod " + what);
        if constexpr (!std::is_same_v<T, bool>) {
          using S = trueno::stat_t<T>;
          const double tol = 8 * static_cast<double>(std::numeric_limits<S>::epsilon());
          expect_matches(trueno::norm(t, axis), o5, "norm " + what, tol);
          expect_matches(trueno::array<S>({trueno::norm(t)}), o6, "flat norm " + what, tol);
        }
      });
    });
  }
}

template <class T, std::size_t N>
void all_cases(NumpyBatch& np, std::mt19937_64& rng, Checks& checks) {
  joining_cases<T, N>(np, rng, checks);
  splitting_cases<T, N>(np, rng, checks);
  repeating_cases<T, N>(np, rng, checks);
  rolling_cases<T, N>(np, rng, checks);
  padding_cases<T, N>(np, rng, checks);
  sorting_cases<T, N>(np, rng, checks);
  cumulative_cases<T, N>(np, rng, checks);
}

template <class T>
void run_all_ranks(std::uint64_t seed) {
  NumpyBatch np;
  std::mt19937_64 rng(seed);
  Checks checks;
  all_cases<T, 1>(np, rng, checks);
  all_cases<T, 2>(np, rng, checks);
  all_cases<T, 3>(np, rng, checks);
  ASSERT_TRUE(np.run());
  for (const auto& c : checks) c();
}

TEST(TensorManipulationVsNumpy, Float32) { run_all_ranks<float>(1); }
TEST(TensorManipulationVsNumpy, Float64) { run_all_ranks<double>(2); }
TEST(TensorManipulationVsNumpy, Int32) { run_all_ranks<std::int32_t>(3); }
TEST(TensorManipulationVsNumpy, Int64) { run_all_ranks<std::int64_t>(4); }
TEST(TensorManipulationVsNumpy, Bool) { run_all_ranks<bool>(5); }

}  // namespace
