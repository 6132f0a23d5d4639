// trueno — Vector<T>: an owning, contiguous, 64-byte-aligned 1-D array (float, double, int32, int64).
#pragma once

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <ostream>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "core/aligned_buffer.hpp"
#include "core/error.hpp"
#include "core/format.hpp"

TRUENO_BEGIN_NAMESPACE

/// The element types Vector<T> supports.
template <class T>
concept VectorElement = std::same_as<T, float> || std::same_as<T, double> || std::same_as<T, std::int32_t> ||
    std::same_as<T, std::int64_t>;

namespace detail {
struct uninitialized_t {
  explicit uninitialized_t() = default;
};
/// Tag for the internal constructor that leaves elements uninitialised (every element is written next).
inline constexpr uninitialized_t uninitialized{};

// Built by appending: GCC 12 reports a false -Wrestrict at -O3 for `"(" + std::to_string(n)` (GCC PR 105329).
[[nodiscard]] inline std::string shape_string(std::size_t n) {
  std::string s(1, '(');
  s += std::to_string(n);
  s += ",)";
  return s;
}
}  // namespace detail

template <class T, std::size_t N>
class Tensor;

/// Owning contiguous 1-D array. Copies are deep; moves are O(1). Storage is 64-byte aligned.
template <VectorElement T>
class Vector {
 public:
  using value_type = T;
  using size_type = std::size_t;
  using iterator = T*;
  using const_iterator = const T*;

  /// Empty vector.
  Vector() noexcept = default;
  /// n zeros.
  explicit Vector(std::size_t n) : buf_(n) { std::fill_n(buf_.data(), n, T(0)); }
  /// n copies of value.
  Vector(std::size_t n, T value) : buf_(n) { std::fill_n(buf_.data(), n, value); }
  /// The listed values.
  Vector(std::initializer_list<T> values) : buf_(values.size()) {
    std::copy(values.begin(), values.end(), data());
  }
  /// A copy of the span's elements.
  explicit Vector(std::span<const T> values) : buf_(values.size()) {
    if (!values.empty()) std::memcpy(data(), values.data(), values.size_bytes());
  }
  /// A copy of [first, last), converting each element to T.
  template <std::input_iterator It>
  requires(!std::integral<It>) Vector(It first, It last) {
    if constexpr (std::forward_iterator<It>) {
      buf_ = detail::AlignedBuffer<T>(static_cast<std::size_t>(std::distance(first, last)));
      std::size_t i = 0;
      for (; first != last; ++first) buf_.data()[i++] = static_cast<T>(*first);
    } else {
      std::vector<T> tmp;
      for (; first != last; ++first) tmp.push_back(static_cast<T>(*first));
      *this = Vector(std::span<const T>(tmp));
    }
  }
  /// n uninitialised elements, for code that writes every element next.
  Vector(detail::uninitialized_t /*tag*/, std::size_t n) : buf_(n) {}

  Vector(const Vector& o) : Vector(std::span<const T>(o.data(), o.size())) {}
  Vector(Vector&&) noexcept = default;
  Vector& operator=(const Vector& o) {
    if (this != &o) *this = Vector(o);
    return *this;
  }
  Vector& operator=(Vector&&) noexcept = default;
  ~Vector() = default;

  [[nodiscard]] T* data() noexcept { return buf_.data(); }
  [[nodiscard]] const T* data() const noexcept { return buf_.data(); }
  [[nodiscard]] std::size_t size() const noexcept { return buf_.size(); }
  [[nodiscard]] bool empty() const noexcept { return buf_.size() == 0; }
  [[nodiscard]] iterator begin() noexcept { return data(); }
  [[nodiscard]] iterator end() noexcept { return data() + size(); }
  [[nodiscard]] const_iterator begin() const noexcept { return data(); }
  [[nodiscard]] const_iterator end() const noexcept { return data() + size(); }
  [[nodiscard]] std::span<T> span() noexcept { return {data(), size()}; }
  [[nodiscard]] std::span<const T> span() const noexcept { return {data(), size()}; }

  /// A Tensor<T, 1> viewing this vector's elements without copying. The view does not own them: it is valid
  /// only while this vector lives and is not assigned to or moved from (tensor/creation.hpp defines these).
  [[nodiscard]] Tensor<T, 1> view();
  [[nodiscard]] Tensor<const T, 1> view() const;
  /// Moves the elements into an owning Tensor<T, 1> (O(1)); this vector is left empty.
  [[nodiscard]] Tensor<T, 1> to_tensor() &&;

  /// Unchecked element access.
  [[nodiscard]] T& operator[](std::size_t i) noexcept { return buf_.data()[i]; }
  [[nodiscard]] const T& operator[](std::size_t i) const noexcept { return buf_.data()[i]; }
  /// Checked element access; throws index_error ("index 5 is out of bounds for axis 0 with size 3").
  [[nodiscard]] T& at(std::size_t i) {
    check_index(i);
    return buf_.data()[i];
  }
  [[nodiscard]] const T& at(std::size_t i) const {
    check_index(i);
    return buf_.data()[i];
  }

  /// Same size and every element equal (so a NaN makes two vectors unequal, as element-wise == would).
  [[nodiscard]] friend bool operator==(const Vector& a, const Vector& b) noexcept {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }

  /// NumPy's text: `[1.5 2.  3. ]`.
  friend std::ostream& operator<<(std::ostream& os, const Vector& v) {
    return os << detail::format_array<T>(v.span());
  }

 private:
  void check_index(std::size_t i) const {
    if (i >= size()) {
      throw index_error("index " + std::to_string(i) + " is out of bounds for axis 0 with size " +
                        std::to_string(size()));
    }
  }

  detail::AlignedBuffer<T> buf_;
};

template <class T>
Vector(std::initializer_list<T>) -> Vector<T>;

TRUENO_END_NAMESPACE
