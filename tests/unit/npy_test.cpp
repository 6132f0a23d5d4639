// The .npy reader and writer: round trips, every accepted variant of the format, one test per rejection
// reason, and a fuzz-style sweep over truncated and mutated files (which must never crash: run under ASan).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <trueno/trueno.hpp>
#include <vector>

#include "common/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using trueno::Vector;
using trueno::io::load_npy;
using trueno::io::npy_header;
using trueno::io::save_npy;

// --- file builders
// ----------------------------------------------------------------------------------------------

// magic + version + HEADER_LEN field + header text, exactly as given.
std::string npy_preamble_raw(std::string_view header_text, int major = 1, int minor = 0) {
  std::string s("\x93NUMPY", 6);
  s += static_cast<char>(major);
  s += static_cast<char>(minor);
  const std::size_t len_bytes = major == 1 ? 2 : 4;
  for (std::size_t i = 0; i < len_bytes; ++i) s += static_cast<char>((header_text.size() >> (8 * i)) & 0xFF);
  return s + std::string(header_text);
}

// A well-formed file: `dict` padded with spaces and '\n' so the data starts at a multiple of `align`.
std::string npy_file(std::string_view dict, std::string_view data = "", int major = 1,
                     std::size_t align = 64) {
  const std::size_t prefix = major == 1 ? 10 : 12;
  std::string text(dict);
  while ((prefix + text.size() + 1) % align != 0) text += ' ';
  return npy_preamble_raw(text + '\n', major) + std::string(data);
}

std::string dict_for(std::string_view descr, std::string_view shape, bool fortran = false) {
  return "{'descr': '" + std::string(descr) + "', 'fortran_order': " + (fortran ? "True" : "False") +
         ", 'shape': " + std::string(shape) + ", }";
}

// The bytes of `values` in little- or big-endian order.
template <class T>
std::string bytes_of(std::initializer_list<T> values, std::endian order = std::endian::little) {
  std::string out;
  for (T v : values) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    if (order != std::endian::native) std::reverse(b, b + sizeof(T));
    out.append(b, sizeof(T));
  }
  return out;
}

// Removes the old file first: ext4 flushes a file truncated and rewritten in place on close, which would make
// the sweeps below wait on the disk.
void write_file(const fs::path& p, std::string_view bytes) {
  fs::remove(p);
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(f.good()) << p;
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

template <class T>
bool same_bits(const Vector<T>& a, const Vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

// Runs fn, which must throw trueno::io_error whose message contains every one of `parts`.
template <class Fn>
void expect_io_error(Fn&& fn, std::initializer_list<std::string_view> parts) {
  try {
    fn();
    ADD_FAILURE() << "expected trueno::io_error";
  } catch (const trueno::io_error& e) {
    for (auto part : parts) EXPECT_THAT(e.what(), HasSubstr(std::string(part)));
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected trueno::io_error, got another exception: " << e.what();
  }
}

class Npy : public ::testing::Test {
 protected:
  trueno_test::TempDir dir_{"trueno_npy"};
  fs::path file(std::string_view name = "a.npy") const { return dir_ / name; }

  // Writes `bytes` to a file and expects load_npy<T> (and, unless `header_ok`, npy_header) to reject it.
  template <class T = float>
  void expect_rejected(std::string_view bytes, std::initializer_list<std::string_view> parts,
                       bool header_ok = false) {
    const auto p = file("rejected.npy");
    write_file(p, bytes);
    expect_io_error([&] { (void)load_npy<T>(p); }, parts);
    if (!header_ok) expect_io_error([&] { (void)npy_header(p); }, parts);
  }
};

// --- round trips
// --------------------------------------------------------------------------------------------------

template <class T>
class NpyRoundTrip : public Npy {};
using ElementTypes = ::testing::Types<float, double, std::int32_t, std::int64_t>;
TYPED_TEST_SUITE(NpyRoundTrip, ElementTypes);

template <class T>
Vector<T> sample_values(std::size_t n) {
  std::mt19937_64 rng(n);
  Vector<T> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      v[i] = std::uniform_real_distribution<T>(-1e6, 1e6)(rng);
    } else {
      v[i] = static_cast<T>(rng());
    }
  }
  if (n >= 4) {
    v[0] = std::numeric_limits<T>::lowest();
    v[1] = std::numeric_limits<T>::max();
    if constexpr (std::is_floating_point_v<T>) {
      v[2] = std::numeric_limits<T>::quiet_NaN();
      v[3] = -std::numeric_limits<T>::infinity();
    }
  }
  return v;
}

TYPED_TEST(NpyRoundTrip, PreservesEveryBitForAllSizes) {
  using T = TypeParam;
  for (std::size_t n : {0, 1, 7, 1000}) {
    const Vector<T> v = sample_values<T>(n);
    save_npy(this->file(), v);
    EXPECT_TRUE(same_bits(load_npy<T>(this->file()), v)) << "n = " << n;
  }
}

TYPED_TEST(NpyRoundTrip, WritesALittleEndianVersion1HeaderAlignedTo64) {
  using T = TypeParam;
  save_npy(this->file(), Vector<T>(5));
  const auto h = npy_header(this->file());
  EXPECT_EQ(h.descr,
            std::string("<") + (std::is_floating_point_v<T> ? 'f' : 'i') + std::to_string(sizeof(T)));
  EXPECT_EQ(h.major_version, 1);
  EXPECT_EQ(h.minor_version, 0);
  EXPECT_FALSE(h.fortran_order);
  EXPECT_EQ(h.shape, std::vector<std::size_t>{5});
  EXPECT_EQ(h.data_offset() % 64, 0U);
  EXPECT_EQ(h.item_size(), sizeof(T));
  EXPECT_TRUE(h.is_little_endian());
  EXPECT_EQ(fs::file_size(this->file()), h.data_offset() + 5 * sizeof(T));
}

TEST_F(Npy, SaveWritesExactlyWhatNumpySaveWrites) {
  // bytes of numpy.save(f, np.array([1, 2, 3], dtype='<f4')) from NumPy 1.24
  const std::string expected = npy_preamble_raw("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }" +
                                                std::string(60, ' ') + "\n") +
                               bytes_of<float>({1, 2, 3});
  ASSERT_EQ(expected.size(), 140U);
  save_npy(file(), Vector<float>{1, 2, 3});
  EXPECT_EQ(read_file(file()), expected);
}

TEST_F(Npy, SaveReplacesAnExistingFileAndLeavesNoTemporaryBehind) {
  save_npy(file(), Vector<double>(100, 1.0));
  save_npy(file(), Vector<double>{2.0});
  EXPECT_EQ(load_npy<double>(file()), (Vector<double>{2.0}));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_.path()), fs::directory_iterator()), 1);
}

TEST_F(Npy, SaveWritesThroughASymlink) {
  save_npy(file("target.npy"), Vector<float>{1});
  fs::create_symlink(file("target.npy"), file("link.npy"));
  save_npy(file("link.npy"), Vector<float>{4, 5});
  EXPECT_TRUE(fs::is_symlink(file("link.npy")));
  EXPECT_EQ(load_npy<float>(file("target.npy")), (Vector<float>{4, 5}));
}

TEST_F(Npy, AcceptsAnyPathLikeArgument) {
  const std::string s = file("s.npy").string();
  save_npy(s, Vector<float>{1});
  save_npy(s.c_str(), Vector<float>{2});
  EXPECT_EQ(load_npy<float>(s), (Vector<float>{2}));
  EXPECT_EQ(load_npy<float>(fs::path(s)), (Vector<float>{2}));
  EXPECT_EQ(npy_header(s.c_str()).shape, std::vector<std::size_t>{1});
}

// --- accepted variants
// --------------------------------------------------------------------------------------------

TEST_F(Npy, ReadsFormatVersions1And2And3) {
  for (int major : {1, 2, 3}) {
    write_file(file(), npy_file(dict_for("<f4", "(2,)"), bytes_of<float>({1.5f, -2}), major));
    EXPECT_EQ(load_npy<float>(file()), (Vector<float>{1.5f, -2})) << "version " << major;
    EXPECT_EQ(npy_header(file()).major_version, major);
    EXPECT_EQ(npy_header(file()).data_offset() % 64, 0U);
  }
}

TEST_F(Npy, ReadsBigEndianDataByteSwapped) {
  write_file(file(), npy_file(dict_for(">f4", "(3,)"), bytes_of<float>({1, -2.5f, 1e30f}, std::endian::big)));
  EXPECT_EQ(load_npy<float>(file()), (Vector<float>{1, -2.5f, 1e30f}));
  EXPECT_FALSE(npy_header(file()).is_little_endian());
  EXPECT_EQ(npy_header(file()).byte_order(), '>');

  write_file(file(), npy_file(dict_for(">f8", "(2,)"), bytes_of<double>({0.1, -1e300}, std::endian::big)));
  EXPECT_EQ(load_npy<double>(file()), (Vector<double>{0.1, -1e300}));
  write_file(file(),
             npy_file(dict_for(">i4", "(2,)"), bytes_of<std::int32_t>({-7, 0x12345678}, std::endian::big)));
  EXPECT_EQ(load_npy<std::int32_t>(file()), (Vector<std::int32_t>{-7, 0x12345678}));
  write_file(file(), npy_file(dict_for(">i8", "(2,)"),
                              bytes_of<std::int64_t>({-1, 0x0102030405060708}, std::endian::big)));
  EXPECT_EQ(load_npy<std::int64_t>(file()), (Vector<std::int64_t>{-1, 0x0102030405060708}));
}

TEST_F(Npy, ReadsNativeByteOrderMarker) {
  write_file(file(), npy_file(dict_for("=i8", "(2,)"), bytes_of<std::int64_t>({3, -4}, std::endian::native)));
  EXPECT_EQ(load_npy<std::int64_t>(file()), (Vector<std::int64_t>{3, -4}));
  EXPECT_TRUE(npy_header(file()).is_native_byte_order());
}

TEST_F(Npy, ReadsFortranOrderOneDimensionalFile) {
  write_file(file(), npy_file(dict_for("<f8", "(3,)", true), bytes_of<double>({1, 2, 3})));
  EXPECT_TRUE(npy_header(file()).fortran_order);
  EXPECT_EQ(load_npy<double>(file()), (Vector<double>{1, 2, 3}));
}

TEST_F(Npy, ReadsHeadersPaddedTo16BytesByOlderNumpy) {
  const std::string bytes = npy_file(dict_for("<i4", "(1,)"), bytes_of<std::int32_t>({9}), 1, 16);
  ASSERT_NE((bytes.size() - 4) % 64, 0U);
  write_file(file(), bytes);
  EXPECT_EQ(load_npy<std::int32_t>(file()), (Vector<std::int32_t>{9}));
}

TEST_F(Npy, ReadsAnyKeyOrderQuotingAndSpacing) {
  for (std::string_view dict : {
           "{'shape': (2,), 'descr': '<i4', 'fortran_order': False}",
           R"({"descr": "<i4", "fortran_order": False, "shape": (2,)})",
           "{ 'descr' : '<i4' ,\n 'fortran_order':False,'shape':( 2 , ) , }",
           "{'descr': '<i4', 'fortran_order': False, 'shape': (2L,), }",  // Python 2 long
       }) {
    write_file(file(), npy_file(dict, bytes_of<std::int32_t>({5, 6})));
    EXPECT_EQ(load_npy<std::int32_t>(file()), (Vector<std::int32_t>{5, 6})) << dict;
  }
}

TEST_F(Npy, ReadsEmptyArrays) {
  write_file(file(), npy_file(dict_for("<f4", "(0,)")));
  EXPECT_TRUE(load_npy<float>(file()).empty());
}

TEST_F(Npy, HeaderDescribesFilesOfAnyDtype) {
  write_file(file(), npy_file(dict_for("|u1", "(2, 3)"), std::string(6, '\x01')));
  auto h = npy_header(file());
  EXPECT_EQ(h.descr, "|u1");
  EXPECT_EQ(h.kind(), 'u');
  EXPECT_EQ(h.byte_order(), '|');
  EXPECT_EQ(h.item_size(), 1U);
  EXPECT_TRUE(h.is_little_endian());
  EXPECT_EQ(h.shape, (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(h.rank(), 2U);
  EXPECT_EQ(h.element_count(), 6U);
  EXPECT_EQ(h.shape_string(), "(2, 3)");

  write_file(file(), npy_file(dict_for("<U3", "()"), std::string(12, '\0')));
  h = npy_header(file());
  EXPECT_EQ(h.kind(), 'U');
  EXPECT_EQ(h.item_size(), 12U);
  EXPECT_EQ(h.rank(), 0U);
  EXPECT_EQ(h.element_count(), 1U);
  EXPECT_EQ(h.shape_string(), "()");

  write_file(file(), npy_file(dict_for("<M8[ns]", "(1,)"), std::string(8, '\0')));
  EXPECT_EQ(npy_header(file()).kind(), 'M');
  write_file(file(), npy_file(dict_for("|S5", "(1,)"), "hello"));
  EXPECT_EQ(npy_header(file()).item_size(), 5U);
}

// --- the raw layer (what Tensor builds on)
// ------------------------------------------------------------------------

TEST_F(Npy, RawLayerReordersFortranDataToCOrder) {
  // np.arange(24).reshape(2, 3, 4) stored in Fortran order: element (i, j, k) at i + 2 j + 6 k.
  std::vector<std::int64_t> f(24);
  for (std::int64_t i = 0; i < 2; ++i)
    for (std::int64_t j = 0; j < 3; ++j)
      for (std::int64_t k = 0; k < 4; ++k)
        f[static_cast<std::size_t>(i + 2 * j + 6 * k)] = 12 * i + 4 * j + k;
  std::string data;
  for (auto x : f) data += bytes_of<std::int64_t>({x}, std::endian::big);
  write_file(file(), npy_file(dict_for(">i8", "(2, 3, 4)", true), data));
  const auto arr = trueno::detail::read_npy_raw<std::int64_t>(file());
  EXPECT_EQ(arr.header.shape, (std::vector<std::size_t>{2, 3, 4}));
  ASSERT_EQ(arr.data.size(), 24U);
  for (std::size_t i = 0; i < 24; ++i) EXPECT_EQ(arr.data.data()[i], static_cast<std::int64_t>(i));
}

TEST_F(Npy, RawLayerRoundTripsAnyRankAndSmallTypes) {
  const std::size_t shape[] = {2, 0, 3};
  trueno::detail::write_npy_raw<float>(file(), shape, std::span<const float>());
  EXPECT_EQ(trueno::detail::read_npy_raw<float>(file()).header.shape, (std::vector<std::size_t>{2, 0, 3}));

  const std::uint8_t bytes[] = {1, 2, 255, 0};
  const std::size_t shape2[] = {2, 2};
  trueno::detail::write_npy_raw<std::uint8_t>(file(), shape2, bytes);
  EXPECT_EQ(npy_header(file()).descr, "|u1");
  const auto arr = trueno::detail::read_npy_raw<std::uint8_t>(file());
  EXPECT_TRUE(std::equal(bytes, bytes + 4, arr.data.data()));

  const double scalar[] = {2.5};
  trueno::detail::write_npy_raw<double>(file(), std::span<const std::size_t>(), scalar);
  // numpy leaves no room for growth in a 0-d header
  EXPECT_EQ(read_file(file()),
            npy_file("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", bytes_of<double>({2.5})));
  EXPECT_EQ(trueno::detail::read_npy_raw<double>(file()).data.data()[0], 2.5);
}

TEST_F(Npy, RawLayerNormalisesBoolBytes) {
  write_file(file(), npy_file(dict_for("|b1", "(3,)"), std::string("\x00\x01\x07", 3)));
  const auto arr = trueno::detail::read_npy_raw<bool>(file());
  ASSERT_EQ(arr.data.size(), 3U);
  EXPECT_FALSE(arr.data.data()[0]);
  EXPECT_TRUE(arr.data.data()[1]);
  EXPECT_TRUE(arr.data.data()[2]);
}

// --- rejections: one test per reason
// ------------------------------------------------------------------------------

TEST_F(Npy, RejectsBadMagic) {
  std::string bytes = npy_file(dict_for("<f4", "(1,)"), bytes_of<float>({1}));
  bytes[1] = 'X';
  expect_rejected(bytes, {"bad magic", "rejected.npy"});
  expect_rejected("hello world, this is plain text", {"bad magic"});
}

TEST_F(Npy, RejectsNpzArchivesAndPickles) {
  expect_rejected(std::string("PK\x03\x04\x14\x00\x00\x00", 8), {".npz"});
  expect_rejected(std::string("\x80\x04\x95\x10\x00\x00\x00", 7), {"pickle"});
}

TEST_F(Npy, RejectsUnsupportedVersions) {
  std::string bytes = npy_file(dict_for("<f4", "(1,)"), bytes_of<float>({1}));
  bytes[6] = 4;
  expect_rejected(bytes, {"unsupported .npy format version 4.0"});
  bytes[6] = 1;
  bytes[7] = 1;
  expect_rejected(bytes, {"unsupported .npy format version 1.1"});
}

TEST_F(Npy, RejectsObjectDtypeBecauseItIsPickled) {
  expect_rejected(npy_file(dict_for("|O", "(1,)"), std::string(8, '\0')), {"object dtype", "pickle"});
}

TEST_F(Npy, RejectsStructuredDtypes) {
  expect_rejected(npy_file("{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }",
                           std::string(8, '\0')),
                  {"structured dtypes are not supported"});
}

TEST_F(Npy, RejectsHeadersOverTheSizeLimit) {
  const std::string dict = dict_for("<f4", "(1,)") + std::string(10100, ' ');
  expect_rejected(npy_file(dict, bytes_of<float>({1}), 2), {"header length", "exceeds the limit of 10000"});
}

TEST_F(Npy, RejectsHeaderNotTerminatedByNewline) {
  std::string text = dict_for("<f4", "(1,)");
  while ((text.size() + 10) % 64 != 0) text += ' ';
  ASSERT_EQ((text.size() + 10) % 64, 0U);
  expect_rejected(npy_preamble_raw(text) + bytes_of<float>({1}), {"not terminated by '\\n'"});
}

TEST_F(Npy, RejectsHeaderNotPaddedPerTheSpec) {
  // The data offset must be a multiple of 16 (NumPy writes 64).
  expect_rejected(npy_preamble_raw(dict_for("<f4", "(1,)") + "\n") + bytes_of<float>({1}),
                  {"not padded", "multiple of 16"});
  // Padding is spaces only.
  std::string dict = dict_for("<f4", "(1,)") + "\t";
  expect_rejected(npy_file(dict, bytes_of<float>({1})), {"not padded"});
  expect_rejected(npy_file(dict_for("<f4", "(1,)") + " x", bytes_of<float>({1})), {"not padded"});
}

TEST_F(Npy, RejectsMalformedDictSyntax) {
  for (std::string_view dict : {
           "['descr', '<f4']",
           "{'descr' '<f4', 'fortran_order': False, 'shape': (1,)}",
           "{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}",
           "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)",
           "{'descr: '<f4', 'fortran_order': False, 'shape': (1,)}",
           "{descr: '<f4', 'fortran_order': False, 'shape': (1,)}",
           "{'descr': '<f4', 'fortran_order': False, 'shape': (1 1,)}",
       }) {
    SCOPED_TRACE(dict);
    expect_rejected(npy_file(dict, bytes_of<float>({1})), {"malformed header dict"});
  }
}

TEST_F(Npy, RejectsMissingKeys) {
  expect_rejected(npy_file("{'descr': '<f4', 'fortran_order': False}", bytes_of<float>({1})),
                  {"missing the key 'shape'"});
  expect_rejected(npy_file("{'shape': (1,), 'fortran_order': False}", bytes_of<float>({1})),
                  {"missing the key 'descr'"});
  expect_rejected(npy_file("{'descr': '<f4', 'shape': (1,)}", bytes_of<float>({1})),
                  {"missing the key 'fortran_order'"});
  expect_rejected(npy_file("{}", bytes_of<float>({1})), {"missing the key"});
}

TEST_F(Npy, RejectsExtraAndDuplicateKeys) {
  expect_rejected(
      npy_file("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}", bytes_of<float>({1})),
      {"unexpected key 'extra'"});
  expect_rejected(npy_file("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'shape': (1,)}",
                           bytes_of<float>({1})),
                  {"'shape' twice"});
}

TEST_F(Npy, RejectsDtypeOtherThanTheRequestedType) {
  write_file(file(), npy_file(dict_for("<f8", "(1,)"), bytes_of<double>({1})));
  expect_io_error([&] { (void)load_npy<float>(file()); }, {"file has dtype <f8 but float32 was requested"});
  expect_io_error([&] { (void)load_npy<std::int64_t>(file()); },
                  {"file has dtype <f8 but int64 was requested"});
  write_file(file(), npy_file(dict_for(">i4", "(1,)"), bytes_of<std::int32_t>({1})));
  expect_io_error([&] { (void)load_npy<std::int64_t>(file()); },
                  {"file has dtype >i4 but int64 was requested"});
  expect_io_error([&] { (void)load_npy<float>(file()); }, {"file has dtype >i4 but float32 was requested"});
  write_file(file(), npy_file(dict_for("<u4", "(1,)"), bytes_of<std::uint32_t>({1})));
  expect_io_error([&] { (void)load_npy<std::int32_t>(file()); },
                  {"file has dtype <u4 but int32 was requested"});
}

TEST_F(Npy, RejectsRankOtherThanOne) {
  write_file(file(), npy_file(dict_for("<f4", "()"), bytes_of<float>({1})));
  expect_io_error([&] { (void)load_npy<float>(file()); }, {"rank mismatch", "0-d", "shape ()"});
  write_file(file(), npy_file(dict_for("<f4", "(1, 2)"), bytes_of<float>({1, 2})));
  expect_io_error([&] { (void)load_npy<float>(file()); }, {"rank mismatch", "2-d", "(1, 2)"});
}

TEST_F(Npy, RejectsInvalidDescr) {
  expect_rejected(npy_file(dict_for("<f3", "(1,)"), "abc"), {"item size"});
  expect_rejected(npy_file(dict_for("<x4", "(1,)"), "abcd"), {"unsupported dtype kind 'x'"});
  expect_rejected(npy_file(dict_for("|f4", "(1,)"), "abcd"), {"'|'", "ambiguous"});
  expect_rejected(npy_file(dict_for("float32", "(1,)"), "abcd"), {"descr 'float32'", "item size"});
  expect_rejected(npy_file("{'descr': 5, 'fortran_order': False, 'shape': (1,)}", "abcd"),
                  {"not a valid dtype descriptor"});
}

TEST_F(Npy, RejectsFortranOrderThatIsNotABool) {
  expect_rejected(npy_file("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}", bytes_of<float>({1})),
                  {"fortran_order is not a valid bool: '0'"});
  expect_rejected(npy_file("{'descr': '<f4', 'fortran_order': Trueish, 'shape': (1,)}", bytes_of<float>({1})),
                  {"not a valid bool"});
}

TEST_F(Npy, RejectsNegativeDimensions) {
  expect_rejected(npy_file(dict_for("<f4", "(-1,)")), {"negative dimension '-1'"});
}

TEST_F(Npy, RejectsNonIntegerDimensions) {
  expect_rejected(npy_file(dict_for("<f4", "(1.0,)"), bytes_of<float>({1})),
                  {"must be non-negative integers, got '1.0'"});
  expect_rejected(npy_file(dict_for("<f4", "('1',)"), bytes_of<float>({1})), {"non-negative integers"});
  expect_rejected(npy_file(dict_for("<f4", "(01,)"), bytes_of<float>({1})), {"non-negative integers"});
  expect_rejected(npy_file(dict_for("<f4", "(1L,)"), bytes_of<float>({1}), 3),  // no Python 2 longs in 3.0
                  {"non-negative integers"});
}

TEST_F(Npy, RejectsShapeThatIsNotATuple) {
  expect_rejected(npy_file(dict_for("<f4", "(1)"), bytes_of<float>({1})), {"shape is not a tuple"});
  expect_rejected(npy_file(dict_for("<f4", "[1]"), bytes_of<float>({1})), {"shape is not a tuple"});
}

TEST_F(Npy, RejectsShapesWhoseByteSizeOverflows) {
  expect_rejected(npy_file(dict_for("<f4", "(4611686018427387904,)")), {"overflows"});
  expect_rejected(npy_file(dict_for("<f4", "(65536, 65536, 65536, 65536)")), {"overflows"});
  expect_rejected(npy_file(dict_for("<f4", "(99999999999999999999999,)")), {"overflows"});
}

TEST_F(Npy, RejectsTruncatedData) {
  expect_rejected(npy_file(dict_for("<f4", "(3,)"), bytes_of<float>({1, 2}) + "x"),
                  {"truncated", "12 bytes", "holds 9"});
  expect_rejected(npy_file(dict_for("<f4", "(3,)")), {"truncated"});
}

TEST_F(Npy, RejectsTrailingBytes) {
  expect_rejected(npy_file(dict_for("<f4", "(1,)"), bytes_of<float>({1, 2})), {"4 trailing bytes"});
}

TEST_F(Npy, RejectsTruncatedAndEmptyHeaders) {
  const std::string bytes = npy_file(dict_for("<f4", "(1,)"), bytes_of<float>({1}));
  expect_rejected(bytes.substr(0, 30), {"truncated", "header"});
  expect_rejected(bytes.substr(0, 4), {"truncated", "header"});
  expect_rejected("", {"empty"});
}

TEST_F(Npy, RejectsUnreadableFilesNamingThePath) {
  const auto missing = file("no_such_file.npy");
  expect_io_error([&] { (void)load_npy<float>(missing); }, {"cannot open", missing.string(), "No such file"});
  expect_io_error([&] { (void)npy_header(missing); }, {"cannot open", missing.string()});
  expect_io_error([&] { (void)load_npy<float>(dir_.path()); }, {dir_.path().string(), "directory"});
}

TEST_F(Npy, RejectsUnwritablePathsAndLeavesNothingBehind) {
  const auto in_missing_dir = dir_ / "missing" / "a.npy";
  expect_io_error([&] { save_npy(in_missing_dir, Vector<float>{1}); },
                  {"cannot open", in_missing_dir.string()});

  fs::create_directory(file("sub"));
  expect_io_error([&] { save_npy(file("sub"), Vector<float>{1}); }, {"cannot write", file("sub").string()});
  EXPECT_TRUE(fs::is_directory(file("sub")));
  // Only the directory itself: the temporary file was removed.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_.path()), fs::directory_iterator()), 1);
}

// --- fuzz-style sweeps: every input either loads or throws io_error
// ----------------------------------------------

// Loads `bytes` every way; returns true if load_npy<float> succeeded. Any exception but io_error fails the
// test.
bool load_survives(const fs::path& p, std::string_view bytes) {
  write_file(p, bytes);
  bool loaded = false;
  try {
    const auto h = npy_header(p);
    EXPECT_EQ(fs::file_size(p), h.data_offset() + h.data_size());
  } catch (const trueno::io_error&) {
  }
  try {
    const auto v = load_npy<float>(p);
    EXPECT_EQ(v.size() * sizeof(float) + npy_header(p).data_offset(), bytes.size());
    loaded = true;
  } catch (const trueno::io_error&) {
  }
  try {
    const auto arr = trueno::detail::read_npy_raw<float>(p);
    EXPECT_EQ(arr.data.size(), arr.header.element_count());
  } catch (const trueno::io_error&) {
  }
  return loaded;
}

TEST_F(Npy, EveryTruncationOfAValidFileIsRejected) {
  for (int major : {1, 2}) {
    const std::string bytes =
        npy_file(dict_for(">f4", "(5,)"), bytes_of<float>({1, 2, 3, 4, 5}, std::endian::big), major);
    ASSERT_TRUE(load_survives(file(), bytes));
    for (std::size_t len = 0; len < bytes.size(); ++len) {
      EXPECT_FALSE(load_survives(file(), bytes.substr(0, len))) << "length " << len;
    }
  }
}

TEST_F(Npy, MutatedHeaderBytesNeverCrash) {
  const std::string bytes = npy_file(dict_for("<f4", "(3,)"), bytes_of<float>({1, 2, 3}));
  const std::size_t header_end = bytes.size() - 12;
  int loaded = 0, total = 0;
  const std::string replacements("\x00\xff\x80 \n\t{}(),:'\"-09LO[|>", 22);
  for (std::size_t i = 0; i < header_end; ++i) {
    for (char c : replacements + static_cast<char>(bytes[i] ^ 1)) {
      std::string m = bytes;
      m[i] = c;
      loaded += load_survives(file(), m) ? 1 : 0;
      ++total;
    }
  }
  EXPECT_GT(loaded, 0);  // harmless changes (e.g. padding) still load
  EXPECT_LT(loaded, total);
}

TEST_F(Npy, RandomMultiByteMutationsNeverCrash) {
  std::mt19937 rng(12345);
  const std::string base = npy_file(dict_for("<f4", "(4,)"), bytes_of<float>({1, 2, 3, 4}), 2);
  for (int iter = 0; iter < 1500; ++iter) {
    std::string m = base;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t pos = rng() % m.size();
      switch (rng() % 3) {
        case 0:
          m[pos] = static_cast<char>(rng());
          break;
        case 1:
          m.erase(pos, 1 + rng() % 3);
          break;
        default:
          m.insert(pos, 1, "{}(),:' \n0123456789"[rng() % 19]);
          break;
      }
    }
    (void)load_survives(file(), m);
  }
  EXPECT_TRUE(load_survives(file(), base));
}

}  // namespace
