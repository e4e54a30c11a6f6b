"""The site's outputs: one module per page kind or data output, listed once in OUTPUTS.

Each module exposes ``pages(index) -> list[Page]`` (Markdown pages rendered from a template)
and/or ``files(index)`` (data files written as they are: a ``dict[str, bytes]``, or an iterator of
(path, bytes) pairs when the files are too large to hold at once). Adding a page kind
or an output means adding its module here; nothing else lists them.
"""
from __future__ import annotations

from types import ModuleType

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

OUTPUTS: tuple[ModuleType, ...] = (
    home, district, document, projects, source, theme, department, metric, compare, downloads, dictionary, search,
)
# The data outputs large enough to be worth making in a second process while the pages render
# (generator.beside): they need only the index, and the pages do not need them.
MADE_BESIDE: tuple[ModuleType, ...] = (downloads, search)
