#version 450
#extension GL_GOOGLE_include_directive : require
// trueno — fp32 softmax along rows: y = exp(x - max) / sum(exp(x - max)) over each of `rows` contiguous rows
// of `cols` elements. One workgroup per row, rows beyond the grid in a grid-stride loop.

const uint WG_SIZE = 256;
layout(local_size_x = 256) in;

layout(std430, set = 0, binding = 0) readonly buffer Input { float x[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Output { float y[]; };

layout(push_constant) uniform Params {
  uint rows;
  uint cols;
}
p;

#include "workgroup_reduce.glsl"

void main() {
  const uint tid = gl_LocalInvocationID.x;
  for (uint row = gl_WorkGroupID.x; row < p.rows; row += gl_NumWorkGroups.x) {
    const uint begin = row * p.cols;
    const uint end = begin + p.cols;
    float m = uintBitsToFloat(0xff800000u);  // -inf
    for (uint i = begin + tid; i < end; i += WG_SIZE) m = nan_max(m, x[i]);
    m = workgroup_max(m);
    float s = 0.0;
    for (uint i = begin + tid; i < end; i += WG_SIZE) s += exp(x[i] - m);
    s = workgroup_sum(s);
    const float inv = 1.0 / s;
    for (uint i = begin + tid; i < end; i += WG_SIZE) y[i] = exp(x[i] - m) * inv;
  }
}
