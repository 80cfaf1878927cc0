"""The Textual wizard driven with the Pilot at 80x24, keyboard only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from parcours.screens.confirm import ConfirmScreen, QuitScreen
from parcours.screens.plan import PlanScreen
from parcours.screens.question import QuestionScreen
from parcours.screens.resume import ResumeScreen
from parcours.screens.review import ReviewScreen
from parcours.screens.welcome import WelcomeScreen
from parcours.screens.widgets import ChoiceList
from parcours.wizard.session import SessionData, Sessions
from textual.widgets import Input, Static

from tests.tui_support import (
    HOLDER,
    answer,
    build_app,
    choose,
    current_question,
    error_text,
    places_loaded,
    reach_residence,
    screen_text,
    settle,
    type_answer,
    walk,
)

SIZE = (80, 24)


@pytest.fixture
def session(tmp_path: Path) -> Path:
    """The sessions folder (one file per session)."""
    return tmp_path / "data" / "sessions"


def files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.exists() else []


def saved(folder: Path) -> dict:
    """The one session saved in ``folder``."""
    (path,) = files(folder)
    return json.loads(path.read_text(encoding="utf-8"))


def save_session(folder: Path, answers: dict) -> str:
    """A session saved by an earlier wizard; its resume code."""
    earlier = Sessions(folder).create()
    earlier.save(SessionData("main", "fr", answers))
    earlier.close()
    return earlier.code


def action_ids(app) -> list:
    return [o.id for o in app.screen.query_one("#actions", ChoiceList).options]


def plan_text(app) -> str:
    """The plan screen's text, as rendered (Rich renderable -> plain lines)."""
    from rich.console import Console

    assert isinstance(app.screen, PlanScreen)
    console = Console(width=78, no_color=True, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(app.screen.query_one("#plan-body", Static).content)
    return console.export_text().replace("\u00a0", " ")  # no-break spaces read as spaces


async def test_holder_walks_from_welcome_to_plan(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await walk(pilot, HOLDER)
        assert isinstance(app.screen, PlanScreen)
        plan = app.screen.plan
        assert [p.id for p in plan.pathways] == ["ps_holder_first_card"]
        assert "Seine-Saint-Denis" in plan.authority.name["fr"]
        text = plan_text(app)
        assert "[ ] Décision de l'Ofpra ou de la CNDA" in text
        assert "50 €" in text
    # Every answer was saved as the raw protocol value, the same JSON `parcours step` reads.
    assert saved(session)["answers"] == HOLDER


async def test_escape_goes_back_one_question_then_to_welcome(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "start", "actions")
        await answer(pilot, "situation", "ps_holder")
        await answer(pilot, "ps_card", "none_yet")
        assert current_question(app) == "married"
        await pilot.press("escape")
        await settle(pilot)
        assert current_question(app) == "ps_card"
        # The earlier answer is preselected, and the selection is written, not only coloured.
        choices = app.screen.query_one(ChoiceList)
        assert choices.current == "none_yet"
        assert "(•) Pas encore de carte" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert current_question(app) == "situation"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        # Going back changed nothing: both answers are still there.
        assert app.answers == {"situation": "ps_holder", "ps_card": "none_yet"}


async def test_review_change_drops_later_answers_and_plan_changes(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await walk(pilot, HOLDER)
        first = app.screen.plan
        # Change where the person lives: a new préfecture in the plan.
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await choose(pilot, "residence", "review-list")
        assert current_question(app) == "residence"
        assert app.screen.query_one("#answer-input").value == "93200"
        await type_answer(pilot, "75011")
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.plan.authority.name["fr"] == "Préfecture de police de Paris"
        assert app.screen.plan != first

        # Change the card answer: answers that no longer apply are dropped and the wizard
        # continues at the first unanswered question.
        await pilot.press("r")
        await settle(pilot)
        await choose(pilot, "ps_card", "review-list")
        await answer(pilot, "ps_card", "multi_year")
        assert current_question(app) == "ps_years"
        assert "married" not in app.answers and "document_expiry" not in app.answers
        assert saved(session)["answers"] == {
            "situation": "ps_holder",
            "ps_card": "multi_year",
            "residence": "75011",
            "travel": False,
        }


async def test_invalid_date_is_explained_and_never_advances(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "start", "actions")
        for qid in ("situation", "ps_card", "married", "residence"):
            await answer(pilot, qid, HOLDER[qid])
        assert current_question(app) == "document_expiry"
        await type_answer(pilot, "31/02/2027")
        assert current_question(app) == "document_expiry"
        assert "n'existe pas" in error_text(app)
        await type_answer(pilot, "2099-01-01")
        assert current_question(app) == "document_expiry"
        assert "hors limites" in error_text(app)
        assert "document_expiry" not in app.answers
        # Day-first dates, as written in France, are accepted.
        await type_answer(pilot, "31/05/2027")
        assert current_question(app) == "travel"
        assert app.answers["document_expiry"] == "2027-05-31"


async def test_optional_date_left_empty_means_unknown(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await walk(pilot, {**HOLDER, "document_expiry": None})
        assert isinstance(app.screen, PlanScreen)
        assert app.answers["document_expiry"] is None
        assert any(d.date is None for d in app.screen.plan.deadlines)


async def test_unknown_place_shows_an_error_and_stays(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await reach_residence(pilot)
        await type_answer(pilot, "00000")
        assert current_question(app) == "residence"
        assert error_text(app).startswith("Réponse non valable")
        await type_answer(pilot, "")
        assert current_question(app) == "residence"
        assert "nécessaire" in error_text(app)


async def test_help_is_shown_on_demand(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "start", "actions")
        help_box = app.screen.query_one("#question-help")
        assert not help_box.display
        await pilot.press("question_mark")
        assert help_box.display
        await pilot.press("f1")
        assert not help_box.display


async def test_quit_asks_first_and_ctrl_c_quits_at_once(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "start", "actions")
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("enter")  # "no" is highlighted first
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app._exit  # the app is closing
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert app._exit


async def test_resume_the_last_session_says_when_and_how_many(content, session):
    save_session(session, {"situation": "ps_holder", "ps_card": "none_yet"})
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        ids = action_ids(app)
        assert ids[0] == "start"  # a stray Enter never opens saved answers
        assert "resume_last" in ids
        assert "réponses : 2" in screen_text(app) and "enregistrée le" in screen_text(app)
        await choose(pilot, "resume_last", "actions")
        assert current_question(app) == "married"
        # The session gets a new code, shown while answering; the old one is not kept.
        assert app.resume_code and app.resume_code in screen_text(app)


async def test_kiosk_never_offers_the_last_session(content, session):
    save_session(session, {"situation": "asylum"})
    app = build_app(content, session, kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "resume_last" not in action_ids(app) and "continue" not in action_ids(app)
        assert "asile" not in screen_text(app).lower().split("commencer")[-1]
        await choose(pilot, "start", "actions")
        assert current_question(app) == "situation"
        await pilot.press("r")  # the review shows nothing of the earlier person
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert "Aucune réponse" in screen_text(app)


async def test_resume_with_the_code_in_kiosk_mode(content, session):
    code = save_session(session, {"situation": "ps_holder", "ps_card": "none_yet"})
    app = build_app(content, session, kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "code", "actions")
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press(*"nuage nuage 00", "enter")  # wrong (or at worst someone else's)
        await settle(pilot)
        if app.resume_code is None:
            assert "Code inconnu" in screen_text(app)
            box = app.screen.query_one("#code-input", Input)
            box.value = ""
            spoken = code.replace("-", " ").upper()  # typed as read aloud
            await pilot.press(*spoken, "enter")
            await settle(pilot)
        assert current_question(app) == "married"
        assert app.answers == {"situation": "ps_holder", "ps_card": "none_yet"}
        assert app.resume_code == code and code in screen_text(app)


async def test_a_session_open_in_one_wizard_is_not_opened_by_another(content, session):
    first = build_app(content, session)
    async with first.run_test(size=SIZE) as pilot:
        await choose(pilot, "start", "actions")
        await answer(pilot, "situation", "ps_holder")
        code = first.resume_code
        assert code
        other = Sessions(session)
        assert other.latest() is None  # locked: not offered as "the last session"
        refused = other.open_with_code(code)
        assert getattr(refused, "reason", None) == "in_use"


async def test_saved_answer_no_longer_valid_is_dropped(content, session):
    save_session(session, {"situation": "ps_holder", "ps_card": "no_such_card"})
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "resume_last", "actions")
        assert current_question(app) == "ps_card"
        assert app.answers == {"situation": "ps_holder"}


async def test_corrupt_session_is_moved_aside_and_reported(content, session):
    code = save_session(session, {"situation": "ps_holder"})
    (path,) = files(session)
    path.write_text("{not json", encoding="utf-8")
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "resume_last" not in action_ids(app)
        notices = [n.message for n in app._notifications]
        assert any("mis de côté" in n for n in notices)
        # The store's reason is English ("session file is not valid JSON"): not shown in French.
        assert not any("JSON" in n or "session file" in n for n in notices), notices
        await choose(pilot, "code", "actions")
        await pilot.press(*code, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen) and app.resume_code is None
    aside = list(session.glob("*.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{not json"
    assert not path.exists()


async def test_new_person_wipes_the_session_after_confirmation(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await walk(pilot, HOLDER)
        assert len(files(session)) == 1
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no: keep
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen) and len(files(session)) == 1
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert files(session) == [] and app.answers == {}
        assert "resume_last" not in action_ids(app) and "continue" not in action_ids(app)
    assert list(session.iterdir()) == []  # no lock file either


async def test_quit_and_forget_me_erases_the_session(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "start", "actions")
        await answer(pilot, "situation", "ps_holder")
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, QuitScreen)
        assert app.resume_code in screen_text(app)  # the code to note before leaving
        await choose(pilot, "forget", "confirm-choices")
        assert app._exit
    assert files(session) == []


async def test_kiosk_idle_timeout_clears_the_screen_and_keeps_the_session(content, session):
    app = build_app(content, session, kiosk=True, idle_seconds=2.0)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "start", "actions")
        await answer(pilot, "situation", "ps_holder")
        code = app.resume_code
        assert current_question(app) == "ps_card"
        await pilot.pause(3.0)
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert app.answers == {} and app.resume_code is None
        assert "continue" not in action_ids(app) and "ps_holder" not in screen_text(app)
        # The person who walked away can still come back with the code.
        await choose(pilot, "code", "actions")
        await pilot.press(*code, "enter")
        await settle(pilot)
        assert current_question(app) == "ps_card"
        # ...and the timeout works again for the next idle spell.
        await pilot.pause(3.0)
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen) and app.answers == {}


async def test_plan_scrolls_with_the_keyboard(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await walk(pilot, HOLDER)
        scroll = app.screen.query_one("#plan-scroll")
        assert scroll.max_scroll_y > 0  # the plan is longer than the screen...
        await pilot.press("pagedown")
        await settle(pilot)
        assert scroll.scroll_y > 0  # ...and Page Down reaches the rest
        await pilot.press("end")
        await settle(pilot)
        assert scroll.scroll_y == scroll.max_scroll_y


async def test_english_interface(content, session):
    app = build_app(content, session, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert "Works offline and sends nothing anywhere." in screen_text(app)
        await choose(pilot, "start", "actions")
        shot = screen_text(app)
        assert "Back" in shot and "Retour" not in shot
        assert "Up/down arrows to choose" in shot


async def test_no_command_palette_and_no_browser(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.use_command_palette
        opened = []
        import webbrowser

        real = webbrowser.open
        webbrowser.open = lambda *a, **k: opened.append(a)  # type: ignore[assignment]
        try:
            app.open_url("https://example.org")
        finally:
            webbrowser.open = real
        assert opened == []


async def test_start_over_asks_before_erasing_wherever_it_starts(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "start", "actions")
        await answer(pilot, "situation", "ps_holder")
        await pilot.press("escape", "escape")  # back to the welcome screen
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert action_ids(app)[:2] == ["start", "continue"]
        await choose(pilot, "start", "actions")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen) and len(files(session)) == 1
        await choose(pilot, "continue", "actions")
        assert current_question(app) == "ps_card"
        await pilot.press("escape", "escape")
        await settle(pilot)
        await choose(pilot, "start", "actions")
        await pilot.press("y")
        await settle(pilot)
        assert current_question(app) == "situation"
        assert app.answers == {} and files(session) == []


async def test_a_saved_session_is_not_erased_by_starting_another(content, session):
    save_session(session, {"situation": "ps_family"})
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "start", "actions")  # no question: nothing of this person to erase
        assert current_question(app) == "situation"
    assert len(files(session)) == 1


async def test_place_input_suggests_as_the_person_types(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await reach_residence(pilot)
        assert current_question(app) == "residence"
        await places_loaded(pilot)
        await pilot.press(*"athis m")
        await settle(pilot)
        box = app.screen.query_one("#place-suggestions", ChoiceList)
        offered = [o.id for o in box.options]
        assert "Athis-Mons (91)" in offered
        # Down moves into the suggestions; Enter picks one and answers with it.
        await pilot.press("down")
        await choose(pilot, "Athis-Mons (91)", "place-suggestions")
        assert current_question(app) == "document_expiry"
    assert saved(session)["answers"]["residence"] == "Athis-Mons (91)"


async def test_place_suggestions_disappear_when_nothing_matches(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await reach_residence(pilot)
        await places_loaded(pilot)
        box = app.screen.query_one("#place-suggestions", ChoiceList)
        await pilot.press("9")
        await settle(pilot)
        assert not box.display, "nothing is suggested below two characters"
        await pilot.press(*"30")
        await settle(pilot)
        assert box.display and box.option_count
        await pilot.press(*"zzzz")
        await settle(pilot)
        assert not box.display
        # The list is the same widget throughout: updated in place, never re-mounted.
        assert app.screen.query_one("#place-suggestions") is box


async def test_unreadable_date_asks_for_the_french_format(content, session):
    app = build_app(content, session)
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


async def test_commune_question_suggests_communes_only(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "start", "actions")
        await choose(pilot, "rental")
        assert app.screen.question.precision == "commune"
        await places_loaded(pilot)
        await pilot.press("9", "1")
        await settle(pilot)
        offered = [o.id for o in app.screen.query_one("#place-suggestions").options]
        assert offered and "Essonne (91)" not in offered
        # Every suggestion is accepted by the question it is offered for.
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = app.screen
        assert not isinstance(screen, QuestionScreen) or screen.question.id != "rental_place"


async def test_the_engine_runs_once_per_answer(content, session, monkeypatch):
    import parcours.screens.app as app_module

    calls: list[dict] = []
    real_step = app_module.step

    def counting_step(flow_content, answers, today):
        calls.append(dict(answers))
        return real_step(flow_content, answers, today)

    monkeypatch.setattr(app_module, "step", counting_step)
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "start", "actions")
        assert len(calls) == 1  # the first question
        for qid in ("situation", "ps_card", "married"):
            calls.clear()
            await answer(pilot, qid, HOLDER[qid])
            assert len(calls) == 1, f"{qid}: the engine ran {len(calls)} times"


async def test_enter_on_a_fresh_yes_no_question_does_not_answer_it(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "start", "actions")
        await answer(pilot, "situation", "ps_holder")
        await answer(pilot, "ps_card", "none_yet")
        assert current_question(app) == "married"
        choices = app.screen.query_one("#answer-choices", ChoiceList)
        assert choices.highlighted is None and "(•)" not in screen_text(app)
        for _ in range(3):
            await pilot.press("enter")
            await settle(pilot)
        assert current_question(app) == "married"
        assert "married" not in app.answers and "married" not in saved(session)["answers"]
        assert "Choisissez une réponse" in error_text(app)
        await pilot.press("down")  # the first choice, "Oui", now highlighted: the message goes
        await settle(pilot)
        assert error_text(app) == ""
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.answers["married"] is False
