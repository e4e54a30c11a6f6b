"""Build the whole static site safely: generate the Markdown, run the site engine, swap on success.

Both `build/docs` (the generated Markdown) and `build/site` (the HTML) are built in a new
staging folder and only replace the published folders when every step succeeded. A data
error, a strict-mode warning of the engine, a crash or a kill part-way therefore leaves the
previous site complete. The engine runs without `--quiet`, so every warning is shown, and
`--strict` turns any warning into a failed build.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
# mkdocs.yml reads its docs_dir and site_dir from these (with `!ENV`), defaulting to build/.
DOCS_ENV, SITE_ENV = "CPC_DOCS_DIR", "CPC_SITE_DIR"


class EngineFailed(Exception):
    """The site engine exited non-zero; its output says why."""

    def __init__(self, output: str) -> None:
        super().__init__("the site engine failed")
        self.output = output


@dataclass(frozen=True)
class SiteResult:
    pages: int
    timings: tuple[tuple[str, float], ...]  # generator stages, then the engine


# The site engines that can build mkdocs.yml: MkDocs + Material (the default) and Zensical,
# its maintained successor, which reads the same file. Each runs a strict build.
ENGINES = ("mkdocs", "zensical")
# Paths in mkdocs.yml that are relative to the project root (docs_dir and site_dir come from the environment).
ROOT_RELATIVE = ("custom_dir: overrides",)


def zensical_config(docs: Path, site: Path) -> Path:
    """Zensical builds only into a folder under the folder of its configuration file, keeps its
    cache there, and stops on absolute docs/site paths (0.0.73): so it gets a copy of mkdocs.yml
    beside `docs` and `site` (which must be siblings, as the staging folder's are), is given
    their names, and the other root-relative paths are made absolute."""
    if docs.resolve().parent != site.resolve().parent:
        raise ValueError("zensical needs the docs and site folders side by side")
    text = CONFIG.read_text(encoding="utf-8")
    for path in ROOT_RELATIVE:
        if path not in text:
            raise ValueError(f"mkdocs.yml no longer holds {path!r}: update ROOT_RELATIVE")
        key, _, value = path.rpartition(" ")
        text = text.replace(path, f"{key} {ROOT / value}".strip())
    config = site.resolve().parent / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def engine_build(docs: Path, site: Path, engine: str = "mkdocs") -> str:
    """Run the engine's strict build of `docs` into `site`; return its output or raise EngineFailed."""
    env = dict(os.environ, **{DOCS_ENV: str(docs.resolve()), SITE_ENV: str(site.resolve())})
    if engine == "zensical":
        env.update({DOCS_ENV: docs.name, SITE_ENV: site.name})
    if engine == "mkdocs":
        command = ["-m", "mkdocs", "build", "--strict", "--clean", "-f", str(CONFIG)]
    elif engine == "zensical":
        command = ["-m", "zensical", "build", "--strict", "-f", str(zensical_config(docs, site))]
    else:
        raise ValueError(f"unknown engine {engine!r}")
    result = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, env=env)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise EngineFailed(output)
    drop_empty_sitemap(site)
    return output


def drop_empty_sitemap(site: Path) -> None:
    """Without site_url the sitemap template (overrides/sitemap.xml) writes nothing: MkDocs then
    writes no file, Zensical (0.0.73) an empty one, which is not a sitemap: removed."""
    sitemap = site / "sitemap.xml"
    if sitemap.is_file() and not sitemap.read_bytes().strip():
        sitemap.unlink()


# What a static host takes: GitHub Pages (where .github/workflows/publish.yml publishes) serves a
# site of at most 1 GB, GitLab Pages at most 1 GB in at most 200,000 files. At 38 districts (the
# synthetic 50x corpus) the site is about 1.6 GB, most of it the downloads (bench/build.md).
HOST_LIMIT_BYTES = 1_000_000_000
HOST_LIMIT_FILES = 200_000


def site_size(site: Path) -> tuple[int, int]:
    """Bytes and number of the files under `site`."""
    sizes = [p.stat().st_size for p in site.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes)


def hosting_reminders(site: Path, limit_bytes: int = HOST_LIMIT_BYTES, limit_files: int = HOST_LIMIT_FILES) -> list[str]:
    """What stops a static host from publishing the built site: more bytes or files than it takes
    (nothing when there is no site)."""
    if not site.is_dir():
        return []
    size, files = site_size(site)
    if size <= limit_bytes and files <= limit_files:
        return []
    downloads = site_size(site / "data")[0] if (site / "data").is_dir() else 0
    return [f"网站共 {size / 1e9:.2f} GB、{files:,} 个文件（其中数据下载 data/ 占 {downloads / 1e9:.2f} GB），"
            f"超过常见静态托管的上限（GitHub Pages 与 GitLab Pages 每个网站至多 {limit_bytes / 1e9:g} GB，"
            f"GitLab Pages 至多 {limit_files:,} 个文件），在那里发布会失败：请改用不限大小的托管（如自有服务器或对象存储）"]


def swap_in(new: Path, live: Path) -> None:
    """Replace folder `live` by folder `new` (same parent). A kill between the two renames leaves
    `live` missing and its previous content in `.<name>.old`, which `recover` puts back."""
    old = live.with_name(f".{live.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if live.exists():
        os.rename(live, old)
    os.rename(new, live)
    if old.exists():
        shutil.rmtree(old)


def recover(live: Path) -> None:
    """Undo a swap that was interrupted after its first rename."""
    old = live.with_name(f".{live.name}.old")
    if old.exists() and not live.exists():
        os.rename(old, live)


def build(data_root: Path, content_root: Path, out_root: Path, engine: str = "mkdocs",
          log: Callable[[str], None] = print) -> SiteResult:
    """Generate into staging, build the site from it, then publish both folders together."""
    from generator.build import build_site
    from generator.checking import Timings

    docs_live, site_live = out_root / "docs", out_root / "site"
    out_root.mkdir(parents=True, exist_ok=True)
    for live in (docs_live, site_live):
        recover(live)
    for stale in out_root.glob(".staging-*"):  # left by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    timings = Timings()
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_root))
    try:
        written = build_site(data_root, content_root, staging / "docs", timings, stream=True)
        with timings.stage(engine):
            output = engine_build(staging / "docs", staging / "site", engine)
        for line in output.splitlines():
            if line.startswith(("WARNING", "ERROR")):
                log(line)
        swap_in(staging / "docs", docs_live)
        swap_in(staging / "site", site_live)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return SiteResult(written.pages, tuple(timings.stages))
