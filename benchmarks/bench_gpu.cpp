// trueno — the Vulkan path's speed: start-up (loader + instance + device, first pipeline), the fp32 matmul
// shader at N = 2048 / 4096 / 8192 for each tile variant, and the element-wise add of resident 16M-element
// tensors. A standalone program (no Google Benchmark, so it runs where only a GPU driver is installed):
//   bench_gpu [sizes...]        e.g. `bench_gpu 2048 4096`; prints one line per measurement.
// Times are wall-clock around the submit-and-wait of a batch of dispatches recorded into one command buffer
// (recording is not timed), divided by the batch size; the median of several batches after a warm-up.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "trueno/trueno.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

trueno::Tensor<float, 2> random_matrix(std::size_t n, std::mt19937& rng) {
  auto t = trueno::detail::empty_tensor<float>(trueno::Shape<2>{n, n});
  std::uniform_real_distribution<float> dist(-1.0F, 1.0F);
  for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = dist(rng);
  return t;
}

// Median milliseconds of one `op` on the device: `reps` ops are recorded into one command buffer (untimed:
// this is host work, allocation included), then the submit-and-wait is timed; the median over `batches`
// batches. The results stay alive until the batch is done, so that no free forces an early submit.
template <class Op>
double median_ms(Op op, int reps, int batches) {
  for (int i = 0; i < 2; ++i) (void)op();  // warm-up
  trueno::gpu::synchronize();
  std::vector<double> times;
  for (int b = 0; b < batches; ++b) {
    std::vector<decltype(op())> results;
    for (int r = 0; r < reps; ++r) results.push_back(op());
    const auto t0 = Clock::now();
    trueno::gpu::synchronize();
    times.push_back(ms_since(t0) / reps);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes;
  for (int i = 1; i < argc; ++i)
    sizes.push_back(static_cast<std::size_t>(std::strtoul(argv[i], nullptr, 10)));
  if (sizes.empty()) sizes = {2048, 4096, 8192};

  auto t0 = Clock::now();
  if (!trueno::gpu::available()) {
    std::printf("gpu: unavailable (%s)\n", trueno::gpu::detail::runtime().why.c_str());
    return 1;
  }
  const double startup = ms_since(t0);
  const auto& info = trueno::gpu::info();
  std::printf("device: %s (%s)\n", info.name.c_str(), std::string(trueno::gpu::to_string(info.type)).c_str());
  std::printf("startup_ms: loader+instance+device %.1f (context's own clock %.1f)\n", startup,
              info.startup_ms);

  std::mt19937 rng(42);
  {
    const auto small = random_matrix(64, rng).to(trueno::gpu::device());
    t0 = Clock::now();
    (void)trueno::matmul(small, small).cpu();
    std::printf("startup_ms: first matmul (pipeline creation + submit) %.1f\n", ms_since(t0));
    t0 = Clock::now();
    (void)trueno::matmul(small, small).cpu();
    std::printf("startup_ms: second matmul (cached pipeline) %.2f\n", ms_since(t0));
  }

  using Tiles = trueno::gpu::detail::MatmulTiles;
  const std::vector<Tiles> variants = {{128, 128, 8, 8, 8}, {128, 128, 16, 8, 8}, {64, 128, 8, 4, 8},
                                       {128, 64, 8, 8, 4},  {64, 64, 8, 4, 4},    {128, 128, 8, 8, 4},
                                       {64, 64, 16, 4, 4},  {128, 256, 8, 8, 16}, {256, 128, 8, 16, 8}};
  auto& ctx = trueno::gpu::detail::context();

  // Correctness of every variant first (N = 1024 against the CPU GEMM).
  {
    const auto a = random_matrix(1024, rng), b = random_matrix(1024, rng);
    const auto want = trueno::matmul(a, b);
    const auto ga = a.to(trueno::gpu::device()), gb = b.to(trueno::gpu::device());
    for (const Tiles t : variants) {
      ctx.matmul_tiles = t;
      const auto got = trueno::matmul(ga, gb).cpu();
      float err = 0;
      for (std::size_t i = 0; i < got.size(); ++i)
        err = std::max(err, std::abs(got.data()[i] - want.data()[i]));
      std::printf("check: tiles %ux%ux%u/%ux%u max_abs_err %.2e\n", t.bm, t.bn, t.bk, t.tm, t.tn,
                  static_cast<double>(err));
    }
  }

  for (const std::size_t n : sizes) {
    const auto ga = random_matrix(n, rng).to(trueno::gpu::device());
    const auto gb = random_matrix(n, rng).to(trueno::gpu::device());
    const double flop = 2.0 * static_cast<double>(n) * static_cast<double>(n) * static_cast<double>(n);
    const int reps = n <= 2048 ? 20 : n <= 4096 ? 6 : 2;
    for (const Tiles t : variants) {
      ctx.matmul_tiles = t;
      const double ms = median_ms([&] { return trueno::matmul(ga, gb); }, reps, 5);
      std::printf("matmul: N=%zu tiles %ux%ux%u/%ux%u %.3f ms %.2f TFLOP/s\n", n, t.bm, t.bn, t.bk, t.tm,
                  t.tn, ms, flop / ms / 1e9);
    }
  }

  {
    const std::size_t n = std::size_t{1} << 24;
    auto h = trueno::detail::empty_tensor<float>(trueno::Shape<1>{n});
    std::fill(h.data(), h.data() + n, 1.0F);
    const auto ga = h.to(trueno::gpu::device()), gb = h.to(trueno::gpu::device());
    const double ms = median_ms([&] { return trueno::add(ga, gb); }, 20, 5);
    std::printf("add: 16M floats %.3f ms %.0f GB/s\n", ms, 3.0 * 4.0 * static_cast<double>(n) / ms / 1e6);
  }
  const auto s = trueno::gpu::stats();
  std::printf("stats: uploads %llu downloads %llu submits %llu dispatches %llu pipelines %llu\n",
              static_cast<unsigned long long>(s.uploads), static_cast<unsigned long long>(s.downloads),
              static_cast<unsigned long long>(s.submits), static_cast<unsigned long long>(s.dispatches),
              static_cast<unsigned long long>(s.pipelines_created));
  return 0;
}
