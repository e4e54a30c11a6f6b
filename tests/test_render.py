"""The page rendering environment (generator.render): printed values, and the Markdown a page is written as."""
import re
from functools import partial
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment, UndefinedError
from jinja2.compiler import CodeGenerator
from jinja2.runtime import Context
from markupsafe import Markup

from generator.index import department_url
from generator.pages.common import LinkView, UnitView, measure_view, quote_view
from generator.pipeline import CONFIG, TEMPLATES, every_page, page_list
from generator.render import Fragments, make_environment, moved, normalised, render_page
from generator.repository import load_repository

from .conftest import addresses


def _normalised_by_rule(text: str) -> str:
    """The rule with regular expressions: CRLF to LF, trailing whitespace cut from each line, blank
    lines at either end dropped, any run of three or more newlines made two, one final newline."""
    text = re.sub(r"[^\S\n]+$", "", text.replace("\r\n", "\n"), flags=re.M)
    return re.sub(r"\n{3,}", "\n\n", text.strip("\n")) + "\n"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("\n\n\n\r \t\u3000\xa0\x0b\x0c\u2028a充#-")), max_size=80))
def test_normalised_follows_the_rule(text):
    assert normalised(text) == _normalised_by_rule(text)


def test_long_runs_of_blank_lines_become_one():
    for n in range(3, 40):
        assert normalised("a" + "\n" * n + "b") == "a\n\nb\n"
    assert normalised("a\n \n\t\n\u3000\nb\r\n\r\n\r\n") == "a\n\nb\n"


def test_every_printed_value_is_escaped_without_autoescapes_copy():
    """The environment prints `{{ value }}` through finalize alone (render._LeanCode): text is
    still escaped for Markdown and HTML, Markup (a macro's or filter's result) kept as it is, and
    None refused."""
    env = make_environment(TEMPLATES)
    env.loader = DictLoader({
        "t.md.j2": "{% macro m(x) %}<b>{{ x }}</b>{% endmacro %}{{ text }}|{{ m(text) }}|{{ 3 }}|{{ text ~ '!' }}|{{ safe }}",
        "none.md.j2": "{{ nothing }}",
    })
    out = env.get_template("t.md.j2").render(text="<script>*x*", safe=Markup("<i>ok</i>"))
    assert out == "&lt;script&gt;\\*x\\*|<b>&lt;script&gt;\\*x\\*</b>|3|&lt;script&gt;\\*x\\*\\!|<i>ok</i>"
    assert "escape(" not in env.compile(env.loader.get_source(env, "t.md.j2")[0], raw=True)
    with pytest.raises(ValueError, match="printed None"):
        env.get_template("none.md.j2").render(nothing=None)


def test_attributes_as_jinja_reads_them():
    """`x.name` (render._LeanCode): the attribute; where there is none, the item of that name; where
    there is neither, undefined (an error with StrictUndefined), as Jinja's environment.getattr."""
    env = make_environment(TEMPLATES)
    env.loader = DictLoader({"t.md.j2": "{{ a.name }}|{{ d.key }}|{{ d.a.name }}", "u.md.j2": "{{ a.nothing }}"})
    a = SimpleNamespace(name="x")
    assert env.get_template("t.md.j2").render(a=a, d={"key": "v", "a": a}) == "x|v|x"
    with pytest.raises(UndefinedError, match="nothing"):
        env.get_template("u.md.j2").render(a=a)


class _StockContext(Context):
    """Jinja's own context (its own way of calling macros), with the page's path as the attribute
    the link filters read (render._Context)."""

    def __init__(self, environment, parent, name, blocks, globals=None):
        super().__init__(environment, parent, name, blocks, globals)
        self.page_path = parent["page_path"]


def test_pages_are_the_same_as_with_jinjas_own_escaping(real_index):
    """Every page of the real corpus (every page template), rendered with Jinja's stock code (escape
    around every printed value, an attribute read through environment.getattr), its own macro
    calls, its own template globals (a ChainMap) and its constant folding, and with ours, byte for byte."""
    ours, stock = make_environment(TEMPLATES), make_environment(TEMPLATES)
    stock.code_generator_class, stock.context_class = CodeGenerator, _StockContext
    stock.bytecode_cache = None  # the templates' cache holds our generator's code: compile them with Jinja's
    stock.make_globals = partial(Environment.make_globals, stock)  # type: ignore[method-assign]
    stock.optimized = True
    assert "environment.getattr(" in stock.compile("{{ x.y }}", raw=True)
    assert "environment.getattr(" not in ours.compile("{{ x.y }}", raw=True).replace("else environment.getattr(", "")
    assert "escape(" in stock.compile("{{ x }}", raw=True)
    pages = every_page(real_index)
    assert {page.template for page in pages} == {p.name for p in TEMPLATES.glob("[!_]*.md.j2")}
    for page in pages:
        assert (render_page(ours, page.template, page.path, page.context, page.edit, page.hide)
                == render_page(stock, page.template, page.path, page.context, page.edit, page.hide)), page.path


def test_a_fragment_moved_to_another_depth_is_the_fragment_rendered_there(real_index):
    """Every measure of the real corpus, in full and as a list item, with its edit link (a link out of
    the site): rendered for a page one, two and three folders deep, and moved from each of those
    depths to the others (render.moved), the same text."""
    with addresses(published=True):
        repository = load_repository(CONFIG)
    assert repository is not None
    fragments = make_environment(TEMPLATES, repository).fragments
    for entry in real_index.measure_by_key.values():
        view = measure_view(real_index, entry)
        for name in sorted(Fragments.CACHED):
            at = {depth: fragments.rendered(name, view, depth) for depth in (1, 2, 3)}
            assert "](../../" in at[2] and "](https://" in at[2]
            for depth, text in at.items():
                for to_depth in at:
                    assert moved(text, depth, to_depth) == at[to_depth], (entry.key, name, depth, to_depth)


def test_templates_compiled_by_an_earlier_build_are_loaded_and_render_the_same(real_index, tmp_path, monkeypatch):
    """A build keeps its compiled templates (as Python keeps compiled modules) and the next build
    loads them instead of compiling: the same pages. Another Jinja, or a changed render module,
    compiles them again; a damaged file is compiled again too."""
    import tempfile

    import jinja2

    from generator import render

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # Jinja's private cache folder goes here
    compiled: list[str] = []
    real_compile = render._Environment.compile
    monkeypatch.setattr(render._Environment, "compile",
                        lambda self, source, name=None, *args, **kwargs: compiled.append(name) or real_compile(self, source, name, *args, **kwargs))
    pages = [p for p in page_list(real_index) if p.path.startswith(("themes/", "districts/", "documents/"))][:40]

    def rendered() -> list[str]:
        env = render.load_templates(make_environment(TEMPLATES))
        return [render_page(env, p.template, p.path, p.context, p.edit, p.hide) for p in pages]

    first = rendered()
    templates = len(compiled)
    assert templates >= 20 and len(list(tmp_path.rglob("__cpc_template_*.cache"))) == templates
    assert rendered() == first and len(compiled) == templates  # loaded, not compiled
    for damaged in tmp_path.rglob("__cpc_template_*.cache"):
        damaged.write_bytes(b"j2 not code")
        break
    assert rendered() == first and len(compiled) == templates + 1
    monkeypatch.setattr(jinja2, "__version__", "0.0-another")
    assert rendered() == first and len(compiled) == 2 * templates + 1


def test_a_measures_units_are_shown_as_made_one_by_one(real_index):
    """Every unit of every measure view of the real corpus (a plainly printed name is one view per
    name and department, pages.common._Shared.unit_view) is the view made for that unit alone."""
    for entry in real_index.measure_by_key.values():
        shown = [u for role in measure_view(real_index, entry).roles for u in role.units]
        assert shown == [UnitView(quote_view(u.quote), LinkView(u.department.name, department_url(u.department.slug)),
                                  u.department.name not in u.reading) for u in entry.units], entry.key
