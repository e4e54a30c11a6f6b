"""The rows of the download tables, as typed models.

One model per table; every field has a Chinese title (the spreadsheet header beside the field
name) and a description. The JSON Schema, the Frictionless table schemas, the spreadsheet
headers and the field tables on the downloads page are all generated from these models.

Every row carries its provenance: district, document id and 文号, the printed number, the quoted
clause, and where it stands on the site and in the source text. All values are scalars, the same
in CSV, XLSX and JSON; lists of units, departments or themes are joined with ； (model.NAMES_SEPARATOR, which no name
contains; the units table has one row per unit for those who need them apart).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from generator.index import MEASURES_PER_PAGE
from generator.model import ATTRIBUTION_LABELS, ROLE_LABELS
from generator.model import NAMES_SEPARATOR as SEP


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _f(title: str, description: str):
    return Field(title=title, description=description)


# Fields shared by every table, declared once.
MeasureId = Annotated[str, _f(
    "条目编号",
    "条目编号，全站唯一且不变：`<文件编号>/<条目编号>`，如 jiangjin-2022-57/m10。",
)]
DistrictSlug = Annotated[str, _f("区县编号", "区县编号（拼音），如 jiangjin。")]
DistrictName = Annotated[str, _f("区县", "区县名称，如 江津区。")]
DocumentId = Annotated[str, _f("文件编号", "文件编号，如 jiangjin-2022-57。")]
DocNumber = Annotated[str | None, _f(
    "文号",
    "文件的文号，如 江津府办发〔2022〕57号。一般照原文所印；原文未印文号、编者从原文之外（政府网站、来源清单）查到时也填写，"
    "是否印在原文中见政策文件表 documents 的 `doc_number_printed`。没有文号时为空（null）。",
)]
DocumentTitle = Annotated[str, _f("文件", "文件简称。")]
DocumentStatus = Annotated[str, _f(
    "文件状态",
    "本站所收版本的状态：印发（已生效）或 征求意见稿。征求意见稿后来是否已正式印发（定稿的标题、文号、日期和网址），"
    "见政策文件表 documents 的 `issued` 和 `final_*` 各列。",
)]
Number = Annotated[str | None, _f(
    "原文编号", "条目在原文中的编号（1. / （三） / 12）；原文未编号时为空。",
)]
MeasureLabel = Annotated[str, _f(
    "条目",
    "条目在本站的名称：编号加标题句，没有标题句时为正文开头。标题句或正文印刷受损、名称按本站的识读写出时，"
    "末尾加〔识读〕，识读存疑时加〔识读存疑〕（这两个标记不是原文；去掉它们才是识读的文字，印刷原样见条目表的 `title`、`text`）。",
)]
SiteUrl = Annotated[str, _f(
    "本站位置",
    "条目目前在本站所在的页面（网站地址已设置时为完整网址，否则从站点根目录起），# 后为条目编号（文件内的编号，如 goal、m10、task-12）。"
    "篇幅长的文件分成几页，地址中有页码，如 /documents/jiangjin-2022-57/1/#goal；只有一页的文件没有页码，"
    f"如 /documents/yongchuan-2022-112/#goal。页码会随文件中条目的增减而变（每页至多 {MEASURES_PER_PAGE} 条），所以本列只说条目今天在哪一页；"
    "稳定的是条目编号和固定地址 `permalink`（过时的分页地址打开时也会转到条目现在的页）。",
)]
Citation = Annotated[str, _f(
    "引用写法",
    "条目的引用写法，与本站条目“出处”一行（点“复制”所得）的文字完全相同：文件的文号（没有文号时为《文件标题》，"
    "征求意见稿注明“征求意见稿”），再写条目在文中的位置，即各级标题的编号和条目自己的编号，如 黔江府发〔2022〕24号 二、（一）2.；"
    "表格行写作 附表2第 57 行。编号照原文所印，只去掉空格、把半角括号写作全角；编号印刷受损的按本站的识读写出"
    "（条目自己的编号见条目表 measures 的 `number_reading`；标题的编号受损时，`section` 照印刷原样，识读只见于本列）；"
    "同一文件中有几条条目位于同一位置时，后面加上条目的标题（或正文开头），"
    "如 第三章（二）“发展战略性新兴产业”。量化目标、重点项目和责任分工表的行为其所属条目的引用写法。",
)]
Permalink = Annotated[str, _f(
    "固定地址",
    "条目的固定地址（网站地址已设置时为完整网址，否则从站点根目录起）：文件页加 # 和条目编号，如 /documents/jiangjin-2022-57/#m10，"
    "不含页码。长文件分页、页中条目增减时条目会移到别的页，`site_url` 随之改变；本地址不变，打开时转到条目当前所在的页。"
    "引用或保存条目的链接请用本列。",
)]
SourceUrl = Annotated[str | None, _f(
    "原文位置",
    "所引原文条款开始处在逐字原文中的段落的网址（网站地址已设置时为完整网址，否则从站点根目录起），"
    "# 后为 p 加段号，如 /sources/jiangjin-2022-57/#p18；"
    "原文长、分成几页时地址中有页码，如 /sources/tongliang-2021-climate-plan/1/#p102。未能定位时为空。",
)]
SourceParagraph = Annotated[int | None, _f(
    "原文段落",
    "该段落的段号（原文的非空行，从 1 起）。",
)]
Implements = Annotated[str | None, _f(
    "落实正文条目",
    "任务表、指标表或重点项目表的行：它所落实的正文条目的编号（与本站链接一致），以空格分隔；其他条目为空。"
    "这样的行并入所落实的正文条目计数（见条目表的 `counts_toward`）。",
)]


def _reading_note(what: str):
    return _f(f"{what}识读说明", f"{what}识读的理由（编者所写，如「言」为「信」的 OCR 错读）；{what}原文完好或未写理由时为空。")


def _reading_uncertain(what: str):
    return _f(f"{what}识读存疑", f"{what}的识读只是最佳猜测、有待对照原件核实时为 true（本站显示“（存疑）”）；原文完好时为 false。")


GAP_NOTE = ("`…` 表示此处略去了夹在中间的其他原文（页码、表格的其他单元、换行处的文字），前后都是原文。")
ResponsibilityClause = Annotated[str | None, _f(
    "责任单位原文",
    "完整的责任单位条款原文（牵头单位:…;配合单位:…）；单位写在表格单独一栏的表格行为空。",
)]


class MeasureRow(Row):
    """One measure: a numbered action, goal, safeguard, indicator-table row, key project or task-table row."""

    id: MeasureId
    district: DistrictSlug
    district_name: DistrictName
    document: DocumentId
    doc_number: DocNumber
    document_title: DocumentTitle
    document_status: DocumentStatus
    section: str = _f("所在章节", "条目所在的各级标题，从最外层起，以 ` / ` 分隔；照印刷原样（编号受损的标题，其识读见引用写法 `citation`）。")
    number: Number
    number_reading: str | None = _f(
        "原文编号识读",
        "原文编号印刷或识别受损时（如 OCR 把（一）识成 (-)）本站的识读，引用写法 `citation` 用它；`number` 照印刷原样。"
        "编号完好时为空。",
    )
    kind: str = _f("类型编号", "goal、measure、safeguard、indicator、project 或 task（对应下一列的中文类型）。")
    kind_name: str = _f("类型", "条目类型：目标、措施、保障措施、指标、重点项目、任务。")
    category: str | None = _f("类别", "表格行所印的类别；其他条目为空。")
    title: str | None = _f("标题句", "原文的标题句或小标题，逐字照录；没有时为空。" + GAP_NOTE)
    title_reading: str | None = _f("标题句识读", "对印刷或识别受损处修复后的标题句；原文完好时为空。")
    title_reading_note: str | None = _reading_note("标题句")
    title_reading_uncertain: bool = _reading_uncertain("标题句")
    text: str = _f("原文", "条目正文，逐字照录（即所引原文条款）。" + GAP_NOTE)
    text_reading: str | None = _f("识读", "对印刷或识别受损处修复后的正文；原文完好时为空。")
    text_reading_note: str | None = _reading_note("正文")
    text_reading_uncertain: bool = _reading_uncertain("正文")
    lead_units: str | None = _f("牵头单位", f"牵头单位，照原文写法，以 {SEP} 分隔。" + GAP_NOTE)
    lead_departments: str | None = _f("牵头部门", f"牵头单位对应的规范部门，以 {SEP} 分隔。")
    lead_etc: bool = _f("牵头单位以等结尾", "原文的牵头单位名单以“等”结尾时为 true。")
    support_units: str | None = _f("配合单位", f"配合单位，照原文写法，以 {SEP} 分隔。" + GAP_NOTE)
    support_departments: str | None = _f("配合部门", f"对应的规范部门，以 {SEP} 分隔。")
    support_etc: bool = _f("配合单位以等结尾", "原文的配合单位名单以“等”结尾时为 true。")
    joint_units: str | None = _f(
        "分工负责单位",
        f"原文未分牵头与配合、按职责分工负责的单位（本站记作“{ROLE_LABELS['joint']}”），照原文写法，以 {SEP} 分隔。" + GAP_NOTE,
    )
    joint_departments: str | None = _f("分工负责部门", f"对应的规范部门，以 {SEP} 分隔。")
    joint_etc: bool = _f("分工负责单位以等结尾", "该名单以“等”结尾时为 true。")
    responsibility_clause: ResponsibilityClause
    themes: str = _f("主题", f"本行自己的主题名称，以 {SEP} 分隔。")
    theme_ids: str = _f(
        "主题编号",
        "本行自己的主题编号，以空格分隔。本站计数时，一条正文措施还属于落实它的附表行的主题，所以它自己的这一格可能"
        "不含它被计入的某个主题：按主题数措施时，对全部行按本列展开，再数 `counts_toward` 的不同编号（见数据下载页“数措施”）。",
    )
    instrument: str | None = _f("政策工具", "政策工具类型（有记录时）。")
    target_count: int = _f("量化目标数", "条目所含量化目标的个数（即量化目标表中的行数）。")
    note: str | None = _f("编者注", "编者对条目识读的说明。")
    implements: Implements
    counts_toward: str = _f(
        "计入措施",
        "本行在本站计数时计入的措施的条目编号，以空格分隔：正文条目和不落实正文条目的表格行为它自己的编号，"
        "落实正文条目的表格行为所落实的正文条目（即 `implements`）。数一个文件中本列（以空格分开后）不同编号的个数，"
        "即得本站在对应页面上显示的不重复措施数：区县、主题或部门文件为该区县、主题或部门的措施数，"
        "部门文件中某一区县的行为该部门在该区县的措施数。",
    )
    counts_itself: bool = _f(
        "计入措施本身",
        "本行自己就是一条计数的措施（`counts_toward` 等于本行 `id`）时为 true；落实正文条目、并入其计数的表格行为 false。"
        "区县或文件的下载中，本列为 true 的行数即本站页面上的措施数（主题、部门的下载中，"
        "所并入的正文条目可能不在本表，请数 `counts_toward` 的不同编号）。按主题数各区县的措施时不要先筛选本列："
        "措施自己的主题可能不含它经附表行计入的主题（见 `theme_ids`）。",
    )
    implemented_by: str | None = _f(
        "落实本条的表格行",
        "落实本条的任务表、指标表或重点项目表行的编号，按原文顺序，以空格分隔；没有时为空。",
    )
    similar: str | None = _f(
        "相似条目",
        "其他区县最相似条目的编号，最相似的在前，以空格分隔。",
    )
    citation: Citation
    permalink: Permalink
    site_url: SiteUrl
    source_url: SourceUrl
    source_paragraph: SourceParagraph


class TargetRow(Row):
    """One quantified target, with the clause it was read from."""

    id: str = _f("目标编号", "目标编号：`<条目编号>/t<n>`，n 为该条目中目标的序号，从 1 起。")
    measure: MeasureId
    measure_label: MeasureLabel
    district: DistrictSlug
    district_name: DistrictName
    document: DocumentId
    doc_number: DocNumber
    document_title: DocumentTitle
    document_status: DocumentStatus
    number: Number
    metric: str = _f("指标编号", "指标编号（取自指标登记表），各区县可比。")
    metric_name: str = _f("指标", "规范指标名称。")
    value: float | None = _f(
        "目标值",
        "目标值（数字）；市级下达或原文未给数值时为空。",
    )
    value_text: str = _f("目标值（可读）", "本站显示的目标值，如 ≥16%、市级下达。")
    unit: str | None = _f("单位", "原文所印的单位：%、个、万千瓦 …")
    comparator: str = _f("比较符", "比较符：≥ > = ≤ <。")
    base_year: int | None = _f("基年", "变化的起算年份。")
    base_value: float | None = _f("基年值", "基年的数值（原文印有时）。")
    target_year: int | None = _f("目标年", "目标应达到的年份。")
    nature: str | None = _f("性质", "约束性 或 预期性（原文印有时）。")
    set_by_municipality: bool = _f("市级下达", "区县采用市里下达的数值（市级下达）时为 true。")
    cumulative: bool = _f("期间累计", "目标值为整个期间的累计值时为 true。")
    clause: str = _f("原文", "目标所据的原文字句；表格行的各格以 … 连接。" + GAP_NOTE)
    clause_reading: str | None = _f("识读", "对印刷或识别受损处修复后的条款；原文完好时为空。")
    clause_reading_note: str | None = _reading_note("条款")
    clause_reading_uncertain: bool = _reading_uncertain("条款")
    note: str | None = _f("编者注", "识读不明显时，编者对目标如何识读的说明。")
    uncertain: bool = _f(
        "读法存疑",
        "目标的数值、年份或基年值的读法有待对照原件核实时为 true（疑点见编者注）。只说目标的数值如何读出，"
        "不说条款文字的识读：条款文字识读存疑见 `clause_reading_uncertain`，两者各自独立。",
    )
    implements: Implements
    distinct_target: str = _f(
        "同一目标编号",
        "同一目标首次表述的目标编号：同一区县、指标、数值（或市级下达）、单位和目标年出现在另一条目中时，"
        "取正文先于表格的第一处（指标表行常重述正文目标；同一条目内相同的目标仍分开）。首次表述处等于本行 `id`；"
        "数本列不同值的个数，即得不重复的目标数。",
    )
    citation: Citation
    permalink: Permalink
    site_url: SiteUrl
    source_url: SourceUrl
    source_paragraph: SourceParagraph


_PRINTED_ONLY = ("（原文印有时）。资金栏位存疑（`funding_uncertain` 为 true）时为空：那时看不出原文的数字属于哪一栏，"
                 "编者的分配只写在对应的 `*_estimate` 列。")


def _estimate(column: str) -> str:
    return (f"编者估分，不是原文所印：资金栏位存疑（`funding_uncertain` 为 true）时，编者把原文的数字分配给{column}的数额，"
            "单位万元（依据见投资说明；可使各栏合计与原文合计行吻合的分配往往不止一种，仅供参考）；"
            f"其他项目为空。需要全部项目的{column}时，本列与原文所印的一列相加（两列不会同时有值），并注明含编者估分。")


class ProjectRow(Row):
    """One key project (重点项目) of a project table: name, period, investment and its funding split."""

    measure: MeasureId
    district: DistrictSlug
    district_name: DistrictName
    document: DocumentId
    doc_number: DocNumber
    document_title: DocumentTitle
    document_status: DocumentStatus
    number: Number
    category: str = _f("类别", "原文所印的项目类别。")
    name: str = _f("项目名称", "原文所印的项目名称。")
    text: str = _f("建设内容", "原文所印的建设内容（即所引原文条款）。" + GAP_NOTE)
    start_year: int = _f("开始年", "完成时限的起始年。")
    end_year: int = _f("完成年", "完成时限的结束年。")
    period_printed: str = _f("完成时限", "原文所印的完成时限，如 2021-2025。")
    investment_total: float = _f("投资（万元）", "总投资，单位万元。")
    investment_superior: float | None = _f("上级资金（万元）", f"上级资金，单位万元：原文印在该栏的数字{_PRINTED_ONLY}")
    investment_district_fiscal: float | None = _f(
        "区级财政投资（万元）", f"区级财政投资，单位万元：原文印在该栏的数字{_PRINTED_ONLY}")
    investment_social: float | None = _f("社会投资（万元）", f"社会投资，单位万元：原文印在该栏的数字{_PRINTED_ONLY}")
    investment_printed: str = _f("投资原文", "原文所印的各投资栏，按顺序以 … 连接。")
    funding_uncertain: bool = _f(
        "资金栏位存疑",
        "原文表格排版丢失、看不出某个数字属于哪一资金栏时为 true：这时三个资金栏（investment_superior 等）为空，"
        "编者的分配写在 `*_estimate` 三列。",
    )
    investment_superior_estimate: float | None = _f("上级资金（编者估分，万元）", _estimate("上级资金"))
    investment_district_fiscal_estimate: float | None = _f("区级财政投资（编者估分，万元）", _estimate("区级财政投资"))
    investment_social_estimate: float | None = _f("社会投资（编者估分，万元）", _estimate("社会投资"))
    investment_note: str | None = _f("投资说明", "各数字如何归入资金栏的说明（估分的依据）。")
    lead_units: str | None = _f("牵头单位", f"牵头单位，照原文写法，以 {SEP} 分隔。" + GAP_NOTE)
    lead_departments: str | None = _f("牵头部门", f"对应的规范部门，以 {SEP} 分隔。")
    themes: str = _f("主题", f"主题名称，以 {SEP} 分隔。")
    implements: Implements
    citation: Citation
    permalink: Permalink
    site_url: SiteUrl
    source_url: SourceUrl
    source_paragraph: SourceParagraph


class UnitRow(Row):
    """One unit in one role for one measure (measure × unit × role)."""

    measure: MeasureId
    measure_label: MeasureLabel
    district: DistrictSlug
    district_name: DistrictName
    document: DocumentId
    doc_number: DocNumber
    document_title: DocumentTitle
    document_status: DocumentStatus
    number: Number
    role: str = _f("角色编号", "lead、support 或 joint（对应下一列的中文角色）。")
    role_name: str = _f("角色", f"{ROLE_LABELS['lead']}、{ROLE_LABELS['support']} 或 {ROLE_LABELS['joint']}。")
    position: int = _f("名单位次", "该单位在原文同一角色名单中的位次，从 1 起。")
    unit_printed: str = _f("单位原文", "单位，照原文写法。" + GAP_NOTE)
    unit_reading: str | None = _f(
        "单位识读", "对印刷或识别受损处修复后的单位名称；原文完好时为空。",
    )
    unit_reading_note: str | None = _reading_note("单位")
    unit_reading_uncertain: bool = _reading_uncertain("单位")
    department: str = _f("部门编号", "规范部门编号，各区县的同一类部门编号相同。")
    department_name: str = _f("部门", "规范部门名称。")
    department_kind: str = _f("部门类别", "区级部门、垂直管理派出机构、镇街 …")
    list_etc: bool = _f("名单以等结尾", "原文该角色的单位名单以“等”结尾时为 true。")
    responsibility_clause: ResponsibilityClause
    citation: Citation
    permalink: Permalink
    site_url: SiteUrl
    source_url: SourceUrl
    source_paragraph: SourceParagraph


class DocumentRow(Row):
    """One policy document: its metadata, the issued final version of a consultation draft, and its counts."""

    document: DocumentId
    district: DistrictSlug
    district_name: DistrictName
    title: str = _f("标题", "文件本身的原文标题（附件的标题）。")
    document_title: DocumentTitle
    notice_title: str | None = _f("印发通知标题", "印发通知的原文标题（关于印发…的通知）；没有时为空。")
    doc_number: DocNumber
    doc_number_printed: bool | None = _f(
        "文号印在原文中", "文号印在原文中时为 true；文号来自原文之外（见 `doc_number`）时为 false；没有文号时为空。")
    doc_number_source: str | None = _f(
        "文号来源", "原文未印文号时，文号从何而来（编者所写，如取自政府网站或来源清单）；文号印在原文中或没有文号时为空。")
    issuer: str = _f("发文机关", "原文中的发文机关。")
    kind: str = _f("文件类型", "行动方案、行动计划、实施方案 或 规划。")
    document_status: DocumentStatus
    written: str | None = _f("成文日期", "成文日期，YYYY-MM-DD；原文未印时为空。")
    published: str | None = _f("发布日期", "发布日期，YYYY-MM-DD；原文未印时为空。")
    dates_printed: str | None = _f(
        "日期原文", "原文中日期的原样写法（成文日期、发布日期等，照所收副本逐字），每个一行（以换行分隔）；原文未印日期时为空。")
    consultation_deadline: str | None = _f("意见截止日期", "征求意见稿的意见反馈截止日期，YYYY-MM-DD；其他文件为空。")
    consultation_deadline_printed: str | None = _f(
        "意见截止日期原文", "原文中意见反馈截止日期的原样写法，如 20211225日；其他文件为空。")
    issued: bool = _f(
        "已印发",
        "文件已正式印发时为 true：本站所收版本为印发稿，或所收征求意见稿已查到印发的定稿（见 final_* 各列；"
        "本站条目仍按所收的征求意见稿）。没有查到定稿的征求意见稿为 false。",
    )
    final_title: str | None = _f("定稿标题", "征求意见稿后来印发的定稿的通知标题，照发布页面；没有查到定稿时为空。")
    final_doc_number: str | None = _f("定稿文号", "定稿的文号；没有查到定稿或页面未给出时为空。")
    final_published: str | None = _f("定稿发布日期", "定稿的发布日期，YYYY-MM-DD；没有查到定稿时为空。")
    final_url: str | None = _f("定稿网址", "政府网站上定稿的发布页面；没有查到定稿时为空。")
    url: str | None = _f("原发布地址", "政府发布所收版本的网址；没有记录时为空。")
    source_file: str = _f(
        "原文文件", "本站所收逐字原文的文件名（数据目录 site_data/sources/ 下），其内容即本站“原文”页（见 `source_url`）。")
    source_note: str | None = _f(
        "副本说明",
        "所收原文是哪种副本、从何处得来、有哪些已知缺陷（如政府网站页面的文本副本、DOCX 导出的纯文本、"
        "第三方文档分享网站上的 OCR 文本，跨页处夹有页码、地名被删去等），与文件页“来源与地区认定”所写相同；没有说明时为空。",
    )
    attribution_method: str = _f(
        "地区认定方式编号",
        "如何认定文件所属的区县：printed 为原文写明区县，inferred 为原文未写明、由编者根据文中线索推断（依据见 `attribution_evidence`）。",
    )
    attribution_method_name: str = _f(
        "地区认定方式", f"{ATTRIBUTION_LABELS['printed']} 或 {ATTRIBUTION_LABELS['inferred']}（文件页的说法）。")
    attribution_evidence: str = _f(
        "地区认定依据",
        "认定所属区县的依据，每条一行（以换行分隔，一条中可能有分号）；推断得出时引用原文中指向该区县的文字。",
    )
    last_verified: str = _f("核对日期", "编辑最近一次对照原文核对本文件的日期，YYYY-MM-DD。")
    measure_rows: int = _f("条目行数", "本文件在条目表 measures 中的行数（含任务表、指标表、项目表的行）。")
    measure_count: int = _f(
        "措施数",
        "不重复的措施数，与本站文件页一致：落实正文条目的表格行并入该条目计数（即本文件各行 `counts_toward` 中不同编号的个数）。",
    )
    target_count: int = _f("量化目标数", "本文件在量化目标表 targets 中的行数。")
    site_url: str = _f("本站位置", "文件在本站的页面（网站地址已设置时为完整网址，否则从站点根目录起），如 /documents/jiangjin-2022-57/。")
    source_url: str = _f("原文位置", "文件逐字原文在本站的页面（网站地址已设置时为完整网址，否则从站点根目录起），如 /sources/jiangjin-2022-57/。")


class MetricRow(Row):
    """One comparable metric of the registry (site_data/metrics.yaml): how the targets' values are coded."""

    id: str = _f("指标编号", "指标编号，即量化目标表 targets 的 `metric`；一经发布不再更改。")
    name: str = _f("指标", "规范指标名称。")
    aliases: str | None = _f("其他说法", f"文件中同一指标的其他说法，以 {SEP} 分隔；没有时为空。")
    unit: str | None = _f("单位", "目标值的单位，如 % 或 万千瓦；纯比值或序号为空。各区县的目标按此单位记数。")
    direction: str = _f(
        "方向",
        "higher 或 lower：数值越大越好为 higher（如能耗降低的百分比），越小越好为 lower（如水质类别、能耗总量）。",
    )
    direction_name: str = _f("方向（中文）", "越大越好 或 越小越好（指标页的说法）。")
    theme_ids: str = _f(
        "主题编号",
        "指标所属的主题编号，以空格分隔。主题页的量化目标按指标所属的主题统计：量化目标表中 `metric` 属于某主题的行，"
        "数其 `distinct_target` 的不同值，即得该主题页的量化目标数。",
    )
    themes: str = _f("主题", f"指标所属的主题名称，以 {SEP} 分隔。")
    description: str | None = _f(
        "说明",
        "如何理解本指标、目标值如何记数（如变化量记较基年的百分比，水质等级Ⅲ类记 3）；没有时为空。",
    )
    related: str | None = _f("相关指标", "衡量同一件事、但口径或单位不同的指标编号（数值不能直接比较），以空格分隔；没有时为空。")
    target_count: int = _f("量化目标行数", "量化目标表 targets 中本指标的行数（同一目标的重述各算一行）。")
    distinct_target_count: int = _f(
        "不同目标数",
        "本指标的不同目标个数，即指标页所说的“计 N 个不同目标”：同一区县同一数值、单位和目标年的各处重述只算一个"
        "（量化目标表 targets 中 distinct_target 不同的个数）。",
    )


class ThemeRow(Row):
    """One theme of the closed taxonomy (site_data/themes.yaml)."""

    id: str = _f("主题编号", "主题编号，即条目表 `theme_ids` 和指标表 `theme_ids` 中的编号；一经发布不再更改。")
    name: str = _f("主题", "主题名称，与本站主题页一致。")
    description: str = _f("说明", "哪些条目属于本主题。")
    keywords: str | None = _f("关键词", f"提示本主题的政策用语，以 {SEP} 分隔。")
    metrics: str | None = _f(
        "指标编号",
        "属于本主题的指标编号（指标表 metrics 的 `id`），以空格分隔：主题页的量化目标只计这些指标的目标，"
        "可能出自不属于本主题的条目。",
    )


@dataclass(frozen=True)
class Table:
    """One download table: its file stem, names and row model."""

    name: str  # file stem and resource name: measures, targets, projects, units
    title: str  # Chinese name, also the first half of the sheet name
    row: type[Row]
    what_a_row_is: str
    primary_key: tuple[str, ...]  # the fields whose values are unique in every file of the table
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, table, its field): each value is one of that table's

    def __post_init__(self) -> None:
        missing = {*self.primary_key, *(f for f, _, _ in self.foreign_keys)} - set(self.row.model_fields)
        assert not missing, f"{self.name}: keys name no field {sorted(missing)}"

    @property
    def sheet(self) -> str:
        return f"{self.title} {self.name}"

    @cached_property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.row.model_fields)

    @cached_property
    def _in_field_order(self) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
        return itemgetter(*self.fields)

    def values(self, fields: Mapping[str, Any]) -> tuple[Any, ...]:
        """A row's values in field order, from every field by name (a missing one raises KeyError,
        one too many TypeError). A dict rather than keyword arguments: a call with forty keywords
        takes twice as long as the dict's display. Not validated by the row model, which would take
        longer than making the row: the row is made of the index's own typed values, and the tests
        validate every row of the test corpus against its model, strictly (tests/test_downloads.py)."""
        if len(fields) != len(self.fields):
            raise TypeError(f"{self.name}: fields {sorted(set(fields) - set(self.fields))} are not of the row model")
        return self._in_field_order(fields)


IN_DOCUMENT = ("document", "documents", "document")
OF_MEASURE = ("measure", "measures", "id")
MEASURE_TABLES = (
    Table("measures", "条目", MeasureRow, "一行一条条目（措施、目标、保障措施、指标表行、重点项目、任务表行）",
          ("id",), (IN_DOCUMENT,)),
    Table("targets", "量化目标", TargetRow, "一行一个量化目标", ("id",),
          (OF_MEASURE, ("distinct_target", "targets", "id"), IN_DOCUMENT, ("metric", "metrics", "id"))),
    Table("projects", "重点项目", ProjectRow, "一行一个重点项目（名称、完成时限、投资及资金来源）", ("measure",),
          (OF_MEASURE, IN_DOCUMENT)),
    Table("units", "责任分工", UnitRow, "一行为一条条目中的一个单位及其角色（条目 × 单位 × 角色）",
          ("measure", "role", "position"), (OF_MEASURE, IN_DOCUMENT)),
)
"""The tables whose rows are made one measure at a time (rows.MeasureRows)."""
MEASURES, TARGETS, PROJECTS, UNITS = MEASURE_TABLES
DOCUMENTS = Table("documents", "政策文件", DocumentRow,
                  "一行一份政策文件（标题、文号及其来源、日期、状态、定稿、网址、原文副本及地区认定的依据和条目数）",
                  ("document",))
TABLES = (*MEASURE_TABLES, DOCUMENTS)
"""Every table of every download (the site's and each page's), in the order of the files and of the workbook's sheets."""
METRICS = Table("metrics", "指标", MetricRow, "一行一个可比指标（名称、其他说法、单位、方向、所属主题和记数说明）", ("id",))
THEMES = Table("themes", "主题", ThemeRow, "一行一个主题（名称、说明、关键词和所属指标）", ("id",))
REGISTRY_TABLES = (METRICS, THEMES)
"""The registries, published once for the whole site (files and sheets of all.xlsx after TABLES'): they
do not depend on a page's measures."""

# The provenance every row carries, under the same names and declarations (the Annotated types
# above) in every table. They are not a shared base model: pydantic puts inherited fields first,
# which would move each table's own id out of column A and the two locations away from the end.
PROVENANCE = ("district", "district_name", "document", "doc_number", "document_title", "document_status", "number",
              "citation", "permalink", "site_url", "source_url", "source_paragraph")
