// trueno — convolution and pooling benchmarks (Google Benchmark). Names: <op>/<shape>/<threads>; conv rows
// report flops (2 * multiply-adds of the direct convolution), pooling rows bytes (input read + output
// written).
//   conv2d/8x64x56x56-64x3x3-p1    ResNet's 3x3 stage-1 convolution, batch 8 (images split over threads)
//   conv2d/1x3x224x224-64x3x3-p1   a first layer on one image (few input channels: im2col-bound)
//   conv2d/8x64x56x56-dw3x3-p1     the depthwise direct loop, batch 8
//   max_pool2d/8x64x112x112-3x3-s2-p1
#include <benchmark/benchmark.h>

#include <string>

#include "trueno/trueno.hpp"

namespace {

template <std::size_t N>
trueno::Tensor<float, N> filled(const trueno::Shape<N>& shape) {
  auto t = trueno::detail::empty_tensor<float>(shape);
  for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = static_cast<float>(i % 97) * 0.01F - 0.4F;
  return t;
}

struct ConvCase {
  const char* name;
  trueno::Shape<4> input, weight;
  std::int64_t groups;
};

const ConvCase kConvs[] = {
    {"8x64x56x56-64x3x3-p1", {8, 64, 56, 56}, {64, 64, 3, 3}, 1},
    {"1x3x224x224-64x3x3-p1", {1, 3, 224, 224}, {64, 3, 3, 3}, 1},
    {"8x64x56x56-dw3x3-p1", {8, 64, 56, 56}, {64, 1, 3, 3}, 64},
};

void register_all() {
  for (const auto& c : kConvs) {
    for (int threads : {1, 2}) {
      benchmark::RegisterBenchmark(
          ("conv2d/" + std::string(c.name) + "/" + std::to_string(threads)).c_str(),
          [c, threads](benchmark::State& st) {
            trueno::set_num_threads(threads);
            const auto x = filled(c.input);
            const auto w = filled(c.weight);
            const auto b = filled(trueno::Shape<1>{c.weight[0]});
            const trueno::Conv2dOptions opt{.bias = b, .padding = 1, .groups = c.groups};
            double macs = 0;
            for (auto _ : st) {
              auto y = trueno::conv2d(x, w, opt);
              macs = static_cast<double>(y.size() * c.weight[1] * c.weight[2] * c.weight[3]);
              benchmark::DoNotOptimize(y.data());
            }
            st.counters["flops"] =
                benchmark::Counter(2.0 * macs, benchmark::Counter::kIsIterationInvariantRate);
          })
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
    }
  }
  for (int threads : {1, 2}) {
    benchmark::RegisterBenchmark(("max_pool2d/8x64x112x112-3x3-s2-p1/" + std::to_string(threads)).c_str(),
                                 [threads](benchmark::State& st) {
                                   trueno::set_num_threads(threads);
                                   const auto x = filled(trueno::Shape<4>{8, 64, 112, 112});
                                   double bytes = 0;
                                   for (auto _ : st) {
                                     auto y = trueno::max_pool2d(x, 3, {.stride = 2, .padding = 1});
                                     bytes = 4.0 * static_cast<double>(x.size() + y.size());
                                     benchmark::DoNotOptimize(y.data());
                                   }
                                   st.counters["bytes"] = benchmark::Counter(
                                       bytes, benchmark::Counter::kIsIterationInvariantRate);
                                 })
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace

int main(int argc, char** argv) {
  // CPU timings: host products stay on the CPU even where a GPU would take them (gpu/routing.hpp).
#ifndef TRUENO_NO_GPU
  trueno::gpu::set_routing_thresholds({});
#endif
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
