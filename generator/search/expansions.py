"""Query expansion an editor controls: the other words a typed term also looks for.

A typed term that is, after normalisation, one of the names of a group also looks for the group's
other names. The groups come from the registries alone (nothing is guessed):

* a district's name and its aliases (江津区, 江津);
* a department's canonical name, full name, every printed form and its colloquial names
  (发改委 → 发展改革委, 区发展和改革委员会 …);
* a metric's name and its wordings (单位GDP能耗下降 → 单位地区生产总值能耗降低 …);
* a reviewed group of site_data/synonyms.yaml (充电桩 → 充电站, 充电基础设施 …).

Only what can widen the result is kept: a word that contains the typed term, or another word of
the list, finds nothing more, so it is dropped (区发展改革委 adds nothing to 发展改革委).
The build writes the result into the manifest; search.js looks a typed term up and repeats none of it.
"""
from __future__ import annotations

from generator.index import SiteIndex
from generator.search.normalise import normalize
from generator.search.records import KIND_INDEX, KIND_WORDS


def expansion_groups(index: SiteIndex) -> list[tuple[str, ...]]:
    """Every group of names that mean one thing, normalised; words of 1 character are left out."""
    raw: list[tuple[str, ...]] = []
    raw += [(d.name, *d.aliases) for d in index.districts]
    raw += [(d.name, d.full_name, *d.aliases, *d.colloquial) for d in index.departments]
    raw += [(m.name, *m.aliases) for m in index.metrics]
    raw += [tuple(g.terms) for g in index.synonyms]
    groups = []
    for names in raw:
        words = tuple(dict.fromkeys(w for w in (normalize(n).strip() for n in names) if len(w) >= 2 and " " not in w))
        if len(words) >= 2:
            groups.append(words)
    return groups


def widening(term: str, words: list[str]) -> list[str]:
    """The words that can find something ``term`` does not: none contains the term or another of them."""
    words = [w for w in dict.fromkeys(words) if w != term and term not in w]
    return [w for w in words if not any(other != w and other in w for other in words)]


def expansions(index: SiteIndex) -> dict[str, list[str]]:
    """Normalised typed term → the other words it also looks for (only terms that have some)."""
    members: dict[str, list[str]] = {}
    for group in expansion_groups(index):
        for word in group:
            members.setdefault(word, []).extend(group)
    out = {}
    for term, words in sorted(members.items()):
        wider = widening(term, words)
        if wider:
            out[term] = wider
    return out


def kind_words() -> dict[str, list[int]]:
    """Normalised word → the kinds (indices into KINDS) whose records it finds when typed as a term."""
    return {normalize(word): [KIND_INDEX[k] for k in kinds] for word, kinds in sorted(KIND_WORDS.items())}
