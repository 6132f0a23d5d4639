"""trueno — the peers of benchmarks/bench_gpu.cpp on the same GPU: PyTorch (cuBLAS, cuDNN, its own
element-wise and reduction kernels), fp32 with TF32 off. CUDA events, median of 20 after a warm-up.
Run on the lent GPU machine before and after bench_gpu (docs/performance.md)."""
import torch
import torch.nn.functional as F

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
dev = torch.device("cuda")
print("torch", torch.__version__, torch.cuda.get_device_name(0))


def median_ms(fn, reps=20):
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    ts = []
    for _ in range(reps):
        s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        s.record()
        fn()
        e.record()
        torch.cuda.synchronize()
        ts.append(s.elapsed_time(e))
    ts.sort()
    return ts[len(ts) // 2]


for n in (2048, 4096, 8192):
    a = torch.rand(n, n, device=dev) * 2 - 1
    b = torch.rand(n, n, device=dev) * 2 - 1
    ms = median_ms(lambda: torch.matmul(a, b))
    print(f"torch_matmul: N={n} {ms:.3f} ms {2 * n**3 / ms / 1e9:.2f} TFLOP/s")
    del a, b

x = torch.ones(1 << 24, device=dev)
y = torch.ones(1 << 24, device=dev)
nbytes = 4 * (1 << 24)
ms = median_ms(lambda: torch.add(x, y))
print(f"torch_add: 16M floats {ms:.3f} ms {3 * nbytes / ms / 1e6:.0f} GB/s")
ms = median_ms(lambda: torch.sum(x))
print(f"torch_sum: 16M floats (whole tensor) {ms:.3f} ms {nbytes / ms / 1e6:.0f} GB/s")
rows = x.reshape(4096, 4096)
ms = median_ms(lambda: torch.sum(rows, -1))
print(f"torch_sum: 4096x4096 along the last axis {ms:.3f} ms {nbytes / ms / 1e6:.0f} GB/s")
ms = median_ms(lambda: torch.sum(rows, 0))
print(f"torch_sum: 4096x4096 along axis 0 {ms:.3f} ms {nbytes / ms / 1e6:.0f} GB/s")
tall = x.reshape(1 << 20, 16)
ms = median_ms(lambda: torch.amax(tall, 0))
print(f"torch_max: 1Mx16 along axis 0 {ms:.3f} ms {nbytes / ms / 1e6:.0f} GB/s")
ms = median_ms(lambda: torch.softmax(rows, -1))
print(f"torch_softmax: 4096x4096 along the last axis {ms:.3f} ms {2 * nbytes / ms / 1e6:.0f} GB/s")
ms = median_ms(lambda: rows.t().contiguous())
print(f"torch_transpose: 4096x4096 (contiguous copy) {ms:.3f} ms {2 * nbytes / ms / 1e6:.0f} GB/s")
ms = median_ms(lambda: torch.softmax(rows, 0))
print(f"torch_softmax: 4096x4096 along axis 0 {ms:.3f} ms {2 * nbytes / ms / 1e6:.0f} GB/s")

x = torch.rand(32, 64, 56, 56, device=dev) * 2 - 1
w = torch.rand(64, 64, 3, 3, device=dev) * 2 - 1
ms = median_ms(lambda: F.conv2d(x, w, padding=1))
flop = 2 * 32 * 64 * 56 * 56 * 64 * 9
print(f"torch_conv2d: 32x64x56x56->64 3x3 pad1 {ms:.3f} ms {flop / ms / 1e9:.2f} TFLOP/s")
