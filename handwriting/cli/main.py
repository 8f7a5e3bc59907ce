"""The `handwriting` command line: train, evaluate, predict, revert, learn, forget, gui, paths, install-desktop."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from handwriting.errors import HandwritingError
from handwriting.training.config import DEFAULT_BATCH_SIZE, DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE
from handwriting.training.logs import default_tensorboard_dir
from handwriting.training.model import DEFAULT_PRESET, PRESETS

TOP_PROBABILITIES = 3


def _quiet_tensorflow() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("ABSL_MIN_LOG_LEVEL", "3")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def _learning_rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be between 0 and 1, for example 0.003")
    return value


# --- Commands -------------------------------------------------------------------------------------


def cmd_train(args: argparse.Namespace) -> int:
    """Train a model and save it (and its history) atomically."""
    from handwriting.training.config import TrainConfig
    from handwriting.training.recipe import run_training

    config = TrainConfig.for_preset(
        args.preset,
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        seed=args.seed,
        train_limit=args.limit,
        mnist_only=args.mnist_only or None,
        tensorboard_dir=str(args.tensorboard) if args.tensorboard else None,
    )
    if args.summary:
        from handwriting.training.model import build_model

        build_model(args.preset).summary()
        return 0
    from handwriting.training.recipe import default_output

    out = args.out if args.out is not None else default_output()
    print(
        f"Training preset '{config.preset}' for {config.epochs} epochs (batch {config.batch_size}, "
        f"learning rate {config.learning_rate}, seed {config.seed}) -> {out}",
        flush=True,
    )
    verbose = 1 if sys.stdout.isatty() else 2
    try:
        result = run_training(config, data_path=args.data, out=out, verbose=verbose)
    except KeyboardInterrupt:
        print("Training interrupted; the current model is unchanged.", file=sys.stderr)
        return 130
    if result.cancelled:
        print("Training stopped before an epoch finished; the current model is unchanged.", file=sys.stderr)
        return 1
    history = result.history
    print(f"Best epoch {history['best_epoch']}: validation accuracy {history['best_val_accuracy']:.4f}")
    print(
        f"Test accuracy {history['test_accuracy']:.4f} on the official 10,000 (reported, not used for choosing); "
        f"calibration error (ECE) {history.get('test_ece', float('nan')):.2%}, "
        f"temperature {history.get('temperature') or float('nan'):.3f}"
    )
    print(f"Saved {result.saved_to} in {history['training_seconds']:.0f} s")
    if args.out is None:
        print(f"Use it with: handwriting gui --model '{result.saved_to}' (the app's Model menu lists it too)")
    if "tensorboard_run" in history:
        from importlib.util import find_spec

        hint = "" if find_spec("tensorboard") else " (after 'pip install tensorboard')"
        print(f"TensorBoard logs in {history['tensorboard_run']}; view: tensorboard --logdir {args.tensorboard}{hint}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Report test accuracy, per-class accuracy and the confusion matrix."""
    from handwriting.digits.mnist import load_mnist
    from handwriting.recognition.recognizer import Recognizer
    from handwriting.training.evaluation import evaluate

    recognizer = Recognizer.load(args.model)
    mnist = load_mnist(args.data)
    report = evaluate(recognizer, mnist.test_images, mnist.test_labels)
    if args.json:
        print(json.dumps({"model": str(recognizer.path), **report.to_dict()}))
        return 0
    print(f"Model: {recognizer.path}")
    print(f"Test accuracy: {report.accuracy:.4f} ({report.errors} errors in {report.total:,} images)")
    rejected = report.called_not_a_digit
    print(f"Calibration error (ECE, 15 bins): {report.ece:.2%}; digits called 'not a digit': {rejected}")
    print("Per-class accuracy: " + "  ".join(f"{d}: {a:.4f}" for d, a in enumerate(report.per_class)))
    print("Confusion matrix (rows: true digit, columns: predicted):")
    columns = [str(d) for d in range(10)] + (["not"] if report.confusion.shape[1] > 10 else [])
    print("      " + "".join(f"{name:>6}" for name in columns))
    for digit, row in enumerate(report.confusion):
        print(f"{digit:>6}" + "".join(f"{n:>6}" for n in row))
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    """Recognise digits in image files."""
    import numpy as np

    from handwriting.errors import ImageFileError
    from handwriting.labels import Status, percent_text
    from handwriting.recognition.images import read_canvas
    from handwriting.recognition.recognizer import Recognizer

    recognizer = Recognizer.load(args.model)
    failures = 0
    for file in args.files:
        try:
            prediction = recognizer.predict(read_canvas(file))
        except ImageFileError as exc:
            failures += 1
            if args.json:
                print(json.dumps({"file": file, "digit": None, "probabilities": None, "error": str(exc)}))
            else:
                print(f"error: {exc}", file=sys.stderr)
            continue
        probabilities = [round(float(p), 6) for p in prediction.probabilities]
        if args.json:
            record = {"file": file, "digit": prediction.digit, "status": prediction.status}
            record["probabilities"] = probabilities
            record["not_digit_probability"] = round(prediction.not_digit_probability, 6)
            print(json.dumps(record))
        elif prediction.status == Status.EMPTY:
            print(f"{file}: no digit (the image holds no ink)")
        elif prediction.status == Status.NOT_A_DIGIT:
            print(f"{file}: not a digit ({percent_text(prediction.not_digit_probability)} sure)")
        else:
            top = np.argsort(prediction.probabilities)[::-1][:TOP_PROBABILITIES]
            ranked = ", ".join(f"{d}: {percent_text(prediction.probabilities[d])}" for d in top)
            first, second = prediction.candidates
            guess = f"{first} or {second}?" if prediction.unsure else str(first)
            print(f"{file}: {guess}  [{ranked}]")
    return 1 if failures else 0


def cmd_revert(args: argparse.Namespace) -> int:
    """Swap the model with the backup that the last save kept (run again to undo)."""
    from handwriting.files.storage import backup_path_for, revert_to_backup

    path = revert_to_backup(args.model)
    print(f"Reverted {path} to the previous model; the model it replaced is now {backup_path_for(path).name}")
    print("Run 'handwriting revert' again to undo.")
    return 0


def cmd_learn(args: argparse.Namespace) -> int:
    """Fine-tune the model to the handwriting samples in the store."""
    from handwriting.cli.personal import learn

    return learn(args.store, args.out, args.base)


def cmd_forget(args: argparse.Namespace) -> int:
    """Delete the handwriting samples and the personal model (asks first, or --yes)."""
    from handwriting.cli.personal import forget

    return forget(args.store, args.out, args.yes)


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the desktop app."""
    from handwriting.gui.app.app import run_app

    return run_app(model_path=args.model)


def cmd_paths(args: argparse.Namespace) -> int:
    """Print the per-user folders (and the read-only shipped files) the app uses."""
    from handwriting.files.paths import user_paths
    from handwriting.files.resources import resource_path
    from handwriting.files.storage import DEFAULT_MODEL_PATH

    folders = user_paths().as_dict()
    shipped = {"shipped_model": str(DEFAULT_MODEL_PATH), "shipped_mnist": str(resource_path("assets/mnist"))}
    if args.json:
        print(json.dumps({**folders, **shipped}))
        return 0
    width = max(map(len, folders | shipped))
    for name, path in folders.items():
        print(f"{name:<{width}}  {path}")
    for name, path in shipped.items():
        print(f"{name:<{width}}  {path}  (read-only)")
    return 0


def cmd_install_desktop(args: argparse.Namespace) -> int:
    """Install (or remove) the launcher and icon for this user, under XDG_DATA_HOME."""
    from handwriting.files.desktop import data_home, install_desktop_entry, uninstall_desktop_entry

    home = args.data_home or data_home()
    if args.uninstall:
        removed = uninstall_desktop_entry(home)
        print("\n".join(f"Removed {path}" for path in removed) or f"Nothing to remove under {home}")
        return 0
    try:
        targets = install_desktop_entry(home)
    except OSError as exc:
        print(f"error: cannot write the launcher under {home} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    print(f"Installed {targets['desktop']}\nInstalled {targets['icon']}")
    print("'Handwriting' now appears in the desktop's application menu (log out and in if it does not yet).")
    return 0


# --- Parser ---------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all subcommands."""
    parser = argparse.ArgumentParser(
        prog="handwriting",
        description="Recognise handwritten digits with a LeNet-5-style CNN trained on MNIST.",
        epilog="With no command, the desktop app opens.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    train = commands.add_parser("train", help="train a model on MNIST and save it")
    train.add_argument(
        "--epochs",
        type=_positive_int,
        default=None,
        help=f"default: the preset's ({DEFAULT_EPOCHS} for {DEFAULT_PRESET})",
    )
    train.add_argument(
        "--batch-size", type=_positive_int, default=DEFAULT_BATCH_SIZE, help=f"default {DEFAULT_BATCH_SIZE}"
    )
    train.add_argument(
        "--learning-rate",
        type=_learning_rate,
        default=None,
        help=f"peak rate; default: the preset's ({DEFAULT_LEARNING_RATE} for {DEFAULT_PRESET})",
    )
    train.add_argument(
        "--preset", choices=sorted(PRESETS), default=DEFAULT_PRESET, help=f"network widths, default {DEFAULT_PRESET}"
    )
    train.add_argument("--seed", type=int, default=0, help="random seed, for reproducible runs (default 0)")
    train.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to save the .keras model (default: a new dated model in the per-user models folder, "
        "under the per-user data folder; the shipped model is only written when named here)",
    )
    train.add_argument(
        "--data",
        type=Path,
        default=None,
        help="a folder of MNIST IDX files or a Keras-style mnist.npz (default: bundled assets/mnist)",
    )
    train.add_argument(
        "--limit", type=_positive_int, default=None, help="train on the first N training images only (quick runs)"
    )
    train.add_argument(
        "--mnist-only",
        action="store_true",
        help="the classic setting: train on MNIST alone (ten classes, no pen digits, no 'not a digit' class)",
    )
    train.add_argument(
        "--tensorboard",
        type=Path,
        nargs="?",
        const=default_tensorboard_dir(),
        default=None,
        metavar="DIR",
        help="write TensorBoard logs (scalars, weight histograms, graph) into a new run folder under DIR "
        "(default DIR: tensorboard/ in the per-user logs folder)",
    )
    train.add_argument("--summary", action="store_true", help="print the layer table and parameter count, then exit")
    train.set_defaults(handler=cmd_train)

    evaluate = commands.add_parser("evaluate", help="report accuracy on the official 10,000 test images")
    evaluate.add_argument("--model", type=Path, default=None, help="a .keras file (default: the shipped model)")
    evaluate.add_argument("--data", type=Path, default=None, help="MNIST folder or mnist.npz (default: bundled)")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.set_defaults(handler=cmd_evaluate)

    from handwriting.recognition.images import formats_text

    formats = formats_text()  # what the app opens too
    predict = commands.add_parser(
        "predict", help=f"recognise the digit in image files ({formats})",
        description=f"Recognise the digit in image files: {formats}.",
    )
    predict.add_argument("files", nargs="+", metavar="FILE", help=f"an image file ({formats})")
    predict.add_argument("--model", type=Path, default=None, help="a .keras file (default: the shipped model)")
    predict.add_argument("--json", action="store_true", help="print one JSON object per file")
    predict.set_defaults(handler=cmd_predict)

    revert = commands.add_parser("revert", help="go back to the model that the last training run replaced")
    revert.add_argument(
        "--model", type=Path, default=None, help="the .keras file to revert (default: the shipped model's path)"
    )
    revert.set_defaults(handler=cmd_revert)

    learn = commands.add_parser("learn", help="fine-tune the model to your handwriting samples")
    learn.add_argument("--store", type=Path, default=None, help="the samples (default: personal_store of 'paths')")
    learn.add_argument("--out", type=Path, default=None, help="the personal model (default: personal_model of 'paths')")
    learn.add_argument("--base", type=Path, default=None, help="the model to start from (default: the shipped model)")
    learn.set_defaults(handler=cmd_learn)

    forget = commands.add_parser("forget", help="delete your handwriting samples and the personal model")
    forget.add_argument("--store", type=Path, default=None, help="the samples (default: personal_store of 'paths')")
    forget.add_argument(
        "--out", type=Path, default=None, help="the personal model (default: personal_model of 'paths')"
    )
    forget.add_argument("--yes", action="store_true", help="do not ask (needed without a terminal)")
    forget.set_defaults(handler=cmd_forget)

    gui = commands.add_parser("gui", help="open the desktop app (the default)")
    gui.add_argument("--model", type=Path, default=None, help="a .keras file (default: the shipped model)")
    gui.set_defaults(handler=cmd_gui)

    paths = commands.add_parser("paths", help="show where your models, settings and logs are kept")
    paths.add_argument("--json", action="store_true", help="print one JSON object")
    paths.set_defaults(handler=cmd_paths)

    desktop = commands.add_parser("install-desktop", help="add the app to the desktop's application menu")
    desktop.add_argument("--data-home", type=Path, default=None, help="default: $XDG_DATA_HOME or ~/.local/share")
    desktop.add_argument("--uninstall", action="store_true", help="remove the launcher and icon again")
    desktop.set_defaults(handler=cmd_install_desktop)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script and of `python -m handwriting`."""
    _quiet_tensorflow()
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (arguments[0].startswith("-") and arguments[0] not in ("-h", "--help")):
        arguments.insert(0, "gui")  # `handwriting [--model PATH]` opens the app
    args = parser.parse_args(arguments)
    try:
        return args.handler(args)
    except HandwritingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:  # configuration checks (TrainConfig.validate and friends)
        print(f"error: {exc}", file=sys.stderr)
        return 2


def gui_main() -> int:
    """Entry point of the `handwriting-gui` script: the desktop app, no terminal needed."""
    return main(["gui", *sys.argv[1:]])
