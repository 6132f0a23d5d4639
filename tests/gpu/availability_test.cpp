// Without a Vulkan loader, without a driver, or with TRUENO_GPU=off, the GPU is unavailable, silently: the
// CPU path still works and moving a tensor to the GPU throws gpu_error. The GPU context is created once per
// process, so each case runs in a fresh child process (a gtest death test in "threadsafe" style re-executes
// the test binary) with the environment set before the first GPU call.
#include <cstdio>

#include "gpu/gpu_test.hpp"

namespace {

// Runs in the child: exits 0 when the GPU is unavailable and everything else behaves, else prints why and
// exits 1.
[[noreturn]] void exit_cpu_only(const char* variable, const char* value) {
  setenv("TRUENO_GPU", "force", 1);
  setenv(variable, value, 1);
  int failures = 0;
  if (trueno::gpu::available()) {
    std::fprintf(stderr, "gpu::available() is true\n");
    ++failures;
  }
  const auto a = trueno::ones<float>({2, 3});
  try {
    (void)a.to(trueno::gpu::device());
    std::fprintf(stderr, "to(gpu::device()) did not throw\n");
    ++failures;
  } catch (const trueno::gpu_error&) {
  }
  const auto c = trueno::matmul(a, a.transpose());  // the CPU path
  if (c(0, 0) != 3.0F) {
    std::fprintf(stderr, "CPU matmul gave %g\n", static_cast<double>(c(0, 0)));
    ++failures;
  }
  if (trueno::gpu::stats().transfers() != 0) ++failures;
  std::fprintf(stderr, failures == 0 ? "cpu only\n" : "failed\n");
  std::exit(failures == 0 ? 0 : 1);
}

class GpuAvailability : public ::testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

TEST_F(GpuAvailability, NoLoaderMeansCpuOnly) {
  EXPECT_EXIT(exit_cpu_only("TRUENO_VULKAN_LIBRARY", "/nonexistent/libvulkan.so.1"),
              ::testing::ExitedWithCode(0), "cpu only");
}

TEST_F(GpuAvailability, NoDriverMeansCpuOnly) {
  EXPECT_EXIT(exit_cpu_only("VK_DRIVER_FILES", "/nonexistent"), ::testing::ExitedWithCode(0), "cpu only");
}

TEST_F(GpuAvailability, OffMeansCpuOnly) {
  EXPECT_EXIT(
      {
        setenv("TRUENO_GPU", "off", 1);
        std::fprintf(stderr, trueno::gpu::available() ? "available\n" : "cpu only\n");
        std::exit(0);
      },
      ::testing::ExitedWithCode(0), "^cpu only");
}

TEST_F(GpuAvailability, InvalidModeThrowsValueErrorNamingTheVariable) {
  EXPECT_EXIT(
      {
        setenv("TRUENO_GPU", "sometimes", 1);
        try {
          (void)trueno::gpu::available();
        } catch (const trueno::value_error& e) {
          std::fprintf(stderr, "%s\n", e.what());
        }
        std::exit(0);
      },
      ::testing::ExitedWithCode(0), "TRUENO_GPU: invalid value 'sometimes'");
}

// A resident chain (uploads, batched and broadcast matmul, element-wise ops, conv2d, unary ops, softmax,
// reductions along every kind of axis, reorders, downloads) and routed host ops under the Khronos validation
// layer with synchronisation validation: zero errors.
TEST_F(GpuAvailability, ValidationLayerReportsNoErrors) {
  EXPECT_EXIT(
      {
        setenv("TRUENO_GPU", "force", 1);
        setenv("TRUENO_VULKAN_VALIDATION", "1", 1);
        if (!trueno::gpu::available() || !trueno::gpu::info().validation) {
          std::fprintf(stderr, "no validation layer (install vulkan-validationlayers)\n");
          std::exit(2);
        }
        std::mt19937 rng(21);
        const auto a = trueno_test::random_tensor(trueno::Shape<3>{3, 33, 17}, rng);
        const auto b = trueno_test::random_tensor(trueno::Shape<2>{17, 9}, rng);
        const auto ga = a.to(trueno::gpu::device());
        const auto gb = b.to(trueno::gpu::device());
        auto gc = trueno::matmul(ga, gb);
        for (int i = 0; i < 3; ++i) gc = gc * gc + gc;
        (void)gc.cpu();
        (void)trueno::matmul(gb, gb.cpu().transpose().to(trueno::gpu::device())).cpu();
        // conv2d with a bias, unary ops, softmax, reductions over several passes, a routed host matmul.
        const auto x = trueno_test::random_tensor(trueno::Shape<4>{2, 3, 9, 9}, rng);
        const auto w = trueno_test::random_tensor(trueno::Shape<4>{4, 3, 3, 3}, rng);
        const auto bias = trueno_test::random_tensor(trueno::Shape<1>{4}, rng);
        const auto gy = trueno::conv2d(x.to(trueno::gpu::device()), w.to(trueno::gpu::device()),
                                       {.bias = bias, .padding = 1});
        trueno::gpu::detail::context().reduce_chunk = 16;
        (void)(trueno::sum(trueno::softmax(trueno::tanh(gy)), -1) + trueno::mean(trueno::exp(gy))).cpu();
        (void)trueno::max(gy, -1, trueno::keepdims).cpu();
        // Along other axes: softmax composed of reductions and broadcasts, an axis cut into parts, reorders.
        const auto tall =
            trueno_test::random_tensor(trueno::Shape<2>{1000, 3}, rng).to(trueno::gpu::device());
        (void)(trueno::softmax(tall, 0) + trueno::log_softmax(tall.transpose().transpose(), 0)).cpu();
        (void)(trueno::min(tall, 0) + trueno::sum(tall.permute({1, 0}), 1)).cpu();
        (void)trueno::matmul(b.transpose(), b);  // TRUENO_GPU=force: routed
        (void)trueno::conv2d(x, w, {.stride = 2});
        const auto errors = trueno::gpu::stats().validation_errors;
        std::fprintf(stderr, "validation errors: %llu\n", static_cast<unsigned long long>(errors));
        std::exit(errors == 0 ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "validation errors: 0");
}

}  // namespace
