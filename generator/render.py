"""The one Jinja2 environment. Templates emit Markdown.

Every value printed with ``{{ … }}`` is escaped for Markdown and HTML unless it
is already ``Markup`` (made here, by the filters below, from escaped parts).
So text from YAML can never become live HTML, a link or a script.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from generator.index import Url, relative

# Characters Python-Markdown treats specially and accepts a backslash escape for
# (its ESCAPED_CHARS plus `|` from the tables extension).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def md_text(value: Any) -> Markup:
    """Escape plain text for inline Markdown: no markup, no HTML, no line breaks, and no leading
    whitespace (which could start a code block where the value begins a line)."""
    text = " ".join(str(value).splitlines()).replace("\t", " ").lstrip()
    text = html.escape(text, quote=True)
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))


def html_text(value: Any) -> Markup:
    """Escape plain text for use inside raw HTML (SVG labels, attributes)."""
    return Markup(html.escape(str(value), quote=True))


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed None; the page context must give text")
    return md_text(value)


@pass_context
def link(ctx, text: Any, url: Url) -> Markup:
    """A Markdown link with escaped text, relative to the page being rendered."""
    return Markup(f"[{md_text(text)}]({relative(ctx['page_path'], url)})")


def number(value: Any) -> Markup:
    """A count or amount with thin grouping, no trailing zeros."""
    if isinstance(value, int):
        return Markup(f"{value:,}")
    return md_text(value)


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug(value: Any) -> Markup:
    """An id for anchors and attribute lists; ids are validated slugs, so no escaping is needed."""
    if not _SLUG.match(str(value)):
        raise ValueError(f"not a slug: {value!r}")
    return Markup(str(value))


_PATH = re.compile(r"^[a-z0-9][a-z0-9/._-]*$")


def slug_path(value: Any) -> Markup:
    """A generated file path used as a link target (data/measures.json)."""
    if not _PATH.match(str(value)):
        raise ValueError(f"not a safe path: {value!r}")
    return Markup(str(value))


def safe_svg(value: str) -> Markup:
    """SVG drawn by generator.svg, whose every label is already escaped there."""
    if not (value.startswith("<svg") and value.endswith("</svg>")):
        raise ValueError("safe_svg takes only SVG made by generator.svg")
    return Markup(value)


def md_join(values, separator: str = "、") -> Markup:
    """Join plain texts, escaping each for Markdown (Jinja's own join escapes HTML only)."""
    return Markup(separator).join(v if isinstance(v, Markup) else md_text(v) for v in values)


class Fragments:
    """Macros of `_macros.md.j2` rendered once per item and page depth, then reused.

    Links are written through the site root (see `index.relative`), so a fragment is the same
    on every page at one folder depth: a measure shown on its document page, several theme
    pages and several department pages is rendered once per depth, not once per page.
    """

    CACHED = frozenset({"measure_item", "measure_block"})  # macros that take a MeasureView

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._modules: dict[int, Any] = {}
        self._done: dict[tuple[str, Url, int], Markup] = {}

    def render(self, name: str, view: Any, page_path: str) -> Markup:
        depth = page_path.count("/")
        key = (name, view.link.url, depth) if name in self.CACHED else None
        if key is not None and key in self._done:
            return self._done[key]
        module = self._modules.get(depth)
        if module is None:
            module = self._modules[depth] = self.env.get_template("_macros.md.j2").make_module(
                {"page_path": "d/" * depth + "page.md"})
        out = Markup(getattr(module, name)(view))
        if key is not None:
            self._done[key] = out
        return out


def _fragment(name: str):
    @pass_context
    def call(ctx, view: Any) -> Markup:
        return ctx.environment.fragments.render(name, view, ctx["page_path"])
    call.__name__ = name
    return call


def make_environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        undefined=StrictUndefined,
        # Autoescape makes macro output and filter results Markup; _finalize escapes every other
        # printed value for Markdown (which includes HTML escaping) before autoescape sees it.
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(join=md_join, md=md_text, html=html_text, number=number, slug=slug, slug_path=slug_path, safe_svg=safe_svg)
    env.globals.update(link=link, **{name: _fragment(name) for name in ("measure_item", "measure_block", "target_line")})
    env.fragments = Fragments(env)  # type: ignore[attr-defined]
    return env


def render_page(env: Environment, template: str, page_path: str, context: Any) -> str:
    text = env.get_template(template).render(page_path=page_path, page=context)
    # normalise: LF endings, no trailing spaces, exactly one final newline
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    out = "\n".join(lines).strip("\n") + "\n"
    return re.sub(r"\n{3,}", "\n\n", out)
