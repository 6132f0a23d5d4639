// trueno — the .npy header (NumPy's array file format, versions 1.0, 2.0 and 3.0): NpyHeader, the descr and
// dict parsers with their strict validation, and the preamble numpy.save writes. Reading and writing files is
// in npy_file.hpp.
//
// A file is: the magic "\x93NUMPY", two version bytes, HEADER_LEN (2 bytes little-endian in 1.0, 4 in
// 2.0/3.0), then HEADER_LEN bytes holding a Python dict literal {'descr': ..., 'fortran_order': ...,
// 'shape': ...} padded with spaces and ended by '\n', then the raw element data.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../core/error.hpp"
#include "../core/half.hpp"

TRUENO_BEGIN_NAMESPACE
namespace io {

/// What a .npy file's preamble declares. npy_header() returns one only for a file that passed every check
/// (magic, version, header syntax and padding, descr, shape, data length).
struct NpyHeader {
  std::string descr;               ///< NumPy's dtype string as written, e.g. "<f4", ">i8", "|b1", "<U10"
  bool fortran_order = false;      ///< data stored column-major
  std::vector<std::size_t> shape;  ///< empty for a 0-d array
  std::uint8_t major_version = 1;  ///< format version: 1.0, 2.0 or 3.0
  std::uint8_t minor_version = 0;
  std::size_t header_length = 0;  ///< HEADER_LEN: bytes of dict text, padding and the final '\n'

  /// '<' little, '>' big, '|' not applicable, '=' native; '=' also when descr has no byte-order character.
  [[nodiscard]] char byte_order() const noexcept;
  /// NumPy's kind character: 'b' bool, 'i' signed, 'u' unsigned, 'f' float, 'c' complex, 'S' bytes, 'U' str,
  /// 'V' void, 'm' timedelta, 'M' datetime.
  [[nodiscard]] char kind() const noexcept;
  /// Bytes per element (for 'U', 4 per character).
  [[nodiscard]] std::size_t item_size() const noexcept;
  /// True when the data is stored little-endian or its byte order does not matter (1-byte items, '|').
  [[nodiscard]] bool is_little_endian() const noexcept;
  /// True when the data can be used without swapping bytes on this machine.
  [[nodiscard]] bool is_native_byte_order() const noexcept;
  [[nodiscard]] std::size_t rank() const noexcept { return shape.size(); }
  /// Product of the shape (1 for a 0-d array).
  [[nodiscard]] std::size_t element_count() const noexcept;
  /// element_count() * item_size(): the length of the data that follows the preamble.
  [[nodiscard]] std::size_t data_size() const noexcept { return element_count() * item_size(); }
  /// Offset of the data in the file: magic, version, length field and header.
  [[nodiscard]] std::size_t data_offset() const noexcept {
    return 8 + (major_version == 1 ? 2 : 4) + header_length;
  }
  /// The shape as Python writes a tuple: "()", "(3,)", "(2, 3)".
  [[nodiscard]] std::string shape_string() const;
};

}  // namespace io

namespace detail {

inline constexpr std::string_view kNpyMagic{"\x93NUMPY", 6};
/// NumPy's limit on HEADER_LEN when loading untrusted files (numpy.lib.format._MAX_HEADER_SIZE).
inline constexpr std::size_t kNpyMaxHeaderLength = 10000;
/// numpy >= 1.14 pads the preamble to a multiple of 64 bytes (ARRAY_ALIGN); older writers, and the format's
/// original specification, to 16. Readers require 16, writers produce 64.
inline constexpr std::size_t kNpyReadAlign = 16;
inline constexpr std::size_t kNpyWriteAlign = 64;
/// numpy pads the header after the dict so that the shape can grow in place (GROWTH_AXIS_MAX_DIGITS).
inline constexpr std::size_t kNpyGrowthAxisMaxDigits = 21;

/// The element types the raw layer reads and writes, with NumPy's kind character and name. Other types (the
/// 16-bit floats) join by specialising NpyTraits.
template <class T>
struct NpyTraits {};
template <>
struct NpyTraits<bool> {
  static constexpr char kind = 'b';
  static std::string name() { return "bool"; }
};
template <class T>
inline constexpr bool npy_is_integer_v =
    std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> &&
    !std::is_same_v<T, wchar_t> && !std::is_same_v<T, char8_t> && !std::is_same_v<T, char16_t> &&
    !std::is_same_v<T, char32_t>;
template <class T>
requires npy_is_integer_v<T>
struct NpyTraits<T> {
  static constexpr char kind = std::is_signed_v<T> ? 'i' : 'u';
  static std::string name() { return (std::is_signed_v<T> ? "int" : "uint") + std::to_string(8 * sizeof(T)); }
};
template <class T>
requires(std::is_same_v<T, float> || std::is_same_v<T, double>) struct NpyTraits<T> {
  static constexpr char kind = 'f';
  static std::string name() { return "float" + std::to_string(8 * sizeof(T)); }
};

/// float16 is NumPy's '<f2'. NumPy has no bfloat16: trueno writes it as ml_dtypes does, a 2-byte void
/// ('<V2'), and reads any 2-byte void back as bfloat16.
template <>
struct NpyTraits<float16> {
  static constexpr char kind = 'f';
  static std::string name() { return "float16"; }
};
template <>
struct NpyTraits<bfloat16> {
  static constexpr char kind = 'V';
  static std::string name() { return "bfloat16"; }
};

template <class T>
concept NpyElement = std::is_trivially_copyable_v<T> && requires {
  { NpyTraits<T>::kind } -> std::convertible_to<char>;
  { NpyTraits<T>::name() } -> std::convertible_to<std::string>;
};

/// The descr trueno writes for T: little-endian ("<f4"), or '|' for 1-byte types ("|b1", "|u1").
template <NpyElement T>
[[nodiscard]] std::string npy_descr() {
  return std::string(1, sizeof(T) == 1 ? '|' : '<') + NpyTraits<T>::kind + std::to_string(sizeof(T));
}

/// A parsed descr string: byte order, kind, item size.
struct NpyDescr {
  char byte_order = '=';
  char kind = 0;
  std::size_t item_size = 0;
};

[[nodiscard]] inline bool npy_is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Text from a file, quoted for a message: control and non-ASCII bytes as \xNN, at most 40 characters.
[[nodiscard]] inline std::string npy_quote(std::string_view s) {
  std::string out = "'";
  for (std::size_t i = 0; i < s.size() && i < 40; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += "0123456789abcdef"[c >> 4];
      out += "0123456789abcdef"[c & 0xF];
    }
  }
  return out + (s.size() > 40 ? "...'" : "'");
}

// Parses the digits of s into out; false on an empty string, a non-digit or overflow.
[[nodiscard]] inline bool npy_parse_size(std::string_view s, std::size_t& out) noexcept {
  if (s.empty()) return false;
  std::size_t v = 0;
  for (char c : s) {
    if (!npy_is_digit(c)) return false;
    const auto d = static_cast<std::size_t>(c - '0');
    if (v > (std::numeric_limits<std::size_t>::max() - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

/// Parses a simple dtype string ("<f4", "|S5", ">M8[ns]"). Throws io_error naming what is wrong: object
/// dtypes (pickled data), unknown kinds, sizes NumPy has no type for, '|' on a multi-byte number.
[[nodiscard]] inline NpyDescr parse_npy_descr(std::string_view s) {
  const auto invalid = [s](std::string_view why) {
    return io_error("descr " + npy_quote(s) + " " + std::string(why));
  };
  NpyDescr d;
  std::string_view rest = s;
  if (!rest.empty() && (rest[0] == '<' || rest[0] == '>' || rest[0] == '|' || rest[0] == '=')) {
    d.byte_order = rest[0];
    rest.remove_prefix(1);
  }
  if (rest.empty()) throw invalid("is not a valid dtype descriptor");
  d.kind = rest[0];
  rest.remove_prefix(1);
  if (d.kind == 'O') {
    throw invalid("is an object dtype: its data is a Python pickle, which trueno never loads");
  }
  if (std::string_view("biufcSUVmM").find(d.kind) == std::string_view::npos) {
    throw invalid("has an unsupported dtype kind '" + std::string(1, d.kind) + "'");
  }
  if ((d.kind == 'm' || d.kind == 'M') && !rest.empty() && rest.back() == ']') {
    const auto open = rest.find('[');
    const bool unit_ok =
        open != std::string_view::npos && open + 2 < rest.size() &&
        std::all_of(rest.begin() + static_cast<std::ptrdiff_t>(open) + 1, rest.end() - 1, [](char c) {
          return npy_is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        });
    if (!unit_ok) throw invalid("has a malformed datetime unit");
    rest = rest.substr(0, open);
  }
  std::size_t count = 0;
  if (!npy_parse_size(rest, count) || count == 0 || count > (std::size_t{1} << 31)) {
    throw invalid("has no valid item size");
  }
  auto one_of = [count](std::initializer_list<std::size_t> sizes) {
    return std::find(sizes.begin(), sizes.end(), count) != sizes.end();
  };
  bool size_ok = true;
  switch (d.kind) {
    case 'b':
      size_ok = count == 1;
      break;
    case 'i':
    case 'u':
      size_ok = one_of({1, 2, 4, 8});
      break;
    case 'f':
      size_ok = one_of({2, 4, 8, 12, 16});
      break;
    case 'c':
      size_ok = one_of({8, 16, 24, 32});
      break;
    case 'm':
    case 'M':
      size_ok = count == 8;
      break;
    default:
      break;  // S, U, V: any positive length
  }
  if (!size_ok) throw invalid("has an item size NumPy has no type for");
  d.item_size = d.kind == 'U' ? 4 * count : count;
  if (d.byte_order == '|' && d.item_size > 1 && d.kind != 'S' && d.kind != 'V') {
    throw invalid("has byte order '|' (not applicable), which is ambiguous for a multi-byte number");
  }
  return d;
}

/// True when data in byte order `order` must be swapped to be read on this machine.
[[nodiscard]] inline bool npy_needs_swap(char order, std::size_t item_size) noexcept {
  if (item_size <= 1) return false;
  if (order == '<') return std::endian::native != std::endian::little;
  if (order == '>') return std::endian::native != std::endian::big;
  return false;  // '=', '|'
}

/// Product of the extents times item_size, or false when it does not fit in a std::ptrdiff_t (so any buffer
/// of that size is addressable). A zero extent makes the product 0 whatever the others are.
[[nodiscard]] inline bool npy_checked_byte_size(std::span<const std::size_t> shape, std::size_t item_size,
                                                std::size_t& bytes) noexcept {
  constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<std::ptrdiff_t>::max());
  if (std::find(shape.begin(), shape.end(), std::size_t{0}) != shape.end()) {
    bytes = 0;
    return true;
  }
  std::size_t total = item_size;
  for (std::size_t e : shape) {
    if (total > kMax / e) return false;
    total *= e;
  }
  bytes = total;
  return true;
}

/// Python's repr of a tuple of ints.
[[nodiscard]] inline std::string npy_shape_string(std::span<const std::size_t> shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + (shape.size() == 1 ? ",)" : ")");
}

/// Recursive-descent parser of the header dict: a Python literal with exactly the keys 'descr' (a dtype
/// string), 'fortran_order' (True/False) and 'shape' (a tuple of non-negative ints), in any order, each once.
/// Every read is bounds-checked; anything else is an io_error saying what was found.
class NpyDictParser {
 public:
  NpyDictParser(std::string_view text, int major_version) : s_(text), major_(major_version) {}

  void parse(io::NpyHeader& h) {
    skip_space();
    expect('{', "the header must be a dict literal starting with '{'");
    bool have_descr = false, have_fortran = false, have_shape = false;
    skip_space();
    while (!at('}')) {
      const std::string key = parse_string("dict key");
      const std::string quoted_key = npy_quote(key);
      skip_space();
      expect(':', "expected ':' after key " + quoted_key);
      skip_space();
      if (key == "descr") {
        mark_seen(have_descr, key);
        parse_descr_value(h);
      } else if (key == "fortran_order") {
        mark_seen(have_fortran, key);
        h.fortran_order = parse_bool();
      } else if (key == "shape") {
        mark_seen(have_shape, key);
        parse_shape(h.shape);
      } else {
        throw io_error("header has an unexpected key " + quoted_key +
                       "; a .npy header has exactly the keys 'descr', 'fortran_order' and 'shape'");
      }
      skip_space();
      if (at(',')) {
        ++pos_;
        skip_space();
      } else if (!at('}')) {
        throw malformed("expected ',' or '}' after the value of " + quoted_key);
      }
    }
    ++pos_;  // '}'
    if (!have_descr) throw io_error("header is missing the key 'descr'");
    if (!have_fortran) throw io_error("header is missing the key 'fortran_order'");
    if (!have_shape) throw io_error("header is missing the key 'shape'");
    // The spec pads with spaces up to the final '\n' (checked by the caller).
    for (; pos_ < s_.size(); ++pos_) {
      if (s_[pos_] != ' ') {
        throw io_error(
            "header is not padded per the .npy spec: only spaces may follow the dict before the final "
            "'\\n'");
      }
    }
  }

 private:
  [[nodiscard]] bool at(char c) const noexcept { return pos_ < s_.size() && s_[pos_] == c; }
  [[nodiscard]] io_error malformed(const std::string& what) const {
    return io_error("malformed header dict at offset " + std::to_string(pos_) + ": " + what);
  }
  void expect(char c, const std::string& what) {
    if (!at(c)) throw malformed(what);
    ++pos_;
  }
  // Whitespace Python allows between tokens inside brackets.
  void skip_space() noexcept {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  static void mark_seen(bool& seen, const std::string& key) {
    if (seen) throw io_error("header has the key '" + key + "' twice");
    seen = true;
  }

  // A '...' or "..." literal without escapes (no key or dtype string needs one).
  std::string parse_string(const std::string& what) {
    if (!at('\'') && !at('"')) throw malformed("expected a quoted string as " + what);
    const char quote = s_[pos_++];
    const auto end = s_.find(quote, pos_);
    if (end == std::string_view::npos) throw malformed("unterminated string");
    const std::string_view body = s_.substr(pos_, end - pos_);
    if (body.find_first_of("\\\n") != std::string_view::npos) throw malformed("unsupported string escape");
    pos_ = end + 1;
    return std::string(body);
  }

  void parse_descr_value(io::NpyHeader& h) {
    if (at('[') || at('{')) {
      throw io_error("structured dtypes are not supported (descr is a " +
                     std::string(at('[') ? "list" : "dict") + " of fields)");
    }
    if (!at('\'') && !at('"'))
      throw io_error("descr is not a valid dtype descriptor: expected a dtype string");
    h.descr = parse_string("descr");
    (void)parse_npy_descr(h.descr);  // validates
  }

  bool parse_bool() {
    const std::string_view rest = s_.substr(pos_);
    for (const auto& [word, value] : {std::pair<std::string_view, bool>{"True", true}, {"False", false}}) {
      if (rest.substr(0, word.size()) == word &&
          (rest.size() == word.size() || !is_identifier_char(rest[word.size()]))) {
        pos_ += word.size();
        return value;
      }
    }
    throw io_error("fortran_order is not a valid bool: " + npy_quote(token()));
  }

  static bool is_identifier_char(char c) noexcept {
    return npy_is_digit(c) || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  // The text up to the next delimiter, for messages.
  [[nodiscard]] std::string_view token() const noexcept {
    const auto end = s_.find_first_of(",)} \t\r\n", pos_);
    return s_.substr(pos_, std::min(end, s_.size()) - pos_);
  }

  void parse_shape(std::vector<std::size_t>& shape) {
    if (!at('(')) throw io_error("shape is not a tuple: " + npy_quote(token()));
    ++pos_;
    shape.clear();
    bool trailing_comma = false;
    skip_space();
    while (!at(')')) {
      shape.push_back(parse_extent());
      skip_space();
      trailing_comma = at(',');
      if (trailing_comma) {
        ++pos_;
        skip_space();
      } else if (!at(')')) {
        throw malformed("expected ',' or ')' in shape");
      }
    }
    ++pos_;  // ')'
    if (shape.size() == 1 && !trailing_comma) {
      throw io_error("shape is not a tuple: '(" + std::to_string(shape[0]) + ")' is an int in Python");
    }
  }

  std::size_t parse_extent() {
    const std::string_view tok = token();
    std::string_view digits = tok;
    if (!digits.empty() && digits[0] == '-') {
      throw io_error("shape has a negative dimension " + npy_quote(tok));
    }
    // Python 2 wrote long ints as 3L; numpy strips the suffix for format 1.0 and 2.0.
    if (major_ <= 2 && digits.size() > 1 && (digits.back() == 'L' || digits.back() == 'l')) {
      digits.remove_suffix(1);
    }
    std::size_t v = 0;
    const bool leading_zero = digits.size() > 1 && digits[0] == '0';
    if (!npy_parse_size(digits, v) || leading_zero) {
      const bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(), npy_is_digit);
      if (all_digits && !leading_zero) throw io_error("shape dimension " + npy_quote(tok) + " overflows");
      throw io_error("shape entries must be non-negative integers, got " + npy_quote(tok));
    }
    pos_ += tok.size();
    return v;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  int major_;
};

/// Parses and validates a .npy preamble from the first bytes of a file (`prefix` may extend past the
/// preamble). Throws io_error saying what is wrong; `needed` receives the preamble length when `prefix` is
/// too short for it (then nothing else is checked).
[[nodiscard]] inline bool parse_npy_preamble(std::string_view prefix, io::NpyHeader& h, std::size_t& needed) {
  const std::size_t magic_seen = std::min(prefix.size(), kNpyMagic.size());
  if (prefix.substr(0, magic_seen) != kNpyMagic.substr(0, magic_seen)) {
    if (prefix.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
      throw io_error("not a .npy file: this is a zip archive (.npz), which load_npy does not read");
    }
    if (static_cast<unsigned char>(prefix[0]) == 0x80) {
      throw io_error("not a .npy file: this looks like a Python pickle, which trueno never loads");
    }
    throw io_error("not a .npy file: bad magic string (expected \"\\x93NUMPY\")");
  }
  if (prefix.size() < 8) {
    needed = 8;
    return false;
  }
  h.major_version = static_cast<std::uint8_t>(prefix[6]);
  h.minor_version = static_cast<std::uint8_t>(prefix[7]);
  if ((h.major_version != 1 && h.major_version != 2 && h.major_version != 3) || h.minor_version != 0) {
    throw io_error("unsupported .npy format version " + std::to_string(h.major_version) + "." +
                   std::to_string(h.minor_version) + " (trueno reads 1.0, 2.0 and 3.0)");
  }
  const std::size_t length_bytes = h.major_version == 1 ? 2 : 4;
  if (prefix.size() < 8 + length_bytes) {
    needed = 8 + length_bytes;
    return false;
  }
  std::size_t len = 0;
  for (std::size_t i = 0; i < length_bytes; ++i) {
    len |= static_cast<std::size_t>(static_cast<unsigned char>(prefix[8 + i])) << (8 * i);
  }
  h.header_length = len;
  if (len > kNpyMaxHeaderLength) {
    throw io_error("header length " + std::to_string(len) + " exceeds the limit of " +
                   std::to_string(kNpyMaxHeaderLength) + " bytes");
  }
  const std::size_t total = 8 + length_bytes + len;
  if (prefix.size() < total) {
    needed = total;
    return false;
  }
  const std::string_view text = prefix.substr(8 + length_bytes, len);
  if (text.empty() || text.back() != '\n') throw io_error("header is not terminated by '\\n'");
  NpyDictParser(text.substr(0, text.size() - 1), h.major_version).parse(h);
  if (total % kNpyReadAlign != 0) {
    throw io_error("header is not padded per the .npy spec: the data offset " + std::to_string(total) +
                   " is not a multiple of " + std::to_string(kNpyReadAlign));
  }
  std::size_t bytes = 0;
  if (!npy_checked_byte_size(h.shape, parse_npy_descr(h.descr).item_size, bytes)) {
    throw io_error("shape " + h.shape_string() + " with dtype " + h.descr +
                   " is too large: its byte size overflows the address space");
  }
  return true;
}

/// The preamble numpy.save writes for this array (byte for byte): sorted keys, room for the shape to grow,
/// padding to a multiple of 64 bytes; format 1.0 unless the header needs 2.0's 4-byte length.
[[nodiscard]] inline std::string make_npy_preamble(std::string_view descr, std::span<const std::size_t> shape,
                                                   bool fortran_order) {
  std::string dict = "{'descr': '" + std::string(descr) +
                     "', 'fortran_order': " + (fortran_order ? "True" : "False") +
                     ", 'shape': " + npy_shape_string(shape) + ", }";
  if (!shape.empty()) {
    const std::size_t grow_digits = std::to_string(fortran_order ? shape.back() : shape.front()).size();
    dict.append(kNpyGrowthAxisMaxDigits - std::min(grow_digits, kNpyGrowthAxisMaxDigits), ' ');
  }
  const std::size_t text_length = dict.size() + 1;  // with the final '\n'
  for (const std::size_t length_bytes : {std::size_t{2}, std::size_t{4}}) {
    const std::size_t pad = kNpyWriteAlign - (8 + length_bytes + text_length) % kNpyWriteAlign;
    const std::size_t header_length = text_length + pad;
    if (length_bytes == 2 && header_length > 0xFFFF) continue;
    std::string out(kNpyMagic);
    out += static_cast<char>(length_bytes == 2 ? 1 : 2);
    out += '\0';
    for (std::size_t i = 0; i < length_bytes; ++i)
      out += static_cast<char>((header_length >> (8 * i)) & 0xFF);
    out += dict;
    out.append(pad, ' ');
    out += '\n';
    return out;
  }
  throw value_error("make_npy_preamble: header too long");  // unreachable: 4 GiB of shape text
}

}  // namespace detail

namespace io {

inline char NpyHeader::byte_order() const noexcept {
  return !descr.empty() && std::string_view("<>|=").find(descr[0]) != std::string_view::npos ? descr[0] : '=';
}
inline char NpyHeader::kind() const noexcept {
  const bool has_order = !descr.empty() && std::string_view("<>|=").find(descr[0]) != std::string_view::npos;
  const std::size_t at = has_order ? 1 : 0;
  return at < descr.size() ? descr[at] : '\0';
}
inline std::size_t NpyHeader::item_size() const noexcept {
  try {
    return detail::parse_npy_descr(descr).item_size;
  } catch (...) {
    return 0;
  }
}
inline bool NpyHeader::is_little_endian() const noexcept {
  const char order = byte_order();
  if (order == '<' || order == '|' || item_size() <= 1) return true;
  return order == '=' && std::endian::native == std::endian::little;
}
inline bool NpyHeader::is_native_byte_order() const noexcept {
  return !detail::npy_needs_swap(byte_order(), item_size());
}
inline std::size_t NpyHeader::element_count() const noexcept {
  std::size_t n = 1;
  for (std::size_t e : shape) n *= e;
  return n;
}
inline std::string NpyHeader::shape_string() const { return detail::npy_shape_string(shape); }

}  // namespace io
TRUENO_END_NAMESPACE
