"""你是不是要找: what the search offers when a query finds nothing, or a single term finds very little.

An official on a phone types with a pinyin input method and picks a wrong character that sounds
the same (充电庄 for 充电桩, 光扶 for 光伏, 碳打峰 for 碳达峰), or types a department's abbreviation
only in part (发改 for 发改委). The search then finds nothing, or a handful of records, and offers a
way forward: one to three words of the site's own vocabulary, each with the number of results it
finds, each a link that searches it.

The vocabulary (``vocabulary``): the words of two or more Chinese characters the index segments the
records' values into (tokens.corpus_words), the district and department names and aliases, the
words of the expansion groups (metric wordings, reviewed synonyms), the theme and metric names;
each with how many records it finds (it or one of the words it also looks for, expansions.py). A
word that finds no record, a role word (牵头: a filter, not a term) and a word with a space are left
out: every suggestion finds something as a query of its own.

The files (``suggestion_files``), fetched only after a query finds nothing or little:

* ``s-<L>.json``, one per word length L from 2 to the longest (the manifest's suggest.longest):
  the words of L characters, concatenated in sorted order (``w``), their numbers of records (``n``,
  digits as postings.digits writes them), and ``p``: each L-character beginning of a registry name
  (district, department, group, metric or theme) up to PREFIX_LONGER characters longer → those
  names with their numbers, for a partly typed abbreviation (发改 → 发改委);
* ``pinyin.json``: the readings (toneless pinyin: readings) of the vocabulary's characters and of
  the characters an input method offers for the same sounds:
  the 3 755 common characters of GB2312 level 1 (the first candidates a pinyin input method
  shows) that share a sound (or a near sound, ``near``) with a vocabulary character. Syllables
  (``s``), each syllable's near sound (``f``) and the characters of each syllable (``c``).

Ranking (``ranked``, the same as search.js rankSuggestions): a word of the term's length whose
differing characters all sound the same (庄/桩 zhuang, 扶/伏 fu) first, fewer differing characters
first; then one whose differing characters sound near (z/zh, c/ch, s/sh, n/l, an/ang, en/eng, in/ing,
as pinyin input methods' 模糊音 allow, and as many in Chongqing speak); then a registry name the term
begins (发改 → 发改委), the shorter first; then a word of ONE_CHANGED_FROM (4) or more characters with one
character changed; within each, the word that finds more records first. Only the best of those
tiers that has any is offered (a sound-alike crowds out a word with one other character).
The browser searches the best candidates (at most TRIED queries) and shows those that find
something (SHOWN at most) with their numbers: the number shown is what a tap finds. For a
single-term query that finds FEW results or fewer only a sound-alike or a completed name is
offered, and only one that finds RATIO times as many.
"""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from generator.index import SiteIndex
from generator.search.normalise import normalize
from generator.search.postings import digits, numbers
from generator.search.records import ROLE_WORDS

SHOWN = 3  # suggestions shown at most
TRIED = 4  # candidate queries the browser searches at most, to find those it shows
FEW = 5  # a single-term query with this many results or fewer may get a suggestion …
RATIO = 5  # … one that finds at least this many times as many
PREFIX_LONGER = 2  # a registry name this many characters longer than a term, or fewer, completes it

# tiers of a candidate, best first
SAME_SOUND, NEAR_SOUND, COMPLETES, ONE_CHANGED = 0, 1, 2, 3
# Only a tier that holds a candidate counts: the best of these groups that has any is offered.
TIER_GROUPS = ((SAME_SOUND, NEAR_SOUND), (COMPLETES,), (ONE_CHANGED,))
FEW_TIERS = (SAME_SOUND, COMPLETES)  # what a query with a few results may be offered
ONE_CHANGED_FROM = 4  # a term of this many characters or more may have one character changed (核电站 is not 充电站)

SHARD = "s-{}.json"
SOUNDS = "pinyin.json"


def is_chinese(ch: str) -> bool:
    """A CJK unified ideograph (the characters pinyin is defined for)."""
    return "\u4e00" <= ch <= "\u9fff"


# ------------------------------------------------------------------ the vocabulary


def registry_names(index: SiteIndex) -> set[str]:
    """The names a partly typed term may be completed to: every name and alias of a district or a
    department, every word of a metric's or a synonym group's, every theme and metric name;
    normalised, two or more characters, no space."""
    names = [n for d in index.districts for n in (d.name, *d.aliases)]
    names += [n for d in index.departments for n in (d.name, d.full_name, *d.aliases, *d.colloquial)]
    names += [n for m in index.metrics for n in (m.name, *m.aliases)]
    names += [w for g in index.synonyms for w in g.terms]
    names += [t.name for t in index.themes]
    return {w for w in (normalize(n).strip() for n in names) if len(w) >= 2 and " " not in w}


def candidate_words(index: SiteIndex, corpus_words: Iterable[str]) -> set[str]:
    """The words a suggestion may be: the corpus's words and the registry names, but role words."""
    roles = {normalize(w) for w in ROLE_WORDS}
    return (set(corpus_words) | registry_names(index)) - roles


def vocabulary(words: Iterable[str], also: Mapping[str, Sequence[str]], find) -> dict[str, int]:
    """Each word → how many records it finds: those that hold it or a word it also looks for
    (``also``: expansions' "also"; ``find``: an expansions.Finder that knows all of them); only
    words that find some, in sorted order."""
    out = {}
    for word in sorted(words):
        others = also.get(word)
        count = len(find(word).union(*map(find, others))) if others else len(find(word))  # most words: no copy
        if count:
            out[word] = count
    return out


# ------------------------------------------------------------------ sounds


MIN_PHRASES = 3  # a character's other reading counts when pypinyin's phrases use it this often


@cache  # a few thousand syllables, met again and again in the phrases
def toneless(syllable: str) -> str:
    """A pinyin syllable without its tone mark, ü written v: lǜ → lv."""
    decomposed = unicodedata.normalize("NFD", syllable).replace("u\u0308", "v")  # ü, ǖ, ǘ, ǚ, ǜ: u and its marks
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def pinyin_tables() -> tuple[Mapping[int, str], Mapping[str, list[list[str]]]]:
    """pypinyin's readings of each character (code point → "líng,yuán") and of its phrases, imported
    when first asked for: in a build, by the search index's own process, not at start-up (importing
    them took 0.13 s of every build's start)."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    return PINYIN_DICT, PHRASES_DICT


@cache
def phrase_readings() -> dict[str, Counter[str]]:
    """Character → how many of pypinyin's phrases (47 111 in 0.55) read it so, toneless: only for the
    characters pypinyin lists several readings of (8 617 in 0.55), the only ones ``readings`` asks
    about. Each build makes it once (about 0.05 s; counting every character took 0.6 s, which a small
    corpus's whole search index does not)."""
    readings_of, phrases = pinyin_tables()
    several = {chr(code) for code, said in readings_of.items() if "," in said}
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for phrase, syllables in phrases.items():
        for ch, said in zip(phrase, syllables, strict=False):
            if ch in several:
                counts[ch][toneless(said[0])] += 1
    return dict(counts)


@cache
def readings(ch: str) -> tuple[str, ...]:
    """The toneless pinyin readings of a Chinese character (ü written v) that an input method offers
    it for: pypinyin's first, and each other it lists that MIN_PHRASES of its phrases use (行 xing,
    hang; 重 zhong, chong), not a reading of classical texts alone (信 shen, 庄 peng, 达 ti); () for
    anything but a Chinese character."""
    if not is_chinese(ch):
        return ()
    listed = [r for r in dict.fromkeys(map(toneless, pinyin_tables()[0].get(ord(ch), "").split(","))) if r.isascii() and r.isalpha()]
    used = phrase_readings().get(ch, Counter())
    return tuple(dict.fromkeys(r for i, r in enumerate(listed) if i == 0 or used[r] >= MIN_PHRASES))


NEAR_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))
NEAR_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


def near(syllable: str) -> str:
    """The near sound of a syllable: the pairs pinyin input methods' fuzzy-sound option (模糊音) makes
    alike, each written as its second: zhuang → zuan, ning → lin, sheng → sen."""
    for long, short in NEAR_INITIALS:
        if syllable.startswith(long):
            syllable = short + syllable[len(long):]
            break
    for long, short in NEAR_FINALS:
        if syllable.endswith(long):
            return syllable[:-len(long)] + short
    return syllable


@cache
def common_characters() -> str:
    """GB2312's level-1 characters (3 755, bytes B0A1–D7F9): the common characters, the first a
    pinyin input method offers for a sound, so the ones a wrong pick produces."""
    out = []
    for row in range(0xB0, 0xD8):
        for col in range(0xA1, 0xFF):
            try:
                out.append(bytes((row, col)).decode("gb2312"))
            except UnicodeDecodeError:  # D7FA–D7FE are unassigned
                pass
    return "".join(out)


def sound_table(vocabulary_chars: Iterable[str]) -> dict:
    """pinyin.json: the readings of the vocabulary's characters, and of the common characters that
    share a sound or a near sound with one of them (no other character can stand for a vocabulary
    character); ``s`` the syllables (sorted), ``f`` each one's near sound, ``c`` each one's characters
    (sorted by code point)."""
    own = {ch for ch in vocabulary_chars if readings(ch)}
    heard = {near(r) for ch in own for r in readings(ch)}
    chars = own | {ch for ch in common_characters() if any(near(r) in heard for r in readings(ch))}
    by_syllable: dict[str, list[str]] = {}
    for ch in sorted(chars):
        for r in readings(ch):
            by_syllable.setdefault(r, []).append(ch)
    syllables = sorted(by_syllable)
    return {"s": syllables, "f": [near(s) for s in syllables], "c": ["".join(by_syllable[s]) for s in syllables]}


# ------------------------------------------------------------------ the files


def _new_shard() -> dict:
    """An s-<L>.json being filled: its words, their numbers of records, the names its words begin."""
    return {"w": [], "n": [], "p": {}}


def suggestion_files(vocab: Mapping[str, int], names: Iterable[str]) -> dict[str, dict]:
    """The files under search/ (names relative to it): one shard per word length, and the sounds."""
    names = set(names)
    shards: dict[int, dict] = {}
    for word in sorted(vocab, key=lambda w: (len(w), w)):
        shard = shards.setdefault(len(word), _new_shard())
        shard["w"].append(word)
        shard["n"].append(vocab[word])
    for name in sorted(n for n in names if n in vocab):
        for length in range(max(2, len(name) - PREFIX_LONGER), len(name)):
            shard = shards.setdefault(length, _new_shard())
            shard["p"].setdefault(name[:length], []).append([name, vocab[name]])
    # every length up to the longest has a shard, so the manifest says only that
    files = {SHARD.format(length): {"w": "".join(s["w"]), "n": digits(s["n"]), "p": s["p"]}
             for length in range(2, max(shards, default=1) + 1) for s in (shards.get(length) or _new_shard(),)}
    files[SOUNDS] = sound_table(sorted(set("".join(vocab))))
    return files


def longest(files: Mapping[str, object]) -> int:
    """The longest word length with an s-<L>.json among suggestion_files' files (each from 2 has one)."""
    return max((int(name[len("s-"):-len(".json")]) for name in files if name != SOUNDS), default=0)


# ------------------------------------------------------------------ ranking (search.js rankSuggestions)


class Sounds:
    """pinyin.json read back: a character's syllables and near sounds."""

    def __init__(self, table: Mapping) -> None:
        self.syllables: dict[str, set[str]] = {}
        self.near: dict[str, set[str]] = {}
        for syllable, near_sound, chars in zip(table["s"], table["f"], table["c"], strict=True):
            for ch in chars:
                self.syllables.setdefault(ch, set()).add(syllable)
                self.near.setdefault(ch, set()).add(near_sound)

    def alike(self, a: str, b: str) -> int | None:
        """SAME_SOUND when two characters share a reading, NEAR_SOUND a near one, else None."""
        if self.syllables.get(a, set()) & self.syllables.get(b, set()):
            return SAME_SOUND
        if self.near.get(a, set()) & self.near.get(b, set()):
            return NEAR_SOUND
        return None


def shard_words(shard: Mapping, length: int) -> list[tuple[str, int]]:
    """An s-<L>.json shard's words with their numbers of records."""
    text = shard["w"]
    counts = numbers(shard["n"])
    return [(text[i * length:(i + 1) * length], n) for i, n in enumerate(counts)]


def ranked(term: str, shard: Mapping | None, sounds: Sounds | None, few: bool = False) -> list[str]:
    """The words a term may have meant, best first (see the module's docstring): by tier, then the
    fewest characters changed (a completed name: the fewest added), then the most records, then the
    word; only those of the best group of tiers that has any (TIER_GROUPS), or, when the query
    found a few results (``few``), those of FEW_TIERS, all of them. ``shard``: the s-<L>.json of the
    term's length (None when there is none); ``sounds``: pinyin.json read back (None for a term
    without a Chinese character: no sound to compare)."""
    if shard is None:
        return []
    length = len(term)
    scored: dict[str, tuple[int, int, int]] = {}
    for word, count in shard_words(shard, length):
        changed = [i for i in range(length) if word[i] != term[i]]
        if not changed:
            continue
        alike = [sounds.alike(term[i], word[i]) if sounds else None for i in changed]
        if all(a is not None for a in alike):
            tier = max(a for a in alike if a is not None)
        elif len(changed) == 1 and length >= ONE_CHANGED_FROM and is_chinese(term[changed[0]]) and is_chinese(word[changed[0]]):
            tier = ONE_CHANGED
        else:
            continue
        scored[word] = (tier, len(changed), -count)
    for name, count in shard["p"].get(term, []):
        scored.setdefault(name, (COMPLETES, len(name) - length, -count))
    for group in (FEW_TIERS,) if few else TIER_GROUPS:
        chosen = sorted((key, word) for word, key in scored.items() if key[0] in group)
        if chosen:
            return [word for _, word in chosen]
    return []
