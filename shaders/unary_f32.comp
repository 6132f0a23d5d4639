#version 450
// trueno — fp32 element-wise unary ops y = OP(x) over n contiguous elements (OP: 0 neg, 1 abs, 2 exp, 3 log,
// 4 sqrt, 5 relu, 6 sigmoid, 7 tanh). A grid-stride loop covers any n with a bounded number of workgroups.

layout(local_size_x = 256) in;

layout(constant_id = 0) const uint OP = 0;

layout(std430, set = 0, binding = 0) readonly buffer Input { float x[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Output { float y[]; };

layout(push_constant) uniform Params { uint n; }
p;

// tanh as Cephes' tanhf: a polynomial near 0 (built-ins lose the relative precision there, or overflow through
// exp(2v) far out), 1 - 2 / (e^2|v| + 1) beyond, +-1 past 9.
float tanh_accurate(float v) {
  const float a = abs(v);
  if (a < 0.625) {
    const float z = v * v;
    return ((((-5.70498872745e-3 * z + 2.06390887954e-2) * z - 5.37397155531e-2) * z + 1.33314422036e-1) * z -
            3.33332819422e-1) * z * v + v;
  }
  const float r = a > 9.0 ? 1.0 : 1.0 - 2.0 / (exp(2.0 * a) + 1.0);
  return v < 0.0 ? -r : r;
}

float apply(float v) {
  if (OP == 0) return -v;
  if (OP == 1) return abs(v);
  if (OP == 2) return exp(v);
  if (OP == 3) return log(v);
  if (OP == 4) return sqrt(v);
  if (OP == 5) return v < 0.0 ? 0.0 : v;  // NaN stays NaN
  if (OP == 6) return 1.0 / (1.0 + exp(-v));
  return tanh_accurate(v);
}

void main() {
  const uint step = gl_NumWorkGroups.x * gl_WorkGroupSize.x;
  for (uint i = gl_GlobalInvocationID.x; i < p.n; i += step) y[i] = apply(x[i]);
}
