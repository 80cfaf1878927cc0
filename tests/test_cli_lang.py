"""The command line's language: chosen once per run, Click's words included."""

from __future__ import annotations

import gettext
import subprocess
import sys

import pytest
from parcours.wizard.cli_lang import CLICK_FR, DOMAIN, LOCALE_DIR, OURS_FR, detect

from .test_cli import ROOT


@pytest.mark.parametrize(
    ("argv", "env", "lang"),
    [
        ([], {}, "fr"),
        ([], {"LANG": "C.UTF-8"}, "fr"),
        ([], {"LANG": "en_US.UTF-8"}, "en"),
        ([], {"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        (["--lang", "en"], {"LANG": "fr_FR.UTF-8"}, "en"),
        (["plan", "--lang=fr"], {"LANG": "en_US.UTF-8"}, "fr"),
        (["--lang", "xx"], {"LANG": "en_GB.UTF-8"}, "en"),
    ],
)
def test_the_language_comes_from_lang_then_the_locale_then_french(argv, env, lang):
    assert detect(argv, env) == lang


def test_the_shipped_catalogue_is_a_fresh_build_and_gettext_reads_it():
    result = subprocess.run(
        [sys.executable, str(ROOT / "data" / "build_locale.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    catalogue = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=["fr"])
    assert catalogue.gettext("Missing option") == "Option manquante"
    assert catalogue.ngettext(
        "{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 3
    ) == ("{value!r} n'est pas parmi {choices}.")
    some_ours = next(iter(OURS_FR))
    assert catalogue.gettext(some_ours) == OURS_FR[some_ours]


def test_every_translation_keeps_the_fields_of_its_message():
    import re

    def fields(text: str) -> list[str]:
        return sorted(re.findall(r"\{[^}]*\}", text))

    for key, value in {**OURS_FR, **CLICK_FR}.items():
        pairs = zip(key, value, strict=True) if isinstance(key, tuple) else [(key, value)]
        for en, fr in pairs:
            assert fields(en) == fields(fr), (en, fr)
