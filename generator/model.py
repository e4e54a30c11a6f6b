"""Typed models of every YAML file under ``site_data/``.

Every model forbids unknown keys and documents each field: the editor guide's
data dictionary and ``site_data/schema/*.json`` are generated from these
descriptions, and a test fails when a field has none.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, model_validator

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
GAP = "…"  # in a quote: the printed words continue after other printed text (table cells, line breaks)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def _decimal_text(value: str) -> str:
    try:
        Decimal(value)
    except (InvalidOperation, TypeError):
        raise ValueError(f"`{value}` is not a number; write digits such as 16 or 0.56") from None
    if not re.fullmatch(r"-?\d+(\.\d+)?", value):
        raise ValueError(f"`{value}` is not a plain decimal number; write digits such as 16 or 0.56")
    return value


def _not_reserved(value: str) -> str:
    if value == "index":
        raise ValueError("`index` is reserved for the list pages; choose another id")
    return value


def _unique(values: list) -> list:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ValueError(f"lists {', '.join(repeated)} more than once; keep each entry once")
    return values


DecimalText = Annotated[str, AfterValidator(_decimal_text)]
Slug = Annotated[str, Field(pattern=SLUG), AfterValidator(_not_reserved)]
Flag = StrictBool  # YAML true/false only: `yes`, `on` or `1` are not booleans here


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]


# ---------------------------------------------------------------- quotes


class Reading(Strict):
    """Printed words that are damaged (OCR) or garbled, with our reading beside them."""

    printed: Text = Field(description="The characters exactly as printed in the source text, damage included; checked verbatim. `…` marks a gap where other printed text intervenes.")
    reading: Text = Field(description="What the printed characters say once the damage is repaired: the text used for search and comparison.")
    note: str = Field("", description="Why the reading differs from the print, in Chinese, e.g. 「言」为「信」的 OCR 错读.")
    uncertain: Flag = Field(False, description="true when the reading is a best guess that a second reader should confirm.")


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
    """One district (区县) of Chongqing."""

    slug: Slug = Field(description="Pinyin id used in URLs and file paths, e.g. `jiangjin`; never changes.")
    name: Text = Field(description="Official name, e.g. 江津区.")
    region: RegionGroup = Field(description="Region group used for peer comparison: 主城都市区, 渝东北 or 渝东南.")
    aliases: list[Text] = Field(default_factory=list, description="Other names that refer to the district in texts, e.g. 江津.")


class DistrictRegistry(Strict):
    districts: list[District] = Field(description="Every district the site covers.")


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
    """A canonical department: the same body across districts (区发展改革委 in 江津 and 永川 are one)."""

    slug: Slug = Field(description="Pinyin id used in URLs, e.g. `fazhan-gaige`; never changes.")
    name: Text = Field(description="Canonical short name shown on the site, e.g. 发展改革委.")
    full_name: Text = Field(description="Full official name of the body at district level, e.g. 区发展和改革委员会.")
    kind: DepartmentKind = Field(description="What kind of body this is; non-district bodies (central bank branches, grid companies, leading groups, park committees, towns) have kinds of their own.")
    district: Slug | None = Field(None, description="Set only for a body that exists in one district alone (a park committee, a named leading group): its district slug.")
    aliases: list[Text] = Field(description="Every name under which this body is printed in the documents, exactly as printed (区发展改革委, 区发改委, 江津区市场监管局 …).")


class DepartmentRegistry(Strict):
    departments: list[Department] = Field(description="Every canonical department.")


class Theme(Strict):
    """One theme of the closed taxonomy."""

    slug: Slug = Field(description="English id used in URLs, e.g. `energy`; never changes.")
    name: Text = Field(description="Chinese label shown on the site, e.g. 能源转型.")
    description: Text = Field(description="One Chinese sentence that says which measures belong here.")
    keywords: list[Text] = Field(default_factory=list, description="Policy terms that signal the theme; also added to the search dictionary.")


class ThemeRegistry(Strict):
    themes: list[Theme] = Field(description="The closed theme taxonomy; every measure uses one or more of these slugs.")


class Direction(str, Enum):
    higher_is_better = "higher"
    lower_is_better = "lower"


class Metric(Strict):
    """An indicator that several districts can set targets for."""

    slug: Slug = Field(description="English id used in URLs, e.g. `energy-intensity-reduction`.")
    name: Text = Field(description="Canonical Chinese name, e.g. 单位地区生产总值能耗降低.")
    unit: str = Field(description="Unit of the value, e.g. % or 万千瓦; empty for a pure ratio.")
    direction: Direction = Field(description="Whether a larger value is more ambitious (`higher`) or a smaller one (`lower`).")
    themes: Annotated[list[Slug], AfterValidator(_unique)] = Field(description="Themes this metric belongs to.")
    aliases: list[Text] = Field(default_factory=list, description="Other wordings of the same indicator in the documents.")
    description: str = Field("", description="How to read the metric, in Chinese.")


class MetricRegistry(Strict):
    metrics: list[Metric] = Field(description="Every comparable metric.")


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
    """A policy the document implements or cites."""

    title: Quote = Field(description="Title as printed in the document (without 《》).")
    doc_number: Quote | None = Field(None, description="Its 文号 as printed, e.g. 渝府办发〔2022〕22号; null when the text gives none.")
    relation: Literal["implements", "cites"] = Field(description="`implements` when the document says it carries this policy out; `cites` when it only refers to it.")


class Consultation(Strict):
    """How the public can comment on a draft."""

    deadline: dt.date = Field(description="Last day for comments (YYYY-MM-DD).")
    deadline_printed: Text = Field(description="The deadline exactly as printed, e.g. 20211225日.")
    channels: list[Text] = Field(description="Each way to send comments, verbatim (post, e-mail, telephone).")


class Attribution(Strict):
    """How we know which district issued the document."""

    method: Literal["printed", "inferred"] = Field(description="`printed` when the text names its district; `inferred` when we worked it out.")
    evidence: list[Text] = Field(description="Each piece of evidence, in Chinese; for `inferred`, quote the places in the text that point to the district.")
    doc_number_source: str = Field("", description="Where a 文号 that the text does not print came from.")


def _web_address(value: str) -> str:
    if value and not re.fullmatch(r"https?://[^\s<>\"'()\\`]+", value):
        raise ValueError(f"`{value}` is not a web address; write it as https://… (no spaces or brackets), or leave it empty")
    return value


class SourceInfo(Strict):
    file: Text = Field(description="File name under site_data/sources/, the verbatim source text.")
    url: Annotated[str, AfterValidator(_web_address)] = Field("", description="Address where the government published the document, when the source text or an editor's note records it (https://…); empty if not recorded: the page then says 原发布地址未记录. Never guess one.")
    format_note: str = Field("", description="What kind of copy this is (web page, DOCX export, OCR of a scan) and its known defects.")


class Dates(Strict):
    written: dt.date | None = Field(None, description="成文日期 (date signed) as YYYY-MM-DD; null when not printed.")
    published: dt.date | None = Field(None, description="发布日期 (date published) as YYYY-MM-DD; null when not printed.")
    printed: list[Text] = Field(default_factory=list, description="The dates exactly as printed in the text, for the quote check.")


class Section(Strict):
    """One heading in the document's outline."""

    id: Slug = Field(description="Stable id within the document, e.g. `s2-1`.")
    number: str = Field(description="Number as printed, e.g. 二、 or （一） or 第三章; empty if unnumbered.")
    title: Quote = Field(description="Heading text as printed.")
    children: list["Section"] = Field(default_factory=list, description="Sub-headings in printed order.")


class MeasureKind(str, Enum):
    goal = "goal"
    measure = "measure"
    safeguard = "safeguard"
    indicator = "indicator"
    project = "project"
    task = "task"


class Responsibility(Strict):
    """Who carries a measure out, exactly as printed."""

    clause: Quote | None = Field(None, description="The whole responsibility clause verbatim, brackets included, e.g. (牵头单位:区发展改革委;配合单位:区经济信息委); null for table rows whose units stand in their own cells.")
    lead: list[Quote] = Field(default_factory=list, description="Lead units (牵头) exactly as printed, in printed order.")
    support: list[Quote] = Field(default_factory=list, description="Supporting units (配合单位, 责任单位 under a lead, …配合) exactly as printed, in printed order.")
    joint: list[Quote] = Field(default_factory=list, description="Units that share the work without a named lead (…等按职责分工负责, X负责, a table's single 责任单位 column).")
    lead_etc: Flag = Field(False, description="true when the lead list ends in 等.")
    support_etc: Flag = Field(False, description="true when the supporting list ends in 等.")
    joint_etc: Flag = Field(False, description="true when the joint list ends in 等.")


class Comparator(str, Enum):
    at_least = "≥"
    more_than = ">"
    equal = "="
    at_most = "≤"
    less_than = "<"


class Target(Strict):
    """One quantified target, traceable to the clause it was read from."""

    metric: Slug = Field(description="Metric slug from metrics.yaml.")
    clause: Quote = Field(description="The exact words the target was read from; `…` joins cells of a table row.")
    value: DecimalText | None = Field(None, description="Target value as digits (16, 0.56); null when the value is set by the municipality (市级下达) or not printed.")
    unit: str = Field("", description="Unit of the value as printed: %, 个, 万千瓦, 亿元 …")
    comparator: Comparator = Field(Comparator.equal, description="≥ for 以上/不低于/超过…及以上, > for 超过/突破, ≤ for 以内/不超过/控制在, = for 达到 or a plain value.")
    base_year: int | None = Field(None, description="Year the change is measured from (较2020年 → 2020).")
    base_value: DecimalText | None = Field(None, description="Value in the base year where printed (an indicator table's 2020 column).")
    target_year: int | None = Field(None, description="Year by which the target holds (到2025年 → 2025); for a period (“十四五”期间) the last year.")
    nature: Literal["约束性", "预期性"] | None = Field(None, description="约束性 (binding) or 预期性 (expected) where printed.")
    set_by_municipality: Flag = Field(False, description="true when the printed value is 市级下达/完成市上下达…目标/完成上级下达目标: the district adopts the city's figure.")
    cumulative: Flag = Field(False, description="true when the value is a total over the period (【22】 or 累计).")
    note: str = Field("", description="How the target was read where that is not obvious, in Chinese.")

    @model_validator(mode="after")
    def _value_or_municipality(self) -> "Target":
        if self.set_by_municipality and self.value is not None:
            raise ValueError("a target set by the municipality (set_by_municipality: true) has no value of its own: set value: null")
        return self


class Investment(Strict):
    """A key project's investment, in 万元, as printed."""

    total: DecimalText = Field(description="投资 (total investment) in 万元.")
    superior: DecimalText | None = Field(None, description="上级资金 in 万元, if printed.")
    district_fiscal: DecimalText | None = Field(None, description="区级财政投资 in 万元, if printed.")
    social: DecimalText | None = Field(None, description="社会投资 in 万元, if printed.")
    printed: Text = Field(description="The printed cells in order, joined by `…` (e.g. 40000…36000…4000), checked verbatim.")
    columns_uncertain: Flag = Field(False, description="true when the flattened table does not show which funding column a figure belongs to.")
    note: str = Field("", description="How the figures were assigned to columns, in Chinese.")


class Project(Strict):
    """The extra fields of a key-project row (附表 重点项目库)."""

    category: Text = Field(description="类别 as printed, e.g. 温室气体排放控制.")
    name: Text = Field(description="项目名称 as printed.")
    start_year: int = Field(description="First year of 完成时限.")
    end_year: int = Field(description="Last year of 完成时限.")
    period_printed: Text = Field(description="完成时限 as printed, e.g. 2021-2025.")
    investment: Investment = Field(description="Investment and its funding split.")


class Measure(Strict):
    """The unit of record: a numbered action, a goal, a table row, a key project or an indicator."""

    id: Slug = Field(description="Stable id within the document, e.g. `m7`, `task-12`; never reuse or renumber.")
    kind: MeasureKind = Field(description="goal, measure (numbered or bold-led action), safeguard (保障措施), indicator (indicator-table row), project (key project) or task (task-division table row).")
    section: Slug = Field(description="Id of the outline section it stands under.")
    number: str = Field("", description="Number as printed (1. / 1． / （三） / 12); empty when unnumbered.")
    title: Quote | None = Field(None, description="Lead sentence or heading as printed (协同开发油气资源。); null when there is none.")
    text: Quote = Field(description="The measure's words, verbatim (without its title and without the responsibility clause).")
    category: str = Field("", description="For table rows: the category cell (类别 / 任务类别 / 重点任务) that applies to the row, as printed.")
    responsibility: Responsibility = Field(default_factory=Responsibility, description="Lead, supporting and joint units as printed.")
    themes: Annotated[list[Slug], AfterValidator(_unique)] = Field(description="One or more theme slugs from themes.yaml, each once.", min_length=1)
    instrument: Literal["规划", "法规标准", "财政税收", "金融", "市场机制", "工程项目", "试点示范", "监管执法", "宣传教育", "科技创新", "考核评价"] | None = Field(None, description="Optional policy instrument type.")
    targets: list[Target] = Field(default_factory=list, description="Quantified targets stated in this measure.")
    project: Project | None = Field(None, description="Only for kind `project`: category, name, period and investment.")
    implements: Annotated[list[Slug], AfterValidator(_unique)] = Field(default_factory=list, description="Only for task, indicator and project rows: ids of the main-text measures (goal, measure or safeguard) of the same document that this row carries out, e.g. [m12]. The site then counts the row and its measure once and shows the row's units under the measure. Leave empty when the row restates no main-text measure.")
    note: str = Field("", description="Editor's note shown under the measure, in Chinese (uncertain readings, table layout).")

    @model_validator(mode="after")
    def _project_fields(self) -> "Measure":
        if (self.kind == MeasureKind.project) != (self.project is not None):
            raise ValueError("a measure of kind `project` needs a `project:` block, and only such a measure may have one")
        return self


class ProjectTotal(Strict):
    """The printed 合计 row of a key-project table."""

    total: DecimalText = Field(description="合计 of 投资 in 万元, as printed.")
    superior: DecimalText | None = Field(None, description="合计 of 上级资金.")
    district_fiscal: DecimalText | None = Field(None, description="合计 of 区级财政投资.")
    social: DecimalText | None = Field(None, description="合计 of 社会投资.")
    printed: Text = Field(description="The printed 合计 cells joined by `…`, checked verbatim.")
    note: str = Field("", description="Known inconsistencies of the printed totals, in Chinese.")


class Document(Strict):
    """One policy document: its metadata, outline and every measure."""

    id: Slug = Field(description="Stable id = file name without .yaml, e.g. `jiangjin-2022-57`.")
    district: Slug = Field(description="District slug from districts.yaml = the folder name.")
    title: Text = Field(description="Title of the plan itself as printed (the attachment's title).")
    short_title: Text = Field(description="Short Chinese name for tables and links, e.g. 江津区成渝双碳联合行动方案.")
    notice_title: Text | None = Field(None, description="Title of the covering notice (关于印发…的通知) as printed.")
    doc_number: Text | None = Field(None, description="文号 as printed, e.g. 江津府办发〔2022〕57号; null when the text prints none.")
    doc_number_printed: Flag = Field(True, description="false when the 文号 is known from outside the text (say where in attribution.doc_number_source).")
    issuer: Text = Field(description="Issuing body as printed, e.g. 重庆市江津区人民政府办公室.")
    kind: DocumentKind = Field(description="行动方案, 行动计划, 实施方案 or 规划.")
    status: Status = Field(description="印发 (in force) or 征求意见稿 (public-consultation draft).")
    dates: Dates = Field(description="成文 and 发布 dates.")
    consultation: Consultation | None = Field(None, description="Only for drafts: deadline and channels for comments.")
    policies: list[CitedPolicy] = Field(default_factory=list, description="Policies the document implements or cites, with their 文号.")
    source: SourceInfo = Field(description="The verbatim source text and where it came from.")
    attribution: Attribution = Field(description="How the district was identified.")
    last_verified: dt.date = Field(description="Date an editor last checked this file against the source (YYYY-MM-DD).")
    outline: list[Section] = Field(description="The document's headings in printed order.")
    measures: list[Measure] = Field(description="Every measure in printed order.")
    project_total: ProjectTotal | None = Field(None, description="The printed 合计 of the key-project table, if the document has one.")

    @model_validator(mode="after")
    def _draft_consultation(self) -> "Document":
        if self.status == Status.draft and self.consultation is None:
            raise ValueError("a 征求意见稿 needs a `consultation:` block with its deadline and channels")
        return self


REGISTRY_FILES = {
    "districts.yaml": DistrictRegistry,
    "departments.yaml": DepartmentRegistry,
    "themes.yaml": ThemeRegistry,
    "metrics.yaml": MetricRegistry,
}
