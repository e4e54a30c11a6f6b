"""Cross-file rules. Each rule is a small function; its docstring states the rule
in the words an editor would use, and the editor guide lists them all."""
from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path

from rapidfuzz import fuzz, process

from generator.diagnostics import Diagnostic
from generator.load import Corpus, LoadedDocument
from generator.model import GAP, REGISTRIES, MeasureKind, Quote, Reading, printed, reading

Rule = Callable[[Corpus], Iterable[Diagnostic]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


# ---------------------------------------------------------------- quote search


_SPACE = re.compile(r"\s+")


def find_quote(haystack: str, quote: str, start: int = 0) -> tuple[int, int] | None:
    """Find ``quote`` in ``haystack``; `…` in the quote stands for intervening printed text.

    Returns the (start, end) offsets of the whole match, or None.
    """
    pieces = [p for p in quote.split(GAP)]
    if any(not p for p in pieces):
        return None
    pos = haystack.find(pieces[0], start)
    if pos < 0:
        return None
    first, end = pos, pos + len(pieces[0])
    for piece in pieces[1:]:
        pos = haystack.find(piece, end)
        if pos < 0:
            return None
        end = pos + len(piece)
    return first, end


# ---------------------------------------------------------------- help that fixes the error

ALIGN_LIMIT = 300  # characters of a quote aligned against its source: bounds the cost on long texts


def closest_names(name: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known names most like ``name`` (a typo, a missing character), best first."""
    found = process.extract(name, sorted(set(known)), scorer=fuzz.ratio, limit=limit, score_cutoff=70)
    return [choice for choice, _, _ in found]


def did_you_mean(name: str, known: Iterable[str], labels: dict[str, str] | None = None) -> str:
    """`did you mean `energy` (能源转型)? ` or nothing when no known name is close."""
    close = closest_names(name, known)
    if not close:
        return ""
    shown = [f"`{c}`" + (f" ({labels[c]})" if labels and c in labels else "") for c in close]
    return f"did you mean {' or '.join(shown)}? "


def _closest_departments(names: list[str], owner: dict) -> str:
    if not names:
        return ""
    return "the closest known names: " + ", ".join(f"`{n}` ({owner[n].slug})" for n in names) + "; "


def _char(c: str) -> str:
    return f"`{c}` (U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')})"


def closest_passage(source: str, quote: str, show_line: bool = True) -> str:
    """Where the source says nearly what the quote says, and the first character that differs,
    e.g. "near line 27 the source reads `…`; the first difference is character 8 of the quote:
    the quote has `（` (U+FF08 …) where the source has `(` (U+0028 …)". Empty when nothing is close."""
    end = 0
    for piece in quote.split(GAP):  # the first piece of a `…` quote that is not where expected
        if not piece:
            return ""
        pos = source.find(piece, end)
        if pos < 0:
            break
        end = pos + len(piece)
    else:
        return ""
    # the longest start of the piece found verbatim (binary search): align a window around its end
    low, high = 0, len(piece)
    while low < high:
        mid = (low + high + 1) // 2
        if source.find(piece[:mid], end) >= 0:
            low = mid
        else:
            high = mid - 1
    offset = max(0, low - 40)
    segment = piece[offset: offset + ALIGN_LIMIT]
    alignment = fuzz.partial_ratio_alignment(segment, source[end:])
    if alignment is None or alignment.score < 50:
        return ""
    start = end + alignment.dest_start
    passage = source[start: end + alignment.dest_end + 1]
    ops = difflib.SequenceMatcher(None, segment, passage, autojunk=False).get_opcodes()
    op = next((o for o in ops if o[0] != "equal"), None)
    if op is None:
        return ""
    tag, i1, _, j1, _ = op
    at = start + j1
    context = source[max(start, at - 12): at + 12].replace("\n", " ")
    where = f"near line {source.count(chr(10), 0, at) + 1} " if show_line else ""
    place = "before character" if tag == "insert" else "character"
    text = f"{where}the source reads `{context}`; the first difference is {place} {offset + i1 + 1} of the quote: "
    if tag == "replace":
        text += f"the quote has {_char(segment[i1])} where the source has {_char(passage[j1])}"
    elif tag == "delete":
        text += f"the quote has {_char(segment[i1])}, which the source does not have there"
    else:
        text += f"the source has {_char(passage[j1])}, which the quote lacks"
    return text + "; "


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def _where(doc: LoadedDocument, loc: tuple) -> tuple[str, int, int]:
    line, col = doc.yaml.where(loc)
    return doc.yaml.path, line, col


def _quote_loc(quote: Quote, loc: tuple) -> tuple:
    return loc + ("printed",) if isinstance(quote, Reading) else loc


def _section_locs(sections, loc=("outline",)):
    for i, section in enumerate(sections):
        yield section, loc + (i,)
        yield from _section_locs(section.children, loc + (i, "children"))


# ---------------------------------------------------------------- rules


@rule
def file_names_match_ids(corpus: Corpus) -> Iterator[Diagnostic]:
    """A document file is named `<id>.yaml` and lives in the folder of its district."""
    for doc in corpus.documents:
        path = Path(doc.yaml.path)
        d = doc.document
        if path.stem != d.id:
            yield Diagnostic(*_where(doc, ("id",)), "id-file-mismatch",
                             f"the document id `{d.id}` differs from its file name `{path.name}`",
                             f"rename the file to {d.id}.yaml, or fix the id (ids never change once published)")
        if path.parent.name != d.district:
            yield Diagnostic(*_where(doc, ("district",)), "district-folder-mismatch",
                             f"the document says district `{d.district}` but lives in the folder `{path.parent.name}`",
                             f"move the file to site_data/documents/{d.district}/ or fix `district`")


@rule
def ids_are_unique(corpus: Corpus) -> Iterator[Diagnostic]:
    """Ids are unique: documents across the site, sections and measures within a document,
    slugs within each registry."""
    seen_docs: dict[str, str] = {}
    for doc in corpus.documents:
        d = doc.document
        if d.id in seen_docs:
            yield Diagnostic(*_where(doc, ("id",)), "duplicate-id",
                             f"the document id `{d.id}` is already used by {seen_docs[d.id]}",
                             "give this document its own id")
        seen_docs.setdefault(d.id, doc.yaml.path)
        seen: dict[str, int] = {}
        for section, loc in _section_locs(d.outline):
            if section.id in seen:
                yield Diagnostic(*_where(doc, loc + ("id",)), "duplicate-id",
                                 f"section id `{section.id}` appears twice in this document",
                                 "give each section its own id")
            seen[section.id] = 1
        seen = {f"sec-{s.id}": -1 for s, _ in _section_locs(d.outline)}
        for i, m in enumerate(d.measures):
            if seen.get(m.id) == -1:
                yield Diagnostic(*_where(doc, ("measures", i, "id")), "duplicate-id",
                                 f"measure id `{m.id}` is also the anchor of section `{m.id[4:]}` on the document page",
                                 "measure ids must not start with `sec-`; choose another id")
                continue
            if m.id in seen:
                yield Diagnostic(*_where(doc, ("measures", i, "id")), "duplicate-id",
                                 f"measure id `{m.id}` is already used by measure #{seen[m.id] + 1} of {d.id}",
                                 "give each measure its own id; never reuse an id that was published")
            seen.setdefault(m.id, i)
    for spec in REGISTRIES:
        loaded = corpus.registry_yaml[spec.file]
        seen = {}
        for i, item in enumerate(spec.entries(getattr(corpus, spec.key))):
            if item.slug in seen:
                yield Diagnostic(loaded.path, *loaded.where((spec.key, i, "slug")), "duplicate-id",
                                 f"the slug `{item.slug}` appears twice in {spec.file}",
                                 "keep one entry per slug")
            seen[item.slug] = i


@rule
def aliases_are_unambiguous(corpus: Corpus) -> Iterator[Diagnostic]:
    """A printed or spoken unit name belongs to exactly one department, a metric wording to one
    metric, and a synonym to one group of synonyms."""
    for spec in REGISTRIES:
        if not spec.names:
            continue
        loaded = corpus.registry_yaml[spec.file]
        owner: dict[str, str] = {}
        for i, item in enumerate(spec.entries(getattr(corpus, spec.key))):
            for names in spec.names:
                for j, alias in enumerate(getattr(item, names)):
                    if alias in owner and owner[alias] != item.slug:
                        yield Diagnostic(loaded.path, *loaded.where((spec.key, i, names, j)), "ambiguous-alias",
                                         f"`{alias}` is listed under both `{owner[alias]}` and `{item.slug}`",
                                         "keep the name under the one entry it means")
                    owner.setdefault(alias, item.slug)


@rule
def synonym_groups_widen_a_search(corpus: Corpus) -> Iterator[Diagnostic]:
    """A synonym group names at least two different terms of two or more characters each (a
    search ignores single characters), and a department's spoken name is two or more characters."""
    loaded = corpus.registry_yaml["synonyms.yaml"]
    for i, group in enumerate(corpus.synonyms.synonyms):
        if len(set(group.terms)) < 2:
            yield Diagnostic(loaded.path, *loaded.where(("synonyms", i, "terms")), "synonym-group-too-small",
                             f"synonym group `{group.slug}` has only one different term, so it widens no search",
                             "add the other wordings that mean the same thing, or delete the group")
        for j, term in enumerate(group.terms):
            if len(term.strip()) < 2:
                yield Diagnostic(loaded.path, *loaded.where(("synonyms", i, "terms", j)), "synonym-term-too-short",
                                 f"synonym group `{group.slug}`: `{term}` has fewer than two characters; "
                                 "the search never looks for single characters",
                                 "write the whole word, e.g. 光伏 rather than 光")
    loaded = corpus.registry_yaml["departments.yaml"]
    for i, dept in enumerate(corpus.departments.departments):
        for j, name in enumerate(dept.colloquial):
            if len(name.strip()) < 2:
                yield Diagnostic(loaded.path, *loaded.where(("departments", i, "colloquial", j)), "synonym-term-too-short",
                                 f"department {dept.slug}: the spoken name `{name}` has fewer than two characters",
                                 "write the whole short name, e.g. 发改委")


@rule
def references_resolve(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every district, section, theme and metric a document names exists in its registry
    or outline."""
    districts = {d.slug for d in corpus.districts.districts}
    themes = {t.slug for t in corpus.themes.themes}
    metrics = {m.slug for m in corpus.metrics.metrics}
    theme_names = {t.slug: t.name for t in corpus.themes.themes}
    metric_names = {m.slug: m.name for m in corpus.metrics.metrics}
    for doc in corpus.documents:
        d = doc.document
        if d.district not in districts:
            yield Diagnostic(*_where(doc, ("district",)), "unknown-district",
                             f"the district `{d.district}` is not in districts.yaml",
                             did_you_mean(d.district, districts) +
                             f"use one of: {', '.join(sorted(districts))}, or add the district first")
        sections = {s.id for s, _ in _section_locs(d.outline)}
        for i, m in enumerate(d.measures):
            if m.section not in sections:
                yield Diagnostic(*_where(doc, ("measures", i, "section")), "unknown-section",
                                 f"measure {m.id}: section `{m.section}` is not in this document's outline",
                                 "use the id of a heading under `outline:`")
            for j, theme in enumerate(m.themes):
                if theme not in themes:
                    yield Diagnostic(*_where(doc, ("measures", i, "themes", j)), "unknown-theme",
                                     f"measure {m.id}: theme `{theme}` is not in themes.yaml",
                                     did_you_mean(theme, themes, theme_names)
                                     + f"use one of: {', '.join(sorted(themes))}")
            for j, target in enumerate(m.targets):
                if target.metric not in metrics:
                    yield Diagnostic(*_where(doc, ("measures", i, "targets", j, "metric")), "unknown-metric",
                                     f"measure {m.id}: metric `{target.metric}` is not in metrics.yaml",
                                     did_you_mean(target.metric, metrics, metric_names) +
                                     "add the metric to site_data/metrics.yaml or use an existing slug")
    for i, metric in enumerate(corpus.metrics.metrics):
        for j, theme in enumerate(metric.themes):
            if theme not in themes:
                loaded = corpus.registry_yaml["metrics.yaml"]
                yield Diagnostic(loaded.path, *loaded.where(("metrics", i, "themes", j)), "unknown-theme",
                                 f"metric {metric.slug}: theme `{theme}` is not in themes.yaml",
                                 did_you_mean(theme, themes, theme_names) + f"use one of: {', '.join(sorted(themes))}")
    for i, dept in enumerate(corpus.departments.departments):
        if dept.district is not None and dept.district not in districts:
            loaded = corpus.registry_yaml["departments.yaml"]
            yield Diagnostic(loaded.path, *loaded.where(("departments", i, "district")), "unknown-district",
                             f"department {dept.slug}: district `{dept.district}` is not in districts.yaml",
                             f"use one of: {', '.join(sorted(districts))}")


@rule
def units_resolve(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every unit printed in a responsibility list resolves to a department in departments.yaml
    (through its reading where the print is damaged), and a body that exists in one district only
    (a park committee, a town) is named only by that district's documents."""
    owner = {alias: dept for dept in corpus.departments.departments for alias in dept.aliases}
    for doc in corpus.documents:
        for i, m in enumerate(doc.document.measures):
            for role in ("lead", "support", "joint"):
                for j, unit in enumerate(getattr(m.responsibility, role)):
                    name = reading(unit)
                    dept = owner.get(name)
                    where = _where(doc, ("measures", i, "responsibility", role, j))
                    if dept is None:
                        near = closest_names(name, owner)
                        yield Diagnostic(*where, "unknown-department",
                                         f"measure {m.id}: the unit `{name}` is not an alias of any department",
                                         _closest_departments(near, owner) +
                                         "add it to the aliases of the right department in site_data/departments.yaml "
                                         "(or a new department), or fix a typo")
                    elif dept.district is not None and dept.district != doc.document.district:
                        yield Diagnostic(*where, "unit-wrong-district",
                                         f"measure {m.id}: `{name}` is {dept.slug}, a body of {dept.district} only, "
                                         f"but this document is from {doc.document.district}",
                                         "check the unit; if the same name means another district's body, add a separate "
                                         "department with that district")


@rule
def source_exists(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every document names a source text that exists under site_data/sources/."""
    for doc in corpus.documents:
        named_right = doc.document.source.file == f"{doc.document.id}.txt"  # else reported while loading
        if doc.source_text is None and named_right and not os.path.lexists(corpus.root / "sources" / doc.document.source.file):
            yield Diagnostic(*_where(doc, ("source", "file")), "missing-source",
                             f"the source text `{doc.document.source.file}` is not in site_data/sources/",
                             "add the verbatim source text there, or fix the file name")


def _quotes(doc: LoadedDocument) -> Iterator[tuple[str, Quote, tuple, str]]:
    """Every quote of a document: (what, quote, location, scope) where scope is `exact` or
    `layout` (whitespace may differ: titles printed over several lines)."""
    d = doc.document
    for i, p in enumerate(d.policies):
        yield "policy title", p.title, ("policies", i, "title"), "layout"
        if p.doc_number is not None:
            yield "policy 文号", p.doc_number, ("policies", i, "doc_number"), "layout"
    for j, text in enumerate(d.dates.printed):
        yield "printed date", text, ("dates", "printed", j), "exact"
    if d.consultation:
        yield "consultation deadline", d.consultation.deadline_printed, ("consultation", "deadline_printed"), "exact"
        for j, text in enumerate(d.consultation.channels):
            yield "consultation channel", text, ("consultation", "channels", j), "exact"
    if d.doc_number and d.doc_number_printed:
        yield "文号", d.doc_number, ("doc_number",), "exact"
    yield "title", d.title, ("title",), "layout"
    if d.notice_title:
        yield "notice title", d.notice_title, ("notice_title",), "layout"
    for section, loc in _section_locs(d.outline):
        yield "section title", section.title, loc + ("title",), "exact"
    for i, m in enumerate(d.measures):
        base = ("measures", i)
        if m.title is not None:
            yield f"measure {m.id}: title", m.title, base + ("title",), "exact"
        yield f"measure {m.id}: text", m.text, base + ("text",), "exact"
        if m.responsibility.clause is not None:
            yield f"measure {m.id}: responsibility clause", m.responsibility.clause, base + ("responsibility", "clause"), "exact"
        for j, t in enumerate(m.targets):
            yield f"measure {m.id}: target clause", t.clause, base + ("targets", j, "clause"), "exact"
        if m.project is not None:
            yield f"measure {m.id}: project investment", m.project.investment.printed, base + ("project", "investment", "printed"), "exact"
            yield f"measure {m.id}: project name", m.project.name, base + ("project", "name"), "exact"
            yield f"measure {m.id}: project period", m.project.period_printed, base + ("project", "period_printed"), "exact"
    if d.project_total is not None:
        yield "project total", d.project_total.printed, ("project_total", "printed"), "exact"


@rule
def quotes_are_verbatim(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every quote (titles, texts, clauses, printed units, dates) is found character for
    character in the document's source text. Damaged print is quoted as printed, with the
    repaired words in `reading`."""
    for doc in corpus.documents:
        if doc.source_text is None:
            continue
        source = doc.source_text
        squeezed = _squeeze(source)
        for what, quote, loc, scope in _quotes(doc):
            text = printed(quote)
            found = find_quote(source, text) if scope == "exact" else find_quote(squeezed, _squeeze(text))
            if found is None:
                near = (closest_passage(source, text) if scope == "exact"
                        else closest_passage(squeezed, _squeeze(text), show_line=False))
                yield Diagnostic(*_where(doc, _quote_loc(quote, loc)), "quote-not-found",
                                 f"{what} is not found verbatim in {doc.document.source.file}: `{_short(text)}`",
                                 near + "copy the words from the source text exactly (punctuation and full-/half-width "
                                 "characters included); where print is damaged, quote it as printed and put the "
                                 "repaired words under `reading`; join table cells with `…`")
            if isinstance(quote, Reading) and quote.reading == quote.printed:
                yield Diagnostic(*_where(doc, loc), "reading-unchanged",
                                 f"{what}: the reading is identical to the print",
                                 "write the quote as plain text instead of printed/reading")
        for i, m in enumerate(doc.document.measures):
            clause = m.responsibility.clause
            scope_text = printed(clause) if clause is not None else source
            for role in ("lead", "support", "joint"):
                for j, unit in enumerate(getattr(m.responsibility, role)):
                    if find_quote(scope_text, printed(unit)) is None:
                        where = "its responsibility clause" if clause is not None else doc.document.source.file
                        yield Diagnostic(*_where(doc, _quote_loc(unit, ("measures", i, "responsibility", role, j))),
                                         "unit-not-in-clause",
                                         f"measure {m.id}: the unit `{printed(unit)}` is not printed in {where}",
                                         "copy the unit exactly as printed in the clause")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


@rule
def project_investments_add_up(corpus: Corpus) -> Iterator[Diagnostic]:
    """The investments of a document's key projects add up to its printed 合计."""
    for doc in corpus.documents:
        total = doc.document.project_total
        if total is None:
            continue
        projects = [m.project for m in doc.document.measures if m.project is not None]
        summed = sum((Decimal(p.investment.total) for p in projects), Decimal(0))
        if summed != Decimal(total.total):
            yield Diagnostic(*_where(doc, ("project_total", "total")), "project-total-mismatch",
                             f"the {len(projects)} projects' investments add up to {summed} 万元, "
                             f"but the printed 合计 is {total.total} 万元",
                             "check each project's `investment.total` against the table")


MAIN_TEXT_KINDS = frozenset({MeasureKind.goal, MeasureKind.measure, MeasureKind.safeguard})
ROW_KINDS = frozenset({MeasureKind.task, MeasureKind.indicator, MeasureKind.project})


@rule
def implements_links_main_text(corpus: Corpus) -> Iterator[Diagnostic]:
    """`implements` is written only on task, indicator and project rows, and names main-text
    measures (goal, measure or safeguard) of the same document that the row carries out."""
    for doc in corpus.documents:
        by_id = {m.id: m for m in doc.document.measures}
        for i, m in enumerate(doc.document.measures):
            for j, target_id in enumerate(m.implements):
                where = _where(doc, ("measures", i, "implements", j))
                target = by_id.get(target_id)
                if m.kind not in ROW_KINDS:
                    yield Diagnostic(*where, "implements-wrong-kind",
                                     f"measure {m.id} is a main-text {m.kind.value}; only task, indicator and "
                                     "project rows carry out other measures",
                                     "remove `implements` here and write it on the table rows that carry this "
                                     "measure out")
                elif target is None:
                    yield Diagnostic(*where, "implements-unknown-measure",
                                     f"measure {m.id}: `{target_id}` is not a measure of {doc.document.id}",
                                     "name the id of a main-text measure of this same document, e.g. m12")
                elif target_id == m.id:
                    yield Diagnostic(*where, "implements-wrong-kind",
                                     f"measure {m.id} names itself in `implements`",
                                     "name the main-text measure this row carries out")
                elif target.kind not in MAIN_TEXT_KINDS:
                    yield Diagnostic(*where, "implements-wrong-kind",
                                     f"measure {m.id}: `{target_id}` is a {target.kind.value} row, not a main-text "
                                     "measure",
                                     "name a goal, measure or safeguard of the main text, not another table row")


def run_rules(corpus: Corpus) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for check in RULES:
        problems.extend(check(corpus))
    return sorted(set(problems))
