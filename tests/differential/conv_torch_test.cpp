// Differential tests of conv1d, conv2d, conv_transpose2d, max_pool2d (values and indices), avg_pool2d and
// adaptive_avg_pool2d against torch.nn.functional, and of convolve/correlate against NumPy, through .npy
// files. The reference runs in float64 on the float32 inputs; trueno's float and double results must be
// within 2 * (K + 2) * eps * K of it for K products per output (|x|, |w| <= 1), pooling indices must be
// equal. The Python side is written into the temporary directory by this test (a short script; cases.txt says
// what to run).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <trueno/trueno.hpp>
#include <vector>

#include "common/temp_dir.hpp"

namespace {

constexpr const char* kScript = R"py(
import ast, sys
import numpy as np
import torch
import torch.nn.functional as F

d = sys.argv[1]
torch.set_num_threads(1)
for line in open(d + "/cases.txt"):
    name, op, kw = line.rstrip("\n").split("|")
    kw = ast.literal_eval(kw)
    load = lambda part: np.load(f"{d}/{name}_{part}.npy").astype(np.float64)
    if op in ("convolve", "correlate"):
        y = getattr(np, op)(load("a"), load("v"), mode=kw["mode"])
    else:
        x = torch.from_numpy(load("x"))
        if op == "max_pool2d":
            y, i = F.max_pool2d(x, return_indices=True, **kw)
            np.save(f"{d}/{name}_idx.npy", i.numpy().ravel())
        elif op in ("avg_pool2d", "adaptive_avg_pool2d"):
            y = getattr(F, op)(x, **kw)
        else:
            bias = torch.from_numpy(load("b")) if kw.pop("bias") else None
            y = getattr(F, op)(x, torch.from_numpy(load("w")), bias, **kw)
        y = y.numpy()
    np.save(f"{d}/{name}_ref.npy", y.ravel())
    np.save(f"{d}/{name}_shape.npy", np.array(y.shape, dtype=np.float64))
)py";

template <std::size_t N>
trueno::Tensor<float, N> random_tensor(const trueno::Shape<N>& shape, std::mt19937& rng) {
  std::uniform_real_distribution<float> d(-1.0F, 1.0F);
  auto t = trueno::detail::empty_tensor<float>(shape);
  for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = d(rng);
  return t;
}
template <std::size_t N>
trueno::Tensor<double, N> to_double(const trueno::Tensor<float, N>& t) {
  auto d = trueno::detail::empty_tensor<double>(t.shape());
  for (std::size_t i = 0; i < t.size(); ++i) d.data()[i] = static_cast<double>(t.data()[i]);
  return d;
}
// A result's shape and values, flattened.
struct Result {
  std::vector<double> shape, values;
};
template <class T, std::size_t N>
Result values(const trueno::Tensor<T, N>& t) {
  const auto c = t.contiguous();
  return {std::vector<double>(t.shape().begin(), t.shape().end()), {c.data(), c.data() + c.size()}};
}
std::string tuple(std::size_t a, std::size_t b) {
  std::string s = "(";
  s += std::to_string(a) + ", " + std::to_string(b) + ")";
  return s;
}

// One call: what Python runs (op and keyword arguments), and trueno's result in float (false) or double
// (true).
struct Case {
  std::string name, op, kwargs;
  std::size_t terms;  // products per output, for the bound; 0: exact (max_pool2d)
  std::function<Result(bool)> run;
  std::function<Result()> indices = {};  // max_pool2d's, else empty
};

class Cases {
 public:
  explicit Cases(const trueno_test::TempDir& dir) : dir_(dir) {}

  template <std::size_t N>
  void save(const std::string& name, const char* part, const trueno::Tensor<float, N>& t) const {
    trueno::io::save_npy(dir_ / (name + "_" + part + ".npy"), t);
  }
  void add(Case c) { cases_.push_back(std::move(c)); }
  [[nodiscard]] const std::vector<Case>& all() const { return cases_; }
  void write_list() const {
    std::ofstream f(dir_ / "cases.txt");
    for (const auto& c : cases_) f << c.name << '|' << c.op << '|' << c.kwargs << '\n';
    std::ofstream(dir_ / "conv_ref.py") << kScript;
  }

 private:
  const trueno_test::TempDir& dir_;
  std::vector<Case> cases_;
};

void add_conv2d_cases(Cases& cases, std::mt19937& rng) {
  auto pick = [&](std::size_t lo, std::size_t hi) {
    return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
  };
  for (int t = 0; t < 24; ++t) {
    const std::size_t groups = t % 4 == 3 ? pick(2, 4) : 1,
                      cg = t % 8 == 7 ? 1 : pick(1, 3);  // t = 7: depthwise
    const std::size_t n = pick(1, 3), c_in = groups * cg, c_out = groups * pick(1, 3);
    const std::size_t kh = pick(1, 4), kw = pick(1, 4), sh = pick(1, 3), sw = pick(1, 3), dh = pick(1, 2),
                      dw = pick(1, 2), ph = pick(0, 2), pw = pick(0, 2);
    const std::size_t h = dh * (kh - 1) + pick(1, 9), w = dw * (kw - 1) + pick(1, 9);
    const bool bias = t % 2 == 0, same = t % 6 == 1;
    const std::string name = "conv2d" + std::to_string(t);
    const auto x = random_tensor<4>({n, c_in, h, w}, rng);
    const auto wt = random_tensor<4>({c_out, cg, kh, kw}, rng);
    const auto b = random_tensor<1>({c_out}, rng);
    cases.save(name, "x", x);
    cases.save(name, "w", wt);
    cases.save(name, "b", b);
    trueno::Conv2dOptions opt{.stride = {sh, sw},
                              .padding = {ph, pw},
                              .dilation = {dh, dw},
                              .groups = static_cast<std::int64_t>(groups)};
    std::string kwargs = "{'bias': " + std::string(bias ? "True" : "False") + ", 'stride': " + tuple(sh, sw) +
                         ", 'padding': " + tuple(ph, pw) + ", 'dilation': " + tuple(dh, dw) +
                         ", 'groups': " + std::to_string(groups) + "}";
    if (same) {
      opt.stride = 1;
      opt.padding = "same";
      kwargs = "{'bias': " + std::string(bias ? "True" : "False") +
               ", 'padding': 'same', 'dilation': " + tuple(dh, dw) + ", 'groups': " + std::to_string(groups) +
               "}";
    }
    cases.add({name, "conv2d", kwargs, cg * kh * kw, [=](bool dbl) {
                 if (dbl) {
                   const auto xd = to_double(x), wd = to_double(wt);
                   const auto bd = to_double(b);
                   auto od = opt;
                   if (bias) od.bias = bd;
                   return values(trueno::conv2d(xd, wd, od));
                 }
                 auto of = opt;
                 if (bias) of.bias = b;
                 return values(trueno::conv2d(x, wt, of));
               }});
  }
}

void add_conv1d_cases(Cases& cases, std::mt19937& rng) {
  auto pick = [&](std::size_t lo, std::size_t hi) {
    return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
  };
  for (int t = 0; t < 10; ++t) {
    const std::size_t groups = t % 3 == 2 ? 2 : 1, cg = pick(1, 3), c_out = groups * pick(1, 3);
    const std::size_t k = pick(1, 5), s = pick(1, 3), d = pick(1, 2), p = pick(0, 2),
                      len = d * (k - 1) + pick(1, 20);
    const std::string name = "conv1d" + std::to_string(t);
    const auto x = random_tensor<3>({pick(1, 3), groups * cg, len}, rng);
    const auto wt = random_tensor<3>({c_out, cg, k}, rng);
    const auto b = random_tensor<1>({c_out}, rng);
    cases.save(name, "x", x);
    cases.save(name, "w", wt);
    cases.save(name, "b", b);
    const trueno::Conv1dOptions opt{
        .stride = s, .padding = p, .dilation = d, .groups = static_cast<std::int64_t>(groups)};
    cases.add({name, "conv1d",
               "{'bias': True, 'stride': " + std::to_string(s) + ", 'padding': " + std::to_string(p) +
                   ", 'dilation': " + std::to_string(d) + ", 'groups': " + std::to_string(groups) + "}",
               cg * k, [=](bool dbl) {
                 auto o = opt;
                 if (dbl) {
                   o.bias = to_double(b);
                   return values(trueno::conv1d(to_double(x), to_double(wt), o));
                 }
                 o.bias = b;
                 return values(trueno::conv1d(x, wt, o));
               }});
  }
}

void add_conv_transpose2d_cases(Cases& cases, std::mt19937& rng) {
  auto pick = [&](std::size_t lo, std::size_t hi) {
    return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
  };
  for (int t = 0; t < 16; ++t) {
    const std::size_t groups = t % 4 == 3 ? 2 : 1, cg = pick(1, 3), og = pick(1, 3);
    const std::size_t kh = pick(1, 4), kw = pick(1, 4), sh = pick(1, 3), sw = pick(1, 3), dh = pick(1, 2),
                      dw = pick(1, 2);
    const std::size_t h = pick(1, 7), w = pick(1, 7);
    // Padding that leaves a positive output; output_padding below stride or dilation.
    const std::size_t ph = std::min(pick(0, 2), ((h - 1) * sh + dh * (kh - 1)) / 2);
    const std::size_t pw = std::min(pick(0, 2), ((w - 1) * sw + dw * (kw - 1)) / 2);
    const std::size_t oph = std::max(sh, dh) - 1 > 0 ? pick(0, std::max(sh, dh) - 1) : 0;
    const std::size_t opw = std::max(sw, dw) - 1 > 0 ? pick(0, std::max(sw, dw) - 1) : 0;
    const std::string name = "convt" + std::to_string(t);
    const auto x = random_tensor<4>({pick(1, 3), groups * cg, h, w}, rng);
    const auto wt = random_tensor<4>({groups * cg, og, kh, kw}, rng);
    const auto b = random_tensor<1>({groups * og}, rng);
    cases.save(name, "x", x);
    cases.save(name, "w", wt);
    cases.save(name, "b", b);
    const trueno::ConvTranspose2dOptions opt{.stride = {sh, sw},
                                             .padding = {ph, pw},
                                             .output_padding = {oph, opw},
                                             .groups = static_cast<std::int64_t>(groups),
                                             .dilation = {dh, dw}};
    const bool bias = t % 2 == 1;
    cases.add({name, "conv_transpose2d",
               "{'bias': " + std::string(bias ? "True" : "False") + ", 'stride': " + tuple(sh, sw) +
                   ", 'padding': " + tuple(ph, pw) + ", 'output_padding': " + tuple(oph, opw) +
                   ", 'groups': " + std::to_string(groups) + ", 'dilation': " + tuple(dh, dw) + "}",
               cg * kh * kw, [=](bool dbl) {
                 if (dbl) {
                   const auto xd = to_double(x), wd = to_double(wt);
                   const auto bd = to_double(b);
                   auto od = opt;
                   if (bias) od.bias = bd;
                   return values(trueno::conv_transpose2d(xd, wd, od));
                 }
                 auto of = opt;
                 if (bias) of.bias = b;
                 return values(trueno::conv_transpose2d(x, wt, of));
               }});
  }
}

void add_pool_cases(Cases& cases, std::mt19937& rng) {
  auto pick = [&](std::size_t lo, std::size_t hi) {
    return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
  };
  for (int t = 0; t < 24; ++t) {
    const std::size_t kh = pick(1, 4), kw = pick(1, 4), sh = pick(1, 3), sw = pick(1, 3);
    const std::size_t ph = pick(0, kh / 2), pw = pick(0, kw / 2), dh = t < 12 ? pick(1, 2) : 1,
                      dw = t < 12 ? pick(1, 2) : 1;
    const std::size_t h = dh * (kh - 1) + pick(1, 10), w = dw * (kw - 1) + pick(1, 10);
    const bool ceil_mode = t % 2 == 1;
    auto x = random_tensor<4>({pick(1, 2), pick(1, 3), h, w}, rng);
    if (t % 5 == 4) x.data()[x.size() / 2] = std::numeric_limits<float>::quiet_NaN();
    const std::string common = "'kernel_size': " + tuple(kh, kw) + ", 'stride': " + tuple(sh, sw) +
                               ", 'padding': " + tuple(ph, pw) +
                               ", 'ceil_mode': " + (ceil_mode ? "True" : "False");
    if (t < 12) {
      const std::string name = "maxpool" + std::to_string(t);
      cases.save(name, "x", x);
      const trueno::MaxPool2dOptions opt{
          .stride = {sh, sw}, .padding = {ph, pw}, .dilation = {dh, dw}, .ceil_mode = ceil_mode};
      const trueno::ExpandingArray<2> k{kh, kw};
      cases.add({name, "max_pool2d", "{" + common + ", 'dilation': " + tuple(dh, dw) + "}", 0,
                 [=](bool dbl) {
                   if (dbl) return values(trueno::max_pool2d(to_double(x), k, opt));
                   return values(trueno::max_pool2d(x, k, opt));
                 },
                 [=] { return values(trueno::max_pool2d_with_indices(x, k, opt).indices); }});
    } else {
      const std::string name = "avgpool" + std::to_string(t);
      cases.save(name, "x", x);
      const bool include_pad = t % 4 < 2;
      const std::int64_t divisor = t % 7 == 6 ? 3 : 0;
      const trueno::AvgPool2dOptions opt{.stride = {sh, sw},
                                         .padding = {ph, pw},
                                         .ceil_mode = ceil_mode,
                                         .count_include_pad = include_pad,
                                         .divisor_override = divisor};
      const trueno::ExpandingArray<2> k{kh, kw};
      cases.add({name, "avg_pool2d",
                 "{" + common + ", 'count_include_pad': " + (include_pad ? "True" : "False") +
                     ", 'divisor_override': " + (divisor != 0 ? std::to_string(divisor) : "None") + "}",
                 kh * kw, [=](bool dbl) {
                   if (dbl) return values(trueno::avg_pool2d(to_double(x), k, opt));
                   return values(trueno::avg_pool2d(x, k, opt));
                 }});
    }
  }
  for (int t = 0; t < 6; ++t) {
    const std::size_t h = pick(1, 17), w = pick(1, 17), oh = pick(1, 9), ow = pick(1, 9);
    const std::string name = "adaptive" + std::to_string(t);
    const auto x = random_tensor<3>({pick(1, 3), h, w}, rng);
    cases.save(name, "x", x);
    const trueno::ExpandingArray<2> out{oh, ow};
    cases.add({name, "adaptive_avg_pool2d", "{'output_size': " + tuple(oh, ow) + "}",
               (h / oh + 2) * (w / ow + 2), [=](bool dbl) {
                 if (dbl) return values(trueno::adaptive_avg_pool2d(to_double(x), out));
                 return values(trueno::adaptive_avg_pool2d(x, out));
               }});
  }
}

void add_convolve_cases(Cases& cases, std::mt19937& rng) {
  const std::size_t lengths[][2] = {{50, 7}, {50, 8}, {7, 50}, {8, 51}, {1, 1}, {1, 5}, {33, 33}, {300, 64}};
  int t = 0;
  for (const auto& [la, lv] : lengths) {
    const auto a = random_tensor<1>({la}, rng);
    const auto v = random_tensor<1>({lv}, rng);
    for (const char* op : {"convolve", "correlate"}) {
      for (const char* mode : {"full", "same", "valid"}) {
        const std::string name = std::string(op) + std::to_string(t++);
        cases.save(name, "a", a);
        cases.save(name, "v", v);
        const bool conv = op[2] == 'n';
        const std::string m = mode;
        cases.add({name, op, "{'mode': '" + m + "'}", std::min(la, lv), [=](bool dbl) {
                     if (dbl) {
                       const auto ad = to_double(a), vd = to_double(v);
                       return values(conv ? trueno::convolve(ad, vd, m) : trueno::correlate(ad, vd, m));
                     }
                     return values(conv ? trueno::convolve(a, v, m) : trueno::correlate(a, v, m));
                   }});
      }
    }
  }
}

TEST(ConvVsTorch, ConvolutionsPoolsAndNumPyConvolveMatchTheFloat64Reference) {
  const trueno_test::TempDir dir("trueno_torch_conv");
  Cases cases(dir);
  std::mt19937 rng(2024);
  add_conv2d_cases(cases, rng);
  add_conv1d_cases(cases, rng);
  add_conv_transpose2d_cases(cases, rng);
  add_pool_cases(cases, rng);
  add_convolve_cases(cases, rng);
  cases.write_list();
  const std::string log = (dir / "torch.log").string();
  const std::string cmd = std::string("\"") + TRUENO_PYTHON + "\" \"" + (dir / "conv_ref.py").string() +
                          "\" \"" + dir.path().string() + "\" > \"" + log + "\" 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    std::ifstream f(log);
    const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (text.find("No module named 'torch'") != std::string::npos) GTEST_SKIP() << "PyTorch is not installed";
    FAIL() << cmd << " failed:\n" << text;
  }
  for (const auto& c : cases.all()) {
    SCOPED_TRACE(c.name + " " + c.op + " " + c.kwargs);
    const auto ref = trueno::io::load_npy<double, 1>(dir / (c.name + "_ref.npy"));
    const auto shape = values(trueno::io::load_npy<double, 1>(dir / (c.name + "_shape.npy"))).values;
    for (const bool dbl : {false, true}) {
      const Result got = c.run(dbl);
      ASSERT_EQ(got.shape, shape) << (dbl ? "double" : "float");
      ASSERT_EQ(got.values.size(), ref.size());
      const double eps = dbl ? std::numeric_limits<double>::epsilon() : std::numeric_limits<float>::epsilon();
      const auto k = static_cast<double>(c.terms);
      const double tol = 2.0 * (k + 2.0) * eps * k;
      std::size_t bad = 0;
      for (std::size_t i = 0; i < ref.size(); ++i) {
        const bool ok =
            std::isnan(ref(i)) ? std::isnan(got.values[i]) : std::fabs(got.values[i] - ref(i)) <= tol;
        if (!ok && bad++ == 0) {
          ADD_FAILURE() << (dbl ? "double" : "float") << " element " << i << ": got " << got.values[i]
                        << ", reference " << ref(i) << " (tolerance " << tol << ")";
        }
      }
      EXPECT_EQ(bad, 0U) << (dbl ? "double" : "float") << " elements out of tolerance";
    }
    if (c.indices) {
      const auto idx = trueno::io::load_npy<std::int64_t, 1>(dir / (c.name + "_idx.npy"));
      const auto got = c.indices().values;
      ASSERT_EQ(got.size(), idx.size());
      for (std::size_t i = 0; i < idx.size(); ++i)
        EXPECT_EQ(got[i], static_cast<double>(idx(i))) << "index " << i;
    }
  }
}

}  // namespace
