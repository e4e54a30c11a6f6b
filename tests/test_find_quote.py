"""The quote matcher behind every verbatim check, against a brute-force reference."""

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import GAP
from generator.rules import find_quote

TEXT = st.text(alphabet="碳达峰中和区委局(),，。（）ab", max_size=30)


def brute_force(haystack: str, quote: str) -> bool:
    pieces = quote.split(GAP)
    if any(not p for p in pieces):
        return False
    # the pieces occur in order, without overlapping
    def rest(pos, remaining):
        if not remaining:
            return True
        return any(rest(i + len(remaining[0]), remaining[1:])
                   for i in range(pos, len(haystack) - len(remaining[0]) + 1)
                   if haystack.startswith(remaining[0], i))
    return rest(0, pieces)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.lists(st.text(alphabet="碳达峰中和区()，", min_size=0, max_size=4), min_size=1, max_size=3))
def test_matches_brute_force(haystack, pieces):
    quote = GAP.join(pieces)
    assert (find_quote(haystack, quote) is not None) == brute_force(haystack, quote)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.data())
def test_any_cut_of_the_source_is_found(haystack, data):
    if len(haystack) < 3:
        return
    a, b, c = sorted(data.draw(st.lists(st.integers(0, len(haystack)), min_size=3, max_size=3)))
    if a < b and b < c:
        quote = haystack[a:b] + GAP + haystack[b:c]
        start, end = find_quote(haystack, quote)
        assert haystack[start:end].startswith(haystack[a:b])


def test_empty_piece_never_matches():
    assert find_quote("碳达峰", "") is None
    assert find_quote("碳达峰", "碳" + GAP) is None


def test_squeezing_removes_exactly_what_the_whitespace_pattern_removes():
    """_squeeze (split and join) against the pattern it replaced, on every code point once and on runs."""
    import re

    from generator.rules import _squeeze

    everything = "".join(map(chr, range(0x110000)))
    for text in (everything, " a\u3000\u3000b\t\n c\u00a0d\u200be "):
        assert _squeeze(text) == re.sub(r"\s+", "", text)
