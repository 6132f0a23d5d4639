// trueno — the per-ISA target regions (Highway's technique). Every standard header the kernels use is
// included here, before any region opens, so no library code is compiled with a target attribute by accident.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "../core/backend.hpp"
#include "../core/half.hpp"
#include "../core/stream_hint.hpp"

#if defined(TRUENO_ARCH_X86) && !defined(TRUENO_DISABLE_SIMD) && (defined(__GNUC__) || defined(__clang__))
#define TRUENO_HAVE_X86_SIMD 1
#include <immintrin.h>
#endif

// AArch64: Advanced SIMD is part of the base ISA, so the NEON kernels need no target region.
#if defined(TRUENO_ARCH_ARM64) && !defined(TRUENO_DISABLE_SIMD) && (defined(__GNUC__) || defined(__clang__))
#define TRUENO_HAVE_NEON 1
#include <arm_neon.h>
#endif

// TRUENO_TARGET_BEGIN("isa,list") ... TRUENO_TARGET_END wrap a re-inclusion of the kernel families. On GCC
// the region also silences -Wpsabi (vector arguments between inlined helpers) and the false -Wuninitialized
// that GCC 12 reports inside its own AVX-512 intrinsics (`__m512 __Y = __Y;` in _mm512_undefined_ps).
#if defined(__clang__)
#define TRUENO_PRAGMA(x) _Pragma(#x)
#define TRUENO_TARGET_BEGIN(targets) \
  TRUENO_PRAGMA(clang attribute push(__attribute__((target(targets))), apply_to = function))
#define TRUENO_TARGET_END _Pragma("clang attribute pop")
#elif defined(__GNUC__)
#define TRUENO_PRAGMA(x) _Pragma(#x)
#define TRUENO_TARGET_BEGIN(targets)                                                                      \
  _Pragma("GCC push_options") TRUENO_PRAGMA(GCC target(targets)) _Pragma("GCC diagnostic push")           \
      _Pragma("GCC diagnostic ignored \"-Wpsabi\"") _Pragma("GCC diagnostic ignored \"-Wuninitialized\"") \
          _Pragma("GCC diagnostic ignored \"-Wmaybe-uninitialized\"")
#define TRUENO_TARGET_END _Pragma("GCC diagnostic pop") _Pragma("GCC pop_options")
#else
#define TRUENO_TARGET_BEGIN(targets)
#define TRUENO_TARGET_END
#endif

// A small hot kernel helper that must be inlined into its loop although it carries a rare path (MathOps::exp
// on NEON): a call left in the loop would make the loop reload its vector constants around it.
#if defined(__GNUC__) || defined(__clang__)
#define TRUENO_ALWAYS_INLINE __attribute__((always_inline))
#elif defined(_MSC_VER)
#define TRUENO_ALWAYS_INLINE __forceinline
#else
#define TRUENO_ALWAYS_INLINE
#endif

#define TRUENO_TARGETS_SSE2 "sse2"
#define TRUENO_TARGETS_AVX2 "sse2,sse3,ssse3,sse4.1,sse4.2,popcnt,avx,avx2,fma,f16c"
#define TRUENO_TARGETS_AVX512 TRUENO_TARGETS_AVX2 ",avx512f,avx512bw,avx512dq,avx512vl"

// The scalar kernels are compiled with the user's own flags, so their namespace is named after those flags: a
// translation unit built with -mavx2 then cannot replace the baseline copy at link time (DESIGN.md, section
// 2).
#if defined(__AVX512F__)
#define TRUENO_SCALAR_NS scalar_base_avx512
#elif defined(__AVX2__)
#define TRUENO_SCALAR_NS scalar_base_avx2
#elif defined(__AVX__)
#define TRUENO_SCALAR_NS scalar_base_avx
#elif defined(__SSE4_1__)
#define TRUENO_SCALAR_NS scalar_base_sse4
#else
#define TRUENO_SCALAR_NS scalar_base
#endif
