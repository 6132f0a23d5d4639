// trueno — gpu::DeviceTensor<T, N>: a contiguous, row-major tensor resident in GPU memory (fp32 in this
// release). Ops on device tensors (gpu/ops.hpp) record into the GPU's command batch and return device
// tensors, so chains stay on the device; cpu() submits what is pending and downloads. Copies share the
// buffer, as Tensor copies share storage.
#pragma once

#include <concepts>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>

#include "device.hpp"

TRUENO_BEGIN_NAMESPACE
namespace gpu {

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
