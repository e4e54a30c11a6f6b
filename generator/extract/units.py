"""Printed unit names → departments (the parsing of responsibility clauses is generator.clauses)."""
from __future__ import annotations

from rapidfuzz import fuzz, process

from generator.model import Department, UnitNames


class DepartmentFinder:
    """Printed unit → department in a document of one district (model.UnitNames: that district's
    own departments first, else the district-less ones): exact alias first, else the nearest alias
    with its score."""

    def __init__(self, unit_names: UnitNames, district: str):
        self.by_alias = unit_names.known(district)
        self.aliases = sorted(self.by_alias)

    def exact(self, name: str) -> Department | None:
        return self.by_alias.get(name)

    def nearest(self, name: str) -> tuple[str, Department, float] | None:
        # always the nearest, however far: the score in the draft tells the editor how much to doubt it
        found = process.extractOne(name, self.aliases, scorer=fuzz.WRatio)
        if found is None:
            return None
        return found[0], self.by_alias[found[0]], round(found[1], 1)
