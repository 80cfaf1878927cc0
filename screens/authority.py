"""Look up an authority: which office handles a procedure for a place (``parcours authority``).

Offered on the welcome screen; the screen only shows what the engine (``wizard.authorities``)
answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList

from ..wizard.text import tr
from .strings import t
from .widgets import ChoiceList, Plain

if TYPE_CHECKING:
    from .app import ParcoursApp


class AuthorityScreen(Screen[None]):
    """Pick a procedure, type a place, read who to go to; Escape returns to the welcome."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Retour", key_display="Échap"),
        # Priority: the place box binds Page Up/Down itself (hidden, and a one-line box has
        # nothing to page), which would also hide these from the footer.
        Binding("pagedown", "result_page(1)", "Défiler", key_display="Page suiv.", priority=True),
        Binding(
            "pageup",
            "result_page(-1)",
            "Défiler",
            key_display="Page préc.",
            show=False,
            priority=True,
        ),
        Binding("ctrl+q", "app.request_quit", "Quitter", key_display="Ctrl+Q"),
        Binding("f4", "app.switch_lang", "English", key_display="F4"),
    ]
    """Enter on a procedure moves to the place box; Enter there looks the place up. The answer
    is taller than what fits under the box at 80x24: Page Up/Down scroll it from the box."""

    def __init__(self, app: ParcoursApp) -> None:
        super().__init__()
        self.wizard = app

    def compose(self) -> ComposeResult:
        lang = self.wizard.lang
        procedures = self.wizard.content.procedures
        yield Plain(t("authority", lang), classes="title-bar")
        with Vertical(id="authority-body"):
            yield Plain(t("authority_hint", lang), classes="hint")
            yield ChoiceList(
                [(pid, tr(p.label, lang)) for pid, p in procedures.items()],
                id="procedure-choices",
            )
            yield Input(placeholder=t("hint_place", lang).split(".")[0], id="place-input")
            yield Plain("", classes="error", id="authority-error")
            with VerticalScroll(id="authority-result"):
                yield Plain("", id="authority-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#place-input", Input).cursor_blink = self.wizard.cursor_blink
        self.query_one("#procedure-choices", ChoiceList).focus()

    @on(OptionList.OptionSelected, "#procedure-choices")
    def _procedure_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#place-input", Input).focus()

    @on(Input.Submitted, "#place-input")
    def _look_up(self, event: Input.Submitted) -> None:
        event.stop()
        from ..wizard.authorities import authorities_for, render_answer
        from ..wizard.errors import WhereError

        lang = self.wizard.lang
        procedure = cast(ChoiceList, self.query_one("#procedure-choices")).current
        error = self.query_one("#authority-error", Plain)
        result = self.query_one("#authority-text", Plain)
        try:
            answer = authorities_for(self.wizard.content, event.value, procedure or "", lang)
        except WhereError as exc:
            error.update(t("error", lang, msg=exc.text(lang)))
            result.update("")
            return
        error.update("")
        result.update(render_answer(answer, lang))

    def action_result_page(self, direction: int) -> None:
        result = self.query_one("#authority-result", VerticalScroll)
        if direction > 0:
            result.scroll_page_down(animate=False)
        else:
            result.scroll_page_up(animate=False)

    def action_close(self) -> None:
        self.app.pop_screen()
