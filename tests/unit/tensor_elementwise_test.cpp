// Element-wise tensor ops: broadcasting (values and errors), out-parameters, in-place ops into views, the
// overlap rules, scalar forms, unary kernels, clamp, comparisons, logical ops, predicates, where and the
// operators. Each kernel-backed check runs under every backend this CPU supports.
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

const char* const kPartialOverlap =
    "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single "
    "memory "
    "location; clone() the input first";
const char* const kInternalOverlap =
    "unsupported operation: more than one element of the written-to tensor refers to a single memory "
    "location (a "
    "broadcast or expanded view); clone() it first";

TEST(TensorBroadcast, RowAndColumnBroadcastAgainstAMatrix) {
  for_each_backend([] {
    const auto b = trueno::arange<float>(12).reshape({3, 4});
    const auto row = trueno::array<float>({10, 20, 30, 40});
    const auto col = trueno::array<float>({100, 200, 300}).reshape({3, 1});
    const auto d = b + row;
    static_assert(std::is_same_v<decltype(d), const Tensor<float, 2>>);
    EXPECT_EQ(values(d), (std::vector<float>{10, 21, 32, 43, 14, 25, 36, 47, 18, 29, 40, 51}));
    EXPECT_EQ(values(b + col),
              (std::vector<float>{100, 101, 102, 103, 204, 205, 206, 207, 308, 309, 310, 311}));
    // (3, 1) with (4,) -> (3, 4): an outer sum.
    EXPECT_EQ(values(col - row),
              (std::vector<float>{90, 80, 70, 60, 190, 180, 170, 160, 290, 280, 270, 260}));
  });
}

TEST(TensorBroadcast, MixedRanksGiveTheLargerRankAtCompileTime) {
  const auto a = trueno::ones<int>({2, 1, 3});
  const auto b = trueno::ones<int>({4, 1});
  const auto c = a * b;
  static_assert(decltype(c)::rank == 3);
  EXPECT_EQ(c.shape(), (std::array<std::size_t, 3>{2, 4, 3}));
  const auto s = trueno::full<int>({}, 5) + a;
  static_assert(decltype(s)::rank == 3);
  EXPECT_EQ(values(s), std::vector<int>(6, 6));
}

TEST(TensorBroadcast, ZeroSizeAxesBroadcastToZero) {
  const auto a = trueno::ones<float>({0, 3});
  const auto b = trueno::ones<float>({1, 3});
  EXPECT_EQ((a + b).shape(), (std::array<std::size_t, 2>{0, 3}));
  EXPECT_EQ((trueno::ones<float>({2, 1}) + trueno::ones<float>({0})).shape(),
            (std::array<std::size_t, 2>{2, 0}));
  expect_error<trueno::shape_error>([] { (void)(trueno::ones<float>({0}) + trueno::ones<float>({2})); },
                                    "operands could not be broadcast together with shapes (0,) (2,)");
}

TEST(TensorBroadcast, IncompatibleShapesThrowShapeErrorWordedAsNumpy) {
  const auto a = trueno::zeros<float>({2, 3});
  const auto b = trueno::zeros<float>({4});
  expect_error<trueno::shape_error>([&] { (void)(a + b); },
                                    "operands could not be broadcast together with shapes (2,3) (4,)");
  expect_error<trueno::shape_error>([&] { (void)trueno::maximum(b, a); },
                                    "operands could not be broadcast together with shapes (4,) (2,3)");
  expect_error<trueno::shape_error>([&] { (void)(a < b); },
                                    "operands could not be broadcast together with shapes (2,3) (4,)");
  expect_error<trueno::shape_error>(
      [] {
        (void)(trueno::zeros<int>({2, 1, 3}) - trueno::zeros<int>({5, 2}));
      },
      "operands could not be broadcast together with shapes (2,1,3) (5,2)");
}

TEST(TensorBroadcast, TransposedAndFlippedOperandsAreReadThroughTheirStrides) {
  for_each_backend([] {
    const auto b = trueno::arange<double>(6).reshape({2, 3});
    const auto t = b.transpose();  // (3, 2)
    EXPECT_EQ(values(t + t), (std::vector<double>{0, 6, 2, 8, 4, 10}));
    const auto f = trueno::flip(b, 1);
    EXPECT_EQ(values(f - b), (std::vector<double>{2, 0, -2, 2, 0, -2}));
    // A long row with a stride: more than one gather tile.
    const auto big = trueno::arange<float>(6000);
    const auto odd = big.slice(trueno::range(1, trueno::none, 2));
    const auto even = big.slice(trueno::range(0, trueno::none, 2));
    const auto diff = odd - even;
    EXPECT_EQ(values(diff), std::vector<float>(3000, 1.0F));
  });
}

TEST(TensorArithmetic, ScalarFormsAndOperators) {
  for_each_backend([] {
    const auto a = trueno::array<float>({1, 2, 4});
    EXPECT_EQ(values(a * 2.0F), (std::vector<float>{2, 4, 8}));
    EXPECT_EQ(values(2.0F * a), (std::vector<float>{2, 4, 8}));
    EXPECT_EQ(values(a - 1.0F), (std::vector<float>{0, 1, 3}));
    EXPECT_EQ(values(1.0F - a), (std::vector<float>{0, -1, -3}));
    EXPECT_EQ(values(a / 2.0F), (std::vector<float>{0.5F, 1, 2}));
    EXPECT_EQ(values(4.0F / a), (std::vector<float>{4, 2, 1}));
    EXPECT_EQ(values(-a), (std::vector<float>{-1, -2, -4}));
    EXPECT_EQ(values(trueno::minimum(a, 2.0F)), (std::vector<float>{1, 2, 2}));
    EXPECT_EQ(values(trueno::maximum(3.0F, a)), (std::vector<float>{3, 3, 4}));
    const auto i = trueno::array<std::int32_t>({7, -7, std::numeric_limits<std::int32_t>::max()});
    EXPECT_EQ(values(i + 1), (std::vector<std::int32_t>{8, -6, std::numeric_limits<std::int32_t>::min()}));
    EXPECT_EQ(values(i - 1),
              (std::vector<std::int32_t>{6, -8, std::numeric_limits<std::int32_t>::max() - 1}));
    EXPECT_EQ(values(i * 2), (std::vector<std::int32_t>{14, -14, -2}));
  });
}

TEST(TensorArithmetic, IntegerDivisionGivesDouble) {
  const auto a = trueno::array<std::int64_t>({{7, -7}, {1, 0}});
  const auto b = trueno::array<std::int64_t>({2, 0});
  const auto q = a / b;
  static_assert(std::is_same_v<decltype(q), const Tensor<double, 2>>);
  EXPECT_EQ(q(0, 0), 3.5);
  EXPECT_EQ(q(1, 0), 0.5);
  EXPECT_TRUE(std::isinf(q(0, 1)) && q(0, 1) < 0);
  EXPECT_TRUE(std::isnan(q(1, 1)));
}

TEST(TensorArithmetic, MinimumMaximumPropagateNan) {
  for_each_backend([] {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const auto a = trueno::array<float>({nan, 1, 3});
    const auto b = trueno::array<float>({0, nan, 2});
    const auto mx = trueno::maximum(a, b);
    EXPECT_TRUE(std::isnan(mx(0)));
    EXPECT_TRUE(std::isnan(mx(1)));
    EXPECT_EQ(mx(2), 3.0F);
    const auto mn = trueno::minimum(a, b);
    EXPECT_TRUE(std::isnan(mn(0)) && std::isnan(mn(1)));
    EXPECT_EQ(mn(2), 2.0F);
  });
}

TEST(TensorOut, OutParameterReceivesTheResult) {
  for_each_backend([] {
    const auto a = trueno::arange<float>(6).reshape({2, 3});
    const auto out = trueno::zeros<float>({2, 3});
    trueno::add(a, trueno::array<float>({1, 1, 1}), out);
    EXPECT_EQ(values(out), (std::vector<float>{1, 2, 3, 4, 5, 6}));
    // A transposed view as out.
    const auto outT = trueno::zeros<float>({3, 2});
    trueno::mul(a, a, outT.transpose());
    EXPECT_EQ(values(outT), (std::vector<float>{0, 9, 1, 16, 4, 25}));
    // A slice as out; the rest of the base is untouched.
    const auto base = trueno::zeros<float>({4, 3});
    trueno::sub(a, trueno::full<float>({}, 1.0F), base.slice(trueno::range(1, 3)));
    EXPECT_EQ(values(base), (std::vector<float>{0, 0, 0, -1, 0, 1, 2, 3, 4, 0, 0, 0}));
    trueno::sqrt(trueno::full<float>({2, 3}, 4.0F), out);
    EXPECT_EQ(values(out), std::vector<float>(6, 2.0F));
  });
}

TEST(TensorOut, OutShapeMismatchThrowsShapeError) {
  const auto a = trueno::zeros<float>({2, 3});
  const auto out = trueno::zeros<float>({3, 2});
  expect_error<trueno::shape_error>(
      [&] { trueno::add(a, a, out); },
      "non-broadcastable output operand with shape (3,2) doesn't match the broadcast "
      "shape (2,3)");
  const auto small = trueno::zeros<float>({1, 3});
  expect_error<trueno::shape_error>(
      [&] { trueno::exp(a, small); },
      "non-broadcastable output operand with shape (1,3) doesn't match the broadcast "
      "shape (2,3)");
  const auto bools = trueno::zeros<bool>({2, 2});
  EXPECT_THROW(trueno::less(a, a, bools), trueno::shape_error);
}

TEST(TensorOut, UnaryOutMayBroadcastTheInput) {
  const auto out = trueno::zeros<float>({2, 3});
  trueno::neg(trueno::array<float>({{1, 2, 3}}), out);
  EXPECT_EQ(values(out), (std::vector<float>{-1, -2, -3, -1, -2, -3}));
}

TEST(TensorInPlace, CompoundAssignmentWritesIntoViews) {
  for_each_backend([] {
    const auto b = trueno::arange<int>(12).reshape({3, 4});
    auto v = b.slice(trueno::all, trueno::range(1, 4, 2));
    v += 100;
    EXPECT_EQ(values(b), (std::vector<int>{0, 101, 2, 103, 4, 105, 6, 107, 8, 109, 10, 111}));
    auto col = b.slice(trueno::all, 0);
    col *= trueno::array<int>({2, 3, 4});
    EXPECT_EQ(values(col), (std::vector<int>{0, 12, 32}));
    auto f = trueno::flip(b, 1).slice(0);
    f -= trueno::array<int>({1, 2, 3, 4});
    EXPECT_EQ(values(b.slice(0)), (std::vector<int>{-4, 98, 0, 102}));
    auto d = trueno::full<double>({2, 2}, 8.0);
    d /= trueno::array<double>({2, 4});
    EXPECT_EQ(values(d), (std::vector<double>{4, 2, 4, 2}));
  });
}

TEST(TensorInPlace, ExactAliasingIsAllowed) {
  const auto a = trueno::arange<float>(5);
  a += a;
  EXPECT_EQ(values(a), (std::vector<float>{0, 2, 4, 6, 8}));
  trueno::mul(a, a, a);
  EXPECT_EQ(values(a), (std::vector<float>{0, 4, 16, 36, 64}));
  const auto t = trueno::arange<float>(6).reshape({2, 3}).transpose();
  trueno::add(t, t, t);
  EXPECT_EQ(values(t), (std::vector<float>{0, 6, 2, 8, 4, 10}));
}

TEST(TensorInPlace, PartialOverlapIsRefused) {
  const auto a = trueno::arange<float>(6);
  const auto head = a.slice(trueno::range(0, 5));
  const auto tail = a.slice(trueno::range(1, 6));
  expect_error<trueno::value_error>([&] { trueno::add(head, trueno::full<float>({}, 1.0F), tail); },
                                    kPartialOverlap);
  expect_error<trueno::value_error>([&] { tail += head; }, kPartialOverlap);
  expect_error<trueno::value_error>([&] { trueno::neg(head, tail); }, kPartialOverlap);
  // Reversed order over the same memory is a partial overlap too.
  expect_error<trueno::value_error>([&] { trueno::add(a, a, trueno::flip(a, 0)); }, kPartialOverlap);
  // The refused op wrote nothing.
  EXPECT_EQ(values(a), (std::vector<float>{0, 1, 2, 3, 4, 5}));
  // Disjoint halves of one buffer are fine.
  a.slice(trueno::range(0, 3)) += a.slice(trueno::range(3, 6));
  EXPECT_EQ(values(a), (std::vector<float>{3, 5, 7, 3, 4, 5}));
}

TEST(TensorInPlace, WritingIntoABroadcastViewIsRefused) {
  const auto row = trueno::arange<float>(3);
  const auto b = row.broadcast_to({2, 3});
  expect_error<trueno::value_error>([&] { b += 1.0F; }, kInternalOverlap);
  expect_error<trueno::value_error>(
      [&] {
        trueno::add(trueno::ones<float>({2, 3}), trueno::ones<float>({2, 3}), b);
      },
      kInternalOverlap);
  expect_error<trueno::value_error>([&] { trueno::exp(trueno::ones<float>({2, 3}), b); }, kInternalOverlap);
  const auto e = trueno::arange<float>(3).reshape({3, 1}).expand({-1, 4});
  EXPECT_THROW(e *= 2.0F, trueno::value_error);
  EXPECT_EQ(values(row), (std::vector<float>{0, 1, 2}));
}

TEST(TensorUnary, KernelsApplyElementWiseThroughStrides) {
  for_each_backend([] {
    const auto a = trueno::array<double>({{1, 4}, {9, 16}});
    EXPECT_EQ(values(trueno::sqrt(a.transpose())), (std::vector<double>{1, 3, 2, 4}));
    EXPECT_EQ(values(trueno::square(trueno::flip(a, 0))), (std::vector<double>{81, 256, 1, 16}));
    EXPECT_EQ(values(trueno::abs(trueno::array<int>({-3, 0, 3}))), (std::vector<int>{3, 0, 3}));
    EXPECT_EQ(values(trueno::reciprocal(trueno::array<float>({2, 4}))), (std::vector<float>{0.5F, 0.25F}));
    EXPECT_EQ(trueno::exp(trueno::zeros<float>({}))(), 1.0F);
    EXPECT_EQ(values(trueno::log2(trueno::array<double>({1, 8}))), (std::vector<double>{0, 3}));
    const auto e = trueno::exp(trueno::zeros<float>({0, 4}));
    EXPECT_EQ(e.shape(), (std::array<std::size_t, 2>{0, 4}));
    const auto t = trueno::tanh(trueno::array<float>({0.0F}).broadcast_to({3}));
    EXPECT_EQ(values(t), std::vector<float>(3, 0.0F));
  });
}

TEST(TensorUnary, ClampBoundsAndErrors) {
  for_each_backend([] {
    const auto a = trueno::array<float>({-2, 0.25F, 3});
    EXPECT_EQ(values(trueno::clamp(a, -0.5F, 0.5F)), (std::vector<float>{-0.5F, 0.25F, 0.5F}));
    EXPECT_EQ(values(trueno::clamp(trueno::array<int>({-5, 5}), 0, 1)), (std::vector<int>{0, 1}));
  });
  EXPECT_THROW((void)trueno::clamp(trueno::zeros<float>({2}), 1.0F, 0.0F), trueno::value_error);
}

TEST(TensorCompare, ComparisonsReturnBoolTensors) {
  const auto a = trueno::array<int>({1, 2, 3});
  const auto b = trueno::array<int>({2, 3}).reshape({2, 1});
  const auto lt = a < b;
  static_assert(std::is_same_v<decltype(lt), const Tensor<bool, 2>>);
  EXPECT_EQ(values(lt), (std::vector<bool>{true, false, false, true, true, false}));
  EXPECT_EQ(values(a <= b), (std::vector<bool>{true, true, false, true, true, true}));
  EXPECT_EQ(values(a > b), (std::vector<bool>{false, false, true, false, false, false}));
  EXPECT_EQ(values(a >= b), (std::vector<bool>{false, true, true, false, false, true}));
  EXPECT_EQ(values(a == b), (std::vector<bool>{false, true, false, false, false, true}));
  EXPECT_EQ(values(a != b), (std::vector<bool>{true, false, true, true, true, false}));
  EXPECT_EQ(values(a == 2), (std::vector<bool>{false, true, false}));
  EXPECT_EQ(values(2 < a), (std::vector<bool>{false, false, true}));
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const auto f = trueno::array<float>({nan, 1});
  EXPECT_EQ(values(f == f), (std::vector<bool>{false, true}));
  EXPECT_EQ(values(f != f), (std::vector<bool>{true, false}));
  EXPECT_EQ(values(f < 2.0F), (std::vector<bool>{false, true}));
}

TEST(TensorCompare, LogicalOps) {
  const auto p = trueno::array<bool>({true, true, false, false});
  const auto q = trueno::array<bool>({true, false, true, false});
  EXPECT_EQ(values(p && q), (std::vector<bool>{true, false, false, false}));
  EXPECT_EQ(values(p || q), (std::vector<bool>{true, true, true, false}));
  EXPECT_EQ(values(trueno::logical_xor(p, q)), (std::vector<bool>{false, true, true, false}));
  EXPECT_EQ(values(!p), (std::vector<bool>{false, false, true, true}));
  // Truth values of numbers.
  const auto x = trueno::array<double>({0, -0.0, 2, std::numeric_limits<double>::quiet_NaN()});
  EXPECT_EQ(values(trueno::logical_not(x)), (std::vector<bool>{true, true, false, false}));
  const auto out = trueno::zeros<bool>({4});
  trueno::logical_and(p, q, out);
  EXPECT_EQ(values(out), (std::vector<bool>{true, false, false, false}));
}

TEST(TensorCompare, Predicates) {
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  const auto a = trueno::array<float>({1, inf, -inf, nan});
  EXPECT_EQ(values(trueno::isnan(a)), (std::vector<bool>{false, false, false, true}));
  EXPECT_EQ(values(trueno::isinf(a)), (std::vector<bool>{false, true, true, false}));
  EXPECT_EQ(values(trueno::isfinite(a)), (std::vector<bool>{true, false, false, false}));
  const auto i = trueno::array<int>({1, 2});
  EXPECT_EQ(values(trueno::isnan(i)), (std::vector<bool>{false, false}));
  EXPECT_EQ(values(trueno::isfinite(i)), (std::vector<bool>{true, true}));
}

TEST(TensorWhere, SelectsWithBroadcasting) {
  const auto cond = trueno::array<bool>({true, false}).reshape({2, 1});
  const auto a = trueno::array<float>({1, 2, 3});
  const auto b = trueno::full<float>({}, -1.0F);
  const auto w = trueno::where(cond, a, b);
  static_assert(std::is_same_v<decltype(w), const Tensor<float, 2>>);
  EXPECT_EQ(values(w), (std::vector<float>{1, 2, 3, -1, -1, -1}));
  EXPECT_EQ(values(trueno::where(a > 1.5F, a, 0.0F)), (std::vector<float>{0, 2, 3}));
  EXPECT_EQ(values(trueno::where(a > 1.5F, 9.0F, a)), (std::vector<float>{1, 9, 9}));
  EXPECT_THROW((void)trueno::where(trueno::zeros<bool>({2}), a, a), trueno::shape_error);
}

}  // namespace
