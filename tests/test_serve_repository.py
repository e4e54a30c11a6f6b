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


def test_the_site_names_one_repository():
    repository = load_repository(ROOT / "mkdocs.yml")
    assert repository is not None and repository.url.startswith("https://github.com/")


@pytest.mark.parametrize("setting,env,expected", [
    ('!ENV [CPC_REPOSITORY_URL, "https://github.com/OWNER/repo"]', {}, "https://github.com/OWNER/repo"),
    ('!ENV [CPC_REPOSITORY_URL, "https://github.com/OWNER/repo"]', {"CPC_REPOSITORY_URL": "https://gitee.com/org/r"},
     "https://gitee.com/org/r"),
    ("!ENV CPC_REPOSITORY_URL", {"CPC_REPOSITORY_URL": "https://github.com/org/r"}, "https://github.com/org/r"),
    ("!ENV CPC_REPOSITORY_URL", {}, None),
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
    """mkdocs.yml holds a placeholder repository for local previews; the publishing workflow must
    replace it (and the local site address) with its own, or every edit link of the public site
    would open github.com/OWNER/… (a page that does not exist)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "url: !ENV [CPC_REPOSITORY_URL," in config and "site_url: !ENV [CPC_SITE_URL," in config
    publish = YAML(typ="safe", pure=True).load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    build_step = next(s for s in publish["jobs"]["build"]["steps"] if s.get("run") == "make site")
    assert build_step["env"]["CPC_REPOSITORY_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert build_step["env"]["CPC_SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")


def test_a_site_built_without_its_addresses_is_told_what_publishing_needs(monkeypatch):
    """`site` reminds whoever builds it that edit links point at the placeholder and canonical links
    at the local preview until CPC_REPOSITORY_URL and CPC_SITE_URL are set (the publishing workflow
    sets both), and says nothing once they are."""
    from generator.repository import SITE_CONFIG, publishing_reminders

    monkeypatch.delenv("CPC_REPOSITORY_URL", raising=False)
    monkeypatch.delenv("CPC_SITE_URL", raising=False)
    told = publishing_reminders(SITE_CONFIG)
    assert len(told) == 2 and "CPC_REPOSITORY_URL" in told[0] and "/OWNER/" in told[0] and "CPC_SITE_URL" in told[1]
    monkeypatch.setenv("CPC_REPOSITORY_URL", "https://github.com/org/repo")
    monkeypatch.setenv("CPC_SITE_URL", "https://org.github.io/repo/")
    assert publishing_reminders(SITE_CONFIG) == []
