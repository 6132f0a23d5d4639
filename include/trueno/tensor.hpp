// trueno — Tensor<T, N> and everything on it: views, broadcasting element-wise ops, reductions along axes,
// creation routines, printing and .npy I/O.
#pragma once

#include "tensor/cast.hpp"
#include "tensor/creation.hpp"
#include "tensor/cumulative.hpp"
#include "tensor/elementwise.hpp"
#include "tensor/indexing.hpp"
#include "tensor/io.hpp"
#include "tensor/manipulation.hpp"
#include "tensor/math.hpp"
#include "tensor/print.hpp"
#include "tensor/random.hpp"
#include "tensor/reduce.hpp"
#include "tensor/shape.hpp"
#include "tensor/slice.hpp"
#include "tensor/softmax.hpp"
#include "tensor/tensor.hpp"
