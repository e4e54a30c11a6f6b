"""The immutable site index: every look-up, grouping and URL is decided here, once.

Pages read the index; they never look anything up in the raw corpus and never
change the index. Sorting happens here with explicit keys.
"""
from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from generator.load import Corpus, LoadedDocument, content_hash
from generator.model import (
    ROLES,
    Department,
    District,
    Document,
    Measure,
    MeasureKind,
    Metric,
    Quote,
    Reading,
    RegionGroup,
    Section,
    Status,
    SynonymGroup,
    Target,
    Theme,
    UnitNames,
    printed,
    reading,
    role_name,
)
from generator.rules import find_quote

KIND_LABELS = {
    MeasureKind.goal: ("目标", "条目标"),
    MeasureKind.measure: ("措施", "条措施"),
    MeasureKind.safeguard: ("保障措施", "条保障措施"),
    MeasureKind.indicator: ("指标", "个指标（指标表行）"),
    MeasureKind.project: ("重点项目", "个重点项目（项目表行）"),
    MeasureKind.task: ("任务", "项任务（任务表行）"),
}
KIND_ORDER = list(KIND_LABELS)


REPOSITORY_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Origin:
    """Where a record is written: its YAML file's path in the repository, and the record's line
    (None: the file as a whole). Edit links are made from it."""

    path: str
    line: int | None = None

    @property
    def whole_file(self) -> Origin:
        return Origin(self.path, None)


DATA_FOLDER = "site_data"  # the data's folder in the repository


def repository_path(data_root: Path, file: Path) -> str:
    """A data file's path in the repository; a corpus kept elsewhere (synthetic, copied in a test)
    is named as if it were DATA_FOLDER."""
    resolved = file.resolve()
    try:
        return resolved.relative_to(REPOSITORY_ROOT).as_posix()
    except ValueError:
        return f"{DATA_FOLDER}/" + resolved.relative_to(data_root.resolve()).as_posix()


@dataclass(frozen=True)
class Url:
    """A page path under docs/ plus an optional anchor."""

    page: str
    anchor: str = ""
    query: str = ""  # e.g. the compare view's selection, `d=jiangjin,tongliang`

    def with_anchor(self, anchor: str) -> Url:
        return Url(self.page, anchor, self.query)

    @property
    def suffix(self) -> str:
        """`?query#anchor` as far as they are set."""
        return (f"?{self.query}" if self.query else "") + (f"#{self.anchor}" if self.anchor else "")

    @property
    def site_path(self) -> str:
        """Address in the built site relative to its root (MkDocs directory URLs)."""
        if self.page == "index.md":
            path = ""
        elif self.page.endswith("/index.md"):
            path = self.page[: -len("index.md")]
        else:
            path = self.page[: -len(".md")] + "/"
        return path + self.suffix


def relative(from_page: str, url: Url) -> str:
    """Link from one docs page to another page (and anchor), through the site root.

    `../` once per folder of the linking page, then the target's path: valid from any page,
    cheap (no path arithmetic), and the same for every page at one depth, so a fragment that
    holds links can be rendered once per depth and reused.
    """
    # Url.suffix spelt out (one call less): the pages of 10× the corpus write about 160 000 links
    page, anchor, query = url.page, url.anchor, url.query
    if query:
        target = "../" * from_page.count("/") + page + "?" + query
    elif page == from_page:
        target = ""
    else:
        target = "../" * from_page.count("/") + page
    return target + "#" + anchor if anchor else target


def site_relative(from_page: str, url: Url) -> str:
    """Link for raw HTML (SVG, attributes), which the site engine does not rewrite: the built
    page's address relative to the built page that links to it (directory URLs)."""
    depth = Url(from_page).site_path.count("/")
    return "../" * depth + url.site_path


def target_year_anchor(year: int | None) -> str:
    """The district page's heading of its targets of one target year (None: no year printed)."""
    return f"targets-{year}" if year is not None else "targets-undated"


def district_targets_url(slug: str, year: int | None) -> Url:
    """Where a district page lists its targets of one target year."""
    return district_url(slug).with_anchor(target_year_anchor(year))


def district_url(slug: str) -> Url:
    return Url(f"districts/{slug}.md")


def documents_index_url(district_slug: str) -> Url:
    """Where a district's documents begin on the documents index (an anchor on its first row)."""
    return Url("documents/index.md", district_slug)


def document_url(doc_id: str) -> Url:
    return Url(f"documents/{doc_id}.md")


def source_url(doc_id: str) -> Url:
    return Url(f"sources/{doc_id}.md")


def theme_url(slug: str) -> Url:
    return Url(f"themes/{slug}.md")


def department_url(slug: str) -> Url:
    return Url(f"departments/{slug}.md")


def metric_url(slug: str) -> Url:
    return Url(f"metrics/{slug}.md")


# A district's row on an overview that compares the districts in one table (a metric's targets,
# a theme's measures, a department's matrix): the row's anchor is the district's slug. Its
# district page links there, and so does the page's own jump line (pages.common.JumpLine).

def metric_row_url(metric: str, district: str) -> Url:
    return metric_url(metric).with_anchor(district)


def theme_row_url(theme: str, district: str) -> Url:
    return theme_url(theme).with_anchor(district)


def department_row_url(department: str, district: str) -> Url:
    return department_url(department).with_anchor(district)


def projects_url(doc_id: str) -> Url:
    """The sortable key-project table of a document that has one."""
    return Url(f"projects/{doc_id}.md")


def theme_district_url(theme: str, district: str) -> Url:
    return Url(f"themes/{theme}/{district}.md")


def department_district_url(department: str, district: str) -> Url:
    return Url(f"departments/{department}/{district}.md")


# the compare view's filter 只看<第一个区县>没有相似措施的 (可借鉴措施 as build_borrowable counts them), in its address
COMPARE_GAPS = "gap=1"
# a compare link that names districts for a reader without 我的区县 and offers a reader with one its own (compare_url)
COMPARE_AROUND_MINE = "mine=1"
COMPARE_MOST = 4
"""How many districts the compare view puts side by side at most: the pages' texts and links say it,
and compare.js reads it from its manifest (pages/compare.manifest)."""


def compare_url(district_slugs: Iterable[str], metric: str = "", theme: str = "", gaps: bool = False,
                around_mine: bool = False) -> Url:
    """The compare view with these districts side by side (in this order), and a metric or a theme
    when given; ``gaps``: only the measures the first district has no similar measure of (COMPARE_GAPS),
    in the order compare.js writes its address (d, t, m, gap); ``around_mine`` (COMPARE_AROUND_MINE): a
    reader who set 我的区县 gets it and the districts that set the metric, of its region first, instead
    (compare.js aroundMine; it then writes the districts into the address)."""
    return Url("compare/index.md", query="d=" + ",".join(district_slugs) + (f"&t={theme}" if theme else "")
               + (f"&m={metric}" if metric else "") + (f"&{COMPARE_GAPS}" if gaps else "")
               + (f"&{COMPARE_AROUND_MINE}" if around_mine else ""))


@dataclass(frozen=True)
class UnitEntry:
    """One printed unit of a measure, resolved to its department."""

    printed: str
    reading: str
    quote: Quote
    role: str
    department: Department


DRAFT_TAG = Status.draft.value  # 征求意见稿
FINAL_ISSUED_TAG = "定稿已印发"  # joined to DRAFT_TAG by "·" where the final version of a draft was found


@dataclass(frozen=True, slots=True)
class Draft:
    """A consultation draft as everything outside its own document page tags its measures and
    values, in one wording site-wide: 征求意见稿, and, where the editors found the issued final
    version (consultation.final), that it was issued and the site does not hold it yet. `tag` is the
    short form for a cell, a label or a qualifier; `sentence` the full one, said once per page;
    `final_url` the final's page (empty without a final)."""

    final_doc_number: str = ""  # empty when the final's page gives none, or without a final
    final_published: str = ""  # YYYY-MM-DD; empty without a final
    final_url: str = ""
    final_title: str = ""

    @property
    def has_final(self) -> bool:
        return bool(self.final_published)

    @property
    def tag(self) -> str:
        """征求意见稿, or 征求意见稿·定稿已印发."""
        return f"{DRAFT_TAG}·{FINAL_ISSUED_TAG}" if self.has_final else DRAFT_TAG

    @property
    def final_words(self) -> str:
        """定稿（铜环发〔2022〕93号）已于 2022-09-02 印发，本站尚未收录; empty without a final."""
        if not self.has_final:
            return ""
        number = f"（{self.final_doc_number}）" if self.final_doc_number else ""
        return f"定稿{number}已于 {self.final_published} 印发，本站尚未收录"

    @property
    def sentence(self) -> str:
        """征求意见稿；定稿（铜环发〔2022〕93号）已于 2022-09-02 印发，本站尚未收录，条目和数值可能不同."""
        return f"{DRAFT_TAG}；{self.final_words}，条目和数值可能不同" if self.has_final else DRAFT_TAG


def draft_of(document: Document) -> Draft | None:
    """The document's Draft (see there), None when it is issued."""
    if document.status != Status.draft:
        return None
    final = document.consultation.final if document.consultation is not None else None
    if final is None:
        return Draft()
    return Draft(final.doc_number or "", final.published.isoformat(), final.url, final.title)


@dataclass(frozen=True, eq=False)
class TargetEntry:
    """A target with what it is compared by; its measure is named by key (no back-reference)."""

    target: Target
    metric: Metric
    measure_key: str
    measure_label: str
    measure_url: Url
    district: District
    document_title: str  # the document's short title
    draft: Draft | None  # from a consultation draft: how to tag it (None: an issued document)

    @property
    def is_draft(self) -> bool:
        return self.draft is not None


@dataclass(frozen=True, eq=False, repr=False)
class MeasureEntry:
    key: str  # globally unique: "<doc-id>/<measure-id>"
    measure: Measure
    document: DocumentEntry
    section_path: tuple[Section, ...]
    units: tuple[UnitEntry, ...]
    themes: tuple[Theme, ...]
    source_paragraph: int | None  # 1-based paragraph of the source page where the text starts
    source_last: int | None  # the paragraph where the text ends: source_paragraph, or a later one it runs into
    url: Url
    label: str  # how the measure is named in lists: number and title, or the start of its text
    targets: tuple[TargetEntry, ...]
    origin: Origin  # the measure's line in its document's YAML file

    def __repr__(self) -> str:  # short: the entry reaches its whole document (a failing test prints it)
        return f"MeasureEntry({self.key!r})"

    @property
    def district(self) -> District:
        return self.document.district

    def units_in(self, role: str) -> tuple[UnitEntry, ...]:
        """The units of one role, in print order."""
        return self._units_by_role.get(role, ())

    @cached_property
    def _units_by_role(self) -> dict[str, tuple[UnitEntry, ...]]:
        """The units grouped by role, once: unit_lines, the search records and the pages ask for them
        role by role, for every measure, several times a build."""
        by_role: dict[str, list[UnitEntry]] = {}
        for u in self.units:
            by_role.setdefault(u.role, []).append(u)
        return {role: tuple(units) for role, units in by_role.items()}

    @property
    def quotes_damaged_print(self) -> bool:
        """Whether the measure quotes damaged print with a reading: its title, text, a target's
        clause or a unit's name."""
        m = self.measure
        quotes = (m.title, m.text, *(t.clause for t in m.targets), *(u.quote for u in self.units))
        return any(isinstance(q, Reading) for q in quotes)

    @property
    def full_text(self) -> str:
        """Title and text as read (repaired where the print is damaged)."""
        parts = [reading(self.measure.title)] if self.measure.title is not None else []
        parts.append(reading(self.measure.text))
        return "".join(parts)


def rows_carrying(target: DistinctTarget, rows: Sequence[MeasureEntry]) -> tuple[MeasureEntry, ...]:
    """The table ``rows`` (those that carry out the measure that states ``target`` first) that carry
    that very target: the rows that state it too (a statement of the same distinct target) and hold its
    clause in their text, else those that state it, else those whose text holds its clause. None when
    no row holds it: then all the rows answer for it together. 铜梁's 到2025年,建成分散充电桩50个 is
    row 57's (牵头：区发展改革委), not the three units of the six rows of 优化交通运输能源结构; of two
    equal targets in one sentence (优选1-2个城镇…, 优选1-2个社区…) each is the row that holds its clause."""
    clause = "".join(reading(target.first.target.clause).split())
    stating_keys = {te.measure_key for te in target.statements}
    stating = [r for r in rows if r.key in stating_keys]
    holding = [r for r in rows if clause and clause in "".join(r.full_text.split())]
    return tuple([r for r in stating if r in holding] or stating or holding)


def table_name(row: MeasureEntry) -> str:
    """The table a row is printed in, as its document numbers it (附表2, 附件), else 指标表 for an
    indicator table in the main text, else 附表."""
    numbered = next((s.number for s in row.section_path if s.number.startswith("附")), "")
    return numbered or ("指标表" if row.measure.kind is MeasureKind.indicator else "附表")


ROWS_IN_TABLE = "{}第 {} 行"  # a table's rows by their printed numbers (rows_named): 附表2第 3、49 行


def rows_named(rows: Sequence[MeasureEntry]) -> str | bool:
    """How a unit line names the table rows its units are taken from, by their printed numbers (a row's
    label starts with it on its document's page): 附表2第 57 行, 指标表第 3 行、附表2第 3、49 行; True
    (model.role_name: 据附表行) when a row has no number."""
    if not rows or not all(r.measure.number for r in rows):
        return True
    tables: dict[str, list[str]] = {}
    for r in rows:
        tables.setdefault(table_name(r), []).append(r.measure.number)
    return "、".join(ROWS_IN_TABLE.format(table, "、".join(dict.fromkeys(numbers))) for table, numbers in tables.items())


def naming_entries(me: MeasureEntry, rows: Sequence[MeasureEntry],
                   target: DistinctTarget | None = None) -> tuple[tuple[MeasureEntry, ...], bool | str]:
    """The entries whose units a measure (or one of its targets) is found and shown by: its own, or,
    when it names none (铜梁's and 黔江's main text), those of the table rows that carry it out; and
    whether they are the rows' (model.role_name's ``from_rows``). For a ``target`` of such a measure,
    the rows that carry that target (rows_carrying), named (rows_named), when a row holds it. The one
    answer to whose units a measure has: its search record, its result line, the compare view and the
    metric page's targets (unit_lines) all ask it."""
    if me.units or not rows:
        return (me,), False
    if target is not None and (carrying := rows_carrying(target, rows)):
        return carrying, rows_named(carrying)
    if target is not None and isinstance(named := rows_named(rows), str):
        # no row states the target: every row's units, the rows named and said not to (a user test read
        # 黔江's 高速公路废旧路面材料 recycling rate as 发展改革委's, from the 充电站 row beside it)
        return tuple(rows), f"{named}，{ROWS_WITHOUT_TARGET}"
    # the rows named, as a target's are (a user test read a bare 牵头（据附表行） as a value left out)
    return tuple(rows), rows_named(rows)


ROWS_WITHOUT_TARGET = "各行均未写明本目标"  # the units of a target no table row states are those of all the rows
NO_LEAD_TEXT = "原文未写明牵头单位"  # shown where responsible_text finds no unit: say so rather than leave a gap


@dataclass(frozen=True, slots=True)
class RoleUnits:
    """The units of one role among some entries (roles_of): the role's name as a unit line says it
    (model.role_name: 牵头, 牵头（据附表2第 56、57 行）), each unit with the entry that prints it."""

    role: str  # lead, support or joint (model.ROLES)
    name: str
    units: tuple[tuple[MeasureEntry, UnitEntry], ...]  # entry by entry, each's in print order
    etc: bool  # some entry's list of this role ends in 等

    @property
    def line(self) -> str:
        """牵头：区发展改革委、区经济信息委, each name once, with 等 where a list ends so."""
        return self.name + "：" + "、".join(dict.fromkeys(u.reading for _, u in self.units)) + ("等" if self.etc else "")


def roles_of(named: Sequence[MeasureEntry], from_rows: bool | str) -> tuple[RoleUnits, ...]:
    """The units of ``named`` (naming_entries' entries and whether they are the rows') role by role, in
    ROLES order, the roles that have units: the one grouping that unit_lines and a measure card's
    units from its table rows (pages.common.row_roles_view) both show, in the same words and order."""
    out = []
    for role in ROLES:
        naming = [(entry, units) for entry in named if (units := entry.units_in(role))]
        if naming:
            out.append(RoleUnits(role, role_name(role, from_rows), tuple((entry, u) for entry, units in naming for u in units),
                                 any(getattr(entry.measure.responsibility, f"{role}_etc") for entry, _ in naming)))
    return tuple(out)


def unit_lines(me: MeasureEntry, rows: Sequence[MeasureEntry], target: DistinctTarget | None = None,
               answering: Sequence[MeasureEntry] = ()) -> dict[str, str]:
    """Each role's unit line (roles_of: ROLES order, the roles that have units): 牵头：区发展改革委、区经济信息委,
    as read, with 等 where the list ends so, in the units of naming_entries (牵头（据附表2第 56、57 行）：…,
    牵头（据附表2第 57 行）：…); or those of the table rows ``answering`` a search query, named
    (records.rows_answering: 农业农村委 牵头 光伏 finds 铜梁's 大力发展非化石能源 as its row 29, 牵头（据附表2第 29 行）：…;
    search.js and reference.answering_lines build the same line from the rows' units, records.row_units)."""
    named, from_rows = (tuple(answering), rows_named(answering)) if answering else naming_entries(me, rows, target)
    return {r.role: r.line for r in roles_of(named, from_rows)}


def responsible_text(me: MeasureEntry, rows: Sequence[MeasureEntry], target: DistinctTarget | None = None) -> str:
    """Who answers for a measure, or for one of its targets, as the document says it: its lead units
    (牵头：…), else those that share the responsibility (分工负责：…; model.role_name names the roles);
    a measure that names no unit (铜梁's and 黔江's main text) takes those of the table rows that carry
    it out, said to be the rows' (牵头（据附表2第 56、57 行）：…; each row has its own: 铜梁's 优化交通运输能源结构
    is led by three units, one per row), and a target of it those of the row that carries the target
    (牵头（据附表2第 57 行）：区发展改革委; naming_entries). Empty when neither names a lead or a
    responsible unit (NO_LEAD_TEXT says so on a page)."""
    return responsible_line(unit_lines(me, rows, target))


def responsible_line(lines: Mapping[str, str]) -> str:
    """Of a measure's unit_lines, the one responsible_text shows: the lead line, else the joint one
    (for a caller that has the lines already, as the search records do for the role lines too)."""
    return lines.get("lead") or lines.get("joint") or ""


LABEL_TEXT_CHARS = 40  # a label made of a measure's text shows this much of it
READ_MARK, DOUBTFUL_READ_MARK = "〔识读〕", "〔识读存疑〕"  # end a label made from our reading of damaged print
READINGS_URL = Url("about.md", "readings")  # where the about page says what the two marks mean


def label_is_read(label: str) -> bool:
    """Whether a measure's label (measure_label) shows our reading of damaged print."""
    return label.endswith((READ_MARK, DOUBTFUL_READ_MARK))


def _start_of(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[:limit] + "…"


def own_title(m: Measure) -> str:
    """The title a measure's label starts from (as read, where the print is damaged): "" when it has
    none, or when it only repeats its category (see measure_label)."""
    head = reading(m.title) if m.title is not None else ""
    return "" if head == m.category else head


def measure_label(m: Measure) -> str:
    """Number and title, or the project name, or the start of the text. A table row whose title
    only repeats its category (铜梁's task rows under 2025年目标指标, a merged cell of the printed
    table) is named by its text: the category names the group, not the row. A title or text whose
    print is damaged names the row by our reading, marked as such (〔识读〕, 〔识读存疑〕): a label
    stands alone in lists, headings and links, away from the printed text beside it."""
    named_by: Quote | None = m.title  # the quote the label shows (None: the project's name)
    head = own_title(m)
    if not head and m.project is not None:
        head, named_by = m.project.name, None
    if not head:
        named_by = m.text
    if named_by is not None:
        limit = LABEL_TEXT_CHARS if named_by is m.text else None
        head = _start_of(reading(named_by), limit)
        if isinstance(named_by, Reading) and head != _start_of(named_by.printed, limit):
            head += DOUBTFUL_READ_MARK if named_by.uncertain else READ_MARK
    return f"{m.number} {head}".strip() if m.number else head


@dataclass(frozen=True)
class SourceParagraph:
    number: int
    text: str


@dataclass(frozen=True)
class DocumentPart:
    """A page of a long document: consecutive outline sections (a long section is cut into runs)."""

    number: int
    url: Url
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # section id and the ids of its measures on this page
    first_label: str
    last_label: str


@dataclass(frozen=True)
class SourcePart:
    """A page of a long source text: consecutive paragraphs."""

    number: int
    url: Url
    first: int
    last: int


@dataclass(frozen=True, eq=False, repr=False)
class DocumentEntry:
    document: Document
    district: District
    source_text: str
    paragraphs: tuple[SourceParagraph, ...]
    paragraph_starts: tuple[int, ...]  # where each paragraph's line starts in source_text
    url: Url  # the document's page; for a long document, its overview
    source_url: Url  # the source text's page; for a long text, its overview
    parts: tuple[DocumentPart, ...]  # one part: every measure is on the document page itself
    source_parts: tuple[SourcePart, ...]
    origin: Origin  # the document's YAML file (line of its `id:`)

    def paragraph_url(self, number: int, last: int | None = None) -> Url:
        """Where source paragraph `number` is shown; with a later `last`, the paragraphs from `number`
        to `last` (`?p=4-5#p4`: the page opens at ¶4, as before, and its script marks ¶4 to ¶5)."""
        url = self.source_url
        for part in self.source_parts:
            if part.first <= number <= part.last:
                url = part.url
                break
        query = f"p={number}-{last}" if last is not None and last > number else ""
        return Url(url.page, f"p{number}", query)

    def __repr__(self) -> str:
        return f"DocumentEntry({self.id!r})"

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def is_draft(self) -> bool:
        return self.document.status == Status.draft

    @cached_property
    def draft(self) -> Draft | None:
        """How pages outside its own page tag a consultation draft (None: an issued document). Made
        once: the pages ask it of a district's documents for every district name they print that may
        be tagged (about 120 000 times at 50× the corpus)."""
        return draft_of(self.document)


STRENGTH_ORDER = ("lead", "joint", "support")  # a department named in several roles counts in the first


@dataclass(frozen=True, eq=False, repr=False)
class SiteIndex:
    """Every look-up and grouping pages need, built once; tuples are in display order."""

    districts: tuple[District, ...]
    documents: tuple[DocumentEntry, ...]
    measures: tuple[MeasureEntry, ...]
    themes: tuple[Theme, ...]
    departments: tuple[Department, ...]
    metrics: tuple[Metric, ...]
    district_by_slug: Mapping[str, District]
    theme_by_slug: Mapping[str, Theme]
    department_by_slug: Mapping[str, Department]
    metric_by_slug: Mapping[str, Metric]
    measure_by_key: Mapping[str, MeasureEntry]
    documents_by_district: Mapping[str, tuple[DocumentEntry, ...]]
    measures_by_document: Mapping[str, tuple[MeasureEntry, ...]]
    measures_by_district: Mapping[str, tuple[MeasureEntry, ...]]
    measures_by_theme: Mapping[str, tuple[MeasureEntry, ...]]
    measures_by_department: Mapping[str, tuple[MeasureEntry, ...]]
    targets_by_metric: Mapping[str, tuple[TargetEntry, ...]]
    relations: Relations  # implementation links, distinct measures and targets (see Relations)
    projects_by_document: Mapping[str, tuple[MeasureEntry, ...]]  # key projects (附表) per document id, printed order
    similar: Mapping[str, tuple[Similarity, ...]] = field(default_factory=lambda: MappingProxyType({}))  # shown links
    # measure key → districts with a confident equivalent of it, either way, not capped (see SimilarMeasures)
    counterpart_districts: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    # where each registry entry is written, keyed by (registry file, slug): ("themes.yaml", "energy")
    registry_origins: Mapping[tuple[str, str], Origin] = field(default_factory=lambda: MappingProxyType({}))
    borrowable: Mapping[str, Borrowable] = field(default_factory=lambda: MappingProxyType({}))  # by district slug
    # distinct measure key → the other districts with a confident equivalent of it or of a table row
    # of it, either way (distinct_counterparts); distinct measures without any are left out
    distinct_counterparts: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    # distinct measure key → district slug → that district's measure the site shows as similar to it though
    # the district lacks it (near_measures); distinct measures without any are left out
    near_by_district: Mapping[str, Mapping[str, DistinctMeasure]] = field(default_factory=lambda: MappingProxyType({}))
    synonyms: tuple[SynonymGroup, ...] = ()  # reviewed groups of equivalent policy terms (search expansion)
    # metric slug → the metrics that measure the same thing another way (Metric.related, both ways), in registry order
    related_metrics: Mapping[str, tuple[Metric, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # the roles (ROLES) its units have, per document id and per district slug (none: it names no unit)
    roles_by_document: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    roles_by_district: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    data_hash: str = ""  # SHA-256 of every file of the data folder (load.content_hash): the downloads' data version

    def __repr__(self) -> str:
        return f"SiteIndex({len(self.districts)} districts, {len(self.documents)} documents, {len(self.measures)} items)"

    def district(self, slug: str) -> District:
        return self.district_by_slug[slug]

    @cached_property
    def district_place(self) -> Mapping[str, int]:
        """District slug → its place in registry order (``districts``): the compare view's district
        numbers and the order 可借鉴措施 lists districts in."""
        return MappingProxyType({d.slug: i for i, d in enumerate(self.districts)})

    def lacks(self, slug: str, dm: DistinctMeasure) -> bool:
        """Whether the district ``slug`` lacks the distinct measure ``dm`` of another district, as
        可借鉴措施 counts it: a measure to borrow (is_borrowable), with no confident equivalent in the
        district, of it or of a row of it, either way (distinct_counterparts)."""
        return (dm.district.slug != slug and is_borrowable(dm.measure.measure)
                and slug not in self.distinct_counterparts.get(dm.key, ()))

    def near_measure(self, slug: str, dm: DistinctMeasure) -> DistinctMeasure | None:
        """The district's measure the site shows as similar to ``dm`` although the district lacks
        ``dm`` (near_measures), or None: where ``dm`` is listed as lacked, a note names it."""
        return self.near_by_district.get(dm.key, {}).get(slug)

    def measure(self, key: str) -> MeasureEntry:
        return self.measure_by_key[key]

    def target_units(self, dt: DistinctTarget) -> str:
        """Who answers for a distinct target, as its metric page and the compare view say it: the unit
        line of the item that states it first (responsible_text; for an item that names no unit, the
        table row that carries the target: 牵头（据附表2第 57 行）：…), or NO_LEAD_TEXT."""
        me = self.measure(dt.first.measure_key)
        return responsible_text(me, self.relations.implemented_by.get(me.key, ()), dt) or NO_LEAD_TEXT

    def distinct_count(self, document_id: str) -> int:
        """A document's distinct measures (DISTINCT_MEASURE_DEFINITION): the distinct measures its
        items count toward (a row implements items of its own document only)."""
        return len({dm.key for me in self.measures_by_document.get(document_id, ())
                    for dm in self.relations.distinct_of.get(me.key, ())})

    def undivided_document(self, document_id: str) -> bool:
        """The document names its units in one list, neither 牵头 nor 配合 (model.UNDIVIDED): every
        unit is 分工负责."""
        return self.roles_by_document.get(document_id, frozenset()) == {"joint"}

    def undivided_district(self, slug: str) -> bool:
        """Every document of the district with units is undivided (undivided_document)."""
        return self.roles_by_district.get(slug, frozenset()) == {"joint"}

    def districts_in_region(self, region: str) -> tuple[District, ...]:
        return tuple(d for d in self.districts if d.region.value == region)

    def alias_use(self, slug: str) -> tuple[tuple[tuple[str, frozenset[str]], ...], tuple[str, ...]]:
        """A department's registered printed forms (``aliases``), in registry order, split in two:
        those some responsibility list prints, each with the districts (slugs) where, and those no
        document on the site prints (registered for documents to come, such as 区发改委). A name is
        printed where a unit is printed so or, where the print is damaged, where the unit's printed
        text or our reading of it is that name (铜梁's 区发展改革, read 区发展改革委, prints both). The
        one definition the department page and its search result both say."""
        where: dict[str, set[str]] = {}
        for me in self.measures_by_department.get(slug, ()):
            for u in me.units:
                if u.department.slug == slug:
                    for name in (u.printed, u.reading):
                        where.setdefault(name, set()).add(me.district.slug)
        aliases = self.department_by_slug[slug].aliases
        return (tuple((a, frozenset(where[a])) for a in aliases if a in where),
                tuple(a for a in aliases if a not in where))


@dataclass(frozen=True)
class Similarity:
    """Why one measure is listed as similar to another."""

    other: str  # measure key
    score: float
    shared_themes: tuple[str, ...]
    shared_terms: tuple[str, ...]


@dataclass(frozen=True)
class SimilarMeasures:
    """What the similarity step (generator.similarity) gives the index.

    ``links`` are the similar measures a page shows: at most TOP_N per measure, so a measure with
    confident equivalents in more districts than that links to only some of them. Whether a district
    has a counterpart of a measure is therefore read from ``counterpart_districts``: for each measure,
    every other district holding a measure that passes the rules of a shown link and a higher score
    (generator.similarity.counterpart), in either direction (this measure's equivalent there, or a
    measure there whose equivalent this is), not capped. Measures without any are left out."""

    links: Mapping[str, tuple[Similarity, ...]] = field(default_factory=lambda: MappingProxyType({}))
    counterpart_districts: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))


MEASURES_PER_PAGE = 25  # a long document's page holds at most this many items (under 150 KB of HTML with room to spare)
SOURCE_CHARS_PER_PAGE = 15_000  # a long source text's page holds about this many characters


def section_label(section: Section) -> str:
    return f"{section.number}{reading(section.title)}"


def flatten_outline(sections, prefix: tuple[str, ...] = ()):
    """Every section in outline order with the labels of its path."""
    for s in sections:
        labels = prefix + (section_label(s),)
        yield s, labels
        yield from flatten_outline(s.children, labels)


def document_parts(doc: Document) -> tuple[DocumentPart, ...]:
    """Cut a document into pages of at most MEASURES_PER_PAGE items, along its outline."""
    runs: list[tuple[Section, list[str]]] = []  # (section, measure ids) in outline order
    in_section: dict[str, list[str]] = defaultdict(list)
    for m in doc.measures:
        in_section[m.section].append(m.id)
    for section, _ in flatten_outline(doc.outline):
        ids = in_section.get(section.id, [])
        for start in range(0, len(ids), MEASURES_PER_PAGE):
            runs.append((section, ids[start:start + MEASURES_PER_PAGE]))
    if sum(len(ids) for _, ids in runs) <= MEASURES_PER_PAGE:
        return (DocumentPart(1, document_url(doc.id), tuple((s.id, tuple(ids)) for s, ids in runs), "", ""),)
    pages: list[list[tuple[Section, list[str]]]] = [[]]
    held = 0  # measures on the page being filled
    for run in runs:
        if pages[-1] and held + len(run[1]) > MEASURES_PER_PAGE:
            pages.append([])
            held = 0
        pages[-1].append(run)
        held += len(run[1])
    return tuple(
        DocumentPart(k, Url(f"documents/{doc.id}/{k}.md"), tuple((s.id, tuple(ids)) for s, ids in page),
                     section_label(page[0][0]), section_label(page[-1][0]))
        for k, page in enumerate(pages, start=1)
    )


def source_parts(doc_id: str, paragraphs: tuple[SourceParagraph, ...]) -> tuple[SourcePart, ...]:
    """Cut a long source text into pages of about SOURCE_CHARS_PER_PAGE characters."""
    if sum(len(p.text) for p in paragraphs) <= SOURCE_CHARS_PER_PAGE:
        return ()
    parts: list[list[SourceParagraph]] = [[]]
    chars = 0  # of the page being filled
    for p in paragraphs:
        if parts[-1] and chars + len(p.text) > SOURCE_CHARS_PER_PAGE:
            parts.append([])
            chars = 0
        parts[-1].append(p)
        chars += len(p.text)
    return tuple(SourcePart(k, Url(f"sources/{doc_id}/{k}.md"), part[0].number, part[-1].number)
                 for k, part in enumerate(parts, start=1))


def split_paragraphs(text: str) -> tuple[tuple[SourceParagraph, ...], list[int]]:
    """Non-empty lines of a source text, numbered from 1, and their start offsets."""
    paragraphs: list[SourceParagraph] = []
    starts: list[int] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            paragraphs.append(SourceParagraph(len(paragraphs) + 1, stripped))
            starts.append(offset)
        offset += len(line)
    return tuple(paragraphs), starts


def _section_paths(sections: tuple[Section, ...] | list[Section], prefix=()) -> dict[str, tuple[Section, ...]]:
    out: dict[str, tuple[Section, ...]] = {}
    for s in sections:
        out[s.id] = prefix + (s,)
        out.update(_section_paths(s.children, prefix + (s,)))
    return out


def _department(unit_names: UnitNames, name: str, district: str) -> Department:
    """The department of a unit a document of ``district`` names; the check (rules.units_resolve)
    refuses a corpus with a unit that resolves to none before it is indexed."""
    dept = unit_names.resolve(name, district)
    if dept is None:
        raise KeyError(f"{name} ({district})")
    return dept


def _district_order(corpus: Corpus) -> dict[str, int]:
    return {d.slug: i for i, d in enumerate(corpus.districts.districts)}


def _frozen(groups: dict) -> Mapping:
    return MappingProxyType({k: tuple(v) for k, v in sorted(groups.items())})


def build_index(corpus: Corpus, similarity=None) -> SiteIndex:
    """Resolve every reference once. ``similarity(index)`` computes similar-measure links (SimilarMeasures)."""
    index = build_index_without_links(corpus)
    return with_similarity(index, similarity(index) if similarity is not None else SimilarMeasures())


def build_index_without_links(corpus: Corpus) -> SiteIndex:
    """The index without the similar-measure links and what is made of them (left empty): a build
    computes them from it next and adds them (with_similarity)."""
    districts = {d.slug: d for d in corpus.districts.districts}
    themes = {t.slug: t for t in corpus.themes.themes}
    metrics = {m.slug: m for m in corpus.metrics.metrics}
    departments = {d.slug: d for d in corpus.departments.departments}
    unit_names = corpus.unit_names
    order = _district_order(corpus)

    loaded_docs: list[LoadedDocument] = sorted(
        corpus.documents, key=lambda d: (order[d.document.district], d.document.id)
    )
    doc_entries: list[DocumentEntry] = []
    by_document: dict[str, list[MeasureEntry]] = {}
    for loaded in loaded_docs:
        doc = loaded.document
        paragraphs, starts = split_paragraphs(loaded.source_text or "")
        parts = document_parts(doc)
        part_of = {mid: part for part in parts for _, ids in part.sections for mid in ids}
        file = repository_path(corpus.root, Path(loaded.yaml.path))
        entry = DocumentEntry(doc, districts[doc.district], loaded.source_text or "", paragraphs, tuple(starts),
                              document_url(doc.id), source_url(doc.id), parts, source_parts(doc.id, paragraphs),
                              Origin(file, loaded.yaml.where(("id",))[0]))
        paths = _section_paths(doc.outline)
        draft = entry.draft
        measures: list[MeasureEntry] = []
        cursor = 0  # measures are in printed order: look for each one after the previous one
        for i, m in enumerate(doc.measures):
            units = tuple(
                UnitEntry(printed(u), reading(u), u, role, _department(unit_names, reading(u), doc.district))
                for role in ROLES for u in getattr(m.responsibility, role)
            )
            found = find_quote(entry.source_text, printed(m.text), cursor) or find_quote(entry.source_text, printed(m.text))
            if found and found[0] >= cursor:
                cursor = found[0]
            paragraph = bisect.bisect_right(starts, found[0]) if found else None
            last = bisect.bisect_right(starts, found[1] - 1) if found else None
            key, url, label = f"{doc.id}/{m.id}", part_of[m.id].url.with_anchor(m.id), measure_label(m)
            targets = tuple(TargetEntry(t, metrics[t.metric], key, label, url, entry.district,
                                        doc.short_title, draft) for t in m.targets)
            measures.append(MeasureEntry(
                key=key, measure=m, document=entry, section_path=paths[m.section], units=units,
                themes=tuple(themes[t] for t in m.themes), source_paragraph=paragraph, source_last=last,
                url=url, label=label,
                targets=targets, origin=Origin(file, loaded.yaml.where(("measures", i))[0]),
            ))
        doc_entries.append(entry)
        by_document[doc.id] = measures
    all_measures = [me for d in doc_entries for me in by_document[d.id]]

    by_district: dict[str, list[DocumentEntry]] = defaultdict(list)
    for d in doc_entries:
        by_district[d.district.slug].append(d)
    measures_by_district: dict[str, list[MeasureEntry]] = defaultdict(list)
    by_theme: dict[str, list[MeasureEntry]] = defaultdict(list)
    by_department: dict[str, list[MeasureEntry]] = defaultdict(list)
    by_metric: dict[str, list[TargetEntry]] = defaultdict(list)
    for me in all_measures:
        district = me.district.slug
        measures_by_district[district].append(me)
        for t in me.themes:
            by_theme[t.slug].append(me)
        for slug in dict.fromkeys(u.department.slug for u in me.units):
            by_department[slug].append(me)
        for te in me.targets:
            by_metric[te.metric.slug].append(te)

    related: dict[str, set[str]] = defaultdict(set)  # written once, in either entry: made both ways here
    for metric in corpus.metrics.metrics:
        for other in metric.related:
            related[metric.slug].add(other)
            related[other].add(metric.slug)

    registry_origins = {}
    for name, loaded_registry in corpus.registry_yaml.items():
        file = repository_path(corpus.root, Path(loaded_registry.path))
        key = name.removesuffix(".yaml")
        for i, item in enumerate((loaded_registry.data or {}).get(key) or []):
            if isinstance(item, dict) and isinstance(item.get("slug"), str):
                registry_origins[(name, item["slug"])] = Origin(file, loaded_registry.where((key, i))[0])

    return SiteIndex(
        districts=tuple(corpus.districts.districts),
        documents=tuple(doc_entries),
        measures=tuple(all_measures),
        themes=tuple(corpus.themes.themes),
        departments=tuple(sorted(corpus.departments.departments, key=lambda d: d.slug)),
        metrics=tuple(corpus.metrics.metrics),
        district_by_slug=MappingProxyType(districts),
        theme_by_slug=MappingProxyType(themes),
        department_by_slug=MappingProxyType(departments),
        metric_by_slug=MappingProxyType(metrics),
        related_metrics=MappingProxyType({slug: tuple(m for m in corpus.metrics.metrics if m.slug in others)
                                          for slug, others in related.items()}),
        measure_by_key=MappingProxyType({m.key: m for m in all_measures}),
        documents_by_district=_frozen(by_district),
        measures_by_document=_frozen(by_document),
        measures_by_district=_frozen(measures_by_district),
        measures_by_theme=_frozen(by_theme),
        measures_by_department=_frozen(by_department),
        targets_by_metric=_frozen(by_metric),
        registry_origins=MappingProxyType(registry_origins),
        relations=build_relations(tuple(all_measures), tuple(corpus.themes.themes)),
        projects_by_document=MappingProxyType({
            doc_id: tuple(m for m in ms if m.measure.project is not None)
            for doc_id, ms in by_document.items() if any(m.measure.project is not None for m in ms)
        }),
        synonyms=tuple(corpus.synonyms.synonyms),
        roles_by_document=MappingProxyType({doc_id: frozenset(u.role for me in ms for u in me.units)
                                            for doc_id, ms in by_document.items()}),
        roles_by_district=MappingProxyType({slug: frozenset(u.role for me in ms for u in me.units)
                                            for slug, ms in measures_by_district.items()}),
        data_hash=content_hash(corpus.root),
    )


def with_similarity(index: SiteIndex, found: SimilarMeasures) -> SiteIndex:
    """The index with these similar-measure links, counterparts and what depends on them (可借鉴措施 and
    the shown links to measures a district lacks: near_measures)."""
    index = dataclasses.replace(index, similar=MappingProxyType(dict(found.links)),
                                counterpart_districts=MappingProxyType(dict(found.counterpart_districts)))
    index = dataclasses.replace(index, distinct_counterparts=distinct_counterparts(index))
    return dataclasses.replace(index, near_by_district=near_measures(index), borrowable=build_borrowable(index))


def distinct_counterparts(index: SiteIndex) -> Mapping[str, frozenset[str]]:
    """Distinct measure key → the districts with a confident equivalent of the measure or of a table
    row that carries it out, either way (counterpart_districts holds both ways): the one rule by which
    可借鉴措施 (build_borrowable) and the compare view's 只看…没有相似措施的 decide that a district has
    a measure. Those without any are left out."""
    out: dict[str, frozenset[str]] = {}
    for dm in index.relations.distinct:
        found = frozenset().union(*(index.counterpart_districts.get(m.key, ()) for m in (dm.measure,) + dm.rows))
        if found:
            out[dm.key] = found
    return MappingProxyType(out)


def near_measures(index: SiteIndex) -> Mapping[str, Mapping[str, DistinctMeasure]]:
    """Distinct measure key → district slug → that district's distinct measure nearest to it by a shown
    similar-measure link (``similar``), in either direction, of the measure or of a table row that
    carries it out (the items distinct_counterparts reads), for each district that lacks it (lacks).
    The stricter counterpart rule decides that such a district lacks it, yet the measure's page (or
    the district's) lists the two as similar: where 可借鉴措施 and the compare view's 只看…没有相似措施的
    list it, a note names that measure, so that the reader judges for themselves. A link to a table
    row stands for the distinct measure the row counts toward (Relations.distinct_of). Nearest: the
    highest score, then the measure first in ``Relations.distinct``; districts in registry order;
    measures without any are left out. Linear in the links (at most TOP_N per item)."""
    rel = index.relations
    position = {dm.key: i for i, dm in enumerate(rel.distinct)}
    linked: dict[str, dict[str, float]] = defaultdict(dict)  # item key → linked item key → score, both ways
    for key, links in index.similar.items():
        for s in links:
            for one, other in ((key, s.other), (s.other, key)):
                linked[one][other] = max(s.score, linked[one].get(other, s.score))
    place = index.district_place
    out: dict[str, Mapping[str, DistinctMeasure]] = {}
    for dm in rel.distinct:
        best: dict[str, tuple[tuple[float, int], DistinctMeasure]] = {}
        for item in (dm.measure, *dm.rows):
            for other, score in linked.get(item.key, {}).items():
                for near in rel.distinct_of[other]:
                    slug, rank = near.district.slug, (-score, position[near.key])
                    if (slug not in best or rank < best[slug][0]) and index.lacks(slug, dm):
                        best[slug] = (rank, near)
        if best:
            out[dm.key] = MappingProxyType({slug: best[slug][1] for slug in sorted(best, key=place.__getitem__)})
    return MappingProxyType(out)


# ---------------------------------------------------------------- distinct measures and targets
#
# A document often says the same thing twice: a task-division table restates the main text row by
# row, and an indicator table repeats the targets of the goals. Counting every row would measure
# document length, not policy. The look-ups below count what is distinct; pages say what they count.

MAIN_TEXT_KINDS = frozenset({MeasureKind.goal, MeasureKind.measure, MeasureKind.safeguard})
DISTINCT_MEASURE_DEFINITION = ("正文的目标、措施和保障措施各计一项；"
                               "附表（任务表、指标表、项目表）中落实某条正文条目的行并入该条，只计一次；其余表格行各计一项")
DISTINCT_TARGET_DEFINITION = "同一区县同一指标、数值和年份的目标只计一次，各处出处一并列出"


@dataclass(frozen=True)
class CarriedUnit:
    """A unit that carries out a distinct measure, and the item it is printed in."""

    unit: UnitEntry
    printed_in: MeasureEntry  # the main-text measure itself, or a table row that implements it
    inherited: bool  # True when printed in a table row (附表), not in the measure's own text


@dataclass(frozen=True)
class DistinctMeasure:
    """One measure as counted: a main-text measure with the table rows that implement it, or a
    table row that implements no main-text measure (then ``rows`` is empty)."""

    measure: MeasureEntry
    rows: tuple[MeasureEntry, ...]  # table rows that implement it, in printed order
    themes: tuple[Theme, ...]  # themes of the measure or of any of its rows, in registry order
    units: tuple[CarriedUnit, ...]  # own units first, then the rows' units in printed order

    @property
    def key(self) -> str:
        return self.measure.key

    @property
    def district(self) -> District:
        return self.measure.district

    def departments(self, roles: tuple[str, ...] = ROLES) -> tuple[Department, ...]:
        """Departments that carry it out in any of ``roles``, each once, in first-printed order."""
        seen: dict[str, Department] = {}
        for cu in self.units:
            if cu.unit.role in roles:
                seen.setdefault(cu.unit.department.slug, cu.unit.department)
        return tuple(seen.values())


@dataclass(frozen=True)
class DistinctTarget:
    """One target of a district as counted: every statement of the same metric, value and target
    year in that district's documents (an indicator table row and the goal it repeats, …)."""

    statements: tuple[TargetEntry, ...]  # main-text statements first, then table rows, each in printed order

    @property
    def first(self) -> TargetEntry:
        return self.statements[0]

    @property
    def metric(self) -> Metric:
        return self.first.metric

    @property
    def district(self) -> District:
        return self.first.district

    @property
    def numbered(self) -> bool:
        """Whether it carries a number of the district's own: a value printed and read, not 市级下达
        (the district adopts the city's figure, which its document does not print) nor a value the
        document leaves out or the editors cannot read. Its statements share value and 市级下达
        (target_dedup_key)."""
        return self.first.target.value is not None


@dataclass(frozen=True)
class MetricSetters:
    """The districts that set a target for a metric, and those of them that give no number of their
    own for it: every target of theirs for it is 市级下达 or has no value. Such a district counts as
    setting the metric (its document names the target); every count of setters says them apart, so
    that a reader does not take the count for districts with a figure to compare."""

    districts: tuple[District, ...]  # every district with a target for it, in registry order
    # per district without a number of its own, in registry order: its target that says why (a 市级下达 one where it has one)
    numberless: tuple[DistinctTarget, ...]
    # per district with a number of its own and other targets without one, in registry order: those others
    also_numberless: tuple[tuple[DistinctTarget, ...], ...] = ()


NO_SETTERS = MetricSetters((), ())  # a metric no district sets


@dataclass(frozen=True)
class Relations:
    """Implementation links, distinct measures and distinct targets, with their look-ups.

    - ``implements[row_key]`` / ``implemented_by[measure_key]``: the links editors record in
      ``implements:`` (both directions, printed order).
    - ``distinct`` every distinct measure; ``distinct_of[item_key]`` the distinct measures an item
      counts toward (a main-text measure or unlinked row: itself; a linked row: the measures it
      implements).
    - ``distinct_by_district``, ``distinct_by_theme``, ``distinct_by_department``: each distinct
      measure once per district / theme / department (a department counts when it or a linked row
      names it in any role); ``distinct_by_district_theme[(district, theme)]`` the cell of a
      district × theme matrix; ``distinct_by_department_district[(department, district)]`` the
      measures a department carries out in one district, ``distinct_by_department_district_theme[(department,
      district, theme)]`` those of one theme (in the same order); ``distinct_role_of[(measure key, department)]``
      the strongest role (lead > joint > support) the department has in the measure or any of its rows,
      so a department is counted once per measure in one role; ``distinct_by_department_role[(department,
      role)]`` with role one of ROLES (lead 牵头, support 配合, joint 分工负责): every role it has.
    - ``targets`` every distinct target; ``targets_by_district``, ``targets_by_metric``;
      ``targets_by_district_theme[(district, theme)]`` a district's targets whose metric belongs to the
      theme; ``target_of[(measure_key, position)]`` the distinct target a printed target belongs to.
    - ``common_target_year`` the target year most distinct targets share (the later one on a tie; None
      when no target names a year): the year a reader compares districts by (2025 in today's corpus);
      ``targets_by_district_year[(district, year)]`` a district's targets of one target year (None: no
      year printed), ``targets_by_year[year]`` every district's, each district's years in target_years_by_district (common year first, then the
      other years latest first, the undated last).
    - ``numberless`` the distinct targets without a number of the district's own (DistinctTarget.numbered:
      市级下达, or no value), counted as targets all the same; ``numberless_by_district``,
      ``numberless_by_district_year`` and ``numberless_by_district_theme`` those of a district (of
      one target year, of one theme), for the pages that count its targets to say how many of them
      these are; ``setters_by_metric`` the districts that set each metric, those without a number of
      their own apart (MetricSetters; NO_SETTERS for a metric no district sets).
    """

    implements: Mapping[str, tuple[MeasureEntry, ...]]
    implemented_by: Mapping[str, tuple[MeasureEntry, ...]]
    distinct: tuple[DistinctMeasure, ...]
    distinct_of: Mapping[str, tuple[DistinctMeasure, ...]]
    distinct_by_district: Mapping[str, tuple[DistinctMeasure, ...]]
    distinct_by_theme: Mapping[str, tuple[DistinctMeasure, ...]]
    distinct_by_department: Mapping[str, tuple[DistinctMeasure, ...]]
    distinct_by_department_role: Mapping[tuple[str, str], tuple[DistinctMeasure, ...]]
    distinct_by_department_district: Mapping[tuple[str, str], tuple[DistinctMeasure, ...]]
    distinct_by_department_district_theme: Mapping[tuple[str, str, str], tuple[DistinctMeasure, ...]]
    distinct_role_of: Mapping[tuple[str, str], str]
    distinct_by_district_theme: Mapping[tuple[str, str], tuple[DistinctMeasure, ...]]
    targets: tuple[DistinctTarget, ...]
    targets_by_district: Mapping[str, tuple[DistinctTarget, ...]]
    targets_by_metric: Mapping[str, tuple[DistinctTarget, ...]]
    targets_by_district_theme: Mapping[tuple[str, str], tuple[DistinctTarget, ...]]
    target_of: Mapping[tuple[str, int], DistinctTarget]
    common_target_year: int | None
    targets_by_district_year: Mapping[tuple[str, int | None], tuple[DistinctTarget, ...]]
    targets_by_year: Mapping[int | None, tuple[DistinctTarget, ...]]
    target_years_by_district: Mapping[str, tuple[int | None, ...]]
    numberless: tuple[DistinctTarget, ...]
    numberless_by_district: Mapping[str, tuple[DistinctTarget, ...]]
    numberless_by_district_year: Mapping[tuple[str, int | None], tuple[DistinctTarget, ...]]
    numberless_by_district_theme: Mapping[tuple[str, str], tuple[DistinctTarget, ...]]
    setters_by_metric: Mapping[str, MetricSetters]

    def setters_of(self, metric: str) -> MetricSetters:
        """The districts that set a metric, those without a number of their own apart (NO_SETTERS: none)."""
        return self.setters_by_metric.get(metric, NO_SETTERS)

    def targets_in_common_year(self, district: str) -> tuple[DistinctTarget, ...]:
        """A district's targets of the common target year (none when no target names a year)."""
        if self.common_target_year is None:
            return ()
        return self.targets_by_district_year.get((district, self.common_target_year), ())

    def theme_share(self, district: str, theme: str) -> float:
        """Share of a district's distinct measures that belong to ``theme`` (0 when it has none).
        A measure with several themes counts in each, so shares of one district can add up to more than 1."""
        total = len(self.distinct_by_district.get(district, ()))
        return len(self.distinct_by_district_theme.get((district, theme), ())) / total if total else 0.0


def target_dedup_key(te: TargetEntry) -> tuple:
    """What makes printed targets of two items the same target: district, metric, value (or 市级下达),
    unit and target year."""
    t = te.target
    return (te.district.slug, te.metric.slug, t.value, t.set_by_municipality, t.unit, t.target_year)


def _roles_by_department(dm: DistinctMeasure) -> dict[str, set[str]]:
    """The roles each department carries out a distinct measure in, departments in first-printed
    order (DistinctMeasure.departments(), in one pass for every role)."""
    roles_of: dict[str, set[str]] = {}
    for cu in dm.units:
        roles_of.setdefault(cu.unit.department.slug, set()).add(cu.unit.role)
    return roles_of


def build_relations(measures: tuple[MeasureEntry, ...], themes: tuple[Theme, ...]) -> Relations:
    """Resolve ``implements:`` links (checked by the rules) and group what is counted once."""
    by_key = {m.key: m for m in measures}
    implements: dict[str, tuple[MeasureEntry, ...]] = {}
    implemented_by: dict[str, list[MeasureEntry]] = defaultdict(list)
    for me in measures:
        targets = tuple(by_key[f"{me.document.id}/{mid}"] for mid in me.measure.implements)
        if targets:
            implements[me.key] = targets
        for target in targets:
            implemented_by[target.key].append(me)

    distinct: list[DistinctMeasure] = []
    distinct_of: dict[str, list[DistinctMeasure]] = defaultdict(list)
    for me in measures:
        if me.key in implements:
            continue  # counted with the measures it implements
        rows = tuple(implemented_by.get(me.key, ()))
        group = (me,) + rows
        slugs = {t.slug for m in group for t in m.themes}
        units = tuple(CarriedUnit(u, m, m is not me) for m in group for u in m.units)
        dm = DistinctMeasure(me, rows, tuple(t for t in themes if t.slug in slugs), units)  # in registry order
        distinct.append(dm)
        for m in group:
            distinct_of[m.key].append(dm)

    by_district: dict[str, list[DistinctMeasure]] = defaultdict(list)
    by_theme: dict[str, list[DistinctMeasure]] = defaultdict(list)
    by_department: dict[str, list[DistinctMeasure]] = defaultdict(list)
    by_department_role: dict[tuple[str, str], list[DistinctMeasure]] = defaultdict(list)
    by_department_district: dict[tuple[str, str], list[DistinctMeasure]] = defaultdict(list)
    by_department_district_theme: dict[tuple[str, str, str], list[DistinctMeasure]] = defaultdict(list)
    role_of: dict[tuple[str, str], str] = {}
    by_cell: dict[tuple[str, str], list[DistinctMeasure]] = defaultdict(list)
    for dm in distinct:
        district = dm.district.slug
        by_district[district].append(dm)
        for t in dm.themes:
            by_theme[t.slug].append(dm)
            by_cell[(district, t.slug)].append(dm)
        roles_of = _roles_by_department(dm)
        for slug, roles in roles_of.items():
            by_department[slug].append(dm)
            by_department_district[(slug, district)].append(dm)
            for t in dm.themes:
                by_department_district_theme[(slug, district, t.slug)].append(dm)
            role_of[(dm.key, slug)] = next(r for r in STRENGTH_ORDER if r in roles)
            for role in roles:
                by_department_role[(slug, role)].append(dm)

    grouped: dict[tuple, list[TargetEntry]] = {}
    positions: dict[int, tuple[str, int]] = {}
    for me in measures:
        # An item never restates its own target: equal targets within one item (≥1 个 城镇, 社区
        # and 校园 pilots) stay apart, and the n-th of them joins the n-th equal one of another item.
        seen_in_item: Counter[tuple] = Counter()
        for pos, te in enumerate(me.targets):
            key = target_dedup_key(te)
            grouped.setdefault(key + (seen_in_item[key],), []).append(te)
            seen_in_item[key] += 1
            positions[id(te)] = (me.key, pos)  # TargetEntry compares by identity
    distinct_targets: list[DistinctTarget] = []
    target_of: dict[tuple[str, int], DistinctTarget] = {}
    for statements in grouped.values():
        # main-text statements first (stable: printed order within each group)
        ordered = sorted(statements, key=lambda te: by_key[te.measure_key].measure.kind not in MAIN_TEXT_KINDS)
        dt = DistinctTarget(tuple(ordered))
        distinct_targets.append(dt)
        for te in statements:
            target_of[positions[id(te)]] = dt
    targets_by_district: dict[str, list[DistinctTarget]] = defaultdict(list)
    targets_by_metric: dict[str, list[DistinctTarget]] = defaultdict(list)
    targets_by_district_theme: dict[tuple[str, str], list[DistinctTarget]] = defaultdict(list)
    for dt in distinct_targets:
        targets_by_district[dt.district.slug].append(dt)
        targets_by_metric[dt.metric.slug].append(dt)
        # a target belongs to a theme when its metric does, not because its paragraph does
        for theme in dt.metric.themes:
            targets_by_district_theme[(dt.district.slug, theme)].append(dt)

    year_counts = Counter(dt.first.target.target_year for dt in distinct_targets
                          if dt.first.target.target_year is not None)
    common_year = max(year_counts, key=lambda y: (year_counts[y], y)) if year_counts else None
    by_district_year: dict[tuple[str, int | None], list[DistinctTarget]] = defaultdict(list)
    by_year: dict[int | None, list[DistinctTarget]] = defaultdict(list)
    for dt in distinct_targets:
        by_district_year[(dt.district.slug, dt.first.target.target_year)].append(dt)
        by_year[dt.first.target.target_year].append(dt)
    years_by_district: dict[str, list[int | None]] = defaultdict(list)
    for district, year in by_district_year:
        years_by_district[district].append(year)
    numberless = tuple(dt for dt in distinct_targets if not dt.numbered)
    numberless_by_district: dict[str, list[DistinctTarget]] = defaultdict(list)
    numberless_by_district_year: dict[tuple[str, int | None], list[DistinctTarget]] = defaultdict(list)
    numberless_by_district_theme: dict[tuple[str, str], list[DistinctTarget]] = defaultdict(list)
    for dt in numberless:
        numberless_by_district[dt.district.slug].append(dt)
        numberless_by_district_year[(dt.district.slug, dt.first.target.target_year)].append(dt)
        for theme in dt.metric.themes:
            numberless_by_district_theme[(dt.district.slug, theme)].append(dt)

    def year_order(year: int | None) -> tuple[bool, bool, int]:
        return (year != common_year, year is None, -(year or 0))

    def frozen(d: dict) -> Mapping:
        return MappingProxyType({k: tuple(v) for k, v in sorted(d.items())})

    return Relations(
        implements=MappingProxyType(dict(sorted(implements.items()))),
        implemented_by=frozen(implemented_by),
        distinct=tuple(distinct),
        distinct_of=frozen(distinct_of),
        distinct_by_district=frozen(by_district),
        distinct_by_theme=frozen(by_theme),
        distinct_by_department=frozen(by_department),
        distinct_by_department_role=frozen(by_department_role),
        distinct_by_department_district=frozen(by_department_district),
        distinct_by_department_district_theme=frozen(by_department_district_theme),
        distinct_role_of=MappingProxyType(role_of),
        distinct_by_district_theme=frozen(by_cell),
        targets=tuple(distinct_targets),
        targets_by_district=frozen(targets_by_district),
        targets_by_metric=frozen(targets_by_metric),
        targets_by_district_theme=frozen(targets_by_district_theme),
        target_of=MappingProxyType(target_of),
        common_target_year=common_year,
        targets_by_district_year=MappingProxyType({k: tuple(v) for k, v in by_district_year.items()}),
        targets_by_year=MappingProxyType({k: tuple(v) for k, v in by_year.items()}),
        target_years_by_district=MappingProxyType({d: tuple(sorted(ys, key=year_order))
                                                   for d, ys in sorted(years_by_district.items())}),
        numberless=numberless,
        numberless_by_district=frozen(numberless_by_district),
        # not frozen(): its keys (district, year) cannot be sorted, a year being None where none is printed
        numberless_by_district_year=MappingProxyType({k: tuple(v) for k, v in numberless_by_district_year.items()}),
        numberless_by_district_theme=frozen(numberless_by_district_theme),
        setters_by_metric=MappingProxyType({slug: metric_setters(dts) for slug, dts in sorted(targets_by_metric.items())}),
    )


def metric_setters(targets: Iterable[DistinctTarget]) -> MetricSetters:
    """The districts that set a metric (``targets``: its distinct targets, in district order), those
    whose targets all lack a number each with the target that says why (a 市级下达 one where it has
    one), and the targets without a number of the others."""
    by_district: dict[str, list[DistinctTarget]] = {}
    for dt in targets:
        by_district.setdefault(dt.district.slug, []).append(dt)
    numberless: list[DistinctTarget] = []
    also: list[tuple[DistinctTarget, ...]] = []
    for group in by_district.values():
        bare = tuple(dt for dt in group if not dt.numbered)
        if len(bare) == len(group):
            numberless.append(min(group, key=lambda dt: not dt.first.target.set_by_municipality))
        elif bare:
            also.append(bare)
    return MetricSetters(tuple(group[0].district for group in by_district.values()), tuple(numberless), tuple(also))


# ---------------------------------------------------------------- 可借鉴措施: what others do that a district does not

BORROW_LIMIT = 20  # examples kept per theme: pages show a few, the download all of these


@dataclass(frozen=True)
class BorrowTheme:
    """Other districts' measures on one theme that have no similar measure in the district."""

    theme: Theme
    count: int  # all such measures
    district_count: int  # districts they come from
    peer_count: int  # of which in the same 片区
    # BORROW_LIMIT of them, the first of each district before any district's second (spread_by_district),
    # in the order same 片区 first, then district and printed order
    examples: tuple[DistinctMeasure, ...]
    # the districts they come from, each with how many: most first, then same 片区 first, then registry order
    by_district: tuple[tuple[District, int], ...] = ()


@dataclass(frozen=True)
class BorrowMetric:
    """Other districts' targets for a metric the district sets no target for."""

    metric: Metric
    district_count: int
    peer_count: int
    targets: tuple[DistinctTarget, ...]  # all of them: same 片区 first, then district and printed order


@dataclass(frozen=True)
class Borrowable:
    """For one district (可借鉴措施): measures and targets other districts have where it has none.

    A measure counts when it is a distinct measure of another district (not a goal or indicator row:
    targets are compared by metric) and neither it nor a row of it has a confident equivalent in
    from this district. Themes without any such measure and metrics the district has a target for
    are left out; metrics come most-shared-by-peers first.
    """

    district: District
    by_theme: tuple[BorrowTheme, ...]
    by_metric: tuple[BorrowMetric, ...]


# goals and indicator rows state targets, which are compared by metric instead
BORROWABLE_KINDS = frozenset({MeasureKind.measure, MeasureKind.safeguard, MeasureKind.task, MeasureKind.project})
INDICATOR_CATEGORY = "指标"  # a table's category cell that names its rows indicators (2025年目标指标)


def is_borrowable(m: Measure) -> bool:
    """Whether 可借鉴措施 may list the measure: not a goal or an indicator row, nor a task row that is
    an indicator in all but name: its printed category names it one and its text is its targets and
    nothing else (河库自然岸线保有率达到80%, under 2025年目标指标 in 铜梁's task table). A task or project
    whose text is its target (在绿色学校中优选1-2个开展近零碳排放区示范工程建设) is work to be done and stays."""
    return m.kind in BORROWABLE_KINDS and not (
        m.kind == MeasureKind.task and INDICATOR_CATEGORY in m.category and m.says_only_its_targets())


T = TypeVar("T")


def district_runs(measures: Iterable[DistinctMeasure]) -> tuple[tuple[str, tuple[DistinctMeasure, ...]], ...]:
    """Consecutive measures of one district as (district, its measures), in the given order."""
    return tuple((slug, tuple(run)) for slug, run in itertools.groupby(measures, key=lambda dm: dm.district.slug))


def spread_candidates(runs: Iterable[tuple[str, Sequence[DistinctMeasure]]], district: str,
                      counterparts: Mapping[str, Collection[str]], n: int) -> Iterator[DistinctMeasure]:
    """The measures of other districts that have no equivalent in ``district``, in order, as far as
    spread_by_district(…, n, …) can choose them: each run's first, and further ones only while fewer
    than n have followed a first (spread_by_district takes the first n of those, in order). The rest
    of a run is skipped unread, so each district's page costs about n plus one per district, not every
    measure of the theme: at 50 districts the walk was a third of the index stage."""
    open_ = n  # non-first places spread_by_district may still fill
    for slug, run in runs:
        if slug == district:
            continue
        first = True
        for dm in run:
            if district in counterparts[dm.key]:
                continue
            if not first and not open_:
                break
            if not first:
                open_ -= 1
            first = False
            yield dm


def spread_by_district(items: Iterable[T], n: int, district_of: Callable[[T], str], districts: int | None = None) -> tuple[T, ...]:
    """Up to n of the items, in their given order: the first item of each district is taken before
    any district's second, then the next ones fill up to n. Three examples from three districts say
    more than three from one, whose words, copied from the same municipal template, are often the
    same. ``districts`` (how many districts the items come from, if known) ends the walk once each of
    them has given one and n are taken, so a long run of one district's items is not read to its end."""
    firsts: list[tuple[int, T]] = []
    rest: list[tuple[int, T]] = []
    seen: set[str] = set()
    for position, item in enumerate(items):
        slug = district_of(item)
        if slug not in seen:
            seen.add(slug)
            firsts.append((position, item))
        elif len(rest) < n:
            rest.append((position, item))
        if len(firsts) == n or (len(firsts) == districts and len(firsts) + len(rest) >= n):
            break
    chosen = firsts + rest[:n - len(firsts)]
    return tuple(item for _, item in sorted(chosen, key=lambda pair: pair[0]))


def build_borrowable(index: SiteIndex) -> Mapping[str, Borrowable]:
    """Linear in the corpus plus districts² × themes: counterparts come from the similarity step's
    uncapped ``counterpart_districts`` (not from the shown links, which stop at TOP_N), and each
    district only walks the head of lists sorted once per 片区. The rule is symmetric: a measure has a
    counterpart in a district when it or a row of it has a confident equivalent there, or a measure
    there has it (or a row of it) as a confident equivalent; counterpart_districts holds both ways."""
    rel = index.relations
    order = index.district_place
    region_of = {d.slug: d.region for d in index.districts}
    candidates = [dm for dm in rel.distinct if is_borrowable(dm.measure.measure)]
    # distinct-measure key → districts with an equivalent
    counterparts: Mapping[str, frozenset[str]] = defaultdict(frozenset, index.distinct_counterparts)
    per_theme_district: dict[tuple[str, str], int] = defaultdict(int)  # (theme, district) → candidates
    # (for district, theme, from district) → candidates that have a counterpart in the first district
    matched: dict[tuple[str, str, str], int] = defaultdict(int)
    for dm in candidates:
        for t in dm.themes:
            per_theme_district[(t.slug, dm.district.slug)] += 1
            for slug in counterparts[dm.key]:
                if slug != dm.district.slug:
                    matched[(slug, t.slug, dm.district.slug)] += 1
    position = {dm.key: i for i, dm in enumerate(rel.distinct)}
    target_position = {id(dt): i for i, dt in enumerate(rel.targets)}
    regions = list(dict.fromkeys(d.region for d in index.districts))
    # sorted once per 片区: same 片区 first, then district order, then printed order
    def measure_order(region: RegionGroup) -> Callable[[DistinctMeasure], tuple[bool, int]]:
        return lambda dm: (region_of[dm.district.slug] != region, position[dm.key])

    def target_order(region: RegionGroup) -> Callable[[DistinctTarget], tuple[bool, int, int]]:
        return lambda dt: (region_of[dt.district.slug] != region, order[dt.district.slug], target_position[id(dt)])

    candidates_by_theme: dict[str, list[DistinctMeasure]] = defaultdict(list)
    for dm in candidates:
        for t in dm.themes:
            candidates_by_theme[t.slug].append(dm)
    # each theme's candidates in that order, as runs of one district's measures
    theme_runs = {(region, t.slug): district_runs(sorted(candidates_by_theme[t.slug], key=measure_order(region)))
                  for region in regions for t in index.themes}
    metric_lists = {(region, m.slug): tuple(sorted(rel.targets_by_metric.get(m.slug, ()), key=target_order(region)))
                    for region in regions for m in index.metrics}

    out: dict[str, Borrowable] = {}
    for district in index.districts:
        slug, region = district.slug, district.region
        by_theme = []
        for theme in index.themes:
            remaining = {e.slug: per_theme_district[(theme.slug, e.slug)] - matched[(slug, theme.slug, e.slug)]
                         for e in index.districts if e.slug != slug}
            count = sum(remaining.values())
            if not count:
                continue
            district_count = sum(1 for n in remaining.values() if n)
            borrowable = spread_candidates(theme_runs[(region, theme.slug)], slug, counterparts, BORROW_LIMIT)
            examples = spread_by_district(borrowable, BORROW_LIMIT, lambda dm: dm.district.slug, district_count)
            most = sorted((e for e, n in remaining.items() if n),
                          key=lambda e: (-remaining[e], region_of[e] != region, order[e]))
            by_theme.append(BorrowTheme(
                theme, count, district_count,
                sum(1 for e, n in remaining.items() if n and region_of[e] == region), examples,
                tuple((index.district(e), remaining[e]) for e in most)))
        mine = {dt.metric.slug for dt in rel.targets_by_district.get(slug, ())}
        # a metric the district sets a target for another way (充电基础设施 处 for 充电桩 个) is not one to borrow
        mine |= {m.slug for held in tuple(mine) for m in index.related_metrics.get(held, ())}
        by_metric = []
        for metric in index.metrics:
            targets = metric_lists[(region, metric.slug)]
            if targets and metric.slug not in mine:
                districts = {dt.district.slug for dt in targets}
                by_metric.append(BorrowMetric(metric, len(districts),
                                              sum(1 for e in districts if region_of[e] == region), targets))
        # the targets most peers share first
        by_metric.sort(key=lambda b: (-b.peer_count, -b.district_count))
        out[slug] = Borrowable(district, tuple(by_theme), tuple(by_metric))
    return MappingProxyType(out)
