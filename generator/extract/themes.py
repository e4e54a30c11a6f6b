"""Suggest themes from the registry's keywords (an editor confirms them)."""
from __future__ import annotations

from generator.model import Theme

SAFEGUARD_THEME = "governance"


def suggest_themes(text: str, themes: list[Theme], limit: int = 3) -> list[str]:
    """Theme slugs whose keywords occur in ``text``, most hits first (ties in registry order)."""
    scored = []
    for order, theme in enumerate(themes):
        hits = sum(text.count(k) for k in theme.keywords)
        if theme.name in text:
            hits += 2
        if hits:
            scored.append((-hits, order, theme.slug))
    return [slug for _, _, slug in sorted(scored)[:limit]]
