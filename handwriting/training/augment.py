"""Batched tf.data augmentation: small affine distortions and stroke thickening or thinning."""

from __future__ import annotations

import math

# --- Ranges ---------------------------------------------------------------------------------------

MAX_ROTATION_DEGREES = 12.0
MAX_SHEAR = 0.25  # slant, as a fraction of the height
SCALE_RANGE = (0.9, 1.1)
MAX_SHIFT_PIXELS = 2.0
THICKNESS_PROBABILITY = 0.5  # share of images whose stroke width is changed
CLOSING_PROBABILITY = 0.2  # share of images whose small loops and gaps are inked shut, as by a thick pen
_CLEAN_SEED_OFFSET = 17  # the un-augmented share draws from seed + this, apart from the distortions' seeds


def _seeds(seed, count: int):
    """`count` independent stateless seeds from one; a fresh random one when `seed` is None."""
    import tensorflow as tf

    if seed is None:
        seed = tf.random.uniform([2], maxval=2**31 - 1, dtype=tf.int64)
    return tf.unstack(tf.random.experimental.stateless_split(tf.cast(seed, tf.int64), num=count))


def random_affine(images, seed=None):
    """Rotate, shear, scale and shift each image of a (B, 28, 28, 1) float batch independently."""
    import tensorflow as tf

    batch = tf.shape(images)[0]
    side = tf.cast(tf.shape(images)[1], tf.float32)

    seeds = iter(_seeds(seed, 5))

    def uniform(low, high):
        return tf.random.stateless_uniform([batch], next(seeds), low, high)

    angle = uniform(-MAX_ROTATION_DEGREES, MAX_ROTATION_DEGREES) * (math.pi / 180.0)
    shear = uniform(-MAX_SHEAR, MAX_SHEAR)
    scale = uniform(*SCALE_RANGE)
    shift_x = uniform(-MAX_SHIFT_PIXELS, MAX_SHIFT_PIXELS)
    shift_y = uniform(-MAX_SHIFT_PIXELS, MAX_SHIFT_PIXELS)

    # The transform maps output pixel (x, y) to input pixel: the inverse of
    # "rotate and shear about the centre, scale, then shift".
    cos, sin = tf.cos(angle), tf.sin(angle)
    a0 = cos / scale
    a1 = (sin + shear * cos) / scale
    b0 = -sin / scale
    b1 = (cos - shear * sin) / scale
    centre = (side - 1.0) / 2.0
    cx, cy = centre - shift_x, centre - shift_y
    a2 = centre - a0 * cx - a1 * cy
    b2 = centre - b0 * cx - b1 * cy
    zeros = tf.zeros([batch])
    transforms = tf.stack([a0, a1, a2, b0, b1, b2, zeros, zeros], axis=1)
    return tf.raw_ops.ImageProjectiveTransformV3(
        images=images,
        transforms=transforms,
        output_shape=tf.shape(images)[1:3],
        fill_value=0.0,
        interpolation="BILINEAR",
        fill_mode="CONSTANT",
    )


def grey_dilate(images):
    """3x3 grey dilation of a (B, H, W, 1) batch, as two separable maxima of shifted slices.

    (tf.nn.max_pool2d with stride 1 does the same but is about ten times slower on the CPU.)
    """
    import tensorflow as tf

    height, width = tf.shape(images)[1], tf.shape(images)[2]
    padded = tf.pad(images, [[0, 0], [1, 1], [1, 1], [0, 0]])
    rows = tf.maximum(tf.maximum(padded[:, :-2], padded[:, 1:-1]), padded[:, 2:])
    rows = rows[:, :height]
    return tf.maximum(tf.maximum(rows[:, :, :-2], rows[:, :, 1:-1]), rows[:, :, 2:])[:, :, :width]


def grey_erode(images, steps: int = 1):
    """`steps` 3x3 grey erosions of a (B, H, W, 1) batch in [0, 1]: dilations of the background."""
    background = 1.0 - images
    for _ in range(steps):
        background = grey_dilate(background)
    return 1.0 - background


def random_thickness(images, seed=None):
    """Blend some images toward a 3x3 grey dilation (thicker) or erosion (thinner) of themselves."""
    import tensorflow as tf

    batch = tf.shape(images)[0]
    thicker = grey_dilate(images)
    thinner = grey_erode(images)
    amount_seed, active_seed = _seeds(seed, 2)
    amount = tf.random.stateless_uniform([batch, 1, 1, 1], amount_seed, -1.0, 1.0)
    active = tf.cast(tf.random.stateless_uniform([batch, 1, 1, 1], active_seed) < THICKNESS_PROBABILITY, tf.float32)
    amount = amount * active
    target = tf.where(amount > 0, thicker, thinner)
    return images + tf.abs(amount) * (target - images)


def random_closing(images, seed=None):
    """Ink some images' small loops and gaps shut: a grey closing (dilate, then erode) by 1 or 2 pixels.

    A thick pen closes an 8's or a 9's loop; the preprocessing thins the stroke back, but cannot
    reopen the loop, so the network learns such digits here.
    """
    import tensorflow as tf

    batch = tf.shape(images)[0]
    dilated = grey_dilate(images)
    once = grey_erode(dilated)
    twice = grey_erode(grey_dilate(dilated), steps=2)
    draw = tf.random.stateless_uniform([batch, 1, 1, 1], _seeds(seed, 1)[0])
    closed = tf.where(draw < CLOSING_PROBABILITY / 2, twice, once)
    return tf.where(draw < CLOSING_PROBABILITY, closed, images)


def augment_batch(images, seed=None, clean_share: float = 0.0):
    """The full augmentation for a (B, 28, 28, 1) float32 batch in [0, 1].

    About `clean_share` of the images are returned as they are, so the network also sees undistorted
    digits. With a stateless `seed` (shape [2]) the result depends on it alone, not on which tf.data
    thread runs the batch, so a training run with a fixed seed is reproducible.
    """
    import tensorflow as tf

    if seed is None:
        seed = tf.random.uniform([2], maxval=2**31 - 1, dtype=tf.int64)
    affine_seed, closing_seed, thickness_seed = _seeds(seed, 3)
    augmented = random_affine(images, affine_seed)
    augmented = random_closing(augmented, closing_seed)
    augmented = random_thickness(augmented, thickness_seed)
    augmented = tf.clip_by_value(augmented, 0.0, 1.0)
    if not clean_share:
        return augmented
    clean_seed = tf.cast(seed, tf.int64) + _CLEAN_SEED_OFFSET
    keep = tf.random.stateless_uniform([tf.shape(images)[0], 1, 1, 1], clean_seed) < clean_share
    return tf.where(keep, images, augmented)
