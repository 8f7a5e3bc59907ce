"""Looking inside (handwriting.inside): rows, filters and the worked sum agree with the forward pass,
and the heat maps follow the drawing."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.inside.look_inside import INPUT, MAPS, OUTPUTS, POOLED, STRIP, LookInside, output_label
from handwriting.inside.slices import SlicedForward
from handwriting.recognition.layers import sliced_matmul
from handwriting.recognition.network import NumpyNetwork

WIDE_SHAPES = [(28, 28), (24, 24, 24), (24, 12, 12), (64, 8, 8), (64, 4, 4), (256,), (64,), (11,)]  # + "not a digit"
LENET5_SHAPES = [(28, 28), (6, 28, 28), (6, 14, 14), (16, 10, 10), (16, 5, 5), (120,), (84,), (10,)]
KINDS = [INPUT, MAPS, POOLED, MAPS, POOLED, STRIP, STRIP, OUTPUTS]


@pytest.fixture(scope="session")
def wide() -> NumpyNetwork:
    """The shipped model (preset wide: 'valid' first convolution, batch normalisation)."""
    return NumpyNetwork.from_file(DEFAULT_MODEL_PATH)


@pytest.fixture(scope="session")
def lenet5(tmp_path_factory) -> NumpyNetwork:
    """An untrained lenet5 ('same' first convolution, biases, no batch normalisation), saved and read back."""
    from handwriting.training.model import build_model

    path = tmp_path_factory.mktemp("lenet5") / "lenet5.keras"
    build_model("lenet5", seed=1).save(path)
    return NumpyNetwork.from_file(path)


@pytest.fixture(params=["wide", "lenet5"])
def network(request) -> NumpyNetwork:
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="session")
def digits(mnist) -> np.ndarray:
    """A few MNIST test digits as float images in [0, 1]."""
    return mnist.test_images[:6].astype(np.float32) / 255.0


@pytest.mark.tensorflow
@pytest.mark.parametrize(("name", "shapes"), [("wide", WIDE_SHAPES), ("lenet5", LENET5_SHAPES)])
def test_rows_group_every_layer_with_words(request, digits, name, shapes):
    inside = LookInside(request.getfixturevalue(name))
    snapshot = inside.look(digits[0])
    assert [row.kind for row in inside.rows] == KINDS
    assert [value.shape for value in snapshot.values] == shapes == inside.shapes()
    assert all(row.title and len(row.caption) > 40 for row in inside.rows)
    assert [row.convolution for row in inside.rows if row.kind in (MAPS, POOLED)] == [0, 0, 1, 1]
    assert [inside.filters(row)[0].shape for row in inside.rows if row.kind == MAPS] == [
        (shapes[1][0], 1, 5, 5),
        (shapes[3][0], shapes[1][0], 5, 5),
    ]


@pytest.mark.tensorflow
def test_row_values_are_the_forward_pass(network, digits):
    inside = LookInside(network)
    snapshot = inside.look(digits[1])
    outputs = [out for _, out in network.outputs(digits[1][:, :, None])]
    np.testing.assert_array_equal(snapshot.values[0], digits[1])
    for row, values in zip(inside.rows[1:], snapshot.values[1:], strict=True):
        expected = np.moveaxis(outputs[row.layer], -1, 0) if row.kind in (MAPS, POOLED) else outputs[row.layer]
        np.testing.assert_allclose(values, expected, rtol=1e-5, atol=5e-6)  # float32 sums of up to 600 terms
    np.testing.assert_allclose(snapshot.probabilities, network.forward(digits[1][None, :, :, None])[0], atol=1e-6)
    conv_maps = snapshot.values[1]
    assert conv_maps.min() >= 0 and conv_maps.max() > 0  # after ReLU


@pytest.mark.tensorflow
def test_first_layer_sum_is_exactly_the_feature_map(network, digits):
    """Patch x folded filter, summed, plus bias, through ReLU: the map's value, also at the edges."""
    inside = LookInside(network)
    image = digits[2]
    maps = inside.look(image).values[1]
    channels, height, width = maps.shape
    rng = np.random.default_rng(0)
    spots = [(0, 0), (height - 1, width - 1), (0, width - 1)] + [tuple(rng.integers(0, height, 2)) for _ in range(20)]
    for row, col in spots:
        for channel in rng.choice(channels, 3, replace=False):
            step = inside.first_layer_step(image, int(row), int(col), int(channel))
            assert step.dot == pytest.approx(float(np.sum(step.patch * step.filter)), abs=1e-9)
            assert step.before == pytest.approx(step.dot + step.bias)
            assert step.value == pytest.approx(max(step.before, 0.0))
            assert step.value == pytest.approx(float(maps[channel, row, col]), abs=2e-5)
            assert step.finish_name == "ReLU"


@pytest.mark.tensorflow
def test_patch_is_the_input_under_the_filter_with_zeros_outside(lenet5, wide, digits):
    image = digits[0]
    same = LookInside(lenet5).first_layer_step(image, 0, 0, 0)  # 'same': two rows and columns outside
    assert (same.top, same.left) == (-2, -2)
    np.testing.assert_array_equal(same.patch[:2], 0)
    np.testing.assert_array_equal(same.patch[2:, 2:], image[:3, :3])
    valid = LookInside(wide).first_layer_step(image, 10, 7, 3)  # 'valid': the patch starts at the position
    assert (valid.top, valid.left) == (10, 7)
    np.testing.assert_array_equal(valid.patch, image[10:15, 7:12])


def test_batch_norm_is_folded_into_the_shipped_models_filters(wide):
    inside = LookInside(wide)
    conv = wide.layers[inside.convolutions[0].layer]
    assert conv.params["bias"] is None  # the shipped model's convolutions have batch norm instead of a bias
    raw = np.moveaxis(conv.params["kernel"], (3, 2), (0, 1))
    folded, biases = inside.filters(inside.rows[1])
    assert not np.allclose(folded, raw) and np.any(biases != 0)


@pytest.mark.parametrize(("rows", "inner", "columns"), [(5632, 400, 32), (90, 512, 128), (7, 64, 10), (1, 25, 16)])
def test_sliced_products_are_the_products(rows, inner, columns):
    rng = np.random.default_rng(rows)
    a, b = rng.random((rows, inner), np.float32), rng.random((inner, columns), np.float32)
    np.testing.assert_allclose(sliced_matmul(a, b), a @ b, rtol=1e-5)


@pytest.mark.tensorflow
def test_sliced_forward_is_the_forward_pass(network, digits):
    images = digits[:, :, :, None]
    np.testing.assert_allclose(SlicedForward(network).run(images), network.forward(images), atol=1e-6)


@pytest.mark.tensorflow
def test_covered_copies_take_the_shortcut_exactly(network, digits):
    """The first convolution corrected inside each square's window equals running every covered copy."""
    occlusion = LookInside(network).occlusion
    positions = np.arange(len(occlusion.coverage))
    fast = occlusion.forward_covered(digits[3], positions)
    slow = network.forward(occlusion.covered_images(digits[3], positions))
    np.testing.assert_allclose(fast, slow, atol=1e-5)


def test_heat_maps_follow_the_drawing(wide, digits):
    inside = LookInside(wide)
    first, second = inside.look(digits[0]).evidence, inside.look(digits[1]).evidence
    assert not np.allclose(first.decided, second.decided)
    assert first.predicted != first.runner_up
    ink = digits[0] > 0
    near_ink = np.zeros_like(ink)
    for dy in range(-3, 4):  # the covering square (4 px) reaches at most 3 px beyond the ink
        for dx in range(-3, 4):
            near_ink |= np.roll(np.roll(ink, dy, axis=0), dx, axis=1)
    assert np.all(first.decided[~near_ink] == 0)  # covering blank paper changes nothing
    assert first.decided.max() > 0.1  # the drawing's strokes spoke for the answer
    # Blacking out the parts the map marks most decisive lowers the network's belief the most.
    probabilities = inside.look(digits[0]).probabilities
    hottest = first.decided >= np.quantile(first.decided[ink], 0.8)
    coldest = (first.decided <= np.quantile(first.decided[ink], 0.2)) & ink
    hot_drop = wide.forward((digits[0] * ~hottest)[None, :, :, None])[0, first.predicted]
    cold_drop = wide.forward((digits[0] * ~coldest)[None, :, :, None])[0, first.predicted]
    assert hot_drop < cold_drop and hot_drop < probabilities[first.predicted]


def test_blank_image_has_no_evidence(wide):
    evidence = LookInside(wide).look(np.zeros((28, 28), np.float32)).evidence
    assert not evidence.decided.any() and not evidence.versus.any()


def test_an_eleventh_not_a_digit_output_is_shown_not_assumed_away(wide, digits):
    """A model with a "not a digit" output: 11 outputs, labelled, in the row and the heat maps."""
    last = wide.layers[-1]
    rng = np.random.default_rng(0)
    digits_kernel, digits_bias = last.params["kernel"][:, :10], last.params["bias"][:10]  # the ten digits' outputs
    kernel = np.concatenate([digits_kernel, rng.normal(0, 0.1, (digits_kernel.shape[0], 1))], 1)
    bias = np.append(digits_bias, 50.0).astype(np.float32)  # it strongly believes "not a digit"
    kernel = kernel.astype(np.float32)

    def apply(x):
        logits = x @ kernel + bias
        shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
        return shifted / shifted.sum(axis=-1, keepdims=True)

    eleven = NumpyNetwork(
        [*wide.layers[:-1], replace(last, apply=apply, params={**last.params, "kernel": kernel, "bias": bias})]
    )
    inside = LookInside(eleven)
    snapshot = inside.look(digits[0])
    assert snapshot.values[-1].shape == (11,)
    assert "not a digit" in inside.rows[-1].caption
    assert snapshot.evidence.predicted == 10 and output_label(10) == "not a digit"
    assert output_label(7) == "7"
