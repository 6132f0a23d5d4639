// The public math API on Vector: value and out-parameter forms, size errors, the special values of C and
// NumPy, and the softmax family's edge cases (PyTorch's results), on every backend.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <trueno/trueno.hpp>

#include "common/backends.hpp"

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

class VectorMath : public ::testing::TestWithParam<trueno::Backend> {
 protected:
  trueno_test::BackendScope scope_{GetParam()};
};

TEST_P(VectorMath, ValueAndOutParameterFormsAgree) {
  const trueno::Vector<float> a{-2.5F, -1.0F, 0.0F, 0.5F, 3.0F};
  trueno::Vector<float> out(a.size());
  trueno::exp(a, out);
  EXPECT_EQ(out, trueno::exp(a));
  trueno::sigmoid(a, out);
  EXPECT_EQ(out, trueno::sigmoid(a));
  EXPECT_EQ(trueno::swish(a), trueno::silu(a));
  EXPECT_FLOAT_EQ(trueno::exp(a)[4], std::exp(3.0F));
  EXPECT_DOUBLE_EQ(trueno::log(trueno::Vector<double>{std::exp(2.0)})[0], 2.0);
}

TEST_P(VectorMath, OutParameterMayAliasTheInput) {
  trueno::Vector<double> a{0.25, 1.0, 4.0};
  const auto expected = trueno::log2(a);
  trueno::log2(a, a);
  EXPECT_EQ(a, expected);
  EXPECT_EQ(a[2], 2.0);
}

TEST_P(VectorMath, RejectsOutParameterOfWrongSize) {
  const trueno::Vector<float> a(4, 1.0F);
  trueno::Vector<float> out(3);
  EXPECT_THROW(trueno::exp(a, out), trueno::shape_error);
  EXPECT_THROW(trueno::softmax(a, out), trueno::shape_error);
  EXPECT_THROW(trueno::tanh(a, out), trueno::shape_error);
}

TEST_P(VectorMath, SpecialValuesFollowC) {
  const trueno::Vector<float> x{-kInf, kInf, kNaN, -100.0F, 100.0F, 0.0F, -0.0F};
  const auto e = trueno::exp(x);
  EXPECT_EQ(e[0], 0.0F);
  EXPECT_EQ(e[1], kInf);
  EXPECT_TRUE(std::isnan(e[2]));
  EXPECT_GT(e[3], 0.0F);  // a denormal, not flushed
  EXPECT_LT(e[3], std::numeric_limits<float>::min());
  EXPECT_EQ(e[4], kInf);  // overflow: inf, never NaN
  EXPECT_EQ(e[5], 1.0F);

  const auto l = trueno::log(
      trueno::Vector<float>{0.0F, -0.0F, -1.0F, kInf, kNaN, 1.0F, std::numeric_limits<float>::denorm_min()});
  EXPECT_EQ(l[0], -kInf);
  EXPECT_EQ(l[1], -kInf);
  EXPECT_TRUE(std::isnan(l[2]));
  EXPECT_EQ(l[3], kInf);
  EXPECT_TRUE(std::isnan(l[4]));
  EXPECT_EQ(l[5], 0.0F);
  EXPECT_NEAR(l[6], -103.27893F, 1e-4F);

  const auto l1p = trueno::log1p(trueno::Vector<float>{-1.0F, -2.0F, -0.0F});
  EXPECT_EQ(l1p[0], -kInf);
  EXPECT_TRUE(std::isnan(l1p[1]));
  EXPECT_TRUE(std::signbit(l1p[2]));
  EXPECT_TRUE(std::signbit(trueno::expm1(trueno::Vector<float>{-0.0F})[0]));
}

TEST_P(VectorMath, ActivationsSaturateCleanly) {
  const trueno::Vector<float> x{-1e30F, 1e30F, -kInf, kInf};
  EXPECT_EQ(trueno::sigmoid(x), (trueno::Vector<float>{0.0F, 1.0F, 0.0F, 1.0F}));
  EXPECT_EQ(trueno::tanh(x), (trueno::Vector<float>{-1.0F, 1.0F, -1.0F, 1.0F}));
  const auto s = trueno::silu(x);
  EXPECT_EQ(s[0], 0.0F);
  EXPECT_EQ(s[1], 1e30F);
  EXPECT_EQ(s[2], 0.0F);  // the limit -0 (PyTorch computes -inf * 0 = NaN)
  EXPECT_EQ(s[3], kInf);
  const auto sp = trueno::softplus(trueno::Vector<float>{-kInf, 25.0F, 0.0F, kInf});
  EXPECT_EQ(sp[0], 0.0F);
  EXPECT_EQ(sp[1], 25.0F);  // above the threshold: x itself
  EXPECT_FLOAT_EQ(sp[2], std::log(2.0F));
  EXPECT_EQ(sp[3], kInf);
}

TEST_P(VectorMath, SoftmaxIsNormalisedAndStable) {
  const trueno::Vector<float> x{1000.0F, 1001.0F, 1002.0F};
  const auto s = trueno::softmax(x);
  EXPECT_NEAR(s[0] + s[1] + s[2], 1.0F, 1e-6F);
  EXPECT_NEAR(s[2], 0.66524096F, 1e-6F);
  const auto ls = trueno::log_softmax(x);
  EXPECT_NEAR(ls[2], -0.40760596F, 1e-6F);
  EXPECT_NEAR(trueno::logsumexp(x), 1002.40760596F, 1e-3F);
}

TEST_P(VectorMath, SoftmaxEdgeCasesMatchPyTorch) {
  const auto s = trueno::softmax(trueno::Vector<float>{-kInf, 1.0F, 2.0F});
  EXPECT_EQ(s[0], 0.0F);
  EXPECT_NEAR(s[1], 0.26894142F, 1e-7F);
  EXPECT_EQ(trueno::log_softmax(trueno::Vector<float>{-kInf, 1.0F})[0], -kInf);
  const trueno::Vector<float> all_neg_inf(3, -kInf);
  for (float v : trueno::softmax(all_neg_inf)) EXPECT_TRUE(std::isnan(v));
  for (float v : trueno::log_softmax(all_neg_inf)) EXPECT_TRUE(std::isnan(v));
  EXPECT_EQ(trueno::logsumexp(all_neg_inf), -kInf);
  EXPECT_EQ(trueno::logsumexp(trueno::Vector<float>{kInf, 1.0F}), kInf);
  EXPECT_TRUE(std::isnan(trueno::logsumexp(trueno::Vector<float>{kNaN, 1.0F})));
  EXPECT_EQ(trueno::logsumexp(trueno::Vector<double>{}), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(trueno::softmax(trueno::Vector<double>{}).empty());
}

TEST_P(VectorMath, RootsAndHypot) {
  const auto c = trueno::cbrt(trueno::Vector<double>{-8.0, 27.0, -0.0, kInf, 1e-310});
  EXPECT_EQ(c[0], -2.0);
  EXPECT_EQ(c[1], 3.0);
  EXPECT_TRUE(std::signbit(c[2]) && c[2] == 0.0);
  EXPECT_EQ(c[3], kInf);
  EXPECT_NEAR(c[4], std::cbrt(1e-310), 1e-118);
  const auto r = trueno::rsqrt(trueno::Vector<float>{4.0F, 0.0F, -0.0F, -1.0F, kInf});
  EXPECT_EQ(r[0], 0.5F);
  EXPECT_EQ(r[1], kInf);
  EXPECT_EQ(r[2], -kInf);
  EXPECT_TRUE(std::isnan(r[3]));
  EXPECT_EQ(r[4], 0.0F);
  const trueno::Vector<float> a{3.0F, 3e30F, 3e-30F, kInf, kNaN};
  const trueno::Vector<float> b{4.0F, 4e30F, 4e-30F, kNaN, 1.0F};
  const auto h = trueno::hypot(a, b);
  EXPECT_EQ(h[0], 5.0F);
  EXPECT_FLOAT_EQ(h[1], 5e30F);   // no overflow in the squares
  EXPECT_FLOAT_EQ(h[2], 5e-30F);  // no underflow
  EXPECT_EQ(h[3], kInf);          // inf wins over NaN (C99)
  EXPECT_TRUE(std::isnan(h[4]));
  trueno::Vector<float> out(2);
  EXPECT_THROW(trueno::hypot(a, b, out), trueno::shape_error);
  EXPECT_THROW(static_cast<void>(trueno::hypot(a, out)), trueno::shape_error);
}

TEST_P(VectorMath, SineAndCosine) {
  const double pi = 3.14159265358979323846;
  const trueno::Vector<double> x{0.0, -0.0, pi / 6, pi / 3, 1e5, -1e7, 1e300};
  const auto s = trueno::sin(x);
  const auto c = trueno::cos(x);
  EXPECT_EQ(s[0], 0.0);
  EXPECT_TRUE(std::signbit(s[1]));
  EXPECT_EQ(c[1], 1.0);
  EXPECT_NEAR(s[2], 0.5, 2e-16);  // pi/6 and pi/3 are rounded
  EXPECT_NEAR(c[3], 0.5, 2e-16);
  // Large arguments are reduced exactly (the huge one by the C library).
  for (std::size_t i = 4; i < x.size(); ++i) {
    EXPECT_NEAR(s[i], std::sin(x[i]), 2e-16) << x[i];
    EXPECT_NEAR(c[i], std::cos(x[i]), 2e-16) << x[i];
  }
  const auto f = trueno::sin(trueno::Vector<float>{kInf, -kInf, kNaN, 1e5F});
  EXPECT_TRUE(std::isnan(f[0]) && std::isnan(f[1]) && std::isnan(f[2]));
  EXPECT_NEAR(f[3], std::sin(1e5), 1e-7);
}

INSTANTIATE_TEST_SUITE_P(Backends, VectorMath, ::testing::ValuesIn(trueno_test::available_backends()),
                         [](const ::testing::TestParamInfo<trueno::Backend>& info) {
                           return std::string(trueno::to_string(info.param));
                         });

}  // namespace
