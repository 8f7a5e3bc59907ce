"""Who the model reads well: the validation writers by source, site, country and writer, and the writing styles.

Used by drawn_digits.py. Every drawing goes through the app's pipeline (a round pen on the 280x280 canvas,
handwriting.recognition.preprocess, the numpy network), in batches: handwriting.digits.drawn.draw_all.
A "confident" answer is one the app shows without "unsure" or "not a digit"; the share of confident answers
that are right is what a user who trusts them meets.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from stats import wilson

from handwriting.digits.drawn import bundled_unipen, draw_all, unipen_split
from handwriting.digits.pen import STYLES
from handwriting.digits.pendigits import PenDigits
from handwriting.digits.unipen import UnipenSet
from handwriting.labels import Status
from handwriting.recognition.calibration import expected_calibration_error
from handwriting.recognition.prediction import statuses
from handwriting.recognition.recognizer import Recognizer

SYNTHESIS_SEED = 21
THICK_SMALL = "thick_small"


def line(name: str, value) -> None:
    print(f"{name}={value}", flush=True)


def unipen_validation() -> UnipenSet:
    """The UNIPEN validation writers' digits (handwriting.digits.drawn.unipen_split), of the files read once."""
    return bundled_unipen()[0].by_writers(unipen_split().val)


def read_outputs(outputs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(digit read, -1 for "not a digit"; status) of each row of outputs, as the app decides it."""
    status = statuses(outputs)
    return np.where(status == Status.NOT_A_DIGIT, -1, outputs[:, :10].argmax(axis=1)), status


def read_images(recognizer: Recognizer, images: np.ndarray, drawings: Sequence | None = None) -> tuple[np.ndarray, ...]:
    """Read normalised images as the app does, with their drawings' paths when given: (digit read, -1 for "not
    a digit"; status; outputs; the outputs of the ink alone)."""
    ink = recognizer.predict_mnist(images)
    outputs = recognizer.with_paths(ink, drawings) if drawings is not None else ink
    return (*read_outputs(outputs), outputs, ink)


def read_drawn(
    recognizer: Recognizer, drawings: Sequence, style: str, seed: int, as_app: bool = True
) -> tuple[np.ndarray, ...]:
    """Draw every drawing in one style and read it as the app reads a drawing, ink and path (as an image, a
    scan, with as_app=False): (digit read, -1 for "not a digit"; status; outputs; the ink's alone)."""
    images = draw_all(list(drawings), seed=[seed, *style.encode()], style_names=[style], as_app=as_app)
    return read_images(recognizer, images, drawings if as_app else None)


def share_line(name: str, hits: np.ndarray) -> float:
    """`name=share (low-high, n)` with its Wilson 95% interval; returns the share."""
    hits = np.asarray(hits, bool)
    if hits.size == 0:
        line(name, "n/a (none)")
        return float("nan")
    low, high = wilson(int(hits.sum()), hits.size)
    line(name, f"{hits.mean():.4f} ({low:.4f}-{high:.4f}, n={hits.size})")
    return float(hits.mean())


def report_source(prefix: str, recognizer: Recognizer, drawings: Sequence, labels: np.ndarray,
                  groups: dict[str, np.ndarray], seeds: int) -> dict[str, float]:
    """Read a source's validation digits in every style and seed; print overall, per style, per group value
    (site, country), the worst writer, "not a digit" and the confident answers' precision. Returns figures."""
    read, status, outputs, style_of, truth, group_of = [], [], [], [], [], {key: [] for key in groups}
    ink_right = []
    for style in STYLES:
        for seed in range(seeds):
            digits, state, out, ink = read_drawn(recognizer, drawings, style, seed)
            ink_right.append(read_outputs(ink)[0] == labels)
            read.append(digits)
            status.append(state)
            outputs.append(out)
            style_of.append(np.full(len(digits), style))
            truth.append(labels)
            for key, values in groups.items():
                group_of[key].append(values)
    read, status, outputs, style_of, truth = map(np.concatenate, (read, status, outputs, style_of, truth))
    right = read == truth
    figures = {"overall": share_line(f"{prefix}_accuracy", right)}
    figures["ink_only"] = share_line(f"{prefix}_ink_only_accuracy", np.concatenate(ink_right))
    figures["ece"] = expected_calibration_error(outputs, truth)
    line(f"{prefix}_ece", f"{figures['ece']:.4f}")
    for style in STYLES:
        figures[style] = share_line(f"{prefix}_{style}_accuracy", right[style_of == style])
    for key, values in group_of.items():
        values = np.concatenate(values)
        per = {value: float(right[values == value].mean()) for value in np.unique(values)}
        if key == "writer":
            worst = min(per, key=per.get)
            line(f"{prefix}_worst_writer", f"{worst} {per[worst]:.4f} (of {len(per)} writers)")
            figures["worst_writer"] = per[worst]
            continue
        for value in sorted(per):
            figures[f"{key}_{value}"] = share_line(f"{prefix}_{key}_{value}_accuracy", right[values == value])
        worst = min(per, key=per.get)
        line(f"{prefix}_worst_{key}", f"{worst} {per[worst]:.4f}")
        figures[f"worst_{key}"] = per[worst]
    figures["not_a_digit"] = share_line(f"{prefix}_digits_called_not_a_digit", status == Status.NOT_A_DIGIT)
    confident = status == Status.CONFIDENT
    line(f"{prefix}_confident_share", f"{confident.mean():.4f}")
    figures["confident_right"] = share_line(f"{prefix}_confident_right", right[confident])
    return figures


def style_table(recognizer: Recognizer, sources: Sequence[tuple[str, Sequence, np.ndarray]]) -> dict[str, float]:
    """The writing styles MNIST lacks: the validation writers' own (detected), and the same styles synthesised
    on the validation writers' plain digits, each drawn once in a random style and read. Prints count and
    share read right per row."""
    from handwriting.digits.styles import STYLE_NAMES, detect_style, synthesise_style

    rng = np.random.default_rng(SYNTHESIS_SEED)
    real: dict[str, list] = {name: [] for name in STYLE_NAMES}
    made: dict[str, list] = {name: [] for name in STYLE_NAMES}
    for _source, drawings, labels in sources:
        for strokes, label in zip(drawings, labels, strict=True):
            found = detect_style(strokes, int(label))
            if found is not None:
                real[found].append((strokes, int(label)))
                continue
            for name in STYLE_NAMES:
                styled = synthesise_style(strokes, int(label), name, rng)
                if styled is not None:
                    made[name].append((styled, int(label)))
    figures = {}
    for kind, table in (("real", real), ("synthesised", made)):
        for name in STYLE_NAMES:
            rows = table[name]
            if not rows:
                line(f"style_{kind}_{name}", "n/a (none)")
                continue
            images = draw_all([strokes for strokes, _ in rows], seed=[SYNTHESIS_SEED, len(rows)])
            digits = read_images(recognizer, images, [strokes for strokes, _ in rows])[0]
            figures[f"{kind}_{name}"] = share_line(
                f"style_{kind}_{name}_accuracy", digits == np.array([label for _, label in rows])
            )
    return figures


def pen_groups(val: PenDigits) -> dict[str, np.ndarray]:
    """The pen validation writers' groups: writer only (one source, one country)."""
    return {"writer": np.array([f"pendigits/{w}" for w in val.writers])}


def unipen_groups(val: UnipenSet) -> dict[str, np.ndarray]:
    """The UNIPEN validation writers' groups: site, country, writer."""
    samples = val.samples
    return {
        "site": np.array([s.site for s in samples]),
        "country": np.array([s.country for s in samples]),
        "writer": np.array([s.writer for s in samples]),
    }
