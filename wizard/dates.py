"""Calendar arithmetic used by conditions and deadlines (pure; today is always passed in)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PERIOD_KEYS = frozenset({"years", "months", "days"})
# The dates any answer may hold, whatever a question's own min/max say.
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def parse_iso(text: object) -> date:
    """Parse a strict YYYY-MM-DD date; raises ValueError with a readable message."""
    if not isinstance(text, str) or not ISO_DATE.match(text):
        raise ValueError("expected a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a real calendar date") from None


ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\Z")  # no trailing line break


def parse_iso_datetime(text: object) -> datetime:
    """Parse a strict YYYY-MM-DDTHH:MM date and time; raises ValueError with a readable message."""
    if not isinstance(text, str) or not ISO_DATETIME.match(text):
        raise ValueError("expected a date and time as YYYY-MM-DDTHH:MM")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        from .safe_text import visible

        raise ValueError(f"{visible(text)} is not a real date and time") from None


def shift(d: date, period: Mapping[str, int]) -> date:
    """Move ``d`` by whole years, months and days.

    Months are calendar months: when the target month is shorter, the day is clamped to its last
    day (31 May minus 3 months is 28 or 29 February), the usual reading of "n mois avant".
    """
    months = int(period.get("years", 0)) * 12 + int(period.get("months", 0))
    if months:
        index = d.year * 12 + (d.month - 1) + months
        year, month = divmod(index, 12)
        month += 1
        day = min(d.day, _month_length(year, month))
        d = date(year, month, day)
    days = int(period.get("days", 0))
    return d + timedelta(days=days) if days else d


def _month_length(year: int, month: int) -> int:
    """Days in ``month`` of ``year`` (the day before the next month's first)."""
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return (following - timedelta(days=1)).day


def format_date(d: date, lang: str) -> str:
    """ "04/05/2026" / "2026-05-04" (formatted directly: strftime goes through the C locale)."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if lang == "fr" else d.isoformat()


WEEKDAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def weekday_name(d: date, lang: str) -> str:
    return WEEKDAYS.get(lang, WEEKDAYS["fr"])[d.weekday()]


def day_month(d: date, lang: str) -> str:
    """ "4 mai", "1er mai" / "4 May"."""
    months = MONTHS.get(lang, MONTHS["fr"])
    day = "1er" if d.day == 1 and lang == "fr" else str(d.day)
    return f"{day} {months[d.month - 1]}"


def long_date(d: date, lang: str, year: bool = True) -> str:
    """The date with its weekday, as a person reads it: "lundi 4 mai 2026"."""
    text = f"{weekday_name(d, lang)} {day_month(d, lang)}"
    return f"{text} {d.year}" if year else text


def clock(d: datetime) -> str:
    """ "14:30" (24-hour clock, in France and in the English plan alike)."""
    return f"{d.hour:02d}:{d.minute:02d}"


def format_datetime(d: datetime, lang: str) -> str:
    """A date and time as typed back: "06/04/2026 14:30" / "2026-04-06 14:30"."""
    return f"{format_date(d.date(), lang)} {clock(d)}"


def parse_today_option(text: str) -> date:
    """``--today``: a strict YYYY-MM-DD date between 1900 and 2100 (deadlines computed from it
    stay within the calendar); raises ValueError with a readable message."""
    from .safe_text import visible

    try:
        day = parse_iso(text)
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD, got '{visible(text)}'") from None
    if not EARLIEST <= day <= LATEST:
        raise ValueError(
            f"{day.isoformat()} is out of range (from {EARLIEST.isoformat()} "
            f"to {LATEST.isoformat()})"
        )
    return day
