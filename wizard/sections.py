"""The plan as ordered, titled sections in one language: the only place that decides the order
of a plan and its words. Every renderer (text, Rich on screen, JSON, and the exports) formats
these sections and never walks the plan itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from .dates import format_date
from .plan import ActionPlan, Deadline, NamedAuthority, SourceRef
from .text import colon, tr

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
        "urgency": {
            "passed": "DÉPASSÉE",
            "urgent": "URGENT",
            "upcoming": "à venir",
            "open": "ouverte",
        },
        "ago": "depuis {n} {days}",
        "in": "dans {n} {days}",
        "day": "jour",
        "days": "jours",
        "today": "aujourd'hui",
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
        "urgency": {
            "passed": "PASSED",
            "urgent": "URGENT",
            "upcoming": "upcoming",
            "open": "open now",
        },
        "ago": "{n} {days} ago",
        "in": "in {n} {days}",
        "day": "day",
        "days": "days",
        "today": "today",
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
    when: str  # the date, its state and the days from today, in words
    date: date | None
    urgency: str | None
    urgent: bool  # passed or urgent: marked so, not only by colour
    days_left: int | None
    rule: str
    kind: str
    source: SourceLine
    status: str
    pathway: str

    JSON = (
        "id",
        "label",
        "date",
        "rule",
        "source",
        "status",
        "kind",
        "urgency",
        "days_left",
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

    JSON = ("id", "file", "title", "status")


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


def _source_line(ref: SourceRef, lang: str) -> SourceLine:
    detail = ref.file + (f", {ref.articles}" if ref.articles else "")
    return SourceLine(f"{words(lang)['source']}{colon(lang)}{detail}", ref)


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


def deadline_words(d: Deadline, lang: str) -> str:
    """When a deadline falls, in words: the date, its state and the days from today."""
    w = words(lang)
    if d.date is None:
        return str(w["no_date"])
    text = format_date(d.date, lang)
    if d.urgency:
        text += f" — {w['urgency'][d.urgency]}"
    if d.days_left is not None:
        n = d.days_left
        # "1 jour" but "2 jours": a plan is read by people, "jour(s)" reads as a form.
        days = w["day"] if abs(n) == 1 else w["days"]
        template = w["ago"] if n < 0 else w["in"]
        text += ", " + (w["today"] if n == 0 else template.format(n=abs(n), days=days))
    return text


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
        [
            DeadlineItem(
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
            )
            for d in plan.deadlines
        ],
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
                s.id, s.file, tr(s.title, lang), s.status, str(w["status"].get(s.status, s.status))
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
