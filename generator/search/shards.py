"""The files the browser fetches, under search/:

* ``p-<n>.json`` postings, sharded by an FNV-1a hash of the bigram; a typed term's expansions
  (expansions.py) are stored in the shard of the term's first bigram, under ``=`` + the term (a
  key of 3+ characters, so never a bigram): the browser fetches that shard for the term anyway,
  so expansions cost no extra request and the manifest stays small at any corpus size;
* ``d-<n>.json`` display data (title, link, district, document, lead units, text for the snippet)
  in small chunks of consecutive records, fetched only for the results shown;
* ``facets.json`` per-record district, themes, kind, document and the roles its units have, for the
  filters and for passing page matches on to their measures;
* ``manifest.json`` everything search.js must know to read the others and to rank: shard counts,
  normalisation tables, field names and labels, what measures inherit, ranking weights, posting
  flags, where the expansions are, the kind words, the role words and fields, and a version that busts browser caches.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, takewhile
from json.encoder import encode_basestring

import numpy as np

from generator.index import ROWS_IN_TABLE, SiteIndex
from generator.model import FROM_NAMED_ROWS, FROM_ROWS, UNDIVIDED_SAID
from generator.search.expansions import Finder, expansions, group_members, kind_words, role_words, split_names
from generator.search.normalise import DROP, FNV_OFFSET, FNV_PRIME, FOLD, PARTICLES, PARTS_FROM, SPACES, NormalForms
from generator.search.postings import DIGITS, FLAG_BITS, FLAGS, digits, encode_table, posting_table, runs
from generator.search.ranking import WEIGHTS
from generator.search.records import (
    FIELDS,
    INHERIT,
    KIND_FIELD_LABEL,
    KIND_INDEX,
    KINDS,
    RANKED_LATER,
    ROLE_BIT,
    ROLE_LINES,
    ROLES,
    Record,
    district_names,
    records,
)
from generator.search.suggest import (
    FEW,
    ONE_CHANGED_FROM,
    RATIO,
    SHOWN,
    TRIED,
    candidate_words,
    longest,
    registry_names,
    suggestion_files,
    vocabulary,
)
from generator.search.tokens import corpus_words, site_tokenizer

PAGE_SIZE = 20
FORMAT = 2
EXPAND_PREFIX = "="
NAMES_PREFIX = "~"  # + a bigram: the names and words that begin with it (a posting key is 2 characters)


def names_by_first_bigram(names: Sequence[str]) -> dict[str, list[str]]:
    """Bigram → the names that begin with it: where search.js looks up the names and words a term
    may be split at (normalise.term_parts), in the shards it fetches for that term's bigrams (the
    list of all of them would grow the manifest with the corpus)."""
    out: dict[str, list[str]] = {}
    for name in names:
        out.setdefault(name[:2], []).append(name)
    return out


def shards_of(keys: Sequence[str], shards: int) -> list[int]:
    """The shard of each bigram, or of a term's expansions (the shard of its first bigram): fnv1a
    of its first two characters modulo ``shards``, worked out by numpy for all keys at once."""
    firsts = "".join(key[:2] for key in keys)
    if len(firsts) != 2 * len(keys):
        raise ValueError("a key of fewer than two characters has no first bigram")
    codes = np.frombuffer(firsts.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    h = np.full(len(keys), FNV_OFFSET, dtype=np.uint64)
    for code in (codes[0::2], codes[1::2]):
        h = ((h ^ code) * np.uint64(FNV_PRIME)) & np.uint64(0xFFFFFFFF)
    return (h % np.uint64(shards)).tolist()


@dataclass(frozen=True)
class BuildOptions:
    shard_bytes: int = 12_000  # target raw size of a postings shard
    doc_chunk: int = 4  # records per display chunk
    min_shards: int = 4


def facets(recs: Sequence[Record], index: SiteIndex) -> dict:
    """What the filters and the query-time passing-on of page matches need, per record."""
    district_pos = {d.slug: i + 1 for i, d in enumerate(index.districts)}
    theme_bit = {t.slug: i for i, t in enumerate(index.themes)}
    position = {rec.id: r for r, rec in enumerate(recs)}
    return {
        "districts": [[d.slug, d.name] for d in index.districts],
        # each district's names as a query term names it (normalised: 黔江区, 黔江): the 按区县 line
        # leaves the other districts out of its 没有结果 list when the query names one
        "districtNames": [district_names(d) for d in index.districts],
        "themes": [[t.slug, t.name] for t in index.themes],
        "kinds": [list(k) for k in KINDS],
        "roles": [[slug, label, ROLE_LINES.get(slug, "")] for slug, label, _ in ROLES],  # the display key of its unit line
        # districts whose documents do not divide 牵头 from 配合 (every unit 分工负责; index.undivided_district):
        # the 按区县 line says so, not 没有结果, when a role filter asks for neither of their roles
        "undivided": [i for i, d in enumerate(index.districts) if index.undivided_district(d.slug)],
        "undividedNote": UNDIVIDED_SAID,
        "districtRecords": [position[f"district:{d.slug}"] for d in index.districts],
        "themeRecords": [position[f"theme:{t.slug}"] for t in index.themes],
        # per record, run-length encoded ([value, count, …]) and written in digits:
        "d": digits(runs(district_pos[rec.district] if rec.district else 0 for rec in recs)),  # 1-based, 0 none
        "t": digits(runs(sum(2 ** theme_bit[s] for s in rec.themes) for rec in recs)),  # bit i: themes[i]
        "k": digits(runs(KIND_INDEX[rec.kind] for rec in recs)),
        "doc": digits(runs(position[rec.document] + 1 if rec.document else 0 for rec in recs)),  # 1-based, 0 none
        "r": digits(runs(sum(ROLE_BIT[slug] for slug, _, f in ROLES if rec.fields[f]) for rec in recs)),  # bit i: roles[i]
        # how a result's unit line names the rows it found a measure through (reference.answering_lines):
        # model.role_name's 牵头（据附表行） and 牵头（据{rows}）, index.rows_named's {table}第 {numbers} 行
        "rowsSaid": [FROM_ROWS, FROM_NAMED_ROWS, ROWS_IN_TABLE],
        # the pages' (the records before the first measure) title lengths: the shorter ranks first among alike
        "tl": [len(rec.display["t"]) for rec in takewhile(lambda rec: rec.document is None, recs)],
        # a measure found by a unit only as one of its table rows (records.rows_answering) → those rows' records
        "rows": {str(position[rec.id]): [position[row] for row in rec.answering] for rec in recs if rec.answering},
    }


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def json_size(entries: Mapping[str, str | dict[str, list[str]] | list[str]]) -> int:
    """len(_json(entries)) without writing it: each key and text value as json writes a string
    (encode_basestring, in UTF-8), any other value written alone, ":" inside an entry, "," between
    entries and the two braces."""
    texts = [value for value in entries.values() if isinstance(value, str)]
    others = [value for value in entries.values() if not isinstance(value, str)]
    return (2 + max(0, len(entries) - 1) + len(entries)
            + sum(map(len, map(str.encode, map(encode_basestring, chain(entries, texts)))))
            + sum(map(len, map(_json, others))))


def search_files(index: SiteIndex, tokenizer=None, options: BuildOptions = BuildOptions(),
                 prefix: str = "search/") -> dict[str, bytes]:
    """Every search file, keyed by its docs-relative path; byte-identical for the same index."""
    return build_files(records(index), index, tokenizer or site_tokenizer(index), options, prefix)


def build_files(recs: Sequence[Record], index: SiteIndex, tk, options: BuildOptions = BuildOptions(),
                prefix: str = "search/") -> dict[str, bytes]:
    forms = NormalForms()  # the search form of each text, worked out once for the postings and the expansions
    segmented: dict[str, list[int]] = {}  # each value's word lengths, kept by posting_table for corpus_words
    entries: dict[str, str | dict[str, list[str]] | list[str]] = dict(encode_table(posting_table(recs, tk, forms, segmented)))
    placed = list(entries)  # what each entry's shard is chosen by (shards_of): a posting's bigram, …
    words = corpus_words(segmented)
    suggestable = candidate_words(index, words)
    # one pass over the records finds the groups' words (expansions) and the suggestable words (their counts)
    find = Finder(recs, set(group_members(index)) | suggestable, forms)
    expanded = expansions(index, recs, forms, find)
    for term, expansion in expanded.items():
        entries[EXPAND_PREFIX + term] = expansion
        placed.append(term)  # … the typed term of an expansion
    for bigram, names in names_by_first_bigram(sorted(set(split_names(index)) | words)).items():
        entries[NAMES_PREFIX + bigram] = names
        placed.append(bigram)  # … the first bigram of the names
    total = json_size(entries)  # the size of all of them in one file
    shards = max(options.min_shards, 1 << max(0, math.ceil(math.log2(max(1, total / options.shard_bytes)))))
    buckets: list[dict[str, str | dict[str, list[str]] | list[str]]] = [{} for _ in range(shards)]
    for key, value, shard in zip(entries, entries.values(), shards_of(placed, shards), strict=True):
        buckets[shard][key] = value
    files: dict[str, bytes] = {}
    vocab = vocabulary(suggestable, {term: e["also"] for term, e in expanded.items()}, find)
    suggestions = suggestion_files(vocab, registry_names(index))
    for name, data in suggestions.items():
        files[prefix + name] = _json(data)
    for s, bucket in enumerate(buckets):
        files[f"{prefix}p-{s}.json"] = _json(bucket)
    chunk = options.doc_chunk
    for c in range(0, max(1, math.ceil(len(recs) / chunk))):
        files[f"{prefix}d-{c}.json"] = _json([
            dict(rec.display, i=rec.id, u=rec.url, k=KIND_INDEX[rec.kind]) for rec in recs[c * chunk:(c + 1) * chunk]
        ])
    files[f"{prefix}facets.json"] = _json(facets(recs, index))
    manifest = {
        "format": FORMAT,
        "records": len(recs),
        "shards": shards,
        "docChunk": chunk,
        "pageSize": PAGE_SIZE,
        "fields": [{"name": f.name, "label": f.label} for f in FIELDS],
        "kindLabel": KIND_FIELD_LABEL,
        "inherit": [{"field": measure, "from": source, "pageField": page} for measure, source, page in INHERIT],
        "weights": WEIGHTS,
        "rankedLater": list(RANKED_LATER),
        "flags": FLAGS,
        "flagBits": FLAG_BITS,
        "fold": FOLD,
        "drop": DROP,
        "spaces": SPACES,
        "digits": DIGITS,
        "expandPrefix": EXPAND_PREFIX,
        "kindWords": kind_words(),
        "roleFields": [f for _, _, f in ROLES],  # bit i of a role mask: the units in this field
        "roleWords": role_words(),
        "namesPrefix": NAMES_PREFIX,
        "particles": PARTICLES,
        "partsFrom": PARTS_FROM,
        # 你是不是要找 (suggest.py): the word lengths that have a shard, and the limits
        "suggest": {"longest": longest(suggestions), "shown": SHOWN, "tried": TRIED, "few": FEW, "ratio": RATIO,
                    "oneChangedFrom": ONE_CHANGED_FROM},
    }
    files[f"{prefix}manifest.json"] = _json(manifest)  # without its version: hashed below with the rest
    version = hashlib.sha256(b"".join(k.encode() + v for k, v in sorted(files.items()))).hexdigest()[:12]
    files[f"{prefix}manifest.json"] = _json({**manifest, "version": version})
    return files
