// operator<< prints a Vector<T> the way NumPy's str() prints the same array. Every expected string below was
// printed by NumPy 1.24 (`str(numpy.array(...))`) and pasted here.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <trueno/trueno.hpp>

namespace {

using trueno::Vector;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

template <class T>
std::string str(const Vector<T>& v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

template <class T>
Vector<T> arange(std::size_t n, T step = T(1), T start = T(0)) {
  Vector<T> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<T>(start + static_cast<T>(i) * step);
  return v;
}

// --- fixed notation
// --------------------------------------------------------------------------------------------

TEST(VectorPrint, FloatsPadFractionsToACommonWidth) {
  EXPECT_EQ(str(Vector<double>{1.5, 2.0, 3.0}), "[1.5 2.  3. ]");
  EXPECT_EQ(str(Vector<float>{1.5F, 2.0F, 3.0F}), "[1.5 2.  3. ]");
  EXPECT_EQ(str(Vector<double>{-1.5, 2.25}), "[-1.5   2.25]");
  EXPECT_EQ(str(Vector<double>{1.0, 0.5, 0.125, 0.0625}), "[1.     0.5    0.125  0.0625]");
}

TEST(VectorPrint, IntegralFloatsEndWithAPoint) {
  EXPECT_EQ(str(Vector<double>{0.0}), "[0.]");
  EXPECT_EQ(str(Vector<double>{0.0, 0.0}), "[0. 0.]");
  EXPECT_EQ(str(Vector<double>{1.0, 1000.0}), "[   1. 1000.]");
  EXPECT_EQ(str(Vector<double>{1.0, 10.0, 100.0, 999.0}), "[  1.  10. 100. 999.]");
}

TEST(VectorPrint, NegativeZeroKeepsItsSign) { EXPECT_EQ(str(Vector<double>{0.0, -0.0}), "[ 0. -0.]"); }

TEST(VectorPrint, FloatsUseTheShortestRoundTripDigitsUpToEight) {
  EXPECT_EQ(str(Vector<float>{0.1F, 0.2F, 0.3F}), "[0.1 0.2 0.3]");
  EXPECT_EQ(str(Vector<float>{0.1F}), "[0.1]");
  EXPECT_EQ(str(Vector<double>{1.0 / 3.0, 2.0 / 3.0}), "[0.33333333 0.66666667]");
  EXPECT_EQ(str(Vector<float>{1.0F / 3.0F}), "[0.33333334]");
  EXPECT_EQ(str(Vector<double>{3.14159265358979}), "[3.14159265]");
}

// --- scientific notation
// ---------------------------------------------------------------------------------------

TEST(VectorPrint, ScientificWhenTheRangeIsWide) {
  EXPECT_EQ(str(Vector<double>{1e-5, 1.5e10}), "[1.0e-05 1.5e+10]");
  EXPECT_EQ(str(Vector<float>{1e-5F, 1.5e10F}), "[1.0e-05 1.5e+10]");
  EXPECT_EQ(str(Vector<double>{1.0, 1001.0}), "[1.000e+00 1.001e+03]");
  EXPECT_EQ(str(Vector<double>{100.0, 0.001}), "[1.e+02 1.e-03]");
  EXPECT_EQ(str(Vector<double>{-0.5, 0.25, 1e-4}), "[-5.0e-01  2.5e-01  1.0e-04]");
  EXPECT_EQ(str(Vector<double>{2.5e-8, -1.0e3}), "[ 2.5e-08 -1.0e+03]");
  EXPECT_EQ(str(Vector<double>{123.456, 0.001}), "[1.23456e+02 1.00000e-03]");
  EXPECT_EQ(str(Vector<double>{65504.0, 0.5}), "[6.5504e+04 5.0000e-01]");
}

TEST(VectorPrint, ScientificForVeryLargeOrSmallValues) {
  EXPECT_EQ(str(Vector<double>{1e8, 1.0}), "[1.e+08 1.e+00]");
  EXPECT_EQ(str(Vector<double>{1e7, 1.0}), "[1.e+07 1.e+00]");
  EXPECT_EQ(str(Vector<double>{99999999.0, 1.0}), "[9.9999999e+07 1.0000000e+00]");
  EXPECT_EQ(str(Vector<double>{123456789.0}), "[1.23456789e+08]");
  EXPECT_EQ(str(Vector<double>{1e16}), "[1.e+16]");
  EXPECT_EQ(str(Vector<double>{1e-5}), "[1.e-05]");
  EXPECT_EQ(str(Vector<double>{1e-4, 1.0}), "[1.e-04 1.e+00]");
  EXPECT_EQ(str(Vector<double>{std::ldexp(1.0, -30)}), "[9.31322575e-10]");
  EXPECT_EQ(str(Vector<float>{1e-9F, 5e-9F}), "[1.e-09 5.e-09]");
  EXPECT_EQ(str(Vector<float>{1e20F, -1e20F}), "[ 1.e+20 -1.e+20]");
}

TEST(VectorPrint, ThreeDigitExponents) { EXPECT_EQ(str(Vector<double>{1e-300, 1e300}), "[1.e-300 1.e+300]"); }

// --- nan and inf
// -----------------------------------------------------------------------------------------------

TEST(VectorPrint, NaNAndInfAreRightAligned) {
  EXPECT_EQ(str(Vector<double>{kNaN, 1.0, kInf, -kInf}), "[ nan   1.  inf -inf]");
  EXPECT_EQ(str(Vector<float>{std::numeric_limits<float>::quiet_NaN(), -1.5F,
                              std::numeric_limits<float>::infinity()}),
            "[ nan -1.5  inf]");
  EXPECT_EQ(str(Vector<double>{kNaN}), "[nan]");
  EXPECT_EQ(str(Vector<double>{-kInf, kNaN}), "[-inf  nan]");
  EXPECT_EQ(str(Vector<double>{kInf, 1.5}), "[inf 1.5]");
}

TEST(VectorPrint, NaNAmongScientificValues) {
  EXPECT_EQ(str(Vector<double>{1.5, kNaN, 1e-5}), "[1.5e+00     nan 1.0e-05]");
  EXPECT_EQ(str(Vector<double>{kNaN, 2.0, 1e10}), "[   nan 2.e+00 1.e+10]");
}

// --- integers
// --------------------------------------------------------------------------------------------------

TEST(VectorPrint, IntegersAreRightAligned) {
  EXPECT_EQ(str(Vector<std::int32_t>{1, 2, 3}), "[1 2 3]");
  EXPECT_EQ(str(Vector<std::int64_t>{-5, 10, -100}), "[  -5   10 -100]");
  EXPECT_EQ(str(Vector<std::int64_t>{-1, 0, 1}), "[-1  0  1]");
  EXPECT_EQ(str(Vector<std::int32_t>{-3, -2, -1, 0, 1, 2}), "[-3 -2 -1  0  1  2]");
  EXPECT_EQ(str(Vector<std::int32_t>{std::numeric_limits<std::int32_t>::max(),
                                     std::numeric_limits<std::int32_t>::min()}),
            "[ 2147483647 -2147483648]");
}

TEST(VectorPrint, EmptyVectors) {
  EXPECT_EQ(str(Vector<double>()), "[]");
  EXPECT_EQ(str(Vector<std::int32_t>()), "[]");
}

// --- line wrapping at 75 columns
// -------------------------------------------------------------------------------

TEST(VectorPrint, LongVectorsWrapAt75Columns) {
  EXPECT_EQ(str(arange<double>(30, 1.5)),
            "[ 0.   1.5  3.   4.5  6.   7.5  9.  10.5 12.  13.5 15.  16.5 18.  19.5\n"
            " 21.  22.5 24.  25.5 27.  28.5 30.  31.5 33.  34.5 36.  37.5 39.  40.5\n"
            " 42.  43.5]");
  EXPECT_EQ(str(arange<double>(15, 1.0, 0.5)),
            "[ 0.5  1.5  2.5  3.5  4.5  5.5  6.5  7.5  8.5  9.5 10.5 11.5 12.5 13.5\n"
            " 14.5]");
  EXPECT_EQ(str(arange<std::int32_t>(40, 1000000, 1000000)),
            "[ 1000000  2000000  3000000  4000000  5000000  6000000  7000000  8000000\n"
            "  9000000 10000000 11000000 12000000 13000000 14000000 15000000 16000000\n"
            " 17000000 18000000 19000000 20000000 21000000 22000000 23000000 24000000\n"
            " 25000000 26000000 27000000 28000000 29000000 30000000 31000000 32000000\n"
            " 33000000 34000000 35000000 36000000 37000000 38000000 39000000 40000000]");
}

TEST(VectorPrint, EveryLineLeavesRoomForTheClosingBracket) {
  // 15 items of width 4 would fill exactly 75 columns; NumPy keeps each line to 74 plus the bracket.
  EXPECT_EQ(str(arange<std::int64_t>(24, 100)),
            "[   0  100  200  300  400  500  600  700  800  900 1000 1100 1200 1300\n"
            " 1400 1500 1600 1700 1800 1900 2000 2100 2200 2300]");
  EXPECT_EQ(str(arange<std::int64_t>(25, 100)),
            "[   0  100  200  300  400  500  600  700  800  900 1000 1100 1200 1300\n"
            " 1400 1500 1600 1700 1800 1900 2000 2100 2200 2300 2400]");
  EXPECT_EQ(str(arange<std::int64_t>(26, 100)),
            "[   0  100  200  300  400  500  600  700  800  900 1000 1100 1200 1300\n"
            " 1400 1500 1600 1700 1800 1900 2000 2100 2200 2300 2400 2500]");
}

// --- summarised output
// -----------------------------------------------------------------------------------------

TEST(VectorPrint, MoreThan1000ElementsAreSummarised) {
  EXPECT_EQ(str(arange<std::int64_t>(1001)), "[   0    1    2 ...  998  999 1000]");
  EXPECT_EQ(str(arange<double>(1001)), "[   0.    1.    2. ...  998.  999. 1000.]");
  EXPECT_EQ(str(arange<float>(1001, 0.5F)), "[  0.    0.5   1.  ... 499.  499.5 500. ]");
  EXPECT_EQ(str(Vector<double>(1001, 1e-5)), "[1.e-05 1.e-05 1.e-05 ... 1.e-05 1.e-05 1.e-05]");
}

TEST(VectorPrint, SummaryFormatsOnlyTheShownElements) {
  // The format (scientific here: 1999 / 1 > 1e3) is chosen from the six shown values, as NumPy does.
  EXPECT_EQ(str(arange<double>(2000)), "[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]");
  Vector<double> v = arange<double>(5000);
  v[2500] = 1e30;  // hidden by the summary
  EXPECT_EQ(str(v), "[0.000e+00 1.000e+00 2.000e+00 ... 4.997e+03 4.998e+03 4.999e+03]");
}

TEST(VectorPrint, SummarisedLinesWrapToo) {
  EXPECT_EQ(str(Vector<double>(1001, -1.23456789e100)),
            "[-1.23456789e+100 -1.23456789e+100 -1.23456789e+100 ... -1.23456789e+100\n"
            " -1.23456789e+100 -1.23456789e+100]");
  Vector<std::int64_t> big = arange<std::int64_t>(1001, 1000000000000000);
  EXPECT_EQ(str(big),
            "[                  0    1000000000000000    2000000000000000 ...\n"
            "  998000000000000000  999000000000000000 1000000000000000000]");
}

TEST(VectorPrint, ExactlyAThousandElementsAreNotSummarised) {
  const std::string s = str(arange<std::int32_t>(1000));
  EXPECT_EQ(s.find("..."), std::string::npos);
  EXPECT_EQ(s.substr(0, 8), "[  0   1");
  EXPECT_EQ(s.substr(s.size() - 9), " 998 999]");
}

TEST(VectorPrint, StreamingLeavesTheStreamUsable) {
  std::ostringstream os;
  os << "v = " << Vector<std::int32_t>{1, 2} << "; n = " << 2;
  EXPECT_EQ(os.str(), "v = [1 2]; n = 2");
}

}  // namespace
