"""Screenshots of the real app on a virtual X display, driven like a user with xdotool.

Starts Xvfb, runs `python -m handwriting gui` on it (the xcb platform, not offscreen) with a copy
of the shipped model, draws a digit with the mouse, shows a test sample, the curves (hovered), a
retrain (started, then cancelled), the evaluation view, the look inside view and the About box, a
scribble ("not a digit"), and in number mode (Ctrl+N) "2026" with one digit selected and "20" with a small
scribble beside it, saving each to assets/screenshots/*.png with ImageMagick's `import`, then quits
with Ctrl+Q. Prints name=value lines, among them the app's exit code.
Needs Xvfb, xdotool and imagemagick (Debian packages).

--lang ja runs the app under LANG=ja_JP.UTF-8 (it follows the system's language) and saves to
assets/screenshots/ja/; it needs a font with Japanese glyphs (fonts-ipafont-gothic). --no-training
opens the retrain dialog but does not start a run (no retrain_running / retrain_cancelled shots).
--only takes some shots only, e.g. `--only number` (number.png, number_stray.png) or `--only drawing,about`.

    .venv/bin/python benchmarks/screenshots.py [--out DIR] [--display :99] [--lang en|ja] [--no-training]
                                               [--only SHOT,...]
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "default.keras"
LOCALES = {"en": "C.UTF-8", "ja": "ja_JP.UTF-8"}  # the app follows the system's language

# A "2", in fractions of the canvas: the top arc, the diagonal down to the left, the base.
TWO = [(0.28, 0.32), (0.33, 0.22), (0.45, 0.16), (0.58, 0.17), (0.68, 0.25), (0.70, 0.36), (0.64, 0.48),
       (0.52, 0.60), (0.40, 0.71), (0.30, 0.81), (0.42, 0.81), (0.56, 0.81), (0.72, 0.81)]
# A scribble, back and forth: the app should answer "Not a digit".
SCRIBBLE = [(0.20, 0.30), (0.80, 0.36), (0.22, 0.44), (0.78, 0.50), (0.24, 0.60), (0.80, 0.66), (0.26, 0.76),
            (0.70, 0.30), (0.40, 0.80)]
# A "0" and a "6", in fractions of a digit's square, for a number: placed() puts them on the wide canvas.
ZERO = [(0.50, 0.15), (0.36, 0.20), (0.29, 0.36), (0.28, 0.55), (0.33, 0.73), (0.45, 0.84), (0.58, 0.82),
        (0.68, 0.68), (0.71, 0.48), (0.67, 0.29), (0.57, 0.17), (0.48, 0.16)]
SIX = [(0.64, 0.16), (0.52, 0.19), (0.41, 0.30), (0.33, 0.46), (0.30, 0.62), (0.35, 0.77), (0.47, 0.85),
       (0.60, 0.81), (0.67, 0.69), (0.63, 0.56), (0.51, 0.51), (0.39, 0.56), (0.32, 0.66)]
# The shots --only can choose; "number" is number.png and number_stray.png, "retrain" the retrain's shots.
SHOTS = ("drawing", "not_a_digit", "sample", "curves", "retrain", "evaluation", "inside", "about", "number")


class App:
    """The app process on the virtual display, its stdout lines in a queue."""

    def __init__(self, display: str, model: Path, train_limit: int, lang: str = "en") -> None:
        dropped = ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
        env = {k: v for k, v in os.environ.items() if k not in dropped}
        env.update(
            DISPLAY=display,
            HANDWRITING_TIMING="1",
            HANDWRITING_TRAIN_LIMIT=str(train_limit),
            HANDWRITING_LAUNCH_TIME=repr(time.time()),
            HANDWRITING_HOME=str(model.parent / "home"),  # the demo's models and settings stay in the temp folder
            TF_CPP_MIN_LOG_LEVEL="3",
            LANG=LOCALES[lang],
            QT_XCB_GL_INTEGRATION="none",  # Mesa's LLVM clashes with TensorFlow's
        )
        self.display = display
        self.process = subprocess.Popen(
            [sys.executable, "-m", "handwriting", "gui", "--model", str(model)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.values: dict[str, str] = {}
        self.window_id = ""
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._lines.put(line.strip())

    def wait_for(self, name: str, timeout: float = 120) -> str:
        """Wait until the app has printed `name=value`."""
        deadline = time.monotonic() + timeout
        while name not in self.values:
            try:
                line = self._lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(f"the app never printed {name}") from None
            key, _, value = line.partition("=")
            self.values[key] = value
        return self.values[name]

    def wait_until(self, name: str, value: str, timeout: float = 300) -> None:
        """Wait until the app has printed `name=value` (a value it prints several times, like training_epoch)."""
        deadline = time.monotonic() + timeout
        while self.values.get(name) != value:
            self.values.pop(name, None)
            self.wait_for(name, max(0.1, deadline - time.monotonic()))

    def xdotool(self, *args: str) -> None:
        """Run xdotool on the virtual display."""
        subprocess.run(["xdotool", *args], check=True, env={**os.environ, "DISPLAY": self.display})

    def key(self, keys: str, pause: float = 0.6, focus: bool = True) -> None:
        """Press a key combination in the main window (focus=False: in whatever window has the focus).

        There is no window manager on Xvfb, so the focus does not come back to the main window by
        itself when a dialog closes; it is given back before each key.
        """
        if focus:
            self.xdotool("windowfocus", "--sync", self.window_id)
        self.xdotool("key", "--clearmodifiers", keys)
        time.sleep(pause)

    def visible_windows(self) -> set[str]:
        """The app's windows on the screen (the main window, a dialog, a tooltip)."""
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid)],
            capture_output=True,
            text=True,
            env={**os.environ, "DISPLAY": self.display},
        )
        return set(found.stdout.split())

    def key_opening(self, keys: str, pause: float = 0.6, timeout: float = 60) -> None:
        """Press a key combination that opens a window (a dialog), wait until it is shown and give it the focus.

        A busy machine can take seconds to show a dialog: a fixed pause would shoot, and press keys, too early.
        """
        before = self.visible_windows()
        self.key(keys, pause=0.0)
        deadline = time.monotonic() + timeout
        while not (new := self.visible_windows() - before):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{keys} opened no window")
            time.sleep(0.2)
        self.xdotool("windowfocus", "--sync", sorted(new)[-1])
        time.sleep(pause)

    def shoot(self, path: Path) -> None:
        """Save the window's area of the screen."""
        x, y, width, height = self.wait_for("window_at").split(",")
        crop = f"{width}x{height}+{x}+{y}"
        env = {**os.environ, "DISPLAY": self.display}
        subprocess.run(["import", "-window", "root", "-crop", crop, "+repage", str(path)], check=True, env=env)
        print(f"screenshot={path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", flush=True)


def placed(
    points: list[tuple[float, float]], left: float, width: float, top: float = 0.1, height: float = 0.8
) -> list[tuple[float, float]]:
    """`points` (fractions of a digit's square) in the part of the canvas from `left`, `width` wide (fractions)."""
    return [(left + fx * width, top + fy * height) for fx, fy in points]


def draw(app: App, points: list[tuple[float, float]]) -> None:
    """Draw one stroke through `points` (fractions of the canvas) with the mouse, in small steps."""
    left, top, width, height = (int(v) for v in app.wait_for("canvas_at").split(","))
    path = [(left + fx * width, top + fy * height) for fx, fy in points]
    app.xdotool("mousemove", str(int(path[0][0])), str(int(path[0][1])), "mousedown", "1")
    padded = [path[0], *path, path[-1]]
    for p0, p1, p2, p3 in zip(padded, padded[1:], padded[2:], padded[3:], strict=False):
        for step in range(1, 7):  # a Catmull-Rom curve through the points, like a hand would move
            t = step / 6
            x, y = (
                0.5 * (2 * b + (c - a) * t + (2 * a - 5 * b + 4 * c - d) * t**2 + (3 * b - a - 3 * c + d) * t**3)
                for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
            )
            app.xdotool("mousemove", str(round(x)), str(round(y)))
            time.sleep(0.012)
    app.xdotool("mouseup", "1")
    time.sleep(0.5)


def switch_number_mode(app: App) -> None:
    """Ctrl+N on the Draw tab, until the app has said where the canvas (wide, or square again) and the window are."""
    app.key("ctrl+1", pause=0.5)
    app.values.pop("canvas_at", None)
    app.values.pop("window_at", None)
    app.key("ctrl+n", pause=1.0)
    app.wait_for("window_at")  # printed after canvas_at


def number_mode(app: App, out: Path) -> None:
    """Number mode: "2026" written, its "0" selected (number.png); "20" and a small scribble (number_stray.png)."""
    switch_number_mode(app)
    app.key("Escape")
    print(f"number_canvas_at={app.values['canvas_at']}", flush=True)
    for left, digit in zip((0.14, 0.31, 0.48, 0.65), (TWO, ZERO, TWO, SIX), strict=True):
        draw(app, placed(digit, left, 0.2))  # 144 x 160 px squares on the 720 x 200 canvas
    time.sleep(1.0)
    left, top, width, height = (int(v) for v in app.values["canvas_at"].split(","))
    app.xdotool("mousemove", str(left + int((0.31 + 0.5 * 0.2) * width)), str(top + int(0.5 * height)), "click", "1")
    time.sleep(1.0)  # a tap on the 0's box selects it
    app.shoot(out / "number.png")
    app.key("Escape")
    for left, digit in zip((0.14, 0.31), (TWO, ZERO), strict=True):
        draw(app, placed(digit, left, 0.2))
    # Small, beside the 0: no digit, boxed with a red ✕. (A % sign is read as "06", its slash and ring a 6.)
    draw(app, placed(SCRIBBLE, 0.50, 0.12, top=0.35, height=0.5))
    time.sleep(1.0)
    app.shoot(out / "number_stray.png")
    app.key("Escape")
    switch_number_mode(app)  # off again: the square canvas


def main() -> int:
    """Run the session and print what happened."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="default: assets/screenshots (assets/screenshots/ja for --lang ja)")
    parser.add_argument("--display", default=":99")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--train-limit", type=int, default=3000, help="images per epoch of the demo retrain")
    parser.add_argument("--lang", choices=sorted(LOCALES), default="en", help="the app's language")
    parser.add_argument("--no-training", action="store_true", help="open the retrain dialog, start no run")
    parser.add_argument("--only", help=f"take these shots only, comma-separated, of: {', '.join(SHOTS)}")
    args = parser.parse_args()
    wanted = set(SHOTS) if args.only is None else {name.strip() for name in args.only.split(",")}
    if wanted - set(SHOTS):
        parser.error(f"--only: unknown shot {', '.join(sorted(wanted - set(SHOTS)))}; the shots: {', '.join(SHOTS)}")
    args.out = args.out or ROOT / "assets" / "screenshots" / ("" if args.lang == "en" else args.lang)
    for tool in ("Xvfb", "xdotool", "import"):
        if shutil.which(tool) is None:
            print(f"error: {tool} not found; install xvfb, xdotool and imagemagick", file=sys.stderr)
            return 2
    args.out.mkdir(parents=True, exist_ok=True)
    xvfb = subprocess.Popen(
        ["Xvfb", args.display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    folder = Path(tempfile.mkdtemp(prefix="handwriting-shots-"))
    app = None
    try:
        # A copy: the demo retrain must never touch the shipped model.
        model = folder / "model.keras"
        shutil.copyfile(args.model, model)
        history = args.model.with_name(args.model.stem + ".history.json")
        if history.exists():
            shutil.copyfile(history, folder / "model.history.json")
        app = App(args.display, model, args.train_limit, args.lang)
        print(f"window_shown_s={app.wait_for('window_shown_s')}")
        print(f"model_ready_s={app.wait_for('model_ready_s')}")
        app.window_id = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", r"\.keras"],  # "model.keras — <app name>"
            capture_output=True,
            text=True,
            env={**os.environ, "DISPLAY": args.display},
            check=True,
        ).stdout.split()[0]
        time.sleep(0.5)

        if "drawing" in wanted:
            draw(app, TWO)
            app.shoot(args.out / "drawing.png")
            app.key("Escape")
        if "not_a_digit" in wanted:
            draw(app, SCRIBBLE)
            app.shoot(args.out / "not_a_digit.png")
            app.key("Escape")
        if "sample" in wanted:
            draw(app, TWO)
            app.key("ctrl+r", pause=2.5)  # the first sample loads the MNIST test images
            app.shoot(args.out / "sample.png")
        if "curves" in wanted:
            app.key("ctrl+2")
            x, y, width, height = (int(v) for v in app.wait_for("window_at").split(","))
            app.xdotool("mousemove", str(x + int(width * 0.40)), str(y + int(height * 0.45)))
            time.sleep(0.6)
            app.shoot(args.out / "curves.png")
            app.xdotool("mousemove", str(x + width - 5), str(y + 5))
        if "retrain" in wanted:
            app.key_opening("ctrl+t", pause=1.0)
            app.shoot(args.out / "retrain_dialog.png")
            if args.no_training:
                app.key("Escape", pause=0.5, focus=False)
            else:
                app.key("Return", pause=0.5, focus=False)  # the dialog's defaults, on --train-limit images an epoch
                app.wait_until("training_epoch", "4")
                time.sleep(1.0)  # into the fifth epoch
                app.shoot(args.out / "retrain_running.png")
                app.key("ctrl+shift+t", pause=3.0)
                app.shoot(args.out / "retrain_cancelled.png")
        if "evaluation" in wanted:
            app.key("ctrl+3", pause=12.0)  # evaluates the model on the 10,000 test images
            app.shoot(args.out / "evaluation.png")
        if "inside" in wanted:
            app.key("ctrl+1", pause=0.5)
            draw(app, TWO)  # the look inside view shows the drawing on the canvas
            app.key("ctrl+4", pause=2.0)
            app.shoot(args.out / "inside.png")
        if "about" in wanted:
            app.key_opening("F1", pause=1.0)
            app.shoot(args.out / "about.png")
            app.key("Escape", focus=False)
        if "number" in wanted:
            number_mode(app, args.out)
        app.key("ctrl+q", pause=0.5)
        try:
            code = app.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            app.process.kill()
            code = "timeout"
        print(f"app_exit_code={code}")
        return 0 if code == 0 else 1
    finally:
        if app is not None and app.process.poll() is None:  # a step failed: the app is still running
            app.process.kill()
            app.process.wait()
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
