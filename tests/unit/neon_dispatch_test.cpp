// NEON dispatch on aarch64: HWCAP feature detection, NEON as the automatic choice, the scalar override, and
// x86 backends refused. On x86-64 the NEON backend must be refused instead.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "common/backends.hpp"

#if defined(__aarch64__) && defined(__linux__)
#include <sys/auxv.h>
#endif

namespace {

using trueno::Backend;

TEST(NeonDispatch, FeaturesComeFromHwcap) {
#if defined(__aarch64__) && defined(__linux__)
  const unsigned long hwcap = getauxval(AT_HWCAP);
  const auto& f = trueno::cpu_features();
  EXPECT_TRUE(f.neon);
  EXPECT_NE(hwcap & (1UL << 1), 0UL) << "HWCAP_ASIMD: Advanced SIMD is mandatory on AArch64";
  EXPECT_EQ(f.fp16, (hwcap & (1UL << 9)) != 0 && (hwcap & (1UL << 10)) != 0);  // FPHP and ASIMDHP
  EXPECT_EQ(f.dotprod, (hwcap & (1UL << 20)) != 0);                            // ASIMDDP
  EXPECT_FALSE(f.sse2 || f.avx2 || f.avx512f);
  std::cout << "[ hwcap    ] neon " << f.neon << ", fp16 " << f.fp16 << ", dotprod " << f.dotprod << '\n';
#else
  EXPECT_FALSE(trueno::cpu_features().neon);
#endif
}

TEST(NeonDispatch, NeonIsTheAutomaticChoiceOnAarch64) {
#if defined(__aarch64__) && !defined(TRUENO_DISABLE_SIMD)
  EXPECT_EQ(trueno::detail::best_backend(), Backend::neon);
  EXPECT_EQ(trueno_test::available_backends(), (std::vector<Backend>{Backend::scalar, Backend::neon}));
  // The NEON table holds its own kernels, not the scalar ones.
  EXPECT_NE(trueno::detail::kernels_for<float>(Backend::neon).exp,
            trueno::detail::kernels_for<float>(Backend::scalar).exp);
  EXPECT_NE(trueno::detail::kernels_for<std::int64_t>(Backend::neon).sum,
            trueno::detail::kernels_for<std::int64_t>(Backend::scalar).sum);
#else
  GTEST_SKIP() << "aarch64 with SIMD only";
#endif
}

TEST(NeonDispatch, ActiveBackendFollowsTheEnvironment) {
  const char* env =
      std::getenv("TRUENO_BACKEND");  // NOLINT(concurrency-mt-unsafe): read-only, no threads yet
  if (env == nullptr || *env == '\0') GTEST_SKIP() << "TRUENO_BACKEND is not set";
  EXPECT_EQ(trueno::active_backend(), trueno::detail::parse_backend_env(env));
}

TEST(NeonDispatch, ScalarOverrideIsAlwaysAccepted) {
  EXPECT_EQ(trueno::detail::parse_backend_env("scalar"), Backend::scalar);
  trueno_test::BackendScope scope(Backend::scalar);
  EXPECT_EQ(trueno::active_backend(), Backend::scalar);
}

TEST(NeonDispatch, BackendsOfTheOtherArchitectureAreRefused) {
#if defined(__aarch64__)
  for (Backend b : {Backend::sse2, Backend::avx2, Backend::avx512}) {
    try {
      trueno::set_backend(b);
      FAIL() << "expected backend_error for " << trueno::to_string(b);
    } catch (const trueno::backend_error& e) {
      EXPECT_EQ(std::string(e.what()),
                "backend " + std::string(trueno::to_string(b)) + " is not compiled into this build");
    }
  }
  EXPECT_THROW((void)trueno::detail::parse_backend_env("avx2"), trueno::backend_error);
#else
  EXPECT_THROW(trueno::set_backend(Backend::neon), trueno::backend_error);
  EXPECT_THROW((void)trueno::detail::parse_backend_env("neon"), trueno::backend_error);
#endif
}

}  // namespace
