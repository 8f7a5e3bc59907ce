"""Training the stroke network (handwriting.recognition.strokes): a 1-D CNN over the pen's path.

It learns from the training writers' own strokes (the 20 pen writers and the UNIPEN training writers; never a
validation writer), each epoch drawn anew: a third in a synthesised style (handwriting.digits.styles), each
turned, slanted and stretched a little; and from generated non-digits (handwriting.digits.nondigits, one for
every ten digits), its 11th output, so that it too can say "not a digit". `handwriting train-strokes --out
models/default.strokes.keras` makes the shipped one (`make train`); its validation writers' accuracy is stored
in its history.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from handwriting.backend import load_tensorflow
from handwriting.digits.drawn import BESIDE_ONE_SHARE, bundled_pen, bundled_unipen, unipen_split
from handwriting.digits.nondigits import generate
from handwriting.digits.pendigits import split_writers
from handwriting.digits.styles import synthesise
from handwriting.files.storage import save_model_atomic
from handwriting.labels import CLASSES, NOT_A_DIGIT
from handwriting.recognition.strokes import FEATURES, POINTS, features

# --- The recipe (chosen on the validation writers; docs/how-it-works.md#strokes) -----------------------------

EPOCHS = 20
BATCH_SIZE = 128
LEARNING_RATE = 3e-3
STYLED_SHARE = 0.3  # of the drawings each epoch, in a synthesised style (a slashed 0, a flagged 1, ...)
MAX_ROTATION_DEGREES = 12.0
MAX_SHEAR = 0.3
STRETCH = (0.8, 1.2)  # the width's scale
NON_DIGIT_SHARE = 0.1  # generated non-digits per training digit, as for the image network
NON_DIGIT_SEED = 11


def writer_strokes(validation: bool = False) -> tuple[list, np.ndarray]:
    """The training (or validation) writers' digits of both pen sources: strokes and labels."""
    pen, (unipen, _) = bundled_pen(), bundled_unipen()
    pen_writers, unipen_writers = split_writers(pen.writers), unipen_split()
    pen_part = pen.by_writers(pen_writers.val if validation else pen_writers.train).digits
    uni_part = unipen.by_writers(unipen_writers.val if validation else unipen_writers.train).samples
    strokes = [digit.strokes for digit in pen_part] + [sample.strokes for sample in uni_part]
    labels = [digit.label for digit in pen_part] + [int(sample.label) for sample in uni_part]
    return strokes, np.asarray(labels, np.int64)


def non_digits(strokes: list, labels: np.ndarray, seed: int) -> list:
    """Generated non-digits for training, one for every ten digits (with pairs and overlaps of these digits)."""
    count = int(NON_DIGIT_SHARE * len(strokes))
    drawings, _ = generate(count, seed=[NON_DIGIT_SEED, seed], digit_strokes=strokes, digit_labels=labels,
                           beside_share=BESIDE_ONE_SHARE)
    return drawings


def distorted(strokes, label: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One training drawing: maybe in a synthesised style (a digit), then turned, slanted and stretched a little."""
    if label != NOT_A_DIGIT and rng.random() < STYLED_SHARE:
        strokes = synthesise(strokes, label, rng) or strokes
    angle = np.radians(rng.uniform(-MAX_ROTATION_DEGREES, MAX_ROTATION_DEGREES))
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    shape = np.array([[rng.uniform(*STRETCH), rng.uniform(-MAX_SHEAR, MAX_SHEAR)], [0.0, 1.0]])
    matrix = turn @ shape
    return [np.asarray(stroke, np.float64) @ matrix.T for stroke in strokes]


def build_stroke_model(seed: int = 0):
    """conv 5, conv 5, pool, conv 3, conv 3, global max pool, dense, softmax over the digits and "not a digit"."""
    load_tensorflow()
    import keras
    from keras import layers

    keras.utils.set_random_seed(seed)
    inputs = keras.Input((POINTS, FEATURES), name="path")
    x = layers.Conv1D(64, 5, padding="same", activation="relu", name="conv1")(inputs)
    x = layers.BatchNormalization(name="conv1_bn")(x)
    x = layers.Conv1D(64, 5, padding="same", activation="relu", name="conv2")(x)
    x = layers.MaxPooling1D(2, name="pool")(x)
    x = layers.Conv1D(128, 3, padding="same", activation="relu", name="conv3")(x)
    x = layers.BatchNormalization(name="conv3_bn")(x)
    x = layers.Conv1D(128, 3, padding="same", activation="relu", name="conv4")(x)
    x = layers.GlobalMaxPooling1D(name="global_pool")(x)
    x = layers.Dense(128, activation="relu", name="dense")(x)
    x = layers.Dropout(0.2, name="dropout")(x)
    outputs = layers.Dense(CLASSES, activation="softmax", name="probabilities")(x)
    return keras.Model(inputs, outputs, name="strokes")


def train_strokes(seed: int = 0, epochs: int = EPOCHS, log=print):
    """Fit a fresh stroke network; returns (model, history) with the validation writers' accuracy."""
    import keras

    strokes, labels = writer_strokes()
    others = non_digits(strokes, labels, seed)
    strokes, labels = strokes + others, np.concatenate([labels, np.full(len(others), NOT_A_DIGIT)])
    val_strokes, val_labels = writer_strokes(validation=True)
    val_x = np.stack([features(s) for s in val_strokes])
    model = build_stroke_model(seed)
    steps = epochs * -(-len(strokes) // BATCH_SIZE)
    schedule = keras.optimizers.schedules.CosineDecay(LEARNING_RATE, steps)
    model.compile(keras.optimizers.AdamW(schedule), "categorical_crossentropy", metrics=["accuracy"])
    rng, started, records = np.random.default_rng(seed), time.perf_counter(), []
    for epoch in range(epochs):
        x = np.stack([features(distorted(s, int(label), rng)) for s, label in zip(strokes, labels, strict=True)])
        model.fit(x, keras.utils.to_categorical(labels, CLASSES), batch_size=BATCH_SIZE, epochs=1, verbose=0)
        accuracy = float(np.mean(model.predict(val_x, batch_size=1_000, verbose=0).argmax(axis=1) == val_labels))
        records.append({"epoch": epoch + 1, "val_accuracy": accuracy})
        log(f"Epoch {epoch + 1}/{epochs}: validation writers {accuracy:.2%}")
    history = {
        "format": 1,
        "kind": "strokes",
        "seed": seed,
        "epochs": records,
        "train_size": len(strokes),
        "val_size": len(val_labels),
        "val_accuracy": records[-1]["val_accuracy"] if records else None,
        "training_seconds": round(time.perf_counter() - started, 1),
    }
    return model, history


def run_stroke_training(out: str | Path, seed: int = 0, epochs: int = EPOCHS, log=print) -> Path:
    """Train the stroke network and save it atomically at `out` (a `.keras` file, never inside the package)."""
    model, history = train_strokes(seed, epochs, log)
    return save_model_atomic(model, out, history)
