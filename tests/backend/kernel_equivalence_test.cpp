// Every dispatched kernel, called through raw pointers at every alignment offset, on every backend this CPU
// has, against the scalar backend: bit for bit for exactly rounded ops, within the error bound for the
// others, and never writing outside [out, out + n).
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "backend/harness.hpp"
#include "backend/op_info.hpp"

namespace trueno_test::backend {
namespace {

using trueno::Backend;

bool exact_on(const OpInfo& op, Backend b) {
  return op.exactness == Exactness::exact || (op.exactness == Exactness::fused && b != Backend::sse2);
}

template <class T>
const std::vector<std::array<long double, 2>>& param_sets(const OpInfo& op) {
  static const std::vector<std::array<long double, 2>> none = {{0, 0}};
  if (op.params == nullptr) return none;
  const auto& sets = std::is_floating_point_v<T> ? op.params->floats : op.params->ints;
  return sets.empty() ? none : sets;
}

// The buffers of one case: the inputs at their offsets (reads past the end are ASan errors) and the guarded
// output.
template <class T>
struct CaseBuffers {
  CaseBuffers(const OpInfo& op, DType d, std::size_t n, int offset_case) : offset(offset_case) {
    for (int k = 0; k < op.arity; ++k) {
      in.push_back(std::make_unique<InputArray>(n, sizeof(T), input_offset(offset_case, k)));
    }
    const std::size_t out_bytes = op.out_bytes[index(d)];
    if (out_bytes != 0) out = std::make_unique<GuardedOutput>(n, out_bytes, output_offset(offset_case));
  }
  std::array<T*, 3> inputs() const {
    std::array<T*, 3> p{};
    for (std::size_t k = 0; k < in.size(); ++k) p[k] = static_cast<T*>(in[k]->data());
    return p;
  }
  Call call(std::size_t n, const std::array<long double, 2>& params) const {
    Call c;
    c.n = n;
    for (std::size_t k = 0; k < in.size(); ++k) c.in[k] = in[k]->data();
    c.out = out ? out->data() : nullptr;
    c.p = params;
    return c;
  }
  // Runs the kernel of backend b; on a guard violation, says so in `error`.
  Outcome run(const OpInfo& op, DType d, Backend b, const Call& c, std::string& error) const {
    if (out) out->arm();
    Outcome o = op.kernel[index(d)](b, c);
    if (out) {
      const std::string bad = out->check();
      if (!bad.empty() && error.empty()) error = std::string(trueno::to_string(b)) + " kernel " + bad;
    }
    return o;
  }

  int offset;
  std::vector<std::unique_ptr<InputArray>> in;
  std::unique_ptr<GuardedOutput> out;
};

template <class T>
void expect_matches_scalar(const OpOnBackend& p) {
  const OpInfo& op = *p.op;
  const auto& sets = param_sets<T>(op);
  const std::size_t num_specials = Gen<T>::specials(op.dense_specials, 0).size();
  const bool exact = exact_on(op, p.backend);
  int failures = 0;
  std::vector<long double> bound;
  for (std::size_t n : lengths()) {
    if (n < op.min_length) continue;
    std::vector<CaseSpec> cases = plan(op, n, num_specials, sets.size(), /*kernel=*/true);
    std::stable_sort(cases.begin(), cases.end(),
                     [](const CaseSpec& x, const CaseSpec& y) { return x.offset < y.offset; });
    std::unique_ptr<CaseBuffers<T>> buffers;
    for (const CaseSpec& cs : cases) {
      if (!buffers || buffers->offset != cs.offset)
        buffers = std::make_unique<CaseBuffers<T>>(op, p.dtype, n, cs.offset);
      const CaseBuffers<T>& buf = *buffers;
      fill_inputs<T>(op, cs, buf.inputs());
      const Call call = buf.call(n, sets[cs.param]);
      std::string guard;
      const Outcome ref = buf.run(op, p.dtype, Backend::scalar, call, guard);
      const Outcome got = buf.run(op, p.dtype, p.backend, call, guard);
      const auto bounds = [&]() -> const std::vector<long double>& {
        bound.assign(ref.size(), 0);
        if (op.tolerance != nullptr) op.tolerance(exact_inputs<T>(op, call), ref, bound);
        return bound;
      };
      std::string why = compare(ref, got, exact, bounds,
                                [&](std::size_t i) { return several_nan_operands<T>(op, call, i); });
      if (why.empty() && guard.empty()) continue;
      if (!why.empty()) why += lane_inputs<T>(op, call, element_of(why));
      ADD_FAILURE() << param_name(p) << ", " << describe(cs) << ":\n  " << (guard.empty() ? why : guard);
      if (++failures == kMaxReportedFailures) return stop();
    }
  }
}

// Only the backend under test, random inputs, every length and offset: the masked tails and the unrolled
// loops store nothing outside [out, out + n).
template <class T>
void expect_stays_in_bounds(const OpOnBackend& p) {
  const OpInfo& op = *p.op;
  const auto& sets = param_sets<T>(op);
  int failures = 0;
  for (std::size_t n : lengths()) {
    for (int o = 0; o < kOffsets; ++o) {
      const CaseBuffers<T> buf(op, p.dtype, n, o);
      const CaseSpec cs{.n = n, .offset = o};
      fill_inputs<T>(op, cs, buf.inputs());
      std::string guard;
      (void)buf.run(op, p.dtype, p.backend, buf.call(n, sets[n % sets.size()]), guard);
      if (guard.empty()) continue;
      ADD_FAILURE() << param_name(p) << ", " << describe(cs) << ":\n  " << guard;
      if (++failures == kMaxReportedFailures) return stop();
    }
  }
}

// out == a: every lane is read before it is written, so the result equals the out-of-place one.
template <class T>
void expect_in_place_matches(const OpOnBackend& p) {
  const OpInfo& op = *p.op;
  const auto& sets = param_sets<T>(op);
  const std::size_t num_specials = Gen<T>::specials(op.dense_specials, 0).size();
  int failures = 0;
  for (std::size_t n : lengths()) {
    for (int o = 0; o < kOffsets; ++o) {
      for (const VariantKind kind : {VariantKind::random, VariantKind::dense}) {
        const CaseSpec cs{.n = n,
                          .offset = o,
                          .kind = kind,
                          .phase = static_cast<int>((n + 3 * static_cast<std::size_t>(o)) % num_specials)};
        const CaseBuffers<T> buf(op, p.dtype, n, o);
        fill_inputs<T>(op, cs, buf.inputs());
        Call call = buf.call(n, sets[(n + static_cast<std::size_t>(o)) % sets.size()]);
        std::string guard;
        const Outcome separate = buf.run(op, p.dtype, p.backend, call, guard);
        call.out = buf.inputs()[0];  // overwrites input 0
        const Outcome in_place = op.kernel[index(p.dtype)](p.backend, call);
        const std::string why = compare(
            separate, in_place, /*exact=*/true, [] { return std::vector<long double>{}; },
            [](std::size_t) { return false; });
        if (why.empty()) continue;
        ADD_FAILURE() << param_name(p) << ", " << describe(cs) << ", out == a:\n  " << why;
        if (++failures == kMaxReportedFailures) return stop();
      }
    }
  }
}

template <template <class> class Fn>
void dispatch(const OpOnBackend& p) {
  switch (p.dtype) {
    case DType::f32:
      return Fn<float>{}(p);
    case DType::f64:
      return Fn<double>{}(p);
    case DType::i32:
      return Fn<std::int32_t>{}(p);
    case DType::i64:
      return Fn<std::int64_t>{}(p);
  }
}
template <class T>
struct MatchesScalar {
  void operator()(const OpOnBackend& p) const { expect_matches_scalar<T>(p); }
};
template <class T>
struct StaysInBounds {
  void operator()(const OpOnBackend& p) const { expect_stays_in_bounds<T>(p); }
};
template <class T>
struct InPlace {
  void operator()(const OpOnBackend& p) const { expect_in_place_matches<T>(p); }
};

class Kernel : public ::testing::TestWithParam<OpOnBackend> {};
class KernelWithOutputArray : public ::testing::TestWithParam<OpOnBackend> {};
class ElementwiseKernel : public ::testing::TestWithParam<OpOnBackend> {};

TEST_P(Kernel, MatchesScalarBackendAtEveryLengthOffsetAndSpecialValue) {
  dispatch<MatchesScalar>(GetParam());
}

TEST_P(KernelWithOutputArray, NeverWritesOutsideItsOutputAtAnyLengthOrOffset) {
  dispatch<StaysInBounds>(GetParam());
}

TEST_P(ElementwiseKernel, InPlaceWithTheOutputAliasingTheFirstInputMatchesOutOfPlace) {
  dispatch<InPlace>(GetParam());
}

std::string test_name(const ::testing::TestParamInfo<OpOnBackend>& info) { return param_name(info.param); }

// A build with only the scalar backend has nothing to compare.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Kernel);
INSTANTIATE_TEST_SUITE_P(EveryOpAndBackend, Kernel, ::testing::ValuesIn(ops_on_backends(Entry::kernel)),
                         test_name);
INSTANTIATE_TEST_SUITE_P(EveryOpAndBackend, KernelWithOutputArray,
                         ::testing::ValuesIn(ops_on_backends(Entry::kernel_with_output)), test_name);
INSTANTIATE_TEST_SUITE_P(EveryOpAndBackend, ElementwiseKernel,
                         ::testing::ValuesIn(ops_on_backends(Entry::lanewise_kernel)), test_name);

}  // namespace
}  // namespace trueno_test::backend
