// Printing tensors: `os << t` as NumPy's str(a), `trueno::repr(t)` as repr(a). The expected strings are what
// NumPy 1.24 prints for the same arrays (tests/differential/tensor_numpy_test.cpp compares many more).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <trueno/trueno.hpp>

namespace {

template <class T, std::size_t N>
std::string str(const trueno::Tensor<T, N>& t) {
  std::ostringstream os;
  os << t;
  return os.str();
}

TEST(TensorPrint, MatrixOfFloat32) {
  const auto m = trueno::array<float>({{1, 2}, {3, 4}});
  EXPECT_EQ(str(m), "[[1. 2.]\n [3. 4.]]");
  EXPECT_EQ(trueno::repr(m), "array([[1., 2.],\n       [3., 4.]], dtype=float32)");
}

TEST(TensorPrint, DefaultDtypesAreNotNamed) {
  const auto d = trueno::array<double>({1.5, 2, 3});
  EXPECT_EQ(str(d), "[1.5 2.  3. ]");
  EXPECT_EQ(trueno::repr(d), "array([1.5, 2. , 3. ])");
  EXPECT_EQ(trueno::repr(trueno::array<std::int64_t>({7, 8})), "array([7, 8])");
  EXPECT_EQ(trueno::repr(trueno::array<bool>({true, false})), "array([ True, False])");
  EXPECT_EQ(str(trueno::array<bool>({true, false})), "[ True False]");
}

TEST(TensorPrint, ScientificNotation) {
  const auto d = trueno::array<double>({1e-5, 1e10});
  EXPECT_EQ(str(d), "[1.e-05 1.e+10]");
  EXPECT_EQ(trueno::repr(d), "array([1.e-05, 1.e+10])");
}

TEST(TensorPrint, IntegersArePaddedToOneWidth) {
  const auto i = trueno::array<std::int32_t>({{1, -2, 3}});
  EXPECT_EQ(str(i), "[[ 1 -2  3]]");
  EXPECT_EQ(trueno::repr(i), "array([[ 1, -2,  3]], dtype=int32)");
}

TEST(TensorPrint, ThreeDimensionsSeparateBlocksByBlankLines) {
  const auto c = trueno::arange<std::int64_t>(24).reshape({2, 3, 4});
  EXPECT_EQ(
      str(c),
      "[[[ 0  1  2  3]\n  [ 4  5  6  7]\n  [ 8  9 10 11]]\n\n [[12 13 14 15]\n  [16 17 18 19]\n  [20 21 22 "
      "23]]]");
  EXPECT_EQ(
      trueno::repr(c),
      "array([[[ 0,  1,  2,  3],\n        [ 4,  5,  6,  7],\n        [ 8,  9, 10, 11]],\n\n       [[12, 13, "
      "14, 15],\n        [16, 17, 18, 19],\n        [20, 21, 22, 23]]])");
}

TEST(TensorPrint, RankZero) {
  EXPECT_EQ(str(trueno::full<float>({}, 2.5F)), "2.5");
  EXPECT_EQ(trueno::repr(trueno::full<float>({}, 2.5F)), "array(2.5, dtype=float32)");
  EXPECT_EQ(trueno::repr(trueno::full<std::int64_t>({}, 7)), "array(7)");
  // str of a 0-d array is its scalar's: positional with the shortest digits, or scientific outside [1e-4,
  // 1e16).
  EXPECT_EQ(str(trueno::full<double>({}, 1.0)), "1.0");
  EXPECT_EQ(trueno::repr(trueno::full<double>({}, 1.0)), "array(1.)");
  EXPECT_EQ(str(trueno::full<float>({}, 534936930.0F)), "534936930.0");
  EXPECT_EQ(str(trueno::full<double>({}, 1.5e-5)), "1.5e-05");
  EXPECT_EQ(str(trueno::full<double>({}, 1e16)), "1e+16");
}

TEST(TensorPrint, NanAndInfinity) {
  const double inf = std::numeric_limits<double>::infinity();
  const auto d = trueno::array<double>({std::numeric_limits<double>::quiet_NaN(), 1, -inf});
  EXPECT_EQ(str(d), "[ nan   1. -inf]");
  EXPECT_EQ(trueno::repr(d), "array([ nan,   1., -inf])");
}

TEST(TensorPrint, SummarisesAboveOneThousandElements) {
  const auto d = trueno::arange<double>(2000);
  EXPECT_EQ(str(d), "[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]");
  EXPECT_EQ(trueno::repr(d),
            "array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n       1.999e+03])");
}

TEST(TensorPrint, ReprMovesTheDtypeToItsOwnLineWhenTheLineIsFull) {
  const auto f = trueno::array<float>({0.5F, 0.25F, 0.125F, 0.0625F, 0.03125F, 0.015625F, 0.0078125F});
  EXPECT_EQ(trueno::repr(f),
            "array([0.5      , 0.25     , 0.125    , 0.0625   , 0.03125  , 0.015625 ,\n       0.0078125],"
            " dtype=float32)");
  const auto g = trueno::array<float>({0.5F, 0.25F, 0.125F, 0.0625F, 0.03125F, 0.015625F});
  EXPECT_EQ(trueno::repr(g),
            "array([0.5     , 0.25    , 0.125   , 0.0625  , 0.03125 , 0.015625],\n      dtype=float32)");
}

TEST(TensorPrint, ViewsPrintTheirOwnElements) {
  const auto m = trueno::array<float>({{1, 2}, {3, 4}});
  EXPECT_EQ(str(m.transpose()), "[[1. 3.]\n [2. 4.]]");
  EXPECT_EQ(str(trueno::flip(m, 1).slice(0)), "[2. 1.]");
}

TEST(TensorPrint, EmptyArrays) {
  EXPECT_EQ(str(trueno::zeros<float>({0, 3})), "[]");
  EXPECT_EQ(trueno::repr(trueno::zeros<std::int32_t>({0})), "array([], dtype=int32)");
  EXPECT_EQ(trueno::repr(trueno::zeros<float>({0, 3})), "array([], shape=(0, 3), dtype=float32)");
  EXPECT_EQ(str(trueno::zeros<double>({2, 0})), "[]");
  EXPECT_EQ(trueno::repr(trueno::zeros<double>({2, 0})), "array([], shape=(2, 0), dtype=float64)");
  EXPECT_EQ(trueno::repr(trueno::zeros<double>({0})), "array([], dtype=float64)");
}

// The other dtypes (NumPy 1.24's str() and repr() of the same arrays).
TEST(TensorDtypesPrint, MatchesNumPy) {
  using trueno::bfloat16;
  using trueno::float16;
  const auto h = trueno::array<float16>({0.1, 1.5, -2});
  EXPECT_EQ(str(h), "[ 0.1  1.5 -2. ]");
  EXPECT_EQ(trueno::repr(h), "array([ 0.1,  1.5, -2. ], dtype=float16)");
  EXPECT_EQ(str(trueno::array<float16>({{1e-5, 65504}})), "[[1.00e-05 6.55e+04]]");
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(str(trueno::array<float16>({nan, inf, 0.3333F})), "[   nan    inf 0.3333]");
  EXPECT_EQ(str(trueno::full<float16>({}, float16(0.1F))), "0.1");
  EXPECT_EQ(trueno::repr(trueno::full<float16>({}, float16(0.1F))), "array(0.1, dtype=float16)");
  const auto i8 = trueno::array<std::int64_t>({300, -1, 7}).astype<std::int8_t>();
  EXPECT_EQ(str(i8), "[44 -1  7]");
  EXPECT_EQ(trueno::repr(i8), "array([44, -1,  7], dtype=int8)");
  const auto u64 = trueno::array<std::uint64_t>({std::numeric_limits<std::uint64_t>::max(), 0});
  EXPECT_EQ(str(u64), "[18446744073709551615                    0]");
  EXPECT_EQ(trueno::repr(u64), "array([18446744073709551615,                    0], dtype=uint64)");
  EXPECT_EQ(trueno::repr(trueno::array<std::uint8_t>({1, 2})), "array([1, 2], dtype=uint8)");
  EXPECT_EQ(trueno::repr(trueno::array<bfloat16>({1.5, 2})), "array([1.5, 2. ], dtype=bfloat16)");
}

}  // namespace
