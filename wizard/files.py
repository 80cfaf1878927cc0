"""Writing a file a person asked for (``plan --output``, exports): safely, or not at all.

The text goes to a temporary file with a random name, created exclusively in the target's own
folder (``mkstemp``: ``O_CREAT|O_EXCL|O_NOFOLLOW``, mode 0600), is flushed to disk, then takes
the target's name in one step. Only a new name or an existing regular file is ever written:
links, folders, FIFOs and devices are refused, and an existing file is replaced only when
``force`` says so, keeping its permissions or tighter (never wider than it had). Every failure
is an ``OutputError`` with one line, fr and en, naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import UserError
from .safe_text import visible

NEW_FILE_MODE = 0o600  # what we write holds personal answers
PATH_LIMIT = 120  # characters of a path quoted in a message


class OutputError(UserError):
    """A file that cannot or must not be written."""


class ExistsError(OutputError):
    """The target exists and replacing it was not asked for (a front may offer to)."""


def _fail(path: Path | str, fr: str, en: str, kind: type[OutputError] = OutputError) -> OutputError:
    where = visible(path, PATH_LIMIT)
    return kind({"fr": f"{where} : {fr}", "en": f"{where}: {en}"})


def _exists(path: Path | str) -> OutputError:
    return _fail(
        path,
        "le fichier existe déjà (--force pour le remplacer)",
        "the file already exists (use --force to replace it)",
        ExistsError,
    )


def os_reason(exc: OSError) -> tuple[str, str]:
    """Why a file operation failed, in French and English."""
    reasons = {
        errno.ENOENT: ("dossier introuvable", "no such folder"),
        errno.ENOTDIR: ("le chemin passe par un fichier", "a part of the path is not a folder"),
        errno.EACCES: ("permission refusée", "permission denied"),
        errno.EPERM: ("opération non permise", "operation not permitted"),
        errno.EROFS: ("système de fichiers en lecture seule", "read-only file system"),
        errno.ENOSPC: ("plus de place sur le disque", "no space left on the device"),
        errno.EDQUOT: ("quota disque dépassé", "disk quota exceeded"),
        errno.ENAMETOOLONG: ("nom de fichier trop long", "file name too long"),
        errno.EISDIR: ("c'est un dossier", "is a directory"),
        errno.ELOOP: ("trop de liens symboliques", "too many symbolic links"),
        errno.EEXIST: ("un fichier occupe déjà ce nom", "a file is in the way"),
    }
    en = exc.strerror or type(exc).__name__
    return reasons.get(exc.errno or 0, (en, en))


def write_text(path: Path | str, text: str, force: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; raise OutputError (one line) instead."""
    target = Path(path)
    if not target.name or target.name in (".", ".."):
        raise _fail(path, "ce n'est pas un nom de fichier", "not a file name")
    mode = NEW_FILE_MODE
    try:
        st: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _fail(path, *os_reason(exc)) from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise _fail(path, "c'est un lien symbolique : refusé", "is a symbolic link: refused")
        if stat.S_ISDIR(st.st_mode):
            raise _fail(path, "c'est un dossier", "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise _fail(
                path,
                "n'est pas un fichier ordinaire (tube, périphérique…) : refusé",
                "is not a regular file (pipe, device…): refused",
            )
        if not force:
            raise _exists(path)
        mode = stat.S_IMODE(st.st_mode) & 0o666  # the same or tighter: never executable
    folder = target.parent
    tmp: str | None = None
    try:
        import tempfile  # here: a command that writes no file does not import it

        fd, tmp = tempfile.mkstemp(prefix=".parcours-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if st is None:
            _link_new(tmp, target, path)
        else:
            os.replace(tmp, target)  # a rename replaces a link planted meanwhile, never follows it
        tmp = None
        _sync_folder(folder)
    except OutputError:
        raise
    except OSError as exc:
        raise _fail(path, *os_reason(exc)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _link_new(tmp: str, target: Path, path: Path | str) -> None:
    """Give ``tmp`` the new name ``target`` without replacing anything created meanwhile."""
    try:
        os.link(tmp, target)  # fails if the name exists now, whatever it is
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: a rename, after checking the name is still free.
        if os.path.lexists(target):
            raise _exists(path) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    # The rename is durable once the folder itself is on disk; not every system allows it.
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class NotRegularFile(OSError):
    """A path that names a FIFO, a device, a folder or a socket, not a regular file."""


def read_regular(path: Path | str, limit: int, follow: bool = True) -> bytes:
    """At most ``limit`` bytes of the regular file ``path``; a FIFO or device is never read
    (opening does not wait for a writer) and raises NotRegularFile. Without ``follow``, a
    symbolic link is refused (OSError ELOOP) instead of followed."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= os.O_NOFOLLOW
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"{path}: not a regular file")
        chunks, size = [], 0
        while size < limit:
            chunk = os.read(fd, min(65536, limit - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
