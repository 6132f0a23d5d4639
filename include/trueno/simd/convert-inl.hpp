// trueno — float <-> float16 / bfloat16 conversion kernels, written once over Vec<float> and re-included per
// target (no include guard). A target whose Vec<float> has load_f16/store_f16 (F16C on AVX2, AVX-512, NEON)
// converts whole vectors; the others convert element by element with core/half.hpp's exact routines. Every
// path gives the same bits: round to nearest even, NaNs quieted with their payload's top bits kept.
// Outputs of at least kStreamBytes use streaming stores (as elementwise-inl.hpp's kernels do).
// NOLINTBEGIN(readability-identifier-naming)

template <class V>
inline constexpr bool kHasVectorHalf = requires(const std::uint16_t* p, std::uint16_t* q, typename V::Reg v) {
  V::load_f16(p);
  V::store_f16(q, v);
  V::stream_f16(q, v);
  V::load_bf16(p);
  V::store_bf16(q, v);
  V::stream_bf16(q, v);
};

// Element by element: the reference semantics, and every target's tail.
template <class Half>
inline void narrow_scalar(const float* in, std::uint16_t* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = Half(in[i]).bits();
}
template <class Half>
inline void widen_scalar(const std::uint16_t* in, float* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<float>(Half::from_bits(in[i]));
}

template <class Half, bool kStream, class V>
inline void narrow_vectors(const float* in, std::uint16_t* out, std::size_t& i, std::size_t n) {
  constexpr std::size_t L = V::lanes;
  auto put = [](std::uint16_t* p, typename V::Reg v) {
    if constexpr (std::is_same_v<Half, float16>) {
      if constexpr (kStream) {
        V::stream_f16(p, v);
      } else {
        V::store_f16(p, v);
      }
    } else {
      if constexpr (kStream) {
        V::stream_bf16(p, v);
      } else {
        V::store_bf16(p, v);
      }
    }
  };
  for (; i + 4 * L <= n; i += 4 * L) {
    const auto x0 = V::load(in + i), x1 = V::load(in + i + L), x2 = V::load(in + i + 2 * L),
               x3 = V::load(in + i + 3 * L);
    put(out + i, x0);
    put(out + i + L, x1);
    put(out + i + 2 * L, x2);
    put(out + i + 3 * L, x3);
  }
  for (; i + L <= n; i += L) put(out + i, V::load(in + i));
}

template <class Half, class T>
inline void narrow_kernel(const T* in, std::uint16_t* out, std::size_t n) {
  using V = Vec<T>;
  if constexpr (kHasVectorHalf<V>) {
    // Streaming stores write half a register: out must be aligned to that.
    constexpr std::size_t kAlign = sizeof(typename V::Reg) / 2;
    std::size_t i = 0;
    if (n * sizeof(std::uint16_t) >= kStreamBytes || stream_outputs_hint()) {
      const std::size_t misalign = reinterpret_cast<std::uintptr_t>(out) % kAlign;
      std::size_t head = misalign == 0 ? 0 : (kAlign - misalign) / sizeof(std::uint16_t);
      if (misalign % sizeof(std::uint16_t) == 0) {
        head = std::min(head, n);
        narrow_scalar<Half>(in, out, head);
        i = head;
        narrow_vectors<Half, true, V>(in, out, i, n);
        V::stream_fence();
      }
    }
    narrow_vectors<Half, false, V>(in, out, i, n);
    narrow_scalar<Half>(in + i, out + i, n - i);
  } else {
    narrow_scalar<Half>(in, out, n);
  }
}

template <class Half, class T>
inline void widen_kernel(const std::uint16_t* in, T* out, std::size_t n) {
  using V = Vec<T>;
  if constexpr (kHasVectorHalf<V>) {
    constexpr std::size_t L = V::lanes;
    auto load = [](const std::uint16_t* p) {
      if constexpr (std::is_same_v<Half, float16>) {
        return V::load_f16(p);
      } else {
        return V::load_bf16(p);
      }
    };
    std::size_t i = 0;
    const std::size_t head = stream_head<V>(out, n);
    auto run = [&](auto stream, std::size_t end) {
      using S = Stores<V, decltype(stream)::value>;
      for (; i + 4 * L <= end; i += 4 * L) {
        const auto x0 = load(in + i), x1 = load(in + i + L), x2 = load(in + i + 2 * L),
                   x3 = load(in + i + 3 * L);
        S::put(out + i, x0);
        S::put(out + i + L, x1);
        S::put(out + i + 2 * L, x2);
        S::put(out + i + 3 * L, x3);
      }
      for (; i + L <= end; i += L) S::put(out + i, load(in + i));
    };
    if (head != kNoStream) {
      widen_scalar<Half>(in, out, std::min(head, n));
      i = std::min(head, n);
      run(std::true_type{}, n);
      V::stream_fence();
    } else {
      run(std::false_type{}, n);
    }
    widen_scalar<Half>(in + i, out + i, n - i);
  } else {
    widen_scalar<Half>(in, out, n);
  }
}

template <class T>
void convert_to_f16(const T* in, std::uint16_t* out, std::size_t n) {
  narrow_kernel<float16, T>(in, out, n);
}
template <class T>
void convert_from_f16(const std::uint16_t* in, T* out, std::size_t n) {
  widen_kernel<float16, T>(in, out, n);
}
template <class T>
void convert_to_bf16(const T* in, std::uint16_t* out, std::size_t n) {
  narrow_kernel<bfloat16, T>(in, out, n);
}
template <class T>
void convert_from_bf16(const std::uint16_t* in, T* out, std::size_t n) {
  widen_kernel<bfloat16, T>(in, out, n);
}

// NOLINTEND(readability-identifier-naming)
