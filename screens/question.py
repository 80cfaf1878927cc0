"""One question on screen: its text, help on demand, the right input, and inline errors.

An answer is checked with the engine (``wizard.answers.coerce``) before the app records it:
invalid input is explained under the input and never advances.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList

from ..wizard.answers import coerce
from ..wizard.dates import ISO_DATE, parse_iso
from ..wizard.errors import AnswerError, PlaceError
from ..wizard.model import Question
from ..wizard.qtypes import bound
from ..wizard.safe_text import one_line
from ..wizard.text import tr
from ..wizard.user_input import raw_from_text, text_from_raw
from .strings import t
from .widgets import ChoiceList, Plain

if TYPE_CHECKING:
    from .app import ParcoursApp

UNKNOWN = "__unknown__"  # the "I don't know" choice of an optional choice question


def error_line(
    exc: AnswerError, lang: str, raw: Any = None, question: Question | None = None
) -> str:
    """An engine error as the person reads it: no question id, suggestions on their own."""
    message = one_line(tr(exc.message, lang))
    format_message = question.kind.format_message if question is not None else None
    if isinstance(raw, str) and ISO_DATE.match(raw) and not is_calendar_date(raw):
        # "31/02/2027" reads as a date: say it does not exist rather than "wrong format".
        message = t("no_such_date", lang)
    elif format_message and isinstance(raw, str) and not ISO_DATE.match(raw):
        message = t(format_message, lang)
    line = t("error", lang, msg=message)
    if exc.suggestions:
        line += "\n" + t("suggest", lang, s=one_line("; ".join(exc.suggestions)))
    return line


def _is_commune(geo: Any, text: str) -> bool:
    """Whether ``text`` resolves to one commune (a suggestion may name a whole département)."""
    try:
        return geo.resolve(text).insee is not None
    except PlaceError:
        return False


def is_calendar_date(text: str) -> bool:
    try:
        parse_iso(text)
    except ValueError:
        return False
    return True


class QuestionScreen(Screen[None]):
    """Ask one question; Enter continues, Escape goes back one question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Retour", key_display="Échap"),
        Binding("question_mark", "toggle_help", "Aide", key_display="?/F1"),
        Binding("f1", "toggle_help", "Aide", key_display="F1"),
        Binding("r", "review", "Réponses", key_display="r/F2"),
        Binding("f2", "review", "Réponses", key_display="F2"),
        Binding("q", "app.request_quit", "Quitter", key_display="q"),
        Binding("ctrl+q", "app.request_quit", "Quitter", key_display="Ctrl+Q"),
        Binding("f4", "app.switch_lang", "English", key_display="F4"),
        Binding("down", "to_suggestions", show=False),
    ]
    """In a text box ?, r and q are typed as letters, so the footer then shows F1, F2 and
    Ctrl+Q instead (the footer shows the first key of each action that is not consumed)."""

    def __init__(self, question: Question, current: Any) -> None:
        super().__init__()
        self.question = question
        self.current = current  # the raw answer given before, or the app's UNSET marker

    @property
    def wizard(self) -> ParcoursApp:
        return cast("ParcoursApp", self.app)

    @property
    def lang(self) -> str:
        return self.wizard.lang

    @property
    def has_answer(self) -> bool:
        from .app import UNSET

        return self.current is not UNSET

    def compose(self) -> ComposeResult:
        q, lang = self.question, self.lang
        progress = t("step", lang, n=self.wizard.step_number(q))
        if self.wizard.resume_code:  # before the section: a long section is cut at 80 columns
            progress += " · " + t("code_bar", lang, code=self.wizard.resume_code)
        progress += f" · {tr(q.section, lang)}"
        yield Plain(progress, classes="title-bar", id="progress")
        with Vertical(id="question-body"):
            with VerticalScroll(id="question-head"):
                yield Plain(tr(q.text, lang), id="question-text")
                help_text = tr(q.help, lang) or t("no_help", lang)
                yield Plain(help_text, id="question-help")
            yield Plain(self._hint(), classes="hint", id="question-hint")
            yield from self._input()
            yield Plain("", classes="error", id="question-error")
        yield Footer()

    def _hint(self) -> str:
        q, lang = self.question, self.lang
        hint = t(q.kind.hint, lang)
        low, high = bound(q.min, self.wizard.today), bound(q.max, self.wizard.today)
        if q.kind.shows_range and low is not None and high is not None:
            shown = q.kind.format_bound
            hint += " " + t("range", lang, low=shown(low, lang), high=shown(high, lang))
        if q.optional and not q.kind.choice:
            hint += "\n" + t("hint_optional", lang)
        return hint

    def _input(self) -> ComposeResult:
        q, lang = self.question, self.lang
        previous = self.current if self.has_answer else None
        if q.kind.choice:
            choices = q.kind.choices(q, lang)
            highlight = q.kind.choice_id(previous)
            if q.optional:
                choices.append((UNKNOWN, t("unknown_option", lang)))
                if self.has_answer and previous is None:
                    highlight = UNKNOWN
            multiple = q.kind.multiple
            yield ChoiceList(
                choices,
                mode="check" if multiple else "radio",
                checked=previous if multiple and isinstance(previous, list) else (),
                highlight=highlight,
                empty=not multiple,
                id="answer-choices",
            )
            more = Plain(t("more_below", lang), id="more-below", classes="hint")
            more.display = False
            yield more
        else:
            yield Input(
                value=text_from_raw(q, previous, lang),
                placeholder=self._placeholder(),
                max_length=q.max_length if q.kind.limits_length else 0,
                type="text",
                id="answer-input",
            )
            if q.kind.suggests_places:
                # One list, mounted once: each keystroke only changes its choices.
                box = ChoiceList([], mode="menu", id="place-suggestions")
                box.display = False
                yield box

    def _more_below(self, _: object = None) -> None:
        choices = self.query_one("#answer-choices", ChoiceList)
        self.query_one("#more-below").display = choices.scroll_y < choices.max_scroll_y

    def on_resize(self) -> None:
        if self.question.kind.choice:
            self.call_after_refresh(self._more_below)

    def _placeholder(self) -> str:
        kind = self.question.kind
        if kind.placeholder:
            return t(kind.placeholder, self.lang)
        return t(kind.hint, self.lang).split(".")[0]

    places_ready = False  # the place tables are loaded: suggestions cost little from then on
    _offered: list[str] = []

    def on_mount(self) -> None:
        widget = self.query_one("#answer-choices, #answer-input")
        if isinstance(widget, Input):
            widget.cursor_blink = self.wizard.cursor_blink
        else:
            # A list taller than the room left says so under it, in words (not only a bar).
            self.watch(widget, "scroll_y", self._more_below, init=False)
            self.call_after_refresh(self._more_below)
        widget.focus()
        if self.question.kind.suggests_places:
            # The postal-code table takes ~0.4 s to load: read it while the person types.
            self.run_worker(self._warm_places, thread=True, exit_on_error=False)

    def _warm_places(self) -> None:
        # A lookup loads the table and one suggestion builds the name index; a failure here
        # only means no warm-up (the first lookup then loads them).
        try:
            geo = self.wizard.flow_content.geo
            geo.resolve("75001")
            geo.suggest("pa", 1)
        except Exception:  # noqa: BLE001 - a warm-up must never break the screen
            pass
        finally:
            self.app.call_from_thread(self._places_loaded)

    def _places_loaded(self) -> None:
        self.places_ready = True
        self.wizard.freeze_long_lived()  # the place tables stay: out of the collector's way
        if self.is_mounted:
            self._show_suggestions(self.query_one("#answer-input", Input).value)

    SUGGESTIONS = 5

    def _show_suggestions(self, text: str) -> None:
        """List the places that complete what was typed (town, postal code, département).

        Nothing below two characters, and nothing until the tables are loaded in the background:
        a keystroke never waits for them.
        """
        text = text.strip()
        found: list[str] = []
        if self.places_ready and len(text) >= 2:
            geo = self.wizard.flow_content.geo
            if self.question.precision == "commune":
                # A département would only be refused by this question: offer communes alone.
                found = [s for s in geo.suggest(text, 2 * self.SUGGESTIONS) if _is_commune(geo, s)]
                found = found[: self.SUGGESTIONS]
            else:
                found = geo.suggest(text, self.SUGGESTIONS)
            if [text] == found:
                found = []
        box = self.query_one("#place-suggestions", ChoiceList)
        if found != self._offered:
            self._offered = found
            box.set_choices([(s, s) for s in found])
        box.display = bool(found)

    def action_to_suggestions(self) -> None:
        """Down from the place input moves into the suggestions, when there are some."""
        for box in self.query("#place-suggestions"):
            if box.display and self.focused is not box:
                box.focus()

    @on(OptionList.OptionSelected, "#place-suggestions")
    def _suggestion_picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        field = self.query_one("#answer-input", Input)
        field.value = str(event.option.id)
        self._submit(raw_from_text(self.question, field.value))

    # -- answering --------------------------------------------------------------------------

    def _submit(self, raw: Any) -> None:
        """Check ``raw`` with the engine; record it, or explain what is wrong and stay."""
        app = self.wizard
        try:
            coerce(self.question, raw, app.flow_content.geo, app.today)
        except AnswerError as exc:
            self.show_error(error_line(exc, self.lang, raw, self.question))
            return
        app.answer(self.question, raw)

    _error_shown = ""

    def show_error(self, text: str, ok: bool = False) -> None:
        """Write under the input: an error, or (``ok``) what was understood."""
        line = self.query_one("#question-error", Plain)
        line.set_class(ok, "ok")
        if text != self._error_shown:  # clearing an empty line at each keystroke costs a repaint
            self._error_shown = text
            line.update(text)

    @on(OptionList.OptionSelected, "#answer-choices")
    def _choice_made(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choices = cast(ChoiceList, event.option_list)
        option_id = event.option.id
        if option_id is None or option_id == UNKNOWN:
            self._submit(None)
        else:
            q = self.question
            self._submit(q.kind.from_choice(q, option_id, choices.checked))

    @on(ChoiceList.NothingChosen, "#answer-choices")
    def _nothing_chosen(self, event: ChoiceList.NothingChosen) -> None:
        event.stop()
        self.show_error(t("choose_answer", self.lang))

    @on(OptionList.OptionHighlighted, "#answer-choices")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        self.show_error("")

    @on(Input.Submitted, "#answer-input")
    def _text_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit(raw_from_text(self.question, event.value))

    @on(Input.Changed, "#answer-input")
    def _text_changed(self, event: Input.Changed) -> None:
        if self.question.kind.suggests_places:
            self.show_error("")
            self._show_suggestions(event.value)
            return
        # Dates are checked as soon as they look complete, so a typo shows before Enter.
        if not self.question.kind.checked_while_typing:
            self.show_error("")
            return
        raw = raw_from_text(self.question, event.value)
        if raw is None or len(event.value.strip()) < 8:
            self.show_error("")
            return
        try:
            value = coerce(self.question, raw, self.wizard.flow_content.geo, self.wizard.today)
        except AnswerError as exc:
            self.show_error(error_line(exc, self.lang, raw, self.question))
            return
        shown = self.question.kind.display(self.question, value, self.lang)
        self.show_error(t("date_ok", self.lang, d=shown), ok=True)

    # -- keys -------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.wizard.back_from(self.question)

    def action_toggle_help(self) -> None:
        self.query_one("#question-help").toggle_class("shown")

    def action_review(self) -> None:
        self.wizard.review()
