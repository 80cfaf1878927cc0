"""The wizard's session file: the answers given so far, so a dropped connection can resume.

One small JSON file under the user's data directory (``platformdirs``), holding only what resuming
needs: the flow, the language and the raw protocol answers (the same JSON ``parcours step`` takes).
Written atomically after each answer; a corrupt file is moved aside and reported, never fatal and
never silently overwritten. No Textual here: any front end (or a test) can use it.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .files import NotRegularFile, os_reason, read_regular
from .safe_text import visible
from .text import Localised

FORMAT_VERSION = 1
FILE_NAME = "session.json"
MAX_BYTES = 1_000_000  # a real session is a few hundred bytes; refuse anything absurd


def default_path() -> Path:
    """``session.json`` in the user's data directory (created only when first saved)."""
    import platformdirs  # imported here: only the TUI needs it, and only once

    return Path(platformdirs.user_data_dir("parcours", appauthor=False)) / FILE_NAME


@dataclass
class SessionData:
    """What a session holds: the flow walked, the language and the raw answers."""

    flow: str = "main"
    lang: str = "fr"
    answers: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "flow": self.flow,
            "lang": self.lang,
            "answers": self.answers,
        }


@dataclass(frozen=True)
class LoadResult:
    """A loaded session (or None), and where a corrupt file was moved, if it was."""

    data: SessionData | None
    problem: Localised | None = None  # one line, fr and en: why the file could not be used
    moved_to: Path | None = None


class SessionStore:
    """Read, write and delete one session file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()

    def exists(self) -> bool:
        return self.path.is_file()

    def load(self) -> LoadResult:
        """The saved session; a file that cannot be read as one is moved aside and reported."""
        if not os.path.lexists(self.path):
            return LoadResult(None)
        try:
            raw = read_regular(self.path, MAX_BYTES + 1)
        except NotRegularFile:
            # A FIFO or a device would block or never end: never opened for reading.
            return LoadResult(None, _problem(self.path, *NOT_REGULAR))
        except OSError as exc:
            fr, en = os_reason(exc)
            return LoadResult(None, _problem(self.path, f"lecture impossible ({fr})", en))
        try:
            data = _parse(raw)
        except ValueError as exc:
            return self._move_aside(str(exc))
        return LoadResult(data)

    def _move_aside(self, why: str) -> LoadResult:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        fr = WHY_FR.get(why, why)
        try:
            os.replace(self.path, target)
        except OSError as exc:
            err_fr, err_en = os_reason(exc)
            return LoadResult(
                None,
                _problem(
                    self.path,
                    f"{fr} ; impossible de le mettre de côté ({err_fr})",
                    f"{why}; could not move it aside ({err_en})",
                ),
            )
        return LoadResult(None, {"fr": fr, "en": why}, target)

    def save(self, data: SessionData) -> Localised | None:
        """Write atomically (temporary file, fsync, rename); return a problem (fr, en) or None."""
        text = json.dumps(data.to_json(), ensure_ascii=False, indent=1)
        tmp_name: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp_name = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
            )
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp_name, self.path)
            tmp_name = None
        except OSError as exc:
            fr, en = os_reason(exc)
            return _problem(self.path, f"enregistrement impossible ({fr})", f"cannot save ({en})")
        finally:
            if tmp_name is not None:
                Path(tmp_name).unlink(missing_ok=True)
        return None

    def delete(self) -> Localised | None:
        """Remove the session file ("new person"); return a problem (fr, en) or None."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            fr, en = os_reason(exc)
            return _problem(self.path, f"suppression impossible ({fr})", f"cannot delete ({en})")
        return None


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


def _parse(raw: bytes) -> SessionData:
    """Check the file's shape; raise ValueError with a short reason."""
    if len(raw) > MAX_BYTES:
        raise ValueError("session file too large")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValueError("session file is not valid JSON") from None
    if not isinstance(doc, dict) or doc.get("version") != FORMAT_VERSION:
        raise ValueError("session file has an unknown format")
    flow, lang, answers = doc.get("flow"), doc.get("lang"), doc.get("answers")
    if not isinstance(flow, str) or not isinstance(lang, str) or not isinstance(answers, dict):
        raise ValueError("session file has an unknown format")
    return SessionData(flow, lang, answers)
