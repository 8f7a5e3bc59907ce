"""The `handwriting` command line: train, evaluate, predict, revert, learn, forget, gui, paths, install-desktop."""

from __future__ import annotations

import os
import sys

from handwriting.cli.parser import build_parser
from handwriting.errors import HandwritingError


def _quiet_tensorflow() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("ABSL_MIN_LOG_LEVEL", "3")


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
