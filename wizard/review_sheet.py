"""The review sheet: every fact of the content, one row each, for a lawyer or an association to
sign off without reading JSON (``parcours content export --format csv|md``).

Rows: each fee, fine and time limit (written once in the content source, with the pathways that
quote it), each pathway with its sentences (steps, recourse, notes, warnings, history), each
document and each authority. Nothing here knows a legal fact: it only lays the content out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .content import Content, Records
from .model import Dating, Fact, Item, Pathway, Question
from .text import Localised, tr

COLUMNS = (
    "pathway",
    "kind",
    "id",
    "french",
    "english",
    "amount_or_time_limit",
    "applies_when",
    "sources",
    "status",
    "valid_from",
    "valid_until",
    "last_reviewed",
)

HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "pathway": "Démarche",
        "kind": "Type",
        "id": "Identifiant",
        "french": "Français",
        "english": "Anglais",
        "amount_or_time_limit": "Montant ou délai",
        "applies_when": "S'applique quand",
        "sources": "Sources",
        "status": "Statut",
        "valid_from": "En vigueur depuis",
        "valid_until": "Plus en vigueur après",
        "last_reviewed": "Dernière vérification",
    },
    "en": {
        "pathway": "Pathway",
        "kind": "Kind",
        "id": "Id",
        "french": "French",
        "english": "English",
        "amount_or_time_limit": "Amount or time limit",
        "applies_when": "Applies when",
        "sources": "Sources",
        "status": "Status",
        "valid_from": "In force from",
        "valid_until": "No longer in force after",
        "last_reviewed": "Last reviewed",
    },
}

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "and": " et ",
        "or": " ou ",
        "not": "non ({})",
        "answered": "{} : répondu",
        "ticked": "{} : « {} » coché",
        "always": "toujours (pour cette démarche)",
        "today": "aujourd'hui",
        "consulted": "consulté le {}",
        "dated": "texte du {}",
        "used_by": "cité par : {}",
        "unused": "non cité (règle plus ancienne gardée pour mémoire)",
    },
    "en": {
        "and": " and ",
        "or": " or ",
        "not": "not ({})",
        "answered": "{}: answered",
        "ticked": "{}: '{}' ticked",
        "always": "always (for this pathway)",
        "today": "today",
        "consulted": "consulted {}",
        "dated": "text of {}",
        "used_by": "used by: {}",
        "unused": "not used (older rule kept on record)",
    },
}
UNITS = {
    "years": (("an", "ans"), ("year", "years")),
    "months": (("mois", "mois"), ("month", "months")),
    "days": (("jour", "jours"), ("day", "days")),
    "working_days": (("jour ouvré", "jours ouvrés"), ("working day", "working days")),
    "hours": (("heure", "heures"), ("hour", "hours")),
}
COMPARE = {"lt": "<", "lte": "≤", "gt": ">", "gte": "≥"}
FORMATS = ("csv", "md")


@dataclass(frozen=True)
class Row:
    pathway: str
    kind: str
    id: str
    french: str
    english: str
    amount_or_time_limit: str
    applies_when: str
    sources: str
    status: str
    valid_from: str
    valid_until: str
    last_reviewed: str

    def cells(self) -> tuple[str, ...]:
        return tuple(getattr(self, c) for c in COLUMNS)


def euros(amount: float, lang: str) -> str:
    text = f"{int(amount):,}" if float(amount).is_integer() else f"{amount:,.2f}"
    return text.replace(",", " ").replace(".", ",") + " €" if lang == "fr" else "€" + text


def duration(spec: Mapping[str, int], lang: str) -> str:
    parts = []
    for unit, n in spec.items():
        fr, en = UNITS.get(unit, ((unit, unit), (unit, unit)))
        one, many = fr if lang == "fr" else en
        parts.append(f"{abs(n)} {one if abs(n) == 1 else many}")
    return (" et " if lang == "fr" else " and ").join(parts)


class Sheet:
    """Builds the rows of one content, with the words of one language for conditions."""

    def __init__(self, content: Content, lang: str = "fr") -> None:
        self.records: Records = content.records
        self.lang = lang
        self.words = WORDS[lang]
        self.questions: dict[str, Question] = {q.id: q for q in self.records.questions}
        self.sources = {s.id: s for s in self.records.sources}

    # -- words ----------------------------------------------------------------------------

    def value(self, qid: str, value: Any) -> str:
        question = self.questions.get(qid.split(".")[0])
        if isinstance(value, bool):
            return {True: "oui", False: "non"}[value] if self.lang == "fr" else str(value).lower()
        if isinstance(value, Mapping) and "today" in value:
            shift = duration(value["today"], self.lang) if value["today"] else ""
            sign = "−" if any(n < 0 for n in value["today"].values()) else "+"
            return self.words["today"] + (f" {sign} {shift}" if shift else "")
        if question is not None and isinstance(value, str):
            option = question.option(value)
            if option is not None:
                return tr(option.label, self.lang)
        return str(value)

    def label(self, qid: str) -> str:
        question = self.questions.get(qid.split(".")[0])
        name = tr(question.label, self.lang) if question else qid
        return f"{name} ({qid.split('.', 1)[1]})" if "." in qid else name

    def when(self, cond: Mapping[str, Any] | None) -> str:
        """A condition in words: its ``why`` where the content gives one."""
        if cond is None:
            return self.words["always"]
        why = cond.get("why")
        if isinstance(why, Mapping):
            bare = self.when({k: v for k, v in cond.items() if k != "why"})
            return f"{bare} ({tr(why, self.lang)})"
        op = next((k for k in cond if k != "why"), "")
        arg: Any = cond[op]
        if op in ("all", "any"):
            joined = self.words["and" if op == "all" else "or"].join(self.when(c) for c in arg)
            return f"({joined})" if op == "any" and len(arg) > 1 else joined
        if op == "not":
            return self.words["not"].format(self.when(arg))
        if op == "answered":
            return self.words["answered"].format(self.label(arg))
        qid, value = arg
        if op == "equals":
            return f"{self.label(qid)} = {self.value(qid, value)}"
        if op == "in":
            return f"{self.label(qid)} ∈ {{{' / '.join(self.value(qid, v) for v in value)}}}"
        if op == "contains":
            return self.words["ticked"].format(self.label(qid), self.value(qid, value))
        return f"{self.label(qid)} {COMPARE.get(op, op)} {self.value(qid, value)}"

    def cite(self, source: str | None, articles: str | None, dating: Dating | None) -> str:
        cites = [(source, articles)] if source else []
        if dating is not None:
            cites += [(c.id, c.articles) for c in dating.sources]
        out = []
        for sid, art in cites:
            src = self.sources.get(sid) if sid else None
            if src is None:
                continue
            where = src.file or src.url or ""
            extra = [self.words["dated"].format(src.date)] if src.date else []
            if src.consulted:
                extra.append(self.words["consulted"].format(src.consulted))
            text = f"{sid} ({where}{', ' + ', '.join(extra) if extra else ''})"
            out.append(f"{text} {art}" if art else text)
        return " ; ".join(out)

    def row(
        self,
        pathway: str,
        kind: str,
        rid: str,
        text: Localised,
        *,
        value: str = "",
        when: str = "",
        source: str | None = None,
        articles: str | None = None,
        status: str = "",
        dating: Dating | None = None,
    ) -> Row:
        d = dating or Dating()
        return Row(
            pathway=pathway,
            kind=kind,
            id=rid,
            french=text.get("fr", ""),
            english=text.get("en", ""),
            amount_or_time_limit=value,
            applies_when=when,
            sources=self.cite(source, articles, d),
            status=status,
            valid_from=d.valid_from or "",
            valid_until=d.valid_until or "",
            last_reviewed=d.last_reviewed or "",
        )

    # -- rows -----------------------------------------------------------------------------

    def fact_value(self, fact: Fact) -> str:
        if fact.kind == "time_limit":
            return duration(fact.duration or fact.offset, self.lang)
        return euros(fact.amount_eur or 0, self.lang)

    def fact_rows(self) -> Iterator[Row]:
        users: dict[str, list[str]] = {}
        for p in self.records.pathways:
            for fid in [c.id for c in p.costs] + [d.id for d in p.deadlines]:
                if p.id not in users.setdefault(fid, []):
                    users[fid].append(p.id)
        for fact in self.records.facts:
            text = {
                lang: " — ".join(
                    tr(t, lang) for t in (fact.label, fact.rule, fact.note) if t is not None
                )
                for lang in ("fr", "en")
            }
            used = users.get(fact.id, [])
            quoted = [q.split(":", 1)[1] for q in fact.quoted_by if q.startswith("pathways:")]
            used += [q for q in quoted if q not in used]
            mentions = used + [q for q in fact.quoted_by if not q.startswith("pathways:")]
            when = (
                self.words["used_by"].format(", ".join(mentions))
                if mentions
                else self.words["unused"]
            )
            yield self.row(
                ", ".join(used or ()),
                fact.kind,
                fact.id,
                text,
                value=self.fact_value(fact),
                when=when,
                source=fact.source,
                articles=fact.articles,
                status=fact.status,
                dating=fact.dating,
            )

    def pathway_rows(self, p: Pathway) -> Iterator[Row]:
        summary = {
            lang: tr(p.title, lang) + (f" — {tr(p.summary, lang)}" if p.summary else "")
            for lang in ("fr", "en")
        }
        yield self.row(
            p.id,
            "pathway",
            p.id,
            summary,
            when=self.when(p.when),
            source=p.source,
            articles=p.articles,
            status=p.status,
            dating=p.dating,
        )
        groups: tuple[tuple[str, tuple[Item, ...]], ...] = (
            ("step", p.steps),
            ("recourse", p.recourse),
            ("note", p.notes),
            ("warning", p.warnings),
            ("history", p.history),
        )
        for kind, items in groups:
            for i, item in enumerate(items, 1):
                yield self.row(
                    p.id,
                    kind,
                    f"{p.id}.{kind}{i}",
                    item.text,
                    when=self.when(item.when) if item.when else "",
                    source=item.source or p.source,
                    articles=item.articles,
                    status="archive" if kind == "history" else p.status,
                    dating=item.dating,
                )

    def rows(self) -> Iterator[Row]:
        yield from self.fact_rows()
        used_by: dict[str, list[str]] = {}
        for p in sorted(self.records.pathways, key=lambda p: (p.flow != "main", p.order)):
            for ref in p.documents:
                used_by.setdefault(ref.id, []).append(p.id)
            yield from self.pathway_rows(p)
        for doc in self.records.documents:
            text = {
                lang: tr(doc.label, lang) + (f" — {tr(doc.details, lang)}" if doc.details else "")
                for lang in ("fr", "en")
            }
            yield self.row(
                ", ".join(used_by.get(doc.id, ())),
                "document",
                doc.id,
                text,
                source=doc.source,
                articles=doc.articles,
                status=doc.status,
                dating=doc.dating,
            )
        for auth in self.records.authorities:
            yield self.row(
                "",
                "authority",
                auth.id,
                auth.name,
                source=auth.source,
                status="current",
                dating=auth.dating,
            )


def rows(content: Content, lang: str = "fr") -> list[Row]:
    return list(Sheet(content, lang).rows())


def to_csv(sheet: list[Row], lang: str = "fr") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([HEADERS[lang][c] for c in COLUMNS])
    for row in sheet:
        writer.writerow(row.cells())
    return out.getvalue()


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def to_markdown(sheet: list[Row], lang: str = "fr") -> str:
    title = "Fiche de relecture du contenu" if lang == "fr" else "Content review sheet"
    lines = [f"# {title}", ""]
    lines.append("| " + " | ".join(HEADERS[lang][c] for c in COLUMNS) + " |")
    lines.append("|" + "---|" * len(COLUMNS))
    for row in sheet:
        lines.append("| " + " | ".join(_md_cell(c) for c in row.cells()) + " |")
    return "\n".join(lines) + "\n"


def export(content: Content, fmt: str, lang: str = "fr") -> str:
    """The review sheet as text: ``fmt`` is "csv" or "md"."""
    sheet = rows(content, lang)
    return to_csv(sheet, lang) if fmt == "csv" else to_markdown(sheet, lang)
