// Helpers for tests that run an op under every backend this CPU supports.
#pragma once

#include <trueno/trueno.hpp>
#include <vector>

namespace trueno_test {

// Every backend compiled in and supported by this CPU, scalar first.
inline std::vector<trueno::Backend> available_backends() {
  std::vector<trueno::Backend> out;
  for (auto b : {trueno::Backend::scalar, trueno::Backend::sse2, trueno::Backend::avx2,
                 trueno::Backend::avx512, trueno::Backend::neon}) {
    if (trueno::detail::backend_supported(b)) out.push_back(b);
  }
  return out;
}

// Forces a backend for its lifetime and restores the previous one.
class BackendScope {
 public:
  explicit BackendScope(trueno::Backend b) : previous_(trueno::active_backend()) { trueno::set_backend(b); }
  BackendScope(const BackendScope&) = delete;
  BackendScope& operator=(const BackendScope&) = delete;
  ~BackendScope() { trueno::set_backend(previous_); }

 private:
  trueno::Backend previous_;
};

}  // namespace trueno_test
