"""Word boundaries for ranking: a match that starts and ends on a boundary of the domain
tokenizer (generator.terms: jieba's dictionary plus registry and policy terms) is a whole-word hit."""
from __future__ import annotations

from generator.index import SiteIndex
from generator.terms import registry_terms, tokenizer


def site_tokenizer(index: SiteIndex):
    """The tokenizer that knows the site's department, metric and theme words."""
    return tokenizer(registry_terms(index.departments, index.metrics, index.themes))


def boundaries(text: str, tk) -> frozenset[int]:
    """Word boundaries of a normalised value: starts of its tokens and its end (no tokenizer:
    the value's start and end only)."""
    cuts, pos = set(), 0
    for token in tk.lcut(text) if tk is not None else [text]:
        cuts.add(pos)
        pos += len(token)
    cuts.add(pos)
    return frozenset(cuts)
