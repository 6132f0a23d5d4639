// The backend-equivalence suite's op table (PyTorch's OpInfo in C++): one descriptor per op says how to call
// it (its dispatched kernel and/or its public function), for which element types, how exact it must be across
// backends, and which inputs suit it. The tests in this folder run every descriptor on every backend and
// compare each backend's result with the scalar backend's.
//
// Adding an op is one line in op_table.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/backends.hpp"

namespace trueno_test::backend {

// ---- element types ----------------------------------------------------------------------------------------

enum class DType : std::uint8_t { f32, f64, i32, i64 };
inline constexpr std::array<DType, 4> kDTypes = {DType::f32, DType::f64, DType::i32, DType::i64};

using DTypeSet = unsigned;
inline constexpr DTypeSet kF32 = 1U << 0U;
inline constexpr DTypeSet kF64 = 1U << 1U;
inline constexpr DTypeSet kI32 = 1U << 2U;
inline constexpr DTypeSet kI64 = 1U << 3U;
inline constexpr DTypeSet kFloats = kF32 | kF64;
inline constexpr DTypeSet kInts = kI32 | kI64;
inline constexpr DTypeSet kAllTypes = kFloats | kInts;

[[nodiscard]] constexpr DTypeSet bit(DType d) { return 1U << static_cast<unsigned>(d); }
[[nodiscard]] constexpr std::size_t index(DType d) { return static_cast<std::size_t>(d); }
[[nodiscard]] constexpr bool is_float(DType d) { return d == DType::f32 || d == DType::f64; }
[[nodiscard]] constexpr std::string_view name(DType d) {
  switch (d) {
    case DType::f32:
      return "f32";
    case DType::f64:
      return "f64";
    case DType::i32:
      return "i32";
    case DType::i64:
      return "i64";
  }
  return "?";
}

template <class T>
inline constexpr DType dtype_of = std::is_same_v<T, float>          ? DType::f32
                                  : std::is_same_v<T, double>       ? DType::f64
                                  : std::is_same_v<T, std::int32_t> ? DType::i32
                                                                    : DType::i64;

// ---- results ---------------------------------------------------------------------------------------------

// The type of a result's elements.
enum class ResultType : std::uint8_t { f32, f64, i32, i64, index, boolean };

// One element of a result: its exact bit pattern (for bit-identity, NaN payload included) and its value (for
// tolerances; long double holds every float, double and int64 exactly).
struct Value {
  std::uint64_t bits = 0;
  long double value = 0;
  int bytes = 0;          // size of the result type
  bool floating = false;  // a floating-point result (the op's exactness applies; integers are always exact)
};

// What one call produced: the bit patterns of its output elements (one for a reduction), decoded only when
// two backends differ; or the error it threw.
struct Outcome {
  ResultType type = ResultType::f32;
  std::vector<unsigned char> bytes;
  std::string error;  // "<exception type>: <message>", empty when the op returned normally

  [[nodiscard]] std::size_t element_bytes() const {
    switch (type) {
      case ResultType::f32:
      case ResultType::i32:
        return 4;
      case ResultType::boolean:
        return sizeof(bool);
      default:
        return 8;
    }
  }
  [[nodiscard]] bool floating() const { return type == ResultType::f32 || type == ResultType::f64; }
  [[nodiscard]] std::size_t size() const { return bytes.size() / element_bytes(); }
  [[nodiscard]] Value value(std::size_t i) const;  // harness.hpp
};

// ---- calls ------------------------------------------------------------------------------------------------

// One call's arguments, type-erased: up to three input arrays of the op's element type, the output array (for
// kernels with an array output; the harness surrounds it with guard values), and up to two scalar parameters
// (converted to the element type by the runner).
struct Call {
  std::size_t n = 0;
  std::array<const void*, 3> in{};
  void* out = nullptr;
  std::array<long double, 2> p{};
};

using KernelFn = Outcome (*)(trueno::Backend, const Call&);  // the backend's dispatched kernel, raw pointers
using ApiFn = Outcome (*)(const Call&);  // the public function on Vectors copied from the inputs

// ---- tolerances -------------------------------------------------------------------------------------------

// A case's inputs, exactly, for error bounds. eps and tiny are those of the type the op computes in (the
// element type, or double for statistics of integers); max is its largest finite value.
struct Inputs {
  std::size_t n = 0;
  std::array<std::vector<long double>, 3> x;
  std::array<long double, 2> p{};
  long double eps = 0, tiny = 0, max = 0;
  bool single = false;  // the element type is float (for rounding intermediate results the way a kernel does)
  [[nodiscard]] long double round(long double v) const {
    return single ? static_cast<long double>(static_cast<float>(v))
                  : static_cast<long double>(static_cast<double>(v));
  }
};

// Fills bound[i] with the largest |scalar - backend| allowed for result element i (bound has the result's
// size). Bounds are computed from the finite inputs only: a non-finite result must have the same class (NaN,
// +inf, -inf) on both backends. kUnbounded says the two evaluation orders may legitimately disagree even on
// the class (an intermediate that overflows in one order and not in the other).
using ToleranceFn = void (*)(const Inputs&, const Outcome& reference, std::vector<long double>& bound);
inline constexpr long double kUnbounded = std::numeric_limits<long double>::infinity();

// ---- descriptors ------------------------------------------------------------------------------------------

enum class Kind : std::uint8_t {
  lanewise,  // output element i depends only on input element i: special values in every head/tail lane
  whole,  // a reduction, a scan or a statistic: also one special value at a time, at every head/tail position
};

enum class Exactness : std::uint8_t {
  exact,  // exactly rounded: bit-identical on every backend, NaN payloads included
  fused,  // bit-identical where the backend fuses multiply-add (scalar std::fma, AVX2, AVX-512); SSE2 rounds
          // the product separately, so there it is held to the tolerance instead
  bounded,  // a different evaluation order: within the tolerance, with the same NaN/inf classification
};

// Input values suited to the op.
enum class Domain : std::uint8_t {
  general,   // floats: random sign, mantissa and exponent in [2^-8, 2^3); ints: small or full-range
  near_one,  // products: floats of magnitude in [e^-0.01, e^0.01]; ints in {-3, -1, 1, 3}
};

// Which special values the op's inputs receive.
enum class Specials : std::uint8_t {
  all,          // NaNs (quiet, negative, payload, signalling), +-inf, +-0, denormals, min, max, lowest
  no_overflow,  // all but max and lowest (a sum of several huge values overflows in some orders only)
  no_extremes,  // NaNs, +-inf and +-0 only (products of tiny values underflow to 0 in some orders only,
                // and 0 * inf is NaN while tiny * inf is inf)
};

// Scalar parameter sets (scale factor, clamp bounds, lerp weight, ...), by element-type family.
struct ParamSets {
  std::vector<std::array<long double, 2>> floats;
  std::vector<std::array<long double, 2>> ints;
};

struct OpInfo {
  std::string name;
  DTypeSet dtypes = 0;
  Kind kind = Kind::lanewise;
  Exactness exactness = Exactness::exact;
  ToleranceFn tolerance = nullptr;
  Domain domain = Domain::general;
  Specials dense_specials = Specials::all;   // the values placed in every head and tail position
  Specials single_specials = Specials::all;  // the values placed one at a time (Kind::whole only)
  const ParamSets* params = nullptr;
  int arity = 1;               // input arrays
  std::size_t min_length = 0;  // the kernel's precondition (min, max, argmin... need n >= 1)
  // A chain of operations per lane (sum_rows): a NaN made in one step (inf - inf) can meet a NaN operand in a
  // later one, so infinite operands count as NaN operands for the NaN-payload rule (harness.hpp).
  bool chained = false;
  std::array<KernelFn, 4> kernel{};
  std::array<std::size_t, 4> out_bytes{};  // bytes per output element of the kernel; 0: scalar result
  std::array<ApiFn, 4> api{};

  [[nodiscard]] bool has(DType d) const { return (dtypes & bit(d)) != 0; }
};

// The table (op_table.cpp).
const std::vector<OpInfo>& op_table();

// ---- test parameters
// ----------------------------------------------------------------------------------------

struct OpOnBackend {
  const OpInfo* op;
  DType dtype;
  trueno::Backend backend;
};

// Which entry points a test exercises.
enum class Entry : std::uint8_t {
  kernel,              // every dispatched kernel
  kernel_with_output,  // kernels that write an output array (element-wise ops, cumsum)
  lanewise_kernel,     // element-wise kernels (out may alias an input)
  api,                 // every public function
};

// Every (op, element type, backend) with the entry point, for every backend available here. The comparisons
// with the scalar backend (Entry::kernel, Entry::api) skip scalar itself; the output-range and in-place
// checks include it.
std::vector<OpOnBackend> ops_on_backends(Entry entry);

// "add_f32_on_avx2": the test-name suffix.
std::string param_name(const OpOnBackend& p);
// How GoogleTest prints a parameter.
void PrintTo(const OpOnBackend& p, std::ostream* os);

}  // namespace trueno_test::backend
