// conv1d, conv2d, conv_transpose2d, the pools and NumPy's convolve/correlate: hand-checked values, PyTorch's
// and NumPy's error messages, and a double-precision reference (naive loops written here) over random
// configurations (stride, padding, dilation, groups incl. depthwise, odd sizes, 1x1, batch 1 and 3), within
// |y - ref| <= 2 * (K + 2) * eps * sum |x * w| for K terms, on every backend and for any thread count.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "common/backends.hpp"
#include "trueno/trueno.hpp"

namespace {

using trueno_test::expect_error;

template <class T, std::size_t N>
trueno::Tensor<T, N> random_tensor(const trueno::Shape<N>& shape, std::mt19937& rng) {
  std::uniform_real_distribution<double> d(-1.0, 1.0);
  auto t = trueno::detail::empty_tensor<T>(shape);
  for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = static_cast<T>(d(rng));
  return t;
}

template <class T, std::size_t N>
std::vector<double> values(const trueno::Tensor<T, N>& t) {
  const auto c = t.contiguous();
  return {c.data(), c.data() + c.size()};
}

// One convolution, computed naively in double: y[n, co, oh, ow] = bias[co] + sum over ci in co's group and
// the taps of x[n, ci, oh * s - p + i * d, ...] * w[co, ci', i, j]; mag holds sum |x * w| + |bias| for the
// bound.
struct Ref {
  std::vector<double> y, mag;
  std::size_t terms = 0;
};

struct ConvCase {
  std::size_t n, c_in, h, w, c_out, kh, kw, groups, sh, sw, ph, pw, dh, dw;
  bool bias;
};

template <class T>
Ref conv2d_ref(const trueno::Tensor<T, 4>& x, const trueno::Tensor<T, 4>& w, const T* bias, const ConvCase& c,
               std::size_t oh, std::size_t ow) {
  Ref r;
  const std::size_t cg = c.c_in / c.groups, og = c.c_out / c.groups;
  r.terms = cg * c.kh * c.kw;
  for (std::size_t n = 0; n < c.n; ++n) {
    for (std::size_t co = 0; co < c.c_out; ++co) {
      for (std::size_t y = 0; y < oh; ++y) {
        for (std::size_t z = 0; z < ow; ++z) {
          double s = bias ? static_cast<double>(bias[co]) : 0.0, m = std::fabs(s);
          for (std::size_t ci = 0; ci < cg; ++ci) {
            for (std::size_t i = 0; i < c.kh; ++i) {
              for (std::size_t j = 0; j < c.kw; ++j) {
                const auto ih =
                    static_cast<std::ptrdiff_t>(y * c.sh + i * c.dh) - static_cast<std::ptrdiff_t>(c.ph);
                const auto iw =
                    static_cast<std::ptrdiff_t>(z * c.sw + j * c.dw) - static_cast<std::ptrdiff_t>(c.pw);
                if (ih < 0 || iw < 0 || ih >= static_cast<std::ptrdiff_t>(c.h) ||
                    iw >= static_cast<std::ptrdiff_t>(c.w)) {
                  continue;
                }
                const double p = static_cast<double>(x(n, co / og * cg + ci, ih, iw)) *
                                 static_cast<double>(w(co, ci, i, j));
                s += p;
                m += std::fabs(p);
              }
            }
          }
          r.y.push_back(s);
          r.mag.push_back(m);
        }
      }
    }
  }
  return r;
}

// Largest |got - ref| / bound (must be <= 1).
template <class T>
double worst_ratio(const std::vector<double>& got, const Ref& r) {
  const double eps = std::numeric_limits<T>::epsilon();
  double worst = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const double bound = 2.0 * static_cast<double>(r.terms + 2) * eps * r.mag[i] + 1e-300;
    worst = std::max(worst, std::fabs(got[i] - r.y[i]) / bound);
  }
  return worst;
}

std::size_t out_size(std::size_t in, std::size_t k, std::size_t s, std::size_t p, std::size_t d) {
  return (in + 2 * p - d * (k - 1) - 1) / s + 1;
}

std::vector<ConvCase> random_cases(std::uint32_t seed, std::size_t count) {
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t lo, std::size_t hi) {
    return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
  };
  std::vector<ConvCase> cases;
  while (cases.size() < count) {
    ConvCase c{};
    c.n = pick(0, 1) == 0 ? 1 : 3;
    const std::size_t kind = pick(0, 3);  // 0, 1: groups 1; 2: grouped; 3: depthwise
    c.groups = kind < 2 ? 1 : kind == 2 ? pick(2, 3) : pick(2, 5);
    c.c_in = c.groups * (kind == 3 ? 1 : pick(1, 3));
    c.c_out = c.groups * pick(1, 3);
    c.h = pick(1, 11);
    c.w = pick(1, 13);
    c.kh = pick(1, 4);
    c.kw = pick(1, 4);
    c.sh = pick(1, 3);
    c.sw = pick(1, 3);
    c.ph = pick(0, 2);
    c.pw = pick(0, 2);
    c.dh = pick(1, 2);
    c.dw = pick(1, 2);
    c.bias = pick(0, 1) == 1;
    if (c.h + 2 * c.ph < c.dh * (c.kh - 1) + 1 || c.w + 2 * c.pw < c.dw * (c.kw - 1) + 1) continue;
    cases.push_back(c);
  }
  // Sizes that reach the packed GEMM, the threaded im2col, the in-place 1x1 path and the image split.
  cases.push_back({1, 16, 24, 21, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1, true});
  cases.push_back({3, 8, 30, 30, 40, 3, 3, 1, 2, 2, 1, 1, 1, 1, false});
  cases.push_back({3, 24, 17, 19, 20, 1, 1, 1, 1, 1, 0, 0, 1, 1, true});
  cases.push_back({1, 32, 40, 40, 32, 3, 3, 32, 1, 1, 1, 1, 1, 1, true});
  cases.push_back({3, 12, 20, 20, 24, 5, 3, 2, 1, 2, 2, 1, 2, 1, true});
  return cases;
}

std::string describe(const ConvCase& c) {
  std::string s = "N=";
  s += std::to_string(c.n) + " C_in=" + std::to_string(c.c_in) + " HxW=" + std::to_string(c.h) + "x" +
       std::to_string(c.w) + " C_out=" + std::to_string(c.c_out) + " k=" + std::to_string(c.kh) + "x" +
       std::to_string(c.kw) + " groups=" + std::to_string(c.groups) + " stride=" + std::to_string(c.sh) +
       "," + std::to_string(c.sw) + " pad=" + std::to_string(c.ph) + "," + std::to_string(c.pw) +
       " dilation=" + std::to_string(c.dh) + "," + std::to_string(c.dw) + (c.bias ? " bias" : "");
  return s;
}

template <class T>
void check_conv2d_cases() {
  std::mt19937 rng(11);
  for (const auto& c : random_cases(sizeof(T) == 4 ? 1 : 2, 60)) {
    SCOPED_TRACE(describe(c));
    const auto x = random_tensor<T>(trueno::Shape<4>{c.n, c.c_in, c.h, c.w}, rng);
    const auto w = random_tensor<T>(trueno::Shape<4>{c.c_out, c.c_in / c.groups, c.kh, c.kw}, rng);
    const auto b = random_tensor<T>(trueno::Shape<1>{c.c_out}, rng);
    trueno::Conv2dOptions opt{.stride = {c.sh, c.sw},
                              .padding = {c.ph, c.pw},
                              .dilation = {c.dh, c.dw},
                              .groups = static_cast<std::int64_t>(c.groups)};
    if (c.bias) opt.bias = b;
    const auto y = trueno::conv2d(x, w, opt);
    const std::size_t oh = out_size(c.h, c.kh, c.sh, c.ph, c.dh), ow = out_size(c.w, c.kw, c.sw, c.pw, c.dw);
    ASSERT_EQ(y.shape(), (trueno::Shape<4>{c.n, c.c_out, oh, ow}));
    const auto ref = conv2d_ref(x, w, c.bias ? b.data() : nullptr, c, oh, ow);
    EXPECT_LE(worst_ratio<T>(values(y), ref), 1.0);
  }
}

TEST(Conv2d, MatchesDoubleReferenceOverRandomConfigurationsOnEveryBackend) {
  trueno_test::for_each_backend([] {
    check_conv2d_cases<float>();
    check_conv2d_cases<double>();
  });
}

TEST(Conv2d, HandCheckedValues) {
  const auto x = trueno::arange<float>(1, 10).reshape({1, 1, 3, 3});
  const auto w = trueno::array<float>({{1, 2}, {3, 4}}).reshape({1, 1, 2, 2});
  EXPECT_EQ(values(trueno::conv2d(x, w)), (std::vector<double>{37, 47, 67, 77}));
  const auto bias = trueno::array<float>({0.5F});
  EXPECT_EQ(values(trueno::conv2d(x, w, {.bias = bias})), (std::vector<double>{37.5, 47.5, 67.5, 77.5}));
  // The options keep the bias alive, and a strided bias is read through its stride.
  trueno::Conv2dOptions kept;
  kept.bias = trueno::array<float>({0.5F, 99.0F}).slice(trueno::range(0, 2, 2));
  EXPECT_EQ(values(trueno::conv2d(x, w, kept)), (std::vector<double>{37.5, 47.5, 67.5, 77.5}));
  expect_error<trueno::value_error>(
      [&] { (void)trueno::conv2d(x, w, {.bias = trueno::array<double>({0.5})}); },
      "conv2d: bias has dtype float64 but the input has dtype float32");
  // 3x3 box filter, padding 1: neighbourhood sums.
  const auto box = trueno::ones<float>({1, 1, 3, 3});
  EXPECT_EQ(values(trueno::conv2d(x, box, {.padding = 1})),
            (std::vector<double>{12, 21, 16, 27, 45, 33, 24, 39, 28}));
  EXPECT_EQ(values(trueno::conv2d(x, box, {.padding = "same"})),
            values(trueno::conv2d(x, box, {.padding = 1})));
  EXPECT_EQ(values(trueno::conv2d(x, box, {.stride = 2, .padding = 1})),
            (std::vector<double>{12, 16, 24, 28}));
  // Dilation 2 with a 2x2 kernel reads the corners.
  EXPECT_EQ(values(trueno::conv2d(x, w, {.dilation = 2})), (std::vector<double>{1 + 6 + 21 + 36}));
  // "same" with an even kernel pads one more at the bottom/right, as PyTorch: (1 2; 3 4) over 1..9.
  EXPECT_EQ(values(trueno::conv2d(x, w, {.padding = "same"})),
            (std::vector<double>{37, 47, 21, 67, 77, 33, 23, 26, 9}));
  EXPECT_EQ(values(trueno::conv2d(x, w, {.padding = "valid"})), (std::vector<double>{37, 47, 67, 77}));
}

TEST(Conv2d, UnbatchedInputAndStridedViewsMatchTheBatchedContiguousResult) {
  std::mt19937 rng(3);
  const auto x = random_tensor<double>(trueno::Shape<4>{1, 4, 9, 7}, rng);
  const auto w = random_tensor<double>(trueno::Shape<4>{6, 2, 3, 3}, rng);
  const trueno::Conv2dOptions opt{.stride = {2, 1}, .padding = 1, .groups = 2};
  const auto batched = trueno::conv2d(x, w, opt);
  const trueno::Tensor<double, 3> unbatched = trueno::conv2d(x.squeeze(0), w, opt);
  EXPECT_EQ(unbatched.shape(), (trueno::Shape<3>{6, 5, 7}));
  EXPECT_EQ(values(unbatched), values(batched));
  // A transposed (non-contiguous) view of the same values.
  const auto xt = x.transpose(2, 3).clone().transpose(2, 3);
  ASSERT_FALSE(xt.is_contiguous());
  EXPECT_EQ(values(trueno::conv2d(xt, w, opt)), values(batched));
  const trueno::Tensor<const double, 4> cx = x;
  EXPECT_EQ(values(trueno::conv2d(cx, w, opt)), values(batched));
}

TEST(Conv2d, ResultsAreBitIdenticalForAnyThreadCount) {
  std::mt19937 rng(5);
  const auto x = random_tensor<float>(trueno::Shape<4>{3, 16, 40, 40}, rng);
  const auto w = random_tensor<float>(trueno::Shape<4>{64, 16, 3, 3}, rng);
  const auto b = random_tensor<float>(trueno::Shape<1>{64}, rng);
  const int before = trueno::num_threads();
  trueno::set_num_threads(1);
  const auto one = values(trueno::conv2d(x, w, {.bias = b, .padding = 1}));
  const auto one_t = values(trueno::conv_transpose2d(x, w.transpose(0, 1).clone(), {.stride = 2}));
  trueno::set_num_threads(3);
  const auto three = values(trueno::conv2d(x, w, {.bias = b, .padding = 1}));
  const auto three_t = values(trueno::conv_transpose2d(x, w.transpose(0, 1).clone(), {.stride = 2}));
  trueno::set_num_threads(before);
  EXPECT_EQ(one, three);
  EXPECT_EQ(one_t, three_t);
}

TEST(Conv2d, EmptyBatchAndZeroInputChannels) {
  const auto y = trueno::conv2d(trueno::zeros<float>({0, 3, 5, 5}), trueno::ones<float>({4, 3, 3, 3}));
  EXPECT_EQ(y.shape(), (trueno::Shape<4>{0, 4, 3, 3}));
  const auto z = trueno::conv2d(trueno::zeros<float>({2, 0, 5, 5}), trueno::ones<float>({4, 0, 3, 3}),
                                {.bias = trueno::full<float>({4}, 1.5F)});
  EXPECT_EQ(z.shape(), (trueno::Shape<4>{2, 4, 3, 3}));
  EXPECT_EQ(values(z), std::vector<double>(z.size(), 1.5));
}

TEST(Conv2d, RejectsMismatchedShapesWithPyTorchsMessages) {
  const auto x = trueno::zeros<float>({8, 4, 56, 56});
  expect_error<trueno::shape_error>(
      [&] {
        (void)trueno::conv2d(x, trueno::zeros<float>({64, 3, 3, 3}));
      },
      "Given groups=1, weight of size (64, 3, 3, 3), expected input(8, 4, 56, 56) to "
      "have 3 channels, but got 4 channels instead");
  expect_error<trueno::value_error>(
      [&] {
        (void)trueno::conv2d(x, trueno::zeros<float>({3, 2, 3, 3}), {.groups = 2});
      },
      "Given groups=2, expected weight to be divisible by 2 at dimension 0, but got weight of size (3, 2, 3, "
      "3) "
      "instead");
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::conv2d(trueno::zeros<float>({1, 3, 2, 2}), trueno::zeros<float>({4, 3, 3, 3}));
      },
      "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater "
      "than actual input size");
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::conv2d(trueno::zeros<float>({1, 3, 5, 5}), trueno::zeros<float>({4, 3, 3, 3}),
                             {.bias = trueno::zeros<float>({3})});
      },
      "Given weight of size (4, 3, 3, 3), expected bias to be 1-dimensional with 4 elements, but got bias of "
      "size "
      "(3) instead");
  const auto x5 = trueno::zeros<double>({1, 3, 5, 5});
  const auto w5 = trueno::zeros<double>({4, 3, 3, 3});
  expect_error<trueno::value_error>([&] { (void)trueno::conv2d(x5, w5, {.padding = "foo"}); },
                                    "Invalid padding string: 'foo'");
  expect_error<trueno::value_error>([&] { (void)trueno::conv2d(x5, w5, {.stride = 2, .padding = "same"}); },
                                    "padding='same' is not supported for strided convolutions");
  expect_error<trueno::value_error>([&] { (void)trueno::conv2d(x5, w5, {.stride = 0}); },
                                    "non-positive stride is not supported");
  expect_error<trueno::value_error>([&] { (void)trueno::conv2d(x5, w5, {.padding = -1}); },
                                    "negative padding is not supported");
  expect_error<trueno::value_error>(
      [&] {
        (void)trueno::conv2d(x5, w5, {.dilation = {1, 0}});
      },
      "dilation should be greater than zero, but got (1, 0)");
  expect_error<trueno::value_error>([&] { (void)trueno::conv2d(x5, w5, {.groups = 0}); },
                                    "non-positive groups is not supported");
}

// --- conv1d
// ------------------------------------------------------------------------------------------------------

TEST(Conv1d, HandCheckedValuesAndTheConv2dEquivalence) {
  const auto x = trueno::array<double>({{1, 2, 3, 4, 5}});
  const auto w = trueno::array<double>({{{1, 0, -1}}});
  EXPECT_EQ(values(trueno::conv1d(x, w)), (std::vector<double>{-2, -2, -2}));
  EXPECT_EQ(values(trueno::conv1d(x, w, {.stride = 2})), (std::vector<double>{-2, -2}));
  EXPECT_EQ(values(trueno::conv1d(x, w, {.padding = "same"})), (std::vector<double>{-2, -2, -2, -2, 4}));
  EXPECT_EQ(values(trueno::conv1d(x, w, {.bias = trueno::array<double>({1.0}), .padding = 1, .dilation = 2})),
            (std::vector<double>{-3, -3, 3}));
  std::mt19937 rng(9);
  const auto xb = random_tensor<float>(trueno::Shape<3>{3, 6, 29}, rng);
  const auto wb = random_tensor<float>(trueno::Shape<3>{4, 3, 5}, rng);
  const auto y = trueno::conv1d(xb, wb, {.stride = 2, .padding = 3, .dilation = 2, .groups = 2});
  const auto y2 = trueno::conv2d(xb.unsqueeze(2), wb.unsqueeze(2),
                                 {.stride = {1, 2}, .padding = {0, 3}, .dilation = {1, 2}, .groups = 2});
  EXPECT_EQ(y.shape(), (trueno::Shape<3>{3, 4, 14}));
  EXPECT_EQ(values(y), values(y2));
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::conv1d(trueno::zeros<float>({2, 5, 10}), trueno::zeros<float>({4, 3, 3}));
      },
      "Given groups=1, weight of size (4, 3, 3), expected input(2, 5, 10) to have 3 channels, but got 5 "
      "channels "
      "instead");
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::conv1d(trueno::zeros<float>({2, 3, 2}), trueno::zeros<float>({4, 3, 3}));
      },
      "Calculated padded input size per channel: (2). Kernel size: (3). Kernel size can't be greater than "
      "actual "
      "input size");
}

// --- conv_transpose2d
// --------------------------------------------------------------------------------------------

// y[n, co, oh, ow] = bias + sum of x[n, ci, ih, iw] * w[ci, co', i, j] over oh = ih * s - p + i * d.
template <class T>
Ref conv_transpose2d_ref(const trueno::Tensor<T, 4>& x, const trueno::Tensor<T, 4>& w, const ConvCase& c,
                         std::size_t oh, std::size_t ow) {
  const std::size_t cg = c.c_in / c.groups, og = c.c_out / c.groups;
  Ref r;
  r.y.assign(c.n * c.c_out * oh * ow, 0.0);
  r.mag.assign(r.y.size(), 0.0);
  r.terms = cg * c.kh * c.kw;
  for (std::size_t n = 0; n < c.n; ++n) {
    for (std::size_t ci = 0; ci < c.c_in; ++ci) {
      for (std::size_t o = 0; o < og; ++o) {
        const std::size_t co = ci / cg * og + o;
        for (std::size_t ih = 0; ih < c.h; ++ih) {
          for (std::size_t iw = 0; iw < c.w; ++iw) {
            for (std::size_t i = 0; i < c.kh; ++i) {
              for (std::size_t j = 0; j < c.kw; ++j) {
                const auto y =
                    static_cast<std::ptrdiff_t>(ih * c.sh + i * c.dh) - static_cast<std::ptrdiff_t>(c.ph);
                const auto z =
                    static_cast<std::ptrdiff_t>(iw * c.sw + j * c.dw) - static_cast<std::ptrdiff_t>(c.pw);
                if (y < 0 || z < 0 || y >= static_cast<std::ptrdiff_t>(oh) ||
                    z >= static_cast<std::ptrdiff_t>(ow)) {
                  continue;
                }
                const double p = static_cast<double>(x(n, ci, ih, iw)) * static_cast<double>(w(ci, o, i, j));
                const std::size_t at = ((n * c.c_out + co) * oh + static_cast<std::size_t>(y)) * ow +
                                       static_cast<std::size_t>(z);
                r.y[at] += p;
                r.mag[at] += std::fabs(p);
              }
            }
          }
        }
      }
    }
  }
  return r;
}

template <class T>
void check_conv_transpose2d_cases() {
  std::mt19937 rng(13);
  for (auto c : random_cases(sizeof(T) == 4 ? 3 : 4, 40)) {
    // output_padding below stride or dilation.
    const std::size_t oph = c.sh > 1 ? c.sh - 1 : c.dh - 1, opw = c.sw > 1 ? 1 : c.dw - 1;
    const auto oh_signed = static_cast<std::ptrdiff_t>((c.h - 1) * c.sh + c.dh * (c.kh - 1) + oph + 1) -
                           static_cast<std::ptrdiff_t>(2 * c.ph);
    const auto ow_signed = static_cast<std::ptrdiff_t>((c.w - 1) * c.sw + c.dw * (c.kw - 1) + opw + 1) -
                           static_cast<std::ptrdiff_t>(2 * c.pw);
    if (oh_signed <= 0 || ow_signed <= 0) continue;
    SCOPED_TRACE(describe(c) + " output_padding=" + std::to_string(oph) + "," + std::to_string(opw));
    const auto x = random_tensor<T>(trueno::Shape<4>{c.n, c.c_in, c.h, c.w}, rng);
    const auto w = random_tensor<T>(trueno::Shape<4>{c.c_in, c.c_out / c.groups, c.kh, c.kw}, rng);
    const trueno::ConvTranspose2dOptions opt{.stride = {c.sh, c.sw},
                                             .padding = {c.ph, c.pw},
                                             .output_padding = {oph, opw},
                                             .groups = static_cast<std::int64_t>(c.groups),
                                             .dilation = {c.dh, c.dw}};
    const auto y = trueno::conv_transpose2d(x, w, opt);
    const auto oh = static_cast<std::size_t>(oh_signed), ow = static_cast<std::size_t>(ow_signed);
    ASSERT_EQ(y.shape(), (trueno::Shape<4>{c.n, c.c_out, oh, ow}));
    EXPECT_LE(worst_ratio<T>(values(y), conv_transpose2d_ref(x, w, c, oh, ow)), 1.0);
  }
}

TEST(ConvTranspose2d, MatchesDoubleReferenceOverRandomConfigurations) {
  trueno_test::for_each_backend([] {
    check_conv_transpose2d_cases<float>();
    check_conv_transpose2d_cases<double>();
  });
}

TEST(ConvTranspose2d, HandCheckedValuesAndErrors) {
  const auto x = trueno::array<float>({{1, 2}, {3, 4}}).reshape({1, 1, 2, 2});
  const auto w = trueno::ones<float>({1, 1, 2, 2});
  EXPECT_EQ(values(trueno::conv_transpose2d(x, w)), (std::vector<double>{1, 3, 2, 4, 10, 6, 3, 7, 4}));
  EXPECT_EQ(values(trueno::conv_transpose2d(x, w, {.bias = trueno::array<float>({1.0F}), .stride = 2})),
            (std::vector<double>{2, 2, 3, 3, 2, 2, 3, 3, 4, 4, 5, 5, 4, 4, 5, 5}));
  EXPECT_EQ(trueno::conv_transpose2d(x, w, {.stride = 2, .padding = 1, .output_padding = 1}).shape(),
            (trueno::Shape<4>{1, 1, 3, 3}));
  const auto x4 = trueno::zeros<float>({1, 4, 5, 5});
  const auto w4 = trueno::zeros<float>({4, 2, 3, 3});
  expect_error<trueno::shape_error>(
      [&] {
        (void)trueno::conv_transpose2d(trueno::zeros<float>({1, 3, 5, 5}), w4);
      },
      "Given transposed=1, weight of size (4, 2, 3, 3), expected input(1, 3, 5, 5) to have 4 channels, but "
      "got 3 "
      "channels instead");
  expect_error<trueno::value_error>([&] { (void)trueno::conv_transpose2d(x4, w4, {.output_padding = 1}); },
                                    "output padding must be smaller than either stride or dilation, but got "
                                    "output_padding_height: 1 output_padding_width: 1 stride_height: 1 "
                                    "stride_width: 1 dilation_height: 1 dilation_width: 1");
  expect_error<trueno::shape_error>(
      [&] { (void)trueno::conv_transpose2d(x4, w4, {.bias = trueno::zeros<float>({3})}); },
      "Given transposed=1, weight of size (4, 2, 3, 3), expected bias to be 1-dimensional with 2 elements, "
      "but "
      "got bias of size (3) instead");
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::conv_transpose2d(trueno::zeros<float>({1, 4, 1, 1}), trueno::zeros<float>({4, 2, 1, 1}),
                                       {.padding = 1});
      },
      "Given input size per channel: (1 x 1). Calculated output size per channel: (-1 x -1). Output size is "
      "too "
      "small");
  expect_error<trueno::value_error>(
      [&] { (void)trueno::conv_transpose2d(x4, w4, {.groups = 3}); },
      "Given groups=3, expected weight to be divisible by 3 at dimension 0, but got "
      "weight of size (4, 2, 3, 3) instead");
}

// --- pooling
// -----------------------------------------------------------------------------------------------------

TEST(MaxPool2d, HandCheckedValuesIndicesAndNaN) {
  const auto x = trueno::arange<float>(16).reshape({1, 4, 4});
  const auto [v, idx] = trueno::max_pool2d_with_indices(x, 2);
  EXPECT_EQ(values(v), (std::vector<double>{5, 7, 13, 15}));
  EXPECT_EQ(values(idx), (std::vector<double>{5, 7, 13, 15}));
  EXPECT_EQ(values(trueno::max_pool2d(x, 3, {.stride = 1, .padding = 1})),
            (std::vector<double>{5, 6, 7, 7, 9, 10, 11, 11, 13, 14, 15, 15, 13, 14, 15, 15}));
  // ceil_mode keeps the partial last window.
  EXPECT_EQ(values(trueno::max_pool2d(x, 3, {.stride = 2, .ceil_mode = true})),
            (std::vector<double>{10, 11, 14, 15}));
  EXPECT_EQ(values(trueno::max_pool2d(x, 2, {.dilation = 2})), (std::vector<double>{10}));
  // ceil_mode drops a last window that would start in the right padding: 5 + 2 * 1 with k = s = 2 gives 3,
  // not 4.
  EXPECT_EQ(trueno::max_pool2d(trueno::zeros<float>({1, 5, 5}), 2, {.padding = 1, .ceil_mode = true}).shape(),
            (trueno::Shape<3>{1, 3, 3}));
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const auto n = trueno::array<float>({{{1, nan, 3, nan}}});
  const auto [nv, ni] = trueno::max_pool2d_with_indices(n, {1, 4});
  EXPECT_TRUE(std::isnan(nv.data()[0]));
  EXPECT_EQ(ni.data()[0], 3);  // PyTorch: the last NaN
  const float inf = std::numeric_limits<float>::infinity();
  const auto [iv, ii] = trueno::max_pool2d_with_indices(trueno::full<float>({1, 2, 2}, -inf), 2);
  EXPECT_EQ(iv.data()[0], -inf);
  EXPECT_EQ(ii.data()[0], 0);
}

// max over the window (NaN wins) and the flat index, naively.
template <class T>
void check_max_pool(const trueno::Tensor<T, 4>& x, std::size_t k, std::size_t s, std::size_t p, std::size_t d,
                    bool ceil_mode) {
  const auto [v, idx] = trueno::max_pool2d_with_indices(
      x, k, {.stride = s, .padding = p, .dilation = d, .ceil_mode = ceil_mode});
  const std::size_t h = x.shape()[2], w = x.shape()[3];
  for (std::size_t n = 0; n < v.shape()[0]; ++n) {
    for (std::size_t c = 0; c < v.shape()[1]; ++c) {
      for (std::size_t oh = 0; oh < v.shape()[2]; ++oh) {
        for (std::size_t ow = 0; ow < v.shape()[3]; ++ow) {
          double best = -std::numeric_limits<double>::infinity();
          std::int64_t at = -1;
          for (std::size_t i = 0; i < k; ++i) {
            for (std::size_t j = 0; j < k; ++j) {
              const auto ih = static_cast<std::ptrdiff_t>(oh * s + i * d) - static_cast<std::ptrdiff_t>(p);
              const auto iw = static_cast<std::ptrdiff_t>(ow * s + j * d) - static_cast<std::ptrdiff_t>(p);
              if (ih < 0 || iw < 0 || ih >= static_cast<std::ptrdiff_t>(h) ||
                  iw >= static_cast<std::ptrdiff_t>(w))
                continue;
              const double val = static_cast<double>(x(n, c, ih, iw));
              if (at < 0 || val > best) {
                best = val;
                at = ih * static_cast<std::ptrdiff_t>(w) + iw;
              }
            }
          }
          ASSERT_GE(at, 0) << "every window overlaps the input";
          EXPECT_EQ(static_cast<double>(v(n, c, oh, ow)), best);
          EXPECT_EQ(idx(n, c, oh, ow), at);
        }
      }
    }
  }
}

TEST(MaxPool2d, MatchesNaiveLoopsOverRandomConfigurations) {
  std::mt19937 rng(21);
  auto pick = [&](std::size_t lo, std::size_t hi) {
    return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
  };
  for (int t = 0; t < 60; ++t) {
    const std::size_t k = pick(1, 4), s = pick(1, 3), p = pick(0, k / 2), d = pick(1, 2);
    const std::size_t h = pick(1, 12) + d * (k - 1), w = pick(1, 12) + d * (k - 1);
    SCOPED_TRACE("k=" + std::to_string(k) + " s=" + std::to_string(s) + " p=" + std::to_string(p) +
                 " d=" + std::to_string(d) + " HxW=" + std::to_string(h) + "x" + std::to_string(w));
    const auto x = random_tensor<double>(trueno::Shape<4>{pick(1, 3), pick(1, 3), h, w}, rng);
    check_max_pool(x, k, s, p, d, t % 2 == 1);
  }
  // Big enough for the threaded path.
  check_max_pool(random_tensor<float>(trueno::Shape<4>{2, 16, 33, 35}, rng), 3, 2, 1, 1, false);
}

// Window means, naively: PyTorch's divisor rules.
template <class T>
void check_avg_pool(const trueno::Tensor<T, 4>& x, std::size_t k, std::size_t s, std::size_t p,
                    bool ceil_mode, bool include_pad) {
  const auto v = trueno::avg_pool2d(
      x, k, {.stride = s, .padding = p, .ceil_mode = ceil_mode, .count_include_pad = include_pad});
  const auto h = static_cast<std::ptrdiff_t>(x.shape()[2]), w = static_cast<std::ptrdiff_t>(x.shape()[3]);
  const auto pp = static_cast<std::ptrdiff_t>(p);
  for (std::size_t n = 0; n < v.shape()[0]; ++n) {
    for (std::size_t c = 0; c < v.shape()[1]; ++c) {
      for (std::size_t oh = 0; oh < v.shape()[2]; ++oh) {
        for (std::size_t ow = 0; ow < v.shape()[3]; ++ow) {
          double sum = 0, mag = 0;
          std::ptrdiff_t inside = 0, padded = 0;
          for (std::size_t i = 0; i < k; ++i) {
            for (std::size_t j = 0; j < k; ++j) {
              const auto ih = static_cast<std::ptrdiff_t>(oh * s + i) - pp;
              const auto iw = static_cast<std::ptrdiff_t>(ow * s + j) - pp;
              if (ih < h + pp && iw < w + pp) ++padded;  // the padded input, not past it
              if (ih < 0 || iw < 0 || ih >= h || iw >= w) continue;
              ++inside;
              sum += static_cast<double>(x(n, c, ih, iw));
              mag += std::fabs(static_cast<double>(x(n, c, ih, iw)));
            }
          }
          const double ref = sum / static_cast<double>(include_pad ? padded : inside);
          const double tol =
              2.0 * static_cast<double>(k * k + 2) * std::numeric_limits<T>::epsilon() * mag + 1e-300;
          EXPECT_NEAR(static_cast<double>(v(n, c, oh, ow)), ref, tol);
        }
      }
    }
  }
}

TEST(AvgPool2d, HandCheckedValuesAndNaiveLoopsOverRandomConfigurations) {
  const auto x = trueno::arange<float>(16).reshape({1, 1, 4, 4});
  EXPECT_EQ(values(trueno::avg_pool2d(x, 2)), (std::vector<double>{2.5, 4.5, 10.5, 12.5}));
  const auto inc = trueno::avg_pool2d(x, 3, {.stride = 1, .padding = 1});
  EXPECT_FLOAT_EQ(inc(0, 0, 0, 0), 10.0F / 9.0F);
  const auto exc = trueno::avg_pool2d(x, 3, {.stride = 1, .padding = 1, .count_include_pad = false});
  EXPECT_FLOAT_EQ(exc(0, 0, 0, 0), 2.5F);
  EXPECT_FLOAT_EQ(trueno::avg_pool2d(x, 2, {.divisor_override = 2})(0, 0, 0, 0), 5.0F);
  std::mt19937 rng(23);
  auto pick = [&](std::size_t lo, std::size_t hi) {
    return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
  };
  for (int t = 0; t < 60; ++t) {
    const std::size_t k = pick(1, 4), s = pick(1, 3), p = pick(0, k / 2);
    const std::size_t h = pick(k, 13), w = pick(k, 13);
    SCOPED_TRACE("k=" + std::to_string(k) + " s=" + std::to_string(s) + " p=" + std::to_string(p) +
                 " HxW=" + std::to_string(h) + "x" + std::to_string(w) + " t=" + std::to_string(t));
    check_avg_pool(random_tensor<float>(trueno::Shape<4>{pick(1, 3), 2, h, w}, rng), k, s, p, t % 2 == 1,
                   t % 4 < 2);
  }
}

TEST(AdaptiveAvgPool2d, AveragesPyTorchsOverlappingCells) {
  const auto x = trueno::arange<double>(25).reshape({1, 5, 5});
  EXPECT_EQ(values(trueno::adaptive_avg_pool2d(x, 2)), (std::vector<double>{6, 8, 16, 18}));
  EXPECT_EQ(values(trueno::adaptive_avg_pool2d(x, 1)), (std::vector<double>{12}));
  EXPECT_EQ(values(trueno::adaptive_avg_pool2d(x, {5, 5})), values(x));
  // Output larger than the input repeats cells: rows [0, 1), [0, 2), [1, 2) of a 2-row input for 3 outputs.
  const auto y = trueno::array<double>({{{1, 3}}}).reshape({1, 1, 2}).transpose(1, 2).clone();  // (1, 2, 1)
  EXPECT_EQ(values(trueno::adaptive_avg_pool2d(y, {3, 1})), (std::vector<double>{1, 2, 3}));
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::adaptive_avg_pool2d(trueno::zeros<float>({1, 0, 4, 4}), 2);
      },
      "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch "
      "dimensions, but input has sizes (1, 0, 4, 4) with dimension 1 being empty");
}

TEST(Pool2d, RejectsBadOptionsWithPyTorchsMessages) {
  const auto x = trueno::zeros<float>({1, 3, 4, 4});
  expect_error<trueno::value_error>(
      [&] { (void)trueno::max_pool2d(x, 3, {.padding = 2}); },
      "pad should be at most half of kernel size, but got pad=2 and kernel_size=3");
  expect_error<trueno::value_error>(
      [&] { (void)trueno::avg_pool2d(x, 2, {.padding = 2}); },
      "pad should be at most half of kernel size, but got pad=2 and kernel_size=2");
  expect_error<trueno::value_error>([&] { (void)trueno::max_pool2d(x, 2, {.padding = -1}); },
                                    "pad must be non-negative, but got pad: -1");
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::max_pool2d(trueno::zeros<float>({1, 3, 2, 2}), 3);
      },
      "Given input size: (3x2x2). Calculated output size: (3x0x0). Output size is too "
      "small");
  expect_error<trueno::value_error>([&] { (void)trueno::max_pool2d(x, 0, {.stride = 1}); },
                                    "kernel size should be greater than zero, but got kH: 0 kW: 0");
  expect_error<trueno::value_error>([&] { (void)trueno::max_pool2d(x, 0); }, "stride should not be zero");
  expect_error<trueno::value_error>([&] { (void)trueno::max_pool2d(x, 2, {.stride = -1}); },
                                    "stride should be greater than zero, but got dH: -1 dW: -1");
  expect_error<trueno::value_error>(
      [&] { (void)trueno::max_pool2d(x, 2, {.dilation = 0}); },
      "dilation should be greater than zero, but got dilationH: 0 dilationW: 0");
  expect_error<trueno::shape_error>(
      [] {
        (void)trueno::max_pool2d(trueno::zeros<float>({1, 0, 4, 4}), 2);
      },
      "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for "
      "input, but got: (1, 0, 4, 4)");
}

// --- NumPy's convolve and correlate
// -------------------------------------------------------------------------------

TEST(Convolve, HandCheckedValuesOfEveryMode) {
  const auto a = trueno::array<double>({1, 2, 3});
  const auto v = trueno::array<double>({0, 1, 0.5});
  EXPECT_EQ(values(trueno::convolve(a, v)), (std::vector<double>{0, 1, 2.5, 4, 1.5}));
  EXPECT_EQ(values(trueno::convolve(a, v, "same")), (std::vector<double>{1, 2.5, 4}));
  EXPECT_EQ(values(trueno::convolve(a, v, "valid")), (std::vector<double>{2.5}));
  EXPECT_EQ(values(trueno::correlate(a, v)), (std::vector<double>{3.5}));
  EXPECT_EQ(values(trueno::correlate(a, v, "full")), (std::vector<double>{0.5, 2, 3.5, 3, 0}));
  EXPECT_EQ(values(trueno::correlate(a, v, "same")), (std::vector<double>{2, 3.5, 3}));
  // v longer than a: NumPy swaps the operands and reverses the result.
  const auto s = trueno::array<float>({1, 2});
  EXPECT_EQ(values(trueno::correlate(s, trueno::array<float>({1, 2, 3}))), (std::vector<double>{8, 5}));
  EXPECT_EQ(values(trueno::correlate(s, trueno::array<float>({1, 2, 3}), "same")),
            (std::vector<double>{8, 5, 2}));
  EXPECT_EQ(values(trueno::correlate(s, trueno::array<float>({1, 2, 3, 4}), "same")),
            (std::vector<double>{11, 8, 5, 2}));
  EXPECT_EQ(values(trueno::convolve(s, trueno::array<float>({1, 2, 3}))), (std::vector<double>{1, 4, 7, 6}));
  // Strided views are read in place.
  const auto big = trueno::arange<double>(10);
  EXPECT_EQ(values(trueno::convolve(big.slice(trueno::range(0, 10, 3)), trueno::flip(v, 0), "valid")),
            (std::vector<double>{6, 10.5}));
}

TEST(Convolve, RejectsEmptyOperandsAndUnknownModesWithNumPysMessages) {
  const auto e = trueno::zeros<float>({0});
  const auto one = trueno::ones<float>({1});
  expect_error<trueno::value_error>([&] { (void)trueno::correlate(e, one); },
                                    "first array argument cannot be empty");
  expect_error<trueno::value_error>([&] { (void)trueno::correlate(one, e); },
                                    "second array argument cannot be empty");
  expect_error<trueno::value_error>([&] { (void)trueno::convolve(e, one); }, "v cannot be empty");
  expect_error<trueno::value_error>([&] { (void)trueno::convolve(e, e); }, "a cannot be empty");
  expect_error<trueno::value_error>([&] { (void)trueno::convolve(one, one, "bad"); },
                                    "mode must be one of 'valid', 'same', or 'full' (got 'bad')");
}

TEST(Convolve, MatchesDoubleReferenceOnLongSignals) {
  std::mt19937 rng(31);
  const auto a = random_tensor<float>(trueno::Shape<1>{1000}, rng);
  const auto v = random_tensor<float>(trueno::Shape<1>{37}, rng);
  for (const char* mode : {"full", "same", "valid"}) {
    SCOPED_TRACE(mode);
    const auto y = values(trueno::convolve(a, v, mode));
    const std::size_t left = std::string(mode) == "full" ? 36 : std::string(mode) == "same" ? 18 : 0;
    Ref r;
    r.terms = 37;
    for (std::size_t k = 0; k < y.size(); ++k) {
      double s = 0, m = 0;
      for (std::size_t j = 0; j < 37; ++j) {
        // convolve = correlate with the reversed v: out[k] = sum_j a[k - left + j] * v[36 - j].
        const auto n = static_cast<std::ptrdiff_t>(k + j) - static_cast<std::ptrdiff_t>(left);
        if (n < 0 || n >= 1000) continue;
        const double p = static_cast<double>(a(static_cast<std::size_t>(n))) * static_cast<double>(v(36 - j));
        s += p;
        m += std::fabs(p);
      }
      r.y.push_back(s);
      r.mag.push_back(m);
    }
    EXPECT_LE(worst_ratio<float>(y, r), 1.0);
  }
}

}  // namespace
