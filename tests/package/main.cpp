// A consumer of the installed / fetched / vendored trueno: builds with the compiler's default flags and must
// still get the right answer from whichever backend the library dispatches to.
#include <cstdio>
#include <trueno/trueno.hpp>

int main() {
  const trueno::Vector<float> a{1.f, 2.f, 3.f};
  const float total = trueno::sum(a);
  const auto backend = trueno::to_string(trueno::active_backend());
  std::printf("trueno %d.%d.%d: sum = %g, backend = %.*s\n", TRUENO_VERSION_MAJOR, TRUENO_VERSION_MINOR,
              TRUENO_VERSION_PATCH, static_cast<double>(total), static_cast<int>(backend.size()),
              backend.data());
  if (total != 6.f) {
    std::fprintf(stderr, "expected sum 6, got %g\n", static_cast<double>(total));
    return 1;
  }
  return 0;
}
