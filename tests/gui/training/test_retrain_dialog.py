"""The Retrain dialog: settings remembered, tooltips, counts, TensorBoard."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import QSettings
from PyQt5.QtWidgets import QApplication

from handwriting.files.paths import user_paths
from handwriting.gui.app import main_window
from handwriting.gui.controllers.training_images import TRAINING_IMAGES, TrainingImages
from handwriting.gui.training.retrain_dialog import RetrainDialog
from handwriting.training.config import TrainConfig

from helpers import idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


pytestmark = pytest.mark.timeout(60)


# 10. The Retrain dialog remembers its last settings.
def test_the_retrain_dialog_remembers_its_settings(qtbot, tmp_path):
    settings = QSettings(str(user_paths().settings), QSettings.IniFormat)
    first = RetrainDialog(settings=settings, folder=tmp_path)
    qtbot.addWidget(first)
    first.preset.setCurrentIndex(first.preset.findData("lenet5"))
    first.epochs.setValue(3)
    first.batch_size.setValue(64)
    first.learning_rate.setValue(0.002)
    first.accept()
    again = RetrainDialog(settings=QSettings(str(user_paths().settings), QSettings.IniFormat), folder=tmp_path)
    qtbot.addWidget(again)
    config = again.config()
    assert (config.preset, config.epochs, config.batch_size) == ("lenet5", 3, 64)
    assert config.learning_rate == pytest.approx(0.002)
    assert user_paths().settings.is_file()  # under the test's HANDWRITING_HOME


def test_the_retrain_tooltips_name_the_chosen_presets_defaults(qtbot, tmp_path):
    dialog = RetrainDialog(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.preset.setCurrentIndex(dialog.preset.findData("fast"))
    fast = TrainConfig.for_preset("fast")
    assert f"(default {fast.epochs})" in dialog.epochs.toolTip()
    assert f"(default {fast.learning_rate})" in dialog.learning_rate.toolTip()
    dialog.preset.setCurrentIndex(dialog.preset.findData("wide"))
    assert f"(default {TrainConfig.for_preset('wide').epochs})" in dialog.epochs.toolTip()


def test_the_retrain_dialog_offers_tensorboard_logs_and_remembers_the_choice(qtbot, tmp_path):
    from PyQt5.QtCore import QSettings

    from handwriting.training.logs import default_tensorboard_dir

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    first = RetrainDialog(settings=settings, folder=tmp_path)
    qtbot.addWidget(first)
    assert first.config().tensorboard_dir is None  # off unless asked for
    first.tensorboard.setChecked(True)
    assert first.config().tensorboard_dir == str(default_tensorboard_dir())
    first.accept()
    again = RetrainDialog(settings=settings, folder=tmp_path)
    qtbot.addWidget(again)
    assert again.tensorboard.isChecked() and again.config().tensorboard_dir == str(default_tensorboard_dir())


# 3. The Retrain dialog and the curves count every training image (96,998), not MNIST's 54,000 alone.
def test_the_retrain_dialog_and_the_curves_count_every_training_image(make_window, model_file, monkeypatch, qtbot):
    monkeypatch.delenv("HANDWRITING_TRAIN_LIMIT", raising=False)
    monkeypatch.setattr(main_window, "ProcessJobRunner", IdleJobRunner)
    window = make_window(model_file)
    dialog = RetrainDialog(window, window.training.images)
    qtbot.addWidget(dialog)
    text = dialog.images.text()
    assert text.startswith("96,998 training images: 54,000 MNIST, 34,180 pen-drawn digits, 8,818 non-digits")
    assert window.training.start(dialog.config())
    assert "on 96,998 training images" in window.curves_view.history_label.text()


# 6. The dialog can make a small run: "Training images" sets the run's train_limit, its count text follows.
def test_the_retrain_dialog_sets_how_many_images_a_run_learns_from(qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv("HANDWRITING_TRAIN_LIMIT", raising=False)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    dialog = RetrainDialog(settings=settings, folder=tmp_path)
    qtbot.addWidget(dialog)
    spin = dialog.image_count
    assert spin.maximum() == spin.value() == 96_998 and "96,998 training images" in spin.toolTip()
    assert dialog.config().train_limit is None and dialog.images.text().startswith("96,998 training images:")
    spin.setValue(5_000)
    limit = dialog.config().train_limit
    used = TrainingImages().used(TrainConfig(train_limit=limit))
    assert limit < 5_000 and 4_900 < used <= 5_000  # MNIST, pen-drawn digits and non-digits in proportion
    assert dialog.images.text().startswith(f"{used:,} of the 96,998 training images: {limit:,} MNIST, ")
    spin.editingFinished.emit()
    assert spin.value() == used and "asked" not in dialog.images.text()  # a count a run can have stays
    dialog.show()
    spin.setValue(1_000)
    spin.editingFinished.emit()
    QApplication.processEvents()
    label = dialog.images  # the note's extra line is not cut: the dialog grows
    assert label.height() >= label.heightForWidth(label.width()), (label.height(), label.heightForWidth(label.width()))
    limit = dialog.config().train_limit
    used = TrainingImages().used(TrainConfig(train_limit=limit))
    assert spin.value() == used < 1_000  # snapped to a count a run can have, and it says so
    assert dialog.images.text().endswith(f"(1,000 asked: {used:,} is the nearest count that keeps MNIST, pen-drawn "
                                         "digits and non-digits in proportion.)")
    spin.setValue(6_000)
    assert "asked" not in dialog.images.text()
    spin.setValue(used)
    dialog.accept()
    again = RetrainDialog(settings=settings, folder=tmp_path)
    qtbot.addWidget(again)
    assert again.image_count.value() == used and again.config().train_limit == limit  # remembered


def test_the_environments_limit_is_the_dialogs_default_and_all_images_override_it(qtbot, tmp_path):
    dialog = RetrainDialog(images=TrainingImages(default_limit=2000), folder=tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.image_count.value() == 3_591 and "HANDWRITING_TRAIN_LIMIT=2000" in dialog.images.text()
    dialog.image_count.setValue(dialog.image_count.maximum())
    assert dialog.config().train_limit == TRAINING_IMAGES and dialog.images.text().startswith("96,998 training")
    assert TrainingImages(default_limit=2000).used(dialog.config()) == 96_998
