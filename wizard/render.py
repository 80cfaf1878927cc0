"""Plain-text and JSON renderings of a plan's sections (``--format text`` and ``--format json``).

Both only format what ``sections`` built: the order and the words are decided there.
"""

from __future__ import annotations

import textwrap
from typing import Any

from .glyphs import keep_together
from .sections import (
    AnswerItem,
    BriefItem,
    CheckItem,
    CostItem,
    DeadlineItem,
    Line,
    PathwayItem,
    PlanSections,
    SourceItem,
    words,
)
from .text import colon

WIDTH = 78
# The JSON keys of the protocol's PLAN, in order; each is one section's items (or nothing).
JSON_KEYS = (
    "brief",
    "pathways",
    "authority",
    "documents",
    "steps",
    "deadlines",
    "costs",
    "recourse",
    "notes",
    "history",
    "warnings",
    "sources",
    "answers",
)


def _wrap(text: str, first: str, rest: str, break_words: bool = True) -> list[str]:
    return textwrap.wrap(
        keep_together(text),
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=break_words,
        break_on_hyphens=break_words,
    ) or [first]


def _item_lines(item: Any, lang: str) -> list[str]:
    sep = colon(lang)
    w = words(lang)
    if isinstance(item, PathwayItem):
        title = item.title + (f" [{item.tag}]" if item.tag else "")
        out = _wrap(title, f"{item.number}. ", "   ")
        if item.summary:
            out += _wrap(item.summary, "   ", "   ")
        if item.reasons:
            out.append(f"   {w['why']}{sep.rstrip()}")
            for r in item.reasons:
                out += _wrap(r, "   - ", "     ")
        a = item.authority
        if a:
            out += _wrap(a.name, f"   {w['authority']}{sep}", "     ")
            if a.address:
                out += _wrap(a.address, f"   {w['address']}{sep}", "     ")
            for n in a.notes:
                out += _wrap(n, "     ", "     ")
        return out + _wrap(f"({item.source.text})", "   ", "   ") + [""]
    if isinstance(item, CheckItem):
        out = _wrap(item.label, "[ ] " if item.checkbox else "- ", "    ")
        return out + (_wrap(item.details, "    ", "    ") if item.details else [])
    if isinstance(item, DeadlineItem):
        out = _wrap(f"{item.label}{sep}{item.when}", f"{item.symbol} ", "   ")
        for extra in (item.moved, item.if_passed and f"{w['if_passed']}{sep}{item.if_passed}"):
            if extra:
                out += _wrap(f"> {extra}", "   ", "     ")
        out += _wrap(item.rule, "   ", "   ")
        if item.counting:
            out += _wrap(item.counting, "   ", "   ")
        if item.counting_refs:
            out += _wrap(f"({item.counting_refs})", "   ", "   ")
        return out
    if isinstance(item, CostItem):
        out = _wrap(f"{item.label}{sep}{item.amount}", "- ", "  ")
        for extra in (item.payment, item.note):
            if extra:
                out += _wrap(extra, "  ", "  ")
        return out
    if isinstance(item, AnswerItem):
        return _wrap(f"{item.label}{sep}{item.value}", "- ", "  ")
    if isinstance(item, SourceItem):
        out = _wrap(item.text, "", "    ")
        if item.url:
            # An address is never cut: it must stay typeable.
            out += _wrap(item.url, "    ", "    ", break_words=False)
            if item.read:
                out += _wrap(f"({item.read})", "    ", "    ")
        return out
    if isinstance(item, BriefItem):
        return _wrap(item.line, f"{item.mark:<2} " if item.urgent else "- ", "   ")
    assert isinstance(item, Line)
    return _wrap(item.text, "- ", "  ")


def render_text(plan: PlanSections) -> str:
    """The plan as plain text, 78 columns, no colour: readable on any terminal or printer."""
    out: list[str] = []
    for line in plan.header:
        out += _wrap(line, "", "")
    out.append("")
    for section in plan.sections:
        out += [section.title, "-" * len(section.title)]
        for i, item in enumerate(section.items, 1):
            if section.id == "warnings" and isinstance(item, Line):
                out += _wrap(item.text, "! ", "  ")
            elif section.id == "steps" and isinstance(item, Line):
                out += _wrap(item.text, f"{i:>2}. ", "    ")
            else:
                out += _item_lines(item, plan.lang)
        if section.id != "pathways":
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def plan_json(plan: PlanSections) -> dict[str, Any]:
    """The protocol's PLAN: each section's items under its key, and the sections' order."""
    out: dict[str, Any] = {
        "lang": plan.lang,
        "today": plan.today.isoformat(),
        "title": plan.title,
        "made": plan.made,
        "reviewed": plan.reviewed_date.isoformat() if plan.reviewed_date else None,
        "reviewed_text": plan.reviewed,
        "advice": plan.advice,
        "help": plan.help,
    }
    for key in JSON_KEYS:
        if key == "authority":
            out[key] = plan.authority.to_json() if plan.authority else None
            continue
        section = plan.section(key)
        out[key] = [item.to_json() for item in section.items] if section else []
    out["sections"] = [{"id": s.id, "title": s.title} for s in plan.sections]
    return out
