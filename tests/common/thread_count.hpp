// trueno tests — sets the library's thread count for a scope and restores the default when it ends.
#pragma once

#include <trueno/trueno.hpp>

namespace trueno_test {

class ThreadCountScope {
 public:
  explicit ThreadCountScope(int n) { trueno::set_num_threads(n); }
  ThreadCountScope(const ThreadCountScope&) = delete;
  ThreadCountScope& operator=(const ThreadCountScope&) = delete;
  ~ThreadCountScope() {
    try {
      trueno::set_num_threads(0);
    } catch (...) {  // set_num_threads(0) does not throw; a destructor must not either way
    }
  }
};

}  // namespace trueno_test
