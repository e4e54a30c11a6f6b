"""Property tests: generated YAML and text fed to the loader, the models and the rules give
diagnostics (or a valid corpus), never another exception.

Run: .venv/bin/pytest tests/test_hostile_properties.py -q
"""
from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from generator.diagnostics import CODES, INVISIBLE_CATEGORIES, Diagnostic, printable
from generator.load import Corpus, LoadedDocument, validation_diagnostics
from generator.model import REGISTRY_FILES, Document
from generator.rules import run_rules
from generator.yamlio import forbidden_character, load_yaml
from tests.conftest import FIXTURE

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DOC_PATH = "documents/jiangjin/jiangjin-test.yaml"


CJK = re.compile("[\u4e00-\u9fff]")  # a Chinese character


def _well_formed(problems: list[Diagnostic]) -> None:
    """Every problem names a place and a known code, and says what is wrong and what to do in Chinese
    (a message left in English, or PyYAML's or pydantic's own wording, has no Chinese character)."""
    for d in problems:
        assert d.code in CODES and d.line >= 1 and d.col >= 1, d
        assert CJK.search(d.message) and CJK.search(d.hint), d
        if d.code in FIELD_CODES and "（条目本身）" not in d.message and "（顶层）" not in d.message:
            assert FIELD_NAMED.search(d.message), d


FIELD_CODES = {"wrong-type", "invalid-choice", "missing-field", "invalid-date", "invalid-boolean", "invalid-number",
               "empty-list", "invalid-year"}
"""Codes of problems in one field's value: the message names the field by key and by meaning."""
FIELD_NAMED = re.compile(r"字段 `[^`]+`（[\u4e00-\u9fff“”]+）")


# ---------------------------------------------------------------- the loader


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_loads_or_gives_diagnostics(text):
    loaded, problems = load_yaml(text, "x.yaml")
    _well_formed(problems)
    assert loaded is not None or problems


YAML_CHARS = st.sampled_from(list("ab :-[]{},#&*!|>'\"\n\t%@`?") + ["0012", "yes", "~", "中文", "\u200b", "\x00"])


@SETTINGS
@given(st.lists(YAML_CHARS, max_size=80).map("".join))
def test_yaml_punctuation_soup_gives_diagnostics_only(text):
    loaded, problems = load_yaml(text, "x.yaml")
    _well_formed(problems)


# Plain data the loader must give back exactly: texts stay texts (no 0012 → 12, no yes → True).
scalars = st.one_of(st.none(), st.booleans(), st.text(max_size=20).filter(lambda s: forbidden_character(s) is None))
keys = st.text(min_size=1, max_size=10).filter(lambda s: forbidden_character(s) is None)
plain_data = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                           st.dictionaries(keys, inner, max_size=4)), max_leaves=20)


@SETTINGS
@given(st.dictionaries(keys, plain_data, max_size=5))
def test_loader_gives_back_exactly_what_was_written(data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    loaded, problems = load_yaml(text, "x.yaml")
    assert problems == []
    assert loaded is not None and loaded.data == data


@SETTINGS
@given(st.text(max_size=200))
def test_forbidden_characters_are_exactly_the_invisible_categories(text):
    expected = next((c for c in text if c not in "\t\n" and (
        unicodedata.category(c) in INVISIBLE_CATEGORIES or (ord(c) & 0xFFFE) == 0xFFFE or 0xFDD0 <= ord(c) <= 0xFDEF)),
        None)
    assert forbidden_character(text) == expected


@SETTINGS
@given(st.text(max_size=200))
def test_printable_output_holds_no_control_or_format_character(text):
    shown = printable(text)
    assert all(unicodedata.category(c) not in INVISIBLE_CATEGORIES for c in shown)
    if forbidden_character(text) is None and "\t" not in text and "\n" not in text:
        assert shown == text


# ---------------------------------------------------------------- models and rules


def _paths(data: Any, loc: tuple = ()) -> list[tuple]:
    out = [loc]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _paths(value, loc + (i,))
    return out


FILES = {name: yaml.safe_load((FIXTURE / name).read_text(encoding="utf-8")) for name in (*REGISTRY_FILES, DOC_PATH)}
PATHS = [(name, loc) for name, data in FILES.items() for loc in _paths(data) if loc]
SOURCE = (FIXTURE / "sources" / "jiangjin-test.txt").read_text(encoding="utf-8")

values = st.one_of(
    st.none(), st.booleans(), st.text(max_size=30),
    st.sampled_from(["0012", "0", "99999", "2025", "1949", "2100-01-01", "2022-02-30", "-1", "1e3", "9" * 40,
                     "energy", "cs-page", "index", "a" * 80, "jiangjin", "区发改委", "…", "≥", "yes", "[]", "{}"]),
    st.lists(st.text(max_size=8), max_size=3),
    st.dictionaries(st.sampled_from(["printed", "reading", "id", "slug", "x"]), st.text(max_size=8), max_size=2),
)


def _set(data: Any, loc: tuple, value: Any) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def _validate(name: str, text: str, model: type) -> tuple[Any, Any, list[Diagnostic]]:
    loaded, problems = load_yaml(text, name)
    if loaded is None or problems:
        return None, loaded, problems
    if not isinstance(loaded.data, dict):
        return None, loaded, []
    try:
        return model.model_validate(loaded.data), loaded, []
    except ValidationError as exc:
        found = validation_diagnostics(loaded, exc, model)
        assert found, "a validation error gave no diagnostic"
        return None, loaded, found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), values)
def test_any_field_set_to_any_value_gives_diagnostics_or_a_valid_corpus(target, value):
    name, loc = target
    files = copy.deepcopy(FILES)
    _set(files[name], loc, value)
    parsed: dict[str, Any] = {}
    loaded: dict[str, Any] = {}
    for file, data in files.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        model = REGISTRY_FILES.get(file, Document)
        parsed[file], loaded[file], problems = _validate(file, text, model)
        _well_formed(problems)
    if any(v is None for v in parsed.values()):
        return
    corpus = Corpus(
        root=FIXTURE, districts=parsed["districts.yaml"], departments=parsed["departments.yaml"],
        themes=parsed["themes.yaml"], metrics=parsed["metrics.yaml"], synonyms=parsed["synonyms.yaml"],
        registry_yaml={k: v for k, v in loaded.items() if k in REGISTRY_FILES},
        documents=(LoadedDocument(parsed[DOC_PATH], loaded[DOC_PATH], SOURCE),),
    )
    _well_formed(run_rules(corpus))

