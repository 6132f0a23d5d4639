#version 450
#extension GL_GOOGLE_include_directive : require
// trueno — fp32 matrix product C = A @ B for row-major matrices, one matrix pair per workgroup layer z
// (batched: operand z starts at offset + z * stride; stride 0 broadcasts an operand). The tiling is
// tiled_gemm.glsl's; with VEC4 (K, N, the row strides and the offsets multiples of 4) A and B are read and C
// is written as vec4. Edges are handled by zero-filled loads and guarded stores, so any M, N, K is valid.

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

#include "tiled_gemm.glsl"

uint g_tid;
uint g_col0;
uint g_base_b;

void fetch_b(uint k0) {
  for (uint l = 0; l < B_LOADS; ++l) {
    const uint i = g_tid + l * THREADS;
    const uint k = k0 + i / B_ROW;
    const uint n = g_col0 + 4 * (i % B_ROW);
    vec4 v = vec4(0.0);
    if (i < B_ITEMS && k < p.K) {
      const uint at = g_base_b + k * p.ldb + n;
      if (VEC4) {
        if (n < p.N) v = b4[at / 4];
      } else {
        for (uint e = 0; e < 4; ++e) {
          if (n + e < p.N) v[e] = b[at + e];
        }
      }
    }
    fetched_b[l] = v;
  }
}

void main() {
  const uint tid = gl_LocalInvocationID.x;
  const uint row0 = gl_WorkGroupID.y * BM;
  g_tid = tid;
  g_col0 = gl_WorkGroupID.x * BN;
  g_base_b = p.offset_b + gl_WorkGroupID.z * p.stride_b;
  const uint base_c = p.offset_c + gl_WorkGroupID.z * p.stride_c;

  tiled_gemm(tid, row0, p.offset_a + gl_WorkGroupID.z * p.stride_a, p.lda, p.M, p.K);

  const uint tx = tid % COLS;
  const uint ty = tid / COLS;
  for (uint r = 0; r < TM; ++r) {
    const uint row = row0 + ty + r * (BM / TM);
    if (row >= p.M) continue;
    for (uint j = 0; j < TN / 4; ++j) {
      const uint col = g_col0 + 4 * (j * COLS + tx);
      const vec4 v = acc[r * (TN / 4) + j];
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
