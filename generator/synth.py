"""A synthetic corpus N times the size of the real one, for benchmarks:
`python -m generator synth --factor 50 --out DIR` writes a complete site_data folder.

Every real document is copied into each of N synthetic districts (slugs synth-01 … synth-NN,
names such as 甲山区). In each copy the real district's names are replaced by the synthetic
district's, and a district-specific random half of a list of common verbs is swapped for a
synonym (推进→推动, 加快→加速, …), identically in the document YAML and in its source text, so
every quote stays verbatim and `generator check` passes, while the postings of the copies differ
as texts of different districts would.
"""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

from generator.model import REGISTRIES
from generator.yamlio import LiteralLoader

FIRST = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰"
SECOND = "山川溪峰湖源林坪"
SYNONYMS = (
    ("推进", "推动"), ("加快", "加速"), ("积极", "大力"), ("完善", "健全"), ("提升", "提高"), ("鼓励", "引导"),
    ("加强", "强化"), ("开展", "实施"), ("促进", "带动"), ("支持", "扶持"), ("推广", "普及"), ("培育", "打造"),
    ("落实", "执行"), ("探索", "试行"), ("优化", "改进"), ("严格", "从严"), ("有序", "稳步"), ("全面", "全方位"),
    ("持续", "不断"), ("构建", "搭建"), ("实现", "达成"), ("深化", "深入"), ("引导", "指导"), ("依托", "借助"),
)


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LiteralLoader)


def _dump(data, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def synthetic_names(factor: int) -> list[tuple[str, str]]:
    """(slug, short name) of each synthetic district."""
    if factor > len(FIRST) * len(SECOND):
        raise ValueError(f"at most {len(FIRST) * len(SECOND)} synthetic districts")
    width = max(2, len(str(factor)))
    return [(f"synth-{k + 1:0{width}d}", FIRST[k % len(FIRST)] + SECOND[k // len(FIRST)]) for k in range(factor)]


def _replacer(pairs: dict[str, str]):
    if not pairs:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(pairs, key=lambda k: (-len(k), k))))
    return lambda text: pattern.sub(lambda m: pairs[m.group(0)], text)


def synthesize(data: Path, out: Path, factor: int) -> dict[str, int]:
    """Write the synthetic corpus into ``out`` (replaced if it exists); return counts."""
    if out.exists():
        shutil.rmtree(out)
    districts = _load(data / "districts.yaml")["districts"]
    departments = _load(data / "departments.yaml")
    names = synthetic_names(factor)

    # the real districts' names in the texts, longest first: 江津区 before 江津; the short name (江津 of 江津区,
    # not 忠 of 忠县) a 文号 begins with (江津府办发) too, registered as an alias or not
    real_names = {d["slug"]: list(dict.fromkeys([d["name"], *d.get("aliases", []), *[d["name"][:-1]] * (len(d["name"]) == 3)]))
                  for d in districts}
    all_aliases = [a for dept in departments["departments"] for a in dept["aliases"] + [dept["name"], dept["full_name"]]]
    synonyms = [(a, b) for a, b in SYNONYMS if not any(a in alias for alias in all_aliases)]

    def district_pairs(real_slug: str, short: str) -> dict[str, str]:
        pairs = {}
        for name in real_names[real_slug]:
            pairs[name] = short + "区" if name.endswith("区") else short
        return pairs

    # registries: synthetic districts; department aliases for every synthetic district name
    _dump({"districts": [{"slug": slug, "name": short + "区", "region": districts[k % len(districts)]["region"],
                          "aliases": [short]} for k, (slug, short) in enumerate(names)]}, out / "districts.yaml")
    held: set[str] = set()  # the names of the departments so far
    titles: set[str] = set()  # the departments' own names (`name`) so far: each titles one page
    for dept in departments["departments"]:
        aliases = list(dept["aliases"])
        for alias in dept["aliases"]:
            for real in real_names:
                if any(n in alias for n in real_names[real]):
                    for _, short in names:
                        aliases.append(_replacer(district_pairs(real, short))(alias))
        dept["aliases"] = list(dict.fromkeys(aliases))
        if dept.get("district"):
            # a one-district body: its real district is not in the synthetic corpus, and every synthetic
            # district holds the documents of all real districts, so its bodies are no district's. Same-named
            # bodies of different real districts (names resolve per district: model.UnitNames) would then
            # hold one name twice: the first department keeps it, and the copies' units resolve to it
            dept["district"] = None
            for key in ("aliases", "colloquial"):
                if dept.get(key):
                    dept[key] = [n for n in dept[key] if n not in held]
            if dept["name"] in titles:  # two districts' own 港桥产业促进中心, no district's now: two names (duplicate-name)
                dept["name"] += f"（{dept['slug']}）"
        held.update(dept["aliases"] + dept.get("colloquial", []))
        titles.add(dept["name"])
    _dump(departments, out / "departments.yaml")
    for spec in REGISTRIES:  # the other registries are copied as they are
        if spec.file not in ("districts.yaml", "departments.yaml"):
            shutil.copyfile(data / spec.file, out / spec.file)

    docs = sorted((data / "documents").glob("*/*.yaml"))
    count = 0
    written: set[str] = set()  # the source texts so far
    for k, (slug, short) in enumerate(names):
        rng = random.Random(f"synth-{k}")
        chosen = dict(pair for pair in synonyms if rng.random() < 0.5)
        for path in docs:
            real = path.parent.name
            doc_id = path.stem
            new_id = f"{slug}-{doc_id}"
            replace = _replacer({**district_pairs(real, short), **chosen})
            text = replace(path.read_text(encoding="utf-8"))
            text = re.sub(r"(?m)^id: .*$", f"id: {new_id}", text, count=1)
            text = re.sub(r"(?m)^district: .*$", f"district: {slug}", text, count=1)
            found = re.search(r"(?m)^  file: (.*)$", text)
            if found is None:
                raise ValueError(f"{path} names no source file")
            source_file = found.group(1).strip()
            text = re.sub(r"(?m)^  file: .*$", f"  file: {slug}-{source_file}", text, count=1)
            target = out / "documents" / slug / f"{new_id}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            source = data / "sources" / source_file
            (out / "sources").mkdir(parents=True, exist_ok=True)
            copied = replace(source.read_text(encoding="utf-8"))
            if copied in written:  # a source naming no district (an OCR copy) with no synonym swapped: each copy
                copied = copied.rstrip("\n") + f"\n\n（{short}区副本）\n"  # stands for a document of its own (duplicate-source)
            written.add(copied)
            (out / "sources" / f"{slug}-{source_file}").write_text(copied, encoding="utf-8")
            count += 1
    return {"districts": len(names), "documents": count}
