#!/usr/bin/python3
"""PyTorch as the reference for trueno's math differential tests.

    torch_ref.py DIR COUNT

For every DIR/in{i}.npy (float32, i < COUNT) and every op, writes DIR/{op}_{i}_torch.npy (PyTorch in float32,
what a PyTorch user gets) and DIR/{op}_{i}_ref.npy (PyTorch in float64 on the same values: the accurate
reference). softmax, log_softmax and logsumexp treat the whole vector as one row; logsumexp's result is a
1-element array. Exit status 0 on success.
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
}


def main():
    directory, count = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(1)
    for i in range(count):
        a = np.load(f"{directory}/in{i}.npy")
        assert a.dtype == np.float32 and a.ndim == 1
        t32 = torch.from_numpy(a)
        t64 = t32.double()
        for name, fn in OPS.items():
            np.save(f"{directory}/{name}_{i}_torch.npy", fn(t32).numpy().astype(np.float32))
            np.save(f"{directory}/{name}_{i}_ref.npy", fn(t64).numpy().astype(np.float64))
    return 0


if __name__ == "__main__":
    sys.exit(main())
