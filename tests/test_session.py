"""Sessions: one file per person, locked while open, resumed with a code, expired, cleaned up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from parcours.wizard.resume_code import WORDS, canonical, looks_like_code, new_code, normalize
from parcours.wizard.session import (
    FAILURE_WINDOW,
    MAX_FAILURES,
    CodeRefused,
    Session,
    SessionData,
    Sessions,
    default_dir,
    ttl_from,
)

ROOT = Path(__file__).resolve().parent.parent


class Clock:
    """A clock the test moves; it starts at the real time, which file times follow."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def test_codes_are_two_words_and_two_digits_read_aloud_any_way():
    assert len(WORDS) == len(set(WORDS)) == 256
    assert all(w.isascii() and w.isalpha() and w.islower() for w in WORDS)
    for _ in range(50):
        code = new_code()
        first, second, digits = code.split("-")
        assert first in WORDS and second in WORDS and len(digits) == 2 and digits.isdigit()
        assert canonical(code.upper().replace("-", " ")) == code
    assert normalize("Pommé  Lune-42") == normalize("pomme.lune 42") == "pommelune42"
    assert not looks_like_code("42") and not looks_like_code("pomme lune")
    assert canonical("pomme lune 4") is None


def test_save_then_resume_with_the_code(tmp_path: Path):
    sessions = Sessions(tmp_path / "s")
    session = sessions.create()
    answers = {"situation": "ps_holder", "married": False, "document_expiry": None, "n": 3}
    assert session.save(SessionData("main", "en", answers)) is None
    session.close()
    # The file holds no code, only its salted hash, and is readable by its owner alone.
    (path,) = sessions.dir.glob("*.json")
    text = path.read_text(encoding="utf-8")
    assert session.code not in text and session.code.replace("-", "") not in text
    assert path.stat().st_mode & 0o777 == 0o600
    assert sessions.dir.stat().st_mode & 0o777 == 0o700
    # Only the session and its lock file are left: the temporary file was renamed over it.
    assert sorted(p.suffix for p in sessions.dir.iterdir()) == [".json", ".lock"]
    opened = sessions.open_with_code(session.code.replace("-", " ").title())
    assert isinstance(opened, Session) and opened.id == session.id
    assert opened.code == session.code  # shown the same way it was first shown
    assert opened.load().data == SessionData("main", "en", answers)


def test_every_session_is_its_own_file(tmp_path: Path):
    sessions = Sessions(tmp_path)
    a, b = sessions.create(), sessions.create()
    assert a.id != b.id and a.code != b.code
    a.save(SessionData(answers={"who": "a"}))
    b.save(SessionData(answers={"who": "b"}))
    a.save(SessionData(answers={"who": "a", "more": 1}))
    assert b.load().data == SessionData(answers={"who": "b"})
    assert a.load().data == SessionData(answers={"who": "a", "more": 1})


def test_an_open_session_cannot_be_opened_twice(tmp_path: Path):
    sessions = Sessions(tmp_path)
    a = sessions.create()
    a.save(SessionData(answers={"x": 1}))
    assert sessions.latest() is None
    assert sessions.open_with_code(a.code) == CodeRefused("in_use")
    a.close()
    info = sessions.latest()
    assert info is not None and info.id == a.id and info.answers == 1
    again = sessions.open_latest(info)
    assert again is not None and again.code != a.code  # a new code; the old one is gone
    again.save(SessionData(answers={"x": 1}))
    again.close()
    assert isinstance(sessions.open_with_code(a.code), CodeRefused)


def test_the_lock_dies_with_the_process(tmp_path: Path):
    # A wizard killed without closing (dropped SSH connection) leaves a resumable session.
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from parcours.wizard.session import Sessions, SessionData
        s = Sessions(__import__("pathlib").Path({str(tmp_path)!r})).create()
        s.save(SessionData(answers={{"a": 1}}))
        print(s.code, flush=True)
        os._exit(0)
        """
    )
    code = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=True
    ).stdout.strip()
    opened = Sessions(tmp_path).open_with_code(code)
    assert isinstance(opened, Session)


def test_wrong_codes_are_limited_per_account(tmp_path: Path):
    clock = Clock()
    sessions = Sessions(tmp_path, now=clock)
    real = sessions.create()
    real.save(SessionData(answers={"x": 1}))
    real.close()
    wrong = next(f"{w}-{w}-00" for w in WORDS if f"{w}-{w}-00" != real.code)
    for _ in range(MAX_FAILURES - 1):
        assert sessions.open_with_code(wrong).reason == "wrong"  # type: ignore[union-attr]
    refused = sessions.open_with_code(wrong)
    assert isinstance(refused, CodeRefused) and refused.reason == "locked_out"
    # Even the right code waits now (another connection of the same account shares the count).
    other = Sessions(tmp_path, now=clock)
    refused = other.open_with_code(real.code)
    assert isinstance(refused, CodeRefused) and refused.reason == "locked_out"
    assert 0 < refused.retry_after <= FAILURE_WINDOW
    # Malformed input is refused without counting.
    assert other.open_with_code("hello") == CodeRefused("malformed")
    clock.now += FAILURE_WINDOW + 1
    assert isinstance(other.open_with_code(real.code), Session)


def test_expired_sessions_and_leftovers_are_deleted_at_start_up(tmp_path: Path):
    clock = Clock()
    sessions = Sessions(tmp_path / "sessions", ttl=3600, now=clock)
    old, fresh, open_ = sessions.create(), sessions.create(), sessions.create()
    for s in (old, fresh, open_):
        s.save(SessionData(answers={"x": 1}))
    old.close()
    fresh.close()
    long_ago = clock.now - 7200
    os.utime(old.path, (long_ago, long_ago))
    os.utime(open_.path, (long_ago, long_ago))  # expired but still open in a running wizard
    tmp = sessions.dir / f".{fresh.id}.json.abc.tmp"  # an interrupted save
    tmp.write_text("{")
    os.utime(tmp, (long_ago, long_ago))
    legacy = tmp_path / "session.json"  # the shared file of earlier versions
    legacy.write_text('{"version": 1}')
    cleaned = sessions.clean_up()
    assert cleaned.problems == [] and cleaned.moved == []
    assert not old.path.exists() and not tmp.exists() and not legacy.exists()
    assert not (sessions.dir / f"{old.id}.lock").exists()
    assert fresh.path.exists() and open_.path.exists()
    # An expired session is not resumable even before the clean-up.
    clock.now += 3 * 3600
    assert sessions.open_with_code(fresh.code) == CodeRefused("wrong")


def test_delete_removes_the_session_and_its_lock(tmp_path: Path):
    sessions = Sessions(tmp_path)
    s = sessions.create()
    s.save(SessionData(answers={"a": 1}))
    assert s.delete() is None
    assert list(tmp_path.iterdir()) == [tmp_path / "attempts"] or list(tmp_path.iterdir()) == []
    assert s.save(SessionData()) is not None  # a deleted session is closed


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", b'{"version": 99}', b'{"version": 2, "flow": 3}', b"\xff\xfe"],
)
def test_corrupt_file_is_moved_aside_not_overwritten(tmp_path: Path, content: bytes):
    sessions = Sessions(tmp_path)
    s = sessions.create()
    s.save(SessionData(answers={"a": 1}))
    s.close()
    s.path.write_bytes(content)
    cleaned = sessions.clean_up()
    assert len(cleaned.moved) == 1 and cleaned.moved[0].read_bytes() == content
    assert not s.path.exists()


def test_save_into_a_file_path_is_reported_not_raised(tmp_path: Path):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    session = Sessions(blocker / "sessions").create()  # the wizard still works...
    problem = session.save(SessionData())
    assert problem and "cannot save" in problem["en"]  # ...and says why nothing is saved
    assert "enregistrement impossible" in problem["fr"] and "File exists" not in problem["fr"]


def test_default_dir_follows_xdg_data_home(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_dir() == tmp_path / "parcours" / "sessions"


def test_session_lifetime_from_hours():
    assert ttl_from(None) == ttl_from("") == 24 * 3600
    assert ttl_from("0.5") == 1800
    for bad in ("0", "-1", "abc", "9999"):
        with pytest.raises(ValueError):
            ttl_from(bad)


def test_session_files_hold_only_what_resuming_needs(tmp_path: Path):
    s = Sessions(tmp_path).create()
    s.save(SessionData("main", "fr", {"a": 1}))
    doc = json.loads(s.path.read_text(encoding="utf-8"))
    assert set(doc) == {"version", "id", "saved", "salt", "code_hash", "flow", "lang", "answers"}


# -- hostile files in the sessions folder (issue 10's protections on per-person sessions) ------


def run_bounded(action, timeout: float = 10.0):
    """Run ``action`` in a thread; fail if it hangs (a FIFO opened for reading would)."""
    import threading

    found: list = []
    worker = threading.Thread(target=lambda: found.append(action()), daemon=True)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), "waits on a FIFO"
    return found[0]


def test_fifos_in_the_sessions_folder_never_hang_and_are_reported_in_french_and_english(
    tmp_path: Path,
):
    sessions = Sessions(tmp_path)
    live = sessions.create()
    code = live.code
    live.save(SessionData("main", "fr", {"a": 1}))
    live.close()
    fifo = tmp_path / ("f" * 32 + ".json")
    os.mkfifo(fifo)
    os.mkfifo(tmp_path / ("e" * 32 + ".lock"))
    loaded = run_bounded(lambda: sessions.read(fifo))
    assert loaded.data is None and loaded.moved_to is None
    assert "not a regular file" in loaded.problem["en"]
    assert "fichier ordinaire" in loaded.problem["fr"]
    cleaned = run_bounded(sessions.clean_up)
    assert any("fichier ordinaire" in p["fr"] for p in cleaned.problems)
    assert run_bounded(sessions.latest).answers == 1  # the real session is still offered
    opened = run_bounded(lambda: sessions.open_with_code(code))
    assert isinstance(opened, Session)
    opened.close()


def test_a_fifo_as_the_attempts_file_makes_codes_unavailable_not_a_hang(tmp_path: Path):
    os.mkfifo(tmp_path / "attempts")
    refused = run_bounded(lambda: Sessions(tmp_path).open_with_code(new_code()))
    assert refused == CodeRefused("unavailable")


def test_a_link_planted_as_a_session_file_is_not_followed(tmp_path: Path):
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"version": 2}), encoding="utf-8")
    folder = tmp_path / "sessions"
    folder.mkdir()
    link = folder / ("a" * 32 + ".json")
    link.symlink_to(secret)
    loaded = Sessions(folder).read(link)
    assert loaded.data is None and loaded.problem and loaded.moved_to is None
    assert "liens symboliques" in loaded.problem["fr"]
    assert secret.exists() and link.is_symlink()


@pytest.mark.parametrize("saved", ["Infinity", "NaN", "-1", "1e300"])
def test_a_session_saved_at_no_real_time_is_moved_aside(tmp_path: Path, saved: str):
    sessions = Sessions(tmp_path)
    s = sessions.create()
    s.save(SessionData("main", "fr", {"a": 1}))
    s.close()
    text = s.path.read_text(encoding="utf-8")
    doc = json.loads(text)
    s.path.write_text(text.replace(json.dumps(doc["saved"]), saved, 1), encoding="utf-8")
    assert sessions.latest() is None  # never offered, never a crash on its date
    loaded = sessions.read(s.path)
    assert loaded.moved_to is not None
    assert loaded.problem == {
        "fr": "fichier de reprise d'un format inconnu",
        "en": "session file has an unknown format",
    }


def test_problems_on_delete_are_in_french_and_english(tmp_path: Path):
    s = Sessions(tmp_path).create()
    s.path.mkdir()  # something that cannot be unlinked where the file should be (root too)
    problem = s.delete()
    assert (
        problem and "suppression impossible" in problem["fr"] and "cannot delete" in problem["en"]
    )
    assert "c'est un dossier" in problem["fr"]
