"""Plain-text rendering of an action plan (the ``--format text`` output, printable as is)."""

from __future__ import annotations

import textwrap

from .dates import format_date
from .plan import ActionPlan
from .text import colon

HEADINGS = {
    "fr": {
        "title": "PLAN D'ACTION",
        "made": "Établi le",
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
        "passed": "DÉPASSÉE",
        "urgent": "URGENT",
        "upcoming": "à venir",
        "open": "ouverte",
        "days": "jours",
        "source": "source",
    },
    "en": {
        "title": "ACTION PLAN",
        "made": "Made on",
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
        "passed": "PASSED",
        "urgent": "URGENT",
        "upcoming": "upcoming",
        "open": "open now",
        "days": "days",
        "source": "source",
    },
}

WIDTH = 78


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest) or [first]


def _ref(ref) -> str:
    return ref.file + (f", {ref.articles}" if ref.articles else "")


def render_text(plan: ActionPlan) -> str:
    """The plan as plain text, 78 columns, no colour: readable on any terminal or printer."""
    h = HEADINGS.get(plan.lang, HEADINGS["fr"])
    sep = colon(plan.lang)
    out: list[str] = [h["title"], f"{h['made']} {format_date(plan.today, plan.lang)}", ""]

    def section(title: str) -> None:
        out.extend([title, "-" * len(title)])

    if plan.warnings:
        section(h["warnings"])
        for w in plan.warnings:
            out += _wrap(w, "! ", "  ")
        out.append("")
    section(h["pathways"])
    for i, p in enumerate(plan.pathways, 1):
        out += _wrap(p.title, f"{i}. ", "   ")
        if p.summary:
            out += _wrap(p.summary, "   ", "   ")
        if p.reasons:
            out.append(f"   {h['why']}{sep.rstrip()}")
            for r in p.reasons:
                out += _wrap(r, "   - ", "     ")
        if p.authority:
            out += _wrap(p.authority.name, f"   {h['authority']}{sep}", "     ")
            if p.authority.address:
                out += _wrap(p.authority.address, f"   {h['address']}{sep}", "     ")
            for n in p.authority.notes:
                out += _wrap(n, "     ", "     ")
        out += _wrap(f"({h['source']}{sep}{_ref(p.source)})", "   ", "   ")
        out.append("")
    if plan.steps:
        section(h["steps"])
        for i, s in enumerate(plan.steps, 1):
            out += _wrap(s, f"{i:>2}. ", "    ")
        out.append("")
    if plan.documents:
        # Archive documents are history, not a checklist to act on.
        section(h["documents_archive"] if plan.archive else h["documents"])
        for d in plan.documents:
            out += _wrap(d.label, "- " if plan.archive else "[ ] ", "    ")
            if d.details:
                out += _wrap(d.details, "    ", "    ")
        out.append("")
    if plan.deadlines:
        section(h["deadlines"])
        for d in plan.deadlines:
            if d.date is None:
                when = h["no_date"]
            else:
                flag = h[d.urgency] if d.urgency else ""
                when = f"{format_date(d.date, plan.lang)} — {flag} ({d.days_left} {h['days']})"
            out += _wrap(f"{d.label}{sep}{when}", "- ", "  ")
            out += _wrap(d.rule, "  ", "  ")
        out.append("")
    if plan.costs:
        section(h["costs"])
        for c in plan.costs:
            amount = f"{c.amount_eur:g} €"
            out += _wrap(f"{c.label}{sep}{amount}", "- ", "  ")
            for extra in (c.payment, c.note):
                if extra:
                    out += _wrap(extra, "  ", "  ")
        out.append("")
    for key, notes in (
        ("recourse", plan.recourse),
        ("notes", plan.notes),
        ("history", plan.history),
    ):
        if notes:
            section(h[key])
            for n in notes:
                out += _wrap(n.text, "- ", "  ")
            out.append("")
    if plan.answers:
        section(h["answers"])
        for label, value in plan.answers:
            out += _wrap(f"{label}{sep}{value}", "- ", "  ")
        out.append("")
    section(h["sources"])
    for s in plan.sources:
        out += _wrap(f"{s.file} — {s.title} [{s.status}]", "- ", "  ")
    return "\n".join(out) + "\n"
