"""Helpers for driving the Textual wizard with the Pilot, keyboard only (not a test module)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from parcours.screens.app import ParcoursApp, make_app
from parcours.screens.question import QuestionScreen
from parcours.screens.widgets import ChoiceList
from parcours.wizard.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.conftest import TODAY  # build_app is no test: it cannot take the `today` fixture
from tests.examples import HOLDER_93 as HOLDER  # noqa: F401 - re-exported for the TUI tests


def build_app(
    content: Content, sessions: Path, lang: str = "fr", kiosk: bool = False, **options: Any
) -> ParcoursApp:
    """The app on the given content, a fixed date, a temporary sessions folder, no blink."""
    return make_app(
        content=content,
        today=TODAY,
        session_dir=sessions,
        lang=lang,
        authority_screen=None,
        cursor_blink=False,
        kiosk=kiosk,
        **options,
    )


async def settle(pilot: Pilot) -> None:
    # Screen switches complete over a few frames in Textual 8.
    await pilot.pause()
    await pilot.pause()


async def settle_on(pilot: Pilot, screen_type: type, tries: int = 40) -> None:
    """Pause until ``screen_type`` is the current screen (a resize pushes or pops a screen over
    a few frames; on a loaded machine two pauses are not always enough)."""
    for _ in range(tries):
        await pilot.pause()
        if isinstance(pilot.app.screen, screen_type):
            await pilot.pause()
            return


async def choose(pilot: Pilot, option_id: str, list_id: str | None = None) -> None:
    """Move the cursor with the arrow keys to ``option_id``, then press Enter."""
    screen = pilot.app.screen
    choices = screen.query_one(f"#{list_id}" if list_id else ChoiceList, ChoiceList)
    ids = [o.id for o in choices.options]
    assert option_id in ids, f"{option_id} not offered: {ids}"
    target = ids.index(option_id)
    while choices.highlighted != target:
        # Nothing is highlighted on a fresh question: Down reaches the first choice.
        going_down = choices.highlighted is None or choices.highlighted < target
        await pilot.press("down" if going_down else "up")
    await pilot.press("enter")
    await settle(pilot)


async def type_answer(pilot: Pilot, text: str) -> None:
    """Clear the input box, type ``text`` and press Enter."""
    box = pilot.app.screen.query_one("#answer-input", Input)
    box.value = ""
    if text:
        await pilot.press(*text)
    await pilot.press("enter")
    await settle(pilot)


def current_question(app: ParcoursApp) -> str:
    screen = app.screen
    assert isinstance(screen, QuestionScreen), f"not a question: {type(screen).__name__}"
    return screen.question.id


async def answer(pilot: Pilot, question_id: str, raw: Any) -> None:
    """Answer the question on screen (which must be ``question_id``) with a raw value."""
    assert current_question(pilot.app) == question_id
    question = pilot.app.screen.question
    if question.type == "yes_no":
        await choose(pilot, "true" if raw else "false")
    elif question.type == "single_choice":
        await choose(pilot, "__unknown__" if raw is None else raw)
    elif question.type == "date" and raw is not None:
        await type_answer(pilot, raw)
    else:
        await type_answer(pilot, "" if raw is None else str(raw))


async def walk(pilot: Pilot, answers: dict[str, Any]) -> None:
    """From the welcome screen, start and answer every question the wizard asks."""
    await settle(pilot)
    await choose(pilot, "start", "actions")
    while isinstance(pilot.app.screen, QuestionScreen):
        qid = current_question(pilot.app)
        assert qid in answers, f"unexpected question {qid}"
        await answer(pilot, qid, answers[qid])


def error_text(app: ParcoursApp) -> str:
    return str(app.screen.query_one("#question-error", Static).content)


def screen_text(app: ParcoursApp) -> str:
    """The text on screen, from the SVG screenshot (styled runs joined, spaces restored)."""
    svg = app.export_screenshot()
    runs = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(runs)).replace("\u00a0", " ")


async def reach_residence(pilot: Pilot) -> None:
    """From the welcome screen to the holder's place question (``residence``)."""
    await choose(pilot, "start", "actions")
    for qid in ("situation", "ps_card", "married"):
        await answer(pilot, qid, HOLDER[qid])


async def places_loaded(pilot: Pilot) -> None:
    """Wait (up to 10 s) until the place question has loaded its tables in the background."""
    for _ in range(200):
        if getattr(pilot.app.screen, "places_ready", False):
            break
        await pilot.pause(0.05)
    assert pilot.app.screen.places_ready, "the place tables never finished loading"
