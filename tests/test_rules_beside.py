"""On two CPUs a streamed build runs the cross-file rules in a second process while it builds the
index and computes the similar-measure links (checking.rules_pending): what they find must reach the editor exactly as in one process,
the same diagnostics in the same order and the same exit code, even when the index fails first
on the data the rules reject."""
import shutil

import pytest

from generator import checking, cli
from generator.checking import Timings, check_data, rules_pending
from generator.diagnostics import DataErrors
from generator.index import build_index_without_links

from .conftest import FIXTURE, ROOT, see_cpus

DOCUMENT = "documents/jiangjin/jiangjin-test.yaml"


def corpus_with(tmp_path, *changes: tuple[str, str]):
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURE, root)
    path = root / DOCUMENT
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, f"fixture changed: {old!r} not in {DOCUMENT}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return root


# Loads without a problem; only the rules see that a quote is not in the source and that a unit
# is neither printed there nor in the department registry (which the index cannot resolve).
BROKEN = (("text: 积极推进天然气(页岩气)勘探开发。", "text: 积极推进天然气勘探开发。"),
          ("lead: [区发展改革委]", "lead: [区发展改革委员会办公室]"))


def counted_forks(monkeypatch, two_cpus: bool) -> list:
    """Make the build see one or two CPUs; the list of the rules' second processes started."""
    forks: list = []
    real = checking.beside
    see_cpus(monkeypatch, two_cpus)
    monkeypatch.setattr(checking, "beside", lambda work: forks.append(work) or real(work))
    return forks


def indexed(data, timings, rules_beside=False, make=build_index_without_links):
    """The corpus and what ``make`` made of it while the rules ran (beside, or before in one process)."""
    with rules_pending(data, ROOT / "content", timings, rules_beside) as corpus:
        made = make(corpus)
    return corpus, made


def site_run(monkeypatch, capsys, data, out, two_cpus: bool) -> tuple[int, str, str, int]:
    forks = counted_forks(monkeypatch, two_cpus)
    code = cli.main(["site", "--data", str(data), "--out", str(out)])
    said = capsys.readouterr()
    return code, said.out, said.err, len(forks)


def test_rule_errors_found_in_the_second_process_reach_the_editor_as_in_one_process(tmp_path, monkeypatch, capsys):
    data = corpus_with(tmp_path, *BROKEN)
    with pytest.raises(DataErrors) as checked:
        check_data(data)
    codes = [d.code for d in checked.value.diagnostics]
    assert {"quote-not-found", "unknown-department"} <= set(codes)  # a misspelt unit not in its clause: one error

    one = site_run(monkeypatch, capsys, data, tmp_path / "one", two_cpus=False)
    two = site_run(monkeypatch, capsys, data, tmp_path / "two", two_cpus=True)
    assert one[3] == 0 and two[3] == 1  # the rules ran in a second process only when two CPUs were seen
    assert one[:3] == two[:3]
    assert one[0] == 1
    for code in codes:
        assert f"[{code}]" in two[2] or code in two[2]
    assert "Traceback" not in two[2]
    assert not (tmp_path / "two" / "site").exists()


def test_a_clean_corpus_builds_the_same_index_with_the_rules_beside(tmp_path, monkeypatch):
    forks = counted_forks(monkeypatch, two_cpus=True)
    one_timings, two_timings = Timings(), Timings()
    one = indexed(FIXTURE, one_timings)
    two = indexed(FIXTURE, two_timings, rules_beside=True)
    assert len(forks) == 1
    assert two[0] == one[0]
    assert [m.key for m in two[1].measures] == [m.key for m in one[1].measures]
    assert "rules" in dict(one_timings.stages) and "rules" not in dict(two_timings.stages)
    assert "rules (2nd process)" in dict(two_timings.stages)


def test_a_failure_of_the_index_gives_way_to_the_rules_errors_and_stands_without_them(tmp_path, monkeypatch):
    counted_forks(monkeypatch, two_cpus=True)
    data = corpus_with(tmp_path, *BROKEN)
    with pytest.raises(DataErrors) as one:
        check_data(data)
    with pytest.raises(DataErrors) as two:  # build_index_without_links itself fails on the unknown unit
        indexed(data, Timings(), rules_beside=True)
    assert two.value.diagnostics == one.value.diagnostics

    def fails(corpus):
        raise LookupError("not explained by the rules")

    with pytest.raises(LookupError, match="not explained"):
        indexed(FIXTURE, Timings(), rules_beside=True, make=fails)
