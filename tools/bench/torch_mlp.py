#!/usr/bin/env python3
"""PyTorch's figure for `make bench`: the same 784-128-10 ReLU network, softmax
cross-entropy from logits, plain SGD (lr 0.05), Fashion-MNIST at batch 64 and 256,
1 and 2 threads, float64 and float32, on the CPU, timed over the first --samples
examples of a fixed shuffled epoch (a throughput needs no whole epoch). Pixels stay
bytes and are converted per batch, as in the C trainers. Prints and writes
`key = value` lines:
    torch_f64_t2_b64_samples_per_s = 123456   (median of --repeats runs)
This is the one Python file of the course: it exists only to measure PyTorch, and
`make bench` skips it (and says so) when python3-torch is not installed."""
import argparse, gzip, os, struct, sys, time

def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndims = data[3]
    dims = struct.unpack(">" + "I" * ndims, data[4:4 + 4 * ndims])
    return dims, data[4 + 4 * ndims:]

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--samples", type=int, default=15360,
                   help="examples per timed run (a quarter epoch: PyTorch is slow in float64)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--dir", default="/usr/share/datasets/fashion-mnist")
    a = p.parse_args()
    import torch
    dims, pixels = read_idx(os.path.join(a.dir, "train-images-idx3-ubyte.gz"))
    _, labels = read_idx(os.path.join(a.dir, "train-labels-idx1-ubyte.gz"))
    n = dims[0]
    X8 = torch.frombuffer(bytearray(pixels), dtype=torch.uint8).reshape(n, 784)
    y = torch.frombuffer(bytearray(labels), dtype=torch.uint8).long()
    order = torch.randperm(n, generator=torch.Generator().manual_seed(7))
    results = []
    for dtype, name in ((torch.float64, "f64"), (torch.float32, "f32")):
        for threads in range(1, a.threads + 1):
            torch.set_num_threads(threads)
            for batch in (64, 256):
                rates = []
                for _ in range(a.repeats):
                    torch.manual_seed(2024)
                    net = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(),
                                              torch.nn.Linear(128, 10)).to(dtype)
                    opt = torch.optim.SGD(net.parameters(), lr=0.05)
                    loss_fn = torch.nn.CrossEntropyLoss()
                    t0 = time.perf_counter()
                    for first in range(0, min(n, a.samples), batch):
                        idx = order[first:first + batch]
                        xb = X8[idx].to(dtype) / 255.0
                        opt.zero_grad(set_to_none=False)
                        loss = loss_fn(net(xb), y[idx])
                        loss.backward()
                        opt.step()
                    rates.append(min(n, a.samples) / (time.perf_counter() - t0))
                rates.sort()
                median = rates[len(rates) // 2]
                key = "torch_%s_t%d_b%d_samples_per_s" % (name, threads, batch)
                results.append("%s = %.0f" % (key, median))
                print("  %s  [%.0f..%.0f]" % (results[-1], rates[0], rates[-1]), flush=True)
    with open(a.out + ".tmp", "w") as f:
        f.write("torch_version = %s\n" % torch.__version__.split("+")[0])
        f.write("\n".join(results) + "\n")
    os.replace(a.out + ".tmp", a.out)

if __name__ == "__main__":
    sys.exit(main())
