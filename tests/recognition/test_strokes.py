"""The stroke network: the path's features, its numpy pass against Keras, and reading ink and path together."""

from __future__ import annotations

import numpy as np
import pytest

from handwriting.digits.drawn import bundled_unipen, unipen_split
from handwriting.digits.pen import STYLES, draw_as_read
from handwriting.recognition.recognizer import Recognizer
from handwriting.recognition.strokes import FEATURES, POINTS, StrokeNetwork, combined, features

from helpers import ONE, RING, pen_strokes, written_number


def test_features_keep_the_path_whatever_its_place_and_size_and_drop_bad_points():
    four = pen_strokes([(45, 0), (10, 65), (90, 65)], [(70, 5), (70, 100)])
    base = features(four)
    assert base.shape == (POINTS, FEATURES) and base.dtype == np.float32
    moved = features([stroke * 3.0 + [500.0, -20.0] for stroke in four])
    np.testing.assert_allclose(moved, base, atol=1e-5)  # the box's place and size do not matter
    assert 0.0 < base[:, 2].mean() < 1.0  # the pen is down along the strokes, up on the jump between them
    with_nan = [np.vstack([four[0], [[np.nan, 3.0]]]), four[1]]
    np.testing.assert_allclose(features(with_nan), base, atol=1e-6)
    assert features(None) is None and features([]) is None and features([[[np.inf, 1.0]]]) is None
    assert np.isfinite(features([[[5.0, 5.0]]])).all()  # a dot
    reversed_four = [stroke[::-1] for stroke in four[::-1]]
    assert not np.allclose(features(reversed_four), base)  # the order and direction are what it reads


def test_combined_multiplies_the_digits_and_keeps_the_share_of_not_a_digit():
    outputs = np.array([[0.5, 0.3] + [0.0] * 8 + [0.2]], np.float32)
    strokes = np.array([[0.1, 0.9] + [0.0] * 8])
    both = combined(outputs, strokes, weight=1.0)
    assert both.sum() == pytest.approx(1.0) and both[0, 10] == pytest.approx(0.2)
    assert both[0, 1] > both[0, 0]  # 0.3 * 0.9 beats 0.5 * 0.1
    uniform = combined(outputs, np.full((1, 10), 0.1), weight=1.0)
    np.testing.assert_allclose(uniform, outputs, atol=1e-6)  # a path that says nothing changes nothing
    # With its own "not a digit", the stroke network votes on it too: a ring the ink calls "not a digit"
    # (a slashed zero, say) and the path calls a 0 is a 0.
    ring = np.array([[0.18] + [0.0] * 9 + [0.8]], np.float32)
    path = np.array([[0.98] + [0.0] * 9 + [0.02]])
    both = combined(ring, path, weight=1.0)
    assert both.sum() == pytest.approx(1.0) and both[0].argmax() == 0
    assert combined(ring, path[:, :10] / path[:, :10].sum(), weight=1.0)[0].argmax() == 10  # digits alone: it stays



def test_ink_and_path_each_sure_of_another_digit_give_the_products_digit_unsure_with_the_other_runner_up():
    from handwriting.recognition.prediction import LOW_CONFIDENCE

    six = np.array([[0.0] * 5 + [0.04, 0.95, 0.0, 0.0, 0.0, 0.01]], np.float32)  # the ink: a 6
    five = np.array([[0.0] * 5 + [0.99999, 1e-5, 0.0, 0.0, 0.0, 0.0]])  # the path (a clockwise 6): a 5
    product = six[0] * np.power(np.maximum(five[0], 1e-12), 0.7)
    assert product[5] / product.sum() > 0.99  # the product alone: a 5, 99% sure
    both = combined(six, five)[0]
    assert both.sum() == pytest.approx(1.0)
    assert both.argmax() == 5 and np.argsort(both[:10])[-2] == 6  # the product's pick, the ink's 6 next
    assert both[5] < LOW_CONFIDENCE  # was 0.99: in doubt, so the answer says so
    agreed = combined(six, np.array([[0.0] * 6 + [0.999, 0.0, 0.0, 0.0, 0.001]]))[0]
    assert agreed[6] > 0.999  # where they agree, as sure as before
    doubt = np.array([[0.0] * 5 + [0.6, 0.4, 0.0, 0.0, 0.0, 0.0]])  # a path in doubt is no dispute: the product
    plain = six[0] * np.power(np.maximum(doubt[0], 1e-12), 0.7)
    np.testing.assert_allclose(combined(six, doubt)[0], plain / plain.sum(), atol=1e-6)


@pytest.mark.tensorflow
def test_the_numpy_pass_matches_keras(tmp_path):
    from handwriting.training.stroke_model import build_stroke_model

    model = build_stroke_model(seed=3)
    rng = np.random.default_rng(0)
    for layer in model.layers:  # batch norm statistics other than 0 and 1
        if layer.__class__.__name__ == "BatchNormalization":
            layer.set_weights([rng.uniform(0.5, 1.5, w.shape).astype(np.float32) for w in layer.get_weights()])
    model.save(tmp_path / "strokes.keras")
    batch = rng.normal(size=(5, POINTS, FEATURES)).astype(np.float32)
    network = StrokeNetwork.from_file(tmp_path / "strokes.keras")
    np.testing.assert_allclose(network.forward(batch), np.asarray(model(batch)), atol=1e-5)


def test_the_shipped_recogniser_reads_unseen_writers_better_from_ink_and_path_than_from_ink():
    recognizer = Recognizer.load()
    assert recognizer.strokes is not None
    digits = bundled_unipen()[0].by_writers(unipen_split().val).samples[::10]  # 353 digits of 119 writers
    rng = np.random.default_rng(5)
    canvases = [draw_as_read(sample.strokes, STYLES["centred_large"], rng) for sample in digits]
    labels = [int(sample.label) for sample in digits]
    ink = sum(recognizer.predict(canvas).digit == label for canvas, label in zip(canvases, labels, strict=True))
    both = sum(
        recognizer.predict(canvas, sample.strokes).digit == label
        for canvas, sample, label in zip(canvases, digits, labels, strict=True)
    )
    assert both > ink  # about 99.5% against 98.9% on all of them (benchmarks/drawn_digits.py)


class SaysSeven:
    """A stroke network that reads every path as a 7."""

    def forward(self, batch: np.ndarray) -> np.ndarray:
        out = np.zeros((len(batch), 10), np.float32)
        out[:, 7] = 1.0
        return out


def test_a_number_is_read_from_its_pieces_paths_when_the_strokes_are_given():
    canvas, strokes = written_number(ONE, RING)
    recognizer = Recognizer.load()
    assert recognizer.read_number(canvas, strokes).text == "10"
    recognizer.strokes = SaysSeven()
    assert recognizer.read_number(canvas, strokes).text == "77"  # the paths were read
    assert recognizer.read_number(canvas).text == "10"  # an image alone has no path to read


def test_a_stroke_cut_in_parts_is_read_in_the_order_it_was_drawn():
    from handwriting.recognition.segments import read_pieces

    # One wide stroke that runs right, back left and right again: cut at its turns, its parts sorted by x.
    xs = np.concatenate([np.linspace(300, 560, 40), np.linspace(560, 20, 50), np.linspace(20, 250, 40)])
    ys = np.concatenate([np.linspace(40, 60, 40), np.linspace(60, 120, 50), np.linspace(120, 160, 40)])
    stroke = np.stack([xs, ys], axis=1)
    canvas = np.zeros((200, 600), np.float32)
    for x, y in stroke.astype(int):
        canvas[y - 4 : y + 5, x - 4 : x + 5] = 1.0
    pieces = read_pieces(canvas, [stroke])
    assert len(pieces) > 1 and {piece.stroke for piece in pieces} == {0}
    in_order = sorted(pieces, key=lambda piece: (piece.stroke, piece.part))
    assert [piece.part for piece in in_order] == list(range(len(pieces)))
    joined = np.concatenate([piece.path for piece in in_order])
    assert joined[0].tolist() == stroke[0].tolist() and joined[-1].tolist() == stroke[-1].tolist()
    assert [piece.part for piece in pieces] != list(range(len(pieces)))  # by x, the parts are out of order
