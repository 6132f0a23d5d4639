// NumPy's promotion table and casting rules at compile time: trueno::result_type_t, trueno::can_cast,
// trueno::dtype_name. The whole 13x13 table is checked against numpy.result_type / numpy.can_cast in
// tests/differential/dtype_numpy_test.cpp; these are the cases a reader can check by hand.
#include <gtest/gtest.h>

#include <cstdint>
#include <string_view>
#include <trueno/core/dtype.hpp>
#include <type_traits>

namespace {

using trueno::bfloat16;
using trueno::can_cast;
using trueno::Casting;
using trueno::float16;
using trueno::result_type_t;

template <class A, class B, class R>
constexpr bool promotes_to() {
  return std::is_same_v<result_type_t<A, B>, R> && std::is_same_v<result_type_t<B, A>, R>;
}

TEST(Dtype, PromotionFollowsNumPy) {
  static_assert(promotes_to<bool, bool, bool>());
  static_assert(promotes_to<bool, std::int8_t, std::int8_t>());
  static_assert(promotes_to<bool, float16, float16>());
  static_assert(promotes_to<std::int8_t, std::int32_t, std::int32_t>());
  static_assert(promotes_to<std::uint8_t, std::int8_t, std::int16_t>());
  static_assert(promotes_to<std::uint16_t, std::int16_t, std::int32_t>());
  static_assert(promotes_to<std::uint32_t, std::int32_t, std::int64_t>());
  static_assert(promotes_to<std::uint64_t, std::int64_t, double>());
  static_assert(promotes_to<std::uint64_t, std::int8_t, double>());
  static_assert(promotes_to<std::uint8_t, std::int64_t, std::int64_t>());
  static_assert(promotes_to<std::uint8_t, std::uint64_t, std::uint64_t>());
  static_assert(promotes_to<std::int8_t, float16, float16>());
  static_assert(promotes_to<std::uint8_t, float16, float16>());
  static_assert(promotes_to<std::int16_t, float16, float>());
  static_assert(promotes_to<std::int32_t, float16, double>());
  static_assert(promotes_to<std::int32_t, float, double>());
  static_assert(promotes_to<std::int16_t, float, float>());
  static_assert(promotes_to<std::int64_t, float, double>());
  static_assert(promotes_to<float16, float, float>());
  static_assert(promotes_to<float, double, double>());
  // bfloat16: like float16 for integers; with float16, float32.
  static_assert(promotes_to<bfloat16, bfloat16, bfloat16>());
  static_assert(promotes_to<std::int8_t, bfloat16, bfloat16>());
  static_assert(promotes_to<std::int16_t, bfloat16, float>());
  static_assert(promotes_to<std::uint32_t, bfloat16, double>());
  static_assert(promotes_to<float16, bfloat16, float>());
  static_assert(promotes_to<bfloat16, double, double>());
  // One dtype, two C++ spellings; cv-qualifiers ignored.
  static_assert(std::is_same_v<result_type_t<long long, long long>, long long>);
  static_assert(sizeof(result_type_t<long, long long>) == 8 &&
                std::is_signed_v<result_type_t<long, long long>>);
  static_assert(promotes_to<const float, double, double>());
  SUCCEED();
}

TEST(Dtype, CanCastFollowsNumPy) {
  static_assert(can_cast<bool, float16>() && can_cast<bool, std::uint8_t>());
  static_assert(!can_cast<std::int8_t, bool>() && !can_cast<std::int8_t, bool>(Casting::same_kind));
  static_assert(can_cast<std::int8_t, bool>(Casting::unsafe));
  static_assert(can_cast<std::uint8_t, std::int16_t>() && !can_cast<std::uint8_t, std::int8_t>());
  static_assert(!can_cast<std::int8_t, std::uint64_t>() &&
                !can_cast<std::int8_t, std::uint64_t>(Casting::same_kind));
  static_assert(can_cast<std::uint64_t, std::int8_t>(Casting::same_kind));
  static_assert(can_cast<std::int64_t, double>() && !can_cast<std::int64_t, float>());
  static_assert(can_cast<std::int64_t, float16>(Casting::same_kind));
  static_assert(can_cast<std::int16_t, float>() && !can_cast<std::int16_t, float16>());
  static_assert(can_cast<std::uint8_t, float16>() && can_cast<std::uint8_t, bfloat16>());
  static_assert(!can_cast<double, float>() && can_cast<double, float>(Casting::same_kind));
  static_assert(!can_cast<float, std::int64_t>(Casting::same_kind));
  static_assert(!can_cast<float16, bfloat16>() && !can_cast<bfloat16, float16>());
  static_assert(can_cast<float16, bfloat16>(Casting::same_kind) && can_cast<bfloat16, float>());
  static_assert(can_cast<float, float>(Casting::no) && !can_cast<float, double>(Casting::no));
  static_assert(can_cast<long, long long>(Casting::equiv) && !can_cast<int, long>(Casting::equiv));
  // Casting::safe is the default, as in NumPy.
  static_assert(can_cast<std::int32_t, std::int64_t>() && !can_cast<std::int64_t, std::int32_t>());
  SUCCEED();
}

TEST(Dtype, NamesAreNumPys) {
  EXPECT_EQ(trueno::dtype_name<bool>(), "bool");
  EXPECT_EQ(trueno::dtype_name<std::int8_t>(), "int8");
  EXPECT_EQ(trueno::dtype_name<std::uint16_t>(), "uint16");
  EXPECT_EQ(trueno::dtype_name<long long>(), "int64");
  EXPECT_EQ(trueno::dtype_name<std::uint64_t>(), "uint64");
  EXPECT_EQ(trueno::dtype_name<float16>(), "float16");
  EXPECT_EQ(trueno::dtype_name<bfloat16>(), "bfloat16");
  EXPECT_EQ(trueno::dtype_name<float>(), "float32");
  EXPECT_EQ(trueno::dtype_name<const double>(), "float64");
}

}  // namespace
