"""The MNIST arrays, loaded once in the background when something first needs them."""

from __future__ import annotations

from collections.abc import Callable

from PyQt5.QtCore import QObject, pyqtSignal

from handwriting.gui.controllers.tasks import TaskRunner

DATA_KEY = "mnist"


class MnistSource(QObject):
    """Loads MNIST on the task runner once; `when_ready` runs callbacks on the GUI thread when it is there."""

    loading = pyqtSignal()
    ready = pyqtSignal()
    failed = pyqtSignal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.mnist = None  # a handwriting.digits.mnist.Mnist once loaded (tests may set it beforehand)
        self._waiting: list[tuple[Callable[[], None], Callable[[str], None] | None]] = []

    def when_ready(self, then: Callable[[], None], on_failed: Callable[[str], None] | None = None) -> None:
        """Call `then()` once the arrays are loaded (at once if they are), or `on_failed(message)`."""
        if self.mnist is not None:
            then()
            return
        self._waiting.append((then, on_failed))
        if not self._runner.pending(DATA_KEY):
            from handwriting.digits.mnist import load_mnist

            self.loading.emit()
            self._runner.submit(DATA_KEY, load_mnist, on_done=self._on_loaded, on_failed=self._on_failed)

    def forget(self, then: Callable[[], None]) -> None:
        """Drop a callback still waiting for the data."""
        self._waiting = [entry for entry in self._waiting if entry[0] is not then]

    def _on_loaded(self, mnist) -> None:
        self.mnist = mnist
        waiting, self._waiting = self._waiting, []
        self.ready.emit()
        for then, _ in waiting:
            then()

    def _on_failed(self, message: str) -> None:
        waiting, self._waiting = self._waiting, []
        self.failed.emit(message)
        for _, on_failed in waiting:
            if on_failed is not None:
                on_failed(message)
