// GPU element-wise add/sub/mul/div against the CPU ops: equal shapes, NumPy broadcasting, grid-stride sizes.
#include "gpu/gpu_test.hpp"

namespace {

using trueno::Shape;
using trueno_test::max_abs_diff;
using trueno_test::random_tensor;

template <std::size_t A, std::size_t B>
void expect_ops_match_cpu(const Shape<A>& sa, const Shape<B>& sb, std::mt19937& rng) {
  const auto a = random_tensor(sa, rng);
  const auto b = random_tensor(sb, rng);
  const auto ga = a.to(trueno::gpu::device());
  const auto gb = b.to(trueno::gpu::device());
  const std::string shapes = trueno::detail::format_shape(sa) + " " + trueno::detail::format_shape(sb);
  EXPECT_EQ(max_abs_diff(trueno::add(ga, gb).cpu(), trueno::add(a, b)), 0.0F) << "add " << shapes;
  EXPECT_EQ(max_abs_diff(trueno::sub(ga, gb).cpu(), trueno::sub(a, b)), 0.0F) << "sub " << shapes;
  EXPECT_EQ(max_abs_diff(trueno::mul(ga, gb).cpu(), trueno::mul(a, b)), 0.0F) << "mul " << shapes;
  // Division may differ in the last place (a reciprocal on some devices).
  const auto q = trueno::div(ga, gb).cpu(), want = trueno::div(a, b);
  for (std::size_t i = 0; i < q.size(); ++i) {
    EXPECT_NEAR(q.data()[i], want.data()[i], 1e-6F * std::abs(want.data()[i]) + 1e-30F) << "div " << shapes;
  }
}

TEST(GpuElementwise, EqualShapesMatchCpu) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(11);
  expect_ops_match_cpu(Shape<1>{1}, Shape<1>{1}, rng);
  expect_ops_match_cpu(Shape<1>{1000003}, Shape<1>{1000003}, rng);
  expect_ops_match_cpu(Shape<3>{7, 13, 5}, Shape<3>{7, 13, 5}, rng);
}

TEST(GpuElementwise, BroadcastingMatchesCpu) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(12);
  expect_ops_match_cpu(Shape<2>{31, 17}, Shape<1>{17}, rng);
  expect_ops_match_cpu(Shape<2>{31, 1}, Shape<2>{1, 17}, rng);
  expect_ops_match_cpu(Shape<1>{1}, Shape<3>{3, 5, 7}, rng);
  expect_ops_match_cpu(Shape<4>{2, 1, 4, 1}, Shape<3>{3, 1, 5}, rng);
}

TEST(GpuElementwise, OperatorsChainWithoutTransfers) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(13);
  const auto a = random_tensor(Shape<2>{64, 3}, rng);
  const auto b = random_tensor(Shape<1>{3}, rng);
  trueno::gpu::reset_stats();
  const auto ga = a.to(trueno::gpu::device());
  const auto gb = b.to(trueno::gpu::device());
  const auto got = ((ga + gb) * ga - gb / (gb * gb + gb)).to(trueno::cpu);
  const auto want = (a + b) * a - b / (b * b + b);
  EXPECT_EQ(trueno::gpu::stats().transfers(), 3U);
  EXPECT_LE(max_abs_diff(got, want), 1e-5F * (1.0F + trueno::max(trueno::abs(want))));
}

TEST(GpuElementwise, IncompatibleShapesThrowShapeError) {
  TRUENO_REQUIRE_GPU();
  const auto a = trueno::zeros<float>({2, 3}).to(trueno::gpu::device());
  const auto b = trueno::zeros<float>({4}).to(trueno::gpu::device());
  EXPECT_THROW((void)(a + b), trueno::shape_error);
}

TEST(GpuElementwise, StridedHostViewsUploadTheirElements) {
  TRUENO_REQUIRE_GPU();
  const auto t = trueno::arange<float>(12).reshape({3, 4});
  const auto back = t.transpose().to(trueno::gpu::device()).cpu();
  const auto want = t.transpose().clone();
  EXPECT_EQ(max_abs_diff(back, want), 0.0F);
  EXPECT_TRUE(back.is_contiguous());
}

}  // namespace
