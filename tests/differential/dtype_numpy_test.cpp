// Differential tests of trueno's dtypes against NumPy (and PyTorch for bfloat16), through raw files and one
// python process (tests/differential/dtype_ref.py):
//   - the promotion table, all 12x12 pairs of NumPy's dtypes, against numpy.result_type;
//   - can_cast for every pair and the five castings against numpy.can_cast;
//   - float16 -> float32 for all 65536 bit patterns, bit for bit (NaNs: trueno quiets signalling ones, as
//   F16C
//     does; NumPy keeps them signalling: that bit aside, payloads agree);
//   - float32, float64 and 64-bit integers -> float16 on strides through every bit pattern plus every
//   boundary
//     and tie, against NumPy's casts; float32 -> bfloat16 and bfloat16 -> float32 against PyTorch;
//   - float16 arithmetic and math functions on all 65536 patterns against NumPy's float16 ufuncs, bfloat16's
//     against PyTorch's;
//   - Tensor::astype between every pair of NumPy's dtypes on random bit patterns, range edges, NaN,
//   infinities
//     and denormals, bit for bit (floats: any NaN matches any NaN), through .npy files of every dtype.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <trueno/trueno.hpp>
#include <tuple>
#include <vector>

#include "common/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using trueno::bfloat16;
using trueno::float16;

template <class T>
void write_raw(const fs::path& p, const std::vector<T>& v) {
  std::ofstream f(p, std::ios::binary);
  f.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
}

template <class T>
std::vector<T> read_raw(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::vector<T> v(bytes.size() / sizeof(T));
  std::memcpy(v.data(), bytes.data(), v.size() * sizeof(T));
  return v;
}

struct Inputs {
  std::vector<std::uint32_t> f32;
  std::vector<std::uint64_t> f64;
  std::vector<std::int64_t> i64;
  std::vector<std::uint64_t> u64;
};

Inputs make_inputs() {
  Inputs in;
  for (std::uint64_t b = 0; b < (std::uint64_t{1} << 32U); b += 4099)
    in.f32.push_back(static_cast<std::uint32_t>(b));
  // Every exponent with mantissas at and around both formats' ties (bit 12 for float16, bit 15 for bfloat16).
  for (std::uint32_t sign = 0; sign < 2; ++sign) {
    for (std::uint32_t e = 0; e < 256; ++e) {
      for (std::uint32_t m : {0x000000U, 0x000001U, 0x000FFFU, 0x001000U, 0x001001U, 0x002FFFU, 0x003000U,
                              0x003001U, 0x007FFFU, 0x008000U, 0x008001U, 0x018000U, 0x400000U, 0x7FFFFFU}) {
        in.f32.push_back((sign << 31U) | (e << 23U) | m);
      }
    }
  }
  std::uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 400000; ++i) {  // random doubles, and random doubles near float16's range
    x ^= x << 13U;
    x ^= x >> 7U;
    x ^= x << 17U;
    in.f64.push_back(x);
    const int e = static_cast<int>(x % 50) - 30;
    in.f64.push_back(
        std::bit_cast<std::uint64_t>(std::ldexp(1.0 + static_cast<double>(x >> 12U) * 0x1p-52, e)));
  }
  for (int e = -26; e <= 17; ++e) {  // ties of float16 with a tiny excess or deficit, which float would lose
    for (int k = 0; k < 1024; k += 3) {
      const double tie = std::ldexp(1.0 + (2 * k + 1) / 2048.0, e);
      for (double d : {tie, std::nextafter(tie, 0.0), std::nextafter(tie, 4.0), -tie})
        in.f64.push_back(std::bit_cast<std::uint64_t>(d));
    }
  }
  for (std::int64_t v = -70000; v <= 70000; v += 3) in.i64.push_back(v);
  for (std::int64_t v : {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
                         std::int64_t{65519}, std::int64_t{65520}, std::int64_t{-65520}})
    in.i64.push_back(v);
  for (std::uint64_t v = 0; v < 100000; v += 7) in.u64.push_back(v);
  in.u64.push_back(std::numeric_limits<std::uint64_t>::max());
  return in;
}

using NumPyTypes = std::tuple<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
                              std::uint16_t, std::uint32_t, std::uint64_t, float16, float, double>;

// Values of T worth casting: random bit patterns, every range edge of the 13 dtypes and a bit beyond, halves
// (truncation), negative fractions, signed zeros, NaN, infinities, denormals.
template <class T>
trueno::Tensor<T, 1> cast_sources() {
  std::vector<double> edges = {0.0,
                               -0.0,
                               0.5,
                               -0.5,
                               0.9,
                               -0.9,
                               1.0,
                               -1.0,
                               1.5,
                               -1.5,
                               2.5,
                               127.5,
                               -128.5,
                               255.5,
                               -1e-300,
                               1e-40,
                               65504.0,
                               65520.0,
                               -65536.0,
                               1e10,
                               -1e10,
                               3e9,
                               5e9,
                               1e19,
                               2e19,
                               -1e19,
                               std::numeric_limits<double>::infinity(),
                               -std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::quiet_NaN()};
  for (int e : {7, 8, 15, 16, 31, 32, 63, 64}) {
    for (double d : {-2.0, -1.0, 0.0, 1.0}) {
      edges.push_back(std::ldexp(1.0, e) + d);
      edges.push_back(-std::ldexp(1.0, e) + d);
    }
  }
  std::vector<T> values;
  for (double d : edges) {
    if constexpr (std::is_floating_point_v<T> || trueno::is_float16_like_v<T>) {
      values.push_back(trueno::detail::cast_value<T>(d));
    } else if constexpr (!std::is_same_v<T, bool>) {
      // Integers: only the edges that are in range (as NumPy's cast of an integer literal would require).
      if (std::isfinite(d) && d == std::trunc(d) && d >= static_cast<double>(std::numeric_limits<T>::min()) &&
          d < static_cast<double>(std::numeric_limits<T>::max()) + 1.0)
        values.push_back(static_cast<T>(d));
    }
  }
  if constexpr (std::is_same_v<T, bool>) {
    values = {true, false, false, true};
  } else {
    values.push_back(std::numeric_limits<T>::lowest());
    values.push_back(std::numeric_limits<T>::max());
  }
  std::uint64_t x = 0x2545F4914F6CDD1DULL;
  for (int i = 0; i < 3000; ++i) {
    x ^= x << 13U;
    x ^= x >> 7U;
    x ^= x << 17U;
    if constexpr (std::is_same_v<T, bool>) {
      values.push_back((x & 1U) != 0);
    } else if constexpr (trueno::is_float16_like_v<T>) {
      values.push_back(T::from_bits(static_cast<std::uint16_t>(x)));
    } else if constexpr (std::is_same_v<T, float>) {
      values.push_back(std::bit_cast<float>(static_cast<std::uint32_t>(x)));
    } else if constexpr (std::is_same_v<T, double>) {
      values.push_back(std::bit_cast<double>(x));
    } else {
      values.push_back(static_cast<T>(x));
    }
    // Magnitudes spread over every integer width: sign * mantissa * 2^e, e in [0, 66).
    if constexpr (std::is_floating_point_v<T> || trueno::is_float16_like_v<T>) {
      const double m = static_cast<double>(x >> 11U) * 0x1p-53;
      const double v = std::ldexp((x & 1U) != 0 ? -m : m, static_cast<int>((x >> 3U) % 66));
      values.push_back(trueno::detail::cast_value<T>(v));
    }
  }
  auto t = trueno::empty<T>({values.size()});
  std::copy(values.begin(), values.end(), t.data());
  return t;
}

// Every float16 bit pattern (operand 0) against a permutation of them (operand 1), as (256, 256) tensors.
trueno::Tensor<float16, 2> half_operand(int which) {
  auto t = trueno::empty<float16>({256, 256});
  for (std::uint32_t i = 0; i < 65536; ++i) {
    const std::uint32_t bits = which == 0 ? i : (i * 40503U + 12345U) & 0xFFFFU;
    t.data()[i] = float16::from_bits(static_cast<std::uint16_t>(bits));
  }
  return t;
}

// The reference run, shared by the tests of this file.
class DtypeVsNumPy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new trueno_test::TempDir("trueno_dtype");
    inputs_ = new Inputs(make_inputs());
    write_raw(*dir_ / "f32.bin", inputs_->f32);
    write_raw(*dir_ / "f64.bin", inputs_->f64);
    write_raw(*dir_ / "i64.bin", inputs_->i64);
    write_raw(*dir_ / "u64.bin", inputs_->u64);
    trueno::io::save_npy(*dir_ / "half_a.npy", half_operand(0));
    trueno::io::save_npy(*dir_ / "half_b.npy", half_operand(1));
    std::apply(
        [](auto... tags) {
          (trueno::io::save_npy(*dir_ / ("src_" + std::string(trueno::dtype_name<decltype(tags)>()) + ".npy"),
                                cast_sources<decltype(tags)>()),
           ...);
        },
        NumPyTypes{});
    const std::string log = (*dir_ / "numpy.log").string();
    const std::string cmd = std::string("\"") + TRUENO_PYTHON + "\" \"" + TRUENO_TEST_DIR +
                            "/differential/dtype_ref.py\" \"" + dir_->path().string() + "\" > \"" + log +
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
    delete inputs_;
    delete failure_;
    dir_ = nullptr;
    inputs_ = nullptr;
    failure_ = nullptr;
  }
  void SetUp() override {
    if (failure_ != nullptr) FAIL() << *failure_;
  }

  static trueno_test::TempDir* dir_;
  static Inputs* inputs_;
  static std::string* failure_;
};
trueno_test::TempDir* DtypeVsNumPy::dir_ = nullptr;
Inputs* DtypeVsNumPy::inputs_ = nullptr;
std::string* DtypeVsNumPy::failure_ = nullptr;

template <class A, class F, class... B>
void for_each_second(F& f, std::tuple<B...> /*types*/) {
  (f(A{}, B{}), ...);
}
template <class F, class... A>
void for_each_first(F& f, std::tuple<A...> types) {
  (for_each_second<A>(f, types), ...);
}
// Calls f(A{}, B{}) for every pair of NumPy's dtypes.
template <class F>
void for_each_pair(F&& f) {
  for_each_first(f, NumPyTypes{});
}

std::map<std::string, std::string> read_table(const fs::path& p, int key_fields) {
  std::map<std::string, std::string> table;
  std::ifstream f(p);
  std::string line;
  while (std::getline(f, line)) {
    std::istringstream ss(line);
    std::string key, word;
    for (int i = 0; i < key_fields && ss >> word; ++i) key += (i != 0 ? " " : "") + word;
    ss >> word;
    table[key] = word;
  }
  return table;
}

TEST_F(DtypeVsNumPy, PromotionTableMatchesResultTypeForAllPairs) {
  const auto table = read_table(*dir_ / "promotion.txt", 2);
  ASSERT_EQ(table.size(), 144U);
  int checked = 0;
  for_each_pair([&](auto a, auto b) {
    using A = decltype(a);
    using B = decltype(b);
    const std::string key = std::string(trueno::dtype_name<A>()) + " " + std::string(trueno::dtype_name<B>());
    const auto it = table.find(key);
    ASSERT_NE(it, table.end()) << key;
    using R = trueno::result_type_t<A, B>;
    EXPECT_EQ(trueno::dtype_name<R>(), it->second) << key;
    ++checked;
  });
  EXPECT_EQ(checked, 144);
}

TEST_F(DtypeVsNumPy, CanCastMatchesForAllPairsAndCastings) {
  const auto table = read_table(*dir_ / "can_cast.txt", 3);
  ASSERT_EQ(table.size(), 144U * 5U);
  constexpr std::pair<trueno::Casting, std::string_view> kCastings[] = {
      {trueno::Casting::no, "no"},
      {trueno::Casting::equiv, "equiv"},
      {trueno::Casting::safe, "safe"},
      {trueno::Casting::same_kind, "same_kind"},
      {trueno::Casting::unsafe, "unsafe"}};
  int checked = 0;
  for_each_pair([&](auto a, auto b) {
    using A = decltype(a);
    using B = decltype(b);
    for (const auto& [casting, name] : kCastings) {
      const std::string key = std::string(trueno::dtype_name<A>()) + " " +
                              std::string(trueno::dtype_name<B>()) + " " + std::string(name);
      const auto it = table.find(key);
      ASSERT_NE(it, table.end()) << key;
      const bool got = trueno::can_cast<A, B>(casting);
      EXPECT_EQ(got, it->second == "1") << key;
      ++checked;
    }
  });
  EXPECT_EQ(checked, 720);
}

TEST_F(DtypeVsNumPy, Float16ToFloatForAllBitPatterns) {
  const auto ref = read_raw<std::uint32_t>(*dir_ / "half_to_float.bin");
  ASSERT_EQ(ref.size(), 65536U);
  for (std::uint32_t b = 0; b < 65536; ++b) {
    const auto got = std::bit_cast<std::uint32_t>(float(float16::from_bits(static_cast<std::uint16_t>(b))));
    if (std::isnan(std::bit_cast<float>(ref[b]))) {
      ASSERT_EQ(got, ref[b] | 0x00400000U) << std::hex << b;  // the quiet bit, set by trueno (and F16C)
    } else {
      ASSERT_EQ(got, ref[b]) << std::hex << b;
    }
  }
}

// NumPy's float16 for a NaN input keeps a signalling NaN signalling and, when the payload would vanish, sets
// the lowest bit; trueno sets the quiet bit. Quiet NaNs agree bit for bit.
void expect_half_matches(std::uint16_t got, std::uint16_t ref, bool input_is_quiet_nan,
                         const std::string& what) {
  const bool ref_nan = (ref & 0x7FFFU) > 0x7C00U;
  if (!ref_nan || input_is_quiet_nan) {
    ASSERT_EQ(got, ref) << what;
  } else {
    ASSERT_TRUE((got & 0x7FFFU) > 0x7C00U && (got & 0x8000U) == (ref & 0x8000U)) << what;
    ASSERT_EQ(got & 0x0200U, 0x0200U) << what;
  }
}

TEST_F(DtypeVsNumPy, FloatAndDoubleToFloat16MatchNumPy) {
  const auto ref32 = read_raw<std::uint16_t>(*dir_ / "f32_to_f16.bin");
  ASSERT_EQ(ref32.size(), inputs_->f32.size());
  for (std::size_t i = 0; i < ref32.size(); ++i) {
    const std::uint32_t b = inputs_->f32[i];
    const bool quiet_nan = (b & 0x7FC00000U) == 0x7FC00000U;
    std::ostringstream what;
    what << "float bits 0x" << std::hex << b;
    expect_half_matches(float16(std::bit_cast<float>(b)).bits(), ref32[i], quiet_nan, what.str());
  }
  const auto ref64 = read_raw<std::uint16_t>(*dir_ / "f64_to_f16.bin");
  ASSERT_EQ(ref64.size(), inputs_->f64.size());
  for (std::size_t i = 0; i < ref64.size(); ++i) {
    const std::uint64_t b = inputs_->f64[i];
    const bool quiet_nan = (b & 0x7FF8000000000000ULL) == 0x7FF8000000000000ULL;
    std::ostringstream what;
    what << "double bits 0x" << std::hex << b;
    expect_half_matches(float16(std::bit_cast<double>(b)).bits(), ref64[i], quiet_nan, what.str());
  }
}

TEST_F(DtypeVsNumPy, IntegersToFloat16MatchNumPy) {
  const auto ref_i = read_raw<std::uint16_t>(*dir_ / "i64_to_f16.bin");
  ASSERT_EQ(ref_i.size(), inputs_->i64.size());
  for (std::size_t i = 0; i < ref_i.size(); ++i)
    ASSERT_EQ(float16(inputs_->i64[i]).bits(), ref_i[i]) << inputs_->i64[i];
  const auto ref_u = read_raw<std::uint16_t>(*dir_ / "u64_to_f16.bin");
  ASSERT_EQ(ref_u.size(), inputs_->u64.size());
  for (std::size_t i = 0; i < ref_u.size(); ++i)
    ASSERT_EQ(float16(inputs_->u64[i]).bits(), ref_u[i]) << inputs_->u64[i];
}

TEST_F(DtypeVsNumPy, BFloat16MatchesPyTorch) {
  if (!fs::exists(*dir_ / "f32_to_bf16.bin")) GTEST_SKIP() << "PyTorch is not installed";
  const auto ref = read_raw<std::uint16_t>(*dir_ / "f32_to_bf16.bin");
  ASSERT_EQ(ref.size(), inputs_->f32.size());
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const float f = std::bit_cast<float>(inputs_->f32[i]);
    const std::uint16_t got = bfloat16(f).bits();
    if (std::isnan(f)) {
      // PyTorch returns its one canonical NaN; trueno keeps the sign and the top of the payload.
      ASSERT_TRUE(trueno::isnan(bfloat16::from_bits(ref[i])));
      ASSERT_TRUE(trueno::isnan(bfloat16::from_bits(got)));
    } else {
      ASSERT_EQ(got, ref[i]) << std::hex << inputs_->f32[i];
    }
  }
  const auto back = read_raw<std::uint32_t>(*dir_ / "bf16_to_float.bin");
  ASSERT_EQ(back.size(), 65536U);
  for (std::uint32_t b = 0; b < 65536; ++b) {
    const auto got = std::bit_cast<std::uint32_t>(float(bfloat16::from_bits(static_cast<std::uint16_t>(b))));
    ASSERT_EQ(got, back[b]) << std::hex << b;
  }
}

TEST_F(DtypeVsNumPy, AstypeMatchesNumPyForEveryPairOfDtypes) {
  int checked = 0;
  for_each_pair([&](auto a, auto b) {
    using A = decltype(a);
    using B = decltype(b);
    const std::string name =
        std::string(trueno::dtype_name<A>()) + " -> " + std::string(trueno::dtype_name<B>());
    const auto src = cast_sources<A>();
    const auto got = src.template astype<B>();
    const auto ref =
        trueno::io::load_npy<B, 1>(*dir_ / ("cast_" + std::string(trueno::dtype_name<A>()) + "_" +
                                            std::string(trueno::dtype_name<B>()) + ".npy"));
    ASSERT_EQ(got.size(), ref.size()) << name;
    std::size_t bad = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
      bool same = false;
      if constexpr (trueno::is_float16_like_v<B>) {
        same = got(i).bits() == ref(i).bits() || (trueno::isnan(got(i)) && trueno::isnan(ref(i)));
      } else if constexpr (std::is_floating_point_v<B>) {
        same = std::bit_cast<std::conditional_t<sizeof(B) == 4, std::uint32_t, std::uint64_t>>(got(i)) ==
                   std::bit_cast<std::conditional_t<sizeof(B) == 4, std::uint32_t, std::uint64_t>>(ref(i)) ||
               (std::isnan(got(i)) && std::isnan(ref(i)));
      } else {
        same = got(i) == ref(i);
        if constexpr (std::is_same_v<B, std::uint32_t> && std::is_floating_point_v<A>) {
          // NumPy's scalar tail of its float -> uint32 loop keeps the low 32 bits of the int64 conversion
          // where its vector body (and trueno) go through the 2^31 offset: out of range, either is NumPy's.
          const double x = static_cast<double>(src(i));
          const bool in_range = x > -2147483649.0 && x < 4294967296.0;
          same = same || (!in_range && ref(i) == static_cast<std::uint32_t>(static_cast<std::uint64_t>(
                                                     trueno::detail::x86_truncate<std::int64_t>(x))));
        }
      }
      if (!same && ++bad <= 3) {
        ADD_FAILURE() << name << " element " << i << ": source " << double(static_cast<double>(src(i)))
                      << " gives " << static_cast<double>(got(i)) << ", NumPy "
                      << static_cast<double>(ref(i));
      }
    }
    EXPECT_EQ(bad, 0U) << name;
    ++checked;
  });
  EXPECT_EQ(checked, 144);
}

// One op's 65536 results against the reference bits: equal, or both NaN, or (max_ulps > 0) of one sign and
// at most max_ulps apart.
template <class H>
void expect_half_bits(const char* op, const trueno::Tensor<H, 2>& a, const trueno::Tensor<H, 2>& b,
                      const trueno::Tensor<H, 2>& got, const std::vector<std::uint16_t>& ref, int max_ulps) {
  ASSERT_EQ(ref.size(), got.size()) << op;
  std::size_t bad = 0;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const H g = got.data()[i], r = H::from_bits(ref[i]);
    bool ok = g.bits() == r.bits() || (trueno::isnan(g) && trueno::isnan(r));
    if (!ok && max_ulps > 0 && !trueno::isnan(g) && !trueno::isnan(r) &&
        trueno::signbit(g) == trueno::signbit(r)) {
      ok = std::abs(static_cast<int>(g.bits()) - static_cast<int>(r.bits())) <= max_ulps;
    }
    if (!ok && ++bad <= 3) {
      ADD_FAILURE() << op << " element " << i << ": a=0x" << std::hex << a.data()[i].bits() << " b=0x"
                    << b.data()[i].bits() << " gives 0x" << g.bits() << ", reference 0x" << r.bits();
    }
  }
  EXPECT_EQ(bad, 0U) << op;
}

// float16 tensor arithmetic against NumPy's float16 ufuncs, all 65536 patterns, bit for bit (any NaN matches
// any NaN); the transcendental functions, computed in float by both, within one float16 ulp.
TEST_F(DtypeVsNumPy, Float16TensorArithmeticMatchesNumPy) {
  const auto a = half_operand(0), b = half_operand(1);
  struct Op {
    const char* name;
    trueno::Tensor<float16, 2> got;
    int max_ulps;
  };
  const auto mag = trueno::abs(b);
  const Op ops[] = {{"add", a + b, 0},
                    {"sub", a - b, 0},
                    {"mul", a * b, 0},
                    {"div", a / b, 0},
                    {"minimum", trueno::minimum(a, b), 0},
                    {"maximum", trueno::maximum(a, b), 0},
                    {"sqrt", trueno::sqrt(mag), 0},
                    {"exp", trueno::exp(a), 1},
                    {"log", trueno::log(mag), 1},
                    {"log1p", trueno::log1p(mag), 1},
                    {"expm1", trueno::expm1(a), 1},
                    {"sin", trueno::sin(a), 1},
                    {"cos", trueno::cos(a), 1},
                    {"tanh", trueno::tanh(a), 1},
                    {"atan", trueno::atan(a), 1}};
  for (const auto& op : ops) {
    const auto ref = trueno::io::load_npy<float16, 2>(*dir_ / ("half_" + std::string(op.name) + ".npy"));
    std::vector<std::uint16_t> bits(ref.size());
    for (std::size_t i = 0; i < ref.size(); ++i) bits[i] = ref.data()[i].bits();
    expect_half_bits(op.name, a, b, op.got, bits, op.max_ulps);
  }
}

// The same 65536 bit patterns as bfloat16 against PyTorch's bfloat16 ops (computed in float and rounded once
// by both): arithmetic bit for bit, exp, log and tanh within one bfloat16 ulp.
TEST_F(DtypeVsNumPy, BFloat16TensorArithmeticMatchesPyTorch) {
  if (!fs::exists(*dir_ / "bf16_add.bin")) GTEST_SKIP() << "PyTorch is not installed";
  const auto to_bf16 = [](const trueno::Tensor<float16, 2>& h) {
    auto t = trueno::empty<bfloat16>({256, 256});
    for (std::size_t i = 0; i < h.size(); ++i) t.data()[i] = bfloat16::from_bits(h.data()[i].bits());
    return t;
  };
  const auto a = to_bf16(half_operand(0)), b = to_bf16(half_operand(1));
  const auto mag = trueno::abs(b);
  struct Op {
    const char* name;
    trueno::Tensor<bfloat16, 2> got;
    int max_ulps;
  };
  const Op ops[] = {{"add", a + b, 0},
                    {"sub", a - b, 0},
                    {"mul", a * b, 0},
                    {"div", a / b, 0},
                    {"minimum", trueno::minimum(a, b), 0},
                    {"maximum", trueno::maximum(a, b), 0},
                    {"sqrt", trueno::sqrt(mag), 0},
                    {"exp", trueno::exp(a), 1},
                    {"log", trueno::log(mag), 1},
                    {"tanh", trueno::tanh(a), 1}};
  for (const auto& op : ops) {
    expect_half_bits(op.name, a, b, op.got,
                     read_raw<std::uint16_t>(*dir_ / ("bf16_" + std::string(op.name) + ".bin")), op.max_ulps);
  }
}

}  // namespace
