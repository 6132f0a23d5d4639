// trueno — NumPy-style text for arrays: `[1.5 2.  3. ]`, `[1 2 3]`, `[1.e-05 1.e+10]`, summarised with `...`
// beyond 1000 elements and wrapped at 75 columns, as numpy.array2string does by default.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "../version.hpp"

TRUENO_BEGIN_NAMESPACE
namespace detail {

inline constexpr std::size_t kPrintThreshold = 1000;
inline constexpr std::size_t kPrintEdgeItems = 3;
inline constexpr std::size_t kPrintLineWidth = 75;
inline constexpr int kPrintPrecision = 8;

template <class T>
std::string to_chars_string(T v, std::chars_format fmt, int precision = -1) {
  char buf[128];
  const auto res = precision < 0 ? std::to_chars(buf, buf + sizeof buf, v, fmt)
                                 : std::to_chars(buf, buf + sizeof buf, v, fmt, precision);
  return std::string(buf, res.ptr);
}

// Shortest round-trip text in positional notation, at most 8 decimals, trailing zeros dropped, "1." for
// integers.
template <class T>
std::string format_fixed(T v) {
  std::string s = to_chars_string(v, std::chars_format::fixed);
  auto dot = s.find('.');
  if (dot != std::string::npos && s.size() - dot - 1 > static_cast<std::size_t>(kPrintPrecision)) {
    s = to_chars_string(v, std::chars_format::fixed, kPrintPrecision);
    while (s.back() == '0') s.pop_back();
    dot = s.find('.');
  }
  if (dot == std::string::npos) s += '.';
  return s;
}

// "1.5e-05" style with a two-digit exponent at least, mantissa with at most 8 decimals.
template <class T>
std::string format_scientific(T v) {
  std::string s = to_chars_string(v, std::chars_format::scientific);
  auto e = s.find('e');
  std::string mant = s.substr(0, e), exp = s.substr(e + 1);
  if (auto dot = mant.find('.'); dot != std::string::npos && mant.size() - dot - 1 > 8) {
    s = to_chars_string(v, std::chars_format::scientific, kPrintPrecision);
    e = s.find('e');
    mant = s.substr(0, e);
    exp = s.substr(e + 1);
    while (mant.back() == '0') mant.pop_back();
  }
  if (mant.find('.') == std::string::npos) mant += '.';
  const char sign = exp[0] == '-' ? '-' : '+';
  std::string digits = (exp[0] == '-' || exp[0] == '+') ? exp.substr(1) : exp;
  if (digits.size() < 2) digits.insert(0, 2 - digits.size(), '0');
  return mant + 'e' + sign + digits;
}

// "1.50000000e-05" style with exactly `digits` fractional digits of the exact value, correctly rounded.
template <class T>
std::string format_scientific_digits(T v, int digits) {
  const std::string s = to_chars_string(v, std::chars_format::scientific, digits);
  const auto e = s.find('e');
  std::string mant = s.substr(0, e);
  const std::string exp = s.substr(e + 1);
  if (mant.find('.') == std::string::npos) mant += '.';
  const char sign = exp[0] == '-' ? '-' : '+';
  std::string exp_digits = (exp[0] == '-' || exp[0] == '+') ? exp.substr(1) : exp;
  if (exp_digits.size() < 2) exp_digits.insert(0, 2 - exp_digits.size(), '0');
  mant += 'e';
  mant += sign;
  mant += exp_digits;
  return mant;
}

// Pads every entry to a common layout: integer parts right-aligned, fractional parts left-aligned. nan and
// inf only widen the integer part as far as they need to fit (NumPy's pad_left), then right-align.
inline void align_on_point(std::vector<std::string>& items) {
  std::size_t int_w = 0, frac_w = 0, special_w = 0;
  for (const auto& s : items) {
    const auto p = s.find_first_of(".e");
    if (p == std::string::npos) {
      special_w = std::max(special_w, s.size());
      continue;
    }
    int_w = std::max(int_w, p);
    frac_w = std::max(frac_w, s.size() - p);
  }
  int_w = std::max(int_w, special_w - std::min(special_w, frac_w));
  for (auto& s : items) {
    const auto p = std::min(s.find_first_of(".e"), s.size());
    if (s.find_first_of(".e") == std::string::npos) {  // nan / inf: right-align in the whole width
      s.insert(0, int_w + frac_w - std::min(int_w + frac_w, s.size()), ' ');
      continue;
    }
    s.insert(0, int_w - p, ' ');
    s.append(frac_w - (s.size() - int_w), ' ');
  }
}

template <class T>
std::vector<std::string> format_elements(std::span<const T> shown) {
  std::vector<std::string> items;
  items.reserve(shown.size());
  if constexpr (std::is_floating_point_v<T>) {
    T max_abs = 0, min_abs = std::numeric_limits<T>::infinity();
    for (T x : shown) {
      if (std::isfinite(x) && x != 0) {
        max_abs = std::max(max_abs, std::fabs(x));
        min_abs = std::min(min_abs, std::fabs(x));
      }
    }
    const bool sci = max_abs >= T(1e8) || (max_abs > 0 && (min_abs < T(1e-4) || max_abs / min_abs > T(1e3)));
    for (T x : shown) {
      if (std::isnan(x)) {
        items.emplace_back("nan");
      } else if (std::isinf(x)) {
        items.emplace_back(x > 0 ? "inf" : "-inf");
      } else {
        items.push_back(sci ? format_scientific(x) : format_fixed(x));
      }
    }
    if (sci) {
      // NumPy prints every mantissa with the most fractional digits any element needs, the extra digits being
      // the value's own (correctly rounded), not zeros.
      std::size_t digits = 0;
      for (const auto& it : items) {
        const auto dot = it.find('.'), e = it.find('e');
        if (dot != std::string::npos && e != std::string::npos) digits = std::max(digits, e - dot - 1);
      }
      for (std::size_t k = 0; k < items.size(); ++k) {
        if (std::isfinite(shown[k])) items[k] = format_scientific_digits(shown[k], static_cast<int>(digits));
      }
    }
    align_on_point(items);
  } else {
    std::size_t w = 0;
    for (T x : shown) {
      items.push_back(std::to_string(x));
      w = std::max(w, items.back().size());
    }
    for (auto& s : items) s.insert(0, w - s.size(), ' ');
  }
  return items;
}

/// NumPy's text for a 1-D array.
template <class T>
std::string format_array(std::span<const T> values) {
  const bool summarise = values.size() > kPrintThreshold;
  std::vector<T> shown;
  if (summarise) {
    shown.assign(values.begin(), values.begin() + kPrintEdgeItems);
    shown.insert(shown.end(), values.end() - kPrintEdgeItems, values.end());
  } else {
    shown.assign(values.begin(), values.end());
  }
  std::vector<std::string> items = format_elements<T>(shown);
  if (summarise) items.insert(items.begin() + kPrintEdgeItems, "...");
  std::string out = "[";
  std::size_t line = 1;  // columns used on the current line
  for (std::size_t i = 0; i < items.size(); ++i) {
    // NumPy keeps every line one column short of the width (room for a closing bracket) and strips the
    // padding at the end of a line it breaks.
    if (i > 0 && line + 1 + items[i].size() > kPrintLineWidth - 1) {
      while (out.back() == ' ') out.pop_back();
      out += "\n ";
      line = 1;
    } else if (i > 0) {
      out += ' ';
      ++line;
    }
    out += items[i];
    line += items[i].size();
  }
  return out + "]";
}

}  // namespace detail
TRUENO_END_NAMESPACE
