// Differential tests of erf, the rounding family, the activations and the norms against PyTorch (Debian's
// python3-torch), through .npy files (tests/differential/torch_ref.py, its default op set). Each float result
// must be within trueno's ULP bound of PyTorch's float64 result on the same inputs, and within 1e-6 relative
// of PyTorch's float32 result, or else at least as close to the float64 result as PyTorch's float32 result is
// (PyTorch's float32 gelu, for one, computes 1 + erf(x/sqrt(2)) and loses everything below x = -5).
// Non-finite results must match PyTorch's, except where PyTorch computes inf * 0 or inf / inf and trueno
// returns the limit (gelu, mish, hardswish at -inf; softsign at +-inf; docs/reference.md). Every backend this
// CPU supports runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <trueno/trueno.hpp>
#include <vector>

#include "common/activation_refs.hpp"
#include "common/backends.hpp"
#include "common/temp_dir.hpp"

namespace {

using trueno::Vector;
constexpr float kInf = std::numeric_limits<float>::infinity();

std::vector<Vector<float>> make_inputs() {
  std::mt19937 rng(77);
  std::vector<Vector<float>> v;
  std::normal_distribution<float> normal(0.0F, 3.0F);
  std::uniform_real_distribution<float> wide(-100.0F, 100.0F), tiny(-1e-3F, 1e-3F);
  Vector<float> a(10003), b(1000), c(300), grid(801);
  for (auto& x : a) x = normal(rng);
  for (auto& x : b) x = wide(rng);
  for (auto& x : c) x = tiny(rng);
  for (std::size_t i = 0; i < grid.size(); ++i) grid[i] = -20.0F + 0.05F * static_cast<float>(i);
  const Vector<float> extremes{kInf,   -kInf,   std::numeric_limits<float>::quiet_NaN(),
                               0.0F,   -0.0F,   1e30F,
                               -1e30F, 3e38F,   -3e38F,
                               1e-45F, -1e-45F, 2.5F,
                               -2.5F,  0.5F,    -0.5F,
                               3.0F,   -3.0F,   6.0F,
                               20.0F,  20.5F,   -20.0F,
                               -14.0F, -9.5F,   10.05F,
                               88.0F,  -88.0F,  -104.0F};
  v.push_back(a);
  v.push_back(b);
  v.push_back(c);
  v.push_back(grid);
  v.push_back(extremes);
  return v;
}

double ulp_error(float got, double ref) {
  if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0.0 : kInf;
  const float rounded =
      std::fabs(ref) >= 0x1.ffffffp127
          ? std::copysign(kInf, float(ref > 0 ? 1 : -1))
          : static_cast<float>(std::fabs(ref) > 0x1.fffffep127 ? std::copysign(0x1.fffffep127, ref) : ref);
  if (std::isinf(got) || std::isinf(rounded)) return got == rounded ? 0.0 : kInf;
  int e = std::numeric_limits<float>::min_exponent;
  if (ref != 0.0) static_cast<void>(std::frexp(ref, &e));
  const double ulp = std::ldexp(1.0, std::max(e, std::numeric_limits<float>::min_exponent) - 24);
  return std::fabs(static_cast<double>(got) - ref) / ulp;
}

// The affine parameters torch_ref.py uses: gamma_i = 1 + (i mod 7) / 8, beta_i = (i mod 3) / 4.
Vector<float> affine(std::size_t n, bool gamma) {
  Vector<float> p(n);
  for (std::size_t i = 0; i < n; ++i)
    p[i] = gamma ? 1.0F + static_cast<float>(i % 7) / 8.0F : static_cast<float>(i % 3) / 4.0F;
  return p;
}

struct Op {
  const char* name;
  Vector<float> (*fn)(const Vector<float>&);
  double bound;       // ULP against the float64 reference
  bool limit_at_inf;  // trueno returns the limit where PyTorch's formula gives NaN at an infinity
  bool norm;          // error measured in ULP of max(1, |result|) (the statistics' rounding spreads)
  // Our long double reference, where PyTorch's float64 result is not accurate: its elu family computes
  // exp(x) - 1 (0 instead of x for tiny x), its gelu 1 + erf(x/sqrt(2)) (nothing left below x = -8), ...
  long double (*own_ref)(long double) = nullptr;
};

namespace ref = trueno_test::act_ref;

const Op kOps[] = {
    {"erf", [](const Vector<float>& a) { return trueno::erf(a); }, 2, false, false},
    {"erfc", [](const Vector<float>& a) { return trueno::erfc(a); }, 2, false, false, ref::erfc_ref},
    {"floor", [](const Vector<float>& a) { return trueno::floor(a); }, 0, false, false},
    {"ceil", [](const Vector<float>& a) { return trueno::ceil(a); }, 0, false, false},
    {"trunc", [](const Vector<float>& a) { return trueno::trunc(a); }, 0, false, false},
    {"rint", [](const Vector<float>& a) { return trueno::rint(a); }, 0, false, false},
    {"fract", [](const Vector<float>& a) { return trueno::fract(a); }, 0, false, false},
    {"relu", [](const Vector<float>& a) { return trueno::relu(a); }, 0, false, false},
    {"relu6", [](const Vector<float>& a) { return trueno::relu6(a); }, 0, false, false},
    // float64 uses the slope 0.01 itself, float32 (PyTorch too) 0.01F: up to 1.5 ULP apart.
    {"leaky_relu", [](const Vector<float>& a) { return trueno::leaky_relu(a); }, 1.5, false, false},
    {"elu", [](const Vector<float>& a) { return trueno::elu(a); }, 3, false, false,
     [](long double x) { return ref::elu_ref(x, 1); }},
    {"selu", [](const Vector<float>& a) { return trueno::selu(a); }, 3, false, false, ref::selu_ref},
    {"celu_alpha0.5", [](const Vector<float>& a) { return trueno::celu(a, 0.5F); }, 3, false, false,
     [](long double x) { return ref::celu_ref(x, 0.5L); }},
    {"gelu", [](const Vector<float>& a) { return trueno::gelu(a); }, 3, true, false, ref::gelu_ref},
    {"gelu_tanh", [](const Vector<float>& a) { return trueno::gelu(a, trueno::Approximate::tanh); }, 3, true,
     false, ref::gelu_tanh_ref},
    {"hard_sigmoid", [](const Vector<float>& a) { return trueno::hard_sigmoid(a); }, 2, false, false},
    {"hardswish", [](const Vector<float>& a) { return trueno::hardswish(a); }, 2, true, false,
     ref::hardswish_ref},
    {"mish", [](const Vector<float>& a) { return trueno::mish(a); }, 3, true, false, ref::mish_ref},
    {"softplus_beta2", [](const Vector<float>& a) { return trueno::softplus(a, 2.0F); }, 3, false, false,
     [](long double x) { return ref::softplus_ref(x, 2, 20); }},
    {"softsign", [](const Vector<float>& a) { return trueno::softsign(a); }, 2, true, false,
     ref::softsign_ref},
    {"tanhshrink", [](const Vector<float>& a) { return trueno::tanhshrink(a); }, 3, false, false,
     ref::tanhshrink_ref},
    {"log_sigmoid", [](const Vector<float>& a) { return trueno::log_sigmoid(a); }, 3, false, false,
     ref::log_sigmoid_ref},
    {"layer_norm",
     [](const Vector<float>& a) {
       return trueno::layer_norm(
           a, 1e-5F,
           trueno::LayerNormOptions{.gamma = affine(a.size(), true), .beta = affine(a.size(), false)});
     },
     16, false, true},
    {"rms_norm", [](const Vector<float>& a) { return trueno::rms_norm(a, 1e-6F); }, 16, false, true},
};

TEST(ActivationVsTorch, WithinUlpBoundsOfFloat64AndCloseToTorchFloat32) {
  const trueno_test::TempDir dir("trueno_torch_act");
  const auto inputs = make_inputs();
  for (std::size_t i = 0; i < inputs.size(); ++i)
    trueno::io::save_npy(dir / ("in" + std::to_string(i) + ".npy"), inputs[i]);
  const std::string log = (dir / "torch.log").string();
  const std::string cmd = std::string("\"") + TRUENO_PYTHON + "\" \"" + TRUENO_TEST_DIR +
                          "/differential/torch_ref.py\" \"" + dir.path().string() + "\" " +
                          std::to_string(inputs.size()) + " > \"" + log + "\" 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    std::ifstream f(log);
    const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (text.find("No module named 'torch'") != std::string::npos) GTEST_SKIP() << "PyTorch is not installed";
    FAIL() << cmd << " failed:\n" << text;
  }
  for (auto b : trueno_test::available_backends()) {
    const trueno_test::BackendScope scope(b);
    for (const auto& op : kOps) {
      std::size_t torch_less_accurate = 0;
      double worst = 0;
      for (std::size_t i = 0; i < inputs.size(); ++i) {
        const std::string stem = std::string(op.name) + "_" + std::to_string(i);
        const auto ref = trueno::io::load_npy<double>(dir / (stem + "_ref.npy"));
        const auto torch = trueno::io::load_npy<float>(dir / (stem + "_torch.npy"));
        const auto got = op.fn(inputs[i]);
        ASSERT_EQ(got.size(), ref.size());
        for (std::size_t j = 0; j < got.size(); ++j) {
          const float x = inputs[i][j];
          const double r = op.own_ref != nullptr ? static_cast<double>(op.own_ref(x)) : ref[j];
          const std::string where = std::string(op.name) + " on " + std::string(trueno::to_string(b)) +
                                    ", input " + std::to_string(i) + "[" + std::to_string(j) +
                                    "] = " + std::to_string(x);
          if (op.limit_at_inf && std::isinf(x) && std::isnan(torch[j])) {
            EXPECT_FALSE(std::isnan(got[j])) << where << ": the limit, not NaN";
            continue;
          }
          double err = ulp_error(got[j], r);
          if (op.norm && std::isfinite(r) && std::isfinite(got[j])) {
            err = std::fabs(got[j] - r) / (std::max(1.0, std::fabs(r)) * 0x1p-23);
          }
          worst = std::max(worst, err);
          EXPECT_LE(err, op.bound) << where << ": got " << got[j] << ", float64 " << r;
          if (std::isnan(torch[j]) || std::isinf(torch[j]) || std::isnan(got[j]) || std::isinf(got[j])) {
            // PyTorch's hardswish overflows in x * 6 above 5.7e37; trueno returns x there (checked against
            // the reference above).
            const bool torch_overflowed = std::isinf(torch[j]) && std::isfinite(got[j]) && err <= op.bound;
            if (!(std::isnan(torch[j]) && std::isnan(got[j])) && !torch_overflowed) {
              EXPECT_EQ(got[j], torch[j]) << where;
            }
            continue;
          }
          const double rel =
              std::fabs(double(got[j]) - double(torch[j])) / std::max(std::fabs(double(torch[j])), 1e-300);
          const bool near_zero_norm = op.norm && std::fabs(double(got[j]) - double(torch[j])) <= 1e-6;
          if (!(rel <= 1e-6 || got[j] == torch[j] || near_zero_norm)) {
            EXPECT_LE(std::fabs(double(got[j]) - r), std::fabs(double(torch[j]) - r))
                << where << ": more than 1e-6 from PyTorch and less accurate: got " << got[j] << ", torch "
                << torch[j] << ", float64 " << r;
            ++torch_less_accurate;
          }
        }
      }
      std::cout << "[ torch ] " << op.name << " on " << trueno::to_string(b) << ": max " << worst
                << " ULP vs float64; " << torch_less_accurate
                << " elements differ from torch float32 by > 1e-6 where torch is the less accurate\n";
    }
  }
}

}  // namespace
