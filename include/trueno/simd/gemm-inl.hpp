// trueno — GEMM, written once over Vec<T> and re-included per target (no include guard).
// C = alpha * A * B + beta * C for row-major-or-any-stride operands, BLIS-style:
//   for jc (kNC columns of B and C) / for pc (kKC of K): pack B[pc, jc] into NR-wide panels
//     for ic (kMC rows): pack A[ic, pc] into MR-tall panels
//       for each MR x NR tile: the register-blocked micro-kernel (MR rows x NR_VECS vectors of accumulators:
//       per k, NR_VECS vector loads of B, MR broadcasts of A, MR * NR_VECS fused multiply-adds).
// The packing routines read A and B through their strides (transposed operands are never copied first) and pad
// partial panels with zeros; partial tiles are computed in full into a local tile and the valid part written.
// K is never split across threads and every C element sees the same sequence of k-blocks, so the result is
// bit-identical for any thread count.
// NOLINTBEGIN(readability-identifier-naming)

template <class T>
struct GemmShape {
  using V = Vec<T>;
  // Vector registers of the ISA, from the register width: 64-byte registers mean AVX-512 (32 registers).
  static constexpr std::size_t kRegs = sizeof(typename V::Reg) == 64 ? 32 : 16;
  static constexpr std::size_t NR_VECS = V::lanes == 1 ? 4 : 2;
  static constexpr std::size_t NR = NR_VECS * V::lanes;
  // Accumulators + B vectors + one broadcast must fit the register file.
  static constexpr std::size_t MR = kRegs == 32 ? 14 : (V::lanes == 1 ? 4 : 6);
  // Cache blocking: a KC x NR panel of B (~ L1), an MC x KC block of A (~ half of L2), a KC x NC panel of B
  // (~ L3 share).
  static constexpr std::size_t KC = sizeof(T) == 4 ? 384 : 256;
  static constexpr std::size_t MC = MR * (sizeof(T) == 4 ? 12 : 10);
  static constexpr std::size_t NC = NR * (sizeof(T) == 4 ? 64 : 64);
};

// Packs rows [i0, i0 + mc) x cols [p0, p0 + kc) of A (strides rsa, csa) into MR-tall panels: panel r holds,
// for each k, A[i0 + r*MR + 0..MR)[p0 + k] contiguous; missing rows are zero.
template <class T>
void gemm_pack_a(const T* a, std::ptrdiff_t rsa, std::ptrdiff_t csa, std::size_t i0, std::size_t mc, std::size_t p0,
                 std::size_t kc, T* dst) {
  constexpr std::size_t MR = GemmShape<T>::MR;
  for (std::size_t r = 0; r < mc; r += MR) {
    const std::size_t m = mc - r < MR ? mc - r : MR;
    const T* src = a + static_cast<std::ptrdiff_t>(i0 + r) * rsa + static_cast<std::ptrdiff_t>(p0) * csa;
    if (csa == 1 && m == MR) {
      for (std::size_t k = 0; k < kc; ++k) {
        for (std::size_t i = 0; i < MR; ++i) dst[k * MR + i] = src[static_cast<std::ptrdiff_t>(i) * rsa + static_cast<std::ptrdiff_t>(k)];
      }
    } else {
      for (std::size_t k = 0; k < kc; ++k) {
        for (std::size_t i = 0; i < MR; ++i) {
          dst[k * MR + i] = i < m ? src[static_cast<std::ptrdiff_t>(i) * rsa + static_cast<std::ptrdiff_t>(k) * csa] : T(0);
        }
      }
    }
    dst += kc * MR;
  }
}

// Packs rows [p0, p0 + kc) x cols [j0, j0 + nc) of B into NR-wide panels: panel c holds, for each k,
// B[p0 + k][j0 + c*NR + 0..NR) contiguous; missing columns are zero.
template <class T>
void gemm_pack_b(const T* b, std::ptrdiff_t rsb, std::ptrdiff_t csb, std::size_t p0, std::size_t kc, std::size_t j0,
                 std::size_t nc, T* dst) {
  using V = Vec<T>;
  constexpr std::size_t NR = GemmShape<T>::NR;
  for (std::size_t c = 0; c < nc; c += NR) {
    const std::size_t n = nc - c < NR ? nc - c : NR;
    const T* src = b + static_cast<std::ptrdiff_t>(p0) * rsb + static_cast<std::ptrdiff_t>(j0 + c) * csb;
    if (csb == 1 && n == NR) {
      for (std::size_t k = 0; k < kc; ++k) {
        const T* row = src + static_cast<std::ptrdiff_t>(k) * rsb;
        for (std::size_t v = 0; v < NR; v += V::lanes) V::store(dst + k * NR + v, V::load(row + v));
      }
    } else {
      for (std::size_t k = 0; k < kc; ++k) {
        for (std::size_t j = 0; j < NR; ++j) {
          dst[k * NR + j] =
              j < n ? src[static_cast<std::ptrdiff_t>(k) * rsb + static_cast<std::ptrdiff_t>(j) * csb] : T(0);
        }
      }
    }
    dst += kc * NR;
  }
}

// The micro-kernel: acc = Ap (MR x kc) * Bp (kc x NR); then C tile = alpha * acc + (first ? beta * C : C).
// `ct` points at the tile's top-left element of C (row stride ldc, unit column stride) or, for a partial tile,
// at a local MR x NR buffer.
template <class T>
void gemm_micro(std::size_t kc, const T* ap, const T* bp, T* ct, std::ptrdiff_t ldc, T alpha, T beta, bool first) {
  using V = Vec<T>;
  using S = GemmShape<T>;
  constexpr std::size_t MR = S::MR, NV = S::NR_VECS, L = V::lanes;
  // Every loop over i and v is unrolled completely so that the accumulators live in registers.
  typename V::Reg acc[MR][NV];
  _Pragma("GCC unroll 16") for (std::size_t i = 0; i < MR; ++i) {
    _Pragma("GCC unroll 4") for (std::size_t v = 0; v < NV; ++v) acc[i][v] = V::zero();
  }
  for (std::size_t k = 0; k < kc; ++k) {
    typename V::Reg bv[NV];
    _Pragma("GCC unroll 4") for (std::size_t v = 0; v < NV; ++v) bv[v] = V::load(bp + v * L);
    _Pragma("GCC unroll 16") for (std::size_t i = 0; i < MR; ++i) {
      const typename V::Reg av = V::set1(ap[i]);
      _Pragma("GCC unroll 4") for (std::size_t v = 0; v < NV; ++v) acc[i][v] = V::fma(av, bv[v], acc[i][v]);
    }
    ap += MR;
    bp += NV * L;
  }
  const typename V::Reg va = V::set1(alpha);
  const typename V::Reg vb = V::set1(beta);
  _Pragma("GCC unroll 16") for (std::size_t i = 0; i < MR; ++i) {
    T* row = ct + static_cast<std::ptrdiff_t>(i) * ldc;
    _Pragma("GCC unroll 4") for (std::size_t v = 0; v < NV; ++v) {
      typename V::Reg r = V::mul(acc[i][v], va);
      if (!first) {
        r = V::add(r, V::load(row + v * L));
      } else if (beta != T(0)) {
        r = V::fma(vb, V::load(row + v * L), r);
      }
      V::store(row + v * L, r);
    }
  }
}

// One MC x NC block of C for one KC slice: every tile through the micro-kernel.
template <class T>
void gemm_block(std::size_t mc, std::size_t nc, std::size_t kc, const T* pa, const T* pb, T* c, std::ptrdiff_t rsc,
                std::ptrdiff_t csc, T alpha, T beta, bool first) {
  using S = GemmShape<T>;
  constexpr std::size_t MR = S::MR, NR = S::NR;
  alignas(64) T tile[MR * NR];
  for (std::size_t jr = 0; jr < nc; jr += NR) {
    const std::size_t n = nc - jr < NR ? nc - jr : NR;
    for (std::size_t ir = 0; ir < mc; ir += MR) {
      const std::size_t m = mc - ir < MR ? mc - ir : MR;
      T* ct = c + static_cast<std::ptrdiff_t>(ir) * rsc + static_cast<std::ptrdiff_t>(jr) * csc;
      const T* ap = pa + ir * kc;
      const T* bp = pb + jr * kc;
      if (m == MR && n == NR && csc == 1) {
        gemm_micro<T>(kc, ap, bp, ct, rsc, alpha, beta, first);
      } else {
        // Partial or strided tile: gather C into the local tile, run the same kernel, scatter back.
        for (std::size_t i = 0; i < m; ++i) {
          for (std::size_t j = 0; j < n; ++j) {
            tile[i * NR + j] = ct[static_cast<std::ptrdiff_t>(i) * rsc + static_cast<std::ptrdiff_t>(j) * csc];
          }
        }
        gemm_micro<T>(kc, ap, bp, tile, static_cast<std::ptrdiff_t>(NR), alpha, beta, first);
        for (std::size_t i = 0; i < m; ++i) {
          for (std::size_t j = 0; j < n; ++j) {
            ct[static_cast<std::ptrdiff_t>(i) * rsc + static_cast<std::ptrdiff_t>(j) * csc] = tile[i * NR + j];
          }
        }
      }
    }
  }
}

// C[M x N] = alpha * A[M x K] * B[K x N] + beta * C, each operand with its own row and column strides. With
// beta == 0, C is not read (NaNs in it do not propagate), as BLAS.
// Threads: for each (jc, pc) the B panel is packed once, by all threads (a task per NR-wide strip), then the
// MC-row blocks of C run as tasks, each packing its own A block. Each C element sees the same arithmetic
// whichever task computes it, so the row split may follow the thread count without changing any result.
template <class T>
void gemm(const GemmArgs<T>& g) {
  using S = GemmShape<T>;
  constexpr std::size_t MR = S::MR, NR = S::NR, KC = S::KC, MC = S::MC, NC = S::NC;
  if (g.m == 0 || g.n == 0) return;
  if (g.k == 0 || g.alpha == T(0)) {  // C = beta * C
    for (std::size_t i = 0; i < g.m; ++i) {
      for (std::size_t j = 0; j < g.n; ++j) {
        T& x = g.c[static_cast<std::ptrdiff_t>(i) * g.rsc + static_cast<std::ptrdiff_t>(j) * g.csc];
        x = g.beta == T(0) ? T(0) : g.beta * x;
      }
    }
    return;
  }
  const double work = static_cast<double>(g.m) * static_cast<double>(g.n) * static_cast<double>(g.k);
  const std::size_t threads = work < 4.0e6 ? 1 : static_cast<std::size_t>(num_threads());
  // Row blocks: at most MC rows, as many as needed to give every thread the same number of blocks.
  const std::size_t rounds = (g.m + MC * threads - 1) / (MC * threads);
  const std::size_t per = (g.m + threads * rounds - 1) / (threads * rounds);
  const std::size_t mc_blk = (per + MR - 1) / MR * MR;
  const std::size_t mblocks = (g.m + mc_blk - 1) / mc_blk;
  const std::size_t nc_max = g.n < NC ? (g.n + NR - 1) / NR * NR : NC;
  AlignedBuffer<T> pb(nc_max * KC);
  for (std::size_t j0 = 0; j0 < g.n; j0 += NC) {
    const std::size_t nc = g.n - j0 < NC ? g.n - j0 : NC;
    const std::size_t strips = (nc + NR - 1) / NR;
    for (std::size_t p0 = 0; p0 < g.k; p0 += KC) {
      const std::size_t kc = g.k - p0 < KC ? g.k - p0 : KC;
      auto pack_strip = [&](std::size_t s) {
        const std::size_t c0 = s * NR;
        gemm_pack_b<T>(g.b, g.rsb, g.csb, p0, kc, j0 + c0, nc - c0 < NR ? nc - c0 : NR, pb.data() + c0 * kc);
      };
      auto row_block = [&](std::size_t ib) {
        const std::size_t i0 = ib * mc_blk;
        const std::size_t mc = g.m - i0 < mc_blk ? g.m - i0 : mc_blk;
        AlignedBuffer<T> pa((mc + MR - 1) / MR * MR * kc);
        gemm_pack_a<T>(g.a, g.rsa, g.csa, i0, mc, p0, kc, pa.data());
        T* c = g.c + static_cast<std::ptrdiff_t>(i0) * g.rsc + static_cast<std::ptrdiff_t>(j0) * g.csc;
        gemm_block<T>(mc, nc, kc, pa.data(), pb.data(), c, g.rsc, g.csc, g.alpha, g.beta, p0 == 0);
      };
      if (threads <= 1) {
        for (std::size_t s = 0; s < strips; ++s) pack_strip(s);
        for (std::size_t ib = 0; ib < mblocks; ++ib) row_block(ib);
      } else {
        parallel_for(strips, pack_strip);
        parallel_for(mblocks, row_block);
      }
    }
  }
}

// NOLINTEND(readability-identifier-naming)
