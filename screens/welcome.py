"""The welcome screen: what parcours does, what it is not, and where to start."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList

from ..wizard.notices import help_contacts, notice
from .strings import in_lang, t
from .widgets import ChoiceList, Plain

if TYPE_CHECKING:
    from .app import ParcoursApp

HISTORY_FLOW = "history_1997"  # the archived 1997 circular, walked as history only


class WelcomeScreen(Screen[None]):
    """Two sentences about the tool, the offline / not-advice notice, and the actions menu."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.request_quit", "Quitter", key_display="q"),
        Binding("f4", "app.switch_lang", "English", key_display="F4"),
    ]
    """q asks before quitting; the menu takes the arrows and Enter."""

    @property
    def wizard(self) -> ParcoursApp:
        return cast("ParcoursApp", self.app)

    lang_shown = "fr"  # the language this screen was drawn in

    def compose(self) -> ComposeResult:
        app = self.wizard
        lang = self.lang_shown = app.lang
        yield Plain(t("app_title", lang), classes="title-bar")
        with VerticalScroll(id="welcome-body"):
            yield Plain(t("intro", lang), id="intro")
            advice = notice(app.content, "not_legal_advice", lang) or t("not_advice", lang)
            lines = f"{t('offline', lang)} {advice}"
            contacts = help_contacts(app.content, lang)
            if contacts:
                lines += f"\n{contacts}"
            yield Plain(lines, id="notice")
            yield ChoiceList(self._actions(), mode="menu", id="actions")
            yield Plain(t("menu_hint", lang), classes="hint")
        yield Footer()

    def _actions(self) -> list[tuple[str, str]]:
        app = self.wizard
        lang = app.lang
        # "Start" comes first everywhere: a stray Enter never opens saved answers.
        actions = [("start", t("start", lang))]
        if app.session is not None and app.answers:
            actions.append(("continue", t("continue", lang, n=len(app.answers))))
        elif app.latest is not None and not app.kiosk:
            pattern = "%d/%m/%Y à %H:%M" if lang == "fr" else "%Y-%m-%d %H:%M"
            when = app.latest.saved_at.strftime(pattern)
            actions.append(("resume_last", t("resume_last", lang, when=when, n=app.latest.answers)))
        actions.append(("code", t("resume_code", lang)))
        if app.authority_screen is not None:
            actions.append(("authority", t("authority", lang)))
        if app.has_history:
            actions.append(("history", t("history", lang)))
        actions.append(("quit", t("quit", lang)))
        return actions

    def on_mount(self) -> None:
        self.query_one("#actions", ChoiceList).focus()

    def refresh_actions(self) -> None:
        """Rebuild the menu (e.g. "resume" disappears after "new person")."""
        actions = self.query_one("#actions", ChoiceList)
        actions.set_choices(self._actions())
        actions.focus()

    @on(OptionList.OptionSelected, "#actions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        app = self.wizard
        choice = event.option.id
        if choice == "continue":
            app.continue_current()
        elif choice == "resume_last":
            if not app.resume_latest():
                self.refresh_actions()
        elif choice == "code":
            from .resume import ResumeScreen

            app.mask_switch()
            app.push_screen(in_lang(ResumeScreen, app.lang)())
        elif choice == "start":
            self._start_fresh("main")
        elif choice == "history":
            self._start_fresh(HISTORY_FLOW)
        elif choice == "authority" and app.authority_screen is not None:
            app.mask_switch()
            app.push_screen(app.authority_screen(app))
        elif choice == "quit":
            app.action_request_quit()

    def _start_fresh(self, flow: str) -> None:
        """Start a new walk; when this person has answers, ask before erasing them."""
        app = self.wizard
        if not app.answers:
            app.start(flow)
            return
        from .confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                app.start(flow)

        app.mask_switch()
        app.push_screen(
            ConfirmScreen(
                t("confirm_replace", app.lang, n=len(app.answers)),
                t("yes_erase", app.lang),
                t("no_keep", app.lang),
            ),
            confirmed,
        )
