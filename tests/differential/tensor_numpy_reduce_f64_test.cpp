// Tensor vs NumPy: reductions over every axis subset, float64 (see tensor_numpy.hpp).
#include <gtest/gtest.h>

#include <cstdint>

#include "differential/tensor_numpy.hpp"

namespace {

using namespace tensor_numpy;  // NOLINT(google-build-using-namespace): the shared plumbing of these tests

TEST(TensorNumpy, ReductionsOverEveryAxisSubsetFloat64) {
  TensorBatch batch;
  Checks checks;
  queue_reductions_of_type<double>(batch, checks, 13, 2, 0);
  queue_reductions_of_type<double>(batch, checks, 14, 2, 10);
  ASSERT_TRUE(batch.run());
  check_on_every_backend(checks);
}

}  // namespace
