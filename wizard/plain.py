"""Plain mode: the same wizard as numbered questions on plain lines, for any terminal.

``parcours --plain`` — and ``parcours`` when ``TERM=dumb`` or when standard input or output is
not a terminal — asks one question at a time as text (``1) Oui  2) Non``), reads one line per
answer and prints the plan as text. No escape code is ever written: this is the mode for screen
readers, braille displays, a printer-like terminal or a script. It runs the same engine as the
full-screen wizard (``flow.step``), with the same sessions and resume codes, and ends cleanly
(exit 0) at the end of input.

Typed at any question: a number (or, for a text question, the answer itself); ``?`` the help;
``<`` back to the previous question; ``r`` the answers given so far; ``q`` quit (the answers
stay saved under the resume code). Several choices: numbers separated by spaces or commas,
``0`` for none.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from typing import Any, TextIO

from .content import Content
from .errors import AnswerError
from .flow import step
from .glyphs import keep_together, plain_text
from .model import Question
from .notices import help_contacts, notice
from .resume_code import looks_like_code
from .safe_text import one_line
from .text import colon, tr
from .user_input import raw_from_text

LINE_LIMIT = 2000  # characters read from one line: longer input is cut (and said so)
WRAP_MIN, WRAP_MAX = 40, 100  # the width plain lines are wrapped to, from the terminal's

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "parcours — mode texte",
        "keys": "À chaque question : un numéro (ou la réponse), ? aide, < retour, r réponses, "
        "q quitter.",
        "resume": "Pour reprendre des réponses données plus tôt, tapez votre code de reprise à "
        "la première question.",
        "code": "Votre code de reprise : {code} (notez-le pour reprendre plus tard).",
        "code_wrong": "Ce code n'ouvre aucune session (inconnu ou expiré).",
        "code_malformed": "Un code ressemble à « pomme-lune-42 ».",
        "code_locked": "Trop de codes faux : réessayez dans {minutes} minute(s).",
        "code_in_use": "Cette session est ouverte ailleurs.",
        "code_unavailable": "Les sessions ne peuvent pas être lues sur ce poste.",
        "resumed": "Session reprise : {n} réponse(s).",
        "question": "Question {n} — {section}",
        "several": "Plusieurs choix possibles : numéros séparés par des espaces, 0 pour aucun.",
        "optional": "Entrée sans rien taper : je ne sais pas.",
        "unknown": "Je ne sais pas",
        "prompt": "> ",
        "choose": "Choisissez une réponse : tapez son numéro.",
        "no_such_number": "Pas de choix numéro {n} : tapez un numéro de 1 à {last}.",
        "no_help": "Pas d'aide pour cette question.",
        "first": "C'est la première question.",
        "no_answers": "Aucune réponse pour l'instant.",
        "answers": "Vos réponses :",
        "cut": "Réponse trop longue : seuls les {n} premiers caractères sont lus.",
        "error": "Erreur : {msg}",
        "suggest": "Suggestions : {s}",
        "saved": "Réponses enregistrées. Code de reprise : {code}.",
        "not_saved": "Les réponses n'ont pas pu être enregistrées : {why}.",
        "end": "Fin du plan.",
    },
    "en": {
        "title": "parcours — text mode",
        "keys": "At each question: a number (or the answer), ? help, < back, r answers, q quit.",
        "resume": "To resume answers given earlier, type your resume code at the first question.",
        "code": "Your resume code: {code} (write it down to resume later).",
        "code_wrong": "This code opens no session (unknown or expired).",
        "code_malformed": "A code looks like 'pomme-lune-42'.",
        "code_locked": "Too many wrong codes: try again in {minutes} minute(s).",
        "code_in_use": "This session is open elsewhere.",
        "code_unavailable": "Sessions cannot be read on this computer.",
        "resumed": "Session resumed: {n} answer(s).",
        "question": "Question {n} — {section}",
        "several": "Several choices allowed: numbers separated by spaces, 0 for none.",
        "optional": "Enter with nothing typed: I don't know.",
        "unknown": "I don't know",
        "prompt": "> ",
        "choose": "Choose an answer: type its number.",
        "no_such_number": "No choice number {n}: type a number from 1 to {last}.",
        "no_help": "No help for this question.",
        "first": "This is the first question.",
        "no_answers": "No answers yet.",
        "answers": "Your answers:",
        "cut": "Answer too long: only the first {n} characters are read.",
        "error": "Error: {msg}",
        "suggest": "Suggestions: {s}",
        "saved": "Answers saved. Resume code: {code}.",
        "not_saved": "The answers could not be saved: {why}.",
        "end": "End of the plan.",
    },
}

UNKNOWN = object()  # the "I don't know" choice of an optional question


class Quit(Exception):
    """The person typed ``q`` or the input ended."""


class PlainWizard:
    """One person's walk through the questions, on plain lines."""

    def __init__(
        self,
        content: Content,
        lang: str,
        today: date,
        read: Callable[[], str | None],
        write: Callable[[str], None],
        sessions: Any = None,
        ascii_only: bool = False,
        width: int = 80,
        echo: bool = False,
    ) -> None:
        self.content = content
        self.lang = lang
        self.today = today
        self._read = read
        self._write = write
        self.sessions = sessions
        self.session: Any = None
        self.ascii_only = ascii_only
        self.width = width
        self.echo = echo  # input is not a terminal: write each line read after its prompt
        self.answers: dict[str, Any] = {}
        self.order: list[str] = []  # the questions answered, in the order they were asked

    # -- output -------------------------------------------------------------------------------

    def w(self, key: str, **fields: Any) -> str:
        return WORDS[self.lang][key].format(**fields)

    def say(self, text: str = "", indent: str = "") -> None:
        """Print ``text`` wrapped to the width, each paragraph on its own lines."""
        for paragraph in text.split("\n"):
            lines = textwrap.wrap(
                keep_together(paragraph),
                self.width,
                initial_indent=indent,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            for line in lines or [""]:
                self._write(plain_text(line, self.ascii_only) + "\n")

    def ask(self, prompt: str) -> str:
        """One line typed (without control characters), or Quit at the end of input."""
        self._write(plain_text(prompt, self.ascii_only))
        line = self._read()
        if line is None:
            self._write("\n")
            raise Quit
        line = "".join(c for c in line.rstrip("\r\n") if c.isprintable())
        if self.echo:
            self._write(plain_text(line[:LINE_LIMIT], self.ascii_only) + "\n")
        if len(line) > LINE_LIMIT:
            self.say(self.w("cut", n=LINE_LIMIT))
            line = line[:LINE_LIMIT]
        return line.strip()

    # -- the walk -----------------------------------------------------------------------------

    def run(self) -> int:
        self.say(self.w("title"))
        for key in ("not_legal_advice",):
            text = notice(self.content, key, self.lang)
            if text:
                self.say(text)
        contacts = help_contacts(self.content, self.lang)
        if contacts:
            self.say(contacts)
        self.say(self.w("keys"))
        try:
            self.open_session()
            while True:
                result = step(self.content, self.answers, self.today)
                if result.plan is not None:
                    self.print_plan(result.plan)
                    return 0
                assert result.question is not None
                self.ask_question(result.question)
        except Quit:
            self.save(final=True)
            return 0
        finally:
            if self.session is not None:
                self.session.close()  # the answers stay saved; the lock is released

    def open_session(self) -> None:
        """Say how to resume; the session itself is created with the first answer (nothing is
        written for a run that answers nothing)."""
        if self.sessions is not None:
            self.say(self.w("resume"))

    def resume(self, code: str) -> None:
        """Open the session of ``code`` (typed at the first question) in place of the new one."""
        opened = self.sessions.open_with_code(code)
        if hasattr(opened, "reason"):
            self.say(self.refusal(opened))
            return
        loaded = opened.load()
        if loaded.problem is not None:
            self.say(self.w("error", msg=tr(loaded.problem, self.lang)))
        self.session = opened
        if loaded.data is not None:
            self.answers = dict(loaded.data.answers)
            self.order = list(self.answers)
        self.say(self.w("resumed", n=len(self.answers)))
        self.say(self.w("code", code=opened.code))

    def refusal(self, refused: Any) -> str:
        if refused.reason == "locked_out":
            return self.w("code_locked", minutes=max(1, round(refused.retry_after / 60)))
        return self.w(f"code_{refused.reason}")

    def save(self, final: bool = False) -> None:
        if self.sessions is None or (self.session is None and not self.answers):
            return
        from .session import SessionData

        if self.session is None:
            self.session = self.sessions.create()
            self.say(self.w("code", code=self.session.code))

        problem = self.session.save(SessionData("main", self.lang, dict(self.answers)))
        if problem is not None:
            self.say(self.w("not_saved", why=tr(problem, self.lang)))
        elif final:
            self.say(self.w("saved", code=self.session.code))

    def choices(self, question: Question) -> list[tuple[Any, str]]:
        """(value, label) of each numbered choice: the raw answer it gives, in words."""
        kind = question.kind
        out: list[tuple[Any, str]] = [
            (cid, label) for cid, label in kind.choices(question, self.lang)
        ]
        if question.optional and not kind.multiple:
            out.append((UNKNOWN, self.w("unknown")))
        return out

    def ask_question(self, question: Question) -> None:
        number = len(self.order) + 1
        self.say()
        self.say(self.w("question", n=number, section=tr(question.section, self.lang)))
        self.say(tr(question.text, self.lang))
        kind = question.kind
        numbered = self.choices(question) if kind.choice else []
        for i, (_, label) in enumerate(numbered, 1):
            self.say_choice(i, label)
        if kind.multiple:
            self.say(self.w("several"))
        elif question.optional and not kind.choice:
            self.say(self.w("optional"))
        while True:
            typed = self.ask(self.w("prompt"))
            if typed in ("q", "Q"):
                raise Quit
            if typed == "?":
                self.say(tr(question.help, self.lang) if question.help else self.w("no_help"))
                continue
            if typed in ("r", "R"):
                self.review()
                continue
            if not self.order and self.sessions is not None and looks_like_code(typed):
                self.resume(typed)
                if self.order:
                    return
                continue
            if typed == "<":
                if self.back():
                    return
                self.say(self.w("first"))
                continue
            raw, problem = self.read_answer(question, numbered, typed)
            if problem is not None:
                self.say(problem)
                continue
            if self.record(question, raw):
                return

    def say_choice(self, number: int, label: str) -> None:
        """ "1) label", a long label wrapped under itself (hanging indent)."""
        prefix = f"{number}) "
        lines = textwrap.wrap(
            keep_together(label),
            self.width - len(prefix),
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
        self._write(plain_text(prefix + lines[0], self.ascii_only) + "\n")
        for line in lines[1:]:
            self._write(plain_text(" " * len(prefix) + line, self.ascii_only) + "\n")

    def read_answer(
        self, question: Question, numbered: list[tuple[Any, str]], typed: str
    ) -> tuple[Any, str | None]:
        """The raw answer for what was typed, or (None, why it cannot be read)."""
        kind = question.kind
        if not kind.choice:
            return raw_from_text(question, typed), None
        if not typed:
            return None, self.w("choose")
        parts = typed.replace(",", " ").split()
        if not all(p.isdigit() for p in parts):
            return None, self.w("choose")
        picks = [int(p) for p in parts]
        if kind.multiple and picks == [0]:
            return kind.from_choice(question, "", ()), None
        for n in picks:
            if not 1 <= n <= len(numbered):
                return None, self.w("no_such_number", n=n, last=len(numbered))
        if not kind.multiple:
            if len(picks) != 1:
                return None, self.w("choose")
            value = numbered[picks[0] - 1][0]
            return (None if value is UNKNOWN else kind.from_choice(question, value, ())), None
        ids = [numbered[n - 1][0] for n in picks]
        return kind.from_choice(question, "", ids), None

    def record(self, question: Question, raw: Any) -> bool:
        """Give the answer to the engine: True when it is taken, False (said why) when not."""
        trial = {**self.answers, question.id: raw}
        try:
            step(self.content, trial, self.today)
        except AnswerError as exc:
            self.say(self.w("error", msg=one_line(tr(exc.message, self.lang))))
            if exc.suggestions:
                self.say(self.w("suggest", s=one_line("; ".join(exc.suggestions))))
            return False
        self.answers = trial
        if question.id in self.order:
            self.order.remove(question.id)
        self.order.append(question.id)
        self.save()
        return True

    def back(self) -> bool:
        if not self.order:
            return False
        last = self.order.pop()
        self.answers.pop(last, None)
        self.save()
        return True

    def review(self) -> None:
        result = step(self.content, self.answers, self.today)
        given = [q for q in self.content.questions if q.id in result.answers]
        if not given:
            self.say(self.w("no_answers"))
            return
        self.say(self.w("answers"))
        for q in given:
            value = result.answers[q.id]
            shown = self.w("unknown") if value is None else q.kind.display(q, value, self.lang)
            self.say(f"- {tr(q.label, self.lang)}{colon(self.lang)}{shown}")

    def print_plan(self, plan: Any) -> None:
        from .render import render_text
        from .sections import sections

        self.say()
        text = render_text(sections(plan, self.lang))
        for line in text.splitlines():
            self._write(plain_text(line, self.ascii_only) + "\n")
        self.say()
        self.say(self.w("end"))


def terminal_width(stream: TextIO) -> int:
    try:
        columns = shutil.get_terminal_size((80, 24)).columns if stream.isatty() else 80
    except (OSError, ValueError):
        columns = 80
    return max(WRAP_MIN, min(WRAP_MAX, columns - 1))


def run_plain(
    content: Content,
    lang: str,
    today: date,
    sessions: Any = None,
    ascii_only: bool = False,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Run plain mode on ``stdin``/``stdout``; the exit status (0 at the end of input)."""
    src = stdin if stdin is not None else sys.stdin
    out = stdout if stdout is not None else sys.stdout

    def read() -> str | None:
        try:
            line = src.readline(LINE_LIMIT * 4)
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        if not line:
            return None
        if not line.endswith("\n"):  # a line longer than the limit: drop the rest of it
            while True:
                rest = src.readline(LINE_LIMIT * 4)
                if not rest or rest.endswith("\n"):
                    break
        return line

    def write(text: str) -> None:
        out.write(text)
        out.flush()

    try:
        echo = not src.isatty()
    except (AttributeError, ValueError):
        echo = True
    wizard = PlainWizard(
        content, lang, today, read, write, sessions, ascii_only, terminal_width(out), echo
    )
    return wizard.run()
