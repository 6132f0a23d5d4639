// Tensor ops split over the thread pool give bit-identical results for any thread count, and the pool runs
// every task exactly once and passes exceptions back to the caller.
#include <gtest/gtest.h>

#include <atomic>
#include <bit>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "common/thread_count.hpp"
#include "trueno/trueno.hpp"

namespace {

using trueno_test::ThreadCountScope;

trueno::Tensor<float, 2> pseudo_random(std::size_t rows, std::size_t cols) {
  auto t = trueno::empty<float>({rows, cols});
  std::uint32_t x = 12345;
  for (std::size_t i = 0; i < t.size(); ++i) {
    x = x * 1664525U + 1013904223U;
    t.data()[i] = static_cast<float>(x >> 8) * 0x1p-24F - 0.5F;
  }
  return t;
}

bool same_bits(float a, float b) {
  return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

template <std::size_t N>
bool same_bits(const trueno::Tensor<float, N>& a, const trueno::Tensor<float, N>& b) {
  if (a.shape() != b.shape()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same_bits(a.data()[i], b.data()[i])) return false;
  }
  return true;
}

TEST(ThreadPool, RunsEveryTaskOnceForAnyThreadCount) {
  for (int threads : {1, 2, 3, 8}) {
    ThreadCountScope scope(threads);
    std::vector<std::atomic<int>> hits(1000);
    trueno::detail::parallel_for(hits.size(), [&](std::size_t i) { hits[i].fetch_add(1); });
    for (const auto& h : hits) EXPECT_EQ(h.load(), 1) << "threads=" << threads;
  }
}

TEST(ThreadPool, RethrowsTheExceptionOfATaskAfterAllTasksEnd) {
  ThreadCountScope scope(4);
  std::atomic<int> ran{0};
  EXPECT_THROW(trueno::detail::parallel_for(64,
                                            [&](std::size_t i) {
                                              ran.fetch_add(1);
                                              if (i == 7) throw std::runtime_error("task 7");
                                            }),
               std::runtime_error);
  EXPECT_EQ(ran.load(), 64);
}

TEST(ThreadPool, NestedParallelForRunsSerially) {
  ThreadCountScope scope(4);
  std::atomic<int> total{0};
  trueno::detail::parallel_for(
      8, [&](std::size_t) { trueno::detail::parallel_for(8, [&](std::size_t) { total.fetch_add(1); }); });
  EXPECT_EQ(total.load(), 64);
}

TEST(TensorThreads, ElementwiseAndReductionsAreBitIdenticalForOneAndTwoThreads) {
  const auto a = pseudo_random(1536, 2049);  // above the parallel threshold, odd row length
  const auto b = pseudo_random(1, 2049);
  std::vector<trueno::Tensor<float, 2>> sums, exps, col_sums, col_max, row_sums;
  std::vector<float> totals, maxes;
  for (int threads : {1, 2}) {
    ThreadCountScope scope(threads);
    sums.push_back(a + b);
    exps.push_back(trueno::exp(a.transpose()).transpose().clone());
    col_sums.push_back(trueno::sum(a, 0, trueno::keepdims));
    col_max.push_back(trueno::max(a, 0, trueno::keepdims));
    row_sums.push_back(trueno::sum(a, 1, trueno::keepdims));
    totals.push_back(trueno::sum(a));
    maxes.push_back(trueno::max(a));
  }
  EXPECT_TRUE(same_bits(sums[0], sums[1]));
  EXPECT_TRUE(same_bits(exps[0], exps[1]));
  EXPECT_TRUE(same_bits(col_sums[0], col_sums[1]));
  EXPECT_TRUE(same_bits(col_max[0], col_max[1]));
  EXPECT_TRUE(same_bits(row_sums[0], row_sums[1]));
  EXPECT_TRUE(same_bits(totals[0], totals[1]));
  EXPECT_EQ(maxes[0], maxes[1]);
  // And they are right: spot-check against a double-precision sum of one column.
  double col = 0;
  for (std::size_t r = 0; r < a.shape()[0]; ++r) col += a(r, 5);
  EXPECT_NEAR(col_sums[0](0, 5), col, 1e-3);
}

// Outputs of 16 MiB and more are written with streaming stores by every task of a parallel loop (the hint
// of core/stream_hint.hpp); the values must not change with the thread count or the row shape.
TEST(TensorThreads, LargeOutputsGiveTheSameBitsWithStreamingTasks) {
  const auto a = pseudo_random(2200, 2049);  // 4.5M floats: an 18 MB output
  const auto b = pseudo_random(2200, 1);
  std::vector<trueno::Tensor<float, 2>> sums, exps;
  for (int threads : {1, 2, 3}) {
    ThreadCountScope scope(threads);
    sums.push_back(a + b);
    exps.push_back(trueno::exp(a));
  }
  for (std::size_t t = 1; t < sums.size(); ++t) {
    EXPECT_TRUE(same_bits(sums[0], sums[t])) << "threads " << t + 1;
    EXPECT_TRUE(same_bits(exps[0], exps[t])) << "threads " << t + 1;
  }
  EXPECT_EQ(sums[0](2199, 2048), a(2199, 2048) + b(2199, 0));
  EXPECT_EQ(exps[0](1234, 777), trueno::exp(a.slice(1234, trueno::range(777, 778)))(0));
}

TEST(TensorThreads, StreamingHintScopeRestoresThePreviousValue) {
  using trueno::detail::stream_outputs_hint;
  ASSERT_FALSE(stream_outputs_hint());
  {
    const trueno::detail::StreamOutputsScope outer(true);
    EXPECT_TRUE(stream_outputs_hint());
    {
      const trueno::detail::StreamOutputsScope inner(false);
      EXPECT_FALSE(stream_outputs_hint());
    }
    EXPECT_TRUE(stream_outputs_hint());
  }
  EXPECT_FALSE(stream_outputs_hint());
}

}  // namespace
