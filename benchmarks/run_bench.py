#!/usr/bin/env python3
"""trueno vs NumPy vs Eigen vs PyTorch vs bandwidth roofs, one thread, fp32, side by side in one run.

Usage: /usr/bin/python3 benchmarks/run_bench.py [BUILD_DIR] [--rounds N] [--min-time S] [--quick] ...
(`make bench` builds BUILD_DIR/benchmarks/bench_vector and bench_math in Release mode and runs this with
BUILD_DIR=build.) `--groups ew,math-100K` selects groups by name or name prefix (up to a '-').

What it does:
  * compiles benchmarks/bench_vector.cpp a second time with -march=native -DTRUENO_BENCH_EIGEN_ONLY, so Eigen
    (whose SIMD level is fixed at compile time) also runs at its best on this machine ("Eigen native");
  * pins itself (and so every child) to one CPU and limits NumPy/OpenBLAS to one thread;
  * measures in rounds: per size group, the Google Benchmark binary (trueno, trueno forced to scalar, Eigen,
    roofs), the native Eigen binary and NumPy run back to back, in alternating order from round to round, so
    drift on this shared machine affects every side alike;
  * a group measurement during which other processes used more than --max-foreign-load of a core is thrown
    away and measured again (up to --max-rounds rounds in all);
  * reports medians over the clean rounds and checks the targets: "at least X" means at least 0.97x X
    (trueno's speed >= 0.97 * the required speed, e.g. >= 0.97 * 2 = 1.94x NumPy for "2x NumPy");
  * the math groups (math-<size>-<family>, issue 3) run bench_math (trueno and the roofs), PyTorch (a worker
    process started once with ATEN_CPU_CAPABILITY=avx512 and torch.set_num_threads(1), whose CPU time counts as
    the driver's own) and NumPy the same way; benchmarks/math_peers.py holds the peers' forms and the targets;
  * prints the tables and writes BUILD_DIR/bench/table.md and BUILD_DIR/bench/results.json.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path

import math_peers  # benchmarks/math_peers.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "benchmarks" / "bench_vector.cpp"
TOLERANCE = 0.97  # "at least X" = at least 0.97x X

ELEMENTWISE_OPS = ["add", "mul", "abs", "scale", "clamp"]
REDUCTION_OPS = ["sum", "dot", "max", "argmax", "norm_l2"]
BYTES_PER_ELEMENT = {"add": 12, "mul": 12, "abs": 8, "scale": 8, "clamp": 8,
                     "sum": 4, "dot": 8, "max": 4, "argmax": 4, "norm_l2": 4}

# (name, Google Benchmark filter, [(op, form, n)] cases, NumPy timed for each case)
GROUPS = [
    ("ew-1K", r"^ew/[^/]+/[^/]+/1000/", [(op, "out", 1000) for op in ELEMENTWISE_OPS] + [("add", "alloc", 1000)]),
    ("ew-1M", r"^ew/[^/]+/[^/]+/1000000/",
     [(op, "out", 1000000) for op in ELEMENTWISE_OPS] + [("add", "alloc", 1000000)]),
    ("ew-10M", r"^ew/[^/]+/[^/]+/10000000/",
     [(op, "out", 10000000) for op in ELEMENTWISE_OPS] + [("add", "alloc", 10000000)]),
    ("red-100K", r"^red/[^/]+/[^/]+/100000/", [(op, "-", 100000) for op in REDUCTION_OPS]),
    ("red-10M", r"^red/[^/]+/[^/]+/10000000/", [(op, "-", 10000000) for op in REDUCTION_OPS]),
]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def size_label(n: int) -> str:
    for unit, div in (("M", 1000000), ("K", 1000)):
        if n >= div and n % div == 0:
            return f"{n // div}{unit}"
    return str(n)


# --- environment ------------------------------------------------------------------------------------------------
def cpu_flags() -> set[str]:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def setup_single_thread_env() -> None:
    """Must run before NumPy is imported: BLAS reads these when it loads."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "TRUENO_NUM_THREADS"):
        os.environ[var] = "1"
    # Debian's OpenBLAS 0.3.21 does not recognise this Xeon and falls back to its Prescott kernels
    # (docs: /work/shared/BENCHMARKING.md); SkylakeX is the right kernel set for an AVX-512 CPU.
    if "avx512f" in cpu_flags():
        os.environ.setdefault("OPENBLAS_CORETYPE", "SkylakeX")


def machine_info() -> dict:
    info = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "kernel": os.uname().release}
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        fields = {}
        for line in out.splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                fields[k.strip()] = v.strip()
        info["model"] = fields.get("Model name", "?")
        info["cpus"] = fields.get("CPU(s)", "?")
        info["family_model"] = f"family {fields.get('CPU family', '?')}, model {fields.get('Model', '?')}"
        info["hypervisor"] = fields.get("Hypervisor vendor", "")
        info["caches"] = ", ".join(f"{k} {fields[k]}" for k in ("L1d cache", "L2 cache", "L3 cache") if k in fields)
        info["avx512_flags"] = " ".join(sorted(f for f in fields.get("Flags", "").split() if "avx512" in f))
    except (OSError, subprocess.CalledProcessError):
        info["model"] = "?"
    return info


def read_cpu_busy() -> float:
    """Seconds of non-idle CPU time, all CPUs together, since boot."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    values = [int(x) for x in fields]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    busy = sum(values[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK")


# CPU time of long-lived helper processes (the PyTorch worker), which os.times() only counts once they exit.
HELPER_CPU_SECONDS = []


def own_cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system + sum(f() for f in HELPER_CPU_SECONDS)


class LoadMeter:
    """How many cores other processes kept busy while a measurement ran."""

    def __enter__(self):
        self.busy0, self.own0, self.t0 = read_cpu_busy(), own_cpu_seconds(), time.monotonic()
        return self

    def __exit__(self, *exc):
        wall = max(time.monotonic() - self.t0, 1e-9)
        foreign = (read_cpu_busy() - self.busy0) - (own_cpu_seconds() - self.own0)
        self.foreign_cores = max(foreign, 0.0) / wall
        return False


# --- building the native Eigen peer -------------------------------------------------------------------------------
def cmake_cxx(build_dir: Path) -> str:
    cache = build_dir / "CMakeCache.txt"
    if cache.exists():
        m = re.search(r"^CMAKE_CXX_COMPILER:\w+=(.+)$", cache.read_text(), re.M)
        if m and shutil.which(m.group(1).strip()):
            return m.group(1).strip()
    return "g++"


def eigen_include() -> str | None:
    for cand in ("/usr/include/eigen3", "/usr/local/include/eigen3"):
        if Path(cand, "Eigen", "Core").exists():
            return cand
    try:
        out = subprocess.run(["pkg-config", "--cflags-only-I", "eigen3"], capture_output=True, text=True,
                             check=True).stdout.split()
        return out[0][2:] if out else None
    except (OSError, subprocess.CalledProcessError):
        return None


def build_native_eigen(build_dir: Path, out_dir: Path) -> Path | None:
    inc = eigen_include()
    if inc is None:
        log("run_bench: Eigen headers not found; no 'Eigen native' column")
        return None
    exe = out_dir / "bench_vector_eigen_native"
    if exe.exists() and exe.stat().st_mtime > SOURCE.stat().st_mtime:
        return exe
    cmd = [cmake_cxx(build_dir), "-std=c++20", "-O3", "-DNDEBUG", "-march=native", "-DTRUENO_BENCH_EIGEN_ONLY",
           "-DTRUENO_HAVE_EIGEN=1", "-w", "-isystem", inc, str(SOURCE), "-o", str(exe), "-lbenchmark", "-lpthread"]
    log("run_bench: building the -march=native Eigen peer: " + " ".join(cmd))
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        log("run_bench: the native Eigen build failed; no 'Eigen native' column\n" + res.stderr[-2000:])
        return None
    return exe


# --- one group measurement ----------------------------------------------------------------------------------------
def run_gbench(exe: Path, flt: str, min_time: float) -> tuple[dict[str, float], dict]:
    cmd = [str(exe), f"--benchmark_filter={flt}", f"--benchmark_min_time={min_time}", "--benchmark_format=json"]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({res.returncode}):\n{res.stderr[-2000:]}")
    doc = json.loads(res.stdout)
    times = {}
    for b in doc.get("benchmarks", []):
        if b.get("error_occurred"):
            log(f"run_bench: {b['name']}: {b.get('error_message')}")
            continue
        assert b.get("time_unit", "ns") == "ns", b
        times[b["name"].removesuffix("/real_time")] = float(b["real_time"])
    return times, doc.get("context", {})


class NumpyPeer:
    """NumPy timed with timeit over pre-built, 64-byte-aligned arrays (the same distributions as the C++ side).
    The allocating form (a + b) returns NumPy's own, 16-byte-aligned, freshly allocated result, as users get."""

    STATEMENTS = {("add", "out"): "add(a, b, out=o)", ("mul", "out"): "multiply(a, b, out=o)",
                  ("abs", "out"): "absolute(a, out=o)", ("scale", "out"): "multiply(a, s, out=o)",
                  ("clamp", "out"): "clip(a, lo, hi, out=o)", ("add", "alloc"): "a + b",
                  ("sum", "-"): "a.sum()", ("dot", "-"): "dot(a, b)", ("max", "-"): "a.max()",
                  ("argmax", "-"): "a.argmax()", ("norm_l2", "-"): "norm(a)"}

    def __init__(self, np, min_time: float):
        self.np, self.min_time = np, min_time
        self.arrays: dict[int, dict] = {}
        self.numbers: dict[tuple, int] = {}

    def aligned(self, values):
        """A float32 copy of values whose data starts on a 64-byte boundary, as trueno's and Eigen's buffers do.
        NumPy's own allocations are only 16-byte aligned; at 100K elements that alone makes its max 1.4x and
        OpenBLAS's sdot (dot, norm) 1.8x slower here, so unaligned arrays would flatter trueno."""
        np = self.np
        n = len(values)
        buf = np.empty(n + 16, dtype=np.float32)
        start = ((-buf.ctypes.data) % 64) // 4
        out = buf[start:start + n]
        out[:] = values
        assert out.ctypes.data % 64 == 0
        return out

    def namespace(self, n: int) -> dict:
        if n not in self.arrays:
            np = self.np
            rng = np.random.default_rng(12345)
            self.arrays[n] = {
                "a": self.aligned(rng.uniform(-1.0, 1.0, n)),
                "b": self.aligned(rng.uniform(0.5, 1.5, n)),
                "o": self.aligned(np.zeros(n)),
                "s": np.float32(1.5), "lo": np.float32(-0.5), "hi": np.float32(0.5),
                "add": np.add, "multiply": np.multiply, "absolute": np.absolute,
                # the ufunc np.clip ends in; np.clip's Python wrapper adds about 6 us per call in NumPy 1.24
                "clip": np.core.umath.clip, "dot": np.dot, "norm": np.linalg.norm,
            }
        return self.arrays[n]

    def time(self, op: str, form: str, n: int) -> float:
        """Nanoseconds per call."""
        timer = timeit.Timer(self.STATEMENTS[(op, form)], globals=self.namespace(n))
        key = (op, form, n)
        if key not in self.numbers:  # calibrate once: enough calls for min_time
            timer.timeit(number=3)  # warm-up
            t = timer.timeit(number=1)
            number = 1
            while t < self.min_time / 10 and number < 10**7:
                number *= 10
                t = timer.timeit(number=number)
            self.numbers[key] = max(1, int(number * self.min_time / max(t, 1e-9)))
        number = self.numbers[key]
        timer.timeit(number=max(1, number // 20))  # warm-up
        return timer.timeit(number=number) / number * 1e9


# --- the report -----------------------------------------------------------------------------------------------------
def med(xs):
    return statistics.median(xs) if xs else None


def gbps(n, op, ns):
    return None if ns is None else n * BYTES_PER_ELEMENT[op] / ns


def fmt_ns(x):
    if x is None:
        return "-"
    if x >= 1e6:
        return f"{x / 1e6:.2f} ms"
    if x >= 1e3:
        return f"{x / 1e3:.1f} us"
    return f"{x:.1f} ns"


def fmt_ratio(x, suffix="x"):
    return "-" if x is None else f"{x:.2f}{suffix}"


def check(value, need):
    """PASS when value >= TOLERANCE * need."""
    if value is None:
        return "n/a"
    return "PASS" if value >= TOLERANCE * need else "MISS"


def analyse(samples: dict, has_native: bool, groups) -> tuple[list[dict], list[dict]]:
    rows, roofs = [], []
    m = {key: med(v) for key, v in samples.items()}

    def t(group, op, form, n, impl):
        return m.get(f"{group}/{op}/{form}/{n}/{impl}")

    for gname, _, cases in groups:
        sizes = sorted({n for _, _, n in cases})
        for n in sizes:
            if gname.startswith("ew"):
                # The roof is STREAM's: copy and add loops with ordinary stores (the definition). The
                # streaming-store loops are listed beside it; trueno streams outputs of 16 MiB or more, which is
                # why it can exceed this roof at 10M (docs/performance.md compares it with both).
                copy_ns = [x for x in (t("ew", "roof_copy", "-", n, "memcpy"), t("ew", "roof_copy", "-", n, "avx512"))
                           if x is not None]
                add_ns = t("ew", "roof_add", "-", n, "avx512")
                roof = {"copy": (n * 8 / min(copy_ns)) if copy_ns else None,
                        "add": gbps(n, "add", add_ns)}
                roofs += [{"roof": "copy (memcpy)", "n": n, "ns": t("ew", "roof_copy", "-", n, "memcpy"), "bytes": 8},
                          {"roof": "copy (AVX-512 loop)", "n": n, "ns": t("ew", "roof_copy", "-", n, "avx512"),
                           "bytes": 8},
                          {"roof": "add (AVX-512 loop)", "n": n, "ns": add_ns, "bytes": 12},
                          {"roof": "copy (AVX-512, streaming stores)", "n": n,
                           "ns": t("ew", "roof_copy", "-", n, "avx512_nt"), "bytes": 8},
                          {"roof": "add (AVX-512, streaming stores)", "n": n,
                           "ns": t("ew", "roof_add", "-", n, "avx512_nt"), "bytes": 12}]
            else:
                read_ns = t("red", "roof_read", "-", n, "avx512")
                read2_ns = t("red", "roof_read2", "-", n, "avx512")
                roof = {"read": gbps(n, "sum", read_ns), "read2": gbps(n, "dot", read2_ns)}
                roofs += [{"roof": "read (AVX-512 sum, 8 accumulators)", "n": n, "ns": read_ns, "bytes": 4},
                          {"roof": "read2 (the same over two arrays, for dot)", "n": n, "ns": read2_ns, "bytes": 8}]
            for op, form, cn in cases:
                if cn != n:
                    continue
                group = "ew" if gname.startswith("ew") else "red"
                row = {"op": op, "n": n, "form": form,
                       "trueno": t(group, op, form, n, "trueno"), "scalar": t(group, op, form, n, "scalar"),
                       "numpy": t(group, op, form, n, "numpy"), "eigen": t(group, op, form, n, "eigen"),
                       "eigen_native": t(group, op, form, n, "eigen_native")}
                eig = row["eigen_native"] if has_native and row["eigen_native"] is not None else row["eigen"]
                row["eigen_peer"] = eig
                if group == "ew":
                    row["roof_kind"] = "add" if op in ("add", "mul") else "copy"
                else:
                    row["roof_kind"] = "read2" if op == "dot" else "read"
                row["roof_gbps"] = roof.get(row["roof_kind"])
                row["gbps"] = gbps(n, op, row["trueno"])
                tr = row["trueno"]
                row["np_ratio"] = row["numpy"] / tr if tr and row["numpy"] else None
                row["eigen_ratio"] = eig / tr if tr and eig else None
                row["roof_frac"] = row["gbps"] / row["roof_gbps"] if row["gbps"] and row["roof_gbps"] else None
                # The targets.
                row["t_roof"] = row["t_np"] = row["t_eigen"] = ""
                if group == "ew" and form == "out" and n in (1000000, 10000000):
                    row["t_roof"] = check(row["roof_frac"], 0.90)
                    row["t_np"] = check(row["np_ratio"], 1.0)
                elif group == "ew" and form == "alloc" and n == 10000000:
                    row["t_np"] = check(row["np_ratio"], 1.5)
                elif group == "ew" and form == "out" and n == 1000:
                    row["t_np"] = check(row["np_ratio"], 5.0)
                    # "within 1.25x of Eigen's per-call time": trueno_ns <= 1.25 * eigen_ns
                    row["t_eigen"] = "n/a" if row["eigen_ratio"] is None else (
                        "PASS" if row["eigen_ratio"] >= 1 / 1.25 else "MISS")
                elif group == "red" and n == 100000:
                    row["t_np"] = check(row["np_ratio"], 2.0)
                    row["t_eigen"] = check(row["eigen_ratio"], 1.0)
                elif group == "red" and n == 10000000:
                    row["t_roof"] = check(row["roof_frac"], 0.90)
                rows.append(row)
    roofs = [r for r in roofs if r["ns"] is not None or "streaming" not in r["roof"]]
    for r in roofs:
        r["gbps"] = None if r["ns"] is None else r["n"] * r["bytes"] / r["ns"]
    return rows, roofs


HEADER = ["op", "n", "form", "trueno", "scalar", "NumPy", "Eigen native", "Eigen base", "roof GB/s", "trueno GB/s",
          "NumPy/trueno", "Eigen/trueno", "% of roof", "roof target", "NumPy target", "Eigen target"]


def table_cells(rows):
    out = []
    for r in rows:
        out.append([r["op"], size_label(r["n"]), r["form"], fmt_ns(r["trueno"]), fmt_ns(r["scalar"]),
                    fmt_ns(r["numpy"]), fmt_ns(r["eigen_native"]), fmt_ns(r["eigen"]),
                    "-" if r["roof_gbps"] is None else f"{r['roof_gbps']:.1f} ({r['roof_kind']})",
                    "-" if r["gbps"] is None else f"{r['gbps']:.1f}",
                    fmt_ratio(r["np_ratio"]), fmt_ratio(r["eigen_ratio"]),
                    "-" if r["roof_frac"] is None else f"{100 * r['roof_frac']:.0f}%",
                    r["t_roof"], r["t_np"], r["t_eigen"]])
    return out


def text_table(header, cells) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *cells)]
    lines = ["  ".join(str(x).rjust(w) for x, w in zip(header, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(x).rjust(w) for x, w in zip(row, widths)) for row in cells]
    return "\n".join(lines)


def md_table(header, cells) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i < 3 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(x) for x in row) + " |" for row in cells]
    return "\n".join(lines)


def summary_lines(rows) -> list[str]:
    lines = []
    for label, key in (("roof", "t_roof"), ("NumPy", "t_np"), ("Eigen", "t_eigen")):
        judged = [r for r in rows if r[key] in ("PASS", "MISS")]
        misses = [f"{r['op']} {size_label(r['n'])} {r['form']}" for r in judged if r[key] == "MISS"]
        lines.append(f"{label} targets: {len(judged) - len(misses)}/{len(judged)} PASS" +
                     (f"; MISS: {', '.join(misses)}" if misses else ""))
    return lines


# --- main -------------------------------------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build_dir", nargs="?", default="build")
    ap.add_argument("--rounds", type=int, default=9, help="clean rounds per group (default 9)")
    ap.add_argument("--max-rounds", type=int, default=None, help="rounds in all, noisy ones included (default 2x)")
    ap.add_argument("--min-time", type=float, default=0.05, help="seconds per benchmark per round (default 0.05)")
    ap.add_argument("--max-foreign-load", type=float, default=0.3,
                    help="a group measurement is redone when other processes used more cores than this")
    ap.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: the last one allowed)")
    ap.add_argument("--groups", default="", help="comma-separated names or name prefixes (ending before a '-') of "
                    "groups: " + ",".join(g[0] for g in GROUPS) + ", math-100K-exp, ..., math-10M-norm; 'math' "
                    "selects every math group, 'ew' every ew group")
    ap.add_argument("--no-torch", action="store_true", help="math groups without the PyTorch peer")
    ap.add_argument("--no-native", action="store_true", help="skip the -march=native Eigen peer")
    ap.add_argument("--quick", action="store_true", help="3 rounds, 0.01 s: checks the harness, not the speed")
    args = ap.parse_args()
    if args.quick:
        args.rounds, args.min_time = 3, 0.01
    max_rounds = args.max_rounds or 2 * args.rounds

    build_dir = Path(args.build_dir)
    if not build_dir.is_absolute():
        build_dir = (Path.cwd() / build_dir).resolve()
    exe = build_dir / "benchmarks" / "bench_vector"
    out_dir = build_dir / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)

    setup_single_thread_env()
    allowed = sorted(os.sched_getaffinity(0))
    cpu = args.cpu if args.cpu is not None else allowed[-1]
    os.sched_setaffinity(0, {cpu})  # children (the benchmark binaries) inherit it

    import numpy as np  # after the environment is set
    blas = []
    try:
        from threadpoolctl import threadpool_info, threadpool_limits
        threadpool_limits(1)
        blas = threadpool_info()
    except ImportError:
        log("run_bench: threadpoolctl missing; relying on OPENBLAS_NUM_THREADS=1")

    math_exe = build_dir / "benchmarks" / "bench_math"
    math_cases, math_groups = [], []
    if math_exe.exists():
        math_cases = math_peers.list_cases(math_exe)
        math_groups = math_peers.make_groups(math_cases)
    else:
        log(f"run_bench: {math_exe} does not exist; no math groups")
    math_by_name = {c["name"]: c for c in math_cases}

    def selected(name: str) -> bool:
        return not args.groups or any(name == tok or name.startswith(tok + "-") for tok in args.groups.split(","))

    groups = [g for g in GROUPS + math_groups if selected(g[0])]
    vector_groups = [g for g in groups if not g[0].startswith("math")]
    if vector_groups and not exe.exists():
        log(f"run_bench: {exe} does not exist; build it first (make bench)")
        return 1
    math_selected = [g for g in groups if g[0].startswith("math")]
    native = None if args.no_native or not vector_groups else build_native_eigen(build_dir, out_dir)
    peer = NumpyPeer(np, args.min_time)
    torch_peer = None
    if math_selected and not args.no_torch:
        try:
            env = {"ATEN_CPU_CAPABILITY": "avx512"} if "avx512f" in cpu_flags() else {}
            torch_peer = math_peers.TorchPeer(env)
            HELPER_CPU_SECONDS.append(torch_peer.cpu_seconds)
            log(f"run_bench: PyTorch peer: {torch_peer.info}")
        except Exception as e:  # no PyTorch: the math table has no PyTorch column
            log(f"run_bench: no PyTorch peer ({type(e).__name__}: {e})")
            torch_peer = None
    math_np_data, math_np_timer = math_peers.MathData(np), math_peers.Timer(args.min_time)

    samples: dict[str, list[float]] = {}
    noisy: dict[str, list[dict[str, float]]] = {}  # group -> rejected measurements
    clean_count = {g[0]: 0 for g in groups}
    context: dict = {}
    foreign_log = []
    started = time.monotonic()
    for rnd in range(max_rounds):
        todo = [g for g in groups if clean_count[g[0]] < args.rounds]
        if not todo:
            break
        for gname, flt, cases in todo:
            with LoadMeter() as meter:
                got: dict[str, float] = {}
                is_math = gname.startswith("math")
                sides = ["math", "torch", "math-numpy"] if is_math else ["cpp", "native", "numpy"]
                if rnd % 2 == 1:
                    sides.reverse()
                for side in sides:
                    if side == "math":
                        times, ctx = run_gbench(math_exe, flt, args.min_time)
                        for k, v in ctx.items():
                            context.setdefault(k, v)
                        got.update(times)
                    elif side == "torch" and torch_peer is not None:
                        got.update(torch_peer.time(math_peers.peer_cases(math_by_name, cases), args.min_time))
                    elif side == "math-numpy":
                        got.update(math_peers.time_cases(np, math_np_data, math_np_timer,
                                                         math_peers.peer_cases(math_by_name, cases), 2, "numpy", {}))
                    elif side == "cpp":
                        times, ctx = run_gbench(exe, flt, args.min_time)
                        for k, v in ctx.items():
                            context.setdefault(k, v)
                        got.update(times)
                    elif side == "native" and native is not None:
                        times, ctx = run_gbench(native, flt, args.min_time)
                        context.setdefault("eigen_native_simd", ctx.get("eigen_simd", "?"))
                        got.update(times)
                    elif side == "numpy":
                        for op, form, n in cases:
                            grp = "ew" if gname.startswith("ew") else "red"
                            got[f"{grp}/{op}/{form}/{n}/numpy"] = peer.time(op, form, n)
            foreign_log.append({"round": rnd, "group": gname, "foreign_cores": round(meter.foreign_cores, 3)})
            if meter.foreign_cores > args.max_foreign_load:
                noisy.setdefault(gname, []).append(got)
                log(f"run_bench: round {rnd + 1} {gname}: other processes used {meter.foreign_cores:.2f} cores; "
                    "measuring again")
                continue
            clean_count[gname] += 1
            for k, v in got.items():
                samples.setdefault(k, []).append(v)
        log(f"run_bench: round {rnd + 1} done ({time.monotonic() - started:.0f} s); clean rounds: " +
            ", ".join(f"{g[0]} {clean_count[g[0]]}" for g in groups))
    # Groups that never got enough clean rounds: fill up with the noisy ones, and say so.
    short = []
    for gname, _, _ in groups:
        missing = args.rounds - clean_count[gname]
        if missing > 0:
            short.append(f"{gname} ({clean_count[gname]} clean of {args.rounds})")
            for got in noisy.get(gname, [])[:missing]:
                for k, v in got.items():
                    samples.setdefault(k, []).append(v)

    rows, roofs = analyse(samples, native is not None, vector_groups)
    medians = {key: med(v) for key, v in samples.items()}
    math_rows, math_roofs = math_peers.analyse(medians, math_by_name, math_selected)
    math_missing = [c["name"] for c in math_cases if not c["present"]]
    if torch_peer is not None:
        torch_peer.close()
    info = machine_info()
    coretype = ", ".join(f"{b.get('internal_api')} {b.get('version')} {b.get('architecture')} "
                         f"({b.get('num_threads')} thread)" for b in blas) or "unknown"
    meta = [
        f"Machine: {info.get('model')} ({info.get('family_model')}), {info.get('cpus')} CPUs"
        f"{', ' + info['hypervisor'] + ' guest' if info.get('hypervisor') else ''}; {info.get('caches', '')}",
        f"AVX-512 flags: {info.get('avx512_flags', '')}",
        f"Date: {info['date']}; kernel {info['kernel']}; pinned to CPU {cpu}",
        f"trueno backend: {context.get('trueno_backend', '?')} (scalar column: trueno::set_backend(Backend::scalar)); "
        f"Google Benchmark library build: {context.get('library_build_type', '?')}",
        f"Eigen base: {context.get('eigen_simd', '?')} (this build's flags); Eigen native (-march=native): "
        f"{context.get('eigen_native_simd', 'not built')}",
        f"NumPy {np.__version__}; BLAS: {coretype}; OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '')}",
    ]
    if math_selected:
        meta.append("PyTorch: " + ("not run" if torch_peer is None else
                                   f"{torch_peer.info['version']}, CPU capability {torch_peer.info['capability']}, "
                                   f"{torch_peer.info['threads']} thread (ATEN_CPU_CAPABILITY="
                                   f"{'avx512' if 'avx512f' in cpu_flags() else 'default'})"))
    meta += [
        f"Medians of {args.rounds} rounds per group, {args.min_time} s per benchmark per round, trueno and peers "
        f"alternated; group measurements redone when other processes used > {args.max_foreign_load} cores "
        f"({sum(len(v) for v in noisy.values())} redone)" + (f"; NOT ENOUGH CLEAN ROUNDS: {', '.join(short)}"
                                                            if short else ""),
    ]
    text = ["", "\n".join(meta)]
    md = ["<!-- generated by benchmarks/run_bench.py -->", ""] + [f"- {x}" for x in meta]
    if vector_groups:
        cells = table_cells(rows)
        roof_header = ["roof", "n", "time", "GB/s (read + written)"]
        roof_cells = [[r["roof"], size_label(r["n"]), fmt_ns(r["ns"]),
                       "-" if r["gbps"] is None else f"{r['gbps']:.1f}"] for r in roofs]
        summary = summary_lines(rows)
        text += [text_table(HEADER, cells), text_table(roof_header, roof_cells), "\n".join(summary)]
        md += ["", md_table(HEADER, cells), "", md_table(roof_header, roof_cells), ""] + [f"- {x}" for x in summary]
    if math_selected:
        mcells = math_peers.cells(math_rows)
        mroof_header = ["math roofs", "n", "copy ns/el", "add ns/el", "read ns/el"]
        mroof_cells = [["measured by bench_math", size_label(r["n"]), math_peers.fmt(r["copy"]),
                        math_peers.fmt(r["add"]), math_peers.fmt(r["read"])] for r in math_roofs]
        mnotes = math_peers.notes(math_rows, math_missing)
        msummary = math_peers.summary(math_rows)
        text += ["Math and activations (ns per element; ratio = faster peer's time / trueno's; % of roof = roof "
                 "time / trueno's time; * = see the notes)",
                 text_table(math_peers.HEADER, mcells), text_table(mroof_header, mroof_cells),
                 "\n".join(mnotes), msummary]
        md += ["", "### Math and activations", "",
               "ns per element, one thread; ratio = the faster peer's time / trueno's; % of roof = the roof's time "
               "/ trueno's (copy roof for unary functions, add for binary ones, read for logsumexp); targets from "
               "issue 3, \"at least X\" = at least 0.97x X; * = see the notes.", "",
               md_table(math_peers.HEADER, mcells), "", md_table(mroof_header, mroof_cells), ""]
        md += [f"- {x}" for x in mnotes] + [f"- {msummary}"]
    print("\n\n".join(text))
    (out_dir / "table.md").write_text("\n".join(md) + "\n")
    (out_dir / "results.json").write_text(json.dumps(
        {"meta": meta, "machine": info, "context": context, "blas": blas, "rows": rows, "roofs": roofs,
         "math_rows": math_rows, "math_roofs": math_roofs, "math_missing": math_missing,
         "samples": samples, "foreign_load": foreign_log, "args": vars(args)}, indent=1))
    log(f"\nrun_bench: wrote {out_dir / 'table.md'} and {out_dir / 'results.json'} "
        f"({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
