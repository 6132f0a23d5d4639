// trueno — compiles every kernel family once per target: the scalar backend with the user's flags, then SSE2,
// AVX2+FMA and AVX-512 each inside its own target region and namespace (detail::sse2, detail::avx2, ...); on
// aarch64, NEON (detail::neon) with the baseline flags.
#pragma once

#include "targets.hpp"

#define TRUENO_ISA TRUENO_SCALAR_NS
#define TRUENO_VEC_HEADER "vec_scalar-inl.hpp"
#include "all-inl.hpp"
#undef TRUENO_VEC_HEADER
#undef TRUENO_ISA

#if defined(TRUENO_HAVE_X86_SIMD)
TRUENO_TARGET_BEGIN(TRUENO_TARGETS_SSE2)
#define TRUENO_ISA sse2
#define TRUENO_VEC_HEADER "vec_sse2-inl.hpp"
#include "all-inl.hpp"
#undef TRUENO_VEC_HEADER
#undef TRUENO_ISA
TRUENO_TARGET_END

TRUENO_TARGET_BEGIN(TRUENO_TARGETS_AVX2)
#define TRUENO_ISA avx2
#define TRUENO_VEC_HEADER "vec_avx2-inl.hpp"
#include "all-inl.hpp"
#undef TRUENO_VEC_HEADER
#undef TRUENO_ISA
TRUENO_TARGET_END

TRUENO_TARGET_BEGIN(TRUENO_TARGETS_AVX512)
#define TRUENO_ISA avx512
#define TRUENO_VEC_HEADER "vec_avx512-inl.hpp"
#include "all-inl.hpp"
#undef TRUENO_VEC_HEADER
#undef TRUENO_ISA
TRUENO_TARGET_END
#endif

#if defined(TRUENO_HAVE_NEON)
// Baseline on AArch64: compiled with the user's flags, no target region.
#define TRUENO_ISA neon
#define TRUENO_VEC_HEADER "vec_neon-inl.hpp"
#include "all-inl.hpp"
#undef TRUENO_VEC_HEADER
#undef TRUENO_ISA
#endif
