// Differential tests of trueno's integer dtypes and 16-bit float reductions against NumPy, through .npy files
// and one python process (tests/differential/integer_ref.py, NumPy 2's weak-scalar rules):
//   - every element-wise op, comparison and reduction of the eight integer dtypes on random bit patterns plus
//     every range edge: wrap-around of + - *, floor_divide and mod with Python's signs and INT_MIN // -1,
//     shifts by negative counts and by the bit width or more, abs(INT_MIN), true division to float64, sums in
//     int64/uint64, NumPy's float for sqrt of integers, weak scalars (a + 100, a * 2.5);
//   - mixed-dtype add and true division for every pair of the integer dtypes, bool, float16, float32 and
//     float64: the result dtype (the .npy file must load as trueno's result_type_t) and every value;
//   - float16 sum, mean, prod, max, min, argmax, argmin against NumPy's float16 reductions; var, std, the
//     NaN-ignoring reductions, clamp and softmax of float16 with NaNs against NumPy in float32 rounded once;
//   - integer power with NumPy's wrap-around for every integer dtype; the bool reductions.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <trueno/trueno.hpp>
#include <tuple>
#include <type_traits>
#include <vector>

#include "common/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using trueno::float16;

using IntTypes = std::tuple<std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
                            std::uint16_t, std::uint32_t, std::uint64_t>;
using MixedTypes = std::tuple<std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
                              std::uint16_t, std::uint32_t, std::uint64_t, bool, float16, float, double>;

constexpr std::size_t kN = 4099;  // odd: every SIMD width ends in a partial vector

std::uint64_t next(std::uint64_t& x) {
  x ^= x << 13U;
  x ^= x >> 7U;
  x ^= x << 17U;
  return x;
}

// Random bit patterns, small values, and every range edge of T at the start (and again near the end).
template <class T>
trueno::Tensor<T, 1> operand(std::uint64_t seed) {
  auto t = trueno::empty<T>({kN});
  T* p = t.data();
  std::uint64_t x = seed;
  for (std::size_t i = 0; i < kN; ++i) {
    const std::uint64_t r = next(x);
    if constexpr (std::is_same_v<T, bool>) {
      p[i] = (r & 1U) != 0;
    } else if constexpr (std::is_same_v<T, float16>) {
      p[i] = float16(static_cast<float>(static_cast<std::int64_t>(r % 2001) - 1000) / 8.0F);
    } else if constexpr (std::is_floating_point_v<T>) {
      p[i] = static_cast<T>(static_cast<double>(static_cast<std::int64_t>(r % 200001) - 100000) / 64.0);
    } else {
      p[i] = (i % 3 == 0) ? static_cast<T>(r % 41) - static_cast<T>(std::is_signed_v<T> ? 20 : 0)
                          : static_cast<T>(r);
    }
  }
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    constexpr T lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
    const T edges[] = {lo, hi, T(0), T(1), T(lo + 1), T(hi - 1), T(-1), T(2), T(7)};
    for (std::size_t i = 0; i < std::size(edges); ++i) {
      p[i] = edges[i];
      p[kN - 1 - i] = edges[(i + seed) % std::size(edges)];
    }
  }
  return t;
}

// Divisors: b without zeros, with -1 against the most negative a (INT_MIN // -1) at index 0.
template <class T>
trueno::Tensor<T, 1> divisors(const trueno::Tensor<T, 1>& b) {
  auto d = b.clone();
  for (std::size_t i = 0; i < kN; ++i) {
    if (d.data()[i] == T(0)) d.data()[i] = T(1);
  }
  d.data()[0] = static_cast<T>(-1);
  return d;
}

// Shift counts in [-3, bits + 3] (as T: negative counts wrap to huge ones for unsigned T, as in NumPy).
template <class T>
trueno::Tensor<T, 1> shift_counts(std::uint64_t seed) {
  auto t = trueno::empty<T>({kN});
  std::uint64_t x = seed;
  constexpr int kBits = 8 * static_cast<int>(sizeof(T));
  for (std::size_t i = 0; i < kN; ++i)
    t.data()[i] = static_cast<T>(static_cast<int>(next(x) % (kBits + 7)) - 3);
  return t;
}

// Exponents of the integer power: 0..12 (wrap-around for the large bases; 0^0 and x^0 included).
template <class T>
trueno::Tensor<T, 1> exponents(std::uint64_t seed) {
  auto t = trueno::empty<T>({kN});
  std::uint64_t x = seed;
  for (std::size_t i = 0; i < kN; ++i) t.data()[i] = static_cast<T>(next(x) % 13);
  return t;
}

template <class T>
std::string dt() {
  return std::string(trueno::dtype_name<T>());
}

class IntegerVsNumPy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new trueno_test::TempDir("trueno_integer");
    std::apply(
        [](auto... tags) {
          (([] {
             using T = decltype(tags);
             const auto a = operand<T>(0x9E3779B97F4A7C15ULL + sizeof(T));
             trueno::io::save_npy(*dir_ / ("a_" + dt<T>() + ".npy"), a);
             if constexpr (std::is_same_v<T, float16>) {
               auto hn = a.clone();  // NaN at the head, every 7th element and the tail
               for (std::size_t i = 0; i < kN; i += 7)
                 hn.data()[i] = std::numeric_limits<float16>::quiet_NaN();
               hn.data()[kN - 1] = std::numeric_limits<float16>::quiet_NaN();
               trueno::io::save_npy(*dir_ / "hn_float16.npy", hn);
             }
             if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
               const auto b = operand<T>(0x2545F4914F6CDD1DULL + sizeof(T) * 3 + std::is_signed_v<T>);
               trueno::io::save_npy(*dir_ / ("b_" + dt<T>() + ".npy"), b);
               trueno::io::save_npy(*dir_ / ("d_" + dt<T>() + ".npy"), divisors(b));
               trueno::io::save_npy(*dir_ / ("s_" + dt<T>() + ".npy"), shift_counts<T>(77 + sizeof(T)));
               trueno::io::save_npy(*dir_ / ("e_" + dt<T>() + ".npy"), exponents<T>(91 + sizeof(T)));
             }
           }()),
           ...);
        },
        MixedTypes{});
    const std::string log = (*dir_ / "numpy.log").string();
    const std::string cmd = std::string("\"") + TRUENO_PYTHON + "\" \"" + TRUENO_TEST_DIR +
                            "/differential/integer_ref.py\" \"" + dir_->path().string() + "\" > \"" + log +
                            "\" 2>&1";
    if (std::system(cmd.c_str()) != 0) {
      std::ifstream f(log);
      failure_ =
          new std::string(cmd + " failed:\n" +
                          std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>()));
    }
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete failure_;
    dir_ = nullptr;
    failure_ = nullptr;
  }
  void SetUp() override {
    if (failure_ != nullptr) FAIL() << *failure_;
  }

  template <class T>
  static trueno::Tensor<T, 1> input(const std::string& name) {
    return trueno::io::load_npy<T, 1>(*dir_ / (name + "_" + dt<T>() + ".npy"));
  }
  // NumPy's answer `file`.npy as a tensor of R and rank N: a different dtype fails the load (io_error).
  template <class R, std::size_t N>
  static trueno::Tensor<R, N> reference(const std::string& file) {
    return trueno::io::load_npy<R, N>(*dir_ / (file + ".npy"));
  }

  // NumPy's 0-d answer `file`.npy, as a value of R.
  template <class R>
  static R scalar_reference(const std::string& file) {
    return reference<R, 0>(file).item();
  }

  static trueno_test::TempDir* dir_;
  static std::string* failure_;
};
trueno_test::TempDir* IntegerVsNumPy::dir_ = nullptr;
std::string* IntegerVsNumPy::failure_ = nullptr;

template <class R>
bool same_value(R got, R want) {
  if constexpr (std::is_floating_point_v<R> || std::is_same_v<R, float16>) {
    const bool gn = std::isnan(static_cast<double>(got)), wn = std::isnan(static_cast<double>(want));
    if (gn || wn) return gn && wn;
    return static_cast<double>(got) == static_cast<double>(want) &&
           std::signbit(static_cast<double>(got)) == std::signbit(static_cast<double>(want));
  } else {
    return got == want;
  }
}

template <class R>
std::string show(R v) {
  if constexpr (std::is_same_v<R, float16> || std::is_same_v<R, trueno::bfloat16>) {
    return trueno::to_string(v);
  } else {
    return std::to_string(+v);  // + shows 8-bit integers as numbers
  }
}

// got must have NumPy's dtype (the load checks it) and every value (floats: bit for bit, any NaN matching).
template <class R, class Ref>
void expect_matches(const trueno::Tensor<R, 1>& got, const Ref& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  std::size_t bad = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (!same_value<R>(got.data()[i], want.data()[i]) && ++bad <= 3) {
      ADD_FAILURE() << what << " element " << i << ": trueno " << show(got.data()[i]) << ", NumPy "
                    << show(want.data()[i]);
    }
  }
  EXPECT_EQ(bad, 0U) << what;
}

template <class F>
void for_each_int(F&& f) {
  std::apply([&](auto... tags) { (f(tags), ...); }, IntTypes{});
}

TEST_F(IntegerVsNumPy, ElementwiseOpsMatchForEveryIntegerDtype) {
  int checked = 0;
  for_each_int([&](auto tag) {
    using T = decltype(tag);
    const auto a = input<T>("a"), b = input<T>("b"), d = input<T>("d"), s = input<T>("s");
    using F = trueno::result_type_t<T, float16>;  // NumPy's float for T
    const auto check = [&](const std::string& op, const auto& got) {
      using R = typename std::remove_cvref_t<decltype(got)>::value_type;
      SCOPED_TRACE(dt<T>() + " " + op);
      expect_matches(got, reference<R, 1>(dt<T>() + "_" + op), dt<T>() + " " + op);
      ++checked;
    };
    check("add", a + b);
    check("sub", a - b);
    check("mul", a * b);
    check("minimum", trueno::minimum(a, b));
    check("maximum", trueno::maximum(a, b));
    check("floor_divide", trueno::floor_divide(a, d));
    check("mod", a % d);
    check("bitwise_and", a & b);
    check("bitwise_or", a | b);
    check("bitwise_xor", a ^ b);
    check("left_shift", a << s);
    check("right_shift", a >> s);
    check("invert", ~a);
    check("negative", -a);
    check("absolute", trueno::abs(a));
    check("true_divide", a / d);
    check("less", a < b);
    check("equal", a == b);
    check("sqrt", trueno::Tensor<F, 1>(trueno::sqrt(a)));
    check("add_s", a + (std::numeric_limits<T>::max() >= 100 ? 100 : 7));
    check("mul_f", a * 2.5);
    check("power", trueno::pow(a, input<T>("e")));
  });
  EXPECT_EQ(checked, 8 * 22);
}

TEST_F(IntegerVsNumPy, ReductionsMatchForEveryIntegerDtype) {
  for_each_int([&](auto tag) {
    using T = decltype(tag);
    SCOPED_TRACE(dt<T>());
    const auto a = input<T>("a");
    using Acc = std::conditional_t<std::is_signed_v<T>, std::int64_t, std::uint64_t>;
    static_assert(std::is_same_v<decltype(trueno::sum(a)), Acc>, "NumPy sums narrower integers in 64 bits");
    EXPECT_EQ(trueno::sum(a), scalar_reference<Acc>(dt<T>() + "_sum"));
    EXPECT_EQ(trueno::prod(a.slice(trueno::range(0, 40))), scalar_reference<Acc>(dt<T>() + "_prod"));
    EXPECT_EQ(trueno::max(a), scalar_reference<T>(dt<T>() + "_max"));
    EXPECT_EQ(trueno::min(a), scalar_reference<T>(dt<T>() + "_min"));
    EXPECT_EQ(trueno::argmax(a), scalar_reference<std::int64_t>(dt<T>() + "_argmax"));
    EXPECT_EQ(trueno::argmin(a), scalar_reference<std::int64_t>(dt<T>() + "_argmin"));
    const auto mean = scalar_reference<double>(dt<T>() + "_mean");
    EXPECT_NEAR(trueno::mean(a), mean, std::abs(mean) * 1e-12);
  });
}

TEST_F(IntegerVsNumPy, MixedDtypesPromoteAndComputeAsNumPy) {
  int checked = 0;
  const auto pair = [&](auto x, auto y) {
    using A = decltype(x);
    using B = decltype(y);
    if constexpr (!(std::is_same_v<A, bool> && std::is_same_v<B, bool>)) {  // bool + bool: NumPy's logical or
      SCOPED_TRACE(dt<A>() + " " + dt<B>());
      const auto a =
          trueno::io::load_npy<A, 1>(*dir_ / ("a_" + dt<A>() + ".npy")).slice(trueno::range(0, 64));
      const auto b =
          trueno::io::load_npy<B, 1>(*dir_ / ("a_" + dt<B>() + ".npy")).slice(trueno::range(0, 64));
      const auto sum = a + b;
      using R = typename decltype(sum)::value_type;
      static_assert(std::is_same_v<R, trueno::result_type_t<A, B>>);
      expect_matches(sum, reference<R, 1>("mix_" + dt<A>() + "_" + dt<B>()), "add");
      if constexpr (std::is_integral_v<B> && !std::is_same_v<B, bool>) {
        const auto d =
            trueno::io::load_npy<B, 1>(*dir_ / ("d_" + dt<B>() + ".npy")).slice(trueno::range(0, 64));
        const auto q = a / d;
        using Q = typename decltype(q)::value_type;
        expect_matches(q, reference<Q, 1>("mixdiv_" + dt<A>() + "_" + dt<B>()), "div");
      } else {
        const auto q = a / b;
        using Q = typename decltype(q)::value_type;
        expect_matches(q, reference<Q, 1>("mixdiv_" + dt<A>() + "_" + dt<B>()), "div");
      }
      ++checked;
    }
  };
  const auto row = [&](auto x) { std::apply([&](auto... ys) { (pair(x, ys), ...); }, MixedTypes{}); };
  std::apply([&](auto... xs) { (row(xs), ...); }, MixedTypes{});
  EXPECT_EQ(checked, 12 * 12 - 1);
}

// NumPy's float16 reductions accumulate in float32 (pairwise) and round once; trueno adds float blocks in
// double: the same or one float16 ulp apart. max, min, argmax, argmin: exact.
TEST_F(IntegerVsNumPy, Float16ReductionsMatch) {
  const auto h = trueno::io::load_npy<float16, 1>(*dir_ / "a_float16.npy");
  const auto ulps = [](float16 x, float16 y) {
    return std::abs(static_cast<int>(x.bits()) - static_cast<int>(y.bits()));
  };
  EXPECT_LE(ulps(trueno::sum(h), scalar_reference<float16>("hsum")), 1);
  EXPECT_LE(ulps(trueno::mean(h), scalar_reference<float16>("hmean")), 1);
  EXPECT_LE(ulps(trueno::prod(h.slice(trueno::range(0, 8))), scalar_reference<float16>("hprod")), 1);
  EXPECT_EQ(trueno::max(h).bits(), scalar_reference<float16>("hmax").bits());
  EXPECT_EQ(trueno::min(h).bits(), scalar_reference<float16>("hmin").bits());
  EXPECT_EQ(trueno::argmax(h), scalar_reference<std::int64_t>("hargmax"));
  EXPECT_EQ(trueno::argmin(h), scalar_reference<std::int64_t>("hargmin"));
}

// NumPy's float16 var/std/nan*/softmax run in float16 arithmetic; trueno computes in float and rounds once,
// as NumPy does on a float32 copy (the reference here): at most one float16 ulp apart. clamp, nanmax, nanmin
// and the NaN-ignoring arg reductions are exact.
TEST_F(IntegerVsNumPy, Float16StatisticsAndNanReductionsMatch) {
  const auto h = trueno::io::load_npy<float16, 1>(*dir_ / "a_float16.npy");
  const auto hn = trueno::io::load_npy<float16, 1>(*dir_ / "hn_float16.npy");
  const auto ulps = [](float16 x, float16 y) {
    return std::abs(static_cast<int>(x.bits()) - static_cast<int>(y.bits()));
  };
  EXPECT_LE(ulps(trueno::var(h), scalar_reference<float16>("hvar")), 1);
  EXPECT_LE(ulps(trueno::std(h, trueno::ddof(1)), scalar_reference<float16>("hstd1")), 1);
  EXPECT_LE(ulps(trueno::nansum(hn), scalar_reference<float16>("hnansum")), 1);
  EXPECT_LE(ulps(trueno::nanmean(hn), scalar_reference<float16>("hnanmean")), 1);
  EXPECT_EQ(trueno::nanmax(hn).bits(), scalar_reference<float16>("hnanmax").bits());
  EXPECT_EQ(trueno::nanmin(hn).bits(), scalar_reference<float16>("hnanmin").bits());
  EXPECT_EQ(trueno::nanargmax(hn), scalar_reference<std::int64_t>("hnanargmax"));
  EXPECT_EQ(trueno::nanargmin(hn), scalar_reference<std::int64_t>("hnanargmin"));
  expect_matches(trueno::clamp(hn, -3.5, 20.25), reference<float16, 1>("hclip"), "clamp");
  const auto sm = trueno::softmax(h.slice(trueno::range(0, 256)) * 0.0625);  // exact scaling
  const auto want = reference<float16, 1>("hsoftmax");
  ASSERT_EQ(sm.size(), want.size());
  int worst = 0;
  for (std::size_t i = 0; i < sm.size(); ++i) worst = std::max(worst, ulps(sm.data()[i], want.data()[i]));
  EXPECT_LE(worst, 1);
}

TEST_F(IntegerVsNumPy, BoolReductionsMatch) {
  const auto b = trueno::io::load_npy<bool, 1>(*dir_ / "a_bool.npy");
  EXPECT_EQ(trueno::max(b), scalar_reference<bool>("bmax"));
  EXPECT_EQ(trueno::min(b), scalar_reference<bool>("bmin"));
  EXPECT_EQ(trueno::argmax(b), scalar_reference<std::int64_t>("bargmax"));
  EXPECT_EQ(trueno::argmin(b), scalar_reference<std::int64_t>("bargmin"));
  EXPECT_EQ(trueno::prod(b.slice(trueno::range(0, 3))), scalar_reference<std::int64_t>("bprod"));
  EXPECT_DOUBLE_EQ(trueno::mean(b), scalar_reference<double>("bmean"));
  EXPECT_NEAR(trueno::var(b), scalar_reference<double>("bvar"), 1e-15);
}

}  // namespace
