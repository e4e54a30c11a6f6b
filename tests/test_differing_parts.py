"""A damaged quote's printed text and reading split where they differ (pages.common.differing_parts):
the same alignment as difflib's SequenceMatcher, found by substring searches."""
import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.pages.common import (
    ReadPart,
    TextPart,
    _longest_match,
    _matching_blocks,
    _runs,
    differing_parts,
    near_changes_joined,
    read_parts,
)

# few letters, so that equal runs, repeats and ties between matches are common
TEXTS = st.text(alphabet=st.sampled_from(list("ab碳中和a")), max_size=24)


def _difflib_parts(printed: str, reading: str) -> tuple[tuple[TextPart, ...], tuple[TextPart, ...]]:
    """differing_parts as difflib's opcodes give it."""
    matcher = difflib.SequenceMatcher(None, printed, reading, autojunk=False)
    printed_pieces, reading_pieces = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        printed_pieces.append((printed[i1:i2], op != "equal"))
        reading_pieces.append((reading[j1:j2], op != "equal"))
    return _runs(printed_pieces), _runs(reading_pieces)


@settings(max_examples=2000, deadline=None)
@given(TEXTS, TEXTS)
def test_parts_are_difflibs(printed, reading):
    assert differing_parts(printed, reading) == _difflib_parts(printed, reading)


@settings(max_examples=1000, deadline=None)
@given(TEXTS, TEXTS)
def test_matching_blocks_are_difflibs_unjoined(a, b):
    joined: list[tuple[int, int, int]] = []
    for i, j, k in _matching_blocks(a, b):
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + k)
        else:
            joined.append((i, j, k))
    expected = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()[:-1]
    assert joined == [tuple(m) for m in expected]


@settings(max_examples=1000, deadline=None)
@given(TEXTS, TEXTS, st.data())
def test_longest_match_in_any_ranges(a, b, data):
    alo = data.draw(st.integers(0, len(a)))
    ahi = data.draw(st.integers(alo, len(a)))
    blo = data.draw(st.integers(0, len(b)))
    bhi = data.draw(st.integers(blo, len(b)))
    expected = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(alo, ahi, blo, bhi)
    assert _longest_match(a, b, alo, ahi, blo, bhi) == tuple(expected)


def test_a_repaired_character():
    printed, reading = differing_parts("增强水电清洁能源调解", "增强水电清洁能源调节")
    assert printed == (TextPart("增强水电清洁能源调", False), TextPart("解", True))
    assert reading == (TextPart("增强水电清洁能源调", False), TextPart("节", True))


@settings(max_examples=2000, deadline=None)
@given(TEXTS, TEXTS)
def test_one_text_holds_both(printed, reading):
    """The parts a page shows (the reading, each changed run with its printed characters) give back
    the reading and the printed text, before and after near changes are joined; joined, no two
    changed runs are NEAR_CHANGES or fewer characters apart."""
    for parts in (read_parts(printed, reading), near_changes_joined(read_parts(printed, reading))):
        assert "".join(p.text for p in parts) == reading
        assert "".join(p.printed if p.changed else p.text for p in parts) == printed
        assert all(p.text or p.printed for p in parts)
        assert all(a.changed != b.changed for a, b in zip(parts, parts[1:], strict=False))
    joined = near_changes_joined(read_parts(printed, reading))
    assert not any(a.changed and c.changed and len(b.text) <= 4 for a, b, c in zip(joined, joined[1:], joined[2:], strict=False))


def test_near_changes_are_shown_as_one():
    """国发(2021)4号 read 国发〔2021〕4号: the two brackets are one change, its printed form once."""
    assert near_changes_joined(read_parts("国发(2021)4号", "国发〔2021〕4号")) == (
        ReadPart("国发"), ReadPart("〔2021〕", True, "(2021)"), ReadPart("4号"))
    assert read_parts("项目才是升工业", "项目,提升工业") == (ReadPart("项目"), ReadPart(",提", True, "才是"), ReadPart("升工业"))
