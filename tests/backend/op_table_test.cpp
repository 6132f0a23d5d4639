// The op table itself: it covers every op and element type the backend-equivalence requirement names, and
// each descriptor is usable (a kernel or a public function for every declared type, a tolerance where one is
// needed).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "backend/op_info.hpp"

namespace trueno_test::backend {
namespace {

const OpInfo* find(const std::string& name) {
  for (const OpInfo& op : op_table()) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

TEST(OpTable, CoversEveryRequiredOpForFloatAndDoubleAndForIntegersWhereTheOpExists) {
  const std::map<std::string, DTypeSet> required = {
      {"add", kAllTypes},     {"sub", kAllTypes},      {"mul", kAllTypes},      {"div", kFloats},
      {"neg", kAllTypes},     {"abs", kAllTypes},      {"scale", kAllTypes},    {"add_scalar", kAllTypes},
      {"clamp", kAllTypes},   {"lerp", kFloats},       {"fma", kFloats},        {"minimum", kAllTypes},
      {"maximum", kAllTypes}, {"sqrt", kFloats},       {"reciprocal", kFloats}, {"square", kAllTypes},
      {"sum", kAllTypes},     {"prod", kAllTypes},     {"mean", kFloats},       {"var", kFloats},
      {"std", kFloats},       {"min", kAllTypes},      {"max", kAllTypes},      {"argmin", kAllTypes},
      {"argmax", kAllTypes},  {"dot", kAllTypes},      {"norm_l1", kFloats},    {"norm_l2", kFloats},
      {"norm_linf", kFloats}, {"all_finite", kFloats}, {"cumsum", kAllTypes},   {"cov", kFloats},
      {"corrcoef", kFloats},  {"zscore", kFloats},     {"normalize", kFloats},  {"minmax_normalize", kFloats},
  };
  for (const auto& [name, types] : required) {
    const OpInfo* op = find(name);
    ASSERT_NE(op, nullptr) << name << " is missing from the op table";
    for (DType d : kDTypes) {
      if ((types & bit(d)) == 0) continue;
      EXPECT_TRUE(op->has(d)) << name << " is not tested for " << trueno_test::backend::name(d);
    }
  }
}

TEST(OpTable, EveryDeclaredTypeHasAKernelOrAPublicFunction) {
  for (const OpInfo& op : op_table()) {
    for (DType d : kDTypes) {
      if (!op.has(d)) continue;
      EXPECT_TRUE(op.kernel[index(d)] != nullptr || op.api[index(d)] != nullptr)
          << op.name << " declares " << name(d) << " but has neither a kernel nor a public function for it";
    }
  }
}

TEST(OpTable, OpsThatAreNotExactlyRoundedHaveAnErrorBound) {
  for (const OpInfo& op : op_table()) {
    EXPECT_EQ(op.exactness != Exactness::exact, op.tolerance != nullptr) << op.name;
  }
}

TEST(OpTable, NamesAreUnique) {
  std::map<std::string, int> seen;
  for (const OpInfo& op : op_table()) EXPECT_EQ(++seen[op.name], 1) << op.name;
}

TEST(Backends, SeveralAreComparedOnThisCpu) {
  const auto backends = available_backends();
  ASSERT_FALSE(backends.empty());
  EXPECT_EQ(backends.front(), trueno::Backend::scalar);
#if defined(TRUENO_DISABLE_SIMD)
  EXPECT_EQ(backends.size(), 1U) << "SIMD backends switched off: scalar only";
#elif defined(__x86_64__) || defined(__aarch64__)
  EXPECT_GE(backends.size(), 2U) << "x86-64 always has SSE2, aarch64 NEON";
#endif
}

}  // namespace
}  // namespace trueno_test::backend
