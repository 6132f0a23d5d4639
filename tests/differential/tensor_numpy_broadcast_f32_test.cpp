// Tensor vs NumPy: broadcasting of every rank pair, float32 (see tensor_numpy.hpp).
#include <gtest/gtest.h>

#include <cstdint>

#include "differential/tensor_numpy.hpp"

namespace {

using namespace tensor_numpy;  // NOLINT(google-build-using-namespace): the shared plumbing of these tests

TEST(TensorNumpy, BroadcastingOfShapePairsFloat32) {
  TensorBatch batch;
  Checks checks;
  queue_broadcasting<float>(batch, checks, 12, 1);
  ASSERT_TRUE(batch.run());
  check_on_every_backend(checks);
}

}  // namespace
