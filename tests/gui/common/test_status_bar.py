"""The status bar: messages fitted beside its labels, training progress, status tips."""

from __future__ import annotations

import pytest
from PyQt5.QtWidgets import QApplication, QLabel

from handwriting.training.config import TrainConfig

from helpers import idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


pytestmark = pytest.mark.timeout(60)




def label(window) -> str:
    return window.findChild(QLabel, "prediction").text()


# 1. The status text at training start is not cut off by the progress bar.
def test_status_text_at_training_start_fits_beside_the_progress_bar(quiet_window):
    window = quiet_window
    window.resize(900, 700)
    QApplication.processEvents()
    assert window.training.start(TrainConfig(preset="wide", epochs=13))
    QApplication.processEvents()
    message = window.statusBar().currentMessage()
    assert message.startswith("Preparing") and "…" in message
    metrics = window.statusBar().fontMetrics()
    assert metrics.horizontalAdvance(message) <= window.status.available_width()
    assert window.status.progress.isVisible()
    assert window.personal_presenter.label.isHidden()  # it makes room while the run shows its progress


def test_a_long_message_ends_before_the_model_and_personal_labels(quiet_window):
    window = quiet_window
    window.resize(900, 700)
    window.show()
    QApplication.processEvents()
    window.personal_presenter.label.setText("Personal model: in use, 123 samples stored")
    QApplication.processEvents()
    text = "/tmp/some/where/digit0.png: not a .keras model file; only Keras 3 .keras files are loaded. " * 2
    window.status.show(text)
    QApplication.processEvents()
    shown = window.statusBar().currentMessage()
    assert shown.endswith("…") and "/tmp/some/where/" not in shown  # folders go first, then the end
    labels = [window.status.model_label, window.personal_presenter.label]
    first_text = min(label.mapTo(window.statusBar(), label.contentsRect().topLeft()).x() for label in labels)
    assert window.statusBar().fontMetrics().horizontalAdvance(shown) + 12 <= first_text  # a gap: not one sentence
    window.status.warn("Cannot load the model", "x.keras: not valid\n\nStill using y.keras.")
    assert window.statusBar().currentMessage().startswith("x.keras: not valid. Still")  # one line, two sentences
    from handwriting.gui.common.status import one_line

    japanese = one_line("x.keras：正しくありません\n\n引き続き y.keras を使います。")
    assert japanese == "x.keras：正しくありません。引き続き y.keras を使います。"
    assert one_line("Saved.\n\nDone") == "Saved. Done" and one_line("a\nb") == "a b"


def test_a_menu_entrys_long_status_tip_is_fitted_beside_the_labels_and_goes_when_left(quiet_window):
    from PyQt5.QtGui import QStatusTipEvent

    window = quiet_window
    window.resize(900, 700)
    window.show()
    QApplication.processEvents()
    tip = window.actions.learn_from_accepted.statusTip()
    QApplication.sendEvent(window, QStatusTipEvent(tip))
    shown = window.statusBar().currentMessage()
    assert shown.endswith("…") and tip.startswith(shown[:-1])
    first_label = min(label.mapTo(window.statusBar(), label.rect().topLeft()).x()
                      for label in (window.status.model_label, window.personal_presenter.label))
    assert window.statusBar().fontMetrics().horizontalAdvance(shown) < first_label
    QApplication.sendEvent(window, QStatusTipEvent(""))
    assert window.statusBar().currentMessage() == ""


def test_a_cut_message_always_ends_in_an_ellipsis_and_fits_japanese_too(qapp):
    from PyQt5.QtGui import QFont, QFontMetrics

    from handwriting.gui.common.status import elided

    metrics = QFontMetrics(QFont())
    japanese = "default.strokes.keras はペンの軌跡を読む小さなネットワークで、数字のモデルと一緒に読み込みます。"
    for text in ("default.strokes.keras: " + "a long English message " * 8, japanese * 2):
        shown = elided(metrics, text, 300)
        assert shown.endswith("…") and metrics.horizontalAdvance(shown) <= 300 and text.startswith(shown[:-1])
    assert elided(metrics, "short", 300) == "short"
    menu = "「{label}」として記録しました。削除は「モデル > 自分の筆跡サンプル…」"
    for width in range(120, 320, 7):  # wherever the cut falls, one "…" and no space before it
        shown = elided(metrics, menu, width)
        assert shown.endswith("…") and not shown.endswith(("……", " …")), shown


# Tour (Japanese, 1000x650): a long message lost all but its last words: the folders' pattern ran from "/tmp/" over
# the sentence, which has no spaces, to the "/" of "PGM/PPM".
def test_folders_go_from_a_japanese_message_and_the_sentence_stays():
    from handwriting.gui.common.status import FOLDERS

    text = "/tmp/tour2/bad.png：読み取れる画像ではありません（PNG、JPEG、BMP、GIF、TIFF、WebP、PGM/PPM が使えます）"
    assert FOLDERS.sub("", text) == text.replace("/tmp/tour2/", "")
    assert FOLDERS.sub("", "/a/b/c.png: not a readable image (PGM/PPM expected)") == "c.png: not a readable image " \
                                                                                      "(PGM/PPM expected)"
