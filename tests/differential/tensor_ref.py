#!/usr/bin/python3
"""NumPy as the reference for trueno's Tensor differential tests (tests/differential/tensor_numpy_test.cpp).

Many operations in one process (Python and NumPy start once):
    tensor_ref.py --batch MANIFEST
where each MANIFEST line is OP, OUT and the arguments (input .npy files and @key=value parameters), separated
by tabs. Results go to OUT: arrays as .npy (C order, NumPy's result dtype, so the C++ side checks the dtype by
loading it with the type it expects), text (str, repr) as UTF-8. When NumPy raises, OUT + ".err" receives
"TypeName: message" instead, and the C++ side expects trueno to throw.

Operations:
  add sub mul div minimum maximum equal not_equal less less_equal greater greater_equal logical_and
  logical_or  A B             broadcasting binary ops (div is true division: integers give float64)
  reduce A @op=NAME @axes=0,2|none @keepdims=0|1 [@ddof=N]
                              np.NAME(A, axis=..., keepdims=...); NAME in sum prod mean var std min max argmin
                              argmax any all nansum nanmean nanmax nanmin nanargmax nanargmin
  slice A @spec=S             A[S] with S in Python's syntax, e.g. "1:4:2,-1,None,::-1"
  view A @expr=E [@reshape=2x3|ravel]
                              the view E of A (a Python expression of `a`), then optionally reshaped
  shares A @expr=E [@reshape=2x3|ravel]
                              np.shares_memory of the previous result with A, as a 1-element bool array
  str A / repr A              str(A) / repr(A)
Exit status 0 unless the manifest itself is malformed.
"""
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")
np.seterr(all="ignore")

BINARY = {
    "add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.true_divide,
    "minimum": np.minimum, "maximum": np.maximum,
    "equal": np.equal, "not_equal": np.not_equal, "less": np.less, "less_equal": np.less_equal,
    "greater": np.greater, "greater_equal": np.greater_equal,
    "logical_and": np.logical_and, "logical_or": np.logical_or,
}
REDUCTIONS = {
    "sum", "prod", "mean", "var", "std", "min", "max", "argmin", "argmax", "any", "all",
    "nansum", "nanmean", "nanmax", "nanmin", "nanargmax", "nanargmin",
}


def parse_index(spec):
    """Python's subscript syntax of one axis: "3", "None", ":", "1:4:2", "::-1"."""
    spec = spec.strip()
    if spec == "None":
        return None
    if ":" not in spec:
        return int(spec)
    parts = [int(p) if p else None for p in spec.split(":")]
    return slice(*parts)


def view_of(a, params):
    v = eval(params["expr"], {"np": np, "a": a})  # test-only expressions written by the C++ side
    shape = params.get("reshape")
    if shape == "ravel":
        return v.ravel()
    if shape is not None:
        return v.reshape(tuple(int(d) for d in shape.split("x")) if shape else ())
    return v


def run(op, out, args):
    params = dict(arg[1:].split("=", 1) for arg in args if arg.startswith("@"))
    arrays = [np.load(arg) for arg in args if not arg.startswith("@")]
    a = arrays[0]
    if op in BINARY:
        result = BINARY[op](a, arrays[1])
    elif op == "reduce":
        name = params["op"]
        if name not in REDUCTIONS:
            raise ValueError("unknown reduction " + name)
        axes = params.get("axes", "none")
        axis = None if axes == "none" else tuple(int(x) for x in axes.split(","))
        kwargs = {}
        if name in ("argmin", "argmax", "nanargmin", "nanargmax"):
            axis = axis if axis is None else axis[0]  # NumPy takes one axis here
        if params.get("keepdims") == "1":
            kwargs["keepdims"] = True
        if "ddof" in params:
            kwargs["ddof"] = int(params["ddof"])
        result = getattr(np, name)(a, axis=axis, **kwargs)
    elif op == "slice":
        spec = params["spec"]
        index = tuple(parse_index(s) for s in spec.split(",")) if spec else ()
        result = a[index]
    elif op == "view":
        result = view_of(a, params)
    elif op == "shares":
        result = np.array([np.shares_memory(view_of(a, params), a)])
    elif op in ("str", "repr"):
        with open(out, "w", encoding="utf-8") as f:
            f.write(str(a) if op == "str" else repr(a))
        return
    else:
        raise ValueError("unknown op " + op)
    np.save(out, np.array(result, order="C"))  # keeps rank 0 (ascontiguousarray would not)


def main(argv):
    if len(argv) != 3 or argv[1] != "--batch":
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[2], encoding="utf-8") as f:
        jobs = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for job in jobs:
        try:
            run(job[0], job[1], job[2:])
        except Exception as e:  # NumPy refused: the C++ side expects trueno to refuse too
            with open(job[1] + ".err", "w", encoding="utf-8") as f:
                f.write("%s: %s" % (type(e).__name__, str(e).strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
