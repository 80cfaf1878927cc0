"""The stable JSON shapes of the ``step`` protocol (other tools and tests rely on them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from .content import Content
from .flow import Step
from .model import Question
from .notices import help_contacts, notice
from .qtypes import bound
from .text import tr


def _bound_json(value: Any, today: date) -> Any:
    value = bound(value, today)
    return value.isoformat() if isinstance(value, date) else value


def question_json(question: Question, today: date, lang: str) -> dict[str, Any]:
    return {
        "id": question.id,
        "type": question.type,
        "section": tr(question.section, lang),
        "text": tr(question.text, lang),
        "help": tr(question.help, lang),
        "options": [
            {"id": o.id, "label": tr(o.label, lang)}
            for o in (question.options if question.kind.has_options else ())
        ],
        "min": _bound_json(question.min, today),
        "max": _bound_json(question.max, today),
        "optional": question.optional,
    }


def step_json(
    result: Step, today: date, lang: str, content: Content | None = None
) -> dict[str, Any]:
    """One step as the protocol's JSON; with ``content``, a question step also carries the
    "not legal advice" notice and who can help (a plan carries them in its own fields)."""
    if result.plan is not None:
        from .render import plan_json
        from .sections import sections

        out: dict[str, Any] = {"done": True, "plan": plan_json(sections(result.plan, lang))}
    else:
        assert result.question is not None
        out = {"done": False, "question": question_json(result.question, today, lang)}
        if content is not None:
            out["advice"] = notice(content, "not_legal_advice", lang)
            out["help"] = help_contacts(content, lang)
    out["dropped"] = list(result.dropped)
    return out
