"""MkDocs hook: during `mkdocs serve`, regenerate the Markdown before each rebuild so that
editing a YAML file refreshes the page. The generator itself does not depend on MkDocs."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort

from generator.diagnostics import DataErrors, render
from generator.pipeline import ROOT, build_site

log = logging.getLogger("mkdocs.hooks.generator")
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config) -> None:
    if not _serving:  # `make site` ran the generator already
        return
    try:
        result = build_site(ROOT / "site_data", ROOT / "content", Path(config["docs_dir"]))
    except DataErrors as exc:
        log.error("data errors; the preview keeps the last good pages:\n%s", render(exc.diagnostics))
        raise Abort("fix the data errors above") from None
    log.info("generator: %d pages, %d changed", result.pages, result.changed)
