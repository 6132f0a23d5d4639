// trueno — SSE2 vector wrapper: Vec<float> (4 lanes) and Vec<double> (2 lanes); integers use the generic
// vectors (vec_gnu-inl.hpp: the compiler builds the 32-bit multiply, min/max and 64-bit compares SSE2 lacks).
// Included inside namespace detail::sse2 and its target region. NOLINTBEGIN(readability-identifier-naming)

// Every other integer width (and the integer-only kernels of every width) through the generic vectors.
template <class T>
using VecInt = VecIntFor<T, 16>;
template <class T>
struct Vec : VecInt<T> {};

// Byte sums (simd/reduce-inl.hpp's sums of int8 and uint8): psadbw against zero adds each 8 bytes into a
// 64-bit lane, one instruction per register.
struct ByteSum {
  using Reg = __m128i;
  static constexpr std::size_t bytes = 16;
  static Reg zero() { return _mm_setzero_si128(); }
  static Reg load(const void* p) { return _mm_loadu_si128(static_cast<const __m128i*>(p)); }
  static Reg flip(Reg v) { return _mm_xor_si128(v, _mm_set1_epi8(-128)); }  // signed bytes + 128, as unsigned
  static Reg sad(Reg v) { return _mm_sad_epu8(v, _mm_setzero_si128()); }
  static Reg add(Reg a, Reg b) { return _mm_add_epi64(a, b); }
};

template <>
struct Vec<float> {
  using T = float;
  using Reg = __m128;
  using Mask = __m128;
  static constexpr std::size_t lanes = 4;

  static Reg load(const T* p) { return _mm_loadu_ps(p); }
  static void store(T* p, Reg v) { _mm_storeu_ps(p, v); }
  static void stream(T* p, Reg v) { _mm_stream_ps(p, v); }  // p 16-byte aligned
  static void stream_fence() { _mm_sfence(); }
  static Reg load_n(const T* p, std::size_t n) {
    alignas(16) T buf[lanes] = {};
    std::memcpy(buf, p, n * sizeof(T));
    return _mm_load_ps(buf);
  }
  static void store_n(T* p, std::size_t n, Reg v) {
    alignas(16) T buf[lanes];
    _mm_store_ps(buf, v);
    std::memcpy(p, buf, n * sizeof(T));
  }
  static Reg set1(T v) { return _mm_set1_ps(v); }
  static Reg zero() { return _mm_setzero_ps(); }
  static Reg add(Reg a, Reg b) { return _mm_add_ps(a, b); }
  static Reg sub(Reg a, Reg b) { return _mm_sub_ps(a, b); }
  static Reg mul(Reg a, Reg b) { return _mm_mul_ps(a, b); }
  static Reg div(Reg a, Reg b) { return _mm_div_ps(a, b); }
  static Reg neg(Reg a) { return _mm_xor_ps(a, _mm_set1_ps(-0.0F)); }
  static Reg abs(Reg a) { return _mm_andnot_ps(_mm_set1_ps(-0.0F), a); }
  static Reg sqrt(Reg a) { return _mm_sqrt_ps(a); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm_add_ps(_mm_mul_ps(a, b), c); }  // SSE2 has no fused form
  static constexpr bool kUnfusedFma = true;  // fma rounds twice (kernels needing exact products adapt)
  static Reg max(Reg a, Reg b) { return _mm_max_ps(b, a); }
  static Reg min(Reg a, Reg b) { return _mm_min_ps(b, a); }
  static Mask lt(Reg a, Reg b) { return _mm_cmplt_ps(a, b); }
  static Mask gt(Reg a, Reg b) { return _mm_cmpgt_ps(a, b); }
  static Mask eq(Reg a, Reg b) { return _mm_cmpeq_ps(a, b); }
  static Mask isnan(Reg a) { return _mm_cmpunord_ps(a, a); }
  static Mask mask_or(Mask a, Mask b) { return _mm_or_ps(a, b); }
  static Mask mask_none() { return _mm_setzero_ps(); }
  static Mask first_n(std::size_t n) {
    const __m128i idx = _mm_setr_epi32(0, 1, 2, 3);
    return _mm_castsi128_ps(_mm_cmpgt_epi32(_mm_set1_epi32(static_cast<int>(n)), idx));
  }
  static bool any(Mask m) { return _mm_movemask_ps(m) != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return _mm_or_ps(_mm_and_ps(m, yes), _mm_andnot_ps(m, no)); }
  static T reduce_sum(Reg v) {
    const Reg hi = _mm_movehl_ps(v, v);  // (2, 3, 2, 3)
    const Reg s = _mm_add_ps(v, hi);     // (0+2, 1+3)
    return _mm_cvtss_f32(_mm_add_ss(s, _mm_shuffle_ps(s, s, 1)));
  }
  static T reduce_max(Reg v) {
    const Reg hi = _mm_movehl_ps(v, v);
    const Reg s = _mm_max_ps(v, hi);
    return _mm_cvtss_f32(_mm_max_ss(s, _mm_shuffle_ps(s, s, 1)));
  }
  static T reduce_min(Reg v) {
    const Reg hi = _mm_movehl_ps(v, v);
    const Reg s = _mm_min_ps(v, hi);
    return _mm_cvtss_f32(_mm_min_ss(s, _mm_shuffle_ps(s, s, 1)));
  }
  // Bit-level and rounding helpers for the math kernels (simd/math-inl.hpp): integer add and logical shifts
  // act on each lane's bit pattern.
  static Reg bit_and(Reg a, Reg b) { return _mm_and_ps(a, b); }
  static Reg bit_or(Reg a, Reg b) { return _mm_or_ps(a, b); }
  static Reg int_add(Reg a, Reg b) {
    return _mm_castsi128_ps(_mm_add_epi32(_mm_castps_si128(a), _mm_castps_si128(b)));
  }
  template <int k>
  static Reg shl(Reg a) {
    return _mm_castsi128_ps(_mm_slli_epi32(_mm_castps_si128(a), k));
  }
  template <int k>
  static Reg shr(Reg a) {
    return _mm_castsi128_ps(_mm_srli_epi32(_mm_castps_si128(a), k));
  }
  // Nearest integer (ties to even) for |a| < 2^22: SSE2 has no roundps, so add and subtract 1.5 * 2^23.
  static Reg round_int(Reg a) {
    const Reg magic = _mm_set1_ps(12582912.0F);
    return _mm_sub_ps(_mm_add_ps(a, magic), magic);
  }
  // float <-> double of the low and high halves (float kernels that compute in double: sin, cos).
  static __m128d widen_lo(Reg a) { return _mm_cvtps_pd(a); }
  static __m128d widen_hi(Reg a) { return _mm_cvtps_pd(_mm_movehl_ps(a, a)); }
  static Reg narrow(__m128d lo, __m128d hi) { return _mm_movelh_ps(_mm_cvtpd_ps(lo), _mm_cvtpd_ps(hi)); }
};

template <>
struct Vec<double> {
  using T = double;
  using Reg = __m128d;
  using Mask = __m128d;
  static constexpr std::size_t lanes = 2;

  static Reg load(const T* p) { return _mm_loadu_pd(p); }
  static void store(T* p, Reg v) { _mm_storeu_pd(p, v); }
  static void stream(T* p, Reg v) { _mm_stream_pd(p, v); }  // p 16-byte aligned
  static void stream_fence() { _mm_sfence(); }
  static Reg load_n(const T* p, std::size_t n) { return n > 0 ? _mm_load_sd(p) : _mm_setzero_pd(); }
  static void store_n(T* p, std::size_t n, Reg v) {
    if (n > 0) _mm_store_sd(p, v);
  }
  static Reg set1(T v) { return _mm_set1_pd(v); }
  static Reg zero() { return _mm_setzero_pd(); }
  static Reg add(Reg a, Reg b) { return _mm_add_pd(a, b); }
  static Reg sub(Reg a, Reg b) { return _mm_sub_pd(a, b); }
  static Reg mul(Reg a, Reg b) { return _mm_mul_pd(a, b); }
  static Reg div(Reg a, Reg b) { return _mm_div_pd(a, b); }
  static Reg neg(Reg a) { return _mm_xor_pd(a, _mm_set1_pd(-0.0)); }
  static Reg abs(Reg a) { return _mm_andnot_pd(_mm_set1_pd(-0.0), a); }
  static Reg sqrt(Reg a) { return _mm_sqrt_pd(a); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm_add_pd(_mm_mul_pd(a, b), c); }
  static constexpr bool kUnfusedFma = true;
  static Reg max(Reg a, Reg b) { return _mm_max_pd(b, a); }
  static Reg min(Reg a, Reg b) { return _mm_min_pd(b, a); }
  static Mask lt(Reg a, Reg b) { return _mm_cmplt_pd(a, b); }
  static Mask gt(Reg a, Reg b) { return _mm_cmpgt_pd(a, b); }
  static Mask eq(Reg a, Reg b) { return _mm_cmpeq_pd(a, b); }
  static Mask isnan(Reg a) { return _mm_cmpunord_pd(a, a); }
  static Mask mask_or(Mask a, Mask b) { return _mm_or_pd(a, b); }
  static Mask mask_none() { return _mm_setzero_pd(); }
  static Mask first_n(std::size_t n) {
    return _mm_castsi128_pd(_mm_cmpgt_epi32(_mm_set1_epi32(static_cast<int>(n)), _mm_setr_epi32(0, 0, 1, 1)));
  }
  static bool any(Mask m) { return _mm_movemask_pd(m) != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return _mm_or_pd(_mm_and_pd(m, yes), _mm_andnot_pd(m, no)); }
  static T reduce_sum(Reg v) { return _mm_cvtsd_f64(_mm_add_sd(v, _mm_unpackhi_pd(v, v))); }
  static T reduce_max(Reg v) { return _mm_cvtsd_f64(_mm_max_sd(v, _mm_unpackhi_pd(v, v))); }
  static T reduce_min(Reg v) { return _mm_cvtsd_f64(_mm_min_sd(v, _mm_unpackhi_pd(v, v))); }
  // Bit-level and rounding helpers for the math kernels (simd/math-inl.hpp): integer add and logical shifts
  // act on each lane's bit pattern.
  static Reg bit_and(Reg a, Reg b) { return _mm_and_pd(a, b); }
  static Reg bit_or(Reg a, Reg b) { return _mm_or_pd(a, b); }
  static Reg int_add(Reg a, Reg b) {
    return _mm_castsi128_pd(_mm_add_epi64(_mm_castpd_si128(a), _mm_castpd_si128(b)));
  }
  template <int k>
  static Reg shl(Reg a) {
    return _mm_castsi128_pd(_mm_slli_epi64(_mm_castpd_si128(a), k));
  }
  template <int k>
  static Reg shr(Reg a) {
    return _mm_castsi128_pd(_mm_srli_epi64(_mm_castpd_si128(a), k));
  }
  // Nearest integer (ties to even) for |a| < 2^51: add and subtract 1.5 * 2^52 (SSE2 has no roundpd).
  static Reg round_int(Reg a) {
    const Reg magic = _mm_set1_pd(6755399441055744.0);
    return _mm_sub_pd(_mm_add_pd(a, magic), magic);
  }
};

// NOLINTEND(readability-identifier-naming)
