"""Save → refreshed page in the live preview (`python -m generator serve`).

Starts the preview on a copy of a corpus, opens the first document's page in headless Chromium,
then, several times: writes a new editor's note into one measure of that document's YAML file and
times until the open page shows it (the server reloads the page by itself). Also times a data
error until the page shows the banner, and its fix until the banner is gone.

    .venv/bin/python bench/serve_refresh.py --data site_data --port 8106
    .venv/bin/python -m generator synth --factor 10 --out /tmp/e10
    .venv/bin/python bench/serve_refresh.py --data /tmp/e10 --port 8106

Uses build/docs (mkdocs.yml's docs_dir), like `make serve`.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.bench import launch_chromium  # noqa: E402


def wait_for_server(url: str, process: subprocess.Popen, limit: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if process.poll() is not None:
            raise SystemExit("the preview stopped; see its log")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"no page at {url} after {limit:.0f} s")


def measure_without_note(path: Path) -> str:
    """Id of the first measure that has no `note:` (its block is `  - id: X` up to the next one)."""
    text = path.read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^  - id: ", text.split("\nmeasures:\n", 1)[1])[1:]
    return next(b.split("\n", 1)[0].strip() for b in blocks if "\n    note:" not in b)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--startup-limit", type=float, default=1800)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    data = work / "data"
    shutil.copytree(args.data, data)
    doc = sorted((data / "documents").rglob("*.yaml"))[0]
    doc_id = doc.stem
    measure = measure_without_note(doc)
    original = doc.read_text(encoding="utf-8")
    log = (work / "serve.log").open("w")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "generator", "serve", "--data", str(data), "--port", str(args.port)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{args.port}/"
    rows: list[tuple[str, float]] = []
    try:
        startup = wait_for_server(base + f"documents/{doc_id}/", process, args.startup_limit)
        rows.append(("start: first generation + site build", startup))
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            page = browser.new_page()
            # the overview page sends a measure's address on to the part page that holds it
            page.goto(base + f"documents/{doc_id}/#{measure}")
            page.wait_for_selector(f"[id='{measure}']")
            for run in range(1, args.runs + 1):
                token = f"计时测试第{run}次"
                block = f"\n  - id: {measure}\n"
                doc.write_text(original.replace(block, f"{block}    note: {token}\n", 1), encoding="utf-8")
                start = time.perf_counter()
                page.wait_for_function("t => document.body && document.body.innerText.includes(t)", arg=token,
                                       timeout=900_000, polling=100)
                rows.append((f"edit {run}: a measure's note → page shows it", time.perf_counter() - start))
            block = f"\n  - id: {measure}\n"
            doc.write_text(original.replace(block, f"{block}    instrument: 无此类型\n", 1), encoding="utf-8")
            start = time.perf_counter()
            page.wait_for_selector(".preview-errors", timeout=900_000)
            rows.append(("data error → banner shown", time.perf_counter() - start))
            doc.write_text(original, encoding="utf-8")
            start = time.perf_counter()
            page.wait_for_function("() => document.body && !document.querySelector('.preview-errors')",
                                   timeout=900_000, polling=100)
            rows.append(("fix → banner gone", time.perf_counter() - start))
            browser.close()
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
    pages = sum(1 for _ in (ROOT / "build" / "docs").rglob("*.md"))
    print(f"corpus {args.data} ({pages} Markdown pages), document {doc_id}, measure {measure}; "
          f"log {work / 'serve.log'}")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.1f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
