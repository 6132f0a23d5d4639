// GPU unary element-wise ops against the CPU ops: every op, odd and grid-stride sizes, special values,
// chains.
#include <cmath>
#include <limits>
#include <string>

#include "gpu/gpu_test.hpp"

namespace {

using trueno::Shape;
using trueno_test::random_tensor;

// |got - want| within rel * |want| + abs_tol everywhere; NaN only where the CPU has NaN.
template <std::size_t N>
void expect_close(const trueno::Tensor<float, N>& got, const trueno::Tensor<float, N>& want, float rel,
                  float abs_tol, const std::string& what) {
  ASSERT_EQ(got.shape(), want.shape()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const float g = got.data()[i], w = want.data()[i];
    if (std::isnan(w)) {
      EXPECT_TRUE(std::isnan(g)) << what << " at " << i;
    } else if (std::isinf(w)) {
      EXPECT_EQ(g, w) << what << " at " << i;
    } else {
      EXPECT_LE(std::abs(g - w), rel * std::abs(w) + abs_tol)
          << what << " at " << i << ": " << g << " vs " << w;
    }
  }
}

TEST(GpuUnary, EveryOpMatchesCpu) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(31);
  for (const Shape<2> s : {Shape<2>{1, 1}, Shape<2>{7, 13}, Shape<2>{1000, 1003}}) {
    const auto x = random_tensor(s, rng) * trueno::full<float>({1}, 12.0F);  // [-12, 12): tails of exp, tanh
    const auto pos = trueno::abs(x) + trueno::full<float>({1}, 1e-3F);
    const auto gx = x.to(trueno::gpu::device());
    const auto gpos = pos.to(trueno::gpu::device());
    const std::string at = " " + trueno::detail::format_shape(s);
    expect_close(trueno::neg(gx).cpu(), trueno::neg(x), 0, 0, "neg" + at);
    expect_close((-gx).cpu(), trueno::neg(x), 0, 0, "unary minus" + at);
    expect_close(trueno::abs(gx).cpu(), trueno::abs(x), 0, 0, "abs" + at);
    expect_close(trueno::relu(gx).cpu(), trueno::relu(x), 0, 0, "relu" + at);
    expect_close(trueno::exp(gx).cpu(), trueno::exp(x), 2e-6F, 1e-30F, "exp" + at);
    expect_close(trueno::log(gpos).cpu(), trueno::log(pos), 2e-6F, 2e-7F, "log" + at);
    expect_close(trueno::sqrt(gpos).cpu(), trueno::sqrt(pos), 1e-6F, 0, "sqrt" + at);
    expect_close(trueno::sigmoid(gx).cpu(), trueno::sigmoid(x), 2e-6F, 1e-9F, "sigmoid" + at);
    expect_close(trueno::tanh(gx).cpu(), trueno::tanh(x), 2e-6F, 2e-7F, "tanh" + at);
  }
}

TEST(GpuUnary, SpecialValuesFollowTheCpu) {
  TRUENO_REQUIRE_GPU();
  const float inf = std::numeric_limits<float>::infinity();
  const auto x = trueno::array<float>({0.0F, -0.0F, 100.0F, -100.0F, inf, -inf, 1e-20F, -50.0F, 50.0F});
  const auto gx = x.to(trueno::gpu::device());
  expect_close(trueno::tanh(gx).cpu(), trueno::tanh(x), 2e-6F, 0, "tanh");
  expect_close(trueno::sigmoid(gx).cpu(), trueno::sigmoid(x), 2e-6F, 1e-30F, "sigmoid");
  expect_close(trueno::exp(gx).cpu(), trueno::exp(x), 2e-6F, 1e-30F, "exp");
  expect_close(trueno::relu(gx).cpu(), trueno::relu(x), 0, 0, "relu");
  const auto neg = trueno::array<float>({-1.0F, 0.0F, 4.0F});
  const auto gneg = neg.to(trueno::gpu::device());
  expect_close(trueno::sqrt(gneg).cpu(), trueno::sqrt(neg), 0, 0, "sqrt");   // NaN, 0, 2
  expect_close(trueno::log(gneg).cpu(), trueno::log(neg), 2e-6F, 0, "log");  // NaN, -inf, log 4
}

TEST(GpuUnary, ChainsStayOnTheDevice) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(32);
  const auto x = random_tensor(Shape<3>{3, 5, 7}, rng);
  trueno::gpu::synchronize();
  trueno::gpu::reset_stats();
  const auto gx = x.to(trueno::gpu::device());
  const auto got = trueno::sigmoid(trueno::exp(trueno::tanh(gx)) + trueno::relu(-gx)).cpu();
  const auto s = trueno::gpu::stats();
  EXPECT_EQ(s.transfers(), 2U);
  EXPECT_EQ(s.dispatches, 6U);
  EXPECT_EQ(s.submits, 1U);
  const auto want = trueno::sigmoid(trueno::exp(trueno::tanh(x)) + trueno::relu(trueno::neg(x)));
  expect_close(got, want, 1e-5F, 1e-6F, "chain");
}

}  // namespace
