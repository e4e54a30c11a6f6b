"""Word boundaries for ranking: a match that starts and ends on a boundary of the domain
tokenizer (generator.terms: jieba's dictionary plus registry and policy terms) is a whole-word hit."""
from __future__ import annotations

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
