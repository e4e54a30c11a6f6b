"""The search page (search/): its own box, filters by district, theme and kind, a result count,
the result list and a pager. The results are found in the browser by assets/search.js from the
files that generator.search writes under search/; this page only lays out the controls and says
what the search also looks for (names, wordings, synonyms, kinds)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from generator.index import SiteIndex
from generator.pages.common import Page
from generator.search import search_files

EXAMPLES = ("充电桩", "发改委", "铜梁 重点项目", "装配式建筑", "碳汇", "清洁生产审核", "珞璜", "5G",
            "江津府办发〔2022〕57号")


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    href: str  # relative to the search page itself, percent-encoded


@dataclass(frozen=True, slots=True)
class SearchPage:
    measure_count: int
    page_count: int  # districts, documents, themes, departments and metrics
    examples: tuple[Example, ...]
    synonym_count: int  # reviewed groups in site_data/synonyms.yaml


def pages(index: SiteIndex) -> list[Page]:
    context = SearchPage(
        measure_count=len(index.measures),
        page_count=len(index.districts) + len(index.documents) + len(index.themes)
        + len(index.departments) + len(index.metrics),
        examples=tuple(Example(q, "./?q=" + quote(q, safe="")) for q in EXAMPLES),
        synonym_count=len(index.synonyms),
    )
    return [Page("search.md", "search.md.j2", context, hide=("navigation", "toc"))]


def files(index: SiteIndex) -> dict[str, bytes]:
    """The site's own Chinese search index (see generator.search)."""
    return search_files(index)
