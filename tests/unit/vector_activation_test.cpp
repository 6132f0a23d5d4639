// erf, the rounding family, the activations and layer_norm / rms_norm on Vector: special values, PyTorch's
// defaults and semantics, NumPy's sign, errors. Every test runs on every backend this CPU supports.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <trueno/trueno.hpp>
#include <vector>

#include "common/backends.hpp"

namespace {

using trueno::Vector;
using trueno_test::expect_error;
using trueno_test::for_each_backend;

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Equal values with equal sign bits (so -0 and +0 differ); NaN equals NaN.
void expect_same(const Vector<float>& got, const std::vector<float>& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(got[i])) << what << "[" << i << "] = " << got[i];
    } else {
      EXPECT_EQ(got[i], want[i]) << what << "[" << i << "]";
      EXPECT_EQ(std::signbit(got[i]), std::signbit(want[i])) << what << "[" << i << "] sign of " << got[i];
    }
  }
}

const Vector<float> kRoundInputs{-2.5F, -1.5F, -0.5F,      -0.0F, 0.0F,  0.3F, 0.5F, 1.5F,
                                 2.5F,  -0.7F, 8388607.5F, 1e30F, -kInf, kInf, kNaN};

TEST(Rounding, FloorCeilTruncKeepSignedZerosAndNonFinite) {
  for_each_backend([] {
    expect_same(trueno::floor(kRoundInputs),
                {-3, -2, -1, -0.0F, 0, 0, 0, 1, 2, -1, 8388607, 1e30F, -kInf, kInf, kNaN}, "floor");
    expect_same(trueno::ceil(kRoundInputs),
                {-2, -1, -0.0F, -0.0F, 0, 1, 1, 2, 3, -0.0F, 8388608, 1e30F, -kInf, kInf, kNaN}, "ceil");
    expect_same(trueno::trunc(kRoundInputs),
                {-2, -1, -0.0F, -0.0F, 0, 0, 0, 1, 2, -0.0F, 8388607, 1e30F, -kInf, kInf, kNaN}, "trunc");
  });
}

TEST(Rounding, RoundIsHalfAwayFromZeroAndRintHalfToEven) {
  for_each_backend([] {
    expect_same(trueno::round(kRoundInputs),
                {-3, -2, -1, -0.0F, 0, 0, 1, 2, 3, -1, 8388608, 1e30F, -kInf, kInf, kNaN}, "round");
    expect_same(trueno::rint(kRoundInputs),
                {-2, -2, -0.0F, -0.0F, 0, 0, 0, 2, 2, -1, 8388608, 1e30F, -kInf, kInf, kNaN}, "rint");
    // The largest float below 0.5 must not round up (0.49999997 + 0.5 rounds to 1 in float).
    expect_same(trueno::round(Vector<float>{0.49999997F, -0.49999997F}), {0, -0.0F}, "round near 1/2");
  });
}

TEST(Rounding, FractIsXMinusTrunc) {
  for_each_backend([] {
    expect_same(trueno::fract(Vector<float>{-2.5F, 2.25F, -0.0F, -3.0F, 1e30F, kInf, kNaN}),
                {-0.5F, 0.25F, 0, 0, 0, kNaN, kNaN}, "fract");
  });
}

TEST(Rounding, SignFollowsNumPy) {
  for_each_backend([] {
    expect_same(trueno::sign(Vector<float>{-3, -0.0F, 0, 2, -kInf, kInf, kNaN, 1e-45F}),
                {-1, 0, 0, 1, -1, 1, kNaN, 1}, "sign");
  });
}

TEST(Rounding, CopysignTakesTheSignBitOfTheSecondOperand) {
  for_each_backend([] {
    expect_same(trueno::copysign(Vector<float>{1, -2, 3, kInf, 0}, Vector<float>{-0.0F, 5, -kNaN, -1, -7}),
                {-1, 2, -3, -kInf, -0.0F}, "copysign");
  });
}

TEST(Rounding, WorksOnDouble) {
  for_each_backend([] {
    const auto r = trueno::rint(Vector<double>{2.5, 3.5, -4503599627370495.5, 1e300});
    EXPECT_EQ(r[0], 2.0);
    EXPECT_EQ(r[1], 4.0);
    EXPECT_EQ(r[2], -4503599627370496.0);
    EXPECT_EQ(r[3], 1e300);
    EXPECT_EQ(trueno::floor(Vector<double>{-0.25})[0], -1.0);
  });
}

TEST(Erf, KnownValuesAndLimits) {
  for_each_backend([] {
    const auto e = trueno::erf(Vector<double>{0.5, -1.0, 3.0, kInf, -kInf});
    EXPECT_NEAR(e[0], 0.5204998778130465, 2e-16);
    EXPECT_NEAR(e[1], -0.8427007929497149, 2e-16);
    EXPECT_NEAR(e[2], 0.9999779095030014, 2e-16);
    EXPECT_EQ(e[3], 1.0);
    EXPECT_EQ(e[4], -1.0);
    const auto c = trueno::erfc(Vector<double>{0.5, 10.0, 27.0, 28.0, -kInf, kInf});
    EXPECT_NEAR(c[0], 0.4795001221869535, 2e-16);
    EXPECT_NEAR(c[1] / 2.088487583762545e-45, 1.0, 5e-16);
    EXPECT_GT(c[2], 0.0);  // 5.2e-319, a denormal
    EXPECT_LT(c[2], 1e-316);
    EXPECT_EQ(c[3], 0.0);
    EXPECT_EQ(c[4], 2.0);
    EXPECT_EQ(c[5], 0.0);
    expect_same(trueno::erfc(Vector<float>{kNaN, 10.1F}), {kNaN, 0}, "erfc float");
  });
}

TEST(Activation, ReluFamilyKeepsNaNAndSignedZero) {
  const Vector<float> x{-2, -0.0F, 0, 3, 7, kNaN, -kInf, kInf};
  for_each_backend([&x] {
    expect_same(trueno::relu(x), {0, -0.0F, 0, 3, 7, kNaN, 0, kInf}, "relu");
    expect_same(trueno::relu6(x), {0, -0.0F, 0, 3, 6, kNaN, 0, 6}, "relu6");
    expect_same(trueno::leaky_relu(x), {-0.02F, -0.0F, 0, 3, 7, kNaN, -kInf, kInf}, "leaky_relu");
    expect_same(trueno::leaky_relu(x, 0.5F), {-1, -0.0F, 0, 3, 7, kNaN, -kInf, kInf}, "leaky_relu(0.5)");
  });
}

TEST(Activation, EluSeluCeluDefaultsAndPositiveZero) {
  for_each_backend([] {
    const Vector<float> x{-0.0F, 2, -kInf, -1e30F};
    expect_same(trueno::elu(x), {0, 2, -1, -1}, "elu");
    expect_same(trueno::elu(x, 2.0F), {0, 2, -2, -2}, "elu(2)");
    expect_same(trueno::celu(x, 0.5F), {0, 2, -0.5F, -0.5F}, "celu(0.5)");
    const auto s = trueno::selu(Vector<float>{1, -kInf});
    EXPECT_FLOAT_EQ(s[0], 1.0507009873554805F);
    EXPECT_FLOAT_EQ(s[1], -1.7580993408473766F);
    EXPECT_NEAR(trueno::elu(Vector<double>{-1.0})[0], std::expm1(-1.0), 1e-16);
  });
}

TEST(Activation, HardSigmoidAndHardswishMatchPyTorchsFormula) {
  for_each_backend([] {
    const Vector<float> x{-4, -3, -1.5F, 0, 1, 3, 5, kNaN, -kInf, kInf};
    expect_same(trueno::hard_sigmoid(x), {0, 0, 0.25F, 0.5F, 4.0F / 6, 1, 1, kNaN, 0, 1}, "hard_sigmoid");
    expect_same(trueno::hardswish(x), {-0.0F, -0.0F, -0.375F, 0, 4.0F / 6, 3, 5, kNaN, -0.0F, kInf},
                "hardswish");
  });
}

TEST(Activation, SmoothActivationsKnownValues) {
  for_each_backend([] {
    const Vector<double> x{1.0, -2.0};
    const auto g = trueno::gelu(x);
    EXPECT_NEAR(g[0], 0.8413447460685429, 2e-16);
    EXPECT_NEAR(g[1], -0.04550026389635842, 3e-17);
    const auto gt = trueno::gelu(x, trueno::Approximate::tanh);
    EXPECT_NEAR(gt[0], 0.8411919906082768, 2e-16);
    EXPECT_NEAR(gt[1], -0.04540230591222, 1e-14);
    EXPECT_NEAR(trueno::mish(x)[0], 0.8650983882673103, 2e-16);
    EXPECT_NEAR(trueno::softsign(x)[1], -2.0 / 3.0, 1e-16);
    EXPECT_NEAR(trueno::tanhshrink(x)[0], 1.0 - std::tanh(1.0), 1e-16);
    EXPECT_NEAR(trueno::tanhshrink(Vector<double>{1e-6})[0], 1e-18 / 3 - 2e-30 / 15,
                1e-33);  // x^3/3 - 2x^5/15
    EXPECT_NEAR(trueno::log_sigmoid(x)[1], -2.1269280110429727, 4e-16);
    EXPECT_NEAR(trueno::softplus(x, 2.0)[0], std::log1p(std::exp(2.0)) / 2, 4e-16);
  });
}

TEST(Activation, GeluDefaultIsExactForm) {
  const Vector<float> x{-3, -0.5F, 0.25F, 2};
  for_each_backend([&x] {
    EXPECT_EQ(trueno::gelu(x), trueno::gelu(x, trueno::Approximate::none));
    EXPECT_NE(trueno::gelu(x), trueno::gelu(x, trueno::Approximate::tanh));
    Vector<float> out(x.size());
    trueno::gelu(x, trueno::Approximate::tanh, out);
    EXPECT_EQ(out, trueno::gelu(x, trueno::Approximate::tanh));
    trueno::gelu(x, out);
    EXPECT_EQ(out, trueno::gelu(x));
  });
}

TEST(Activation, SoftplusDefaultsAreBetaOneThresholdTwenty) {
  Vector<float> x(1000);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = -50.0F + 0.1F * static_cast<float>(i);
  for_each_backend([&x] {
    EXPECT_EQ(trueno::softplus(x), trueno::softplus(x, 1.0F, 20.0F));
    const auto y = trueno::softplus(x, 1.0F, 5.0F);
    EXPECT_EQ(y[600], x[600]);  // x = 10 > threshold 5: x itself
  });
}

// Every activation stays finite and NaN-free at +-1e30, and infinities give PyTorch's limits.
TEST(Activation, SaturatesCleanly) {
  const Vector<float> x{-1e30F, 1e30F, -kInf, kInf};
  for_each_backend([&x] {
    for (const auto& [name, y] : {std::pair{"gelu", trueno::gelu(x)},
                                  {"gelu_tanh", trueno::gelu(x, trueno::Approximate::tanh)},
                                  {"mish", trueno::mish(x)},
                                  {"elu", trueno::elu(x)},
                                  {"selu", trueno::selu(x)},
                                  {"celu", trueno::celu(x)},
                                  {"softplus", trueno::softplus(x)},
                                  {"softplus_beta", trueno::softplus(x, 0.5F)},
                                  {"log_sigmoid", trueno::log_sigmoid(x)},
                                  {"softsign", trueno::softsign(x)},
                                  {"tanhshrink", trueno::tanhshrink(x)},
                                  {"hardswish", trueno::hardswish(x)},
                                  {"hard_sigmoid", trueno::hard_sigmoid(x)},
                                  {"erf", trueno::erf(x)},
                                  {"erfc", trueno::erfc(x)}}) {
      for (std::size_t i = 0; i < x.size(); ++i) EXPECT_FALSE(std::isnan(y[i])) << name << "(" << x[i] << ")";
    }
    expect_same(trueno::gelu(x), {-0.0F, 1e30F, -0.0F, kInf}, "gelu");
    expect_same(trueno::mish(x), {-0.0F, 1e30F, -0.0F, kInf}, "mish");
    expect_same(trueno::softsign(x), {-1, 1, -1, 1}, "softsign");
    expect_same(trueno::log_sigmoid(x), {-1e30F, 0, -kInf, 0}, "log_sigmoid");
  });
}

TEST(Activation, OutParameterFormsCheckTheSize) {
  const Vector<float> a(3, 1.0F);
  Vector<float> out(2);
  const std::string msg =
      "non-broadcastable output operand with shape (2,) doesn't match the broadcast shape (3,)";
  expect_error<trueno::shape_error>([&] { trueno::relu(a, out); }, msg);
  expect_error<trueno::shape_error>([&] { trueno::floor(a, out); }, msg);
  expect_error<trueno::shape_error>([&] { trueno::leaky_relu(a, 0.1F, out); }, msg);
  expect_error<trueno::shape_error>([&] { trueno::elu(a, out); }, msg);
  expect_error<trueno::shape_error>([&] { trueno::softplus(a, 2.0F, 20.0F, out); }, msg);
  expect_error<trueno::shape_error>([&] { trueno::gelu(a, trueno::Approximate::tanh, out); }, msg);
  expect_error<trueno::shape_error>([&] { trueno::copysign(a, a, out); }, msg);
  expect_error<trueno::shape_error>([&] { trueno::layer_norm(a, 1e-5F, {}, out); }, msg);
  expect_error<trueno::shape_error>([&] { static_cast<void>(trueno::copysign(a, Vector<float>(4))); },
                                    "operands could not be broadcast together with shapes (3,) (4,)");
}

TEST(LayerNorm, NormalisesWithBiasedVarianceAndAffine) {
  const Vector<float> x{1, 2, 3, 4};
  const Vector<float> g{1, 2, 3, 4}, b{0.5F, 0.5F, 0.5F, 0.5F};
  for_each_backend([&] {
    const float r = 1.0F / std::sqrt(1.25F + 1e-5F);
    const auto y = trueno::layer_norm(x);
    const auto z = trueno::layer_norm(x, 1e-5F, trueno::LayerNormOptions{.gamma = g, .beta = b});
    const auto w = trueno::layer_norm(x, 0.0F, trueno::LayerNormOptions{.beta = b});
    for (std::size_t i = 0; i < 4; ++i) {
      const float centred = static_cast<float>(i) - 1.5F;
      EXPECT_NEAR(y[i], centred * r, 1e-6F);
      EXPECT_NEAR(z[i], centred * r * g[i] + 0.5F, 4e-6F);
      EXPECT_NEAR(w[i], centred / std::sqrt(1.25F) + 0.5F, 1e-6F);
    }
    Vector<float> out(4);
    trueno::layer_norm(x, 1e-5F, {.gamma = g}, out);
    EXPECT_NEAR(out[3], 1.5F * r * 4, 4e-6F);
    EXPECT_TRUE(trueno::layer_norm(Vector<float>{}).empty());
  });
}

TEST(LayerNorm, ConstantInputGivesBeta) {
  const Vector<double> x(100, 7.25), b(100, -1.0);
  const auto y = trueno::layer_norm(x, 1e-5, {.beta = b});
  for (double v : y) EXPECT_EQ(v, -1.0);
}

TEST(LayerNorm, RejectsMismatchedGammaAndBeta) {
  const Vector<float> x(5, 1.0F);
  expect_error<trueno::shape_error>(
      [&] { static_cast<void>(trueno::layer_norm(x, 1e-5F, {.gamma = Vector<float>(4)})); },
      "layer_norm: gamma has shape (4,) but the input has shape (5,)");
  expect_error<trueno::value_error>(
      [&] { static_cast<void>(trueno::layer_norm(x, 1e-5F, {.beta = Vector<double>(5)})); },
      "layer_norm: beta has dtype float64 but the input has dtype float32");
  expect_error<trueno::shape_error>(
      [&] { static_cast<void>(trueno::rms_norm(x, 1e-6F, {.gamma = Vector<float>(6)})); },
      "rms_norm: gamma has shape (6,) but the input has shape (5,)");
}

TEST(RmsNorm, DefaultEpsIsMachineEpsilon) {
  const Vector<double> x{3, -4};  // mean of squares 12.5
  for_each_backend([&x] {
    const auto y = trueno::rms_norm(x);
    const double r = 1.0 / std::sqrt(12.5 + std::numeric_limits<double>::epsilon());
    EXPECT_NEAR(y[0], 3 * r, 1e-15);
    EXPECT_NEAR(y[1], -4 * r, 1e-15);
    const auto z = trueno::rms_norm(x, 0.5, {.gamma = Vector<double>{2, 10}});
    EXPECT_NEAR(z[1], -40 / std::sqrt(13.0), 1e-14);
    EXPECT_EQ(trueno::rms_norm(Vector<double>(3, 0.0))[0], 0.0);  // eps keeps zeros finite
  });
}

}  // namespace
