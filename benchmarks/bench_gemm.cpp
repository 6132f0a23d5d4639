// trueno — GEMM benchmarks for issue 7 (Google Benchmark), run side by side with OpenBLAS (through NumPy) and
// Eigen by benchmarks/run_gemm_bench.py. Names: gemm/<impl>/<dtype>/<M>x<N>x<K>/<threads>, impl = trueno or
// eigen (this file compiled a second time with -march=native -DTRUENO_BENCH_EIGEN_ONLY by the driver, so
// Eigen runs its AVX-512 code), plus gemm/peak/float/fma/<threads>: a tight FMA loop, the same-run compute
// roof.
#include <benchmark/benchmark.h>

#include <string>
#include <thread>
#include <vector>

#ifdef TRUENO_BENCH_EIGEN_ONLY
#include <Eigen/Core>
#else
#include <immintrin.h>

#include "bench_roofs.hpp"
#include "trueno/trueno.hpp"
#endif

namespace {

struct Shape3 {
  std::size_t m, n, k;
};
const Shape3 kShapes[] = {{64, 64, 64},       {128, 128, 128},    {256, 256, 256}, {512, 512, 512},
                          {1024, 1024, 1024}, {2048, 2048, 2048}, {16, 16, 16},    {24, 24, 24},
                          {32, 32, 32},       {48, 48, 48},       {1, 4096, 4096}, {4096, 1, 4096},
                          {64, 3136, 576}};

std::string shape_name(const Shape3& s) {
  return std::to_string(s.m) + "x" + std::to_string(s.n) + "x" + std::to_string(s.k);
}

template <class T>
void fill(T* p, std::size_t n, T base) {
  for (std::size_t i = 0; i < n; ++i) p[i] = base + static_cast<T>(i % 97) * T(0.01);
}

#ifdef TRUENO_BENCH_EIGEN_ONLY
template <class T>
void register_impl(const std::string& dtype) {
  using M = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  for (const auto& s : kShapes) {
    for (int threads : {1, 2}) {
      benchmark::RegisterBenchmark(
          ("gemm/eigen/" + dtype + "/" + shape_name(s) + "/" + std::to_string(threads)).c_str(),
          [s, threads](benchmark::State& st) {
            Eigen::setNbThreads(threads);
            M a(s.m, s.k), b(s.k, s.n), c(s.m, s.n);
            fill(a.data(), a.size(), T(1));
            fill(b.data(), b.size(), T(2));
            for (auto _ : st) {
              c.noalias() = a * b;
              benchmark::DoNotOptimize(c.data());
            }
            st.counters["flops"] = benchmark::Counter(2.0 * double(s.m) * double(s.n) * double(s.k),
                                                      benchmark::Counter::kIsIterationInvariantRate);
          })
          ->UseRealTime();
    }
  }
}
#else
template <class T>
void register_impl(const std::string& dtype) {
  for (const auto& s : kShapes) {
    for (int threads : {1, 2}) {
      benchmark::RegisterBenchmark(
          ("gemm/trueno/" + dtype + "/" + shape_name(s) + "/" + std::to_string(threads)).c_str(),
          [s, threads](benchmark::State& st) {
            trueno::set_num_threads(threads);
            auto a = trueno::empty<T>({s.m, s.k});
            auto b = trueno::empty<T>({s.k, s.n});
            auto c = trueno::empty<T>({s.m, s.n});
            fill(a.data(), a.size(), T(1));
            fill(b.data(), b.size(), T(2));
            for (auto _ : st) {
              trueno::matmul(a, b, c);
              benchmark::DoNotOptimize(c.data());
            }
            trueno::set_num_threads(0);
            st.counters["flops"] = benchmark::Counter(2.0 * double(s.m) * double(s.n) * double(s.k),
                                                      benchmark::Counter::kIsIterationInvariantRate);
          })
          ->UseRealTime();
    }
  }
}

// The compute roof: 16 independent chains of 512-bit FMAs per thread (2 FMA units x 4-cycle latency x 2).
__attribute__((target("avx512f"))) float fma_loop(std::size_t iters) {
  __m512 acc[16];
  for (int i = 0; i < 16; ++i) acc[i] = _mm512_set1_ps(static_cast<float>(i));
  const __m512 x = _mm512_set1_ps(0.999F), y = _mm512_set1_ps(0.001F);
  for (std::size_t it = 0; it < iters; ++it) {
    for (int i = 0; i < 16; ++i) acc[i] = _mm512_fmadd_ps(acc[i], x, y);
  }
  __m512 s = acc[0];
  for (int i = 1; i < 16; ++i) s = _mm512_add_ps(s, acc[i]);
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, s);
  return lanes[0];
}

void register_peak() {
  if (!__builtin_cpu_supports("avx512f")) return;
  // The read roof of the matvec shapes: one pass over a 4096 x 4096 float matrix.
  benchmark::RegisterBenchmark("gemm/roof/float/read/1", [](benchmark::State& st) {
    std::vector<float> a(std::size_t{4096} * 4096, 1.0F);
    for (auto _ : st) benchmark::DoNotOptimize(trueno_bench::roof_read(a.data(), a.size()));
    st.counters["bytes"] =
        benchmark::Counter(4.0 * 4096 * 4096, benchmark::Counter::kIsIterationInvariantRate);
  })->UseRealTime();
  for (int threads : {1, 2}) {
    benchmark::RegisterBenchmark(("gemm/peak/float/fma/" + std::to_string(threads)).c_str(),
                                 [threads](benchmark::State& st) {
                                   constexpr std::size_t kIters = 1 << 20;
                                   for (auto _ : st) {
                                     std::vector<std::thread> pool;
                                     for (int t = 1; t < threads; ++t) {
                                       pool.emplace_back([] { benchmark::DoNotOptimize(fma_loop(kIters)); });
                                     }
                                     benchmark::DoNotOptimize(fma_loop(kIters));
                                     for (auto& t : pool) t.join();
                                   }
                                   st.counters["flops"] =
                                       benchmark::Counter(2.0 * 16 * 16 * double(kIters) * threads,
                                                          benchmark::Counter::kIsIterationInvariantRate);
                                 })
        ->UseRealTime();
  }
}
#endif

}  // namespace

int main(int argc, char** argv) {
  // CPU timings: host products stay on the CPU even where a GPU would take them (gpu/routing.hpp).
#ifndef TRUENO_NO_GPU
  trueno::gpu::set_routing_thresholds({});
#endif
  register_impl<float>("float");
  register_impl<double>("double");
#ifndef TRUENO_BENCH_EIGEN_ONLY
  register_peak();
#endif
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
