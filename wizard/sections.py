"""The plan as ordered, titled sections in one language: the only place that decides the order
of a plan and its words. Every renderer (text, Rich on screen, JSON, and the exports) formats
these sections and never walks the plan itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar, TypeVar

from .dates import clock, day_month, format_date, long_date, weekday_name
from .plan import ActionPlan, Deadline, NamedAuthority, SourceRef
from .record import Record, record
from .text import colon, tr

Day = date  # a field named "date" hides the type inside the dataclasses below

WORDS: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "PLAN D'ACTION",
        "made": "Établi le",
        "warnings": "AVERTISSEMENTS",
        "answers": "VOS RÉPONSES",
        "pathways": "DÉMARCHES QUI VOUS CONCERNENT",
        "why": "Pourquoi",
        "authority": "Où s'adresser",
        "address": "Adresse",
        "steps": "ÉTAPES",
        "documents": "DOCUMENTS À RASSEMBLER",
        "documents_archive": "DOCUMENTS DEMANDÉS À L'ÉPOQUE (ARCHIVE, PLUS EN VIGUEUR)",
        "deadlines": "DÉLAIS",
        "no_date": "date non calculée (réponse manquante)",
        "costs": "COÛTS",
        "recourse": "EN CAS DE REFUS",
        "notes": "BON À SAVOIR",
        "history": "HISTORIQUE (N'EST PLUS EN VIGUEUR)",
        "sources": "SOURCES",
        "source": "source",
        "consulted": "consulté le",
        "in": "dans {n} {days}",
        "day": "jour",
        "days": "jours",
        "today": "aujourd'hui",
        # A deadline's state: words, then the symbol that starts its line (no colour needed).
        "state": {"passed": "DÉPASSÉ", "urgent": "URGENT", "upcoming": "à venir", "open": "ouvert"},
        "passed_since": "délai dépassé depuis {n} {days}",
        "passed_yesterday": "délai dépassé depuis 1 jour",
        "open_since": "période ouverte depuis {n} {days}",
        "open_today": "la période s'ouvre aujourd'hui",
        "at": "à",
        "until_today": "aujourd'hui, jusqu'à {time}",
        "moved": "reporté au {to} : le {from_} est {reason}",
        "day_off": {"saturday": "un samedi", "sunday": "un dimanche"},
        "holiday": "un jour férié ({name})",
        "if_passed": "Délai dépassé",
        "counting": "décompte",
        "count_hours": "Délai en heures : il court la nuit, le week-end et les jours fériés, "
        "sans report.",
        "count_extends": "Si le dernier jour est un samedi, un dimanche ou un jour férié, le "
        "délai va jusqu'au jour ouvrable suivant.",
        "count_working_days": "Compté en jours ouvrés (du lundi au vendredi, hors jours fériés).",
        "holidays": {
            "new_year": "jour de l'An",
            "easter_monday": "lundi de Pâques",
            "labour_day": "fête du Travail",
            "victory_day": "Victoire 1945",
            "ascension": "Ascension",
            "whit_monday": "lundi de Pentecôte",
            "national_day": "fête nationale",
            "assumption": "Assomption",
            "all_saints": "Toussaint",
            "armistice": "Armistice 1918",
            "christmas": "Noël",
            "good_friday": "Vendredi saint, Alsace-Moselle",
            "st_stephen": "Saint-Étienne, Alsace-Moselle",
            "abolition": "commémoration de l'abolition de l'esclavage",
        },
        "status": {"archive": "archive", "superseded": "remplacé", "current": "en vigueur"},
        "brief": "EN BREF",
        "brief_archive": "Texte d'archive : rien à faire aujourd'hui sur cette base. Pour votre "
        "situation actuelle, répondez au questionnaire principal ou voyez une association.",
        "reviewed": "Informations à jour au",
        "help": "Pour être aidé(e)",
        "first": "À faire d'abord",
        "deadline": "Date limite",
        "next_date": "Prochaine date",
        "go": "Où aller",
        "go_short": "Où",
        "bring": "À apporter",
        "bring_n": "{n} {documents} — voir « {title} »",
        "document": "document",
        "documents_word": "documents",
        "cost": "Coût",
        "no_cost": "aucun coût indiqué par les sources de ce guide",
        "more_one": "et 1 autre délai urgent ou dépassé : voir « {title} »",
        "more_n": "et {n} autres délais urgents ou dépassés : voir « {title} »",
        "undated": "non daté",
        "summary_docs": "Documents",
        "not_advice_short": "Pas un avis juridique.",
        "col_deadline": "Délai",
        "col_date": "Date",
        "col_state": "État",
        "col_rule": "Règle",
        "qr_caption": "À scanner avec un téléphone, sans réseau : le résumé de ce plan.",
        "qr_left_out": "Non inclus dans le QR code",
        "summary_more": "+ {n} autre(s) : voir le plan",
        "summary_cut": "(résumé : le plan complet en dit plus)",
        "summary_docs_out": "{n} document(s) sur {total}",
    },
    "en": {
        "title": "ACTION PLAN",
        "made": "Made on",
        "warnings": "WARNINGS",
        "answers": "YOUR ANSWERS",
        "pathways": "PROCEDURES THAT APPLY TO YOU",
        "why": "Why",
        "authority": "Where to go",
        "address": "Address",
        "steps": "STEPS",
        "documents": "DOCUMENTS TO GATHER",
        "documents_archive": "DOCUMENTS ASKED FOR AT THE TIME (ARCHIVE, NO LONGER IN FORCE)",
        "deadlines": "DEADLINES",
        "no_date": "date not computed (answer missing)",
        "costs": "COSTS",
        "recourse": "IF YOU ARE REFUSED",
        "notes": "GOOD TO KNOW",
        "history": "HISTORY (NO LONGER IN FORCE)",
        "sources": "SOURCES",
        "source": "source",
        "consulted": "read on",
        "in": "in {n} {days}",
        "day": "day",
        "days": "days",
        "today": "today",
        "state": {"passed": "PASSED", "urgent": "URGENT", "upcoming": "upcoming", "open": "open"},
        "passed_since": "deadline passed {n} {days} ago",
        "passed_yesterday": "deadline passed 1 day ago",
        "open_since": "period open for {n} {days}",
        "open_today": "the period opens today",
        "at": "at",
        "until_today": "today, until {time}",
        "moved": "moved to {to}: {from_} is {reason}",
        "day_off": {"saturday": "a Saturday", "sunday": "a Sunday"},
        "holiday": "a public holiday ({name})",
        "if_passed": "Deadline passed",
        "counting": "counting",
        "count_hours": "A limit in hours: it runs through nights, weekends and public holidays, "
        "and is never moved.",
        "count_extends": "If the last day is a Saturday, a Sunday or a public holiday, the "
        "deadline runs to the next working day.",
        "count_working_days": "Counted in working days (Monday to Friday, public holidays "
        "excluded).",
        "holidays": {
            "new_year": "New Year's Day",
            "easter_monday": "Easter Monday",
            "labour_day": "Labour Day",
            "victory_day": "Victory in Europe Day",
            "ascension": "Ascension Day",
            "whit_monday": "Whit Monday",
            "national_day": "Bastille Day",
            "assumption": "Assumption Day",
            "all_saints": "All Saints' Day",
            "armistice": "Armistice Day",
            "christmas": "Christmas Day",
            "good_friday": "Good Friday, Alsace-Moselle",
            "st_stephen": "St Stephen's Day, Alsace-Moselle",
            "abolition": "commemoration of the abolition of slavery",
        },
        "status": {"archive": "archive", "superseded": "superseded", "current": "current"},
        "brief": "IN SHORT",
        "brief_archive": "Archive text: nothing to do today on this basis. For your situation "
        "today, answer the main questions or see an association.",
        "reviewed": "Information up to date as of",
        "help": "For help",
        "first": "First",
        "deadline": "Deadline",
        "next_date": "Next date",
        "go": "Where to go",
        "go_short": "Where",
        "bring": "What to bring",
        "bring_n": '{n} {documents} — see "{title}"',
        "document": "document",
        "documents_word": "documents",
        "cost": "Cost",
        "no_cost": "no cost given by this guide's sources",
        "more_one": 'and 1 more urgent or passed deadline: see "{title}"',
        "more_n": 'and {n} more urgent or passed deadlines: see "{title}"',
        "undated": "undated",
        "summary_docs": "Documents",
        "not_advice_short": "Not legal advice.",
        "col_deadline": "Deadline",
        "col_date": "Date",
        "col_state": "State",
        "col_rule": "Rule",
        "qr_caption": "Scan with a phone, no network needed: this plan in short.",
        "qr_left_out": "Not in the QR code",
        "summary_more": "+ {n} more: see the plan",
        "summary_cut": "(summary: the full plan says more)",
        "summary_docs_out": "{n} of {total} documents",
    },
}


def words(lang: str) -> dict[str, Any]:
    return WORDS.get(lang, WORDS["fr"])


# -- the items a section holds -----------------------------------------------------------------


def _json(value: Any) -> Any:
    if hasattr(value, "to_json"):
        return value.to_json()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    return value


class JsonFields(Record):
    """An item whose JSON form (the protocol's PLAN) is some of its fields, in this order."""

    JSON: ClassVar[tuple[str, ...]] = ()

    def to_json(self) -> Any:
        return {name: _json(getattr(self, name)) for name in self.JSON}


@record
class SourceLine(Record):
    """Where a fact comes from, in words, and the reference itself."""

    text: str  # "source [2], CESEDA L424-9": the number of the source in the plan's list
    ref: SourceRef
    title: str = ""  # the source's human title in the plan's language

    @property
    def id(self) -> str:
        return self.ref.id

    @property
    def file(self) -> str:
        return self.ref.file

    @property
    def articles(self) -> str | None:
        return self.ref.articles

    def to_json(self) -> dict[str, Any]:
        return {"id": self.ref.id, "title": self.title, "articles": self.ref.articles}


@record
class Line(Record):
    """A sentence: a warning, a step, a note, a recourse, a piece of history."""

    text: str
    source: SourceLine | None = None

    def to_json(self) -> Any:
        return self.text


@record
class SourcedLine(Line):
    """A sentence whose JSON form keeps its source (recourse, notes, history)."""

    def to_json(self) -> Any:
        return {"text": self.text, "source": self.source.to_json() if self.source else None}


@record
class AuthorityBlock(JsonFields):
    """Where to go, in words: name, address and notes of an authority."""

    kind: str
    name: str
    address: str | None
    notes: tuple[str, ...]
    source: SourceLine | None

    JSON = ("kind", "name", "address", "notes", "source")


@record
class PathwayItem(JsonFields):
    """A pathway as a person reads it: title, why it applies, where to go."""

    number: int
    id: str
    title: str
    tag: str | None  # the status in words when it is not "current" ("ARCHIVE")
    summary: str
    reasons: tuple[str, ...]
    authority: AuthorityBlock | None
    source: SourceLine
    status: str
    documents: tuple[str, ...]
    steps: tuple[str, ...]

    JSON = (
        "id",
        "title",
        "summary",
        "status",
        "reasons",
        "source",
        "authority",
        "documents",
        "steps",
    )


@record
class CheckItem(JsonFields):
    """A document to gather: a checkbox, or a plain line when it is history."""

    id: str
    label: str
    details: str
    checkbox: bool
    source: SourceLine
    status: str

    JSON = ("id", "label", "details", "source", "status")


@record
class DeadlineItem(JsonFields):
    """A deadline as a person reads it: its date, weekday, state and counting."""

    id: str
    label: str
    when: str  # the weekday and date (and time), its state and the days from today, in words
    date: date | None
    urgency: str | None
    urgent: bool  # passed or urgent: marked so, not only by colour
    days_left: int | None
    rule: str
    kind: str
    source: SourceLine
    status: str
    pathway: str
    weekday: str | None = None  # "lundi"
    time: str | None = None  # "14:30" for a limit counted in hours
    state: str | None = None  # the urgency in words ("DÉPASSÉ", "URGENT", "à venir")
    symbol: str = "- "  # what starts the line: "!!" passed, "! " urgent, "- " upcoming, "+ " open
    moved_from: Day | None = None  # the day it would have ended before being moved
    moved: str | None = None  # "reporté au lundi 4 mai : le 3 mai est un dimanche"
    counting: str | None = None  # how it is counted, in words (hours, working days, moves)
    counting_sources: tuple[SourceLine, ...] = ()
    counting_refs: str | None = None  # "décompte : CPC art. 641 ; CPC art. 642"
    if_passed: str | None = None  # what can still be done, when it has passed and it is known
    if_passed_source: SourceLine | None = None
    unit: str = "days"
    window: str | None = None
    day: str = ""  # the weekday and date (and time): "lundi 4 mai 2026", or the words for no date
    standing: str = ""  # its state and the days from today: "URGENT, dans 14 jours"

    JSON = (
        "id",
        "label",
        "day",
        "standing",
        "date",
        "weekday",
        "time",
        "rule",
        "source",
        "status",
        "kind",
        "urgency",
        "state",
        "days_left",
        "moved_from",
        "moved",
        "unit",
        "window",
        "counting",
        "counting_sources",
        "if_passed",
        "if_passed_source",
        "pathway",
    )


@record
class CostItem(JsonFields):
    """A cost as a person reads it: what, how much, how to pay, a note and the source."""

    id: str
    label: str
    amount: str  # "25 €"
    amount_eur: float
    payment: str
    note: str
    source: SourceLine
    status: str

    JSON = ("id", "label", "amount_eur", "payment", "note", "source", "status")


@record
class AnswerItem(Record):
    """One answer given, as a person reads it: the question and the answer."""

    label: str
    value: str

    def to_json(self) -> Any:
        return [self.label, self.value]


@record
class SourceItem(JsonFields):
    """A source as a person reads it: its number in the plan, title, date and status in words."""

    number: int
    id: str
    title: str
    dated: str  # the date the source gives, in words
    status: str
    status_word: str
    last_reviewed: date | None = None
    url: str | None = None  # a public source beyond the seeds, and the day it was read
    consulted: str | None = None
    read: str | None = None  # "consulté le 23/11/2026"
    file: str = ""  # the seed file, for checks and tests: never shown, not in the JSON

    JSON = (
        "id",
        "number",
        "title",
        "dated",
        "status",
        "status_word",
        "last_reviewed",
        "url",
        "consulted",
    )

    @property
    def text(self) -> str:
        """ "[2] Service-public : … — 19 juillet 2024 (en vigueur)"."""
        dated = f" — {self.dated}" if self.dated else ""
        return f"[{self.number}] {self.title}{dated} ({self.status_word})"


@record
class BriefItem(JsonFields):
    """One line of "en bref": a label ("Où aller") and what to know, urgent or not."""

    key: str  # deadline | more | first | go | bring | cost | archive
    label: str
    text: str
    urgent: bool = False
    date: date | None = None
    lang_colon: str = "fr"  # the language whose colon joins label and text
    compact: str = ""  # the line as the QR summary holds it: as short as it can be read
    # What starts an urgent line: the deadline's own symbol ("!!" passed, "! " urgent), so "en
    # bref" and the deadlines section mark the same deadline the same way.
    mark: str = "!!"

    JSON = ("key", "label", "text", "urgent", "date")

    @property
    def line(self) -> str:
        return f"{self.label}{colon(self.lang_colon)}{self.text}" if self.label else self.text


SectionItem = (
    Line | PathwayItem | CheckItem | DeadlineItem | CostItem | AnswerItem | SourceItem | BriefItem
)


@record
class Section(Record):
    """One part of the plan: an id, a heading and its items, in order."""

    id: str  # warnings, pathways, steps, documents, deadlines, costs, recourse, notes, ...
    title: str
    items: tuple[SectionItem, ...]


@record
class PlanSections(Record):
    """A plan in one language: its heading, then its sections in reading order."""

    lang: str
    title: str
    made: str  # "Établi le 23/11/2026"
    today: date
    sections: tuple[Section, ...]
    authority: AuthorityBlock | None  # where to go first (the first pathway's authority)
    reviewed: str | None = None  # "Informations à jour au 23/11/2026", from the content
    reviewed_date: date | None = None
    advice: str = ""  # "Ceci n'est pas un avis juridique…", from the content
    help: str = ""  # "Pour être aidé(e) : La Cimade, …", the associations the content names

    @property
    def header(self) -> tuple[str, ...]:
        """What every output says first: what it is, when it was made, how current, not advice."""
        lines = [self.title, self.made]
        if self.reviewed:
            lines.append(self.reviewed)
        return tuple(lines + [t for t in (self.advice, self.help) if t])

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


# -- building them ------------------------------------------------------------------------------


def _source_line(ref: SourceRef, lang: str, numbers: dict[str, int] | None = None) -> SourceLine:
    """A fact's source in words: its number in the plan's list of sources (or, outside a plan,
    its title and date), then the articles. Never a file name."""
    title = tr(ref.title, lang) or ref.id
    if numbers and ref.id in numbers:
        detail = f"[{numbers[ref.id]}]"
        sep = " "
    else:
        detail = title + (f" — {tr(ref.dated, lang)}" if ref.dated else "")
        sep = colon(lang)
    detail += f", {ref.articles}" if ref.articles else ""
    return SourceLine(f"{words(lang)['source']}{sep}{detail}", ref, title)


def _read_words(consulted: str | None, lang: str) -> str | None:
    if consulted is None:
        return None
    try:
        day = format_date(date.fromisoformat(consulted), lang)
    except ValueError:
        day = consulted
    return f"{words(lang)['consulted']} {day}"


def authority_words(
    a: NamedAuthority | None, lang: str, numbers: dict[str, int] | None = None
) -> AuthorityBlock | None:
    """An authority named for a place, in ``lang``."""
    if a is None:
        return None
    return AuthorityBlock(
        a.kind,
        tr(a.name, lang),
        a.address,
        tuple(tr(n, lang) for n in a.notes),
        _source_line(a.source, lang, numbers) if a.source else None,
    )


SYMBOLS = {"passed": "!!", "urgent": "! ", "upcoming": "- ", "open": "+ "}


def _days(n: int, w: dict[str, Any]) -> str:
    # "1 jour" but "2 jours": a plan is read by people, "jour(s)" reads as a form.
    return str(w["day"] if abs(n) == 1 else w["days"])


def date_words(d: Deadline, lang: str) -> str:
    """The deadline's weekday and date, and its time for an hour limit: "lundi 4 mai 2026"."""
    assert d.date is not None
    text = long_date(d.date, lang)
    if d.time is not None:
        text += f" {words(lang)['at']} {clock(d.time)}"
    return text


def standing_words(d: Deadline, lang: str) -> str:
    """A dated deadline's state and the days from today, in words: "URGENT, dans 14 jours",
    "délai dépassé depuis 22 jours"; empty when it has no date or no state."""
    w = words(lang)
    n = d.days_left
    if d.date is None or n is None or d.urgency is None:
        return ""
    state = w["state"][d.urgency]
    if d.urgency == "passed":
        since = w["passed_yesterday"] if n == -1 else w["passed_since"]
        return str(since.format(n=-n, days=_days(n, w)))
    if d.urgency == "open":
        if n == 0:
            return str(w["open_today"])
        return str(w["open_since"].format(n=-n, days=_days(n, w)))
    if n == 0:
        today = w["until_today"].format(time=clock(d.time)) if d.time is not None else w["today"]
        return f"{state}, {today}"
    return f"{state}, {w['in'].format(n=n, days=_days(n, w))}"


def deadline_words(d: Deadline, lang: str) -> str:
    """When a deadline falls, in words: the weekday and date, its state and the days from today."""
    if d.date is None:
        return str(words(lang)["no_date"])
    standing = standing_words(d, lang)
    return date_words(d, lang) + (f" — {standing}" if standing else "")


def moved_words(d: Deadline, lang: str) -> str | None:
    """Why the end was moved: "reporté au lundi 4 mai : le 3 mai est un dimanche"."""
    if d.moved_from is None or d.date is None:
        return None
    w = words(lang)
    reason_id = d.moved_reason or ""
    if reason_id in w["day_off"]:
        reason = w["day_off"][reason_id]
    else:
        reason = w["holiday"].format(name=w["holidays"].get(reason_id, reason_id))
    return str(w["moved"]).format(
        to=long_date(d.date, lang, year=False), from_=day_month(d.moved_from, lang), reason=reason
    )


def counting_words(d: Deadline, lang: str) -> str | None:
    """How the deadline is counted, when it is more than a plain date."""
    w = words(lang)
    if d.unit == "hours":
        return str(w["count_hours"])
    parts = []
    if d.unit == "working_days":
        parts.append(str(w["count_working_days"]))
    if d.extends_to_working_day:
        parts.append(str(w["count_extends"]))
    return " ".join(parts) or None


def _cited(ref: SourceRef, numbers: dict[str, int] | None, lang: str) -> str:
    """A counting source named short: a public source by its citation ("CPC art. 641"), a seed
    document (whose file name a person never sees) by its title; then its number in the plan."""
    name = tr(ref.title, lang) if ref.file.endswith(".txt") and ref.title else ref.file
    number = f" [{numbers[ref.id]}]" if numbers and ref.id in numbers else ""
    return name + (f", {ref.articles}" if ref.articles else "") + number


def counting_refs(d: Deadline, lang: str, numbers: dict[str, int] | None = None) -> str | None:
    """Where the counting comes from, on one line: "décompte : CPC art. 641 [7] ; CPC art. 642
    [8]"."""
    if not d.counting:
        return None
    refs = [_cited(ref, numbers, lang) for ref in d.counting]
    sep = " ; " if lang == "fr" else "; "
    return f"{words(lang)['counting']}{colon(lang)}{sep.join(refs)}"


def deadline_item(d: Deadline, lang: str, numbers: dict[str, int] | None = None) -> DeadlineItem:
    """One deadline in ``lang``: every word a renderer shows about it."""
    passed = d.if_passed is not None and d.urgency == "passed"
    return DeadlineItem(
        id=d.id,
        label=tr(d.label, lang),
        when=deadline_words(d, lang),
        date=d.date,
        urgency=d.urgency,
        urgent=d.urgency in ("passed", "urgent"),
        days_left=d.days_left,
        rule=tr(d.rule, lang),
        kind=d.kind,
        source=_source_line(d.source, lang, numbers),
        status=d.status,
        pathway=d.pathway,
        weekday=weekday_name(d.date, lang) if d.date else None,
        time=clock(d.time) if d.time else None,
        state=str(words(lang)["state"][d.urgency]) if d.urgency else None,
        symbol=SYMBOLS.get(d.urgency or "", "- "),
        moved_from=d.moved_from,
        moved=moved_words(d, lang),
        counting=counting_words(d, lang),
        counting_sources=tuple(_source_line(ref, lang, numbers) for ref in d.counting),
        counting_refs=counting_refs(d, lang, numbers),
        if_passed=tr(d.if_passed, lang) if passed else None,
        if_passed_source=_source_line(d.if_passed_source, lang, numbers)
        if passed and d.if_passed_source
        else None,
        unit=d.unit,
        window=d.window,
        day=date_words(d, lang) if d.date else str(words(lang)["no_date"]),
        standing=standing_words(d, lang),
    )


# Which dated deadline "en bref" puts first: passed, then urgent, then the next one to meet,
# then the next date to come (a deadline, or a period that opens), then a period already open.
_RANK = {"passed": 0, "urgent": 1, "upcoming": 2, "open": 3}


Dated = TypeVar("Dated", Deadline, DeadlineItem)


def _rank(d: Deadline | DeadlineItem) -> tuple[int, int]:
    rank = _RANK.get(d.urgency or "", 4)
    days = d.days_left if d.days_left is not None else 0
    # A passed deadline: the most recent first (the one still worth acting on).
    return (rank, -days if rank == 0 else days)


def most_urgent(deadlines: Sequence[Dated]) -> Dated | None:
    """The dated deadline a person must see first, or None when no deadline has a date."""
    dated = [d for d in deadlines if d.date is not None]
    return min(dated, key=_rank) if dated else None


def _brief(
    plan: ActionPlan,
    lang: str,
    deadlines: Sequence[DeadlineItem],
    documents_title: str | None,
    deadlines_title: str,
) -> list[BriefItem]:
    """ "En bref": the most urgent dated action, where to go, what to bring, what it costs.
    The deadline is the very item the deadlines section shows (its weekday, time, state, and
    why its end was moved), so "en bref" and the full plan never say two different things."""
    w = words(lang)
    if plan.archive:
        # History is never a to-do list: "en bref" says so instead of listing actions.
        return [BriefItem("archive", "", str(w["brief_archive"]), lang_colon=lang)]
    out: list[BriefItem] = []
    first = most_urgent(deadlines)
    if first is not None and first.date is not None:
        text = f"{first.label}{colon(lang)}{first.when}"
        if first.moved:
            text += f" ({first.moved})"
        label = str(w["deadline"] if first.kind == "end" else w["next_date"])
        # The QR summary's form: the weekday and the date in figures (and the time of an hour
        # limit), then the state when it is urgent or passed.
        day = f"{first.weekday} {format_date(first.date, lang)}"
        if first.time:
            day += f" {w['at']} {first.time}"
        compact = f"{first.label}{colon(lang)}{day}"
        mark = first.symbol.strip()
        if first.urgent and first.state:
            compact = f"{mark} {compact} {first.state}"
        out.append(
            BriefItem("deadline", label, text, first.urgent, first.date, lang, compact, mark)
        )
        others = [d for d in deadlines if d is not first and d.urgent]
        if others:
            n = len(others)
            more = w["more_one"] if n == 1 else w["more_n"]
            mark = "!!" if any(d.urgency == "passed" for d in others) else "!"
            text = more.format(n=n, title=deadlines_title)
            out.append(BriefItem("more", "", text, True, None, lang, mark=mark))
    elif plan.steps:
        first_step = tr(plan.steps[0], lang)
        out.append(BriefItem("first", str(w["first"]), first_step, lang_colon=lang))
    if plan.authority is not None:
        name = tr(plan.authority.name, lang)
        compact = f"{w['go_short']}{colon(lang)}{name}"
        out.append(BriefItem("go", str(w["go"]), name, lang_colon=lang, compact=compact))
    if plan.documents and documents_title:
        n = len(plan.documents)
        text = w["bring_n"].format(
            n=n, documents=w["document"] if n == 1 else w["documents_word"], title=documents_title
        )
        out.append(BriefItem("bring", str(w["bring"]), text, lang_colon=lang))
    costs = "; ".join(f"{tr(c.label, lang)} {c.amount_eur:g} €" for c in plan.costs)
    amounts = " ; ".join(f"{c.amount_eur:g} €" for c in plan.costs)
    compact = f"{w['cost']}{colon(lang)}{amounts}" if amounts else ""
    out.append(
        BriefItem(
            "cost", str(w["cost"]), costs or str(w["no_cost"]), lang_colon=lang, compact=compact
        )
    )
    return out[:6]


def sections(plan: ActionPlan, lang: str) -> PlanSections:
    """The plan's sections in ``lang``, in the order a person reads them."""
    w = words(lang)
    out: list[Section] = []
    numbers = {s.id: i for i, s in enumerate(plan.sources, 1)}

    lines: dict[int, tuple[SourceRef, SourceLine]] = {}

    def src(ref: SourceRef) -> SourceLine:
        # A plan cites the same few sources many times (the plan shares one SourceRef each).
        known = lines.get(id(ref))
        if known is None or known[0] is not ref:
            known = lines[id(ref)] = (ref, _source_line(ref, lang, numbers))
        return known[1]

    def add(section_id: str, items: list[Any], title: str | None = None) -> None:
        if items:
            out.append(Section(section_id, title or w[section_id], tuple(items)))

    documents_title = str(w["documents_archive"] if plan.archive else w["documents"])
    deadline_items = [deadline_item(d, lang, numbers) for d in plan.deadlines]
    brief = _brief(plan, lang, deadline_items, documents_title, str(w["deadlines"]))
    warnings = [Line(tr(text, lang)) for text in plan.warnings]
    # "En bref" first in every format: the most urgent dated action before anything else. Only
    # an archive plan's banner comes before it: that plan is history, not advice.
    if plan.archive:
        add("warnings", warnings)
    add("brief", brief)
    if not plan.archive:
        add("warnings", warnings)
    pathways = []
    for i, p in enumerate(plan.pathways, 1):
        title = tr(p.title, lang)
        tag = str(w["status"].get(p.status, p.status)).upper()
        pathways.append(
            PathwayItem(
                number=i,
                id=p.id,
                title=title,
                tag=tag if p.status != "current" and tag not in title.upper() else None,
                summary=tr(p.summary, lang),
                reasons=tuple(tr(r, lang) for r in p.reasons),
                authority=authority_words(p.authority, lang, numbers),
                source=src(p.source),
                status=p.status,
                documents=p.documents,
                steps=tuple(tr(s, lang) for s in p.steps),
            )
        )
    # Every plan has at least one pathway (a fallback one when nothing else applies).
    out.append(Section("pathways", w["pathways"], tuple(pathways)))
    add("steps", [Line(tr(s, lang)) for s in plan.steps])
    # Archive documents are history, not a checklist to act on.
    archive = plan.archive
    add(
        "documents",
        [
            CheckItem(
                d.id,
                tr(d.label, lang),
                tr(d.details, lang),
                not archive,
                src(d.source),
                d.status,
            )
            for d in plan.documents
        ],
        w["documents_archive"] if archive else None,
    )
    add(
        "deadlines",
        deadline_items,
    )
    add(
        "costs",
        [
            CostItem(
                c.id,
                tr(c.label, lang),
                f"{c.amount_eur:g} €",
                c.amount_eur,
                tr(c.payment, lang),
                tr(c.note, lang),
                src(c.source),
                c.status,
            )
            for c in plan.costs
        ],
    )
    for key, notes in (
        ("recourse", plan.recourse),
        ("notes", plan.notes),
        ("history", plan.history),
    ):
        add(
            key,
            [SourcedLine(tr(n.text, lang), src(n.source) if n.source else None) for n in notes],
        )
    add("answers", [AnswerItem(tr(label, lang), tr(value, lang)) for label, value in plan.answers])
    add(
        "sources",
        [
            SourceItem(
                numbers[s.id],
                s.id,
                tr(s.title, lang),
                tr(s.dated, lang) or str(w["undated"]),
                s.status,
                str(w["status"].get(s.status, s.status)),
                s.last_reviewed,
                s.url,
                s.consulted,
                _read_words(s.consulted, lang),
                s.file,
            )
            for s in plan.sources
        ],
    )
    help_text = ""
    if plan.help is not None:
        help_text = f"{w['help']} — {tr(plan.help.name, lang)}"
        help_notes = " ".join(tr(n, lang) for n in plan.help.notes)
        help_text += f". {help_notes}" if help_notes else ""
    return PlanSections(
        lang=lang,
        title=w["title"],
        made=f"{w['made']} {format_date(plan.today, lang)}",
        today=plan.today,
        sections=tuple(out),
        authority=authority_words(plan.authority, lang, numbers),
        reviewed=(f"{w['reviewed']} {format_date(plan.reviewed, lang)}" if plan.reviewed else None),
        reviewed_date=plan.reviewed,
        advice=tr(plan.advice, lang),
        help=help_text,
    )


# -- the compact summary a phone reads from a QR code --------------------------------------------


@record
class Summary(Record):
    """The plan in a few lines for a QR code, and what had to be left out to fit."""

    text: str
    left_out: str | None  # what is missing, in words, or None when the summary is whole
    short: bool  # the short form (no document list)


def summary_lines(plan: PlanSections, short: bool = False) -> list[tuple[str, str]]:
    """The summary's lines in order, each with what it is: the most urgent dated action and
    where to go first, then what it costs, the documents, and what the summary is."""
    w = words(plan.lang)
    lines = []
    brief = plan.section("brief")
    items = [i for i in (brief.items if brief else ()) if isinstance(i, BriefItem)]
    for item in items:
        if item.key in ("deadline", "go", "cost") and item.compact:
            lines.append(("brief", item.compact))
        elif item.key == "bring" and short:
            lines.append(("brief", item.line))
    documents = plan.section("documents")
    if documents and not short:
        lines.append(("docs", f"{w['summary_docs']}{colon(plan.lang).rstrip()}"))
        for doc in documents.items:
            if isinstance(doc, CheckItem):
                lines.append(("doc", ("[ ] " if doc.checkbox else "- ") + doc.label))
    lines.append(("head", f"{plan.made}. {w['not_advice_short']}"))
    return lines


def summary(plan: PlanSections, fits: Any, short: bool = False) -> Summary:
    """The longest summary that ``fits`` (a test on its text), cut at a line, saying what is out.

    Lines are kept in order; when one does not fit, the rest is left out and named.
    """
    w = words(plan.lang)
    lines = summary_lines(plan, short)
    kept: list[str] = []
    cut = len(lines)
    for i, (_, line) in enumerate(lines):
        if not fits("\n".join([*kept, line])):
            cut = i
            break
        kept.append(line)
    if cut == len(lines):
        return Summary("\n".join(kept), None, short)
    rest = lines[cut:]
    docs_out = sum(1 for kind, _ in rest if kind == "doc")
    more = w["summary_more"].format(n=docs_out) if docs_out else str(w["summary_cut"])
    # Say in the code itself that it is cut, when there is room for it (content comes first).
    mark = next((m for m in (more, "…") if fits("\n".join([*kept, m]))), None)
    text = "\n".join([*kept, mark] if mark and kept else kept)
    out = [
        line
        for kind, line in rest
        if kind in ("brief", "advice", "head") or (kind == "docs" and not docs_out)
    ]
    if docs_out:
        n_docs = sum(1 for kind, _ in lines if kind == "doc")
        out.append(w["summary_docs_out"].format(n=docs_out, total=n_docs))
    return Summary(text, "; ".join(out) or None, short)
