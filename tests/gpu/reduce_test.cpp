// GPU sum, max, min, mean (whole tensor and along every axis), softmax and log_softmax (every axis) against
// the CPU: sizes below, at and above one workgroup's chunk, several passes, axes cut into parts, short and
// long rows, empty axes, NaN, errors, chains.
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
  EXPECT_EQ(trueno::min(gx).cpu().item(), trueno::min(x)) << "min " << at;
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

// Every reduction along every axis of `s` (negative spellings too), with and without keepdims.
template <std::size_t N>
void expect_axis_reductions_match_cpu(const Shape<N>& s, std::mt19937& rng) {
  const auto x = random_tensor(s, rng);
  const auto gx = x.to(trueno::gpu::device());
  for (std::size_t axis = 0; axis < N; ++axis) {
    const auto ax = static_cast<std::ptrdiff_t>(axis);
    const auto neg = ax - static_cast<std::ptrdiff_t>(N);
    const std::string at = trueno::detail::format_shape(s) + " axis " + std::to_string(axis);
    const float tol = 1e-6F * static_cast<float>(s[axis]) + 1e-6F;
    const auto sums = trueno::sum(gx, ax).cpu();
    EXPECT_EQ(sums.shape(), trueno::sum(x, ax).shape()) << at;
    EXPECT_LE(max_abs_diff(sums, trueno::sum(x, ax)), tol) << "sum " << at;
    EXPECT_EQ(max_abs_diff(trueno::max(gx, neg).cpu(), trueno::max(x, ax)), 0.0F) << "max " << at;
    EXPECT_EQ(max_abs_diff(trueno::min(gx, ax).cpu(), trueno::min(x, ax)), 0.0F) << "min " << at;
    EXPECT_LE(max_abs_diff(trueno::mean(gx, ax).cpu(), trueno::mean(x, ax)), 1e-6F) << "mean " << at;
    const auto kept = trueno::mean(gx, neg, trueno::keepdims).cpu();
    EXPECT_EQ(kept.shape(), trueno::mean(x, ax, trueno::keepdims).shape()) << at;
    EXPECT_LE(max_abs_diff(kept, trueno::mean(x, ax, trueno::keepdims)), 1e-6F) << "mean keepdims " << at;
  }
}

TEST(GpuReduce, EveryAxisMatchesCpu) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(42);
  // Short and long rows, one element, primes, an axis cut into parts (70000 along axis 1 with 3 outputs;
  // 4099 along axis 0 with 5 outputs), more outputs than the grid-stride step.
  for (const Shape<3> s : {Shape<3>{2, 3, 1}, Shape<3>{5, 7, 13}, Shape<3>{3, 2, 1000}, Shape<3>{1, 70000, 3},
                           Shape<3>{1, 1, 1}, Shape<3>{4099, 1, 5}, Shape<3>{67, 257, 3}}) {
    expect_axis_reductions_match_cpu(s, rng);
  }
  expect_axis_reductions_match_cpu(Shape<1>{100003}, rng);
  expect_axis_reductions_match_cpu(Shape<2>{600, 700}, rng);
  expect_axis_reductions_match_cpu(Shape<4>{3, 5, 2, 7}, rng);
}

TEST(GpuReduce, VeryLongRowsAreCutIntoParts) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(46);
  const std::size_t n = (std::size_t{1} << 22) + 3;  // above kWorkgroupRowMax: parts, then a row of partials
  const auto x = random_tensor(Shape<2>{1, n}, rng);
  const auto gx = x.to(trueno::gpu::device());
  EXPECT_NEAR(trueno::sum(gx, 1).cpu()(0), trueno::sum(x, 1)(0), 1e-3F);
  EXPECT_EQ(trueno::max(gx, -1).cpu()(0), trueno::max(x, -1)(0));
  EXPECT_EQ(trueno::min(gx, 1, trueno::keepdims).cpu()(0, 0), trueno::min(x));
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
  EXPECT_THROW((void)trueno::min(no_cols, 1), trueno::value_error);
  EXPECT_THROW((void)trueno::min(empty), trueno::value_error);
  const auto no_rows = trueno::zeros<float>({0, 3}).to(trueno::gpu::device());  // along axis 0: 3 empty lanes
  const auto col_sums = trueno::sum(no_rows, 0).cpu();
  ASSERT_EQ(col_sums.shape(), (Shape<1>{3}));
  EXPECT_EQ(col_sums(1), 0.0F);
  EXPECT_TRUE(std::isnan(trueno::mean(no_rows, 0).cpu()(2)));
  EXPECT_THROW((void)trueno::max(no_rows, 0), trueno::value_error);
  EXPECT_EQ(trueno::sum(trueno::zeros<float>({0, 4}).to(trueno::gpu::device()), 1).cpu().size(), 0U);
}

TEST(GpuReduce, MaxAndMinPropagateNaN) {
  TRUENO_REQUIRE_GPU();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const auto x = trueno::array<float>({{1.0F, nan, 3.0F}, {4.0F, 5.0F, -1.0F}});
  const auto gx = x.to(trueno::gpu::device());
  EXPECT_TRUE(std::isnan(trueno::max(gx).cpu().item()));
  EXPECT_TRUE(std::isnan(trueno::min(gx).cpu().item()));
  const auto rows = trueno::max(gx, -1).cpu();
  EXPECT_TRUE(std::isnan(rows(0)));
  EXPECT_EQ(rows(1), 5.0F);
  const auto cols = trueno::min(gx, 0).cpu();
  EXPECT_EQ(cols(0), 1.0F);
  EXPECT_TRUE(std::isnan(cols(1)));
  EXPECT_EQ(cols(2), -1.0F);
  // NaN in a long row (the workgroup path) and in a part of an axis cut into parts.
  auto long_row = trueno::zeros<float>({2, 5000});
  long_row(1, 4999) = nan;
  const auto lr = trueno::min(long_row.to(trueno::gpu::device()), 1).cpu();
  EXPECT_EQ(lr(0), 0.0F);
  EXPECT_TRUE(std::isnan(lr(1)));
  auto long_col = trueno::zeros<float>({5000, 2});
  long_col(2500, 0) = nan;
  const auto lc = trueno::max(long_col.to(trueno::gpu::device()), 0).cpu();
  EXPECT_TRUE(std::isnan(lc(0)));
  EXPECT_EQ(lc(1), 0.0F);
}

TEST(GpuReduce, OutOfRangeAxesThrowIndexError) {
  TRUENO_REQUIRE_GPU();
  const auto gx = trueno::zeros<float>({2, 3}).to(trueno::gpu::device());
  EXPECT_THROW((void)trueno::sum(gx, -3), trueno::index_error);
  EXPECT_THROW((void)trueno::softmax(gx, 2), trueno::index_error);
  EXPECT_THROW((void)trueno::log_softmax(gx, -3), trueno::index_error);
  try {
    (void)trueno::min(gx, 2);
    ADD_FAILURE() << "no index_error for axis 2";
  } catch (const trueno::index_error& e) {
    EXPECT_EQ(std::string(e.what()), "axis 2 is out of bounds for array of dimension 2");
  }
}

TEST(GpuSoftmax, MatchesCpuAlongEveryAxis) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(43);
  for (const Shape<2> s : {Shape<2>{1, 1}, Shape<2>{3, 7}, Shape<2>{5, 1000}, Shape<2>{70000, 3},
                           Shape<2>{2, 5000}, Shape<2>{300, 200}}) {
    // Fused rows, fused lanes, and composed (max, exp, sum; e.g. 70000 along axis 0 with 3 lanes).
    const auto x = random_tensor(s, rng) * trueno::full<float>({1}, 30.0F);
    const auto gx = x.to(trueno::gpu::device());
    for (const std::ptrdiff_t axis : {0, 1}) {
      const std::string at = trueno::detail::format_shape(s) + " axis " + std::to_string(axis);
      const auto got = trueno::softmax(gx, axis).cpu();
      EXPECT_LE(max_abs_diff(got, trueno::softmax(x, axis)), 2e-6F) << at;
      const auto sums = trueno::sum(got, axis);
      for (std::size_t i = 0; i < sums.size(); ++i) EXPECT_NEAR(sums.data()[i], 1.0F, 1e-5F) << at;
      // log_softmax: x - max - log(sum): absolute error grows with the magnitude of the result.
      const auto want = trueno::log_softmax(x, axis);
      const auto log_got = trueno::log_softmax(gx, axis).cpu();
      ASSERT_EQ(log_got.shape(), want.shape());
      for (std::size_t i = 0; i < want.size(); ++i) {
        ASSERT_NEAR(log_got.data()[i], want.data()[i], 2e-6F * (1.0F + std::fabs(want.data()[i]))) << at;
      }
    }
  }
  const auto x3 = random_tensor(Shape<3>{2, 3, 17}, rng);
  const auto g3 = x3.to(trueno::gpu::device());
  for (const std::ptrdiff_t axis : {0, 1, 2, -1}) {
    EXPECT_LE(max_abs_diff(trueno::softmax(g3, axis).cpu(), trueno::softmax(x3, axis)), 2e-6F) << axis;
  }
  EXPECT_LE(max_abs_diff(trueno::softmax(g3).cpu(), trueno::softmax(x3)), 2e-6F);
  EXPECT_LE(max_abs_diff(trueno::log_softmax(g3).cpu(), trueno::log_softmax(x3)), 1e-5F);
}

TEST(GpuTensor, ReshapeToSharesTheElements) {
  TRUENO_REQUIRE_GPU();
  const auto x = trueno::arange<float>(0.0F, 6.0F).reshape({2, 3});
  const auto gx = x.to(trueno::gpu::device());
  const auto flat = gx.reshape_to(Shape<1>{6});
  EXPECT_EQ(&flat.buffer(), &gx.buffer());
  EXPECT_EQ(flat.cpu()(5), 5.0F);
  EXPECT_EQ(trueno::sum(gx.reshape_to(Shape<2>{3, 2}), 0).cpu()(1), 1.0F + 3.0F + 5.0F);
  try {
    (void)gx.reshape_to(Shape<1>{4});
    ADD_FAILURE() << "no shape_error";
  } catch (const trueno::shape_error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot reshape array of size 6 into shape (4,)");
  }
}

TEST(GpuReduce, ChainsStayOnTheDevice) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(44);
  const auto x = random_tensor(Shape<2>{33, 65}, rng);
  trueno::gpu::synchronize();
  trueno::gpu::reset_stats();
  const auto gx = x.to(trueno::gpu::device());
  // softmax -> row sums -> column min -> mean: one upload, one download, one submit.
  const auto chain = [](const auto& t) {
    return trueno::mean(trueno::min(trueno::sum(trueno::softmax(t, 0) * t, -1, trueno::keepdims), 0));
  };
  const float got = chain(gx).cpu().item();
  const auto s = trueno::gpu::stats();
  EXPECT_EQ(s.transfers(), 2U);
  EXPECT_EQ(s.submits, 1U);
  EXPECT_NEAR(got, chain(x), 1e-5F);
}

}  // namespace
