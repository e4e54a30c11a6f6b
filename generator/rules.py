"""Cross-file rules. Each rule is a small function; its docstring states the rule
in the words an editor would use, and the editor guide lists them all."""
from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import hashlib
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from generator.clauses import ETC, Units, parse_clause
from generator.diagnostics import Diagnostic
from generator.districts import named_elsewhere
from generator.load import LIST_SEPARATOR, Corpus, LoadedDocument, closest_names, unknown_district
from generator.model import (
    EXPORT_BOOKMARK,
    GAP,
    NAMES_SEPARATOR,
    REGISTRIES,
    ROLE_LABELS,
    ROLES,
    SLUG,
    Comparator,
    Department,
    Measure,
    MeasureKind,
    Quote,
    Reading,
    Responsibility,
    Target,
    UnitNames,
    printed,
    reading,
)
from generator.unit_finder import DepartmentFinder, NewUnit

Rule = Callable[[Corpus], Iterable[Diagnostic]]
RULES: list[Rule] = []
RULE_STATEMENTS: dict[Rule, str] = {}
"""Each rule in the editors' language, for the data dictionary page (the docstrings are English)."""
MAIN_TEXT_KINDS = frozenset({MeasureKind.goal, MeasureKind.measure, MeasureKind.safeguard})
ROW_KINDS = frozenset({MeasureKind.task, MeasureKind.indicator, MeasureKind.project})


def rule(statement: str) -> Callable[[Rule], Rule]:
    """Register a rule with its statement in Chinese, as the data dictionary shows it to editors."""
    def register(fn: Rule) -> Rule:
        RULES.append(fn)
        RULE_STATEMENTS[fn] = statement
        return fn
    return register


# ---------------------------------------------------------------- quote search


def find_quote(haystack: str, quote: str, start: int = 0) -> tuple[int, int] | None:
    """Find ``quote`` in ``haystack``; `…` in the quote stands for intervening printed text.

    Returns the (start, end) offsets of the whole match, or None.
    """
    pieces = quote.split(GAP)
    if "" in pieces:  # an empty quote, or a `…` at an end or beside another
        return None
    pos = haystack.find(pieces[0], start)
    if pos < 0:
        return None
    first, end = pos, pos + len(pieces[0])
    for piece in pieces[1:]:
        pos = haystack.find(piece, end)
        if pos < 0:
            return None
        end = pos + len(piece)
    return first, end


# ---------------------------------------------------------------- help that fixes the error

ALIGN_LIMIT = 300  # characters of a quote aligned against its source: bounds the cost on long texts
ANCHORED_START = 6  # a quote's verbatim start this long is taken to be where it stands in the source
DIFF_WINDOW = 40  # characters after the verbatim start compared to tell a changed, added or missing one
RUN = 4  # characters kept from a difference on: what a compatibility character (Ⅳ, ⅻ, ㎡) stands for


def did_you_mean(name: str, known: Iterable[str], labels: dict[str, str] | None = None) -> str:
    """`是不是要写 `energy`（能源转型）？` or nothing when no known name is close."""
    close = closest_names(name, known)
    if not close:
        return ""
    shown = [f"`{c}`" + (f"（{labels[c]}）" if labels and c in labels else "") for c in close]
    return f"是不是要写 {' 或 '.join(shown)}？"


def _closest_departments(names: list[str], owner: dict) -> str:
    if not names:
        return ""
    return "最接近的已知名称：" + "、".join(f"`{n}`（{owner[n].slug}）" for n in names) + "；"


# characters named for what they are rather than their width (Ⅳ is not a 半角字符 but a roman numeral, one
# character standing for the two letters IV): the start of the Unicode name, and the word an editor uses
_NAMED_KINDS = (("ROMAN NUMERAL", "罗马数字"), ("SMALL ROMAN NUMERAL", "罗马数字"), ("CIRCLED", "带圈数字"),
                ("PARENTHESIZED", "带括号数字"), ("DOUBLE CIRCLED", "带圈数字"), ("SUPERSCRIPT", "上标数字"),
                ("SUBSCRIPT", "下标数字"), ("VULGAR FRACTION", "分数"))
_NUMBERED = re.compile(r"^(?:DIGIT|NUMBER) [A-Z ]+ FULL STOP$")  # ⒈ ⒛: a number with its point in one character


def _char_kind(c: str) -> str:
    """What kind of character ``c`` is, in the words an editor uses for 全角/半角 mix-ups: 全角 or 半角 only
    for characters that have a width of their own (East Asian Width F/W or H/Na; an ambiguous one, such as
    “ or Ⅳ, has neither); a compatibility character (Ⅳ, ①, ³, ℃) says the ordinary characters it stands for."""
    if c.isspace():
        return "空格" if c in " \u3000" else "空白字符"
    name = unicodedata.name(c, "")
    if "CJK UNIFIED IDEOGRAPH" in name:
        return "汉字"
    compatible = unicodedata.normalize("NFKC", c)
    numeral = compatible.isdigit() or any(word in name.split() for word in ("DIGIT", "NUMBER", "NUMERAL", "FRACTION"))
    named = next((kind for start, kind in _NAMED_KINDS if name.startswith(start)), None) if numeral else None
    if named is None and _NUMBERED.match(name):
        named = "带点数字"
    if named is None and "CJK COMPATIBILITY IDEOGRAPH" in name:
        named = "兼容汉字"
    if named is not None:
        kind = named
    else:
        width = unicodedata.east_asian_width(c)
        kind = "全角" if width in ("F", "W") else "半角" if width in ("H", "Na") else ""
        if unicodedata.category(c)[0] in "PS":
            kind += "标点" if unicodedata.category(c)[0] == "P" else "符号"
        else:
            kind += "数字" if c.isdigit() else "字母" if c.isalpha() else "字符"
    if compatible != c and not name.startswith(("FULLWIDTH", "HALFWIDTH")):
        kind += f"，兼容字符，相当于 `{compatible}`"
    return kind


def _char(c: str) -> str:
    if c == "\n":  # a line break shown as itself would break the message's line
        return "换行（U+000A）"
    return f"`{c}`（{_char_kind(c)}，U+{ord(c):04X}）"


def _chars(run: str) -> str:
    """A run of characters (the `IV` a `Ⅳ` stands for) in _char's words: one, or each with its code point."""
    if len(run) == 1:
        return _char(run)
    kinds = {_char_kind(c) for c in run}
    points = " ".join(f"U+{ord(c):04X}" for c in run)
    return f"`{run}`（{len(run)} 个{kinds.pop()}，{points}）" if len(kinds) == 1 else f"`{run}`（{points}）"


@dataclass(frozen=True)
class Difference:
    """The first character where a quote differs from the passage of the source most like it."""

    tag: str  # difflib's opcode: `replace` (a changed character), `delete` (one added), `insert` (one left out)
    at: int  # where in the quote (0-based, from the start of the whole quote)
    shown_at: int  # the position said to the editor (1-based, within the part of the quote compared)
    quoted: str  # the quote's character there ("" when one is left out)
    source: str  # the source's character there ("" when the quote added one)
    line: int  # the source's line
    context: str  # the source around it, on one line
    quoted_run: str = ""  # the quote's characters from there on (a few): `Ⅳ` in the quote may stand for `IV`
    source_run: str = ""  # the source's


def first_difference(source: str, quote: str) -> Difference | None:
    """Where the source says nearly what the quote says, and the first character that differs;
    None when nothing is close."""
    end = 0
    piece_start = 0
    for piece in quote.split(GAP):  # the first piece of a `…` quote that is not where expected
        if not piece:
            return None
        pos = source.find(piece, end)
        if pos < 0:
            break
        end = pos + len(piece)
        piece_start += len(piece) + len(GAP)
    else:
        return None
    # the longest start of the piece found verbatim (binary search): align a window around its end
    low, high = 0, len(piece)
    while low < high:
        mid = (low + high + 1) // 2
        if source.find(piece[:mid], end) >= 0:
            low = mid
        else:
            high = mid - 1
    if low >= ANCHORED_START:
        # the quote's first `low` characters stand verbatim in the source, so the first difference is
        # right after them: what follows on each side says whether a character was changed, added or
        # left out (an alignment of the whole quote may shift by the characters added or left out)
        offset = low
        begin = source.find(piece[:low], end)
        start = begin + low
        segment, passage = piece[low: low + DIFF_WINDOW], source[start: start + DIFF_WINDOW]
    else:
        offset = max(0, low - 40)
        segment = piece[offset: offset + ALIGN_LIMIT]
        alignment = fuzz.partial_ratio_alignment(segment, source[end:])
        if alignment is None or alignment.score < 50:
            return None
        begin = start = end + alignment.dest_start
        passage = source[start: end + alignment.dest_end + 1]
    ops = difflib.SequenceMatcher(None, segment, passage, autojunk=False).get_opcodes()
    op = next((o for o in ops if o[0] != "equal"), None)
    if op is None:
        return None
    tag, i1, _, j1, _ = op
    at = start + j1
    return Difference(tag, piece_start + offset + i1, offset + i1 + 1,
                      segment[i1] if tag != "insert" else "", passage[j1] if tag != "delete" else "",
                      source.count("\n", 0, at) + 1, source[max(begin, at - 12): at + 12].replace("\n", " "),
                      segment[i1: i1 + RUN], source[at: at + RUN])


def closest_passage(source: str, quote: str, show_line: bool = True) -> str:
    """Where the source says nearly what the quote says, and the first character that differs,
    e.g. "原文第 27 行附近是 `…`；第一处不同在引文的第 8 个字：引文是 `（`（全角标点，U+FF08），原文是
    `(`（半角标点，U+0028）". Empty when nothing is close."""
    diff = first_difference(source, quote)
    return describe_difference(diff, show_line) if diff is not None else ""


def describe_difference(diff: Difference, show_line: bool = True) -> str:
    """closest_passage's words for ``diff``."""
    where = f"原文第 {diff.line} 行附近" if show_line else "原文最接近的一段"
    place = "之前" if diff.tag == "insert" else ""
    text = f"{where}是 `{diff.context}`；第一处不同在引文的第 {diff.shown_at} 个字{place}："
    if diff.tag == "replace":
        # one compatibility character for the ordinary ones the other side prints (Ⅳ for IV): both whole
        quoted, source = diff.quoted, diff.source
        if (run := unicodedata.normalize("NFKC", quoted)) != quoted and len(run) > 1 and diff.source_run.startswith(run):
            source = run
        elif (run := unicodedata.normalize("NFKC", source)) != source and len(run) > 1 and diff.quoted_run.startswith(run):
            quoted = run
        text += f"引文是 {_chars(quoted)}，原文是 {_chars(source)}"
    elif diff.tag == "delete":
        text += f"引文多了 {_char(diff.quoted)}，原文这里没有"
    else:
        text += f"原文有 {_char(diff.source)}，引文缺了它"
    return text + "。"


def _squeeze(text: str) -> str:
    """The text without its whitespace (what str.isspace calls space, as the pattern \\s+ removed:
    split and join are three times faster)."""
    return "".join(text.split())


def _where(doc: LoadedDocument, loc: tuple) -> tuple[str, int, int]:
    line, col = doc.yaml.where(loc)
    return doc.yaml.path, line, col


def _quote_loc(quote: Quote, loc: tuple) -> tuple:
    return loc + ("printed",) if isinstance(quote, Reading) else loc


def _section_locs(sections, loc=("outline",)):
    for i, section in enumerate(sections):
        yield section, loc + (i,)
        yield from _section_locs(section.children, loc + (i, "children"))


# ---------------------------------------------------------------- rules


ID_TYPO_SCORE = 80  # an id this like its file's name (jiangjin-2022-75 in jiangjin-2022-57.yaml) is taken for a typo


@rule("政策文件的文件名是“文件编号.yaml”，并放在它所属区县的文件夹中。")
def file_names_match_ids(corpus: Corpus) -> Iterator[Diagnostic]:
    """A document file is named `<id>.yaml` and lives in the folder of its district."""
    districts = {d.slug for d in corpus.districts.districts}
    holders = _id_holders(corpus)
    for doc in corpus.documents:
        path = Path(doc.yaml.path)
        d = doc.document
        if path.stem != d.id:
            others = [other for other in holders[d.id] if other != doc.yaml.path]
            if others:  # a copy of another file (the guide allows starting from one): its id is still the original's
                named = "、".join(others)
                fix = (f"把 `id` 改成与文件名一致的 `{path.stem}`" if re.fullmatch(SLUG, path.stem)
                       else "给这个文件另起一个编号，写在 `id` 中，并把文件改名为“新编号.yaml”")
                copied = Path(others[0]).stem == d.id  # the id belongs to the file named after it
                yield Diagnostic(*_where(doc, ("id",)), "id-file-mismatch",
                                 f"文件编号 `{d.id}` 与文件名 `{path.name}` 不一致，而且这个编号已被 {named} 使用",
                                 f"这个文件像是从 {others[0]} 复制来的：{fix}（`{d.id}` 是那个文件的编号，不要改动它）"
                                 if copied else fix)
            elif re.fullmatch(SLUG, path.stem) and fuzz.ratio(path.stem, d.id) >= ID_TYPO_SCORE:
                # the file name is the published id, and the id is close to it: most likely a typo in the id
                hint = (f"改回 `id: {path.stem}`（编号一经发布就不再改动，文件名就是原来的编号）；"
                        f"确实要给新文件用 `{d.id}` 时，再把文件改名为 {d.id}.yaml")
            else:
                hint = f"把文件改名为 {d.id}.yaml，或改正 id（编号一经发布就不再改动）"
            if not others:
                yield Diagnostic(*_where(doc, ("id",)), "id-file-mismatch",
                                 f"文件编号 `{d.id}` 与文件名 `{path.name}` 不一致", hint)
        if path.parent.name != d.district:
            yield Diagnostic(*_where(doc, ("district",)), "district-folder-mismatch",
                             f"文件写的区县是 `{d.district}`，却放在文件夹 `{path.parent.name}` 里",
                             f"把文件移到 site_data/documents/{d.district}/，或改正 `district`（区县）" if d.district in districts
                             # no folder for a district that is not registered: a typo, most likely
                             else f"`{d.district}` 不是已登记的区县，请改正 `district`（区县）；" +
                             (did_you_mean(d.district, districts) or f"已登记的区县：{'、'.join(sorted(districts))}"))


@rule("文件的标题、印发通知的标题、文号和发文机关写到区县时，写的是本文件的区县（`district`）：只写了另一个区县的文件，"
      "多半是那个区县的文件被归到了这里（例如从别的区县复制来的文件）。")
def headings_name_the_district(corpus: Corpus) -> Iterator[Diagnostic]:
    """A document whose title, notice title, 文号 (大足府办发…) or issuer names a district names its own
    (`district`): naming only another one, it is that district's document filed under this one, and
    would be published as this district's (a file copied from another district's, most likely)."""
    districts = {d.slug: d for d in corpus.districts.districts}
    registry = corpus.registry_yaml["districts.yaml"].path
    for doc in corpus.documents:
        d = doc.document
        given = districts.get(d.district)
        if given is None or Path(doc.yaml.path).parent.name != d.district:  # said once, by references_resolve or
            continue  # file_names_match_ids; the file moved into its district's folder, this rule looks at it
        heading = {"标题": d.title, "印发通知的标题": d.notice_title, "发文机关": d.issuer}
        named = named_elsewhere(None, heading, given, districts.values(), d.doc_number)
        if named is None:
            continue
        move = f"把 `district` 改成 `{named.slug}`，并把文件移到 site_data/documents/{named.slug}/"
        if not named.registered:
            move = f"{named.name}还没有在 {registry} 中登记：先登记它（编号如 `{named.slug}`，见编辑指南“登记新区县”），再" + move
        yield Diagnostic(*_where(doc, ("district",)), "printed-district-mismatch",
                         f"文件写的区县是 `{d.district}`（{given.name}），原文写的却是{named.name}（{named.where}），"
                         f"没有写{given.name}：这份文件会作为{given.name}的文件发布",
                         f"这是{named.name}的文件时（例如从{named.name}的文件复制而来），{move}；"
                         f"确是{given.name}的文件时，照原文逐字改正标题、文号和发文机关")


def _id_holders(corpus: Corpus) -> dict[str, list[str]]:
    """The files of each document id, those named after it (``<id>.yaml``: the file the id belongs to)
    first, each group in file order."""
    holders: dict[str, list[str]] = {}
    for doc in sorted(corpus.documents, key=lambda doc: (Path(doc.yaml.path).stem != doc.document.id, doc.yaml.path)):
        holders.setdefault(doc.document.id, []).append(doc.yaml.path)
    return holders


@rule("编号不重复：全站的文件编号、同一文件中的章节和条目编号、每个登记文件中的英文编号各不相同；"
      "同一文件中没有类型和所引原文（标题、正文、责任单位原文、项目名称）都相同的两个条目（重复粘贴），除非原文把这段印了同样多次。")
def ids_are_unique(corpus: Corpus) -> Iterator[Diagnostic]:
    """Ids are unique: documents across the site, sections and measures within a document,
    slugs within each registry."""
    holders = _id_holders(corpus)
    for doc in corpus.documents:
        d = doc.document
        # a file not named after its id (a copy) is told by id-file-mismatch; of files named after it (in
        # two districts' folders) the first keeps it
        if Path(doc.yaml.path).stem == d.id and holders[d.id][0] != doc.yaml.path:
            yield Diagnostic(*_where(doc, ("id",)), "duplicate-id",
                             f"文件编号 `{d.id}` 已被 {holders[d.id][0]} 使用",
                             "给这个文件另起一个编号，写在 `id` 中，并把文件改名为“新编号.yaml”")
        seen: dict[str, int] = {}
        for section, loc in _section_locs(d.outline):
            if section.id in seen:
                yield Diagnostic(*_where(doc, loc + ("id",)), "duplicate-id",
                                 f"章节编号 `{section.id}` 在本文件中出现了两次",
                                 "每个章节用各自的编号")
            seen[section.id] = 1
        seen = {f"sec-{s.id}": -1 for s, _ in _section_locs(d.outline)}
        for i, m in enumerate(d.measures):
            if seen.get(m.id) == -1:
                yield Diagnostic(*_where(doc, ("measures", i, "id")), "duplicate-id",
                                 f"条目编号 `{m.id}` 与文件页上章节 `{m.id[4:]}` 的锚点相同",
                                 "条目编号不能以 `sec-` 开头；请换一个编号")
                continue
            if m.id in seen:
                first_line = _where(doc, ("measures", seen[m.id], "id"))[1]
                yield Diagnostic(*_where(doc, ("measures", i, "id")), "duplicate-id",
                                 f"条目编号 `{m.id}` 已被本文件第 {first_line} 行的条目使用",
                                 "每个条目用各自的编号；已发布的编号不要重复使用")
            seen.setdefault(m.id, i)
        yield from _entries_pasted_twice(doc)
    for spec in REGISTRIES:
        loaded = corpus.registry_yaml[spec.file]
        seen = {}
        for i, item in enumerate(spec.entries(getattr(corpus, spec.key))):
            if item.slug in seen:
                yield Diagnostic(loaded.path, *loaded.where((spec.key, i, "slug")), "duplicate-id",
                                 f"编号 `{item.slug}` 在 {spec.file} 中出现了两次",
                                 "每个编号只保留一项")
            seen[item.slug] = i


def _entries_pasted_twice(doc: LoadedDocument) -> Iterator[Diagnostic]:
    """Two entries of a document of one kind that quote the same words (title, text, clause, project
    name) are one entry pasted twice, whatever else differs (themes, targets, a note): it would be
    counted twice. Unless the source prints those words as often as entries quote them: a document
    that repeats a paragraph has an entry for each printing."""
    measures = doc.document.measures
    by_quotes: dict[tuple, list[int]] = {}  # most quotes are met once: only entries sharing them are compared
    for i, m in enumerate(measures):
        key = (m.kind, printed(m.title), printed(m.text), printed(m.responsibility.clause),
               printed(m.project.name) if m.project is not None else "")
        by_quotes.setdefault(key, []).append(i)
    for same in by_quotes.values():
        if len(same) < 2:
            continue
        text = printed(measures[same[0]].text)
        times = _times_printed(doc.source_text, text) if doc.source_text is not None else 1
        for n, i in enumerate(same[max(times, 1):], start=max(times, 1)):
            m = measures[i]
            whole = m.model_dump_json(exclude={"id"})
            first = next((j for j in same[:n] if measures[j].model_dump_json(exclude={"id"}) == whole), same[0])
            first_line = _where(doc, ("measures", first, "id"))[1]
            printed_times = f"原文只印了 {times} 次" if times else "原文没有照样印出它"
            if measures[first].model_dump_json(exclude={"id"}) == whole:
                message = (f"条目 {m.id} 与本文件第 {first_line} 行的条目 {measures[first].id} 完全相同"
                           "（类型、章节、编号、标题、正文、责任单位和目标），会被计算两次")
                hint = "删去重复粘贴的这一条"
            else:
                message = (f"条目 {m.id} 与本文件第 {first_line} 行的条目 {measures[first].id} 的类型、标题、正文和责任单位原文"
                           f"都相同，而这段正文{printed_times}：多半是重复粘贴后改了别的字段，会被计算两次")
                hint = f"删去重复粘贴的这一条，要改的内容（如主题、目标）改在条目 {measures[first].id} 上"
            yield Diagnostic(*_where(doc, ("measures", i, "id")), "duplicate-entry", message,
                             hint + "；原文把同一段印了几次，才能有几个条目引它")


def _times_printed(source: str, quote: str, most: int = 10) -> int:
    """How many times ``quote`` (`…` spanning other printed text) is printed in ``source``, apart, up to ``most``."""
    times = start = 0
    while times < most and (at := find_quote(source, quote, start)) is not None:
        times, start = times + 1, at[1]
    return times


@rule("一种单位写法或简称在同一区县内只属于一个部门（各区县同名的机构各建一个写明区县的部门），"
      "不分区县的部门的写法不再列在某个区县的部门下；一种指标说法只属于一个指标，一个同义词只属于一个同义词组。")
def aliases_are_unambiguous(corpus: Corpus) -> Iterator[Diagnostic]:
    """A printed or spoken unit name belongs to one department of each district (the look-up is
    model.UnitNames: a district's own department first, else a district-less one), a metric wording
    to one metric, and a synonym to one group of synonyms.

    A name held by a district-less department and by one district's own department as well is
    reported too, though the look-up could let the district's own win: a district-less
    department's names are the ones every district prints (区发展改革委), and the same name
    registered again for one district is far more often an oversight than a local body; resolved
    silently, it would move that district's measures off the shared department's page and out of
    its cross-district counts. The editor decides it: each district its own department, or the
    district-specific name dropped."""
    for spec in REGISTRIES:
        if not spec.names:
            continue
        loaded = corpus.registry_yaml[spec.file]
        owner: dict[tuple[str | None, str], str] = {}  # (district or None, name) → slug of its first entry
        local: dict[str, tuple[str, str]] = {}  # name → (district, slug) of the first district's entry holding it
        said: set[tuple[str, str]] = set()  # (district, name) reported as held by a district-less entry as well
        for i, item in enumerate(spec.entries(getattr(corpus, spec.key))):
            scope = getattr(item, spec.scope) if spec.scope else None
            for names in spec.names:
                for j, alias in enumerate(getattr(item, names)):
                    where = (loaded.path, *loaded.where((spec.key, i, names, j)))
                    first = owner.setdefault((scope, alias), item.slug)
                    if first != item.slug:
                        yield Diagnostic(*where, "ambiguous-alias", f"`{alias}` 同时列在 `{first}` 和 `{item.slug}` 下面",
                                         "只在它真正所指的那一项下保留这个名称")
                        continue
                    if scope is None:  # a district-less name: is it a district's own already?
                        shared, (district, own) = item.slug, local.get(alias, (None, None))
                    else:  # a district's own name: is it a district-less one already?
                        local.setdefault(alias, (scope, item.slug))
                        shared, district, own = owner.get((None, alias)), scope, item.slug
                    if shared is None or district is None or (district, alias) in said:
                        continue
                    said.add((district, alias))
                    yield Diagnostic(*where, "ambiguous-alias",
                                     f"`{alias}` 同时列在不分区县的 `{shared}` 和只属于 {district} 的 `{own}` 下面",
                                     "不分区县的部门的写法在所有区县通用，不能再列在某个区县的部门下。"
                                     f"如果 {district} 的 `{alias}` 确是另一个机构，就给 `{shared}` 写上它所属的 "
                                     "`district`（区县），用到这个名称的其他区县各建一个写明区县的部门；"
                                     f"否则删去 `{own}` 下的这个名称")


@rule("登记文件中的名称不重复：两个区县的名称和别名、两个主题、两个指标都不同名；同一区县能用的两个部门（不分区县的部门在每个区县都能用）不同名。")
def names_are_unique(corpus: Corpus) -> Iterator[Diagnostic]:
    """Each registered name titles one page: no two districts share a name or an alias (a district's
    alias may repeat its own name), no two themes or metrics a name, and no two departments a name
    in the same district (a district-less department's name counts in every district; two districts'
    own bodies may share one, as 港桥产业促进中心). Reported at the later entry, naming the earlier."""
    loaded = corpus.registry_yaml["districts.yaml"]
    said = {"name": "名称", "aliases": "别名"}
    holder: dict[str, tuple[str, str, int]] = {}  # name or alias → (slug, field, line) of its first district
    for i, district in enumerate(corpus.districts.districts):
        for field, j, name in [("name", None, district.name)] + [("aliases", j, a) for j, a in enumerate(district.aliases)]:
            loc = ("districts", i, field) if j is None else ("districts", i, field, j)
            slug, first_field, line = holder.setdefault(name, (district.slug, field, loaded.where(loc)[0]))
            if slug != district.slug:
                yield Diagnostic(loaded.path, *loaded.where(loc), "duplicate-name",
                                 f"区县 {district.slug} 的{said[field]} `{name}` 已是第 {line} 行区县 {slug} 的{said[first_field]}",
                                 "两个区县不能同名，也不能有相同的别名：改正这个名称，或删去重复登记的这个区县")
    for key, kind in (("themes", "主题"), ("metrics", "指标")):
        loaded = corpus.registry_yaml[f"{key}.yaml"]
        first: dict[str, tuple[str, int]] = {}
        for i, item in enumerate(getattr(getattr(corpus, key), key)):
            slug, line = first.setdefault(item.name, (item.slug, loaded.where((key, i, "name"))[0]))
            if slug != item.slug:
                yield Diagnostic(loaded.path, *loaded.where((key, i, "name")), "duplicate-name",
                                 f"{kind} {item.slug} 的名称 `{item.name}` 已是第 {line} 行{kind} {slug} 的名称",
                                 f"两个{kind}不能同名（网站上会有两个同名的页面）：改正这个名称，或删去重复登记的这个{kind}")
    loaded = corpus.registry_yaml["departments.yaml"]
    named: dict[str, list[tuple[str | None, str, int]]] = {}  # name → (district, slug, line) of each department
    for i, dept in enumerate(corpus.departments.departments):
        earlier = named.setdefault(dept.name, [])
        same = next(((scope, slug, line) for scope, slug, line in earlier
                     if scope is None or dept.district is None or scope == dept.district), None)
        line = loaded.where(("departments", i, "name"))[0]
        earlier.append((dept.district, dept.slug, line))
        if same is None:
            continue
        scope, slug, first_line = same
        where = "不分区县" if scope is None and dept.district is None else f"在 {dept.district or scope} 都能用"
        yield Diagnostic(loaded.path, *loaded.where(("departments", i, "name")), "duplicate-name",
                         f"部门 {dept.slug} 的名称 `{dept.name}` 已是第 {first_line} 行部门 {slug} 的名称，两者{where}",
                         "同一区县能用的两个部门不能同名（网站上会有两个同名的页面）：改正这个名称，或删去重复登记的这个部门；"
                         "各区县自己的同名机构各写各的 `district`")


@rule("同义词组至少有两个不同的词，每个词至少两个字（搜索不查单个字）；部门简称也至少两个字。")
def synonym_groups_widen_a_search(corpus: Corpus) -> Iterator[Diagnostic]:
    """A synonym group names at least two different terms of two or more characters each (a
    search ignores single characters), and a department's spoken name is two or more characters."""
    loaded = corpus.registry_yaml["synonyms.yaml"]
    for i, group in enumerate(corpus.synonyms.synonyms):
        if len(set(group.terms)) < 2:
            yield Diagnostic(loaded.path, *loaded.where(("synonyms", i, "terms")), "synonym-group-too-small",
                             f"同义词组 `{group.slug}` 只有一个不同的用语，扩展不了任何搜索",
                             "补上意思相同的其他说法，或删除这一组")
        for j, term in enumerate(group.terms):
            if len(term.strip()) < 2:
                yield Diagnostic(loaded.path, *loaded.where(("synonyms", i, "terms", j)), "synonym-term-too-short",
                                 f"同义词组 `{group.slug}`：`{term}` 不到两个字，搜索从不查找单个字",
                                 "写出完整的词，如写 光伏 而不是 光")
    loaded = corpus.registry_yaml["departments.yaml"]
    for i, dept in enumerate(corpus.departments.departments):
        for j, name in enumerate(dept.colloquial):
            if len(name.strip()) < 2:
                yield Diagnostic(loaded.path, *loaded.where(("departments", i, "colloquial", j)), "synonym-term-too-short",
                                 f"部门 {dept.slug}：简称 `{name}` 不到两个字",
                                 "写出完整的简称，如 发改委")


LISTED_SECTIONS = 30  # an unknown section's hint lists a document's section ids up to this many


@rule("文件中写到的区县、章节、主题和指标，以及指标的相关指标（related），都能在相应的登记文件或本文件的大纲中找到。")
def references_resolve(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every district, section, theme and metric a document names exists in its registry
    or outline."""
    districts = {d.slug for d in corpus.districts.districts}
    themes = {t.slug for t in corpus.themes.themes}
    theme_names = {t.slug: t.name for t in corpus.themes.themes}
    metric_names = {m.slug: m.name for m in corpus.metrics.metrics}
    # slugs are English; the name beside each tells an editor which theme the slug stands for
    available_themes = "可用的主题：" + "、".join(f"{slug}（{theme_names[slug]}）" for slug in sorted(themes))
    theme_uses: list[tuple[tuple[str, int, int], str, str]] = []  # (where, who uses it, theme id), checked at the end
    metric_uses: list[tuple[tuple[str, int, int], str, str]] = []
    # a registered district that no document or department names, beside a document naming an unknown
    # one, is most likely a renamed slug (rongchang → rongcang in districts.yaml)
    named = {doc.document.district for doc in corpus.documents} | {dept.district for dept in corpus.departments.departments}
    unnamed = sorted(districts - named)
    for doc in corpus.documents:
        d = doc.document
        if d.district not in districts:
            registry = corpus.registry_yaml["districts.yaml"].path
            renamed = (f"{registry} 中的 {'、'.join(f'`{u}`' for u in unnamed[:3])} 没有任何文件或部门使用：若是这里写错了，"
                       f"改成它；若是改了 {registry} 中的编号，把那里改回 `{d.district}`（编号是网址的一部分，发布后不要改）。"
                       if unnamed else "")
            message, hint = unknown_district(d.district, corpus.districts.districts, registry)
            yield Diagnostic(*_where(doc, ("district",)), "unknown-district", message, renamed + hint)
        section_titles = {s.id: _short(reading(s.title), 12) for s, _ in _section_locs(d.outline)}
        sections = set(section_titles)
        for i, m in enumerate(d.measures):
            if m.section not in sections:
                yield Diagnostic(*_where(doc, ("measures", i, "section")), "unknown-section",
                                 f"条目 {m.id}：章节 `{m.section}` 不在本文件的大纲中",
                                 did_you_mean(m.section, sections, section_titles) + "写 `outline:`（大纲）下某个标题的 id"
                                 + (f"；本文件的章节：{'、'.join(sorted(sections))}" if len(sections) <= LISTED_SECTIONS else ""))
            theme_uses += [(_where(doc, ("measures", i, "themes", j)), f"条目 {m.id}", theme) for j, theme in enumerate(m.themes)]
            metric_uses += [(_where(doc, ("measures", i, "targets", j, "metric")), f"条目 {m.id}", target.metric)
                            for j, target in enumerate(m.targets)]
    loaded = corpus.registry_yaml["metrics.yaml"]
    for i, metric in enumerate(corpus.metrics.metrics):
        theme_uses += [((loaded.path, *loaded.where(("metrics", i, "themes", j))), f"指标 {metric.slug}", theme)
                       for j, theme in enumerate(metric.themes)]
        metric_uses += [((loaded.path, *loaded.where(("metrics", i, "related", j))), f"指标 {metric.slug} 的相关指标", other)
                        for j, other in enumerate(metric.related)]
        if metric.slug in metric.related:
            yield Diagnostic(loaded.path, *loaded.where(("metrics", i, "related", metric.related.index(metric.slug))),
                             "invalid-value", f"指标 {metric.slug} 把自己写成了相关指标（related）",
                             "`related` 只写口径或单位不同的其他指标；删去这一项")
    yield from _unknown_ids(theme_uses, theme_names, "unknown-theme", "主题", "themes.yaml（主题名录）", available_themes)
    yield from _unknown_ids(metric_uses, metric_names, "unknown-metric", "指标", "metrics.yaml（指标名录）",
                            "使用已有的指标编号，或先把这个指标添加到 site_data/metrics.yaml")
    for i, dept in enumerate(corpus.departments.departments):
        if dept.district is not None and dept.district not in districts:
            loaded = corpus.registry_yaml["departments.yaml"]
            message, hint = unknown_district(dept.district, corpus.districts.districts,
                                             corpus.registry_yaml["districts.yaml"].path)
            yield Diagnostic(loaded.path, *loaded.where(("departments", i, "district")), "unknown-district",
                             f"部门 {dept.slug}：{message}", hint)


def _unknown_ids(uses: list[tuple[tuple[str, int, int], str, str]], names: dict[str, str], code: str, kind: str,
                 registry: str, listing: str) -> Iterator[Diagnostic]:
    """A diagnostic at each use of an id its registry lacks. The first use (in file order) of each
    unknown id carries the whole hint (``listing``: the ids there are, or what to do); the others
    point to it. An unknown id used again and again while a registered id is used nowhere is most
    likely a renamed id, and the hint says so: ids are part of published addresses."""
    used = {used_id for _, _, used_id in uses}
    unused = sorted(set(names) - used)
    unknown = Counter(used_id for _, _, used_id in uses if used_id not in names)
    first: dict[str, tuple[str, int, int]] = {}
    for where, _, used_id in sorted(uses):
        if used_id in unknown:
            first.setdefault(used_id, where)
    for where, who, used_id in uses:
        if used_id not in unknown:
            continue
        hint = ""
        if unknown[used_id] > 1 and unused:  # the likely rename first: the closest id may be another entry's
            hint += (f"`{used_id}` 共有 {unknown[used_id]} 处使用，而 {registry.split('（')[0]} 中的 "
                     + "、".join(f"`{u}`" for u in unused[:3]) + ("等" if len(unused) > 3 else "")
                     + f" 没有任何地方使用：若是改了那里的编号，请改回 `{used_id}`（编号是网址的一部分，发布后不要改）。")
        hint += did_you_mean(used_id, names, names)
        if where == first[used_id]:
            hint += listing
        else:
            path, line, col = first[used_id]
            hint += f"见同一编号第一处的说明：{path}:{line}:{col}"
        count = f"（共 {unknown[used_id]} 处）" if unknown[used_id] > 1 else ""
        yield Diagnostic(*where, code, f"{who}：{kind} `{used_id}` 不在 {registry}中{count}", hint)


@rule("责任单位的每一种写法（原文受损时按识读）都能在 departments.yaml 中找到所属部门：先找本文件所属区县的部门，"
      "再找不分区县的部门；只属于某个区县的机构（如园区管委会、镇）只出现在该区县的文件中。")
def units_resolve(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every unit printed in a responsibility list resolves to a department in departments.yaml
    (through its reading where the print is damaged) for the document's district (UnitNames:
    that district's own department first, else a district-less one); a name registered only for
    other districts' bodies (a park committee, a town) is reported as such."""
    classify = _unit_classifier(corpus)
    districts = {d.slug for d in corpus.districts.districts}
    registry = corpus.registry_yaml["departments.yaml"]
    place = {dept.slug: i for i, dept in enumerate(corpus.departments.departments)}
    for doc in corpus.documents:
        district = doc.document.district
        known = corpus.unit_names.known(district)
        # a file whose `district` is not its folder's (district-folder-mismatch): a unit of the folder's
        # district is not told as another district's, which the file's `district`, wrong, made it
        folder = Path(doc.yaml.path).parent.name
        misfiled = folder if folder != district and folder in districts else None
        for i, m in enumerate(doc.document.measures):
            for role in ROLES:
                for j, unit in enumerate(getattr(m.responsibility, role)):
                    name = reading(unit)
                    kind = classify(district, name)
                    if kind.kind in (UnitKind.KNOWN, UnitKind.UNKNOWN_DISTRICT):
                        continue
                    where = _where(doc, ("measures", i, "responsibility", role, j))
                    if kind.kind is UnitKind.OTHER_DISTRICT:
                        others = kind.others
                        if misfiled is not None and any(d.district == misfiled for d in others):
                            continue
                        unregistered = [d for d in others if d.district not in districts]
                        if unregistered:  # the district the department names is the mistake, told there
                            dept = unregistered[0]
                            at = ":".join(map(str, (registry.path, *registry.where(("departments", place[dept.slug], "district")))))
                            yield Diagnostic(*where, "unit-wrong-district",
                                             f"条目 {m.id}：`{name}` 是 {dept.slug}，它在 departments.yaml 中登记的区县 "
                                             f"`{dept.district}` 不在区县名录中",
                                             f"先改正 {at} 的错误 unknown-district（多半是区县编号写错了）；"
                                             "改对之后再检查一次，这一条多半随之消失")
                            continue
                        yield Diagnostic(*where, "unit-wrong-district",
                                         f"条目 {m.id}：`{name}` 是 {'、'.join(d.slug for d in others)}，"
                                         f"只属于 {'、'.join(str(d.district) for d in others)}，而本文件属于 {district}",
                                         f"核对这个单位，错字请改正；如果它是 {district} 自己的同名机构，请在 site_data/departments.yaml "
                                         f"中为它新建一个部门，写 `district: {district}`，并把 `{name}` 写进它的 "
                                         "`aliases`（别名）")
                    elif kind.kind is UnitKind.JOINED:
                        yield Diagnostic(*where, "unknown-department",
                                         f"条目 {m.id}：`{name}` 是 {len(kind.parts)} 个单位写成了一项",
                                         "每个单位写成列表中的一项，用半角逗号加空格分隔，如 "
                                         f"`[{', '.join(kind.parts)}]`（原文中的「、」等只在 clause 中照录）")
                    elif kind.kind is UnitKind.WITH_ETC:
                        clause = m.responsibility.clause
                        if clause is None or _clause_ends_with_etc(printed(clause), role):
                            hint = (f"去掉「{ETC}」，写 `{name[:-1]}`，并设 `{role}_etc: true`："
                                    f"名单以“{ETC}”结尾由 `{role}_etc` 表示，不要把带“{ETC}”的写法加进 `aliases`")
                        else:  # `*_etc: true` would be refused: the clause's list does not end with 等
                            hint = (f"去掉「{ETC}」，写 `{name[:-1]}`（不要设 `{role}_etc`：责任单位原文的{ROLE_LABELS[role]}单位名单"
                                    f"不以“{ETC}”结尾）；责任单位原文是 `{_short(printed(clause), 60)}`")
                        yield Diagnostic(*where, "unknown-department",
                                         f"条目 {m.id}：单位 `{name}` 把“{ETC}”写进了单位名称", hint)
                    elif kind.kind is UnitKind.NEW_BODY and kind.new is not None:
                        yield Diagnostic(*where, "unknown-department",
                                         f"条目 {m.id}：单位 `{name}` 还没有登记",
                                         kind.new.advice() + "（`python -m generator extract` 对这份原文的总结写出要加的几行："
                                         "不加 --out 再运行一次 extract 即可在终端看到总结）")
                    else:  # UnitKind.TYPO, and any kind added later: a unit no rule above explains is always said
                        yield _typo_unit_diagnostic(doc, m, unit, where, known)


class UnitKind(Enum):
    """What a unit printed in a responsibility list is, as units_resolve tells it (UnitClass)."""

    KNOWN = "known"  # a name of the document's district's departments (or of a district-less one)
    UNKNOWN_DISTRICT = "unknown-district"  # only other districts' name, in a document whose district is unknown
    OTHER_DISTRICT = "other-district"  # a name registered only for other districts' bodies
    JOINED = "joined"  # several known units written as one item
    WITH_ETC = "with-etc"  # a name ending in 等
    NEW_BODY = "new-body"  # a body of the district yet to be registered
    TYPO = "typo"  # none of these: no department has it, a typo most likely


@dataclass(frozen=True)
class UnitClass:
    """A unit's UnitKind with what its message needs: the other districts' departments of the name,
    the known units it joins, the body to register."""

    kind: UnitKind
    others: tuple[Department, ...] = ()
    parts: tuple[str, ...] = ()
    new: NewUnit | None = None


def _unit_classifier(corpus: Corpus) -> Callable[[str, str], UnitClass]:
    """classify_unit for the documents of ``corpus``, each (district, name) worked out once."""
    districts = {d.slug for d in corpus.districts.districts}
    finder = _unit_finder(corpus)
    return cache(lambda district, name: classify_unit(corpus.unit_names, finder, district, district in districts, name))


def classify_unit(unit_names: UnitNames, finder: Callable[[str], DepartmentFinder], district: str,
                  district_known: bool, name: str) -> UnitClass:
    """What the unit ``name`` (its reading) printed in a document of ``district`` is: the one
    classification units_resolve reports each unit by and quotes_are_verbatim reads (a TYPO unit,
    said by units_resolve with the clause's spelling, is not also said to be missing from the clause).
    A name that differs from a registered one only in the district it names is a body to register, not
    a typo (made for a district only when one of its documents names a unit no department holds)."""
    known = unit_names.known(district)
    if name in known:
        return UnitClass(UnitKind.KNOWN)
    others = unit_names.elsewhere(name, district)
    if others:
        # a document whose own district is unknown (reported by references_resolve) is not also told,
        # unit by unit, that its district's bodies belong to another
        return UnitClass(UnitKind.OTHER_DISTRICT if district_known else UnitKind.UNKNOWN_DISTRICT, others=tuple(others))
    parts = tuple(part.strip() for part in LIST_SEPARATOR.split(name))
    if len(parts) > 1 and all(part in known for part in parts):
        return UnitClass(UnitKind.JOINED, parts=parts)
    if name.endswith(ETC):
        return UnitClass(UnitKind.WITH_ETC)
    new = finder(district).new_unit(name) if district_known else None
    if new is not None:
        return UnitClass(UnitKind.NEW_BODY, new=new)
    return UnitClass(UnitKind.TYPO)


def _typo_unit_diagnostic(doc: LoadedDocument, m: Measure, unit: Quote, where: tuple[str, int, int],
                          known: dict) -> Diagnostic:
    """A unit no department has (a typo most likely), said once: with the closest known names, and when it
    is not printed in its clause either (unit-not-in-clause is then not said), the name the clause prints
    like it."""
    name = reading(unit)
    near = closest_names(name, known)
    fix = ("如果是错字，请改正；否则把它加到 site_data/departments.yaml 中对应部门的 "
           "`aliases`（别名）里，或新建一个部门")
    missing = _not_printed_where(doc, m, unit)
    if missing is None:
        return Diagnostic(*where, "unknown-department", f"条目 {m.id}：单位 `{name}` 不是任何部门的别名",
                          _closest_departments(near, known) + fix)
    message = f"条目 {m.id}：单位 `{name}` 不是任何部门的别名，也没有出现在{missing}中"
    clause = m.responsibility.clause
    if clause is None:
        return Diagnostic(*where, "unknown-department", message,
                          _closest_departments(near, known) + "照原文逐字复制单位名称；" + fix)
    text = printed(clause)
    close = _closest_in_clause(printed(unit), text) or _unlisted_in_clause(m, printed(unit), text, known)
    if close is not None:
        named = f"（{known[close].slug}）" if close in known else "（" + _closest_departments(near, known).rstrip("；") + "）"
        return Diagnostic(*where, "unknown-department", message,
                          f"照责任单位原文逐字写 `{close}`{named if named != '（）' else ''}；"
                          f"责任单位原文是 `{_clause_around(text, close)}`")
    return Diagnostic(*where, "unknown-department", message,
                      _closest_departments(near, known) + "照责任单位原文逐字复制单位名称；" + fix
                      + f"；责任单位原文是 `{_clause_around(text, None)}`")


_CLAUSE_SPLIT = re.compile(r"[、，,；;：:（）()\s…。]+|牵头单位|牵头部门|配合单位|配合部门|责任单位|责任部门")


def _clause_names(clause: str) -> list[str]:
    """The unit names a printed responsibility clause holds, as the parser reads them, and the pieces
    between its punctuation (a clause it cannot read, or a name it cuts otherwise)."""
    units = parse_clause(clause)
    parsed = [name for role in ROLES for name in getattr(units, role)] if units is not None else []
    pieces = [piece.removesuffix(ETC) for piece in _CLAUSE_SPLIT.split(clause) if len(piece) >= 2]
    return list(dict.fromkeys(parsed + pieces))


def _closest_in_clause(name: str, clause: str) -> str | None:
    """The name printed in ``clause`` most like ``name`` (a typo of it), or None."""
    close = closest_names(name, _clause_names(clause), limit=1)
    return close[0] if close else None


def _unlisted_in_clause(m: Measure, name: str, clause: str, known: dict) -> str | None:
    """The unit the clause prints that none of the measure's lists names (a known department's name),
    most like ``name``, when no printed name is close enough for _closest_in_clause: 区经信委员会 written
    for the clause's 区经济信息委, which its other names already listed leave. None when none is left."""
    listed = {printed(u) for role in ROLES for u in getattr(m.responsibility, role)}
    left = [n for n in _clause_names(clause) if n in known and n not in listed]
    return max(left, key=partial(fuzz.ratio, name)) if left else None  # the first of equals, in printed order


CLAUSE_SHOWN = 60  # characters of a responsibility clause shown in a hint


def _clause_around(clause: str, name: str | None) -> str:
    """``clause`` as a hint shows it: whole when short, else the part around ``name`` (printed in it)
    or its start, cut between names (after a punctuation mark), with `…` where it is cut."""
    if len(clause) <= CLAUSE_SHOWN:
        return clause
    at = clause.find(name) if name else -1
    start = 0 if at < 0 else max(0, min(at - (CLAUSE_SHOWN - len(name or "")) // 2, len(clause) - CLAUSE_SHOWN))
    end = start + CLAUSE_SHOWN
    if start > 0:  # begin after the punctuation before the window's first whole name
        cut = re.search(r"[、，,；;：:（(]", clause[start:at if at >= 0 else end])
        start = start + cut.end() if cut else start
    if end < len(clause):  # end at the punctuation after the window's last whole name
        cuts = [c.start() for c in re.finditer(r"[、，,；;）)]", clause[max(start, at + len(name or "")):end])]
        end = max(start, at + len(name or "")) + cuts[-1] if cuts else end
    return "…" * (start > 0) + clause[start:end] + "…" * (end < len(clause))


def _not_printed_where(doc: LoadedDocument, m: Measure, unit: Quote) -> str | None:
    """Where a listed unit should be printed and is not: 它的责任单位原文（clause）, or the source when
    the entry has no clause; None when it is printed there (or the source is missing: said elsewhere)."""
    clause = m.responsibility.clause
    if clause is not None:
        return None if find_quote(printed(clause), printed(unit)) is not None else "它的责任单位原文（clause）"
    if doc.source_text is None or find_quote(doc.source_text, printed(unit)) is not None:
        return None
    return f"原文 {doc.document.source.file}"


def _unit_finder(corpus: Corpus) -> Callable[[str], DepartmentFinder]:
    """A DepartmentFinder for each district, made when first asked for."""
    return cache(lambda slug: DepartmentFinder(corpus.unit_names, slug, corpus.districts.districts))


def _clause_ends_with_etc(clause: str, role: str) -> bool:
    """Whether a printed responsibility clause ends its ``role`` list with 等 (as units_match_clause
    reads it); a clause the parser cannot read is taken to, when it prints 等 at all."""
    units = parse_clause(clause)
    return bool(getattr(units, f"{role}_etc")) if units is not None and not units.empty() else ETC in clause


def _role_words(role: str) -> str:
    """`support`（配合单位）: a list's key and its role in the site's words."""
    return f"`{role}`（{ROLE_LABELS[role]}单位）"


@rule("牵头、配合和分工负责单位的名单与责任单位原文一致：原文中的每个单位都写在原文所说的那一栏，"
      "名单中的每个单位都是原文列出的单位；原文的名单以“等”结尾时对应的 `*_etc` 写 true，否则不写。"
      "原文的写法读不准时不检查。")
def units_match_clause(corpus: Corpus) -> Iterator[Diagnostic]:
    """The lead, support and joint lists say what the printed clause says: every unit the clause
    names is listed in the clause's role, every listed unit is one the clause names, and a role's
    `*_etc` is true exactly when the clause ends that role's list with 等. The clause is read by the
    parser `extract` drafts with (generator.clauses), printed units against the printed clause, as
    unit-not-in-clause compares them. A clause that parser cannot read with confidence (it finds no
    units, or a name that is neither a known printed unit nor one of the measure's listed units) is
    not checked: a guess is never reported."""
    unit_names = corpus.unit_names
    for doc in corpus.documents:
        known = unit_names.known(doc.document.district)
        for i, m in enumerate(doc.document.measures):
            yield from _units_against_clause(doc, ("measures", i, "responsibility"), m, known)


def _listed(r: Responsibility) -> list[tuple[str, int, Quote, str]]:
    """(role, position, unit, printed name) of every listed unit. A name ending in 等 is reported by
    units_resolve; here it stands for the unit it names."""
    return [(role, j, unit, printed(unit).removesuffix(ETC)) for role in ROLES for j, unit in enumerate(getattr(r, role))]


def read_clause(r: Responsibility, known: Container[str]) -> Units | None:
    """The units of a measure's printed clause as the parser reads them; None when there is no
    clause or no confident reading: the parser finds no units, or a name that is neither a printed
    unit name ``known`` in the document's district nor one of the measure's listed units (it may
    have cut or joined names in a style it does not know)."""
    units = parse_clause(printed(r.clause)) if r.clause is not None else None
    listed_names = {name for _, _, _, name in _listed(r)}
    if units is None or not all(name in known or name in listed_names for role in ROLES for name in getattr(units, role)):
        return None
    return units


def _units_against_clause(doc: LoadedDocument, loc: tuple, m: Measure, known: Container[str]) -> Iterator[Diagnostic]:
    r = m.responsibility
    units = read_clause(r, known)
    if units is None:
        return
    clause = printed(r.clause)
    listed = _listed(r)
    listed_names = {name for _, _, _, name in listed}
    said: dict[str, list[str]] = {}  # each unit the clause names → the roles it gives it
    for role in ROLES:
        for name in getattr(units, role):
            said.setdefault(name, []).append(role)
    shown = f"责任单位原文是 `{_short(clause, 60)}`"
    unnamed = set()  # roles holding a unit the clause does not name: most likely a mistyped copy of a missing one
    for role, j, unit, name in listed:
        roles = said.get(name)
        if roles is None:
            unnamed.add(role)
            # a name not in the clause is reported by unit-not-in-clause, one of no department by units_resolve
            if find_quote(clause, name) is not None and reading(unit) in known:
                yield Diagnostic(*_where(doc, loc + (role, j)), "units-differ-from-clause",
                                 f"条目 {m.id}：`{name}` 写在 {_role_words(role)}中，但责任单位原文没有把它列为一个单位",
                                 "照原文逐字写出原文列出的单位名称，或删掉这一项；" + shown)
        elif role not in roles:
            yield Diagnostic(*_where(doc, loc + (role, j)), "units-differ-from-clause",
                             f"条目 {m.id}：`{name}` 写在 {_role_words(role)}中，而责任单位原文中它是{ROLE_LABELS[roles[0]]}单位",
                             f"把它移到 {_role_words(roles[0])}中；" + shown)
    for role in ROLES:
        for name in getattr(units, role):
            if name not in listed_names and role not in unnamed:
                yield Diagnostic(*_where(doc, loc + (role,)), "units-differ-from-clause",
                                 f"条目 {m.id}：责任单位原文中的{ROLE_LABELS[role]}单位 `{name}` 没有写进任何名单",
                                 f"按原文的顺序把它写进 {_role_words(role)}；" + shown)
        etc, flag = getattr(units, f"{role}_etc"), getattr(r, f"{role}_etc")
        if etc and not flag:
            yield Diagnostic(*_where(doc, loc + (role,)), "units-differ-from-clause",
                             f"条目 {m.id}：责任单位原文的{ROLE_LABELS[role]}单位名单以“{ETC}”结尾，`{role}_etc` 却不是 true",
                             f"写 `{role}_etc: true`（单位名称中不带“{ETC}”）；" + shown)
        elif flag and not etc:
            yield Diagnostic(*_where(doc, loc + (f"{role}_etc",)), "units-differ-from-clause",
                             f"条目 {m.id}：`{role}_etc` 是 true，但责任单位原文的{ROLE_LABELS[role]}单位名单不以“{ETC}”结尾",
                             f"删掉 `{role}_etc: true`；" + shown)


@rule(f"部门名称、单位写法和主题名称中不含全角分号「{NAMES_SEPARATOR}」：下载文件在同一格中用它分隔几个名称。")
def names_hold_no_separator(corpus: Corpus) -> Iterator[Diagnostic]:
    """No department name, printed or read unit and theme name contains NAMES_SEPARATOR, which the
    downloads put between the names of one cell: a name holding it would split into false names."""
    hint = (f"「{NAMES_SEPARATOR}」是下载文件中名称之间的分隔符，名称本身不能含有它；"
            "一项里写了几个单位时，把每个单位写成列表中的一项")
    named = [("departments.yaml", "departments", ("name", "aliases", "colloquial")), ("themes.yaml", "themes", ("name",))]
    for file, key, fields in named:
        loaded = corpus.registry_yaml[file]
        for i, item in enumerate(getattr(getattr(corpus, key), key)):
            for field in fields:
                value = getattr(item, field)
                for j, name in enumerate(value) if isinstance(value, list) else [(None, value)]:
                    if NAMES_SEPARATOR in name:
                        loc = (key, i, field) if j is None else (key, i, field, j)
                        yield Diagnostic(loaded.path, *loaded.where(loc), "separator-in-name",
                                         f"{item.slug}：名称 `{name}` 含有「{NAMES_SEPARATOR}」", hint)
    for doc in corpus.documents:
        for i, m in enumerate(doc.document.measures):
            for role in ROLES:
                for j, unit in enumerate(getattr(m.responsibility, role)):
                    if NAMES_SEPARATOR in printed(unit) or NAMES_SEPARATOR in reading(unit):
                        yield Diagnostic(*_where(doc, ("measures", i, "responsibility", role, j)), "separator-in-name",
                                         f"条目 {m.id}：单位 `{printed(unit)}` 含有「{NAMES_SEPARATOR}」", hint)


@rule("每份文件写明的原文文件都在 site_data/sources/ 中。")
def source_exists(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every document names a source text that exists under site_data/sources/."""
    for doc in corpus.documents:
        named_right = doc.document.source.file == f"{doc.document.id}.txt"  # else reported while loading
        if doc.source_text is None and named_right and not os.path.lexists(corpus.root / "sources" / doc.document.source.file):
            yield Diagnostic(*_where(doc, ("source", "file")), "missing-source",
                             f"原文文件 `{doc.document.source.file}` 不在 site_data/sources/ 中",
                             "把逐字原文放到那里，或改正文件名")
        elif doc.source_text is not None and not doc.source_text.strip():  # its quotes are not checked one by one
            yield Diagnostic(*_where(doc, ("source", "file")), "missing-source",
                             f"原文文件 site_data/sources/{doc.document.source.file} 是空的，本文件的引文都无法核对",
                             "把逐字原文放回这个文件（可从版本库恢复：`git checkout -- site_data/sources/"
                             f"{doc.document.source.file}`）；引文要等原文恢复后才逐一核对")


def _source_key(text: str) -> bytes:
    """What two copies of one source text share: the text without the blanks at its lines' ends and
    the blank lines at its end (an editor's or extract's trailing newline), hashed to 32 bytes."""
    return hashlib.sha256("\n".join(line.rstrip() for line in text.rstrip().splitlines()).encode()).digest()


@rule("每份原文只录入一次：任何两份文件的原文文件内容都不相同（行末空格和末尾空行不算差别）。")
def sources_are_distinct(corpus: Corpus) -> Iterator[Diagnostic]:
    """No two documents have the same source text (the same after the blanks at line ends and the
    blank lines at the end): one of them is the same document entered again (`extract` run on a source
    the corpus has), and every measure of it would be counted twice. Told at the later one in file
    order, naming the earlier: which of the two was entered later only the editor knows."""
    first: dict[bytes, LoadedDocument] = {}
    for doc in sorted(corpus.documents, key=lambda doc: doc.yaml.path):
        if doc.source_text is None or not doc.source_text.strip():  # source_exists says so
            continue
        earlier = first.setdefault(_source_key(doc.source_text), doc)
        if earlier is doc or earlier.document.source.file == doc.document.source.file:  # one file: ids_are_unique says so
            continue
        yield Diagnostic(*_where(doc, ("source", "file")), "duplicate-source",
                         f"原文文件 `{doc.document.source.file}` 与 {earlier.yaml.path}（{earlier.document.id}）的原文 "
                         f"`{earlier.document.source.file}` 内容相同（至多差行末空格或末尾空行）：同一份文件录入了两次，"
                         "其中的条目会被计算两次",
                         "同一份文件只录入一次：删去后录入的那一份（它的 YAML 文件和 site_data/sources/ 中的原文文件），"
                         "要补充的内容改在留下的那一份中；确是两份不同的文件时，把各自的逐字原文放进各自的原文文件")


def _quotes(doc: LoadedDocument) -> Iterator[tuple[str, Quote, tuple, str]]:
    """Every quote of a document: (what, quote, location, scope) where scope is `exact` or
    `layout` (whitespace and a word processor's export bookmarks may come between its words: titles
    printed over several lines)."""
    d = doc.document
    for i, p in enumerate(d.policies):
        yield "所引政策的标题（policies.title）", p.title, ("policies", i, "title"), "layout"
        if p.doc_number is not None:
            yield "所引政策的文号（policies.doc_number）", p.doc_number, ("policies", i, "doc_number"), "layout"
    for j, text in enumerate(d.dates.printed):
        yield "原文日期（dates.printed）", text, ("dates", "printed", j), "exact"
    if d.consultation:
        yield "征求意见截止日期（deadline_printed）", d.consultation.deadline_printed, ("consultation", "deadline_printed"), "exact"
        for j, text in enumerate(d.consultation.channels):
            yield "反馈渠道（channels）", text, ("consultation", "channels", j), "exact"
    if d.doc_number and d.doc_number_printed:
        yield "文号（doc_number）", d.doc_number, ("doc_number",), "exact"
    yield "标题（title）", d.title, ("title",), "layout"
    if d.notice_title:
        yield "通知标题（notice_title）", d.notice_title, ("notice_title",), "layout"
    for section, loc in _section_locs(d.outline):
        yield f"章节 {section.id} 的标题（title）", section.title, loc + ("title",), "exact"
    for i, m in enumerate(d.measures):
        base = ("measures", i)
        if m.title is not None:
            yield f"条目 {m.id} 的标题（title）", m.title, base + ("title",), "exact"
        yield f"条目 {m.id} 的正文（text）", m.text, base + ("text",), "exact"
        if m.responsibility.clause is not None:
            yield f"条目 {m.id} 的责任单位原文（clause）", m.responsibility.clause, base + ("responsibility", "clause"), "exact"
        for j, t in enumerate(m.targets):
            yield f"条目 {m.id} 的目标原句（clause）", t.clause, base + ("targets", j, "clause"), "exact"
        if m.project is not None:
            yield f"条目 {m.id} 的项目投资（investment.printed）", m.project.investment.printed, base + ("project", "investment", "printed"), "exact"
            yield f"条目 {m.id} 的项目名称（name）", m.project.name, base + ("project", "name"), "exact"
            yield f"条目 {m.id} 的完成时限（period_printed）", m.project.period_printed, base + ("project", "period_printed"), "exact"
    if d.project_total is not None:
        yield "项目合计（project_total.printed）", d.project_total.printed, ("project_total", "printed"), "exact"


@rule("编号的识读（number_reading）只写给印刷受损的编号：编号本身不能空着，识读也不能与印刷原样相同。")
def number_readings_mend_a_number(corpus: Corpus) -> Iterator[Diagnostic]:
    """A number's reading (number_reading) stands beside a printed number that differs from it."""
    for doc in corpus.documents:
        d = doc.document
        numbered = [(f"章节 {s.id}", s, loc) for s, loc in _section_locs(d.outline)]
        numbered += [(f"条目 {m.id}", m, ("measures", i)) for i, m in enumerate(d.measures)]
        for who, record, loc in numbered:
            if record.number_reading is None:
                continue
            if not record.number.strip():
                yield Diagnostic(*_where(doc, loc + ("number_reading",)), "invalid-value",
                                 f"{who}：写了编号的识读 `{record.number_reading}`，编号（number）却空着",
                                 "number 照印刷原样写出原文的编号，number_reading 写它的识读")
            elif record.number_reading == record.number:
                yield Diagnostic(*_where(doc, loc + ("number_reading",)), "reading-unchanged",
                                 f"{who}：编号的识读（number_reading）与印刷原样（number）完全相同",
                                 "编号完好时删去 number_reading")


@rule("每处引文（标题、正文、责任单位原文、目标原句、单位名称、日期等）都与原文逐字一致；原文受损处照印刷原样引用，把识读写在 `reading` 中。")
def quotes_are_verbatim(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every quote (titles, texts, clauses, printed units, dates) is found character for
    character in the document's source text. Damaged print is quoted as printed, with the
    repaired words in `reading`."""
    classify = _unit_classifier(corpus)
    for doc in corpus.documents:
        if doc.source_text is None or not doc.source_text.strip():  # missing or empty: source_exists says so once
            continue
        source = doc.source_text
        squeezed = _squeeze(EXPORT_BOOKMARK.sub("", source))
        after = 0  # quotes come mostly in printed order: each is looked for after the one before first
        for what, quote, loc, scope in _quotes(doc):
            text = printed(quote)
            if scope == "exact":
                found = find_quote(source, text, after) or find_quote(source, text)
                after = found[0] if found else after
            else:
                found = find_quote(squeezed, _squeeze(text))
            if found is None:
                yield _quote_not_found(doc, what, _quote_loc(quote, loc), text, scope, source, squeezed)
            if isinstance(quote, Reading) and quote.reading == quote.printed:
                yield Diagnostic(*_where(doc, loc), "reading-unchanged",
                                 f"{what}：识读（reading）与印刷原样（printed）完全相同",
                                 "直接写成普通文字，不必分 printed/reading")
        in_source = cache(partial(find_quote, source))  # the same units are printed again and again
        district = doc.document.district
        for i, m in enumerate(doc.document.measures):
            clause = m.responsibility.clause
            for role in ROLES:
                for j, unit in enumerate(getattr(m.responsibility, role)):
                    text = printed(unit)
                    if (find_quote(printed(clause), text) if clause is not None else in_source(text)) is None:
                        if classify(district, reading(unit)).kind is UnitKind.TYPO:
                            continue  # units_resolve says it, with the name known or printed like it: one error
                        where = "它的责任单位原文（clause）" if clause is not None else f"原文 {doc.document.source.file}"
                        shown = ""
                        if clause is not None:
                            close = _closest_in_clause(text, printed(clause))
                            shown = (f"；责任单位原文中与它最接近的是 `{close}`" if close is not None else "") + \
                                f"；责任单位原文是 `{_clause_around(printed(clause), close)}`"
                        yield Diagnostic(*_where(doc, _quote_loc(unit, ("measures", i, "responsibility", role, j))),
                                         "unit-not-in-clause",
                                         f"条目 {m.id}：单位 `{printed(unit)}` 没有出现在{where}中",
                                         "照原文逐字复制单位名称" + shown)


COPY_ADVICE = ("请从原文逐字复制（标点和全角/半角都要一致）；原文印刷有误时，照印刷原样引用，"
               "把改正后的文字写在 `reading`（识读）下；表格中相隔的单元格用 `…` 连接")
LINE_BREAK_ADVICE = "原文在这里换行：用 `…` 连接换行前后的两段；需要连贯文字时写在 `reading`（识读）中"
FOLDED_ADVICE = "YAML 把换行读成了一个空格：把整段写在一行里（或用 `|-` 块并且不在句中换行）"
WRONG_JOINERS = re.compile(r"…{2,}|\.{3,}|。{3,}")  # `……` (the Chinese ellipsis) or `...` written for the joiner `…`


def _quote_not_found(doc: LoadedDocument, what: str, loc: tuple, text: str, scope: str, source: str,
                     squeezed: str) -> Diagnostic:
    """The diagnostic of a quote not found in its source, with the help that fixes it: the nearest
    passage and its first difference, or what is wrong with the quote's joiners or line breaks."""
    path, line, col = _where(doc, loc)
    message = f"{what}在原文 {doc.document.source.file} 中找不到一字不差的对应：`{_short(text)}`"
    exact = scope == "exact"
    haystack, quoted = (source, text) if exact else (squeezed, _squeeze(text))
    wrong = sorted({j for j in WRONG_JOINERS.findall(text) if j not in source})
    if wrong:  # joined with `……` or `...`, which the source does not print
        fixed = WRONG_JOINERS.sub(lambda j: GAP if j.group() in wrong else j.group(), quoted)
        joiners = "、".join(f"`{j}`" for j in wrong)
        hint = f"引文中的 {joiners} 不是连接符：相隔的两段原文之间只用一个 `…`（省略号字符 U+2026）连接"
        if find_quote(haystack, fixed) is not None:
            return Diagnostic(path, line, col, "quote-not-found", message, hint + f"，把 {joiners} 改成一个 `…` 即可")
        near = closest_passage(haystack, fixed, show_line=exact)
        return Diagnostic(path, line, col, "quote-not-found", message,
                          hint + ("；改成 `…` 后，" + near if near else "；") + COPY_ADVICE)
    diff = first_difference(haystack, quoted)
    if diff is None:
        return Diagnostic(path, line, col, "quote-not-found", message, COPY_ADVICE)
    near = describe_difference(diff, show_line=exact)
    folds = [fold for fold in doc.yaml.folds.get(loc, ()) if text[fold[0]:fold[0] + 1] == " "]
    if exact and diff.quoted == " " and diff.tag in ("delete", "replace") and folds:
        # the quote was written over two YAML lines: the break became a space the source does not print
        at = next((fold for fold in folds if fold[0] == diff.at), folds[0])
        return Diagnostic(path, at[1], at[2], "quote-not-found",
                          message + f"：引文写成了几行，第 {at[1]} 行的行末被读成了一个空格", near + FOLDED_ADVICE)
    if exact:  # at the first character that differs, where the quote stands on one line as written
        line, col = doc.yaml.where_in(loc, diff.at)
    if diff.tag == "insert" and diff.source == "\n":
        return Diagnostic(path, line, col, "quote-not-found", message, near + LINE_BREAK_ADVICE)
    return Diagnostic(path, line, col, "quote-not-found", message, near + COPY_ADVICE)


SENTENCE_ENDS = "。；！？：;!?:"  # a main text ends at one of these, or where its line or the print ends
BEFORE_TEXT = re.compile(r"(?:[^\S\n]|\[bookmark: [^\]]*\])*\Z")  # blanks and export bookmarks before a text
SHOWN_AROUND = 15  # characters of the source shown before or after a text cut short


@rule("正文条目（目标、措施、保障措施）引整句：正文从句首（小标题或编号之后、上一句的句号之后或一行的开头）"
      "引到句末（句号、分号、冒号，或一行的结尾、责任单位括注之前），不能只引半句。")
def main_texts_are_whole(corpus: Corpus) -> Iterator[Diagnostic]:
    """A goal's, measure's or safeguard's text is whole sentences: it begins where a sentence begins
    (after its title or number, after a full stop, or at the start of a line) and ends where one ends
    (with a full stop or semicolon, or before a line break or the responsibility clause). A text cut
    to a fragment (`text: 助力`) is found in the source, so quotes_are_verbatim lets it pass."""
    for doc in corpus.documents:
        source = doc.source_text
        if source is None:
            continue
        for i, m in enumerate(doc.document.measures):
            if m.kind not in MAIN_TEXT_KINDS:
                continue
            text = printed(m.text)
            found = find_quote(source, text)
            if found is None:  # quotes_are_verbatim reports it
                continue
            start, end = found
            where = _where(doc, _quote_loc(m.text, ("measures", i, "text")))
            if not _begins_a_sentence(source, start, m):
                before = source[max(0, start - SHOWN_AROUND):start].split("\n")[-1]
                yield Diagnostic(*where, "text-not-whole",
                                 f"条目 {m.id} 的正文（text）从一句话的中间引起：原文在它前面是 `…{before}`",
                                 "正文从句首引起（小标题或编号之后、上一句的句号之后，或一行的开头）：把前面漏掉的文字补上")
            if not _ends_a_sentence(source, end, text, doc):
                after = source[end:end + SHOWN_AROUND].split("\n")[0]
                yield Diagnostic(*where, "text-not-whole",
                                 f"条目 {m.id} 的正文（text）没有引到句末：原文接着是 `{after}…`",
                                 "正文引到句末的句号或分号（或一行的结尾）：把后面漏掉的文字补上；责任单位括注不算正文，写在 "
                                 "`responsibility.clause` 中")


def _begins_a_sentence(source: str, start: int, m: Measure) -> bool:
    """Whether a text found at ``start`` begins a sentence: at the start of the source or a line,
    after a sentence's end, or right after the entry's own printed title or number."""
    window = source[max(0, start - 200):start]
    before = window[:BEFORE_TEXT.search(window).start()]  # type: ignore[union-attr]  # matches at least ""
    if not before or before.endswith("\n") or before[-1] in SENTENCE_ENDS:
        return True
    return any(lead and before.endswith(lead) for lead in (printed(m.title) if m.title else "", m.number))


def _ends_a_sentence(source: str, end: int, text: str, doc: LoadedDocument) -> bool:
    """Whether a text found ending at ``end`` ends a sentence: with a sentence's end, or before the
    end of its line, a sentence's end, the responsibility clause, or the next entry's number or title
    (damaged print runs entries together)."""
    if text[-1] in SENTENCE_ENDS:
        return True
    after = source[end:end + 200].lstrip(" \t\u3000\r")
    if not after or after[0] in "\n(（" or after[0] in SENTENCE_ENDS:
        return True
    return any(lead and after.startswith(lead) for entry in doc.document.measures
               for lead in (entry.number, printed(entry.title) if entry.title else ""))


SEPARATORS_AFTER = re.compile(r"(?:\s|\[bookmark: [^\]]*\])*")  # what may stand between an entry's printed parts
PART_NAMES = {"number": "编号（number）", "title": "标题（title）", "text": "正文（text）", "clause": "责任单位原文（clause）"}
PART_SHORT = {"number": "编号", "title": "标题", "text": "正文", "clause": "责任单位原文"}
MAX_OCCURRENCES = 20  # occurrences of one part looked at: a title printed more often than this is not told apart
HEAD_CHARS = 12  # characters of a heading's or an entry's beginning a text without a clause may run into
SHOWN_BESIDE = 20  # characters of the source shown after or before a misplaced part's neighbour


def _skip_forward(source: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not a blank, a line break or an export bookmark."""
    return SEPARATORS_AFTER.match(source, pos).end()  # type: ignore[union-attr]  # matches at least ""


def _skip_back(source: str, pos: int) -> int:
    """The position after the last printed character before ``pos`` (blanks, line breaks and export
    bookmarks skipped)."""
    while True:
        while pos > 0 and source[pos - 1].isspace():
            pos -= 1
        if pos > 0 and source[pos - 1] == "]":
            begin = source.rfind("[bookmark: ", max(0, pos - 200), pos)
            if begin >= 0 and EXPORT_BOOKMARK.fullmatch(source, begin, pos):
                pos = begin
                continue
        return pos


def _occurrences(source: str, quote: str) -> list[tuple[int, int]]:
    """Where ``quote`` (`…` spanning other printed text) is printed in ``source``, up to MAX_OCCURRENCES."""
    found: list[tuple[int, int]] = []
    start = 0
    while len(found) < MAX_OCCURRENCES and (at := find_quote(source, quote, start)) is not None:
        found.append(at)
        start = at[0] + 1
    return found


_NUMERALS = "0123456789０１２３４５６７８９〇一二三四五六七八九十百"
_NUMBER_CORE = re.compile(f"[{_NUMERALS}]+")


@cache
def _number_patterns(number: str) -> tuple[re.Pattern[str], ...]:
    """A number as the sources print it, ending where its entry's next part begins and not the end of
    a longer number (6. is not printed in 16., 一、 not in 十一、): as written (第三条), or its numerals
    as written (6, 十一) in brackets or not, half- or full-width, with any of 、.．,，:： after them and
    blanks between (OCR copies print `11 .` and `1 ,`)."""
    patterns = [re.compile(f"(?<![{_NUMERALS}]){re.escape(number.strip())}\\Z")]
    core = _NUMBER_CORE.findall(number)
    if len(core) == 1:
        blank = "[^\\S\\n]*"
        patterns.append(re.compile(f"(?<![{_NUMERALS}])[(（]?{blank}{re.escape(core[0])}{blank}[)）]?{blank}[、.．,，:：]?\\Z"))
    return tuple(patterns)


def _printed_number(source: str, start: int, number: str) -> str | None:
    """How ``number`` is printed right before ``start`` (blanks, line breaks and bookmarks between):
    ``number`` itself when printed as written, else the printing its numerals match (`2.` for `2`), or None."""
    end = _skip_back(source, start)
    for pattern in _number_patterns(number):
        found = pattern.search(source, max(0, end - 20), end)
        if found is not None:
            return found.group(0).strip()
    return None


def _printed_before(source: str, start: int, number: str) -> bool:
    """Whether ``number`` is printed right before ``start``, as written or with other punctuation:
    where an entry stands in the source (its punctuation is checked once the entry is placed)."""
    return _printed_number(source, start, number) is not None


def _beside(source: str, pos: int, after: bool) -> str:
    """A short excerpt of the source after (or before) ``pos``, within its line."""
    if after:
        pos = _skip_forward(source, pos)
        return source[pos:pos + SHOWN_BESIDE].split("\n")[0] + "…"
    pos = _skip_back(source, pos)
    return "…" + source[max(0, pos - SHOWN_BESIDE):pos].split("\n")[-1]


@rule("正文条目（目标、措施、保障措施）的各部分在原文中依次紧挨着印出：编号、标题、正文、责任单位原文，"
      "中间只隔空格、换行或导出的书签；不能把别的条目的标题、正文或责任单位原文拼进来，也不能漏引正文的后几句。")
def entry_parts_are_together(corpus: Corpus) -> Iterator[Diagnostic]:
    """A goal's, measure's or safeguard's printed parts stand together in the source, in printed
    order: its number (printed with its own spacing and punctuation: `1.`, `（一）`, OCR's `11 .`),
    its title, its text and its responsibility clause, each right after the one before, with only
    blanks, line breaks and export bookmarks between. Each part found on its own is not enough: an
    entry stitched from two measures (one's clause under the other's text), a mistyped number or a
    text missing its last sentences before the clause passes quotes_are_verbatim and
    main_texts_are_whole.

    The longest run of parts that stand together is taken to be where the entry is printed (the
    text's run when two are as long); the part just outside it is reported with what the source
    prints there instead. A part printed nowhere is left to quotes_are_verbatim."""
    for doc in corpus.documents:
        source = doc.source_text
        if source is None:
            continue
        heads = _heads(doc)
        for i, m in enumerate(doc.document.measures):
            if m.kind in MAIN_TEXT_KINDS:
                yield from _parts_apart(doc, source, i, m, heads)


def _heads(doc: LoadedDocument) -> tuple[set[str], list[int]]:
    """How the document's headings and main-text entries begin (each one's number and title, an
    untitled entry's text), HEAD_CHARS characters at most: the printed words an entry's text may run
    into in a copy that prints no line breaks. With the lengths of those words, longest first."""
    d = doc.document
    parts = [part for section, _ in _section_locs(d.outline) for part in (section.number, section.title)]
    parts += [part for m in d.measures if m.kind in MAIN_TEXT_KINDS for part in (m.number, m.title if m.title is not None else m.text)]
    starts = {printed(part).split(GAP)[0][:HEAD_CHARS] for part in parts}  # a few characters tell where each begins
    starts.discard("")
    return starts, sorted({len(start) for start in starts}, reverse=True)


def _ends_an_entry(source: str, end: int, heads: tuple[set[str], list[int]]) -> bool:
    """Whether a text without a responsibility clause, printed up to ``end``, ends its entry: at the
    end of a line or of the source, or where a heading or another entry begins."""
    after = _skip_forward(source, end)
    if after == len(source) or "\n" in source[end:after]:
        return True
    starts, lengths = heads
    return any(source[after:after + length] in starts for length in lengths)


def _parts_apart(doc: LoadedDocument, source: str, i: int, m: Measure,
                 heads: tuple[set[str], list[int]]) -> Iterator[Diagnostic]:
    parts: list[tuple[str, Quote, tuple]] = [("title", m.title, ("title",))] if m.title is not None else []
    parts.append(("text", m.text, ("text",)))
    if m.responsibility.clause is not None:
        parts.append(("clause", m.responsibility.clause, ("responsibility", "clause")))
    found = [_occurrences(source, printed(quote)) for _, quote, _ in parts]
    if not all(found):  # quotes_are_verbatim reports the part printed nowhere
        return
    text = printed(m.text)
    start, end = found[len(parts) - 1 - (m.responsibility.clause is not None)][0]
    if not _begins_a_sentence(source, start, m) or not _ends_a_sentence(source, end, text, doc):
        return  # main_texts_are_whole reports a text cut short: one mistake, said once
    # runs[k][start] = (length of the longest run of parts together ending with part k printed at start,
    # where that run begins in the source, the index of its first part); the number, when printed before
    # the first part, lengthens a run: an entry whose text is another's is placed by its number and title
    runs: list[dict[int, tuple[int, int, int]]] = []
    ends: list[dict[int, int]] = []  # part k's occurrences: where each one printed from start ends
    for k, places in enumerate(found):
        # the runs of the part before, by where the next part must begin to stand right after them
        reach = {_skip_forward(source, ends[k - 1][start]): run for start, run in runs[k - 1].items()} if k else {}
        ends.append(dict(places))
        runs.append({})
        for start, _ in places:
            if start in reach:
                length, first, first_part = reach[start]
                runs[k][start] = (length + 1, first, first_part)
            else:  # a run begins here; the number, printed right before the first part, counts as one of it
                runs[k][start] = (2 if not k and m.number and _printed_before(source, start, m.number) else 1, start, k)
    text_at = next(k for k, (name, _, _) in enumerate(parts) if name == "text")
    # the longest run; of two as long, one holding the text, then the first printed
    _, last, last_start, first_part, first = max(
        ((length, first_part <= text_at <= k, -first), k, start, first_part, first)
        for k, by_start in enumerate(runs) for start, (length, first, first_part) in by_start.items())
    path = ("measures", i)
    if last + 1 < len(parts):
        name, quote, loc = parts[last + 1]
        previous = parts[last][0]
        yield Diagnostic(*_where(doc, _quote_loc(quote, path + loc)), "entry-parts-apart",
                         f"条目 {m.id} 的{PART_NAMES[name]}没有紧接在它的{PART_SHORT[previous]}后面："
                         f"原文在{PART_SHORT[previous]}之后是 `{_beside(source, ends[last][last_start], True)}`",
                         _PART_HINTS[name])
    elif parts[last][0] == "text" and not _ends_an_entry(source, ends[last][last_start], heads):
        yield Diagnostic(*_where(doc, _quote_loc(m.text, path + ("text",))), "entry-parts-apart",
                         f"条目 {m.id} 的正文（text）没有引到本条的末尾：原文在正文之后是 "
                         f"`{_beside(source, ends[last][last_start], True)}`，不是换行，也不是下一条或下一个标题",
                         "把本条正文后面的句子补进 text，引到下一条（或下一个标题）之前；它们若属于另一个条目，"
                         "核对那个条目的正文")
    if first_part > 0:
        name, quote, loc = parts[first_part - 1]
        following = parts[first_part][0]
        yield Diagnostic(*_where(doc, _quote_loc(quote, path + loc)), "entry-parts-apart",
                         f"条目 {m.id} 的{PART_NAMES[name]}没有紧挨在它的{PART_SHORT[following]}前面："
                         f"原文在{PART_SHORT[following]}之前是 `{_beside(source, first, False)}`",
                         _PART_HINTS[name])
    elif m.number and (as_printed := _printed_number(source, first, m.number)) is None:
        following = parts[0][0]
        yield Diagnostic(*_where(doc, path + ("number",)), "entry-parts-apart",
                         f"条目 {m.id} 的编号 `{m.number}` 没有印在它的{PART_SHORT[following]}前面："
                         f"原文在{PART_SHORT[following]}之前是 `{_beside(source, first, False)}`",
                         _PART_HINTS["number"])
    elif m.number and as_printed != m.number.strip():  # `2` or `3、` where the source prints `2.`, `3.`
        yield Diagnostic(*_where(doc, path + ("number",)), "number-not-as-printed",
                         f"条目 {m.id} 的编号 `{m.number}` 与原文不一致：原文印的是 `{as_printed}`",
                         f"照原文逐字写编号，标点、括号和全角/半角都要一致：`number: \"{as_printed}\"`（页面和引用写法用它）；"
                         "编号印刷受损时照印刷原样写，识读写在 `number_reading`")


_PART_HINTS = {
    "number": "照原文写紧挨在标题（没有标题时为正文）前面印出的编号，如 `6.`、`（一）`；没有编号时留空",
    "title": "标题是原文中紧挨在本条正文前面的小标题或首句：照原文改正；没有标题时写 null",
    "text": "正文是原文中紧接在本条标题（或编号）后面的文字：从那里逐字复制本条的正文，不要用别的条目的正文",
    "clause": "责任单位原文是原文中紧接在本条正文后面的括注：照原文改正 clause 和单位名单；"
              "原文在正文后面接着的是本条正文的后续句子时，正文没有引全，把这些句子补进 text",
}


@rule("量化目标的单位 `unit` 是目标原句中印出的单位，并且与该指标在 metrics.yaml 中的单位相同"
      "（同一指标的数值要能跨区县比较：100 处充电设施和 50 个充电桩不是同一个指标）；"
      "有数值却不写单位，只在指标本身没有单位时可以。市级下达的目标没有数值，不检查。")
def target_units_are_printed(corpus: Corpus) -> Iterator[Diagnostic]:
    """A target's `unit` is the unit printed in its clause (`%`, 万千瓦, 处 …) or its metric's own
    unit in metrics.yaml; a unit that is neither is a typo. A printed unit other than the metric's
    (个 for a metric counted in 处) makes the value incomparable with other districts': the target
    belongs to another metric. A target with a value and no unit is allowed only when its metric has
    no unit either (a ratio such as 0.56). Targets set by the municipality print no value and no
    unit, so they are not checked."""
    metrics = {metric.slug: metric for metric in corpus.metrics.metrics}
    for doc in corpus.documents:
        for i, m in enumerate(doc.document.measures):
            for j, target in enumerate(m.targets):
                metric = metrics.get(target.metric)
                if target.value is None or metric is None or target.unit == metric.unit:
                    continue  # an unknown metric is reported by references_resolve
                clause = printed(target.clause) + reading(target.clause)
                what = f"条目 {m.id} 的第 {j + 1} 个目标（{metric.name}）"
                if target.unit and target.unit in clause:
                    if metric.unit:
                        yield Diagnostic(
                            *_where(doc, ("measures", i, "targets", j, "metric")), "target-unit-differs-from-metric",
                            f"{what}：原句的单位 `{target.unit}` 与指标 {metric.slug} 的单位 `{metric.unit}` 不同，"
                            "数值不能与其他区县的这个指标比较",
                            f"改用计量同一事物、单位为 `{target.unit}` 的指标，"
                            f"或在 site_data/metrics.yaml 中为它新建一个指标（unit: \"{target.unit}\"）")
                    continue
                if target.unit:
                    message = (f"{what}：单位 `{target.unit}` 没有出现在目标原句（clause）中，"
                               f"也不是指标 {metric.slug} 的单位" + (f" `{metric.unit}`" if metric.unit else "（该指标没有单位）"))
                else:
                    message = f"{what}：没有写单位（unit），而指标 {metric.slug} 的单位是 `{metric.unit}`"
                if metric.unit and metric.unit in clause:
                    hint = f'原句中印的单位是 `{metric.unit}`：写 `unit: "{metric.unit}"`'
                else:
                    hint = f"照目标原句逐字写出数值后的单位（原句：`{_short(printed(target.clause))}`）"
                yield Diagnostic(*_where(doc, ("measures", i, "targets", j, "unit")), "target-unit-mismatch", message, hint)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS_SEPARATOR = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")  # the comma of 1,400
_GROUPED_BEFORE = re.compile(r"(?<![\d.])\d{1,3}(?:[,，]\d{3})*[,，]\Z")  # `1,` before the 400 of 1,400


# a decimal digit other than ASCII's (\d is Unicode's: not a non-digit, nor 0-9), the full-width point;
# a set rather than (?![0-9])\d, twice as fast to scan a text that has none (most)
_FULL_WIDTH_DIGITS = re.compile(r"[^\D0-9]|．")


@lru_cache(maxsize=1 << 16)  # the rules read the same texts again and again (a clause in five of them)
def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit written as an ASCII one (５００ → 500, as NFKC has it) and the
    full-width point as `.`; nothing else changes (NFKC would also make `…` three dots)."""
    if text.isascii():
        return text
    return _FULL_WIDTH_DIGITS.sub(lambda c: "." if c.group() == "．" else str(unicodedata.decimal(c.group(), c.group())), text)


def _names_number(text: str, number: str) -> bool:
    """Whether ``number`` stands in ``text`` as a number of its own (16 in 降低16%以上, not inside
    160, 1.6 or 2016)."""
    return re.search(r"(?<![\d.])" + re.escape(number) + r"(?!\.?\d)", text) is not None


def _unexplained(note: str | None) -> str:
    """The end of a message about a value or year the target's note does not name."""
    return "，目标的 `note` 中也没有写出这个数" if note else ""


@rule("量化目标的数值 `value` 以数字形式印在目标原句中；原句用文字表达数值（如“全部达到”“零填埋”“IV类”）时，"
      "须在目标的 `note` 中写明这个数值是怎样读出的，并写出这个数（如「IV类」记 4）。")
def target_values_are_printed(corpus: Corpus) -> Iterator[Diagnostic]:
    """A target's `value` is printed in its clause as a number (16 in 降低16%以上, not inside 160
    or 1.6). A value read from words (全部达到 → 100, 零填埋 → 0, IV类 → 4) needs a `note` that says
    how it was read and names the number: a note about something else does not let a typo (61 for
    16) through."""
    for doc in corpus.documents:
        for i, m in enumerate(doc.document.measures):
            for j, target in enumerate(m.targets):
                if target.value is None:
                    continue
                # full-width digits (５００) are the same number as 500
                clause = ascii_digits(printed(target.clause) + " " + reading(target.clause))
                note = ascii_digits(target.note)
                value = ascii_digits(target.value)
                if _names_number(clause, value) or (note and _names_number(note, value)):
                    continue
                if _THOUSANDS_SEPARATOR.search(clause) and _names_number(_THOUSANDS_SEPARATOR.sub("", clause), value):
                    continue  # 1,400 printed, 1400 written (a value has no separator: model._number_format)
                numbers = list(dict.fromkeys(_NUMBER.findall(clause)))
                shown = f"原句中的数字：{'、'.join(numbers)}" if numbers else "原句中没有数字"
                yield Diagnostic(*_where(doc, ("measures", i, "targets", j, "value")), "target-value-not-in-clause",
                                 f"条目 {m.id} 的第 {j + 1} 个目标：数值 `{target.value}` 没有出现在目标原句（clause）"
                                 f"`{_short(printed(target.clause))}` 中{_unexplained(target.note)}",
                                 f"照原句写数值（{shown}）；原句用文字表达数值（如“全部达到”记 100）时，"
                                 "在这个目标的 `note` 中写明是怎样读出的，并写出这个数（如「IV类」记 4）")


_PLAN_PERIODS = {"十三五": 2020, "十四五": 2025, "十五五": 2030}  # a five-year plan's period names its last year


def printed_years(words: str, base: bool = False) -> set[int]:
    """The years printed in ``words``: as digits (2025, not inside 120253) or as a five-year plan's
    period, which names its last year (“十四五” → 2025), or with ``base`` the year it counts from
    (“十四五” → 2020, the base of a change over the period)."""
    years = {int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", words)}
    return years | {year - 5 if base else year for period, year in _PLAN_PERIODS.items() if period in words}


def _years_not_printed(corpus: Corpus, field: str, code: str, name: str, hint: str) -> Iterator[Diagnostic]:
    """A diagnostic ``code`` at each target whose year ``field`` (`target_year` or `base_year`, called
    ``name``) is printed neither in its clause nor near it (its entry's text, title, category and a
    project's period, its section's title, the document's title) nor named in its note. ``hint``
    lists the years printed there in its `{shown}`."""
    for doc in corpus.documents:
        d = doc.document
        titles = {section.id: reading(section.title) for section, _ in _section_locs(d.outline)}
        document_words = reading(d.title) + reading(d.notice_title or "")
        for i, m in enumerate(d.measures):
            if not any(getattr(target, field) for target in m.targets):
                continue
            near = [reading(m.text), reading(m.title or ""), reading(m.category or ""), titles.get(m.section, ""), document_words]
            if m.project is not None:
                near.append(m.project.period_printed)
            near_years = printed_years(ascii_digits(" ".join(near)), field == "base_year")  # read once per entry
            for j, target in enumerate(m.targets):
                year = getattr(target, field)
                if year is None or year in near_years or (target.note and _names_number(target.note, str(year))):
                    continue
                years = near_years | printed_years(ascii_digits(" ".join([printed(target.clause), reading(target.clause)])),
                                                   field == "base_year")
                if year in years:
                    continue
                yield Diagnostic(*_where(doc, ("measures", i, "targets", j, field)), code,
                                 f"条目 {m.id} 的第 {j + 1} 个目标：{name} {year} 没有印在目标原句、本条目、"
                                 f"所在章节的标题或文件标题中{_unexplained(target.note)}",
                                 hint.format(shown="、".join(str(y) for y in sorted(years)) or "没有"))


@rule("量化目标的年份 `target_year` 印在目标原句、本条目（标题、正文、类别、项目完成时限）、它所在章节的标题或文件标题中，"
      "“十四五”期间记 2025；年份印在别处（如表头）时，须在目标的 `note` 中写明印在哪里，并写出这个年份。")
def target_years_are_printed(corpus: Corpus) -> Iterator[Diagnostic]:
    """A target's `target_year` is printed near it: in its clause, its measure (title, text,
    category, a project's period), the title of its section or of the document. A five-year plan
    (“十四五”) names its last year. A year printed nowhere there is a typo (2052 for 2025), unless
    the target's `note` says where it is printed (a table's header) and names it."""
    yield from _years_not_printed(corpus, "target_year", "target-year-not-printed", "年份",
                                  "照原文写目标年份（这些地方印出的年份：{shown}）；“十四五”期间写 2025；"
                                  "年份印在别处（如表头）时，在这个目标的 `note` 中写明印在哪里，并写出这个年份")


@rule("量化目标的基年 `base_year` 印在目标原句、本条目（标题、正文、类别、项目完成时限）、它所在章节的标题或文件标题中，"
      "“十四五”期间的基年记 2020；基年印在别处（如表头）时，须在目标的 `note` 中写明印在哪里，并写出这个年份。")
def target_base_years_are_printed(corpus: Corpus) -> Iterator[Diagnostic]:
    """A target's `base_year` is printed where its `target_year` must be (target_years_are_printed),
    a five-year plan (“十四五”) counting from the year before it (2020). A base year printed nowhere
    there is a typo (2015 for 2020), unless the target's `note` says where it is printed (a table's
    header) and names it."""
    yield from _years_not_printed(corpus, "base_year", "base-year-not-printed", "基年",
                                  "照原文写基年（“较2020年”写 2020；这些地方印出的年份：{shown}）；原文没有基年时删去 `base_year`；"
                                  "基年印在别处（如表头）时，在这个目标的 `note` 中写明印在哪里，并写出这个年份")


_UPWARD, _DOWNWARD = "不少于", "不多于"  # what a word says of the number it bounds
_WORDS_AFTER = {"以上": _UPWARD, "以下": _DOWNWARD, "以内": _DOWNWARD}  # 16%以上, 20%及以上, 0.3‰以内
_WORDS_BEFORE = {"不低于": _UPWARD, "不少于": _UPWARD, "至少": _UPWARD, "超过": _UPWARD, "突破": _UPWARD, "大于": _UPWARD,
                 "高于": _UPWARD, "不超过": _DOWNWARD, "不高于": _DOWNWARD, "控制在": _DOWNWARD, "低于": _DOWNWARD,
                 "小于": _DOWNWARD}  # 不低于90%, 控制在0.3‰: the longer word first (不超过 before 超过)
_COMPARATORS = {_UPWARD: (Comparator.at_least, Comparator.more_than), _DOWNWARD: (Comparator.at_most, Comparator.less_than)}
_BEFORE_WORDS = "|".join(sorted(_WORDS_BEFORE, key=len, reverse=True))


def comparator_words(clause: str, value: str, unit: str) -> dict[str, str]:
    """What ``clause`` says of the number ``value`` where it stands: each word that bounds it (以上,
    不低于, 控制在 …) with its direction (_UPWARD or _DOWNWARD). A word after the number follows it and
    its unit, or the numbers listed after it (降低16%、18%以上); a word before it precedes it, or the
    numbers listed before it (不低于16%、18%). Words elsewhere (规模以上工业) bound no number."""
    unit_ = "(?:" + "|".join([re.escape(unit)] * bool(unit) + ["%", "％", "‰"]) + ")?"
    number = r"\d+(?:\.\d+)?" + unit_
    after = re.compile(unit_ + f"(?:[、和与]{number})*[及或]?({'|'.join(_WORDS_AFTER)})")
    before = re.compile(f"({_BEFORE_WORDS})(?:{number}[、和与])*\\Z")
    words = {}
    for found in re.finditer(r"(?<![\d.])" + re.escape(value) + r"(?!\.?\d)", clause):
        if (said := after.match(clause, found.end())) is not None:
            words[said.group(1)] = _WORDS_AFTER[said.group(1)]
        if (said := before.search(clause, 0, found.start())) is not None:
            words[said.group(1)] = _WORDS_BEFORE[said.group(1)]
    return words


@rule("量化目标的比较符 `comparator` 与目标原句对这个数的说法相符：数值后写“以上”或数值前写“不低于”“不少于”“至少”“超过”“突破”时写 ≥ 或 >，"
      "数值后写“以内”“以下”或数值前写“不超过”“不高于”“控制在”时写 ≤ 或 <，都不写 =（降低16%以上是降幅不少于 16%，仍写 ≥）；"
      "确有例外时，须在目标的 `note` 中说明，并写出所用的比较符。")
def target_comparators_match_wording(corpus: Corpus) -> Iterator[Diagnostic]:
    """A target's `comparator` goes the way its clause bounds the number: 以上, 不低于, 不少于, 至少,
    超过, 突破 (at least) want ≥ or >; 以内, 以下, 不超过, 不高于, 控制在 (at most) want ≤ or <; `=`
    (exactly) is wrong for either. The wording is read next to the value in the clause's reading
    (comparator_words), so 规模以上工业 is not taken for 以上, and a word after a list of numbers
    governs each (分别降低16%、18%以上). The direction is the clause's, not the metric's: 降低16%以上
    is a reduction of at least 16% (≥). A clause that bounds the number both ways, or not at all, is
    not checked; a target whose `note` names its comparator (按≤录入) is an exception explained."""
    for doc in corpus.documents:
        for i, m in enumerate(doc.document.measures):
            for j, target in enumerate(m.targets):
                if target.value is None:
                    continue
                words = comparator_words(reading(target.clause), target.value, target.unit)
                directions = set(words.values())
                if len(directions) != 1:
                    continue
                direction = directions.pop()
                if target.comparator in _COMPARATORS[direction] or target.comparator.value in target.note:
                    continue
                said = "」「".join(words)
                wanted = " 或 ".join(c.value for c in _COMPARATORS[direction])
                yield Diagnostic(*_where(doc, ("measures", i, "targets", j, "comparator")), "comparator-contradicts-clause",
                                 f"条目 {m.id} 的第 {j + 1} 个目标：比较符 `{target.comparator.value}` 与目标原句不符：原句 "
                                 f"`{_short(reading(target.clause), 60)}` 用「{said}」说的是{direction} {target.value}",
                                 f"写 `comparator: {_COMPARATORS[direction][0].value}`（{wanted}）；降低、下降的幅度也照原句的说法写"
                                 "（降低16%以上写 ≥）；原句确有别的意思时，在这个目标的 `note` 中说明，并写出所用的比较符")


_NO_VALUE_SAID = re.compile(r"(?:未|没有|不|无|难以|缺)[^，。；,;]{0,6}(?:数值|取值|数字|具体数)"
                            r"|(?:数值|数字|取值)[^，。；,;]{0,6}(?:未|没有|不|无|缺|存疑|待)")


@rule("没有数值（`value: null`）的量化目标，要么是市级下达（`set_by_municipality: true`），要么在目标的 `note` 中写明为什么没有数值"
      "（如“原文未印数值”“数值不能确定，暂不取值”）：没有数值的目标不参加任何比较。")
def targets_without_a_value_say_why(corpus: Corpus) -> Iterator[Diagnostic]:
    """A target with no `value` is set by the municipality (`set_by_municipality`) or its `note` says
    why there is none (原文未印数值, 数值不能确定，暂不取值): a value left out silently drops the
    target out of every comparison. A note that says nothing of a missing value (a word like 未, 不,
    无 near 数值 or 取值) does not explain it."""
    for doc in corpus.documents:
        for i, m in enumerate(doc.document.measures):
            for j, target in enumerate(m.targets):
                if target.value is not None or target.set_by_municipality or _NO_VALUE_SAID.search(target.note):
                    continue
                said = "，目标的 `note` 也没有说明为什么没有数值" if target.note else ""
                yield Diagnostic(*_where(doc, ("measures", i, "targets", j, "value")), "target-value-missing",
                                 f"条目 {m.id} 的第 {j + 1} 个目标没有数值（value），也不是市级下达{said}：它不会出现在任何比较中",
                                 "照目标原句写出数值；数值由市级下达时写 `set_by_municipality: true`；原文没有印出数值或数值读不准时，"
                                 "在这个目标的 `note` 中写明为什么没有数值（如“原文未印数值”“数值不能确定，暂不取值”）")


def disagreeing_targets(targets: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """(earlier, later) positions of targets of one entry (the model's or an `extract` draft's) that
    set different values for the same metric, target year, base year, comparator and cumulation:
    each later one with the first of its kind."""
    first: dict[tuple, int] = {}
    for j, target in enumerate(targets):
        if target.value is None:
            continue
        key = (target.metric, target.target_year, target.base_year, Comparator(target.comparator), target.cumulative)
        k = first.setdefault(key, j)
        if k != j and Decimal(targets[k].value) != Decimal(target.value):
            yield k, j


@rule("同一条目中，指标、目标年、基年、比较符和是否累计都相同的两个目标，数值也相同；确是两个不同的目标"
      "（如分散充电桩和专属充电桩）时，须在后一个目标的 `note` 中写明它与前一个的区别。")
def targets_of_an_entry_agree(corpus: Corpus) -> Iterator[Diagnostic]:
    """Two targets of one entry for the same metric, target year, base year, comparator and
    cumulation set one value (disagreeing_targets): two values for one thing is a mistyped metric or
    value, and the pages would show either. Two different things counted by one metric (分散 and 专属
    充电桩) are told apart by the later target's `note`, which differs from the earlier's (the earlier
    may well have a note about something else). An unknown metric (a draft's `todo`) is reported by
    references_resolve."""
    metrics = {metric.slug for metric in corpus.metrics.metrics}
    for doc in corpus.documents:
        for i, m in enumerate(doc.document.measures):
            for k, j in disagreeing_targets(m.targets):
                earlier, target = m.targets[k], m.targets[j]
                if target.metric not in metrics or (target.note and target.note != earlier.note):
                    continue
                yield Diagnostic(*_where(doc, ("measures", i, "targets", j, "value")), "conflicting-targets",
                                 f"条目 {m.id} 的第 {j + 1} 个目标与第 {k + 1} 个目标的指标（{target.metric}）、目标年、基年、比较符"
                                 f"都相同，数值却不同（{earlier.value} 与 {target.value}）",
                                 "核对两个目标的指标和数值，多半是其中一个的指标写错了；确是同一指标下两个不同的目标时，"
                                 "在这个目标的 `note` 中写明它与前一个的区别（如“专属充电桩”）")


# the units a printed target counts in, besides the metrics' own (metrics.yaml); _printed_amount tries the
# longer spelling first (万千瓦 before 千瓦), so a number takes its whole unit
_TARGET_UNITS = (
    "% ％ ‰ 个 万个 家 种 处 座 所 条 项 台 辆 艘 套 户 人 人次 万人 次 天 小时 倍 吨 万吨 亿吨 吨标准煤 万吨标准煤 "
    "吨标煤 万吨标煤 蒸吨 千瓦 万千瓦 兆瓦 千瓦时 万千瓦时 亿千瓦时 元 万元 亿元 平方米 万平方米 平方公里 公顷 亩 万亩 "
    "公里 千米 km 米 立方米 万立方米 亿立方米 m3 方 微克/立方米 毫克/升 分钟 株 万株 头 万头 张 根").split()
_SHARE_UNITS = frozenset({"%", "％", "‰"})
CONTEXT_BEFORE, CONTEXT_AFTER = 24, 8  # characters of its sentence shown before and after a target not recorded
# words that set a number to be reached, in the clause before it (新建充电桩500个, 降低13.5%, 比重达15%)
_TARGET_WORDS = re.compile(
    "达到|达|大于|小于|不大于|不小于|不低于|不少于|不超过|不高于|低于|高于|至少|超过|突破|提高|提升|增加|增长|降低|下降|降到|降至"
    "|减少|削减|压减|控制在|稳定在|保持在|覆盖|新增|新建|建成|建设|创建|培育|打造|改造|淘汰|推广|完成|累计|力争|实现|发展|保障|确保"
    r"|(?:率|比重|占比|比例|面积|总量|蓄积量|产值)\s*\Z")  # or a measure named right before it: 水土流失治理面积48平方公里
# a year a target is set for (2025, 2030, 2022年底; not a date: 2022年4月) or a five-year plan's period
_TARGET_YEAR = re.compile(r"(?<!\d)20[2-6]\d(?!\d)(?!\s*[-年./]\s*\d{1,2}\s*[-月./])|十四五|十五五")
_SENTENCE = re.compile(r"[^。；;！？!?\n]+")
_ASCII_DIGIT = re.compile("[0-9]")
_CLAUSE_BREAK = re.compile(r"[，,：:]")
# after an amount: a size that marks out what a measure applies to (10万平方米(含)以上的商场, 2000吨标准煤及以上企业,
# 1兆瓦级机组), not a number to be reached (降低16%以上, 达到1000个以上。)
_SIZE_CLASS = re.compile(r"\s*(?:级|(?:[(（]含[)）])?\s*及?\s*(?:以上|以下)(?![，,。；;、)）\s]|\Z))")


@cache
def _printed_amount(units: tuple[str, ...]) -> re.Pattern[str]:
    """A number with one of _TARGET_UNITS or ``units`` after it, 万 or 亿 before the unit or not (5万辆,
    1126万m3), a range's lower end too (3-5个); not part of a longer number or word (m3, 5G, PM2.5), not
    an ordinal (第3个)."""
    number = r"\d+(?:\.\d+)?"
    every = sorted({*_TARGET_UNITS, *(unit for unit in units if unit)}, key=lambda unit: (-len(unit), unit))
    alternatives = "|".join(re.escape(unit) for unit in every)
    return re.compile(rf"(?<![\dA-Za-z.第])(?:({number})\s*[-－–~～—至到]\s*)?({number})\s*((?:万|亿)?(?:{alternatives}))"
                      r"(?:(?<![A-Za-z])|(?![A-Za-z\d]))")  # 3000km2 is not 3000km


@dataclass(frozen=True)
class PrintedTarget:
    """A number printed with its unit as a target is (printed_targets): where it stands in the words read."""

    start: int
    end: int
    values: tuple[Decimal, ...]  # the number, or a range's two ends (3-5个)
    amount: str  # the number with its unit as printed (500个, 3-5个)
    context: str  # the words around it in its sentence, `…` where they are cut


def printed_targets(words: str, units: Iterable[str] = ()) -> Iterator[PrintedTarget]:
    """The numbers ``words`` print as targets: a number with a unit (%, 个, 万吨, 亿元 … and ``units``) in a
    sentence that names a target year (到2025年, “十四五”期间) or with a word that sets it in its clause
    (达到, 不低于, 提高到, 降低, 控制在, 新增, 建成 …, or a measure named right before it: 比重达15%,
    治理面积48平方公里). Not a year, a date, a clause's or a document's number (units are never 年, 月,
    日 or 号), an ordinal (第3个), a number inside a title (《居住建筑节能65%设计标准》) or a size that
    marks out what a measure applies to (10万平方米以上的商场; a share, 60%以上的学校, is a target).
    A number printed with its thousands grouped (1,400个) has both values, 400 and 1400 (a `value` is
    written without the comma: model._number_format). ``words`` have ASCII digits (ascii_digits)."""
    if _ASCII_DIGIT.search(words) is None:  # most entries print no number
        return
    pattern = _printed_amount(tuple(units))
    for sentence in _SENTENCE.finditer(words):
        text = sentence.group()
        if _ASCII_DIGIT.search(text) is None:  # no amount (most sentences of an entry that prints one)
            continue
        year = _TARGET_YEAR.search(text) is not None
        for found in pattern.finditer(text):
            start = found.start()
            # 1,400个: the amount read is 400, after the digits and comma of its thousands (also a value of 1400)
            grouped = _GROUPED_BEFORE.search(text, max(0, start - 12), start) if start and text[start - 1] in ",，" else None
            if grouped is not None and found.group(1) is None and re.match(r"\d{3}(?!\d)", found.group(2)):
                start = grouped.start()
            before = text[:start]
            if not year and _TARGET_WORDS.search(_CLAUSE_BREAK.split(before)[-1]) is None:
                continue
            if before.count("《") > before.count("》"):
                continue
            if found.group(3) not in _SHARE_UNITS and _SIZE_CLASS.match(text, found.end()):
                continue
            values = tuple(Decimal(n) for n in found.group(1, 2) if n is not None)
            if start < found.start():  # the number printed with its thousands grouped, and the part read alone
                values += (Decimal(_THOUSANDS_SEPARATOR.sub("", text[start:found.start()] + found.group(2))),)
            begin, end = max(0, start - CONTEXT_BEFORE), found.end() + CONTEXT_AFTER
            context = "…" * (begin > 0) + text[begin:end] + "…" * (end < len(text))
            yield PrintedTarget(sentence.start() + start, sentence.start() + found.end(), values,
                                text[start:found.end()], context.strip())


def _target_numbers(target: Target) -> set[Decimal]:
    """The numbers a target accounts for: its value and base value, and every number printed in its
    clause when it has no value (set by the municipality, explained or reported by
    targets_without_a_value_say_why) or a value its clause does not print (a typo that
    target_values_are_printed reports: one mistake, said once)."""
    numbers = {Decimal(ascii_digits(number)) for number in (target.value, target.base_value) if number is not None}
    clause = ascii_digits(printed(target.clause) + " " + reading(target.clause))
    value = ascii_digits(target.value) if target.value is not None else None
    if value is None or not (_names_number(clause, value) or _names_number(ascii_digits(target.note), value)):
        numbers.update(Decimal(number) for number in _NUMBER.findall(clause))
    return numbers


def _clause_quotes(target: Target) -> list[str]:
    """A target's clause as printed and as read (one when they are the same), with ASCII digits."""
    return [quote for quote in dict.fromkeys(ascii_digits(q) for q in (printed(target.clause), reading(target.clause)))
            if quote.strip()]


def _quoted_around(quotes: list[str], words: str, found: PrintedTarget) -> bool:
    """Whether one of the ``quotes`` of a clause stands in ``words`` around ``found``: a search of the
    few characters a quote holding it can span (a `…` quote: of the words), not of the whole text."""
    for quote in quotes:
        if GAP in quote:
            at = find_quote(words, quote)
            while at is not None:
                if at[0] <= found.start and found.end <= at[1]:
                    return True
                at = find_quote(words, quote, at[0] + 1)
        elif words.find(quote, max(0, found.end - len(quote)), found.start + len(quote)) >= 0:
            return True
    return False


def _unrecorded(found: PrintedTarget, words: str, m: Measure, numbers: list[set[Decimal]], parts: list[str],
                quoted: dict[int, bool]) -> list[int] | None:
    """None when a target of ``m`` records the printed target ``found`` (in ``words``, one of ``parts``):
    a target with one of its numbers whose clause stands around it, or whose clause is not quoted from
    the entry's words at all (a table row's cells, a damaged print read otherwise: it stands for its
    numbers wherever printed); else the targets (0-based) that have its number but whose clauses stand
    elsewhere (the one printed there was left out: 90% printed three times, two targets of 90).
    ``numbers`` are the targets' _target_numbers; ``quoted`` keeps whether each clause is in the words."""
    owners = [j for j, held in enumerate(numbers) if held.intersection(found.values)]
    for j in owners:
        quotes = _clause_quotes(m.targets[j])
        if _quoted_around(quotes, words, found):
            return None
        if j not in quoted:
            quoted[j] = any(find_quote(part, quote) is not None for part in parts for quote in quotes)
        if not quoted[j]:
            return None
    return owners


@rule("条目的标题或正文（表格行就是这一行）印出的每个量化目标都记作本条的一个目标：一句话写明目标年（到2025年、“十四五”期间），"
      "或用“达到”“不低于”“提高到”“降低”“控制在”“新增”“建成”“确保”等词说出一个带单位的数（80%、500个、13.5%、300亿元），"
      "这个数就要是本条某个目标的数值或基年值，而且这个目标的原句（clause）就是印出它的这一处（原句不在标题或正文中的目标，"
      "如表格行，不论这个数印在哪里都算）；它确实不是目标（项目的建设规模、门槛、现状值）时，写进本条的 `not_targets` 并说明理由。"
      "这是提醒：检查照样通过，但生成网站之前要处理。")
def printed_targets_are_recorded(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every quantified target an entry prints in its title or text (a table row's text is the row) is
    one of its targets: a number with a unit that printed_targets reads as a target (a target year in
    its sentence, or a word that sets it) is the value or base value of a target of the entry whose clause
    stands around it (_unrecorded: a number printed three times needs three targets, not one target of
    that value; a target whose clause is not quoted from the title or text stands for its numbers
    wherever printed), or stands in a passage the entry's `not_targets` quotes, saying why it is not a
    target (a project's size, a threshold, today's figure). A warning (`check` passes; a build refuses it, as every
    warning): the reading is a heuristic, and its exceptions are written down, not guessed.

    A `not_targets` quote that is not in the entry's title or text covers nothing: it is an error."""
    units = tuple(metric.unit for metric in corpus.metrics.metrics)
    for doc in corpus.documents:
        for i, m in enumerate(doc.document.measures):
            parts = [(loc, part, ascii_digits(reading(part))) for loc, part in
                     ((("title",), m.title), (("text",), m.text)) if part is not None]
            # where each `not_targets` quote stands in the words read
            excused: list[tuple[int, int, int]] = []  # (part, start, end)
            for j, not_target in enumerate(m.not_targets):
                quote = ascii_digits(not_target.printed)
                places = [(k, at.start(), at.end()) for k, (_, _, words) in enumerate(parts)
                          for at in re.finditer(re.escape(quote), words)]
                if not places:
                    yield Diagnostic(*_where(doc, ("measures", i, "not_targets", j, "printed")), "not-target-not-in-text",
                                     f"条目 {m.id}：`not_targets` 的第 {j + 1} 项 `{not_target.printed}` 不在本条的标题或正文中",
                                     "照本条的标题或正文（原文受损时照识读）逐字引出这个数和它的单位，如 `9200平方米`；"
                                     "原文改了、这个数已经不在本条时，删去这一项")
                excused += places
            words_read = [words for _, _, words in parts]
            numbers: list[set[Decimal]] | None = None  # worked out when the entry prints a target
            quoted: dict[int, bool] = {}
            for k, (loc, part, words) in enumerate(parts):
                for found in printed_targets(words, units):
                    if any(at == k and start <= found.start and found.end <= end for at, start, end in excused):
                        continue
                    if numbers is None:
                        numbers = [_target_numbers(target) for target in m.targets]
                    owners = _unrecorded(found, words, m, numbers, words_read, quoted)
                    if owners is None:
                        continue
                    where = ("measures", i, *loc) + (("reading",) if isinstance(part, Reading) else ())
                    what = "正文（text）" if loc == ("text",) else "标题（title）"
                    shown = " 或 ".join(f"{v}" for v in found.values)
                    if owners:  # a target of that number, quoting another passage: this one was left out
                        numbered = "、".join(f"{j + 1}" for j in owners)
                        clauses = "、".join(f"`{_short(printed(m.targets[j].clause), 30)}`" for j in owners)
                        said = (f"本条数值或基年值为 {shown} 的第 {numbered} 个目标的原句（clause）是 {clauses}，"
                                f"{'都' if len(owners) > 1 else ''}不是这一处：这一处的目标没有记下")
                        fix = "这一处就是那个目标时，把它的 `clause` 改成这一处的原句；否则"
                    else:
                        said, fix = f"本条却没有数值或基年值为 {shown} 的目标", ""
                    yield Diagnostic(*_where(doc, where), "target-not-recorded",
                                     f"条目 {m.id} 的{what}印出了目标 `{found.amount}`（`{found.context}`），{said}",
                                     f"{fix}照原句把它写进本条的 `targets`（指标、数值、单位、比较符、目标年，逐字核对原句）；它不是量化目标时"
                                     f"（项目的建设规模、门槛、现状值），写进本条的 `not_targets`：`printed: {found.amount}`，"
                                     "并在 `note` 中说明为什么", severity="warning")


_BASE_YEAR_SAID = re.compile(r"[较比]\s*(20\d\d|19\d\d)\s*年")  # 较2020年, 比2020年底
_CUMULATIVE_SAID = "累计"
_VALUE_PART_BREAK = re.compile(r"[，,：:。；;！？!?\n]")


def _leading_words(target: Target) -> str:
    """The words of a target's clause that lead to its value: from the break (，：；。) before the value to
    the value itself (分别较2020年降低16%、18 for 18; not 较2020年 of another target the clause prints before
    a comma); the whole clause when the target has no value or its clause does not print it."""
    words = ascii_digits(reading(target.clause))
    if target.value is None:
        return words
    found = re.search(r"(?<![\d.])" + re.escape(ascii_digits(target.value)) + r"(?!\.?\d)", words)
    return words if found is None else _VALUE_PART_BREAK.split(words[:found.end()])[-1]


@rule("目标原句在数值前说“累计”时，目标写 `cumulative: true`；说“较2020年”“比2020年”时，目标写 `base_year`（基年）。"
      "原句的这些词说的不是这个目标时，明写 `cumulative: false` 或 `base_year: null`，检查就不再提醒。"
      "这是提醒：检查照样通过，但生成网站之前要处理。")
def targets_say_what_the_clause_says(corpus: Corpus) -> Iterator[Diagnostic]:
    """A target whose clause says 累计 before its value (in the part of the clause from the break before the
    value) is cumulative, and one whose clause says 较/比YYYY年 there has a base year. A warning: an editor
    who finds the words belong to something else writes `cumulative: false` or `base_year: null` (fields
    written out, unlike a default left unwritten), and it is not said again."""
    for doc in corpus.documents:
        for i, m in enumerate(doc.document.measures):
            for j, target in enumerate(m.targets):
                said = target.model_fields_set
                if target.cumulative and target.base_year is not None or {"cumulative", "base_year"} <= said:
                    continue
                words = _leading_words(target)
                where = _where(doc, ("measures", i, "targets", j, "clause"))
                what = f"条目 {m.id} 的第 {j + 1} 个目标"
                if not target.cumulative and "cumulative" not in said and _CUMULATIVE_SAID in words:
                    yield Diagnostic(*where, "cumulative-not-set",
                                     f"{what}：目标原句说“{_CUMULATIVE_SAID}”（`{_short(words)}`），目标却没有写 `cumulative: true`",
                                     "数值是整个时期的累计值时，在这个目标下写 `cumulative: true`；“累计”说的不是这个数值时，"
                                     "写 `cumulative: false`，检查就不再提醒", severity="warning")
                base = _BASE_YEAR_SAID.search(words)
                if target.base_year is None and "base_year" not in said and base is not None:
                    yield Diagnostic(*where, "base-year-not-set",
                                     f"{what}：目标原句说“{base.group()}”（`{_short(words)}`），目标却没有写 `base_year`（基年）",
                                     f"在这个目标下写 `base_year: {base.group(1)}`（变化的基准年）；“{base.group()}”说的不是这个数值时，"
                                     "写 `base_year: null`，检查就不再提醒", severity="warning")


_DIGIT_OF = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "O": "0"}
_PRINTED_DATE = re.compile(r"(?<!\d)(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})(?!\d)|(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_CHINESE_DATE = re.compile(r"([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")


def _chinese_number(words: str) -> int:
    """一 … 三十一 (a month's or a day's number in Chinese numerals)."""
    tens, _, ones = words.rpartition("十")
    if "十" not in words:
        return int(_DIGIT_OF[words])
    return int(_DIGIT_OF[tens] if tens else 1) * 10 + (int(_DIGIT_OF[ones]) if ones else 0)


def printed_dates(words: str) -> set[dt.date]:
    """The calendar dates printed in ``words``: 2022-04-16, 2022年4月16日, 20211125, 2022.4.16 or in
    Chinese numerals (二〇二二年七月四日); a date that names no real day is left out."""
    found = set()
    for match in _PRINTED_DATE.finditer(words):
        y, m, d = match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)
        found.add((int(y), int(m), int(d)))
    for match in _CHINESE_DATE.finditer(words):
        year = int("".join(_DIGIT_OF[c] for c in match.group(1)))
        found.add((year, _chinese_number(match.group(2)), _chinese_number(match.group(3))))
    dates = set()
    for y, m, d in found:
        with contextlib.suppress(ValueError):
            dates.add(dt.date(y, m, d))
    return dates


@rule("成文日期和发布日期都印在原文中：`dates.printed`（原文中日期的原样写法，逐字核对）中有这一天；"
      "成文日期不晚于发布日期。")
def dates_are_printed(corpus: Corpus) -> Iterator[Diagnostic]:
    """A document's written and published dates are among the days its `dates.printed` quotes (which
    quotes_are_verbatim finds in the source), so a typo in a date (2012 for 2022) or a date taken
    from elsewhere is caught; and it was not written after it was published."""
    names = {"written": "成文日期", "published": "发布日期"}
    for doc in corpus.documents:
        dates = doc.document.dates
        days = printed_dates(" ".join(dates.printed))
        shown = "、".join(day.isoformat() for day in sorted(days)) or "没有日期"
        for field, name in names.items():
            day = getattr(dates, field)
            if day is not None and day not in days:
                yield Diagnostic(*_where(doc, ("dates", field)), "date-not-printed",
                                 f"{name} {day.isoformat()} 不在 `dates.printed`（原文中日期的原样写法）中：那里印出的是{shown}",
                                 "照原文改正这个日期，并把原文中这个日期的原样写法加进 `dates.printed`；原文没有印出时写 null")
        if dates.written is not None and dates.published is not None and dates.written > dates.published:
            yield Diagnostic(*_where(doc, ("dates", "published")), "date-order",
                             f"发布日期 {dates.published.isoformat()} 早于成文日期 {dates.written.isoformat()}",
                             "对照原文核对这两个日期：文件先成文，后发布")


def today() -> dt.date:
    """Today's date, which no check date may come after (tests put a fixed day in its place)."""
    return dt.date.today()


@rule("核对日期 `last_verified` 不晚于今天：还没有到来的日子，不可能已经对照原文核对过。")
def check_dates_are_past(corpus: Corpus) -> Iterator[Diagnostic]:
    """A document's `last_verified` is not after today (today()): a day still to come is a typo
    (2027 for 2026) or a guess, and the site would tell readers the file was checked then. Valid
    data gives the same result whatever the day."""
    now = today()
    for doc in corpus.documents:
        verified = doc.document.last_verified
        if verified > now:
            yield Diagnostic(*_where(doc, ("last_verified",)), "date-in-future",
                             f"字段 `last_verified`（核对日期）是 {verified.isoformat()}，晚于今天（{now.isoformat()}）",
                             "写你最近一次对照原文核对这份文件的那一天（YYYY-MM-DD），不能写还没有到来的日子")


@rule("一份文件中各重点项目的投资之和等于原文印出的“合计”。")
def project_investments_add_up(corpus: Corpus) -> Iterator[Diagnostic]:
    """The investments of a document's key projects add up to its printed 合计."""
    for doc in corpus.documents:
        total = doc.document.project_total
        if total is None:
            continue
        projects = [m.project for m in doc.document.measures if m.project is not None]
        summed = sum((Decimal(p.investment.total) for p in projects), Decimal(0))
        if summed != Decimal(total.total):
            yield Diagnostic(*_where(doc, ("project_total", "total")), "project-total-mismatch",
                             f"{len(projects)} 个项目的投资加起来是 {summed} 万元，但原文的合计是 {total.total} 万元",
                             "对照原表逐项核对每个项目的 `investment.total`（总投资）")




@rule("`implements`（落实）只写在任务表行、指标表行和重点项目上，并且只指向本文件中的正文条目（目标、措施或保障措施）。")
def implements_links_main_text(corpus: Corpus) -> Iterator[Diagnostic]:
    """`implements` is written only on task, indicator and project rows, and names main-text
    measures (goal, measure or safeguard) of the same document that the row carries out."""
    for doc in corpus.documents:
        by_id = {m.id: m for m in doc.document.measures}
        for i, m in enumerate(doc.document.measures):
            for j, target_id in enumerate(m.implements):
                where = _where(doc, ("measures", i, "implements", j))
                target = by_id.get(target_id)
                if m.kind not in ROW_KINDS:
                    yield Diagnostic(*where, "implements-wrong-kind",
                                     f"条目 {m.id} 是正文条目（{m.kind.value}）；只有 task、indicator、project "
                                     "表格行才能落实其他条目",
                                     "删掉这里的 `implements`（落实），把它写在落实本条的表格行上")
                elif target is None:
                    yield Diagnostic(*where, "implements-unknown-measure",
                                     f"条目 {m.id}：`{target_id}` 不是 {doc.document.id} 中的条目",
                                     "写本文件中某个正文条目的编号，如 m12")
                elif target_id == m.id:
                    yield Diagnostic(*where, "implements-wrong-kind",
                                     f"条目 {m.id} 在 `implements`（落实）中写了它自己",
                                     "写本行所落实的正文条目的编号")
                elif target.kind not in MAIN_TEXT_KINDS:
                    yield Diagnostic(*where, "implements-wrong-kind",
                                     f"条目 {m.id}：`{target_id}` 是表格行（{target.kind.value}），不是正文条目",
                                     "写正文中的 goal、measure 或 safeguard 条目，而不是另一个表格行")


def run_rules(corpus: Corpus) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for check in RULES:
        problems.extend(check(corpus))
    return sorted(set(problems))
