// trueno — math and activation benchmarks (issue 3's speed table): every function at 100K and 10M floats, one
// thread, out-parameter forms, plus the copy/add/read roofs measured in the same process (Google Benchmark).
//
// Names: `math/<fn>/<form>/<n>/trueno` (form "out", or "-" for logsumexp, which returns a scalar) and
// `math/roof_<copy|add|read>/-/<n>/<memcpy|avx512>`. benchmarks/run_bench.py runs this binary, PyTorch and
// NumPy side by side on the same data and prints the table.
//
// The function list is kMathCases below, one line per function. A line names the public function, the
// interval its inputs are drawn from and how it is called; the call is written against `a` (and `b`) and the
// out-parameter `o` as an unqualified, argument-dependent call inside a generic lambda, so a function that
// trueno does not have yet makes that lambda not invocable: the case is left out of this binary (listed by
// `--list-cases` as missing) instead of breaking the build, and is measured as soon as the function exists.
// Parameterised functions try the parameters before and after the out-parameter (and, where the values
// given are PyTorch's defaults, no parameters at all). The machinery is tests/common/optional_call.hpp.
//
// Inputs are x = float(lo + (hi - lo) * u) with u = (splitmix64(i + stream * 2^40) >> 11) * 2^-53: the same
// formula in run_bench.py gives PyTorch and NumPy bit-identical data.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <utility>
#include <vector>

#include "../tests/common/optional_call.hpp"
#include "bench_roofs.hpp"

namespace {

using Vec = trueno::Vector<float>;

constexpr std::size_t kMathSizes[] = {100000, 10000000};

// --- one line per function
// -----------------------------------------------------------------------------------
using trueno_test::kTanh;
using trueno_test::Overloaded;
using trueno_test::Priority;
using trueno_test::Top;

enum class Arity { unary, binary, reduction };

struct MathCase {
  const char* name;
  Arity arity;
  double lo, hi;    // the first input
  double lo2, hi2;  // the second input (binary)
  // Calls the function once on the given operands; null when trueno lacks the function.
  void (*call)(const Vec& a, const Vec& b, Vec& o);
};

template <class F>
constexpr bool kUnaryViable = std::is_invocable_v<F, Top, const Vec&, Vec&>;
template <class F>
constexpr bool kBinaryViable = std::is_invocable_v<F, Top, const Vec&, const Vec&, Vec&>;
template <class F>
constexpr bool kReductionViable = std::is_invocable_v<F, Top, const Vec&>;

template <class F>
MathCase unary(const char* name, double lo, double hi, F /*call*/) {
  MathCase c{name, Arity::unary, lo, hi, 0, 0, nullptr};
  if constexpr (kUnaryViable<F>) {
    c.call = [](const Vec& a, const Vec& /*b*/, Vec& o) { F{}(Top{}, a, o); };
  }
  return c;
}
template <class F>
MathCase binary(const char* name, double lo, double hi, double lo2, double hi2, F /*call*/) {
  MathCase c{name, Arity::binary, lo, hi, lo2, hi2, nullptr};
  if constexpr (kBinaryViable<F>) {
    c.call = [](const Vec& a, const Vec& b, Vec& o) { F{}(Top{}, a, b, o); };
  }
  return c;
}
template <class F>
MathCase reduction(const char* name, double lo, double hi, F /*call*/) {
  MathCase c{name, Arity::reduction, lo, hi, 0, 0, nullptr};
  if constexpr (kReductionViable<F>) {
    c.call = [](const Vec& a, const Vec& /*b*/, Vec& /*o*/) {
      auto r = F{}(Top{}, a);
      benchmark::DoNotOptimize(r);
    };
  }
  return c;
}

// fn(a, o)
#define BENCH_UNARY(fn, lo, hi) \
  unary(#fn, lo, hi, [](Top, const auto& a, auto& o) -> decltype(void(fn(a, o))) { fn(a, o); })
// fn(a, params..., o), else fn(a, o, params...)
#define BENCH_UNARY_P(label, fn, lo, hi, ...)                                                         \
  unary(label, lo, hi,                                                                                \
        Overloaded{[](Priority<3>, const auto& a, auto& o) -> decltype(void(fn(a, __VA_ARGS__, o))) { \
                     fn(a, __VA_ARGS__, o);                                                           \
                   },                                                                                 \
                   [](Priority<2>, const auto& a, auto& o) -> decltype(void(fn(a, o, __VA_ARGS__))) { \
                     fn(a, o, __VA_ARGS__);                                                           \
                   }})
// The same, else fn(a, o) (for parameters whose defaults are the values given: PyTorch's).
#define BENCH_UNARY_PD(label, fn, lo, hi, ...)                                                        \
  unary(label, lo, hi,                                                                                \
        Overloaded{[](Priority<3>, const auto& a, auto& o) -> decltype(void(fn(a, __VA_ARGS__, o))) { \
                     fn(a, __VA_ARGS__, o);                                                           \
                   },                                                                                 \
                   [](Priority<2>, const auto& a, auto& o) -> decltype(void(fn(a, o, __VA_ARGS__))) { \
                     fn(a, o, __VA_ARGS__);                                                           \
                   },                                                                                 \
                   [](Priority<1>, const auto& a, auto& o) -> decltype(void(fn(a, o))) { fn(a, o); }})
// fn(a, b, o)
#define BENCH_BINARY(fn, lo, hi, lo2, hi2) \
  binary(#fn, lo, hi, lo2, hi2,            \
         [](Top, const auto& a, const auto& b, auto& o) -> decltype(void(fn(a, b, o))) { fn(a, b, o); })
// r = fn(a)
#define BENCH_REDUCTION(fn, lo, hi) \
  reduction(#fn, lo, hi, [](Top, const auto& a) -> decltype(fn(a)) { return fn(a); })

// layer_norm / rms_norm: (a, eps, o), (a, eps, default options, o) or (a, o).
#define BENCH_NORM(fn)                                                                                       \
  unary(#fn, -10, 10,                                                                                        \
        Overloaded{                                                                                          \
            [](Priority<3>, const auto& a, auto& o) -> decltype(void(fn(a, 1e-5F, o))) { fn(a, 1e-5F, o); }, \
            [](Priority<2>, const auto& a, auto& o) -> decltype(void(fn(a, 1e-5F, {}, o))) {                 \
              fn(a, 1e-5F, {}, o);                                                                           \
            },                                                                                               \
            [](Priority<1>, const auto& a, auto& o) -> decltype(void(fn(a, o))) { fn(a, o); }})

// The table. Domains: where each function does its real work (PyTorch's and NumPy's rows use the same data).
// Names are what run_bench.py's peer table is keyed by.
std::vector<MathCase> math_cases() {
  return {
      BENCH_UNARY(exp, -10, 10),
      BENCH_UNARY(exp2, -10, 10),
      BENCH_UNARY(expm1, -10, 10),
      BENCH_UNARY(log, 0.01, 100),
      BENCH_UNARY(log2, 0.01, 100),
      BENCH_UNARY(log10, 0.01, 100),
      BENCH_UNARY(log1p, -0.9, 100),
      BENCH_BINARY(pow, 0.1, 10, -3, 3),
      BENCH_UNARY_P("pow_scalar", pow, 0.1, 10, 2.5F),
      BENCH_UNARY(cbrt, -100, 100),
      BENCH_UNARY(rsqrt, 0.01, 100),
      BENCH_BINARY(hypot, -10, 10, -10, 10),
      BENCH_UNARY(sin, -10, 10),
      BENCH_UNARY(cos, -10, 10),
      BENCH_UNARY(tan, -10, 10),
      BENCH_UNARY(asin, -1, 1),
      BENCH_UNARY(acos, -1, 1),
      BENCH_UNARY(atan, -10, 10),
      BENCH_BINARY(atan2, -10, 10, -10, 10),
      BENCH_UNARY(sinh, -10, 10),
      BENCH_UNARY(cosh, -10, 10),
      BENCH_UNARY(tanh, -5, 5),
      BENCH_UNARY(asinh, -10, 10),
      BENCH_UNARY(acosh, 1, 10),
      BENCH_UNARY(atanh, -0.99, 0.99),
      BENCH_UNARY(erf, -5, 5),
      BENCH_UNARY(erfc, -5, 5),
      BENCH_UNARY(floor, -100, 100),
      BENCH_UNARY(ceil, -100, 100),
      BENCH_UNARY(round, -100, 100),
      BENCH_UNARY(rint, -100, 100),
      BENCH_UNARY(trunc, -100, 100),
      BENCH_UNARY(fract, -100, 100),
      BENCH_UNARY(sign, -100, 100),
      BENCH_BINARY(copysign, -100, 100, -1, 1),
      BENCH_UNARY(abs, -10, 10),
      BENCH_UNARY_P("clamp", clamp, -1, 1, -0.5F, 0.5F),
      BENCH_UNARY(relu, -10, 10),
      BENCH_UNARY(relu6, -10, 10),
      BENCH_UNARY_PD("leaky_relu", leaky_relu, -10, 10, 0.01F),
      BENCH_UNARY_PD("elu", elu, -10, 10, 1.0F),
      BENCH_UNARY(selu, -10, 10),
      BENCH_UNARY_PD("celu", celu, -10, 10, 1.0F),
      BENCH_UNARY(gelu, -10, 10),
      BENCH_UNARY_P("gelu_tanh", gelu, -10, 10, kTanh),
      BENCH_UNARY(sigmoid, -10, 10),
      BENCH_UNARY(hard_sigmoid, -10, 10),
      BENCH_UNARY(silu, -10, 10),
      BENCH_UNARY(hardswish, -10, 10),
      BENCH_UNARY(mish, -10, 10),
      BENCH_UNARY_PD("softplus", softplus, -10, 10, 1.0F, 20.0F),
      BENCH_UNARY(softsign, -10, 10),
      BENCH_UNARY(tanhshrink, -10, 10),
      BENCH_UNARY(log_sigmoid, -10, 10),
      BENCH_UNARY(softmax, -10, 10),
      BENCH_UNARY(log_softmax, -10, 10),
      BENCH_REDUCTION(logsumexp, -10, 10),
      BENCH_NORM(layer_norm),
      BENCH_NORM(rms_norm),
  };
}

#undef BENCH_UNARY
#undef BENCH_UNARY_P
#undef BENCH_UNARY_PD
#undef BENCH_BINARY
#undef BENCH_REDUCTION
#undef BENCH_NORM

// --- data
// ---------------------------------------------------------------------------------------------------------
std::uint64_t splitmix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31U);
}

void fill_uniform(Vec& v, double lo, double hi, std::uint64_t stream) {
  constexpr double kTwoToMinus53 = 1.0 / 9007199254740992.0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const double u = static_cast<double>(splitmix64(i + (stream << 40U)) >> 11U) * kTwoToMinus53;
    const double x = lo + ((hi - lo) * u);
    v[i] = static_cast<float>(x);
  }
}

// The operands of the benchmark running now. Benchmarks run one after another and Google Benchmark calls each
// one several times, so the last data is kept and only rebuilt when the size or interval changes.
struct Operand {
  std::unique_ptr<Vec> v;
  std::size_t n = 0;
  double lo = 0, hi = 0;

  Vec& get(std::size_t size, double l, double h, std::uint64_t stream) {
    if (!v || n != size || lo != l || hi != h) {
      v.reset();  // free first: at 10M the old and the new data need not coexist
      v = std::make_unique<Vec>(size);
      fill_uniform(*v, l, h, stream);
      n = size;
      lo = l;
      hi = h;
    }
    return *v;
  }
};

Operand g_first, g_second;
std::unique_ptr<Vec> g_out;

Vec& out_buffer(std::size_t n) {
  if (!g_out || g_out->size() != n) {
    g_out.reset();
    g_out = std::make_unique<Vec>(n, 0.0F);
  }
  return *g_out;
}

std::string bench_name(const std::string& op, const char* form, std::size_t n, const char* impl) {
  return "math/" + op + "/" + form + "/" + std::to_string(n) + "/" + impl;
}

// Registers a benchmark running body(a, b, o) per iteration on the size-n operands of the given intervals.
template <class Body>
void add_bench(const std::string& name, std::size_t n, double lo, double hi, double lo2, double hi2,
               Body body, double min_time = 0) {
  auto* b = benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& st) {
    Vec& a = g_first.get(n, lo, hi, 0);
    Vec& second = g_second.get(n, lo2, hi2, 1);
    Vec& o = out_buffer(n);
    body(a, second, o);  // warm-up: caches, first-touch page faults
    for (auto _ : st) {
      body(a, second, o);
      benchmark::ClobberMemory();
    }
    st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations()) * static_cast<std::int64_t>(n));
  });
  b->Unit(benchmark::kNanosecond)->UseRealTime();
  if (min_time > 0) b->MinTime(min_time);
}

void register_math(const std::vector<MathCase>& cases) {
  for (const std::size_t n : kMathSizes) {
    // First of each size: about 0.1 s of streaming over the operands wakes the vCPU up (see
    // bench_vector.cpp).
    add_bench(
        bench_name("warmup", "-", n, "none"), n, -10, 10, -10, 10,
        [](const Vec& a, const Vec& b, Vec& o) {
          for (std::size_t i = 0; i < a.size(); ++i) o[i] = a[i] + b[i];
          benchmark::DoNotOptimize(o.data());
        },
        0.15);
    for (const MathCase& c : cases) {
      if (c.call == nullptr) continue;
      const char* form = c.arity == Arity::reduction ? "-" : "out";
      add_bench(bench_name(c.name, form, n, "trueno"), n, c.lo, c.hi, c.lo2, c.hi2,
                [call = c.call](const Vec& a, const Vec& b, Vec& o) {
                  call(a, b, o);
                  benchmark::DoNotOptimize(o.data());
                });
    }
  }
}

#if defined(BENCH_HAVE_AVX512_ROOFS)
void register_roofs() {
  if (__builtin_cpu_supports("avx512f") == 0) return;  // no AVX-512: the table shows no roof
  for (const std::size_t n : kMathSizes) {
    add_bench(bench_name("roof_copy", "-", n, "memcpy"), n, -1, 1, -1, 1,
              [](const Vec& a, const Vec&, Vec& o) {
                std::memcpy(o.data(), a.data(), a.size() * sizeof(float));
                benchmark::DoNotOptimize(o.data());
              });
    add_bench(bench_name("roof_copy", "-", n, "avx512"), n, -1, 1, -1, 1,
              [](const Vec& a, const Vec&, Vec& o) {
                trueno_bench::roof_copy(a.data(), o.data(), a.size());
                benchmark::DoNotOptimize(o.data());
              });
    add_bench(bench_name("roof_add", "-", n, "avx512"), n, -1, 1, -1, 1,
              [](const Vec& a, const Vec& b, Vec& o) {
                trueno_bench::roof_add(a.data(), b.data(), o.data(), a.size());
                benchmark::DoNotOptimize(o.data());
              });
    add_bench(bench_name("roof_read", "-", n, "avx512"), n, -1, 1, -1, 1, [](const Vec& a, const Vec&, Vec&) {
      float r = trueno_bench::roof_read(a.data(), a.size());
      benchmark::DoNotOptimize(r);
    });
  }
}
#else
void register_roofs() {}
#endif

const char* arity_name(Arity a) {
  switch (a) {
    case Arity::unary:
      return "unary";
    case Arity::binary:
      return "binary";
    case Arity::reduction:
      return "reduction";
  }
  return "?";
}

// `--list-cases`: one line per table entry, "<name> <arity> <lo> <hi> <lo2> <hi2> <present|missing>", for
// run_bench.py (which builds the peers' data from the same intervals).
void list_cases(const std::vector<MathCase>& cases) {
  for (const MathCase& c : cases) {
    std::printf("%s %s %.17g %.17g %.17g %.17g %s\n", c.name, arity_name(c.arity), c.lo, c.hi, c.lo2, c.hi2,
                c.call != nullptr ? "present" : "missing");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<MathCase> cases = math_cases();
  if (argc > 1 && std::string_view(argv[1]) == "--list-cases") {
    list_cases(cases);
    return 0;
  }
  std::string missing;
  for (const MathCase& c : cases) {
    if (c.call == nullptr) missing += std::string(missing.empty() ? "" : " ") + c.name;
  }
  benchmark::AddCustomContext("trueno_backend", std::string(trueno::to_string(trueno::active_backend())));
  benchmark::AddCustomContext("math_missing", missing);
  register_math(cases);
  register_roofs();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
