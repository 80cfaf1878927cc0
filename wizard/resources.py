"""Find and read the bundled, read-only TinyDB databases.

Installed, the content sits inside the package (``parcours/wizard/_data``); in a source
checkout it is the top-level ``data/`` folder. It is never opened for writing, never created.

The files are TinyDB databases (``{table: {document id: record}}``). Commands read them with
``read_tables``, which parses that documented storage format directly: importing TinyDB and
building its Table and Document objects cost a command a few milliseconds for nothing, since the
records are only read once, in file order. ``open_db`` gives the same files as a read-only TinyDB
for queries; a test checks both readers agree on every bundled file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError
from .files import NotRegularFile, read_regular
from .safe_text import visible

if TYPE_CHECKING:
    from tinydb import TinyDB

MAX_BYTES = 20_000_000  # the largest bundled file is under 1 MB; refuse anything absurd


def read_document(source: Path) -> dict[str, Any]:
    """One TinyDB file as its JSON object of tables, checked for shape; DataError otherwise."""
    try:
        # Only a regular file is opened (a FIFO would block), and only so much of it.
        raw = read_regular(Path(source), MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise DataError(f"data file too large: {source}")
        document = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except FileNotFoundError as exc:
        raise DataError(f"bundled data file missing: {source}") from exc
    except NotRegularFile as exc:
        raise DataError(f"data file is not a regular file: {source}") from exc
    except RecursionError:
        raise DataError(f"data file {source}: nested too deeply to read") from None
    except (OSError, ValueError) as exc:
        raise DataError(f"bundled data file unreadable: {source}: {exc}") from exc
    if not isinstance(document, dict):
        raise DataError(f"data file {source}: must be a JSON object of tables")
    for name, table in document.items():
        if not isinstance(table, Mapping):
            raise DataError(
                f"data file {source}: table '{name}' must be an object of records "
                "(document id -> object)"
            )
        for doc_id, doc in table.items():
            if not isinstance(doc, Mapping):
                raise DataError(
                    f"data file {source}: table '{name}', record {visible(doc_id)}: "
                    f"a record must be an object, got {type(doc).__name__}"
                )
    return document


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def data_root() -> Path:
    """The directory holding ``content/`` and ``geo/``: installed copy first, then the checkout.

    pip installs the package as files on disk, so a path next to this module is enough (and
    spares every command the import of ``importlib.resources``).
    """
    here = Path(__file__).resolve().parent
    installed = here / "_data"
    if installed.is_dir():
        return installed
    checkout = here.parent / "data"
    if checkout.is_dir():
        return checkout
    raise DataError("bundled data not found: reinstall parcours")


def open_db(source: Path) -> TinyDB:
    """Open one bundled TinyDB file read-only (TinyDB is imported here, on first use)."""
    from tinydb import TinyDB

    from .readonly_db import ReadOnlyStorage

    return TinyDB(source, storage=ReadOnlyStorage)


def read_tables(source: Path) -> dict[str, list[dict[str, Any]]]:
    """All tables of one bundled database as lists of plain dicts, in document order."""
    return {
        name: [dict(doc) for doc in table.values()] for name, table in read_document(source).items()
    }
