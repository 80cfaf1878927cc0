"""check-data: passes on the bundled content and names the problem in a corrupted copy."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from parcours.wizard.checks import check, check_tables
from parcours.wizard.content import read_content_tables

DATA = Path(__file__).resolve().parents[1] / "data"


def test_bundled_content_is_sound(today):
    report = check(None, today)
    assert report.problems == []
    assert report.paths > 100
    assert "OK" in report.summary
    assert report.warnings == [], "every fact carries a review date less than a year old"


def test_facts_not_reviewed_for_a_year_are_warned_about_without_failing():
    report = check(None, date(2028, 1, 15))
    assert report.problems == [] and "OK" in report.summary
    assert any(
        w.startswith("pathways 'ps_holder_first_card' cost 'card_stamp_duty': last reviewed")
        and "more than a year ago" in w
        for w in report.warnings
    ), report.warnings[:3]


def test_a_fact_without_review_date_is_warned_about(data_copy, today):
    edit(
        data_copy,
        "protection_subsidiaire.json",
        lambda db: find(db, "documents", "e_photo").pop("last_reviewed"),
    )
    report = check(data_copy, today)
    assert report.problems == []
    assert "documents 'e_photo': no last_reviewed date" in report.warnings


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA / "content", target / "content")
    shutil.copytree(DATA / "geo", target / "geo")
    return target


def edit(data_copy: Path, name: str, change) -> None:
    path = data_copy / "content" / name
    db = json.loads(path.read_text(encoding="utf-8"))
    change(db)
    path.write_text(json.dumps(db, ensure_ascii=False), encoding="utf-8")


def find(db, table, rid):
    return next(r for r in db[table].values() if r["id"] == rid)


CORRUPTIONS = {
    "unknown document": (
        lambda db: find(db, "pathways", "ps_holder_first_card")["documents"].append(
            {"id": "no_such_doc"}
        ),
        "unknown document 'no_such_doc'",
    ),
    "missing french": (
        lambda db: find(db, "documents", "e_photo")["label"].pop("fr"),
        "French text missing",
    ),
    "missing source": (
        lambda db: find(db, "documents", "e_photo").pop("source"),
        "documents 'e_photo': source missing",
    ),
    "cost without source": (
        lambda db: find(db, "pathways", "ps_holder_first_card")["costs"][0].pop("source"),
        "pathways 'ps_holder_first_card': costs[0]: source missing",
    ),
    "bad status": (
        lambda db: find(db, "pathways", "ps_travel_document").update(status="maybe"),
        "status must be",
    ),
    "condition on unknown question": (
        lambda db: find(db, "pathways", "ps_travel_document").update(
            when={"equals": ["ghost", True]}
        ),
        "unknown question 'ghost'",
    ),
    "unknown option in condition": (
        lambda db: find(db, "pathways", "ps_travel_document").update(
            when={"equals": ["ps_card", "gold"]}
        ),
        "has no option 'gold'",
    ),
    "cycle (condition looks forward)": (
        lambda db: find(db, "questions", "ps_card").update(when={"equals": ["travel", True]}),
        "conditions may only look back",
    ),
    "unreachable pathway": (
        lambda db: find(db, "pathways", "ps_travel_document").update(
            when={"all": [{"equals": ["travel", True]}, {"equals": ["travel", False]}]}
        ),
        "'ps_travel_document': never applies",
    ),
    "unreachable question": (
        lambda db: find(db, "questions", "travel_renewal").update(
            when={"all": [{"equals": ["travel", True]}, {"equals": ["travel", False]}]}
        ),
        "'travel_renewal': never asked",
    ),
    "bad review date": (
        lambda db: find(db, "documents", "e_photo").update(last_reviewed="23/11/2026"),
        "last_reviewed must be a date YYYY-MM-DD",
    ),
    "unknown cited source": (
        lambda db: find(db, "documents", "e_photo").update(sources=[{"id": "nowhere"}]),
        "unknown source 'nowhere'",
    ),
    "valid_until before valid_from": (
        lambda db: find(db, "documents", "e_photo").update(
            valid_from="2026-01-01", valid_until="2025-01-01"
        ),
        "valid_until is before valid_from",
    ),
    "yes/no compared with a string": (
        lambda db: find(db, "questions", "travel_renewal").update(
            when={"equals": ["travel", "maybe"]}
        ),
        "compare with true or false",
    ),
}


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
def test_corrupted_copy_names_the_problem(data_copy, name, today):
    change, expected = CORRUPTIONS[name]
    edit(data_copy, "protection_subsidiaire.json", change)
    report = check(data_copy, today)
    assert report.problems, name
    assert any(expected in p for p in report.problems), report.problems


def test_unreadable_file_is_reported(data_copy, today):
    (data_copy / "content" / "protection_subsidiaire.json").write_text("{not json")
    report = check(data_copy, today)
    assert report.problems and "unreadable" in report.problems[0]


def test_dead_end_without_fallback(data_copy, today):
    edit(data_copy, "core.json", lambda db: find(db, "pathways", "no_pathway").pop("fallback"))
    report = check(data_copy, today)
    assert any("no fallback pathway" in p for p in report.problems)


def test_static_checks_catch_duplicates():
    tables = read_content_tables()
    tables["documents"].append(dict(tables["documents"][0]))
    assert any("duplicate id" in p for p in check_tables(tables))


SHAPES = {
    "order as text": (
        lambda db: find(db, "questions", "ps_card").update(order="10"),
        "protection_subsidiaire.json, questions 'ps_card': order must be a whole number",
    ),
    "step as a string": (
        lambda db: find(db, "pathways", "ps_travel_document")["steps"].append("go"),
        "pathways 'ps_travel_document': steps[",
    ),
    "amount as text": (
        lambda db: find(db, "pathways", "ps_holder_first_card")["costs"][0].update(amount_eur="25"),
        "costs[0]: amount_eur must be a non-negative number",
    ),
    "options not a list": (
        lambda db: find(db, "questions", "ps_card").update(options="abc"),
        "questions 'ps_card': options must be a list",
    ),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_loading_is_validation_a_malformed_record_is_named(data_copy, name, today):
    from parcours.wizard.content import load_content
    from parcours.wizard.errors import ContentError

    change, expected = SHAPES[name]
    edit(data_copy, "protection_subsidiaire.json", change)
    with pytest.raises(ContentError) as info:
        load_content(data_copy)
    assert expected in str(info.value)
    report = check(data_copy, today)  # check-data names it too, among every other problem
    assert any(expected in p for p in report.problems), report.problems


def test_check_data_on_two_processes_reports_what_one_does(data_copy):
    """The plans of the paths are shared among processes (wizard/parallel.py): the report is the
    same, problems in the same order, whether one process builds them all or two share them."""
    today = date(2026, 11, 23)
    one, two = check(None, today, workers=1), check(None, today, workers=2)
    assert one.paths == two.paths > 1000 and one.problems == two.problems == []
    assert one.summary == two.summary and one.warnings == two.warnings
    # A pathway that can never apply: found only by walking, whichever process walked where.
    never = {"all": [{"equals": ["married", True]}, {"not": {"equals": ["married", True]}}]}

    def unreachable(db):
        find(db, "pathways", "ps_holder_first_card")["when"] = never

    for name in sorted(p.name for p in (data_copy / "content").glob("*.json")):
        db = json.loads((data_copy / "content" / name).read_text(encoding="utf-8"))
        if any(r.get("id") == "ps_holder_first_card" for r in db.get("pathways", {}).values()):
            edit(data_copy, name, unreachable)
    broken_one, broken_two = check(data_copy, today, workers=1), check(data_copy, today, workers=2)
    assert "pathways 'ps_holder_first_card': never applies on any path" in broken_one.problems
    assert broken_one.problems == broken_two.problems


def test_a_worker_that_fails_is_one_problem_line():
    from parcours.wizard.parallel import in_parallel

    def work(part):
        if part[0] >= 100:  # the second part, in the forked process
            raise RuntimeError("boom")
        return [f"item {i}" for i in part if i % 50 == 0], {str(part[0])}

    problems, ids = in_parallel(work, list(range(200)), 2)
    assert problems == ["item 0", "item 50", "walk over every path: a worker failed (RuntimeError)"]
    assert ids == {"0"}
    assert in_parallel(lambda part: ([], {str(len(part))}), list(range(200)), 2)[1] == {"100"}

    def first_part_fails(part):
        if part[0] == 0:  # here, in this process
            raise RuntimeError("boom")
        return [], set()

    with pytest.raises(RuntimeError):
        in_parallel(first_part_fails, list(range(200)), 2)
    with pytest.raises(ChildProcessError):  # the other part's process was waited for
        os.waitpid(-1, os.WNOHANG)
    assert in_parallel(lambda part: ([], {str(len(part))}), list(range(150)), 4)[1] == {"150"}
