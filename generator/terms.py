"""Chinese word segmentation tuned to this domain (jieba's dictionary and algorithm, plus a
dictionary built from the registries and a list of policy terms). Shared by similar-measure links
and search.

The segmenter is rjieba, the Python binding of jieba-rs: the same dictionary, word graph and HMM
as the jieba package, about 15 times faster and with a tenth of the start-up time (the dictionary
is compiled in, not unmarshalled). Left alone, jieba-rs keeps a run of digits and Latin letters
that no dictionary word covers whole (3-5, 2022-2025, 11.96km) where jieba cuts it into numbers
and words (3|-|5, 11.96|km); Segmenter cuts such runs the same way, so a year or a number inside
a range is a word of its own for search ranking and similarity, as it was with jieba."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import rjieba

# Policy terms jieba's own dictionary splits (充电桩 → 充电|桩). Single terms only: adding
# compounds such as 分布式光伏 makes searches for 光伏 lose hits.
POLICY_TERMS = (
    "碳达峰", "碳中和", "双碳", "充电桩", "换电", "加氢站", "新能源汽车", "装配式建筑", "绿色建筑", "绿色建材",
    "清洁生产", "碳汇", "碳排放", "碳排放权", "用能权", "排污权", "用水权", "碳交易", "碳市场", "碳足迹",
    "碳捕集", "页岩气", "天然气", "光伏", "储能", "氢能", "氢燃料电池", "生物质能", "煤改气", "煤改电",
    "循环化改造", "固废", "危险废物", "再生资源", "垃圾分类", "秸秆", "畜禽粪污", "农膜", "化肥", "高标准农田",
    "减污降碳", "能耗", "双控", "能效", "节能", "绿色工厂", "绿色园区", "绿色供应链", "绿色金融", "绿色信贷",
    "绿色债券", "绿色保险", "绿色采购", "绿色出行", "公共交通", "多式联运", "公转铁", "岸电", "海绵城市",
    "森林覆盖率", "森林蓄积量", "湿地", "国土绿化", "水土流失", "气象灾害", "工业互联网", "大数据", "数字化",
    "智能网联", "动力电池", "梯次利用", "合同能源管理", "第三方治理", "无废城市", "光盘行动", "零碳", "近零碳",
    "低碳", "温室气体", "甲烷", "电气化", "电网", "抽水蓄能", "热电联产", "三线一单", "碳惠通", "长江绿融通",
)

_WORD = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9.+-]*|\d+(?:\.\d+)?")
STOP_WORDS = frozenset(
    "推进 加强 推动 开展 建设 积极 完善 提升 加快 实施 发展 提高 强化 支持 鼓励 促进 深入 持续 落实 建立 健全 "
    "进一步 不断 全面 重点 有关 相关 工作 领域 方面 体系 机制 能力 水平 我区 全区 区域 单位 部门 企业 项目 "
    "坚持 探索 构建 打造 培育 引导 参与 组织 做好 加大 力度 统筹 协同 以及 等等 一批 各类 开展 实现 达到 "
    "到2025年 2025 2020 以上 以下 以内 年度 期间 十四五 得到 显著 结构 地区 降低 提高 增强 有效 明显 "
    "逐步 有序 大力 不断 主动 充分 着力 形成 确保 进行 利用 发挥 作用 重要 相关工作 区级 区内 全市 我市 市级 "
    "一体化 高质量 绿色低碳 绿色 低碳 加快推进 推进 工作 任务 目标 行动 方案 计划 规划 要求 措施 政策 "
    "积极参与 大力发展 服务 合作 配套 设施 集约".split()
) | frozenset(
    # Filler that says how or when, not what: never a reason to call two measures alike.
    "继续 切实 认真 严格 严格执行 坚决 因地制宜 力争 累计 新增 增加 结合 纳入 推行 推广 使用 采用 建成 完成 "
    "制定 编制 深化 优化 升级 先进 综合 方式 模式 支撑 融合 提供 主要 基本 初步 全力 稳定 稳步 加速 带动 扶持 "
    "普及 执行 试行 改进 从严 全方位 搭建 达成 指导 借助 依托 围绕 按照 根据 通过 落实好 用好 抓好 保障 推动 "
    "全区 各级 各类 有条件 符合条件 一批 一系列 每年 年底 以来 当前 今后 同时 其中 此外 包括 共同 协调 统一 "
    "管理 系统 国家 重庆 重庆市 行业 领域 工程 项目 增长 加以 规范 做到 全力推进 深入推进 加快推进 有序推进 "
    "积极推进 大力推进 持续推进 全面推进 扎实推进 稳步推进 着力推进 不断完善 逐步完善 进一步完善".split()
)


# A number (with its decimals and a per cent sign) or a run of Latin letters and digits: where
# jieba-rs returns a longer ASCII run, jieba returns these and the characters between them.
_ASCII_WORD = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_ASCII_RUN = re.compile(r"[a-zA-Z0-9+#&._%-]{2,}")  # characters the word graph joins to digits and letters
TERM_FREQUENCY = 50_000  # an added term outweighs any split of it the general dictionary offers


_UNUSED_DEFAULT: list[rjieba.Jieba] = [rjieba._DEFAULT_JIEBA]


def _new_jieba() -> rjieba.Jieba:
    """A segmenter with jieba's dictionary and nothing added. rjieba makes one when it is imported
    (for its module-level functions, which this project never calls) and each takes 0.12 s to make:
    the first segmenter asked for is that one, the others new."""
    return _UNUSED_DEFAULT.pop() if _UNUSED_DEFAULT else rjieba.Jieba()


class Segmenter:
    """Word segmentation with the domain's terms added: ``lcut(text)`` lists the words of a text,
    every character in order (punctuation and spaces are words of their own)."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._jieba = _new_jieba()
        for term in terms:
            self._jieba.add_word(term, TERM_FREQUENCY, None)

    def lcut(self, text: str) -> list[str]:
        words = self._jieba.cut(text, True)  # with the HMM: words the dictionary lacks are still found
        if all(_ASCII_WORD.fullmatch(run) for run in _ASCII_RUN.findall(text)):
            return words  # most texts: no run to cut (a quick test, the loop below is slower)
        out: list[str] = []
        for word in words:
            if len(word) > 1 and word.isascii() and not _ASCII_WORD.fullmatch(word) and not self._jieba.has_word(word):
                out.extend(piece for piece in _ASCII_WORD.split(word) if piece)
            else:
                out.append(word)
        return out


@lru_cache(maxsize=1)
def tokenizer(extra_terms: tuple[str, ...] = ()) -> Segmenter:
    """A segmenter with the policy terms and the given registry terms added."""
    return Segmenter(sorted(set(POLICY_TERMS) | set(extra_terms)))


def registry_terms(departments: Iterable, metrics: Iterable, themes: Iterable) -> tuple[str, ...]:
    """Department aliases, metric names and theme keywords as whole words."""
    terms: set[str] = set()
    for d in departments:
        terms.update(d.aliases)
        terms.add(d.name)
    for m in metrics:
        terms.add(m.name)
    for t in themes:
        terms.update(t.keywords)
    return tuple(sorted(t for t in terms if 2 <= len(t) <= 12))


def words(text: str, tk: Segmenter) -> list[str]:
    """Content words of a text: segmented, without stop words, punctuation or single characters."""
    return [word for word in map(_content_word, tk.lcut(text)) if word]


@lru_cache(maxsize=1 << 16)
def _content_word(token: str) -> str:
    """The token as a content word, or "" when it is none. Kept per token: a corpus's words recur."""
    token = token.strip()
    return token if _WORD.fullmatch(token) and token not in STOP_WORDS and not token.isdigit() else ""


def wording_groups(metrics: Iterable, synonyms: Iterable) -> list[tuple[str, ...]]:
    """Reviewed groups of wordings that mean one thing, shared by search (query expansion) and
    similar measures (one feature per group): each metric's name with its printed variants
    (metrics.yaml) and each synonym group (synonyms.yaml). A group of one wording is left out."""
    raw = [(m.name, *m.aliases) for m in metrics] + [tuple(g.terms) for g in synonyms]
    return [group for group in (tuple(dict.fromkeys(names)) for names in raw) if len(group) >= 2]
