"""Word boundaries for ranking: a match that starts and ends on a boundary of the domain
tokenizer (generator.terms: jieba's dictionary plus registry and policy terms) is a whole-word hit."""
from __future__ import annotations

import re
from collections.abc import Mapping

from generator.index import SiteIndex
from generator.terms import registry_terms, tokenizer


def site_tokenizer(index: SiteIndex):
    """The tokenizer that knows the site's department, metric and theme words."""
    return tokenizer(registry_terms(index.departments, index.metrics, index.themes))


def word_lengths(text: str, tk) -> list[int]:
    """The lengths of a normalised value's words, in order (no tokenizer: the value is one word).
    Word boundaries are the starts of its words and its end."""
    lengths = list(map(len, tk.lcut(text))) if tk is not None else [len(text)]
    assert sum(lengths) == len(text), f"the words of {text!r} are not the text"
    return lengths


_CHINESE_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


def corpus_words(segmented: Mapping[str, list[int]]) -> set[str]:
    """The words of two or more Chinese characters in the segmented values (value → the lengths of
    its words, as posting_table keeps them): what a term typed without spaces is split into. Each
    distinct word is checked once, not each time a value holds it."""
    words: set[str] = set()
    for value, lengths in segmented.items():
        at = 0
        for n in lengths:
            if n >= 2:
                words.add(value[at:at + n])
            at += n
    return set(filter(_CHINESE_WORD.fullmatch, words))
