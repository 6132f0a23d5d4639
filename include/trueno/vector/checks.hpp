// trueno — argument checks shared by the Vector ops, worded like NumPy's errors.
#pragma once

#include <cmath>
#include <string>
#include <string_view>

#include "../core/dispatch.hpp"
#include "../vector.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

// "operands could not be broadcast together with shapes (3,) (4,)"
inline void check_same_size(std::size_t a, std::size_t b) {
  if (a != b) {
    throw shape_error("operands could not be broadcast together with shapes " + shape_string(a) + " " +
                      shape_string(b));
  }
}

// NumPy's message for an out= operand of the wrong shape.
inline void check_out_size(std::size_t out, std::size_t expected) {
  if (out != expected) {
    throw shape_error("non-broadcastable output operand with shape " + shape_string(out) +
                      " doesn't match the broadcast shape " + shape_string(expected));
  }
}

// "zero-size array to reduction operation maximum which has no identity"
inline void check_nonempty(std::size_t n, std::string_view op) {
  if (n == 0) {
    throw value_error("zero-size array to reduction operation " + std::string(op) + " which has no identity");
  }
}

template <class T>
void check_not_nan(T v, std::string_view what) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(v)) throw value_error(std::string(what) + " must not be NaN");
  }
}

}  // namespace detail
TRUENO_END_NAMESPACE
