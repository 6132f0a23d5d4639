#!/usr/bin/env python3
"""Instructions per element of trueno's NEON kernels, counted under user-mode QEMU (`make bench-aarch64-count`).

Debian's qemu-user 7.2 has no TCG plugins, so the count comes from QEMU's own trace: with -singlestep every
translation block is one guest instruction, and `-d nochain,exec` logs one "Trace" line per executed block
(nochain: blocks are never chained past the log). The kernel's instructions are the lines of a run that calls
it minus those of a baseline run of the same program that skips the call (benchmarks/aarch64/count_kernel.cpp).

Usage: count_insns.py <count_kernel binary> [--n 4096]. Exits 1 when a kernel exceeds its bound.
"""
import argparse
import subprocess
import sys

QEMU = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu", "-singlestep", "-d", "nochain,exec", "-D", "/dev/stderr"]
# Issue 4's bounds, instructions per element.
BOUNDS = {"add": 1.2, "sum": 0.5, "dot": 0.8, "exp": 6.0}


def executed(binary, op, n, backend):
    """Executed guest instructions of one run."""
    proc = subprocess.Popen(QEMU + [binary, op, str(n), backend], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    count = 0
    for line in proc.stderr:
        if line.startswith(b"Trace"):
            count += 1
    if proc.wait() != 0:
        sys.exit(f"count_insns: {binary} {op} exited with {proc.returncode}")
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--n", type=int, default=4096)
    args = parser.parse_args()

    rows = []
    ok = True
    for backend in ("neon", "scalar"):
        base = executed(args.binary, "none", args.n, backend)
        for op, bound in BOUNDS.items():
            per = (executed(args.binary, op, args.n, backend) - base) / args.n
            passed = per <= bound
            if backend == "neon":
                ok = ok and passed
            rows.append((op, backend, per, bound, passed))

    print(f"instructions per element, {args.n} float32 elements, qemu-aarch64 -singlestep (kernel run minus baseline)")
    print(f"{'kernel':<8}{'backend':<9}{'insn/elem':>10}{'bound':>8}  result")
    for op, backend, per, bound, passed in rows:
        result = ("ok" if passed else "OVER") if backend == "neon" else "(reference)"
        print(f"{op:<8}{backend:<9}{per:>10.3f}{bound:>8.1f}  {result}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
