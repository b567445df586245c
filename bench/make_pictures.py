"""Writes a folder of small coloured pictures with known classes, for benchmarks and manual checks.

Each class is one shape (disc, square, triangle, cross, ring, bar, ...) drawn in a random colour, size, position
and angle on a random dark background, one PNG per picture, in the layout torchvision's ImageFolder reads:
OUT/<class>/<index>.png, or OUT/train/<class>/... and OUT/test/<class>/... with --split.

    /usr/bin/python3 bench/make_pictures.py --out /tmp/shapes32 --count 50000 --size 32 --classes 10 --seed 1

Needs Pillow (Debian: python3-pil). The same seed gives the same files.
"""
import argparse
import math
import os
import random

from PIL import Image, ImageDraw

SHAPES = ["disc", "square", "triangle", "cross", "ring", "bar", "diamond", "star", "frame", "dots"]


def polygon(cx, cy, r, sides, angle):
    return [(cx + r * math.cos(angle + 2 * math.pi * k / sides), cy + r * math.sin(angle + 2 * math.pi * k / sides))
            for k in range(sides)]


def draw_shape(draw, shape, size, rng):
    colour = tuple(rng.randrange(80, 256) for _ in range(3))
    r = size * rng.uniform(0.2, 0.4)
    cx = size / 2 + rng.uniform(-0.1, 0.1) * size
    cy = size / 2 + rng.uniform(-0.1, 0.1) * size
    angle = rng.uniform(0, 2 * math.pi)
    width = max(1, int(size / 10))
    if shape == "disc":
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
    elif shape == "square":
        draw.polygon(polygon(cx, cy, r * 1.2, 4, angle), fill=colour)
    elif shape == "triangle":
        draw.polygon(polygon(cx, cy, r * 1.2, 3, angle), fill=colour)
    elif shape == "cross":
        for a in (angle, angle + math.pi / 2):
            dx, dy = r * math.cos(a), r * math.sin(a)
            draw.line([cx - dx, cy - dy, cx + dx, cy + dy], fill=colour, width=width * 2)
    elif shape == "ring":
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=colour, width=width)
    elif shape == "bar":
        dx, dy = r * math.cos(angle), r * math.sin(angle)
        draw.line([cx - dx, cy - dy, cx + dx, cy + dy], fill=colour, width=width * 3)
    elif shape == "diamond":
        draw.polygon(polygon(cx, cy, r * 1.2, 4, math.pi / 4), fill=colour)
    elif shape == "star":
        points = []
        for k in range(10):
            radius = r * 1.2 if k % 2 == 0 else r * 0.5
            a = angle + math.pi * k / 5
            points.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
        draw.polygon(points, fill=colour)
    elif shape == "frame":
        draw.polygon(polygon(cx, cy, r * 1.3, 4, math.pi / 4), outline=colour, width=width)
    else:
        for k in range(3):
            a = angle + 2 * math.pi * k / 3
            x, y = cx + r * 0.7 * math.cos(a), cy + r * 0.7 * math.sin(a)
            draw.ellipse([x - r / 3, y - r / 3, x + r / 3, y + r / 3], fill=colour)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=10000, help="pictures in all")
    parser.add_argument("--size", type=int, default=32, help="side in pixels")
    parser.add_argument("--classes", type=int, default=10, help=f"1..{len(SHAPES)}")
    parser.add_argument("--split", action="store_true", help="write train/ and test/ (one in six to test)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not 1 <= args.classes <= len(SHAPES):
        parser.error(f"--classes must be 1..{len(SHAPES)}")
    rng = random.Random(args.seed)
    for i in range(args.count):
        shape = SHAPES[i % args.classes]
        folder = args.out
        if args.split:
            folder = os.path.join(folder, "test" if i % 6 == 5 else "train")
        folder = os.path.join(folder, shape)
        os.makedirs(folder, exist_ok=True)
        background = tuple(rng.randrange(0, 60) for _ in range(3))
        image = Image.new("RGB", (args.size, args.size), background)
        draw_shape(ImageDraw.Draw(image), shape, args.size, rng)
        image.save(os.path.join(folder, f"{i:06d}.png"))
    print(f"wrote {args.count} pictures of {args.size}x{args.size} in {args.classes} classes to {args.out}")


if __name__ == "__main__":
    main()
