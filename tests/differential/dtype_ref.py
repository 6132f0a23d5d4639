#!/usr/bin/python3
"""NumPy (and PyTorch for bfloat16) as the reference for trueno's dtypes (tests/differential/dtype_numpy_test.cpp).

    dtype_ref.py DIR
reads from DIR the raw little-endian inputs the C++ side wrote and writes NumPy's answers next to them:
  promotion.txt        "A B numpy.result_type(A, B)" for every pair of NumPy's 12 dtypes (bfloat16 aside)
  can_cast.txt         "A B casting 0|1" (numpy.can_cast) for every pair and the five castings
  half_to_float.bin    uint32 bits of float32(float16) for all 65536 float16 bit patterns
  f32.bin -> f32_to_f16.bin, f32_to_bf16.bin (PyTorch; absent without torch)
  f64.bin -> f64_to_f16.bin
  i64.bin -> i64_to_f16.bin   u64.bin -> u64_to_f16.bin
  bf16_to_float.bin    uint32 bits of torch's bfloat16 -> float32 for all 65536 patterns (absent without torch)
  src_A.npy -> cast_A_B.npy   numpy.ndarray.astype(B) for every source file present and every dtype B
  half_a.npy, half_b.npy -> half_OP.npy   float16 add sub mul div minimum maximum sqrt(|b|) exp(a) and
    log(|b|) log1p(|b|) expm1(a) sin(a) cos(a) tanh(a) arctan(a) in NumPy
  the same bit patterns as bfloat16 -> bf16_OP.bin (PyTorch): add sub mul div minimum maximum sqrt(|b|) exp(a)
    log(|b|) tanh(a), uint16 bits (absent without torch)
"""
import os
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")
np.seterr(all="ignore")

NAMES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
         "float16", "float32", "float64"]
CASTINGS = ["no", "equiv", "safe", "same_kind", "unsafe"]


def main():
    d = sys.argv[1]
    with open(os.path.join(d, "promotion.txt"), "w") as f:
        for a in NAMES:
            for b in NAMES:
                f.write(f"{a} {b} {np.result_type(np.dtype(a), np.dtype(b)).name}\n")
    with open(os.path.join(d, "can_cast.txt"), "w") as f:
        for a in NAMES:
            for b in NAMES:
                for c in CASTINGS:
                    f.write(f"{a} {b} {c} {int(np.can_cast(np.dtype(a), np.dtype(b), casting=c))}\n")
    patterns = np.arange(65536, dtype=np.uint32).astype(np.uint16)
    patterns.view(np.float16).astype(np.float32).view(np.uint32).tofile(os.path.join(d, "half_to_float.bin"))
    f32 = np.fromfile(os.path.join(d, "f32.bin"), dtype="<u4").view(np.float32)
    f32.astype(np.float16).view(np.uint16).tofile(os.path.join(d, "f32_to_f16.bin"))
    f64 = np.fromfile(os.path.join(d, "f64.bin"), dtype="<u8").view(np.float64)
    f64.astype(np.float16).view(np.uint16).tofile(os.path.join(d, "f64_to_f16.bin"))
    for name in ("i64", "u64"):
        ints = np.fromfile(os.path.join(d, name + ".bin"), dtype="<i8" if name == "i64" else "<u8")
        ints.astype(np.float16).view(np.uint16).tofile(os.path.join(d, name + "_to_f16.bin"))
    for src in NAMES:
        path = os.path.join(d, f"src_{src}.npy")
        if not os.path.exists(path):
            continue
        a = np.load(path)
        for dst in NAMES:
            np.save(os.path.join(d, f"cast_{src}_{dst}.npy"), a.astype(dst))
    pa = os.path.join(d, "half_a.npy")
    if os.path.exists(pa):
        a = np.load(pa)
        b = np.load(os.path.join(d, "half_b.npy"))
        assert a.dtype == np.float16 and b.dtype == np.float16
        ops = {"add": np.add(a, b), "sub": np.subtract(a, b), "mul": np.multiply(a, b), "div": np.divide(a, b),
               "minimum": np.minimum(a, b), "maximum": np.maximum(a, b), "sqrt": np.sqrt(np.abs(b)),
               "exp": np.exp(a), "log": np.log(np.abs(b)), "log1p": np.log1p(np.abs(b)), "expm1": np.expm1(a),
               "sin": np.sin(a), "cos": np.cos(a), "tanh": np.tanh(a), "atan": np.arctan(a)}
        for name, r in ops.items():
            assert r.dtype == np.float16, name
            np.save(os.path.join(d, f"half_{name}.npy"), r)
    try:
        import torch
    except ImportError:
        return 0
    t = torch.from_numpy(f32.copy()).to(torch.bfloat16).view(torch.int16).numpy().view(np.uint16)
    t.tofile(os.path.join(d, "f32_to_bf16.bin"))
    b = torch.from_numpy(patterns.view(np.int16).copy()).view(torch.bfloat16).to(torch.float32)
    b.numpy().view(np.uint32).tofile(os.path.join(d, "bf16_to_float.bin"))
    if os.path.exists(pa):
        bf = lambda name: torch.from_numpy(np.load(os.path.join(d, name)).view(np.int16).copy()).view(torch.bfloat16)
        x, y = bf("half_a.npy"), bf("half_b.npy")
        ops = {"add": x + y, "sub": x - y, "mul": x * y, "div": x / y, "minimum": torch.minimum(x, y),
               "maximum": torch.maximum(x, y), "sqrt": torch.sqrt(torch.abs(y)), "exp": torch.exp(x),
               "log": torch.log(torch.abs(y)), "tanh": torch.tanh(x)}
        for name, r in ops.items():
            assert r.dtype == torch.bfloat16, name
            r.contiguous().view(torch.int16).numpy().view(np.uint16).tofile(os.path.join(d, f"bf16_{name}.bin"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
