// trueno — fills one KernelTable<T> from this target's kernels. Re-included per target (no include guard).
// NOLINTBEGIN(readability-identifier-naming)

template <class T>
KernelTable<T> make_table() {
  KernelTable<T> t{};
  t.add = &add<T>;
  t.sub = &sub<T>;
  t.mul = &mul<T>;
  t.minimum = &minimum<T>;
  t.maximum = &maximum<T>;
  t.sum_rows = &sum_rows<T>;
  t.max_rows = &max_rows<T>;
  t.min_rows = &min_rows<T>;
  t.neg = &neg<T>;
  t.abs = &abs<T>;
  t.square = &square<T>;
  t.scale = &scale<T>;
  t.add_scalar = &add_scalar<T>;
  t.clamp = &clamp<T>;
  t.cumsum = &cumsum<T, typename KernelTable<T>::Acc>;
  t.sum = &sum<T>;
  t.prod = &prod<T>;
  t.min = &min<T>;
  t.max = &max<T>;
  t.argmin = &argmin<T>;
  t.argmax = &argmax<T>;
  t.dot = &dot<T>;
  if constexpr (std::is_same_v<T, float>) {
    t.to_f16 = &convert_to_f16<T>;
    t.from_f16 = &convert_from_f16<T>;
    t.to_bf16 = &convert_to_bf16<T>;
    t.from_bf16 = &convert_from_bf16<T>;
    t.sum_f16 = &half_sum<float16, T>;
    t.sum_bf16 = &half_sum<bfloat16, T>;
  }
  t.floor_divide = &floor_divide<T>;
  t.mod = &mod<T>;
  if constexpr (std::is_integral_v<T>) {
    t.bit_and = &bit_and<T>;
    t.bit_or = &bit_or<T>;
    t.bit_xor = &bit_xor<T>;
    t.bit_not = &bit_not<T>;
    t.shift_left = &shift_left<T>;
    t.shift_right = &shift_right<T>;
  }
  if constexpr (std::is_floating_point_v<T>) {
    t.div = &div<T>;
    t.div_scalar = &div_scalar<T>;
    t.sqrt = &sqrt<T>;
    t.reciprocal = &reciprocal<T>;
    t.lerp = &lerp<T>;
    t.fma = &fma<T>;
    t.weighted_sum_rows = &weighted_sum_rows<T>;
    t.max_abs = &max_abs<T>;
    t.sum_abs = &sum_abs<T>;
    t.centered_dot = &centered_dot<T>;
    t.scaled_sum_squares = &scaled_sum_squares<T>;
    t.all_finite = &all_finite<T>;
    t.exp = &math_exp<T>;
    t.exp2 = &math_exp2<T>;
    t.expm1 = &math_expm1<T>;
    t.log = &math_log<T>;
    t.log2 = &math_log2<T>;
    t.log10 = &math_log10<T>;
    t.log1p = &math_log1p<T>;
    t.sigmoid = &math_sigmoid<T>;
    t.tanh = &math_tanh<T>;
    t.silu = &math_silu<T>;
    t.softplus = &math_softplus<T>;
    t.softmax = &softmax<T>;
    t.log_softmax = &log_softmax<T>;
    t.logsumexp = &logsumexp<T>;
    t.rsqrt = &math_rsqrt<T>;
    t.cbrt = &math_cbrt<T>;
    t.sin = &math_sin<T>;
    t.cos = &math_cos<T>;
    t.hypot = &math_hypot<T>;
    t.gemm = &gemm<T>;
    t.tan = &math_tan<T>;
    t.asin = &math_asin<T>;
    t.acos = &math_acos<T>;
    t.atan = &math_atan<T>;
    t.sinh = &math_sinh<T>;
    t.cosh = &math_cosh<T>;
    t.asinh = &math_asinh<T>;
    t.acosh = &math_acosh<T>;
    t.atanh = &math_atanh<T>;
    t.atan2 = &math_atan2<T>;
    t.pow = &math_pow<T>;
    t.pow_scalar = &math_pow_scalar<T>;
    t.scalar_pow = &math_scalar_pow<T>;
    t.erf = &act_erf<T>;
    t.erfc = &act_erfc<T>;
    t.floor = &act_floor<T>;
    t.ceil = &act_ceil<T>;
    t.round = &act_round<T>;
    t.rint = &act_rint<T>;
    t.trunc = &act_trunc<T>;
    t.fract = &act_fract<T>;
    t.sign = &act_sign<T>;
    t.copysign = &act_copysign<T>;
    t.relu = &act_relu<T>;
    t.relu6 = &act_relu6<T>;
    t.selu = &act_selu<T>;
    t.gelu = &act_gelu<T>;
    t.gelu_tanh = &act_gelu_tanh<T>;
    t.hard_sigmoid = &act_hard_sigmoid<T>;
    t.hardswish = &act_hardswish<T>;
    t.mish = &act_mish<T>;
    t.softsign = &act_softsign<T>;
    t.tanhshrink = &act_tanhshrink<T>;
    t.log_sigmoid = &act_log_sigmoid<T>;
    t.leaky_relu = &act_leaky_relu<T>;
    t.elu = &act_elu<T>;
    t.celu = &act_celu<T>;
    t.softplus_param = &act_softplus<T>;
    t.layer_norm = &layer_norm<T>;
    t.rms_norm = &rms_norm<T>;
  }
  return t;
}

// NOLINTEND(readability-identifier-naming)
