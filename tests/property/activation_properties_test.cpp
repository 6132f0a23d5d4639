// Properties of the rounding family, the activations and the norms, checked on random inputs with RapidCheck.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <trueno/trueno.hpp>
#include <tuple>
#include <vector>

namespace {

using trueno::Vector;

constexpr std::size_t kMaxLength = 300;

// Finite floats of either sign over many binades (2^-30 .. 2^30), with exact integers and halves mixed in.
rc::Gen<float> finite_float() {
  const auto scaled = rc::gen::map(rc::gen::tuple(rc::gen::inRange<std::int32_t>(0, 1 << 23),
                                                  rc::gen::inRange<int>(-53, 8), rc::gen::arbitrary<bool>()),
                                   [](std::tuple<std::int32_t, int, bool> t) {
                                     const float m =
                                         std::ldexp(static_cast<float>(std::get<0>(t)), std::get<1>(t));
                                     return std::get<2>(t) ? -m : m;
                                   });
  const auto halves = rc::gen::map(rc::gen::inRange<std::int32_t>(-4000, 4000),
                                   [](std::int32_t k) { return static_cast<float>(k) / 2.0F; });
  return rc::gen::weightedOneOf<float>({{4, scaled}, {1, halves}});
}

rc::Gen<Vector<float>> vectors(std::size_t min_size = 0) {
  return rc::gen::map(rc::gen::suchThat(rc::gen::container<std::vector<float>>(finite_float()),
                                        [min_size](const std::vector<float>& v) {
                                          return v.size() >= min_size && v.size() <= kMaxLength;
                                        }),
                      [](const std::vector<float>& v) { return Vector<float>(v.begin(), v.end()); });
}

RC_GTEST_PROP(RoundingProperties, FloorAndCeilBracketXAndAreIntegers, ()) {
  const auto x = *vectors();
  const auto lo = trueno::floor(x), hi = trueno::ceil(x), r = trueno::rint(x), t = trueno::trunc(x);
  for (std::size_t i = 0; i < x.size(); ++i) {
    RC_ASSERT(lo[i] <= x[i]);
    RC_ASSERT(x[i] <= hi[i]);
    RC_ASSERT(hi[i] - lo[i] <= 1.0F);
    RC_ASSERT(std::nearbyint(r[i]) == r[i]);
    RC_ASSERT(std::fabs(r[i] - x[i]) <= 0.5F);
    RC_ASSERT(std::fabs(t[i]) <= std::fabs(x[i]));
    RC_ASSERT(std::trunc(t[i]) == t[i]);
  }
}

RC_GTEST_PROP(RoundingProperties, FractPlusTruncIsXAndRoundIsSymmetric, ()) {
  const auto x = *vectors();
  const auto f = trueno::fract(x), t = trueno::trunc(x);
  const auto r = trueno::round(x), rn = trueno::round(trueno::neg(x));
  for (std::size_t i = 0; i < x.size(); ++i) {
    RC_ASSERT(f[i] + t[i] == x[i]);
    RC_ASSERT(std::fabs(f[i]) < 1.0F);
    RC_ASSERT(rn[i] == -r[i]);  // half away from zero is odd
  }
}

RC_GTEST_PROP(ActivationProperties, ReluIsNonNegativeAndIdempotent, ()) {
  const auto x = *vectors();
  const auto y = trueno::relu(x);
  RC_ASSERT(trueno::relu(y) == y);
  const auto y6 = trueno::relu6(x);
  for (std::size_t i = 0; i < x.size(); ++i) {
    RC_ASSERT(y[i] >= 0.0F);
    RC_ASSERT(y[i] == (x[i] > 0 ? x[i] : 0.0F));
    RC_ASSERT(y6[i] >= 0.0F);
    RC_ASSERT(y6[i] <= 6.0F);
  }
}

// Sigmoid-like outputs stay in their ranges; gelu and mish never exceed x for x > 0 and stay above their
// minima.
RC_GTEST_PROP(ActivationProperties, OutputsStayInTheirRanges, ()) {
  const auto x = *vectors();
  const auto hs = trueno::hard_sigmoid(x), ss = trueno::softsign(x), ls = trueno::log_sigmoid(x);
  const auto g = trueno::gelu(x), m = trueno::mish(x), sp = trueno::softplus(x), e = trueno::elu(x);
  for (std::size_t i = 0; i < x.size(); ++i) {
    RC_ASSERT(hs[i] >= 0.0F && hs[i] <= 1.0F);
    RC_ASSERT(ss[i] >= -1.0F && ss[i] <= 1.0F);
    RC_ASSERT(ls[i] <= 0.0F);
    RC_ASSERT(sp[i] >= 0.0F);
    RC_ASSERT(sp[i] >= x[i]);  // softplus(x) >= max(x, 0)
    RC_ASSERT(e[i] >= -1.0F);
    RC_ASSERT(g[i] >= -0.17F);  // gelu's minimum is -0.16997
    RC_ASSERT(m[i] >= -0.31F);  // mish's minimum is -0.30884
    if (x[i] > 0) {
      RC_ASSERT(g[i] <= x[i]);
      RC_ASSERT(m[i] <= x[i]);
    }
  }
}

RC_GTEST_PROP(ActivationProperties, LogSigmoidIsMinusSoftplusOfMinusX, ()) {
  const auto x = *vectors();
  const auto a = trueno::log_sigmoid(x);
  const auto b = trueno::softplus(trueno::neg(x), 1.0F, std::numeric_limits<float>::infinity());
  for (std::size_t i = 0; i < x.size(); ++i) RC_ASSERT(a[i] == -b[i]);
}

RC_GTEST_PROP(NormProperties, LayerNormHasMeanZeroAndVarianceOne, ()) {
  auto x = *vectors(2);
  // Keep the spread well above eps and the values within a few binades, so that the statistics are
  // meaningful.
  for (auto& v : x) v = std::fmod(v, 1000.0F);
  x[0] = 1.0F;
  x[1] = -1.0F;
  const auto y = trueno::layer_norm(x, 0.0F);
  double s = 0, ss = 0;
  for (float v : y) s += v;
  const double mean = s / static_cast<double>(y.size());
  for (float v : y) ss += (v - mean) * (v - mean);
  RC_ASSERT(std::fabs(mean) < 1e-4);
  RC_ASSERT(std::fabs(ss / static_cast<double>(y.size()) - 1.0) < 1e-4);
}

RC_GTEST_PROP(NormProperties, RmsNormHasUnitRootMeanSquare, ()) {
  auto x = *vectors(1);
  for (auto& v : x) v = std::fmod(v, 1000.0F);
  x[0] = 1.0F;
  const auto y = trueno::rms_norm(x, 0.0F);
  double ss = 0;
  for (float v : y) ss += static_cast<double>(v) * v;
  RC_ASSERT(std::fabs(ss / static_cast<double>(y.size()) - 1.0) < 1e-4);
}

}  // namespace
