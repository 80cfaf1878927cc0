"""Deadline arithmetic (months, years, days, working days, hours), the rule reader, the
date-and-time question type, the words of a deadline, and the plans through the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parcours.wizard.calendar_fr import holiday
from parcours.wizard.deadlines import add_hours, count
from parcours.wizard.errors import AnswerError, ContentError
from parcours.wizard.model import DeadlineRule, read_record
from parcours.wizard.qtypes import TYPES
from parcours.wizard.sections import deadline_words, moved_words

from .scenario_support import deadline, plan_for

ROOT = Path(__file__).resolve().parent.parent
IN_FRANCE = {"situation": "asylum_apply", "asylum_entry": "in_france"}
REFUSED = {**IN_FRANCE, "asylum_stage": "ofpra_refused"}
BORDER = {"situation": "asylum_apply", "asylum_entry": "border", "border_refused": True}


def rule(**spec: Any) -> DeadlineRule:
    """A deadline rule read from content JSON, as the content loader reads it."""
    kind = spec.pop("kind", "end")
    raw = {
        "id": "d",
        "label": {"fr": "Délai"},
        "rule": {"fr": "Règle"},
        "source": "seed-002",
        "status": "current",
        "kind": kind,
        "date": {"from": "q", **spec},
    }
    return read_record("pathways", _pathway_with(raw)).deadlines[0]


def _pathway_with(deadline_raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "p",
        "status": "current",
        "source": "seed-002",
        "title": {"fr": "Démarche"},
        "deadlines": [deadline_raw],
    }


D = date.fromisoformat
MOVES = {"length": 1, "unit": "months", "extends_to_working_day": True}  # a month, then art. 642
BEFORE_3 = {"length": 3, "unit": "months", "direction": "before"}

# (anchor, spec, département, expected end, the unmoved end or None) — each checked by hand.
CASES = [
    # Months: the same day number, or the month's last day (CPC art. 641).
    ("2026-01-31", {"length": 1, "unit": "months"}, None, "2026-02-28", None),
    ("2028-01-31", {"length": 1, "unit": "months"}, None, "2028-02-29", None),  # leap year
    ("2026-03-31", {"length": 1, "unit": "months"}, None, "2026-04-30", None),
    ("2026-12-15", {"length": 1, "unit": "months"}, None, "2027-01-15", None),
    ("2027-05-31", BEFORE_3, None, "2027-02-28", None),
    ("2028-05-31", BEFORE_3, None, "2028-02-29", None),
    ("2008-02-29", {"length": 19, "unit": "years"}, None, "2027-02-28", None),
    ("2024-02-29", {"length": 4, "unit": "years"}, None, "2028-02-29", None),
    # Days: the starting day does not count.
    ("2026-11-10", {"length": 21, "unit": "days"}, None, "2026-12-01", None),
    ("2026-12-20", {"length": 21, "unit": "days"}, None, "2027-01-10", None),
    # Moved to the next working day (art. 642): weekends...
    ("2026-04-03", MOVES, None,
     "2026-05-04", "2026-05-03"),  # Sunday
    ("2026-01-31", MOVES, None,
     "2026-03-02", "2026-02-28"),  # Saturday
    ("2026-11-13", MOVES, None,
     "2026-12-14", "2026-12-13"),  # Sunday
    # ... and public holidays, Easter-based ones included.
    ("2026-04-14", MOVES, None,
     "2026-05-15", "2026-05-14"),  # Ascension
    ("2026-04-25", MOVES, None,
     "2026-05-26", "2026-05-25"),  # Whit Monday
    ("2027-02-28", MOVES, None,
     "2027-03-30", "2027-03-28"),  # Easter Sunday 2027, then Easter Monday: Tuesday 30
    ("2025-10-01", MOVES, None,
     "2025-11-03", "2025-11-01"),  # All Saints' Day on a Saturday
    ("2025-06-14", MOVES, None,
     "2025-07-15", "2025-07-14"),  # Bastille Day, a Monday
    # Alsace-Moselle: 26 December (Saturday in 2026: then Sunday; Monday 28).
    ("2026-11-26", MOVES, "57",
     "2026-12-28", "2026-12-26"),
    ("2025-11-26", MOVES, "67",
     "2025-12-29", "2025-12-26"),  # Friday 26 December 2025 in Bas-Rhin
    ("2025-11-26", MOVES, "75", "2025-12-26", None),
    ("2026-03-03", MOVES, "68",
     "2026-04-07", "2026-04-03"),  # Good Friday, weekend, Easter Monday
    # An overseas département: Guyane's 10 June.
    ("2026-05-10", MOVES, "973",
     "2026-06-11", "2026-06-10"),
    ("2026-05-10", MOVES, None, "2026-06-10", None),
    # Working days (jours ouvrés): 1 May is a holiday.
    ("2026-04-30", {"length": 3, "unit": "working_days"}, None, "2026-05-06", None),
    ("2026-05-07", {"length": 3, "unit": "working_days"}, None, "2026-05-13", None),  # 8 May
]  # fmt: skip


@pytest.mark.parametrize(("anchor", "spec", "dep", "end", "unmoved"), CASES)
def test_hand_checked_ends(anchor, spec, dep, end, unmoved):
    result = count(rule(**spec), D(anchor), dep)
    assert result.date == D(end)
    assert result.moved_from == (D(unmoved) if unmoved else None)


@pytest.mark.parametrize(
    ("start", "hours", "end"),
    [
        ("2026-04-18T22:30", 48, "2026-04-20T22:30"),  # across midnight and a weekend
        ("2026-12-31T23:59", 48, "2027-01-02T23:59"),  # across the new year
        ("2026-05-13T20:00", 96, "2026-05-17T20:00"),  # across Ascension: never moved
        ("2026-11-22T21:15", 72, "2026-11-25T21:15"),
        # Summer time starts on 29 March 2026 (02:00 -> 03:00): 48 elapsed hours end at 23:00
        # on the clock, but the earlier reading (22:00) is given.
        ("2026-03-28T22:00", 48, "2026-03-30T22:00"),
        # Winter time on 25 October 2026 (03:00 -> 02:00): 48 elapsed hours end at 21:00.
        ("2026-10-24T22:00", 48, "2026-10-26T21:00"),
    ],
)
def test_hour_limits(start, hours, end):
    r = rule(length=hours, unit="hours")
    result = count(r, datetime.fromisoformat(start), None)
    assert result.time == datetime.fromisoformat(end)
    assert result.date == datetime.fromisoformat(end).date() and result.moved_from is None


def test_overseas_hour_limits_keep_the_wall_clock():
    start = datetime(2026, 10, 24, 22, 0)
    assert add_hours(start, 48, "971") == datetime(2026, 10, 26, 22, 0)


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 1, 1)),
    st.integers(min_value=0, max_value=24),
    st.sampled_from(["days", "months", "years", "working_days"]),
    st.sampled_from([None, "75", "57", "67", "971", "974"]),
)
def test_a_moved_end_is_never_a_day_off_nor_earlier(anchor, n, unit, dep):
    moved = count(rule(length=n, unit=unit, extends_to_working_day=True), anchor, dep)
    plain = count(rule(length=n, unit=unit), anchor, dep)
    assert moved.date >= plain.date
    assert moved.date.weekday() < 5 and holiday(moved.date, dep) is None
    if moved.moved_from is not None:
        assert moved.moved_from == plain.date and moved.date > plain.date


# --- the rule reader ---------------------------------------------------------------------


def test_old_offsets_still_read():
    r = rule(offset={"months": -4})
    assert (r.length, r.unit, r.direction, r.extends_to_working_day) == (
        4,
        "months",
        "before",
        False,
    )
    assert r.offset == {"months": -4}
    r = rule(offset={"years": 1, "months": 2})
    assert (r.length, r.unit) == (14, "months")
    r = rule()  # no offset: the date itself
    assert (r.length, r.unit, r.offset) == (0, "days", {})


@pytest.mark.parametrize(
    "spec",
    [
        {"offset": {"months": 1, "days": 2}},
        {"offset": {"weeks": 1}},
        {"offset": {"months": 1}, "length": 1},
        {"length": 1, "unit": "fortnights"},
        {"length": -1, "unit": "days"},
        {"length": 1, "unit": "days", "direction": "sideways"},
        {"length": 48, "unit": "hours", "extends_to_working_day": True},
        {"length": 1, "unit": "days", "extends_to_working_day": "yes"},
        {"length": 1, "unit": "days", "counting": [{"articles": "x"}]},
    ],
)
def test_malformed_rules_are_refused(spec):
    with pytest.raises(ContentError):
        rule(**spec)


def test_a_start_never_moves():
    with pytest.raises(ContentError):
        rule(length=1, unit="months", extends_to_working_day=True, kind="start")


def test_check_data_wants_a_time_for_hour_limits(content):
    from parcours.wizard.checks import check_tables
    from parcours.wizard.content import read_content_tables

    tables = read_content_tables()
    for raw in tables["pathways"]:
        for d in raw.get("deadlines", []):
            if d["id"] == "cnda_appeal":
                d["date"] = {"from": "ofpra_decision_date", "length": 48, "unit": "hours"}
    problems = check_tables(tables)
    assert any("hour limit needs a date-and-time question" in p for p in problems), problems


# --- the date-and-time question type -----------------------------------------------------


def test_datetime_answers(content):
    q = content.question_by_id["border_refusal_time"]
    kind = TYPES["datetime"]
    assert q.kind is kind and kind.has_time and kind.anchors
    value = kind.coerce(q, "2026-11-22T21:15", content.geo, date(2026, 11, 23))
    assert value == datetime(2026, 11, 22, 21, 15)
    assert kind.display(q, value, "fr") == "22/11/2026 21:15"
    assert kind.to_raw(q, value) == "2026-11-22T21:15"
    assert kind.from_text(q, "22/11/2026 21:15") == "2026-11-22T21:15"
    assert kind.from_text(q, "22/11/2026 à 9h05") == "2026-11-22T09:05"
    assert kind.to_text(q, "2026-11-22T21:15", "fr") == "22/11/2026 21:15"
    for bad in ("2026-11-22", "2026-11-22T25:00", "2026-02-30T10:00", "demain", 12, None, True):
        with pytest.raises(AnswerError):
            kind.coerce(q, bad, content.geo, date(2026, 11, 23))
    with pytest.raises(AnswerError):  # after today
        kind.coerce(q, "2026-11-24T10:00", content.geo, date(2026, 11, 23))


# --- the words of a deadline -------------------------------------------------------------


def test_acceptance_cnda_moved_from_a_sunday(content):
    plan = plan_for(content, {**REFUSED, "ofpra_decision_date": "2026-04-03"}, date(2026, 4, 20))
    cnda = deadline(plan, "cnda_appeal")
    assert cnda.when.startswith("lundi 4 mai 2026 — URGENT, dans 14 jours")
    assert cnda.moved == "reporté au lundi 4 mai : le 3 mai est un dimanche"
    assert cnda.symbol == "! " and cnda.state == "URGENT" and cnda.weekday == "lundi"
    assert "CPC art. 642" in cnda.counting_refs
    en = plan_for(
        content, {**REFUSED, "ofpra_decision_date": "2026-04-03"}, date(2026, 4, 20), lang="en"
    )
    assert deadline(en, "cnda_appeal").moved == "moved to Monday 4 May: 3 May is a Sunday"


def test_acceptance_cnda_not_on_ascension_day(content):
    plan = plan_for(content, {**REFUSED, "ofpra_decision_date": "2026-04-14"}, date(2026, 4, 20))
    cnda = deadline(plan, "cnda_appeal")
    assert cnda.date == date(2026, 5, 15) and cnda.weekday == "vendredi"
    assert cnda.moved == "reporté au vendredi 15 mai : le 14 mai est un jour férié (Ascension)"


def test_passed_deadline_says_since_when_and_what_can_be_done(content):
    plan = plan_for(content, {**REFUSED, "ofpra_decision_date": "2026-04-03"}, date(2026, 5, 26))
    cnda = deadline(plan, "cnda_appeal")
    assert cnda.when == "lundi 4 mai 2026 — délai dépassé depuis 22 jours"
    assert cnda.symbol == "!!" and cnda.state == "DÉPASSÉ"
    assert "-22" not in cnda.when
    assert "association ou un avocat" in cnda.if_passed
    # Still upcoming: nothing said about "once passed".
    early = plan_for(content, {**REFUSED, "ofpra_decision_date": "2026-04-03"}, date(2026, 4, 4))
    assert deadline(early, "cnda_appeal").if_passed is None


def test_acceptance_border_refusal_48_hours_as_date_and_time(content):
    answers = {**BORDER, "border_refusal_time": "2026-04-18T22:30"}
    plan = plan_for(content, answers, date(2026, 4, 19))
    appeal = deadline(plan, "border_refusal_appeal")
    assert appeal.when == "lundi 20 avril 2026 à 22:30 — URGENT, dans 1 jour"
    assert appeal.time == "22:30" and appeal.unit == "hours" and appeal.moved is None
    assert "nuit, le week-end et les jours fériés" in appeal.counting
    today = plan_for(content, answers, date(2026, 4, 20))
    assert deadline(today, "border_refusal_appeal").when.endswith(
        "URGENT, aujourd'hui, jusqu'à 22:30"
    )
    en = plan_for(content, answers, date(2026, 4, 19), lang="en")
    assert deadline(en, "border_refusal_appeal").when.startswith("Monday 20 April 2026 at 22:30")


def test_every_computed_date_says_the_letter_prevails(content):
    plan = plan_for(content, {**REFUSED, "ofpra_decision_date": "2026-04-03"}, date(2026, 4, 20))
    assert any("lettre de notification fait foi" in w for w in plan.warnings)


def test_words_for_a_day_and_for_an_open_period(content):
    plan = plan_for(content, {**REFUSED, "ofpra_decision_date": "2026-04-03"}, date(2026, 5, 5))
    assert deadline(plan, "cnda_appeal").when.endswith("délai dépassé depuis 1 jour")
    d = plan.plan.deadlines[0]
    assert deadline_words(d, "en").endswith("deadline passed 1 day ago")
    assert moved_words(d, "fr") == "reporté au lundi 4 mai : le 3 mai est un dimanche"


# --- through the CLI, as a person or another program would --------------------------------


def cli(args: list[str], answers: dict[str, Any], tmp_path: Path) -> subprocess.CompletedProcess:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "parcours", *args, "--answers", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )


def test_plan_text_shows_the_moved_cnda_deadline(tmp_path):
    out = cli(
        ["plan", "--today", "2026-04-20"],
        {**REFUSED, "ofpra_decision_date": "2026-04-03"},
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    assert "lundi 4 mai 2026 — URGENT, dans 14 jours" in text
    assert "reporté au lundi 4 mai : le 3 mai est un dimanche" in text
    assert "la date (et l'heure) écrite sur la décision ou sur la lettre de notification" in text


def test_step_asks_for_date_and_time_then_gives_the_48_hour_end(tmp_path):
    first = cli(["step", "--json", "--today", "2026-04-19"], BORDER, tmp_path)
    question = json.loads(first.stdout)["question"]
    assert question["id"] == "border_refusal_time" and question["type"] == "datetime"
    done = cli(
        ["step", "--json", "--today", "2026-04-19"],
        {**BORDER, "border_refusal_time": "2026-04-18T22:30"},
        tmp_path,
    )
    plan = json.loads(done.stdout)["plan"]
    (appeal,) = plan["deadlines"]
    assert appeal["date"] == "2026-04-20" and appeal["time"] == "22:30"
    assert appeal["weekday"] == "lundi" and appeal["unit"] == "hours"
    bad = cli(["step", "--json"], {**BORDER, "border_refusal_time": "2026-04-18"}, tmp_path)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_plan_json_names_the_moved_end_and_its_reason(tmp_path):
    out = cli(
        ["plan", "--format", "json", "--today", "2026-04-20"],
        {**REFUSED, "ofpra_decision_date": "2026-04-14"},
        tmp_path,
    )
    (cnda,) = json.loads(out.stdout)["deadlines"]
    assert cnda["date"] == "2026-05-15" and cnda["moved_from"] == "2026-05-14"
    assert cnda["weekday"] == "vendredi" and "Ascension" in cnda["moved"]
    assert {s["id"] for s in cnda["counting_sources"]} >= {"cpc-641", "cpc-642"}
    sources = {s["id"]: s for s in json.loads(out.stdout)["sources"]}
    assert sources["cpc-642"]["url"].startswith("https://") and sources["cpc-642"]["consulted"]


def test_a_shift_by_months_keeps_the_day_or_clamps_it_to_the_month_end():
    """dates.shift counts calendar months without the calendar module (one import fewer for
    every command): the day is clamped to the target month's length, leap years included."""
    import calendar
    from datetime import date as day

    from parcours.wizard.dates import shift

    assert shift(day(2026, 5, 31), {"months": -3}) == day(2026, 2, 28)
    assert shift(day(2024, 5, 31), {"months": -3}) == day(2024, 2, 29)
    assert shift(day(2026, 12, 15), {"months": 1}) == day(2027, 1, 15)
    assert shift(day(2026, 1, 31), {"years": 1, "months": 1}) == day(2027, 2, 28)
    for year in (1900, 2000, 2023, 2024, 2100):
        for month in range(1, 13):
            last = calendar.monthrange(year, month)[1]
            assert shift(day(year, 1, 31), {"months": month - 1}) == day(year, month, last)


@given(st.datetimes(datetime(1900, 1, 1), datetime(2100, 12, 31, 23, 59)))
def test_dates_and_times_are_written_as_strftime_would(moment):
    from parcours.wizard.dates import clock, format_date

    assert format_date(moment.date(), "fr") == moment.strftime("%d/%m/%Y")
    assert format_date(moment.date(), "en") == moment.strftime("%Y-%m-%d")
    assert clock(moment) == moment.strftime("%H:%M")
