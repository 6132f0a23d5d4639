#!/usr/bin/python3
"""PyTorch as the reference for trueno's math differential tests.

    torch_ref.py DIR COUNT [SET]

For every DIR/in{i}.npy (float32, i < COUNT) and every op of SET, writes DIR/{op}_{i}_torch.npy (PyTorch in
float32, what a PyTorch user gets) and DIR/{op}_{i}_ref.npy (PyTorch in float64 on the same values: the
accurate reference). SET is "activations" (the default: OPS) or "trig" (TRIG_OPS, and the binary TRIG_OPS2 on
in{i}.npy and in{i}_b.npy). softmax, log_softmax and logsumexp treat the whole vector as one row; logsumexp's
result is a 1-element array. Exit status 0 on success.
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F

OPS = {
    "exp": torch.exp,
    "log": torch.log,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "silu": F.silu,
    "softplus": F.softplus,  # beta = 1, threshold = 20
    "softmax": lambda t: torch.softmax(t, 0),
    "log_softmax": lambda t: torch.log_softmax(t, 0),
    "logsumexp": lambda t: torch.logsumexp(t, 0).reshape(1),
    # activation_torch_test.cpp: erf, rounding, activations (PyTorch's defaults unless named) and the norms.
    "erf": torch.erf,
    "erfc": torch.erfc,
    "floor": torch.floor,
    "ceil": torch.ceil,
    "trunc": torch.trunc,
    "rint": torch.round,  # half to even
    "fract": torch.frac,
    "relu": torch.relu,
    "relu6": F.relu6,
    "leaky_relu": F.leaky_relu,
    "elu": F.elu,
    "selu": F.selu,
    "celu_alpha0.5": lambda t: F.celu(t, alpha=0.5),
    "gelu": F.gelu,
    "gelu_tanh": lambda t: F.gelu(t, approximate="tanh"),
    "hard_sigmoid": F.hardsigmoid,
    "hardswish": F.hardswish,
    "mish": F.mish,
    "softplus_beta2": lambda t: F.softplus(t, beta=2),
    "softsign": F.softsign,
    "tanhshrink": F.tanhshrink,
    "log_sigmoid": F.logsigmoid,
    # Affine parameters gamma_i = 1 + (i mod 7) / 8, beta_i = (i mod 3) / 4 (the test builds the same ones).
    "layer_norm": lambda t: F.layer_norm(t, t.shape, 1 + (torch.arange(t.numel()) % 7).to(t.dtype) / 8,
                                         (torch.arange(t.numel()) % 3).to(t.dtype) / 4, 1e-5),
    "rms_norm": lambda t: t * torch.rsqrt(t.pow(2).mean() + 1e-6),  # torch 1.13 has no F.rms_norm
}

TRIG_OPS = {
    "tan": torch.tan,
    "asin": torch.asin,
    "acos": torch.acos,
    "atan": torch.atan,
    "sinh": torch.sinh,
    "cosh": torch.cosh,
    "asinh": torch.asinh,
    "acosh": torch.acosh,
    "atanh": torch.atanh,
}

TRIG_OPS2 = {
    "atan2": torch.atan2,
    "pow": torch.pow,
}


def main():
    directory, count = sys.argv[1], int(sys.argv[2])
    op_set = sys.argv[3] if len(sys.argv) > 3 else "activations"
    unary = OPS if op_set == "activations" else TRIG_OPS
    binary = TRIG_OPS2 if op_set == "trig" else {}
    torch.set_num_threads(1)
    for i in range(count):
        a = np.load(f"{directory}/in{i}.npy")
        assert a.dtype == np.float32 and a.ndim == 1
        t32 = torch.from_numpy(a)
        t64 = t32.double()
        for name, fn in unary.items():
            np.save(f"{directory}/{name}_{i}_torch.npy", fn(t32).numpy().astype(np.float32))
            np.save(f"{directory}/{name}_{i}_ref.npy", fn(t64).numpy().astype(np.float64))
        if binary:
            b = np.load(f"{directory}/in{i}_b.npy")
            assert b.dtype == np.float32 and b.shape == a.shape
            u32 = torch.from_numpy(b)
            u64 = u32.double()
            for name, fn in binary.items():
                np.save(f"{directory}/{name}_{i}_torch.npy", fn(t32, u32).numpy().astype(np.float32))
                np.save(f"{directory}/{name}_{i}_ref.npy", fn(t64, u64).numpy().astype(np.float64))
    return 0


if __name__ == "__main__":
    sys.exit(main())
