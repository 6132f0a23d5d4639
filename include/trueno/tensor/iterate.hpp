// trueno — the loop engine of element-wise tensor ops: K operands (operand 0 the output) read through their
// strides over one broadcast shape. Axes are ordered by the output's strides, extent-1 axes dropped and
// adjacent axes merged where every operand allows, so a contiguous case becomes one kernel call and a
// broadcast or transposed operand is read in place, never materialised. Rows whose operands are not unit-stride
// go through small stack tiles (gather, contiguous kernel, scatter).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <numeric>

#include "tensor.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

/// Elements per tile of the gather/scatter path (fits L1 with three operands of doubles).
inline constexpr std::size_t kTile = 1024;

/// A coalesced loop nest: `ndim` axes (outermost first), per-operand strides in elements.
template <std::size_t R, std::size_t K>
struct LoopNest {
  std::size_t ndim = 0;
  std::array<std::size_t, R == 0 ? 1 : R> shape{};
  std::array<std::array<std::ptrdiff_t, R == 0 ? 1 : R>, K> strides{};
  std::size_t size = 1;
};

template <std::size_t R, std::size_t K>
LoopNest<R, K> make_loop(const Shape<R>& shape, const std::array<Strides<R>, K>& strides) {
  LoopNest<R, K> L;
  for (auto d : shape) L.size *= d;
  if constexpr (R > 0) {
    // Order axes by the output's stride (largest first), then by the inputs': row-major for a C-order output.
    std::array<std::size_t, R> order{};
    std::iota(order.begin(), order.end(), std::size_t{0});
    auto mag = [](std::ptrdiff_t s) { return s < 0 ? -s : s; };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      for (std::size_t k = 0; k < K; ++k) {
        const auto sx = mag(strides[k][x]), sy = mag(strides[k][y]);
        if (sx != sy) return sx > sy;
      }
      return false;
    });
    for (std::size_t i : order) {
      if (shape[i] == 1) continue;
      const std::size_t n = L.ndim;
      bool merge = n > 0;
      for (std::size_t k = 0; k < K && merge; ++k) {
        merge = L.strides[k][n - 1] == strides[k][i] * static_cast<std::ptrdiff_t>(shape[i]);
      }
      if (merge) {
        L.shape[n - 1] *= shape[i];
        for (std::size_t k = 0; k < K; ++k) L.strides[k][n - 1] = strides[k][i];
      } else {
        L.shape[n] = shape[i];
        for (std::size_t k = 0; k < K; ++k) L.strides[k][n] = strides[k][i];
        ++L.ndim;
      }
    }
  }
  if (L.ndim == 0) {  // a single element (or rank 0)
    L.ndim = 1;
    L.shape[0] = 1;
    for (std::size_t k = 0; k < K; ++k) L.strides[k][0] = 1;
  }
  return L;
}

/// Calls row(ptrs, n, steps) for every innermost row of the nest, in order: ptrs[k] points at operand k's
/// first element of the row, steps[k] is its stride in elements along the row.
template <std::size_t R, std::size_t K, class Row>
void for_each_row(const LoopNest<R, K>& L, const std::array<char*, K>& base,
                  const std::array<std::size_t, K>& elem_bytes, Row&& row) {
  if (L.size == 0) return;
  const std::size_t nd = L.ndim;
  const std::size_t inner = L.shape[nd - 1];
  std::array<std::ptrdiff_t, K> steps{};
  for (std::size_t k = 0; k < K; ++k) steps[k] = L.strides[k][nd - 1];
  std::array<std::size_t, R == 0 ? 1 : R> idx{};
  std::array<char*, K> p = base;
  while (true) {
    row(p, inner, steps);
    std::size_t ax = nd - 1;
    while (true) {
      if (ax == 0) return;
      --ax;
      if (++idx[ax] < L.shape[ax]) {
        for (std::size_t k = 0; k < K; ++k) {
          p[k] += L.strides[k][ax] * static_cast<std::ptrdiff_t>(elem_bytes[k]);
        }
        break;
      }
      for (std::size_t k = 0; k < K; ++k) {
        p[k] -= static_cast<std::ptrdiff_t>(idx[ax] - 1) * L.strides[k][ax] * static_cast<std::ptrdiff_t>(elem_bytes[k]);
      }
      idx[ax] = 0;
    }
  }
}

/// Builds the nest of an element-wise op writing `out` from `inputs` (each already broadcast to out's shape)
/// and runs row(ptrs, n, steps) over it.
template <class Out, class... In, class Row>
void elementwise_loop(const Out& out, Row&& row, const In&... inputs) {
  constexpr std::size_t R = Out::rank;
  constexpr std::size_t K = 1 + sizeof...(In);
  const std::array<Strides<R>, K> strides{out.strides(), inputs.strides()...};
  const auto L = make_loop<R, K>(out.shape(), strides);
  const std::array<char*, K> base{
      reinterpret_cast<char*>(const_cast<std::remove_const_t<typename Out::element_type>*>(out.data())),
      reinterpret_cast<char*>(const_cast<std::remove_const_t<typename In::element_type>*>(inputs.data()))...};
  const std::array<std::size_t, K> bytes{sizeof(typename Out::element_type), sizeof(typename In::element_type)...};
  for_each_row(L, base, bytes, row);
}

}  // namespace detail
TRUENO_END_NAMESPACE
