"""The retrain dialog and the About box."""

from __future__ import annotations

import html
from pathlib import Path

from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from handwriting import __version__
from handwriting.model import PRESETS
from handwriting.training import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_EPOCHS,
    DEFAULT_LEARNING_RATE,
    DEFAULT_PRESET,
    TrainConfig,
)

APP_TITLE = "Handwritten Digit Recognizer"


class RetrainDialog(QDialog):
    """Epochs, batch size, learning rate and preset for a new training run."""

    def __init__(self, parent: QWidget | None = None, out: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retrainDialog")
        self.setWindowTitle("Retrain the model")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Train a new network on the MNIST training images. Training runs in the background: "
            "you can keep drawing with the current model, and Cancel keeps it unchanged."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)

        self.preset = QComboBox(self)
        self.preset.setObjectName("presetCombo")
        for name, spec in PRESETS.items():
            self.preset.addItem(name, name)
            self.preset.setItemData(self.preset.count() - 1, spec.description, Qt.ToolTipRole)
        self.preset.setCurrentIndex(list(PRESETS).index(DEFAULT_PRESET))
        self.preset.setToolTip(
            "Network widths:\n" + "\n".join(f"{name}: {spec.description}" for name, spec in PRESETS.items())
        )
        form.addRow("&Preset:", self.preset)

        self.epochs = QSpinBox(self)
        self.epochs.setObjectName("epochsSpin")
        self.epochs.setRange(1, 200)
        self.epochs.setValue(DEFAULT_EPOCHS)
        self.epochs.setToolTip(f"Passes over the training images (default {DEFAULT_EPOCHS}); the best epoch is kept")
        form.addRow("&Epochs:", self.epochs)

        self.batch_size = QSpinBox(self)
        self.batch_size.setObjectName("batchSizeSpin")
        self.batch_size.setRange(1, 8192)
        self.batch_size.setValue(DEFAULT_BATCH_SIZE)
        self.batch_size.setToolTip(f"Images per gradient step (default {DEFAULT_BATCH_SIZE})")
        form.addRow("&Batch size:", self.batch_size)

        self.learning_rate = QDoubleSpinBox(self)
        self.learning_rate.setObjectName("learningRateSpin")
        self.learning_rate.setDecimals(5)
        self.learning_rate.setRange(0.00001, 0.5)
        self.learning_rate.setSingleStep(0.0005)
        self.learning_rate.setValue(DEFAULT_LEARNING_RATE)
        self.learning_rate.setToolTip(
            f"Peak learning rate of AdamW, after a one-epoch warm-up, then cosine decay "
            f"(default {DEFAULT_LEARNING_RATE})"
        )
        form.addRow("&Learning rate:", self.learning_rate)
        self.preset.currentIndexChanged.connect(self._use_preset_recipe)

        if out is not None:
            target = QLabel(str(out))
            target.setTextInteractionFlags(Qt.TextSelectableByMouse)
            target.setToolTip("The new model replaces this file only if the run finishes")
            form.addRow("Saved to:", target)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, parent=self)
        buttons.button(QDialogButtonBox.Ok).setText("&Train")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _use_preset_recipe(self) -> None:
        """Show the chosen preset's own epochs and learning rate (the `fast` preset trains 2 epochs)."""
        recipe = TrainConfig.for_preset(self.preset.currentData())
        self.epochs.setValue(recipe.epochs)
        self.learning_rate.setValue(recipe.learning_rate)

    def config(self) -> TrainConfig:
        """The settings as a TrainConfig: the preset's recipe with the values in the dialog."""
        return TrainConfig.for_preset(
            self.preset.currentData(),
            epochs=self.epochs.value(),
            batch_size=self.batch_size.value(),
            learning_rate=self.learning_rate.value(),
        )


def about_html(history: dict, model_path: Path | None) -> str:
    """The About box text: app version and the loaded model's preset, size, accuracy and date."""

    def value(key: str, fmt: str = "{}") -> str:
        item = history.get(key)
        return "unknown" if item is None else html.escape(fmt.format(item))

    accuracy = history.get("test_accuracy")
    rows = [
        ("Model file", html.escape(str(model_path)) if model_path else "none loaded"),
        ("Preset", value("preset")),
        ("Parameters", value("parameters", "{:,}")),
        ("Test accuracy", "unknown" if accuracy is None else f"{accuracy:.2%}"),
        ("Trained", value("created").replace("T", " ")),
        ("Epochs", str(len(history.get("epochs") or [])) if history else "unknown"),
    ]
    table = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
    return (
        f"<h3>{APP_TITLE}</h3><p>Version {__version__}. Recognises handwritten digits with a "
        "LeNet-5-style convolutional network trained on MNIST.</p>"
        f"<table>{table}</table>"
    )


def show_about(parent: QWidget, history: dict, model_path: Path | None) -> QMessageBox:
    """Open the About box (non-blocking) and return it."""
    box = QMessageBox(QMessageBox.Information, f"About {APP_TITLE}", "", QMessageBox.Ok, parent)
    box.setObjectName("aboutBox")
    box.setTextFormat(Qt.RichText)
    box.setText(about_html(history, model_path))
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box
