"""A yes/no question as a modal dialog that dismisses with the answer (``ModalScreen[bool]``)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList

from .widgets import ChoiceList, Plain


class ConfirmScreen(ModalScreen[bool]):
    """Ask one question; "no" is highlighted first, so a stray Enter never destroys anything."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", show=False),
        Binding("y,o", "answer(True)", show=False),
    ]
    """Escape or n: no; y (yes) or o (oui): yes; or choose with the arrows and Enter."""

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Plain(self.question, id="confirm-question")
            yield ChoiceList(
                [("no", self.no), ("yes", self.yes)], mode="menu", id="confirm-choices"
            )

    def on_mount(self) -> None:
        self.query_one(ChoiceList).focus()

    @on(OptionList.OptionSelected, "#confirm-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class QuitScreen(ModalScreen[str | None]):
    """Quitting: stay (highlighted first), or leave keeping or forgetting the answers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer('stay')", show=False),
        Binding("y,o", "answer('keep')", show=False),
    ]
    """Escape or n: stay; y or o: quit keeping the answers; or the arrows and Enter."""

    def __init__(self, question: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Plain(self.question, id="confirm-question")
            yield ChoiceList(self.choices, mode="menu", id="confirm-choices")

    def on_mount(self) -> None:
        self.query_one(ChoiceList).focus()

    @on(OptionList.OptionSelected, "#confirm-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_answer(self, value: str) -> None:
        self.dismiss(value)
