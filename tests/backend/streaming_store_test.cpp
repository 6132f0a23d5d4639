// Element-wise kernels switch to streaming (non-temporal) stores for outputs of 16 MiB or more. Those outputs
// must equal the scalar backend's bit for bit at any output alignment, and nothing outside [out, out + n) is
// written.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <random>
#include <type_traits>
#include <vector>

#include "common/backends.hpp"

namespace {

template <class T>
std::vector<T> random_values(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_int_distribution<int> dist(-1000, 1000);
  std::vector<T> v(n);
  for (auto& x : v) x = static_cast<T>(dist(gen)) / T(8);
  return v;
}

// Bit-for-bit equality of n elements (NaN payloads and the sign of zero included).
template <class T>
bool same_bits(const T* x, const T* y, std::size_t n) {
  using Bits = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::bit_cast<Bits>(x[i]) != std::bit_cast<Bits>(y[i])) return false;
  }
  return true;
}

template <class T>
void expect_streaming_matches_scalar() {
  constexpr std::size_t kElements = (std::size_t{17} << 20) / sizeof(T) + 5;  // above the 16 MiB threshold
  constexpr std::size_t kGuard = 16;
  const auto a = random_values<T>(kElements, 1);
  const auto b = random_values<T>(kElements, 2);
  const auto& ref = trueno::detail::kernels_for<T>(trueno::Backend::scalar);
  std::vector<T> want(kElements), want_unary(kElements);
  ref.add(a.data(), b.data(), want.data(), kElements);
  ref.clamp(a.data(), want_unary.data(), kElements, T(-10), T(10));
  for (trueno::Backend backend : trueno_test::available_backends()) {
    const auto& k = trueno::detail::kernels_for<T>(backend);
    for (std::size_t offset : {0, 1, 3}) {
      std::vector<T> buf(kElements + 2 * kGuard, T(42));
      T* out = buf.data() + kGuard + offset;
      k.add(a.data(), b.data(), out, kElements);
      EXPECT_TRUE(same_bits(out, want.data(), kElements))
          << "add on " << trueno::to_string(backend) << " at offset " << offset;
      k.clamp(a.data(), out, kElements, T(-10), T(10));
      EXPECT_TRUE(same_bits(out, want_unary.data(), kElements))
          << "clamp on " << trueno::to_string(backend) << " at offset " << offset;
      for (std::size_t g = 0; g < kGuard + offset; ++g) EXPECT_EQ(buf[g], T(42)) << "guard before, " << g;
      for (std::size_t g = kGuard + offset + kElements; g < buf.size(); ++g)
        EXPECT_EQ(buf[g], T(42)) << "guard after";
    }
  }
}

TEST(StreamingStores, LargeFloatOutputsMatchScalarAtEveryAlignment) {
  expect_streaming_matches_scalar<float>();
}
TEST(StreamingStores, LargeDoubleOutputsMatchScalarAtEveryAlignment) {
  expect_streaming_matches_scalar<double>();
}
TEST(StreamingStores, LargeInt32OutputsMatchScalarAtEveryAlignment) {
  expect_streaming_matches_scalar<std::int32_t>();
}

TEST(StreamingStores, InPlaceLargeAddEqualsOutOfPlace) {
  constexpr std::size_t n = (std::size_t{17} << 20) / sizeof(float);
  trueno::Vector<float> a(n, 1.5f), b(n, 2.25f);
  const trueno::Vector<float> expected = a + b;
  a += b;
  EXPECT_TRUE(a == expected);
  EXPECT_EQ(a[n - 1], 3.75f);
}

}  // namespace
