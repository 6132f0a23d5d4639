// GPU matmul against the CPU matmul: random shapes (1, primes, odd sizes, non-multiples of every tile),
// batched and broadcast stacks, vector operands, and several tile shapes of the one shader.
#include <vector>

#include "gpu/gpu_test.hpp"

namespace {

using trueno::Shape;
using trueno_test::max_abs_diff;
using trueno_test::random_tensor;

// fp32 tolerance for a length-k dot product of values in [-1, 1].
float tolerance(std::size_t k) { return 2e-6F * static_cast<float>(k) + 1e-6F; }

template <std::size_t A, std::size_t B>
void expect_matches_cpu(const Shape<A>& sa, const Shape<B>& sb, std::mt19937& rng) {
  const auto a = random_tensor(sa, rng);
  const auto b = random_tensor(sb, rng);
  const auto want = trueno::matmul(a, b);
  const auto got = trueno::matmul(a.to(trueno::gpu::device()), b.to(trueno::gpu::device())).cpu();
  ASSERT_EQ(got.shape(), want.shape());
  EXPECT_LE(max_abs_diff(got, want), tolerance(sa[A - 1]))
      << "shapes " << trueno::detail::format_shape(sa) << " @ " << trueno::detail::format_shape(sb);
}

const std::vector<std::size_t> kSizes = {1, 2, 3, 5, 7, 8, 13, 31, 32, 33, 64, 97, 127, 128, 129, 131, 200};

TEST(GpuMatmul, MatchesCpuOnEdgeSizes) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(1);
  for (const std::size_t m : {std::size_t{1}, std::size_t{7}, std::size_t{129}}) {
    for (const std::size_t k : {std::size_t{1}, std::size_t{13}, std::size_t{130}}) {
      for (const std::size_t n : {std::size_t{1}, std::size_t{31}, std::size_t{131}}) {
        expect_matches_cpu(Shape<2>{m, k}, Shape<2>{k, n}, rng);
      }
    }
  }
}

TEST(GpuMatmul, MatchesCpuOnRandomShapes) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(2);
  std::uniform_int_distribution<std::size_t> pick(0, kSizes.size() - 1);
  for (int i = 0; i < 40; ++i) {
    const std::size_t m = kSizes[pick(rng)], k = kSizes[pick(rng)], n = kSizes[pick(rng)];
    expect_matches_cpu(Shape<2>{m, k}, Shape<2>{k, n}, rng);
  }
}

TEST(GpuMatmul, MatchesCpuWithEveryTileShape) {
  TRUENO_REQUIRE_GPU();
  using Tiles = trueno::gpu::detail::MatmulTiles;
  // Double- and single-buffered; A loads spread over several passes or fewer items than invocations; tm not a
  // multiple of 4.
  for (const Tiles t :
       {Tiles{128, 128, 8, 8, 8, 2}, Tiles{128, 128, 16, 8, 8, 2}, Tiles{128, 128, 16, 8, 8, 1},
        Tiles{64, 128, 8, 4, 8, 2}, Tiles{128, 64, 16, 8, 4, 2}, Tiles{64, 64, 16, 4, 4, 2},
        Tiles{32, 32, 8, 4, 4, 1}, Tiles{16, 16, 4, 4, 4, 2}, Tiles{32, 64, 12, 8, 4, 2},
        Tiles{64, 32, 8, 2, 4, 2}, Tiles{48, 32, 8, 3, 4, 1}, Tiles{256, 128, 8, 16, 8, 2}}) {
    const trueno_test::TilesGuard guard(&trueno::gpu::detail::Context::matmul_tiles, t);
    std::mt19937 rng(3);
    expect_matches_cpu(Shape<2>{131, 67}, Shape<2>{67, 257}, rng);  // scalar loads
    expect_matches_cpu(Shape<2>{129, 68}, Shape<2>{68, 132}, rng);  // vec4 loads (K, N multiples of 4)
    expect_matches_cpu(Shape<3>{3, 33, 12}, Shape<3>{3, 12, 20}, rng);
    expect_matches_cpu(Shape<2>{1, 200}, Shape<2>{200, 1}, rng);
    expect_matches_cpu(Shape<3>{3, 70, 9}, Shape<3>{3, 9, 130}, rng);
  }
}

TEST(GpuMatmul, BatchedAndBroadcastStacks) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(4);
  expect_matches_cpu(Shape<3>{5, 17, 23}, Shape<3>{5, 23, 11}, rng);  // full stacks
  expect_matches_cpu(Shape<3>{4, 33, 8}, Shape<2>{8, 65}, rng);       // b broadcast
  expect_matches_cpu(Shape<2>{9, 12}, Shape<3>{3, 12, 7}, rng);       // a broadcast
  expect_matches_cpu(Shape<4>{2, 1, 5, 6}, Shape<3>{3, 6, 4}, rng);   // partly broadcast batch axes
  expect_matches_cpu(Shape<4>{2, 3, 4, 5}, Shape<4>{2, 3, 5, 6}, rng);
}

TEST(GpuMatmul, VectorOperandsFollowNumPy) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(5);
  expect_matches_cpu(Shape<1>{37}, Shape<2>{37, 5}, rng);
  expect_matches_cpu(Shape<2>{6, 37}, Shape<1>{37}, rng);
  expect_matches_cpu(Shape<1>{37}, Shape<3>{2, 37, 3}, rng);
  expect_matches_cpu(Shape<1>{101}, Shape<1>{101}, rng);
}

TEST(GpuMatmul, EmptyInnerDimensionGivesZeros) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(6);
  const auto a = random_tensor(Shape<2>{3, 0}, rng);
  const auto b = random_tensor(Shape<2>{0, 4}, rng);
  const auto got = trueno::matmul(a.to(trueno::gpu::device()), b.to(trueno::gpu::device())).cpu();
  ASSERT_EQ(got.shape(), (Shape<2>{3, 4}));
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got.data()[i], 0.0F);
  const auto empty = trueno::matmul(random_tensor(Shape<2>{0, 3}, rng).to(trueno::gpu::device()),
                                    random_tensor(Shape<2>{3, 4}, rng).to(trueno::gpu::device()));
  EXPECT_EQ(empty.cpu().shape(), (Shape<2>{0, 4}));
}

TEST(GpuMatmul, InvalidTileShapesThrowValueError) {
  TRUENO_REQUIRE_GPU();
  const auto a = trueno::zeros<float>({4, 4}).to(trueno::gpu::device());
  using Tiles = trueno::gpu::detail::MatmulTiles;
  for (const Tiles t : {Tiles{16, 16, 4, 2, 2, 2}, Tiles{16, 16, 6, 4, 4, 2}, Tiles{16, 16, 4, 4, 4, 3},
                        Tiles{20, 16, 4, 8, 4, 2}, Tiles{256, 256, 64, 16, 16, 2}}) {
    const trueno_test::TilesGuard guard(&trueno::gpu::detail::Context::matmul_tiles, t);
    EXPECT_THROW((void)trueno::matmul(a, a), trueno::value_error)
        << t.bm << "x" << t.bn << "x" << t.bk << "/" << t.tm << "x" << t.tn << " " << t.stages;
  }
}

TEST(GpuMatmul, MismatchedInnerDimensionsThrowShapeError) {
  TRUENO_REQUIRE_GPU();
  const auto a = trueno::zeros<float>({2, 3}).to(trueno::gpu::device());
  const auto b = trueno::zeros<float>({4, 5}).to(trueno::gpu::device());
  EXPECT_THROW((void)trueno::matmul(a, b), trueno::shape_error);
}

TEST(GpuMatmul, ChainStaysOnTheDevice) {
  TRUENO_REQUIRE_GPU();
  std::mt19937 rng(7);
  const auto a = random_tensor(Shape<2>{40, 40}, rng);
  const auto b = random_tensor(Shape<2>{40, 40}, rng);
  trueno::gpu::synchronize();
  trueno::gpu::reset_stats();
  // Five ops, two uploads, one download, one submit.
  const auto ga = a.to(trueno::gpu::device());
  const auto gb = b.to(trueno::gpu::device());
  const auto gc = trueno::matmul(trueno::matmul(ga, gb) + ga, gb) * gb - ga;
  const auto got = gc.cpu();
  const auto s = trueno::gpu::stats();
  EXPECT_EQ(s.uploads, 2U);
  EXPECT_EQ(s.downloads, 1U);
  EXPECT_EQ(s.transfers(), 3U);
  EXPECT_EQ(s.dispatches, 5U);
  EXPECT_EQ(s.submits, 1U);
  const auto want = trueno::matmul(trueno::matmul(a, b) + a, b) * b - a;
  EXPECT_LE(max_abs_diff(got, want), 1e-3F);
}

TEST(GpuMatmul, PipelinesAreCreatedOnce) {
  TRUENO_REQUIRE_GPU();
  const auto a = trueno::ones<float>({8, 8}).to(trueno::gpu::device());
  (void)trueno::matmul(a, a).cpu();
  const auto before = trueno::gpu::stats().pipelines_created;
  for (int i = 0; i < 5; ++i) (void)trueno::matmul(a, a).cpu();
  EXPECT_EQ(trueno::gpu::stats().pipelines_created, before);
}

}  // namespace
