#!/usr/bin/env python3
"""Reference for the convolutional VAE: the PyTorch (eager) twin of the project's conv model, for side-by-side speed
and quality on the same machine. It follows the app's rules for the layers (io.vaeexplorer.core.ModelConfig.ConvSizes):

Hidden sizes c1,c2[,dense] (default 16,32,256). One stage per halving: two stages (c1, c2 channels) for images whose
larger side is at most 32 pixels, three above it, the third of 2*c2 channels (64 -> 32 -> 16 -> 8).
Encoder: per stage a conv 3x3 stride 2 pad 1, ReLU (C -> c1 -> c2 [-> 2*c2]); flatten; [Linear(flat, dense), ReLU];
         heads Linear(., d) for mu and for logvar.
Decoder: [Linear(d, dense), ReLU]; Linear(., flat), ReLU; view as the last map; per stage a nearest-neighbour
         upsample x2 and a conv 3x3 ([2*c2 ->] c2 -> c1 -> C), ReLU after all but the last -> pixel logits,
         flattened channel-major (C x rows x cols), as the app's images are.
         (--deconv: ConvTranspose2d(4, stride 2, pad 1) instead of each upsample + conv.)
Loss per batch: BCE-with-logits(sum) + KL(sum) = -ELBO in nats; Adam lr 1e-3; batch 128; levels in [0,1];
data in memory; a fresh random permutation per epoch. Epoch time = the training loop only (evaluation excluded).

Data: --data DIR reads the four MNIST IDX files (28x28 grey). --folder DIR reads a folder of pictures (PNG, JPEG,
BMP, GIF's first frame, in any sub-folders) as the app does: transparent pixels onto black, the shorter side scaled
to --size (box filter down, bilinear up) and the longer one cropped centrally, --channels 3 for RGB or 1 for grey
(PIL's "L", the app's weights). Pictures are ordered by path and shuffled with a fixed seed; the test set is a
fixed slice of --test-count of them (default a tenth, at most 1000), and the training set all pictures, or the
first --train N of that order (bench passes the count the app trains on, so that both epochs are equally long).
A folder with train/ and test/ sub-folders gives the split itself, as in the app: the same test pictures for both.

    /usr/bin/python3 bench/conv_ref.py --data assets/mnist --latent 2 --epochs 3 --threads 2 --json conv.json
    /usr/bin/python3 bench/conv_ref.py --folder /tmp/shapes64 --size 64 --channels 3 --epochs 3 --threads 2

Notes: libtorch's first conv epoch here is much slower than later ones (oneDNN builds its kernels for each new
shape), so compare steady epochs (the median of epochs 2..N), as the project's own bench should.
"""
import argparse, gzip, json, os, struct, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif")
TWO_STAGES_UP_TO = 32


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


def picture_files(folder):
    files = []
    for root, _, names in os.walk(folder):
        files += [os.path.join(root, n) for n in names if n.lower().endswith(PICTURE_SUFFIXES)]
    return sorted(files, key=lambda p: os.path.relpath(p, folder))


def square(path, size, channels):
    """One picture as the app's loader makes it: (channels * size * size,) uint8, channel-major."""
    from PIL import Image
    with Image.open(path) as im:
        im.seek(0)
        im = im.convert("RGBA")
        black = Image.new("RGBA", im.size, (0, 0, 0, 255))
        im = Image.alpha_composite(black, im).convert("RGB")
        w, h = im.size
        side = min(w, h)
        left, top = (w - side) / 2, (h - side) / 2
        resample = Image.BOX if side >= size else Image.BILINEAR
        im = im.resize((size, size), resample, box=(left, top, left + side, top + side))
        if channels == 1:
            return np.asarray(im.convert("L"), np.uint8).reshape(-1)
        return np.ascontiguousarray(np.asarray(im, np.uint8).transpose(2, 0, 1)).reshape(-1)


def load_folder(folder, size, channels, train, test_count):
    if os.path.isdir(os.path.join(folder, "train")) and os.path.isdir(os.path.join(folder, "test")):
        # the folder's own split, as the app reads it: every picture under test/ is the test set
        train_files = picture_files(os.path.join(folder, "train"))
        test_files = picture_files(os.path.join(folder, "test"))
        if not train_files or not test_files:
            raise SystemExit(f"{folder}: train/ or test/ holds no pictures")
        order = np.random.RandomState(0).permutation(len(train_files))
        levels = np.stack([square(train_files[i], size, channels) for i in order])
        test = np.stack([square(f, size, channels) for f in test_files])
        return (levels[:train] if train > 0 else levels), test
    files = picture_files(folder)
    if not files:
        raise SystemExit(f"{folder}: no pictures found")
    order = np.random.RandomState(0).permutation(len(files))
    levels = np.stack([square(files[i], size, channels) for i in order])
    n_test = test_count if test_count > 0 else max(1, min(1000, len(files) // 10))
    test = levels[-n_test:]
    return (levels[:train] if train > 0 else levels), test


def stage_channels(c1, c2, rows, cols):
    return [c1, c2] if max(rows, cols) <= TWO_STAGES_UP_TO else [c1, c2, 2 * c2]


class ConvVAE(nn.Module):
    def __init__(self, d, channels, rows, cols, hidden, deconv=False):
        super().__init__()
        c1 = hidden[0]
        c2 = hidden[1] if len(hidden) > 1 else 2 * c1
        dense = hidden[2] if len(hidden) > 2 else 0
        self.stages = stage_channels(c1, c2, rows, cols)
        s = len(self.stages)
        if rows % (1 << s) or cols % (1 << s):
            raise SystemExit(f"the conv VAE halves {rows}x{cols} images {s} times: the sides must be multiples "
                             f"of {1 << s}")
        self.channels, self.rows, self.cols = channels, rows, cols
        self.grid = (self.stages[-1], rows >> s, cols >> s)
        flat = self.grid[0] * self.grid[1] * self.grid[2]
        ins = [channels] + self.stages[:-1]
        self.enc_convs = nn.ModuleList(nn.Conv2d(i, o, 3, 2, 1) for i, o in zip(ins, self.stages))
        self.enc = nn.Linear(flat, dense) if dense else None
        features = dense or flat
        self.mu, self.logvar = nn.Linear(features, d), nn.Linear(features, d)
        self.d1 = nn.Linear(d, dense) if dense else None
        self.d2 = nn.Linear(dense or d, flat)
        self.deconv = deconv
        outs = list(reversed(ins))
        ups = list(reversed(self.stages))
        if deconv:
            self.dec_convs = nn.ModuleList(nn.ConvTranspose2d(i, o, 4, 2, 1) for i, o in zip(ups, outs))
        else:
            self.dec_convs = nn.ModuleList(nn.Conv2d(i, o, 3, 1, 1) for i, o in zip(ups, outs))

    def encode(self, x):
        h = x.view(-1, self.channels, self.rows, self.cols)
        for conv in self.enc_convs:
            h = F.relu(conv(h))
        h = h.flatten(1)
        if self.enc is not None:
            h = F.relu(self.enc(h))
        return self.mu(h), self.logvar(h)

    def decode(self, z):
        h = F.relu(self.d1(z)) if self.d1 is not None else z
        h = F.relu(self.d2(h)).view(-1, *self.grid)
        last = len(self.dec_convs) - 1
        for j, conv in enumerate(self.dec_convs):
            if not self.deconv:
                h = F.interpolate(h, scale_factor=2, mode="nearest")
            h = conv(h)
            if j < last:
                h = F.relu(h)
        return h.flatten(1)

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
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", help="folder of the four MNIST IDX files")
    source.add_argument("--folder", help="folder of pictures")
    ap.add_argument("--size", type=int, default=32, help="pictures: side of the square (default 32)")
    ap.add_argument("--channels", type=int, default=3, choices=[1, 3], help="pictures: 1 grey, 3 colour (default 3)")
    ap.add_argument("--train", type=int, default=0, help="train on the first N images only (0 = all)")
    ap.add_argument("--test-count", type=int, default=0, help="pictures: size of the test slice (0 = a tenth, <= 1000)")
    ap.add_argument("--hidden", default="16,32,256", help="c1,c2[,dense] (default 16,32,256)")
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
    t_load = time.perf_counter()
    if a.folder:
        train, test = load_folder(a.folder, a.size, a.channels, a.train, a.test_count)
        channels, rows, cols = a.channels, a.size, a.size
    else:
        train, test = load(a.data, "train-images-idx3-ubyte"), load(a.data, "t10k-images-idx3-ubyte")
        train = train[:a.train] if a.train > 0 else train
        channels, rows, cols = 1, 28, 28
    xtr, xte = f(train), f(test)
    print(f"data: {xtr.shape[0]} training and {xte.shape[0]} test images of {channels}x{rows}x{cols} "
          f"({time.perf_counter() - t_load:.1f} s to load)", flush=True)
    hidden = [int(h) for h in a.hidden.split(",")]
    model = ConvVAE(a.latent, channels, rows, cols, hidden, a.deconv)
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
              "threads": a.threads, "image": [channels, rows, cols], "stages": model.stages, "hidden": hidden,
              "train_images": n, "steady_epoch_s_median": steady[len(steady) // 2], "epochs": epochs}
    print(json.dumps({k: v for k, v in result.items() if k != "epochs"}), flush=True)
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(result, fh, indent=1)


if __name__ == "__main__":
    main()
