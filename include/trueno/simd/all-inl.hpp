// trueno — one target's copy of every kernel family. Included by simd/kernels.hpp once per target, with
// TRUENO_ISA naming the namespace and TRUENO_VEC_HEADER the ISA's vector wrapper (no include guard).
// clang-format off
namespace trueno { inline namespace v0 { namespace detail { namespace TRUENO_ISA {
// clang-format on
#include "vec1-inl.hpp"
#include "vec_gnu-inl.hpp"
#include TRUENO_VEC_HEADER
#include "elementwise-inl.hpp"
// After elementwise-inl.hpp: uses its streaming-store helpers.
#include "convert-inl.hpp"
#include "reduce-inl.hpp"
// After reduce-inl.hpp: softmax uses its max and pairwise_reduce.
#include "math-inl.hpp"
// After math-inl.hpp: built from MathOps (exp, log, the pi/2 reduction).
#include "math_trig-inl.hpp"

// After math_trig-inl.hpp: pow uses its TrigOps (a blank line above keeps clang-format from sorting them).
#include "math_pow-inl.hpp"
// After math-inl.hpp: erf, the activations and the norms use its MathOps.
#include "activation-inl.hpp"
#include "gemm-inl.hpp"
#include "integer-inl.hpp"
// Last: fills the table from every family.
#include "table-inl.hpp"
}  // namespace TRUENO_ISA
}  // namespace detail
}  // namespace v0
}  // namespace trueno
