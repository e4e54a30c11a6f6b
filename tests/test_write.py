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
    assert oct((tmp_path / "a.md").stat().st_mode & 0o777) == "0o644"
    assert (tmp_path / "a.md").stat().st_mtime_ns == mtime
    assert not (tmp_path / "stale.md").exists()


def test_a_folder_the_generator_did_not_write_is_never_cleaned(tmp_path):
    from generator.write import ForeignFolder

    (tmp_path / "notes.txt").write_text("mine")
    tree = OutputTree()
    tree.add("a.md", "one")
    with pytest.raises(ForeignFolder):
        tree.write(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
