// Tensor<T, N> for every one of the 13 dtypes: creation, element access, zero-copy views, copies, fill and
// assignment through views, astype between every pair (NumPy's unsafe-cast semantics at the range edges), and
// .npy round trips. The values of astype at the edges are NumPy 1.24's on x86-64; the differential test
// tests/differential/dtype_numpy_test.cpp checks astype against NumPy on random data.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <trueno/trueno.hpp>
#include <tuple>
#include <type_traits>

#include "common/backends.hpp"
#include "common/temp_dir.hpp"

namespace {

using trueno::bfloat16;
using trueno::float16;

template <class T>
class TensorDtypes : public ::testing::Test {};

using AllDtypes =
    ::testing::Types<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t, std::uint16_t,
                     std::uint32_t, std::uint64_t, float16, bfloat16, float, double>;

class DtypeNames {
 public:
  template <class T>
  static std::string GetName(int /*index*/) {
    return std::string(trueno::dtype_name<T>());
  }
};
TYPED_TEST_SUITE(TensorDtypes, AllDtypes, DtypeNames);

// The value k as a T (k small and non-negative: representable in every dtype; bool: k != 0).
template <class T>
T val(int k) {
  return trueno::detail::cast_value<T>(k);
}

template <class T>
bool same(T a, T b) {
  if constexpr (trueno::is_float16_like_v<T>) {
    return a.bits() == b.bits();
  } else {
    return a == b;
  }
}

TYPED_TEST(TensorDtypes, CreationAndElementAccess) {
  using T = TypeParam;
  const auto z = trueno::zeros<T>({2, 3});
  const auto o = trueno::ones<T>({2, 3});
  const auto f = trueno::full<T>({4}, val<T>(1));
  EXPECT_EQ(z.shape(), (std::array<std::size_t, 2>{2, 3}));
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t j = 0; j < 3; ++j) {
      EXPECT_TRUE(same(z(i, j), val<T>(0)));
      EXPECT_TRUE(same(o(i, j), val<T>(1)));
    }
  }
  for (std::size_t i = 0; i < 4; ++i) EXPECT_TRUE(same(f(i), val<T>(1)));
  const auto e = trueno::eye<T>(3);
  EXPECT_TRUE(same(e(1, 1), val<T>(1)));
  EXPECT_TRUE(same(e(1, 2), val<T>(0)));
  const auto s = trueno::zeros<T>({});
  EXPECT_TRUE(same(s.item(), val<T>(0)));
  EXPECT_THROW((void)z.at(2, 0), trueno::index_error);
  EXPECT_EQ(sizeof(*z.data()), sizeof(T));
}

TYPED_TEST(TensorDtypes, ArrayFromNestedLists) {
  using T = TypeParam;
  if constexpr (std::is_same_v<T, bool>) {
    const auto a = trueno::array<T>({{true, false}, {false, true}});
    EXPECT_TRUE(a(0, 0) && !a(0, 1) && a(1, 1));
  } else {
    const auto a = trueno::array<T>({{1, 2, 3}, {4, 5, 6}});
    ASSERT_EQ(a.shape(), (std::array<std::size_t, 2>{2, 3}));
    EXPECT_TRUE(same(a(1, 2), val<T>(6)));
    EXPECT_TRUE(same(a(0, 1), val<T>(2)));
  }
}

TYPED_TEST(TensorDtypes, ViewsShareStorageAndCopiesDoNot) {
  using T = TypeParam;
  auto a = trueno::zeros<T>({3, 4});
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 4; ++j) a(i, j) = val<T>(static_cast<int>((i * 4 + j) % 2 == 0 ? 1 : 0));
  const auto t = a.transpose();
  EXPECT_EQ(t.shape(), (std::array<std::size_t, 2>{4, 3}));
  EXPECT_TRUE(same(t(2, 1), a(1, 2)));
  const auto sl = a.slice(trueno::all, trueno::range(1, 4, 2));
  EXPECT_TRUE(same(sl(2, 1), a(2, 3)));
  const auto r = a.reshape({2, 6});
  EXPECT_EQ(r.data(), a.data());
  const auto fl = trueno::flip(a, 1);
  EXPECT_TRUE(same(fl(0, 0), a(0, 3)));
  const auto c = t.clone();
  EXPECT_TRUE(c.is_contiguous());
  EXPECT_NE(c.data(), a.data());
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 3; ++j) EXPECT_TRUE(same(c(i, j), a(j, i)));
  // Writes through a view reach the base; the copy keeps the old values.
  sl.fill(val<T>(0));
  EXPECT_TRUE(same(a(0, 1), val<T>(0)));
  EXPECT_TRUE(same(a(2, 3), val<T>(0)));
  a.slice(trueno::all, 0).assign(trueno::ones<T>({3}));
  EXPECT_TRUE(same(a(2, 0), val<T>(1)));
  EXPECT_TRUE(same(c(0, 0), val<T>(1)));
  EXPECT_TRUE(same(c(3, 2), val<T>(0)));
}

TYPED_TEST(TensorDtypes, AstypeToEveryDtypeKeepsSmallValues) {
  using T = TypeParam;
  const auto a = trueno::arange<double>(6).reshape({2, 3}).transpose().astype<T>();  // strided source
  EXPECT_TRUE(a.is_contiguous());
  auto check = [&](auto tag) {
    using U = decltype(tag);
    const auto b = a.transpose().template astype<U>();  // a strided view again
    ASSERT_EQ(b.shape(), (std::array<std::size_t, 2>{2, 3}));
    for (std::size_t i = 0; i < 2; ++i) {
      for (std::size_t j = 0; j < 3; ++j) {
        const int k = static_cast<int>(i * 3 + j);
        const int expect = std::is_same_v<T, bool> ? (k != 0 ? 1 : 0) : k;
        EXPECT_TRUE(same(b(i, j), val<U>(expect)))
            << trueno::dtype_name<T>() << " -> " << trueno::dtype_name<U>();
      }
    }
  };
  std::apply([&](auto... tags) { (check(tags), ...); },
             std::tuple<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
                        std::uint16_t, std::uint32_t, std::uint64_t, float16, bfloat16, float, double>{});
}

TYPED_TEST(TensorDtypes, NpyRoundTripKeepsBitsShapeAndDtype) {
  using T = TypeParam;
  const trueno_test::TempDir dir("trueno_dtypes");
  auto a = trueno::zeros<T>({3, 5});
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 5; ++j) a(i, j) = val<T>(static_cast<int>((7 * i + j) % 3));
  const auto p = dir / "a.npy";
  trueno::io::save_npy(p, a.transpose());
  const auto b = trueno::io::load_npy<T, 2>(p);
  ASSERT_EQ(b.shape(), (std::array<std::size_t, 2>{5, 3}));
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 5; ++j) EXPECT_TRUE(same(b(j, i), a(i, j)));
  // Another dtype of the same size is refused.
  if constexpr (sizeof(T) == 4 && !std::is_same_v<T, float>) {
    auto load_as_float = [&] { return trueno::io::load_npy<float, 2>(p); };
    EXPECT_THROW((void)load_as_float(), trueno::io_error);
  }
}

TEST(TensorAstype, FloatToIntegerEdgesMatchNumPyOnX86) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  const auto x = trueno::array<double>({nan, inf, -inf, 300.7, -300.7, -1.5, 1e10, -1e10, 3e9, 5e9, 1e19,
                                        2e19, -1e19, 127.9, -128.9, 255.9, 65535.9, -0.9});
  // numpy 1.24: np.array([...]).astype(t).tolist()
  auto expect = [&](auto tag, std::initializer_list<long double> want) {
    using U = decltype(tag);
    const auto got = x.astype<U>();
    std::size_t i = 0;
    for (long double w : want) {
      EXPECT_EQ(static_cast<long double>(got(i)), w) << trueno::dtype_name<U>() << " element " << i;
      ++i;
    }
    EXPECT_EQ(i, got.size());
  };
  expect(std::int8_t{}, {0, 0, 0, 44, -44, -1, 0, 0, 0, 0, 0, 0, 0, 127, -128, -1, -1, 0});
  expect(std::uint8_t{}, {0, 0, 0, 44, 212, 255, 0, 0, 0, 0, 0, 0, 0, 127, 128, 255, 255, 0});
  expect(std::int16_t{}, {0, 0, 0, 300, -300, -1, 0, 0, 0, 0, 0, 0, 0, 127, -128, 255, -1, 0});
  expect(std::uint16_t{}, {0, 0, 0, 300, 65236, 65535, 0, 0, 0, 0, 0, 0, 0, 127, 65408, 255, 65535, 0});
  constexpr long double kMin32 = -2147483648.0L;
  expect(std::int32_t{}, {kMin32, kMin32, kMin32, 300, -300, -1, kMin32, kMin32, kMin32, kMin32, kMin32,
                          kMin32, kMin32, 127, -128, 255, 65535, 0});
  expect(std::uint32_t{},
         {2147483648.0L, 0, 2147483648.0L, 300, 4294966996.0L, 4294967295.0L, 0, 2147483648.0L, 3000000000.0L,
          0, 0, 0, 2147483648.0L, 127, 4294967168.0L, 255, 65535, 0});
  constexpr long double kMin64 = -9223372036854775808.0L;
  expect(std::int64_t{}, {kMin64, kMin64, kMin64, 300, -300, -1, 10000000000.0L, -10000000000.0L,
                          3000000000.0L, 5000000000.0L, kMin64, kMin64, kMin64, 127, -128, 255, 65535, 0});
  expect(std::uint64_t{},
         {9223372036854775808.0L, 0, 9223372036854775808.0L, 300, 18446744073709551316.0L,
          18446744073709551615.0L, 10000000000.0L, 18446744063709551616.0L, 3000000000.0L, 5000000000.0L,
          10000000000000000000.0L, 0, 9223372036854775808.0L, 127, 18446744073709551488.0L, 255, 65535, 0});
  const auto b = x.astype<bool>();
  for (std::size_t i = 0; i < b.size(); ++i) EXPECT_TRUE(b(i)) << i;  // NaN and -0.9 are true
  EXPECT_FALSE(trueno::array<double>({-0.0}).astype<bool>()(0));
  EXPECT_FALSE(trueno::array<float16>({0.0}).astype<bool>()(0));
}

TEST(TensorAstype, IntegersWrapAndFloatsRoundOnce) {
  const auto i = trueno::array<std::int64_t>({300, -1, 70000, -129});
  const auto i8 = i.astype<std::int8_t>();
  EXPECT_EQ(i8(0), 44);
  EXPECT_EQ(i8(1), -1);
  EXPECT_EQ(i8(2), 112);
  EXPECT_EQ(i8(3), 127);
  EXPECT_EQ(trueno::array<std::int8_t>({-1}).astype<std::uint64_t>()(0),
            std::numeric_limits<std::uint64_t>::max());
  const auto h = trueno::array<double>({1e5, 70000.0, 65519.0, 1.0 + 0x1p-11 + 0x1p-40}).astype<float16>();
  EXPECT_EQ(h(0).bits(), 0x7C00);
  EXPECT_EQ(h(2).bits(), 0x7BFF);
  EXPECT_EQ(h(3).bits(), 0x3C01);  // rounded once from double
  const auto back = h.astype<float>();
  EXPECT_TRUE(std::isinf(back(1)));
  EXPECT_EQ(back(2), 65504.0F);
  const auto g = trueno::array<float16>({1.5, -2}).astype<bfloat16>();
  EXPECT_EQ(g(0).bits(), 0x3FC0);
  EXPECT_EQ(g(1).bits(), 0xC000);
  EXPECT_EQ(trueno::array<bool>({true, false}).astype<float16>()(0).bits(), 0x3C00);
  EXPECT_EQ(trueno::array<std::uint64_t>({std::numeric_limits<std::uint64_t>::max()}).astype<float>()(0),
            0x1p64F);
}

}  // namespace

namespace {

TEST(TensorCopyto, ConvertsBroadcastsAndChecksTheCastingRule) {
  auto dst = trueno::zeros<float16>({2, 3});
  trueno::copyto(dst, trueno::array<float>({0.1F, 65520.0F, -2.0F}));  // float -> float16 is same_kind
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(dst(i, 0).bits(), float16(0.1F).bits());
    EXPECT_EQ(dst(i, 1).bits(), 0x7C00);
    EXPECT_EQ(dst(i, 2).bits(), 0xC000);
  }
  auto ints = trueno::full<std::int32_t>({3}, 7);
  const auto before = ints.clone();
  try {
    trueno::copyto(ints, trueno::array<double>({1.5, 2.5, 3.5}));
    ADD_FAILURE() << "float64 -> int32 is not same_kind";
  } catch (const trueno::value_error& e) {
    EXPECT_STREQ(e.what(),
                 "Cannot cast array data from dtype('float64') to dtype('int32') according to the rule "
                 "'same_kind'");
  }
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(ints(i), before(i));  // nothing written
  trueno::copyto(ints, trueno::array<double>({1.5, -2.5, 3.5}), trueno::Casting::unsafe);
  EXPECT_EQ(ints(0), 1);
  EXPECT_EQ(ints(1), -2);
  EXPECT_THROW(trueno::copyto(ints, trueno::array<std::int8_t>({1, 2}), trueno::Casting::safe),
               trueno::shape_error);
  EXPECT_THROW(trueno::copyto(ints, trueno::array<std::int64_t>({1, 2, 3}), trueno::Casting::safe),
               trueno::value_error);
  // Into a strided view, from the same dtype.
  auto m = trueno::zeros<std::uint8_t>({3, 4});
  trueno::copyto(m.slice(trueno::all, trueno::range(0, 4, 2)),
                 trueno::array<std::uint8_t>({9, 8, 7}).reshape({3, 1}));
  EXPECT_EQ(m(0, 0), 9);
  EXPECT_EQ(m(2, 2), 7);
  EXPECT_EQ(m(2, 1), 0);
  EXPECT_EQ(trueno::to_string(trueno::Casting::same_kind), "same_kind");
}

}  // namespace

namespace {

template <class H>
class HalfTensorOps : public ::testing::Test {};
using HalfTypes = ::testing::Types<float16, bfloat16>;
TYPED_TEST_SUITE(HalfTensorOps, HalfTypes, DtypeNames);

// Every 16-bit pattern pairs with another, on contiguous, transposed and broadcast operands, under every
// backend: the result is the exact result rounded once (the scalar operators' semantics, tested in
// unit/half_test.cpp against an exact reference).
TYPED_TEST(HalfTensorOps, ArithmeticIsTheCorrectlyRoundedFloatResult) {
  using H = TypeParam;
  constexpr std::size_t kRows = 256, kCols = 256;
  auto a = trueno::empty<H>({kRows, kCols});
  auto b = trueno::empty<H>({kRows, kCols});
  for (std::size_t i = 0; i < kRows * kCols; ++i) {
    a.data()[i] = H::from_bits(static_cast<std::uint16_t>(i));
    b.data()[i] = H::from_bits(static_cast<std::uint16_t>(i * 40503U + 12345U));
  }
  auto same = [](H x, H y) { return x.bits() == y.bits() || (trueno::isnan(x) && trueno::isnan(y)); };
  for (trueno::Backend backend : trueno_test::available_backends()) {
    const trueno_test::BackendScope scope(backend);
    const auto bt = b.transpose().clone().transpose();  // b's values through a transposed layout
    const auto sum = a + bt;
    const auto diff = trueno::sub(a, b);
    const auto prod = trueno::mul(a, bt);
    const auto quot = trueno::div(a, b);
    const auto lo = trueno::minimum(a, b);
    const auto neg = trueno::neg(a);
    const auto sq = trueno::sqrt(trueno::abs(b));
    const auto row = trueno::add(a, b.slice(3, trueno::all));  // broadcast (kCols,)
    const auto twice = trueno::mul(a, H(2.0F));
    for (std::size_t i = 0; i < kRows; ++i) {
      for (std::size_t j = 0; j < kCols; ++j) {
        const H x = a(i, j), y = b(i, j);
        ASSERT_TRUE(same(sum(i, j), x + y)) << std::hex << x.bits() << " + " << y.bits();
        ASSERT_TRUE(same(diff(i, j), x - y));
        ASSERT_TRUE(same(prod(i, j), x * y));
        ASSERT_TRUE(same(quot(i, j), x / y)) << std::hex << x.bits() << " / " << y.bits();
        if (!trueno::isnan(x) && !trueno::isnan(y)) {
          ASSERT_TRUE(same(lo(i, j), float(y) < float(x) ? y : x));
        }
        if (trueno::isnan(x)) {  // through float: NaNs come back quiet, the sign flipped
          ASSERT_TRUE(trueno::isnan(neg(i, j)) && trueno::signbit(neg(i, j)) != trueno::signbit(x));
        } else {
          ASSERT_EQ(neg(i, j).bits(), x.bits() ^ 0x8000U);
        }
        ASSERT_TRUE(same(sq(i, j), H(std::sqrt(std::fabs(float(y))))));
        ASSERT_TRUE(same(row(i, j), x + b(3, j)));
        ASSERT_TRUE(same(twice(i, j), x * H(2.0F)));
      }
    }
  }
}

TYPED_TEST(HalfTensorOps, ComparisonsAndTranscendentalsThroughFloat) {
  using H = TypeParam;
  const auto a = trueno::array<H>({0.5, -1, 2, 3});
  const auto b = trueno::array<H>({0.5, 1, -2, 4});
  const auto lt = trueno::less(a, b);
  EXPECT_FALSE(lt(0));
  EXPECT_TRUE(lt(1));
  EXPECT_FALSE(lt(2));
  EXPECT_TRUE(lt(3));
  EXPECT_TRUE(trueno::equal(a, b)(0));
  const auto e = trueno::exp(a);
  for (std::size_t i = 0; i < 4; ++i) {
    // float's exp is within 1 ulp of float; rounded to 8 or 11 bits it is the rounding of the true value
    // or a neighbour at most.
    const H want(std::exp(static_cast<double>(float(a(i)))));
    EXPECT_LE(std::abs(static_cast<int>(e(i).bits()) - static_cast<int>(want.bits())), 1) << i;
  }
}

}  // namespace

namespace {

TYPED_TEST(HalfTensorOps, PlainNumbersTakeTheTensorsDtype) {
  using H = TypeParam;
  const auto a = trueno::array<H>({1.5, -2, 3});
  const auto twice = a * 2.0;
  static_assert(std::is_same_v<decltype(twice), const trueno::Tensor<H, 1>>);
  EXPECT_EQ(float(twice(0)), 3.0F);
  const auto shifted = 1 + a;
  EXPECT_EQ(float(shifted(1)), -1.0F);
  const auto q = a / 0.1;  // 0.1 first becomes H (NEP 50), then the division rounds once
  EXPECT_EQ(q(0).bits(), (H(1.5F) / H(0.1)).bits());
  EXPECT_EQ(trueno::sub(a, 1)(2).bits(), H(2.0F).bits());
}

}  // namespace
