"""One module per page kind. Each exposes ``pages(index) -> list[Page]``."""
from __future__ import annotations

from generator.index import SiteIndex
from generator.pages import (
    compare,
    department,
    dictionary,
    district,
    document,
    downloads,
    home,
    metric,
    projects,
    search,
    source,
    theme,
)
from generator.pages.common import Page

PAGE_KINDS = (home, district, document, projects, source, theme, department, metric, compare, downloads, dictionary, search)


def all_files(index: SiteIndex) -> dict[str, str]:
    """Data files written beside the pages by page kinds that have them (``files(index)``)."""
    out: dict[str, str] = {}
    for kind in (district,):
        out.update(kind.files(index))
    return out


def all_pages(index: SiteIndex) -> list[Page]:
    out: list[Page] = []
    for kind in PAGE_KINDS:
        out.extend(kind.pages(index))
    return out
