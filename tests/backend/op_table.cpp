// The op table: one line per op. The rest of this file turns a line into runners (the dispatched kernel
// through raw pointers, the public function through Vectors) and defines the error bounds of the ops that are
// not exactly rounded.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <ostream>
#include <typeinfo>

#include "backend/harness.hpp"
#include "backend/op_info.hpp"

namespace trueno_test::backend {
namespace {

using trueno::Backend;

// ---- kernel runners: one per kernel signature in KernelTable ----------------------------------------------

template <class T>
const T* input(const Call& c, std::size_t k) {
  return static_cast<const T*>(c.in[k]);
}
template <class T>
T param(const Call& c, std::size_t k) {
  return static_cast<T>(c.p[k]);
}
template <class U>
Outcome read_output(const Call& c) {
  return outcome_of(static_cast<const U*>(c.out), c.n);
}
template <class R>
Outcome single(R r) {
  return outcome_of(&r, 1);
}

template <class F>
struct KernelSig;
template <class T>
struct KernelSig<void (*)(const T*, const T*, T*, std::size_t)> {  // add, sub, mul, div, minimum, maximum
  static constexpr int arity = 2;
  static constexpr std::size_t out_bytes = sizeof(T);
  static Outcome call(void (*f)(const T*, const T*, T*, std::size_t), const Call& c) {
    f(input<T>(c, 0), input<T>(c, 1), static_cast<T*>(c.out), c.n);
    return read_output<T>(c);
  }
};
template <class T, class A>
struct KernelSig<void (*)(const T*, A*, std::size_t)> {  // neg, abs, sqrt, reciprocal, square, cumsum
  static constexpr int arity = 1;
  static constexpr std::size_t out_bytes = sizeof(A);
  static Outcome call(void (*f)(const T*, A*, std::size_t), const Call& c) {
    f(input<T>(c, 0), static_cast<A*>(c.out), c.n);
    return read_output<A>(c);
  }
};
template <class T>
struct KernelSig<void (*)(const T*, T*, std::size_t, T)> {  // scale, add_scalar, div_scalar
  static constexpr int arity = 1;
  static constexpr std::size_t out_bytes = sizeof(T);
  static Outcome call(void (*f)(const T*, T*, std::size_t, T), const Call& c) {
    f(input<T>(c, 0), static_cast<T*>(c.out), c.n, param<T>(c, 0));
    return read_output<T>(c);
  }
};
template <class T>
struct KernelSig<void (*)(const T*, T*, std::size_t, T, T)> {  // clamp
  static constexpr int arity = 1;
  static constexpr std::size_t out_bytes = sizeof(T);
  static Outcome call(void (*f)(const T*, T*, std::size_t, T, T), const Call& c) {
    f(input<T>(c, 0), static_cast<T*>(c.out), c.n, param<T>(c, 0), param<T>(c, 1));
    return read_output<T>(c);
  }
};
template <class T>
struct KernelSig<void (*)(const T*, const T*, T*, std::size_t, T)> {  // lerp
  static constexpr int arity = 2;
  static constexpr std::size_t out_bytes = sizeof(T);
  static Outcome call(void (*f)(const T*, const T*, T*, std::size_t, T), const Call& c) {
    f(input<T>(c, 0), input<T>(c, 1), static_cast<T*>(c.out), c.n, param<T>(c, 0));
    return read_output<T>(c);
  }
};
template <class T>
struct KernelSig<void (*)(const T*, const T*, const T*, T*, std::size_t)> {  // fma
  static constexpr int arity = 3;
  static constexpr std::size_t out_bytes = sizeof(T);
  static Outcome call(void (*f)(const T*, const T*, const T*, T*, std::size_t), const Call& c) {
    f(input<T>(c, 0), input<T>(c, 1), input<T>(c, 2), static_cast<T*>(c.out), c.n);
    return read_output<T>(c);
  }
};
template <class T>
struct KernelSig<void (*)(const T* const*, std::size_t, const T*, T*,
                          std::size_t)> {  // sum_rows, max_rows...
  static constexpr int arity = 3;
  static constexpr std::size_t out_bytes = sizeof(T);
  // b op (a op b op c op a op b op c op a op b): eight rows (the kernels' unrolled case) onto an accumulator;
  // tensor tests cover k < 8 and the form without one.
  static Outcome call(void (*f)(const T* const*, std::size_t, const T*, T*, std::size_t), const Call& c) {
    const T* rows[8] = {input<T>(c, 0), input<T>(c, 1), input<T>(c, 2), input<T>(c, 0),
                        input<T>(c, 1), input<T>(c, 2), input<T>(c, 0), input<T>(c, 1)};
    f(rows, 8, input<T>(c, 1), static_cast<T*>(c.out), c.n);
    return read_output<T>(c);
  }
};
template <class T>
struct KernelSig<void (*)(const T* const*, const T*, std::size_t, T*, std::size_t)> {  // weighted_sum_rows
  static constexpr int arity = 3;
  static constexpr std::size_t out_bytes = sizeof(T);
  // 1 * a + 2 * b + (-1) * c: exact products, so fused or not the same sums (no_overflow specials).
  static Outcome call(void (*f)(const T* const*, const T*, std::size_t, T*, std::size_t), const Call& c) {
    const T* rows[3] = {input<T>(c, 0), input<T>(c, 1), input<T>(c, 2)};
    const T coef[3] = {T(1), T(2), T(-1)};
    f(rows, coef, 3, static_cast<T*>(c.out), c.n);
    return read_output<T>(c);
  }
};
template <class R, class T>
struct KernelSig<R (*)(const T*,
                       std::size_t)> {  // sum, prod, min, max, max_abs, argmin, argmax, sum_abs, ...
  static constexpr int arity = 1;
  static constexpr std::size_t out_bytes = 0;
  static Outcome call(R (*f)(const T*, std::size_t), const Call& c) { return single(f(input<T>(c, 0), c.n)); }
};
template <class T>
struct KernelSig<T (*)(const T*, const T*, std::size_t)> {  // dot
  static constexpr int arity = 2;
  static constexpr std::size_t out_bytes = 0;
  static Outcome call(T (*f)(const T*, const T*, std::size_t), const Call& c) {
    return single(f(input<T>(c, 0), input<T>(c, 1), c.n));
  }
};
template <class T>
struct KernelSig<T (*)(const T*, const T*, std::size_t, T, T)> {  // centered_dot
  static constexpr int arity = 2;
  static constexpr std::size_t out_bytes = 0;
  static Outcome call(T (*f)(const T*, const T*, std::size_t, T, T), const Call& c) {
    return single(f(input<T>(c, 0), input<T>(c, 1), c.n, param<T>(c, 0), param<T>(c, 1)));
  }
};
template <class T>
struct KernelSig<T (*)(const T*, std::size_t, T)> {  // scaled_sum_squares
  static constexpr int arity = 1;
  static constexpr std::size_t out_bytes = 0;
  static Outcome call(T (*f)(const T*, std::size_t, T), const Call& c) {
    return single(f(input<T>(c, 0), c.n, param<T>(c, 0)));
  }
};

template <class T, class Get>
using KernelPtr = std::remove_cvref_t<decltype(Get{}(std::declval<const trueno::detail::KernelTable<T>&>()))>;

template <class T, class Get>
Outcome run_kernel(Backend b, const Call& c) {
  return KernelSig<KernelPtr<T, Get>>::call(Get{}(trueno::detail::kernels_for<T>(b)), c);
}

// ---- public-function runners ------------------------------------------------------------------------------

template <class U>
Outcome to_outcome(const trueno::Vector<U>& v) {
  return outcome_of(v.data(), v.size());
}
template <class R>
requires std::is_arithmetic_v<R> Outcome to_outcome(R r) { return single(r); }

template <class T>
trueno::Vector<T> make_vector(const Call& c, std::size_t k) {
  if (c.in[k] == nullptr) return {};
  return trueno::Vector<T>(std::span<const T>(input<T>(c, k), c.n));
}

template <class T, class Api>
Outcome run_api(const Call& c) {
  const trueno::Vector<T> a = make_vector<T>(c, 0), b = make_vector<T>(c, 1), x = make_vector<T>(c, 2);
  const std::array<T, 2> p = {param<T>(c, 0), param<T>(c, 1)};
  try {
    return to_outcome(Api{}(a, b, x, p));
  } catch (const trueno::error& e) {
    Outcome o;
    o.error = std::string(typeid(e).name()) + ": " + e.what();
    return o;
  }
}

template <class T, class Api>
constexpr bool api_accepts = std::is_invocable_v<Api, const trueno::Vector<T>&, const trueno::Vector<T>&,
                                                 const trueno::Vector<T>&, const std::array<T, 2>&>;

// ---- descriptors from one line ----------------------------------------------------------------------------

// Everything a line may add to name, types, exactness, kernel and public function.
struct Extras {
  ToleranceFn tolerance = nullptr;
  const ParamSets* params = nullptr;
  Domain domain = Domain::general;
  Specials specials = Specials::all;  // both dense and single
  Specials dense = Specials::all;     // dense only, when narrower than `specials`
  std::size_t min_length = 0;
  int arity = 0;  // ops without a kernel: the number of input vectors
  bool chained = false;
};

template <class T, class Api>
void set_api(OpInfo& op, Api /*api*/) {
  if constexpr (api_accepts<T, Api>) op.api[index(dtype_of<T>)] = &run_api<T, Api>;
}

template <class T, class Get>
void set_kernel(OpInfo& op, Get /*get*/) {
  using Sig = KernelSig<KernelPtr<T, Get>>;
  op.arity = Sig::arity;
  if (Get{}(trueno::detail::kernels_for<T>(Backend::scalar)) != nullptr) {
    op.kernel[index(dtype_of<T>)] = &run_kernel<T, Get>;
    op.out_bytes[index(dtype_of<T>)] = Sig::out_bytes;
  }
}

OpInfo describe(std::string name, Kind kind, DTypeSet dtypes, Exactness ex, const Extras& x) {
  OpInfo op;
  op.name = std::move(name);
  op.dtypes = dtypes;
  op.kind = kind;
  op.exactness = ex;
  op.tolerance = x.tolerance;
  op.domain = x.domain;
  op.single_specials = x.specials;
  op.dense_specials = x.dense == Specials::all ? x.specials : x.dense;
  op.params = x.params;
  op.min_length = x.min_length;
  op.arity = x.arity == 0 ? 1 : x.arity;
  op.chained = x.chained;
  return op;
}

// An op with a dispatched kernel (`get` picks it from a KernelTable) and, usually, a public function.
template <class Get, class Api>
OpInfo op(std::string name, Kind kind, DTypeSet dtypes, Exactness ex, Get get, Api api,
          const Extras& x = {}) {
  OpInfo o = describe(std::move(name), kind, dtypes, ex, x);
  set_kernel<float>(o, get);
  set_kernel<double>(o, get);
  set_kernel<std::int32_t>(o, get);
  set_kernel<std::int64_t>(o, get);
  set_api<float>(o, api);
  set_api<double>(o, api);
  set_api<std::int32_t>(o, api);
  set_api<std::int64_t>(o, api);
  return o;
}
// An op that only has a public function (statistics composed of kernels).
template <class Api>
OpInfo api_op(std::string name, DTypeSet dtypes, Exactness ex, Api api, const Extras& x = {}) {
  OpInfo o = describe(std::move(name), Kind::whole, dtypes, ex, x);
  set_api<float>(o, api);
  set_api<double>(o, api);
  set_api<std::int32_t>(o, api);
  set_api<std::int64_t>(o, api);
  return o;
}
// No public function.
struct NoApi {
  void operator()() const {}
};

// KERNEL(add): picks KernelTable<T>::add. API(expr): the public call, given Vectors a, b, c and parameters
// p[0], p[1]; it is simply absent for the element types the public function rejects (trueno::sqrt on int32).
#define KERNEL(field) [](const auto& table) { return table.field; }
#define API(...)                                                                                     \
  []([[maybe_unused]] const auto& a, [[maybe_unused]] const auto& b, [[maybe_unused]] const auto& c, \
     [[maybe_unused]] const auto& p) -> decltype(__VA_ARGS__) { return __VA_ARGS__; }

// The public-function equivalent of the fold-rows kernels' call above: eight rows (a, b, c, a, b, c, a, b)
// folded left to right with f, then f(b, that). (A macro: Clang 14 crashes on a generic lambda here.)
#define FOLD8(f, a, b, c) f(b, f(f(f(f(f(f(f(a, b), c), a), b), c), a), b))

// ---- error bounds -----------------------------------------------------------------------------------------
// Each kernel's rounding error is bounded the usual way; two backends may differ by the sum of their two
// bounds. The pairwise sums of reduce-inl.hpp round at most depth(n) = ceil(log2 n) + 2 times along any path
// (leaf chains of 4, a tree of 8 accumulators, the horizontal reduction), so each backend is within depth(n)
// * eps * sum|x| of the exact sum (eps rather than the unit roundoff eps/2: a factor 2 of slack for the
// second-order terms).

long double depth(std::size_t n) {
  return std::ceil(std::log2(static_cast<long double>(std::max<std::size_t>(n, 2)))) + 2;
}
long double finite_or_zero(long double v) { return std::isfinite(v) ? v : 0; }

long double abs_sum(const std::vector<long double>& x) {
  long double s = 0;
  for (long double v : x) s += finite_or_zero(std::fabs(v));
  return s;
}

// Two-pass statistics in long double over the finite elements (bounds only need magnitudes).
struct Moments {
  long double mean = 0, abs_mean = 0, m2 = 0;  // m2: sum of squared deviations
};
Moments moments(const std::vector<long double>& x) {
  Moments m;
  if (x.empty()) return m;
  long double s = 0;
  for (long double v : x) s += finite_or_zero(v);
  m.mean = s / static_cast<long double>(x.size());
  m.abs_mean = abs_sum(x) / static_cast<long double>(x.size());
  for (long double v : x) m.m2 += finite_or_zero((v - m.mean) * (v - m.mean));
  return m;
}

// Between-backend bound of a pairwise sum of terms t with sum|t| = abs_terms.
long double sum_bound(const Inputs& in, long double abs_terms) {
  return 2 * depth(in.n) * in.eps * abs_terms;
}
// Between-backend bound of a mean (the sum's, divided, plus the division's rounding).
long double mean_bound(const Inputs& in, const std::vector<long double>& x) {
  const long double n = static_cast<long double>(std::max<std::size_t>(in.n, 1));
  const Moments m = moments(x);
  return sum_bound(in, abs_sum(x)) / n + 2 * in.eps * std::fabs(m.mean);
}
// Between-backend bound of sum((x - mx)(y - my)) / (n - ddof), the centred sum with computed means: the
// means' errors dx, dy add n*dx*dy (the first-order terms cancel, sum(x - mx) = 0); the subtractions and the
// pairwise sum round (depth + 2) times; products of tiny deviations underflow by at most tiny each.
long double centered_bound(const Inputs& in, const std::vector<long double>& x,
                           const std::vector<long double>& y, std::size_t ddof) {
  const long double n = static_cast<long double>(in.n);
  const Moments mx = moments(x), my = moments(y);
  long double abs_cross = 0;
  for (std::size_t i = 0; i < in.n; ++i)
    abs_cross += finite_or_zero(std::fabs((x[i] - mx.mean) * (y[i] - my.mean)));
  const long double dx = (depth(in.n) + 1) * in.eps * mx.abs_mean;
  const long double dy = (depth(in.n) + 1) * in.eps * my.abs_mean;
  const long double per_backend = (depth(in.n) + 3) * in.eps * abs_cross + n * dx * dy + n * in.tiny;
  return 2 * per_backend / (n - static_cast<long double>(ddof));
}
long double variance(const std::vector<long double>& x, std::size_t ddof) {
  return moments(x).m2 / static_cast<long double>(x.size() - ddof);
}
// |sqrt(v1) - sqrt(v2)| = |v1 - v2| / (sqrt(v1) + sqrt(v2)) <= bound_v / sqrt(v1), plus the rounding of sqrt.
long double sqrt_bound(long double bound_v, long double v, const Inputs& in) {
  const long double s = std::sqrt(v);
  return (s > 0 ? bound_v / s : std::sqrt(bound_v)) + 2 * in.eps * s;
}

void tol_sum(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  b[0] = sum_bound(in, abs_sum(in.x[0]));
}
void tol_mean(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  b[0] = mean_bound(in, in.x[0]);
}
// Products: each backend is within (n - 1) * (eps/2) relative of the exact product; once a partial product is
// denormal each multiply by a factor near 1 adds at most tiny / 2 (times the remaining factors, below e^2).
void tol_prod(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  long double p = 1;
  for (long double v : in.x[0]) p *= finite_or_zero(v);
  const auto n = static_cast<long double>(in.n);
  b[0] = 2 * n * in.eps * std::fabs(p) + 8 * n * in.tiny;
}
// dot: pairwise sum of products (one rounding more where the multiply-add is not fused, and tiny per
// underflowing product).
void tol_dot(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  long double abs_terms = 0;
  for (std::size_t i = 0; i < in.n; ++i) abs_terms += finite_or_zero(std::fabs(in.x[0][i] * in.x[1][i]));
  b[0] = 2 * (depth(in.n) + 1) * in.eps * abs_terms + 2 * static_cast<long double>(in.n) * in.tiny;
}
// centered_dot kernel with given means p[0], p[1]: sum((a - p0)(b - p1)).
void tol_centered_dot(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  long double abs_terms = 0;
  for (std::size_t i = 0; i < in.n; ++i) {
    abs_terms += finite_or_zero(std::fabs((in.x[0][i] - in.p[0]) * (in.x[1][i] - in.p[1])));
  }
  b[0] = 2 * (depth(in.n) + 3) * in.eps * abs_terms + 2 * static_cast<long double>(in.n) * in.tiny;
}
// scaled_sum_squares kernel: sum((a / s)^2): a division, a square, the sum.
void tol_scaled_sum_squares(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  long double abs_terms = 0;
  for (long double v : in.x[0]) abs_terms += finite_or_zero((v / in.p[0]) * (v / in.p[0]));
  b[0] = 2 * (depth(in.n) + 3) * in.eps * abs_terms + 2 * static_cast<long double>(in.n) * in.tiny;
}
// norm_l2 = sqrt(dot(a, a)), or max|a| * sqrt(sum((a / max|a|)^2)) when that under- or overflows: relative
// error (depth + 3) * eps per backend on either path.
void tol_norm_l2(const Inputs& in, const Outcome& ref, std::vector<long double>& b) {
  b[0] = 2 * (depth(in.n) + 3) * in.eps * std::fabs(finite_or_zero(ref.value(0).value)) + 4 * in.tiny;
}
// cumsum: element i is a sum of i + 1 terms; any summation order is within i * (eps/2) * sum|x[0..i]|.
void tol_cumsum(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  long double prefix = 0;
  for (std::size_t i = 0; i < in.n; ++i) {
    prefix += finite_or_zero(std::fabs(in.x[0][i]));
    b[i] = static_cast<long double>(i) * in.eps * prefix;
  }
}
// fma where the backend does not fuse: fl(fl(a*b) + c) vs the fused fma(a, b, c) differ by at most
// eps * (|ab| + |ab + c|) (+ tiny for an underflowing product); a product beyond the largest finite value
// overflows only unfused: then anything goes.
long double unfused_bound(const Inputs& in, long double a, long double b, long double c) {
  const long double ab = a * b;
  if (!std::isfinite(ab) || !std::isfinite(c)) return 0;  // same classification on both
  if (std::fabs(ab) >= in.max / 2 || std::fabs(ab + c) >= in.max / 2) return kUnbounded;
  return in.eps * (std::fabs(ab) + std::fabs(ab + c)) + in.tiny;
}
void tol_fma(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  for (std::size_t i = 0; i < in.n; ++i) b[i] = unfused_bound(in, in.x[0][i], in.x[1][i], in.x[2][i]);
}
// lerp: fma(t, b - a, a) for |t| < 0.5, else fma(b - a, -(1 - t), b); SSE2 rounds the products separately.
void tol_lerp(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  const long double t = in.p[0];
  const long double w = -in.round(1 - t);
  for (std::size_t i = 0; i < in.n; ++i) {
    const long double d = in.round(in.x[1][i] - in.x[0][i]);
    b[i] = std::fabs(t) < 0.5L ? unfused_bound(in, t, d, in.x[0][i]) : unfused_bound(in, d, w, in.x[1][i]);
  }
}
template <std::size_t Ddof>
void tol_var(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  b[0] = in.n > Ddof ? centered_bound(in, in.x[0], in.x[0], Ddof) : 0;
}
template <std::size_t Ddof>
void tol_std(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  b[0] =
      in.n > Ddof ? sqrt_bound(centered_bound(in, in.x[0], in.x[0], Ddof), variance(in.x[0], Ddof), in) : 0;
}
void tol_cov(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  b[0] = in.n > 1 ? centered_bound(in, in.x[0], in.x[1], 1) : 0;
}
// r = c / sqrt(va * vb): the covariance's absolute bound scaled, the variances' relative bounds halved.
void tol_corrcoef(const Inputs& in, const Outcome& ref, std::vector<long double>& b) {
  if (in.n < 2) return;
  const long double va = variance(in.x[0], 0), vb = variance(in.x[1], 0);
  const long double r = std::fabs(finite_or_zero(ref.value(0).value));
  const long double bc = centered_bound(in, in.x[0], in.x[1], 0);
  const long double ba = centered_bound(in, in.x[0], in.x[0], 0),
                    bb = centered_bound(in, in.x[1], in.x[1], 0);
  b[0] = bc / std::sqrt(va * vb) + r * (ba / va + bb / vb) / 2 + 4 * in.eps * r;
}
// z = (x - m) * (1 / s): the mean's and the std's bounds propagated, plus three roundings.
template <std::size_t Ddof>
void tol_zscore(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  if (in.n <= Ddof) return;
  const Moments m = moments(in.x[0]);
  const long double s = std::sqrt(variance(in.x[0], Ddof));
  const long double bm = mean_bound(in, in.x[0]);
  const long double bs = sqrt_bound(centered_bound(in, in.x[0], in.x[0], Ddof), s * s, in);
  for (std::size_t i = 0; i < in.n; ++i) {
    const long double z = std::fabs((in.x[0][i] - m.mean) / s);
    b[i] = bm / s + finite_or_zero(z) * (bs / s + 4 * in.eps) + in.tiny;
  }
}
// a * (1 / norm): the norm's relative bound plus two roundings.
void tol_normalize(const Inputs& in, const Outcome& /*ref*/, std::vector<long double>& b) {
  long double ss = 0;
  for (long double v : in.x[0]) ss += finite_or_zero(v * v);
  const long double norm = std::sqrt(ss);
  const long double rel = 2 * (depth(in.n) + 3) * in.eps + 3 * in.eps;
  for (std::size_t i = 0; i < in.n; ++i) b[i] = finite_or_zero(std::fabs(in.x[0][i]) / norm) * rel + in.tiny;
}

// ---- parameter sets ---------------------------------------------------------------------------------------

constexpr long double kInf = std::numeric_limits<long double>::infinity();
constexpr long double kNaN = std::numeric_limits<long double>::quiet_NaN();
const long double kTinyF = std::numeric_limits<float>::denorm_min();  // denormal in float, tiny in double
constexpr long double kI32Max = std::numeric_limits<std::int32_t>::max();
constexpr long double kI32Min = std::numeric_limits<std::int32_t>::min();

const ParamSets kScale{{{2}, {-0.5L}, {0}, {-0.0L}, {1e-3L}, {3}, {kInf}, {-kInf}, {kNaN}, {kTinyF}, {1e30L}},
                       {{3}, {-1}, {0}, {kI32Max}, {kI32Min}, {65537}}};
const ParamSets kAddScalar{{{1}, {-0.0L}, {0}, {-1.5L}, {kInf}, {-kInf}, {kNaN}, {1e30L}, {kTinyF}},
                           {{5}, {-7}, {0}, {kI32Max}, {kI32Min}}};
const ParamSets kDivScalar{{{3}, {-0.0L}, {0}, {kInf}, {kNaN}, {0.1L}, {kTinyF}, {-7}}, {}};
const ParamSets kClamp{{{-0.5L, 0.5L},
                        {0, 0},
                        {-0.0L, 0},
                        {-0.0L, -0.0L},
                        {0, 0},
                        {-kInf, kInf},
                        {1, 1},
                        {-kInf, -1},
                        {0.25L, kInf},
                        {-kTinyF, kTinyF}},
                       {{-3, 5}, {0, 0}, {kI32Min, kI32Max}, {-1000000, 7}, {-1, -1}}};
const ParamSets kLerp{{{0}, {0.25L}, {-0.3L}, {0.4999L}, {0.5L}, {0.75L}, {1}, {1.5L}, {-2}, {kNaN}, {kInf}},
                      {}};
const ParamSets kMeans{{{0, 0}, {0.5L, -0.25L}, {-1e-3L, 2}, {kTinyF, 0}, {3, 3}}, {}};
const ParamSets kScaleDivisor{{{1}, {0.5L}, {3}, {1e3L}, {0.1L}}, {}};
const ParamSets kLeakySlope{{{0.01L}, {0.2L}, {-0.5L}, {0}, {1}, {kInf}, {kNaN}}, {}};

// ---- the table ------------------------------------------------------------------------------------------

constexpr Kind lanewise = Kind::lanewise;
constexpr Kind whole = Kind::whole;
constexpr Exactness exact = Exactness::exact;
constexpr Exactness fused = Exactness::fused;
constexpr Exactness bounded = Exactness::bounded;
constexpr NoApi no_api{};

// A bounded op's extras: its error bound, and special values that cannot overflow in some summation orders
// only.
Extras within(ToleranceFn tolerance) { return {.tolerance = tolerance, .specials = Specials::no_overflow}; }

std::vector<OpInfo> build_table() {
  return {
      // Element-wise, exactly rounded.
      op("add", lanewise, kAllTypes, exact, KERNEL(add), API(trueno::add(a, b))),
      op("sub", lanewise, kAllTypes, exact, KERNEL(sub), API(trueno::sub(a, b))),
      op("mul", lanewise, kAllTypes, exact, KERNEL(mul), API(trueno::mul(a, b))),
      op("div", lanewise, kAllTypes, exact, KERNEL(div), API(trueno::div(a, b))),  // ints: API, to float64
      op("minimum", lanewise, kAllTypes, exact, KERNEL(minimum), API(trueno::minimum(a, b))),
      op("maximum", lanewise, kAllTypes, exact, KERNEL(maximum), API(trueno::maximum(a, b))),
      op("sum_rows", lanewise, kAllTypes, exact, KERNEL(sum_rows), API(FOLD8(trueno::add, a, b, c)),
         {.chained = true}),
      op("max_rows", lanewise, kAllTypes, exact, KERNEL(max_rows), API(FOLD8(trueno::maximum, a, b, c))),
      op("min_rows", lanewise, kAllTypes, exact, KERNEL(min_rows), API(FOLD8(trueno::minimum, a, b, c))),
      op("neg", lanewise, kAllTypes, exact, KERNEL(neg), API(trueno::neg(a))),
      op("abs", lanewise, kAllTypes, exact, KERNEL(abs), API(trueno::abs(a))),
      op("square", lanewise, kAllTypes, exact, KERNEL(square), API(trueno::square(a))),
      op("sqrt", lanewise, kFloats, exact, KERNEL(sqrt), API(trueno::sqrt(a))),
      op("reciprocal", lanewise, kFloats, exact, KERNEL(reciprocal), API(trueno::reciprocal(a))),
      op("scale", lanewise, kAllTypes, exact, KERNEL(scale), API(trueno::scale(a, p[0])),
         {.params = &kScale}),
      op("add_scalar", lanewise, kAllTypes, exact, KERNEL(add_scalar), API(trueno::add_scalar(a, p[0])),
         {.params = &kAddScalar}),
      op("div_scalar", lanewise, kFloats, exact, KERNEL(div_scalar), no_api, {.params = &kDivScalar}),
      op("clamp", lanewise, kAllTypes, exact, KERNEL(clamp), API(trueno::clamp(a, p[0], p[1])),
         {.params = &kClamp}),
      // Element-wise with a multiply-add: fused (exact) except on SSE2.
      op("fma", lanewise, kFloats, fused, KERNEL(fma), API(trueno::fma(a, b, c)), {.tolerance = tol_fma}),
      op("weighted_sum_rows", lanewise, kFloats, exact, KERNEL(weighted_sum_rows),
         API(trueno::sub(trueno::add(a, trueno::add(b, b)), c)),
         {.specials = Specials::no_overflow, .chained = true}),
      op("lerp", lanewise, kFloats, fused, KERNEL(lerp), API(trueno::lerp(a, b, p[0])),
         {.tolerance = tol_lerp, .params = &kLerp}),
      // Rounding and the piecewise-linear activations (vector/activation.hpp): exactly rounded.
      op("floor", lanewise, kFloats, exact, KERNEL(floor), API(trueno::floor(a))),
      op("ceil", lanewise, kFloats, exact, KERNEL(ceil), API(trueno::ceil(a))),
      op("round", lanewise, kFloats, exact, KERNEL(round), API(trueno::round(a))),
      op("rint", lanewise, kFloats, exact, KERNEL(rint), API(trueno::rint(a))),
      op("trunc", lanewise, kFloats, exact, KERNEL(trunc), API(trueno::trunc(a))),
      op("fract", lanewise, kFloats, exact, KERNEL(fract), API(trueno::fract(a))),
      op("sign", lanewise, kFloats, exact, KERNEL(sign), API(trueno::sign(a))),
      op("copysign", lanewise, kFloats, exact, KERNEL(copysign), API(trueno::copysign(a, b))),
      op("relu", lanewise, kFloats, exact, KERNEL(relu), API(trueno::relu(a))),
      op("relu6", lanewise, kFloats, exact, KERNEL(relu6), API(trueno::relu6(a))),
      op("leaky_relu", lanewise, kFloats, exact, KERNEL(leaky_relu), API(trueno::leaky_relu(a, p[0])),
         {.params = &kLeakySlope}),
      op("hard_sigmoid", lanewise, kFloats, exact, KERNEL(hard_sigmoid), API(trueno::hard_sigmoid(a))),
      op("hardswish", lanewise, kFloats, exact, KERNEL(hardswish), API(trueno::hardswish(a))),
      op("softsign", lanewise, kFloats, exact, KERNEL(softsign), API(trueno::softsign(a))),
      // Reductions: extrema are exact, sums are bounded.
      op("min", whole, kAllTypes, exact, KERNEL(min), API(trueno::min(a)), {.min_length = 1}),
      op("max", whole, kAllTypes, exact, KERNEL(max), API(trueno::max(a)), {.min_length = 1}),
      op("argmin", whole, kAllTypes, exact, KERNEL(argmin), API(trueno::argmin(a)), {.min_length = 1}),
      op("argmax", whole, kAllTypes, exact, KERNEL(argmax), API(trueno::argmax(a)), {.min_length = 1}),
      op("norm_linf", whole, kFloats, exact, KERNEL(max_abs), API(trueno::norm_linf(a)), {.min_length = 1}),
      op("all_finite", whole, kFloats, exact, KERNEL(all_finite), API(trueno::all_finite(a))),
      op("sum", whole, kAllTypes, bounded, KERNEL(sum), API(trueno::sum(a)), within(tol_sum)),
      op("norm_l1", whole, kFloats, bounded, KERNEL(sum_abs), API(trueno::norm_l1(a)), within(tol_sum)),
      op("prod", whole, kAllTypes, bounded, KERNEL(prod), API(trueno::prod(a)),
         {.tolerance = tol_prod,
          .domain = Domain::near_one,
          .specials = Specials::no_overflow,
          .dense = Specials::no_extremes}),
      op("dot", whole, kAllTypes, bounded, KERNEL(dot), API(trueno::dot(a, b)), within(tol_dot)),
      op("centered_dot", whole, kFloats, bounded, KERNEL(centered_dot), no_api,
         {.tolerance = tol_centered_dot, .params = &kMeans, .specials = Specials::no_overflow}),
      op("scaled_sum_squares", whole, kFloats, bounded, KERNEL(scaled_sum_squares), no_api,
         {.tolerance = tol_scaled_sum_squares, .params = &kScaleDivisor, .specials = Specials::no_overflow}),
      op("cumsum", whole, kAllTypes, bounded, KERNEL(cumsum), API(trueno::cumsum(a)), within(tol_cumsum)),
      // Statistics (public functions composed of the kernels above).
      api_op("norm_l2", kFloats, bounded, API(trueno::norm_l2(a)), within(tol_norm_l2)),
      api_op("mean", kAllTypes, bounded, API(trueno::mean(a)), within(tol_mean)),
      api_op("var", kAllTypes, bounded, API(trueno::var(a)), within(tol_var<0>)),
      api_op("var_ddof1", kFloats, bounded, API(trueno::var(a, trueno::ddof(1))), within(tol_var<1>)),
      api_op("std", kAllTypes, bounded, API(trueno::std(a)), within(tol_std<0>)),
      api_op("std_ddof1", kFloats, bounded, API(trueno::std(a, trueno::ddof(1))), within(tol_std<1>)),
      api_op("cov", kFloats, bounded, API(trueno::cov(a, b)),
             {.tolerance = tol_cov, .specials = Specials::no_overflow, .arity = 2}),
      api_op("corrcoef", kFloats, bounded, API(trueno::corrcoef(a, b)),
             {.tolerance = tol_corrcoef, .specials = Specials::no_overflow, .arity = 2}),
      api_op("zscore", kFloats, bounded, API(trueno::zscore(a)), within(tol_zscore<0>)),
      api_op("normalize", kFloats, bounded, API(trueno::normalize(a)), within(tol_normalize)),
      api_op("minmax_normalize", kFloats, exact, API(trueno::minmax_normalize(a))),
  };
}

#undef FOLD8
#undef API
#undef KERNEL

}  // namespace

const std::vector<OpInfo>& op_table() {
  static const std::vector<OpInfo> table = build_table();
  return table;
}

std::vector<OpOnBackend> ops_on_backends(Entry entry) {
  std::vector<OpOnBackend> out;
  for (const OpInfo& op : op_table()) {
    for (DType d : kDTypes) {
      if (!op.has(d)) continue;
      const bool has_kernel = op.kernel[index(d)] != nullptr;
      const bool wanted = entry == Entry::api                  ? op.api[index(d)] != nullptr
                          : entry == Entry::kernel             ? has_kernel
                          : entry == Entry::kernel_with_output ? has_kernel && op.out_bytes[index(d)] != 0
                                                               : has_kernel && op.kind == Kind::lanewise;
      if (!wanted) continue;
      const bool compares = entry == Entry::kernel || entry == Entry::api;
      for (trueno::Backend b : available_backends()) {
        if (!(compares && b == trueno::Backend::scalar)) out.push_back({&op, d, b});
      }
    }
  }
  return out;
}

std::string param_name(const OpOnBackend& p) {
  return p.op->name + "_" + std::string(name(p.dtype)) + "_on_" + std::string(trueno::to_string(p.backend));
}

void PrintTo(const OpOnBackend& p, std::ostream* os) { *os << param_name(p); }

}  // namespace trueno_test::backend
