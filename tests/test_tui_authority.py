"""The authority look-up screen: a procedure, a place, and who to go to."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll

from tests.tui_support import choose, screen_text, settle

SIZE = (80, 24)


async def test_look_up_names_the_authority_for_a_place(content, today, tmp_path: Path):
    from parcours.screens.app import make_app

    app = make_app(content=content, today=today, session_dir=tmp_path / "sessions")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "authority", "actions")
        procedures = app.screen.query_one("#procedure-choices")
        first = procedures.options[0].id
        await choose(pilot, first, "procedure-choices")
        assert app.screen.focused.id == "place-input"
        await pilot.press(*"zzzz", "enter")
        await settle(pilot)
        assert "Réponse non valable" in str(app.screen.query_one("#authority-error").content)
        app.screen.query_one("#place-input").value = ""
        await pilot.press(*"93", "enter")
        await settle(pilot)
        text = str(app.screen.query_one("#authority-text").content)
        assert "Seine-Saint-Denis" in text
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "WelcomeScreen"


async def test_authority_answer_scrolls_with_page_down_from_the_place_box(
    content, today, tmp_path: Path
):
    from parcours.screens.app import make_app

    app = make_app(content=content, today=today, session_dir=tmp_path / "sessions")
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
