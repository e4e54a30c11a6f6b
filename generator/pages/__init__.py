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


def all_pages(index: SiteIndex) -> list[Page]:
    out: list[Page] = []
    for kind in PAGE_KINDS:
        out.extend(kind.pages(index))
    return out
