// The backend-equivalence harness: input generation (random values, ties, special values in the head and tail
// lanes), buffers at every alignment with guard values around the output, the case plan, and the comparison
// of one backend's outcome with the scalar backend's.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iomanip>
#include <limits>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "backend/op_info.hpp"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TRUENO_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define TRUENO_TEST_ASAN 1
#endif
#if defined(TRUENO_TEST_ASAN)
#include <sanitizer/asan_interface.h>
#endif

namespace trueno_test::backend {

// ---- lengths, offsets
// ---------------------------------------------------------------------------------------

inline constexpr std::size_t kMaxSmallLength = 130;  // every length 0..130: all tails of 4, 8 and 16 lanes
inline constexpr std::size_t kLargeLength = 10003;   // the unrolled loops, the pairwise tree, the block loops
inline constexpr int kOffsets = 16;                  // element offsets 0..15 from a 64-byte boundary
inline constexpr std::size_t kEdge = 16;             // the head and tail positions that get special values

inline std::vector<std::size_t> lengths() {
  std::vector<std::size_t> out;
  for (std::size_t n = 0; n <= kMaxSmallLength; ++n) out.push_back(n);
  out.push_back(kLargeLength);
  return out;
}

// Where input k (0..2) and the output start, in elements past a 64-byte boundary, for offset case o: o = 0 is
// all aligned; otherwise each array is misaligned differently from the others.
inline int input_offset(int o, int k) { return (o * (2 * k + 1)) % kOffsets; }  // 1x, 3x, 5x
inline int output_offset(int o) { return (o * 7) % kOffsets; }

// ---- deterministic random numbers -------------------------------------------------------------------------

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  }
  double uniform() { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }  // [0, 1)
  std::size_t below(std::size_t k) { return static_cast<std::size_t>(next() % k); }

 private:
  std::uint64_t state_;
};

inline std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  Rng r(h ^ (v * 0xD6E8FEB86659FD93ULL));
  return r.next();
}

// ---- values -----------------------------------------------------------------------------------------------

template <class T>
T from_bits(std::uint64_t b) {
  if constexpr (sizeof(T) == 4) {
    return std::bit_cast<T>(static_cast<std::uint32_t>(b));
  } else {
    return std::bit_cast<T>(b);
  }
}

template <class R>
Value value_of(R x) {
  Value v;
  std::memcpy(&v.bits, &x, sizeof(R));
  v.value = static_cast<long double>(x);
  v.bytes = static_cast<int>(sizeof(R));
  v.floating = std::is_floating_point_v<R>;
  return v;
}

template <class R>
constexpr ResultType result_type() {
  if constexpr (std::is_same_v<R, float>) {
    return ResultType::f32;
  } else if constexpr (std::is_same_v<R, double>) {
    return ResultType::f64;
  } else if constexpr (std::is_same_v<R, bool>) {
    return ResultType::boolean;
  } else if constexpr (std::is_same_v<R, std::int32_t>) {
    return ResultType::i32;
  } else if constexpr (std::is_same_v<R, std::int64_t>) {
    return ResultType::i64;
  } else {
    static_assert(std::is_same_v<R, std::size_t>);
    return ResultType::index;
  }
}

// An outcome holding n elements of type R copied from p.
template <class R>
Outcome outcome_of(const R* p, std::size_t n) {
  Outcome o;
  o.type = result_type<R>();
  o.bytes.resize(n * sizeof(R));
  if (n != 0) std::memcpy(o.bytes.data(), p, n * sizeof(R));
  return o;
}

inline Value Outcome::value(std::size_t i) const {
  const unsigned char* p = bytes.data() + i * element_bytes();
  auto get = [p]<class R>(R /*tag*/) {
    R x;
    std::memcpy(&x, p, sizeof(R));
    return value_of(x);
  };
  switch (type) {
    case ResultType::f32:
      return get(float{});
    case ResultType::f64:
      return get(double{});
    case ResultType::i32:
      return get(std::int32_t{});
    case ResultType::i64:
      return get(std::int64_t{});
    case ResultType::index:
      return get(std::size_t{});
    case ResultType::boolean:
      return get(bool{});
  }
  return {};
}

inline bool is_nan(const Value& v) { return v.floating && std::isnan(v.value); }
inline bool is_finite(const Value& v) { return !v.floating || std::isfinite(v.value); }

inline std::string describe(const Value& v) {
  std::ostringstream s;
  s << "0x" << std::hex << std::setw(2 * v.bytes) << std::setfill('0') << v.bits << std::dec << " (";
  if (v.floating) {
    s << std::setprecision(v.bytes == 4 ? 9 : 17) << static_cast<double>(v.value);
    if (std::isnan(v.value)) s << (std::signbit(v.value) ? ", sign set" : "");
  } else if (v.bytes == 1) {
    s << (v.value != 0 ? "true" : "false");
  } else {
    s << static_cast<long long>(v.value);
  }
  s << ")";
  return s.str();
}

// Random inputs and special values for element type T.
template <class T>
struct Gen {
  static T general(Rng& r) {
    if constexpr (std::is_floating_point_v<T>) {
      // Random sign, exponent in [-8, 2] and mantissa, straight from the bits.
      using U = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
      constexpr int kMantissa = std::numeric_limits<T>::digits - 1;
      constexpr U kBias = std::numeric_limits<T>::max_exponent - 1;
      const std::uint64_t bits = r.next();
      const U mantissa = static_cast<U>(bits >> (64 - kMantissa));
      const U exponent = static_cast<U>(kBias - 8 + (bits & 0xFFU) % 11);
      const U sign = static_cast<U>(static_cast<U>((bits >> 8U) & 1U) << (sizeof(T) * 8 - 1));
      return std::bit_cast<T>(static_cast<U>(sign | static_cast<U>(exponent << kMantissa) | mantissa));
    } else {
      const std::uint64_t bits = r.next();
      if ((bits & 3U) == 0) return static_cast<T>(bits >> 2U);  // full range: wraps around in add, mul, sum
      return static_cast<T>(static_cast<std::int64_t>(r.below(201)) - 100);
    }
  }
  static T near_one(Rng& r) {
    if constexpr (std::is_floating_point_v<T>) {
      const double v = std::exp((2 * r.uniform() - 1) * 0.01) * ((r.next() & 1U) ? -1 : 1);
      return static_cast<T>(v);
    } else {
      constexpr T kValues[] = {-3, -1, 1, 3};
      return kValues[r.below(4)];
    }
  }
  // Few distinct values: equal extrema in many lanes, +0 next to -0. Flavour 0 mixes signs; in flavour 1 the
  // minimum, in flavour 2 the maximum is a zero (of either sign).
  static T tie(Rng& r, int flavour) {
    if constexpr (std::is_floating_point_v<T>) {
      constexpr T kValues[3][6] = {{T(-2), T(-1), T(-0.0), T(0), T(1), T(2)},
                                   {T(-0.0), T(0), T(1), T(2), T(-0.0), T(0)},
                                   {T(-2), T(-1), T(-0.0), T(0), T(-0.0), T(0)}};
      return kValues[flavour][r.below(6)];
    } else {
      constexpr T kValues[3][5] = {{-2, -1, 0, 1, 2}, {0, 1, 2, 0, 1}, {-2, -1, 0, 0, -1}};
      return kValues[flavour][r.below(5)];
    }
  }
  // The special values of a set. subset 0: the whole set; 1: without NaNs; 2: without NaNs and infinities.
  static const std::vector<T>& specials(Specials set, int subset) {
    static const auto table = [] {
      std::array<std::array<std::vector<T>, 3>, 3> t;
      for (int s = 0; s < 3; ++s) {
        for (int k = 0; k < 3; ++k)
          t[static_cast<std::size_t>(s)][static_cast<std::size_t>(k)] =
              make_specials(static_cast<Specials>(s), k);
      }
      return t;
    }();
    return table[static_cast<std::size_t>(set)][static_cast<std::size_t>(subset)];
  }
  static std::vector<T> make_specials(Specials set, int subset) {
    using L = std::numeric_limits<T>;
    std::vector<T> out;
    if constexpr (std::is_floating_point_v<T>) {
      using U = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
      constexpr int kMantissa = L::digits - 1;
      constexpr U kSign = U(1) << (sizeof(T) * 8 - 1);
      constexpr U kQuiet = U(1) << (kMantissa - 1);
      const U qnan = std::bit_cast<U>(L::quiet_NaN());
      if (subset == 0) {
        out.push_back(L::quiet_NaN());
        out.push_back(std::bit_cast<T>(static_cast<U>(qnan | kSign)));               // x86's default NaN
        out.push_back(std::bit_cast<T>(static_cast<U>(qnan | U(0x2345))));           // a payload
        out.push_back(std::bit_cast<T>(static_cast<U>((qnan & ~kQuiet) | U(0x1))));  // signalling
      }
      if (subset <= 1) {
        out.push_back(L::infinity());
        out.push_back(-L::infinity());
      }
      out.push_back(T(0));
      out.push_back(T(-0.0));
      if (set != Specials::no_extremes) {
        out.push_back(L::denorm_min());
        out.push_back(-L::denorm_min());
        out.push_back(L::min() / 3);  // a denormal with a full mantissa
        out.push_back(-L::min());
      }
      if (set == Specials::all) {
        out.push_back(L::max());
        out.push_back(L::lowest());
      }
    } else {
      out = {T(0), T(-1), T(1)};
      if (set != Specials::no_extremes) {
        out.push_back(L::min());
        out.push_back(L::max());
        out.push_back(static_cast<T>(L::min() + 1));
        out.push_back(static_cast<T>(L::max() - 1));
      }
    }
    return out;
  }
};

// ---- cases ------------------------------------------------------------------------------------------------

enum class VariantKind : std::uint8_t {
  random,  // the op's domain, no special values
  ties,    // few distinct values, +0 and -0 among them (phase: which set, see Gen::tie)
  dense,   // a special value in every head and tail position, rotating through the set with `phase`
  single,  // one special value at `position`
};

struct CaseSpec {
  std::size_t n = 0;
  int offset = 0;  // offset case: see input_offset / output_offset
  VariantKind kind = VariantKind::random;
  int phase = 0;   // dense: rotation; single: which special value
  int subset = 0;  // dense: 0 all of the op's specials, 1 without NaNs, 2 without NaNs and infinities
  std::size_t position = 0;  // single: where
  std::size_t param = 0;     // which parameter set
};

inline std::string describe(const CaseSpec& c) {
  std::ostringstream s;
  s << "n=" << c.n << ", offset case " << c.offset << " (inputs at +" << input_offset(c.offset, 0) << "/+"
    << input_offset(c.offset, 1) << "/+" << input_offset(c.offset, 2) << ", output at +"
    << output_offset(c.offset) << " elements), ";
  switch (c.kind) {
    case VariantKind::random:
      s << "random inputs";
      break;
    case VariantKind::ties:
      s << (c.phase == 0   ? "tied inputs"
            : c.phase == 1 ? "tied inputs, min is a zero"
                           : "tied inputs, max is a zero");
      break;
    case VariantKind::dense:
      s << "special values in every head/tail position (phase " << c.phase << ", subset "
        << (c.subset == 0   ? "all"
            : c.subset == 1 ? "no NaN"
                            : "no NaN/inf")
        << ")";
      break;
    case VariantKind::single:
      s << "one special value (#" << c.phase << ") at position " << c.position;
      break;
  }
  return s.str();
}

// The head and tail positions of an n-element array, each once.
inline std::vector<std::size_t> edge_positions(std::size_t n) {
  std::vector<std::size_t> out;
  for (std::size_t p = 0; p < n; ++p) {
    if (p < kEdge || p + kEdge >= n) out.push_back(p);
  }
  return out;
}

// The cases an op runs at length n. Lane-wise ops get the full matrix: every offset with random inputs, ties
// and every rotation of the special values. Whole-array ops get random inputs and ties at every offset, and
// the special-value variants (every rotation of three subsets, and one special at every head/tail position)
// at an offset that rotates with n and the variant, so every offset still meets every variant across the
// lengths. The large length samples four offsets and fewer rotations.
inline std::vector<CaseSpec> plan(const OpInfo& op, std::size_t n, std::size_t num_specials,
                                  std::size_t num_params, bool kernel) {
  std::vector<CaseSpec> out;
  const bool large = n > kMaxSmallLength;
  const int offsets = kernel ? kOffsets : 1;
  auto rotate = [&](std::size_t k) { return kernel ? static_cast<int>((n + k) % kOffsets) : 0; };
  auto push = [&](CaseSpec c) {
    c.n = n;
    c.param = num_params == 0 ? 0 : (n + out.size()) % num_params;
    out.push_back(c);
  };
  for (int o = 0; o < offsets; ++o) {
    if (large && o % 5 != 0) continue;  // 0, 5, 10, 15
    push({.offset = o, .kind = VariantKind::random});
    push({.offset = o, .kind = VariantKind::ties});
    if (op.kind == Kind::whole) {
      push({.offset = o, .kind = VariantKind::ties, .phase = 1});
      push({.offset = o, .kind = VariantKind::ties, .phase = 2});
    }
  }
  if (n == 0) return out;
  const int phases = static_cast<int>(num_specials);
  const int phase_step = large ? 5 : 1;
  if (op.kind == Kind::lanewise) {
    for (int o = 0; o < offsets; ++o) {
      if (large && o % 5 != 0) continue;
      for (int ph = (large ? o / 5 : 0); ph < phases; ph += phase_step) {
        push({.offset = o, .kind = VariantKind::dense, .phase = ph});
      }
    }
    return out;
  }
  for (int subset = 0; subset < 3; ++subset) {
    for (int ph = 0; ph < phases; ph += phase_step) {
      push({.offset = rotate(static_cast<std::size_t>(ph + 5 * subset)),
            .kind = VariantKind::dense,
            .phase = ph,
            .subset = subset});
    }
  }
  for (std::size_t p : edge_positions(n)) {
    push({.offset = rotate(p),
          .kind = VariantKind::single,
          .phase = static_cast<int>((p * 7 + n) % num_specials),
          .position = p});
  }
  return out;
}

// Fills the op's input arrays for one case.
template <class T>
void fill_inputs(const OpInfo& op, const CaseSpec& c, const std::array<T*, 3>& in) {
  const std::vector<T>& dense = Gen<T>::specials(op.dense_specials, c.subset);
  const std::vector<T>& single = Gen<T>::specials(op.single_specials, 0);
  for (int k = 0; k < op.arity; ++k) {
    std::uint64_t seed = mix(0x7472756E6FULL, c.n);
    seed = mix(seed, static_cast<std::uint64_t>(c.offset));
    seed = mix(seed, static_cast<std::uint64_t>(c.kind));
    seed = mix(seed, static_cast<std::uint64_t>(c.phase));
    seed = mix(seed, c.position);
    seed = mix(seed, static_cast<std::uint64_t>(k));
    Rng r(seed);
    T* x = in[static_cast<std::size_t>(k)];
    for (std::size_t i = 0; i < c.n; ++i) {
      if (c.kind == VariantKind::ties) {
        x[i] = Gen<T>::tie(r, c.phase % 3);
      } else if (op.domain == Domain::near_one) {
        x[i] = Gen<T>::near_one(r);
      } else {
        x[i] = Gen<T>::general(r);
      }
    }
    if (c.kind == VariantKind::dense) {
      // Input k's special at position p: (p + (k + 1) * phase + k) mod S. Over the phases, every value meets
      // every position, and (for two inputs) every pair of values meets in some lane.
      const std::size_t s = dense.size();
      const auto kk = static_cast<std::size_t>(k);
      for (std::size_t p = 0; p < c.n; p = (p + 1 == kEdge && c.n > 2 * kEdge) ? c.n - kEdge : p + 1) {
        x[p] = dense[(p + (kk + 1) * static_cast<std::size_t>(c.phase) + kk) % s];
      }
    } else if (c.kind == VariantKind::single &&
               static_cast<std::size_t>(k) == (c.n + c.position) % static_cast<std::size_t>(op.arity)) {
      x[c.position] = single[static_cast<std::size_t>(c.phase) % single.size()];
    }
  }
}

// ---- buffers ----------------------------------------------------------------------------------------------

// An aligned allocation that ends exactly where the array ends, so that AddressSanitizer reports any read
// past the last element; under ASan the bytes before the start are poisoned as well.
class InputArray {
 public:
  InputArray(std::size_t n, std::size_t elem, int offset)
      : bytes_((static_cast<std::size_t>(offset) + n) * elem),
        prefix_(static_cast<std::size_t>(offset) * elem) {
    base_ =
        static_cast<unsigned char*>(::operator new (std::max<std::size_t>(bytes_, 1), std::align_val_t{64}));
#if defined(TRUENO_TEST_ASAN)
    if (bytes_ == 0) ASAN_POISON_MEMORY_REGION(base_, 1);
    ASAN_POISON_MEMORY_REGION(base_, prefix_);
#endif
  }
  InputArray(const InputArray&) = delete;
  InputArray& operator=(const InputArray&) = delete;
  ~InputArray() {
#if defined(TRUENO_TEST_ASAN)
    ASAN_UNPOISON_MEMORY_REGION(base_, std::max<std::size_t>(bytes_, 1));
#endif
    ::operator delete (base_, std::align_val_t{64});
  }
  [[nodiscard]] void* data() const { return base_ + prefix_; }

 private:
  std::size_t bytes_, prefix_;
  unsigned char* base_ = nullptr;
};

// An output array with guard bytes before and after (kGuard elements each, plus the alignment offset), all
// set to a canary; the output range itself is pre-filled with a different pattern.
class GuardedOutput {
 public:
  static constexpr std::size_t kGuard = 64;  // elements; a multiple of 16 keeps the offset's alignment
  static constexpr unsigned char kCanary = 0xA5, kFill = 0x5A;

  GuardedOutput(std::size_t n, std::size_t elem, int offset)
      : n_(n),
        elem_(elem),
        head_((kGuard + static_cast<std::size_t>(offset)) * elem),
        total_(head_ + (n + kGuard) * elem) {
    base_ = static_cast<unsigned char*>(::operator new (total_, std::align_val_t{64}));
  }
  GuardedOutput(const GuardedOutput&) = delete;
  GuardedOutput& operator=(const GuardedOutput&) = delete;
  ~GuardedOutput() { ::operator delete (base_, std::align_val_t{64}); }

  void arm() {
    std::memset(base_, kCanary, head_);
    std::memset(base_ + head_, kFill, n_ * elem_);
    std::memset(base_ + head_ + n_ * elem_, kCanary, total_ - head_ - n_ * elem_);
  }
  [[nodiscard]] void* data() const { return base_ + head_; }

  static bool intact(const unsigned char* p, std::size_t bytes) {
    static const std::array<unsigned char, 1024> canaries = [] {
      std::array<unsigned char, 1024> a{};
      a.fill(kCanary);
      return a;
    }();
    for (std::size_t done = 0; done < bytes; done += canaries.size()) {
      const std::size_t k = std::min(canaries.size(), bytes - done);
      if (std::memcmp(p + done, canaries.data(), k) != 0) return false;
    }
    return true;
  }

  // Empty when every guard byte is intact; else where the first and last overwritten bytes are.
  [[nodiscard]] std::string check() const {
    if (intact(base_, head_) && intact(base_ + head_ + n_ * elem_, total_ - head_ - n_ * elem_)) return {};
    std::ptrdiff_t first = 0, last = 0;
    bool bad = false;
    for (std::size_t i = 0; i < total_; ++i) {
      if (i >= head_ && i < head_ + n_ * elem_) continue;
      if (base_[i] != kCanary) {
        const auto rel = (static_cast<std::ptrdiff_t>(i) - static_cast<std::ptrdiff_t>(head_));
        const auto el =
            rel >= 0
                ? rel / static_cast<std::ptrdiff_t>(elem_)
                : -((-rel + static_cast<std::ptrdiff_t>(elem_) - 1) / static_cast<std::ptrdiff_t>(elem_));
        if (!bad) first = el;
        last = el;
        bad = true;
      }
    }
    if (!bad) return {};
    std::ostringstream s;
    s << "wrote outside [out, out + n): element(s) " << first << " .. " << last << " relative to out";
    return s.str();
  }

 private:
  std::size_t n_, elem_, head_, total_;
  unsigned char* base_ = nullptr;
};

// ---- comparison -------------------------------------------------------------------------------------------

// Inputs as exact long doubles, for the error bounds.
template <class T>
Inputs exact_inputs(const OpInfo& op, const Call& call) {
  using S = std::conditional_t<std::is_floating_point_v<T>, T, double>;  // what statistics compute in
  Inputs in;
  in.n = call.n;
  in.p = call.p;
  in.eps = std::numeric_limits<S>::epsilon();
  in.tiny = std::numeric_limits<S>::denorm_min();
  in.max = std::numeric_limits<S>::max();
  in.single = std::is_same_v<S, float>;
  for (int k = 0; k < op.arity; ++k) {
    const T* x = static_cast<const T*>(call.in[static_cast<std::size_t>(k)]);
    in.x[static_cast<std::size_t>(k)].assign(x, x + call.n);
  }
  return in;
}

// Empty when `got` is an acceptable result given the scalar backend's `ref`; else what is wrong. Integer
// results and exact ops must match bit for bit (NaN payloads included). Bounded results must have the same
// NaN/inf classification and lie within the op's tolerance, computed (only on a bit difference) by `bounds`.
template <class Bounds, class PayloadFree>
std::string compare(const Outcome& ref, const Outcome& got, bool exact, const Bounds& bounds,
                    const PayloadFree& payload_free) {
  if (ref.error != got.error) {
    return "scalar backend " + (ref.error.empty() ? std::string("returned") : "threw " + ref.error) +
           ", this backend " + (got.error.empty() ? std::string("returned") : "threw " + got.error);
  }
  if (ref.type != got.type || ref.bytes.size() != got.bytes.size()) {
    return "result sizes or types differ: " + std::to_string(ref.size()) + " vs " +
           std::to_string(got.size()) + " elements";
  }
  if (ref.bytes == got.bytes) return {};
  std::optional<std::vector<long double>> bound;  // computed on the first bit difference
  const std::size_t eb = ref.element_bytes();
  for (std::size_t i = 0; i < ref.size(); ++i) {
    if (std::memcmp(ref.bytes.data() + i * eb, got.bytes.data() + i * eb, eb) == 0) continue;
    const Value r = ref.value(i);
    const Value g = got.value(i);
    auto why = [&](const std::string& detail) {
      std::ostringstream w;
      w << "element " << i << ": scalar " << describe(r) << ", this backend " << describe(g) << detail;
      return w.str();
    };
    if (exact || !r.floating) {
      if (!(is_nan(r) && is_nan(g))) return why("");
      if (payload_free(i)) continue;
      return why(" (both NaN, different payload or sign)");
    }
    if (!bound) bound = bounds();
    const long double b = (*bound)[i];
    if (b == kUnbounded) continue;
    if (is_nan(r) || is_nan(g)) {
      if (is_nan(r) && is_nan(g)) continue;
      return why(" (NaN on one backend only)");
    }
    if (!is_finite(r) || !is_finite(g)) return why(" (different infinity classification)");
    const long double diff = std::fabs(r.value - g.value);
    if (!(diff <= b)) {
      std::ostringstream d;
      d << ": |difference| " << static_cast<double>(diff) << " > bound " << static_cast<double>(b);
      return why(d.str());
    }
  }
  return {};
}

// IEEE 754-2019 (6.2.3) leaves open which payload an operation returns when two or more of its operands are
// NaN, and compilers treat + and * as commutative (GCC's _mm_add_ps is `a + b` on vector types), so they may
// swap the operands in the scalar loop or in the intrinsics: which payload wins then depends on code
// generation, not on the backend. In a lane with two or more NaN operands (inputs or scalar parameters) an
// exact op is therefore only required to return some NaN; with one NaN operand its payload (quieted) must
// come through unchanged.
template <class T>
bool several_nan_operands(const OpInfo& op, const Call& c, std::size_t i) {
  if constexpr (!std::is_floating_point_v<T>) {
    return false;
  } else {
    if (op.kind != Kind::lanewise || i >= c.n) return false;
    int nans = 0;
    for (int k = 0; k < op.arity; ++k)
      nans += std::isnan(static_cast<const T*>(c.in[static_cast<std::size_t>(k)])[i]) ? 1 : 0;
    if (op.params != nullptr) nans += (std::isnan(c.p[0]) ? 1 : 0) + (std::isnan(c.p[1]) ? 1 : 0);
      // A NaN made inside the op (lerp's b - a on AArch64, whose default NaN is positive where x86's is
      // negative; inf - inf in one step of a chained op) can meet a NaN operand in the next step, and which
      // one wins is again operand order.
#if defined(__aarch64__)
    const bool made_inside = true;
#else
    const bool made_inside = op.chained;
#endif
    if (made_inside) {
      for (int k = 0; k < op.arity; ++k)
        nans += std::isinf(static_cast<const T*>(c.in[static_cast<std::size_t>(k)])[i]) ? 1 : 0;
    }
    return nans >= 2;
  }
}

// The inputs of lane i of a lane-wise op, and the parameters, for a failure message.
template <class T>
std::string lane_inputs(const OpInfo& op, const Call& c, std::size_t i) {
  std::string s;
  if (op.kind == Kind::lanewise && i < c.n) {
    s += "; inputs there:";
    for (int k = 0; k < op.arity; ++k) {
      s += " " + describe(value_of(static_cast<const T*>(c.in[static_cast<std::size_t>(k)])[i]));
    }
  }
  if (op.params != nullptr) {
    std::ostringstream p;
    p << std::setprecision(21) << "; parameters " << c.p[0] << ", " << c.p[1];
    s += p.str();
  }
  return s;
}

// The element index a compare() message names ("element 12: ..."), or -1.
inline std::size_t element_of(const std::string& why) {
  if (why.rfind("element ", 0) != 0) return static_cast<std::size_t>(-1);
  return static_cast<std::size_t>(std::stoull(why.substr(8)));
}

// Stops a test after a few failing cases: one bug usually fails thousands of them.
inline constexpr int kMaxReportedFailures = 5;
inline void stop() { ADD_FAILURE() << "(stopped after " << kMaxReportedFailures << " failing cases)"; }

}  // namespace trueno_test::backend
