"""Mouse-drawn-like digits: MNIST skeletons (Zhang-Suen) redrawn on a 280x280 canvas with a round pen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from handwriting.digits.pen import CANVAS_SIDE, STYLES, Style, draw_ink

SKELETON_UPSCALE = 3  # MNIST digits are thinned at 3x (84x84): smoother, less jagged skeletons than at 28x28
SKELETON_THRESHOLD = 0.35  # of the (upsampled) grey level, 0-1: low enough to keep faint strokes joined
SPUR_LENGTH = 1.5  # side branches shorter than this (MNIST pixels, end to junction) are pruned
SPECK_EXTENT = 2.5  # separate bits of skeleton smaller than this (MNIST pixels) are scanning specks: dropped
FILLED_INK_LIMIT = 8.0  # digits with more ink (MNIST px) than this out of reach of their skeleton are not redrawn
SMOOTHING_STEPS = 8  # Laplacian smoothing of the pixel staircase into a hand-like curve
SLANT_RANGE = 0.3  # horizontal shear per unit of height, drawn uniformly in +-SLANT_RANGE
ROTATION_DEGREES = 10.0  # rotation drawn uniformly in +-ROTATION_DEGREES

# 8-neighbour offsets (row, col) in Zhang-Suen order P2..P9: N, NE, E, SE, S, SW, W, NW.
_NEIGHBOURS = ((-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1))


@dataclass(frozen=True)
class Skeleton:
    """A thinned digit: points (K, 2) as (x, y) in MNIST pixels (0-28) and edges (E, 2) as point-index pairs."""

    points: np.ndarray
    edges: np.ndarray


# The benchmark's variants are the app's drawing styles (handwriting.digits.pen.STYLES) with a random slant and
# rotation on top, since a skeleton of an MNIST digit carries no writer's slant of its own.
Variant = Style
VARIANTS: dict[str, Style] = {
    name: replace(style, slant=SLANT_RANGE, rotation=ROTATION_DEGREES) for name, style in STYLES.items()
}

# Not a benchmark variant: each skeleton upright, centred, large, with MNIST's pen-to-height ratio (2.5 / 20).
# What the model gets wrong here, the skeleton itself gets wrong; the variants' other errors are their own.
REFERENCE = Style("reference", height=(200, 200), pen=(25, 25), placement="centre")


# --- Thinning ------------------------------------------------------------------------------------


def _removal_tables() -> tuple[np.ndarray, np.ndarray]:
    """Zhang-Suen's deletion tests for both sub-iterations, as 256-entry tables indexed by the neighbour code.

    Bit i of the code is neighbour P(i+2): P2 north, then clockwise to P9 north-west.
    """
    codes = np.arange(256)
    p = [(codes >> i) & 1 for i in range(8)]
    count = sum(p)
    transitions = sum((p[i] == 0) & (p[(i + 1) % 8] == 1) for i in range(8))
    base = (count >= 2) & (count <= 6) & (transitions == 1)
    p2, p4, p6, p8 = p[0], p[2], p[4], p[6]
    first = base & ((p2 & p4 & p6) == 0) & ((p4 & p6 & p8) == 0)
    second = base & ((p2 & p4 & p8) == 0) & ((p2 & p6 & p8) == 0)
    return first, second


_REMOVABLE = _removal_tables()


def _neighbour_codes(images: np.ndarray) -> np.ndarray:
    """The 8-bit neighbour code (see `_removal_tables`) of every pixel of a bool batch (N, H, W)."""
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1)))
    height, width = images.shape[1:]
    codes = np.zeros(images.shape, np.uint8)
    for bit, (dr, dc) in enumerate(_NEIGHBOURS):
        codes |= padded[:, 1 + dr : 1 + dr + height, 1 + dc : 1 + dc + width].astype(np.uint8) << bit
    return codes


def zhang_suen_thin(binary: np.ndarray) -> np.ndarray:
    """Zhang-Suen thinning of a boolean image (H, W) or batch (N, H, W), all images at once; returns a bool array."""
    image = np.asarray(binary, dtype=bool)
    single = image.ndim == 2
    result = (image[None] if single else image).copy()
    active = np.arange(len(result))  # the images that still changed in the last iteration
    while len(active):
        current = result[active]
        changed = np.zeros(len(active), bool)
        for table in _REMOVABLE:
            remove = current & table[_neighbour_codes(current)]
            changed |= remove.any(axis=(1, 2))
            current &= ~remove
        result[active] = current
        active = active[changed]
    return result[0] if single else result


def upsample(images: np.ndarray, factor: int) -> np.ndarray:
    """Bilinear upsampling of uint8 images (N, H, W) by an integer factor, as float32 in [0, 1]."""
    images = np.asarray(images)
    if factor == 1:
        return images.astype(np.float32) / 255.0
    height, width = images.shape[1:]
    out = np.empty((len(images), height * factor, width * factor), np.float32)
    for i, image in enumerate(images):
        grey = Image.fromarray(image.astype(np.float32) / 255.0, mode="F")
        out[i] = np.asarray(grey.resize((width * factor, height * factor), Image.Resampling.BILINEAR))
    return out


# --- Skeleton graph -------------------------------------------------------------------------------


def _graph(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pixels (K, 2) as (row, col) and 8-connected edges (E, 2) of a skeleton mask.

    A diagonal link is left out when the two pixels are already joined through a shared 4-neighbour,
    so an L-shaped step draws as two segments, not a triangle.
    """
    rows, cols = np.nonzero(mask)
    index = -np.ones((mask.shape[0] + 2, mask.shape[1] + 2), np.int64)
    index[rows + 1, cols + 1] = np.arange(len(rows))
    edges = []
    for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
        other = index[rows + 1 + dr, cols + 1 + dc]
        keep = other >= 0
        if dr and dc:  # diagonal: skip if a 4-path (via (r+dr, c) or (r, c+dc)) exists
            via_row = index[rows + 1 + dr, cols + 1] >= 0
            via_col = index[rows + 1, cols + 1 + dc] >= 0
            keep &= ~(via_row | via_col)
        edges.append(np.stack([np.flatnonzero(keep), other[keep]], axis=1))
    pixels = np.stack([rows, cols], axis=1)
    return pixels, np.concatenate(edges).astype(np.int64)


def _prune_spurs(mask: np.ndarray, max_length: int) -> np.ndarray:
    """Remove side branches of at most `max_length` pixels that run from an end point to a junction."""
    mask = mask.copy()
    pixels, edges = _graph(mask)
    if len(pixels) == 0:
        return mask
    neighbours: list[list[int]] = [[] for _ in range(len(pixels))]
    for a, b in edges.tolist():
        neighbours[a].append(b)
        neighbours[b].append(a)
    degree = [len(n) for n in neighbours]
    for start in range(len(pixels)):
        if degree[start] != 1:
            continue
        path, previous, node = [start], -1, start
        while degree[node] <= 2 and len(path) <= max_length + 1:
            following = [n for n in neighbours[node] if n != previous]
            if not following:
                path = []  # an isolated stroke: never prune it
                break
            previous, node = node, following[0]
            if degree[node] >= 3:
                break
            path.append(node)
        if path and degree[node] >= 3 and len(path) <= max_length:
            mask[pixels[path, 0], pixels[path, 1]] = False
    return mask


def _components(count: int, edges: np.ndarray) -> np.ndarray:
    """A component label for each of `count` graph nodes (union-find over the edges)."""
    parent = np.arange(count)

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges.tolist():
        parent[root(a)] = root(b)
    return np.array([root(node) for node in range(count)])


def _drop_specks(mask: np.ndarray, upscale: int) -> np.ndarray:
    """Remove skeleton components whose extent is under SPECK_EXTENT MNIST pixels, keeping the largest one."""
    pixels, edges = _graph(mask)
    labels = _components(len(pixels), edges)
    if len(np.unique(labels)) < 2:
        return mask
    extents = {}
    for label in np.unique(labels):
        member = pixels[labels == label]
        extents[label] = float((member.max(axis=0) - member.min(axis=0)).max() + 1) / upscale
    largest = max(extents, key=extents.__getitem__)
    specks = [label for label, extent in extents.items() if extent < SPECK_EXTENT and label != largest]
    mask = mask.copy()
    drop = np.isin(labels, specks)
    mask[pixels[drop, 0], pixels[drop, 1]] = False
    return mask


def smooth_points(points: np.ndarray, edges: np.ndarray, steps: int = SMOOTHING_STEPS, rate: float = 0.5) -> np.ndarray:
    """Laplacian smoothing along the skeleton graph: points with two neighbours move towards their midpoint.

    End points and junctions stay put, so strokes keep their ends and branches keep meeting.
    """
    points = points.astype(np.float64, copy=True)
    if len(edges) == 0 or steps <= 0:
        return points
    degree = np.bincount(edges.ravel(), minlength=len(points))
    movable = (degree == 2)[:, None]
    for _ in range(steps):
        total = np.zeros_like(points)
        np.add.at(total, edges[:, 0], points[edges[:, 1]])
        np.add.at(total, edges[:, 1], points[edges[:, 0]])
        mean = total / np.maximum(degree, 1)[:, None]
        points = np.where(movable, points + rate * (mean - points), points)
    return points


def _binary_step(masks: np.ndarray, step: int, grow: bool) -> np.ndarray:
    """One 3x3 binary dilation (grow) or erosion of a bool batch (N, H, W); square and cross steps alternate."""
    padded = np.pad(masks, ((0, 0), (1, 1), (1, 1)), constant_values=not grow)
    pick = np.logical_or if grow else np.logical_and
    result = pick(pick(padded[:, :-2, 1:-1], padded[:, 2:, 1:-1]), pick(padded[:, 1:-1, :-2], padded[:, 1:-1, 2:]))
    result = pick(result, masks)
    if step % 2 == 0:
        corners = pick(pick(padded[:, :-2, :-2], padded[:, :-2, 2:]), pick(padded[:, 2:, :-2], padded[:, 2:, 2:]))
        result = pick(result, corners)
    return result


def ink_depth(ink: np.ndarray) -> np.ndarray:
    """Per pixel of a bool batch (N, H, W), how many erosions it survives: about its distance to the background."""
    depth = np.zeros(ink.shape, np.int16)
    current, step = ink.copy(), 0
    while current.any():
        depth += current
        current = _binary_step(current, step, grow=False)
        step += 1
    return depth


def filled_ink(
    images: np.ndarray, upscale: int = SKELETON_UPSCALE, threshold: float = SKELETON_THRESHOLD
) -> np.ndarray:
    """Per digit, the ink area (MNIST pixels) out of reach of its skeleton drawn with the digit's own pen.

    The pen is 1.5 times the median half-width along the skeleton. A large value means a blob of ink,
    typically a loop filled in (a solid head of a 9 or a 6): its skeleton is a line, not a loop, so the
    redrawn digit would be another digit (a 7, a 1).
    """
    ink = upsample(images, upscale) > threshold
    thin = zhang_suen_thin(ink)
    depth = ink_depth(ink)
    reach = np.array([np.ceil(1.5 * np.median(d[t])) if t.any() else 0 for d, t in zip(depth, thin, strict=True)])
    covered = thin.copy()
    for step in range(int(reach.max(initial=0))):
        grown = _binary_step(covered, step, grow=True)
        covered = np.where((step < reach)[:, None, None], grown, covered)
    return (ink & ~covered).sum(axis=(1, 2)) / float(upscale**2)


def skeletonise(
    images: np.ndarray, upscale: int = SKELETON_UPSCALE, threshold: float = SKELETON_THRESHOLD
) -> list[Skeleton]:
    """Skeletons of uint8 MNIST-style digits (N, 28, 28), coordinates in original pixel units (pixel centres)."""
    grey = upsample(images, upscale)
    thin = zhang_suen_thin(grey > threshold)
    spur = round(SPUR_LENGTH * upscale)
    skeletons = []
    for mask, level in zip(thin, grey, strict=True):
        if not mask.any():  # thinning can erase a tiny blob entirely: keep its pixels, or its brightest one
            mask = level > threshold if (level > threshold).any() else level == level.max()
        mask = _drop_specks(_prune_spurs(mask, spur), upscale)
        pixels, edges = _graph(mask)
        points = smooth_points((pixels[:, ::-1].astype(np.float64) + 0.5) / upscale, edges)  # (x, y), 28 px units
        skeletons.append(Skeleton(points, edges))
    return skeletons


# --- Drawing ---------------------------------------------------------------------------------------


def draw_skeleton(
    skeleton: Skeleton,
    height: float,
    pen: float,
    slant: float = 0.0,
    rotation_deg: float = 0.0,
    variant: Style | None = None,
    rng: np.random.Generator | None = None,
    max_width: float | None = None,
    antialias: bool = True,
) -> np.ndarray:
    """Draw one skeleton with a round pen (handwriting.digits.pen.draw_ink): (280, 280) uint8, ink 255 on 0."""
    return draw_ink(
        skeleton.points, skeleton.edges, height, pen, slant, rotation_deg, variant, rng, max_width, antialias
    )


def draw_variant(skeletons: list[Skeleton], variant: Variant | str, seed: int) -> np.ndarray:
    """Draw every skeleton once with this variant's random size, pen, slant, rotation and placement (N, 280, 280)."""
    spec = {**VARIANTS, REFERENCE.name: REFERENCE}[variant] if isinstance(variant, str) else variant
    rng = np.random.default_rng([seed, *spec.name.encode()])
    canvases = np.empty((len(skeletons), CANVAS_SIDE, CANVAS_SIDE), np.uint8)
    for i, skeleton in enumerate(skeletons):
        height = rng.uniform(*spec.height)
        pen = rng.uniform(*spec.pen)
        slant = rng.uniform(-spec.slant, spec.slant)
        rotation = rng.uniform(-spec.rotation, spec.rotation)
        # Wide digits (a flat 5 or 2) are drawn less tall rather than wider than the variant's largest height.
        canvases[i] = draw_skeleton(skeleton, height, pen, slant, rotation, spec, rng, max_width=spec.height[1])
    return canvases


def balanced_sample(
    labels: np.ndarray, n: int, seed: int, accept: Callable[[np.ndarray], np.ndarray] | None = None
) -> np.ndarray:
    """Sorted indices of `n` digits, as close to n/10 per class as the data allows, drawn without replacement.

    With `accept` (indices -> bool mask), candidates it rejects are replaced by further random digits of their class.
    """
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    classes = np.unique(labels)
    quotas = np.full(len(classes), n // len(classes))
    quotas[rng.permutation(len(classes))[: n - quotas.sum()]] += 1
    chosen = []
    for cls, quota in zip(classes, quotas, strict=True):
        order = rng.permutation(np.flatnonzero(labels == cls))
        if accept is None:
            chosen.append(order[:quota])
            continue
        kept: list[np.ndarray] = []
        start, size = 0, quota + quota // 10 + 5
        while sum(map(len, kept)) < quota and start < len(order):
            candidates = order[start : start + size]
            kept.append(candidates[np.asarray(accept(candidates), bool)])
            start += size
        chosen.append(np.concatenate(kept)[:quota] if kept else order[:0])
    return np.sort(np.concatenate(chosen))


def redrawable_sample(images: np.ndarray, labels: np.ndarray, n: int, seed: int) -> tuple[np.ndarray, int]:
    """`balanced_sample` of digits a skeleton redraws faithfully, and how many with filled loops were skipped."""
    skipped = 0

    def accept(index: np.ndarray) -> np.ndarray:
        nonlocal skipped
        keep = filled_ink(images[index]) <= FILLED_INK_LIMIT
        skipped += int(np.count_nonzero(~keep))
        return keep

    chosen = balanced_sample(labels, n, seed, accept=accept)
    return chosen, skipped
