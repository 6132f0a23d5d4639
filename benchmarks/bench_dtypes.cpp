// trueno — dtype benchmarks for issue 6's targets (Google Benchmark), run side by side with NumPy and PyTorch
// by benchmarks/run_dtype_bench.py. Names: dtypes/<case>/1 (one thread); cases:
//   f32_to_f16_10M, f16_to_f32_10M, f32_to_bf16_10M, bf16_to_f32_10M   copyto between 10M-element tensors
//   roof_copy_nt_10M                                                      a streaming copy of 10M floats
//   add_{f16,bf16,i8,i32}_1M, sum_{f16,bf16,i8,i32}_1M                    add(a, b, out), sum(a), 1M each
//   roof_add_{1,2,4}MB, roof_read_{1,2,4}MB   the float add and read roofs over arrays of the same bytes
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

template <class T>
trueno::Tensor<T, 1> ramp(std::size_t n, int period) {
  auto t = trueno::empty<T>({n});
  for (std::size_t i = 0; i < n; ++i) t.data()[i] = static_cast<T>(static_cast<int>(i % period) - period / 2);
  return t;
}

// add(a, b, out) and sum(a) of 1M elements per dtype, and the float roofs over arrays of the same bytes.
template <class T>
void register_op_pair(const std::string& tag) {
  constexpr std::size_t kM = 1 << 20;
  static const auto a = ramp<T>(kM, 101);
  static const auto b = ramp<T>(kM, 37);
  static const auto out = trueno::empty<T>({kM});
  const double bytes = static_cast<double>(kM * sizeof(T));
  add_case("add_" + tag + "_1M", 3 * bytes, [] { trueno::add(a, b, out); });
  add_case("sum_" + tag + "_1M", bytes, [] { benchmark::DoNotOptimize(trueno::sum(a)); });
}

void register_ops() {
  register_op_pair<trueno::float16>("f16");
  register_op_pair<trueno::bfloat16>("bf16");
  register_op_pair<std::int8_t>("i8");
  register_op_pair<std::int32_t>("i32");
#ifdef BENCH_HAVE_AVX512_ROOFS
  if (__builtin_cpu_supports("avx512f")) {
    for (std::size_t mb : {1, 2, 4}) {
      const std::size_t n = (mb << 20) / sizeof(float);
      auto* fa = new trueno::Tensor<float, 1>(ramp<float>(n, 101));  // kept for the process
      auto* fb = new trueno::Tensor<float, 1>(ramp<float>(n, 37));
      auto* fo = new trueno::Tensor<float, 1>(trueno::empty<float>({n}));
      const double bytes = static_cast<double>(mb << 20);
      add_case("roof_add_" + std::to_string(mb) + "MB", 3 * bytes,
               [=] { trueno_bench::roof_add(fa->data(), fb->data(), fo->data(), n); });
      add_case("roof_read_" + std::to_string(mb) + "MB", bytes,
               [=] { benchmark::DoNotOptimize(trueno_bench::roof_read(fa->data(), n)); });
    }
  }
#endif
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
  register_ops();
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
