// trueno — VecGnu<T, kBytes>: the integer vector wrapper written over the compiler's generic vectors (GCC and
// Clang `vector_size`), for the integer widths an ISA has no hand-written wrapper for: int8, int16, uint8,
// uint16, uint32 and uint64 everywhere, int32 and int64 on SSE2. Compiled inside the target region, the
// compiler emits that ISA's own instructions (vpaddb, vpminub, ...) and emulates what it lacks (a byte
// multiply, a 64-bit compare on SSE2) from them. Same interface as the hand-written wrappers; masks are
// all-ones lanes of the signed integer type of the same width. Integer + - * wrap (computed in unsigned
// lanes). Also the wrapper of the integer-only kernels (bitwise, shifts: simd/integer-inl.hpp) for every
// integer type. Re-included per target (no include guard). NOLINTBEGIN(readability-identifier-naming)

#if defined(__GNUC__) || defined(__clang__)
#define TRUENO_HAVE_GNU_VECTORS 1

template <class T, std::size_t kBytes>
struct VecGnu {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>);
  using U = std::make_unsigned_t<T>;
  using S = std::make_signed_t<T>;
  typedef T Reg __attribute__((vector_size(kBytes)));   // NOLINT(modernize-use-using)
  typedef U UReg __attribute__((vector_size(kBytes)));  // NOLINT(modernize-use-using)
  typedef S Mask __attribute__((vector_size(kBytes)));  // NOLINT(modernize-use-using)
  static constexpr std::size_t lanes = kBytes / sizeof(T);
  static constexpr int bits = 8 * static_cast<int>(sizeof(T));

  static Reg load(const T* p) {
    Reg v;
    std::memcpy(&v, p, kBytes);
    return v;
  }
  static void store(T* p, Reg v) { std::memcpy(p, &v, kBytes); }
  static void stream(T* p, Reg v) { store(p, v); }
  static void stream_fence() {}
  static Reg load_n(const T* p, std::size_t n) {
    Reg v{};
    std::memcpy(&v, p, n * sizeof(T));
    return v;
  }
  static void store_n(T* p, std::size_t n, Reg v) { std::memcpy(p, &v, n * sizeof(T)); }
  static Reg set1(T v) { return Reg{} + v; }
  static Reg zero() { return Reg{}; }

  static Reg add(Reg a, Reg b) {
    return reinterpret_cast<Reg>(reinterpret_cast<UReg>(a) + reinterpret_cast<UReg>(b));
  }
  static Reg sub(Reg a, Reg b) {
    return reinterpret_cast<Reg>(reinterpret_cast<UReg>(a) - reinterpret_cast<UReg>(b));
  }
  static Reg mul(Reg a, Reg b) {
    return reinterpret_cast<Reg>(reinterpret_cast<UReg>(a) * reinterpret_cast<UReg>(b));
  }
  static Reg neg(Reg a) { return sub(Reg{}, a); }
  static Reg abs(Reg a) {  // abs(INT_MIN) == INT_MIN, as NumPy; unsigned: the value itself
    if constexpr (std::is_signed_v<T>) {
      return select(a < 0, neg(a), a);
    } else {
      return a;
    }
  }
  static Reg fma(Reg a, Reg b, Reg c) { return add(mul(a, b), c); }
  static Reg max(Reg a, Reg b) { return select(b > a, b, a); }
  static Reg min(Reg a, Reg b) { return select(b < a, b, a); }

  static Mask lt(Reg a, Reg b) { return a < b; }
  static Mask gt(Reg a, Reg b) { return a > b; }
  static Mask eq(Reg a, Reg b) { return a == b; }
  static Mask isnan(Reg) { return Mask{}; }
  static Mask mask_or(Mask a, Mask b) { return a | b; }
  static Mask mask_none() { return Mask{}; }
  static Mask first_n(std::size_t n) {
    Mask idx;
    for (std::size_t j = 0; j < lanes; ++j) idx[j] = static_cast<S>(j);
    return idx < static_cast<S>(std::min(n, lanes));
  }
  static bool any(Mask m) {
    std::uint64_t words[kBytes / 8];
    std::memcpy(words, &m, kBytes);
    std::uint64_t acc = 0;
    for (const std::uint64_t w : words) acc |= w;
    return acc != 0;
  }
  static Reg select(Mask m, Reg yes, Reg no) {
    return reinterpret_cast<Reg>((reinterpret_cast<Mask>(yes) & m) | (reinterpret_cast<Mask>(no) & ~m));
  }

  // Bitwise ops and shifts (simd/integer-inl.hpp). Shifts by the bit width or more, or by a negative count,
  // give NumPy's results: 0 for << and for >> of non-negative values, -1 for >> of negative ones.
  static Reg bit_and(Reg a, Reg b) { return a & b; }
  static Reg bit_or(Reg a, Reg b) { return a | b; }
  static Reg bit_xor(Reg a, Reg b) { return a ^ b; }
  static Reg bit_not(Reg a) { return ~a; }
  static Reg shift_left(Reg a, Reg b) {
    const UReg ub = reinterpret_cast<UReg>(b);
    const auto in_range = reinterpret_cast<Mask>(ub < static_cast<U>(bits));
    const UReg r = reinterpret_cast<UReg>(a) << (ub & static_cast<U>(bits - 1));
    return select(in_range, reinterpret_cast<Reg>(r), Reg{});
  }
  static Reg shift_right(Reg a, Reg b) {
    const UReg ub = reinterpret_cast<UReg>(b);
    const auto in_range = reinterpret_cast<Mask>(ub < static_cast<U>(bits));
    const Reg r = a >> reinterpret_cast<Reg>(ub & static_cast<U>(bits - 1));
    if constexpr (std::is_signed_v<T>) {
      return select(in_range, r, a >> static_cast<T>(bits - 1));  // 0 or -1: the sign
    } else {
      return select(in_range, r, Reg{});
    }
  }

  static T reduce_sum(Reg v) {  // wrapping
    U s = 0;
    for (std::size_t j = 0; j < lanes; ++j) s = static_cast<U>(s + static_cast<U>(v[j]));
    return static_cast<T>(s);
  }
  static T reduce_max(Reg v) {
    T m = v[0];
    for (std::size_t j = 1; j < lanes; ++j) m = v[j] > m ? T(v[j]) : m;
    return m;
  }
  static T reduce_min(Reg v) {
    T m = v[0];
    for (std::size_t j = 1; j < lanes; ++j) m = v[j] < m ? T(v[j]) : m;
    return m;
  }
};

/// The wrapper of integer type T on an ISA whose registers hold kBytes: VecGnu, except bool (Vec1).
template <class T, std::size_t kBytes>
using VecIntFor =
    std::conditional_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, VecGnu<T, kBytes>, Vec1<T>>;
#endif

// NOLINTEND(readability-identifier-naming)
