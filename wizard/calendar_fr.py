"""French public holidays (jours fériés) for any year, by département.

Written here rather than taken from the ``holidays`` package: that package costs about 14 MiB
installed and +350 ms / 16 MiB to import on this project's reference machine, as much as the
whole plan (README, "Calendar"). The rules are few and stable; the tests compare every year
from 1950 to 2100 with ``holidays`` (in the test extra) as an oracle.

- the 11 national days (code du travail L3133-1), with their history: 8 May not a holiday from
  1960 to 1981, Whit Monday not one from 2005 to 2007;
- Alsace-Moselle (départements 57, 67, 68): Good Friday and 26 December;
- the overseas départements' day commemorating the abolition of slavery (from 1984; La Réunion
  from 1983): 971 Guadeloupe 27 May, 972 Martinique 22 May, 973 Guyane 10 June, 974 La Réunion
  20 December, 976 Mayotte 27 April.

Only days with a clear legal basis are listed: a day listed wrongly would move a deadline
*later* than the law allows, the one mistake this module must never make. Days ``holidays``
adds in some overseas départements by custom (Victor Schœlcher day, Mi-Carême, Good Friday in
Guadeloupe) are therefore left out; the tests name them.

Imported only when a deadline is computed, never on the wizard's start-up path.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

ALSACE_MOSELLE = frozenset({"57", "67", "68"})
# Commemoration of the abolition of slavery: (month, day, first year).
ABOLITION = {
    "971": (5, 27, 1984),
    "972": (5, 22, 1984),
    "973": (6, 10, 1984),
    "974": (12, 20, 1983),
    "976": (4, 27, 1984),
}
SATURDAY, SUNDAY = 5, 6


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=512)
def holidays(year: int, departement: str | None = None) -> dict[date, str]:
    """The public holidays of ``year`` as {date: holiday id}, for a département when known.

    The ids (``new_year``, ``easter_monday``...) are named in words by ``sections.WORDS``.
    """
    days: dict[date, str] = {}
    e = easter(year)

    def add(d: date, name: str) -> None:
        days.setdefault(d, name)

    add(date(year, 1, 1), "new_year")
    add(e + timedelta(days=1), "easter_monday")
    if year >= 1919:
        add(date(year, 5, 1), "labour_day")
    if 1953 <= year <= 1959 or year >= 1982:
        add(date(year, 5, 8), "victory_day")
    add(e + timedelta(days=39), "ascension")
    if year not in (2005, 2006, 2007):
        add(e + timedelta(days=50), "whit_monday")
    add(date(year, 7, 14), "national_day")
    add(date(year, 8, 15), "assumption")
    add(date(year, 11, 1), "all_saints")
    if year >= 1922:
        add(date(year, 11, 11), "armistice")
    add(date(year, 12, 25), "christmas")
    if departement in ALSACE_MOSELLE:
        add(e - timedelta(days=2), "good_friday")
        add(date(year, 12, 26), "st_stephen")
    abolition = ABOLITION.get(departement or "")
    if abolition and year >= abolition[2]:
        add(date(year, abolition[0], abolition[1]), "abolition")
    return dict(sorted(days.items()))


def holiday(d: date, departement: str | None = None) -> str | None:
    """The id of the public holiday on ``d`` (or None)."""
    return holidays(d.year, departement).get(d)


def is_working_day(d: date, departement: str | None = None) -> bool:
    """Monday to Friday and not a public holiday (a "jour ouvré")."""
    return d.weekday() < SATURDAY and holiday(d, departement) is None


def next_working_day(d: date, departement: str | None = None) -> date:
    """``d`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(d, departement):
        d += timedelta(days=1)
    return d


def add_working_days(d: date, n: int, departement: str | None = None) -> date:
    """``n`` working days after ``d`` (before it when ``n`` is negative); ``d`` does not count."""
    step = 1 if n >= 0 else -1
    left = abs(n)
    while left:
        d += timedelta(days=step)
        if is_working_day(d, departement):
            left -= 1
    return d
