// trueno — the loop engine of element-wise tensor ops: K operands (operand 0 the output) read through their
// strides over one broadcast shape. Axes are ordered by the output's strides, extent-1 axes dropped and
// adjacent axes merged where every operand allows, so a contiguous case becomes one kernel call and a
// broadcast or transposed operand is read in place, never materialised. Rows whose operands are not
// unit-stride go through small stack tiles (gather, contiguous kernel, scatter).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <vector>

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

/// True when some operand runs along the second-to-last axis with unit stride and along the last one with
/// another non-zero stride (a transposed operand): rows are then visited in tiles so that its cache lines are
/// reused across rows. A broadcast column (stride 0 along the rows' axis) is read as one value per row by the
/// row path and does not count.
template <std::size_t R, std::size_t K>
bool transposed_pair(const LoopNest<R, K>& L) {
  if (L.ndim < 2 || L.shape[L.ndim - 2] < 4 || L.shape[L.ndim - 1] < 4) return false;
  for (std::size_t k = 0; k < K; ++k) {
    const auto s = L.strides[k][L.ndim - 2], c = L.strides[k][L.ndim - 1];
    if ((s == 1 || s == -1) && c != 1 && c != 0) return true;
  }
  return false;
}

/// Tile extents of the transposed path: kTileRows rows of kTileCols elements. Every operand's part of a tile
/// is copied into a row-major scratch tile (the output's too: a row function may read it), row(...) runs once
/// over the whole tile, and the output's tile is copied back. A transposed operand's copy walks the tile
/// in 4x4 blocks (transpose_tile_as): the tile's kTileCols columns span only kTileCols pages (within the L1
/// TLB; the former walk of 128 columns per row, two operands, gathering per row, missed it on almost every
/// load) and their cache lines serve the next blocks from L1. One kernel call per tile instead of one per row
/// of kTileCols elements saves the calls' overhead.
inline constexpr std::size_t kTileRows = 64;
inline constexpr std::size_t kTileCols = 64;

/// tile = the transpose of a block whose columns are contiguous (rows x cols, column c at at + c * cstep), in
/// 4x4 blocks: four contiguous elements from each of four columns, four contiguous elements to each of four
/// tile rows (GCC -O3 turns a block into vector loads, shuffles and stores; 190-230 us per million floats
/// for any scratch address, where the element-wise row walk took 195-530 us depending on the address).
template <class U>
void transpose_tile_as(const U* at, std::ptrdiff_t cstep, std::size_t rows, std::size_t cols, U* tile) {
  std::size_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    std::size_t c = 0;
    for (; c + 4 <= cols; c += 4) {
      const U* q0 = at + static_cast<std::ptrdiff_t>(c) * cstep + static_cast<std::ptrdiff_t>(r);
      const U* q1 = q0 + cstep;
      const U* q2 = q1 + cstep;
      const U* q3 = q2 + cstep;
      for (std::size_t i = 0; i < 4; ++i) {
        U* o = tile + (r + i) * cols + c;
        const U x0 = q0[i], x1 = q1[i], x2 = q2[i], x3 = q3[i];
        o[0] = x0;
        o[1] = x1;
        o[2] = x2;
        o[3] = x3;
      }
    }
    for (; c < cols; ++c) {
      const U* q = at + static_cast<std::ptrdiff_t>(c) * cstep;
      for (std::size_t i = r; i < r + 4; ++i) tile[i * cols + c] = q[static_cast<std::ptrdiff_t>(i)];
    }
  }
  for (; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      tile[r * cols + c] = at[static_cast<std::ptrdiff_t>(c) * cstep + static_cast<std::ptrdiff_t>(r)];
    }
  }
}

/// tile[r * cols + c] = the element at at + r * rstep + c * cstep (steps in elements of U), or the reverse
/// (kOut: the tile is written to those places).
template <class U, bool kOut>
void copy_tile_as(U* at, std::ptrdiff_t rstep, std::ptrdiff_t cstep, std::size_t rows, std::size_t cols,
                  U* tile) {
  if constexpr (!kOut) {
    if (rstep == 1 && cstep != 0) {
      transpose_tile_as(at, cstep, rows, cols, tile);
      return;
    }
  }
  for (std::size_t r = 0; r < rows; ++r) {
    U* strided = at + static_cast<std::ptrdiff_t>(r) * rstep;
    U* packed = tile + r * cols;
    if (cstep == 1) {
      if constexpr (kOut) {
        std::memcpy(strided, packed, cols * sizeof(U));
      } else {
        std::memcpy(packed, strided, cols * sizeof(U));
      }
      continue;
    }
    std::size_t c = 0;
    for (; c + 4 <= cols; c += 4) {  // four independent loads, then the stores
      U* q = strided + static_cast<std::ptrdiff_t>(c) * cstep;
      if constexpr (kOut) {
        const U x0 = packed[c], x1 = packed[c + 1], x2 = packed[c + 2], x3 = packed[c + 3];
        q[0] = x0;
        q[cstep] = x1;
        q[2 * cstep] = x2;
        q[3 * cstep] = x3;
      } else {
        const U x0 = q[0], x1 = q[cstep], x2 = q[2 * cstep], x3 = q[3 * cstep];
        packed[c] = x0;
        packed[c + 1] = x1;
        packed[c + 2] = x2;
        packed[c + 3] = x3;
      }
    }
    for (; c < cols; ++c) {
      U& x = strided[static_cast<std::ptrdiff_t>(c) * cstep];
      if constexpr (kOut) {
        x = packed[c];
      } else {
        packed[c] = x;
      }
    }
  }
}
/// The same for elements of `bytes` bytes (1, 2, 4 or 8 as integers; any other size byte by byte).
template <bool kOut>
void copy_tile(char* at, std::ptrdiff_t rstep, std::ptrdiff_t cstep, std::size_t rows, std::size_t cols,
               std::size_t bytes, char* tile) {
  auto as = [&](auto zero) {
    using U = decltype(zero);
    copy_tile_as<U, kOut>(reinterpret_cast<U*>(at), rstep, cstep, rows, cols, reinterpret_cast<U*>(tile));
  };
  switch (bytes) {
    case 1:
      as(std::uint8_t{});
      return;
    case 2:
      as(std::uint16_t{});
      return;
    case 4:
      as(std::uint32_t{});
      return;
    case 8:
      as(std::uint64_t{});
      return;
    default:
      for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < cols; ++c) {
          char* x = at + (static_cast<std::ptrdiff_t>(r) * rstep + static_cast<std::ptrdiff_t>(c) * cstep) *
                             static_cast<std::ptrdiff_t>(bytes);
          char* y = tile + (r * cols + c) * bytes;
          if constexpr (kOut) {
            std::memcpy(x, y, bytes);
          } else {
            std::memcpy(y, x, bytes);
          }
        }
      }
  }
}

/// Prefetches a tile's cache lines (rows x cols elements of `bytes` bytes at `at`) along its unit-stride
/// axis; nothing when neither axis has stride +1. The tiles' short runs (a few lines per row or column,
/// pages apart) are not what the hardware prefetchers follow: without this, each tile waited on L3 for
/// about 4000 cycles per operand (1000x1000 floats).
inline void prefetch_tile(const char* at, std::ptrdiff_t rstep, std::ptrdiff_t cstep, std::size_t rows,
                          std::size_t cols, std::size_t bytes) {
#if defined(__GNUC__)
  constexpr std::size_t kLine = 64;
  const auto b = static_cast<std::ptrdiff_t>(bytes);
  if (cstep == 1) {
    for (std::size_t r = 0; r < rows; ++r) {
      const char* p = at + static_cast<std::ptrdiff_t>(r) * rstep * b;
      for (std::size_t o = 0; o < cols * bytes; o += kLine) __builtin_prefetch(p + o);
    }
  } else if (rstep == 1) {
    for (std::size_t c = 0; c < cols; ++c) {
      const char* p = at + static_cast<std::ptrdiff_t>(c) * cstep * b;
      for (std::size_t o = 0; o < rows * bytes; o += kLine) __builtin_prefetch(p + o);
    }
  }
#else
  (void)at, (void)rstep, (void)cstep, (void)rows, (void)cols, (void)bytes;
#endif
}

template <std::size_t R, std::size_t K, class Row>
void for_each_row_tiled(const LoopNest<R, K>& L, const std::array<char*, K>& base,
                        const std::array<std::size_t, K>& elem_bytes, Row& row) {
  const std::size_t nd = L.ndim;
  const std::size_t nr = L.shape[nd - 2], nc = L.shape[nd - 1];
  const std::size_t outer = L.size / (nr * nc);
  const std::size_t rblocks = (nr + kTileRows - 1) / kTileRows;
  std::size_t scratch_bytes = 0;
  for (std::size_t k = 0; k < K; ++k) scratch_bytes += kTileRows * kTileCols * elem_bytes[k];
  auto task = [&](std::size_t t) {
    const std::size_t o = t / rblocks, r0 = (t % rblocks) * kTileRows;
    const std::size_t rows = std::min(nr - r0, kTileRows);
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
    std::vector<char> scratch(scratch_bytes);
    std::array<char*, K> tile{};
    for (std::size_t k = 0, off = 0; k < K; ++k) {
      tile[k] = scratch.data() + off;
      off += kTileRows * kTileCols * elem_bytes[k];
    }
    std::array<std::ptrdiff_t, K> ones{};
    ones.fill(1);
    for (std::size_t c0 = 0; c0 < nc; c0 += kTileCols) {
      const std::size_t w = std::min(kTileCols, nc - c0);
      const std::size_t next_w = c0 + w < nc ? std::min(kTileCols, nc - c0 - w) : 0;
      std::array<char*, K> at{};  // operand k's element (r0, c0)
      for (std::size_t k = 0; k < K; ++k) {
        const auto eb = static_cast<std::ptrdiff_t>(elem_bytes[k]);
        at[k] = p[k] + (static_cast<std::ptrdiff_t>(r0) * L.strides[k][nd - 2] +
                        static_cast<std::ptrdiff_t>(c0) * L.strides[k][nd - 1]) *
                           eb;
        if (next_w != 0) {
          prefetch_tile(at[k] + static_cast<std::ptrdiff_t>(w) * L.strides[k][nd - 1] * eb,
                        L.strides[k][nd - 2], L.strides[k][nd - 1], rows, next_w, elem_bytes[k]);
        }
        copy_tile<false>(at[k], L.strides[k][nd - 2], L.strides[k][nd - 1], rows, w, elem_bytes[k], tile[k]);
      }
      row(tile, rows * w, ones);
      copy_tile<true>(at[0], L.strides[0][nd - 2], L.strides[0][nd - 1], rows, w, elem_bytes[0], tile[0]);
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
