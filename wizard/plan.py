"""The action plan: a frozen, language-neutral value built from the content and the answers.

The plan decides *what* applies — pathways, documents, deadlines with their dates, costs,
authorities, the reasons — and keeps every text in both languages; ``sections`` decides the order
and the words. Every fact comes from the content, with its source; this module only selects,
computes dates and assembles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import partial
from typing import Any

from .answers import display
from .conditions import evaluate, explain
from .content import Content
from .dates import day_month
from .deadlines import Deadline, SourceRef, deadline, person_departement
from .memo import by_identity
from .model import AuthorityRef, DeadlineRule, Item, Pathway, Question, Source
from .record import Record, record
from .text import LazyText, Localised, colon, localised, tr

ADVICE_NOTICE = "not_legal_advice"  # the content's notice: this is not legal advice
HELP_AUTHORITY = "associations"  # the content's authority record for "who can help"


@record
class UsedSource(Record):
    """A source the plan cites, with what a person reads of it (title, date, status)."""

    id: str
    file: str  # never shown to a person
    title: Localised
    status: str  # current | archive | superseded
    url: str | None = None
    consulted: str | None = None
    dated: Localised | None = None
    last_reviewed: date | None = None


@record
class Note(Record):
    """A sentence of the plan with the source it comes from."""

    text: Localised
    source: SourceRef | None


@record
class NamedAuthority(Record):
    """An authority named for the person's place (in both languages)."""

    kind: str
    name: Localised
    address: str | None
    notes: tuple[Localised, ...]
    source: SourceRef | None


@record
class PlanDocument(Record):
    """A document to bring, in the plan: its words, details, source and status."""

    id: str
    label: Localised
    details: Localised | None
    source: SourceRef
    status: str


@record
class PlanCost(Record):
    """A cost of the plan: amount, words and source."""

    id: str
    label: Localised
    amount_eur: float
    payment: Localised | None
    note: Localised | None
    source: SourceRef
    status: str


@record
class PathwayResult(Record):
    """A pathway that applies: why, where to go, steps, documents and deadlines."""

    id: str
    title: Localised
    summary: Localised | None
    status: str
    reasons: tuple[Localised, ...]
    source: SourceRef
    authority: NamedAuthority | None
    documents: tuple[str, ...]
    steps: tuple[Localised, ...]


@record
class ActionPlan(Record):
    """The whole plan, language-neutral: every text is a {"fr", "en"} mapping."""

    today: date
    pathways: tuple[PathwayResult, ...]
    authority: NamedAuthority | None
    documents: tuple[PlanDocument, ...]
    steps: tuple[Localised, ...]
    deadlines: tuple[Deadline, ...]
    costs: tuple[PlanCost, ...]
    recourse: tuple[Note, ...]
    notes: tuple[Note, ...]
    history: tuple[Note, ...]
    warnings: tuple[Localised, ...]
    sources: tuple[UsedSource, ...]
    answers: tuple[tuple[Localised, Localised], ...]  # (question label, answer in words)
    advice: Localised | None = None  # the content's "not legal advice" notice
    help: NamedAuthority | None = None  # who can help (the content's associations)
    reviewed: date | None = None  # the oldest review date of the facts and sources it cites

    @property
    def archive(self) -> bool:
        return any(p.status == "archive" for p in self.pathways)


def _sorted_items(text: Localised) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(text.items()))


# A localised text as a hashable key, to list each sentence once: made once per text (the
# content's texts live as long as the content).
_key: Callable[[Localised], tuple[tuple[str, str], ...]] = by_identity(_sorted_items)


def _source_ref(content: Content, source: str, articles: str | None = None) -> SourceRef:
    # One SourceRef per (source, articles) for the life of the content: a plan cites dozens,
    # and check-data builds a plan for every path.
    refs = content.shared.setdefault("source_refs", {})
    ref = refs.get((source, articles))
    if ref is None:
        rec = content.sources[source]
        ref = refs[source, articles] = SourceRef(source, rec.ref, articles, rec.title, _dated(rec))
    return ref


def _dated(rec: Source) -> Localised | None:
    """The date a source gives, in words: as the content writes it, else its day."""
    if rec.dated is not None:
        return rec.dated
    if rec.date is None:
        return None
    day = date.fromisoformat(rec.date)
    return localised(lambda lang: f"{day_month(day, lang)} {day.year}")


def _answer_words(question: Question, value: Any, lang: str) -> str:
    return display(question, value, lang)


def _applies(item: Any, answers: Mapping[str, Any], today: date) -> bool:
    return evaluate(item.when, answers, today)


def _reasons(
    content: Content, pathway: Pathway, answers: Mapping[str, Any], today: date
) -> tuple[Localised, ...]:
    by_id = content.question_by_id
    out = []
    for leaf in explain(pathway.when, answers, today):
        if leaf.question not in answers:
            continue  # never asked (e.g. "wants to work" for a young child): not a reason
        q = by_id[leaf.question]
        option = q.option(leaf.option) if leaf.option is not None else None

        def text(lang: str, q: Any = q, option: Any = option, why: Any = leaf.why) -> str:
            # A multiple-choice answer: cite the ticked option that made it apply, not them all.
            shown = tr(option.label, lang) if option else display(q, answers.get(q.id), lang)
            line = f"{tr(q.label, lang)}{colon(lang)}{shown}"
            return line + (f" — {tr(why, lang)}" if why else "")

        out.append(localised(text))
    return tuple(out)


def fill(template: str, fields: Mapping[str, str]) -> str | None:
    """A name or note template filled with place fields; None when a field is unknown."""
    try:
        return template.format_map(fields)
    except (KeyError, IndexError, ValueError):
        return None


def resolve_authority(
    content: Content, ref: AuthorityRef | None, answers: Mapping[str, Any]
) -> NamedAuthority | None:
    """The authority a pathway sends the person to, named for their place when known.

    ``overrides`` are keyed by commune INSEE code (five characters) or département code; the
    commune's wins. A note that needs a field the place does not give (a sous-préfecture for a
    bare département) is left out.
    """
    if ref is None:
        return None
    rec = content.authorities[ref.id]
    place = answers.get(ref.place) if ref.place else None
    unknown = rec.name_unknown or rec.name
    source = _source_ref(content, rec.source)
    address = rec.address
    items = list(rec.notes)
    fields: Mapping[str, str] = {}
    template = rec.name
    if place is not None:
        fields = content.geo.template_fields(place)
        override = (rec.overrides.get(place.insee) if place.insee else None) or (
            rec.overrides.get(place.departement)
        )
        if override:
            template = override.name or rec.name
            source = _source_ref(content, override.source)
            address = override.address or address
            items += override.notes

    def name(lang: str) -> str:
        if place is None:
            return tr(unknown, lang)
        return fill(tr(template, lang), fields) or tr(unknown, lang)

    notes = []
    for item in items:
        note = localised(lambda lang, item=item: fill(tr(item.text, lang), fields) or "")
        if all(note.values()):
            notes.append(note)
    return NamedAuthority(rec.kind, localised(name), address, tuple(notes), source)


def _deadline(
    content: Content,
    rule: DeadlineRule,
    answers: Mapping[str, Any],
    today: date,
    pathway: str,
    departement: str | None,
) -> Deadline:
    passed = rule.if_passed
    return deadline(
        rule,
        answers,
        today,
        pathway,
        _source_ref(content, rule.source, rule.articles),
        tuple(_source_ref(content, c.source, c.articles) for c in rule.counting),
        _source_ref(content, passed.source, passed.articles) if passed and passed.source else None,
        departement,
    )


def _notes(
    content: Content, items: Iterable[Item], answers: Mapping[str, Any], today: date
) -> list[Note]:
    return [
        Note(i.text, _source_ref(content, i.source, i.articles) if i.source else None)
        for i in items
        if _applies(i, answers, today)
    ]


def select_pathways(content: Content, answers: Mapping[str, Any], today: date) -> list[Pathway]:
    """The pathways whose conditions hold; the fallback ones only when no other applies."""
    regular = [p for p in content.pathways if not p.fallback and _applies(p, answers, today)]
    if regular:
        return regular
    return [p for p in content.pathways if p.fallback and _applies(p, answers, today)]


def notice(content: Content, notice_id: str) -> Localised:
    """A standing notice from the content (archive banner, indicative dates...)."""
    rec = content.notices.get(notice_id)
    if rec is None:
        raise KeyError(f"notice {notice_id!r} missing from the content")
    return rec.text


def _used_source(content: Content, source_id: str) -> UsedSource:
    """A source as a plan lists it: the same for every plan of this content, made once."""
    made = content.shared.setdefault("used_sources", {})
    used = made.get(source_id)
    if used is None:
        rec = content.sources[source_id]
        used = made[source_id] = UsedSource(
            rec.id,
            rec.ref,
            rec.title,
            rec.status,
            rec.url,
            rec.consulted,
            _dated(rec),
            date.fromisoformat(rec.last_reviewed) if rec.last_reviewed else None,
        )
    return used


def _help(content: Content) -> NamedAuthority | None:
    """Who can help (the content's associations), the same in every plan: made once."""
    if "help" not in content.shared:
        content.shared["help"] = (
            resolve_authority(content, AuthorityRef(HELP_AUTHORITY), {})
            if HELP_AUTHORITY in content.authorities
            else None
        )
    help_: NamedAuthority | None = content.shared["help"]
    return help_


def build_plan(content: Content, answers: Mapping[str, Any], today: date) -> ActionPlan:
    """Assemble the plan for typed ``answers`` that already went through the flow."""
    by_id = content.question_by_id
    results: list[PathwayResult] = []
    documents: dict[str, PlanDocument] = {}
    steps: dict[Any, Localised] = {}
    deadlines: list[Deadline] = []
    costs: list[PlanCost] = []
    recourse: dict[Any, Note] = {}
    notes: dict[Any, Note] = {}
    history: list[Note] = []
    warnings: dict[Any, Localised] = {}
    departement = person_departement(answers)
    cited: list[str] = []  # sources of sentences and further sources of facts
    reviewed: list[str] = []  # last_reviewed of every fact used

    def dated(*facts: Any) -> None:
        for fact in facts:
            if getattr(fact, "source", None):
                cited.append(fact.source)
            cited.extend(c.id for c in fact.dating.sources)
            if fact.dating.last_reviewed:
                reviewed.append(fact.dating.last_reviewed)

    for p in select_pathways(content, answers, today):
        dated(p)
        dated(
            *(
                item
                for item in (*p.steps, *p.warnings, *p.deadlines, *p.costs)
                if _applies(item, answers, today)
            )
        )
        doc_ids = []
        for ref in p.documents:
            if not _applies(ref, answers, today):
                continue
            doc = content.documents[ref.id]
            dated(doc)
            doc_ids.append(doc.id)
            if doc.id not in documents:
                documents[doc.id] = PlanDocument(
                    doc.id,
                    doc.label,
                    doc.details,
                    _source_ref(content, doc.source, doc.articles),
                    doc.status,
                )
        p_steps = {_key(s.text): s.text for s in p.steps if _applies(s, answers, today)}
        # Pathways from one guide share their filing steps: list each step once in the plan.
        for key, text in p_steps.items():
            steps.setdefault(key, text)
        deadlines += [
            _deadline(content, rule, answers, today, p.id, departement)
            for rule in p.deadlines
            if _applies(rule, answers, today)
        ]
        costs += [
            PlanCost(
                c.id,
                c.label,
                c.amount_eur,
                c.payment,
                c.note,
                _source_ref(content, c.source, c.articles),
                c.status,
            )
            for c in p.costs
            if _applies(c, answers, today)
        ]
        for note in _notes(content, p.recourse, answers, today):
            recourse.setdefault((_key(note.text), note.source), note)
        for note in _notes(content, p.notes, answers, today):
            notes.setdefault((_key(note.text), note.source), note)
        history += _notes(content, p.history, answers, today)
        for note in _notes(content, p.warnings, answers, today):
            warnings.setdefault(_key(note.text), note.text)
        reasons = _reasons(content, p, answers, today)
        if not reasons and p.fallback:
            reasons = tuple(
                localised(
                    lambda lang, q=by_id[qid], v=v: (
                        f"{tr(q.label, lang)}{colon(lang)}{display(q, v, lang)}"
                    )
                )
                for qid, v in answers.items()
            )
        results.append(
            PathwayResult(
                id=p.id,
                title=p.title,
                summary=p.summary,
                status=p.status,
                reasons=reasons,
                source=_source_ref(content, p.source, p.articles),
                authority=resolve_authority(content, p.authority, answers),
                documents=tuple(doc_ids),
                steps=tuple(p_steps.values()),
            )
        )

    standing = []
    if any(p.status == "archive" for p in results) or any(
        d.status == "archive" for d in documents.values()
    ):
        standing.append(("first", notice(content, "archive")))
    if any(d.date is not None for d in deadlines):
        standing.append(("last", notice(content, "dates_indicative")))
    if any(d.urgency == "passed" for d in deadlines):
        standing.append(("last", notice(content, "deadline_passed")))
    all_warnings = [text for where, text in standing if where == "first"]
    all_warnings += warnings.values()
    all_warnings += [text for where, text in standing if where == "last"]

    refs: list[SourceRef] = [r.source for r in results]
    refs += [a.source for a in (r.authority for r in results) if a and a.source]
    refs += [d.source for d in documents.values()] + [d.source for d in deadlines]
    refs += [ref for d in deadlines for ref in d.counting]
    refs += [d.if_passed_source for d in deadlines if d.if_passed_source]
    refs += [c.source for c in costs]
    refs += [n.source for n in (*recourse.values(), *notes.values(), *history) if n.source]
    used = dict.fromkeys([*(ref.id for ref in refs), *cited])
    sources = tuple(_used_source(content, s) for s in used)
    # How current the plan is: the oldest review of the facts it quotes and the sources it cites.
    reviews = [date.fromisoformat(d) for d in reviewed]
    reviews += [s.last_reviewed for s in sources if s.last_reviewed is not None]
    advice = content.notices.get(ADVICE_NOTICE)
    # Each answer in words, in a language when it is read (the typed answers do not change).
    answered = tuple(
        (q.label, LazyText(partial(_answer_words, q, answers[q.id])))
        for q in content.questions
        if q.id in answers
    )
    return ActionPlan(
        today=today,
        pathways=tuple(results),
        authority=next((r.authority for r in results if r.authority), None),
        documents=tuple(documents.values()),
        steps=tuple(steps.values()),
        deadlines=tuple(deadlines),
        costs=tuple(costs),
        recourse=tuple(recourse.values()),
        notes=tuple(notes.values()),
        history=tuple(history),
        warnings=tuple({_key(w): w for w in all_warnings}.values()),
        sources=sources,
        answers=answered,
        advice=advice.text if advice else None,
        help=_help(content),
        reviewed=min(reviews) if reviews else None,
    )
