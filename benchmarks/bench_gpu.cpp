// trueno — the Vulkan path's speed: start-up (loader + instance + device, first pipeline), the routing
// calibration and routed host matmuls, the fp32 matmul shader at N = 2048 / 4096 / 8192 for each tile variant
// (the autotuning set), conv2d 32x64x56x56 -> 64 (3x3, padding 1) for each conv tile variant, and
// memory-bound ops on resident 16M-element tensors (add, exp, sum, max, softmax, along either axis;
// transpose). Every variant is checked against the CPU first. A standalone program (no Google Benchmark, so
// it runs where only a GPU driver is installed):
//   bench_gpu [sizes...]        e.g. `bench_gpu 2048 4096`; prints one line per measurement.
//   bench_gpu --startup         start-up and the first two matmuls only (compare gpu_startup_roof).
// Times are wall-clock around the submit-and-wait of a batch of dispatches recorded into one command buffer
// (recording is not timed), divided by the batch size; the median of several batches after a warm-up.
#include <algorithm>
#include <chrono>
#include <cmath>
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
  bool startup_only = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--startup") {
      startup_only = true;
      continue;
    }
    sizes.push_back(static_cast<std::size_t>(std::strtoul(argv[i], nullptr, 10)));
  }
  if (sizes.empty()) sizes = {2048, 4096, 8192};

  auto t0 = Clock::now();
  if (!trueno::gpu::available()) {
    std::printf("gpu: unavailable (%s)\n", trueno::gpu::detail::runtime().why.c_str());
    return 1;
  }
  const double startup = ms_since(t0);
  const auto& info = trueno::gpu::info();
  std::printf("device: %s (%s)\n", info.name.c_str(), std::string(trueno::gpu::to_string(info.type)).c_str());
  std::printf(
      "startup_ms: loader+instance+device %.1f (context's own clock %.1f: loader %.1f instance %.1f "
      "device %.1f)\n",
      startup, info.startup_ms, info.loader_ms, info.instance_ms, info.device_ms);

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
  if (startup_only) return 0;

  // Routing of host tensors: the calibration (once per process), then a routed host matmul; afterwards every
  // host op stays on the CPU (the references below).
  {
    t0 = Clock::now();
    const auto th = trueno::gpu::routing_thresholds();
    std::printf("routing: calibration %.1f ms: matmul from %.3g flop (n^3 = %.0f^3), conv2d from %.3g flop\n",
                ms_since(t0), th.matmul_flops, std::cbrt(th.matmul_flops / 2), th.conv2d_flops);
    for (const std::size_t n : {std::size_t{512}, std::size_t{2048}}) {
      const auto a = random_matrix(n, rng);
      double best_gpu = 1e30, best_cpu = 1e30;
      for (int i = 0; i < 3; ++i) {
        t0 = Clock::now();
        (void)trueno::matmul(a, a);
        best_gpu = std::min(best_gpu, ms_since(t0));
      }
      trueno::gpu::set_routing_thresholds({});
      for (int i = 0; i < 3; ++i) {
        t0 = Clock::now();
        (void)trueno::matmul(a, a);
        best_cpu = std::min(best_cpu, ms_since(t0));
      }
      trueno::gpu::reset_routing_thresholds();
      std::printf("routing: host matmul N=%zu as routed %.2f ms, on the CPU %.2f ms\n", n, best_gpu,
                  best_cpu);
    }
    trueno::gpu::set_routing_thresholds({});
  }

  using Tiles = trueno::gpu::detail::MatmulTiles;
  // {bm, bn, bk, tm, tn, stages}: the autotuning set (stages 2 = double-buffered shared memory).
  const std::vector<Tiles> variants = {
      {128, 128, 16, 8, 8, 2},  {256, 128, 8, 16, 8, 2}, {128, 128, 32, 8, 8, 1}, {128, 256, 16, 8, 16, 2},
      {256, 128, 16, 16, 8, 2}, {128, 128, 16, 8, 8, 1}, {64, 128, 8, 4, 8, 2}};
  auto& ctx = trueno::gpu::detail::context();
  const Tiles default_tiles = ctx.matmul_tiles;

  // Correctness of every variant first (N = 1024 against the CPU GEMM); variants the device cannot run are
  // skipped.
  std::vector<Tiles> valid;
  {
    const auto a = random_matrix(1024, rng), b = random_matrix(1024, rng);
    const auto want = trueno::matmul(a, b);
    const auto ga = a.to(trueno::gpu::device()), gb = b.to(trueno::gpu::device());
    for (const Tiles t : variants) {
      ctx.matmul_tiles = t;
      try {
        trueno::gpu::detail::check_matmul_tiles(t, ctx);
      } catch (const trueno::value_error& e) {
        std::printf("check: skipped: %s\n", e.what());
        continue;
      }
      valid.push_back(t);
      const auto got = trueno::matmul(ga, gb).cpu();
      float err = 0;
      for (std::size_t i = 0; i < got.size(); ++i)
        err = std::max(err, std::abs(got.data()[i] - want.data()[i]));
      std::printf("check: tiles %ux%ux%u/%ux%u/s%u max_abs_err %.2e\n", t.bm, t.bn, t.bk, t.tm, t.tn,
                  t.stages, static_cast<double>(err));
    }
  }

  for (const std::size_t n : sizes) {
    const auto ga = random_matrix(n, rng).to(trueno::gpu::device());
    const auto gb = random_matrix(n, rng).to(trueno::gpu::device());
    const double flop = 2.0 * static_cast<double>(n) * static_cast<double>(n) * static_cast<double>(n);
    const int reps = n <= 2048 ? 20 : n <= 4096 ? 6 : 2;
    // The GPU idled while the host made the operands: a second of work brings its clocks up first. Then three
    // interleaved rounds over the variants, so that neither a drift nor the order favours one.
    (void)median_ms([&] { return trueno::matmul(ga, gb); }, reps, 5);
    for (int round = 0; round < 3; ++round) {
      for (const Tiles t : valid) {
        ctx.matmul_tiles = t;
        const double ms = median_ms([&] { return trueno::matmul(ga, gb); }, reps, 5);
        std::printf("matmul: round %d N=%zu tiles %ux%ux%u/%ux%u/s%u %.3f ms %.2f TFLOP/s\n", round, n, t.bm,
                    t.bn, t.bk, t.tm, t.tn, t.stages, ms, flop / ms / 1e9);
        std::fflush(stdout);
      }
    }
  }

  ctx.matmul_tiles = default_tiles;

  // conv2d 32x64x56x56 -> 64, 3x3, padding 1 (the implicit-GEMM shader), each conv tile variant; checked
  // against the CPU conv2d first.
  {
    auto x = trueno::detail::empty_tensor<float>(trueno::Shape<4>{32, 64, 56, 56});
    auto w = trueno::detail::empty_tensor<float>(trueno::Shape<4>{64, 64, 3, 3});
    std::uniform_real_distribution<float> dist(-1.0F, 1.0F);
    for (std::size_t i = 0; i < x.size(); ++i) x.data()[i] = dist(rng);
    for (std::size_t i = 0; i < w.size(); ++i) w.data()[i] = dist(rng);
    const trueno::Conv2dOptions opt{.padding = 1};
    const auto want = trueno::conv2d(x, w, opt);
    const auto gx = x.to(trueno::gpu::device()), gw = w.to(trueno::gpu::device());
    const double flop = 2.0 * 32 * 64 * 56 * 56 * 64 * 9;
    const Tiles default_conv = ctx.conv_tiles;
    const std::vector<Tiles> conv_variants = {
        {64, 128, 16, 4, 8, 2}, {64, 128, 16, 8, 8, 2},  {64, 256, 16, 8, 8, 2}, {64, 128, 8, 4, 8, 2},
        {64, 64, 16, 4, 4, 2},  {128, 128, 16, 8, 8, 2}, {64, 128, 32, 4, 8, 1}, {64, 256, 16, 4, 16, 2}};
    std::vector<Tiles> conv_valid;
    for (const Tiles t : conv_variants) {
      ctx.conv_tiles = t;
      try {
        trueno::gpu::detail::check_matmul_tiles(t, ctx);
      } catch (const trueno::value_error& e) {
        std::printf("conv2d: skipped: %s\n", e.what());
        continue;
      }
      conv_valid.push_back(t);
      const auto got = trueno::conv2d(gx, gw, opt).cpu();
      float err = 0;
      for (std::size_t i = 0; i < got.size(); ++i)
        err = std::max(err, std::abs(got.data()[i] - want.data()[i]));
      std::printf("conv2d: check tiles %ux%ux%u/%ux%u/s%u max_abs_err %.2e\n", t.bm, t.bn, t.bk, t.tm, t.tn,
                  t.stages, static_cast<double>(err));
    }
    (void)median_ms([&] { return trueno::conv2d(gx, gw, opt); }, 12, 5);  // clocks up after the CPU reference
    // Three interleaved rounds, so that a drift of the machine shows.
    for (int round = 0; round < 3; ++round) {
      for (const Tiles t : conv_valid) {
        ctx.conv_tiles = t;
        const double ms = median_ms([&] { return trueno::conv2d(gx, gw, opt); }, 12, 5);
        std::printf(
            "conv2d: round %d 32x64x56x56->64 3x3 pad1 tiles %ux%ux%u/%ux%u/s%u %.3f ms %.2f TFLOP/s\n",
            round, t.bm, t.bn, t.bk, t.tm, t.tn, t.stages, ms, flop / ms / 1e9);
        std::fflush(stdout);
      }
    }
    ctx.conv_tiles = default_conv;
  }

  {
    const std::size_t n = std::size_t{1} << 24;
    auto h = trueno::detail::empty_tensor<float>(trueno::Shape<1>{n});
    std::fill(h.data(), h.data() + n, 1.0F);
    const auto ga = h.to(trueno::gpu::device()), gb = h.to(trueno::gpu::device());
    const double bytes = 4.0 * static_cast<double>(n);
    for (int round = 0; round < 3; ++round) {
      const double ms = median_ms([&] { return trueno::add(ga, gb); }, 6, 5);
      std::printf("add: round %d 16M floats %.3f ms %.0f GB/s\n", round, ms, 3.0 * bytes / ms / 1e6);
    }
    double ms = median_ms([&] { return trueno::exp(ga); }, 6, 5);
    std::printf("exp: 16M floats %.3f ms %.0f GB/s\n", ms, 2.0 * bytes / ms / 1e6);
    ms = median_ms([&] { return trueno::sum(ga); }, 6, 5);
    std::printf("sum: 16M floats (whole tensor) %.3f ms %.0f GB/s\n", ms, bytes / ms / 1e6);
    const auto rows = h.reshape({4096, 4096}).to(trueno::gpu::device());
    ms = median_ms([&] { return trueno::sum(rows, -1); }, 6, 5);
    std::printf("sum: 4096x4096 along the last axis %.3f ms %.0f GB/s\n", ms, bytes / ms / 1e6);
    ms = median_ms([&] { return trueno::sum(rows, 0); }, 6, 5);
    std::printf("sum: 4096x4096 along axis 0 %.3f ms %.0f GB/s\n", ms, bytes / ms / 1e6);
    const auto tall = h.reshape({1 << 20, 16}).to(trueno::gpu::device());
    ms = median_ms([&] { return trueno::max(tall, 0); }, 6, 5);
    std::printf("max: 1Mx16 along axis 0 (cut into parts) %.3f ms %.0f GB/s\n", ms, bytes / ms / 1e6);
    ms = median_ms([&] { return trueno::softmax(rows); }, 6, 5);
    std::printf("softmax: 4096x4096 along the last axis %.3f ms %.0f GB/s (one read, one write)\n", ms,
                2.0 * bytes / ms / 1e6);
    ms = median_ms([&] { return rows.transpose(); }, 6, 5);
    std::printf("transpose: 4096x4096 (a copy on the device) %.3f ms %.0f GB/s (one read, one write)\n", ms,
                2.0 * bytes / ms / 1e6);
    ms = median_ms([&] { return trueno::softmax(rows, 0); }, 6, 5);
    std::printf("softmax: 4096x4096 along axis 0 %.3f ms %.0f GB/s (one read, one write)\n", ms,
                2.0 * bytes / ms / 1e6);
  }
  const auto s = trueno::gpu::stats();
  std::printf("stats: uploads %llu downloads %llu submits %llu dispatches %llu pipelines %llu\n",
              static_cast<unsigned long long>(s.uploads), static_cast<unsigned long long>(s.downloads),
              static_cast<unsigned long long>(s.submits), static_cast<unsigned long long>(s.dispatches),
              static_cast<unsigned long long>(s.pipelines_created));
  return 0;
}
