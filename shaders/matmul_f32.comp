#version 450
// trueno — fp32 matrix product C = A @ B for row-major matrices, one matrix pair per workgroup layer z
// (batched: operand z starts at offset + z * stride; stride 0 broadcasts an operand).
//
// A workgroup computes a BM x BN tile of C, walking K in steps of BK through shared memory; each invocation
// keeps TM x TN accumulators in registers. Its rows are TM / 4 groups of 4 consecutive rows, spaced BM / (TM / 4)
// apart, and likewise its columns, so that every shared-memory read is a vec4 and neighbouring invocations
// read neighbouring vec4s (no bank conflicts). The tile shape is specialised per device class (TM and TN
// multiples of 4; the workgroup size must be (BM / TM) * (BN / TN)). With VEC4 (K, N, the row strides and the
// offsets multiples of 4) global memory is read and written as vec4 too. Edges are handled by zero-filled
// loads and guarded stores, so any M, N, K (K = 0 too) is valid.

layout(local_size_x_id = 5) in;

layout(constant_id = 0) const uint BM = 128;
layout(constant_id = 1) const uint BN = 128;
layout(constant_id = 2) const uint BK = 8;
layout(constant_id = 3) const uint TM = 8;
layout(constant_id = 4) const uint TN = 8;
layout(constant_id = 6) const bool VEC4 = false;

layout(std430, set = 0, binding = 0) readonly buffer MatrixA { float a[]; };
layout(std430, set = 0, binding = 0) readonly buffer MatrixA4 { vec4 a4[]; };
layout(std430, set = 0, binding = 1) readonly buffer MatrixB { float b[]; };
layout(std430, set = 0, binding = 1) readonly buffer MatrixB4 { vec4 b4[]; };
layout(std430, set = 0, binding = 2) writeonly buffer MatrixC { float c[]; };
layout(std430, set = 0, binding = 2) writeonly buffer MatrixC4 { vec4 c4[]; };

layout(push_constant) uniform Params {
  uint M;
  uint N;
  uint K;
  uint lda;  // row strides, in elements
  uint ldb;
  uint ldc;
  uint stride_a;  // elements between consecutive matrices of the batch (0: broadcast)
  uint stride_b;
  uint stride_c;
  uint offset_a;  // element offset of matrix 0
  uint offset_b;
  uint offset_c;
}
p;

// A's tile is stored transposed (k-major) with one vec4 of padding per k, so that the transposing stores of
// neighbouring invocations fall in different banks.
const uint A4_STRIDE = BM / 4 + 1;
const uint B4_STRIDE = BN / 4;
shared vec4 As[BK * A4_STRIDE];
shared vec4 Bs[BK * B4_STRIDE];

const uint ROW_SPAN = 4 * BM / TM;  // rows between an invocation's groups of 4 rows
const uint COL_SPAN = 4 * BN / TN;

void main() {
  const uint threads = (BM / TM) * (BN / TN);
  const uint tid = gl_LocalInvocationID.x;
  const uint tx = tid % (BN / TN);
  const uint ty = tid / (BN / TN);
  const uint row0 = gl_WorkGroupID.y * BM;
  const uint col0 = gl_WorkGroupID.x * BN;
  const uint base_a = p.offset_a + gl_WorkGroupID.z * p.stride_a;
  const uint base_b = p.offset_b + gl_WorkGroupID.z * p.stride_b;
  const uint base_c = p.offset_c + gl_WorkGroupID.z * p.stride_c;

  vec4 acc[TM * (TN / 4)];
  for (uint i = 0; i < TM * (TN / 4); ++i) acc[i] = vec4(0.0);
  vec4 ra[TM / 4];
  vec4 rb[TN / 4];

  for (uint k0 = 0; k0 < p.K; k0 += BK) {
    if (VEC4) {
      for (uint i = tid; i < BM * (BK / 4); i += threads) {
        const uint m = i / (BK / 4);
        const uint q = i % (BK / 4);
        vec4 v = vec4(0.0);
        if (row0 + m < p.M && k0 + 4 * q < p.K) v = a4[(base_a + (row0 + m) * p.lda + k0) / 4 + q];
        for (uint j = 0; j < 4; ++j) As[(4 * q + j) * A4_STRIDE + m / 4][m % 4] = v[j];
      }
      for (uint i = tid; i < BK * B4_STRIDE; i += threads) {
        const uint k = i / B4_STRIDE;
        const uint n4 = i % B4_STRIDE;
        vec4 v = vec4(0.0);
        if (k0 + k < p.K && col0 + 4 * n4 < p.N) v = b4[(base_b + (k0 + k) * p.ldb + col0) / 4 + n4];
        Bs[k * B4_STRIDE + n4] = v;
      }
    } else {
      for (uint i = tid; i < BM * BK; i += threads) {
        const uint m = i / BK;
        const uint k = i % BK;
        float v = 0.0;
        if (row0 + m < p.M && k0 + k < p.K) v = a[base_a + (row0 + m) * p.lda + k0 + k];
        As[k * A4_STRIDE + m / 4][m % 4] = v;
      }
      for (uint i = tid; i < BK * BN; i += threads) {
        const uint k = i / BN;
        const uint n = i % BN;
        float v = 0.0;
        if (k0 + k < p.K && col0 + n < p.N) v = b[base_b + (k0 + k) * p.ldb + col0 + n];
        Bs[k * B4_STRIDE + n / 4][n % 4] = v;
      }
    }
    barrier();
    for (uint k = 0; k < BK; ++k) {
      for (uint i = 0; i < TM / 4; ++i) ra[i] = As[k * A4_STRIDE + i * (ROW_SPAN / 4) + ty];
      for (uint j = 0; j < TN / 4; ++j) rb[j] = Bs[k * B4_STRIDE + j * (COL_SPAN / 4) + tx];
      for (uint i = 0; i < TM / 4; ++i) {
        for (uint r = 0; r < 4; ++r) {
          for (uint j = 0; j < TN / 4; ++j) {
            acc[(4 * i + r) * (TN / 4) + j] = fma(vec4(ra[i][r]), rb[j], acc[(4 * i + r) * (TN / 4) + j]);
          }
        }
      }
    }
    barrier();
  }

  for (uint i = 0; i < TM / 4; ++i) {
    for (uint r = 0; r < 4; ++r) {
      const uint row = row0 + i * ROW_SPAN + 4 * ty + r;
      if (row >= p.M) continue;
      for (uint j = 0; j < TN / 4; ++j) {
        const uint col = col0 + j * COL_SPAN + 4 * tx;
        const vec4 v = acc[(4 * i + r) * (TN / 4) + j];
        if (VEC4) {
          if (col < p.N) c4[(base_c + row * p.ldc + col) / 4] = v;
        } else {
          for (uint e = 0; e < 4; ++e) {
            if (col + e < p.N) c[base_c + row * p.ldc + col + e] = v[e];
          }
        }
      }
    }
  }
}
