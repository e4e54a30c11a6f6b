"""The positional bigram index: every pair of adjacent non-space characters of a normalised
field value, with (record, field, position, flags), and its compact text encoding."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

import numpy as np

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


def encode(plists: Mapping[str, Sequence[Posting]]) -> dict[str, str]:
    """Each bigram's sorted postings → digits: per posting (record delta × NF + field) and then
    (position × 16 + flags), the position relative to the previous posting's when both are in the
    same record and field. Worked out for all bigrams at once with numpy (about a million postings
    at 10× the corpus); :func:`decode` reads one bigram's digits back."""
    keys = list(plists)
    counts = np.fromiter((len(plists[k]) for k in keys), dtype=np.int64, count=len(keys))
    total = int(counts.sum())
    r, f, p, flags = np.fromiter(chain.from_iterable(chain.from_iterable(plists[k] for k in keys)),
                                 dtype=np.int64, count=4 * total).reshape(total, 4).T
    starts = np.cumsum(counts) - counts
    first = np.zeros(total, dtype=bool)
    first[starts[counts > 0]] = True
    prev_r = np.where(first, 0, np.roll(r, 1))
    prev_f = np.where(first, -1, np.roll(f, 1))
    prev_p = np.where(first, 0, np.roll(p, 1))
    same = (r == prev_r) & (f == prev_f)
    numbers_ = np.empty(2 * total, dtype=np.int64)
    numbers_[0::2] = (r - prev_r) * NF + f
    numbers_[1::2] = np.where(same, p - prev_p, p) * FLAG_BITS + flags
    text, offsets = _varints(numbers_)
    bounds = offsets[2 * np.append(starts, total)].tolist()
    return {k: text[bounds[n]:bounds[n + 1]] for n, k in enumerate(keys)}


_DIGIT_BYTES = np.frombuffer(DIGITS.encode("ascii"), dtype=np.uint8)


def _varints(values: np.ndarray) -> tuple[str, np.ndarray]:
    """The digits of non-negative numbers as _varint writes them, one after another, and where each
    number's digits start (one more offset at the end: the length)."""
    groups = np.ones(len(values), dtype=np.int64)  # 5-bit groups per number
    rest = values >> 5
    while rest.any():
        groups += rest > 0
        rest >>= 5
    offsets = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(groups, out=offsets[1:])
    owner = np.repeat(np.arange(len(values)), groups)
    group = np.arange(int(offsets[-1])) - offsets[owner]  # 0: the least significant group
    digit = (values[owner] >> (5 * group)) & 31
    digit |= np.where(group < groups[owner] - 1, 32, 0)  # more groups follow
    return _DIGIT_BYTES[digit].tobytes().decode("ascii"), offsets


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
