// trueno — GEMM, written once over Vec<T> and re-included per target (no include guard).
// C = alpha * A * B + beta * C for row-major-or-any-stride operands, BLIS-style:
//   for jc (kNC columns of B and C) / for pc (kKC of K): pack B[pc, jc] into NR-wide panels
//     for ic (kMC rows): pack A[ic, pc] into MR-tall panels
//       for each MR x NR tile: the register-blocked micro-kernel (MR rows x NR_VECS vectors of accumulators:
//       per k, NR_VECS vector loads of B, MR broadcasts of A, MR * NR_VECS fused multiply-adds).
// The packing routines read A and B through their strides (transposed operands are never copied first) and
// pad partial panels with zeros; partial tiles are computed in full into a local tile and the valid part
// written. K is never split across threads and every C element sees the same sequence of k-blocks, so the
// result is bit-identical for any thread count. NOLINTBEGIN(readability-identifier-naming)

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
  static constexpr std::size_t NC = NR * 64;
};

// Packs rows [i0, i0 + mc) x cols [p0, p0 + kc) of A (strides rsa, csa) into MR-tall panels: panel r holds,
// for each k, A[i0 + r*MR + 0..MR)[p0 + k] contiguous; missing rows are zero.
template <class T>
void gemm_pack_a(const T* a, std::ptrdiff_t rsa, std::ptrdiff_t csa, std::size_t i0, std::size_t mc,
                 std::size_t p0, std::size_t kc, T* dst) {
  constexpr std::size_t MR = GemmShape<T>::MR;
  for (std::size_t r = 0; r < mc; r += MR) {
    const std::size_t m = mc - r < MR ? mc - r : MR;
    const T* src = a + static_cast<std::ptrdiff_t>(i0 + r) * rsa + static_cast<std::ptrdiff_t>(p0) * csa;
    if (csa == 1 && m == MR) {
      for (std::size_t k = 0; k < kc; ++k) {
        for (std::size_t i = 0; i < MR; ++i)
          dst[k * MR + i] = src[static_cast<std::ptrdiff_t>(i) * rsa + static_cast<std::ptrdiff_t>(k)];
      }
    } else {
      for (std::size_t k = 0; k < kc; ++k) {
        for (std::size_t i = 0; i < MR; ++i) {
          dst[k * MR + i] =
              i < m ? src[static_cast<std::ptrdiff_t>(i) * rsa + static_cast<std::ptrdiff_t>(k) * csa] : T(0);
        }
      }
    }
    dst += kc * MR;
  }
}

// Packs rows [p0, p0 + kc) x cols [j0, j0 + nc) of B into NR-wide panels: panel c holds, for each k,
// B[p0 + k][j0 + c*NR + 0..NR) contiguous; missing columns are zero.
template <class T>
void gemm_pack_b(const T* b, std::ptrdiff_t rsb, std::ptrdiff_t csb, std::size_t p0, std::size_t kc,
                 std::size_t j0, std::size_t nc, T* dst) {
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
// `ct` points at the tile's top-left element of C (row stride ldc, unit column stride) or, for a partial
// tile, at a local MR x NR buffer.
template <class T>
void gemm_micro(std::size_t kc, const T* ap, const T* bp, T* ct, std::ptrdiff_t ldc, T alpha, T beta,
                bool first) {
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

// Unpacked micro-kernel for small problems: A read in place (any strides), B rows contiguous (csb == 1), the
// last n < NR columns through masked loads and stores, rows beyond m not computed. Same arithmetic order as
// the packed kernel (k ascending, one fused multiply-add per term).
template <class T, std::size_t ROWS>
void gemm_small_tile(std::size_t kc, const T* a, std::ptrdiff_t rsa, std::ptrdiff_t csa, const T* b,
                     std::ptrdiff_t rsb, std::size_t n, T* c, std::ptrdiff_t rsc, T alpha, T beta) {
  using V = Vec<T>;
  constexpr std::size_t NV = GemmShape<T>::NR_VECS, L = V::lanes;
  typename V::Reg acc[ROWS][NV];
  _Pragma("GCC unroll 16") for (std::size_t i = 0; i < ROWS; ++i) {
    _Pragma("GCC unroll 4") for (std::size_t v = 0; v < NV; ++v) acc[i][v] = V::zero();
  }
  const bool full = n >= NV * L;
  for (std::size_t k = 0; k < kc; ++k) {
    const T* brow = b + static_cast<std::ptrdiff_t>(k) * rsb;
    typename V::Reg bv[NV];
    _Pragma("GCC unroll 4") for (std::size_t v = 0; v < NV; ++v) {
      const std::size_t cnt = n > v * L ? (n - v * L < L ? n - v * L : L) : 0;
      bv[v] = full || cnt == L ? V::load(brow + v * L) : V::load_n(brow + v * L, cnt);
    }
    _Pragma("GCC unroll 16") for (std::size_t i = 0; i < ROWS; ++i) {
      const typename V::Reg av =
          V::set1(a[static_cast<std::ptrdiff_t>(i) * rsa + static_cast<std::ptrdiff_t>(k) * csa]);
      _Pragma("GCC unroll 4") for (std::size_t v = 0; v < NV; ++v) acc[i][v] = V::fma(av, bv[v], acc[i][v]);
    }
  }
  const typename V::Reg va = V::set1(alpha), vb = V::set1(beta);
  _Pragma("GCC unroll 16") for (std::size_t i = 0; i < ROWS; ++i) {
    T* row = c + static_cast<std::ptrdiff_t>(i) * rsc;
    _Pragma("GCC unroll 4") for (std::size_t v = 0; v < NV; ++v) {
      const std::size_t cnt = n > v * L ? (n - v * L < L ? n - v * L : L) : 0;
      if (cnt == 0) continue;
      typename V::Reg r = V::mul(acc[i][v], va);
      if (beta != T(0)) r = V::fma(vb, cnt == L ? V::load(row + v * L) : V::load_n(row + v * L, cnt), r);
      if (cnt == L) {
        V::store(row + v * L, r);
      } else {
        V::store_n(row + v * L, cnt, r);
      }
    }
  }
}

template <class T>
void gemm_small(const GemmArgs<T>& g) {
  constexpr std::size_t MR = GemmShape<T>::MR, NR = GemmShape<T>::NR;
  for (std::size_t j0 = 0; j0 < g.n; j0 += NR) {
    const std::size_t n = g.n - j0 < NR ? g.n - j0 : NR;
    const T* b = g.b + static_cast<std::ptrdiff_t>(j0);
    std::size_t i0 = 0;
    for (; i0 + MR <= g.m; i0 += MR) {
      gemm_small_tile<T, MR>(g.k, g.a + static_cast<std::ptrdiff_t>(i0) * g.rsa, g.rsa, g.csa, b, g.rsb, n,
                             g.c + static_cast<std::ptrdiff_t>(i0) * g.rsc + static_cast<std::ptrdiff_t>(j0),
                             g.rsc, g.alpha, g.beta);
    }
    for (; i0 < g.m; ++i0) {  // leftover rows one at a time
      gemm_small_tile<T, 1>(g.k, g.a + static_cast<std::ptrdiff_t>(i0) * g.rsa, g.rsa, g.csa, b, g.rsb, n,
                            g.c + static_cast<std::ptrdiff_t>(i0) * g.rsc + static_cast<std::ptrdiff_t>(j0),
                            g.rsc, g.alpha, g.beta);
    }
  }
}

// y = alpha * x^T B + beta * y for one row x (m == 1) and B with contiguous rows: y accumulates alpha * x[k]
// * B[k, :] row after row, so B streams from memory once, in order, and y stays in L1.
template <class T>
void gemm_vecmat(const GemmArgs<T>& g) {
  using V = Vec<T>;
  constexpr std::size_t L = V::lanes;
  AlignedBuffer<T> acc(g.n);
  T* y = acc.data();
  for (std::size_t j = 0; j < g.n; ++j) y[j] = T(0);
  for (std::size_t k = 0; k < g.k; ++k) {
    const typename V::Reg xv = V::set1(g.a[static_cast<std::ptrdiff_t>(k) * g.csa]);
    const T* brow = g.b + static_cast<std::ptrdiff_t>(k) * g.rsb;
    std::size_t j = 0;
    for (; j + 4 * L <= g.n; j += 4 * L) {
      _Pragma("GCC unroll 4") for (std::size_t v = 0; v < 4; ++v) {
        V::store(y + j + v * L, V::fma(xv, V::load(brow + j + v * L), V::load(y + j + v * L)));
      }
    }
    for (; j + L <= g.n; j += L) V::store(y + j, V::fma(xv, V::load(brow + j), V::load(y + j)));
    if (j < g.n) {
      const std::size_t cnt = g.n - j;  // load_n and store_n take fewer than `lanes` elements
      V::store_n(y + j, cnt, V::fma(xv, V::load_n(brow + j, cnt), V::load_n(y + j, cnt)));
    }
  }
  for (std::size_t j = 0; j < g.n; ++j) {
    T& out = g.c[static_cast<std::ptrdiff_t>(j) * g.csc];
    out = g.beta == T(0) ? g.alpha * y[j] : g.alpha * y[j] + g.beta * out;
  }
}

// y = alpha * A x + beta * y for one column x (n == 1) and A with contiguous rows: one dot product per row,
// four rows at a time so each load of x serves four rows.
template <class T>
void gemm_matvec(const GemmArgs<T>& g) {
  using V = Vec<T>;
  constexpr std::size_t L = V::lanes;
  AlignedBuffer<T> xbuf(g.k);
  T* x = xbuf.data();
  for (std::size_t k = 0; k < g.k; ++k) x[k] = g.b[static_cast<std::ptrdiff_t>(k) * g.rsb];
  auto finish = [&](std::size_t i, T dotv) {
    T& out = g.c[static_cast<std::ptrdiff_t>(i) * g.rsc];
    out = g.beta == T(0) ? g.alpha * dotv : g.alpha * dotv + g.beta * out;
  };
  std::size_t i = 0;
  for (; i + 4 <= g.m; i += 4) {
    const T* r0 = g.a + static_cast<std::ptrdiff_t>(i) * g.rsa;
    const T* r1 = r0 + g.rsa;
    const T* r2 = r1 + g.rsa;
    const T* r3 = r2 + g.rsa;
    typename V::Reg s0 = V::zero(), s1 = V::zero(), s2 = V::zero(), s3 = V::zero();
    std::size_t k = 0;
    for (; k + L <= g.k; k += L) {
      const typename V::Reg xv = V::load(x + k);
      s0 = V::fma(V::load(r0 + k), xv, s0);
      s1 = V::fma(V::load(r1 + k), xv, s1);
      s2 = V::fma(V::load(r2 + k), xv, s2);
      s3 = V::fma(V::load(r3 + k), xv, s3);
    }
    if (k < g.k) {
      const std::size_t cnt = g.k - k;
      const typename V::Reg xv = V::load_n(x + k, cnt);
      s0 = V::fma(V::load_n(r0 + k, cnt), xv, s0);
      s1 = V::fma(V::load_n(r1 + k, cnt), xv, s1);
      s2 = V::fma(V::load_n(r2 + k, cnt), xv, s2);
      s3 = V::fma(V::load_n(r3 + k, cnt), xv, s3);
    }
    finish(i, V::reduce_sum(s0));
    finish(i + 1, V::reduce_sum(s1));
    finish(i + 2, V::reduce_sum(s2));
    finish(i + 3, V::reduce_sum(s3));
  }
  for (; i < g.m; ++i) {
    const T* r0 = g.a + static_cast<std::ptrdiff_t>(i) * g.rsa;
    typename V::Reg s0 = V::zero();
    std::size_t k = 0;
    for (; k + L <= g.k; k += L) s0 = V::fma(V::load(r0 + k), V::load(x + k), s0);
    if (k < g.k) s0 = V::fma(V::load_n(r0 + k, g.k - k), V::load_n(x + k, g.k - k), s0);
    finish(i, V::reduce_sum(s0));
  }
}

// One MC x NC block of C for one KC slice: every tile through the micro-kernel.
template <class T>
void gemm_block(std::size_t mc, std::size_t nc, std::size_t kc, const T* pa, const T* pb, T* c,
                std::ptrdiff_t rsc, std::ptrdiff_t csc, T alpha, T beta, bool first) {
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
            tile[i * NR + j] =
                ct[static_cast<std::ptrdiff_t>(i) * rsc + static_cast<std::ptrdiff_t>(j) * csc];
          }
        }
        gemm_micro<T>(kc, ap, bp, tile, static_cast<std::ptrdiff_t>(NR), alpha, beta, first);
        for (std::size_t i = 0; i < m; ++i) {
          for (std::size_t j = 0; j < n; ++j) {
            ct[static_cast<std::ptrdiff_t>(i) * rsc + static_cast<std::ptrdiff_t>(j) * csc] =
                tile[i * NR + j];
          }
        }
      }
    }
  }
}

// gemm for few rows and many columns (a convolution's M = output channels, N = pixels): the threads take
// NR-aligned column blocks of C, each packing its own panel of B and all of A, in one parallel region for the
// whole product (the row split would leave threads idle or unbalanced and pay two regions per B panel).
template <class T>
void gemm_column_split(const GemmArgs<T>& g, std::size_t threads) {
  using S = GemmShape<T>;
  constexpr std::size_t MR = S::MR, NR = S::NR, KC = S::KC, MC = S::MC, NC = S::NC;
  // At least two blocks per thread, at most NC wide.
  const std::size_t want = 2 * threads;
  const std::size_t width = std::min(NC, ((g.n + want - 1) / want + NR - 1) / NR * NR);
  const std::size_t blocks = (g.n + width - 1) / width;
  parallel_for(blocks, [&](std::size_t jb) {
    const std::size_t j0 = jb * width;
    const std::size_t nc = g.n - j0 < width ? g.n - j0 : width;
    const std::size_t mc_max = g.m < MC ? (g.m + MR - 1) / MR * MR : MC;
    AlignedBuffer<T> pb((nc + NR - 1) / NR * NR * KC);
    AlignedBuffer<T> pa(mc_max * KC);
    for (std::size_t p0 = 0; p0 < g.k; p0 += KC) {
      const std::size_t kc = g.k - p0 < KC ? g.k - p0 : KC;
      for (std::size_t c0 = 0; c0 < nc; c0 += NR) {
        gemm_pack_b<T>(g.b, g.rsb, g.csb, p0, kc, j0 + c0, nc - c0 < NR ? nc - c0 : NR, pb.data() + c0 * kc);
      }
      for (std::size_t i0 = 0; i0 < g.m; i0 += MC) {
        const std::size_t mc = g.m - i0 < MC ? g.m - i0 : MC;
        gemm_pack_a<T>(g.a, g.rsa, g.csa, i0, mc, p0, kc, pa.data());
        T* c = g.c + static_cast<std::ptrdiff_t>(i0) * g.rsc + static_cast<std::ptrdiff_t>(j0) * g.csc;
        gemm_block<T>(mc, nc, kc, pa.data(), pb.data(), c, g.rsc, g.csc, g.alpha, g.beta, p0 == 0);
      }
    }
  });
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
  // Shapes that packing does not pay for.
  if (g.m == 1 && g.csb == 1) return gemm_vecmat<T>(g);
  if (g.n == 1 && g.csa == 1) return gemm_matvec<T>(g);
  if (g.csb == 1 && g.csc == 1 && work <= 64.0 * 64.0 * 64.0) return gemm_small<T>(g);
  const std::size_t threads = work < 4.0e6 ? 1 : static_cast<std::size_t>(num_threads());
  // Row blocks: at most MC rows, as many as needed to give every thread the same number of blocks.
  const std::size_t rounds = (g.m + MC * threads - 1) / (MC * threads);
  const std::size_t per = (g.m + threads * rounds - 1) / (threads * rounds);
  const std::size_t mc_blk = (per + MR - 1) / MR * MR;
  const std::size_t mblocks = (g.m + mc_blk - 1) / mc_blk;
  if (threads > 1 && g.m <= MC && mblocks < 2 * threads && g.n >= 4 * threads * NR) {
    return gemm_column_split<T>(g, threads);
  }
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
