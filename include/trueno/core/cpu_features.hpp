// trueno — CPU feature detection: CPUID + XGETBV on x86-64, HWCAP on aarch64.
#pragma once

#include <cstdint>

#include "../version.hpp"

#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__) || defined(_M_IX86)
#define TRUENO_ARCH_X86 1
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#else
#include <cpuid.h>
#endif
#elif defined(__aarch64__) || defined(_M_ARM64)
#define TRUENO_ARCH_ARM64 1
#if defined(__linux__)
#include <sys/auxv.h>
#endif
#endif

TRUENO_BEGIN_NAMESPACE

/// Instruction-set features of the running CPU (and, for AVX/AVX-512, whether the OS saves their state).
struct CpuFeatures {
  bool sse2 = false, sse41 = false, avx = false, avx2 = false, fma = false, f16c = false;
  bool avx512f = false, avx512bw = false, avx512dq = false, avx512vl = false;
  bool avx512fp16 = false, avx512bf16 = false, avx512vnni = false;
  bool neon = false, fp16 = false, dotprod = false;
};

namespace detail {

#if defined(TRUENO_ARCH_X86)
struct CpuidRegs {
  std::uint32_t eax = 0, ebx = 0, ecx = 0, edx = 0;
};

inline CpuidRegs cpuid(std::uint32_t leaf, std::uint32_t subleaf) {
  CpuidRegs r;
#if defined(_MSC_VER) && !defined(__clang__)
  int regs[4];
  __cpuidex(regs, static_cast<int>(leaf), static_cast<int>(subleaf));
  r = {static_cast<std::uint32_t>(regs[0]), static_cast<std::uint32_t>(regs[1]),
       static_cast<std::uint32_t>(regs[2]), static_cast<std::uint32_t>(regs[3])};
#else
  __cpuid_count(leaf, subleaf, r.eax, r.ebx, r.ecx, r.edx);
#endif
  return r;
}

// XCR0: which register states the OS saves on context switch.
inline std::uint64_t read_xcr0() {
#if defined(_MSC_VER) && !defined(__clang__)
  return _xgetbv(0);
#else
  std::uint32_t lo = 0, hi = 0;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (static_cast<std::uint64_t>(hi) << 32) | lo;
#endif
}
#endif

inline CpuFeatures detect_cpu_features() {
  CpuFeatures f;
#if defined(TRUENO_ARCH_X86)
  auto bit = [](std::uint32_t reg, int n) { return ((reg >> n) & 1U) != 0; };
  const std::uint32_t max_leaf = cpuid(0, 0).eax;
  const CpuidRegs l1 = cpuid(1, 0);
  f.sse2 = bit(l1.edx, 26);
  f.sse41 = bit(l1.ecx, 19);
  const bool osxsave = bit(l1.ecx, 27);
  const std::uint64_t xcr0 = osxsave ? read_xcr0() : 0;
  const bool os_ymm = (xcr0 & 0x6U) == 0x6U;    // XMM and YMM state
  const bool os_zmm = (xcr0 & 0xE6U) == 0xE6U;  // plus opmask, ZMM_Hi256, Hi16_ZMM
  f.avx = bit(l1.ecx, 28) && os_ymm;
  f.fma = bit(l1.ecx, 12) && os_ymm;
  f.f16c = bit(l1.ecx, 29) && os_ymm;
  if (max_leaf >= 7) {
    const CpuidRegs l7 = cpuid(7, 0);
    f.avx2 = bit(l7.ebx, 5) && os_ymm;
    f.avx512f = bit(l7.ebx, 16) && os_zmm;
    f.avx512dq = bit(l7.ebx, 17) && os_zmm;
    f.avx512bw = bit(l7.ebx, 30) && os_zmm;
    f.avx512vl = bit(l7.ebx, 31) && os_zmm;
    f.avx512vnni = bit(l7.ecx, 11) && os_zmm;
    f.avx512fp16 = bit(l7.edx, 23) && os_zmm;
    if (l7.eax >= 1) {
      f.avx512bf16 = bit(cpuid(7, 1).eax, 5) && os_zmm;
    }
  }
#elif defined(TRUENO_ARCH_ARM64)
  f.neon = true;  // Advanced SIMD is mandatory on AArch64.
#if defined(__linux__)
  const unsigned long hwcap = getauxval(AT_HWCAP);
  f.fp16 = (hwcap & (1UL << 9)) != 0 && (hwcap & (1UL << 10)) != 0;  // HWCAP_FPHP | HWCAP_ASIMDHP
  f.dotprod = (hwcap & (1UL << 20)) != 0;                            // HWCAP_ASIMDDP
#endif
#endif
  return f;
}

}  // namespace detail

/// The running CPU's features, detected once (thread-safe).
inline const CpuFeatures& cpu_features() {
  static const CpuFeatures features = detail::detect_cpu_features();
  return features;
}

TRUENO_END_NAMESPACE
