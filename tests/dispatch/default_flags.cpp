// Built with the compiler's default flags (no -m options): the library must still dispatch to the best
// backend the CPU supports, as reported by trueno::cpu_features(). Exit status 0 when it does.
#include <cstdio>
#include <exception>
#include <string_view>
#include <trueno/trueno.hpp>

namespace {

// The backend trueno should choose on this CPU: AVX-512 means F+BW+DQ+VL; AVX2 needs FMA too; SSE2 is the
// x86-64 baseline and NEON the aarch64 one.
trueno::Backend best_backend([[maybe_unused]] const trueno::CpuFeatures& cpu) {
#if defined(TRUENO_DISABLE_SIMD)
  return trueno::Backend::scalar;  // the SIMD backends are switched off (CMake -DTRUENO_SIMD=OFF)
#elif defined(__x86_64__) || defined(_M_X64)
  if (cpu.avx512f && cpu.avx512bw && cpu.avx512dq && cpu.avx512vl) {
    return trueno::Backend::avx512;
  }
  if (cpu.avx2 && cpu.fma) {
    return trueno::Backend::avx2;
  }
  return trueno::Backend::sse2;
#elif defined(__aarch64__) || defined(_M_ARM64)
  return trueno::Backend::neon;
#else
  return trueno::Backend::scalar;
#endif
}

void print_line(std::string_view label, std::string_view value) {
  std::printf("%.*s: %.*s\n", static_cast<int>(label.size()), label.data(), static_cast<int>(value.size()),
              value.data());
}

}  // namespace

int main() try {
  const trueno::Backend active = trueno::active_backend();
  const trueno::Backend expected = best_backend(trueno::cpu_features());
  print_line("active backend", trueno::to_string(active));
  print_line("best supported", trueno::to_string(expected));
  if (active != expected) {
    std::fprintf(stderr,
                 "FAIL: dispatch with default compile flags did not pick the best supported backend\n");
    return 1;
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "FAIL: %s\n", e.what());
  return 1;
}
