// trueno — the scalar backend's wrapper: every type is Vec1 (included inside the scalar namespace; no guard).
template <class T>
struct Vec : Vec1<T> {};
template <class T>
using VecInt = Vec1<T>;
using ByteSum = void;  // no byte-sum instruction: the generic sums
