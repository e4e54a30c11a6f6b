"""The first stage of every build and of `check`: read the data, validate it and apply the
cross-file rules, timing each step. Kept apart from the pipeline so that `check`, which an editor
runs on every save, loads none of the page, search or download code."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

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

    TODO gaps of a draft are warnings: appended to ``warnings`` when the caller accepts drafts
    (`check`), errors otherwise (a build never publishes a draft)."""
    timings = timings or Timings()
    with timings.stage("check"):
        corpus, problems = load_corpus(data_root, parsed)
        if content_root is not None:
            problems += content_files(content_root)[1]
    if corpus is not None:
        with timings.stage("rules"):
            problems = problems + run_rules(corpus)
    gaps = {(d.path, d.line, d.col) for d in problems if d.code == "todo"}
    # an error standing on a TODO (an unknown `todo` theme, a quote that is a TODO) is that gap itself
    problems = [d for d in problems if d.code == "todo" or (d.path, d.line, d.col) not in gaps]
    if warnings is None:
        problems = [replace(d, severity="error") for d in problems]
    errors = [d for d in problems if d.severity == "error"]
    if errors or corpus is None:
        raise DataErrors(problems)
    if warnings is not None:
        warnings.extend(sorted(problems))
    return corpus
