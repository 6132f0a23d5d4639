// The float <-> float16 / bfloat16 conversion kernels on every backend this CPU runs (F16C, AVX-512, NEON and
// the element-by-element fallback) against core/half.hpp's exact scalar conversion, bit for bit: lengths
// 0..130 and 10003, unaligned input and output starts, NaN (quiet and signalling, both signs), infinities,
// denormals, ties and overflow placed at the head and the tail of every vector width, and outputs large
// enough for streaming stores. Nothing outside [out, out + n) may be written.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <trueno/trueno.hpp>
#include <vector>

#include "common/backends.hpp"

namespace {

using trueno::bfloat16;
using trueno::float16;

constexpr std::uint32_t kSpecials[] = {
    0x7FC00000U, 0xFFC00001U, 0x7F800001U, 0xFF812345U,  // quiet and signalling NaNs
    0x7F800000U, 0xFF800000U,                            // infinities
    0x00000001U, 0x807FFFFFU, 0x00400000U,               // float denormals
    0x33800000U, 0x33000000U, 0x387FC000U, 0x38800000U,  // float16 denormal range and its edges
    0x477FF000U, 0x477FEFFFU, 0x47800000U, 0xC77FF000U,  // 65520 (ties to infinity), just below, 65536
    0x3F801000U, 0x3F803000U, 0x3F808000U, 0x3F818000U,  // float16 and bfloat16 ties, even and odd
    0x7F7FFFFFU, 0x00000000U, 0x80000000U,               // largest float, signed zeros
};

std::vector<float> float_inputs(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::vector<float> v(n);
  for (auto& x : v) {
    const std::uint32_t r = gen();
    // Half of them in the float16 range, half any bit pattern.
    x = (r & 1U) != 0 ? std::bit_cast<float>(r)
                      : std::ldexp(static_cast<float>(static_cast<int>(r >> 8U) % 20000),
                                   static_cast<int>(r % 21) - 18);
  }
  // Specials at the head and the tail of every vector width.
  constexpr std::size_t kSpecialCount = std::size(kSpecials);
  for (std::size_t k = 0; k < kSpecialCount && k < n; ++k) {
    v[k] = std::bit_cast<float>(kSpecials[k]);
    v[n - 1 - k] = std::bit_cast<float>(kSpecials[(k + 7) % kSpecialCount]);
  }
  return v;
}

template <class Half>
std::uint16_t reference(float x) {
  return Half(x).bits();
}

void check_narrow(const char* name, void (*fn)(const float*, std::uint16_t*, std::size_t),
                  std::uint16_t (*ref)(float), const std::vector<float>& in, std::size_t in_off,
                  std::size_t out_off, std::size_t n) {
  constexpr std::size_t kGuard = 40;
  std::vector<std::uint16_t> buf(n + out_off + 2 * kGuard, 0xABCD);
  std::uint16_t* out = buf.data() + kGuard + out_off;
  fn(in.data() + in_off, out, n);
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(out[i], ref(in[in_off + i])) << name << " n=" << n << " element " << i << " input bits 0x"
                                           << std::hex << std::bit_cast<std::uint32_t>(in[in_off + i]);
  }
  for (std::size_t g = 0; g < kGuard + out_off; ++g) ASSERT_EQ(buf[g], 0xABCD) << name << " wrote before out";
  for (std::size_t g = kGuard + out_off + n; g < buf.size(); ++g)
    ASSERT_EQ(buf[g], 0xABCD) << name << " wrote after";
}

template <class Half>
void check_widen(void (*fn)(const std::uint16_t*, float*, std::size_t), const char* name,
                 const std::vector<std::uint16_t>& in, std::size_t in_off, std::size_t out_off,
                 std::size_t n) {
  constexpr std::size_t kGuard = 40;
  const float guard = 1234.5F;
  std::vector<float> buf(n + out_off + 2 * kGuard, guard);
  float* out = buf.data() + kGuard + out_off;
  fn(in.data() + in_off, out, n);
  for (std::size_t i = 0; i < n; ++i) {
    const float want = static_cast<float>(Half::from_bits(in[in_off + i]));
    ASSERT_EQ(std::bit_cast<std::uint32_t>(out[i]), std::bit_cast<std::uint32_t>(want))
        << name << " n=" << n << " element " << i << " input 0x" << std::hex << in[in_off + i];
  }
  for (std::size_t g = 0; g < kGuard + out_off; ++g) ASSERT_EQ(buf[g], guard) << name << " wrote before out";
  for (std::size_t g = kGuard + out_off + n; g < buf.size(); ++g)
    ASSERT_EQ(buf[g], guard) << name << " wrote after";
}

std::vector<std::uint16_t> half_inputs(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::vector<std::uint16_t> v(n);
  for (auto& x : v) x = static_cast<std::uint16_t>(gen());
  const std::uint16_t specials[] = {0x7C01, 0xFE00, 0x7C00, 0xFC00, 0x0001, 0x83FF,
                                    0x7FC0, 0xFF81, 0x7F80, 0x0000, 0x8000};
  for (std::size_t k = 0; k < std::size(specials) && k < n; ++k) {
    v[k] = specials[k];
    v[n - 1 - k] = specials[(k + 3) % std::size(specials)];
  }
  return v;
}

std::vector<std::size_t> lengths() {
  std::vector<std::size_t> n;
  for (std::size_t i = 0; i <= 130; ++i) n.push_back(i);
  n.push_back(10003);
  return n;
}

TEST(ConvertEquivalence, EveryBackendNarrowsLikeTheScalarReference) {
  const auto in = float_inputs(10003 + 8, 11);
  for (trueno::Backend b : trueno_test::available_backends()) {
    const auto& k = trueno::detail::kernels_for<float>(b);
    ASSERT_NE(k.to_f16, nullptr);
    ASSERT_NE(k.to_bf16, nullptr);
    const std::string where = std::string(trueno::to_string(b));
    for (std::size_t n : lengths()) {
      for (std::size_t off : {0, 1, 3}) {
        // Specials at this length's own head and tail too.
        std::vector<float> local(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(n + off));
        for (std::size_t s = 0; s < std::size(kSpecials) && s < n; ++s) {
          local[off + s] = std::bit_cast<float>(kSpecials[s]);
          local[off + n - 1 - s] = std::bit_cast<float>(kSpecials[(s + 5) % std::size(kSpecials)]);
        }
        check_narrow((where + " to_f16").c_str(), k.to_f16, &reference<float16>, local, off, (off * 3) % 4,
                     n);
        check_narrow((where + " to_bf16").c_str(), k.to_bf16, &reference<bfloat16>, local, off, (off * 3) % 4,
                     n);
      }
    }
  }
}

TEST(ConvertEquivalence, EveryBackendWidensExactly) {
  const auto in = half_inputs(10003 + 8, 12);
  for (trueno::Backend b : trueno_test::available_backends()) {
    const auto& k = trueno::detail::kernels_for<float>(b);
    ASSERT_NE(k.from_f16, nullptr);
    ASSERT_NE(k.from_bf16, nullptr);
    const std::string where = std::string(trueno::to_string(b));
    for (std::size_t n : lengths()) {
      for (std::size_t off : {0, 1, 3}) {
        std::vector<std::uint16_t> local(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(n + off));
        check_widen<float16>(k.from_f16, (where + " from_f16").c_str(), local, off, (off * 3) % 4, n);
        check_widen<bfloat16>(k.from_bf16, (where + " from_bf16").c_str(), local, off, (off * 3) % 4, n);
      }
    }
  }
}

// The pairwise float sums of float16 / bfloat16 bit patterns (sum_f16, sum_bf16) on every backend: within the
// pairwise bound (log2(n) + 2) * eps * sum|x| of the exact sum, at every length and offset; a NaN anywhere
// (head or tail) gives NaN, an infinity gives it.
TEST(ConvertEquivalence, HalfSumsAreAccuratePairwiseFloatSumsOnEveryBackend) {
  std::mt19937 gen(16);
  std::vector<std::uint16_t> f(10003 + 8), g(10003 + 8);
  for (std::size_t i = 0; i < f.size(); ++i) {
    const float x = static_cast<float>(static_cast<int>(gen() % 20001) - 10000) / 64.0F;
    f[i] = float16(x).bits();
    g[i] = bfloat16(x).bits();
  }
  for (trueno::Backend b : trueno_test::available_backends()) {
    const auto& k = trueno::detail::kernels_for<float>(b);
    ASSERT_NE(k.sum_f16, nullptr);
    ASSERT_NE(k.sum_bf16, nullptr);
    for (std::size_t n : lengths()) {
      for (std::size_t off : {0, 1, 3}) {
        double exact_f = 0, abs_f = 0, exact_g = 0, abs_g = 0;
        for (std::size_t i = off; i < off + n; ++i) {
          exact_f += static_cast<float>(float16::from_bits(f[i]));
          abs_f += std::fabs(static_cast<float>(float16::from_bits(f[i])));
          exact_g += static_cast<float>(bfloat16::from_bits(g[i]));
          abs_g += std::fabs(static_cast<float>(bfloat16::from_bits(g[i])));
        }
        const double eps = std::numeric_limits<float>::epsilon();
        const double steps = std::log2(static_cast<double>(n) + 1) + 2;
        ASSERT_LE(std::fabs(k.sum_f16(f.data() + off, n) - exact_f), steps * eps * abs_f)
            << trueno::to_string(b) << " sum_f16 n=" << n << " off=" << off;
        ASSERT_LE(std::fabs(k.sum_bf16(g.data() + off, n) - exact_g), steps * eps * abs_g)
            << trueno::to_string(b) << " sum_bf16 n=" << n << " off=" << off;
      }
    }
    for (std::size_t n : {std::size_t{1}, std::size_t{17}, std::size_t{130}, std::size_t{10003}}) {
      for (std::size_t at : {std::size_t{0}, n - 1}) {
        auto h = f;
        h[at] = 0x7E00;  // float16 NaN
        EXPECT_TRUE(std::isnan(k.sum_f16(h.data(), n))) << trueno::to_string(b) << " n=" << n << " at " << at;
        h[at] = 0x7C00;  // +inf
        EXPECT_EQ(k.sum_f16(h.data(), n), std::numeric_limits<float>::infinity()) << trueno::to_string(b);
        auto c = g;
        c[at] = 0x7FC0;  // bfloat16 NaN
        EXPECT_TRUE(std::isnan(k.sum_bf16(c.data(), n)))
            << trueno::to_string(b) << " n=" << n << " at " << at;
      }
    }
  }
}

// Above the streaming threshold (16 MiB of output), at aligned and unaligned outputs.
TEST(ConvertEquivalence, LargeOutputsStreamWithTheSameBits) {
  constexpr std::size_t kNarrow = (std::size_t{17} << 20) / 2 + 7;  // 17 MiB of uint16
  constexpr std::size_t kWide = (std::size_t{17} << 20) / 4 + 7;    // 17 MiB of float
  const auto fin = float_inputs(kNarrow + 4, 13);
  const auto hin = half_inputs(kWide + 4, 14);
  for (trueno::Backend b : trueno_test::available_backends()) {
    const auto& k = trueno::detail::kernels_for<float>(b);
    const std::string where = std::string(trueno::to_string(b));
    for (std::size_t off : {0, 1}) {
      check_narrow((where + " to_f16 large").c_str(), k.to_f16, &reference<float16>, fin, off, off, kNarrow);
      check_narrow((where + " to_bf16 large").c_str(), k.to_bf16, &reference<bfloat16>, fin, off, off,
                   kNarrow);
      check_widen<float16>(k.from_f16, (where + " from_f16 large").c_str(), hin, off, off, kWide);
      check_widen<bfloat16>(k.from_bf16, (where + " from_bf16 large").c_str(), hin, off, off, kWide);
    }
  }
}

// Tensor::astype goes through these kernels for float <-> float16 / bfloat16, on any view.
TEST(ConvertEquivalence, AstypeUsesTheKernelsOnEveryBackend) {
  const auto in = float_inputs(3 * 257, 15);
  auto t = trueno::empty<float>({3, 257});
  std::copy(in.begin(), in.end(), t.data());
  for (trueno::Backend b : trueno_test::available_backends()) {
    const trueno_test::BackendScope scope(b);
    const auto h = t.astype<float16>();
    const auto g = t.transpose().astype<bfloat16>();
    for (std::size_t i = 0; i < 3; ++i) {
      for (std::size_t j = 0; j < 257; ++j) {
        ASSERT_EQ(h(i, j).bits(), float16(t(i, j)).bits());
        ASSERT_EQ(g(j, i).bits(), bfloat16(t(i, j)).bits());
      }
    }
    const auto back = h.astype<float>();
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 257; ++j)
        ASSERT_EQ(std::bit_cast<std::uint32_t>(back(i, j)),
                  std::bit_cast<std::uint32_t>(static_cast<float>(h(i, j))));
  }
}

}  // namespace
