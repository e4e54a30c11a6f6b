"""The browser's query algorithm in Python, over the built files: the reference that
assets/search.js must agree with. Used only by the tests and the benchmark (its ``fetched`` list
is the benchmark's download accounting); the build never imports it."""
from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import groupby, zip_longest

from generator.search.normalise import PARTS_FROM, cover_offsets, fnv1a, query_terms, term_parts
from generator.search.postings import VALUE_END, VALUE_START, WORD_END, WORD_START, Posting, decode, numbers, unruns
from generator.search.ranking import NOT_A_PAGE, WHOLE_VALUE, names_record, starts_title, term_score
from generator.search.records import F_KIND, INHERIT, INHERITED, RANKED_LATER
from generator.search.suggest import SHARD, SOUNDS, Sounds, is_chinese, ranked


@dataclass(frozen=True)
class Hit:
    record: int
    score: int
    occurrences: int
    fields: tuple[int, ...]  # F_KIND when a term named the record's kind
    exact: bool  # every term matched as typed (or as a kind name, or names the record), not only through an expansion
    later: bool  # a measure that holds some term only in its document's title or its themes (RANKED_LATER)
    parts: bool = False  # found only by a term's parts (屋顶光伏 → 屋顶, 光伏), not by the term itself
    roles: int = 0  # the roles (bit i: manifest roleFields[i]) of its units that a term names, else of all its units
    rows: tuple[int, ...] = ()  # the table rows it was found through (facets rows: records.rows_answering), in their order
    start: bool = False  # a page one of whose names starts with every term as typed (工业 → 工业与制造业)
    length: int = NOT_A_PAGE  # a page's title length (facets tl): the shorter first among those alike


@dataclass(frozen=True)
class Found:
    """A query's hits and how they were found."""

    hits: list[Hit]
    split: dict[str, list[str]]  # each term searched as its parts → the parts
    terms: list[str]  # the typed terms but the role words
    finds_nothing: set[str]  # the typed terms that find nothing
    parts_find_nothing: set[str]  # the parts that find nothing


@dataclass(frozen=True)
class Fallback:
    """What is shown for a query that finds nothing though some of its terms find something on their own."""

    dropped: list[str]  # the terms (as typed, or parts a typed term was split into) that find nothing on their own
    query: str  # the query without them: the other terms, role words and names, as searched
    found: Found  # what that query finds (some hits)


@dataclass(frozen=True)
class DistrictCount:
    """One district's share of a query's results, as the search page's 按区县 line says it."""

    own: int  # the results that hold every term, or every part, in fields of their own: the district's number
    parts: int  # of those, the results found by the parts (其中 n 条词语分开出现)
    later: int  # the results that hold a term only in their document's title or themes: said apart


@dataclass(frozen=True)
class QueryTerm:
    """One typed term and what it looks for."""

    text: str
    also: tuple[str, ...]  # the words it also looks for (none in the exact-only search)
    shown: tuple[str, ...]  # the words the result page names: also, and those that would add nothing
    kinds: tuple[int, ...]  # the kinds it names (none in the exact-only search)


class SearchFiles:
    """The browser's algorithm over the built files. ``fetched`` records every file a query needed."""

    def __init__(self, files: Mapping[str, bytes], prefix: str = "search/") -> None:
        self.files, self.prefix = files, prefix
        self.manifest = json.loads(files[prefix + "manifest.json"])
        self._shards: dict[int, dict] = {}
        self._facets: dict | None = None
        self._sounds: Sounds | None = None
        self.fetched: list[str] = []

    def district_names(self) -> set[str]:
        """Every name of every district (甲山, 甲山区): search.js districtNameSet."""
        return {n for names in self.facets()["districtNames"] for n in names}

    def facets(self) -> dict:
        """facets.json with its per-record lists expanded, and who inherits from which page."""
        if self._facets is None:
            f = self._load("facets.json")
            for key in ("d", "t", "k", "doc", "r"):
                f[key] = unruns(numbers(f[key]))
            heirs: dict[tuple[int, int], list[int]] = {}  # (page record, page field) → measures
            for r, doc in enumerate(f["doc"]):
                if not doc:
                    continue
                pages = {"document": [doc - 1], "district": [f["districtRecords"][f["d"][r] - 1]],
                         "theme": [page for bit, page in enumerate(f["themeRecords"]) if f["t"][r] >> bit & 1]}
                for _, source, page_field in INHERIT:
                    for page in pages[source]:
                        heirs.setdefault((page, page_field), []).append(r)
            f["heirs"] = heirs
            self._facets = f
        return self._facets

    def passed_on(self, matches: list[Posting]) -> list[Posting]:
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

    def _shard(self, key: str) -> dict:
        s = fnv1a(key[:2]) % self.manifest["shards"]
        if s not in self._shards:
            self._shards[s] = self._load(f"p-{s}.json")
        return self._shards[s]

    def _postings(self, bigram: str) -> list[Posting]:
        return decode(self._shard(bigram).get(bigram, ""))

    def expansions(self, term: str) -> dict[str, list[str]]:
        """What a normalised term also looks for and names (kept in the shard of its first bigram)."""
        return self._shard(term).get(self.manifest["expandPrefix"] + term, {"also": [], "shown": []})

    def names_in(self, term: str) -> set[str]:
        """The district and department names and the corpus's words that occur in a term (from the
        entries of its bigrams)."""
        prefix = self.manifest["namesPrefix"]
        bigrams = {term[i:i + 2] for i in range(len(term) - 1)}
        return {name for b in bigrams for name in self._shard(b).get(prefix + b, []) if name in term}

    def term_matches(self, term: str) -> list[Posting]:
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

    def role_words(self, query: str, exact: bool = False, role_text: bool = False) -> dict[str, int]:
        """The terms of a query that are role words (牵头, 配合 …) → the mask of the roles each filters
        by; none in the exact-only search or when ``role_text`` (the role words searched as text)."""
        words = self.manifest["roleWords"]
        return {} if exact or role_text else {t: words[t] for t in query_terms(query) if t in words}

    def plan(self, query: str, exact: bool = False, role_text: bool = False) -> list[QueryTerm]:
        """The typed terms but the role words and, unless ``exact``, the words and kinds each also looks for."""
        kinds = self.manifest["kindWords"]
        if exact:
            return [QueryTerm(t, (), (), ()) for t in query_terms(query)]
        roles = self.role_words(query, exact, role_text)
        return [QueryTerm(t, tuple(e["also"]), tuple(e["shown"]), tuple(kinds.get(t, ())))
                for t in query_terms(query) if t not in roles for e in (self.expansions(t),)]

    def search(self, query: str, exact: bool = False, role_text: bool = False) -> list[Hit]:
        return self.searched(query, exact, role_text)[0]

    def searched(self, query: str, exact: bool = False, role_text: bool = False) -> tuple[list[Hit], dict[str, list[str]]]:
        found = self.found(query, exact, role_text)
        return found.hits, found.split

    def found(self, query: str, exact: bool = False, role_text: bool = False) -> Found:
        """The hits, and each typed term that was also searched as its parts (term → parts): a term
        of PARTS_FROM characters or more (unless ``exact``), or one that finds nothing. The query
        is then searched again with those parts in the terms' place; the records it finds that the
        query as typed does not are found by the parts (Hit.parts), and so is a record the query as
        typed finds only through its document's title or themes (Hit.later) whose own fields hold
        every part: 碳排放权交易 finds 永川's 积极加入碳排放权…绿色电力证书交易 by its words, not by its theme
        碳市场与环境权益. The hits in tiers: as typed, then by the parts, in fields of their own; then as
        typed, then by the parts, the later ones; each tier takes the districts in turn among the hits
        that rank alike (interleaved). A query's role words keep only the hits that have one of their
        roles (Hit.roles); role words among a term's parts do so for the records found by the parts.
        A query of role words alone finds nothing."""
        terms = self.plan(query, exact, role_text)
        mask = sum_roles(self.role_words(query, exact, role_text))
        hits, finds_nothing = self._matching(terms)
        parts_find_nothing: set[str] = set()
        hits = [h for h in hits if not mask or h.roles & mask]
        parted: list[Hit] = []
        split = {t.text: parts for t in terms if t.text in finds_nothing or (not exact and len(t.text) >= PARTS_FROM)
                 for parts in (term_parts(t.text, self.names_in(t.text)),) if len(parts) > 1}
        if split:
            again = " ".join(" ".join(split.get(t.text, [t.text])) for t in terms)
            mask |= sum_roles(self.role_words(again, exact, role_text))
            by_parts, parts_find_nothing = self._matching(self.plan(again, exact, role_text))
            by_parts = [h for h in by_parts if not mask or h.roles & mask]
            own = {h.record for h in by_parts if not h.later}
            hits = [h for h in hits if not (h.later and h.record in own)]
            found = {h.record for h in hits}
            parted = [replace(h, parts=True) for h in by_parts if h.record not in found]
        district = self.facets()["d"]
        tiers = ([h for h in hits if not h.later], [h for h in parted if not h.later],
                 [h for h in hits if h.later], [h for h in parted if h.later])
        return Found([h for tier in tiers for h in interleaved(tier, district)], split, [t.text for t in terms],
                     finds_nothing, parts_find_nothing)

    def fallback(self, query: str, exact: bool = False, role_text: bool = False) -> Fallback | None:
        """A query that finds nothing, searched again without the terms that find nothing on their own
        (电车充电 → 充电; search.js Engine.searchWithFallback): a typed term that finds nothing and was not split,
        and the parts that find nothing of one that was. None when the query finds something, when no
        term or every term finds nothing, when only filters would be left (role words, district names,
        kind names: 铜梁 电车 does not list the whole district), or when the rest finds nothing too (the
        terms that find something each but not together are not searched apart)."""
        found = self.found(query, exact, role_text)
        if found.hits:
            return None
        kept: list[str] = []
        dropped: list[str] = []
        for term in query_terms(query):  # role words included: they stay
            if term not in found.finds_nothing:
                kept.append(term)
            elif term not in found.split:
                dropped.append(term)
            else:
                for part in found.split[term]:
                    (dropped if part in found.parts_find_nothing else kept).append(part)
        rest = " ".join(dict.fromkeys(kept))
        filters = {*self.role_words(rest, exact, role_text), *self.district_names(), *(() if exact else self.manifest["kindWords"])}
        if not dropped or all(t in filters for t in kept):
            return None
        again = self.found(rest, exact, role_text)
        return Fallback(list(dict.fromkeys(dropped)), rest, again) if again.hits else None

    def suggestions(self, query: str, exact: bool = False, role_text: bool = False) -> list[tuple[str, int]]:
        """你是不是要找 (suggest.py; search.js Engine.suggest): the queries offered, with how many results
        each finds, for a query that finds nothing or a single term that finds FEW results or fewer."""
        config = self.manifest["suggest"]
        found = self.found(query, exact, role_text)
        typed = query_terms(query)  # role words included: a suggestion keeps them
        if found.hits:
            term = found.terms[0] if len(found.terms) == 1 else None
            if term is None or len(found.hits) > config["few"] or term in found.finds_nothing:
                return []
            queries = self._replaced(typed, {term: [[w] for w in self.ranked(term, few=True)]})
            least = config["ratio"] * len(found.hits)
        else:
            fixes: dict[str, list[list[str]]] = {}
            for term in (t for t in found.terms if t in found.finds_nothing):
                words = self.ranked(term)
                parts = found.split.get(term, [])
                missing = [p for p in parts if p in found.parts_find_nothing]
                # a term none of whose words is known, split into parts some of which find nothing: those corrected in it
                fixes[term] = [[w] for w in (words if words or not missing else substituted(term, {p: self.ranked(p) for p in missing}))]
            queries = self._replaced(typed, fixes)
            least = 1
        out: list[tuple[str, int]] = []
        seen: set[frozenset[int]] = set()  # what those offered find: a word that finds the same (发改局 after 发改委) is left out
        for text in list(dict.fromkeys(" ".join(q) for q in queries))[:config["tried"]]:
            records = frozenset(h.record for h in self.search(text, exact, role_text))
            if len(records) >= least and records not in seen and len(out) < config["shown"]:
                seen.add(records)
                out.append((text, len(records)))
        return out

    @staticmethod
    def _replaced(terms: list[str], fixes: Mapping[str, list[list[str]]]) -> list[list[str]]:
        """The terms with those of ``fixes`` replaced (search.js replaced): term → its replacements,
        best first, each a list of terms. One term to replace: one list per replacement; several: one
        list, each the best of its replacements; a term without any: none."""
        if not fixes or any(not options for options in fixes.values()):
            return []
        if len(fixes) == 1:
            (term, options), = fixes.items()
            return [[w for t in terms for w in (option if t == term else [t])] for option in options]
        return [[w for t in terms for w in (fixes[t][0] if t in fixes else [t])]]

    def ranked(self, term: str, few: bool = False) -> list[str]:
        """The words a term may have meant, best first (suggest.ranked over the files it needs)."""
        if len(term) > self.manifest["suggest"]["longest"]:  # a term has two characters or more
            return []
        chinese = any(map(is_chinese, term))  # the sounds are fetched only for a term they can help
        if chinese and self._sounds is None:
            self._sounds = Sounds(self._load(SOUNDS))
        return ranked(term, self._load(SHARD.format(len(term))), self._sounds if chinese else None, few)

    def _matching(self, terms: list[QueryTerm]) -> tuple[list[Hit], set[str]]:
        """Ranked hits of every record that matches every term (first those that hold every term in a
        field of their own, then those as typed, then by score); and the terms that match nothing."""
        finds_nothing: set[str] = set()
        if not terms:
            return [], finds_nothing
        per_record: dict[int, list[tuple[list, bool]]] = {}
        documents = self.facets()["doc"]
        role_bit = {f: 1 << i for i, f in enumerate(self.manifest["roleFields"])}
        units_named: list[dict[int, int]] = []  # per term that is found in some record's units: record → roles
        # a district's name (甲山, 甲山区) picks the district (its records' district field), not a unit: 甲山 发改委 牵头
        # keeps 发改委's lead measures in 甲山, not those led by 甲山区规划和自然资源局 with 发改委 supporting
        district_names = self.district_names()
        for n, term in enumerate(terms):
            found: dict[int, list] = {}
            literal: set[int] = set()
            named: dict[int, int] = {}
            for i, word in enumerate((term.text, *term.also)):
                for r, f, _, flags in self.passed_on(self.term_matches(word)):
                    # a whole name scores exactTitle as typed only: 充电桩 names 充电桩数量 before 充电基础设施数量
                    found.setdefault(r, []).append((f, flags if i == 0 else flags & ~WHOLE_VALUE))
                    if f in role_bit:
                        named[r] = named.get(r, 0) | role_bit[f]
                    if i == 0 or names_record(f, flags):  # as typed, or the word is one of the record's names
                        literal.add(r)
            if named and term.text not in district_names:
                units_named.append(named)
            if term.kinds:
                for r, k in enumerate(self.facets()["k"]):
                    if k in term.kinds:
                        found.setdefault(r, []).append((F_KIND, 0))
                        literal.add(r)
            if not found:
                finds_nothing.add(term.text)
            if n == 0:
                per_record = {r: [(v, r in literal)] for r, v in found.items()}
            else:
                per_record = {r: per_record[r] + [(found[r], r in literal)] for r in per_record if r in found}
        hits = []
        all_roles = self.facets()["r"]
        through_rows = self.facets().get("rows", {})
        lengths = self.facets()["tl"]  # the pages' (the first records') title lengths
        for r, term_lists in per_record.items():
            roles = 0
            for named in units_named:
                roles |= named.get(r, 0)
            rows = through_rows.get(str(r))
            via: list[int] = []
            if rows and roles:
                # found by a unit only its table rows name (records.rows_answering): as the rows that the
                # whole query finds, in their roles, or not at all; its unit line is theirs (answering_lines)
                roles = 0
                for row in (row for row in rows if row in per_record):
                    row_roles = 0
                    for named in units_named:
                        row_roles |= named.get(row, 0)
                    if row_roles:
                        via.append(row)
                    roles |= row_roles
                if not roles:
                    continue
            score = occ = 0
            fields: set[int] = set()
            later = bool(documents[r]) and any(all(f in RANKED_LATER for f, _ in matches) for matches, _ in term_lists)
            for matches, _ in term_lists:
                score += term_score(matches, not documents[r])
                occ += len(matches)
                fields.update(f for f, _ in matches)
            page = r < len(lengths)
            hits.append(Hit(r, score, occ, tuple(sorted(fields)), all(lit for _, lit in term_lists), later,
                            roles=roles if units_named else all_roles[r], rows=tuple(via),
                            start=page and all(starts_title(matches) for matches, _ in term_lists),
                            length=lengths[r] if page else NOT_A_PAGE))
        hits.sort(key=lambda h: (h.later, not h.exact, -h.score, not h.start, h.length, -h.occurrences, h.record))
        return hits, finds_nothing

    def undivided_without_results(self, hits: list[Hit], roles: int) -> list[str]:
        """The districts the 按区县 line says do not divide 牵头 from 配合 (facets.undivided), rather than
        list them among those without results: those with no hit when the role mask ``roles`` (the
        role words' and the 角色 filter's) asks for roles, none of them 分工负责 (search.js showByDistrict;
        the districts a query names are not narrowed here)."""
        f = self.facets()
        joint = next((1 << i for i, p in enumerate(f["roles"]) if p[0] == "joint"), 0)
        if not roles or roles & joint:
            return []
        found = {f["d"][h.record] for h in hits}
        return [f["districts"][i][1] for i in f["undivided"] if i + 1 not in found]

    def by_district(self, hits: list[Hit]) -> dict[str, DistrictCount]:
        """Each district that has a result (by name, in the districts' order) → its counts, as the 按区县
        line says them (search.js filter and showByDistrict, without filters): a result that holds the
        words in its own fields counts for its district, found whole or by the parts (said: 其中 n 条词语
        分开出现); one that holds a term only in its document's title or themes is said apart, with its
        district. A district not here has no result (没有结果); a result of no district is in none."""
        f = self.facets()
        out = {}
        for i, (_, name) in enumerate(f["districts"]):
            mine = [h for h in hits if f["d"][h.record] == i + 1]
            own = [h for h in mine if not h.later]
            if mine:
                out[name] = DistrictCount(len(own), sum(h.parts for h in own), len(mine) - len(own))
        return out

    def display(self, record: int) -> dict:
        chunk = self.manifest["docChunk"]
        return self._load(f"d-{record // chunk}.json")[record % chunk]

    def shown(self, hit: Hit) -> dict:
        """What a result shows of a hit (search.js shownRecord): its display data, with the unit lines of
        the table rows it was found through when it was (answering_lines), else its own."""
        rec = self.display(hit.record)
        if not hit.rows:
            return rec
        facets = self.facets()
        rows = facets["rows"][str(hit.record)]
        own = {"l", *(key for _, _, key in facets["roles"] if key)}  # the measure's own lines give way
        return {**{k: v for k, v in rec.items() if k not in own},
                **answering_lines([rec["rw"][rows.index(row)] for row in hit.rows], facets)}


def substituted(term: str, fixes: Mapping[str, list[str]]) -> list[str]:
    """The term with its parts (``fixes``: part → its replacements, best first) replaced where they
    first occur (分布式光扶 → 分布式光伏; search.js substituted): one part, one term per replacement;
    several, one term with the best of each; a part without any, none."""
    if not fixes or any(not words for words in fixes.values()):
        return []
    if len(fixes) == 1:
        (part, words), = fixes.items()
        return [term.replace(part, word, 1) for word in words]
    for part, words in fixes.items():
        term = term.replace(part, words[0], 1)
    return [term]


def answering_lines(rows: list[dict], facets: dict) -> dict[str, str]:
    """The unit lines (display keys l, c, j as records.records writes them) of the table rows ``rows``
    (records.row_units) that answer a query, as index.unit_lines(…, answering=…) says them: the rows
    named by table and number (附表2第 27、31 行, else 据附表行), each role's units as read, each once,
    with 等 where a row's list ends so. Mirrored by search.js answeringLines."""
    unnamed, named_as, in_table = facets["rowsSaid"]
    tables: dict[str, list[str]] = {}
    for row in rows:
        tables.setdefault(row["n"][0], []).append(row["n"][1])
    numbered = all(row["n"][1] for row in rows)
    said = named_as.format("、".join(in_table.format(t, "、".join(dict.fromkeys(ns))) for t, ns in tables.items())) \
        if numbered else unnamed
    lines = {}
    for slug, label, _ in facets["roles"]:
        naming = [row for row in rows if row["u"].get(slug)]
        if naming:
            etc = "等" if any(slug in row["e"] for row in naming) else ""
            lines[slug] = f"{label}{said}：" + "、".join(dict.fromkeys(u for row in naming for u in row["u"][slug])) + etc
    out = {"l": lines.get("lead") or lines.get("joint") or ""}
    out.update((key, lines[slug]) for slug, _, key in facets["roles"]
               if key and slug in lines and (slug != "joint" or "lead" in lines))
    return out


def sum_roles(words: Mapping[str, int]) -> int:
    """The roles any of the role words filter by."""
    mask = 0
    for roles in words.values():
        mask |= roles
    return mask


def interleaved(hits: list[Hit], district: list[int]) -> list[Hit]:
    """The sorted hits with the districts taken in turn among those that rank alike (the same tier,
    score and start: a page named by how its title starts before the rest): a cross-district
    comparison shows every district's best before anyone's second. Round k takes each district's
    k-th hit (records of no district count as one district), the round in the hits' own order (a
    page, the shorter title first, before measures; more occurrences, then record order)."""
    out: list[Hit] = []
    for _, alike in groupby(hits, key=lambda h: (h.later, h.exact, h.score, h.start)):
        queues: dict[int, list[Hit]] = {}
        for h in alike:
            queues.setdefault(district[h.record], []).append(h)
        for turn in zip_longest(*queues.values()):
            out += sorted((h for h in turn if h is not None), key=lambda h: (h.length, -h.occurrences, h.record))
    return out


def gzip_size(data: bytes) -> int:
    """Bytes a compressing server would send."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))
