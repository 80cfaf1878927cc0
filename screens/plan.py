"""The plan screen: the plan's sections as ``wizard.rich_plan`` renders them, scrollable."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer

from ..wizard.notices import notice
from ..wizard.plan import ActionPlan
from ..wizard.rich_plan import plan_renderable
from ..wizard.sections import sections
from .strings import t
from .widgets import Plain

if TYPE_CHECKING:
    from .app import ParcoursApp


class PlanScreen(Screen[None]):
    """The finished plan; the screen only shows what ``plan_renderable`` builds."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,f2,escape", "review", "Réponses", key_display="r"),
        Binding("n", "new_person", "Nouvelle personne", key_display="n"),
        Binding("q", "app.request_quit", "Quitter", key_display="q"),
    ]
    """Arrows, Page Up/Down, Home/End scroll; r (or Escape) goes back to the answers."""

    def __init__(self, plan: ActionPlan) -> None:
        super().__init__()
        self.plan = plan

    @property
    def wizard(self) -> ParcoursApp:
        return cast("ParcoursApp", self.app)

    def compose(self) -> ComposeResult:
        lang = self.wizard.lang
        title = f"{t('plan_title', lang)} · {t('plan_hint', lang)}"
        if self.wizard.resume_code:
            title = f"{t('plan_title', lang)} · {t('code_bar', lang, code=self.wizard.resume_code)}"
        yield Plain(title, classes="title-bar")
        with VerticalScroll(id="plan-scroll"):
            advice = notice(self.wizard.content, "not_legal_advice", lang)
            if advice:
                yield Plain(advice, id="plan-advice")
            yield Plain(plan_renderable(sections(self.plan, lang)), id="plan-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#plan-scroll").focus()

    def action_review(self) -> None:
        self.wizard.review()

    def action_new_person(self) -> None:
        self.wizard.new_person()
