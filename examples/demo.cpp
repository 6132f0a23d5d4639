// trueno demo: what this CPU offers, which backend trueno picked, and what it buys on 1M floats.
//
//   make demo                      (Release build with GCC, then runs build/examples/trueno_demo)
//   TRUENO_BACKEND=avx2 ./build/examples/trueno_demo     (force a backend)
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <trueno/trueno.hpp>
#include <vector>

namespace {

// Median over `reps` samples of the wall time per call of fn, in microseconds; each sample times `inner`
// back-to-back calls (after one warm-up call).
template <class Fn>
double median_us(Fn&& fn, int reps = 21, int inner = 1) {
  fn();
  std::vector<double> t;
  t.reserve(static_cast<std::size_t>(reps));
  for (int i = 0; i < reps; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int j = 0; j < inner; ++j) fn();
    const auto t1 = std::chrono::steady_clock::now();
    t.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count() / inner);
  }
  std::nth_element(t.begin(), t.begin() + reps / 2, t.end());
  return t[static_cast<std::size_t>(reps / 2)];
}

// Keeps a result alive so the timed call is not optimised away.
volatile double g_sink = 0;

void print_features() {
  const trueno::CpuFeatures& f = trueno::cpu_features();
  const std::pair<const char*, bool> flags[] = {{"sse2", f.sse2},
                                                {"sse4.1", f.sse41},
                                                {"avx", f.avx},
                                                {"avx2", f.avx2},
                                                {"fma", f.fma},
                                                {"f16c", f.f16c},
                                                {"avx512f", f.avx512f},
                                                {"avx512bw", f.avx512bw},
                                                {"avx512dq", f.avx512dq},
                                                {"avx512vl", f.avx512vl},
                                                {"avx512fp16", f.avx512fp16},
                                                {"avx512bf16", f.avx512bf16},
                                                {"avx512vnni", f.avx512vnni},
                                                {"neon", f.neon},
                                                {"fp16", f.fp16},
                                                {"dotprod", f.dotprod}};
  std::string found;
  for (const auto& [name, have] : flags) {
    if (have) found += std::string(found.empty() ? "" : " ") + name;
  }
  std::printf("CPU features : %s\n", found.empty() ? "(none detected)" : found.c_str());
  std::printf("Backend      : %s  (override with TRUENO_BACKEND=scalar|sse2|avx2|avx512|neon)\n\n",
              std::string(trueno::to_string(trueno::active_backend())).c_str());
}

void small_example() {
  const trueno::Vector<float> a{1.5F, -2.0F, 3.25F, 0.5F};
  const trueno::Vector<float> b{0.5F, 4.0F, -1.0F, 2.0F};
  std::cout << "A small example\n";
  std::cout << "  a               = " << a << "\n";
  std::cout << "  b               = " << b << "\n";
  std::cout << "  a + b           = " << a + b << "\n";
  std::cout << "  a * 2           = " << a * 2.0F << "\n";
  std::cout << "  clamp(a, -1, 1) = " << trueno::clamp(a, -1.0F, 1.0F) << "\n";
  std::cout << "  sum(a) = " << trueno::sum(a) << "   dot(a, b) = " << trueno::dot(a, b)
            << "   argmax(a) = " << trueno::argmax(a) << "   norm_l2(a) = " << trueno::norm_l2(a) << "\n";
  try {
    const trueno::Vector<float> c(3);
    (void)(a + c);
  } catch (const trueno::shape_error& e) {
    std::cout << "  a + (3 elements) throws trueno::shape_error: " << e.what() << "\n";
  }
  std::cout << "\n";
}

struct Row {
  const char* name;
  double active_us, scalar_us;
  std::string active_result, scalar_result;
};

}  // namespace

int main() {
  std::printf("trueno %d.%d.%d demo\n\n", TRUENO_VERSION_MAJOR, TRUENO_VERSION_MINOR, TRUENO_VERSION_PATCH);
  print_features();
  small_example();

  constexpr std::size_t kN = 1'000'000;
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> dist(-1.0F, 1.0F);
  trueno::Vector<float> a(kN), b(kN), out(kN);
  for (std::size_t i = 0; i < kN; ++i) {
    a[i] = dist(rng);
    b[i] = dist(rng);
  }

  const trueno::Backend best = trueno::active_backend();
  // Times fn on the active backend and on the scalar one; `show` formats the op's result.
  std::vector<Row> rows;
  auto measure = [&](const char* name, auto fn, auto show) {
    Row r{name, 0, 0, "", ""};
    trueno::set_backend(best);
    r.active_us = median_us([&] { g_sink = static_cast<double>(fn()); });
    r.active_result = show(fn());
    trueno::set_backend(trueno::Backend::scalar);
    r.scalar_us = median_us([&] { g_sink = static_cast<double>(fn()); });
    r.scalar_result = show(fn());
    trueno::set_backend(best);
    rows.push_back(r);
  };
  auto fmt = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return std::string(buf);
  };
  auto first = [&](float) { return "out[0] = " + fmt(static_cast<double>(out[0])); };

  measure(
      "add(a, b, out)",
      [&] {
        trueno::add(a, b, out);
        return out[0];
      },
      first);
  measure(
      "mul(a, b, out)",
      [&] {
        trueno::mul(a, b, out);
        return out[0];
      },
      first);
  measure(
      "clamp(a, -.5, .5, out)",
      [&] {
        trueno::clamp(a, -0.5F, 0.5F, out);
        return out[0];
      },
      first);
  measure(
      "sum(a)", [&] { return trueno::sum(a); }, [&](float v) { return fmt(static_cast<double>(v)); });
  measure(
      "dot(a, b)", [&] { return trueno::dot(a, b); }, [&](float v) { return fmt(static_cast<double>(v)); });
  measure(
      "norm_l2(a)", [&] { return trueno::norm_l2(a); }, [&](float v) { return fmt(static_cast<double>(v)); });
  measure(
      "max(a)", [&] { return trueno::max(a); }, [&](float v) { return fmt(static_cast<double>(v)); });
  measure(
      "argmax(a)", [&] { return trueno::argmax(a); }, [&](std::size_t v) { return std::to_string(v); });

  std::printf("1M floats, one thread, median of 21 calls (%s vs scalar)\n",
              std::string(trueno::to_string(best)).c_str());
  std::printf("  %-24s %12s %12s %9s   %s\n", "op", (std::string(trueno::to_string(best)) + " us").c_str(),
              "scalar us", "speed-up", "result (active | scalar)");
  for (const Row& r : rows) {
    std::printf("  %-24s %12.1f %12.1f %8.1fx   %s | %s\n", r.name, r.active_us, r.scalar_us,
                r.scalar_us / r.active_us, r.active_result.c_str(), r.scalar_result.c_str());
  }

  // The same element-wise ops on data that fits in the L1 cache, where they are no longer bandwidth-bound.
  constexpr std::size_t kSmall = 2'048;
  trueno::Vector<float> sa(a.begin(), a.begin() + kSmall), sb(b.begin(), b.begin() + kSmall), so(kSmall);
  std::printf("\n2K floats (24 KB, in the L1 cache), median of 21 x 1000 calls\n");
  std::printf("  %-24s %12s %12s %9s\n", "op", (std::string(trueno::to_string(best)) + " ns").c_str(),
              "scalar ns", "speed-up");
  auto small_row = [&](const char* name, auto fn) {
    trueno::set_backend(best);
    const double t_active = 1000 * median_us(fn, 21, 1000);
    trueno::set_backend(trueno::Backend::scalar);
    const double t_scalar = 1000 * median_us(fn, 21, 1000);
    trueno::set_backend(best);
    std::printf("  %-24s %12.1f %12.1f %8.1fx\n", name, t_active, t_scalar, t_scalar / t_active);
  };
  small_row("add(a, b, out)", [&] { trueno::add(sa, sb, so); });
  small_row("mul(a, b, out)", [&] { trueno::mul(sa, sb, so); });
  small_row("clamp(a, -.5, .5, out)", [&] { trueno::clamp(sa, -0.5F, 0.5F, so); });

  std::printf(
      "\nElement-wise ops on 1M floats (8-12 MB) are bound by memory bandwidth, so SIMD gains little there;\n"
      "in cache it pays. Sums can differ in the last digits between backends (each has its own pairwise\n"
      "order). The full comparison with NumPy and Eigen: make bench (docs/performance.md).\n");
  return 0;
}
