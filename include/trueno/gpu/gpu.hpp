// trueno — the Vulkan compute path: GPU-resident tensors (`t.to(trueno::gpu::device())`, `.cpu()`) and the
// ops that run on them. Defining TRUENO_NO_GPU leaves the whole GPU layer out of the umbrella header; without
// <vulkan/vulkan_core.h> it compiles to a stub whose gpu::available() is false.
#pragma once

#ifndef TRUENO_NO_GPU
#include "conv.hpp"
#include "device.hpp"
#include "ops.hpp"
#include "reduce.hpp"
#include "routing.hpp"
#include "tensor.hpp"
#include "unary.hpp"
#endif
