"""Find and open the bundled, read-only TinyDB databases.

Installed, the content sits inside the package (``parcours/wizard/_data``); in a source
checkout it is the top-level ``data/`` folder. It is never opened for writing, never created.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from .errors import DataError
from .files import NotRegularFile, read_regular
from .safe_text import visible

MAX_BYTES = 20_000_000  # the largest bundled file is under 1 MB; refuse anything absurd


class ReadOnlyStorage(Storage):
    """TinyDB storage that reads a JSON document once and refuses every write."""

    def __init__(self, source: Traversable | Path) -> None:
        self._source = source
        self._document: dict[str, Any] | None = None

    def read(self) -> dict[str, Any] | None:
        # TinyDB reads the storage once per table access; parse the file only once.
        if self._document is None:
            self._document = self._parse()
        return self._document

    def _parse(self) -> dict[str, Any]:
        source = self._source
        try:
            if isinstance(source, os.PathLike):
                # Only a regular file is opened (a FIFO would block), and only so much of it.
                raw = read_regular(source, MAX_BYTES + 1)
            else:
                raw = source.read_bytes()
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

    def write(self, data: dict[str, Any]) -> None:
        raise PermissionError("the bundled content is read-only")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def data_root() -> Traversable:
    """The directory holding ``content/`` and ``geo/``: installed copy first, then the checkout."""
    installed = resources.files(__package__ or "parcours.wizard").joinpath("_data")
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parent.parent / "data"
    if checkout.is_dir():
        return checkout
    raise DataError("bundled data not found: reinstall parcours")


def open_db(source: Traversable | Path) -> TinyDB:
    """Open one bundled TinyDB file read-only."""
    return TinyDB(source, storage=ReadOnlyStorage)


def read_tables(source: Traversable | Path) -> dict[str, list[dict[str, Any]]]:
    """All tables of one bundled database as lists of plain dicts, in document-id order."""
    db = open_db(source)
    try:
        return {name: [dict(doc) for doc in db.table(name).all()] for name in db.tables()}
    finally:
        db.close()
