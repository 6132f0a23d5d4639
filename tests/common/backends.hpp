// Helpers for tests that run an op under every backend this CPU supports.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
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

// Runs `check` once under every backend this CPU supports, with the backend in the failure trace.
inline void for_each_backend(const std::function<void()>& check) {
  for (trueno::Backend b : available_backends()) {
    BackendScope scope(b);
    SCOPED_TRACE(std::string("backend ") + std::string(trueno::to_string(b)));
    check();
  }
}

// Expects f() to throw E whose what() is exactly `message`.
template <class E, class F>
void expect_error(F&& f, const std::string& message) {
  try {
    f();
    ADD_FAILURE() << "expected an exception with message: " << message;
  } catch (const E& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

}  // namespace trueno_test
