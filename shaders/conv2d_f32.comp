#version 450
#extension GL_GOOGLE_include_directive : require
// trueno — fp32 conv2d (groups = 1) as an implicit GEMM: out (C_out x pixels) = weight (C_out x K, OIHW rows,
// K = C_in * KH * KW) @ im2col(x) (K x pixels, never stored: fetch_b gathers it from the NCHW input, zeros
// in the padding), plus an optional bias per output channel. Pixels run over (n, oh, ow), so the result is
// written straight into NCHW. The tiling is tiled_gemm.glsl's; VEC4: K a multiple of 4 (vec4 weight reads);
// VEC4_OUT: OH * OW a multiple of 4 (vec4 stores).

layout(constant_id = 8) const bool HAS_BIAS = false;
layout(constant_id = 9) const bool VEC4_OUT = false;

layout(std430, set = 0, binding = 1) readonly buffer Input { float x[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Output { float y[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Output4 { vec4 y4[]; };
layout(std430, set = 0, binding = 3) readonly buffer Bias { float bias[]; };

layout(push_constant) uniform Params {
  uint M;  // output channels
  uint P;  // pixels: batch * OH * OW
  uint K;  // C_in * KH * KW
  uint C;  // input channels
  uint H;
  uint W;
  uint OH;
  uint OW;
  uint KH;
  uint KW;
  uint sh;
  uint sw;
  uint ph;
  uint pw;
  uint dh;
  uint dw;
}
p;

#include "tiled_gemm.glsl"

uint g_tid;
// Per fetched pixel (item l, lane e): the offset of its image in x, and its window's top-left input row and
// column (far outside the image for pixels past P, so that every tap reads zero).
uint g_image[B_LOADS * 4];
int g_ih[B_LOADS * 4];
int g_iw[B_LOADS * 4];

void fetch_b(uint k0) {
  const uint khw = p.KH * p.KW;
  for (uint l = 0; l < B_LOADS; ++l) {
    const uint i = g_tid + l * THREADS;
    const uint k = k0 + i / B_ROW;
    vec4 v = vec4(0.0);
    if (i < B_ITEMS && k < p.K) {
      const uint ci = k / khw;
      const uint tap = k - ci * khw;
      const uint kh = tap / p.KW;
      const int th = int(kh * p.dh);
      const int tw = int((tap - kh * p.KW) * p.dw);
      const uint plane = ci * p.H * p.W;
      for (uint e = 0; e < 4; ++e) {
        const int ih = g_ih[4 * l + e] + th;
        const int iw = g_iw[4 * l + e] + tw;
        if (ih >= 0 && ih < int(p.H) && iw >= 0 && iw < int(p.W)) {
          v[e] = x[g_image[4 * l + e] + plane + uint(ih) * p.W + uint(iw)];
        }
      }
    }
    fetched_b[l] = v;
  }
}

void main() {
  const uint tid = gl_LocalInvocationID.x;
  const uint row0 = gl_WorkGroupID.y * BM;
  // Column blocks beyond the device's grid width continue along z; the surplus of the last layer has no work.
  const uint col0 = (gl_WorkGroupID.x + gl_WorkGroupID.z * gl_NumWorkGroups.x) * BN;
  if (col0 >= p.P) return;  // the whole workgroup: no barrier is left waiting
  const uint plane_out = p.OH * p.OW;
  g_tid = tid;
  for (uint l = 0; l < B_LOADS; ++l) {
    const uint i = tid + l * THREADS;
    for (uint e = 0; e < 4; ++e) {
      const uint pix = col0 + 4 * (i % B_ROW) + e;
      g_image[4 * l + e] = 0;
      g_ih[4 * l + e] = -(1 << 30);
      g_iw[4 * l + e] = -(1 << 30);
      if (pix < p.P) {
        const uint n = pix / plane_out;
        const uint rest = pix - n * plane_out;
        const uint oh = rest / p.OW;
        g_image[4 * l + e] = n * p.C * p.H * p.W;
        g_ih[4 * l + e] = int(oh * p.sh) - int(p.ph);
        g_iw[4 * l + e] = int((rest - oh * p.OW) * p.sw) - int(p.pw);
      }
    }
  }

  tiled_gemm(tid, row0, 0, p.K, p.M, p.K);

  const uint tx = tid % COLS;
  const uint ty = tid / COLS;
  for (uint r = 0; r < TM; ++r) {
    const uint co = row0 + ty + r * (BM / TM);
    if (co >= p.M) continue;
    const float add = HAS_BIAS ? bias[co] : 0.0;
    for (uint j = 0; j < TN / 4; ++j) {
      const uint pix = col0 + 4 * (j * COLS + tx);
      const vec4 v = acc[r * (TN / 4) + j] + vec4(add);
      if (VEC4_OUT) {
        if (pix < p.P) {
          const uint n = pix / plane_out;
          y4[(n * p.M * plane_out + co * plane_out + pix - n * plane_out) / 4] = v;
        }
      } else {
        for (uint e = 0; e < 4; ++e) {
          if (pix + e < p.P) {
            const uint n = (pix + e) / plane_out;
            y[n * p.M * plane_out + co * plane_out + pix + e - n * plane_out] = v[e];
          }
        }
      }
    }
  }
}
