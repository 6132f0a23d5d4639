#version 450
#extension GL_GOOGLE_include_directive : require
// trueno — fp32 softmax (LOG = 0: y = exp(x - max) / sum(exp(x - max))) or log_softmax (LOG = 1: y = x - max -
// log(sum(exp(x - max)))) along one axis of x read as (outer, cols, inner), row-major; rows = outer * inner.
// - inner == 0 (long rows of the last axis): one workgroup per row, rows beyond the grid in a grid-stride
//   loop.
// - inner >= 1: one invocation per (outer, j) lane, reading along the axis with stride inner.

const uint WG_SIZE = 256;
layout(local_size_x = 256) in;

layout(constant_id = 0) const uint LOG = 0;

layout(std430, set = 0, binding = 0) readonly buffer Input { float x[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Output { float y[]; };

layout(push_constant) uniform Params {
  uint rows;
  uint cols;
  uint inner;
}
p;

#include "workgroup_reduce.glsl"

// t: log(sum) for log_softmax, 1 / sum for softmax (computed once per lane).
float finish(float s) { return LOG == 1 ? log(s) : 1.0 / s; }
float result(float v, float m, float t) { return LOG == 1 ? v - m - t : exp(v - m) * t; }

void main() {
  const uint tid = gl_LocalInvocationID.x;
  if (p.inner == 0) {
    for (uint row = gl_WorkGroupID.x; row < p.rows; row += gl_NumWorkGroups.x) {
      const uint begin = row * p.cols;
      const uint end = begin + p.cols;
      float m = uintBitsToFloat(0xff800000u);  // -inf
      for (uint i = begin + tid; i < end; i += WG_SIZE) m = nan_max(m, x[i]);
      m = workgroup_max(m);
      float s = 0.0;
      for (uint i = begin + tid; i < end; i += WG_SIZE) s += exp(x[i] - m);
      const float t = finish(workgroup_sum(s));
      for (uint i = begin + tid; i < end; i += WG_SIZE) y[i] = result(x[i], m, t);
    }
    return;
  }
  for (uint o = gl_GlobalInvocationID.x; o < p.rows; o += gl_NumWorkGroups.x * WG_SIZE) {
    const uint j = o % p.inner;
    const uint begin = (o / p.inner) * p.cols * p.inner + j;
    const uint end = begin + p.cols * p.inner;
    float m = uintBitsToFloat(0xff800000u);
    for (uint i = begin; i < end; i += p.inner) m = nan_max(m, x[i]);
    float s = 0.0;
    for (uint i = begin; i < end; i += p.inner) s += exp(x[i] - m);
    const float t = finish(s);
    for (uint i = begin; i < end; i += p.inner) y[i] = result(x[i], m, t);
  }
}
