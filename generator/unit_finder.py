"""Printed unit names → departments (the parsing of responsibility clauses is generator.clauses).

A printed name the registry does not hold for the document's district is one of two things:
damaged print of a name valid there (OCR: 区经济息委 for 区经济信息委), drafted as a `reading`;
or a body the registry does not know yet, kept as printed, for the editor to register. A name
that differs from a registered one only in the district it names (国网荣昌供电分公司 beside
国网永川供电分公司), or that is registered only for another district's own body, is never damaged
print: it is a different body, and a reading would file its measures under another district's.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml
from rapidfuzz import fuzz, process

from generator.model import Department, District, UnitNames

HAN = r"[\u4e00-\u9fff]"
COUNTY_SUFFIXES = "区县"  # 荣昌区, 城口县: a district's full name, whose suffix its bodies print alone (区发展改革委)


class DistrictMentions:
    """Where a unit name names a district (its full name 永川区 or an alias 永川), and the name
    with that part taken out: 国网永川供电分公司 and 国网荣昌供电分公司 are both 国网供电分公司,
    永川区税务局 and 荣昌区税务局 both 区税务局 (the full name leaves its 区, as the district's own
    bodies print it)."""

    def __init__(self, districts: Iterable[District]):
        self.slug: dict[str, str] = {}  # printed form → district slug
        self.full: set[str] = set()  # the forms that are a full name (end in 区 or 县)
        for d in districts:
            for form in (d.name, *d.aliases):
                self.slug.setdefault(form, d.slug)
            if d.name[-1:] in COUNTY_SUFFIXES:
                self.full.add(d.name)
        forms = sorted(self.slug, key=len, reverse=True)  # 永川区 before 永川
        self.pattern = re.compile("|".join(map(re.escape, forms))) if forms else None

    def named(self, name: str) -> set[str]:
        """The districts ``name`` names."""
        return {self.slug[m.group(0)] for m in self.pattern.finditer(name)} if self.pattern else set()

    def without(self, name: str) -> str:
        """``name`` with the district it names taken out."""
        if self.pattern is None:
            return name
        return self.pattern.sub(lambda m: m.group(0)[-1] if m.group(0) in self.full else "", name)

    def any_district(self, alias: str, district: str) -> re.Pattern | None:
        """``alias`` with each name of a district other than ``district`` as a slot for any
        district's name, registered or not (国网永川供电分公司 → 国网(..)供电分公司), or None
        when it names no other district."""
        if self.pattern is None:
            return None
        parts, end, slots = [], 0, 0
        for m in self.pattern.finditer(alias):
            if self.slug[m.group(0)] == district:
                continue
            slot = f"{HAN}{{1,3}}[{COUNTY_SUFFIXES}]" if m.group(0) in self.full else f"{HAN}{{2,3}}"
            parts += [re.escape(alias[end:m.start()]), f"({slot})"]
            end, slots = m.end(), slots + 1
        return re.compile("".join(parts) + re.escape(alias[end:])) if slots else None


@dataclass(frozen=True)
class NewUnit:
    """A printed unit the registry does not know for the document's district and that is not
    damaged print: the draft keeps it as printed, and the editor registers it."""

    name: str
    district: District
    like: Department  # the same kind of body: of another district, or shared by all
    like_alias: str = ""  # the registered name ``name`` differs from only in the district part ("" : ``name`` itself)
    owner: str = ""  # the name of the district ``like`` belongs to, if it belongs to one

    @property
    def shared(self) -> bool:
        """The body it is like is one department for every district (or this district's own):
        the name is one more alias of it."""
        return self.like.district in (None, self.district.slug)

    def advice(self) -> str:
        """What the editor does, in one sentence (Chinese)."""
        d = self.district
        like = f"`{self.like.slug}`（{self.like.name}）"
        if not self.like_alias:
            return (f"`{self.name}` 只登记为{self.owner}的 {like}，不是{d.name}的单位：核对原文；"
                    f"它是{d.name}自己的同名机构时，为它新建一个写明 `district: {d.slug}` 的部门")
        if self.shared:
            return (f"`{self.name}` 与已登记的 `{self.like_alias}` 只差区县名称，是{d.name}的同类机构（不是错字）："
                    f"把它加到 {like}的 aliases（各区县都有的同类机构是一个不分区县的部门，部门页并排对照各区县，"
                    "不为本区县另建）")
        return (f"`{self.name}` 与{self.owner}的 `{self.like_alias}`（{like}）只差区县名称，是{d.name}自己的同类机构"
                f"（不是错字）：为它新建一个写明 `district: {d.slug}` 的部门")

    def snippet(self, slugs: Iterable[str], mentions: DistrictMentions) -> list[str]:
        """The lines of site_data/departments.yaml that register it, in that file's layout."""
        def flow(names: list[str]) -> str:
            return yaml.safe_dump(names, allow_unicode=True, default_flow_style=True, width=1000).strip()

        like = self.like
        if self.shared:  # the entry as the file has it, one more name in its aliases
            lines = [f"  - slug: {like.slug}", f"    name: {like.name}", f"    full_name: {like.full_name}",
                     f"    kind: {like.kind.value}"]
            lines += [f"    district: {like.district}"] if like.district else []
            lines += [f"    aliases: {flow([*like.aliases, self.name])}"]
            return lines + ([f"    colloquial: {flow(like.colloquial)}"] if like.colloquial else [])
        taken = set(slugs)
        base = (like.slug.replace(like.district, self.district.slug) if like.district and like.district in like.slug
                else f"{self.district.slug}-{like.slug}")
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return [f"  - slug: {slug}", f"    name: {self._here(like.name, mentions)}",
                f"    full_name: {self._here(like.full_name, mentions)}", f"    kind: {like.kind.value}",
                f"    district: {self.district.slug}", f"    aliases: {flow([self.name])}"]

    def _here(self, text: str, mentions: DistrictMentions) -> str:
        """``text`` with the other district's name replaced by this district's."""
        if mentions.pattern is None:
            return text
        d = self.district
        short = d.aliases[0] if d.aliases else d.name.rstrip(COUNTY_SUFFIXES)
        return mentions.pattern.sub(lambda m: d.name if m.group(0) in mentions.full else short, text)


class DepartmentFinder:
    """Printed unit → department in a document of one district (model.UnitNames: that district's
    own departments first, else the district-less ones): exact alias first; else, for a body the
    registry does not know (a district's counterpart of a registered body, or another district's
    own), a NewUnit; else the nearest alias that the print can be damaged from, with its score."""

    def __init__(self, unit_names: UnitNames, district: str, districts: Iterable[District] = ()):
        self.district = district
        self.by_alias = unit_names.known(district)
        self.aliases = sorted(self.by_alias)
        self.districts = {d.slug: d for d in districts}
        self.mentions = DistrictMentions(self.districts.values())
        self.unit_names = unit_names
        # a print can be damaged from a name valid here, never from one naming another district
        self._others = {alias: self.mentions.named(alias) - {district} for alias in self.aliases}
        # every registered name: its district, department, the name without its district part, whether
        # it names one, and its pattern with another district's name as a slot
        self._registered = [(scope, alias, dept, self.mentions.without(alias), bool(self.mentions.named(alias)),
                             self.mentions.any_district(alias, district))
                            for scope, alias, dept in unit_names.everywhere()]

    @property
    def slugs(self) -> set[str]:
        return {dept.slug for _, _, dept, *_ in self._registered}

    def exact(self, name: str) -> Department | None:
        return self.by_alias.get(name)

    def new_unit(self, name: str) -> NewUnit | None:
        """``name`` (not known here) as a body to register, when it cannot be damaged print: it is
        another district's own body, or differs from a registered name only in the district part."""
        here = self.districts.get(self.district)
        if here is None:
            return None
        others = self.unit_names.elsewhere(name, self.district)
        if others:
            return NewUnit(name, here, others[0], owner=self._name_of(others[0]))
        key, names_one = self.mentions.without(name), bool(self.mentions.named(name))
        found: list[tuple[str | None, str, Department]] = []
        for scope, alias, dept, alias_key, alias_names_one, slot in self._registered:
            if alias == name:
                continue
            if alias_key == key and (alias_names_one or names_one):
                found.append((scope, alias, dept))
            else:
                matched = slot.fullmatch(name) if slot else None
                if matched and not any(self._like_here(part) for part in matched.groups()):
                    found.append((scope, alias, dept))
        if not found:
            return None
        # a body every district has (or this district's own) before another district's own
        scope, alias, dept = min(found, key=lambda f: f[0] not in (None, self.district))
        return NewUnit(name, here, dept, alias, self._name_of(dept))

    def _name_of(self, dept: Department) -> str:
        district = self.districts.get(dept.district or "")
        return district.name if district else ""

    def _like_here(self, part: str) -> bool:
        """A district's name in a print that may be this district's own, damaged (荣冒 for 荣昌)."""
        here = self.districts[self.district]
        return any(fuzz.ratio(part, form) >= 50 for form in (here.name, *here.aliases))

    def nearest(self, name: str) -> tuple[str, Department, float] | None:
        # always the nearest, however far (the score in the draft tells the editor how much to doubt it),
        # among the names the print can be damaged from: those naming the same other districts as the print
        named = self.mentions.named(name) - {self.district}
        candidates = [alias for alias in self.aliases if self._others[alias] == named]
        found = process.extractOne(name, candidates, scorer=fuzz.WRatio)
        if found is None:
            return None
        return found[0], self.by_alias[found[0]], round(found[1], 1)
