"""Loads a folder of pictures the way the app's ImageFolderLoader does, with Pillow and numpy, and times it.

The same work as the app (data/ImageFolderLoader, data/ImageDecoder): list the folder in torchvision's ImageFolder
layout (a picture's class is its first-level folder, names sorted), open every PNG/JPEG/BMP/GIF, refuse sides over
8192 or more than 2^24 pixels from the header, decode, composite alpha onto black, bring it to N x N (shorter side
scaled to N, box filter down and bilinear up, the longer side cropped around the centre), hold every picture
channel-major in one uint8 array, keep three channels when any picture has colour (else BT.601 grey), and hold out
a seeded 10% as the test set (the same pictures as the app: java.util.Random's shuffle), each split in path
order (copies, as the app makes two arrays).

    /usr/bin/python3 bench/load_ref.py --data /tmp/shapes32 --size 32 --json
    /usr/bin/python3 bench/load_ref.py --data /tmp/shapes32 --size 32 --workers 2

--workers N decodes in N processes (multiprocessing, chunks of pictures), as a DataLoader with workers would.
The time reported is from the listing to the finished arrays, without the interpreter's start. With --json it also
gives the CRC-32 of the training levels, which the app's benchmark compares with its own.
"""
import argparse
import json
import os
import sys
import time
import zlib

import numpy as np
from PIL import Image

EXTENSIONS = {"png", "jpg", "jpeg", "bmp", "gif"}
MAX_SIDE = 8192
MAX_PIXELS = 1 << 24
COLOUR_TOLERANCE = 2


def is_picture(name):
    dot = name.rfind(".")
    return dot > 0 and name[dot + 1:].lower() in EXTENSIONS


def scan(root):
    """(relative path, label) of every picture, sorted by path, and the class names."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and is_picture(name):
                found.append(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/"))
    found.sort()
    labelled = any("/" in path for path in found)
    if not labelled:
        return [(path, 0) for path in found], []
    classes = sorted({path.split("/")[0] for path in found if "/" in path})
    index = {name: i for i, name in enumerate(classes)}
    return [(path, index[path.split("/")[0]]) for path in found if "/" in path], classes


def square(path, n):
    """The picture as an n x n x 3 uint8 array, or None when it cannot be used."""
    try:
        with Image.open(path) as image:
            w, h = image.size
            if w <= 0 or h <= 0 or w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_PIXELS:
                return None
            image.load()
            if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
                rgba = np.asarray(image.convert("RGBA"), dtype=np.float32)
                rgb = Image.fromarray((rgba[..., :3] * (rgba[..., 3:] / 255.0) + 0.5).astype(np.uint8))
            else:
                rgb = image.convert("RGB")
            if (w, h) != (n, n):
                scale = min(w, h) / n
                left, top = (w - n * scale) / 2, (h - n * scale) / 2
                resample = Image.BOX if scale > 1 else Image.BILINEAR
                rgb = rgb.resize((n, n), resample, box=(left, top, left + n * scale, top + n * scale))
            return np.asarray(rgb)
    except Exception:  # damaged or not a picture: skipped, as the app skips it
        return None


def decode_chunk(args):
    paths, n = args
    out = np.zeros((len(paths), 3, n, n), dtype=np.uint8)
    ok = np.zeros(len(paths), dtype=bool)
    for k, path in enumerate(paths):
        pixels = square(path, n)
        if pixels is not None:
            out[k] = pixels.transpose(2, 0, 1)
            ok[k] = True
    return out, ok


class JavaRandom:
    """java.util.Random, so that the hold-out holds out the same pictures as the app's."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)

    def next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        value = self.seed >> (48 - bits)
        return value - (1 << bits) if value >= 1 << (bits - 1) and bits == 32 else value

    def next_int(self, bound):
        if bound & (bound - 1) == 0:
            return (bound * self.next(31)) >> 31
        while True:
            bits = self.next(31)
            value = bits % bound
            if bits - value + (bound - 1) < 1 << 31:  # no int overflow in Java
                return value


def java_shuffle(items, seed):
    """Collections.shuffle(items, new Random(seed))."""
    rng = JavaRandom(seed)
    for i in range(len(items), 1, -1):
        j = rng.next_int(i)
        items[i - 1], items[j] = items[j], items[i - 1]


def load(root, n, workers, test_fraction, seed):
    entries, classes = scan(root)
    paths = [os.path.join(root, path) for path, _ in entries]
    levels = np.empty((len(paths), 3, n, n), dtype=np.uint8)
    ok = np.empty(len(paths), dtype=bool)
    if workers <= 1:
        for i, path in enumerate(paths):
            pixels = square(path, n)
            ok[i] = pixels is not None
            if ok[i]:
                levels[i] = pixels.transpose(2, 0, 1)
    else:
        import multiprocessing
        chunk = 500
        starts = range(0, len(paths), chunk)
        with multiprocessing.Pool(workers) as pool:
            for start, (out, good) in zip(starts, pool.imap(decode_chunk, [(paths[s:s + chunk], n) for s in starts])):
                levels[start:start + len(out)] = out
                ok[start:start + len(out)] = good
    used = np.flatnonzero(ok)
    labels = np.array([label for _, label in entries], dtype=np.uint8)

    spread = levels.max(axis=1).astype(np.int16) - levels.min(axis=1)
    colour = bool((spread[used] > COLOUR_TOLERANCE).any())
    if not colour:
        grey = levels.astype(np.float32)
        levels = np.rint(0.299 * grey[:, 0] + 0.587 * grey[:, 1] + 0.114 * grey[:, 2]).astype(np.uint8)[:, None]

    held = int(round(len(used) * test_fraction))
    if test_fraction > 0 and len(used) >= 2:
        held = max(1, min(len(used) - 1, held))
    order = [int(i) for i in used]
    java_shuffle(order, seed)
    test_index = np.sort(np.array(order[:held], dtype=np.int64))
    train_index = np.sort(np.array(order[held:], dtype=np.int64))
    train = (levels[train_index], labels[train_index])
    test = (levels[test_index], labels[test_index])
    return train, test, classes, len(paths) - len(used)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="folder of pictures")
    parser.add_argument("--size", type=int, default=32, help="side N of the squares")
    parser.add_argument("--workers", type=int, default=1, help="processes decoding (1: this one)")
    parser.add_argument("--holdout", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    start = time.perf_counter()
    train, test, classes, skipped = load(args.data, args.size, args.workers, args.holdout, args.seed)
    seconds = time.perf_counter() - start
    result = {"seconds": round(seconds, 3), "train": int(train[0].shape[0]), "test": int(test[0].shape[0]),
              "channels": int(train[0].shape[1]), "size": args.size, "classes": len(classes), "skipped": skipped,
              "workers": args.workers, "train_crc32": zlib.crc32(np.ascontiguousarray(train[0]).data)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"loaded {result['train']} + {result['test']} pictures of {result['channels']}x{args.size}x{args.size}"
              f" in {seconds:.2f} s ({args.workers} worker(s), {skipped} skipped)", file=sys.stdout)


if __name__ == "__main__":
    main()
