"""Placeholder until the Textual wizard lands (issue 3)."""

from __future__ import annotations


def run() -> None:
    import sys

    print(
        "parcours: the interactive wizard is not built yet; use 'parcours step' and "
        "'parcours plan' (see parcours --help).",
        file=sys.stderr,
    )
    raise SystemExit(2)
