"""The site's outputs: one module per page kind or data output, listed once in OUTPUTS.

Each module exposes ``pages(index) -> list[Page]`` (Markdown pages rendered from a template)
and/or ``files(index)`` (data files written as they are: a ``dict[str, bytes]``, or an iterator of
(path, bytes) pairs when the files are too large to hold at once, where a file may also be given as
the parts it is made of, written one after another: generator.write.Parts). Adding a page kind
or an output means adding its module here; nothing else lists them. A kind with many pages may also
expose ``parts(index) -> int``, its pages then coming in that many parts (``pages(index, part)``),
which the two processes of a build share out (generator.pipeline.SharedParts). An output whose
page describes its own files (the downloads page states each one's size) exposes, instead of
``pages``, ``pages_of_files(index, sizes)``, given each file's size in bytes by its path: a build
renders those pages right after the files, in the process that made them (generator.pipeline.add_files).
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
# Data outputs worth making in a second process while this one goes on (generator.beside, on a
# machine with two or more CPUs). The search index needs only the index, so its process starts before
# the similar-measure links are computed; the downloads list those links, so theirs starts after
# them, beside the pages. Neither is read by a page.
MADE_BEFORE_SIMILARITY: tuple[ModuleType, ...] = (search,)
MADE_BESIDE_PAGES: tuple[ModuleType, ...] = (downloads,)
# Page kinds that read nothing of the similar-measure links: the search index's process renders
# them once its files are made, while this one computes the links (it is given an index that fails
# the build if a page asks it for links, so a kind wrongly listed here cannot go unnoticed). The
# downloads page is rendered after the downloads (pages_of_files), by the process that makes them.
PAGES_BEFORE_SIMILARITY: tuple[ModuleType, ...] = (projects, source, metric, compare, home, dictionary, search)
# The outputs with pages, costliest to render first (measured at 10× the corpus). With a second
# process, this one renders kinds from the front while the second, its files made, takes them from
# the back: the two finish close together whichever has more to do.
PAGES_BY_COST: tuple[ModuleType, ...] = (
    document, department, theme, projects, source, district, metric, compare, home, dictionary, search,
)
