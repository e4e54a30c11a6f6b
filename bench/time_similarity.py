"""Time the similar-measure step alone, for bench/similarity.md:
`python -m generator synth --factor N --out DIR`, then `PYTHONPATH=. .venv/bin/python bench/time_similarity.py DIR`.

Prints wall and CPU seconds of `similar_measures(index)` and the resident memory it adds (sampled
every 20 ms). CPU seconds are the figure to compare on a shared machine: wall time grows with the load."""
import gc
import resource
import sys
import threading
import time
from pathlib import Path

from generator.checking import check_data
from generator.index import build_index
from generator.similarity import similar_measures


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


data = Path(sys.argv[1])
index = build_index(check_data(data))
gc.collect()
before = rss_mb()
peak = before
done = False


def sample() -> None:
    global peak
    while not done:
        peak = max(peak, rss_mb())
        time.sleep(0.02)


sampler = threading.Thread(target=sample)
sampler.start()
t, c = time.perf_counter(), time.process_time()
sims = similar_measures(index)
seconds, cpu = time.perf_counter() - t, time.process_time() - c
done = True
sampler.join()
links = sum(len(v) for v in sims.links.values())
print(f"{data}: {len(index.measures)} measures, {links} links; similarity {seconds:.1f} s wall, {cpu:.1f} s CPU; "
      f"RSS {before:.0f} MB before, {peak:.0f} MB peak during the step (+{peak - before:.0f} MB)")
