// trueno — gpu::DeviceTensor<T, N>: a contiguous, row-major tensor resident in GPU memory (fp32 in this
// release). Ops on device tensors (gpu/ops.hpp) record into the GPU's command batch and return device
// tensors, so chains stay on the device; cpu() submits what is pending and downloads. Copies share the
// buffer, as Tensor copies share storage.
#pragma once

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>

#include "device.hpp"

TRUENO_BEGIN_NAMESPACE
namespace gpu {

template <class T, std::size_t N>
class DeviceTensor;
namespace detail {
/// The elements of `t` with its axes reordered (result axis k = t's axis order[k]), copied on the device
/// (gpu/ops.hpp).
template <std::size_t N>
DeviceTensor<float, N> permuted_copy(const DeviceTensor<float, N>& t,
                                     const std::array<std::size_t, N>& order);
}  // namespace detail

template <class T, std::size_t N>
class DeviceTensor {
  static_assert(std::same_as<T, float>, "gpu::DeviceTensor: only float (fp32) tensors live on the GPU yet");

 public:
  using value_type = T;
  static constexpr std::size_t rank = N;

  /// Internal: a tensor over `buffer` with `shape` (contiguous). Use t.to(gpu::device()) or an op.
  DeviceTensor(std::shared_ptr<detail::Buffer> buffer, const Shape<N>& shape)
      : buffer_(std::move(buffer)), shape_(shape) {}

  [[nodiscard]] const Shape<N>& shape() const noexcept { return shape_; }
  [[nodiscard]] static constexpr std::size_t ndim() noexcept { return N; }
  [[nodiscard]] std::size_t size() const {  // shape_size checks for overflow (throws)
    return ::trueno::detail::shape_size(shape_);
  }
  [[nodiscard]] bool empty() const { return size() == 0; }

  /// Downloads into a new host tensor, after the GPU work recorded so far.
  [[nodiscard]] Tensor<T, N> cpu() const {
    Tensor<T, N> out{::trueno::detail::view_parts, ::trueno::detail::allocate_storage<T>(size()), shape_};
    if (size() > 0) detail::context().download(*buffer_, out.data(), size() * sizeof(T));
    return out;
  }
  /// The same as cpu().
  [[nodiscard]] Tensor<T, N> to(cpu_t /*target*/) const { return cpu(); }
  /// Already there: this tensor.
  [[nodiscard]] DeviceTensor to(Device /*target*/) const { return *this; }

  /// The same elements (shared, no copy) as a tensor of `shape`; shape_error unless the sizes agree.
  template <std::size_t M>
  [[nodiscard]] DeviceTensor<T, M> reshape_to(const Shape<M>& shape) const {
    if (::trueno::detail::shape_size(shape) != size()) {
      throw shape_error("cannot reshape array of size " + std::to_string(size()) + " into shape " +
                        ::trueno::detail::format_shape(shape));
    }
    return DeviceTensor<T, M>(buffer_, shape);
  }

  // Axis reorders. A device tensor is always contiguous, so these copy on the device (one dispatch, recorded
  // like any op; ranks up to 4, gpu_error above), where the host's are views.

  /// Reverses the axes (NumPy's .T), as a new device tensor.
  [[nodiscard]] DeviceTensor transpose() const {
    std::array<std::size_t, N> order{};
    for (std::size_t k = 0; k < N; ++k) order[k] = N - 1 - k;
    return detail::permuted_copy(*this, order);
  }
  /// Swaps two axes, as a new device tensor.
  [[nodiscard]] DeviceTensor transpose(std::ptrdiff_t a, std::ptrdiff_t b) const {
    std::array<std::size_t, N> order{};
    for (std::size_t k = 0; k < N; ++k) order[k] = k;
    std::swap(order[::trueno::detail::normalize_axis(a, N)], order[::trueno::detail::normalize_axis(b, N)]);
    return detail::permuted_copy(*this, order);
  }
  /// Reorders the axes (result axis k is this tensor's axis order[k]; negative axes allowed), as a new device
  /// tensor; value_error for a repeated axis, as the host's permute.
  template <std::size_t M>
  requires(M == N && N > 0) [[nodiscard]] DeviceTensor permute(const std::ptrdiff_t (&order)[M]) const {
    std::array<std::size_t, N> axes{};
    std::array<bool, N> seen{};
    for (std::size_t k = 0; k < N; ++k) {
      axes[k] = ::trueno::detail::normalize_axis(order[k], N);
      if (seen[axes[k]]) {
        throw value_error("permute: repeated axis " + std::to_string(order[k]) + " in the order");
      }
      seen[axes[k]] = true;
    }
    return detail::permuted_copy(*this, axes);
  }

  /// Internal: the device allocation.
  [[nodiscard]] const detail::Buffer& buffer() const noexcept { return *buffer_; }

 private:
  std::shared_ptr<detail::Buffer> buffer_;
  Shape<N> shape_;
};

namespace detail {
/// A new device tensor of `shape`, its elements unset.
template <class T, std::size_t N>
DeviceTensor<T, N> empty_device_tensor(const Shape<N>& shape) {
  return {context().allocate(::trueno::detail::shape_size(shape) * sizeof(T)), shape};
}
}  // namespace detail

template <class T, std::size_t N>
DeviceTensor<std::remove_const_t<T>, N> Device::transfer(const Tensor<T, N>& t) const {
  using U = std::remove_const_t<T>;
  auto out = detail::empty_device_tensor<U>(t.shape());
  const auto c = t.contiguous();
  if (c.size() > 0) detail::context().upload(out.buffer(), c.data(), c.size() * sizeof(U));
  return out;
}

}  // namespace gpu
TRUENO_END_NAMESPACE
