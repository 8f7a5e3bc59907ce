"""The Retrain dialog: preset, epochs, batch size, learning rate, training images, the new model's name; it
remembers its settings."""

from __future__ import annotations

import html
from pathlib import Path

from PyQt5.QtCore import QCoreApplication, QSettings, Qt
from PyQt5.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from handwriting.files import catalog
from handwriting.gui.common.paragraphs import spaced_html
from handwriting.gui.controllers.training_images import TRAINING_IMAGES, TrainingImages, train_limit_from_environment
from handwriting.gui.wording import name_hint, name_problem, preset_description
from handwriting.training.config import DEFAULT_BATCH_SIZE, DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE, TrainConfig
from handwriting.training.logs import default_tensorboard_dir, tensorboard_available
from handwriting.training.model import DEFAULT_PRESET, PRESETS

SETTINGS_GROUP = "retrain"
MIN_IMAGES = 100  # the smallest run the dialog offers
IMAGES_STEP = 1_000
translate = QCoreApplication.translate


class RetrainDialog(QDialog):
    """Preset, epochs, batch size, learning rate, how many training images, and the new model's name.

    `images` counts a run's training images (default: with HANDWRITING_TRAIN_LIMIT's limit). With
    `settings`, it opens with the values of the last run started from it.
    """

    def __init__(self, parent: QWidget | None = None, images: TrainingImages | None = None,
                 folder: Path | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._images = images if images is not None else TrainingImages(train_limit_from_environment())
        self._folder = folder if folder is not None else catalog.models_folder()
        self.setObjectName("retrainDialog")
        self.setWindowTitle(translate("Dialogs", "Retrain the model"))
        layout = QVBoxLayout(self)
        intro = QLabel("")
        intro.setText(spaced_html(intro.font(), html.escape(translate(
            "Dialogs", "Train a new network on MNIST's training images, pen-drawn digits and drawings that are "
            "not digits. Training runs in the background: "
            "you can keep drawing with the model in use. The new model is saved beside the others, never over "
            "one, and afterwards you choose whether to use it."
        ))))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)

        self.preset = QComboBox(self)
        self.preset.setObjectName("presetCombo")
        for name in PRESETS:
            self.preset.addItem(name, name)
            self.preset.setItemData(self.preset.count() - 1, preset_description(name), Qt.ToolTipRole)
        self.preset.setCurrentIndex(list(PRESETS).index(DEFAULT_PRESET))
        self.preset.setToolTip(
            translate("Dialogs", "Network widths:")
            + "\n"
            + "\n".join(f"{name}: {preset_description(name)}" for name in PRESETS)
        )
        form.addRow(translate("Dialogs", "&Preset:"), self.preset)

        self.epochs = QSpinBox(self)
        self.epochs.setObjectName("epochsSpin")
        self.epochs.setRange(1, 200)
        self.epochs.setValue(DEFAULT_EPOCHS)
        form.addRow(translate("Dialogs", "&Epochs:"), self.epochs)

        self.batch_size = QSpinBox(self)
        self.batch_size.setObjectName("batchSizeSpin")
        self.batch_size.setRange(1, 8192)
        self.batch_size.setValue(DEFAULT_BATCH_SIZE)
        self.batch_size.setToolTip(
            translate("Dialogs", "Images per gradient step (default {size})").format(size=DEFAULT_BATCH_SIZE)
        )
        form.addRow(translate("Dialogs", "&Batch size:"), self.batch_size)

        self.learning_rate = QDoubleSpinBox(self)
        self.learning_rate.setObjectName("learningRateSpin")
        self.learning_rate.setDecimals(5)
        self.learning_rate.setRange(0.00001, 0.5)
        self.learning_rate.setSingleStep(0.0005)
        self.learning_rate.setValue(DEFAULT_LEARNING_RATE)
        form.addRow(translate("Dialogs", "&Learning rate:"), self.learning_rate)
        self._show_recipe_tips(DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE)
        self.preset.currentIndexChanged.connect(self._use_preset_recipe)

        full = self._images.full()
        self.image_count = QSpinBox(self)
        self.image_count.setObjectName("trainingImagesSpin")
        self.image_count.setRange(min(MIN_IMAGES, full), full)
        self.image_count.setSingleStep(IMAGES_STEP)
        self.image_count.setGroupSeparatorShown(True)
        self.image_count.setValue(self._images.used())
        self.image_count.setToolTip(translate(
            "Dialogs", "How many of the {full:,} training images the run learns from: fewer make a quicker run, "
            "all of them the best model. MNIST, pen-drawn digits and non-digits shrink in proportion."
        ).format(full=full))
        form.addRow(translate("Dialogs", "Training &images:"), self.image_count)
        self.images = QLabel("")
        self.images.setObjectName("imagesLabel")
        self.images.setWordWrap(True)
        form.addRow("", self.images)
        self.image_count.valueChanged.connect(self._count_images)
        self.image_count.editingFinished.connect(self._snap_images)
        self.name = QLineEdit(catalog.unused_name(catalog.default_model_name(), self._folder))
        self.name.setObjectName("modelNameEdit")
        self.name.setToolTip(translate("Dialogs", "The new model's name: {hint}").format(hint=name_hint()))
        form.addRow(translate("Dialogs", "&Name:"), self.name)
        self.target = QLabel("")
        self.target.setObjectName("targetLabel")
        self.target.setWordWrap(True)
        self.target.setTextInteractionFlags(Qt.TextSelectableByMouse)
        form.addRow(translate("Dialogs", "Saved to:"), self.target)
        self.name.textChanged.connect(self._check_name)
        self.tensorboard = QCheckBox(translate("Dialogs", "Write TensorBoard logs"), self)
        self.tensorboard.setObjectName("tensorboardCheck")
        if tensorboard_available():
            tip = translate("Dialogs", "Loss, accuracy, learning rate, weight histograms and the graph, in {folder}")
            self.tensorboard.setToolTip(tip.format(folder=default_tensorboard_dir()))
        else:
            self.tensorboard.setEnabled(False)
            self.tensorboard.setToolTip(translate("Dialogs", "Needs the tensorboard package: pip install tensorboard"))
        form.addRow("", self.tensorboard)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, parent=self)
        buttons.button(QDialogButtonBox.Ok).setText(translate("Dialogs", "&Train"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._ok = buttons.button(QDialogButtonBox.Ok)
        self._restore()
        self._check_name()
        self._count_images()

    def _check_name(self) -> None:
        """Show where the model goes, or why the name cannot be used (Train is disabled then)."""
        problem = name_problem(self.name.text())
        if problem is not None:
            self.target.setText(f'<span style="color:#c92a2a">{html.escape(problem)}</span>')
            self._ok.setEnabled(False)
            return
        name = catalog.check_model_name(self.name.text())
        path = self._folder / f"{name}.keras"
        if path.exists():
            problem = translate("Dialogs", "A model called {name} exists already: choose another name").format(
                name=name
            )
            self.target.setText(f'<span style="color:#c92a2a">{html.escape(problem)}</span>')
            self._ok.setEnabled(False)
            return
        self.target.setText(html.escape(str(path)))
        self._ok.setEnabled(True)

    def out(self) -> Path:
        """The file the new model is saved to."""
        return self._folder / f"{catalog.check_model_name(self.name.text())}.keras"

    def _restore(self) -> None:
        if self._settings is None:
            return
        self._settings.beginGroup(SETTINGS_GROUP)
        preset = self._settings.value("preset", "", type=str)
        if preset in PRESETS:
            self.preset.setCurrentIndex(self.preset.findData(preset))  # sets that preset's recipe first
        for box, key, kind in ((self.epochs, "epochs", int), (self.batch_size, "batch_size", int),
                               (self.learning_rate, "learning_rate", float), (self.image_count, "images", int)):
            if self._settings.contains(key):
                box.setValue(self._settings.value(key, box.value(), type=kind))
        wanted = self._settings.value("tensorboard", False, type=bool)
        self.tensorboard.setChecked(wanted and self.tensorboard.isEnabled())
        self._settings.endGroup()

    def accept(self) -> None:
        """Remember the settings for next time, then close."""
        if self._settings is not None:
            self._settings.beginGroup(SETTINGS_GROUP)
            self._settings.setValue("preset", self.preset.currentData())
            self._settings.setValue("epochs", self.epochs.value())
            self._settings.setValue("batch_size", self.batch_size.value())
            self._settings.setValue("learning_rate", self.learning_rate.value())
            self._settings.setValue("images", self.image_count.value())
            self._settings.setValue("tensorboard", self.tensorboard.isChecked())
            self._settings.endGroup()
            self._settings.sync()
        super().accept()

    def _train_limit(self) -> int | None:
        """The run's train_limit for the images asked for (None: all of them)."""
        limit = self._images.limit_for(self.image_count.value())
        if limit is None and self._images.default_limit is not None:
            return TRAINING_IMAGES  # all of them, over HANDWRITING_TRAIN_LIMIT's default
        return limit

    def _count_images(self) -> None:
        """Say how many images of which kind the run uses (the nearest count a run can have)."""
        self.images.setText(self._images.text(TrainConfig(train_limit=self._train_limit())))

    def _snap_images(self) -> None:
        """Once typed, the count becomes one a run can have (MNIST and the drawn images keep their proportions)."""
        limit, asked = self._train_limit(), self.image_count.value()
        used = self._images.used(TrainConfig(train_limit=limit)) if limit is not None else asked
        if used != asked:
            self.image_count.setValue(used)  # its label says what the run uses; and why not what was typed:
            note = translate("Dialogs", "({asked:,} asked: {used:,} is the nearest count that keeps MNIST, pen-drawn "
                                        "digits and non-digits in proportion.)")
            self.images.setText(f"{self.images.text()} {note.format(asked=asked, used=used)}")
        self._fit_height()

    def _fit_height(self) -> None:
        """Taller when the images' label wraps to another line (Qt grows no window for that by itself)."""
        label = self.images
        if self.isVisible() and label.heightForWidth(label.width()) > label.height():
            self.layout().activate()
            self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))

    def _use_preset_recipe(self) -> None:
        """Show the chosen preset's own epochs and learning rate (the `fast` preset trains 2 epochs)."""
        recipe = TrainConfig.for_preset(self.preset.currentData())
        self.epochs.setValue(recipe.epochs)
        self.learning_rate.setValue(recipe.learning_rate)
        self._show_recipe_tips(recipe.epochs, recipe.learning_rate)

    def _show_recipe_tips(self, epochs: int, rate: float) -> None:
        """The epochs and learning-rate tooltips name the chosen preset's defaults, not the `wide` preset's."""
        self.epochs.setToolTip(translate("Dialogs", "Passes over the training images (default {epochs}); the best "
                                                    "epoch is kept").format(epochs=epochs))
        self.learning_rate.setToolTip(translate("Dialogs", "Peak learning rate of AdamW, after a one-epoch warm-up, "
                                                           "then cosine decay (default {rate})").format(rate=rate))

    def config(self) -> TrainConfig:
        """The settings as a TrainConfig: the preset's recipe with the values in the dialog."""
        return TrainConfig.for_preset(
            self.preset.currentData(),
            epochs=self.epochs.value(),
            batch_size=self.batch_size.value(),
            learning_rate=self.learning_rate.value(),
            train_limit=self._train_limit(),
            tensorboard_dir=str(default_tensorboard_dir()) if self.tensorboard.isChecked() else None,
        )
