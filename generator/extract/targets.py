"""Quantified targets: `到2025年…达到/下降/提高/控制在…N%/万亩/亿元/个`, `分别…、…`, `完成市下达目标`.

Each target keeps the clause it was read from (a verbatim piece of the item's text) and is mapped to
a metric of metrics.yaml by name or alias where one occurs in the clause, else by the nearest name
(rapidfuzz) when it is close enough, else `todo` for the editor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from generator.model import Metric

UNITS = sorted(["%", "万亩", "亩", "亿元", "万元", "万个", "个", "家", "种", "万千瓦", "千瓦", "万吨标准煤",
                "万吨", "吨",
                "万立方米", "立方米", "平方公里", "公里", "km", "座", "辆", "台", "处", "项", "所", "户", "条", "天",
                "万平方米", "平方米", "‰", "亿千瓦时", "万人", "人", "倍", "m3/天", "亿元/平方公里", "微克/立方米"],
               key=len, reverse=True)
NUMBER = r"(\d+(?:\.\d+)?)"
QUANTITY = re.compile(NUMBER + r"(?:[-－—~～]\d+(?:\.\d+)?)?\s*(" + "|".join(re.escape(u) for u in UNITS) + r")?")
VERBS = re.compile(r"执行|优选|开展|覆盖|淘汰|推广|更新|改造|建设|达到|达|下降|降低|减少|提高|提升|增长|"
                   r"不低于|不少于|不超过|以上|以内|以下|控制在|保持在?|稳定在|突破|"
                   r"超过|大于|新增|累计|建成|培育|创建|完成|发展|改造|治理|率|比重|占比")
YEAR = re.compile(r"(?:到|至|力争到|力争|于)?(20\d\d)(?:年|,|，)")
MUNICIPAL = re.compile(r"(?:完成|达到|落实)?(?:市上|市级|市|上级|重庆市)下达")
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5}
WATER_CLASS = re.compile(r"(达到或优于|优于|达到)\s*(IV|V|I{1,3}|Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ)\s*类")
CLAUSE_SPLIT = re.compile(r"[，,；;。]")
NEAREST_METRIC_MIN = 82


@dataclass
class DraftTarget:
    metric: str
    clause: str
    value: str | None
    unit: str
    comparator: str  # read from `comparator_printed`, or (none printed) the guess by the rule 单纯数值写 =
    target_year: int | None
    base_year: int | None = None
    set_by_municipality: bool = False
    cumulative: bool = False
    nature: str | None = None
    note: str = ""
    metric_score: float | None = None
    extra: dict = field(default_factory=dict)
    comparator_printed: str = ""  # the printed words next to the value the comparator is read from


EQUAL_BEFORE = re.compile(r"(全部达到|全面达到|达到|达|提高至|提高到|提升至|提升到|增长至|增长到|增至|增加到|降至|降到|"
                          r"下降至|下降到|降低至|降低到|稳定在|保持在|为|至|到)$")


def _comparator(after: str, before: str) -> tuple[str, str]:
    """The comparator the words next to a value say, and those words as printed; ("=", "") when no
    word says it: a bare number is written = (model.Target), a guess the editor confirms."""
    if said := re.match(r"\s*(及以上|以上)", after) or re.search(r"(不低于|不少于|至少)$", before):
        return "≥", said.group(1)
    if said := re.match(r"\s*(以内|以下)", after) or re.search(r"(不超过|不高于|控制在)$", before):
        return "≤", said.group(1)
    if said := re.search(r"(超过|突破|大于|高于)$", before):
        return ">", said.group(1)
    if re.match(r"[\s…]*[以及]", after):  # `98%以…卜`: a broken 以上 or 以内 (OCR), = is no reading
        return "=", ""
    if said := EQUAL_BEFORE.search(before):
        return "=", said.group(1)
    return "=", ""


class MetricFinder:
    def __init__(self, metrics: list[Metric]):
        self.names: dict[str, Metric] = {}
        for m in metrics:
            for name in [m.name, *m.aliases]:
                self.names[name] = m
        self.ordered = sorted(self.names, key=len, reverse=True)

    def find(self, subject: str, unit: str = "") -> tuple[Metric | None, float | None]:
        """The metric named last in ``subject`` (closest to the value), else the nearest name; with
        a printed ``unit``, only metrics counted in that unit (or in none): check refuses a target
        whose unit is not its metric's, as its value would not compare with other districts'."""
        names = [name for name in self.ordered if not (unit and self.names[name].unit and self.names[name].unit != unit)]
        best: tuple[int, Metric] | None = None
        for name in names:
            at = subject.rfind(name)
            if at >= 0 and (best is None or at + len(name) > best[0]):
                best = (at + len(name), self.names[name])
        if best:
            return best[1], 100.0
        found = process.extractOne(subject, names, scorer=fuzz.partial_ratio)
        if found and found[1] >= NEAREST_METRIC_MIN and len(subject) >= 4:
            return self.names[found[0]], round(found[1], 1)
        return None, None

    def all_in(self, text: str) -> list[Metric]:
        """Every metric named in ``text``, in printed order (longer names win overlaps)."""
        taken: list[tuple[int, int, Metric]] = []
        for name in self.ordered:
            for m in re.finditer(re.escape(name), text):
                if not any(a < m.end() and m.start() < b for a, b, _ in taken):
                    taken.append((m.start(), m.end(), self.names[name]))
        out: list[Metric] = []
        for _, _, metric in sorted(taken, key=lambda t: t[0]):
            if metric not in out:
                out.append(metric)
        return out


def _year_before(text: str, pos: int, default: int | None) -> int | None:
    """The last year printed before ``pos`` that is not a base year (`较2020年`, `比2020年`)."""
    years = [int(m.group(1)) for m in YEAR.finditer(text[:pos])
             if text[max(0, m.start(1) - 1):m.start(1)] not in ("较", "比", "与", "自", "从")]
    years = [y for y in years if 2021 <= y <= 2060]
    return years[-1] if years else default


def find_targets(text: str, metrics: MetricFinder, horizon: int | None) -> list[DraftTarget]:
    """Every quantified target in one item's text, in printed order."""
    out: list[DraftTarget] = []
    start = 0
    pieces = []
    for m in CLAUSE_SPLIT.finditer(text + "。"):
        pieces.append((start, text[start:m.start()]))
        start = m.end()
    continuing = False  # `建成分散充电桩50个、专属充电桩100个`: a list goes on after a comma
    for offset, clause in pieces:
        if not clause.strip():
            continue
        whole = re.search(r"全部达到|全面达到", clause)
        if whole and YEAR.search(text[:offset + whole.start()]):
            metric, score = metrics.find(clause[:whole.start()])
            out.append(DraftTarget(metric.slug if metric else "todo", clause.strip(), "100", "%", "=",
                                   _year_before(text, offset, horizon), metric_score=score,
                                   note="原文为「全部达到」，按100%录入。", comparator_printed=whole.group(0)))
            continuing = True
            continue
        if MUNICIPAL.search(clause) and re.search(r"目标|任务|指标", clause):
            named: list[Metric | None] = list(metrics.all_in(clause)) or [None]
            for metric in named:
                out.append(DraftTarget(metric.slug if metric else "todo", clause.strip(), None,
                                       metric.unit if metric else "", "=", _year_before(text, offset, horizon),
                                       set_by_municipality=True))
            continue
        water = WATER_CLASS.search(clause)
        if water:  # `水质达到或优于Ⅲ类`: the class number, lower is cleaner
            metric, score = metrics.find(clause[:water.start()])
            out.append(DraftTarget(metric.slug if metric else "todo", clause.strip(), str(ROMAN[water.group(2)]), "类",
                                   "≤" if "优于" in water.group(1) else "=", _year_before(text, offset, horizon),
                                   metric_score=score, note=f"原文为「{water.group(0)}」，水质类别按类别序号记 "
                                                            f"{ROMAN[water.group(2)]}（数值越小水质越好）。",
                                   comparator_printed=water.group(1)))
            continuing = True
            continue
        found = [q for q in QUANTITY.finditer(clause) if _is_target_value(clause, q)]
        if not found or not (VERBS.search(clause) or continuing):
            continuing = False
            continue
        continuing = True
        subject_end = found[0].start()
        shared_unit = next((q.group(2) for q in reversed(found) if q.group(2)), "")
        lead = ""  # the words before a list of values (`分别不低于16%、18%`) say each value's comparator
        for k, q in enumerate(found):
            value, unit = q.group(1), q.group(2) or shared_unit
            metric, score = metrics.find(clause[:subject_end] if len(found) > 1 else clause[:q.start()], unit)
            last = k  # `分别…16%、18%以上`: a closing 以上 applies to every value of the list (rules.comparator_words),
            while last + 1 < len(found) and _listed(clause, found[last], found[last + 1]):
                last += 1  # not to a value before other words (`建成宜居村庄50个、…示范片2个以上`)
            after = clause[found[last].end():]
            before = clause[:q.start()].rstrip()
            if k == 0 or not _listed(clause, found[k - 1], q):
                lead = before
            comparator, printed = _comparator(after, lead)
            base = re.search(r"较(20\d\d)年|比(20\d\d)年", clause)
            out.append(DraftTarget(
                metric.slug if metric else "todo", clause.strip(), value, unit, comparator,
                _year_before(text, offset + q.start(), horizon),
                base_year=int(base.group(1) or base.group(2)) if base else None,
                cumulative="累计" in clause, metric_score=score, comparator_printed=printed))
    return _pair_metrics(out, metrics)


def _listed(clause: str, first: re.Match, then: re.Match) -> bool:
    """Whether two values are next to each other in a list (`16%、18%`, `16%和15%`)."""
    return re.fullmatch(r"\s*[、和与及]\s*", clause[first.end():then.start()]) is not None


def _is_target_value(clause: str, q: re.Match) -> bool:
    after = clause[q.end():q.end() + 2]
    before = clause[max(0, q.start() - 1):q.start()]
    if re.match(r"\s*(年|月|日|号|G|A级|级|次|期)", after) or before in ("-", "－", "—", "~", "～", "第"):
        return False
    if re.match(r"[-－—~～]\d", after):  # a range `1-2个`: its lower bound is the target
        return True
    if not q.group(2):  # a bare number only after 达到/至/为 (a coefficient such as 0.56)
        return bool(re.search(r"(达到|提高至|提高到|提升至|至|为)\s*$", clause[:q.start()])) and "." in q.group(1)
    value = float(q.group(1))
    return not (q.group(2) in ("个", "项", "条") and value >= 1000)


def _pair_metrics(targets: list[DraftTarget], metrics: MetricFinder) -> list[DraftTarget]:
    """`A和B…分别降低16%、18%`: give the n-th value the n-th metric named in the clause."""
    by_clause: dict[str, list[DraftTarget]] = {}
    for t in targets:
        if not t.set_by_municipality:
            by_clause.setdefault(t.clause, []).append(t)
    for clause, group in by_clause.items():
        if len(group) < 2 or "分别" not in clause:
            continue
        subject = clause[:clause.index("分别")]
        named = _split_subject(subject, metrics)
        if len(named) == len(group):
            for t, metric in zip(group, named, strict=True):
                t.metric = metric.slug if metric else "todo"
    return targets


def _split_subject(subject: str, metrics: MetricFinder) -> list[Metric | None]:
    """`单位地区生产总值能耗和二氧化碳排放强度` → the metric of each coordinated part."""
    parts = re.split(r"和|、|及|与", subject)
    if len(parts) < 2:
        return []
    head = parts[0]
    prefix = re.match(r"(.*?)(能耗|用水量|二氧化碳|能源)", head)
    common = prefix.group(1) if prefix else ""
    out: list[Metric | None] = []
    for i, part in enumerate(parts):
        name = part if i == 0 else common + part
        metric, _ = metrics.find(name)
        if metric is None:
            metric, _ = metrics.find(name + "降低")
        out.append(metric)
    return out
