// trueno — AVX-512 (F+BW+DQ+VL) vector wrapper: float (16 lanes), double (8), int32 (16), int64 (8). Included
// inside namespace detail::avx512 and its target region. Tails use k-masked loads and stores.
// NOLINTBEGIN(readability-identifier-naming)

// Every other integer width (and the integer-only kernels of every width) through the generic vectors.
template <class T>
using VecInt = VecIntFor<T, 64>;
template <class T>
struct Vec : VecInt<T> {};

// Byte sums (simd/reduce-inl.hpp's sums of int8 and uint8): psadbw against zero adds each 8 bytes into a
// 64-bit lane, one instruction per register.
struct ByteSum {
  using Reg = __m512i;
  static constexpr std::size_t bytes = 64;
  static Reg zero() { return _mm512_setzero_si512(); }
  static Reg load(const void* p) { return _mm512_loadu_si512(p); }
  static Reg flip(Reg v) {
    return _mm512_xor_si512(v, _mm512_set1_epi8(-128));
  }  // signed bytes + 128, as unsigned
  static Reg sad(Reg v) { return _mm512_sad_epu8(v, _mm512_setzero_si512()); }
  static Reg add(Reg a, Reg b) { return _mm512_add_epi64(a, b); }
  // Signed bytes in pairs (pmaddubsw with ones): int16 lanes x[2i] + x[2i+1], no saturation; pmaddwd with
  // ones widens int16 pairs to int32.
  static Reg pair_sums(Reg v) { return _mm512_maddubs_epi16(_mm512_set1_epi8(1), v); }
  static Reg add16(Reg a, Reg b) { return _mm512_add_epi16(a, b); }
  static Reg widen16(Reg v) { return _mm512_madd_epi16(v, _mm512_set1_epi16(1)); }
  static Reg add32(Reg a, Reg b) { return _mm512_add_epi32(a, b); }
};

inline __mmask16 avx512_first_n16(std::size_t n) {
  return static_cast<__mmask16>(n >= 16 ? 0xFFFFU : ((1U << n) - 1U));
}
inline __mmask8 avx512_first_n8(std::size_t n) {
  return static_cast<__mmask8>(n >= 8 ? 0xFFU : ((1U << n) - 1U));
}

template <>
struct Vec<float> {
  using T = float;
  using Reg = __m512;
  using Mask = __mmask16;
  static constexpr std::size_t lanes = 16;

  static Reg load(const T* p) { return _mm512_loadu_ps(p); }
  static void store(T* p, Reg v) { _mm512_storeu_ps(p, v); }
  static void stream(T* p, Reg v) { _mm512_stream_ps(p, v); }  // p 64-byte aligned
  static void stream_fence() { _mm_sfence(); }
  // float16 (F16C's AVX-512 form) and bfloat16 (integer rounding: AVX512_BF16 is not required) halves of a
  // register; stream_* need p aligned to 32 bytes.
  static Reg load_f16(const std::uint16_t* p) {
    return _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)));
  }
  static __m256i to_f16(Reg v) { return _mm512_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  static void store_f16(std::uint16_t* p, Reg v) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), to_f16(v));
  }
  static void stream_f16(std::uint16_t* p, Reg v) {
    _mm256_stream_si256(reinterpret_cast<__m256i*>(p), to_f16(v));
  }
  // 2 * lanes bfloat16 at p as lanes sums of neighbours (the sums of bfloat16, simd/reduce-inl.hpp): each
  // 32-bit word holds two, the high one is a float once its low half is cleared, the low one once shifted up.
  static Reg bf16_pair_sums(const std::uint16_t* p) {
    const __m512i w = _mm512_loadu_si512(p);
    return _mm512_add_ps(_mm512_castsi512_ps(_mm512_slli_epi32(w, 16)),
                         _mm512_castsi512_ps(_mm512_and_si512(w, _mm512_set1_epi32(-65536))));
  }
  static Reg load_bf16(const std::uint16_t* p) {
    const __m512i w = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)));
    return _mm512_castsi512_ps(_mm512_slli_epi32(w, 16));
  }
  static __m256i to_bf16(Reg v) {
    const __m512i b = _mm512_castps_si512(v);
    const __m512i high = _mm512_srli_epi32(b, 16);
    const __m512i lsb = _mm512_and_si512(high, _mm512_set1_epi32(1));
    __m512i r = _mm512_srli_epi32(_mm512_add_epi32(b, _mm512_add_epi32(_mm512_set1_epi32(0x7FFF), lsb)), 16);
    r = _mm512_mask_mov_epi32(r, _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q),
                              _mm512_or_si512(high, _mm512_set1_epi32(0x40)));
    return _mm512_cvtepi32_epi16(r);
  }
  static void store_bf16(std::uint16_t* p, Reg v) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), to_bf16(v));
  }
  static void stream_bf16(std::uint16_t* p, Reg v) {
    _mm256_stream_si256(reinterpret_cast<__m256i*>(p), to_bf16(v));
  }
  static Reg load_n(const T* p, std::size_t n) { return _mm512_maskz_loadu_ps(avx512_first_n16(n), p); }
  static void store_n(T* p, std::size_t n, Reg v) { _mm512_mask_storeu_ps(p, avx512_first_n16(n), v); }
  static Reg set1(T v) { return _mm512_set1_ps(v); }
  static Reg zero() { return _mm512_setzero_ps(); }
  static Reg add(Reg a, Reg b) { return _mm512_add_ps(a, b); }
  static Reg sub(Reg a, Reg b) { return _mm512_sub_ps(a, b); }
  static Reg mul(Reg a, Reg b) { return _mm512_mul_ps(a, b); }
  static Reg div(Reg a, Reg b) { return _mm512_div_ps(a, b); }
  static Reg neg(Reg a) { return _mm512_xor_ps(a, _mm512_set1_ps(-0.0F)); }
  static Reg abs(Reg a) { return _mm512_abs_ps(a); }
  static Reg sqrt(Reg a) { return _mm512_sqrt_ps(a); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm512_fmadd_ps(a, b, c); }
  static Reg max(Reg a, Reg b) { return _mm512_max_ps(b, a); }
  static Reg min(Reg a, Reg b) { return _mm512_min_ps(b, a); }
  static Mask lt(Reg a, Reg b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
  static Mask gt(Reg a, Reg b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
  static Mask eq(Reg a, Reg b) { return _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ); }
  static Mask isnan(Reg a) { return _mm512_cmp_ps_mask(a, a, _CMP_UNORD_Q); }
  static Mask mask_or(Mask a, Mask b) { return static_cast<Mask>(a | b); }
  static Mask mask_none() { return 0; }
  static Mask first_n(std::size_t n) { return avx512_first_n16(n); }
  static bool any(Mask m) { return m != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return _mm512_mask_blend_ps(m, no, yes); }
  static T reduce_sum(Reg v) {
    const __m256 s8 = _mm256_add_ps(_mm512_castps512_ps256(v),
                                    _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1)));
    const __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
    const __m128 s2 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
    return _mm_cvtss_f32(_mm_add_ss(s2, _mm_shuffle_ps(s2, s2, 1)));
  }
  static T reduce_max(Reg v) {
    const __m256 s8 = _mm256_max_ps(_mm512_castps512_ps256(v),
                                    _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1)));
    const __m128 s4 = _mm_max_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
    const __m128 s2 = _mm_max_ps(s4, _mm_movehl_ps(s4, s4));
    return _mm_cvtss_f32(_mm_max_ss(s2, _mm_shuffle_ps(s2, s2, 1)));
  }
  static T reduce_min(Reg v) {
    const __m256 s8 = _mm256_min_ps(_mm512_castps512_ps256(v),
                                    _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1)));
    const __m128 s4 = _mm_min_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
    const __m128 s2 = _mm_min_ps(s4, _mm_movehl_ps(s4, s4));
    return _mm_cvtss_f32(_mm_min_ss(s2, _mm_shuffle_ps(s2, s2, 1)));
  }
  // Bit-level and rounding helpers for the math kernels (simd/math-inl.hpp): integer add and logical shifts
  // act on each lane's bit pattern.
  static Reg bit_and(Reg a, Reg b) { return _mm512_and_ps(a, b); }
  static Reg bit_or(Reg a, Reg b) { return _mm512_or_ps(a, b); }
  static Reg int_add(Reg a, Reg b) {
    return _mm512_castsi512_ps(_mm512_add_epi32(_mm512_castps_si512(a), _mm512_castps_si512(b)));
  }
  template <int k>
  static Reg shl(Reg a) {
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_castps_si512(a), k));
  }
  template <int k>
  static Reg shr(Reg a) {
    return _mm512_castsi512_ps(_mm512_srli_epi32(_mm512_castps_si512(a), k));
  }
  static Reg round_int(Reg a) {
    return _mm512_roundscale_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  }
  // Exact rounding in mode kMode (_MM_FROUND_TO_NEG_INF, ...; simd/activation-inl.hpp's floor, ceil, ...).
  template <int kMode>
  static Reg round_mode(Reg a) {
    return _mm512_roundscale_ps(a, kMode | _MM_FROUND_NO_EXC);
  }
  // a * 2^floor(b) with one rounding, over the whole range (vscalefps): replaces the two-step scaling.
  static Reg scalef(Reg a, Reg b) { return _mm512_scalef_ps(a, b); }
  // Positive finite a (denormals too) = 2^getexp(a) * getmant(a), getmant in [1, 2) (vgetexpps, vgetmantps).
  static Reg getexp(Reg a) { return _mm512_getexp_ps(a); }
  static Reg getmant(Reg a) { return _mm512_getmant_ps(a, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_zero); }
  // float <-> double of the low and high halves (float kernels that compute in double: sin, cos).
  static __m512d widen_lo(Reg a) { return _mm512_cvtps_pd(_mm512_castps512_ps256(a)); }
  static __m512d widen_hi(Reg a) {
    return _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(a), 1)));
  }
  static Reg narrow(__m512d lo, __m512d hi) {
    return _mm512_insertf32x8(_mm512_castps256_ps512(_mm512_cvtpd_ps(lo)), _mm512_cvtpd_ps(hi), 1);
  }
};

template <>
struct Vec<double> {
  using T = double;
  using Reg = __m512d;
  using Mask = __mmask8;
  static constexpr std::size_t lanes = 8;

  static Reg load(const T* p) { return _mm512_loadu_pd(p); }
  static void store(T* p, Reg v) { _mm512_storeu_pd(p, v); }
  static void stream(T* p, Reg v) { _mm512_stream_pd(p, v); }  // p 64-byte aligned
  static void stream_fence() { _mm_sfence(); }
  static Reg load_n(const T* p, std::size_t n) { return _mm512_maskz_loadu_pd(avx512_first_n8(n), p); }
  static void store_n(T* p, std::size_t n, Reg v) { _mm512_mask_storeu_pd(p, avx512_first_n8(n), v); }
  static Reg set1(T v) { return _mm512_set1_pd(v); }
  static Reg zero() { return _mm512_setzero_pd(); }
  static Reg add(Reg a, Reg b) { return _mm512_add_pd(a, b); }
  static Reg sub(Reg a, Reg b) { return _mm512_sub_pd(a, b); }
  static Reg mul(Reg a, Reg b) { return _mm512_mul_pd(a, b); }
  static Reg div(Reg a, Reg b) { return _mm512_div_pd(a, b); }
  static Reg neg(Reg a) { return _mm512_xor_pd(a, _mm512_set1_pd(-0.0)); }
  static Reg abs(Reg a) { return _mm512_abs_pd(a); }
  static Reg sqrt(Reg a) { return _mm512_sqrt_pd(a); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm512_fmadd_pd(a, b, c); }
  static Reg max(Reg a, Reg b) { return _mm512_max_pd(b, a); }
  static Reg min(Reg a, Reg b) { return _mm512_min_pd(b, a); }
  static Mask lt(Reg a, Reg b) { return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ); }
  static Mask gt(Reg a, Reg b) { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ); }
  static Mask eq(Reg a, Reg b) { return _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ); }
  static Mask isnan(Reg a) { return _mm512_cmp_pd_mask(a, a, _CMP_UNORD_Q); }
  static Mask mask_or(Mask a, Mask b) { return static_cast<Mask>(a | b); }
  static Mask mask_none() { return 0; }
  static Mask first_n(std::size_t n) { return avx512_first_n8(n); }
  static bool any(Mask m) { return m != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return _mm512_mask_blend_pd(m, no, yes); }
  static T reduce_sum(Reg v) {
    const __m256d s4 = _mm256_add_pd(_mm512_castpd512_pd256(v), _mm512_extractf64x4_pd(v, 1));
    const __m128d s2 = _mm_add_pd(_mm256_castpd256_pd128(s4), _mm256_extractf128_pd(s4, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s2, _mm_unpackhi_pd(s2, s2)));
  }
  static T reduce_max(Reg v) {
    const __m256d s4 = _mm256_max_pd(_mm512_castpd512_pd256(v), _mm512_extractf64x4_pd(v, 1));
    const __m128d s2 = _mm_max_pd(_mm256_castpd256_pd128(s4), _mm256_extractf128_pd(s4, 1));
    return _mm_cvtsd_f64(_mm_max_sd(s2, _mm_unpackhi_pd(s2, s2)));
  }
  static T reduce_min(Reg v) {
    const __m256d s4 = _mm256_min_pd(_mm512_castpd512_pd256(v), _mm512_extractf64x4_pd(v, 1));
    const __m128d s2 = _mm_min_pd(_mm256_castpd256_pd128(s4), _mm256_extractf128_pd(s4, 1));
    return _mm_cvtsd_f64(_mm_min_sd(s2, _mm_unpackhi_pd(s2, s2)));
  }
  // Bit-level and rounding helpers for the math kernels (simd/math-inl.hpp): integer add and logical shifts
  // act on each lane's bit pattern.
  static Reg bit_and(Reg a, Reg b) { return _mm512_and_pd(a, b); }
  static Reg bit_or(Reg a, Reg b) { return _mm512_or_pd(a, b); }
  static Reg int_add(Reg a, Reg b) {
    return _mm512_castsi512_pd(_mm512_add_epi64(_mm512_castpd_si512(a), _mm512_castpd_si512(b)));
  }
  template <int k>
  static Reg shl(Reg a) {
    return _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_castpd_si512(a), k));
  }
  template <int k>
  static Reg shr(Reg a) {
    return _mm512_castsi512_pd(_mm512_srli_epi64(_mm512_castpd_si512(a), k));
  }
  static Reg round_int(Reg a) {
    return _mm512_roundscale_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  }
  template <int kMode>
  static Reg round_mode(Reg a) {
    return _mm512_roundscale_pd(a, kMode | _MM_FROUND_NO_EXC);
  }
  static Reg scalef(Reg a, Reg b) { return _mm512_scalef_pd(a, b); }
  static Reg getexp(Reg a) { return _mm512_getexp_pd(a); }
  static Reg getmant(Reg a) { return _mm512_getmant_pd(a, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_zero); }
};

template <>
struct Vec<std::int32_t> {
  using T = std::int32_t;
  using Reg = __m512i;
  using Mask = __mmask16;
  static constexpr std::size_t lanes = 16;

  static Reg load(const T* p) { return _mm512_loadu_si512(p); }
  static void store(T* p, Reg v) { _mm512_storeu_si512(p, v); }
  static void stream(T* p, Reg v) {
    _mm512_stream_si512(reinterpret_cast<__m512i*>(p), v);
  }  // 64-byte aligned
  static void stream_fence() { _mm_sfence(); }
  static Reg load_n(const T* p, std::size_t n) { return _mm512_maskz_loadu_epi32(avx512_first_n16(n), p); }
  static void store_n(T* p, std::size_t n, Reg v) { _mm512_mask_storeu_epi32(p, avx512_first_n16(n), v); }
  static Reg set1(T v) { return _mm512_set1_epi32(v); }
  static Reg zero() { return _mm512_setzero_si512(); }
  static Reg add(Reg a, Reg b) { return _mm512_add_epi32(a, b); }
  static Reg sub(Reg a, Reg b) { return _mm512_sub_epi32(a, b); }
  static Reg mul(Reg a, Reg b) { return _mm512_mullo_epi32(a, b); }
  static Reg neg(Reg a) { return _mm512_sub_epi32(_mm512_setzero_si512(), a); }
  static Reg abs(Reg a) { return _mm512_abs_epi32(a); }
  static Reg fma(Reg a, Reg b, Reg c) { return add(mul(a, b), c); }
  static Reg max(Reg a, Reg b) { return _mm512_max_epi32(a, b); }
  static Reg min(Reg a, Reg b) { return _mm512_min_epi32(a, b); }
  static Mask lt(Reg a, Reg b) { return _mm512_cmplt_epi32_mask(a, b); }
  static Mask gt(Reg a, Reg b) { return _mm512_cmpgt_epi32_mask(a, b); }
  static Mask eq(Reg a, Reg b) { return _mm512_cmpeq_epi32_mask(a, b); }
  static Mask isnan(Reg) { return 0; }
  static Mask mask_or(Mask a, Mask b) { return static_cast<Mask>(a | b); }
  static Mask mask_none() { return 0; }
  static Mask first_n(std::size_t n) { return avx512_first_n16(n); }
  static bool any(Mask m) { return m != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return _mm512_mask_blend_epi32(m, no, yes); }
  static T reduce_sum(Reg v) {  // wrapping, without the intrinsic's scalar (signed) tail
    const __m256i s8 = _mm256_add_epi32(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64(v, 1));
    const __m128i s4 = _mm_add_epi32(_mm256_castsi256_si128(s8), _mm256_extracti128_si256(s8, 1));
    const __m128i s2 = _mm_add_epi32(s4, _mm_unpackhi_epi64(s4, s4));
    return _mm_cvtsi128_si32(_mm_add_epi32(s2, _mm_shuffle_epi32(s2, 1)));
  }
  static T reduce_max(Reg v) { return _mm512_reduce_max_epi32(v); }
  static T reduce_min(Reg v) { return _mm512_reduce_min_epi32(v); }
};

template <>
struct Vec<std::int64_t> {
  using T = std::int64_t;
  using Reg = __m512i;
  using Mask = __mmask8;
  static constexpr std::size_t lanes = 8;

  static Reg load(const T* p) { return _mm512_loadu_si512(p); }
  static void store(T* p, Reg v) { _mm512_storeu_si512(p, v); }
  static void stream(T* p, Reg v) {
    _mm512_stream_si512(reinterpret_cast<__m512i*>(p), v);
  }  // 64-byte aligned
  static void stream_fence() { _mm_sfence(); }
  static Reg load_n(const T* p, std::size_t n) { return _mm512_maskz_loadu_epi64(avx512_first_n8(n), p); }
  static void store_n(T* p, std::size_t n, Reg v) { _mm512_mask_storeu_epi64(p, avx512_first_n8(n), v); }
  static Reg load_widen(const std::int32_t* p) {
    return _mm512_cvtepi32_epi64(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)));
  }
  static Reg set1(T v) { return _mm512_set1_epi64(v); }
  static Reg zero() { return _mm512_setzero_si512(); }
  static Reg add(Reg a, Reg b) { return _mm512_add_epi64(a, b); }
  static Reg sub(Reg a, Reg b) { return _mm512_sub_epi64(a, b); }
  static Reg mul(Reg a, Reg b) { return _mm512_mullo_epi64(a, b); }
  static Reg neg(Reg a) { return _mm512_sub_epi64(_mm512_setzero_si512(), a); }
  static Reg abs(Reg a) { return _mm512_abs_epi64(a); }
  static Reg fma(Reg a, Reg b, Reg c) { return add(mul(a, b), c); }
  static Reg max(Reg a, Reg b) { return _mm512_max_epi64(a, b); }
  static Reg min(Reg a, Reg b) { return _mm512_min_epi64(a, b); }
  static Mask lt(Reg a, Reg b) { return _mm512_cmplt_epi64_mask(a, b); }
  static Mask gt(Reg a, Reg b) { return _mm512_cmpgt_epi64_mask(a, b); }
  static Mask eq(Reg a, Reg b) { return _mm512_cmpeq_epi64_mask(a, b); }
  static Mask isnan(Reg) { return 0; }
  static Mask mask_or(Mask a, Mask b) { return static_cast<Mask>(a | b); }
  static Mask mask_none() { return 0; }
  static Mask first_n(std::size_t n) { return avx512_first_n8(n); }
  static bool any(Mask m) { return m != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return _mm512_mask_blend_epi64(m, no, yes); }
  static T reduce_sum(Reg v) {  // wrapping, without the intrinsic's scalar (signed) tail
    const __m256i s4 = _mm256_add_epi64(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64(v, 1));
    const __m128i s2 = _mm_add_epi64(_mm256_castsi256_si128(s4), _mm256_extracti128_si256(s4, 1));
    return _mm_cvtsi128_si64(_mm_add_epi64(s2, _mm_unpackhi_epi64(s2, s2)));
  }
  static T reduce_max(Reg v) { return _mm512_reduce_max_epi64(v); }
  static T reduce_min(Reg v) { return _mm512_reduce_min_epi64(v); }
};

// NOLINTEND(readability-identifier-naming)
