"""The parcours Textual app: holds the answers, asks the engine what comes next, shows screens.

Screens never touch the content store or the session files: they call the app, which calls the
engine (``wizard.flow``) and the sessions (``wizard.session``). Answers are kept as raw
protocol values, the same JSON ``parcours step`` takes, so the session file and the CLI share
one format. One walk is one session, opened (and locked) by this app alone; in kiosk mode a
session is only resumed with its code, and an idle timeout clears the screen.
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, cast

from textual import events
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from ..wizard.content import Content
from ..wizard.errors import AnswerError
from ..wizard.flow import Step, asked, step
from ..wizard.model import MAIN_FLOW, Question
from ..wizard.safe_text import visible
from ..wizard.session import (
    DEFAULT_TTL,
    CodeRefused,
    Session,
    SessionData,
    SessionInfo,
    Sessions,
)
from ..wizard.text import tr
from .confirm import ConfirmScreen, QuitScreen
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
        "resume.tcss",
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
        sessions: Sessions,
        lang: str = "fr",
        authority_screen: AuthorityScreenFactory | None = None,
        cursor_blink: bool = False,
        kiosk: bool = False,
        idle_seconds: float | None = None,
        animations: bool = True,
        export_dir: Path | None = None,
        ascii_only: bool = False,
    ) -> None:
        self.ascii_only = ascii_only  # read by get_driver_class, which Textual's __init__ calls
        super().__init__()
        self.content = content
        self.today = today
        self.sessions = sessions
        self.lang = lang
        self.authority_screen = authority_screen
        self.cursor_blink = cursor_blink
        self.kiosk = kiosk
        # Where the plan screen's "Exporter" writes; in kiosk mode, without it, no file export.
        self.export_dir = export_dir
        self.idle_seconds = idle_seconds
        if not animations:
            self.animation_level = "none"  # no smooth scrolling: a PageDown is one repaint
        self._flow = MAIN_FLOW
        self._answers: dict[str, Any] = {}
        self.session: Session | None = None  # this person's session, locked while open
        self.latest: SessionInfo | None = None  # personal machine: the last session, offered
        self._flows: dict[str, Content] = {}
        self._result: Step | None = None  # the engine's answer for the current answers
        self._save_failing = False  # the last save failed (and the person was told)
        self._idle_timer: Timer | None = None  # armed while someone may be at the screen
        self._last_key = time.monotonic()

    # -- start-up ---------------------------------------------------------------------------

    ascii_only = False  # the locale is not UTF-8: every character sent is ASCII

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        if not self.ascii_only:
            return driver
        from .ascii_driver import ascii_driver

        return cast("type[Driver]", ascii_driver(driver))

    def get_default_screen(self) -> Screen[Any]:
        return in_lang(WelcomeScreen, self.lang)()

    def on_mount(self) -> None:
        self.mask_switch()  # the welcome screen too is drawn once, settled
        cleaned = self.sessions.clean_up()
        for moved, why in list(zip(cleaned.moved, cleaned.why_moved, strict=True))[:1]:
            self.notify(
                t("session_corrupt", self.lang, why=tr(why, self.lang), path=visible(moved, 200)),
                severity="warning",
                timeout=15,
            )
        for problem in cleaned.problems[:1]:
            self.notify(
                t("session_problem", self.lang, why=tr(problem, self.lang)), severity="warning"
            )
        self.refresh_latest()
        self.check_size(self.size.width, self.size.height)
        if self.idle_seconds:
            self._idle_timer = self.set_timer(self.idle_seconds, self._check_idle)
        self.call_after_refresh(self.freeze_long_lived)
        try:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGTERM, self._terminate)
            loop.add_signal_handler(signal.SIGHUP, self._hang_up)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread (tests): the default handlers stay

    def freeze_long_lived(self) -> None:
        """Put what is alive now (the content, the place tables once loaded, Textual's own
        objects) out of the cyclic garbage collector's reach. Otherwise each full collection
        walks all ~70,000 of them again: ~30 ms of CPU on whatever keystroke it falls. Objects
        made later are collected as usual. Not in a headless run (tests, benchmarks of the
        frame): many apps share that process, and what is frozen is never collected."""
        if not self.is_headless:
            gc.freeze()

    def refresh_latest(self) -> None:
        """The last saved session, offered on a personal machine; never in kiosk mode."""
        self.latest = None if self.kiosk else self.sessions.latest()

    # -- signals and idleness ---------------------------------------------------------------

    def _terminate(self) -> None:
        # Answers are saved after each answer, never half-way (a handler runs between
        # callbacks): leave cleanly, and for sure within two seconds.
        self.set_timer(2.0, self._hang_up)
        self.exit()

    def _hang_up(self) -> None:
        # The terminal is gone (SIGHUP): nothing to restore on screen; the last answer is saved.
        if self.session is not None:
            self.session.close()
        os._exit(129)

    async def on_event(self, event: events.Event) -> None:
        if self.idle_seconds and isinstance(event, events.Key | events.MouseDown):
            self._last_key = time.monotonic()
            if self._idle_timer is None:  # the first key after a timeout: watch again
                self._idle_timer = self.set_timer(self.idle_seconds, self._check_idle)
        await super().on_event(event)

    def _check_idle(self) -> None:
        # One-shot timers, re-armed for the time left: the timeout falls exactly
        # ``idle_seconds`` after the last key (a Timer.reset only restarts after its current
        # wait), and nothing runs once the screen is cleared until the next key.
        self._idle_timer = None
        left = (self.idle_seconds or 0) - (time.monotonic() - self._last_key)
        if left > 0.01:
            self._idle_timer = self.set_timer(left, self._check_idle)
        else:
            self._idle()

    def _idle(self) -> None:
        """Kiosk idle timeout: close the session (resumable with its code) and clear the
        screen back to the welcome screen for the next person."""
        had_person = self.session is not None or len(self.screen_stack) > 1
        self.close_session()
        if had_person:
            self.to_welcome()
            minutes = max(1, round((self.idle_seconds or 0) / 60))
            self.notify(t("idle_cleared", self.lang, minutes=minutes), timeout=30)

    def close_session(self) -> None:
        """Forget this person on screen; their saved session stays resumable with its code."""
        if self.session is not None:
            if not self.answers:
                self.session.delete()  # nothing saved: only the lock file to remove
            else:
                self.session.close()
        self.session = None
        self.answers = {}
        self.flow = MAIN_FLOW
        self.refresh_latest()

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

    @property
    def resume_code(self) -> str | None:
        """The code that resumes this person's session, shown while they answer."""
        return self.session.code if self.session is not None else None

    def start(self, flow: str = MAIN_FLOW) -> None:
        """A fresh walk through ``flow`` in a new session; erases the current answers (the
        welcome screen asks first)."""
        if self.session is not None:
            self.session.delete()
        self.session = self.sessions.create()
        self.flow = flow if flow in self.content.flows else MAIN_FLOW
        self.answers = {}
        self.show_next()

    def continue_current(self) -> None:
        """Back from the welcome screen to this person's first unanswered question."""
        if self.session is None:
            self.start()
        else:
            self.show_next()

    def resume_latest(self) -> bool:
        """Open the last saved session (personal machine); False when it is gone or taken."""
        if self.kiosk or self.latest is None:
            return False
        session = self.sessions.open_latest(self.latest)
        if session is None:
            self.refresh_latest()
            return False
        return self._adopt(session)

    def resume_with_code(self, code: str) -> CodeRefused | None:
        """Open the session whose code was typed; why not, or None once it is shown."""
        found = self.sessions.open_with_code(code)
        if isinstance(found, CodeRefused):
            return found
        if not self._adopt(found):
            return CodeRefused("wrong")
        return None

    def _adopt(self, session: Session) -> bool:
        loaded = session.load()
        if loaded.moved_to is not None:
            self.notify(
                t(
                    "session_corrupt",
                    self.lang,
                    why=tr(loaded.problem, self.lang),
                    path=visible(loaded.moved_to, 200),
                ),
                severity="warning",
                timeout=15,
            )
        elif loaded.problem:
            why = tr(loaded.problem, self.lang)
            self.notify(t("session_problem", self.lang, why=why), severity="warning")
        if loaded.data is None:
            session.delete()
            self.refresh_latest()
            return False
        self.close_session()
        self.session = session
        data = loaded.data
        self.flow = data.flow if data.flow in self.content.flows else MAIN_FLOW
        self.answers = dict(data.answers)
        self._drop_invalid()
        self.save()  # the new code's hash (after "resume the last session") and the time
        self.to_welcome()
        self.show_next()
        return True

    def _drop_invalid(self) -> None:
        # The content may have changed since the session was saved: drop what no longer fits,
        # one answer at a time (the error names the answer's key exactly as it was saved).
        while True:
            try:
                self.compute()
                return
            except AnswerError as exc:
                if exc.key is None or exc.key not in self.answers:
                    self.answers = {}
                    return
                self.answers = {k: v for k, v in self.answers.items() if k != exc.key}
                self.notify(t("stale_answer", self.lang, q=visible(exc.key)), severity="warning")
            except Exception as exc:  # noqa: BLE001 - a saved session must never crash resuming
                self.answers = {}
                why = f"{type(exc).__name__}"
                self.notify(t("session_problem", self.lang, why=why), severity="warning")
                return

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
        if self.session is None:
            self.session = self.sessions.create()
        problem = self.session.save(SessionData(self.flow, self.lang, dict(self.answers)))
        if problem is None:
            self._save_failing = False  # a later failure is news again
        elif not self._save_failing:
            # Once per run of failures: the wizard still works without saving.
            self._save_failing = True
            self.notify(
                t("save_problem", self.lang, why=tr(problem, self.lang)), severity="warning"
            )

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

        self.mask_switch()
        self.push_screen(in_lang(ReviewScreen, self.lang)(self.answered()), picked)

    def new_person(self) -> None:
        """After confirmation: erase the session and go back to the welcome screen."""

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.forget()
                self.to_welcome()

        self.mask_switch()
        self.push_screen(
            ConfirmScreen(
                t("confirm_new", self.lang), t("yes_erase", self.lang), t("no_keep", self.lang)
            ),
            confirmed,
        )

    def forget(self) -> None:
        """Erase this person's session and answers (no question asked: callers ask first)."""
        if self.session is not None:
            self.session.delete()
        self.session = None
        self.answers = {}
        self.flow = MAIN_FLOW
        self.refresh_latest()

    def on_resize(self, event: events.Resize) -> None:
        self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        """Below the smallest usable size, say so over everything instead of a broken layout;
        take the message away once the window is big enough again."""
        from .too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

        small = width < MIN_WIDTH or height < MIN_HEIGHT
        shown = isinstance(self.screen, TooSmallScreen)
        if small and not shown:
            message = t("too_small", self.lang, w=MIN_WIDTH, h=MIN_HEIGHT)
            self.push_screen(TooSmallScreen(message))
        elif shown and not small:
            self.pop_screen()

    async def action_switch_lang(self) -> None:
        """F4: the other language, on the same screen, every answer kept (and saved with it).
        The answers list and the resume-code screen are closed and opened again in it."""
        from .plan import PlanScreen
        from .question import QuestionScreen
        from .resume import ResumeScreen
        from .review import ReviewScreen

        top = self.screen
        reopen = None
        if isinstance(top, ReviewScreen):
            reopen = self.review
        elif isinstance(top, ResumeScreen):

            def reopen() -> None:
                self.push_screen(in_lang(ResumeScreen, self.lang)())

        elif self.authority_screen is not None and type(top).__name__ == "AuthorityScreen":
            factory = self.authority_screen

            def reopen() -> None:
                self.push_screen(factory(self))

        if reopen is not None:
            await self.pop_screen()
        self.lang = "en" if self.lang == "fr" else "fr"
        if self.session is not None:
            self.save()
        screen = self.screen
        if isinstance(screen, QuestionScreen):
            self.edit(screen.question.id)
        elif isinstance(screen, PlanScreen):
            self.show_next()
        elif isinstance(screen, WelcomeScreen):
            self._show(in_lang(WelcomeScreen, self.lang)())  # the first welcome stays below
        if reopen is not None:
            reopen()

    def to_welcome(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        base = self.screen
        if isinstance(base, WelcomeScreen) and base.lang_shown != self.lang:
            # The first welcome screen cannot be replaced: the other language's goes on top.
            self._show(in_lang(WelcomeScreen, self.lang)())
        elif isinstance(base, WelcomeScreen):
            base.refresh_actions()

    def _show(self, screen: Screen[Any]) -> None:
        # The stack is [welcome, current wizard screen]; review and dialogs sit on top briefly.
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.mask_switch()
            self.push_screen(screen)

    # -- fewer bytes on slow links ----------------------------------------------------------

    SWITCH_DELAY = 0.08
    """Seconds a screen change may take to settle before it is drawn (with animations off)."""

    def mask_switch(self) -> None:
        """With animations off (kiosk, SSH), draw a new screen once, when it has settled:
        Textual otherwise repaints the whole screen three or four times while it mounts,
        focuses and lays out (~3.7 KB each at 80x24 over SSH)."""
        if self.animation_level == "none" and self.is_running:
            self.delay_update(self.SWITCH_DELAY)

    def switch_screen(self, screen: Screen[Any] | str) -> AwaitComplete:
        self.mask_switch()
        return super().switch_screen(screen)

    def pop_screen(self) -> AwaitComplete:
        self.mask_switch()
        return super().pop_screen()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notice, shown as plain text: what it quotes is never read as markup, and control
        characters show as escapes (``visible``), line by line."""
        safe = "\n".join(visible(line, None) for line in str(message).split("\n"))
        super().notify(safe, title=title, severity=severity, timeout=timeout, markup=False)

    def _fatal_error(self) -> None:
        # A bug of ours: no traceback on exit (source, paths, local variables - the person's
        # answers), only the one line ``crash_line`` that ``run`` prints. Tests still see the
        # exception itself.
        self.bell()
        self._close_messages_no_wait()

    @property
    def crash_line(self) -> str | None:
        """After an internal error, the one line to print on exit; None otherwise."""
        if not self.return_code:
            return None
        error = self._exception
        name = type(error).__name__ if error is not None else "error"
        return t("internal_error", self.lang, name=name)

    # -- actions ----------------------------------------------------------------------------

    def action_request_quit(self) -> None:
        """Ask first; with answers, offer to keep them (with the code) or to forget them."""

        def confirmed(choice: str | None) -> None:
            if choice == "forget":
                self.forget()
            if choice in ("keep", "forget"):
                self.action_quit_now()

        if isinstance(self.screen, ConfirmScreen | QuitScreen):
            return
        hours = round(self.sessions.ttl / 3600)
        choices = [("stay", t("no_stay", self.lang))]
        if self.answers and self.resume_code:
            question = t("confirm_quit_code", self.lang, hours=hours, code=self.resume_code)
            choices += [
                ("keep", t("yes_quit_keep", self.lang, hours=hours)),
                ("forget", t("yes_quit_forget", self.lang)),
            ]
        else:
            question = t("confirm_quit", self.lang)
            choices.append(("keep", t("yes_quit", self.lang)))
        self.mask_switch()
        self.push_screen(QuitScreen(question, choices), confirmed)

    def action_quit_now(self) -> None:
        """Leave at once; the answers are already saved (the session is released)."""
        self.close_session()
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
    session_dir: Path | str | None = None,
    lang: str = "fr",
    authority_screen: AuthorityScreenFactory | None | bool = True,
    cursor_blink: bool = False,
    kiosk: bool = False,
    idle_seconds: float | None = None,
    session_ttl: float | None = None,
    animations: bool = True,
    export_dir: Path | str | None = None,
    ascii_only: bool = False,
) -> ParcoursApp:
    """Build the app; tests pass their own content, date and a temporary sessions folder.

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
        Sessions(
            Path(session_dir) if session_dir is not None else None,
            ttl=session_ttl or DEFAULT_TTL,
        ),
        lang=lang,
        authority_screen=authority_screen or None,
        cursor_blink=cursor_blink,
        kiosk=kiosk,
        idle_seconds=idle_seconds,
        animations=animations,
        export_dir=Path(export_dir) if export_dir else None,
        ascii_only=ascii_only,
    )


def run(
    lang: str = "fr",
    mouse: bool = True,
    today: date | None = None,
    kiosk: bool = False,
    idle_seconds: float | None = None,
    session_ttl: float | None = None,
    animations: bool = True,
    blink: bool = False,
    export_dir: str | None = None,
    ascii_only: bool = False,
) -> None:
    """Start the wizard in the terminal (``parcours`` with no command; see ``wizard.launch``).

    The text cursor does not blink unless asked (``--blink``): blinking sends bytes every half
    second, on every link (mosh, su and sudo do not pass ``SSH_CONNECTION``).
    """
    import sys

    from ..wizard.errors import INTERNAL_ERROR, DataError

    try:
        app = make_app(
            today=today,
            lang=lang,
            cursor_blink=blink,
            kiosk=kiosk,
            idle_seconds=idle_seconds,
            session_ttl=session_ttl,
            animations=animations,
            export_dir=export_dir,
            ascii_only=ascii_only,
        )
    except DataError as exc:
        print(f"parcours: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    try:
        app.run(mouse=mouse)
    finally:
        app.close_session()
    if app.crash_line is not None:
        print(app.crash_line, file=sys.stderr)
        raise SystemExit(INTERNAL_ERROR)
