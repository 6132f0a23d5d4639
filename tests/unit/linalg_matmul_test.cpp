// matmul and gemm against a double-precision reference, within the documented bound
// |c - ref| <= 2 * K * eps * sum_k |a_ik * b_kj|, on every backend, every transpose combination, odd shapes,
// batched broadcasting, 1-D operands, alpha/beta, thread-count invariance and the error cases.
#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "common/backends.hpp"
#include "trueno/trueno.hpp"

namespace {

template <class T>
trueno::Tensor<T, 2> random_matrix(std::size_t r, std::size_t c, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> d(-1.0, 1.0);
  auto t = trueno::empty<T>({r, c});
  for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = static_cast<T>(d(rng));
  return t;
}

// Largest |c - ref| / bound over the elements (must be <= 1).
template <class T, class A, class B, class C>
double worst_ratio(const A& a, const B& b, const C& c, double alpha = 1.0, double beta = 0.0,
                   const trueno::Tensor<T, 2>* c0 = nullptr) {
  const std::size_t m = c.shape()[0], n = c.shape()[1], k = a.shape()[1];
  const double eps = std::numeric_limits<T>::epsilon();
  double worst = 0;
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      double s = 0, sa = 0;
      for (std::size_t p = 0; p < k; ++p) {
        const double x = static_cast<double>(a(i, p)) * static_cast<double>(b(p, j));
        s += x;
        sa += std::fabs(x);
      }
      double ref = alpha * s;
      double mag = std::fabs(alpha) * sa;
      if (c0 != nullptr && beta != 0.0) {
        ref += beta * static_cast<double>((*c0)(i, j));
        mag += std::fabs(beta * static_cast<double>((*c0)(i, j)));
      }
      const double bound = 2.0 * static_cast<double>(k + 2) * eps * mag + std::numeric_limits<double>::min();
      worst = std::max(worst, std::fabs(static_cast<double>(c(i, j)) - ref) / bound);
    }
  }
  return worst;
}

template <class T>
void check_shapes() {
  const std::array<std::array<std::size_t, 3>, 12> shapes{{{1, 1, 1},
                                                           {17, 1, 300},
                                                           {1, 17, 300},
                                                           {5, 7, 3},
                                                           {13, 29, 31},
                                                           {33, 65, 129},
                                                           {97, 50, 401},
                                                           {200, 300, 500},
                                                           {1, 700, 64},
                                                           {300, 2, 700},
                                                           {15, 33, 1},
                                                           {29, 31, 1000}}};
  std::uint32_t seed = 1;
  for (const auto& [m, n, k] : shapes) {
    for (int t = 0; t < 4; ++t) {
      const bool ta = (t & 1) != 0, tb = (t & 2) != 0;
      const auto A = ta ? random_matrix<T>(k, m, seed++) : random_matrix<T>(m, k, seed++);
      const auto B = tb ? random_matrix<T>(n, k, seed++) : random_matrix<T>(k, n, seed++);
      const auto a = ta ? A.transpose() : A;
      const auto b = tb ? B.transpose() : B;
      const auto c = trueno::matmul(a, b);
      ASSERT_EQ(c.shape()[0], m);
      ASSERT_EQ(c.shape()[1], n);
      EXPECT_LE(worst_ratio<T>(a, b, c), 1.0) << m << "x" << n << "x" << k << " transposes " << t;
    }
  }
}

TEST(Matmul, MatchesDoubleReferenceWithinTheBoundOnEveryBackend) {
  trueno_test::for_each_backend([] {
    check_shapes<float>();
    check_shapes<double>();
  });
}

TEST(Matmul, OneDimensionalOperandsFollowNumPy) {
  const auto v = trueno::arange<float>(3);
  const auto m = trueno::arange<float>(6).reshape({3, 2});
  const auto vm = trueno::matmul(v, m);  // (3,) x (3, 2) -> (2,)
  ASSERT_EQ(vm.shape(), (trueno::Shape<1>{2}));
  EXPECT_FLOAT_EQ(vm(0), 0 * 0 + 1 * 2 + 2 * 4);
  EXPECT_FLOAT_EQ(vm(1), 0 * 1 + 1 * 3 + 2 * 5);
  const auto mv = trueno::matmul(m.transpose(), v);  // (2, 3) x (3,) -> (2,)
  EXPECT_FLOAT_EQ(mv(0), vm(0));
  EXPECT_FLOAT_EQ(mv(1), vm(1));
  const auto vv = trueno::matmul(v, v);  // -> rank 0
  EXPECT_FLOAT_EQ(vv.item(), 5.0F);
  EXPECT_FLOAT_EQ(trueno::dot(v, v), 5.0F);
  EXPECT_FLOAT_EQ(trueno::vdot(m, m), 55.0F);
  const auto o = trueno::outer(v, trueno::arange<float>(2));
  ASSERT_EQ(o.shape(), (trueno::Shape<2>{3, 2}));
  EXPECT_FLOAT_EQ(o(2, 1), 2.0F);
  EXPECT_FLOAT_EQ(trueno::matvec(m.transpose(), v)(1), vm(1));
  EXPECT_FLOAT_EQ(trueno::vecmat(v, m)(0), vm(0));
}

TEST(Matmul, BatchedOperandsBroadcastTheirBatchAxes) {
  auto a = trueno::empty<double>({4, 1, 3, 5});
  auto b = trueno::empty<double>({6, 5, 2});
  for (std::size_t i = 0; i < a.size(); ++i) a.data()[i] = static_cast<double>(i % 7) - 3.0;
  for (std::size_t i = 0; i < b.size(); ++i) b.data()[i] = static_cast<double>(i % 5) - 2.0;
  const auto c = trueno::matmul(a, b);
  ASSERT_EQ(c.shape(), (trueno::Shape<4>{4, 6, 3, 2}));
  for (std::size_t x = 0; x < 4; ++x) {
    for (std::size_t y = 0; y < 6; ++y) {
      for (std::size_t i = 0; i < 3; ++i) {
        for (std::size_t j = 0; j < 2; ++j) {
          double s = 0;
          for (std::size_t p = 0; p < 5; ++p) s += a(x, std::size_t{0}, i, p) * b(y, p, j);
          EXPECT_EQ(c(x, y, i, j), s);  // small integers: exact
        }
      }
    }
  }
}

TEST(Gemm, AlphaBetaAndBetaZeroIgnoresNaNsInC) {
  const auto a = random_matrix<float>(40, 30, 7);
  const auto b = random_matrix<float>(30, 50, 8);
  auto c0 = random_matrix<float>(40, 50, 9);
  auto c = c0.clone();
  trueno::linalg::gemm<float>(0.5F, a, b, -2.0F, c);
  EXPECT_LE(worst_ratio<float>(a, b, c, 0.5, -2.0, &c0), 1.0);
  auto d = trueno::full<float>({40, 50}, std::numeric_limits<float>::quiet_NaN());
  trueno::linalg::gemm<float>(1.0F, a, b, 0.0F, d);
  EXPECT_TRUE(trueno::all(trueno::isfinite(d)));
  // A strided (column-sliced) output is written in place and nothing else is touched.
  auto wide = trueno::zeros<float>({40, 100});
  auto view = wide.slice(trueno::all, trueno::range(0, 100, 2));
  trueno::matmul(a, b, view);
  EXPECT_LE(worst_ratio<float>(a, b, view), 1.0);
  EXPECT_EQ(trueno::sum(wide.slice(trueno::all, trueno::range(1, 100, 2))), 0.0F);
}

TEST(Matmul, ResultsAreBitIdenticalForAnyThreadCount) {
  const auto a = random_matrix<float>(700, 300, 11);
  const auto b = random_matrix<float>(300, 900, 12);
  trueno::set_num_threads(1);
  const auto c1 = trueno::matmul(a, b);
  trueno::set_num_threads(2);
  const auto c2 = trueno::matmul(a, b);
  trueno::set_num_threads(3);
  const auto c3 = trueno::matmul(a, b);
  trueno::set_num_threads(0);
  for (std::size_t i = 0; i < c1.size(); ++i) {
    ASSERT_EQ(std::bit_cast<std::uint32_t>(c1.data()[i]), std::bit_cast<std::uint32_t>(c2.data()[i])) << i;
    ASSERT_EQ(std::bit_cast<std::uint32_t>(c1.data()[i]), std::bit_cast<std::uint32_t>(c3.data()[i])) << i;
  }
}

// Few rows and many columns (a convolution's GEMM on one image): the threads split the columns of C. Every
// thread count gives the same bits, within the error bound of the reference, strided output included.
TEST(Matmul, FewRowsManyColumnsAreSplitByColumnsWithTheSameBits) {
  const auto a = random_matrix<float>(50, 300, 21);
  const auto b = random_matrix<float>(300, 2001, 22);
  std::vector<trueno::Tensor<float, 2>> results;
  for (int threads : {1, 2, 3}) {
    trueno::set_num_threads(threads);
    results.push_back(trueno::matmul(a, b));
  }
  auto wide = trueno::zeros<float>({50, 4002});
  auto view = wide.slice(trueno::all, trueno::range(0, 4002, 2));
  trueno::set_num_threads(2);
  trueno::matmul(a, b, view);
  trueno::set_num_threads(0);
  EXPECT_LE(worst_ratio<float>(a, b, results[0]), 1.0);
  for (std::size_t t = 1; t < results.size(); ++t) {
    for (std::size_t i = 0; i < results[0].size(); ++i) {
      ASSERT_EQ(std::bit_cast<std::uint32_t>(results[0].data()[i]),
                std::bit_cast<std::uint32_t>(results[t].data()[i]))
          << "threads " << t + 1 << " element " << i;
    }
  }
  EXPECT_TRUE(trueno::array_equal(view, results[0]));
  EXPECT_EQ(trueno::sum(wide.slice(trueno::all, trueno::range(1, 4002, 2))), 0.0F);
}

TEST(Matmul, ErrorsAreWordedAsNumPy) {
  const auto m = trueno::ones<float>({3, 2});
  trueno_test::expect_error<trueno::shape_error>(
      [&] { (void)trueno::matmul(m, m); },
      "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
      "(n?,k),(k,m?)->(n?,m?) (size 3 is different from 2)");
  auto out = trueno::empty<float>({3, 4});
  trueno_test::expect_error<trueno::shape_error>(
      [&] {
        trueno::matmul(m, trueno::ones<float>({2, 3}), out);
      },
      "non-broadcastable output operand with shape (3,4) doesn't match the "
      "broadcast shape (3,3)");
  auto sq = trueno::ones<float>({3, 3});
  trueno_test::expect_error<trueno::value_error>(
      [&] { trueno::matmul(sq, sq, sq); },
      "matmul: the output overlaps an input; write into a separate tensor");
  const auto batch_a = trueno::ones<float>({2, 3, 3});
  const auto batch_b = trueno::ones<float>({4, 3, 3});
  trueno_test::expect_error<trueno::shape_error>(
      [&] { (void)trueno::matmul(batch_a, batch_b); },
      "operands could not be broadcast together with shapes (2,) (4,)");
}

}  // namespace
