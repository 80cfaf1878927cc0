"""The action plan: a frozen value built from the content and the answers that apply.

Every fact in a plan comes from the content, with its source; this module only selects,
computes dates and assembles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from .answers import display
from .conditions import evaluate, explain
from .content import Content
from .dates import shift
from .text import colon, tr

URGENT_DAYS = 30  # a deadline this close is marked "urgent" (a display choice, not a legal rule)


@dataclass(frozen=True)
class SourceRef:
    id: str
    file: str
    articles: str | None = None


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    title: str
    status: str  # current | archive | superseded


@dataclass(frozen=True)
class Note:
    text: str
    source: SourceRef | None


@dataclass(frozen=True)
class Authority:
    kind: str
    name: str
    address: str | None
    notes: tuple[str, ...]
    source: SourceRef | None


@dataclass(frozen=True)
class Document:
    id: str
    label: str
    details: str
    source: SourceRef
    status: str


@dataclass(frozen=True)
class Deadline:
    id: str
    label: str
    date: date | None
    rule: str
    source: SourceRef
    status: str
    kind: str  # "end": something must be done by this date; "start": a period opens on it
    urgency: str | None  # end: passed | urgent | upcoming; start: open | upcoming; None: no date
    days_left: int | None
    pathway: str


@dataclass(frozen=True)
class Cost:
    id: str
    label: str
    amount_eur: float
    payment: str
    note: str
    source: SourceRef
    status: str


@dataclass(frozen=True)
class PathwayResult:
    id: str
    title: str
    summary: str
    status: str
    reasons: tuple[str, ...]
    source: SourceRef
    authority: Authority | None
    documents: tuple[str, ...]
    steps: tuple[str, ...]


@dataclass(frozen=True)
class ActionPlan:
    lang: str
    today: date
    pathways: tuple[PathwayResult, ...]
    authority: Authority | None
    documents: tuple[Document, ...]
    steps: tuple[str, ...]
    deadlines: tuple[Deadline, ...]
    costs: tuple[Cost, ...]
    recourse: tuple[Note, ...]
    notes: tuple[Note, ...]
    history: tuple[Note, ...]
    warnings: tuple[str, ...]
    sources: tuple[Source, ...]
    answers: tuple[tuple[str, str], ...]  # (question label, answer in words), in order

    @property
    def archive(self) -> bool:
        return any(p.status == "archive" for p in self.pathways)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the plan (the protocol's PLAN)."""
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _source_ref(content: Content, item: Mapping[str, Any]) -> SourceRef:
    sid = item["source"]
    return SourceRef(sid, content.sources[sid]["file"], item.get("articles"))


def _applies(item: Mapping[str, Any], answers: Mapping[str, Any], today: date) -> bool:
    return evaluate(item.get("when"), answers, today)


def _reasons(content: Content, pathway: Mapping[str, Any], answers, today, lang) -> tuple[str, ...]:
    by_id = content.question_by_id
    out = []
    for leaf in explain(pathway.get("when"), answers, today):
        q = by_id[leaf.question]
        if leaf.option is not None and q.option(leaf.option) is not None:
            # A multiple-choice answer: cite the ticked option that made it apply, not them all.
            shown = tr(q.option(leaf.option).label, lang)
        else:
            shown = display(q, answers.get(q.id), lang)
        text = f"{tr(q.label, lang)}{colon(lang)}{shown}"
        if leaf.why:
            text += f" — {tr(leaf.why, lang)}"
        out.append(text)
    return tuple(out)


def fill(template: str, fields: Mapping[str, str]) -> str | None:
    """A name or note template filled with place fields; None when a field is unknown."""
    try:
        return template.format_map(fields)
    except (KeyError, IndexError, ValueError):
        return None


def resolve_authority(
    content: Content, ref: Mapping[str, Any] | None, answers: Mapping[str, Any], lang: str
) -> Authority | None:
    """The authority a pathway sends the person to, named for their place when known.

    ``overrides`` are keyed by commune INSEE code (five characters) or département code; the
    commune's wins. A note that needs a field the place does not give (a sous-préfecture for a
    bare département) is left out.
    """
    if ref is None:
        return None
    rec = content.authorities[ref["id"]]
    place = answers.get(ref["place"]) if ref.get("place") else None
    unknown = tr(rec.get("name_unknown") or rec["name"], lang)
    source = _source_ref(content, rec)
    address = rec.get("address")
    items = list(rec.get("notes", ()))
    fields: Mapping[str, str] = {}
    name = unknown
    if place is not None:
        fields = content.geo.template_fields(place)
        overrides = rec.get("overrides", {})
        override = (overrides.get(place.insee) if place.insee else None) or overrides.get(
            place.departement
        )
        template = tr(rec["name"], lang)
        if override:
            template = tr(override.get("name") or rec["name"], lang)
            source = _source_ref(content, override)
            address = override.get("address", address)
            items += override.get("notes", ())
        name = fill(template, fields) or unknown
    notes = [fill(tr(n["text"], lang), fields) for n in items]
    return Authority(rec["kind"], name, address, tuple(n for n in notes if n), source)


def _deadline(content, item, answers, today, lang, pathway_id) -> Deadline:
    when = None
    spec = item.get("date")
    if spec is not None:
        anchor = answers.get(spec["from"])
        if anchor is not None:
            when = shift(anchor, spec.get("offset", {}))
    kind = item.get("kind", "end")
    urgency = days_left = None
    if when is not None:
        days_left = (when - today).days
        if kind == "start":
            urgency = "open" if days_left <= 0 else "upcoming"
        elif days_left < 0:
            urgency = "passed"
        else:
            urgency = "urgent" if days_left <= URGENT_DAYS else "upcoming"
    return Deadline(
        id=item["id"],
        label=tr(item["label"], lang),
        date=when,
        rule=tr(item["rule"], lang),
        source=_source_ref(content, item),
        status=item["status"],
        kind=kind,
        urgency=urgency,
        days_left=days_left,
        pathway=pathway_id,
    )


def _notes(content, items: Iterable[Mapping[str, Any]], answers, today, lang) -> list[Note]:
    return [
        Note(tr(i["text"], lang), _source_ref(content, i) if "source" in i else None)
        for i in items
        if _applies(i, answers, today)
    ]


def select_pathways(
    content: Content, answers: Mapping[str, Any], today: date
) -> list[Mapping[str, Any]]:
    """The pathways whose conditions hold; the fallback ones only when no other applies."""
    regular = [p for p in content.pathways if not p.get("fallback") and _applies(p, answers, today)]
    if regular:
        return regular
    return [p for p in content.pathways if p.get("fallback") and _applies(p, answers, today)]


def build_plan(content: Content, answers: Mapping[str, Any], today: date, lang: str) -> ActionPlan:
    """Assemble the plan for typed ``answers`` that already went through the flow."""
    by_id = content.question_by_id
    results: list[PathwayResult] = []
    documents: dict[str, Document] = {}
    steps: list[str] = []
    deadlines: list[Deadline] = []
    costs: list[Cost] = []
    recourse: list[Note] = []
    notes: list[Note] = []
    history: list[Note] = []
    warnings: list[str] = []
    used_sources: list[str] = []

    for p in select_pathways(content, answers, today):
        doc_ids = []
        for ref in p.get("documents", ()):
            if not _applies(ref, answers, today):
                continue
            rec = content.documents[ref["id"]]
            doc_ids.append(rec["id"])
            if rec["id"] not in documents:
                documents[rec["id"]] = Document(
                    rec["id"],
                    tr(rec["label"], lang),
                    tr(rec.get("details"), lang),
                    _source_ref(content, rec),
                    rec["status"],
                )
        p_steps = [tr(s["text"], lang) for s in p.get("steps", ()) if _applies(s, answers, today)]
        # Pathways from one guide share their filing steps: list each step once in the plan.
        steps.extend(s for s in dict.fromkeys(p_steps) if s not in steps)
        for item in p.get("deadlines", ()):
            if _applies(item, answers, today):
                deadlines.append(_deadline(content, item, answers, today, lang, p["id"]))
        for item in p.get("costs", ()):
            if _applies(item, answers, today):
                costs.append(
                    Cost(
                        item["id"],
                        tr(item["label"], lang),
                        item["amount_eur"],
                        tr(item.get("payment"), lang),
                        tr(item.get("note"), lang),
                        _source_ref(content, item),
                        item["status"],
                    )
                )
        for note in _notes(content, p.get("recourse", ()), answers, today, lang):
            if note not in recourse:
                recourse.append(note)
        for note in _notes(content, p.get("notes", ()), answers, today, lang):
            if note not in notes:
                notes.append(note)
        history.extend(_notes(content, p.get("history", ()), answers, today, lang))
        warnings.extend(
            n.text for n in _notes(content, p.get("warnings", ()), answers, today, lang)
        )
        reasons = _reasons(content, p, answers, today, lang)
        if not reasons and p.get("fallback"):
            reasons = tuple(
                f"{tr(by_id[q].label, lang)}{colon(lang)}{display(by_id[q], v, lang)}"
                for q, v in answers.items()
            )
        results.append(
            PathwayResult(
                id=p["id"],
                title=tr(p["title"], lang),
                summary=tr(p.get("summary"), lang),
                status=p["status"],
                reasons=reasons,
                source=_source_ref(content, p),
                authority=resolve_authority(content, p.get("authority"), answers, lang),
                documents=tuple(doc_ids),
                steps=tuple(p_steps),
            )
        )

    if any(p.status == "archive" for p in results) or any(
        d.status == "archive" for d in documents.values()
    ):
        warnings.insert(0, _notice(content, "archive", lang))
    if any(d.date is not None for d in deadlines):
        warnings.append(_notice(content, "dates_indicative", lang))
    if any(d.urgency == "passed" for d in deadlines):
        warnings.append(_notice(content, "deadline_passed", lang))

    refs: list[SourceRef] = [r.source for r in results]
    refs += [a.source for a in (r.authority for r in results) if a and a.source]
    refs += [d.source for d in documents.values()] + [d.source for d in deadlines]
    refs += [c.source for c in costs]
    refs += [n.source for n in (*recourse, *notes, *history) if n.source]
    for ref in refs:
        if ref.id not in used_sources:
            used_sources.append(ref.id)
    sources = tuple(
        Source(
            s,
            content.sources[s]["file"],
            tr(content.sources[s]["title"], lang),
            content.sources[s]["status"],
        )
        for s in used_sources
    )
    authority = next((r.authority for r in results if r.authority), None)
    answered = tuple(
        (tr(q.label, lang), display(q, answers[q.id], lang))
        for q in content.questions
        if q.id in answers
    )
    return ActionPlan(
        lang=lang,
        today=today,
        pathways=tuple(results),
        authority=authority,
        documents=tuple(documents.values()),
        steps=tuple(steps),
        deadlines=tuple(deadlines),
        costs=tuple(costs),
        recourse=tuple(recourse),
        notes=tuple(notes),
        history=tuple(history),
        warnings=tuple(dict.fromkeys(warnings)),
        sources=sources,
        answers=answered,
    )


def _notice(content: Content, notice_id: str, lang: str) -> str:
    """A standing notice from the content (archive banner, indicative dates...)."""
    for rec in content.tables.get("notices", ()):
        if rec["id"] == notice_id:
            return tr(rec["text"], lang)
    raise KeyError(f"notice {notice_id!r} missing from the content")
