// trueno — AVX2+FMA vector wrapper: float (8 lanes), double (4), int32 (8), int64 (4). Included inside
// namespace detail::avx2 and its target region. Masked tails use vmaskmov.
// NOLINTBEGIN(readability-identifier-naming)

// Every other integer width (and the integer-only kernels of every width) through the generic vectors.
template <class T>
using VecInt = VecIntFor<T, 32>;
template <class T>
struct Vec : VecInt<T> {};

// Byte sums (simd/reduce-inl.hpp's sums of int8 and uint8): psadbw against zero adds each 8 bytes into a
// 64-bit lane, one instruction per register.
struct ByteSum {
  using Reg = __m256i;
  static constexpr std::size_t bytes = 32;
  static Reg zero() { return _mm256_setzero_si256(); }
  static Reg load(const void* p) { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }
  static Reg flip(Reg v) {
    return _mm256_xor_si256(v, _mm256_set1_epi8(-128));
  }  // signed bytes + 128, as unsigned
  static Reg sad(Reg v) { return _mm256_sad_epu8(v, _mm256_setzero_si256()); }
  static Reg add(Reg a, Reg b) { return _mm256_add_epi64(a, b); }
  // Signed bytes in pairs (pmaddubsw with ones): int16 lanes x[2i] + x[2i+1], no saturation; pmaddwd with
  // ones widens int16 pairs to int32.
  static Reg pair_sums(Reg v) { return _mm256_maddubs_epi16(_mm256_set1_epi8(1), v); }
  static Reg add16(Reg a, Reg b) { return _mm256_add_epi16(a, b); }
  static Reg widen16(Reg v) { return _mm256_madd_epi16(v, _mm256_set1_epi16(1)); }
  static Reg add32(Reg a, Reg b) { return _mm256_add_epi32(a, b); }
};

// Lane-index mask for the first n (< 8) 32-bit lanes.
inline __m256i avx2_first_n_epi32(std::size_t n) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)),
                            _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
// The same for 64-bit lanes (n < 4): each pair of 32-bit lanes shares one index.
inline __m256i avx2_first_n_epi64(std::size_t n) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)),
                            _mm256_setr_epi32(0, 0, 1, 1, 2, 2, 3, 3));
}

template <>
struct Vec<float> {
  using T = float;
  using Reg = __m256;
  using Mask = __m256;
  static constexpr std::size_t lanes = 8;

  static Reg load(const T* p) { return _mm256_loadu_ps(p); }
  // float16 through F16C (part of this target) and bfloat16 by integer rounding, half a register each;
  // stream_* need p aligned to 16 bytes.
  static Reg load_f16(const std::uint16_t* p) {
    return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
  }
  static __m128i to_f16(Reg v) { return _mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  static void store_f16(std::uint16_t* p, Reg v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), to_f16(v));
  }
  static void stream_f16(std::uint16_t* p, Reg v) {
    _mm_stream_si128(reinterpret_cast<__m128i*>(p), to_f16(v));
  }
  // 2 * lanes bfloat16 at p as lanes sums of neighbours (the sums of bfloat16, simd/reduce-inl.hpp): each
  // 32-bit word holds two, the high one is a float once its low half is cleared, the low one once shifted up.
  static Reg bf16_pair_sums(const std::uint16_t* p) {
    const __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    return _mm256_add_ps(_mm256_castsi256_ps(_mm256_slli_epi32(w, 16)),
                         _mm256_castsi256_ps(_mm256_and_si256(w, _mm256_set1_epi32(-65536))));
  }
  static Reg load_bf16(const std::uint16_t* p) {
    const __m256i w = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    return _mm256_castsi256_ps(_mm256_slli_epi32(w, 16));
  }
  static __m128i to_bf16(Reg v) {
    const __m256i b = _mm256_castps_si256(v);
    const __m256i high = _mm256_srli_epi32(b, 16);
    const __m256i lsb = _mm256_and_si256(high, _mm256_set1_epi32(1));
    __m256i r = _mm256_srli_epi32(_mm256_add_epi32(b, _mm256_add_epi32(_mm256_set1_epi32(0x7FFF), lsb)), 16);
    const __m256i nan = _mm256_castps_si256(_mm256_cmp_ps(v, v, _CMP_UNORD_Q));
    r = _mm256_blendv_epi8(r, _mm256_or_si256(high, _mm256_set1_epi32(0x40)), nan);
    return _mm_packus_epi32(_mm256_castsi256_si128(r), _mm256_extracti128_si256(r, 1));
  }
  static void store_bf16(std::uint16_t* p, Reg v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), to_bf16(v));
  }
  static void stream_bf16(std::uint16_t* p, Reg v) {
    _mm_stream_si128(reinterpret_cast<__m128i*>(p), to_bf16(v));
  }
  static void store(T* p, Reg v) { _mm256_storeu_ps(p, v); }
  static void stream(T* p, Reg v) { _mm256_stream_ps(p, v); }  // p 32-byte aligned
  static void stream_fence() { _mm_sfence(); }
  static Reg load_n(const T* p, std::size_t n) { return _mm256_maskload_ps(p, avx2_first_n_epi32(n)); }
  static void store_n(T* p, std::size_t n, Reg v) { _mm256_maskstore_ps(p, avx2_first_n_epi32(n), v); }
  static Reg set1(T v) { return _mm256_set1_ps(v); }
  static Reg zero() { return _mm256_setzero_ps(); }
  static Reg add(Reg a, Reg b) { return _mm256_add_ps(a, b); }
  static Reg sub(Reg a, Reg b) { return _mm256_sub_ps(a, b); }
  static Reg mul(Reg a, Reg b) { return _mm256_mul_ps(a, b); }
  static Reg div(Reg a, Reg b) { return _mm256_div_ps(a, b); }
  static Reg neg(Reg a) { return _mm256_xor_ps(a, _mm256_set1_ps(-0.0F)); }
  static Reg abs(Reg a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0F), a); }
  static Reg sqrt(Reg a) { return _mm256_sqrt_ps(a); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm256_fmadd_ps(a, b, c); }
  static Reg max(Reg a, Reg b) { return _mm256_max_ps(b, a); }
  static Reg min(Reg a, Reg b) { return _mm256_min_ps(b, a); }
  static Mask lt(Reg a, Reg b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
  static Mask gt(Reg a, Reg b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
  static Mask eq(Reg a, Reg b) { return _mm256_cmp_ps(a, b, _CMP_EQ_OQ); }
  static Mask isnan(Reg a) { return _mm256_cmp_ps(a, a, _CMP_UNORD_Q); }
  static Mask mask_or(Mask a, Mask b) { return _mm256_or_ps(a, b); }
  static Mask mask_none() { return _mm256_setzero_ps(); }
  static Mask first_n(std::size_t n) { return _mm256_castsi256_ps(avx2_first_n_epi32(n)); }
  static bool any(Mask m) { return _mm256_movemask_ps(m) != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return _mm256_blendv_ps(no, yes, m); }
  static T reduce_sum(Reg v) {
    const __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 h = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(h, _mm_shuffle_ps(h, h, 1)));
  }
  static T reduce_max(Reg v) {
    const __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 h = _mm_max_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_max_ss(h, _mm_shuffle_ps(h, h, 1)));
  }
  static T reduce_min(Reg v) {
    const __m128 s = _mm_min_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 h = _mm_min_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_min_ss(h, _mm_shuffle_ps(h, h, 1)));
  }
  // Bit-level and rounding helpers for the math kernels (simd/math-inl.hpp): integer add and logical shifts
  // act on each lane's bit pattern.
  static Reg bit_and(Reg a, Reg b) { return _mm256_and_ps(a, b); }
  static Reg bit_or(Reg a, Reg b) { return _mm256_or_ps(a, b); }
  static Reg int_add(Reg a, Reg b) {
    return _mm256_castsi256_ps(_mm256_add_epi32(_mm256_castps_si256(a), _mm256_castps_si256(b)));
  }
  template <int k>
  static Reg shl(Reg a) {
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_castps_si256(a), k));
  }
  template <int k>
  static Reg shr(Reg a) {
    return _mm256_castsi256_ps(_mm256_srli_epi32(_mm256_castps_si256(a), k));
  }
  static Reg round_int(Reg a) { return _mm256_round_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  // Exact rounding in mode kMode (_MM_FROUND_TO_NEG_INF, ...; simd/activation-inl.hpp's floor, ceil, ...).
  template <int kMode>
  static Reg round_mode(Reg a) {
    return _mm256_round_ps(a, kMode | _MM_FROUND_NO_EXC);
  }
  // float <-> double of the low and high halves (float kernels that compute in double: sin, cos).
  static __m256d widen_lo(Reg a) { return _mm256_cvtps_pd(_mm256_castps256_ps128(a)); }
  static __m256d widen_hi(Reg a) { return _mm256_cvtps_pd(_mm256_extractf128_ps(a, 1)); }
  static Reg narrow(__m256d lo, __m256d hi) {
    return _mm256_insertf128_ps(_mm256_castps128_ps256(_mm256_cvtpd_ps(lo)), _mm256_cvtpd_ps(hi), 1);
  }
};

template <>
struct Vec<double> {
  using T = double;
  using Reg = __m256d;
  using Mask = __m256d;
  static constexpr std::size_t lanes = 4;

  static Reg load(const T* p) { return _mm256_loadu_pd(p); }
  static void store(T* p, Reg v) { _mm256_storeu_pd(p, v); }
  static void stream(T* p, Reg v) { _mm256_stream_pd(p, v); }  // p 32-byte aligned
  static void stream_fence() { _mm_sfence(); }
  static Reg load_n(const T* p, std::size_t n) { return _mm256_maskload_pd(p, avx2_first_n_epi64(n)); }
  static void store_n(T* p, std::size_t n, Reg v) { _mm256_maskstore_pd(p, avx2_first_n_epi64(n), v); }
  static Reg set1(T v) { return _mm256_set1_pd(v); }
  static Reg zero() { return _mm256_setzero_pd(); }
  static Reg add(Reg a, Reg b) { return _mm256_add_pd(a, b); }
  static Reg sub(Reg a, Reg b) { return _mm256_sub_pd(a, b); }
  static Reg mul(Reg a, Reg b) { return _mm256_mul_pd(a, b); }
  static Reg div(Reg a, Reg b) { return _mm256_div_pd(a, b); }
  static Reg neg(Reg a) { return _mm256_xor_pd(a, _mm256_set1_pd(-0.0)); }
  static Reg abs(Reg a) { return _mm256_andnot_pd(_mm256_set1_pd(-0.0), a); }
  static Reg sqrt(Reg a) { return _mm256_sqrt_pd(a); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm256_fmadd_pd(a, b, c); }
  static Reg max(Reg a, Reg b) { return _mm256_max_pd(b, a); }
  static Reg min(Reg a, Reg b) { return _mm256_min_pd(b, a); }
  static Mask lt(Reg a, Reg b) { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }
  static Mask gt(Reg a, Reg b) { return _mm256_cmp_pd(a, b, _CMP_GT_OQ); }
  static Mask eq(Reg a, Reg b) { return _mm256_cmp_pd(a, b, _CMP_EQ_OQ); }
  static Mask isnan(Reg a) { return _mm256_cmp_pd(a, a, _CMP_UNORD_Q); }
  static Mask mask_or(Mask a, Mask b) { return _mm256_or_pd(a, b); }
  static Mask mask_none() { return _mm256_setzero_pd(); }
  static Mask first_n(std::size_t n) { return _mm256_castsi256_pd(avx2_first_n_epi64(n)); }
  static bool any(Mask m) { return _mm256_movemask_pd(m) != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return _mm256_blendv_pd(no, yes, m); }
  static T reduce_sum(Reg v) {
    const __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
  }
  static T reduce_max(Reg v) {
    const __m128d s = _mm_max_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_max_sd(s, _mm_unpackhi_pd(s, s)));
  }
  static T reduce_min(Reg v) {
    const __m128d s = _mm_min_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_min_sd(s, _mm_unpackhi_pd(s, s)));
  }
  // Bit-level and rounding helpers for the math kernels (simd/math-inl.hpp): integer add and logical shifts
  // act on each lane's bit pattern.
  static Reg bit_and(Reg a, Reg b) { return _mm256_and_pd(a, b); }
  static Reg bit_or(Reg a, Reg b) { return _mm256_or_pd(a, b); }
  static Reg int_add(Reg a, Reg b) {
    return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(a), _mm256_castpd_si256(b)));
  }
  template <int k>
  static Reg shl(Reg a) {
    return _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_castpd_si256(a), k));
  }
  template <int k>
  static Reg shr(Reg a) {
    return _mm256_castsi256_pd(_mm256_srli_epi64(_mm256_castpd_si256(a), k));
  }
  static Reg round_int(Reg a) { return _mm256_round_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  template <int kMode>
  static Reg round_mode(Reg a) {
    return _mm256_round_pd(a, kMode | _MM_FROUND_NO_EXC);
  }
};

template <>
struct Vec<std::int32_t> {
  using T = std::int32_t;
  using Reg = __m256i;
  using Mask = __m256i;
  static constexpr std::size_t lanes = 8;

  static Reg load(const T* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static void store(T* p, Reg v) { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v); }
  static void stream(T* p, Reg v) {
    _mm256_stream_si256(reinterpret_cast<__m256i*>(p), v);
  }  // 32-byte aligned
  static void stream_fence() { _mm_sfence(); }
  static Reg load_n(const T* p, std::size_t n) { return _mm256_maskload_epi32(p, avx2_first_n_epi32(n)); }
  static void store_n(T* p, std::size_t n, Reg v) { _mm256_maskstore_epi32(p, avx2_first_n_epi32(n), v); }
  static Reg set1(T v) { return _mm256_set1_epi32(v); }
  static Reg zero() { return _mm256_setzero_si256(); }
  static Reg add(Reg a, Reg b) { return _mm256_add_epi32(a, b); }
  static Reg sub(Reg a, Reg b) { return _mm256_sub_epi32(a, b); }
  static Reg mul(Reg a, Reg b) { return _mm256_mullo_epi32(a, b); }
  static Reg neg(Reg a) { return _mm256_sub_epi32(_mm256_setzero_si256(), a); }
  static Reg abs(Reg a) { return _mm256_abs_epi32(a); }
  static Reg fma(Reg a, Reg b, Reg c) { return add(mul(a, b), c); }
  static Reg max(Reg a, Reg b) { return _mm256_max_epi32(a, b); }
  static Reg min(Reg a, Reg b) { return _mm256_min_epi32(a, b); }
  static Mask lt(Reg a, Reg b) { return _mm256_cmpgt_epi32(b, a); }
  static Mask gt(Reg a, Reg b) { return _mm256_cmpgt_epi32(a, b); }
  static Mask eq(Reg a, Reg b) { return _mm256_cmpeq_epi32(a, b); }
  static Mask isnan(Reg) { return _mm256_setzero_si256(); }
  static Mask mask_or(Mask a, Mask b) { return _mm256_or_si256(a, b); }
  static Mask mask_none() { return _mm256_setzero_si256(); }
  static Mask first_n(std::size_t n) { return avx2_first_n_epi32(n); }
  static bool any(Mask m) { return _mm256_movemask_epi8(m) != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return _mm256_blendv_epi8(no, yes, m); }
  static T reduce_sum(Reg v) {
    alignas(32) T buf[lanes];
    _mm256_store_si256(reinterpret_cast<__m256i*>(buf), v);
    T s = 0;
    for (T x : buf) s = Vec1<T>::add(s, x);
    return s;
  }
  static T reduce_max(Reg v) {
    alignas(32) T buf[lanes];
    _mm256_store_si256(reinterpret_cast<__m256i*>(buf), v);
    return *std::max_element(buf, buf + lanes);
  }
  static T reduce_min(Reg v) {
    alignas(32) T buf[lanes];
    _mm256_store_si256(reinterpret_cast<__m256i*>(buf), v);
    return *std::min_element(buf, buf + lanes);
  }
};

template <>
struct Vec<std::int64_t> {
  using T = std::int64_t;
  using Reg = __m256i;
  using Mask = __m256i;
  static constexpr std::size_t lanes = 4;

  static Reg load(const T* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static void store(T* p, Reg v) { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v); }
  static void stream(T* p, Reg v) {
    _mm256_stream_si256(reinterpret_cast<__m256i*>(p), v);
  }  // 32-byte aligned
  static void stream_fence() { _mm_sfence(); }
  static Reg load_n(const T* p, std::size_t n) {
    return _mm256_maskload_epi64(reinterpret_cast<const long long*>(p), avx2_first_n_epi64(n));
  }
  static void store_n(T* p, std::size_t n, Reg v) {
    _mm256_maskstore_epi64(reinterpret_cast<long long*>(p), avx2_first_n_epi64(n), v);
  }
  // Widening load of int32 lanes, for sums that accumulate in int64 like NumPy.
  static Reg load_widen(const std::int32_t* p) {
    return _mm256_cvtepi32_epi64(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
  }
  static Reg set1(T v) { return _mm256_set1_epi64x(v); }
  static Reg zero() { return _mm256_setzero_si256(); }
  static Reg add(Reg a, Reg b) { return _mm256_add_epi64(a, b); }
  static Reg sub(Reg a, Reg b) { return _mm256_sub_epi64(a, b); }
  // Low 64 bits of the product from three 32x32->64 multiplies (AVX2 has no vpmullq).
  static Reg mul(Reg a, Reg b) {
    const Reg lo = _mm256_mul_epu32(a, b);
    const Reg cross = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(a, 32), b),
                                       _mm256_mul_epu32(a, _mm256_srli_epi64(b, 32)));
    return _mm256_add_epi64(lo, _mm256_slli_epi64(cross, 32));
  }
  static Reg neg(Reg a) { return _mm256_sub_epi64(_mm256_setzero_si256(), a); }
  static Reg abs(Reg a) { return select(lt(a, zero()), neg(a), a); }
  static Reg fma(Reg a, Reg b, Reg c) { return add(mul(a, b), c); }
  static Reg max(Reg a, Reg b) { return select(_mm256_cmpgt_epi64(b, a), b, a); }
  static Reg min(Reg a, Reg b) { return select(_mm256_cmpgt_epi64(a, b), b, a); }
  static Mask lt(Reg a, Reg b) { return _mm256_cmpgt_epi64(b, a); }
  static Mask gt(Reg a, Reg b) { return _mm256_cmpgt_epi64(a, b); }
  static Mask eq(Reg a, Reg b) { return _mm256_cmpeq_epi64(a, b); }
  static Mask isnan(Reg) { return _mm256_setzero_si256(); }
  static Mask mask_or(Mask a, Mask b) { return _mm256_or_si256(a, b); }
  static Mask mask_none() { return _mm256_setzero_si256(); }
  static Mask first_n(std::size_t n) { return avx2_first_n_epi64(n); }
  static bool any(Mask m) { return _mm256_movemask_epi8(m) != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return _mm256_blendv_epi8(no, yes, m); }
  static T reduce_sum(Reg v) {
    alignas(32) T buf[lanes];
    _mm256_store_si256(reinterpret_cast<__m256i*>(buf), v);
    return Vec1<T>::add(Vec1<T>::add(buf[0], buf[1]), Vec1<T>::add(buf[2], buf[3]));
  }
  static T reduce_max(Reg v) {
    alignas(32) T buf[lanes];
    _mm256_store_si256(reinterpret_cast<__m256i*>(buf), v);
    return *std::max_element(buf, buf + lanes);
  }
  static T reduce_min(Reg v) {
    alignas(32) T buf[lanes];
    _mm256_store_si256(reinterpret_cast<__m256i*>(buf), v);
    return *std::min_element(buf, buf + lanes);
  }
};

// NOLINTEND(readability-identifier-naming)
