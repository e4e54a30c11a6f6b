"""The first stage of every build and of `check`: read the data, validate it and apply the
cross-file rules, timing each step. Kept apart from the pipeline so that `check`, which an editor
runs on every save, loads none of the page, search or download code."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path

from generator.beside import SECOND_PROCESS, beside, no_cycle_collection
from generator.diagnostics import DataErrors, Diagnostic
from generator.load import Corpus, ParsedFiles, content_files, load_corpus
from generator.rules import run_rules


class Timings:
    """Wall time of each stage of one build, in order (`build --timings` prints them)."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, float]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.stages.append((name, time.perf_counter() - start))


def check_data(data_root: Path, warnings: list[Diagnostic] | None = None, content_root: Path | None = None,
               parsed: ParsedFiles | None = None, timings: Timings | None = None) -> Corpus:
    """Load and cross-check everything (and the hand-written pages of ``content_root`` when
    given); raise DataErrors with every problem at once. ``parsed`` keeps each file's parse
    between calls (the live preview), so only files whose bytes changed are parsed again.

    Warnings (TODO gaps of a draft, a printed target not recorded) are appended to ``warnings`` when
    the caller accepts them (`check`), errors otherwise (a build never publishes a draft, nor a
    target left unrecorded and unexplained)."""
    timings = timings or Timings()
    corpus, problems = _loaded(data_root, content_root, parsed, timings)
    return _checked(corpus, problems, _rules(corpus, timings), warnings)


@contextmanager
def rules_pending(data_root: Path, content_root: Path, timings: Timings, rules_beside: bool = False) -> Iterator[Corpus]:
    """check_data as a build calls it (drafts are errors), yielding the corpus for the build's next
    stages. With ``rules_beside`` the cross-file rules of a corpus that loaded without a problem run in
    a forked second process while the block works with it: the same corpus and the same DataErrors as
    one process. Leaving the block waits for the rules; what the block made is dropped when they find
    errors, and a failure of the block (which an error they report may cause) is raised only when they
    find none."""
    corpus, problems = _loaded(data_root, content_root, None, timings)
    if corpus is None or problems or not rules_beside:  # with a problem the build fails whatever the rules find
        yield _checked(corpus, problems, _rules(corpus, timings), None)
        return
    failure: Exception | None = None
    with beside(partial(_timed_rules, corpus)) as rules:
        try:
            yield corpus
        except Exception as error:  # raised below, unless the rules explain it
            failure = error
        with timings.stage("waiting for the rules"):  # this process, for the second one
            found, seconds = rules.result()
        timings.stages.append(("rules" + SECOND_PROCESS, seconds))
    _checked(corpus, [], found, None)
    if failure is not None:
        raise failure


def _rules(corpus: Corpus | None, timings: Timings) -> list[Diagnostic]:
    """What the cross-file rules find in a corpus that could be loaded (none when it could not)."""
    if corpus is None:
        return []
    with timings.stage("rules"):
        return run_rules(corpus)


def _timed_rules(corpus: Corpus) -> tuple[list[Diagnostic], float]:
    """In the second process: run_rules and its wall time."""
    start = time.perf_counter()
    found = run_rules(corpus)
    return found, time.perf_counter() - start


def _loaded(data_root: Path, content_root: Path | None, parsed: ParsedFiles | None,
            timings: Timings) -> tuple[Corpus | None, list[Diagnostic]]:
    """The corpus as load_corpus reads it and the problems found (the hand-written pages' too)."""
    with timings.stage("check"), no_cycle_collection():
        corpus, problems = load_corpus(data_root, parsed)
        if content_root is not None:
            problems += content_files(content_root)[1]
    return corpus, problems


def _checked(corpus: Corpus | None, loading: list[Diagnostic], rules: list[Diagnostic],
             warnings: list[Diagnostic] | None) -> Corpus:
    """The corpus when none of the problems (the loading's, then the rules') is an error; else DataErrors."""
    gaps = {(d.path, d.line, d.col) for d in loading if d.code == "todo"}
    # A rule's error standing on a TODO (an unknown `todo` theme, a quote that is a TODO) is that gap
    # itself. The loading's errors all stay: a draft whose TODOs stand in for valid values loads with
    # none there, and one that could not be loaded so must say why, or it would vanish from the check.
    problems = loading + [d for d in rules if (d.path, d.line, d.col) not in gaps]
    if warnings is None:
        problems = [replace(d, severity="error") for d in problems]
    errors = [d for d in problems if d.severity == "error"]
    if errors or corpus is None:
        raise DataErrors(problems)
    if warnings is not None:
        warnings.extend(sorted(problems))
    return corpus
