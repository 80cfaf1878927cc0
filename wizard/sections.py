"""The plan as ordered, titled sections in one language: the only place that decides the order
of a plan and its words. Every renderer (text, Rich on screen, JSON, and the exports) formats
these sections and never walks the plan itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from .dates import clock, day_month, format_date, long_date, weekday_name
from .plan import ActionPlan, Deadline, NamedAuthority, SourceRef
from .text import colon, tr

Day = date  # a field named "date" hides the type inside the dataclasses below

WORDS: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "PLAN D'ACTION",
        "made": "Établi le",
        "reviewed": "informations vérifiées le",
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
    },
    "en": {
        "title": "ACTION PLAN",
        "made": "Made on",
        "reviewed": "information checked on",
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


class JsonFields:
    """An item whose JSON form (the protocol's PLAN) is some of its fields, in this order."""

    JSON: ClassVar[tuple[str, ...]] = ()

    def to_json(self) -> Any:
        return {name: _json(getattr(self, name)) for name in self.JSON}


@dataclass(frozen=True)
class SourceLine:
    """Where a fact comes from, in words, and the reference itself."""

    text: str  # "source : 001_….txt, CESEDA L424-9"
    ref: SourceRef

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
        return {"id": self.ref.id, "file": self.ref.file, "articles": self.ref.articles}


@dataclass(frozen=True)
class Line:
    """A sentence: a warning, a step, a note, a recourse, a piece of history."""

    text: str
    source: SourceLine | None = None

    def to_json(self) -> Any:
        return self.text


@dataclass(frozen=True)
class SourcedLine(Line):
    """A sentence whose JSON form keeps its source (recourse, notes, history)."""

    def to_json(self) -> Any:
        return {"text": self.text, "source": self.source.to_json() if self.source else None}


@dataclass(frozen=True)
class AuthorityBlock(JsonFields):
    kind: str
    name: str
    address: str | None
    notes: tuple[str, ...]
    source: SourceLine | None

    JSON = ("kind", "name", "address", "notes", "source")


@dataclass(frozen=True)
class PathwayItem(JsonFields):
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


@dataclass(frozen=True)
class CheckItem(JsonFields):
    """A document to gather: a checkbox, or a plain line when it is history."""

    id: str
    label: str
    details: str
    checkbox: bool
    source: SourceLine
    status: str

    JSON = ("id", "label", "details", "source", "status")


@dataclass(frozen=True)
class DeadlineItem(JsonFields):
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

    JSON = (
        "id",
        "label",
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


@dataclass(frozen=True)
class CostItem(JsonFields):
    id: str
    label: str
    amount: str  # "25 €"
    amount_eur: float
    payment: str
    note: str
    source: SourceLine
    status: str

    JSON = ("id", "label", "amount_eur", "payment", "note", "source", "status")


@dataclass(frozen=True)
class AnswerItem:
    label: str
    value: str

    def to_json(self) -> Any:
        return [self.label, self.value]


@dataclass(frozen=True)
class SourceItem(JsonFields):
    id: str
    file: str
    title: str
    status: str
    status_word: str
    url: str | None = None  # a public source beyond the seeds, and the day it was read
    consulted: str | None = None
    read: str | None = None  # "consulté le 23/11/2026"

    JSON = ("id", "file", "title", "status", "url", "consulted")


SectionItem = Line | PathwayItem | CheckItem | DeadlineItem | CostItem | AnswerItem | SourceItem


@dataclass(frozen=True)
class Section:
    id: str  # warnings, pathways, steps, documents, deadlines, costs, recourse, notes, ...
    title: str
    items: tuple[SectionItem, ...]


@dataclass(frozen=True)
class PlanSections:
    """A plan in one language: its heading, then its sections in reading order."""

    lang: str
    title: str
    made: str  # "Établi le 23/11/2026"
    today: date
    sections: tuple[Section, ...]
    authority: AuthorityBlock | None  # where to go first (the first pathway's authority)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


# -- building them ------------------------------------------------------------------------------


def _source_line(ref: SourceRef, lang: str, word: str | None = None) -> SourceLine:
    detail = ref.file + (f", {ref.articles}" if ref.articles else "")
    return SourceLine(f"{word or words(lang)['source']}{colon(lang)}{detail}", ref)


def _read_words(consulted: str | None, lang: str) -> str | None:
    if consulted is None:
        return None
    try:
        day = format_date(date.fromisoformat(consulted), lang)
    except ValueError:
        day = consulted
    return f"{words(lang)['consulted']} {day}"


def authority_words(a: NamedAuthority | None, lang: str) -> AuthorityBlock | None:
    """An authority named for a place, in ``lang``."""
    if a is None:
        return None
    return AuthorityBlock(
        a.kind,
        tr(a.name, lang),
        a.address,
        tuple(tr(n, lang) for n in a.notes),
        _source_line(a.source, lang) if a.source else None,
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


def deadline_words(d: Deadline, lang: str) -> str:
    """When a deadline falls, in words: the weekday and date, its state and the days from today."""
    w = words(lang)
    if d.date is None:
        return str(w["no_date"])
    text = date_words(d, lang)
    n = d.days_left
    if n is None or d.urgency is None:
        return text
    state = w["state"][d.urgency]
    if d.urgency == "passed":
        since = w["passed_yesterday"] if n == -1 else w["passed_since"]
        return f"{text} — {since.format(n=-n, days=_days(n, w))}"
    if d.urgency == "open":
        if n == 0:
            return f"{text} — {w['open_today']}"
        return f"{text} — {w['open_since'].format(n=-n, days=_days(n, w))}"
    if n == 0:
        today = w["until_today"].format(time=clock(d.time)) if d.time is not None else w["today"]
        return f"{text} — {state}, {today}"
    return f"{text} — {state}, {w['in'].format(n=n, days=_days(n, w))}"


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


def counting_refs(d: Deadline, lang: str) -> str | None:
    """Where the counting comes from, on one line: "décompte : CPC art. 641 ; CPC art. 642"."""
    if not d.counting:
        return None
    refs = [ref.file + (f", {ref.articles}" if ref.articles else "") for ref in d.counting]
    sep = " ; " if lang == "fr" else "; "
    return f"{words(lang)['counting']}{colon(lang)}{sep.join(refs)}"


def deadline_item(d: Deadline, lang: str) -> DeadlineItem:
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
        source=_source_line(d.source, lang),
        status=d.status,
        pathway=d.pathway,
        weekday=weekday_name(d.date, lang) if d.date else None,
        time=clock(d.time) if d.time else None,
        state=str(words(lang)["state"][d.urgency]) if d.urgency else None,
        symbol=SYMBOLS.get(d.urgency or "", "- "),
        moved_from=d.moved_from,
        moved=moved_words(d, lang),
        counting=counting_words(d, lang),
        counting_sources=tuple(_source_line(ref, lang) for ref in d.counting),
        counting_refs=counting_refs(d, lang),
        if_passed=tr(d.if_passed, lang) if passed else None,
        if_passed_source=_source_line(d.if_passed_source, lang)
        if passed and d.if_passed_source
        else None,
        unit=d.unit,
        window=d.window,
    )


def sections(plan: ActionPlan, lang: str) -> PlanSections:
    """The plan's sections in ``lang``, in the order a person reads them."""
    w = words(lang)
    out: list[Section] = []

    def add(section_id: str, items: list[Any], title: str | None = None) -> None:
        if items:
            out.append(Section(section_id, title or w[section_id], tuple(items)))

    add("warnings", [Line(tr(text, lang)) for text in plan.warnings])
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
                authority=authority_words(p.authority, lang),
                source=_source_line(p.source, lang),
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
                _source_line(d.source, lang),
                d.status,
            )
            for d in plan.documents
        ],
        w["documents_archive"] if archive else None,
    )
    add(
        "deadlines",
        [deadline_item(d, lang) for d in plan.deadlines],
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
                _source_line(c.source, lang),
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
            [
                SourcedLine(tr(n.text, lang), _source_line(n.source, lang) if n.source else None)
                for n in notes
            ],
        )
    add("answers", [AnswerItem(tr(label, lang), tr(value, lang)) for label, value in plan.answers])
    add(
        "sources",
        [
            SourceItem(
                s.id,
                s.file,
                tr(s.title, lang),
                s.status,
                str(w["status"].get(s.status, s.status)),
                s.url,
                s.consulted,
                _read_words(s.consulted, lang),
            )
            for s in plan.sources
        ],
    )
    return PlanSections(
        lang=lang,
        title=w["title"],
        made=f"{w['made']} {format_date(plan.today, lang)}"
        + (f" — {w['reviewed']} {format_date(plan.reviewed, lang)}" if plan.reviewed else ""),
        today=plan.today,
        sections=tuple(out),
        authority=authority_words(plan.authority, lang),
    )
