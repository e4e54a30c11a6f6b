import pytest

from generator.write import ForeignFolder, OutputTree, PathClash


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


def test_a_streamed_tree_writes_as_files_are_added_and_still_refuses_clashes(tmp_path):
    out = tmp_path / "staging" / "docs"
    tree = OutputTree(stream_to=out)
    tree.add("a.md", "甲\n")
    assert (out / "a.md").read_text(encoding="utf-8") == "甲\n"  # on disk before write()
    tree.add("sub/b.md", b"b")
    with pytest.raises(PathClash):
        tree.add("a.md", "again")
    result = tree.write(out)
    assert (result.pages, result.changed) == (2, 2)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        ".generated-by-generator", "a.md", "sub/b.md"]


def test_a_streamed_tree_needs_a_new_folder(tmp_path):
    (tmp_path / "live").mkdir()
    (tmp_path / "live" / "index.md").write_text("published", encoding="utf-8")
    with pytest.raises(ForeignFolder):
        OutputTree(stream_to=tmp_path / "live")
    assert (tmp_path / "live" / "index.md").read_text(encoding="utf-8") == "published"


def test_a_tree_adopts_the_files_written_beside_it_and_refuses_a_clash(tmp_path):
    out = tmp_path / "docs"
    tree = OutputTree(stream_to=out)
    tree.add("a.md", "a")
    other = OutputTree(stream_to=out, shared=True)  # a second process's tree: the folder is not empty
    other.add("data/x.csv", "x")
    tree.adopt(other.paths())
    assert "data/x.csv" in tree and tree.write(out).pages == 2
    with pytest.raises(PathClash):
        tree.adopt(["a.md"])
    with pytest.raises(ValueError):
        OutputTree().adopt(["b.md"])  # an in-memory tree has no folder to share


def test_two_trees_streaming_into_one_folder_refuse_a_path_both_write(tmp_path):
    out = tmp_path / "docs"
    tree = OutputTree(stream_to=out)
    other = OutputTree(stream_to=out, shared=True)
    tree.add("themes/a.md", "mine")
    with pytest.raises(PathClash):
        other.add("themes/a.md", "theirs")  # the other process of the build: refused, not overwritten
    assert (out / "themes" / "a.md").read_text(encoding="utf-8") == "mine"
    other.add("themes/b.md", "theirs")
    assert oct((out / "themes" / "b.md").stat().st_mode & 0o777) == "0o644"
    assert not [p for p in out.rglob(".tmp-*")]


def _staged(folder, files: dict[str, str]) -> list[str]:
    tree = OutputTree(stream_to=folder)
    for rel, text in files.items():
        tree.add(rel, text)
    return tree.paths()


def test_a_staged_build_moves_in_only_what_changed_and_removes_what_went(tmp_path):
    """`build` streams into a staging folder beside its output, then publishes: a new or changed
    file replaces the old one, an unchanged one keeps its mtime (a watching server rebuilds only
    what changed), a file no longer generated goes, and a foreign folder is refused untouched."""
    from generator.write import publish

    out = tmp_path / "docs"
    first = publish(tmp_path / "s1", out, _staged(tmp_path / "s1", {"a.md": "one", "sub/b.md": "two", "c.md": "three"}))
    assert (first.pages, first.changed, first.removed) == (3, 3, 0)
    kept = (out / "a.md").stat().st_mtime_ns
    again = publish(tmp_path / "s2", out, _staged(tmp_path / "s2", {"a.md": "one", "sub/b.md": "TWO", "d.md": "four"}))
    assert (again.changed, again.removed) == (2, 1)
    assert (out / "a.md").stat().st_mtime_ns == kept
    assert {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.md")} == {"a.md": "one", "sub/b.md": "TWO", "d.md": "four"}
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(ForeignFolder):
        publish(tmp_path / "s3", foreign, _staged(tmp_path / "s3", {"a.md": "one"}))
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]


def test_a_file_given_as_its_parts_is_written_as_they_are_joined(tmp_path, monkeypatch):
    """A file given as the parts it is made of (the downloads: slices of the serialised rows) is
    written with os.writev, more parts than one call takes and a call that writes less than asked
    included, or joined to be held in memory: either way the bytes are the parts one after another."""
    import os

    import generator.write as write

    buffer = bytes(range(256)) * 40
    parts = [memoryview(buffer)[n:n + 7] for n in range(0, 2000, 7)] + [b"", b"end"]
    expected = b"".join(parts)
    real_writev = os.writev

    def short_writev(fd, buffers):  # writes at most 100 bytes a call, as a signal or a full disk may make it
        return real_writev(fd, [bytes(b"".join(buffers)[:100])])

    monkeypatch.setattr(write, "_MOST_PARTS", 16)
    monkeypatch.setattr(write.os, "writev", short_writev)
    out = tmp_path / "docs"
    tree = OutputTree(stream_to=out)
    tree.add("data/x.csv", parts)
    tree.add("data/empty.csv", [])
    assert (out / "data" / "x.csv").read_bytes() == expected
    assert (out / "data" / "empty.csv").read_bytes() == b""
    held = OutputTree()
    held.add("data/x.csv", parts)
    held.write(tmp_path / "held")
    assert (tmp_path / "held" / "data" / "x.csv").read_bytes() == expected
