// trueno — reductions across a workgroup of WG_SIZE (a power of two, declared by the including shader)
// invocations through shared memory (included, not compiled alone). Every invocation must call them (they
// contain barriers) and gets the result. max and min propagate NaN, as NumPy's.

shared float wg_partial[WG_SIZE];

float nan_max(float a, float b) { return (a > b || isnan(a)) ? a : b; }
float nan_min(float a, float b) { return (a < b || isnan(a)) ? a : b; }

// op: 0 sum, 1 max, 2 min (a constant at every call, so the branches fold away).
float reduce_pair(float a, float b, uint op) {
  if (op == 0) return a + b;
  return op == 1 ? nan_max(a, b) : nan_min(a, b);
}

float workgroup_reduce(float v, uint op) {
  const uint tid = gl_LocalInvocationID.x;
  wg_partial[tid] = v;
  barrier();
  for (uint s = WG_SIZE / 2; s > 0; s >>= 1) {
    if (tid < s) wg_partial[tid] = reduce_pair(wg_partial[tid], wg_partial[tid + s], op);
    barrier();
  }
  const float r = wg_partial[0];
  barrier();  // wg_partial may be reused at once
  return r;
}

float workgroup_sum(float v) { return workgroup_reduce(v, 0); }
float workgroup_max(float v) { return workgroup_reduce(v, 1); }
