"""A department × district page leads to the measures of each role. A user test (an official at 50
districts) found that one whose department only supports a measure (配合) or shares it (分工负责)
could not find those measures: page 1 lists the titles it leads and its titles by theme, then the
full texts run, lead first, over several pages, the opening sentence's counts led nowhere and the
pager said only 第 1 页 … 第 5 页. Now each role's count in the opening sentence links to where
that role's measures are listed (牵头: the lead-only list; 分工负责 and 配合: the page and heading
where their full texts begin), on every page of the set, and each pager label names the roles its
page holds. The truth is read from each page's own Markdown (its headings) and the counts from the
YAML files."""
from __future__ import annotations

import posixpath
import re
from collections import Counter

import pytest

from tests.test_trust import group_roles, groups, raw_aliases, raw_documents

ROLES = {"lead": "牵头", "joint": "分工负责", "support": "配合"}  # in the order a page lists them
# a heading over the full texts of a role ("（本页 n 项）" on a page of several)
ROLE_HEADING = re.compile(r"^## (牵头|分工负责|配合)(?:（本页 \d+ 项）)? \{ #(lead|joint|support) \}$", re.M)
INTRO = re.compile(r"^共 (\d+) 项措施：(.+?)(?:（[^）]*）)?，先列", re.M)  # the counts, then (a word on them)
COUNT = re.compile(r"^(?:\[(牵头|分工负责|配合) (\d+) 项\]\(([^)]*)\)|(牵头|分工负责|配合) (\d+) 项)$")
PAGER = re.compile(r"^分页：(.*)\n\{: \.cs-pages \}$", re.M)
PAGER_ITEM = re.compile(r"^(?:\*\*(.+)\*\*|\[(.+)\]\(([^)]*)\))$")


@pytest.fixture(scope="module")
def render(real_index):
    from generator.pipeline import TEMPLATES
    from generator.render import make_environment, render_page

    env = make_environment(TEMPLATES)
    return lambda page: render_page(env, page.template, page.path, page.context)


@pytest.fixture(scope="module")
def sets(real_index, render) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Every department × district set of pages: (department, district) → [(path, Markdown)] in order."""
    from generator.pages.department import department_district_pages

    return {(d.slug, x.slug): [(p.path, render(p)) for p in department_district_pages(real_index, d.slug, x.slug)]
            for d in real_index.departments for x in real_index.districts
            if real_index.relations.distinct_by_department_district.get((d.slug, x.slug))}


@pytest.fixture(scope="module")
def counts() -> dict[tuple[str, str], Counter]:
    """(department, district) → its distinct measures by its strongest role in each, from the YAML."""
    aliases = raw_aliases()
    out: dict[tuple[str, str], Counter] = {}
    for doc in raw_documents():
        for group in groups(doc):
            for dept, role in group_roles(group, aliases).items():
                out.setdefault((dept, doc["district"]), Counter())[role] += 1
    return out


def resolved(page: str, href: str) -> tuple[str, str]:
    """(docs-relative page, anchor) a Markdown link on ``page`` leads to."""
    target, _, anchor = href.partition("#")
    return (posixpath.normpath(posixpath.join(posixpath.dirname(page), target)) if target else page), anchor


def roles_on(text: str) -> list[str]:
    """The roles whose full texts a page's Markdown holds (by their headings), in the page's order."""
    return [role for _, role in ROLE_HEADING.findall(text)]


def test_the_real_corpus_has_sets_of_several_pages_that_split_roles(sets):
    """What the tests below rest on: some set runs over several pages, one page holds several
    roles, and some role begins on a page other than the first."""
    long = [pages for pages in sets.values() if len(pages) > 1]
    assert long
    assert any(len(roles_on(text)) > 1 for pages in long for _, text in pages)
    assert any(set(roles_on(pages[0][1])) != {r for _, t in pages for r in roles_on(t)} for pages in long)


def test_each_role_count_in_the_opening_sentence_leads_to_where_its_measures_are_listed(sets, counts):
    for key, pages in sets.items():
        want = counts[key]
        first_path, first_text = pages[0]
        # where each role's full texts begin: the first page with its heading
        begins = {}
        for path, text in pages:
            for role in roles_on(text):
                begins.setdefault(role, (path, role))
        assert set(begins) == set(+want), key
        for path, text in pages:
            intro = INTRO.findall(text)
            assert len(intro) == 1, (key, path)
            total, parts = intro[0]
            assert int(total) == sum(want.values())
            items = [COUNT.match(part) for part in parts.split("、")]
            assert all(items), (key, path, parts)
            assert [m[1] or m[4] for m in items] == list(ROLES.values()), (key, path)  # every role, in order
            for role, m in zip(ROLES, items, strict=True):
                n = int(m[2] or m[5])
                assert n == want[role], (key, path, role)
                if not n:
                    assert m[3] is None, (key, path, role)  # nothing to lead to: no link
                    continue
                assert m[3] is not None, (key, path, role)  # a count with measures is a link
                if role == "lead":
                    assert resolved(path, m[3]) == (first_path, "lead-only"), (key, path)
                    assert re.search(rf"^## 只看牵头（{n} 项） \{{ #lead-only \}}$", first_text, re.M), key
                else:
                    assert resolved(path, m[3]) == begins[role], (key, path, role)


def test_each_pager_label_names_the_roles_its_page_holds(sets, real_index, render):
    shown = 0
    for key, pages in sets.items():
        if len(pages) == 1:
            assert not PAGER.search(pages[0][1]), key
            continue
        want = [f"第 {k} 页（{'、'.join(ROLES[r] for r in ROLES if r in roles_on(text))}）"
                for k, (_, text) in enumerate(pages, start=1)]
        for k, (path, text) in enumerate(pages, start=1):
            lines = PAGER.findall(text)
            assert len(lines) == 2, (key, path)  # above the full texts and below them
            for line in lines:
                items = [PAGER_ITEM.match(item) for item in line.split("　")]
                assert all(items), (key, path, line)
                assert [m[1] or m[2] for m in items] == want, (key, path)
                assert [j for j, m in enumerate(items, start=1) if m[1]] == [k]  # this page in bold, unlinked
                assert [resolved(path, m[3]) for m in items if m[3]] == [(p, "") for j, (p, _) in enumerate(pages, start=1) if j != k]
                shown += 1
    assert shown

