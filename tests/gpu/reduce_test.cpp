// GPU sum, max, mean (whole tensor and along the last axis) and softmax against the CPU: sizes below, at and
// above one workgroup's chunk, several passes, empty axes, NaN, errors, chains.
#include <cmath>
#include <limits>
#include <string>

#include "gpu/gpu_test.hpp"

namespace {

using trueno::Shape;
using trueno_test::max_abs_diff;
using trueno_test::random_tensor;

template <std::size_t N>
void expect_whole_reductions_match_cpu(const Shape<N>& s, std::mt19937& rng) {
  const auto x = random_tensor(s, rng);
  const auto gx = x.to(trueno::gpu::device());
  const std::string at = trueno::detail::format_shape(s);
  const auto n = static_cast<float>(x.size());
  EXPECT_NEAR(trueno::sum(gx).cpu().item(), trueno::sum(x), 1e-6F * n + 1e-5F) << "sum " << at;
  EXPECT_EQ(trueno::max(gx).cpu().item(), trueno::max(x)) << "max " << at;
  EXPECT_NEAR(trueno::mean(gx).cpu().item(), trueno::mean(x), 1e-6F) << "mean " << at;
}

TEST(GpuReduce, WholeTensorMatchesCpu) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(41);
  expect_whole_reductions_match_cpu(Shape<1>{1}, rng);
  expect_whole_reductions_match_cpu(Shape<2>{7, 13}, rng);
  expect_whole_reductions_match_cpu(Shape<1>{8192}, rng);           // one chunk exactly
  expect_whole_reductions_match_cpu(Shape<1>{8193}, rng);           // two passes
  expect_whole_reductions_match_cpu(Shape<3>{67, 103, 1001}, rng);  // 6.9M elements
}

TEST(GpuReduce, ManyPassesMatchCpu) {
  TRUENO_REQUIRE_GPU();
  auto& ctx = trueno::gpu::detail::context();
  const std::uint32_t saved = ctx.reduce_chunk;
  ctx.reduce_chunk = 16;  // 16 elements per workgroup: 257 elements take 3 passes, 70001 take 5
  std::mt19937 rng(45);
  for (const std::size_t n : {std::size_t{16}, std::size_t{17}, std::size_t{257}, std::size_t{70001}}) {
    expect_whole_reductions_match_cpu(Shape<1>{n}, rng);
  }
  ctx.reduce_chunk = saved;
}

TEST(GpuReduce, LastAxisMatchesCpu) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(42);
  for (const Shape<3> s :
       {Shape<3>{2, 3, 1}, Shape<3>{5, 7, 13}, Shape<3>{3, 2, 1000}, Shape<3>{1, 70000, 3}}) {
    const auto x = random_tensor(s, rng);
    const auto gx = x.to(trueno::gpu::device());
    const std::string at = trueno::detail::format_shape(s);
    const float tol = 1e-6F * static_cast<float>(s[2]) + 1e-6F;
    EXPECT_LE(max_abs_diff(trueno::sum(gx, -1).cpu(), trueno::sum(x, -1)), tol) << "sum " << at;
    EXPECT_EQ(max_abs_diff(trueno::max(gx, 2).cpu(), trueno::max(x, 2)), 0.0F) << "max " << at;
    EXPECT_LE(max_abs_diff(trueno::mean(gx, -1).cpu(), trueno::mean(x, -1)), 1e-6F) << "mean " << at;
    const auto kept = trueno::sum(gx, -1, trueno::keepdims).cpu();
    EXPECT_EQ(kept.shape(), (Shape<3>{s[0], s[1], 1}));
    EXPECT_LE(max_abs_diff(kept, trueno::sum(x, -1, trueno::keepdims)), tol) << "sum keepdims " << at;
  }
}

TEST(GpuReduce, EmptyInputsFollowNumPy) {
  TRUENO_REQUIRE_GPU();
  const auto empty = trueno::zeros<float>({0}).to(trueno::gpu::device());
  EXPECT_EQ(trueno::sum(empty).cpu().item(), 0.0F);
  EXPECT_TRUE(std::isnan(trueno::mean(empty).cpu().item()));
  EXPECT_THROW((void)trueno::max(empty), trueno::value_error);
  const auto no_cols = trueno::zeros<float>({3, 0}).to(trueno::gpu::device());
  const auto sums = trueno::sum(no_cols, -1).cpu();
  ASSERT_EQ(sums.shape(), (Shape<1>{3}));
  EXPECT_EQ(sums(2), 0.0F);
  EXPECT_TRUE(std::isnan(trueno::mean(no_cols, -1).cpu()(0)));
  EXPECT_THROW((void)trueno::max(no_cols, -1), trueno::value_error);
  EXPECT_EQ(trueno::sum(trueno::zeros<float>({0, 4}).to(trueno::gpu::device()), 1).cpu().size(), 0U);
}

TEST(GpuReduce, MaxPropagatesNaN) {
  TRUENO_REQUIRE_GPU();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const auto x = trueno::array<float>({{1.0F, nan, 3.0F}, {4.0F, 5.0F, -1.0F}});
  const auto gx = x.to(trueno::gpu::device());
  EXPECT_TRUE(std::isnan(trueno::max(gx).cpu().item()));
  const auto rows = trueno::max(gx, -1).cpu();
  EXPECT_TRUE(std::isnan(rows(0)));
  EXPECT_EQ(rows(1), 5.0F);
}

TEST(GpuReduce, OtherAxesThrow) {
  TRUENO_REQUIRE_GPU();
  const auto gx = trueno::zeros<float>({2, 3}).to(trueno::gpu::device());
  EXPECT_THROW((void)trueno::sum(gx, 0), trueno::gpu_error);
  EXPECT_THROW((void)trueno::softmax(gx, 0), trueno::gpu_error);
  try {
    (void)trueno::sum(gx, 2);
    ADD_FAILURE() << "no index_error for axis 2";
  } catch (const trueno::index_error& e) {
    EXPECT_EQ(std::string(e.what()), "axis 2 is out of bounds for array of dimension 2");
  }
}

TEST(GpuSoftmax, MatchesCpuAlongTheLastAxis) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(43);
  for (const Shape<2> s :
       {Shape<2>{1, 1}, Shape<2>{3, 7}, Shape<2>{5, 1000}, Shape<2>{70000, 3}, Shape<2>{2, 5000}}) {
    const auto x = random_tensor(s, rng) * trueno::full<float>({1}, 30.0F);
    const auto got = trueno::softmax(x.to(trueno::gpu::device())).cpu();
    EXPECT_LE(max_abs_diff(got, trueno::softmax(x, -1)), 2e-6F) << trueno::detail::format_shape(s);
    const auto rows = trueno::sum(got, -1);
    for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_NEAR(rows.data()[i], 1.0F, 1e-5F);
  }
  const auto x3 = random_tensor(Shape<3>{2, 3, 17}, rng);
  EXPECT_LE(max_abs_diff(trueno::softmax(x3.to(trueno::gpu::device()), 2).cpu(), trueno::softmax(x3, 2)),
            2e-6F);
}

TEST(GpuReduce, ChainsStayOnTheDevice) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(44);
  const auto x = random_tensor(Shape<2>{33, 65}, rng);
  trueno::gpu::synchronize();
  trueno::gpu::reset_stats();
  const auto gx = x.to(trueno::gpu::device());
  // softmax -> row sums -> mean: one upload, one download, one submit.
  const float got = trueno::mean(trueno::sum(trueno::softmax(gx) * gx, -1)).cpu().item();
  const auto s = trueno::gpu::stats();
  EXPECT_EQ(s.transfers(), 2U);
  EXPECT_EQ(s.submits, 1U);
  EXPECT_NEAR(got, trueno::mean(trueno::sum(trueno::softmax(x, -1) * x, -1)), 1e-5F);
}

}  // namespace
