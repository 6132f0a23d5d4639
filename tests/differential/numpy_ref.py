#!/usr/bin/python3
"""NumPy as the reference for trueno's differential tests.

One operation:
    numpy_ref.py OP OUT.npy [IN.npy ...] [@key=value ...]
Many operations in one process (Python and NumPy start once):
    numpy_ref.py --batch MANIFEST
where each MANIFEST line is OP, OUT and the arguments, separated by tabs.

Array results are written to OUT as .npy; scalar results (reductions) as a 1-element 1-D array of NumPy's result
dtype, so the C++ side checks the dtype by loading it with the type it expects. Parameters: @lo/@hi (clamp; floats
in C's %a hex notation or ints), @ddof, @precise=1 (compute in a wider type and write float64: float32 inputs in
float64, float64 inputs in long double), @dtype/@version/@fortran/@shape (writing test files).
Exit status 0 when every operation succeeded; otherwise 1, with the failing line on stderr.
"""
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")
np.seterr(all="ignore")


def scalar(x):
    return np.array(x).reshape(1)


def parse_number(text, dtype):
    if np.issubdtype(dtype, np.integer):
        return dtype.type(int(text))
    return dtype.type(float.fromhex(text))


def precise(a):
    return a.astype(np.float64 if a.dtype == np.float32 else np.longdouble)


BINARY = {
    "add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.true_divide,
    "minimum": np.minimum, "maximum": np.maximum,
}
UNARY = {
    "neg": np.negative, "abs": np.absolute, "sqrt": np.sqrt, "square": np.square,
    "reciprocal": lambda a: np.reciprocal(a) if a.dtype.kind == "f" else None,
    "cumsum": np.cumsum,
}
REDUCTIONS = {
    "sum": np.sum, "prod": np.prod, "mean": np.mean, "min": np.min, "max": np.max,
    "argmin": np.argmin, "argmax": np.argmax,
    "norm_l1": lambda a: np.linalg.norm(a, 1), "norm_l2": np.linalg.norm,
    "norm_linf": lambda a: np.linalg.norm(a, np.inf),
}


def write_file(out, a, version, fortran):
    """Writes a with an explicit format version; fortran=True sets fortran_order (1-D data is the same)."""
    with open(out, "wb") as f:
        if fortran and a.ndim <= 1:
            header = {"descr": np.lib.format.dtype_to_descr(a.dtype), "fortran_order": True, "shape": a.shape}
            np.lib.format._write_array_header(f, header, version)
            f.write(a.tobytes())
        else:
            np.lib.format.write_array(f, np.asfortranarray(a) if fortran else a, version=version)


def run(op, out, args):
    params = dict(arg[1:].split("=", 1) for arg in args if arg.startswith("@"))
    arrays = [np.load(arg) for arg in args if not arg.startswith("@")]
    if params.get("precise") == "1":
        arrays = [precise(a) for a in arrays]
    ddof = int(params.get("ddof", "0"))

    if op in BINARY:
        result = BINARY[op](arrays[0], arrays[1])
    elif op in UNARY:
        result = UNARY[op](arrays[0])
    elif op == "clamp":
        a = arrays[0]
        result = np.clip(a, parse_number(params["lo"], a.dtype), parse_number(params["hi"], a.dtype))
    elif op in REDUCTIONS:
        result = scalar(REDUCTIONS[op](arrays[0]))
    elif op == "var":
        result = scalar(np.var(arrays[0], ddof=ddof))
    elif op == "std":
        result = scalar(np.std(arrays[0], ddof=ddof))
    elif op == "dot":
        result = scalar(np.dot(arrays[0], arrays[1]))
    elif op == "cov":
        result = scalar(np.cov(arrays[0], arrays[1], ddof=ddof)[0, 1])
    elif op == "corrcoef":
        result = scalar(np.corrcoef(arrays[0], arrays[1])[0, 1])
    elif op == "resave":  # what numpy.save writes for what numpy.load read
        np.save(out, arrays[0])
        return
    elif op == "write":  # a test file: dtype, format version, fortran order, shape
        a = arrays[0].astype(np.dtype(params["dtype"]))
        if "shape" in params:
            a = a.reshape(tuple(int(d) for d in params["shape"].split("x")))
        version = tuple(int(v) for v in params.get("version", "1.0").split("."))
        write_file(out, a, version, params.get("fortran") == "1")
        return
    else:
        raise ValueError("unknown op " + op)
    if result is None:
        raise ValueError(op + " is not defined for dtype " + str(arrays[0].dtype))
    if params.get("precise") == "1":
        result = np.asarray(result).astype(np.float64)
    np.save(out, np.ascontiguousarray(result))


def main(argv):
    if len(argv) == 3 and argv[1] == "--batch":
        with open(argv[2], encoding="utf-8") as f:
            jobs = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    elif len(argv) >= 3:
        jobs = [argv[1:]]
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for job in jobs:
        try:
            run(job[0], job[1], job[2:])
        except Exception as e:  # report the job, keep the status meaningful
            print("numpy_ref.py: %s failed: %s: %s" % (" ".join(job), type(e).__name__, e), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
