// trueno — matrix products on tensors: matmul (NumPy semantics: 1-D and 2-D operands, batched N-d with
// broadcast batch axes), linalg::gemm, dot, vdot, inner, outer, matvec, vecmat. float and double. Every
// product goes to the packed, register-blocked, multi-threaded GEMM kernel (simd/gemm-inl.hpp); operands are
// read through their strides (a transposed view is not copied).
#pragma once

#include "../tensor/elementwise.hpp"
#include "../tensor/reduce.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

template <class T>
void check_matmul_out(const T& out) {
  check_writable_output(out);
}
template <class O, class I>
void check_no_overlap(const O& out, const I& in) {
  if (out.extent().overlaps(in.extent())) {
    throw value_error("matmul: the output overlaps an input; write into a separate tensor");
  }
}

inline std::string gufunc_mismatch(std::size_t operand, std::size_t got, std::size_t want) {
  return "matmul: Input operand " + std::to_string(operand) +
         " has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size " +
         std::to_string(got) + " is different from " + std::to_string(want) + ")";
}

/// Set by the GPU layer (trueno/gpu/routing.hpp) where it is included: offers a float 2-D product to the GPU;
/// true when it wrote `out` there (above the routing threshold), false to compute it here.
using GpuMatmulRoute = bool (*)(const Tensor<const float, 2>& a, const Tensor<const float, 2>& b,
                                const Tensor<float, 2>& out);
inline GpuMatmulRoute gpu_matmul_route = nullptr;

/// c = alpha * a @ b + beta * c for 2-D views (any strides).
template <class T, class A, class B>
void gemm_views(T alpha, const A& a, const B& b, T beta, const Tensor<T, 2>& c) {
  GemmArgs<T> g{c.shape()[0],   c.shape()[1],   a.shape()[1],   alpha,          a.data(),
                a.strides()[0], a.strides()[1], b.data(),       b.strides()[0], b.strides()[1],
                beta,           c.data(),       c.strides()[0], c.strides()[1]};
  kernels<T>().gemm(g);
}

template <std::size_t A, std::size_t B>
inline constexpr std::size_t matmul_rank_v = (A == 1 && B == 1) ? 0
                                             : A == 1           ? B - 1
                                             : B == 1           ? A - 1
                                                                : (A > B ? A : B);

/// Result shape of matmul, checking the core dimensions (NumPy's messages).
template <std::size_t A, std::size_t B>
Shape<matmul_rank_v<A, B>> matmul_shape(const Shape<A>& a, const Shape<B>& b) {
  constexpr std::size_t R = matmul_rank_v<A, B>;
  const std::size_t ka = a[A - 1];
  const std::size_t kb = B == 1 ? b[0] : b[B - 2];
  if (ka != kb) throw shape_error(gufunc_mismatch(1, kb, ka));
  Shape<R> s{};
  if constexpr (A == 1 && B == 1) {
    return s;
  } else if constexpr (A == 1) {
    for (std::size_t i = 0; i + 2 < B; ++i) s[i] = b[i];
    s[R - 1] = b[B - 1];
  } else if constexpr (B == 1) {
    for (std::size_t i = 0; i + 1 < A; ++i) s[i] = a[i];
  } else {
    Shape<A - 2> ba{};
    Shape<B - 2> bb{};
    for (std::size_t i = 0; i + 2 < A; ++i) ba[i] = a[i];
    for (std::size_t i = 0; i + 2 < B; ++i) bb[i] = b[i];
    const auto batch = broadcast_shapes<R - 2>(ba, bb);
    for (std::size_t i = 0; i + 2 < R; ++i) s[i] = batch[i];
    s[R - 2] = a[A - 2];
    s[R - 1] = b[B - 1];
  }
  return s;
}

// Views of a and b as rank-R' stacks of matrices (1-D operands get a unit axis), broadcast to the batch.
template <class T, std::size_t A, std::size_t B, std::size_t R>
void matmul_into(const Tensor<const T, A>& a, const Tensor<const T, B>& b, const Tensor<T, R>& out) {
  // Promote 1-D operands to matrices: a as (1, k), b as (k, 1).
  constexpr std::size_t A2 = A == 1 ? 2 : A, B2 = B == 1 ? 2 : B;
  Tensor<const T, A2> am = [&] {
    if constexpr (A == 1)
      return a.unsqueeze(0);
    else
      return a;
  }();
  Tensor<const T, B2> bm = [&] {
    if constexpr (B == 1)
      return b.unsqueeze(1);
    else
      return b;
  }();
  constexpr std::size_t RB = (A2 > B2 ? A2 : B2) - 2;  // batch rank
  const std::size_t m = am.shape()[A2 - 2], n = bm.shape()[B2 - 1];
  // The output as a (batch..., m, n) view.
  Shape<RB + 2> os{};
  Strides<RB + 2> ost{};
  {
    Shape<A2 - 2> ba{};
    Shape<B2 - 2> bb{};
    for (std::size_t i = 0; i + 2 < A2; ++i) ba[i] = am.shape()[i];
    for (std::size_t i = 0; i + 2 < B2; ++i) bb[i] = bm.shape()[i];
    const auto batch = broadcast_shapes<RB>(ba, bb);
    for (std::size_t i = 0; i < RB; ++i) os[i] = batch[i];
    os[RB] = m;
    os[RB + 1] = n;
    // Map out's axes: drop the unit axes the 1-D promotion added.
    std::size_t k = 0;
    for (std::size_t i = 0; i < RB; ++i) ost[i] = out.strides()[k++];
    ost[RB] = A == 1 ? 0 : out.strides()[k++];
    ost[RB + 1] = B == 1 ? 0 : out.strides()[k++];
  }
  const Tensor<T, RB + 2> o{view_parts, out.storage(), os, ost};
  Shape<RB + 2> as = os, bs = os;
  as[RB + 1] = am.shape()[A2 - 1];
  bs[RB] = bm.shape()[B2 - 2];
  const auto ab = am.broadcast_to_shape(as);
  const auto bb = bm.broadcast_to_shape(bs);
  std::size_t batches = 1;
  for (std::size_t i = 0; i < RB; ++i) batches *= os[i];
  for (std::size_t t = 0; t < batches; ++t) {
    std::ptrdiff_t oa = 0, ob = 0, oo = 0;
    std::size_t rest = t;
    for (std::size_t i = RB; i-- > 0;) {
      const auto idx = static_cast<std::ptrdiff_t>(rest % os[i]);
      rest /= os[i];
      oa += idx * ab.strides()[i];
      ob += idx * bb.strides()[i];
      oo += idx * o.strides()[i];
    }
    const Tensor<const T, 2> a2{view_parts,
                                std::shared_ptr<const T>(ab.storage(), ab.data() + oa),
                                {m, as[RB + 1]},
                                {ab.strides()[RB], ab.strides()[RB + 1]}};
    const Tensor<const T, 2> b2{view_parts,
                                std::shared_ptr<const T>(bb.storage(), bb.data() + ob),
                                {bs[RB], n},
                                {bb.strides()[RB], bb.strides()[RB + 1]}};
    const Tensor<T, 2> c2{view_parts,
                          std::shared_ptr<T>(o.storage(), o.data() + oo),
                          {m, n},
                          {o.strides()[RB], o.strides()[RB + 1]}};
    gemm_views<T>(T(1), a2, b2, T(0), c2);
  }
}

}  // namespace detail

/// NumPy's matmul: 2-D x 2-D -> (m, n); 1-D operands are promoted (a as a row, b as a column) and the added
/// axis removed; N-d operands are stacks of matrices with broadcast batch axes. shape_error on a core
/// dimension mismatch, worded as NumPy's.
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>&& std::floating_point<detail::elem_t<A>>&&
                 detail::rank_v<A> >= 1 &&
         detail::rank_v<B> >=
             1) void matmul(const A& a, const B& b,
                            const Tensor<detail::elem_t<A>,
                                         detail::matmul_rank_v<detail::rank_v<A>, detail::rank_v<B>>>& out) {
  using T = detail::elem_t<A>;
  const auto shape = detail::matmul_shape(a.shape(), b.shape());
  detail::check_out_shape(out.shape(), shape);
  detail::check_writable_output(out);
  detail::check_no_overlap(out, a);
  detail::check_no_overlap(out, b);
  if constexpr (std::same_as<T, float> && detail::rank_v<A> == 2 && detail::rank_v<B> == 2) {
    if (detail::gpu_matmul_route != nullptr && detail::gpu_matmul_route(a, b, out)) return;
  }
  detail::matmul_into<T>(Tensor<const T, detail::rank_v<A>>(a), Tensor<const T, detail::rank_v<B>>(b), out);
}
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>&& std::floating_point<detail::elem_t<A>>&&
                 detail::rank_v<A> >= 1 &&
         detail::rank_v<B> >= 1) [[nodiscard]] auto matmul(const A& a, const B& b) {
  using T = detail::elem_t<A>;
  auto out = detail::empty_tensor<T>(detail::matmul_shape(a.shape(), b.shape()));
  matmul(a, b, out);
  return out;
}

namespace linalg {
/// BLAS gemm: c = alpha * a @ b + beta * c for 2-D tensors (any strides, transposed views included); with
/// beta == 0 c is not read.
template <class T, class TA, class TB>
requires(std::floating_point<T>&& std::same_as<std::remove_const_t<TA>, T>&&
             std::same_as<std::remove_const_t<TB>, T>) void gemm(std::type_identity_t<T> alpha,
                                                                 const Tensor<TA, 2>& a,
                                                                 const Tensor<TB, 2>& b,
                                                                 std::type_identity_t<T> beta,
                                                                 const Tensor<T, 2>& c) {
  if (a.shape()[1] != b.shape()[0]) throw shape_error(detail::gufunc_mismatch(1, b.shape()[0], a.shape()[1]));
  const Shape<2> want{a.shape()[0], b.shape()[1]};
  detail::check_out_shape(c.shape(), want);
  detail::check_writable_output(c);
  detail::check_no_overlap(c, a);
  detail::check_no_overlap(c, b);
  detail::gemm_views<T>(alpha, a, b, beta, c);
}
}  // namespace linalg

/// Inner product of two 1-D tensors (np.dot of vectors).
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>&& std::floating_point<detail::elem_t<A>>&&
                 detail::rank_v<A> == 1 &&
         detail::rank_v<B> == 1) [[nodiscard]] detail::elem_t<A> dot(const A& a, const B& b) {
  if (a.shape()[0] != b.shape()[0]) {
    throw shape_error("shapes " + detail::format_shape(a.shape()) + " and " +
                      detail::format_shape(b.shape()) + " not aligned: " + std::to_string(a.shape()[0]) +
                      " (dim 0) != " + std::to_string(b.shape()[0]) + " (dim 0)");
  }
  const auto ac = a.contiguous();
  const auto bc = b.contiguous();
  return detail::kernels<detail::elem_t<A>>().dot(ac.data(), bc.data(), ac.size());
}
/// np.vdot for real tensors: the dot product of the flattened operands (equal sizes).
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>&& std::floating_point<detail::elem_t<A>>)
    [[nodiscard]] detail::elem_t<A> vdot(const A& a, const B& b) {
  return dot(a.ravel(), b.ravel());
}
/// np.inner of 1-D tensors (the same as dot).
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>&& std::floating_point<detail::elem_t<A>>&&
                 detail::rank_v<A> == 1 &&
         detail::rank_v<B> == 1) [[nodiscard]] detail::elem_t<A> inner(const A& a, const B& b) {
  return dot(a, b);
}
/// np.outer: (m,) x (n,) -> (m, n).
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>&& std::floating_point<detail::elem_t<A>>&&
                 detail::rank_v<A> == 1 &&
         detail::rank_v<B> == 1) [[nodiscard]] Tensor<detail::elem_t<A>, 2> outer(const A& a, const B& b) {
  return mul(a.unsqueeze(1), b.unsqueeze(0));
}
/// Matrix-vector product (m, k) x (k,) -> (m,).
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>&& std::floating_point<detail::elem_t<A>>&&
                 detail::rank_v<A> == 2 &&
         detail::rank_v<B> == 1) [[nodiscard]] Tensor<detail::elem_t<A>, 1> matvec(const A& a, const B& b) {
  return matmul(a, b);
}
/// Vector-matrix product (k,) x (k, n) -> (n,).
template <AnyTensor A, AnyTensor B>
requires(std::same_as<detail::elem_t<A>, detail::elem_t<B>>&& std::floating_point<detail::elem_t<A>>&&
                 detail::rank_v<A> == 1 &&
         detail::rank_v<B> == 2) [[nodiscard]] Tensor<detail::elem_t<A>, 1> vecmat(const A& a, const B& b) {
  return matmul(a, b);
}

TRUENO_END_NAMESPACE
