"""PyTorch on the CPU, the imdb benchmark's native peer: the same model, data and step as
contender.mjs, timed the same way (warm-up steps, timed steps, then one whole epoch).

Usage: /usr/bin/python3 tests/bench/imdb/torch_peer.py --data DIR --threads N --mode dense|sparse
       [--model pooled|flatten] [--warmup W] [--reps R] [--epoch 0|1]
Prints one JSON line (the bench record schema), named as contenders.mjs names PyTorch's
contenders (torch-dense-1t for the pooled model, torch-flatten-dense-1t for the flatten one).
Models (models.mjs has ours): nn.Embedding(V, D, sparse=...), then
  pooled:  mean over T -> Linear(D, 64) -> ReLU -> Linear(64, 1) -> Sigmoid;
  flatten: flatten to (B, T * D) -> Linear(T * D, 1) -> Sigmoid;
BCELoss; Adam lr 0.001 on everything (dense) or SparseAdam on the embedding and Adam on
the rest (sparse).
"""
import argparse
import json
import math
import os
import time

V, D, T, B, HIDDEN, SAMPLES, LR = 100000, 128, 256, 256, 64, 25000, 0.001

parser = argparse.ArgumentParser()
parser.add_argument('--data', required=True)
parser.add_argument('--threads', type=int, required=True)
parser.add_argument('--mode', choices=['dense', 'sparse'], required=True)
parser.add_argument('--model', choices=['pooled', 'flatten'], default='pooled')
parser.add_argument('--warmup', type=int, default=3)
parser.add_argument('--reps', type=int, default=10)
parser.add_argument('--epoch', type=int, default=1)
args = parser.parse_args()

contender = '-'.join(['torch', *(['flatten'] if args.model == 'flatten' else []), args.mode, f'{args.threads}t'])
record = {'bench': 'imdb', 'case': f'imdb-{V}x{D}-t{T}-b{B}', 'contender': contender, 'env': 'native', 'model': args.model,
          'what': f'nn.Embedding(sparse={args.mode == "sparse"}) model, loss.backward(); '
                  + ('SparseAdam + Adam' if args.mode == 'sparse' else 'Adam') + '.step()',
          'threads': args.threads, 'sparse': args.mode == 'sparse', 'stepsPerEpoch': math.ceil(SAMPLES / B)}
try:
    import numpy as np
    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    record['runtime'] = f'PyTorch {torch.__version__} CPU, {torch.get_num_threads()} threads (native)'
    ids = torch.from_numpy(np.fromfile(os.path.join(args.data, 'imdb-ids.i32'), dtype='<i4').astype(np.int64)).view(SAMPLES, T)
    labels = torch.from_numpy(np.fromfile(os.path.join(args.data, 'imdb-labels.f32'), dtype='<f4')).view(SAMPLES, 1)

    class Pooled(torch.nn.Module):
        def __init__(self, sparse):
            super().__init__()
            self.embedding = torch.nn.Embedding(V, D, sparse=sparse)
            self.hidden = torch.nn.Linear(D, HIDDEN)
            self.out = torch.nn.Linear(HIDDEN, 1)

        def forward(self, x):  # x: (B, T) -> (B, 1)
            h = self.embedding(x).mean(dim=1)
            return torch.sigmoid(self.out(torch.relu(self.hidden(h))))

    class Flattened(torch.nn.Module):
        def __init__(self, sparse):
            super().__init__()
            self.embedding = torch.nn.Embedding(V, D, sparse=sparse)
            self.out = torch.nn.Linear(T * D, 1)

        def forward(self, x):  # x: (B, T) -> (B, T, D) -> (B, T * D) -> (B, 1)
            return torch.sigmoid(self.out(torch.flatten(self.embedding(x), start_dim=1)))

    model = {'pooled': Pooled, 'flatten': Flattened}[args.model](args.mode == 'sparse')
    if args.mode == 'sparse':
        rest = [p for name, p in model.named_parameters() if not name.startswith('embedding')]
        optimizers = [torch.optim.SparseAdam(list(model.embedding.parameters()), lr=LR), torch.optim.Adam(rest, lr=LR)]
    else:
        optimizers = [torch.optim.Adam(model.parameters(), lr=LR)]
    loss_fn = torch.nn.BCELoss()
    full_batches = SAMPLES // B

    def batch(k):
        return ids[k * B:(k + 1) * B], labels[k * B:(k + 1) * B]

    def step(x, y):
        for o in optimizers:
            o.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        for o in optimizers:
            o.step()
        return loss.item()

    def loss_on(k):
        with torch.no_grad():
            x, y = batch(k)
            return loss_fn(model(x), y).item()

    loss_before = loss_on(0)
    times = []
    for i in range(args.warmup + args.reps):
        x, y = batch(i % (full_batches - 1))
        t0 = time.perf_counter()
        loss = step(x, y)
        t = (time.perf_counter() - t0) * 1000
        if not math.isfinite(loss):
            raise RuntimeError(f'step {i + 1} gave loss {loss}')
        if i >= args.warmup:
            times.append(t)
    loss_after = loss_on(0)
    if not loss_after < loss_before:
        raise RuntimeError(f'the loss on a trained batch did not fall: {loss_before} -> {loss_after}')
    s = sorted(times)

    def quantile(q):
        pos = (len(s) - 1) * q
        lo, hi = math.floor(pos), math.ceil(pos)
        return s[lo] + (s[hi] - s[lo]) * (pos - lo)

    record.update({'ok': True, 'warmup': args.warmup, 'reps': args.reps, 'ms': [round(t, 4) for t in times],
                   'median_ms': quantile(0.5), 'q1_ms': quantile(0.25), 'q3_ms': quantile(0.75),
                   'min_ms': s[0], 'max_ms': s[-1], 'lossBefore': loss_before, 'lossAfter': loss_after})
    if args.epoch:
        t0 = time.perf_counter()
        for k in range(math.ceil(SAMPLES / B)):
            step(ids[k * B:(k + 1) * B], labels[k * B:(k + 1) * B])
        record['epoch_ms'] = (time.perf_counter() - t0) * 1000
        record['epochNote'] = f'one epoch over {SAMPLES} samples ({math.ceil(SAMPLES / B)} batches), timed whole'
    else:
        record['epoch_ms'] = record['median_ms'] * math.ceil(SAMPLES / B)
        record['epochNote'] = 'steps per epoch x median step (estimate)'
except ModuleNotFoundError as error:
    record['missing'] = f'{error.name} is not installed (Debian: apt-get install python3-torch)'
except Exception as error:  # the record carries any failure; the runner reports it
    record.update({'ok': False, 'error': f'{type(error).__name__}: {error}'})
    record.setdefault('runtime', 'PyTorch (failed)')
print(json.dumps(record), flush=True)
