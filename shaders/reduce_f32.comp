#version 450
#extension GL_GOOGLE_include_directive : require
// trueno — fp32 reductions along one axis (OP: 0 sum, 1 max, 2 min; scale applies to sums: 1 / count gives a
// mean). The input is read as (outer, cols, inner), row-major.
// - inner == 0 (long rows: the last axis, or the whole tensor in chunks): y[r] = OP(x[r * cols .. min((r + 1)
//   * cols, n))) for r < rows. One workgroup per row, rows beyond the grid in a grid-stride loop. A
//   whole-tensor reduction is passes of this over chunks of the data, then of the partial results.
// - inner >= 1 (any other axis, or short rows): one invocation per output, reading along the axis with
//   stride inner, so that neighbouring invocations read neighbouring addresses when inner > 1. The axis may
//   be cut into parts of `chunk` elements (parts = ceil(cols / chunk)) for more parallelism: y is then
//   (outer, parts, inner) partial results, which a second dispatch reduces along parts. rows = outer * parts
//   * inner.

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
  uint inner;
  uint chunk;
}
p;

#include "workgroup_reduce.glsl"

float identity() {
  if (OP == 0) return 0.0;
  return uintBitsToFloat(OP == 1 ? 0xff800000u : 0x7f800000u);  // -inf for max, +inf for min
}

void main() {
  const uint tid = gl_LocalInvocationID.x;
  if (p.inner == 0) {
    for (uint row = gl_WorkGroupID.x; row < p.rows; row += gl_NumWorkGroups.x) {
      const uint begin = row * p.cols;
      const uint end = min(begin + p.cols, p.n);
      float acc = identity();
      for (uint i = begin + tid; i < end; i += WG_SIZE) acc = reduce_pair(acc, x[i], OP);
      acc = workgroup_reduce(acc, OP);
      if (tid == 0) y[row] = OP == 0 ? acc * p.scale : acc;
    }
    return;
  }
  const uint parts = (p.cols + p.chunk - 1) / p.chunk;
  for (uint o = gl_GlobalInvocationID.x; o < p.rows; o += gl_NumWorkGroups.x * WG_SIZE) {
    const uint j = o % p.inner;
    const uint rest = o / p.inner;
    const uint part = rest % parts;
    const uint outer = rest / parts;
    const uint first = part * p.chunk;
    const uint last = min(first + p.chunk, p.cols);
    uint at = (outer * p.cols + first) * p.inner + j;
    float acc = identity();
    for (uint i = first; i < last; ++i, at += p.inner) acc = reduce_pair(acc, x[at], OP);
    y[o] = OP == 0 ? acc * p.scale : acc;
  }
}
