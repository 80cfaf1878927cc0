"""The 1997 regularisation circular (seed 003): archive only, in its own flow, never in main."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from parcours.wizard.answers import AnswerError
from parcours.wizard.flow import step
from parcours.wizard.plan import build_plan
from parcours.wizard.walk import walk

from .scenario_support import all_text, ids, plan_for

FLOW = "history_1997"
SEED = "003_d1148fb8e6faed3c.txt"


def archive_banner(content) -> str:
    return content.notices["archive"].text["fr"]


def categories(content) -> list[str]:
    question = next(q for q in content.with_flow(FLOW).questions if q.id == "h97_category")
    return [o.id for o in question.options]


def test_there_are_thirteen_categories(content):
    assert len(categories(content)) == 13


def test_each_category_is_an_archive_plan_with_the_banner_first(content, today):
    for option in categories(content):
        plan = plan_for(content, {"h97_category": [option]}, today, flow=FLOW)
        assert plan.warnings[0] == archive_banner(content)
        assert plan.archive
        assert len(plan.pathways) == 2  # the practical advice and the category itself
        assert all(p.status == "archive" for p in plan.pathways)
        assert all(p.title.startswith("[ARCHIVE 1997]") for p in plan.pathways)
        assert all(p.source.file == SEED for p in plan.pathways)
        # Every category points to today's pathway, or says there is none in this guide.
        assert any(n.text.startswith("Aujourd'hui") for n in plan.notes), option


def test_ill_foreigner_category_documents_and_pointer(content, today):
    plan = plan_for(content, {"h97_category": ["c11_ill"]}, today, flow=FLOW)
    assert ids(plan) == ["h97_practical_advice", "h97_ill"]
    assert [d.status for d in plan.documents] == ["archive"]
    assert "certificat médical récent" in plan.documents[0].label.lower()
    text = all_text(plan)
    assert "motifs humanitaires" in text  # the current pathway (seed 000)
    assert "1er novembre 1997" in text
    assert "deux mois" in text  # the 1997 appeal rule, shown as history


def test_lost_conditions_are_said_not_guessed(content, today):
    plan = plan_for(content, {"h97_category": ["c01_spouse_french"]}, today, flow=FLOW)
    assert any("conditions de cette catégorie a été perdue" in n.text for n in plan.notes)


def test_several_categories_at_once(content, today):
    options = categories(content)
    plan = plan_for(content, {"h97_category": options}, today, flow=FLOW)
    assert len(plan.pathways) == 14


def test_no_category_falls_back_inside_the_history_flow(content, today):
    plan = plan_for(content, {"h97_category": []}, today, flow=FLOW)
    assert ids(plan) == ["h97_none"]
    assert plan.warnings[0] == archive_banner(content)


def test_main_flow_never_reaches_the_1997_circular(content, today):
    main = content.with_flow("main")
    assert not [q for q in main.questions if q.id.startswith("h97")]
    assert not [p for p in main.pathways if p.status == "archive"]
    with pytest.raises(AnswerError):
        step(main, {"h97_category": ["c11_ill"]}, today)
    banner = archive_banner(content)
    walked = 0
    for path in walk(main, today):
        plan = build_plan(main, path.answers, today)
        assert banner not in [w["fr"] for w in plan.warnings]
        assert not plan.archive
        walked += 1
    assert walked > 100


def test_history_flow_through_the_cli_carries_the_banner(content):
    answers = json.dumps({"h97_category": ["c13_refugee_no_status"]})
    done = subprocess.run(
        [sys.executable, "-m", "parcours", "plan", "--answers", "-", "--format", "json"]
        + ["--flow", FLOW, "--today", "2026-11-23"],
        input=answers,
        capture_output=True,
        text=True,
        check=True,
    )
    plan = json.loads(done.stdout)
    assert plan["warnings"][0] == archive_banner(content)
    assert [p["id"] for p in plan["pathways"]] == ["h97_practical_advice", "h97_refugee_no_status"]
    assert {p["status"] for p in plan["pathways"]} == {"archive"}
