// GPU conv2d (implicit GEMM) against the CPU conv2d: odd sizes, stride, padding (numbers and 'same'/'valid'),
// dilation, bias, 1x1 kernels, unbatched input, several tile shapes; the CPU's shape errors; chains on the
// device.
#include <string>
#include <vector>

#include "gpu/gpu_test.hpp"

namespace {

using trueno::Shape;
using trueno_test::max_abs_diff;
using trueno_test::random_tensor;

template <std::size_t R>
void expect_conv_matches_cpu(const Shape<R>& sx, const Shape<4>& sw, const trueno::Conv2dOptions& opt,
                             std::mt19937& rng) {
  const auto x = random_tensor(sx, rng);
  const auto w = random_tensor(sw, rng);
  const auto want = trueno::conv2d(x, w, opt);
  const auto got = trueno::conv2d(x.to(trueno::gpu::device()), w.to(trueno::gpu::device()), opt).cpu();
  ASSERT_EQ(got.shape(), want.shape());
  const float taps = static_cast<float>(sw[1] * sw[2] * sw[3]);
  EXPECT_LE(max_abs_diff(got, want), 2e-6F * taps + 1e-5F)
      << "x " << trueno::detail::format_shape(sx) << " w " << trueno::detail::format_shape(sw);
}

TEST(GpuConv2d, MatchesCpuWithPaddingAndBias) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(21);
  const auto bias = random_tensor(Shape<1>{5}, rng);
  expect_conv_matches_cpu(Shape<4>{2, 3, 9, 11}, Shape<4>{5, 3, 3, 3}, {.bias = bias, .padding = 1}, rng);
  expect_conv_matches_cpu(Shape<4>{2, 3, 9, 11}, Shape<4>{5, 3, 3, 3}, {}, rng);
  expect_conv_matches_cpu(Shape<4>{1, 3, 8, 8}, Shape<4>{5, 3, 3, 3}, {.bias = bias, .padding = {2, 0}}, rng);
}

TEST(GpuConv2d, MatchesCpuWithStrideAndDilation) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(22);
  expect_conv_matches_cpu(Shape<4>{2, 4, 13, 17}, Shape<4>{6, 4, 3, 5}, {.stride = 2, .padding = 1}, rng);
  expect_conv_matches_cpu(Shape<4>{1, 4, 13, 17}, Shape<4>{6, 4, 3, 3}, {.stride = {2, 3}, .dilation = 2},
                          rng);
  expect_conv_matches_cpu(Shape<4>{3, 2, 10, 9}, Shape<4>{7, 2, 2, 3},
                          {.stride = {1, 2}, .padding = {1, 2}, .dilation = {3, 1}}, rng);
}

TEST(GpuConv2d, MatchesCpuOnOneByOneAndStringPadding) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(23);
  expect_conv_matches_cpu(Shape<4>{3, 8, 7, 7}, Shape<4>{16, 8, 1, 1}, {}, rng);  // K = 8 (vec4 weights)
  expect_conv_matches_cpu(Shape<4>{2, 5, 6, 6}, Shape<4>{3, 5, 1, 1}, {.stride = 2}, rng);
  expect_conv_matches_cpu(Shape<4>{1, 3, 11, 7}, Shape<4>{4, 3, 4, 3}, {.padding = "same"}, rng);
  expect_conv_matches_cpu(Shape<4>{1, 3, 11, 7}, Shape<4>{4, 3, 4, 3}, {.padding = "valid"}, rng);
  expect_conv_matches_cpu(Shape<4>{1, 1, 1, 1}, Shape<4>{1, 1, 1, 1}, {}, rng);
}

TEST(GpuConv2d, MatchesCpuAcrossSeveralTiles) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(24);
  const auto bias = random_tensor(Shape<1>{70}, rng);
  // 70 output channels and 2 * 12 * 12 pixels straddle every tile; K = 37 * 9 = 333 is not a multiple of 4.
  expect_conv_matches_cpu(Shape<4>{2, 37, 12, 12}, Shape<4>{70, 37, 3, 3}, {.bias = bias, .padding = 1}, rng);
  expect_conv_matches_cpu(Shape<4>{2, 16, 12, 12}, Shape<4>{70, 16, 3, 3}, {.bias = bias, .padding = 1}, rng);
}

TEST(GpuConv2d, MatchesCpuWithEveryTileShape) {
  TRUENO_REQUIRE_GPU();
  using Tiles = trueno::gpu::detail::MatmulTiles;
  for (const Tiles t : {Tiles{64, 128, 16, 4, 8, 2}, Tiles{64, 128, 16, 8, 8, 2},
                        Tiles{128, 128, 16, 8, 8, 2}, Tiles{64, 64, 16, 4, 4, 2}, Tiles{64, 256, 8, 8, 8, 2},
                        Tiles{32, 64, 8, 2, 4, 1}, Tiles{32, 32, 8, 4, 4, 2}}) {
    const trueno_test::TilesGuard guard(&trueno::gpu::detail::Context::conv_tiles, t);
    std::mt19937 rng(25);
    const auto bias = random_tensor(Shape<1>{19}, rng);
    expect_conv_matches_cpu(Shape<4>{2, 12, 9, 10}, Shape<4>{19, 12, 3, 3}, {.bias = bias, .padding = 1},
                            rng);
    expect_conv_matches_cpu(Shape<4>{1, 5, 9, 10}, Shape<4>{19, 5, 3, 3}, {.stride = 2, .dilation = 2}, rng);
  }
}

TEST(GpuConv2d, PixelBlocksBeyondTheGridWidthContinueAlongZ) {
  TRUENO_REQUIRE_GPU();
  auto& ctx = trueno::gpu::detail::context();
  const std::size_t max_x = ctx.max_groups()[0], bn = ctx.conv_tiles.bn;
  if (max_x * bn > (std::size_t{1} << 23)) GTEST_SKIP() << "the grid is too wide to overflow in a test";
  const std::size_t rows = ((max_x + 3) * bn + 999) / 1000;  // a few pixel blocks more than the grid's width
  std::mt19937 rng(28);
  expect_conv_matches_cpu(Shape<4>{1, 1, rows, 1000}, Shape<4>{2, 1, 1, 1}, {}, rng);
}

TEST(GpuConv2d, UnbatchedInputKeepsItsRank) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(26);
  expect_conv_matches_cpu(Shape<3>{3, 10, 10}, Shape<4>{4, 3, 3, 3}, {.padding = 1}, rng);
}

TEST(GpuConv2d, ShapeErrorsMatchTheCpu) {
  TRUENO_REQUIRE_GPU();
  const auto x = trueno::zeros<float>({1, 3, 5, 5});
  const auto w = trueno::zeros<float>({4, 2, 3, 3});
  const auto gx = x.to(trueno::gpu::device());
  const auto gw = w.to(trueno::gpu::device());
  std::string cpu_message;
  try {
    (void)trueno::conv2d(x, w);
  } catch (const trueno::shape_error& e) {
    cpu_message = e.what();
  }
  ASSERT_FALSE(cpu_message.empty());
  try {
    (void)trueno::conv2d(gx, gw);
    ADD_FAILURE() << "no shape_error for 3 input channels and a weight of 2";
  } catch (const trueno::shape_error& e) {
    EXPECT_EQ(std::string(e.what()), cpu_message);
  }
  const auto w3 = trueno::zeros<float>({4, 3, 7, 7}).to(trueno::gpu::device());
  EXPECT_THROW((void)trueno::conv2d(gx, w3), trueno::shape_error);  // kernel larger than the input
  const auto ok = trueno::zeros<float>({4, 3, 3, 3}).to(trueno::gpu::device());
  EXPECT_THROW((void)trueno::conv2d(gx, ok, {.bias = trueno::zeros<float>({5})}), trueno::shape_error);
  EXPECT_THROW((void)trueno::conv2d(gx, ok, {.stride = 0}), trueno::value_error);
}

TEST(GpuConv2d, GroupsAboveOneThrowGpuError) {
  TRUENO_REQUIRE_GPU();
  const auto gx = trueno::zeros<float>({1, 4, 5, 5}).to(trueno::gpu::device());
  const auto gw = trueno::zeros<float>({4, 2, 3, 3}).to(trueno::gpu::device());
  try {
    (void)trueno::conv2d(gx, gw, {.groups = 2});
    ADD_FAILURE() << "no gpu_error for groups=2";
  } catch (const trueno::gpu_error& e) {
    EXPECT_NE(std::string(e.what()).find("groups=2"), std::string::npos) << e.what();
  }
}

TEST(GpuConv2d, ChainStaysOnTheDevice) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(27);
  const auto x = random_tensor(Shape<4>{2, 4, 8, 8}, rng);
  const auto w = random_tensor(Shape<4>{4, 4, 3, 3}, rng);
  trueno::gpu::synchronize();
  trueno::gpu::reset_stats();
  const auto gx = x.to(trueno::gpu::device());
  const auto gw = w.to(trueno::gpu::device());
  const auto got = trueno::conv2d(trueno::conv2d(gx, gw, {.padding = 1}) + gx, gw, {.padding = 1}).cpu();
  const auto s = trueno::gpu::stats();
  EXPECT_EQ(s.transfers(), 3U);
  EXPECT_EQ(s.submits, 1U);
  const auto want = trueno::conv2d(trueno::conv2d(x, w, {.padding = 1}) + x, w, {.padding = 1});
  EXPECT_LE(max_abs_diff(got, want), 1e-4F);
}

}  // namespace
