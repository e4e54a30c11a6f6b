"""Printed unit names → departments (the parsing of responsibility clauses is generator.clauses)."""
from __future__ import annotations

from rapidfuzz import fuzz, process

from generator.model import Department


class DepartmentFinder:
    """Printed unit → department: exact alias first, else the nearest alias with its score."""

    def __init__(self, departments: list[Department]):
        self.by_alias = {a: d for d in departments for a in d.aliases}
        self.aliases = sorted(self.by_alias)

    def exact(self, name: str) -> Department | None:
        return self.by_alias.get(name)

    def nearest(self, name: str) -> tuple[str, Department, float] | None:
        # always the nearest, however far: the score in the draft tells the editor how much to doubt it
        found = process.extractOne(name, self.aliases, scorer=fuzz.WRatio)
        if found is None:
            return None
        return found[0], self.by_alias[found[0]], round(found[1], 1)
