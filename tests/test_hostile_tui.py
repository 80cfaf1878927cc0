"""What a person types in the wizard is text, never markup, never an action, never a crash.

Every input widget of the app (the question box for each typed question type, the authority
look-up's place box) receives markup and action payloads; the app must not crash, must run no
action, and must show the text as it was typed. Then: saved sessions holding what the engine
refuses, save failures reported in the person's language each time they start again.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from parcours.screens.app import ParcoursApp, make_app
from parcours.screens.authority import AuthorityScreen
from parcours.screens.plan import PlanScreen
from parcours.screens.question import QuestionScreen
from parcours.wizard.content import Content, read_content_tables
from parcours.wizard.session import SessionData, Sessions
from textual import events
from textual.widgets import Input, Static

from tests.conftest import TODAY
from tests.tui_support import HOLDER, choose, current_question, screen_text, settle

SIZE = (80, 24)
PAYLOADS = (
    "[/]",
    "[@click=app.notify('X')]YYYY[/]",
    "[@click=app.suspend_process]Z[/]",
    "[b]gras[/b] [link=https://example.org]lien[/link]",
)
# One question of each type that is answered in a text box, and the answers before it.
TEXT_BOXES = {
    "place": ("residence", {"situation": "ps_holder", "ps_card": "none_yet", "married": False}),
    "date": ("card_expiry", {"situation": "ps_holder", "ps_card": "multi_year", "ps_years": 4}),
    "number": ("ps_years", {"situation": "ps_holder", "ps_card": "multi_year"}),
    "text": ("free_note", {"situation": "other"}),
    "datetime": (
        "border_refusal_time",
        {"situation": "asylum_apply", "asylum_entry": "border", "border_refused": True},
    ),
}


@pytest.fixture(scope="module")
def content_with_text() -> Content:
    """The bundled content plus one free-text question (the bundled flows have none)."""
    tables = read_content_tables()
    tables["questions"] = [
        *tables["questions"],
        {
            "id": "free_note",
            "order": 20,
            "type": "text",
            "section": {"fr": "Note", "en": "Note"},
            "label": {"fr": "Note", "en": "Note"},
            "text": {"fr": "Une note ?", "en": "A note?"},
            "when": {"equals": ["situation", "other"]},
            "max_length": 200,
        },
    ]
    return Content.from_tables(tables)


class Spy:
    """Records any action a payload would smuggle in (a notice "X", suspending the process)."""

    def __init__(self, app: ParcoursApp) -> None:
        self.suspended = 0
        self.app = app

        def suspend() -> None:
            self.suspended += 1

        app.action_suspend_process = suspend  # type: ignore[method-assign]

    def notices(self) -> list[str]:
        return [str(n.message) for n in self.app._notifications]

    def assert_no_action(self) -> None:
        assert self.suspended == 0
        assert "X" not in self.notices()


def build(content: Content, sessions: Path, **kw: Any) -> ParcoursApp:
    kw.setdefault("authority_screen", True)
    return make_app(content=content, today=TODAY, session_dir=sessions, cursor_blink=False, **kw)


def save_session(folder: Path, answers: dict[str, Any]) -> None:
    """A session saved by an earlier wizard (offered as the last session on this machine)."""
    earlier = Sessions(folder).create()
    earlier.save(SessionData("main", "fr", answers))
    earlier.close()


async def open_question(pilot: Any, qid: str, answers: dict[str, Any]) -> QuestionScreen:
    app = pilot.app
    app.answers = dict(answers)
    app.edit(qid)
    await settle(pilot)
    assert current_question(app) == qid
    return app.screen


async def type_text(pilot: Any, box: Input, text: str, keys: bool = False) -> None:
    """Type ``text`` in ``box``: key by key (``keys``), or as the box inserts each printable key
    (``Input.insert_text_at_cursor``), in one go: a key press costs a few frames."""
    box.value = ""
    box.focus()
    if keys:
        await pilot.press(*text)
    else:
        box.insert_text_at_cursor(text)
    await settle(pilot)


async def click_across(pilot: Any, selector: str, payload: str) -> None:
    """Click where a link made from the payload's markup would be: on its first letters."""
    if "@click" not in payload:
        return
    widget = pilot.app.screen.query_one(selector)
    text = str(widget.content)
    start = text.find(payload) + len(payload.split("]", 1)[0]) + 1
    for x in range(start - 2, start + 3):
        await pilot.click(selector, offset=(x % widget.size.width, x // widget.size.width))


@pytest.mark.parametrize("kind", sorted(TEXT_BOXES))
async def test_markup_typed_in_a_question_box_is_shown_as_typed(
    kind: str, content_with_text: Content, tmp_path: Path
) -> None:
    qid, before = TEXT_BOXES[kind]
    app = build(content_with_text, tmp_path / "sessions")
    async with app.run_test(size=SIZE) as pilot:
        spy = Spy(app)
        for payload in PAYLOADS:
            screen = await open_question(pilot, qid, before)
            box = screen.query_one("#answer-input", Input)
            await type_text(pilot, box, payload, keys=len(payload) < 4)
            assert box.value == payload
            await pilot.press("enter")
            await settle(pilot)
            if kind == "place":
                # Refused, and quoted literally in the error line.
                error = str(app.screen.query_one("#question-error", Static).content)
                assert payload in error
                assert payload in " ".join(screen_text(app).split())
                await click_across(pilot, "#question-error", payload)
            elif kind == "text":
                # Accepted as text: the plan shows it literally.
                assert isinstance(app.screen, PlanScreen)
                assert app.answers["free_note"] == payload
            spy.assert_no_action()
        assert app.return_code in (None, 0)


async def test_markup_typed_in_the_authority_look_up_is_shown_as_typed(
    content: Content, tmp_path: Path
) -> None:
    app = build(content, tmp_path / "sessions")
    async with app.run_test(size=SIZE) as pilot:
        spy = Spy(app)
        await settle(pilot)
        await choose(pilot, "authority", "actions")
        assert isinstance(app.screen, AuthorityScreen)
        await pilot.press("enter")  # the first procedure; the place box takes the focus
        box = app.screen.query_one("#place-input", Input)
        for payload in PAYLOADS:
            await type_text(pilot, box, payload, keys=len(payload) < 4)
            await pilot.press("enter")
            await settle(pilot)
            error = str(app.screen.query_one("#authority-error", Static).content)
            assert payload in error
            await click_across(pilot, "#authority-error", payload)
            spy.assert_no_action()
        # Control characters pasted in are shown as escapes, never sent to the terminal.
        box.value = ""
        box.post_message(events.Paste("\x1b]0;pwned\x07\u202e93"))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        error = str(app.screen.query_one("#authority-error", Static).content)
        assert "\x1b" not in error and "\u202e" not in error
        assert "\\x1b" in error
    assert app.return_code in (None, 0)


def markup_statics(app: ParcoursApp) -> list[str]:
    """Widgets of ours on screen that would read their text as markup (plain Statics)."""
    from parcours.screens.widgets import Plain

    return [
        f"{type(app.screen).__name__}#{w.id}"
        for w in app.screen.query(Static)
        if type(w).__module__.startswith("parcours.") or type(w) is Static
        if not isinstance(w, Plain)
    ]


async def test_markup_typed_as_a_resume_code_is_refused_as_text(
    content: Content, tmp_path: Path
) -> None:
    app = build(content, tmp_path / "sessions", kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        spy = Spy(app)
        await settle(pilot)
        await choose(pilot, "code", "actions")
        assert type(app.screen).__name__ == "ResumeScreen"
        assert markup_statics(app) == []
        for payload in PAYLOADS:
            box = app.screen.query_one("#code-input", Input)
            box.value = ""
            await type_text(pilot, box, payload, keys=len(payload) < 4)
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "ResumeScreen"  # nothing opened
            assert str(app.screen.query_one("#code-error", Static).content)
            spy.assert_no_action()
    assert app.return_code in (None, 0)


async def test_no_screen_reads_its_text_as_markup(content: Content, tmp_path: Path) -> None:
    app = build(content, tmp_path / "sessions")
    seen = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen.append(type(app.screen).__name__)
        assert markup_statics(app) == []
        await choose(pilot, "authority", "actions")
        seen.append(type(app.screen).__name__)
        assert markup_statics(app) == []
        await pilot.press("escape")
        await settle(pilot)
        await choose(pilot, "start", "actions")
        for qid, raw in HOLDER.items():
            assert current_question(app) == qid
            seen.append(type(app.screen).__name__)
            assert markup_statics(app) == []
            if app.screen.query("#answer-input"):
                box = app.screen.query_one("#answer-input", Input)
                await type_text(pilot, box, str(raw))
                await pilot.press("enter")
                await settle(pilot)
            else:
                await choose(pilot, {True: "true", False: "false"}.get(raw, raw))
        assert isinstance(app.screen, PlanScreen)
        assert markup_statics(app) == []
        await pilot.press("r")
        await settle(pilot)
        seen.append(type(app.screen).__name__)
        assert markup_statics(app) == []
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        seen.append(type(app.screen).__name__)
        assert markup_statics(app) == []
    assert {"WelcomeScreen", "AuthorityScreen", "QuestionScreen", "ReviewScreen"} <= set(seen)
    assert "ConfirmScreen" in seen


# -- saved sessions and save failures -----------------------------------------------------


@pytest.mark.parametrize(
    "stale",
    ["q" * 41, "a stale id", " situation", "x\ty", "\x1b[2J" * 15],
)
async def test_a_stale_answer_of_any_shape_is_dropped_alone(
    stale: str, content: Content, tmp_path: Path
) -> None:
    session = tmp_path / "sessions"
    kept = {"situation": "ps_holder", "ps_card": "none_yet"}
    save_session(session, {**kept, stale: 1})
    app = build(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "resume_last", "actions")
        assert app.answers == kept
        assert current_question(app) == "married"
        notices = [str(n.message) for n in app._notifications]
        assert any("n'est plus valable" in n for n in notices)
        assert not any("\x1b" in n for n in notices)


async def test_a_saved_huge_number_does_not_crash_resume(content: Content, tmp_path: Path):
    session = tmp_path / "sessions"
    answers = {"situation": "ps_holder", "ps_card": "multi_year", "ps_years": 10**400}
    save_session(session, answers)
    app = build(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "resume_last", "actions")
        assert current_question(app) == "ps_years"
        assert "ps_years" not in app.answers
        # Typed in the box, it is refused in words.
        box = app.screen.query_one("#answer-input", Input)
        await type_text(pilot, box, "1" + "0" * 400)
        await pilot.press("enter")
        await settle(pilot)
        assert current_question(app) == "ps_years"
        assert str(app.screen.query_one("#question-error", Static).content)
    assert app.return_code in (None, 0)


async def test_save_failures_are_reported_in_french_each_time_they_start(
    content: Content, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocker"  # a file where the sessions folder should be
    app = build(content, blocker)

    def save_notices() -> list[str]:
        return [str(n.message) for n in app._notifications if "enregistrées" in str(n.message)]

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        blocker.write_text("x")
        await choose(pilot, "start", "actions")
        await choose(pilot, "ps_holder")  # fails: told once
        await choose(pilot, "none_yet")  # fails again: not repeated
        assert len(save_notices()) == 1
        assert "cannot" not in save_notices()[0] and "File exists" not in save_notices()[0]
        blocker.unlink()
        await choose(pilot, "false")  # saved
        saved = list(blocker.glob("*.json"))
        assert len(saved) == 1
        for left in blocker.iterdir():
            left.unlink()
        blocker.rmdir()
        blocker.write_text("x")
        box = app.screen.query_one("#answer-input", Input)
        await type_text(pilot, box, "93200")
        await pilot.press("enter")
        await settle(pilot)  # fails after a success: told again
        assert len(save_notices()) == 2


# -- random text into every input widget ----------------------------------------------------

ALPHABET = (
    "abcXYZ0189 éàç«»-_/.,;:!?'\"()[]{}<>@=$%&*+\\|#~^`"  # printable, markup's own characters
)
MARKUP = ("[", "]", "[/]", "[@click=app.quit]", "[b]", "[link=x]", "\\[", "[on red]", "$")
CONTROL = "\x00\x07\x08\x1b\x7f\x85\x9b\u202e\u2066\u200b\ufeff\r\t"


def random_texts(seed: int, n: int) -> list[tuple[str, str]]:
    """(typed, pasted) pairs: printable and markup to type, the same with controls to paste."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [
            rng.choice(MARKUP) if rng.random() < 0.3 else rng.choice(ALPHABET)
            for _ in range(rng.randint(0, 12))
        ]
        typed = "".join(parts)
        pasted = "".join(c + (rng.choice(CONTROL) if rng.random() < 0.3 else "") for c in typed)
        out.append((typed, pasted + rng.choice(CONTROL)))
    return out


SEED = 1010


@pytest.mark.parametrize("kind", sorted(TEXT_BOXES))
async def test_random_text_in_every_question_box_never_crashes(
    kind: str, content_with_text: Content, tmp_path: Path
) -> None:
    qid, before = TEXT_BOXES[kind]
    app = build(content_with_text, tmp_path / "sessions")
    async with app.run_test(size=SIZE) as pilot:
        spy = Spy(app)
        for typed, pasted in random_texts(SEED + len(kind), 4):
            screen = await open_question(pilot, qid, before)
            box = screen.query_one("#answer-input", Input)
            await type_text(pilot, box, typed)
            await pilot.press("enter")
            await settle(pilot)
            screen = await open_question(pilot, qid, before)
            box = screen.query_one("#answer-input", Input)
            box.value = ""
            box.post_message(events.Paste(pasted))
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            for error in app.screen.query(".error"):
                text = str(error.content)  # type: ignore[attr-defined]
                assert not any(c in text for c in "\x1b\x9b\u202e\x00"), text
            spy.assert_no_action()
    assert app.return_code in (None, 0)


async def test_random_text_in_the_authority_box_never_crashes(content: Content, tmp_path: Path):
    app = build(content, tmp_path / "sessions")
    async with app.run_test(size=SIZE) as pilot:
        spy = Spy(app)
        await settle(pilot)
        await choose(pilot, "authority", "actions")
        await pilot.press("enter")
        box = app.screen.query_one("#place-input", Input)
        for typed, pasted in random_texts(SEED, 10):
            await type_text(pilot, box, typed)
            await pilot.press("enter")
            box.value = ""
            box.post_message(events.Paste(pasted))
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            error = str(app.screen.query_one("#authority-error", Static).content)
            assert not any(c in error for c in "\x1b\x9b\u202e\x00"), error
            spy.assert_no_action()
    assert app.return_code in (None, 0)


def test_a_fifo_as_session_file_is_reported_not_waited_on(tmp_path: Path) -> None:
    import os
    import threading

    sessions = Sessions(tmp_path)
    fifo = tmp_path / ("0" * 32 + ".json")
    os.mkfifo(fifo)
    found: list[Any] = []
    reader = threading.Thread(target=lambda: found.append(sessions.read(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "loading the session waits on a FIFO"
    assert found[0].data is None
    assert "not a regular file" in found[0].problem["en"]
    assert "fichier ordinaire" in found[0].problem["fr"]


async def test_an_internal_error_ends_in_one_line_not_a_traceback(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: Any
) -> None:
    def broken(self: ParcoursApp, flow: str = "main") -> None:
        raise RuntimeError("a bug, with the person's answers in its local variables")

    monkeypatch.setattr(ParcoursApp, "start", broken)
    app = build(content, tmp_path / "sessions")
    with pytest.raises(RuntimeError):  # the test harness still sees the exception itself
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await choose(pilot, "start", "actions")
    assert app.return_code == 1
    printed = capfd.readouterr()
    assert "Traceback" not in printed.err + printed.out
    assert "local variables" not in printed.err + printed.out
    line = app.crash_line
    assert line is not None and "\n" not in line and "erreur interne (RuntimeError)" in line
