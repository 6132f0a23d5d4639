// trueno — the integer-only kernels (bitwise ops, shifts) over VecInt<T>, the generic-vector wrapper of every
// integer width (vec_gnu-inl.hpp; Vec1 on the scalar backend), and floor_divide / mod for integers and
// floating types. Re-included per target (no include guard).
// NOLINTBEGIN(readability-identifier-naming)

// out = Op::apply(a, b) lane-wise over VecInt<T>, two vectors per iteration, then one, then a partial one.
// (Ops are static members rather than lambdas: Clang's target pragma does not reach lambda bodies.)
template <class Op, class T>
inline void int_binary_kernel(const T* a, const T* b, T* out, std::size_t n) {
  using V = VecInt<T>;
  constexpr std::size_t L = V::lanes;
  std::size_t i = 0;
  for (; i + 2 * L <= n; i += 2 * L) {
    const auto r0 = Op::apply(V::load(a + i), V::load(b + i));
    const auto r1 = Op::apply(V::load(a + i + L), V::load(b + i + L));
    V::store(out + i, r0);
    V::store(out + i + L, r1);
  }
  for (; i + L <= n; i += L) V::store(out + i, Op::apply(V::load(a + i), V::load(b + i)));
  if (i < n) V::store_n(out + i, n - i, Op::apply(V::load_n(a + i, n - i), V::load_n(b + i, n - i)));
}

template <class T>
struct BitAndOp {
  using V = VecInt<T>;
  static typename V::Reg apply(typename V::Reg x, typename V::Reg y) { return V::bit_and(x, y); }
};
template <class T>
struct BitOrOp {
  using V = VecInt<T>;
  static typename V::Reg apply(typename V::Reg x, typename V::Reg y) { return V::bit_or(x, y); }
};
template <class T>
struct BitXorOp {
  using V = VecInt<T>;
  static typename V::Reg apply(typename V::Reg x, typename V::Reg y) { return V::bit_xor(x, y); }
};
template <class T>
struct ShiftLeftOp {
  using V = VecInt<T>;
  static typename V::Reg apply(typename V::Reg x, typename V::Reg y) { return V::shift_left(x, y); }
};
template <class T>
struct ShiftRightOp {
  using V = VecInt<T>;
  static typename V::Reg apply(typename V::Reg x, typename V::Reg y) { return V::shift_right(x, y); }
};

template <class T>
void bit_and(const T* a, const T* b, T* out, std::size_t n) {
  int_binary_kernel<BitAndOp<T>>(a, b, out, n);
}
template <class T>
void bit_or(const T* a, const T* b, T* out, std::size_t n) {
  int_binary_kernel<BitOrOp<T>>(a, b, out, n);
}
template <class T>
void bit_xor(const T* a, const T* b, T* out, std::size_t n) {
  int_binary_kernel<BitXorOp<T>>(a, b, out, n);
}
template <class T>
void shift_left(const T* a, const T* b, T* out, std::size_t n) {
  int_binary_kernel<ShiftLeftOp<T>>(a, b, out, n);
}
template <class T>
void shift_right(const T* a, const T* b, T* out, std::size_t n) {
  int_binary_kernel<ShiftRightOp<T>>(a, b, out, n);
}
template <class T>
void bit_not(const T* a, T* out, std::size_t n) {
  using V = VecInt<T>;
  constexpr std::size_t L = V::lanes;
  std::size_t i = 0;
  for (; i + L <= n; i += L) V::store(out + i, V::bit_not(V::load(a + i)));
  if (i < n) V::store_n(out + i, n - i, V::bit_not(V::load_n(a + i, n - i)));
}

// Python's floor division and modulo: the quotient rounds toward -inf and the remainder takes the divisor's
// sign. Integers: the divisor is never 0 (the caller throws value_error first); x // -1 wraps (INT_MIN // -1
// == INT_MIN, NumPy's result, with no SIGFPE) and x % -1 is 0. Floating types: NumPy's npy_divmod, division
// by zero included (x // 0 = x / 0, x % 0 = NaN). No SIMD integer division exists on these ISAs: a scalar
// loop.
template <class T>
T floor_divide1(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (b == T(0)) return a / b;
    const T m = std::fmod(a, b);
    T d = (a - m) / b;
    if (m != T(0) && ((b < T(0)) != (m < T(0)))) d -= T(1);
    if (d == T(0)) return std::copysign(T(0), a / b);
    T f = std::floor(d);
    if (d - f > T(0.5)) f += T(1);
    return f;
  } else if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return Vec1<T>::neg(a);
    auto q = static_cast<T>(a / b);
    if (static_cast<T>(a % b) != 0 && ((a < 0) != (b < 0))) q = static_cast<T>(q - 1);
    return q;
  } else {
    return static_cast<T>(a / b);
  }
}
template <class T>
T mod1(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (b == T(0)) return std::fmod(a, b);
    T m = std::fmod(a, b);
    if (m != T(0)) {
      if ((b < T(0)) != (m < T(0))) m += b;
      return m;
    }
    return std::copysign(T(0), b);
  } else if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return T(0);
    auto r = static_cast<T>(a % b);
    if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
    return r;
  } else {
    return static_cast<T>(a % b);
  }
}
template <class T>
void floor_divide(const T* a, const T* b, T* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = floor_divide1(a[i], b[i]);
}
template <class T>
void mod(const T* a, const T* b, T* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = mod1(a[i], b[i]);
}

// NOLINTEND(readability-identifier-naming)
