"""The `parcours` launcher: the bare command goes to the TUI, everything else to Typer."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("args", "options"),
    [
        ([], {}),
        (["--lang", "en"], {"lang": "en"}),
        (["--lang=en", "--no-mouse"], {"lang": "en", "mouse": False}),
        (["--no-mouse"], {"mouse": False}),
        (["--blink", "--lang", "en"], {"blink": True, "lang": "en"}),
        (["--lang", "de"], None),  # the CLI explains the bad value
        (["--lang"], None),
        (["--help"], None),
        (["--version"], None),
        (["plan", "--answers", "x"], None),
        (["--no-mouse", "--no-mouse"], None),
    ],
)
def test_launcher_sends_only_the_bare_command_to_the_tui(args, options):
    from parcours.wizard.launch import tui_options

    assert tui_options(args) == options
