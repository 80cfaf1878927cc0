"""sections(plan, lang): one order and one set of words, which every renderer only formats."""

from __future__ import annotations

import json

from parcours.wizard.flow import step
from parcours.wizard.render import plan_json, render_text
from parcours.wizard.rich_plan import plan_renderable
from parcours.wizard.sections import sections
from rich.console import Console

from .conftest import HOLDER_93

# A plan with every kind of section: warnings, steps, documents, deadlines, costs, notes...
TRAVEL = {**HOLDER_93, "travel": True, "travel_minor": False, "travel_renewal": True}


def rich_text(plan, width: int = 100) -> str:
    console = Console(width=width, no_color=True, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(plan_renderable(plan))
    return console.export_text()


def positions(text: str, titles: list[str]) -> list[int]:
    """Where each heading stands on a line of its own ("en bref" also names some headings)."""
    lines = [line.strip() for line in text.splitlines()]
    return [lines.index(title) for title in titles]


def test_every_renderer_shows_the_sections_in_their_order(content, today):
    neutral = step(content, TRAVEL, today).plan
    for lang in ("fr", "en"):
        plan = sections(neutral, lang)
        titles = [s.title for s in plan.sections]
        assert len(titles) >= 8, titles
        for text in (render_text(plan), rich_text(plan)):
            found = positions(text, titles)
            assert found == sorted(found), (lang, titles)
        data = plan_json(plan)
        assert [s["title"] for s in data["sections"]] == titles
        json.dumps(data)


def test_the_plan_value_is_language_neutral_and_both_languages_come_from_it(content, today):
    neutral = step(content, TRAVEL, today).plan
    fr, en = sections(neutral, "fr"), sections(neutral, "en")
    assert [s.id for s in fr.sections] == [s.id for s in en.sections]
    assert fr.title == "PLAN D'ACTION" and en.title == "ACTION PLAN"
    fr_costs = fr.section("costs").items
    en_costs = en.section("costs").items
    assert [c.amount_eur for c in fr_costs] == [c.amount_eur for c in en_costs] == [50, 40]
    assert fr_costs[0].label != en_costs[0].label


def test_json_keeps_the_protocol_keys_from_the_same_items(content, today):
    plan = sections(step(content, TRAVEL, today).plan, "fr")
    data = plan_json(plan)
    documents = plan.section("documents").items
    assert [d["id"] for d in data["documents"]] == [d.id for d in documents]
    assert data["authority"]["name"] == plan.authority.name
    deadlines = plan.section("deadlines").items
    assert [d["date"] for d in data["deadlines"]] == [
        d.date.isoformat() if d.date else None for d in deadlines
    ]
