"""The plan's sections as one Rich renderable, shared by the TUI and the exports.

Meaning never rests on colour alone: urgency is written in words ("DÉPASSÉE", "URGENT"), the
checklist uses "[ ]", warnings start with "!". Styles (bold, colours) only add emphasis, so the
plan reads the same with ``NO_COLOR`` or on a Linux console. Rich only: no Textual here.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group, RenderableType
from rich.containers import Lines
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text as RichText

from .glyphs import NBSP, keep_together
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
    SourceLine,
    words,
)

GUARD = "\ue000"  # a private character that is no space: Rich never wraps there


class Text(RichText):
    """Every text of the plan: French marks keep to their words (no-break spaces before : ; ?
    ! » € and in numbers), and Rich, which breaks at any space, never wraps at those."""

    def __init__(self, text: str = "", style: str | Style = "", **kwargs: Any) -> None:
        super().__init__(keep_together(text), style, **kwargs)

    def append(self, text: str | RichText, style: str | Style | None = None) -> RichText:
        return super().append(keep_together(text) if isinstance(text, str) else text, style)

    def wrap(self, console: Console, width: int, **kwargs: Any) -> Lines:
        if NBSP not in self.plain:
            return super().wrap(console, width, **kwargs)
        guarded = self.copy()
        guarded.plain = self.plain.replace(NBSP, GUARD)  # same length: the styles stay put
        lines = RichText.wrap(guarded, console, width, **kwargs)
        for line in lines:
            line.plain = line.plain.replace(GUARD, NBSP)
        return lines


URGENCY_STYLE = {"passed": "bold red", "urgent": "bold yellow", "open": "green"}


def _bullet(marker: str, body: RenderableType, indent: int = 0) -> Table:
    """A hanging-indent line: the marker in its own column so wrapped lines align."""
    grid = Table.grid(padding=0)
    grid.add_column(width=indent + len(marker), no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(" " * indent + marker), body)
    return grid


def _source(source: SourceLine) -> Text:
    return Text(f"({source.text})", style="dim")


def _pathway(item: PathwayItem, lang: str) -> list[RenderableType]:
    w = words(lang)
    colon = " :" if lang == "fr" else ":"
    title = Text(item.title, style="bold")
    if item.tag:
        title.append(f" [{item.tag}]")
    body: list[RenderableType] = []
    if item.summary:
        body.append(Text(item.summary))
    if item.reasons:
        body.append(Text(f"{w['why']}{colon}", style="italic"))
        body += [_bullet("- ", Text(r)) for r in item.reasons]
    a = item.authority
    if a:
        line = Text(f"{w['authority']}{colon} ", style="bold")
        line.append(a.name, style="not bold")
        body.append(line)
        if a.address:
            body.append(Text(f"{w['address']}{colon} {a.address}"))
        body += [_bullet("  ", Text(n)) for n in a.notes]
    body.append(_source(item.source))
    return [_bullet(f"{item.number}. ", title), Padding(Group(*body), (0, 0, 1, 3))]


def _item(item: object, lang: str) -> RenderableType:
    colon = " :" if lang == "fr" else ":"
    w = words(lang)
    if isinstance(item, CheckItem):
        text = Text(item.label)
        if item.details:
            text.append("\n" + item.details, style="dim")
        return _bullet("[ ] " if item.checkbox else "-   ", text)
    if isinstance(item, DeadlineItem):
        text = Text(f"{item.label}{colon} ")
        text.append(item.when, style=URGENCY_STYLE.get(item.urgency or "", ""))
        if item.moved:
            text.append(f"\n> {item.moved}", style="bold")
        if item.if_passed:
            text.append(f"\n> {w['if_passed']}{colon} {item.if_passed}", style="bold")
        text.append("\n" + item.rule, style="dim")
        if item.counting:
            text.append("\n" + item.counting, style="dim")
        if item.counting_refs:
            text.append(f"\n({item.counting_refs})", style="dim")
        return _bullet(f"{item.symbol} ", text)
    if isinstance(item, CostItem):
        text = Text(f"{item.label}{colon} ")
        text.append(item.amount, style="bold")
        for extra in (item.payment, item.note):
            if extra:
                text.append("\n" + extra)
        return _bullet("- ", text)
    if isinstance(item, AnswerItem):
        return _bullet("- ", Text(f"{item.label}{colon} {item.value}"))
    if isinstance(item, SourceItem):
        text = Text(item.text)
        if item.url:
            # An address is folded, never cut with an ellipsis: it must stay typeable.
            text.overflow = "fold"
            text.append(f"\n{item.url}", style="dim")
            if item.read:
                text.append(f" ({item.read})", style="dim")
        return text
    if isinstance(item, BriefItem):
        text = Text()
        if item.label:
            text.append(f"{item.label}{colon} ", style="bold")
        text.append(item.text, style="bold" if item.urgent else "")
        return _bullet(f"{item.mark:<2} " if item.urgent else "-  ", text)
    assert isinstance(item, Line)
    return _bullet("- ", Text(item.text))


def plan_renderable(plan: PlanSections) -> RenderableType:
    """The whole plan, top to bottom, as one Rich renderable (wraps to any width)."""
    title, *rest = plan.header
    parts: list[RenderableType] = [Text(title, style="bold")]
    parts += [
        Text(line, style="italic" if line in (plan.advice, plan.help) else "") for line in rest
    ]
    parts.append(Text(""))
    for section in plan.sections:
        parts.append(Text(section.title, style="bold underline"))
        for i, item in enumerate(section.items, 1):
            if isinstance(item, PathwayItem):
                parts += _pathway(item, plan.lang)
            elif section.id == "warnings" and isinstance(item, Line):
                parts.append(_bullet("! ", Text(item.text, style="bold")))
            elif section.id == "steps" and isinstance(item, Line):
                parts.append(_bullet(f"{i:>2}. ", Text(item.text)))
            else:
                parts.append(_item(item, plan.lang))
        if section.id != "pathways":
            parts.append(Text(""))
    while parts and isinstance(parts[-1], Text) and not parts[-1].plain:
        parts.pop()
    return Group(*parts)
