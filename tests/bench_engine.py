"""Engine scaling on synthetic content: the path walk and the plan grow linearly.

Run: ``python tests/bench_engine.py``. Prints, for each size, the fastest of 9 runs and the ratio to
the previous size (about 2 when the size doubles and the work is linear; about 4 if quadratic).
Not a test: figures depend on the machine, ratios much less.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parcours.wizard.content import Content  # noqa: E402
from parcours.wizard.flow import step  # noqa: E402
from parcours.wizard.plan import build_plan  # noqa: E402
from parcours.wizard.sections import sections  # noqa: E402
from parcours.wizard.walk import walk  # noqa: E402

TODAY = date(2026, 11, 23)
L = {"fr": "texte", "en": "text"}
SOURCE = [{"id": "s", "file": "s.txt", "title": L, "status": "current"}]
NOTICES = [{"id": n, "text": L} for n in ("archive", "dates_indicative", "deadline_passed")]


def chain(n: int) -> Content:
    """``n`` questions, each asked once the one before it is answered: one path of length n."""
    questions = [
        {
            "id": f"q{i}",
            "order": i,
            "type": "text",
            "section": L,
            "label": L,
            "text": L,
            **({"when": {"answered": f"q{i - 1}"}} if i else {}),
        }
        for i in range(n)
    ]
    pathway = {"id": "p", "status": "current", "source": "s", "title": L, "fallback": True}
    return Content.from_tables(
        {"questions": questions, "pathways": [pathway], "sources": SOURCE, "notices": NOTICES}
    )


def wide_plan(items: int) -> tuple[Content, dict[str, Any]]:
    """One pathway holding ``items`` documents, steps and notes (every one distinct)."""
    question = {"id": "q", "order": 0, "type": "yes_no", "section": L, "label": L, "text": L}
    documents = [
        {"id": f"d{i}", "label": {"fr": f"doc {i}"}, "source": "s", "status": "current"}
        for i in range(items)
    ]
    pathway = {
        "id": "p",
        "status": "current",
        "source": "s",
        "title": L,
        "when": {"equals": ["q", True]},
        "documents": [{"id": f"d{i}"} for i in range(items)],
        "steps": [{"text": {"fr": f"étape {i}"}, "source": "s"} for i in range(items)],
        "notes": [{"text": {"fr": f"note {i}"}, "source": "s"} for i in range(items)],
    }
    fallback = {"id": "none", "status": "current", "source": "s", "title": L, "fallback": True}
    tables = {
        "questions": [question],
        "pathways": [pathway, fallback],
        "documents": documents,
        "sources": SOURCE,
        "notices": NOTICES,
    }
    return Content.from_tables(tables), {"q": True}


def fastest_ms(fn: Any, runs: int = 9) -> float:
    """The fastest of ``runs`` calls: a few milliseconds of work is otherwise at the mercy of
    whatever else the machine does in that instant (the median of 5 once read x3.5 for x2)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def growth(sizes: list[int], fn: Any) -> list[tuple[int, float]]:
    """(size, fastest ms) for each size."""
    return [(n, fastest_ms(lambda n=n: fn(n))) for n in sizes]


def collect() -> dict[str, list[tuple[int, float]]]:
    """Each workload's fastest time at three sizes, each double the previous."""
    chains = {n: chain(n) for n in (200, 400, 800)}
    answered = {n: {f"q{i}": "x" for i in range(n)} for n in chains}
    plans = {n: wide_plan(n) for n in (1000, 2000, 4000)}
    return {
        "walk of one path through n chained questions": growth(
            list(chains), lambda n: list(walk(chains[n], TODAY))
        ),
        "step with n answers given": growth(
            list(chains), lambda n: step(chains[n], answered[n], TODAY)
        ),
        "plan with n documents, n steps and n notes (built, then put into words)": growth(
            list(plans), lambda n: sections(build_plan(plans[n][0], plans[n][1], TODAY), "fr")
        ),
    }


def main() -> None:
    for title, rows in collect().items():
        print(title)
        previous = None
        for n, ms in rows:
            ratio = f"  x{ms / previous:.2f}" if previous else ""
            print(f"  {n:>5}: {ms:8.1f} ms{ratio}")
            previous = ms


if __name__ == "__main__":
    main()
