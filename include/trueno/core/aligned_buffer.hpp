// trueno — 64-byte-aligned storage with a small cache of freed buffers, so that ops returning new arrays do
// not pay the kernel's page faults on every call (DESIGN.md, section 3).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

#include "../version.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

TRUENO_BEGIN_NAMESPACE
namespace detail {

inline constexpr std::size_t kAlignment = 64;

/// Blocks of at least one huge page (2 MiB) are placed on 2 MiB boundaries and advised as transparent huge
/// pages (madvise MADV_HUGEPAGE on Linux; NumPy advises from 4 MiB on). One TLB entry then maps 2 MiB, and
/// the hardware prefetchers, which stop at 4 KiB page boundaries, run on (docs/performance.md has the
/// measured effect). Where the kernel's THP setting is `never` the advice does nothing.
inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;
inline constexpr std::size_t kHugePageAdviceBytes = kHugePageBytes;

/// The alignment of a block of `capacity` bytes; a pure function of the size, so that the block is freed with
/// the alignment it was allocated with.
[[nodiscard]] constexpr std::size_t block_alignment(std::size_t capacity) noexcept {
  return capacity >= kHugePageAdviceBytes ? kHugePageBytes : kAlignment;
}

/// A new block of `bytes` bytes (0 allowed), aligned as block_alignment says, huge pages advised if large.
[[nodiscard]] inline void* allocate_block(std::size_t bytes) {
  const std::size_t align = block_alignment(bytes);
  void* p = ::operator new (bytes == 0 ? kAlignment : bytes, std::align_val_t{align});
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (align == kHugePageBytes) (void)::madvise(p, bytes, MADV_HUGEPAGE);  // advice only: failure is harmless
#endif
  return p;
}

/// Frees a block of allocate_block(capacity).
inline void free_block(void* p, std::size_t capacity) noexcept {
  ::operator delete (p, std::align_val_t{block_alignment(capacity)});
}

// Keeps up to kMaxEntries freed blocks of at least kMinBytes, kMaxBytes in all; a request takes the smallest
// cached block that is large enough and at most twice the request. Thread-safe.
class BufferCache {
 public:
  static constexpr std::size_t kMinBytes = std::size_t{64} << 10;
  static constexpr std::size_t kMaxBytes = std::size_t{1} << 30;
  static constexpr std::size_t kMaxEntries = 16;

  static BufferCache& instance() {
    static BufferCache* cache =
        new BufferCache();  // never destroyed: buffers may be freed during static teardown
    return *cache;
  }

  // A block of at least `bytes` bytes (rounded up to the alignment); `capacity` receives its real size.
  void* allocate(std::size_t bytes, std::size_t& capacity) {
    bytes = round_up(bytes);
    if (bytes >= kMinBytes) {
      std::lock_guard<std::mutex> lock(mutex_);
      std::size_t best = entries_.size();
      for (std::size_t i = 0; i < entries_.size(); ++i) {
        const std::size_t cap = entries_[i].second;
        if (cap >= bytes && cap / 2 <= bytes && (best == entries_.size() || cap < entries_[best].second))
          best = i;
      }
      if (best != entries_.size()) {
        auto [ptr, cap] = entries_[best];
        entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(best));
        cached_bytes_ -= cap;
        capacity = cap;
        return ptr;
      }
    }
    void* p = allocate_block(bytes);
    capacity = bytes;
    return p;
  }

  void deallocate(void* p, std::size_t capacity) noexcept {
    if (p == nullptr) return;
    if (capacity >= kMinBytes && capacity <= kMaxBytes / 4) {
      std::lock_guard<std::mutex> lock(mutex_);
      try {
        while (!entries_.empty() &&
               (entries_.size() >= kMaxEntries || cached_bytes_ + capacity > kMaxBytes)) {
          release(entries_.front());  // oldest first
          cached_bytes_ -= entries_.front().second;
          entries_.erase(entries_.begin());
        }
        entries_.emplace_back(p, capacity);
        cached_bytes_ += capacity;
        return;
      } catch (...) {  // the vector could not grow: just free the block
      }
    }
    free_block(p, capacity);
  }

  // Frees every cached block (tests and memory-sensitive programs).
  void clear() noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& e : entries_) release(e);
    entries_.clear();
    cached_bytes_ = 0;
  }

 private:
  BufferCache() { entries_.reserve(kMaxEntries); }
  static std::size_t round_up(std::size_t bytes) {
    return (bytes + kAlignment - 1) / kAlignment * kAlignment;
  }
  static void release(const std::pair<void*, std::size_t>& e) noexcept { free_block(e.first, e.second); }

  std::mutex mutex_;
  std::vector<std::pair<void*, std::size_t>> entries_;
  std::size_t cached_bytes_ = 0;
};

// Owning, uninitialised, 64-byte-aligned array of n trivially copyable T.
template <class T>
class AlignedBuffer {
 public:
  AlignedBuffer() noexcept = default;
  explicit AlignedBuffer(std::size_t n) : size_(n) {
    if (n > max_elements()) throw std::bad_array_new_length();
    if (n > 0) data_ = static_cast<T*>(BufferCache::instance().allocate(n * sizeof(T), capacity_));
  }
  AlignedBuffer(const AlignedBuffer&) = delete;
  AlignedBuffer& operator=(const AlignedBuffer&) = delete;
  AlignedBuffer(AlignedBuffer&& o) noexcept
      : data_(std::exchange(o.data_, nullptr)),
        size_(std::exchange(o.size_, 0)),
        capacity_(std::exchange(o.capacity_, 0)) {}
  AlignedBuffer& operator=(AlignedBuffer&& o) noexcept {
    if (this != &o) {
      reset();
      data_ = std::exchange(o.data_, nullptr);
      size_ = std::exchange(o.size_, 0);
      capacity_ = std::exchange(o.capacity_, 0);
    }
    return *this;
  }
  ~AlignedBuffer() { reset(); }

  [[nodiscard]] T* data() noexcept { return data_; }
  [[nodiscard]] const T* data() const noexcept { return data_; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  static constexpr std::size_t max_elements() { return (std::size_t{1} << 62) / sizeof(T); }
  void reset() noexcept {
    if (data_ != nullptr) BufferCache::instance().deallocate(data_, capacity_);
    data_ = nullptr;
    size_ = 0;
    capacity_ = 0;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace detail
TRUENO_END_NAMESPACE
