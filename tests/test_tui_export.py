"""The plan screen's "Exporter" and "QR code", driven with the Pilot at 80x24, keyboard only."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from parcours.screens.confirm import ConfirmScreen
from parcours.screens.export import ExportScreen
from parcours.screens.plan import PlanScreen
from parcours.screens.qr import QrScreen
from parcours.wizard.session import SessionData, Sessions
from textual import events
from textual.widgets import Input, Static

from tests.examples import OFPRA_REFUSED_10_DAYS
from tests.qr_decode import ZBARIMG, decode, modules, write_png
from tests.tui_support import HOLDER, build_app, choose, screen_text, settle, walk


def resumed_app(content, sessions: Path, answers: dict, lang: str = "fr", **options):
    """The app with a saved session holding complete answers: resuming it opens the plan at once
    (the walk through the questions is tested elsewhere; here it would only cost time). The
    session's resume code is kept on the app for the kiosk tests, where only the code resumes."""
    saved = Sessions(sessions).create()
    assert saved.save(SessionData("main", lang, dict(answers))) is None
    code = saved.code
    saved.close()
    app = build_app(content, sessions, lang=lang, **options)
    app.test_resume_code = code  # type: ignore[attr-defined]
    return app


async def resume(pilot) -> None:
    await settle(pilot)
    if pilot.app.kiosk:  # a shared account offers no "last session": the code resumes
        await choose(pilot, "code", "actions")
        await pilot.press(*pilot.app.test_resume_code.replace("-", " "), "enter")
    else:
        await choose(pilot, "resume_last", "actions")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PlanScreen), screen_text(pilot.app)


SIZE = (80, 24)


@pytest.fixture
def session(tmp_path: Path) -> Path:
    """The sessions folder (issue 9: one file per session)."""
    return tmp_path / "data" / "sessions"


async def test_first_screen_of_the_plan_shows_the_most_urgent_dated_action(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await walk(pilot, OFPRA_REFUSED_10_DAYS)
        assert isinstance(app.screen, PlanScreen)
        first = screen_text(app)
        assert "EN BREF" in first
        # 13/12/2026 is a Sunday: the appeal runs to Monday 14/12 (issue 13's counting).
        assert "Recours devant la CNDA" in first and "lundi 14 décembre 2026" in first
        assert "URGENT, dans 21 jours" in first and "le 13 décembre est un dimanche" in first
        assert "Ceci n'est pas un avis juridique" in first
        assert ".txt" not in first


async def test_readme_example_plan_starts_with_its_next_date(content, session):
    app = build_app(content, session)
    async with app.run_test(size=SIZE) as pilot:
        await walk(pilot, HOLDER)
        first = screen_text(app)
        assert "EN BREF" in first and "dimanche 31 janvier 2027" in first
        assert "Où aller" in first and "Seine-Saint-Denis" in first


@pytest.mark.skipif(ZBARIMG is None, reason="zbarimg (Debian zbar-tools) is not installed")
@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_qr_code_on_screen_decodes_to_the_summary(content, session, tmp_path, lang):
    app = resumed_app(content, session, OFPRA_REFUSED_10_DAYS, lang)
    async with app.run_test(size=SIZE) as pilot:
        await resume(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QrScreen)
        drawn = screen.query_one("#qr-code", Static).content
        matrix = modules(drawn)
        # It fits the 80x24 screen: one text line holds two module rows; the footer keeps one.
        assert len(matrix) // 2 <= SIZE[1] - 1 and len(matrix[0]) <= SIZE[0]
        text = decode(write_png(matrix, tmp_path / "qr.png"))
        assert text == screen.summary_text
        assert text.startswith("! ")  # the urgent deadline's own mark
        assert ("Recours devant la CNDA" if lang == "fr" else "CNDA") in text
        # The short summary is offered, and it decodes too.
        await pilot.press("s")
        await settle(pilot)
        drawn = screen.query_one("#qr-code", Static).content
        assert decode(write_png(modules(drawn), tmp_path / "short.png")) == screen.summary_text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)


async def _export(pilot, fmt: str, folder: Path | None) -> ExportScreen:
    await pilot.press("e")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportScreen)
    await choose(pilot, fmt, "export-formats")
    box = dialog.query_one("#export-dir", Input)
    if folder is not None:
        box.value = str(folder)
        await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    return dialog


async def test_export_writes_the_chosen_format_and_asks_before_replacing(
    content, session, tmp_path
):
    folder = tmp_path / "out"
    folder.mkdir()
    app = resumed_app(content, session, HOLDER)
    async with app.run_test(size=SIZE) as pilot:
        await resume(pilot)
        dialog = await _export(pilot, "html", folder)
        written = folder / "plan-2026-11-23.html"
        assert isinstance(app.screen, PlanScreen), screen_text(app)
        html = written.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and "EN BREF" in html
        assert written.stat().st_mode & 0o777 == 0o600
        # Again: the file exists, so the dialog asks; "no" keeps the old file untouched.
        written.write_text("old", encoding="utf-8")
        dialog = await _export(pilot, "html", folder)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert written.read_text(encoding="utf-8") == "old"
        assert app.screen is dialog
        # Confirm the folder again, and say yes this time.
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert isinstance(app.screen, PlanScreen)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
async def test_export_to_a_read_only_folder_is_a_message_and_the_session_goes_on(
    content, session, tmp_path
):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        await _read_only_export(content, session, folder)
    finally:
        folder.chmod(0o700)


async def test_export_to_a_missing_folder_is_a_message(content, session, tmp_path):
    await _read_only_export(content, session, tmp_path / "missing" / "folder")


@pytest.mark.parametrize(
    ("where", "code"), [("open", errno.EROFS), ("fsync", errno.ENOSPC), ("link", errno.EACCES)]
)
async def test_read_only_or_full_disk_is_a_message_and_the_session_goes_on(
    content, session, tmp_path, monkeypatch, where, code
):
    """The file system refuses (read-only, no space left, permission) at any step of the write:
    one line in the dialog, no file and no temporary file left, and the wizard goes on."""
    import parcours.wizard.files as files

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    # The file system refuses only once the plan shows (the session is saved and locked before).
    await _read_only_export(
        content, session, tmp_path, lambda: monkeypatch.setattr(files.os, where, refuse)
    )
    assert list(tmp_path.iterdir()) == [session.parent] or not list(tmp_path.glob("*plan*"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file


async def _read_only_export(content, session, folder: Path, then=None) -> None:
    app = resumed_app(content, session, HOLDER)
    async with app.run_test(size=SIZE) as pilot:
        await resume(pilot)
        if then is not None:
            then()
        dialog = await _export(pilot, "md", folder)
        assert app.screen is dialog
        error = str(dialog.query_one("#export-error", Static).content)
        assert "Impossible d'enregistrer le plan" in error and "\n" not in error
        assert "cannot" not in error  # the reason in French, not the system's English
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("c")  # the session goes on
        await settle(pilot)
        assert isinstance(app.screen, QrScreen)


async def test_kiosk_without_an_export_folder_offers_no_export(content, session):
    app = resumed_app(content, session, HOLDER, kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await resume(pilot)
        assert "Exporter" not in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, QrScreen)


async def test_kiosk_exports_only_to_its_configured_folder(content, session, tmp_path):
    app = resumed_app(content, session, HOLDER, kiosk=True, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await resume(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query_one("#export-dir", Input).disabled
        await choose(pilot, "text", "export-formats")
        assert (
            (tmp_path / "plan-2026-11-23.txt")
            .read_text(encoding="utf-8")
            .startswith("PLAN D'ACTION")
        )
        assert isinstance(app.screen, PlanScreen)


async def test_a_hostile_folder_typed_for_export_is_shown_as_text_and_refused_in_one_line(
    content, session, tmp_path
):
    """Markup, an action payload and escape sequences typed as the export folder: the preview
    shows them as visible text, the write fails in one line, and nothing is written."""
    typed = "[@click=app.quit]x[/]\x1b]0;pwned\x07\x1b[2J[b]" + "y" * 300
    app = resumed_app(content, session, HOLDER)
    async with app.run_test(size=SIZE) as pilot:
        await resume(pilot)
        dialog = await _export(pilot, "text", tmp_path / typed)
        assert app.screen is dialog and app.is_running
        shown = str(dialog.query_one("#export-file", Static).content)
        assert "[@click=app.quit]x[/]" in shown and "\\x1b]0;pwned\\x07" in shown
        assert "\x1b" not in shown and "\x07" not in shown and len(shown) < 260
        error = str(dialog.query_one("#export-error", Static).content)
        assert "Impossible d'enregistrer le plan" in error and "\n" not in error
        assert "\x1b" not in error
        box = dialog.query_one("#export-dir", Input)
        box.value = ""
        box.focus()
        box.post_message(events.Paste("z" * 5000))  # a huge paste into the folder box
        await settle(pilot)
        assert len(box.value) <= 1024  # the box keeps a bounded folder name
        box.post_message(events.Paste("abc"))  # while a short paste goes in
        await settle(pilot)
        assert box.value == "abc"
    assert not [p for p in tmp_path.iterdir() if p.name != session.name and p != session.parent]
