#!/usr/bin/python3
"""trueno GEMM vs OpenBLAS (through NumPy) vs Eigen, fp32 and fp64, 1 and 2 threads, in one run (issue 7).

Usage: /usr/bin/python3 benchmarks/run_gemm_bench.py [BUILD_DIR] [--rounds N] [--min-time S]
(`make bench` runs it.) Debian's OpenBLAS 0.3.21 does not recognise this CPU and would fall back to its Prescott
kernel, so the NumPy peer runs with OPENBLAS_CORETYPE=SkylakeX (in this benchmark only) and threadpoolctl confirms
the kernel in use; Eigen is this benchmark compiled a second time with -march=native -fopenmp. The three run in
alternating order round after round; medians of the rounds are compared ("at least X" = at least 0.97x X).
Writes BUILD_DIR/bench/gemm_table.md.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 0.97
SHAPES = [(64, 64, 64), (128, 128, 128), (256, 256, 256), (512, 512, 512), (1024, 1024, 1024),
          (2048, 2048, 2048), (16, 16, 16), (24, 24, 24), (32, 32, 32), (48, 48, 48), (1, 4096, 4096),
          (4096, 1, 4096), (64, 3136, 576)]

NUMPY_WORKER = r'''
import json, sys, timeit
import numpy as np
from threadpoolctl import threadpool_limits, threadpool_info
shapes = json.loads(sys.argv[1]); min_time = float(sys.argv[2])
arch = [i.get("architecture") for i in threadpool_info() if i.get("internal_api") == "openblas"]
out = {"_arch": arch}
for dtype in ("float32", "float64"):
    for (m, n, k) in shapes:
        a = (np.arange(m * k) % 97 * 0.01 + 1).astype(dtype).reshape(m, k)
        b = (np.arange(k * n) % 97 * 0.01 + 2).astype(dtype).reshape(k, n)
        c = np.empty((m, n), dtype)
        for threads in (1, 2):
            with threadpool_limits(limits=threads, user_api="blas"):
                fn = lambda: np.matmul(a, b, out=c)
                num = 1
                while timeit.timeit(fn, number=num) < min_time / 4:
                    num *= 4
                t = min(timeit.repeat(fn, number=num, repeat=3)) / num
            name = "float" if dtype == "float32" else "double"
            out[f"{name}/{m}x{n}x{k}/{threads}"] = 2.0 * m * n * k / t
print(json.dumps(out))
'''


def gbench(binary: Path, min_time: float) -> dict[str, float]:
    res = subprocess.run([str(binary), "--benchmark_format=json", f"--benchmark_min_time={min_time}"],
                         check=True, capture_output=True, text=True)
    out = {}
    for b in json.loads(res.stdout)["benchmarks"]:
        name = b["name"].removesuffix("/real_time")
        out[name] = b.get("flops", b.get("bytes", 0.0))
    return out


def build_eigen(build: Path) -> Path:
    exe = build / "benchmarks" / "bench_gemm_eigen_native"
    src = ROOT / "benchmarks" / "bench_gemm.cpp"
    if not exe.exists() or exe.stat().st_mtime < src.stat().st_mtime:
        subprocess.run(["g++", "-std=c++20", "-O3", "-march=native", "-fopenmp", "-DNDEBUG",
                        "-DTRUENO_BENCH_EIGEN_ONLY", "-I/usr/include/eigen3", str(src), "-o", str(exe),
                        "-lbenchmark", "-lpthread"], check=True)
    return exe


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default="build")
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--min-time", type=float, default=0.05)
    args = ap.parse_args()
    build = Path(args.build)
    tbin = build / "benchmarks" / "bench_gemm"
    ebin = build_eigen(build)
    env = dict(os.environ, OPENBLAS_CORETYPE="SkylakeX")
    samples: dict[str, dict[str, list[float]]] = {"trueno": {}, "eigen": {}, "openblas": {}}
    arch = None
    for r in range(args.rounds):
        sides = ["trueno", "eigen", "openblas"]
        sides = sides[r % 3:] + sides[:r % 3]
        for side in sides:
            if side == "openblas":
                res = subprocess.run([sys.executable, "-c", NUMPY_WORKER, json.dumps(SHAPES), str(args.min_time)],
                                     check=True, capture_output=True, text=True, env=env)
                vals = json.loads(res.stdout)
                arch = vals.pop("_arch")
            else:
                vals = {k.split("/", 2)[2] if k.startswith(f"gemm/{side}/") else k: v
                        for k, v in gbench(tbin if side == "trueno" else ebin, args.min_time).items()}
            for k, v in vals.items():
                samples[side].setdefault(k, []).append(v)
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr, flush=True)
    med = {s: {k: statistics.median(v) for k, v in d.items()} for s, d in samples.items()}
    peak = {t: med["trueno"].get(f"gemm/peak/float/fma/{t}") for t in (1, 2)}
    read_roof = med["trueno"].get("gemm/roof/float/read/1")
    lines = [f"GEMM, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
             f"{args.rounds} alternated rounds, medians. OpenBLAS kernel (threadpoolctl): {arch}. "
             f"FMA peak: {peak[1] / 1e9 if peak[1] else float('nan'):.0f} GFLOP/s (1 thread), "
             f"{peak[2] / 1e9 if peak[2] else float('nan'):.0f} (2 threads).", "",
             "| dtype | M x N x K | threads | trueno GFLOP/s | OpenBLAS | Eigen | trueno/OpenBLAS | % of peak | "
             "target | |", "|---|---|---|---|---|---|---|---|---|---|"]
    for dtype in ("float", "double"):
        for (m, n, k) in SHAPES:
            for t in (1, 2):
                key = f"{dtype}/{m}x{n}x{k}/{t}"
                tv, ov, ev = med["trueno"].get(key), med["openblas"].get(key), med["eigen"].get(key)
                if tv is None or ov is None:
                    continue
                ratio = tv / ov
                pk = peak[t] if dtype == "float" else (peak[t] / 2 if peak[t] else None)
                pct = 100 * tv / pk if pk else float("nan")
                square = m == n == k and m >= 64
                if dtype == "double":
                    target, ok = "at least OpenBLAS", ratio >= TOLERANCE
                elif square and m >= 1024:
                    need = 90 if t == 1 else 85
                    target = f"at least OpenBLAS and {need}% of peak"
                    ok = ratio >= TOLERANCE and pct >= need * TOLERANCE
                elif square:
                    target, ok = "at least OpenBLAS", ratio >= TOLERANCE
                elif m == n == k and m <= 24:
                    target, ok = "3x NumPy per call", ratio >= 3 * TOLERANCE
                elif m == n == k and m <= 48:
                    target, ok = "1.5x NumPy per call", ratio >= 1.5 * TOLERANCE
                elif (m, n) in ((1, 4096), (4096, 1)):
                    bw = tv / (2 * m * n * k) * 4 * (m * k + k * n)  # bytes/s of the matrix read
                    frac = bw / read_roof if read_roof else float("nan")
                    target, ok = f"90% of read roof ({100 * frac:.0f}%)", frac >= 0.9 * TOLERANCE
                    if t != 1:
                        target, ok = "(2 threads: information)", True
                else:
                    target, ok = "85% of peak", pct >= 85 * TOLERANCE
                lines.append(f"| {dtype} | {m}x{n}x{k} | {t} | {tv / 1e9:.1f} | {ov / 1e9:.1f} | "
                             f"{ev / 1e9 if ev else float('nan'):.1f} | {ratio:.2f}x | {pct:.0f}% | {target} | "
                             f"{'MET' if ok else 'MISS'} |")
    text = "\n".join(lines) + "\n"
    print(text)
    (build / "bench").mkdir(parents=True, exist_ok=True)
    (build / "bench" / "gemm_table.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
