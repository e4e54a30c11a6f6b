"""Edit links: the repository named once in mkdocs.yml; addresses for GitHub-like hosts and GitLab."""
from __future__ import annotations

import pytest

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
