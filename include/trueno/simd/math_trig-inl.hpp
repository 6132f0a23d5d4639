// trueno — tan, the inverse trigonometric and the hyperbolic functions, written once over Vec<T> and
// re-included per target after math-inl.hpp (no include guard), reusing MathOps' exp, log and pi/2 reduction.
// The scalar backend calls the C library (through long double where glibc errs by 2 ULP or more); the SIMD
// backends are branch-free over lanes:
// - tan: MathOps' pi/2 reduction and fdlibm's __kernel_tan (tan, or -1/tan in odd quadrants, computed
//   carefully); float computes in double. Lanes with |x| > 2^20 * pi/2 (and inf, NaN) use the C library.
// - atan: fdlibm's reduction to |t| < 7/16 (breakpoints 7/16, 11/16, 19/16, 39/16, one division) and its
//   11-term polynomial (FreeBSD's 5 terms in float); atan2: the same with the reduction of min/max folded
//   into its one division, then the octant with pi/2 and pi in two parts; signed zeros and infinities per
//   C99.
// - asin, acos: asin(x) = pi/2 - 2 asin(sqrt((1 - x)/2)) above 1/2. Double: fdlibm's rational R(z), the
//   rounding error of the square root corrected; float: Cephes' polynomial (no division).
// - sinh: odd Taylor series below |x| = 2, else e^|x|/2 - 1/(2 e^|x|); cosh: e^|x|/2 + 1/(2 e^|x|). e^|x|/2
//   is scaled by 2^(n-1), so neither overflows (nor gives NaN) before the result does.
// - asinh, acosh, atanh: one log of an argument carried as a double-word (value plus its exact rounding
//   error), so log1p's accuracy near 0 comes without a second log; log(x) + ln2 for huge arguments.
// Special values as C99 Annex F. Measured accuracy: tests/unit/math_accuracy_trig_test.cpp.
// NOLINTBEGIN(readability-identifier-naming)

template <class T>
struct TrigConst;

template <>
struct TrigConst<float> {
  static constexpr float kHugeLog = 4096.0F;   // asinh, acosh: log(x) + ln2 above (x^2 + 1 rounds to x^2)
  static constexpr float kSinhTaylor = 2.0F;   // sinh: the series below
  static constexpr float kCoshClamp = 90.0F;   // cosh, sinh overflow beyond 89.42
  static constexpr float kTinyArg = 0x1p-12F;  // asinh, atanh: x itself below
  static constexpr float kAtan2Small = 0x1p-100F, kAtan2Up = 0x1p64F;  // atan2: tiny pairs scaled up
  // sinh(x) = x + x z P(z), z = x^2, |x| < 2: Taylor, 1/3! .. 1/15!.
  static constexpr float kSinhPoly[] = {
      1.0F / 6,        1.0F / 120,        1.0F / 5040,         1.0F / 362880,
      1.0F / 39916800, 1.0F / 6227020800, 1.0F / 1307674368000};
};

template <>
struct TrigConst<double> {
  static constexpr double kHugeLog = 0x1p28;
  static constexpr double kSinhTaylor = 2.0;
  static constexpr double kCoshClamp = 711.0;  // overflow beyond 710.48
  static constexpr double kTinyArg = 0x1p-28;
  static constexpr double kAtan2Small = 0x1p-900, kAtan2Up = 0x1p512;
  // 1/3! .. 1/25!.
  static constexpr double kSinhPoly[] = {1.0 / 6,
                                         1.0 / 120,
                                         1.0 / 5040,
                                         1.0 / 362880,
                                         1.0 / 39916800,
                                         1.0 / 6227020800,
                                         1.0 / 1307674368000,
                                         1.0 / 355687428096000,
                                         1.0 / 121645100408832000,
                                         1.0 / 51090942171709440000.0,
                                         1.0 / 25852016738884976640000.0,
                                         1.0 / 15511210043330985984000000.0};
};

// fdlibm's atan tables (s_atan.c): atan(0.5), atan(1), atan(1.5), atan(inf) in two parts, and the polynomial.
inline constexpr double kAtanHi[] = {4.63647609000806093515e-01, 7.85398163397448278999e-01,
                                     9.82793723247329054082e-01, 1.57079632679489655800e+00};
inline constexpr double kAtanLo[] = {2.26987774529616870924e-17, 3.06161699786838301793e-17,
                                     1.39033110312309984516e-17, 6.12323399573676603587e-17};
inline constexpr double kAtanT[] = {
    3.33333333333329318027e-01,  -1.99999999998764832476e-01, 1.42857142725034663711e-01,
    -1.11111104054623557880e-01, 9.09088713343650656196e-02,  -7.69187620504482999495e-02,
    6.66107313738753120669e-02,  -5.83357013379057348645e-02, 4.97687799461593236017e-02,
    -3.65315727442169155270e-02, 1.62858201153657823623e-02};
// fdlibm's e_asin.c R(z) = z P(z) / Q(z).
inline constexpr double kAsinP[] = {1.66666666666666657415e-01, -3.25565818622400915405e-01,
                                    2.01212532134862925881e-01, -4.00555345006794114027e-02,
                                    7.91534994289814532176e-04, 3.47933107596021167570e-05};
inline constexpr double kAsinQ[] = {1.0, -2.40339491173441421878e+00, 2.02094576023350569471e+00,
                                    -6.88283971605453293030e-01, 7.70381505559019352791e-02};
// fdlibm's k_tan.c.
inline constexpr double kTanT[] = {
    3.33333333333334091986e-01, 1.33333333333201242699e-01, 5.39682539762260521377e-02,
    2.18694882948595424599e-02, 8.86323982359930005737e-03, 3.59207910759131235356e-03,
    1.45620945432529025516e-03, 5.88041240820264096874e-04, 2.46463134818469906812e-04,
    7.81794442939557092300e-05, 7.14072491382608190305e-05, -1.85586374855275456654e-05,
    2.59073051863633712884e-05};
// Float tan(r) = r + r^3 P(r^2) on |r| <= pi/4 + 2e-4: minimax (relative error 4.0e-9 with the coefficients
// rounded to float).
inline constexpr float kTanPolyF[] = {0x1.55556cp-2F, 0x1.110a4ep-3F,   0x1.bb6986p-5F, 0x1.574240p-6F,
                                      0x1.7db7fcp-7F, -0x1.d105c0p-11F, 0x1.3cbf3ep-8F};
inline constexpr double kPio2Hi = 1.57079632679489655800e+00, kPio2Lo = 6.12323399573676603587e-17;
inline constexpr double kPio4Hi = 7.85398163397448278999e-01, kPio4Lo = 3.06161699786838301793e-17;
inline constexpr double kPiHi = 3.14159265358979311600e+00, kPiLo = 1.22464679914735317720e-16;

template <class T>
struct TrigOps {
  using V = Vec<T>;
  using R = typename V::Reg;
  using M = typename V::Mask;
  using C = MathConst<T>;
  using TC = TrigConst<T>;
  using MO = MathOps<T>;
  using Bits = typename C::Bits;
  static constexpr bool kScalar = std::is_same_v<R, T>;

  static R k(T v) { return V::set1(v); }
  // A double constant split into T's nearest value and the rest (both rounded to T).
  static R khi(double v) { return k(static_cast<T>(v)); }
  static R klo(double hi, double lo) { return k(static_cast<T>((hi - double(static_cast<T>(hi))) + lo)); }
  static R inf() { return k(std::numeric_limits<T>::infinity()); }
  static R sign_of(R x) { return V::bit_and(x, MO::kbits(C::kSignBits)); }
  static R with_sign(R y, R x) { return V::bit_or(y, sign_of(x)); }  // y >= +0

  // Mask logic (the Vec wrappers have or; and/not are built here: logic on the scalar bool, bit operations on
  // AVX-512's k-masks, a compare of a selected 1 or 0 on the register masks of SSE2 and AVX2).
  static M mand(M a, M b) {
    if constexpr (V::lanes == 1) {
      return a && b;
    } else if constexpr (sizeof(M) <= 8) {
      return static_cast<M>(a & b);
    } else {
      return V::bit_and(a, b);
    }
  }
  static M mnot(M a) {
    if constexpr (V::lanes == 1) {
      return !a;
    } else if constexpr (sizeof(M) <= 8) {
      return static_cast<M>(~a);
    } else {
      return V::eq(V::select(a, k(T(1)), V::zero()), V::zero());
    }
  }

  // Exact sum a + b = s + e (Knuth's TwoSum, any magnitudes).
  static void two_sum(R a, R b, R& s, R& e) { MO::two_sum(a, b, s, e); }

  // p(x) = c[0] + c[1] x + ... with double coefficients rounded to T.
  template <std::size_t N>
  static R horner_d(R x, const double (&c)[N]) {
    R p = k(static_cast<T>(c[N - 1]));
    for (std::size_t i = N - 1; i-- > 0;) p = V::fma(p, x, k(static_cast<T>(c[i])));
    return p;
  }

  // log(w + c) for positive finite w and |c| much smaller (w's rounding error), plus `extra` ln2.
  static R log_corr(R w, R c, R extra) {
    auto p = MO::log_parts(w);
    p.kk = V::add(p.kk, extra);
    return MO::log_combine(p, V::div(c, w));
  }

  // ---- tan ----------------------------------------------------------------------------------------------
  static R tan(R x) {
    if constexpr (kScalar) {
      return static_cast<T>(std::tan(static_cast<long double>(x)));
    } else if constexpr (std::is_same_v<T, float>) {
      if constexpr (MO::kFusedFma) {
        // Every lane within |x| <= 98304: in float (tan_ff); else the double path for the whole vector.
        if (!V::any(V::mask_or(V::gt(V::abs(x), k(98304.0F)), V::isnan(x)))) return tan_ff(x);
      }
      using D = TrigOps<double>;
      return V::narrow(D::tan(V::widen_lo(x)), D::tan(V::widen_hi(x)));
    } else {
      R y0, y1;
      const R n = MO::reduce_pio2(x, y0, y1);
      const M odd =
          V::eq(V::sub(n, V::mul(k(2.0), V::round_int(V::sub(V::mul(n, k(0.5)), k(0.25))))), k(1.0));
      R res = tan_kernel(y0, y1, odd);
      res = V::select(V::lt(V::abs(x), k(0x1p-27)), x, res);  // tan(x) = x, keeps -0 and denormals
      const M big = V::mask_or(V::gt(V::abs(x), k(0x1p20 * 1.5707963267948966)), V::isnan(x));
      if (V::any(big)) {
        alignas(64) T xs[V::lanes], rs[V::lanes], flags[V::lanes];
        V::store(xs, x);
        V::store(rs, res);
        V::store(flags, V::select(big, k(1.0), V::zero()));
        for (std::size_t i = 0; i < V::lanes; ++i) {
          if (flags[i] != 0.0) rs[i] = std::tan(xs[i]);
        }
        res = V::load(rs);
      }
      return res;
    }
  }

  // Float, |x| <= 98304, fused multiply-add: x = n pi/2 + r + rl (MathOps::reduce_pio2_ff2), tan(r + rl) =
  // r + s with s = r z P(z) + rl (1 + tan^2), and for odd n -1/tan(r + rl) from th + tl = r + s as
  // q + q (e + tl q), q = -1/th, e = q th + 1 (exact): about one rounding in either case.
  static R tan_ff(R x) {
    R r, rl;
    const R t = MO::reduce_pio2_ff2(x, r, rl);
    const R z = V::mul(r, r);
    const R s0 = V::mul(V::mul(r, z), MO::horner(z, kTanPolyF));
    const R t1 = V::add(r, s0);
    const R s = V::fma(rl, V::fma(t1, t1, k(1.0F)), s0);
    const R th = V::add(r, s);
    const R tl = V::add(V::sub(r, th), s);  // Fast2Sum: |s| < |r|
    const R q = V::div(k(-1.0F), th);
    const R e = V::fma(q, th, k(1.0F));
    const R odd_val = V::fma(q, V::fma(tl, q, e), q);
    const R bit = MO::kbits(0x00800000U);  // n's low bit, compared as in MathOps::by_quadrant_ff
    const R res = V::select(V::eq(V::bit_and(V::template shl<23>(t), bit), bit), odd_val, th);
    return V::select(V::lt(V::abs(x), k(0x1p-12F)), x, res);  // tan(x) = x, keeps -0 and denormals
  }

  // fdlibm's __kernel_tan(x, y, iy) for |x + y| <= pi/4: tan(x + y), or -1/tan(x + y) where odd.
  static R tan_kernel(R x0, R y0, M odd) {
    const R one = k(1.0), two = k(2.0);
    const M big = V::gt(V::abs(x0), k(0.6743316650390625));
    // Near pi/4: tan(pi/4 - |x|) instead, turned back below.
    const R ax = V::abs(x0);
    const R ay = V::select(V::lt(x0, V::zero()), V::neg(y0), y0);
    const R xb = V::add(V::sub(k(kPio4Hi), ax), V::sub(k(kPio4Lo), ay));
    const R x = V::select(big, xb, x0);
    const R y = V::select(big, V::zero(), y0);
    const R z = V::mul(x, x), w2 = V::mul(z, z);
    const R r0 = V::fma(
        w2,
        V::fma(w2, V::fma(w2, V::fma(w2, V::fma(w2, k(kTanT[11]), k(kTanT[9])), k(kTanT[7])), k(kTanT[5])),
               k(kTanT[3])),
        k(kTanT[1]));
    const R v0 =
        V::mul(z, V::fma(w2,
                         V::fma(w2,
                                V::fma(w2, V::fma(w2, V::fma(w2, k(kTanT[12]), k(kTanT[10])), k(kTanT[8])),
                                       k(kTanT[6])),
                                k(kTanT[4])),
                         k(kTanT[2])));
    const R s = V::mul(z, x);
    R r = V::add(y, V::mul(z, V::add(V::mul(s, V::add(r0, v0)), y)));
    r = V::fma(k(kTanT[0]), s, r);
    const R w = V::add(x, r);
    const R iv = V::select(odd, k(-1.0), one);
    // One division serves both branches: w^2 / (w + iv) near pi/4, -1 / w for the small odd case.
    const R q = V::div(V::select(big, V::mul(w, w), k(-1.0)), V::select(big, V::add(w, iv), w));
    // tan(pi/4 - x) turned back: iv - 2 (x - (w^2 / (w + iv) - r)), negated for negative x0.
    const R hb = V::sub(iv, V::mul(two, V::sub(x, V::sub(q, r))));
    const R big_val = V::select(V::lt(x0, V::zero()), V::neg(hb), hb);
    // -1/(x + r) with the rounding of w = x + r and of the division corrected (fdlibm).
    const R hi_mask = MO::kbits(C::kHiMask);
    const R wz = V::bit_and(w, hi_mask);
    const R vv = V::sub(r, V::sub(wz, x));
    const R t = V::bit_and(q, hi_mask);
    const R ss = V::fma(t, wz, one);
    const R odd_val = V::fma(q, V::fma(t, vv, ss), t);
    return V::select(big, big_val, V::select(odd, odd_val, w));
  }

  // ---- atan, atan2 ----------------------------------------------------------------------------------------
  // atan(x) for |x| < 7/16 (the reduced argument), plus the table value hi + lo of the breakpoint:
  // hi - ((x (s1 + s2) - lo) - x), with hi = lo = 0 below the first breakpoint. Double: fdlibm's 11 terms;
  // float: FreeBSD's atanf, 5 terms.
  static R atan_reduced(R x, R hi, R lo) {
    const R z = V::mul(x, x), w = V::mul(z, z);
    R s1, s2;
    if constexpr (std::is_same_v<T, float>) {
      s1 = V::mul(z, V::fma(w, V::fma(w, k(6.1687607318e-02F), k(1.4253635705e-01F)), k(3.3333328366e-01F)));
      s2 = V::mul(w, V::fma(w, k(-1.0648017377e-01F), k(-1.9999158382e-01F)));
    } else {
      s1 = V::mul(z, V::fma(w,
                            V::fma(w,
                                   V::fma(w, V::fma(w, V::fma(w, k(kAtanT[10]), k(kAtanT[8])), k(kAtanT[6])),
                                          k(kAtanT[4])),
                                   k(kAtanT[2])),
                            k(kAtanT[0])));
      s2 = V::mul(
          w,
          V::fma(w, V::fma(w, V::fma(w, V::fma(w, k(kAtanT[9]), k(kAtanT[7])), k(kAtanT[5])), k(kAtanT[3])),
                 k(kAtanT[1])));
    }
    const R xs = V::mul(x, V::add(s1, s2));
    return V::sub(hi, V::sub(V::sub(xs, lo), x));
  }

  // atan(a) for a >= 0 (NaN passes through; inf gives pi/2): fdlibm's reduction with one division,
  // id -1: a / 1; 0: (2a - 1) / (2 + a); 1: (a - 1) / (a + 1); 2: (a - 1.5) / (1 + 1.5a); 3: -1 / a.
  static R atan_pos(R a) {
    const R one = k(T(1)), zero = V::zero();
    const M r0 = mnot(V::lt(a, k(T(0.4375)))), r1 = mnot(V::lt(a, k(T(0.6875))));
    const M r2 = mnot(V::lt(a, k(T(1.1875)))), r3 = mnot(V::lt(a, k(T(2.4375))));
    R num = a, den = one, hi = zero, lo = zero;
    num = V::select(r0, V::fma(k(T(2)), a, k(T(-1))), num);
    den = V::select(r0, V::add(k(T(2)), a), den);
    hi = V::select(r0, khi(kAtanHi[0]), hi);
    lo = V::select(r0, klo(kAtanHi[0], kAtanLo[0]), lo);
    num = V::select(r1, V::sub(a, one), num);
    den = V::select(r1, V::add(a, one), den);
    hi = V::select(r1, khi(kAtanHi[1]), hi);
    lo = V::select(r1, klo(kAtanHi[1], kAtanLo[1]), lo);
    num = V::select(r2, V::sub(a, k(T(1.5))), num);
    den = V::select(r2, V::fma(k(T(1.5)), a, one), den);
    hi = V::select(r2, khi(kAtanHi[2]), hi);
    lo = V::select(r2, klo(kAtanHi[2], kAtanLo[2]), lo);
    num = V::select(r3, k(T(-1)), num);
    den = V::select(r3, a, den);
    hi = V::select(r3, khi(kAtanHi[3]), hi);
    lo = V::select(r3, klo(kAtanHi[3], kAtanLo[3]), lo);
    const R y = atan_reduced(V::div(num, den), hi, lo);
    return V::select(V::isnan(a), a, y);
  }

  static R atan(R x) {
    if constexpr (kScalar) {
      return std::atan(x);
    } else {
      return with_sign(atan_pos(V::abs(x)), x);
    }
  }

  // atan2(y, x): atan(mn / mx) with mn = min(|x|, |y|), mx = max(|x|, |y|), the reduction of atan folded into
  // the one division (t = mn/mx <= 1: (2mn - mx) / (2mx + mn), (mn - mx) / (mn + mx), exact numerators); then
  // the octant: r, pi/2 - r (|y| > |x|), pi - r (x negative, -0 included), pi/2 + r (both), and y's sign.
  static R atan2(R y, R x) {
    if constexpr (kScalar) {
      return std::atan2(y, x);
    } else {
      const R one = k(T(1)), zero = V::zero(), two = k(T(2));
      const R ay = V::abs(y), ax = V::abs(x);
      R mx = V::max(ay, ax), mn = V::min(ay, ax);
      const M both_inf = mand(V::eq(ay, ax), V::eq(ay, inf()));
      mn = V::select(both_inf, one, mn);  // inf/inf: pi/4 (and 3pi/4)
      mx = V::select(both_inf, one, mx);
      mx = V::select(V::eq(mx, zero), one, mx);  // 0/0: 0 (and pi)
      // Exact power-of-two scaling: 2mx + mn stays finite, and tiny pairs become normal (the breakpoint
      // products below do not underflow).
      const R scale = V::select(V::gt(mx, k(std::numeric_limits<T>::max() / 8)), k(T(0.25)),
                                V::select(V::lt(mx, k(TC::kAtan2Small)), k(TC::kAtan2Up), one));
      mn = V::mul(mn, scale);
      mx = V::mul(mx, scale);
      const M r0 = mnot(V::lt(mn, V::mul(k(T(0.4375)), mx))), r1 = mnot(V::lt(mn, V::mul(k(T(0.6875)), mx)));
      R num = mn, den = mx, hi = zero, lo = zero;
      num = V::select(r0, V::fma(two, mn, V::neg(mx)), num);
      den = V::select(r0, V::fma(two, mx, mn), den);
      hi = V::select(r0, khi(kAtanHi[0]), hi);
      lo = V::select(r0, klo(kAtanHi[0], kAtanLo[0]), lo);
      num = V::select(r1, V::sub(mn, mx), num);
      den = V::select(r1, V::add(mn, mx), den);
      hi = V::select(r1, khi(kAtanHi[1]), hi);
      lo = V::select(r1, klo(kAtanHi[1], kAtanLo[1]), lo);
      const R r = atan_reduced(V::div(num, den), hi, lo);
      const M steep = V::gt(ay, ax);
      const M xneg = V::lt(V::bit_or(one, sign_of(x)), zero);
      R sr = V::select(steep, V::neg(r), r);
      sr = V::select(xneg, V::neg(sr), sr);
      const R bh = V::select(steep, khi(kPio2Hi), V::select(xneg, khi(kPiHi), zero));
      const R bl = V::select(steep, klo(kPio2Hi, kPio2Lo), V::select(xneg, klo(kPiHi, kPiLo), zero));
      R res = V::add(bh, V::add(sr, bl));
      res = with_sign(V::abs(res), y);
      return V::select(V::mask_or(V::isnan(x), V::isnan(y)), V::add(x, y), res);
    }
  }

  // ---- asin, acos -----------------------------------------------------------------------------------------
  static R asin_r(R z) {  // R(z) = z P(z) / Q(z)
    return V::div(V::mul(z, horner_d(z, kAsinP)), horner_d(z, kAsinQ));
  }

  // Float: Cephes' asinf, asin(t) = t + t z P(z) (z = t^2), no division; above 1/2 with t = sqrt((1 - |x|)/2)
  // and pi/2 - 2 asin(t) with pi/2 in two parts.
  static R asinf_core(R t, R z) {
    const R p = V::fma(
        V::fma(V::fma(V::fma(k(T(4.2163199048e-2)), z, k(T(2.4181311049e-2))), z, k(T(4.5470025998e-2))), z,
               k(T(7.4953002686e-2))),
        z, k(T(1.6666752422e-1)));
    return V::fma(V::mul(t, z), p, t);
  }

  static R asin(R x) {
    if constexpr (kScalar) {
      return std::asin(x);
    } else if constexpr (std::is_same_v<T, float>) {
      const R a = V::abs(x), one = k(T(1)), half = k(T(0.5));
      const M small = V::lt(a, half);
      const R zb = V::mul(V::sub(one, a), half);
      const R t = V::select(small, a, V::sqrt(zb));
      const R q = asinf_core(t, V::select(small, V::mul(a, a), zb));
      const R yb = V::add(V::fma(k(T(-2)), q, khi(kPio2Hi)), klo(kPio2Hi, kPio2Lo));
      R y = V::select(small, q, yb);
      y = V::select(V::gt(a, one), k(std::numeric_limits<T>::quiet_NaN()), y);
      return V::select(V::isnan(x), x, with_sign(y, x));
    } else {
      const R a = V::abs(x), one = k(T(1)), half = k(T(0.5));
      const M small = V::lt(a, half);
      // |x| >= 1/2: z = (1 - |x|)/2, s = sqrt(z) = f + (rounding) with f's low half cleared, c = (z - f^2)/(s
      // + f) its correction; asin = pi/4 - ((2 s R(z) - (pio2_lo - 2c)) - (pi/4 - 2f)).
      const R zb = V::mul(V::sub(one, a), half);
      const R z = V::select(small, V::mul(a, a), zb);
      const R rz = asin_r(z);
      const R ys = V::fma(a, rz, a);
      const R s = V::sqrt(zb);
      const R f = V::bit_and(s, MO::kbits(C::kHiMask));
      const R c = V::select(V::eq(zb, V::zero()), V::zero(), V::div(V::fma(V::neg(f), f, zb), V::add(s, f)));
      const R p = V::sub(V::mul(V::mul(k(T(2)), s), rz), V::sub(klo(kPio2Hi, kPio2Lo), V::add(c, c)));
      const R q = V::sub(khi(kPio4Hi), V::add(f, f));
      const R yb = V::sub(khi(kPio4Hi), V::sub(p, q));
      R y = V::select(small, ys, yb);
      y = V::select(V::eq(a, one), khi(kPio2Hi), y);  // correctly rounded pi/2
      y = V::select(V::gt(a, one), k(std::numeric_limits<T>::quiet_NaN()), y);
      y = with_sign(y, x);
      return V::select(V::isnan(x), x, y);
    }
  }

  static R acos(R x) {
    if constexpr (kScalar) {
      return std::acos(x);
    } else if constexpr (std::is_same_v<T, float>) {
      // |x| < 1/2: pi/2 - asin(x); x <= -1/2: pi - 2 asin(t); x >= 1/2: 2 asin(t), t = sqrt((1 - |x|)/2).
      const R a = V::abs(x), one = k(T(1)), half = k(T(0.5));
      const M small = V::lt(a, half);
      const R zb = V::mul(V::sub(one, a), half);
      const R t = V::select(small, x, V::sqrt(zb));
      const R q = asinf_core(t, V::select(small, V::mul(x, x), zb));
      const R ys = V::sub(khi(kPio2Hi), V::sub(q, klo(kPio2Hi, kPio2Lo)));
      const R yn = V::add(V::fma(k(T(-2)), q, khi(kPiHi)), klo(kPiHi, kPiLo));
      R y = V::select(small, ys, V::select(V::lt(x, V::zero()), yn, V::add(q, q)));
      y = V::select(V::gt(a, one), k(std::numeric_limits<T>::quiet_NaN()), y);
      return V::select(V::isnan(x), x, y);
    } else {
      const R a = V::abs(x), one = k(T(1)), half = k(T(0.5)), two = k(T(2));
      const M small = V::lt(a, half);
      const M neg = V::lt(x, V::zero());
      // |x| < 1/2: pi/2 - (x - (pio2_lo - x R(x^2))).
      // x <= -1/2: pi - 2 (s + (s R(z) - pio2_lo)), z = (1 + x)/2, s = sqrt(z).
      // x >= 1/2: 2 (f + (s R(z) + c)), f and c as in asin.
      const R zb = V::mul(V::sub(one, a), half);
      const R z = V::select(small, V::mul(x, x), zb);
      const R rz = asin_r(z);
      const R ys = V::sub(khi(kPio2Hi), V::sub(x, V::sub(klo(kPio2Hi, kPio2Lo), V::mul(x, rz))));
      const R s = V::sqrt(zb);
      const R yn = V::sub(khi(kPiHi), V::mul(two, V::add(s, V::fma(s, rz, V::neg(klo(kPio2Hi, kPio2Lo))))));
      const R f = V::bit_and(s, MO::kbits(C::kHiMask));
      const R c = V::select(V::eq(zb, V::zero()), V::zero(), V::div(V::fma(V::neg(f), f, zb), V::add(s, f)));
      const R yp = V::mul(two, V::add(f, V::fma(s, rz, c)));
      R y = V::select(small, ys, V::select(neg, yn, yp));
      y = V::select(V::gt(a, one), k(std::numeric_limits<T>::quiet_NaN()), y);
      return V::select(V::isnan(x), x, y);
    }
  }

  // ---- sinh, cosh -----------------------------------------------------------------------------------------
  // e^a / 2 for a >= 0 (a clamped where the results overflow): (1 + q) * 2^(n-1), finite up to where
  // cosh overflows.
  static R half_exp(R a) {
    R n;
    const R p = MO::exp_reduce(V::min(a, k(TC::kCoshClamp)), n);
    return MO::ldexp(p, V::sub(n, k(T(1))));
  }

  static R sinh(R x) {
    if constexpr (kScalar) {
      return static_cast<T>(std::sinh(static_cast<long double>(x)));
    } else {
      const R a = V::abs(x);
      const R h = half_exp(a);
      const R big = V::sub(h, V::div(k(T(0.25)), h));
      const R z = V::mul(a, a);
      const R small = V::fma(V::mul(a, z), MO::horner(z, TC::kSinhPoly), a);
      const R y = V::select(V::lt(a, k(TC::kSinhTaylor)), small, big);
      return V::select(V::isnan(x), x, with_sign(y, x));
    }
  }

  static R cosh(R x) {
    if constexpr (kScalar) {
      return static_cast<T>(std::cosh(static_cast<long double>(x)));
    } else {
      const R a = V::abs(x);
      const R h = half_exp(a);
      return V::select(V::isnan(x), a, V::add(h, V::div(k(T(0.25)), h)));
    }
  }

  // ---- asinh, acosh, atanh --------------------------------------------------------------------------------
  // asinh(|x|) = log(1 + a + a^2 / (1 + sqrt(1 + a^2))), the sum kept as a double-word; log(a) + ln2 above
  // kHugeLog.
  static R asinh(R x) {
    if constexpr (kScalar) {
      return std::asinh(x);
    } else {
      const R one = k(T(1));
      const R a = V::abs(x);
      const M huge = V::gt(a, k(TC::kHugeLog));
      const R am = V::min(a, k(TC::kHugeLog));
      const R t = V::mul(am, am);
      const R q = V::div(t, V::add(one, V::sqrt(V::add(one, t))));
      R s1, e1, s2, e2;
      two_sum(one, am, s1, e1);
      two_sum(s1, q, s2, e2);
      const R w = V::select(huge, a, s2);
      const R c = V::select(huge, V::zero(), V::add(e1, e2));
      R y = log_corr(w, c, V::select(huge, one, V::zero()));
      y = V::select(V::lt(a, k(TC::kTinyArg)), a, y);
      y = V::select(V::eq(a, inf()), a, y);
      return V::select(V::isnan(x), x, with_sign(y, x));
    }
  }

  // acosh(x) = log(x + sqrt(t^2 + 2t)), t = x - 1 (exact below kHugeLog), the sum a double-word.
  static R acosh(R x) {
    if constexpr (kScalar) {
      return std::acosh(x);
    } else {
      const R one = k(T(1));
      const M huge = V::gt(x, k(TC::kHugeLog));
      const R xm = V::min(V::max(x, one), k(TC::kHugeLog));
      const R t = V::sub(xm, one);
      const R sq = V::sqrt(V::fma(t, t, V::add(t, t)));
      R s, e;
      two_sum(xm, sq, s, e);
      const R w = V::select(huge, x, s);
      const R c = V::select(huge, V::zero(), e);
      R y = log_corr(w, c, V::select(huge, one, V::zero()));
      y = V::select(V::eq(x, inf()), x, y);
      y = V::select(V::lt(x, one), k(std::numeric_limits<T>::quiet_NaN()), y);
      return V::select(V::isnan(x), x, y);
    }
  }

  // atanh(|x|) = log1p(s) / 2 with s = 2a + 2a^2 / (1 - a) (a < 1/2, as a double-word) or 2a / (1 - a).
  static R atanh(R x) {
    if constexpr (kScalar) {
      return std::atanh(x);
    } else {
      const R one = k(T(1));
      const R a = V::abs(x);
      const M small = V::lt(a, k(T(0.5)));
      const R t = V::add(a, a);
      const R q = V::div(V::select(small, V::mul(t, a), t), V::sub(one, a));
      R sh, sl;
      two_sum(t, q, sh, sl);
      sh = V::select(small, sh, q);
      sl = V::select(small, sl, V::zero());
      R w, e;
      two_sum(one, sh, w, e);
      R y = V::mul(k(T(0.5)), log_corr(w, V::add(e, sl), V::zero()));
      y = V::select(V::lt(a, k(TC::kTinyArg)), a, y);
      y = V::select(V::eq(a, one), inf(), y);
      y = V::select(V::gt(a, one), k(std::numeric_limits<T>::quiet_NaN()), y);
      return V::select(V::isnan(x), x, with_sign(y, x));
    }
  }
};

#define TRUENO_TRIG_UNARY(name)                                                              \
  template <class T>                                                                         \
  struct Trig_##name##_Op {                                                                  \
    typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const { return TrigOps<T>::name(x); } \
  };                                                                                         \
  template <class T>                                                                         \
  void math_##name(const T* a, T* out, std::size_t n) {                                      \
    unary_kernel(a, out, n, Trig_##name##_Op<T>{});                                          \
  }

TRUENO_TRIG_UNARY(tan)
TRUENO_TRIG_UNARY(asin)
TRUENO_TRIG_UNARY(acos)
TRUENO_TRIG_UNARY(atan)
TRUENO_TRIG_UNARY(sinh)
TRUENO_TRIG_UNARY(cosh)
TRUENO_TRIG_UNARY(asinh)
TRUENO_TRIG_UNARY(acosh)
TRUENO_TRIG_UNARY(atanh)

#undef TRUENO_TRIG_UNARY

template <class T>
struct MathAtan2Op {
  typename Vec<T>::Reg apply(typename Vec<T>::Reg y, typename Vec<T>::Reg x) const {
    return TrigOps<T>::atan2(y, x);
  }
};
template <class T>
void math_atan2(const T* a, const T* b, T* out, std::size_t n) {
  binary_kernel(a, b, out, n, MathAtan2Op<T>{});
}

// NOLINTEND(readability-identifier-naming)
