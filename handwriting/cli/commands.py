"""The `handwriting` subcommands: each takes the parsed arguments, prints its report and returns the exit code."""

from __future__ import annotations

import argparse
import json
import sys

from handwriting.cli.numbers import TOP_PROBABILITIES, predict_numbers


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


def cmd_train_strokes(args: argparse.Namespace) -> int:
    """Train the stroke network and save it (and its history) atomically."""
    from handwriting.training.stroke_model import EPOCHS, run_stroke_training

    epochs = args.epochs or EPOCHS
    print(f"Training the stroke network for {epochs} epochs (seed {args.seed}) -> {args.out}", flush=True)
    try:
        saved = run_stroke_training(args.out, seed=args.seed, epochs=epochs, log=lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        print("Training interrupted; the current stroke network is unchanged.", file=sys.stderr)
        return 130
    print(f"Saved {saved}")
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
    if args.number:
        return predict_numbers(recognizer, args.files, args.json)
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
    from handwriting.files.model_files import backup_path_for
    from handwriting.files.storage import revert_to_backup

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
    from handwriting.files.model_files import DEFAULT_MODEL_PATH
    from handwriting.files.paths import user_paths
    from handwriting.files.resources import resource_path

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
