// trueno — reduction kernels over Vec<T>, re-included per target (no include guard).
// Sums are pairwise: leaves of 32 vectors summed into 8 accumulators (chains of at most 4), then a binary
// tree, so the rounding error is at most about (log2(n) + 2) * eps * sum|x| on every backend.
// NOLINTBEGIN(readability-identifier-naming)

inline constexpr std::size_t kLeafVectors = 32;
// Full leaves are taken kBlockLeaves at a time (see pairwise_reduce).
inline constexpr std::size_t kBlockLeaves = 4;

// The order of a leaf's loads. Grouped: the compiler may not move them across groups of 8 vectors (the same
// code otherwise), so they stay in address order. Left free, GCC interleaves the 8 chains (offsets 0x180,
// 0x380, ..., then back down to 0): on AMD Zen 4 that halves what the hardware prefetcher streams from DRAM
// (float sum at 10M: 12.5 GB/s free, 35 GB/s grouped), but from L2 the free order is faster (float dot at
// 100K: 7.5-7.8 us free, 8.1-8.2 us grouped). So the loads are grouped from kFreeLoadBytes of data on
// (counted in accumulator lanes: n * sizeof(lane)), free below; a wrapper can ask for grouping at every size
// with V::kGroupLeafLoads = true (NEON: on AArch64 the free order breaks the pairs of adjacent loads merged
// into LDP). The results are the same either way.
inline constexpr std::size_t kFreeLoadBytes = std::size_t{512} << 10;
template <class V>
constexpr bool always_group_leaf_loads() {
  if constexpr (requires { V::kGroupLeafLoads; }) {
    return V::kGroupLeafLoads;
  } else {
    return false;
  }
}
template <bool kGrouped>
inline void leaf_loads_group_end() {
#if defined(__GNUC__)
  if constexpr (kGrouped) __asm__ volatile("" ::: "memory");
#endif
}

// The first term of an accumulator chain: op.start(i) where the terms have one (a product rather than a fused
// multiply-add onto a zero), else op.step from -0, the exact identity of + (x + -0 == x, -0 included), which
// the compiler folds away. Either may give -0 where a +0 start gives +0 (only the sign of a zero differs);
// pairwise_reduce restores the +0.
template <class V, class Op>
inline typename V::Reg chain_start(const Op& op, std::size_t i) {
  if constexpr (requires { op.start(i); }) {
    return op.start(i);
  } else {
    using T = decltype(V::reduce_sum(V::zero()));  // the lane type
    return op.step(V::set1(-T(0)), i);
  }
}

// One leaf of the pairwise sum: kLeafVectors vectors starting at element i, 8 accumulators (chains of 4),
// added in a balanced tree. The accumulators stay in registers. The terms are taken from op.shifted(i), so
// every load has a constant offset from one base per array (on AArch64, what lets adjacent loads pair).
template <class V, bool kGrouped, class Op>
TRUENO_ALWAYS_INLINE inline typename V::Reg pairwise_full_leaf(const Op& op, std::size_t i) {
  constexpr std::size_t L = V::lanes;
  const Op leaf = op.shifted(i);
  auto a0 = chain_start<V>(leaf, 0), a1 = chain_start<V>(leaf, L), a2 = chain_start<V>(leaf, 2 * L),
       a3 = chain_start<V>(leaf, 3 * L), a4 = chain_start<V>(leaf, 4 * L), a5 = chain_start<V>(leaf, 5 * L),
       a6 = chain_start<V>(leaf, 6 * L), a7 = chain_start<V>(leaf, 7 * L);
  leaf_loads_group_end<kGrouped>();
  for (std::size_t k = 8 * L; k < kLeafVectors * L; k += 8 * L) {
    a0 = leaf.step(a0, k);
    a1 = leaf.step(a1, k + L);
    a2 = leaf.step(a2, k + 2 * L);
    a3 = leaf.step(a3, k + 3 * L);
    a4 = leaf.step(a4, k + 4 * L);
    a5 = leaf.step(a5, k + 5 * L);
    a6 = leaf.step(a6, k + 6 * L);
    a7 = leaf.step(a7, k + 7 * L);
    leaf_loads_group_end<kGrouped>();
  }
  return V::add(V::add(V::add(a0, a1), V::add(a2, a3)), V::add(V::add(a4, a5), V::add(a6, a7)));
}

// kLeaves full leaves from element 0 of op (a power of two), added in a balanced tree.
template <class V, bool kGrouped, std::size_t kLeaves, class Op>
TRUENO_ALWAYS_INLINE inline typename V::Reg leaf_block(const Op& op) {
  if constexpr (kLeaves == 1) {
    return pairwise_full_leaf<V, kGrouped>(op, 0);
  } else {
    constexpr std::size_t kHalf = kLeaves / 2 * kLeafVectors * V::lanes;
    // In address order (as arguments of one call, GCC computed the right half first: the leaves then ran
    // backwards through memory, and a float sum at 10M streamed 3.5x slower from DRAM).
    const auto left = leaf_block<V, kGrouped, kLeaves / 2>(op);
    const auto right = leaf_block<V, kGrouped, kLeaves / 2>(op.shifted(kHalf));
    return V::add(left, right);
  }
}

// A leaf of n < kLeafVectors * lanes elements (the last, partial one), in the same order. Its accumulators
// start from +0, so it never gives -0.
template <class V, class Op>
inline typename V::Reg pairwise_partial_leaf(const Op& op, std::size_t begin, std::size_t n) {
  constexpr std::size_t L = V::lanes;
  typename V::Reg acc[8] = {V::zero(), V::zero(), V::zero(), V::zero(),
                            V::zero(), V::zero(), V::zero(), V::zero()};
  std::size_t i = 0;
  for (; i + 8 * L <= n; i += 8 * L) {
    for (std::size_t j = 0; j < 8; ++j) acc[j] = op.step(acc[j], begin + i + j * L);
  }
  std::size_t j = 0;  // fewer than 8 whole vectors remain
  for (; i + L <= n; i += L, ++j) acc[j % 8] = op.step(acc[j % 8], begin + i);
  if (i < n) acc[j % 8] = op.step_n(acc[j % 8], begin + i, n - i);
  return V::add(V::add(V::add(acc[0], acc[1]), V::add(acc[2], acc[3])),
                V::add(V::add(acc[4], acc[5]), V::add(acc[6], acc[7])));
}

// Pairwise reduction of op.step(acc, i) (adds one vector of terms starting at element i) and
// op.step_n(acc, i, k) (the first k lanes; the rest zero); op.shifted(i) is the same terms starting at
// element i, and op.start(i) (optional) the first term of a chain. Returns the vector of partial sums; the
// caller reduces it horizontally. The leaves are combined like a binary counter: leaf results merge as soon
// as two subtrees of equal size exist, and the remaining subtrees are folded, smallest first, at the end.
// Every element goes through at most ceil(log2(leaves)) tree additions, as in a balanced tree, and the order
// depends only on n.
template <class V, bool kGrouped, class Op>
inline typename V::Reg pairwise_reduce_loads(const Op& op, std::size_t begin, std::size_t n) {
  constexpr std::size_t kLeaf = kLeafVectors * V::lanes;
  // One pending subtree per set bit of `count`, the largest at the bottom (64 bits: 64 entries at most).
  typename V::Reg stack[64];
  typename V::Reg* top = stack;
  std::size_t count = 0;
  std::size_t i = 0;
  // kBlockLeaves full leaves at a time, summed in a balanced tree: the counter's first log2(kBlockLeaves)
  // levels of merges (count stays a multiple of kBlockLeaves), so the result is the same. The bookkeeping
  // below, whose branches follow the counter's bits, is paid once per block (from L2 on Zen 4 no measurable
  // difference to one leaf at a time, within +-2%; it is the one form of what NEON had as pairs of leaves).
  // The last leaves are pushed one at a time by the loop after.
  for (Op leaves = op.shifted(begin); i + kBlockLeaves * kLeaf <= n; i += kBlockLeaves * kLeaf) {
    auto s = leaf_block<V, kGrouped, kBlockLeaves>(leaves);
    leaves = leaves.shifted(kBlockLeaves * kLeaf);
    for (std::size_t c = count / kBlockLeaves; (c & 1U) != 0; c >>= 1) s = V::add(*--top, s);
    *top++ = s;
    count += kBlockLeaves;
  }
  for (; i + kLeaf <= n; i += kLeaf, ++count) {
    auto s = pairwise_full_leaf<V, kGrouped>(op, begin + i);
    for (std::size_t c = count; (c & 1U) != 0; c >>= 1) s = V::add(*--top, s);
    *top++ = s;
  }
  // A full leaf can give -0 where a +0 start gives +0 (only the sign of a zero differs). The final sums all
  // take s as an operand, and a sum with an operand other than -0 is never -0: with the partial leaf as s, or
  // the last subtree plus +0, the result has the same bits as with +0 starts.
  typename V::Reg s;
  if (i < n || top == stack) {
    s = pairwise_partial_leaf<V>(op, begin + i, n - i);
  } else {
    s = V::add(*--top, V::zero());
  }
  while (top != stack) s = V::add(*--top, s);
  return s;
}
template <class V, class Op>
inline typename V::Reg pairwise_reduce(const Op& op, std::size_t begin, std::size_t n) {
  using T = decltype(V::reduce_sum(V::zero()));  // the lane type
  if (!always_group_leaf_loads<V>() && n * sizeof(T) < kFreeLoadBytes) {
    return pairwise_reduce_loads<V, false>(op, begin, n);
  }
  return pairwise_reduce_loads<V, true>(op, begin, n);
}

template <class T>
struct SumTerms {
  using V = Vec<T>;
  const T* a;
  SumTerms shifted(std::size_t i) const { return {a + i}; }
  typename V::Reg step(typename V::Reg acc, std::size_t i) const { return V::add(acc, V::load(a + i)); }
  typename V::Reg step_n(typename V::Reg acc, std::size_t i, std::size_t k) const {
    return V::add(acc, V::load_n(a + i, k));
  }
};
// An integer type summed in the lanes of its (wider) accumulator through the ISA's widening load (int32 ->
// int64 on AVX2, AVX-512 and NEON; any width on the one-lane wrapper).
template <class T>
struct WidenSumTerms {
  using V = Vec<accumulator_t<T>>;
  const T* a;
  WidenSumTerms shifted(std::size_t i) const { return {a + i}; }
  typename V::Reg step(typename V::Reg acc, std::size_t i) const { return V::add(acc, V::load_widen(a + i)); }
  typename V::Reg step_n(typename V::Reg acc, std::size_t i, std::size_t k) const {
    for (std::size_t j = 0; j < k; ++j) acc = V::add(acc, with_lane0(a[i + j]));
    return acc;
  }
  static typename V::Reg with_lane0(T x) {
    accumulator_t<T> buf[V::lanes] = {};
    buf[0] = +x;  // + : the integer promotion (clang-tidy: no signed char conversion)
    return V::load(buf);
  }
};

#if defined(TRUENO_HAVE_GNU_VECTORS)
// Integers of 1, 2 or 4 bytes summed on generic vectors of kBytes: a vector read as lanes of twice the width
// holds two elements per lane, split by a shift pair (sign- or zero-extending) and added into accumulators of
// that width, in blocks short enough that they cannot overflow, each then added into the 64-bit total (the
// order of integer additions does not change a wrapping sum).
template <class T, std::size_t kBytes>
accumulator_t<T> pair_widening_sum(const T* a, std::size_t n) {
  using A = accumulator_t<T>;
  using UA = std::make_unsigned_t<A>;
  using W0 = std::conditional_t<sizeof(T) == 1, std::int16_t,
                                std::conditional_t<sizeof(T) == 2, std::int32_t, std::int64_t>>;
  using W = std::conditional_t<std::is_signed_v<T>, W0, std::make_unsigned_t<W0>>;
  using UW = std::make_unsigned_t<W>;
  typedef W WReg __attribute__((vector_size(kBytes)));    // NOLINT(modernize-use-using)
  typedef UW UWReg __attribute__((vector_size(kBytes)));  // NOLINT(modernize-use-using)
  constexpr int kShift = 8 * static_cast<int>(sizeof(T));
  constexpr std::size_t L = kBytes / sizeof(T);  // elements per vector
  constexpr std::size_t kWLanes = kBytes / sizeof(W);
  // Vector pairs per block: 2^bits - 1 of them keep |lane| <= (2^bits - 1) * 2^bits < 2^(2 bits) (unsigned)
  // or <= (2^bits - 1) * 2^(bits - 1) < 2^(2 bits - 1) (signed); 4-byte elements in 64-bit lanes never
  // overflow before the total does.
  constexpr std::size_t kBlock = sizeof(T) == 4 ? ~std::size_t{0} : (std::size_t{1} << (8 * sizeof(T))) - 1;
  UA total = 0;
  std::size_t i = 0;
  while (i + 2 * L <= n) {
    const std::size_t iters = std::min(kBlock, (n - i) / (2 * L));
    UWReg lo0{}, hi0{}, lo1{}, hi1{};
    for (std::size_t k = 0; k < iters; ++k, i += 2 * L) {
      WReg w0, w1;
      std::memcpy(&w0, a + i, kBytes);
      std::memcpy(&w1, a + i + L, kBytes);
      // (No lambda: Clang's target pragma does not reach lambda bodies.)
      lo0 += reinterpret_cast<UWReg>(reinterpret_cast<WReg>(reinterpret_cast<UWReg>(w0) << kShift) >> kShift);
      hi0 += reinterpret_cast<UWReg>(w0 >> kShift);
      lo1 += reinterpret_cast<UWReg>(reinterpret_cast<WReg>(reinterpret_cast<UWReg>(w1) << kShift) >> kShift);
      hi1 += reinterpret_cast<UWReg>(w1 >> kShift);
    }
    for (std::size_t j = 0; j < kWLanes; ++j) {
      // Each lane's true value fits W: read the wrapped unsigned lanes back as W, widen, add.
      for (const UW x : {lo0[j], hi0[j], lo1[j], hi1[j]}) {
        total = static_cast<UA>(total + static_cast<UA>(static_cast<A>(static_cast<W>(x))));
      }
    }
  }
  for (; i < n; ++i) total = static_cast<UA>(total + static_cast<UA>(static_cast<A>(a[i])));
  return static_cast<A>(total);
}
#endif

template <class T>
struct AbsSumTerms {
  using V = Vec<T>;
  const T* a;
  AbsSumTerms shifted(std::size_t i) const { return {a + i}; }
  typename V::Reg step(typename V::Reg acc, std::size_t i) const {
    return V::add(acc, V::abs(V::load(a + i)));
  }
  typename V::Reg step_n(typename V::Reg acc, std::size_t i, std::size_t k) const {
    return V::add(acc, V::abs(V::load_n(a + i, k)));
  }
};
template <class T>
struct DotTerms {
  using V = Vec<T>;
  const T* a;
  const T* b;
  DotTerms shifted(std::size_t i) const { return {a + i, b + i}; }
  typename V::Reg start(std::size_t i) const { return V::mul(V::load(a + i), V::load(b + i)); }
  typename V::Reg step(typename V::Reg acc, std::size_t i) const {
    return V::fma(V::load(a + i), V::load(b + i), acc);
  }
  typename V::Reg step_n(typename V::Reg acc, std::size_t i, std::size_t k) const {
    return V::fma(V::load_n(a + i, k), V::load_n(b + i, k), acc);
  }
};
// a * a: dot(a, a) with one load per vector (the same fused multiply-adds, so the same result).
template <class T>
struct SquareTerms {
  using V = Vec<T>;
  const T* a;
  SquareTerms shifted(std::size_t i) const { return {a + i}; }
  typename V::Reg start(std::size_t i) const {
    const auto x = V::load(a + i);
    return V::mul(x, x);
  }
  typename V::Reg step(typename V::Reg acc, std::size_t i) const {
    const auto x = V::load(a + i);
    return V::fma(x, x, acc);
  }
  typename V::Reg step_n(typename V::Reg acc, std::size_t i, std::size_t k) const {
    const auto x = V::load_n(a + i, k);
    return V::fma(x, x, acc);
  }
};
// (a - ma) * (b - mb); with b == a and mb == ma it is the squared deviation used by var/std.
template <class T>
struct CenteredDotTerms {
  using V = Vec<T>;
  const T* a;
  const T* b;
  typename V::Reg ma, mb;
  CenteredDotTerms shifted(std::size_t i) const { return {a + i, b + i, ma, mb}; }
  typename V::Reg step(typename V::Reg acc, std::size_t i) const {
    return V::fma(V::sub(V::load(a + i), ma), V::sub(V::load(b + i), mb), acc);
  }
  typename V::Reg step_n(typename V::Reg acc, std::size_t i, std::size_t k) const {
    const auto m = V::first_n(k);
    const auto da = V::select(m, V::sub(V::load_n(a + i, k), ma), V::zero());
    const auto db = V::select(m, V::sub(V::load_n(b + i, k), mb), V::zero());
    return V::fma(da, db, acc);
  }
};
// (a / s)^2, the rescaled sum of squares for norm_l2 when the plain one overflows or underflows.
template <class T>
struct ScaledSquareTerms {
  using V = Vec<T>;
  const T* a;
  typename V::Reg s;
  ScaledSquareTerms shifted(std::size_t i) const { return {a + i, s}; }
  typename V::Reg step(typename V::Reg acc, std::size_t i) const {
    const auto x = V::div(V::load(a + i), s);
    return V::fma(x, x, acc);
  }
  typename V::Reg step_n(typename V::Reg acc, std::size_t i, std::size_t k) const {
    const auto x = V::div(V::load_n(a + i, k), s);
    return V::fma(x, x, acc);
  }
};

// One register of bytes as 64-bit lane sums (a static member, not a lambda: Clang's target pragma does not
// reach lambda bodies).
template <class T, class B>
struct ByteTerm {
  static typename B::Reg get(const T* p) {
    auto v = B::load(p);
    if constexpr (std::is_signed_v<T>) v = B::flip(v);
    return B::sad(v);
  }
};
// The sum of a register's lanes read as Lane, in 64 bits (the byte sums' last step).
template <class Lane, class Reg>
auto lane_total(const Reg& v) {
  Lane lanes[sizeof(Reg) / sizeof(Lane)];
  std::memcpy(lanes, &v, sizeof(Reg));
  std::conditional_t<std::is_signed_v<Lane>, std::int64_t, std::uint64_t> s = 0;
  for (const Lane x : lanes) s += x;
  return s;
}

// Sum of n int8 or uint8 through B = the ISA's ByteSum (psadbw): signed bytes are flipped to x + 128 first
// and 128 n taken off the total. Four accumulators of 64-bit lanes (no overflow before 2^56 bytes).
template <class T, class B>
accumulator_t<T> byte_sum(const T* a, std::size_t n) {
  using A = accumulator_t<T>;
  constexpr std::size_t L = B::bytes;
  auto s0 = B::zero(), s1 = B::zero(), s2 = B::zero(), s3 = B::zero();
  std::size_t i = 0;
  for (; i + 4 * L <= n; i += 4 * L) {
    s0 = B::add(s0, ByteTerm<T, B>::get(a + i));
    s1 = B::add(s1, ByteTerm<T, B>::get(a + i + L));
    s2 = B::add(s2, ByteTerm<T, B>::get(a + i + 2 * L));
    s3 = B::add(s3, ByteTerm<T, B>::get(a + i + 3 * L));
  }
  for (; i + L <= n; i += L) s0 = B::add(s0, ByteTerm<T, B>::get(a + i));
  std::uint64_t total = lane_total<std::uint64_t>(B::add(B::add(s0, s1), B::add(s2, s3)));
  if constexpr (std::is_signed_v<T>) total -= std::uint64_t{128} * i;
  for (; i < n; ++i) total += static_cast<std::uint64_t>(static_cast<A>(a[i]));
  return static_cast<A>(total);
}

// Sum of n int8 where B has pmaddubsw (AVX2, AVX-512): byte pairs summed into int16 lanes by one instruction
// (in place of the flip and psadbw: two vector instructions per vector instead of three). Blocks of 64 steps
// of 4 accumulators (|lane| <= 64 * 256 < 2^15), each block widened to int32 (pmaddwd) and added up in int64.
template <class B>
std::int64_t signed_byte_sum(const std::int8_t* a, std::size_t n) {
  constexpr std::size_t L = B::bytes;
  constexpr std::size_t kSteps = 64;
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i + 4 * L <= n) {
    auto s0 = B::zero(), s1 = B::zero(), s2 = B::zero(), s3 = B::zero();
    for (std::size_t k = 0; k < kSteps && i + 4 * L <= n; ++k, i += 4 * L) {
      s0 = B::add16(s0, B::pair_sums(B::load(a + i)));
      s1 = B::add16(s1, B::pair_sums(B::load(a + i + L)));
      s2 = B::add16(s2, B::pair_sums(B::load(a + i + 2 * L)));
      s3 = B::add16(s3, B::pair_sums(B::load(a + i + 3 * L)));
    }
    total += lane_total<std::int32_t>(
        B::add32(B::add32(B::widen16(s0), B::widen16(s1)), B::add32(B::widen16(s2), B::widen16(s3))));
  }
  if (i + L <= n) {  // at most 3 whole vectors left
    auto s = B::zero();
    for (; i + L <= n; i += L) s = B::add16(s, B::pair_sums(B::load(a + i)));
    total += lane_total<std::int32_t>(B::widen16(s));
  }
  for (; i < n; ++i) total += a[i];
  return total;
}

template <class T>
auto sum(const T* a, std::size_t n) {
  using A = accumulator_t<T>;
  using Bytes = std::conditional_t<sizeof(T) == 1, ByteSum, void>;
  if constexpr (!std::is_void_v<Bytes>) {
    if constexpr (std::is_signed_v<T> && requires { Bytes::pair_sums(Bytes::zero()); }) {
      return signed_byte_sum<Bytes>(a, n);
    } else {
      return byte_sum<T, Bytes>(a, n);
    }
  } else if constexpr (std::is_same_v<A, T>) {
    using V = Vec<T>;
    return V::reduce_sum(pairwise_reduce<V>(SumTerms<T>{a}, 0, n));
  } else if constexpr (requires(const T* p) { Vec<A>::load_widen(p); }) {
    using V = Vec<A>;
    return V::reduce_sum(pairwise_reduce<V>(WidenSumTerms<T>{a}, 0, n));
  } else {
#if defined(TRUENO_HAVE_GNU_VECTORS)
    return pair_widening_sum<T, sizeof(typename Vec<T>::Reg)>(a, n);
#else
    static_assert(sizeof(T) == 0, "no widening sum for this backend");
#endif
  }
}
// float16 / bfloat16 bit patterns summed in float lanes, pairwise (NumPy's half sums accumulate in float):
// each vector widened in registers on the targets that can (F16C, AVX-512, NEON), else through a buffer.
template <class Half, class T>  // T: float (a template parameter, so that V is dependent)
struct HalfSumTerms {
  using V = Vec<T>;
  const std::uint16_t* a;
  HalfSumTerms shifted(std::size_t i) const { return {a + i}; }
  static typename V::Reg widen(const std::uint16_t* p) {
    if constexpr (std::is_same_v<Half, float16>) {
      return V::load_f16(p);
    } else {
      return V::load_bf16(p);
    }
  }
  typename V::Reg step(typename V::Reg acc, std::size_t i) const { return V::add(acc, widen(a + i)); }
  typename V::Reg step_n(typename V::Reg acc, std::size_t i, std::size_t k) const {
    alignas(64) T buf[V::lanes] = {};
    widen_scalar<Half>(a + i, buf, k);
    return V::add(acc, V::load_n(buf, k));
  }
};
// bfloat16 where Vec<float> has bf16_pair_sums (AVX2, AVX-512): the terms are sums of neighbours (x[2j] +
// x[2j + 1], the first level of the tree), two and-or-shift instructions per register of them instead of the
// widening of each half; element indices count pairs.
template <class T>
struct BF16PairSumTerms {
  using V = Vec<T>;
  const std::uint16_t* a;
  BF16PairSumTerms shifted(std::size_t i) const { return {a + 2 * i}; }
  typename V::Reg step(typename V::Reg acc, std::size_t i) const {
    return V::add(acc, V::bf16_pair_sums(a + 2 * i));
  }
  typename V::Reg step_n(typename V::Reg acc, std::size_t i, std::size_t k) const {
    alignas(64) T pairs[2 * V::lanes] = {};
    widen_scalar<bfloat16>(a + 2 * i, pairs, 2 * k);
    for (std::size_t j = 0; j < k; ++j) pairs[j] = pairs[2 * j] + pairs[2 * j + 1];
    return V::add(acc, V::load_n(pairs, k));
  }
};

template <class Half, class T>
T half_sum(const std::uint16_t* a, std::size_t n) {
  using V = Vec<T>;
  if constexpr (std::is_same_v<Half, bfloat16> &&
                requires(const std::uint16_t* p) { V::bf16_pair_sums(p); }) {
    T total = V::reduce_sum(pairwise_reduce<V>(BF16PairSumTerms<T>{a}, 0, n / 2));
    if (n % 2 != 0) total += static_cast<float>(bfloat16::from_bits(a[n - 1]));
    return total;
  } else if constexpr (kHasVectorHalf<V>) {
    return V::reduce_sum(pairwise_reduce<V>(HalfSumTerms<Half, T>{a}, 0, n));
  } else {
    constexpr std::size_t kBlock = 1024;
    alignas(64) T buf[kBlock];
    T total = 0;
    for (std::size_t i = 0; i < n; i += kBlock) {
      const std::size_t m = std::min(kBlock, n - i);
      widen_scalar<Half>(a + i, buf, m);
      total += sum<T>(buf, m);
    }
    return total;
  }
}

template <class T>
T sum_abs(const T* a, std::size_t n) {
  using V = Vec<T>;
  return V::reduce_sum(pairwise_reduce<V>(AbsSumTerms<T>{a}, 0, n));
}
template <class T>
T dot(const T* a, const T* b, std::size_t n) {
  using V = Vec<T>;
  if (a == b) return V::reduce_sum(pairwise_reduce<V>(SquareTerms<T>{a}, 0, n));  // norm_l2, var
  return V::reduce_sum(pairwise_reduce<V>(DotTerms<T>{a, b}, 0, n));
}
template <class T>
T centered_dot(const T* a, const T* b, std::size_t n, T ma, T mb) {
  using V = Vec<T>;
  return V::reduce_sum(pairwise_reduce<V>(CenteredDotTerms<T>{a, b, V::set1(ma), V::set1(mb)}, 0, n));
}
template <class T>
T scaled_sum_squares(const T* a, std::size_t n, T s) {
  using V = Vec<T>;
  return V::reduce_sum(pairwise_reduce<V>(ScaledSquareTerms<T>{a, V::set1(s)}, 0, n));
}

// Product in the accumulator type (int64 or uint64 for the narrower integers, as NumPy). Not pairwise:
// products have no cancellation.
template <class T>
auto prod(const T* a, std::size_t n) {
  using A = accumulator_t<T>;
  if constexpr (!std::is_same_v<A, T>) {
    A p = 1;
    for (std::size_t i = 0; i < n; ++i) p = Vec1<A>::mul(p, static_cast<A>(a[i]));
    return p;
  } else {
    using V = Vec<T>;
    constexpr std::size_t L = V::lanes;
    const auto one = V::set1(T(1));
    auto p0 = one, p1 = one, p2 = one, p3 = one;
    std::size_t i = 0;
    for (; i + 4 * L <= n; i += 4 * L) {
      p0 = V::mul(p0, V::load(a + i));
      p1 = V::mul(p1, V::load(a + i + L));
      p2 = V::mul(p2, V::load(a + i + 2 * L));
      p3 = V::mul(p3, V::load(a + i + 3 * L));
    }
    for (; i + L <= n; i += L) p0 = V::mul(p0, V::load(a + i));
    if (i < n) p1 = V::mul(p1, V::select(V::first_n(n - i), V::load_n(a + i, n - i), one));
    alignas(64) T lanes[L];
    V::store(lanes, V::mul(V::mul(p0, p1), V::mul(p2, p3)));
    T p = T(1);
    for (T x : lanes) p = Vec1<T>::mul(p, x);
    return p;
  }
}

// max (kMax) or min of n > 0 elements; any NaN gives NaN. With kAbs the elements are |x| (norm_linf).
// (Static helpers rather than lambdas: Clang's target pragma does not reach lambda bodies.)
template <class T, bool kMax, bool kAbs>
struct ExtremumSteps {
  using V = Vec<T>;
  static typename V::Reg pick(typename V::Reg x, typename V::Reg y) {
    return kMax ? V::max(x, y) : V::min(x, y);
  }
  static typename V::Reg elem(typename V::Reg x) { return kAbs ? V::abs(x) : x; }
};

// True when some element of a[0, n) is NaN (the exact check behind extremum's cheap one).
template <class T>
bool any_nan(const T* a, std::size_t n) {
  using V = Vec<T>;
  constexpr std::size_t L = V::lanes;
  std::size_t i = 0;
  for (; i + L <= n; i += L) {
    if (V::any(V::isnan(V::load(a + i)))) return true;
  }
  return i < n && V::any(V::isnan(V::load_n(a + i, n - i)));
}

// Returns x, held in a register. GCC 12 otherwise folds a loaded vector into each of its uses as a memory
// operand, loading it twice in extremum (the max and the NaN-check add): that cost a third of the speed on
// data in L2. Floating-point registers only (where the asm constraint "v" applies).
template <class R>
inline R in_register(R x) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  __asm__("" : "+v"(x));
#endif
  return x;
}

// The running extremum of one pass: four accumulators m0..m3 and, for floating-point T, the NaN-detecting
// sums s0, s1 (a NaN element makes s0 + s1 NaN, where the max/min instructions would drop it; the sum can
// also turn NaN without one, inf - inf after an overflow, and the caller's exact scan then decides). run()
// takes eight vectors per iteration: enough loads in flight to reach the read bandwidth of memory, not only
// of L2.
template <class T, bool kMax, bool kAbs>
struct ExtremumAcc {
  using V = Vec<T>;
  using S = ExtremumSteps<T, kMax, kAbs>;
  using Reg = typename V::Reg;
  static constexpr std::size_t L = V::lanes;
  static constexpr bool kFloat = std::is_floating_point_v<T>;
  Reg m0, m1, m2, m3, s0, s1;

  explicit ExtremumAcc(Reg init) : m0(init), m1(init), m2(init), m3(init), s0(V::zero()), s1(V::zero()) {}

  static Reg elem(const T* p) {
    auto x = S::elem(V::load(p));
    if constexpr (kFloat) x = in_register(x);
    return x;
  }
  void take(Reg x0, Reg x1, Reg x2, Reg x3) {
    m0 = S::pick(m0, x0);
    m1 = S::pick(m1, x1);
    m2 = S::pick(m2, x2);
    m3 = S::pick(m3, x3);
    if constexpr (kFloat) {
      s0 = V::add(s0, V::add(x0, x1));
      s1 = V::add(s1, V::add(x2, x3));
    }
  }
  // Takes a[0, n) and returns how many elements it took (a multiple of L; the rest is fewer than L).
  std::size_t run(const T* a, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 * L <= n; i += 8 * L) {
      const Reg x0 = elem(a + i), x1 = elem(a + i + L), x2 = elem(a + i + 2 * L), x3 = elem(a + i + 3 * L);
      const Reg x4 = elem(a + i + 4 * L), x5 = elem(a + i + 5 * L), x6 = elem(a + i + 6 * L),
                x7 = elem(a + i + 7 * L);
      take(x0, x1, x2, x3);
      take(x4, x5, x6, x7);
    }
    for (; i + L <= n; i += L) {
      const Reg x = elem(a + i);
      m0 = S::pick(m0, x);
      if constexpr (kFloat) s0 = V::add(s0, x);
    }
    return i;
  }
  // Takes the k < L elements at p, the other lanes being `fill` (a value already taken).
  void tail(const T* p, std::size_t k, Reg fill) {
    const Reg x = V::select(V::first_n(k), S::elem(V::load_n(p, k)), fill);
    m1 = S::pick(m1, x);
    if constexpr (kFloat) s1 = V::add(s1, x);
  }
  bool maybe_nan() const {
    if constexpr (kFloat) {
      return V::any(V::isnan(V::add(s0, s1)));
    } else {
      return false;
    }
  }
  Reg result() const { return S::pick(S::pick(m0, m1), S::pick(m2, m3)); }
};

template <class T, bool kMax, bool kAbs = false>
T extremum(const T* a, std::size_t n) {
  using V = Vec<T>;
  const T first = kAbs ? Vec1<T>::abs(a[0]) : a[0];
  if (Vec1<T>::isnan(first)) return std::numeric_limits<T>::quiet_NaN();
  ExtremumAcc<T, kMax, kAbs> acc(V::set1(first));
  const std::size_t i = acc.run(a, n);
  if (i < n) acc.tail(a + i, n - i, V::set1(first));
  if (acc.maybe_nan() && any_nan(a, n)) return std::numeric_limits<T>::quiet_NaN();
  const auto m = acc.result();
  const T r = kMax ? V::reduce_max(m) : V::reduce_min(m);
  if constexpr (std::is_floating_point_v<T> && !kAbs) {
    // +0 and -0 compare equal, so which one the lanes kept depends on the lane count. Make the sign of a zero
    // result deterministic (IEEE 754-2019 maximum/minimum: +0 > -0), rare enough to afford a second pass.
    if (r == T(0)) {
      for (std::size_t k = 0; k < n; ++k) {
        if (a[k] == T(0) && std::signbit(a[k]) != kMax) return a[k];
      }
      return kMax ? T(-0.0) : T(0);
    }
  }
  return r;
}
template <class T>
T max(const T* a, std::size_t n) {
  return extremum<T, true>(a, n);
}
template <class T>
T min(const T* a, std::size_t n) {
  return extremum<T, false>(a, n);
}
template <class T>
T max_abs(const T* a, std::size_t n) {
  return extremum<T, true, true>(a, n);
}

// Index of the first element equal to m in [start, end) (one is known to exist): a vector compare per L
// elements, then a scalar look inside the vector that matched (or the tail).
template <class T>
std::size_t find_first_equal(const T* a, std::size_t start, std::size_t end, T m) {
  using V = Vec<T>;
  constexpr std::size_t L = V::lanes;
  const auto mv = V::set1(m);
  std::size_t i = start;
  for (; i + L <= end; i += L) {
    if (V::any(V::eq(V::load(a + i), mv))) break;
  }
  while (!(a[i] == m)) ++i;
  return i;
}

// Index of the first maximum (kMax) or minimum of n > 0 elements; the first NaN wins, as in NumPy. Works in
// cache-sized blocks: a vector pass over a block, its accumulators starting from the best value so far, tells
// with one compare whether the block improves on it, and only then is the block reduced and scanned again for
// the index, while it is still in L1 (a few blocks on random data, ~ln(blocks)).
template <class T, bool kMax>
std::size_t arg_extremum(const T* a, std::size_t n) {
  using V = Vec<T>;
  constexpr std::size_t kBlock = 1024;  // 4096 re-read more on each improvement: 3% slower at 100K
  if (Vec1<T>::isnan(a[0])) return 0;
  auto best = V::set1(a[0]);
  std::size_t best_index = 0;
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t len = std::min(kBlock, n - start);
    const T* block = a + start;
    ExtremumAcc<T, kMax, false> acc(best);
    const std::size_t i = acc.run(block, len);
    if (i < len) acc.tail(block + i, len - i, best);
    if (acc.maybe_nan() && any_nan(block, len)) {
      for (std::size_t k = 0;; ++k) {
        if (Vec1<T>::isnan(block[k])) return start + k;
      }
    }
    const auto m = acc.result();
    if (V::any(kMax ? V::gt(m, best) : V::lt(m, best))) {
      const T v = kMax ? V::reduce_max(m) : V::reduce_min(m);
      best_index = find_first_equal(a, start, start + len, v);
      best = V::set1(v);
    }
  }
  return best_index;
}
template <class T>
std::size_t argmax(const T* a, std::size_t n) {
  return arg_extremum<T, true>(a, n);
}
template <class T>
std::size_t argmin(const T* a, std::size_t n) {
  return arg_extremum<T, false>(a, n);
}

// True when no element is NaN or +-inf: x * 0 is 0 for finite x and NaN otherwise.
template <class T>
bool all_finite(const T* a, std::size_t n) {
  if constexpr (!std::is_floating_point_v<T>) {
    (void)a;
    (void)n;
    return true;
  } else {
    using V = Vec<T>;
    constexpr std::size_t L = V::lanes;
    constexpr std::size_t kBlock = 1024;
    const auto zero = V::zero();
    for (std::size_t start = 0; start < n; start += kBlock) {
      const std::size_t end = std::min(n, start + kBlock);
      auto acc0 = zero, acc1 = zero;
      std::size_t i = start;
      for (; i + 2 * L <= end; i += 2 * L) {
        acc0 = V::fma(V::load(a + i), zero, acc0);
        acc1 = V::fma(V::load(a + i + L), zero, acc1);
      }
      for (; i + L <= end; i += L) acc0 = V::fma(V::load(a + i), zero, acc0);
      if (i < end) acc1 = V::fma(V::load_n(a + i, end - i), zero, acc1);
      if (V::any(V::isnan(V::add(acc0, acc1)))) return false;
    }
    return true;
  }
}

// NOLINTEND(readability-identifier-naming)
