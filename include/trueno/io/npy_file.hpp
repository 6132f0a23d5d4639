// trueno — reading and writing .npy files, container-independent: NpyReader validates a file and reads its
// data into caller storage in native byte order and C order; read_npy_raw and write_npy_raw handle whole
// arrays of any rank. Vector's (and later Tensor's) load_npy/save_npy are built on this layer.
#pragma once

#include <algorithm>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

#include "../core/aligned_buffer.hpp"
#include "../core/error.hpp"
#include "npy_header.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

template <class U>
[[nodiscard]] constexpr U npy_bswap(U v) noexcept {  // compilers turn this loop into one bswap instruction
  U r = 0;
  for (std::size_t i = 0; i < sizeof(U); ++i, v >>= 8) r = static_cast<U>((r << 8) | (v & 0xFF));
  return r;
}
template <class U>
void npy_byteswap_as(unsigned char* p, std::size_t count) noexcept {
  for (std::size_t i = 0; i < count; ++i, p += sizeof(U)) {
    U v;
    std::memcpy(&v, p, sizeof(U));
    v = npy_bswap(v);
    std::memcpy(p, &v, sizeof(U));
  }
}
// Reverses the bytes of each of the `count` items of `item_size` bytes at p.
inline void npy_byteswap(void* p, std::size_t count, std::size_t item_size) noexcept {
  auto* bytes = static_cast<unsigned char*>(p);
  switch (item_size) {
    case 2:
      npy_byteswap_as<std::uint16_t>(bytes, count);
      break;
    case 4:
      npy_byteswap_as<std::uint32_t>(bytes, count);
      break;
    case 8:
      npy_byteswap_as<std::uint64_t>(bytes, count);
      break;
    default:
      for (std::size_t i = 0; i < count; ++i, bytes += item_size) std::reverse(bytes, bytes + item_size);
  }
}

/// Writes C-order data to dst given data in Fortran order with the same shape.
template <class T>
void fortran_to_c_order(const T* src, T* dst, std::span<const std::size_t> shape) {
  std::size_t n = 1;
  for (std::size_t e : shape) n *= e;
  if (n == 0) return;
  const std::size_t rank = shape.size();
  std::vector<std::size_t> f_stride(rank), index(rank, 0);
  for (std::size_t ax = 0, s = 1; ax < rank; ++ax) {
    f_stride[ax] = s;
    s *= shape[ax];
  }
  std::size_t offset = 0;
  for (std::size_t i = 0; i < n; ++i) {
    dst[i] = src[offset];
    for (std::size_t ax = rank; ax-- > 0;) {  // advance the C-order index: last axis fastest
      if (++index[ax] < shape[ax]) {
        offset += f_stride[ax];
        break;
      }
      offset -= (shape[ax] - 1) * f_stride[ax];
      index[ax] = 0;
    }
  }
}

[[nodiscard]] inline std::string npy_errno_message(int err) {
  return err != 0 ? std::generic_category().message(err) : std::string("unknown error");
}

/// Opens a .npy file and validates its preamble and data length; then reads the data into caller storage,
/// converted to native byte order and C order. Every failure is an io_error naming the file.
class NpyReader {
 public:
  explicit NpyReader(const std::filesystem::path& path) : path_(path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path_, ec)) {
      throw io_error("cannot open '" + path_.string() + "' for reading: it is a directory");
    }
    errno = 0;
    in_.open(path_, std::ios::binary);
    if (!in_.is_open()) {
      const int err = errno;
      throw io_error("cannot open '" + path_.string() + "' for reading: " + npy_errno_message(err));
    }
    try {
      std::string prefix;
      std::size_t needed = 8;
      while (!parse_npy_preamble(prefix, header_, needed)) {
        const std::size_t have = prefix.size();
        prefix.resize(needed);
        in_.read(prefix.data() + have, static_cast<std::streamsize>(needed - have));
        prefix.resize(have + static_cast<std::size_t>(in_.gcount()));
        if (prefix.size() < needed) {
          if (in_.bad()) throw io_error("read error: " + npy_errno_message(errno));
          if (prefix.empty()) throw io_error("the file is empty, not a .npy file");
          (void)parse_npy_preamble(prefix, header_, needed);  // a bad magic beats "truncated"
          throw io_error("file is truncated: it ends inside the .npy header (" +
                         std::to_string(prefix.size()) + " of " + std::to_string(needed) + " bytes)");
        }
      }
      const auto status = std::filesystem::status(path_, ec);
      if (!ec && std::filesystem::is_regular_file(status)) {
        const auto file_size = std::filesystem::file_size(path_, ec);
        if (!ec) check_data_length(file_size - std::min<std::uintmax_t>(file_size, header_.data_offset()));
      }
    } catch (const io_error& e) {
      fail(e.what());
    }
  }

  [[nodiscard]] const io::NpyHeader& header() const noexcept { return header_; }
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

  /// Throws io_error unless the file's dtype is T ("file has dtype <f8 but float32 was requested").
  template <NpyElement T>
  void check_dtype() const {
    if (header_.kind() != NpyTraits<T>::kind || header_.item_size() != sizeof(T)) {
      fail("file has dtype " + header_.descr + " but " + NpyTraits<T>::name() + " was requested");
    }
  }

  /// Throws io_error unless the file's array has `rank` dimensions.
  void check_rank(std::size_t rank) const {
    if (header_.rank() != rank) {
      fail("rank mismatch: the file holds a " + std::to_string(header_.rank()) + "-d array of shape " +
           header_.shape_string() + " but a " + std::to_string(rank) + "-d array was requested");
    }
  }

  /// Reads the data into out (out.size() must be header().element_count()), in native byte order and C order.
  template <NpyElement T>
  void read_into(std::span<T> out) {
    check_dtype<T>();
    if (out.size() != header_.element_count()) {
      throw value_error("NpyReader::read_into: the buffer holds " + std::to_string(out.size()) +
                        " elements but the file " + std::to_string(header_.element_count()));
    }
    const bool reorder = header_.fortran_order && header_.rank() > 1;
    AlignedBuffer<T> scratch(reorder ? out.size() : 0);
    T* dst = reorder ? scratch.data() : out.data();
    read_bytes(dst, out.size_bytes());
    if constexpr (std::is_same_v<T, bool>) {
      // A byte other than 0 or 1 is not a valid bool object: normalise through unsigned char.
      auto* bytes = reinterpret_cast<unsigned char*>(dst);
      for (std::size_t i = 0; i < out.size(); ++i) bytes[i] = bytes[i] != 0 ? 1 : 0;
    }
    if (npy_needs_swap(header_.byte_order(), sizeof(T))) npy_byteswap(dst, out.size(), sizeof(T));
    if (reorder) fortran_to_c_order(scratch.data(), out.data(), header_.shape);
  }

 private:
  [[noreturn]] void fail(std::string_view reason) const {
    throw io_error("cannot read '" + path_.string() + "': " + std::string(reason));
  }

  void check_data_length(std::uintmax_t available) const {
    const std::uintmax_t expected = header_.data_size();
    if (available < expected) {
      throw io_error("file is truncated: the header declares " + std::to_string(expected) +
                     " bytes of data (shape " + header_.shape_string() + ", dtype " + header_.descr +
                     ") but the file holds " + std::to_string(available));
    }
    if (available > expected) {
      throw io_error("file has " + std::to_string(available - expected) +
                     " trailing bytes after the data the header declares");
    }
  }

  void read_bytes(void* dst, std::size_t bytes) {
    in_.read(static_cast<char*>(dst), static_cast<std::streamsize>(bytes));
    const auto got = static_cast<std::size_t>(in_.gcount());
    if (got != bytes) {
      if (in_.bad()) fail("read error: " + npy_errno_message(errno));
      try {
        check_data_length(got);
      } catch (const io_error& e) {
        fail(e.what());
      }
    }
    if (in_.peek() != std::char_traits<char>::eof()) {
      fail("file has trailing bytes after the data the header declares");
    }
  }

  std::filesystem::path path_;
  std::ifstream in_;
  io::NpyHeader header_;
};

/// A whole array as read from a file: its header and its elements in native byte order and C order.
template <NpyElement T>
struct NpyArray {
  io::NpyHeader header;
  AlignedBuffer<T> data;
};

/// Reads a .npy file of element type T, any rank.
template <NpyElement T>
[[nodiscard]] NpyArray<T> read_npy_raw(const std::filesystem::path& path) {
  NpyReader reader(path);
  reader.check_dtype<T>();
  NpyArray<T> out{reader.header(), AlignedBuffer<T>(reader.header().element_count())};
  reader.read_into(std::span<T>(out.data.data(), out.data.size()));
  return out;
}

/// A name for a temporary file next to `target` that does not exist yet. The clock and a stack address
/// (distinct between threads, and between processes under ASLR) make two writers' names differ; the loop
/// skips existing files.
[[nodiscard]] inline std::filesystem::path npy_temp_path(const std::filesystem::path& target) {
  const int local = 0;
  std::uint64_t tag =
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
      (static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(&local)) * 0x9E3779B97F4A7C15ULL);
  for (;; ++tag) {
    char hex[17];
    for (int i = 0; i < 16; ++i) hex[i] = "0123456789abcdef"[(tag >> (4 * (15 - i))) & 0xF];
    hex[16] = '\0';
    std::filesystem::path tmp = target;
    tmp += std::string(".tmp-") + hex;
    std::error_code ec;
    if (!std::filesystem::exists(tmp, ec)) return tmp;
  }
}

/// Writes a complete .npy file: the preamble for (descr, shape, fortran_order), then `data`, whose bytes must
/// already be in the order descr and fortran_order say. Writes a temporary file in the same directory and
/// renames it over `path`, so a failure never leaves a partial file; a symlink at `path` is written through.
inline void write_npy_raw(const std::filesystem::path& path, std::string_view descr,
                          std::span<const std::size_t> shape, std::span<const std::byte> data,
                          bool fortran_order = false) {
  const NpyDescr d = parse_npy_descr(descr);
  std::size_t bytes = 0;
  if (!npy_checked_byte_size(shape, d.item_size, bytes) || bytes != data.size()) {
    throw value_error("write_npy_raw: shape " + npy_shape_string(shape) + " with dtype " +
                      std::string(descr) + " needs a different number of bytes than the " +
                      std::to_string(data.size()) + " given");
  }
  const std::string preamble = make_npy_preamble(descr, shape, fortran_order);

  std::error_code ec;
  std::filesystem::path target = path;
  if (std::filesystem::is_symlink(path, ec)) {
    const auto resolved = std::filesystem::weakly_canonical(path, ec);
    if (!ec) target = resolved;
  }
  const std::filesystem::path tmp = npy_temp_path(target);
  const auto fail = [&](const std::string& why) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw io_error("cannot write '" + path.string() + "': " + why);
  };
  {
    errno = 0;
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out.is_open()) {
      const int err = errno;
      throw io_error("cannot open '" + path.string() + "' for writing: " + npy_errno_message(err));
    }
    out.write(preamble.data(), static_cast<std::streamsize>(preamble.size()));
    if (!data.empty())
      out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(bytes));
    out.flush();
    out.close();
    if (out.fail()) fail(npy_errno_message(errno));
  }
  std::filesystem::rename(tmp, target, ec);
  if (ec) fail(ec.message());
}

/// Writes `data` (C order, native values) as a .npy file of the given shape with trueno's descr for T
/// (little-endian: the bytes are swapped on a big-endian machine).
template <NpyElement T>
void write_npy_raw(const std::filesystem::path& path, std::span<const std::size_t> shape,
                   std::span<const T> data) {
  std::size_t n = 1;
  for (std::size_t e : shape) n *= e;
  if (n != data.size()) {
    throw value_error("write_npy_raw: shape " + npy_shape_string(shape) + " holds " + std::to_string(n) +
                      " elements but " + std::to_string(data.size()) + " were given");
  }
  if (npy_needs_swap('<', sizeof(T))) {
    std::vector<unsigned char> swapped(data.size_bytes());
    if (!data.empty()) std::memcpy(swapped.data(), data.data(), data.size_bytes());
    npy_byteswap(swapped.data(), data.size(), sizeof(T));
    write_npy_raw(path, npy_descr<T>(), shape, std::as_bytes(std::span<const unsigned char>(swapped)));
  } else {
    write_npy_raw(path, npy_descr<T>(), shape, std::as_bytes(data));
  }
}

}  // namespace detail

namespace io {

/// Reads and validates the preamble of a .npy file, for files of unknown dtype or shape. Throws io_error when
/// the file cannot be opened or is not a well-formed .npy file (including a data length that does not match).
[[nodiscard]] inline NpyHeader npy_header(const std::filesystem::path& path) {
  return detail::NpyReader(path).header();
}

}  // namespace io
TRUENO_END_NAMESPACE
