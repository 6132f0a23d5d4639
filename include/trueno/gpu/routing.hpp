// trueno — automatic routing of host tensors to the GPU: a float trueno::matmul of two 2-D tensors, or a
// float trueno::conv2d (groups = 1), runs on the GPU (upload, compute, download) when its work is at least
// the device's threshold. The thresholds are measured once per process by a short calibration (CPU against
// GPU round trips at a few sizes) on the first product large enough to matter; a user can set them. CPU-type
// devices (lavapipe) never get routed work unless TRUENO_GPU=force, which also drops the thresholds to 0. A
// GPU failure (gpu_error, e.g. out of device memory) falls back to the CPU.
#pragma once

#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <optional>
#include <vector>

#include "conv.hpp"
#include "ops.hpp"

TRUENO_BEGIN_NAMESPACE
namespace gpu {

/// Work, in floating-point operations (2 * m * n * k for a product; 2 * N * C_out * OH * OW * C_in * kH * kW
/// for a convolution), from which a host op runs on the GPU. Infinity: never; 0: always.
struct RoutingThresholds {
  double matmul_flops = std::numeric_limits<double>::infinity();
  double conv2d_flops = std::numeric_limits<double>::infinity();
};

namespace detail {

/// Below this much work a host op never triggers GPU start-up or calibration (auto mode).
inline constexpr double kRoutingFloorFlops = 2.0 * 128 * 128 * 128;

// AddressSanitizer builds route nothing by themselves (auto mode): bringing up a Vulkan driver there would
// make the driver's own allocations part of the leak report. TRUENO_GPU=force and user thresholds still
// route.
#if defined(__SANITIZE_ADDRESS__)
#define TRUENO_GPU_ROUTING_SANITIZED_ 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TRUENO_GPU_ROUTING_SANITIZED_ 1
#endif
#endif
#ifdef TRUENO_GPU_ROUTING_SANITIZED_
inline constexpr bool kAutoRouting = false;
#undef TRUENO_GPU_ROUTING_SANITIZED_
#else
inline constexpr bool kAutoRouting = true;
#endif

struct RoutingState {
  std::mutex mutex;
  std::atomic<bool> has_user{false};  // user.has_value(), readable without the mutex (the hot path)
  std::optional<RoutingThresholds> user;
  std::optional<RoutingThresholds> measured;
};
inline RoutingState& routing_state() {
  static RoutingState s;
  return s;
}
/// Set while the calibration runs its CPU references on this thread: nothing is routed then.
inline thread_local bool routing_suspended = false;

template <class F>
double best_ms(F f, int runs) {
  double best = std::numeric_limits<double>::infinity();
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best,
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

/// The smallest work of `sizes` (ascending, as work(size)) at which `gpu_ms` beats `cpu_ms`; infinity when
/// the GPU never wins. Stops after about `budget_ms` of measuring (then: the next size's work).
template <class Work, class Cpu, class Gpu>
double crossover(const std::vector<std::size_t>& sizes, Work work, Cpu cpu_ms, Gpu gpu_ms, double budget_ms) {
  double spent = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const double c = cpu_ms(sizes[i]);
    const double g = gpu_ms(sizes[i]);
    if (g < c) return work(sizes[i]);
    spent += 3 * (c + g);
    if (spent > budget_ms)
      return i + 1 < sizes.size() ? work(sizes[i + 1]) : std::numeric_limits<double>::infinity();
  }
  return std::numeric_limits<double>::infinity();
}

/// Measures the thresholds on the current device: square matmuls n = 64 .. 2048 and 3x3 convolutions of 32
/// channels on s x s images, each timed on the CPU and as a GPU round trip (upload, compute, download), best
/// of 2 after a warm-up. Takes well under a second on a discrete GPU.
inline RoutingThresholds measure_thresholds() {
  routing_suspended = true;
  struct Resume {
    ~Resume() { routing_suspended = false; }
  } resume;
  RoutingThresholds t;
  const auto filled = [](std::size_t n) {
    auto h = ::trueno::detail::empty_tensor<float>(Shape<1>{n});
    for (std::size_t i = 0; i < n; ++i) h.data()[i] = static_cast<float>(i % 7) * 0.25F - 0.75F;
    return h;
  };
  {
    const auto square = [&](std::size_t n) { return filled(n * n).reshape({n, n}); };
    t.matmul_flops = crossover(
        {64, 128, 256, 512, 1024, 2048}, [](std::size_t n) { return 2.0 * static_cast<double>(n * n * n); },
        [&](std::size_t n) {
          const auto a = square(n);
          return best_ms([&] { (void)::trueno::matmul(a, a); }, 2);
        },
        [&](std::size_t n) {
          const auto a = square(n);
          const auto round_trip = [&] {
            const auto g = device().transfer(a);
            (void)::trueno::matmul(g, g).cpu();
          };
          round_trip();  // pipeline creation
          return best_ms(round_trip, 2);
        },
        400.0);
  }
  {
    constexpr std::size_t c = 32;
    const auto work = [](std::size_t s) { return 2.0 * static_cast<double>(c * c * 9 * s * s); };
    t.conv2d_flops = crossover(
        {8, 16, 32, 64, 128}, work,
        [&](std::size_t s) {
          const auto x = filled(c * s * s).reshape({1, c, s, s});
          const auto w = filled(c * c * 9).reshape({c, c, 3, 3});
          return best_ms([&] { (void)::trueno::conv2d(x, w, {.padding = 1}); }, 2);
        },
        [&](std::size_t s) {
          const auto x = filled(c * s * s).reshape({1, c, s, s});
          const auto w = filled(c * c * 9).reshape({c, c, 3, 3});
          const auto round_trip = [&] {
            (void)::trueno::conv2d(device().transfer(x), device().transfer(w), {.padding = 1}).cpu();
          };
          round_trip();
          return best_ms(round_trip, 2);
        },
        400.0);
  }
  return t;
}

/// The thresholds in effect for a host op of `flops` work; infinity when the GPU is off, unavailable, or a
/// CPU-type device not forced. Small work decides without bringing the GPU up.
inline RoutingThresholds thresholds_for(double flops) {
  const Mode mode = gpu_mode();
  if (mode == Mode::off) return {};
  RoutingState& s = routing_state();
  // Every host float matmul and conv2d asks: small work without user thresholds decides here, lock-free.
  if (mode == Mode::automatic && !s.has_user.load(std::memory_order_acquire) &&
      (!kAutoRouting || flops < kRoutingFloorFlops)) {
    return {};
  }
  std::optional<RoutingThresholds> user;
  {
    const std::lock_guard lock(s.mutex);
    user = s.user;
  }
  if (user) {
    if (flops < std::min(user->matmul_flops, user->conv2d_flops)) return *user;
  } else if (mode == Mode::automatic && (!kAutoRouting || flops < kRoutingFloorFlops)) {
    return {};
  }
  if (!available()) return {};
  if (mode != Mode::force && info().type == DeviceType::cpu) return {};
  if (user) return *user;
  if (mode == Mode::force) return {0, 0};
  const std::lock_guard lock(s.mutex);
  if (!s.measured) s.measured = measure_thresholds();
  return *s.measured;
}

inline bool route_matmul(const Tensor<const float, 2>& a, const Tensor<const float, 2>& b,
                         const Tensor<float, 2>& out) {
  if (routing_suspended || !out.is_contiguous() || out.size() == 0) return false;
  const double flops = 2.0 * static_cast<double>(a.shape()[0]) * static_cast<double>(a.shape()[1]) *
                       static_cast<double>(b.shape()[1]);
  if (flops < thresholds_for(flops).matmul_flops) return false;
  try {
    const auto c = ::trueno::matmul(device().transfer(a), device().transfer(b));
    context().download(c.buffer(), out.data(), out.size() * sizeof(float));
    return true;
  } catch (const gpu_error&) {
    return false;  // e.g. out of device memory: the CPU computes it
  }
}

inline bool route_conv2d(const float* x, const float* w, const float* bias, float* out,
                         const ::trueno::detail::ConvGeometry& g) {
  const std::size_t out_size = g.batch * g.c_out * g.oh * g.ow;
  if (routing_suspended || g.groups != 1 || out_size == 0) return false;
  const double flops = 2.0 * static_cast<double>(out_size) * static_cast<double>(g.c_in * g.kh * g.kw);
  if (flops < thresholds_for(flops).conv2d_flops) return false;
  const auto upload = [](const float* p, std::size_t n) {
    auto t = empty_device_tensor<float>(Shape<1>{n});
    if (n > 0) context().upload(t.buffer(), p, n * sizeof(float));
    return t;
  };
  try {
    const auto gx = upload(x, g.batch * g.c_in * g.h * g.w);
    const auto gw = upload(w, g.c_out * g.c_in * g.kh * g.kw);
    const auto gy = empty_device_tensor<float>(Shape<1>{out_size});
    if (bias != nullptr) {
      const auto gb = upload(bias, g.c_out);
      record_conv2d(gx.buffer(), gw.buffer(), &gb.buffer(), gy.buffer(), g);
    } else {
      record_conv2d(gx.buffer(), gw.buffer(), nullptr, gy.buffer(), g);
    }
    context().download(gy.buffer(), out, out_size * sizeof(float));
    return true;
  } catch (const gpu_error&) {
    return false;  // e.g. out of device memory or too large a grid: the CPU computes it
  }
}

/// Installs the routes into the host matmul and conv2d once, when this header is part of the program.
inline const bool routes_installed = [] {
  ::trueno::detail::gpu_matmul_route = &route_matmul;
  ::trueno::detail::gpu_conv2d_route = &route_conv2d;
  return true;
}();

}  // namespace detail

/// The thresholds host matmul and conv2d are routed by: the user's (set_routing_thresholds), else
/// TRUENO_GPU=force's (0: everything), else the calibration's (measured now if not yet); infinity where
/// nothing is routed.
[[nodiscard]] inline RoutingThresholds routing_thresholds() {
  return detail::thresholds_for(std::numeric_limits<double>::infinity());
}

/// Overrides the measured thresholds (and TRUENO_GPU=force's) for the process, e.g. `{.matmul_flops = 1e9}`;
/// `{}` (infinity) keeps every host op on the CPU. A CPU-type device still needs TRUENO_GPU=force.
inline void set_routing_thresholds(const RoutingThresholds& t) {
  auto& s = detail::routing_state();
  const std::lock_guard lock(s.mutex);
  s.user = t;
  s.has_user.store(true, std::memory_order_release);
}

/// Back to the measured (or forced) thresholds.
inline void reset_routing_thresholds() {
  auto& s = detail::routing_state();
  const std::lock_guard lock(s.mutex);
  s.user.reset();
  s.has_user.store(false, std::memory_order_release);
}

}  // namespace gpu
TRUENO_END_NAMESPACE
