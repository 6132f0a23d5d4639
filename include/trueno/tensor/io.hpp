// trueno — saving and loading Tensor<T, N> as NumPy .npy files (any rank; C order on disk).
//   trueno::io::save_npy("b.npy", b);                  // numpy.load gives the same array
//   auto e = trueno::io::load_npy<float, 2>("b.npy");  // a 2-D '<f4' or '>f4' file
#pragma once

#include <filesystem>
#include <span>

#include "../io/npy_file.hpp"
#include "tensor.hpp"

TRUENO_BEGIN_NAMESPACE
namespace io {

/// Writes t (any strides; written in C order) as a .npy file, atomically (temporary file + rename).
template <class T, std::size_t N>
void save_npy(const std::filesystem::path& path, const Tensor<T, N>& t) {
  using V = std::remove_const_t<T>;
  const auto c = t.contiguous();
  const std::array<std::size_t, N> shape = t.shape();
  detail::write_npy_raw<V>(path, std::span<const std::size_t>(shape.data(), N),
                           std::span<const V>(c.data(), c.size()));
}

/// Reads a rank-N .npy file of element type T (either byte order, C or Fortran order). Throws io_error naming
/// the path on a dtype or rank mismatch ("file has rank 3 but rank 2 was requested") or a malformed file.
template <class T, std::size_t N>
requires TensorElement<T>
[[nodiscard]] Tensor<T, N> load_npy(const std::filesystem::path& path) {
  detail::NpyReader reader(path);
  reader.check_dtype<T>();
  reader.check_rank(N);
  Shape<N> shape{};
  for (std::size_t i = 0; i < N; ++i) shape[i] = reader.header().shape[i];
  auto t =
      Tensor<T, N>{detail::view_parts, detail::allocate_storage<T>(reader.header().element_count()), shape};
  reader.read_into(std::span<T>(t.data(), t.size()));
  return t;
}

}  // namespace io
TRUENO_END_NAMESPACE
