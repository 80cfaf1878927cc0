"""Every question type's widget, on a small in-memory content (fictional, not legal facts)."""

from __future__ import annotations

from pathlib import Path

from parcours.screens.plan import PlanScreen
from parcours.screens.widgets import ChoiceList
from parcours.wizard.content import Content

from tests.tui_support import (
    build_app,
    choose,
    current_question,
    error_text,
    screen_text,
    settle,
    type_answer,
)

SIZE = (80, 24)


def L(text: str) -> dict[str, str]:  # noqa: N802 - reads like a literal
    return {"fr": text, "en": f"{text} (en)"}


def demo_tables() -> dict[str, list]:
    section = L("Démo")
    questions = [
        {
            "id": "colours",
            "order": 1,
            "type": "multiple_choice",
            "section": section,
            "label": L("Couleurs"),
            "text": L("Quelles couleurs ?"),
            "options": [
                {"id": "red", "label": L("Rouge")},
                {"id": "green", "label": L("Vert")},
                {"id": "blue", "label": L("Bleu")},
            ],
        },
        {
            "id": "count",
            "order": 2,
            "type": "number",
            "integer": True,
            "min": 0,
            "max": 10,
            "section": section,
            "label": L("Nombre"),
            "text": L("Combien ?"),
        },
        {
            "id": "name",
            "order": 3,
            "type": "text",
            "max_length": 5,
            "section": section,
            "label": L("Nom"),
            "text": L("Un mot ?"),
        },
        {
            "id": "size",
            "order": 4,
            "type": "single_choice",
            "optional": True,
            "section": section,
            "label": L("Taille"),
            "text": L("Quelle taille ?"),
            "options": [{"id": "s", "label": L("Petit")}, {"id": "l", "label": L("Grand")}],
        },
    ]
    tables = {
        "sources": [{"id": "demo", "file": "demo.txt", "title": L("Démo"), "status": "current"}],
        "questions": questions,
        "pathways": [
            {
                "id": "demo_path",
                "order": 1,
                "fallback": True,
                "status": "current",
                "source": "demo",
                "title": L("Chemin de démonstration"),
                "summary": L("Résumé."),
            }
        ],
    }
    return tables


def demo_content() -> Content:
    return Content.from_tables(demo_tables())


async def test_multiple_choice_number_text_and_optional_choice(tmp_path: Path):
    app = build_app(demo_content(), tmp_path / "sessions")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "start", "actions")
        assert current_question(app) == "colours"
        choices = app.screen.query_one(ChoiceList)
        # Tick red and blue with Space; ticks are written as [x].
        await pilot.press("space", "down", "down", "space")
        assert choices.checked == {"red", "blue"}
        text = screen_text(app)
        assert "[x] Rouge" in text and "[ ] Vert" in text and "> [x] Bleu" in text
        await pilot.press("enter")
        await settle(pilot)
        assert app.answers["colours"] == ["red", "blue"]

        assert current_question(app) == "count"
        await type_answer(pilot, "2,5")
        assert "entier" in error_text(app)
        await type_answer(pilot, "11")
        assert "hors limites" in error_text(app)
        await type_answer(pilot, "4")
        assert app.answers["count"] == 4

        assert current_question(app) == "name"
        box = app.screen.query_one("#answer-input")
        await pilot.press(*"abcdefgh")
        assert box.value == "abcde"  # the box stops at the question's maximum length
        await pilot.press("enter")
        await settle(pilot)

        assert current_question(app) == "size"
        await choose(pilot, "__unknown__")  # "je ne sais pas"
        assert app.answers["size"] is None
        assert isinstance(app.screen, PlanScreen)

        # Back in review, the multiple choice comes back with its ticks.
        await pilot.press("r")
        await settle(pilot)
        await choose(pilot, "colours", "review-list")
        assert app.screen.query_one(ChoiceList).checked == {"red", "blue"}


def history_tables() -> dict[str, list]:
    """The demo tables plus a one-question archive flow named like the real one."""
    tables = {name: list(rows) for name, rows in demo_tables().items()}
    tables["questions"].append(
        {
            "id": "old_question",
            "order": 900,
            "flow": "history_1997",
            "type": "yes_no",
            "section": L("Archive"),
            "label": L("Ancienne question"),
            "text": L("Question d'archive ?"),
        }
    )
    tables["pathways"].append(
        {
            "id": "old_path",
            "order": 1,
            "flow": "history_1997",
            "fallback": True,
            "status": "archive",
            "source": "demo",
            "title": L("Ancien chemin"),
        }
    )
    tables["notices"] = [{"id": "archive", "text": L("ARCHIVE — plus en vigueur.")}]
    return tables


def with_history() -> Content:
    return Content.from_tables(history_tables())


async def test_historical_texts_only_when_the_content_has_them(tmp_path: Path):
    app = build_app(demo_content(), tmp_path / "sessions")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ids = [o.id for o in app.screen.query_one("#actions", ChoiceList).options]
        assert ids == ["start", "code", "quit"]
    app = build_app(with_history(), tmp_path / "sessions")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "history", "actions")
        assert current_question(app) == "old_question"
        await choose(pilot, "true")
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.plan.archive
        assert "ARCHIVE — plus en vigueur." in screen_text(app)
        assert app.flow == "history_1997"


async def test_authority_hook_adds_the_action_and_opens_its_screen(tmp_path: Path, today):
    from parcours.screens.app import make_app
    from textual.screen import Screen
    from textual.widgets import Static

    class FakeAuthority(Screen):
        def __init__(self, app) -> None:
            super().__init__()
            self.wizard = app

        def compose(self):
            yield Static("authority look-up")

    app = make_app(
        content=demo_content(),
        today=today,
        session_dir=tmp_path / "sessions",
        authority_screen=FakeAuthority,
        cursor_blink=False,
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "authority", "actions")
        assert isinstance(app.screen, FakeAuthority) and app.screen.wizard is app


async def test_long_choice_list_scrolls_instead_of_being_cut(tmp_path: Path):
    options = [{"id": f"o{i}", "label": L(f"Option {i}")} for i in range(30)]
    question = {
        "id": "many",
        "order": 1,
        "type": "single_choice",
        "section": L("Démo"),
        "label": L("Beaucoup"),
        "text": L("Une question avec beaucoup de choix ? " * 3),
        "help": L("Une aide longue. " * 40),
        "options": options,
    }
    tables = demo_tables()
    tables["questions"] = [question]
    app = build_app(Content.from_tables(tables), tmp_path / "sessions")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "start", "actions")
        await pilot.press("f1")  # the long help must not push the list off screen either
        await pilot.press("end")
        await settle(pilot)
        choices = app.screen.query_one(ChoiceList)
        assert choices.current == "o29"
        assert choices.scroll_y > 0  # the list scrolled to its last option...
        assert choices.region.bottom <= SIZE[1] - 1  # ...and stays above the footer
        assert "(•) Option 29" in screen_text(app)


def test_archive_plan_lists_documents_as_history_not_a_checklist(today):
    from parcours.wizard.flow import step
    from parcours.wizard.rich_plan import plan_renderable
    from parcours.wizard.sections import sections
    from rich.console import Console

    tables = history_tables()
    tables["documents"] = [
        {"id": "old_doc", "label": L("Ancien papier"), "source": "demo", "status": "archive"}
    ]
    tables["pathways"][-1] = {**tables["pathways"][-1], "documents": [{"id": "old_doc"}]}
    archive = Content.from_tables(tables).with_flow("history_1997")
    plan = step(archive, {"old_question": True}, today).plan
    console = Console(width=80, no_color=True, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(plan_renderable(sections(plan, "fr")))
    text = console.export_text()
    assert "(ARCHIVE, PLUS EN VIGUEUR)" in text
    assert "-   Ancien papier" in text and "[ ]" not in text
    assert "ARCHIVE — plus en vigueur." in text  # the banner comes first among warnings
