"""The one Jinja2 environment. Templates emit Markdown.

Every value printed with ``{{ … }}`` is escaped for Markdown and HTML unless it
is already ``Markup`` (made here, by the filters below, from escaped parts).
So text from YAML can never become live HTML, a link or a script.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from collections.abc import MutableMapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, nodes, pass_context
from jinja2.bccache import Bucket
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.runtime import Context, Macro
from markupsafe import Markup

from generator.index import COMPARE_MOST, READINGS_URL, Origin, Url, relative
from generator.model import GAP, ROLE_LABELS
from generator.repository import Repository

# Characters Python-Markdown treats specially and accepts a backslash escape for
# (its ESCAPED_CHARS plus `|` from the tables extension).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


SHORT_TEXT = 80  # characters: names, titles and labels, printed on many pages; a measure's text is longer


def _as_markup(text: str) -> Markup:
    """Markup(text) for a str this module escaped or built from escaped parts, without the check
    Markup makes first (whether the text has an __html__ method: a str has none). Three times as
    fast, and the pages of 10× the corpus make about 250 000."""
    return str.__new__(Markup, text)


def md_text(value: Any) -> Markup:
    """Escape plain text for inline Markdown: no markup, no HTML, no line breaks, and no leading
    whitespace (which could start a code block where the value begins a line)."""
    text = str(value)
    return _md_escaped_short(text) if len(text) <= SHORT_TEXT else _md_escaped(text)


def _md_escaped(text: str) -> Markup:
    return _as_markup(_md_escaped_run(" ".join(text.splitlines()).lstrip()))


# The same names and titles are printed on thousands of pages: each is escaped once. Long texts are
# not kept (a measure's text is rendered once per page depth already, in render.Fragments): kept,
# they held about 100 MB at 50× the corpus for nothing.
_md_escaped_short = lru_cache(maxsize=1 << 16)(_md_escaped)


def _md_escaped_run(text: str) -> str:
    """A run of text escaped as md_text escapes a value, its leading whitespace kept (a run inside
    a line)."""
    text = " ".join(text.splitlines()).replace("\t", " ")
    return _MD_SPECIAL.sub(_backslashed, html.escape(text, quote=True))


def _backslashed(special: re.Match[str]) -> str:
    # a function, not the template r"\\\1": Python 3.11 expands a template in Python code per match
    return "\\" + special.group()


SKIPPED = "〔夹印文字从略〕"  # a quote's gap (model.GAP) inside the printed characters of a changed run


def marked(parts: Any) -> Markup:
    """A quote's parts (pages.common.ReadPart) as escaped inline Markdown: the reading, each changed
    run in a `<span class="cs-repaired">` followed by the printed characters it stands for, small,
    in a `<span class="cs-printed">`: 〔原文印作「…」〕, the printed characters themselves in a
    `<span class="cs-damaged">`; 〔原文此处印有「…」〕 where the reading drops them, or
    〔原文此处夹印其他文字，从略〕 where they are the quote's gap (model.GAP: a page number, another
    column's cell: not the policy's words, and not printed as `…`, so not shown as print; inside a
    printed run the gap reads 〔夹印文字从略〕); 〔原文无〕 where it adds characters. Each run is
    escaped as md_text escapes a value; only the markup is ours."""
    out = []
    for k, part in enumerate(parts):
        text = _md_escaped_run(part.text.lstrip() if k == 0 else part.text)
        if not part.changed:
            out.append(text)
            continue
        printed = f'<span class="cs-damaged">{_md_escaped_run(part.printed).replace(GAP, SKIPPED)}</span>'
        read = f'<span class="cs-repaired">{text}</span>' if text else ""
        if part.printed.strip() == GAP:  # the quote skips printed words here: a page number, a table cell
            out.append(f'{read}<span class="cs-printed cs-gap">〔原文此处夹印其他文字，从略〕</span>')
            continue
        if part.text and part.printed:
            beside = f"〔原文印作「{printed}」〕"
        elif part.printed:
            beside = f"〔原文此处印有「{printed}」〕"
        else:
            beside = "〔原文无〕"
        out.append(f'{read}<span class="cs-printed">{beside}</span>')
    return _as_markup("".join(out))


def code_spans(value: Any) -> Markup:
    """Text of our own (a field description) whose `…` spans are shown as code; every part is
    escaped as md_text escapes it, so nothing else becomes markup. Text with an unpaired backtick is
    plain text."""
    parts = str(value).split("`")
    if len(parts) % 2 == 0:
        return md_text(value)
    return Markup("".join(f"<code>{md_text(part)}</code>" if k % 2 else md_text(part) for k, part in enumerate(parts)))


def html_text(value: Any) -> Markup:
    """Escape plain text for use inside raw HTML (SVG labels, attributes)."""
    return Markup(html.escape(str(value), quote=True))


def _finalize(value: Any) -> Markup:
    """Every value a template prints: Markup as it is (made by the filters and macros from escaped
    parts), any other value escaped by md_text. Always Markup (see _LeanCode)."""
    if type(value) is str:  # most values (about 220 000 at 10× the corpus): md_text spelt out, one call less
        return _md_escaped_short(value) if len(value) <= SHORT_TEXT else _md_escaped(value)
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed None; the page context must give text")
    return md_text(value)


class _LeanCode(CodeGenerator):
    """Jinja's code for a template, two things made cheaper (the pages of 10× the corpus print about
    460 000 values and read about 870 000 attributes):

    - `{{ value }}` compiles to `environment.finalize(value)` where Jinja writes
      `escape(environment.finalize(value))`. _finalize returns Markup, escaped for Markdown and HTML,
      or raises, so autoescape's escape would only copy it. Everything else autoescape does (macro
      results and `~` joins made Markup, constants escaped) is Jinja's own.
    - `{{ value|f }}` with f one of this module's filters (_MARKUP_FILTERS), which all return
      Markup, compiles to the filter's call alone: _finalize would return its result as it is (a
      third of the values the pages print are links and quotes made by these filters).
    - `x.name` compiles to Python's getattr(x, "name", missing), and only where x has no such
      attribute to Jinja's environment.getattr (an item of that name, else undefined): the same
      value without a method call per attribute.
    """

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        if self._finalized_only(frame, finalize):
            if not _made_markup(node):
                self.write(str(finalize.src))
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        if self._finalized_only(frame, finalize):
            if not _made_markup(node):
                self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)

    def _finalized_only(self, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> bool:
        return (frame.eval_ctx.autoescape is True and not frame.eval_ctx.volatile
                and self.environment.finalize is _finalize and finalize.src == "environment.finalize(")

    @optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        if self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        # `_o` holds the object, `_a` the attribute: names of the generated function's own (the
        # object's expression, itself perhaps an attribute, is done before either is set again)
        self.write("(_a if (_a := getattr((_o := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) is not missing else environment.getattr(_o, {node.attr!r}))")


def _made_markup(node: nodes.Expr) -> bool:
    """Whether a printed expression is a call of one of this module's filters, whose result is Markup."""
    return isinstance(node, nodes.Filter) and node.name in _MARKUP_FILTERS


class _Context(Context):
    """A template's context, with two shortcuts for the pages of 10× the corpus (about 46 000 macro
    calls and 180 000 links):

    - `page_path`, the path of the page being rendered, as an attribute: the link filters read it
      for every link, and `ctx["page_path"]` looks it up in two dicts through two method calls.
      Templates never set it, so it is the value the page was rendered with.
    - A template's macros are called the way Context.call and Macro.__call__ do, without asking of
      each callee what it is: a plain macro (no caller, no *varargs or **kwargs) given all its
      arguments runs at once, its result Markup where autoescape is on (as Macro._invoke makes it).
      So are this module's own functions that take the context (link, the fragments), given it
      first. Any other call is Jinja's own.
    """

    def __init__(self, environment: Environment, parent: dict[str, Any], name: str | None, blocks: dict[str, Any],
                 globals: Any = None) -> None:  # noqa: A002 (Jinja's own spelling)
        super().__init__(environment, parent, name, blocks, globals)
        self.page_path: str = parent.get("page_path", "")

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's own spelling)
        if (type(__obj) is Macro and len(args) == __obj._argument_count and kwargs.keys() <= _LOOP_KEYWORDS
                and not (__obj.caller or __obj.catch_kwargs or __obj.catch_varargs)):
            out = __obj._func(*args)
            return _as_markup(out) if __self.eval_ctx.autoescape else out
        if __obj in _PAGE_FUNCTIONS and not any(kwargs.values()) and kwargs.keys() <= _LOOP_KEYWORDS:
            return __obj(__self, *args)  # with loop or block variables, Jinja gives a context that holds them
        return super().call(__obj, *args, **kwargs)


_LOOP_KEYWORDS = frozenset({"_loop_vars", "_block_vars"})  # what compiled code adds to a call; a macro does not take them


class _Environment(Environment):
    code_generator_class = _LeanCode
    context_class = _Context

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as one plain dict: the environment's, then its own. Jinja's ChainMap
        (which would show globals set later: make_environment sets them all before any template is
        loaded) made each page's context copy it key by key in Python, a third of a small page's cost."""
        return {**self.globals, **(d or {})}


class _TemplateCache(FileSystemBytecodeCache):
    """The compiled templates kept between builds, as Python keeps compiled modules in __pycache__:
    compiling the 24 templates takes 0.2 s of every build, loading them 0.015 s. Jinja finds a
    template's code by its name and checks it against the template's source; what code a source
    compiles to also depends on this module (the code generator, the environment's options) and on
    Jinja's version, so both are in the files' names. The cache only saves time: a file that cannot
    be read or written is compiled again."""

    def __init__(self) -> None:
        compiled_by = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode()).hexdigest()[:16]
        super().__init__(pattern=f"__cpc_template_{compiled_by}_%s.cache")  # Jinja's private folder for this user

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):  # unreadable or damaged: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _template_cache() -> _TemplateCache | None:
    try:
        return _TemplateCache()
    except (OSError, RuntimeError):  # no private temporary folder to be had: templates compiled each time
        return None


def _markdown_link(page_path: str, text: Any, url: Url) -> Markup:
    """[text](target): the text escaped as md_text escapes it, the target relative to the page. The
    pages of 10× the corpus write about 150 000 links, to about 30 000 places at each depth: a link
    to another page is the same on every page at one folder depth (index.relative), so it is made
    once per depth (_link_at_depth). Only a link to the page itself (an anchor of its own) is made
    each time."""
    if type(text) is not str:
        text = str(text)
    if url.page == page_path:
        return _link_to(text, relative(page_path, url))
    return _link_at_depth(text, url.page, url.anchor, url.query, page_path.count("/"))


def _link_to(text: str, target: str) -> Markup:
    escaped = _md_escaped_short(text) if len(text) <= SHORT_TEXT else _md_escaped(text)  # md_text spelt out: one call less
    # joined, not an f-string, which copies the Markup it is given (str.__format__) before joining it
    return _as_markup("".join(("[", escaped, "](", target, ")")))


@lru_cache(maxsize=1 << 16)  # at 10× and 50× the corpus four links in five are found here
def _link_at_depth(text: str, page: str, anchor: str, query: str, depth: int) -> Markup:
    """A link to another page, as written on any page `depth` folders below the site root (the
    page "d/…/page.md" stands for them: no page of the site has that path, so no link is to it)."""
    return _link_to(text, relative("d/" * depth + "page.md", Url(page, anchor, query)))


@pass_context
def link(ctx, text: Any, url: Url) -> Markup:
    """`link(text, url)`: a Markdown link with escaped text, relative to the page being rendered."""
    return _markdown_link(ctx.page_path, text, url)


# Filters, not functions, print the many links of a page: Jinja calls a filter directly, a function
# through Context.call, which inspects it on every call (a third of the cost of a link).

@pass_context
def link_view(ctx, view: Any) -> Markup:
    """`view|link`: a LinkView (anything with `text` and `url`) as link(view.text, view.url) writes it."""
    return _markdown_link(ctx.page_path, view.text, view.url)


@pass_context
def link_views(ctx, views: Any, separator: str = "、") -> Markup:
    """`views|links(separator)`: LinkViews as links, the template's separator between them."""
    page_path = ctx.page_path
    return _as_markup(separator.join([_markdown_link(page_path, v.text, v.url) for v in views]))


# A file name as generator.opendata.scopes.safe_name makes it: no ASCII but letters, digits, - and .;
# no spaces, control or format characters. Nothing in it is special to Markdown, attr_list or HTML.
_FILE_NAME = re.compile(r"^[0-9A-Za-z.\-\u00a0-\U0010ffff]+$")


@pass_context
def download_link(ctx, text: Any, url: Url, save_as: str) -> Markup:
    """A link to a generated file that the browser saves as ``save_as`` (the download attribute,
    written with attr_list, which MkDocs and Zensical both read)."""
    if not _FILE_NAME.match(save_as) or any(unicodedata.category(c)[0] in "CZ" for c in save_as):
        raise ValueError(f"not a safe file name: {save_as!r}")
    return Markup(f'{link(ctx, text, url)}{{download="{save_as}"}}')


_SIZE_UNITS = ("KB", "MB", "GB")


def file_size(size: int) -> str:
    """A file's size in bytes as a download link shows it: bytes below 1 KB, then KB, MB or GB of 1024
    of the unit below, with one decimal under 10 and none from 10 on (812 B, 3.2 KB, 245 KB, 1.2 MB,
    35 MB); a no-break space keeps number and unit on one line."""
    if size < 1024:
        return f"{size}\u00a0B"
    value, unit = size / 1024, 0
    while True:
        shown = f"{value:.1f}" if value < 9.95 else f"{value:.0f}"
        if float(shown) < 1024 or unit == len(_SIZE_UNITS) - 1:  # 1023.7 KB is shown as 1.0 MB
            return f"{shown}\u00a0{_SIZE_UNITS[unit]}"
        value, unit = value / 1024, unit + 1


@pass_context
def file_link(ctx, view: Any) -> Markup:
    """`view|file_link`: a link to a generated file (text, url, save_as, size: a FileLink), saved under
    its name when it has one (download_link), then its size: measures.csv（1.2 MB）, kept on one line
    (cs-nowrap in assets/extra.css) so that a size never starts a line apart from its file."""
    shown = download_link(ctx, view.text, view.url, view.save_as) if view.save_as else _markdown_link(ctx.page_path, view.text, view.url)
    return Markup(f'<span class="cs-nowrap">{shown}（{file_size(view.size)}）</span>')


def number(value: Any) -> Markup:
    """A count or amount with thin grouping, no trailing zeros."""
    if isinstance(value, int):
        return Markup(f"{value:,}")
    return md_text(value)


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug(value: Any) -> Markup:
    """An id for anchors and attribute lists; ids are validated slugs, so no escaping is needed."""
    text = str(value)
    if not _SLUG.match(text):
        raise ValueError(f"not a slug: {value!r}")
    return _as_markup(text)


_PATH = re.compile(r"^[a-z0-9][a-z0-9/._-]*$")


def slug_path(value: Any) -> Markup:
    """A generated file path used as a link target (data/measures.json)."""
    if not _PATH.match(str(value)):
        raise ValueError(f"not a safe path: {value!r}")
    return Markup(str(value))


_WEB = re.compile(r"^https?://[^\s<>\"'()\\`\[\]]+$")


def web_address(value: Any) -> Markup:
    """An external address as a Markdown link target; the model admits only plain http(s) addresses."""
    if not _WEB.match(str(value)):
        raise ValueError(f"not a plain web address: {value!r}")
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
    """Macros of `_macros.md.j2` rendered once per item, then reused.

    Links are written through the site root (see `index.relative`), so a fragment is the same
    on every page at one folder depth: a measure shown on its document page, several theme
    pages and several department pages is rendered once per depth, not once per page. And at
    another depth (but the site root's) it differs only in the `../` run that starts each of its
    links, which is then moved (`moved`) instead of rendering the macro again.
    """

    CACHED = frozenset({"measure_item", "measure_block"})  # macros that take a MeasureView, known by its link
    # Macros whose argument is known by its value: a page's FinalNotes (pages.common.final_notes),
    # made anew for each page that names a district, and shown on about 6 000 pages at 50× the corpus.
    CACHED_BY_VALUE = frozenset({"final_notes"})

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._modules: dict[int, Any] = {}
        self._done: dict[tuple[str, Any], dict[int, Markup]] = {}  # a fragment at each depth it was shown at

    def render(self, name: str, view: Any, page_path: str) -> Markup:
        depth = page_path.count("/")
        if name in self.CACHED:
            key = (name, view.link.url)
        elif name in self.CACHED_BY_VALUE:
            key = (name, view)
        else:
            return self.rendered(name, view, depth)
        done = self._done.setdefault(key, {})
        out = done.get(depth)
        if out is None:
            shown = next((d for d in done if d > 0), None) if depth > 0 else None
            out = done[depth] = self.rendered(name, view, depth) if shown is None else moved(done[shown], shown, depth)
        return out

    def rendered(self, name: str, view: Any, depth: int) -> Markup:
        """The macro's output on a page `depth` folders below the site root."""
        module = self._modules.get(depth)
        if module is None:
            module = self._modules[depth] = self.env.get_template("_macros.md.j2").make_module(
                {"page_path": "d/" * depth + "page.md"})
        return Markup(getattr(module, name)(view))


def moved(fragment: Markup, depth: int, to_depth: int) -> Markup:
    """A fragment rendered for a page `depth` folders deep (at least one), as rendered for a page
    `to_depth` (at least one) deep. Each of its links to a page of the site starts `](` and `depth`
    times `../` (index.relative; the fragment's page is no page, so no link is to itself), and no
    other text does: a printed `]` or `(` is escaped, and links out of the site start `](http`."""
    return _as_markup(fragment.replace("](" + "../" * depth, "](" + "../" * to_depth))


def _fragment(name: str):
    @pass_context
    def call(ctx, view: Any) -> Markup:
        return ctx.environment.fragments.render(name, view, ctx.page_path)
    call.__name__ = name
    return call


_FRAGMENT_CALLS = {name: _fragment(name) for name in ("measure_item", "measure_block", "target_line", "final_notes")}
_PAGE_FUNCTIONS = frozenset({link, download_link, *_FRAGMENT_CALLS.values()})  # take the context; _Context calls them directly


_FILTERS = dict(join=md_join, md=md_text, link=link_view, links=link_views, marked=marked, code_spans=code_spans, html=html_text,
                number=number, file_link=file_link, slug=slug, slug_path=slug_path, safe_svg=safe_svg, web_address=web_address)


def _repository_filters(repository: Repository | None) -> dict[str, Any]:
    """`origin|edit_url` and `origin|history_url`: addresses on the repository host (empty when
    mkdocs.yml names none, and templates then leave the link out)."""

    edit_urls: dict[Origin, Markup] = {}  # a measure's is asked by its block and its list item

    def edit_url(origin: Origin) -> Markup:
        url = edit_urls.get(origin)
        if url is None:
            url = edit_urls[origin] = Markup(repository.edit_url(origin)) if repository else Markup("")
        return url

    def history_url(origin: Origin) -> Markup:
        return Markup(repository.history_url(origin)) if repository else Markup("")

    return {"edit_url": edit_url, "history_url": history_url}


# The filters this module gives the templates, _repository_filters' among them, each returning Markup
# (see _LeanCode); Jinja's own are not among them.
_MARKUP_FILTERS = frozenset({*_FILTERS, *_repository_filters(None)})


def front_matter(edit_url: str, hide: tuple[str, ...] = ()) -> str:
    """The page's front matter: `edit_url` feeds the edit button (overrides/partials/actions.html);
    `hide` lists the theme's parts the page leaves out (navigation, toc)."""
    lines = ([f"edit_url: {json.dumps(edit_url)}"] if edit_url else []) + (["hide:", *(f"  - {part}" for part in hide)] if hide else [])
    return "---\n" + "\n".join(lines) + "\n---\n\n" if lines else ""


def make_environment(templates: Path, repository: Repository | None = None) -> Environment:
    env = _Environment(
        loader=FileSystemLoader(str(templates)),
        undefined=StrictUndefined,
        # Autoescape makes macro output and filter results Markup; _finalize escapes every other
        # printed value for Markdown (which includes HTML escaping) before autoescape sees it.
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        optimized=False,  # Jinja's constant folding: compiling took a tenth longer, for no quicker pages (their output is folded anyway)
        auto_reload=False,  # one environment per build: no template changes under it, so no stat() per include
        bytecode_cache=_template_cache(),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(_FILTERS)
    env.filters.update(_repository_filters(repository))
    # roles: each responsibility role's name (model.ROLE_LABELS), for the templates' role labels;
    # compare_most: how many districts the compare view takes (index.COMPARE_MOST)
    env.globals.update(link=link, download_link=download_link, readings_url=READINGS_URL, roles=MappingProxyType(dict(ROLE_LABELS)),
                       compare_most=COMPARE_MOST,
                       **_FRAGMENT_CALLS)
    env.fragments = Fragments(env)  # type: ignore[attr-defined]
    return env


def load_templates(env: Environment) -> Environment:
    """The environment with every template compiled now, not when a page first needs it: a build's
    second processes, forked from this one, then use them as they are instead of compiling their own."""
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)
    return env


def render_page(env: Environment, template: str, page_path: str, context: Any, edit: Origin | None = None,
                hide: tuple[str, ...] = ()) -> str:
    text = env.get_template(template).render(page_path=page_path, page=context)
    text = front_matter(str(env.filters["edit_url"](edit)) if edit is not None else "", hide) + text
    return normalised(text)


def normalised(text: str) -> str:
    """Markdown as written: LF line endings, no trailing spaces, no blank lines at either end or two
    in a row, one final newline."""
    # CRLF made LF by the rstrip of each line (a CR is whitespace): no pass of its own
    body = "\n".join([line.rstrip() for line in text.split("\n")]).strip("\n")
    if "\n\n\n" in body:
        # every run of blank lines made one: a fifth quicker than cutting the text at each blank line
        # and joining the pieces again (str.replace took two passes on most pages)
        body = _BLANK_LINES.sub("\n\n", body)
    return body + "\n"


_BLANK_LINES = re.compile("\n\n\n+")  # two or more blank lines in a row (no line has trailing whitespace then)
