#!/usr/bin/env python3
"""The default `resnet train` experiment in PyTorch: the baseline train.bench.ts runs in the same bench run.

The same networks as @resnet/core's train/model.ts: an MLP of `depth` dense layers, width 64, He-normal
weights (kaiming_normal_, fan_in, gain sqrt 2) and zero biases, BatchNorm1d before every ReLU:
  plain:    dense(784, 64), then (BN, ReLU, dense(64, 64)) x (depth - 2), then BN, ReLU, dense(64, 10)
  residual: dense(784, 64), then (depth - 2) / 2 pre-activation blocks h + [BN, ReLU, dense, BN, ReLU, dense](h),
            then BN, ReLU, dense(64, 10)
SGD momentum 0.9, weight decay 1e-4, lr 0.05 with cosine decay to 0 set per step, batch 128 (the last batch of an
epoch smaller), cross-entropy; each epoch in a fresh random order. The train error is core's: the share of the
epoch's samples misclassified in train mode during the last epoch.

Data: exactly the bench's split, written by train.bench.ts as raw little-endian files in DATA_DIR:
  train_x.f64 (count x 784 float64), train_y.i32 (count int32), meta.json {"count", "features", "classes"}.

Usage: python3 trainTorch.py DATA_DIR [--depths 4,8,16,32] [--archs plain,residual] [--seeds 3] [--epochs 5]
                             [--procs 2] [--threads 1] [--dtype float32]
Runs are spread over --procs processes, each with torch.set_num_threads(--threads).
Prints one JSON line: {"seconds" (all runs, after data load), "cpuSeconds" (CPU time of those runs, all
processes), "runs": [{"arch", "depth", "seed", "trainError",
"seconds"}], "torch", "procs", "threads", "dtype"}.
"""
import argparse
import json
import math
import multiprocessing as mp
import os
import resource
import time

import numpy as np
import torch
from torch import nn

WIDTH = 64
BATCH = 128
LR = 0.05
MOMENTUM = 0.9
WEIGHT_DECAY = 1e-4


class PreActBlock(nn.Module):
    """h + [BN, ReLU, dense, BN, ReLU, dense](h)."""

    def __init__(self, width):
        super().__init__()
        self.branch = nn.Sequential(
            nn.BatchNorm1d(width), nn.ReLU(), nn.Linear(width, width),
            nn.BatchNorm1d(width), nn.ReLU(), nn.Linear(width, width),
        )

    def forward(self, h):
        return h + self.branch(h)


def build(arch, depth, features, classes):
    layers = [nn.Linear(features, WIDTH)]
    if arch == 'plain':
        for _ in range(depth - 2):
            layers += [nn.BatchNorm1d(WIDTH), nn.ReLU(), nn.Linear(WIDTH, WIDTH)]
    else:
        layers += [PreActBlock(WIDTH) for _ in range((depth - 2) // 2)]
    layers += [nn.BatchNorm1d(WIDTH), nn.ReLU(), nn.Linear(WIDTH, classes)]
    net = nn.Sequential(*layers)
    for m in net.modules():
        if isinstance(m, nn.Linear):
            nn.init.kaiming_normal_(m.weight, nonlinearity='relu')
            nn.init.zeros_(m.bias)
    return net


def train_one(job):
    arch, depth, seed, epochs, threads, dtype, data_dir = job
    torch.set_num_threads(threads)
    x, y, meta = load(data_dir, dtype)
    torch.manual_seed(seed)
    net = build(arch, depth, meta['features'], meta['classes']).to(dtype)
    opt = torch.optim.SGD(net.parameters(), lr=LR, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
    loss_fn = nn.CrossEntropyLoss()
    count = meta['count']
    steps_per_epoch = math.ceil(count / BATCH)
    total = steps_per_epoch * epochs
    gen = torch.Generator().manual_seed(seed)
    step = 0
    t0 = time.perf_counter()
    net.train()
    for _ in range(epochs):
        order = torch.randperm(count, generator=gen)
        errors = 0
        for start in range(0, count, BATCH):
            idx = order[start:start + BATCH]
            xb, yb = x[idx], y[idx]
            for group in opt.param_groups:
                group['lr'] = LR * (1 + math.cos(math.pi * step / total)) / 2
            logits = net(xb)
            loss = loss_fn(logits, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            errors += int((logits.argmax(1) != yb).sum())
            step += 1
    return {'arch': arch, 'depth': depth, 'seed': seed, 'trainError': errors / count, 'seconds': time.perf_counter() - t0}


_cache = {}


def load(data_dir, dtype):
    key = (data_dir, dtype)
    if key not in _cache:
        with open(os.path.join(data_dir, 'meta.json')) as f:
            meta = json.load(f)
        x = np.fromfile(os.path.join(data_dir, 'train_x.f64'), dtype='<f8').reshape(meta['count'], meta['features'])
        y = np.fromfile(os.path.join(data_dir, 'train_y.i32'), dtype='<i4')
        _cache[key] = (torch.from_numpy(x).to(dtype), torch.from_numpy(y).long(), meta)
    return _cache[key]


def cpu_seconds():
    """User + system CPU seconds of this process and its finished children (the pool's processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('data_dir')
    p.add_argument('--depths', default='4,8,16,32')
    p.add_argument('--archs', default='plain,residual')
    p.add_argument('--seeds', type=int, default=3)
    p.add_argument('--epochs', type=int, default=5)
    p.add_argument('--procs', type=int, default=2)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--dtype', choices=['float32', 'float64'], default='float32')
    a = p.parse_args()
    dtype = getattr(torch, a.dtype)
    depths = [int(d) for d in a.depths.split(',')]
    # Deepest first, so the pool does not end on one long run while the other process idles.
    jobs = [(arch, d, s, a.epochs, a.threads, dtype, a.data_dir)
            for d in sorted(depths, reverse=True) for arch in a.archs.split(',') for s in range(a.seeds)]
    load(a.data_dir, dtype)  # before the fork, so every process inherits the tensors
    t0 = time.perf_counter()
    cpu0 = cpu_seconds()
    if a.procs == 1:
        runs = [train_one(j) for j in jobs]
    else:
        with mp.get_context('fork').Pool(a.procs) as pool:
            runs = pool.map(train_one, jobs, chunksize=1)
    seconds = time.perf_counter() - t0
    cpu = cpu_seconds() - cpu0
    print(json.dumps({'seconds': seconds, 'cpuSeconds': cpu, 'runs': runs, 'torch': torch.__version__, 'procs': a.procs,
                      'threads': a.threads, 'dtype': a.dtype}))


if __name__ == '__main__':
    main()
