"""Text from YAML can never become live HTML, a link or a script on a page."""
import html

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import md_text

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


def test_script_in_yaml_is_shown_as_text(fixture_index, tmp_path):
    from generator.pipeline import ROOT, render_tree

    tree = dict(render_tree(fixture_index, ROOT / "content").items())
    page = tree["documents/jiangjin-test.md"].decode()
    assert "充电桩&lt;script&gt;" in page
    assert "<script>" not in page
