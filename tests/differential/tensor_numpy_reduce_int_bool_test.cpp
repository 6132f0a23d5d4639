// Tensor vs NumPy: reductions over every axis subset, int32, int64 and bool (see tensor_numpy.hpp).
#include <gtest/gtest.h>

#include <cstdint>

#include "differential/tensor_numpy.hpp"

namespace {

using namespace tensor_numpy;  // NOLINT(google-build-using-namespace): the shared plumbing of these tests

TEST(TensorNumpy, ReductionsOverEveryAxisSubsetIntegersAndBool) {
  TensorBatch batch;
  Checks checks;
  queue_reductions_of_type<std::int32_t>(batch, checks, 15, 2, 0);
  queue_reductions_of_type<std::int64_t>(batch, checks, 16, 1, 0);
  queue_reductions_of_type<bool>(batch, checks, 17, 2, 0);
  ASSERT_TRUE(batch.run());
  check_on_every_backend(checks);
}

}  // namespace
