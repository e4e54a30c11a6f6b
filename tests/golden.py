"""Refresh the golden Markdown of the fixture corpus: `python -m tests.golden` (or `make golden`).

A reviewer reads the diff of tests/golden/ to see what a change does to the pages. The search
files are stored decoded (search/manifest.json pretty-printed, search/records.txt and
search/postings.txt), not as the compact shards the browser reads: the manifest's version is a
hash of every search file's bytes, so a change to any shard still shows in the diff. A workbook
(.xlsx) is stored as the text of its parts (NAME.xlsx.txt), which a reviewer can read and which
does not depend on the deflate's bytes (ISA-L's may differ between processor families); its zip is
checked against zipfile's in tests/test_downloads_rows.py, and two builds byte for byte in
tests/test_golden.py. The data page (data.md) states each file's size, a workbook's among them:
libdeflate gives the same bytes for the same content in one version of it (pinned in
pyproject.toml), so a new version may change those sizes, and only those.
"""
from __future__ import annotations

import json
import shutil
import sys
import zipfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
FIXTURE = HERE / "fixtures" / "corpus"


def generate(out: Path) -> None:
    """Write the generated files of the fixture corpus; copied files (content/, assets) are left out."""
    from generator.pipeline import ROOT, TEMPLATES, index_data, render_tree
    from generator.render import make_environment
    from generator.repository import Repository
    from generator.write import OutputTree
    from tests.conftest import REPOSITORY_URL

    content = ROOT / "content"
    copied = {p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file()}
    generated = OutputTree()
    search: dict[str, bytes] = {}
    # the edit and history links of a published site (without an address there are none), whatever
    # the shell that renders the pages has set
    env = make_environment(TEMPLATES, Repository(REPOSITORY_URL, "main"))
    for rel, data in render_tree(index_data(FIXTURE), content, env=env).items():
        if rel.startswith("search/"):
            search[rel] = data
        elif rel.endswith(".xlsx"):
            generated.add(rel + ".txt", readable_workbook(data))
        elif rel not in copied and not rel.startswith("assets/"):
            generated.add(rel, data)
    for rel, data in readable_search_files(search).items():
        generated.add(rel, data)
    generated.write(out)


def readable_workbook(data: bytes) -> bytes:
    """A workbook as text: each zip entry in order, with its date, mode and compression, then its content."""
    out = []
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for info in archive.infolist():
            out.append(f"=== {info.filename} {info.date_time} mode={info.external_attr >> 16:o} "
                       f"compress={info.compress_type}\n".encode())
            out += [archive.read(info), b"\n"]
    return b"".join(out)


def readable_search_files(files: dict[str, bytes]) -> dict[str, bytes]:
    """The search files in a form a reviewer can read: every record with its facets and what a
    result shows, every bigram with its decoded postings, every term with its expansions."""
    from generator.search.postings import FLAGS, decode, numbers, unruns

    manifest = json.loads(files["search/manifest.json"])
    facets = json.loads(files["search/facets.json"])
    per_record = {key: unruns(numbers(facets[key])) for key in ("d", "t", "k", "doc")}
    shown = [rec for name in sorted((n for n in files if n.startswith("search/d-")), key=lambda n: int(n[9:-5]))
             for rec in json.loads(files[name])]
    ids = [rec["i"] for rec in shown]
    lines = []
    for r, rec in enumerate(shown):
        themes = [facets["themes"][b][0] for b in range(len(facets["themes"])) if per_record["t"][r] >> b & 1]
        district = facets["districts"][per_record["d"][r] - 1][0] if per_record["d"][r] else "-"
        document = ids[per_record["doc"][r] - 1] if per_record["doc"][r] else "-"
        lines.append(f"{r} {rec['i']} kind={facets['kinds'][per_record['k'][r]][0]} district={district} "
                     f"themes={','.join(themes) or '-'} document={document} url={rec['u']}")
        lines += [f"    {key}: {rec[key]}" for key in sorted(rec) if key not in ("i", "u", "k")]
    fields = [f["name"] for f in manifest["fields"]]
    letters = {bit: name[0] + "".join(c for c in name if c.isupper()) for name, bit in FLAGS.items()}  # wordStart → wS
    entries = {}
    for name in files:
        if name.startswith("search/p-"):
            entries.update(json.loads(files[name]))
    postings = []
    for key in sorted(entries):
        value = entries[key]
        if isinstance(value, dict):
            postings.append(f"{key} → looks for {'、'.join(value['also']) or '(nothing more)'}; "
                            f"names {'、'.join(value['shown'])}"
                            + (f" (printed {'、'.join(value['printed'])})" if "printed" in value else ""))
        elif isinstance(value, list):
            postings.append(f"{key} → names that begin so: {'、'.join(value)}")
        else:
            postings.append(key + "  " + " ".join(
                f"{ids[r]}:{fields[f]}@{p}" + "".join(f"+{letters[b]}" for b in sorted(letters) if flags & b)
                for r, f, p, flags in decode(value)))
    return {
        "search/manifest.json": (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode(),
        "search/records.txt": ("\n".join(lines) + "\n").encode(),
        "search/postings.txt": ("\n".join(postings) + "\n").encode(),
        "search/suggest.txt": readable_suggestions(files, manifest["suggest"]["longest"]),
    }


def readable_suggestions(files: dict[str, bytes], longest: int) -> bytes:
    """The vocabulary the suggestions (你是不是要找) come from: each word with how many records it finds,
    each beginning of a name with the names; and how many characters and syllables the sounds hold."""
    from generator.search.suggest import SHARD, SOUNDS, shard_words

    lines = []
    for length in range(2, longest + 1):
        shard = json.loads(files["search/" + SHARD.format(length)])
        lines += [f"{word} {count}" for word, count in shard_words(shard, length)]
        lines += [f"{start}… → " + "、".join(f"{name} {count}" for name, count in names) for start, names in sorted(shard["p"].items())]
    sounds = json.loads(files["search/" + SOUNDS])
    lines.append(f"{SOUNDS}: {len(''.join(sounds['c']))} readings of characters in {len(sounds['s'])} syllables")
    return ("\n".join(lines) + "\n").encode()


def main() -> int:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    generate(GOLDEN)
    print(f"golden Markdown refreshed in {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
