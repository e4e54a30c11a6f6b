"""The fixture corpus renders to exactly the committed Markdown in tests/golden/.

After an intended change, run `make golden` and read the diff."""
from pathlib import Path

from tests.golden import GOLDEN, generate


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_fixture_corpus_matches_golden_markdown(tmp_path):
    generate(tmp_path / "out")
    got, want = tree(tmp_path / "out"), tree(GOLDEN)
    assert sorted(got) == sorted(want), "pages added or removed: run `make golden` and review the diff"
    changed = [name for name in got if got[name] != want[name]]
    assert not changed, f"pages differ from tests/golden ({changed[:5]}…): run `make golden` and review the diff"


def test_two_builds_are_byte_identical(tmp_path):
    generate(tmp_path / "a")
    generate(tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
