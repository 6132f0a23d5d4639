// Runtime dispatch: feature detection, the automatic choice, the override and its errors.
#include <gtest/gtest.h>

#include "common/backends.hpp"

namespace {

using trueno::Backend;

TEST(Backend, NamesMatchTheEnvironmentSpelling) {
  EXPECT_EQ(trueno::to_string(Backend::scalar), "scalar");
  EXPECT_EQ(trueno::to_string(Backend::sse2), "sse2");
  EXPECT_EQ(trueno::to_string(Backend::avx2), "avx2");
  EXPECT_EQ(trueno::to_string(Backend::avx512), "avx512");
  EXPECT_EQ(trueno::to_string(Backend::neon), "neon");
}

TEST(Backend, AutomaticChoiceIsTheBestSupported) {
  const auto& f = trueno::cpu_features();
  Backend expected = Backend::scalar;
#if defined(TRUENO_DISABLE_SIMD)
  (void)f;  // scalar only
#elif defined(__x86_64__)
  if (f.avx512f && f.avx512bw && f.avx512dq && f.avx512vl) {
    expected = Backend::avx512;
  } else if (f.avx2 && f.fma) {
    expected = Backend::avx2;
  } else if (f.sse2) {
    expected = Backend::sse2;
  }
#elif defined(__aarch64__)
  expected = f.neon ? Backend::neon : Backend::scalar;
#endif
  EXPECT_EQ(trueno::detail::best_backend(), expected);
}

TEST(Backend, SetBackendSwitchesAndRestores) {
  for (Backend b : trueno_test::available_backends()) {
    trueno_test::BackendScope scope(b);
    EXPECT_EQ(trueno::active_backend(), b);
  }
}

TEST(Backend, RequestingAnUnsupportedBackendThrowsNamingTheFeatures) {
#if defined(__x86_64__) && !defined(TRUENO_DISABLE_SIMD)
  EXPECT_THROW(trueno::set_backend(Backend::neon), trueno::backend_error);
  if (!trueno::cpu_features().avx512f) {
    try {
      trueno::set_backend(Backend::avx512);
      FAIL() << "expected backend_error";
    } catch (const trueno::backend_error& e) {
      EXPECT_NE(std::string(e.what()).find("avx512f"), std::string::npos);
    }
  }
#endif
  EXPECT_NO_THROW(trueno::set_backend(trueno::active_backend()));
}

TEST(Backend, EnvironmentValueParsing) {
  EXPECT_EQ(trueno::detail::parse_backend_env("scalar"), Backend::scalar);
  try {
    (void)trueno::detail::parse_backend_env("avx9000");
    FAIL() << "expected value_error";
  } catch (const trueno::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("TRUENO_BACKEND=avx9000"), std::string::npos);
  }
}

TEST(CpuFeatures, X86BaselineIsReported) {
#if defined(__x86_64__)
  EXPECT_TRUE(trueno::cpu_features().sse2);
  EXPECT_FALSE(trueno::cpu_features().neon);
#else
  GTEST_SKIP() << "x86-64 only";
#endif
}

TEST(Threads, SetAndResetThreadCount) {
  trueno::set_num_threads(3);
  EXPECT_EQ(trueno::num_threads(), 3);
  trueno::set_num_threads(0);
  EXPECT_GE(trueno::num_threads(), 1);
  EXPECT_THROW(trueno::set_num_threads(-1), trueno::value_error);
}

}  // namespace
