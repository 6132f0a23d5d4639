// trueno — transcendental and activation kernels, written once over Vec<T> and re-included per target (no
// include guard). The scalar backend calls the C library (through long double where glibc errs by 2 ULP or
// more); the SIMD backends evaluate polynomials after range reduction:
// - exp family: Cody-Waite reduction x = n*ln2 + r, |r| <= ln2/2, ln2 split so n*ln2_hi is exact; Cephes'
//   minimax polynomial (float) or Taylor to degree 13 (double); 2^n applied with one rounding (two exact
//   power-of-two factors, or vscalef on AVX-512), so results stay accurate down through the denormals.
// - log family: x = 2^k * (1 + f), 1 + f in [sqrt(1/2), sqrt(2)), s = f/(2+f),
//   log(1+f) = f - f^2/2 + s*(f^2/2 + R(s^2)) (fdlibm's form, R with Taylor coefficients 2/3, 2/5, ...);
//   log2 and log10 split f into hi and lo parts (musl) so the constant multiply adds no error of its own.
// - sin/cos: fdlibm's three-part pi/2 reduction and kernels in double. Float, where the backend fuses
//   multiply-adds and |x| <= 98304: a three-part Cody-Waite reduction and Taylor kernels in float (16 lanes
//   per AVX-512 register, not 8); elsewhere computed in double.
// - tanh: Cephes below 0.625, 1 - 2/(e^2x + 1) above; cbrt: Halley's iteration; hypot: power-of-two scaling.
// Measured accuracy (tests/unit/math_accuracy_test.cpp, docs/reference.md): at most 2 ULP; special values
// follow C99 Annex F: NaN in gives NaN, overflow gives inf, underflow is gradual.
// NOLINTBEGIN(readability-identifier-naming)

template <class V>
concept HasScalef = requires(typename V::Reg r) {
  V::scalef(r, r);
};
template <class V>
concept HasGetexp = requires(typename V::Reg r) {
  V::getexp(r);
  V::getmant(r);
};
// Wrappers whose exp is MathOps::exp_short (V::kShortExp: NEON, where the general exp costs about twice as
// many instructions: FMLA overwrites its addend, and there is no vscalef).
template <class V>
concept HasShortExp = requires {
  requires V::kShortExp;
};

template <class T>
struct MathConst;

template <>
struct MathConst<float> {
  using Bits = std::uint32_t;
  static constexpr int kMantBits = 23;
  static constexpr float kExpBias = 127.0F;
  static constexpr float kRoundMagic = 12582912.0F;  // 1.5 * 2^23
  static constexpr float kIntMagic = 8388608.0F;     // 2^23: or-ing an integer < 2^23 into it gives 2^23 + i
  static constexpr Bits kIntMagicBits = 0x4b000000U;
  static constexpr Bits kSignBits = 0x80000000U;
  static constexpr Bits kMantMask = 0x007fffffU;
  static constexpr Bits kSqrtHalfBits = 0x3f3504f3U;  // sqrt(1/2) rounded
  static constexpr Bits kOneBits = 0x3f800000U;
  static constexpr Bits kHiMask = 0xfffff000U;  // log2/log10: f's high part, exact when multiplied
  static constexpr float kMinNormal = 1.17549435e-38F;
  static constexpr float kDenormScale = 8388608.0F;  // 2^23
  // exp's argument clamp: below, the result rounds to 0; above, it overflows (n stays within 2 * 127).
  static constexpr float kExpLo = -104.0F, kExpHi = 89.0F;
  static constexpr float kExp2Lo = -151.0F, kExp2Hi = 129.0F;
  static constexpr float kExpm1Lo = -25.0F;         // expm1(x) rounds to -1 below
  static constexpr float kTiny = 1.4901161e-08F;    // 2^-26: expm1(x) and log1p(x) round to x below
  static constexpr float kTanhClamp = 20.0F;        // tanh rounds to +-1 beyond 9.1
  static constexpr float kSiluZeroBelow = -120.0F;  // x * e^x rounds to -0 below
  static constexpr float kLog2e = 1.44269504088896341F;
  static constexpr float kLn2Hi = 0.693359375F, kLn2Lo = -2.12194440e-4F;  // Cephes, for exp
  static constexpr float kLn2 = 0.693147180559945309F;
  static constexpr float kLogLn2Hi = 6.9313812256e-01F, kLogLn2Lo = 9.0580006145e-06F;  // fdlibm logf
  static constexpr float kIvLn2Hi = 1.4428710938e+00F, kIvLn2Lo = -1.7605285393e-04F;
  static constexpr float kIvLn10Hi = 4.3432617188e-01F, kIvLn10Lo = -3.1689971365e-05F;
  static constexpr float kLog10_2Hi = 3.0102920532e-01F, kLog10_2Lo = 7.9034151668e-07F;
  // Cephes expf: e^r = 1 + r + r^2 * P(r) on |r| <= ln2/2 (P highest degree last here).
  static constexpr float kExpPoly[] = {5.0000001201e-1F, 1.6666665459e-1F, 4.1665795894e-2F,
                                       8.3334519073e-3F, 1.3981999507e-3F, 1.9875691500e-4F};
  // exp_short: e^r = 1 + r + r^2 * S(r) on |r| <= ln2/2, S of degree 4 with its constant term held at 1/2 (an
  // immediate on NEON, so one constant register fewer) and the rest fitted for the least maximum relative
  // error (2^-28.0 before rounding; Lawson's algorithm), lowest degree first. Up to kShortExpMax, 2^n is
  // normal.
  static constexpr float kShortExpPoly[] = {0.5F, 0x1.5554a4p-3F, 0x1.555688p-5F, 0x1.122f7ap-7F,
                                            0x1.6b6e4cp-10F};
  static constexpr float kShortExpMax = 87.0F;
  // expm1(r) = r + r^2 * Q(r): Taylor coefficients 1/k!, k = 2..9.
  static constexpr float kExpm1Poly[] = {1.0F / 2,   1.0F / 6,    1.0F / 24,    1.0F / 120,
                                         1.0F / 720, 1.0F / 5040, 1.0F / 40320, 1.0F / 362880};
  // R(z) = z * (2/3 + 2z/5 + ...), z = s^2 <= 0.0295.
  static constexpr float kLogPoly[] = {2.0F / 3, 2.0F / 5, 2.0F / 7, 2.0F / 9, 2.0F / 11};
  // log(1 + w) / w on [0, 1] (log1p_unit): minimax, coefficients rounded to float one at a time (relative
  // error 5.3e-9).
  static constexpr float kLog1pUnitPoly[] = {0x1p+0F,        -0x1.ffffd2p-2F, 0x1.554dd8p-2F, -0x1.ff251ap-3F,
                                             0x1.935406p-3F, -0x1.3a62fap-3F, 0x1.b52d92p-4F, -0x1.d7d268p-5F,
                                             0x1.4a731ep-6F, -0x1.b1f45ep-9F};
  static constexpr float kCbrtDenormScale = 0x1p24F;  // cbrt: 2^8
  static constexpr float kCbrtDenormAdj = -8.0F;
  static constexpr int kCbrtIterations = 1;
  static constexpr float kHypotBig = 0x1p60F, kHypotSmall = 0x1p-60F;
  static constexpr float kHypotDown = 0x1p-90F, kHypotUp = 0x1p90F;
  // Cephes tanhf: tanh(x) = x + x * z * P(z), z = x^2, |x| < 0.625.
  static constexpr float kTanhPoly[] = {-3.33332819422e-1F, 1.33314422036e-1F, -5.37397155531e-2F,
                                        2.06390887954e-2F, -5.70498872745e-3F};
};

template <>
struct MathConst<double> {
  using Bits = std::uint64_t;
  static constexpr int kMantBits = 52;
  static constexpr double kExpBias = 1023.0;
  static constexpr double kRoundMagic = 6755399441055744.0;  // 1.5 * 2^52
  static constexpr double kIntMagic = 4503599627370496.0;    // 2^52
  static constexpr Bits kIntMagicBits = 0x4330000000000000ULL;
  static constexpr Bits kSignBits = 0x8000000000000000ULL;
  static constexpr Bits kMantMask = 0x000fffffffffffffULL;
  static constexpr Bits kSqrtHalfBits = 0x3fe6a09e667f3bcdULL;
  static constexpr Bits kOneBits = 0x3ff0000000000000ULL;
  static constexpr Bits kHiMask = 0xffffffff00000000ULL;
  static constexpr double kMinNormal = 2.2250738585072014e-308;
  static constexpr double kDenormScale = 4503599627370496.0;  // 2^52
  static constexpr double kExpLo = -746.0, kExpHi = 710.0;
  static constexpr double kExp2Lo = -1076.0, kExp2Hi = 1025.0;
  static constexpr double kExpm1Lo = -45.0;
  static constexpr double kTiny = 2.7755575615628914e-17;  // 2^-55
  static constexpr double kTanhClamp = 20.0;               // tanh rounds to +-1 beyond 19.1
  static constexpr double kSiluZeroBelow = -760.0;
  static constexpr double kLog2e = 1.44269504088896340736;
  static constexpr double kLn2Hi = 6.93145751953125e-1, kLn2Lo = 1.42860682030941723212e-6;  // Cephes
  static constexpr double kLn2 = 0.693147180559945309417;
  static constexpr double kLogLn2Hi = 6.93147180369123816490e-01, kLogLn2Lo = 1.90821492927058770002e-10;
  static constexpr double kIvLn2Hi = 1.44269504072144627571e+00, kIvLn2Lo = 1.67517131648865118353e-10;
  static constexpr double kIvLn10Hi = 4.34294481878168880939e-01, kIvLn10Lo = 2.50829467116452752298e-11;
  static constexpr double kLog10_2Hi = 3.01029995663611771306e-01, kLog10_2Lo = 3.69423907715893078616e-13;
  // e^r = 1 + r + r^2 * P(r): Taylor coefficients 1/k!, k = 2..13 (truncation < 2^-56 on |r| <= ln2/2).
  static constexpr double kExpPoly[] = {1.0 / 2,       1.0 / 6,        1.0 / 24,        1.0 / 120,
                                        1.0 / 720,     1.0 / 5040,     1.0 / 40320,     1.0 / 362880,
                                        1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800};
  static constexpr const double (&kExpm1Poly)[12] = kExpPoly;
  static constexpr double kLogPoly[] = {2.0 / 3,  2.0 / 5,  2.0 / 7,  2.0 / 9,  2.0 / 11,
                                        2.0 / 13, 2.0 / 15, 2.0 / 17, 2.0 / 19, 2.0 / 21};
  static constexpr double kCbrtDenormScale = 0x1p54;  // cbrt: 2^18
  static constexpr double kCbrtDenormAdj = -18.0;
  static constexpr int kCbrtIterations = 2;
  static constexpr double kHypotBig = 0x1p500, kHypotSmall = 0x1p-500;
  static constexpr double kHypotDown = 0x1p-600, kHypotUp = 0x1p600;
  // Cephes tanh: tanh(x) = x + x * z * P(z) / Q(z), z = x^2, |x| < 0.625. P lowest degree first; Q is
  // monic, its other coefficients highest degree first.
  static constexpr double kTanhP[] = {-1.61468768441708447952e3, -9.92877231001918586564e1,
                                      -9.64399179425052238628e-1};
  static constexpr double kTanhQ[] = {1.12811678491632931402e2, 2.23548839060100448583e3,
                                      4.84406305325125486048e3};
};

// The element-wise math of one element type on this target, as static functions (no lambdas in target
// regions).
template <class T>
struct MathOps {
  using V = Vec<T>;
  using R = typename V::Reg;
  using C = MathConst<T>;
  using Bits = typename C::Bits;
  static constexpr bool kScalar = std::is_same_v<R, T>;
  // SSE2's Vec::fma is a multiply and an add (it declares kUnfusedFma); AVX2, AVX-512 and NEON fuse.
  static constexpr bool kFusedFma = !requires { requires V::kUnfusedFma; };

  static R k(T v) { return V::set1(v); }
  static R kbits(Bits b) { return V::set1(std::bit_cast<T>(b)); }

  template <std::size_t N>
  static R horner(R x, const T (&c)[N]) {
    R p = k(c[N - 1]);
    for (std::size_t i = N - 1; i-- > 0;) p = V::fma(p, x, k(c[i]));
    return p;
  }

  // 2^n for integral n in the normal exponent range: n + bias lands in the low mantissa bits of
  // 1.5 * 2^p + n + bias, and the shift moves it into the exponent field.
  static R pow2i(R n) { return V::template shl<C::kMantBits>(V::add(n, k(C::kRoundMagic + C::kExpBias))); }

  // x * 2^n for integral n with |n| up to about twice the exponent range, rounded once.
  static R ldexp(R x, R n) {
    if constexpr (HasScalef<V>) {
      return V::scalef(x, n);
    } else {
      const R n1 = V::round_int(V::mul(n, k(T(0.5))));
      return V::mul(V::mul(x, pow2i(n1)), pow2i(V::sub(n, n1)));
    }
  }

  // Small integers (0 <= i < 2^p) held as bit patterns, converted to T.
  static R bits_to_int(R i) { return V::sub(V::bit_or(i, kbits(C::kIntMagicBits)), k(C::kIntMagic)); }

  // e^r - 1 for |r| <= ln2/2 (so e^r = 1 + exp_poly_m1(r), rounded once).
  static R exp_poly_m1(R r) { return V::fma(V::mul(r, r), horner(r, C::kExpPoly), r); }
  static R exp_poly(R r) { return V::add(k(T(1)), exp_poly_m1(r)); }

  // e^x = (1 + q) * 2^n, returning q; x must already be clamped.
  static R exp_reduce_m1(R x, R& n) {
    n = V::round_int(V::mul(x, k(C::kLog2e)));
    const R r = V::fma(n, k(-C::kLn2Lo), V::fma(n, k(-C::kLn2Hi), x));
    return exp_poly_m1(r);
  }
  static R exp_reduce(R x, R& n) { return V::add(k(T(1)), exp_reduce_m1(x, n)); }

  static R clamp(R x, T lo, T hi) { return V::min(V::max(x, k(lo)), k(hi)); }  // keeps NaN

  static R exp(R x) requires(!HasShortExp<V>) {
    if constexpr (kScalar) {
      return std::exp(x);
    } else {
      R n;
      const R p = exp_reduce(clamp(x, C::kExpLo, C::kExpHi), n);
      return ldexp(p, n);
    }
  }
  TRUENO_ALWAYS_INLINE static R exp(R x) requires HasShortExp<V> { return exp_short(x); }

  // exp_short's reduction and polynomial: q = e^r - 1 with x = n * ln2 + r, |r| <= ln2/2 (|x| within the
  // exp clamp). n = round(x * log2(e)) comes from adding 1.5 * 2^23 + bias: the sum z keeps n + bias in its
  // low bits, so one shift of z gives 2^n. The polynomial is evaluated in Estrin's form.
  TRUENO_ALWAYS_INLINE static R exp_short_reduce_m1(R x, R& z, R& n) {
    n = V::round_int(V::mul(x, k(C::kLog2e)));
    z = V::add(n, k(C::kRoundMagic + C::kExpBias));
    const R r = V::fma(n, k(-C::kLn2Lo), V::fma(n, k(-C::kLn2Hi), x));
    const R r2 = V::mul(r, r);
    const auto& c = C::kShortExpPoly;
    const R s_hi = V::fma(r2, k(c[4]), V::fma(r, k(c[3]), k(c[2])));
    const R s = V::fma(r2, s_hi, V::fma(r, k(c[1]), k(c[0])));
    return V::fma(r2, s, r);
  }

  // e^x in about 20 instructions (float): 2^n * (1 + q) in one fused multiply-add, rounded once (at most
  // 1 ULP), where every lane has |x| <= kShortExpMax. A vector with a lane beyond (overflow, gradual
  // underflow, inf) or a NaN takes exp_short_beyond. The check comes first, so the common path may overwrite
  // x. All of it is inlined, rare path included: a call in the caller's loop would make the loop reload its
  // constants (AAPCS64 keeps no vector register whole across a call).
  TRUENO_ALWAYS_INLINE static R exp_short(R x) {
    if (!(V::reduce_max_abs(x) <= C::kShortExpMax)) [[unlikely]] {
      return exp_short_beyond(x);
    }
    return exp_short_in_range(x);
  }
  TRUENO_ALWAYS_INLINE static R exp_short_in_range(R x) {
    R z, n;
    const R q = exp_short_reduce_m1(x, z, n);
    const R scale = V::template shl<C::kMantBits>(z);
    return V::fma(q, scale, scale);
  }
  // The lanes beyond as the general exp does them: clamp, then 1 + q scaled by two exact powers of two
  // (ldexp).
  TRUENO_ALWAYS_INLINE static R exp_short_beyond(R x) {
    R z, n;
    const R q = exp_short_reduce_m1(clamp(x, C::kExpLo, C::kExpHi), z, n);
    const auto beyond = V::gt(V::abs(x), k(C::kShortExpMax));
    return V::select(beyond, ldexp(V::add(k(T(1)), q), n), exp_short_in_range(x));
  }

  static R exp2(R x) {
    if constexpr (kScalar) {
      return std::exp2(x);
    } else {
      const R xc = clamp(x, C::kExp2Lo, C::kExp2Hi);
      const R n = V::round_int(xc);
      return ldexp(exp_poly(V::mul(V::sub(xc, n), k(C::kLn2))), n);
    }
  }

  // expm1(x) = 2^n * (em + 1) - 1 = 2 * (u * em + (u - 1/2)) with u = 2^(n-1), em = expm1(r): u - 1/2 is
  // exact while it matters (n <= 24), and u stays finite up to the overflow threshold.
  static R expm1(R x) {
    if constexpr (kScalar) {
      return std::expm1(x);
    } else {
      R n;
      const R xc = clamp(x, C::kExpm1Lo, C::kExpHi);
      n = V::round_int(V::mul(xc, k(C::kLog2e)));
      const R r = V::fma(n, k(-C::kLn2Lo), V::fma(n, k(-C::kLn2Hi), xc));
      const R em = V::fma(V::mul(r, r), horner(r, C::kExpm1Poly), r);
      const R u = pow2i(V::sub(n, k(T(1))));
      const R y = V::mul(k(T(2)), V::add(V::mul(u, em), V::sub(u, k(T(0.5)))));
      return V::select(V::lt(V::abs(x), k(C::kTiny)), x, y);  // keeps -0 and denormals exact
    }
  }

  // The shared front of the log family for positive finite x (other inputs give garbage, fixed by the
  // caller): x = 2^kk * (1 + f), 1 + f in [sqrt(1/2), sqrt(2)).
  struct LogParts {
    R kk, f, s, hfsq, sr;  // sr = s * (hfsq + R(s^2))
  };
  static LogParts log_parts(R x) {
    LogParts p;
    R m;
    if constexpr (HasGetexp<V>) {
      // The same kk and 1 + f as below, from vgetexp and vgetmant (denormals included): 2 instructions for 9.
      const R m12 = V::getmant(x);  // [1, 2)
      const R e = V::getexp(x);
      const auto low = V::lt(m12, k(T(2) * std::bit_cast<T>(C::kSqrtHalfBits)));
      m = V::select(low, m12, V::mul(m12, k(T(0.5))));
      p.kk = V::select(low, e, V::add(e, k(T(1))));
    } else {
      const auto tiny = V::lt(x, k(C::kMinNormal));
      const R xs = V::select(tiny, V::mul(x, k(C::kDenormScale)), x);
      const R adj = V::select(tiny, k(-T(C::kMantBits)), V::zero());
      const R ix = V::int_add(xs, kbits(C::kOneBits - C::kSqrtHalfBits));
      const R e = bits_to_int(V::template shr<C::kMantBits>(ix));
      m = V::int_add(V::bit_and(ix, kbits(C::kMantMask)), kbits(C::kSqrtHalfBits));
      p.kk = V::add(V::sub(e, k(C::kExpBias)), adj);
    }
    p.f = V::sub(m, k(T(1)));
    p.s = V::div(p.f, V::add(k(T(2)), p.f));
    const R z = V::mul(p.s, p.s);
    const R poly = V::mul(z, horner(z, C::kLogPoly));
    p.hfsq = V::mul(k(T(0.5)), V::mul(p.f, p.f));
    p.sr = V::mul(p.s, V::add(p.hfsq, poly));
    return p;
  }

  // log(x) from its parts, plus a correction c (log1p's rounding of 1 + x) added with the small terms.
  static R log_combine(const LogParts& p, R c) {
    const R small = V::add(V::fma(p.kk, k(C::kLogLn2Lo), c), p.sr);
    return V::add(V::mul(p.kk, k(C::kLogLn2Hi)), V::sub(p.f, V::sub(p.hfsq, small)));
  }

  // C's special values of the log family: x == 0 -> -inf, x < 0 -> NaN, inf -> inf, NaN -> NaN.
  static R log_special(R x, R y, R zero_at) {
    const R inf = k(std::numeric_limits<T>::infinity());
    y = V::select(V::eq(x, inf), inf, y);
    y = V::select(V::eq(x, zero_at), V::neg(inf), y);
    y = V::select(V::lt(x, zero_at), k(std::numeric_limits<T>::quiet_NaN()), y);
    return V::select(V::isnan(x), x, y);
  }

  static R log(R x) {
    if constexpr (kScalar) {
      return std::log(x);
    } else {
      return log_special(x, log_combine(log_parts(x), V::zero()), V::zero());
    }
  }

  // f = hi + lo with hi's low bits cleared, so hi * (1/ln2)_hi is exact (musl's log2/log10).
  static void split_f(const LogParts& p, R& hi, R& lo) {
    hi = V::bit_and(V::sub(p.f, p.hfsq), kbits(C::kHiMask));
    lo = V::add(V::sub(V::sub(p.f, hi), p.hfsq), p.sr);
  }

  static R log2(R x) {
    if constexpr (kScalar) {
      return std::log2(x);
    } else {
      const LogParts p = log_parts(x);
      R hi, lo;
      split_f(p, hi, lo);
      const R val_hi = V::mul(hi, k(C::kIvLn2Hi));
      R val_lo = V::add(V::mul(V::add(lo, hi), k(C::kIvLn2Lo)), V::mul(lo, k(C::kIvLn2Hi)));
      const R w = V::add(p.kk, val_hi);
      val_lo = V::add(val_lo, V::add(V::sub(p.kk, w), val_hi));
      return log_special(x, V::add(val_lo, w), V::zero());
    }
  }

  static R log10(R x) {
    if constexpr (kScalar) {
      return std::log10(x);
    } else {
      const LogParts p = log_parts(x);
      R hi, lo;
      split_f(p, hi, lo);
      const R val_hi = V::mul(hi, k(C::kIvLn10Hi));
      const R y2 = V::mul(p.kk, k(C::kLog10_2Hi));
      R val_lo = V::add(V::add(V::mul(p.kk, k(C::kLog10_2Lo)), V::mul(V::add(lo, hi), k(C::kIvLn10Lo))),
                        V::mul(lo, k(C::kIvLn10Hi)));
      const R w = V::add(y2, val_hi);
      val_lo = V::add(val_lo, V::add(V::sub(y2, w), val_hi));
      return log_special(x, V::add(val_lo, w), V::zero());
    }
  }

  // log1p(x) = log(u) + c/u with u = 1 + x rounded and c = (1 + x) - u computed exactly.
  static R log1p(R x) {
    if constexpr (kScalar) {
      return std::log1p(x);
    } else {
      const R one = k(T(1));
      const R u = V::add(one, x);
      const R c = V::select(V::lt(x, one), V::sub(x, V::sub(u, one)), V::sub(one, V::sub(u, x)));
      const R y = log_combine(log_parts(u), V::div(c, u));
      const R r = log_special(x, y, k(T(-1)));
      return V::select(V::lt(V::abs(x), k(C::kTiny)), x, r);
    }
  }

  // num / (1 + e) for 0 <= e <= 1. Double: the rounding error of 1 + e (exact: Fast2Sum) corrected to first
  // order. Float: the plain quotient; the activations' 3-ULP bound has room for that rounding (sigmoid: at
  // most 2.40 ULP over every 3rd float, 1.94 corrected over every 7th, and the correction cost a third of its
  // time: 0.43 -> 0.29 ns per element at 100K on AVX-512).
  static R div_one_plus(R num, R e) {
    const R one = k(T(1));
    const R d = V::add(one, e);
    if constexpr (std::is_same_v<T, float>) {
      return V::div(num, d);
    } else {
      const R err = V::add(V::sub(one, d), e);
      const R q = V::div(num, d);
      const R rel = V::div(err, d);
      return V::select(V::eq(rel, V::zero()), q, V::fma(V::neg(q), rel, q));  // keeps q = inf
    }
  }

  // sigmoid(x) = e/(1+e) for x < 0, 1/(1+e) otherwise, e = exp(-|x|) <= 1: no overflow, and exact
  // gradual underflow for very negative x.
  static R sigmoid(R x) {
    const R e = exp(V::neg(V::abs(x)));
    const R num = V::select(V::lt(x, V::zero()), e, k(T(1)));
    return div_one_plus(num, e);
  }

  // tanh: Cephes' odd polynomial (float) or rational function (double) below |x| = 0.625, else
  // 1 - 2 / (e^(2|x|) + 1) with |x| clamped where tanh rounds to 1; the sign is restored at the end.
  static R tanh(R x) {
    if constexpr (kScalar) {
      return static_cast<T>(std::tanh(static_cast<long double>(x)));  // glibc's tanh/tanhf err by 2 ULP
    } else {
      const R a = V::min(V::abs(x), k(C::kTanhClamp));
      const R one = k(T(1));
      const R big = V::sub(one, V::div(k(T(2)), V::add(exp(V::add(a, a)), one)));
      const R z = V::mul(a, a);
      R small;
      if constexpr (std::is_same_v<T, float>) {
        small = V::fma(V::mul(V::mul(z, horner(z, C::kTanhPoly)), a), one, a);
      } else {
        const R q = V::add(V::mul(V::add(V::mul(V::add(z, k(C::kTanhQ[0])), z), k(C::kTanhQ[1])), z),
                           k(C::kTanhQ[2]));
        small = V::fma(a, V::div(V::mul(z, horner(z, C::kTanhP)), q), a);
      }
      const R y = V::select(V::lt(a, k(T(0.625))), small, big);
      return V::bit_or(y, V::bit_and(x, kbits(C::kSignBits)));
    }
  }

  // silu(x) = x * sigmoid(x). For x < 0 the factor 2^n of e = p * 2^n is applied last, so results in the
  // denormal range keep their accuracy; below kSiluZeroBelow the result is -0 (the limit, also at -inf).
  static R silu(R x) {
    if constexpr (kScalar) {
      if (x >= T(0) || std::isnan(x)) return x / (T(1) + std::exp(-x));
      if (x < C::kSiluZeroBelow) return T(-0.0);
      const long double lx = x, e = std::exp(lx);
      return static_cast<T>(lx * e / (1.0L + e));
    } else {
      R n;
      const R q = exp_reduce_m1(V::max(V::neg(V::abs(x)), k(C::kSiluZeroBelow)), n);
      const R e = ldexp(V::add(k(T(1)), q), n);
      const auto negative = V::lt(x, V::zero());
      const R num = V::select(negative, V::fma(x, q, x), x);  // x * (1 + q) without rounding 1 + q
      const R y = ldexp(div_one_plus(num, e), V::select(negative, n, V::zero()));
      return V::select(V::lt(x, k(C::kSiluZeroBelow)), k(T(-0.0)), y);
    }
  }

  // 1 / sqrt(x), two correctly rounded operations (no rsqrt-estimate instruction): rsqrt(+-0) = +-inf.
  static R rsqrt(R x) { return V::div(k(T(1)), V::sqrt(x)); }

  // cbrt: |x| = t * 2^(3q), t in [1, 8) exact; a quadratic fit to cbrt on [1, 2) (10 bits) times cbrt(2^r)
  // starts Halley's iteration y <- y + y (t - y^3) / (2y^3 + t), which triples the correct bits (once for
  // float, twice for double). Denormals are scaled up by 2^24 (2^54) first; +-0, +-inf and NaN return x.
  static R cbrt(R x) {
    if constexpr (kScalar) {
      return static_cast<T>(std::cbrt(static_cast<long double>(x)));  // glibc's cbrt errs by 3 ULP
    } else {
      const R a0 = V::abs(x);
      const auto tiny = V::lt(a0, k(C::kMinNormal));
      const R a = V::select(tiny, V::mul(a0, k(C::kCbrtDenormScale)), a0);
      const R e = V::sub(bits_to_int(V::template shr<C::kMantBits>(a)), k(C::kExpBias));
      const R m = V::bit_or(V::bit_and(a, kbits(C::kMantMask)), kbits(C::kOneBits));  // [1, 2)
      const R q = V::round_int(V::mul(V::sub(e, k(T(1))), k(T(1) / T(3))));           // floor(e / 3)
      const R r = V::sub(e, V::mul(q, k(T(3))));                                      // 0, 1 or 2
      const auto r1 = V::eq(r, k(T(1))), r2 = V::eq(r, k(T(2)));
      const R t = V::mul(m, V::select(r1, k(T(2)), V::select(r2, k(T(4)), k(T(1)))));
      const R guess = V::fma(V::fma(k(T(-0.05863603)), m, k(T(0.43355918))), m, k(T(0.62636021)));
      R y = V::mul(guess,
                   V::select(r1, k(T(1.2599210498948732)), V::select(r2, k(T(1.5874010519681994)), k(T(1)))));
      for (int i = 0; i < C::kCbrtIterations; ++i) {
        const R y3 = V::mul(V::mul(y, y), y);
        y = V::fma(y, V::div(V::sub(t, y3), V::fma(k(T(2)), y3, t)), y);
      }
      y = V::mul(y, pow2i(V::add(q, V::select(tiny, k(C::kCbrtDenormAdj), V::zero()))));
      y = V::bit_or(y, V::bit_and(x, kbits(C::kSignBits)));
      const R inf = k(std::numeric_limits<T>::infinity());
      const auto keep = V::mask_or(V::mask_or(V::eq(a0, V::zero()), V::eq(a0, inf)), V::isnan(x));
      return V::select(keep, x, y);
    }
  }

  // sqrt(a^2 + b^2) without spurious overflow or underflow: both scaled by an exact power of two chosen from
  // max(|a|, |b|), so the squares stay normal. hypot(+-inf, NaN) is inf (C99).
  static R hypot(R a, R b) {
    if constexpr (kScalar) {
      return std::hypot(a, b);
    } else {
      const R aa = V::abs(a), ab = V::abs(b);
      const R m = V::max(aa, ab);
      const auto big = V::gt(m, k(C::kHypotBig)), small = V::lt(m, k(C::kHypotSmall));
      const R down = V::select(big, k(C::kHypotDown), V::select(small, k(C::kHypotUp), k(T(1))));
      const R up = V::select(big, k(C::kHypotUp), V::select(small, k(C::kHypotDown), k(T(1))));
      const R sa = V::mul(aa, down), sb = V::mul(ab, down);
      const R h = V::mul(V::sqrt(V::fma(sa, sa, V::mul(sb, sb))), up);
      const R inf = k(std::numeric_limits<T>::infinity());
      return V::select(V::mask_or(V::eq(aa, inf), V::eq(ab, inf)), inf, h);
    }
  }

  // sin and cos. Double: x = n*pi/2 + (y0 + y1), with pi/2 in three 33-bit parts and their tails (fdlibm's
  // medium-size reduction, every round always taken), so n*part is exact and the reduced argument is a
  // double-double good to far more than 53 bits; then fdlibm's kernels (minimax on [-pi/4, pi/4]) and the
  // quadrant. Lanes with |x| > 2^20 * pi/2 (and inf, NaN) are recomputed with the C library, as glibc's
  // vector math library does. Float: reduce_pio2_ff and the float kernels below where every lane has
  // |x| <= 98304 and the backend fuses multiply-adds; else computed in double on the two halves of the
  // register, rounded once.
  static R sin(R x) { return sincos<false>(x); }
  static R cos(R x) { return sincos<true>(x); }

  template <bool kCos>
  static R sincos(R x) {
    if constexpr (kScalar) {
      return kCos ? std::cos(x) : std::sin(x);
    } else if constexpr (std::is_same_v<T, float>) {
      if constexpr (kFusedFma) {
        // Lanes within |x| <= 98304 (every lane of the vector): the float path below; else (huge lanes, inf,
        // NaN) the double one for the whole vector.
        if (!V::any(V::mask_or(V::gt(V::abs(x), k(98304.0F)), V::isnan(x)))) {
          R r;
          const R t = reduce_pio2_ff(x, r);
          R res = by_quadrant_ff<kCos>(t, r);
          if constexpr (!kCos)
            res = V::select(V::lt(V::abs(x), k(0x1p-12F)), x, res);  // sin(x) = x, keeps -0
          return res;
        }
      }
      using D = MathOps<double>;
      return V::narrow(D::template sincos<kCos>(V::widen_lo(x)), D::template sincos<kCos>(V::widen_hi(x)));
    } else {
      R y0, y1;
      const R n = reduce_pio2(x, y0, y1);
      R res = by_quadrant<kCos>(n, sin_kernel(y0, y1), cos_kernel(y0, y1));
      if constexpr (!kCos) res = V::select(V::lt(V::abs(x), k(0x1p-27)), x, res);  // sin(x) = x, keeps -0
      // Huge, infinite or NaN lanes: the C library (a rare path; glibc's libmvec does the same).
      const auto big = V::mask_or(V::gt(V::abs(x), k(0x1p20 * 1.5707963267948966)), V::isnan(x));
      if (V::any(big)) {
        alignas(64) T xs[V::lanes], rs[V::lanes], flags[V::lanes];
        V::store(xs, x);
        V::store(rs, res);
        V::store(flags, V::select(big, k(1.0), V::zero()));
        for (std::size_t i = 0; i < V::lanes; ++i) {
          if (flags[i] != 0.0) rs[i] = kCos ? std::cos(xs[i]) : std::sin(xs[i]);
        }
        res = V::load(rs);
      }
      return res;
    }
  }

  // sin or cos of x = n*pi/2 + r from sv = sin(r) and cv = cos(r).
  template <bool kCos>
  static R by_quadrant(R n, R sv, R cv) {
    // Quadrant n mod 4 in 0..3 (floor(n/4) by rounding n/4 - 3/8).
    const R q = V::sub(n, V::mul(k(T(4)), V::round_int(V::sub(V::mul(n, k(T(0.25))), k(T(0.375))))));
    const auto odd = V::mask_or(V::eq(q, k(T(1))), V::eq(q, k(T(3))));
    if constexpr (kCos) {  // q: 0 cos, 1 -sin, 2 -cos, 3 sin
      const R res = V::select(odd, sv, cv);
      return V::select(V::mask_or(V::eq(q, k(T(1))), V::eq(q, k(T(2)))), V::neg(res), res);
    } else {  // q: 0 sin, 1 cos, 2 -sin, 3 -cos
      const R res = V::select(odd, cv, sv);
      return V::select(V::gt(q, k(T(1.5))), V::neg(res), res);
    }
  }

  // x = n*pi/2 + (y0 + y1) for |x| <= 2^20 * pi/2 (sin, cos, tan): returns n.
  static R reduce_pio2(R x, R& y0, R& y1) {
    const R n = V::round_int(V::mul(x, k(6.36619772367581382433e-01)));  // x * 2/pi
    // pi/2 = p1 + p2 + p3 + p3t, each of p1..p3 with 33 significant bits (so n * pk is exact for n < 2^20).
    const R p1 = kbits(0x3FF921FB54400000ULL), p2 = kbits(0x3DD0B4611A600000ULL);
    const R p2t = kbits(0x3BA3198A2E037073ULL), p3 = kbits(0x3BA3198A2E000000ULL);
    const R p3t = kbits(0x397B839A252049C1ULL);
    R r = V::sub(x, V::mul(n, p1));  // exact
    R t = r;
    R w = V::mul(n, p2);
    r = V::sub(t, w);
    w = V::sub(V::mul(n, p2t), V::sub(V::sub(t, r), w));  // the rounding error of t - w, and the tail
    t = r;
    w = V::mul(n, p3);
    r = V::sub(t, w);
    w = V::sub(V::mul(n, p3t), V::sub(V::sub(t, r), w));
    y0 = V::sub(r, w);
    y1 = V::sub(V::sub(r, y0), w);
    return n;
  }

  // fdlibm's __kernel_sin(x, y) and __kernel_cos(x, y) for |x + y| <= pi/4 (y: the tail of x).
  static R sin_kernel(R x, R y) {
    const R z = V::mul(x, x), v = V::mul(z, x);
    const R r =
        V::fma(z,
               V::fma(z,
                      V::fma(z, V::fma(z, k(1.58969099521155010221e-10), k(-2.50507602534068634195e-08)),
                             k(2.75573137070700676789e-06)),
                      k(-1.98412698298579493134e-04)),
               k(8.33333333332248946124e-03));
    const R inner = V::sub(V::mul(z, V::sub(V::mul(k(0.5), y), V::mul(v, r))), y);
    return V::sub(x, V::sub(inner, V::mul(v, k(-1.66666666666666324348e-01))));
  }
  static R cos_kernel(R x, R y) {
    const R z = V::mul(x, x), w = V::mul(z, z);
    const R r =
        V::add(V::mul(z, V::fma(z, V::fma(z, k(2.48015872894767294178e-05), k(-1.38888888888741095749e-03)),
                                k(4.16666666666666019037e-02))),
               V::mul(V::mul(w, w),
                      V::fma(z, V::fma(z, k(-1.13596475577881948265e-11), k(2.08757232129817482790e-09)),
                             k(-2.75573143513906633035e-07))));
    const R hz = V::mul(k(0.5), z);
    const R one = k(1.0);
    const R w1 = V::sub(one, hz);
    return V::add(w1, V::add(V::sub(V::sub(one, w1), hz), V::sub(V::mul(z, r), V::mul(x, y))));
  }

  // 2/pi and pi/2 = kPio2C1 - kPio2C2 - kPio2C3 (+ 2^-76) in float parts (reduce_pio2_ff, reduce_pio2_ff2).
  static constexpr float kTwoOverPiF = 0x1.45f306p-1F, kPio2C1 = 0x1.921fb6p+0F, kPio2C2 = 0x1.777a5cp-25F,
                         kPio2C3 = 0x1.ee59dap-50F;
  // Float, |x| <= 98304 (so |n| < 2^16), with a fused multiply-add: x = n*pi/2 + r, Cody-Waite with pi/2 =
  // C1 + C2 + C3 (+ 2^-76), float parts. x - n*C1 is exact (both are multiples of 2^-24, of 2^-23 from |x| >=
  // 1 on, and the difference is below 1); the two roundings after it leave r within about 1 ULP relative.
  // Returns n + 1.5 * 2^23, whose low mantissa bits are n's (mod 4: the quadrant).
  static R reduce_pio2_ff(R x, R& r) {
    const R magic = k(C::kRoundMagic);
    const R t = V::fma(x, k(kTwoOverPiF), magic);  // round(x * 2/pi), in the low bits
    const R n = V::sub(t, magic);
    const R r1 = V::fma(V::neg(n), k(kPio2C1), x);
    r = V::fma(n, k(kPio2C3), V::fma(n, k(kPio2C2), r1));  // - n*C2 - n*C3
    return t;
  }

  // Exact sum a + b = s + e (Knuth's TwoSum, any magnitudes).
  static void two_sum(R a, R b, R& s, R& e) {
    s = V::add(a, b);
    const R bb = V::sub(s, a);
    e = V::add(V::sub(a, V::sub(s, bb)), V::sub(b, bb));
  }

  // As reduce_pio2_ff, but x - n*pi/2 as a float-float r + rl: the rounding errors of n*C2 (exact by a fused
  // multiply-add) and of the subtraction (2Sum) go into rl (tan's odd quadrants, -1/tan(r), keep r's relative
  // error whole: 1.18 ULP over every float in [0, 98304], where the plain reduction would pass r's ~1 ULP
  // on).
  static R reduce_pio2_ff2(R x, R& r, R& rl) {
    const R magic = k(C::kRoundMagic);
    const R t = V::fma(x, k(kTwoOverPiF), magic);
    const R n = V::sub(t, magic);
    const R r1 = V::fma(V::neg(n), k(kPio2C1), x);
    const R p = V::mul(n, k(kPio2C2));
    const R pe = V::fma(n, k(kPio2C2), V::neg(p));
    R se;
    two_sum(r1, p, r, se);
    rl = V::fma(n, k(kPio2C3), V::add(se, pe));
    return t;
  }

  // sin or cos of x = n*pi/2 + r from reduce_pio2_ff's t: the kernel picked and negated by n's two low bits
  // (sin: 0 sin, 1 cos, 2 -sin, 3 -cos; cos is sin one quadrant on).
  template <bool kCos>
  static R by_quadrant_ff(R t, R r) {
    if constexpr (kCos) t = V::int_add(t, kbits(1));
    // Each bit moved to the exponent's lowest, compared as the smallest normal (not as a denormal, which
    // would compare equal to 0 under denormals-are-zero).
    const R bit = kbits(0x00800000U);
    const R z = V::mul(r, r);
    const R res =
        V::select(V::eq(V::bit_and(V::template shl<23>(t), bit), bit), cos_kernel_ff(z), sin_kernel_ff(r, z));
    return V::select(V::eq(V::bit_and(V::template shl<22>(t), bit), bit), V::neg(res), res);
  }

  // sin(r) and cos(r), z = r^2, for |r| <= pi/4 (a little more where n's rounding was off by one), float:
  // Taylor to degree 9 and 10 (truncation below 2^-28 relative there).
  static R sin_kernel_ff(R r, R z) {
    const R p = V::fma(z, V::fma(z, V::fma(z, k(2.7557319e-6F), k(-1.98412698e-4F)), k(8.33333333e-3F)),
                       k(-1.66666667e-1F));
    return V::fma(V::mul(r, z), p, r);
  }
  static R cos_kernel_ff(R z) {
    const R q = V::fma(z, V::fma(z, V::fma(z, k(-2.75573192e-7F), k(2.48015873e-5F)), k(-1.38888889e-3F)),
                       k(4.16666667e-2F));
    return V::fma(z, V::fma(z, q, k(-0.5F)), k(1.0F));
  }

  // log(1 + w) for w in [0, 1] (softplus and log_sigmoid, w = e^-|x|). Float: w G(w), G a polynomial (no
  // division, no exponent split). Double and the scalar backend: log1p.
  static R log1p_unit(R w) {
    if constexpr (std::is_same_v<T, float> && !kScalar) {
      return V::mul(w, horner(w, C::kLog1pUnitPoly));
    } else {
      return log1p(w);
    }
  }

  // PyTorch's softplus with beta = 1, threshold = 20: x above 20, else log(1 + e^x), computed as
  // max(x, 0) + log1p(e^-|x|) (no overflow, no cancellation).
  static R softplus(R x) {
    const R y = V::add(V::max(x, V::zero()), log1p_unit(exp(V::neg(V::abs(x)))));
    return V::select(V::gt(x, k(T(20))), x, y);
  }
};

#define TRUENO_MATH_UNARY(name)                                                              \
  template <class T>                                                                         \
  struct Math_##name##_Op {                                                                  \
    typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const { return MathOps<T>::name(x); } \
  };                                                                                         \
  template <class T>                                                                         \
  void math_##name(const T* a, T* out, std::size_t n) {                                      \
    unary_kernel(a, out, n, Math_##name##_Op<T>{});                                          \
  }

// exp's op by hand: where exp is exp_short, apply must be inlined into the loop (see MathOps::exp_short).
template <class T>
struct Math_exp_Op {
  typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const requires(!HasShortExp<Vec<T>>) {
    return MathOps<T>::exp(x);
  }
  TRUENO_ALWAYS_INLINE typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const requires HasShortExp<Vec<T>> {
    return MathOps<T>::exp(x);
  }
};
template <class T>
void math_exp(const T* a, T* out, std::size_t n) {
  unary_kernel(a, out, n, Math_exp_Op<T>{});
}
TRUENO_MATH_UNARY(exp2)
TRUENO_MATH_UNARY(expm1)
TRUENO_MATH_UNARY(log)
TRUENO_MATH_UNARY(log2)
TRUENO_MATH_UNARY(log10)
TRUENO_MATH_UNARY(log1p)
TRUENO_MATH_UNARY(sigmoid)
TRUENO_MATH_UNARY(tanh)
TRUENO_MATH_UNARY(silu)
TRUENO_MATH_UNARY(softplus)
TRUENO_MATH_UNARY(rsqrt)
TRUENO_MATH_UNARY(cbrt)
TRUENO_MATH_UNARY(sin)
TRUENO_MATH_UNARY(cos)

#undef TRUENO_MATH_UNARY

template <class T>
struct MathHypotOp {
  typename Vec<T>::Reg apply(typename Vec<T>::Reg a, typename Vec<T>::Reg b) const {
    return MathOps<T>::hypot(a, b);
  }
};
template <class T>
void math_hypot(const T* a, const T* b, T* out, std::size_t n) {
  binary_kernel(a, b, out, n, MathHypotOp<T>{});
}

// Pairwise sum of exp(a[i] - m) (pairwise_reduce's step protocol); with kStore the terms are also written to
// out.
template <class T, bool kStore>
struct ExpShiftedTerms {
  using V = Vec<T>;
  const T* a;
  T* out;  // nullptr without kStore
  typename V::Reg m;
  ExpShiftedTerms shifted(std::size_t i) const { return {a + i, kStore ? out + i : out, m}; }
  typename V::Reg step(typename V::Reg acc, std::size_t i) const {
    const auto e = MathOps<T>::exp(V::sub(V::load(a + i), m));
    if constexpr (kStore) V::store(out + i, e);
    return V::add(acc, e);
  }
  typename V::Reg step_n(typename V::Reg acc, std::size_t i, std::size_t k) const {
    const auto e = MathOps<T>::exp(V::sub(V::load_n(a + i, k), m));
    if constexpr (kStore) V::store_n(out + i, k, e);
    return V::add(acc, V::select(V::first_n(k), e, V::zero()));
  }
};

template <class T>
struct SubTwoScalarsOp {  // (x - m) - c
  using V = Vec<T>;
  typename V::Reg m, c;
  typename V::Reg apply(typename V::Reg x) const { return V::sub(V::sub(x, m), c); }
};

// Numerically stable softmax in three passes: max, exp(x - max) stored and summed, divide. Like PyTorch, a
// NaN anywhere, an all -inf input and a +inf element make the whole result NaN.
template <class T>
void softmax(const T* a, T* out, std::size_t n) {
  using V = Vec<T>;
  if (n == 0) return;
  const T m = max<T>(a, n);
  const T s = V::reduce_sum(pairwise_reduce<V>(ExpShiftedTerms<T, true>{a, out, V::set1(m)}, 0, n));
  unary_kernel(out, out, n, DivScalarOp<T>{V::set1(s)});
}

// log_softmax(x) = (x - max) - log(sum(exp(x - max))).
template <class T>
void log_softmax(const T* a, T* out, std::size_t n) {
  using V = Vec<T>;
  if (n == 0) return;
  const T m = max<T>(a, n);
  const T s = V::reduce_sum(pairwise_reduce<V>(ExpShiftedTerms<T, false>{a, nullptr, V::set1(m)}, 0, n));
  unary_kernel(a, out, n, SubTwoScalarsOp<T>{V::set1(m), V::set1(std::log(s))});
}

// log(sum(exp(x))) = m + log(sum(exp(x - m))), with m = 0 when the max is infinite (PyTorch's rule): all -inf
// gives -inf, a +inf element gives inf, an empty input -inf.
template <class T>
T logsumexp(const T* a, std::size_t n) {
  using V = Vec<T>;
  if (n == 0) return -std::numeric_limits<T>::infinity();
  T m = max<T>(a, n);
  if (std::isinf(m)) m = T(0);
  const T s = V::reduce_sum(pairwise_reduce<V>(ExpShiftedTerms<T, false>{a, nullptr, V::set1(m)}, 0, n));
  return std::log(s) + m;
}

// NOLINTEND(readability-identifier-naming)
