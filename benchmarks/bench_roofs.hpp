// trueno benchmarks — the roof kernels: what the memory system delivers to one thread (STREAM-like copy and
// add, a read-only sum), shared by bench_vector.cpp and bench_math.cpp. x86-64 with GCC or Clang only; they
// run only where the CPU has AVX-512 (the caller checks __builtin_cpu_supports("avx512f")).
#pragma once

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#include <cstddef>

#define BENCH_HAVE_AVX512_ROOFS 1
#define BENCH_AVX512 __attribute__((target("avx512f")))

namespace trueno_bench {

// STREAM copy as four 64-byte loads and stores per iteration, masked tail.
BENCH_AVX512 inline void roof_copy(const float* a, float* out, std::size_t n) {
  std::size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    const __m512 x0 = _mm512_load_ps(a + i), x1 = _mm512_load_ps(a + i + 16), x2 = _mm512_load_ps(a + i + 32),
                 x3 = _mm512_load_ps(a + i + 48);
    _mm512_store_ps(out + i, x0);
    _mm512_store_ps(out + i + 16, x1);
    _mm512_store_ps(out + i + 32, x2);
    _mm512_store_ps(out + i + 48, x3);
  }
  for (; i < n; i += 16) {
    const auto m = static_cast<__mmask16>(n - i >= 16 ? 0xFFFFU : (1U << (n - i)) - 1U);
    _mm512_mask_storeu_ps(out + i, m, _mm512_maskz_loadu_ps(m, a + i));
  }
}

// STREAM add: out = a + b.
BENCH_AVX512 inline void roof_add(const float* a, const float* b, float* out, std::size_t n) {
  std::size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    const __m512 x0 = _mm512_add_ps(_mm512_load_ps(a + i), _mm512_load_ps(b + i));
    const __m512 x1 = _mm512_add_ps(_mm512_load_ps(a + i + 16), _mm512_load_ps(b + i + 16));
    const __m512 x2 = _mm512_add_ps(_mm512_load_ps(a + i + 32), _mm512_load_ps(b + i + 32));
    const __m512 x3 = _mm512_add_ps(_mm512_load_ps(a + i + 48), _mm512_load_ps(b + i + 48));
    _mm512_store_ps(out + i, x0);
    _mm512_store_ps(out + i + 16, x1);
    _mm512_store_ps(out + i + 32, x2);
    _mm512_store_ps(out + i + 48, x3);
  }
  for (; i < n; i += 16) {
    const auto m = static_cast<__mmask16>(n - i >= 16 ? 0xFFFFU : (1U << (n - i)) - 1U);
    _mm512_mask_storeu_ps(out + i, m,
                          _mm512_add_ps(_mm512_maskz_loadu_ps(m, a + i), _mm512_maskz_loadu_ps(m, b + i)));
  }
}

// The same two loops with streaming (non-temporal) stores: the result bypasses the caches and no line is read
// for ownership before it is written. Shown for information: trueno, NumPy and Eigen all use cached stores,
// so that a result is still in cache for the next op.
BENCH_AVX512 inline void roof_copy_nt(const float* a, float* out, std::size_t n) {
  std::size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    const __m512 x0 = _mm512_load_ps(a + i), x1 = _mm512_load_ps(a + i + 16), x2 = _mm512_load_ps(a + i + 32),
                 x3 = _mm512_load_ps(a + i + 48);
    _mm512_stream_ps(out + i, x0);
    _mm512_stream_ps(out + i + 16, x1);
    _mm512_stream_ps(out + i + 32, x2);
    _mm512_stream_ps(out + i + 48, x3);
  }
  _mm_sfence();
  for (; i < n; ++i) out[i] = a[i];
}
BENCH_AVX512 inline void roof_add_nt(const float* a, const float* b, float* out, std::size_t n) {
  std::size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    const __m512 x0 = _mm512_add_ps(_mm512_load_ps(a + i), _mm512_load_ps(b + i));
    const __m512 x1 = _mm512_add_ps(_mm512_load_ps(a + i + 16), _mm512_load_ps(b + i + 16));
    const __m512 x2 = _mm512_add_ps(_mm512_load_ps(a + i + 32), _mm512_load_ps(b + i + 32));
    const __m512 x3 = _mm512_add_ps(_mm512_load_ps(a + i + 48), _mm512_load_ps(b + i + 48));
    _mm512_stream_ps(out + i, x0);
    _mm512_stream_ps(out + i + 16, x1);
    _mm512_stream_ps(out + i + 32, x2);
    _mm512_stream_ps(out + i + 48, x3);
  }
  _mm_sfence();
  for (; i < n; ++i) out[i] = a[i] + b[i];
}

// Read-only roof: a plain sum with eight independent accumulators (two 64-byte loads per cycle can issue).
BENCH_AVX512 inline float roof_read(const float* a, std::size_t n) {
  __m512 acc[8];
  for (auto& r : acc) r = _mm512_setzero_ps();
  std::size_t i = 0;
  for (; i + 128 <= n; i += 128) {
    for (std::size_t j = 0; j < 8; ++j) acc[j] = _mm512_add_ps(acc[j], _mm512_load_ps(a + i + 16 * j));
  }
  for (; i < n; i += 16) {
    const auto m = static_cast<__mmask16>(n - i >= 16 ? 0xFFFFU : (1U << (n - i)) - 1U);
    acc[0] = _mm512_add_ps(acc[0], _mm512_maskz_loadu_ps(m, a + i));
  }
  const __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(acc[0], acc[1]), _mm512_add_ps(acc[2], acc[3])),
                                 _mm512_add_ps(_mm512_add_ps(acc[4], acc[5]), _mm512_add_ps(acc[6], acc[7])));
  alignas(64) float lanes[16];  // not _mm512_reduce_add_ps: GCC 12 warns -Wuninitialized inside it
  _mm512_store_ps(lanes, s);
  float total = 0.0F;
  for (const float x : lanes) total += x;
  return total;
}

// The same over two arrays (a[i] + b[i] summed): the read traffic and working set of dot.
BENCH_AVX512 inline float roof_read2(const float* a, const float* b, std::size_t n) {
  __m512 acc[8];
  for (auto& r : acc) r = _mm512_setzero_ps();
  std::size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    for (std::size_t j = 0; j < 4; ++j) {
      acc[2 * j] = _mm512_add_ps(acc[2 * j], _mm512_load_ps(a + i + 16 * j));
      acc[2 * j + 1] = _mm512_add_ps(acc[2 * j + 1], _mm512_load_ps(b + i + 16 * j));
    }
  }
  for (; i < n; i += 16) {
    const auto m = static_cast<__mmask16>(n - i >= 16 ? 0xFFFFU : (1U << (n - i)) - 1U);
    acc[0] = _mm512_add_ps(acc[0], _mm512_maskz_loadu_ps(m, a + i));
    acc[1] = _mm512_add_ps(acc[1], _mm512_maskz_loadu_ps(m, b + i));
  }
  const __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(acc[0], acc[1]), _mm512_add_ps(acc[2], acc[3])),
                                 _mm512_add_ps(_mm512_add_ps(acc[4], acc[5]), _mm512_add_ps(acc[6], acc[7])));
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, s);
  float total = 0.0F;
  for (const float x : lanes) total += x;
  return total;
}

}  // namespace trueno_bench

#undef BENCH_AVX512
#endif
