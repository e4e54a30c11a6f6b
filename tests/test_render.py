"""The Markdown a page is written as: render.normalised."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import normalised


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
