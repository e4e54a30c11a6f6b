"""Template authors can trust the page contexts: the generated CONTEXTS.md is current, and every
`page.<field>` a template (or a template it includes) reads exists on the context it receives."""
from __future__ import annotations

import dataclasses
import re

from generator.contexts import OUT, contexts_page, template_attributes
from generator.pipeline import TEMPLATES, every_page


def test_contexts_page_is_current(fixture_index):
    assert OUT.read_text(encoding="utf-8") == contexts_page(fixture_index), "run `python -m generator contexts`"


def _with_includes(name: str) -> str:
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    for included in re.findall(r'{%\s*include\s+"([^"]+)"', source):
        source += _with_includes(included)
    return source


def test_every_attribute_a_template_reads_exists_on_its_context(real_index):
    missing = []
    for page in every_page(real_index):
        cls = type(page.context)
        known = {f.name for f in dataclasses.fields(cls)} | {n for n in dir(cls) if not n.startswith("_")}
        for attr in sorted(template_attributes(_with_includes(page.template)) - known):
            missing.append(f"{page.template}: page.{attr} is not a field of {cls.__name__}")
    assert sorted(set(missing)) == []


def test_the_attribute_finder_sees_what_templates_read():
    assert template_attributes("{{ page.title }}{% for r in page.rows %}{{ r.name }}{% endfor %}") == {"title", "rows"}
