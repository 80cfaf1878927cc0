"""Helpers for the scenario tests: drive the engine with a full set of answers and read the plan
as a person would, through its sections in one language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from parcours.wizard.content import Content
from parcours.wizard.flow import step
from parcours.wizard.plan import ActionPlan
from parcours.wizard.sections import PathwayItem, PlanSections, sections


@dataclass(frozen=True)
class PlanView:
    """One plan in one language: its sections' items by section (what every renderer shows)."""

    plan: ActionPlan  # the language-neutral value
    words: PlanSections

    def items(self, section_id: str) -> list[Any]:
        section = self.words.section(section_id)
        return list(section.items) if section else []

    @property
    def lang(self) -> str:
        return self.words.lang

    @property
    def archive(self) -> bool:
        return self.plan.archive

    @property
    def authority(self) -> Any:
        return self.words.authority

    @property
    def pathways(self) -> list[PathwayItem]:
        return self.items("pathways")

    @property
    def warnings(self) -> list[str]:
        return [i.text for i in self.items("warnings")]

    @property
    def steps(self) -> list[str]:
        return [i.text for i in self.items("steps")]

    @property
    def documents(self) -> list[Any]:
        return self.items("documents")

    @property
    def deadlines(self) -> list[Any]:
        return self.items("deadlines")

    @property
    def costs(self) -> list[Any]:
        return self.items("costs")

    @property
    def recourse(self) -> list[Any]:
        return self.items("recourse")

    @property
    def notes(self) -> list[Any]:
        return self.items("notes")

    @property
    def history(self) -> list[Any]:
        return self.items("history")

    @property
    def sources(self) -> list[Any]:
        return self.items("sources")

    @property
    def answers(self) -> list[tuple[str, str]]:
        return [(i.label, i.value) for i in self.items("answers")]


def view(plan: ActionPlan, lang: str = "fr") -> PlanView:
    return PlanView(plan, sections(plan, lang))


def plan_for(
    content: Content, answers: dict[str, Any], today: date, flow: str = "main", lang: str = "fr"
) -> PlanView:
    """The finished plan for ``answers``; fails the test if the engine still has a question."""
    result = step(content.with_flow(flow), answers, today)
    assert result.done, f"engine still asks '{result.question.id if result.question else None}'"
    assert not result.dropped, f"answers dropped as not applicable: {result.dropped}"
    assert result.plan is not None
    return view(result.plan, lang)


def ids(plan: PlanView) -> list[str]:
    return [p.id for p in plan.pathways]


def pathway(plan: PlanView, pathway_id: str) -> PathwayItem:
    found = [p for p in plan.pathways if p.id == pathway_id]
    assert found, f"pathway {pathway_id} not in plan: {ids(plan)}"
    return found[0]


def all_text(plan: PlanView) -> str:
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


def deadline(plan: PlanView, deadline_id: str) -> Any:
    found = [d for d in plan.deadlines if d.id == deadline_id]
    assert found, f"deadline {deadline_id} not in plan: {[d.id for d in plan.deadlines]}"
    return found[0]
