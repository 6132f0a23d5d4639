// Creating tensors: zeros ones full empty, the *_like forms, arange linspace logspace eye identity, array
// from nested braces or a span (copies), and Vector's conversion. Values are hand-derived from NumPy's
// definitions.
#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
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

TEST(TensorCreation, ZerosOnesFullEmpty) {
  const auto z = trueno::zeros<double>({2, 3});
  static_assert(std::is_same_v<decltype(z), const Tensor<double, 2>>);
  EXPECT_EQ(values(z), std::vector<double>(6, 0.0));
  EXPECT_EQ(values(trueno::ones<std::int64_t>({4})), std::vector<std::int64_t>(4, 1));
  EXPECT_EQ(values(trueno::full<float>({2, 2, 2}, 0.5F)), std::vector<float>(8, 0.5F));
  EXPECT_EQ(values(trueno::ones<bool>({3})), std::vector<bool>(3, true));
  const auto e = trueno::empty<std::int32_t>({3, 5});
  EXPECT_EQ(e.shape(), (std::array<std::size_t, 2>{3, 5}));
  EXPECT_TRUE(e.is_contiguous());
  EXPECT_EQ(trueno::empty<float>({}).size(), 1U);
  EXPECT_EQ(trueno::ones<float>({}).item(), 1.0F);
  EXPECT_EQ(trueno::zeros<float>({0}).size(), 0U);
  // Fresh tensors never share storage.
  EXPECT_NE(static_cast<const void*>(trueno::zeros<double>({4}).data()), static_cast<const void*>(z.data()));
}

TEST(TensorCreation, StorageIsAligned) {
  const auto t = trueno::zeros<float>({7, 3});
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(t.data()) % 64, 0U);
}

TEST(TensorCreation, LikeFormsCopyTheShapeNotTheStrides) {
  const auto b = trueno::arange<float>(6).reshape({2, 3}).transpose();
  const auto z = trueno::zeros_like(b);
  EXPECT_EQ(z.shape(), (std::array<std::size_t, 2>{3, 2}));
  EXPECT_TRUE(z.is_contiguous());
  EXPECT_EQ(values(z), std::vector<float>(6, 0.0F));
  EXPECT_EQ(values(trueno::ones_like(b)), std::vector<float>(6, 1.0F));
  EXPECT_EQ(values(trueno::full_like(b, 7.0F)), std::vector<float>(6, 7.0F));
  EXPECT_EQ(trueno::empty_like(b).shape(), b.shape());
  const std::array<int, 2> buf{1, 2};
  const auto r = trueno::from_blob(buf.data(), {2});
  const auto o = trueno::ones_like(r);
  static_assert(std::is_same_v<decltype(o), const Tensor<int, 1>>);
}

TEST(TensorCreation, ArangeCountsLikeNumpy) {
  EXPECT_EQ(values(trueno::arange<int>(5)), (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(values(trueno::arange<int>(2, 9, 3)), (std::vector<int>{2, 5, 8}));
  EXPECT_EQ(values(trueno::arange<int>(5, 0, -2)), (std::vector<int>{5, 3, 1}));
  EXPECT_EQ(trueno::arange<int>(5, 0).size(), 0U);
  EXPECT_EQ(trueno::arange<int>(0).size(), 0U);
  // ceil((1 - 0) / 0.25) = 4 elements.
  EXPECT_EQ(values(trueno::arange<double>(0, 1, 0.25)), (std::vector<double>{0, 0.25, 0.5, 0.75}));
  EXPECT_EQ(values(trueno::arange<float>(-1, 1, 0.5F)), (std::vector<float>{-1, -0.5F, 0, 0.5F}));
  EXPECT_THROW((void)trueno::arange<int>(0, 5, 0), trueno::value_error);
}

TEST(TensorCreation, LinspaceAndLogspace) {
  EXPECT_EQ(values(trueno::linspace<double>(0, 1, 5)), (std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
  EXPECT_EQ(values(trueno::linspace<double>(0, 1, 4, false)), (std::vector<double>{0, 0.25, 0.5, 0.75}));
  EXPECT_EQ(values(trueno::linspace<float>(2, 3, 1)), (std::vector<float>{2}));
  EXPECT_EQ(trueno::linspace<float>(2, 3, 0).size(), 0U);
  EXPECT_EQ(trueno::linspace<double>(0, 1).size(), 50U);
  EXPECT_EQ(values(trueno::linspace<double>(1, -1, 3)), (std::vector<double>{1, 0, -1}));
  EXPECT_EQ(values(trueno::logspace<double>(0, 3, 4)), (std::vector<double>{1, 10, 100, 1000}));
  EXPECT_EQ(values(trueno::logspace<double>(0, 3, 4, true, 2.0)), (std::vector<double>{1, 2, 4, 8}));
}

TEST(TensorCreation, EyeAndIdentity) {
  EXPECT_EQ(values(trueno::eye<float>(2)), (std::vector<float>{1, 0, 0, 1}));
  EXPECT_EQ(values(trueno::eye<int>(2, 3, 1)), (std::vector<int>{0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(values(trueno::eye<int>(3, 2, -1)), (std::vector<int>{0, 0, 1, 0, 0, 1}));
  EXPECT_EQ(values(trueno::eye<int>(2, 2, 5)), (std::vector<int>{0, 0, 0, 0}));
  EXPECT_EQ(values(trueno::identity<bool>(2)), (std::vector<bool>{true, false, false, true}));
  EXPECT_EQ(trueno::eye<double>(0).size(), 0U);
}

TEST(TensorCreation, ArrayFromNestedBracesDeducesTheRank) {
  const auto a = trueno::array<float>({1, 2, 3});
  static_assert(std::is_same_v<decltype(a), const Tensor<float, 1>>);
  const auto m = trueno::array<float>({{1, 2}, {3, 4}});
  static_assert(std::is_same_v<decltype(m), const Tensor<float, 2>>);
  EXPECT_EQ(m.shape(), (std::array<std::size_t, 2>{2, 2}));
  EXPECT_EQ(m(1, 0), 3.0F);
  const auto c = trueno::array<int>({{{1, 2, 3}, {4, 5, 6}}});
  EXPECT_EQ(c.shape(), (std::array<std::size_t, 3>{1, 2, 3}));
  EXPECT_EQ(values(c), (std::vector<int>{1, 2, 3, 4, 5, 6}));
  const auto d = trueno::array<double>({{{{1, 2}, {3, 4}}}});
  EXPECT_EQ(d.shape(), (std::array<std::size_t, 4>{1, 1, 2, 2}));
  EXPECT_EQ(d(0, 0, 1, 0), 3.0);
}

TEST(TensorCreation, RaggedNestedBracesThrowShapeError) {
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::array<float>({{1, 2}, {3}});
      },
      "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 "
      "dimensions. The detected shape was (2,) + inhomogeneous part.");
}

TEST(TensorCreation, ArrayFromASpanCopies) {
  std::vector<float> v{1, 2, 3, 4, 5, 6};
  const auto t = trueno::array(std::span<const float>(v)).reshape({2, 3});
  EXPECT_EQ(t(1, 2), 6.0F);
  v[5] = 60.0F;
  EXPECT_EQ(t(1, 2), 6.0F);
  EXPECT_NE(t.data(), v.data());
  const auto m = trueno::array(std::span<float>(v));
  EXPECT_EQ(m(5), 60.0F);
}

}  // namespace
