"""In the built site: edit links open the YAML a page or measure comes from; the preview's
error banner shows every diagnostic as text.

Run alone with: .venv/bin/python -m pytest tests/test_serve_browser.py -m browser
"""
from __future__ import annotations

import json
import re
import shutil

import pytest

from generator.bench import serve
from tests.conftest import DATA, REPOSITORY_URL

pytestmark = pytest.mark.browser

DOC_ID = "jiangjin-2022-57"
DOC_FILE = f"site_data/documents/jiangjin/{DOC_ID}.yaml"
SHOTS = "/tmp/editor-shots"


def _banner_pages(chromium, built_site, tmp_path, diagnostics):
    """A copy of the built site whose preview banner holds these diagnostics: a document page of it
    at 390 and at 1280 px, each with its width."""
    from generator.serve import ERRORS_FILE, errors_script

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / ERRORS_FILE).write_bytes(errors_script(diagnostics))
    with serve(site) as base:
        for width in (390, 1280):
            context = chromium.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            try:
                page.goto(base + f"documents/{DOC_ID}/")
                yield width, page
            finally:
                context.close()


def _repository() -> str:
    """The repository URL the built site was given (conftest.built_site: as the publishing workflow gives it)."""
    return REPOSITORY_URL


def _line_of(path, pattern: str) -> int:
    """1-based line of the first line matching ``pattern`` (ground truth by plain text search)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i + 1 for i, line in enumerate(lines) if re.fullmatch(pattern, line))


@pytest.fixture()
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def _record_edit_link(page, anchor: str) -> str:
    """href of the 编辑此条 link in the block that follows the measure's heading."""
    return page.evaluate("""(anchor) => {
        let node = document.getElementById(anchor).nextElementSibling;
        while (node && !/^H[1-3]$/.test(node.tagName)) {
            const a = node.querySelector && node.querySelector('a.edit-record');
            if (a) return a.href;
            node = node.nextElementSibling;
        }
        return null;
    }""", anchor)


@pytest.mark.parametrize("measure_id", ["m7", "m20"])
def test_a_measures_edit_link_opens_its_yaml_file_at_its_line(page, site_url, measure_id):
    yaml_file = DATA / "documents" / "jiangjin" / f"{DOC_ID}.yaml"
    after = yaml_file.read_text(encoding="utf-8").split("\nmeasures:\n", 1)
    assert len(after) == 2
    offset = after[0].count("\n") + 2  # the line number of `measures:`
    rel = after[1].splitlines()
    line = offset + next(i + 1 for i, text in enumerate(rel) if re.fullmatch(rf"\s*- id: {measure_id}", text))
    # the address of the measure on the document's page; a long document's overview sends it on to its part
    page.goto(site_url + f"documents/{DOC_ID}/#{measure_id}")
    page.wait_for_selector(f"#{measure_id}")
    href = _record_edit_link(page, measure_id)
    assert href == f"{_repository()}/blob/main/{DOC_FILE}#L{line}"
    assert page.locator("a.edit-record").first.inner_text() == "编辑此条"


def test_document_page_button_opens_the_file_and_the_history_link_its_commits(page, site_url):
    page.goto(site_url + f"documents/{DOC_ID}/")
    assert page.locator("a.md-content__button[rel=edit]").get_attribute("href") == \
        f"{_repository()}/edit/main/{DOC_FILE}"
    assert page.get_by_role("link", name="修改历史").get_attribute("href") == \
        f"{_repository()}/commits/main/{DOC_FILE}"


def test_a_theme_page_button_opens_the_theme_in_themes_yaml(page, site_url):
    line = _line_of(DATA / "themes.yaml", r"\s*- slug: energy")
    page.goto(site_url + "themes/energy/")
    assert page.locator("a.md-content__button[rel=edit]").get_attribute("href") == \
        f"{_repository()}/blob/main/site_data/themes.yaml#L{line}"


def test_a_content_page_button_opens_its_markdown_file(page, site_url):
    page.goto(site_url + "editor-guide/")
    assert page.locator("a.md-content__button[rel=edit]").get_attribute("href") == \
        f"{_repository()}/edit/main/content/editor-guide.md"


def test_the_error_banner_shows_each_diagnostic_as_text(chromium, built_site, tmp_path):
    from generator.diagnostics import Diagnostic

    hostile = Diagnostic(f"{DOC_FILE}", 61, 7, "unknown-theme",
                         "条目 m7：主题 `enrgy` 不在 themes.yaml（主题名录）中 <img src=x onerror=alert(1)>",
                         "是不是要写 `energy`（能源转型）？</script><b>bold</b>；保留字符如 `` ` ``、`@`")
    for width, page in _banner_pages(chromium, built_site, tmp_path, [hostile]):
        banner = page.locator(".preview-errors")
        assert banner.count() == 1
        assert banner.inner_text().splitlines() == [
            "数据有 1 处错误：本页显示的是上次正确的数据",
            f"{DOC_FILE}:61:7: 错误[unknown-theme]: 条目 m7：主题 enrgy 不在 themes.yaml（主题名录）中 "
            "<img src=x onerror=alert(1)>",
            "建议：是不是要写 energy（能源转型）？</script><b>bold</b>；保留字符如 `、@",
            "",
            "改正并保存 YAML 文件后，本页会自动刷新。错误代码的含义见编辑指南。",
        ]
        assert banner.locator("img, b, script").count() == 0
        # the words in backticks are code, as a user test expected (the backticks showed literally)
        assert banner.locator("li span code, li div code").all_inner_texts() == ["enrgy", "energy", "`", "@"]
        page.screenshot(path=f"{SHOTS}/banner-{width}.png")


def test_an_editor_scrolled_down_a_page_sees_that_it_was_not_updated(chromium, built_site, tmp_path):
    """The banner is at the top of the page; the preview reloads at the place the editor was looking
    at (an entry far down): a bar fixed in the window and the tab's title say it there, and the bar's
    button brings the banner into view."""
    from generator.diagnostics import Diagnostic
    from generator.serve import ERRORS_FILE, errors_script

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / ERRORS_FILE).write_bytes(errors_script([Diagnostic(DOC_FILE, 61, 7, "unknown-theme", "主题 `enrgy` 不在名录中", "写 `energy`")]))
    with serve(site) as base:
        for width, height in ((390, 844), (1280, 900)):
            context = chromium.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.goto(base + f"documents/{DOC_ID}/1/#m20")
            page.wait_for_selector("#m20")
            page.locator("#m20").scroll_into_view_if_needed()
            assert page.evaluate("window.scrollY") > 2 * height  # far below the banner
            bar = page.locator(".preview-errors-bar")
            box = bar.bounding_box()
            assert box is not None and box["y"] + box["height"] <= height and box["y"] >= height - 120
            assert bar.inner_text().startswith("数据有 1 处错误，本页未更新")
            assert page.title().startswith("【数据有错】")
            page.screenshot(path=f"{SHOTS}/bar-{width}.png")
            bar.get_by_role("button", name="查看").click()
            banner = page.locator(".preview-errors").bounding_box()
            assert banner is not None and 0 <= banner["y"] < height / 2
            context.close()


def test_the_banner_labels_and_counts_a_warning_as_check_does(chromium, built_site, tmp_path):
    """A TODO is a warning (提醒[todo]) in the banner as in `check`'s output, and counted as one."""
    from generator.diagnostics import Diagnostic
    from generator.serve import ERRORS_FILE, errors_script

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    todo = Diagnostic(DOC_FILE, 5, 14, "todo", "还有待填的 TODO", "对照原文填好", severity="warning")
    theme = Diagnostic(DOC_FILE, 61, 7, "unknown-theme", "主题 `enrgy` 不在名录中", "写 `energy`")
    with serve(site) as base:
        for shown, heading in (([todo], "数据有 1 处提醒"), ([todo, theme], "数据有 1 处错误、1 处提醒")):
            (site / ERRORS_FILE).write_bytes(errors_script(shown))
            context = chromium.new_context(viewport={"width": 1280, "height": 900})  # nothing cached
            page = context.new_page()
            page.goto(base + f"documents/{DOC_ID}/")
            lines = page.locator(".preview-errors").inner_text().splitlines()
            context.close()
            assert lines[0] == heading + "：本页显示的是上次正确的数据"
            assert f"{DOC_FILE}:5:14: 提醒[todo]: 还有待填的 TODO" in lines


def test_a_published_page_has_no_banner(page, site_url, built_site):
    assert json.loads((built_site / "assets/preview-errors.js").read_text(encoding="utf-8")
                      .split("=", 1)[1].strip().rstrip(";")) == []
    page.goto(site_url + f"documents/{DOC_ID}/#m7")
    page.wait_for_selector("#m7")
    assert page.locator(".preview-errors").count() == 0
    page.locator("#m7").scroll_into_view_if_needed()
    page.screenshot(path=f"{SHOTS}/edit-link-1280.png")


def test_the_banner_lists_twenty_errors_of_a_code_and_counts_the_rest(chromium, built_site, tmp_path):
    """An editor pasted one entry 3 000 times: the terminal lists 20 errors of the code and a line for
    the rest; the banner listed all 3 000 (a page of red). It now lists what the terminal lists and
    says how many more, while its heading counts every error."""
    from generator.diagnostics import SHOWN_PER_CODE, Diagnostic

    pasted = [Diagnostic(DOC_FILE, 100 + n, 5, "duplicate-id", f"条目 id `m{n}` 重复", "改成未用过的 id") for n in range(3000)]
    theme = Diagnostic(DOC_FILE, 61, 7, "unknown-theme", "主题 `enrgy` 不在名录中", "写 `energy`")
    for width, page in _banner_pages(chromium, built_site, tmp_path, [*pasted, theme]):
        banner = page.locator(".preview-errors")
        assert banner.locator("h2").inner_text() == "数据有 3001 处错误：本页显示的是上次正确的数据"
        assert banner.locator("li").count() == SHOWN_PER_CODE + 1
        assert banner.locator(".preview-errors__left").all_inner_texts() == [
            f"另有 2980 处同类问题（duplicate-id）没有列出：多半是同一个原因，先改正上面列出的 {SHOWN_PER_CODE} 处再检查；"
            "要列出全部，在终端运行 python -m generator check --format json"]
        assert page.locator(".preview-errors-bar").inner_text().startswith("数据有 3001 处错误")
        page.screenshot(path=f"{SHOTS}/banner-capped-{width}.png")
