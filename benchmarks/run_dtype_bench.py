#!/usr/bin/python3
"""trueno dtypes vs the memory roofs, NumPy and PyTorch, side by side in one run (issue 6's targets).

Usage: /usr/bin/python3 benchmarks/run_dtype_bench.py [BUILD_DIR] [--rounds N] [--min-time S]
(`make bench` runs it.) BUILD_DIR/benchmarks/bench_dtypes and the peers (NumPy's np.copyto for float16,
PyTorch's Tensor.copy_ for bfloat16, one thread, timeit in this process) are measured in alternating order
round after round; medians of the rounds are compared. A conversion reads 4 bytes and writes 2 per element (or
the reverse), a copy 4 and 4: the target compares bytes per second. Element-wise add (out-parameter) and sum of
1M float16, bfloat16, int8 and int32 elements against NumPy's np.add(a, b, out=o) and np.sum (PyTorch's
torch.add(out=) and Tensor.sum for bfloat16) and against the float add and read roofs over arrays of the same
bytes (roof_add_NMB, roof_read_NMB). "at least X" means at least 0.97x X.
Writes BUILD_DIR/bench/dtype_table.md.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402

import run_tensor_bench as tensor_bench  # noqa: E402  (same folder: its timing helpers)

TOLERANCE = 0.97
N = 10_000_000


def peer_cases():
    x = (np.arange(N, dtype=np.float32) % 1021) * np.float32(0.001) - np.float32(0.5)
    z = np.empty_like(x)
    h = x.astype(np.float16)
    cases = {
        "f32_to_f16_10M": ("NumPy", lambda: np.copyto(h, x, casting="same_kind")),
        "f16_to_f32_10M": ("NumPy", lambda: np.copyto(z, h)),
    }
    m = 1 << 20
    for tag, dt in (("f16", np.float16), ("i8", np.int8), ("i32", np.int32)):
        a = ((np.arange(m) % 101) - 50).astype(dt)
        b = ((np.arange(m) % 37) - 18).astype(dt)
        o = np.empty_like(a)
        cases[f"add_{tag}_1M"] = ("NumPy", lambda a=a, b=b, o=o: np.add(a, b, out=o))
        cases[f"sum_{tag}_1M"] = ("NumPy", lambda a=a: np.sum(a))
    try:
        import torch
        torch.set_num_threads(1)
        ga = torch.from_numpy(((np.arange(m) % 101) - 50).astype(np.float32)).to(torch.bfloat16)
        gb = torch.from_numpy(((np.arange(m) % 37) - 18).astype(np.float32)).to(torch.bfloat16)
        go = torch.empty_like(ga)
        cases["add_bf16_1M"] = ("PyTorch", lambda: torch.add(ga, gb, out=go))
        cases["sum_bf16_1M"] = ("PyTorch", lambda: ga.sum())
        tx = torch.from_numpy(x)
        tz = torch.from_numpy(z)
        tg = tx.to(torch.bfloat16)
        cases["f32_to_bf16_10M"] = ("PyTorch", lambda: tg.copy_(tx))
        cases["bf16_to_f32_10M"] = ("PyTorch", lambda: tz.copy_(tg))
    except ImportError:
        pass
    return cases


def run_trueno(binary: Path, min_time: float) -> dict[str, float]:
    """Seconds per call of each bench_dtypes case, keyed by case name."""
    return {k.removeprefix("dtypes/").removesuffix("/1"): v for k, v in tensor_bench.run_trueno(binary, min_time).items()}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default="build")
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--min-time", type=float, default=0.2)
    args = ap.parse_args()
    build = Path(args.build)
    binary = build / "benchmarks" / "bench_dtypes"
    peers = peer_cases()
    tr: dict[str, list[float]] = {}
    pe: dict[str, list[float]] = {}
    for r in range(args.rounds):
        for side in ([0, 1] if r % 2 == 0 else [1, 0]):
            if side == 0:
                for k, v in run_trueno(binary, args.min_time).items():
                    tr.setdefault(k, []).append(v)
            else:
                for k, (_, fn) in peers.items():
                    pe.setdefault(k, []).append(tensor_bench.time_numpy(fn, args.min_time))
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr, flush=True)
    T = {k: statistics.median(v) for k, v in tr.items()}
    P = {k: statistics.median(v) for k, v in pe.items()}
    copy = T.get("roof_copy_nt_10M")
    copy_bw = 8 * N / copy if copy else None
    rows = ["| case | trueno (ms) | GB/s | % of copy bandwidth | peer (ms) | vs peer | target | |",
            "|---|---|---|---|---|---|---|---|"]
    for case in ("f32_to_f16_10M", "f16_to_f32_10M", "f32_to_bf16_10M", "bf16_to_f32_10M"):
        t = T[case]
        bw = 6 * N / t
        frac = bw / copy_bw if copy_bw else float("nan")
        peer = f"{P[case] * 1e3:.2f} ({peers[case][0]})" if case in P else "-"
        ratio = f"{P[case] / t:.2f}x" if case in P else "-"
        f16 = "bf16" not in case
        target = ">= 90% of copy bandwidth" if f16 else "(no target; bfloat16 by integer rounding)"
        verdict = ("MET" if frac >= 0.9 * TOLERANCE else "MISS") if f16 else ""
        rows.append(f"| {case} | {t * 1e3:.2f} | {bw / 1e9:.1f} | {100 * frac:.0f}% | {peer} | {ratio} | {target} | "
                    f"{verdict} |")
    rows += ["", "| case | trueno (us) | GB/s | roof GB/s | % of roof | peer (us) | vs peer | target | |",
             "|---|---|---|---|---|---|---|---|---|"]
    for op in ("add", "sum"):
        for tag, size in (("f16", 2), ("bf16", 2), ("i8", 1), ("i32", 4)):
            case = f"{op}_{tag}_1M"
            if case not in T:
                continue
            t = T[case]
            nbytes = (3 if op == "add" else 1) * size * (1 << 20)
            roof_t = T.get(f"roof_{'add' if op == 'add' else 'read'}_{size}MB")
            bw = nbytes / t
            roof_bw = nbytes / roof_t if roof_t else float("nan")
            frac = bw / roof_bw
            peer = f"{P[case] * 1e6:.1f} ({peers[case][0]})" if case in P else "-"
            ratio = f"{P[case] / t:.2f}x" if case in P else "-"
            ints = tag in ("i8", "i32")
            met = frac >= 0.8 * TOLERANCE and (not ints or (case in P and P[case] / t >= TOLERANCE))
            target = ">= 80% of roof" + (", >= NumPy" if ints else "")
            rows.append(f"| {case} | {t * 1e6:.1f} | {bw / 1e9:.1f} | {roof_bw / 1e9:.1f} | {100 * frac:.0f}% | "
                        f"{peer} | {ratio} | {target} | {'MET' if met else 'MISS'} |")
    note = f"roof_copy_nt_10M: {copy * 1e3:.2f} ms = {copy_bw / 1e9:.1f} GB/s" if copy else "no copy roof"
    text = (f"dtype benchmarks, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
            f"{platform.node()}, {args.rounds} alternated rounds, medians, 1 thread\n\n" + "\n".join(rows) +
            "\n\n" + note + "\n")
    print(text)
    (build / "bench").mkdir(parents=True, exist_ok=True)
    (build / "bench" / "dtype_table.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
