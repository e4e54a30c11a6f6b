"""Edit links: the repository host named once, in mkdocs.yml `extra.repository`.

    extra:
      repository:
        url: !ENV CPC_REPOSITORY_URL
        branch: main

The address may come from an environment variable as MkDocs reads `!ENV` (the first variable
that is set, else the last item as the default): the publishing workflow sets CPC_REPOSITORY_URL
to the repository it runs in. Without an address (a local build that does not set it) there are
no edit or history links at all, and content pages leave out what they say only about them
(load.repository_sections): a site never links to a repository that is not there.

Every page's edit button, each measure's 编辑此条 link and each document's history link
are made here from a record's Origin (file path in the repository, line).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

from generator.index import REPOSITORY_ROOT, Origin


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: `!ENV` as MkDocs reads it; other tags (`!!python/...`) are not needed here."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """`!ENV VAR` or `!ENV [VAR1, VAR2, default]`: the first variable that is set, else the default
    (the last item, when there are two or more), else None."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    if not isinstance(node, yaml.SequenceNode):
        return None
    items = loader.construct_sequence(node)
    names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    return next((os.environ[str(n)] for n in names if str(n) in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Repository:
    """Address patterns of one repository host. GitLab puts `-/` before its views; GitHub, Gitee
    and Forgejo-like hosts that copy GitHub's layout take the GitHub form."""

    url: str  # https://github.com/org/repo, no trailing slash
    branch: str

    @property
    def _views(self) -> str:
        return self.url + ("/-/" if "gitlab" in urlsplit(self.url).netloc else "/")

    def _file(self, view: str, path: str) -> str:
        return f"{self._views}{view}/{quote(self.branch)}/{quote(path)}"

    def edit_url(self, origin: Origin) -> str:
        """The file at the record's line (the host highlights it; its pencil opens the editor),
        or the host's editor for a whole file."""
        if origin.line is None:
            return self._file("edit", origin.path)
        return self._file("blob", origin.path) + f"#L{origin.line}"

    def history_url(self, origin: Origin) -> str:
        return self._file("commits", origin.path)


SITE_CONFIG = REPOSITORY_ROOT / "mkdocs.yml"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "0.0.0.0", "::1", "[::1]")  # a preview's address, not a home page


def load_site_url(config: Path) -> str | None:
    """The published site's address from mkdocs.yml `site_url` (CPC_SITE_URL), ending in / as MkDocs
    makes it (addresses are joined to it), or None when none is set or it is a local preview's."""
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) if config.is_file() else None
    url = (data or {}).get("site_url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")) or urlsplit(url).hostname in LOCAL_HOSTS:
        return None
    return url if url.endswith("/") else url + "/"


# An example owner, not an address: https://github.com/OWNER/REPO, as documentation writes it (and
# as mkdocs.yml's default was), is taken for no address at all.
PLACEHOLDER_OWNERS = ("/OWNER/", "/机构/")


def publishing_reminders(config: Path = SITE_CONFIG) -> list[str]:
    """What a site built here leaves out until its addresses are set (a local preview needs
    neither): the links to the data repository, and the canonical links and the sitemap."""
    reminders = []
    if load_repository(config) is None:
        reminders.append("没有设置数据仓库地址，网页上不显示“编辑此页”按钮、“编辑此条”和“修改历史”链接，"
                         "也略去页面中请读者提交修改的文字；要显示它们，设置 CPC_REPOSITORY_URL"
                         "（数据仓库的网址，如 https://github.com/机构/仓库）后重新构建")
    if load_site_url(config) is None:
        reminders.append("没有设置网站地址，网页不带规范链接（canonical），也不生成 sitemap.xml"
                         "（主题的即时导航随之关闭）；发布前设置 CPC_SITE_URL（网站的网址，以 / 结尾）后重新构建")
    return reminders


def load_repository(config: Path) -> Repository | None:
    """The repository named in mkdocs.yml, or None when none is set (then no edit links)."""
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) if config.is_file() else None
    setting = ((data or {}).get("extra") or {}).get("repository") or {}
    url, branch = setting.get("url"), setting.get("branch", "main")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")) or not isinstance(branch, str):
        return None
    if any(owner in url + "/" for owner in PLACEHOLDER_OWNERS):
        return None
    return Repository(url.rstrip("/"), branch)
