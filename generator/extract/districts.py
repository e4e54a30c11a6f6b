"""Which district a source names, to catch a wrong `--district` before a draft is filed under it.

A source names its district in its title, its notice's title and its issuer (铜梁区应对气候变化“十四五”
规划, 重庆市铜梁区生态环境局). When those name another district and not the one given, the draft would
be filed under the wrong district and its units read as that district's (荣昌区庆隆镇人民政府 for 铜梁's
庆隆镇): extract refuses, naming the district the source prints. Any of Chongqing's 38 districts and
counties is recognised, registered in districts.yaml or not (then its slug is offered for registering).
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


def named_elsewhere(text: str, heading: dict[str, str | None], district: District,
                    registered: Iterable[District]) -> NamedElsewhere | None:
    """The district ``text`` names when it is not ``district``: the one its ``heading`` (the title, the
    notice's title, the issuer, by their names in Chinese) names when that names no form of ``district``;
    or, a heading naming no district, the one the text names most (at least NAMED_IN_TEXT times) when it
    never names ``district``. None when the source names ``district``, or no district at all (a copy whose
    district name was removed: its attribution is then inferred)."""
    forms = _forms(registered)
    pattern = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))
    own = {form for form, (slug, _, _) in forms.items() if slug == district.slug} | {district.name, *district.aliases}
    said = {label: words for label, words in heading.items() if words}
    in_heading = [(label, words, m.group(0)) for label, words in said.items() for m in pattern.finditer(words)]
    if in_heading:
        if any(form in own for _, _, form in in_heading) or any(form in words for form in own for words in said.values()):
            return None
        slug, name, known = forms[in_heading[0][2]]
        # where it is said, the first two places (the title, then the notice's title or the issuer)
        where = "、".join(list(dict.fromkeys(f"{label}「{words}」" for label, words, form in in_heading
                                            if forms[form][0] == slug))[:2])
        return NamedElsewhere(slug, name, known, where)
    if any(form in text for form in own):
        return None
    counts = Counter(forms[m.group(0)][0] for m in pattern.finditer(text))
    if not counts:
        return None
    slug, times = counts.most_common(1)[0]
    if times < NAMED_IN_TEXT:
        return None
    _, name, known = next(value for value in forms.values() if value[0] == slug)
    return NamedElsewhere(slug, name, known, f"原文中出现「{name}」等写法 {times} 次")
