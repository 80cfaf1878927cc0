"""ChoiceList: an option list whose cursor and ticks are written in text, not only in colour;
Plain: a Static that never reads its text as markup.

Every choice in the app (answers, menus, confirmations) goes through it, so keys behave the same
everywhere and the state stays readable with ``NO_COLOR`` or on a Linux console:
``(•)``/``( )`` for one choice, ``[x]``/``[ ]`` plus ``>`` for several, ``>`` for a menu.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar, Literal

from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.visual import VisualType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

Mode = Literal["radio", "check", "menu"]
SHORT_LABEL = 36  # characters a choice can hold on one line in the narrowest usable window


class Plain(Static):
    """Text shown as it is: "[b]" or "[@click=...]" in a question, a file or what a person
    typed is never parsed as Textual markup (no style, no action). Every Static of the app."""

    def __init__(
        self,
        content: VisualType = "",
        *,
        id: str | None = None,  # noqa: A002 - Textual's own keyword
        classes: str | None = None,
    ) -> None:
        super().__init__(content, id=id, classes=classes, markup=False)


class ChoiceList(OptionList):
    """Choices with textual markers; Enter selects (posts ``OptionSelected``), Space ticks.

    With ``empty``, nothing is highlighted at first (an answer is never chosen for the person):
    Enter then posts ``NothingChosen`` instead, and the arrows move onto the choices."""

    class NothingChosen(Message):
        """Enter was pressed while no choice was highlighted."""

        def __init__(self, choice_list: ChoiceList) -> None:
            super().__init__()
            self.choice_list = choice_list

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Cocher", show=False),
    ]
    """Space ticks or unticks the highlighted choice (check mode only)."""

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        *,
        mode: Mode = "radio",
        checked: Iterable[str] = (),
        highlight: str | None = None,
        empty: bool = False,
        id: str | None = None,  # noqa: A002 - Textual's own keyword
        classes: str | None = None,
    ) -> None:
        self.mode: Mode = mode
        self.labels = {cid: label for cid, label in choices}
        self.checked: set[str] = set(checked)
        ids = [cid for cid, _ in choices]
        self._start: int | None = ids.index(highlight) if highlight in ids else 0
        if empty and highlight not in ids:
            self._start = None
        self._cursor: int | None = None
        super().__init__(
            *[Option(self._prompt(cid, False), id=cid) for cid in ids],
            id=id,
            classes=classes,
            markup=False,
        )

    def _marker(self, option_id: str, cursor: bool) -> str:
        if self.mode == "radio":
            return "(•) " if cursor else "( ) "
        pointer = "> " if cursor else "  "
        if self.mode == "check":
            return pointer + ("[x] " if option_id in self.checked else "[ ] ")
        return pointer

    def _prompt(self, option_id: str, cursor: bool) -> Table | Text:
        marker = self._marker(option_id, cursor)
        label = self.labels[option_id]
        if len(marker) + len(label) <= SHORT_LABEL:
            # One line at any width the app allows (a place suggestion): plain text, which
            # costs a fraction of a grid to lay out at every keystroke.
            return Text(marker + label, no_wrap=True, overflow="ellipsis")
        # A grid keeps wrapped labels aligned after the marker (hanging indent).
        grid = Table.grid(padding=0)
        grid.add_column(width=len(marker), no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(marker), Text(label))
        return grid

    def _redraw(self, index: int | None) -> None:
        if index is None or index >= self.option_count:
            return
        option = self.get_option_at_index(index)
        if option.id is not None:
            self.replace_option_prompt_at_index(
                index, self._prompt(option.id, index == self.highlighted)
            )

    def on_mount(self) -> None:
        if self.option_count:
            # OptionList highlights its first option when built: undo that for ``empty``.
            self.highlighted = self._start

    def action_select(self) -> None:
        if self.highlighted is None:
            self.post_message(self.NothingChosen(self))
            return
        super().action_select()

    @on(OptionList.OptionHighlighted)
    def _follow_cursor(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is not self:
            return
        previous, self._cursor = self._cursor, event.option_index
        self._redraw(previous)
        self._redraw(event.option_index)

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        """Replace every choice (the cursor goes back to the first)."""
        self.labels = {cid: label for cid, label in choices}
        self._cursor = None
        self.set_options([Option(self._prompt(cid, False), id=cid) for cid, _ in choices])
        if self.option_count:
            self.highlighted = 0

    @property
    def current(self) -> str | None:
        """The id of the highlighted choice."""
        option = self.highlighted_option
        return option.id if option else None

    def action_tick(self) -> None:
        if self.mode != "check" or self.highlighted is None:
            return
        option_id = self.current
        if option_id is None:
            return
        if option_id in self.checked:
            self.checked.discard(option_id)
        else:
            self.checked.add(option_id)
        self._redraw(self.highlighted)
