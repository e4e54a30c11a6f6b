"""The search index builder (generator/search/) and its Python reference of the browser's
query algorithm: normalisation, bigram positions, encoding, expansions, and recall and precision
against plain substring search over the YAML files (tests/test_search_truth.py) on the real corpus."""
from __future__ import annotations

import itertools
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model import printed, reading
from generator.search import expansions as E
from generator.search import normalise as N
from generator.search import postings as P
from generator.search import records as R
from generator.search import search_files
from generator.search import shards as S
from generator.search.reference import SearchFiles
from generator.search.tokens import site_tokenizer
from tests.conftest import DATA
from tests.test_search_truth import _rows_said, fold, load_queries

QUERIES = [q["q"] for q in load_queries()]


@pytest.fixture(scope="module")
def files(real_index):
    return search_files(real_index)


@pytest.fixture(scope="module")
def recs(real_index):
    return R.records(real_index)


def run(files, recs, query, exact=False):
    return [recs[h.record].id for h in SearchFiles(files).search(query, exact)]


# ------------------------------------------------------------------ normalisation


@pytest.mark.parametrize("raw, norm", [
    ("ＬＮＧ", "lng"), ("LNG", "lng"), ("5G基站", "5g基站"), ("江津府办发〔2022〕57号", "江津府办发(2022)57号"),
    ("【2022】", "(2022)"), ("[2022]", "(2022)"), ("（一）", "(一)"), ("１４．５％", "14.5%"), ("Ⅲ类", "iii类"),
    ("碳\u3000达峰", "碳 达峰"), ("a\u200bb", "a b"), ("充电桩", "充电桩"), ("，；：", ",;:"),
])
def test_normalize(raw, norm):
    assert N.normalize(raw) == norm


@given(st.text(max_size=30), st.text(max_size=30))
def test_normalize_is_per_character(a, b):
    assert N.normalize(a + b) == N.normalize(a) + N.normalize(b)


def test_normalize_of_a_text_is_the_normal_forms_of_its_code_points():
    # every code point (surrogates included) in one text, as a built index meets them
    everything = "".join(map(chr, range(0x110000)))
    try:
        assert N.normalize(everything) == "".join(N.normalize_char(c) for c in everything)
    finally:
        N._TABLE.clear()  # a million entries: not kept for the rest of the session


@given(st.lists(st.text(alphabet="aＡ \u3000碳〔】Ⅲ\n", max_size=6), max_size=8))
def test_normal_forms_are_those_of_normalize_each_text_worked_out_once(texts):
    forms = N.NormalForms()
    assert [forms[t] for t in texts] == [N.normalize(t) for t in texts]
    assert [forms[t] for t in texts] == [N.normalize(t) for t in texts]  # again, from what it kept
    assert set(forms) == set(texts)


def test_query_terms_split_on_spaces_and_drop_single_characters():
    assert N.query_terms(" 江津区　充电桩 碳 ") == ["江津区", "充电桩"]
    assert N.query_terms("碳") == []


@pytest.mark.parametrize("length, offsets", [(2, [0]), (3, [0, 1]), (4, [0, 2]), (5, [0, 2, 3]), (8, [0, 2, 4, 6])])
def test_cover_offsets_cover_every_character(length, offsets):
    assert N.cover_offsets(length) == offsets
    covered = {j + k for j in offsets for k in (0, 1)}
    assert covered == set(range(length))


def test_fnv1a_matches_the_published_vectors():
    # FNV-1a 32-bit test vectors (over bytes; ASCII code points are the bytes)
    assert N.fnv1a("") == 0x811C9DC5
    assert N.fnv1a("a") == 0xE40C292C
    assert N.fnv1a("foobar") == 0xBF9CF968


# ------------------------------------------------------------------ postings


def record(title="", text="", lead=()):
    fields = [()] * R.NF
    fields[R.F_TITLE] = (title,) if title else ()
    fields[R.F_TEXT] = (text,) if text else ()
    fields[R.F_LEAD] = tuple(lead)
    return R.Record("x", "measure", "x/", tuple(fields), None, (), {})


def test_bigram_positions_and_flags(real_index):
    from generator.terms import registry_terms, tokenizer

    tk = tokenizer(registry_terms(real_index.departments, real_index.metrics, real_index.themes))
    plist = P.postings([record(title="建设充电桩", text="ＬＮＧ 加注")], tk)
    assert plist["充电"] == [(0, R.F_TITLE, 2, P.WORD_START)]
    assert plist["电桩"] == [(0, R.F_TITLE, 3, P.WORD_END | P.VALUE_END)]
    assert plist["建设"] == [(0, R.F_TITLE, 0, P.WORD_START | P.WORD_END | P.VALUE_START)]
    assert plist["ln"][0][:3] == (0, R.F_TEXT, 0) and plist["ng"][0][:3] == (0, R.F_TEXT, 1)
    assert "g " not in plist and " 加" not in plist  # spaces break bigrams
    assert plist["加注"][0][:3] == (0, R.F_TEXT, 4)


def test_values_of_a_field_are_joined_by_a_break(real_index):
    plist = P.postings([record(lead=("区发展改革委", "发展改革委"))])
    assert "委发" not in plist
    assert [p[2] for p in plist["发展"]] == [1, 7]


def test_a_themes_snippet_shows_every_word_its_text_is_searched_for(real_index, recs):
    """A user test: 光伏 listed the theme 能源转型 first, 命中：正文, with a snippet that did not show
    the word (it is one of the theme's keywords, searched with its description). Every value of a
    theme's text field is in its snippet, so the hit shows and is marked."""
    themes = [r for r in recs if r.kind == "theme"]
    assert themes and any(len(r.fields[R.F_TEXT]) > 1 for r in themes)
    for r in themes:
        assert all(value in r.display["x"] for value in r.fields[R.F_TEXT]), r.id
    energy = next(r for r in themes if r.id == "theme:energy")
    assert energy.display["x"].startswith("清洁能源与可再生能源") and R.THEME_WORDS + "光伏、" in energy.display["x"]


def test_measures_inherit_document_district_and_theme_fields_instead_of_repeating_them(real_index, recs):
    measure = next(r for r in recs if r.document)
    plist = P.postings([measure])
    fields = {p[1] for pl in plist.values() for p in pl}
    assert not fields & set(R.INHERITED)


def plain_postings(recs, tk=None):
    """The postings worked out the obvious way, character by character (the ground truth for the
    numpy-built index): a field's values joined by one character, a bigram wherever neither
    character is a space, word boundaries from the tokenizer's words."""
    out: dict[str, list] = {}
    for r, rec in enumerate(recs):
        for f, values in enumerate(rec.fields):
            if rec.document is not None and f in R.INHERITED:
                continue
            start = 0
            for v in values:
                value = N.normalize(v)
                words = tk.lcut(value) if tk is not None else [value]
                cuts = set(itertools.accumulate((len(w) for w in words), initial=0))
                for i in range(len(value) - 1):
                    if " " in value[i:i + 2]:
                        continue
                    flags = ((P.WORD_START if i in cuts else 0) | (P.WORD_END if i + 2 in cuts else 0)
                             | (P.VALUE_START if i == 0 else 0) | (P.VALUE_END if i + 2 == len(value) else 0))
                    out.setdefault(value[i:i + 2], []).append((r, f, start + i, flags))
                start += len(value) + 1
    return out


def test_postings_of_the_real_corpus_are_those_of_a_plain_loop(real_index, recs):
    tk = site_tokenizer(real_index)
    assert P.postings(recs, tk) == plain_postings(recs, tk)


_VALUES = st.lists(st.text(alphabet=" aＡ\u3000碳达峰\ud800\U0001f600Ⅲ\n", max_size=8), max_size=3)


@given(st.lists(st.tuples(_VALUES, _VALUES), max_size=4))
def test_postings_are_those_of_a_plain_loop(fields):
    # spaces of every kind, empty values and fields, characters that normalise to several, a lone
    # surrogate and one beyond the BMP; no tokenizer: a value is one word
    recs = []
    for n, (title, text) in enumerate(fields):
        values = [()] * R.NF
        values[R.F_TITLE], values[R.F_TEXT] = tuple(title), tuple(text)
        recs.append(R.Record(f"x{n}", "measure", "x/", tuple(values), None, (), {}))
    assert P.postings(recs) == plain_postings(recs)


def test_postings_sorted_by_numpy_s_stable_argsort_where_a_bigram_and_its_place_do_not_fit_in_one_number(recs, monkeypatch):
    monkeypatch.setattr(P, "SORT_BITS", 20)
    assert P.postings(recs[:40]) == plain_postings(recs[:40])


_POSTINGS = st.lists(st.tuples(st.integers(0, 3000), st.integers(0, R.NF - 1), st.integers(0, 5000), st.integers(0, 15)),
                     max_size=60, unique_by=lambda t: t[:3]).map(sorted)


@given(st.dictionaries(st.text(min_size=2, max_size=2), _POSTINGS, max_size=8))
def test_encode_decode_roundtrip(plists):
    # several bigrams at once (encoded together, each bigram's digits cut out of one string),
    # empty lists among them
    encoded = P.encode(plists)
    assert list(encoded) == list(plists)
    for bigram, postings in plists.items():
        assert P.decode(encoded[bigram]) == postings
        assert re.fullmatch(f"[{re.escape(P.DIGITS)}]*", encoded[bigram])


@pytest.mark.parametrize("together", [1, 2, 5, 1000])
def test_encode_in_batches_gives_each_bigram_its_own_digits(monkeypatch, together):
    # batches cut between bigrams (a bigram with more postings than a batch is still one batch);
    # the digits of each bigram decode to its postings, whatever batch it fell in
    monkeypatch.setattr(P, "ENCODED_TOGETHER", together)
    plists = {"碳达": [(0, 1, 3, 1), (0, 1, 9, 2), (4, 0, 0, 4)], "达峰": [], "峰值": [(2, 3, 7, 0)],
              "充电": [(1, 1, 1, 1), (1, 2, 1, 1), (2, 1, 40, 3), (9, 8, 2**33, 15)], "电桩": [(5, 5, 5, 5)]}
    encoded = P.encode(plists)
    assert list(encoded) == list(plists)
    assert {bigram: P.decode(digits) for bigram, digits in encoded.items()} == plists


def test_encoded_numbers_are_the_documented_varints():
    # record 2, field 1, position 40, flags 5 → 2×NF + 1 = 23 and 40×16 + 5 = 645. 23 < 32 is one
    # digit, N; 645 = 5 + 20×32 is two, least significant first: 5 with the "more" bit (37 → b), then 20 → K
    assert R.NF == 11
    assert P.encode({"碳达": [(2, 1, 40, 5)]}) == {"碳达": "NbK"}
    # a second posting in the same record and field: record delta 0 × NF + field 1 → 1, and its position
    # relative to the previous one (41 - 40 = 1 → 1×16 + flags 2 = 18 → I)
    assert P.encode({"碳达": [(2, 1, 40, 5), (2, 1, 41, 2)]}) == {"碳达": "NbK" + "1" + "I"}


def test_encoding_refuses_postings_out_of_order():
    # a record number going back makes a negative delta: an error, not digits that decode to other
    # postings (the one-number-at-a-time encoder wrote such digits) nor a loop that never ends
    with pytest.raises(ValueError, match="sorted"):
        P.encode({"碳达": [(3, 1, 0, 0), (1, 1, 0, 0)]})


def test_encoded_positions_beyond_32_bits_decode_to_themselves():
    plist = [(0, 1, 2**31, 15), (0, 1, 2**31 + 7, 1), (2**40, 8, 2**50, 3)]
    assert P.decode(P.encode({"碳达": plist})["碳达"]) == plist


def test_runs_roundtrip():
    values = [3, 3, 3, 0, 1, 1, 7]
    assert P.runs(values) == [3, 3, 0, 1, 1, 2, 7, 1]
    assert P.unruns(P.runs(values)) == values
    assert P.numbers(P.digits([0, 31, 32, 1 << 20])) == [0, 31, 32, 1 << 20]


# ------------------------------------------------------------------ the files


def test_files_are_byte_identical_for_the_same_data(real_index, files):
    assert search_files(real_index) == files


@given(st.dictionaries(st.text(alphabet='a碳"\\\n\x01\u2028\U0001f600', max_size=4),
                       st.one_of(st.text(alphabet='0aZ"\\\x1f碳', max_size=5),
                                 st.dictionaries(st.sampled_from(["also", "shown"]), st.lists(st.text(max_size=3), max_size=3))),
                       max_size=5))
def test_json_size_is_the_length_of_the_json_written(entries):
    assert S.json_size(entries) == len(S._json(entries))


@given(st.lists(st.text(alphabet="碳a(\ud800\U0001f600=", min_size=2, max_size=4)), st.sampled_from([1, 4, 64, 1 << 20]))
def test_the_shard_of_a_key_is_fnv1a_of_its_first_bigram(keys, shards):
    assert S.shards_of(keys, shards) == [N.fnv1a(key[:2]) % shards for key in keys]


def test_manifest_lists_the_shards(files):
    manifest = json.loads(files["search/manifest.json"])
    shards = [k for k in files if k.startswith("search/p-")]
    chunks = [k for k in files if k.startswith("search/d-")]
    assert len(shards) == manifest["shards"]
    assert len(chunks) == -(-manifest["records"] // manifest["docChunk"])
    assert manifest["digits"] == P.DIGITS and manifest["fold"] == N.FOLD


def test_manifest_carries_what_search_js_would_otherwise_repeat(files):
    from generator.pipeline import ASSETS
    from generator.search.ranking import WEIGHTS

    manifest = json.loads(files["search/manifest.json"])
    assert [f["name"] for f in manifest["fields"]] == [f.name for f in R.FIELDS]
    assert manifest["weights"] == WEIGHTS and manifest["flags"]["valueEnd"] == P.VALUE_END
    assert {(i["field"], i["pageField"]) for i in manifest["inherit"]} == set(R.INHERITED.items())
    assert manifest["kindWords"]["重点项目"] == [R.KIND_INDEX["project"]]
    js = (ASSETS / "search.js").read_text(encoding="utf-8")
    # no field position, weight or flag value written into the browser code
    assert not re.search(r"\bF_[A-Z]+ = \d|\b(WORD|VALUE)_(START|END) = \d|\b8 \* exact|\bf === [0-9]", js)


def test_expansions_travel_in_the_shard_of_the_terms_first_bigram(files):
    manifest = json.loads(files["search/manifest.json"])
    term = "发改委"
    shard = json.loads(files[f"search/p-{N.fnv1a(term[:2]) % manifest['shards']}.json"])
    entry = shard[manifest["expandPrefix"] + term]
    # 发改局 is not shown: 发改, which it holds, stands for it
    assert entry["shown"] == ["发展改革委", "区发展和改革委员会", "区发展改革", "发展改革局", "发改"]
    # 区发展改革 is shown but not looked for: every record it finds holds 发展改革委 too; 发改 finds more
    # (铜梁's 明确发改、经信、交通、住建…)
    assert entry["also"] == ["发展改革委", "发改"], "a word that finds nothing more is not looked for"
    assert len(files["search/manifest.json"]) < 2000, "the manifest does not grow with the registries"


@pytest.mark.parametrize("term, words, wider", [
    ("发改委", ["发展改革委", "区发展改革委", "区发改委", "发改委"], ["发展改革委"]),  # 区发改委 contains 发改委
    ("充电桩", ["充电桩", "充电站", "充电设施", "充电基础设施"], ["充电站", "充电设施", "充电基础设施"]),
    ("江津", ["江津区", "江津"], []),
    ("江津区", ["江津区", "江津"], ["江津"]),
])
def test_an_expansion_keeps_only_words_that_can_find_more(term, words, wider):
    assert E.widening(term, words) == wider


_FINDER_TEXT = st.text(alphabet="碳达峰ＡAa\n 〔", max_size=6)


@given(st.lists(st.lists(st.lists(_FINDER_TEXT, max_size=3), min_size=R.NF, max_size=R.NF), max_size=5),
       st.lists(st.text(alphabet="碳达峰aA(", min_size=1, max_size=3), max_size=6))
def test_the_finder_finds_the_records_whose_normalised_values_contain_a_word(fields, words):
    """… and, apart, those that contain it in a field of their own (a measure's document title and
    theme names, fields it inherits, rank it later)."""
    recs = [R.Record(f"x{n}", "measure", "x/", tuple(map(tuple, f)), None, (), {}, "document:d" if n % 2 else None)
            for n, f in enumerate(fields)]
    find = E.Finder(recs, words)
    for word in words:
        assert find(word) == {r for r, rec in enumerate(recs) if any(word in N.normalize(v) for vs in rec.fields for v in vs)}
        assert find.own(word) == {r for r, rec in enumerate(recs)
                                  if any(word in N.normalize(v) for f, vs in enumerate(rec.fields) for v in vs
                                         if not (rec.document and f in R.RANKED_LATER))}


def test_expansion_groups_come_from_the_registries(real_index):
    groups = E.expansion_groups(real_index)
    assert ("发展改革委", "区发展和改革委员会", "区发展改革委", "区发改委", "区发展改革", "发改委", "发改局", "发展改革局", "发改") in groups
    assert tuple(N.normalize(t) for t in real_index.synonyms[0].terms) in groups


def test_every_result_lands_on_a_generated_page_and_anchor(real_index, recs):
    from generator.pipeline import ROOT, render_tree

    tree = dict(render_tree(real_index, ROOT / "content").items())
    assert "search.md" in tree and "search/manifest.json" in tree
    for rec in recs:
        path, _, anchor = rec.url.partition("#")
        page = (path.rstrip("/") or "index") + ".md"
        if page not in tree:
            page = path + "index.md"
        assert page in tree, rec.url
        if anchor:
            assert f"{{ #{anchor} }}".encode() in tree[page], rec.url


def test_display_chunks_hold_what_a_result_shows(files, recs, real_index):
    ref = SearchFiles(files)
    me = real_index.measures[0]
    r = next(i for i, rec in enumerate(recs) if rec.id == me.key)
    shown = ref.display(r)
    assert shown["i"] == me.key and shown["u"] == recs[r].url
    assert shown["d"] == me.district.name and shown["s"] == me.document.document.short_title
    assert shown["x"] == reading(me.measure.text)
    damaged = next(m for m in real_index.measures if printed(m.measure.text) != reading(m.measure.text))
    r = next(i for i, rec in enumerate(recs) if rec.id == damaged.key)
    assert ref.display(r)["xp"] == printed(damaged.measure.text)


def test_tokenizer_keeps_policy_terms_and_department_names_whole(real_index):
    from generator.terms import registry_terms, tokenizer

    tk = tokenizer(registry_terms(real_index.departments, real_index.metrics, real_index.themes))
    for text, word in [("加快建设充电桩和换电站", "充电桩"), ("推广新能源汽车", "新能源汽车"),
                       ("确保如期实现碳达峰", "碳达峰"), ("由区发展改革委牵头", "区发展改革委")]:
        assert word in tk.lcut(text), tk.lcut(text)


@pytest.mark.parametrize(("text", "jieba_words"), [
    # what jieba 0.42.1 returned for these texts (with the policy terms added; recorded by hand from
    # that package, which is no longer installed): numbers and Latin words inside a run are words
    ("建设3-5个标准化农田", ["建设", "3", "-", "5", "个", "标准化", "农田"]),
    ("项目建设年限2022-2025年", ["项目", "建设", "年限", "2022", "-", "2025", "年"]),
    ("全长11.96km的绿道", ["全长", "11.96", "km", "的", "绿道"]),
    ("推广low-e玻璃", ["推广", "low", "-", "e", "玻璃"]),
    ("1.2.3", ["1.2", ".", "3"]),
    # and runs it kept whole: a number with decimals or per cent, letters with digits, dictionary words
    ("PM2.5浓度下降3.5%", ["PM2.5", "浓度", "下降", "3.5%"]),
    ("新建10kV线路", ["新建", "10kV", "线路"]),
    ("C++", ["C++"]),
])
def test_tokenizer_cuts_digit_and_latin_runs_as_jieba_did(text, jieba_words):
    """jieba-rs alone keeps 2022-2025 whole; a search for 2025 then no longer finds it as a whole word."""
    from generator.terms import tokenizer

    assert tokenizer(()).lcut(text) == jieba_words


# ------------------------------------------------------------------ exact recall and precision


@pytest.mark.parametrize("query", QUERIES)
def test_reference_search_finds_exactly_what_the_ground_truth_says(files, recs, truth, query):
    for exact in (True, False):
        got = run(files, recs, query, exact)
        assert len(got) == len(set(got))
        assert set(got) == truth(query, exact), "exact-only" if exact else "with expansions"
    tiers = [truth.tier(query, rid) for rid in run(files, recs, query)]
    assert tiers == sorted(tiers), "own fields before document title or theme; as typed before by parts; as typed before other names"


@pytest.mark.parametrize("query", QUERIES)
def test_each_hits_tier_and_each_districts_count_are_the_ground_truths(files, recs, truth, query):
    """Whether a result holds the words in fields of its own or only through its document's title or
    themes, and whether it was found by the parts, as the ground truth says; so are the 按区县 line's
    counts per district (SearchFiles.by_district, which search.js mirrors): a district with a result
    in its own text, whole or by the parts, counts it; a result only its document or themes give is
    said apart, with its district, which is then not without results."""
    search = SearchFiles(files)
    hits = search.search(query)
    assert [(h.later, h.parts) for h in hits] == [truth.tier(query, recs[h.record].id)[:2] for h in hits]
    names = {slug: name for slug, name in search.facets()["districts"]}
    counts = {name: (c.own, c.parts, c.later) for name, c in search.by_district(hits).items()}
    assert counts == {names[slug]: n for slug, n in truth.by_district(query).items()}


def test_a_measure_whose_own_text_holds_the_parts_is_no_title_or_theme_hit(files, recs):
    """The user test: 碳排放权交易 (and 永川 碳排放权交易) listed 永川's （十三）市场机制支撑绿色低碳发展, which
    prints 碳排放权 and 绿色电力证书交易, yet its 按区县 line said 永川区 had no result: the synonym
    碳市场 is in the name of its theme 碳市场与环境权益, so the search as typed found it there only and
    counted it apart as 只是所属文件标题或主题含有所搜的词. Read from the YAML: its own text holds the parts
    and neither the term nor a word of its synonym group; it is a result of 永川区's own, found by the
    parts. 节能降碳: 黔江's measures that print 节能 and whose theme 减污降碳与污染防治 holds 降碳 are results
    said apart, with 黔江区, not a district without results."""
    import yaml

    doc = yaml.safe_load((DATA / "documents/yongchuan/yongchuan-2022-112.yaml").read_text(encoding="utf-8"))
    themes = {t["slug"]: t["name"] for t in yaml.safe_load((DATA / "themes.yaml").read_text(encoding="utf-8"))["themes"]}
    group = next(g["terms"] for g in yaml.safe_load((DATA / "synonyms.yaml").read_text(encoding="utf-8"))["synonyms"]
                 if "碳排放权交易" in g["terms"])
    m13 = next(m for m in doc["measures"] if m.get("title") == "市场机制支撑绿色低碳发展")
    assert "碳排放权" in m13["text"] and "交易" in m13["text"] and not any(w in m13["text"] for w in group)
    assert any(w in themes[t] for t in m13["themes"] for w in group)
    search = SearchFiles(files)
    for query in ("碳排放权交易", "永川 碳排放权交易"):
        hits = {recs[h.record].id: h for h in search.search(query)}
        hit = hits[f"{doc['id']}/{m13['id']}"]
        assert (hit.later, hit.parts) == (False, True), query
        assert search.by_district(list(hits.values()))["永川区"].own >= 1, query
    counts = search.by_district(search.search("节能降碳"))
    assert counts["黔江区"].own == 0 and counts["黔江区"].later > 0
    assert counts["永川区"].parts >= 1  # （十四）财政金融…: 节能减碳 and 减污降碳, apart


@pytest.mark.parametrize("item", load_queries(), ids=lambda q: q["q"])
def test_a_long_term_or_one_that_finds_nothing_is_also_searched_as_its_parts(files, truth, item):
    """The parts are written by hand in search_queries.yaml; a term of 2–3 characters that finds
    something, and in the exact-only search any term that finds something, is searched as typed only."""
    for exact in (True, False):
        assert SearchFiles(files).searched(item["q"], exact)[1] == truth.split_of(item["q"], exact)


@pytest.mark.parametrize(("term", "parts"), [
    ("铜梁区充电桩", ["铜梁区", "充电桩"]),  # the longer name at a place when both cover as much: 铜梁区
    ("充电桩铜梁区", ["充电桩", "铜梁区"]),
    ("江津发改委光伏", ["江津", "发改委", "光伏"]),
    ("铜梁区x江津", ["铜梁区", "江津"]),  # one character between two names is dropped
    ("铜梁区的充电桩", ["铜梁区", "充电桩"]),  # a joining word is cut at
    ("光伏和储能", ["光伏", "储能"]),  # also where the term holds no name
    ("铜梁区委组织部", ["铜梁", "区委组织部"]),  # the names that cover the most characters
    ("江津区发改委", ["江津区", "发改委"]),  # as many as 江津 + 区发改委, and 江津区 is the longer at the start
    ("铜梁区铜梁区", ["铜梁区铜梁区"]),  # a part once: one part, nothing to split into
    ("铜梁区x", ["铜梁区x"]),  # one name and one character: nothing to split into
    ("光伏发电", ["光伏发电"]),
    ("铜梁区", ["铜梁区"]),
])
def test_term_parts_cover_the_most_with_names_and_cut_at_joining_words(term, parts):
    assert N.term_parts(term, {"铜梁", "铜梁区", "江津", "江津区", "区发改委", "发改委", "区委组织部"}) == parts


def test_split_names_are_the_district_and_department_names_and_corpus_words_in_the_shards_of_their_first_bigram(files):
    search = SearchFiles(files)
    assert {"江津区", "江津", "区发改委", "发改委", "生态环境局"} <= search.names_in("江津区发改委生态环境局")
    assert {"屋顶", "光伏", "能耗", "双控"} <= search.names_in("屋顶光伏能耗双控")  # words the corpus is segmented into
    assert not {"顶光", "伏能"} & search.names_in("屋顶光伏能耗双控")


@pytest.mark.parametrize(("query", "dropped", "rest"), [
    ("电车充电", ["电车"], "充电"),  # split by the search; 电车 is printed nowhere
    ("充电桩 电瓶车", ["电瓶车"], "充电桩"),
    ("充电桩电瓶车", ["电瓶车"], "充电桩"),
    ("发改委 电车 牵头", ["电车"], "发改委 牵头"),  # a role word stays: it filters what the rest finds
    ("铜梁 电车 充电", ["电车"], "铜梁 充电"),  # a district's name stays
])
def test_a_query_that_finds_nothing_shows_what_it_finds_without_its_words_found_nowhere(files, recs, truth, query, dropped, rest):
    assert not truth(query) and all(truth.finds_nothing(t, False) for t in dropped)
    fallback = SearchFiles(files).fallback(query)
    assert fallback is not None and (fallback.dropped, fallback.query) == (dropped, rest)
    assert {recs[h.record].id for h in fallback.found.hits} == truth(rest)


@pytest.mark.parametrize("query", [
    "充电桩",  # finds something
    "电车", "电车 电瓶车",  # every word found nowhere
    "碳汇 珞璜", "珞璜碳汇",  # each word found, not together: never searched apart
    "电车 牵头", "铜梁 电车", "重点项目 电车",  # only a filter would be left
])
def test_no_fallback_when_the_query_finds_something_or_no_word_of_it_would_be_left(files, query):
    assert SearchFiles(files).fallback(query) is None


def test_single_characters_are_not_searched(files):
    assert SearchFiles(files).search("碳") == []


def measure_substrings():
    """A real measure text (printed or read), a start and a length."""
    return st.tuples(st.integers(0, 10_000), st.booleans(), st.integers(0, 10_000), st.integers(2, 12))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(measure_substrings())
def test_any_substring_of_a_measure_text_finds_that_measure_and_nothing_that_lacks_it(real_index, files, recs, truth,
                                                                                      pick):
    i, use_printed, start, length = pick
    me = real_index.measures[i % len(real_index.measures)]
    text = (printed if use_printed else reading)(me.measure.text)
    start %= max(1, len(text) - 1)
    query = text[start:start + length]
    if len(N.query_terms(query)) == 0:
        return
    got = set(run(files, recs, query, exact=True))
    assert got == truth(query, exact=True)
    assert me.key in got


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10_000), st.integers(0, 40), st.integers(2, 6))
def test_any_substring_of_any_searchable_value_is_found_exactly(truth, files, recs, i, start, length):
    ids = sorted(truth.values)
    rid = ids[i % len(ids)]
    value = max(truth.values[rid], key=len)
    query = value[start % max(1, len(value) - 1):][:length]
    if not N.query_terms(query):
        return
    got = set(run(files, recs, query, exact=True))
    assert got == truth(query, exact=True)


# ------------------------------------------------------------------ ranking


def turns(hits, recs, truth):
    """Each hit's place among the hits that rank alike (tier and score): (which alike run, how many
    hits of its district, by the ground truth's districts, come before it in the run)."""
    out, seen, run, last = [], {}, -1, None
    for h in hits:
        key = (h.later, h.parts, h.exact, h.score, h.start)
        if key != last:
            run, last, seen = run + 1, key, {}
        district = truth.district_of.get(recs[h.record].id)
        out.append((run, seen.get(district, 0)))
        seen[district] = seen.get(district, 0) + 1
    return out


def test_ranking_is_by_tier_then_score_then_districts_in_turn_then_occurrences_then_record_order(files, recs, truth):
    hits = SearchFiles(files).search("发展改革局")  # found as typed, through another name, and by its parts
    keys = [(h.later, h.parts, not h.exact, -h.score, not h.start) for h in hits]
    assert keys == sorted(keys)
    assert {(h.parts, h.later, h.exact) for h in hits} >= {(False, False, True), (False, False, False), (True, False, True)}
    places = [(*turn, h.length, -h.occurrences, h.record) for turn, h in zip(turns(hits, recs, truth), hits, strict=True)]
    assert places == sorted(places)


@pytest.mark.parametrize("query", QUERIES)
def test_among_results_that_rank_alike_the_districts_take_turns(files, recs, truth, query):
    """A comparison across districts: every district's first result of a tier and score before any
    district's second, so page 1 and the header box spread over the districts (not the first in
    list order). The districts are the ground truth's, read from the YAML files."""
    hits = SearchFiles(files).search(query)
    places = turns(hits, recs, truth)
    assert places == sorted(places)


def test_the_first_results_of_a_department_come_from_every_district_that_has_them(files, recs, truth):
    """发改委 in the real data: after its page, the measures that rank alike (it leads them), one per
    district before a second: tongliang's first 3 are no longer all of the first results."""
    hits = SearchFiles(files).search("发改委")
    assert recs[hits[0].record].id == "department:fazhan-gaige"
    alike = [recs[h.record].id for h in hits[1:] if h.score == hits[1].score and h.later == hits[1].later]
    districts = {truth.district_of[rid] for rid in alike}
    assert len(districts) >= 3 and len({truth.district_of[rid] for rid in alike[:len(districts)]}) == len(districts)


@pytest.mark.parametrize(("query", "role", "named"), [
    ("光伏 牵头", "lead", None), ("发改委 牵头 光伏", "lead", "发展改革委"), ("发改委 配合", "support", "发展改革委"),
    ("充电桩 牵头单位", "lead", None), ("发改委牵头", "lead", "发展改革委"),
])
def test_a_role_word_keeps_the_results_where_the_unit_the_query_names_has_that_role(files, recs, truth, query, role, named):
    """The official's report: 牵头 is rarely printed in a measure; typed, it keeps the results whose
    unit named by the query (or, naming none, any unit) leads. Checked against the YAML's units."""
    got = [recs[h.record].id for h in SearchFiles(files).search(query)]
    assert got and set(got) == truth(query)
    for rid in got:
        units = truth.units[rid].get(role, [])
        assert units if named is None else any(named in u for u in units), rid
    without = " ".join(t for t in query.split() if t not in ("牵头", "配合", "牵头单位")).replace("牵头", "")
    assert set(got) < truth(without)  # the role word narrows: it is no text to find
    assert set(got) != truth(query, exact=True)


@pytest.mark.parametrize(("query", "district", "unit"), [
    ("江津 发改委 牵头", "jiangjin", "发展改革委"), ("江津区 生态环境局 牵头", "jiangjin", "生态环境局"),
    ("铜梁 发改委 牵头", "tongliang", "发展改革委"),
])
def test_a_district_name_with_a_role_word_picks_the_district_and_is_no_unit(files, recs, truth, query, district, unit):
    """An official's report: 甲山 发改委 牵头 kept measures led by 人行甲山中心支行 or 甲山区规划和自然资源局
    with 发改委 only supporting, the district's name taken for a unit. Checked against the YAML's units
    (the ground truth reads them with PyYAML): every result is the district's and one of its lead units
    is the unit typed; and every measure of the district with such a lead is found."""
    got = {recs[h.record].id for h in SearchFiles(files).search(query)}
    assert got
    for rid in got:
        assert truth.district_of.get(rid) == district, rid
        assert any(unit in u for u in truth.units[rid].get("lead", [])), (rid, truth.units[rid])
    wanted = {rid for rid, units in truth.units.items()
              if truth.district_of.get(rid) == district and any(unit in u for u in units.get("lead", []))}
    assert wanted and wanted == got


def test_a_measure_that_names_no_unit_is_found_by_the_roles_of_its_table_rows(files, recs):
    """铜梁's 推进光伏等可再生能源… (c3-3-1) names no unit in its main text; the task rows that carry it
    out do, and its result line says so, naming them (牵头（据附表2第 27、28 … 行）). 光伏 牵头 found the rows
    but not the measure."""
    search = SearchFiles(files)
    found = {recs[h.record].id: recs[h.record] for h in search.search("光伏 牵头")}
    assert "tongliang-2021-climate-plan/c3-3-1" in found
    assert re.match(r"牵头（据[^）]*第 [0-9、]+ 行）：", found["tongliang-2021-climate-plan/c3-3-1"].display["l"])
    supported = {recs[h.record].id: recs[h.record] for h in search.search("发改委 配合")}
    lines = [r.display.get("c", "") for rid, r in supported.items() if rid.startswith("tongliang-2021-climate-plan/c")]
    assert lines and all(re.match(r"配合（据[^）]*第 [0-9、]+ 行）：", line) and "区发展改革委" in line for line in lines), lines


@pytest.mark.parametrize(("query", "unit", "role", "topic"), [
    ("发改委 牵头 光伏", "发展改革委", "lead", "光伏"), ("农业农村委 牵头 光伏", "农业农村委", "lead", "光伏"),
    ("发改委 光伏", "发展改革委", None, "光伏"), ("发改委 牵头 电网", "发展改革委", "lead", "电网"),
    ("发改委 配合 充电", "发展改革委", "support", "充电"), ("住房城乡建委 牵头 充电桩", "住房城乡建委", "lead", "充电桩"),
])
def test_a_measure_found_by_a_unit_its_rows_name_is_found_only_through_a_row_that_holds_the_query(
        files, recs, truth, query, unit, role, topic):
    """A user test: 发改委 牵头 光伏 listed 铜梁's 大力发展非化石能源 (its main text names no unit) with the
    lead units of its five rows; 区发展改革委 leads the grid rows (27, 31), the solar row (29) is led by
    区农业农村委、区文化旅游委, and the official read that 发改委 leads solar. From the YAML: every result
    whose main text names no unit and that two or more table rows carry out has one of those rows that
    names the unit (in the role asked) and holds the topic word itself."""
    import yaml

    raw = {}
    for path in sorted((DATA / "documents").glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for m in doc["measures"]:
            raw[f"{doc['id']}/{m['id']}"] = m
    rows_of: dict[str, list[str]] = {}
    for key, m in raw.items():
        for target in m.get("implements") or []:
            rows_of.setdefault(f"{key.split('/')[0]}/{target}", []).append(key)

    def text(q) -> str:
        return q["reading"] if isinstance(q, dict) else q or ""

    def units(m: dict, roles) -> list[str]:
        return [text(u) for r in roles for u in (m.get("responsibility") or {}).get(r) or []]

    got = [recs[h.record].id for h in SearchFiles(files).search(query)]
    assert got and set(got) == truth(query)
    through_rows = [rid for rid in got if rid in rows_of and len(rows_of[rid]) > 1
                    and not units(raw[rid], ("lead", "support", "joint"))]
    for rid in through_rows:
        assert any(any(unit in u for u in units(raw[row], (role,) if role else ("lead", "support", "joint")))
                   and topic in text(raw[row].get("title")) + text(raw[row]["text"]) for row in rows_of[rid]), (query, rid)
    solar = "tongliang-2021-climate-plan/c3-3-1"
    if query == "发改委 牵头 光伏":
        # its rows name 区发展改革委 as a lead and it holds 光伏: it was found before, but no one row holds both
        assert solar not in got and "光伏" in raw[solar]["text"]
        assert "区发展改革委" in [u for row in rows_of[solar] for u in units(raw[row], ("lead",))]
    if query in ("农业农村委 牵头 光伏", "发改委 牵头 电网"):
        assert solar in through_rows  # as row 29, as rows 27 and 31


def test_a_measure_found_through_a_row_shows_that_rows_units(files, recs):
    """A user test: 农业农村委 牵头 光伏 found 铜梁's 大力发展非化石能源 (its main text names no unit) only
    as its solar row, yet its result line listed the lead units of all five rows (区城市管理局, 区水利局,
    区发展改革委 …): the official could not tell who leads solar. The line now names the row, as the
    metric page names a target's row (牵头（据附表2第 29 行）), and that row's units only, read here
    from the YAML; found by other words (光伏 牵头: no unit), it keeps the line of all the rows."""
    import yaml

    doc = yaml.safe_load((DATA / "documents" / "tongliang" / "tongliang-2021-climate-plan.yaml").read_text(encoding="utf-8"))
    rows = [m for m in doc["measures"] if "c3-3-1" in (m.get("implements") or [])]
    solar = next(m for m in rows if "光伏" in m["text"] and m["number"] == "29")

    def names(m, role):
        return [u["reading"] if isinstance(u, dict) else u for u in m.get("responsibility", {}).get(role) or []]

    search, rid = SearchFiles(files), "tongliang-2021-climate-plan/c3-3-1"
    hit = next(h for h in search.search("农业农村委 牵头 光伏") if recs[h.record].id == rid)
    assert [recs[r].id for r in hit.rows] == [f"tongliang-2021-climate-plan/{solar['id']}"]
    shown = search.shown(hit)
    assert shown["l"] == "牵头（据附表2第 29 行）：" + "、".join(names(solar, "lead")), shown["l"]
    assert "区城市管理局" not in shown["l"] and ("c" in shown) == bool(names(solar, "support"))
    grid = next(h for h in search.search("发改委 牵头 电网") if recs[h.record].id == rid)
    assert search.shown(grid)["l"].startswith("牵头（据附表2第 ") and "区农业农村委" not in search.shown(grid)["l"]
    plain = next(h for h in search.search("光伏 牵头") if recs[h.record].id == rid)  # no unit typed: every row's
    assert not plain.rows and search.shown(plain) == search.display(plain.record)
    assert search.shown(plain)["l"] == f"牵头{_rows_said(doc, rows)}：" + "、".join(dict.fromkeys(u for m in rows for u in names(m, "lead")))


def test_the_line_of_answering_rows_is_the_one_unit_lines_says(files, recs, real_index):
    """The result line of a measure found through some of its rows (reference.answering_lines, and
    search.js answeringLines, from the rows' units in its display data) is what index.unit_lines says
    of those rows, for each row, each pair of neighbours and all of them: one wording of the rows."""
    from generator.index import unit_lines
    from generator.search.reference import answering_lines

    search = SearchFiles(files)
    facets, entries = search.facets(), {me.key: me for me in real_index.measures}
    checked = 0
    for r, rows in facets["rows"].items():
        me = entries[recs[int(r)].id]
        implemented = real_index.relations.implemented_by[me.key]
        display = search.display(int(r))
        subsets = [[k] for k in range(len(rows))] + [[k, k + 1] for k in range(len(rows) - 1)] + [list(range(len(rows)))]
        for subset in subsets:
            answering = [entries[recs[rows[k]].id] for k in subset]
            lines = unit_lines(me, implemented, answering=answering)
            want = {"l": lines.get("lead") or lines.get("joint") or ""}
            want |= {k: lines[role] for role, k in R.ROLE_LINES.items() if role in lines and (role != "joint" or "lead" in lines)}
            assert answering_lines([display["rw"][k] for k in subset], facets) == want, (me.key, subset)
            checked += 1
    assert checked > 100, checked


def test_a_query_of_role_words_alone_finds_nothing_and_the_role_words_are_text_on_request(files):
    search = SearchFiles(files)
    assert search.searched("牵头") == ([], {}) and search.search("牵头 配合单位") == []
    assert search.search("牵头", role_text=True) == search.search("牵头", exact=True) != []
    assert search.plan("发改委 牵头") == search.plan("发改委") and search.role_words("发改委 负责") == {"负责": 0b101}


@pytest.mark.parametrize("query, first", [
    ("发展改革委", "department:fazhan-gaige"), ("区发改委", "department:fazhan-gaige"),
    ("江津区", "district:jiangjin"), ("江津", "district:jiangjin"),
    ("单位GDP能耗下降", "metric:energy-intensity-reduction"), ("碳汇", None), ("充电桩", None),
])
def test_exact_page_titles_and_whole_word_title_hits_come_first(files, recs, query, first):
    hits = SearchFiles(files).search(query)
    if first:
        assert recs[hits[0].record].id == first
    top = hits[0]
    assert top.score >= max(h.score for h in hits)
    assert top.score > 0  # a title, lead or whole-word hit beats a plain text hit


# What an official expects first. The records are chosen by what the YAML files say about them
# (tests/test_search_truth.py: a record's own names, its targets' metrics, its units), not by id.
PAGES = {"district", "document", "theme", "department", "metric"}


def places(files, recs, query: str) -> dict[str, int]:
    """Record id → its place in the results of the default search."""
    return {recs[h.record].id: i for i, h in enumerate(SearchFiles(files).search(query))}


def holds(values, words) -> bool:
    return any(w in v for v in values for w in words)


@pytest.mark.parametrize("query", ["碳排放", "能耗", "绿色建筑", "新能源汽车", "公交", "碳汇", "节能",
                                   "碳达峰", "工业", "充电桩", "森林覆盖率", "空气质量", "生态环境局"])
def test_a_page_whose_name_holds_the_query_ranks_before_every_measure_it_does_not_name(files, recs, truth, query):
    """碳排放 ranked the metric page 单位地区生产总值二氧化碳排放降低 18th, after every task row whose title
    says 碳排放. A page's title holds its names (a metric's name and wordings, a department's printed
    forms): a page whose name holds the typed term is about it, and ranks before every measure whose
    own name (its title) is not the term or a word of its group."""
    at = places(files, recs, query)
    term = fold(query)
    words = truth.words(term, False)
    pages = [rid for rid in at if truth.kinds[rid] in PAGES and holds(truth.names[rid], [term])]
    measures = [rid for rid in at if truth.kinds[rid] not in PAGES and not truth.names[rid] & words]
    assert pages and measures
    assert max(at[rid] for rid in pages) < min(at[rid] for rid in measures), \
        sorted(at, key=at.__getitem__)[:max(at[rid] for rid in pages) + 1]


@pytest.mark.parametrize(("query", "kind"), [("工业", "theme"), ("交通", "theme"), ("能源", "theme"),
                                           ("建筑", "theme"), ("发改委", "department")])
def test_the_theme_or_department_a_query_names_comes_first(files, recs, truth, query, kind):
    """A user test: 工业 opened with ten metric pages (规模以上工业增加值能耗 …, ranked alike and ordered by
    how often they say 工业) before the theme 工业与制造业; 交通 with a task row before the theme 交通运输.
    Among pages that rank alike, one of whose names starts with the query comes first, then the shorter
    title: the theme (or department) whose name the YAML gives, before every metric page that only holds
    the word."""
    at = places(files, recs, query)
    term = fold(query)
    words = truth.words(term, False)
    first = min(at, key=at.__getitem__)
    assert truth.kinds[first] == kind and holds(truth.names[first], words), sorted(at, key=at.__getitem__)[:5]
    merely = [rid for rid in at if truth.kinds[rid] == "metric" and not any(n.startswith(term) for n in truth.names[rid])]
    assert merely or kind == "department"
    assert all(at[first] < at[rid] for rid in merely)


def test_ties_among_pages_go_to_the_page_whose_title_starts_with_the_query_then_the_shorter(files, recs):
    """The tie-break itself (reference.SearchFiles._matching and search.js): in a run of hits alike in
    tier and score, the pages one of whose names starts with the query first, then the shorter title."""
    hits = SearchFiles(files).search("工业")
    run = [h for h in hits if (h.later, h.exact, h.score) == (hits[0].later, hits[0].exact, hits[0].score)]
    assert [h.start for h in run] == sorted((h.start for h in run), reverse=True) and run[0].start
    starting = [len(recs[h.record].display["t"]) for h in run if h.start]
    assert starting == sorted(starting) and recs[run[0].record].display["t"] == "工业与制造业"


@pytest.mark.parametrize("query", ["能耗", "碳排放", "绿色建筑", "绿色工厂", "公交", "充电桩", "非化石能源"])
def test_a_row_whose_target_is_a_metric_the_query_names_ranks_before_the_measures_that_mention_it_in_their_text(
        files, recs, truth, query):
    """能耗 in 铜梁: its indicator row 单位地区生产总值能源消耗降低 (the metric 单位地区生产总值能耗降低)
    ranked 14th of 16, under long measures that print 能耗 once. A record that sets a target for a metric
    whose name holds the term is about it; one that holds the term (or a word of its group) in no name,
    target or unit of its own only mentions it."""
    at = places(files, recs, query)
    term = fold(query)
    words = truth.words(term, False)
    about = [rid for rid in at if holds(truth.targets.get(rid, ()), [term])]
    mention = [rid for rid in at if rid in truth.targets and truth.tier(query, rid) == (False, False, False)
               and not holds(truth.targets[rid], words) and not holds(truth.names[rid], words)
               and not holds([u for us in truth.units[rid].values() for u in us], words)]
    assert about and mention
    assert max(at[rid] for rid in about) < min(at[rid] for rid in mention)


def test_in_one_districts_results_its_indicator_row_for_the_metric_the_query_names_is_among_the_first(files, recs, truth):
    """The official's search: 能耗, the results of 铜梁 (the 区县 filter, or 铜梁 typed)."""
    for query in ("能耗", "铜梁 能耗"):
        ids = [rid for rid in places(files, recs, query) if truth.district_of.get(rid) == "tongliang"]
        rows = [rid for rid in ids if truth.kinds[rid] == "indicator" and holds(truth.targets[rid], ["能耗"])]
        assert rows and all(ids.index(rid) < 3 for rid in rows), (query, [ids.index(rid) for rid in rows])


@pytest.mark.parametrize("query", ["充电站", "充换电", "充电桩", "单位GDP能耗下降"])
def test_a_page_one_of_whose_names_is_a_synonym_of_the_query_ranks_as_if_typed(files, recs, truth, query):
    """充电站 ranked the metric page 充电桩数量 (also called 充电桩, a synonym of 充电站) 8th, after measures
    that print 充电站 once: found only through another word, it ranked after every record found as
    typed. A record one of whose own names is a word of the term's group is named by the term."""
    at = places(files, recs, query)
    words = truth.words(fold(query), False)
    named = [rid for rid in at if truth.names[rid] & words]
    plain = [rid for rid in at if not holds(truth.names[rid], words)]
    assert named and plain
    assert max(at[rid] for rid in named) < min(at[rid] for rid in plain)


@pytest.mark.parametrize("query", ["充电桩", "充电站"])
def test_a_page_the_query_names_as_typed_ranks_before_one_a_synonym_names(files, recs, truth, query):
    """充电桩 put 充电基础设施数量 (also called 充电基础设施, a synonym of 充电桩) first and 充电桩数量 (also
    called 充电桩) second (a user test): a record one of whose names is the term as typed ranks before
    a record named only by another word of its group."""
    at = places(files, recs, query)
    term = fold(query)
    typed = [rid for rid in at if term in truth.names[rid]]
    other = [rid for rid in at if rid not in typed and truth.names[rid] & truth.words(term, False)]
    assert typed and other
    assert max(at[rid] for rid in typed) < min(at[rid] for rid in other)


def test_an_expansion_also_looks_for_a_word_that_names_a_record_the_term_does_not_find():
    """The words kept for a term find more, and so does a word of its group that is a record's whole
    name (it then ranks as found as typed) though a shorter word finds the record already."""
    fields = [()] * R.NF
    pile = R.Record("metric:pile", "metric", "x/", tuple((("充电桩数量",) if f == R.F_TITLE else ()) for f in range(R.NF)), None, (), {})
    text = R.Record("m", "measure", "x/", tuple((("建设充电站和充电桩",) if f == R.F_TEXT else v) for f, v in enumerate(fields)),
                    None, (), {}, "document:d")
    find = E.Finder([pile, text], ["充电站", "充电桩", "充电桩数量"])
    group = ["充电站", "充电桩", "充电桩数量"]
    shown = E.widening("充电站", group)
    assert shown == ["充电桩"]
    assert E.needed("充电站", shown, find) == ["充电桩"]
    assert E.needed("充电站", shown, find, group) == ["充电桩", "充电桩数量"]


def test_lead_department_hits_rank_before_supporting_ones(files, recs, real_index):
    hits = [h for h in SearchFiles(files).search("区发展改革委") if "/" in recs[h.record].id]
    leads = {me.key for me in real_index.measures
             if any(u.role == "lead" and "区发展改革委" in u.reading for u in me.units)}
    assert leads
    lead_positions = [i for i, h in enumerate(hits) if recs[h.record].id in leads]
    plain_positions = [i for i, h in enumerate(hits) if R.F_TITLE not in h.fields and R.F_LEAD not in h.fields]
    assert plain_positions and max(lead_positions) < min(plain_positions), \
        "every measure led by 区发展改革委 ranks above those it only supports or mentions"


def test_the_build_never_uses_the_reference_engine():
    from generator.pipeline import ROOT

    users = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "generator").rglob("*.py"))
             if re.search(r"search\.reference|from generator\.search import .*reference",
                          p.read_text(encoding="utf-8"))]
    assert users == ["generator/bench.py"], "the reference query engine is for the tests and the benchmark only"


# ------------------------------------------------------------------ the browser code stays safe


def test_search_js_never_inserts_data_as_html():
    from generator.pipeline import ASSETS

    js = (ASSETS / "search.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js, sink
    assert re.findall(r"fetch\(([^,)]+)", js) == ["key"], "only the same-site search files are fetched"


def test_the_short_name_of_the_dual_control_finds_the_measures_that_print_it_in_full(files, recs):
    """能耗双控 is what officials say; 黔江 prints 能源消费总量和强度双控制度 (a user test: 能耗双控 found
    nothing in 黔江). The reviewed group energy-dual-control joins the two wordings, both ways."""
    search = SearchFiles(files)
    short = {recs[h.record].id for h in search.search("能耗双控")}
    full = {recs[h.record].id for h in search.search("能源消费总量和强度双控")}
    assert "qianjiang-2022-24/m12" in short and "jiangjin-2022-57/safeguard-3" in full
    assert "qianjiang-2022-24/m12" not in {recs[h.record].id for h in search.search("能耗双控", exact=True)}


@pytest.mark.parametrize("query", ["可借鉴", "借鉴", "可借鉴措施"])
def test_the_borrowable_section_of_each_district_page_is_found_and_landed_on(files, recs, query):
    """An official's report: 可借鉴 found nothing, though each district page has a 可借鉴措施 section far
    down. Each district of districts.yaml (read with PyYAML) has one result that lands on it, before
    the measures that print the word."""
    import yaml

    from tests.conftest import DATA

    slugs = [d["slug"] for d in yaml.safe_load((DATA / "districts.yaml").read_text("utf-8"))["districts"]]
    got = [recs[h.record] for h in SearchFiles(files).search(query)]
    sections = [r for r in got if r.url.endswith("#borrowable")]
    assert sorted(r.url for r in sections) == sorted(f"districts/{s}/#borrowable" for s in slugs)
    assert got[:len(slugs)] == sections


def test_every_printed_wording_of_charging_is_found_by_the_word_officials_type(files, recs, real_index):
    """A user test: 充电桩 missed 江津's manufacturing plan (四), which prints 充（换）电 (加快完善充（换）电、
    加氢、车路协同等设施体系): a wording of the group spelt with the swapped character in brackets. Every
    measure whose text prints a charging wording is among the results of 充电桩."""
    wordings = ("充电桩", "充电站", "充电基础设施", "充电设施", "充换电", "充（换）电", "充电、换电")
    printed = {me.key for me in real_index.measures if any(w in me.full_text for w in wordings)}
    assert any(key.startswith("jiangjin-2022-manufacturing/") for key in printed)
    found = set(run(files, recs, "充电桩"))
    assert not {key for key in printed if key not in found}, sorted(printed - found)


@pytest.mark.parametrize("typed, printed", [("绿电", "绿色电力"), ("绿证", "绿色电力证书"), ("轻轨", "轨道交通"),
                                            ("地铁", "轨道交通")])
def test_the_short_or_spoken_word_finds_every_measure_printing_the_long_one(files, recs, real_index, typed, printed):
    """Officials type 绿电 and 绿证, the public 轻轨 and 地铁; the documents print only 绿色电力, 绿色电力证书
    and 轨道交通 (a probe of spoken words: each found nothing). Every measure whose text prints the long
    form is among the results of the short or spoken one."""
    holding = {me.key for me in real_index.measures if printed in me.full_text}
    assert holding and not any(typed in me.full_text for me in real_index.measures)
    found = set(run(files, recs, typed))
    assert holding <= found, sorted(holding - found)


@pytest.mark.parametrize("short, name", [("发改", "发改委"), ("经信", "经信委"), ("住建", "住建委"),
                                         ("生态局", "环保局"), ("商委", "商务委"), ("科委", "科技局")])
def test_a_department_short_name_officials_say_finds_what_its_name_finds(files, recs, short, name):
    """发改, 经信, 住建 are how officials (and 铜梁's plan: 明确发改、经信、交通、住建…) name departments in
    short; 生态局, 商委 and 科委 are spoken or former names. Each found a handful of records, or none, while the
    department's name of three characters (not searched as its parts, as 发展改革委 is) finds all of its
    measures: the short name finds at least what that name finds."""
    found, named = set(run(files, recs, short)), set(run(files, recs, name))
    assert len(named) > 20 and named <= found, sorted(named - found)[:5]


def test_the_words_also_searched_are_named_as_printed_and_matched_as_normalised(files):
    """The result page's 同时搜索了 named 充（换）电 as “充(换)电”: the search form folds the brackets
    (NFKC), which the documents and site_data/synonyms.yaml print full-width. The expansion names the
    words as printed (``printed``, beside ``shown``: the same words normalised, what is marked in
    the results; search.js says ``printed``); 充电桩 still finds 充（换）电 (the test above)."""
    manifest = json.loads(files["search/manifest.json"])
    term = "充电桩"
    entry = json.loads(files[f"search/p-{N.fnv1a(term[:2]) % manifest['shards']}.json"])[manifest["expandPrefix"] + term]
    assert "充(换)电" in entry["shown"] and "充(换)电" in entry["also"]
    assert entry["printed"] == [w.replace("(换)", "（换）") for w in entry["shown"]]
    assert "充（换）电" in entry["printed"] and not any("(" in w for w in entry["printed"])
    # a term whose words are printed as normalised carries no second list
    term = "发改委"
    entry = json.loads(files[f"search/p-{N.fnv1a(term[:2]) % manifest['shards']}.json"])[manifest["expandPrefix"] + term]
    assert "printed" not in entry


def test_a_words_printed_form_is_the_registrys_spelling_where_the_search_form_differs(real_index):
    forms = E.printed_forms(real_index)
    assert forms["充(换)电"] == "充（换）电"
    assert all(N.normalize(printed).strip() == word != printed for word, printed in forms.items())
    assert "充电桩" not in forms  # printed as its search form
