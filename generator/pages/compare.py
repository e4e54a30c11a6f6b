"""The compare page: any 2 to COMPARE_MOST (4) districts side by side, composed in the browser from static JSON
(`compare/data/*.json`, one small file per district plus a manifest), the selection kept in the
URL. The measures' texts, which only the keyword box reads, are in files of their own
(`compare/data/texts/<district>.json`), fetched the first time a keyword is in effect: most views
never need them; so is, once, what each typed word also looks for (`compare/data/texts/index.json`:
the site search's expansions, generator.search.expansions), and, with each district's texts, the
names its measures' units are found by, per role (`compare/data/units/<district>.json`: the keyword
box finds 发改委 by them and filters by the site search's role words, 牵头 …; a measure whose units
are all its rows' has them per row, as the search finds it through one row), with every unit name of
the site once (`compare/data/units/index.json`: which typed words name units). The filter
只看<第一个区县>没有相似措施的 (``gap=1``) reads, per item, the districts that have a similar measure
(``cp``: a bit set over the manifest's districts, encode_districts) and whether it is a measure to
borrow at all (``goal``: a goal or indicator row, compared by metric instead), the very rule of
可借鉴措施 (SiteIndex.lacks), and the measure of a district lacking it that the site shows as similar
all the same (``near``: named under the item); and, per theme, how many such measures the district
lacks in all and in which districts most (``gaps``). The page itself carries a districts × themes
coverage table for readers without script. There is no page per pair of districts: their number
grows with the square of the districts."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.index import (
    COMPARE_MOST,
    DISTINCT_MEASURE_DEFINITION,
    DISTINCT_TARGET_DEFINITION,
    KIND_LABELS,
    DistinctMeasure,
    DistinctTarget,
    MeasureEntry,
    MetricSetters,
    SiteIndex,
    UnitEntry,
    Url,
    district_url,
    is_borrowable,
    metric_url,
    naming_entries,
    theme_district_url,
    theme_url,
)
from generator.model import ROLE_LABELS, ROLES, UNDIVIDED_SAID, printed, role_name
from generator.pages.common import (
    NEAR_SAID,
    NO_YEAR,
    NUMBERLESS,
    NUMBERLESS_BRIEF,
    NUMBERLESS_SAID,
    FinalNote,
    LinkView,
    Page,
    distinct_value_text,
    doubt_note,
    draft_note,
    final_notes,
    numberless_reason,
    period_text,
)
from generator.pages.metric import metrics_most_set_first
from generator.search.expansions import printed_forms, typed_word_expansions
from generator.search.normalise import NormalForms, normalize
from generator.search.records import ROLE_WORDS, district_names, rows_answering, unit_names

DATA_DIR = "compare/data"
TEXTS_DIR = f"{DATA_DIR}/texts"  # compare.js reads a district's texts from texts/<slug>.json beside its file
# what each typed word also looks for; `index` is no district's slug (model._not_reserved)
WORDS_FILE = f"{TEXTS_DIR}/index.json"
# the names the keyword box finds a measure's units by, per role: fetched with the texts
UNITS_DIR = f"{DATA_DIR}/units"
# every unit name of the site (unit_words); `index` is no district's slug
UNIT_WORDS_FILE = f"{UNITS_DIR}/index.json"


@dataclass(frozen=True, slots=True)
class CoverageRow:
    district: LinkView  # the name alone: the matrix marks drafts with a short sign (`draft`)
    draft: str  # draft_note: 征求意见稿 / 含征求意见稿 (·定稿已印发) where the district's documents are drafts, else empty
    region: str
    total: int  # distinct measures of the district
    cells: tuple[LinkView | None, ...]  # per theme: distinct measures, linking to the theme × district page


@dataclass(frozen=True, slots=True)
class ComparePage:
    themes: tuple[LinkView, ...]
    rows: tuple[CoverageRow, ...]
    has_drafts: bool  # some district has a draft document: the table explains its sign
    finals: tuple[FinalNote, ...]  # the drafts whose final version was issued, said in full under that explanation
    regions: tuple[tuple[str, int], ...]  # region and its number of districts
    district_count: int
    data_dir: str
    distinct_definition: str


def coverage(index: SiteIndex) -> tuple[CoverageRow, ...]:
    rel = index.relations
    rows = []
    for d in index.districts:
        cells = tuple(
            LinkView(str(len(mine)), theme_district_url(t.slug, d.slug))
            if (mine := rel.distinct_by_district_theme.get((d.slug, t.slug))) else None
            for t in index.themes
        )
        rows.append(CoverageRow(LinkView(d.name, district_url(d.slug)), draft_note(index, d), d.region.value,
                                len(rel.distinct_by_district.get(d.slug, ())), cells))
    return tuple(rows)


def pages(index: SiteIndex) -> list[Page]:
    regions = tuple((r, len(index.districts_in_region(r))) for r in dict.fromkeys(d.region.value for d in index.districts))
    rows = coverage(index)
    context = ComparePage(tuple(LinkView(t.name, theme_url(t.slug)) for t in index.themes), rows, any(r.draft for r in rows),
                          final_notes(index, index.districts), regions, len(index.districts), DATA_DIR, DISTINCT_MEASURE_DEFINITION)
    return [Page("compare/index.md", "compare.md.j2", context, hide=("navigation", "toc"))]


def _site(url: Url) -> str:
    return url.site_path


CLAUSE_CHARS = 30  # a target's clause longer than this is shown shortened (clause_brief)
CLAUSE_HEAD = 10  # of which, when the value is printed far in, the clause's first characters
ELLIPSIS = "……"  # where clause_brief leaves printed words out (a single … joins an indicator row's cells)


def clause_brief(clause: str, value: str | None, unit: str) -> str:
    """The printed words that tell a target from the district's others of its metric (建成分散充电桩50个,
    专属充电桩100个): the clause whole when short, else the CLAUSE_CHARS characters that end with the
    printed value (what is counted is named before it: 推广使用纯电动公交车75台), or, where the value is
    not printed (市级下达), the clause's start; where the value is printed far in, the clause's first
    CLAUSE_HEAD characters (what it is about: 单位地区生产总值能耗) and the words before the value; each
    cut marked with ELLIPSIS; nothing where the clause is only the value again. Printed words only:
    nothing is added or reworded."""
    text = " ".join(clause.split())
    if "".join(text.split()) in (value, f"{value}{unit}"):
        return ""
    if len(text) <= CLAUSE_CHARS:
        return text
    found = re.search(rf"(?<![\d.]){re.escape(value)}(?![\d.])(?:[-–—~～至到][\d.]+)?", text) if value else None  # 1-2个
    if found is None:
        return _cut(text, 0, CLAUSE_CHARS)
    end = found.end() + (len(unit) if unit and text.startswith(unit, found.end()) else 0)
    if end <= CLAUSE_CHARS:
        return _cut(text, 0, end)
    # the value far in: the clause's start (what it is about) and the words just before the value
    return _cut(text, 0, CLAUSE_HEAD).removesuffix(ELLIPSIS) + _cut(text, end - (CLAUSE_CHARS - CLAUSE_HEAD), end)


def _cut(text: str, start: int, end: int) -> str:
    """text[start:end], each end that leaves words out marked ELLIPSIS (an indicator row's … between
    cells at a cut is dropped: the ELLIPSIS says it)."""
    part = text[start:end]
    if start:
        part = ELLIPSIS + part.lstrip("…")
    if end < len(text):
        part = part.rstrip("…") + ELLIPSIS
    return part


def _target(index: SiteIndex, dt: DistinctTarget) -> dict:
    """A distinct target, named by its first statement (main text first); ``also`` counts the
    restatements; ``clause`` is the printed words it rests on, shortened (clause_brief), and
    ``document`` its document's short title: the view names them where a district has several
    targets of one metric, or has them from several documents; ``units`` who answers for it, as its
    metric page says (SiteIndex.target_units); ``numberless`` why it has no number of the district's
    own (市级下达 …), only where it has none: the theme view counts them. ``value`` and ``period`` are
    the texts shown; what the view reasons on is given apart: ``year`` the target year and ``base``
    the base year (null where the document gives none), ``doubted`` whether the editors doubt it
    (``doubt`` then says why)."""
    te = dt.first
    t = te.target
    doubt = doubt_note(dt)
    return {"metric": te.metric.slug, "value": distinct_value_text(dt), "period": period_text(t),
            "year": t.target_year, "base": t.base_year,
            "label": te.measure_label, "url": _site(te.measure_url), "also": len(dt.statements) - 1,
            "draft": te.draft.tag if te.draft else "",  # Draft.tag: 征求意见稿(·定稿已印发), else empty
            "doubted": bool(doubt), "doubt": doubt,  # why the editors doubt it, shown after 存疑：; else empty
            "clause": clause_brief(printed(t.clause), t.value, t.unit), "document": te.document_title,
            "units": index.target_units(dt),
            # no number of the district's own: why (numberless_reason: 市级下达 …); left out for a number
            **({} if dt.numbered else {"numberless": numberless_reason(dt)})}


TEXT_SEPARATOR = "\n"  # between the parts of a measure's text: a typed word never matches across two parts


def _entry_parts(entry: MeasureEntry) -> list[str]:
    """One entry's parts of a measure's text (measure_text): its project's name, its full text."""
    parts = [entry.measure.project.name] if entry.measure.project is not None else []
    parts.append(entry.full_text)
    return [" ".join(p.split(TEXT_SEPARATOR)) for p in parts if p]


def text_parts(dm: DistinctMeasure) -> list[str]:
    """The parts of measure_text, each once, in order."""
    return list(dict.fromkeys(p for entry in (dm.measure, *dm.rows) for p in _entry_parts(entry)))


def measure_text(dm: DistinctMeasure) -> str:
    """What the keyword box searches of a measure besides its label: its title and text and those of
    the table rows that carry it out (their units are listed with it), as read (repaired where the
    print is damaged, as the search does), with a project's name; each part once, joined by
    TEXT_SEPARATOR (no part holds it)."""
    return TEXT_SEPARATOR.join(text_parts(dm))


def _row_role_names(dm: DistinctMeasure) -> dict:
    """The names of the roles of an item whose units are all its table rows' (its main text names
    none: naming_entries), as the pages name them (牵头（据附表2第 56、57 行）), else nothing: manifest.roles."""
    _, from_rows = naming_entries(dm.measure, dm.rows)
    return {"role_names": {role: role_name(role, from_rows) for role in ROLES}} if from_rows else {}


# the bit set's digits, six bits each: as URL-safe base64, so the JSON needs no escape
DISTRICT_BITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
GAP_DISTRICTS = 7  # per theme, the districts with the most measures a district lacks, named in its data (gaps)


def encode_districts(places: Iterable[int]) -> str:
    """A set of districts (their places in the manifest's ``districts``) as a bit set in
    DISTRICT_BITS digits, the first digit holding places 0–5 (place 0 its lowest bit), trailing
    empty digits left out: 38 districts take at most 7 characters, whatever their number of
    counterparts (at 50× a measure has equivalents in most districts; their places as numbers took
    up to 150 bytes per item). compare.js hasDistrict reads it."""
    digits: list[int] = []
    for place in places:
        while len(digits) <= place // 6:
            digits.append(0)
        digits[place // 6] |= 1 << place % 6
    return "".join(DISTRICT_BITS[d] for d in digits).rstrip(DISTRICT_BITS[0])


class DistrictCodes(dict[frozenset[str], str]):
    """A set of district slugs → its encode_districts code, each set worked out once in a build: many
    measures share one (at 50× most have an equivalent in every other district). Made for one build."""

    def __init__(self, index: SiteIndex) -> None:
        super().__init__()
        self.place = index.district_place

    def __missing__(self, slugs: frozenset[str]) -> str:
        self[slugs] = code = encode_districts(sorted(self.place[s] for s in slugs))
        return code


class ItemPlaces(dict[str, list[int]]):
    """A distinct measure's key → where the compare view finds it in its district's data (district_data):
    [its first theme's place in the manifest's themes, its place among that theme's items], 11 bytes
    where its url took 50. Each district × theme cell is read once, when a measure of it is first
    asked for. Made for one build."""

    def __init__(self, index: SiteIndex) -> None:
        super().__init__()
        self.relations = index.relations
        self.theme_place = {t.slug: i for i, t in enumerate(index.themes)}

    def __missing__(self, key: str) -> list[int]:
        dm = self.relations.distinct_of[key][0]  # a distinct measure's own key names it alone
        theme = dm.themes[0]
        for i, other in enumerate(self.relations.distinct_by_district_theme[(dm.district.slug, theme.slug)]):
            if other.themes[0] == theme:
                self[other.key] = [self.theme_place[theme.slug], i]
        return self[key]


def _gap_fields(index: SiteIndex, dm: DistinctMeasure, codes: DistrictCodes, places: ItemPlaces) -> dict:
    """What the filter 只看…没有相似措施的 reads of an item (SiteIndex.lacks): ``cp`` the districts
    with a similar measure (encode_districts; none: left out), ``goal`` where it is no measure to
    borrow (a goal or indicator row: is_borrowable); ``near`` per district that lacks it yet has a
    measure the site shows as similar to it (SiteIndex.near_measure), its place in the manifest's
    districts → where that measure is in the district's data (ItemPlaces; none: left out): the view
    names it under the item."""
    fields: dict = {}
    if found := index.distinct_counterparts.get(dm.key):
        fields["cp"] = codes[found]
    if not is_borrowable(dm.measure.measure):
        fields["goal"] = 1
    if near := index.near_by_district.get(dm.key):
        place = index.district_place
        fields["near"] = {str(place[slug]): places[other.key] for slug, other in near.items()}
    return fields


def district_gaps(index: SiteIndex, slug: str) -> dict:
    """Per theme, the measures other districts have that this one lacks (可借鉴措施: Borrowable):
    ``count`` in all, ``districts`` how many districts they come from, ``most`` the GAP_DISTRICTS
    districts with most of them (place in the manifest, count), most first. The compare view says,
    under the filter, what the districts picked leave out and offers those to put in."""
    place = index.district_place
    return {bt.theme.slug: {"count": bt.count, "districts": bt.district_count,
                            "most": [[place[d.slug], n] for d, n in bt.by_district[:GAP_DISTRICTS]]}
            for bt in index.borrowable[slug].by_theme}


def district_data(index: SiteIndex, slug: str, codes: DistrictCodes | None = None, places: ItemPlaces | None = None) -> dict:
    """Everything the compare view shows of one district, in display order. Counts are distinct
    measures and distinct targets (see DISTINCT_MEASURE_DEFINITION): a main-text measure and the table
    rows that carry it out are one item, listed with the lead units of all of them (牵头) and, apart,
    the units that share the responsibility (分工负责) and those that support (配合), as the documents
    name them; an item whose main text names no unit names the roles as the rows' (role_names:
    牵头（据附表2第 56、57 行）). Their texts are in district_texts, apart. For the filter
    只看…没有相似措施的: each item's _gap_fields, and the district's own district_gaps."""
    district = index.district(slug)
    rel = index.relations
    codes = DistrictCodes(index) if codes is None else codes
    places = ItemPlaces(index) if places is None else places
    # each target once, though listed under its metric and under each theme of its metric (the same
    # object twice in the JSON: the encoder writes it twice)
    targets = {id(dt): _target(index, dt) for dt in rel.targets_by_district.get(slug, ())}
    themes = {}
    for t in index.themes:
        mine = rel.distinct_by_district_theme.get((slug, t.slug), ())
        if not mine:
            continue
        themes[t.slug] = {
            "count": len(mine),
            "url": _site(theme_district_url(t.slug, slug)),
            "targets": [targets[id(dt)] for dt in rel.targets_by_district_theme.get((slug, t.slug), ())],
            "items": [{"label": dm.measure.label, "url": _site(dm.measure.url), "kind": KIND_LABELS[dm.measure.measure.kind][0],
                       **{role: list(dict.fromkeys(cu.unit.reading for cu in dm.units if cu.unit.role == role))
                          for role in ("lead", "joint", "support")},
                       "rows": len(dm.rows), "document": dm.measure.document.document.short_title,
                       **_row_role_names(dm), **_gap_fields(index, dm, codes, places)} for dm in mine],
        }
    metrics: dict[str, list] = {}
    for dt in rel.targets_by_district.get(slug, ()):
        metrics.setdefault(dt.metric.slug, []).append(targets[id(dt)])
    return {"slug": slug, "name": district.name, "region": district.region.value, "draft": draft_note(index, district),
            "finals": [{"document": n.document.text, "url": _site(n.document.url), "sentence": n.sentence, "final": n.final_url}
                       for n in final_notes(index, (district,))],
            "total": len(rel.distinct_by_district.get(slug, ())), "themes": themes, "metrics": metrics,
            "gaps": district_gaps(index, slug),
            # a district whose documents do not divide 牵头 from 配合 (黔江): the 查找 box says so where a
            # role word leaves its measures out, as the site search's 按区县 line does
            **({"undivided": UNDIVIDED_SAID} if index.undivided_district(slug) else {})}


def district_texts(index: SiteIndex, slug: str) -> dict[str, str]:
    """The keyword box's texts of one district: each distinct measure's text once (measure_text),
    keyed by the url its items carry in district_data, in printed order. The box filters the items
    by them and, when no theme is chosen, lists the items in this order."""
    return {_site(dm.measure.url): measure_text(dm) for dm in index.relations.distinct_by_district.get(slug, ())}


class UnitForms(dict[tuple[str, ...], tuple[str, ...]]):
    """The names a unit is found by (records.unit_names) → those names normalised as the search
    normalises them, empty ones left out; each worked out once in a build: the same names stand for
    many units (a department's in every measure it leads). Made for one build, not kept."""

    def __init__(self) -> None:
        super().__init__()
        self.forms = NormalForms()  # each name normalised once, as the search records do

    def __missing__(self, names: tuple[str, ...]) -> tuple[str, ...]:
        self[names] = found = tuple(w for name in names if (w := self.forms[name].strip()))
        return found


def _normal_names(units: Iterable[UnitEntry], forms: UnitForms) -> list[str]:
    """The names ``units`` are found by (UnitForms), each once."""
    return list(dict.fromkeys(w for u in units for w in forms[unit_names(u)]))


def district_units(index: SiteIndex, slug: str, forms: UnitForms | None = None) -> dict[str, dict]:
    """The names the keyword box finds each distinct measure's units by, per role (lead, support,
    joint; a role only where it has units), normalised as the search normalises them: those of the
    measure and of the table rows that carry it out, each unit by the very names the site search finds
    a record's units by (records.unit_names). Keyed by the url its items carry, as district_texts;
    fetched with them.

    A measure that names no unit and is carried out by two or more rows (records.rows_answering) has
    ``rows`` too: per row, ``p`` the places of its parts among the measure's text parts (text_parts,
    the lines of district_texts) and, per role, the places of its units' names in the role's list. A
    typed word that names one of its units finds it only through one row that holds every word and
    the unit in the role asked (compare.js roleFilter), as the search finds it: 发改委 牵头 光伏 does
    not find 铜梁's 大力发展非化石能源, whose 光伏 row 区发展改革委 does not lead."""
    forms = UnitForms() if forms is None else forms
    out: dict[str, dict] = {}
    for dm in index.relations.distinct_by_district.get(slug, ()):
        roles = {role: names for role in ROLES if (names := _normal_names((cu.unit for cu in dm.units if cu.unit.role == role), forms))}
        item: dict = dict(roles)
        answering = rows_answering(dm.measure, dm.rows)
        if answering:
            parts = {p: i for i, p in enumerate(text_parts(dm))}
            item["rows"] = [{"p": [parts[p] for p in _entry_parts(row)],
                             **{role: [roles[role].index(w) for w in names]
                                for role in ROLES if (names := _normal_names(row.units_in(role), forms))}}
                            for row in answering]
        out[_site(dm.measure.url)] = item
    return out


def unit_words(index: SiteIndex, forms: UnitForms | None = None) -> list[str]:
    """Every name a unit of any measure of the site is found by (records.unit_names, normalised), each
    once, sorted: a typed word that one of them holds names a unit, as the search decides it from all
    records (reference.SearchFiles._matching), not only from the districts shown. One file for the
    whole site (units/index.json), fetched with the first texts: it grows with the districts'
    departments, not with their measures."""
    names = sorted(set(_normal_names((u for me in index.measures for u in me.units), forms or UnitForms())), key=lambda n: (-len(n), n))
    kept: list[str] = []  # a name within another (生态环境局 in 区生态环境局) tells the box nothing more
    within = ""  # the kept names, each after a line break: no name holds one (normalize makes it a space)
    for name in names:
        if name not in within:
            kept.append(name)
            within += "\n" + name
    return sorted(kept)


def role_words() -> dict[str, list[str]]:
    """Words that, typed in the keyword box as a whole word, filter by role as the site search's
    do (records.ROLE_WORDS: 牵头, 配合 …), normalised → the roles each keeps."""
    return {normalize(word): list(roles) for word, roles in sorted(ROLE_WORDS.items())}


def typed_words(index: SiteIndex) -> dict[str, list[str]]:
    """What the keyword box also looks for when a word is typed: normalised typed word → the other
    words of its groups (district and department names, metric wordings, the reviewed synonyms),
    the very words the site search looks for and names (expansions.shown_words), so that both find
    a measure by the same words. A measure is found for a word when its label or text holds the
    word or one of these, as substrings. Not the search's shorter ``also``: that leaves out a word
    which finds no record the others do not, counting fields (units, document titles) that the box
    does not read. One file for the whole site, fetched with the first texts: it grows with the
    districts (their and their departments' names), not with their measures. Each word as the
    registries print it (printed_forms: 充（换）电, not the normal form 充(换)电), as the search's result
    page names it: the box names these words and normalises them to match."""
    printed = printed_forms(index)
    return {term: [printed.get(w, w) for w in shown] for term, shown in typed_word_expansions(index).items()}


def _numberless_setters(setters: MetricSetters, position: Mapping[str, int]) -> dict:
    """Of the districts that set a metric, those without a number of their own (MetricSetters.numberless),
    each as its place in the manifest's ``districts`` and why (numberless_reason: 市级下达 …), in that
    order: ``numberless``, left out when none. The metric choice and the metric's view say them apart."""
    bare = sorted((position[dt.district.slug], numberless_reason(dt)) for dt in setters.numberless)
    return {"numberless": [list(pair) for pair in bare]} if bare else {}


def manifest(index: SiteIndex) -> dict:
    """The choices the compare view offers: districts (with their region and draft note, which the
    picker shows once rather than in every name), themes and metrics (set by the most districts
    first, each with how many set it and which: their places in ``districts``, so that the view offers
    first the metrics the districts picked set, and those of them without a number of their own:
    _numberless_setters); and the sentences that say what its counts count."""
    position = index.district_place
    rank = {m.slug: i for i, m in enumerate(index.metrics)}
    return {
        "most": COMPARE_MOST,  # districts side by side at most
        "definitions": {"measure": DISTINCT_MEASURE_DEFINITION, "target": DISTINCT_TARGET_DEFINITION,
                        # how the view says targets or districts without a number of their own, as the pages do
                        "numberless": {"said": NUMBERLESS_SAID, "brief": NUMBERLESS_BRIEF, "many": NUMBERLESS},
                        "noYear": NO_YEAR,  # a target without a year, as period_text says it
                        # why a measure the first district lacks is listed though it names the district's similar one (near)
                        "near": NEAR_SAID},
        "roles": dict(ROLE_LABELS),  # each role's name, as every page names it
        "districts": [{"slug": d.slug, "name": d.name, "draft": draft_note(index, d), "region": d.region.value,
                       "url": _site(district_url(d.slug)),
                       # its names as typed (records.district_names): a typed one picks it, never a unit
                       "names": district_names(d)} for d in index.districts],
        "themes": [{"slug": t.slug, "name": t.name} for t in index.themes],
        # rank: the metric's place in the registry (metrics.yaml), the order the view lists them in
        # by theme (themes: the metric's, its first the one it is listed under)
        "metrics": [{"slug": m.slug, "name": m.name, "unit": m.unit, "url": _site(metric_url(m.slug)), "districts": len(setters.districts),
                     "set": sorted(position[d.slug] for d in setters.districts), "rank": rank[m.slug], "themes": list(m.themes),
                     **_numberless_setters(setters, position)}
                    for m, setters, _ in metrics_most_set_first(index) if setters.districts],
        "roleWords": role_words(),
    }


def _json(data: dict | list) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")


def files(index: SiteIndex) -> dict[str, bytes]:
    forms = UnitForms()  # the units' names of every district, normalised once
    codes = DistrictCodes(index)  # each set of districts with a similar measure, encoded once
    places = ItemPlaces(index)  # where each measure a note names is in its district's data, found once
    out = {f"{DATA_DIR}/districts.json": _json(manifest(index)), WORDS_FILE: _json(typed_words(index)),
           UNIT_WORDS_FILE: _json(unit_words(index, forms))}
    for d in index.districts:
        out[f"{DATA_DIR}/{d.slug}.json"] = _json(district_data(index, d.slug, codes, places))
        out[f"{TEXTS_DIR}/{d.slug}.json"] = _json(district_texts(index, d.slug))
        out[f"{UNITS_DIR}/{d.slug}.json"] = _json(district_units(index, d.slug, forms))
    return out
