"""The `handwriting` argument parser: the subcommands, their options and the checks of their values."""

from __future__ import annotations

import argparse
from pathlib import Path

from handwriting.cli.commands import (
    cmd_evaluate,
    cmd_forget,
    cmd_gui,
    cmd_install_desktop,
    cmd_learn,
    cmd_paths,
    cmd_predict,
    cmd_revert,
    cmd_train,
    cmd_train_strokes,
)
from handwriting.training.config import DEFAULT_BATCH_SIZE, DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE
from handwriting.training.logs import default_tensorboard_dir
from handwriting.training.model import DEFAULT_PRESET, PRESETS


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

    strokes = commands.add_parser(
        "train-strokes", help="train the stroke network, which reads a drawing's pen path beside its ink, and save it"
    )
    strokes.add_argument(
        "--out", type=Path, required=True, help="where to save it (.keras), e.g. models/default.strokes.keras"
    )
    strokes.add_argument("--seed", type=int, default=0, help="random seed, for reproducible runs (default 0)")
    strokes.add_argument("--epochs", type=_positive_int, default=None, help="epochs (default: the recipe's)")
    strokes.set_defaults(handler=cmd_train_strokes)

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
    predict.add_argument(
        "--number", action="store_true", help="read a whole number (several digits) in each file, left to right"
    )
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
