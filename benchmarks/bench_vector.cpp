// trueno — Vector<float> benchmarks against Eigen and hand-written bandwidth roofs (Google Benchmark).
//
// Every benchmark is named `<group>/<op>/<form>/<n>/<impl>`:
//   group: ew (element-wise) or red (reduction).
//   op:    add, mul, abs, scale, clamp, sum, dot, max, argmax, norm_l2; or a roof: roof_copy, roof_add,
//          roof_read (one array), roof_read2 (two arrays, as dot reads them).
//   form:  out (out-parameter form, allocates nothing), alloc (value form, allocates the result), or - .
//   impl:  trueno (the active backend), scalar (trueno forced to its scalar backend), eigen (Eigen 3 built
//          with this build's flags), eigen_native (only in the -march=native build run_bench.py makes),
//          memcpy and avx512 (the roof loops), avx512_nt (the same with streaming stores, for information).
// bytes_per_second counts the bytes each call reads plus the bytes it writes (12 per element for a + b).
//
// Built by CMake as build/benchmarks/bench_vector. benchmarks/run_bench.py also compiles this file a second
// time with -march=native -DTRUENO_BENCH_EIGEN_ONLY, so that Eigen (whose SIMD level is fixed at compile
// time) is compared at its best on this machine too.
// Run a subset with --benchmark_filter='^ew/add/out/1000000/'.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <random>
#include <string>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#if !defined(TRUENO_BENCH_EIGEN_ONLY)
#include <trueno/trueno.hpp>

#include "bench_roofs.hpp"
#endif

#if defined(TRUENO_HAVE_EIGEN)
#include <Eigen/Core>
#endif

namespace {

constexpr std::size_t kElementwiseSizes[] = {1000, 1000000, 10000000};
constexpr std::size_t kReductionSizes[] = {100000, 10000000};
constexpr float kScale = 1.5F;
constexpr float kLo = -0.5F;
constexpr float kHi = 0.5F;

// Float storage for the build without trueno, placed as trueno places its own (64-byte aligned; from 2 MiB
// on, 2 MiB aligned with transparent huge pages advised), so that every peer in a comparison reads the same
// kind of memory.
class AlignedArray {
 public:
  explicit AlignedArray(std::size_t n)
      : ptr_(static_cast<float*>(::operator new (n * sizeof(float), std::align_val_t{alignment(n)}))), n_(n) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (alignment(n) > 64) (void)::madvise(ptr_, n * sizeof(float), MADV_HUGEPAGE);
#endif
  }
  AlignedArray(const AlignedArray&) = delete;
  AlignedArray& operator=(const AlignedArray&) = delete;
  ~AlignedArray() { ::operator delete (ptr_, std::align_val_t{alignment(n_)}); }
  static constexpr std::size_t alignment(std::size_t n) {
    return n * sizeof(float) >= (std::size_t{2} << 20) ? std::size_t{2} << 20 : 64;
  }
  [[nodiscard]] float* data() noexcept { return ptr_; }
  [[nodiscard]] const float* data() const noexcept { return ptr_; }
  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  float& operator[](std::size_t i) noexcept { return ptr_[i]; }

 private:
  float* ptr_;
  std::size_t n_;
};

#if defined(TRUENO_BENCH_EIGEN_ONLY)
using Array = AlignedArray;
#else
using Array = trueno::Vector<float>;
#endif

#if defined(TRUENO_HAVE_EIGEN)
using EMap = Eigen::Map<Eigen::VectorXf, Eigen::Aligned64>;
#endif

// The operands of one size, shared by every implementation (so all of them see the same memory and data):
// a uniform in [-1, 1), b uniform in [0.5, 1.5), out written by the ops.
struct Data {
  explicit Data(std::size_t n)
      : a(n),
        b(n),
        out(n)
#if defined(TRUENO_HAVE_EIGEN)
        ,
        ea(a.data(), static_cast<Eigen::Index>(n)),
        eb(b.data(), static_cast<Eigen::Index>(n)),
        eo(out.data(), static_cast<Eigen::Index>(n))
#endif
  {
    std::mt19937 rng(12345);
    std::uniform_real_distribution<float> da(-1.0F, 1.0F);
    std::uniform_real_distribution<float> db(0.5F, 1.5F);
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = da(rng);
      b[i] = db(rng);
      out[i] = 0.0F;
    }
  }
  Array a, b, out;
#if defined(TRUENO_HAVE_EIGEN)
  EMap ea, eb, eo;
#endif
};

Data& data(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<Data>> cache;
  auto& slot = cache[n];
  if (!slot) slot = std::make_unique<Data>(n);
  return *slot;
}

// Registers `<name>` timing body(data(n)) per iteration; bytes_per_elem feeds bytes_per_second.
template <class Body>
benchmark::internal::Benchmark* add_bench(const std::string& name, std::size_t n, double bytes_per_elem,
                                          Body body) {
  return benchmark::RegisterBenchmark(
             name.c_str(),
             [n, bytes_per_elem, body](benchmark::State& st) {
               Data& d = data(n);
               body(d);  // warm-up: caches, the buffer cache, first-touch page faults (GB 1.7 has no warm-up
                         // option)
               for (auto _ : st) {
                 body(d);
                 benchmark::ClobberMemory();
               }
               st.SetBytesProcessed(static_cast<std::int64_t>(static_cast<double>(st.iterations()) *
                                                              static_cast<double>(n) * bytes_per_elem));
             })
      ->Unit(benchmark::kNanosecond)
      ->UseRealTime();
}

std::string bench_name(const char* group, const char* op, const char* form, std::size_t n, const char* impl) {
  return std::string(group) + "/" + op + "/" + form + "/" + std::to_string(n) + "/" + impl;
}

// Registered first, so that a run of any size group starts with it (its results are not reported): about 0.1
// s of streaming over the group's arrays (0.15 s minimum time). Without it the first benchmark of a process
// ran up to 15% slow at 10M elements (the idle vCPU and the freshly faulted-in arrays warming up), which is
// always the same op.
void register_warmups() {
  for (const std::size_t n : kElementwiseSizes) {
    add_bench(bench_name("ew", "warmup", "-", n, "none"), n, 12, [](Data& d) {
      for (std::size_t i = 0; i < d.a.size(); ++i) d.out[i] = d.a[i] + d.b[i];
      benchmark::DoNotOptimize(d.out.data());
    })->MinTime(0.15);
  }
  for (const std::size_t n : kReductionSizes) {
    add_bench(bench_name("red", "warmup", "-", n, "none"), n, 8, [](Data& d) {
      for (std::size_t i = 0; i < d.a.size(); ++i) d.out[i] = d.a[i] + d.b[i];
      benchmark::DoNotOptimize(d.out.data());
    })->MinTime(0.15);
  }
}

// --- trueno, on the active backend and forced to scalar
// ------------------------------------------------------
#if !defined(TRUENO_BENCH_EIGEN_ONLY)
trueno::Backend g_default_backend = trueno::Backend::scalar;

// Runs body with `backend` active, restoring the default backend afterwards.
template <class Body>
void add_trueno_bench(const char* group, const char* op, const char* form, std::size_t n, double bytes,
                      Body body) {
  for (const bool scalar : {false, true}) {
    const char* impl = scalar ? "scalar" : "trueno";
    benchmark::RegisterBenchmark(
        bench_name(group, op, form, n, impl).c_str(),
        [n, bytes, body, scalar](benchmark::State& st) {
          Data& d = data(n);
          trueno::set_backend(scalar ? trueno::Backend::scalar : g_default_backend);
          body(d);  // warm-up
          for (auto _ : st) {
            body(d);
            benchmark::ClobberMemory();
          }
          trueno::set_backend(g_default_backend);
          st.SetBytesProcessed(static_cast<std::int64_t>(static_cast<double>(st.iterations()) *
                                                         static_cast<double>(n) * bytes));
        })
        ->Unit(benchmark::kNanosecond)
        ->UseRealTime();
  }
}

void register_trueno() {
  for (const std::size_t n : kElementwiseSizes) {
    add_trueno_bench("ew", "add", "out", n, 12, [](Data& d) {
      trueno::add(d.a, d.b, d.out);
      benchmark::DoNotOptimize(d.out.data());
    });
    add_trueno_bench("ew", "mul", "out", n, 12, [](Data& d) {
      trueno::mul(d.a, d.b, d.out);
      benchmark::DoNotOptimize(d.out.data());
    });
    add_trueno_bench("ew", "abs", "out", n, 8, [](Data& d) {
      trueno::abs(d.a, d.out);
      benchmark::DoNotOptimize(d.out.data());
    });
    add_trueno_bench("ew", "scale", "out", n, 8, [](Data& d) {
      trueno::scale(d.a, kScale, d.out);
      benchmark::DoNotOptimize(d.out.data());
    });
    add_trueno_bench("ew", "clamp", "out", n, 8, [](Data& d) {
      trueno::clamp(d.a, kLo, kHi, d.out);
      benchmark::DoNotOptimize(d.out.data());
    });
    add_trueno_bench("ew", "add", "alloc", n, 12, [](Data& d) {
      trueno::Vector<float> c = d.a + d.b;
      benchmark::DoNotOptimize(c.data());
    });
  }
  for (const std::size_t n : kReductionSizes) {
    add_trueno_bench("red", "sum", "-", n, 4, [](Data& d) {
      float r = trueno::sum(d.a);
      benchmark::DoNotOptimize(r);
    });
    add_trueno_bench("red", "dot", "-", n, 8, [](Data& d) {
      float r = trueno::dot(d.a, d.b);
      benchmark::DoNotOptimize(r);
    });
    add_trueno_bench("red", "max", "-", n, 4, [](Data& d) {
      float r = trueno::max(d.a);
      benchmark::DoNotOptimize(r);
    });
    add_trueno_bench("red", "argmax", "-", n, 4, [](Data& d) {
      std::size_t r = trueno::argmax(d.a);
      benchmark::DoNotOptimize(r);
    });
    add_trueno_bench("red", "norm_l2", "-", n, 4, [](Data& d) {
      float r = trueno::norm_l2(d.a);
      benchmark::DoNotOptimize(r);
    });
  }
}
#endif

// --- Eigen: Map over the same buffers, noalias() for the out-parameter form
// ---------------------------------
#if defined(TRUENO_HAVE_EIGEN)
#if defined(TRUENO_BENCH_EIGEN_ONLY)
constexpr const char* kEigenImpl = "eigen_native";
#else
constexpr const char* kEigenImpl = "eigen";
#endif

void register_eigen() {
  const char* impl = kEigenImpl;
  for (const std::size_t n : kElementwiseSizes) {
    add_bench(bench_name("ew", "add", "out", n, impl), n, 12, [](Data& d) {
      d.eo.noalias() = d.ea + d.eb;
      benchmark::DoNotOptimize(d.eo.data());
    });
    add_bench(bench_name("ew", "mul", "out", n, impl), n, 12, [](Data& d) {
      d.eo.noalias() = d.ea.cwiseProduct(d.eb);
      benchmark::DoNotOptimize(d.eo.data());
    });
    add_bench(bench_name("ew", "abs", "out", n, impl), n, 8, [](Data& d) {
      d.eo.noalias() = d.ea.cwiseAbs();
      benchmark::DoNotOptimize(d.eo.data());
    });
    add_bench(bench_name("ew", "scale", "out", n, impl), n, 8, [](Data& d) {
      d.eo.noalias() = d.ea * kScale;
      benchmark::DoNotOptimize(d.eo.data());
    });
    add_bench(bench_name("ew", "clamp", "out", n, impl), n, 8, [](Data& d) {
      d.eo.noalias() = d.ea.cwiseMax(kLo).cwiseMin(kHi);
      benchmark::DoNotOptimize(d.eo.data());
    });
    add_bench(bench_name("ew", "add", "alloc", n, impl), n, 12, [](Data& d) {
      Eigen::VectorXf c = d.ea + d.eb;
      benchmark::DoNotOptimize(c.data());
    });
  }
  for (const std::size_t n : kReductionSizes) {
    add_bench(bench_name("red", "sum", "-", n, impl), n, 4, [](Data& d) {
      float r = d.ea.sum();
      benchmark::DoNotOptimize(r);
    });
    add_bench(bench_name("red", "dot", "-", n, impl), n, 8, [](Data& d) {
      float r = d.ea.dot(d.eb);
      benchmark::DoNotOptimize(r);
    });
    add_bench(bench_name("red", "max", "-", n, impl), n, 4, [](Data& d) {
      float r = d.ea.maxCoeff();
      benchmark::DoNotOptimize(r);
    });
    add_bench(bench_name("red", "argmax", "-", n, impl), n, 4, [](Data& d) {
      Eigen::Index i = 0;
      float r = d.ea.maxCoeff(&i);
      benchmark::DoNotOptimize(r);
      benchmark::DoNotOptimize(i);
    });
    add_bench(bench_name("red", "norm_l2", "-", n, impl), n, 4, [](Data& d) {
      float r = d.ea.norm();
      benchmark::DoNotOptimize(r);
    });
  }
}
#endif

// --- roofs: what the memory system delivers to one thread
// ------------------------------------------------------
#if defined(BENCH_HAVE_AVX512_ROOFS)
using trueno_bench::roof_add;
using trueno_bench::roof_add_nt;
using trueno_bench::roof_copy;
using trueno_bench::roof_copy_nt;
using trueno_bench::roof_read;
using trueno_bench::roof_read2;

void register_roofs() {
  if (__builtin_cpu_supports("avx512f") == 0) return;  // no AVX-512: the table shows no roof
  for (const std::size_t n : kElementwiseSizes) {
    add_bench(bench_name("ew", "roof_copy", "-", n, "memcpy"), n, 8, [](Data& d) {
      std::memcpy(d.out.data(), d.a.data(), d.a.size() * sizeof(float));
      benchmark::DoNotOptimize(d.out.data());
    });
    add_bench(bench_name("ew", "roof_copy", "-", n, "avx512"), n, 8, [](Data& d) {
      roof_copy(d.a.data(), d.out.data(), d.a.size());
      benchmark::DoNotOptimize(d.out.data());
    });
    add_bench(bench_name("ew", "roof_add", "-", n, "avx512"), n, 12, [](Data& d) {
      roof_add(d.a.data(), d.b.data(), d.out.data(), d.a.size());
      benchmark::DoNotOptimize(d.out.data());
    });
    if (n < 1000000) continue;  // streaming stores only make sense for data that does not fit in cache
    add_bench(bench_name("ew", "roof_copy", "-", n, "avx512_nt"), n, 8, [](Data& d) {
      roof_copy_nt(d.a.data(), d.out.data(), d.a.size());
      benchmark::DoNotOptimize(d.out.data());
    });
    add_bench(bench_name("ew", "roof_add", "-", n, "avx512_nt"), n, 12, [](Data& d) {
      roof_add_nt(d.a.data(), d.b.data(), d.out.data(), d.a.size());
      benchmark::DoNotOptimize(d.out.data());
    });
  }
  for (const std::size_t n : kReductionSizes) {
    add_bench(bench_name("red", "roof_read", "-", n, "avx512"), n, 4, [](Data& d) {
      float r = roof_read(d.a.data(), d.a.size());
      benchmark::DoNotOptimize(r);
    });
    add_bench(bench_name("red", "roof_read2", "-", n, "avx512"), n, 8, [](Data& d) {
      float r = roof_read2(d.a.data(), d.b.data(), d.a.size());
      benchmark::DoNotOptimize(r);
    });
  }
}
#elif !defined(TRUENO_BENCH_EIGEN_ONLY)
void register_roofs() {}
#endif

}  // namespace

int main(int argc, char** argv) {
  register_warmups();
#if !defined(TRUENO_BENCH_EIGEN_ONLY)
  g_default_backend = trueno::active_backend();
  benchmark::AddCustomContext("trueno_backend", std::string(trueno::to_string(g_default_backend)));
  register_trueno();
  register_roofs();
#endif
#if defined(TRUENO_HAVE_EIGEN)
  benchmark::AddCustomContext("eigen_simd", Eigen::SimdInstructionSetsInUse());
  register_eigen();
#endif
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
