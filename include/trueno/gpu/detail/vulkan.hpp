// trueno — the Vulkan declarations and the function table, loaded at run time with dlopen. trueno never links
// the Vulkan loader: a program built with it runs where no loader exists (the GPU is then simply
// unavailable). Where <vulkan/vulkan_core.h> is missing, TRUENO_GPU_VULKAN is 0 and the GPU layer compiles to
// a stub whose gpu::available() is false.
#pragma once

// -DTRUENO_GPU_VULKAN=0 forces the stub (what a consumer without Vulkan headers gets).
#ifndef TRUENO_GPU_VULKAN
#if defined(__has_include)
#if __has_include(<vulkan/vulkan_core.h>) && __has_include(<dlfcn.h>)
#define TRUENO_GPU_VULKAN 1
#endif
#endif
#endif
#ifndef TRUENO_GPU_VULKAN
#define TRUENO_GPU_VULKAN 0
#endif

#if TRUENO_GPU_VULKAN
// Only the types and the PFN_ pointer types are used: no prototype, so nothing to link.
#ifndef VK_NO_PROTOTYPES
#define VK_NO_PROTOTYPES
#define TRUENO_DEFINED_VK_NO_PROTOTYPES
#endif
#include <dlfcn.h>
#include <vulkan/vulkan_core.h>
#ifdef TRUENO_DEFINED_VK_NO_PROTOTYPES
#undef VK_NO_PROTOTYPES
#undef TRUENO_DEFINED_VK_NO_PROTOTYPES
#endif

#include <cstdlib>
#include <cstring>
#include <string>

#include "../../core/error.hpp"

TRUENO_BEGIN_NAMESPACE
namespace gpu::detail {

// X-macro lists of the entry points trueno calls, by the level that loads them.
#define TRUENO_VK_GLOBAL_FUNCTIONS(X)   \
  X(vkCreateInstance)                   \
  X(vkEnumerateInstanceLayerProperties) \
  X(vkEnumerateInstanceExtensionProperties)

#define TRUENO_VK_INSTANCE_FUNCTIONS(X)       \
  X(vkDestroyInstance)                        \
  X(vkEnumeratePhysicalDevices)               \
  X(vkGetPhysicalDeviceProperties)            \
  X(vkGetPhysicalDeviceQueueFamilyProperties) \
  X(vkGetPhysicalDeviceMemoryProperties)      \
  X(vkCreateDevice)                           \
  X(vkGetDeviceProcAddr)

// Optional: present only with VK_EXT_debug_utils (the validation run).
#define TRUENO_VK_DEBUG_FUNCTIONS(X) \
  X(vkCreateDebugUtilsMessengerEXT)  \
  X(vkDestroyDebugUtilsMessengerEXT)

#define TRUENO_VK_DEVICE_FUNCTIONS(X) \
  X(vkDestroyDevice)                  \
  X(vkGetDeviceQueue)                 \
  X(vkCreateBuffer)                   \
  X(vkDestroyBuffer)                  \
  X(vkGetBufferMemoryRequirements)    \
  X(vkAllocateMemory)                 \
  X(vkFreeMemory)                     \
  X(vkBindBufferMemory)               \
  X(vkMapMemory)                      \
  X(vkCreateShaderModule)             \
  X(vkDestroyShaderModule)            \
  X(vkCreateDescriptorSetLayout)      \
  X(vkDestroyDescriptorSetLayout)     \
  X(vkCreatePipelineLayout)           \
  X(vkDestroyPipelineLayout)          \
  X(vkCreatePipelineCache)            \
  X(vkDestroyPipelineCache)           \
  X(vkCreateComputePipelines)         \
  X(vkDestroyPipeline)                \
  X(vkCreateDescriptorPool)           \
  X(vkDestroyDescriptorPool)          \
  X(vkResetDescriptorPool)            \
  X(vkAllocateDescriptorSets)         \
  X(vkUpdateDescriptorSets)           \
  X(vkCreateCommandPool)              \
  X(vkDestroyCommandPool)             \
  X(vkAllocateCommandBuffers)         \
  X(vkResetCommandBuffer)             \
  X(vkBeginCommandBuffer)             \
  X(vkEndCommandBuffer)               \
  X(vkCmdBindPipeline)                \
  X(vkCmdBindDescriptorSets)          \
  X(vkCmdPushConstants)               \
  X(vkCmdDispatch)                    \
  X(vkCmdPipelineBarrier)             \
  X(vkCmdCopyBuffer)                  \
  X(vkCreateFence)                    \
  X(vkDestroyFence)                   \
  X(vkResetFences)                    \
  X(vkWaitForFences)                  \
  X(vkQueueSubmit)                    \
  X(vkDeviceWaitIdle)

/// Every Vulkan entry point trueno uses; null until loaded.
struct VulkanFunctions {
  PFN_vkGetInstanceProcAddr vkGetInstanceProcAddr = nullptr;
#define TRUENO_VK_MEMBER(name) PFN_##name name = nullptr;
  TRUENO_VK_GLOBAL_FUNCTIONS(TRUENO_VK_MEMBER)
  TRUENO_VK_INSTANCE_FUNCTIONS(TRUENO_VK_MEMBER)
  TRUENO_VK_DEBUG_FUNCTIONS(TRUENO_VK_MEMBER)
  TRUENO_VK_DEVICE_FUNCTIONS(TRUENO_VK_MEMBER)
#undef TRUENO_VK_MEMBER
};

/// Thrown while bringing the GPU up; caught by the context, which then reports "unavailable".
struct init_failure : gpu_error {
  using gpu_error::gpu_error;
};

/// The name of a VkResult, for messages.
inline std::string result_name(VkResult r) {
  switch (r) {
    case VK_SUCCESS:
      return "VK_SUCCESS";
    case VK_ERROR_OUT_OF_HOST_MEMORY:
      return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY:
      return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
    case VK_ERROR_INITIALIZATION_FAILED:
      return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_DEVICE_LOST:
      return "VK_ERROR_DEVICE_LOST";
    case VK_ERROR_LAYER_NOT_PRESENT:
      return "VK_ERROR_LAYER_NOT_PRESENT";
    case VK_ERROR_EXTENSION_NOT_PRESENT:
      return "VK_ERROR_EXTENSION_NOT_PRESENT";
    case VK_ERROR_INCOMPATIBLE_DRIVER:
      return "VK_ERROR_INCOMPATIBLE_DRIVER";
    case VK_ERROR_OUT_OF_POOL_MEMORY:
      return "VK_ERROR_OUT_OF_POOL_MEMORY";
    case VK_ERROR_FRAGMENTED_POOL:
      return "VK_ERROR_FRAGMENTED_POOL";
    case VK_ERROR_MEMORY_MAP_FAILED:
      return "VK_ERROR_MEMORY_MAP_FAILED";
    default:
      return "VkResult " + std::to_string(static_cast<int>(r));
  }
}

/// Throws E("<what>: <result name>") unless r is VK_SUCCESS.
template <class E = gpu_error>
void check(VkResult r, const char* what) {
  if (r != VK_SUCCESS) throw E(std::string(what) + " failed: " + result_name(r));
}

/// The loader library, opened once and never closed: drivers keep threads and atexit handlers that must
/// outlive every static destructor.
class VulkanLibrary {
 public:
  /// dlopen()s TRUENO_VULKAN_LIBRARY, else the platform's loader; init_failure when it cannot be loaded.
  VulkanLibrary() {
    const char* path = std::getenv("TRUENO_VULKAN_LIBRARY");
    if (path == nullptr || *path == '\0') {
#if defined(__APPLE__)
      path = "libvulkan.1.dylib";
#else
      path = "libvulkan.so.1";
#endif
    }
    handle_ = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr) throw init_failure(std::string("cannot load the Vulkan loader ") + path);
  }
  VulkanLibrary(const VulkanLibrary&) = delete;
  VulkanLibrary& operator=(const VulkanLibrary&) = delete;
  ~VulkanLibrary() = default;

  /// The loader's vkGetInstanceProcAddr.
  [[nodiscard]] PFN_vkGetInstanceProcAddr get_instance_proc_addr() const {
    void* sym = dlsym(handle_, "vkGetInstanceProcAddr");
    if (sym == nullptr) throw init_failure("the Vulkan loader exports no vkGetInstanceProcAddr");
    PFN_vkGetInstanceProcAddr fn = nullptr;
    static_assert(sizeof(fn) == sizeof(sym));
    std::memcpy(&fn, &sym, sizeof(fn));  // object pointer -> function pointer without a cast warning
    return fn;
  }

 private:
  void* handle_ = nullptr;
};

/// Loads the entry points that need no instance.
inline void load_global_functions(VulkanFunctions& vk, PFN_vkGetInstanceProcAddr gipa) {
  vk.vkGetInstanceProcAddr = gipa;
#define TRUENO_VK_LOAD(name)                                           \
  vk.name = reinterpret_cast<PFN_##name>(gipa(VK_NULL_HANDLE, #name)); \
  if (vk.name == nullptr) throw init_failure("the Vulkan loader lacks " #name);
  TRUENO_VK_GLOBAL_FUNCTIONS(TRUENO_VK_LOAD)
#undef TRUENO_VK_LOAD
}

/// Loads the instance-level entry points (debug-utils ones stay null when the extension is off).
inline void load_instance_functions(VulkanFunctions& vk, VkInstance instance) {
#define TRUENO_VK_LOAD(name)                                                         \
  vk.name = reinterpret_cast<PFN_##name>(vk.vkGetInstanceProcAddr(instance, #name)); \
  if (vk.name == nullptr) throw init_failure("the Vulkan instance lacks " #name);
  TRUENO_VK_INSTANCE_FUNCTIONS(TRUENO_VK_LOAD)
#undef TRUENO_VK_LOAD
#define TRUENO_VK_LOAD_OPTIONAL(name) \
  vk.name = reinterpret_cast<PFN_##name>(vk.vkGetInstanceProcAddr(instance, #name));
  TRUENO_VK_DEBUG_FUNCTIONS(TRUENO_VK_LOAD_OPTIONAL)
#undef TRUENO_VK_LOAD_OPTIONAL
}

/// Loads the device-level entry points (straight from the driver, skipping the loader's trampoline).
inline void load_device_functions(VulkanFunctions& vk, VkDevice device) {
#define TRUENO_VK_LOAD(name)                                                     \
  vk.name = reinterpret_cast<PFN_##name>(vk.vkGetDeviceProcAddr(device, #name)); \
  if (vk.name == nullptr) throw init_failure("the Vulkan device lacks " #name);
  TRUENO_VK_DEVICE_FUNCTIONS(TRUENO_VK_LOAD)
#undef TRUENO_VK_LOAD
}

#undef TRUENO_VK_GLOBAL_FUNCTIONS
#undef TRUENO_VK_INSTANCE_FUNCTIONS
#undef TRUENO_VK_DEBUG_FUNCTIONS
#undef TRUENO_VK_DEVICE_FUNCTIONS

}  // namespace gpu::detail
TRUENO_END_NAMESPACE

#endif  // TRUENO_GPU_VULKAN
