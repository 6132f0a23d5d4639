// Tensor vs NumPy: reductions over every axis subset, float32 (see tensor_numpy.hpp).
#include <gtest/gtest.h>

#include <cstdint>

#include "differential/tensor_numpy.hpp"

namespace {

using namespace tensor_numpy;  // NOLINT(google-build-using-namespace): the shared plumbing of these tests

TEST(TensorNumpy, ReductionsOverEveryAxisSubsetFloat32) {
  TensorBatch batch;
  Checks checks;
  queue_reductions_of_type<float>(batch, checks, 11, 3, 0);
  queue_reductions_of_type<float>(batch, checks, 12, 2, 15);  // with NaNs
  ASSERT_TRUE(batch.run());
  check_on_every_backend(checks);
}

}  // namespace
