"""Run every benchmark script whose figure the docs quote, echo its name=value lines, write benchmarks/RESULTS.md.

A section's targets count as met only when every `*target_met` line it prints is True; the scripts
judge accuracy targets on the low end of their 95% interval or on the worst seed or writer
(benchmarks/stats.py), never on one favourable draw.

Run: make bench   (or .venv/bin/python benchmarks/run_all.py [--quick] [--only SCRIPT,...])
--only runs a subset and prints it, without rewriting RESULTS.md (which must hold every figure); with
--update it also replaces (or adds) those sections in RESULTS.md, keeps the others and says which were re-run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handwriting.files.storage import write_text_atomic

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# (target, script, extra arguments, extra arguments with --quick)
BENCHMARKS = [
    ("1. MNIST test accuracy", "accuracy.py", [], ["--skip-lenet5"]),
    ("2. Training speed", "training_speed.py", [], ["--skip-default"]),
    ("3. Real handwriting: validation writers", "drawn_digits.py", [], ["--seeds", "1"]),
    ("3. Real handwriting: scanned digits opened as files", "scanned_digits.py", [], ["--writers", "3"]),
    (
        "3. Drawn digits, secondary: MNIST skeletons redrawn",
        "mnist_skeletons.py",
        ["--split", "val"],
        ["--n", "200", "--split", "val"],
    ),
    ("3. Real handwriting: whole numbers", "numbers.py", [], ["--composed", "200", "--singles", "500"]),
    ("3. Real handwriting: whole numbers written into the app", "app_numbers.py", [], ["--heights", "130",
                                                                                      "--composed", "50"]),
    ("4. Latency: Recognizer.predict", "predict_latency.py", [], []),
    ("4. Latency: stroke to bars in the app", "gui_latency.py", [], []),
    ("5. Start-up", "gui_startup.py", [], []),
    ("6. Look inside: drawing to view painted", "inside_update.py", [], []),
    ("7. Learn my handwriting: enrolment, everyday corrections", "personal.py", [], ["--writers", "3"]),
    ("7. Learn my handwriting: the label check", "personal_guard.py", [], ["--trials", "3", "--fine-tunes", "2"]),
    ("8. The window while a retrain runs, from the Retrain click", "gui_training_stall.py", [], []),
    ("8. The same, with one core kept busy by another process", "gui_training_stall.py", ["--busy"], ["--busy"]),
    (
        "9. Soak through the app",
        "soak.py",
        ["--app"],
        ["--app", "--canvases", "1000", "--samples", "200", "--reloads", "5"],
    ),
]


def machine() -> str:
    """CPU model, cores, memory and software versions, in one line."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{memory_kb / 1024 / 1024:.0f} GiB"
    except OSError:
        memory = "?"
    versions = subprocess.run(
        [sys.executable, "-c", "import tensorflow as t, keras as k; print(t.__version__, k.__version__)"],
        capture_output=True,
        text=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    ).stdout.split()
    tf_version, keras_version = [*versions, "?", "?"][:2]
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory} RAM, no GPU; Python {platform.python_version()}, "
        f"TensorFlow {tf_version}, Keras {keras_version}, {platform.system()} {platform.release()}"
    )


def run(script: str, arguments: list[str]) -> tuple[list[tuple[str, str]], float, int]:
    """Run one script; return its name=value pairs, the seconds it took and its exit code."""
    started = time.perf_counter()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    process = subprocess.run(
        [sys.executable, str(HERE / script), *arguments], capture_output=True, text=True, cwd=ROOT, env=env
    )
    pairs = []
    for line in process.stdout.splitlines():
        name, sep, value = line.partition("=")
        if sep and name and " " not in name:
            pairs.append((name.strip(), value.strip()))
            print(line, flush=True)
    if process.returncode != 0:
        print(f"{script} failed with exit code {process.returncode}:\n{process.stderr[-2000:]}", file=sys.stderr)
    return pairs, time.perf_counter() - started, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the long training runs (for a smoke run)")
    parser.add_argument("--only", default=None, help="comma-separated scripts to run; RESULTS.md is left alone")
    parser.add_argument("--update", action="store_true", help="with --only: replace those sections in RESULTS.md")
    args = parser.parse_args()
    chosen = BENCHMARKS
    if args.only:
        names = {name.strip() for name in args.only.split(",") if name.strip()}
        unknown = names - {script for _, script, _, _ in BENCHMARKS}
        if unknown:
            parser.error(f"unknown scripts {sorted(unknown)}; choose from {[b[1] for b in BENCHMARKS]}")
        chosen = [benchmark for benchmark in BENCHMARKS if benchmark[1] in names]
    sections = []
    all_met = True
    for title, script, arguments, quick_arguments in chosen:
        print(f"# {title} ({script})", flush=True)
        pairs, seconds, code = run(script, quick_arguments if args.quick else arguments)
        met = [value == "True" for name, value in pairs if name.endswith("target_met")]
        all_met &= code == 0 and all(met)
        rows = "\n".join(f"| `{name}` | {value} |" for name, value in pairs) or "| (no output) | |"
        if code or not met:
            status = "failed" if code else "reference figures (no targets)"
        else:
            status = "targets met" if all(met) else "targets NOT met"
        sections.append(
            f"### {title}\n\n`benchmarks/{script}`, {seconds:.0f} s, {status}\n\n"
            f"| name | value |\n| --- | --- |\n{rows}\n"
        )
    header = (
        "# Benchmark results\n\n"
        f"Written by `make bench` (benchmarks/run_all.py{' --quick' if args.quick else ''}) on "
        f"{dt.date.today().isoformat()}.\n\nMachine: {machine()}.\n\n"
        "Each script prints `name=value` lines; reference figures are measured in the same run. Accuracies "
        "carry their Wilson 95% interval (`_ci_low`, `_ci_high`); a target is met only when it holds across "
        "that interval or spread.\n\n"
    )
    print(f"all_targets_met={all_met}")
    if args.only and not args.update:
        return
    text = header + "\n".join(sections)
    if args.only:
        text = updated_results((HERE / "RESULTS.md").read_text(), sections, [script for _, script, _, _ in chosen])
    write_text_atomic(text, HERE / "RESULTS.md")
    print(f"wrote {HERE / 'RESULTS.md'}")


def updated_results(old: str, sections: list[str], scripts: list[str]) -> str:
    """RESULTS.md text with `sections` in place of (or beside) the old ones of their titles, in BENCHMARKS order."""
    header, *old_sections = old.split("\n### ")
    by_title = {("### " + part).split("\n", 1)[0]: "### " + part.rstrip("\n") + "\n" for part in old_sections}
    by_title.update({section.split("\n", 1)[0]: section for section in sections})
    order = [f"### {title}" for title, _, _, _ in BENCHMARKS]
    ordered = [by_title[title] for title in order if title in by_title]
    ordered += [section for title, section in by_title.items() if title not in order]
    note = f"Re-run on {dt.date.today().isoformat()} with --only: {', '.join(scripts)}.\n"
    kept = [line for line in header.rstrip("\n").split("\n") if not line.startswith("Re-run on ")]
    header = "\n".join(kept).rstrip("\n") + "\n\n" + note + "\n"
    return header + "\n".join(ordered)


if __name__ == "__main__":
    main()
