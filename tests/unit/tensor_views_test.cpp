// Tensor<T, N>: shape and strides, element access, and every view (transpose permute reshape ravel squeeze
// unsqueeze broadcast_to expand slice diagonal flip) with the copies (flatten clone contiguous), fill,
// assign, read-only views and from_blob. Expected values are derived by hand from NumPy's documented
// semantics.
#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <vector>

#include "common/backends.hpp"

namespace {

using trueno::Tensor;
using trueno_test::expect_error;

// Row-major values of any tensor, read through its strides with the public element access.
template <class T, std::size_t N>
std::vector<std::remove_const_t<T>> values(const Tensor<T, N>& t) {
  std::vector<std::remove_const_t<T>> out;
  for_each_element(t, [&](const T& x) { out.push_back(x); });
  return out;
}

// True when t's element (0, ..., 0) lies inside the storage of `base` (a contiguous owner of `n` elements).
template <class T, class U>
bool points_into(const T* p, const U* base, std::size_t n) {
  return p >= base && p < base + n;
}

// 0, 1, ..., 11 as a (3, 4) float tensor.
Tensor<float, 2> m34() { return trueno::arange<float>(12).reshape({3, 4}); }

TEST(TensorShape, ReportsShapeStridesSizeAndRank) {
  const auto t = trueno::zeros<float>({2, 3, 4});
  EXPECT_EQ(t.shape(), (std::array<std::size_t, 3>{2, 3, 4}));
  EXPECT_EQ(t.strides(), (std::array<std::ptrdiff_t, 3>{12, 4, 1}));
  EXPECT_EQ(t.size(), 24U);
  EXPECT_EQ(t.ndim(), 3U);
  EXPECT_EQ(t.shape(-1), 4U);
  EXPECT_EQ(t.shape(0), 2U);
  EXPECT_TRUE(t.is_contiguous());
  EXPECT_FALSE(t.empty());
  static_assert(std::is_same_v<decltype(t)::value_type, float>);
  static_assert(decltype(t)::rank == 3);
}

TEST(TensorShape, ShapeOfABadAxisThrowsIndexError) {
  const auto t = trueno::zeros<float>({2, 3});
  expect_error<trueno::index_error>([&] { (void)t.shape(2); },
                                    "axis 2 is out of bounds for array of dimension 2");
  expect_error<trueno::index_error>([&] { (void)t.shape(-3); },
                                    "axis -3 is out of bounds for array of dimension 2");
}

TEST(TensorShape, ShapeArgumentsAcceptAnyIntegerType) {
  const std::size_t n = 3;
  const int m = 2;
  const std::int64_t k = 4;
  const auto t = trueno::zeros<double>({n, m, k});
  EXPECT_EQ(t.shape(), (std::array<std::size_t, 3>{3, 2, 4}));
}

TEST(TensorShape, NegativeExtentIsRejected) {
  expect_error<trueno::value_error>(
      [] {
        (void)trueno::zeros<float>({2, -1});
      },
      "negative dimensions are not allowed");
}

TEST(TensorShape, RankZeroHoldsOneElement) {
  auto z = trueno::zeros<float>({});
  static_assert(decltype(z)::rank == 0);
  EXPECT_EQ(z.size(), 1U);
  EXPECT_TRUE(z.is_contiguous());
  EXPECT_EQ(z.item(), 0.0F);
  z() = 2.5F;
  EXPECT_EQ(z.item(), 2.5F);
  EXPECT_EQ(z.at(), 2.5F);
  const auto f = trueno::full<std::int64_t>({}, 7);
  EXPECT_EQ(f.item(), 7);
}

TEST(TensorShape, ZeroSizeAxesGiveEmptyTensors) {
  const auto t = trueno::zeros<float>({3, 0, 2});
  EXPECT_EQ(t.size(), 0U);
  EXPECT_TRUE(t.empty());
  EXPECT_TRUE(t.is_contiguous());
  EXPECT_TRUE(values(t).empty());
  EXPECT_EQ(t.transpose().shape(), (std::array<std::size_t, 3>{2, 0, 3}));
  EXPECT_EQ(t.reshape({0, 7}).shape(), (std::array<std::size_t, 2>{0, 7}));
  EXPECT_EQ(t.reshape({-1, 3}).shape(), (std::array<std::size_t, 2>{0, 3}));
  EXPECT_EQ(t.clone().size(), 0U);
  EXPECT_EQ(t.slice(trueno::range(1, 3)).shape(), (std::array<std::size_t, 3>{2, 0, 2}));
}

TEST(TensorShape, DefaultConstructedIsEmpty) {
  const Tensor<float, 2> t;
  EXPECT_EQ(t.size(), 0U);
  EXPECT_EQ(t.shape(), (std::array<std::size_t, 2>{0, 0}));
}

TEST(TensorAccess, CallOperatorAndAtReadRowMajor) {
  const auto b = m34();
  EXPECT_EQ(b(1, 2), 6.0F);
  EXPECT_EQ(b.at(2, 3), 11.0F);
  EXPECT_EQ(b.at(-1, -1), 11.0F);
  EXPECT_EQ(b.at(-3, 0), 0.0F);
  b(0, 1) = 42.0F;
  EXPECT_EQ(b.at(0, 1), 42.0F);
}

TEST(TensorAccess, AtOutOfRangeThrowsIndexErrorWordedAsNumpy) {
  const auto a = trueno::arange<float>(3);
  expect_error<trueno::index_error>([&] { (void)a.at(5); },
                                    "index 5 is out of bounds for axis 0 with size 3");
  expect_error<trueno::index_error>([&] { (void)a.at(-4); },
                                    "index -4 is out of bounds for axis 0 with size 3");
  const auto b = m34();
  expect_error<trueno::index_error>([&] { (void)b.at(0, 4); },
                                    "index 4 is out of bounds for axis 1 with size 4");
  const auto e = trueno::zeros<float>({0});
  expect_error<trueno::index_error>([&] { (void)e.at(0); },
                                    "index 0 is out of bounds for axis 0 with size 0");
}

TEST(TensorAccess, ItemRequiresExactlyOneElement) {
  EXPECT_EQ(trueno::full<int>({1, 1}, 3).item(), 3);
  EXPECT_THROW((void)m34().item(), trueno::value_error);
  EXPECT_THROW((void)trueno::zeros<float>({0}).item(), trueno::value_error);
}

TEST(TensorViews, TransposeReversesAxesAndSharesStorage) {
  const auto b = m34();
  const auto t = b.transpose();
  EXPECT_EQ(t.shape(), (std::array<std::size_t, 2>{4, 3}));
  EXPECT_EQ(t.strides(), (std::array<std::ptrdiff_t, 2>{1, 4}));
  EXPECT_FALSE(t.is_contiguous());
  EXPECT_EQ(t.data(), b.data());
  EXPECT_EQ(t(3, 1), b(1, 3));
  t(2, 0) = -1.0F;
  EXPECT_EQ(b(0, 2), -1.0F);
  // A 3-D transpose reverses all three axes.
  const auto c = trueno::zeros<int>({2, 3, 5}).transpose();
  EXPECT_EQ(c.shape(), (std::array<std::size_t, 3>{5, 3, 2}));
  EXPECT_EQ(c.strides(), (std::array<std::ptrdiff_t, 3>{1, 5, 15}));
}

TEST(TensorViews, TransposeOfTwoAxesSwapsThem) {
  const auto a = trueno::arange<int>(24).reshape({2, 3, 4});
  const auto s = a.transpose(0, 2);
  EXPECT_EQ(s.shape(), (std::array<std::size_t, 3>{4, 3, 2}));
  EXPECT_EQ(s(3, 2, 1), a(1, 2, 3));
  EXPECT_EQ(a.transpose(-1, 1).shape(), (std::array<std::size_t, 3>{2, 4, 3}));
  expect_error<trueno::index_error>([&] { (void)a.transpose(0, 3); },
                                    "axis 3 is out of bounds for array of dimension 3");
}

TEST(TensorViews, PermuteReordersAxes) {
  const auto a = trueno::arange<int>(24).reshape({2, 3, 4});
  const auto p = a.permute({2, 0, 1});
  EXPECT_EQ(p.shape(), (std::array<std::size_t, 3>{4, 2, 3}));
  EXPECT_EQ(p.strides(), (std::array<std::ptrdiff_t, 3>{1, 12, 4}));
  EXPECT_EQ(p(3, 1, 2), a(1, 2, 3));
  EXPECT_EQ(a.permute({-1, 0, 1}).shape(), p.shape());
  EXPECT_THROW((void)a.permute({0, 0, 1}), trueno::value_error);
  expect_error<trueno::index_error>(
      [&] {
        (void)a.permute({0, 1, 3});
      },
      "axis 3 is out of bounds for array of dimension 3");
}

TEST(TensorViews, ReshapeOfContiguousIsAView) {
  const auto a = trueno::arange<float>(12);
  const auto r = a.reshape({3, -1});
  EXPECT_EQ(r.shape(), (std::array<std::size_t, 2>{3, 4}));
  EXPECT_EQ(r.data(), a.data());
  r(2, 1) = 100.0F;
  EXPECT_EQ(a(9), 100.0F);
  const auto r3 = a.reshape({2, 1, 6});
  EXPECT_EQ(r3(1, 0, 5), 11.0F);
}

TEST(TensorViews, ReshapeOfNonContiguousCopiesOnlyWhenNeeded) {
  const auto b = m34();
  // Columns 0..1 of each row: the rows are not adjacent, so flattening needs a copy (as NumPy).
  const auto cols = b.slice(trueno::all, trueno::range(0, 2));
  const auto flat = cols.reshape({6});
  EXPECT_EQ(values(flat), (std::vector<float>{0, 1, 4, 5, 8, 9}));
  EXPECT_FALSE(points_into(flat.data(), b.data(), b.size()));
  // Splitting the row axis keeps the column stride: a view.
  const auto split = cols.reshape({3, 1, 2});
  EXPECT_EQ(split.data(), b.data());
  EXPECT_EQ(split.strides()[0], 4);
  EXPECT_EQ(split(2, 0, 1), 9.0F);
  // Every other row of a contiguous matrix can merge its columns: a view with a row stride of 8.
  const auto rows = b.slice(trueno::range(0, 3, 2));
  const auto merged = rows.reshape({2, 2, 2});
  EXPECT_EQ(merged.data(), b.data());
  EXPECT_EQ(values(merged), (std::vector<float>{0, 1, 2, 3, 8, 9, 10, 11}));
  // A transposed matrix cannot be flattened without a copy.
  const auto tf = b.transpose().reshape({12});
  EXPECT_FALSE(points_into(tf.data(), b.data(), b.size()));
  EXPECT_EQ(tf(1), 4.0F);
}

TEST(TensorViews, ReshapeErrorsAreShapeErrorsWordedAsNumpy) {
  const auto a = trueno::arange<float>(6);
  expect_error<trueno::shape_error>(
      [&] {
        (void)a.reshape({4, 2});
      },
      "cannot reshape array of size 6 into shape (4,2)");
  expect_error<trueno::shape_error>([&] { (void)a.reshape({4}); },
                                    "cannot reshape array of size 6 into shape (4,)");
  EXPECT_THROW((void)a.reshape({4, -1}), trueno::shape_error);
  EXPECT_THROW((void)a.reshape({-1, -1}), trueno::value_error);
  EXPECT_THROW((void)a.reshape({-2, 3}), trueno::value_error);
  EXPECT_THROW((void)a.reshape({}), trueno::shape_error);
}

TEST(TensorViews, ReshapeToRankZeroAndBack) {
  const auto one = trueno::full<double>({1, 1}, 4.5);
  const auto z = one.reshape({});
  static_assert(decltype(z)::rank == 0);
  EXPECT_EQ(z.item(), 4.5);
  EXPECT_EQ(z.data(), one.data());
  const auto back = z.reshape({1, 1, 1});
  EXPECT_EQ(back(0, 0, 0), 4.5);
}

TEST(TensorViews, RavelIsAViewWhenPossibleFlattenAlwaysCopies) {
  const auto b = m34();
  const auto r = b.ravel();
  EXPECT_EQ(r.data(), b.data());
  const auto f = b.flatten();
  EXPECT_NE(f.data(), b.data());
  EXPECT_EQ(values(f), values(r));
  // The transpose's ravel is a row-major copy of the transposed order.
  const auto rt = b.transpose().ravel();
  EXPECT_EQ(values(rt), (std::vector<float>{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}));
  EXPECT_FALSE(points_into(rt.data(), b.data(), b.size()));
}

TEST(TensorViews, SqueezeAndUnsqueeze) {
  const auto a = trueno::arange<int>(6).reshape({2, 1, 3});
  const auto s = a.squeeze(1);
  EXPECT_EQ(s.shape(), (std::array<std::size_t, 2>{2, 3}));
  EXPECT_EQ(s.data(), a.data());
  EXPECT_EQ(s(1, 2), 5);
  EXPECT_EQ(a.squeeze(-2).shape(), s.shape());
  expect_error<trueno::value_error>(
      [&] { (void)a.squeeze(0); },
      "cannot select an axis to squeeze out which has size not equal to one (axis 0 has size 2)");
  expect_error<trueno::index_error>([&] { (void)a.squeeze(3); },
                                    "axis 3 is out of bounds for array of dimension 3");
  const auto u = s.unsqueeze(0);
  EXPECT_EQ(u.shape(), (std::array<std::size_t, 3>{1, 2, 3}));
  EXPECT_EQ(s.unsqueeze(2).shape(), (std::array<std::size_t, 3>{2, 3, 1}));
  EXPECT_EQ(s.unsqueeze(-1).shape(), (std::array<std::size_t, 3>{2, 3, 1}));
  EXPECT_EQ(s.unsqueeze(-3).shape(), (std::array<std::size_t, 3>{1, 2, 3}));
  EXPECT_EQ(s.unsqueeze(1)(1, 0, 2), 5);
  EXPECT_THROW((void)s.unsqueeze(3), trueno::index_error);
  // Rank 0 -> 1.
  const auto z = trueno::full<float>({}, 2.0F).unsqueeze(0);
  EXPECT_EQ(z.shape(), (std::array<std::size_t, 1>{1}));
  EXPECT_EQ(z(0), 2.0F);
}

TEST(TensorViews, BroadcastToUsesZeroStrides) {
  const auto row = trueno::arange<float>(4);
  const auto b = row.broadcast_to({3, 4});
  EXPECT_EQ(b.shape(), (std::array<std::size_t, 2>{3, 4}));
  EXPECT_EQ(b.strides(), (std::array<std::ptrdiff_t, 2>{0, 1}));
  EXPECT_EQ(b(2, 3), 3.0F);
  EXPECT_TRUE(b.has_internal_overlap());
  const auto col = trueno::arange<float>(3).reshape({3, 1}).broadcast_to({2, 3, 5});
  EXPECT_EQ(col.strides(), (std::array<std::ptrdiff_t, 3>{0, 1, 0}));
  EXPECT_EQ(col(1, 2, 4), 2.0F);
  EXPECT_THROW((void)row.broadcast_to({3, 5}), trueno::shape_error);
  // Rank 0 broadcasts anywhere.
  EXPECT_EQ(trueno::full<int>({}, 9).broadcast_to({2, 2})(1, 1), 9);
}

TEST(TensorViews, ExpandKeepsExtentsMarkedMinusOne) {
  const auto col = trueno::arange<float>(3).reshape({3, 1});
  const auto e = col.expand({-1, 4});
  EXPECT_EQ(e.shape(), (std::array<std::size_t, 2>{3, 4}));
  EXPECT_EQ(e(2, 3), 2.0F);
  EXPECT_EQ(col.expand({2, -1, 4}).shape(), (std::array<std::size_t, 3>{2, 3, 4}));
  EXPECT_THROW((void)col.expand({-1, -1, 4}), trueno::value_error);  // -1 on a new leading axis
  EXPECT_THROW((void)col.expand({2, 4}), trueno::shape_error);
}

TEST(TensorViews, SliceFollowsPythonRules) {
  const auto b = m34();
  // b[:, 1:4:2] -> columns 1 and 3.
  const auto v = b.slice(trueno::all, trueno::range(1, 4, 2));
  EXPECT_EQ(v.shape(), (std::array<std::size_t, 2>{3, 2}));
  EXPECT_EQ(values(v), (std::vector<float>{1, 3, 5, 7, 9, 11}));
  // b[::-1, -1] -> last column, rows reversed.
  const auto c = b.slice(trueno::range(trueno::none, trueno::none, -1), -1);
  EXPECT_EQ(values(c), (std::vector<float>{11, 7, 3}));
  // b[1] -> row 1; missing trailing axes are whole.
  EXPECT_EQ(values(b.slice(1)), (std::vector<float>{4, 5, 6, 7}));
  // b[-2:, :-1:3]
  EXPECT_EQ(values(b.slice(trueno::range(-2, trueno::none), trueno::range(trueno::none, -1, 3))),
            (std::vector<float>{4, 8}));
  // Out-of-range bounds clip; an empty range gives extent 0.
  EXPECT_EQ(b.slice(trueno::range(-100, 100)).shape(), (std::array<std::size_t, 2>{3, 4}));
  EXPECT_EQ(b.slice(trueno::range(2, 1)).shape(), (std::array<std::size_t, 2>{0, 4}));
  EXPECT_EQ(values(b.slice(0, trueno::range(10, -10, -3))), (std::vector<float>{3, 0}));
  // newaxis inserts an extent-1 axis.
  const auto n = b.slice(trueno::newaxis, 2, trueno::newaxis);
  EXPECT_EQ(n.shape(), (std::array<std::size_t, 3>{1, 1, 4}));
  EXPECT_EQ(n(0, 0, 3), 11.0F);
  // Integers on every axis give rank 0.
  const auto e = b.slice(2, 1);
  static_assert(decltype(e)::rank == 0);
  EXPECT_EQ(e.item(), 9.0F);
}

TEST(TensorViews, SliceErrors) {
  const auto b = m34();
  expect_error<trueno::index_error>([&] { (void)b.slice(3); },
                                    "index 3 is out of bounds for axis 0 with size 3");
  expect_error<trueno::index_error>([&] { (void)b.slice(trueno::all, -5); },
                                    "index -5 is out of bounds for axis 1 with size 4");
  expect_error<trueno::value_error>([&] { (void)b.slice(trueno::range(0, 2, 0)); },
                                    "slice step cannot be zero");
}

TEST(TensorViews, WritingThroughASliceChangesTheBase) {
  const auto b = m34();
  auto v = b.slice(trueno::all, trueno::range(1, 4, 2));
  EXPECT_TRUE(points_into(v.data(), b.data(), b.size()));
  v += 100.0F;
  EXPECT_EQ(values(b), (std::vector<float>{0, 101, 2, 103, 4, 105, 6, 107, 8, 109, 10, 111}));
  b.slice(1).fill(-1.0F);
  EXPECT_EQ(values(b.slice(1)), (std::vector<float>{-1, -1, -1, -1}));
  EXPECT_EQ(b(0, 0), 0.0F);
  EXPECT_EQ(b(2, 0), 8.0F);
}

TEST(TensorViews, DiagonalIsAView) {
  const auto b = m34();
  EXPECT_EQ(values(b.diagonal()), (std::vector<float>{0, 5, 10}));
  EXPECT_EQ(values(b.diagonal(1)), (std::vector<float>{1, 6, 11}));
  EXPECT_EQ(values(b.diagonal(2)), (std::vector<float>{2, 7}));
  EXPECT_EQ(values(b.diagonal(-1)), (std::vector<float>{4, 9}));
  EXPECT_EQ(b.diagonal(5).size(), 0U);
  EXPECT_EQ(b.diagonal(-3).size(), 0U);
  b.diagonal().fill(-7.0F);
  EXPECT_EQ(b(1, 1), -7.0F);
  // 3-D: the diagonal axis goes last.
  const auto a = trueno::arange<int>(24).reshape({2, 3, 4});
  const auto d = a.diagonal(0, 1, 2);
  EXPECT_EQ(d.shape(), (std::array<std::size_t, 2>{2, 3}));
  EXPECT_EQ(values(d), (std::vector<int>{0, 5, 10, 12, 17, 22}));
  EXPECT_THROW((void)a.diagonal(0, 1, 1), trueno::value_error);
  EXPECT_THROW((void)a.diagonal(0, 0, 3), trueno::index_error);
}

TEST(TensorViews, FlipGivesNegativeStrides) {
  const auto b = m34();
  const auto f = trueno::flip(b, 1);
  EXPECT_EQ(f.strides(), (std::array<std::ptrdiff_t, 2>{4, -1}));
  EXPECT_EQ(values(f.slice(0)), (std::vector<float>{3, 2, 1, 0}));
  EXPECT_TRUE(points_into(f.data(), b.data(), b.size()));
  EXPECT_EQ(values(trueno::flip(b, -2).slice(trueno::all, 0)), (std::vector<float>{8, 4, 0}));
  const auto all = trueno::flip(b);
  EXPECT_EQ(all(0, 0), 11.0F);
  EXPECT_EQ(all(2, 3), 0.0F);
  EXPECT_THROW((void)trueno::flip(b, 2), trueno::index_error);
  // Flipping an empty axis is harmless.
  EXPECT_EQ(trueno::flip(trueno::zeros<float>({0, 2}), 0).size(), 0U);
  // Writing through a flipped view.
  f(0, 0) = 50.0F;
  EXPECT_EQ(b(0, 3), 50.0F);
}

TEST(TensorCopies, CloneAlwaysCopiesContiguousOnlyWhenNeeded) {
  const auto b = m34();
  const auto c = b.clone();
  EXPECT_NE(c.data(), b.data());
  EXPECT_EQ(values(c), values(b));
  c(0, 0) = 99.0F;
  EXPECT_EQ(b(0, 0), 0.0F);
  EXPECT_EQ(b.contiguous().data(), b.data());
  const auto t = b.transpose().contiguous();
  EXPECT_TRUE(t.is_contiguous());
  EXPECT_FALSE(points_into(t.data(), b.data(), b.size()));
  EXPECT_EQ(values(t), values(b.transpose()));
  const auto f = trueno::flip(b, 0).clone();
  EXPECT_TRUE(f.is_contiguous());
  EXPECT_EQ(values(f), values(trueno::flip(b, 0)));
}

TEST(TensorCopies, AssignBroadcastsIntoAView) {
  const auto b = trueno::zeros<int>({3, 4});
  b.slice(trueno::range(0, 2)).assign(trueno::array<int>({1, 2, 3, 4}));
  EXPECT_EQ(values(b), (std::vector<int>{1, 2, 3, 4, 1, 2, 3, 4, 0, 0, 0, 0}));
  // Overlapping source and destination: the source is read before anything is written.
  const auto a = trueno::arange<int>(6);
  a.slice(trueno::range(1, 6)).assign(a.slice(trueno::range(0, 5)));
  EXPECT_EQ(values(a), (std::vector<int>{0, 0, 1, 2, 3, 4}));
  EXPECT_THROW(b.assign(trueno::arange<int>(3)), trueno::shape_error);
}

TEST(TensorConst, ReadOnlyViewsOfMutableTensors) {
  const auto b = m34();
  const Tensor<const float, 2> r = b;
  EXPECT_EQ(r.data(), b.data());
  EXPECT_EQ(r(2, 3), 11.0F);
  static_assert(std::is_same_v<decltype(r.data()), const float*>);
  static_assert(std::is_same_v<decltype(r.transpose()), Tensor<const float, 2>>);
  static_assert(std::is_same_v<decltype(r.clone()), Tensor<float, 2>>);
  EXPECT_EQ(trueno::sum(r), 66.0F);
  EXPECT_EQ(values(trueno::add(r, r)), values(trueno::mul(b, 2.0F)));
}

TEST(TensorFromBlob, MutableViewWritesUserMemory) {
  std::array<float, 6> buf{1, 2, 3, 4, 5, 6};
  const auto t = trueno::from_blob(buf.data(), {2, 3});
  static_assert(std::is_same_v<decltype(t), const Tensor<float, 2>>);
  EXPECT_EQ(t.data(), buf.data());
  EXPECT_EQ(t(1, 0), 4.0F);
  t *= 2.0F;
  EXPECT_EQ(buf, (std::array<float, 6>{2, 4, 6, 8, 10, 12}));
  // Views of the blob still point into it.
  EXPECT_EQ(t.transpose()(2, 1), 12.0F);
  EXPECT_EQ(t.storage().use_count(), 0);  // non-owning
}

TEST(TensorFromBlob, ConstPointerGivesReadOnlyTensor) {
  const std::array<double, 4> buf{1, 2, 3, 4};
  const auto t = trueno::from_blob(buf.data(), {2, 2});
  static_assert(std::is_same_v<decltype(t), const Tensor<const double, 2>>);
  EXPECT_EQ(trueno::sum(t), 10.0);
  EXPECT_EQ(values(t.transpose()), (std::vector<double>{1, 3, 2, 4}));
}

TEST(TensorFromBlob, ExplicitStridesAndErrors) {
  std::array<int, 6> buf{0, 1, 2, 3, 4, 5};
  const auto t = trueno::from_blob(buf.data(), {3, 2}, {1, 3});  // the transpose of a (2, 3) block
  EXPECT_EQ(values(t), (std::vector<int>{0, 3, 1, 4, 2, 5}));
  EXPECT_THROW((void)trueno::from_blob(static_cast<float*>(nullptr), {2}), trueno::value_error);
  EXPECT_EQ(trueno::from_blob(static_cast<float*>(nullptr), {0, 2}).size(), 0U);
}

}  // namespace
