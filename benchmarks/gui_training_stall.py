"""The window from the Retrain click until the new model is in use: stalls while a user draws, and Cancel to idle.

The real app (offscreen) with a copy of the shipped model. A simulated user keeps drawing on the
canvas (a mouse event every 20 ms, a new stroke every 1.2 s, recognised live) the whole time, and a
16 ms precise QTimer ticks on the GUI thread: every gap beyond 16 ms is a stall.

1. Retrain: `Model > Retrain…` is triggered, the dialog is filled (preset, epochs) and its Train button
   clicked; the clock starts at that click and stops when the window uses the newly trained model
   (the "Use the new model?" question is answered Switch as soon as it appears).
   That covers the child's start, its TensorFlow import, data, build, every epoch, the test pass, the
   save, and loading the new model: stall_from_click_worst_ms, stall_from_click_p99_ms.
   On a virtual machine the hypervisor sometimes stops all its CPUs for ~100 ms (Linux counts it as steal
   time, and any other program stalls as long): hypervisor_pauses counts the stalls it explains, and the
   stall target is judged on stall_from_click_worst_outside_pauses_ms.
2. Cancel while batches run, and 3. Cancel while the run is still being prepared: from the Cancel
   click until the window is idle again (Retrain enabled): cancel_to_idle_s is the slower of the two.

gui_tensorflow_imported says whether the GUI process ever imported TensorFlow. gui_cpu_between_ticks_worst_ms
is the most CPU the GUI thread used between two ticks: the work the window itself waited for (the target).
gui_process_cpu_between_ticks_worst_ms adds the process's worker threads (a model read, a drawing recognised),
which run beside the window and never hold it. With the load average and the CPU pressure (Linux PSI) they
tell a stall the app caused from one spent waiting for a busy machine's CPU.
Prints name=value lines; STALL_DEBUG=1 adds the ten worst stalls and a timeline as # lines.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_training_stall.py [--train-limit N] [--epochs N] [--busy]

--busy keeps one of the machine's cores busy with another process for the whole run, as a user's other
programs would: the stall targets hold on a busy machine too.

Qt and the app are imported inside main(): a spawned training child re-imports this script as its
main module and must not load Qt.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TICK_MS = 16
STALL_TARGET_MS = 50.0
GUI_CPU_TARGET_MS = 20.0  # the most CPU the GUI thread may use between two ticks
CANCEL_TARGET_S = 1.0
DRAW_INTERVAL_MS = 20
STROKE_EVENTS = 60


class Session:
    """The app window, the ticking clock and the simulated user; measures the GUI thread's gaps."""

    def __init__(self, model: Path, preset: str, epochs: int) -> None:
        import numpy as np
        from PyQt5.QtCore import QElapsedTimer, Qt, QTimer
        from PyQt5.QtWidgets import QAbstractButton, QApplication

        from handwriting.gui import MainWindow

        self.np, self.preset, self.epochs = np, preset, epochs
        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        self.window = MainWindow(model_path=model)
        if hasattr(self.window, "confirm_close_while_training"):
            self.window.confirm_close_while_training = False
        self.window.show()
        self.wait_until(lambda: self.window.models.recognizer is not None, 120)
        self.retrain = self.window.actions.retrain
        self.cancel_button = self.window.findChild(QAbstractButton, "cancelTrainingButton")
        self.clock = QElapsedTimer()
        self.clock.start()
        self.ticks: list[float] = []
        self.cpu: list[float] = []  # the GUI thread's CPU time at each tick (ms), to tell work from waiting
        self.process_cpu: list[float] = []  # the whole GUI process's (its other threads included)
        self.stolen: list[float] = []  # the time the machine's hypervisor gave its CPUs to others (ms, all CPUs)
        self.faults: list[int] = []  # the GUI thread's major page faults so far (pages read back from disk)
        self.queued: list[float] = []  # the GUI thread's time runnable but waiting for a CPU (Linux schedstat)
        self.collections: list[tuple[float, float]] = []  # (at, ms) of garbage collections over 10 ms
        gc_started = [0.0]

        def on_gc(phase: str, info: dict) -> None:
            if phase == "start":
                gc_started[0] = time.perf_counter()
            elif (pause := (time.perf_counter() - gc_started[0]) * 1e3) > 10:
                self.collections.append((self.now_ms(), pause))

        import gc

        gc.callbacks.append(on_gc)
        self.measuring = False
        self.step = 0
        self.timeline: list[tuple[float, str]] = []
        training = self.window.training
        training.state_changed.connect(lambda state: self.timeline.append((self.now_ms(), f"state {state.value}")))
        self.window.modelLoaded.connect(lambda: self.timeline.append((self.now_ms(), "model loaded")))
        self.window.trainingEpoch.connect(lambda record: self.timeline.append((self.now_ms(), "epoch")))
        backend = self.window.training_jobs
        start = backend.start

        def timed_start(*args, **kwargs):
            began = self.now_ms()
            start(*args, **kwargs)
            self.timeline.append((began, f"backend.start took {self.now_ms() - began:.0f} ms"))

        backend.start = timed_start
        self.timer = QTimer()
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.drawer = QTimer()
        self.drawer.setInterval(DRAW_INTERVAL_MS)
        self.drawer.timeout.connect(self._draw)
        self.drawer.start()

    def now_ms(self) -> float:
        """Milliseconds on the session's clock."""
        return self.clock.nsecsElapsed() / 1e6

    def wait_until(self, condition, timeout_s: float) -> bool:
        """Run the event loop until `condition()` holds (True) or the time is up (False)."""
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                return False
            self.app.processEvents()
            time.sleep(0.002)
        return True

    def _tick(self) -> None:
        if self.measuring:
            self.ticks.append(self.now_ms())
            self.cpu.append(time.thread_time() * 1e3)
            self.process_cpu.append(time.process_time() * 1e3)
            self.queued.append(queued_ms())
            self.faults.append(major_faults())
            self.stolen.append(stolen_ms())

    def _draw(self) -> None:
        """One mouse event of a user drawing loops; a fresh stroke on a clear canvas every STROKE_EVENTS."""
        from PyQt5.QtCore import QEvent, QPointF, Qt
        from PyQt5.QtGui import QMouseEvent
        from PyQt5.QtWidgets import QApplication

        np = self.np
        step = self.step % STROKE_EVENTS
        self.step += 1
        angle = step / STROKE_EVENTS * 4 * np.pi
        point = QPointF(140 + 70 * np.sin(angle), 140 + 100 * np.sin(angle / 2))
        kind = {0: QEvent.MouseButtonPress, STROKE_EVENTS - 1: QEvent.MouseButtonRelease}.get(step, QEvent.MouseMove)
        if kind == QEvent.MouseButtonPress:
            self.window.actions.clear.trigger()
        buttons = Qt.NoButton if kind == QEvent.MouseButtonRelease else Qt.LeftButton
        button = Qt.NoButton if kind == QEvent.MouseMove else Qt.LeftButton
        QApplication.sendEvent(self.window.canvas, QMouseEvent(kind, point, button, buttons, Qt.NoModifier))

    def click_retrain(self) -> float:
        """Trigger Retrain, fill in the dialog and click OK; returns the click's time (ms)."""
        from PyQt5.QtCore import QTimer
        from PyQt5.QtWidgets import QApplication, QComboBox, QDialog, QDialogButtonBox, QSpinBox

        clicked: list[float] = []

        def accept() -> None:
            dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
            if not dialogs:
                QTimer.singleShot(10, accept)
                return
            dialog = dialogs[0]
            combo = dialog.findChild(QComboBox, "presetCombo")
            combo.setCurrentIndex(combo.findText(self.preset))
            dialog.findChild(QSpinBox, "epochsSpin").setValue(self.epochs)
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
            clicked.append(self.now_ms())
            ok.click()

        QTimer.singleShot(50, accept)
        self.retrain.trigger()  # a modal dialog returns from here once accepted
        self.wait_until(lambda: bool(clicked), 30)
        return clicked[0]

    def idle(self) -> bool:
        """The window is idle again: Retrain is enabled."""
        return self.retrain.isEnabled()

    def own_work(self, start_ms: float, end_ms: float, whole_process: bool = False) -> float:
        """The most CPU time (ms) the GUI thread (or the whole process) used between two ticks.

        The GUI thread's is what the app itself can stall the window for. A stall much longer than this was
        spent waiting for a CPU the machine gave to other processes.
        """
        times = self.process_cpu if whole_process else self.cpu
        pairs = [(t, c) for t, c in zip(self.ticks, times, strict=True) if start_ms <= t <= end_ms]
        return max((b[1] - a[1] for a, b in itertools.pairwise(pairs)), default=0.0)

    def gaps(self, start_ms: float, end_ms: float):
        """Stalls (ms beyond the tick period) between start and end, the start and end themselves counted."""
        marks = [start_ms, *[t for t in self.ticks if start_ms < t < end_ms], end_ms]
        return self.np.maximum(self.np.diff(marks) - TICK_MS, 0.0)

    def paused(self, start_ms: float, end_ms: float):
        """For each gap of `gaps`: True when the hypervisor took the CPUs for at least half of its stall.

        The whole virtual machine stood still then (another program on it stalls as long): no app can help it.
        """
        inside = [i for i, t in enumerate(self.ticks) if start_ms < t < end_ms]
        stolen = [self.stolen[i + 1] - self.stolen[i] for i in inside[:-1]]
        stalls = self.gaps(start_ms, end_ms)
        pairs = zip(stolen, stalls[1:-1], strict=True)
        flags = [False] + [s >= 10.0 and stall >= 20.0 and s >= stall / 2 for s, stall in pairs]
        return self.np.array(flags + [False] * (len(stalls) - len(flags)))


def measure_retrain(session: Session) -> dict[str, object]:
    """From the Retrain click until the newly trained model is in use (Switch clicked as soon as it is asked)."""
    from PyQt5.QtWidgets import QAbstractButton, QMessageBox

    window, np = session.window, session.np
    before = window.models.recognizer
    session.measuring = True
    clicked = session.click_retrain()

    def switched() -> bool:
        for box in window.findChildren(QMessageBox, "switchModelBox"):
            if box.isVisible():
                box.findChild(QAbstractButton, "switchButton").click()
        return window.models.recognizer is not before and session.idle()

    done = session.wait_until(switched, 600)
    ended = session.now_ms()
    session.measuring = False
    stalls = session.gaps(clicked, ended)
    paused = session.paused(clicked, ended)
    if os.environ.get("STALL_DEBUG"):
        marks = [clicked, *[t for t in session.ticks if clicked < t < ended], ended]
        ticks = [t for t in session.ticks if clicked < t < ended]
        cpu = dict(zip(session.ticks, session.cpu, strict=True))
        process_cpu = dict(zip(session.ticks, session.process_cpu, strict=True))
        queued = dict(zip(session.ticks, session.queued, strict=True))
        faults = dict(zip(session.ticks, session.faults, strict=True))
        stolen = dict(zip(session.ticks, session.stolen, strict=True))
        for i in np.argsort(-stalls)[:10]:
            inside = 0 < i < len(ticks)
            used = cpu[marks[i + 1]] - cpu[marks[i]] if inside else float("nan")
            all_threads = process_cpu[marks[i + 1]] - process_cpu[marks[i]] if inside else float("nan")
            waited = queued[marks[i + 1]] - queued[marks[i]] if inside else float("nan")
            faulted = faults[marks[i + 1]] - faults[marks[i]] if inside else float("nan")
            steal = stolen[marks[i + 1]] - stolen[marks[i]] if inside else float("nan")
            at = (marks[i] - clicked) / 1e3
            print(f"# stall {stalls[i]:.0f} ms at {at:.2f} s after the click; CPU in it: GUI thread {used:.0f} ms, "
                  f"GUI process {all_threads:.0f} ms; the GUI thread waited {waited:.0f} ms for a CPU, "
                  f"read {faulted:.0f} pages back from disk; the hypervisor took {steal:.0f} ms of CPU")
        for at, pause in session.collections:
            print(f"# gc {pause:.0f} ms at {(at - clicked) / 1e3:.2f} s")
        for at, what in session.timeline:
            print(f"# {(at - clicked) / 1e3:.2f} s: {what}")
    return {
        "retrain_completed": done,
        "click_to_model_in_use_s": round((ended - clicked) / 1e3, 1),
        "stall_from_click_worst_ms": round(float(stalls.max()), 1),
        "hypervisor_pauses": int(paused.sum()),
        "stall_from_click_worst_outside_pauses_ms": round(float(stalls[~paused].max()), 1),
        "stall_from_click_p99_ms": round(float(np.percentile(stalls, 99)), 1),
        "ticks_from_click": len(stalls),
        "gui_cpu_between_ticks_worst_ms": round(session.own_work(clicked, ended), 1),
        "gui_process_cpu_between_ticks_worst_ms": round(session.own_work(clicked, ended, whole_process=True), 1),
    }


def measure_cancel(session: Session, while_running: bool) -> tuple[float, float]:
    """Click Retrain, then Cancel (once batches run, or at once); seconds to idle and the worst stall (ms)."""
    window = session.window
    session.measuring = True
    clicked = session.click_retrain()
    progress = window.status.progress
    if while_running:
        session.wait_until(lambda: progress.maximum() > 0 and progress.value() > 0, 300)
    else:
        session.wait_until(lambda: session.now_ms() - clicked > 300, 5)
    cancelled = session.now_ms()
    session.cancel_button.click()
    session.wait_until(session.idle, 30)
    idle = session.now_ms()
    session.measuring = False
    worst = float(session.gaps(clicked, idle).max())
    session.wait_until(lambda: False, 1.0)  # let a terminated child be reaped before the next run
    return (idle - cancelled) / 1e3, worst


def queued_ms() -> float:
    """How long the calling thread has been runnable but waiting for a CPU (ms; Linux schedstat, else 0)."""
    try:
        return int(Path("/proc/thread-self/schedstat").read_text().split()[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


def stolen_ms() -> float:
    """CPU time the hypervisor has taken from this virtual machine so far, all CPUs (ms; Linux, else 0)."""
    try:
        return int(Path("/proc/stat").read_text().split("\n", 1)[0].split()[8]) * 1000 / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def major_faults() -> int:
    """The calling thread's major page faults so far: pages it had to wait for from disk (Linux, else 0)."""
    try:
        return int(Path("/proc/thread-self/stat").read_text().rsplit(")", 1)[1].split()[9])
    except (OSError, IndexError, ValueError):
        return 0


def cpu_pressure() -> float | None:
    """Linux PSI: the share of the last minute in which some runnable task waited for a CPU (%), None if unknown."""
    try:
        line = Path("/proc/pressure/cpu").read_text().splitlines()[0]
        return float(dict(item.split("=") for item in line.split()[1:])["avg60"])
    except (OSError, KeyError, ValueError, IndexError):
        return None


def main() -> int:
    """Retrain from the click, then cancel twice; print name=value lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-limit", type=int, default=5_000, help="HANDWRITING_TRAIN_LIMIT for the runs")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--preset", default="wide")
    parser.add_argument("--busy", action="store_true", help="keep one core busy with another process throughout")
    args = parser.parse_args()
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    try:
        return run(args, busy is not None)
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()


def run(args: argparse.Namespace, busy: bool) -> int:
    """The measurements, with the settings of the command line; prints name=value lines."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ["HANDWRITING_TRAIN_LIMIT"] = str(args.train_limit)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["HANDWRITING_HOME"] = str(Path(folder) / "home")
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from handwriting.files.model_files import DEFAULT_MODEL_PATH, history_path_for

        model = Path(folder) / "model.keras"
        shutil.copy(DEFAULT_MODEL_PATH, model)
        shutil.copy(history_path_for(DEFAULT_MODEL_PATH), history_path_for(model))
        session = Session(model, args.preset, args.epochs)
        results = measure_retrain(session)
        running_s, running_stall = measure_cancel(session, while_running=True)
        preparing_s, preparing_stall = measure_cancel(session, while_running=False)
        session.window.close()
        session.app.processEvents()
    worst = results["stall_from_click_worst_outside_pauses_ms"]
    cancel_s = max(running_s, preparing_s)
    tensorflow = "tensorflow" in sys.modules
    results.update(
        {
            "train_limit": args.train_limit,
            "epochs": args.epochs,
            "preset": args.preset,
            "busy_cores": int(busy),
            "cancel_running_to_idle_s": round(running_s, 2),
            "cancel_preparing_to_idle_s": round(preparing_s, 2),
            "cancel_to_idle_s": round(cancel_s, 2),
            "stall_during_cancels_worst_ms": round(max(running_stall, preparing_stall), 1),
            "mouse_events": session.step,
            "gui_tensorflow_imported": tensorflow,
            "load_average_1min": round(os.getloadavg()[0], 1),
            "cpu_pressure_some_avg60_pct": cpu_pressure(),
            "stall_target_ms": STALL_TARGET_MS,
            "cancel_target_s": CANCEL_TARGET_S,
        }
    )
    met = bool(results["retrain_completed"]) and worst <= STALL_TARGET_MS and cancel_s <= CANCEL_TARGET_S
    results["stall_target_met"] = met and not tensorflow
    results["gui_cpu_target_ms"] = GUI_CPU_TARGET_MS
    results["gui_cpu_target_met"] = results["gui_cpu_between_ticks_worst_ms"] <= GUI_CPU_TARGET_MS
    for name, value in results.items():
        print(f"{name}={value}", flush=True)
    return 0 if results["retrain_completed"] else 1


if __name__ == "__main__":
    sys.exit(main())
