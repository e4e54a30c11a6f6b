"""你是不是要找 (generator/search/suggest.py): the words offered when a query finds nothing or little.

A district official's user test on a phone: 充电庄 (meant 充电桩) and 光扶 (meant 光伏), typed with a
pinyin input method, found nothing and offered no way forward; 发改 found 4 results where 发改委
finds many. The expectations here are written out by hand (which word a typist meant), not worked
out the way the code ranks."""
from __future__ import annotations

import json

import pytest

from generator.search import search_files
from generator.search import suggest as S
from generator.search.reference import SearchFiles, substituted
from tests.test_search_truth import load_queries


@pytest.fixture(scope="module")
def files(real_index):
    return search_files(real_index)


# ------------------------------------------------------------------ sounds


@pytest.mark.parametrize("ch, said", [
    ("桩", ("zhuang",)), ("庄", ("zhuang",)),  # not 庄's classical peng
    ("伏", ("fu",)), ("扶", ("fu",)),
    ("信", ("xin",)),  # not shen, a reading of classical texts: 经信 is not 精神
    ("行", ("xing", "hang")), ("重", ("zhong", "chong")),  # both read in everyday words (银行, 重新)
    ("绿", ("lv", "lu")),
    ("a", ()), ("5", ()), ("，", ()),
])
def test_a_character_is_read_as_an_input_method_offers_it(ch, said):
    assert S.readings(ch) == said


@pytest.mark.parametrize("syllable, heard", [
    ("zhuang", "zuan"), ("zuan", "zuan"), ("sheng", "sen"), ("ning", "lin"), ("lin", "lin"), ("chan", "can"),
    ("nan", "lan"), ("fu", "fu"), ("zhong", "zong"),
])
def test_near_sounds_are_those_of_fuzzy_pinyin(syllable, heard):
    assert S.near(syllable) == heard


def test_the_common_characters_are_gb2312_level_one():
    common = S.common_characters()
    assert len(common) == 3755 and common[:3] == "啊阿埃" and common.endswith("座")
    assert "庄" in common and "扶" in common


# ------------------------------------------------------------------ ranking over a small vocabulary


VOCAB = {"充电桩": 12, "充电站": 30, "充电器": 2, "光伏": 13, "光照": 40, "发改委": 191, "发改局": 191, "发展改革委": 191,
         "碳达峰": 81, "能源消耗": 7, "能源消费": 60, "森林": 9, "深化": 3, "新能源汽车": 25}
NAMES = {"发改委", "发改局", "发展改革委"}


@pytest.fixture(scope="module")
def small():
    data = S.suggestion_files(VOCAB, NAMES)
    sounds = S.Sounds(data[S.SOUNDS])
    return lambda term, few=False: S.ranked(term, data.get(S.SHARD.format(len(term))), sounds, few)


@pytest.mark.parametrize("typed, meant", [
    ("充电庄", ["充电桩"]),  # 庄/桩 zhuang: the sound-alike, though 充电站 finds more
    ("光扶", ["光伏"]),  # 扶/伏 fu
    ("光复", ["光伏"]),  # a real word the input method offers first for guangfu
    ("碳打峰", ["碳达峰"]),
    ("新能原汽车", ["新能源汽车"]),
    ("生林", ["森林"]),  # sheng/sen: a near sound
    ("能源消废", ["能源消费"]),  # 废/费 fei: the sound-alike crowds out 能源消耗, one character changed
    ("能源消托", ["能源消费", "能源消耗"]),  # one character changed (and no sound): the word that finds more first
    ("发改", ["发改委", "发改局"]),  # begins a department's name
    ("发展改革", ["发展改革委"]),
])
def test_the_word_meant_is_offered_first(small, typed, meant):
    assert small(typed) == meant


@pytest.mark.parametrize("typed", [
    "阿斯顿", "充电宝",  # three characters: one changed is too far (充电宝 is no typo of 充电站)
    "光明",  # two characters: one changed is never offered (光伏, 光照)
    "asdf", "充电桩",  # the word itself
    "碳达峰碳中和目标",  # no shard of that length
])
def test_no_word_is_offered_for_what_no_word_sounds_like(small, typed):
    assert small(typed) == []


def test_a_query_with_a_few_results_is_offered_only_a_sound_alike_or_a_completed_name(small):
    assert small("发改", few=True) == ["发改委", "发改局"]
    assert small("能源消托", few=True) == [], "one character changed is not offered after a few results"
    assert small("生林", few=True) == [], "nor a near sound"
    assert small("光扶", few=True) == ["光伏"]


def test_the_shards_hold_each_word_once_with_its_count_and_the_names_it_begins(small):
    data = S.suggestion_files(VOCAB, NAMES)
    assert sorted(data) == sorted([S.SOUNDS] + [S.SHARD.format(n) for n in range(2, 6)])
    three = data[S.SHARD.format(3)]
    assert S.shard_words(three, 3) == [(w, VOCAB[w]) for w in sorted(w for w in VOCAB if len(w) == 3)]
    assert three["p"] == {"发展改": [["发展改革委", 191]]}
    assert data[S.SHARD.format(2)]["p"] == {"发改": [["发改委", 191], ["发改局", 191]]}
    assert S.longest(data) == 5


def test_the_sounds_hold_the_typed_characters_an_input_method_gives_though_no_word_has_them():
    data = S.suggestion_files(VOCAB, NAMES)
    sounds = S.Sounds(data[S.SOUNDS])
    assert sounds.alike("庄", "桩") == S.SAME_SOUND and sounds.alike("扶", "伏") == S.SAME_SOUND
    assert sounds.alike("生", "森") == S.NEAR_SOUND and sounds.alike("宝", "站") is None
    every = "".join(data[S.SOUNDS]["c"])
    assert "庄" in every and "扶" in every
    assert "龘" not in every, "a rare character no word sounds like is not shipped"


def test_a_part_that_finds_nothing_is_corrected_where_it_stands():
    assert substituted("分布式光扶", {"光扶": ["光伏", "光服"]}) == ["分布式光伏", "分布式光服"]
    assert substituted("光扶储能电战", {"光扶": ["光伏"], "电战": ["电站"]}) == ["光伏储能电站"]
    assert substituted("光扶储能电战", {"光扶": ["光伏"], "电战": []}) == []


# ------------------------------------------------------------------ the real site's suggestions


@pytest.mark.parametrize("typed, meant", [
    ("充电庄", "充电桩"), ("光扶", "光伏"), ("碳打峰", "碳达峰"), ("新能原汽车", "新能源汽车"), ("碳中合", "碳中和"),
    ("绿色见筑", "绿色建筑"), ("装配试建筑", "装配式建筑"), ("森林复盖率", "森林覆盖率"),
    ("卫健", "卫健委"), ("文旅", "文旅委"),  # a few results: the department's short name they begin
    ("铜梁 充电庄", "铜梁 充电桩"), ("充电庄 牵头", "充电桩 牵头"),  # the other terms, role words too, are kept
    ("分布式光扶", "分布式光伏"), ("节能减牌", "节能减排"),  # a part corrected in a term searched as its parts
    # two typos at once, corrected together: 江津's manufacturing plan (四) prints both 充（换）电 (a wording of
    # 充电桩's group) and 分布式光伏
    ("充电庄 光扶", "充电桩 光伏"),
])
def test_the_site_offers_what_was_meant_with_what_a_tap_finds(files, typed, meant):
    search = SearchFiles(files)
    offered = search.suggestions(typed)
    assert offered and offered[0][0] == meant, offered
    for query, count in offered:
        assert count == len(SearchFiles(files).search(query)) > 0
    assert len(offered) <= 3
    counts = [len(SearchFiles(files).search(q)) for q, _ in offered]
    assert all(n >= len(search.search(typed)) * 5 for n in counts)


def test_a_word_that_finds_the_same_as_one_offered_is_left_out(files):
    """卫健委 and 卫健局 are names of one department: both find the same records."""
    assert [q for q, _ in SearchFiles(files).suggestions("卫健")] == ["卫健委"]


@pytest.mark.parametrize("typed", ["阿斯顿马丁", "asdfgh", "的的的", "鱼香肉丝", "哈哈哈哈", "核电站", "充电宝", "充电庄 鱼香肉丝"])
def test_nothing_is_offered_for_nonsense(files, typed):
    assert SearchFiles(files).search(typed) == []
    assert SearchFiles(files).suggestions(typed) == []


def test_a_query_with_results_is_offered_nothing(files):
    """Every query of tests/search_queries.yaml (officials' queries, all meant as typed), the rare ones
    (珞璜, 5G, 调解能力 in a damaged print) too."""
    search = SearchFiles(files)
    offered = {q["q"]: search.suggestions(q["q"]) for q in load_queries() if search.search(q["q"])}
    assert len(offered) > 100
    assert {q: o for q, o in offered.items() if o} == {}


def test_the_suggestion_files_are_small_and_fetched_only_when_needed(files):
    manifest = json.loads(files["search/manifest.json"])
    shards = [f"search/{S.SHARD.format(n)}" for n in range(2, manifest["suggest"]["longest"] + 1)]
    assert set(shards) | {"search/" + S.SOUNDS} == {f for f in files if f.startswith(("search/s-", "search/pinyin"))}
    assert all(len(files[f]) < 40_000 for f in [*shards, "search/" + S.SOUNDS])
    ref = SearchFiles(files)
    ref.search("充电桩")
    ref.suggestions("充电桩")
    assert not [f for f in ref.fetched if f.startswith(("search/s-", "search/pinyin"))], "a query with results fetches none"
    ref = SearchFiles(files)
    ref.suggestions("充电庄")
    assert {f for f in ref.fetched if f.startswith(("search/s-", "search/pinyin"))} == {"search/s-3.json", "search/pinyin.json"}


@pytest.mark.parametrize(("marked", "plain"), [("lǜ", "lv"), ("nǚ", "nv"), ("lüè", "lve"), ("zhuāng", "zhuang"), ("fú", "fu")])
def test_a_syllable_loses_its_tone_and_keeps_u_umlaut_as_v(marked, plain):
    """ǖ ǘ ǚ ǜ are characters of their own, not ü with a tone: written lu they would make 绿 (lǜ) sound
    like 路 (lù)."""
    assert S.toneless(marked) == plain


def test_a_common_second_reading_is_kept():
    """率 is lǜ in 效率 and 利用率, shuài in 率先: an official's slip between 绿 and 率 is a same-sound one."""
    assert "lv" in S.readings("率") and "shuai" in S.readings("率")
    assert S.readings("信") == ("xin",)  # shēn only in classical texts
