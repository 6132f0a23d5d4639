// trueno — Vec1<T>: the one-lane "vector" every ISA namespace has. It is the whole scalar backend and the
// fallback for element types an ISA has no profitable vector form for. Re-included per target: no include
// guard. NOLINTBEGIN(readability-identifier-naming)

template <class T>
struct Vec1 {
  using Reg = T;
  using Mask = bool;
  using Unsigned = std::make_unsigned_t<std::conditional_t<std::is_integral_v<T>, T, int>>;
  static constexpr std::size_t lanes = 1;

  static Reg load(const T* p) { return *p; }
  static void store(T* p, Reg v) { *p = v; }
  static void stream(T* p, Reg v) { *p = v; }
  static void stream_fence() {}
  static Reg load_n(const T* p, std::size_t n) { return n > 0 ? *p : T(0); }
  static void store_n(T* p, std::size_t n, Reg v) {
    if (n > 0) *p = v;
  }
  // Widening load (int32 -> int64 sums, as NumPy accumulates).
  template <class S>
  static Reg load_widen(const S* p) {
    return static_cast<T>(*p);
  }
  static Reg set1(T v) { return v; }
  static Reg zero() { return T(0); }

  // Integer + - * wrap around like NumPy, computed in unsigned arithmetic (no signed-overflow UB).
  static Reg add(Reg a, Reg b) {
    if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(static_cast<Unsigned>(a) + static_cast<Unsigned>(b));
    } else {
      return a + b;
    }
  }
  static Reg sub(Reg a, Reg b) {
    if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(static_cast<Unsigned>(a) - static_cast<Unsigned>(b));
    } else {
      return a - b;
    }
  }
  static Reg mul(Reg a, Reg b) {
    if constexpr (std::is_integral_v<T>) {
      // At least unsigned int: uint16 operands would promote to int, where 65535 * 65535 overflows.
      using W = std::common_type_t<Unsigned, unsigned>;
      return static_cast<T>(static_cast<W>(static_cast<Unsigned>(a)) *
                            static_cast<W>(static_cast<Unsigned>(b)));
    } else {
      return a * b;
    }
  }
  static Reg div(Reg a, Reg b) { return a / b; }
  static Reg neg(Reg a) {
    if constexpr (std::is_integral_v<T>) {
      return sub(T(0), a);
    } else {
      // Flips the sign bit, like the SIMD backends' xor: -(+0) is -0 and a NaN's sign flips (0 - x does
      // neither).
      return -a;
    }
  }
  static Reg abs(Reg a) {
    if constexpr (std::is_integral_v<T>) {
      return a < 0 ? neg(a) : a;  // abs(INT_MIN) == INT_MIN, as NumPy
    } else {
      return std::fabs(a);
    }
  }
  static Reg sqrt(Reg a) { return std::sqrt(a); }
  static Reg fma(Reg a, Reg b, Reg c) {
    if constexpr (std::is_integral_v<T>) {
      return add(mul(a, b), c);
    } else {
      return std::fma(a, b, c);
    }
  }
  // b > a ? b : a, the x86 max/min operand order: ties and NaN in b give a.
  static Reg max(Reg a, Reg b) { return b > a ? b : a; }
  static Reg min(Reg a, Reg b) { return b < a ? b : a; }

  static Mask lt(Reg a, Reg b) { return a < b; }
  static Mask gt(Reg a, Reg b) { return a > b; }
  static Mask eq(Reg a, Reg b) { return a == b; }
  static Mask isnan(Reg a) {
    if constexpr (std::is_floating_point_v<T>) {
      return a != a;  // NOLINT(misc-redundant-expression)
    } else {
      return false;
    }
  }
  static Mask mask_or(Mask a, Mask b) { return a || b; }
  static Mask mask_none() { return false; }
  static Mask first_n(std::size_t n) { return n > 0; }
  static bool any(Mask m) { return m; }
  static Reg select(Mask m, Reg yes, Reg no) { return m ? yes : no; }

  // Integers only: bitwise ops and shifts with NumPy's results for counts outside [0, bits): 0 for << and for
  // >> of non-negative values, -1 for >> of negative ones.
  static Reg bit_and(Reg a, Reg b) { return static_cast<T>(a & b); }
  static Reg bit_or(Reg a, Reg b) { return static_cast<T>(a | b); }
  static Reg bit_xor(Reg a, Reg b) { return static_cast<T>(a ^ b); }
  static Reg bit_not(Reg a) { return static_cast<T>(~a); }
  static Reg shift_left(Reg a, Reg b) {
    constexpr auto kBits = static_cast<Unsigned>(8 * sizeof(T));
    const auto ub = static_cast<Unsigned>(b);
    return ub < kBits ? static_cast<T>(static_cast<Unsigned>(static_cast<Unsigned>(a) << ub)) : T(0);
  }
  static Reg shift_right(Reg a, Reg b) {
    constexpr auto kBits = static_cast<Unsigned>(8 * sizeof(T));
    const auto ub = static_cast<Unsigned>(b);
    if (ub < kBits) return static_cast<T>(a >> ub);
    if constexpr (std::is_signed_v<T>) {
      if (a < T(0)) return T(-1);
    }
    return T(0);
  }

  static T reduce_sum(Reg v) { return v; }
  static T reduce_min(Reg v) { return v; }
  static T reduce_max(Reg v) { return v; }
};

// NOLINTEND(readability-identifier-naming)
