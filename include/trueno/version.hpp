// trueno — version macros and the ABI-versioned inline namespace.
#pragma once

#define TRUENO_VERSION_MAJOR 0
#define TRUENO_VERSION_MINOR 1
#define TRUENO_VERSION_PATCH 0
#define TRUENO_VERSION (TRUENO_VERSION_MAJOR * 10000 + TRUENO_VERSION_MINOR * 100 + TRUENO_VERSION_PATCH)

// Every public name lives in trueno::v0; the inline namespace changes when the ABI does.
#define TRUENO_BEGIN_NAMESPACE \
  namespace trueno {           \
  inline namespace v0 {
#define TRUENO_END_NAMESPACE \
  }                          \
  }
