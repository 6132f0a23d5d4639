// Every public op, on (always aligned) Vectors, with each backend forced in turn through set_backend, against
// the scalar backend: the kernels' dispatch, the wrappers' own arithmetic (means, bounds, rescaling) and the
// statistics composed of several kernels.
#include <gtest/gtest.h>

#include "backend/harness.hpp"
#include "backend/op_info.hpp"

namespace trueno_test::backend {
namespace {

using trueno::Backend;

template <class T>
void expect_matches_scalar(const OpOnBackend& p) {
  const OpInfo& op = *p.op;
  static const std::vector<std::array<long double, 2>> no_params = {{0, 0}};
  const auto* sets = &no_params;
  if (op.params != nullptr) {
    const auto& s = std::is_floating_point_v<T> ? op.params->floats : op.params->ints;
    if (!s.empty()) sets = &s;
  }
  const std::size_t num_specials = Gen<T>::specials(op.dense_specials, 0).size();
  const bool exact =
      op.exactness == Exactness::exact || (op.exactness == Exactness::fused && p.backend != Backend::sse2);
  const ApiFn api = op.api[index(p.dtype)];
  int failures = 0;
  std::vector<long double> bound;
  std::array<std::vector<T>, 3> storage;
  for (std::size_t n : lengths()) {
    for (const CaseSpec& cs : plan(op, n, num_specials, sets->size(), /*kernel=*/false)) {
      std::array<T*, 3> in{};
      Call call;
      call.n = n;
      call.p = (*sets)[cs.param];
      for (std::size_t k = 0; k < static_cast<std::size_t>(op.arity); ++k) {
        storage[k].resize(n);
        in[k] = storage[k].data();
        call.in[k] = in[k];
      }
      fill_inputs<T>(op, cs, in);
      Outcome ref, got;
      {
        const BackendScope scope(Backend::scalar);
        ref = api(call);
      }
      {
        const BackendScope scope(p.backend);
        got = api(call);
      }
      const auto bounds = [&]() -> const std::vector<long double>& {
        bound.assign(ref.size(), 0);
        if (op.tolerance != nullptr) op.tolerance(exact_inputs<T>(op, call), ref, bound);
        return bound;
      };
      const std::string why = compare(ref, got, exact, bounds,
                                      [&](std::size_t i) { return several_nan_operands<T>(op, call, i); });
      if (why.empty()) continue;
      ADD_FAILURE() << param_name(p) << ", " << describe(cs) << ":\n  " << why
                    << lane_inputs<T>(op, call, element_of(why));
      if (++failures == kMaxReportedFailures) return stop();
    }
  }
}

class PublicOp : public ::testing::TestWithParam<OpOnBackend> {};

TEST_P(PublicOp, WithTheBackendForcedMatchesScalarBackendAtEveryLengthAndSpecialValue) {
  const OpOnBackend& p = GetParam();
  switch (p.dtype) {
    case DType::f32:
      return expect_matches_scalar<float>(p);
    case DType::f64:
      return expect_matches_scalar<double>(p);
    case DType::i32:
      return expect_matches_scalar<std::int32_t>(p);
    case DType::i64:
      return expect_matches_scalar<std::int64_t>(p);
  }
}

// A build with only the scalar backend has nothing to compare.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PublicOp);
INSTANTIATE_TEST_SUITE_P(EveryOpAndBackend, PublicOp, ::testing::ValuesIn(ops_on_backends(Entry::api)),
                         [](const ::testing::TestParamInfo<OpOnBackend>& info) {
                           return param_name(info.param);
                         });

}  // namespace
}  // namespace trueno_test::backend
