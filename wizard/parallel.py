"""Share a pure computation over a list among processes: ``check-data`` on every core.

The plans of the ~1,400 paths ``check-data`` walks are independent of one another: the list is
cut into ``workers`` contiguous parts, the first computed here and each other one in a forked
copy of this process, which sends its result back as JSON on a pipe and leaves without running
anything else (``os._exit``). Results come back in order, so the report is the same as one
process would write. Without ``fork`` (not on Linux or macOS), or with one worker, everything is
computed here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

Result = tuple[list[str], set[str]]


def default_workers() -> int:
    """The processes worth using: the cores this process may run on, at most four."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def in_parallel(work: Callable[[list[T]], Result], items: Sequence[T], workers: int) -> Result:
    """``work`` over ``items`` cut into ``workers`` parts, each part's (problems, ids) joined in
    order. A part whose process fails is one problem line, never a traceback or a hang."""
    items = list(items)
    workers = max(1, min(workers, len(items) // 100 or 1))  # a few paths: not worth a fork
    if workers == 1 or not hasattr(os, "fork"):
        return work(items)
    size = -(-len(items) // workers)
    parts = [items[i : i + size] for i in range(0, len(items), size)]
    children = [_start(work, part) for part in parts[1:]]
    results: list[Result] = []
    try:
        results.append(work(parts[0]))
    finally:  # the other parts are collected even when this one raised: no process left behind
        results += [_collect(pid, read_end) for pid, read_end in children]
    problems, ids = results[0]
    for more, more_ids in results[1:]:
        problems += more
        ids |= more_ids
    return problems, ids


def _start(work: Callable[[list[T]], Result], part: list[T]) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave (no cleanup of the parent's state)
        status = 0
        try:
            os.close(read_end)
            problems, ids = work(part)
            payload = json.dumps({"problems": problems, "ids": sorted(ids)})
        except BaseException as exc:  # noqa: BLE001 - reported by the parent as one line
            payload = json.dumps({"failed": type(exc).__name__})
            status = 1
        try:
            with os.fdopen(write_end, "w", encoding="utf-8") as out:
                out.write(payload)
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, read_end: int) -> Result:
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        text = pipe.read()
    os.waitpid(pid, 0)
    try:
        answer: Any = json.loads(text)
        if "failed" in answer:
            return [f"walk over every path: a worker failed ({answer['failed']})"], set()
        return list(answer["problems"]), set(answer["ids"])
    except (ValueError, KeyError, TypeError):
        return ["walk over every path: a worker stopped before sending its result"], set()
