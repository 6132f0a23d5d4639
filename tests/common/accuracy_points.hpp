// Sweep sizes of the accuracy tests (tests/unit/math_accuracy*_test.cpp). TRUENO_ACCURACY_POINTS=<n> caps
// every sweep at n points (and a 2-D grid at sqrt(n) per side): the aarch64 CI stage runs the sweeps with
// 4096 points under QEMU, where long double is software quad precision. Unset, the tests sweep their full
// size.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <string>

namespace trueno_test {

// The cap from TRUENO_ACCURACY_POINTS, or 0 when it is unset or not a positive number.
inline std::size_t accuracy_points_cap() {
  const char* env = std::getenv("TRUENO_ACCURACY_POINTS");  // NOLINT(concurrency-mt-unsafe): read at start-up
  if (env == nullptr || *env == '\0') return 0;
  try {
    return static_cast<std::size_t>(std::stoull(env));
  } catch (...) {
    return 0;
  }
}

// min(full, cap): the number of points a sweep of `full` points takes.
inline std::size_t accuracy_points(std::size_t full) {
  const std::size_t cap = accuracy_points_cap();
  return (cap == 0 || cap >= full) ? full : cap;
}

// The side of a square grid of at most full_side^2 points, capped at sqrt(cap) (at least 2).
inline std::size_t accuracy_grid_side(std::size_t full_side) {
  const std::size_t cap = accuracy_points_cap();
  if (cap == 0) return full_side;
  std::size_t side = 2;
  while ((side + 1) * (side + 1) <= cap && side < full_side) ++side;
  return side;
}

}  // namespace trueno_test
