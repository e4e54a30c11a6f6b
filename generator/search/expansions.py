"""Query expansion an editor controls: the other words a typed term also looks for.

A typed term that is, after normalisation, one of the names of a group also looks for the group's
other names. The groups come from the registries alone (nothing is guessed):

* a district's name and its aliases (江津区, 江津);
* a department's canonical name, full name, every printed form and its colloquial names
  (发改委 → 发展改革委, 区发展和改革委员会 …);
* a metric's name and its wordings (单位GDP能耗下降 → 单位地区生产总值能耗降低 …);
* a reviewed group of site_data/synonyms.yaml (充电桩 → 充电站, 充电基础设施 …).

Only what widens the result is kept: a word that contains the typed term, or another word of
the list, finds nothing more, so it is dropped (区发展改革委 adds nothing to 发展改革委); and so is a
word that, in today's data, finds only records that the typed term and the words kept before it find
already (区发展和改革委员会 is printed nowhere but in the records that 发展改革委 finds). The result
set is the same; each dropped word would have cost the browser postings shards to download. A
word of the group that is a record's whole name is kept too when the typed term does not find that
record and no word kept before names it (a metric's other name inside a longer word of the list): the
record then ranks as found as typed (ranking.py).
The build stores the result with the postings (shards.py); search.js looks a typed term up and
repeats none of it.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain

import ahocorasick
import numpy as np

from generator.index import SiteIndex
from generator.search.normalise import NormalForms, normalize
from generator.search.postings import Numbering, gathered
from generator.search.records import F_TITLE, KIND_INDEX, KIND_WORDS, RANKED_LATER, ROLE_BIT, ROLE_WORDS, Record
from generator.terms import wording_groups


def name_groups(index: SiteIndex) -> list[tuple[str, ...]]:
    """Every group of names that mean one thing, as the registries spell them."""
    raw: list[tuple[str, ...]] = []
    raw += [(d.name, *d.aliases) for d in index.districts]
    raw += [(d.name, d.full_name, *d.aliases, *d.colloquial) for d in index.departments]
    raw += wording_groups(index.metrics, index.synonyms)
    return raw


def expansion_groups(index: SiteIndex) -> list[tuple[str, ...]]:
    """Every group of names that mean one thing, normalised; words of 1 character are left out."""
    groups = []
    for names in name_groups(index):
        words = tuple(dict.fromkeys(w for w in (normalize(n).strip() for n in names) if len(w) >= 2 and " " not in w))
        if len(words) >= 2:
            groups.append(words)
    return groups


def printed_forms(index: SiteIndex) -> dict[str, str]:
    """Normalised word of the groups → the spelling the registries give it (the documents' own), where
    the two differ: 充(换)电 → 充（换）电, 单位gdp能耗 → 单位GDP能耗. The normalised word is what is matched
    (normalise.py folds brackets and case); the printed one is what the result page names."""
    forms: dict[str, str] = {}
    for names in name_groups(index):
        for name in names:
            word, printed = normalize(name).strip(), name.strip()
            if word != printed:
                forms.setdefault(word, printed)
    return forms


def split_names(index: SiteIndex) -> list[str]:
    """Every name of a district or department, normalised (2+ characters, no space): a term that
    finds nothing is split at these (normalise.term_parts), for a query typed without spaces."""
    names = [n for d in index.districts for n in (d.name, *d.aliases)]
    names += [n for d in index.departments for n in (d.name, d.full_name, *d.aliases, *d.colloquial)]
    return sorted({w for w in (normalize(n).strip() for n in names) if len(w) >= 2 and " " not in w})


def widening(term: str, words: list[str]) -> list[str]:
    """The words that can find something ``term`` does not: none contains the term or another of them."""
    words = [w for w in dict.fromkeys(words) if w != term and term not in w]
    return [w for w in words if not any(other != w and other in w for other in words)]


class Finder:
    """Which records contain each of the given words: plain substring search over every record's
    normalised values (the same set the index finds, inherited fields included). The words are
    found in each distinct value once (postings.Numbering), by one pass of an Aho–Corasick automaton
    over them all, so its cost grows with the distinct text and not with text × words (the
    registries' words grow with the districts too); each record then takes the words of its values.
    ``own(word)``: the records that contain it in a field that does not rank them later
    (records.RANKED_LATER); ``named(word)``: the records one of whose names (a whole title value) it
    is (they rank as if found as typed: ranking.py)."""

    def __init__(self, recs: Sequence[Record], words: Iterable[str], forms: NormalForms | None = None) -> None:
        words = sorted(set(words))
        self._found: dict[str, set[int]] = {w: set() for w in words}
        self._own: dict[str, set[int]] = {w: set() for w in words}
        self._named: dict[str, set[int]] = {w: set() for w in words}
        if not words:
            return
        form = (NormalForms() if forms is None else forms).__getitem__
        numbering = Numbering()  # raw value → its number among the distinct ones
        numbers: list[int] = []  # the number of every value, fields and records one after another
        field_record: list[int] = []  # per field that has values: its record, whether it ranks the record later, its values
        field_later: list[bool] = []
        field_values: list[int] = []
        for r, rec in enumerate(recs):
            for name in map(form, rec.fields[F_TITLE]):
                if name in self._named:
                    self._named[name].add(r)
            ranked_later = RANKED_LATER if rec.document is not None else ()
            for f, values in enumerate(rec.fields):
                if values:
                    numbers += map(numbering.__getitem__, values)
                    field_record.append(r)
                    field_later.append(f in ranked_later)
                    field_values.append(len(values))
        first, count, word_of = _words_in([form(v) for v in numbering], words)
        # every word in every value in the fields: the word, its record, whether it ranks the record later
        of = np.array(numbers, dtype=np.int64)
        per_field = np.array(field_values, dtype=np.int64)
        word = word_of[gathered(first[of], count[of])]
        record = np.repeat(np.repeat(np.array(field_record, dtype=np.int64), per_field), count[of])
        later = np.repeat(np.repeat(np.array(field_later, dtype=bool), per_field), count[of])
        for found, which in ((self._own, ~later), (self._found, np.ones_like(later))):
            key = np.sort(word[which] * len(recs) + record[which])  # word by word, its records (the sets drop repeats: np.unique is slower)
            bounds = np.searchsorted(key // len(recs), np.arange(len(words) + 1)).tolist()
            for n, w in enumerate(words):
                found[w].update((key[bounds[n]:bounds[n + 1]] % len(recs)).tolist())

    def __call__(self, word: str) -> set[int]:
        return self._found[word]

    def own(self, word: str) -> set[int]:
        return self._own[word]

    def named(self, word: str) -> set[int]:
        return self._named[word]


def _words_in(texts: list[str], words: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``words`` (their numbers) that each text contains, every occurrence, as found by one pass
    of an Aho–Corasick automaton over the texts one a line (no value or word holds a newline): for
    each text the first of them and how many, and all of them text by text."""
    automaton = ahocorasick.Automaton()
    for number, word in enumerate(words):
        automaton.add_word(word, number)
    automaton.make_automaton()
    hits = np.fromiter(chain.from_iterable(automaton.iter("\n".join(texts))), dtype=np.int64).reshape(-1, 2)
    line_ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
    count = np.bincount(np.searchsorted(line_ends, hits[:, 0], side="right"), minlength=len(texts))  # by where each ends
    return np.cumsum(count) - count, count, hits[:, 1]


def needed(term: str, words: list[str], find: Finder, group: Sequence[str] = ()) -> list[str]:
    """The words, in their registry order (a department's name first), that each find a record
    the term and the words kept before them do not, or find one in a field of its own that they
    find only in its document's title or themes (it then ranks earlier: ranking.py); then the other
    words of the ``group`` that are the whole name of a record the term does not find as typed and no
    word kept before names (it ranks as found as typed: ranking.py; 充电站 → the metric page 充电桩数量,
    whose other name is 充电桩, a word that finds nothing more but names it)."""
    covered, covered_own, named = set(find(term)), set(find.own(term)), set(find(term))
    kept = []
    for word in words:
        if find(word) - covered or find.own(word) - covered_own:
            kept.append(word)
            covered |= find(word)
            covered_own |= find.own(word)
            named |= find.named(word)
    for word in group:
        if word != term and word not in kept and find.named(word) - named:
            kept.append(word)
            named |= find.named(word)
    return kept


def group_members(index: SiteIndex) -> dict[str, list[str]]:
    """Normalised word → every word of the groups it belongs to (itself included), in registry order."""
    members: dict[str, list[str]] = {}
    for group in expansion_groups(index):
        for word in group:
            members.setdefault(word, []).extend(group)
    return members


def shown_words(members: dict[str, list[str]]) -> dict[str, list[str]]:
    """Normalised typed term → every word of its groups that could widen what it finds (widening),
    the term's ``shown`` words; only terms that have some, in sorted order. They depend on the
    registries alone, not on any text: a text holds the term or one of its group's words exactly
    when it holds the term or one of these. The search's result page names them, and the compare
    view's keyword box (pages/compare.py) looks for them in the measures' texts."""
    return {term: shown for term, words in sorted(members.items()) if (shown := widening(term, words))}


def typed_word_expansions(index: SiteIndex) -> dict[str, list[str]]:
    """shown_words of the index's groups: what each typed term also looks for, whatever it is searched in."""
    return shown_words(group_members(index))


def expansions(index: SiteIndex, recs: Sequence[Record], forms: NormalForms | None = None,
               find: Finder | None = None) -> dict[str, dict[str, list[str]]]:
    """Normalised typed term → {"also": the words it also looks for, "shown": the words the result
    page names (shown_words: every word of its groups that could widen it: the results hold every
    record that contains one of them), normalised as the records are (what is marked in them), and,
    when one of them is printed otherwise (printed_forms), "printed": the same words as printed (what
    the page says: 充（换）电, not 充(换)电)}; only terms that have some. ``find``: a Finder over ``recs``
    that knows every word of the groups (and may know more), made here when not given."""
    members = group_members(index)
    find = Finder(recs, members, forms) if find is None else find
    printed = printed_forms(index)
    out: dict[str, dict[str, list[str]]] = {}
    for term, shown in shown_words(members).items():
        out[term] = {"also": needed(term, shown, find, list(dict.fromkeys(members[term]))), "shown": shown}
        if any(w in printed for w in shown):
            out[term]["printed"] = [printed.get(w, w) for w in shown]
    return out


def kind_words() -> dict[str, list[int]]:
    """Normalised word → the kinds (indices into KINDS) whose records it finds when typed as a term."""
    return {normalize(word): [KIND_INDEX[k] for k in kinds] for word, kinds in sorted(KIND_WORDS.items())}


def role_words() -> dict[str, int]:
    """Normalised word → the mask (records.ROLE_BIT) of the roles it filters by when typed as a term."""
    return {normalize(word): sum(ROLE_BIT[r] for r in roles) for word, roles in sorted(ROLE_WORDS.items())}
