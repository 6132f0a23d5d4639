// trueno — the loop engine of element-wise tensor ops: K operands (operand 0 the output) read through their
// strides over one broadcast shape. Axes are ordered by the output's strides, extent-1 axes dropped and
// adjacent axes merged where every operand allows, so a contiguous case becomes one kernel call and a
// broadcast or transposed operand is read in place, never materialised. Rows whose operands are not
// unit-stride go through small stack tiles (gather, contiguous kernel, scatter).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <numeric>

#include "../core/stream_hint.hpp"
#include "../core/thread_pool.hpp"
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

/// Element count from which an element-wise loop is split over the thread pool, and the elements per task
/// (fixed, so the split does not depend on the thread count).
inline constexpr std::size_t kParallelMinElements = std::size_t{1} << 18;
inline constexpr std::size_t kParallelTaskElements = std::size_t{1} << 16;

/// Runs row(ptrs, n, steps) for the rows [r0, r1) of the nest (rows: every index of the outer axes, in
/// order).
template <std::size_t R, std::size_t K, class Row>
void run_rows(const LoopNest<R, K>& L, const std::array<char*, K>& base,
              const std::array<std::size_t, K>& elem_bytes, std::size_t r0, std::size_t r1, std::size_t col0,
              std::size_t cols, Row& row) {
  const std::size_t nd = L.ndim;
  std::array<std::ptrdiff_t, K> steps{};
  for (std::size_t k = 0; k < K; ++k) steps[k] = L.strides[k][nd - 1];
  // Position of row r0: its index along each outer axis.
  std::array<std::size_t, R == 0 ? 1 : R> idx{};
  std::array<char*, K> p = base;
  std::size_t rest = r0;
  for (std::size_t ax = nd - 1; ax-- > 0;) {
    idx[ax] = rest % L.shape[ax];
    rest /= L.shape[ax];
    for (std::size_t k = 0; k < K; ++k) {
      p[k] += static_cast<std::ptrdiff_t>(idx[ax]) * L.strides[k][ax] *
              static_cast<std::ptrdiff_t>(elem_bytes[k]);
    }
  }
  for (std::size_t k = 0; k < K; ++k) {
    p[k] += static_cast<std::ptrdiff_t>(col0) * steps[k] * static_cast<std::ptrdiff_t>(elem_bytes[k]);
  }
  for (std::size_t r = r0; r < r1; ++r) {
    row(p, cols, steps);
    for (std::size_t ax = nd - 1; ax-- > 0;) {
      if (++idx[ax] < L.shape[ax]) {
        for (std::size_t k = 0; k < K; ++k) {
          p[k] += L.strides[k][ax] * static_cast<std::ptrdiff_t>(elem_bytes[k]);
        }
        break;
      }
      for (std::size_t k = 0; k < K; ++k) {
        p[k] -= static_cast<std::ptrdiff_t>(idx[ax] - 1) * L.strides[k][ax] *
                static_cast<std::ptrdiff_t>(elem_bytes[k]);
      }
      idx[ax] = 0;
    }
  }
}

/// True when some operand runs along the second-to-last axis with unit stride but not along the last one (a
/// transposed operand): rows are then visited in tiles so that its cache lines are reused across rows.
template <std::size_t R, std::size_t K>
bool transposed_pair(const LoopNest<R, K>& L) {
  if (L.ndim < 2 || L.shape[L.ndim - 2] < 4 || L.shape[L.ndim - 1] < 4) return false;
  for (std::size_t k = 0; k < K; ++k) {
    const auto s = L.strides[k][L.ndim - 2];
    if ((s == 1 || s == -1) && L.strides[k][L.ndim - 1] != 1) return true;
  }
  return false;
}

/// Tile extents of the transposed path: kTileRows rows of kTileCols elements keep every operand's lines of a
/// tile in L1 (a transposed operand touches kTileCols lines, each reused by kTileRows rows).
inline constexpr std::size_t kTileRows = 16;
inline constexpr std::size_t kTileCols = 128;

template <std::size_t R, std::size_t K, class Row>
void for_each_row_tiled(const LoopNest<R, K>& L, const std::array<char*, K>& base,
                        const std::array<std::size_t, K>& elem_bytes, Row& row) {
  const std::size_t nd = L.ndim;
  const std::size_t nr = L.shape[nd - 2], nc = L.shape[nd - 1];
  const std::size_t outer = L.size / (nr * nc);
  const std::size_t rblocks = (nr + kTileRows - 1) / kTileRows;
  auto task = [&](std::size_t t) {
    const std::size_t o = t / rblocks, r0 = (t % rblocks) * kTileRows;
    const std::size_t r1 = std::min(nr, r0 + kTileRows);
    // Base pointers of outer index o.
    std::array<char*, K> p = base;
    std::size_t rest = o;
    for (std::size_t ax = nd - 2; ax-- > 0;) {
      const std::size_t i = rest % L.shape[ax];
      rest /= L.shape[ax];
      for (std::size_t k = 0; k < K; ++k) {
        p[k] +=
            static_cast<std::ptrdiff_t>(i) * L.strides[k][ax] * static_cast<std::ptrdiff_t>(elem_bytes[k]);
      }
    }
    std::array<std::ptrdiff_t, K> steps{};
    for (std::size_t k = 0; k < K; ++k) steps[k] = L.strides[k][nd - 1];
    for (std::size_t c0 = 0; c0 < nc; c0 += kTileCols) {
      const std::size_t w = std::min(kTileCols, nc - c0);
      for (std::size_t r = r0; r < r1; ++r) {
        std::array<char*, K> q{};
        for (std::size_t k = 0; k < K; ++k) {
          q[k] = p[k] + (static_cast<std::ptrdiff_t>(r) * L.strides[k][nd - 2] +
                         static_cast<std::ptrdiff_t>(c0) * steps[k]) *
                            static_cast<std::ptrdiff_t>(elem_bytes[k]);
        }
        row(q, w, steps);
      }
    }
  };
  const std::size_t tasks = outer * rblocks;
  if (L.size < kParallelMinElements || num_threads() <= 1) {
    for (std::size_t t = 0; t < tasks; ++t) task(t);
  } else {
    parallel_for(tasks, task);
  }
}

/// Calls row(ptrs, n, steps) for every innermost row of the nest: ptrs[k] points at operand k's first element
/// of the row, steps[k] is its stride in elements along the row. Large loops are split over the thread pool
/// (whole rows per task, or pieces of one long row), each element written by exactly one task.
template <std::size_t R, std::size_t K, class Row>
void for_each_row(const LoopNest<R, K>& L, const std::array<char*, K>& base,
                  const std::array<std::size_t, K>& elem_bytes, Row&& row) {
  if (L.size == 0) return;
  const std::size_t inner = L.shape[L.ndim - 1];
  const std::size_t rows = L.size / inner;
  if (transposed_pair(L)) {
    for_each_row_tiled(L, base, elem_bytes, row);
    return;
  }
  // Operand 0 is the output: when it is large, every row (or piece of one) is written with streaming stores,
  // as one kernel call over the whole output would be (core/stream_hint.hpp).
  const bool stream = L.size * elem_bytes[0] >= kStreamBytes;
  if (L.size < kParallelMinElements || num_threads() <= 1) {
    const StreamOutputsScope scope(stream);
    run_rows(L, base, elem_bytes, 0, rows, 0, inner, row);
    return;
  }
  if (inner >= kParallelTaskElements) {  // pieces of rows
    const std::size_t pieces = (inner + kParallelTaskElements - 1) / kParallelTaskElements;
    parallel_for(rows * pieces, [&](std::size_t t) {
      const StreamOutputsScope scope(stream);
      const std::size_t r = t / pieces, c0 = (t % pieces) * kParallelTaskElements;
      run_rows(L, base, elem_bytes, r, r + 1, c0, std::min(kParallelTaskElements, inner - c0), row);
    });
    return;
  }
  const std::size_t rows_per_task = kParallelTaskElements / inner;
  const std::size_t tasks = (rows + rows_per_task - 1) / rows_per_task;
  parallel_for(tasks, [&](std::size_t t) {
    const StreamOutputsScope scope(stream);
    const std::size_t r0 = t * rows_per_task;
    run_rows(L, base, elem_bytes, r0, std::min(rows, r0 + rows_per_task), 0, inner, row);
  });
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
  const std::array<std::size_t, K> bytes{sizeof(typename Out::element_type),
                                         sizeof(typename In::element_type)...};
  for_each_row(L, base, bytes, row);
}

}  // namespace detail
TRUENO_END_NAMESPACE
