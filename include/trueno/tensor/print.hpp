// trueno — NumPy's text for tensors: `os << t` writes what print(a) shows, `trueno::repr(t)` what repr(a)
// shows
// ("array([[1., 2.],\n       [3., 4.]], dtype=float32)"). Arrays above 1000 elements are summarised with the
// first and last 3 entries of every axis, as NumPy does.
#pragma once

#include <charconv>
#include <cmath>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "../core/format.hpp"
#include "tensor.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

template <class V>
constexpr std::string_view numpy_dtype_name() {
  return dtype_name<V>();
}

// Indices shown along an axis of `n` elements: all, or the first and last kPrintEdgeItems (-1 marks "...").
inline std::vector<std::ptrdiff_t> shown_indices(std::size_t n, bool summarise) {
  std::vector<std::ptrdiff_t> idx;
  if (summarise && n > 2 * kPrintEdgeItems) {
    for (std::size_t i = 0; i < kPrintEdgeItems; ++i) idx.push_back(static_cast<std::ptrdiff_t>(i));
    idx.push_back(-1);
    for (std::size_t i = n - kPrintEdgeItems; i < n; ++i) idx.push_back(static_cast<std::ptrdiff_t>(i));
  } else {
    for (std::size_t i = 0; i < n; ++i) idx.push_back(static_cast<std::ptrdiff_t>(i));
  }
  return idx;
}

template <class T, std::size_t N>
class TensorPrinter {
 public:
  using V = std::remove_const_t<T>;
  TensorPrinter(const Tensor<T, N>& t, bool repr) : t_(t), repr_(repr) {
    summarise_ = t.size() > kPrintThreshold;
    for (std::size_t a = 0; a < N; ++a) shown_[a] = shown_indices(t.shape()[a], summarise_);
    collect(0, 0);
    if constexpr (std::is_same_v<V, bool>) {
      for (V v : values_) items_.emplace_back(v ? " True" : "False");
    } else if constexpr (is_float16_like_v<V>) {
      // NumPy prints a float16 by its own shortest digits ("0.1", not float's "0.09998"): format the doubles
      // those digits denote.
      std::vector<double> decimals;
      decimals.reserve(values_.size());
      for (V v : values_) decimals.push_back(decimal_value(v));
      items_ = format_elements<double>(decimals);
    } else {
      items_ = format_elements<V>(values_);
    }
  }

  std::string str(std::size_t indent) {
    next_ = 0;
    std::string out;
    if constexpr (N == 0) {
      out = items_.empty() ? "" : trim(items_[0]);
      if constexpr (std::is_floating_point_v<V>) {
        if (!repr_) out = scalar_str(values_[0]);
      } else if constexpr (is_float16_like_v<V>) {
        if (!repr_) out = scalar_str(decimal_value(values_[0]));
      }
    } else if (t_.size() == 0) {
      out = "[]";  // NumPy prints any empty array as [] (repr adds the shape)
    } else {
      build(0, indent, out);
    }
    return out;
  }

 private:
  // NumPy's str of a 0-d float array is its scalar's: the shortest digits, positional ("1.0", "534936930.0")
  // unless 0 < |v| < 1e-4 or |v| >= 1e16 ("1e+16", "1.5e-05").
  template <class F>
  static std::string scalar_str(F v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
    std::string sci = to_chars_string(v, std::chars_format::scientific);
    const double mag = std::abs(static_cast<double>(v));
    if (mag != 0 && (mag < 1e-4 || mag >= 1e16)) return sci;
    const auto e = sci.find('e');
    const int exp = std::stoi(sci.substr(e + 1));
    const bool neg = sci[0] == '-';
    std::string digits;
    for (std::size_t i = neg ? 1 : 0; i < e; ++i) {
      if (sci[i] != '.') digits += sci[i];
    }
    std::string int_part, frac;
    if (exp >= 0) {
      const auto n = static_cast<std::size_t>(exp) + 1;
      if (digits.size() < n) digits.append(n - digits.size(), '0');
      int_part = digits.substr(0, n);
      frac = digits.substr(n);
    } else {
      int_part = "0";
      frac = std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
    }
    return (neg ? "-" : "") + int_part + "." + (frac.empty() ? "0" : frac);
  }
  static std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(' ');
    return b == std::string::npos ? s : s.substr(b);
  }

  void collect(std::size_t axis, std::ptrdiff_t off) {
    if constexpr (N == 0) {
      values_.push_back(*t_.data());
    } else {
      for (auto i : shown_[axis]) {
        if (i < 0) continue;
        const std::ptrdiff_t o = off + i * t_.strides()[axis];
        if (axis + 1 == N) {
          values_.push_back(t_.data()[o]);
        } else {
          collect(axis + 1, o);
        }
      }
    }
  }

  // Appends the text of the sub-array at `axis` (the opening bracket sits at column `col`).
  void build(std::size_t axis, std::size_t col, std::string& out) {
    const std::string sep = repr_ ? "," : "";
    out += '[';
    if (axis + 1 == N) {
      std::size_t line = col + 1;
      bool first = true;
      const auto& shown = shown_[axis];
      for (std::size_t k = 0; k < shown.size(); ++k) {
        const std::string item = shown[k] < 0 ? "..." : items_[next_++];
        const bool last = k + 1 == shown.size();
        const std::string piece = item + (last ? "" : sep);
        // NumPy's _formatArray: each enclosing bracket takes one column off the width, the closing ']' one
        // more, and repr's suffix ("," before the dtype, or ")") one more; an entry wraps when it (without
        // its separator) would pass that width.
        if (!first && line + 1 + item.size() > kPrintLineWidth - (repr_ ? 1 : 0) - axis - 1) {
          while (!out.empty() && out.back() == ' ') out.pop_back();
          out += '\n';
          out.append(col + 1, ' ');
          line = col + 1;
        } else if (!first) {
          out += ' ';
          ++line;
        }
        out += piece;
        line += piece.size();
        first = false;
      }
    } else {
      bool first = true;
      for (auto i : shown_[axis]) {
        if (!first) {
          out += sep;
          out += std::string(N - axis - 1, '\n');
          out += std::string(col + 1, ' ');
        }
        if (i < 0) {
          out += "...";
        } else {
          build(axis + 1, col + 1, out);
        }
        first = false;
      }
    }
    out += ']';
  }

  const Tensor<T, N>& t_;
  bool repr_;
  bool summarise_ = false;
  std::array<std::vector<std::ptrdiff_t>, N == 0 ? 1 : N> shown_{};
  std::vector<V> values_;
  std::vector<std::string> items_;
  std::size_t next_ = 0;
};

}  // namespace detail

/// NumPy's print(a) text.
template <class T, std::size_t N>
std::ostream& operator<<(std::ostream& os, const Tensor<T, N>& t) {
  detail::TensorPrinter<T, N> p(t, false);
  return os << p.str(0);
}

/// NumPy's repr(a): "array([...], dtype=float32)"; the dtype is omitted for float64, int64 and bool, as NumPy
/// omits it for its defaults, except on empty arrays, which also show their shape from rank 2 on.
template <class T, std::size_t N>
[[nodiscard]] std::string repr(const Tensor<T, N>& t) {
  using V = std::remove_const_t<T>;
  detail::TensorPrinter<T, N> p(t, true);
  std::string body = p.str(6);
  const bool default_dtype =
      std::is_same_v<V, double> || std::is_same_v<V, std::int64_t> || std::is_same_v<V, bool>;
  // Built by appending: GCC 12 reports a false -Wrestrict for `"literal" + std::string` at -O3 (PR 105329).
  std::string s = "array(";
  s += body;
  if (t.size() == 0 && N > 1) {  // Python's tuple repr: "(2, 0)"
    s += ", shape=";
    for (const char ch : detail::format_shape(t.shape())) {
      s += ch;
      if (ch == ',') s += ' ';
    }
  }
  if (!default_dtype || t.size() == 0) {
    // NumPy moves the dtype to its own line when it would pass the line width.
    std::string dtype = "dtype=";
    dtype += detail::numpy_dtype_name<V>();
    dtype += ')';
    const std::size_t line_start = s.rfind('\n') == std::string::npos ? 0 : s.rfind('\n') + 1;
    const bool wrap = s.size() + 1 - line_start + dtype.size() + 1 > detail::kPrintLineWidth;
    s += ',';
    s += wrap ? "\n      " : " ";
    s += dtype;
    return s;
  }
  s += ')';
  return s;
}

TRUENO_END_NAMESPACE
