"""Writing styles: each synthesis adds ink where its style puts it, detection finds them, no non-digit has one."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from handwriting.digits import nondigits, styles
from handwriting.digits.pendigits import load_pendigits, split_writers

from helpers import FOUR, ONE, RING, SEVEN, pen_strokes

SEEDS = range(30)
SHAPES = {0: pen_strokes(RING), 1: pen_strokes(ONE), 4: pen_strokes(*FOUR), 7: pen_strokes(SEVEN)}
LABEL_OF = {synthesis: label for label, made in styles.SYNTHESES.items() for synthesis in made}


@pytest.fixture(scope="module")
def pen():
    return load_pendigits()


def written_by(pen, writer: int, label: int, count: int = 3) -> list:
    return [d.strokes for d in pen.digits if d.writer == writer and d.label == label][:count]


def crossings(a: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
    """Where polyline a crosses polyline b (plain segment algebra, independent of the code under test)."""
    found = []
    for p, p2 in itertools.pairwise(a):
        for q, q2 in itertools.pairwise(b):
            r, s = p2 - p, q2 - q
            denominator = r[0] * s[1] - r[1] * s[0]
            if abs(denominator) < 1e-12:
                continue
            t = ((q - p)[0] * s[1] - (q - p)[1] * s[0]) / denominator
            u = ((q - p)[0] * r[1] - (q - p)[1] * r[0]) / denominator
            if 0 <= t <= 1 and 0 <= u <= 1:
                found.append(p + t * r)
    return found


def degrees_below_horizontal(vector: np.ndarray) -> float:
    return math.degrees(math.atan2(vector[1], abs(vector[0])))


@pytest.mark.parametrize("synthesis", list(styles.STYLE_MADE_BY), ids=lambda f: f.__name__)
@pytest.mark.parametrize("scale", [1.0, 500.0])
def test_every_synthesis_keeps_every_original_stroke_and_adds_ink(synthesis, scale):
    original = [stroke.astype(np.float32) * scale for stroke in SHAPES[LABEL_OF[synthesis]]]
    before = [stroke.copy() for stroke in original]
    for seed in SEEDS:
        result = synthesis(original, np.random.default_rng(seed))
        for stroke, kept in zip(original, before, strict=True):
            assert np.array_equal(stroke, kept)  # the caller's arrays are left alone
            assert any(len(new) >= len(kept) and np.array_equal(new[len(new) - len(kept):], kept) for new in result)
        assert sum(map(len, result)) > sum(map(len, original))
        assert all(np.isfinite(stroke).all() for stroke in result)


def test_a_slash_crosses_the_ring_through_its_centre_and_runs_past_it_by_at_most_half_its_size():
    ring, centre, kinds = SHAPES[0][0], np.array([0.5, 0.5]), set()
    for seed in SEEDS:
        slash = styles.slash_zero(SHAPES[0], np.random.default_rng(seed))[-1]
        hits = [point - centre for point in crossings(slash, ring)]
        assert len(hits) >= 2
        widest = max(math.degrees(math.acos(np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1, 1)))
                     for a in hits for b in hits)
        assert widest > 150  # on opposite sides of the ring
        chord = slash[-1] - slash[0]
        miss = abs(chord[0] * (centre - slash[0])[1] - chord[1] * (centre - slash[0])[0]) / np.linalg.norm(chord)
        assert miss < 0.1  # it passes near the centre
        for end in (slash[0], slash[-1]):
            beyond = min(np.linalg.norm(end - hit - centre) for hit in hits)
            assert np.linalg.norm((end - centre) / [0.4, 0.5]) > 1 and beyond < 0.6  # SLASH_OVERSHOOT: to 0.5
        angle = degrees_below_horizontal(chord) % 180
        kinds.add("-" if angle < 20 or angle > 160 else "|" if 70 < angle < 110 else "diagonal")
    assert kinds == {"-", "|", "diagonal"}


def test_a_bar_crosses_the_sevens_stem_around_mid_height():
    seven = SHAPES[7][0]
    for seed in SEEDS:
        bar = styles.bar_seven(SHAPES[7], np.random.default_rng(seed))[-1]
        hits = crossings(bar, seven)
        assert len(hits) == 1
        assert 0.1 + 0.35 * 0.85 <= hits[0][1] <= 0.1 + 0.7 * 0.85  # the 7 spans y 0.1 to 0.95
        assert min(bar[:, 0]) < hits[0][0] - 0.05 and max(bar[:, 0]) > hits[0][0] + 0.05
        assert abs(degrees_below_horizontal(bar[-1] - bar[0])) < 12


def test_a_flag_starts_at_the_ones_top_and_goes_down_to_the_left():
    top, forms = np.array([0.5, 0.0]), set()
    for seed in SEEDS:
        result = styles.flag_one(SHAPES[1], np.random.default_rng(seed))
        if len(result) == 2:
            flag = result[1]
            forms.add("own stroke")
        else:
            flag = np.concatenate([result[0][:-2], [top]])  # written just before the stem, in the same stroke
            forms.add("with the stem")
        ends = [flag[0], flag[-1]]
        assert any(np.allclose(end, top) for end in ends)
        tip = max(ends, key=lambda end: np.linalg.norm(end - top))
        assert tip[0] < top[0] and 20 - 1e-6 <= degrees_below_horizontal(tip - top) <= 60 + 1e-6
        assert 0.25 - 1e-6 <= np.linalg.norm(tip - top) <= 0.6 + 1e-6
    assert forms == {"own stroke", "with the stem"}


def test_a_foot_is_a_flat_base_under_the_stem():
    for seed in SEEDS:
        foot = styles.foot_one(SHAPES[1], np.random.default_rng(seed))[-1]
        assert abs(foot[:, 1].mean() - 1.0) < 0.05 and np.ptp(foot[:, 1]) < 0.1
        assert foot[:, 0].min() < 0.5 - 0.1 and foot[:, 0].max() > 0.5 + 0.1
        assert 0.38 <= np.ptp(foot[:, 0]) <= 0.92


def test_a_closed_four_joins_the_top_of_its_diagonal_to_the_top_of_its_stem():
    for seed in SEEDS:
        line = styles.close_four(SHAPES[4], np.random.default_rng(seed))[-1]
        ends = sorted([tuple(line[0]), tuple(line[-1])])
        assert np.allclose(ends, [FOUR[0][0], FOUR[1][0]])


def test_synthesise_gives_a_style_of_the_label_the_same_for_a_seed_and_none_for_other_digits():
    for label in (2, 3, 5, 6, 8, 9):
        assert label not in styles.SYNTHESES
        assert styles.synthesise(SHAPES[0], label, np.random.default_rng(0)) is None
    for label, shape in SHAPES.items():
        first = styles.synthesise(shape, label, np.random.default_rng(4))
        again = styles.synthesise(shape, label, np.random.default_rng(4))
        assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
        assert styles.detect_style(first, label) in {styles.STYLE_MADE_BY[f] for f in styles.SYNTHESES[label]}
        assert styles.detect_style(shape, label) is None
    assert set(styles.STYLE_MADE_BY.values()) == set(styles.STYLE_NAMES)


def test_synthesise_adds_no_style_a_digit_already_has(pen):
    barred_seven, footed_one = written_by(pen, 1, 7, 1)[0], written_by(pen, 7, 1, 1)[0]  # that foot has a flag too
    slashed_zero = styles.slash_zero(SHAPES[0], np.random.default_rng(0))
    for strokes, label in ((barred_seven, 7), (footed_one, 1), (slashed_zero, 0)):
        assert styles.synthesise(strokes, label, np.random.default_rng(0)) is None
    flagged = styles.flag_one(SHAPES[1], np.random.default_rng(0))
    for seed in range(10):
        assert styles.detect_styles(styles.synthesise(flagged, 1, np.random.default_rng(seed)), 1) == (
            "footed_one", "flagged_one")


@pytest.mark.parametrize("drawing", [
    [[(3.0, 4.0)]], [[(3.0, 4.0), (3.0, 4.0)]], [[(0.0, 0.0), (1.0, 0.0)]], [[(0.0, 0.0), (0.0, 1.0)]],
    [[(0.0, 0.0), (1e-6, 2e-6)]], [[(0.0, 0.0), (4e6, 9e6), (1e6, 2e6)]], [[], [(1.0, 1.0), (2.0, 3.0)]],
], ids=["point", "tap", "dash", "bar", "tiny", "huge", "an empty stroke"])
def test_a_degenerate_digit_gets_every_style_without_error(drawing):
    strokes = [np.asarray(stroke, np.float64).reshape(-1, 2) for stroke in drawing]
    for synthesis in styles.STYLE_MADE_BY:
        result = synthesis(strokes, np.random.default_rng(0))
        assert sum(map(len, result)) > sum(map(len, strokes)) and all(np.isfinite(s).all() for s in result)
        for label in range(10):
            styles.detect_style(result, label)
        styles.looks_like_a_digit_style(result)


def test_a_drawing_without_ink_has_no_style_and_takes_none():
    assert styles.detect_style([], 0) is None and not styles.looks_like_a_digit_style([np.zeros((0, 2))])
    assert styles.synthesise([np.zeros((0, 2))], 0, np.random.default_rng(0)) is None
    with pytest.raises(ValueError, match="at least one point"):
        styles.slash_zero([], np.random.default_rng(0))


def test_detection_finds_each_synthesised_style_on_plain_real_digits(pen):
    train = pen.by_writers(split_writers(pen.writers).train).digits
    rng = np.random.default_rng(0)
    for synthesis, style in styles.STYLE_MADE_BY.items():
        label = LABEL_OF[synthesis]
        plain = [d.strokes for d in train if d.label == label and styles.detect_style(d.strokes, label) is None]
        chosen = plain[:: max(1, len(plain) // 30)]
        found = [styles.detect_style(synthesis(strokes, rng), label) == style for strokes in chosen]
        assert len(chosen) >= 20 and np.mean(found) >= 0.9, (style, np.mean(found))


def test_plain_digits_of_real_writers_have_no_style(pen):
    for writer, label in ((1, 0), (1, 1), (1, 4), (29, 7)):
        for strokes in written_by(pen, writer, label):
            assert styles.detect_style(strokes, label) is None, (writer, label)


def test_the_styles_real_writers_use_are_found(pen):
    # writer 1 bars every 7, writer 27 closes nearly every 4, writer 7 puts a foot (and a flag) on every 1
    for writer, label, style in ((1, 7, "barred_seven"), (27, 4, "closed_four"), (7, 1, "footed_one")):
        assert [styles.detect_style(strokes, label) for strokes in written_by(pen, writer, label)] == [style] * 3
    assert "flagged_one" in styles.detect_styles(written_by(pen, 7, 1)[0], 1)


def test_the_guard_flags_a_slashed_zero_a_barred_seven_and_a_blob_but_not_the_plain_digits():
    assert not styles.looks_like_a_digit_style(SHAPES[0]) and not styles.looks_like_a_digit_style(SHAPES[7])
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        assert styles.looks_like_a_digit_style(styles.slash_zero(SHAPES[0], rng))
        assert styles.looks_like_a_digit_style(styles.bar_seven(SHAPES[7], rng))
    zigzag = [(k / 60, float(k % 2)) for k in range(61)]  # sixty strokes up and down across a unit square
    assert styles.looks_like_a_digit_style(pen_strokes(zigzag))
    assert not styles.looks_like_a_digit_style(pen_strokes(zigzag[::6]))


def test_no_generated_non_digit_looks_like_a_digit_style(pen):
    digits = pen.digits[::10]
    drawings, kinds = nondigits.generate(
        500, seed=3, digit_strokes=[d.strokes for d in digits], digit_labels=[d.label for d in digits]
    )
    assert set(kinds) == {*nondigits.KINDS, nondigits.OVERLAP}
    assert not [kind for strokes, kind in zip(drawings, kinds, strict=True) if styles.looks_like_a_digit_style(strokes)]


def test_a_zero_and_a_one_written_over_each_other_are_drawn_again_until_they_make_no_slashed_zero():
    slanted_one = pen_strokes([(0.8, 0.0), (0.0, 1.0)])  # as wide as the ring: overlapped, it crosses its middle
    raw = [nondigits.overlapped_digits(SHAPES[0], slanted_one, np.random.default_rng(seed)) for seed in SEEDS]
    assert sum(styles.looks_like_a_digit_style(strokes) for strokes in raw) > len(raw) * 0.8
    drawings, kinds = nondigits.generate(
        30, seed=1, digit_strokes=[SHAPES[0], slanted_one], digit_labels=[0, 1], overlap_share=1.0
    )
    assert not any(styles.looks_like_a_digit_style(strokes) for strokes in drawings)
    assert set(kinds) == {nondigits.OVERLAP, "dash"}  # a pair that never stops crossing gives way to a dash


@pytest.mark.parametrize("kind", sorted({**nondigits.KINDS, **nondigits.HELD_OUT_KINDS}))
def test_no_kind_of_non_digit_is_drawn_like_a_digit_in_the_first_place(kind):
    make = {**nondigits.KINDS, **nondigits.HELD_OUT_KINDS}[kind]
    rng = np.random.default_rng(11)
    made = [nondigits.tilt(make(rng), rng) for _ in range(40)]
    assert not [strokes for strokes in made if styles.looks_like_a_digit_style(strokes)]


def test_synthesise_style_makes_the_named_style_only_for_its_label():
    rng = np.random.default_rng(3)
    ring = pen_strokes(RING)
    slashed = styles.synthesise_style(ring, 0, "slashed_zero", rng)
    assert slashed is not None and styles.detect_style(slashed, 0) == "slashed_zero"
    assert styles.synthesise_style(ring, 0, "barred_seven", rng) is None  # not a 0's style
    assert styles.synthesise_style(slashed, 0, "slashed_zero", rng) is None  # already slashed


def test_styled_copies_redraw_the_share_of_styled_labels_the_count_says():
    plain = {0: pen_strokes(RING), 1: pen_strokes(ONE), 7: pen_strokes(SEVEN), 4: pen_strokes(*FOUR)}
    plain[3] = plain[1]
    labels = np.array([0, 1, 7, 4, 3] * 8)  # the 3 (a 1's strokes labelled 3) has no style: never picked
    drawings = [plain[int(label)] for label in labels]
    made, made_labels = styles.styled_copies(drawings, labels, seed=[1], share=0.5)
    assert len(made) == len(made_labels) == styles.styled_count(labels, 0.5) == 16
    assert 3 not in set(made_labels.tolist())
    pairs = zip(made, made_labels, strict=True)
    grew = [sum(map(len, copy)) > sum(map(len, plain[int(label)])) for copy, label in pairs]
    assert sum(grew) >= 14  # nearly every copy gained the ink of a style it lacked
    again, _ = styles.styled_copies(drawings, labels, seed=[1], share=0.5)
    assert all(np.array_equal(a, b) for x, y in zip(made, again, strict=True) for a, b in zip(x, y, strict=True))
