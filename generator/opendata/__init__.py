"""Open data: documents, measures, targets, key projects and unit assignments as CSV, XLSX and JSON for the
whole site and for each district, document, theme and department page, with JSON Schemas,
Frictionless table schemas and a data package.

rows     the typed row models (one per table) and how each row is built from the index
scopes   which measures each download holds and the data/v1 file layout
formats  CSV, JSON and XLSX serialisation
package  JSON Schema, table schemas, datapackage.json
links    the "下载本页数据" links of a page
output   ``files(index)``: every file; ``pages(index)``: the downloads page
"""
from __future__ import annotations

# The page kinds import opendata.links and the downloads page imports opendata.output, which
# builds rows with the pages' own value formatting; loading the page kinds first lets either
# package be imported first without a half-initialised module.
import generator.pages  # noqa: F401
