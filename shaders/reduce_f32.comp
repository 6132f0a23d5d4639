#version 450
#extension GL_GOOGLE_include_directive : require
// trueno — fp32 row reductions: y[r] = scale * OP(x[r * cols .. min((r + 1) * cols, n))) for r < rows (OP: 0
// sum, 1 max; scale applies to sums: 1 / count gives a mean). One workgroup per row, rows beyond the grid in
// a grid-stride loop. A whole-tensor reduction is passes of this over chunks of the data, then of the partial
// results, until one value is left.

const uint WG_SIZE = 256;
layout(local_size_x = 256) in;

layout(constant_id = 0) const uint OP = 0;

layout(std430, set = 0, binding = 0) readonly buffer Input { float x[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Output { float y[]; };

layout(push_constant) uniform Params {
  uint rows;
  uint cols;
  uint n;
  float scale;
}
p;

#include "workgroup_reduce.glsl"

void main() {
  const uint tid = gl_LocalInvocationID.x;
  for (uint row = gl_WorkGroupID.x; row < p.rows; row += gl_NumWorkGroups.x) {
    const uint begin = row * p.cols;
    const uint end = min(begin + p.cols, p.n);
    if (OP == 0) {
      float s = 0.0;
      for (uint i = begin + tid; i < end; i += WG_SIZE) s += x[i];
      s = workgroup_sum(s);
      if (tid == 0) y[row] = s * p.scale;
    } else {
      float m = uintBitsToFloat(0xff800000u);  // -inf
      for (uint i = begin + tid; i < end; i += WG_SIZE) m = nan_max(m, x[i]);
      m = workgroup_max(m);
      if (tid == 0) y[row] = m;
    }
  }
}
