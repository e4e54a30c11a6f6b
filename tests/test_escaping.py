"""Text from YAML can never become live HTML, a link or a script on a page."""
import html
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import code_spans, md_text

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&\"'`*_[]()#!|{}\\-+.:/=~^ \n\r\t\u2028\x0b\x0c") + list("abc充电桩javascript")), max_size=60))
def test_escaped_text_renders_as_the_same_text(text):
    rendered = markdown.markdown(str(md_text(text)), extensions=EXTENSIONS)
    inner = rendered.removeprefix("<p>").removesuffix("</p>")
    expected = html.escape(" ".join(text.splitlines()).replace("\t", " ").strip(), quote=False)
    # no element other than the wrapping paragraph, and the words come back unchanged
    assert "<" not in inner.replace("&lt;", "")
    assert html.unescape(inner).split() == html.unescape(expected).split()


# The escaping md_text is specified as: lines joined with a space, tabs made spaces, HTML's special
# characters as character references, then a backslash before each character Python-Markdown treats
# specially (its ESCAPED_CHARS and the tables' `|`). Written here step by step, apart from render.py.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def _escaped_step_by_step(text: str) -> str:
    one_line = " ".join(text.splitlines()).lstrip().replace("\t", " ")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=True))


def test_each_character_is_escaped_as_specified():
    """Every character there is, in one long text (not cached), and each of the first 256 alone (short
    texts are cached)."""
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)  # surrogates are no text
    assert str(md_text(every)) == _escaped_step_by_step(every)
    for c in every[:256]:
        assert str(md_text(c)) == _escaped_step_by_step(c), hex(ord(c))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&\"'`*_[]()#!|{}\\-+.:/=~^ \n\r\t\u2028\x0b\x0c;x") + list("abc充电桩")), max_size=200))
def test_escaped_text_is_the_specified_escaping(text):
    assert str(md_text(text)) == _escaped_step_by_step(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("<>&\"'*_[]()#!|{}\\-+.:/=~^ ") + list("abc充电桩")), max_size=12),
                min_size=1, max_size=5))
def test_code_spans_show_each_span_as_code_and_nothing_else_as_markup(parts):
    """A description's `…` spans become <code> elements holding exactly their text, inside a table
    cell too; the rest is plain text. Ground truth: the parts the text was joined from."""
    text = "`".join(parts)
    rendered = markdown.markdown(f"| a |\n|---|\n| {code_spans(text)} |", extensions=EXTENSIONS)
    cell = re.search(r"<td>(.*)</td>", rendered, re.S).group(1)
    if len(parts) % 2 == 0:  # an unpaired backtick: all plain text
        assert "<" not in cell.replace("&lt;", "")
        assert html.unescape(cell).split() == text.split()
        return
    codes = re.findall(r"<code>(.*?)</code>", cell, re.S)
    assert [html.unescape(c).strip() for c in codes] == [p.strip() for p in parts[1::2]]
    outside = re.sub(r"<code>.*?</code>", "\x00", cell, flags=re.S)
    assert "<" not in outside.replace("&lt;", "")
    assert [html.unescape(t).split() for t in outside.split("\x00")] == [p.split() for p in parts[0::2]]


def test_script_in_yaml_is_shown_as_text(fixture_index, tmp_path):
    from generator.pipeline import ROOT, render_tree

    tree = dict(render_tree(fixture_index, ROOT / "content").items())
    page = tree["documents/jiangjin-test.md"].decode()
    assert "充电桩&lt;script&gt;" in page
    assert "<script>" not in page
