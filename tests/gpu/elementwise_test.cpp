// GPU element-wise add/sub/mul/div against the CPU ops: equal shapes, NumPy broadcasting, grid-stride sizes;
// transpose/permute of device tensors against the host's views.
#include <array>
#include <cmath>
#include <limits>
#include <string>

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

// The device's axis reorders copy exactly what the host's views show, for ranks 1-4 and odd extents.
template <std::size_t N>
void expect_permute_matches_host(const Shape<N>& s, const std::array<std::ptrdiff_t, N>& order,
                                 std::mt19937& rng) {
  const auto x = random_tensor(s, rng);
  const auto gx = x.to(trueno::gpu::device());
  std::ptrdiff_t o[N];
  for (std::size_t k = 0; k < N; ++k) o[k] = order[k];
  const auto got = gx.permute(o).cpu();
  const auto want = x.permute(o).clone();
  const std::string at = trueno::detail::format_shape(s);
  ASSERT_EQ(got.shape(), want.shape()) << at;
  EXPECT_EQ(max_abs_diff(got, want), 0.0F) << "permute " << at;
  EXPECT_EQ(max_abs_diff(gx.transpose().cpu(), x.transpose().clone()), 0.0F) << "transpose " << at;
  EXPECT_EQ(max_abs_diff(gx.transpose(0, -1).cpu(), x.transpose(0, -1).clone()), 0.0F) << "swap " << at;
}

TEST(GpuTensor, TransposeAndPermuteMatchTheHostViews) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(12);
  expect_permute_matches_host(Shape<1>{7}, {0}, rng);
  expect_permute_matches_host(Shape<2>{37, 1}, {1, 0}, rng);
  expect_permute_matches_host(Shape<2>{67, 129}, {-1, 0}, rng);
  expect_permute_matches_host(Shape<3>{5, 7, 3}, {2, 0, 1}, rng);
  expect_permute_matches_host(Shape<4>{3, 4, 5, 6}, {1, 3, 0, 2}, rng);
  expect_permute_matches_host(Shape<4>{2, 1, 0, 3}, {3, 2, 1, 0}, rng);  // empty
  // Bits are copied: -0 and NaN stay.
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const auto special = trueno::array<float>({{-0.0F, nan}, {1.0F, -2.0F}});
  const auto t = special.to(trueno::gpu::device()).transpose().cpu();
  EXPECT_TRUE(std::signbit(t(0, 0)));
  EXPECT_TRUE(std::isnan(t(1, 0)));
  EXPECT_EQ(t(0, 1), 1.0F);
  // A chain with a reorder stays on the device: one upload, one download.
  trueno::gpu::synchronize();
  trueno::gpu::reset_stats();
  const auto x = random_tensor(Shape<2>{33, 17}, rng);
  const auto gx = x.to(trueno::gpu::device());
  const auto y = trueno::matmul(gx.transpose(), gx).cpu();
  EXPECT_EQ(trueno::gpu::stats().transfers(), 2U);
  EXPECT_LE(max_abs_diff(y, trueno::matmul(x.transpose(), x)), 1e-4F);
}

TEST(GpuTensor, BadReordersThrow) {
  TRUENO_REQUIRE_GPU();
  const auto g = trueno::zeros<float>({2, 3, 4}).to(trueno::gpu::device());
  try {
    (void)g.permute({0, 2, -1});
    ADD_FAILURE() << "no value_error";
  } catch (const trueno::value_error& e) {
    EXPECT_EQ(std::string(e.what()), "permute: repeated axis -1 in the order");
  }
  EXPECT_THROW((void)g.transpose(0, 3), trueno::index_error);
  const auto g5 = trueno::zeros<float>({1, 2, 1, 2, 1}).to(trueno::gpu::device());
  EXPECT_THROW((void)g5.transpose(), trueno::gpu_error);
}

}  // namespace
