// Properties of the integer tensor ops over arbitrary values (RapidCheck), for every integer width: floor
// division and modulo satisfy a == b * (a // b) + a % b (wrapping) with the remainder smaller than the
// divisor and of its sign; left shifts by k < bits multiply by 2^k (wrapping); right shifts of signed values
// round toward -inf; sums equal the exact sum taken modulo 2^64; integer powers equal the exact repeated
// product wrapped (a^(e+1) == a^e * a); the mixed-dtype result equals the sum computed in the promoted type;
// the outcome does not depend on the backend.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <limits>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <vector>

#include "common/backends.hpp"

namespace {

template <class T>
trueno::Tensor<T, 1> tensor_of(const std::vector<T>& v) {
  auto t = trueno::empty<T>({v.size()});
  std::copy(v.begin(), v.end(), t.data());
  return t;
}

__extension__ using I128 = __int128;  // exact products and sums of any two 64-bit integers
__extension__ using U128 = unsigned __int128;

template <class T>
T wrap(I128 v) {
  return static_cast<T>(static_cast<std::make_unsigned_t<T>>(static_cast<U128>(v)));
}

template <class T>
void floor_division_identity() {
  const auto a = *rc::gen::container<std::vector<T>>(rc::gen::arbitrary<T>());
  auto b = *rc::gen::container<std::vector<T>>(a.size(), rc::gen::nonZero<T>());
  const auto ta = tensor_of(a), tb = tensor_of(b);
  const auto q = trueno::floor_divide(ta, tb);
  const auto r = trueno::mod(ta, tb);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const T qi = q.data()[i], ri = r.data()[i];
    // a == b * q + r, wrapping (INT_MIN // -1 wraps to INT_MIN, INT_MIN % -1 is 0).
    RC_ASSERT(wrap<T>(static_cast<I128>(b[i]) * qi + ri) == a[i]);
    if (ri != T(0)) {
      RC_ASSERT((ri < T(0)) == (b[i] < T(0)));
      if constexpr (std::is_signed_v<T>) {
        RC_ASSERT(static_cast<I128>(ri < 0 ? -static_cast<I128>(ri) : ri) <
                  (b[i] < 0 ? -static_cast<I128>(b[i]) : static_cast<I128>(b[i])));
      } else {
        RC_ASSERT(ri < b[i]);
      }
    }
  }
}

template <class T>
void shift_properties() {
  constexpr int kBits = 8 * static_cast<int>(sizeof(T));
  const auto a = *rc::gen::container<std::vector<T>>(rc::gen::arbitrary<T>());
  const int k = *rc::gen::inRange(0, kBits);
  const auto ta = tensor_of(a);
  const auto left = ta << static_cast<T>(k);
  const auto right = ta >> static_cast<T>(k);
  for (std::size_t i = 0; i < a.size(); ++i) {
    RC_ASSERT(left.data()[i] == wrap<T>(static_cast<I128>(a[i]) * (static_cast<I128>(1) << k)));
    const I128 p = static_cast<I128>(1) << k;
    I128 fl = static_cast<I128>(a[i]) / p;
    if (static_cast<I128>(a[i]) % p != 0 && a[i] < T(0)) --fl;
    RC_ASSERT(right.data()[i] == static_cast<T>(fl));
  }
}

template <class T>
void sum_is_exact_modulo_two_to_the_64() {
  const auto a = *rc::gen::container<std::vector<T>>(rc::gen::arbitrary<T>());
  I128 exact = 0;
  for (T x : a) exact += x;
  using Acc = trueno::detail::accumulator_t<T>;
  const Acc want = wrap<Acc>(exact);
  trueno_test::for_each_backend([&] { RC_ASSERT(trueno::sum(tensor_of(a)) == want); });
}

template <class T>
void power_is_the_wrapped_repeated_product() {
  const auto a = *rc::gen::container<std::vector<T>>(rc::gen::arbitrary<T>());
  const auto e = *rc::gen::container<std::vector<T>>(a.size(), rc::gen::inRange<T>(T(0), T(100)));
  const auto p = trueno::pow(tensor_of(a), tensor_of(e));
  const auto p1 = trueno::pow(tensor_of(a), tensor_of(e) + T(1));
  static_assert(std::is_same_v<typename decltype(p)::value_type, T>);
  for (std::size_t i = 0; i < a.size(); ++i) {
    U128 r = 1;  // the product modulo 2^128, then 2^bits: the same low bits as T's wrapping product
    for (T k = 0; k < e[i]; ++k) r *= static_cast<U128>(static_cast<I128>(a[i]));
    RC_ASSERT(p.data()[i] == wrap<T>(static_cast<I128>(r)));
    // The product modulo 2^128 (unsigned: two 64-bit factors may overflow __int128), then 2^bits.
    const U128 next =
        static_cast<U128>(static_cast<I128>(p.data()[i])) * static_cast<U128>(static_cast<I128>(a[i]));
    RC_ASSERT(p1.data()[i] == wrap<T>(static_cast<I128>(next)));
  }
}

#define TRUENO_INTEGER_PROPS(T, name)                                                                      \
  RC_GTEST_PROP(IntegerProperties, FloorDivideAndModIdentity_##name, ()) { floor_division_identity<T>(); } \
  RC_GTEST_PROP(IntegerProperties, ShiftsMultiplyAndFloorDivide_##name, ()) { shift_properties<T>(); }     \
  RC_GTEST_PROP(IntegerProperties, PowerIsTheWrappedRepeatedProduct_##name, ()) {                          \
    power_is_the_wrapped_repeated_product<T>();                                                            \
  }                                                                                                        \
  RC_GTEST_PROP(IntegerProperties, SumIsExactModulo2To64OnEveryBackend_##name, ()) {                       \
    sum_is_exact_modulo_two_to_the_64<T>();                                                                \
  }

TRUENO_INTEGER_PROPS(std::int8_t, int8)
TRUENO_INTEGER_PROPS(std::int16_t, int16)
TRUENO_INTEGER_PROPS(std::int32_t, int32)
TRUENO_INTEGER_PROPS(std::int64_t, int64)
TRUENO_INTEGER_PROPS(std::uint8_t, uint8)
TRUENO_INTEGER_PROPS(std::uint16_t, uint16)
TRUENO_INTEGER_PROPS(std::uint32_t, uint32)
TRUENO_INTEGER_PROPS(std::uint64_t, uint64)

#undef TRUENO_INTEGER_PROPS

RC_GTEST_PROP(IntegerProperties, MixedAddEqualsTheSumInThePromotedType, ()) {
  const auto a = *rc::gen::container<std::vector<std::int8_t>>(rc::gen::arbitrary<std::int8_t>());
  const auto b =
      *rc::gen::container<std::vector<std::uint16_t>>(a.size(), rc::gen::arbitrary<std::uint16_t>());
  const auto s = tensor_of(a) + tensor_of(b);
  static_assert(std::is_same_v<decltype(s)::value_type, std::int32_t>);
  for (std::size_t i = 0; i < a.size(); ++i)
    RC_ASSERT(s.data()[i] == std::int32_t{a[i]} + std::int32_t{b[i]});
}

}  // namespace
