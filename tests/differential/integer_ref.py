#!/usr/bin/python3
"""NumPy as the reference for trueno's integer and 16-bit float ops (tests/differential/integer_numpy_test.cpp).

    integer_ref.py DIR
reads from DIR the .npy inputs the C++ side wrote and writes NumPy's answers next to them, under NumPy 2's
weak-scalar rules (numpy._set_promotion_state('weak'); Debian's NumPy 1.24 defaults to the old ones):
  a_T.npy, b_T.npy, d_T.npy (divisors, no 0), s_T.npy (shift counts), for the eight integer dtypes T:
    T_OP.npy for OP in add sub mul minimum maximum floor_divide mod bitwise_and bitwise_or bitwise_xor
    left_shift right_shift invert negative absolute true_divide less equal, sqrt (NumPy's float for T),
    sum prod mean max min argmax argmin (0-d), and the weak-scalar forms add_s (a + 100 or a + 7),
    mul_f (a * 2.5) (comparisons with out-of-range integers compare by value in NumPy 2 and raise in 1.24:
    tested by hand in tests/unit/tensor_integer_test.cpp)
  mixed: mix_A_B.npy = a_A[:64] + a_B[:64] and mixdiv_A_B.npy = a_A[:64] / d_B[:64] for every pair of the
    integer dtypes, bool, float16, float32 and float64
  h_T.npy for T float16: hsum hmean hmax hmin hargmax hargmin hprod (the first 8 elements) in NumPy's float16
"""
import os
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")
np.seterr(all="ignore")
if hasattr(np, "_set_promotion_state"):
    np._set_promotion_state("weak")

INTS = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
MIXED = INTS + ["bool", "float16", "float32", "float64"]


def save(d, name, value):
    np.save(os.path.join(d, name + ".npy"), np.asarray(value))


def main():
    d = sys.argv[1]
    load = lambda name: np.load(os.path.join(d, name + ".npy"))
    for t in INTS:
        a, b, dv, s = load("a_" + t), load("b_" + t), load("d_" + t), load("s_" + t)
        assert a.dtype == np.dtype(t) and s.dtype == np.dtype(t)
        small = 100 if np.iinfo(t).max >= 100 else 7
        ops = {
            "add": a + b, "sub": a - b, "mul": a * b, "minimum": np.minimum(a, b), "maximum": np.maximum(a, b),
            "floor_divide": np.floor_divide(a, dv), "mod": np.mod(a, dv), "bitwise_and": a & b,
            "bitwise_or": a | b, "bitwise_xor": a ^ b, "left_shift": np.left_shift(a, s),
            "right_shift": np.right_shift(a, s), "invert": ~a, "negative": np.negative(a),
            "absolute": np.absolute(a), "true_divide": a / dv, "less": a < b, "equal": a == b,
            "sqrt": np.sqrt(a), "sum": np.sum(a), "prod": np.prod(a[:40]), "mean": np.mean(a),
            "max": np.max(a), "min": np.min(a), "argmax": np.argmax(a), "argmin": np.argmin(a),
            "add_s": a + small, "mul_f": a * 2.5,
        }
        for name, r in ops.items():
            save(d, f"{t}_{name}", r)
    for x in MIXED:
        for y in MIXED:
            a = load("a_" + x)[:64]
            b = load("a_" + y)[:64]
            dv = load("d_" + y)[:64] if y in INTS else b
            save(d, f"mix_{x}_{y}", a + b)
            save(d, f"mixdiv_{x}_{y}", a / dv)
    h = load("a_float16")
    assert h.dtype == np.float16
    for name, r in {"hsum": np.sum(h), "hmean": np.mean(h), "hmax": np.max(h), "hmin": np.min(h),
                    "hargmax": np.argmax(h), "hargmin": np.argmin(h), "hprod": np.prod(h[:8])}.items():
        save(d, name, r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
