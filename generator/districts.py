"""Which district a source names: to catch a document filed under the wrong district, by `extract`
before it drafts one and by `check` in every document (one look-up for both).

A source names its district in its title, its notice's title, its 文号 and its issuer (铜梁区应对气候变化
“十四五”规划, 江津府办发〔2022〕57号, 重庆市铜梁区生态环境局). When those name another district and not the
one given, the document is filed under the wrong district and its units read as that district's (荣昌区
庆隆镇人民政府 for 铜梁's 庆隆镇): extract refuses, check reports it, both naming the district the source
prints. Any of Chongqing's 38 districts and counties is recognised, registered in districts.yaml or not
(then its slug is offered for registering).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import District

CHONGQING: tuple[tuple[str, str], ...] = (
    # 26 districts
    ("wanzhou", "万州区"), ("qianjiang", "黔江区"), ("fuling", "涪陵区"), ("yuzhong", "渝中区"),
    ("dadukou", "大渡口区"), ("jiangbei", "江北区"), ("shapingba", "沙坪坝区"), ("jiulongpo", "九龙坡区"),
    ("nanan", "南岸区"), ("beibei", "北碚区"), ("qijiang", "綦江区"), ("dazu", "大足区"), ("yubei", "渝北区"),
    ("banan", "巴南区"), ("changshou", "长寿区"), ("jiangjin", "江津区"), ("hechuan", "合川区"),
    ("yongchuan", "永川区"), ("nanchuan", "南川区"), ("bishan", "璧山区"), ("tongliang", "铜梁区"),
    ("tongnan", "潼南区"), ("rongchang", "荣昌区"), ("kaizhou", "开州区"), ("liangping", "梁平区"),
    ("wulong", "武隆区"),
    # 8 counties
    ("chengkou", "城口县"), ("fengdu", "丰都县"), ("dianjiang", "垫江县"), ("zhongxian", "忠县"),
    ("yunyang", "云阳县"), ("fengjie", "奉节县"), ("wushan", "巫山县"), ("wuxi", "巫溪县"),
    # 4 autonomous counties
    ("shizhu", "石柱土家族自治县"), ("xiushan", "秀山土家族苗族自治县"), ("youyang", "酉阳土家族苗族自治县"),
    ("pengshui", "彭水苗族土家族自治县"),
)
"""Chongqing's 38 districts and counties: the pinyin slug districts.yaml would give each, and its full name."""
SHORT_COUNTIES = {"石柱县": "shizhu", "秀山县": "xiushan", "酉阳县": "youyang", "彭水县": "pengshui"}
"""The autonomous counties as most documents print them."""
SHORT_NAME_CHARS = 2  # a district's name without 区 or 县 (大足, 垫江) stands for it at the start of a 文号 (大足府办发)
NAMED_IN_TEXT = 3  # a source that prints no district in its heading is taken for one it names this often, and not the given one


@dataclass(frozen=True)
class NamedElsewhere:
    """The district a source names instead of the one given: its slug, its name, whether districts.yaml
    has it, and where the source names it (in the editors' words)."""

    slug: str
    name: str
    registered: bool
    where: str


def _forms(registered: Iterable[District]) -> dict[str, tuple[str, str, bool]]:
    """Each printed form of a district (full name, registered alias, short county name) → (slug, name, registered)."""
    forms: dict[str, tuple[str, str, bool]] = {}
    for d in registered:
        for form in (d.name, *d.aliases):
            forms.setdefault(form, (d.slug, d.name, True))
    names = dict(CHONGQING)
    for slug, name in CHONGQING:
        forms.setdefault(name, (slug, name, False))
    for form, slug in SHORT_COUNTIES.items():
        forms.setdefault(form, (slug, names[slug], False))
    registered_names = {d.name: d for d in registered}
    # a district registered under its full name is the registered one, whatever its slug there
    return {form: ((registered_names[name].slug, name, True) if name in registered_names else (slug, name, known))
            for form, (slug, name, known) in forms.items()}


def _short_forms(forms: dict[str, tuple[str, str, bool]]) -> dict[str, tuple[str, str, bool]]:
    """Each district's short name (大足 of 大足区, 石柱 of 石柱县) → what its full name stands for: a 文号
    begins with it (大足府办发〔2023〕1号), and only there is it taken for the district (长寿 is a word too)."""
    full = [name for _, name in CHONGQING if len(name) == SHORT_NAME_CHARS + 1] + list(SHORT_COUNTIES)
    return {name[:SHORT_NAME_CHARS]: forms[name] for name in full}


def named_elsewhere(text: str | None, heading: dict[str, str | None], district: District,
                    registered: Iterable[District], doc_number: str | None = None) -> NamedElsewhere | None:
    """The district a source names when it is not ``district``: the one its ``heading`` (the title, the
    notice's title, the issuer, by their names in Chinese) or the start of its ``doc_number`` (大足府办发)
    names when none of them names a form of ``district``; or, a heading naming no district, the one the
    ``text`` names most (at least NAMED_IN_TEXT times) when it never names ``district`` (``text`` None: the
    heading alone decides). None when the source names ``district``, or no district at all (a copy whose
    district name was removed: its attribution is then inferred)."""
    forms = _forms(registered)
    every = forms | _short_forms(forms)  # with the short names (大足 of 大足区), which a 文号 begins with
    pattern = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))
    own = {form for form, (slug, _, _) in every.items() if slug == district.slug} | {district.name, *district.aliases}
    said = {label: words for label, words in heading.items() if words}
    in_heading = [(label, words, forms[m.group(0)]) for label, words in said.items() for m in pattern.finditer(words)]
    if doc_number:
        begins = next((form for form in sorted(every, key=len, reverse=True) if doc_number.startswith(form)), None)
        if begins is not None:
            in_heading.append(("文号", doc_number, every[begins]))
        said["文号"] = doc_number
    if in_heading:
        if (any(slug == district.slug or name == district.name for _, _, (slug, name, _) in in_heading)
                or any(form in words for form in own for words in said.values())):
            return None
        slug, name, known = in_heading[0][2]
        # where it is said, the first two places (the title, then the notice's title, the issuer or the 文号)
        where = "、".join(list(dict.fromkeys(f"{label}「{words}」" for label, words, named in in_heading
                                            if named[0] == slug))[:2])
        return NamedElsewhere(slug, name, known, where)
    if text is None or any(form in text for form in own):
        return None
    counts = Counter(forms[m.group(0)][0] for m in pattern.finditer(text))
    if not counts:
        return None
    slug, times = counts.most_common(1)[0]
    if times < NAMED_IN_TEXT:
        return None
    _, name, known = next(value for value in forms.values() if value[0] == slug)
    return NamedElsewhere(slug, name, known, f"原文中出现「{name}」等写法 {times} 次")
