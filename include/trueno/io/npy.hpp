// trueno — saving and loading Vector<T> as NumPy .npy files (the format is in npy_header.hpp and
// npy_file.hpp).
//   trueno::io::save_npy("x.npy", v);                 // what numpy.save writes, byte for byte
//   auto v = trueno::io::load_npy<float>("x.npy");   // a 1-D '<f4' or '>f4' file
//   auto h = trueno::io::npy_header("x.npy");        // dtype and shape of any well-formed .npy file
#pragma once

#include <filesystem>
#include <span>

#include "../vector.hpp"
#include "npy_file.hpp"

TRUENO_BEGIN_NAMESPACE
namespace io {

/// Writes v as a 1-D .npy file (format 1.0, little-endian descr such as '<f4', C order), byte-identical to
/// numpy.save of the same array. The file is written to a temporary name in the same directory and renamed,
/// so an error never leaves a partial file at `path`. Throws io_error (naming the path) when it cannot be
/// written.
template <VectorElement T>
void save_npy(const std::filesystem::path& path, const Vector<T>& v) {
  const std::size_t shape[] = {v.size()};
  detail::write_npy_raw<T>(path, shape, v.span());
}

/// Reads a 1-D .npy file whose dtype is T in either byte order ('<f4' or '>f4' for float; format 1.0, 2.0 or
/// 3.0; C or Fortran order). Throws io_error naming the path and the reason: a dtype other than T ("file has
/// dtype <f8 but float32 was requested"), a rank other than 1, or any malformed, truncated or oversized file.
template <VectorElement T>
[[nodiscard]] Vector<T> load_npy(const std::filesystem::path& path) {
  detail::NpyReader reader(path);
  reader.check_dtype<T>();
  reader.check_rank(1);
  Vector<T> v(detail::uninitialized, reader.header().element_count());
  reader.read_into(v.span());
  return v;
}

}  // namespace io
TRUENO_END_NAMESPACE
