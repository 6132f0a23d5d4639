// Long double references of the activations (PyTorch's definitions, and the limit where PyTorch's formula
// gives inf * 0 or inf / inf), shared by the accuracy and the differential tests.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace trueno_test::act_ref {

using LD = long double;

inline constexpr LD kInf = std::numeric_limits<LD>::infinity();
inline constexpr LD kSeluAlpha = 1.6732632423543772848170429916717L;
inline constexpr LD kSeluScale = 1.0507009873554804934193349852946L;

inline LD erf_ref(LD x) { return std::erf(x); }
inline LD erfc_ref(LD x) { return std::erfc(x); }
// erfc(u + d) = erfc(u) - 2/sqrt(pi) e^(-u^2) d, with u + d = -x/sqrt(2) to twice long double's precision
// (the argument's rounding would cost up to 0.4 double ULP at x = -38).
inline LD gelu_ref(LD x) {
  if (std::isinf(x)) return x > 0 ? x : -0.0L;
  constexpr LD kHi = 7.071067811865475244e-01L, kLo = 8.443621048490392848e-22L;
  const LD u = -x * kHi;
  const LD d = std::fma(-x, kHi, -u) - x * kLo;
  return 0.5L * x * (std::erfc(u) - 1.12837916709551257389615890312154517L * std::exp(-u * u) * d);
}
// v = 2c (x + 0.044715 x^3) in quadruple precision (e^-v magnifies v's error by |v|: a long double v would
// cost up to 1.5 double ULP at x = -20), the constants as long double pairs, then e^-v = e^-vh (1 - vl).
#if defined(__SIZEOF_FLOAT128__) && !defined(__aarch64__)
using Quad = __float128;
#else
using Quad = long double;  // quadruple precision on AArch64
#endif
inline LD gelu_tanh_ref(LD x) {
  if (x == -kInf) return -0.0L;
  if (std::isnan(x) || std::isinf(x)) return x;
  const Quad c = Quad(7.9788456080286535585313623e-01L) + Quad(2.6755888778602391459618e-20L);  // sqrt(2/pi)
  const Quad k = Quad(4.4714999999999999999488257e-02L) + Quad(5.1174342541315809283671e-22L);  // 0.044715
  const Quad q = x;
  const Quad v = 2 * c * (q + k * q * q * q);
  const LD vh = static_cast<LD>(v);
  const LD vl = static_cast<LD>(v - Quad(vh));
  return x / (1 + std::exp(-vh) * (1 - vl));
}
inline LD mish_ref(LD x) { return x == -kInf ? -0.0L : x * std::tanh(std::log1p(std::exp(x))); }
// x - tanh(x) without cancellation: its Taylor series below 0.1.
inline LD tanhshrink_ref(LD x) {
  if (std::fabs(x) >= 0.1L) return x - std::tanh(x);
  const LD z = x * x;
  const LD s =
      1.0L / 3 +
      z * (-2.0L / 15 + z * (17.0L / 315 +
                             z * (-62.0L / 2835 + z * (1382.0L / 155925 + z * (-21844.0L / 6081075 +
                                                                               z * 929569.0L / 638512875)))));
  return x * z * s;
}
inline LD log_sigmoid_ref(LD x) { return std::min(x, 0.0L) - std::log1p(std::exp(-std::fabs(x))); }
inline LD softsign_ref(LD x) { return std::isinf(x) ? std::copysign(1.0L, x) : x / (1 + std::fabs(x)); }
inline LD selu_ref(LD x) { return x > 0 ? kSeluScale * x : kSeluScale * kSeluAlpha * std::expm1(x); }
inline LD elu_ref(LD x, LD alpha) { return x > 0 ? x : alpha * std::expm1(x); }
inline LD celu_ref(LD x, LD alpha) { return x > 0 ? x : alpha * std::expm1(x / alpha); }
inline LD softplus_ref(LD x, LD beta, LD threshold) {
  const LD v = x * beta;
  return v > threshold ? x : (std::max(v, 0.0L) + std::log1p(std::exp(-std::fabs(v)))) / beta;
}
inline LD hard_sigmoid_ref(LD x) { return std::min(std::max(x + 3, 0.0L), 6.0L) / 6; }
inline LD hardswish_ref(LD x) { return x == -kInf ? -0.0L : x * std::min(std::max(x + 3, 0.0L), 6.0L) / 6; }

}  // namespace trueno_test::act_ref
