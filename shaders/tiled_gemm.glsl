// trueno — the tiled GEMM core shared by matmul_f32.comp and conv2d_f32.comp (included, not compiled alone):
// acc (TM x TN per invocation) = A (M x K, row-major, from binding 0) @ B (K x N, produced by the including
// shader's fetch_b) over one BM x BN tile of the result.
//
// A workgroup walks K in steps of BK through shared memory; each invocation keeps TM x TN accumulators in
// registers: rows ty + r * (BM / TM) (neighbouring invocations read different banks of A's tile) and TN / 4
// vec4 columns spaced 4 * BN / TN apart (neighbouring invocations read neighbouring vec4s of B's tile). Both
// tiles are stored as they lie in memory (A's rows as vec4s along K, padded where that avoids bank conflicts),
// so every shared-memory store and read is a vec4. The next K-step's tiles are fetched from global memory
// into registers before the current step is computed (the loads' latency hides behind the arithmetic); with
// STAGES = 2 the shared tiles are double-buffered, so a step needs one barrier instead of two. Edges are
// zero-filled, so any M, N, K (K = 0 too) is valid. The host checks the shape rules (TN and BK multiples of 4,
// TM | BM, TN | BN, the workgroup size (BM / TM) * (BN / TN), STAGES 1 or 2, the shared memory).

layout(local_size_x_id = 5) in;

layout(constant_id = 0) const uint BM = 128;
layout(constant_id = 1) const uint BN = 128;
layout(constant_id = 2) const uint BK = 8;
layout(constant_id = 3) const uint TM = 8;
layout(constant_id = 4) const uint TN = 8;
layout(constant_id = 6) const bool VEC4 = false;  // A's rows (K, lda, offsets multiples of 4) read as vec4
layout(constant_id = 7) const uint STAGES = 2;

layout(std430, set = 0, binding = 0) readonly buffer MatrixA { float a[]; };
layout(std430, set = 0, binding = 0) readonly buffer MatrixA4 { vec4 a4[]; };

const uint THREADS = (BM / TM) * (BN / TN);
const uint COLS = BN / TN;  // invocations along a row of C; also the vec4 distance between an invocation's columns
// vec4s per row of A's tile: a warp of 32 spans 32 / COLS rows of it; with more than 2 (COLS < 16) a vec4 of
// padding keeps their reads in different banks. (31 / (COLS + 16) is 1 for COLS < 16, else 0.)
const uint A_ROW = BK / 4 + 31 / (COLS + 16);
const uint B_ROW = BN / 4;  // vec4s per row of B's tile
const uint A_TILE = BM * A_ROW;
const uint B_TILE = BK * B_ROW;
const uint A_ITEMS = BM * (BK / 4);  // vec4s to fetch per tile
const uint B_ITEMS = BK * (BN / 4);
const uint A_LOADS = (A_ITEMS + THREADS - 1) / THREADS;  // per invocation
const uint B_LOADS = (B_ITEMS + THREADS - 1) / THREADS;

shared vec4 As[STAGES * A_TILE];
shared vec4 Bs[STAGES * B_TILE];

vec4 fetched_a[A_LOADS];
// fetch_b fills item l = (row (tid + l * THREADS) / B_ROW, vec4 column (tid + l * THREADS) % B_ROW) of B's
// tile: B's row k0 + that row, columns col0 + 4 * that column + 0..3 (zeros outside B).
vec4 fetched_b[B_LOADS];
vec4 acc[TM * (TN / 4)];

void fetch_b(uint k0);  // defined by the including shader

// A's rows row0 .. row0 + BM - 1, columns k0 .. k0 + BK - 1 into fetched_a (zeros outside A).
void fetch_a(uint tid, uint row0, uint base_a, uint lda, uint M, uint K, uint k0) {
  for (uint l = 0; l < A_LOADS; ++l) {
    const uint i = tid + l * THREADS;
    const uint m = i / (BK / 4);
    const uint k = k0 + 4 * (i % (BK / 4));
    vec4 v = vec4(0.0);
    if (i < A_ITEMS && row0 + m < M) {
      const uint at = base_a + (row0 + m) * lda + k;
      if (VEC4) {
        if (k < K) v = a4[at / 4];
      } else {
        for (uint e = 0; e < 4; ++e) {
          if (k + e < K) v[e] = a[at + e];
        }
      }
    }
    fetched_a[l] = v;
  }
}

// Stores the fetched tiles into shared-memory stage `stage`.
void store_tiles(uint tid, uint stage) {
  for (uint l = 0; l < A_LOADS; ++l) {
    const uint i = tid + l * THREADS;
    if (A_LOADS * THREADS == A_ITEMS || i < A_ITEMS) {
      As[stage * A_TILE + (i / (BK / 4)) * A_ROW + i % (BK / 4)] = fetched_a[l];
    }
  }
  for (uint l = 0; l < B_LOADS; ++l) {
    const uint i = tid + l * THREADS;
    if (B_LOADS * THREADS == B_ITEMS || i < B_ITEMS) Bs[stage * B_TILE + i] = fetched_b[l];
  }
}

// acc = A's rows row0 .. row0 + BM - 1 @ B's tile columns (what fetch_b fetches), over all of K.
void tiled_gemm(uint tid, uint row0, uint base_a, uint lda, uint M, uint K) {
  const uint tx = tid % COLS;
  const uint ty = tid / COLS;
  for (uint i = 0; i < TM * (TN / 4); ++i) acc[i] = vec4(0.0);
  vec4 rb[4 * (TN / 4)];

  fetch_a(tid, row0, base_a, lda, M, K, 0);
  fetch_b(0);
  store_tiles(tid, 0);
  barrier();
  uint stage = 0;
  for (uint k0 = 0; k0 < K; k0 += BK) {
    const bool more = k0 + BK < K;
    if (more) {
      fetch_a(tid, row0, base_a, lda, M, K, k0 + BK);
      fetch_b(k0 + BK);
    }
    const uint a0 = stage * A_TILE + ty * A_ROW;
    const uint b0 = stage * B_TILE + tx;
    for (uint kq = 0; kq < BK / 4; ++kq) {
      for (uint kk = 0; kk < 4; ++kk) {
        for (uint j = 0; j < TN / 4; ++j) rb[kk * (TN / 4) + j] = Bs[b0 + (4 * kq + kk) * B_ROW + j * COLS];
      }
      for (uint r = 0; r < TM; ++r) {
        const vec4 ra = As[a0 + r * (BM / TM) * A_ROW + kq];
        for (uint kk = 0; kk < 4; ++kk) {
          for (uint j = 0; j < TN / 4; ++j) {
            acc[r * (TN / 4) + j] = fma(vec4(ra[kk]), rb[kk * (TN / 4) + j], acc[r * (TN / 4) + j]);
          }
        }
      }
    }
    if (more) {
      if (STAGES == 1) {
        barrier();  // everyone is done reading the one stage
      } else {
        stage ^= 1;  // the other stage was last read before the previous barrier
      }
      store_tiles(tid, stage);
    }
    barrier();
  }
}
