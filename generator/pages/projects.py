"""Key-project pages: one sortable table per document that has a key-project table (附表 重点项目库),
with the printed 合计 beside the computed sums and the rounding explained."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.index import MeasureEntry, SiteIndex, projects_url
from generator.model import ROLE_LABELS, ROLES, reading
from generator.pages.common import LinkView, Page, measure_link

COLUMNS = (("superior", "上级资金"), ("district_fiscal", "区级财政投资"), ("social", "社会投资"))


def amount(value: Decimal | str | None) -> str:
    """万元 with thousands separators, as many decimals as printed; – when not printed."""
    if value is None:
        return "–"
    return f"{Decimal(value):,}"


@dataclass(frozen=True, slots=True)
class ProjectRow:
    number: str
    name: str  # 项目名称 as printed (the table's project-type cell)
    content: LinkView  # the start of the project's text, linking to it on the document page
    category: str
    period: str
    total: str
    funding: tuple[str, ...]  # 上级资金, 区级财政投资, 社会投资 (– when not printed)
    inferred: bool  # the funding columns were assigned by the editor, not read from the layout
    units: str  # 牵头：…；配合：…
    implements: tuple[LinkView, ...]  # main-text measures the project carries out


@dataclass(frozen=True, slots=True)
class TotalLine:
    label: str
    printed: str  # – when the table prints no total for the column
    computed: str  # sum over the projects


@dataclass(frozen=True, slots=True)
class ProjectsPage:
    title: str
    document: LinkView
    count: int
    rows: tuple[ProjectRow, ...]
    inferred_count: int
    totals: tuple[TotalLine, ...]  # 投资 first, then each funding column
    printed_columns_sum: str  # 上级资金 + 区级财政投资 + 社会投资 as printed
    printed_gap: str  # printed column sum − printed 投资合计 ("" when they agree)
    implied_superior: str  # 投资合计 − the two other printed columns
    total_note: str  # the editor's note on the printed totals


def _excerpt(text: str, limit: int = 36) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _units(me: MeasureEntry) -> str:
    parts = []
    for role in ROLES:
        names = "、".join(u.reading for u in me.units_in(role))
        if names:
            parts.append(f"{ROLE_LABELS[role]}：{names}")
    return "；".join(parts) or "–"


def projects_page(index: SiteIndex, doc_id: str) -> Page:
    entries = index.projects_by_document[doc_id]
    doc = entries[0].document
    rows = []
    for me in entries:
        p = me.measure.project
        assert p is not None  # projects_by_document holds key projects only
        inv = p.investment
        rows.append(ProjectRow(
            number=me.measure.number, name=p.name, content=LinkView(_excerpt(reading(me.measure.text)), me.url),
            category=p.category,
            period=p.period_printed, total=amount(inv.total),
            funding=tuple(amount(getattr(inv, field)) for field, _ in COLUMNS), inferred=inv.columns_uncertain,
            units=_units(me),
            implements=tuple(measure_link(t) for t in index.relations.implements.get(me.key, ())),
        ))
    investments = [me.measure.project.investment for me in entries if me.measure.project is not None]
    printed = doc.document.project_total

    def summed(field: str) -> Decimal:
        return sum((Decimal(getattr(inv, field) or 0) for inv in investments), Decimal(0))

    totals = [TotalLine("投资", amount(printed.total) if printed else "–", amount(summed("total")))]
    totals += [TotalLine(label, amount(getattr(printed, field)) if printed else "–", amount(summed(field)))
               for field, label in COLUMNS]
    columns_sum = gap = implied = ""
    if printed is not None and all(getattr(printed, f) is not None for f, _ in COLUMNS):
        parts = [Decimal(getattr(printed, f)) for f, _ in COLUMNS]
        columns_sum = amount(sum(parts, Decimal(0)))
        difference = sum(parts, Decimal(0)) - Decimal(printed.total)
        gap = amount(difference) if difference else ""
        implied = amount(Decimal(printed.total) - parts[1] - parts[2])
    context = ProjectsPage(
        title=f"{doc.document.short_title}：重点项目表",
        document=LinkView(doc.document.short_title, doc.url),
        count=len(rows),
        rows=tuple(rows),
        inferred_count=sum(1 for r in rows if r.inferred),
        totals=tuple(totals),
        printed_columns_sum=columns_sum,
        printed_gap=gap,
        implied_superior=implied,
        total_note=printed.note if printed else "",
    )
    return Page(projects_url(doc_id).page, "projects.md.j2", context, hide=("toc", "navigation"))  # a wide table


def pages(index: SiteIndex) -> list[Page]:
    return [projects_page(index, doc_id) for doc_id in index.projects_by_document]
