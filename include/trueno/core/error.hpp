// trueno — the exception hierarchy. Every exception trueno throws derives from trueno::error.
#pragma once

#include <stdexcept>
#include <string>

#include "../version.hpp"

TRUENO_BEGIN_NAMESPACE

/// Base of every trueno exception.
struct error : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// Shape mismatch: broadcast, reshape, matmul, concatenate, out-parameter.
struct shape_error : error {
  using error::error;
};
/// Out-of-range index or axis.
struct index_error : error {
  using error::error;
};
/// Bad value: empty reduction without identity, overlap, lo > hi, integer division by zero, bad env value.
struct value_error : error {
  using error::error;
};
/// A SIMD backend the CPU lacks was requested.
struct backend_error : error {
  using error::error;
};
/// File format, truncation, dtype/rank mismatch on load.
struct io_error : error {
  using error::error;
};
/// Vulkan failures that cannot fall back to the CPU.
struct gpu_error : error {
  using error::error;
};

TRUENO_END_NAMESPACE
