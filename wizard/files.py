"""Writing a file a person asked for: atomically, never over something it should not replace.

An exclusive temporary file with a random name in the target's folder, fsync, then rename; an
existing file is replaced only when asked (``force``); a link or a special file never is. New
files are mode 0600: a plan holds personal answers. Every failure is one ``WriteError`` line.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the message is one line a person can read. ``errno`` is the
    system's reason when there is one (a front can say it in the person's language)."""

    def __init__(self, message: str, errno: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno


class ExistsError(WriteError):
    """The target exists and overwriting was not asked for."""


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def write_text(path: Path, text: str, *, force: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; return the path written."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {_reason(exc)}", exc.errno) from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise WriteError(f"{path} is a symbolic link: not followed")
        if stat.S_ISDIR(st.st_mode):
            raise WriteError(f"{path} is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise WriteError(f"{path} is not a regular file")
        if not force:
            raise ExistsError(f"{path} already exists (not overwritten)")
    folder = path.parent
    if not folder.is_dir():
        raise WriteError(f"cannot write {path}: folder {folder} does not exist", errno.ENOENT)
    tmp = folder / f".{path.name}.{secrets.token_hex(8)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(tmp, flags, 0o600)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {_reason(exc)}", exc.errno) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))  # keep the replaced file's mode
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WriteError(f"cannot write {path}: {_reason(exc)}", exc.errno) from None
    return path
