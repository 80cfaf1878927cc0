"""The QR code screen: the plan's summary as a QR code a phone reads with no network.

The code takes the whole height of the terminal (two modules per text line); the summary is cut
to what a code of that size holds, and the screen says what is left out. ``s`` switches between
the full summary (with the documents) and a short one.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from ..wizard.qr import terminal_code
from ..wizard.sections import PlanSections
from .strings import t
from .widgets import Plain

CAPTION = 30  # columns kept beside the code for its caption


class QrScreen(Screen[None]):
    """Full screen: the code on the left, what it holds (and what it leaves out) on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "toggle_short", "Résumé", key_display="s"),
        Binding("escape,c,q", "close", "Fermer", key_display="Échap"),
    ]
    """s: full or short summary; Escape (or c, q) goes back to the plan."""

    def __init__(self, plan: PlanSections) -> None:
        super().__init__()
        self.plan = plan
        self.short = False
        self.summary_text = ""  # what the code on screen holds (tests decode it against this)

    def compose(self) -> ComposeResult:
        with Horizontal(id="qr-row"):
            yield Plain("", id="qr-code")
            with Vertical(id="qr-caption"):
                yield Plain(t("qr_title", self.plan.lang), classes="qr-heading")
                yield Plain(t("qr_hint", self.plan.lang), classes="hint")
                yield Plain("", id="qr-kind", classes="qr-heading")
                yield Plain("", id="qr-text")
                yield Plain("", id="qr-left")
        yield Footer()

    def on_mount(self) -> None:
        self.draw()

    def on_resize(self, event: events.Resize) -> None:
        self.draw()

    def draw(self) -> None:
        lang = self.plan.lang
        width = max(self.size.width - CAPTION, 0)
        height = max(self.size.height - 1, 0)  # the footer's line
        found, code = terminal_code(self.plan, width, height, self.short)
        self.summary_text = found.text if code is not None else ""
        self.query_one("#qr-code", Plain).update(code if code is not None else "")
        kind = t("qr_short" if self.short else "qr_full", lang)
        self.query_one("#qr-kind", Plain).update(kind)
        self.query_one("#qr-text", Plain).update(found.text if code is not None else "")
        if code is None:
            left = t("qr_small", lang)
        elif found.left_out:
            left = t("qr_left_out", lang, what=found.left_out) + " " + t("qr_bigger", lang)
        else:
            left = ""
        self.query_one("#qr-left", Plain).update(left)

    def action_toggle_short(self) -> None:
        self.short = not self.short
        self.draw()

    def action_close(self) -> None:
        self.dismiss(None)
