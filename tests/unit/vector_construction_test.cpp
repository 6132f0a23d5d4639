// Vector<T>: construction, element access, iteration, comparison, copies and moves.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <list>
#include <numeric>
#include <span>
#include <sstream>
#include <string>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using trueno::Vector;

template <class T>
class VectorConstruction : public ::testing::Test {};
using ElementTypes = ::testing::Types<float, double, std::int32_t, std::int64_t>;
TYPED_TEST_SUITE(VectorConstruction, ElementTypes);

bool is_aligned_64(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 64 == 0; }

TYPED_TEST(VectorConstruction, DefaultIsEmpty) {
  const Vector<TypeParam> v;
  EXPECT_EQ(v.size(), 0U);
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.begin(), v.end());
}

TYPED_TEST(VectorConstruction, SizeConstructorGivesZeros) {
  const Vector<TypeParam> v(37);
  ASSERT_EQ(v.size(), 37U);
  EXPECT_FALSE(v.empty());
  for (std::size_t i = 0; i < v.size(); ++i) EXPECT_EQ(v[i], TypeParam(0)) << "at " << i;
}

TYPED_TEST(VectorConstruction, SizeAndValueConstructorRepeatsTheValue) {
  const Vector<TypeParam> v(5, TypeParam(7));
  ASSERT_EQ(v.size(), 5U);
  for (TypeParam x : v) EXPECT_EQ(x, TypeParam(7));
}

TYPED_TEST(VectorConstruction, SizeAndValueWithIntegerLiteralsIsNotAnIteratorPair) {
  const Vector<TypeParam> v(3, 5);  // (n, value) like std::vector, not the iterator-pair constructor
  EXPECT_EQ(v, (Vector<TypeParam>{5, 5, 5}));
}

TYPED_TEST(VectorConstruction, InitializerListKeepsTheOrder) {
  const Vector<TypeParam> v{3, 1, 2};
  ASSERT_EQ(v.size(), 3U);
  EXPECT_EQ(v[0], TypeParam(3));
  EXPECT_EQ(v[1], TypeParam(1));
  EXPECT_EQ(v[2], TypeParam(2));
}

TYPED_TEST(VectorConstruction, BracesWithOneNumberMakeOneElementParenthesesMakeASize) {
  const Vector<TypeParam> braces{4};
  const Vector<TypeParam> parens(4);
  EXPECT_EQ(braces.size(), 1U);
  EXPECT_EQ(braces[0], TypeParam(4));
  EXPECT_EQ(parens.size(), 4U);
}

TYPED_TEST(VectorConstruction, SpanConstructorCopiesTheElements) {
  std::vector<TypeParam> src{1, 2, 3, 4};
  const Vector<TypeParam> v(std::span<const TypeParam>(src.data(), src.size()));
  src[0] = TypeParam(100);  // the vector owns its copy
  EXPECT_EQ(v, (Vector<TypeParam>{1, 2, 3, 4}));
  EXPECT_NE(v.data(), src.data());
}

TYPED_TEST(VectorConstruction, EmptySpanGivesEmptyVector) {
  const Vector<TypeParam> v{std::span<const TypeParam>()};
  EXPECT_TRUE(v.empty());
}

TYPED_TEST(VectorConstruction, StorageIsAligned64) {
  for (std::size_t n : {1U, 3U, 17U, 1000U, 100000U}) {
    const Vector<TypeParam> v(n);
    EXPECT_TRUE(is_aligned_64(v.data())) << "n = " << n;
  }
}

TYPED_TEST(VectorConstruction, CopyIsDeep) {
  Vector<TypeParam> a{1, 2, 3};
  const Vector<TypeParam> b = a;
  a[0] = TypeParam(9);
  EXPECT_EQ(b, (Vector<TypeParam>{1, 2, 3}));
  EXPECT_NE(a.data(), b.data());
}

TYPED_TEST(VectorConstruction, CopyAssignmentReplacesTheContents) {
  Vector<TypeParam> a{1, 2, 3};
  Vector<TypeParam> b{7};
  b = a;
  EXPECT_EQ(b, a);
  EXPECT_NE(b.data(), a.data());
  auto& self = b;
  b = self;  // self-assignment keeps the contents
  EXPECT_EQ(b, (Vector<TypeParam>{1, 2, 3}));
}

TYPED_TEST(VectorConstruction, MoveTransfersTheStorage) {
  Vector<TypeParam> a{1, 2, 3};
  const TypeParam* p = a.data();
  Vector<TypeParam> b = std::move(a);
  EXPECT_EQ(b.data(), p);
  EXPECT_EQ(b, (Vector<TypeParam>{1, 2, 3}));
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from vectors are empty
  Vector<TypeParam> c{5, 6};
  c = std::move(b);
  EXPECT_EQ(c.data(), p);
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move)
}

TYPED_TEST(VectorConstruction, IterationVisitsEveryElementInOrder) {
  Vector<TypeParam> v{1, 2, 3, 4};
  EXPECT_EQ(v.end() - v.begin(), 4);
  EXPECT_EQ(v.begin(), v.data());
  EXPECT_EQ(std::accumulate(v.begin(), v.end(), TypeParam(0)), TypeParam(10));
  for (auto& x : v) x = static_cast<TypeParam>(x * 2);
  EXPECT_EQ(v, (Vector<TypeParam>{2, 4, 6, 8}));
  const auto& cv = v;
  EXPECT_EQ(*(cv.end() - 1), TypeParam(8));
}

TYPED_TEST(VectorConstruction, SpanViewsTheSameElements) {
  Vector<TypeParam> v{1, 2, 3};
  const std::span<TypeParam> s = v.span();
  EXPECT_EQ(s.data(), v.data());
  EXPECT_EQ(s.size(), 3U);
  s[1] = TypeParam(5);
  EXPECT_EQ(v[1], TypeParam(5));
  const auto& cv = v;
  static_assert(std::is_same_v<decltype(cv.span()), std::span<const TypeParam>>);
  EXPECT_EQ(cv.span().size(), 3U);
}

TYPED_TEST(VectorConstruction, SubscriptReadsAndWrites) {
  Vector<TypeParam> v(3);
  v[2] = TypeParam(4);
  EXPECT_EQ(v[2], TypeParam(4));
  EXPECT_EQ(v.at(2), TypeParam(4));
  v.at(0) = TypeParam(1);
  EXPECT_EQ(v[0], TypeParam(1));
}

TYPED_TEST(VectorConstruction, AtThrowsIndexErrorWithNumPyMessage) {
  Vector<TypeParam> v{1, 2, 3};
  const auto& cv = v;
  try {
    (void)v.at(5);
    FAIL() << "expected index_error";
  } catch (const trueno::index_error& e) {
    EXPECT_STREQ(e.what(), "index 5 is out of bounds for axis 0 with size 3");
  }
  try {
    (void)cv.at(3);
    FAIL() << "expected index_error";
  } catch (const trueno::index_error& e) {
    EXPECT_STREQ(e.what(), "index 3 is out of bounds for axis 0 with size 3");
  }
  EXPECT_THROW((void)Vector<TypeParam>().at(0), trueno::index_error);
  EXPECT_NO_THROW((void)cv.at(2));
}

TYPED_TEST(VectorConstruction, IndexErrorIsATruenoError) {
  const Vector<TypeParam> v(1);
  EXPECT_THROW((void)v.at(1), trueno::error);
  EXPECT_THROW((void)v.at(std::numeric_limits<std::size_t>::max()), std::runtime_error);
}

TYPED_TEST(VectorConstruction, EqualityComparesSizeAndElements) {
  const Vector<TypeParam> a{1, 2, 3};
  EXPECT_TRUE(a == (Vector<TypeParam>{1, 2, 3}));
  EXPECT_FALSE(a == (Vector<TypeParam>{1, 2, 4}));
  EXPECT_FALSE(a == (Vector<TypeParam>{1, 2}));
  EXPECT_TRUE(a != (Vector<TypeParam>{1, 2, 3, 4}));
  EXPECT_TRUE(Vector<TypeParam>() == Vector<TypeParam>());
  static_assert(std::is_same_v<decltype(a == Vector<TypeParam>()), bool>);
}

// --- floating point specifics
// -------------------------------------------------------------------------------

TEST(VectorConstruction, NaNMakesVectorsUnequalEvenToThemselves) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Vector<double> a{1.0, nan};
  EXPECT_FALSE(a == a);
  EXPECT_FALSE(a == (Vector<double>{1.0, nan}));
  EXPECT_TRUE(a != a);
}

TEST(VectorConstruction, SignedZerosCompareEqual) {
  EXPECT_TRUE((Vector<float>{0.0F}) == (Vector<float>{-0.0F}));
}

TEST(VectorConstruction, InitializerListDeducesTheElementType) {
  trueno::Vector f{1.0F, 2.0F};
  trueno::Vector i{1, 2, 3};
  static_assert(std::is_same_v<decltype(f), Vector<float>>);
  static_assert(std::is_same_v<decltype(i), Vector<int>>);
  EXPECT_EQ(f.size(), 2U);
  EXPECT_EQ(i.size(), 3U);
}

// --- iterator pairs
// -----------------------------------------------------------------------------------------

TEST(VectorConstruction, IteratorPairConvertsEachElement) {
  const std::vector<int> src{1, -2, 3};
  const Vector<double> v(src.begin(), src.end());
  EXPECT_EQ(v, (Vector<double>{1.0, -2.0, 3.0}));
  const std::vector<double> frac{1.75, -2.5};
  const Vector<std::int32_t> t(frac.begin(), frac.end());  // truncation, as static_cast
  EXPECT_EQ(t, (Vector<std::int32_t>{1, -2}));
}

TEST(VectorConstruction, IteratorPairFromBidirectionalIterators) {
  const std::list<float> src{0.5F, 1.5F, 2.5F, 3.5F};
  const Vector<float> v(src.begin(), src.end());
  EXPECT_EQ(v, (Vector<float>{0.5F, 1.5F, 2.5F, 3.5F}));
  EXPECT_TRUE(is_aligned_64(v.data()));
}

TEST(VectorConstruction, IteratorPairFromSinglePassInputIterators) {
  std::istringstream in("1.5 2.5 -3 4e2");
  const Vector<double> v{std::istream_iterator<double>(in), std::istream_iterator<double>()};
  EXPECT_EQ(v, (Vector<double>{1.5, 2.5, -3.0, 400.0}));
  EXPECT_TRUE(is_aligned_64(v.data()));
}

TEST(VectorConstruction, IteratorPairFromAnEmptyInputRange) {
  std::istringstream in("");
  const Vector<std::int64_t> v{std::istream_iterator<std::int64_t>(in),
                               std::istream_iterator<std::int64_t>()};
  EXPECT_TRUE(v.empty());
  const std::vector<float> none;
  EXPECT_TRUE((Vector<float>(none.begin(), none.end())).empty());
}

TEST(VectorConstruction, IteratorPairFromRawPointers) {
  const std::int64_t raw[] = {4, 5, 6, 7, 8};
  const Vector<std::int64_t> v(std::begin(raw) + 1, std::end(raw));
  EXPECT_EQ(v, (Vector<std::int64_t>{5, 6, 7, 8}));
}

// --- the element types
// --------------------------------------------------------------------------------------

TEST(VectorConstruction, SupportsExactlyTheFourNumPyTypes) {
  static_assert(trueno::VectorElement<float>);
  static_assert(trueno::VectorElement<double>);
  static_assert(trueno::VectorElement<std::int32_t>);
  static_assert(trueno::VectorElement<std::int64_t>);
  static_assert(!trueno::VectorElement<bool>);
  static_assert(!trueno::VectorElement<std::uint32_t>);
  static_assert(!trueno::VectorElement<long double>);
  static_assert(!trueno::VectorElement<const float>);
  EXPECT_EQ(sizeof(Vector<float>::value_type), 4U);
}

TEST(VectorConstruction, ValueTypesAndIteratorsAreTheDocumentedOnes) {
  static_assert(std::is_same_v<Vector<double>::value_type, double>);
  static_assert(std::is_same_v<Vector<double>::iterator, double*>);
  static_assert(std::is_same_v<Vector<double>::const_iterator, const double*>);
  static_assert(std::is_nothrow_move_constructible_v<Vector<double>>);
  static_assert(std::is_nothrow_move_assignable_v<Vector<double>>);
  static_assert(!std::is_convertible_v<std::size_t, Vector<double>>);  // the size constructor is explicit
  const Vector<double> v{1.0};
  EXPECT_EQ(v.size(), 1U);
}

}  // namespace
