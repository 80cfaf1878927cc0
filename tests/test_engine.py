"""The engine: answers checking, dates, flow (next question, dropped answers) and the plan."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from parcours.wizard.answers import AnswerError, display, parse_answers
from parcours.wizard.content import Content
from parcours.wizard.dates import parse_iso, shift
from parcours.wizard.flow import applicable, next_question, step
from parcours.wizard.geo import Geography

from .conftest import HOLDER_93
from .scenario_support import PlanView, view


def fr(result: Any) -> PlanView:
    """The finished plan of a step, in French words."""
    assert result.plan is not None, f"still asks {result.question.id}"
    return view(result.plan, "fr")


# --- dates -------------------------------------------------------------------------------


def test_shift_months_clamps_to_month_end():
    assert shift(date(2027, 5, 31), {"months": -2}) == date(2027, 3, 31)
    assert shift(date(2027, 5, 31), {"months": -3}) == date(2027, 2, 28)
    assert shift(date(2028, 5, 31), {"months": -3}) == date(2028, 2, 29)
    assert shift(date(2026, 1, 31), {"months": 1}) == date(2026, 2, 28)
    assert shift(date(2026, 11, 2), {"months": 1}) == date(2026, 12, 2)
    assert shift(date(2026, 12, 15), {"months": 1}) == date(2027, 1, 15)
    assert shift(date(2008, 2, 29), {"years": 19}) == date(2027, 2, 28)
    assert shift(date(2026, 1, 1), {"days": -1}) == date(2025, 12, 31)


def test_parse_iso_is_strict():
    assert parse_iso("2026-02-28") == date(2026, 2, 28)
    for bad in ("2026-02-30", "26-02-01", "2026/02/01", "2026-2-1", "", "2026-02-01T00:00"):
        with pytest.raises(ValueError):
            parse_iso(bad)


# --- answers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "question", "fragment"),
    [
        ({"nope": 1}, "nope", "unknown question"),
        ({"situation": "martian"}, "situation", "unknown option"),
        ({"situation": 3}, "situation", "option id"),
        ({"married": "yes"}, "married", "true or false"),
        ({"document_expiry": "2027-02-30"}, "document_expiry", "not a real calendar date"),
        ({"document_expiry": "31/05/2027"}, "document_expiry", "YYYY-MM-DD"),
        ({"document_expiry": "1850-01-01"}, "document_expiry", "out of range"),
        ({"ps_years": 2.5}, "ps_years", "whole number"),
        ({"ps_years": -1}, "ps_years", "out of range"),
        ({"ps_years": True}, "ps_years", "expected a number"),
        ({"residence": "99999"}, "residence", "unknown postal code"),
        ({"residence": "\x1b[2J93"}, "residence", "control characters"),
        ({"residence": ""}, "residence", "empty place"),
        ({"married": None}, "married", "required"),
    ],
)
def test_bad_answers_name_the_question(content, today, answers, question, fragment):
    with pytest.raises(AnswerError) as err:
        parse_answers(content, answers, today)
    assert err.value.question == question
    assert fragment in err.value.text("en")
    assert "\n" not in err.value.text("fr")


def test_answers_must_be_an_object(content, today):
    for raw in ([], "x", 3, None):
        with pytest.raises(AnswerError) as err:
            parse_answers(content, raw, today)
        assert err.value.question is None


def test_optional_date_accepts_null(content, today):
    typed = parse_answers(content, {"document_expiry": None}, today)
    assert typed == {"document_expiry": None}


def test_place_forms(content, today):
    for raw, dep in (("93200", "93"), ("93", "93"), ("2a", "2A"), ("seine st denis", "93")):
        assert parse_answers(content, {"residence": raw}, today)["residence"].departement == dep
    with pytest.raises(AnswerError) as err:
        parse_answers(content, {"residence": "01200"}, today)
    assert "Haute-Savoie (74)" in err.value.text("en")
    # every suggestion can be typed back as it is and names one place
    for suggestion in err.value.suggestions:
        typed = parse_answers(content, {"residence": suggestion}, today)["residence"]
        assert typed.departement in ("01", "74")


# --- flow ----------------------------------------------------------------------------------


def test_first_question_is_the_situation(content, today):
    result = step(content, {}, today)
    assert not result.done
    assert result.question.id == "situation"


FAMILY_NO_CARD = {"situation": "ps_family", "family_has_card": False}


def test_questions_follow_the_branch(content, today):
    assert step(content, {"situation": "ps_holder"}, today).question.id == "ps_card"
    assert step(content, {"situation": "ps_family"}, today).question.id == "family_has_card"
    assert step(content, FAMILY_NO_CARD, today).question.id == "family_link"
    family = {
        **FAMILY_NO_CARD,
        "family_link": "child",
        "reunification": False,
        "birth_date": "2009-06-01",
    }
    # 17 years old: asked whether they want to work (the card is possible from 16 to work)
    assert step(content, {**family, "married": False}, today).question.id == "child_work"
    older = {**family, "birth_date": "2007-06-01", "married": False}
    assert step(content, older, today).question.id == "residence"


def test_changing_an_early_answer_drops_what_no_longer_applies(content, today):
    typed = parse_answers(content, {**HOLDER_93, **FAMILY_NO_CARD}, today)
    kept, dropped = applicable(content, typed, today)
    assert set(dropped) == {"ps_card", "married", "travel"}
    # Where the new branch may still ask them, answers are kept (no re-typing) ...
    assert set(kept) == {"situation", "family_has_card", "residence", "document_expiry"}
    assert next_question(content, kept, today).id == "family_link"
    # ... and dropped once the branch is decided and they no longer apply.
    typed = parse_answers(content, {**HOLDER_93, **FAMILY_NO_CARD, "family_link": "other"}, today)
    kept, dropped = applicable(content, typed, today)
    assert set(kept) == {"situation", "family_has_card", "family_link"}
    result = step(content, {**HOLDER_93, **FAMILY_NO_CARD}, today)
    assert result.question.id == "family_link"
    assert "travel" in result.dropped


# --- plan ----------------------------------------------------------------------------------


def test_window_without_expiry_gives_the_rule_without_dates(content, today):
    plan = fr(step(content, {**HOLDER_93, "document_expiry": None}, today))
    assert [d.date for d in plan.deadlines] == [None, None]
    assert all("mois" in d.rule for d in plan.deadlines)


def test_deadline_urgency_in_words(content, today):
    soon = fr(step(content, {**HOLDER_93, "document_expiry": "2027-02-10"}, today))
    by_id = {d.id: d for d in soon.deadlines}
    assert by_id["request_window_opens"].urgency == "open"  # opened 2026-10-10
    assert by_id["request_window_closes"].urgency == "urgent"  # closes 2026-12-10
    late = fr(step(content, {**HOLDER_93, "document_expiry": "2026-12-01"}, today))
    assert {d.id: d.urgency for d in late.deadlines}["request_window_closes"] == "passed"
    assert any("dépassée" in w for w in late.warnings)


def test_polygamy_declaration_only_when_married_and_country_allows(content, today):
    answers = {**HOLDER_93, "married": True, "polygamy_country": True}
    docs = [d.id for d in fr(step(content, answers, today)).documents]
    assert "no_polygamy" in docs


def test_paris_goes_to_the_prefecture_de_police(content, today):
    plan = fr(step(content, {**HOLDER_93, "residence": "75011"}, today))
    assert plan.authority.name == "Préfecture de police de Paris"


def test_several_pathways_at_once_travel_document(content, today):
    answers = {**HOLDER_93, "travel": True, "travel_minor": False, "travel_renewal": True}
    plan = fr(step(content, answers, today))
    assert [p.id for p in plan.pathways] == ["ps_holder_first_card", "ps_travel_document"]
    assert sorted(c.amount_eur for c in plan.costs) == [40, 50]
    assert "tiv_old_document" in [d.id for d in plan.documents]


def test_nothing_applies_says_so_and_points_to_associations(content, today):
    plan = fr(step(content, {"situation": "other"}, today))
    assert [p.id for p in plan.pathways] == ["no_pathway"]
    assert "Cimade" in plan.authority.name
    assert plan.pathways[0].reasons  # the answers it was based on


def test_plan_in_english(content, today):
    plan = view(step(content, HOLDER_93, today).plan, "en")
    assert plan.pathways[0].title.startswith("Multi-year residence card")
    assert plan.lang == "en"


def test_engine_on_a_small_in_memory_content(today):
    """The engine knows no legal fact: it runs on any content with the same shape."""
    tables = {
        "sources": [{"id": "s", "file": "s.txt", "title": {"fr": "S"}, "status": "current"}],
        "questions": [
            {
                "id": "q",
                "order": 1,
                "type": "yes_no",
                "section": {"fr": "S"},
                "label": {"fr": "Q"},
                "text": {"fr": "Q ?"},
            },
        ],
        "pathways": [
            {
                "id": "p",
                "order": 1,
                "status": "current",
                "source": "s",
                "title": {"fr": "P"},
                "when": {"equals": ["q", True]},
                "costs": [
                    {
                        "id": "c",
                        "label": {"fr": "C"},
                        "amount_eur": 7,
                        "source": "s",
                        "status": "current",
                    }
                ],
            },
            {
                "id": "none",
                "order": 2,
                "fallback": True,
                "status": "current",
                "source": "s",
                "title": {"fr": "Rien"},
            },
        ],
    }
    small = Content.from_tables(tables, Geography())
    assert step(small, {}, today).question.id == "q"
    assert fr(step(small, {"q": True}, today)).costs[0].amount_eur == 7
    assert fr(step(small, {"q": False}, today)).pathways[0].id == "none"


def test_archive_plan_is_not_a_checklist(content, today):
    from parcours.wizard.render import render_text
    from parcours.wizard.sections import sections

    history = content.with_flow("history_1997")
    question = history.questions[0]
    result = step(history, {question.id: [question.options[0].id]}, today)
    assert result.done
    text = render_text(sections(result.plan, "fr")).replace("\u00a0", " ")  # (no-break spaces)
    lines = text.splitlines()
    # The archive banner comes before anything else of the plan, "en bref" included.
    assert lines[lines.index("AVERTISSEMENTS") + 2].startswith("! ARCHIVE")
    assert lines.index("AVERTISSEMENTS") < lines.index("EN BREF")
    # "En bref" of history lists no actions, documents or costs: it says it is history.
    brief = lines[lines.index("EN BREF") + 2]
    assert brief.startswith("- Texte d'archive : rien à faire aujourd'hui")
    assert result.plan.documents
    assert "DOCUMENTS DEMANDÉS À L'ÉPOQUE" in text
    assert "[ ]" not in text


def test_reasons_cite_the_ticked_option_that_matched(content, today):
    answers = {"situation": "asylum_refused", "refusal_grounds": ["humanitarian", "work"]}
    result = step(content, answers, today)
    while not result.done:  # answer the remaining questions with their first choice
        q = result.question
        if q.options:
            answers[q.id] = q.options[0].id
        else:
            answers[q.id] = True if q.type == "yes_no" else None if q.optional else "93"
        result = step(content, answers, today)
    work = next(p for p in fr(result).pathways if p.id == "refusal_work")
    grounds = next(r for r in work.reasons if r.startswith("Motifs"))
    labels = {o.id: o.label["fr"] for o in content.question_by_id["refusal_grounds"].options}
    assert labels["work"] in grounds
    assert labels["humanitarian"] not in grounds


def test_ticked_options_are_kept_apart_by_semicolons(content):
    question = content.question_by_id["refusal_grounds"]
    both = display(question, ("humanitarian", "work"), "fr")
    # Each label has commas of its own; the separator between labels must differ.
    assert " ; " in both and both.count(" ; ") == 1
    assert "; " in display(question, ("humanitarian", "work"), "en")
    assert display(question, (), "fr") == "Aucune case cochée"


def test_steps_shared_by_two_pathways_are_listed_once(content, today):
    # A final asylum refusal with two grounds whose pathways share the guide's filing steps.
    answers = {
        "situation": "asylum_refused",
        "refusal_cnda": "cnda_rejected",
        "refusal_oqtf": "no",
        "refusal_grounds": ["humanitarian", "work"],
        "refusal_residence": "2A",
        "refusal_permit_refused": False,
    }
    while (result := step(content, answers, today)).plan is None:
        q = result.question
        answers[q.id] = False if q.type == "yes_no" else None  # "no" or "don't know"
    plan = fr(result)
    assert len(plan.pathways) >= 2
    first, second = plan.pathways[0].steps, plan.pathways[1].steps
    assert set(first) & set(second), "the two pathways no longer share steps"
    assert len(plan.steps) == len(set(plan.steps)), plan.steps
    assert set(first) | set(second) <= set(plan.steps)
