"""The search benchmark's code runs end to end at a small factor (the real run,
`python -m generator bench`, takes minutes at 50× and is not part of `make test`)."""
from __future__ import annotations

from generator import bench
from generator.search.reference import SearchFiles
from generator.synth import synthesize, synthetic_names
from tests.conftest import DATA, browser_available


def test_synthetic_corpus_passes_the_checks_and_varies_the_copies(tmp_path):
    from generator.checking import check_data

    synthesize(DATA, tmp_path / "synth", 3)
    corpus = check_data(tmp_path / "synth")
    real = check_data(DATA)
    assert len(corpus.documents) == 3 * len(real.documents)
    assert {d.slug for d in corpus.districts.districts} == {slug for slug, _ in synthetic_names(3)}
    texts = {}
    for loaded in corpus.documents:
        doc = loaded.document
        texts.setdefault(doc.id.split("-", 2)[2], []).append("".join(m.text if isinstance(m.text, str) else m.text.printed
                                                                      for m in doc.measures))
    assert all(len(set(copies)) > 1 for copies in texts.values()), "each district's copy reads differently"


def test_bench_runs_at_2x(tmp_path, built_site, request):
    chromium = request.getfixturevalue("chromium") if browser_available() else None  # the session's browser
    corpora = bench.run(DATA, 2, tmp_path, site=built_site, browser=browser_available(),
                        queries=("充电桩", "发展改革委"), log=lambda m: None, chromium=chromium)
    one, two = corpora
    assert two.measures == 2 * one.measures
    for c in corpora:
        assert all(0 < r.raw < bench.LIMIT and r.gzip < r.raw for r in c.rows)
        assert not c.notes, c.notes  # the browser fetched exactly what the reference predicts
        if browser_available():
            assert all(r.cold_ms and r.warm_ms for r in c.rows)
    real = SearchFiles(bench.read_search_files(built_site)).search("充电桩")
    pages = sum(1 for h in real if h.record < one.records - one.measures)  # records: pages first, then measures
    assert two.rows[0].results == 2 * (len(real) - pages) + pages  # theme and metric pages are not copied
    text = bench.report(corpora, 2)
    assert "| 充电桩 |" in text
    assert bench.goal_met(corpora)
    assert "the first query downloads < 1 MB — met (largest: " in text and "NOT met" not in text


def test_the_report_says_not_met_when_a_first_query_downloads_too_much():
    rows = [bench.QueryRow("充电桩", 1, 3, 1000, 500), bench.QueryRow("碳汇", 1, 9, bench.LIMIT, 900)]
    corpora = [bench.Corpus("1×", 1, 1, 0.1, 3, 10, 5, rows[:1]),
               bench.Corpus("50× synthetic", 1, 1, 0.1, 3, 10, 5, rows)]
    assert not bench.goal_met(corpora)
    text = bench.report(corpora, 50)
    assert "— NOT met (largest: " in text and "— met (" not in text
