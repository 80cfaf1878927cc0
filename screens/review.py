"""The review screen: every answer in order; pick one to change it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList

from ..wizard.answers import display
from ..wizard.model import Question
from ..wizard.text import tr
from .strings import t
from .widgets import ChoiceList, Plain

if TYPE_CHECKING:
    from .app import ParcoursApp


class ReviewScreen(Screen[str | None]):
    """Dismisses with the id of the question to change, or None to go back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Retour", key_display="Échap"),
        Binding("q", "app.request_quit", "Quitter", key_display="q"),
        Binding("f4", "app.switch_lang", "English", key_display="F4"),
    ]
    """Enter changes the highlighted answer; Escape returns to where you were."""

    def __init__(self, answered: list[tuple[Question, Any]]) -> None:
        super().__init__()
        self.answered = answered

    def compose(self) -> ComposeResult:
        lang = cast("ParcoursApp", self.app).lang
        yield Plain(t("review_title", lang), classes="title-bar")
        with Vertical(id="review-body"):
            yield Plain(t("review_hint", lang), classes="hint")
            if self.answered:
                colon = " :" if lang == "fr" else ":"
                rows = [
                    (q.id, f"{tr(q.label, lang)}{colon} {display(q, value, lang)}")
                    for q, value in self.answered
                ]
                yield ChoiceList(rows, mode="menu", id="review-list")
            else:
                yield Plain(t("review_empty", lang), id="review-empty")
        yield Footer()

    def on_mount(self) -> None:
        for widget in self.query("#review-list"):
            widget.focus()

    @on(OptionList.OptionSelected, "#review-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
