#version 450
// trueno — fp32 element-wise binary ops c = a OP b (OP: 0 add, 1 sub, 2 mul, 3 div; 4 copies a, which with
// strides is a gather that reorders axes). Without BROADCAST, a, b and c are n contiguous elements. With
// BROADCAST, c is contiguous of shape `shape` (rank 4, leading extents 1 when the rank is lower) and a, b are
// read through per-axis element strides (0 along broadcast axes). A grid-stride loop covers any n with a
// bounded number of workgroups.

layout(local_size_x = 256) in;

layout(constant_id = 0) const uint OP = 0;
layout(constant_id = 1) const bool BROADCAST = false;

layout(std430, set = 0, binding = 0) readonly buffer InputA { float a[]; };
layout(std430, set = 0, binding = 1) readonly buffer InputB { float b[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Output { float c[]; };

layout(push_constant) uniform Params {
  uint n;
  uvec4 shape;
  uvec4 stride_a;
  uvec4 stride_b;
}
p;

float apply(float x, float y) {
  if (OP == 0) return x + y;
  if (OP == 1) return x - y;
  if (OP == 2) return x * y;
  if (OP == 3) return x / y;
  return x;
}

void main() {
  const uint step = gl_NumWorkGroups.x * gl_WorkGroupSize.x;
  for (uint i = gl_GlobalInvocationID.x; i < p.n; i += step) {
    uint ia = i;
    uint ib = i;
    if (BROADCAST) {
      uint rest = i;
      ia = 0;
      ib = 0;
      for (int d = 3; d >= 0; --d) {
        const uint idx = rest % p.shape[d];
        rest /= p.shape[d];
        ia += idx * p.stride_a[d];
        ib += idx * p.stride_b[d];
      }
    }
    c[i] = apply(a[ia], b[ib]);
  }
}
