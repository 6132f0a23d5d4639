// Tensor vs NumPy: broadcasting of every rank pair, float64 and int64 (see tensor_numpy.hpp).
#include <gtest/gtest.h>

#include <cstdint>

#include "differential/tensor_numpy.hpp"

namespace {

using namespace tensor_numpy;  // NOLINT(google-build-using-namespace): the shared plumbing of these tests

TEST(TensorNumpy, BroadcastingOfShapePairsFloat64AndInt64) {
  TensorBatch batch;
  Checks checks;
  queue_broadcasting<double>(batch, checks, 4, 3);
  queue_broadcasting<std::int64_t>(batch, checks, 4, 4);
  ASSERT_TRUE(batch.run());
  check_on_every_backend(checks);
}

}  // namespace
