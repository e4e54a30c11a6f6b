"""The search form of a text, defined one code point at a time, and the splitting of a typed
query into terms. search.js applies the same tables, which the manifest carries."""
from __future__ import annotations

import unicodedata
from collections.abc import Collection

# Bracket variants folded to ( ): a 文号 typed with 〔〕, 【】, [] or () finds the printed one.
FOLD = {"〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")", "〖": "(", "〗": ")", "［": "(", "］": ")"}
# Space characters that survive NFKC (NFKC already maps U+00A0, U+2000–200A, U+3000 … to " ").
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2028\u2029\u200b\ufeff"
_SPACE_SET = frozenset(SPACES)
# Quotation marks, dropped: the sources print 能耗“双控”, 能耗"双控", and an official types 能耗双控.
DROP = "\"'‘’“”「」『』"
_DROP_SET = frozenset(DROP)


def normalize_char(ch: str) -> str:
    """One code point → its normalised form (possibly several code points, e.g. Ⅲ → iii, or none):
    NFKC, the bracket variants folded to (), quotation marks (DROP) dropped, ASCII lower-case,
    every space character to " "."""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if c in _DROP_SET:
            continue
        c = FOLD.get(c, c)
        if "A" <= c <= "Z":
            c = c.lower()
        elif c in _SPACE_SET:
            c = " "
        out.append(c)
    return "".join(out)


class _CharTable(dict[int, str]):
    """code point → its normalised form, for str.translate: each code point is worked out the
    first time a text holds it, and the C loop of translate does the rest."""

    def __missing__(self, code: int) -> str:
        self[code] = form = normalize_char(chr(code))
        return form


_TABLE = _CharTable()


def normalize(text: str) -> str:
    """The search form of a text. Defined per code point, so normalize(a + b) ==
    normalize(a) + normalize(b) and a substring of a text normalises to a substring."""
    return text.translate(_TABLE)


class NormalForms(dict[str, str]):
    """Texts → their search form (normalize), each worked out once: one build's records hold the
    same unit, metric, theme and document names in many fields. Made for one build, not kept."""

    def __missing__(self, text: str) -> str:
        self[text] = form = normalize(text)
        return form


def query_terms(query: str) -> list[str]:
    """The terms of a typed query: its normalised space-separated parts of 2+ characters, each once."""
    return list(dict.fromkeys(t for t in normalize(query).split(" ") if len(t) >= 2))


# The joining words officials type between two things they look for (铜梁区的充电桩, 充电桩和光伏): a
# term is cut at them as at a space when it is searched as its parts. search.js gets the list from the manifest.
PARTICLES = "的和与及"
# A typed term of this many characters or more is also searched as its parts (屋顶光伏 → 屋顶, 光伏):
# officials type two words without a space; the records with every part rank after those with the
# term itself. A shorter term is searched as its parts only when it finds nothing (and so is a
# longer one in the exact-only search). search.js gets the number from the manifest.
PARTS_FROM = 4


def term_parts(term: str, names: Collection[str]) -> list[str]:
    """The parts a term is searched as, for a query typed without spaces (屋顶光伏 → 屋顶, 光伏;
    铜梁区充电桩 and 铜梁区的充电桩 → 铜梁区, 充电桩; 充电桩和光伏 → 充电桩, 光伏): the ``names`` it holds
    (the district and department names and the corpus's words, never the term itself), chosen to
    cover the most characters, then with the fewest names, then the longer name first from the left
    (铜梁区委组织部 → 铜梁, 区委组织部, both names; 江津区发改委 → 江津区, 发改委), and the text between
    them cut at PARTICLES; each part once, and a part of one character dropped as in a typed query.
    ``[term]`` when that gives fewer than two parts."""
    n = len(term)
    lengths = sorted({len(w) for w in names if len(w) >= 2}, reverse=True)
    best = [(0, 0)] * (n + 1)  # the best split of term[i:]: (characters in names, minus the names used)
    taken = [0] * (n + 1)  # the length of the name it begins with, 0 when it begins with other text
    for i in range(n - 1, -1, -1):
        options = [((best[i + k][0] + k, best[i + k][1] - 1), k) for k in lengths
                   if i + k <= n and k < n and term[i:i + k] in names]
        best[i], taken[i] = max([*options, (best[i + 1], 0)], key=lambda option: option[0])  # the first best
    parts: list[str] = []
    between = ""
    i = 0
    while i < n:
        if taken[i]:
            parts += _cut_at_particles(between) + [term[i:i + taken[i]]]
            between, i = "", i + taken[i]
        else:
            between, i = between + term[i], i + 1
    parts = list(dict.fromkeys(parts + _cut_at_particles(between)))
    return parts if len(parts) >= 2 else [term]


def _cut_at_particles(text: str) -> list[str]:
    """The text (of a term: it holds no space) cut at PARTICLES, pieces of two or more characters."""
    return [piece for piece in "".join(" " if ch in PARTICLES else ch for ch in text).split(" ") if len(piece) >= 2]


def cover_offsets(length: int) -> list[int]:
    """Offsets of the bigrams that cover a term of ``length`` ≥ 2 characters: 0, 2, 4, … and
    length-2. Every character lies in one of them, so their co-occurrence is the term."""
    offsets = list(range(0, length - 1, 2))
    if offsets[-1] != length - 2:
        offsets.append(length - 2)
    return offsets


FNV_OFFSET, FNV_PRIME = 2166136261, 16777619  # 32-bit FNV-1a


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over code points (search.js computes the same): picks a bigram's shard."""
    h = FNV_OFFSET
    for ch in text:
        h ^= ord(ch)
        h = (h * FNV_PRIME) & 0xFFFFFFFF
    return h
