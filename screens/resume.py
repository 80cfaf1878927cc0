"""Resume with a code: the one way back to saved answers in kiosk mode (and on any machine).

The screen only passes the typed code to the app (``ParcoursApp.resume_with_code``) and says why
nothing opened; the sessions (``wizard.session``) count wrong codes per account.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input

from .strings import t
from .widgets import Plain

if TYPE_CHECKING:
    from .app import ParcoursApp


class ResumeScreen(Screen[None]):
    """Type the resume code, Enter; Escape returns to the welcome screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Retour", key_display="Échap"),
        Binding("ctrl+q", "app.request_quit", "Quitter", key_display="Ctrl+Q"),
        Binding("f4", "app.switch_lang", "English", key_display="F4"),
    ]
    """The box takes the letters, so quitting is Ctrl+Q here."""

    @property
    def wizard(self) -> ParcoursApp:
        return cast("ParcoursApp", self.app)

    def compose(self) -> ComposeResult:
        lang = self.wizard.lang
        yield Plain(t("code_title", lang), classes="title-bar")
        with Vertical(id="resume-body"):
            yield Plain(t("code_prompt", lang), classes="hint")
            yield Input(placeholder=t("code_placeholder", lang), max_length=60, id="code-input")
            yield Plain("", classes="error", id="code-error")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#code-input", Input)
        box.cursor_blink = self.wizard.cursor_blink
        box.focus()

    @on(Input.Submitted, "#code-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        app, lang = self.wizard, self.wizard.lang
        refused = app.resume_with_code(event.value)
        if refused is None:
            return  # the app has replaced this screen with the person's next question
        if refused.reason == "locked_out":
            message = t("code_locked", lang, minutes=max(1, math.ceil(refused.retry_after / 60)))
        elif refused.reason == "malformed":
            message = t("code_malformed", lang)
        elif refused.reason == "in_use":
            message = t("code_in_use", lang)
        elif refused.reason == "unavailable":
            message = t("code_unavailable", lang)
        else:
            message = t("code_wrong", lang, hours=round(app.sessions.ttl / 3600))
        self.query_one("#code-error", Plain).update(message)

    @on(Input.Changed, "#code-input")
    def _typing(self, event: Input.Changed) -> None:
        self.query_one("#code-error", Plain).update("")

    def action_close(self) -> None:
        self.dismiss()
