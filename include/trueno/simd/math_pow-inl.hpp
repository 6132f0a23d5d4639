// trueno — pow(x, y), written once over Vec<T> and re-included per target after math_trig-inl.hpp (no include
// guard). pow(x, y) = e^(y log|x|) with the sign and the special values of C99 Annex F applied lane-wise:
// - double: log|x| as a double-word (x = 2^k (1 + f), log(1 + f) = 2s + s^3 P(s^2) with s = f/(2 + f) carried
//   in two parts, relative error about 2^-64), y log|x| as a double-word through an exact product (FMA where
//   the target has it, Dekker's splitting on SSE2), and MathOps' exp with the low part added to its reduced
//   argument, so |y log x| up to the overflow threshold costs well under an ULP.
// - float: the same in double (log and exp in double are far more accurate than float needs), rounded once.
// The scalar backend calls the C library. Scalar exponents 0, 1, 2, -1 and 0.5 take exact shortcuts (a
// square, a division, a square root) that give the same special values.
// NOLINTBEGIN(readability-identifier-naming)

template <class T>
struct PowOps {
  using V = Vec<T>;
  using R = typename V::Reg;
  using M = typename V::Mask;
  using C = MathConst<T>;
  using MO = MathOps<T>;
  using TO = TrigOps<T>;
  static constexpr bool kScalar = std::is_same_v<R, T>;
  static constexpr bool kFusedFma = MO::kFusedFma;

  static R k(T v) { return V::set1(v); }

  // Exact product a * b = p + e.
  static void two_prod(R a, R b, R& p, R& e) {
    p = V::mul(a, b);
    if constexpr (kFusedFma) {
      e = V::fma(a, b, V::neg(p));
    } else {  // Dekker: a and b split into halves of 26 bits, whose products are exact
      const R split = k(T(134217729.0));  // 2^27 + 1
      const R ca = V::mul(a, split), cb = V::mul(b, split);
      const R ah = V::sub(ca, V::sub(ca, a)), bh = V::sub(cb, V::sub(cb, b));
      const R al = V::sub(a, ah), bl = V::sub(b, bh);
      e = V::add(V::add(V::add(V::sub(V::mul(ah, bh), p), V::mul(ah, bl)), V::mul(al, bh)), V::mul(al, bl));
    }
  }

  // 2/5, 2/7, ..., 2/27: log(1 + f) = 2s + s^3 (2/3 + s^2 Q(s^2)), truncation below 2^-70 for |s| < 0.1716.
  static constexpr double kLogQ[] = {2.0 / 5,  2.0 / 7,  2.0 / 9,  2.0 / 11, 2.0 / 13, 2.0 / 15,
                                     2.0 / 17, 2.0 / 19, 2.0 / 21, 2.0 / 23, 2.0 / 25, 2.0 / 27};

  // log(ax) = hi + lo for positive finite ax (double only).
  static void log_dd(R ax, R& hi, R& lo) {
    const auto parts = MO::log_parts(ax);
    const R f = parts.f;  // exact
    const R two = k(2.0);
    const R dh = V::add(two, f), dl = V::sub(f, V::sub(dh, two));  // 2 + f exactly
    const R sh = V::div(f, dh);
    R p1, pe;
    two_prod(sh, dh, p1, pe);
    const R sl = V::div(V::sub(V::sub(V::sub(f, p1), pe), V::mul(sh, dl)), dh);  // s = sh + sl
    const R z = V::mul(sh, sh);
    const R ptail = V::mul(z, TO::horner_d(z, kLogQ));
    R ph, pl;
    TO::two_sum(k(2.0 / 3), ptail, ph, pl);
    pl = V::add(pl, k(0x1p-53 / 3));  // 2/3 - double(2/3)
    R zh, ze, ch, ce, th, te, uh, ue, lh, le;
    two_prod(sh, sh, zh, ze);
    const R zl = V::fma(V::add(sh, sh), sl, ze);  // s^2
    two_prod(zh, sh, ch, ce);
    const R cl = V::add(ce, V::add(V::mul(zl, sh), V::mul(zh, sl)));  // s^3
    two_prod(ch, ph, th, te);
    const R tl = V::add(te, V::add(V::mul(ch, pl), V::mul(cl, ph)));  // s^3 P
    TO::two_sum(V::add(sh, sh), th, uh, ue);
    const R ul = V::add(ue, V::add(V::add(sl, sl), tl));  // log(1 + f)
    TO::two_sum(V::mul(parts.kk, k(C::kLogLn2Hi)), uh, lh, le);
    const R ll = V::add(le, V::fma(parts.kk, k(C::kLogLn2Lo), ul));
    hi = V::add(lh, ll);
    lo = V::sub(ll, V::sub(hi, lh));
  }

  // |y| >= 2^52 is an integer; below, |y| + 2^52 - 2^52 rounds |y| to an integer (double only).
  static M is_int(R y) {
    const R a = V::abs(y), big = k(T(0x1p52));
    return V::mask_or(V::eq(V::sub(V::add(a, big), big), a), V::lt(big, a));
  }

  // pow in double; kDD: log as a double-word (the double result), else a plain log (the float result).
  template <bool kDD>
  static R pow_core(R x, R y) {
    const R one = k(1.0), zero = V::zero();
    const R ax = V::abs(x);
    R lh, ll = zero;
    if constexpr (kDD) {
      log_dd(ax, lh, ll);
      lh = MO::log_special(ax, lh, zero);
      ll = V::select(V::lt(V::abs(lh), k(1e300)), ll, zero);  // 0 where log is +-inf or NaN
    } else {
      lh = MO::log(ax);
    }
    R h, l = zero;
    if constexpr (kDD) {
      R e;
      two_prod(y, lh, h, e);
      l = V::fma(y, ll, e);
      l = V::select(V::lt(V::abs(h), k(1000.0)), l, zero);  // far out of range (also inf, NaN): unused
      l = V::select(V::isnan(l), zero, l);
    } else {
      h = V::mul(y, lh);
    }
    // e^(h + l): MathOps' exp with l added to the reduced argument.
    const R hc = MO::clamp(h, C::kExpLo, C::kExpHi);
    const R n = V::round_int(V::mul(hc, k(C::kLog2e)));
    R r = V::fma(n, k(-C::kLn2Lo), V::fma(n, k(-C::kLn2Hi), hc));
    r = V::add(r, l);
    R res = MO::ldexp(MO::exp_poly(r), n);
    // Signs and special values (C99 Annex F).
    const M yint = is_int(y);
    const M yodd = TO::mand(yint, TO::mnot(is_int(V::mul(y, k(0.5)))));
    const M xneg = V::lt(V::bit_or(one, TO::sign_of(x)), zero);  // sign bit set: -0 and -inf included
    res = V::select(TO::mand(xneg, yodd), V::neg(res), res);
    const M finite_neg = TO::mand(V::lt(x, zero), V::gt(x, k(-std::numeric_limits<double>::infinity())));
    res = V::select(TO::mand(finite_neg, TO::mnot(yint)), k(std::numeric_limits<double>::quiet_NaN()), res);
    const M unit =
        V::mask_or(V::mask_or(V::eq(y, zero), V::eq(x, one)),
                   TO::mand(V::eq(ax, one), V::eq(V::abs(y), k(std::numeric_limits<double>::infinity()))));
    return V::select(unit, one, res);
  }

  static R pow(R x, R y) {
    if constexpr (kScalar) {
      return std::pow(x, y);
    } else if constexpr (std::is_same_v<T, float>) {
      using D = PowOps<double>;
      return V::narrow(D::template pow_core<false>(V::widen_lo(x), V::widen_lo(y)),
                       D::template pow_core<false>(V::widen_hi(x), V::widen_hi(y)));
    } else {
      return pow_core<true>(x, y);
    }
  }
};

template <class T>
struct MathPowOp {
  typename Vec<T>::Reg apply(typename Vec<T>::Reg x, typename Vec<T>::Reg y) const {
    return PowOps<T>::pow(x, y);
  }
};
template <class T>
void math_pow(const T* a, const T* b, T* out, std::size_t n) {
  binary_kernel(a, b, out, n, MathPowOp<T>{});
}

// pow(x, s) and pow(s, y) with a scalar s held in a register.
template <class T>
struct PowScalarExpOp {
  typename Vec<T>::Reg s;
  typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const { return PowOps<T>::pow(x, s); }
};
template <class T>
struct PowScalarBaseOp {
  typename Vec<T>::Reg s;
  typename Vec<T>::Reg apply(typename Vec<T>::Reg y) const { return PowOps<T>::pow(s, y); }
};
template <class T>
struct PowSquareOp {
  typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const { return Vec<T>::mul(x, x); }
};
template <class T>
struct PowSqrtOp {  // pow(-0, 0.5) = +0 and pow(-inf, 0.5) = inf, where sqrt gives -0 and NaN
  typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const {
    using V = Vec<T>;
    const auto ninf = V::eq(x, V::set1(-std::numeric_limits<T>::infinity()));
    return V::select(ninf, V::set1(std::numeric_limits<T>::infinity()), V::sqrt(V::add(x, V::zero())));
  }
};
template <class T>
struct PowRecipOp {
  typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const { return Vec<T>::div(Vec<T>::set1(T(1)), x); }
};
template <class T>
struct PowFillOp {
  typename Vec<T>::Reg apply(typename Vec<T>::Reg /*x*/) const { return Vec<T>::set1(T(1)); }
};
template <class T>
struct PowCopyOp {
  typename Vec<T>::Reg apply(typename Vec<T>::Reg x) const { return x; }
};

template <class T>
void math_pow_scalar(const T* a, T* out, std::size_t n, T s) {
  if (s == T(2)) {
    unary_kernel(a, out, n, PowSquareOp<T>{});
  } else if (s == T(0.5)) {
    unary_kernel(a, out, n, PowSqrtOp<T>{});
  } else if (s == T(-1)) {
    unary_kernel(a, out, n, PowRecipOp<T>{});
  } else if (s == T(1)) {
    unary_kernel(a, out, n, PowCopyOp<T>{});
  } else if (s == T(0)) {
    unary_kernel(a, out, n, PowFillOp<T>{});
  } else {
    unary_kernel(a, out, n, PowScalarExpOp<T>{Vec<T>::set1(s)});
  }
}

template <class T>
void math_scalar_pow(const T* b, T* out, std::size_t n, T s) {
  if (s == T(1)) {
    unary_kernel(b, out, n, PowFillOp<T>{});
  } else {
    unary_kernel(b, out, n, PowScalarBaseOp<T>{Vec<T>::set1(s)});
  }
}

// NOLINTEND(readability-identifier-naming)
