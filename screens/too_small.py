"""Shown over everything while the terminal is smaller than the wizard can use."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from .widgets import Plain

MIN_WIDTH, MIN_HEIGHT = 40, 12  # below this a question, its choices and the keys do not fit


class TooSmallScreen(ModalScreen[None]):
    """ "Agrandissez la fenêtre": nothing else is drawn until the window is big enough again
    (the answers and the screen below are kept)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,ctrl+q", "app.request_quit", show=False),
    ]

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
    }
    TooSmallScreen > Plain {
        width: 100%;
        height: auto;
        text-align: center;
    }
    """

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        yield Plain(self.message, id="too-small")
