"""F4 switches French/English on any screen, keeping every answer and the current position."""

from __future__ import annotations

from parcours.screens.plan import PlanScreen
from parcours.screens.question import QuestionScreen
from parcours.screens.welcome import WelcomeScreen

from tests.tui_support import (
    HOLDER,
    answer,
    build_app,
    choose,
    screen_text,
    settle,
    settle_on,
    walk,
)

SIZE = (80, 24)


async def test_f4_on_a_question_keeps_the_answers_and_the_question(content, tmp_path):
    app = build_app(content, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "start", "actions")
        await answer(pilot, "situation", "asylum_refused")
        assert isinstance(app.screen, QuestionScreen)
        asked = app.screen.question.id
        await pilot.press("f4")
        await settle(pilot)
        assert app.lang == "en" and isinstance(app.screen, QuestionScreen)
        assert app.screen.question.id == asked
        assert app.answers == {"situation": "asylum_refused"}
        text = screen_text(app)
        assert "Has the National Court of Asylum Law" in text and "F4 Français" in text
        assert app.session is not None
        assert '"lang": "en"' in app.session.path.read_text(encoding="utf-8")
        await pilot.press("f4")
        await settle(pilot)
        assert app.lang == "fr" and "F4 English" in screen_text(app)
        assert app.screen.question.id == asked


async def test_f4_on_the_plan_redraws_it_in_the_other_language(content, tmp_path):
    app = build_app(content, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await walk(pilot, HOLDER)
        assert isinstance(app.screen, PlanScreen) and "PLAN D'ACTION" in screen_text(app)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        text = screen_text(app)
        assert "ACTION PLAN" in text and "PLAN D'ACTION" not in text
        assert len(app.answers) == len(HOLDER)  # nothing dropped


async def test_f4_on_the_welcome_screen_and_back_to_it(content, tmp_path):
    app = build_app(content, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen) and app.lang == "en"
        assert "Start" in screen_text(app) and "q Quit" in screen_text(app)
        await choose(pilot, "start", "actions")
        assert isinstance(app.screen, QuestionScreen)
        assert "Which sentence best describes your situation?" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen) and app.screen.lang_shown == "en"
        assert "q Quit" in screen_text(app)


async def test_a_window_too_small_says_so_and_the_wizard_comes_back(content, tmp_path):
    from parcours.screens.too_small import TooSmallScreen

    app = build_app(content, tmp_path)
    async with app.run_test(size=(30, 10)) as pilot:
        await settle_on(pilot, TooSmallScreen)
        assert isinstance(app.screen, TooSmallScreen)
        assert "Agrandissez la fenêtre" in screen_text(app)
        await pilot.resize_terminal(60, 20)
        await settle_on(pilot, WelcomeScreen)
        assert isinstance(app.screen, WelcomeScreen)
        await choose(pilot, "start", "actions")
        assert isinstance(app.screen, QuestionScreen)
        text = screen_text(app)
        # At 60x20 the step's title wraps instead of being cut, and every choice is reachable.
        assert "Votre\nsituation" in text and "q Quitter" in text
        await pilot.resize_terminal(35, 20)
        await settle_on(pilot, TooSmallScreen)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await settle_on(pilot, QuestionScreen)
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "situation"


async def test_f4_on_the_answers_list_reopens_it_in_the_other_language(content, tmp_path):
    from parcours.screens.review import ReviewScreen

    app = build_app(content, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "start", "actions")
        await answer(pilot, "situation", "asylum_refused")
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and "Situation" in screen_text(app)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.lang == "en"
        assert "F4 Français" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen) and "F4 Français" in screen_text(app)
        assert app.answers == {"situation": "asylum_refused"}


async def test_a_list_taller_than_the_window_says_more_choices_are_below(content, tmp_path):
    app = build_app(content, tmp_path)
    async with app.run_test(size=(60, 16)) as pilot:
        await settle(pilot)
        await choose(pilot, "start", "actions")
        more = app.screen.query_one("#more-below")
        assert more.display and "d'autres choix plus bas" in screen_text(app)
        for _ in range(6):
            await pilot.press("down")
        await settle(pilot)
        assert not more.display  # the last choice is in view
    roomy = build_app(content, tmp_path / "roomy")
    async with roomy.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "start", "actions")
        assert not roomy.screen.query_one("#more-below").display


async def test_f4_on_the_authority_look_up_reopens_it_in_the_other_language(content, tmp_path):
    from parcours.screens.app import make_app

    from tests.conftest import TODAY

    app = make_app(content=content, today=TODAY, session_dir=tmp_path, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "authority", "actions")
        assert type(app.screen).__name__ == "AuthorityScreen"
        assert "F4 English" in screen_text(app)
        await pilot.press("f4")
        await settle(pilot)
        assert type(app.screen).__name__ == "AuthorityScreen" and app.lang == "en"
        assert "F4 Français" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen) and "q Quit" in screen_text(app)
