// The GPU buffer pool: ranges are reused (no growth over many allocate/free cycles, through the pool and
// through tensors), and an allocation the device cannot hold throws gpu_error.
#include "gpu/gpu_test.hpp"

namespace {

using trueno::gpu::detail::context;

TEST(GpuBufferPool, TenThousandCyclesDoNotGrow) {
  TRUENO_REQUIRE_GPU();
  trueno::gpu::synchronize();
  {
    auto warm = context().allocate(1000);  // the first block
  }
  const auto [reserved, live] = context().pool_usage();
  for (int i = 0; i < 10000; ++i) {
    auto a = context().allocate(4 * static_cast<std::size_t>(1 + i % 97));
    auto b = context().allocate(std::size_t{1} << static_cast<unsigned>(i % 20));
  }
  EXPECT_EQ(context().pool_usage().first, reserved);
  EXPECT_EQ(context().pool_usage().second, live);
}

TEST(GpuBufferPool, TensorRoundTripsDoNotGrow) {
  TRUENO_REQUIRE_GPU();
  const auto t = trueno::arange<float>(300);
  (void)t.to(trueno::gpu::device()).cpu();
  const auto [reserved, live] = context().pool_usage();
  for (int i = 0; i < 10000; ++i) {
    const auto g = t.to(trueno::gpu::device());
    if (i % 1000 == 0) {
      ASSERT_EQ(g.cpu()(299), 299.0F);
    }
  }
  trueno::gpu::synchronize();  // frees deferred behind a batch are returned at its end
  EXPECT_EQ(context().pool_usage().first, reserved);
  EXPECT_EQ(context().pool_usage().second, live);
}

TEST(GpuBufferPool, LargeAllocationsGoBackToTheDriver) {
  TRUENO_REQUIRE_GPU();
  trueno::gpu::synchronize();
  const auto before = context().pool_usage();
  {
    auto big = context().allocate(std::size_t{100} << 20);  // beyond one block: a dedicated one
    EXPECT_GE(context().pool_usage().first, before.first + (std::size_t{100} << 20));
  }
  EXPECT_EQ(context().pool_usage(), before);
}

TEST(GpuBufferPool, OverLargeAllocationThrowsGpuError) {
  TRUENO_REQUIRE_GPU();
  EXPECT_THROW((void)context().allocate(std::size_t{1} << 50), trueno::gpu_error);
  // The pool is intact afterwards.
  const auto t = trueno::ones<float>({5});
  EXPECT_EQ(t.to(trueno::gpu::device()).cpu()(4), 1.0F);
}

}  // namespace
