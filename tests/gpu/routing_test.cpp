// Automatic routing of host matmul and conv2d to the GPU: TRUENO_GPU=force routes everything (no threshold),
// user thresholds decide by work, what cannot run there stays on the CPU, and the calibration measures.
#include <cmath>
#include <limits>
#include <string>

#include "gpu/gpu_test.hpp"

namespace {

using trueno::Shape;
using trueno_test::max_abs_diff;
using trueno_test::random_tensor;

// Routing with `t` (or the forced default) for one test; every host op stays on the CPU again afterwards.
class RoutingGuard {
 public:
  RoutingGuard() { trueno::gpu::reset_routing_thresholds(); }
  explicit RoutingGuard(const trueno::gpu::RoutingThresholds& t) { trueno::gpu::set_routing_thresholds(t); }
  RoutingGuard(const RoutingGuard&) = delete;
  RoutingGuard& operator=(const RoutingGuard&) = delete;
  ~RoutingGuard() { trueno::gpu::set_routing_thresholds({}); }
};

// The CPU's own result (routing off).
template <class F>
auto on_cpu(F f) {
  trueno::gpu::set_routing_thresholds({});
  return f();
}

TEST(GpuRouting, ForceRoutesHostMatmulWithoutThreshold) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(51);
  const auto a = random_tensor(Shape<2>{37, 41}, rng);
  const auto b = random_tensor(Shape<2>{41, 29}, rng);
  const auto want = on_cpu([&] { return trueno::matmul(a, b); });
  const RoutingGuard forced;
  const auto t = trueno::gpu::routing_thresholds();
  EXPECT_EQ(t.matmul_flops, 0.0);
  EXPECT_EQ(t.conv2d_flops, 0.0);
  trueno::gpu::synchronize();
  trueno::gpu::reset_stats();
  const auto got = trueno::matmul(a, b);
  const auto s = trueno::gpu::stats();
  EXPECT_EQ(s.uploads, 2U);
  EXPECT_EQ(s.downloads, 1U);
  EXPECT_EQ(s.dispatches, 1U);
  EXPECT_LE(max_abs_diff(got, want), 1e-4F);
  // A transposed (strided) host view is uploaded through its strides.
  const auto want_t = on_cpu([&] { return trueno::matmul(b.transpose(), a.transpose()); });
  trueno::gpu::reset_routing_thresholds();
  EXPECT_LE(max_abs_diff(trueno::matmul(b.transpose(), a.transpose()), want_t), 1e-4F);
}

TEST(GpuRouting, ForceRoutesHostConv2d) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(52);
  const auto x = random_tensor(Shape<4>{2, 3, 11, 9}, rng);
  const auto w = random_tensor(Shape<4>{5, 3, 3, 3}, rng);
  const auto bias = random_tensor(Shape<1>{5}, rng);
  const trueno::Conv2dOptions opt{.bias = bias, .stride = 2, .padding = 1};
  const auto want = on_cpu([&] { return trueno::conv2d(x, w, opt); });
  const auto want_unbatched = on_cpu([&] { return trueno::conv2d(x.slice(0), w, opt); });
  const RoutingGuard forced;
  trueno::gpu::synchronize();
  trueno::gpu::reset_stats();
  const auto got = trueno::conv2d(x, w, opt);
  const auto s = trueno::gpu::stats();
  EXPECT_EQ(s.uploads, 3U);  // input, weight, bias
  EXPECT_EQ(s.downloads, 1U);
  EXPECT_EQ(s.dispatches, 1U);
  EXPECT_LE(max_abs_diff(got, want), 1e-4F);
  EXPECT_LE(max_abs_diff(trueno::conv2d(x.slice(0), w, opt), want_unbatched), 1e-4F);
}

TEST(GpuRouting, UserThresholdsDecideByWork) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(53);
  const auto small = random_tensor(Shape<2>{32, 32}, rng);
  const auto large = random_tensor(Shape<2>{64, 64}, rng);
  const RoutingGuard guard({.matmul_flops = 2.0 * 64 * 64 * 64});  // conv2d: never
  trueno::gpu::synchronize();
  trueno::gpu::reset_stats();
  (void)trueno::matmul(small, small);
  EXPECT_EQ(trueno::gpu::stats().dispatches, 0U);
  (void)trueno::matmul(large, large);
  EXPECT_EQ(trueno::gpu::stats().dispatches, 1U);
  (void)trueno::conv2d(random_tensor(Shape<4>{1, 8, 32, 32}, rng), random_tensor(Shape<4>{8, 8, 3, 3}, rng));
  EXPECT_EQ(trueno::gpu::stats().dispatches, 1U);
}

TEST(GpuRouting, WhatTheGpuCannotRunStaysOnTheCpu) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(54);
  const RoutingGuard forced;
  trueno::gpu::synchronize();
  trueno::gpu::reset_stats();
  const auto d = trueno::ones<double>({8, 8});
  EXPECT_EQ(trueno::matmul(d, d)(3, 3), 8.0);  // double
  const auto a = random_tensor(Shape<3>{2, 4, 5}, rng);
  (void)trueno::matmul(a, random_tensor(Shape<2>{5, 3}, rng));  // batched: not routed (yet)
  auto out = trueno::zeros<float>({6, 8});
  const auto m = random_tensor(Shape<2>{3, 5}, rng);
  const auto n = random_tensor(Shape<2>{5, 4}, rng);
  trueno::matmul(m, n, out.slice(trueno::range(0, 6, 2), trueno::range(0, 8, 2)));  // strided out
  const auto x = random_tensor(Shape<4>{1, 4, 6, 6}, rng);
  (void)trueno::conv2d(x, random_tensor(Shape<4>{4, 2, 3, 3}, rng), {.groups = 2});  // grouped
  EXPECT_EQ(trueno::gpu::stats().dispatches, 0U);
  const auto want = on_cpu([&] { return trueno::matmul(m, n); });
  EXPECT_EQ(out(2, 2), want(1, 1));
}

TEST(GpuRouting, GpuFailureFallsBackToTheCpu) {
  TRUENO_REQUIRE_GPU();
  // An outer product whose result is larger than the device's memory heap: the allocation fails (gpu_error)
  // and the CPU computes it.
  const std::size_t n = 6000;  // 144 MB of result; lavapipe's heap holds 128 MiB
  const auto a = trueno::arange<float>(static_cast<float>(n)).reshape({n, 1});
  const auto b = trueno::full<float>({1, n}, 0.5F);
  const RoutingGuard forced;
  trueno::gpu::synchronize();
  trueno::gpu::reset_stats();
  const auto got = trueno::matmul(a, b);
  if (trueno::gpu::stats().dispatches != 0U)
    GTEST_SKIP() << "the device holds the result: nothing to fall back from";
  EXPECT_EQ(got(n - 1, n - 1), 0.5F * static_cast<float>(n - 1));
  EXPECT_EQ(got(3, 7), 1.5F);
}

// lavapipe ends a shader invocation's loops after 65535 iterations: a product whose K loop would pass that
// throws gpu_error on device tensors (not a sum cut short) and runs on the CPU when routed.
TEST(GpuRouting, DeviceLoopBoundThrowsOrFallsBackToTheCpu) {
  TRUENO_REQUIRE_GPU();
  const auto& ctx = trueno::gpu::detail::context();
  const std::uint64_t bound = ctx.max_loop_iterations();
  if (bound > (std::uint64_t{1} << 20)) GTEST_SKIP() << ctx.info.name << " has no loop bound";
  const std::size_t at_bound = bound * ctx.matmul_tiles.bk;  // the longest K that fits
  for (const std::size_t k : {at_bound, at_bound + 1}) {
    const auto a = trueno::ones<float>({1, k});
    const auto b = trueno::ones<float>({k, 2});
    const auto ga = a.to(trueno::gpu::device()), gb = b.to(trueno::gpu::device());
    if (k == at_bound) {
      EXPECT_EQ(trueno::matmul(ga, gb).cpu()(0, 1), static_cast<float>(k));  // exact: an integer below 2^24
      continue;
    }
    try {
      (void)trueno::matmul(ga, gb);
      ADD_FAILURE() << "no gpu_error at K = " << k;
    } catch (const trueno::gpu_error& e) {
      EXPECT_NE(std::string(e.what()).find("matmul: K = " + std::to_string(k)), std::string::npos)
          << e.what();
    }
    const RoutingGuard forced;
    EXPECT_EQ(trueno::matmul(a, b)(0, 0), static_cast<float>(k));  // routed, refused, computed on the CPU
  }
}

TEST(GpuRouting, CalibrationMeasuresACandidateOrNever) {
  TRUENO_REQUIRE_GPU();
  trueno::gpu::set_routing_thresholds({});
  const auto t = trueno::gpu::detail::measure_thresholds();
  const auto is_matmul_candidate = [](double f) {
    for (const double n : {64.0, 128.0, 256.0, 512.0, 1024.0, 2048.0}) {
      if (f == 2 * n * n * n) return true;
    }
    return std::isinf(f);
  };
  const auto is_conv_candidate = [](double f) {
    for (const double s : {8.0, 16.0, 32.0, 64.0, 128.0}) {
      if (f == 2 * 32 * 32 * 9 * s * s) return true;
    }
    return std::isinf(f);
  };
  EXPECT_TRUE(is_matmul_candidate(t.matmul_flops)) << t.matmul_flops;
  EXPECT_TRUE(is_conv_candidate(t.conv2d_flops)) << t.conv2d_flops;
  // Host ops during the calibration ran on the CPU, and routing works again after it.
  EXPECT_FALSE(trueno::gpu::detail::routing_suspended);
}

}  // namespace
