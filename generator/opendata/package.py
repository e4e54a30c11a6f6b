"""What describes the downloads: a JSON Schema per JSON file, a Frictionless table schema per
table (one for CSV and JSON, one with the spreadsheet's bilingual headers for XLSX), and the
data package (datapackage.json) that lists every file, all generated from the row models."""
from __future__ import annotations

import hashlib
import json
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.index import SiteIndex
from generator.opendata.formats import NO_ROWS, header_label
from generator.opendata.scopes import ROOT, VERSION, Scope
from generator.opendata.tables import REGISTRY_TABLES, TABLES, Table

PACKAGE_FILE = f"{ROOT}/datapackage.json"
LEGACY_FILES = {"data/measures.json": f"{ROOT}/measures.json", "data/targets.json": f"{ROOT}/targets.json"}
SCHEMAS = "schemas"  # folder under data/v1
PACKAGE_NAME = "district-carbon-policy-compare"
TITLE = "区县双碳政策对照 数据下载"
DESCRIPTION = ("重庆各区县碳达峰、绿色低碳政策文件逐条拆分的条目、量化目标、重点项目和责任分工，以及指标和主题的登记表。"
               "每一行注明所出自的文件、文号、原文编号、原文条款及其在本站和原文中的位置。")
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# Why the documents themselves are free to use, and what the licence covers: PRC Copyright Law
# (2020 revision), Article 5, item 1, quoted verbatim.
COPYRIGHT_ARTICLE = ("本法不适用于：（一）法律、法规，国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件，"
                     "及其官方正式译文；")
COPYRIGHT_BASIS = ("所收录的政策文件是区县人民政府及其部门发布的具有行政性质的文件。《中华人民共和国著作权法》"
                   f"（2020 年修正）第五条规定：“{COPYRIGHT_ARTICLE}……”文件原文（包括本站逐字引用的条款）因此不受著作权保护。")
LICENCE_SCOPE = ("本站对这些文件所做的汇编，即条目的选择与拆分、字段结构、部门和主题的归类、量化目标的识读、"
                 "条目之间的对应关系和编者注，以 CC BY 4.0 许可发布：可以自由复制、修改和再发布，须注明出处。")
MEDIA = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMAT_NAMES = {"csv": "CSV", "json": "JSON", "xlsx": "XLSX"}


# Table Dialect: the keys of the Data Package v2 spec (datapackage.org/standard/table-dialect:
# header, property, itemType, sheetName), and beside them the same under frictionless-py's own
# format controls ("json", "excel"), which its 5.x releases read instead.
JSON_DIALECT = {"header": False, "property": "data", "itemType": "array", "json": {"keyed": False, "property": "data"}}


def json_schema_path(table: Table) -> str:
    return f"{SCHEMAS}/{table.name}.schema.json"


def table_schema_path(table: Table, spreadsheet: bool = False) -> str:
    return f"{SCHEMAS}/{table.name}{'.xlsx' if spreadsheet else ''}.tableschema.json"


def json_schema(table: Table) -> dict:
    """The JSON Schema of a table's JSON file: the field names once, then one array per row whose
    n-th value is the n-th field (its type, title and description from the row model)."""
    model = table.row.model_json_schema()
    names = list(table.row.model_fields)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{table.title} {table.name}",
        "description": f"{table.what_a_row_is}。{{\"columns\": 字段名, \"data\": [每行一个数组，值的次序同 columns]}}",
        "type": "object",
        "required": ["columns", "data"],
        "additionalProperties": False,
        "properties": {
            "columns": {"const": names},
            "data": {
                "type": "array",
                "items": {
                    "title": model.get("title"),
                    "description": model.get("description"),
                    "type": "array",
                    "prefixItems": [model["properties"][n] for n in names],
                    "minItems": len(names),
                    "items": False,
                },
            },
        },
    }


_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def frictionless_type(annotation) -> tuple[str, bool]:
    """Table Schema type of a field and whether a value is required."""
    args = typing.get_args(annotation)
    if args:
        kinds = [a for a in args if a is not type(None)]
        return _TYPES[kinds[0]], type(None) not in args
    return _TYPES[annotation], True


def key_resource(table_name: str) -> str:
    """The resource a foreign key refers to: the table's whole-site CSV, which holds every row (a
    page's files hold the rows of its measures, whose documents, measures and first statements of
    a target may lie outside it)."""
    return f"{table_name}-csv"


def table_schema(table: Table, spreadsheet: bool = False) -> dict:
    """Frictionless Table Schema. CSV and JSON name columns by field name; the spreadsheet by its
    bilingual header (牵头单位 lead_units), which a spreadsheet user reads: the schema's field names
    are its header cells, as the spec requires, and its keys refer to the CSV's field names."""
    def name_of(name: str) -> str:
        return header_label(table, name) if spreadsheet else name

    fields = []
    for name, info in table.row.model_fields.items():
        kind, required = frictionless_type(info.annotation)
        field: dict[str, Any] = {
            "name": name_of(name),
            "title": info.title,
            "description": info.description,
            "type": kind,
        }
        if required:
            field["constraints"] = {"required": True}
        if kind == "boolean" and spreadsheet:
            field["trueValues"], field["falseValues"] = ["true", "TRUE"], ["false", "FALSE"]
        fields.append(field)
    foreign_keys = [{"fields": [name_of(name)], "reference": {"resource": key_resource(other), "fields": [key]}}
                    for name, other, key in table.foreign_keys]
    return {"fields": fields, "missingValues": [""], "primaryKey": [name_of(n) for n in table.primary_key],
            **({"foreignKeys": foreign_keys} if foreign_keys else {})}


def schema_files() -> dict[str, bytes]:
    out = {}
    for table in (*TABLES, *REGISTRY_TABLES):
        out[f"{ROOT}/{json_schema_path(table)}"] = dump(json_schema(table))
        out[f"{ROOT}/{table_schema_path(table)}"] = dump(table_schema(table))
        out[f"{ROOT}/{table_schema_path(table, spreadsheet=True)}"] = dump(table_schema(table, spreadsheet=True))
    return out


def dump(obj) -> bytes:
    """A schema, indented to be read."""
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _relative(path: str) -> str:
    return path.removeprefix(ROOT + "/")


@dataclass(frozen=True)
class FileFacts:
    """What the data package says of a file, kept instead of its bytes."""

    size: int
    sha256: str | None  # of a CSV file only: the data package gives no hash for the others
    no_rows: bool  # a JSON download whose "data" is empty

    @classmethod
    def of(cls, path: str, data: Sequence[bytes | memoryview]) -> FileFacts:
        """The facts of a file by its path (or just its extension) and its parts (formats.Parts)."""
        sha256 = None
        if path.endswith(".csv"):
            hashed = hashlib.sha256()
            for part in data:
                hashed.update(part)
            sha256 = hashed.hexdigest()
        # a JSON download without rows ends with the part NO_ROWS (formats.TableText.json_file)
        return cls(sum(map(len, data)), sha256, bool(data) and data[-1] == NO_ROWS)


def resources(scope: Scope, files: Mapping[str, FileFacts]) -> list[dict]:
    """Data-package resources for one scope's files (described by path in ``files``); the whole
    site's also has the registries."""
    out: list[dict[str, Any]] = []
    tables = (*TABLES, *REGISTRY_TABLES) if scope.kind == "all" else TABLES
    for table in tables:
        for ext in ("csv", "json"):
            path = scope.path(table.name, ext)
            facts = files[path]
            resource: dict[str, Any] = {
                "name": f"{scope.resource_prefix}{table.name}-{ext}",
                "type": "table",
                "title": f"{scope.title} · {table.title}（{FORMAT_NAMES[ext]}）",
                "path": _relative(path),
                "format": ext,
                "mediatype": MEDIA[ext],
                "encoding": "utf-8-sig" if ext == "csv" else "utf-8",
                "schema": table_schema_path(table),
            }
            # frictionless checks these for CSV; its JSON reader does not count bytes (frictionless-py 5.21
            # reports a byte-count error, "actual is None", for a JSON table that states them)
            if ext == "csv":
                resource["bytes"] = facts.size
                resource["hash"] = f"sha256:{facts.sha256}"
            elif facts.no_rows:  # frictionless reads no table from an empty "data": plain JSON
                resource["type"] = "json"
            else:  # the rows are the arrays under "data"; the names come from the schema
                resource["dialect"] = JSON_DIALECT
            out.append(resource)
    for table in tables:
        out.append({
            "name": f"{scope.resource_prefix}{table.name}-xlsx",
            "type": "table",
            "title": f"{scope.title} · {table.title}（XLSX 工作表“{table.sheet}”）",
            "path": _relative(scope.xlsx_path),
            "format": "xlsx",
            "mediatype": MEDIA["xlsx"],
            "dialect": {"sheetName": table.sheet, "excel": {"sheet": table.sheet}},
            "schema": table_schema_path(table, spreadsheet=True),
            "bytes": files[scope.xlsx_path].size,  # of the whole workbook, as frictionless checks it
        })
    return out


def datapackage(scope_list: list[Scope], files: Mapping[str, FileFacts], verified: str, homepage: str | None,
                version: str) -> bytes:
    """The data package; ``version`` is the data's (data_version), beside the format's (formatVersion)."""
    descriptor = {
        "name": PACKAGE_NAME,
        "title": TITLE,
        **({"homepage": homepage} if homepage else {}),
        # the data's own date, never the build's: the latest day an editor checked a document
        **({"created": f"{verified}T00:00:00Z"} if verified else {}),
        "description": f"{DESCRIPTION} 数据核对截至 {verified}。{VERSION_SAID}{LICENCE_SCOPE}{COPYRIGHT_BASIS}",
        "version": version,
        "formatVersion": FORMAT_VERSION,
        "licenses": [LICENCE],
        "sources": [{"title": "重庆市各区县人民政府公开发布的政策文件（逐字原文见本站“原文”页）"}],
        "resources": [r for s in scope_list for r in resources(s, files)],
    }
    # one resource a line: twelve resources a page make indentation a quarter of the file
    head = json.dumps({k: v for k, v in descriptor.items() if k != "resources"}, ensure_ascii=False)[:-1]
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in descriptor["resources"])
    return f'{head}, "resources": [\n{lines}\n]}}\n'.encode()


def verified_until(index: SiteIndex) -> str:
    """The latest date an editor checked a document against its source: the data's "as of"."""
    dates = [d.document.last_verified for d in index.documents]
    return max(dates).isoformat() if dates else ""


HASH_CHARS = 8  # of the data's SHA-256 in its version: a short form, as git shows a commit
FORMAT_VERSION = VERSION  # the layout and fields (data/v1/…): fields are only added within it
VERSION_SAID = ("version 是数据版本：数据核对截至的日期，加全部原始数据文件（数据目录下每个文件的路径和内容）的 SHA-256 校验值的前 "
                f"{HASH_CHARS} 位，数据有任何改动即不同；formatVersion 是数据格式的版本（地址中的 {FORMAT_VERSION}）。")


def data_version(index: SiteIndex) -> str:
    """The data's version, the same for the same data whenever and wherever it is built: the latest
    date an editor checked a document, and a short hash of every file of the data folder
    (2026-11-22.3f9a1c2e), so that a citation pins the data and not only the format."""
    short = index.data_hash[:HASH_CHARS]
    verified = verified_until(index)
    return f"{verified}.{short}" if verified else short


def citation(index: SiteIndex) -> str:
    return (f"区县双碳政策对照项目组：《区县双碳政策对照：逐条数据》，数据版本 {data_version(index)}（数据格式 {FORMAT_VERSION}），"
            f"数据核对截至 {verified_until(index)}，{LICENCE['name']} 许可。")
