// Tensor manipulation: concatenate stack hstack vstack split array_split tile repeat roll pad sort argsort
// unique, and cumsum cumprod norm. Expected values are derived by hand from NumPy's documented semantics;
// error messages are NumPy's (checked against NumPy 1.24).
// tests/differential/tensor_manipulation_numpy_test.cpp compares the same functions with NumPy on random
// shapes and strides.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <vector>

#include "common/backends.hpp"

namespace {

using trueno::Tensor;
using trueno_test::expect_error;

template <class T, std::size_t N>
std::vector<std::remove_const_t<T>> values(const Tensor<T, N>& t) {
  std::vector<std::remove_const_t<T>> out;
  for_each_element(t, [&](const T& x) { out.push_back(x); });
  return out;
}

template <std::size_t N>
std::array<std::size_t, N> shape(const std::size_t (&s)[N]) {
  std::array<std::size_t, N> a{};
  for (std::size_t i = 0; i < N; ++i) a[i] = s[i];
  return a;
}

// 0, 1, ..., 5 as a (2, 3) float tensor.
Tensor<float, 2> m23() { return trueno::arange<float>(6).reshape({2, 3}); }

// ---- concatenate / stack / hstack / vstack ----

TEST(TensorConcatenate, JoinsAlongTheFirstAxisByDefault) {
  const auto c = trueno::concatenate({m23(), trueno::full<float>({1, 3}, 9.0F)});
  EXPECT_EQ(c.shape(), shape({3, 3}));
  EXPECT_EQ(values(c), (std::vector<float>{0, 1, 2, 3, 4, 5, 9, 9, 9}));
}

TEST(TensorConcatenate, JoinsAlongANegativeAxis) {
  const auto c = trueno::concatenate({m23(), trueno::full<float>({2, 1}, 7.0F)}, -1);
  EXPECT_EQ(c.shape(), shape({2, 4}));
  EXPECT_EQ(values(c), (std::vector<float>{0, 1, 2, 7, 3, 4, 5, 7}));
}

TEST(TensorConcatenate, ReadsNonContiguousAndReadOnlyInputs) {
  const Tensor<const float, 2> a = m23().transpose();                   // (3, 2): [[0,3],[1,4],[2,5]]
  const Tensor<const float, 2> b = trueno::flip(m23(), 1).transpose();  // [[2,5],[1,4],[0,3]]
  const auto c = trueno::concatenate({a, b}, 1);
  static_assert(std::is_same_v<decltype(c), const Tensor<float, 2>>);
  EXPECT_EQ(values(c), (std::vector<float>{0, 3, 2, 5, 1, 4, 1, 4, 2, 5, 0, 3}));
}

TEST(TensorConcatenate, AcceptsSpansAndVectorsAndCopies) {
  std::vector<Tensor<float, 1>> parts{trueno::arange<float>(2), trueno::arange<float>(3)};
  const auto c = trueno::concatenate(parts);
  EXPECT_EQ(values(c), (std::vector<float>{0, 1, 0, 1, 2}));
  const auto d = trueno::concatenate(std::span<const Tensor<float, 1>>(parts), 0);
  EXPECT_EQ(values(d), values(c));
  parts[0](0) = 42;  // the result owns its elements
  EXPECT_EQ(c(0), 0.0F);
}

TEST(TensorConcatenate, KeepsEmptyInputs) {
  const auto c = trueno::concatenate({trueno::zeros<int>({0, 2}), trueno::ones<int>({1, 2})});
  EXPECT_EQ(c.shape(), shape({1, 2}));
  EXPECT_EQ(values(c), (std::vector<int>{1, 1}));
}

TEST(TensorConcatenate, MismatchedExtentsThrowShapeErrorWordedAsNumpy) {
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::concatenate({trueno::zeros<float>({2, 3}), trueno::zeros<float>({2, 4})});
      },
      "all the input array dimensions except for the concatenation axis must match exactly, but along "
      "dimension "
      "1, the array at index 0 has size 3 and the array at index 1 has size 4");
}

TEST(TensorConcatenate, BadAxisAndEmptySequenceThrow) {
  expect_error<trueno::index_error>(
      [] {
        (void)trueno::concatenate({m23(), m23()}, 2);
      },
      "axis 2 is out of bounds for array of dimension 2");
  expect_error<trueno::value_error>([] { (void)trueno::concatenate(std::vector<Tensor<float, 2>>{}); },
                                    "need at least one array to concatenate");
}

TEST(TensorStack, AddsANewAxis) {
  const auto a = trueno::arange<int>(3), b = trueno::arange<int>(3, 6);
  const auto s0 = trueno::stack({a, b});
  static_assert(std::is_same_v<decltype(s0), const Tensor<int, 2>>);
  EXPECT_EQ(s0.shape(), shape({2, 3}));
  EXPECT_EQ(values(s0), (std::vector<int>{0, 1, 2, 3, 4, 5}));
  const auto s1 = trueno::stack({a, b}, -1);
  EXPECT_EQ(s1.shape(), shape({3, 2}));
  EXPECT_EQ(values(s1), (std::vector<int>{0, 3, 1, 4, 2, 5}));
}

TEST(TensorStack, StacksRankZeroTensors) {
  const auto s = trueno::stack({trueno::full<double>({}, 1.5), trueno::full<double>({}, 2.5)});
  EXPECT_EQ(values(s), (std::vector<double>{1.5, 2.5}));
}

TEST(TensorStack, ErrorsAreWordedAsNumpy) {
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::stack({trueno::zeros<float>({2}), trueno::zeros<float>({3})});
      },
      "all input arrays must have the same shape");
  expect_error<trueno::value_error>([] { (void)trueno::stack(std::vector<Tensor<float, 1>>{}); },
                                    "need at least one array to stack");
  expect_error<trueno::index_error>([] { (void)trueno::stack({m23()}, 3); },
                                    "axis 3 is out of bounds for array of dimension 3");
}

TEST(TensorHStack, JoinsOneDimensionalAlongAxisZeroAndOthersAlongAxisOne) {
  EXPECT_EQ(values(trueno::hstack({trueno::arange<int>(2), trueno::arange<int>(1)})),
            (std::vector<int>{0, 1, 0}));
  const auto h = trueno::hstack({m23(), m23()});
  EXPECT_EQ(h.shape(), shape({2, 6}));
  EXPECT_EQ(values(h), (std::vector<float>{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}));
}

TEST(TensorVStack, MakesRowsOfOneDimensionalInputs) {
  const auto v = trueno::vstack({trueno::arange<int>(3), trueno::arange<int>(3, 6)});
  static_assert(std::is_same_v<decltype(v), const Tensor<int, 2>>);
  EXPECT_EQ(v.shape(), shape({2, 3}));
  EXPECT_EQ(values(v), (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(trueno::vstack({m23(), m23()}).shape(), shape({4, 3}));
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::vstack({trueno::zeros<float>({3}), trueno::zeros<float>({4})});
      },
      "all the input array dimensions except for the concatenation axis must match exactly, but along "
      "dimension "
      "1, the array at index 0 has size 3 and the array at index 1 has size 4");
}

// ---- split / array_split ----

TEST(TensorSplit, GivesEqualViewsSharingStorage) {
  const auto t = trueno::arange<float>(12).reshape({2, 6});
  const auto parts = trueno::split(t, 3, 1);
  ASSERT_EQ(parts.size(), 3U);
  EXPECT_EQ(values(parts[1]), (std::vector<float>{2, 3, 8, 9}));
  parts[1](0, 0) = 100;  // a view: writes reach t
  EXPECT_EQ(t(0, 2), 100.0F);
}

TEST(TensorSplit, AtIndicesFollowsPythonSlicing) {
  const auto t = trueno::arange<int>(10);
  const auto parts = trueno::split(t, {3, -2, 20});
  ASSERT_EQ(parts.size(), 4U);
  EXPECT_EQ(values(parts[0]), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(values(parts[1]), (std::vector<int>{3, 4, 5, 6, 7}));
  EXPECT_EQ(values(parts[2]), (std::vector<int>{8, 9}));
  EXPECT_TRUE(parts[3].empty());
  const auto back = trueno::split(t, {5, 2});  // decreasing points give an empty middle piece
  EXPECT_EQ(back[1].size(), 0U);
  EXPECT_EQ(values(back[2]), (std::vector<int>{2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(TensorSplit, UnequalDivisionAndBadSectionsThrow) {
  expect_error<trueno::value_error>([] { (void)trueno::split(trueno::arange<int>(7), 3); },
                                    "array split does not result in an equal division");
  expect_error<trueno::value_error>([] { (void)trueno::split(trueno::arange<int>(7), 0); },
                                    "number sections must be larger than 0.");
  expect_error<trueno::index_error>([] { (void)trueno::split(trueno::arange<int>(6), 2, 1); },
                                    "axis 1 is out of bounds for array of dimension 1");
}

TEST(TensorArraySplit, GivesTheFirstPiecesOneMore) {
  const auto parts = trueno::array_split(trueno::arange<int>(7), 3);
  ASSERT_EQ(parts.size(), 3U);
  EXPECT_EQ(values(parts[0]), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(values(parts[1]), (std::vector<int>{3, 4}));
  EXPECT_EQ(values(parts[2]), (std::vector<int>{5, 6}));
  const auto more = trueno::array_split(trueno::arange<int>(2), 4);
  ASSERT_EQ(more.size(), 4U);
  EXPECT_EQ(more[1].size(), 1U);
  EXPECT_EQ(more[3].size(), 0U);
  expect_error<trueno::value_error>([] { (void)trueno::array_split(trueno::arange<int>(2), -1); },
                                    "number sections must be larger than 0.");
}

TEST(TensorSplit, ConcatenateUndoesIt) {
  const auto t = trueno::arange<double>(24).reshape({2, 3, 4});
  EXPECT_EQ(values(trueno::concatenate(trueno::array_split(t, 3, 2), 2)), values(t));
}

// ---- tile / repeat ----

TEST(TensorTile, RepeatsTheWholeTensorPerAxis) {
  const auto t = trueno::tile(m23(), {2, 2});
  EXPECT_EQ(t.shape(), shape({4, 6}));
  EXPECT_EQ(values(t.slice(3)), (std::vector<float>{3, 4, 5, 3, 4, 5}));
  const auto one = trueno::tile(trueno::arange<int>(3), 2);
  EXPECT_EQ(values(one), (std::vector<int>{0, 1, 2, 0, 1, 2}));
}

TEST(TensorTile, MoreRepsThanAxesAddsLeadingAxes) {
  const auto t = trueno::tile(trueno::arange<int>(2), {2, 1, 3});
  static_assert(std::is_same_v<decltype(t), const Tensor<int, 3>>);
  EXPECT_EQ(t.shape(), shape({2, 1, 6}));
  EXPECT_EQ(values(t), (std::vector<int>{0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}));
}

TEST(TensorTile, FewerRepsThanAxesRepeatTheTrailingOnes) {
  const auto t = trueno::tile(m23().transpose(), {2});  // (3, 2) -> (3, 4)
  EXPECT_EQ(values(t.slice(0)), (std::vector<float>{0, 3, 0, 3}));
  EXPECT_EQ(trueno::tile(m23(), {0}).shape(), shape({2, 0}));
  expect_error<trueno::value_error>([] { (void)trueno::tile(m23(), {-1}); },
                                    "negative dimensions are not allowed");
}

TEST(TensorRepeat, RepeatsEachElementAlongAnAxis) {
  EXPECT_EQ(values(trueno::repeat(m23(), 2, 1)), (std::vector<float>{0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}));
  EXPECT_EQ(values(trueno::repeat(m23(), 2, 0)), (std::vector<float>{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}));
  EXPECT_EQ(trueno::repeat(m23(), 0, 0).shape(), shape({0, 3}));
}

TEST(TensorRepeat, TakesOneCountPerElement) {
  const auto r = trueno::repeat(m23(), {0, 2, 1}, -1);
  EXPECT_EQ(r.shape(), shape({2, 3}));
  EXPECT_EQ(values(r), (std::vector<float>{1, 1, 2, 4, 4, 5}));
  EXPECT_EQ(values(trueno::repeat(m23(), {2}, 0)).size(), 12U);  // one count applies to all
}

TEST(TensorRepeat, WithoutAnAxisFlattens) {
  EXPECT_EQ(values(trueno::repeat(m23().transpose(), 2)),
            (std::vector<float>{0, 0, 3, 3, 1, 1, 4, 4, 2, 2, 5, 5}));
  EXPECT_EQ(values(trueno::repeat(trueno::arange<int>(2), {1, 3})), (std::vector<int>{0, 1, 1, 1}));
}

TEST(TensorRepeat, BadCountsThrowAsNumpy) {
  expect_error<trueno::value_error>([] { (void)trueno::repeat(m23(), -1, 0); },
                                    "negative dimensions are not allowed");
  expect_error<trueno::value_error>(
      [] {
        (void)trueno::repeat(m23(), {1, -1, 1}, 1);
      },
      "repeats may not contain negative values.");
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::repeat(trueno::arange<int>(3), {1, 2});
      },
      "operands could not be broadcast together with shape (3,) (2,)");
  expect_error<trueno::index_error>([] { (void)trueno::repeat(m23(), 1, 2); },
                                    "axis 2 is out of bounds for array of dimension 2");
}

// ---- roll ----

TEST(TensorRoll, ShiftsAlongAnAxisWithWrapAround) {
  EXPECT_EQ(values(trueno::roll(m23(), 1, 1)), (std::vector<float>{2, 0, 1, 5, 3, 4}));
  EXPECT_EQ(values(trueno::roll(m23(), -1, 1)), (std::vector<float>{1, 2, 0, 4, 5, 3}));
  EXPECT_EQ(values(trueno::roll(m23(), 7, 1)), values(trueno::roll(m23(), 1, 1)));
  EXPECT_EQ(values(trueno::roll(m23(), 3, 1)), values(m23()));
}

TEST(TensorRoll, WithoutAnAxisRollsTheFlattenedElements) {
  const auto r = trueno::roll(m23(), 2);
  EXPECT_EQ(r.shape(), shape({2, 3}));
  EXPECT_EQ(values(r), (std::vector<float>{4, 5, 0, 1, 2, 3}));
  EXPECT_EQ(values(trueno::roll(m23().transpose(), 1)), (std::vector<float>{5, 0, 3, 1, 4, 2}));
}

TEST(TensorRoll, SeveralAxesAtOnceAndRepeatedAxesAdd) {
  EXPECT_EQ(values(trueno::roll(m23(), {1, 1}, {0, 1})), (std::vector<float>{5, 3, 4, 2, 0, 1}));
  EXPECT_EQ(values(trueno::roll(m23(), {1, 1}, {1, 1})), values(trueno::roll(m23(), 2, 1)));
  expect_error<trueno::index_error>([] { (void)trueno::roll(m23(), 1, 2); },
                                    "axis 2 is out of bounds for array of dimension 2");
  EXPECT_TRUE(trueno::roll(trueno::zeros<float>({0, 3}), 1, 0).empty());
}

// ---- pad ----

TEST(TensorPad, ConstantModeFillsWithTheValue) {
  const auto p = trueno::pad(trueno::arange<int>(3), {{1, 2}}, 9);
  EXPECT_EQ(values(p), (std::vector<int>{9, 0, 1, 2, 9, 9}));
  const auto q = trueno::pad(m23(), 1);
  EXPECT_EQ(q.shape(), shape({4, 5}));
  EXPECT_EQ(values(q.slice(1)), (std::vector<float>{0, 0, 1, 2, 0}));
  EXPECT_EQ(values(q.slice(0)), (std::vector<float>(5, 0.0F)));
}

TEST(TensorPad, PerAxisWidths) {
  const auto p = trueno::pad(m23(), {{0, 1}, {2, 0}}, -1.0F);
  EXPECT_EQ(p.shape(), shape({3, 5}));
  EXPECT_EQ(values(p), (std::vector<float>{-1, -1, 0, 1, 2, -1, -1, 3, 4, 5, -1, -1, -1, -1, -1}));
}

TEST(TensorPad, EdgeReflectSymmetricAndWrapModes) {
  const auto x = trueno::arange<int>(1, 4);  // 1 2 3
  using trueno::PadMode;
  EXPECT_EQ(values(trueno::pad(x, 2, PadMode::edge)), (std::vector<int>{1, 1, 1, 2, 3, 3, 3}));
  EXPECT_EQ(values(trueno::pad(x, 2, PadMode::reflect)), (std::vector<int>{3, 2, 1, 2, 3, 2, 1}));
  EXPECT_EQ(values(trueno::pad(x, 2, PadMode::symmetric)), (std::vector<int>{2, 1, 1, 2, 3, 3, 2}));
  EXPECT_EQ(values(trueno::pad(x, 2, PadMode::wrap)), (std::vector<int>{2, 3, 1, 2, 3, 1, 2}));
  // Wider than the axis: the pattern keeps going (NumPy: 1 2 1 0 1 2 1 0 1 for reflect of 0 1 2 by 3).
  EXPECT_EQ(values(trueno::pad(trueno::arange<int>(3), {{3, 3}}, PadMode::reflect)),
            (std::vector<int>{1, 2, 1, 0, 1, 2, 1, 0, 1}));
  // Wrap past one period is periodic, as NumPy 2 (NumPy 1.24 gives 2 0 1 2 0 1 2 2 here).
  EXPECT_EQ(values(trueno::pad(trueno::arange<int>(3), {{1, 4}}, PadMode::wrap)),
            (std::vector<int>{2, 0, 1, 2, 0, 1, 2, 0}));
}

TEST(TensorPad, ModesApplyToCornersAxisByAxis) {
  const auto p = trueno::pad(m23(), 1, trueno::PadMode::edge);
  EXPECT_EQ(values(p.slice(0)), (std::vector<float>{0, 0, 1, 2, 2}));
  EXPECT_EQ(values(p.slice(3)), (std::vector<float>{3, 3, 4, 5, 5}));
}

TEST(TensorPad, ErrorsAreWordedAsNumpy) {
  expect_error<trueno::value_error>(
      [] {
        (void)trueno::pad(trueno::zeros<float>({0, 2}), 1, trueno::PadMode::edge);
      },
      "can't extend empty axis 0 using modes other than 'constant' or 'empty'");
  expect_error<trueno::value_error>([] { (void)trueno::pad(m23(), -1); },
                                    "index can't contain negative values");
  EXPECT_EQ(trueno::pad(trueno::zeros<float>({0, 2}), 1).shape(), shape({2, 4}));
}

// ---- sort / argsort / unique ----

TEST(TensorSort, SortsAlongTheLastAxisWithNanLast) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const auto t = trueno::array<float>({{3, nan, 1, 2}, {0, -1, 5, -7}});
  const auto s = trueno::sort(t);
  const auto v = values(s);
  EXPECT_EQ((std::vector<float>(v.begin(), v.begin() + 3)), (std::vector<float>{1, 2, 3}));
  EXPECT_TRUE(std::isnan(v[3]));
  EXPECT_EQ((std::vector<float>(v.begin() + 4, v.end())), (std::vector<float>{-7, -1, 0, 5}));
  EXPECT_EQ(t(0, 0), 3.0F);  // the input is untouched
  EXPECT_TRUE(std::isnan(t(0, 1)));
}

TEST(TensorSort, SortsAlongOtherAxesAndStridedInputs) {
  const auto t = trueno::array<int>({{3, 1, 2}, {0, 5, 1}});
  EXPECT_EQ(values(trueno::sort(t, 0)), (std::vector<int>{0, 1, 1, 3, 5, 2}));
  EXPECT_EQ(values(trueno::sort(trueno::flip(t, 1).transpose(), 0)), (std::vector<int>{1, 0, 2, 1, 3, 5}));
  expect_error<trueno::index_error>([&] { (void)trueno::sort(t, 2); },
                                    "axis 2 is out of bounds for array of dimension 2");
}

TEST(TensorArgsort, IsStableWithNanLast) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto t = trueno::array<double>({2, nan, 1, 2, 1, nan, 0});
  const auto a = trueno::argsort(t);
  static_assert(std::is_same_v<decltype(a), const Tensor<std::int64_t, 1>>);
  EXPECT_EQ(values(a), (std::vector<std::int64_t>{6, 2, 4, 0, 3, 1, 5}));
}

TEST(TensorArgsort, AlongAxisZero) {
  const auto t = trueno::array<int>({{3, 1}, {0, 1}, {2, 0}});
  EXPECT_EQ(values(trueno::argsort(t, 0)), (std::vector<std::int64_t>{1, 2, 2, 0, 0, 1}));
  EXPECT_EQ(values(trueno::argsort(trueno::array<bool>({true, false, true, false}))),
            (std::vector<std::int64_t>{1, 3, 0, 2}));
}

TEST(TensorUnique, GivesSortedDistinctValuesWithOneNan) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const auto u = trueno::unique(trueno::array<float>({{3, nan, 1}, {3, nan, -2}}));
  ASSERT_EQ(u.size(), 4U);
  EXPECT_EQ(u(0), -2.0F);
  EXPECT_EQ(u(1), 1.0F);
  EXPECT_EQ(u(2), 3.0F);
  EXPECT_TRUE(std::isnan(u(3)));
  EXPECT_EQ(values(trueno::unique(trueno::array<int>({5, 5, 5}))), (std::vector<int>{5}));
  EXPECT_EQ(trueno::unique(trueno::zeros<int>({0, 3})).size(), 0U);
  EXPECT_EQ(values(trueno::unique(trueno::array<bool>({true, false, true}))),
            (std::vector<bool>{false, true}));
}

// ---- cumsum / cumprod / norm ----

TEST(TensorCumsum, RunsAlongAnAxis) {
  EXPECT_EQ(values(trueno::cumsum(m23(), 0)), (std::vector<float>{0, 1, 2, 3, 5, 7}));
  EXPECT_EQ(values(trueno::cumsum(m23(), 1)), (std::vector<float>{0, 1, 3, 3, 7, 12}));
  EXPECT_EQ(values(trueno::cumsum(m23().transpose(), -1)), (std::vector<float>{0, 3, 1, 5, 2, 7}));
}

TEST(TensorCumsum, WithoutAnAxisFlattens) {
  const auto c = trueno::cumsum(m23());
  static_assert(std::is_same_v<decltype(c), const Tensor<float, 1>>);
  EXPECT_EQ(values(c), (std::vector<float>{0, 1, 3, 6, 10, 15}));
}

TEST(TensorCumsum, Int32AndBoolAccumulateInInt64) {
  const auto big = trueno::full<std::int32_t>({3}, 2'000'000'000);
  const auto c = trueno::cumsum(big);
  static_assert(std::is_same_v<decltype(c), const Tensor<std::int64_t, 1>>);
  EXPECT_EQ(c(2), 6'000'000'000LL);
  const auto b = trueno::cumsum(trueno::array<bool>({true, false, true}));
  static_assert(std::is_same_v<decltype(b), const Tensor<std::int64_t, 1>>);
  EXPECT_EQ(values(b), (std::vector<std::int64_t>{1, 1, 2}));
  expect_error<trueno::index_error>([] { (void)trueno::cumsum(m23(), 2); },
                                    "axis 2 is out of bounds for array of dimension 2");
}

TEST(TensorCumprod, RunsAlongAnAxis) {
  const auto t = trueno::arange<int>(1, 7).reshape({2, 3});
  EXPECT_EQ(values(trueno::cumprod(t, 1)), (std::vector<std::int64_t>{1, 2, 6, 4, 20, 120}));
  EXPECT_EQ(values(trueno::cumprod(t, 0)), (std::vector<std::int64_t>{1, 2, 3, 4, 10, 18}));
  EXPECT_EQ(values(trueno::cumprod(t)), (std::vector<std::int64_t>{1, 2, 6, 24, 120, 720}));
  EXPECT_EQ(trueno::cumprod(trueno::zeros<double>({0})).size(), 0U);
}

TEST(TensorNorm, IsTheEuclideanNormOfAllElements) {
  EXPECT_FLOAT_EQ(trueno::norm(trueno::array<float>({{3, 0}, {0, 4}})), 5.0F);
  const double n = trueno::norm(trueno::array<int>({1, 2, 2}));
  EXPECT_DOUBLE_EQ(n, 3.0);
  EXPECT_EQ(trueno::norm(trueno::zeros<double>({0, 3})), 0.0);
  // No overflow in the squares.
  EXPECT_FLOAT_EQ(trueno::norm(trueno::full<float>({4}, 1e30F)), 2e30F);
}

TEST(TensorNorm, AlongAnAxisWithAndWithoutKeepdims) {
  const auto t = trueno::array<double>({{3, 4}, {6, 8}});
  EXPECT_EQ(values(trueno::norm(t, 1)), (std::vector<double>{5, 10}));
  const auto k = trueno::norm(t, 0, trueno::keepdims);
  EXPECT_EQ(k.shape(), shape({1, 2}));
  EXPECT_NEAR(k(0, 0), std::sqrt(45.0), 1e-12);
  EXPECT_NEAR(k(0, 1), std::sqrt(80.0), 1e-12);
  expect_error<trueno::index_error>([&] { (void)trueno::norm(t, -3); },
                                    "axis -3 is out of bounds for array of dimension 2");
}

}  // namespace
