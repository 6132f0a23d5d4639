// trueno — the floor under the GPU start-up figure: the same Vulkan calls trueno's context makes to bring a
// GPU up (dlopen the loader, vkCreateInstance, pick the first discrete GPU, vkCreateDevice with one compute
// queue) and to create its first pipeline (trueno's matmul SPIR-V with the H100's tile constants), written
// directly against the loader with nothing of trueno's context in between. What this program takes is the
// loader's and the driver's own time: trueno's start-up (bench_gpu --startup) cannot go below it.
//   gpu_startup_roof            prints one line per phase, in milliseconds.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "trueno/gpu/spirv/matmul_f32.hpp"

#if defined(__has_include)
#if __has_include(<vulkan/vulkan_core.h>) && __has_include(<dlfcn.h>)
#define TRUENO_ROOF_VULKAN 1
#endif
#endif

#ifdef TRUENO_ROOF_VULKAN
#define VK_NO_PROTOTYPES
#include <dlfcn.h>
#include <vulkan/vulkan_core.h>

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

template <class Fn>
Fn load(PFN_vkGetInstanceProcAddr gipa, VkInstance instance, const char* name) {
  PFN_vkVoidFunction f = gipa(instance, name);
  if (f == nullptr) {
    std::fprintf(stderr, "roof: no %s\n", name);
    std::exit(1);
  }
  return reinterpret_cast<Fn>(f);
}

bool ok(VkResult r, const char* what) {
  if (r == VK_SUCCESS) return true;
  std::fprintf(stderr, "roof: %s failed (%d)\n", what, static_cast<int>(r));
  return false;
}

}  // namespace

int main() {
  const auto start = Clock::now();
  auto t0 = start;
  void* lib = dlopen("libvulkan.so.1", RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) {
    std::fprintf(stderr, "roof: no Vulkan loader\n");
    return 1;
  }
  void* sym = dlsym(lib, "vkGetInstanceProcAddr");
  PFN_vkGetInstanceProcAddr gipa = nullptr;
  std::memcpy(&gipa, &sym, sizeof(gipa));
  const double loader_ms = ms_since(t0);

  t0 = Clock::now();
  VkApplicationInfo app{};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.apiVersion = VK_API_VERSION_1_1;
  VkInstanceCreateInfo ici{};
  ici.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  ici.pApplicationInfo = &app;
  auto create_instance = load<PFN_vkCreateInstance>(gipa, VK_NULL_HANDLE, "vkCreateInstance");
  VkInstance instance = VK_NULL_HANDLE;
  if (!ok(create_instance(&ici, nullptr, &instance), "vkCreateInstance")) return 1;
  const double instance_ms = ms_since(t0);

  t0 = Clock::now();
  auto enumerate = load<PFN_vkEnumeratePhysicalDevices>(gipa, instance, "vkEnumeratePhysicalDevices");
  auto properties = load<PFN_vkGetPhysicalDeviceProperties>(gipa, instance, "vkGetPhysicalDeviceProperties");
  auto families = load<PFN_vkGetPhysicalDeviceQueueFamilyProperties>(
      gipa, instance, "vkGetPhysicalDeviceQueueFamilyProperties");
  auto create_device = load<PFN_vkCreateDevice>(gipa, instance, "vkCreateDevice");
  auto gdpa = load<PFN_vkGetDeviceProcAddr>(gipa, instance, "vkGetDeviceProcAddr");
  std::uint32_t n = 0;
  enumerate(instance, &n, nullptr);
  std::vector<VkPhysicalDevice> devices(n);
  enumerate(instance, &n, devices.data());
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  for (VkPhysicalDevice d : devices) {
    VkPhysicalDeviceProperties p{};
    properties(d, &p);
    if (p.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU) {
      physical = d;
      break;
    }
  }
  if (physical == VK_NULL_HANDLE) {
    std::fprintf(stderr, "roof: no discrete GPU\n");
    return 1;
  }
  std::uint32_t nf = 0;
  families(physical, &nf, nullptr);
  std::vector<VkQueueFamilyProperties> fams(nf);
  families(physical, &nf, fams.data());
  std::uint32_t family = 0;
  while (family < nf && (fams[family].queueFlags & VK_QUEUE_COMPUTE_BIT) == 0) ++family;
  const float priority = 1.0F;
  VkDeviceQueueCreateInfo qi{};
  qi.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  qi.queueFamilyIndex = family;
  qi.queueCount = 1;
  qi.pQueuePriorities = &priority;
  VkDeviceCreateInfo dci{};
  dci.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  dci.queueCreateInfoCount = 1;
  dci.pQueueCreateInfos = &qi;
  VkDevice device = VK_NULL_HANDLE;
  if (!ok(create_device(physical, &dci, nullptr, &device), "vkCreateDevice")) return 1;
  const double device_ms = ms_since(t0);

  // The first pipeline: trueno's matmul shader, 3 storage buffers, 128 bytes of push constants.
  t0 = Clock::now();
  auto dev = [&](const char* name) {
    PFN_vkVoidFunction f = gdpa(device, name);
    if (f == nullptr) {
      std::fprintf(stderr, "roof: no %s\n", name);
      std::exit(1);
    }
    return f;
  };
  auto create_set_layout =
      reinterpret_cast<PFN_vkCreateDescriptorSetLayout>(dev("vkCreateDescriptorSetLayout"));
  auto create_layout = reinterpret_cast<PFN_vkCreatePipelineLayout>(dev("vkCreatePipelineLayout"));
  auto create_module = reinterpret_cast<PFN_vkCreateShaderModule>(dev("vkCreateShaderModule"));
  auto create_pipelines = reinterpret_cast<PFN_vkCreateComputePipelines>(dev("vkCreateComputePipelines"));
  std::vector<VkDescriptorSetLayoutBinding> bindings(3);
  for (std::uint32_t i = 0; i < 3; ++i) {
    bindings[i] = {i, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
  }
  VkDescriptorSetLayoutCreateInfo sli{};
  sli.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
  sli.bindingCount = 3;
  sli.pBindings = bindings.data();
  VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
  if (!ok(create_set_layout(device, &sli, nullptr, &set_layout), "vkCreateDescriptorSetLayout")) return 1;
  const VkPushConstantRange range{VK_SHADER_STAGE_COMPUTE_BIT, 0, 128};
  VkPipelineLayoutCreateInfo pli{};
  pli.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
  pli.setLayoutCount = 1;
  pli.pSetLayouts = &set_layout;
  pli.pushConstantRangeCount = 1;
  pli.pPushConstantRanges = &range;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  if (!ok(create_layout(device, &pli, nullptr, &layout), "vkCreatePipelineLayout")) return 1;
  const auto& code = trueno::gpu::spirv::matmul_f32;
  VkShaderModuleCreateInfo mi{};
  mi.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
  mi.codeSize = sizeof(code);
  mi.pCode = code;
  VkShaderModule module = VK_NULL_HANDLE;
  if (!ok(create_module(device, &mi, nullptr, &module), "vkCreateShaderModule")) return 1;
  // 128x128x16 tiles, 8x8 per invocation, 256 invocations, vec4 loads, 2 stages (the H100's default).
  const std::uint32_t spec[8] = {128, 128, 16, 8, 8, 256, 1, 2};
  VkSpecializationMapEntry entries[8];
  for (std::uint32_t i = 0; i < 8; ++i) entries[i] = {i, i * 4, 4};
  VkSpecializationInfo si{};
  si.mapEntryCount = 8;
  si.pMapEntries = entries;
  si.dataSize = sizeof(spec);
  si.pData = spec;
  VkComputePipelineCreateInfo ci{};
  ci.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
  ci.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  ci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  ci.stage.module = module;
  ci.stage.pName = "main";
  ci.stage.pSpecializationInfo = &si;
  ci.layout = layout;
  VkPipeline pipeline = VK_NULL_HANDLE;
  if (!ok(create_pipelines(device, VK_NULL_HANDLE, 1, &ci, nullptr, &pipeline), "vkCreateComputePipelines"))
    return 1;
  const double pipeline_ms = ms_since(t0);

  std::printf("roof_ms: loader %.1f instance %.1f device %.1f (sum %.1f) first pipeline %.1f total %.1f\n",
              loader_ms, instance_ms, device_ms, loader_ms + instance_ms + device_ms, pipeline_ms,
              ms_since(start));
  return 0;  // the driver tears the device down at exit
}
#else
int main() {
  std::fprintf(stderr, "roof: built without Vulkan headers\n");
  return 1;
}
#endif
