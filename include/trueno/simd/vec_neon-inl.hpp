// trueno — AArch64 Advanced SIMD (NEON) vector wrapper: float (4 lanes), double (2), int32 (4), int64 (2).
// Included inside namespace detail::neon; NEON is baseline on AArch64, so there is no target region. Same
// layout as vec_avx2-inl.hpp, method for method. Where x86 and NEON differ the x86 result is kept, so every
// backend gives the same bits: max/min are `b > a ? b : a` (FMAX would propagate either NaN), and masks are
// all-ones lanes in the data register type (the kernels treat x86 masks and registers alike). NEON has no
// masked load or store: tails go through a stack buffer, as SSE2's do. AArch64 has no non-temporal store
// intrinsic (STNP has none in ACLE): stream is a plain store.
// NOLINTBEGIN(readability-identifier-naming)

// Every other integer width (and the integer-only kernels of every width) through the generic vectors.
template <class T>
using VecInt = VecIntFor<T, 16>;
template <class T>
struct Vec : VecInt<T> {};
using ByteSum = void;  // no psadbw: the generic pair-widening sums

// Tuning of the pairwise sums (simd/reduce-inl.hpp), which keeps GCC's code for them near LD1/LDP + FADD per
// vector: each leaf's loads kept in groups of 8 vectors (hoisted further, they lose their pairing into LDP).
// The same results.
inline constexpr bool kNeonGroupLeafLoads = true;

// Lane-index mask for the first n (< 4) 32-bit lanes.
inline uint32x4_t neon_first_n_u32(std::size_t n) {
  const std::uint32_t idx[4] = {0, 1, 2, 3};
  return vcltq_u32(vld1q_u32(idx), vdupq_n_u32(static_cast<std::uint32_t>(n)));
}
// The same for 64-bit lanes (n < 2).
inline uint64x2_t neon_first_n_u64(std::size_t n) {
  const std::uint64_t idx[2] = {0, 1};
  return vcltq_u64(vld1q_u64(idx), vdupq_n_u64(static_cast<std::uint64_t>(n)));
}

template <>
struct Vec<float> {
  using T = float;
  using Reg = float32x4_t;
  using Mask = float32x4_t;  // all-ones lanes in the data register, as on x86
  static constexpr std::size_t lanes = 4;
  static constexpr bool kGroupLeafLoads = kNeonGroupLeafLoads;
  static constexpr bool kShortExp = true;  // MathOps::exp_short (simd/math-inl.hpp)

  static Reg load(const T* p) { return vld1q_f32(p); }
  // float16 through FCVTL/FCVTN (baseline AArch64) and bfloat16 by integer rounding; NEON has no streaming
  // stores: stream_* store normally.
  static Reg load_f16(const std::uint16_t* p) { return vcvt_f32_f16(vreinterpret_f16_u16(vld1_u16(p))); }
  static void store_f16(std::uint16_t* p, Reg v) { vst1_u16(p, vreinterpret_u16_f16(vcvt_f16_f32(v))); }
  static void stream_f16(std::uint16_t* p, Reg v) { store_f16(p, v); }
  static Reg load_bf16(const std::uint16_t* p) { return vreinterpretq_f32_u32(vshll_n_u16(vld1_u16(p), 16)); }
  static void store_bf16(std::uint16_t* p, Reg v) {
    const uint32x4_t b = vreinterpretq_u32_f32(v);
    const uint32x4_t high = vshrq_n_u32(b, 16);
    const uint32x4_t lsb = vandq_u32(high, vdupq_n_u32(1));
    const uint32x4_t r = vshrq_n_u32(vaddq_u32(b, vaddq_u32(vdupq_n_u32(0x7FFF), lsb)), 16);
    const uint32x4_t nan = vmvnq_u32(vceqq_f32(v, v));
    vst1_u16(p, vmovn_u32(vbslq_u32(nan, vorrq_u32(high, vdupq_n_u32(0x40)), r)));
  }
  static void stream_bf16(std::uint16_t* p, Reg v) { store_bf16(p, v); }
  static void store(T* p, Reg v) { vst1q_f32(p, v); }
  static void stream(T* p, Reg v) { vst1q_f32(p, v); }  // no non-temporal intrinsic on AArch64
  static void stream_fence() {}
  static Reg load_n(const T* p, std::size_t n) {
    alignas(16) T buf[lanes] = {};
    std::memcpy(buf, p, n * sizeof(T));
    return vld1q_f32(buf);
  }
  static void store_n(T* p, std::size_t n, Reg v) {
    alignas(16) T buf[lanes];
    vst1q_f32(buf, v);
    std::memcpy(p, buf, n * sizeof(T));
  }
  static Reg set1(T v) { return vdupq_n_f32(v); }
  static Reg zero() { return vdupq_n_f32(0.0F); }
  static Reg add(Reg a, Reg b) { return vaddq_f32(a, b); }
  static Reg sub(Reg a, Reg b) { return vsubq_f32(a, b); }
  static Reg mul(Reg a, Reg b) { return vmulq_f32(a, b); }
  static Reg div(Reg a, Reg b) { return vdivq_f32(a, b); }
  static Reg neg(Reg a) { return vnegq_f32(a); }  // flips the sign bit, NaN included
  static Reg abs(Reg a) { return vabsq_f32(a); }
  static Reg sqrt(Reg a) { return vsqrtq_f32(a); }
  static Reg fma(Reg a, Reg b, Reg c) { return vfmaq_f32(c, a, b); }
  static Reg max(Reg a, Reg b) { return vbslq_f32(vcgtq_f32(b, a), b, a); }
  static Reg min(Reg a, Reg b) { return vbslq_f32(vcltq_f32(b, a), b, a); }
  static Mask lt(Reg a, Reg b) { return vreinterpretq_f32_u32(vcltq_f32(a, b)); }
  static Mask gt(Reg a, Reg b) { return vreinterpretq_f32_u32(vcgtq_f32(a, b)); }
  static Mask eq(Reg a, Reg b) { return vreinterpretq_f32_u32(vceqq_f32(a, b)); }
  static Mask isnan(Reg a) { return vreinterpretq_f32_u32(vmvnq_u32(vceqq_f32(a, a))); }
  static Mask mask_or(Mask a, Mask b) { return bit_or(a, b); }
  static Mask mask_none() { return zero(); }
  static Mask first_n(std::size_t n) { return vreinterpretq_f32_u32(neon_first_n_u32(n)); }
  static bool any(Mask m) { return vmaxvq_u32(vreinterpretq_u32_f32(m)) != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return vbslq_f32(vreinterpretq_u32_f32(m), yes, no); }
  // Horizontal reductions in SSE2's order (high half onto low half, then lane 1 onto lane 0).
  static T reduce_sum(Reg v) {
    const float32x2_t s = vadd_f32(vget_low_f32(v), vget_high_f32(v));
    return vget_lane_f32(s, 0) + vget_lane_f32(s, 1);
  }
  static T reduce_max_abs(Reg v) { return vmaxvq_f32(vabsq_f32(v)); }  // NaN if a lane is NaN (exp_short)
  static T reduce_max(Reg v) {
    const float32x2_t lo = vget_low_f32(v), hi = vget_high_f32(v);
    const float32x2_t s = vbsl_f32(vcgt_f32(lo, hi), lo, hi);
    const float32x2_t t = vdup_lane_f32(s, 1);
    return vget_lane_f32(vbsl_f32(vcgt_f32(s, t), s, t), 0);
  }
  static T reduce_min(Reg v) {
    const float32x2_t lo = vget_low_f32(v), hi = vget_high_f32(v);
    const float32x2_t s = vbsl_f32(vclt_f32(lo, hi), lo, hi);
    const float32x2_t t = vdup_lane_f32(s, 1);
    return vget_lane_f32(vbsl_f32(vclt_f32(s, t), s, t), 0);
  }
  // Bit-level and rounding helpers for the math kernels (simd/math-inl.hpp): integer add and logical shifts
  // act on each lane's bit pattern.
  static Reg bit_and(Reg a, Reg b) {
    return vreinterpretq_f32_u32(vandq_u32(vreinterpretq_u32_f32(a), vreinterpretq_u32_f32(b)));
  }
  static Reg bit_or(Reg a, Reg b) {
    return vreinterpretq_f32_u32(vorrq_u32(vreinterpretq_u32_f32(a), vreinterpretq_u32_f32(b)));
  }
  static Reg int_add(Reg a, Reg b) {
    return vreinterpretq_f32_u32(vaddq_u32(vreinterpretq_u32_f32(a), vreinterpretq_u32_f32(b)));
  }
  template <int k>
  static Reg shl(Reg a) {
    return vreinterpretq_f32_u32(vshlq_n_u32(vreinterpretq_u32_f32(a), k));
  }
  template <int k>
  static Reg shr(Reg a) {
    return vreinterpretq_f32_u32(vshrq_n_u32(vreinterpretq_u32_f32(a), k));
  }
  static Reg round_int(Reg a) { return vrndnq_f32(a); }  // ties to even, like x86's default rounding
  // Exact rounding in mode kMode (x86 encoding: 0 nearest, 1 down, 2 up, 3 toward zero;
  // simd/activation-inl.hpp).
  template <int kMode>
  static Reg round_mode(Reg a) {
    if constexpr (kMode == 1) {
      return vrndmq_f32(a);
    } else if constexpr (kMode == 2) {
      return vrndpq_f32(a);
    } else if constexpr (kMode == 3) {
      return vrndq_f32(a);
    } else {
      return vrndnq_f32(a);
    }
  }
  // float <-> double of the low and high halves (float kernels that compute in double: sin, cos).
  static float64x2_t widen_lo(Reg a) { return vcvt_f64_f32(vget_low_f32(a)); }
  static float64x2_t widen_hi(Reg a) { return vcvt_high_f64_f32(a); }
  static Reg narrow(float64x2_t lo, float64x2_t hi) { return vcvt_high_f32_f64(vcvt_f32_f64(lo), hi); }
};

template <>
struct Vec<double> {
  using T = double;
  using Reg = float64x2_t;
  using Mask = float64x2_t;
  static constexpr std::size_t lanes = 2;
  static constexpr bool kGroupLeafLoads = kNeonGroupLeafLoads;

  static Reg load(const T* p) { return vld1q_f64(p); }
  static void store(T* p, Reg v) { vst1q_f64(p, v); }
  static void stream(T* p, Reg v) { vst1q_f64(p, v); }  // no non-temporal intrinsic on AArch64
  static void stream_fence() {}
  static Reg load_n(const T* p, std::size_t n) { return n > 0 ? vld1q_lane_f64(p, zero(), 0) : zero(); }
  static void store_n(T* p, std::size_t n, Reg v) {
    if (n > 0) vst1q_lane_f64(p, v, 0);
  }
  static Reg set1(T v) { return vdupq_n_f64(v); }
  static Reg zero() { return vdupq_n_f64(0.0); }
  static Reg add(Reg a, Reg b) { return vaddq_f64(a, b); }
  static Reg sub(Reg a, Reg b) { return vsubq_f64(a, b); }
  static Reg mul(Reg a, Reg b) { return vmulq_f64(a, b); }
  static Reg div(Reg a, Reg b) { return vdivq_f64(a, b); }
  static Reg neg(Reg a) { return vnegq_f64(a); }
  static Reg abs(Reg a) { return vabsq_f64(a); }
  static Reg sqrt(Reg a) { return vsqrtq_f64(a); }
  static Reg fma(Reg a, Reg b, Reg c) { return vfmaq_f64(c, a, b); }
  static Reg max(Reg a, Reg b) { return vbslq_f64(vcgtq_f64(b, a), b, a); }
  static Reg min(Reg a, Reg b) { return vbslq_f64(vcltq_f64(b, a), b, a); }
  static Mask lt(Reg a, Reg b) { return vreinterpretq_f64_u64(vcltq_f64(a, b)); }
  static Mask gt(Reg a, Reg b) { return vreinterpretq_f64_u64(vcgtq_f64(a, b)); }
  static Mask eq(Reg a, Reg b) { return vreinterpretq_f64_u64(vceqq_f64(a, b)); }
  static Mask isnan(Reg a) {
    return vreinterpretq_f64_u32(vmvnq_u32(vreinterpretq_u32_u64(vceqq_f64(a, a))));
  }
  static Mask mask_or(Mask a, Mask b) { return bit_or(a, b); }
  static Mask mask_none() { return zero(); }
  static Mask first_n(std::size_t n) { return vreinterpretq_f64_u64(neon_first_n_u64(n)); }
  static bool any(Mask m) { return vmaxvq_u32(vreinterpretq_u32_f64(m)) != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return vbslq_f64(vreinterpretq_u64_f64(m), yes, no); }
  static T reduce_sum(Reg v) { return vgetq_lane_f64(v, 0) + vgetq_lane_f64(v, 1); }
  static T reduce_max(Reg v) {
    const float64x1_t lo = vget_low_f64(v), hi = vget_high_f64(v);
    return vget_lane_f64(vbsl_f64(vcgt_f64(lo, hi), lo, hi), 0);
  }
  static T reduce_min(Reg v) {
    const float64x1_t lo = vget_low_f64(v), hi = vget_high_f64(v);
    return vget_lane_f64(vbsl_f64(vclt_f64(lo, hi), lo, hi), 0);
  }
  // Bit-level and rounding helpers for the math kernels (simd/math-inl.hpp): integer add and logical shifts
  // act on each lane's bit pattern.
  static Reg bit_and(Reg a, Reg b) {
    return vreinterpretq_f64_u64(vandq_u64(vreinterpretq_u64_f64(a), vreinterpretq_u64_f64(b)));
  }
  static Reg bit_or(Reg a, Reg b) {
    return vreinterpretq_f64_u64(vorrq_u64(vreinterpretq_u64_f64(a), vreinterpretq_u64_f64(b)));
  }
  static Reg int_add(Reg a, Reg b) {
    return vreinterpretq_f64_u64(vaddq_u64(vreinterpretq_u64_f64(a), vreinterpretq_u64_f64(b)));
  }
  template <int k>
  static Reg shl(Reg a) {
    return vreinterpretq_f64_u64(vshlq_n_u64(vreinterpretq_u64_f64(a), k));
  }
  template <int k>
  static Reg shr(Reg a) {
    return vreinterpretq_f64_u64(vshrq_n_u64(vreinterpretq_u64_f64(a), k));
  }
  static Reg round_int(Reg a) { return vrndnq_f64(a); }
  template <int kMode>
  static Reg round_mode(Reg a) {
    if constexpr (kMode == 1) {
      return vrndmq_f64(a);
    } else if constexpr (kMode == 2) {
      return vrndpq_f64(a);
    } else if constexpr (kMode == 3) {
      return vrndq_f64(a);
    } else {
      return vrndnq_f64(a);
    }
  }
};

template <>
struct Vec<std::int32_t> {
  using T = std::int32_t;
  using Reg = int32x4_t;
  using Mask = int32x4_t;
  static constexpr std::size_t lanes = 4;
  static constexpr bool kGroupLeafLoads = kNeonGroupLeafLoads;

  static Reg load(const T* p) { return vld1q_s32(p); }
  static void store(T* p, Reg v) { vst1q_s32(p, v); }
  static void stream(T* p, Reg v) { vst1q_s32(p, v); }  // no non-temporal intrinsic on AArch64
  static void stream_fence() {}
  static Reg load_n(const T* p, std::size_t n) {
    alignas(16) T buf[lanes] = {};
    std::memcpy(buf, p, n * sizeof(T));
    return vld1q_s32(buf);
  }
  static void store_n(T* p, std::size_t n, Reg v) {
    alignas(16) T buf[lanes];
    vst1q_s32(buf, v);
    std::memcpy(p, buf, n * sizeof(T));
  }
  static Reg set1(T v) { return vdupq_n_s32(v); }
  static Reg zero() { return vdupq_n_s32(0); }
  static Reg add(Reg a, Reg b) { return vaddq_s32(a, b); }  // wraps, like NumPy
  static Reg sub(Reg a, Reg b) { return vsubq_s32(a, b); }
  static Reg mul(Reg a, Reg b) { return vmulq_s32(a, b); }
  static Reg neg(Reg a) { return vnegq_s32(a); }
  static Reg abs(Reg a) { return vabsq_s32(a); }  // abs(INT_MIN) == INT_MIN (not the saturating vqabs)
  static Reg fma(Reg a, Reg b, Reg c) { return vmlaq_s32(c, a, b); }
  static Reg max(Reg a, Reg b) { return vmaxq_s32(a, b); }
  static Reg min(Reg a, Reg b) { return vminq_s32(a, b); }
  static Mask lt(Reg a, Reg b) { return vreinterpretq_s32_u32(vcltq_s32(a, b)); }
  static Mask gt(Reg a, Reg b) { return vreinterpretq_s32_u32(vcgtq_s32(a, b)); }
  static Mask eq(Reg a, Reg b) { return vreinterpretq_s32_u32(vceqq_s32(a, b)); }
  static Mask isnan(Reg) { return zero(); }
  static Mask mask_or(Mask a, Mask b) { return vorrq_s32(a, b); }
  static Mask mask_none() { return zero(); }
  static Mask first_n(std::size_t n) { return vreinterpretq_s32_u32(neon_first_n_u32(n)); }
  static bool any(Mask m) { return vmaxvq_u32(vreinterpretq_u32_s32(m)) != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return vbslq_s32(vreinterpretq_u32_s32(m), yes, no); }
  static T reduce_sum(Reg v) { return vaddvq_s32(v); }  // wraps
  static T reduce_max(Reg v) { return vmaxvq_s32(v); }
  static T reduce_min(Reg v) { return vminvq_s32(v); }
};

template <>
struct Vec<std::int64_t> {
  using T = std::int64_t;
  using Reg = int64x2_t;
  using Mask = int64x2_t;
  static constexpr std::size_t lanes = 2;
  static constexpr bool kGroupLeafLoads = kNeonGroupLeafLoads;

  static Reg load(const T* p) { return vld1q_s64(p); }
  static void store(T* p, Reg v) { vst1q_s64(p, v); }
  static void stream(T* p, Reg v) { vst1q_s64(p, v); }  // no non-temporal intrinsic on AArch64
  static void stream_fence() {}
  static Reg load_n(const T* p, std::size_t n) { return n > 0 ? vld1q_lane_s64(p, zero(), 0) : zero(); }
  static void store_n(T* p, std::size_t n, Reg v) {
    if (n > 0) vst1q_lane_s64(p, v, 0);
  }
  // Widening load of int32 lanes, for sums that accumulate in int64 like NumPy.
  static Reg load_widen(const std::int32_t* p) { return vmovl_s32(vld1_s32(p)); }
  static Reg set1(T v) { return vdupq_n_s64(v); }
  static Reg zero() { return vdupq_n_s64(0); }
  static Reg add(Reg a, Reg b) { return vaddq_s64(a, b); }
  static Reg sub(Reg a, Reg b) { return vsubq_s64(a, b); }
  // Low 64 bits of the product from 32x32->64 multiplies (NEON has no 64-bit lane multiply):
  // lo(a) * lo(b) + ((hi(a) * lo(b) + lo(a) * hi(b)) mod 2^32) << 32.
  static Reg mul(Reg a, Reg b) {
    const uint64x2_t ua = vreinterpretq_u64_s64(a), ub = vreinterpretq_u64_s64(b);
    const uint32x2_t a_lo = vmovn_u64(ua), b_lo = vmovn_u64(ub);
    const uint32x2_t a_hi = vshrn_n_u64(ua, 32), b_hi = vshrn_n_u64(ub, 32);
    const uint32x2_t cross = vmla_u32(vmul_u32(a_hi, b_lo), a_lo, b_hi);
    return vreinterpretq_s64_u64(vaddq_u64(vmull_u32(a_lo, b_lo), vshll_n_u32(cross, 32)));
  }
  static Reg neg(Reg a) { return vnegq_s64(a); }
  static Reg abs(Reg a) { return vabsq_s64(a); }  // abs(INT64_MIN) == INT64_MIN
  static Reg fma(Reg a, Reg b, Reg c) { return add(mul(a, b), c); }
  static Reg max(Reg a, Reg b) { return vbslq_s64(vcgtq_s64(b, a), b, a); }
  static Reg min(Reg a, Reg b) { return vbslq_s64(vcgtq_s64(a, b), b, a); }
  static Mask lt(Reg a, Reg b) { return vreinterpretq_s64_u64(vcltq_s64(a, b)); }
  static Mask gt(Reg a, Reg b) { return vreinterpretq_s64_u64(vcgtq_s64(a, b)); }
  static Mask eq(Reg a, Reg b) { return vreinterpretq_s64_u64(vceqq_s64(a, b)); }
  static Mask isnan(Reg) { return zero(); }
  static Mask mask_or(Mask a, Mask b) { return vorrq_s64(a, b); }
  static Mask mask_none() { return zero(); }
  static Mask first_n(std::size_t n) { return vreinterpretq_s64_u64(neon_first_n_u64(n)); }
  static bool any(Mask m) { return vmaxvq_u32(vreinterpretq_u32_s64(m)) != 0; }
  static Reg select(Mask m, Reg yes, Reg no) { return vbslq_s64(vreinterpretq_u64_s64(m), yes, no); }
  static T reduce_sum(Reg v) {
    return static_cast<T>(vaddvq_u64(vreinterpretq_u64_s64(v)));  // wraps
  }
  static T reduce_max(Reg v) {
    const int64x1_t lo = vget_low_s64(v), hi = vget_high_s64(v);
    return vget_lane_s64(vbsl_s64(vcgt_s64(lo, hi), lo, hi), 0);
  }
  static T reduce_min(Reg v) {
    const int64x1_t lo = vget_low_s64(v), hi = vget_high_s64(v);
    return vget_lane_s64(vbsl_s64(vclt_s64(lo, hi), lo, hi), 0);
  }
};

// NOLINTEND(readability-identifier-naming)
