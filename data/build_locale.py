"""Compile the command line's French catalogue: ``wizard/locale/fr/LC_MESSAGES/parcours_cli.mo``.

The words are in ``wizard/cli_lang.py`` (``CLICK_FR``: Click's and Typer's own messages by their
gettext ids; ``OURS_FR``: ours, looked up directly and also written here). The catalogue is a
GNU ``.mo`` file, written byte for byte the same from the same words (sorted ids, no hash
table), so a test can compare the shipped file with a fresh build.

Run: ``python data/build_locale.py`` (``--check``: exit 1 when the shipped file is stale).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parcours.wizard.cli_lang import CLICK_FR, DOMAIN, LOCALE_DIR, OURS_FR  # noqa: E402

TARGET = LOCALE_DIR / "fr" / "LC_MESSAGES" / f"{DOMAIN}.mo"
HEADER = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n > 1);\n"


def catalogue() -> bytes:
    """The .mo file's bytes."""
    entries: dict[bytes, bytes] = {b"": HEADER.encode("utf-8")}
    for key, value in {**OURS_FR, **CLICK_FR}.items():
        if isinstance(key, tuple):
            assert isinstance(value, tuple)
            entries["\0".join(key).encode("utf-8")] = "\0".join(value).encode("utf-8")
        else:
            assert isinstance(value, str)
            entries[key.encode("utf-8")] = value.encode("utf-8")
    ids = sorted(entries)
    count = len(ids)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    table_o, table_t, blob = [], [], b""
    for key in ids:
        table_o.append((len(key), data_at + len(blob)))
        blob += key + b"\0"
    for key in ids:
        value = entries[key]
        table_t.append((len(value), data_at + len(blob)))
        blob += value + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, data_at)
    body = b"".join(struct.pack("<2I", *pair) for pair in table_o + table_t)
    return head + body + blob


def main() -> None:
    fresh = catalogue()
    if "--check" in sys.argv[1:]:
        if not TARGET.is_file() or TARGET.read_bytes() != fresh:
            print("build_locale: the catalogue is stale: run python data/build_locale.py")
            raise SystemExit(1)
        print("build_locale: the catalogue is up to date")
        return
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(fresh)
    print(f"build_locale: wrote {TARGET.relative_to(ROOT)} ({len(fresh)} bytes)")


if __name__ == "__main__":
    main()
