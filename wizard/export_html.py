"""The plan's sections as one self-contained HTML page (``--format html``), made to be printed.

No external font, script or image: the styles are inline, the QR code is an inline SVG. The
print stylesheet is A4, black on white (urgency is written, never only coloured), documents are
real checkboxes, deadlines a table with the weekday, and a pathway is never split across pages.
Every text from the content is escaped.
"""

from __future__ import annotations

from html import escape

from . import qr
from .glyphs import keep_together
from .sections import (
    AnswerItem,
    AuthorityBlock,
    BriefItem,
    CheckItem,
    CostItem,
    DeadlineItem,
    Line,
    PathwayItem,
    PlanSections,
    Section,
    SourceItem,
    summary,
    words,
)
from .text import colon

# The biggest summary a printed code holds (bytes): version 25-L at 3 px a module is ~4 cm.
PRINT_QR_SIDE = 117

STYLE = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
       font-size: 10.5pt; line-height: 1.35; margin: 0 auto; max-width: 48em; padding: 1em; }
h1 { font-size: 17pt; margin: 0 0 .2em; }
h2 { font-size: 12.5pt; margin: 1.1em 0 .4em; padding-bottom: .1em; border-bottom: 1.5pt solid #000;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: .6em 0 .3em; break-after: avoid; page-break-after: avoid; }
p, ul, ol { margin: .3em 0; }
header p { margin: .1em 0; }
.advice { border: 1pt solid #000; padding: .4em .6em; margin: .6em 0; font-style: italic; }
.brief { border: 2pt solid #000; padding: .2em .8em .5em; break-inside: avoid;
         page-break-inside: avoid; display: flex; gap: 1em; align-items: flex-start; }
.brief-text { flex: 1; }
.brief h2 { border: 0; margin-top: .3em; }
.brief ul { list-style: none; padding: 0; }
.brief li { margin: .25em 0; }
.urgent { font-weight: bold; }
tr.urgent td:last-child { font-weight: normal; }
.mark { font-weight: bold; }
.authority { border-left: 3pt solid #000; padding: .1em .7em; margin: .5em 0;
             break-inside: avoid; page-break-inside: avoid; }
.pathway { break-inside: avoid; page-break-inside: avoid; margin-bottom: .8em; }
.source { font-size: 9pt; font-style: italic; }
.url { font-size: 9pt; overflow-wrap: anywhere; }
.moved { font-size: 9pt; }
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist li { break-inside: avoid; margin: .3em 0; }
ul.checklist input { width: 1.1em; height: 1.1em; margin: 0 .5em 0 0; vertical-align: -.15em; }
.details { display: block; margin-left: 1.7em; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: .75pt solid #000; padding: .25em .4em; text-align: left; vertical-align: top; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.qr { flex: none; width: 42mm; margin: .5em 0 0; }
.qr svg { display: block; width: 42mm; height: auto; }
.qr figcaption { font-size: 8pt; }
@media print { body { padding: 0; max-width: none; } a { color: #000; text-decoration: none; } }
"""


def _e(text: str) -> str:
    # French marks keep to their words (no-break spaces): a browser never wraps before them.
    return keep_together(escape(text, quote=True))


def _authority(a: AuthorityBlock, lang: str) -> str:
    w = words(lang)
    sep = colon(lang)
    out = [f'<div class="authority"><p><strong>{_e(w["authority"])}{_e(sep)}</strong>']
    out.append(f"{_e(a.name)}</p>")
    if a.address:
        out.append(f"<p>{_e(w['address'])}{_e(sep)}{_e(a.address)}</p>")
    out += [f"<p>{_e(n)}</p>" for n in a.notes]
    if a.source:
        out.append(f'<p class="source">({_e(a.source.text)})</p>')
    return "".join(out) + "</div>"


def _pathway(item: PathwayItem, lang: str) -> str:
    w = words(lang)
    tag = f" [{_e(item.tag)}]" if item.tag else ""
    out = [f'<article class="pathway"><h3>{item.number}. {_e(item.title)}{tag}</h3>']
    if item.summary:
        out.append(f"<p>{_e(item.summary)}</p>")
    if item.reasons:
        out.append(f"<p><em>{_e(w['why'])}{_e(colon(lang).rstrip())}</em></p><ul>")
        out += [f"<li>{_e(r)}</li>" for r in item.reasons]
        out.append("</ul>")
    if item.authority:
        out.append(_authority(item.authority, lang))
    out.append(f'<p class="source">({_e(item.source.text)})</p></article>')
    return "".join(out)


def _section(section: Section, lang: str, qr_block: str = "") -> str:
    w = words(lang)
    sep = colon(lang)
    items = section.items
    head = f"<h2>{_e(section.title)}</h2>"
    if section.id == "brief":
        lines = []
        for b in items:
            assert isinstance(b, BriefItem)
            label = f"<strong>{_e(b.label)}{_e(sep)}</strong>" if b.label else ""
            mark = f'<span class="mark">{_e(b.mark)} </span>' if b.urgent else ""
            cls = ' class="urgent"' if b.urgent else ""
            lines.append(f"<li{cls}>{mark}{label}{_e(b.text)}</li>")
        brief = f'<div class="brief-text">{head}<ul>{"".join(lines)}</ul></div>'
        return f'<section class="brief" id="brief">{brief}{qr_block}</section>'
    if section.id == "pathways":
        body = "".join(_pathway(p, lang) for p in items if isinstance(p, PathwayItem))
    elif section.id == "documents":
        lines = []
        for d in items:
            assert isinstance(d, CheckItem)
            details = f'<span class="details">{_e(d.details)}</span>' if d.details else ""
            box = '<input type="checkbox"> ' if d.checkbox else "– "
            lines.append(f"<li><label>{box}{_e(d.label)}</label>{details}</li>")
        body = f'<ul class="checklist">{"".join(lines)}</ul>'
    elif section.id == "deadlines":
        cols = (w["col_deadline"], w["col_date"], w["col_state"], w["col_rule"])
        rows = []
        for d in items:
            assert isinstance(d, DeadlineItem)
            mark = f'<span class="mark">{_e(d.symbol.strip())} </span>' if d.urgent else ""
            cls = ' class="urgent"' if d.urgent else ""
            moved = f'<br><span class="moved">{_e(d.moved)}</span>' if d.moved else ""
            rule = _e(d.rule) + (f"<br>{_e(d.counting)}" if d.counting else "")
            if d.counting_refs:
                rule += f'<br><span class="source">({_e(d.counting_refs)})</span>'
            if d.if_passed:
                rule += f"<br><strong>{_e(w['if_passed'])}{_e(sep)}</strong>{_e(d.if_passed)}"
            rows.append(
                f"<tr{cls}><td>{mark}{_e(d.label)}</td><td>{_e(d.day)}{moved}</td>"
                f"<td>{_e(d.standing or d.state or '')}</td><td>{rule}"
                f'<br><span class="source">({_e(d.source.text)})</span></td></tr>'
            )
        th = "".join(f"<th>{_e(c)}</th>" for c in cols)
        body = f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    elif section.id == "steps":
        body = "<ol>" + "".join(f"<li>{_e(s.text)}</li>" for s in items if isinstance(s, Line))
        body += "</ol>"
    else:
        lines = []
        for item in items:
            if isinstance(item, CostItem):
                extra = "".join(f"<br>{_e(x)}" for x in (item.payment, item.note) if x)
                lines.append(f"<li>{_e(item.label)}{_e(sep)}<strong>{_e(item.amount)}</strong>")
                lines.append(f'{extra} <span class="source">({_e(item.source.text)})</span></li>')
            elif isinstance(item, AnswerItem):
                lines.append(f"<li>{_e(item.label)}{_e(sep)}{_e(item.value)}</li>")
            elif isinstance(item, SourceItem):
                url = f'<br><span class="url">{_e(item.url)}</span>' if item.url else ""
                read = f" ({_e(item.read)})" if item.url and item.read else ""
                lines.append(f"<li>{_e(item.text)}{url}{read}</li>")
            elif isinstance(item, Line):
                mark = '<span class="mark">! </span>' if section.id == "warnings" else ""
                src = ""
                if item.source and section.id != "warnings":
                    src = f' <span class="source">({_e(item.source.text)})</span>'
                lines.append(f"<li>{mark}{_e(item.text)}{src}</li>")
        body = f"<ul>{''.join(lines)}</ul>"
    return f'<section id="{_e(section.id)}">{head}{body}</section>'


def render_html(plan: PlanSections) -> str:
    """The whole plan as one HTML document: header, "en bref", authority, sections, QR code."""
    w = words(plan.lang)
    title, *rest = plan.header
    notes = (plan.advice, plan.help)
    header = [f"<h1>{_e(title)}</h1>"]
    header += [f"<p>{_e(line)}</p>" for line in rest if line not in notes]
    advice = "".join(f"<p>{_e(line)}</p>" for line in notes if line)
    if advice:
        header.append(f'<div class="advice">{advice}</div>')
    body = [f"<header>{''.join(header)}</header>"]
    # The QR code sits in "en bref", on the first page, where a phone can take it at once.
    short = summary(plan, qr.fits_in(PRINT_QR_SIDE))
    code = qr.svg(short.text, title=str(w["qr_caption"])) if short.text else ""
    qr_block = ""
    if code:
        left = ""
        if short.left_out:
            left = f"<br>{_e(str(w['qr_left_out']))}{_e(colon(plan.lang))}{_e(short.left_out)}"
        qr_block = (
            f'<figure class="qr" id="qr">{code}<figcaption>{_e(w["qr_caption"])}{left}'
            "</figcaption></figure>"
        )
    for section in plan.sections:
        body.append(_section(section, plan.lang, qr_block if section.id == "brief" else ""))
        if section.id == "brief" and plan.authority:
            # Where to go, in full, right after "en bref".
            body.append(_authority(plan.authority, plan.lang))
    lang = _e(plan.lang)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)} — {_e(plan.made)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
