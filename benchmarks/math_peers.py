#!/usr/bin/env python3
"""The math and activation groups of `make bench` (issue 3's speed table): PyTorch and NumPy peers, their data,
the targets and the table. Used by run_bench.py; run as `math_peers.py --torch-worker` it is the PyTorch peer
process (PyTorch reads ATEN_CPU_CAPABILITY when it is imported, so it runs in a process of its own, started
once and reused for every round).

The function list comes from the benchmark binary (`bench_math --list-cases`: name, arity, input intervals,
present or missing in trueno); this file only says how each peer computes a function (MATH_PEERS, keyed by
the same names) and which target applies. A function that trueno lacks is left out of the table and listed as
missing; a function with no entry in MATH_PEERS is measured without peers.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import timeit
from pathlib import Path

TOLERANCE = 0.97  # "at least X" = at least 0.97x X
SIZES = (100000, 10000000)

# name -> (family, (PyTorch statement, note), (NumPy statement, note)). Statements see: x (first input), x2
# (second input), y (output, same size), t (scratch, same size), r (0-d output tensor), n, torch, aten
# (torch.ops.aten), F (torch.nn.functional), np. torch._C._nn holds the bindings behind torch.nn.functional,
# which take out=. A note says where the form is not "the function itself with out=".
NN = "torch._C._nn"
MATH_PEERS: dict[str, tuple] = {
    "exp": ("exp", ("torch.exp(x, out=y)", ""), ("np.exp(x, out=y)", "")),
    "exp2": ("exp", ("torch.exp2(x, out=y)", ""), ("np.exp2(x, out=y)", "")),
    "expm1": ("exp", ("torch.expm1(x, out=y)", ""), ("np.expm1(x, out=y)", "")),
    "log": ("exp", ("torch.log(x, out=y)", ""), ("np.log(x, out=y)", "")),
    "log2": ("exp", ("torch.log2(x, out=y)", ""), ("np.log2(x, out=y)", "")),
    "log10": ("exp", ("torch.log10(x, out=y)", ""), ("np.log10(x, out=y)", "")),
    "log1p": ("exp", ("torch.log1p(x, out=y)", ""), ("np.log1p(x, out=y)", "")),
    "pow": ("exp", ("torch.pow(x, x2, out=y)", ""), ("np.power(x, x2, out=y)", "")),
    "pow_scalar": ("exp", ("torch.pow(x, 2.5, out=y)", ""), ("np.power(x, np.float32(2.5), out=y)", "")),
    "cbrt": ("exp", None, ("np.cbrt(x, out=y)", "")),
    "rsqrt": ("exp", ("torch.rsqrt(x, out=y)", ""), None),
    "hypot": ("exp", ("torch.hypot(x, x2, out=y)", ""), ("np.hypot(x, x2, out=y)", "")),
    "sin": ("trig", ("torch.sin(x, out=y)", ""), ("np.sin(x, out=y)", "")),
    "cos": ("trig", ("torch.cos(x, out=y)", ""), ("np.cos(x, out=y)", "")),
    "tan": ("trig", ("torch.tan(x, out=y)", ""), ("np.tan(x, out=y)", "")),
    "asin": ("trig", ("torch.asin(x, out=y)", ""), ("np.arcsin(x, out=y)", "")),
    "acos": ("trig", ("torch.acos(x, out=y)", ""), ("np.arccos(x, out=y)", "")),
    "atan": ("trig", ("torch.atan(x, out=y)", ""), ("np.arctan(x, out=y)", "")),
    "atan2": ("trig", ("torch.atan2(x, x2, out=y)", ""), ("np.arctan2(x, x2, out=y)", "")),
    "sinh": ("trig", ("torch.sinh(x, out=y)", ""), ("np.sinh(x, out=y)", "")),
    "cosh": ("trig", ("torch.cosh(x, out=y)", ""), ("np.cosh(x, out=y)", "")),
    "tanh": ("trig", ("torch.tanh(x, out=y)", ""), ("np.tanh(x, out=y)", "")),
    "asinh": ("trig", ("torch.asinh(x, out=y)", ""), ("np.arcsinh(x, out=y)", "")),
    "acosh": ("trig", ("torch.acosh(x, out=y)", ""), ("np.arccosh(x, out=y)", "")),
    "atanh": ("trig", ("torch.atanh(x, out=y)", ""), ("np.arctanh(x, out=y)", "")),
    "erf": ("trig", ("torch.erf(x, out=y)", ""), None),
    "erfc": ("trig", ("torch.erfc(x, out=y)", ""), None),
    "floor": ("round", ("torch.floor(x, out=y)", ""), ("np.floor(x, out=y)", "")),
    "ceil": ("round", ("torch.ceil(x, out=y)", ""), ("np.ceil(x, out=y)", "")),
    "round": ("round", ("torch.round(x, out=y)", "torch.round: halves to even (no half-away form)"),
              ("np.rint(x, out=y)", "np.rint: halves to even (no half-away form)")),
    "rint": ("round", ("torch.round(x, out=y)", "torch.round (halves to even)"), ("np.rint(x, out=y)", "")),
    "trunc": ("round", ("torch.trunc(x, out=y)", ""), ("np.trunc(x, out=y)", "")),
    "fract": ("round", ("torch.frac(x, out=y)", "torch.frac"), None),
    "sign": ("round", ("torch.sign(x, out=y)", ""), ("np.sign(x, out=y)", "")),
    "copysign": ("round", ("torch.copysign(x, x2, out=y)", ""), ("np.copysign(x, x2, out=y)", "")),
    "abs": ("round", ("torch.abs(x, out=y)", ""), ("np.absolute(x, out=y)", "")),
    "clamp": ("round", ("torch.clamp(x, -0.5, 0.5, out=y)", ""),
              ("np.core.umath.clip(x, np.float32(-0.5), np.float32(0.5), out=y)", "the ufunc np.clip ends in")),
    "relu": ("act", ("torch.clamp_min(x, 0.0, out=y)", "torch.clamp_min(x, 0): what relu runs, with out="),
             ("np.maximum(x, np.float32(0), out=y)", "np.maximum(x, 0)")),
    "relu6": ("act", (f"{NN}.hardtanh(x, 0.0, 6.0, out=y)", "hardtanh(0, 6): what relu6 runs"), None),
    "leaky_relu": ("act", (f"{NN}.leaky_relu(x, 0.01, out=y)", ""), None),
    "elu": ("act", (f"{NN}.elu(x, 1.0, 1.0, 1.0, out=y)", ""), None),
    "selu": ("act", (f"{NN}.elu(x, 1.6732632423543772, 1.0507009873554805, 1.0, out=y)",
                     "elu with selu's constants: what selu runs"), None),
    "celu": ("act", (f"{NN}.elu(x, 1.0, 1.0, 1.0, out=y)", "elu(alpha=1, input_scale=1/alpha): what celu runs"),
             None),
    "gelu": ("act", (f"{NN}.gelu(x, out=y)", ""), None),
    "gelu_tanh": ("act", (f"{NN}.gelu(x, approximate='tanh', out=y)", ""), None),
    "sigmoid": ("act", ("torch.sigmoid(x, out=y)", ""), None),
    "hard_sigmoid": ("act", (f"{NN}.hardsigmoid(x, out=y)", ""), None),
    "silu": ("act", (f"{NN}.silu(x, out=y)", ""), None),
    "hardswish": ("act", (f"{NN}.hardswish(x, out=y)", ""), None),
    "mish": ("act", (f"{NN}.mish(x, out=y)", ""), None),
    "softplus": ("act", (f"{NN}.softplus(x, 1.0, 20.0, out=y)", ""), None),
    "softsign": ("act", ("F.softsign(x)", "F.softsign: allocating, composed x / (1 + |x|), no out= form"), None),
    "tanhshrink": ("act", ("F.tanhshrink(x)", "F.tanhshrink: allocating, composed x - tanh(x), no out= form"),
                   None),
    "log_sigmoid": ("act", (f"{NN}.log_sigmoid(x, out=y)", ""), None),
    "softmax": ("norm", ("aten._softmax.out(x, 0, False, out=y)", "torch.ops.aten._softmax.out"),
                ("np.subtract(x, x.max(), out=y); np.exp(y, out=y); np.divide(y, y.sum(), out=y)",
                 "composed: exp(x - max) / sum, out= buffers")),
    "log_softmax": ("norm", ("aten._log_softmax.out(x, 0, False, out=y)", "torch.ops.aten._log_softmax.out"),
                    ("np.subtract(x, x.max(), out=y); np.exp(y, out=t); np.subtract(y, np.log(t.sum()), out=y)",
                     "composed: (x - max) - log(sum(exp(x - max))), out= buffers")),
    "logsumexp": ("norm", ("torch.logsumexp(x, 0, out=r)", ""),
                  ("m = x.max(); np.subtract(x, m, out=t); np.exp(t, out=t); m + np.log(t.sum())",
                   "composed: max + log(sum(exp(x - max)))")),
    "layer_norm": ("norm", ("F.layer_norm(x, x.shape, None, None, 1e-5)", "F.layer_norm: allocating, no out= form"),
                   None),
    "rms_norm": ("norm", ("torch.mul(x, torch.rsqrt(torch.mean(x * x) + 1e-5), out=y)",
                          "composed: PyTorch 1.13 has no rms_norm"), None),
}
FAMILIES = ["exp", "trig", "round", "act", "norm", "other"]

# Targets (issue 3, "Speed"): (function set, needed ratio vs PyTorch) at 100K; the cheap ones at 10M.
TARGET_VS_TORCH_100K = {"mish": 3.0, "softplus": 3.0, "elu": 2.0, "selu": 2.0, "celu": 2.0, "log_softmax": 2.0}
CHEAP_10M = {"relu", "leaky_relu", "hardswish", "clamp", "exp", "sigmoid", "silu"}
# Bytes each call must move per element at least, and the roof that traffic is compared with.
ROOF_KIND = {"unary": ("copy", 8), "binary": ("add", 12), "reduction": ("read", 4)}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def size_label(n: int) -> str:
    for unit, div in (("M", 1000000), ("K", 1000)):
        if n >= div and n % div == 0:
            return f"{n // div}{unit}"
    return str(n)


# --- the function list, from the binary ------------------------------------------------------------------------------
def list_cases(exe: Path) -> list[dict]:
    out = subprocess.run([str(exe), "--list-cases"], capture_output=True, text=True, check=True).stdout
    cases = []
    for line in out.splitlines():
        name, arity, lo, hi, lo2, hi2, state = line.split()
        cases.append({"name": name, "arity": arity, "lo": float(lo), "hi": float(hi), "lo2": float(lo2),
                      "hi2": float(hi2), "present": state == "present",
                      "form": "-" if arity == "reduction" else "out",
                      "family": MATH_PEERS.get(name, ("other",))[0]})
    return cases


def make_groups(cases: list[dict]) -> list[tuple]:
    """(name, Google Benchmark filter, [(fn, form, n)]) per size and family: math-100K-exp, math-10M-act..."""
    groups = []
    for n in SIZES:
        for fam in FAMILIES:
            fns = [c for c in cases if c["present"] and c["family"] == fam]
            if not fns:
                continue
            alt = "|".join(["warmup", "roof_[a-z]+"] + [c["name"] for c in fns])
            groups.append((f"math-{size_label(n)}-{fam}", rf"^math/({alt})/[^/]+/{n}/",
                           [(c["name"], c["form"], n) for c in fns]))
    return groups


# --- data: the same numbers as bench_math.cpp's fill_uniform ---------------------------------------------------------
class MathData:
    def __init__(self, np):
        self.np = np
        self.u: dict[tuple, object] = {}
        self.recent: dict[tuple, object] = {}
        self.out: dict[int, tuple] = {}

    def uniform01(self, n: int, stream: int):
        key = (n, stream)
        if key not in self.u:
            np = self.np
            z = np.arange(n, dtype=np.uint64) + np.uint64(stream << 40)
            z += np.uint64(0x9E3779B97F4A7C15)
            z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
            z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
            z ^= z >> np.uint64(31)
            self.u[key] = (z >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)
        return self.u[key]

    def aligned(self, n: int):
        np = self.np
        buf = np.empty(n + 16, dtype=np.float32)
        start = ((-buf.ctypes.data) % 64) // 4
        return buf[start:start + n]

    def outputs(self, n: int):
        """The output and scratch arrays of size n, kept (so their pages are faulted in once)."""
        if n not in self.out:
            self.out[n] = (self.aligned(n), self.aligned(n))
            for a in self.out[n]:
                a[:] = 0
        return self.out[n]

    def operand(self, n: int, lo: float, hi: float, stream: int):
        """float32(lo + (hi - lo) * u), 64-byte aligned; the last few are kept."""
        key = (n, lo, hi, stream)
        if key not in self.recent:
            if len(self.recent) >= 4:
                self.recent.pop(next(iter(self.recent)))
            out = self.aligned(n)
            out[:] = (lo + (hi - lo) * self.uniform01(n, stream)).astype(self.np.float32)
            self.recent[key] = out
        return self.recent[key]


class Timer:
    """ns per call of a statement: the number of calls is calibrated once per key to take min_time."""

    def __init__(self, min_time: float):
        self.min_time = min_time
        self.numbers: dict[str, int] = {}

    def time(self, key: str, stmt: str, namespace: dict) -> float:
        timer = timeit.Timer(stmt, globals=namespace)
        if key not in self.numbers:
            timer.timeit(number=2)  # warm-up
            t, number = timer.timeit(number=1), 1
            while t < self.min_time / 10 and number < 10**7:
                number *= 10
                t = timer.timeit(number=number)
            self.numbers[key] = max(1, int(number * self.min_time / max(t, 1e-9)))
        number = self.numbers[key]
        timer.timeit(number=max(1, number // 20))  # warm-up
        return timer.timeit(number=number) / number * 1e9


def time_cases(np, data: MathData, timer: Timer, cases: list[dict], side: int, impl: str, extra: dict) -> dict:
    """Times MATH_PEERS[name][side] for each case {name, n, lo, hi, lo2, hi2}; returns {sample key: ns}."""
    got = {}
    for c in cases:
        peer = MATH_PEERS.get(c["name"])
        if not peer or not peer[side]:
            continue
        n = c["n"]
        ns = dict(extra)
        y, scratch = data.outputs(n)
        ns.update(np=np, n=n, x=data.operand(n, c["lo"], c["hi"], 0), y=y, t=scratch)
        if c["lo2"] != c["hi2"]:
            ns["x2"] = data.operand(n, c["lo2"], c["hi2"], 1)
        if impl == "torch":
            torch = extra["torch"]
            for k in ("x", "x2", "y", "t"):
                if k in ns:
                    ns[k] = torch.from_numpy(ns[k])
            ns["r"] = torch.empty(())
        key = f"math/{c['name']}/{c['form']}/{n}/{impl}"
        try:
            got[key] = timer.time(key, peer[side][0], ns)
        except Exception as e:  # a peer without the function in this version: no column, never a crash
            log(f"math_peers: {impl} {c['name']}: {type(e).__name__}: {e}")
    return got


# --- the PyTorch peer process ------------------------------------------------------------------------------------------
def torch_worker() -> int:
    """Reads one JSON request per line ({"cases": [...], "min_time": s}), answers {"times": {...}} per line."""
    import numpy as np
    import torch
    torch.set_num_threads(1)
    extra = {"torch": torch, "F": torch.nn.functional, "aten": torch.ops.aten}
    data, timer = MathData(np), None
    config = torch.__config__.show()
    capability = next((line.split(":", 1)[1].strip() for line in config.splitlines() if "CPU capability" in line), "?")
    print(json.dumps({"version": torch.__version__, "capability": capability,
                      "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        if timer is None:
            timer = Timer(req["min_time"])
        print(json.dumps({"times": time_cases(np, data, timer, req["cases"], 1, "torch", extra)}), flush=True)
    return 0


class TorchPeer:
    """The worker process, started once; its CPU time counts as the driver's own in the load check."""

    def __init__(self, env_extra: dict):
        env = dict(os.environ, **env_extra)
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--torch-worker"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        self.info = json.loads(self.proc.stdout.readline())

    def time(self, cases: list[dict], min_time: float) -> dict:
        self.proc.stdin.write(json.dumps({"cases": cases, "min_time": min_time}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the PyTorch worker exited")
        return json.loads(line)["times"]

    def cpu_seconds(self) -> float:
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
        except (OSError, IndexError, ValueError):
            return 0.0

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)


def peer_cases(cases_by_name: dict, group_cases: list[tuple]) -> list[dict]:
    out = []
    for fn, form, n in group_cases:
        c = cases_by_name[fn]
        out.append({"name": fn, "form": form, "n": n, "lo": c["lo"], "hi": c["hi"], "lo2": c["lo2"], "hi2": c["hi2"]})
    return out


# --- analysis and table ------------------------------------------------------------------------------------------------
def at_least(value, need) -> str:
    if value is None:
        return "n/a"
    return "MET" if value >= TOLERANCE * need else "MISS"


def analyse(med: dict, cases_by_name: dict, groups: list[tuple]) -> tuple[list[dict], list[dict]]:
    """Rows of the math table; med maps sample keys to medians."""
    def t(fn, form, n, impl):
        return med.get(f"math/{fn}/{form}/{n}/{impl}")

    rows, roofs = [], {}
    for _, _, cases in groups:
        for fn, form, n in cases:
            if n not in roofs:
                copy = [x for x in (t("roof_copy", "-", n, "memcpy"), t("roof_copy", "-", n, "avx512")) if x]
                roofs[n] = {"copy": min(copy) / n if copy else None,
                            "add": (t("roof_add", "-", n, "avx512") or 0) / n or None,
                            "read": (t("roof_read", "-", n, "avx512") or 0) / n or None}
            c = cases_by_name[fn]
            kind, _ = ROOF_KIND[c["arity"]]
            row = {"fn": fn, "n": n, "form": form, "roof_kind": kind}
            for impl in ("trueno", "torch", "numpy"):
                ns = t(fn, form, n, impl)
                row[impl] = None if ns is None else ns / n  # ns per element
            peers = [x for x in (row["torch"], row["numpy"]) if x is not None]
            row["peer"] = min(peers) if peers else None
            tr = row["trueno"]
            row["ratio"] = row["peer"] / tr if tr and row["peer"] else None
            row["torch_ratio"] = row["torch"] / tr if tr and row["torch"] else None
            roof = roofs[n].get(kind)
            copy_roof = roofs[n]["copy"]
            row["roof"] = roof
            row["roof_frac"] = roof / tr if roof and tr else None
            # The targets; "at least X" = at least 0.97x X.
            if n == 100000:
                if row["peer"] and copy_roof and copy_roof / row["peer"] >= 0.70:
                    row["target"], row["verdict"] = ">= 90% of roof (peer >= 70%)", at_least(row["roof_frac"], 0.90)
                elif fn in TARGET_VS_TORCH_100K:
                    need = TARGET_VS_TORCH_100K[fn]
                    row["target"], row["verdict"] = f">= {need:g}x PyTorch", at_least(row["torch_ratio"], need)
                else:
                    row["target"], row["verdict"] = ">= 1.5x faster peer", at_least(row["ratio"], 1.5)
            else:
                row["target"], row["verdict"] = ">= faster peer", at_least(row["ratio"], 1.0)
                if fn in CHEAP_10M:
                    row["target"] += ", >= 85% of copy roof"
                    bw = at_least(copy_roof / tr if copy_roof and tr else None, 0.85)
                    row["verdict"] = "MISS" if "MISS" in (row["verdict"], bw) else (
                        "n/a" if "n/a" in (row["verdict"], bw) else "MET")
            rows.append(row)
    roof_rows = [{"n": n, **r} for n, r in sorted(roofs.items())]
    return rows, roof_rows


HEADER = ["function", "n", "trueno ns/el", "PyTorch ns/el", "NumPy ns/el", "faster peer/trueno", "% of roof",
          "target", "result"]


def fmt(x, digits=3):
    return "-" if x is None else f"{x:.{digits}f}"


def cells(rows) -> list[list[str]]:
    out = []
    for r in rows:
        torch_note = MATH_PEERS.get(r["fn"], (None, None, None))[1]
        np_note = MATH_PEERS.get(r["fn"], (None, None, None))[2]
        out.append([r["fn"], size_label(r["n"]), fmt(r["trueno"]),
                    fmt(r["torch"]) + ("*" if torch_note and torch_note[1] else ""),
                    fmt(r["numpy"]) + ("*" if np_note and np_note[1] else ""),
                    "-" if r["ratio"] is None else f"{r['ratio']:.2f}x",
                    "-" if r["roof_frac"] is None else f"{100 * r['roof_frac']:.0f}% ({r['roof_kind']})",
                    r["target"], r["verdict"]])
    return out


def notes(rows, missing: list[str]) -> list[str]:
    lines = []
    seen = set()
    for r in rows:
        if r["fn"] in seen:
            continue
        seen.add(r["fn"])
        peer = MATH_PEERS.get(r["fn"])
        if not peer:
            lines.append(f"{r['fn']}: no peer entry in benchmarks/math_peers.py")
            continue
        for side, label in ((1, "PyTorch"), (2, "NumPy")):
            if peer[side] and peer[side][1]:
                lines.append(f"{r['fn']} {label}*: {peer[side][1]} (`{peer[side][0]}`)")
    if missing:
        lines.append("not in trueno yet (left out): " + ", ".join(missing))
    return lines


def summary(rows) -> str:
    judged = [r for r in rows if r["verdict"] in ("MET", "MISS")]
    misses = [f"{r['fn']} {size_label(r['n'])}" for r in judged if r["verdict"] == "MISS"]
    return (f"math targets: {len(judged) - len(misses)}/{len(judged)} MET" +
            (f"; MISS: {', '.join(misses)}" if misses else ""))


if __name__ == "__main__":
    if sys.argv[1:] == ["--torch-worker"]:
        sys.exit(torch_worker())
    print(__doc__)
    sys.exit(2)
