// Compiles every kernel table once for all test programs (they are built with TRUENO_SEPARATE_KERNELS).
#define TRUENO_INSTANTIATE_KERNELS
#include <trueno/trueno.hpp>
