#!/usr/bin/env python3
"""The seed notebook's per-cell loop in numpy, over the README grid, timed: the baseline the benches quote.

Each cell is what the notebook does for one network: np.random.seed(seed), build the net (He-initialised
dense + ReLU layers; residual blocks y = F(x) + x), one random input, forward, dout = ones, backward, and
the per-layer ||dW|| list whose first/last ratio the notebook prints. The classes follow the notebook's
(PlainLayer, ResidualBlock, PlainNetwork, ResidualNetwork, measure_gradient_flow), names in English.

Usage: python3 numpyGrid.py [--depths 5..40] [--seeds 100]
Prints one JSON line: {"cells", "seconds" (the loop), "cellsPerSecond", "ratioChecksum", "numpy"}.
"""
import json
import math
import sys
import time

import numpy as np

INPUT_SIZE = 16
HIDDEN_SIZE = 16


def relu(x):
    return np.maximum(0, x)


def relu_derivative(x):
    return (x > 0).astype(float)


class PlainLayer:
    def __init__(self, input_size, output_size):
        self.W = np.random.randn(output_size, input_size) * np.sqrt(2.0 / input_size)
        self.b = np.zeros((output_size, 1))

    def forward(self, x):
        self.x = x
        self.z = np.dot(self.W, x) + self.b
        self.a = relu(self.z)
        return self.a

    def backward(self, dout):
        da = dout * relu_derivative(self.z)
        self.dW = np.dot(da, self.x.T)
        self.db = np.sum(da, axis=1, keepdims=True)
        return np.dot(self.W.T, da)


class ResidualBlock:
    def __init__(self, size):
        self.layer1 = PlainLayer(size, size)
        self.layer2 = PlainLayer(size, size)

    def forward(self, x):
        self.out = self.layer2.forward(self.layer1.forward(x)) + x
        return self.out

    def backward(self, dout):
        return self.layer1.backward(self.layer2.backward(dout)) + dout


class PlainNetwork:
    def __init__(self, input_size, hidden_size, num_layers):
        self.layers = [PlainLayer(input_size, hidden_size)]
        self.layers += [PlainLayer(hidden_size, hidden_size) for _ in range(num_layers - 2)]
        self.layers.append(PlainLayer(hidden_size, input_size))

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, dout):
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return dout


class ResidualNetwork:
    def __init__(self, input_size, hidden_size, num_blocks):
        self.input_proj = PlainLayer(input_size, hidden_size)
        self.blocks = [ResidualBlock(hidden_size) for _ in range(num_blocks)]
        self.output_proj = PlainLayer(hidden_size, input_size)

    def forward(self, x):
        x = self.input_proj.forward(x)
        for block in self.blocks:
            x = block.forward(x)
        return self.output_proj.forward(x)

    def backward(self, dout):
        dout = self.output_proj.backward(dout)
        for block in reversed(self.blocks):
            dout = block.backward(dout)
        return self.input_proj.backward(dout)


def measure_gradient_flow(network):
    x = np.random.randn(INPUT_SIZE, 1)
    output = network.forward(x)
    network.backward(np.ones_like(output))
    if isinstance(network, PlainNetwork):
        return [np.linalg.norm(layer.dW) for layer in network.layers]
    grads = [np.linalg.norm(network.input_proj.dW)]
    for block in network.blocks:
        grads.append(np.mean([np.linalg.norm(block.layer1.dW), np.linalg.norm(block.layer2.dW)]))
    grads.append(np.linalg.norm(network.output_proj.dW))
    return grads


def run_cell(arch, depth, seed):
    """One cell: its own seed, the net's weights, then the input (the sweep's draw order)."""
    np.random.seed(seed)
    net = PlainNetwork(INPUT_SIZE, HIDDEN_SIZE, depth) if arch == "plain" else ResidualNetwork(INPUT_SIZE, HIDDEN_SIZE, depth)
    grads = measure_gradient_flow(net)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(grads[0] / grads[-1])


def parse_range(text):
    lo, hi = text.split("..")
    return list(range(int(lo), int(hi) + 1))


def main(argv):
    depths = parse_range(argv[argv.index("--depths") + 1]) if "--depths" in argv else list(range(5, 41))
    seeds = list(range(int(argv[argv.index("--seeds") + 1]))) if "--seeds" in argv else list(range(100))
    t0 = time.perf_counter()
    checksum = 0.0
    for arch in ("plain", "residual"):
        for depth in depths:
            for seed in seeds:
                ratio = run_cell(arch, depth, seed)
                if math.isfinite(ratio):
                    checksum += ratio
    seconds = time.perf_counter() - t0
    cells = 2 * len(depths) * len(seeds)
    print(json.dumps({"cells": cells, "seconds": seconds, "cellsPerSecond": cells / seconds, "ratioChecksum": checksum, "numpy": np.__version__}))


if __name__ == "__main__":
    main(sys.argv[1:])
