#!/usr/bin/python3
"""NumPy as the reference for trueno's tensor manipulation routines (tensor_manipulation_numpy_test.cpp).

    tensor_manip_ref.py --batch MANIFEST

Each MANIFEST line holds OP, OUT, the input .npy paths and "@key=value" parameters, separated by tabs. The result
is written to OUT as .npy (C order, NumPy's result dtype, so the C++ side checks the dtype by loading it with the
type it expects); scalar results as 1-element 1-D arrays; split results as OUT.0.npy, OUT.1.npy, ...
Parameters: @axis (an int, or several joined by ","), @sections, @indices ("2,5"), @reps ("2,1,3"),
@repeats ("2" or "1,0,3"), @shift ("1" or "1,-2"), @width ("1,2;0,3": one before,after pair per axis),
@mode, @value.
Exit status 0 when every operation succeeded; otherwise 1, with the failing line on stderr.
"""
import sys

import numpy as np


def ints(text):
    return [int(x) for x in text.split(",")] if text else []


def axis_of(params):
    if "axis" not in params:
        return None
    a = ints(params["axis"])
    return a[0] if len(a) == 1 else tuple(a)


def run(op, out, args):
    params = dict(arg[1:].split("=", 1) for arg in args if arg.startswith("@"))
    arrays = [np.load(arg) for arg in args if not arg.startswith("@")]
    a = arrays[0]
    axis = axis_of(params)

    if op == "concatenate":
        result = np.concatenate(arrays, axis=axis)
    elif op == "stack":
        result = np.stack(arrays, axis=axis)
    elif op == "hstack":
        result = np.hstack(arrays)
    elif op == "vstack":
        result = np.vstack(arrays)
    elif op in ("split", "array_split"):
        fn = np.split if op == "split" else np.array_split
        what = int(params["sections"]) if "sections" in params else ints(params["indices"])
        for i, piece in enumerate(fn(a, what, axis=axis)):
            np.save(out + "." + str(i) + ".npy", piece.copy(order="C"))
        return
    elif op == "tile":
        result = np.tile(a, ints(params["reps"]))
    elif op == "repeat":
        r = ints(params["repeats"])
        result = np.repeat(a, r[0] if params.get("scalar") == "1" else r, axis=axis)
    elif op == "roll":
        s = ints(params["shift"])
        result = np.roll(a, s[0] if len(s) == 1 else tuple(s), axis=axis)
    elif op == "pad":
        width = [tuple(int(x) for x in pair.split(",")) for pair in params["width"].split(";")]
        mode = params.get("mode", "constant")
        if mode == "constant":
            value = a.dtype.type(float.fromhex(params.get("value", "0x0p+0")))
            result = np.pad(a, width, mode="constant", constant_values=value)
        else:
            result = np.pad(a, width, mode=mode)
    elif op == "sort":
        result = np.sort(a, axis=axis)
    elif op == "argsort":
        result = np.argsort(a, axis=axis, kind="stable")
    elif op == "unique":
        result = np.unique(a)
    elif op == "cumsum":
        result = np.cumsum(a, axis=axis)
    elif op == "cumprod":
        result = np.cumprod(a, axis=axis)
    elif op == "norm":
        result = np.linalg.norm(a, axis=axis)
        if axis is None:
            result = np.array(result).reshape(1)
    else:
        raise ValueError("unknown op " + op)
    result = np.asarray(result)  # ascontiguousarray would make a 0-d result 1-d
    np.save(out, result.copy(order="C"))


def main(argv):
    if len(argv) != 3 or argv[1] != "--batch":
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[2], encoding="utf-8") as f:
        jobs = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for job in jobs:
        try:
            run(job[0], job[1], job[2:])
        except Exception as e:  # pylint: disable=broad-except
            print("failed: " + "\t".join(job) + "\n" + type(e).__name__ + ": " + str(e), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
