"""How each row of the download tables is built from the index (one measure at a time)."""
from __future__ import annotations

import bisect
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from generator.index import KIND_LABELS, DocumentEntry, MeasureEntry, SiteIndex, UnitEntry
from generator.model import ATTRIBUTION_LABELS, NAMES_SEPARATOR, ROLE_LABELS, ROLES, Quote, Reading, printed, reading
from generator.opendata.tables import DOCUMENTS, MEASURES, METRICS, PROJECTS, TARGETS, THEMES, UNITS, Table
from generator.pages.common import item_citation, value_text
from generator.repository import SITE_CONFIG, load_site_url
from generator.rules import find_quote

JOIN = NAMES_SEPARATOR  # lists of units, departments or themes in one cell (no name contains it: a rule)
LINES = "\n"  # texts that may hold any punctuation (evidence, dates as printed), one a line in one cell
Values = tuple[Any, ...]  # one row's values in the order of its model's fields (Table.values)


def site_root() -> str:
    """Where the site's addresses start: its published address when one is set (CPC_SITE_URL, so that
    a spreadsheet's link opens the page), else the site root, /. mkdocs.yml is read once per value of
    the variable it takes the address from: a process that builds with it set and then without (the
    tests) gets each build's own."""
    return _site_root(os.environ.get(SITE_URL_VARIABLE))


SITE_URL_VARIABLE = "CPC_SITE_URL"  # mkdocs.yml: site_url: !ENV CPC_SITE_URL


@cache
def _site_root(_variable: str | None) -> str:
    return load_site_url(SITE_CONFIG) or "/"


def site_url() -> str | None:
    """The site's published address (CPC_SITE_URL), or None: site_root's look-up, so that mkdocs.yml
    is read once for the rows, the data package and the downloads page."""
    root = site_root()
    return None if root == "/" else root


def site_path(url) -> str:
    """A site Url as its full address (https://…/documents/x/#m1), or its path from the site root
    (/documents/x/#m1) while the site's address is not set."""
    return site_root() + url.site_path


def _opt(text: str | None) -> str | None:
    return text if text else None


_READING_NAMES = {prefix: (f"{prefix}_reading", f"{prefix}_reading_note", f"{prefix}_reading_uncertain")
                  for prefix in ("title", "text", "clause", "unit")}


def _reading_fields(prefix: str, quote: Quote | None) -> dict[str, Any]:
    """A quote's reading columns: ``<prefix>_reading`` (when it differs from the print), its note and
    whether it is uncertain."""
    reading_, note, uncertain = _READING_NAMES[prefix]
    if not isinstance(quote, Reading):
        return {reading_: None, note: None, uncertain: False}
    return {reading_: quote.reading if quote.reading != quote.printed else None, note: _opt(quote.note), uncertain: quote.uncertain}


def _number(text: str | None) -> float | None:
    return None if text is None else float(text)


def _document_provenance(doc: DocumentEntry) -> dict[str, Any]:
    """The provenance every row of a document's measures shares (all but the printed number)."""
    d = doc.document
    return {"district": doc.district.slug, "district_name": doc.district.name, "document": d.id,
            "doc_number": d.doc_number, "document_title": d.short_title, "document_status": d.status.value}


class _SourceLocator:
    """Finds the paragraph of a document's source text where a quoted clause starts; and the
    provenance its rows share."""

    def __init__(self, doc: DocumentEntry) -> None:
        self.text = doc.source_text
        self.starts = doc.paragraph_starts
        self.doc = doc
        self.provenance = _document_provenance(doc)

    def paragraph(self, quote: str, after_paragraph: int | None) -> int | None:
        begin = self.starts[after_paragraph - 1] if after_paragraph else 0
        found = find_quote(self.text, quote, begin) or find_quote(self.text, quote)
        return bisect.bisect_right(self.starts, found[0]) if found else None

    def url(self, paragraph: int | None) -> str | None:
        return None if paragraph is None else site_path(self.doc.paragraph_url(paragraph))


@dataclass(frozen=True)
class MeasureRows:
    """The rows of one measure in every table."""

    measures: tuple[Values, ...]
    targets: tuple[Values, ...]
    projects: tuple[Values, ...]
    units: tuple[Values, ...]

    def of(self, table: Table) -> tuple[Values, ...]:
        return getattr(self, table.name)


def _units_of(units: list[UnitEntry]) -> tuple[str | None, str | None]:
    if not units:
        return None, None
    return JOIN.join([u.printed for u in units]), JOIN.join(dict.fromkeys([u.department.name for u in units]))


def _keys(entries) -> str | None:
    return " ".join(e.key for e in entries) or None


def distinct_target_ids(index: SiteIndex) -> dict[tuple[str, int], str]:
    """The id of the distinct target each printed target belongs to, by (measure key, position):
    the id of its first statement (main text before tables, as the index orders them)."""
    first: dict[int, str] = {}  # id(DistinctTarget) -> id of the row of its first statement
    for me in index.measures:
        for pos, te in enumerate(me.targets):
            dt = index.relations.target_of[(me.key, pos)]
            if dt.first is te:
                first[id(dt)] = f"{me.key}/t{pos + 1}"
    return {key: first[id(dt)] for key, dt in index.relations.target_of.items()}


_ROLE_NAMES = {role: (f"{role}_units", f"{role}_departments", f"{role}_etc") for role in ROLES}  # columns and Responsibility fields


def rows_of(index: SiteIndex, me: MeasureEntry, locator: _SourceLocator,
            distinct_targets: dict[tuple[str, int], str]) -> MeasureRows:
    """The rows of one measure; each row's fields are given as one dict (Table.values)."""
    m = me.measure
    base = {**locator.provenance, "number": _opt(m.number)}
    implements = _keys(index.relations.implements.get(me.key, ()))
    site_url = site_path(me.url)
    # the citation and the stable address every row of the measure carries (the part page in
    # site_url moves when items are added before it; the document's own page sends #id on)
    cited = {"citation": item_citation(index, me), "permalink": site_path(me.document.url.with_anchor(m.id))}
    where: dict[str, Any] = {**cited, "site_url": site_url, "source_url": locator.url(me.source_paragraph),
                             "source_paragraph": me.source_paragraph}
    clause = m.responsibility.clause
    responsibility = printed(clause) if clause is not None else None
    themes = JOIN.join([t.name for t in me.themes])
    in_role: dict[str, list[UnitEntry]] = {role: [] for role in ROLES}
    for u in me.units:
        in_role[u.role].append(u)
    etc = {role: getattr(m.responsibility, etc_name) for role, (_, _, etc_name) in _ROLE_NAMES.items()}
    roles: dict[str, Any] = {}
    for role, (units_name, departments_name, etc_name) in _ROLE_NAMES.items():
        roles[units_name], roles[departments_name] = _units_of(in_role[role])
        roles[etc_name] = etc[role]
    similar = " ".join([s.other for s in index.similar.get(me.key, ())])
    counts_toward = " ".join([dm.key for dm in index.relations.distinct_of[me.key]])
    measure = MEASURES.values({
        "id": me.key, **base, "number_reading": m.number_reading,
        "section": " / ".join([f"{s.number}{reading(s.title)}" for s in me.section_path]),
        "kind": m.kind.value, "kind_name": KIND_LABELS[m.kind][0], "category": _opt(m.category),
        "title": printed(m.title) if m.title is not None else None, **_reading_fields("title", m.title),
        "text": printed(m.text), **_reading_fields("text", m.text),
        **roles, "responsibility_clause": responsibility,
        "themes": themes, "theme_ids": " ".join([t.slug for t in me.themes]), "instrument": m.instrument,
        "target_count": len(me.targets), "note": _opt(m.note), "implements": implements,
        "counts_toward": counts_toward, "counts_itself": counts_toward == me.key,
        "implemented_by": _keys(index.relations.implemented_by.get(me.key, ())), "similar": _opt(similar), **where,
    })
    targets: list[Values] = []
    for n, te in enumerate(me.targets, start=1):
        t = te.target
        paragraph = locator.paragraph(printed(t.clause), me.source_paragraph)
        targets.append(TARGETS.values({
            "id": f"{me.key}/t{n}", "measure": me.key, "measure_label": me.label, **base,
            "metric": te.metric.slug, "metric_name": te.metric.name, "value": _number(t.value), "value_text": value_text(t),
            "unit": _opt(t.unit), "comparator": t.comparator.value, "base_year": t.base_year,
            "base_value": _number(t.base_value), "target_year": t.target_year, "nature": t.nature,
            "set_by_municipality": t.set_by_municipality, "cumulative": t.cumulative,
            "clause": printed(t.clause), **_reading_fields("clause", t.clause), "note": _opt(t.note),
            "uncertain": t.uncertain, "implements": implements, "distinct_target": distinct_targets[(me.key, n - 1)],
            **cited, "site_url": site_url, "source_url": locator.url(paragraph), "source_paragraph": paragraph,
        }))
    projects: list[Values] = []
    if m.project is not None:
        p, inv = m.project, m.project.investment
        # the three funding columns hold what the source prints; where the print does not say which
        # column a number is in, the editor's allocation goes to the *_estimate columns instead
        split = {"superior": _number(inv.superior), "district_fiscal": _number(inv.district_fiscal), "social": _number(inv.social)}
        printed_split, estimate = ({}, split) if inv.columns_uncertain else (split, {})
        projects.append(PROJECTS.values({
            "measure": me.key, **base, "category": p.category, "name": p.name, "text": printed(m.text),
            "start_year": p.start_year, "end_year": p.end_year, "period_printed": p.period_printed,
            "investment_total": float(inv.total), "investment_superior": printed_split.get("superior"),
            "investment_district_fiscal": printed_split.get("district_fiscal"), "investment_social": printed_split.get("social"),
            "investment_printed": inv.printed, "funding_uncertain": inv.columns_uncertain,
            "investment_superior_estimate": estimate.get("superior"),
            "investment_district_fiscal_estimate": estimate.get("district_fiscal"),
            "investment_social_estimate": estimate.get("social"), "investment_note": _opt(inv.note),
            "lead_units": roles["lead_units"], "lead_departments": roles["lead_departments"], "themes": themes,
            "implements": implements, **where,
        }))
    units: list[Values] = []
    if me.units:
        # what every unit row of the measure shares, before and after the unit's own fields
        head = {"measure": me.key, "measure_label": me.label, **base}
        tail = {"responsibility_clause": responsibility, **where}
        for role in ROLES:
            for position, u in enumerate(in_role[role], start=1):
                units.append(UNITS.values({
                    **head, "role": role, "role_name": ROLE_LABELS[role],
                    "position": position, "unit_printed": u.printed, **_reading_fields("unit", u.quote),
                    "department": u.department.slug, "department_name": u.department.name,
                    "department_kind": u.department.kind.value, "list_etc": etc[role], **tail,
                }))
    return MeasureRows((measure,), tuple(targets), tuple(projects), tuple(units))


def _date(value) -> str | None:
    return None if value is None else value.isoformat()


def document_rows(index: SiteIndex) -> list[Values]:
    """One row per document, in site order (the documents table)."""
    out: list[Values] = []
    for doc in index.documents:
        d = doc.document
        measures = index.measures_by_document.get(d.id, ())
        final = d.consultation.final if d.consultation is not None else None
        out.append(DOCUMENTS.values({
            **_document_provenance(doc), "title": d.title, "notice_title": d.notice_title,
            # whether the number is printed says nothing when there is none (the YAML's default is true)
            "doc_number_printed": d.doc_number_printed if d.doc_number is not None else None,
            "doc_number_source": _opt(d.attribution.doc_number_source), "issuer": d.issuer, "kind": d.kind.value,
            "written": _date(d.dates.written), "published": _date(d.dates.published),
            "dates_printed": LINES.join(d.dates.printed) or None,
            "consultation_deadline": _date(d.consultation.deadline) if d.consultation is not None else None,
            "consultation_deadline_printed": d.consultation.deadline_printed if d.consultation is not None else None,
            "issued": not doc.is_draft or final is not None,
            "final_title": final.title if final else None, "final_doc_number": final.doc_number if final else None,
            "final_published": _date(final.published) if final else None, "final_url": final.url if final else None,
            "url": _opt(d.source.url), "source_file": d.source.file, "source_note": _opt(d.source.format_note),
            "attribution_method": d.attribution.method, "attribution_method_name": ATTRIBUTION_LABELS[d.attribution.method],
            "attribution_evidence": LINES.join(d.attribution.evidence), "last_verified": d.last_verified.isoformat(), "measure_rows": len(measures),
            "measure_count": index.distinct_count(d.id),
            "target_count": sum(len(me.targets) for me in measures),
            "site_url": site_path(doc.url), "source_url": site_path(doc.source_url),
        }))
    return out


def all_rows(index: SiteIndex) -> Iterator[tuple[str, MeasureRows]]:
    """The rows of every measure with its id, one measure at a time: the caller keeps what it needs
    of them (the downloads: their serialised text), so the row models are never all held at once."""
    distinct_targets = distinct_target_ids(index)
    for doc in index.documents:
        locator = _SourceLocator(doc)
        for me in index.measures_by_document.get(doc.id, ()):
            yield me.key, rows_of(index, me, locator, distinct_targets)


DIRECTION_NAMES = {"higher": "越大越好", "lower": "越小越好"}  # as the metric pages say it


def _keys_of(metrics) -> str | None:
    return " ".join([m.slug for m in metrics]) or None


def metric_rows(index: SiteIndex) -> list[Values]:
    """One row per metric of the registry, in registry order (the metrics table)."""
    targets: dict[str, int] = dict.fromkeys(index.metric_by_slug, 0)
    for me in index.measures:
        for te in me.targets:
            targets[te.metric.slug] += 1
    return [METRICS.values({
        "id": m.slug, "name": m.name, "aliases": JOIN.join(m.aliases) or None, "unit": _opt(m.unit),
        "direction": m.direction.value, "direction_name": DIRECTION_NAMES[m.direction.value],
        "theme_ids": " ".join(m.themes), "themes": JOIN.join([index.theme_by_slug[t].name for t in m.themes]),
        "description": _opt(m.description), "related": _keys_of(index.related_metrics.get(m.slug, ())), "target_count": targets[m.slug],
        "distinct_target_count": len(index.relations.targets_by_metric.get(m.slug, ())),
    }) for m in index.metrics]


def theme_rows(index: SiteIndex) -> list[Values]:
    """One row per theme, in registry order (the themes table)."""
    return [THEMES.values({
        "id": t.slug, "name": t.name, "description": t.description, "keywords": JOIN.join(t.keywords) or None,
        "metrics": " ".join([m.slug for m in index.metrics if t.slug in m.themes]) or None,
    }) for t in index.themes]
