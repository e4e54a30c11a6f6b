"""The first results of the site search for the queries officials type, to judge the ranking by eye:
each result's place, kind, score, occurrences, tier (P: found only by a term's parts, L: holds a term
only in its document's title or themes, X: found only through another name), district, title and id.
The Python reference of search.js (generator/search/reference.py) over the real corpus's search files.
Results: bench/search_ranking.md.

    PYTHONPATH=. .venv/bin/python bench/search_ranking.py             # the queries below
    PYTHONPATH=. .venv/bin/python bench/search_ranking.py --all       # and those of tests/search_queries.yaml
    PYTHONPATH=. .venv/bin/python bench/search_ranking.py --top 20 能耗 能耗@tongliang   # @: one district's results
"""
from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from generator.pipeline import index_data
from generator.search import search_files
from generator.search.records import records
from generator.search.reference import SearchFiles

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["充电桩", "碳排放", "能耗", "光伏", "发改委 光伏", "屋顶光伏", "新能源汽车", "碳达峰", "绿色建筑", "生态环境局",
           "森林覆盖率", "单位GDP能耗", "空气质量", "江津 光伏", "铜梁 能耗", "能耗@tongliang", "碳汇", "氢能", "储能",
           "绿色工厂", "充电站", "能耗双控", "碳排放强度", "非化石能源", "公交", "秸秆综合利用率", "碳交易", "节能", "工业",
           "住建委", "铜梁区充电桩", "发改委 牵头 光伏"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", nargs="*", help="queries (default: the list above); QUERY@district-slug: one district's results")
    parser.add_argument("--all", action="store_true", help="also the queries of tests/search_queries.yaml")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    queries = args.queries or list(QUERIES)
    if args.all:
        listed = [q["q"] for q in yaml.safe_load((ROOT / "tests/search_queries.yaml").read_text(encoding="utf-8"))["queries"]]
        queries += [q for q in listed if q not in queries]
    index = index_data(ROOT / "site_data")
    recs = records(index)
    search = SearchFiles(search_files(index))
    for query in queries:
        text, _, district = query.partition("@")
        hits = [h for h in search.search(text) if not district or recs[h.record].district == district]
        print(f"\n== {text}{f' ({district})' if district else ''}: {len(hits)} results")
        for i, h in enumerate(hits[:args.top], 1):
            r = recs[h.record]
            tier = ("P" if h.parts else "") + ("L" if h.later else "") + ("" if h.exact else "X")
            print(f"{i:3} {r.kind:10} {h.score:3} {h.occurrences:3} {tier:3} {r.district or '-':10} {r.display.get('t', '')[:36]}  [{r.id}]")


if __name__ == "__main__":
    main()
