// trueno — the GPU buffer pool: large VkDeviceMemory blocks, each bound to one VkBuffer, handed out in
// aligned ranges (first fit, coalescing on free). Tensors bind their range as (buffer, offset, size), so
// thousands of small tensors cost a handful of driver allocations. Not thread-safe: the context serialises
// access.
#pragma once

#include "vulkan.hpp"

#if TRUENO_GPU_VULKAN
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <string>
#include <vector>

TRUENO_BEGIN_NAMESPACE
namespace gpu::detail {

/// A range of a pool's block: what a descriptor binds. `mapped` is the host address of `offset` when the
/// pool's memory is mapped, else null.
struct Allocation {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceSize offset = 0;
  VkDeviceSize size = 0;
  std::byte* mapped = nullptr;
  std::uint32_t block = 0;
};

/// What a pool allocates from and how.
struct PoolOptions {
  std::uint32_t memory_type = 0;
  VkDeviceSize heap_size = 0;  // allocations larger than the heap fail at once
  VkBufferUsageFlags usage = 0;
  bool mapped = false;  // map every block persistently (host-visible memory)
  VkDeviceSize block_size = VkDeviceSize{64} << 20;
  VkDeviceSize alignment = 256;  // a power of two, >= minStorageBufferOffsetAlignment
  std::size_t keep_empty = 1;    // empty regular blocks kept for reuse (fresh driver memory is slow to touch)
};

class BufferPool {
 public:
  BufferPool(const VulkanFunctions& vk, VkDevice device, const PoolOptions& options)
      : vk_(&vk), device_(device), options_(options) {}
  BufferPool(const BufferPool&) = delete;
  BufferPool& operator=(const BufferPool&) = delete;
  ~BufferPool() {
    for (auto& b : blocks_) destroy(b);
  }

  /// A range of at least `bytes` bytes (at least one alignment unit). gpu_error when the device cannot
  /// provide it: larger than its heap, or the driver's allocation fails.
  Allocation allocate(VkDeviceSize bytes) {
    const VkDeviceSize size = round_up(bytes == 0 ? 1 : bytes);
    if (size > options_.heap_size) {
      throw gpu_error("out of device memory: cannot allocate " + std::to_string(bytes) +
                      " bytes, the device's memory heap holds " + std::to_string(options_.heap_size));
    }
    if (size > options_.block_size) return take(create_block(size, true), size);
    for (std::uint32_t i = 0; i < blocks_.size(); ++i) {
      Block& b = blocks_[i];
      if (b.memory == VK_NULL_HANDLE || b.dedicated) continue;
      for (const auto& [off, len] : b.free) {
        if (len >= size) return take(i, size, off);
      }
    }
    return take(create_block(options_.block_size, false), size);
  }

  /// Returns a range to its block. A dedicated block, or an empty block beyond the `keep_empty` kept for
  /// reuse, goes back to the driver.
  void free(const Allocation& a) {
    Block& b = blocks_.at(a.block);
    auto next = b.free.lower_bound(a.offset);
    VkDeviceSize off = a.offset, len = a.size;
    if (next != b.free.end() && off + len == next->first) {
      len += next->second;
      next = b.free.erase(next);
    }
    if (next != b.free.begin()) {
      auto prev = std::prev(next);
      if (prev->first + prev->second == off) {
        off = prev->first;
        len += prev->second;
        b.free.erase(prev);
      }
    }
    b.free.emplace(off, len);
    --b.live;
    --live_;
    if (b.live == 0 && (b.dedicated || empty_regular_blocks() > options_.keep_empty)) destroy(b);
  }

  /// Bytes held from the driver (all blocks).
  [[nodiscard]] VkDeviceSize reserved_bytes() const noexcept {
    VkDeviceSize n = 0;
    for (const auto& b : blocks_) n += b.memory != VK_NULL_HANDLE ? b.size : 0;
    return n;
  }
  /// Ranges handed out and not yet freed.
  [[nodiscard]] std::size_t live_allocations() const noexcept { return live_; }

 private:
  struct Block {
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceSize size = 0;
    std::byte* mapped = nullptr;
    std::map<VkDeviceSize, VkDeviceSize> free;  // offset -> length, disjoint and coalesced
    std::size_t live = 0;
    bool dedicated = false;
  };

  [[nodiscard]] VkDeviceSize round_up(VkDeviceSize n) const noexcept {
    return (n + options_.alignment - 1) & ~(options_.alignment - 1);
  }
  [[nodiscard]] std::size_t empty_regular_blocks() const noexcept {
    std::size_t n = 0;
    for (const auto& b : blocks_) n += (b.memory != VK_NULL_HANDLE && !b.dedicated && b.live == 0) ? 1 : 0;
    return n;
  }

  Allocation take(std::uint32_t index, VkDeviceSize size, VkDeviceSize offset = 0) {
    Block& b = blocks_[index];
    auto it = b.free.find(offset);
    const VkDeviceSize len = it->second;
    b.free.erase(it);
    if (len > size) b.free.emplace(offset + size, len - size);
    ++b.live;
    ++live_;
    return {b.buffer, offset, size, b.mapped != nullptr ? b.mapped + offset : nullptr, index};
  }

  std::uint32_t create_block(VkDeviceSize size, bool dedicated) {
    Block b;
    b.size = size;
    b.dedicated = dedicated;
    try {
      VkBufferCreateInfo bi{};
      bi.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
      bi.size = size;
      bi.usage = options_.usage;
      bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
      check(vk_->vkCreateBuffer(device_, &bi, nullptr, &b.buffer), "vkCreateBuffer");
      VkMemoryRequirements req{};
      vk_->vkGetBufferMemoryRequirements(device_, b.buffer, &req);
      if ((req.memoryTypeBits & (1U << options_.memory_type)) == 0) {
        throw gpu_error("the buffer cannot live in the pool's memory type");
      }
      VkMemoryAllocateInfo ai{};
      ai.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
      ai.allocationSize = req.size;
      ai.memoryTypeIndex = options_.memory_type;
      const VkResult r = vk_->vkAllocateMemory(device_, &ai, nullptr, &b.memory);
      if (r != VK_SUCCESS) {
        b.memory = VK_NULL_HANDLE;
        throw gpu_error("out of device memory: allocating a block of " + std::to_string(size) +
                        " bytes failed with " + result_name(r));
      }
      check(vk_->vkBindBufferMemory(device_, b.buffer, b.memory, 0), "vkBindBufferMemory");
      if (options_.mapped) {
        void* p = nullptr;
        check(vk_->vkMapMemory(device_, b.memory, 0, VK_WHOLE_SIZE, 0, &p), "vkMapMemory");
        b.mapped = static_cast<std::byte*>(p);
      }
    } catch (...) {
      destroy(b);
      throw;
    }
    b.free.emplace(0, size);
    for (std::uint32_t i = 0; i < blocks_.size(); ++i) {
      if (blocks_[i].memory == VK_NULL_HANDLE) {
        blocks_[i] = std::move(b);
        return i;
      }
    }
    blocks_.push_back(std::move(b));
    return static_cast<std::uint32_t>(blocks_.size() - 1);
  }

  void destroy(Block& b) noexcept {
    if (b.buffer != VK_NULL_HANDLE) vk_->vkDestroyBuffer(device_, b.buffer, nullptr);
    if (b.memory != VK_NULL_HANDLE) vk_->vkFreeMemory(device_, b.memory, nullptr);  // unmaps too
    b = Block{};
  }

  const VulkanFunctions* vk_;
  VkDevice device_;
  PoolOptions options_;
  std::vector<Block> blocks_;
  std::size_t live_ = 0;
};

}  // namespace gpu::detail
TRUENO_END_NAMESPACE

#endif  // TRUENO_GPU_VULKAN
