// The tensor forms of the math functions run the Vector kernels over any strides: on a transposed, sliced or
// broadcast input they give exactly the bits the Vector function gives on the same values (whose accuracy the
// math tests establish), on every backend; the binary ones broadcast like NumPy.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/backends.hpp"
#include "trueno/trueno.hpp"

namespace {

using TensorFn = std::function<trueno::Tensor<float, 2>(const trueno::Tensor<float, 2>&)>;
using VectorFn = std::function<trueno::Vector<float>(const trueno::Vector<float>&)>;

struct UnaryCase {
  std::string name;
  TensorFn tensor;
  VectorFn vector;
};

// 37 x 23 values over [-6, 6], viewed transposed (strides (1, 23)).
trueno::Tensor<float, 2> strided_input() {
  auto base = trueno::empty<float>({37, 23});
  for (std::size_t i = 0; i < base.size(); ++i) {
    base.data()[i] =
        -6.0F + 12.0F * static_cast<float>((i * 7919) % base.size()) / static_cast<float>(base.size());
  }
  return base.transpose();
}

bool same_bits(float a, float b) {
  return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

void expect_matches_vector(const UnaryCase& c) {
  const auto x = strided_input();
  const auto got = c.tensor(x);
  ASSERT_EQ(got.shape(), x.shape());
  // The same values, row-major, through the Vector function.
  trueno::Vector<float> flat(x.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < x.shape()[0]; ++i) {
    for (std::size_t j = 0; j < x.shape()[1]; ++j) flat[k++] = x(i, j);
  }
  const auto want = c.vector(flat);
  k = 0;
  for (std::size_t i = 0; i < x.shape()[0]; ++i) {
    for (std::size_t j = 0; j < x.shape()[1]; ++j, ++k) {
      ASSERT_TRUE(same_bits(got(i, j), want[k]))
          << c.name << " at x = " << x(i, j) << ": " << got(i, j) << " vs " << want[k];
    }
  }
}

#define TRUENO_CASE(fn)                                                                                     \
  UnaryCase {                                                                                               \
#fn, [](const trueno::Tensor <float, 2>&                                                                \
                t) { return trueno::fn(t); }, [](const trueno::Vector <float>& v) { return trueno::fn(v); } \
  }

TEST(TensorMath, UnaryFunctionsGiveTheVectorKernelsBitsOnStridedInput) {
  const std::vector<UnaryCase> cases = {
      TRUENO_CASE(exp),         TRUENO_CASE(expm1),      TRUENO_CASE(log1p),    TRUENO_CASE(sin),
      TRUENO_CASE(cos),         TRUENO_CASE(tan),        TRUENO_CASE(atan),     TRUENO_CASE(sinh),
      TRUENO_CASE(cosh),        TRUENO_CASE(tanh),       TRUENO_CASE(asinh),    TRUENO_CASE(erf),
      TRUENO_CASE(erfc),        TRUENO_CASE(floor),      TRUENO_CASE(ceil),     TRUENO_CASE(round),
      TRUENO_CASE(rint),        TRUENO_CASE(trunc),      TRUENO_CASE(fract),    TRUENO_CASE(sign),
      TRUENO_CASE(relu),        TRUENO_CASE(relu6),      TRUENO_CASE(selu),     TRUENO_CASE(hard_sigmoid),
      TRUENO_CASE(hardswish),   TRUENO_CASE(mish),       TRUENO_CASE(softsign), TRUENO_CASE(tanhshrink),
      TRUENO_CASE(log_sigmoid), TRUENO_CASE(sigmoid),    TRUENO_CASE(silu),     TRUENO_CASE(softplus),
      TRUENO_CASE(gelu),        TRUENO_CASE(leaky_relu), TRUENO_CASE(elu),      TRUENO_CASE(celu),
      TRUENO_CASE(abs),         TRUENO_CASE(neg),        TRUENO_CASE(square)};
  trueno_test::for_each_backend([&] {
    for (const auto& c : cases) expect_matches_vector(c);
    expect_matches_vector(
        {"gelu tanh",
         [](const trueno::Tensor<float, 2>& t) { return trueno::gelu(t, trueno::Approximate::tanh); },
         [](const trueno::Vector<float>& v) { return trueno::gelu(v, trueno::Approximate::tanh); }});
    expect_matches_vector({"elu 0.5", [](const trueno::Tensor<float, 2>& t) { return trueno::elu(t, 0.5F); },
                           [](const trueno::Vector<float>& v) { return trueno::elu(v, 0.5F); }});
  });
}

#undef TRUENO_CASE

TEST(TensorMath, BinaryFunctionsBroadcastLikeNumPy) {
  const auto col = trueno::linspace<double>(0.5, 3.0, 6).reshape({6, 1});
  const auto row = trueno::linspace<double>(-2.0, 2.0, 5);
  const auto p = trueno::pow(col, row);
  ASSERT_EQ(p.shape(), (trueno::Shape<2>{6, 5}));
  const auto a = trueno::atan2(col, row);
  const auto h = trueno::hypot(col, row);
  const auto c = trueno::copysign(col, row);
  for (std::size_t i = 0; i < 6; ++i) {
    for (std::size_t j = 0; j < 5; ++j) {
      EXPECT_NEAR(p(i, j), std::pow(col(i, std::size_t{0}), row(j)), 4e-16 * std::fabs(p(i, j)) + 1e-300);
      EXPECT_NEAR(a(i, j), std::atan2(col(i, std::size_t{0}), row(j)), 1e-15);
      EXPECT_NEAR(h(i, j), std::hypot(col(i, std::size_t{0}), row(j)), 1e-15 * h(i, j));
      EXPECT_EQ(c(i, j), std::copysign(col(i, std::size_t{0}), row(j)));
    }
  }
  // Scalar forms on either side.
  const auto sq = trueno::pow(row, 2.0);
  const auto two = trueno::pow(2.0, row);
  for (std::size_t j = 0; j < 5; ++j) {
    EXPECT_DOUBLE_EQ(sq(j), row(j) * row(j));
    EXPECT_NEAR(two(j), std::exp2(row(j)), 1e-15 * two(j));
  }
  EXPECT_THROW((void)trueno::atan2(trueno::ones<double>({3}), trueno::ones<double>({4})),
               trueno::shape_error);
}

TEST(TensorMath, OutParameterFormsWriteIntoViews) {
  auto base = trueno::zeros<float>({4, 6});
  const auto x = trueno::full<float>({4, 3}, 2.0F);
  trueno::exp(x, base.slice(trueno::all, trueno::range(0, 6, 2)));
  EXPECT_FLOAT_EQ(base(0, 0), std::exp(2.0F));
  EXPECT_FLOAT_EQ(base(3, 4), std::exp(2.0F));
  EXPECT_EQ(base(0, 1), 0.0F);
  trueno::leaky_relu(trueno::full<float>({4, 3}, -1.0F), 0.25F,
                     base.slice(trueno::all, trueno::range(1, 6, 2)));
  EXPECT_FLOAT_EQ(base(2, 5), -0.25F);
  EXPECT_THROW(trueno::exp(x, trueno::empty<float>({3, 4})), trueno::shape_error);
}

}  // namespace
