"""The site's own Chinese full-text search: records, normalisation, a positional bigram index
sharded into small JSON files, and a Python reference of the browser's query algorithm.

Why our own search (see ARCHITECTURE.md, "Known traps"): Material's search downloads the whole
index before the first result and its word segmentation loses Chinese hits; Pagefind splits
Chinese queries differently from its index. Here the promise is exact:

    a record is found for a typed term  ⇔  the term is a substring of one of the record's
    searchable fields, both normalised by :func:`normalize`.

How:

* Every searchable field value is normalised one code point at a time (NFKC, the bracket
  variants 〔〕【】[] folded to (), ASCII lower-case, every space character to " ").
* Every pair of adjacent non-space characters (a *bigram*: CJK, ASCII, digits and punctuation
  alike) is indexed with its position: posting = (record, field, position, flags).
* A query term of L ≥ 2 characters is covered by the bigrams at offsets 0, 2, 4, … and L-2.
  A record matches at position p iff every covering bigram j occurs at p + j in the same field:
  that is exactly "the term occurs at p" — no false positives, no missed hits, and no record
  text needs downloading to verify it.
* A measure's document, district and theme fields are not indexed per measure: the match on
  the document's, district's or theme's page is passed on to its measures at query time (see
  INHERITED). Same results; the words of a long document title are not repeated for each of its
  hundreds of measures (they made the commonest bigrams' postings several times longer).
* Postings (written compactly as base-64 digits) are sharded by an FNV-1a hash of the bigram
  (``search/p-<n>.json``); display data (title, link, district, document, lead units, text for
  the snippet) lives in small chunks of consecutive records (``search/d-<n>.json``) fetched only
  for the results shown; per-record facets for the filters and for passing page matches on
  (district, themes, kind, document) in ``search/facets.json``; and ``search/manifest.json``
  lists the shard counts, the normalisation tables and a version that busts browser caches.
* Ranking: 8 × the term equals the whole title + 4 × hit in the title + 2 × hit in the lead
  (牵头) units + 1 × whole-word hit (the match starts and ends on a word
  boundary of the domain tokenizer in :mod:`generator.terms`), summed over the query's terms;
  then the number of occurrences; then the stable record order (pages first, then measures in
  site order).

``assets/search.js`` implements the same algorithm in the browser; :class:`SearchFiles` here is
its reference, tested against brute-force substring search.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import math
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from generator.index import (
    KIND_LABELS,
    MeasureEntry,
    SiteIndex,
    Url,
    department_url,
    district_url,
    metric_url,
    theme_url,
)
from generator.model import Quote, printed, reading

# ------------------------------------------------------------------ normalisation

FOLD = {"〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")", "〖": "(", "〗": ")", "［": "(", "］": ")"}
# Space characters that survive NFKC (NFKC already maps U+00A0, U+2000–200A, U+3000 … to " ").
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2028\u2029\u200b\ufeff"
_SPACE_SET = frozenset(SPACES)


def normalize_char(ch: str) -> str:
    """One code point → its normalised form (possibly several code points, e.g. Ⅲ → iii)."""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        c = FOLD.get(c, c)
        if "A" <= c <= "Z":
            c = c.lower()
        elif c in _SPACE_SET:
            c = " "
        out.append(c)
    return "".join(out)


def normalize(text: str) -> str:
    """The search form of a text. Defined per code point, so normalize(a + b) ==
    normalize(a) + normalize(b) and a substring of a text normalises to a substring."""
    return "".join(normalize_char(ch) for ch in text)


def query_terms(query: str) -> list[str]:
    """The terms of a typed query: its normalised space-separated parts of 2+ characters."""
    return [t for t in normalize(query).split(" ") if len(t) >= 2]


def cover_offsets(length: int) -> list[int]:
    """Offsets of the bigrams that cover a term of ``length`` ≥ 2 characters: 0, 2, 4, … and
    length-2. Every character lies in one of them, so their co-occurrence is the term."""
    offsets = list(range(0, length - 1, 2))
    if offsets[-1] != length - 2:
        offsets.append(length - 2)
    return offsets


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over code points (search.js computes the same)."""
    h = 2166136261
    for ch in text:
        h ^= ord(ch)
        h = (h * 16777619) & 0xFFFFFFFF
    return h


# ------------------------------------------------------------------ records

FIELDS = ("title", "lead", "units", "text", "number", "theme", "metric", "document", "district")
FIELD_LABELS = ("标题", "牵头单位", "配合或分工负责单位", "正文", "编号/类别", "主题", "指标", "文件", "区县")
NF = len(FIELDS)
F_TITLE, F_LEAD, F_UNITS, F_TEXT, F_NUMBER, F_THEME, F_METRIC, F_DOCUMENT, F_DISTRICT = range(NF)

# A measure's document, district and theme fields are the same values as its document's,
# district's and themes' pages have in the same field (theme: the theme page's title). They are
# not indexed once per measure: a match on the page is passed on to its measures at query time
# (facets.json says which measures belong to which page). Same results, and postings of the
# words of a document title are not repeated for each of its hundreds of measures.
INHERITED = {F_DOCUMENT: F_DOCUMENT, F_DISTRICT: F_DISTRICT, F_THEME: F_TITLE}  # measure field → page field

# flags of a posting
WORD_START, WORD_END, VALUE_START, VALUE_END = 1, 2, 4, 8
FLAG_BITS = 16

PAGE_KINDS = (("district", "区县"), ("document", "政策文件"), ("department", "部门"),
              ("theme", "主题"), ("metric", "指标对比"))
MEASURE_KINDS = tuple((k.value, labels[0]) for k, labels in KIND_LABELS.items())
KINDS = PAGE_KINDS + MEASURE_KINDS
KIND_INDEX = {slug: i for i, (slug, _) in enumerate(KINDS)}

PAGE_SIZE = 20


@dataclass(frozen=True)
class Record:
    """One search result: a page or a measure (which lands on its anchor)."""

    id: str  # measure key (jiangjin-2022-57/m5) or "<kind>:<slug>"
    kind: str
    url: str  # site-relative address, e.g. documents/jiangjin-2022-57/#m5
    fields: tuple[tuple[str, ...], ...]  # raw values per FIELDS
    district: str | None
    themes: tuple[str, ...]
    display: Mapping[str, str] = field(compare=False)
    document: str | None = None  # a measure: the id of its document's record ("document:<id>")


def site_url(url: Url) -> str:
    return url.site_path


def _values(*items: Iterable[str | None] | str | None) -> tuple[str, ...]:
    """The non-blank texts of ``items`` in order, each once (a dict keeps order and makes the
    de-duplication linear: a department may have thousands of aliases)."""
    flat = (v for item in items for v in ([item] if item is None or isinstance(item, str) else item))
    return tuple(dict.fromkeys(v for v in flat if v and v.strip()))


def quote_values(q: Quote | None) -> tuple[str, ...]:
    """Printed and (where damaged) read form of a quote."""
    if q is None:
        return ()
    return _values(printed(q), reading(q))


def _unit_values(me: MeasureEntry, roles: Sequence[str]) -> tuple[str, ...]:
    vals: list[str] = []
    for u in me.units:
        if u.role in roles:
            vals += [u.printed, u.reading, u.department.name, u.department.full_name]
    return _values(vals)


def measure_fields(me: MeasureEntry) -> tuple[tuple[str, ...], ...]:
    m, doc = me.measure, me.document.document
    return (
        _values(quote_values(m.title), m.project.name if m.project else None),
        _unit_values(me, ("lead",)),
        _unit_values(me, ("support", "joint")),
        quote_values(m.text),
        _values(m.number, m.category, m.project.category if m.project else None),
        _values(t.name for t in me.themes),
        _values(te.metric.name for te in me.targets),
        _values(doc.title, doc.short_title, doc.doc_number),
        _values(me.district.name),
    )


def _fields(**kw: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(kw.get(name, ()) for name in FIELDS)


def _lead_text(me: MeasureEntry) -> str:
    for role, label in (("lead", "牵头"), ("joint", "负责")):
        units = me.units_in(role)
        if units:
            etc = "等" if getattr(me.measure.responsibility, f"{role}_etc") else ""
            return f"{label}：" + "、".join(dict.fromkeys(u.reading for u in units)) + etc
    return ""


def records(index: SiteIndex) -> list[Record]:
    """Every searchable record in stable order: pages (districts, documents, themes,
    departments, metrics), then every measure in site order. A page's title field holds its
    name and the other names it goes by (a department's printed forms, a metric's wordings)."""
    out: list[Record] = []
    for d in index.districts:
        out.append(Record(
            f"district:{d.slug}", "district", site_url(district_url(d.slug)),
            _fields(title=_values(d.name, d.aliases), text=_values(d.region.value), district=_values(d.name)),
            d.slug, (), {"t": d.name, "x": f"{d.region.value}；别称：{'、'.join(d.aliases)}" if d.aliases else d.region.value},
        ))
    for de in index.documents:
        doc = de.document
        cited = [v for p in doc.policies for v in quote_values(p.title) + quote_values(p.doc_number)]
        out.append(Record(
            f"document:{doc.id}", "document", site_url(de.url),
            _fields(title=_values(doc.short_title),
                    text=_values(doc.notice_title, doc.issuer, cited),
                    document=_values(doc.title, doc.short_title, doc.doc_number),
                    district=_values(de.district.name)),
            de.district.slug, (),
            {"t": doc.short_title, "d": de.district.name,
             "x": "，".join(v for v in (doc.title, doc.doc_number or "", doc.status.value) if v)},
        ))
    for t in index.themes:
        out.append(Record(
            f"theme:{t.slug}", "theme", site_url(theme_url(t.slug)),
            _fields(title=_values(t.name), text=_values(t.description, t.keywords)),
            None, (t.slug,), {"t": t.name, "x": t.description},
        ))
    for dept in index.departments:
        out.append(Record(
            f"department:{dept.slug}", "department", site_url(department_url(dept.slug)),
            _fields(title=_values(dept.name, dept.aliases), text=_values(dept.full_name, dept.kind.value)),
            dept.district, (), {"t": dept.name, "x": f"{dept.full_name}（{dept.kind.value}）；原文写法：{'、'.join(dept.aliases)}"},
        ))
    theme_slugs = {t.slug for t in index.themes}
    for metric in index.metrics:
        out.append(Record(
            f"metric:{metric.slug}", "metric", site_url(metric_url(metric.slug)),
            _fields(title=_values(metric.name, metric.aliases), text=_values(metric.description),
                    theme=_values(t.name for t in index.themes if t.slug in metric.themes)),
            None, tuple(s for s in metric.themes if s in theme_slugs),
            {"t": metric.name, "x": metric.description or "、".join(metric.aliases)},
        ))
    for me in index.measures:
        m = me.measure
        disp = {"t": me.label, "d": me.district.name, "s": me.document.document.short_title,
                "l": _lead_text(me), "x": reading(m.text)}
        if printed(m.text) != reading(m.text):
            disp["xp"] = printed(m.text)
        out.append(Record(me.key, m.kind.value, site_url(me.url), measure_fields(me),
                          me.district.slug, tuple(t.slug for t in me.themes), disp, f"document:{me.document.id}"))
    return out


# ------------------------------------------------------------------ index


def _boundaries(text: str, tk) -> frozenset[int]:
    """Word boundaries of a normalised value: starts of its tokens and its end."""
    cuts, pos = set(), 0
    for token in tk.lcut(text) if tk is not None else [text]:
        cuts.add(pos)
        pos += len(token)
    cuts.add(pos)
    return frozenset(cuts)


def field_text(values: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The normalised values of a field joined by newlines, with each value's (start, end)."""
    parts, spans, pos = [], [], 0
    for v in values:
        n = normalize(v)
        parts.append(n)
        spans.append((pos, pos + len(n)))
        pos += len(n) + 1
    return "\n".join(parts), spans


def postings(recs: Sequence[Record], tk=None) -> dict[str, list[tuple[int, int, int, int]]]:
    """bigram → sorted [(record, field, position, flags)]."""
    out: dict[str, list[tuple[int, int, int, int]]] = {}
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
                    cuts = cache[value] = _boundaries(value, tk)
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
    while True:
        low, n = n & 31, n >> 5
        out.append(DIGITS[low | (32 if n else 0)])
        if not n:
            return


def _numbers(text: str) -> list[int]:
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


def encode(plist: Sequence[tuple[int, int, int, int]]) -> str:
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


def decode(text: str) -> list[tuple[int, int, int, int]]:
    nums = _numbers(text)
    out: list[tuple[int, int, int, int]] = []
    r, f, p = 0, -1, 0
    for i in range(0, len(nums), 2):
        a, v = nums[i], nums[i + 1]
        nr, nf_ = r + a // NF, a % NF
        pos = v // FLAG_BITS
        p = p + pos if (nr == r and nf_ == f) else pos
        r, f = nr, nf_
        out.append((r, f, p, v % FLAG_BITS))
    return out


def facets(recs: Sequence[Record], index: SiteIndex) -> dict:
    """What the filters and the query-time passing-on of page matches need, per record."""
    district_pos = {d.slug: i + 1 for i, d in enumerate(index.districts)}
    theme_bit = {t.slug: i for i, t in enumerate(index.themes)}
    position = {rec.id: r for r, rec in enumerate(recs)}
    return {
        "districts": [[d.slug, d.name] for d in index.districts],
        "themes": [[t.slug, t.name] for t in index.themes],
        "kinds": [list(k) for k in KINDS],
        "districtRecords": [position[f"district:{d.slug}"] for d in index.districts],
        "themeRecords": [position[f"theme:{t.slug}"] for t in index.themes],
        # per record, run-length encoded ([value, count, …]) and written in digits:
        "d": digits(runs(district_pos[rec.district] if rec.district else 0 for rec in recs)),  # 1-based, 0 none
        "t": digits(runs(sum(2 ** theme_bit[s] for s in rec.themes) for rec in recs)),  # bit i: themes[i]
        "k": digits(runs(KIND_INDEX[rec.kind] for rec in recs)),
        "doc": digits(runs(position[rec.document] + 1 if rec.document else 0 for rec in recs)),  # 1-based, 0 none
    }


def digits(numbers: Iterable[int]) -> str:
    out: list[str] = []
    for n in numbers:
        _varint(n, out)
    return "".join(out)


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


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


@dataclass(frozen=True)
class BuildOptions:
    shard_bytes: int = 12_000  # target raw size of a postings shard
    doc_chunk: int = 4  # records per display chunk
    min_shards: int = 4


def search_files(index: SiteIndex, tokenizer=None, options: BuildOptions = BuildOptions(),
                 prefix: str = "search/") -> dict[str, bytes]:
    """Every search file, keyed by its docs-relative path; byte-identical for the same index."""
    if tokenizer is None:
        from generator.terms import registry_terms, tokenizer as make_tokenizer

        tokenizer = make_tokenizer(registry_terms(index.departments, index.metrics, index.themes))
    return build_files(records(index), index, tokenizer, options, prefix)


def build_files(recs: Sequence[Record], index: SiteIndex, tk, options: BuildOptions = BuildOptions(),
                prefix: str = "search/") -> dict[str, bytes]:
    plists = postings(recs, tk)
    encoded = {b: encode(pl) for b, pl in plists.items()}
    total = sum(len(v) + len(b.encode()) + 6 for b, v in encoded.items())
    shards = max(options.min_shards, 1 << max(0, math.ceil(math.log2(max(1, total / options.shard_bytes)))))
    buckets: list[dict[str, str]] = [{} for _ in range(shards)]
    for b, flat in encoded.items():
        buckets[fnv1a(b) % shards][b] = flat
    files: dict[str, bytes] = {}
    for s, bucket in enumerate(buckets):
        files[f"{prefix}p-{s}.json"] = _json(bucket)
    chunk = options.doc_chunk
    for c in range(0, max(1, math.ceil(len(recs) / chunk))):
        files[f"{prefix}d-{c}.json"] = _json([
            dict(rec.display, i=rec.id, u=rec.url, k=KIND_INDEX[rec.kind]) for rec in recs[c * chunk:(c + 1) * chunk]
        ])
    files[f"{prefix}facets.json"] = _json(facets(recs, index))
    version = hashlib.sha256(b"".join(k.encode() + v for k, v in sorted(files.items()))).hexdigest()[:12]
    files[f"{prefix}manifest.json"] = _json({
        "format": 1,
        "version": version,
        "records": len(recs),
        "shards": shards,
        "docChunk": chunk,
        "pageSize": PAGE_SIZE,
        "fields": list(FIELD_LABELS),
        "fold": FOLD,
        "spaces": SPACES,
        "flagBits": FLAG_BITS,
        "digits": DIGITS,
    })
    return files


# ------------------------------------------------------------------ reference query algorithm


@dataclass(frozen=True)
class Hit:
    record: int
    score: int
    occurrences: int
    fields: tuple[int, ...]


class SearchFiles:
    """The browser's algorithm over the built files (the reference search.js must agree with).

    ``fetched`` records every file a query needed, for the benchmark's download accounting."""

    def __init__(self, files: Mapping[str, bytes], prefix: str = "search/") -> None:
        self.files, self.prefix = files, prefix
        self.manifest = json.loads(files[prefix + "manifest.json"])
        self._shards: dict[int, dict] = {}
        self._facets: dict | None = None
        self.fetched: list[str] = []

    def facets(self) -> dict:
        """facets.json with its per-record lists expanded, and who inherits from which page."""
        if self._facets is None:
            f = self._load("facets.json")
            for key in ("d", "t", "k", "doc"):
                f[key] = unruns(_numbers(f[key]))
            heirs: dict[tuple[int, int], list[int]] = {}  # (page record, page field) → measures
            for r, doc in enumerate(f["doc"]):
                if not doc:
                    continue
                heirs.setdefault((doc - 1, F_DOCUMENT), []).append(r)
                heirs.setdefault((f["districtRecords"][f["d"][r] - 1], F_DISTRICT), []).append(r)
                for bit, page in enumerate(f["themeRecords"]):
                    if f["t"][r] >> bit & 1:
                        heirs.setdefault((page, F_TITLE), []).append(r)
            f["heirs"] = heirs
            self._facets = f
        return self._facets

    def passed_on(self, matches: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
        """The matches plus, for a match in a document's, district's or theme's page field,
        the same match in the corresponding field of each of its measures."""
        heirs = self.facets()["heirs"]
        into = {page_field: field for field, page_field in INHERITED.items()}
        out = list(matches)
        for r, f, p, flags in matches:
            out += [(m, into[f], p, flags) for m in heirs.get((r, f), ())]
        return out

    def _load(self, name: str):
        self.fetched.append(self.prefix + name)
        return json.loads(self.files[self.prefix + name])

    def _postings(self, bigram: str) -> list[tuple[int, int, int, int]]:
        s = fnv1a(bigram) % self.manifest["shards"]
        if s not in self._shards:
            self._shards[s] = self._load(f"p-{s}.json")
        return decode(self._shards[s].get(bigram, ""))

    def term_matches(self, term: str) -> list[tuple[int, int, int, int]]:
        """[(record, field, position, flags)] of every occurrence of a normalised term;
        flags: WORD_START|WORD_END when the match is a whole word, VALUE_START|VALUE_END when
        it is a whole field value."""
        offsets = cover_offsets(len(term))
        lists = {j: self._postings(term[j:j + 2]) for j in offsets}
        if any(not pl for pl in lists.values()):
            return []
        j0 = min(offsets, key=lambda j: (len(lists[j]), j))
        at = {j: {(r, f, p): fl for r, f, p, fl in lists[j]} for j in offsets if j != j0}
        last = len(term) - 2
        out = []
        for r, f, p, fl in lists[j0]:
            start = p - j0
            flags_at = {j0: fl}
            for j in offsets:
                if j == j0:
                    continue
                got = at[j].get((r, f, start + j))
                if got is None:
                    break
                flags_at[j] = got
            else:
                flags = (flags_at[0] & (WORD_START | VALUE_START)) | (flags_at[last] & (WORD_END | VALUE_END))
                out.append((r, f, start, flags))
        return out

    def search(self, query: str) -> list[Hit]:
        terms = query_terms(query)
        if not terms:
            return []
        per_record: dict[int, list] = {}
        for n, term in enumerate(dict.fromkeys(terms)):
            found: dict[int, list] = {}
            for r, f, p, flags in self.passed_on(self.term_matches(term)):
                found.setdefault(r, []).append((f, flags))
            if n == 0:
                per_record = {r: [v] for r, v in found.items()}
            else:
                per_record = {r: per_record[r] + [found[r]] for r in per_record if r in found}
        hits = []
        for r, term_lists in per_record.items():
            score = occ = 0
            fields: set[int] = set()
            for matches in term_lists:
                score += term_score(matches)
                occ += len(matches)
                fields.update(f for f, _ in matches)
            hits.append(Hit(r, score, occ, tuple(sorted(fields))))
        hits.sort(key=lambda h: (-h.score, -h.occurrences, h.record))
        return hits

    def display(self, record: int) -> dict:
        chunk = self.manifest["docChunk"]
        return self._load(f"d-{record // chunk}.json")[record % chunk]


def term_score(matches: Iterable[tuple[int, int]]) -> int:
    exact = title = lead = whole = 0
    for f, flags in matches:
        if f == F_TITLE:
            title = 1
            if flags & (VALUE_START | VALUE_END) == VALUE_START | VALUE_END:
                exact = 1
        if f == F_LEAD:
            lead = 1
        if flags & (WORD_START | WORD_END) == WORD_START | WORD_END:
            whole = 1
    return 8 * exact + 4 * title + 2 * lead + whole


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))
