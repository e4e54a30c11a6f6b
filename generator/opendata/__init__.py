"""Open data: measures, targets, key projects and unit assignments as CSV, XLSX and JSON for the
whole site and for each district, document, theme and department page, with JSON Schemas,
Frictionless table schemas and a data package.

rows     the typed row models (one per table) and how each row is built from the index
scopes   which measures each download holds and the data/v1 file layout
formats  CSV, JSON and XLSX serialisation
package  JSON Schema, table schemas, datapackage.json
links    the "下载本页数据" links of a page
output   ``files(index)``: every file; ``pages(index)``: the downloads page
"""
