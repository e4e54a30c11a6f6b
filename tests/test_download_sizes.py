"""The downloads page states the size of every file it links, and each size is that of the file the
same build wrote (measured here with os.path.getsize), whichever process wrote it; the data package
states the bytes of every CSV file and workbook."""
from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, ROOT, see_cpus

# a Markdown link, the download attribute it may carry, then what follows it up to the next link
LINK = re.compile(r'\[(?P<text>(?:\\.|[^\]\\])*)\]\((?P<target>[^)\s]+)\)(?:\{download="[^"]*"\})?(?P<after>[^\[]*)')
SIZE = re.compile(r"^（(?P<number>\d+(?:\.\d)?)\u00a0(?P<unit>B|KB|MB|GB)）")
UNITS = {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}


def covers(shown: str, size: int) -> bool:
    """Whether the size as shown (``35 MB``, ``1.2 MB``, ``812 B``) stands for ``size`` bytes: the
    written figure rounded, in the largest unit that leaves it at least 1 and under 1024."""
    match = SIZE.match(shown)
    assert match, shown
    number, unit = match["number"], UNITS[match["unit"]]
    if unit == 1:
        return int(number) == size < 1024
    half_step = 0.05 if "." in number else 0.5
    return 1 <= float(number) < 1024 and abs(size / unit - float(number)) <= half_step


def test_a_shown_size_stands_for_the_bytes_it_rounds():
    assert covers("（812\u00a0B）", 812) and not covers("（812\u00a0B）", 813)
    assert covers("（1.2\u00a0MB）", 1_250_000) and not covers("（1.2\u00a0MB）", 1_200_000)
    assert not covers("（1024\u00a0KB）", 1024 * 1024)


def shown_sizes(markdown: str, out: Path) -> dict[str, str]:
    """Every file the page (at the site root) links, by its path, with what follows the link."""
    found: dict[str, str] = {}
    for link in LINK.finditer(markdown):
        target = link["target"]
        if "://" in target or target.startswith("#") or target.endswith(".md") or ".md#" in target:
            continue
        assert (out / target).is_file(), target
        assert found.setdefault(target, link["after"]) == link["after"], target
    return found


@pytest.fixture(scope="module", params=[True, False], ids=["two processes", "one process"])
def out(request, tmp_path_factory) -> Path:
    """The fixture corpus built with a second process (which writes the downloads) or without."""
    from generator.build import build_site

    folder = tmp_path_factory.mktemp("sizes") / "docs"
    with pytest.MonkeyPatch.context() as patch:
        see_cpus(patch, request.param)
        build_site(FIXTURE, ROOT / "content", folder, stream=True)
    return folder


def test_every_file_the_data_page_links_shows_the_size_of_the_file_written(out):
    linked = shown_sizes((out / "data.md").read_text(encoding="utf-8"), out)
    wrong = {path: after[:20] for path, after in linked.items() if not covers(after, os.path.getsize(out / path))}
    assert wrong == {}
    data = out / "data" / "v1"
    whole_site = {p.relative_to(out).as_posix() for p in data.glob("*.*") if p.suffix in (".csv", ".json", ".xlsx")}
    schemas = {p.relative_to(out).as_posix() for p in (data / "schemas").glob("*.json") if ".xlsx." not in p.name}
    districts = {p.relative_to(out).as_posix() for p in (data / "districts").glob("*.xlsx")}
    assert whole_site | schemas | districts <= linked.keys()
    assert {"data/measures.json", "data/targets.json"} <= linked.keys()  # the old addresses


def test_the_data_package_states_the_bytes_of_every_csv_file_and_workbook(out):
    data = out / "data" / "v1"
    resources = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    stated = [(r["path"], r.get("bytes")) for r in resources if r["format"] in ("csv", "xlsx")]
    assert {path for path, _ in stated} == {p.relative_to(data).as_posix() for p in data.rglob("*") if p.suffix in (".csv", ".xlsx")}
    assert [(path, stated_bytes) for path, stated_bytes in stated if stated_bytes != os.path.getsize(data / path)] == []


def test_sizes_are_shown_with_two_or_three_figures_in_the_largest_unit():
    from generator.render import file_size

    shown = {n: file_size(n).replace("\u00a0", " ") for n in (
        0, 812, 1023, 1024, 10_188, 10_189, 250_880, 1_048_012, 1_048_064, 1_258_291, 36_700_160, 5 * 1024 ** 3)}
    assert shown == {0: "0 B", 812: "812 B", 1023: "1023 B", 1024: "1.0 KB", 10_188: "9.9 KB", 10_189: "10 KB",
                     250_880: "245 KB", 1_048_012: "1023 KB", 1_048_064: "1.0 MB", 1_258_291: "1.2 MB",
                     36_700_160: "35 MB", 5 * 1024 ** 3: "5.0 GB"}


class _Anchors(HTMLParser):
    """Each link's address and the text that follows it up to the next tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[list[str]] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        self._open = None
        if tag == "a":
            self.links.append([dict(attrs).get("href") or "", ""])

    def handle_endtag(self, tag) -> None:
        self._open = self.links[-1] if tag == "a" and self.links else None

    def handle_data(self, data) -> None:
        if self._open is not None:
            self._open[1] += data

    def handle_startendtag(self, tag, attrs) -> None:
        self._open = None


def test_the_published_data_page_shows_the_size_of_each_file_it_links(built_site):
    """The real site through MkDocs: each link of the data page to a data file, followed by its size."""
    parser = _Anchors()
    parser.feed((built_site / "data" / "index.html").read_text(encoding="utf-8"))
    files = {}
    for href, after in parser.links:
        path = (built_site / "data" / href).resolve()
        if "://" not in href and path.is_file() and path.suffix in (".csv", ".json", ".xlsx"):
            files[path.relative_to(built_site).as_posix()] = (after, path.stat().st_size)
    assert len(files) > 40
    assert {path: after for path, (after, size) in files.items() if not covers(after, size)} == {}
