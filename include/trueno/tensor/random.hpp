// trueno — seeded random tensors from a counter-based generator (Philox4x32-10, Salmon et al., SC'11):
//   trueno::Generator g(42);                 // or Generator(seed, stream) for parallel streams
//   auto u = trueno::rand<float>({3, 4}, g);  // uniform [0, 1)
//   auto z = trueno::randn<double>({1000}, g);
//   auto k = trueno::randint<std::int64_t>({8}, 0, 10, g);  // uniform integers in [0, 10)
//   auto p = trueno::permutation(10, g);  trueno::shuffle(t, g);
// Block i of a generator is a pure function of (seed, stream, i): a request of n values takes the next
// ceil(n / per_block) blocks, so results never depend on how (or by how many threads: large requests run on
// the thread pool) the blocks are computed, and equal seeds give equal tensors on every platform (the normal
// distribution's std::log/cos/sin aside).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "../core/thread_pool.hpp"
#include "creation.hpp"
#include "manipulation.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

using PhiloxBlock = std::array<std::uint32_t, 4>;

/// Philox4x32-10 of a 128-bit counter under a 64-bit key (Random123's reference; its known answers are
/// tested).
constexpr PhiloxBlock philox4x32_10(PhiloxBlock ctr, std::array<std::uint32_t, 2> key) noexcept {
  constexpr std::uint64_t kM0 = 0xD2511F53U, kM1 = 0xCD9E8D57U;
  constexpr std::uint32_t kW0 = 0x9E3779B9U, kW1 = 0xBB67AE85U;
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] += kW0;
      key[1] += kW1;
    }
    const std::uint64_t p0 = kM0 * ctr[0], p1 = kM1 * ctr[2];
    ctr = {static_cast<std::uint32_t>(p1 >> 32) ^ ctr[1] ^ key[0], static_cast<std::uint32_t>(p1),
           static_cast<std::uint32_t>(p0 >> 32) ^ ctr[3] ^ key[1], static_cast<std::uint32_t>(p0)};
  }
  return ctr;
}

constexpr std::uint64_t join64(std::uint32_t hi, std::uint32_t lo) noexcept {
  return (static_cast<std::uint64_t>(hi) << 32) | lo;
}

/// High and low 64 bits of a * b.
constexpr void mul_64x64(std::uint64_t a, std::uint64_t b, std::uint64_t& hi, std::uint64_t& lo) noexcept {
  const std::uint64_t a0 = a & 0xFFFFFFFFU, a1 = a >> 32, b0 = b & 0xFFFFFFFFU, b1 = b >> 32;
  const std::uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const std::uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFU) + (p10 & 0xFFFFFFFFU);
  lo = (mid << 32) | (p00 & 0xFFFFFFFFU);
  hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

}  // namespace detail

/// A counter-based random generator: Philox4x32-10 keyed by a 64-bit seed, with a 64-bit stream number and a
/// 64-bit position (in 128-bit blocks) as the counter. Cheap to copy; copies replay the same numbers.
class Generator {
 public:
  /// Generators with different seeds or streams give independent sequences.
  explicit constexpr Generator(std::uint64_t seed, std::uint64_t stream = 0) noexcept
      : seed_(seed), stream_(stream) {}

  [[nodiscard]] constexpr std::uint64_t seed() const noexcept { return seed_; }
  [[nodiscard]] constexpr std::uint64_t stream() const noexcept { return stream_; }
  /// Blocks consumed so far.
  [[nodiscard]] constexpr std::uint64_t position() const noexcept { return position_; }

  /// The 128 random bits of block `index` of this stream; `attempt` > 0 selects a related key (for rejection
  /// sampling that must stay position-independent). Pure: does not advance the generator.
  [[nodiscard]] constexpr detail::PhiloxBlock block(std::uint64_t index,
                                                    std::uint32_t attempt = 0) const noexcept {
    const std::uint64_t key = seed_ + attempt * 0x9E3779B97F4A7C15ULL;
    return detail::philox4x32_10(
        {static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32),
         static_cast<std::uint32_t>(stream_), static_cast<std::uint32_t>(stream_ >> 32)},
        {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)});
  }
  /// Reserves the next n blocks: returns the index of the first and advances the position past them.
  constexpr std::uint64_t take(std::uint64_t n) noexcept {
    const std::uint64_t first = position_;
    position_ += n;
    return first;
  }
  /// A new generator seeded from this one's next block (this one advances by one block): for handing
  /// independent generators to tasks. Deterministic: equal generators split into equal children.
  [[nodiscard]] constexpr Generator split() noexcept {
    const auto b = block(take(1));
    return Generator(detail::join64(b[0], b[1]), detail::join64(b[2], b[3]));
  }

  friend constexpr bool operator==(const Generator&, const Generator&) = default;

 private:
  std::uint64_t seed_;
  std::uint64_t stream_;
  std::uint64_t position_ = 0;
};

namespace detail {

/// Runs fn(i) for every block index i in [0, blocks), in tasks of a fixed number of blocks on the thread pool
/// (each value depends on its block alone, so the thread count never changes a result).
template <class Fn>
void for_each_block(std::size_t blocks, Fn fn) {
  constexpr std::size_t kBlocksPerTask = 4096;
  const std::size_t tasks = (blocks + kBlocksPerTask - 1) / kBlocksPerTask;
  auto task = [&](std::size_t t) {
    const std::size_t end = std::min(blocks, (t + 1) * kBlocksPerTask);
    for (std::size_t i = t * kBlocksPerTask; i < end; ++i) fn(i);
  };
  if (tasks > 1) {
    parallel_for(tasks, task);
  } else if (tasks == 1) {
    task(0);
  }
}

/// Fills a new tensor from consecutive blocks: fn(block, out, count) writes count <= per_block values.
template <class T, std::size_t N, class Fn>
Tensor<T, N> generate(const Shape<N>& shape, Generator& g, std::size_t per_block, Fn fn) {
  auto out = empty_tensor<T>(shape);
  const std::size_t n = out.size();
  const std::size_t blocks = (n + per_block - 1) / per_block;
  const std::uint64_t first = g.take(blocks);
  T* p = out.data();
  for_each_block(blocks, [&](std::size_t i) {
    const std::size_t k = i * per_block;
    fn(g.block(first + i), p + k, std::min(per_block, n - k));
  });
  return out;
}

/// Values per block: four floats (24 bits each) or two doubles (53 bits each).
template <class T>
inline constexpr std::size_t kUniformPerBlock = std::is_same_v<T, float> ? 4 : 2;

/// Uniform [0, 1) values of the block, kUniformPerBlock of them.
template <class T>
void uniform_from_block(const PhiloxBlock& b, T* out, std::size_t count) {
  if constexpr (std::is_same_v<T, float>) {
    for (std::size_t j = 0; j < count; ++j) out[j] = static_cast<float>(b[j] >> 8) * 0x1p-24F;
  } else {
    for (std::size_t j = 0; j < count; ++j)
      out[j] = static_cast<double>(join64(b[2 * j], b[2 * j + 1]) >> 11) * 0x1p-53;
  }
}

/// Standard normal values of the block by Box-Muller in double precision: four for float (32-bit uniforms),
/// two for double (53-bit uniforms).
template <class T>
void normal_from_block(const PhiloxBlock& b, T* out, std::size_t count) {
  constexpr double kTwoPi = 2.0 * std::numbers::pi;
  auto pair = [&](double u1, double u2, std::size_t j) {  // u1 in (0, 1], u2 in [0, 1)
    const double r = std::sqrt(-2.0 * std::log(u1));
    out[j] = static_cast<T>(r * std::cos(kTwoPi * u2));
    if (j + 1 < count) out[j + 1] = static_cast<T>(r * std::sin(kTwoPi * u2));
  };
  if constexpr (std::is_same_v<T, float>) {
    for (std::size_t j = 0; j < count; j += 2) {
      pair((static_cast<double>(b[j]) + 0.5) * 0x1p-32, static_cast<double>(b[j + 1]) * 0x1p-32, j);
    }
  } else {
    pair((static_cast<double>(join64(b[0], b[1]) >> 11) + 0.5) * 0x1p-53,
         static_cast<double>(join64(b[2], b[3]) >> 11) * 0x1p-53, 0);
  }
}

/// A uniform integer in [0, range) from block `index` (Lemire's multiply-and-reject; rejected draws retry
/// with the block's other half, then with related keys, so the result depends on the index alone).
inline std::uint64_t bounded_from_block(const Generator& g, std::uint64_t index, std::uint64_t range) {
  const std::uint64_t threshold = (0 - range) % range;  // 2^64 mod range
  for (std::uint32_t attempt = 0;; ++attempt) {
    const auto b = g.block(index, attempt);
    for (int half = 0; half < 2; ++half) {
      std::uint64_t hi = 0, lo = 0;
      mul_64x64(join64(b[2 * half], b[2 * half + 1]), range, hi, lo);
      if (lo >= threshold) return hi;
    }
  }
}

template <std::floating_point T, std::size_t N>
Tensor<T, N> uniform_shape(const Shape<N>& shape, T lo, T hi, Generator& g) {
  if (!(lo <= hi) || !std::isfinite(hi - lo)) {
    throw value_error("uniform: need finite bounds with low <= high");
  }
  return generate<T>(shape, g, kUniformPerBlock<T>,
                     [lo, hi](const PhiloxBlock& b, T* out, std::size_t count) {
                       uniform_from_block(b, out, count);
                       for (std::size_t j = 0; j < count; ++j) {
                         out[j] = lo + (hi - lo) * out[j];
                         if (out[j] >= hi && hi > lo)
                           out[j] = std::nextafter(hi, lo);  // rounding must not reach high
                       }
                     });
}

template <std::floating_point T, std::size_t N>
Tensor<T, N> normal_shape(const Shape<N>& shape, T mean, T stddev, Generator& g) {
  if (!(stddev >= T(0))) throw value_error("scale < 0");
  return generate<T>(shape, g, std::is_same_v<T, float> ? 4 : 2,
                     [mean, stddev](const PhiloxBlock& b, T* out, std::size_t count) {
                       normal_from_block(b, out, count);
                       if (mean != T(0) || stddev != T(1)) {
                         for (std::size_t j = 0; j < count; ++j) out[j] = mean + stddev * out[j];
                       }
                     });
}

template <class T, std::size_t N>
Tensor<T, N> randint_shape(const Shape<N>& shape, T lo, T hi, Generator& g) {
  if (lo >= hi) throw value_error("low >= high");
  const std::uint64_t range = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi)) -
                              static_cast<std::uint64_t>(static_cast<std::int64_t>(lo));
  auto out = empty_tensor<T>(shape);
  const std::uint64_t first = g.take(out.size());
  const auto base = static_cast<std::uint64_t>(static_cast<std::int64_t>(lo));
  T* p = out.data();
  for_each_block(out.size(), [&](std::size_t i) {
    p[i] = static_cast<T>(static_cast<std::int64_t>(base + bounded_from_block(g, first + i, range)));
  });
  return out;
}

template <class T>
concept RandomInteger = std::same_as<T, std::int32_t> || std::same_as<T, std::int64_t>;

}  // namespace detail

/// Uniform values in [0, 1) (np.random.Generator.random): 24 random bits per float, 53 per double.
template <std::floating_point T, std::size_t N>
[[nodiscard]] Tensor<T, N> rand(const Dim (&shape)[N], Generator& g) {
  return detail::generate<T>(detail::to_shape(shape), g, detail::kUniformPerBlock<T>,
                             [](const detail::PhiloxBlock& b, T* out, std::size_t count) {
                               detail::uniform_from_block(b, out, count);
                             });
}
template <std::floating_point T>
[[nodiscard]] Tensor<T, 0> rand(Scalar0 /*shape*/, Generator& g) {
  return rand<T>({1}, g).reshape({});
}

/// Uniform values in [lo, hi); value_error unless lo <= hi and both are finite.
template <std::floating_point T, std::size_t N>
[[nodiscard]] Tensor<T, N> uniform(const Dim (&shape)[N], std::type_identity_t<T> lo,
                                   std::type_identity_t<T> hi, Generator& g) {
  return detail::uniform_shape(detail::to_shape(shape), lo, hi, g);
}
template <std::floating_point T>
[[nodiscard]] Tensor<T, 0> uniform(Scalar0 /*shape*/, std::type_identity_t<T> lo, std::type_identity_t<T> hi,
                                   Generator& g) {
  return detail::uniform_shape(Shape<0>{}, lo, hi, g);
}

/// Normal values with the given mean and standard deviation; value_error ("scale < 0") for stddev < 0.
template <std::floating_point T, std::size_t N>
[[nodiscard]] Tensor<T, N> normal(const Dim (&shape)[N], std::type_identity_t<T> mean,
                                  std::type_identity_t<T> stddev, Generator& g) {
  return detail::normal_shape(detail::to_shape(shape), mean, stddev, g);
}
template <std::floating_point T>
[[nodiscard]] Tensor<T, 0> normal(Scalar0 /*shape*/, std::type_identity_t<T> mean,
                                  std::type_identity_t<T> stddev, Generator& g) {
  return detail::normal_shape(Shape<0>{}, mean, stddev, g);
}

/// Standard normal values (mean 0, standard deviation 1).
template <std::floating_point T, std::size_t N>
[[nodiscard]] Tensor<T, N> randn(const Dim (&shape)[N], Generator& g) {
  return detail::normal_shape(detail::to_shape(shape), T(0), T(1), g);
}
template <std::floating_point T>
[[nodiscard]] Tensor<T, 0> randn(Scalar0 /*shape*/, Generator& g) {
  return detail::normal_shape(Shape<0>{}, T(0), T(1), g);
}

/// Uniform integers in [lo, hi), without bias; value_error ("low >= high") unless lo < hi.
template <detail::RandomInteger T, std::size_t N>
[[nodiscard]] Tensor<T, N> randint(const Dim (&shape)[N], std::type_identity_t<T> lo,
                                   std::type_identity_t<T> hi, Generator& g) {
  return detail::randint_shape(detail::to_shape(shape), lo, hi, g);
}
template <detail::RandomInteger T>
[[nodiscard]] Tensor<T, 0> randint(Scalar0 /*shape*/, std::type_identity_t<T> lo, std::type_identity_t<T> hi,
                                   Generator& g) {
  return detail::randint_shape(Shape<0>{}, lo, hi, g);
}

/// A random ordering of 0, 1, ..., n - 1 (Fisher-Yates; every permutation equally likely).
[[nodiscard]] inline Tensor<std::int64_t, 1> permutation(std::size_t n, Generator& g) {
  auto out = detail::empty_tensor<std::int64_t>(Shape<1>{n});
  std::int64_t* p = out.data();
  for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<std::int64_t>(i);
  const std::uint64_t first = g.take(n);
  for (std::size_t i = n; i-- > 1;) {
    const auto j = static_cast<std::size_t>(detail::bounded_from_block(g, first + i, i + 1));
    std::swap(p[i], p[j]);
  }
  return out;
}

/// Reorders t along axis 0 in place, every order equally likely (np.random.Generator.shuffle).
template <class T, std::size_t N>
requires(N >= 1 && !std::is_const_v<T>) void shuffle(const Tensor<T, N>& t, Generator& g) {
  const auto perm = permutation(t.shape()[0], g);
  const auto src = t.clone();
  for (std::size_t i = 0; i < t.shape()[0]; ++i) {
    const auto j = static_cast<std::size_t>(perm.data()[i]);
    if constexpr (N == 1) {
      t(i) = src(j);
    } else {
      detail::select(t, 0, i).assign(detail::select(src, 0, j));
    }
  }
}

/// A copy of t with its order along axis 0 shuffled (np.random.Generator.permutation of an array).
template <class T, std::size_t N>
requires(N >= 1)
    [[nodiscard]] Tensor<std::remove_const_t<T>, N> permutation(const Tensor<T, N>& t, Generator& g) {
  auto out = t.clone();
  shuffle(out, g);
  return out;
}

TRUENO_END_NAMESPACE
