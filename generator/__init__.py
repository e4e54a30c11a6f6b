"""District Carbon Policy Compare: YAML → checked model → Markdown for MkDocs."""
