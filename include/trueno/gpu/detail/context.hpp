// trueno — the GPU context: the one Vulkan instance, device, compute queue, buffer pools, pipeline cache and
// command batch of the process, created on first use. Ops record into the open command buffer; a download
// (or gpu::synchronize) submits the batch once and waits. Everything here is serialised by one mutex.
//
// The narrow interface the tensor layer uses (allocate, upload, download, dispatch) is declared for every
// build; without Vulkan headers (TRUENO_GPU_VULKAN == 0) it belongs to a stub that reports "unavailable".
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>
#include <utility>

#include "../../core/error.hpp"
#include "../device_info.hpp"
#include "vulkan.hpp"

#if TRUENO_GPU_VULKAN
#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

#include "buffer_pool.hpp"
#endif

TRUENO_BEGIN_NAMESPACE
namespace gpu::detail {

/// TRUENO_GPU: off (never), auto (GPUs only, the default) or force (CPU-type devices such as lavapipe too).
enum class Mode { off, automatic, force };

/// Reads TRUENO_GPU once; value_error naming the variable on anything else.
inline Mode gpu_mode() {
  static const Mode mode = [] {
    const char* v = std::getenv("TRUENO_GPU");
    const std::string s = v == nullptr ? "" : v;
    if (s.empty() || s == "auto") return Mode::automatic;
    if (s == "off") return Mode::off;
    if (s == "force") return Mode::force;
    throw value_error("TRUENO_GPU: invalid value '" + s + "' (expected off, auto or force)");
  }();
  return mode;
}

/// Matmul tile shape, the shader's specialisation constants: a workgroup computes bm x bn of C in steps of
/// bk along K; each of its (bm / tm) * (bn / tn) invocations holds tm x tn accumulators; `stages`
/// shared-memory buffers per operand (2: double-buffered, one barrier per K-step).
struct MatmulTiles {
  std::uint32_t bm, bn, bk, tm, tn, stages;
  [[nodiscard]] constexpr std::uint32_t invocations() const noexcept { return (bm / tm) * (bn / tn); }
  /// Shared memory the shader declares (A's tile rows padded by one vec4 when bn / tn < 16).
  [[nodiscard]] constexpr std::uint32_t shared_bytes() const noexcept {
    return stages * 16 * (bm * (bk / 4 + (bn / tn < 16 ? 1 : 0)) + bk * (bn / 4));
  }
};

#if TRUENO_GPU_VULKAN

class Context;

/// A device allocation owned by (the storage of) a GPU tensor. Destroying it returns the range to its pool,
/// after the batch that may still use it has finished.
struct Buffer {
  Allocation alloc;
  BufferPool* pool = nullptr;
  Buffer() = default;
  Buffer(Allocation a, BufferPool* p) : alloc(a), pool(p) {}
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer();
};

/// A compute pipeline with its layouts; created on first use, cached for the process.
struct Pipeline {
  VkPipeline pipeline = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
};

inline constexpr std::uint32_t kPushConstantBytes = 128;  // the minimum every device guarantees
inline constexpr std::uint32_t kMaxSetsPerBatch = 1024;   // descriptor sets per command batch
inline constexpr std::uint32_t kMaxBindings = 4;
inline constexpr std::size_t kMaxDeferred = 4096;  // frees waiting for a batch before it is sent
inline constexpr std::size_t kMaxDeferredBytes = std::size_t{256} << 20;

class Context {
 public:
  Context() = default;
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  /// Only a context whose init() failed is destroyed; the live one is kept until exit on purpose (drivers may
  /// be torn down before static destructors run).
  ~Context() { destroy(); }

  /// Brings the GPU up; init_failure (a gpu_error) when there is no loader, driver or suitable device.
  void init(Mode mode) {
    const auto t0 = std::chrono::steady_clock::now();
    auto since = [](std::chrono::steady_clock::time_point t) {
      return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
    };
    library_ = std::make_unique<VulkanLibrary>();
    load_global_functions(vk, library_->get_instance_proc_addr());
    info.loader_ms = since(t0);
    const auto t1 = std::chrono::steady_clock::now();
    create_instance();
    load_instance_functions(vk, instance_);
    create_messenger();
    info.instance_ms = since(t1);
    const auto t2 = std::chrono::steady_clock::now();
    choose_device(mode);
    create_device();
    info.device_ms = since(t2);
    load_device_functions(vk, device_);
    vk.vkGetDeviceQueue(device_, queue_family_, 0, &queue_);
    create_pools();
    create_batch_objects();
    info.startup_ms = since(t0);
  }

  // ---- the interface used by the tensor layer; each locks the context ----

  std::shared_ptr<Buffer> allocate(std::size_t bytes) {
    const std::lock_guard lock(mutex_);
    auto a = device_pool_->allocate(bytes);
    try {
      return std::make_shared<Buffer>(a, device_pool_.get());
    } catch (...) {
      device_pool_->free(a);
      throw;
    }
  }

  /// Called by ~Buffer: frees now, or after the open batch when it may use the range.
  void release(const Allocation& a, BufferPool* pool) noexcept {
    const std::lock_guard lock(mutex_);
    if (recording_) {
      deferred_.emplace_back(pool, a);  // reserved ahead: allocates only past 2 * kMaxDeferred
      deferred_bytes_ += a.size;
    } else {
      pool->free(a);
    }
  }

  void upload(const Buffer& dst, const void* src, std::size_t bytes) {
    const std::lock_guard lock(mutex_);
    if (bytes == 0) return;
    if (dst.alloc.mapped != nullptr) {
      std::memcpy(dst.alloc.mapped, src, bytes);  // a fresh range: no recorded command uses it
    } else {
      const Allocation staging = staging_pool_->allocate(bytes);
      std::memcpy(staging.mapped, src, bytes);
      begin();
      deferred_.emplace_back(staging_pool_.get(), staging);
      const VkBufferCopy region{staging.offset, dst.alloc.offset, bytes};
      vk.vkCmdCopyBuffer(cmd_, staging.buffer, dst.alloc.buffer, 1, &region);
      barrier();
      deferred_bytes_ += staging.size;
      flush_if_backlogged();
    }
    ++stats.uploads;
    stats.bytes_uploaded += bytes;
  }

  void download(const Buffer& src, void* dst, std::size_t bytes) {
    const std::lock_guard lock(mutex_);
    if (bytes == 0) return;
    if (src.alloc.mapped != nullptr) {
      flush();
      std::memcpy(dst, src.alloc.mapped, bytes);
    } else {
      const Allocation staging = staging_pool_->allocate(bytes);
      try {
        begin();
        const VkBufferCopy region{src.alloc.offset, staging.offset, bytes};
        vk.vkCmdCopyBuffer(cmd_, src.alloc.buffer, staging.buffer, 1, &region);
        flush();
        std::memcpy(dst, staging.mapped, bytes);
      } catch (...) {
        staging_pool_->free(staging);
        throw;
      }
      staging_pool_->free(staging);
    }
    ++stats.downloads;
    stats.bytes_downloaded += bytes;
  }

  /// Records one dispatch of `code` (SPIR-V, entry point "main") specialised with constants 0, 1, ... =
  /// `spec`, binding `buffers` to bindings 0, 1, ... of set 0.
  void dispatch(std::span<const std::uint32_t> code, std::span<const std::uint32_t> spec,
                std::span<const Buffer* const> buffers, std::span<const std::byte> push,
                std::array<std::uint32_t, 3> groups) {
    const std::lock_guard lock(mutex_);
    const Pipeline& p = pipeline(code, spec, static_cast<std::uint32_t>(buffers.size()));
    if (sets_in_batch_ == kMaxSetsPerBatch) flush();
    begin();
    VkDescriptorSetAllocateInfo ai{};
    ai.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    ai.descriptorPool = descriptor_pool_;
    ai.descriptorSetCount = 1;
    ai.pSetLayouts = &p.set_layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    check(vk.vkAllocateDescriptorSets(device_, &ai, &set), "vkAllocateDescriptorSets");
    ++sets_in_batch_;
    std::array<VkDescriptorBufferInfo, kMaxBindings> infos{};
    std::array<VkWriteDescriptorSet, kMaxBindings> writes{};
    for (std::uint32_t i = 0; i < buffers.size(); ++i) {
      infos[i] = {buffers[i]->alloc.buffer, buffers[i]->alloc.offset, buffers[i]->alloc.size};
      writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
      writes[i].dstSet = set;
      writes[i].dstBinding = i;
      writes[i].descriptorCount = 1;
      writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
      writes[i].pBufferInfo = &infos[i];
    }
    vk.vkUpdateDescriptorSets(device_, static_cast<std::uint32_t>(buffers.size()), writes.data(), 0, nullptr);
    vk.vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p.pipeline);
    vk.vkCmdBindDescriptorSets(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p.layout, 0, 1, &set, 0, nullptr);
    if (!push.empty()) {
      vk.vkCmdPushConstants(cmd_, p.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0,
                            static_cast<std::uint32_t>(push.size()), push.data());
    }
    vk.vkCmdDispatch(cmd_, groups[0], groups[1], groups[2]);
    barrier();
    ++stats.dispatches;
    flush_if_backlogged();
  }

  /// Submits the open batch and waits for it.
  void synchronize() {
    const std::lock_guard lock(mutex_);
    flush();
  }

  /// The counters, read under the lock.
  [[nodiscard]] Stats stats_snapshot() {
    const std::lock_guard lock(mutex_);
    Stats s = stats;
    s.validation_errors = validation_errors.load();
    return s;
  }
  void reset_stats() {
    const std::lock_guard lock(mutex_);
    stats = {};
  }

  /// Bytes the device pool holds from the driver, and its live ranges (for tests of the pool).
  [[nodiscard]] std::pair<std::size_t, std::size_t> pool_usage() {
    const std::lock_guard lock(mutex_);
    return {static_cast<std::size_t>(device_pool_->reserved_bytes()), device_pool_->live_allocations()};
  }

  /// The largest single dispatch grid along x, y and z.
  [[nodiscard]] const std::uint32_t* max_groups() const noexcept {
    return properties_.limits.maxComputeWorkGroupCount;
  }
  /// Shared memory per workgroup, and invocations per workgroup, the device allows.
  [[nodiscard]] std::uint32_t max_shared_bytes() const noexcept {
    return properties_.limits.maxComputeSharedMemorySize;
  }
  [[nodiscard]] std::uint32_t max_invocations() const noexcept {
    return properties_.limits.maxComputeWorkGroupInvocations;
  }
  /// The most loop iterations one shader invocation may run in all: Mesa's lavapipe (llvmpipe) ends every
  /// loop after 65535 (its guard against endless loops), so longer work would be silently cut short; other
  /// devices have no such bound. The GEMM core checks its K loop against it (ops.hpp).
  [[nodiscard]] std::uint64_t max_loop_iterations() const noexcept {
    return info.name.find("llvmpipe") != std::string::npos ? 65535 : ~std::uint64_t{0};
  }

  DeviceInfo info;
  Stats stats;
  MatmulTiles matmul_tiles{128, 128, 8, 8, 8, 2};
  MatmulTiles conv_tiles{64, 128, 16, 4, 8, 2};  // conv2d's implicit GEMM (rows: output channels)
  std::uint32_t reduce_chunk = 8192;  // elements per workgroup in a pass of a whole-tensor reduction
  std::atomic<std::uint64_t> validation_errors{0};
  VulkanFunctions vk;

 private:
  // ---- bring-up ----

  void create_instance() {
    const char* want_validation = std::getenv("TRUENO_VULKAN_VALIDATION");
    const bool validation = want_validation != nullptr && std::string(want_validation) == "1";
    std::vector<const char*> layers, extensions;
    if (validation) {
      std::uint32_t n = 0;
      vk.vkEnumerateInstanceLayerProperties(&n, nullptr);
      std::vector<VkLayerProperties> props(n);
      vk.vkEnumerateInstanceLayerProperties(&n, props.data());
      for (const auto& l : props) {
        if (std::strcmp(l.layerName, "VK_LAYER_KHRONOS_validation") == 0)
          layers.push_back("VK_LAYER_KHRONOS_validation");
      }
      n = 0;
      vk.vkEnumerateInstanceExtensionProperties(nullptr, &n, nullptr);
      std::vector<VkExtensionProperties> exts(n);
      vk.vkEnumerateInstanceExtensionProperties(nullptr, &n, exts.data());
      for (const auto& e : exts) {
        if (std::strcmp(e.extensionName, VK_EXT_DEBUG_UTILS_EXTENSION_NAME) == 0) {
          extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
        }
      }
      // The validation layer provides debug utils itself.
      if (!layers.empty() && extensions.empty()) extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    }
    VkApplicationInfo app{};
    app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
    app.pApplicationName = "trueno";
    app.pEngineName = "trueno";
    app.apiVersion = VK_API_VERSION_1_1;
    const std::array<VkValidationFeatureEnableEXT, 1> enables{
        VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT};
    VkValidationFeaturesEXT features{};
    features.sType = VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT;
    features.enabledValidationFeatureCount = static_cast<std::uint32_t>(enables.size());
    features.pEnabledValidationFeatures = enables.data();
    VkInstanceCreateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
    ci.pNext = layers.empty() ? nullptr : &features;
    ci.pApplicationInfo = &app;
    ci.enabledLayerCount = static_cast<std::uint32_t>(layers.size());
    ci.ppEnabledLayerNames = layers.data();
    ci.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
    ci.ppEnabledExtensionNames = extensions.data();
    check<init_failure>(vk.vkCreateInstance(&ci, nullptr, &instance_), "vkCreateInstance");
    info.validation = !layers.empty();
  }

  static VKAPI_ATTR VkBool32 VKAPI_CALL on_validation_message(
      VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT /*types*/,
      const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
    if ((severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) != 0) {
      static_cast<Context*>(user)->validation_errors.fetch_add(1);
    }
    std::fprintf(stderr, "trueno: Vulkan validation: %s\n", data->pMessage);
    return VK_FALSE;
  }

  void create_messenger() {
    if (!info.validation || vk.vkCreateDebugUtilsMessengerEXT == nullptr) return;
    VkDebugUtilsMessengerCreateInfoEXT ci{};
    ci.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
    ci.messageSeverity =
        VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    ci.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    ci.pfnUserCallback = &on_validation_message;
    ci.pUserData = this;
    check<init_failure>(vk.vkCreateDebugUtilsMessengerEXT(instance_, &ci, nullptr, &messenger_),
                        "vkCreateDebugUtilsMessengerEXT");
  }

  static DeviceType to_device_type(VkPhysicalDeviceType t) noexcept {
    switch (t) {
      case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
        return DeviceType::integrated;
      case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
        return DeviceType::discrete;
      case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
        return DeviceType::virtual_gpu;
      case VK_PHYSICAL_DEVICE_TYPE_CPU:
        return DeviceType::cpu;
      default:
        return DeviceType::other;
    }
  }

  // Discrete > integrated > virtual > other; CPU-type devices only when forced.
  static int device_rank(DeviceType t, Mode mode) noexcept {
    switch (t) {
      case DeviceType::discrete:
        return 5;
      case DeviceType::integrated:
        return 4;
      case DeviceType::virtual_gpu:
        return 3;
      case DeviceType::other:
        return 2;
      case DeviceType::cpu:
        return mode == Mode::force ? 1 : 0;
    }
    return 0;
  }

  void choose_device(Mode mode) {
    std::uint32_t n = 0;
    vk.vkEnumeratePhysicalDevices(instance_, &n, nullptr);
    std::vector<VkPhysicalDevice> devices(n);
    if (n > 0) vk.vkEnumeratePhysicalDevices(instance_, &n, devices.data());
    int best = 0;
    for (VkPhysicalDevice d : devices) {
      VkPhysicalDeviceProperties props{};
      vk.vkGetPhysicalDeviceProperties(d, &props);
      const int rank = device_rank(to_device_type(props.deviceType), mode);
      const auto family = compute_family(d);
      if (rank > best && family >= 0) {
        best = rank;
        physical_ = d;
        properties_ = props;
        queue_family_ = static_cast<std::uint32_t>(family);
      }
    }
    if (physical_ == VK_NULL_HANDLE) {
      throw init_failure(n == 0 ? "no Vulkan device"
                                : "no Vulkan GPU with a compute queue (CPU devices need TRUENO_GPU=force)");
    }
    vk.vkGetPhysicalDeviceMemoryProperties(physical_, &memory_);
    info.name = properties_.deviceName;
    info.type = to_device_type(properties_.deviceType);
    info.api_version = properties_.apiVersion;
  }

  [[nodiscard]] int compute_family(VkPhysicalDevice d) const {
    std::uint32_t n = 0;
    vk.vkGetPhysicalDeviceQueueFamilyProperties(d, &n, nullptr);
    std::vector<VkQueueFamilyProperties> families(n);
    vk.vkGetPhysicalDeviceQueueFamilyProperties(d, &n, families.data());
    for (std::uint32_t i = 0; i < n; ++i) {
      if ((families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) != 0) return static_cast<int>(i);
    }
    return -1;
  }

  void create_device() {
    const float priority = 1.0F;
    VkDeviceQueueCreateInfo qi{};
    qi.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
    qi.queueFamilyIndex = queue_family_;
    qi.queueCount = 1;
    qi.pQueuePriorities = &priority;
    VkDeviceCreateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
    ci.queueCreateInfoCount = 1;
    ci.pQueueCreateInfos = &qi;
    check<init_failure>(vk.vkCreateDevice(physical_, &ci, nullptr, &device_), "vkCreateDevice");
  }

  // The memory type allowed by `allowed` with all of `required`, most of `preferred` and none of `avoided`
  // where possible; -1 when none has `required`.
  [[nodiscard]] int memory_type(std::uint32_t allowed, VkMemoryPropertyFlags required,
                                VkMemoryPropertyFlags preferred, VkMemoryPropertyFlags avoided) const {
    int best = -1, best_score = -1;
    for (std::uint32_t i = 0; i < memory_.memoryTypeCount; ++i) {
      const VkMemoryPropertyFlags f = memory_.memoryTypes[i].propertyFlags;
      if ((allowed & (1U << i)) == 0 || (f & required) != required) continue;
      const int score = (std::popcount(f & preferred) * 2) + ((f & avoided) == 0 ? 1 : 0);
      if (score > best_score) {
        best = static_cast<int>(i);
        best_score = score;
      }
    }
    return best;
  }

  void create_pools() {
    constexpr VkBufferUsageFlags usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT |
                                         VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    // Which memory types a buffer of this usage may live in.
    VkBufferCreateInfo bi{};
    bi.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
    bi.size = 4096;
    bi.usage = usage;
    bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    VkBuffer probe = VK_NULL_HANDLE;
    check<init_failure>(vk.vkCreateBuffer(device_, &bi, nullptr, &probe), "vkCreateBuffer");
    VkMemoryRequirements req{};
    vk.vkGetBufferMemoryRequirements(device_, probe, &req);
    vk.vkDestroyBuffer(device_, probe, nullptr);

    PoolOptions device{};
    device.usage = usage;
    device.alignment =
        std::max<VkDeviceSize>({256, properties_.limits.minStorageBufferOffsetAlignment, req.alignment});
    constexpr VkMemoryPropertyFlags host =
        VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    const bool shared_memory = info.type == DeviceType::cpu || info.type == DeviceType::integrated;
    const int unified = shared_memory
                            ? memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | host,
                                          VK_MEMORY_PROPERTY_HOST_CACHED_BIT, 0)
                            : -1;
    if (unified >= 0) {
      // Unified memory: tensors are mapped directly, no staging copies.
      device.memory_type = static_cast<std::uint32_t>(unified);
      device.mapped = true;
      info.unified_memory = true;
    } else {
      const int local = memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0,
                                    VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT);
      const int staging = memory_type(req.memoryTypeBits, host, VK_MEMORY_PROPERTY_HOST_CACHED_BIT,
                                      VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
      if (local < 0 || staging < 0)
        throw init_failure("the Vulkan device lacks device-local or host-visible memory");
      device.memory_type = static_cast<std::uint32_t>(local);
      device.keep_empty = 8;  // up to 512 MiB of device memory kept warm between batches
      PoolOptions stage = device;
      stage.keep_empty = 1;
      stage.memory_type = static_cast<std::uint32_t>(staging);
      stage.heap_size = memory_.memoryHeaps[memory_.memoryTypes[staging].heapIndex].size;
      stage.mapped = true;
      staging_pool_ = std::make_unique<BufferPool>(vk, device_, stage);
    }
    device.heap_size =
        std::min<VkDeviceSize>(memory_.memoryHeaps[memory_.memoryTypes[device.memory_type].heapIndex].size,
                               properties_.limits.maxStorageBufferRange);
    device_pool_ = std::make_unique<BufferPool>(vk, device_, device);
  }

  void create_batch_objects() {
    VkCommandPoolCreateInfo pi{};
    pi.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pi.queueFamilyIndex = queue_family_;
    check<init_failure>(vk.vkCreateCommandPool(device_, &pi, nullptr, &command_pool_), "vkCreateCommandPool");
    VkCommandBufferAllocateInfo ai{};
    ai.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    ai.commandPool = command_pool_;
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    check<init_failure>(vk.vkAllocateCommandBuffers(device_, &ai, &cmd_), "vkAllocateCommandBuffers");
    VkFenceCreateInfo fi{};
    fi.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    check<init_failure>(vk.vkCreateFence(device_, &fi, nullptr, &fence_), "vkCreateFence");
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kMaxSetsPerBatch * kMaxBindings};
    VkDescriptorPoolCreateInfo di{};
    di.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    di.maxSets = kMaxSetsPerBatch;
    di.poolSizeCount = 1;
    di.pPoolSizes = &size;
    check<init_failure>(vk.vkCreateDescriptorPool(device_, &di, nullptr, &descriptor_pool_),
                        "vkCreateDescriptorPool");
    VkPipelineCacheCreateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO;
    check<init_failure>(vk.vkCreatePipelineCache(device_, &ci, nullptr, &pipeline_cache_),
                        "vkCreatePipelineCache");
    deferred_.reserve(2 * kMaxDeferred);  // so that release() rarely allocates
    // Tile shapes by device class: small workgroups for CPU-type devices (lavapipe); 128x128x16 tiles, 8x8
    // per invocation, double-buffered, measured best on an H100 (benchmarks/bench_gpu.cpp,
    // docs/performance.md).
    matmul_tiles =
        info.type == DeviceType::cpu ? MatmulTiles{32, 32, 8, 4, 4, 2} : MatmulTiles{128, 128, 16, 8, 8, 2};
    // conv2d: 64x64x16 tiles, 4x4 per invocation, measured best on the H100 for 64 output channels.
    conv_tiles =
        info.type == DeviceType::cpu ? MatmulTiles{32, 32, 8, 4, 4, 2} : MatmulTiles{64, 64, 16, 4, 4, 2};
  }

  void destroy() noexcept {
    if (device_ != VK_NULL_HANDLE && vk.vkDestroyDevice != nullptr) {  // the device functions are loaded
      vk.vkDeviceWaitIdle(device_);
      for (auto& [key, p] : pipelines_) vk.vkDestroyPipeline(device_, p.pipeline, nullptr);
      for (auto& [n, l] : layouts_) {
        vk.vkDestroyPipelineLayout(device_, l.layout, nullptr);
        vk.vkDestroyDescriptorSetLayout(device_, l.set_layout, nullptr);
      }
      if (pipeline_cache_ != VK_NULL_HANDLE) vk.vkDestroyPipelineCache(device_, pipeline_cache_, nullptr);
      if (descriptor_pool_ != VK_NULL_HANDLE) vk.vkDestroyDescriptorPool(device_, descriptor_pool_, nullptr);
      if (fence_ != VK_NULL_HANDLE) vk.vkDestroyFence(device_, fence_, nullptr);
      if (command_pool_ != VK_NULL_HANDLE) vk.vkDestroyCommandPool(device_, command_pool_, nullptr);
      staging_pool_.reset();
      device_pool_.reset();
      vk.vkDestroyDevice(device_, nullptr);
    }
    if (messenger_ != VK_NULL_HANDLE) vk.vkDestroyDebugUtilsMessengerEXT(instance_, messenger_, nullptr);
    if (instance_ != VK_NULL_HANDLE) vk.vkDestroyInstance(instance_, nullptr);
  }

  // ---- pipelines ----

  // The descriptor-set and pipeline layout for `bindings` storage buffers and 128 bytes of push constants.
  const Pipeline& layout(std::uint32_t bindings) {
    auto it = layouts_.find(bindings);
    if (it != layouts_.end()) return it->second;
    Pipeline l;
    std::array<VkDescriptorSetLayoutBinding, kMaxBindings> b{};
    for (std::uint32_t i = 0; i < bindings; ++i) {
      b[i].binding = i;
      b[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
      b[i].descriptorCount = 1;
      b[i].stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
    }
    VkDescriptorSetLayoutCreateInfo si{};
    si.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    si.bindingCount = bindings;
    si.pBindings = b.data();
    check(vk.vkCreateDescriptorSetLayout(device_, &si, nullptr, &l.set_layout),
          "vkCreateDescriptorSetLayout");
    const VkPushConstantRange range{VK_SHADER_STAGE_COMPUTE_BIT, 0, kPushConstantBytes};
    VkPipelineLayoutCreateInfo li{};
    li.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
    li.setLayoutCount = 1;
    li.pSetLayouts = &l.set_layout;
    li.pushConstantRangeCount = 1;
    li.pPushConstantRanges = &range;
    const VkResult r = vk.vkCreatePipelineLayout(device_, &li, nullptr, &l.layout);
    if (r != VK_SUCCESS) {
      vk.vkDestroyDescriptorSetLayout(device_, l.set_layout, nullptr);
      check(r, "vkCreatePipelineLayout");
    }
    return layouts_.emplace(bindings, l).first->second;
  }

  const Pipeline& pipeline(std::span<const std::uint32_t> code, std::span<const std::uint32_t> spec,
                           std::uint32_t bindings) {
    if (bindings > kMaxBindings || spec.size() > 16)
      throw gpu_error("pipeline: too many bindings or constants");
    PipelineKey key{reinterpret_cast<std::uintptr_t>(code.data()), {spec.begin(), spec.end()}};
    auto it = pipelines_.find(key);
    if (it != pipelines_.end()) return it->second;
    Pipeline p = layout(bindings);
    VkShaderModuleCreateInfo mi{};
    mi.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
    mi.codeSize = code.size_bytes();
    mi.pCode = code.data();
    VkShaderModule module = VK_NULL_HANDLE;
    check(vk.vkCreateShaderModule(device_, &mi, nullptr, &module), "vkCreateShaderModule");
    std::array<VkSpecializationMapEntry, 16> entries{};
    for (std::uint32_t i = 0; i < spec.size(); ++i) {
      entries[i] = {i, static_cast<std::uint32_t>(i * sizeof(std::uint32_t)), sizeof(std::uint32_t)};
    }
    VkSpecializationInfo si{};
    si.mapEntryCount = static_cast<std::uint32_t>(spec.size());
    si.pMapEntries = entries.data();
    si.dataSize = spec.size_bytes();
    si.pData = spec.data();
    VkComputePipelineCreateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
    ci.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
    ci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    ci.stage.module = module;
    ci.stage.pName = "main";
    ci.stage.pSpecializationInfo = spec.empty() ? nullptr : &si;
    ci.layout = p.layout;
    const VkResult r = vk.vkCreateComputePipelines(device_, pipeline_cache_, 1, &ci, nullptr, &p.pipeline);
    vk.vkDestroyShaderModule(device_, module, nullptr);
    check(r, "vkCreateComputePipelines");
    ++stats.pipelines_created;
    return pipelines_.emplace(std::move(key), p).first->second;
  }

  // ---- the command batch ----

  void begin() {
    if (recording_) return;
    VkCommandBufferBeginInfo bi{};
    bi.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    check(vk.vkBeginCommandBuffer(cmd_, &bi), "vkBeginCommandBuffer");
    recording_ = true;
  }

  // Orders everything recorded so far (shader and transfer writes) before everything after it.
  void barrier(VkPipelineStageFlags dst_stage = VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT |
                                                VK_PIPELINE_STAGE_TRANSFER_BIT,
               VkAccessFlags dst_access = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT |
                                          VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT) {
    VkMemoryBarrier mb{};
    mb.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    mb.dstAccessMask = dst_access;
    vk.vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                            dst_stage, 0, 1, &mb, 0, nullptr, 0, nullptr);
  }

  // Submits the open batch, waits, and frees what waited for it.
  void flush() {
    if (recording_) {
      barrier(VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT);
      recording_ = false;
      sets_in_batch_ = 0;
      check(vk.vkEndCommandBuffer(cmd_), "vkEndCommandBuffer");
      VkSubmitInfo si{};
      si.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
      si.commandBufferCount = 1;
      si.pCommandBuffers = &cmd_;
      check(vk.vkQueueSubmit(queue_, 1, &si, fence_), "vkQueueSubmit");
      ++stats.submits;
      check(vk.vkWaitForFences(device_, 1, &fence_, VK_TRUE, UINT64_MAX), "vkWaitForFences");
      check(vk.vkResetFences(device_, 1, &fence_), "vkResetFences");
      check(vk.vkResetCommandBuffer(cmd_, 0), "vkResetCommandBuffer");
      check(vk.vkResetDescriptorPool(device_, descriptor_pool_, 0), "vkResetDescriptorPool");
    }
    for (auto& [pool, a] : deferred_) pool->free(a);
    deferred_.clear();
    deferred_bytes_ = 0;
  }

  // Bounds the memory held by frees waiting for the open batch (many uploads without a download).
  void flush_if_backlogged() {
    if (deferred_.size() >= kMaxDeferred || deferred_bytes_ >= kMaxDeferredBytes) flush();
  }

  using PipelineKey = std::pair<std::uintptr_t, std::vector<std::uint32_t>>;

  std::mutex mutex_;
  std::unique_ptr<VulkanLibrary> library_;
  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  VkPhysicalDevice physical_ = VK_NULL_HANDLE;
  VkPhysicalDeviceProperties properties_{};
  VkPhysicalDeviceMemoryProperties memory_{};
  std::uint32_t queue_family_ = 0;
  VkDevice device_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  std::unique_ptr<BufferPool> device_pool_;
  std::unique_ptr<BufferPool> staging_pool_;  // null on unified memory
  VkCommandPool command_pool_ = VK_NULL_HANDLE;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  VkFence fence_ = VK_NULL_HANDLE;
  VkDescriptorPool descriptor_pool_ = VK_NULL_HANDLE;
  VkPipelineCache pipeline_cache_ = VK_NULL_HANDLE;
  std::map<std::uint32_t, Pipeline> layouts_;
  std::map<PipelineKey, Pipeline> pipelines_;
  bool recording_ = false;
  std::uint32_t sets_in_batch_ = 0;
  std::vector<std::pair<BufferPool*, Allocation>> deferred_;
  std::size_t deferred_bytes_ = 0;
};

/// The process's context: created on the first call (thread-safe), null when the GPU is unavailable; `why`
/// then says why (for gpu_error messages).
struct Runtime {
  Context* context = nullptr;
  std::string why;
};

inline const Runtime& runtime() {
  static const Runtime r = [] {
    Runtime out;
    const Mode mode = gpu_mode();
    if (mode == Mode::off) {
      out.why = "TRUENO_GPU=off";
      return out;
    }
    auto ctx = std::make_unique<Context>();
    try {
      ctx->init(mode);
      out.context = ctx.release();  // kept until exit, never destroyed (see ~Context)
    } catch (const gpu_error& e) {
      out.why = e.what();
    }
    return out;
  }();
  return r;
}

/// The live context; gpu_error naming the reason when there is none.
inline Context& context() {
  const Runtime& r = runtime();
  if (r.context == nullptr) throw gpu_error("no GPU available: " + r.why);
  return *r.context;
}

inline Buffer::~Buffer() {
  if (pool != nullptr) context().release(alloc, pool);
}

#else  // !TRUENO_GPU_VULKAN: the stub

/// Without Vulkan headers there are no device buffers.
struct Buffer {};

class Context {
 public:
  DeviceInfo info;
  Stats stats;
  MatmulTiles matmul_tiles{128, 128, 8, 8, 8, 2};
  MatmulTiles conv_tiles{64, 128, 16, 4, 8, 2};
  std::uint32_t reduce_chunk = 8192;
  std::shared_ptr<Buffer> allocate(std::size_t /*bytes*/) { return nullptr; }
  void upload(const Buffer&, const void*, std::size_t) {}
  void download(const Buffer&, void*, std::size_t) {}
  void dispatch(std::span<const std::uint32_t>, std::span<const std::uint32_t>,
                std::span<const Buffer* const>, std::span<const std::byte>, std::array<std::uint32_t, 3>) {}
  void synchronize() {}
  [[nodiscard]] Stats stats_snapshot() { return stats; }
  void reset_stats() {}
  [[nodiscard]] std::pair<std::size_t, std::size_t> pool_usage() { return {0, 0}; }
  [[nodiscard]] const std::uint32_t* max_groups() const noexcept { return nullptr; }
  [[nodiscard]] std::uint32_t max_shared_bytes() const noexcept { return 0; }
  [[nodiscard]] std::uint32_t max_invocations() const noexcept { return 0; }
  [[nodiscard]] std::uint64_t max_loop_iterations() const noexcept { return 0; }
};

struct Runtime {
  Context* context = nullptr;
  std::string why = "trueno was compiled without <vulkan/vulkan_core.h>";
};
inline const Runtime& runtime() {
  static const Runtime r;
  return r;
}
inline Context& context() { throw gpu_error("no GPU available: " + runtime().why); }

#endif  // TRUENO_GPU_VULKAN

}  // namespace gpu::detail
TRUENO_END_NAMESPACE
