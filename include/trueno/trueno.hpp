// trueno — NumPy-style arrays and PyTorch-style training for C++20. This umbrella header includes every
// public part of the library.
#pragma once

#include "core/backend.hpp"
#include "core/cpu_features.hpp"
#include "core/dispatch.hpp"
#include "core/error.hpp"
#include "core/threads.hpp"
#include "gpu/gpu.hpp"
#include "io/npy.hpp"
#include "linalg/conv.hpp"
#include "linalg/matmul.hpp"
#include "tensor.hpp"
#include "vector.hpp"
#include "vector/activation.hpp"
#include "vector/elementwise.hpp"
#include "vector/math.hpp"
#include "vector/operators.hpp"
#include "vector/reduce.hpp"
#include "vector/statistics.hpp"
#include "version.hpp"
