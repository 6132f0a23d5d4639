// The integer kernels of every width (int8 ... uint64) on every backend this CPU runs, against scalar
// references written here from NumPy's definitions (not against another backend): + - * wrap, minimum,
// maximum, neg, abs (abs(INT_MIN) == INT_MIN), bitwise ops, shifts by any count, floor_divide and mod with
// Python's signs, sum (in int64/uint64), prod, min, max, argmin, argmax. Lengths 0..130 and 10003, unaligned
// starts, the range edges (min, max, 0, -1) placed at the head and the tail of every vector width; nothing
// outside [out, out + n) may be written.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <trueno/trueno.hpp>
#include <tuple>
#include <type_traits>
#include <vector>

#include "common/backends.hpp"

namespace {

using IntTypes = std::tuple<std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
                            std::uint16_t, std::uint32_t, std::uint64_t>;

template <class T>
using U = std::make_unsigned_t<T>;
__extension__ using I128 = __int128;           // NOLINT: the exact quotient of any two 64-bit integers
__extension__ using U128 = unsigned __int128;  // NOLINT
template <class T>
constexpr int kBits = 8 * static_cast<int>(sizeof(T));

// NumPy's integer semantics, one element at a time.
template <class T>
T wrap_add(T a, T b) {
  return static_cast<T>(static_cast<U<T>>(static_cast<U<T>>(a) + static_cast<U<T>>(b)));
}
template <class T>
T wrap_sub(T a, T b) {
  return static_cast<T>(static_cast<U<T>>(static_cast<U<T>>(a) - static_cast<U<T>>(b)));
}
template <class T>
T wrap_mul(T a, T b) {
  // Through uint64: 8- and 16-bit unsigned operands would otherwise promote to (overflowing) int.
  return static_cast<T>(static_cast<std::uint64_t>(static_cast<U<T>>(a)) *
                        static_cast<std::uint64_t>(static_cast<U<T>>(b)));
}
template <class T>
T ref_abs(T a) {
  if constexpr (std::is_signed_v<T>) return a < 0 ? wrap_sub(T(0), a) : a;
  return a;
}
template <class T>
T ref_shl(T a, T b) {
  const auto ub = static_cast<std::uint64_t>(static_cast<U<T>>(b));
  if (ub >= static_cast<std::uint64_t>(kBits<T>)) return T(0);
  return static_cast<T>(static_cast<std::uint64_t>(static_cast<U<T>>(a)) << ub);
}
template <class T>
T ref_shr(T a, T b) {
  const auto ub = static_cast<std::uint64_t>(static_cast<U<T>>(b));
  if (ub >= static_cast<std::uint64_t>(kBits<T>)) return (std::is_signed_v<T> && a < T(0)) ? T(-1) : T(0);
  // Arithmetic shift of a signed value as floor(a / 2^ub), without relying on >> of negatives.
  if constexpr (std::is_signed_v<T>) {
    const auto wide = static_cast<std::int64_t>(+a);  // + : int, not a char conversion
    const std::int64_t p = std::int64_t{1} << ub;
    std::int64_t q = wide / p;
    if (wide % p != 0 && wide < 0) --q;
    return static_cast<T>(q);
  }
  return static_cast<T>(static_cast<U<T>>(a) >> ub);
}
// Python's floor division and modulo, in 128-bit arithmetic (the true quotient, then NumPy's wrap).
template <class T>
T ref_floordiv(T a, T b) {
  const auto wa = static_cast<I128>(+a), wb = static_cast<I128>(+b);
  I128 q = wa / wb;
  if (wa % wb != 0 && ((wa < 0) != (wb < 0))) --q;
  return static_cast<T>(static_cast<U<T>>(static_cast<U128>(q)));
}
template <class T>
T ref_mod(T a, T b) {
  const auto wa = static_cast<I128>(+a), wb = static_cast<I128>(+b);
  I128 r = wa % wb;
  if (r != 0 && ((r < 0) != (wb < 0))) r += wb;
  return static_cast<T>(r);
}

template <class T>
std::vector<T> inputs(std::size_t n, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::vector<T> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t r = gen();
    v[i] = (i % 4 == 0) ? static_cast<T>(static_cast<int>(r % (kBits<T> + 9)) - 4) : static_cast<T>(r);
  }
  constexpr T lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
  const T edges[] = {lo, hi, T(0), static_cast<T>(-1), T(1), static_cast<T>(lo + 1)};
  // Edges at the head and the tail of every vector width (64 bytes / sizeof(T) lanes at most).
  for (std::size_t w = 1; w <= 64 / sizeof(T) && w < n; w *= 2) {
    for (std::size_t k = 0; k < std::size(edges); ++k) {
      if (w + k < n) v[w + k] = edges[k];
      if (n > w + k) v[n - 1 - w - k] = edges[(k + w) % std::size(edges)];
    }
  }
  return v;
}

std::vector<std::size_t> lengths() {
  std::vector<std::size_t> n;
  for (std::size_t i = 0; i <= 130; ++i) n.push_back(i);
  n.push_back(10003);
  return n;
}

template <class T, class Fn, class Ref>
void check_binary(const std::string& name, Fn fn, Ref ref, const std::vector<T>& a, const std::vector<T>& b,
                  std::size_t off, std::size_t n) {
  if constexpr (std::is_pointer_v<Fn>) {
    ASSERT_NE(fn, nullptr) << name;
  }
  constexpr std::size_t kGuard = 70;
  const T guard = static_cast<T>(0x5A);
  std::vector<T> buf(n + 2 * kGuard + off, guard);
  T* out = buf.data() + kGuard + off;
  fn(a.data() + off, b.data() + off, out, n);
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(out[i], ref(a[off + i], b[off + i])) << name << " n=" << n << " off=" << off << " element " << i
                                                   << ": " << +a[off + i] << ", " << +b[off + i];
  }
  for (std::size_t g = 0; g < kGuard + off; ++g) ASSERT_EQ(buf[g], guard) << name << " wrote before out";
  for (std::size_t g = kGuard + off + n; g < buf.size(); ++g)
    ASSERT_EQ(buf[g], guard) << name << " wrote after";
}
template <class T, class Fn, class Ref>
void check_unary(const std::string& name, Fn fn, Ref ref, const std::vector<T>& a, std::size_t off,
                 std::size_t n) {
  ASSERT_NE(fn, nullptr) << name;
  check_binary<T>(
      name, [fn](const T* x, const T*, T* o, std::size_t m) { fn(x, o, m); },
      [ref](T x, T) { return ref(x); }, a, a, off, n);
}

template <class T>
void check_type() {
  const auto a = inputs<T>(10003 + 8, 21 + sizeof(T));
  auto b = inputs<T>(10003 + 8, 97 + sizeof(T));
  auto d = b;  // divisors: no zeros
  for (auto& x : d) x = x == T(0) ? T(1) : x;
  for (trueno::Backend be : trueno_test::available_backends()) {
    const auto& k = trueno::detail::kernels_for<T>(be);
    const std::string where = std::string(trueno::to_string(be)) + " " + std::string(trueno::dtype_name<T>());
    SCOPED_TRACE(where);
    for (std::size_t n : lengths()) {
      for (std::size_t off : {0, 1, 3}) {
        check_binary<T>(where + " add", k.add, wrap_add<T>, a, b, off, n);
        check_binary<T>(where + " sub", k.sub, wrap_sub<T>, a, b, off, n);
        check_binary<T>(where + " mul", k.mul, wrap_mul<T>, a, b, off, n);
        check_binary<T>(
            where + " minimum", k.minimum, [](T x, T y) { return std::min(x, y); }, a, b, off, n);
        check_binary<T>(
            where + " maximum", k.maximum, [](T x, T y) { return std::max(x, y); }, a, b, off, n);
        check_binary<T>(
            where + " bit_and", k.bit_and, [](T x, T y) { return static_cast<T>(x & y); }, a, b, off, n);
        check_binary<T>(
            where + " bit_or", k.bit_or, [](T x, T y) { return static_cast<T>(x | y); }, a, b, off, n);
        check_binary<T>(
            where + " bit_xor", k.bit_xor, [](T x, T y) { return static_cast<T>(x ^ y); }, a, b, off, n);
        check_binary<T>(where + " shift_left", k.shift_left, ref_shl<T>, a, b, off, n);
        check_binary<T>(where + " shift_right", k.shift_right, ref_shr<T>, a, b, off, n);
        check_binary<T>(where + " floor_divide", k.floor_divide, ref_floordiv<T>, a, d, off, n);
        check_binary<T>(where + " mod", k.mod, ref_mod<T>, a, d, off, n);
        check_unary<T>(
            where + " neg", k.neg, [](T x) { return wrap_sub(T(0), x); }, a, off, n);
        check_unary<T>(where + " abs", k.abs, ref_abs<T>, a, off, n);
        check_unary<T>(
            where + " bit_not", k.bit_not, [](T x) { return static_cast<T>(~x); }, a, off, n);
        // Reductions.
        using Acc = trueno::detail::accumulator_t<T>;
        Acc s = 0, p = 1;
        for (std::size_t i = 0; i < n; ++i) {
          s = wrap_add<Acc>(s, static_cast<Acc>(a[off + i]));
          p = wrap_mul<Acc>(p, static_cast<Acc>(a[off + i]));
        }
        ASSERT_EQ(k.sum(a.data() + off, n), s) << where << " sum n=" << n << " off=" << off;
        ASSERT_EQ(k.prod(a.data() + off, n), p) << where << " prod n=" << n << " off=" << off;
        if (n > 0) {
          const auto first = a.begin() + static_cast<std::ptrdiff_t>(off);
          const auto last = first + static_cast<std::ptrdiff_t>(n);
          ASSERT_EQ(k.max(a.data() + off, n), *std::max_element(first, last)) << where << " max n=" << n;
          ASSERT_EQ(k.min(a.data() + off, n), *std::min_element(first, last)) << where << " min n=" << n;
          ASSERT_EQ(k.argmax(a.data() + off, n),
                    static_cast<std::size_t>(std::max_element(first, last) - first))
              << where << " argmax n=" << n;
          ASSERT_EQ(k.argmin(a.data() + off, n),
                    static_cast<std::size_t>(std::min_element(first, last) - first))
              << where << " argmin n=" << n;
        }
      }
    }
  }
}

TEST(IntegerEquivalence, EveryWidthOnEveryBackendMatchesNumPySemantics) {
  std::apply([](auto... tags) { (check_type<decltype(tags)>(), ...); }, IntTypes{});
}

// Sums of the narrow widths with every element at an extreme: the block sums must not overflow their
// lanes (int8 on AVX2/AVX-512: blocks of 256 vectors in 16-bit lanes, 8 KiB or 16 KiB; int8/uint8 elsewhere:
// 255 vector pairs per block in 16-bit lanes), at lengths around the block boundaries.
TEST(IntegerEquivalence, WideningSumsDoNotOverflowTheirLanes) {
  const auto check = [](auto tag) {
    using T = decltype(tag);
    using Acc = trueno::detail::accumulator_t<T>;
    for (T v : {std::numeric_limits<T>::min(), std::numeric_limits<T>::max()}) {
      for (std::size_t n : {std::size_t{8192}, std::size_t{8192 + 127}, std::size_t{16384},
                            std::size_t{16384 + 255}, std::size_t{3 * 16384 + 63}, std::size_t{255 * 128},
                            std::size_t{255 * 128 + 1}, std::size_t{70000}, std::size_t{1} << 20}) {
        const std::vector<T> a(n + 1, v);
        for (trueno::Backend be : trueno_test::available_backends()) {
          ASSERT_EQ(trueno::detail::kernels_for<T>(be).sum(a.data() + 1, n),
                    static_cast<Acc>(static_cast<Acc>(v) * static_cast<Acc>(n)))
              << trueno::to_string(be) << " " << trueno::dtype_name<T>() << " n=" << n << " value " << +v;
        }
      }
    }
  };
  check(std::int8_t{});
  check(std::uint8_t{});
  check(std::int16_t{});
  check(std::uint16_t{});
  check(std::uint32_t{});
}

}  // namespace
