"""Helpers for the scenario tests: drive the engine with a full set of answers and read the plan."""

from __future__ import annotations

from datetime import date
from typing import Any

from parcours.wizard.content import Content
from parcours.wizard.flow import step
from parcours.wizard.plan import ActionPlan, PathwayResult


def plan_for(
    content: Content, answers: dict[str, Any], today: date, flow: str = "main", lang: str = "fr"
) -> ActionPlan:
    """The finished plan for ``answers``; fails the test if the engine still has a question."""
    result = step(content.with_flow(flow), answers, today, lang)
    assert result.done, f"engine still asks '{result.question.id if result.question else None}'"
    assert not result.dropped, f"answers dropped as not applicable: {result.dropped}"
    assert result.plan is not None
    return result.plan


def ids(plan: ActionPlan) -> list[str]:
    return [p.id for p in plan.pathways]


def pathway(plan: ActionPlan, pathway_id: str) -> PathwayResult:
    found = [p for p in plan.pathways if p.id == pathway_id]
    assert found, f"pathway {pathway_id} not in plan: {ids(plan)}"
    return found[0]


def all_text(plan: ActionPlan) -> str:
    """Every sentence of the plan a person reads, joined (for 'the plan says X' checks)."""
    parts: list[str] = [*plan.warnings, *plan.steps]
    for p in plan.pathways:
        parts += [p.title, p.summary, *p.reasons]
        if p.authority:
            parts += [p.authority.name, *p.authority.notes]
    parts += [f"{d.label} {d.details}" for d in plan.documents]
    parts += [f"{d.label} {d.rule}" for d in plan.deadlines]
    parts += [f"{c.label} {c.amount_eur}" for c in plan.costs]
    parts += [n.text for n in (*plan.recourse, *plan.notes, *plan.history)]
    return "\n".join(parts)


def deadline(plan: ActionPlan, deadline_id: str):
    found = [d for d in plan.deadlines if d.id == deadline_id]
    assert found, f"deadline {deadline_id} not in plan: {[d.id for d in plan.deadlines]}"
    return found[0]
