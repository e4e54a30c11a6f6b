"""The whole-build benchmark's repeated runs (`bench --scale N --repeat R`) are combined per stage:
the median time, every run's time beside it, the highest memory."""
from generator.buildbench import combined


def run(check: float, render: float, peak: float, pages: float) -> dict:
    return {"check": {"seconds": check, "peak_mb": peak, "with_second_processes_mb": peak + 10},
            "render": {"seconds": render, "peak_mb": 2 * peak, "with_second_processes_mb": 3 * peak,
                       "parts": {"pages": pages, "downloads (2nd process)": pages / 2}},
            "search": {"seconds": 1.0, "in": "similarity and render"}}


def test_three_runs_give_the_median_time_and_the_highest_memory():
    stages = combined([run(0.9, 5.0, 100, 4.0), run(0.7, 9.0, 120, 3.0), run(0.8, 6.0, 90, 5.0)])
    assert stages["check"] == {"seconds": 0.8, "runs": [0.9, 0.7, 0.8], "peak_mb": 120, "with_second_processes_mb": 130}
    assert stages["render"]["seconds"] == 6.0 and stages["render"]["runs"] == [5.0, 9.0, 6.0]
    assert (stages["render"]["peak_mb"], stages["render"]["with_second_processes_mb"]) == (240, 360)
    assert stages["render"]["parts"] == {"pages": 4.0, "downloads (2nd process)": 2.0}
    assert stages["search"] == {"seconds": 1.0, "in": "similarity and render", "runs": [1.0, 1.0, 1.0]}


def test_one_run_is_taken_as_it_is():
    one = run(0.9, 5.0, 100, 4.0)
    assert combined([one]) == one


def test_memory_of_all_processes_comes_from_the_sampled_build_and_times_only_from_the_timed_ones():
    """The summed memory of the processes is sampled in one build whose times are not taken (sampling
    costs the build CPU time); the timed builds report only their own peaks."""
    timed = [run(0.9, 5.0, 100, 4.0), run(0.7, 9.0, 150, 3.0)]
    for r in timed:
        for stage in r.values():
            stage.pop("with_second_processes_mb", None)
    sampled = run(3.0, 30.0, 110, 20.0)
    stages = combined(timed, sampled)
    assert stages["check"]["seconds"] == 0.8 and stages["check"]["runs"] == [0.9, 0.7]
    assert stages["render"]["seconds"] == 7.0
    assert stages["check"]["peak_mb"] == 150  # the highest own peak, timed or sampled
    assert stages["check"]["with_second_processes_mb"] == 120 and stages["render"]["with_second_processes_mb"] == 330
