"""A TinyDB storage over a bundled file: read once, every write refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .resources import read_document


class ReadOnlyStorage(Storage):
    """TinyDB storage that reads a JSON document once and refuses every write."""

    def __init__(self, source: Path) -> None:
        self._source = source
        self._document: dict[str, Any] | None = None

    def read(self) -> dict[str, Any] | None:
        # TinyDB reads the storage once per table access; parse the file only once.
        if self._document is None:
            self._document = read_document(self._source)
        return self._document

    def write(self, data: dict[str, Any]) -> None:
        raise PermissionError("the bundled content is read-only")
