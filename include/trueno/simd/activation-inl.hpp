// trueno — erf, erfc, the exactly rounded rounding family (floor, ceil, round, rint, trunc, fract, sign,
// copysign), the activations (relu ... log_sigmoid) and layer_norm / rms_norm, written once over Vec<T> and
// re-included per target after math-inl.hpp (no include guard).
// - Rounding: AVX2 and AVX-512 use their round instructions; SSE2 and the scalar backend add and subtract
//   2^23 (2^52) on |x| < 2^23, which rounds to nearest-even, and correct by one; larger values, infinities
//   and NaN are already integral (returned as x + 0, which quiets a signalling NaN exactly as the round
//   instructions do). Every backend gives the same bits.
// - erf/erfc (double): |x| < 0.84375: erf(x) = x + x * A(x^2); otherwise erfc(a) = exp(-a^2) * Y(t) / a
//   with t = (a - K) / (a + K) and a^2 carried as an exact double-double into exp's reduction. A and Y are
//   Chebyshev fits (mpmath, 40 digits) of erf(x)/x - 1 and a*exp(a^2)*erfc(a); Y's constant term in two
//   parts, t's rounding carried through Y'(t), Y's last four Horner steps and the division by a in
//   double-double (erfc's small form likewise). The scalar backend uses the C library's long double erf/erfc.
// - Float erf, erfc, gelu(tanh), mish and tanhshrink compute in double (cheaper fits: exp(-a^2) * Zf(t)
//   for erfc, 1e-10 relative) and round once, and so does gelu where the backend has no fused multiply-add
//   (SSE2; elsewhere gelu_ff computes it in float); elu/selu/celu, softplus and log_sigmoid compute in T from
//   MathOps' expm1, exp and log1p_unit. Measured errors: docs/reference.md.
// NOLINTBEGIN(readability-identifier-naming)

// Rounding modes in the x86 round instructions' encoding (V::round_mode's argument).
inline constexpr int kRoundNearest = 0, kRoundDown = 1, kRoundUp = 2, kRoundTowardZero = 3;

template <class V>
concept HasRoundMode = requires(typename V::Reg r) {
  V::template round_mode<0>(r);
};

template <class T>
struct ActConst;

template <>
struct ActConst<double> {
  // erf(x) = x + x * A(x^2) on |x| < 0.84375 (absolute error of A 1.4e-19).
  static constexpr double kErfSmall[] = {
      0.1283791670955126,     -0.3761263890318375,    0.11283791670954745,    -0.026866170645031,
      0.005223977624080742,   -0.000854832691425112,  0.00012055327421282683, -1.4925463570287675e-05,
      1.6457914349746103e-06, -1.630309508468887e-07, 1.4205594850504056e-08, -8.879702704985848e-10};
  static constexpr double kErfSmall0Lo = -1.2420116002463032e-17;  // 2/sqrt(pi) - 1 - kErfSmall[0] (mpmath)
  // a * exp(a^2) * erfc(a) = Y(t), t = (a - K) / (a + K), a in [0.84375, 27.3] (absolute error 4.9e-19).
  static constexpr double kErfcK = 4.799414026732847;
  static constexpr double kErfcTail0Lo = 5.0664526070083e-17;  // K e^(K^2) erfc(K) - kErfcTail[0] (mpmath)
  static constexpr double kRsqrtPi = 0.5641895835477563;       // 1/sqrt(pi)
  static constexpr double kErfcTail[] = {
      0.5526649096221035,     0.04347517541937461,    -0.0773871246289759,    0.09546116029033336,
      -0.09650699467819392,   0.08405414631436249,    -0.06427933966114939,   0.0434178628973353,
      -0.025847631445585214,  0.013432021804559801,   -0.005972546356840519,  0.002183813876136945,
      -0.0005982168865094187, 8.567576004188436e-05,  1.8480815043847056e-05, -1.55525982775507e-05,
      3.757417829578063e-06,  4.0433328027938493e-07, -5.379311748711142e-07, 9.890108108699622e-08,
      3.554850587225554e-08,  -1.5288277273455686e-08};
  static constexpr double kErfcZeroAt = 27.3893878839552;  // erfc rounds to 0 from here on
  // (x - tanh(x)) / x^3 = S(x^2) on |x| < 1.5 (absolute error 5.7e-20; used below |x| = 1).
  // S = 1/3 + z (c1 + z S2(z)): the first two coefficients apart (the last two steps are carried in
  // double-double), 1/3 as hi + lo.
  static constexpr double kTanhshrink0 = 0.3333333333333333, kTanhshrink0Lo = 1.850371707708594e-17;
  static constexpr double kTanhshrink1 = -0.1333333333333333;
  static constexpr double kTanhshrink[] = {
      0.053968253968251466,   -0.021869488536069744,   0.008863235528347585,   -0.003592128019128854,
      0.0014558342552102952,  -0.0005900267293776424,  0.00023912625669271191, -9.690657925981154e-05,
      3.92570595542788e-05,   -1.587787097591724e-05,  6.387557038378494e-06,  -2.5326542902974567e-06,
      9.727297128652262e-07,  -3.5252167764746296e-07, 1.1663419959215241e-07, -3.3966855096449775e-08,
      8.379270799026017e-09,  -1.6795142118695242e-09, 2.6012031953260377e-10, -2.900646970512536e-11,
      2.0624766328161096e-12, -6.999180639642659e-14};
  // The float kernels' (computed in double, 1e-10 relative is plenty): erf(x) = x + x * Af(x^2) on
  // |x| < 0.84375 (absolute error 1.3e-10), and exp(a^2) erfc(a) = Zf(t), t = (a - Kf) / (a + Kf), on
  // [0.84375, 10.6] (absolute error 3.6e-12).
  static constexpr double kErfSmallF[] = {0.12837916696676963,   -0.37612637129487597, 0.11283751639664917,
                                          -0.026862768421686375, 0.005210120412519779, -0.0008255120935085116,
                                          8.889625671492797e-05};
  static constexpr double kErfcKF = 2.9906103056065327;
  static constexpr double kErfcTailF[] = {
      0.17951309427469378,    -0.32700378393695423,  0.24579697770518885,    -0.14979341420020154,
      0.07115030858591664,    -0.023984021883942334, 0.004071161650924341,   0.0007544976677362905,
      -0.0005871926716182367, 3.622497058772992e-05, 5.7766166499220636e-05, -1.0011489722629132e-05};
  static constexpr double kErfcZeroAtF = 10.6;  // beyond, float's erfc and gelu's x/2 erfc round to 0
  static constexpr double kRsqrt2Hi = 0.7071067811865476, kRsqrt2Lo = -4.833646656726457e-17;
  static constexpr double kGeluTanh2C = 1.5957691216057308,
                          kGeluTanh2CLo = -9.96930880911092e-17;  // 2 sqrt(2/pi)
  static constexpr double kGeluTanhK = 0.044715,
                          kGeluTanhKLo = 2.1960211427085595e-18;  // the decimal 0.044715
  static constexpr double kGeluTanhWLo = -800.0;  // gelu_tanh is -0 below (|x| e^-800 < 2^-1075 there)
  static constexpr double kMishOne = 20.0;        // tanh(softplus(x)) rounds to 1 above
};

template <>
struct ActConst<float> {
  static constexpr float kMishOne = 20.0F;
  // gelu in float (gelu_ff): erf(x/sqrt(2)) / (2x) = B(x^2) on |x| <= 0.5, and F(y) = y Phi(-y) e^(y^2/2) as
  // a polynomial in t = (y - K)/(y + K) on y in [0.5, 15]: minimax fits with coefficients rounded to float
  // one at a time (relative errors 2.8e-8 and 1.0e-8). K = 1.5 keeps F's sensitivity to t's rounding low
  // where F changes fastest (y near 0.5).
  static constexpr float kGeluSmall[] = {0x1.988454p-2F, -0x1.10589ep-4F, 0x1.46c958p-7F, -0x1.2dbcfcp-10F};
  static constexpr float kGeluTailK = 1.5F;
  static constexpr float kGeluTail[] = {0x1.3c1440p-2F,  0x1.b06052p-3F,   -0x1.02a808p-3F, -0x1.445c7ep-6F,
                                        0x1.22f02ep-6F,  0x1.6192e6p-7F,   0x1.cdde58p-11F, -0x1.452f08p-9F,
                                        -0x1.2d9fa4p-9F, -0x1.b6168ep-12F, 0x1.0a718cp-10F};
  static constexpr float kGeluTailClamp = 15.0F;  // gelu(x) rounds to -0 below -14.6, to x above 5.9
};

// SELU's constants (PyTorch's scale 1.0507009873554804934193349852946 and
// alpha 1.6732632423543772848170429916717): scale rounded to T, and scale * alpha (the factor of expm1 for x
// <= 0) rounded to T, and in double also its low part, which saves the rounding of the constant (double
// selu: 2.5 -> 1.45 ULP).
template <class T>
inline constexpr T kSeluScale = T(1.0507009873554804934193349852946L);
inline constexpr long double kSeluScaleAlpha = 1.75809934084737685994021752081231934L;
template <class T>
inline constexpr T kSeluNeg = T(kSeluScaleAlpha);
template <class T>
inline constexpr T kSeluNegLo = T(kSeluScaleAlpha - static_cast<long double>(kSeluNeg<T>));

template <class T>
struct ActOps {
  using V = Vec<T>;
  using R = typename V::Reg;
  using M = MathOps<T>;
  using MC = MathConst<T>;
  static constexpr bool kScalar = std::is_same_v<R, T>;
  static constexpr T kInf = std::numeric_limits<T>::infinity();

  static R k(T v) { return V::set1(v); }
  static R sign_of(R x) { return V::bit_and(x, M::kbits(MC::kSignBits)); }
  // mag with x's sign bit or-ed in (mag >= 0, or already negative where x is).
  static R or_sign(R mag, R x) {
    if constexpr (kScalar) {
      return std::copysign(mag, x);
    } else {
      return V::bit_or(mag, sign_of(x));
    }
  }

  // ---- rounding (exact) -------------------------------------------------------------------------------

  // |x| < 2^p: the lanes where x may have a fractional part (false for NaN and infinities).
  static auto has_fraction(R x) { return V::lt(V::abs(x), k(MC::kIntMagic)); }
  // Nearest integer (ties to even) of a = |x| < 2^p.
  static R rint_magnitude(R a) { return V::sub(V::add(a, k(MC::kIntMagic)), k(MC::kIntMagic)); }
  static R trunc_magnitude(R a) {
    const R r = rint_magnitude(a);
    return V::select(V::gt(r, a), V::sub(r, k(T(1))), r);
  }
  static R integral(R x, R r) { return V::select(has_fraction(x), r, V::add(x, V::zero())); }

  static R rint(R x) {
    if constexpr (HasRoundMode<V>) {
      return V::template round_mode<kRoundNearest>(x);
    } else {
      return integral(x, or_sign(rint_magnitude(V::abs(x)), x));
    }
  }
  static R floor(R x) {
    if constexpr (HasRoundMode<V>) {
      return V::template round_mode<kRoundDown>(x);
    } else {
      const R r = or_sign(rint_magnitude(V::abs(x)), x);
      return integral(x, V::select(V::gt(r, x), V::sub(r, k(T(1))), r));
    }
  }
  static R ceil(R x) {
    if constexpr (HasRoundMode<V>) {
      return V::template round_mode<kRoundUp>(x);
    } else {
      const R r = or_sign(rint_magnitude(V::abs(x)), x);
      // ceil of x in (-1, 0) is -0: the sign of x restored.
      return integral(x, or_sign(V::select(V::lt(r, x), V::add(r, k(T(1))), r), x));
    }
  }
  static R trunc(R x) {
    if constexpr (HasRoundMode<V>) {
      return V::template round_mode<kRoundTowardZero>(x);
    } else {
      return integral(x, or_sign(trunc_magnitude(V::abs(x)), x));
    }
  }
  // Half away from zero (std::round): trunc(|x|) + 1 when the fraction |x| - trunc(|x|) (exact) is >= 1/2.
  static R round(R x) {
    const R a = V::abs(x);
    R t;
    if constexpr (HasRoundMode<V>) {
      t = V::template round_mode<kRoundTowardZero>(a);
    } else {
      t = trunc_magnitude(a);
    }
    const R r = V::select(V::lt(V::sub(a, t), k(T(0.5))), t, V::add(t, k(T(1))));
    return integral(x, or_sign(r, x));
  }
  static R fract(R x) { return V::sub(x, trunc(x)); }
  // NumPy's sign: -1, +0 (for either zero), 1, and NaN itself.
  static R sign(R x) {
    const R s = V::select(V::gt(x, V::zero()), k(T(1)), V::select(V::lt(x, V::zero()), k(T(-1)), x));
    return V::select(V::eq(x, V::zero()), V::zero(), s);
  }
  static R copysign(R a, R b) { return or_sign(V::abs(a), b); }

  // ---- erf, erfc ----------------------------------------------------------------------------------------

  // Float: evaluated by F::apply in double and rounded once.
  template <class F>
  static R in_double(R x) {
    if constexpr (kScalar) {
      return static_cast<T>(F::apply(static_cast<double>(x)));
    } else {
      return V::narrow(F::apply(V::widen_lo(x)), F::apply(V::widen_hi(x)));
    }
  }

  // hi + lo = a * b exactly: the fused multiply-add, or Dekker's product where the backend's fma rounds twice
  // (SSE2). |a|, |b| < 2^995.
  static void two_prod(R a, R b, R& hi, R& lo) {
    hi = V::mul(a, b);
    if constexpr (requires { requires V::kUnfusedFma; }) {
      const R c = k(std::is_same_v<T, float> ? T(4097) : T(134217729));  // 2^12 + 1, 2^27 + 1
      const R ca = V::mul(a, c), cb = V::mul(b, c);
      const R ah = V::sub(ca, V::sub(ca, a)), bh = V::sub(cb, V::sub(cb, b));
      const R al = V::sub(a, ah), bl = V::sub(b, bh);
      lo = V::add(V::add(V::add(V::sub(V::mul(ah, bh), hi), V::mul(ah, bl)), V::mul(al, bh)), V::mul(al, bl));
    } else {
      lo = V::fma(a, b, V::neg(hi));
    }
  }

  // (nh + nl) / (dh + dl) (|nl|, |dl| below half an ULP of nh, dh), rounded about once: y0 = nh / dh
  // corrected by the exact remainder nh - y0 dh (exact as nh - p since p is within an ULP of nh).
  static R div_dd(R nh, R nl, R dh, R dl) {
    const R y0 = V::div(nh, dh);
    R p, pl;
    two_prod(y0, dh, p, pl);
    const R rem = V::sub(V::sub(nh, p), pl);
    return V::add(y0, V::div(V::sub(V::add(rem, nl), V::mul(y0, dl)), dh));
  }
  // x^2 = z + zl exactly and x^3 = c + cl (to about twice T's precision).
  static void cube_dd(R x, R& z, R& zl, R& c, R& cl) {
    two_prod(x, x, z, zl);
    two_prod(z, x, c, cl);
    cl = V::fma(zl, x, cl);
  }
  // x (1 + q) = hi + lo (to about twice T's precision).
  static void times_one_plus_dd(R x, R q, R& hi, R& lo) {
    R xq, xql;
    two_prod(x, q, xq, xql);
    TrigOps<T>::two_sum(x, xq, hi, lo);
    lo = V::add(lo, xql);
  }

  // c[0] + t (c[1] + t (c[2] + ...)) = hi + lo: Horner's rule in T, its last kComp steps compensated (each
  // step's product and sum errors carried by two_prod and two_sum: Graillat's compensated Horner), so that
  // the plain inner steps' errors are damped by |t|^kComp.
  template <std::size_t kComp, std::size_t N>
  static void horner_comp(R t, const T (&c)[N], R& hi, R& lo) {
    static_assert(kComp >= 1 && kComp < N);
    R p = k(c[N - 1]);
    for (std::size_t i = N - 1; i-- > kComp;) p = V::fma(p, t, k(c[i]));
    R e = V::zero();
    for (std::size_t i = kComp; i-- > 0;) {
      R ph, pl, s, se;
      two_prod(p, t, ph, pl);
      TrigOps<T>::two_sum(ph, k(c[i]), s, se);
      e = V::fma(e, t, V::add(pl, se));
      p = s;
    }
    hi = p;
    lo = e;
  }

  // erfc(a) = m * 2^n for a >= 0.84375, the exact argument being a + alo (|alo| tiny): exp(-a^2) Y(t) / a
  // with a^2 = hi + lo exact, exp's reduction r = -hi - n ln2 - lo, Y's last step and the division by a + alo
  // carried in double-double, and 2^n left to the caller (so a product with m can be scaled with one
  // rounding). m is returned as mh + ml (|ml| < 0.41 mh), so that a product with m can round once.
  static void erfc_tail_parts(R a, R alo, R& mh, R& ml, R& n) {
    using C = ActConst<T>;
    const R ac = V::min(V::max(a, k(T(0.84375))), k(C::kErfcZeroAt));  // keeps NaN
    // t + tl = (a + alo - K) / (a + alo + K): t carries the roundings of a - K, a + K and the division, and
    // Y'(t) reaches 0.63 at a = 0.84 (1.6 Y), so tl enters Y through Y' = dY/da / (dt/da) = ((1/a + 2a) Y -
    // 2a/sqrt(pi)) (a + K)^2 / (2K).
    R nh, nl, dh, dl;
    TrigOps<T>::two_sum(ac, k(-C::kErfcK), nh, nl);
    TrigOps<T>::two_sum(ac, k(C::kErfcK), dh, dl);
    const R t = V::div(nh, dh);
    R tp, tpl;
    two_prod(t, dh, tp, tpl);
    const R tl =
        V::div(V::sub(V::add(V::sub(V::sub(nh, tp), tpl), V::add(nl, alo)), V::mul(t, V::add(dl, alo))), dh);
    R yh, yl;
    horner_comp<4>(t, C::kErfcTail, yh, yl);
    const R w = V::div(yh, ac);
    const R slope = V::mul(V::fma(V::add(ac, ac), V::sub(yh, k(C::kRsqrtPi)), w),
                           V::mul(V::mul(dh, dh), k(T(0.5) / C::kErfcK)));
    yl = V::add(V::fma(tl, slope, yl), k(C::kErfcTail0Lo));
    R hi, lo;
    two_prod(ac, ac, hi, lo);
    lo = V::fma(V::add(ac, ac), alo, lo);
    n = V::round_int(V::mul(hi, k(-MC::kLog2e)));
    // r + rl = -hi - n ln2 - lo (rh exact, rl the rounding error of rh - c by 2Sum); e^(r + rl) = (1 + q).
    const R rh = V::fma(n, k(-MC::kLn2Hi), V::neg(hi));
    const R c = V::fma(n, k(MC::kLn2Lo), lo);
    const R r = V::sub(rh, c);
    const R rv = V::sub(r, rh);
    const R rl = V::sub(V::sub(rh, V::sub(r, rv)), V::add(c, rv));
    // e^(r + rl) - 1 = r + qs, r exact: qs = r^2 P(r) + rl (1 + q), so that only the small part rounds.
    const R qs0 = V::mul(V::mul(r, r), M::horner(r, MC::kExpPoly));
    const R q = V::add(r, qs0);
    const R qs = V::add(qs0, V::fma(q, rl, rl));
    R wh, wl;
    two_prod(w, ac, wh, wl);
    const R rem = V::add(V::sub(V::sub(yh, wh), wl), yl);  // yh + yl - w * ac
    const R ra = V::div(V::fma(V::neg(w), alo, rem), ac);  // Y / (a + alo) = w + (rem - w alo) / a
    // (w + ra) (1 + r + qs) = w + (w r + (w qs + ra (1 + q))): one rounding of a term below 0.41 w, then w.
    mh = w;
    ml = V::fma(w, r, V::fma(w, qs, V::fma(ra, q, ra)));
  }

  // 1 - erf(x + xlo) for |x| < 0.84375 (xlo: the low part of a double-double argument, else 0): 1 - (x + x A)
  // below 0.25, 1/2 - ((x - 1/2) + x A) from 0.25 on (x - 1/2 exact), A = A(x^2) by compensated Horner, the
  // rounding errors of x^2, x A and the sum carried to the last step: x^2's through A' and xlo through
  // erf' = 1 + A + 2 x^2 A' (A' to a few digits is plenty for these corrections).
  static void erfc_small_parts(R x, R xlo, R& hi, R& lo) {
    using C = ActConst<T>;
    R z, zl, yh, yl;
    two_prod(x, x, z, zl);
    horner_comp<3>(z, C::kErfSmall, yh, yl);
    const R ap = V::fma(
        z,
        V::fma(z, V::fma(z, k(T(4) * C::kErfSmall[4]), k(T(3) * C::kErfSmall[3])), k(T(2) * C::kErfSmall[2])),
        k(C::kErfSmall[1]));
    yl = V::add(V::fma(zl, ap, yl), k(C::kErfSmall0Lo));
    R ph, pl;
    two_prod(x, yh, ph, pl);
    const R d = V::fma(V::add(z, z), ap, V::add(k(T(1)), yh));
    const R corr = V::fma(xlo, d, V::fma(x, yl, pl));
    const auto low = V::lt(x, k(T(0.25)));
    R sh, sl;
    TrigOps<T>::two_sum(V::select(low, x, V::sub(x, k(T(0.5)))), ph, sh, sl);
    R dh, dl;  // 1 - sh rounds below 0.25 (exact by Sterbenz from there on)
    TrigOps<T>::two_sum(V::select(low, k(T(1)), k(T(0.5))), V::neg(sh), dh, dl);
    hi = dh;
    lo = V::sub(dl, V::add(sl, corr));
  }
  // hx * (hi + lo), rounded once (|hx|, |hi| < 2^995, as two_prod needs).
  static R mul_dd(R hx, R hi, R lo) {
    R ph, pl;
    two_prod(hx, hi, ph, pl);
    return V::select(V::eq(ph, V::zero()), ph, V::add(ph, V::fma(hx, lo, pl)));  // keeps the sign of a zero
  }

  // erfc(x + xlo) (double; xlo is the low part of a double-double argument, zero for erfc itself).
  static R erfc_dd(R x, R xlo) {
    using C = ActConst<T>;
    const R a = V::abs(x);
    const auto negative = V::lt(x, V::zero());
    R n;
    R mh, ml, sh, sl;
    erfc_tail_parts(a, V::select(negative, V::neg(xlo), xlo), mh, ml, n);
    const R m = V::add(mh, ml);
    erfc_small_parts(x, xlo, sh, sl);
    R big = V::select(V::lt(a, k(C::kErfcZeroAt)), M::ldexp(m, n), V::zero());
    big = V::select(negative, V::sub(k(T(2)), big), big);
    return V::select(V::isnan(x), x, V::select(V::lt(a, k(T(0.84375))), V::add(sh, sl), big));
  }

  struct ErfcD {
    template <class DR>
    static DR apply(DR x) {
      return ActOps<double>::erfc_f(x);
    }
  };
  struct ErfD {
    template <class DR>
    static DR apply(DR x) {
      return ActOps<double>::erf_f(x);
    }
  };

  static R erfc(R x) {
    if constexpr (std::is_same_v<T, float>) {
      return in_double<ErfcD>(x);
    } else if constexpr (kScalar) {
      return static_cast<T>(std::erfc(static_cast<long double>(x)));
    } else {
      return erfc_dd(x, V::zero());
    }
  }

  static R erf(R x) {
    using C = ActConst<T>;
    if constexpr (std::is_same_v<T, float>) {
      return in_double<ErfD>(x);
    } else if constexpr (kScalar) {
      return static_cast<T>(std::erf(static_cast<long double>(x)));
    } else {
      const R a = V::abs(x);
      const R small = V::fma(x, M::horner(V::mul(x, x), C::kErfSmall), x);
      R n;
      R mh, ml;
      erfc_tail_parts(a, V::zero(), mh, ml, n);
      const R m = V::add(mh, ml);
      const R big = or_sign(V::sub(k(T(1)), M::ldexp(m, n)), x);
      return V::select(V::isnan(x), x, V::select(V::lt(a, k(T(0.84375))), small, big));
    }
  }

  // ---- activations --------------------------------------------------------------------------------------

  static R relu(R x) { return V::max(x, V::zero()); }  // keeps NaN and -0 (PyTorch)
  static R relu6(R x) { return V::min(V::max(x, V::zero()), k(T(6))); }
  static R leaky_relu(R x, R alpha) { return V::select(V::gt(x, V::zero()), x, V::mul(x, alpha)); }
  // PyTorch's order: min(max(x + 3, 0), 6) / 6, and x times that over 6 (bit-identical to PyTorch).
  static R hard_sigmoid(R x) {
    return V::div(V::min(V::max(V::add(x, k(T(3))), V::zero()), k(T(6))), k(T(6)));
  }
  static R hardswish(R x) {
    const R y = V::div(V::mul(x, V::min(V::max(V::add(x, k(T(3))), V::zero()), k(T(6)))), k(T(6)));
    // x itself from 3 on (no overflow of x * 6), -0 at -inf (the limit, where -inf * 0 is NaN).
    return V::select(V::lt(x, k(T(3))), V::select(V::eq(x, k(-kInf)), k(T(-0.0)), y), x);
  }
  // x / (1 + |x|); +-1 at +-inf (the limit).
  static R softsign(R x) {
    const R y = V::div(x, V::add(k(T(1)), V::abs(x)));
    return V::select(V::eq(V::abs(x), k(kInf)), or_sign(k(T(1)), x), y);
  }

  // x for x > 0, else neg_scale * expm1(x * in_scale) (+0 at -0, as PyTorch): elu, selu, celu.
  static R elu_like(R x, R pos_scale, R neg_scale, R in_scale) {
    const R neg = V::add(V::mul(neg_scale, M::expm1(V::mul(x, in_scale))), V::zero());
    return V::select(V::gt(x, V::zero()), V::mul(x, pos_scale), neg);
  }
  static R elu(R x, R alpha) {
    const R neg = V::add(V::mul(alpha, M::expm1(x)), V::zero());
    return V::select(V::gt(x, V::zero()), x, neg);
  }
  static R celu(R x, R alpha) {
    const R neg = V::add(V::mul(alpha, M::expm1(V::div(x, alpha))), V::zero());
    return V::select(V::gt(x, V::zero()), x, neg);
  }
  static R selu(R x) {
    const R m = M::expm1(x);
    R neg;
    if constexpr (std::is_same_v<T, double>) {
      neg = V::add(V::fma(k(kSeluNeg<T>), m, V::mul(k(kSeluNegLo<T>), m)), V::zero());
    } else {  // float is within its 3 ULP without the low part (1.7 ULP), and 8% faster
      neg = V::add(V::mul(k(kSeluNeg<T>), m), V::zero());
    }
    return V::select(V::gt(x, V::zero()), V::mul(x, k(kSeluScale<T>)), neg);
  }

  // softplus(x) = log(1 + e^(beta x)) / beta, and x where beta x > threshold (PyTorch).
  static R softplus(R x, R beta, R threshold) {
    const R v = V::mul(x, beta);
    const R y = V::div(V::add(V::max(v, V::zero()), M::log1p_unit(M::exp(V::neg(V::abs(v))))), beta);
    return V::select(V::gt(v, threshold), x, y);
  }
  // log(sigmoid(x)) = min(x, 0) - log1p(e^-|x|).
  static R log_sigmoid(R x) { return V::sub(V::min(x, V::zero()), M::log1p_unit(M::exp(V::neg(V::abs(x))))); }

  // The double-precision kernels behind gelu, gelu(tanh), mish and tanhshrink (float calls them in double;
  // gelu only on SSE2).
  // gelu(x) = x/2 * erfc(-x/sqrt(2)), the argument as a double-double; -0 at -inf (the limit).
  static R gelu_d(R x) {
    using C = ActConst<T>;
    R u, ul;
    two_prod(x, k(-C::kRsqrt2Hi), u, ul);
    const R ulo = V::fma(x, k(-C::kRsqrt2Lo), ul);
    const R a = V::abs(u);
    const R hx = V::mul(x, k(T(0.5)));
    const auto negative = V::lt(u, V::zero());  // x > 0
    R n;
    const R alo = V::select(V::lt(a, k(C::kErfcZeroAt)), V::select(negative, V::neg(ulo), ulo), V::zero());
    R mh, ml, sh, sl;
    erfc_tail_parts(a, alo, mh, ml, n);
    erfc_small_parts(u, ulo, sh, sl);
    // x < 0: x/2 * m * 2^n, scaled last (one rounding in the denormal range); x > 0: x/2 * (2 - erfc). Each
    // product with x/2 rounds once.
    R big = V::select(V::lt(a, k(C::kErfcZeroAt)), M::ldexp(mul_dd(hx, mh, ml), n), V::mul(x, V::zero()));
    R eh, el;
    TrigOps<T>::two_sum(k(T(2)), V::neg(M::ldexp(mh, n)), eh, el);
    const R pos = mul_dd(hx, eh, V::sub(el, M::ldexp(ml, n)));  // x itself from where erfc rounds to 0 on
    big = V::select(negative, V::select(V::lt(a, k(C::kErfcZeroAt)), pos, x), big);
    const R y = V::select(V::lt(a, k(T(0.84375))), mul_dd(hx, sh, sl), big);
    return V::select(V::isnan(x), x, V::select(V::eq(x, k(-kInf)), k(T(-0.0)), y));
  }
  // x/2 * (1 + tanh(c (x + 0.044715 x^3))) = x * sigmoid(v), v = 2c (x + 0.044715 x^3). For large |x|, e^-|v|
  // magnifies the error of v by |v| (x = -12: v = -142), so v is carried as a double-double v + vl (x^3,
  // 0.044715 and 2c each in two parts) and e^-|v| as e^w (1 + wl), w = -|v|. With e^w = (1 + q) 2^n and
  // E = e^w (1 + wl): v >= 0: x / (1 + E); v < 0: x (1 + q') / (1 + E) scaled by 2^n last (gradual
  // underflow), q' = q + wl (1 + q). Beyond |x| = 1e30 the limits: x, or -0 for x < 0. The scalar backend
  // evaluates the same in long double (no bit operations there).
  static R gelu_tanh_d(R x) {
    if constexpr (kScalar) {
      if (x == -kInf) return T(-0.0);
      const long double lx = x;
      const long double lv = 2 * 0.797884560802865355879892119868763737L * (lx + 0.044715L * lx * lx * lx);
      return static_cast<T>(lx / (1 + std::exp(-lv)));
    } else {
      return gelu_tanh_dd(x);
    }
  }
  static R gelu_tanh_dd(R x) {
    using C = ActConst<T>;
    R s, sl, c, cl, p, pl, v, vl;
    cube_dd(x, s, sl, c, cl);  // x^3 = c + cl
    two_prod(k(C::kGeluTanhK), c, p, pl);
    pl = V::fma(k(C::kGeluTanhK), cl, V::fma(k(C::kGeluTanhKLo), c, pl));  // K x^3 = p + pl
    R t, tl;
    TrigOps<T>::two_sum(x, p, t, tl);
    tl = V::add(tl, pl);  // x + K x^3 = t + tl
    two_prod(k(C::kGeluTanh2C), t, v, vl);
    vl = V::fma(k(C::kGeluTanh2C), tl, V::fma(k(C::kGeluTanh2CLo), t, vl));
    const auto negative = V::lt(v, V::zero());
    const R w = V::neg(V::abs(v));
    const R wl = V::select(negative, vl, V::neg(vl));
    R n;
    const R q = M::exp_reduce_m1(V::max(w, k(C::kGeluTanhWLo)), n);
    const R q1 = V::add(q, V::fma(wl, q, wl));  // e^(w + wl) = (1 + q1) 2^n
    // 1 + q1 = a + al, E = e^(w + wl) = (a + al) 2^n, 1 + E = d + dl (E <= 1: Fast2Sum).
    R a, al;
    TrigOps<T>::two_sum(k(T(1)), q1, a, al);
    const R e = M::ldexp(a, n);
    const R d = V::add(k(T(1)), e);
    const R dl = V::add(V::sub(e, V::sub(d, k(T(1)))), M::ldexp(al, n));
    // The numerator num + numl: x for v >= 0, x (1 + q1) (scaled by 2^n afterwards) for v < 0.
    R num, numl;
    times_one_plus_dd(x, q1, num, numl);
    num = V::select(negative, num, x);
    numl = V::select(negative, numl, V::zero());
    const R y1 = div_dd(num, numl, d, dl);
    const R y_neg = V::select(V::lt(w, k(C::kGeluTanhWLo)), V::mul(x, V::zero()), M::ldexp(y1, n));
    const R y = V::select(negative, y_neg, y1);
    const R limit = V::select(V::gt(x, V::zero()), x, k(T(-0.0)));
    // x itself at +-0 (the remainder correction would turn -0 into +0).
    return V::select(V::eq(x, V::zero()), x, V::select(V::gt(V::abs(x), k(T(1e30))), limit, y));
  }
  // mish(x) = x tanh(log(1 + e^x)) = x (1 - 2 / D), D = e (e + 2) + 2, e = e^x = s (1 + q), s = 2^n. D and
  // e (1 + e) are expanded in s and sq = s q (exact), so that 1 + q is never rounded:
  // D = s (s + 2) + 2 + sq (2 s + 2 + sq), e (1 + e) = s (1 + s) + sq (1 + 2 s + sq).
  // x >= 0: x - 2 x / D (the error of x / D damped by 2 / (D - 2) <= 2/3). x < 0: (x (1 + q) (1 + g)) 2^n,
  // g = -e (1 + e) / D in [-0.4, 0), with x (1 + q) as a double-double and one rounding at the end (the
  // error of g damped by |g| / (1 + g) <= 2/3), scaled last so that results in the denormal range keep their
  // accuracy. x above 20 (where the factor rounds to 1); -0 below kSiluZeroBelow and at -inf.
  static R mish_d(R x) {
    const R xc = V::min(V::max(x, k(MC::kSiluZeroBelow)), k(ActConst<T>::kMishOne));
    R n;
    const R q = M::exp_reduce_m1(xc, n);
    const R s = M::ldexp(k(T(1)), n);
    const R sq = V::mul(s, q);
    const R one = k(T(1)), two = k(T(2));
    const R d = V::fma(sq, V::add(V::fma(s, two, two), sq), V::fma(s, V::add(s, two), two));
    const R g = V::div(V::neg(V::fma(sq, V::add(V::fma(s, two, one), sq), V::fma(s, s, s))), d);
    R xh, xl;
    times_one_plus_dd(x, q, xh, xl);
    const R scaled = M::ldexp(V::add(xh, V::fma(xh, g, xl)), n);
    const R direct = V::fma(k(T(-2)), V::div(x, d), x);
    // x itself at +-0 (x - 2x/D gives +0 at -0).
    const R y = V::select(V::lt(x, V::zero()), scaled, V::select(V::eq(x, V::zero()), x, direct));
    return V::select(V::gt(x, k(ActConst<T>::kMishOne)), x,
                     V::select(V::lt(x, k(MC::kSiluZeroBelow)), k(T(-0.0)), y));
  }
  // x - tanh(x): x^3 S(x^2) below |x| = 1 (no cancellation; x^3 as a double-double); above, with a = |x| and
  // E = e^(2a) = s (1 + q), s = 2^n, the sum (a - 1) + 2 / (E + 1) of two non-negative terms (a - 1 exact), E
  // + 1 = (s + 1) + s q as a double-double and the quotient corrected by its exact remainder, the sign of x
  // restored last.
  static R tanhshrink_d(R x) {
    R z, zl, c, cl;
    cube_dd(x, z, zl, c, cl);  // x^3 = c + cl, so that x^3 S(x^2) rounds once
    using C = ActConst<T>;
    const R u = V::fma(z, M::horner(z, C::kTanhshrink), k(C::kTanhshrink1));
    R zu, zul, sz, szl;
    two_prod(z, u, zu, zul);
    TrigOps<T>::two_sum(k(C::kTanhshrink0), zu, sz, szl);
    szl = V::add(szl, V::add(zul, k(C::kTanhshrink0Lo)));  // S(z) = sz + szl
    const R small = V::fma(c, sz, V::fma(c, szl, V::mul(cl, sz)));
    if constexpr (kScalar) {  // the same sum in long double (no bit operations there)
      const long double la = std::fabs(static_cast<long double>(x));
      return z < T(1) ? small : std::copysign(static_cast<T>((la - 1) + 2 / (std::exp(2 * la) + 1)), x);
    } else {
      return V::select(V::lt(z, k(T(1))), small, tanhshrink_big(x));
    }
  }
  static R tanhshrink_big(R x) {
    const R a = V::abs(x);
    const R one = k(T(1)), two = k(T(2));
    R n;
    // From 2a = 40 on, 2 / (E + 1) < 2^-56 is below half an ULP of a - 1 (and Dekker's product, on SSE2,
    // needs |dh| < 2^995).
    const R q = M::exp_reduce_m1(V::min(V::add(a, a), k(T(40))), n);
    const R s = M::ldexp(one, n);
    R dh, dl;
    TrigOps<T>::two_sum(V::add(s, one), V::mul(s, q), dh, dl);
    const R t = div_dd(two, V::zero(), dh, dl);
    return or_sign(V::add(V::sub(a, one), t), x);
  }

  // ---- the float kernels, evaluated in double (T = double) and rounded once by the caller
  // ------------------ erfc: 1 - erf below 0.84375, exp(-a^2) Zf(t) above (a^2's rounding costs 2^-46
  // relative at most).
  static R erfc_f(R x) {
    using C = ActConst<T>;
    const R a = V::abs(x);
    const R y = M::horner(V::mul(x, x), C::kErfSmallF);
    const R half = k(T(0.5));
    const R small = V::select(V::lt(x, k(T(0.25))), V::sub(k(T(1)), V::fma(x, y, x)),
                              V::sub(half, V::fma(x, y, V::sub(x, half))));
    const R ac = V::min(V::max(a, k(T(0.84375))), k(C::kErfcZeroAtF));
    const R t = V::div(V::sub(ac, k(C::kErfcKF)), V::add(ac, k(C::kErfcKF)));
    R big = V::mul(M::exp(V::neg(V::mul(ac, ac))), M::horner(t, C::kErfcTailF));
    big = V::select(V::lt(a, k(C::kErfcZeroAtF)), big, V::zero());
    big = V::select(V::lt(x, V::zero()), V::sub(k(T(2)), big), big);
    return V::select(V::isnan(x), x, V::select(V::lt(a, k(T(0.84375))), small, big));
  }
  static R erf_f(R x) {
    using C = ActConst<T>;
    const R a = V::abs(x);
    const R small = V::fma(x, M::horner(V::mul(x, x), C::kErfSmallF), x);
    const R ac = V::min(V::max(a, k(T(0.84375))), k(C::kErfcZeroAtF));
    const R t = V::div(V::sub(ac, k(C::kErfcKF)), V::add(ac, k(C::kErfcKF)));
    const R tail = V::mul(M::exp(V::neg(V::mul(ac, ac))), M::horner(t, C::kErfcTailF));
    const R big = or_sign(V::sub(k(T(1)), tail), x);
    return V::select(V::isnan(x), x, V::select(V::lt(a, k(T(0.84375))), small, big));
  }
  static R gelu_f(R x) {
    const R y = V::mul(V::mul(x, k(T(0.5))), erfc_f(V::mul(x, k(-ActConst<T>::kRsqrt2Hi))));
    return V::select(V::eq(x, k(-kInf)), k(T(-0.0)), y);
  }
  // Float gelu in float (backends with a fused multiply-add): |x| < 0.5: x (1/2 + x B(x^2)) (no cancellation
  // there: 1/2 + x B = Phi(x) >= 0.3); else g = -y Phi(-y) = -e^(-y^2/2) F(y), y = |x| clamped to
  // 15, with y^2/2 = h + hl exact (fma) carried into e^(-h - hl) = (1 + q) 2^n, the 2^n applied last
  // (gradual underflow); gelu = g for x < 0, x + g for x > 0 (x Phi(x) = x - x Phi(-x)).
  static R gelu_ff(R x) {
    using C = ActConst<float>;
    const R z = V::mul(x, x);
    const R small = V::mul(x, V::fma(x, M::horner(z, C::kGeluSmall), k(0.5F)));  // keeps -0 for tiny x < 0
    const R y = V::min(V::abs(x), k(C::kGeluTailClamp));
    const R p = V::mul(y, y);
    const R h = V::mul(p, k(0.5F)), hl = V::mul(V::fma(y, y, V::neg(p)), k(0.5F));
    const R n = V::round_int(V::mul(h, k(-MC::kLog2e)));
    const R r = V::sub(V::fma(n, k(-MC::kLn2Lo), V::fma(n, k(-MC::kLn2Hi), V::neg(h))), hl);
    const R q = M::exp_poly_m1(r);
    const R t = V::div(V::sub(y, k(C::kGeluTailK)), V::add(y, k(C::kGeluTailK)));
    const R f = M::horner(t, C::kGeluTail);
    const R g = V::neg(M::ldexp(V::fma(f, q, f), n));
    const R tail = V::select(V::lt(x, V::zero()), g, V::add(x, g));
    const R res = V::select(V::lt(V::abs(x), k(0.5F)), small, tail);
    return V::select(V::isnan(x), x, res);
  }
  // x / (1 + e^-v): e^-v overflows to inf for v below -709, giving the limit -0 (x < 0).
  static R gelu_tanh_f(R x) {
    using C = ActConst<T>;
    const R v = V::mul(k(C::kGeluTanh2C), V::fma(V::mul(V::mul(x, x), x), k(T(0.044715)), x));
    const R y = V::div(x, V::add(k(T(1)), M::exp(V::neg(v))));
    return V::select(V::eq(x, k(-kInf)), k(T(-0.0)), y);
  }
  // x - tanh(x) for float: x^3 S(x^2) below |x| = 1.5 in plain double (Horner), the difference above (its
  // cancellation costs far less than a float ULP).
  static R tanhshrink_f(R x) {
    using C = ActConst<T>;
    R z, zl;
    two_prod(x, x, z, zl);
    const R sz = V::fma(z, V::fma(z, M::horner(z, C::kTanhshrink), k(C::kTanhshrink1)), k(C::kTanhshrink0));
    const R small = V::mul(x, V::fma(z, sz, V::mul(zl, sz)));
    return V::select(V::lt(z, k(T(2.25))), small, V::sub(x, M::tanh(x)));
  }
  static R mish_f(R x) {
    const R e = M::exp(V::min(x, k(ActConst<T>::kMishOne)));
    const R n = V::mul(e, V::add(e, k(T(2))));
    const R y = V::mul(x, V::div(n, V::add(n, k(T(2)))));
    return V::select(V::gt(x, k(ActConst<T>::kMishOne)), x, V::select(V::eq(x, k(-kInf)), k(T(-0.0)), y));
  }

  // The public kernels: float through double, the scalar backend's gelu in long double (no bit operations
  // there).
#define TRUENO_ACT_IN_DOUBLE(name, float_kernel) \
  struct name##_D {                              \
    template <class DR>                          \
    static DR apply(DR x) {                      \
      return ActOps<double>::float_kernel(x);    \
    }                                            \
  };                                             \
  static R name(R x) {                           \
    if constexpr (std::is_same_v<T, float>) {    \
      return in_double<name##_D>(x);             \
    } else {                                     \
      return name##_d(x);                        \
    }                                            \
  }
  TRUENO_ACT_IN_DOUBLE(gelu_tanh, gelu_tanh_f)
  TRUENO_ACT_IN_DOUBLE(tanhshrink, tanhshrink_f)
#undef TRUENO_ACT_IN_DOUBLE
  struct MishD {
    template <class DR>
    static DR apply(DR x) {
      return ActOps<double>::mish_f(x);
    }
  };
  static R mish(R x) {
    if constexpr (std::is_same_v<T, float>) {
      return in_double<MishD>(x);
    } else if constexpr (kScalar) {
      if (x == -kInf) return T(-0.0);
      const long double lx = x;
      return static_cast<T>(lx * std::tanh(std::log1p(std::exp(lx))));
    } else {
      return mish_d(x);
    }
  }
  struct GeluD {
    template <class DR>
    static DR apply(DR x) {
      return ActOps<double>::gelu_f(x);
    }
  };
  static R gelu(R x) {
    if constexpr (std::is_same_v<T, float>) {
      if constexpr (M::kFusedFma && !kScalar) {
        return gelu_ff(x);
      } else {
        return in_double<GeluD>(x);
      }
    } else if constexpr (kScalar) {
      if (x == -kInf) return T(-0.0);
      const long double lx = x;
      return static_cast<T>(0.5L * lx * std::erfc(-lx / std::sqrt(2.0L)));
    } else {
      return gelu_d(x);
    }
  }
};

#define TRUENO_ACT_UNARY(name)                                                              \
  template <class T>                                                                        \
  struct Act_##name##_Op {                                                                  \
    typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const { return ActOps<T>::name(x); } \
  };                                                                                        \
  template <class T>                                                                        \
  void act_##name(const T* a, T* out, std::size_t n) {                                      \
    unary_kernel(a, out, n, Act_##name##_Op<T>{});                                          \
  }

TRUENO_ACT_UNARY(floor)
TRUENO_ACT_UNARY(ceil)
TRUENO_ACT_UNARY(round)
TRUENO_ACT_UNARY(rint)
TRUENO_ACT_UNARY(trunc)
TRUENO_ACT_UNARY(fract)
TRUENO_ACT_UNARY(sign)
TRUENO_ACT_UNARY(erf)
TRUENO_ACT_UNARY(erfc)
TRUENO_ACT_UNARY(relu)
TRUENO_ACT_UNARY(relu6)
TRUENO_ACT_UNARY(selu)
TRUENO_ACT_UNARY(gelu)
TRUENO_ACT_UNARY(gelu_tanh)
TRUENO_ACT_UNARY(hard_sigmoid)
TRUENO_ACT_UNARY(hardswish)
TRUENO_ACT_UNARY(mish)
TRUENO_ACT_UNARY(softsign)
TRUENO_ACT_UNARY(tanhshrink)
TRUENO_ACT_UNARY(log_sigmoid)

#undef TRUENO_ACT_UNARY

template <class T>
struct ActCopysignOp {
  typename Vec<T>::Reg apply(typename Vec<T>::Reg a, typename Vec<T>::Reg b) const {
    return ActOps<T>::copysign(a, b);
  }
};
template <class T>
void act_copysign(const T* a, const T* b, T* out, std::size_t n) {
  binary_kernel(a, b, out, n, ActCopysignOp<T>{});
}

// The activations with one parameter (alpha) and softplus's two.
template <class T>
struct ActLeakyReluOp {
  typename Vec<T>::Reg alpha;
  typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const { return ActOps<T>::leaky_relu(x, alpha); }
};
template <class T>
struct ActEluOp {
  typename Vec<T>::Reg alpha;
  typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const { return ActOps<T>::elu(x, alpha); }
};
template <class T>
struct ActCeluOp {
  typename Vec<T>::Reg alpha;
  typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const { return ActOps<T>::celu(x, alpha); }
};
template <class T>
struct ActSoftplusOp {
  typename Vec<T>::Reg beta, threshold;
  typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const { return ActOps<T>::softplus(x, beta, threshold); }
};
template <class T>
void act_leaky_relu(const T* a, T* out, std::size_t n, T alpha) {
  unary_kernel(a, out, n, ActLeakyReluOp<T>{Vec<T>::set1(alpha)});
}
template <class T>
void act_elu(const T* a, T* out, std::size_t n, T alpha) {
  unary_kernel(a, out, n, ActEluOp<T>{Vec<T>::set1(alpha)});
}
template <class T>
void act_celu(const T* a, T* out, std::size_t n, T alpha) {
  unary_kernel(a, out, n, ActCeluOp<T>{Vec<T>::set1(alpha)});
}
template <class T>
void act_softplus(const T* a, T* out, std::size_t n, T beta, T threshold) {
  unary_kernel(a, out, n, ActSoftplusOp<T>{Vec<T>::set1(beta), Vec<T>::set1(threshold)});
}

// ---- layer_norm, rms_norm ------------------------------------------------------------------------------

// out = (x - shift) * scale, times gamma and plus beta where given (null: absent).
template <class T>
struct NormScaleOp {
  using V = Vec<T>;
  typename V::Reg shift, scale;
  typename V::Reg apply(typename V::Reg x) const { return V::mul(V::sub(x, shift), scale); }
};
template <class T>
struct NormGammaOp {
  using V = Vec<T>;
  typename V::Reg shift, scale;
  typename V::Reg apply(typename V::Reg x, typename V::Reg g) const {
    return V::mul(V::mul(V::sub(x, shift), scale), g);
  }
};
template <class T>
struct NormBetaOp {
  using V = Vec<T>;
  typename V::Reg shift, scale;
  typename V::Reg apply(typename V::Reg x, typename V::Reg b) const {
    return V::add(V::mul(V::sub(x, shift), scale), b);
  }
};
template <class T>
struct NormAffineOp {
  using V = Vec<T>;
  typename V::Reg shift, scale;
  typename V::Reg apply(typename V::Reg x, typename V::Reg g, typename V::Reg b) const {
    return V::fma(V::mul(V::sub(x, shift), scale), g, b);
  }
};
template <class T>
void norm_apply(const T* x, const T* gamma, const T* beta, T* out, std::size_t n, T shift, T scale) {
  using V = Vec<T>;
  const auto s = V::set1(shift), c = V::set1(scale);
  if (gamma != nullptr && beta != nullptr) {
    ternary_kernel(x, gamma, beta, out, n, NormAffineOp<T>{s, c});
  } else if (gamma != nullptr) {
    binary_kernel(x, gamma, out, n, NormGammaOp<T>{s, c});
  } else if (beta != nullptr) {
    binary_kernel(x, beta, out, n, NormBetaOp<T>{s, c});
  } else {
    unary_kernel(x, out, n, NormScaleOp<T>{s, c});
  }
}

// PyTorch's layer_norm over the whole vector: mean, biased variance (two pairwise passes), then
// (x - mean) / sqrt(var + eps) * gamma + beta in a third. n > 0.
template <class T>
void layer_norm(const T* x, const T* gamma, const T* beta, T* out, std::size_t n, T eps) {
  const T count = static_cast<T>(n);
  const T mean = sum<T>(x, n) / count;
  const T var = centered_dot<T>(x, x, n, mean, mean) / count;
  norm_apply(x, gamma, beta, out, n, mean, T(1) / std::sqrt(var + eps));
}

// rms_norm: x / sqrt(mean(x^2) + eps) * gamma, mean(x^2) a pairwise sum. n > 0.
template <class T>
void rms_norm(const T* x, const T* gamma, T* out, std::size_t n, T eps) {
  const T ms = dot<T>(x, x, n) / static_cast<T>(n);
  norm_apply(x, gamma, static_cast<const T*>(nullptr), out, n, T(0), T(1) / std::sqrt(ms + eps));
}

// NOLINTEND(readability-identifier-naming)
