"""The "Look inside" view: follows the drawing, computes nothing while hidden, shows filters and the worked sum."""

from __future__ import annotations

import numpy as np
import pytest
from PyQt5.QtCore import QEvent, QPointF, Qt
from PyQt5.QtGui import QMouseEvent
from PyQt5.QtWidgets import QApplication

from handwriting.files.model_files import DEFAULT_MODEL_PATH
from handwriting.gui.inside.inside_details import number_text
from handwriting.gui.inside.inside_maps import DIVERGING
from handwriting.gui.inside.inside_view import InsideView
from handwriting.recognition.network import NumpyNetwork

from helpers import drag


@pytest.fixture(scope="module")
def network() -> NumpyNetwork:
    return NumpyNetwork.from_file(DEFAULT_MODEL_PATH)


@pytest.fixture(scope="module")
def digits(mnist) -> np.ndarray:
    return mnist.test_images[:4].astype(np.float32) / 255.0


@pytest.fixture()
def view(qtbot, network) -> InsideView:
    view = InsideView()
    qtbot.addWidget(view)
    view.set_network(network)
    view.resize(1160, 650)
    return view


def shown(qtbot, view: InsideView, image: np.ndarray) -> None:
    """Show the view with this image and wait for the update."""
    before = view.compute_count
    view.show_image(image)
    if not view.isVisible():
        view.show()
    qtbot.waitUntil(lambda: view.compute_count > before)


def viewport_point(pane, x: float, y: float) -> QPointF:
    """Where pixel (x, y) of a pane's picture is, in its viewport's coordinates."""
    return QPointF(pane.mapFromScene(pane.box.mapViewToScene(QPointF(x + 0.5, y + 0.5))))


def mouse(pane, kind, point: QPointF, button=Qt.LeftButton, buttons=Qt.LeftButton) -> None:
    QApplication.sendEvent(pane.viewport(), QMouseEvent(kind, point, button, buttons, Qt.NoModifier))


def test_view_follows_the_drawing(qtbot, view, digits):
    assert view.objectName() == "insideView"
    shown(qtbot, view, digits[0])
    conv1, bars = view.pane("conv1"), view.pane("probabilities")
    first_maps, first_bars = conv1.item.image.copy(), bars.bars.opts["height"].copy()
    first_heat = view.details.decided.item.image.copy()
    assert view.details.decided_title.text() == "for “7”"
    shown(qtbot, view, digits[1])
    assert not np.array_equal(conv1.item.image, first_maps)
    assert not np.array_equal(bars.bars.opts["height"], first_bars)
    assert not np.array_equal(view.details.decided.item.image, first_heat)
    assert view.details.decided_title.text() == "for “2”"
    np.testing.assert_array_equal(view.snapshot.values[0], digits[1])


def test_empty_canvas_shows_a_hint_and_no_answer(qtbot, view, digits):
    shown(qtbot, view, digits[0])
    shown(qtbot, view, None)
    assert view.message.isVisible() and "Draw a digit" in view.message.text()
    assert not np.any(view.pane("probabilities").bars.opts["height"])
    assert view.details.decided_title.text() == ""


def test_nothing_is_computed_while_hidden_and_only_the_latest_image_then(qtbot, view, digits):
    for image in digits:
        view.show_image(image)
    QApplication.processEvents()
    assert view.compute_count == 0 and view.snapshot is None
    view.show()
    qtbot.waitUntil(lambda: view.compute_count == 1)
    np.testing.assert_array_equal(view.snapshot.values[0], digits[-1])
    view.hide()
    view.show_image(digits[0])
    qtbot.wait(50)
    assert view.compute_count == 1


def test_rapid_updates_are_coalesced_into_one(qtbot, view, digits):
    shown(qtbot, view, digits[0])
    for image in [*digits, *digits]:
        view.show_image(image)
    qtbot.waitUntil(lambda: view.compute_count == 2)
    qtbot.wait(50)
    assert view.compute_count == 2
    np.testing.assert_array_equal(view.snapshot.values[0], digits[-1])


@pytest.mark.parametrize(("key", "patterns"), [("conv1", 1), ("pool1", 1), ("conv2", 24)])  # 24: conv1's maps
def test_clicking_a_map_shows_its_filter(qtbot, view, digits, key, patterns):
    shown(qtbot, view, digits[0])
    pane = view.pane(key)
    rect = pane.map_rect(3)
    point = viewport_point(pane, rect.left() + 2, rect.top() + 2)
    mouse(pane, QEvent.MouseButtonPress, point)
    mouse(pane, QEvent.MouseButtonRelease, point, buttons=Qt.NoButton)
    number = 2 if key == "conv2" else 1
    qtbot.waitUntil(lambda: f"convolution {number}, map 4" in view.details.filter_title.text())
    picture = view.details.filter.item.image
    assert picture.shape[:2] == (5, 5) if patterns == 1 else picture.shape[0] * picture.shape[1] >= patterns * 25
    assert pane.marks[0].isVisible() and pane.marks[0].rect() == rect
    if key == "conv2":
        assert f"each of the {patterns} maps it reads" in view.details.filter_caption.text()


def test_hovering_a_first_layer_map_works_out_its_sum(qtbot, view, digits):
    shown(qtbot, view, digits[0])
    pane = view.pane("conv1")
    map_index, row, column = 5, 11, 9
    rect = pane.map_rect(map_index, row, column)
    mouse(pane, QEvent.MouseMove, viewport_point(pane, rect.left(), rect.top()), Qt.NoButton, Qt.NoButton)
    step = view.inside.first_layer_step(digits[0], row, column, map_index)
    qtbot.waitUntil(lambda: f"Map {map_index + 1}, row {row + 1}, column {column + 1}" in view.details.step_text.text())
    text = view.details.step_text.text()
    assert number_text(step.dot) in text and number_text(step.bias) in text
    assert number_text(step.value, signed=False) in text
    assert step.value == pytest.approx(float(view.snapshot.values[1][map_index, row, column]), abs=2e-5)
    np.testing.assert_array_equal(view.details.patch.item.image.shape, (5, 5, 3))
    input_mark = view.pane("input").marks[0]
    assert (input_mark.rect().left(), input_mark.rect().top()) == (column, row)  # 'valid': the patch starts there


def test_the_worked_out_sum_starts_at_each_drawings_strongest_spot_until_the_mouse_points(qtbot, view, digits):
    shown(qtbot, view, np.zeros((28, 28), np.float32))  # the tab opened on an empty canvas
    for image in digits[:2]:
        shown(qtbot, view, image)
        first_map = view.snapshot.values[1][0]
        row, column = np.unravel_index(int(np.argmax(first_map)), first_map.shape)
        assert f"Map 1, row {row + 1}, column {column + 1}" in view.details.step_text.text()
    view.probe(5, 6, 2)  # the mouse points at a spot: it stays there for the next drawing
    shown(qtbot, view, digits[2])
    assert "Map 3, row 6, column 7" in view.details.step_text.text()


def test_no_model_says_so(qtbot, view, digits):
    shown(qtbot, view, digits[0])
    assert not view.message.isVisible()
    view.set_network(None)
    view.show_image(digits[1])
    qtbot.waitUntil(lambda: "No model" in view.message.text())
    assert view.message.isVisible() and view.compute_count == 1


def test_the_window_has_a_look_inside_tab_that_follows_the_canvas(qtbot, window):
    inside = window.findChild(InsideView, "insideView")
    assert inside is not None
    window.show()
    window.actions.show_tab[3].trigger()  # Ctrl+4
    assert window.tabs.current_page() is inside
    before = inside.compute_count
    drag(window.canvas, [(100, 60), (105, 130), (110, 200)])
    qtbot.waitUntil(lambda: inside.compute_count > before, timeout=3000)


# 9. Near-zero products: near white, and a sum that rounds to zero reads "0.000", not "-0.000".
def test_near_zero_products_stay_near_white_and_read_zero(qtbot, view):
    faint = np.zeros((28, 28), np.float32)
    faint[8:20, 8:20] = 1e-4  # ink too faint to matter
    shown(qtbot, view, faint)
    channel = next(c for c in range(24) if view.inside.first_layer_step(faint, 12, 12, c).dot < 0)
    view.probe(12, 12, channel)
    text = view.details.step_text.text()
    assert "sum of the 25 products = <b>0.000</b>" in text and "-0.000" not in text and "+0.000" not in text
    products = view.details.product.item.image.astype(int)
    neutral = DIVERGING[128].astype(int)  # the colour of zero
    assert np.abs(products - neutral).max() <= 6  # tiny products are not painted as strong ones


# 9. The bias reads the same in the filter's title and in the worked-out sum.
def test_the_bias_has_one_precision_in_the_title_and_the_sum(qtbot, view, digits):
    shown(qtbot, view, digits[0])
    view.select_map("conv1", 4)
    view.probe(10, 10, 4)
    bias = f"{float(view.inside.convolutions[0].biases[4]):+.3f}"
    assert f"(bias {bias})" in view.details.filter_title.text()
    assert f"+ bias {bias}" in view.details.step_text.text()


# 9. White ink cells of the input patch keep their edges: outlined cells on a grey surround.
def test_the_input_patch_outlines_its_cells(qtbot, view, digits):
    shown(qtbot, view, digits[0])
    patch = view.details.patch
    assert patch.backgroundBrush().color().name() not in ("#ffffff", "#000000")
    assert patch.cells is not None and patch.cells.path().elementCount() == 2 * 12  # 6 lines each way
    assert patch.item.image.max() >= 250  # the white ink is there, drawn inside the grey lines


# 9. The details panel keeps its size whatever it shows: no layout shift, no scrollbar coming and going.
def test_the_details_panel_keeps_its_size(qtbot, view, digits):
    shown(qtbot, view, digits[0])
    heights = {"a digit": view.details.minimumSizeHint().height()}
    view.select_map("conv2", 63)
    heights["a second-layer filter"] = view.details.minimumSizeHint().height()
    view.select_map("conv1", 0)
    heights["a first-layer filter"] = view.details.minimumSizeHint().height()
    shown(qtbot, view, np.zeros((28, 28), np.float32))
    heights["nothing drawn"] = view.details.minimumSizeHint().height()
    scribble = np.zeros((28, 28), np.float32)
    scribble[4:24:3, 4:24] = 1.0  # stripes: not a digit, probably
    shown(qtbot, view, scribble)
    heights["stripes"] = view.details.minimumSizeHint().height()
    assert len(set(heights.values())) == 1, heights


# Tour at 1000x650: the whole tab scrolled, carrying both columns and half of "What decided it" out of view, while
# the rows' own scroll bar beside it had no thumb. Each column scrolls on its own, the tab never.
def test_in_a_small_window_each_column_scrolls_on_its_own_and_the_tab_never(window, qtbot):
    from PyQt5.QtWidgets import QScrollArea

    from handwriting.gui.app.main_tabs import INSIDE_TAB

    window.resize(1000, 650)
    window.show()
    drag(window.canvas, [(140, 40), (140, 240)])
    window.tabs.setCurrentIndex(INSIDE_TAB)
    view = window.inside_view
    qtbot.waitUntil(lambda: view.compute_count > 0, timeout=5000)
    QApplication.processEvents()
    assert window.tabs.widget(INSIDE_TAB).verticalScrollBar().maximum() == 0  # the tab fits the window
    columns = [area for area in view.findChildren(QScrollArea)]
    assert len(columns) == 2 and all(area.verticalScrollBar().maximum() > 0 for area in columns)
    assert all(area.horizontalScrollBar().maximum() == 0 for area in columns)  # nothing scrolls sideways
