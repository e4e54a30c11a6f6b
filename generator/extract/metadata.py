"""Document metadata: title, notice title, 文号, issuer, dates, cited plans, status and deadline.

The kind, the status and the written date are each a Reading: a value read from printed words that
say it (the kind ending the title, 「征求意见稿」 or 「关于印发」, the date line under the signature),
kept with those words, or else extract's guess and why it is only one (draft.py writes it as a TODO).
"""
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
class Reading:
    """A value read from the printed words that say it, or (no word says it) a guess and its reason."""

    value: str | None = None  # read; `printed` the words it was read from
    printed: str = ""
    guess: str | None = None  # not read: the value extract would have written (None: no guess)
    why: str = ""  # why it is not read: what is printed, or that nothing is


KINDS = ("行动方案", "行动计划", "实施方案", "规划")  # model.DocumentKind
ORGAN_END = re.compile(r"(人民政府|办公室|办公厅|局|委员会|委|管委会|政府)$")  # a signature line
COMPACT_DATE = re.compile(r"(20\d\d)(\d\d)(\d\d)")  # 20211125 under a signature
ISSUED = re.compile(r"关于印发|现印发给你们|现予印发|现将.{0,30}印发给你们")


@dataclass
class Metadata:
    title: str | None = None
    notice_title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    kind: Reading = field(default_factory=Reading)
    status: Reading = field(default_factory=Reading)
    written: Reading = field(default_factory=Reading)  # an ISO date (YYYY-MM-DD)
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
        if label == "发布日期":
            meta.published = dt.date.fromisoformat(value)
        meta.dates_printed.append(next(m.group(0) for m in ISO_DATE.finditer(head) if m.group(2) == value))
    for m in CN_DATE.finditer(head):
        if _date(*m.groups()):
            meta.dates_printed.append(m.group(0))
    meta.written = _written(preamble, head)
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
    meta.kind = _kind(meta.title)
    meta.status = _status(meta.notice_title, text[:3000])
    if meta.status.value == "征求意见稿" or meta.status.guess == "征求意见稿":
        deadline = DEADLINE.search(text)
        if deadline:
            meta.deadline = _date(*deadline.groups())
            meta.deadline_printed = deadline.group(0)[deadline.group(0).index(deadline.group(1)):]
        meta.channels = [line for line in preamble if CHANNEL.search(line) and len(line) <= 80][:5]
    return meta


def _line(text: str, at: int, around: int = 15) -> str:
    """The printed line holding position ``at`` (at most ``around`` characters either side)."""
    start = max(text.rfind("\n", 0, at) + 1, at - around)
    end = text.find("\n", at)
    end = min(end if end >= 0 else len(text), at + around)
    return text[start:end].strip()


def _written(preamble: list[str], head: str) -> Reading:
    """The written date (成文日期): the date line under the signature (a line that is only a date,
    below a line ending in an organ's name), or the web page's 「[ 成文日期 ]」 label."""
    lines = [re.sub(r"\s+", "", line) for line in preamble]
    lines = [line for line in lines if line]
    signed: list[tuple[str, str]] = []  # (ISO date, printed line) of each date line under a signature
    loose: list[tuple[str, str]] = []  # (ISO date, printed line) of a date printed elsewhere
    for i, line in enumerate(lines):
        under = i > 0 and bool(ORGAN_END.search(lines[i - 1]))
        whole = CN_DATE.fullmatch(line)
        date = _date(*whole.groups()) if whole else None
        if date and under:
            signed.append((date.isoformat(), line))
            continue
        compact = COMPACT_DATE.fullmatch(line)
        if compact and under and (date := _date(*compact.groups())):
            loose.append((date.isoformat(), f"落款下一行印的是「{line}」，不是通常的日期写法"))
            continue
        for m in CN_DATE.finditer(line):
            if (date := _date(*m.groups())) is not None:
                where = "单独成行，但上一行不是发文机关的落款" if whole else f"印在「{_line(line, m.start())}」中，不是落款日期"
                loose.append((date.isoformat(), f"没有找到落款日期；「{m.group(0)}」{where}"))
    labelled = next((m for m in ISO_DATE.finditer(head) if m.group(1) == "成文日期"), None)
    if signed:
        iso, line = signed[0]
        if labelled and labelled.group(2) != iso:
            return Reading(guess=iso, why=f"落款日期「{line}」与网页上的「{labelled.group(0)}」不同")
        return Reading(iso, f"落款日期「{line}」" + (f"，网页上的「{labelled.group(0)}」相同" if labelled else ""))
    if labelled:
        return Reading(labelled.group(2), f"网页上的「{labelled.group(0)}」")
    if loose:
        iso, why = loose[0]
        return Reading(guess=iso, why=why)
    return Reading(why="没有找到落款日期：发文机关落款下没有单独一行的日期")


def _kind(title: str | None) -> Reading:
    """The kind the title ends with (行动方案 …): the words of a cited plan's title (《…》) and a
    closing bracket (（2022－2025年）, (征求意见稿)) are not the document's kind."""
    if not title:
        return Reading(why="没有找到标题")
    own = re.sub(r"《[^》]*》", "", title)
    while (bare := re.sub(r"\s*(?:（[^（）]*）|\([^()]*\))\s*$", "", own)) != own:
        own = bare
    for kind in KINDS:
        if own.endswith(kind):
            return Reading(kind, f"标题末尾的「{kind}」")
    ending = re.search(r"[\u4e00-\u9fff]{0,2}(?:方案|计划|规划|意见|办法|措施|纲要)$", own)
    inside = next((kind for kind in KINDS if kind in own), None)
    if own.endswith("方案"):
        return Reading(guess="实施方案", why=f"标题以「{ending.group(0) if ending else '方案'}」结尾，不是四种文件类型之一")
    if inside:
        return Reading(guess=inside, why=f"标题中有「{inside}」，但不在标题末尾")
    return Reading(why=f"标题以「{ending.group(0) if ending else own[-4:]}」结尾，不是四种文件类型之一")


def _status(notice_title: str | None, head: str) -> Reading:
    """征求意见稿 where the opening prints it, 印发 where it prints 「关于印发」 (or 「现印发给你们」);
    not in a cited title (《…关于印发…的通知》 says the cited plan was issued, not this one)."""
    head = re.sub(r"《[^《》\n]*》", "《…》", head)
    draft = head.find("征求意见稿")
    issued = ISSUED.search(notice_title or "") or ISSUED.search(head)
    if draft >= 0 and issued:
        return Reading(guess="征求意见稿", why=f"原文既印有「{_line(head, draft)}」，又印有「{issued.group(0)}」")
    if draft >= 0:
        return Reading("征求意见稿", f"「{_line(head, draft)}」")
    if issued:
        return Reading("印发", f"「{issued.group(0)}」")
    if (asked := head.find("征求意见")) >= 0:
        return Reading(guess="征求意见稿", why=f"原文印有「{_line(head, asked)}」，但没有「征求意见稿」字样")
    return Reading(guess="印发", why="原文开头没有印出「关于印发」「现印发给你们」或「征求意见稿」")
