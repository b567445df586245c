#!/usr/bin/env python3
"""Reference for the convolutional VAE: the PyTorch (eager) twin of the project's conv model with its default
sizes (channels 16, 32, dense 256), for side-by-side speed and quality on the same machine.

Encoder: 1->16 conv 3x3 stride 2 pad 1, ReLU; 16->32 conv 3x3 stride 2 pad 1, ReLU; flatten (32*7*7 = 1568);
         Linear(1568, 256), ReLU; heads Linear(256, d) for mu and for logvar.
Decoder: Linear(d, 256), ReLU; Linear(256, 1568), ReLU; view 32x7x7; nearest-neighbour upsample x2;
         conv 3x3 32->16, ReLU; nearest-neighbour upsample x2; conv 3x3 16->1 -> pixel logits.
         (--deconv: two ConvTranspose2d(4, stride 2, pad 1) instead of upsample + conv.)
Loss per batch: BCE-with-logits(sum) + KL(sum) = -ELBO in nats; Adam lr 1e-3; batch 128; grey levels in [0,1];
data in memory; a fresh random permutation per epoch. Epoch time = the training loop only (evaluation excluded).

    /usr/bin/python3 bench/conv_ref.py --data assets/mnist --latent 2 --epochs 3 --threads 2 --json conv.json

Notes: libtorch's first conv epoch here is much slower than later ones (oneDNN builds its kernels for each new
shape), so compare steady epochs (the median of epochs 2..N), as the project's own bench should.
"""
import argparse, gzip, json, os, struct, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        raw = f.read()
    magic, n = struct.unpack(">II", raw[:8])
    if magic == 2051:
        r, c = struct.unpack(">II", raw[8:16])
        return np.frombuffer(raw, np.uint8, offset=16).reshape(n, r * c)
    return np.frombuffer(raw, np.uint8, offset=8)


def load(d, name):
    p = os.path.join(d, name)
    return read_idx(p + ".gz" if os.path.exists(p + ".gz") else p)


class ConvVAE(nn.Module):
    def __init__(self, d, deconv=False):
        super().__init__()
        self.c1, self.c2 = nn.Conv2d(1, 16, 3, 2, 1), nn.Conv2d(16, 32, 3, 2, 1)
        self.enc = nn.Linear(1568, 256)
        self.mu, self.logvar = nn.Linear(256, d), nn.Linear(256, d)
        self.d1, self.d2 = nn.Linear(d, 256), nn.Linear(256, 1568)
        self.deconv = deconv
        if deconv:
            self.u1, self.u2 = nn.ConvTranspose2d(32, 16, 4, 2, 1), nn.ConvTranspose2d(16, 1, 4, 2, 1)
        else:
            self.u1, self.u2 = nn.Conv2d(32, 16, 3, 1, 1), nn.Conv2d(16, 1, 3, 1, 1)

    def encode(self, x):
        h = F.relu(self.c2(F.relu(self.c1(x.view(-1, 1, 28, 28)))))
        h = F.relu(self.enc(h.flatten(1)))
        return self.mu(h), self.logvar(h)

    def decode(self, z):
        h = F.relu(self.d2(F.relu(self.d1(z)))).view(-1, 32, 7, 7)
        if self.deconv:
            return self.u2(F.relu(self.u1(h))).flatten(1)
        up = lambda t: F.interpolate(t, scale_factor=2, mode="nearest")
        return self.u2(up(F.relu(self.u1(up(h))))).flatten(1)

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return self.decode(z), mu, logvar


def neg_elbo(logits, x, mu, logvar):
    bce = F.binary_cross_entropy_with_logits(logits, x, reduction="sum")
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce, kl


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--latent", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--deconv", action="store_true")
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    f = lambda arr: torch.from_numpy(arr.astype(np.float32) / 255.0).contiguous()
    xtr, xte = f(load(a.data, "train-images-idx3-ubyte")), f(load(a.data, "t10k-images-idx3-ubyte"))
    model = ConvVAE(a.latent, a.deconv)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n, epochs = xtr.shape[0], []
    for ep in range(1, a.epochs + 1):
        model.train()
        t0 = time.perf_counter()
        perm, total = torch.randperm(n), 0.0
        for i in range(0, n, a.batch):
            xb = xtr[perm[i:i + a.batch]]
            logits, mu, logvar = model(xb)
            bce, kl = neg_elbo(logits, xb, mu, logvar)
            loss = bce + kl
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        wall = time.perf_counter() - t0
        model.eval()
        with torch.no_grad():
            tb = tk = 0.0
            for i in range(0, xte.shape[0], 1000):
                xb = xte[i:i + 1000]
                logits, mu, logvar = model(xb)
                b, k = neg_elbo(logits, xb, mu, logvar)
                tb, tk = tb + b.item(), tk + k.item()
        m = xte.shape[0]
        e = {"epoch": ep, "train_wall_s": wall, "samples_per_s": n / wall, "train_loss": total / n,
             "test_neg_elbo": (tb + tk) / m, "test_bce": tb / m, "test_kld": tk / m}
        epochs.append(e)
        print(f"epoch {ep}: train {wall:.2f} s ({n / wall:.0f} samples/s), test -ELBO {e['test_neg_elbo']:.2f} "
              f"({e['test_bce']:.2f} + {e['test_kld']:.2f})", flush=True)
    steady = sorted(e["train_wall_s"] for e in epochs[1:]) or [epochs[0]["train_wall_s"]]
    result = {"model": "conv-deconv" if a.deconv else "conv", "latent": a.latent, "torch": torch.__version__,
              "threads": a.threads, "steady_epoch_s_median": steady[len(steady) // 2], "epochs": epochs}
    print(json.dumps({k: v for k, v in result.items() if k != "epochs"}), flush=True)
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(result, fh, indent=1)


if __name__ == "__main__":
    main()
