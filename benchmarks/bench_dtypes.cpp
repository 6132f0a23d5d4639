// trueno — dtype benchmarks for issue 6's targets (Google Benchmark), run side by side with NumPy and PyTorch
// by benchmarks/run_dtype_bench.py. Names: dtypes/<case>/1 (one thread); cases:
//   f32_to_f16_10M, f16_to_f32_10M, f32_to_bf16_10M, bf16_to_f32_10M   copyto between 10M-element tensors
//   roof_copy_nt_10M                                                      a streaming copy of 10M floats
#include <benchmark/benchmark.h>

#include <string>

#include "bench_roofs.hpp"
#include "trueno/trueno.hpp"

namespace {

template <class Fn>
void add_case(const std::string& name, double bytes_per_iter, Fn fn) {
  benchmark::RegisterBenchmark(("dtypes/" + name + "/1").c_str(), [=](benchmark::State& st) {
    trueno::set_num_threads(1);
    for (auto _ : st) fn();
    st.SetBytesProcessed(static_cast<std::int64_t>(bytes_per_iter) * st.iterations());
    trueno::set_num_threads(0);
  })->UseRealTime();
}

void register_all() {
  constexpr std::size_t kN = 10000000;
  static const auto x = [] {
    auto t = trueno::empty<float>({kN});
    for (std::size_t i = 0; i < kN; ++i) t.data()[i] = static_cast<float>(i % 1021) * 0.001F - 0.5F;
    return t;
  }();
  static const auto z = trueno::empty<float>({kN});
  static const auto h = x.astype<trueno::float16>();
  static const auto g = x.astype<trueno::bfloat16>();
  const double n = kN;
  add_case("f32_to_f16_10M", 6 * n, [] { trueno::copyto(h, x); });
  add_case("f16_to_f32_10M", 6 * n, [] { trueno::copyto(z, h); });
  add_case("f32_to_bf16_10M", 6 * n, [] { trueno::copyto(g, x); });
  add_case("bf16_to_f32_10M", 6 * n, [] { trueno::copyto(z, g); });
#ifdef BENCH_HAVE_AVX512_ROOFS
  if (__builtin_cpu_supports("avx512f")) {
    add_case("roof_copy_nt_10M", 8 * n, [] { trueno_bench::roof_copy_nt(x.data(), z.data(), kN); });
  }
#endif
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
