"""The positional bigram index: every pair of adjacent non-space characters of a normalised
field value, with (record, field, position, flags), and its compact text encoding."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from generator.search.normalise import NormalForms
from generator.search.records import INHERITED, NF, Record
from generator.search.tokens import word_lengths

# flags of a posting
WORD_START, WORD_END, VALUE_START, VALUE_END = 1, 2, 4, 8
FLAG_BITS = 16
FLAGS = {"wordStart": WORD_START, "wordEnd": WORD_END, "valueStart": VALUE_START, "valueEnd": VALUE_END}

Posting = tuple[int, int, int, int]  # record, field, position in the field's text, flags


SEPARATOR = " "  # written after every value in the corpus text: a space, which no bigram spans


@dataclass(frozen=True)
class PostingTable:
    """Every posting of a corpus as arrays, grouped by bigram: the postings of ``keys[k]`` are rows
    ``bounds[k]:bounds[k + 1]``, sorted by record, field and position (as the browser reads them)."""

    keys: list[str]
    bounds: np.ndarray
    record: np.ndarray
    field: np.ndarray
    position: np.ndarray
    flags: np.ndarray

    def as_dict(self) -> dict[str, list[Posting]]:
        """bigram → [(record, field, position, flags)] as Python numbers."""
        rows = list(zip(self.record.tolist(), self.field.tolist(), self.position.tolist(), self.flags.tolist(), strict=True))
        b = self.bounds.tolist()
        return {key: rows[b[k]:b[k + 1]] for k, key in enumerate(self.keys)}


class Numbering(dict[str, int]):
    """Texts → their number, in the order they are first asked for: the distinct values of the
    records' fields, which hold few of them many times over (a unit, a metric, a theme or a document
    name recurs), so that the work on a value (its bigrams here, the words it holds in
    expansions.Finder) is done once per distinct value."""

    def __missing__(self, text: str) -> int:
        self[text] = number = len(self)
        return number


def gathered(first: np.ndarray, count: np.ndarray) -> np.ndarray:
    """``first[i]``, ``first[i] + 1``, … ``count[i]`` numbers for each i, one after another: where
    the items of each distinct value (numbered by a Numbering; its first item and how many) are,
    for each value in the fields, to take them all at once."""
    return np.arange(int(count.sum())) + np.repeat(first - (np.cumsum(count) - count), count)


def posting_table(recs: Sequence[Record], tk=None, forms: NormalForms | None = None,
                  seen: dict[str, list[int]] | None = None) -> PostingTable:
    """Every bigram of every indexed value with (record, field, position, flags), worked out with
    numpy. A field's values are one character apart, as the positions have always counted them (each
    value followed by SEPARATOR). The bigrams of a value, their places in it and their flags depend
    on the value alone, and the fields hold few distinct values many times over (at 50× the corpus,
    263 551 values, 13 022 distinct: a unit, a metric or a theme name recurs), so they are worked out
    once per distinct value (_value_bigrams) and each value in a field takes those of its distinct
    value, shifted by where it starts in the field. Only the normalisation and the word boundaries
    (tokens.py) are found value by value, each distinct value once (``forms``: the search forms of
    the build's texts, shared with the expansions; ``seen``, filled here: each normalised value → the
    lengths of its words, from which the build takes the corpus's words)."""
    forms = NormalForms() if forms is None else forms
    numbering = Numbering()  # raw value → its number among the distinct ones
    numbers: list[int] = []  # the number of every indexed value, fields and records one after another
    field_record: list[int] = []  # per indexed field of a record: the record, the field, its values
    field_id: list[int] = []
    field_values: list[int] = []
    for r, rec in enumerate(recs):
        for f, values in enumerate(rec.fields):
            if not values or (rec.document is not None and f in INHERITED):
                continue  # inherited fields are passed on from the document, district and theme pages at query time
            numbers += map(numbering.__getitem__, values)
            field_record.append(r)
            field_id.append(f)
            field_values.append(len(values))
    value = _value_bigrams([forms[v] for v in numbering], tk, {} if seen is None else seen)
    # each value in the fields: its distinct value, where it starts in its field and its bigrams
    of = np.array(numbers, dtype=np.int64)
    size = value.size[of]
    start = np.cumsum(size) - size  # in all the fields one after another …
    per_field = np.array(field_values, dtype=np.int64)
    field_of = np.repeat(np.arange(len(per_field)), per_field)
    start -= start[(np.cumsum(per_field) - per_field)[field_of]]  # … and in its own field
    count = value.bigrams[of]
    # every posting in text order: the value it is in and its bigram among the distinct values' bigrams
    in_value = np.repeat(np.arange(len(of)), count)
    bigram = gathered(value.first[of], count)
    order, pair = _by_number(value.pair[bigram])
    in_value, bigram = in_value[order], bigram[order]
    firsts = np.flatnonzero(np.diff(pair, prepend=-1))
    return PostingTable(
        keys=_key_texts(pair[firsts], value.code_points),
        bounds=np.append(firsts, len(pair)),
        record=np.array(field_record, dtype=np.int32)[field_of[in_value]],
        field=np.array(field_id, dtype=np.uint8)[field_of[in_value]],
        position=(start[in_value] + value.offset[bigram]).astype(np.int32),
        flags=value.flags[bigram],
    )


@dataclass(frozen=True)
class _ValueBigrams:
    """The bigrams of distinct values: per value, its size (with its SEPARATOR), its number of bigrams
    and the first of them; per bigram, its number (_by_number: ranks of its two code points among
    ``code_points``), its place in its value and its flags."""

    size: np.ndarray
    bigrams: np.ndarray
    first: np.ndarray
    pair: np.ndarray
    offset: np.ndarray
    flags: np.ndarray
    code_points: np.ndarray


def _value_bigrams(texts: list[str], tk, seen: dict[str, list[int]]) -> _ValueBigrams:
    """The bigrams of normalised values, in one text that holds every value followed by SEPARATOR;
    ``seen``: value → the lengths of its words (tokens.word_lengths), filled for the values it lacks."""
    new = [text for text in dict.fromkeys(texts) if text not in seen]  # (two raw values may normalise alike)
    seen.update(zip(new, word_lengths(new, tk), strict=True))  # all at once: segmented together
    words: list[int] = []  # lengths of the words of every value, each value's followed by its SEPARATOR
    for text in texts:
        words += seen[text]
        words.append(len(SEPARATOR))
    text = SEPARATOR.join(texts) + SEPARATOR if texts else ""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # what a bigram starting at character i has for flags from i (a word or value starts there) and
    # from i + 2 (a word or value ends there: the next word, or the separator after the value, starts)
    lengths_of_words = np.array(words, dtype=np.int64)
    word_starts = np.cumsum(lengths_of_words) - lengths_of_words
    size = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + len(SEPARATOR)
    value_ends = np.cumsum(size)
    starting = np.zeros(len(codes) + 2, dtype=np.uint8)
    starting[word_starts] = WORD_START
    starting[value_ends[:-1]] |= VALUE_START
    starting[:1] |= VALUE_START
    ending = np.zeros(len(codes) + 2, dtype=np.uint8)
    ending[word_starts] = WORD_END
    ending[value_ends - len(SEPARATOR)] |= VALUE_END
    space = codes == ord(SEPARATOR)
    at = np.flatnonzero(~space[:-1] & ~space[1:])  # where each bigram starts in the text
    value_of = np.repeat(np.arange(len(texts)), size)[at]
    bigrams = np.bincount(value_of, minlength=len(texts))
    present = np.bincount(codes) > 0 if len(codes) else np.zeros(0, dtype=bool)
    code_points = np.flatnonzero(present).astype(np.uint32)
    rank = np.cumsum(present) - 1  # code point → its rank among the distinct ones
    return _ValueBigrams(
        size=size,
        bigrams=bigrams,
        first=np.cumsum(bigrams) - bigrams,
        pair=rank[codes[at]] * len(code_points) + rank[codes[at + 1]],
        offset=at - (value_ends - size)[value_of],
        flags=starting[at] | ending[at + 2],
        code_points=code_points,
    )


def _key_texts(pairs: np.ndarray, code_points: np.ndarray) -> list[str]:
    """The bigrams numbered ``pairs`` (rank of the first code point × len(code_points) + the second's)."""
    codes = np.empty(2 * len(pairs), dtype=np.uint32)
    codes[0::2], codes[1::2] = code_points[pairs // len(code_points)], code_points[pairs % len(code_points)]
    text = codes.tobytes().decode("utf-32-le", "surrogatepass")
    return [text[i:i + 2] for i in range(0, len(text), 2)]


SORT_BITS = 63  # a bigram's number and its place are sorted as one int64 when they fit in these bits


def _by_number(pair: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The postings in order of their bigram's number (the order of its two code points) and, for
    each bigram, in text order: the places in that order and the numbers in that order. A number
    and its place are put in one integer and sorted as numbers, ten times as fast as numpy's stable
    argsort."""
    place_bits = len(pair).bit_length()
    if int(pair.max(initial=0)).bit_length() + place_bits > SORT_BITS:  # (not at 50x the corpus: 26 + 23 bits at most)
        order = np.argsort(pair, kind="stable")
        return order, pair[order]
    number_and_place = (pair << place_bits) | np.arange(len(pair))
    number_and_place.sort()
    return number_and_place & ((1 << place_bits) - 1), number_and_place >> place_bits


def postings(recs: Sequence[Record], tk=None) -> dict[str, list[Posting]]:
    """bigram → sorted [(record, field, position, flags)]."""
    return posting_table(recs, tk).as_dict()


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


ENCODED_TOGETHER = 1 << 16
"""Postings encoded in one batch of numpy arrays. Each posting takes about 250 bytes of temporary
arrays, so a batch holds ~16 MB; all of them at once held 233 MB at 10× the corpus (909 041
postings) and would hold over a gigabyte at 50×, while the search process runs beside the
similar-measure step at that build's memory peak."""


def encode(plists: Mapping[str, Sequence[Posting]]) -> dict[str, str]:
    """Each bigram's sorted postings → digits (see :func:`encode_table`)."""
    counts = [len(plist) for plist in plists.values()]
    total = sum(counts)
    r, f, p, flags = np.fromiter(chain.from_iterable(chain.from_iterable(plists.values())),
                                 dtype=np.int64, count=4 * total).reshape(total, 4).T
    return encode_table(PostingTable(list(plists), np.cumsum([0, *counts]), r, f, p, flags))


def encode_table(table: PostingTable) -> dict[str, str]:
    """Each bigram's sorted postings → digits: per posting (record delta × NF + field) and then
    (position × 16 + flags), the position relative to the previous posting's when both are in the
    same record and field. Worked out with numpy for many bigrams at once (ENCODED_TOGETHER
    postings a batch); :func:`decode` reads one bigram's digits back."""
    out: dict[str, str] = {}
    bounds = table.bounds.tolist()
    first = 0
    for last in range(1, len(table.keys) + 1):
        if bounds[last] - bounds[first] >= ENCODED_TOGETHER or last == len(table.keys):
            out.update(_encode_batch(table, first, last))
            first = last
    return out


def _encode_batch(table: PostingTable, first: int, last: int) -> dict[str, str]:
    """The digits of the bigrams ``table.keys[first:last]``."""
    starts = table.bounds[first:last + 1].astype(np.int64)
    rows = slice(int(starts[0]), int(starts[-1]))
    r, f, p = (a[rows].astype(np.int64) for a in (table.record, table.field, table.position))
    flags = table.flags[rows].astype(np.int64)
    starts -= starts[0]
    counts = np.diff(starts)
    total = int(starts[-1])
    first_of_key = np.zeros(total, dtype=bool)
    first_of_key[starts[:-1][counts > 0]] = True
    prev_r = np.where(first_of_key, 0, np.roll(r, 1))
    prev_f = np.where(first_of_key, -1, np.roll(f, 1))
    prev_p = np.where(first_of_key, 0, np.roll(p, 1))
    same = (r == prev_r) & (f == prev_f)
    values = np.empty(2 * total, dtype=np.int64)
    values[0::2] = (r - prev_r) * NF + f
    values[1::2] = np.where(same, p - prev_p, p) * FLAG_BITS + flags
    text, offsets = _varints(values)
    bounds = offsets[2 * starts].tolist()
    return {k: text[bounds[n]:bounds[n + 1]] for n, k in enumerate(table.keys[first:last])}


_DIGIT_BYTES = np.frombuffer(DIGITS.encode("ascii"), dtype=np.uint8)


def _varints(values: np.ndarray) -> tuple[str, np.ndarray]:
    """The digits of non-negative numbers as _varint writes them, one after another, and where each
    number's digits start (one more offset at the end: the length)."""
    if values.size and values.min() < 0:  # would never run out of 5-bit groups below
        raise ValueError("a negative number has no digits: are the postings sorted?")
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
