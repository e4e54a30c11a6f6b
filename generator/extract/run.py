"""The `extract` command: read a source, draft its YAML, print a summary (and --json records)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.extract.draft import Draft, Registries, build_draft, to_yaml
from generator.extract.read import ExtractError, read_source


def records(draft: Draft) -> list[dict]:
    """The draft's items in the record layout of data/measures.json (fields a draft can fill)."""
    doc = draft.document
    out = []
    for m in doc["measures"]:
        r = m.get("responsibility") or {}
        record = {
            "id": f"{doc['id']}/{m['id']}", "document": doc["id"], "district": doc["district"],
            "district_name": None, "document_status": doc["status"], "kind": m["kind"], "number": m["number"],
            "category": m.get("category", ""), "title": _printed(m.get("title")) or None,
            "text": _printed(m["text"]), "text_reading": None,
        }
        for role in ("lead", "support", "joint"):
            record[role] = [{"printed": _printed(u), "reading": u["reading"] if isinstance(u, dict) else u,
                             "department": None, "department_name": None} for u in r.get(role, [])]
            record[f"{role}_etc"] = bool(r.get(f"{role}_etc"))
        record["themes"] = m["themes"]
        record["targets"] = [{"measure": record["id"], "district": doc["district"], "metric": t["metric"],
                              "value": t.get("value"), "unit": t.get("unit", ""), "comparator": t.get("comparator"),
                              "base_year": t.get("base_year"), "base_value": t.get("base_value"),
                              "target_year": t.get("target_year"), "nature": t.get("nature"),
                              "set_by_municipality": bool(t.get("set_by_municipality")),
                              "cumulative": bool(t.get("cumulative")), "clause": t["clause"], "clause_reading": None}
                             for t in m.get("targets", [])]
        record["url"] = None
        record["similar"] = []
        out.append(record)
    return out


def _printed(value) -> str:
    if isinstance(value, dict):
        return value["printed"]
    return value or ""


def _source_path(out: Path, doc_id: str) -> Path:
    """site_data/documents/<district>/<id>.yaml → site_data/sources/<id>.txt; elsewhere beside the YAML."""
    if out.parent.parent.name == "documents":
        return out.parent.parent.parent / "sources" / f"{doc_id}.txt"
    return out.with_name(f"{doc_id}.txt")


def extract_command(source: Path, district: str, doc_id: str | None, out: Path | None, as_json: bool,
                    data_root: Path) -> int:
    registries = Registries.load(data_root)
    districts = {d.slug: d for d in registries.districts}
    if district not in districts:
        print(f"error: unknown district `{district}`; known: {', '.join(sorted(districts))}", file=sys.stderr)
        return 2
    try:
        text = read_source(source)
    except ExtractError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"    hint: {exc.hint}", file=sys.stderr)
        return exc.exit_code
    draft = build_draft(text, districts[district], doc_id, registries)
    if not draft.document["measures"]:
        print(f"error: no numbered item, heading or table row was recognised in {source}", file=sys.stderr)
        print("    hint: the text may not be a policy plan, or it uses a numbering style extract does not know; "
              "write the YAML by hand from the editor guide", file=sys.stderr)
        return 1
    yaml_text = to_yaml(draft.document)
    if as_json:
        print(json.dumps(records(draft), ensure_ascii=False, indent=1))
    elif out is None:
        print(yaml_text, end="")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(yaml_text, encoding="utf-8")
        src = _source_path(out, draft.document["id"])
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_text(text.text, encoding="utf-8")
    summary = [f"extract: {source} ({text.format}) → {out or 'standard output'}",
               *("  found: " + f for f in draft.found)]
    if out is not None:
        summary.append(f"  source text: {_source_path(out, draft.document['id'])}")
    summary.append(f"  could not fill ({len(draft.todos)} TODO):")
    summary += [f"    - {t}" for t in draft.todos[:40]]
    if len(draft.todos) > 40:
        summary.append(f"    … and {len(draft.todos) - 40} more (see `python -m generator check`)")
    print("\n".join(summary), file=sys.stderr)
    return 0


def compare_command(data_root: Path) -> int:
    from generator.extract.compare import compare_corpus, table

    print(table(compare_corpus(data_root)))
    return 0
