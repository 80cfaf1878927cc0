"""Deadline arithmetic, the French way.

A deadline rule (``model.DeadlineRule``) says what it runs from (a date or date-and-time answer),
how long it lasts (hours, days, working days, months, years), before or after, and whether an
end falling on a Saturday, Sunday or public holiday moves to the next working day (code de
procédure civile art. 642, applied by the administrative courts). The counting follows CPC art.
641: the day that starts a period counted in days does not count; a period in months or years
ends on the day with the same number, or on the last day of the month when there is none
(31 January + 1 month = 28 or 29 February). Hour limits run through nights, weekends and
holidays and are never moved.

The public-holiday calendar (``calendar_fr``) is imported only when a date must be checked
against it, never on the wizard's start-up path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .dates import shift
from .model import DeadlineRule
from .record import Record, record
from .text import Localised

Day = date  # a field named "date" hides the type inside the dataclasses below
URGENT_DAYS = 30  # a deadline this close is marked "urgent" (a display choice, not a legal rule)
SATURDAY, SUNDAY = 5, 6


@record
class SourceRef(Record):
    """Where a fact comes from: the source id, its reference and the article."""

    id: str
    file: str  # the seed file: for checks and tests only, never shown to a person
    articles: str | None = None
    # Words about the source, not its identity: left out of equality and hashing.
    title: Localised | None = field(default=None, compare=False)
    dated: Localised | None = field(default=None, compare=False)  # the date it gives, in words


@record
class End(Record):
    """Where a deadline falls once counted."""

    date: date
    time: datetime | None = None  # set for hour limits: the end to the minute
    moved_from: Day | None = None  # the day it would have ended before being moved
    moved_reason: str | None = None  # why: "saturday", "sunday" or a holiday id ("ascension")


@record
class Deadline(Record):
    """A deadline of the plan: its words, date when known, urgency, days left and source."""

    id: str
    label: Localised
    date: date | None
    rule: Localised
    source: SourceRef
    status: str
    kind: str  # "end": something must be done by this date; "start": a period opens on it
    urgency: str | None  # end: passed | urgent | upcoming; start: open | upcoming; None: no date
    days_left: int | None
    pathway: str
    unit: str = "days"
    time: datetime | None = None  # hour limits: the end as date and time
    moved_from: Day | None = None
    moved_reason: str | None = None
    extends_to_working_day: bool = False
    window: str | None = None
    counting: tuple[SourceRef, ...] = ()
    if_passed: Localised | None = None
    if_passed_source: SourceRef | None = None


def _paris_elapsed(start: datetime, hours: int) -> datetime | None:
    """``start`` (wall clock, metropolitan France) + ``hours`` of elapsed time, on the wall clock;
    None when the time-zone database is not available."""
    try:
        from zoneinfo import ZoneInfo

        paris = ZoneInfo("Europe/Paris")
    except Exception:  # no tz database on this machine: wall-clock arithmetic only
        return None
    utc = start.replace(tzinfo=paris).astimezone(UTC) + timedelta(hours=hours)
    return utc.astimezone(paris).replace(tzinfo=None)


def add_hours(start: datetime, hours: int, departement: str | None = None) -> datetime:
    """``start`` + ``hours``. Across a change of summer time the earlier of the wall-clock and
    the elapsed-time readings is given: a limit shown early never costs a right."""
    naive = start + timedelta(hours=hours)
    if departement is not None and departement.startswith("97"):
        return naive  # the overseas départements keep one time all year
    elapsed = _paris_elapsed(start, hours)
    return min(naive, elapsed) if elapsed is not None else naive


def day_off_reason(d: date, departement: str | None) -> str | None:
    """Why ``d`` is not a working day ("saturday", "sunday", a holiday id), or None."""
    from .calendar_fr import holiday

    if d.weekday() == SATURDAY:
        return "saturday"
    if d.weekday() == SUNDAY:
        return "sunday"
    return holiday(d, departement)


def count(rule: DeadlineRule, anchor: date, departement: str | None = None) -> End:
    """The end of ``rule`` counted from ``anchor`` (a date, or a datetime for hour limits)."""
    if rule.unit == "hours":
        start = anchor if isinstance(anchor, datetime) else datetime(*anchor.timetuple()[:3])
        n = -rule.length if rule.direction == "before" else rule.length
        end_time = add_hours(start, n, departement)
        return End(end_time.date(), end_time)
    day = anchor.date() if isinstance(anchor, datetime) else anchor
    if rule.unit == "working_days":
        from .calendar_fr import add_working_days

        n = -rule.length if rule.direction == "before" else rule.length
        end = add_working_days(day, n, departement)
    else:
        end = shift(day, rule.offset)
    if rule.extends_to_working_day and rule.kind == "end":
        from .calendar_fr import next_working_day

        moved = next_working_day(end, departement)
        if moved != end:
            return End(moved, None, end, day_off_reason(end, departement))
    return End(end)


def urgency(kind: str, days_left: int) -> str:
    if kind == "start":
        return "open" if days_left <= 0 else "upcoming"
    if days_left < 0:
        return "passed"
    return "urgent" if days_left <= URGENT_DAYS else "upcoming"


def person_departement(answers: Mapping[str, Any]) -> str | None:
    """The département of the first place answered (its public holidays apply), if any."""
    for value in answers.values():
        code = getattr(value, "departement", None)
        if isinstance(code, str):
            return code
    return None


def deadline(
    rule: DeadlineRule,
    answers: Mapping[str, Any],
    today: date,
    pathway: str,
    source: SourceRef,
    counting: tuple[SourceRef, ...],
    if_passed_source: SourceRef | None,
    departement: str | None,
) -> Deadline:
    """A rule applied to the answers: its date (when the anchor is answered) and its state."""
    anchor = answers.get(rule.anchor) if rule.anchor is not None else None
    end = count(rule, anchor, departement) if anchor is not None else None
    days_left = (end.date - today).days if end else None
    return Deadline(
        id=rule.id,
        label=rule.label,
        date=end.date if end else None,
        rule=rule.rule,
        source=source,
        status=rule.status,
        kind=rule.kind,
        urgency=urgency(rule.kind, days_left) if days_left is not None else None,
        days_left=days_left,
        pathway=pathway,
        unit=rule.unit,
        time=end.time if end else None,
        moved_from=end.moved_from if end else None,
        moved_reason=end.moved_reason if end else None,
        extends_to_working_day=rule.extends_to_working_day,
        window=rule.window,
        counting=counting,
        if_passed=rule.if_passed.text if rule.if_passed else None,
        if_passed_source=if_passed_source,
    )
