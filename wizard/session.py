"""Sessions: one person's answers, so a dropped connection can resume — and nobody else's.

Every walk through the questions is its own session: one small JSON file named by a random id in
the ``sessions`` folder of the user's data directory (``platformdirs``), holding the flow, the
language, the raw protocol answers (the same JSON ``parcours step`` takes), when it was saved and
a salted hash of its resume code (``wizard.resume_code``). A running wizard holds a lock on its
session (``flock`` on ``<id>.lock``, released by the kernel when the process dies), so two running
wizards never share one. Files are written atomically (temporary file, fsync, rename) with mode
0600; a corrupt file is moved aside and reported, never fatal and never silently overwritten.

Sessions expire (``DEFAULT_TTL``, 24 hours after the last save); expired sessions, leftover
temporary files and stale locks are deleted by ``Sessions.clean_up`` at start-up. Wrong resume
codes are counted per account in ``attempts`` (one time stamp a line) and limited to
``MAX_FAILURES`` per ``FAILURE_WINDOW``. No Textual here: any front end (or a test) can use it.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .files import NotRegularFile, os_reason, read_regular
from .record import Record, record
from .resume_code import canonical, code_hash, looks_like_code, matches, new_code
from .safe_text import visible
from .text import Localised

FORMAT_VERSION = 2
MAX_BYTES = 1_000_000  # a real session is a few hundred bytes; refuse anything absurd
DEFAULT_TTL = 24 * 3600.0  # seconds after the last save
TEMP_GRACE = 60.0  # a temporary file older than this is left over from an interrupted save
MAX_FAILURES = 5  # wrong resume codes allowed per account ...
FAILURE_WINDOW = 15 * 60.0  # ... in this many seconds
ATTEMPTS = "attempts"
LATEST_SAVE = 4_102_444_800.0  # 2100-01-01: a save time beyond is no real time
LEGACY_FILE = "session.json"  # the single shared file of earlier versions
_ID = re.compile(r"[0-9a-f]{32}")
# Lock files: a planted link is never followed, and a FIFO in its place never blocks the open.
LOCK_FLAGS = os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def default_dir() -> Path:
    """``sessions/`` in the user's data directory (created only when first saved)."""
    import platformdirs  # imported here: only the wizard needs it, and only once

    return Path(platformdirs.user_data_dir("parcours", appauthor=False)) / "sessions"


def ttl_from(value: str | None, default: float = DEFAULT_TTL) -> float:
    """A session lifetime in seconds from a number of hours (option or environment); the
    default when ``value`` is empty; ValueError for anything else."""
    if value is None or not value.strip():
        return default
    hours = float(value)
    if not 0 < hours <= 24 * 365:
        raise ValueError(f"session lifetime must be between 0 and 8760 hours, not {value}")
    return hours * 3600.0


@dataclass
class SessionData:
    """What a session holds: the flow walked, the language and the raw answers."""

    flow: str = "main"
    lang: str = "fr"
    answers: dict[str, Any] = field(default_factory=dict)


@record
class LoadResult(Record):
    """A loaded session (or None), and where a corrupt file was moved, if it was."""

    data: SessionData | None
    problem: Localised | None = None  # one line, fr and en: why the file could not be used
    moved_to: Path | None = None


@record
class SessionInfo(Record):
    """A saved session as a menu shows it: when it was saved and how many answers it holds."""

    id: str
    saved_at: datetime
    answers: int


@record
class CodeRefused(Record):
    """Why a resume code opened nothing: ``wrong`` (unknown or expired), ``malformed``,
    ``locked_out`` (too many wrong codes: ``retry_after`` seconds), ``in_use`` or
    ``unavailable`` (the sessions folder cannot be used)."""

    reason: str
    retry_after: float = 0.0


class Session:
    """One person's session, locked by this process while it is open."""

    def __init__(
        self, sessions: Sessions, sid: str, code: str, salt: str, lock: int | None
    ) -> None:
        self.sessions = sessions
        self.id = sid
        self.code = code
        self._salt = salt
        self._lock = lock  # None: the folder is unusable; saving will say why
        self._closed = False

    @property
    def path(self) -> Path:
        return self.sessions.dir / f"{self.id}.json"

    @property
    def is_open(self) -> bool:
        return not self._closed

    def load(self) -> LoadResult:
        """The saved answers; a file that cannot be read as a session is moved aside."""
        return self.sessions.read(self.path)

    def save(self, data: SessionData) -> Localised | None:
        """Write atomically (temporary file, fsync, rename); return a problem (fr, en) or None."""
        if self._closed:
            return {"fr": "la session est fermée", "en": "the session is closed"}
        doc = {
            "version": FORMAT_VERSION,
            "id": self.id,
            "saved": self.sessions.now(),
            "salt": self._salt,
            "code_hash": code_hash(self.code, self._salt),
            "flow": data.flow,
            "lang": data.lang,
            "answers": data.answers,
        }
        return self.sessions.write(self.path, json.dumps(doc, ensure_ascii=False, indent=1))

    def close(self) -> None:
        """Release the session (it stays on disk, resumable with its code until it expires)."""
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
        self._closed = True

    def delete(self) -> Localised | None:
        """Erase the session ("new person", "forget me"); return a problem (fr, en) or None."""
        problem = None
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            fr, en = os_reason(exc)
            problem = _problem(self.path, f"suppression impossible ({fr})", f"cannot delete ({en})")
        if self._lock is not None:
            (self.sessions.dir / f"{self.id}.lock").unlink(missing_ok=True)
        self.close()
        return problem


class Sessions:
    """The sessions folder of one account: create, find, resume and clean up sessions."""

    def __init__(
        self,
        directory: Path | None = None,
        ttl: float = DEFAULT_TTL,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.dir = Path(directory) if directory is not None else default_dir()
        self.ttl = ttl
        self.now = now

    # -- files ------------------------------------------------------------------------------

    def _ensure_dir(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)

    def write(self, path: Path, text: str) -> Localised | None:
        """Atomic write of ``text`` to ``path``; a problem (fr, en) or None."""
        tmp_name: str | None = None
        try:
            self._ensure_dir()
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=self.dir)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp_name, path)
            tmp_name = None
        except OSError as exc:
            fr, en = os_reason(exc)
            return _problem(path, f"enregistrement impossible ({fr})", f"cannot save ({en})")
        finally:
            if tmp_name is not None:
                Path(tmp_name).unlink(missing_ok=True)
        return None

    def read(self, path: Path) -> LoadResult:
        """A session file's answers; a corrupt file is moved aside and reported."""
        try:
            doc = self._read_doc(path)
        except FileNotFoundError:
            return LoadResult(None)
        except NotRegularFile:
            # A FIFO or a device would block or never end: never opened for reading.
            return LoadResult(None, _problem(path, *NOT_REGULAR))
        except OSError as exc:
            fr, en = os_reason(exc)
            return LoadResult(None, _problem(path, f"lecture impossible ({fr})", en))
        except ValueError as exc:
            return _move_aside(path, str(exc))
        return LoadResult(SessionData(doc["flow"], doc["lang"], doc["answers"]))

    def _read_doc(self, path: Path) -> dict[str, Any]:
        # A link planted in the folder is never followed; a FIFO or a device is never read (no
        # hang); at most MAX_BYTES + 1 bytes are read.
        return _parse(read_regular(path, MAX_BYTES + 1, follow=False))

    # -- locks ------------------------------------------------------------------------------

    def _lock(self, sid: str) -> int | None:
        """Take the session's lock; None when another running wizard holds it."""
        self._ensure_dir()
        fd = os.open(self.dir / f"{sid}.lock", LOCK_FLAGS | os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        return fd

    def _is_locked(self, sid: str) -> bool:
        try:
            fd = os.open(self.dir / f"{sid}.lock", LOCK_FLAGS | os.O_RDONLY)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        finally:
            os.close(fd)
        return False

    # -- sessions ---------------------------------------------------------------------------

    def _live(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every readable, unexpired session on disk, newest first."""
        found = []
        for path in self._files("*.json"):
            sid = path.stem
            if not _ID.fullmatch(sid):
                continue
            try:
                doc = self._read_doc(path)
            except (OSError, ValueError):
                continue
            if self.now() - doc["saved"] <= self.ttl:
                found.append((doc["saved"], sid, doc))
        for _, sid, doc in sorted(found, key=lambda item: item[0], reverse=True):
            yield sid, doc

    def _files(self, pattern: str) -> list[Path]:
        try:
            return sorted(self.dir.glob(pattern))
        except OSError:
            return []

    def create(self) -> Session:
        """A new session with a fresh id and a resume code no live session uses. Nothing is
        written until the first save (the lock file aside). Where the folder cannot be used,
        the session still works and its first save says why."""
        taken = [(doc["salt"], doc["code_hash"]) for _, doc in self._live()]
        while True:
            code = new_code()
            if not any(matches(code, salt, stored) for salt, stored in taken):
                break
        while True:
            sid = secrets.token_hex(16)
            try:
                lock = self._lock(sid)
            except OSError:
                return Session(self, sid, code, secrets.token_hex(8), None)
            if lock is not None and not (self.dir / f"{sid}.json").exists():
                return Session(self, sid, code, secrets.token_hex(8), lock)
            if lock is not None:
                os.close(lock)

    def latest(self) -> SessionInfo | None:
        """The most recently saved session that no running wizard holds (personal machine only:
        a kiosk never offers it)."""
        for sid, doc in self._live():
            if doc["answers"] and not self._is_locked(sid):
                saved = datetime.fromtimestamp(doc["saved"])
                return SessionInfo(sid, saved, len(doc["answers"]))
        return None

    def open_latest(self, info: SessionInfo) -> Session | None:
        """Open the session ``latest`` offered, with a new resume code (the old one is not
        kept); None if it is gone or another wizard opened it meanwhile."""
        lock = self._lock(info.id)
        if lock is None:
            return None
        if not (self.dir / f"{info.id}.json").exists():
            os.close(lock)
            return None
        return Session(self, info.id, new_code(), secrets.token_hex(8), lock)

    def open_with_code(self, code: str) -> Session | CodeRefused:
        """The session whose resume code is ``code``; wrong codes are counted per account."""
        if not looks_like_code(code):
            return CodeRefused("malformed")
        try:
            return self._open_with_code(code)
        except OSError:  # the folder or its attempts file cannot be used
            return CodeRefused("unavailable")

    def _open_with_code(self, code: str) -> Session | CodeRefused:
        with self._attempts() as failures:
            wait = self._lockout(failures)
            if wait > 0:
                return CodeRefused("locked_out", wait)
            for sid, doc in self._live():
                if matches(code, doc["salt"], doc["code_hash"]):
                    lock = self._lock(sid)
                    if lock is None:
                        return CodeRefused("in_use")
                    shown = canonical(code) or code
                    return Session(self, sid, shown, doc["salt"], lock)
            failures.append(self.now())
            wait = self._lockout(failures)
            return CodeRefused("locked_out" if wait > 0 else "wrong", wait)

    def _lockout(self, failures: list[float]) -> float:
        """Seconds to wait before the next attempt (0: an attempt is allowed now)."""
        recent = sorted(t for t in failures if self.now() - t < FAILURE_WINDOW)
        if len(recent) < MAX_FAILURES:
            return 0.0
        return recent[-MAX_FAILURES] + FAILURE_WINDOW - self.now()

    def _attempts(self) -> _Attempts:
        return _Attempts(self)

    # -- start-up ---------------------------------------------------------------------------

    def clean_up(self, legacy: bool = True) -> CleanUp:
        """Delete expired sessions, temporary files left by an interrupted save, stale locks
        and (``legacy``) the single shared file of earlier versions; move corrupt sessions
        aside (deleted in turn once expired)."""
        problems: list[Localised] = []
        moved: list[Path] = []
        why_moved: list[Localised] = []
        now = self.now()

        def remove(path: Path) -> None:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                fr, en = os_reason(exc)
                problems.append(
                    _problem(path, f"suppression impossible ({fr})", f"cannot delete ({en})")
                )

        for path in self._files("*.json"):
            if not _ID.fullmatch(path.stem) or self._is_locked(path.stem):
                continue
            if _age(path, now) > self.ttl:
                remove(path)
                continue
            loaded = self.read(path)
            if loaded.moved_to is not None:
                moved.append(loaded.moved_to)
                why_moved.append(loaded.problem or {"fr": "", "en": ""})
            elif loaded.problem:
                problems.append(loaded.problem)
        for path in self._files("*.json.corrupt-*"):
            if _age(path, now) > self.ttl:
                remove(path)
        for path in self._files(".*.tmp"):
            if _age(path, now) > TEMP_GRACE:
                remove(path)
        for path in self._files("*.lock"):
            if not (self.dir / f"{path.stem}.json").exists() and not self._is_locked(path.stem):
                remove(path)
        if legacy:
            remove(self.dir.parent / LEGACY_FILE)
        return CleanUp(problems, moved, why_moved)


@record
class CleanUp(Record):
    """What start-up cleaning could not do, and the corrupt sessions it moved aside."""

    problems: list[Localised]
    moved: list[Path]
    why_moved: list[Localised] = field(default_factory=list)  # why each was moved, fr and en


class _Attempts:
    """The account's wrong-code time stamps, read and rewritten under an exclusive lock."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions
        self.path = sessions.dir / ATTEMPTS
        self.fd: int | None = None
        self.failures: list[float] = []
        self.before = 0

    def __enter__(self) -> list[float]:
        self.sessions._ensure_dir()
        self.fd = os.open(self.path, LOCK_FLAGS | os.O_RDWR | os.O_CREAT, 0o600)
        if not stat.S_ISREG(os.fstat(self.fd).st_mode):  # a FIFO here would block the read
            os.close(self.fd)
            self.fd = None
            raise NotRegularFile(f"{self.path}: not a regular file")
        fcntl.flock(self.fd, fcntl.LOCK_EX)  # held for a few milliseconds by each attempt
        with os.fdopen(os.dup(self.fd), "r", encoding="ascii", errors="replace") as fh:
            for line in fh.read(100_000).split():
                try:
                    self.failures.append(float(line))
                except ValueError:
                    continue
        self.before = len(self.failures)
        return self.failures

    def __exit__(self, *exc: object) -> None:
        assert self.fd is not None
        try:
            if len(self.failures) != self.before:
                now = self.sessions.now()
                recent = [t for t in self.failures if now - t < FAILURE_WINDOW]
                data = "".join(f"{t!r}\n" for t in recent[-100:]).encode("ascii")
                os.lseek(self.fd, 0, os.SEEK_SET)
                os.ftruncate(self.fd, 0)
                os.write(self.fd, data)
                os.fsync(self.fd)
        finally:
            os.close(self.fd)
            self.fd = None


def _age(path: Path, now: float) -> float:
    try:
        return now - path.lstat().st_mtime
    except OSError:
        return 0.0


def _move_aside(path: Path, why: str) -> LoadResult:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    fr = WHY_FR.get(why, why)
    try:
        os.replace(path, target)
    except OSError as exc:
        err_fr, err_en = os_reason(exc)
        return LoadResult(
            None,
            _problem(
                path,
                f"{fr} ; impossible de le mettre de côté ({err_fr})",
                f"{why}; could not move it aside ({err_en})",
            ),
        )
    return LoadResult(None, {"fr": fr, "en": why}, target)


# The session file's problems in French (the English reason is the key).
WHY_FR = {
    "session file too large": "fichier de reprise trop grand",
    "session file is not valid JSON": "fichier de reprise illisible (contenu abîmé)",
    "session file has an unknown format": "fichier de reprise d'un format inconnu",
}
NOT_REGULAR = ("n'est pas un fichier ordinaire", "not a regular file")


def _problem(path: Path, fr: str, en: str) -> Localised:
    where = visible(path, 200)
    return {"fr": f"{where} : {fr}", "en": f"{where}: {en}"}


def _parse(raw: bytes) -> dict[str, Any]:
    """Check the file's shape; raise ValueError with a short reason."""
    if len(raw) > MAX_BYTES:
        raise ValueError("session file too large")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValueError("session file is not valid JSON") from None
    if not isinstance(doc, dict) or doc.get("version") != FORMAT_VERSION:
        raise ValueError("session file has an unknown format")
    shapes = {"flow": str, "lang": str, "answers": dict, "salt": str, "code_hash": str}
    if any(not isinstance(doc.get(k), kind) for k, kind in shapes.items()):
        raise ValueError("session file has an unknown format")
    saved = doc.get("saved")
    if not isinstance(saved, int | float) or isinstance(saved, bool):
        raise ValueError("session file has an unknown format")
    if not 0 <= saved <= LATEST_SAVE:  # NaN, infinities and absurd times too
        raise ValueError("session file has an unknown format")
    return doc
