import pytest

from generator.write import OutputTree, PathClash


def test_two_pages_on_one_path_are_refused():
    tree = OutputTree()
    tree.add("themes/energy.md", "a")
    with pytest.raises(PathClash):
        tree.add("themes/energy.md", "b")


def test_only_changed_files_are_rewritten_and_stale_files_removed(tmp_path):
    tree = OutputTree()
    tree.add("a.md", "one")
    tree.add("sub/b.md", "two")
    first = tree.write(tmp_path)
    assert (first.changed, first.removed) == (2, 0)
    (tmp_path / "stale.md").write_text("old")
    mtime = (tmp_path / "a.md").stat().st_mtime_ns
    again = tree.write(tmp_path)
    assert (again.changed, again.removed) == (0, 1)
    assert (tmp_path / "a.md").stat().st_mtime_ns == mtime
    assert not (tmp_path / "stale.md").exists()
