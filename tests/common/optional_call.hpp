// trueno tests and benchmarks — calling a public function that may not exist yet.
//
// The function tables of benchmarks/bench_math.cpp and tests/accuracy/accuracy_full.cpp list every function
// of issue 3, one line each, before all of them exist. Each line writes its call as an unqualified call
// inside a generic lambda, e.g. `[](Top, const auto& a, auto& o) -> decltype(void(tan(a, o))) { tan(a, o);
// }`: the call is dependent, so `trueno::tan` is found by argument-dependent lookup when the lambda is used,
// and a function that is not there makes the lambda not invocable instead of breaking the build. Overloaded
// and Priority let one line try several spellings (parameters before or after the out-parameter) in order.
#pragma once

#include <type_traits>

namespace trueno_test {

/// Overload priority: Priority<3> converts to Priority<2>, ... so the viable overload taking the highest
/// Priority<k> wins; call with `Top{}`.
template <int N>
struct Priority : Priority<N - 1> {};
template <>
struct Priority<0> {};
using Top = Priority<3>;

/// The call operators of several lambdas in one object.
template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

/// Converts to any enum with an enumerator `tanh` (trueno::Approximate) without naming the type, so that
/// gelu's tanh form can be written before the enum exists.
struct AnyTanh {
  template <class E>
  requires std::is_enum_v<E> && requires { E::tanh; }
  constexpr operator E() const noexcept {  // NOLINT(google-explicit-constructor): converting is its purpose
    return E::tanh;
  }
};
inline constexpr AnyTanh kTanh{};

}  // namespace trueno_test

/// Removes one pair of parentheses: TRUENO_TEST_UNPAREN (1.0F, 20.0F) -> 1.0F, 20.0F (parameter lists as one
/// macro argument).
#define TRUENO_TEST_UNPAREN(...) __VA_ARGS__
