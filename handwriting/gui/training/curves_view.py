"""The Training curves tab: loss and accuracy (in percent) per epoch, training and validation, growing live."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from PyQt5.QtCore import QCoreApplication, Qt
from PyQt5.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from handwriting.gui import wording
from handwriting.gui.training.curve_plot import CurvePlot

translate = QCoreApplication.translate


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
        self.loss = CurvePlot(self.loss_widget, "loss", legend_at=(-10, 10))
        self.accuracy = CurvePlot(self.accuracy_widget, "accuracy", legend_at=(-10, -10), percent=True)
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
        self.history_label.setAlignment(Qt.AlignLeft | Qt.AlignTop)  # alone at the top when there are no curves
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
            self.curves.hide()
            self.history_label.setText(translate("Curves", "No model loaded."))
            return
        self._model_history, self._model_name = recognizer.history, recognizer.path.name
        self.show_saved()

    def show_saved(self) -> None:
        """Back to the model in use (after a run ended)."""
        self._run = None
        epochs = self._model_history.get("epochs") or []
        self.curves.set_history(epochs)
        self.curves.setVisible(bool(epochs))  # a personal model, or one without a history: no empty plots
        self._label_saved()

    def _label_saved(self) -> None:
        history, epochs = self._model_history, self._model_history.get("epochs") or []
        if not self._model_name:
            self.history_label.setText(translate("Curves", "No model loaded."))
            return
        if not history:
            self.history_label.setText(translate("Curves", "This model has no saved training history."))
            return
        if history.get("kind") == "personal":  # fine-tuned on the user's drawings: no run, no curves of its own
            self.history_label.setText(translate(
                "Curves", "{model} is your personal model: {base} fine-tuned on {count} of your drawings. It has no "
                "training curves of its own.").format(model=self._model_name, count=history.get("samples", "?"),
                                                       base=Path(str(history.get("base_model", "?"))).name))
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
        self.curves.show()
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
