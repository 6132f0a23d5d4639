// trueno — runs one NEON kernel once on 4096 elements, for `make bench-aarch64-count`
// (benchmarks/aarch64/count_insns.py). Under `qemu-aarch64 -singlestep -d nochain,exec` every executed
// translation block is one guest instruction, so the instructions of the kernel are the log lines of a run
// with the kernel minus those of a run with `none` (the same program, the kernel call skipped).
// Usage: count_kernel <none|add|sum|dot|exp> [n] [backend]
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <trueno/trueno.hpp>
#include <vector>

namespace {

volatile float g_sink = 0.0F;  // keeps the results alive without printing them

}  // namespace

int main(int argc, char** argv) {
  const std::string_view op = argc > 1 ? argv[1] : "none";
  const std::size_t n = argc > 2 ? static_cast<std::size_t>(std::strtoul(argv[2], nullptr, 10)) : 4096;
  const std::string_view backend_name = argc > 3 ? argv[3] : "neon";
  trueno::Backend backend = trueno::Backend::neon;
  if (backend_name == "scalar") backend = trueno::Backend::scalar;

  std::vector<float> a(n), b(n), out(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = static_cast<float>(i % 97) * 0.01F - 0.4F;
    b[i] = static_cast<float>(i % 89) * 0.02F + 0.1F;
  }
  const auto& k = trueno::detail::kernels_for<float>(backend);

  // The same work in every run up to here; only the kernel call differs.
  if (op == "add") {
    k.add(a.data(), b.data(), out.data(), n);
  } else if (op == "sum") {
    out[0] = k.sum(a.data(), n);
  } else if (op == "dot") {
    out[0] = k.dot(a.data(), b.data(), n);
  } else if (op == "exp") {
    k.exp(a.data(), out.data(), n);
  } else if (op != "none") {
    std::fprintf(stderr, "count_kernel: unknown op %.*s\n", static_cast<int>(op.size()), op.data());
    return 2;
  }
  g_sink = out[0] + out[n / 2];
  return 0;
}
