// trueno — Tensor<float, N> benchmarks for issue 5's targets (Google Benchmark), run side by side with NumPy
// by benchmarks/run_tensor_bench.py. Names: tensor/<case>/<threads>; cases:
//   add_contig, add_row, add_col, add_T     (1000, 1000) into `out`: a + b, a + (1000,), a + (1000, 1), a.T +
//   b.T roof_add                                 the STREAM add of the same 1M elements (bench_roofs.hpp)
//   sum_ax0, sum_ax1, max_ax0, max_ax1       a (4096, 4096) tensor reduced along one axis
//   roof_read                                a plain read of the same 16M elements
//   view_T, view_slice, view_reshape, copy   creating views of a (1000, 1000) tensor vs copying it
//   add_10M, exp_10M, sum_10M                10M elements, with 1 and 2 threads
//   roof_{add_nt,copy_nt,read}_10M           their roofs with 1 and 2 threads (each thread takes one half)
#include <benchmark/benchmark.h>

#include <string>

#include "bench_roofs.hpp"
#include "trueno/trueno.hpp"

namespace {

trueno::Tensor<float, 2> filled(std::size_t r, std::size_t c, float base) {
  auto t = trueno::empty<float>({r, c});
  for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = base + static_cast<float>(i % 1021) * 0.001F;
  return t;
}

template <class Fn>
void add_case(const std::string& name, int threads, double bytes_per_iter, Fn fn) {
  benchmark::RegisterBenchmark(
      ("tensor/" + name + "/" + std::to_string(threads)).c_str(),
      [=](benchmark::State& st) {
        trueno::set_num_threads(threads);
        for (auto _ : st) fn();
        st.SetBytesProcessed(static_cast<std::int64_t>(bytes_per_iter) * st.iterations());
        trueno::set_num_threads(0);
      })
      ->UseRealTime();
}

void register_all() {
  // Tensors live for the whole run (static): each benchmark reuses them.
  static const auto a = filled(1000, 1000, 1.0F);
  static const auto b = filled(1000, 1000, 2.0F);
  static const auto row = filled(1, 1000, 3.0F).reshape({1000});
  static const auto col = filled(1000, 1, 4.0F);
  static const auto out = trueno::empty<float>({1000, 1000});
  const double mb = 1e6 * 4.0;
  add_case("add_contig", 1, 3 * mb, [] { trueno::add(a, b, out); });
  add_case("add_row", 1, 2 * mb, [] { trueno::add(a, row, out); });
  add_case("add_col", 1, 2 * mb, [] { trueno::add(a, col, out); });
  add_case("add_T", 1, 3 * mb, [] { trueno::add(a.transpose(), b.transpose(), out); });
#ifdef BENCH_HAVE_AVX512_ROOFS
  if (__builtin_cpu_supports("avx512f")) {
    add_case("roof_add", 1, 3 * mb, [] { trueno_bench::roof_add(a.data(), b.data(), out.data(), a.size()); });
  }
#endif

  static const auto big = filled(4096, 4096, 0.5F);
  const double bigb = 4096.0 * 4096.0 * 4.0;
  add_case("sum_ax0", 1, bigb, [] { benchmark::DoNotOptimize(trueno::sum(big, 0)); });
  add_case("sum_ax1", 1, bigb, [] { benchmark::DoNotOptimize(trueno::sum(big, 1)); });
  add_case("max_ax0", 1, bigb, [] { benchmark::DoNotOptimize(trueno::max(big, 0)); });
  add_case("max_ax1", 1, bigb, [] { benchmark::DoNotOptimize(trueno::max(big, 1)); });
#ifdef BENCH_HAVE_AVX512_ROOFS
  if (__builtin_cpu_supports("avx512f")) {
    add_case("roof_read", 1, bigb,
             [] { benchmark::DoNotOptimize(trueno_bench::roof_read(big.data(), big.size())); });
  }
#endif

  add_case("view_T", 1, 0, [] { benchmark::DoNotOptimize(a.transpose()); });
  add_case("view_slice", 1, 0, [] {
    benchmark::DoNotOptimize(
        a.slice(trueno::range(1, 900, 2), trueno::range(trueno::none, trueno::none, -1)));
  });
  add_case("view_reshape", 1, 0, [] { benchmark::DoNotOptimize(a.reshape({500, 2000})); });
  add_case("copy", 1, 2 * mb, [] { benchmark::DoNotOptimize(a.clone()); });
  add_case("copy_T", 1, 2 * mb, [] { benchmark::DoNotOptimize(a.transpose().clone()); });

  static const auto x = filled(1, 10000000, 0.25F).reshape({10000000});
  static const auto y = filled(1, 10000000, 0.75F).reshape({10000000});
  static const auto z = trueno::empty<float>({10000000});
  for (int threads : {1, 2}) {
    add_case("add_10M", threads, 12e7, [] { trueno::add(x, y, z); });
    add_case("exp_10M", threads, 8e7, [] { trueno::exp(x, z); });
    add_case("sum_10M", threads, 4e7, [] { benchmark::DoNotOptimize(trueno::sum(x)); });
  }
#ifdef BENCH_HAVE_AVX512_ROOFS
  // The machine's bandwidth with 1 and 2 threads, for the 2-thread targets: each thread runs the roof loop
  // over its half (streaming stores for the two that write, as trueno does at this size). On a machine whose
  // memory one core already saturates, the 2-thread roof is what bounds the 2-thread speed.
  if (__builtin_cpu_supports("avx512f")) {
    const std::size_t n = x.size();
    for (std::size_t threads : {1, 2}) {
      const auto halves = [threads, n](auto&& body) {
        trueno::detail::parallel_for(threads, [&](std::size_t t) {
          const std::size_t lo = n * t / threads, hi = n * (t + 1) / threads;
          body(lo & ~std::size_t{63}, (t + 1 == threads ? hi : hi & ~std::size_t{63}));
        });
      };
      const int nt = static_cast<int>(threads);
      add_case("roof_add_nt_10M", nt, 12e7, [halves] {
        halves([](std::size_t lo, std::size_t hi) {
          trueno_bench::roof_add_nt(x.data() + lo, y.data() + lo, z.data() + lo, hi - lo);
        });
      });
      add_case("roof_copy_nt_10M", nt, 8e7, [halves] {
        halves([](std::size_t lo, std::size_t hi) {
          trueno_bench::roof_copy_nt(x.data() + lo, z.data() + lo, hi - lo);
        });
      });
      add_case("roof_read_10M", nt, 4e7, [halves] {
        halves([](std::size_t lo, std::size_t hi) {
          benchmark::DoNotOptimize(trueno_bench::roof_read(x.data() + lo, hi - lo));
        });
      });
    }
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
