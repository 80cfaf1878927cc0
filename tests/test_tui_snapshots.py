"""SVG snapshots of the main screens at 80x24 (pytest-textual-snapshot).

The bundled content and a fixed date are used, so a content change that alters a screen shows up
here: look at the new SVG, then accept it with ``pytest --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.tui_support import HOLDER, answer, build_app, choose, settle, type_answer, walk

SIZE = (80, 24)


@pytest.fixture
def app(content, tmp_path: Path):
    return build_app(content, tmp_path / "session.json")


async def _reach(pilot: Pilot, last: str) -> None:
    """Start and answer the holder's questions up to (not including) ``last``."""
    await settle(pilot)
    await choose(pilot, "start", "actions")
    for qid, raw in HOLDER.items():
        if qid == last:
            return
        await answer(pilot, qid, raw)


def test_welcome(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE)


def test_choice_question(app, snap_compare):
    async def run_before(pilot: Pilot) -> None:
        await _reach(pilot, "ps_card")
        await pilot.press("f1")  # with its help shown

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_choice_question_without_colour(content, tmp_path, monkeypatch, snap_compare):
    # With NO_COLOR the selection must still be readable: "(•)" against "( )".
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(content, tmp_path / "session.json")

    async def run_before(pilot: Pilot) -> None:
        await _reach(pilot, "ps_card")
        await pilot.press("down")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_date_question_with_error(app, snap_compare):
    async def run_before(pilot: Pilot) -> None:
        await _reach(pilot, "document_expiry")
        await type_answer(pilot, "31/02/2027")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_review(app, snap_compare):
    async def run_before(pilot: Pilot) -> None:
        await walk(pilot, HOLDER)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("down", "down")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_plan_top(app, snap_compare):
    async def run_before(pilot: Pilot) -> None:
        await walk(pilot, HOLDER)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_plan_deadlines(app, snap_compare):
    # A deadline already passed is marked in words (DÉPASSÉE), not only in red.
    async def run_before(pilot: Pilot) -> None:
        await walk(pilot, {**HOLDER, "document_expiry": "2026-12-31"})
        await pilot.press("pagedown", "pagedown", "pagedown")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
