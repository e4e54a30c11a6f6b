"""Typed models of every YAML file under ``site_data/``.

Every model forbids unknown keys and documents each field: the editor guide's
data dictionary and ``site_data/schema/*.json`` are generated from these
descriptions, and a test fails when a field has none.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
GAP = "…"  # in a quote: the printed words continue after other printed text (table cells, line breaks)
# a bookmark a word processor's plain-text export writes into a source file ([bookmark: _Hlk117096641]):
# part of the file, not of the printed words
EXPORT_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
NOT_A_WORD = re.compile(r"[\W_]+")  # punctuation and blanks


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


MAX_INTEGER_DIGITS = 12  # a trillion 万元 is far beyond any district budget
MAX_FRACTION_DIGITS = 6
FIRST_YEAR, LAST_YEAR = 1949, 2100  # years a policy document can name


# A number written with what belongs in other fields: its comparator (≥, 以上, 不低于 …) before or
# after it, its unit (%, 万千瓦 …) after it. Each comparator word is named by the sign
# `comparator:` takes for it (as Target.comparator's description reads them).
_COMPARATOR_BEFORE = {
    "≥": "≥", ">=": "≥", "≧": "≥", "大于等于": "≥", "大于或等于": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥",
    "≤": "≤", "<=": "≤", "≦": "≤", "小于等于": "≤", "小于或等于": "≤", "不高于": "≤", "不超过": "≤", "不大于": "≤",
    "不多于": "≤", "控制在": "≤", ">": ">", "＞": ">", "大于": ">", "超过": ">", "高于": ">", "突破": ">",
    "<": "<", "＜": "<", "小于": "<", "低于": "<", "=": "=", "＝": "=", "达到": "=",
}
_COMPARATOR_AFTER = {"及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤"}
_NUMBER_WITH_EXTRAS = re.compile(
    r"\s*(?P<before>" + "|".join(map(re.escape, sorted(_COMPARATOR_BEFORE, key=len, reverse=True))) + r")?\s*"
    r"(?P<number>[-+＋]?\d+(?:[.．]\d+)?)\s*(?P<unit>[^\d\s]*?)\s*"
    r"(?P<after>" + "|".join(map(re.escape, sorted(_COMPARATOR_AFTER, key=len, reverse=True))) + r")?\s*")
# Units written in ASCII letters alone that targets use (`unit: "km"`): any other run of letters after
# a number (`1e`, `16x`) is a typo or a number format, not a unit to move into `unit:`
_LETTER_UNITS = frozenset({"km"})
_NOT_ASCII_DIGIT = re.compile(r"(?![0-9])\d|．")  # a decimal digit other than ASCII's (\d is Unicode's), the full-width point


def half_width_number(text: str) -> str:
    """``text`` with every decimal digit written as an ASCII one (１４ → 14) and the full-width point
    as `.`; nothing else changes."""
    if text.isascii():
        return text
    return _NOT_ASCII_DIGIT.sub(lambda c: "." if c.group() == "．" else str(unicodedata.decimal(c.group())), text)


def _number_with_extras(value: str) -> None:
    """Raise `number_with_extras` when ``value`` is a number written with its comparator or unit
    (`≥14.5%`, `20以上`, `大于14.5`): ctx names the number (half-width), the comparator's words as
    written and its sign, and the unit, so that the message can say what goes in which field."""
    found = _NUMBER_WITH_EXTRAS.fullmatch(value)
    if found is None or not (found["before"] or found["after"] or found["unit"]):
        return
    before, after, unit = found["before"] or "", found["after"] or "", found["unit"]
    if unit and (re.search(r"\d", unit) or unit[0] in ".．,，、;；/"):
        return  # not one number with a unit (`14.5.1`, `16，18`)
    if unit and unit.isascii() and unit.isalpha() and unit not in _LETTER_UNITS:
        return  # letters that are no unit in use (`1e`): said as a number that is not one
    words = f"{before}…{after}" if before and after else before or after
    sign = _COMPARATOR_AFTER[after] if after else _COMPARATOR_BEFORE[before] if before else ""
    raise PydanticCustomError("number_with_extras", "`{value}` 不是数字：除了数字还写了{extras}",
                              {"value": value, "number": half_width_number(found["number"]).lstrip("+＋"),
                               "words": words, "sign": sign, "unit": unit,
                               "extras": "和".join(part for part in (f"比较符「{words}」" if words else "",
                                                                    f"单位「{unit}」" if unit else "") if part)})


_THOUSANDS = re.compile(r"[-+＋]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?")  # 1,400 and 12，345.6: digits grouped by thousands
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _blanks(run: str) -> str:
    """`1 个空格`, `1 个全角空格「　」`, `2 个空白字符`: the blanks around a value, in words."""
    kind = "空格" if set(run) == {" "} else "全角空格「\u3000」" if set(run) == {"\u3000"} else "空白字符"
    return f"{len(run)} 个{kind}"


def _number_format(value: str) -> None:
    """Raise `number_format` for a number Decimal reads but the site would print as written (`14.5 `,
    `1,400`, `+15`, `.5`, `14.`, `1.5e3`): the message says each thing wrong, ctx the number to write."""
    number, wrong = value.strip(), []
    lead, trail = value[:len(value) - len(value.lstrip())], value[len(value.rstrip()):]
    if lead:
        wrong.append(f"开头多了 {_blanks(lead)}")
    if trail:
        wrong.append(f"末尾多了 {_blanks(trail)}")
    if _THOUSANDS.fullmatch(number):
        separators = "".join(dict.fromkeys(c for c in number if c in ",，"))
        number = re.sub("[,，]", "", number)
        wrong.append(f"用「{separators}」分隔了千位（数值不写千位分隔符）")
    if number[:1] in ("+", "＋"):
        number = number[1:]
        wrong.append(f"多了正号「{value.strip()[0]}」")
    if re.fullmatch(r"-?\.\d+", number):
        number = number.replace(".", "0.", 1)
        wrong.append("小数点前没有写 0")
    elif re.fullmatch(r"-?\d+\.", number):
        number = number[:-1]
        wrong.append("小数点后没有数字")
    elif re.fullmatch(r"-?\d+(?:\.\d+)?[eE][-+]?\d{1,3}", number):
        number = format(Decimal(number), "f")
        whole, _, fraction = number.lstrip("-").partition(".")
        if len(whole) > MAX_INTEGER_DIGITS or len(fraction) > MAX_FRACTION_DIGITS:  # 1e400: no number to offer
            raise ValueError(f"`{value}` 用了科学记数法，写成普通数字时整数部分超过 {MAX_INTEGER_DIGITS} 位或小数部分超过 "
                             f"{MAX_FRACTION_DIGITS} 位；请核对这个数字")
        wrong.append("用了科学记数法")
    if wrong and _PLAIN_NUMBER.fullmatch(number):
        raise PydanticCustomError("number_format", "`{value}` {wrong}",
                                  {"value": value, "number": number, "wrong": "，".join(wrong)})


def _decimal_text(value: str) -> str:
    _number_with_extras(value)
    # Decimal reads １４.５ as 14.5, but the site would print it as written: a value is written in
    # half-width digits (the rules match it with the source's digits of either width)
    if not value.isascii() and _NOT_ASCII_DIGIT.search(value):
        raise PydanticCustomError("full_width_digits", "`{value}` 用了全角数字；数值只用半角数字",
                                  {"value": value, "number": half_width_number(value).strip()})
    _number_format(value)
    try:
        Decimal(value.replace("＋", "+", 1))  # a full-width plus is said as `+15` is
    except (InvalidOperation, TypeError):
        raise ValueError(f"`{value}` 不是数字；请写阿拉伯数字，如 16 或 0.56") from None
    if not re.fullmatch(r"-?\d+(\.\d+)?", value):
        raise ValueError(f"`{value}` 不是普通的小数写法；请写阿拉伯数字，如 16 或 0.56")
    whole, _, fraction = value.lstrip("-").partition(".")
    if len(whole) > MAX_INTEGER_DIGITS or len(fraction) > MAX_FRACTION_DIGITS:
        raise ValueError(f"`{value[:20]}…` 的整数部分超过 {MAX_INTEGER_DIGITS} 位或小数部分超过 "
                         f"{MAX_FRACTION_DIGITS} 位；请核对这个数字")
    return value


def _not_negative(value: str) -> str:
    if value.startswith("-"):
        raise ValueError(f"`{value}` 是负数；金额不会小于零")
    return value


def _year(value: object) -> int:
    """A year as the loader kept it (text) or an int: four digits, 1949–2100. `0012` or `12` is
    refused, not read as the year 12."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not re.fullmatch(r"[1-9]\d{3}", value):
        raise PydanticCustomError("invalid_year", "应是四位数的年份，如 2025，这里是 {found}",
                                  {"found": repr(value)[:40]})
    if not FIRST_YEAR <= int(value) <= LAST_YEAR:
        raise PydanticCustomError("invalid_year", "年份 {year} 不在 {first}–{last} 之间",
                                  {"year": value, "first": FIRST_YEAR, "last": LAST_YEAR})
    return int(value)


def _date_text(value: object) -> object:
    """A date exactly as YYYY-MM-DD in 1949–2100 (not `0`, which would become 1970-01-01); the
    calendar check itself is pydantic's."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PydanticCustomError("invalid_date", "应是 YYYY-MM-DD 格式的日期，这里是 {found}",
                                  {"found": repr(value)[:40]})
    if not FIRST_YEAR <= int(value[:4]) <= LAST_YEAR:
        raise PydanticCustomError("invalid_date", "日期 {date} 不在 {first}–{last} 年之间",
                                  {"date": value, "first": FIRST_YEAR, "last": LAST_YEAR})
    return value


MAX_ID_LENGTH = 64  # ids become file names and anchors; the longest real one has 27 characters
RESERVED_ID_PREFIX = "cs-"  # element ids of the site's own search box and search page (assets/search.js)


def _not_reserved(value: str) -> str:
    if value == "index":
        raise ValueError("`index` 是列表页专用的编号；请换一个编号")
    if value.startswith(RESERVED_ID_PREFIX):
        raise ValueError(f"以 `{RESERVED_ID_PREFIX}` 开头的编号是网站搜索专用的；请换一个编号")
    return value


def _unique(values: list) -> list:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ValueError(f"{'、'.join(repeated)} 写了不止一次；每项只写一次")
    return values


DecimalText = Annotated[str, AfterValidator(_decimal_text)]
Money = Annotated[str, AfterValidator(_decimal_text), AfterValidator(_not_negative)]
Slug = Annotated[str, Field(pattern=SLUG, max_length=MAX_ID_LENGTH), AfterValidator(_not_reserved)]
Year = Annotated[int, BeforeValidator(_year)]
Date = Annotated[dt.date, BeforeValidator(_date_text)]
Flag = StrictBool  # YAML true/false only: `yes`, `on` or `1` are not booleans here


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("不能为空")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]

NULL_WORDS = frozenset({"null", "Null", "NULL", "None", "none", "~"})
"""Text that an editor wrote for "nothing" but quoted (`number: "null"`): the site would print it."""


def _null_is_empty(value: object) -> object:
    """A field that may be left empty (its default is ""): `number:` or `number: null` is empty."""
    return "" if value is None else value


def _no_null_word(value: str, info: ValidationInfo) -> str:
    if value.strip() in NULL_WORDS:
        raise ValueError(f"写成了文字 `{value.strip()}`，网站会把它照样印出来；没有时留空："
                         f"写 `{info.field_name}: \"\"`，或删去这一行")
    return value


NullIsEmpty = BeforeValidator(_null_is_empty, json_schema_input_type=Union[str, None])  # the schema lets null through too
Blank = Annotated[str, NullIsEmpty, AfterValidator(_no_null_word)]
"""Text that may be left empty ("" by default): written empty, `null` or `~`, it is empty."""


MEANING_END = re.compile(r"[，。；：（(]")


def field_meaning(field: FieldInfo) -> str:
    """A field's meaning in a few Chinese words, for messages (`字段 instrument（政策工具类型）`): its
    description up to the first punctuation. Every description opens with it (a test checks)."""
    return MEANING_END.split(field.description or "", maxsplit=1)[0].strip()


# ---------------------------------------------------------------- quotes


class Reading(Strict):
    """原文印刷有损（OCR 错字、乱码）的文字，原样照录，并写出我们的识读。"""

    printed: Text = Field(description="原文中的原样文字，连同损坏之处；逐字比对。`…` 表示中间隔着其他原文（表格单元、换行）。")
    reading: Text = Field(description="修复损坏后的文字：搜索和比较都用它。")
    note: Text = Field(description="识读与原文不同的理由（中文），如 「言」为「信」的 OCR 错读；必填：没有理由的识读会把原文没有的话当作原文发布。")
    uncertain: Flag = Field(False, description="识读存疑：识读只是最佳猜测、需要第二位编辑确认时写 true。")


NAMES_SEPARATOR = "；"
"""Separates several names in one cell of the downloads (units, departments, themes): no unit,
department or theme name may contain it (rules.names_hold_no_separator), so a cell splits cleanly.
Not 、, which names print inside themselves (电力、水务、天然气、石油企业)."""

Quote = Union[Text, Reading]
"""A verbatim quote: plain text, or printed text with a reading."""


def printed(quote: Quote | None) -> str:
    """The printed form of a quote (what the source says)."""
    if quote is None:
        return ""
    return quote.printed if isinstance(quote, Reading) else quote


def reading(quote: Quote | None) -> str:
    """The repaired form of a quote (what the source means)."""
    if quote is None:
        return ""
    return quote.reading if isinstance(quote, Reading) else quote


# ---------------------------------------------------------------- registries


class RegionGroup(str, Enum):
    main_city = "主城都市区"
    northeast = "渝东北"
    southeast = "渝东南"


class District(Strict):
    """重庆的一个区县。"""

    slug: Slug = Field(description="拼音编号，用于网址和文件路径，如 `jiangjin`；一经发布不再更改。")
    name: Text = Field(description="正式名称，如 江津区。")
    region: RegionGroup = Field(description="用于同类比较的片区：主城都市区、渝东北 或 渝东南。")
    aliases: list[Text] = Field(default_factory=list, description="文中指称该区县的其他名称，如 江津。")


class DistrictRegistry(Strict):
    """区县名单（site_data/districts.yaml）。"""

    districts: list[District] = Field(description="本站收录的全部区县。")


class DepartmentKind(str, Enum):
    district_department = "区级部门"
    party_organ = "党委机构"
    people_organisation = "群团组织"
    judicial = "司法机关"
    vertical_branch = "垂直管理派出机构"
    enterprise = "企业"
    leading_group = "领导小组"
    park_committee = "园区管理机构"
    town_street = "镇街"
    collective = "泛指单位"


class Department(Strict):
    """规范部门：跨区县的同一类机构（江津和永川的“区发展改革委”是同一个规范部门）。"""

    slug: Slug = Field(description="拼音编号，用于网址，如 `fazhan-gaige`；一经发布不再更改。")
    name: Text = Field(description="网站上显示的规范简称，如 发展改革委。")
    full_name: Text = Field(description="区级机构的正式全称，如 区发展和改革委员会。")
    kind: DepartmentKind = Field(description="机构类别；非区级机构（人民银行分支机构、电网企业、领导小组、园区管委会、镇街）各有类别。")
    district: Slug | None = Field(None, description="所属区县编号：只存在于某一个区县的机构（园区管委会、镇街、具名的领导小组）才填写。区县文件中的单位写法先在本区县的部门中查找，再在不分区县的部门中查找，所以各区县同名的机构（如各区县自己的高新区管委会）各建一个部门，各写各的区县。")
    aliases: list[Text] = Field(description="文件中印出的该机构的全部写法，与原文逐字一致（区发展改革委、区发改委、江津区市场监管局 …）；同一写法在同一区县内只能属于一个部门，但可以分别列在不同区县的部门下。")
    colloquial: list[Text] = Field(default_factory=list, description="口头简称：官员常说、文件中没有作为责任单位印出的简称（发改委、经信委、住建委；正文里顺带提到的“发改、经信”也写在这里）；搜索这些简称也能找到该部门的条目。责任单位中印出的写法应写在 `aliases`。")


class DepartmentRegistry(Strict):
    """规范部门名单（site_data/departments.yaml）。"""

    departments: list[Department] = Field(description="全部规范部门。")


class UnitNames:
    """The one look-up from a unit name printed in a district's documents to its department.

    A name resolves first to a department registered for the document's district (`district:`),
    else to a department with no district: each district may have its own body under a name
    another district also prints (港桥产业促进中心, 高新区管委会, a town). The check keeps this
    unambiguous (rules.aliases_are_unambiguous): one name under two departments of the same
    district, or of no district, is an error, and so is a name held both by a district-less
    department and by one district's own; where the registry still holds such a clash, the first
    department listed wins here, the district's own before a district-less one.
    """

    def __init__(self, departments: Iterable[Department]):
        # district (None: every district) → printed name → department
        self._by_district: dict[str | None, dict[str, Department]] = {}
        for dept in departments:
            names = self._by_district.setdefault(dept.district, {})
            for alias in dept.aliases:
                names.setdefault(alias, dept)

    def resolve(self, name: str, district: str | None) -> Department | None:
        """The department ``name`` stands for in a document of ``district``, or None."""
        own = self._by_district.get(district, {}).get(name) if district is not None else None
        return own if own is not None else self._by_district.get(None, {}).get(name)

    def known(self, district: str | None) -> dict[str, Department]:
        """Every name a document of ``district`` may print, with the department it resolves to."""
        own = self._by_district.get(district, {}) if district is not None else {}
        return {**self._by_district.get(None, {}), **own}

    def everywhere(self) -> Iterator[tuple[str | None, str, Department]]:
        """Every registered name with its district (None: every district) and its department."""
        for scope, names in self._by_district.items():
            for name, dept in names.items():
                yield scope, name, dept

    def elsewhere(self, name: str, district: str | None) -> list[Department]:
        """The departments of other districts registered under ``name``: what a document of
        ``district`` that prints it may have meant by mistake."""
        return [names[name] for scope, names in self._by_district.items()
                if scope is not None and scope != district and name in names]


class Theme(Strict):
    """封闭主题分类中的一个主题。"""

    slug: Slug = Field(description="英文编号，用于网址，如 `energy`；一经发布不再更改。")
    name: Text = Field(description="网站上显示的中文名称，如 能源转型。")
    description: Text = Field(description="主题说明：一句中文，说明哪些条目属于本主题。")
    keywords: list[Text] = Field(default_factory=list, description="提示本主题的政策用语；也加入搜索词典。")


class ThemeRegistry(Strict):
    """主题分类（site_data/themes.yaml）。"""

    themes: list[Theme] = Field(description="封闭的主题分类；每个条目使用其中一个或多个编号。")


class Direction(str, Enum):
    higher_is_better = "higher"
    lower_is_better = "lower"


class Metric(Strict):
    """多个区县都可能设定目标的可比指标。"""

    slug: Slug = Field(description="英文编号，用于网址，如 `energy-intensity-reduction`。")
    name: Text = Field(description="规范中文名称，如 单位地区生产总值能耗降低。")
    unit: Blank = Field(description="数值的单位，如 % 或 万千瓦；纯比值留空。")
    direction: Direction = Field(description="指标方向：数值越大越积极写 `higher`，越小越积极写 `lower`。")
    themes: Annotated[list[Slug], AfterValidator(_unique)] = Field(description="本指标所属的主题。")
    aliases: list[Text] = Field(default_factory=list, description="文件中同一指标的其他说法。")
    description: Blank = Field("", description="如何理解本指标（中文）。")
    related: Annotated[list[Slug], AfterValidator(_unique)] = Field(
        default_factory=list,
        description="相关指标：衡量同一件事、但口径或单位不同的指标（充电桩数量与充电基础设施数量），数值不能直接比较，"
                    "页面互相链接；在一处写出即可，另一处自动对应。")


class MetricRegistry(Strict):
    """可比指标名单（site_data/metrics.yaml）。"""

    metrics: list[Metric] = Field(description="全部可比指标。")


class SynonymGroup(Strict):
    """经审核的一组同义政策用语：搜索其中一个时也查找其余各个。"""

    slug: Slug = Field(description="该组的英文编号，如 `charging`；一经发布不再更改。")
    terms: list[Text] = Field(min_length=1, description="同义的各个用语，每个至少 2 个字，按文件中的写法（充电桩、充电站、充电基础设施 …）；一个用语只能属于一组。")
    note: Text = Field(description="同义依据：为何同义、各写法见于哪些文件（中文）。")


class SynonymRegistry(Strict):
    """同义用语（site_data/synonyms.yaml）。"""

    synonyms: list[SynonymGroup] = Field(description="全部经审核的同义用语组。")


# ---------------------------------------------------------------- documents


class DocumentKind(str, Enum):
    action_plan = "行动方案"
    action_programme = "行动计划"
    implementation_plan = "实施方案"
    plan = "规划"


class Status(str, Enum):
    effective = "印发"
    draft = "征求意见稿"


class CitedPolicy(Strict):
    """文件贯彻落实或引用的上位政策。"""

    title: Quote = Field(description="文件中印出的政策标题（不含《》）。")
    doc_number: Quote | None = Field(None, description="原文印出的该政策文号，如 渝府办发〔2022〕22号；原文未给出时写 null。")
    relation: Literal["implements", "cites"] = Field(description="与该政策的关系：文件写明贯彻落实该政策时写 `implements`；仅提及时写 `cites`。")


def _web_address(value: str) -> str:
    if value and not re.fullmatch(r"https?://[^\s<>\"'()\\`]+", value):
        raise ValueError(f"`{value}` 不是网址；请写成 https://…（不含空格或括号），或者留空")
    return value


def _found_web_address(value: str) -> str:
    if not value:
        raise ValueError("要写出查到定稿的发布页面（https://…）；没有查到定稿时不写 `final`")
    return _web_address(value)


class FinalVersion(Strict):
    """征求意见稿后来正式印发的定稿：编辑在政府网站上查到时填写（本站的条目仍按收录的征求意见稿）。"""

    title: Text = Field(description="定稿印发通知的标题，照发布页面逐字填写。")
    doc_number: Text | None = Field(None, description="定稿的文号，如 铜环发〔2022〕93号；页面未给出时写 null。")
    published: Date = Field(description="定稿的发布日期（YYYY-MM-DD），照发布页面填写。")
    url: Annotated[str, AfterValidator(_found_web_address)] = Field(description="政府网站上定稿的发布页面（https://…）：只填查到的地址，切勿猜测。")


class Consultation(Strict):
    """公众对征求意见稿提意见的方式。"""

    deadline: Date = Field(description="意见反馈截止日期（YYYY-MM-DD）。")
    deadline_printed: Text = Field(description="原文中截止日期的原样写法，如 20211225日。")
    channels: list[Text] = Field(description="反馈渠道，每一种都照录原文（信函、电子邮件、电话）。")
    final: FinalVersion | None = Field(None, description="已查到的定稿（标题、文号、发布日期、发布页面）；没有查到时不写。")


ATTRIBUTION_LABELS = {"printed": "原文写明", "inferred": "推断（原文未写明地区）"}  # Attribution.method as pages say it


class Attribution(Strict):
    """如何确认文件出自哪个区县。"""

    method: Literal["printed", "inferred"] = Field(description="认定方式：原文写明区县时写 `printed`；推断得出时写 `inferred`。")
    evidence: list[Text] = Field(description="认定依据，每条一项（中文）；`inferred` 时引用原文中指向该区县的文字。")
    doc_number_source: Blank = Field("", description="文号来源：原文未印文号时，文号从何而来。")




class SourceInfo(Strict):
    """逐字原文文件及其来历。"""

    file: Text = Field(description="原文文件名：site_data/sources/ 下逐字原文的文件名。")
    url: Annotated[str, NullIsEmpty, AfterValidator(_web_address)] = Field("", description="政府发布该文件的网址（原文或编者注中有记录时填写，https://…）；没有记录时留空，页面上显示“原发布地址未记录”。切勿猜测。")
    format_note: Blank = Field("", description="副本说明：这是哪种副本（网页、DOCX 导出、扫描件 OCR）以及已知缺陷。")


class Dates(Strict):
    """成文和发布日期，以及原文中的原样写法。"""

    written: Date | None = Field(None, description="成文日期，写作 YYYY-MM-DD；原文未印时写 null。")
    published: Date | None = Field(None, description="发布日期，写作 YYYY-MM-DD；原文未印时写 null。")
    printed: list[Text] = Field(default_factory=list, description="原文中日期的原样写法，用于逐字比对。")


class Section(Strict):
    """文件大纲中的一个标题。"""

    id: Slug = Field(description="文件内稳定的编号，如 `s2-1`。")
    number: Blank = Field(description="原文编号，如 二、 或 （一） 或 第三章；没有编号时留空。")
    number_reading: Text | None = Field(None, description="编号印刷受损时（如 OCR 把（一）识成 (-)）的识读：引用本条时用它，number 照印刷原样；编号完好时不写。")
    title: Quote = Field(description="原文标题文字。")
    children: list[Section] = Field(default_factory=list, description="下级标题，按原文顺序。")


class MeasureKind(str, Enum):
    goal = "goal"
    measure = "measure"
    safeguard = "safeguard"
    indicator = "indicator"
    project = "project"
    task = "task"


class Responsibility(Strict):
    """谁来落实这一条，照录原文。"""

    clause: Quote | None = Field(None, description="完整的责任单位原文，含括号，如 (牵头单位:区发展改革委;配合单位:区经济信息委)；表格行的单位各占一栏时写 null。")
    lead: list[Quote] = Field(default_factory=list, description="牵头单位，原文写法，按原文顺序。")
    support: list[Quote] = Field(default_factory=list, description="配合单位（配合单位、牵头单位之后的责任单位、…配合），原文写法，按原文顺序。")
    joint: list[Quote] = Field(default_factory=list, description="共同负责单位：不分牵头、共同负责的单位（…等按职责分工负责、X负责、表格中唯一的“责任单位”栏）。")
    lead_etc: Flag = Field(False, description="牵头单位后有“等”：名单以“等”结尾时写 true。")
    support_etc: Flag = Field(False, description="配合单位后有“等”：名单以“等”结尾时写 true。")
    joint_etc: Flag = Field(False, description="共同负责单位后有“等”：名单以“等”结尾时写 true。")


ROLES = ("lead", "support", "joint")
"""The lists of a Responsibility, in the order the site shows them."""
ROLE_LABELS = {"lead": "牵头", "support": "配合", "joint": "分工负责"}
"""Each role in the site's words: the one naming of the roles that pages, the search's result lines,
the compare view, downloads and the check's messages all use (role_name below for a unit line)."""
FROM_ROWS = "（据附表行）"
"""After a role's name when the units are those of the table rows that carry a measure out (黔江's main
text names none of its own) when a row has no printed number (else FROM_NAMED_ROWS): 分工负责（据附表行）."""
FROM_NAMED_ROWS = "（据{}）"
"""The same where the rows are named (index.rows_named): 牵头（据附表2第 57 行）."""
UNDIVIDED = "原文未分牵头与配合"
"""Said of a document (or district) whose units are one list, neither 牵头 nor 配合: every unit is
分工负责 (黔江's task table: one 责任单位 column)."""
UNDIVIDED_NOTE = (f"{UNDIVIDED}：只列一份责任单位名单，本站把这些单位记作“{ROLE_LABELS['joint']}”"
                  f"（按职责分工负责），所以搜索或筛选“{ROLE_LABELS['lead']}”“{ROLE_LABELS['support']}”时不会列出它们")
"""The explanation a page gives where its document (or district) does not divide 牵头 from 配合."""
UNDIVIDED_SAID = f"{UNDIVIDED}，其单位都记作“{ROLE_LABELS['joint']}”"
"""The same in a line: the search's 按区县 line and the compare view's 查找 box."""


def role_name(role: str, from_rows: bool | str = False) -> str:
    """A role as a unit line names it: 牵头, 配合, 分工负责, or, for table rows' units, 分工负责（据附表行）
    or, where ``from_rows`` names the rows (index.rows_named), 牵头（据附表2第 57 行）."""
    if isinstance(from_rows, str):
        return ROLE_LABELS[role] + FROM_NAMED_ROWS.format(from_rows)
    return ROLE_LABELS[role] + (FROM_ROWS if from_rows else "")


class Comparator(str, Enum):
    at_least = "≥"
    more_than = ">"
    equal = "="
    at_most = "≤"
    less_than = "<"


class Target(Strict):
    """一个量化目标，可追溯到它所依据的原文。"""

    metric: Slug = Field(description="指标：metrics.yaml 中的指标编号。")
    clause: Quote = Field(description="目标所依据的原文；`…` 连接表格同一行的各单元。")
    value: DecimalText | None = Field(None, description="目标数值，只写数字（16、0.56）；数值由市级下达（市级下达）或原文未给出时写 null。")
    unit: Blank = Field("", description="原文中数值的单位：%、个、万千瓦、亿元 …")
    comparator: Comparator = Field(Comparator.equal, description="比较符：以上/不低于/超过…及以上 写 ≥；超过/突破 写 >；以内/不超过/控制在 写 ≤；达到或单纯数值写 =。")
    base_year: Year | None = Field(None, description="变化的基准年（较2020年 → 2020）。")
    base_value: DecimalText | None = Field(None, description="原文给出的基准年数值（指标表的 2020 年一栏）。")
    target_year: Year | None = Field(None, description="目标的年份（到2025年 → 2025）；时期（“十四五”期间）写最后一年。")
    nature: Literal["约束性", "预期性"] | None = Field(None, description="目标性质：原文标明时写 约束性 或 预期性。")
    set_by_municipality: Flag = Field(False, description="市级下达，原文数值为 市级下达/完成市上下达…目标/完成上级下达目标 时写 true：区县采用市级数值。")
    cumulative: Flag = Field(False, description="累计值：数值是整个时期的累计值（【22】或“累计”）时写 true。")
    note: Blank = Field("", description="目标读法不显然时的说明（中文）。")
    uncertain: Flag = Field(False, description="读法存疑：数值、年份或基年值的读法只是最佳猜测、有待对照原件核实时写 true，并在 note 中写明疑点。网站在目标值旁注明“存疑”。")

    @model_validator(mode="after")
    def _value_or_municipality(self) -> Target:
        if self.set_by_municipality and self.value is not None:
            raise ValueError("市级下达的目标（set_by_municipality: true）没有自己的数值：请写 value: null")
        if self.uncertain and not self.note:
            raise ValueError("读法存疑的目标（uncertain: true）要在 note 中写明疑点")
        return self


class NotTarget(Strict):
    """条目原文中印出、却不记作目标数值的数（项目的建设规模、划定范围的门槛、现状值，或读不准、已在目标的 note 中说明的数）：写在这里，检查就不再把它报为漏记的目标。"""

    printed: Text = Field(description="这个数连同单位，照本条的标题或正文（原文受损时照识读）逐字引出，如 `9200平方米`；可以多引前后几个字（`生态湿地9200平方米`），引文中每个带单位的数都算在内。")
    note: Text = Field(description="为什么不把它记作目标的数值（中文），如 项目的建设规模，没有可以跨区县比较的指标。")

    @field_validator("printed")
    @classmethod
    def _names_a_number(cls, printed: str) -> str:
        if not re.search(r"[0-9０-９]", printed):
            raise ValueError(f"`{printed}` 中没有数字；照原文引出这个数，连同它的单位，如 9200平方米")
        return printed


class Investment(Strict):
    """重点项目的投资，单位万元，照录原文。"""

    total: Money = Field(description="总投资，万元。")
    superior: Money | None = Field(None, description="上级资金，万元；原文有时填写。")
    district_fiscal: Money | None = Field(None, description="区级财政投资，万元；原文有时填写。")
    social: Money | None = Field(None, description="社会投资，万元；原文有时填写。")
    printed: Text = Field(description="投资原文：各单元按顺序用 `…` 连接（如 40000…36000…4000），逐字比对。")
    columns_uncertain: Flag = Field(False, description="资金栏存疑：表格被压平、看不出数字属于哪一资金栏时写 true。")
    note: Blank = Field("", description="数字如何分配到各栏的说明（中文）。")


class Project(Strict):
    """重点项目表（附表 重点项目库）一行的附加字段。"""

    category: Text = Field(description="原文中的类别，如 温室气体排放控制。")
    name: Text = Field(description="原文中的项目名称。")
    start_year: Year = Field(description="完成时限的起始年。")
    end_year: Year = Field(description="完成时限的结束年。")
    period_printed: Text = Field(description="原文中的完成时限，如 2021-2025。")
    investment: Investment = Field(description="投资及其资金构成。")

    @field_validator("end_year")
    @classmethod
    def _years_in_order(cls, end_year: int, info: ValidationInfo) -> int:
        start_year = info.data.get("start_year")
        if start_year is not None and start_year > end_year:
            raise PydanticCustomError("year_order", "起始年 start_year {start} 晚于结束年 end_year {end}",
                                      {"start": start_year, "end": end_year})
        return end_year


class Measure(Strict):
    """记录的基本单位：一条编号措施、一个目标、表格的一行、一个重点项目或一个指标。"""

    id: Slug = Field(description="文件内稳定的编号，如 `m7`、`task-12`；不得复用或重新编号。")
    kind: MeasureKind = Field(description="条目类型：goal（目标）、measure（编号或加粗引领的措施）、safeguard（保障措施）、indicator（指标表的一行）、project（重点项目）或 task（任务分工表的一行）。")
    section: Slug = Field(description="所在章节：大纲中标题的 id。")
    number: Blank = Field("", description="原文编号（1. / 1． / （三） / 12）；没有编号时留空。")
    number_reading: Text | None = Field(None, description="编号印刷受损时（如 OCR 把（一）识成 (-)）的识读：引用本条时用它，number 照印刷原样；编号完好时不写。")
    title: Quote | None = Field(None, description="原文的首句或小标题（协同开发油气资源。）；没有时写 null。")
    text: Quote = Field(description="条目的原文（不含小标题和责任单位括注），逐字照录。")
    category: Blank = Field("", description="表格行适用的类别单元（类别 / 任务类别 / 重点任务），照录原文。")
    responsibility: Responsibility = Field(default_factory=Responsibility, description="责任单位：原文中的牵头、配合和共同负责单位。")
    themes: Annotated[list[Slug], AfterValidator(_unique)] = Field(description="主题：themes.yaml 中的一个或多个主题编号，各写一次。", min_length=1)
    instrument: Literal["规划", "法规标准", "财政税收", "金融", "市场机制", "工程项目", "试点示范", "监管执法", "宣传教育", "科技创新", "考核评价"] | None = Field(None, description="政策工具类型（可选）。")
    targets: list[Target] = Field(default_factory=list, description="本条提出的量化目标。")
    not_targets: list[NotTarget] = Field(default_factory=list, description="不是目标的数：本条原文中印出、带着单位，却不是量化目标的数（项目的建设规模、门槛、现状值），各写明理由；检查不把它们报为漏记的目标（`target-not-recorded`）。")
    project: Project | None = Field(None, description="项目信息，仅用于 kind 为 `project` 的条目：类别、名称、时限和投资。")
    implements: Annotated[list[Slug], AfterValidator(_unique)] = Field(default_factory=list, description="落实的正文条目，仅用于 task、indicator、project 表格行：本行所落实的同一文件正文条目（goal、measure 或 safeguard）的 id，如 [m12]。网站据此把本行与该条目合计为一条，并在该条目下列出本行的单位。本行不对应任何正文条目时留空。")
    note: Blank = Field("", description="显示在条目下方的编者注（中文），如识读存疑、表格版式。")

    def says_only_its_targets(self) -> bool:
        """Whether the text is its targets' clauses and nothing else: an indicator table's row kept as
        a task (战略性新兴产业产值占工业总产值比重达15%), a target, not a measure to compare as one."""
        if not self.targets:
            return False
        rest = printed(self.text).replace(GAP, "")
        for target in self.targets:
            rest = rest.replace(printed(target.clause).replace(GAP, ""), "")
        return not NOT_A_WORD.sub("", rest)

    @model_validator(mode="after")
    def _project_fields(self) -> Measure:
        if (self.kind == MeasureKind.project) != (self.project is not None):
            raise ValueError("kind 为 `project`（重点项目）的条目必须有 `project:` 部分，其他条目不能有")
        return self


class ProjectTotal(Strict):
    """重点项目表中原文的“合计”行。"""

    total: Money = Field(description="投资合计，万元，照录原文。")
    superior: Money | None = Field(None, description="上级资金合计。")
    district_fiscal: Money | None = Field(None, description="区级财政投资合计。")
    social: Money | None = Field(None, description="社会投资合计。")
    printed: Text = Field(description="合计原文：“合计”各单元用 `…` 连接，逐字比对。")
    note: Blank = Field("", description="原文合计中已知的不一致之处（中文）。")


class Document(Strict):
    """一份政策文件：元数据、大纲和全部条目。"""

    id: Slug = Field(description="文件编号，即去掉 .yaml 的文件名，如 `jiangjin-2022-57`；一经发布不再更改。")
    district: Slug = Field(description="区县：districts.yaml 中的区县编号，即所在目录名。")
    title: Text = Field(description="方案本身的原文标题（附件的标题）。")
    short_title: Text = Field(description="表格和链接中使用的中文简称，如 江津区成渝双碳联合行动方案。")
    notice_title: Text | None = Field(None, description="印发通知的原文标题（关于印发…的通知）。")
    doc_number: Text | None = Field(None, description="文号，如 江津府办发〔2022〕57号，一般照原文所印；原文未印、从原文之外查到时也填写，同时写 doc_number_printed: false；不知道文号时写 null。")
    doc_number_printed: Flag = Field(True, description="文号印在原文中：文号来自原文之外时写 false（在 attribution.doc_number_source 中说明来源）。")
    issuer: Text = Field(description="原文中的发文机关，如 重庆市江津区人民政府办公室。")
    kind: DocumentKind = Field(description="文件类型：行动方案、行动计划、实施方案 或 规划。")
    status: Status = Field(description="文件状态：印发（正式施行）或 征求意见稿（公开征求意见的草案）。")
    dates: Dates = Field(description="成文和发布日期。")
    consultation: Consultation | None = Field(None, description="征求意见信息，仅用于征求意见稿：截止日期和反馈渠道。")
    policies: list[CitedPolicy] = Field(default_factory=list, description="上位政策：文件贯彻落实或引用的政策及其文号。")
    source: SourceInfo = Field(description="逐字原文及其来历。")
    attribution: Attribution = Field(description="如何确认所属区县。")
    last_verified: Date = Field(description="核对日期：编辑最近一次对照原文核对本文件的日期（YYYY-MM-DD）。")
    outline: list[Section] = Field(description="文件的各级标题，按原文顺序。")
    measures: list[Measure] = Field(description="全部条目，按原文顺序。")
    project_total: ProjectTotal | None = Field(None, description="重点项目表原文的“合计”（文件有该表时）。")

    @model_validator(mode="after")
    def _draft_consultation(self) -> Document:
        if self.status == Status.draft and self.consultation is None:
            raise ValueError("征求意见稿必须有 `consultation:` 部分，写明截止日期和反馈渠道")
        return self


@dataclass(frozen=True)
class RegistrySpec:
    """One registry file under site_data/: loading, the cross-file rules, the JSON Schema and the
    data dictionary all iterate :data:`REGISTRIES`, so a new registry is one line here plus its models."""

    file: str  # file name under site_data/
    model: type[BaseModel]  # the whole file
    key: str  # the file's one list key, also the Corpus attribute that holds the parsed file
    item: type[BaseModel]  # one entry of the list (its `slug` is unique within the file)
    heading: str  # heading in the data dictionary
    names: tuple[str, ...] = ()  # list fields of an entry whose words must each belong to one entry only
    # the field of an entry that limits its names to one district (a department's `district`): the same
    # name may then stand under entries of different districts, but not under one of no district as well
    scope: str | None = None

    def entries(self, registry: BaseModel) -> list:
        """The entries of a parsed registry file."""
        return getattr(registry, self.key)


REGISTRIES: tuple[RegistrySpec, ...] = (
    RegistrySpec("districts.yaml", DistrictRegistry, "districts", District, "区县 districts.yaml"),
    RegistrySpec("departments.yaml", DepartmentRegistry, "departments", Department, "部门 departments.yaml",
                 ("aliases", "colloquial"), "district"),
    RegistrySpec("themes.yaml", ThemeRegistry, "themes", Theme, "主题 themes.yaml"),
    RegistrySpec("metrics.yaml", MetricRegistry, "metrics", Metric, "指标 metrics.yaml", ("aliases",)),
    RegistrySpec("synonyms.yaml", SynonymRegistry, "synonyms", SynonymGroup, "同义词 synonyms.yaml", ("terms",)),
)
REGISTRY_FILES = {r.file: r.model for r in REGISTRIES}
