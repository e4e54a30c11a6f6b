"""Edit links: the repository named once in mkdocs.yml; addresses for GitHub-like hosts and GitLab."""
from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from generator.index import Origin
from generator.repository import Repository, load_repository
from tests.conftest import ROOT


@pytest.mark.parametrize("url,edit,line,history", [
    ("https://github.com/org/repo", "https://github.com/org/repo/edit/main/site_data/a%20b.yaml",
     "https://github.com/org/repo/blob/main/site_data/a%20b.yaml#L12",
     "https://github.com/org/repo/commits/main/site_data/a%20b.yaml"),
    ("https://gitlab.com/org/repo/", "https://gitlab.com/org/repo/-/edit/main/site_data/a%20b.yaml",
     "https://gitlab.com/org/repo/-/blob/main/site_data/a%20b.yaml#L12",
     "https://gitlab.com/org/repo/-/commits/main/site_data/a%20b.yaml"),
])
def test_addresses_per_host(tmp_path, url, edit, line, history):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\ndocs_dir: !ENV [X, build/docs]\nextra:\n  repository:\n    url: {url}\n"
                      "    branch: main\n", encoding="utf-8")
    repository = load_repository(config)
    assert repository == Repository(url.rstrip("/"), "main")
    assert repository.edit_url(Origin("site_data/a b.yaml")) == edit
    assert repository.edit_url(Origin("site_data/a b.yaml", 12)) == line
    assert repository.history_url(Origin("site_data/a b.yaml", 12)) == history


@pytest.mark.parametrize("extra", ["", "extra:\n  repository:\n    url: not-a-url\n", "extra:\n  analytics: {}\n"])
def test_no_repository_no_links(tmp_path, extra):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n" + extra, encoding="utf-8")
    assert load_repository(config) is None


def test_the_site_names_its_repository_only_through_the_environment(monkeypatch):
    """mkdocs.yml holds no default address (a placeholder would give every page dead links)."""
    monkeypatch.delenv("CPC_REPOSITORY_URL", raising=False)
    assert load_repository(ROOT / "mkdocs.yml") is None
    monkeypatch.setenv("CPC_REPOSITORY_URL", "https://github.com/org/repo")
    assert load_repository(ROOT / "mkdocs.yml") == Repository("https://github.com/org/repo", "main")


@pytest.mark.parametrize("setting,env,expected", [
    ('!ENV [CPC_REPOSITORY_URL, "https://github.com/org/default"]', {}, "https://github.com/org/default"),
    ('!ENV [CPC_REPOSITORY_URL, "https://github.com/org/default"]', {"CPC_REPOSITORY_URL": "https://gitee.com/org/r"},
     "https://gitee.com/org/r"),
    ("!ENV CPC_REPOSITORY_URL", {"CPC_REPOSITORY_URL": "https://github.com/org/r"}, "https://github.com/org/r"),
    ("!ENV CPC_REPOSITORY_URL", {}, None),
    # an example's owner is no address (the old default of mkdocs.yml, or one copied from a guide)
    ('!ENV [CPC_REPOSITORY_URL, "https://github.com/OWNER/repo"]', {}, None),
    ("!ENV CPC_REPOSITORY_URL", {"CPC_REPOSITORY_URL": "https://github.com/机构/仓库"}, None),
])
def test_the_address_may_come_from_the_environment(tmp_path, monkeypatch, setting, env, expected):
    monkeypatch.delenv("CPC_REPOSITORY_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nextra:\n  repository:\n    url: {setting}\n    branch: main\n", encoding="utf-8")
    repository = load_repository(config)
    assert (repository.url if repository else None) == expected


def test_the_published_site_links_to_the_repository_it_is_built_from():
    """mkdocs.yml takes both addresses from the environment, with no default: the publishing
    workflow sets them to its own repository and Pages address, or the public site would have no
    edit links, canonical links or sitemap."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "url: !ENV CPC_REPOSITORY_URL\n" in config and "site_url: !ENV CPC_SITE_URL\n" in config
    publish = YAML(typ="safe", pure=True).load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    build_step = next(s for s in publish["jobs"]["build"]["steps"] if s.get("run") == "make site")
    assert build_step["env"]["CPC_REPOSITORY_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert build_step["env"]["CPC_SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")


def test_a_site_built_without_its_addresses_is_told_what_it_leaves_out(monkeypatch):
    """`site` reminds whoever builds it that the pages have no edit or history links until
    CPC_REPOSITORY_URL is set, and no canonical links or sitemap until CPC_SITE_URL is (the
    publishing workflow sets both), and says nothing once they are."""
    from generator.repository import SITE_CONFIG, publishing_reminders

    monkeypatch.delenv("CPC_REPOSITORY_URL", raising=False)
    monkeypatch.delenv("CPC_SITE_URL", raising=False)
    told = publishing_reminders(SITE_CONFIG)
    assert len(told) == 2 and all("不" in line for line in told)
    assert "CPC_REPOSITORY_URL" in told[0] and "编辑此条" in told[0] and "修改历史" in told[0]
    assert "CPC_SITE_URL" in told[1] and "canonical" in told[1] and "sitemap.xml" in told[1]
    assert not any("OWNER" in line or "127.0.0.1" in line for line in told)
    monkeypatch.setenv("CPC_REPOSITORY_URL", "https://github.com/org/repo")
    monkeypatch.setenv("CPC_SITE_URL", "https://org.github.io/repo/")
    assert publishing_reminders(SITE_CONFIG) == []


ABOUT = "可能有误<!-- if repository -->；欢迎按[编辑指南](editor-guide.md)提交修改<!-- end if -->。\n"
GUIDE = ("<!-- if repository -->\n点编辑按钮。\n<!-- end if -->\n<!-- if no repository -->\n打开 `site_data/`。\n<!-- end if -->\n"
         "标记写作 `<!-- if repository -->` 和 `<!-- end if -->`：\n\n```\n<!-- if no repository -->\n```\n")


@pytest.mark.parametrize("has_repository,about,guide", [
    (True, "可能有误；欢迎按[编辑指南](editor-guide.md)提交修改。\n", "\n点编辑按钮。\n\n\n"),
    (False, "可能有误。\n", "\n\n打开 `site_data/`。\n\n"),
], ids=["repository", "no repository"])
def test_content_pages_keep_the_text_that_holds_with_or_without_a_repository(has_repository, about, guide):
    """about.md's invitation to send corrections is there only when the repository is; markers in
    code are text (the editor guide shows them)."""
    from generator.load import repository_sections, stray_markers

    assert repository_sections(ABOUT.encode(), has_repository).decode() == about
    shown = "标记写作 `<!-- if repository -->` 和 `<!-- end if -->`：\n\n```\n<!-- if no repository -->\n```\n"
    assert repository_sections(GUIDE.encode(), has_repository).decode() == guide + shown
    assert stray_markers(ABOUT.encode()) == stray_markers(GUIDE.encode()) == []


def test_an_unmatched_marker_is_an_error(tmp_path):
    """A marker without its pair would show its text whether or not a repository is set."""
    from generator.load import content_files

    (tmp_path / "about.md").write_text("# 关于\n\n可能有误<!-- if repository -->；欢迎提交修改。\n", encoding="utf-8")
    (tmp_path / "nested.md").write_text("<!-- if repository -->甲<!-- if no repository -->乙<!-- end if -->\n"
                                        "<!-- end if -->\n", encoding="utf-8")
    _, problems = content_files(tmp_path)
    assert sorted((p.path.rsplit("/", 1)[-1], p.line, p.code) for p in problems) == [
        ("about.md", 3, "unmatched-marker"), ("nested.md", 1, "unmatched-marker"), ("nested.md", 2, "unmatched-marker")]


def test_the_shipped_content_pages_mark_what_needs_a_repository():
    """The about page asks for corrections only with a repository; the editor guide says where the
    data is either way."""
    from generator.load import repository_sections, stray_markers

    about = (ROOT / "content" / "about.md").read_bytes()
    guide = (ROOT / "content" / "editor-guide.md").read_bytes()
    assert stray_markers(about) == stray_markers(guide) == []
    assert "提交修改" in repository_sections(about, True).decode()
    assert "提交修改" not in repository_sections(about, False).decode()
    assert "“编辑此条”打开" in repository_sections(guide, True).decode()
    assert "“编辑此条”打开" not in repository_sections(guide, False).decode()
