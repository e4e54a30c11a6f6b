"""What a researcher needs from the downloads beyond the rows themselves: every reading's note and
doubt, counts that reproduce the site's, scopes whose tables agree with each other, the documents,
lists that split cleanly and a data package that uses the spec's own keys."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from generator.model import NAMES_SEPARATOR, Reading
from generator.opendata.output import files
from tests.test_diagnostics import broken_corpus, problems

V1 = "data/v1"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.fixture(scope="module")
def downloads(real_index) -> dict[str, bytes]:
    return dict(files(real_index))


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def table(downloads, path: str) -> list[dict]:
    """A JSON download's rows as dicts (values typed, unlike CSV)."""
    data = json.loads(downloads[path])
    return [dict(zip(data["columns"], row, strict=True)) for row in data["data"]]


# ------------------------------------------------------------------ 1. readings keep their note and doubt


def expected_reading(quote) -> tuple[str | None, bool]:
    return (quote.note or None, quote.uncertain) if isinstance(quote, Reading) else (None, False)


def test_every_reading_keeps_its_note_and_whether_it_is_uncertain(downloads, real_index):
    measures = {r["id"]: r for r in table(downloads, f"{V1}/measures.json")}
    targets = {r["id"]: r for r in table(downloads, f"{V1}/targets.json")}
    units = {(r["measure"], r["role"], r["position"]): r for r in table(downloads, f"{V1}/units.json")}
    uncertain = 0
    for me in real_index.measures:
        row = measures[me.key]
        for prefix, quote in (("title", me.measure.title), ("text", me.measure.text)):
            assert (row[f"{prefix}_reading_note"], row[f"{prefix}_reading_uncertain"]) == expected_reading(quote), me.key
            uncertain += row[f"{prefix}_reading_uncertain"]
        for n, te in enumerate(me.measure.targets, start=1):
            t = targets[f"{me.key}/t{n}"]
            assert (t["clause_reading_note"], t["clause_reading_uncertain"]) == expected_reading(te.clause)
            assert t["uncertain"] is te.uncertain  # the value's reading: a flag of its own
        positions: dict[str, int] = {}
        for u in me.units:
            positions[u.role] = positions.get(u.role, 0) + 1
            r = units[(me.key, u.role, positions[u.role])]
            assert (r["unit_reading_note"], r["unit_reading_uncertain"]) == expected_reading(u.quote)
    assert uncertain > 0
    # the cases the review named
    assert measures["qianjiang-2022-24/m10"]["text_reading_note"].startswith("「信,息」")
    assert targets["qianjiang-2022-24/task-60/t2"]["clause_reading_uncertain"] is True
    assert targets["qianjiang-2022-24/task-67/t2"]["clause_reading_uncertain"] is True
    flagged = {(r["measure"], r["unit_printed"]): r for r in units.values() if r["unit_reading_uncertain"]}
    assert flagged[("qianjiang-2022-24/task-79", "区所局")]["unit_reading"] == "区科技局"
    assert flagged[("qianjiang-2022-24/task-95", "区局")]["unit_reading"] == "区统计局"


# ------------------------------------------------------------------ 2. one rule reproduces the site's counts


def distinct_measures(rows) -> set[str]:
    """The documented rule: the distinct ids in counts_toward (space-separated)."""
    return {key for r in rows for key in r["counts_toward"].split()}


def test_counting_counts_toward_gives_the_sites_measure_counts(downloads, real_index):
    rel = real_index.relations
    site = read_csv(downloads[f"{V1}/measures.csv"])
    assert len(distinct_measures(site)) == len(rel.distinct)
    checked = 0
    for d in real_index.districts:
        rows = read_csv(downloads[f"{V1}/districts/{d.slug}-measures.csv"]) if rel.distinct_by_district.get(d.slug) else []
        assert len(distinct_measures(rows)) == len(rel.distinct_by_district.get(d.slug, ())), d.slug
        for dept in real_index.departments:
            dept_rows = read_csv(downloads[f"{V1}/departments/{dept.slug}-measures.csv"])
            in_district = [r for r in dept_rows if r["district"] == d.slug]
            expected = rel.distinct_by_department_district.get((dept.slug, d.slug), ())
            assert len(distinct_measures(in_district)) == len(expected), (dept.slug, d.slug)
            checked += bool(expected)
        for theme in real_index.themes:
            theme_rows = [r for r in read_csv(downloads[f"{V1}/themes/{theme.slug}-measures.csv"]) if r["district"] == d.slug]
            assert len(distinct_measures(theme_rows)) == len(rel.distinct_by_district_theme.get((d.slug, theme.slug), ()))
    for dept in real_index.departments:
        rows = read_csv(downloads[f"{V1}/departments/{dept.slug}-measures.csv"])
        assert len(distinct_measures(rows)) == len(rel.distinct_by_department.get(dept.slug, ()))
    assert checked > 50
    # the departments the review found counted as zero
    fazhan = read_csv(downloads[f"{V1}/departments/fazhan-gaige-measures.csv"])
    for slug in ("tongliang", "qianjiang"):
        assert len(distinct_measures(r for r in fazhan if r["district"] == slug)) > 0


# ------------------------------------------------------------------ 3. a scope's tables agree


def scope_files(downloads):
    """(kind/slug prefix) of every scope's files: data/v1/<table>… and data/v1/<kind>/<slug>-<table>…"""
    for path in downloads:
        if path.endswith("-measures.json") or path == f"{V1}/measures.json":
            yield path.removesuffix("measures.json")


def test_every_scopes_tables_hold_exactly_the_rows_of_its_measures(downloads):
    site = {name: table(downloads, f"{V1}/{name}.json") for name in ("targets", "projects", "units")}
    checked = 0
    for prefix in scope_files(downloads):
        ids = {r["id"] for r in table(downloads, f"{prefix}measures.json")}
        for name in ("targets", "projects", "units"):
            rows = table(downloads, f"{prefix}{name}.json")
            expected = [r for r in site[name] if r["measure"] in ids]
            assert rows == expected, (prefix, name)
        checked += 1
    assert checked > 50
    governance = table(downloads, f"{V1}/themes/governance-measures.json")
    assert len(table(downloads, f"{V1}/themes/governance-targets.json")) == sum(r["target_count"] for r in governance)
    markets = {r["measure"] for r in table(downloads, f"{V1}/themes/carbon-markets-targets.json")}
    assert "tongliang-2021-climate-plan/c4-6-1" in markets


# ------------------------------------------------------------------ 5. lists split cleanly


def test_no_name_of_the_site_holds_the_list_separator(downloads, real_index, real_corpus):
    names = [d.name for d in real_index.departments] + [t.name for t in real_index.themes]
    names += [a for d in real_corpus.departments.departments for a in d.aliases]
    assert not [n for n in names if NAMES_SEPARATOR in n]
    assert "电力、水务、天然气、石油企业" in names  # why the separator is not 、
    departments = {d.name for d in real_index.departments}
    for r in table(downloads, f"{V1}/measures.json"):
        for role in ("lead", "support", "joint"):
            if r[f"{role}_departments"]:
                assert set(r[f"{role}_departments"].split(NAMES_SEPARATOR)) <= departments, r["id"]
        assert len(r["themes"].split(NAMES_SEPARATOR)) == len(r["theme_ids"].split())


@pytest.mark.parametrize("old,new,expected", [
    ("    name: 交通局", "    name: 交通；局",
     "departments.yaml:13:11: 错误[separator-in-name]: jiaotong：名称 `交通；局` 含有「；」"),
    ("    aliases: [区发展改革委, 区发改委]", "    aliases: [区发展改革委, 区发改委, 区发；改委]",
     "departments.yaml:6:29: 错误[separator-in-name]: fazhan-gaige：名称 `区发；改委` 含有「；」"),
])
def test_the_check_refuses_a_name_holding_the_separator(tmp_path, old, new, expected):
    found = problems(broken_corpus(tmp_path, "departments.yaml", old, new))
    assert [p.split("\n")[0] for p in found] == [expected]
    assert "名称之间的分隔符" in found[0]


# ------------------------------------------------------------------ 4. the documents themselves


def test_the_documents_table_has_one_row_per_document_with_its_final_version(downloads, real_index):
    rows = {r["document"]: r for r in table(downloads, f"{V1}/documents.json")}
    assert list(rows) == [d.id for d in real_index.documents]
    assert read_csv(downloads[f"{V1}/documents.csv"])[0].keys() == rows[next(iter(rows))].keys()
    measures = table(downloads, f"{V1}/measures.json")
    for doc in real_index.documents:
        r, d = rows[doc.id], doc.document
        assert (r["district"], r["title"], r["document_title"], r["doc_number"], r["issuer"]) == (
            doc.district.slug, d.title, d.short_title, d.doc_number, d.issuer)
        assert r["published"] == (d.dates.published.isoformat() if d.dates.published else None)
        assert r["last_verified"] == d.last_verified.isoformat()
        mine = [m for m in measures if m["document"] == doc.id]
        assert r["measure_rows"] == len(mine)
        assert r["measure_count"] == len(distinct_measures(mine))
        assert r["target_count"] == sum(m["target_count"] for m in mine)
    tongliang = rows["tongliang-2021-climate-plan"]
    assert tongliang["document_status"] == "征求意见稿" and tongliang["issued"] is True
    assert tongliang["final_doc_number"] == "铜环发〔2022〕93号" and tongliang["final_published"] == "2022-09-02"
    assert tongliang["final_url"].startswith("http://www.cqstl.gov.cn/")
    assert all(r["issued"] for r in rows.values())
    # a scope's documents are those of its measures; the package and the workbook have the table
    for prefix in scope_files(downloads):
        ids = list(dict.fromkeys(m["document"] for m in table(downloads, f"{prefix}measures.json")))
        assert [r["document"] for r in table(downloads, f"{prefix}documents.json")] == ids, prefix
    package = json.loads(downloads[f"{V1}/datapackage.json"])
    assert {"documents-csv", "documents-json", "documents-xlsx"} <= {r["name"] for r in package["resources"]}
    assert "政策文件 documents" in openpyxl.load_workbook(io.BytesIO(downloads[f"{V1}/all.xlsx"]), read_only=True).sheetnames


# ------------------------------------------------------------------ 7, 8. the data page


def data_page_of(index):
    """The data page as a build makes it, after the downloads (pipeline.every_page)."""
    from generator.pages import downloads
    from generator.pipeline import every_page

    return every_page(index, [downloads])[0]


@pytest.fixture(scope="module")
def data_page(real_index) -> str:
    from generator.pipeline import CONFIG
    from generator.render import make_environment, render_page
    from generator.repository import load_repository

    page = data_page_of(real_index)
    env = make_environment(TEMPLATES, load_repository(CONFIG))
    return render_page(env, page.template, page.path, page.context, page.edit, page.hide)


def test_the_data_page_shows_each_districts_distinct_measures_beside_its_rows(data_page, real_index):
    rows = {line.split("|")[1].strip(): line for line in data_page.splitlines() if line.startswith("| [")}
    checked = 0
    for d in real_index.districts:
        distinct = len(real_index.relations.distinct_by_district.get(d.slug, ()))
        line = next((line for name, line in rows.items() if d.name in name), None)
        if line is None:
            continue
        count_rows = len(real_index.measures_by_district.get(d.slug, ()))
        cells = [c.strip() for c in line.split("|")]
        assert cells[2] == f"{distinct:,} 条" and f"{count_rows:,} 行" in cells[4], line
        checked += 1
    assert checked == len(real_index.documents_by_district)
    assert "“措施”是不重复的措施数" in data_page


def test_documented_site_and_source_addresses_are_real_ones(downloads, data_page):
    from generator.opendata.tables import MEASURES

    rows = table(downloads, f"{V1}/measures.json")
    for field in ("site_url", "permalink", "source_url"):
        examples = re.findall(r"/(?:documents|sources)/[\w./#-]+\w", MEASURES.row.model_fields[field].description)
        assert examples, field
        assert set(examples) <= {r[field] for r in rows}, (field, examples)
        assert all(e in data_page for e in examples[:1])


# ------------------------------------------------------------------ 6. the data package


def test_the_package_uses_the_specs_keys_and_states_its_keys(downloads, real_index):
    from generator.opendata.tables import TABLES

    package = json.loads(downloads[f"{V1}/datapackage.json"])
    latest = max(d.document.last_verified for d in real_index.documents).isoformat()
    assert package["created"] == f"{latest}T00:00:00Z"  # from the data, never the clock
    assert "homepage" not in package  # the local preview's address is no home page
    for r in package["resources"]:
        if r["format"] == "xlsx":
            assert r["dialect"]["sheetName"] == r["dialect"]["excel"]["sheet"]
        elif r["format"] == "json" and r["type"] == "table":
            assert (r["dialect"]["header"], r["dialect"]["property"], r["dialect"]["itemType"]) == (False, "data", "array")
    from generator.opendata.tables import REGISTRY_TABLES

    site = {t.name: table(downloads, f"{V1}/{t.name}.json") for t in (*TABLES, *REGISTRY_TABLES)}
    for t in (*TABLES, *REGISTRY_TABLES):
        for spreadsheet in ("", ".xlsx"):
            schema = json.loads(downloads[f"{V1}/schemas/{t.name}{spreadsheet}.tableschema.json"])
            names = [f["name"] for f in schema["fields"]]
            assert schema["primaryKey"] and set(schema["primaryKey"]) <= set(names)
            assert all(set(k["fields"]) <= set(names) for k in schema.get("foreignKeys", ()))
        keys = [tuple(r[f] for f in t.primary_key) for r in site[t.name]]
        assert len(keys) == len(set(keys)), t.name
        for field, other, key in t.foreign_keys:
            known = {r[key] for r in site[other]}
            assert {r[field] for r in site[t.name]} <= known, (t.name, field)
    assert [k for t in TABLES if t.name == "targets" for k in t.foreign_keys if k[0] == "measure"]


def test_homepage_is_the_configured_site_address(tmp_path, monkeypatch):
    from generator.repository import SITE_CONFIG, load_site_url

    monkeypatch.delenv("CPC_SITE_URL", raising=False)
    assert load_site_url(SITE_CONFIG) is None
    monkeypatch.setenv("CPC_SITE_URL", "https://example.org/carbon/")
    assert load_site_url(SITE_CONFIG) == "https://example.org/carbon/"


def test_a_published_sites_downloads_link_its_pages_by_full_address(fixture_index, monkeypatch):
    """A spreadsheet cannot follow /documents/…/#m1 (a user test): once the site's address is set
    (CPC_SITE_URL), the site and source columns hold full addresses under it; before, paths from the root."""
    from generator.opendata import rows
    from generator.opendata.tables import TABLES

    def first_measure_row() -> dict:
        _, measure_rows = next(rows.all_rows(fixture_index))
        table = next(t for t in TABLES if t.name == "measures")
        return dict(zip(table.fields, measure_rows.of(table)[0], strict=True))

    monkeypatch.delenv("CPC_SITE_URL", raising=False)
    local = first_measure_row()
    assert local["site_url"].startswith("/documents/") and local["source_url"].startswith("/sources/")
    monkeypatch.setenv("CPC_SITE_URL", "https://example.org/carbon/")
    published = first_measure_row()
    assert published["site_url"] == "https://example.org/carbon" + local["site_url"]
    assert published["source_url"] == "https://example.org/carbon" + local["source_url"]


def test_the_downloads_page_and_workbooks_say_whether_addresses_are_full(real_index, monkeypatch):
    """The citation block and the 说明 sheet say what site_url/source_url hold: full addresses when
    the build has CPC_SITE_URL, else paths from the site root that need the site's address before them."""
    from generator.opendata.output import about_lines

    # no cache to clear between the two: the address is looked up per value of the variable
    monkeypatch.delenv("CPC_SITE_URL", raising=False)
    assert data_page_of(real_index).context.site_url is None
    assert "未设置网站地址" in dict(about_lines(real_index))["说明"]
    monkeypatch.setenv("CPC_SITE_URL", "https://example.org/carbon/")
    assert data_page_of(real_index).context.site_url == "https://example.org/carbon/"
    assert "以 https://example.org/carbon/ 开头" in dict(about_lines(real_index))["说明"]


def test_the_downloads_pages_examples_load_from_the_sites_address_and_count_distinct_targets(real_index, monkeypatch):
    """The pandas lines can be pasted as they are when the build knows the site's address; they read
    JSON numbers as printed (precise_float) and count targets as the site does (distinct_target)."""
    from generator.pipeline import TEMPLATES
    from generator.render import make_environment, render_page

    env = make_environment(TEMPLATES)
    monkeypatch.setenv("CPC_SITE_URL", "https://example.org/carbon/")
    page = data_page_of(real_index)
    text = render_page(env, page.template, page.path, page.context)
    assert 'pd.read_csv("https://example.org/carbon/data/v1/measures.csv")' in text
    assert 'pd.read_json("https://example.org/carbon/data/v1/targets.json", orient="split", precise_float=True)' in text
    assert ".distinct_target.nunique()" in text
    assert "本站地址" not in text
    monkeypatch.delenv("CPC_SITE_URL")
    page = data_page_of(real_index)
    assert "把示例中的 `https://本站地址/` 换成本站的网址" in render_page(env, page.template, page.path, page.context)


def test_a_site_address_without_its_last_slash_still_joins(real_index, monkeypatch):
    """CPC_SITE_URL=https://example.org/carbon (no slash): MkDocs adds one; the downloads' addresses
    and the examples must too, not run the path into the folder (…/carbondata/v1/…)."""
    from generator.opendata.rows import site_url

    monkeypatch.setenv("CPC_SITE_URL", "https://example.org/carbon")
    assert site_url() == "https://example.org/carbon/"


# ------------------------------------------------------------------ the data page's district × theme recipe

THEME_ROW = re.compile(r"^\| <span id=\"([\w-]+)\"></span>.*?\| \[(\d+) 项\]\(", re.M)
PLACEHOLDER_ROOT = "https://本站地址/"


def theme_page_counts(real_index) -> dict[tuple[str, str], int]:
    """(theme, district) → the measures its theme page shows for the district, read from the
    rendered theme pages (a district without measures of the theme has no row)."""
    from generator.pages import theme
    from generator.pipeline import page_list
    from generator.render import load_templates, make_environment, render_page

    env = load_templates(make_environment(TEMPLATES))
    counts = {}
    for page in page_list(real_index, [theme]):
        parts = Path(page.path).parts
        if len(parts) != 2 or page.path == "themes/index.md":
            continue
        text = render_page(env, page.template, page.path, page.context)
        for district, n in THEME_ROW.findall(text):
            counts[(parts[1].removesuffix(".md"), district)] = int(n)
    return counts


def recipe(data_page: str) -> str:
    """The data page's pandas lines that count each district's measures of each theme."""
    blocks = re.findall(r"```python\n(.*?)```", data_page, re.S)
    found = [b for b in blocks if "by_theme_district" in b]
    assert len(found) == 1, "the data page shows how to count a district's measures of a theme"
    return found[0]


def test_the_documented_district_theme_recipe_gives_the_theme_pages_counts(downloads, data_page, real_index, tmp_path):
    """A user test: a researcher took the rows whose counts_itself is true and exploded their
    theme_ids, and got numbers unlike the site's in 15 of 18 themes (a measure also counts under
    the themes of the table rows that implement it). The data page's recipe, run with pandas on the
    site-wide download, gives exactly the counts of the theme pages."""
    counts = theme_page_counts(real_index)
    assert len(counts) > 20
    rows = read_csv(downloads[f"{V1}/measures.csv"])
    # the recipe as the page words it, in plain Python: every row, each of its themes, each measure it counts toward
    cells: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        for t in r["theme_ids"].split():
            cells.setdefault((t, r["district"]), set()).update(r["counts_toward"].split())
    assert {k: len(v) for k, v in cells.items()} == counts
    # what the researcher did: a measure's own themes cell omits a theme it is counted under
    naive: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        if r["counts_itself"] == "true":
            for t in r["theme_ids"].split():
                naive.setdefault((t, r["district"]), set()).add(r["id"])
    assert {k: len(v) for k, v in naive.items()} != counts
    assert "可能不含它被计入的某个主题" in data_page


def test_the_data_pages_pandas_lines_give_the_theme_pages_counts(downloads, data_page, real_index, tmp_path):
    """The recipe above as the data page prints it, run with pandas on the site-wide measures.csv."""
    counts = theme_page_counts(real_index)
    code = recipe(data_page)
    python = sys.executable  # pandas is a test dependency (pyproject.toml)
    (tmp_path / V1).mkdir(parents=True)
    (tmp_path / V1 / "measures.csv").write_bytes(downloads[f"{V1}/measures.csv"])
    script = code.replace(PLACEHOLDER_ROOT, tmp_path.as_uri() + "/") + (
        "\nimport json\nprint(json.dumps([[t, d, int(n)] for (t, d), n in by_theme_district.items()]))\n")
    done = subprocess.run([python, "-c", script], capture_output=True, text=True, check=True)
    assert {(t, d): n for t, d, n in json.loads(done.stdout)} == counts


def test_the_data_pages_reading_example_reads_years_as_integers_and_names_the_reading_marks(downloads, data_page, tmp_path):
    """A user test: pandas read target_year as 2025.0 (the column has blanks), and measure_label's
    〔识读〕 looked like part of the title. The data page's reading example, run with pandas on the
    downloads, reads the years as nullable integers and takes the marks off the labels; the field's
    description says what the marks are."""
    from generator.opendata.tables import TARGETS

    assert "〔识读〕" in TARGETS.row.model_fields["measure_label"].description
    assert "〔识读存疑〕" in TARGETS.row.model_fields["measure_label"].description
    blocks = [b for b in re.findall(r"```python\n(.*?)```", data_page, re.S) if "Int64" in b]
    assert len(blocks) == 1 and "convert_dtypes()" in blocks[0]
    targets = read_csv(downloads[f"{V1}/targets.csv"])
    assert any(r["base_year"] == "" for r in targets) and any(r["base_year"] for r in targets)
    assert any(r["measure_label"].endswith(("〔识读〕", "〔识读存疑〕")) for r in targets)
    python = sys.executable  # pandas is a test dependency (pyproject.toml)
    (tmp_path / V1).mkdir(parents=True)
    for name in ("measures.csv", "targets.json", "targets.csv"):
        (tmp_path / V1 / name).write_bytes(downloads[f"{V1}/{name}"])
    script = blocks[0].replace(PLACEHOLDER_ROOT, tmp_path.as_uri() + "/") + (
        "\nimport json\nprint(json.dumps([str(targets.target_year.dtype), str(targets.base_year.dtype),"
        " [None if pd.isna(y) else int(y) for y in targets.base_year], list(labels)]))\n")
    done = subprocess.run([python, "-c", script], capture_output=True, text=True, check=True)
    target_dtype, base_dtype, base_years, labels = json.loads(done.stdout)
    assert (target_dtype, base_dtype) == ("Int64", "Int64")
    assert base_years == [int(r["base_year"]) if r["base_year"] else None for r in targets]
    assert not any(label.endswith(("〔识读〕", "〔识读存疑〕")) for label in labels)
    assert len(labels) == len(targets)


# ------------------------------------------------------------------ the data version

DATA = Path(__file__).resolve().parent.parent / "site_data"


def test_the_data_version_pins_the_data_and_is_said_wherever_the_data_is_cited(downloads, data_page, real_index):
    """A user test: the citation said 数据版本 v1, the version of the format, so it did not pin the data.
    The data's version is the latest check date and a short hash of the data folder's files; the
    data package keeps the format's version beside it, under its own name."""
    from generator.opendata.output import about_lines

    latest = max(d.document.last_verified for d in real_index.documents).isoformat()
    package = json.loads(downloads[f"{V1}/datapackage.json"])
    version = package["version"]
    assert re.fullmatch(re.escape(latest) + r"\.[0-9a-f]{8}", version) and package["formatVersion"] == "v1"
    lines = dict(about_lines(real_index))
    assert f"数据版本 {version}（数据格式 v1）" in lines["引用"] and lines["数据版本"].startswith(version)
    book = openpyxl.load_workbook(io.BytesIO(downloads[f"{V1}/all.xlsx"]), read_only=True)
    assert [version in str(r[1]) for r in book["说明 about"].iter_rows(values_only=True) if r[0] == "数据版本"] == [True]
    shown = data_page.replace("\\", "")  # Markdown's escapes (2026\-11\-22) undone
    assert f"> 区县双碳政策对照项目组：《区县双碳政策对照：逐条数据》，数据版本 {version}（数据格式 v1）" in shown
    assert f"**数据版本**：{version}" in shown


def test_the_data_version_changes_with_the_data_and_with_nothing_else(tmp_path, fixture_index):
    """The same data gives the same version wherever it is built: a checkout that wrote CRLF line ends
    (Git for Windows), a file saved with a byte-order mark, an editor's swap file beside a data file
    (the loader reads none of these differently) leave it as it is (a reviewer's finding: each gave
    another version); a comment added to a registry changes it, not the date it starts with."""
    from generator.opendata.package import data_version
    from generator.pipeline import index_data
    from tests.conftest import FIXTURE

    original = data_version(fixture_index)
    copy = tmp_path / "corpus"
    shutil.copytree(FIXTURE, copy)
    assert data_version(index_data(copy)) == original  # the same files: the same version
    for path in sorted(copy.rglob("*.yaml")) + sorted(copy.rglob("*.txt")):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    themes = copy / "themes.yaml"
    themes.write_bytes(b"\xef\xbb\xbf" + themes.read_bytes())
    (copy / ".themes.yaml.swp").write_bytes(b"b0VIM 9.0 swap file")
    assert data_version(index_data(copy)) == original
    themes.write_bytes(themes.read_bytes() + "# 编者备注\r\n".encode())
    changed = data_version(index_data(copy))
    assert changed != original and changed[:10] == original[:10]


@pytest.mark.parametrize("published", [True, False])
def test_the_data_page_says_how_to_get_an_older_versions_data(real_index, published):
    """From the repository's history, linked only when the build knows the repository."""
    from generator.pipeline import CONFIG
    from generator.render import make_environment, render_page
    from generator.repository import load_repository
    from tests.conftest import REPOSITORY_URL, addresses

    with addresses(published):
        page = data_page_of(real_index)
        text = render_page(make_environment(TEMPLATES, load_repository(CONFIG)), page.template, page.path, page.context)
    assert "**旧版本的数据**" in text and "make site" in text
    assert (f"]({REPOSITORY_URL}/commits/main/site_data)" in text) == published
    assert (REPOSITORY_URL in text) == published


# ------------------------------------------------------------------ the documents' provenance


def test_the_documents_table_says_where_each_text_came_from_and_how_its_district_was_found(downloads):
    """A user test: the document page says what copy the text is (黔江's: an OCR copy from a
    document-sharing site), how its district was attributed and on what evidence, where a 文号 not
    printed in it comes from, and its dates as printed; documents.csv said none of it. Compared
    with the YAML read here with PyYAML's BaseLoader (every scalar a string)."""
    import yaml

    docs = {}
    for path in sorted((DATA / "documents").glob("*/*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        docs[doc["id"]] = doc
    rows = {r["document"]: r for r in read_csv(downloads[f"{V1}/documents.csv"])}
    assert set(rows) == set(docs)
    for doc_id, doc in docs.items():
        r, attribution = rows[doc_id], doc["attribution"]
        assert r["source_file"] == doc["source"]["file"]
        assert r["source_note"] == doc["source"].get("format_note", "")
        assert r["attribution_method"] == attribution["method"]
        assert r["attribution_method_name"] == {"printed": "原文写明", "inferred": "推断（原文未写明地区）"}[attribution["method"]]
        assert r["attribution_evidence"].split("\n") == attribution["evidence"]
        assert r["doc_number_source"] == attribution.get("doc_number_source", "")
        assert r["dates_printed"].split("\n") == (doc["dates"].get("printed") or [""])
        assert r["consultation_deadline_printed"] == doc.get("consultation", {}).get("deadline_printed", "")
    qianjiang = rows["qianjiang-2022-24"]
    assert "OCR" in qianjiang["source_note"] and qianjiang["attribution_method"] == "inferred"
    assert len(qianjiang["attribution_evidence"].split("\n")) > 1 and "来源清单" in qianjiang["doc_number_source"]
    # the JSON holds the same, with null for an empty cell
    as_json = {r["document"]: r for r in table(downloads, f"{V1}/documents.json")}
    assert as_json["jiangjin-2022-57"]["doc_number_source"] is None
    assert as_json["qianjiang-2022-24"]["attribution_evidence"] == qianjiang["attribution_evidence"]
