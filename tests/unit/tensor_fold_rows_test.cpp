// The row-folding path of the tensor reductions (sum, max and min along leading axes of row-major data, at
// least 16 kept columns): every row count from 1 to 70 and a few larger ones, which covers a partial block of
// fewer than 8 rows, exact blocks of 8, the pairwise recursion of the sums and the 7-rows-into-dst blocks of
// max/min; two reduced axes at once; NaN in any row; a ragged column tail. References are computed here
// element by element (integer sums exactly, max/min exactly, float sums against long double), on every
// backend.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <trueno/trueno.hpp>
#include <vector>

#include "common/backends.hpp"

namespace {

using trueno::Dim;
using trueno_test::for_each_backend;

constexpr std::size_t kCols = 37;  // 2 AVX-512 float vectors and a tail of 5

std::vector<std::size_t> row_counts() {
  std::vector<std::size_t> r;
  for (std::size_t k = 1; k <= 70; ++k) r.push_back(k);
  for (const std::size_t k : {127U, 128U, 129U, 1000U}) r.push_back(k);
  return r;
}

// Values whose integer sums wrap around nowhere but are not small: (r * 7919 + c * 104729) % 2^20 - 2^19.
std::int64_t value(std::size_t r, std::size_t c) {
  return static_cast<std::int64_t>((r * 7919 + c * 104729) % (std::size_t{1} << 20)) -
         (std::int64_t{1} << 19);
}

TEST(TensorFoldRows, IntegerSumsAlongAxisZeroAreExactForEveryRowCount) {
  for_each_backend([] {
    for (const std::size_t rows : row_counts()) {
      auto t = trueno::empty<std::int64_t>({static_cast<Dim>(rows), static_cast<Dim>(kCols)});
      for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < kCols; ++c) t(r, c) = value(r, c);
      }
      const auto s = trueno::sum(t, 0);
      for (std::size_t c = 0; c < kCols; ++c) {
        std::int64_t want = 0;
        for (std::size_t r = 0; r < rows; ++r) want += value(r, c);
        ASSERT_EQ(s(c), want) << rows << " rows, column " << c;
      }
    }
  });
}

TEST(TensorFoldRows, FloatSumsAlongAxisZeroStayWithinThePairwiseBound) {
  for_each_backend([] {
    for (const std::size_t rows : row_counts()) {
      auto t = trueno::empty<float>({static_cast<Dim>(rows), static_cast<Dim>(kCols)});
      for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < kCols; ++c) {
          t(r, c) = static_cast<float>(value(r, c)) * 1e-3F;
        }
      }
      const auto s = trueno::sum(t, 0);
      for (std::size_t c = 0; c < kCols; ++c) {
        long double want = 0;
        long double abs_sum = 0;
        for (std::size_t r = 0; r < rows; ++r) {
          const float x = t(r, c);
          want += x;
          abs_sum += std::fabs(x);
        }
        // 8 in-order additions at the leaves, then at most ceil(log2(rows / 8)) + 1 tree levels.
        const double depth = 8.0 + std::ceil(std::log2(static_cast<double>(rows)));
        const double bound = depth * std::numeric_limits<float>::epsilon() * static_cast<double>(abs_sum);
        ASSERT_NEAR(static_cast<double>(s(c)), static_cast<double>(want), bound)
            << rows << " rows, column " << c;
      }
    }
  });
}

TEST(TensorFoldRows, MaxAndMinAlongAxisZeroAreExactAndPropagateNanFromAnyRow) {
  for_each_backend([] {
    for (const std::size_t rows : row_counts()) {
      auto t = trueno::empty<double>({static_cast<Dim>(rows), static_cast<Dim>(kCols)});
      for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < kCols; ++c) {
          t(r, c) = static_cast<double>(value(r, c));
        }
      }
      // Column c % 3 == 0 gets a NaN in row (c * 5) % rows: first, last, inside a block, at a block edge.
      for (std::size_t c = 0; c < kCols; c += 3) {
        t((c * 5) % rows, c) = std::numeric_limits<double>::quiet_NaN();
      }
      const auto mx = trueno::max(t, 0);
      const auto mn = trueno::min(t, 0);
      for (std::size_t c = 0; c < kCols; ++c) {
        if (c % 3 == 0) {
          EXPECT_TRUE(std::isnan(mx(c))) << rows << " rows, column " << c;
          EXPECT_TRUE(std::isnan(mn(c))) << rows << " rows, column " << c;
          continue;
        }
        double hi = -std::numeric_limits<double>::infinity();
        double lo = std::numeric_limits<double>::infinity();
        for (std::size_t r = 0; r < rows; ++r) {
          hi = std::fmax(hi, t(r, c));
          lo = std::fmin(lo, t(r, c));
        }
        ASSERT_EQ(mx(c), hi) << rows << " rows, column " << c;
        ASSERT_EQ(mn(c), lo) << rows << " rows, column " << c;
      }
    }
  });
}

TEST(TensorFoldRows, TwoLeadingAxesAndAStridedSourceFoldLikeOne) {
  for_each_backend([] {
    // (5, 7, 40) reduced over {0, 1}: 35 rows of 40, through two axes' strides; the same data as (35, 40).
    const auto flat = trueno::arange<std::int64_t>(35 * 40).reshape({35, 40});
    const auto cube = flat.reshape({5, 7, 40});
    const auto s2 = trueno::sum(cube, {0, 1});
    const auto s1 = trueno::sum(flat, 0);
    const auto m2 = trueno::max(cube, {0, 1});
    for (std::size_t c = 0; c < 40; ++c) {
      std::int64_t want = 0;
      for (std::size_t r = 0; r < 35; ++r) want += static_cast<std::int64_t>(r * 40 + c);
      EXPECT_EQ(s2(c), want);
      EXPECT_EQ(s1(c), want);
      EXPECT_EQ(m2(c), static_cast<std::int64_t>(34 * 40 + c));
    }
    // Every other row of a (70, 40) tensor: row stride 80 elements.
    const auto tall = trueno::arange<std::int64_t>(70 * 40).reshape({70, 40});
    const auto every_other = tall.slice(trueno::range(0, 70, 2), trueno::all);
    const auto s = trueno::sum(every_other, 0);
    for (std::size_t c = 0; c < 40; ++c) {
      std::int64_t want = 0;
      for (std::size_t r = 0; r < 70; r += 2) want += static_cast<std::int64_t>(r * 40 + c);
      EXPECT_EQ(s(c), want);
    }
  });
}

}  // namespace
