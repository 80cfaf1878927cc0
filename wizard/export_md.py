"""The plan's sections as Markdown (``--format md``): plain text with no escape codes.

Only formats what ``sections`` built; every text from the content is escaped, so a ``*`` or a
``|`` in a label never turns into emphasis or a table cell.
"""

from __future__ import annotations

import re

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
    SectionItem,
    SourceItem,
    words,
)
from .text import colon

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(text: str) -> str:
    """Text from the content, inert in Markdown: specials escaped, one line, French marks kept
    with their words."""
    return keep_together(_SPECIAL.sub(r"\\\1", " ".join(text.split())))


def _item(item: SectionItem, section: str, index: int, lang: str) -> list[str]:
    sep = colon(lang)
    w = words(lang)
    if isinstance(item, BriefItem):
        label = f"**{md(item.label)}{sep.rstrip()}** " if item.label else ""
        mark = f"**{item.mark}** " if item.urgent else ""
        return [f"- {mark}{label}{md(item.text)}"]
    if isinstance(item, PathwayItem):
        tag = f" \\[{md(item.tag)}\\]" if item.tag else ""
        out = [f"### {item.number}. {md(item.title)}{tag}", ""]
        if item.summary:
            out += [md(item.summary), ""]
        if item.reasons:
            out += [f"*{md(w['why'])}{sep.rstrip()}*", ""]
            out += [f"- {md(r)}" for r in item.reasons] + [""]
        a = item.authority
        if a:
            out.append(f"**{md(w['authority'])}{sep.rstrip()}** {md(a.name)}  ")
            if a.address:
                out.append(f"{md(w['address'])}{sep}{md(a.address)}  ")
            out += [f"{md(n)}  " for n in a.notes]
        return [*out, f"*({md(item.source.text)})*", ""]
    if isinstance(item, CheckItem):
        box = "- [ ] " if item.checkbox else "- "
        details = f"  \n  {md(item.details)}" if item.details else ""
        return [f"{box}{md(item.label)}{details}"]
    if isinstance(item, DeadlineItem):
        mark = f"**{item.symbol.strip()}** " if item.urgent else ""
        day = md(item.day) + (f" ({md(item.moved)})" if item.moved else "")
        rule = " ".join(md(x) for x in (item.rule, item.counting) if x)
        if item.counting_refs:
            rule += f" *({md(item.counting_refs)})*"
        if item.if_passed:
            rule += f" **{md(w['if_passed'])}{sep.rstrip()}** {md(item.if_passed)}"
        cells = (f"{mark}{md(item.label)}", day, md(item.standing or item.state or ""), rule)
        return ["| " + " | ".join(cells) + " |"]
    if isinstance(item, CostItem):
        out = [f"- {md(item.label)}{sep}**{md(item.amount)}**"]
        out += [f"  {md(extra)}" for extra in (item.payment, item.note) if extra]
        return ["  \n".join(out)]
    if isinstance(item, AnswerItem):
        return [f"- {md(item.label)}{sep}{md(item.value)}"]
    if isinstance(item, SourceItem):
        # An address is written whole (in code, so no character in it is read as Markdown).
        url = ""
        if item.url:
            url = f"  \n  `{item.url}`" + (f" ({md(item.read)})" if item.read else "")
        return [f"- {md(item.text)}{url}"]
    assert isinstance(item, Line)
    if section == "steps":
        return [f"{index}. {md(item.text)}"]
    prefix = "**!** " if section == "warnings" else ""
    source = f" *({md(item.source.text)})*" if item.source and section != "warnings" else ""
    return [f"- {prefix}{md(item.text)}{source}"]


def render_md(plan: PlanSections) -> str:
    """The whole plan as Markdown, "en bref" first."""
    w = words(plan.lang)
    title, *rest = plan.header
    out = [f"# {md(title)}", ""]
    out += [f"{md(line)}  " for line in rest if line not in (plan.advice, plan.help)]
    out.append("")
    out += [f"> {md(line)}  " for line in (plan.advice, plan.help) if line]
    out.append("")
    for section in plan.sections:
        out += [f"## {md(section.title)}", ""]
        if section.id == "deadlines":
            head = (w["col_deadline"], w["col_date"], w["col_state"], w["col_rule"])
            out += ["| " + " | ".join(head) + " |", "|---|---|---|---|"]
        for i, item in enumerate(section.items, 1):
            out += _item(item, section.id, i, plan.lang)
        if out[-1] != "":
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
