"""How the model in use is shown across the window."""

from __future__ import annotations

import pytest

from helpers import LOAD_TIMEOUT_MS, idle_job_runner_class

IdleJobRunner = idle_job_runner_class()


pytestmark = pytest.mark.timeout(60)


def test_the_model_ready_message_names_the_file_not_its_folder(window, model_file, qtbot):
    """The status bar's permanent labels leave it little room: a full path pushed the accuracy out of sight."""
    ready = lambda text: text.startswith("Model ready")  # noqa: E731
    with qtbot.waitSignal(window.models.notice, timeout=LOAD_TIMEOUT_MS, check_params_cb=ready) as blocker:
        window.models.load(model_file)
    assert blocker.args[0].startswith(f"Model ready: {model_file.name}, test accuracy ")
    assert str(model_file.parent) not in blocker.args[0]
