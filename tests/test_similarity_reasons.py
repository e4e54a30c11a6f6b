"""The reasons of a link, as similarity.reasons finds them, against the first way they were written:
one generator expression per test (kept here as the reference)."""
from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import similarity


def reasons_as_first_written(surface, i: int, j: int, shared) -> tuple[str, ...]:
    out: list[str] = []
    for f in shared:
        mine, theirs = surface[i][f], surface[j][f]
        if mine in theirs or theirs in mine:
            reason = min(mine, theirs, key=len)
        else:
            reason = f"{mine}／{theirs}"
        said = reason.split("／")
        if any(word in earlier for earlier in out for word in said):
            continue
        out = [earlier for earlier in out if not all(any(w in word for word in said) for w in earlier.split("／"))]
        out.append(reason)
        if len(out) == similarity.REASON_TERMS:
            break
    return tuple(out)


# Few characters, so that words often hold one another; the separator may stand in a word too.
word = st.text(alphabet="充电桩站换、碳汇／", min_size=1, max_size=5)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(word, word), min_size=1, max_size=12))
def test_reasons_are_those_of_the_first_way(surfaces):
    features = range(len(surfaces))
    mine = {f: surfaces[f][0] for f in features}
    theirs = {f: surfaces[f][1] for f in features}
    vectors = SimpleNamespace(surface=(mine, theirs))
    assert similarity.reasons(vectors, 0, 1, list(features)) == reasons_as_first_written((mine, theirs), 0, 1, list(features))


def test_a_word_said_in_full_by_a_later_synonym_is_dropped():
    vectors = SimpleNamespace(surface=({0: "换电", 1: "充电桩"}, {0: "换电", 1: "充电、换电"}))
    assert similarity.reasons(vectors, 0, 1, [0, 1]) == ("充电桩／充电、换电",)
    assert similarity.reasons(vectors, 0, 1, [1, 0]) == ("充电桩／充电、换电",)
