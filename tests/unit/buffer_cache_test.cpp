// AlignedBuffer and BufferCache: 64-byte alignment, reuse of freed large blocks, bounded size, clear().
// The cache reports each block's real capacity, which tells a cached block (larger than asked) from a fresh
// one (exactly the rounded request) without relying on where the system allocator puts things.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <trueno/trueno.hpp>
#include <utility>
#include <vector>

namespace {

using trueno::detail::AlignedBuffer;
using trueno::detail::BufferCache;

constexpr std::size_t kKiB = 1024;

bool is_aligned_64(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 64 == 0; }

// Every test starts and ends with an empty cache.
class BufferCacheTest : public ::testing::Test {
 protected:
  void SetUp() override { cache().clear(); }
  void TearDown() override { cache().clear(); }
  static BufferCache& cache() { return BufferCache::instance(); }
};

TEST_F(BufferCacheTest, IsOneProcessWideInstance) {
  EXPECT_EQ(&BufferCache::instance(), &BufferCache::instance());
}

TEST_F(BufferCacheTest, AlignedBufferIs64ByteAlignedForEverySize) {
  for (std::size_t n : {1U, 3U, 15U, 16U, 17U, 1000U, 16383U, 16384U, 100000U, 1U << 20}) {
    AlignedBuffer<float> f(n);
    AlignedBuffer<double> d(n);
    AlignedBuffer<std::int32_t> i(n);
    EXPECT_EQ(f.size(), n);
    EXPECT_TRUE(is_aligned_64(f.data())) << "float, n = " << n;
    EXPECT_TRUE(is_aligned_64(d.data())) << "double, n = " << n;
    EXPECT_TRUE(is_aligned_64(i.data())) << "int32, n = " << n;
  }
}

TEST_F(BufferCacheTest, EmptyBufferOwnsNothing) {
  const AlignedBuffer<double> b(0);
  EXPECT_EQ(b.size(), 0U);
  EXPECT_EQ(b.data(), nullptr);
  const AlignedBuffer<double> d;
  EXPECT_EQ(d.data(), nullptr);
}

TEST_F(BufferCacheTest, MovingABufferTransfersOwnership) {
  AlignedBuffer<float> a(100);
  float* p = a.data();
  AlignedBuffer<float> b(std::move(a));
  EXPECT_EQ(b.data(), p);
  EXPECT_EQ(b.size(), 100U);
  EXPECT_EQ(a.data(), nullptr);  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(a.size(), 0U);       // NOLINT(bugprone-use-after-move)
  AlignedBuffer<float> c(3);
  c = std::move(b);
  EXPECT_EQ(c.data(), p);
  EXPECT_EQ(c.size(), 100U);
}

TEST_F(BufferCacheTest, AFreedLargeBufferIsReusedForTheSameSize) {
  const std::size_t n = 1 << 20;  // 4 MiB of floats
  const float* first = nullptr;
  {
    const AlignedBuffer<float> b(n);
    first = b.data();
  }
  const AlignedBuffer<float> again(n);
  EXPECT_EQ(again.data(), first);
  EXPECT_TRUE(is_aligned_64(again.data()));
}

TEST_F(BufferCacheTest, AFreedVectorsStorageIsReusedByTheNextVectorOfThatSize) {
  const float* first = nullptr;
  {
    const trueno::Vector<float> v(1 << 18, 1.0F);
    first = v.data();
  }
  const trueno::Vector<float> w(1 << 18, 2.0F);
  EXPECT_EQ(w.data(), first);
  EXPECT_EQ(w[0], 2.0F);
  // An op's result reuses the storage of a temporary that just died.
  const trueno::Vector<float> a(1 << 18, 3.0F);
  const float* tmp = nullptr;
  {
    const trueno::Vector<float> t = trueno::scale(a, 2.0F);
    tmp = t.data();
  }
  const trueno::Vector<float> r = trueno::add(a, a);
  EXPECT_EQ(r.data(), tmp);
  EXPECT_EQ(r[12345], 6.0F);
}

TEST_F(BufferCacheTest, ReportsTheCapacityOfACachedBlock) {
  std::size_t cap = 0;
  void* p = cache().allocate(128 * kKiB, cap);
  EXPECT_EQ(cap, 128 * kKiB);
  cache().deallocate(p, cap);
  // A smaller request within a factor of two takes the cached block, and learns its real size.
  void* q = cache().allocate(100 * kKiB, cap);
  EXPECT_EQ(q, p);
  EXPECT_EQ(cap, 128 * kKiB);
  cache().deallocate(q, cap);
}

TEST_F(BufferCacheTest, RequestsAreRoundedUpToTheAlignment) {
  std::size_t cap = 0;
  void* p = cache().allocate(100, cap);
  EXPECT_EQ(cap, 128U);
  EXPECT_TRUE(is_aligned_64(p));
  cache().deallocate(p, cap);
}

TEST_F(BufferCacheTest, DoesNotHandOutABlockMoreThanTwiceTheRequest) {
  std::size_t cap = 0;
  void* big = cache().allocate(512 * kKiB, cap);
  cache().deallocate(big, cap);
  void* q = cache().allocate(200 * kKiB, cap);  // 512 KiB > 2 * 200 KiB: a fresh block
  EXPECT_EQ(cap, 200 * kKiB);
  void* r = cache().allocate(300 * kKiB, cap);  // within a factor of two: the cached block
  EXPECT_EQ(r, big);
  EXPECT_EQ(cap, 512 * kKiB);
  cache().deallocate(q, 200 * kKiB);
  cache().deallocate(r, 512 * kKiB);
}

TEST_F(BufferCacheTest, TakesTheSmallestBlockThatFits) {
  std::size_t cap = 0;
  void* a = cache().allocate(256 * kKiB, cap);
  void* b = cache().allocate(160 * kKiB, cap);
  void* c = cache().allocate(200 * kKiB, cap);
  cache().deallocate(a, 256 * kKiB);
  cache().deallocate(b, 160 * kKiB);
  cache().deallocate(c, 200 * kKiB);
  void* q = cache().allocate(150 * kKiB, cap);
  EXPECT_EQ(q, b);
  EXPECT_EQ(cap, 160 * kKiB);
  cache().deallocate(q, cap);
}

TEST_F(BufferCacheTest, SmallBlocksAreNotCached) {
  std::size_t cap = 0;
  const std::size_t small = BufferCache::kMinBytes / 2;
  void* p = cache().allocate(small, cap);
  cache().deallocate(p, cap);
  // Were it cached, this request (within a factor of two) would report the cached block's larger capacity.
  void* q = cache().allocate(small - 1024, cap);
  EXPECT_EQ(cap, small - 1024);
  cache().deallocate(q, cap);
}

TEST_F(BufferCacheTest, ClearFreesEveryCachedBlock) {
  std::size_t cap = 0;
  void* p = cache().allocate(128 * kKiB, cap);
  cache().deallocate(p, cap);
  cache().clear();
  void* q = cache().allocate(100 * kKiB, cap);
  EXPECT_EQ(cap, 100 * kKiB) << "after clear() the request gets a fresh block of its own size";
  cache().deallocate(q, cap);
}

TEST_F(BufferCacheTest, KeepsAtMostMaxEntriesBlocksDroppingTheOldest) {
  const std::size_t bytes = BufferCache::kMinBytes;
  const std::size_t count = BufferCache::kMaxEntries + 1;
  std::vector<void*> blocks(count);
  std::size_t cap = 0;
  for (auto& p : blocks) p = cache().allocate(bytes, cap);
  for (void* p : blocks) cache().deallocate(p, bytes);  // the first one freed is evicted by the last

  // Take kMaxEntries blocks back while holding them all: they must be exactly the newest kMaxEntries.
  std::vector<void*> again(BufferCache::kMaxEntries);
  for (auto& p : again) p = cache().allocate(bytes, cap);
  const std::set<void*> got(again.begin(), again.end());
  const std::set<void*> newest(blocks.begin() + 1, blocks.end());
  EXPECT_EQ(got, newest);
  EXPECT_EQ(got.count(blocks.front()), 0U);
  for (void* p : again) cache().deallocate(p, bytes);
}

TEST_F(BufferCacheTest, DoesNotCacheBlocksLargerThanAQuarterOfItsBudget) {
  std::size_t cap = 0;
  const std::size_t huge = BufferCache::kMaxBytes / 4 + 64 * kKiB;  // address space only: never touched
  void* p = cache().allocate(huge, cap);
  ASSERT_NE(p, nullptr);
  cache().deallocate(p, cap);
  void* q = cache().allocate(huge - 64 * kKiB, cap);
  EXPECT_EQ(cap, huge - 64 * kKiB) << "the freed block was not kept";
  cache().deallocate(q, cap);
}

TEST_F(BufferCacheTest, KeepsAtMostMaxBytesInAll) {
  // Five blocks of a quarter of the budget each: the cache may keep four at most (address space only).
  const std::size_t quarter = BufferCache::kMaxBytes / 4;
  std::vector<void*> blocks(5);
  std::size_t cap = 0;
  for (auto& p : blocks) p = cache().allocate(quarter, cap);
  for (void* p : blocks) cache().deallocate(p, quarter);
  std::vector<std::pair<void*, std::size_t>> again(5);
  for (auto& [p, c] : again) p = cache().allocate(quarter * 3 / 4, c);
  const auto cached =
      std::count_if(again.begin(), again.end(), [&](const auto& e) { return e.second == quarter; });
  EXPECT_EQ(cached, 4);
  EXPECT_EQ(again.back().second, quarter * 3 / 4);
  for (const auto& [p, c] : again) {
    if (c == quarter) {
      EXPECT_NE(p, blocks.front()) << "the oldest block is the one dropped";
    }
  }
  for (const auto& [p, c] : again) cache().deallocate(p, c);
}

}  // namespace

namespace {

// Blocks of a huge page or more start on a 2 MiB boundary (so that transparent huge pages can back all of
// them); smaller ones keep the 64-byte alignment. The alignment is a function of the size alone, and a cached
// block handed out for a smaller request is still freed with the alignment it was allocated with (ASan checks
// the matching operator delete).
TEST_F(BufferCacheTest, BlocksOfAHugePageOrMoreAreHugePageAligned) {
  using trueno::detail::block_alignment;
  using trueno::detail::kHugePageBytes;
  EXPECT_EQ(block_alignment(kHugePageBytes - 64), 64U);
  EXPECT_EQ(block_alignment(kHugePageBytes), kHugePageBytes);
  for (const std::size_t bytes : {kHugePageBytes, kHugePageBytes + 4, 3 * kHugePageBytes + 4096}) {
    AlignedBuffer<char> b(bytes);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(b.data()) % kHugePageBytes, 0U) << bytes << " bytes";
    std::fill_n(b.data(), bytes, char{1});  // the whole block is writable
    EXPECT_EQ(b.data()[bytes - 1], 1);
  }
  const AlignedBuffer<char> small(kHugePageBytes - 4096);
  EXPECT_TRUE(is_aligned_64(small.data()));
  cache().clear();
  {
    const AlignedBuffer<char> big(3 * kHugePageBytes);  // cached when freed
  }
  // A request of 4 MiB - 1 takes the cached 6 MiB block (at most twice the request), freed later as 6 MiB.
  std::size_t cap = 0;
  void* p = cache().allocate(2 * kHugePageBytes - 1, cap);
  EXPECT_EQ(cap, 3 * kHugePageBytes);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % kHugePageBytes, 0U);
  cache().deallocate(p, cap);
}

}  // namespace
