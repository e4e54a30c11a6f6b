"""Refresh the golden Markdown of the fixture corpus: `python -m tests.golden` (or `make golden`).

A reviewer reads the diff of tests/golden/ to see what a change does to the pages.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
FIXTURE = HERE / "fixtures" / "corpus"


def generate(out: Path) -> None:
    """Write the generated files of the fixture corpus; copied files (content/, assets) are left out."""
    from generator.pipeline import ROOT, index_data, render_tree
    from generator.write import OutputTree

    content = ROOT / "content"
    copied = {p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file()}
    generated = OutputTree()
    for rel, data in render_tree(index_data(FIXTURE), content).items():
        if rel not in copied and not rel.startswith("assets/"):
            generated.add(rel, data)
    generated.write(out)


def main() -> int:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    generate(GOLDEN)
    print(f"golden Markdown refreshed in {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
