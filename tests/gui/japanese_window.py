"""Build the window as scripts do (a bare QApplication, no app.main), use it, and print every text still English.

Run in a subprocess with LANG=ja_JP.UTF-8 by test_japanese.py: the language comes from the system
locale alone. Draws a digit, corrects it ("the digit is 1"), is asked whether drawings may be kept (the bar, and
the box before Learn my handwriting) and says yes (a stored sample), looks inside, evaluates, opens
the retrain dialog, the About box, the question after a run, Learn my handwriting (one drawing in, then
closed: its question) and My handwriting samples, then prints one JSON object: the menu titles and the
texts left in English.

    python tests/gui/japanese_window.py MODEL.keras
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # helpers

import numpy as np  # noqa: E402
from PyQt5.QtWidgets import QPushButton  # noqa: E402

from handwriting.files import catalog  # noqa: E402
from handwriting.gui.app.automation import WindowDriver  # noqa: E402
from handwriting.gui.app.main_tabs import EVALUATION_TAB, INSIDE_TAB  # noqa: E402
from handwriting.gui.common.dialogs import ask_to_switch, show_about  # noqa: E402
from handwriting.gui.common.i18n import current_language  # noqa: E402
from handwriting.gui.training.retrain_dialog import RetrainDialog  # noqa: E402

from helpers import english_left, window_texts  # noqa: E402


def main() -> None:
    """Print {"language", "font", "menus", "english"} as JSON."""
    driver = WindowDriver(sys.argv[1])
    window, app = driver.window, driver.app
    one = np.zeros((280, 280), np.uint8)
    one[50:230, 130:150] = 255
    driver.draw(one)
    presenter = window.personal_presenter
    presenter.correct(1)  # a correction before the user said whether drawings may be kept: the question, not stored
    asked = [("not kept notice", window.statusBar().currentMessage())]
    presenter.open_enrolment()  # learning keeps drawings: a box says so first
    app.processEvents()
    asked += window_texts(presenter.consent_box)
    next(b for b in presenter.consent_box.buttons() if b.objectName() != "startKeepingButton").click()  # Cancel
    presenter.consent_bar.keep_button.click()  # yes: the correction is stored, and the status bar says how many more
    correction_notice = window.statusBar().currentMessage()
    window.tabs.setCurrentIndex(INSIDE_TAB)
    driver._wait(lambda: window.inside_view.compute_count > 0, "the look inside view")
    window.tabs.setCurrentIndex(EVALUATION_TAB)  # evaluates the model on the test images
    driver._wait(lambda: window.evaluation_view.report is not None, "the evaluation", 300)
    app.processEvents()
    texts = window_texts(window)
    entry = catalog.describe(window.models.path)
    dialogs = [
        RetrainDialog(window, window.training.images),
        show_about(window, window.models.recognizer),
        ask_to_switch(window, entry, entry, lambda: None, lambda: None),
    ]
    for dialog in dialogs:
        dialog.show()
        app.processEvents()
        texts += window_texts(dialog)
    enrolment = window.personal_presenter.open_enrolment()
    enrolment.canvas.paste_drawing(one)
    enrolment.next_button.click()  # one drawing stored: the prompt asks for the next digit
    enrolment.close()  # before the end, with a drawing stored: it asks what becomes of it
    samples = window.personal_presenter.open_samples()
    app.processEvents()
    personal = window_texts(enrolment) + window_texts(samples) + [("correction notice", correction_notice), *asked]
    texts += personal
    names = [entry.name for entry in window.models.models]  # model names are the user's words
    result = {
        "language": current_language(),
        "font": app.font().family(),
        "menus": [action.text() for action in window.menuBar().actions()],
        "tabs": [window.tabs.tabText(index) for index in range(window.tabs.count())],
        "texts": len(texts),
        "personal_texts": len(personal),
        "samples": samples.grid.count(),
        "english": english_left(texts, names),
    }
    enrolment.leave_box.findChild(QPushButton, "learnLaterButton").click()  # closes the enrolment
    for dialog in [*dialogs, samples]:
        dialog.close()
    driver.close()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
