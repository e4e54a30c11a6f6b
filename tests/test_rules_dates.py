"""A document's dates are the days it prints (date-not-printed) and in order (date-order): the
editor test's cases on a copy of a real document, and the printed forms the check reads."""
from __future__ import annotations

import datetime as dt

from generator.rules import printed_dates
from tests.conftest import DATA
from tests.test_diagnostics import edited_copy, problems

FILE = "documents/jiangjin/jiangjin-2022-57.yaml"  # printed: [ 成文日期 ] 2022-04-16, [ 发布日期 ] 2022-05-10, 2022年4月16日


def test_a_mistyped_year_is_caught_against_the_printed_dates(tmp_path):
    root = edited_copy(tmp_path, DATA, [(FILE, "  published: 2022-05-10\n", "  published: 2012-05-10\n")])
    assert problems(root) == [
        f"{FILE}:13:14: 错误[date-not-printed]: 发布日期 2012-05-10 不在 `dates.printed`（原文中日期的原样写法）中："
        "那里印出的是2022-04-16、2022-05-10\n"
        "    建议：照原文改正这个日期，并把原文中这个日期的原样写法加进 `dates.printed`；原文没有印出时写 null",
        f"{FILE}:13:14: 错误[date-order]: 发布日期 2012-05-10 早于成文日期 2022-04-16\n"
        "    建议：对照原文核对这两个日期：文件先成文，后发布"]


def test_published_before_written_is_caught(tmp_path):
    root = edited_copy(tmp_path, DATA, [(FILE, "  published: 2022-05-10\n", "  published: 2022-04-10\n"),
                                        (FILE, '"[ 发布日期 ] 2022-05-10"', '"[ 发布日期 ] 2022-04-10"')])
    (root / "sources" / "jiangjin-2022-57.txt").write_text(
        (DATA / "sources" / "jiangjin-2022-57.txt").read_text(encoding="utf-8").replace("2022-05-10", "2022-04-10"),
        encoding="utf-8")
    assert problems(root) == [
        f"{FILE}:13:14: 错误[date-order]: 发布日期 2022-04-10 早于成文日期 2022-04-16\n"
        "    建议：对照原文核对这两个日期：文件先成文，后发布"]


def test_printed_dates_in_every_form_the_documents_use():
    assert printed_dates("[ 成文日期 ] 2022-04-16") == {dt.date(2022, 4, 16)}
    assert printed_dates("2022年10月24日印发") == {dt.date(2022, 10, 24)}
    assert printed_dates("20211125") == {dt.date(2021, 11, 25)}
    assert printed_dates("二〇二二年七月四日") == {dt.date(2022, 7, 4)}
    assert printed_dates("二零二一年十一月二十五日") == {dt.date(2021, 11, 25)}
    assert printed_dates("二零二一年十一月") == set()  # no day: names no date
    assert printed_dates("2022年2月30日") == set()  # no such day
    assert printed_dates("120220416") == set()  # digits inside a longer number
