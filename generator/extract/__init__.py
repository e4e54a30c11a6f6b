"""Draft a document's YAML from a newly published source (issue 12).

One module per job, in pipeline order:
``read`` (formats → verbatim text) → ``clean`` (lines for parsing, artefacts dropped, quotes kept
verbatim) → ``metadata`` → ``items`` (outline and numbered items) / ``tables`` (flattened tables)
→ ``units`` (departments; the brackets are parsed by ``generator.clauses``) → ``targets`` → ``themes`` → ``draft``
(the Document-shaped mapping) → ``yamlout`` (YAML text) and ``records`` (--json).
"""
