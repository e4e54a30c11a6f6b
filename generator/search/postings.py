"""The positional bigram index: every pair of adjacent non-space characters of a normalised
field value, with (record, field, position, flags), and its compact text encoding."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from generator.search.normalise import normalize
from generator.search.records import INHERITED, NF, Record
from generator.search.tokens import boundaries

# flags of a posting
WORD_START, WORD_END, VALUE_START, VALUE_END = 1, 2, 4, 8
FLAG_BITS = 16
FLAGS = {"wordStart": WORD_START, "wordEnd": WORD_END, "valueStart": VALUE_START, "valueEnd": VALUE_END}

Posting = tuple[int, int, int, int]  # record, field, position in the field's text, flags


def field_text(values: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The normalised values of a field joined by newlines, with each value's (start, end)."""
    parts, spans, pos = [], [], 0
    for v in values:
        n = normalize(v)
        parts.append(n)
        spans.append((pos, pos + len(n)))
        pos += len(n) + 1
    return "\n".join(parts), spans


def postings(recs: Sequence[Record], tk=None) -> dict[str, list[Posting]]:
    """bigram → sorted [(record, field, position, flags)]."""
    out: dict[str, list[Posting]] = {}
    cache: dict[str, frozenset[int]] = {}
    for r, rec in enumerate(recs):
        for f, values in enumerate(rec.fields):
            if rec.document is not None and f in INHERITED:
                continue  # passed on from the document, district and theme pages at query time
            text, spans = field_text(values)
            for start, end in spans:
                value = text[start:end]
                cuts = cache.get(value)
                if cuts is None:
                    cuts = cache[value] = boundaries(value, tk)
                for i in range(len(value) - 1):
                    a, b = value[i], value[i + 1]
                    if a == " " or b == " ":
                        continue
                    flags = ((WORD_START if i in cuts else 0) | (WORD_END if i + 2 in cuts else 0)
                             | (VALUE_START if i == 0 else 0) | (VALUE_END if i + 2 == len(value) else 0))
                    out.setdefault(a + b, []).append((r, f, start + i, flags))
    return out


# Postings are stored as a string of base-64 digits: each number as groups of 5 bits, least
# significant first, a digit's 6th bit saying "more groups follow". JSON strings of these digits
# need no escaping and parse fast; numbers below 32 take one character.
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)}


def _varint(n: int, out: list[str]) -> None:
    if n < 32:  # most numbers: one digit
        out.append(DIGITS[n])
        return
    while True:
        low, n = n & 31, n >> 5
        out.append(DIGITS[low | (32 if n else 0)])
        if not n:
            return


def numbers(text: str) -> list[int]:
    """The numbers written in digits by :func:`digits` (search.js decodes the same way)."""
    out, n, shift = [], 0, 0
    for c in text:
        d = _DIGIT_VALUE[c]
        n |= (d & 31) << shift
        if d & 32:
            shift += 5
        else:
            out.append(n)
            n, shift = 0, 0
    return out


def digits(values: Iterable[int]) -> str:
    out: list[str] = []
    for n in values:
        _varint(n, out)
    return "".join(out)


def encode(plist: Sequence[Posting]) -> str:
    """Sorted postings → digits: per posting (record delta × NF + field) and then
    (position × 16 + flags), the position relative to the previous posting's when both are
    in the same record and field."""
    out: list[str] = []
    prev_r, prev_f, prev_p = 0, -1, 0
    for r, f, p, flags in plist:
        _varint((r - prev_r) * NF + f, out)
        same = r == prev_r and f == prev_f
        _varint((p - prev_p if same else p) * FLAG_BITS + flags, out)
        prev_r, prev_f, prev_p = r, f, p
    return "".join(out)


def decode(text: str) -> list[Posting]:
    nums = numbers(text)
    out: list[Posting] = []
    r, f, p = 0, -1, 0
    for i in range(0, len(nums), 2):
        a, v = nums[i], nums[i + 1]
        nr, nf_ = r + a // NF, a % NF
        pos = v // FLAG_BITS
        p = p + pos if (nr == r and nf_ == f) else pos
        r, f = nr, nf_
        out.append((r, f, p, v % FLAG_BITS))
    return out


def runs(values: Iterable[int]) -> list[int]:
    """Run-length encoding: [value, count, value, count, …]."""
    out: list[int] = []
    for v in values:
        if out and out[-2] == v:
            out[-1] += 1
        else:
            out += [v, 1]
    return out


def unruns(encoded: Sequence[int]) -> list[int]:
    return [encoded[i] for i in range(0, len(encoded), 2) for _ in range(encoded[i + 1])]
