// trueno — Tensor<T, N>: an N-dimensional strided view of shared storage, rank fixed at compile time.
// Owning and viewing tensors are the same type: copying a Tensor shares its storage (like PyTorch and NumPy
// assignment); clone() copies the elements. Shape and strides are in elements, strides signed (flip gives
// negative ones), and data() points at element (0, ..., 0). Tensor<const T, N> is a read-only view.
// Constness is shallow, as std::span's: a const Tensor& still writes its elements; Tensor<const T, N> does
// not.
#pragma once

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

#include "../core/aligned_buffer.hpp"
#include "../core/dtype.hpp"
#include "shape.hpp"
#include "slice.hpp"

TRUENO_BEGIN_NAMESPACE

/// Element types of Tensor: NumPy's 12 core dtypes and bfloat16 (bool, int8..int64, uint8..uint64, float16,
/// bfloat16, float, double), each under its one <cstdint> spelling.
template <class T>
concept TensorElement = std::same_as<T, bool> || std::same_as<T, std::int8_t> ||
    std::same_as<T, std::int16_t> || std::same_as<T, std::int32_t> || std::same_as<T, std::int64_t> ||
    std::same_as<T, std::uint8_t> || std::same_as<T, std::uint16_t> || std::same_as<T, std::uint32_t> ||
    std::same_as<T, std::uint64_t> || std::same_as<T, float16> || std::same_as<T, bfloat16> ||
    std::same_as<T, float> || std::same_as<T, double>;

namespace detail {

struct view_parts_t {
  explicit view_parts_t() = default;
};
inline constexpr view_parts_t view_parts{};

/// Storage shared by every view of one allocation: 64-byte aligned, from the buffer cache.
template <class U>
std::shared_ptr<U> allocate_storage(std::size_t n) {
  auto buf = std::make_shared<AlignedBuffer<U>>(n);
  U* p = buf->data();
  return std::shared_ptr<U>(std::move(buf), p);
}

/// [lowest, highest] byte addresses a view touches (empty views touch nothing).
struct Extent {
  const std::byte* lo = nullptr;
  const std::byte* hi = nullptr;
  [[nodiscard]] bool empty() const noexcept { return lo == nullptr; }
  [[nodiscard]] bool overlaps(const Extent& o) const noexcept {
    return !empty() && !o.empty() && lo <= o.hi && o.lo <= hi;
  }
};

}  // namespace detail

template <class T, std::size_t N>
class Tensor {
  static_assert(TensorElement<std::remove_const_t<T>>,
                "Tensor<T, N>: T must be bool, int8..int64, uint8..uint64, float16, bfloat16, float or "
                "double (const-qualified for read-only views)");

 public:
  using value_type = std::remove_const_t<T>;
  using element_type = T;
  static constexpr std::size_t rank = N;

  /// An empty tensor of shape (0, ..., 0) (rank 0: one uninitialised element); mostly a placeholder to
  /// assign.
  Tensor() : Tensor(detail::view_parts, detail::allocate_storage<value_type>(N == 0 ? 1 : 0), Shape<N>{}) {}

  /// Internal: a view of `data` (element (0,...,0)) kept alive by `owner`. Not part of the public API.
  Tensor(detail::view_parts_t /*tag*/, std::shared_ptr<T> owner, const Shape<N>& shape,
         const Strides<N>& strides)
      : owner_(std::move(owner)), shape_(shape), strides_(strides) {}
  Tensor(detail::view_parts_t tag, std::shared_ptr<T> owner, const Shape<N>& shape)
      : Tensor(tag, std::move(owner), shape, detail::contiguous_strides(shape)) {}

  /// A read-only view of a mutable tensor.
  operator Tensor<const value_type, N>() const  // NOLINT(google-explicit-constructor)
      requires(!std::is_const_v<T>) {
    return {detail::view_parts, std::shared_ptr<const value_type>(owner_), shape_, strides_};
  }

  [[nodiscard]] const Shape<N>& shape() const noexcept { return shape_; }
  [[nodiscard]] std::size_t shape(std::ptrdiff_t axis) const {
    return shape_[detail::normalize_axis(axis, N)];
  }
  [[nodiscard]] const Strides<N>& strides() const noexcept { return strides_; }
  [[nodiscard]] static constexpr std::size_t ndim() noexcept { return N; }
  [[nodiscard]] std::size_t size() const noexcept {
    std::size_t n = 1;
    for (auto d : shape_) n *= d;
    return n;
  }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  /// Pointer to element (0, ..., 0); strides may be negative or zero, so it is not always the lowest address.
  [[nodiscard]] T* data() const noexcept { return owner_.get(); }
  /// The shared owner of the storage (for library internals and interop).
  [[nodiscard]] const std::shared_ptr<T>& storage() const noexcept { return owner_; }

  /// True when the elements are laid out row-major without gaps (extent-1 axes may have any stride).
  [[nodiscard]] bool is_contiguous() const noexcept {
    std::ptrdiff_t expect = 1;
    for (std::size_t i = N; i-- > 0;) {
      if (shape_[i] == 0) return true;
      if (shape_[i] != 1 && strides_[i] != expect) return false;
      expect *= static_cast<std::ptrdiff_t>(shape_[i]);
    }
    return true;
  }

  /// Unchecked element access: t(i, j). Indices must be in range (at() checks).
  template <std::integral... I>
  requires(sizeof...(I) == N) T& operator()(I... idx) const noexcept {
    std::ptrdiff_t off = 0;
    std::size_t k = 0;
    ((off += static_cast<std::ptrdiff_t>(idx) * strides_[k++]), ...);
    return owner_.get()[off];
  }

  /// Checked element access; negative indices count from the end; index_error worded as NumPy.
  template <std::integral... I>
  requires(sizeof...(I) == N) T& at(I... idx) const {
    std::ptrdiff_t off = 0;
    std::size_t k = 0;
    ((off +=
      static_cast<std::ptrdiff_t>(detail::normalize_index(static_cast<std::int64_t>(idx), k, shape_[k])) *
      strides_[k],
      ++k),
     ...);
    return owner_.get()[off];
  }

  /// The single element of a tensor of size 1 (NumPy's item()); value_error otherwise.
  [[nodiscard]] value_type item() const {
    if (size() != 1) {
      throw value_error("can only convert an array of size 1 to a scalar; this one has shape " +
                        detail::format_shape(shape_));
    }
    return *owner_.get();
  }

  // ---- views (O(1), sharing storage) ----

  /// Reverses the axes (NumPy's .T).
  [[nodiscard]] Tensor transpose() const {
    Tensor r = *this;
    std::reverse(r.shape_.begin(), r.shape_.end());
    std::reverse(r.strides_.begin(), r.strides_.end());
    return r;
  }
  /// Swaps two axes.
  [[nodiscard]] Tensor transpose(std::ptrdiff_t a, std::ptrdiff_t b) const {
    const std::size_t i = detail::normalize_axis(a, N), j = detail::normalize_axis(b, N);
    Tensor r = *this;
    std::swap(r.shape_[i], r.shape_[j]);
    std::swap(r.strides_[i], r.strides_[j]);
    return r;
  }
  /// Reorders the axes: result axis k is this tensor's axis order[k] (a permutation; negative axes allowed).
  template <std::size_t M>
  requires(M == N && N > 0) [[nodiscard]] Tensor permute(const std::ptrdiff_t (&order)[M]) const {
    Tensor r = *this;
    std::array<bool, N> seen{};
    for (std::size_t k = 0; k < N; ++k) {
      const std::size_t ax = detail::normalize_axis(order[k], N);
      if (seen[ax]) throw value_error("permute: repeated axis " + std::to_string(order[k]) + " in the order");
      seen[ax] = true;
      r.shape_[k] = shape_[ax];
      r.strides_[k] = strides_[ax];
    }
    return r;
  }

  /// NumPy reshape: one extent may be -1; a view when the strides allow, else a copy (as NumPy).
  template <std::size_t M>
  [[nodiscard]] Tensor<T, M> reshape(const Dim (&dims)[M]) const {
    return reshape_to(resolve_reshape<M>(dims));
  }
  /// Reshape to rank 0 (`t.reshape({})` of a one-element tensor).
  [[nodiscard]] Tensor<T, 0> reshape(std::array<std::size_t, 0> /*dims*/) const {
    return reshape_to(Shape<0>{});
  }
  /// Reshape to an explicit shape array.
  template <std::size_t M>
  [[nodiscard]] Tensor<T, M> reshape_to(const Shape<M>& target) const {
    if (detail::shape_size(target) != size()) {
      throw shape_error("cannot reshape array of size " + std::to_string(size()) + " into shape " +
                        detail::format_shape(target));
    }
    Strides<M> st{};
    if (view_strides(target, st)) return {detail::view_parts, owner_, target, st};
    return contiguous().template reshape_to<M>(target);
  }

  /// A 1-D view when the strides allow, else a copy (NumPy's ravel).
  [[nodiscard]] Tensor<T, 1> ravel() const { return reshape_to(Shape<1>{size()}); }
  /// Always a new contiguous 1-D copy (NumPy's flatten).
  [[nodiscard]] Tensor<value_type, 1> flatten() const { return clone().reshape_to(Shape<1>{size()}); }

  /// A new C-contiguous tensor of the elements converted to U, as NumPy's astype (casting='unsafe'): floats
  /// to integers truncate toward zero; NaN, infinities and values out of U's range give what NumPy gives on
  /// x86-64 (documented in docs/dtypes.md, never undefined behaviour); integers wrap; anything to bool is
  /// "!= 0". Defined in tensor/cast.hpp.
  template <TensorElement U>
  [[nodiscard]] Tensor<U, N> astype() const;

  /// Removes an axis of extent 1.
  [[nodiscard]] Tensor<T, N - 1> squeeze(std::ptrdiff_t axis) const requires(N > 0) {
    const std::size_t ax = detail::normalize_axis(axis, N);
    if (shape_[ax] != 1) {
      throw value_error("cannot select an axis to squeeze out which has size not equal to one (axis " +
                        std::to_string(axis) + " has size " + std::to_string(shape_[ax]) + ")");
    }
    Shape<N - 1> s{};
    Strides<N - 1> st{};
    for (std::size_t i = 0, k = 0; i < N; ++i) {
      if (i == ax) continue;
      s[k] = shape_[i];
      st[k++] = strides_[i];
    }
    return {detail::view_parts, owner_, s, st};
  }
  /// Inserts an axis of extent 1 before position `axis` of the result (negative counts from the end).
  [[nodiscard]] Tensor<T, N + 1> unsqueeze(std::ptrdiff_t axis) const {
    const std::size_t ax = detail::normalize_axis(axis, N + 1);
    Shape<N + 1> s{};
    Strides<N + 1> st{};
    for (std::size_t i = 0, k = 0; i < N + 1; ++i) {
      if (i == ax) {
        s[i] = 1;
        st[i] = 0;
      } else {
        s[i] = shape_[k];
        st[i] = strides_[k++];
      }
    }
    return {detail::view_parts, owner_, s, st};
  }

  /// A read-only-in-spirit view broadcast to `dims` (stride 0 along stretched axes), NumPy's broadcast_to.
  /// Writing through it writes one element many times; element-wise ops refuse it as an output.
  template <std::size_t M>
  [[nodiscard]] Tensor<T, M> broadcast_to(const Dim (&dims)[M]) const {
    return broadcast_to_shape(detail::to_shape(dims));
  }
  template <std::size_t M>
  [[nodiscard]] Tensor<T, M> broadcast_to_shape(const Shape<M>& target) const {
    static_assert(M >= N, "broadcast_to: the target rank must be at least the tensor's");
    for (std::size_t i = 0; i < N; ++i) {
      const std::size_t d = shape_[i], t = target[M - N + i];
      if (d != t && d != 1) {
        throw shape_error(
            "operands could not be broadcast together with remapped shapes [original->remapped]: " +
            detail::format_shape(shape_) + " and requested shape " + detail::format_shape(target));
      }
    }
    return {detail::view_parts, owner_, target, detail::broadcast_strides(shape_, strides_, target)};
  }
  /// PyTorch's expand: like broadcast_to; -1 keeps an extent.
  template <std::size_t M>
  [[nodiscard]] Tensor<T, M> expand(const Dim (&dims)[M]) const {
    Shape<M> target{};
    for (std::size_t i = 0; i < M; ++i) {
      if (dims[i].value == -1 && i >= M - N) {
        target[i] = shape_[i - (M - N)];
      } else if (dims[i].value < 0) {
        throw value_error("expand: the extent " + std::to_string(dims[i].value) + " is not allowed at axis " +
                          std::to_string(i));
      } else {
        target[i] = static_cast<std::size_t>(dims[i].value);
      }
    }
    return broadcast_to_shape(target);
  }

  /// NumPy basic indexing: `t.slice(trueno::all, trueno::range(1, 4, 2), 3, trueno::newaxis)`. Integers drop
  /// an axis, ranges follow Python's slice rules, newaxis inserts an axis; missing trailing axes are whole.
  template <class... A>
  requires(detail::is_slice_arg_v<std::remove_cvref_t<A>>&&...)
      [[nodiscard]] auto slice(const A&... args) const {
    constexpr std::size_t consumed =
        (std::size_t{0} + ... + (detail::is_newaxis_arg_v<std::remove_cvref_t<A>> ? 0 : 1));
    static_assert(consumed <= N, "slice: more indices than the tensor has axes");
    constexpr std::size_t R = detail::slice_rank_v<N, std::remove_cvref_t<A>...>;
    Shape<R> s{};
    Strides<R> st{};
    std::size_t in = 0, out = 0;
    std::ptrdiff_t off = 0;
    (apply_slice_arg(args, in, out, off, s, st), ...);
    for (; in < N; ++in, ++out) {
      s[out] = shape_[in];
      st[out] = strides_[in];
    }
    return Tensor<T, R>{detail::view_parts, std::shared_ptr<T>(owner_, detail::offset_ptr(owner_.get(), off)),
                        s, st};
  }

  /// Diagonal of the axes (axis1, axis2), offset above (> 0) or below (< 0) the main one; the result's last
  /// axis runs along the diagonal (NumPy's diagonal, as a view).
  [[nodiscard]] Tensor<T, N - 1> diagonal(std::ptrdiff_t offset = 0, std::ptrdiff_t axis1 = 0,
                                          std::ptrdiff_t axis2 = 1) const requires(N >= 2) {
    const std::size_t a = detail::normalize_axis(axis1, N), b = detail::normalize_axis(axis2, N);
    if (a == b) throw value_error("diagonal: axis1 and axis2 cannot be the same");
    const auto na = static_cast<std::ptrdiff_t>(shape_[a]), nb = static_cast<std::ptrdiff_t>(shape_[b]);
    std::ptrdiff_t len = offset >= 0 ? std::min(na, nb - offset) : std::min(na + offset, nb);
    if (len < 0) len = 0;
    std::ptrdiff_t off = 0;
    if (len > 0) off = offset >= 0 ? offset * strides_[b] : -offset * strides_[a];
    Shape<N - 1> s{};
    Strides<N - 1> st{};
    for (std::size_t i = 0, k = 0; i < N; ++i) {
      if (i == a || i == b) continue;
      s[k] = shape_[i];
      st[k++] = strides_[i];
    }
    s[N - 2] = static_cast<std::size_t>(len);
    st[N - 2] = strides_[a] + strides_[b];
    return {detail::view_parts, std::shared_ptr<T>(owner_, detail::offset_ptr(owner_.get(), off)), s, st};
  }

  /// A view with the order of one axis reversed (negative stride).
  [[nodiscard]] Tensor flip_axis(std::size_t ax) const {
    Tensor r = *this;
    if (shape_[ax] > 0) {
      r.owner_ = std::shared_ptr<T>(
          owner_,
          detail::offset_ptr(owner_.get(), static_cast<std::ptrdiff_t>(shape_[ax] - 1) * strides_[ax]));
    }
    r.strides_[ax] = -strides_[ax];
    return r;
  }

  /// Moves the tensor to a device: `t.to(trueno::gpu::device())` (gpu/gpu.hpp) uploads it,
  /// `t.to(trueno::cpu)` is the tensor itself. The target's transfer(tensor) makes the result.
  template <class Target>
  [[nodiscard]] auto to(const Target& target) const -> decltype(target.transfer(*this)) {
    return target.transfer(*this);
  }

  // ---- copies ----

  /// A new C-contiguous tensor with the same elements (always copies).
  [[nodiscard]] Tensor<value_type, N> clone() const {
    Tensor<value_type, N> r{detail::view_parts, detail::allocate_storage<value_type>(size()), shape_};
    copy_elements(*this, r);
    return r;
  }
  /// This tensor when already C-contiguous (sharing storage), else a contiguous copy.
  [[nodiscard]] Tensor contiguous() const {
    if (is_contiguous()) {
      if constexpr (std::is_const_v<T>) {
        return *this;
      } else {
        Tensor r = *this;
        r.strides_ = detail::contiguous_strides(shape_);
        return r;
      }
    }
    auto c = clone();
    return Tensor{detail::view_parts, std::shared_ptr<T>(c.storage()), shape_};
  }

  /// Sets every element to v (writes through views).
  void fill(value_type v) const requires(!std::is_const_v<T>) {
    for_each_element(*this, [v](T& x) { x = v; });
  }

  /// Boolean-mask selection (NumPy's t[mask]): the mask's shape must equal the first M axes of this tensor;
  /// the result is a copy of the selected sub-arrays, of rank N - M + 1 (a 1-D array when M == N).
  template <std::size_t M>
  requires(M >= 1 && M <= N)  // NOLINT(misc-redundant-expression): false for N == 0, by design
      [[nodiscard]] Tensor<value_type, N - M + 1>
      operator[](const Tensor<const bool, M>& mask) const;
  template <std::size_t M>
  requires(M >= 1 && M <= N)  // NOLINT(misc-redundant-expression): false for N == 0, by design
      [[nodiscard]] Tensor<value_type, N - M + 1>
      operator[](const Tensor<bool, M>& mask) const {
    return (*this)[Tensor<const bool, M>(mask)];
  }
  /// A copy with `value` where the mask (broadcast to this shape) is true (PyTorch's masked_fill).
  template <class B, std::size_t M>
  requires std::same_as < std::remove_const_t<B>,
  bool > [[nodiscard]] Tensor<value_type, N> masked_fill(const Tensor<B, M>& mask, value_type value) const;

  /// Copies src (broadcast to this shape) into this tensor's elements (np.copyto); an overlapping source is
  /// read from a copy.
  template <class U, std::size_t M>
  void assign(const Tensor<U, M>& src) const
      requires(!std::is_const_v<T> && std::same_as<std::remove_const_t<U>, value_type>) {
    static_assert(M <= N, "assign: the source rank must not exceed the destination's");
    auto b = src.broadcast_to_shape(shape_);
    if (overlaps_partially(*this, b)) {
      auto tmp = b.clone();
      copy_elements(tmp, *this);
    } else {
      copy_elements(b, *this);
    }
  }

  /// Byte range touched by this view.
  [[nodiscard]] detail::Extent extent() const noexcept {
    if (size() == 0) return {};
    std::ptrdiff_t lo = 0, hi = 0;
    for (std::size_t i = 0; i < N; ++i) {
      const std::ptrdiff_t span = static_cast<std::ptrdiff_t>(shape_[i] - 1) * strides_[i];
      (span < 0 ? lo : hi) += span;
    }
    const auto* base = reinterpret_cast<const std::byte*>(owner_.get());
    return {base + lo * static_cast<std::ptrdiff_t>(sizeof(T)),
            base + hi * static_cast<std::ptrdiff_t>(sizeof(T)) + static_cast<std::ptrdiff_t>(sizeof(T)) - 1};
  }

  /// True when two elements of this view share one memory location (a broadcast or expanded view).
  [[nodiscard]] bool has_internal_overlap() const noexcept {
    if (size() <= 1) return false;
    std::array<std::pair<std::size_t, std::size_t>, N> dims{};  // (|stride|, extent) of axes longer than 1
    std::size_t k = 0;
    for (std::size_t i = 0; i < N; ++i) {
      if (shape_[i] > 1)
        dims[k++] = {static_cast<std::size_t>(strides_[i] < 0 ? -strides_[i] : strides_[i]), shape_[i]};
    }
    // Insertion sort (k <= N is tiny; std::sort here trips GCC 12's -Warray-bounds at -O3).
    for (std::size_t i = 1; i < k; ++i) {
      for (std::size_t j = i; j > 0 && dims[j] < dims[j - 1]; --j) std::swap(dims[j], dims[j - 1]);
    }
    std::size_t reach = 1;  // elements spanned by the smaller axes
    for (std::size_t i = 0; i < k; ++i) {
      if (dims[i].first < reach) return true;
      reach = dims[i].first * (dims[i].second - 1) + reach;
    }
    return false;
  }

  /// Visits every element in row-major order of this view's index space.
  template <class Fn>
  friend void for_each_element(const Tensor& t, Fn&& fn) {
    if (t.size() == 0) return;
    if constexpr (N == 0) {
      fn(*t.data());
    } else {
      std::array<std::size_t, N> idx{};
      T* p = t.data();
      const std::size_t inner = t.shape_[N - 1];
      const std::ptrdiff_t s = t.strides_[N - 1];
      while (true) {
        T* q = p;
        for (std::size_t j = 0; j < inner; ++j, q += s) fn(*q);
        std::size_t ax = N - 1;
        while (true) {
          if (ax == 0) return;
          --ax;
          p += t.strides_[ax];
          if (++idx[ax] < t.shape_[ax]) break;
          p -= static_cast<std::ptrdiff_t>(idx[ax]) * t.strides_[ax];
          idx[ax] = 0;
        }
      }
    }
  }

 private:
  template <class U, std::size_t M>
  friend class Tensor;

  template <std::size_t M>
  Shape<M> resolve_reshape(const Dim (&dims)[M]) const {
    Shape<M> target{};
    std::size_t known = 1;
    std::ptrdiff_t unknown = -1;
    for (std::size_t i = 0; i < M; ++i) {
      if (dims[i].value == -1) {
        if (unknown >= 0) throw value_error("can only specify one unknown dimension");
        unknown = static_cast<std::ptrdiff_t>(i);
      } else if (dims[i].value < 0) {
        throw value_error("negative dimensions not allowed");
      } else {
        target[i] = static_cast<std::size_t>(dims[i].value);
        known *= target[i];
      }
    }
    if (unknown >= 0) {
      if (known == 0 || size() % known != 0) {
        Shape<M> shown = target;
        std::string s = "cannot reshape array of size " + std::to_string(size()) + " into shape (";
        for (std::size_t i = 0; i < M; ++i) {
          if (i > 0) s += ',';
          s += static_cast<std::ptrdiff_t>(i) == unknown ? std::string("-1") : std::to_string(shown[i]);
        }
        throw shape_error(s + (M == 1 ? ",)" : ")"));
      }
      target[static_cast<std::size_t>(unknown)] = size() / known;
    }
    return target;
  }

  // Strides that view this tensor's elements (row-major order) with shape `target`, if any exist (NumPy's
  // _attempt_nocopy_reshape): groups of old axes that are contiguous among themselves map onto new axes.
  template <std::size_t M>
  bool view_strides(const Shape<M>& target, Strides<M>& out) const {
    if (size() == 0 || is_contiguous()) {
      out = detail::contiguous_strides(target);
      return true;
    }
    // Old axes without the extent-1 ones.
    std::array<std::size_t, N> od{};
    std::array<std::ptrdiff_t, N> os{};
    std::size_t on = 0;
    for (std::size_t i = 0; i < N; ++i) {
      if (shape_[i] != 1) {
        od[on] = shape_[i];
        os[on++] = strides_[i];
      }
    }
    std::size_t oi = 0, oj = 1, ni = 0, nj = 1;
    while (ni < M && oi < on) {
      std::size_t np = target[ni], op = od[oi];
      while (np != op) {
        if (np < op) {
          np *= target[nj++];
        } else {
          op *= od[oj++];
        }
      }
      for (std::size_t k = oi; k + 1 < oj; ++k) {
        if (os[k] != static_cast<std::ptrdiff_t>(od[k + 1]) * os[k + 1]) return false;
      }
      out[nj - 1] = os[oj - 1];
      for (std::size_t k = nj - 1; k > ni; --k) out[k - 1] = out[k] * static_cast<std::ptrdiff_t>(target[k]);
      ni = nj++;
      oi = oj++;
    }
    // Trailing extent-1 axes of the target.
    for (std::size_t k = ni; k < M; ++k) out[k] = 1;
    return true;
  }

  template <class A, std::size_t R>
  void apply_slice_arg(const A& arg, std::size_t& in, std::size_t& out, std::ptrdiff_t& off, Shape<R>& s,
                       Strides<R>& st) const {
    using B = std::remove_cvref_t<A>;
    if constexpr (std::same_as<B, newaxis_t>) {
      s[out] = 1;
      st[out++] = 0;
    } else if constexpr (std::integral<B>) {
      off += static_cast<std::ptrdiff_t>(
                 detail::normalize_index(static_cast<std::int64_t>(arg), in, shape_[in])) *
             strides_[in];
      ++in;
    } else if constexpr (std::same_as<B, all_t>) {
      s[out] = shape_[in];
      st[out++] = strides_[in++];
    } else {
      const auto r = detail::resolve_range(arg, shape_[in]);
      if (r.count > 0) off += static_cast<std::ptrdiff_t>(r.first) * strides_[in];
      s[out] = r.count;
      st[out++] = r.step * strides_[in++];
    }
  }

  template <class U, std::size_t M>
  static bool overlaps_partially(const Tensor& dst, const Tensor<U, M>& src) {
    if (!dst.extent().overlaps(src.extent())) return false;
    if constexpr (M == N) {
      if (static_cast<const void*>(dst.data()) == static_cast<const void*>(src.data()) &&
          dst.strides_ == src.strides() && dst.shape_ == src.shape()) {
        return false;
      }
    }
    return true;
  }

  template <class U, class W>
  static void copy_elements(const Tensor<U, N>& src, const Tensor<W, N>& dst) {
    if (src.is_contiguous() && dst.is_contiguous()) {
      if (src.size() > 0) std::memcpy(dst.data(), src.data(), src.size() * sizeof(value_type));
      return;
    }
    // Row-major walk of both index spaces in step.
    if constexpr (N == 0) {
      *dst.data() = *src.data();
    } else {
      if (src.size() == 0) return;
      std::array<std::size_t, N> idx{};
      const U* p = src.data();
      W* q = dst.data();
      const std::size_t inner = src.shape()[N - 1];
      const std::ptrdiff_t sp = src.strides()[N - 1], sq = dst.strides()[N - 1];
      while (true) {
        if (sp == 1 && sq == 1) {
          std::memcpy(q, p, inner * sizeof(value_type));
        } else {
          for (std::size_t j = 0; j < inner; ++j)
            q[static_cast<std::ptrdiff_t>(j) * sq] = p[static_cast<std::ptrdiff_t>(j) * sp];
        }
        std::size_t ax = N - 1;
        while (true) {
          if (ax == 0) return;
          --ax;
          p += src.strides()[ax];
          q += dst.strides()[ax];
          if (++idx[ax] < src.shape()[ax]) break;
          p -= static_cast<std::ptrdiff_t>(idx[ax]) * src.strides()[ax];
          q -= static_cast<std::ptrdiff_t>(idx[ax]) * dst.strides()[ax];
          idx[ax] = 0;
        }
      }
    }
  }

  std::shared_ptr<T> owner_;
  Shape<N> shape_;
  Strides<N> strides_;
};

TRUENO_END_NAMESPACE
