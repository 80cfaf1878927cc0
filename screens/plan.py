"""The plan screen: the plan's sections as ``wizard.rich_plan`` renders them, scrollable, with
"Exporter" (write a file) and "QR code" (the summary for a phone).

The app's ``kiosk`` and ``export_dir`` (``--export-dir`` or ``PARCOURS_EXPORT_DIR``) decide where
files go: in kiosk mode, file export is offered only when an export folder is configured, and then
only into it; the QR code and the plan on screen always remain.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer

from ..wizard.plan import ActionPlan
from ..wizard.rich_plan import plan_renderable
from ..wizard.sections import PlanSections, sections
from .strings import in_lang, t
from .widgets import Plain

if TYPE_CHECKING:
    from .app import ParcoursApp


class PlanScreen(Screen[None]):
    """The finished plan; the screen only shows what ``plan_renderable`` builds."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,f2,escape", "review", "Réponses", key_display="r"),
        Binding("e", "export", "Exporter", key_display="e"),
        Binding("c", "qr", "QR code", key_display="c"),
        Binding("n", "new_person", "Nouvelle personne", key_display="n"),
        Binding("q", "app.request_quit", "Quitter", key_display="q"),
        Binding("f4", "app.switch_lang", "English", key_display="F4"),
    ]
    """Arrows, Page Up/Down, Home/End scroll; r (or Escape) goes back to the answers; e exports
    the plan to a file, c shows it as a QR code."""

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
            # The plan's own header says it is not legal advice and who can help.
            yield Plain(plan_renderable(self.plan_sections), id="plan-body")
        yield Footer()

    @property
    def plan_sections(self) -> PlanSections:
        return sections(self.plan, self.wizard.lang)

    @property
    def export_folder(self) -> tuple[Path | None, bool]:
        """Where exports go and whether that folder is fixed; (None, _) when export is off."""
        configured = self.wizard.export_dir
        if self.wizard.kiosk:
            return (Path(configured), True) if configured else (None, True)
        return (Path(configured) if configured else Path.cwd(), False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export" and self.export_folder[0] is None:
            return False  # kiosk without an export folder: no file is ever written
        return True

    def action_export(self) -> None:
        from .export import ExportScreen

        folder, fixed = self.export_folder
        if folder is None:
            self.notify(t("export_off", self.wizard.lang))
            return
        self.app.push_screen(ExportScreen(self.plan_sections, folder, fixed))

    def action_qr(self) -> None:
        from .qr import QrScreen

        self.app.push_screen(in_lang(QrScreen, self.wizard.lang)(self.plan_sections))

    def on_mount(self) -> None:
        self.query_one("#plan-scroll").focus()

    def action_review(self) -> None:
        self.wizard.review()

    def action_new_person(self) -> None:
        self.wizard.new_person()
