// Differential tests of the math and activation ops against PyTorch (Debian's python3-torch), through .npy
// files (tests/differential/torch_ref.py). PyTorch's float32 results are not exact, so each trueno float
// result is checked against PyTorch's float64 result on the same inputs (within trueno's documented ULP
// bound), and against PyTorch's float32 result: within 1e-6 relative, or at least as close to the float64
// reference as PyTorch is. NaN and infinities must match the reference exactly. Every backend this CPU
// supports runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <random>
#include <string>
#include <trueno/trueno.hpp>
#include <vector>

#include "common/backends.hpp"
#include "common/temp_dir.hpp"

namespace {

using trueno::Vector;
constexpr float kInf = std::numeric_limits<float>::infinity();

// The test inputs (float32): random, wide, extreme, and softmax rows with -inf entries.
std::vector<Vector<float>> make_inputs() {
  std::mt19937 rng(2024);
  std::vector<Vector<float>> v;
  std::normal_distribution<float> normal(0.0F, 3.0F);
  std::uniform_real_distribution<float> wide(-100.0F, 100.0F);
  Vector<float> a(10003), b(1000), c(257), d(5, -kInf), f(64);
  std::vector<float> extremes;
  for (auto& x : a) x = normal(rng);
  for (auto& x : b) x = wide(rng);
  for (float x : {kInf,    std::numeric_limits<float>::quiet_NaN(),
                  0.0F,    -0.0F,
                  1e30F,   -1e30F,
                  88.7F,   89.0F,
                  -87.0F,  -103.0F,
                  -110.0F, 20.0F,
                  20.5F,   19.5F,
                  1e-30F,  -1e-30F,
                  1e-45F,  3.0e-39F,
                  -9.5F,   9.5F,
                  0.625F,  -0.625F,
                  0.3F,    1e-4F,
                  -1e-4F}) {
    extremes.push_back(x);
  }
  const Vector<float> e(extremes.begin(), extremes.end());
  for (auto& x : c) x = normal(rng);
  for (std::size_t i = 0; i < c.size(); i += 5) c[i] = -kInf;
  for (std::size_t i = 0; i < f.size(); ++i) f[i] = 1000.0F + static_cast<float>(i) * 0.25F;
  v.push_back(a);
  v.push_back(b);
  v.push_back(e);
  v.push_back(c);
  v.push_back(d);
  v.push_back(f);
  return v;
}

// |got - ref| in float ULP at |ref| (denormal spacing below the normal range).
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

struct Op {
  const char* name;
  Vector<float> (*fn)(const Vector<float>&);
  double bound;  // ULP against the float64 reference
};

Vector<float> logsumexp_vec(const Vector<float>& a) { return Vector<float>{trueno::logsumexp(a)}; }

const Op kOps[] = {
    {"exp", [](const Vector<float>& a) { return trueno::exp(a); }, 2},
    {"log", [](const Vector<float>& a) { return trueno::log(a); }, 2},
    {"tanh", [](const Vector<float>& a) { return trueno::tanh(a); }, 2},
    {"sigmoid", [](const Vector<float>& a) { return trueno::sigmoid(a); }, 3},
    {"silu", [](const Vector<float>& a) { return trueno::silu(a); }, 3},
    {"softplus", [](const Vector<float>& a) { return trueno::softplus(a); }, 3},
    {"softmax", [](const Vector<float>& a) { return trueno::softmax(a); }, 4},
    {"log_softmax", [](const Vector<float>& a) { return trueno::log_softmax(a); }, 4},
    {"logsumexp", logsumexp_vec, 4},
};

TEST(MathVsTorch, WithinUlpBoundsOfFloat64AndCloseToTorchFloat32) {
  const trueno_test::TempDir dir("trueno_torch");
  const auto inputs = make_inputs();
  for (std::size_t i = 0; i < inputs.size(); ++i)
    trueno::io::save_npy(dir / ("in" + std::to_string(i) + ".npy"), inputs[i]);
  const std::string log = (dir / "torch.log").string();
  const std::string cmd = std::string("\"") + TRUENO_PYTHON + "\" \"" + TRUENO_TEST_DIR +
                          "/differential/torch_ref.py\" \"" + dir.path().string() + "\" " +
                          std::to_string(inputs.size()) + " > \"" + log + "\" 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    std::ifstream f(log);
    std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
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
        // softmax-family results inherit the float32 rounding of x - max (PyTorch's too): measure their error
        // in ULP of the terms' size, max(|result|, |x - max|, E) with E = sum(softmax * |x - max|) (the sum's
        // share), times the element itself for softmax.
        const std::string name = op.name;
        const bool row_op = name == "softmax" || name == "log_softmax" || name == "logsumexp";
        const float row_max = inputs[i].empty() ? 0.0F : trueno::max(inputs[i]);
        double spread = 0;
        if (row_op && std::isfinite(row_max)) {
          double total = 0;
          for (float x : inputs[i]) {
            if (!std::isfinite(x)) continue;
            spread += std::exp(double(x) - row_max) * (double(row_max) - x);
            total += std::exp(double(x) - row_max);
          }
          spread /= total;
        }
        for (std::size_t j = 0; j < got.size(); ++j) {
          if (name == "silu" && inputs[i][j] == -kInf) {
            EXPECT_EQ(got[j], 0.0F);  // the limit, where PyTorch computes -inf * 0 = NaN
            continue;
          }
          double err = ulp_error(got[j], ref[j]);
          if (row_op && std::isfinite(ref[j]) && std::isfinite(row_max) && err > 0) {
            const double arg = name == "logsumexp" ? 0.0 : std::fabs(double(inputs[i][j]) - row_max);
            double scale = std::max({std::fabs(ref[j]), arg, spread});
            if (name == "softmax") scale = ref[j] * std::max({1.0, arg, spread});
            err = std::fabs(got[j] - ref[j]) / (scale * 0x1p-23 + 1e-45);
          }
          worst = std::max(worst, err);
          EXPECT_LE(err, op.bound) << op.name << " on " << trueno::to_string(b) << ", input " << i << "[" << j
                                   << "] = " << inputs[i][j] << ": got " << got[j] << ", float64 " << ref[j];
          const double rel =
              std::fabs(double(got[j]) - double(torch[j])) / std::max(std::fabs(double(torch[j])), 1e-300);
          if (std::isnan(torch[j]) || std::isinf(torch[j]) || std::isnan(got[j]) || std::isinf(got[j])) {
            if (!(std::isnan(torch[j]) && std::isnan(got[j]))) {
              EXPECT_EQ(got[j], torch[j]) << op.name << " input " << i << "[" << j << "] = " << inputs[i][j];
            }
          } else if (!(rel <= 1e-6 || got[j] == torch[j])) {
            const double torch_err = std::fabs(double(torch[j]) - ref[j]);
            EXPECT_LE(std::fabs(double(got[j]) - ref[j]), torch_err)
                << op.name << ": more than 1e-6 from PyTorch and less accurate, input " << i << "[" << j
                << "] = " << inputs[i][j] << ": got " << got[j] << ", torch " << torch[j] << ", float64 "
                << ref[j];
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
