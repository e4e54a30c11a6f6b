"""Document metadata: title, notice title, 文号, issuer, dates, cited plans, status and deadline."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[（(【]\s*20\d\d\s*[〕\]）)】]?\s*\d{1,4}\s*号")
CN_DATE = re.compile(r"(20\d\d)年(\d{1,2})月(\d{1,2})日")
ISO_DATE = re.compile(r"\[\s*(成文日期|发布日期)\s*\]\s*(20\d\d-\d\d-\d\d)")
CITED = re.compile(r"《([^《》\n]{4,80})》\s*(?:[（(]\s*([^（()）]{2,30}?号)\s*[）)])?")
IMPLEMENTS = re.compile(r"(贯彻落实|贯彻|落实|根据|按照|依据)[^。《]{0,20}$")
ISSUER = re.compile(r"^(重庆市[\u4e00-\u9fff]{1,8}(?:区|县)[\u4e00-\u9fff]{0,12}"
                    r"(?:人民政府办公室|人民政府|局|委员会|委))")
TITLE_END = re.compile(r"(方案|规划|计划|意见|办法|措施)(（[^）]*）|\([^)]*\))?$")
DEADLINE = re.compile(r"(?:截止|截至)[^0-9]{0,8}(20\d\d)\s*年?\s*(\d{1,2})\s*月?\s*(\d{1,2})\s*日")
CHANNEL = re.compile(r"(信函|邮寄|电子邮件|邮箱|电话|传真)")


@dataclass
class Metadata:
    title: str | None = None
    notice_title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    kind: str | None = None
    status: str = "印发"
    written: dt.date | None = None
    published: dt.date | None = None
    dates_printed: list[str] = field(default_factory=list)
    policies: list[dict] = field(default_factory=list)
    deadline: dt.date | None = None
    deadline_printed: str | None = None
    channels: list[str] = field(default_factory=list)


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _runs(lines: list[str]) -> list[str]:
    """Consecutive short lines joined: a title printed over several lines."""
    out: list[str] = []
    run: list[str] = []
    for line in lines:
        if ISSUER.match(line) and line.endswith("关于"):  # a notice title broken after 关于 (「…办公室关于」/「印发…的通知」)
            run = [line]
            continue
        if ISSUER.match(line) and len(line) <= 30 or CN_DATE.search(line) or "此件" in line or "文号" in line:
            run = []
            continue
        if re.search(r"关于.{4,}通知$", line):
            out.append(line)
            run = []
            continue
        if len(line) <= 40 and not re.search(r"[。，,；;:：]$", line) and "。" not in line:
            run.append(line)
            if TITLE_END.search("".join(run)) or re.search(r"通知$", "".join(run)):
                out.append("".join(run))
                run = []
        else:
            run = []
    return out


def find_metadata(preamble: list[str], text: str) -> Metadata:
    meta = Metadata()
    head = "\n".join(preamble)
    for m in DOC_NUMBER.finditer(head):
        if not re.search(r"[（(]\s*$", head[:m.start()]):
            meta.doc_number = m.group(0).strip()
            break
    for run in _runs(preamble):
        if re.search(r"关于.*通知$", run) and meta.notice_title is None:
            meta.notice_title = run
        elif TITLE_END.search(run):
            meta.title = run
    if meta.title is None and meta.notice_title:
        inner = re.search(r"关于(?:印发)?《?(.+?)》?(?:的通知|公开征求意见的通知)$", meta.notice_title)
        meta.title = inner.group(1) if inner else None
    if meta.title is None:  # a run-on OCR copy: the title opens the first paragraph
        first = preamble[0] if preamble else text[:200]
        opening = re.match(r"^[^。，,]{4,60}?(?:实施方案|行动方案|行动计划|规划|方案)", first)
        meta.title = opening.group(0) if opening else None
    for line in preamble:
        issuer = ISSUER.match(line)
        if issuer and len(line) <= len(issuer.group(1)) + 2:
            meta.issuer = issuer.group(1)
            break
    if meta.issuer is None and meta.notice_title:
        in_notice = ISSUER.match(meta.notice_title)
        meta.issuer = in_notice.group(1) if in_notice else None
    for label, value in ISO_DATE.findall(head):
        if label == "成文日期":
            meta.written = dt.date.fromisoformat(value)
        else:
            meta.published = dt.date.fromisoformat(value)
        meta.dates_printed.append(next(m.group(0) for m in ISO_DATE.finditer(head) if m.group(2) == value))
    for m in CN_DATE.finditer(head):
        date = _date(*m.groups())
        if date:
            meta.written = meta.written or date
            meta.dates_printed.append(m.group(0))
    seen: set[str] = set()
    for m in CITED.finditer(text):
        title = m.group(1)
        if title in seen or (meta.title and fuzz.partial_ratio(title, meta.title) > 85) or re.search(r"[〈<]", title) \
                or not re.search(r"方案|意见|规划|通知|办法|纲要|计划|条例|决定", title):
            continue
        seen.add(title)
        entry: dict = {"title": title}
        if m.group(2) and DOC_NUMBER.fullmatch(m.group(2).strip()):
            entry["doc_number"] = m.group(2).strip()
        entry["relation"] = "implements" if IMPLEMENTS.search(text[max(0, m.start() - 30):m.start()]) else "cites"
        meta.policies.append(entry)
    for kind in ("行动方案", "行动计划", "实施方案", "规划"):
        if meta.title and kind in meta.title:
            meta.kind = kind
            break
    if meta.kind is None and meta.title and meta.title.endswith("方案"):
        meta.kind = "实施方案"
    if "征求意见稿" in text[:3000]:
        meta.status = "征求意见稿"
        deadline = DEADLINE.search(text)
        if deadline:
            meta.deadline = _date(*deadline.groups())
            meta.deadline_printed = deadline.group(0)[deadline.group(0).index(deadline.group(1)):]
        meta.channels = [line for line in preamble if CHANNEL.search(line) and len(line) <= 80][:5]
    return meta
