"""The Training curves tab: loss and accuracy (in percent) per epoch, training and validation, growing live."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PyQt5.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt
from PyQt5.QtGui import QColor, QPen
from PyQt5.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from handwriting.gui import wording
from handwriting.gui.common.plots import style_plot
from handwriting.gui.training.curve_readout import along, clear_spot

SYMBOL_SIZE, LONE_SYMBOL_SIZE = 7, 13  # a point among others; the only point, of a one-epoch run
TRAIN_COLOUR = "#1f6fd1"
VAL_COLOUR = "#d9480f"
translate = QCoreApplication.translate


def curve_names() -> dict[str, str]:
    """Each curve's name in the legend and the read-out, in the current language."""
    return {"loss": translate("Curves", "training loss"), "val_loss": translate("Curves", "validation loss"),
            "accuracy": translate("Curves", "training accuracy"),
            "val_accuracy": translate("Curves", "validation accuracy")}


def plot_titles() -> dict[str, tuple[str, str]]:
    """Each plot's title and y-axis label, by its key."""
    return {"loss": (translate("Curves", "Loss"), translate("Curves", "loss")),
            "accuracy": (translate("Curves", "Accuracy"), translate("Curves", "accuracy (%)"))}


class _Curves:
    """One plot with a training and a validation curve, and a hover read-out of the nearest epoch."""

    def __init__(self, widget: pg.PlotWidget, key: str, legend_at: tuple[int, int], percent: bool = False) -> None:
        self.widget = widget
        self.key = key
        self.scale = 100.0 if percent else 1.0
        plot = style_plot(widget)
        plot.getAxis("bottom").setTickSpacing(major=1, minor=1)
        # Loss falls and accuracy rises: each legend sits in the corner its curves leave free.
        self.legend = legend = plot.addLegend(
            offset=legend_at, labelTextColor="#222222", brush=pg.mkBrush(255, 255, 255, 210)
        )
        legend.setParentItem(plot.vb)
        self.train = plot.plot(
            [], [], name=key, pen=pg.mkPen(TRAIN_COLOUR, width=2),
            symbol="o", symbolSize=SYMBOL_SIZE, symbolBrush=TRAIN_COLOUR, symbolPen=None,
        )
        self.val = plot.plot(
            [], [], name=f"val_{key}", pen=pg.mkPen(VAL_COLOUR, width=2, style=Qt.DashLine),
            symbol="s", symbolSize=SYMBOL_SIZE, symbolBrush=VAL_COLOUR, symbolPen=None,
        )
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=QPen(QColor(0, 0, 0, 70), 0, Qt.DotLine))
        self.readout = pg.TextItem("", color="#111111", fill=pg.mkBrush(255, 255, 224, 235), border="#999999",
                                   anchor=(0, 0.5))  # placed by its left edge's middle (_clear_spot)
        for item in (self.marker, self.readout):
            plot.addItem(item, ignoreBounds=True)
            item.hide()
        self.records: list[dict] = []
        widget.scene().sigMouseMoved.connect(self._hover)
        self._leave_filter = _HideOnLeave(self.hide_readout, widget)
        widget.installEventFilter(self._leave_filter)
        self.retranslate()

    def retranslate(self) -> None:
        """Title, axis labels and legend in the current language."""
        plot = self.widget.getPlotItem()
        title, label = plot_titles()[self.key]
        plot.setTitle(title, color="#222222")
        plot.setLabel("bottom", translate("Curves", "epoch"))
        plot.setLabel("left", label)
        names = curve_names()
        for curve, name in ((self.train, self.key), (self.val, f"val_{self.key}")):
            self.legend.removeItem(curve)
            self.legend.addItem(curve, names[name])

    def set_records(self, records: list[dict], planned: int = 0) -> None:
        self.records = records
        epochs = [float(r.get("epoch", i + 1)) for i, r in enumerate(records)]
        size = LONE_SYMBOL_SIZE if len(records) == 1 else SYMBOL_SIZE  # one epoch: two dots, large enough to see
        self.train.setData(epochs, [_number(r.get(self.key)) * self.scale for r in records], symbolSize=size)
        self.val.setData(epochs, [_number(r.get(f"val_{self.key}")) * self.scale for r in records], symbolSize=size)
        plot = self.widget.getPlotItem()
        plot.setXRange(0.5, max(1, planned, len(records)) + 0.5, padding=0)  # one tick per epoch, and no more
        if records:
            plot.enableAutoRange(axis="y")
        else:  # nothing to fit: a neutral frame (0 to 1, 0 to 100%), not the last curves' range
            plot.setYRange(0.0, self.scale, padding=0)
        self.hide_readout()

    def hide_readout(self) -> None:
        """No epoch is pointed at: the marker and the read-out go."""
        self.marker.hide()
        self.readout.hide()

    def describe(self, index: int) -> str:
        record = self.records[index]
        names = curve_names()
        lines = [translate("Curves", "epoch {epoch}").format(epoch=record.get("epoch", index + 1))]
        for name in (self.key, f"val_{self.key}"):
            value = _number(record.get(name))
            shown = f"{value:.2%}" if self.scale != 1.0 else f"{value:.4f}"
            lines.append(f"{names[name]}: " + (translate("Curves", "n/a") if math.isnan(value) else shown))
        return "\n".join(lines)

    def _hover(self, scene_pos: QPointF) -> None:
        plot = self.widget.getPlotItem()
        if not self.records or not plot.sceneBoundingRect().contains(scene_pos):
            self.hide_readout()
            return
        point = plot.vb.mapSceneToView(scene_pos)
        index = int(np.clip(round(point.x()) - 1, 0, len(self.records) - 1))
        text = self.describe(index)
        epoch = float(self.records[index].get("epoch", index + 1))
        self.marker.setPos(epoch)
        self.readout.setText(text)  # the one read-out, moved and rewritten in place (no tooltip repeats it)
        self.readout.setPos(*self._clear_spot(epoch))
        self.marker.show()
        self.readout.show()
        self.readout.updateTransform(force=True)  # unscaled: pyqtgraph skips that while hidden, as the axes changed

    def _clear_spot(self, epoch: float) -> tuple[float, float]:
        """Where the read-out's left edge and middle go: beside the marker at `epoch`, on the side with more room
        first, clear of both curves and of the legend (curve_readout.clear_spot), a few pixels to spare."""
        vb = self.widget.getPlotItem().vb
        (x_low, x_high), y_range = vb.viewRange()
        pixel_x, pixel_y = vb.viewPixelSize()
        size = self.readout.textItem.boundingRect()
        width, gap = (size.width() + 8) * pixel_x, 6 * pixel_x
        beside = [epoch + gap, epoch - gap - width]
        lefts = beside[::-1] if epoch > (x_low + x_high) / 2 else beside
        points = np.concatenate([along(*curve.getData()) for curve in (self.train, self.val)])
        legend = vb.mapSceneToView(self.legend.sceneBoundingRect()).boundingRect()
        avoid = (legend.left(), legend.right(), legend.top(), legend.bottom())
        left, middle = clear_spot(points, (width, (size.height() + 8) * pixel_y), lefts, ((x_low, x_high), y_range),
                                  avoid)
        return left + 4 * pixel_x, middle


class _HideOnLeave(QObject):
    """Calls `hide` when the mouse leaves the watched widget or the widget is hidden (another tab)."""

    def __init__(self, hide, parent: QObject) -> None:
        super().__init__(parent)
        self._hide = hide

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Leave, QEvent.Hide):
            self._hide()
        return False


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


class TrainingCurves(QWidget):
    """Loss and accuracy per epoch, training and validation, side by side; grows one epoch at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.loss_widget = pg.PlotWidget(self)
        self.loss_widget.setObjectName("lossPlot")
        self.accuracy_widget = pg.PlotWidget(self)
        self.accuracy_widget.setObjectName("accuracyPlot")
        for widget in (self.loss_widget, self.accuracy_widget):
            widget.setMinimumSize(300, 220)
            layout.addWidget(widget)
        self.loss = _Curves(self.loss_widget, "loss", legend_at=(-10, 10))
        self.accuracy = _Curves(self.accuracy_widget, "accuracy", legend_at=(-10, -10), percent=True)
        self._records: list[dict] = []
        self._planned = 0

    @property
    def records(self) -> list[dict]:
        """The epochs shown, oldest first."""
        return list(self._records)

    def set_history(self, records: list[dict]) -> None:
        """Show a whole run (a model's saved history["epochs"])."""
        self._records = [dict(r) for r in records if isinstance(r, dict)]
        self._planned = 0
        self._refresh()

    def append(self, record: dict) -> None:
        """Add one finished epoch."""
        self._records.append(dict(record))
        self._refresh()

    def clear(self) -> None:
        """No curves."""
        self.set_history([])

    def plan(self, epochs: int) -> None:
        """Make room on the epoch axis for a run of `epochs`, so the curves grow into a fixed frame."""
        self._planned = epochs
        self._refresh()

    def point_count(self) -> int:
        """Number of epochs drawn on the loss plot (for tests)."""
        x, _ = self.loss.train.getData()
        return 0 if x is None else len(x)

    def _refresh(self) -> None:
        self.loss.set_records(self._records, self._planned)
        self.accuracy.set_records(self._records, self._planned)

    def retranslate(self) -> None:
        """Titles, axis labels and legends in the current language."""
        self.loss.retranslate()
        self.accuracy.retranslate()


class CurvesView(QWidget):
    """The tab: a line about the run shown, and the curves of the model in use or of the running training."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.history_label = QLabel("")
        self.history_label.setObjectName("historyLabel")
        self.history_label.setWordWrap(True)
        layout.addWidget(self.history_label)
        self.curves = TrainingCurves(self)
        layout.addWidget(self.curves, 1)
        self._model_history: dict = {}
        self._model_name = ""
        self._run: tuple | None = None  # (config, out, images) of the run shown, None for the model's history
        self._loaded = False  # a model (or the lack of one) was shown

    def retranslate(self) -> None:
        """Plots and the line above them in the current language."""
        self.curves.retranslate()
        if self._run is not None:
            self._label_run(*self._run)
        elif self._loaded:
            self._label_saved()

    def show_model(self, recognizer) -> None:
        """Show the saved history of the model in use (a Recognizer), None when no model is loaded."""
        self._loaded = True
        if recognizer is None:
            self._model_history, self._model_name, self._run = {}, "", None
            self.curves.clear()
            self.history_label.setText(translate("Curves", "No model loaded."))
            return
        self._model_history, self._model_name = recognizer.history, recognizer.path.name
        self.show_saved()

    def show_saved(self) -> None:
        """Back to the model in use (after a run ended)."""
        self._run = None
        self.curves.set_history(self._model_history.get("epochs") or [])
        self._label_saved()

    def _label_saved(self) -> None:
        history, epochs = self._model_history, self._model_history.get("epochs") or []
        if not self._model_name:
            self.history_label.setText(translate("Curves", "No model loaded."))
            return
        if not history:
            self.history_label.setText(translate("Curves", "This model has no saved training history."))
            return
        accuracy = history.get("test_accuracy")
        facts = dict(model=self._model_name, preset=history.get("preset", "?"), epochs=wording.epochs(len(epochs)),
                     best=history.get("best_epoch", "?"), accuracy=accuracy)
        if isinstance(accuracy, float):
            text = translate(
                "Curves", "Training history of {model}: preset {preset}, {epochs}, best epoch {best}, "
                "test accuracy {accuracy:.2%}. Hover over the curves for values."
            )
        else:
            text = translate(
                "Curves", "Training history of {model}: preset {preset}, {epochs}, best epoch {best}. "
                "Hover over the curves for values."
            )
        self.history_label.setText(text.format(**facts))

    def add_epoch(self, record: dict) -> None:
        """One more epoch of the running training."""
        self.curves.append(record)

    def start_run(self, config, out, images: int) -> None:
        """A run starts: empty curves, one epoch slot each, and what is trained where."""
        self._run = (config, out, images)
        self.curves.clear()
        self.curves.plan(config.epochs)
        self._label_run(config, out, images)

    def _label_run(self, config, out, images: int) -> None:
        self.history_label.setText(
            translate(
                "Curves", "Training preset {preset} for {epochs} on {images:,} training images → {out}. "
                "The curves grow after each epoch."
            ).format(preset=config.preset, epochs=wording.epochs(config.epochs), images=images, out=out)
        )
