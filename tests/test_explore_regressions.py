"""Regressions found by driving the wizard in a real 80x24 terminal (exploratory testing)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from parcours.screens.question import QuestionScreen
from parcours.wizard.answers import display
from parcours.wizard.flow import step
from parcours.wizard.rich_plan import deadline_words, plan_renderable
from rich.console import Console
from textual.containers import VerticalScroll
from textual.widgets import Input

from tests.tui_support import (
    TODAY,
    build_app,
    choose,
    current_question,
    error_text,
    screen_text,
    settle,
    type_answer,
)

SIZE = (80, 24)

# Final asylum refusal with two grounds whose pathways share the guide's filing steps.
REFUSED_TWO_GROUNDS = {
    "situation": "asylum_refused",
    "refusal_grounds": ["humanitarian", "work"],
    "refusal_residence": "2A",
    "refusal_permit_refused": False,
}


def plain(plan, width: int = 80) -> str:
    console = Console(width=width, no_color=True, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(plan_renderable(plan))
    return console.export_text()


def answers_until_plan(content, answers: dict) -> dict:
    """``answers`` with any further question the flow asks answered "don't know" or "no"."""
    answers = dict(answers)
    while (result := step(content, answers, TODAY)).plan is None:
        q = result.question
        answers[q.id] = False if q.type == "yes_no" else None
    return answers


def test_steps_shared_by_two_pathways_are_listed_once(content):
    plan = step(content, answers_until_plan(content, REFUSED_TWO_GROUNDS), TODAY).plan
    assert len(plan.pathways) >= 2
    first, second = plan.pathways[0].steps, plan.pathways[1].steps
    assert set(first) & set(second), "the two pathways no longer share steps"
    assert len(plan.steps) == len(set(plan.steps)), plan.steps
    assert set(first) | set(second) <= set(plan.steps)


def test_days_are_counted_in_words_not_as_jour_s(content):
    plan = step(
        content, {"situation": "ps_holder", **_holder_expiring("2026-12-31")}, date(2026, 11, 23)
    ).plan
    text = plain(plan)
    assert "jour(s)" not in text
    assert "depuis 23 jours" in " ".join(text.split())
    # One day is singular.
    one = next(d for d in plan.deadlines if d.kind == "end" and d.date is not None)
    seen = date.fromordinal(one.date.toordinal() + 1)
    again = step(content, {"situation": "ps_holder", **_holder_expiring("2026-12-31")}, seen).plan
    match = next(d for d in again.deadlines if d.id == one.id)
    assert match.days_left == -1
    assert deadline_words(match, "fr").endswith("depuis 1 jour")
    assert deadline_words(match, "en").endswith("1 day ago")


def _holder_expiring(expiry: str) -> dict:
    from tests.examples import HOLDER_93

    return {**HOLDER_93, "document_expiry": expiry}


def test_english_plan_has_no_french_colon_before_the_source(content):
    from tests.examples import HOLDER_93

    text = plain(step(content, HOLDER_93, TODAY, "en").plan)
    assert "(source: 001_ea53023f652ac328.txt" in text
    assert "(source :" not in text


def test_ticked_options_are_kept_apart_by_semicolons(content):
    question = content.question_by_id["refusal_grounds"]
    both = display(question, ("humanitarian", "work"), "fr")
    # Each label has commas of its own; the separator between labels must differ.
    assert " ; " in both and both.count(" ; ") == 1
    assert "; " in display(question, ("humanitarian", "work"), "en")
    assert display(question, (), "fr") == "Aucune case cochée"


async def test_unreadable_date_asks_for_the_french_format(content, tmp_path: Path):
    app = build_app(content, tmp_path / "s.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "start", "actions")
        await choose(pilot, "ps_holder")
        await choose(pilot, "multi_year")
        await type_answer(pilot, "3")
        assert current_question(app) == "card_expiry"
        box = app.screen.query_one("#answer-input", Input)
        # The placeholder fits in the box at 80 columns.
        assert box.placeholder == "JJ/MM/AAAA"
        assert "JJ/MM/AAAA" in screen_text(app)
        await type_answer(pilot, "abc")
        assert current_question(app) == "card_expiry"
        assert "JJ/MM/AAAA" in error_text(app)
        assert "AAAA-MM-JJ" not in error_text(app)
        await type_answer(pilot, "31/02/2027")
        assert "n'existe pas" in error_text(app)


async def test_authority_answer_scrolls_with_page_down_from_the_place_box(content, tmp_path: Path):
    pytest.importorskip("wizard.authorities", reason="the geography feature is not merged yet")
    from parcours.screens.app import make_app

    app = make_app(content=content, today=TODAY, session_path=tmp_path / "s.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "authority", "actions")
        procedures = app.screen.query_one("#procedure-choices")
        await choose(pilot, procedures.options[0].id, "procedure-choices")
        await pilot.press(*"14", "enter")
        await settle(pilot)
        result = app.screen.query_one("#authority-result", VerticalScroll)
        assert result.max_scroll_y > 0, "the answer fits: nothing to test at this size"
        assert app.screen.focused.id == "place-input"
        # The footer says how to read the rest.
        assert "Page suiv." in screen_text(app)
        await pilot.press("pagedown")
        await settle(pilot)
        assert result.scroll_y > 0
        assert app.screen.focused.id == "place-input"
        await pilot.press("pageup")
        await settle(pilot)
        assert result.scroll_y == 0


async def test_commune_question_does_not_suggest_a_whole_departement(content, tmp_path: Path):
    app = build_app(content, tmp_path / "s.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "start", "actions")
        await choose(pilot, "rental")
        assert app.screen.question.precision == "commune"
        await pilot.press("9", "1")
        await settle(pilot)
        offered = [o.id for o in app.screen.query_one("#place-suggestions").options]
        assert offered and "Essonne (91)" not in offered
        # Every suggestion is accepted by the question it is offered for.
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = app.screen
        assert not isinstance(screen, QuestionScreen) or screen.question.id != "rental_place"


async def test_corrupt_session_notice_is_all_french(content, tmp_path: Path):
    session = tmp_path / "parcours" / "session.json"
    session.parent.mkdir(parents=True)
    session.write_text("{not json", encoding="utf-8")
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notices = [n.message for n in app._notifications]
        assert any("mis de côté" in n for n in notices)
        # The store's reason is English ("session file is not valid JSON").
        assert not any("JSON" in n or "session file" in n for n in notices), notices
