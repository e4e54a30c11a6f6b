"""A large corpus is parsed by two processes (load.parse_documents): the corpus and every diagnostic
must be what one process makes, in the same order, errors in either half included."""
import shutil

from generator import load

from .conftest import DATA


def test_two_processes_parse_what_one_process_parses(tmp_path, monkeypatch):
    data = tmp_path / "site_data"
    shutil.copytree(DATA, data)
    for name, date in (("jiangjin/jiangjin-2022-57", "2022-04-16"), ("yongchuan/yongchuan-2022-112", "2022-12-02")):
        path = data / "documents" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(f"written: {date}", "written: 2022-02-30"), encoding="utf-8")
    (data / "documents/tongliang/tongliang-2021-climate-plan.yaml").open("a", encoding="utf-8").write("id: again\n")
    one_corpus, one_problems = load.load_corpus(data)

    forks = []

    def counted(work):
        forks.append(work)
        return real_beside(work)

    real_beside = load.beside
    monkeypatch.setattr(load, "PARALLEL_BYTES", 0)  # any corpus is "large"
    monkeypatch.setattr(load, "can_fork", lambda: True)  # also on a one-CPU machine
    monkeypatch.setattr(load, "beside", counted)
    two_corpus, two_problems = load.load_corpus(data)

    assert len(forks) == 1
    assert [d.code for d in one_problems].count("invalid-date") == 2 and "duplicate-key" in {d.code for d in one_problems}
    assert two_problems == one_problems
    assert one_corpus is not None and two_corpus is not None
    assert len(one_corpus.documents) == 2  # the three broken files are left out by both
    assert two_corpus.documents == one_corpus.documents
