// trueno — plain descriptions of the GPU: which device the context chose, and what it has done (transfer and
// submission counters). No Vulkan types here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "../version.hpp"

TRUENO_BEGIN_NAMESPACE
namespace gpu {

/// Vulkan's physical device types, in trueno's words.
enum class DeviceType { other, integrated, discrete, virtual_gpu, cpu };

/// "discrete", "integrated", "virtual", "cpu" or "other".
[[nodiscard]] constexpr std::string_view to_string(DeviceType t) noexcept {
  switch (t) {
    case DeviceType::integrated:
      return "integrated";
    case DeviceType::discrete:
      return "discrete";
    case DeviceType::virtual_gpu:
      return "virtual";
    case DeviceType::cpu:
      return "cpu";
    case DeviceType::other:
      break;
  }
  return "other";
}

/// The device the GPU context runs on.
struct DeviceInfo {
  std::string name;
  DeviceType type = DeviceType::other;
  bool unified_memory = false;    // tensors live in host-mapped memory (no staging copies)
  std::uint32_t api_version = 0;  // VK_MAKE_API_VERSION encoding
  bool validation = false;        // the Khronos validation layer is on (TRUENO_VULKAN_VALIDATION=1)
  double startup_ms = 0;          // loader + instance + device creation, of which:
  double loader_ms = 0;           //   dlopen of the loader
  double instance_ms = 0;         //   vkCreateInstance (the loader reads its drivers here)
  double device_ms = 0;           //   choosing the device and vkCreateDevice
};

/// Counters since process start (or the last reset_stats()). A transfer is one host<->device copy of one
/// tensor; a submit is one command-buffer batch sent to the queue.
struct Stats {
  std::uint64_t uploads = 0;
  std::uint64_t downloads = 0;
  std::uint64_t bytes_uploaded = 0;
  std::uint64_t bytes_downloaded = 0;
  std::uint64_t dispatches = 0;
  std::uint64_t submits = 0;
  std::uint64_t pipelines_created = 0;
  std::uint64_t validation_errors = 0;  // messages of error severity from the validation layer

  /// uploads + downloads.
  [[nodiscard]] std::uint64_t transfers() const noexcept { return uploads + downloads; }
};

}  // namespace gpu
TRUENO_END_NAMESPACE
