"""The parcours Textual app: holds the answers, asks the engine what comes next, shows screens.

Screens never touch the content store or the session file: they call the app, which calls the
engine (``wizard.flow``) and the session store (``wizard.session``). Answers are kept as raw
protocol values, the same JSON ``parcours step`` takes, so the session file and the CLI share
one format.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ..wizard.content import Content
from ..wizard.errors import AnswerError
from ..wizard.flow import Step, asked, step
from ..wizard.model import MAIN_FLOW, Question
from ..wizard.session import SessionData, SessionStore
from ..wizard.text import tr
from .confirm import ConfirmScreen
from .strings import in_lang, t
from .welcome import HISTORY_FLOW, WelcomeScreen

# A factory for the "look up an authority" screen: given the app, the screen to push.
AuthorityScreenFactory = Callable[["ParcoursApp"], Screen[Any]]


def default_authority_screen(app: ParcoursApp) -> Screen[Any]:
    """The authority look-up screen (``parcours authority`` in the wizard)."""
    from .authority import AuthorityScreen

    return in_lang(AuthorityScreen, app.lang)(app)


class ParcoursApp(App[None]):
    """One person's walk through the questions, from the welcome screen to the plan."""

    # Each screen's sheet sits next to its module, but all are loaded here, once, at start-up:
    # a Screen's own CSS_PATH is parsed when the screen is first pushed and restyles the whole
    # app (measured ~90 ms on the first question), and the default screen's is not loaded.
    CSS_PATH = [
        "app.tcss",
        "welcome.tcss",
        "question.tcss",
        "review.tcss",
        "plan.tcss",
        "confirm.tcss",
        "authority.tcss",
        "export.tcss",
        "qr.tcss",
    ]
    TITLE = "parcours"
    # No command palette: its system commands include a screenshot that writes a file.
    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "quit_now", show=False, priority=True),
        Binding("ctrl+q", "request_quit", show=False),
    ]
    """Ctrl+C leaves at once (answers are already saved); Ctrl+Q asks first, like q. Ctrl+Q is
    not a priority binding so that a screen's own Ctrl+Q binding (shown in its footer) wins."""

    def __init__(
        self,
        content: Content,
        today: date,
        store: SessionStore,
        lang: str = "fr",
        authority_screen: AuthorityScreenFactory | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.content = content
        self.today = today
        self.store = store
        self.lang = lang
        self.authority_screen = authority_screen
        self.cursor_blink = cursor_blink
        self._flow = MAIN_FLOW
        self._answers: dict[str, Any] = {}
        self.saved: SessionData | None = None  # a session found on disk, offered as "resume"
        self._flows: dict[str, Content] = {}
        self._result: Step | None = None  # the engine's answer for the current answers
        self._save_warned = False

    # -- start-up ---------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return in_lang(WelcomeScreen, self.lang)()

    def on_mount(self) -> None:
        loaded = self.store.load()
        if loaded.moved_to is not None:
            self.notify(
                t("session_corrupt", self.lang, why=loaded.problem, path=loaded.moved_to),
                severity="warning",
                timeout=15,
            )
        elif loaded.problem:
            self.notify(t("session_problem", self.lang, why=loaded.problem), severity="warning")
        if loaded.data is not None and loaded.data.answers:
            self.saved = loaded.data

    # -- what the screens ask of the app ----------------------------------------------------

    @property
    def has_history(self) -> bool:
        return HISTORY_FLOW in self.content.flows

    @property
    def flow_content(self) -> Content:
        if self.flow not in self._flows:
            self._flows[self.flow] = self.content.with_flow(self.flow)
        return self._flows[self.flow]

    @property
    def flow(self) -> str:
        """The flow being walked ("main", or a historical one)."""
        return self._flow

    @flow.setter
    def flow(self, value: str) -> None:
        self._flow = value
        self._result = None

    @property
    def answers(self) -> dict[str, Any]:
        """The raw answers given so far (the ``step`` protocol's JSON)."""
        return self._answers

    @answers.setter
    def answers(self, value: dict[str, Any]) -> None:
        self._answers = value
        self._result = None  # the engine runs again once, on the next compute()

    def compute(self) -> Step:
        """The engine's answer for the answers so far: the next question or the plan. The
        engine runs once per change of answers, however many screens ask."""
        if self._result is None:
            self._result = step(self.flow_content, self.answers, self.today)
        return self._result

    def step_number(self, question: Question) -> int:
        """1 for the first question; answered questions before this one, plus one."""
        done = asked(self.flow_content, self.compute().answers, self.today)
        return sum(1 for q in done if q.order < question.order) + 1

    def answered(self) -> list[tuple[Question, Any]]:
        """Every kept answer, in the order the questions are asked, as typed values."""
        kept = self.compute().answers
        return [(q, kept[q.id]) for q in asked(self.flow_content, kept, self.today)]

    def start(self, flow: str = MAIN_FLOW) -> None:
        """A fresh walk through ``flow``; erases any saved session first."""
        self.flow = flow if flow in self.content.flows else MAIN_FLOW
        self.answers = {}
        self.saved = None
        self.store.delete()
        self.show_next()

    def resume(self) -> None:
        """Continue the saved session at its first unanswered question."""
        if self.saved is None:
            self.start()
            return
        self.flow = self.saved.flow if self.saved.flow in self.content.flows else MAIN_FLOW
        self.answers = dict(self.saved.answers)
        self.saved = None
        self._drop_invalid()
        self.show_next()

    def _drop_invalid(self) -> None:
        # The content may have changed since the session was saved: drop what no longer fits.
        while True:
            try:
                self.compute()
                return
            except AnswerError as exc:
                if exc.question is None or exc.question not in self.answers:
                    self.answers = {}
                    return
                self.answers = {k: v for k, v in self.answers.items() if k != exc.question}
                self.notify(t("stale_answer", self.lang, q=exc.question), severity="warning")

    def answer(self, question: Question, raw: Any) -> None:
        """Record an already checked answer, drop what no longer applies, save, move on."""
        self.answers = {**self.answers, question.id: raw}
        result = self.compute()
        if result.dropped:
            by_id = self.flow_content.question_by_id
            labels = ", ".join(tr(by_id[q].label, self.lang) for q in result.dropped)
            self.notify(t("dropped", self.lang, labels=labels), timeout=8)
            self.answers = {qid: raw for qid, raw in self.answers.items() if qid in result.answers}
            self._result = result  # the same answers, less the dropped ones: same next step
        self.save()
        self.show_next()

    def save(self) -> None:
        problem = self.store.save(SessionData(self.flow, self.lang, dict(self.answers)))
        if problem and not self._save_warned:
            self._save_warned = True  # once is enough; the wizard still works without it
            self.notify(t("save_problem", self.lang, why=problem), severity="warning")

    def show_next(self) -> None:
        """The first unanswered question, or the plan when every question is answered."""
        result = self.compute()
        if result.plan is not None:
            from .plan import PlanScreen

            self._show(in_lang(PlanScreen, self.lang)(result.plan))
        elif result.question is not None:
            self.edit(result.question.id)

    def edit(self, question_id: str) -> None:
        """Show one question, with its current answer preselected."""
        from .question import QuestionScreen

        question = self.flow_content.question_by_id[question_id]
        current = self.answers.get(question_id, UNSET)
        self._show(in_lang(QuestionScreen, self.lang)(question, current))

    def back_from(self, question: Question) -> None:
        """Escape on a question: the answered question just before it, or the welcome screen."""
        earlier = [q for q, _ in self.answered() if q.order < question.order]
        if earlier:
            self.edit(earlier[-1].id)
        else:
            self.to_welcome()

    def review(self) -> None:
        """Push the list of answers; picking one goes to that question."""
        from .review import ReviewScreen

        def picked(question_id: str | None) -> None:
            if question_id is not None:
                self.edit(question_id)

        self.push_screen(in_lang(ReviewScreen, self.lang)(self.answered()), picked)

    def new_person(self) -> None:
        """After confirmation: erase the session and go back to the welcome screen."""

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.store.delete()
                self.answers = {}
                self.saved = None
                self.flow = MAIN_FLOW
                self.to_welcome()

        self.push_screen(
            ConfirmScreen(
                t("confirm_new", self.lang), t("yes_erase", self.lang), t("no_keep", self.lang)
            ),
            confirmed,
        )

    def to_welcome(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if isinstance(self.screen, WelcomeScreen):
            self.screen.refresh_actions()

    def _show(self, screen: Screen[Any]) -> None:
        # The stack is [welcome, current wizard screen]; review and dialogs sit on top briefly.
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- actions ----------------------------------------------------------------------------

    def action_request_quit(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self.exit()

        if isinstance(self.screen, ConfirmScreen):
            return
        self.push_screen(
            ConfirmScreen(
                t("confirm_quit", self.lang), t("yes_quit", self.lang), t("no_stay", self.lang)
            ),
            confirmed,
        )

    def action_quit_now(self) -> None:
        self.exit()

    # Nothing in the app may open a browser or write a screenshot (see DESIGN.md).
    def open_url(self, url: str, *, new_tab: bool = True) -> None:  # noqa: ARG002
        return None

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        return None


class _Unset:
    """No answer yet (distinct from None, the "I don't know" answer)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


def make_app(
    content: Content | None = None,
    today: date | None = None,
    session_path: Path | str | None = None,
    lang: str = "fr",
    authority_screen: AuthorityScreenFactory | None | bool = True,
    cursor_blink: bool = True,
) -> ParcoursApp:
    """Build the app; tests pass their own content, date and a temporary session path.

    ``authority_screen``: True uses the authority look-up screen; None or False hides the
    action; a factory uses that screen.
    """
    if content is None:
        from ..wizard.content import load_content

        content = load_content()
    if authority_screen is True:
        authority_screen = default_authority_screen
    return ParcoursApp(
        content,
        today or date.today(),
        SessionStore(Path(session_path) if session_path is not None else None),
        lang=lang,
        authority_screen=authority_screen or None,
        cursor_blink=cursor_blink,
    )


def run(lang: str = "fr", mouse: bool = True, today: date | None = None) -> None:
    """Start the wizard in the terminal (``parcours`` with no command)."""
    import os
    import sys

    from ..wizard.errors import DataError

    # Over SSH a blinking cursor costs bytes every half second on a slow link.
    blink = not os.environ.get("SSH_CONNECTION")
    try:
        app = make_app(today=today, lang=lang, cursor_blink=blink)
    except DataError as exc:
        print(f"parcours: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    app.run(mouse=mouse)
