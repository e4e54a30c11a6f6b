"""The rows of the four download tables, as typed models.

One model per table; every field has a Chinese title (the spreadsheet header beside the field
name) and a description. The JSON Schema, the Frictionless table schemas, the spreadsheet
headers and the field tables on the downloads page are all generated from these models.

Every row carries its provenance: district, document id and 文号, the printed number, the quoted
clause, and where it stands on the site and in the source text. All values are scalars, the same
in CSV, XLSX and JSON; lists of units or themes are joined with 、 (the units table has one row
per unit for those who need them apart).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _f(title: str, description: str):
    return Field(title=title, description=description)


# Fields shared by every table, declared once.
MeasureId = Annotated[str, _f(
    "条目编号",
    "Measure id, unique and stable across the site: `<document>/<measure>`, e.g. "
    "jiangjin-2022-57/m10.",
)]
DistrictSlug = Annotated[str, _f("区县编号", "District id (pinyin), e.g. jiangjin.")]
DistrictName = Annotated[str, _f("区县", "District name, e.g. 江津区.")]
DocumentId = Annotated[str, _f("文件编号", "Document id, e.g. jiangjin-2022-57.")]
DocNumber = Annotated[str | None, _f(
    "文号",
    "The document's 文号 as printed, e.g. 江津府办发〔2022〕57号; null when it prints none.",
)]
DocumentTitle = Annotated[str, _f("文件", "Short title of the document.")]
DocumentStatus = Annotated[str, _f("文件状态", "印发 (in force) or 征求意见稿 (consultation draft).")]
Number = Annotated[str | None, _f(
    "原文编号", "The measure's number as printed (1. / （三） / 12); null when unnumbered.",
)]
MeasureLabel = Annotated[str, _f(
    "条目",
    "How the measure is named on the site: number and title, or the start of its text.",
)]
SiteUrl = Annotated[str, _f(
    "本站位置",
    "Where the measure stands on this site: a path from the site root with its anchor, e.g. "
    "/documents/jiangjin-2022-57/#m10.",
)]
SourceUrl = Annotated[str | None, _f(
    "原文位置",
    "The paragraph of the verbatim source text where the quoted clause starts, from the site "
    "root, e.g. /sources/jiangjin-2022-57/#p41; null if not located.",
)]
SourceParagraph = Annotated[int | None, _f(
    "原文段落",
    "Number of that paragraph (non-empty lines of the source text, from 1).",
)]
Implements = Annotated[str | None, _f(
    "落实正文条目",
    "For a task-table, indicator-table or project row: ids of the main-text measures it carries out "
    "(as the site links them), joined by spaces; null otherwise. Such a row is counted with those "
    "measures: count the rows where this is null to count distinct measures.",
)]
ResponsibilityClause = Annotated[str | None, _f(
    "责任单位原文",
    "The whole responsibility clause verbatim (牵头单位:…;配合单位:…); null for table rows whose units "
    "stand in their own cells.",
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
    section: str = _f("所在章节", "The headings the measure stands under, outermost first, joined by ` / `.")
    number: Number
    kind: str = _f("类型编号", "goal, measure, safeguard, indicator, project or task.")
    kind_name: str = _f("类型", "The kind in Chinese: 目标, 措施, 保障措施, 指标, 重点项目, 任务.")
    category: str | None = _f("类别", "A table row's category as printed; null elsewhere.")
    title: str | None = _f("标题句", "Lead sentence or heading as printed; null when there is none.")
    text: str = _f("原文", "The measure's text, verbatim (this is the quoted clause).")
    text_reading: str | None = _f("识读", "The text with damaged print repaired; null when the print is sound.")
    lead_units: str | None = _f("牵头单位", "Lead units exactly as printed, joined by 、.")
    lead_departments: str | None = _f("牵头部门", "The canonical departments of the lead units, joined by 、.")
    lead_etc: bool = _f("牵头单位以等结尾", "true when the printed lead list ends in 等.")
    support_units: str | None = _f("配合单位", "Supporting units exactly as printed, joined by 、.")
    support_departments: str | None = _f("配合部门", "Their canonical departments, joined by 、.")
    support_etc: bool = _f("配合单位以等结尾", "true when the printed supporting list ends in 等.")
    joint_units: str | None = _f(
        "分工负责单位",
        "Units sharing the work without a named lead, exactly as printed, joined by 、.",
    )
    joint_departments: str | None = _f("分工负责部门", "Their canonical departments, joined by 、.")
    joint_etc: bool = _f("分工负责单位以等结尾", "true when that list ends in 等.")
    responsibility_clause: ResponsibilityClause
    themes: str = _f("主题", "Theme names, joined by 、.")
    theme_ids: str = _f("主题编号", "Theme ids, joined by spaces.")
    instrument: str | None = _f("政策工具", "Policy instrument type where recorded.")
    target_count: int = _f("量化目标数", "How many quantified targets the measure states (rows in the targets table).")
    note: str | None = _f("编者注", "Editor's note on the reading of the measure.")
    implements: Implements
    implemented_by: str | None = _f(
        "落实本条的表格行",
        "Ids of the task-table, indicator-table or project rows that carry this measure out, in "
        "printed order, joined by spaces; null when none.",
    )
    similar: str | None = _f(
        "相似条目",
        "Ids of the most similar measures of other districts, most similar first, joined by spaces.",
    )
    site_url: SiteUrl
    source_url: SourceUrl
    source_paragraph: SourceParagraph


class TargetRow(Row):
    """One quantified target, with the clause it was read from."""

    id: str = _f("目标编号", "Target id: `<measure id>/t<n>`, n counting the measure's targets from 1.")
    measure: MeasureId
    measure_label: MeasureLabel
    district: DistrictSlug
    district_name: DistrictName
    document: DocumentId
    doc_number: DocNumber
    document_title: DocumentTitle
    document_status: DocumentStatus
    number: Number
    metric: str = _f("指标编号", "Metric id from the metrics registry, comparable across districts.")
    metric_name: str = _f("指标", "Canonical metric name.")
    value: float | None = _f(
        "目标值",
        "Target value as a number; null when set by the municipality (市级下达) or not printed.",
    )
    value_text: str = _f("目标值（可读）", "The value as shown on the site, e.g. ≥16%, 市级下达.")
    unit: str | None = _f("单位", "Unit of the value as printed: %, 个, 万千瓦 …")
    comparator: str = _f("比较符", "≥ > = ≤ <.")
    base_year: int | None = _f("基年", "Year the change is measured from.")
    base_value: float | None = _f("基年值", "Value in the base year where printed.")
    target_year: int | None = _f("目标年", "Year by which the target holds.")
    nature: str | None = _f("性质", "约束性 or 预期性 where printed.")
    set_by_municipality: bool = _f("市级下达", "true when the district adopts the city's figure (市级下达).")
    cumulative: bool = _f("期间累计", "true when the value is a total over the period.")
    clause: str = _f("原文", "The exact words the target was read from; … joins the cells of a table row.")
    clause_reading: str | None = _f("识读", "The clause with damaged print repaired; null when the print is sound.")
    note: str | None = _f("编者注", "How the target was read where that is not obvious.")
    implements: Implements
    distinct_target: str = _f(
        "同一目标编号",
        "Id of the first statement of the same target: the same district, metric, value (or 市级下达), "
        "unit and target year in another item, main text before tables (an indicator-table row often "
        "restates a goal; equal targets within one item stay apart). Equal to `id` for the first "
        "statement; count distinct values to count distinct targets.",
    )
    site_url: SiteUrl
    source_url: SourceUrl
    source_paragraph: SourceParagraph


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
    category: str = _f("类别", "The project's category as printed.")
    name: str = _f("项目名称", "项目名称 as printed.")
    text: str = _f("建设内容", "The project's content as printed (the quoted clause).")
    start_year: int = _f("开始年", "First year of 完成时限.")
    end_year: int = _f("完成年", "Last year of 完成时限.")
    period_printed: str = _f("完成时限", "完成时限 as printed, e.g. 2021-2025.")
    investment_total: float = _f("投资（万元）", "Total investment in 万元.")
    investment_superior: float | None = _f("上级资金（万元）", "上级资金 in 万元, where printed.")
    investment_district_fiscal: float | None = _f("区级财政投资（万元）", "区级财政投资 in 万元, where printed.")
    investment_social: float | None = _f("社会投资（万元）", "社会投资 in 万元, where printed.")
    investment_printed: str = _f("投资原文", "The printed investment cells in order, joined by ….")
    funding_uncertain: bool = _f(
        "资金栏位存疑",
        "true when the flattened table does not show which funding column a figure belongs to.",
    )
    investment_note: str | None = _f("投资说明", "How the figures were assigned to columns.")
    lead_units: str | None = _f("牵头单位", "Lead units exactly as printed, joined by 、.")
    lead_departments: str | None = _f("牵头部门", "Their canonical departments, joined by 、.")
    themes: str = _f("主题", "Theme names, joined by 、.")
    implements: Implements
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
    role: str = _f("角色编号", "lead, support or joint.")
    role_name: str = _f("角色", "牵头, 配合 or 分工负责.")
    position: int = _f("名单位次", "Place of the unit in the printed list of its role, from 1.")
    unit_printed: str = _f("单位原文", "The unit exactly as printed.")
    unit_reading: str | None = _f(
        "单位识读", "The unit's name with damaged print repaired; null when the print is sound.",
    )
    department: str = _f("部门编号", "Canonical department id, the same body across districts.")
    department_name: str = _f("部门", "Canonical department name.")
    department_kind: str = _f("部门类别", "区级部门, 垂直管理派出机构, 镇街 …")
    list_etc: bool = _f("名单以等结尾", "true when the printed list of this role ends in 等.")
    responsibility_clause: ResponsibilityClause
    site_url: SiteUrl
    source_url: SourceUrl
    source_paragraph: SourceParagraph


@dataclass(frozen=True)
class Table:
    """One download table: its file stem, names and row model."""

    name: str  # file stem and resource name: measures, targets, projects, units
    title: str  # Chinese name, also the first half of the sheet name
    row: type[Row]
    what_a_row_is: str

    @property
    def sheet(self) -> str:
        return f"{self.title} {self.name}"


TABLES = (
    Table("measures", "条目", MeasureRow, "一行一条条目（措施、目标、保障措施、指标表行、重点项目、任务表行）"),
    Table("targets", "量化目标", TargetRow, "一行一个量化目标"),
    Table("projects", "重点项目", ProjectRow, "一行一个重点项目（名称、完成时限、投资及资金来源）"),
    Table("units", "责任分工", UnitRow, "一行为一条条目中的一个单位及其角色（条目 × 单位 × 角色）"),
)

# The provenance every row carries, under the same names and declarations (the Annotated types
# above) in every table. They are not a shared base model: pydantic puts inherited fields first,
# which would move each table's own id out of column A and the two locations away from the end.
PROVENANCE = ("district", "district_name", "document", "doc_number", "document_title", "document_status", "number",
              "site_url", "source_url", "source_paragraph")
