// trueno::Generator (Philox4x32-10) and the random tensors: rand randn randint uniform normal permutation
// shuffle. Checks: Random123's known answers, reproducibility for equal seeds, independence of seeds, streams
// and split children, position-independence (block i depends on i alone), and statistics of large samples.
// The generator is seeded, so each statistical check is deterministic; its bound is set at a 1-in-1000 (or
// rarer) level for a correct generator, so a biased one fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/backends.hpp"

namespace {

using trueno::Generator;
using trueno::Tensor;
using trueno_test::expect_error;

template <class T, std::size_t N>
std::vector<std::remove_const_t<T>> values(const Tensor<T, N>& t) {
  std::vector<std::remove_const_t<T>> out;
  for_each_element(t, [&](const T& x) { out.push_back(x); });
  return out;
}

template <class T>
double mean_of(const std::vector<T>& v) {
  double s = 0;
  for (T x : v) s += static_cast<double>(x);
  return s / static_cast<double>(v.size());
}
template <class T>
double var_of(const std::vector<T>& v) {
  const double m = mean_of(v);
  double s = 0;
  for (T x : v) s += (static_cast<double>(x) - m) * (static_cast<double>(x) - m);
  return s / static_cast<double>(v.size());
}

// Kolmogorov-Smirnov statistic sqrt(n) * D_n of a sample against a continuous CDF. Below 1.95 with
// probability 0.999 for a sample from that distribution.
template <class T, class Cdf>
double ks_statistic(std::vector<T> v, Cdf cdf) {
  std::sort(v.begin(), v.end());
  const auto n = static_cast<double>(v.size());
  double d = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const double f = cdf(static_cast<double>(v[i]));
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return d * std::sqrt(n);
}
constexpr double kKsCritical = 1.95;

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// Pearson's chi-square statistic of observed counts against equal expected counts.
double chi_square(const std::vector<std::size_t>& counts) {
  const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
  const double expected = total / static_cast<double>(counts.size());
  double x = 0;
  for (auto c : counts)
    x += (static_cast<double>(c) - expected) * (static_cast<double>(c) - expected) / expected;
  return x;
}

// ---- the generator ----

TEST(Philox, MatchesRandom123KnownAnswers) {
  using trueno::detail::philox4x32_10;
  EXPECT_EQ(philox4x32_10({0, 0, 0, 0}, {0, 0}),
            (trueno::detail::PhiloxBlock{0x6627e8d5U, 0xe169c58dU, 0xbc57ac4cU, 0x9b00dbd8U}));
  EXPECT_EQ(philox4x32_10({0xffffffffU, 0xffffffffU, 0xffffffffU, 0xffffffffU}, {0xffffffffU, 0xffffffffU}),
            (trueno::detail::PhiloxBlock{0x408f276dU, 0x41c83b0eU, 0xa20bc7c6U, 0x6d5451fdU}));
  EXPECT_EQ(philox4x32_10({0x243f6a88U, 0x85a308d3U, 0x13198a2eU, 0x03707344U}, {0xa4093822U, 0x299f31d0U}),
            (trueno::detail::PhiloxBlock{0xd16cfe09U, 0x94fdccebU, 0x5001e420U, 0x24126ea1U}));
  static_assert(philox4x32_10({0, 0, 0, 0}, {0, 0})[0] == 0x6627e8d5U, "usable in constant expressions");
}

TEST(Generator, BlockZeroOfSeedZeroIsThePhiloxZeroVector) {
  const Generator g(0);
  EXPECT_EQ(g.block(0)[0], 0x6627e8d5U);
  EXPECT_EQ(g.seed(), 0U);
  EXPECT_EQ(g.stream(), 0U);
  EXPECT_EQ(g.position(), 0U);
}

TEST(Generator, EqualSeedsGiveEqualTensors) {
  Generator a(42), b(42);
  EXPECT_EQ(values(trueno::rand<float>({3, 5}, a)), values(trueno::rand<float>({3, 5}, b)));
  EXPECT_EQ(values(trueno::randn<double>({7}, a)), values(trueno::randn<double>({7}, b)));
  EXPECT_EQ(values(trueno::randint<std::int64_t>({9}, -5, 5, a)),
            values(trueno::randint<std::int64_t>({9}, -5, 5, b)));
  EXPECT_EQ(values(trueno::permutation(20, a)), values(trueno::permutation(20, b)));
  EXPECT_EQ(a, b);
  const Generator copy = a;  // a copy replays
  Generator c = copy;
  EXPECT_EQ(values(trueno::rand<double>({4}, a)), values(trueno::rand<double>({4}, c)));
}

TEST(Generator, DifferentSeedsStreamsAndDrawsDiffer) {
  Generator a(1), b(2), s0(1, 0), s1(1, 1);
  const auto x = values(trueno::rand<double>({64}, a));
  EXPECT_NE(x, values(trueno::rand<double>({64}, b)));
  EXPECT_EQ(x, values(trueno::rand<double>({64}, s0)));  // stream 0 is the default
  EXPECT_NE(x, values(trueno::rand<double>({64}, s1)));
  EXPECT_NE(x, values(trueno::rand<double>({64}, a)));  // the next draw moves on
}

TEST(Generator, StreamsAreUncorrelated) {
  Generator a(7, 0), b(7, 1);
  const auto x = values(trueno::randn<double>({100000}, a));
  const auto y = values(trueno::randn<double>({100000}, b));
  double c = 0;
  for (std::size_t i = 0; i < x.size(); ++i) c += x[i] * y[i];
  c /= static_cast<double>(x.size());
  EXPECT_LT(std::abs(c), 4.0 / std::sqrt(static_cast<double>(x.size())));  // correlation ~ N(0, 1/n)
}

TEST(Generator, SplitIsDeterministicAndIndependent) {
  Generator a(9), b(9);
  Generator ca = a.split(), cb = b.split();
  EXPECT_EQ(ca, cb);
  EXPECT_EQ(a.position(), 1U);
  Generator cc = a.split();
  EXPECT_NE(ca, cc);
  const auto parent = values(trueno::rand<double>({32}, a));
  const auto child = values(trueno::rand<double>({32}, ca));
  const auto sibling = values(trueno::rand<double>({32}, cc));
  EXPECT_NE(parent, child);
  EXPECT_NE(child, sibling);
  EXPECT_EQ(child, values(trueno::rand<double>({32}, cb)));
}

TEST(Generator, ValuesDependOnTheirBlockIndexOnly) {
  // Element i of a float request comes from block first + i / 4: consecutive requests that fill whole blocks
  // concatenate to one request, whatever the split (so any parallel fill gives the same tensor).
  Generator whole(5), parts(5);
  const auto all = values(trueno::rand<float>({12}, whole));
  auto first = values(trueno::rand<float>({8}, parts));
  const auto second = values(trueno::rand<float>({4}, parts));
  first.insert(first.end(), second.begin(), second.end());
  EXPECT_EQ(all, first);
  EXPECT_EQ(whole.position(), 3U);
  const Generator probe(5);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i], static_cast<float>(probe.block(i / 4)[i % 4] >> 8) * 0x1p-24F) << i;
  }
  // A partial block is still consumed whole.
  Generator g(5);
  (void)trueno::rand<float>({5}, g);
  EXPECT_EQ(g.position(), 2U);
  (void)trueno::rand<double>({5}, g);
  EXPECT_EQ(g.position(), 5U);
}

TEST(Generator, ResultsDoNotDependOnTheThreadCount) {
  // Large enough to be split into several tasks on the thread pool.
  auto draw = [](int threads) {
    trueno::set_num_threads(threads);
    Generator g(21);
    auto x = values(trueno::randn<float>({300000}, g));
    const auto k = values(trueno::randint<std::int64_t>({100000}, -1000, 1000, g));
    x.insert(x.end(), k.begin(), k.end());  // exact in float: |k| <= 1000
    const auto u = values(trueno::rand<double>({100000}, g));
    x.push_back(static_cast<float>(std::accumulate(u.begin(), u.end(), 0.0)));
    return std::make_pair(x, g.position());
  };
  const auto one = draw(1);
  const auto four = draw(4);
  trueno::set_num_threads(0);
  EXPECT_EQ(one.second, four.second);
  EXPECT_EQ(one.first, four.first);
}

// ---- distributions ----

TEST(Rand, IsUniformOnZeroOne) {
  Generator g(2024);
  const auto v = values(trueno::rand<double>({200000}, g));
  EXPECT_GE(*std::min_element(v.begin(), v.end()), 0.0);
  EXPECT_LT(*std::max_element(v.begin(), v.end()), 1.0);
  const double n = static_cast<double>(v.size());
  EXPECT_NEAR(mean_of(v), 0.5, 5 * std::sqrt(1.0 / 12.0 / n));
  EXPECT_NEAR(var_of(v), 1.0 / 12.0, 5 * std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / n));
  EXPECT_LT(ks_statistic(v, [](double x) { return x; }), kKsCritical);
}

TEST(Rand, FloatIsUniformAndHasRankZeroForm) {
  Generator g(11);
  const auto v = values(trueno::rand<float>({100000}, g));
  EXPECT_LT(*std::max_element(v.begin(), v.end()), 1.0F);
  EXPECT_LT(ks_statistic(v, [](double x) { return x; }), kKsCritical);
  const auto s = trueno::rand<float>({}, g);
  static_assert(std::is_same_v<decltype(s), const Tensor<float, 0>>);
  EXPECT_GE(s.item(), 0.0F);
  EXPECT_LT(s.item(), 1.0F);
}

TEST(Uniform, StaysInsideTheBounds) {
  Generator g(3);
  const auto t = trueno::uniform<float>({4, 25000}, -2.0F, 6.0F, g);
  EXPECT_EQ(t.shape(), (std::array<std::size_t, 2>{4, 25000}));
  const auto v = values(t);
  EXPECT_GE(*std::min_element(v.begin(), v.end()), -2.0F);
  EXPECT_LT(*std::max_element(v.begin(), v.end()), 6.0F);
  EXPECT_NEAR(mean_of(v), 2.0, 5 * 8 * std::sqrt(1.0 / 12.0 / 100000.0));
  EXPECT_LT(ks_statistic(v, [](double x) { return (x + 2.0) / 8.0; }), kKsCritical);
  EXPECT_EQ(values(trueno::uniform<double>({3}, 1.5, 1.5, g)), (std::vector<double>{1.5, 1.5, 1.5}));
}

TEST(Uniform, RejectsBadBounds) {
  Generator g(3);
  expect_error<trueno::value_error>([&] { (void)trueno::uniform<float>({2}, 1.0F, 0.0F, g); },
                                    "uniform: need finite bounds with low <= high");
  expect_error<trueno::value_error>(
      [&] { (void)trueno::uniform<double>({2}, 0.0, std::numeric_limits<double>::infinity(), g); },
      "uniform: need finite bounds with low <= high");
}

TEST(Randn, IsStandardNormal) {
  Generator g(77);
  const auto v = values(trueno::randn<double>({200000}, g));
  const double n = static_cast<double>(v.size());
  EXPECT_NEAR(mean_of(v), 0.0, 5 / std::sqrt(n));
  EXPECT_NEAR(var_of(v), 1.0, 5 * std::sqrt(2.0 / n));
  EXPECT_LT(ks_statistic(v, normal_cdf), kKsCritical);
}

TEST(Randn, FloatIsStandardNormalIncludingOddCounts) {
  Generator g(78);
  const auto v = values(trueno::randn<float>({100001}, g));
  EXPECT_EQ(v.size(), 100001U);
  EXPECT_TRUE(std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); }));
  EXPECT_NEAR(mean_of(v), 0.0, 5 / std::sqrt(100001.0));
  EXPECT_LT(ks_statistic(v, normal_cdf), kKsCritical);
}

TEST(Normal, HasTheRequestedMeanAndDeviation) {
  Generator g(8);
  const auto v = values(trueno::normal<double>({100000}, 10.0, 3.0, g));
  EXPECT_NEAR(mean_of(v), 10.0, 5 * 3.0 / std::sqrt(1e5));
  EXPECT_NEAR(std::sqrt(var_of(v)), 3.0, 5 * 3.0 / std::sqrt(2e5));
  EXPECT_LT(ks_statistic(v, [](double x) { return normal_cdf((x - 10.0) / 3.0); }), kKsCritical);
  EXPECT_EQ(values(trueno::normal<float>({2}, 4.0F, 0.0F, g)), (std::vector<float>{4.0F, 4.0F}));
  expect_error<trueno::value_error>([&] { (void)trueno::normal<float>({2}, 0.0F, -1.0F, g); }, "scale < 0");
}

TEST(Randint, IsUniformOverTheRange) {
  Generator g(100);
  const auto v = values(trueno::randint<std::int32_t>({100000}, -3, 7, g));
  std::vector<std::size_t> counts(10);
  for (auto x : v) {
    ASSERT_GE(x, -3);
    ASSERT_LT(x, 7);
    ++counts[static_cast<std::size_t>(x) + 3];
  }
  EXPECT_LT(chi_square(counts), 27.88);  // 9 degrees of freedom, p = 0.001
}

TEST(Randint, IsUnbiasedForARangeThatDoesNotDivideTwoToThe64) {
  // [-2^63, 2^62) has 3 * 2^62 values: reducing a 64-bit draw modulo the range would put half of the draws in
  // the lowest third.
  Generator g(5);
  constexpr std::int64_t kQuarter = std::int64_t{1} << 62;
  constexpr std::int64_t kLo = std::numeric_limits<std::int64_t>::min();
  const auto v = values(trueno::randint<std::int64_t>({30000}, kLo, kQuarter, g));
  std::vector<std::size_t> counts(3);
  for (auto x : v) {
    ASSERT_LT(x, kQuarter);
    ++counts[x < -kQuarter ? 0 : (x < 0 ? 1 : 2)];
  }
  EXPECT_LT(chi_square(counts), 13.82);  // 2 degrees of freedom, p = 0.001
}

TEST(Randint, CoversTheFullInt64RangeAndRejectsEmptyRanges) {
  Generator g(6);
  constexpr auto lo = std::numeric_limits<std::int64_t>::min(), hi = std::numeric_limits<std::int64_t>::max();
  const auto v = values(trueno::randint<std::int64_t>({1000}, lo, hi, g));
  EXPECT_TRUE(std::any_of(v.begin(), v.end(), [](std::int64_t x) { return x < -(std::int64_t{1} << 61); }));
  EXPECT_TRUE(std::any_of(v.begin(), v.end(), [](std::int64_t x) { return x > (std::int64_t{1} << 61); }));
  EXPECT_EQ(values(trueno::randint<std::int32_t>({4}, 5, 6, g)), (std::vector<std::int32_t>{5, 5, 5, 5}));
  expect_error<trueno::value_error>([&] { (void)trueno::randint<std::int32_t>({2}, 3, 3, g); },
                                    "low >= high");
  EXPECT_EQ(trueno::randint<std::int64_t>({}, 0, 10, g).shape().size(), 0U);
}

TEST(Permutation, IsAPermutationWithEveryOrderEquallyLikely) {
  Generator g(12);
  auto p = values(trueno::permutation(1000, g));
  std::sort(p.begin(), p.end());
  std::vector<std::int64_t> iota(1000);
  std::iota(iota.begin(), iota.end(), std::int64_t{0});
  EXPECT_EQ(p, iota);
  std::map<std::vector<std::int64_t>, std::size_t> seen;
  for (int i = 0; i < 6000; ++i) ++seen[values(trueno::permutation(3, g))];
  ASSERT_EQ(seen.size(), 6U);
  std::vector<std::size_t> counts;
  counts.reserve(seen.size());
  for (const auto& [perm, c] : seen) counts.push_back(c);
  EXPECT_LT(chi_square(counts), 20.52);  // 5 degrees of freedom, p = 0.001
  EXPECT_EQ(trueno::permutation(0, g).size(), 0U);
}

TEST(Shuffle, ReordersRowsInPlaceKeepingEachRow) {
  Generator g(13);
  auto t = trueno::arange<int>(40).reshape({10, 4});
  trueno::shuffle(t, g);
  std::vector<int> firsts;
  for (std::size_t i = 0; i < 10; ++i) {
    const int f = t(i, 0);
    EXPECT_EQ(f % 4, 0);
    for (std::size_t j = 0; j < 4; ++j) EXPECT_EQ(t(i, j), f + static_cast<int>(j));
    firsts.push_back(f);
  }
  std::vector<int> sorted = firsts;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<int>{0, 4, 8, 12, 16, 20, 24, 28, 32, 36}));
  EXPECT_NE(firsts, sorted);  // 1 in 10! chance of staying in order for a working shuffle
}

TEST(Shuffle, WritesThroughAStridedView) {
  Generator g(14), h(14);
  auto base = trueno::arange<double>(20);
  const auto view = base.slice(trueno::range(trueno::none, trueno::none, 2));  // the even elements
  trueno::shuffle(view, g);
  for (std::size_t i = 1; i < 20; i += 2) EXPECT_EQ(base(i), static_cast<double>(i));
  const auto perm = values(trueno::permutation(10, h));  // the same draws
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(view(i), 2.0 * static_cast<double>(perm[i]));
}

TEST(Permutation, OfATensorReturnsAShuffledCopy) {
  Generator g(15);
  const auto t = trueno::arange<float>(8);
  const auto p = trueno::permutation(t, g);
  EXPECT_EQ(values(t), (std::vector<float>{0, 1, 2, 3, 4, 5, 6, 7}));
  auto v = values(p);
  std::sort(v.begin(), v.end());
  EXPECT_EQ(v, values(t));
}

}  // namespace
