"""The action plan as Rich renderables: one function, shared by the TUI and the exports.

Meaning never rests on colour alone: urgency is written in words ("DÉPASSÉE", "URGENT"), the
checklist uses "[ ]", warnings start with "!". Styles (bold, colours) only add emphasis, so the
plan reads the same with ``NO_COLOR`` or on a Linux console. Rich only: no Textual here.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .dates import format_date
from .plan import ActionPlan, Deadline, SourceRef
from .render import HEADINGS

# Words the text renderer does not need (it prints the raw day count).
EXTRA = {
    "fr": {
        "ago": "depuis {n} {days}",
        "in": "dans {n} {days}",
        "day": "jour",
        "days": "jours",
        "today": "aujourd'hui",
        "documents_archive": "DOCUMENTS DEMANDÉS À L'ÉPOQUE (ARCHIVE, PLUS EN VIGUEUR)",
        "status": {"archive": "archive", "superseded": "remplacé", "current": "en vigueur"},
    },
    "en": {
        "ago": "{n} {days} ago",
        "in": "in {n} {days}",
        "day": "day",
        "days": "days",
        "today": "today",
        "documents_archive": "DOCUMENTS ASKED FOR AT THE TIME (ARCHIVE, NO LONGER IN FORCE)",
        "status": {"archive": "archive", "superseded": "superseded", "current": "current"},
    },
}

URGENCY_STYLE = {"passed": "bold red", "urgent": "bold yellow", "open": "green"}


def _bullet(marker: str, body: RenderableType, indent: int = 0) -> Table:
    """A hanging-indent line: the marker in its own column so wrapped lines align."""
    grid = Table.grid(padding=0)
    grid.add_column(width=indent + len(marker), no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(" " * indent + marker), body)
    return grid


def _heading(title: str) -> Text:
    return Text(title, style="bold underline")


def _ref(ref: SourceRef, word: str, colon: str) -> Text:
    detail = ref.file + (f", {ref.articles}" if ref.articles else "")
    return Text(f"({word}{colon} {detail})", style="dim")


def deadline_words(d: Deadline, lang: str) -> str:
    """When a deadline falls, in words: the date, its state and the days from today."""
    h, x = HEADINGS.get(lang, HEADINGS["fr"]), EXTRA.get(lang, EXTRA["fr"])
    if d.date is None:
        return h["no_date"]
    words = format_date(d.date, lang)
    if d.urgency:
        words += f" — {h[d.urgency]}"
    if d.days_left is not None:
        n = d.days_left
        # "1 jour" but "2 jours": a plan is read by people, "jour(s)" reads as a form.
        days = x["day"] if abs(n) == 1 else x["days"]
        template = x["ago"] if n < 0 else x["in"]
        when = x["today"] if n == 0 else template.format(n=abs(n), days=days)
        words += f", {when}"
    return words


def plan_renderable(plan: ActionPlan) -> RenderableType:
    """The whole plan, top to bottom, as one Rich renderable (wraps to any width)."""
    lang = plan.lang
    h, x = HEADINGS.get(lang, HEADINGS["fr"]), EXTRA.get(lang, EXTRA["fr"])
    colon = " :" if lang == "fr" else ":"
    parts: list[RenderableType] = [
        Text(h["title"], style="bold"),
        Text(f"{h['made']} {format_date(plan.today, lang)}"),
        Text(""),
    ]

    if plan.warnings:
        parts.append(_heading(h["warnings"]))
        parts += [_bullet("! ", Text(w, style="bold")) for w in plan.warnings]
        parts.append(Text(""))

    parts.append(_heading(h["pathways"]))
    for i, p in enumerate(plan.pathways, 1):
        title = Text(p.title, style="bold")
        tag = x["status"].get(p.status, p.status).upper()
        if p.status != "current" and tag not in p.title.upper():
            title.append(f" [{tag}]")
        parts.append(_bullet(f"{i}. ", title))
        body: list[RenderableType] = []
        if p.summary:
            body.append(Text(p.summary))
        if p.reasons:
            body.append(Text(f"{h['why']}{colon}", style="italic"))
            body += [_bullet("- ", Text(r)) for r in p.reasons]
        if p.authority:
            line = Text(f"{h['authority']}{colon} ", style="bold")
            line.append(p.authority.name, style="not bold")
            body.append(line)
            if p.authority.address:
                body.append(Text(f"{h['address']}{colon} {p.authority.address}"))
            body += [_bullet("  ", Text(n)) for n in p.authority.notes]
        body.append(_ref(p.source, h["source"], colon))
        parts.append(Padding(Group(*body), (0, 0, 1, 3)))

    if plan.steps:
        parts.append(_heading(h["steps"]))
        parts += [_bullet(f"{i:>2}. ", Text(s)) for i, s in enumerate(plan.steps, 1)]
        parts.append(Text(""))

    if plan.documents:
        # Archive documents are history, not a checklist to act on.
        archive = plan.archive
        heading = h.get("documents_archive") or x["documents_archive"]
        parts.append(_heading(heading if archive else h["documents"]))
        for d in plan.documents:
            item = Text(d.label)
            if d.details:
                item.append("\n" + d.details, style="dim")
            parts.append(_bullet("-   " if archive else "[ ] ", item))
        parts.append(Text(""))

    if plan.deadlines:
        parts.append(_heading(h["deadlines"]))
        for d in plan.deadlines:
            marker = "!! " if d.urgency in ("passed", "urgent") else "-  "
            item = Text(f"{d.label}{colon} ")
            item.append(deadline_words(d, lang), style=URGENCY_STYLE.get(d.urgency or "", ""))
            item.append("\n" + d.rule, style="dim")
            parts.append(_bullet(marker, item))
        parts.append(Text(""))

    if plan.costs:
        parts.append(_heading(h["costs"]))
        for c in plan.costs:
            item = Text(f"{c.label}{colon} ")
            item.append(f"{c.amount_eur:g} €", style="bold")
            for extra in (c.payment, c.note):
                if extra:
                    item.append("\n" + extra)
            parts.append(_bullet("- ", item))
        parts.append(Text(""))

    for key, notes in (
        ("recourse", plan.recourse),
        ("notes", plan.notes),
        ("history", plan.history),
    ):
        if notes:
            parts.append(_heading(h[key]))
            parts += [_bullet("- ", Text(n.text)) for n in notes]
            parts.append(Text(""))

    if plan.answers:
        parts.append(_heading(h["answers"]))
        parts += [_bullet("- ", Text(f"{label}{colon} {value}")) for label, value in plan.answers]
        parts.append(Text(""))

    parts.append(_heading(h["sources"]))
    for s in plan.sources:
        status = x["status"].get(s.status, s.status)
        parts.append(_bullet("- ", Text(f"{s.file} — {s.title} [{status}]")))
    return Group(*parts)
