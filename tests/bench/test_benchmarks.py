"""Benchmark plumbing: Wilson intervals, and `make bench` runs every script whose figure the docs quote."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


stats = load("stats")


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [(5, 10, 0.2366, 0.7634), (0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0), (9958, 10_000, 0.9943, 0.9969)],
)
def test_wilson_interval_matches_published_values(successes, trials, low, high):
    got_low, got_high = stats.wilson_interval(successes, trials)
    assert got_low == pytest.approx(low, abs=1e-4) and got_high == pytest.approx(high, abs=1e-4)


def test_wilson_interval_narrows_with_more_trials_and_refuses_nonsense():
    small, large = stats.wilson_interval(98, 100), stats.wilson_interval(9800, 10_000)
    assert small[0] < large[0] < 0.98 < large[1] < small[1]
    with pytest.raises(ValueError):
        stats.wilson_interval(11, 10)


def test_accuracy_and_spread_lines():
    assert stats.accuracy_lines("acc", 986, 1000) == [
        "acc=0.9860",
        "acc_ci_low=0.9766",
        "acc_ci_high=0.9916",
        "acc_n=1000",
    ]
    assert stats.spread_lines("acc", [0.97, 0.99, 0.98]) == [
        "acc_min=0.9700",
        "acc_mean=0.9800",
        "acc_max=0.9900",
        "acc_runs=3",
    ]
    assert stats.met_across(0.9766, 0.98) is False and stats.met_across(0.9801, 0.98) is True


def test_make_bench_runs_every_script_the_docs_quote():
    page = (ROOT / "docs" / "how-it-works.md").read_text(encoding="utf-8")
    figures = page[page.index("\n## Figures\n") :]
    figures = figures[: figures.index("\n## ", 1)] if "\n## " in figures[1:] else figures
    quoted = set(re.findall(r"benchmarks/(\w+\.py)", figures)) - {"run_all.py", "strokes.py", "stats.py"}
    run = {script for _, script, _, _ in load("run_all").BENCHMARKS}
    assert quoted, "the figures in docs/how-it-works.md name their scripts"
    assert quoted <= run, f"make bench does not run {sorted(quoted - run)}"


def test_updating_some_sections_keeps_the_others_in_order_and_says_what_was_rerun():
    run_all = load("run_all")
    (first, *_), (second, *_), (third, *_) = run_all.BENCHMARKS[:3]
    old = (
        "# Benchmark results\n\nWritten on a day.\n\nRe-run on an older day with --only: x.py.\n\n"
        f"### {first}\n\nold first\n\n### {third}\n\nold third\n"
    )
    new = run_all.updated_results(old, [f"### {second}\n\nnew second\n", f"### {third}\n\nnew third\n"], ["b.py"])
    assert new.index("old first") < new.index("new second") < new.index("new third")
    assert "old third" not in new and "Written on a day." in new
    assert new.count("Re-run on") == 1 and "with --only: b.py." in new
