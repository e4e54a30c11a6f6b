"""Small view objects shared by several page kinds (a measure as shown anywhere).

They hold text and Urls only; templates lay them out and escape them.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, overload

from generator.index import (
    DRAFT_TAG,
    FINAL_ISSUED_TAG,
    KIND_LABELS,
    MEASURES_PER_PAGE,
    ROWS_IN_TABLE,
    DistinctTarget,
    MeasureEntry,
    Origin,
    SiteIndex,
    TargetEntry,
    UnitEntry,
    Url,
    department_url,
    district_url,
    documents_index_url,
    metric_url,
    roles_of,
    rows_named,
    table_name,
    theme_url,
)
from generator.model import (
    ROLE_LABELS,
    ROLES,
    Comparator,
    Direction,
    District,
    Document,
    Measure,
    Metric,
    Quote,
    Reading,
    Responsibility,
    Section,
    Status,
    Target,
    printed,
)
from generator.rules import ROW_KINDS


@dataclass(frozen=True, slots=True)
class Page:
    """One generated Markdown file: its docs-relative path, template and context."""

    path: str
    template: str
    context: Any
    edit: Origin | None = None  # the YAML the page comes from: its edit button opens it
    # parts of the theme's layout the page leaves out (navigation, toc), in its front matter: a
    # template writes none of its own, so that one page has one front matter with its edit_url
    hide: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LinkView:
    text: str
    url: Url


@dataclass(frozen=True, slots=True)
class TextPart:
    """A run of a quote's characters; `changed` where printed text and reading differ."""

    text: str
    changed: bool


@dataclass(frozen=True, slots=True)
class ReadPart:
    """A run of a damaged quote as a page shows it: our reading, and for a changed run the printed
    characters it stands for ("" where the reading adds characters the print lacks; `text` is ""
    where the print has characters the reading drops)."""

    text: str
    changed: bool = False
    printed: str = ""


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A verbatim quote; `reading` is set only where the print is damaged. A page shows one text:
    the reading, each changed run marked with the printed characters beside it (`parts`), so a
    reader sees exactly the damaged words without reading the paragraph twice, and both texts can
    be told from the page: the printed one is the unchanged runs with each changed run's `printed`."""

    printed: str
    reading: str | None = None
    note: str = ""
    uncertain: bool = False
    parts: tuple[ReadPart, ...] = ()  # the reading in runs; without a reading, the printed text as one run


NEAR_CHANGES = 4  # changed runs at most this many unchanged characters apart are shown as one


def read_parts(printed: str, reading: str) -> tuple[ReadPart, ...]:
    """The reading split into the runs it shares with the printed text and those it changes, each
    changed run with the printed characters it replaces: difflib's character alignment
    (SequenceMatcher without junk heuristic), found by _matching_blocks. Adjacent runs of one kind
    are joined."""
    parts: list[ReadPart] = []

    def add(part: ReadPart) -> None:
        if parts and parts[-1].changed == part.changed:
            last = parts[-1]
            parts[-1] = ReadPart(last.text + part.text, part.changed, last.printed + part.printed)
        else:
            parts.append(part)

    i = j = 0
    for a, b, size in (*_matching_blocks(printed, reading), (len(printed), len(reading), 0)):
        if i < a or j < b:
            add(ReadPart(reading[j:b], True, printed[i:a]))
        if size:
            add(ReadPart(reading[b:b + size]))
        i, j = a + size, b + size
    return tuple(parts)


def near_changes_joined(parts: tuple[ReadPart, ...], gap: int = NEAR_CHANGES) -> tuple[ReadPart, ...]:
    """Changed runs separated by at most `gap` unchanged characters joined into one changed run
    (the unchanged characters on both of its sides), so that 国发(2021)4号 read 国发〔2021〕4号
    shows its printed form once, 「(2021)」, not 「(」 and 「)」 apart."""
    out: list[ReadPart] = []
    k = 0
    while k < len(parts):
        part = parts[k]
        while (part.changed and k + 2 < len(parts) and len(parts[k + 1].text) <= gap
               and parts[k + 2].changed):
            same = parts[k + 1].text
            part = ReadPart(part.text + same + parts[k + 2].text, True, part.printed + same + parts[k + 2].printed)
            k += 2
        out.append(part)
        k += 1
    return tuple(out)


def differing_parts(printed: str, reading: str) -> tuple[tuple[TextPart, ...], tuple[TextPart, ...]]:
    """The printed text and the reading, each split into runs the other shares and runs it does not
    (read_parts seen from each side)."""
    parts = read_parts(printed, reading)
    return (_runs([(p.printed if p.changed else p.text, p.changed) for p in parts]),
            _runs([(p.text, p.changed) for p in parts]))


def _runs(pieces: list[tuple[str, bool]]) -> tuple[TextPart, ...]:
    """Adjacent pieces of the same kind joined, empty ones dropped."""
    runs: list[TextPart] = []
    for text, changed in pieces:
        if not text:
            continue
        if runs and runs[-1].changed == changed:
            runs[-1] = TextPart(runs[-1].text + text, changed)
        else:
            runs.append(TextPart(text, changed))
    return tuple(runs)


def _matching_blocks(a: str, b: str) -> list[tuple[int, int, int]]:
    """(i, j, k) for each run a[i:i+k] == b[j:j+k], in order, as difflib.SequenceMatcher(None, a, b,
    autojunk=False) finds them: the longest match of the whole (_longest_match), then the same in the
    parts of a and b before it and after it, and so on (adjacent runs are not joined)."""
    queue = [(0, len(a), 0, len(b))]
    blocks = []
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = _longest_match(a, b, alo, ahi, blo, bhi)
        if k:
            blocks.append((i, j, k))
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    return sorted(blocks)


def _longest_match(a: str, b: str, alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
    """The longest a[i:i+k] == b[j:j+k] within a[alo:ahi] and b[blo:bhi], the one with the least i,
    then the least j: SequenceMatcher.find_longest_match without junk. Found by substring searches
    (str.find), fast where the two are mostly alike, as a quote and its reading are: on the corpus's
    readings about 2.5 times as fast as difflib's table of matches."""
    prefix = 0  # a match of this length starts at alo
    while alo + prefix < ahi and blo + prefix < bhi and a[alo + prefix] == b[blo + prefix]:
        prefix += 1
    suffix = 0  # one of this length ends at ahi
    while ahi - suffix > alo and bhi - suffix > blo and a[ahi - suffix - 1] == b[bhi - suffix - 1]:
        suffix += 1
    # Scan a from alo: `at` starts a match of `best` characters, and no longer one starts before
    # i. Where a match one longer starts at i, best grows; where none does, i moves on. From the
    # suffix, the scan is to find where a match of its length first starts (it reaches the suffix).
    best = prefix if prefix >= suffix else suffix - 1
    at = i = alo
    while i + best < ahi:
        if b.find(a[i:i + best + 1], blo, bhi) >= 0:
            best, at = best + 1, i
        else:
            i += 1
    return (at, b.find(a[at:at + best], blo, bhi), best) if best else (alo, blo, 0)


@overload
def quote_view(quote: Quote) -> QuoteView: ...
@overload
def quote_view(quote: None) -> None: ...
def quote_view(quote: Quote | None) -> QuoteView | None:
    if quote is None:
        return None
    if isinstance(quote, Reading):
        parts = near_changes_joined(read_parts(quote.printed, quote.reading))
        return QuoteView(quote.printed, quote.reading, quote.note, quote.uncertain, parts)
    return QuoteView(quote, parts=(ReadPart(quote),))


@dataclass(frozen=True, slots=True)
class RoleView:
    """The units of one role: 牵头, 配合 or 分工负责."""

    label: str
    units: tuple[UnitView, ...]
    etc: bool


@dataclass(frozen=True, slots=True)
class UnitView:
    quote: QuoteView
    department: LinkView
    show_department: bool  # the printed name does not itself contain the canonical name


@dataclass(frozen=True, slots=True)
class TargetView:
    metric: LinkView
    value_text: str  # "≥ 16%", "市级下达"
    period_text: str  # "较2020年 → 2025年"
    nature: str
    cumulative: bool
    set_by_municipality: bool
    clause: QuoteView
    note: str
    sources: tuple[LinkView, ...] = ()  # where a distinct target is stated (main text first); empty inside a measure


@dataclass(frozen=True, slots=True)
class SimilarView:
    measure: LinkView
    district: str
    document: str
    reasons: str


@dataclass(frozen=True, slots=True)
class ProjectView:
    name: str
    category: str
    period: str
    total: str
    split: str
    uncertain: bool
    note: str


@dataclass(frozen=True, slots=True)
class MeasureView:
    anchor: str
    heading: str
    kind_label: str
    title: QuoteView | None
    text: QuoteView
    category: str
    roles: tuple[RoleView, ...]
    themes: tuple[LinkView, ...]
    targets: tuple[TargetView, ...]
    project: ProjectView | None
    source: LinkView | None
    document: LinkView
    district: LinkView
    note: str
    similar: tuple[SimilarView, ...]
    link: LinkView
    origin: Origin  # its 编辑此条 link opens the YAML file at this line
    citation: str  # how a memo cites it: 江津府办发〔2022〕57号 二、（一）3. (measure_citation)
    implements: tuple[LinkView, ...] = ()  # main-text measures this table row carries out
    implemented_by: tuple[LinkView, ...] = ()  # table rows (附表) that carry this measure out
    row_roles: tuple[RowRoleView, ...] = ()  # units printed only in those rows, role by role


@dataclass(frozen=True, slots=True)
class RowUnitView:
    """A unit that carries out a main-text measure, printed in the 附表 rows that implement it."""

    department: LinkView
    printed: str  # as read in the row (repaired where the print is damaged)
    rows: tuple[LinkView, ...]  # the rows that name it


@dataclass(frozen=True, slots=True)
class RowRoleView:
    """The units of one role in the 附表 rows that carry a main-text measure out, named as the search
    and the compare view name them (index.roles_of): 牵头（据附表1第 2、5、7、8 行、附表2第 56、57 行）."""

    label: str
    units: tuple[RowUnitView, ...]
    etc: bool


def paginate(items: tuple, first: Url, size: int = MEASURES_PER_PAGE) -> tuple[tuple[Url, tuple], ...]:
    """A long item list cut into pages of `size`: the first at `first` (`themes/energy/jiangjin.md`),
    the next ones below it (`themes/energy/jiangjin/2.md` …)."""
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [()]
    return tuple((first if k == 1 else Url(first.page.removesuffix(".md") + f"/{k}.md"), chunk)
                 for k, chunk in enumerate(chunks, start=1))


def pager(pages: tuple[tuple[Url, tuple], ...], describe: Callable[[tuple], str] | None = None) -> tuple[LinkView, ...]:
    """Links to every page of a paginated list (paginate's pages); empty when it fits on one page.
    ``describe``: what a page's items are, said after its number (第 3 页（分工负责、配合）)."""
    if len(pages) < 2:
        return ()
    return tuple(LinkView(f"第 {k} 页（{describe(chunk)}）" if describe else f"第 {k} 页", url)
                 for k, (url, chunk) in enumerate(pages, start=1))


def peer_order(index: SiteIndex, district) -> tuple:
    """The other districts: the same region (片区) first, then the rest, each in registry order."""
    others = [d for d in index.districts if d.slug != district.slug]
    return tuple(sorted(others, key=lambda d: d.region != district.region))


def draft_note(index: SiteIndex, district) -> str:
    """征求意见稿 when all the district's documents are drafts, 含征求意见稿 when some are, else empty;
    followed by ·定稿已印发 when the final version of each of its drafts was found (·部分定稿已印发
    when of some): the short form of Draft.tag for a district. final_notes says it in full."""
    drafts = [d.draft for d in index.documents_by_district.get(district.slug, ()) if d.draft is not None]
    if not drafts:
        return ""
    note = DRAFT_TAG if len(drafts) == len(index.documents_by_district[district.slug]) else "含" + DRAFT_TAG
    finals = sum(d.has_final for d in drafts)
    return note + ("" if not finals else f"·{FINAL_ISSUED_TAG}" if finals == len(drafts) else f"·部分{FINAL_ISSUED_TAG}")


@dataclass(frozen=True, slots=True)
class FinalNote:
    """A consultation draft whose final version was issued, said in full once on a page that tags
    the draft's measures or values in short (Draft.tag, draft_note): 铜梁区 · its document ·
    征求意见稿；定稿（铜环发〔2022〕93号）已于 2022-09-02 印发，本站尚未收录，条目和数值可能不同 · the
    final's page (a plain http(s) address, which the model checks)."""

    district: str
    document: LinkView
    sentence: str
    final_url: str


def final_notes(index: SiteIndex, districts: Iterable[District], listed: bool = False) -> tuple[FinalNote, ...]:
    """The FinalNotes of the drafts with a known final version among the districts' documents, in
    district then document order, each once; ``listed``: the document linked where the documents
    index lists it (the home page links no document page: it grows with the districts only)."""
    wanted = {d.slug for d in districts}
    return tuple(FinalNote(de.district.name,
                           LinkView(de.document.short_title, documents_index_url(de.district.slug) if listed else de.url),
                           draft.sentence, draft.final_url)
                 for d in index.districts if d.slug in wanted for de in index.documents_by_district.get(d.slug, ())
                 if (draft := de.draft) is not None and draft.has_final)


def district_link(index: SiteIndex, district) -> LinkView:
    """A district as named in comparisons: its name, marked where its documents are drafts."""
    note = draft_note(index, district)
    return LinkView(district.name + (f"（{note}）" if note else ""), district_url(district.slug))


@dataclass(frozen=True, slots=True)
class JumpLine:
    """「跳到区县（后为文件数）：甲山区 5 · 乙山区 5 · …」: every district a long page lists, in its
    order, with a count, each linked to the district's section or row on the page, so that a reader
    reaches her own district in one tap however many districts there are (at 38 districts an
    overview is up to 23 phone screens long). Empty where the page lists too few to need it."""

    counted: str  # what the number after each name counts: 文件, 目标, 措施
    links: tuple[LinkView, ...]  # "甲山区 5" to the district's place on the page; empty: no line
    folded: bool = False  # so many links (JUMP_FOLDED_FROM) that the line waits in a box the reader opens


# An overview table (a metric's targets, a theme's or a department's districts) has a jump line from
# this many districts on. With fewer its rows start within about a screen of the top, in the order
# the line would name them, so the line would only repeat the table's first column above it (the
# site has 4 districts today). The documents index is such a table too (one row per document).
JUMP_LINE_FROM = 9
# From this many districts the line is folded away: at 50 it was 750–790 px of links on a phone, and the
# matrix it leads to began two screens down (a user test); a dozen still fit in three or four lines.
JUMP_FOLDED_FROM = 13


def jump_line(counted: str, districts: Iterable[tuple[District, int]], url: Callable[[str], Url]) -> JumpLine:
    """The page's JumpLine: each district with its count (in the page's order), linked to
    ``url(district_slug)``; no links when there are fewer than JUMP_LINE_FROM districts."""
    listed = list(districts)
    return JumpLine(counted, tuple(LinkView(f"{d.name} {n}", url(d.slug)) for d, n in listed) if len(listed) >= JUMP_LINE_FROM else (),
                    len(listed) >= JUMP_FOLDED_FROM)


NAMES_SHOWN = 5  # district names in one table cell at most


def districts_text(chosen: Sequence[District], districts: Sequence[District], count_said: bool = False) -> str:
    """Some of the districts (in registry order) in at most NAMES_SHOWN names, so that a table cell
    stays a line or two at 38 districts: the names when few, "全部区县", or the few left out when
    most are chosen, else the first three names and "等 N 个区县" (the page behind the cell lists them
    all; only "等" when ``count_said``: the cell says how many before the names)."""
    if len(chosen) <= NAMES_SHOWN:
        return "、".join(d.name for d in chosen)
    if len(chosen) == len(districts):
        return "全部区县"
    slugs = {d.slug for d in chosen}
    missing = [d for d in districts if d.slug not in slugs]
    if len(missing) <= NAMES_SHOWN:
        return "除" + "、".join(d.name for d in missing) + "外的区县"
    return "、".join(d.name for d in chosen[:3]) + ("等" if count_said else f"等 {len(chosen)} 个区县")


def comparator_symbol(t) -> str:
    """≥ > ≤ < before a value; nothing for a plain value (达到)."""
    return "" if t.comparator == Comparator.equal else t.comparator.value


# a water-quality class is recorded by its number (IV类 is 4, the smaller the better) and shown as printed
CLASS_UNIT = "类"
CLASS_NUMERALS = {"1": "Ⅰ", "2": "Ⅱ", "3": "Ⅲ", "4": "Ⅳ", "5": "Ⅴ"}
CLASS_COMPARATORS = {"": "", "≤": "或更优"}  # 达到Ⅲ类; 达到或优于Ⅳ类


def value_words(t) -> str:
    """A target's value as printed, without the editors' doubt: ≥16%, 市级下达, 未给出数值, Ⅳ类或更优.
    A value the editors could not read (`uncertain`, value null: 铜梁's 「淘汰燃煤锅炉20160蒸吨」, printed
    but not sensible) is not one the document leaves out: 数值无法确定."""
    if t.set_by_municipality:
        return "市级下达"
    if t.value is None:
        return UNREADABLE_VALUE if t.uncertain else "未给出数值"
    symbol = comparator_symbol(t)
    if t.unit == CLASS_UNIT and t.value in CLASS_NUMERALS and symbol in CLASS_COMPARATORS:
        return f"{CLASS_NUMERALS[t.value]}类{CLASS_COMPARATORS[symbol]}"
    return f"{symbol}{t.value}{t.unit}"


def target_doubts(t: Target) -> list[str]:
    """Why a reader should doubt a target, in the editors' words: its own note when they doubt how its
    value, year or base value reads (`uncertain`), and the clause's reading note when the words it
    rests on are a doubtful reading of damaged print (黔江's 「新开坤酯诞筑占新…建建筑比例…不低于20%」,
    read as 装配式建筑: even which metric it is is a guess). Empty when neither is doubted."""
    own = [t.note] if t.uncertain and t.note else []
    clause = t.clause
    read = [f"原句是受损印刷的识读，读法存疑（{clause.note}）"] if isinstance(clause, Reading) and clause.uncertain else []
    return own + read


UNREADABLE_VALUE = "数值无法确定"


def value_text(t: Target) -> str:
    """A target's value as every page and download shows it; a target the editors doubt (target_doubts) says so."""
    return value_words(t) + ("（存疑）" if target_doubts(t) else "")


def doubt_note(dt: DistinctTarget) -> str:
    """Why the editors doubt a distinct target's reading, in their note's words: the notes of its
    statements marked `uncertain`, each once (铜梁's 22% in the 2020 column of 能耗降低, probably the
    十三五 reduction); empty when none is doubted. Every page and data file that prints a doubted
    value or base value gives it beside the value, after 存疑：: a 存疑 tag alone does not say what
    is in doubt."""
    return " ".join(dict.fromkeys(doubt for te in dt.statements for doubt in target_doubts(te.target)))


# A metric whose name ends in one of these measures a change over a period (单位地区生产总值能耗降低,
# 化肥农药使用量减少): its values are changes from the base year. Any other is a level or an amount to
# reach (森林覆盖率, 非化石能源消费比重, 绿色工厂数量), whose value depends on where a district starts.
CHANGE_WORDS = ("降低", "下降", "减少", "提高", "增长", "增加", "提升")


def change_word(metric: Metric) -> str:
    """The change a metric measures, as its name says it (降低); empty for a level or an amount."""
    return next((w for w in CHANGE_WORDS if metric.name.endswith(w)), "")


def direction_text(metric: Metric, based: bool) -> str:
    """How to read a metric's values against each other, true to what they are, and never as a ranking
    of ambition: a change (降低 16% by 2025) is a change from the base year, a level or an amount
    (森林覆盖率 ≥65%, 新增 1,000 辆) is where a district is to be or what it is to do by the target year;
    which way is better is the metric's direction, but districts start from different levels and
    sizes, so a larger value is not a stronger target (a district with much to cut cuts more easily);
    ``based``: some target on the page gives its base year's figure, which the reader is pointed to."""
    word = change_word(metric)
    better = "大" if metric.direction == Direction.higher_is_better else "小"
    what = (f"数值是较基年{word}的幅度（越{better}越好）" if word
            else f"数值是到目标年要达到的水平，或规划期内要完成的数量（越{better}越好），不是较基年的变化幅度")
    return (what + "；各区县的起点和规模不同，数值大小不代表目标力度的高低"
            + ("，原文给出的基年数值写在目标后（如“2020年本指标为 …”）" if based else ""))


def other_wordings(dt: DistinctTarget) -> list[str]:
    """The wordings of a distinct target's value that its other statements print (铜梁: ≥20% in the
    text, 20% in the indicator table, >20% in an annex), each once. A statement whose value reads as
    the first one's is no other wording, whether or not the editors doubt either reading (铜梁's
    市级下达 in the indicator table, doubted, and 市级下达 in the annex)."""
    first = value_words(dt.first.target)
    return list(dict.fromkeys(value_text(te.target) for te in dt.statements if value_words(te.target) != first))


MUNICIPAL = "市级下达"  # value_words of a target set by the municipality
# what a page says of a district, or of targets, without a number of their own (DistinctTarget.numbered),
# by value_words: after the district's name or after 其中 N 个; 的 ties the unreadable value to the name
# (a user test read the compare view's 所选 1 个设有：铜梁区数值无法确定 as words run together)
NUMBERLESS_SAID = {MUNICIPAL: "为市级下达，原文未写本区数值", "未给出数值": "原文未给出数值", UNREADABLE_VALUE: "的数值无法确定"}
NUMBERLESS_BRIEF = NUMBERLESS_SAID | {MUNICIPAL: "为市级下达"}  # where the page says what 市级下达 means elsewhere (a table cell)
NUMBERLESS = "没有本区数值"  # targets (or districts) without a number of their own, of more than one kind


def numberless_reason(dt: DistinctTarget) -> str:
    """Why a distinct target carries no number of the district's own, as its value reads: 市级下达,
    未给出数值 or 数值无法确定 (value_words)."""
    return value_words(dt.first.target)


NAMES_SAID = 3  # a sentence that would name more than NAMES_SHOWN districts names this many, then 等 N 个区县


@dataclass(frozen=True, slots=True)
class NameList:
    """A sentence's list of districts (or of a few words on each) that stays short however many
    districts there are (a user test at 50: sentences naming every district ran to two phone
    screens): ``short`` names at most NAMES_SHOWN, else the first NAMES_SAID and 等 N 个区县;
    ``full`` names every one, for a box the reader opens, and is empty when ``short`` does."""

    short: str  # at most NAMES_SHOWN names a group, else NAMES_SAID and 等 N 个区县
    full: str  # every name; empty when short names them all

    @property
    def every(self) -> str:
        """Every name, whether or not ``short`` cuts them."""
        return self.full or self.short


def name_list(groups: Sequence[tuple[Sequence[str], str]]) -> NameList:
    """Groups of names, each with what is said of them (甲山区、乙山区 + 为市级下达), joined by ；;
    each group's names cut to a few (NameList) when it has more than NAMES_SHOWN; and when the groups
    name more than NAMES_SHOWN districts in all, only the first NAMES_SAID groups said, the districts
    of the others counted (其余 N 个区县从略: districts alike in kind but not in count each make a group
    of their own, a review found, and the sentence grew with them again)."""
    total = sum(len(names) for names, _ in groups)

    def said(cut: bool) -> str:
        shown = groups[:NAMES_SAID] if cut and len(groups) > NAMES_SAID and total > NAMES_SHOWN else groups
        rest = sum(len(names) for names, _ in groups[len(shown):])
        return "；".join("、".join(names[:NAMES_SAID] if cut and len(names) > NAMES_SHOWN else names)
                        + (f"等 {len(names)} 个区县" if cut and len(names) > NAMES_SHOWN else "") + words
                        for names, words in shown) + (f"；其余 {rest} 个区县从略" if rest else "")
    short, full = said(True), said(False)
    return NameList(short, "" if short == full else full)


def numberless_groups(numberless: Iterable[DistinctTarget], explained: bool = True) -> list[tuple[list[str], str]]:
    """The districts that set a metric without a number of their own (MetricSetters.numberless: a
    target of each that says why), grouped by reason in order of first appearance, each group with
    what is said of it: ([铜梁区, 黔江区], 为市级下达，原文未写本区数值). Not ``explained``: 市级下达
    without what it means (a table cell)."""
    groups: dict[str, list[str]] = {}
    for dt in numberless:
        groups.setdefault(numberless_reason(dt), []).append(dt.district.name)
    said = NUMBERLESS_SAID if explained else NUMBERLESS_BRIEF
    return [(names, said[reason]) for reason, names in groups.items()]


def numberless_districts_text(numberless: Iterable[DistinctTarget], explained: bool = True) -> str:
    """numberless_groups said in full: 铜梁区、黔江区为市级下达，原文未写本区数值；…区数值无法确定."""
    return name_list(numberless_groups(numberless, explained)).every


def numberless_count_text(reasons: Sequence[str], explained: bool = True, lead: str = "其中", what: str = "个") -> str:
    """How many of some counted targets (or districts) carry no number of their own, each given by
    numberless_reason: 其中 2 个为市级下达，原文未写本区数值; of several reasons 其中 7 个没有本区数值（市级下达
    6 个、数值无法确定 1 个）; empty for none. Not ``explained`` (inside brackets, or where the page
    says what 市级下达 means elsewhere): 其中 3 个为市级下达, 其中 7 个没有本区数值; ``lead`` and ``what``
    for other words around the number: 另有 1 个目标为市级下达，…; no ``lead``: 6 个没有本区数值…"""
    if not reasons:
        return ""
    counts = Counter(reasons)
    head = f"{lead} {len(reasons)} {what}" if lead else f"{len(reasons)} {what}"
    if len(counts) == 1:
        return head + (NUMBERLESS_SAID if explained else NUMBERLESS_BRIEF)[reasons[0]]
    return head + NUMBERLESS + ("（" + "、".join(f"{r} {n} 个" for r, n in counts.items()) + "）" if explained else "")


def numberless_targets_text(targets: Iterable[DistinctTarget], explained: bool = True, lead: str = "其中", what: str = "个") -> str:
    """numberless_count_text of these targets, each by its numberless_reason."""
    return numberless_count_text([numberless_reason(dt) for dt in targets], explained, lead, what)


@dataclass(frozen=True, slots=True)
class NumberlessSummary:
    """The site's targets without a number of the district's own (Relations.numberless), as the home
    page and the metrics index say them beside their counts of targets, which include them."""

    count: int  # how many (none: the pages say nothing of them)
    reasons: str  # their kinds (numberless_reason), each once: 市级下达、数值无法确定
    count_text: str  # numberless_count_text of them all: 其中 11 个没有本区数值（市级下达 10 个、数值无法确定 1 个）
    by_district: NameList  # each with any, out of its targets as the table shows them: 铜梁区 53 个中 7 个（到2025年 50 个中 5 个）、…


def numberless_summary(index: SiteIndex) -> NumberlessSummary:
    rel = index.relations
    reasons = [numberless_reason(dt) for dt in rel.numberless]
    year = rel.common_target_year
    parts = []
    for d in index.districts:
        if mine := rel.numberless_by_district.get(d.slug, ()):
            in_year = (f"（到{year}年 {len(rel.targets_by_district_year.get((d.slug, year), ()))} 个中 "
                       f"{len(rel.numberless_by_district_year.get((d.slug, year), ()))} 个）" if year is not None else "")
            parts.append(f"{d.name} {len(rel.targets_by_district.get(d.slug, ()))} 个中 {len(mine)} 个{in_year}")
    return NumberlessSummary(len(reasons), "、".join(dict.fromkeys(reasons)), numberless_count_text(reasons),
                             name_list([(parts, "")]))


def distinct_value_text(dt: DistinctTarget) -> str:
    """A distinct target's value as its first statement gives it, then the other wordings its
    statements print, if any."""
    others = other_wordings(dt)
    return value_text(dt.first.target) + (f"（他处写作 {'、'.join(others)}）" if others else "")


NO_YEAR = "未写明年份"  # the source states no year for the target: say so rather than leave a gap
# after a measure a district lacks and the district's measure the site shows as similar to it
# (SiteIndex.near_measure): why it is listed all the same (可借鉴措施, the compare view's gap filter)
NEAR_SAID = "相似度较低，未算作已有"


def period_text(t: Target) -> str:
    """When a target is to be met and against what: 较2020年，到2025年. The figure the document gives
    for the base year comes last, named as the metric's (2020年本指标为 22%, as on the metric page):
    "较2020年（22%）" read as if 22% were the target, "2020年为 22%" as a level, and a figure set
    inside the brackets a page writes the period in nests them (a user test of the compare view)."""
    parts = [f"较{t.base_year}年"] if t.base_year else []
    parts.append(f"到{t.target_year}年" if t.target_year else NO_YEAR)
    text = "，".join(parts)
    if t.base_value:
        text += f"；{t.base_year}年本指标为 {t.base_value}{t.unit}" if t.base_year else f"；基年本指标为 {t.base_value}{t.unit}"
    return text


def target_view(te: TargetEntry) -> TargetView:
    """A printed target, as its measure shows it (distinct_target_view adds where else it is stated)."""
    t = te.target
    return TargetView(
        metric=LinkView(te.metric.name, metric_url(te.metric.slug)),
        value_text=value_text(t),
        period_text=period_text(t),
        nature=t.nature or "",
        cumulative=t.cumulative,
        set_by_municipality=t.set_by_municipality,
        clause=quote_view(t.clause),
        note=t.note,
    )


def distinct_target_view(index: SiteIndex, dt: DistinctTarget) -> TargetView:
    """A distinct target as its first statement is shown in its measure's view (its clause's
    damaged and repaired runs found once), with links to every place it is stated."""
    first = dt.first
    measure = index.measure(first.measure_key)
    shown = measure_view(index, measure).targets[next(k for k, te in enumerate(measure.targets) if te is first)]
    return dataclasses.replace(shown, sources=tuple(LinkView(s.measure_label, s.measure_url) for s in dt.statements))


def role_label(responsibility: Responsibility, role: str) -> str:
    """The site's name of a role, with the document's own word where it prints another: 永川 and
    江津 list the units after 牵头单位 as 责任单位, which the site files under 配合."""
    label = ROLE_LABELS[role]
    clause = printed(responsibility.clause)
    if role == "support" and label not in clause and "责任单位" in clause:
        return f"{label}（原文作“责任单位”）"
    return label


def roles_view(shared: _Shared, me: MeasureEntry) -> tuple[RoleView, ...]:
    out = []
    for role in ROLES:
        units = me.units_in(role)
        if units:
            out.append(RoleView(
                role_label(me.measure.responsibility, role),
                tuple(shared.unit_view(u) for u in units),
                getattr(me.measure.responsibility, f"{role}_etc"),
            ))
    return tuple(out)


def _unit_view(shared: _Shared, u: UnitEntry) -> UnitView:
    return UnitView(quote_view(u.quote), shared.link(department_url, u.department), u.department.name not in u.reading)


def measure_link(me: MeasureEntry) -> LinkView:
    return LinkView(me.label, me.url)


# Printed numbers as a citation writes them: without the spaces of a web or OCR copy (「9 .」) and with
# the full-width brackets of the printed document (the web copies' 「(一)」 is 「（一）」 in print).
_CITED_NUMBER = str.maketrans({"(": "（", ")": "）", " ": None, "\u3000": None, "\t": None})


def cited_number(number: str) -> str:
    return number.translate(_CITED_NUMBER)


def cited_number_of(record: Section | Measure) -> str:
    """A section's or measure's number as cited: a number damaged in print by its reading (（一）, not
    the OCR's (-)), as a memo would cite it."""
    return cited_number(record.number_reading or record.number)


def document_reference(doc: Document, short: bool = False) -> str:
    """A document as a memo cites it: its 文号, else its title in 《》 (a title quoted inside it in
    〈〉; ``short``: its short title, for a table cell on a phone); a consultation draft marked
    征求意见稿, as the site tags it everywhere."""
    title = doc.short_title if short else doc.title
    ref = doc.doc_number or "《" + title.replace("《", "〈").replace("》", "〉") + "》"
    return ref + (f"（{DRAFT_TAG}）" if doc.status == Status.draft and DRAFT_TAG not in ref else "")


def measure_citation(me: MeasureEntry, document: str) -> str:
    """Where a measure stands in its document (``document``: document_reference), as a memo cites it:
    江津府办发〔2022〕57号 二、（一）3. (measure_place after the document)."""
    place = measure_place(me)
    return f"{document} {place}" if place else document


def measure_place(me: MeasureEntry) -> str:
    """Where a measure stands in its document: the printed numbers of its sections and its own,
    二、（一）3.; a table row by its table and printed number, as the unit lines name rows (附表2第 57
    行, 第二章（三）指标表第 1 行). A goal paragraph numbered as its section ((二) 行动目标 under (二))
    gives the number once; "" for an item without any number."""
    m = me.measure
    numbers = [cited_number_of(s) for s in me.section_path if s.number.strip()]
    if m.kind in ROW_KINDS:
        annex = next((k for k, n in enumerate(numbers) if n.startswith("附")), len(numbers))  # the table's own section
        table = cited_number(table_name(me))
        place = "".join(numbers[:annex]) + (ROWS_IN_TABLE.format(table, cited_number_of(m)) if m.number.strip() else table)
    else:
        own = cited_number_of(m)
        place = "".join(numbers) + (own if own and (not numbers or numbers[-1] != own) else "")
    return place


def row_link(me: MeasureEntry) -> LinkView:
    """A table row named by its kind and printed number: 任务 61, 指标 3, 重点项目 12."""
    return LinkView(f"{KIND_LABELS[me.measure.kind][0]} {me.measure.number}".strip(), me.url)


def row_roles_view(shared: _Shared, me: MeasureEntry) -> tuple[RowRoleView, ...]:
    """Units of the table rows that implement ``me``, role by role in the words and order of the search
    and the compare view (index.roles_of; a user test found 铜梁's card list 区发展改革委 with no 牵头
    where those views said it leads), each printed name once a role with the rows naming it."""
    rows = shared.index.relations.implemented_by.get(me.key, ())
    out = []
    for role in roles_of(rows, rows_named(rows)):
        rows_by_name: dict[tuple[str, str], list[LinkView]] = {}
        departments = {}
        for row, u in role.units:
            key = (u.department.slug, u.reading)
            departments[key] = u.department
            links = rows_by_name.setdefault(key, [])
            if not links or links[-1].url != row.url:
                links.append(row_link(row))
        out.append(RowRoleView(role.name, tuple(RowUnitView(shared.link(department_url, departments[k]), k[1], tuple(v))
                                                for k, v in rows_by_name.items()), role.etc))
    return tuple(out)


def shows_readings(measures: Iterable[MeasureView], quotes: Iterable[QuoteView | None] = ()) -> bool:
    """Whether any of these measures (its title, text or a target's clause) or other quotes on a
    page quote damaged print with a reading: such a page explains the marks once, above them."""
    shown = [q for m in measures for q in (m.title, m.text, *(t.clause for t in m.targets))] + list(quotes)
    return any(q is not None and q.reading is not None for q in shown)


class _Shared:
    """What the pages of one index share: each measure's view, built once, and the links that many
    views hold (to a measure, a department, a theme, a district), each made once: about 60 000 of
    them at 10× the corpus, most to the same few hundred records."""

    def __init__(self, index: SiteIndex) -> None:
        self.index = index
        self.views: dict[str, MeasureView] = {}
        self._links: dict[tuple[Callable[[str], Url], str], LinkView] = {}
        self._measure_links: dict[str, LinkView] = {}
        self._units: dict[tuple[str, str], UnitView] = {}
        self._documents: dict[str, str] = {}  # document id → document_reference
        self._places: dict[str, Counter[str]] = {}  # document id → how many of its items stand at each measure_place

    def document_reference(self, me: MeasureEntry) -> str:
        ref = self._documents.get(me.document.id)
        if ref is None:
            ref = self._documents[me.document.id] = document_reference(me.document.document)
        return ref

    def citation(self, me: MeasureEntry) -> str:
        """measure_citation, with the item's title (or opening words) in quotes after it when another
        item of its document stands at the same place: 铜梁's plan prints unnumbered titles under
        第三章（二）, and a memo names them, 第三章（二）“发展战略性新兴产业”."""
        places = self._places.get(me.document.id)
        if places is None:
            places = self._places[me.document.id] = Counter(map(measure_place, self.index.measures_by_document[me.document.id]))
        cited = measure_citation(me, self.document_reference(me))
        if places[measure_place(me)] < 2:
            return cited
        name = me.label.removeprefix(me.measure.number).strip().removesuffix("。")
        return f"{cited}“{name}”"

    def link(self, url_of: Callable[[str], Url], record: Any) -> LinkView:
        """LinkView(record.name, url_of(record.slug)) for a registry record (a department, theme or
        district; url_of is department_url, theme_url …)."""
        link = self._links.get((url_of, record.slug))
        if link is None:
            link = self._links[(url_of, record.slug)] = LinkView(record.name, url_of(record.slug))
        return link

    def unit_view(self, u: UnitEntry) -> UnitView:
        """A unit's view (_unit_view), one for each name printed plainly (no reading) for one
        department: most units are printed alike in many measures (8 800 units, 300 names at 10×)."""
        if type(u.quote) is not str:
            return _unit_view(self, u)
        key = (u.quote, u.department.slug)
        view = self._units.get(key)
        if view is None:
            view = self._units[key] = _unit_view(self, u)
        return view

    def measure_link(self, me: MeasureEntry) -> LinkView:
        link = self._measure_links.get(me.key)
        if link is None:
            link = self._measure_links[me.key] = measure_link(me)
        return link


_SHARED: dict[int, _Shared] = {}


def _shared(index: SiteIndex) -> _Shared:
    held = _SHARED.get(id(index))
    if held is None or held.index is not index:
        _SHARED.clear()  # one index at a time: a new build drops the previous build's views
        held = _SHARED[id(index)] = _Shared(index)
    return held


def measure_view(index: SiteIndex, me: MeasureEntry) -> MeasureView:
    """The view of a measure, built once per index and shared by every page that shows it."""
    shared = _shared(index)
    view = shared.views.get(me.key)
    if view is None:
        view = shared.views[me.key] = _measure_view(shared, me)
    return view


def item_citation(index: SiteIndex, me: MeasureEntry) -> str:
    """The citation a measure's card shows (and its 复制 button copies), for the downloads: from the
    card's view when it is made, else made as the view makes it."""
    shared = _shared(index)
    view = shared.views.get(me.key)
    return view.citation if view is not None else shared.citation(me)


def make_measure_views(index: SiteIndex) -> None:
    """Every measure's view made now (measure_view then finds it), so that a build makes them at a
    time of its choosing: at once, before it forks the process that renders pages beside this one."""
    for me in index.measures:
        measure_view(index, me)


def _measure_view(shared: _Shared, me: MeasureEntry) -> MeasureView:
    index = shared.index
    m = me.measure
    project = None
    if m.project is not None:
        inv = m.project.investment
        split = "；".join(
            f"{label} {value} 万元"
            for label, value in (("上级资金", inv.superior), ("区级财政投资", inv.district_fiscal), ("社会投资", inv.social))
            if value is not None
        )
        project = ProjectView(m.project.name, m.project.category, m.project.period_printed,
                              f"{inv.total} 万元", split, inv.columns_uncertain, inv.note)
    source = None
    if me.source_paragraph is not None:
        first, last = me.source_paragraph, me.source_last or me.source_paragraph
        source = LinkView(f"原文第 {first} 段" if last == first else f"原文第 {first}–{last} 段",
                          me.document.paragraph_url(first, last))
    similar = tuple(
        SimilarView(shared.measure_link(other), other.district.name, other.document.document.short_title, reasons)
        for other, reasons in _similar(index, me)
    )
    heading = me.label
    return MeasureView(
        anchor=m.id,
        heading=heading,
        kind_label=KIND_LABELS[m.kind][0],
        title=quote_view(m.title),
        text=quote_view(m.text),
        category=m.category,
        roles=roles_view(shared, me),
        themes=tuple(shared.link(theme_url, t) for t in me.themes),
        targets=tuple(target_view(te) for te in me.targets),
        project=project,
        source=source,
        document=LinkView(me.document.document.short_title, me.document.url),
        district=shared.link(district_url, me.district),
        note=m.note,
        similar=similar,
        link=shared.measure_link(me),
        origin=me.origin,
        citation=shared.citation(me),
        implements=tuple(shared.measure_link(t) for t in index.relations.implements.get(me.key, ())),
        implemented_by=tuple(row_link(r) for r in index.relations.implemented_by.get(me.key, ())),
        row_roles=row_roles_view(shared, me),
    )


def _similar(index: SiteIndex, me: MeasureEntry):
    for sim in index.similar.get(me.key, ()):
        reasons = []
        if sim.shared_themes:
            reasons.append("同属主题：" + "、".join(sim.shared_themes))
        if sim.shared_terms:
            reasons.append("共同关键词：" + "、".join(sim.shared_terms))
        yield index.measure(sim.other), "；".join(reasons)
