#!/usr/bin/env python3
"""The PyTorch reference for `./atelier bench`: an optimised eager training loop on the same machine.

Same models as Atelier's defaults (FCN 784-512-256-10 and CNN conv32-pool-conv64-pool-fc256, each with batch norm,
ReLU and dropout 0.2), AdamW (lr 1e-3, weight decay 1e-4), cross-entropy, pre-loaded normalised tensors, one
random permutation per epoch, no DataLoader. Prints median training images/s (wall clock and per process CPU-second) after a
warm-up epoch, like `./atelier bench`. Needs Debian's python3-torch (`apt-get install python3-torch libopenblas0-pthread`) and the
Fashion-MNIST IDX files (`apt-get install dataset-fashion-mnist`).

    /usr/bin/python3 bench/pytorch_baseline.py [--threads N] [--batch-sizes 64,256] [--only fcn|cnn]
        [--hidden 512,256 --batch-norm true --dropout 0.2]   (the same as ./atelier bench --set hidden=...,...)
"""
import argparse
import gzip
import os
import statistics
import struct
import time

import numpy as np
import torch
from torch import nn

DATA = os.environ.get("ATELIER_DATA_DIR", "/usr/share/datasets/fashion-mnist")
MEAN, STD = 0.2860, 0.3530


def idx(name):
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    magic, = struct.unpack(">I", raw[:4])
    dims = struct.unpack(">" + "I" * (magic & 0xFF), raw[4:4 + 4 * (magic & 0xFF)])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def fcn(hidden=(512, 256), bn=True, dropout=0.2):
    """Atelier's FCN: per hidden width [Linear, BatchNorm?, ReLU, Dropout?], then the classifier."""
    layers, width = [], 784
    for h in hidden:
        layers += [nn.Linear(width, h, bias=not bn)] + ([nn.BatchNorm1d(h)] if bn else []) + [nn.ReLU()]
        layers += [nn.Dropout(dropout)] if dropout > 0 else []
        width = h
    return nn.Sequential(*layers, nn.Linear(width, 10))


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.1),
        nn.Linear(64 * 7 * 7, 256, bias=False), nn.BatchNorm1d(256), nn.ReLU(), nn.Dropout(0.2),
        nn.Linear(256, 10))


def measure(kind, batch, epochs, max_batches, x_all, y_all, fcn_args):
    torch.manual_seed(42)
    model = fcn(**fcn_args) if kind == "fcn" else cnn()
    x = x_all.reshape(-1, 784) if kind == "fcn" else x_all.reshape(-1, 1, 28, 28)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    speeds, cpu_speeds = [], []
    n = x.shape[0]
    steps = (n + batch - 1) // batch
    if max_batches:
        steps = min(steps, max_batches)
    for _ in range(epochs):
        perm = torch.randperm(n)
        xs, ys = x[perm], y_all[perm]
        t0, c0 = time.perf_counter(), time.process_time()
        seen = 0
        for b in range(steps):
            xb, yb = xs[b * batch:(b + 1) * batch], ys[b * batch:(b + 1) * batch]
            if xb.shape[0] < 2:
                break
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            seen += xb.shape[0]
        speeds.append(seen / (time.perf_counter() - t0))
        cpu_speeds.append(seen / (time.process_time() - c0))
    return statistics.median(speeds[1:]), statistics.median(cpu_speeds[1:]), speeds


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--batch-sizes", default="64,256")
    p.add_argument("--only", choices=["fcn", "cnn"])
    p.add_argument("--fcn-epochs", type=int, default=4)
    p.add_argument("--cnn-epochs", type=int, default=3)
    p.add_argument("--cnn-batches", type=int, default=60)
    p.add_argument("--hidden", default="512,256", help="FCN hidden widths (Atelier's hidden=)")
    p.add_argument("--batch-norm", default="true", choices=["true", "false"], help="FCN batch norm (Atelier's batch_norm=)")
    p.add_argument("--dropout", type=float, default=0.2, help="FCN dropout (Atelier's dropout=)")
    a = p.parse_args()
    fcn_args = dict(hidden=[int(h) for h in a.hidden.split(",")], bn=a.batch_norm == "true", dropout=a.dropout)
    torch.set_num_threads(a.threads)
    images = idx("train-images-idx3-ubyte.gz")[:55000].astype(np.float32) / 255.0
    x = torch.from_numpy((images - MEAN) / STD).contiguous()
    y = torch.from_numpy(idx("train-labels-idx1-ubyte.gz")[:55000].astype(np.int64))
    print(f"pytorch {torch.__version__}, {a.threads} thread(s), load average {open('/proc/loadavg').read().strip()}")
    print(f"{'model':5} {'batch':>6} {'median img/s':>14} {'img/CPU-s':>14}  per-epoch img/s")
    for kind in ["fcn", "cnn"]:
        if a.only and a.only != kind:
            continue
        for batch in [int(b) for b in a.batch_sizes.split(",")]:
            epochs = a.fcn_epochs if kind == "fcn" else a.cnn_epochs
            median, cpu, speeds = measure(kind, batch, epochs, 0 if kind == "fcn" else a.cnn_batches, x, y, fcn_args)
            print(f"{kind:5} {batch:6d} {median:14,.0f} {cpu:14,.0f}  {[round(s) for s in speeds]}")


if __name__ == "__main__":
    main()
