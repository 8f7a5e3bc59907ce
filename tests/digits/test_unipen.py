"""UNIPEN digits and numbers: the parser, the checksums, the split by writer stratified by site, the leak check."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import numpy as np
import pytest

from handwriting.digits import unipen
from handwriting.digits.pendigits import WriterSplit
from handwriting.digits.unipen import (
    load_unipen_digits,
    load_unipen_numbers,
    parse_unipen_samples,
    require_no_unipen_leaks,
    sample_digest,
    split_unipen_writers,
)
from handwriting.errors import DataError

TWO_NUMBERS = """.COMMENT a header comment
.SEGMENT NUMBER ? "47"
.WRITER lex/ann
.SITE lex
.COUNTRY USA
.PEN_DOWN
 10 100
 0 40
 30 40
.PEN_UP
.PEN_DOWN
 25 100
 25 0
.PEN_UP
.PEN_DOWN
 40 100
 70 100
 50 0
.PEN_UP
.SEGMENT NUMBER ? "1"
.WRITER ape/bob
.SITE ape
.PEN_DOWN
 5 0
 5 90
.PEN_UP
"""
ASSETS = Path(__file__).resolve().parents[2] / "assets" / "unipen"


@pytest.fixture(scope="module")
def digits():
    return load_unipen_digits()


@pytest.fixture(scope="module")
def numbers():
    return load_unipen_numbers()


def test_the_bundled_files_hold_every_digit_and_number(digits, numbers):
    assert len(digits.samples) == 11_755 and len(set(digits.writers)) == 213
    assert np.bincount(digits.labels).min() > 1_000
    assert len(numbers.samples) == 311 and len(set(numbers.writers)) == 47
    assert {s.site for s in numbers.samples} == {"lex", "apd", "ape"}
    assert {len(s.label) for s in numbers.samples} == {2, 3, 4, 5}


def test_the_checksums_are_those_of_the_shipped_sums_file():
    listed = dict(reversed(line.split()) for line in (ASSETS / "SHA256SUMS.uncompressed").read_text().splitlines())
    for name, digest in unipen.SHA256.items():
        assert listed[name.removesuffix(".gz")] == digest
        assert hashlib.sha256(gzip.decompress((ASSETS / name).read_bytes())).hexdigest() == digest
    assert "CC BY 4.0" in (ASSETS / "README.md").read_text()


def test_parser_reads_label_writer_site_country_and_flips_y():
    samples = parse_unipen_samples(TWO_NUMBERS, what="number").samples
    assert [(s.label, s.writer, s.site, s.country, len(s.strokes)) for s in samples] == [
        ("47", "lex/ann", "lex", "USA", 3),
        ("1", "ape/bob", "ape", "unknown", 1),
    ]
    first = samples[0].strokes[0]
    assert first.dtype == np.float32 and first.shape == (3, 2) and first[0, 1] == -100  # y grows downwards


def test_a_truncated_file_is_refused_with_the_file_and_line(tmp_path):
    cut = tmp_path / "cut.unipen"
    cut.write_text(TWO_NUMBERS[: TWO_NUMBERS.index(" 70 100")])
    with pytest.raises(DataError, match=r"cut\.unipen, line \d+: a stroke has no \.PEN_UP; the file looks truncated"):
        load_unipen_numbers(cut)
    gz = tmp_path / "cut.unipen.gz"
    gz.write_bytes(gzip.compress(TWO_NUMBERS.encode())[:40])
    with pytest.raises(DataError, match=r"cut\.unipen\.gz.*restore it from assets/unipen"):
        load_unipen_numbers(gz)


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        (" 0 40", " 0 forty", 8, "expected two numbers"),
        ('"47"', "47", 2, "quoted number label"),
        (".WRITER lex/ann", ".WRITER", 2, "no .WRITER line"),
        (".PEN_UP\n.PEN_DOWN\n 40", ".PEN_UP\nstray text\n.PEN_DOWN\n 40", 15, "unexpected text"),
    ],
)
def test_a_corrupt_line_is_refused_with_the_file_and_line(old, new, line, problem):
    with pytest.raises(DataError, match=problem) as error:
        parse_unipen_samples(TWO_NUMBERS.replace(old, new, 1), "mine.unipen", "number")
    assert f"mine.unipen, line {line}:" in str(error.value)


def test_a_digit_file_refuses_a_number_label():
    with pytest.raises(DataError, match="quoted digit label"):
        parse_unipen_samples(TWO_NUMBERS, "digits.unipen", "digit")


def test_the_bundled_files_are_checksummed(monkeypatch, tmp_path):
    (tmp_path / unipen.NUMBERS_FILE).write_bytes(gzip.compress(TWO_NUMBERS.encode()))
    monkeypatch.setattr(unipen, "UNIPEN_ASSETS_DIR", tmp_path)
    with pytest.raises(DataError, match="checksum"):
        load_unipen_numbers()


def test_the_split_is_by_writer_fixed_stratified_by_site_and_numbers_validate(digits, numbers):
    split = split_unipen_writers(digits, numbers)
    assert split == split_unipen_writers(digits, numbers)  # the seed is fixed
    assert split != split_unipen_writers(digits, numbers, seed=1)
    every = set(digits.writers) | set(numbers.writers)
    assert split.train | split.val == every and not split.train & split.val
    assert set(numbers.writers) <= split.val
    digit_writers = set(digits.writers)
    assert 0.28 < len(split.val & digit_writers) / len(digit_writers) < 0.38  # about a third
    for site in {s.site for s in digits.samples}:
        writers = {s.writer for s in digits.samples if s.site == site}
        assert len(writers) < 2 or (writers & split.train and writers & split.val), site


def test_the_leak_check_proves_writers_and_samples_apart(digits, numbers):
    split = split_unipen_writers(digits, numbers)
    train = digits.by_writers(split.train)
    val_samples = digits.by_writers(split.val).samples + numbers.samples
    assert not set(train.writers) & {s.writer for s in val_samples}
    assert not {sample_digest(s) for s in train.samples} & {sample_digest(s) for s in val_samples}
    assert len(train.samples) + len(val_samples) == len(digits.samples) + len(numbers.samples)


def test_the_leak_check_refuses_a_shared_writer_or_a_copied_sample():
    data = parse_unipen_samples(TWO_NUMBERS, what="number")
    with pytest.raises(DataError, match="lex/ann"):
        require_no_unipen_leaks(WriterSplit(frozenset({"lex/ann"}), frozenset({"lex/ann", "ape/bob"})), data)
    copied = parse_unipen_samples(TWO_NUMBERS.replace("ape/bob", "lex/ann", 1).replace('"1"', '"47"'), what="number")
    first = copied.samples[0]
    twin = type(first)(first.label, "ape/bob", "ape", "USA", first.strokes)  # the same strokes by another writer
    leaky = type(copied)((first, twin), "x")
    with pytest.raises(DataError, match="1 validation samples"):
        require_no_unipen_leaks(WriterSplit(frozenset({"lex/ann"}), frozenset({"ape/bob"})), leaky)
