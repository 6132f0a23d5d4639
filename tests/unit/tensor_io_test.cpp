// Tensor .npy I/O: save_npy/load_npy round trips for every element type and rank 0 to 4, non-contiguous and
// empty tensors, files laid out as NumPy writes them (byte-exact headers built by hand here: C and Fortran
// order, big-endian), and the rank and dtype checks on load.
#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <trueno/trueno.hpp>
#include <type_traits>
#include <vector>

#include "common/temp_dir.hpp"

namespace {

using trueno::Tensor;

template <class T, std::size_t N>
std::vector<std::remove_const_t<T>> values(const Tensor<T, N>& t) {
  std::vector<std::remove_const_t<T>> out;
  for_each_element(t, [&](const T& x) { out.push_back(x); });
  return out;
}

// A version 1.0 .npy file: magic, version, little-endian header length, the header dict padded with spaces to
// a multiple of 64 bytes including the trailing newline, then the raw bytes.
void write_npy_by_hand(const std::filesystem::path& path, const std::string& dict, const void* data,
                       std::size_t bytes) {
  std::string header = dict;
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string prefix("\x93NUMPY\x01\x00", 8);
  prefix += static_cast<char>(header.size() & 0xFF);
  prefix += static_cast<char>(header.size() >> 8);
  std::ofstream f(path, std::ios::binary);
  f << prefix << header;
  f.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
}

template <class T, std::size_t N>
void expect_round_trip(const Tensor<T, N>& t, const std::filesystem::path& path) {
  trueno::io::save_npy(path, t);
  const auto back = trueno::io::load_npy<std::remove_const_t<T>, N>(path);
  EXPECT_EQ(back.shape(), t.shape());
  EXPECT_TRUE(back.is_contiguous());
  EXPECT_EQ(values(back), values(t));
}

TEST(TensorIo, RoundTripsEveryElementTypeAndRank) {
  const trueno_test::TempDir dir;
  expect_round_trip(trueno::arange<float>(24).reshape({2, 3, 4}), dir / "f.npy");
  expect_round_trip(trueno::arange<double>(6).reshape({6, 1}), dir / "d.npy");
  expect_round_trip(trueno::arange<std::int32_t>(-5, 5).reshape({2, 1, 5, 1}), dir / "i.npy");
  expect_round_trip(trueno::arange<std::int64_t>(7), dir / "l.npy");
  expect_round_trip(trueno::arange<int>(6).reshape({2, 3}) > 2, dir / "b.npy");
  expect_round_trip(trueno::full<double>({}, -1.25), dir / "scalar.npy");
  expect_round_trip(trueno::zeros<float>({3, 0, 2}), dir / "empty.npy");
}

TEST(TensorIo, NonContiguousTensorsAreWrittenInCOrder) {
  const trueno_test::TempDir dir;
  const auto b = trueno::arange<float>(12).reshape({3, 4});
  expect_round_trip(b.transpose(), dir / "t.npy");
  expect_round_trip(trueno::flip(b, 1), dir / "flip.npy");
  expect_round_trip(b.slice(trueno::range(trueno::none, trueno::none, -2), trueno::range(1, 4, 2)),
                    dir / "s.npy");
  expect_round_trip(trueno::arange<float>(3).broadcast_to({2, 3}), dir / "bc.npy");
  const Tensor<const float, 2> ro = b.transpose();
  expect_round_trip(ro, dir / "ro.npy");
  // The file of the transpose holds the transposed order.
  const auto back = trueno::io::load_npy<float, 2>(dir / "t.npy");
  EXPECT_EQ(values(back.slice(0)), (std::vector<float>{0, 4, 8}));
}

TEST(TensorIo, LoadsFilesLaidOutAsNumpyWritesThem) {
  const trueno_test::TempDir dir;
  // np.save of np.arange(6, dtype='<i4').reshape(2, 3).
  const std::array<std::int32_t, 6> c{0, 1, 2, 3, 4, 5};
  write_npy_by_hand(dir / "c.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }", c.data(),
                    sizeof c);
  const auto tc = trueno::io::load_npy<std::int32_t, 2>(dir / "c.npy");
  EXPECT_EQ(tc.shape(), (std::array<std::size_t, 2>{2, 3}));
  EXPECT_EQ(values(tc), (std::vector<std::int32_t>{0, 1, 2, 3, 4, 5}));
  // The same array saved in Fortran order: columns stored one after another.
  const std::array<std::int32_t, 6> f{0, 3, 1, 4, 2, 5};
  write_npy_by_hand(dir / "f.npy", "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }", f.data(),
                    sizeof f);
  EXPECT_EQ(values(trueno::io::load_npy<std::int32_t, 2>(dir / "f.npy")),
            (std::vector<std::int32_t>{0, 1, 2, 3, 4, 5}));
  // Big-endian float32 1.0 and -2.0, shape (2,).
  const std::array<unsigned char, 8> be{0x3F, 0x80, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00};
  write_npy_by_hand(dir / "be.npy", "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", be.data(),
                    be.size());
  EXPECT_EQ(values(trueno::io::load_npy<float, 1>(dir / "be.npy")), (std::vector<float>{1.0F, -2.0F}));
  // A rank-0 float64 and a bool matrix.
  const double x = 3.5;
  write_npy_by_hand(dir / "s.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", &x, sizeof x);
  EXPECT_EQ((trueno::io::load_npy<double, 0>(dir / "s.npy").item()), 3.5);
  const std::array<unsigned char, 4> bits{1, 0, 0, 1};
  write_npy_by_hand(dir / "b.npy", "{'descr': '|b1', 'fortran_order': False, 'shape': (2, 2), }", bits.data(),
                    bits.size());
  EXPECT_EQ(values(trueno::io::load_npy<bool, 2>(dir / "b.npy")),
            (std::vector<bool>{true, false, false, true}));
}

TEST(TensorIo, SavedFilesCarryNumpysHeader) {
  const trueno_test::TempDir dir;
  trueno::io::save_npy(dir / "x.npy", trueno::zeros<std::int64_t>({2, 3}).transpose());
  const auto h = trueno::io::npy_header(dir / "x.npy");
  EXPECT_EQ(h.descr, "<i8");
  EXPECT_FALSE(h.fortran_order);
  EXPECT_EQ(h.shape, (std::vector<std::size_t>{3, 2}));
  EXPECT_EQ(std::filesystem::file_size(dir / "x.npy"), 128U + 48U);  // a 128-byte header, then 6 int64
}

TEST(TensorIo, RankAndDtypeMismatchThrowIoError) {
  const trueno_test::TempDir dir;
  trueno::io::save_npy(dir / "m.npy", trueno::zeros<float>({2, 3}));
  EXPECT_THROW((void)(trueno::io::load_npy<float, 3>(dir / "m.npy")), trueno::io_error);
  EXPECT_THROW((void)(trueno::io::load_npy<double, 2>(dir / "m.npy")), trueno::io_error);
  EXPECT_THROW((void)(trueno::io::load_npy<float, 2>(dir / "missing.npy")), trueno::io_error);
  try {
    (void)trueno::io::load_npy<float, 1>(dir / "m.npy");
    ADD_FAILURE() << "expected io_error";
  } catch (const trueno::io_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("m.npy"), std::string::npos) << what;
    EXPECT_NE(what.find("rank"), std::string::npos) << what;
  }
}

}  // namespace
