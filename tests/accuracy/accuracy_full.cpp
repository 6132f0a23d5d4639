// trueno — `make accuracy-full`: the exhaustive float accuracy sweep of issue 3 (not part of `make test`).
//
// Every float math function that trueno has, on every backend this CPU runs, over all 2^32 float bit patterns
// (NaNs, infinities and denormals included), against a reference in double; binary functions (pow, atan2,
// hypot, copysign, and pow with a scalar exponent) over ACCURACY_PAIRS random pairs instead. Prints and
// writes (to the path given as the first argument, default build/accuracy/accuracy.md) per function and
// backend the largest error in ULP, the argument where it occurs, and how many results exceed the issue's
// bound: 2 ULP for the elementary functions, 4 for pow, atan2 and the inverse trig and inverse hyperbolic
// functions, 3 for the activations, 0 (exact) for the rounding functions.
//
// Why a double reference is enough: the reference functions are glibc's double functions (at most a few
// double ULP = a few 2^-29 float ULP off), evaluated at the float argument (exact in double), and the
// formulas below avoid cancellation (series for tanhshrink near 0, gelu's tanh form as a sigmoid), so the
// reference is within 1e-6 float ULP of the exact value, far below the resolution of the reported bounds.
//
// A NaN must match a NaN, an infinity the same infinity where the rounded reference is one; either mismatch
// counts as an infinite error. Signs of zero are not compared. At +-inf the references take the mathematical
// limit (gelu(-inf) = mish(-inf) = silu(-inf) = hardswish(-inf) = -0, softsign(+-inf) = +-1).
//
// Environment: ACCURACY_STEP=k tests every k-th bit pattern (plus the special values) for a quick run;
// ACCURACY_PAIRS (default 2^28); ACCURACY_THREADS (default: all hardware threads); ACCURACY_FUNCS=exp,sin
// and ACCURACY_BACKENDS=avx512,scalar select subsets.
//
// Registering a function is one line in unary_cases() or binary_cases(): its name, bound, reference and call;
// a line whose function trueno does not have yet is skipped (tests/common/optional_call.hpp).
#include <algorithm>
#include <barrier>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <numbers>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <vector>

#include "common/optional_call.hpp"

namespace {

using trueno_test::kTanh;
using trueno_test::Overloaded;
using trueno_test::Priority;
using trueno_test::Top;
using Vec = trueno::Vector<float>;

constexpr double kInf = std::numeric_limits<double>::infinity();

// --- references (double)
// -------------------------------------------------------------------------------------
double ref_sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double ref_silu(double x) { return std::isinf(x) && x < 0 ? -0.0 : x / (1.0 + std::exp(-x)); }
double ref_softplus(double x) { return x > 20.0 ? x : std::log1p(std::exp(x)); }
double ref_log_sigmoid(double x) { return x < 0 ? x - std::log1p(std::exp(x)) : -std::log1p(std::exp(-x)); }
double ref_mish(double x) { return std::isinf(x) && x < 0 ? -0.0 : x * std::tanh(std::log1p(std::exp(x))); }
double ref_gelu(double x) {
  return std::isinf(x) && x < 0 ? -0.0 : 0.5 * x * std::erfc(-x * std::numbers::sqrt2 / 2);
}
// 0.5 x (1 + tanh(u)) = x / (1 + e^(-2u)), u = sqrt(2/pi) (x + 0.044715 x^3): no cancellation for x < 0.
double ref_gelu_tanh(double x) {
  if (std::isinf(x) && x < 0) return -0.0;
  const double u = std::sqrt(2.0 / std::numbers::pi) * (x + 0.044715 * x * x * x);
  return x / (1.0 + std::exp(-2.0 * u));
}
double ref_relu(double x) { return std::isnan(x) ? x : (x > 0 ? x : 0.0); }
double ref_relu6(double x) { return std::isnan(x) ? x : std::min(std::max(x, 0.0), 6.0); }
double ref_hard_sigmoid(double x) { return std::isnan(x) ? x : std::min(std::max(x + 3.0, 0.0), 6.0) / 6.0; }
double ref_hardswish(double x) {
  if (std::isnan(x) || x >= 3.0) return x;
  return x <= -3.0 ? -0.0 : x * (x + 3.0) / 6.0;  // -0 down to -inf, the limit
}
double ref_leaky_relu(double x) { return x > 0 ? x : static_cast<double>(0.01F) * x; }
double ref_elu(double x) { return x > 0 ? x : std::expm1(x); }  // alpha = 1 (celu(1) is the same)
double ref_selu(double x) {
  constexpr double kAlpha = 1.6732632423543772848170429916717;
  constexpr double kScale = 1.0507009873554804934193349852946;
  return kScale * (x > 0 ? x : kAlpha * std::expm1(x));
}
double ref_softsign(double x) { return std::isinf(x) ? std::copysign(1.0, x) : x / (1.0 + std::fabs(x)); }
// x - tanh(x); its Taylor series below 0.1, where the subtraction would cancel.
double ref_tanhshrink(double x) {
  if (std::fabs(x) >= 0.1) return x - std::tanh(x);
  const double x2 = x * x;
  return x * x2 *
         (1.0 / 3 +
          x2 * (-2.0 / 15 + x2 * (17.0 / 315 +
                                  x2 * (-62.0 / 2835 + x2 * (1382.0 / 155925 + x2 * (-21844.0 / 6081075))))));
}
double ref_sign(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : x); }
double ref_fract(double x) { return x - std::trunc(x); }
double ref_rsqrt(double x) { return 1.0 / std::sqrt(x); }

// --- the tables: one line per function
// -------------------------------------------------------------------------
struct UnaryCase {
  const char* name;
  double bound;
  double (*ref)(double);
  void (*call)(const Vec& a, Vec& o);  // null: trueno lacks the function
};

enum class Sampler { pow, pow_scalar, wide, bits };

struct BinaryCase {
  const char* name;
  double bound;
  double (*ref)(double, double);
  Sampler sampler;
  void (*call)(const Vec& a, const Vec& b, Vec& o);
};

template <class F>
UnaryCase unary(const char* name, double bound, double (*ref)(double), F /*call*/) {
  UnaryCase c{name, bound, ref, nullptr};
  if constexpr (std::is_invocable_v<F, Top, const Vec&, Vec&>) {
    c.call = [](const Vec& a, Vec& o) { F{}(Top{}, a, o); };
  }
  return c;
}
template <class F>
BinaryCase binary(const char* name, double bound, double (*ref)(double, double), Sampler s, F /*call*/) {
  BinaryCase c{name, bound, ref, s, nullptr};
  if constexpr (std::is_invocable_v<F, Top, const Vec&, const Vec&, Vec&>) {
    c.call = [](const Vec& a, const Vec& b, Vec& o) { F{}(Top{}, a, b, o); };
  }
  return c;
}

// ACC_UNARY(fn, bound, ref): fn(a, o).
#define ACC_UNARY(fn, bound, ...) \
  unary(#fn, bound, __VA_ARGS__, [](Top, const auto& a, auto& o) -> decltype(void(fn(a, o))) { fn(a, o); })
// ACC_UNARY_P(label, fn, (params), bound, ref): fn(a, params, o), else fn(a, o, params).
#define ACC_UNARY_P(label, fn, params, bound, ...)                                                          \
  unary(                                                                                                    \
      label, bound, __VA_ARGS__,                                                                            \
      Overloaded{                                                                                           \
          [](Priority<3>, const auto& a, auto& o) -> decltype(void(fn(a, TRUENO_TEST_UNPAREN params, o))) { \
            fn(a, TRUENO_TEST_UNPAREN params, o);                                                           \
          },                                                                                                \
          [](Priority<2>, const auto& a, auto& o) -> decltype(void(fn(a, o, TRUENO_TEST_UNPAREN params))) { \
            fn(a, o, TRUENO_TEST_UNPAREN params);                                                           \
          }})
// The same, else fn(a, o) (the parameters given are the defaults, PyTorch's).
#define ACC_UNARY_PD(label, fn, params, bound, ...)                                                         \
  unary(                                                                                                    \
      label, bound, __VA_ARGS__,                                                                            \
      Overloaded{                                                                                           \
          [](Priority<3>, const auto& a, auto& o) -> decltype(void(fn(a, TRUENO_TEST_UNPAREN params, o))) { \
            fn(a, TRUENO_TEST_UNPAREN params, o);                                                           \
          },                                                                                                \
          [](Priority<2>, const auto& a, auto& o) -> decltype(void(fn(a, o, TRUENO_TEST_UNPAREN params))) { \
            fn(a, o, TRUENO_TEST_UNPAREN params);                                                           \
          },                                                                                                \
          [](Priority<1>, const auto& a, auto& o) -> decltype(void(fn(a, o))) { fn(a, o); }})
// ACC_BINARY(fn, bound, sampler, ref): fn(a, b, o).
#define ACC_BINARY(fn, bound, sampler, ...) \
  binary(#fn, bound, __VA_ARGS__, sampler,  \
         [](Top, const auto& a, const auto& b, auto& o) -> decltype(void(fn(a, b, o))) { fn(a, b, o); })

std::vector<UnaryCase> unary_cases() {
  return {
      ACC_UNARY(exp, 2, [](double x) { return std::exp(x); }),
      ACC_UNARY(exp2, 2, [](double x) { return std::exp2(x); }),
      ACC_UNARY(expm1, 2, [](double x) { return std::expm1(x); }),
      ACC_UNARY(log, 2, [](double x) { return std::log(x); }),
      ACC_UNARY(log2, 2, [](double x) { return std::log2(x); }),
      ACC_UNARY(log10, 2, [](double x) { return std::log10(x); }),
      ACC_UNARY(log1p, 2, [](double x) { return std::log1p(x); }),
      ACC_UNARY(cbrt, 2, [](double x) { return std::cbrt(x); }),
      ACC_UNARY(rsqrt, 2, ref_rsqrt),
      ACC_UNARY(sin, 2, [](double x) { return std::sin(x); }),
      ACC_UNARY(cos, 2, [](double x) { return std::cos(x); }),
      ACC_UNARY(tan, 2, [](double x) { return std::tan(x); }),
      ACC_UNARY(asin, 4, [](double x) { return std::asin(x); }),
      ACC_UNARY(acos, 4, [](double x) { return std::acos(x); }),
      ACC_UNARY(atan, 4, [](double x) { return std::atan(x); }),
      ACC_UNARY(sinh, 2, [](double x) { return std::sinh(x); }),
      ACC_UNARY(cosh, 2, [](double x) { return std::cosh(x); }),
      ACC_UNARY(tanh, 2, [](double x) { return std::tanh(x); }),
      ACC_UNARY(asinh, 4, [](double x) { return std::asinh(x); }),
      ACC_UNARY(acosh, 4, [](double x) { return std::acosh(x); }),
      ACC_UNARY(atanh, 4, [](double x) { return std::atanh(x); }),
      ACC_UNARY(erf, 2, [](double x) { return std::erf(x); }),
      ACC_UNARY(erfc, 2, [](double x) { return std::erfc(x); }),
      ACC_UNARY(floor, 0, [](double x) { return std::floor(x); }),
      ACC_UNARY(ceil, 0, [](double x) { return std::ceil(x); }),
      ACC_UNARY(round, 0, [](double x) { return std::round(x); }),
      ACC_UNARY(rint, 0, [](double x) { return std::nearbyint(x); }),
      ACC_UNARY(trunc, 0, [](double x) { return std::trunc(x); }),
      ACC_UNARY(fract, 0, ref_fract),
      ACC_UNARY(sign, 0, ref_sign),
      ACC_UNARY(relu, 0, ref_relu),
      ACC_UNARY(relu6, 0, ref_relu6),
      ACC_UNARY_PD("leaky_relu", leaky_relu, (0.01F), 3, ref_leaky_relu),
      ACC_UNARY_PD("elu", elu, (1.0F), 3, ref_elu),
      ACC_UNARY(selu, 3, ref_selu),
      ACC_UNARY_PD("celu", celu, (1.0F), 3, ref_elu),
      ACC_UNARY(gelu, 3, ref_gelu),
      ACC_UNARY_P("gelu_tanh", gelu, (kTanh), 3, ref_gelu_tanh),
      ACC_UNARY(sigmoid, 3, ref_sigmoid),
      ACC_UNARY(hard_sigmoid, 3, ref_hard_sigmoid),
      ACC_UNARY(silu, 3, ref_silu),
      ACC_UNARY(hardswish, 3, ref_hardswish),
      ACC_UNARY(mish, 3, ref_mish),
      ACC_UNARY_PD("softplus", softplus, (1.0F, 20.0F), 3, ref_softplus),
      ACC_UNARY(softsign, 3, ref_softsign),
      ACC_UNARY(tanhshrink, 3, ref_tanhshrink),
      ACC_UNARY(log_sigmoid, 3, ref_log_sigmoid),
  };
}

std::vector<BinaryCase> binary_cases() {
  return {
      ACC_BINARY(pow, 4, Sampler::pow, [](double x, double y) { return std::pow(x, y); }),
      // pow(vector, scalar): the exponent is b[0], one per batch.
      binary(
          "pow_scalar", 4, [](double x, double y) { return std::pow(x, y); }, Sampler::pow_scalar,
          [](Top, const auto& a, const auto& b, auto& o) -> decltype(void(pow(a, b[0], o))) {
            pow(a, b[0], o);
          }),
      ACC_BINARY(atan2, 4, Sampler::wide, [](double y, double x) { return std::atan2(y, x); }),
      ACC_BINARY(hypot, 2, Sampler::wide, [](double x, double y) { return std::hypot(x, y); }),
      ACC_BINARY(copysign, 0, Sampler::bits, [](double x, double y) { return std::copysign(x, y); }),
  };
}

#undef ACC_UNARY
#undef ACC_UNARY_P
#undef ACC_UNARY_PD
#undef ACC_BINARY

// --- error measure
// --------------------------------------------------------------------------------------------
float round_to_float(double ref) {
  // Halfway between FLT_MAX and 2^128: from there on, round-to-nearest gives infinity.
  constexpr double kOverflow = 0x1.ffffffp127;
  if (std::fabs(ref) >= kOverflow)
    return std::copysign(std::numeric_limits<float>::infinity(), static_cast<float>(ref));
  return static_cast<float>(ref);
}

// |got - ref| in units of the float spacing at |ref| (the denormal spacing below the normal range).
double ulp_error(float got, double ref) {
  if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0.0 : kInf;
  const float rounded = round_to_float(ref);
  if (std::isinf(rounded) || std::isinf(got)) return got == rounded ? 0.0 : kInf;
  std::uint64_t bits = 0;
  const double mag = std::fabs(ref);
  std::memcpy(&bits, &mag, sizeof bits);
  const int e = std::max(static_cast<int>(bits >> 52U) - 1023, -126);  // floor(log2 |ref|), at least -126
  const auto ulp_bits = static_cast<std::uint64_t>(e - 23 + 1023) << 52U;
  double ulp = 0;
  std::memcpy(&ulp, &ulp_bits, sizeof ulp);
  return std::fabs(static_cast<double>(got) - ref) / ulp;
}

bool same_bits(float a, float b) {
  std::uint32_t ua = 0, ub = 0;
  std::memcpy(&ua, &a, sizeof ua);
  std::memcpy(&ub, &b, sizeof ub);
  return ua == ub;
}

struct Stats {
  double max_ulp = -1;
  float x = 0, y = 0, got = 0;
  double ref = 0;
  std::uint64_t over = 0, points = 0;

  void add(double err, double bound, float xv, float yv, float g, double r) {
    if (err > bound) ++over;
    if (err > max_ulp) {
      max_ulp = err;
      x = xv;
      y = yv;
      got = g;
      ref = r;
    }
  }
  void merge(const Stats& s) {
    points += s.points;
    over += s.over;
    if (s.max_ulp > max_ulp) {
      max_ulp = s.max_ulp;
      x = s.x;
      y = s.y;
      got = s.got;
      ref = s.ref;
    }
  }
};

// --- inputs
// ---------------------------------------------------------------------------------------------------
std::uint64_t splitmix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31U);
}
float from_bits(std::uint32_t b) {
  float f = 0;
  std::memcpy(&f, &b, sizeof f);
  return f;
}
double unit(std::uint64_t h) { return static_cast<double>(h >> 11U) * 0x1p-53; }

// +-2^e with e uniform in [-lim, lim], mantissa uniform.
float wide(std::uint64_t h, double lim) {
  const double v = std::exp2((unit(h) * 2 - 1) * lim) * (1 + unit(splitmix64(h)));
  return static_cast<float>((h & 1U) != 0U ? -v : v);
}

// The pair for point p (binary sweeps): a quarter of the operands are arbitrary bit patterns.
std::pair<float, float> sample_pair(Sampler s, std::uint64_t p, std::uint64_t batch) {
  const std::uint64_t h1 = splitmix64(2 * p), h2 = splitmix64(2 * p + 1);
  const auto bits1 = static_cast<std::uint32_t>(h1 >> 32U), bits2 = static_cast<std::uint32_t>(h2 >> 32U);
  const bool raw1 = (h1 & 6U) == 0U, raw2 = (h2 & 6U) == 0U;
  switch (s) {
    case Sampler::bits:
      return {from_bits(bits1), from_bits(bits2)};
    case Sampler::wide:
      return {raw1 ? from_bits(bits1) : wide(h1, 40), raw2 ? from_bits(bits2) : wide(h2, 40)};
    case Sampler::pow:
    case Sampler::pow_scalar: {
      // x: mostly positive, 2^[-20, 20]; y: integers in [-40, 40] a quarter of the time, else [-30, 30].
      float x = raw1 ? from_bits(bits1) : std::fabs(wide(h1, 20));
      if ((h1 & 0x38U) == 0U) x = -x;
      const std::uint64_t hy = s == Sampler::pow_scalar ? splitmix64(batch * 7919U) : h2;
      const bool raw_y = s == Sampler::pow ? raw2 : (hy & 6U) == 0U;
      float y = raw_y ? from_bits(static_cast<std::uint32_t>(hy >> 32U))
                      : static_cast<float>(unit(splitmix64(hy)) * 60 - 30);
      if ((hy & 0x18U) == 0U) y = std::round(y * 4 / 3);
      return {x, y};
    }
  }
  return {0, 0};
}

std::vector<float> special_values() {
  using L = std::numeric_limits<float>;
  std::vector<float> v = {0.0F,
                          -0.0F,
                          1.0F,
                          -1.0F,
                          0.5F,
                          -0.5F,
                          2.0F,
                          L::infinity(),
                          -L::infinity(),
                          L::quiet_NaN(),
                          L::max(),
                          L::lowest(),
                          L::min(),
                          -L::min(),
                          L::denorm_min(),
                          -L::denorm_min(),
                          L::epsilon(),
                          20.0F,
                          -20.0F,
                          88.72283935546875F,
                          -87.3365478515625F,
                          1e30F,
                          -1e30F,
                          1e5F,
                          -1e5F,
                          3.14159265F,
                          -3.14159265F};
  for (int e = -30; e <= 30; ++e) v.push_back(std::ldexp(1.0F, e));
  return v;
}

// --- the sweep
// --------------------------------------------------------------------------------------------------
struct Config {
  std::uint64_t step = 1, pairs = std::uint64_t{1} << 28;
  unsigned threads = 1;
  std::vector<trueno::Backend> backends;
  std::vector<std::string> only;
};

constexpr std::size_t kBatch = std::size_t{1} << 20;

// Runs `points` points through every backend. fill(p0, count, x, y, ref) writes the inputs and references of
// points [p0, p0 + count); call(x, y, out) runs trueno. Threads take batches in turn; the backend changes
// only when every thread waits at the barrier (trueno::set_backend is process-wide).
template <class Fill, class Call>
std::vector<Stats> sweep(const Config& cfg, std::uint64_t points, double bound, Fill fill, Call call) {
  const std::size_t nb = cfg.backends.size();
  const unsigned nt = cfg.threads;
  std::vector<std::vector<Stats>> per_thread(nt, std::vector<Stats>(nb));
  std::size_t phase = 0;
  auto next_backend = [&]() noexcept {
    try {
      trueno::set_backend(cfg.backends[phase % nb]);  // validated by read_config(): does not throw
    } catch (...) {
      std::abort();
    }
    ++phase;
  };
  std::barrier sync(static_cast<std::ptrdiff_t>(nt), next_backend);
  const std::uint64_t rounds = (points + kBatch * nt - 1) / (kBatch * nt);
  auto worker = [&](unsigned t) {
    Vec x(kBatch, 0.0F), y(kBatch, 0.0F), out(kBatch, 0.0F);
    std::vector<double> ref(kBatch);
    std::vector<float> rounded(kBatch);
    for (std::uint64_t r = 0; r < rounds; ++r) {
      const std::uint64_t p0 = (r * nt + t) * kBatch;
      const std::size_t count =
          p0 >= points ? 0 : static_cast<std::size_t>(std::min<std::uint64_t>(kBatch, points - p0));
      if (count > 0) {
        fill(p0, count, x, y, ref);
        for (std::size_t i = 0; i < count; ++i) rounded[i] = round_to_float(ref[i]);
      }
      for (std::size_t b = 0; b < nb; ++b) {
        sync.arrive_and_wait();
        if (count == 0) continue;
        call(x, y, out);
        Stats& st = per_thread[t][b];
        st.points += count;
        for (std::size_t i = 0; i < count; ++i) {
          // Fast path: a correctly rounded result is at most 0.5 ULP off, which only matters while the
          // largest error seen is below that.
          if (same_bits(out[i], rounded[i]) && st.max_ulp >= 0.5) continue;
          st.add(ulp_error(out[i], ref[i]), bound, x[i], y[i], out[i], ref[i]);
        }
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(nt);
  for (unsigned t = 0; t < nt; ++t) pool.emplace_back(worker, t);
  for (auto& th : pool) th.join();
  std::vector<Stats> total(nb);
  for (const auto& ts : per_thread) {
    for (std::size_t b = 0; b < nb; ++b) total[b].merge(ts[b]);
  }
  return total;
}

std::vector<Stats> sweep_unary(const Config& cfg, const UnaryCase& c) {
  const std::vector<float> specials = special_values();
  const std::uint64_t patterns = ((std::uint64_t{1} << 32U) + cfg.step - 1) / cfg.step;
  const std::uint64_t points = patterns + (cfg.step > 1 ? specials.size() : 0);
  auto fill = [&](std::uint64_t p0, std::size_t count, Vec& x, Vec& /*y*/, std::vector<double>& ref) {
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint64_t p = p0 + i;
      x[i] = p < patterns ? from_bits(static_cast<std::uint32_t>(p * cfg.step)) : specials[p - patterns];
      ref[i] = c.ref(static_cast<double>(x[i]));
    }
  };
  auto call = [&](const Vec& x, const Vec& /*y*/, Vec& out) { c.call(x, out); };
  return sweep(cfg, points, c.bound, fill, call);
}

std::vector<Stats> sweep_binary(const Config& cfg, const BinaryCase& c) {
  auto fill = [&](std::uint64_t p0, std::size_t count, Vec& x, Vec& y, std::vector<double>& ref) {
    for (std::size_t i = 0; i < count; ++i) {
      const auto [a, b] = sample_pair(c.sampler, p0 + i, p0 / kBatch);
      x[i] = a;
      y[i] = b;
      ref[i] = c.ref(static_cast<double>(a), static_cast<double>(b));
    }
  };
  auto call = [&](const Vec& x, const Vec& y, Vec& out) { c.call(x, y, out); };
  return sweep(cfg, cfg.pairs, c.bound, fill, call);
}

// --- configuration and report
// -------------------------------------------------------------------------------------
std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (const char ch : s) {
    if (ch == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

const char* env(const char* name) {
  return std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read in main before any thread starts
}

Config read_config() {
  Config cfg;
  if (const char* s = env("ACCURACY_STEP"))
    cfg.step = std::max<std::uint64_t>(1, std::strtoull(s, nullptr, 10));
  if (const char* s = env("ACCURACY_PAIRS"))
    cfg.pairs = std::max<std::uint64_t>(1, std::strtoull(s, nullptr, 10));
  cfg.threads = std::max(1U, std::thread::hardware_concurrency());
  if (const char* s = env("ACCURACY_THREADS"))
    cfg.threads = static_cast<unsigned>(std::max(1UL, std::strtoul(s, nullptr, 10)));
  if (const char* s = env("ACCURACY_FUNCS")) cfg.only = split(s);
  std::vector<std::string> wanted;
  if (const char* s = env("ACCURACY_BACKENDS")) wanted = split(s);
  for (const trueno::Backend b : {trueno::Backend::scalar, trueno::Backend::sse2, trueno::Backend::avx2,
                                  trueno::Backend::avx512, trueno::Backend::neon}) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), trueno::to_string(b)) == wanted.end())
      continue;
    try {
      trueno::set_backend(b);
      cfg.backends.push_back(b);
    } catch (const trueno::backend_error&) {
      // not on this CPU
    }
  }
  return cfg;
}

bool selected(const Config& cfg, const char* name) {
  return cfg.only.empty() || std::find(cfg.only.begin(), cfg.only.end(), name) != cfg.only.end();
}

std::string fmt_float(float v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v));
  return buf;
}
std::string fmt_ulp(double u) {
  if (std::isinf(u)) return "inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", u);
  return buf;
}

struct Row {
  std::string name, backend, points, max_ulp, where, got, ref;
  double bound;
  std::uint64_t over;
};

Row make_row(const char* name, double bound, trueno::Backend b, const Stats& s, bool binary) {
  Row r;
  r.name = name;
  r.bound = bound;
  r.backend = std::string(trueno::to_string(b));
  r.points = std::to_string(s.points);
  r.max_ulp = fmt_ulp(s.max_ulp);
  r.where = binary ? "(" + fmt_float(s.x) + ", " + fmt_float(s.y) + ")" : fmt_float(s.x);
  r.got = fmt_float(s.got);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", s.ref);
  r.ref = buf;
  r.over = s.over;
  return r;
}

int run(int argc, char** argv) {
  const std::filesystem::path out_path = argc > 1 ? argv[1] : "build/accuracy/accuracy.md";
  trueno::set_num_threads(1);  // parallelism comes from the sweep's own threads
  const Config cfg = read_config();
  const auto started = std::chrono::steady_clock::now();
  std::vector<Row> rows;
  std::vector<std::string> missing;
  std::string backends;
  for (const auto b : cfg.backends)
    backends += std::string(backends.empty() ? "" : ", ") + std::string(trueno::to_string(b));
  std::cout << "accuracy-full: backends " << backends << "; " << cfg.threads
            << (cfg.threads == 1 ? " thread" : " threads") << "; every " << cfg.step
            << (cfg.step == 1 ? "st" : "th") << " float bit pattern; " << cfg.pairs
            << " pairs for binary functions\n"
            << std::flush;

  auto report = [&](const char* name, double bound, const std::vector<Stats>& stats, bool binary,
                    std::chrono::steady_clock::time_point t0) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    for (std::size_t i = 0; i < stats.size(); ++i) {
      Row r = make_row(name, bound, cfg.backends[i], stats[i], binary);
      std::cout << "  " << r.name << " [" << r.backend << "]: max " << r.max_ulp << " ULP at " << r.where
                << " (got " << r.got << ", reference " << r.ref << "); " << r.over << " of " << r.points
                << " above " << bound << " ULP\n";
      rows.push_back(std::move(r));
    }
    std::cout << "  (" << name << ": " << secs << " s)\n" << std::flush;
  };
  for (const UnaryCase& c : unary_cases()) {
    if (!selected(cfg, c.name)) continue;
    if (c.call == nullptr) {
      missing.emplace_back(c.name);
      continue;
    }
    const auto t0 = std::chrono::steady_clock::now();
    report(c.name, c.bound, sweep_unary(cfg, c), false, t0);
  }
  for (const BinaryCase& c : binary_cases()) {
    if (!selected(cfg, c.name)) continue;
    if (c.call == nullptr) {
      missing.emplace_back(c.name);
      continue;
    }
    const auto t0 = std::chrono::steady_clock::now();
    report(c.name, c.bound, sweep_binary(cfg, c), true, t0);
  }
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::ostringstream md;
  md << "<!-- generated by tests/accuracy/accuracy_full.cpp (make accuracy-full) -->\n\n"
     << "- Backends: " << backends << "; " << cfg.threads << (cfg.threads == 1 ? " thread" : " threads")
     << "; " << total << " s\n"
     << "- Unary functions: "
     << (cfg.step == 1 ? std::string("all 2^32 float bit patterns")
                       : "every " + std::to_string(cfg.step) +
                             "th float bit pattern plus special values (ACCURACY_STEP)")
     << "; binary functions: " << cfg.pairs << " random pairs\n"
     << "- Reference: glibc's double functions at the float argument; error in ULP of float at the "
        "reference; a "
        "NaN or infinity mismatch counts as inf\n";
  if (!missing.empty()) {
    md << "- Not in trueno yet (skipped):";
    for (const auto& m : missing) md << ' ' << m;
    md << '\n';
  }
  md << "\n| function | bound (ULP) | backend | points | max ULP | at x | trueno | reference | above bound "
        "|\n"
     << "|---|---:|---|---:|---:|---:|---:|---:|---:|\n";
  std::uint64_t failing = 0;
  for (const Row& r : rows) {
    md << "| " << r.name << " | " << r.bound << " | " << r.backend << " | " << r.points << " | " << r.max_ulp
       << " | " << r.where << " | " << r.got << " | " << r.ref << " | " << r.over << " |\n";
    if (r.over > 0) ++failing;
  }
  md << "\n" << failing << " of " << rows.size() << " function/backend pairs exceed their bound.\n";
  std::filesystem::create_directories(out_path.parent_path().empty() ? "." : out_path.parent_path());
  std::ofstream(out_path) << md.str();
  std::cout << "accuracy-full: " << failing << " of " << rows.size()
            << " function/backend pairs exceed their bound; " << total << " s; wrote " << out_path.string()
            << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "accuracy-full: " << e.what() << '\n';
    return 1;
  }
}
