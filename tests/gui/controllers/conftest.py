"""Fixtures shared by the controller tests."""

from __future__ import annotations

import pytest

from handwriting.gui.controllers.tasks import TaskRunner


@pytest.fixture()
def runner(qtbot):
    """The task runner the controllers share, shut down after the test."""
    runner = TaskRunner()
    yield runner
    runner.shutdown()
