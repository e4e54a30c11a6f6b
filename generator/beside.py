"""Work done in a second process while this one goes on, on a machine with two or more CPUs: the
site build's large data outputs (downloads and the search index) are made beside the pages, and a
large corpus's policy documents are parsed half there (generator.load.parse_documents).

The second process is a fork, so it starts with everything this process has built (the index)
without copying or pickling it; it sends back a picklable result (the outputs' file names, or the
parsed documents). An error in it is raised again here when the result is asked for, and a build
that fails here stops it.
"""
from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from generator.diagnostics import DataErrors

SECOND_PROCESS = " (2nd process)"  # suffix of the name of a build stage run in the second process


def can_fork() -> bool:
    """Whether a second process would help: a fork is available and there is a second CPU."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return "fork" in multiprocessing.get_all_start_methods() and usable >= 2


def _child(work: Callable[[], Any], channel) -> None:
    try:
        outcome: tuple[str, Any] = ("ok", work())
    except DataErrors as error:  # the editor's diagnostics travel as they are
        outcome = ("data", list(error.diagnostics))
    except BaseException:  # noqa: B036 - anything else is reported with its traceback
        outcome = ("crash", traceback.format_exc())
    channel.send(outcome)
    channel.close()


class Beside:
    """The handle of work running in the second process."""

    def __init__(self, process, channel) -> None:
        self._process, self._channel = process, channel

    def ended(self) -> bool:
        """Whether the work has ended: result() would not wait (before result() is asked for)."""
        return self._channel.poll()

    def result(self) -> Any:
        """Wait for the work; its return value, or its error raised here."""
        try:
            with no_cycle_collection():  # the result is unpickled: a large one three times as fast
                kind, value = self._channel.recv()
        except EOFError:  # the process died without a word (killed, out of memory)
            self._process.join()
            raise RuntimeError(f"the second build process ended with exit code {self._process.exitcode}") from None
        self._process.join()
        if kind == "data":
            raise DataErrors(value)
        if kind == "crash":
            raise RuntimeError("the second build process failed:\n" + value)
        return value


@contextlib.contextmanager
def long_lived() -> Iterator[Callable[[], None]]:
    """A block in which the caller marks what it has built so far as long-lived by calling the
    function it is given (gc.freeze): the cycle collector no longer scans those objects again and
    again (at 50× the corpus it spent ~10% of a build's time on that). Plain reference counting still
    frees them. Leaving the block lifts the marks, unless an enclosing block's are still in force."""
    global _marked
    outer = _marked

    def mark() -> None:
        global _marked
        gc.freeze()
        _marked = True

    try:
        yield mark
    finally:
        if not outer:
            gc.unfreeze()
            _marked = False


# Whether objects are marked long-lived (a long_lived block's function called, its block not left).
# Kept here rather than read off gc.get_freeze_count(), which counts the marked objects one by one:
# at 10x the corpus, asking it at the end of each block cost a build 0.5 s of CPU.
_marked = False


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """A block whose new objects outlive it (a parsed corpus, an index, a second process's result)
    with the cycle collector off. Otherwise, every few hundred new objects, it walks through those
    the block has made so far, again and again: at 50× the corpus, parsing the policy documents took
    four times as long (10.0 s of CPU instead of 2.5 s) and building the index half as long again.
    Plain reference counting still frees what is dropped.

    Leaving the block, what it made is not walked through once more by the first collection after it
    (0.34 s of a 50× check, after the corpus was parsed; 0.44 s after a 50× build's pages): it is
    marked long-lived when an enclosing block's objects are (long_lived, which lifts the marks at its
    end), else moved to the oldest generation. A cycle left behind (an error's traceback, the macro
    modules pages import) is then collected when the marks are lifted, or with the oldest generation."""
    if not gc.isenabled():  # an enclosing block's
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        marked = _marked  # an enclosing block's objects are marked long-lived
        gc.freeze()  # every tracked object, from the youngest generation to the permanent one
        if not marked:
            gc.unfreeze()  # and from there to the oldest
        gc.enable()


@contextlib.contextmanager
def beside(work: Callable[[], Any]) -> Iterator[Beside]:
    """Start ``work`` in a forked process; yield its handle. Leaving the block stops the process
    if its result was not taken (this process failed first)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    # not a daemon, so that it may have processes of its own (the benchmark runs each scale in one);
    # leaving the block below stops it in any case
    process = context.Process(target=_child, args=(work, send))
    with long_lived() as keep:
        keep()  # the inherited objects stay out of the child's collections: fewer pages copied
        process.start()
    send.close()
    try:
        yield Beside(process, receive)
    finally:
        if process.is_alive():
            process.terminate()
        process.join()
        receive.close()
