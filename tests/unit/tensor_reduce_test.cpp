// Tensor reductions: all axes, one axis, several axes, keepdims, result types (int32 sums in int64, integer
// means in double), NaN semantics, empty inputs and bad axes. Values are derived by hand on small tensors.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <vector>

#include "common/backends.hpp"

namespace {

using trueno::Tensor;
using trueno_test::expect_error;
using trueno_test::for_each_backend;

template <class T, std::size_t N>
std::vector<std::remove_const_t<T>> values(const Tensor<T, N>& t) {
  std::vector<std::remove_const_t<T>> out;
  for_each_element(t, [&](const T& x) { out.push_back(x); });
  return out;
}

// 0..23 as (2, 3, 4).
Tensor<std::int32_t, 3> cube() { return trueno::arange<std::int32_t>(24).reshape({2, 3, 4}); }

TEST(TensorReduce, SumOverAllAxesAndOneAxis) {
  for_each_backend([] {
    const auto b = trueno::arange<float>(12).reshape({3, 4});
    EXPECT_EQ(trueno::sum(b), 66.0F);
    const auto s0 = trueno::sum(b, 0);
    static_assert(std::is_same_v<decltype(s0), const Tensor<float, 1>>);
    EXPECT_EQ(values(s0), (std::vector<float>{12, 15, 18, 21}));
    EXPECT_EQ(values(trueno::sum(b, 1)), (std::vector<float>{6, 22, 38}));
    EXPECT_EQ(values(trueno::sum(b, -1)), (std::vector<float>{6, 22, 38}));
    const auto k = trueno::sum(b, 1, trueno::keepdims);
    EXPECT_EQ(k.shape(), (std::array<std::size_t, 2>{3, 1}));
    EXPECT_EQ(values(k), (std::vector<float>{6, 22, 38}));
    // Through a transposed view: rows of the transpose are columns of b.
    EXPECT_EQ(values(trueno::sum(b.transpose(), 1)), (std::vector<float>{12, 15, 18, 21}));
    // Wide rows take the row-combining path: 3 rows of 40 columns, column j sums to 3j + 40 * 3.
    const auto w = trueno::arange<float>(120).reshape({3, 40});
    const auto sw = trueno::sum(w, 0);
    for (std::size_t j = 0; j < 40; ++j) EXPECT_EQ(sw(j), static_cast<float>(3 * j + 120)) << j;
  });
}

TEST(TensorReduce, SeveralAxesWithAndWithoutKeepdims) {
  for_each_backend([] {
    const auto c = cube();
    const auto s = trueno::sum(c, {0, 2});
    static_assert(std::is_same_v<decltype(s), const Tensor<std::int64_t, 1>>);
    // Row j of both blocks: sum_k (4j + k) + sum_k (12 + 4j + k) = 32j + 12 + 48 + 12.
    EXPECT_EQ(values(s), (std::vector<std::int64_t>{60, 92, 124}));
    const auto k = trueno::sum(c, {2, 0}, trueno::keepdims);
    EXPECT_EQ(k.shape(), (std::array<std::size_t, 3>{1, 3, 1}));
    EXPECT_EQ(values(k), (std::vector<std::int64_t>{60, 92, 124}));
    const auto all = trueno::sum(c, {0, 1, 2});
    static_assert(decltype(all)::rank == 0);
    EXPECT_EQ(all.item(), 276);
    EXPECT_EQ(trueno::sum(c), 276);
    EXPECT_EQ(values(trueno::max(c, {1, 2})), (std::vector<std::int32_t>{11, 23}));
    EXPECT_EQ(values(trueno::min(c, {0, 1})), (std::vector<std::int32_t>{0, 1, 2, 3}));
    EXPECT_EQ(values(trueno::prod(trueno::full<std::int32_t>({2, 3}, 2), {0, 1}, trueno::keepdims)),
              (std::vector<std::int64_t>{64}));
  });
}

TEST(TensorReduce, BadOrDuplicateAxesThrow) {
  const auto b = trueno::zeros<float>({2, 3});
  expect_error<trueno::index_error>([&] { (void)trueno::sum(b, 2); },
                                    "axis 2 is out of bounds for array of dimension 2");
  expect_error<trueno::index_error>([&] { (void)trueno::max(b, -3); },
                                    "axis -3 is out of bounds for array of dimension 2");
  expect_error<trueno::index_error>(
      [&] {
        (void)trueno::mean(b, {0, 5});
      },
      "axis 5 is out of bounds for array of dimension 2");
  expect_error<trueno::value_error>([&] { (void)trueno::sum(b, {1, -1}); }, "duplicate value in 'axis'");
  EXPECT_THROW((void)trueno::all(b, 2), trueno::index_error);
  EXPECT_THROW((void)trueno::var(b, 2), trueno::index_error);
}

TEST(TensorReduce, ResultTypesFollowNumpy) {
  const auto i = trueno::array<std::int32_t>({{2147483647, 1}});
  static_assert(std::is_same_v<decltype(trueno::sum(i)), std::int64_t>);
  EXPECT_EQ(trueno::sum(i), 2147483648LL);
  EXPECT_EQ(values(trueno::sum(i, 1)), (std::vector<std::int64_t>{2147483648LL}));
  static_assert(std::is_same_v<decltype(trueno::mean(i)), double>);
  EXPECT_EQ(trueno::mean(trueno::array<std::int32_t>({1, 2})), 1.5);
  static_assert(std::is_same_v<decltype(trueno::mean(trueno::zeros<float>({2}))), float>);
  static_assert(std::is_same_v<decltype(trueno::argmax(i, 0)), Tensor<std::int64_t, 1>>);
  static_assert(std::is_same_v<decltype(trueno::any(i, 0)), Tensor<bool, 1>>);
  static_assert(std::is_same_v<decltype(trueno::var(i, 1)), Tensor<double, 1>>);
}

TEST(TensorReduce, MeanVarStd) {
  for_each_backend([] {
    const auto a = trueno::array<double>({{1, 2, 3, 4}, {2, 4, 6, 8}});
    EXPECT_EQ(trueno::mean(a), 3.75);
    EXPECT_EQ(values(trueno::mean(a, 1)), (std::vector<double>{2.5, 5}));
    EXPECT_EQ(values(trueno::mean(a, 0)), (std::vector<double>{1.5, 3, 4.5, 6}));
    EXPECT_EQ(values(trueno::var(a, 1)), (std::vector<double>{1.25, 5}));
    EXPECT_EQ(values(trueno::var(a, 0)), (std::vector<double>{0.25, 1, 2.25, 4}));
    EXPECT_EQ(values(trueno::var(a, 1, trueno::ddof(1))), (std::vector<double>{5.0 / 3, 20.0 / 3}));
    EXPECT_EQ(values(trueno::std(a, 0)), (std::vector<double>{0.5, 1, 1.5, 2}));
    EXPECT_EQ(trueno::var(trueno::array<double>({1, 3})), 1.0);
    EXPECT_EQ(trueno::std(trueno::array<double>({1, 3})), 1.0);
    // ddof >= n gives NaN, as NumPy.
    EXPECT_TRUE(std::isnan(trueno::var(trueno::array<double>({1}), trueno::ddof(1))));
  });
}

TEST(TensorReduce, VarStdKeepdimsAndSeveralAxes) {
  for_each_backend([] {
    const auto a = trueno::array<double>({{1, 2, 3, 4}, {2, 4, 6, 8}});
    const auto k = trueno::var(a, 1, trueno::keepdims);
    EXPECT_EQ(k.shape(), (std::array<std::size_t, 2>{2, 1}));
    EXPECT_EQ(values(k), (std::vector<double>{1.25, 5}));
    EXPECT_EQ(values(trueno::var(a, -1, trueno::keepdims, trueno::ddof(1))),
              (std::vector<double>{5.0 / 3, 20.0 / 3}));
    EXPECT_EQ(values(trueno::std(a, 0, trueno::keepdims)), (std::vector<double>{0.5, 1, 1.5, 2}));
    EXPECT_EQ(trueno::std(a, 0, trueno::keepdims).shape(), (std::array<std::size_t, 2>{1, 4}));
    // Over both axes: the variance of all eight values, 4.6875 (np.var(a, axis=(0, 1))).
    const auto both = trueno::var(a, {0, 1});
    static_assert(std::is_same_v<decltype(both), const Tensor<double, 0>>);
    EXPECT_EQ(both.item(), 4.6875);
    EXPECT_EQ(values(trueno::var(a, {0, 1}, trueno::keepdims)), (std::vector<double>{4.6875}));
    EXPECT_EQ(trueno::var(a, {1, 0}, trueno::keepdims).shape(), (std::array<std::size_t, 2>{1, 1}));
    EXPECT_EQ(trueno::std(a, {0, 1}, trueno::ddof(7)).item(), std::sqrt(4.6875 * 8 / 1));
    EXPECT_EQ(values(trueno::std(a, {1}, trueno::keepdims)),
              (std::vector<double>{std::sqrt(1.25), std::sqrt(5.0)}));
    // An int32 tensor gives float64, as NumPy.
    const auto i = trueno::array<std::int32_t>({{1, 3}, {5, 7}});
    EXPECT_EQ(values(trueno::var(i, {0}, trueno::keepdims)), (std::vector<double>{4, 4}));
    EXPECT_THROW((void)trueno::var(a, {0, 2}), trueno::index_error);
    EXPECT_THROW((void)trueno::std(a, 2, trueno::keepdims), trueno::index_error);
  });
}

TEST(TensorReduce, SumOfABoolTensorCountsTheTrueElements) {
  const auto m = trueno::array<bool>({{true, false, true}, {true, true, true}});
  static_assert(std::is_same_v<decltype(trueno::sum(m)), std::int64_t>);
  EXPECT_EQ(trueno::sum(m), 5);
  EXPECT_EQ(values(trueno::sum(m, 0)), (std::vector<std::int64_t>{2, 1, 2}));
  EXPECT_EQ(values(trueno::sum(m, 1, trueno::keepdims)), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(trueno::sum(m.transpose(), {0, 1}).item(), 5);
  EXPECT_EQ(trueno::sum(trueno::zeros<bool>({0, 4})), 0);
}

TEST(TensorReduce, AllOverSeveralAxes) {
  const auto m = trueno::array<bool>({{{true, true}, {true, false}}, {{true, true}, {true, true}}});
  EXPECT_EQ(values(trueno::all(m, {1, 2})), (std::vector<bool>{false, true}));
  EXPECT_EQ(values(trueno::all(m, {0, 1})), (std::vector<bool>{true, false}));
  EXPECT_EQ(trueno::all(m, {0, 2}, trueno::keepdims).shape(), (std::array<std::size_t, 3>{1, 2, 1}));
  EXPECT_EQ(values(trueno::all(m, {0, 2}, trueno::keepdims)), (std::vector<bool>{true, false}));
  EXPECT_FALSE(trueno::all(m, {0, 1, 2}).item());
  EXPECT_THROW((void)trueno::all(m, {0, 3}), trueno::index_error);
}

TEST(TensorReduce, ArgmaxArgminIndexAlongTheAxis) {
  for_each_backend([] {
    const auto a = trueno::array<float>({{3, 9, 1}, {7, 2, 7}});
    EXPECT_EQ(values(trueno::argmax(a, 1)), (std::vector<std::int64_t>{1, 0}));
    EXPECT_EQ(values(trueno::argmin(a, 1)), (std::vector<std::int64_t>{2, 1}));
    EXPECT_EQ(values(trueno::argmax(a, 0)), (std::vector<std::int64_t>{1, 0, 1}));
    EXPECT_EQ(values(trueno::argmin(a, 0, trueno::keepdims)), (std::vector<std::int64_t>{0, 1, 0}));
    EXPECT_EQ(trueno::argmax(a), 1);
    EXPECT_EQ(trueno::argmin(a), 2);
    // Ties: the first index. NaN: the first NaN's index.
    EXPECT_EQ(trueno::argmax(trueno::array<int>({5, 5, 1})), 0);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    EXPECT_EQ(values(trueno::argmax(trueno::array<float>({{1, nan, nan}, {2, 3, 1}}), 1)),
              (std::vector<std::int64_t>{1, 1}));
    EXPECT_EQ(values(trueno::argmin(trueno::array<float>({{1, 0, nan}}), 1)), (std::vector<std::int64_t>{2}));
  });
}

TEST(TensorReduce, MaxMinPropagateNanNanVariantsIgnoreIt) {
  for_each_backend([] {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const auto a = trueno::array<float>({{1, nan, 3}, {4, 5, 6}});
    EXPECT_TRUE(std::isnan(trueno::max(a)));
    const auto mx = trueno::max(a, 1);
    EXPECT_TRUE(std::isnan(mx(0)));
    EXPECT_EQ(mx(1), 6.0F);
    EXPECT_TRUE(std::isnan(trueno::min(a, 0)(1)));
    EXPECT_TRUE(std::isnan(trueno::sum(a)));
    EXPECT_EQ(trueno::nansum(a), 19.0F);
    EXPECT_EQ(values(trueno::nansum(a, 1)), (std::vector<float>{4, 15}));
    EXPECT_EQ(values(trueno::nanmean(a, 1)), (std::vector<float>{2, 5}));
    EXPECT_EQ(values(trueno::nanmax(a, 0)), (std::vector<float>{4, 5, 6}));
    EXPECT_EQ(values(trueno::nanmin(a, 1)), (std::vector<float>{1, 4}));
    EXPECT_EQ(values(trueno::nanargmax(a, 1)), (std::vector<std::int64_t>{2, 2}));
    EXPECT_EQ(values(trueno::nanargmin(a, 0)), (std::vector<std::int64_t>{0, 1, 0}));
    EXPECT_EQ(trueno::nanmax(a), 6.0F);
    EXPECT_EQ(trueno::nanmin(a), 1.0F);
    // An all-NaN slice: nanmax gives NaN, nanmean NaN, nansum 0, nanargmax throws.
    const auto b = trueno::array<float>({{nan, nan}, {1, 2}});
    EXPECT_TRUE(std::isnan(trueno::nanmax(b, 1)(0)));
    EXPECT_TRUE(std::isnan(trueno::nanmean(b, 1)(0)));
    EXPECT_EQ(trueno::nansum(b, 1)(0), 0.0F);
    expect_error<trueno::value_error>([&] { (void)trueno::nanargmax(b, 1); }, "All-NaN slice encountered");
  });
}

TEST(TensorReduce, AnyAll) {
  const auto m = trueno::array<bool>({{true, false, true}, {true, true, true}});
  EXPECT_FALSE(trueno::all(m));
  EXPECT_TRUE(trueno::any(m));
  EXPECT_EQ(values(trueno::all(m, 1)), (std::vector<bool>{false, true}));
  EXPECT_EQ(values(trueno::all(m, 0)), (std::vector<bool>{true, false, true}));
  EXPECT_EQ(values(trueno::any(m, 0)), (std::vector<bool>{true, true, true}));
  EXPECT_EQ(trueno::all(m, 0, trueno::keepdims).shape(), (std::array<std::size_t, 2>{1, 3}));
  EXPECT_EQ(values(trueno::any(trueno::array<int>({{0, 0}, {0, 3}}), {1})), (std::vector<bool>{false, true}));
  // NaN is true, as in NumPy.
  EXPECT_TRUE(trueno::all(trueno::array<float>({std::numeric_limits<float>::quiet_NaN(), 1})));
}

TEST(TensorReduce, EmptyInputs) {
  const auto e = trueno::zeros<float>({0, 3});
  EXPECT_EQ(trueno::sum(e), 0.0F);
  EXPECT_EQ(trueno::prod(e), 1.0F);
  EXPECT_EQ(values(trueno::sum(e, 0)), (std::vector<float>{0, 0, 0}));
  EXPECT_EQ(trueno::sum(e, 1).shape(), (std::array<std::size_t, 1>{0}));
  EXPECT_TRUE(trueno::all(e));
  EXPECT_FALSE(trueno::any(e));
  EXPECT_TRUE(std::isnan(trueno::mean(e)));
  expect_error<trueno::value_error>([&] { (void)trueno::max(e); },
                                    "zero-size array to reduction operation maximum which has no identity");
  expect_error<trueno::value_error>([&] { (void)trueno::min(e, 0); },
                                    "zero-size array to reduction operation minimum which has no identity");
  // Reducing the non-empty axis of an empty tensor has nothing to reduce per output: fine, as NumPy.
  EXPECT_EQ(trueno::max(e, 1).shape(), (std::array<std::size_t, 1>{0}));
  expect_error<trueno::value_error>([&] { (void)trueno::argmax(e, 0); },
                                    "attempt to get argmax of an empty sequence");
  expect_error<trueno::value_error>([&] { (void)trueno::argmin(e); },
                                    "attempt to get argmin of an empty sequence");
  // Nothing to reduce and an empty result: NumPy still refuses a reduction without identity.
  expect_error<trueno::value_error>(
      [] {
        (void)trueno::max(trueno::zeros<float>({0, 0}), 0);
      },
      "zero-size array to reduction operation maximum which has no identity");
  EXPECT_EQ(trueno::sum(trueno::zeros<float>({0, 0}), 0).size(), 0U);
  EXPECT_THROW((void)trueno::nanmax(e), trueno::value_error);
}

TEST(TensorReduce, RankZeroAndReadOnlyInputs) {
  const auto z = trueno::full<double>({}, 2.5);
  EXPECT_EQ(trueno::sum(z), 2.5);
  EXPECT_EQ(trueno::max(z), 2.5);
  EXPECT_EQ(trueno::argmax(z), 0);
  const std::array<int, 4> buf{4, 1, 3, 2};
  const auto r = trueno::from_blob(buf.data(), {2, 2});
  EXPECT_EQ(values(trueno::max(r, 0)), (std::vector<int>{4, 2}));
  EXPECT_EQ(trueno::sum(r), 10);
}

}  // namespace
