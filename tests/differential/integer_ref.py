#!/usr/bin/python3
"""NumPy as the reference for trueno's integer and 16-bit float ops (tests/differential/integer_numpy_test.cpp).

    integer_ref.py DIR
reads from DIR the .npy inputs the C++ side wrote and writes NumPy's answers next to them, under NumPy 2's
weak-scalar rules (numpy._set_promotion_state('weak'); Debian's NumPy 1.24 defaults to the old ones):
  a_T.npy, b_T.npy, d_T.npy (divisors, no 0), s_T.npy (shift counts), e_T.npy (exponents 0..12), for the
  eight integer dtypes T:
    T_OP.npy for OP in add sub mul minimum maximum floor_divide mod bitwise_and bitwise_or bitwise_xor
    left_shift right_shift invert negative absolute true_divide less equal, sqrt (NumPy's float for T),
    sum prod mean max min argmax argmin (0-d), and the weak-scalar forms add_s (a + 100 or a + 7),
    mul_f (a * 2.5), power (a ** e, wrapping) (comparisons with out-of-range integers compare by value in NumPy 2 and raise in 1.24:
    tested by hand in tests/unit/tensor_integer_test.cpp)
  mixed: mix_A_B.npy = a_A[:64] + a_B[:64] and mixdiv_A_B.npy = a_A[:64] / d_B[:64] for every pair of the
    integer dtypes, bool, float16, float32 and float64
  h_T.npy for T float16: hsum hmean hmax hmin hargmax hargmin hprod (the first 8 elements) in NumPy's float16
  from hn_float16.npy (NaNs) and a_float16: hvar hstd1 (ddof 1) hnansum hnanmean hsoftmax (of the first 256 times 1/16) in
    float32 rounded to float16 once, hnanmax hnanmin hnanargmax hnanargmin, hclip (np.clip(hn, -3.5, 20.25))
  from a_bool: bmax bmin bargmax bargmin bprod (the first 3) bmean bvar
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
            "add_s": a + small, "mul_f": a * 2.5, "power": np.power(a, load("e_" + t)),
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
    hn = load("hn_float16")
    h32, hn32 = h.astype(np.float32), hn.astype(np.float32)
    s32 = h32[:256] * np.float32(0.0625)
    softmax = np.exp(s32 - s32.max()) / np.exp(s32 - s32.max()).sum()
    f16 = lambda x: np.float16(x)
    for name, r in {"hvar": f16(np.var(h32)), "hstd1": f16(np.std(h32, ddof=1)),
                    "hnansum": f16(np.nansum(hn32)), "hnanmean": f16(np.nanmean(hn32)),
                    "hnanmax": np.nanmax(hn), "hnanmin": np.nanmin(hn), "hnanargmax": np.nanargmax(hn),
                    "hnanargmin": np.nanargmin(hn), "hclip": np.clip(hn, -3.5, 20.25),
                    "hsoftmax": softmax.astype(np.float16)}.items():
        save(d, name, r)
    b = load("a_bool")
    assert b.dtype == np.bool_
    for name, r in {"bmax": np.max(b), "bmin": np.min(b), "bargmax": np.argmax(b), "bargmin": np.argmin(b),
                    "bprod": np.prod(b[:3]), "bmean": np.mean(b), "bvar": np.var(b)}.items():
        save(d, name, r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
