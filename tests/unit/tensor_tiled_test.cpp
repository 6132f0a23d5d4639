// The tiled path of element-wise ops (tensor/iterate.hpp, for_each_row_tiled): an operand that runs along
// the rows with unit stride (a transposed, permuted or flipped-and-transposed view) makes the loop copy each
// 64x64 tile of every operand into scratch, run the kernel once per tile and copy the output back. Checked
// against element-by-element references at shapes with ragged tile edges, for element sizes 1, 2, 4 and 8,
// with a broadcast operand, negative strides, rank 3, a transposed output, an output that is also an input,
// a read-modify-write row function (masked_fill), and on 1 and 2 threads. Each check runs on every backend.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <trueno/trueno.hpp>
#include <vector>

#include "common/backends.hpp"
#include "common/thread_count.hpp"

namespace {

using trueno::Tensor;
using trueno_test::for_each_backend;

// Shapes around the tile extents (64 rows, 64 columns) and the 4x4 blocks of the transposing copy.
const std::vector<std::array<std::size_t, 2>> kShapes = {{4, 4},    {5, 7},    {31, 63}, {32, 64}, {33, 65},
                                                         {70, 129}, {130, 33}, {257, 4}, {4, 300}};

template <class T>
Tensor<T, 2> pattern(std::size_t r, std::size_t c, int salt) {
  auto t = trueno::zeros<T>({r, c});
  for (std::size_t i = 0; i < r; ++i) {
    for (std::size_t j = 0; j < c; ++j) {
      t(i, j) = static_cast<T>(static_cast<int>((i * 7 + j * 13 + static_cast<std::size_t>(salt)) % 97) - 40);
    }
  }
  return t;
}

template <class T>
void check_transposed_add() {
  for (const auto& s : kShapes) {
    const std::size_t r = s[0], c = s[1];
    const auto a = pattern<T>(c, r, 1), b = pattern<T>(c, r, 2);  // read transposed: (r, c)
    auto out = trueno::zeros<T>({r, c});
    trueno::add(a.transpose(), b.transpose(), out);
    for (std::size_t i = 0; i < r; ++i) {
      for (std::size_t j = 0; j < c; ++j) {
        ASSERT_EQ(out(i, j), static_cast<T>(a(j, i) + b(j, i))) << r << "x" << c << " at " << i << "," << j;
      }
    }
  }
}

TEST(TensorTiled, TransposedOperandsEveryElementSize) {
  for_each_backend([] {
    check_transposed_add<std::int8_t>();
    check_transposed_add<std::int16_t>();
    check_transposed_add<float>();
    check_transposed_add<double>();
    check_transposed_add<std::int64_t>();
  });
}

TEST(TensorTiled, HalfPrecisionTransposed) {
  for_each_backend([] {
    const auto a = pattern<float>(70, 33, 3);
    const auto h = a.astype<trueno::float16>();
    const auto got = trueno::mul(h.transpose(), h.transpose());
    for (std::size_t i = 0; i < 33; ++i) {
      for (std::size_t j = 0; j < 70; ++j) {
        // The float product rounded once to float16, as the float kernel on widened tiles gives.
        ASSERT_EQ(static_cast<float>(got(i, j)), static_cast<float>(trueno::float16(a(j, i) * a(j, i))))
            << i << "," << j;
      }
    }
  });
}

TEST(TensorTiled, MixedContiguousBroadcastAndFlipped) {
  for_each_backend([] {
    for (const auto& s : kShapes) {
      const std::size_t r = s[0], c = s[1];
      const auto a = pattern<float>(r, c, 4);    // contiguous (r, c)
      const auto bt = pattern<float>(c, r, 5);   // transposed (r, c)
      const auto col = pattern<float>(r, 1, 6);  // broadcast along the columns: stride 0
      const auto flipped = trueno::flip(bt, 1);  // (c, r) with a negative stride along r
      const auto x = trueno::add(a, bt.transpose());
      const auto y = trueno::sub(col, bt.transpose());
      const auto z = trueno::mul(flipped.transpose(), a);  // unit stride -1 along the rows
      for (std::size_t i = 0; i < r; ++i) {
        for (std::size_t j = 0; j < c; ++j) {
          ASSERT_EQ(x(i, j), a(i, j) + bt(j, i));
          ASSERT_EQ(y(i, j), col(i, 0) - bt(j, i));
          ASSERT_EQ(z(i, j), bt(j, r - 1 - i) * a(i, j));
        }
      }
    }
  });
}

TEST(TensorTiled, RankThreePermutedAndTransposedOutput) {
  for_each_backend([] {
    auto base = trueno::zeros<float>({3, 37, 70});
    for (std::size_t k = 0; k < 3; ++k) {
      for (std::size_t i = 0; i < 37; ++i) {
        for (std::size_t j = 0; j < 70; ++j) base(k, i, j) = static_cast<float>(k * 10000 + i * 100 + j);
      }
    }
    // (3, 70, 37): the last two axes swapped.
    const auto p = base.permute({0, 2, 1});
    const auto e = trueno::exp(trueno::mul(p, 1e-5F));
    for (std::size_t k = 0; k < 3; ++k) {
      for (std::size_t i = 0; i < 70; ++i) {
        for (std::size_t j = 0; j < 37; ++j) {
          ASSERT_EQ(e(k, i, j), trueno::exp(trueno::full<float>({1}, base(k, j, i) * 1e-5F))(0));
        }
      }
    }
    // A transposed output written from contiguous inputs.
    const auto a = pattern<float>(45, 66, 7), b = pattern<float>(45, 66, 8);
    auto outT = trueno::zeros<float>({66, 45});
    trueno::sub(a, b, outT.transpose());
    for (std::size_t i = 0; i < 45; ++i) {
      for (std::size_t j = 0; j < 66; ++j) ASSERT_EQ(outT(j, i), a(i, j) - b(i, j));
    }
  });
}

TEST(TensorTiled, OutputIsAlsoAnInputAndMaskedFillKeepsTheRest) {
  for_each_backend([] {
    // In place through the same transposed view: out == input (allowed), the other input contiguous.
    auto a = pattern<float>(67, 41, 9);
    const auto before = a.clone();
    const auto b = pattern<float>(41, 67, 10);
    const auto at = a.transpose();
    trueno::add(at, b, at);
    for (std::size_t i = 0; i < 67; ++i) {
      for (std::size_t j = 0; j < 41; ++j) ASSERT_EQ(a(i, j), before(i, j) + b(j, i));
    }
    // masked_fill with a transposed mask: the row function writes only where the mask is set, so the tile
    // copy of the output must carry the other values through.
    const auto v = pattern<float>(50, 70, 11);
    const auto mask = trueno::greater(pattern<float>(70, 50, 12), 0.0F).transpose();
    const auto filled = v.masked_fill(mask, -1.0F);
    for (std::size_t i = 0; i < 50; ++i) {
      for (std::size_t j = 0; j < 70; ++j) ASSERT_EQ(filled(i, j), mask(i, j) ? -1.0F : v(i, j));
    }
  });
}

TEST(TensorTiled, TwoThreadsGiveTheSameResult) {
  const auto a = pattern<float>(700, 600, 13), b = pattern<float>(700, 600, 14);
  Tensor<float, 2> one, two;
  {
    const trueno_test::ThreadCountScope t(1);
    one = trueno::add(a.transpose(), b.transpose());
  }
  {
    const trueno_test::ThreadCountScope t(2);
    two = trueno::add(a.transpose(), b.transpose());
  }
  for (std::size_t i = 0; i < 600; ++i) {
    for (std::size_t j = 0; j < 700; ++j) {
      ASSERT_EQ(one(i, j), a(j, i) + b(j, i));
      ASSERT_EQ(two(i, j), one(i, j));
    }
  }
}

}  // namespace
