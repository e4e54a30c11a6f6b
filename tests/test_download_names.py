"""A saved download has a name that says what it holds (区县双碳政策对照-主题-交通运输.xlsx), safe on
every file system, different for every file, and carried to the page as the link's `download`
attribute without ever becoming markup. The addresses themselves (data/v1/…) do not change.

Ground truth is computed here: Windows' rules for file names (Microsoft's "Naming Files, Paths, and
Namespaces"), the names read from the YAML with PyYAML's BaseLoader, and the HTML that
Python-Markdown (the converter both site engines use) makes of the links, read with html.parser."""
from __future__ import annotations

import re
import shutil
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader

from generator.index import Url
from generator.opendata.links import download_links
from generator.opendata.scopes import KINDS, MAX_NAME_CHARS, safe_name, scope
from generator.opendata.tables import TABLES
from generator.render import make_environment

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "corpus"
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details"]  # as mkdocs.yml
WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
WINDOWS_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM\d|LPT\d)(\..*)?$", re.I)


def windows_accepts(name: str) -> bool:
    return (not WINDOWS_FORBIDDEN.search(name) and not WINDOWS_RESERVED.match(name)
            and not name.endswith((".", " ")) and len(name.encode("utf-8")) <= 255)


class Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data) -> None:
        self.text.append(data)


def rendered_link(save_as: str) -> tuple[list[tuple[str, dict]], str]:
    """The HTML Python-Markdown makes of the template's download link, as (tags, text)."""
    env = make_environment(ROOT / "templates")
    env.loader = DictLoader({"t.md.j2": 'Excel {{ download_link("XLSX", url, name) }}；'})
    text = env.get_template("t.md.j2").render(page_path="themes/x.md", url=Url("data/v1/themes/x.xlsx"), name=save_as)
    parser = Anchors()
    parser.feed(markdown.markdown(text, extensions=EXTENSIONS))
    return parser.tags, "".join(parser.text)


# ------------------------------------------------------------------ any name from YAML


NAME_CHARS = list('<>:"/\\|?*&\'`_[](){}#!.-+=~^ \t\u3000\u200b\u202e\x00\x07') + list("交通运输江津ABCabc123（）《》“”、")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(NAME_CHARS), max_size=80))
def test_any_name_becomes_a_file_name_windows_accepts_and_a_plain_download_attribute(name):
    stem = safe_name(name)
    assert len(stem) <= MAX_NAME_CHARS
    for ext in ("xlsx", "csv"):
        assert windows_accepts(f"区县双碳政策对照-主题-{stem}-责任分工.{ext}"), stem
    assert not any(unicodedata.category(c)[0] in "CZ" for c in stem), stem  # no hidden or right-to-left characters
    # the letters and digits of the name stay, in order (only signs are replaced or left out),
    # all of them unless the name was shortened
    kept = [c for c in unicodedata.normalize("NFC", name) if c.isalnum()]
    got = [c for c in stem if c.isalnum()]
    assert got == kept[:len(got)] and (got == kept or stem.endswith("…"))
    save_as = f"区县双碳政策对照-主题-{stem or 'x'}.xlsx"
    tags, text = rendered_link(save_as)
    assert tags == [("p", {}), ("a", {"download": save_as, "href": "../data/v1/themes/x.xlsx"})], tags
    assert text == "Excel XLSX；"


def test_signs_windows_forbids_become_their_full_width_forms():
    assert safe_name('交通/运输: "A<B>" | C?*') == "交通／运输：-＂A＜B＞＂-｜-C？＊"
    assert safe_name("  十四五\u202e规划. ") == "十四五规划"
    assert safe_name("规" * 50) == "规" * (MAX_NAME_CHARS - 1) + "…"


def test_a_name_that_is_not_safe_is_refused_by_the_template():
    with pytest.raises(ValueError, match="not a safe file name"):
        rendered_link('a"}{onclick="x.xlsx')


# ------------------------------------------------------------------ the real corpus and a hostile one


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def page_names(data: Path) -> dict[tuple[str, str], str]:
    """(kind, slug) → the page's name as the YAML gives it."""
    names = {("districts", d["slug"]): d["name"] for d in load(data / "districts.yaml")["districts"]}
    names |= {("themes", t["slug"]): t["name"] for t in load(data / "themes.yaml")["themes"]}
    names |= {("departments", d["slug"]): d["name"] for d in load(data / "departments.yaml")["departments"]}
    for path in sorted((data / "documents").glob("*/*.yaml")):
        doc = load(path)
        names[("documents", doc["id"])] = doc["short_title"]
    return names


def saved_names(index, pages) -> dict[str, str]:
    """Every download address of the given pages → the name it is saved under."""
    out: dict[str, str] = {}
    for kind, slug in pages:
        d = download_links(index, kind, slug)
        found = {str(d.xlsx.page): d.xlsx_save_as} | {str(t.csv.page): t.csv_save_as for t in d.tables} | {
            str(t.json.page): t.json_save_as for t in d.tables}
        for address, name in found.items():
            assert out.setdefault(address, name) == name
    return out


def test_every_download_of_the_site_is_saved_under_the_name_of_its_page_and_table(real_index):
    data = ROOT / "site_data"
    names = page_names(data)
    saved = saved_names(real_index, names)
    assert len(saved) == len(names) * (1 + 2 * len(TABLES))
    assert len({n.casefold() for n in saved.values()}) == len(saved), "two files would be saved under one name"
    for (kind, slug), name in names.items():
        assert windows_accepts(name) and name == name.strip(), "the real names need no change"
        stem = f"区县双碳政策对照-{KINDS[kind]}-{name}"
        assert saved[f"data/v1/{kind}/{slug}.xlsx"] == stem + ".xlsx"
        for t in TABLES:
            assert saved[f"data/v1/{kind}/{slug}-{t.name}.csv"] == f"{stem}-{t.title}.csv"
            assert saved[f"data/v1/{kind}/{slug}-{t.name}.json"] == f"{stem}-{t.title}.json"
    site = scope(real_index, "all", "all")
    assert site.xlsx_save_as == "区县双碳政策对照-全站.xlsx"
    assert site.save_as("条目", "csv") == "区县双碳政策对照-全站-条目.csv"


def test_pages_whose_names_come_out_alike_get_their_slug_added(tmp_path):
    from generator.pipeline import index_data

    data = tmp_path / "corpus"
    shutil.copytree(FIXTURE, data)
    themes = data / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    themes.write_text(text.replace("name: 交通运输", "name: '交通:运输'").replace("name: 能源转型", "name: '交通：运输'"), encoding="utf-8")
    docs = sorted((data / "documents").glob("*/*.yaml"))
    first = load(docs[0])["short_title"]
    second = docs[1].read_text(encoding="utf-8")
    second_title = load(docs[1])["short_title"]
    docs[1].write_text(second.replace(f"short_title: {second_title}", f"short_title: {first}", 1), encoding="utf-8")
    index = index_data(data)
    names = page_names(data)
    assert names[("themes", "transport")] == "交通:运输" and names[("themes", "energy")] == "交通：运输"
    saved = saved_names(index, names)
    assert len({n.casefold() for n in saved.values()}) == len(saved)
    # the colon Windows forbids becomes the full-width one the other name has: alike, so both get their slug
    assert saved["data/v1/themes/transport.xlsx"] == "区县双碳政策对照-主题-交通：运输-transport.xlsx"
    assert saved["data/v1/themes/energy-targets.csv"] == "区县双碳政策对照-主题-交通：运输-energy-量化目标.csv"
    alike = [(kind, slug) for (kind, slug), name in names.items() if kind == "documents" and name == first]
    assert len(alike) == 2
    for kind, slug in alike:
        assert saved[f"data/v1/{kind}/{slug}.xlsx"] == f"区县双碳政策对照-政策文件-{first}-{slug}.xlsx"
